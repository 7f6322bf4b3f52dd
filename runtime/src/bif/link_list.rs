//! `erts_debug:get_internal_state({link_list, P})` and `({monitor_list,
//! P})`: a process's (or port's) links and monitors as BEAM's records,
//! which OTP's `erl_link_SUITE` reads:
//! - `{erl_link, Type, Other, State, Id}` with `Type` `process` or `port`
//!   (by the kind of the other end), `State` `linked` (girder removes an
//!   unlinked link at once, so none is ever `unlinking`) and `Id` the
//!   address of the link in girder's structures (BEAM's is the address of
//!   its link structure): the slot of the process's (or port's) link
//!   vector, or of the pending link signal;
//! - `{erl_monitor, Type, Dir, Ref, Other, Extra}` with `Type` `process` or
//!   `port`, `Dir` `origin` at the watcher and `target` at the monitored
//!   end, `Other` the other end (the monitored process at the origin, also
//!   for a monitor made by name) and `Extra` the registered name the
//!   monitor was made with, else `[]`.
//!
//! As in BEAM, which handles the process's pending signals first, links
//! count the link, unlink and exit signals the process has not handled yet;
//! a process those signals end, or one that is gone, answers `undefined`.
//! A node name answers `[]` (girder keeps no distribution entries: no
//! connection holds links or monitors).

use crate::data::build::{list_from_slice, make_ref_with, make_tuple};
use crate::heap::ctx::Ctx;
use crate::heap::process::Signal;
use crate::proc::ptable::{self, ProcRef};
use crate::term::atom::{self, am};
use crate::term::{Term, NIL};

/// The item's value, or None when it is not one of these.
pub fn get(ctx: &mut Ctx, tag: &str, obj: Term) -> Option<Term> {
    match tag {
        "link_list" if obj.is_pid() => Some(process_links(ctx, obj)),
        "link_list" if obj.is_port() => Some(port_links(ctx, obj)),
        "monitor_list" if obj.is_pid() => Some(monitors(ctx, obj)),
        "link_list" | "monitor_list" if obj.is_atom() => Some(NIL),
        _ => None,
    }
}

/// The other ends of a process's links with their ids, after its pending
/// signals; None when those signals end it.
fn links_after_signals(r: &ProcRef) -> Option<Vec<(Term, u64)>> {
    let _inbox = r.inbox().lock().unwrap_or_else(|e| e.into_inner());
    let sigs = r.signals().lock().unwrap_or_else(|e| e.into_inner());
    // SAFETY: plain reads of fields the owner changes only while it runs;
    // it does not run now (one scheduler, which runs the caller), and the
    // inbox lock keeps senders from changing the pending signals.
    let (trap_exit, mut links) = unsafe {
        let p = &*r.ptr();
        let slots = p.links.iter().map(|l| (*l, l as *const Term as u64));
        (p.trap_exit, slots.collect::<Vec<_>>())
    };
    for (_, s) in sigs.iter() {
        match s {
            Signal::Link(f) => {
                if !links.iter().any(|(l, _)| l == f) {
                    links.push((*f, f as *const Term as u64));
                }
            }
            Signal::Unlink(f) => links.retain(|(l, _)| l != f),
            Signal::Exit { from, msg, linked } => {
                if *linked && !links.iter().any(|(l, _)| l == from) {
                    continue;
                }
                // SAFETY: exit signals always carry a 3-tuple.
                let reason = unsafe { msg.term.tuple_elem(2) };
                if (!linked && reason == am::KILL) || (!trap_exit && reason != am::NORMAL) {
                    return None;
                }
                if *linked {
                    links.retain(|(l, _)| l != from);
                }
            }
        }
    }
    Some(links)
}

fn process_links(ctx: &mut Ctx, pid: Term) -> Term {
    let Some(r) = ptable::lookup(pid).filter(|r| r.is_alive()) else {
        return am::UNDEFINED;
    };
    match links_after_signals(&r) {
        Some(links) => link_records(ctx, &links),
        None => am::UNDEFINED,
    }
}

fn port_links(ctx: &mut Ctx, port: Term) -> Term {
    let Some(p) = crate::io::port::lookup(port) else {
        return am::UNDEFINED;
    };
    let links: Vec<(Term, u64)> = {
        let st = p.lock();
        st.links
            .iter()
            .map(|l| (*l, l as *const Term as u64))
            .collect()
    };
    link_records(ctx, &links)
}

fn link_records(ctx: &mut Ctx, links: &[(Term, u64)]) -> Term {
    let tag = atom::intern("erl_link");
    let linked = atom::intern("linked");
    let mut recs = Vec::with_capacity(links.len());
    for &(other, addr) in links {
        let kind = if other.is_port() {
            atom::intern("port")
        } else {
            am::PROCESS
        };
        let id = crate::data::big::make_u64(ctx, addr);
        recs.push(make_tuple(ctx, &[tag, kind, other, linked, id]));
    }
    list_from_slice(ctx, &recs)
}

fn monitors(ctx: &mut Ctx, pid: Term) -> Term {
    let alive = ptable::lookup(pid)
        .filter(|r| r.is_alive())
        .is_some_and(|r| links_after_signals(&r).is_some());
    if !alive {
        return am::UNDEFINED;
    }
    let tag = atom::intern("erl_monitor");
    let (origin, target) = (atom::intern("origin"), atom::intern("target"));
    let halves = crate::proc::monitor::halves_of(pid);
    let mut recs = Vec::with_capacity(halves.len());
    for h in halves {
        let r = make_ref_with(ctx, h.id.0, h.id.1);
        let dir = if h.origin { origin } else { target };
        let extra = h.name.unwrap_or(NIL);
        recs.push(make_tuple(ctx, &[tag, h.kind, dir, r, h.other, extra]));
    }
    list_from_slice(ctx, &recs)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::heap::process::{Process, DEFAULT_HEAP_WORDS};

    #[test]
    fn pending_link_signals_count() {
        let _g = crate::sched::tests::serial();
        let mut tp = crate::testutil::TestProc::new();
        let r = ptable::insert(Process::new(ptable::new_pid(), DEFAULT_HEAP_WORDS));
        let (a, b) = (Term::pid(777_001), Term::pid(777_002));
        // SAFETY: the process never runs in this test.
        unsafe { (*r.ptr()).links.push(a) };
        crate::proc::signal::deliver_signal(&r, Signal::Link(b));
        crate::proc::signal::deliver_signal(&r, Signal::Unlink(a));
        let l = links_after_signals(&r).expect("alive");
        assert_eq!(l.iter().map(|x| x.0).collect::<Vec<_>>(), vec![b]);
        let recs = process_links(tp.ctx(), r.pid());
        // SAFETY: a one-element list of 5-tuples.
        unsafe {
            let rec = recs.head();
            assert_eq!(rec.tuple_elem(1), am::PROCESS);
            assert_eq!(rec.tuple_elem(2), b);
            assert_eq!(rec.tuple_elem(3), atom::intern("linked"));
            assert_eq!(recs.tail(), NIL);
        }
        assert_eq!(process_links(tp.ctx(), Term::pid(777_003)), am::UNDEFINED);
        ptable::remove(r.pid());
    }
}
