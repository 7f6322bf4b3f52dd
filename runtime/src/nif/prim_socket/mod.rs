//! `prim_socket`'s NIFs (erts' `prim_socket_nif.c`, Unix flavour): the
//! `socket` module and kernel's `gen_tcp_socket` run unchanged on top.
//!
//! A socket is a magic reference to an `Arc<Sock>` (`sock.rs`), owned by
//! a controlling process and closed when that process dies (the exit
//! hook of `poll.rs` plays erts' resource monitors). Nothing blocks a
//! scheduler: a call that would block makes the caller the current
//! reader / writer / acceptor / connector, registers a one-shot select on
//! the port poll thread and answers `select`; the poll thread later sends
//! `{'$socket', Socket, select, Ref}` and the Erlang code calls again
//! (`io.rs`, `conn.rs`, `req.rs`). `close` aborts every waiting process
//! with `{'$socket', Socket, abort, {Ref, closed}}`; the socket registry
//! hears of every socket made (`add`) and closed (`del`).
//!
//! Not here: control messages (`sendmsg` with `ctrl` answers `{error,
//! eopnotsupp}`; `recvmsg` gives them raw, as `#{level, type, data}`),
//! `sendfile`, `ioctl`, `bind/3` and options with structured values
//! other than `linger` (multicast membership, SCTP): those NIFs raise
//! `notsup` as when erts is built without them, or the options answer
//! `{error, eopnotsupp}`.

mod addr;
mod close;
mod conn;
mod info;
mod io;
mod opts;
mod otp;
pub mod poll;
mod req;
mod sock;
mod supports;
mod util;

use crate::heap::ctx::Ctx;
use crate::term::Term;
use req::Kind;
use sock::Sock;
use std::sync::atomic::Ordering;
use std::sync::Arc;
use util::{a, get_bool, get_i32, get_u64, integer_range, invalid, self_pid};

/// Registers the exit hook and reads the start-up settings (once).
pub fn install() {
    poll::install();
    if let Ok(v) = std::env::var("ESOCK_USE_SOCKET_REGISTRY") {
        match v.as_str() {
            "true" => info::USE_REGISTRY.store(true, Ordering::Relaxed),
            "false" => info::USE_REGISTRY.store(false, Ordering::Relaxed),
            _ => {}
        }
    }
}

/// The socket behind a `SockRef` argument.
fn sock_arg(t: Term) -> Option<Arc<Sock>> {
    crate::data::resource::get_as::<Arc<Sock>>(t).cloned()
}

/// Runs `f` on the socket of `t`, or raises `badarg`.
fn with_sock(ctx: &mut Ctx, t: Term, f: impl FnOnce(&mut Ctx, &Sock) -> Term) -> Term {
    match sock_arg(t) {
        Some(s) => f(ctx, &s),
        None => ctx.badarg(),
    }
}

/// An `int` argument: badarg for a non-integer, `{invalid,
/// {integer_range, I}}` for one out of range.
fn int_arg(ctx: &mut Ctx, t: Term) -> Result<i32, Term> {
    match get_i32(t) {
        Some(v) => Ok(v),
        None if t.is_integer() => Err(integer_range(ctx, t)),
        None => Err(ctx.badarg()),
    }
}

pub fn nif_info0(ctx: &mut Ctx, _args: &[Term; 0]) -> Term {
    info::global(ctx)
}

pub fn nif_info1(ctx: &mut Ctx, args: &[Term; 1]) -> Term {
    with_sock(ctx, args[0], |ctx, s| {
        let i = s.lock();
        info::socket(ctx, &i)
    })
}

pub fn nif_command(ctx: &mut Ctx, args: &[Term; 1]) -> Term {
    let m = args[0];
    if !crate::data::map::is_map(m) {
        return ctx.badarg();
    }
    let cmd = crate::data::map::get(m, a("command"));
    let data = crate::data::map::get(m, a("data")).and_then(get_bool);
    let flag = match cmd.filter(|c| c.is_atom()).map(crate::term::atom::name) {
        Some("debug") => &info::DEBUG,
        Some("socket_debug") => &info::SOCKET_DEBUG,
        Some("use_registry") => &info::USE_REGISTRY,
        _ => {
            let c = cmd.unwrap_or(crate::term::atom::am::UNDEFINED);
            let w = crate::data::build::make_tuple(ctx, &[a("command"), c]);
            return util::raise_invalid(ctx, w);
        }
    };
    match data {
        Some(b) => {
            flag.store(b, Ordering::Relaxed);
            crate::term::atom::am::OK
        }
        None => invalid(ctx, a("data")),
    }
}

pub fn nif_supports0(ctx: &mut Ctx, _args: &[Term; 0]) -> Term {
    supports::supports0(ctx)
}

pub fn nif_supports1(ctx: &mut Ctx, args: &[Term; 1]) -> Term {
    supports::supports1(ctx, args[0])
}

/// The `use_registry` and `debug` options of `open`.
fn open_flags(opts: Term) -> conn::Flags {
    let b = |k: &str, d: bool| {
        crate::data::map::get(opts, a(k))
            .and_then(get_bool)
            .unwrap_or(d)
    };
    conn::Flags::defaults(
        b("use_registry", info::USE_REGISTRY.load(Ordering::Relaxed)),
        b("debug", info::SOCKET_DEBUG.load(Ordering::Relaxed)),
    )
}

pub fn nif_open2(ctx: &mut Ctx, args: &[Term; 2]) -> Term {
    let fd = match int_arg(ctx, args[0]) {
        Ok(v) => v,
        Err(e) => return e,
    };
    let opts = args[1];
    if !crate::data::map::is_map(opts) {
        return ctx.badarg();
    }
    let get = |k: &str| crate::data::map::get(opts, a(k));
    let dup = get("dup").and_then(get_bool).unwrap_or(true);
    let domain = match get("domain") {
        None => None,
        Some(d) => match addr::decode_domain(d) {
            Some((d, _)) => Some(d),
            None => return invalid(ctx, a("domain")),
        },
    };
    let stype = match get("type") {
        None => None,
        Some(t) => match addr::decode_type(t) {
            Some(t) => Some(t),
            None => return invalid(ctx, a("type")),
        },
    };
    let proto = get("protocol").and_then(get_i32);
    let f = open_flags(opts);
    conn::open2(ctx, fd, dup, domain, stype, proto, &f)
}

pub fn nif_open4(ctx: &mut Ctx, args: &[Term; 4]) -> Term {
    let proto = match int_arg(ctx, args[2]) {
        Ok(v) => v,
        Err(e) => return e,
    };
    if !crate::data::map::is_map(args[3]) {
        return ctx.badarg();
    }
    let Some((domain, _)) = addr::decode_domain(args[0]) else {
        return invalid(ctx, a("domain"));
    };
    let Some(stype) = addr::decode_type(args[1]) else {
        return invalid(ctx, a("type"));
    };
    let f = open_flags(args[3]);
    conn::open4(ctx, domain, stype, proto, &f)
}

pub fn nif_bind(ctx: &mut Ctx, args: &[Term; 2]) -> Term {
    let sa = args[1];
    with_sock(ctx, args[0], |ctx, s| match addr::decode(sa) {
        Some(sa) => conn::bind(ctx, s, &sa),
        None => invalid(ctx, a("sockaddr")),
    })
}

pub fn nif_connect1(ctx: &mut Ctx, args: &[Term; 1]) -> Term {
    with_sock(ctx, args[0], |ctx, s| {
        let me = self_pid(ctx);
        conn::connect(ctx, s, me, crate::term::atom::am::UNDEFINED, None)
    })
}

pub fn nif_connect3(ctx: &mut Ctx, args: &[Term; 3]) -> Term {
    let (cref, sa) = (args[1], args[2]);
    with_sock(ctx, args[0], |ctx, s| {
        if !cref.is_reference() {
            return ctx.badarg();
        }
        let Some(sa) = addr::decode(sa) else {
            return invalid(ctx, a("sockaddr"));
        };
        let me = self_pid(ctx);
        conn::connect(ctx, s, me, cref, Some(&sa))
    })
}

pub fn nif_listen(ctx: &mut Ctx, args: &[Term; 2]) -> Term {
    let bl = args[1];
    with_sock(ctx, args[0], |ctx, s| match int_arg(ctx, bl) {
        Ok(b) => conn::listen(ctx, s, b),
        Err(e) => e,
    })
}

pub fn nif_accept(ctx: &mut Ctx, args: &[Term; 2]) -> Term {
    let r = args[1];
    with_sock(ctx, args[0], |ctx, s| {
        if !r.is_reference() {
            return ctx.badarg();
        }
        let me = self_pid(ctx);
        conn::accept(ctx, s, me, r)
    })
}

/// The bytes of a binary argument.
fn bin_arg(t: Term) -> Option<Vec<u8>> {
    crate::data::binary::view(t)?
        .whole_bytes()
        .map(|c| c.into_owned())
}

pub fn nif_send(ctx: &mut Ctx, args: &[Term; 4]) -> Term {
    let [sref, data, flags, rref] = *args;
    with_sock(ctx, sref, |ctx, s| {
        let Some(bytes) = bin_arg(data).filter(|_| rref.is_reference()) else {
            return ctx.badarg();
        };
        let fl = match int_arg(ctx, flags) {
            Ok(v) => v,
            Err(e) => return e,
        };
        let me = self_pid(ctx);
        io::send(ctx, s, me, &bytes, None, fl, rref)
    })
}

pub fn nif_sendto(ctx: &mut Ctx, args: &[Term; 5]) -> Term {
    let [sref, data, dest, flags, rref] = *args;
    with_sock(ctx, sref, |ctx, s| {
        let Some(bytes) = bin_arg(data).filter(|_| rref.is_reference()) else {
            return ctx.badarg();
        };
        let fl = match int_arg(ctx, flags) {
            Ok(v) => v,
            Err(e) => return e,
        };
        let Some(sa) = addr::decode(dest) else {
            return invalid(ctx, a("sockaddr"));
        };
        let me = self_pid(ctx);
        io::send(ctx, s, me, &bytes, Some(&sa), fl, rref)
    })
}

pub fn nif_sendmsg(ctx: &mut Ctx, args: &[Term; 5]) -> Term {
    let [sref, msg, flags, rref, iov] = *args;
    with_sock(ctx, sref, |ctx, s| {
        if !rref.is_reference() || !crate::data::map::is_map(msg) {
            return ctx.badarg();
        }
        let fl = match int_arg(ctx, flags) {
            Ok(v) => v,
            Err(e) => return e,
        };
        let to = match crate::data::map::get(msg, a("addr")) {
            None => None,
            Some(ad) => match addr::decode(ad) {
                Some(sa) => Some(sa),
                None => return invalid(ctx, a("addr")),
            },
        };
        if crate::data::map::get(msg, a("ctrl")).is_some() {
            // Control messages are not encoded by this layer.
            return util::error_errno(ctx, libc::EOPNOTSUPP);
        }
        let me = self_pid(ctx);
        io::sendmsg(ctx, s, me, iov, to.as_ref(), fl, rref)
    })
}

pub fn nif_recvmsg(ctx: &mut Ctx, args: &[Term; 5]) -> Term {
    let [sref, len, clen, flags, rref] = *args;
    with_sock(ctx, sref, |ctx, s| {
        let (l, fl) = match recv_args(ctx, len, flags, rref) {
            Ok(v) => v,
            Err(e) => return e,
        };
        if !clen.is_integer() {
            return ctx.badarg();
        }
        let Some(cl) = get_u64(clen).filter(|&c| c <= isize::MAX as u64) else {
            return integer_range(ctx, clen);
        };
        let me = self_pid(ctx);
        io::recvmsg(ctx, s, me, l, cl as usize, fl, rref)
    })
}

/// The common arguments of `nif_recv` / `nif_recvfrom`.
fn recv_args(ctx: &mut Ctx, len: Term, flags: Term, rref: Term) -> Result<(usize, i32), Term> {
    if !rref.is_reference() && rref != a("zero") {
        return Err(ctx.badarg());
    }
    if !len.is_integer() || !flags.is_integer() {
        return Err(ctx.badarg());
    }
    let Some(l) = get_u64(len).filter(|&l| l <= isize::MAX as u64) else {
        return Err(integer_range(ctx, len));
    };
    let fl = int_arg(ctx, flags)?;
    Ok((l as usize, fl))
}

pub fn nif_recv(ctx: &mut Ctx, args: &[Term; 4]) -> Term {
    let [sref, len, flags, rref] = *args;
    with_sock(ctx, sref, |ctx, s| match recv_args(ctx, len, flags, rref) {
        Ok((l, fl)) => {
            let me = self_pid(ctx);
            io::recv(ctx, s, me, l, fl, rref)
        }
        Err(e) => e,
    })
}

pub fn nif_recvfrom(ctx: &mut Ctx, args: &[Term; 4]) -> Term {
    let [sref, len, flags, rref] = *args;
    with_sock(ctx, sref, |ctx, s| match recv_args(ctx, len, flags, rref) {
        Ok((l, fl)) => {
            let me = self_pid(ctx);
            io::recvfrom(ctx, s, me, l, fl, rref)
        }
        Err(e) => e,
    })
}

pub fn nif_close(ctx: &mut Ctx, args: &[Term; 1]) -> Term {
    with_sock(ctx, args[0], |ctx, s| {
        let me = self_pid(ctx);
        conn::close(ctx, s, me)
    })
}

pub fn nif_finalize_close(ctx: &mut Ctx, args: &[Term; 1]) -> Term {
    with_sock(ctx, args[0], |ctx, s| {
        let me = self_pid(ctx);
        conn::finalize_close(ctx, s, me)
    })
}

pub fn nif_shutdown(ctx: &mut Ctx, args: &[Term; 2]) -> Term {
    let how = args[1];
    with_sock(ctx, args[0], |ctx, s| {
        let h = match how.is_atom().then(|| crate::term::atom::name(how)) {
            Some("read") => libc::SHUT_RD,
            Some("write") => libc::SHUT_WR,
            Some("read_write") => libc::SHUT_RDWR,
            _ => {
                let w = crate::data::build::make_tuple(ctx, &[a("how"), how]);
                return util::raise_invalid(ctx, w);
            }
        };
        conn::shutdown(ctx, s, h)
    })
}

pub fn nif_setopt(ctx: &mut Ctx, args: &[Term; 5]) -> Term {
    let [sref, level, opt, val, native] = *args;
    let Some(s) = sock_arg(sref) else {
        return ctx.badarg();
    };
    let Some(native) = get_i32(native) else {
        return ctx.badarg();
    };
    let opt = match int_arg(ctx, opt) {
        Ok(v) => v,
        Err(e) => return e,
    };
    if let Some(lvl) = opts::decode_level(level) {
        let i = s.lock();
        if !sock::st::is_open(i.wstate) {
            return util::error2(ctx, a("closed"));
        }
        return if native == 0 {
            opts::setopt(ctx, &i, lvl, opt, val)
        } else {
            opts::setopt_native(ctx, &i, lvl, opt, val)
        };
    }
    if level == a("otp") && native == 0 {
        let me = self_pid(ctx);
        return otp::setopt(ctx, &s, me, opt, val);
    }
    if level.is_integer() {
        integer_range(ctx, level)
    } else {
        ctx.badarg()
    }
}

fn getopt(ctx: &mut Ctx, sref: Term, level: Term, opt: Term, spec: Option<Term>) -> Term {
    let Some(s) = sock_arg(sref) else {
        return ctx.badarg();
    };
    let opt = match int_arg(ctx, opt) {
        Ok(v) => v,
        Err(e) => return e,
    };
    if let Some(lvl) = opts::decode_level(level) {
        let i = s.lock();
        if !sock::st::is_open(i.rstate) {
            return util::error2(ctx, a("closed"));
        }
        return match spec {
            Some(sp) => opts::getopt_native(ctx, &i, lvl, opt, sp),
            None => opts::getopt(ctx, &i, lvl, opt),
        };
    }
    if level == a("otp") && spec.is_none() {
        let i = s.lock();
        return otp::getopt(ctx, &i, opt);
    }
    if level.is_integer() {
        integer_range(ctx, level)
    } else {
        ctx.badarg()
    }
}

pub fn nif_getopt3(ctx: &mut Ctx, args: &[Term; 3]) -> Term {
    getopt(ctx, args[0], args[1], args[2], None)
}

pub fn nif_getopt4(ctx: &mut Ctx, args: &[Term; 4]) -> Term {
    getopt(ctx, args[0], args[1], args[2], Some(args[3]))
}

pub fn nif_sockname(ctx: &mut Ctx, args: &[Term; 1]) -> Term {
    with_sock(ctx, args[0], |ctx, s| conn::name(ctx, s, false))
}

pub fn nif_peername(ctx: &mut Ctx, args: &[Term; 1]) -> Term {
    with_sock(ctx, args[0], |ctx, s| conn::name(ctx, s, true))
}

pub fn nif_cancel(ctx: &mut Ctx, args: &[Term; 3]) -> Term {
    let [sref, op, opref] = *args;
    with_sock(ctx, sref, |ctx, s| {
        if !op.is_atom() || !opref.is_reference() {
            return ctx.badarg();
        }
        let k = match crate::term::atom::name(op) {
            "connect" => None,
            "accept" => Some(Kind::Acceptor),
            "recv" | "recvfrom" | "recvmsg" => Some(Kind::Reader),
            "send" | "sendto" | "sendmsg" | "sendfile" => Some(Kind::Writer),
            _ => {
                let open = sock::st::is_open(s.lock().rstate);
                return if open {
                    ctx.badarg()
                } else {
                    util::error2(ctx, a("closed"))
                };
            }
        };
        let me = self_pid(ctx);
        conn::cancel(ctx, s, me, k, opref)
    })
}
