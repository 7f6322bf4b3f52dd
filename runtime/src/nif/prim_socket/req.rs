//! The current operator and the queue of each operation kind (readers,
//! writers, acceptors): one process at a time owns an operation; others
//! wait in the queue and get a select when their turn comes
//! (`activate_next_*`); on a fatal error or a close every waiting
//! process gets `{'$socket', Socket, abort, {Ref, Reason}}`.

use super::poll;
use super::sock::{st, Inner, Req, Select, Sock};
use crate::nif::owned::OwnedTerm;
use crate::term::Term;
use std::collections::VecDeque;
use std::sync::Arc;

#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Reader,
    Writer,
    Acceptor,
}

fn slots(i: &mut Inner, k: Kind) -> (&mut Option<Req>, &mut VecDeque<Req>) {
    match k {
        Kind::Reader => (&mut i.reader, &mut i.readers),
        Kind::Writer => (&mut i.writer, &mut i.writers),
        Kind::Acceptor => (&mut i.acceptor, &mut i.acceptors),
    }
}

pub fn current(i: &Inner, k: Kind) -> Option<&Req> {
    match k {
        Kind::Reader => i.reader.as_ref(),
        Kind::Writer => i.writer.as_ref(),
        Kind::Acceptor => i.acceptor.as_ref(),
    }
}

/// `*_check_*`: if another process is the current operator, queues the
/// caller (`Ok(false)`: it waits for a select), or refuses a second
/// queued request of the same process (`Err`). `Ok(true)`: go ahead.
pub fn check_turn(s: &Sock, i: &mut Inner, k: Kind, pid: Term, rref: Term) -> Result<bool, ()> {
    {
        let (cur, q) = slots(i, k);
        match cur {
            Some(c) if c.pid != pid => {
                if Inner::queued(q, pid) {
                    return Err(());
                }
                q.push_back(Req {
                    pid,
                    rref: Arc::new(OwnedTerm::new(rref)),
                });
            }
            _ => return Ok(true),
        }
    }
    poll::watch(i, pid, s.id);
    Ok(false)
}

/// `activate_next_*`: the current operation is done; the next waiting
/// process (if any) becomes current and gets a select. False if none.
pub fn activate_next(s: &Sock, i: &mut Inner, k: Kind) -> bool {
    let next = {
        let (cur, q) = slots(i, k);
        *cur = None;
        q.pop_front()
    };
    let Some(n) = next else {
        return false;
    };
    let (pid, rref) = (n.pid, n.rref);
    // The select carries the waiting request's reference.
    let sel = Select {
        pid,
        rref: rref.clone(),
    };
    let (cur, _) = slots(i, k);
    *cur = Some(Req { pid, rref });
    match k {
        Kind::Writer => {
            i.wstate |= st::SELECTED;
            i.sel_write = Some(sel);
        }
        _ => {
            i.rstate |= st::SELECTED;
            i.sel_read = Some(sel);
        }
    }
    poll::update(s, i);
    true
}

/// Done with the current operation: the next one takes over.
pub fn done(s: &Sock, i: &mut Inner, k: Kind) {
    if current(i, k).is_some() && !activate_next(s, i, k) {
        let (cur, _) = slots(i, k);
        *cur = None;
        if k == Kind::Acceptor {
            i.rstate &= !st::ACCEPTING;
        }
    }
}

/// A fatal error: the current operator is released and every waiting
/// process of kind `k` is told `reason`.
pub fn error_all(s: &Sock, i: &mut Inner, k: Kind, reason: Term) {
    if current(i, k).is_none() {
        return;
    }
    let (cur, q) = slots(i, k);
    *cur = None;
    let waiting: Vec<Req> = q.drain(..).collect();
    for r in waiting {
        poll::send_abort(s, r.pid, &r.rref, reason);
    }
}

/// Makes the caller the current operator of kind `k` and selects for it
/// (read for readers and acceptors, write for writers): it is told when
/// to try again.
pub fn wait(s: &Sock, i: &mut Inner, k: Kind, pid: Term, rref: Term) {
    let r = Arc::new(OwnedTerm::new(rref));
    let sel = Select {
        pid,
        rref: r.clone(),
    };
    let (cur, _) = slots(i, k);
    *cur = Some(Req { pid, rref: r });
    poll::watch(i, pid, s.id);
    match k {
        Kind::Writer => {
            i.wstate |= st::SELECTED;
            i.sel_write = Some(sel);
        }
        _ => {
            i.rstate |= st::SELECTED;
            i.sel_read = Some(sel);
        }
    }
    poll::update(s, i);
}

/// Makes the caller the current operator without a select (a `sendmsg`
/// that wrote a batch and goes on at once).
pub fn wait_no_select(s: &Sock, i: &mut Inner, k: Kind, pid: Term, rref: Term) {
    let r = Arc::new(OwnedTerm::new(rref));
    let (cur, _) = slots(i, k);
    *cur = Some(Req { pid, rref: r });
    poll::watch(i, pid, s.id);
}
