//! Making and connecting sockets: `nif_open`, `nif_bind`, `nif_listen`,
//! `nif_connect`, `nif_accept`, `nif_shutdown`, `nif_sockname`,
//! `nif_peername`, `nif_close`, `nif_finalize_close`, `nif_cancel`.

use super::addr::SockAddr;
use super::poll;
use super::req::{self, Kind};
use super::sock::{st, Inner, Sock};
use super::util::{a, errno, errno_atom, error2, error_errno, error_invalid, ok2, raise_invalid};
use crate::data::resource::{self, Resource};
use crate::heap::ctx::Ctx;
use crate::term::atom::am;
use crate::term::Term;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;

static NEXT_ID: AtomicU64 = AtomicU64::new(1);

/// What a new socket inherits (from `open` options or a listener).
pub struct Flags {
    pub use_reg: bool,
    pub dbg: bool,
    pub r_buf_sz: usize,
    pub r_num: u32,
    pub r_ctrl_sz: usize,
    pub w_ctrl_sz: usize,
    pub iow: bool,
}

impl Flags {
    pub fn defaults(use_reg: bool, dbg: bool) -> Flags {
        Flags {
            use_reg,
            dbg,
            r_buf_sz: super::sock::RECV_BUF_DEFAULT,
            r_num: 0,
            r_ctrl_sz: super::sock::CTRL_BUF_DEFAULT,
            w_ctrl_sz: super::sock::CTRL_BUF_DEFAULT,
            iow: false,
        }
    }
}

/// Wraps descriptor `fd` in a socket owned by `owner`: its magic
/// reference (`SockRef`). `reg`: tell the socket registry.
#[allow(clippy::too_many_arguments)]
pub fn make_socket(
    ctx: &mut Ctx,
    fd: i32,
    domain: i32,
    stype: i32,
    protocol: i32,
    owner: Term,
    f: &Flags,
    reg: bool,
    from_fd: Option<(i32, bool)>,
    counted_proto: i32,
) -> Term {
    let id = NEXT_ID.fetch_add(1, Ordering::Relaxed);
    let s = Arc::new(Sock::new(id, fd, domain, stype, protocol, owner));
    {
        let mut i = s.lock();
        i.use_reg = f.use_reg;
        i.dbg = f.dbg;
        i.r_buf_sz = f.r_buf_sz;
        i.r_num = f.r_num;
        i.r_ctrl_sz = f.r_ctrl_sz;
        i.w_ctrl_sz = f.w_ctrl_sz;
        i.iow = f.iow;
        if let Some((orig, dup)) = from_fd {
            i.from_fd = Some((orig, dup));
            i.close_on_close = dup;
        }
    }
    let r = Arc::new(Resource {
        value: Box::new(s.clone()),
    });
    let t = resource::make(ctx, r.clone());
    // SAFETY: a magic reference holds its two id words after the header.
    let ids = unsafe { (*t.boxed_ptr().add(1), *t.boxed_ptr().add(2)) };
    let _ = s.ref_ids.set(ids);
    poll::add(id, r);
    poll::watch(&mut s.lock(), owner, id);
    super::info::inc_socket(domain, stype, counted_proto);
    if reg {
        poll::send_registry(&s, "add");
    }
    t
}

fn sock_protocol(fd: i32) -> Option<i32> {
    super::opts::get_int(fd, libc::SOL_SOCKET, libc::SO_PROTOCOL).ok()
}

/// `esock_open4`.
pub fn open4(ctx: &mut Ctx, domain: i32, stype: i32, proto: i32, f: &Flags) -> Term {
    // SAFETY: plain system call.
    let fd = unsafe {
        libc::socket(
            domain,
            stype | libc::SOCK_NONBLOCK | libc::SOCK_CLOEXEC,
            proto,
        )
    };
    if fd < 0 {
        return error_errno(ctx, errno());
    }
    let mut p = proto;
    if p == 0 {
        if let Some(x) = sock_protocol(fd) {
            p = x;
        }
    }
    let me = super::util::self_pid(ctx);
    // erts counts the protocol asked for (0: `num_pip`), and counts the
    // one found out when the socket closes.
    let t = make_socket(ctx, fd, domain, stype, p, me, f, f.use_reg, None, proto);
    ok2(ctx, t)
}

/// `esock_open2`: a socket for an existing descriptor (`dup` it unless
/// told not to); domain, type and protocol from the options or the
/// kernel.
pub fn open2(
    ctx: &mut Ctx,
    fd: i32,
    dup: bool,
    domain: Option<i32>,
    stype: Option<i32>,
    proto: Option<i32>,
    f: &Flags,
) -> Term {
    let get = |o: i32| super::opts::get_int(fd, libc::SOL_SOCKET, o);
    let domain = match domain.map(Ok).unwrap_or_else(|| get(libc::SO_DOMAIN)) {
        Ok(d) => d,
        Err(e) => return error_errno(ctx, e),
    };
    let stype = match stype.map(Ok).unwrap_or_else(|| get(libc::SO_TYPE)) {
        Ok(d) => d,
        Err(e) => return error_errno(ctx, e),
    };
    let proto = proto.or_else(|| get(libc::SO_PROTOCOL).ok()).unwrap_or(0);
    let nfd = if dup {
        // SAFETY: plain system call on a caller-provided descriptor.
        let d = unsafe { libc::fcntl(fd, libc::F_DUPFD_CLOEXEC, 0) };
        if d < 0 {
            return error_errno(ctx, errno());
        }
        d
    } else {
        fd
    };
    // SAFETY: plain system calls on the descriptor.
    unsafe {
        let fl = libc::fcntl(nfd, libc::F_GETFL);
        libc::fcntl(nfd, libc::F_SETFL, fl | libc::O_NONBLOCK);
    }
    let me = super::util::self_pid(ctx);
    let t = make_socket(
        ctx,
        nfd,
        domain,
        stype,
        proto,
        me,
        f,
        f.use_reg,
        Some((fd, dup)),
        proto,
    );
    ok2(ctx, t)
}

/// `esock_bind`.
pub fn bind(ctx: &mut Ctx, s: &Sock, sa: &SockAddr) -> Term {
    let mut i = s.lock();
    if !st::is_open(i.rstate) {
        return error2(ctx, a("closed"));
    }
    // SAFETY: the address is valid for its length.
    if unsafe { libc::bind(i.fd, sa.as_ptr(), sa.len) } < 0 {
        return error_errno(ctx, errno());
    }
    i.rstate |= st::BOUND;
    am::OK
}

/// `esock_listen`.
pub fn listen(ctx: &mut Ctx, s: &Sock, backlog: i32) -> Term {
    let mut i = s.lock();
    if !st::is_open(i.rstate) {
        return error2(ctx, a("closed"));
    }
    // SAFETY: plain system call.
    if unsafe { libc::listen(i.fd, backlog) } < 0 {
        return error_errno(ctx, errno());
    }
    i.rstate |= st::LISTENING;
    am::OK
}

/// `SO_ERROR` of a socket whose connect finished.
fn so_error(fd: i32) -> i32 {
    match super::opts::get_int(fd, libc::SOL_SOCKET, libc::SO_ERROR) {
        Ok(e) => e,
        Err(e) => e,
    }
}

/// `esock_connect`: `to` is None for the call after the select message.
pub fn connect(ctx: &mut Ctx, s: &Sock, me: Term, cref: Term, to: Option<&SockAddr>) -> Term {
    let mut i = s.lock();
    if !st::is_open(i.wstate) {
        return error2(ctx, a("closed"));
    }
    if i.writer.is_some() {
        return error_invalid(ctx, a("state"));
    }
    if let Some(c) = &i.connector {
        if c.pid != me {
            return if to.is_some() {
                error2(ctx, a("already"))
            } else {
                raise_invalid(ctx, a("state"))
            };
        }
        // The select came: finish.
        i.connector = None;
        i.sel_write = None;
        poll::update(s, &mut i);
        i.wstate &= !st::CONNECTING;
        let e = so_error(i.fd);
        if e != 0 {
            return error_errno(ctx, e);
        }
        i.wstate |= st::CONNECTED;
        return am::OK;
    }
    let Some(sa) = to else {
        return raise_invalid(ctx, a("state"));
    };
    // SAFETY: the address is valid for its length.
    if unsafe { libc::connect(i.fd, sa.as_ptr(), sa.len) } == 0 {
        i.wstate |= st::CONNECTED;
        return am::OK;
    }
    let e = errno();
    if e == libc::EINPROGRESS {
        poll::select_write(s, &mut i, me, cref);
        i.connector = Some(super::sock::Req {
            pid: me,
            rref: Arc::new(crate::nif::owned::OwnedTerm::new(cref)),
        });
        poll::watch(&mut i, me, s.id);
        i.wstate |= st::CONNECTING | st::SELECTED;
        return a("select");
    }
    error_errno(ctx, e)
}

/// The new socket of an accepted connection (`esock_accept_accepted`).
fn accepted(ctx: &mut Ctx, i: &mut Inner, fd: i32, owner: Term) -> Term {
    i.cnt.acc_success += 1;
    let f = Flags {
        use_reg: i.use_reg,
        dbg: i.dbg,
        r_buf_sz: i.r_buf_sz,
        r_num: i.r_num,
        r_ctrl_sz: i.r_ctrl_sz,
        w_ctrl_sz: i.w_ctrl_sz,
        iow: i.iow,
    };
    // erts marks the listening socket's write state connected here.
    i.wstate |= st::CONNECTED;
    let t = make_socket(
        ctx, fd, i.domain, i.stype, i.protocol, owner, &f, i.use_reg, None, i.protocol,
    );
    ok2(ctx, t)
}

fn do_accept(fd: i32) -> Result<i32, i32> {
    // SAFETY: plain system call; no peer address is asked for.
    let r = unsafe {
        libc::accept4(
            fd,
            std::ptr::null_mut(),
            std::ptr::null_mut(),
            libc::SOCK_NONBLOCK | libc::SOCK_CLOEXEC,
        )
    };
    if r < 0 {
        Err(errno())
    } else {
        Ok(r)
    }
}

/// `esock_accept`.
pub fn accept(ctx: &mut Ctx, s: &Sock, me: Term, aref: Term) -> Term {
    let mut i = s.lock();
    if !st::is_open(i.rstate) {
        return error2(ctx, a("closed"));
    }
    if i.reader.is_some() {
        return error_invalid(ctx, a("state"));
    }
    match i.acceptor.as_ref().map(|c| c.pid) {
        None => {
            i.cnt.acc_tries += 1;
            match do_accept(i.fd) {
                Ok(fd) => accepted(ctx, &mut i, fd, me),
                Err(libc::EAGAIN) => {
                    req::wait(s, &mut i, Kind::Acceptor, me, aref);
                    i.rstate |= st::ACCEPTING;
                    a("select")
                }
                Err(e) => {
                    i.cnt.acc_fails += 1;
                    error_errno(ctx, e)
                }
            }
        }
        Some(p) if p == me => {
            i.cnt.acc_tries += 1;
            match do_accept(i.fd) {
                Ok(fd) => {
                    let r = accepted(ctx, &mut i, fd, me);
                    req::done(s, &mut i, Kind::Acceptor);
                    r
                }
                Err(libc::EAGAIN) => {
                    i.cnt.acc_waits += 1;
                    req::wait(s, &mut i, Kind::Acceptor, me, aref);
                    i.rstate |= st::ACCEPTING;
                    a("select")
                }
                Err(e) => {
                    i.cnt.acc_fails += 1;
                    let reason = errno_atom(e);
                    req::error_all(s, &mut i, Kind::Acceptor, reason);
                    error2(ctx, reason)
                }
            }
        }
        Some(_) => match req::check_turn(s, &mut i, Kind::Acceptor, me, aref) {
            Err(()) => raise_invalid(ctx, a("state")),
            _ => a("select"),
        },
    }
}

/// `esock_shutdown`.
pub fn shutdown(ctx: &mut Ctx, s: &Sock, how: i32) -> Term {
    let i = s.lock();
    if !st::is_open(i.rstate) {
        return error2(ctx, a("closed"));
    }
    // SAFETY: plain system call.
    let r = unsafe { libc::shutdown(i.fd, how) };
    super::io::errno_result(ctx, r)
}

/// `esock_sockname` / `esock_peername`.
pub fn name(ctx: &mut Ctx, s: &Sock, peer: bool) -> Term {
    let i = s.lock();
    if !st::is_open(i.rstate) {
        return error2(ctx, a("closed"));
    }
    let mut sa = SockAddr::empty();
    // SAFETY: the storage is valid for writes of its length.
    let r = unsafe {
        if peer {
            libc::getpeername(i.fd, sa.as_mut_ptr(), &mut sa.len)
        } else {
            libc::getsockname(i.fd, sa.as_mut_ptr(), &mut sa.len)
        }
    };
    if r < 0 {
        return error_errno(ctx, errno());
    }
    let m = super::addr::encode(ctx, &sa);
    ok2(ctx, m)
}

/// `esock_close`: always answers `ok` (see `close.rs`).
pub fn close(ctx: &mut Ctx, s: &Sock, me: Term) -> Term {
    let mut i = s.lock();
    if !st::is_open(i.rstate) {
        return error2(ctx, a("closed"));
    }
    i.closer = Some(me);
    if i.owner != me {
        poll::watch(&mut i, me, s.id);
    }
    i.rstate |= st::CLOSING;
    i.wstate |= st::CLOSING;
    super::close::do_stop(s, &mut i);
    am::OK
}

/// `esock_finalize_close`.
pub fn finalize_close(ctx: &mut Ctx, s: &Sock, me: Term) -> Term {
    let mut i = s.lock();
    if i.rstate & st::CLOSED != 0 {
        return error2(ctx, a("closed"));
    }
    if i.rstate & st::CLOSING == 0 || i.closer != Some(me) {
        return raise_invalid(ctx, a("state"));
    }
    i.closer = None;
    i.owner = am::UNDEFINED;
    // erts blocks here (a dirty scheduler) so that a linger timeout is
    // honoured; the descriptor is made blocking for the same reason.
    if i.fd >= 0 {
        // SAFETY: plain system calls on the socket's descriptor.
        unsafe {
            let fl = libc::fcntl(i.fd, libc::F_GETFL);
            libc::fcntl(i.fd, libc::F_SETFL, fl & !libc::O_NONBLOCK);
        }
    }
    let e = super::close::close_socket(s, &mut i);
    if e != 0 {
        if e == libc::EAGAIN {
            return error2(ctx, a("timeout"));
        }
        return error_errno(ctx, e);
    }
    am::OK
}

/// Cancels a pending select of mode `write`: `ok` if it was pending,
/// `select_sent` if its message went already.
fn cancel_select(s: &Sock, i: &mut Inner, write: bool) -> Term {
    let slot = if write {
        &mut i.sel_write
    } else {
        &mut i.sel_read
    };
    let had = slot.take().is_some();
    poll::update(s, i);
    if had {
        am::OK
    } else {
        a("select_sent")
    }
}

/// `esock_cancel_*` for operation kind `k` (`None`: connect).
pub fn cancel(ctx: &mut Ctx, s: &Sock, me: Term, k: Option<Kind>, opref: Term) -> Term {
    let mut i = s.lock();
    let open = match k {
        Some(Kind::Writer) | None => st::is_open(i.wstate),
        _ => st::is_open(i.rstate),
    };
    if !open {
        return error2(ctx, a("closed"));
    }
    let same_ref = |r: &super::sock::Req| r.pid == me && scratch_eq(&r.rref, opref);
    let Some(k) = k else {
        return match &i.connector {
            Some(c) if same_ref(c) => {
                let r = cancel_select(s, &mut i, true);
                i.connector = None;
                i.wstate &= !st::CONNECTING;
                r
            }
            _ => a("not_found"),
        };
    };
    let cur = req::current(&i, k).map(|c| (c.pid, same_ref(c)));
    match cur {
        None => a("not_found"),
        Some((p, true)) if p == me => {
            let r = cancel_select(s, &mut i, k == Kind::Writer);
            req::done(s, &mut i, k);
            r
        }
        Some((p, false)) if p == me => a("not_found"),
        Some(_) => {
            let q = match k {
                Kind::Reader => &mut i.readers,
                Kind::Writer => &mut i.writers,
                Kind::Acceptor => &mut i.acceptors,
            };
            let before = q.len();
            q.retain(|r| !(r.pid == me && scratch_eq(&r.rref, opref)));
            if q.len() < before {
                am::OK
            } else {
                a("not_found")
            }
        }
    }
}

/// Whether the stored reference `r` equals `t`.
fn scratch_eq(r: &crate::nif::owned::OwnedTerm, t: Term) -> bool {
    crate::heap::scratch::with_ctx(|ctx| {
        let x = r.to_heap(ctx);
        crate::data::compare::eq_exact(x, t)
    })
}
