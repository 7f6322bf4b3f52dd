//! `tcp_inet`: a TCP socket behind a port. States as `inet_drv`'s:
//! opened (maybe bound), listening (acceptors wait in a queue),
//! connecting, connected, closed (the peer closed in passive mode, or
//! after an error). Input is read only while someone wants it (an
//! active socket, a pending `recv`), cut into packets (`{packet, _}` by
//! `data::packet`) and delivered; output not taken by the kernel waits
//! in `outq` until the socket is writable.

use super::busy::Answer;
use super::{
    addr, async_error, async_reply, be, common_control, data_term, deadline, err, err_name,
    inet_reply, ok, sys, Active, Sock,
};
use crate::data::build::make_tuple;
use crate::data::packet::{self, http, Length, PacketType};
use crate::heap::ctx::Ctx;
use crate::io::port::driver::{create_port, Cx, VmDriver};
use crate::term::{atom, Term};
use std::collections::VecDeque;
use std::time::Instant;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum State {
    Open,
    Listening,
    Connecting,
    Connected,
    /// The connection ended (port kept: passive mode or no exit on close).
    Closed,
}

/// A received packet: bytes, or a parsed HTTP line (`_bin` strings).
enum Pkt {
    Bytes(Vec<u8>),
    Http(Vec<u8>, http::Http, bool),
}

impl Pkt {
    fn is_http(&self) -> bool {
        matches!(self, Pkt::Http(..))
    }

    fn term(&self, ctx: &mut Ctx, binary: bool, header: u32) -> Term {
        match self {
            Pkt::Bytes(d) => data_term(ctx, binary, header, d),
            Pkt::Http(pkt, h, bin) => packet::term::http_term(ctx, pkt, h, *bin),
        }
    }
}

/// A process waiting for an async operation.
#[derive(Clone, Copy)]
struct Waiter {
    caller: Term,
    r: u16,
    until: Option<Instant>,
}

pub struct Tcp {
    s: Sock,
    state: State,
    acceptors: VecDeque<Waiter>,
    connector: Option<Waiter>,
    /// A pending `recv` and its length (0: a packet / what is there).
    recv: Option<(Waiter, usize)>,
    inbuf: Vec<u8>,
    outq: VecDeque<u8>,
    /// The peer closed its side (end of stream read).
    eof: bool,
    /// A send after the connection closed answers `closed`, not `enotconn`.
    closed_send: bool,
    /// Shut the write side once `outq` drained.
    shut_wr: Option<i32>,
    /// HTTP header state of `{packet, http}` (after the start line).
    http_headers: bool,
    /// The end of the connection was reported to an active owner (the
    /// port stays: `{exit_on_close, false}`); not again.
    closed_told: bool,
    /// Senders waiting for the queue to drain (`busy.rs`).
    gate: super::busy::SendGate,
}

/// Bytes read per system call.
const READ_CHUNK: usize = 64 * 1024;

impl Tcp {
    pub fn new(s: Sock) -> Tcp {
        Tcp {
            s,
            state: State::Open,
            acceptors: VecDeque::new(),
            connector: None,
            recv: None,
            inbuf: Vec::new(),
            outq: VecDeque::new(),
            eof: false,
            closed_send: false,
            shut_wr: None,
            http_headers: false,
            closed_told: false,
            gate: Default::default(),
        }
    }

    fn connected(fd: std::os::fd::OwnedFd, from: &Sock) -> Tcp {
        let mut s = Sock::new();
        s.v6 = from.v6;
        s.local = from.local;
        s.fd = Some(fd);
        let o = &from.opts;
        s.opts = super::Opts {
            active: Active::Passive,
            packet: o.packet,
            binary: o.binary,
            header: o.header,
            packet_size: o.packet_size,
            delimiter: o.delimiter,
            exit_on_close: o.exit_on_close,
            buffer: o.buffer,
            deliver_term: o.deliver_term,
            send_timeout: o.send_timeout,
            send_timeout_close: o.send_timeout_close,
            delay_send: o.delay_send,
            high_watermark: o.high_watermark,
            low_watermark: o.low_watermark,
            high_msgq_watermark: o.high_msgq_watermark,
            low_msgq_watermark: o.low_msgq_watermark,
            read_packets: o.read_packets,
            show_econnreset: o.show_econnreset,
        };
        let mut t = Tcp::new(s);
        t.state = State::Connected;
        t
    }

    fn packet_type(&self) -> Option<PacketType> {
        Some(match self.s.opts.packet {
            0 => PacketType::Raw,
            1 => PacketType::Len1,
            2 => PacketType::Len2,
            3 => PacketType::Len4,
            4 => PacketType::Asn1,
            5 => PacketType::SunRm,
            6 => PacketType::Cdr,
            7 => PacketType::Fcgi,
            8 => PacketType::Line,
            9 => PacketType::Tpkt,
            10 | 11 | 13 | 14 => PacketType::Http {
                bin: self.s.opts.packet >= 13,
                headers: matches!(self.s.opts.packet, 11 | 14),
            },
            12 => PacketType::SslTls,
            _ => return None,
        })
    }

    /// The next packet's body at the front of `inbuf` (removed), for a
    /// request of `n` bytes (raw mode only); Err: invalid packet.
    fn take_packet(&mut self, n: usize) -> Result<Option<Pkt>, &'static str> {
        let Some(ty) = self.packet_type() else {
            return Err("einval");
        };
        if ty == PacketType::Raw {
            if self.inbuf.is_empty() || (n > 0 && self.inbuf.len() < n) {
                return Ok(None);
            }
            let k = if n > 0 { n } else { self.inbuf.len() };
            self.s.stats.input(k);
            return Ok(Some(Pkt::Bytes(self.inbuf.drain(..k).collect())));
        }
        let o = packet::Options {
            packet_size: self.s.opts.packet_size as u64,
            line_length: self.s.opts.buffer as u64,
            delimiter: self.s.opts.delimiter,
        };
        match packet::get_length(ty, &self.inbuf, &o, &mut self.http_headers) {
            Length::Packet(len) if (len as usize) <= self.inbuf.len() => {
                let pkt: Vec<u8> = self.inbuf.drain(..len as usize).collect();
                self.s.stats.input(pkt.len());
                if let PacketType::Http { bin, .. } = ty {
                    let h = http::parse(&pkt, &mut self.http_headers);
                    return Ok(Some(Pkt::Http(pkt, h, bin)));
                }
                let (off, blen) = packet::body(ty, &pkt);
                Ok(Some(Pkt::Bytes(pkt[off..off + blen].to_vec())))
            }
            Length::Invalid => Err("emsgsize"),
            _ => Ok(None),
        }
    }

    /// Reads what the socket has (while someone wants input).
    fn read_in(&mut self) -> Result<(), i32> {
        let Some(fd) = self.s.fd.as_ref() else {
            return Ok(());
        };
        let mut buf = vec![0u8; READ_CHUNK];
        loop {
            match sys::recv(fd, &mut buf) {
                Ok(0) => {
                    self.eof = true;
                    return Ok(());
                }
                Ok(k) => {
                    self.inbuf.extend_from_slice(&buf[..k]);
                    if k < buf.len() || self.inbuf.len() >= 16 * READ_CHUNK {
                        return Ok(());
                    }
                }
                Err(libc::EAGAIN) => return Ok(()),
                Err(e) => return Err(e),
            }
        }
    }

    fn wants_input(&self) -> bool {
        self.state == State::Connected && !self.eof && self.wanting()
    }

    /// A pending recv or an active socket.
    fn wanting(&self) -> bool {
        self.recv.is_some() || self.s.opts.active != Active::Passive
    }

    /// Delivers complete packets to a pending `recv` or (active) the owner.
    fn deliver(&mut self, cx: &mut Cx) -> Result<(), &'static str> {
        loop {
            if let Some((w, n)) = self.recv {
                match self.take_packet(n)? {
                    Some(d) => {
                        self.recv = None;
                        let (bin, h) = (self.s.opts.binary, self.s.opts.header);
                        async_reply(cx, w.caller, w.r, move |ctx, _| {
                            let t = d.term(ctx, bin, h);
                            make_tuple(ctx, &[atom::intern("ok"), t])
                        });
                        continue;
                    }
                    None => return Ok(()),
                }
            }
            if self.s.opts.active == Active::Passive {
                return Ok(());
            }
            let Some(d) = self.take_packet(0)? else {
                return Ok(());
            };
            let (bin, h) = (self.s.opts.binary, self.s.opts.header);
            cx.send(cx.owner, move |ctx, port| {
                let tag = atom::intern(if d.is_http() { "http" } else { "tcp" });
                let t = d.term(ctx, bin, h);
                make_tuple(ctx, &[tag, port, t])
            });
            self.count_active(cx);
        }
    }

    /// One active message went out: `once` and `N` count down.
    fn count_active(&mut self, cx: &mut Cx) {
        match self.s.opts.active {
            Active::Once => self.s.opts.active = Active::Passive,
            Active::Multi(n) if n <= 1 => self.passive(cx),
            Active::Multi(n) => self.s.opts.active = Active::Multi(n - 1),
            _ => {}
        }
    }

    /// `{active, N}` ran out: passive, and the owner is told.
    fn passive(&mut self, cx: &mut Cx) {
        self.s.opts.active = Active::Passive;
        cx.send(cx.owner, |ctx, port| {
            make_tuple(ctx, &[atom::intern("tcp_passive"), port])
        });
    }

    /// The connection ended (`reason`: `closed` at end of stream, else an
    /// errno name), as `inet_drv`'s `tcp_recv_closed`/`tcp_recv_error`.
    /// Answers `ok` to the senders waiting for the queue to drain, once it
    /// is at the low watermark (`busy.rs`).
    fn release_drained(&mut self, cx: &mut Cx) {
        for c in self
            .gate
            .on_drained(self.outq.len(), self.s.opts.low_watermark)
        {
            inet_reply(cx, c, Ok(()));
        }
    }

    fn ended(&mut self, cx: &mut Cx, reason: &'static str) {
        // A blocked send learns the connection closed, its data dropped
        // (inet_drv's tcp_recv_closed / tcp_recv_error).
        if self.gate.is_busy() {
            self.outq.clear();
            for c in self.gate.take_all() {
                inet_reply(cx, c, Err("closed"));
            }
        }
        self.inbuf.clear();
        let exit = self.s.opts.exit_on_close;
        if exit {
            self.closed_send = true;
            self.state = State::Closed;
        } else {
            // Only the read side ends (`desc_close_read`): sends go on.
            self.eof = true;
            if let Some(fd) = self.s.fd.as_ref() {
                let _ = sys::shutdown(fd, libc::SHUT_RD);
            }
        }
        if self.s.opts.active == Active::Passive {
            if let Some((w, _)) = self.recv.take() {
                async_error(cx, w.caller, w.r, reason);
            }
            if exit {
                self.s.close_fd();
            }
        } else {
            if reason != "closed" {
                cx.send(cx.owner, move |ctx, port| {
                    let r = atom::intern(reason);
                    make_tuple(ctx, &[atom::intern("tcp_error"), port, r])
                });
            }
            cx.send(cx.owner, |ctx, port| {
                make_tuple(ctx, &[atom::intern("tcp_closed"), port])
            });
            self.closed_told = true;
            if exit {
                cx.exit = Some(if reason == "closed" {
                    crate::term::atom::am::NORMAL
                } else {
                    atom::intern(reason)
                });
            }
        }
    }

    /// Reads and delivers; handles the end of the connection.
    fn pump_input(&mut self, cx: &mut Cx) {
        if self.wants_input() {
            if let Err(e) = self.read_in() {
                let name = match e {
                    libc::ECONNRESET if !self.s.opts.show_econnreset => "closed",
                    e => super::errno_name(e),
                };
                self.ended(cx, name);
                return;
            }
        }
        if let Err(name) = self.deliver(cx) {
            self.ended(cx, name);
            return;
        }
        let told = self.closed_told && self.s.opts.active != Active::Passive;
        if self.eof && self.state == State::Connected && self.wanting() && !told {
            // Nothing more will come: a partial packet is dropped.
            self.ended(cx, "closed");
        }
    }

    /// Writes what the socket takes from `outq`.
    fn flush(&mut self) -> Result<(), i32> {
        let Some(fd) = self.s.fd.as_ref() else {
            return Ok(());
        };
        while !self.outq.is_empty() {
            let (a, _) = self.outq.as_slices();
            match sys::send(fd, a) {
                Ok(k) => {
                    self.outq.drain(..k);
                }
                Err(libc::EAGAIN) => return Ok(()),
                Err(e) => return Err(e),
            }
        }
        if let Some(how) = self.shut_wr.take() {
            let _ = sys::shutdown(fd, how);
        }
        Ok(())
    }

    fn accept_ready(&mut self, cx: &mut Cx) {
        // Acceptors that died meanwhile are dropped (erl's driver monitors
        // them), so a connection goes to a live one.
        self.acceptors
            .retain(|w| crate::proc::ptable::lookup(w.caller).is_some_and(|r| r.is_alive()));
        while let Some(w) = self.acceptors.front().copied() {
            let Some(fd) = self.s.fd.as_ref() else {
                return;
            };
            match sys::accept(fd) {
                Ok(nfd) => {
                    self.acceptors.pop_front();
                    let t = Tcp::connected(nfd, &self.s);
                    match create_port("tcp_inet", Box::new(t), w.caller, true) {
                        Some(p) => async_reply(cx, w.caller, w.r, move |ctx, _| {
                            make_tuple(ctx, &[atom::intern("ok"), p])
                        }),
                        None => async_error(cx, w.caller, w.r, "system_limit"),
                    }
                }
                Err(libc::EAGAIN) | Err(libc::ECONNABORTED) => return,
                Err(e) => {
                    self.acceptors.pop_front();
                    async_error(cx, w.caller, w.r, super::errno_name(e));
                }
            }
        }
    }

    fn connect_ready(&mut self, cx: &mut Cx) {
        let Some(fd) = self.s.fd.as_ref() else {
            return;
        };
        let e = sys::getsockopt(fd, libc::SOL_SOCKET, libc::SO_ERROR).unwrap_or(libc::EIO);
        let done = match e {
            0 => match sys::peername(fd) {
                Ok(_) => Ok(()),
                Err(libc::ENOTCONN) => return, // still in progress
                Err(e) => Err(e),
            },
            libc::EINPROGRESS => return,
            e => Err(e),
        };
        let Some(w) = self.connector.take() else {
            return;
        };
        match done {
            Ok(()) => {
                self.state = State::Connected;
                async_reply(cx, w.caller, w.r, |_, _| atom::intern("ok"));
            }
            Err(e) => {
                self.state = State::Open;
                async_error(cx, w.caller, w.r, super::errno_name(e));
            }
        }
    }

    /// Answers waiters whose time ran out.
    fn timeouts(&mut self, cx: &mut Cx) {
        let now = Instant::now();
        let due = |w: &Waiter| w.until.is_some_and(|u| u <= now);
        let mut keep = VecDeque::new();
        for w in self.acceptors.drain(..) {
            if due(&w) {
                async_error(cx, w.caller, w.r, "timeout");
            } else {
                keep.push_back(w);
            }
        }
        self.acceptors = keep;
        if let Some((w, _)) = self.recv {
            if due(&w) {
                self.recv = None;
                async_error(cx, w.caller, w.r, "timeout");
            }
        }
        if let Some(c) = self.gate.on_timer(now, self.s.opts.send_timeout) {
            inet_reply(cx, c, Err("timeout"));
            if self.s.opts.send_timeout_close {
                // inet_drv closes the socket: what is queued is dropped,
                // later operations find it closed.
                self.outq.clear();
                for c in self.gate.take_all() {
                    inet_reply(cx, c, Err("closed"));
                }
                self.state = State::Closed;
                self.s.close_fd();
            }
        }
        if let Some(w) = self.connector {
            if due(&w) {
                self.connector = None;
                self.state = State::Closed;
                self.s.close_fd();
                async_error(cx, w.caller, w.r, "timeout");
            }
        }
    }

    /// Watches what the state needs and arms the timer for the earliest
    /// deadline.
    fn update(&mut self, cx: &Cx) {
        let mut ev = 0u32;
        match self.state {
            State::Listening if !self.acceptors.is_empty() => ev |= libc::EPOLLIN as u32,
            State::Connecting => ev |= libc::EPOLLOUT as u32,
            State::Connected => {
                if self.wants_input() {
                    ev |= libc::EPOLLIN as u32;
                }
                if !self.outq.is_empty() {
                    ev |= libc::EPOLLOUT as u32;
                }
            }
            _ => {}
        }
        self.s.set_events(cx.num, ev);
        let earliest = self
            .acceptors
            .iter()
            .chain(self.recv.iter().map(|(w, _)| w))
            .chain(self.connector.iter())
            .filter_map(|w| w.until)
            .chain(self.gate.deadline())
            .min();
        self.s.arm(cx.num, earliest);
    }

    fn recv_req(&mut self, cx: &mut Cx, data: &[u8]) -> Option<Vec<u8>> {
        if self.state != State::Connected {
            if self.state == State::Closed && self.closed_send {
                return err_name("closed");
            }
            return err(libc::ENOTCONN);
        }
        if self.s.opts.active != Active::Passive || data.len() != 8 {
            return err(libc::EINVAL);
        }
        let ms = be(data, 0, 4)?;
        let n = be(data, 4, 4)? as usize;
        if self.s.opts.packet != 0 && n != 0 {
            return err(libc::EINVAL);
        }
        if n > 64 * 1024 * 1024 {
            return err(libc::ENOMEM);
        }
        if self.recv.is_some() {
            return err(libc::EALREADY);
        }
        let r = self.s.new_ref();
        let w = Waiter {
            caller: cx.caller,
            r,
            until: deadline(ms),
        };
        self.recv = Some((w, n));
        self.pump_input(cx);
        if ms == 0 {
            if let Some((w, _)) = self.recv.take() {
                async_error(cx, w.caller, w.r, "timeout");
            }
        }
        ok(&r.to_be_bytes())
    }

    fn accept_req(&mut self, cx: &mut Cx, data: &[u8]) -> Option<Vec<u8>> {
        if self.state != State::Listening || data.len() != 4 {
            return err(libc::EINVAL);
        }
        let r = self.s.new_ref();
        self.acceptors.push_back(Waiter {
            caller: cx.caller,
            r,
            until: deadline(be(data, 0, 4)?),
        });
        self.accept_ready(cx);
        ok(&r.to_be_bytes())
    }

    fn connect_req(&mut self, cx: &mut Cx, data: &[u8]) -> Option<Vec<u8>> {
        if self.state != State::Open || self.connector.is_some() {
            return err(if self.state == State::Connected {
                libc::EISCONN
            } else {
                libc::EINVAL
            });
        }
        let ms = be(data, 0, 4)?;
        let Some(req) = data.get(4..).and_then(addr::decode) else {
            return err(libc::EINVAL);
        };
        let a = self.s.addr(req);
        let r = self.s.new_ref();
        let fd = self.s.fd.as_ref()?;
        let w = Waiter {
            caller: cx.caller,
            r,
            until: deadline(ms),
        };
        match sys::connect(fd, &a) {
            Ok(()) => {
                self.state = State::Connected;
                async_reply(cx, w.caller, r, |_, _| atom::intern("ok"));
            }
            Err(libc::EINPROGRESS) => {
                self.state = State::Connecting;
                self.connector = Some(w);
            }
            Err(e) => return err(e),
        }
        ok(&r.to_be_bytes())
    }

    fn shutdown_req(&mut self, data: &[u8]) -> Option<Vec<u8>> {
        if self.state != State::Connected && self.state != State::Closed {
            return err(libc::ENOTCONN);
        }
        let how = match data {
            [0] => libc::SHUT_RD,
            [1] => libc::SHUT_WR,
            [2] => libc::SHUT_RDWR,
            _ => return err(libc::EINVAL),
        };
        let Some(fd) = self.s.fd.as_ref() else {
            return err(libc::ENOTCONN);
        };
        if how != libc::SHUT_RD && !self.outq.is_empty() {
            // After what is queued (erl's delayed shutdown).
            self.shut_wr = Some(how);
            return ok(&[]);
        }
        match sys::shutdown(fd, how) {
            Ok(()) => ok(&[]),
            Err(e) => err(e),
        }
    }

    fn after_opts(&mut self, cx: &mut Cx) {
        if self.s.opts.active == Active::Multi(0) {
            self.passive(cx);
        }
        if self.state == State::Connected {
            self.pump_input(cx);
        } else if self.state == State::Closed
            && self.s.opts.active != Active::Passive
            && self.closed_send
            && self.s.fd.is_none()
        {
            // Made active after the connection ended in passive mode.
            cx.send(cx.owner, |ctx, port| {
                make_tuple(ctx, &[atom::intern("tcp_closed"), port])
            });
        }
    }
}

impl VmDriver for Tcp {
    fn output(&mut self, _data: &[u8], _replies: &mut Vec<super::super::Reply>) {}

    fn control_cx(&mut self, cx: &mut Cx, op: u32, data: &[u8]) -> Option<Vec<u8>> {
        let op = op.wrapping_sub(super::CONTROL_MAGIC);
        let r = match op {
            super::REQ_OPEN => super::open(&mut self.s, data, libc::SOCK_STREAM),
            super::REQ_LISTEN => {
                let backlog = be(data, 0, 2).map(|b| b as u16 as i16 as i32);
                match (self.state, self.s.fd.as_ref(), backlog) {
                    (State::Open, Some(fd), Some(b)) => match sys::listen(fd, b) {
                        Ok(()) => {
                            self.state = State::Listening;
                            ok(&[])
                        }
                        Err(e) => err(e),
                    },
                    _ => err(libc::EINVAL),
                }
            }
            super::REQ_ACCEPT => self.accept_req(cx, data),
            super::REQ_CONNECT => self.connect_req(cx, data),
            super::TCP_REQ_RECV => self.recv_req(cx, data),
            super::TCP_REQ_SHUTDOWN => self.shutdown_req(data),
            super::TCP_REQ_UNRECV => {
                let mut v = data.to_vec();
                v.extend_from_slice(&self.inbuf);
                self.inbuf = v;
                ok(&[])
            }
            super::REQ_PEER => match (self.state, self.s.fd.as_ref()) {
                (State::Connected, Some(fd)) => match sys::peername(fd) {
                    Ok(a) => ok(&addr::encode(&a)),
                    Err(e) => err(e),
                },
                _ => err(libc::ENOTCONN),
            },
            super::REQ_GETTYPE => super::type_reply(&self.s, 1),
            super::REQ_GETSTAT => match self.s.stats.reply(data, self.outq.len()) {
                Some(r) => Some(r),
                None => err(libc::EINVAL),
            },
            super::REQ_SETOPTS => {
                let r = super::opts::set(&mut self.s, data);
                self.after_opts(cx);
                r
            }
            _ => match common_control(&mut self.s, op, data) {
                Some(r) => r,
                None => err(libc::EINVAL),
            },
        };
        self.update(cx);
        r
    }

    fn command_cx(&mut self, cx: &mut Cx, data: &[u8]) -> bool {
        let caller = cx.caller;
        if self.state != State::Connected {
            if self.closed_send {
                inet_reply(cx, caller, Err("closed"));
            } else {
                inet_reply(cx, caller, Err("enotconn"));
            }
            return true;
        }
        let mut framed = Vec::with_capacity(data.len() + 4);
        let len = data.len() as u64;
        match self.s.opts.packet {
            // Lengths that do not fit are cut, as erl does (no check).
            1 => framed.push(len as u8),
            2 => framed.extend_from_slice(&(len as u16).to_be_bytes()),
            3 => framed.extend_from_slice(&(len as u32).to_be_bytes()),
            _ => {}
        }
        framed.extend_from_slice(data);
        self.s.stats.output(framed.len());
        let (before, size) = (self.outq.len(), framed.len());
        self.outq.extend(framed);
        match self.flush() {
            Ok(()) => {
                let o = &self.s.opts;
                match self
                    .gate
                    .on_send(caller, before, size, o.high_watermark, o.send_timeout)
                {
                    Answer::Ok => inet_reply(cx, caller, Ok(())),
                    Answer::Timeout => inet_reply(cx, caller, Err("timeout")),
                    Answer::Wait => {}
                }
                // A send that emptied the queue frees the senders waiting on
                // it (no writable event will come for an empty queue).
                self.release_drained(cx);
            }
            Err(e) => {
                self.outq.clear();
                inet_reply(cx, caller, Err("closed"));
                for c in self.gate.take_all() {
                    inet_reply(cx, c, Err("closed"));
                }
                if e == libc::EPIPE || e == libc::ECONNRESET {
                    self.eof = true;
                    self.state = State::Connected;
                    self.ended(cx, "closed");
                }
            }
        }
        self.update(cx);
        true
    }

    fn busy(&self) -> bool {
        self.gate.is_busy()
    }

    fn queue_size(&self) -> usize {
        self.outq.len()
    }

    fn ready(&mut self, cx: &mut Cx) {
        if self.s.timer_fired() {
            self.timeouts(cx);
        }
        match self.state {
            State::Listening => self.accept_ready(cx),
            State::Connecting => self.connect_ready(cx),
            State::Connected => {
                if !self.outq.is_empty() {
                    if let Err(e) = self.flush() {
                        self.outq.clear();
                        let _ = e;
                        for c in self.gate.take_all() {
                            inet_reply(cx, c, Err("closed"));
                        }
                    }
                }
                self.release_drained(cx);
                self.pump_input(cx);
            }
            _ => {}
        }
        if cx.exit.is_none() {
            self.update(cx);
        }
    }
}

impl Drop for Tcp {
    fn drop(&mut self) {
        // What was sent but not written yet still goes out (erl flushes a
        // closing socket's queue), on a thread of its own, blocking.
        if self.outq.is_empty() || self.state != State::Connected {
            return;
        }
        let Some(fd) = self.s.take_fd() else {
            return;
        };
        crate::io::port::output::drain_detached(fd, std::mem::take(&mut self.outq));
    }
}
