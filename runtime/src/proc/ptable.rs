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
use std::sync::atomic::{AtomicBool, AtomicU64, AtomicU8, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, OnceLock};

pub struct ProcCell {
    ptr: *mut Process,
    /// A copy of the process's pid, beside the reference count the table's
    /// lookup touches anyway.
    pid: Term,
}

// SAFETY: see the access rules above; the shared accessors only reach
// fields that are atomics, mutexes or immutable.
unsafe impl Send for ProcCell {}
unsafe impl Sync for ProcCell {}

pub type ProcRef = Arc<ProcCell>;

impl ProcCell {
    pub fn new(p: Box<Process>) -> ProcRef {
        let pid = p.pid;
        Arc::new(ProcCell {
            ptr: Box::into_raw(p),
            pid,
        })
    }

    /// The process, for its owner (see the access rules).
    #[inline]
    pub fn ptr(&self) -> *mut Process {
        self.ptr
    }

    #[inline]
    pub fn pid(&self) -> Term {
        self.pid
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

/// The process table is BEAM's: an array of slots indexed by the low
/// `SLOT_BITS` bits of the pid number, so a lookup is one index, no hash
/// and no lock. A pid number is only handed out when its slot is free, so
/// a slot holds at most one process; a stale pid (its process gone, the
/// slot reused by a later number) is told apart by comparing the whole
/// number with the occupant's.
///
/// A slot's `word` is 0 (free), `reserved(n)` (odd: number `n` handed out
/// by `new_pid`, the process not yet published) or a cell pointer from
/// `Arc::into_raw` (even). Readers are lock-free; a remover unpublishes
/// the pointer and then waits until the in-flight readers of the slot's
/// stripe (a handful of instructions each, never blocking) are gone before
/// it drops the table's reference, so several scheduler threads can send and
/// exit concurrently without a global lock.
///
/// `SLOTS` is BEAM's default process limit (`system_info(process_limit)`): 2 MB of
/// slots at most, touched only as far as pid numbers have gone.
const SLOT_BITS: u32 = 18;
const SLOTS: usize = 1 << SLOT_BITS;
const SLOT_MASK: u64 = SLOTS as u64 - 1;

struct Slot {
    word: AtomicUsize,
}

/// Readers between their announcement and their reference count increment
/// (see `lookup` and `remove`), counted per stripe of slots rather than per
/// slot to keep slots one word: a remover may wait for a reader of another
/// slot of its stripe, a few instructions.
const STRIPES: usize = 64;

#[repr(align(64))]
struct Stripe(AtomicUsize);

static READERS: [Stripe; STRIPES] = [const { Stripe(AtomicUsize::new(0)) }; STRIPES];

#[inline]
fn readers(n: u64) -> &'static AtomicUsize {
    &READERS[(n as usize) % STRIPES].0
}

fn slots() -> &'static [Slot] {
    static T: OnceLock<&'static [Slot]> = OnceLock::new();
    T.get_or_init(|| {
        let bytes = std::mem::size_of::<Slot>() * SLOTS;
        // SAFETY: a fresh private anonymous mapping: zero-filled, which is
        // a valid `Slot` (a zero atomic), and never unmapped, so the
        // slice is `'static`. Pages nobody touched cost no memory.
        unsafe {
            let p = libc::mmap(
                std::ptr::null_mut(),
                bytes,
                libc::PROT_READ | libc::PROT_WRITE,
                libc::MAP_PRIVATE | libc::MAP_ANONYMOUS | libc::MAP_NORESERVE,
                -1,
                0,
            );
            if p == libc::MAP_FAILED {
                eprintln!("girder: cannot map the process table");
                std::process::abort();
            }
            std::slice::from_raw_parts(p as *const Slot, SLOTS)
        }
    })
}

#[inline]
fn slot(n: u64) -> &'static Slot {
    &slots()[(n & SLOT_MASK) as usize]
}

#[inline]
fn reserved(n: u64) -> usize {
    ((n as usize) << 1) | 1
}

/// Live (published) processes, for `count`.
static LIVE: AtomicUsize = AtomicUsize::new(0);
/// One past the highest slot ever used: `all_pids` scans no further.
static HIGH: AtomicUsize = AtomicUsize::new(0);

/// The cell a slot word points to, if it holds a published process.
#[inline]
fn occupant(w: usize) -> Option<*const ProcCell> {
    (w != 0 && w & 1 == 0).then_some(w as *const ProcCell)
}

/// Claims number `n`'s slot for it if the slot is free.
fn reserve(n: u64) -> bool {
    let ok = slot(n)
        .word
        .compare_exchange(0, reserved(n), Ordering::SeqCst, Ordering::Relaxed)
        .is_ok();
    if ok {
        HIGH.fetch_max((n & SLOT_MASK) as usize + 1, Ordering::Relaxed);
    }
    ok
}

static NEXT_PID: AtomicU64 = AtomicU64::new(0);

/// Pid numbers have BEAM's 28 bits (a 15-bit number and a 13-bit serial
/// in the external format): past the last one, numbering wraps to 0.
pub const PID_NUMBERS: u64 = 1 << 28;

/// Takes the next number, wrapping at `PID_NUMBERS`.
fn take_number() -> u64 {
    let step = |n: u64| Some(if n + 1 >= PID_NUMBERS { 0 } else { n + 1 });
    // `step` always gives a value: the update cannot fail.
    NEXT_PID
        .fetch_update(Ordering::Relaxed, Ordering::Relaxed, step)
        .unwrap_or_else(|n| n)
}

/// A fresh pid, its slot reserved until `insert` publishes the process
/// (or `release` gives it back). Numbers count up and wrap at
/// `PID_NUMBERS`; one whose slot is in use (a process `SLOTS` numbers
/// older still alive) is skipped, as BEAM's table does. The first one (0)
/// goes to the launcher's boot process, standing in for erl's `init`.
pub fn new_pid() -> Term {
    // Each try takes a different slot: a full round means every slot is
    // live, a million processes, which exhausts memory long before.
    for _ in 0..SLOTS {
        let n = take_number();
        if reserve(n) {
            return Term::pid(n);
        }
    }
    eprintln!("girder: the process table is full ({SLOTS} processes)");
    std::process::abort()
}

/// Gives back the slot of a pid from `new_pid` whose process was never
/// published.
pub fn release(pid: Term) {
    let n = pid.pid_number();
    let _ = slot(n)
        .word
        .compare_exchange(reserved(n), 0, Ordering::SeqCst, Ordering::Relaxed);
}

/// The number the next `new_pid` starts from
/// (`erts_debug:get_internal_state(next_pid)`).
pub fn next_pid_number() -> u64 {
    NEXT_PID.load(Ordering::Relaxed)
}

/// Makes pid numbering continue after `n` (`erts_debug:set_internal_state(
/// next_pid, N)`, with which OTP's tests get a dead process's pid again):
/// the next pid is the first number above `n` whose slot is free, which
/// is returned (as BEAM's process table does).
pub fn set_next_pid_number(n: u64) -> u64 {
    let mut next = (n + 1) % PID_NUMBERS;
    for _ in 0..SLOTS {
        if slot(next).word.load(Ordering::SeqCst) == 0 {
            break;
        }
        next = (next + 1) % PID_NUMBERS;
    }
    NEXT_PID.store(next, Ordering::Relaxed);
    next
}

/// Publishes a process: from now on it can be looked up and sent to. Its
/// pid must come from `new_pid` (its slot reserved for it).
pub fn insert(p: Box<Process>) -> ProcRef {
    let n = p.pid.pid_number();
    let r = ProcCell::new(p);
    let raw = Arc::into_raw(r.clone()) as usize;
    let s = slot(n);
    // A reserved slot is normal; a free one (a pid made up by a test) is
    // taken as well. One holding another process keeps it: this pid was
    // not from `new_pid`, and the new process stays unreachable.
    let published = s
        .word
        .compare_exchange(reserved(n), raw, Ordering::SeqCst, Ordering::Relaxed)
        .or_else(|_| {
            s.word
                .compare_exchange(0, raw, Ordering::SeqCst, Ordering::Relaxed)
        })
        .is_ok();
    if published {
        HIGH.fetch_max((n & SLOT_MASK) as usize + 1, Ordering::Relaxed);
        LIVE.fetch_add(1, Ordering::Relaxed);
    } else {
        debug_assert!(false, "pid {n} was not reserved");
        // SAFETY: `raw` came from `Arc::into_raw` just above and was not
        // shared.
        drop(unsafe { Arc::from_raw(raw as *const ProcCell) });
    }
    r
}

/// The live process with pid `pid` (a pid term).
#[inline]
pub fn lookup(pid: Term) -> Option<ProcRef> {
    if !pid.is_pid() {
        return None;
    }
    let n = pid.pid_number();
    let s = slot(n);
    // Announce the read before loading the pointer: `unpublish` clears the
    // pointer before it checks for readers, so with sequentially
    // consistent order either this load sees the cleared slot or the
    // remover sees this reader and waits for it.
    let rd = readers(n);
    rd.fetch_add(1, Ordering::SeqCst);
    let found = occupant(s.word.load(Ordering::SeqCst)).and_then(|cell| {
        // SAFETY: the pointer was published by `insert` and cannot be
        // released while this reader is announced; the cell's pid never
        // changes.
        unsafe {
            if (*cell).pid.pid_number() != n {
                return None;
            }
            Arc::increment_strong_count(cell);
            Some(Arc::from_raw(cell))
        }
    });
    rd.fetch_sub(1, Ordering::Release);
    found
}

/// Removes an exited process from the table.
pub fn remove(pid: Term) -> Option<ProcRef> {
    let n = pid.pid_number();
    let s = slot(n);
    let w = s.word.load(Ordering::SeqCst);
    let cell = occupant(w)?;
    // SAFETY: a published pointer stays valid until the table's reference
    // is dropped, which only the remover that clears the slot does; a
    // concurrent remover of the same pid loses the exchange below.
    if unsafe { (*cell).pid.pid_number() } != n {
        return None;
    }
    s.word
        .compare_exchange(w, 0, Ordering::SeqCst, Ordering::Relaxed)
        .ok()?;
    // Readers that loaded the pointer before it was cleared are still
    // announced: wait for them to take their own references.
    while readers(n).load(Ordering::SeqCst) != 0 {
        std::hint::spin_loop();
    }
    LIVE.fetch_sub(1, Ordering::Relaxed);
    // SAFETY: the table's reference from `insert`, now unreachable.
    Some(unsafe { Arc::from_raw(cell) })
}

/// Pids of every live process, in creation order.
pub fn all_pids() -> Vec<Term> {
    let high = HIGH.load(Ordering::Relaxed);
    let mut v: Vec<u64> = slots()[..high]
        .iter()
        .enumerate()
        .filter_map(|(i, s)| {
            occupant(s.word.load(Ordering::Acquire))?;
            // The occupant's number from a safe lookup: it may go away.
            let n = lookup_slot(i)?;
            Some(n)
        })
        .collect();
    v.sort_unstable();
    v.into_iter().map(Term::pid).collect()
}

/// The pid number of slot `i`'s process, read under the reader protocol.
fn lookup_slot(i: usize) -> Option<u64> {
    let s = &slots()[i];
    let rd = readers(i as u64);
    rd.fetch_add(1, Ordering::SeqCst);
    // SAFETY: as in `lookup`: an announced reader keeps the cell alive.
    let n = occupant(s.word.load(Ordering::SeqCst)).map(|c| unsafe { (*c).pid.pid_number() });
    rd.fetch_sub(1, Ordering::Release);
    n
}

pub fn count() -> usize {
    LIVE.load(Ordering::Relaxed)
}

/// Whether a spawn must fail with `system_limit`: every slot holds a
/// live process (BEAM's process limit, `system_info(process_limit)`).
/// The spawning BIFs check it before `new_pid`.
pub fn at_limit() -> bool {
    count() >= SLOTS
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
    for i in 0..HIGH.load(Ordering::Relaxed) {
        let s = &slots()[i];
        let w = s.word.swap(0, Ordering::SeqCst);
        while readers(i as u64).load(Ordering::SeqCst) != 0 {
            std::hint::spin_loop();
        }
        if let Some(c) = occupant(w) {
            LIVE.fetch_sub(1, Ordering::Relaxed);
            // SAFETY: the table's reference from `insert`.
            drop(unsafe { Arc::from_raw(c) });
        }
    }
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

    #[test]
    fn slots_are_reused_and_stale_pids_detected() {
        let _g = crate::sched::tests::serial();
        // Numbering goes back where it was at the end: other tests print
        // pids, whose form changes past 15 bits.
        let saved = next_pid_number();
        let a = new_pid();
        let ra = insert(Process::new(a, DEFAULT_HEAP_WORDS));
        let n = a.pid_number();
        // The number a whole table later maps to `a`'s slot: skipped
        // while `a` lives.
        set_next_pid_number(n + SLOTS as u64 - 1);
        let b = new_pid();
        assert_ne!(b.pid_number(), n + SLOTS as u64);
        let rb = insert(Process::new(b, DEFAULT_HEAP_WORDS));
        // Once `a` is gone its slot takes the later number, and `a`'s pid
        // does not find the new occupant.
        ra.state().store(pstate::EXITED, Ordering::Release);
        assert!(remove(a).is_some());
        assert!(remove(a).is_none());
        set_next_pid_number(n + SLOTS as u64 - 1);
        let c = new_pid();
        assert_eq!(c.pid_number(), n + SLOTS as u64);
        assert!(lookup(a).is_none(), "a reserved slot is not a process");
        let rc = insert(Process::new(c, DEFAULT_HEAP_WORDS));
        assert!(lookup(a).is_none(), "stale pid");
        assert_eq!(lookup(c).unwrap().pid(), c);
        assert!(remove(a).is_none(), "a stale pid removes nothing");
        let pids = all_pids();
        assert!(pids.contains(&b) && pids.contains(&c) && !pids.contains(&a));
        // A pid given back unpublished frees its slot.
        let d = new_pid();
        release(d);
        set_next_pid_number(d.pid_number() - 1);
        assert_eq!(new_pid(), d);
        release(d);
        remove(b);
        remove(c);
        drop((rb, rc));
        NEXT_PID.store(saved + 1, Ordering::Relaxed);
    }
}
