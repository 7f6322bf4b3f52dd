//! Data transfer: `nif_send`, `nif_sendto`, `nif_recv`, `nif_recvfrom`
//! (`esock_send*`, `send_check_*`, `esock_recv*`, `recv_check_*`). A
//! call tries once without blocking; if the kernel would block, the
//! caller becomes the current reader or writer, a select is registered
//! and `select` (or `{select, Data}` / `{select, Written}`) answers.

use super::addr::{self, SockAddr};
use super::poll;
use super::req::{self, Kind};
use super::sock::{st, Inner, Sock};
use super::util::{a, errno, errno_atom, error2, error_errno, error_invalid, ok2, raise_invalid};
use crate::data::binary::build::make_binary;
use crate::data::build::make_tuple;
use crate::heap::ctx::Ctx;
use crate::term::atom::am;
use crate::term::Term;

fn is_zero(t: Term) -> bool {
    t == a("zero")
}

/// `send_check_writer`: Ok(()) to go ahead, Err(result) otherwise.
fn check_writer(ctx: &mut Ctx, s: &Sock, i: &mut Inner, me: Term, rref: Term) -> Result<(), Term> {
    match req::check_turn(s, i, Kind::Writer, me, rref) {
        Ok(true) => Ok(()),
        Ok(false) => Err(a("select")),
        Err(()) => Err(raise_invalid(ctx, a("state"))),
    }
}

/// The common start of every send: open, no connect in progress, our
/// turn to write.
fn send_prologue(ctx: &mut Ctx, s: &Sock, i: &mut Inner, me: Term, rref: Term) -> Result<(), Term> {
    if !st::is_open(i.wstate) {
        return Err(error2(ctx, a("closed")));
    }
    if i.connector.is_some() {
        return Err(error_invalid(ctx, a("state")));
    }
    check_writer(ctx, s, i, me, rref)
}

/// `esock_send` / `esock_sendto` (`to`: the destination).
pub fn send(
    ctx: &mut Ctx,
    s: &Sock,
    me: Term,
    data: &[u8],
    to: Option<&SockAddr>,
    flags: i32,
    rref: Term,
) -> Term {
    let mut i = s.lock();
    if let Err(t) = send_prologue(ctx, s, &mut i, me, rref) {
        return t;
    }
    i.cnt.write_tries += 1;
    // SAFETY: `data` and the address are valid for the lengths given.
    let n = unsafe {
        match to {
            Some(sa) => libc::sendto(
                i.fd,
                data.as_ptr().cast(),
                data.len(),
                flags | libc::MSG_NOSIGNAL,
                sa.as_ptr(),
                sa.len,
            ),
            None => libc::send(
                i.fd,
                data.as_ptr().cast(),
                data.len(),
                flags | libc::MSG_NOSIGNAL,
            ),
        }
    };
    let err = if n < 0 { errno() } else { 0 };
    check_result(ctx, s, &mut i, me, n, data.len(), err, rref, false)
}

/// The most binaries one `sendmsg` takes (`IOV_MAX`).
const IOV_MAX: usize = 1024;

/// `esock_sendmsg` without control messages: `iov` is the list of
/// binaries, `to` the `addr` of the message.
#[allow(clippy::too_many_arguments)]
pub fn sendmsg(
    ctx: &mut Ctx,
    s: &Sock,
    me: Term,
    iov: Term,
    to: Option<&SockAddr>,
    flags: i32,
    rref: Term,
) -> Term {
    let mut i = s.lock();
    if let Err(t) = send_prologue(ctx, s, &mut i, me, rref) {
        return t;
    }
    // The binaries (at most IOV_MAX) and whether data is left after them.
    let mut bufs: Vec<std::borrow::Cow<'_, [u8]>> = Vec::new();
    let mut views = Vec::new();
    let mut l = iov;
    while l.is_list() && views.len() < IOV_MAX {
        // SAFETY: `l` is a cons cell.
        let (h, t) = unsafe { (l.head(), l.tail()) };
        let Some(v) = crate::data::binary::view(h).filter(|v| v.bits % 8 == 0) else {
            return invalid_iov(ctx);
        };
        views.push(v);
        l = t;
    }
    let mut tail = false;
    while l.is_list() {
        // SAFETY: `l` is a cons cell.
        let (h, t) = unsafe { (l.head(), l.tail()) };
        match crate::data::binary::view(h) {
            Some(v) if v.bits == 0 => l = t,
            Some(v) if v.bits % 8 == 0 => {
                tail = true;
                break;
            }
            _ => return invalid_iov(ctx),
        }
    }
    if !tail && !l.is_nil() {
        return invalid_iov(ctx);
    }
    if tail && i.stype != libc::SOCK_STREAM {
        return invalid_iov(ctx);
    }
    for v in &views {
        match v.whole_bytes() {
            Some(b) => bufs.push(b),
            None => return invalid_iov(ctx),
        }
    }
    let mut iovs: Vec<libc::iovec> = bufs
        .iter()
        .map(|b| libc::iovec {
            iov_base: b.as_ptr() as *mut libc::c_void,
            iov_len: b.len(),
        })
        .collect();
    let size: usize = bufs.iter().map(|b| b.len()).sum();
    let mut sa = to.copied();
    // SAFETY: msghdr is plain data; every pointer set below stays valid
    // for the call (the iovecs point into `bufs`).
    let n = unsafe {
        let mut h: libc::msghdr = std::mem::zeroed();
        if let Some(sa) = sa.as_mut() {
            h.msg_name = sa.as_mut_ptr().cast();
            h.msg_namelen = sa.len;
        }
        h.msg_iov = iovs.as_mut_ptr();
        h.msg_iovlen = iovs.len();
        i.cnt.write_tries += 1;
        libc::sendmsg(i.fd, &h, flags | libc::MSG_NOSIGNAL)
    };
    let err = if n < 0 { errno() } else { 0 };
    check_result(ctx, s, &mut i, me, n, size, err, rref, tail)
}

fn invalid_iov(ctx: &mut Ctx) -> Term {
    super::util::invalid(ctx, a("iov"))
}

/// `send_check_result`.
#[allow(clippy::too_many_arguments)]
fn check_result(
    ctx: &mut Ctx,
    s: &Sock,
    i: &mut Inner,
    me: Term,
    n: isize,
    size: usize,
    err: i32,
    rref: Term,
    tail: bool,
) -> Term {
    if n < 0 {
        if err != libc::EAGAIN && err != libc::EINTR {
            i.cnt.write_fails += 1;
            let reason = errno_atom(err);
            if err != libc::EINVAL {
                req::error_all(s, i, Kind::Writer, reason);
            }
            return error2(ctx, reason);
        }
        return retry(ctx, s, i, me, -1, rref);
    }
    let written = n as usize;
    if written < size {
        return retry(ctx, s, i, me, n as i64, rref);
    }
    if tail {
        // All of this batch went, more binaries wait: the caller calls
        // again at once (no select), still the current writer.
        i.write_pkg_cur += written as u64;
        req::wait_no_select(s, i, Kind::Writer, me, rref);
        return make_tuple(ctx, &[a("iov"), Term::small(written as i64)]);
    }
    // All of it.
    i.cnt.write_pkg += 1;
    i.cnt.write_byte += written as u64;
    i.write_pkg_cur += written as u64;
    i.cnt.write_pkg_max = i.cnt.write_pkg_max.max(i.write_pkg_cur);
    i.write_pkg_cur = 0;
    req::done(s, i, Kind::Writer);
    am::OK
}

/// `send_check_retry`: blocked (`written` -1) or partly written.
fn retry(ctx: &mut Ctx, s: &Sock, i: &mut Inner, me: Term, written: i64, rref: Term) -> Term {
    if written >= 0 {
        i.write_pkg_cur += written as u64;
        if i.stype != libc::SOCK_STREAM {
            // A datagram is sent whole or not at all: done with it.
            i.cnt.write_pkg_max = i.cnt.write_pkg_max.max(i.write_pkg_cur);
            i.write_pkg_cur = 0;
            i.cnt.write_pkg += 1;
            i.cnt.write_byte += written as u64;
            req::done(s, i, Kind::Writer);
            return ok2(ctx, Term::small(written));
        }
    }
    req::wait(s, i, Kind::Writer, me, rref);
    i.cnt.write_waits += 1;
    if written >= 0 {
        make_tuple(ctx, &[a("select"), Term::small(written)])
    } else {
        a("select")
    }
}

/// `recv_check_reader`.
fn check_reader(ctx: &mut Ctx, s: &Sock, i: &mut Inner, me: Term, rref: Term) -> Result<(), Term> {
    match req::current(i, Kind::Reader) {
        Some(c) if c.pid != me => {
            if super::sock::Inner::queued(&i.readers, me) {
                return Err(raise_invalid(ctx, a("state")));
            }
            if is_zero(rref) {
                return Ok(());
            }
            let _ = req::check_turn(s, i, Kind::Reader, me, rref);
            Err(a("select"))
        }
        _ => Ok(()),
    }
}

fn recv_prologue(ctx: &mut Ctx, s: &Sock, i: &mut Inner, me: Term, rref: Term) -> Result<(), Term> {
    if !st::is_open(i.rstate) {
        return Err(error2(ctx, a("closed")));
    }
    if i.acceptor.is_some() {
        return Err(error_invalid(ctx, a("state")));
    }
    check_reader(ctx, s, i, me, rref)
}

/// Reads into a fresh buffer of `n` bytes; `from`: also the source.
fn read(fd: i32, n: usize, flags: i32, from: Option<&mut SockAddr>) -> (isize, Vec<u8>, i32) {
    let mut buf = vec![0u8; n];
    // SAFETY: `buf` is valid for writes of `n` bytes, the address for
    // its storage's size.
    let r = unsafe {
        match from {
            Some(sa) => {
                sa.len = std::mem::size_of::<libc::sockaddr_storage>() as libc::socklen_t;
                libc::recvfrom(
                    fd,
                    buf.as_mut_ptr().cast(),
                    n,
                    flags,
                    sa.as_mut_ptr(),
                    &mut sa.len,
                )
            }
            None => libc::recv(fd, buf.as_mut_ptr().cast(), n, flags),
        }
    };
    let e = if r < 0 { errno() } else { 0 };
    (r, buf, e)
}

/// `recv_check_fail`.
fn recv_fail(ctx: &mut Ctx, s: &Sock, i: &mut Inner, me: Term, err: i32, rref: Term) -> Term {
    if err == libc::ECONNRESET {
        i.cnt.read_fails += 1;
        let r = errno_atom(err);
        req::error_all(s, i, Kind::Reader, r);
        return error2(ctx, r);
    }
    if err == libc::EAGAIN {
        if is_zero(rref) {
            return am::OK;
        }
        i.r_num_cnt = 0;
        req::wait(s, i, Kind::Reader, me, rref);
        return a("select");
    }
    i.cnt.read_fails += 1;
    let r = errno_atom(err);
    req::error_all(s, i, Kind::Reader, r);
    error2(ctx, r)
}

/// A package of `n` bytes is complete.
fn pkg_done(i: &mut Inner, n: usize) {
    i.cnt.read_pkg += 1;
    i.cnt.read_byte += n as u64;
    i.read_pkg_cur += n as u64;
    i.cnt.read_pkg_max = i.cnt.read_pkg_max.max(i.read_pkg_cur);
    i.read_pkg_cur = 0;
}

/// `esock_recv` with `recv_check_result`.
pub fn recv(ctx: &mut Ctx, s: &Sock, me: Term, len: usize, flags: i32, rref: Term) -> Term {
    let mut i = s.lock();
    if let Err(t) = recv_prologue(ctx, s, &mut i, me, rref) {
        return t;
    }
    let bufsz = if len != 0 { len } else { i.r_buf_sz };
    i.cnt.read_tries += 1;
    let (n, mut buf, err) = read(i.fd, bufsz, flags, None);
    let stream = i.stype == libc::SOCK_STREAM;
    if n == 0 && stream {
        i.cnt.read_fails += 1;
        req::error_all(s, &mut i, Kind::Reader, a("closed"));
        return error2(ctx, a("closed"));
    }
    if n < 0 {
        return recv_fail(ctx, s, &mut i, me, err, rref);
    }
    let n = n as usize;
    if n == bufsz {
        if len == 0 && stream {
            // Everything there is: maybe more to come (`rcvbuf` {N, Sz}).
            i.cnt.read_byte += n as u64;
            i.read_pkg_cur += n as u64;
            i.r_num_cnt += 1;
            if i.r_num_cnt >= i.r_num {
                i.r_num_cnt = 0;
                i.cnt.read_pkg += 1;
                i.cnt.read_pkg_max = i.cnt.read_pkg_max.max(i.read_pkg_cur);
                i.read_pkg_cur = 0;
                req::done(s, &mut i, Kind::Reader);
                let b = make_binary(ctx, &buf);
                return ok2(ctx, b);
            }
            set_reader(s, &mut i, me, rref);
            let b = make_binary(ctx, &buf);
            return make_tuple(ctx, &[a("more"), b]);
        }
        pkg_done(&mut i, n);
        req::done(s, &mut i, Kind::Reader);
        let b = make_binary(ctx, &buf);
        return ok2(ctx, b);
    }
    buf.truncate(n);
    if len == 0 || !stream || is_zero(rref) {
        i.r_num_cnt = 0;
        pkg_done(&mut i, n);
        req::done(s, &mut i, Kind::Reader);
        let b = make_binary(ctx, &buf);
        return ok2(ctx, b);
    }
    // A stream read of a given length got part of it: wait for more.
    i.cnt.read_byte += n as u64;
    req::wait(s, &mut i, Kind::Reader, me, rref);
    let b = make_binary(ctx, &buf);
    make_tuple(ctx, &[a("select"), b])
}

/// `recv_init_current_reader` without a select (`{more, Bin}`).
fn set_reader(s: &Sock, i: &mut Inner, me: Term, rref: Term) {
    let sel = i.sel_read.take();
    req::wait(s, i, Kind::Reader, me, rref);
    // No select is asked for: put back what was there.
    i.sel_read = sel;
    poll::update(s, i);
}

/// `esock_recvfrom` with `recvfrom_check_result`.
pub fn recvfrom(ctx: &mut Ctx, s: &Sock, me: Term, len: usize, flags: i32, rref: Term) -> Term {
    let mut i = s.lock();
    if let Err(t) = recv_prologue(ctx, s, &mut i, me, rref) {
        return t;
    }
    let bufsz = if len != 0 { len } else { i.r_buf_sz };
    i.cnt.read_tries += 1;
    let mut from = SockAddr::empty();
    let (n, mut buf, err) = read(i.fd, bufsz, flags, Some(&mut from));
    if n == 0 && i.stype == libc::SOCK_STREAM {
        i.cnt.read_fails += 1;
        return error2(ctx, a("closed"));
    }
    if n < 0 {
        return recv_fail(ctx, s, &mut i, me, err, rref);
    }
    buf.truncate(n as usize);
    let src = addr::encode(ctx, &from);
    let b = make_binary(ctx, &buf);
    i.cnt.read_pkg += 1;
    i.cnt.read_byte += n as u64;
    req::done(s, &mut i, Kind::Reader);
    let t = make_tuple(ctx, &[src, b]);
    ok2(ctx, t)
}

/// `encode_msg_flags`: the names of the flags set, then any other bits.
fn msg_flags(ctx: &mut Ctx, mut f: i32) -> Term {
    let mut l = Vec::new();
    for &(name, bit) in super::supports::MSG_FLAGS {
        let bit = bit as i32;
        if f == 0 {
            break;
        }
        if bit != 0 && f & bit == bit {
            f &= !bit;
            l.push(a(name));
        }
    }
    if f != 0 {
        l.push(Term::small(f as i64));
    }
    crate::data::build::list_from_slice(ctx, &l)
}

/// The control messages of a received message, each as
/// `#{level, type, data}` (erts decodes some into a `value` too; this
/// layer leaves them raw).
fn cmsgs(ctx: &mut Ctx, h: &libc::msghdr) -> Term {
    let mut l = Vec::new();
    // SAFETY: the CMSG macros walk the control buffer the kernel filled,
    // within `msg_controllen`.
    unsafe {
        let mut c = libc::CMSG_FIRSTHDR(h);
        while !c.is_null() {
            let hdr = &*c;
            let data = libc::CMSG_DATA(c);
            let dlen = hdr.cmsg_len as usize - (data as usize - c as usize);
            let bytes = std::slice::from_raw_parts(data, dlen);
            let d = make_binary(ctx, bytes);
            let level = if hdr.cmsg_level == libc::SOL_SOCKET {
                a("socket")
            } else {
                Term::small(hdr.cmsg_level as i64)
            };
            let m = crate::data::map::from_pairs(
                ctx,
                vec![
                    (a("level"), level),
                    (a("type"), Term::small(hdr.cmsg_type as i64)),
                    (a("data"), d),
                ],
            );
            l.push(m);
            c = libc::CMSG_NXTHDR(h, c);
        }
    }
    crate::data::build::list_from_slice(ctx, &l)
}

/// `esock_recvmsg` with `recvmsg_check_result`.
#[allow(clippy::too_many_arguments)]
pub fn recvmsg(
    ctx: &mut Ctx,
    s: &Sock,
    me: Term,
    len: usize,
    ctrl_len: usize,
    flags: i32,
    rref: Term,
) -> Term {
    let mut i = s.lock();
    if let Err(t) = recv_prologue(ctx, s, &mut i, me, rref) {
        return t;
    }
    let bufsz = if len != 0 { len } else { i.r_buf_sz };
    let ctrlsz = if ctrl_len != 0 { ctrl_len } else { i.r_ctrl_sz };
    let mut buf = vec![0u8; bufsz];
    let mut ctrl = vec![0u8; ctrlsz];
    let mut from = SockAddr::empty();
    i.cnt.read_tries += 1;
    // SAFETY: msghdr is plain data; its pointers point at the buffers
    // above, valid for the lengths given.
    let mut h: libc::msghdr = unsafe { std::mem::zeroed() };
    let mut iov = libc::iovec {
        iov_base: buf.as_mut_ptr().cast(),
        iov_len: bufsz,
    };
    h.msg_name = from.as_mut_ptr().cast();
    h.msg_namelen = from.len;
    h.msg_iov = &mut iov;
    h.msg_iovlen = 1;
    h.msg_control = ctrl.as_mut_ptr().cast();
    h.msg_controllen = ctrlsz;
    // SAFETY: see above.
    let n = unsafe { libc::recvmsg(i.fd, &mut h, flags) };
    let err = if n < 0 { errno() } else { 0 };
    if n == 0 && i.stype == libc::SOCK_STREAM {
        i.cnt.read_fails += 1;
        return error2(ctx, a("closed"));
    }
    if n < 0 {
        return recv_fail(ctx, s, &mut i, me, err, rref);
    }
    let n = n as usize;
    from.len = h.msg_namelen;
    buf.truncate(n);
    let b = make_binary(ctx, &buf);
    let iovl = crate::data::build::list_from_slice(ctx, &[b]);
    let c = cmsgs(ctx, &h);
    let f = msg_flags(ctx, h.msg_flags);
    let mut pairs = vec![(a("iov"), iovl), (a("ctrl"), c), (a("flags"), f)];
    if h.msg_namelen != 0 {
        let ad = addr::encode(ctx, &from);
        pairs.push((a("addr"), ad));
    }
    let m = crate::data::map::from_pairs(ctx, pairs);
    i.cnt.read_pkg += 1;
    i.cnt.read_byte += n as u64;
    req::done(s, &mut i, Kind::Reader);
    ok2(ctx, m)
}

/// The errno answer of a plain call (`{error, Errno}`).
pub fn errno_result(ctx: &mut Ctx, r: i32) -> Term {
    if r < 0 {
        error_errno(ctx, errno())
    } else {
        am::OK
    }
}
