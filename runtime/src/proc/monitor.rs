//! Process monitors (`erlang:monitor(process, Target)`).
//!
//! One global table keyed by the monitored pid holds `(reference id,
//! watcher, what the watcher named, its tag)`; a second map finds an
//! entry by its reference for `demonitor`, a third the monitors a watcher
//! holds (`process_info(P, monitors)`, and dropping them when it exits, as
//! BEAM does: the target's `monitored_by` never lists a dead process).
//! When a process exits, `signal::terminate` calls `fire`, which takes its
//! entries and sends each watcher `{'DOWN', Ref, process, Item, Reason}`
//! (`{Tag, ...}` for a monitor made with `{tag, Tag}`). Only the watcher
//! can remove a monitor: `demonitor` of someone else's reference is a
//! no-op, as in BEAM.
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
use crate::heap::process::Message;
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
    /// `monitor/3`'s `{tag, Tag}`, a copy owned by the table; the first
    /// element of the `DOWN` message instead of `'DOWN'`.
    tag: Option<Message>,
}

impl Drop for Entry {
    fn drop(&mut self) {
        if let Some(m) = self.tag.take() {
            crate::gc::copy::release_message(m);
        }
    }
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
    /// The watcher's raw pid: its monitors' ids, oldest first.
    by_watcher: HashMap<u64, Vec<RefId>>,
}

impl Table {
    fn insert(&mut self, target: u64, e: Entry) {
        self.by_ref.insert(e.id, target);
        self.by_watcher
            .entry(e.watcher.raw())
            .or_default()
            .push(e.id);
        self.by_target.entry(target).or_default().push(e);
    }

    /// Takes the entry `id` out of every index; with `watcher`, only if
    /// it is that process's monitor.
    fn take(&mut self, id: RefId, watcher: Option<Term>) -> Option<Entry> {
        let n = *self.by_ref.get(&id)?;
        let v = self.by_target.get_mut(&n)?;
        let i = v
            .iter()
            .position(|e| e.id == id && watcher.is_none_or(|w| e.watcher == w))?;
        let e = v.remove(i);
        if v.is_empty() {
            self.by_target.remove(&n);
        }
        self.by_ref.remove(&id);
        self.forget_watcher(e.watcher, id);
        Some(e)
    }

    fn forget_watcher(&mut self, watcher: Term, id: RefId) {
        if let Some(ids) = self.by_watcher.get_mut(&watcher.raw()) {
            ids.retain(|&i| i != id);
            if ids.is_empty() {
                self.by_watcher.remove(&watcher.raw());
            }
        }
    }
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
    add_tagged(ctx, target, None)
}

/// `monitor(process, Target, [{tag, Tag}])`: as `add`, the `DOWN` message
/// (also an immediate `noproc` one) tagged with `tag` if given.
pub fn add_tagged(ctx: &mut Ctx, target: Term, tag: Option<Term>) -> Term {
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
    let mut t = table().lock().unwrap_or_else(|e| e.into_inner());
    let alive = pid
        .and_then(ptable::lookup)
        .is_some_and(|p| p.is_alive() && p.pid() != me);
    match pid {
        Some(p) if alive => {
            t.insert(
                p.raw(),
                Entry {
                    id,
                    watcher: me,
                    kind: am::PROCESS,
                    item,
                    tag: tag.map(crate::gc::copy::copy_to_message),
                },
            );
        }
        Some(p) if p == me => {}
        _ => {
            drop(t);
            let what = match item {
                Item::Pid => target,
                Item::Name(n) => make_tuple(ctx, &[n, am::NONODE]),
            };
            // A pid of another node (girder is never distributed):
            // `noconnection`; of this node's name but an old creation (or
            // a local pid that is gone): `noproc`.
            let why = match crate::data::ext_ident::node(target) {
                Some(n) if n.name != am::NONODE => crate::term::atom::intern("noconnection"),
                _ => am::NOPROC,
            };
            let first = tag.unwrap_or(am::DOWN);
            let down = make_tuple(ctx, &[first, r, am::PROCESS, what, why]);
            crate::proc::signal::send_copied(me, crate::gc::copy::copy_to_message(down));
        }
    }
    r
}

/// A monitor by `watcher` of the process `child`, which is set up but not
/// yet published (so it cannot have exited), with the reference `r`
/// already made (`spawn_request`'s request id doubles as the monitor).
/// `tag`: `{monitor, [{tag, Tag}]}`'s tag (copied into the table).
pub fn add_for_unpublished(watcher: Term, child: Term, r: Term, tag: Option<Term>) {
    let id = ref_id(r).unwrap_or_default();
    let mut t = table().lock().unwrap_or_else(|e| e.into_inner());
    t.by_target.entry(child.raw()).or_default().push(Entry {
        id,
        watcher,
        kind: am::PROCESS,
        item: Item::Pid,
        tag: tag.map(crate::gc::copy::copy_to_message),
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
    tag: Option<Term>,
    alive: impl Fn(Term) -> bool,
) -> Term {
    // SAFETY: a process is scheduled on `ctx`.
    let me = unsafe { ctx.process().pid };
    let r = make_ref(ctx);
    let id = ref_id(r).unwrap_or_default();
    let item = name.map_or(Item::Pid, Item::Name);
    {
        let mut t = table().lock().unwrap_or_else(|e| e.into_inner());
        if let Some(p) = port.filter(|&p| alive(p)) {
            t.insert(
                p.raw(),
                Entry {
                    id,
                    watcher: me,
                    kind: crate::term::atom::intern("port"),
                    item,
                    tag: tag.map(crate::gc::copy::copy_to_message),
                },
            );
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
            tag.unwrap_or(am::DOWN),
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
    let t = table().lock().unwrap_or_else(|e| e.into_inner());
    t.by_target
        .get(&target.raw())
        .map(|v| v.iter().map(|e| e.watcher).collect())
        .unwrap_or_default()
}

/// Whether the monitor `id` is registered (not yet fired or removed).
pub fn is_active(id: RefId) -> bool {
    table()
        .lock()
        .unwrap_or_else(|e| e.into_inner())
        .by_ref
        .contains_key(&id)
}

/// What `process_info(watcher, monitors)` lists, oldest first: `(kind,
/// target, name)` per monitor (`name` when it was made by registered name).
pub fn monitors_of(watcher: Term) -> Vec<(Term, Term, Option<Term>)> {
    let t = table().lock().unwrap_or_else(|e| e.into_inner());
    let Some(ids) = t.by_watcher.get(&watcher.raw()) else {
        return Vec::new();
    };
    let mut out = Vec::with_capacity(ids.len());
    for id in ids {
        let Some(&n) = t.by_ref.get(id) else { continue };
        let Some(e) = t
            .by_target
            .get(&n)
            .and_then(|v| v.iter().find(|e| e.id == *id))
        else {
            continue;
        };
        let name = match e.item {
            Item::Pid => None,
            Item::Name(n) => Some(n),
        };
        out.push((e.kind, Term(n), name));
    }
    out
}

/// One monitor as seen from one of its two ends (BEAM's origin and target
/// halves, which `erts_debug:get_internal_state({monitor_list, P})` lists).
pub struct Half {
    pub id: RefId,
    /// `process` or `port`.
    pub kind: Term,
    /// True at the watcher's end.
    pub origin: bool,
    /// The other end: the monitored process or port at the origin, the
    /// watcher at the target.
    pub other: Term,
    /// The registered name the monitor was made with.
    pub name: Option<Term>,
}

/// The halves of the monitors `p` (a pid) holds or is watched by: those it
/// holds first, oldest first, then those on it, oldest first.
pub fn halves_of(p: Term) -> Vec<Half> {
    let t = table().lock().unwrap_or_else(|e| e.into_inner());
    let name = |e: &Entry| match e.item {
        Item::Pid => None,
        Item::Name(n) => Some(n),
    };
    let mut out = Vec::new();
    for id in t.by_watcher.get(&p.raw()).into_iter().flatten() {
        let Some(&n) = t.by_ref.get(id) else { continue };
        if let Some(e) = t
            .by_target
            .get(&n)
            .and_then(|v| v.iter().find(|e| e.id == *id))
        {
            out.push(Half {
                id: e.id,
                kind: e.kind,
                origin: true,
                other: Term(n),
                name: name(e),
            });
        }
    }
    for e in t.by_target.get(&p.raw()).into_iter().flatten() {
        out.push(Half {
            id: e.id,
            kind: e.kind,
            origin: false,
            other: e.watcher,
            name: name(e),
        });
    }
    out
}

/// Removes the monitor `id` if `watcher` holds it; true if it was active.
/// (BEAM: a process can only remove its own monitors.)
pub fn remove(id: RefId, watcher: Term) -> bool {
    let e = table()
        .lock()
        .unwrap_or_else(|e| e.into_inner())
        .take(id, Some(watcher));
    e.is_some()
}

/// The process `watcher` exited: the monitors it held go (their targets
/// no longer list it in `monitored_by`, and never send it a `DOWN`).
fn drop_watcher(watcher: Term) {
    let gone: Vec<Entry> = {
        let mut t = table().lock().unwrap_or_else(|e| e.into_inner());
        let ids = t.by_watcher.remove(&watcher.raw()).unwrap_or_default();
        ids.into_iter().filter_map(|id| t.take(id, None)).collect()
    };
    drop(gone);
}

/// The process (or port) `pid` exited with `reason`: sends every watcher
/// its `DOWN` message, built with `ctx` (bound to the exiting process, or
/// a scratch process for ports).
pub fn fire(ctx: &mut Ctx, pid: Term, reason: Term) {
    if pid.is_pid() {
        drop_watcher(pid);
    }
    let entries = {
        let mut t = table().lock().unwrap_or_else(|e| e.into_inner());
        let v = t.by_target.remove(&pid.raw()).unwrap_or_default();
        for e in &v {
            t.by_ref.remove(&e.id);
            t.forget_watcher(e.watcher, e.id);
        }
        v
    };
    for e in entries {
        let r = make_ref_with(ctx, e.id.0, e.id.1);
        let what = match e.item {
            Item::Pid => pid,
            Item::Name(n) => make_tuple(ctx, &[n, am::NONODE]),
        };
        let first = match &e.tag {
            Some(m) => crate::gc::copy::copy_into(ctx, m.term),
            None => am::DOWN,
        };
        let down = make_tuple(ctx, &[first, r, e.kind, what, reason]);
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
        let mut inbox = p.inbox.lock().unwrap_or_else(|e| e.into_inner());
        // SAFETY: element reads guarded by the tuple arity.
        let pos = inbox.iter().position(|m| unsafe {
            // (The first element is `'DOWN'` or the monitor's tag.)
            is_tagged_for(m.term, id)
                && (m.term.tuple_elem(2) == am::PROCESS
                    || m.term.tuple_elem(2) == crate::term::atom::intern("port"))
        });
        let Some(i) = pos else {
            return false;
        };
        // Pending signals count the inbox messages sent before them.
        for s in p
            .signals
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .iter_mut()
        {
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

    fn entry(id: RefId, watcher: Term) -> Entry {
        Entry {
            id,
            watcher,
            kind: am::PROCESS,
            item: Item::Pid,
            tag: None,
        }
    }

    #[test]
    fn only_the_watcher_takes_a_monitor() {
        let mut t = Table::default();
        let (a, b, target) = (Term::pid(11), Term::pid(12), Term::pid(13));
        t.insert(target.raw(), entry((1, 1), a));
        t.insert(target.raw(), entry((1, 2), b));
        assert!(t.take((1, 1), Some(b)).is_none(), "not b's monitor");
        assert!(t.take((1, 1), Some(a)).is_some());
        assert!(!t.by_watcher.contains_key(&a.raw()));
        assert_eq!(t.by_target[&target.raw()].len(), 1);
        assert!(t.take((1, 2), None).is_some());
        assert!(t.by_target.is_empty() && t.by_ref.is_empty() && t.by_watcher.is_empty());
    }

    #[test]
    fn remove_unknown_is_false() {
        assert!(!remove((0, u64::MAX - 7), Term::pid(1)));
    }

    #[test]
    fn monitor_dead_pid_sends_noproc() {
        let _g = crate::sched::tests::serial();
        let mut tp = crate::testutil::TestProc::new();
        // An unpublished pid: no such process.
        let r = add(tp.ctx(), Term::pid(999_999));
        assert!(ref_id(r).is_some());
        assert!(!remove(ref_id(r).unwrap(), Term::pid(1)));
    }
}
