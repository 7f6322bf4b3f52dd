//! The process table (pid number -> process) and the registered-name table.
//!
//! Ownership: a process lives in a `ProcCell` behind an `Arc`. The table
//! holds one reference while the process is alive; the run queue, timers
//! and senders take clones for as long as they touch it, so a process is
//! freed when it has exited *and* nobody is still delivering to it.
//!
//! Access rules (the invariant every `unsafe` here relies on):
//! - the scheduler that has a process RUNNING (or is setting it up before
//!   it is published, or is tearing it down after it exited) is its owner
//!   and may use every field through `ProcCell::ptr`;
//! - anybody else touches only the synchronised fields, through the
//!   accessors below: `pid` (never changes), `state` (atomic), `inbox`,
//!   `signals` (mutexes), `has_signals`, `suspended` and `save_calls`
//!   (atomics).

use crate::heap::process::{pstate, Message, Process, Signal};
use crate::term::Term;
use std::collections::{HashMap, VecDeque};
use std::sync::atomic::{AtomicBool, AtomicU64, AtomicU8, Ordering};
use std::sync::{Arc, Mutex, OnceLock, RwLock};

pub struct ProcCell {
    ptr: *mut Process,
}

// SAFETY: see the access rules above; the shared accessors only reach
// fields that are atomics, mutexes or immutable.
unsafe impl Send for ProcCell {}
unsafe impl Sync for ProcCell {}

pub type ProcRef = Arc<ProcCell>;

impl ProcCell {
    pub fn new(p: Box<Process>) -> ProcRef {
        Arc::new(ProcCell {
            ptr: Box::into_raw(p),
        })
    }

    /// The process, for its owner (see the access rules).
    #[inline]
    pub fn ptr(&self) -> *mut Process {
        self.ptr
    }

    #[inline]
    pub fn pid(&self) -> Term {
        // SAFETY: `pid` is written once before the cell is shared.
        unsafe { *std::ptr::addr_of!((*self.ptr).pid) }
    }

    #[inline]
    pub fn state(&self) -> &AtomicU8 {
        // SAFETY: an atomic field; the pointer is valid while `self` lives.
        unsafe { &*std::ptr::addr_of!((*self.ptr).state) }
    }

    #[inline]
    pub fn inbox(&self) -> &Mutex<VecDeque<Message>> {
        // SAFETY: a mutex field; the pointer is valid while `self` lives.
        unsafe { &*std::ptr::addr_of!((*self.ptr).inbox) }
    }

    #[inline]
    pub fn signals(&self) -> &Mutex<VecDeque<(usize, Signal)>> {
        // SAFETY: a mutex field; the pointer is valid while `self` lives.
        unsafe { &*std::ptr::addr_of!((*self.ptr).signals) }
    }

    #[inline]
    pub fn has_signals(&self) -> &AtomicBool {
        // SAFETY: an atomic field; the pointer is valid while `self` lives.
        unsafe { &*std::ptr::addr_of!((*self.ptr).has_signals) }
    }

    /// Whether the process may hold literal-area pointers
    /// (`Process::reads_areas`).
    #[inline]
    pub fn reads_areas(&self) -> &AtomicBool {
        // SAFETY: an atomic field; the pointer is valid while `self` lives.
        unsafe { &*std::ptr::addr_of!((*self.ptr).reads_areas) }
    }

    #[inline]
    pub fn suspended(&self) -> &std::sync::atomic::AtomicU32 {
        // SAFETY: an atomic field; the pointer is valid while `self` lives.
        unsafe { &*std::ptr::addr_of!((*self.ptr).suspended) }
    }

    #[inline]
    pub fn save_calls(&self) -> &std::sync::atomic::AtomicU32 {
        // SAFETY: an atomic field; the pointer is valid while `self` lives.
        unsafe { &*std::ptr::addr_of!((*self.ptr).save_calls) }
    }

    pub fn is_alive(&self) -> bool {
        self.state().load(Ordering::Acquire) != pstate::EXITED
    }
}

impl Drop for ProcCell {
    fn drop(&mut self) {
        // SAFETY: `ptr` came from `Box::into_raw` and this is the last
        // reference to the cell.
        unsafe { drop(Box::from_raw(self.ptr)) }
    }
}

/// Pid word -> process, hashed cheaply (looked up at every send).
type PidMap = HashMap<u64, ProcRef, std::hash::BuildHasherDefault<crate::code::loc::AddrHasher>>;

fn table() -> &'static RwLock<PidMap> {
    static T: OnceLock<RwLock<PidMap>> = OnceLock::new();
    T.get_or_init(|| RwLock::new(PidMap::default()))
}

static NEXT_PID: AtomicU64 = AtomicU64::new(0);
/// Set once `set_next_pid_number` moved the counter: numbers may then come
/// round again, and `new_pid` skips those of live processes.
static REWOUND: AtomicBool = AtomicBool::new(false);

/// Pid numbers have BEAM's 28 bits (a 15-bit number and a 13-bit serial
/// in the external format): past the last one, numbering wraps to 0.
pub const PID_NUMBERS: u64 = 1 << 28;

/// Takes the next number, wrapping at `PID_NUMBERS`. After a wrap numbers
/// come round again, so from then on `new_pid` skips live ones.
fn take_number() -> u64 {
    let step = |n: u64| Some(if n + 1 >= PID_NUMBERS { 0 } else { n + 1 });
    // `step` always gives a value: the update cannot fail.
    let n = NEXT_PID
        .fetch_update(Ordering::Relaxed, Ordering::Relaxed, step)
        .unwrap_or_else(|n| n);
    if n + 1 >= PID_NUMBERS {
        REWOUND.store(true, Ordering::Relaxed);
    }
    n
}

/// A fresh pid; numbers are not reused until they wrap or a test rewinds
/// the counter (`set_next_pid_number`). The first one (0) goes to the
/// launcher's boot process, standing in for erl's `init`.
pub fn new_pid() -> Term {
    let mut n = take_number();
    if REWOUND.load(Ordering::Relaxed) {
        // All numbers live cannot happen: the table is far smaller.
        while table().read().unwrap().contains_key(&n) {
            n = take_number();
        }
    }
    Term::pid(n)
}

/// The number the next `new_pid` starts from
/// (`erts_debug:get_internal_state(next_pid)`).
pub fn next_pid_number() -> u64 {
    NEXT_PID.load(Ordering::Relaxed)
}

/// Makes pid numbering continue after `n` (`erts_debug:set_internal_state(
/// next_pid, N)`, with which OTP's tests get a dead process's pid again):
/// the next pid is the first number above `n` that no live process has,
/// which is returned (as BEAM's process table does).
pub fn set_next_pid_number(n: u64) -> u64 {
    let t = table().read().unwrap();
    let mut next = (n + 1) % PID_NUMBERS;
    while t.contains_key(&next) {
        next = (next + 1) % PID_NUMBERS;
    }
    REWOUND.store(true, Ordering::Relaxed);
    NEXT_PID.store(next, Ordering::Relaxed);
    next
}

/// Publishes a process: from now on it can be looked up and sent to.
pub fn insert(p: Box<Process>) -> ProcRef {
    let n = p.pid.pid_number();
    let r = ProcCell::new(p);
    table().write().unwrap().insert(n, r.clone());
    r
}

/// The live process with pid `pid` (a pid term).
pub fn lookup(pid: Term) -> Option<ProcRef> {
    if !pid.is_pid() {
        return None;
    }
    table().read().unwrap().get(&pid.pid_number()).cloned()
}

/// Removes an exited process from the table.
pub fn remove(pid: Term) -> Option<ProcRef> {
    table().write().unwrap().remove(&pid.pid_number())
}

/// Pids of every live process, in creation order.
pub fn all_pids() -> Vec<Term> {
    let mut v: Vec<u64> = table().read().unwrap().keys().copied().collect();
    v.sort_unstable();
    v.into_iter().map(Term::pid).collect()
}

pub fn count() -> usize {
    table().read().unwrap().len()
}

// ---- registered names ----

#[derive(Default)]
struct Names {
    by_name: HashMap<u64, Term>,
    by_pid: HashMap<u64, Term>,
}

fn names() -> &'static Mutex<Names> {
    static N: OnceLock<Mutex<Names>> = OnceLock::new();
    N.get_or_init(|| Mutex::new(Names::default()))
}

/// `register(Name, Pid)`: fails if the name is `undefined` or taken, the
/// process is dead, or it already has a name. The exit path marks a
/// process EXITED before it calls `unregister_pid`, so a name can never
/// stay attached to a dead process.
pub fn register(name: Term, pid: Term) -> bool {
    if !name.is_atom() || name == crate::term::atom::am::UNDEFINED {
        return false;
    }
    let mut n = names().lock().unwrap();
    let alive = lookup(pid).is_some_and(|r| r.is_alive());
    if !alive || n.by_name.contains_key(&name.raw()) || n.by_pid.contains_key(&pid.raw()) {
        return false;
    }
    n.by_name.insert(name.raw(), pid);
    n.by_pid.insert(pid.raw(), name);
    true
}

pub fn unregister(name: Term) -> bool {
    let mut n = names().lock().unwrap();
    match n.by_name.remove(&name.raw()) {
        Some(pid) => {
            n.by_pid.remove(&pid.raw());
            true
        }
        None => false,
    }
}

/// Registers `name` for an entity's identifier (a port), checked as
/// `register` checks a pid except for liveness (the caller's job).
pub fn register_entity(name: Term, id: Term) -> bool {
    if !name.is_atom() || name == crate::term::atom::am::UNDEFINED {
        return false;
    }
    let mut n = names().lock().unwrap();
    if n.by_name.contains_key(&name.raw()) || n.by_pid.contains_key(&id.raw()) {
        return false;
    }
    n.by_name.insert(name.raw(), id);
    n.by_pid.insert(id.raw(), name);
    true
}

/// Drops the name of `pid`, if any (on exit).
pub fn unregister_pid(pid: Term) {
    let mut n = names().lock().unwrap();
    if let Some(name) = n.by_pid.remove(&pid.raw()) {
        n.by_name.remove(&name.raw());
    }
}

pub fn whereis(name: Term) -> Option<Term> {
    names().lock().unwrap().by_name.get(&name.raw()).copied()
}

pub fn name_of(pid: Term) -> Option<Term> {
    names().lock().unwrap().by_pid.get(&pid.raw()).copied()
}

/// Every registered name, sorted by atom index (stable across calls).
pub fn registered() -> Vec<Term> {
    let mut v: Vec<Term> = names()
        .lock()
        .unwrap()
        .by_name
        .keys()
        .map(|&k| Term(k))
        .collect();
    v.sort_unstable_by_key(|a| a.raw());
    v
}

/// Forgets every process and name (tests only; processes still referenced
/// elsewhere stay allocated until those references drop).
#[cfg(test)]
pub fn clear() {
    table().write().unwrap().clear();
    let mut n = names().lock().unwrap();
    n.by_name.clear();
    n.by_pid.clear();
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::heap::process::DEFAULT_HEAP_WORDS;
    use crate::term::atom::{am, intern};

    #[test]
    fn pids_names_and_lifetimes() {
        let _g = crate::sched::tests::serial();
        let a = new_pid();
        let b = new_pid();
        assert!(a.is_pid() && b.pid_number() > a.pid_number());
        let ra = insert(Process::new(a, DEFAULT_HEAP_WORDS));
        let rb = insert(Process::new(b, DEFAULT_HEAP_WORDS));
        assert_eq!(lookup(a).unwrap().pid(), a);
        assert!(lookup(am::OK).is_none());
        let pids = all_pids();
        let ia = pids.iter().position(|&p| p == a).unwrap();
        let ib = pids.iter().position(|&p| p == b).unwrap();
        assert!(ia < ib);

        let n1 = intern("ptable_test_name1");
        let n2 = intern("ptable_test_name2");
        assert!(register(n1, a));
        assert!(!register(n1, b), "name taken");
        assert!(!register(n2, a), "pid already named");
        assert!(!register(am::UNDEFINED, b));
        assert!(!register(Term::small(1), b));
        assert_eq!(whereis(n1), Some(a));
        assert_eq!(name_of(a), Some(n1));
        assert!(registered().contains(&n1));
        assert!(unregister(n1));
        assert!(!unregister(n1));
        assert_eq!(whereis(n1), None);

        // A dead process cannot be registered; its name goes on exit.
        assert!(register(n2, b));
        rb.state().store(pstate::EXITED, Ordering::Release);
        unregister_pid(b);
        remove(b);
        assert_eq!(whereis(n2), None);
        assert!(!register(n2, b));
        assert!(lookup(b).is_none());
        // The cell outlives the table entry while referenced.
        assert_eq!(rb.pid(), b);
        drop(rb);
        remove(a);
        assert!(!ra.is_alive() || ra.pid() == a);
    }
}
