//! Process monitors (`erlang:monitor(process, Target)`).
//!
//! One global table keyed by the monitored pid holds `(reference id,
//! watcher, what the watcher named)`; a second map finds an entry by its
//! reference for `demonitor`. When a process exits, `signal::terminate`
//! calls `fire`, which takes its entries and sends each watcher
//! `{'DOWN', Ref, process, Item, Reason}`.
//!
//! Race with an exiting target: `terminate` marks the process EXITED
//! before it calls `fire`, and `add` checks liveness under the table lock,
//! so a monitor is either in the table when `fire` takes the entries or
//! its creator sees the target dead and gets `noproc` at once.
//!
//! Entities (pids served by Rust code, `entity.rs`: the standard I/O
//! servers) never exit: monitoring them only allocates the reference.

use crate::data::build::{make_ref, make_ref_with, make_tuple};
use crate::heap::ctx::Ctx;
use crate::proc::ptable;
use crate::term::atom::am;
use crate::term::{Term, HDR_REF};
use std::collections::HashMap;
use std::sync::{Mutex, OnceLock};

/// Id words of a local reference.
pub type RefId = (u64, u64);

struct Entry {
    id: RefId,
    watcher: Term,
    /// `process` or `port`: the kind of the target, as `DOWN` names it.
    kind: Term,
    /// What the `DOWN` message names: the pid, or `{Name, Node}` when the
    /// monitor was set up by registered name.
    item: Item,
}

#[derive(Clone, Copy)]
enum Item {
    Pid,
    Name(Term),
}

/// Keyed by the target's raw term (a pid or a port).
#[derive(Default)]
struct Table {
    by_target: HashMap<u64, Vec<Entry>>,
    by_ref: HashMap<RefId, u64>,
}

fn table() -> &'static Mutex<Table> {
    static T: OnceLock<Mutex<Table>> = OnceLock::new();
    T.get_or_init(|| Mutex::new(Table::default()))
}

/// The id words of `r` if it is a local reference.
pub fn ref_id(r: Term) -> Option<RefId> {
    if !r.is_boxed_of(HDR_REF) {
        return None;
    }
    // SAFETY: a local ref is [header, hi, lo].
    unsafe {
        let w = r.boxed_ptr();
        Some((*w.add(1), *w.add(2)))
    }
}

/// `monitor(process, Target)` for the process bound to `ctx`; `target` is
/// a pid or a registered name (already checked). Returns the reference.
pub fn add(ctx: &mut Ctx, target: Term) -> Term {
    // SAFETY: a process is scheduled on `ctx`.
    let me = unsafe { ctx.process().pid };
    let r = make_ref(ctx);
    let id = ref_id(r).unwrap_or_default();
    let (pid, item) = if target.is_atom() {
        // A name registered to a port names no process.
        let pid = ptable::whereis(target).filter(|p| p.is_pid());
        (pid, Item::Name(target))
    } else {
        (Some(target), Item::Pid)
    };
    if pid.is_some_and(crate::proc::entity::is_entity) {
        return r;
    }
    let mut t = table().lock().unwrap();
    let alive = pid
        .and_then(ptable::lookup)
        .is_some_and(|p| p.is_alive() && p.pid() != me);
    match pid {
        Some(p) if alive => {
            let n = p.raw();
            t.by_target.entry(n).or_default().push(Entry {
                id,
                watcher: me,
                kind: am::PROCESS,
                item,
            });
            t.by_ref.insert(id, n);
        }
        Some(p) if p == me => {}
        _ => {
            drop(t);
            let what = match item {
                Item::Pid => target,
                Item::Name(n) => make_tuple(ctx, &[n, am::NONODE]),
            };
            let down = make_tuple(ctx, &[am::DOWN, r, am::PROCESS, what, am::NOPROC]);
            crate::proc::signal::send_copied(me, crate::gc::copy::copy_to_message(down));
        }
    }
    r
}

/// A monitor by `watcher` of the process `child`, which is set up but not
/// yet published (so it cannot have exited), with the reference `r`
/// already made (`spawn_request`'s request id doubles as the monitor).
pub fn add_for_unpublished(watcher: Term, child: Term, r: Term) {
    let id = ref_id(r).unwrap_or_default();
    let mut t = table().lock().unwrap();
    t.by_target.entry(child.raw()).or_default().push(Entry {
        id,
        watcher,
        kind: am::PROCESS,
        item: Item::Pid,
    });
    t.by_ref.insert(id, child.raw());
}

/// `monitor(port, Item)` for the process bound to `ctx`: `port` is the
/// port `Item` names (None: no such port), `name` the registered name if
/// `Item` was one. `alive` is asked under the table lock, so a port that
/// closes concurrently either fires this monitor or is seen dead.
pub fn add_port(
    ctx: &mut Ctx,
    port: Option<Term>,
    name: Option<Term>,
    alive: impl Fn(Term) -> bool,
) -> Term {
    // SAFETY: a process is scheduled on `ctx`.
    let me = unsafe { ctx.process().pid };
    let r = make_ref(ctx);
    let id = ref_id(r).unwrap_or_default();
    let item = name.map_or(Item::Pid, Item::Name);
    {
        let mut t = table().lock().unwrap();
        if let Some(p) = port.filter(|&p| alive(p)) {
            t.by_target.entry(p.raw()).or_default().push(Entry {
                id,
                watcher: me,
                kind: crate::term::atom::intern("port"),
                item,
            });
            t.by_ref.insert(id, p.raw());
            return r;
        }
    }
    let what = match item {
        Item::Pid => port.unwrap_or(am::UNDEFINED),
        Item::Name(n) => make_tuple(ctx, &[n, am::NONODE]),
    };
    let down = make_tuple(
        ctx,
        &[
            am::DOWN,
            r,
            crate::term::atom::intern("port"),
            what,
            am::NOPROC,
        ],
    );
    crate::proc::signal::send_copied(me, crate::gc::copy::copy_to_message(down));
    r
}

/// The processes monitoring `target` (a pid or a port), oldest first.
pub fn watchers_of(target: Term) -> Vec<Term> {
    let t = table().lock().unwrap();
    t.by_target
        .get(&target.raw())
        .map(|v| v.iter().map(|e| e.watcher).collect())
        .unwrap_or_default()
}

/// Whether the monitor `id` is registered (not yet fired or removed).
pub fn is_active(id: RefId) -> bool {
    table().lock().unwrap().by_ref.contains_key(&id)
}

/// Removes the monitor `id`; true if it was active.
pub fn remove(id: RefId) -> bool {
    let mut t = table().lock().unwrap();
    let Some(n) = t.by_ref.remove(&id) else {
        return false;
    };
    if let Some(v) = t.by_target.get_mut(&n) {
        v.retain(|e| e.id != id);
        if v.is_empty() {
            t.by_target.remove(&n);
        }
    }
    true
}

/// The process (or port) `pid` exited with `reason`: sends every watcher
/// its `DOWN` message, built with `ctx` (bound to the exiting process, or
/// a scratch process for ports).
pub fn fire(ctx: &mut Ctx, pid: Term, reason: Term) {
    let entries = {
        let mut t = table().lock().unwrap();
        let v = t.by_target.remove(&pid.raw()).unwrap_or_default();
        for e in &v {
            t.by_ref.remove(&e.id);
        }
        v
    };
    for e in entries {
        let r = make_ref_with(ctx, e.id.0, e.id.1);
        let what = match e.item {
            Item::Pid => pid,
            Item::Name(n) => make_tuple(ctx, &[n, am::NONODE]),
        };
        let down = make_tuple(ctx, &[am::DOWN, r, e.kind, what, reason]);
        crate::proc::signal::send_copied(e.watcher, crate::gc::copy::copy_to_message(down));
    }
}

/// A `DOWN` message for monitor `id` that the process `p` has not fetched
/// yet is taken out of its inbox; true if there was one. BEAM delivers
/// `DOWN` as a signal that becomes a message only when the receiver handles
/// its signals, and `demonitor` before that finds the monitor still active
/// (returns true, and the signal is later dropped). The inbox plays the
/// part of BEAM's unhandled signals here.
pub fn take_unfetched_down(p: &mut crate::heap::process::Process, id: RefId) -> bool {
    let m = {
        let mut inbox = p.inbox.lock().unwrap();
        // SAFETY: element reads guarded by the tuple arity.
        let pos = inbox.iter().position(|m| unsafe {
            is_tagged_for(m.term, id)
                && m.term.tuple_elem(0) == am::DOWN
                && (m.term.tuple_elem(2) == am::PROCESS
                    || m.term.tuple_elem(2) == crate::term::atom::intern("port"))
        });
        let Some(i) = pos else {
            return false;
        };
        // Pending signals count the inbox messages sent before them.
        for s in p.signals.lock().unwrap().iter_mut() {
            if s.0 > i {
                s.0 -= 1;
            }
        }
        match inbox.remove(i) {
            Some(m) => m,
            None => return false,
        }
    };
    crate::gc::copy::adopt(p, m);
    true
}

/// Whether `msg` is `{_, Ref, _, _, _}` for the reference `id` (what
/// `demonitor(Ref, [flush])` removes).
pub fn is_tagged_for(msg: Term, id: RefId) -> bool {
    // SAFETY: element reads guarded by the tuple arity.
    unsafe { msg.is_tuple() && msg.tuple_arity() == 5 && ref_id(msg.tuple_elem(1)) == Some(id) }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn remove_unknown_is_false() {
        assert!(!remove((0, u64::MAX - 7)));
    }

    #[test]
    fn monitor_dead_pid_sends_noproc() {
        let _g = crate::sched::tests::serial();
        let mut tp = crate::testutil::TestProc::new();
        // An unpublished pid: no such process.
        let r = add(tp.ctx(), Term::pid(999_999));
        assert!(ref_id(r).is_some());
        assert!(!remove(ref_id(r).unwrap()));
    }
}
