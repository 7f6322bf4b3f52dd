//! `udp_inet`: a datagram socket behind a port. `port_command` data is
//! `[Address, AncLen:32, Anc, Data]` (sendto, answered `{inet_reply, S,
//! _}`); a passive `recv` (`PACKET_REQ_RECV`) answers `{ok, [Family,
//! Port:16, IP... | Data]}`; active sockets send `{udp, S, IP, Port,
//! Data}` to the connected process.

use super::{
    addr, async_error, async_reply, be, common_control, data_term, deadline, err, inet_reply, ok,
    sys, Active, Addr, Sock,
};
use crate::data::build::{list_from_slice_tail, make_tuple};
use crate::heap::ctx::Ctx;
use crate::io::port::driver::{Cx, VmDriver};
use crate::term::{atom, Term};
use std::time::Instant;

#[derive(Clone, Copy)]
struct Waiter {
    caller: Term,
    r: u16,
    until: Option<Instant>,
}

pub struct Udp {
    s: Sock,
    recv: Option<Waiter>,
    /// `gen_udp:connect/3` set a default peer.
    connected: bool,
}

/// The largest datagram.
const MAX_DGRAM: usize = 65536;

impl Udp {
    pub fn new(s: Sock) -> Udp {
        Udp {
            s,
            recv: None,
            connected: false,
        }
    }

    fn wants_input(&self) -> bool {
        self.s.fd.is_some() && (self.recv.is_some() || self.s.opts.active != Active::Passive)
    }

    /// Reads datagrams while someone wants them (`read_packets` at most
    /// per readiness when active, as erl).
    fn pump(&mut self, cx: &mut Cx) {
        let mut budget = self.s.opts.read_packets.max(1);
        while self.wants_input() && budget > 0 {
            let Some(fd) = self.s.fd.as_ref() else {
                return;
            };
            let mut buf = vec![0u8; MAX_DGRAM];
            let (n, from) = match sys::recvfrom(fd, &mut buf) {
                Ok((n, Some(a))) => (n, a),
                Ok((_, None)) => continue,
                Err(libc::EAGAIN) => return,
                Err(libc::EINTR) => continue,
                Err(e) => {
                    // ECONNREFUSED from an earlier send and the like: a
                    // waiting recv gets it.
                    if let Some(w) = self.recv.take() {
                        async_error(cx, w.caller, w.r, super::errno_name(e));
                    }
                    return;
                }
            };
            buf.truncate(n);
            self.s.stats.input(n);
            budget -= 1;
            let (bin, h) = (self.s.opts.binary, self.s.opts.header);
            if let Some(w) = self.recv.take() {
                let head = addr::encode(&from);
                async_reply(cx, w.caller, w.r, move |ctx, _| {
                    let d = data_term(ctx, bin, h, &buf);
                    let hs: Vec<Term> = head.iter().map(|&b| Term::small(b as i64)).collect();
                    let l = list_from_slice_tail(ctx, &hs, d);
                    make_tuple(ctx, &[atom::intern("ok"), l])
                });
                continue;
            }
            cx.send(cx.owner, move |ctx, port| {
                let (ip, p) = ip_term(ctx, &from);
                let d = data_term(ctx, bin, h, &buf);
                make_tuple(ctx, &[atom::intern("udp"), port, ip, p, d])
            });
            match self.s.opts.active {
                Active::Once => self.s.opts.active = Active::Passive,
                Active::Multi(k) if k <= 1 => self.passive(cx),
                Active::Multi(k) => self.s.opts.active = Active::Multi(k - 1),
                _ => {}
            }
        }
    }

    fn passive(&mut self, cx: &mut Cx) {
        self.s.opts.active = Active::Passive;
        cx.send(cx.owner, |ctx, port| {
            make_tuple(ctx, &[atom::intern("udp_passive"), port])
        });
    }

    fn update(&mut self, cx: &Cx) {
        let ev = if self.wants_input() {
            libc::EPOLLIN as u32
        } else {
            0
        };
        self.s.set_events(cx.num, ev);
        let until = self.recv.and_then(|w| w.until);
        self.s.arm(cx.num, until);
    }

    fn recv_req(&mut self, cx: &mut Cx, data: &[u8]) -> Option<Vec<u8>> {
        if self.s.fd.is_none() {
            return err(libc::ENOTCONN);
        }
        if self.s.opts.active != Active::Passive || data.len() != 8 {
            return err(libc::EINVAL);
        }
        if self.recv.is_some() {
            return err(libc::EALREADY);
        }
        let ms = be(data, 0, 4)?;
        let r = self.s.new_ref();
        self.recv = Some(Waiter {
            caller: cx.caller,
            r,
            until: deadline(ms),
        });
        self.pump(cx);
        if ms == 0 {
            if let Some(w) = self.recv.take() {
                async_error(cx, w.caller, w.r, "timeout");
            }
        }
        ok(&r.to_be_bytes())
    }
}

impl Udp {
    /// A default peer (synchronous, as for every datagram socket); the
    /// timeout is ignored. The answer is still an async `ok`.
    fn connect_req(&mut self, cx: &mut Cx, data: &[u8]) -> Option<Vec<u8>> {
        let Some(req) = data.get(4..).and_then(addr::decode) else {
            return err(libc::EINVAL);
        };
        let to = self.s.addr(req);
        let r = self.s.new_ref();
        let fd = self.s.fd.as_ref()?;
        if let Err(e) = sys::connect(fd, &to) {
            return err(e);
        }
        self.connected = true;
        async_reply(cx, cx.caller, r, |_, _| atom::intern("ok"));
        ok(&r.to_be_bytes())
    }
}

/// `{IP, Port}` of a sender as terms.
fn ip_term(ctx: &mut Ctx, a: &Addr) -> (Term, Term) {
    match a {
        Addr::V4(ip, p) => {
            let e: Vec<Term> = ip.iter().map(|&b| Term::small(b as i64)).collect();
            (make_tuple(ctx, &e), Term::small(*p as i64))
        }
        Addr::V6(ip, p) => {
            let e: Vec<Term> = ip
                .chunks(2)
                .map(|c| Term::small(u16::from_be_bytes([c[0], c[1]]) as i64))
                .collect();
            (make_tuple(ctx, &e), Term::small(*p as i64))
        }
        // `{local, Path}` and port 0, as inet_drv reports a Unix-domain
        // sender.
        Addr::Local(p) => {
            let path = super::data_term(ctx, true, 0, p.as_bytes());
            (
                make_tuple(ctx, &[atom::intern("local"), path]),
                Term::small(0),
            )
        }
    }
}

impl VmDriver for Udp {
    fn output(&mut self, _data: &[u8], _replies: &mut Vec<super::super::Reply>) {}

    fn control_cx(&mut self, cx: &mut Cx, op: u32, data: &[u8]) -> Option<Vec<u8>> {
        let op = op.wrapping_sub(super::CONTROL_MAGIC);
        let r = match op {
            super::REQ_OPEN => super::open(&mut self.s, data, libc::SOCK_DGRAM),
            super::PACKET_REQ_RECV => self.recv_req(cx, data),
            super::REQ_CONNECT => self.connect_req(cx, data),
            super::REQ_GETTYPE => super::type_reply(&self.s, 2),
            super::REQ_GETSTAT => match self.s.stats.reply(data, 0) {
                Some(r) => Some(r),
                None => err(libc::EINVAL),
            },
            super::REQ_PEER => match self.s.fd.as_ref().map(sys::peername) {
                Some(Ok(a)) => ok(&addr::encode(&a)),
                Some(Err(e)) => err(e),
                None => err(libc::ENOTCONN),
            },
            super::REQ_SETOPTS => {
                let r = super::opts::set(&mut self.s, data);
                if self.s.opts.active == Active::Multi(0) {
                    self.passive(cx);
                }
                self.pump(cx);
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
        let res = (|| {
            let (req, n) = addr::decode_prefix(data).ok_or("einval")?;
            let anc = be(data, n, 4).ok_or("einval")? as usize;
            let body = data.get(n + 4 + anc..).ok_or("einval")?;
            let to = self.s.addr(req);
            let fd = self.s.fd.as_ref().ok_or("einval")?;
            self.s.stats.output(body.len());
            let sent = if self.connected && req == addr::Req::Any(0) {
                // `gen_udp:send/2` on a connected socket.
                sys::send(fd, body)
            } else {
                sys::sendto(fd, body, &to)
            };
            sent.map(|_| ()).map_err(super::errno_name)
        })();
        inet_reply(cx, caller, res);
        true
    }

    fn ready(&mut self, cx: &mut Cx) {
        if self.s.timer_fired() {
            if let Some(w) = self.recv {
                if w.until.is_some_and(|u| u <= Instant::now()) {
                    self.recv = None;
                    async_error(cx, w.caller, w.r, "timeout");
                }
            }
        }
        self.pump(cx);
        self.update(cx);
    }
}
