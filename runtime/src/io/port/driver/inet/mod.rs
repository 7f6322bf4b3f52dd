//! `tcp_inet` and `udp_inet`: the socket drivers `prim_inet` (kernel's
//! `gen_tcp`/`gen_udp` `inet` backend) opens ports on, written over
//! non-blocking sockets. The protocol is erts' `inet_drv`: `port_control`
//! requests answer `[1 | Data]` (ok) or `[0 | ErrnoName]`; long operations
//! (accept, connect, recv) answer a 16-bit reference at once and finish
//! with `{inet_async, S, Ref, Result}` to the caller; `port_command`
//! sends data and answers `{inet_reply, S, ok | {error, R}}`; active
//! sockets deliver `{tcp, S, Data}` / `{udp, S, IP, Port, Data}` to the
//! connected process.
//!
//! A socket's descriptor and its timer (a timerfd for timeouts) are
//! watched by the port poll thread under the port's input key with
//! exactly the events the state needs (readable while something wants
//! data, writable while output waits or a connection is in progress):
//! level-triggered epoll never spins on an idle socket. Every driver
//! call runs under its port's lock, so callers on any scheduler thread
//! and the poll thread never see a socket half-updated.

mod addr;
mod busy;
mod ifaces;
mod opts;
mod stats;
mod sys;
mod tcp;
mod udp;

use super::{Cx, VmDriver};
use crate::data::binary::build::make_binary;
use crate::data::build::{list_from_slice_tail, make_byte_list, make_tuple};
use crate::heap::ctx::Ctx;
use crate::term::{atom, Term};
use std::os::fd::{AsRawFd, OwnedFd};
use std::time::Instant;

pub use sys::Addr;

/// prim_inet adds this to every request number (so that a port of
/// another driver does not take it for one of its own).
pub const CONTROL_MAGIC: u32 = 0x03f1_a300;

// Requests (inet_int.hrl).
pub const REQ_OPEN: u32 = 1;
pub const REQ_CLOSE: u32 = 2;
pub const REQ_CONNECT: u32 = 3;
pub const REQ_PEER: u32 = 4;
pub const REQ_NAME: u32 = 5;
pub const REQ_BIND: u32 = 6;
pub const REQ_SETOPTS: u32 = 7;
pub const REQ_GETOPTS: u32 = 8;
pub const REQ_GETIX: u32 = 9;
pub const REQ_GETSTAT: u32 = 11;
pub const REQ_GETHOSTNAME: u32 = 12;
pub const REQ_GETFD: u32 = 14;
pub const REQ_GETTYPE: u32 = 15;
pub const REQ_GETSTATUS: u32 = 16;
pub const REQ_GETIFLIST: u32 = 21;
pub const REQ_IFGET: u32 = 22;
pub const REQ_GETIFADDRS: u32 = 25;
pub const REQ_ACCEPT: u32 = 26;
pub const REQ_LISTEN: u32 = 27;
pub const REQ_IGNOREFD: u32 = 28;
pub const TCP_REQ_RECV: u32 = 42;
pub const TCP_REQ_UNRECV: u32 = 43;
pub const TCP_REQ_SHUTDOWN: u32 = 44;
pub const PACKET_REQ_RECV: u32 = 60;

pub const REP_ERROR: u8 = 0;
pub const REP_OK: u8 = 1;

pub const AF_INET: u8 = 1;
pub const AF_INET6: u8 = 2;
pub const AF_ANY: u8 = 3;
pub const AF_LOOPBACK: u8 = 4;
pub const AF_LOCAL: u8 = 5;

/// `{active, _}` as the driver keeps it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Active {
    Passive,
    Active,
    Once,
    /// Active for this many more messages.
    Multi(i32),
}

/// The driver-level options every socket has (erts' `inet_descriptor`).
pub struct Opts {
    pub active: Active,
    /// `TCP_PB_*`.
    pub packet: u8,
    pub binary: bool,
    /// Bytes delivered as a list before the binary (`{header, N}`).
    pub header: u32,
    pub packet_size: u32,
    pub delimiter: u8,
    pub exit_on_close: bool,
    pub buffer: u32,
    /// `deliver term` (true) or `port` (`{S, {data, D}}`).
    pub deliver_term: bool,
    pub send_timeout: i64,
    pub send_timeout_close: bool,
    pub delay_send: bool,
    pub high_watermark: u32,
    pub low_watermark: u32,
    pub high_msgq_watermark: u32,
    pub low_msgq_watermark: u32,
    pub read_packets: u32,
    pub show_econnreset: bool,
}

impl Default for Opts {
    fn default() -> Opts {
        Opts {
            active: Active::Passive,
            packet: 0,
            binary: false,
            header: 0,
            packet_size: 0,
            delimiter: b'\n',
            exit_on_close: true,
            buffer: 1460,
            deliver_term: true,
            send_timeout: -1,
            send_timeout_close: false,
            delay_send: false,
            high_watermark: 8192,
            low_watermark: 4096,
            high_msgq_watermark: 8192,
            low_msgq_watermark: 4096,
            read_packets: 5,
            show_econnreset: false,
        }
    }
}

/// What both drivers share: the descriptor, its family, options, the
/// timeout timer and what the poll thread watches.
pub struct Sock {
    pub fd: Option<OwnedFd>,
    pub v6: bool,
    /// A Unix-domain (`local`) socket.
    pub local: bool,
    pub opts: Opts,
    timer: Option<OwnedFd>,
    /// Port number the descriptors are registered under (None: not yet).
    reg: Option<u64>,
    timer_reg: bool,
    events: u32,
    next_ref: u16,
    /// When the timer is set to fire (earliest deadline of the socket).
    armed: Option<Instant>,
    /// `inet:getstat` counters.
    pub stats: stats::Stats,
}

impl Sock {
    fn new() -> Sock {
        Sock {
            fd: None,
            v6: false,
            local: false,
            opts: Opts::default(),
            timer: None,
            reg: None,
            timer_reg: false,
            events: 0,
            next_ref: 0,
            armed: None,
            stats: stats::Stats::default(),
        }
    }

    /// A fresh reference for an async operation.
    pub fn new_ref(&mut self) -> u16 {
        self.next_ref = self.next_ref.wrapping_add(1);
        self.next_ref
    }

    /// Watches the descriptor for `events` (read / write interest).
    pub fn set_events(&mut self, num: u64, events: u32) {
        let Some(fd) = self.fd.as_ref() else {
            return;
        };
        if self.reg == Some(num) && self.events == events {
            return;
        }
        if events == 0 {
            // Out of the set: epoll reports errors and hang-ups even for
            // an empty mask, which would spin on an idle closed socket.
            if self.reg.is_some() {
                super::super::poll::unwatch(fd.as_raw_fd());
            }
            self.reg = None;
            self.events = 0;
            return;
        }
        super::super::poll::watch_events(fd.as_raw_fd(), num, events, self.reg.is_some());
        self.reg = Some(num);
        self.events = events;
    }

    /// Makes the timer fire at `when` (None: never), registering it on
    /// first use.
    pub fn arm(&mut self, num: u64, when: Option<Instant>) {
        if self.armed == when {
            return;
        }
        if self.timer.is_none() {
            match sys::timerfd() {
                Ok(t) => self.timer = Some(t),
                Err(_) => return,
            }
        }
        let Some(t) = self.timer.as_ref() else {
            return;
        };
        if !self.timer_reg {
            super::super::poll::watch_events(t.as_raw_fd(), num, libc::EPOLLIN as u32, false);
            self.timer_reg = true;
        }
        self.armed = when;
        let ms = when.map_or(0, |w| {
            let d = w.saturating_duration_since(Instant::now());
            (d.as_millis() as u64).max(1)
        });
        sys::timer_set(t, ms);
    }

    /// Clears a fired timer; true if it had fired.
    pub fn timer_fired(&mut self) -> bool {
        let fired = self.timer.as_ref().is_some_and(sys::timer_fired);
        if fired {
            self.armed = None;
        }
        fired
    }

    /// Closes the socket (stops watching it first).
    pub fn close_fd(&mut self) {
        drop(self.take_fd());
    }

    /// The socket, no longer watched.
    pub fn take_fd(&mut self) -> Option<OwnedFd> {
        let fd = self.fd.take();
        if let (Some(f), Some(_)) = (fd.as_ref(), self.reg) {
            super::super::poll::unwatch(f.as_raw_fd());
        }
        self.reg = None;
        self.events = 0;
        fd
    }

    /// The family's own address for `any` / `loopback` requests.
    pub fn addr(&self, a: addr::Req) -> Addr {
        a.resolve(self.v6, self.local)
    }
}

impl Drop for Sock {
    fn drop(&mut self) {
        self.close_fd();
        if let Some(t) = self.timer.take() {
            if self.timer_reg {
                super::super::poll::unwatch(t.as_raw_fd());
            }
        }
    }
}

/// `[1 | data]`.
pub fn ok(data: &[u8]) -> Option<Vec<u8>> {
    let mut v = vec![REP_OK];
    v.extend_from_slice(data);
    Some(v)
}

/// The answer to `INET_REQ_GETTYPE`: family (1 inet, 2 inet6) and
/// socket type (1 stream, 2 datagram), 32-bit big-endian each.
pub fn type_reply(sock: &Sock, sock_type: u32) -> Option<Vec<u8>> {
    let fam: u32 = if sock.local {
        AF_LOCAL as u32
    } else if sock.v6 {
        2
    } else {
        1
    };
    let mut v = fam.to_be_bytes().to_vec();
    v.extend_from_slice(&sock_type.to_be_bytes());
    ok(&v)
}

/// `[0 | Name]` for errno `e`.
pub fn err(e: i32) -> Option<Vec<u8>> {
    err_name(errno_name(e))
}

pub fn err_name(name: &str) -> Option<Vec<u8>> {
    let mut v = vec![REP_ERROR];
    v.extend_from_slice(name.as_bytes());
    Some(v)
}

/// erts' `erl_errno_id`: the errno's name in lower case.
pub fn errno_name(e: i32) -> &'static str {
    match e {
        libc::EADDRINUSE => "eaddrinuse",
        libc::EADDRNOTAVAIL => "eaddrnotavail",
        libc::EAFNOSUPPORT => "eafnosupport",
        libc::EAGAIN => "eagain",
        libc::EALREADY => "ealready",
        libc::EBADF => "ebadf",
        libc::ECONNABORTED => "econnaborted",
        libc::ECONNREFUSED => "econnrefused",
        libc::ECONNRESET => "econnreset",
        libc::EDESTADDRREQ => "edestaddrreq",
        libc::EHOSTUNREACH => "ehostunreach",
        libc::EINPROGRESS => "einprogress",
        libc::EINVAL => "einval",
        libc::EISCONN => "eisconn",
        libc::EMFILE => "emfile",
        libc::EMSGSIZE => "emsgsize",
        libc::ENETDOWN => "enetdown",
        libc::ENETUNREACH => "enetunreach",
        libc::ENFILE => "enfile",
        libc::ENOBUFS => "enobufs",
        libc::ENOMEM => "enomem",
        libc::ENOPROTOOPT => "enoprotoopt",
        libc::ENOTCONN => "enotconn",
        libc::ENOTSOCK => "enotsock",
        libc::EOPNOTSUPP => "eopnotsupp",
        libc::EPERM => "eperm",
        libc::EACCES => "eacces",
        libc::EPIPE => "epipe",
        libc::EPROTONOSUPPORT => "eprotonosupport",
        libc::ETIMEDOUT => "etimedout",
        libc::EIO => "eio",
        // A local socket's path: enoent, enotdir, eloop...
        _ => crate::data::posix::name(e),
    }
}

/// Received data as the owner sees it: a binary in binary mode (after
/// `header` bytes as a list), else a list of bytes.
pub fn data_term(ctx: &mut Ctx, binary: bool, header: u32, bytes: &[u8]) -> Term {
    if !binary {
        return make_byte_list(ctx, bytes);
    }
    let h = (header as usize).min(bytes.len());
    let tail = make_binary(ctx, &bytes[h..]);
    if h == 0 {
        return tail;
    }
    let head: Vec<Term> = bytes[..h].iter().map(|&b| Term::small(b as i64)).collect();
    list_from_slice_tail(ctx, &head, tail)
}

/// `{error, Name}`.
pub fn error_term(ctx: &mut Ctx, name: &str) -> Term {
    make_tuple(ctx, &[atom::intern("error"), atom::intern(name)])
}

/// Sends `{inet_async, S, Ref, Result}` to `to`.
pub fn async_reply(
    cx: &mut Cx,
    to: Term,
    r: u16,
    result: impl FnOnce(&mut Ctx, Term) -> Term + Send + 'static,
) {
    cx.send(to, move |ctx, port| {
        let res = result(ctx, port);
        make_tuple(
            ctx,
            &[atom::intern("inet_async"), port, Term::small(r as i64), res],
        )
    });
}

/// `{inet_async, S, Ref, {error, Name}}`.
pub fn async_error(cx: &mut Cx, to: Term, r: u16, name: &'static str) {
    async_reply(cx, to, r, move |ctx, _| error_term(ctx, name));
}

/// `{inet_reply, S, ok | {error, Name}}` to the caller of a send.
pub fn inet_reply(cx: &mut Cx, to: Term, res: Result<(), &'static str>) {
    cx.send(to, move |ctx, port| {
        let r = match res {
            Ok(()) => atom::intern("ok"),
            Err(name) => error_term(ctx, name),
        };
        make_tuple(ctx, &[atom::intern("inet_reply"), port, r])
    });
}

/// A big-endian integer of `n` bytes at `at`.
pub fn be(b: &[u8], at: usize, n: usize) -> Option<u64> {
    let w = b.get(at..at + n)?;
    Some(w.iter().fold(0u64, |a, &x| (a << 8) | x as u64))
}

/// A timeout in milliseconds as prim_inet encodes it (-1: infinity).
pub fn deadline(ms: u64) -> Option<Instant> {
    (ms != 0xffff_ffff).then(|| Instant::now() + std::time::Duration::from_millis(ms))
}

pub fn start_tcp(_command: &[u8]) -> Option<Box<dyn VmDriver>> {
    Some(Box::new(tcp::Tcp::new(Sock::new())))
}

pub fn start_udp(_command: &[u8]) -> Option<Box<dyn VmDriver>> {
    Some(Box::new(udp::Udp::new(Sock::new())))
}

/// `INET_REQ_OPEN`'s `[Family, Type]`: a new socket of that family.
pub fn open(sock: &mut Sock, data: &[u8], ty: i32) -> Option<Vec<u8>> {
    if data.len() != 2 || sock.fd.is_some() {
        return err(libc::EINVAL);
    }
    let (v6, dom) = match data[0] {
        AF_INET => (false, libc::AF_INET),
        AF_INET6 => (true, libc::AF_INET6),
        AF_LOCAL => (false, libc::AF_UNIX),
        _ => return err_name("eafnosupport"),
    };
    match sys::socket(dom, ty) {
        Ok(fd) => {
            sock.v6 = v6;
            sock.local = dom == libc::AF_UNIX;
            sock.fd = Some(fd);
            ok(&[])
        }
        Err(e) => err(e),
    }
}

/// The requests both drivers answer the same way; None: not one of them.
pub fn common_control(sock: &mut Sock, op: u32, data: &[u8]) -> Option<Option<Vec<u8>>> {
    let r = match op {
        REQ_NAME => match sock.fd.as_ref().map(sys::sockname) {
            None => err(libc::EINVAL),
            Some(Ok(a)) => ok(&addr::encode(&a)),
            Some(Err(e)) => err(e),
        },
        REQ_BIND => {
            let Some(fd) = sock.fd.as_ref() else {
                return Some(err(libc::EINVAL));
            };
            let Some(req) = addr::decode(data) else {
                return Some(err(libc::EINVAL));
            };
            let a = req.resolve(sock.v6, sock.local);
            if matches!(a, Addr::V6(..)) != sock.v6 || matches!(a, Addr::Local(_)) != sock.local {
                return Some(err(libc::EINVAL));
            }
            match sys::bind(fd, &a).and_then(|_| sys::sockname(fd)) {
                Ok(b) => ok(&addr::port_of(&b).to_be_bytes()),
                Err(e) => err(e),
            }
        }
        REQ_SETOPTS => opts::set(sock, data),
        REQ_GETOPTS => opts::get(sock, data),
        REQ_GETIX => ok(&[0, 0, 0, 0]),
        REQ_GETFD => match sock.fd.as_ref() {
            Some(fd) => ok(&(fd.as_raw_fd() as u32).to_be_bytes()),
            None => err(libc::EINVAL),
        },
        REQ_IGNOREFD => ok(&[]),
        REQ_GETIFADDRS => ifaces::getifaddrs_reply(),
        REQ_GETIFLIST => match sock.fd.as_ref() {
            Some(fd) => ifaces::getiflist_reply(fd),
            None => err(libc::EINVAL),
        },
        REQ_IFGET => match sock.fd.as_ref() {
            Some(fd) => ifaces::ifget_reply(fd, data),
            None => err(libc::EINVAL),
        },
        REQ_GETHOSTNAME => match sys::hostname() {
            Ok(h) => ok(&h),
            Err(e) => err(e),
        },
        _ => return None,
    };
    Some(r)
}
