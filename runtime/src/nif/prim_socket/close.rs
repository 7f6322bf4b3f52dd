//! Closing a socket and the death of the processes it depends on
//! (`esock_close`, `esock_do_stop`, `esock_finalize_close`,
//! `esock_down`).
//!
//! erts stops the select machinery first and may have to wait for the
//! poll thread (`{ok, CloseRef}` then a `close` message). Here taking the
//! socket out of the epoll set is synchronous under the socket's lock, so
//! `close` always answers `ok` and the caller finalizes at once. The
//! current operators whose select is still pending and every queued
//! process are told `{abort, {Ref, closed}}`; one whose select message
//! went already calls again and hears `{error, closed}`, as in erts.

use super::poll;
use super::req::{self, Kind};
use super::sock::{st, Inner, Sock};
use super::util::a;
use crate::term::atom::am;
use crate::term::Term;

/// `esock_do_stop`: the socket leaves the poll set; the waiting
/// operators are aborted with `closed` (see the module doc).
pub fn do_stop(s: &Sock, i: &mut Inner) {
    poll::forget(i.fd, i.polled);
    i.polled = 0;
    // A current operator whose select was still pending is told; one
    // whose select message went already calls again and hears `closed`.
    let read_pending = i.sel_read.take().is_some();
    let write_pending = i.sel_write.take().is_some();
    let closed = a("closed");
    for k in [Kind::Writer, Kind::Reader, Kind::Acceptor] {
        let (cur, pending) = match k {
            Kind::Writer => (i.writer.take(), write_pending),
            Kind::Reader => (i.reader.take(), read_pending),
            Kind::Acceptor => (i.acceptor.take(), read_pending),
        };
        if let Some(c) = cur.filter(|_| pending) {
            poll::send_abort(s, c.pid, &c.rref, closed);
        }
        let q = match k {
            Kind::Writer => &mut i.writers,
            Kind::Reader => &mut i.readers,
            Kind::Acceptor => &mut i.acceptors,
        };
        let waiting: Vec<_> = q.drain(..).collect();
        for r in waiting {
            poll::send_abort(s, r.pid, &r.rref, closed);
        }
    }
    if let Some(c) = i.connector.take().filter(|_| write_pending) {
        poll::send_abort(s, c.pid, &c.rref, closed);
    }
}

/// `esock_close_socket`: closes the descriptor, counts the socket out
/// and tells the registry. The error of `close(2)`, if any.
pub fn close_socket(s: &Sock, i: &mut Inner) -> i32 {
    let fd = std::mem::replace(&mut i.fd, -1);
    i.rstate |= st::CLOSED;
    i.wstate |= st::CLOSED;
    super::info::dec_socket(i.domain, i.stype, i.protocol);
    i.meta = crate::nif::owned::OwnedTerm::new(am::UNDEFINED);
    let mut err = 0;
    if fd >= 0 && i.close_on_close {
        // SAFETY: the descriptor belonged to this socket, which forgets it.
        if unsafe { libc::close(fd) } != 0 {
            err = super::util::errno();
        }
    }
    if i.use_reg {
        poll::send_registry(s, "del");
    }
    poll::unwatch_all(i, s.id);
    poll::remove(s.id);
    err
}

/// `esock_down`: process `pid`, which `s` watched, died.
pub fn down(s: &Sock, pid: Term) {
    let mut i = s.lock();
    if i.closer == Some(pid) {
        // The closer died before finalizing: close without waiting.
        i.closer = None;
        if i.owner == pid {
            i.owner = am::UNDEFINED;
        }
        if i.rstate & st::CLOSED == 0 {
            close_socket(s, &mut i);
        }
        return;
    }
    if i.owner == pid {
        i.owner = am::UNDEFINED;
        if st::is_open(i.rstate) {
            do_stop(s, &mut i);
            i.rstate |= st::CLOSING;
            i.wstate |= st::CLOSING;
            close_socket(s, &mut i);
        }
        return;
    }
    if i.rstate & st::CLOSED != 0 {
        return;
    }
    if i.connector.as_ref().is_some_and(|c| c.pid == pid) {
        i.connector = None;
        i.wstate &= !st::CONNECTING;
        if i.sel_write.as_ref().is_some_and(|x| x.pid == pid) {
            i.sel_write = None;
            poll::update(s, &mut i);
        }
    }
    for k in [Kind::Reader, Kind::Acceptor, Kind::Writer] {
        let is_cur = req::current(&i, k).is_some_and(|c| c.pid == pid);
        if is_cur {
            // Its select goes to the next in line (or nobody).
            match k {
                Kind::Writer => i.sel_write = None,
                _ => i.sel_read = None,
            }
            req::done(s, &mut i, k);
            poll::update(s, &mut i);
        } else {
            let q = match k {
                Kind::Writer => &mut i.writers,
                Kind::Reader => &mut i.readers,
                Kind::Acceptor => &mut i.acceptors,
            };
            Inner::unqueue(q, pid);
        }
    }
}
