//! Suspending processes (`erlang:suspend_process/1,2`,
//! `erlang:resume_process/1`).
//!
//! A suspended process runs no Erlang code, but it still receives
//! messages and signals: an exit signal can end it, and requests made of
//! it (a collection asked with `garbage_collect/1`) are served.
//!
//! State:
//! - each suspender's suspensions: a global table, suspender -> [(suspendee,
//!   count)], the count being how many `suspend_process` calls the
//!   suspender has not yet resumed (BEAM's suspend monitor);
//! - each suspendee's `Process::suspended`: how many suspenders have it
//!   suspended (at most one per suspender, however many times each
//!   suspended it).
//!
//! The rule (safe with any number of scheduler threads):
//! 1. `suspended` changes only under the suspendee's `inbox` lock. The
//!    first suspension also sets `has_signals` (under the `signals` lock,
//!    as `deliver_signal` does).
//! 2. `signal::fetch` clears `has_signals` only when `suspended` is 0 (it
//!    holds the `inbox` lock). So while a process is suspended and not
//!    running, `has_signals` is true, and the scheduler's existing slow
//!    path (`if has_signals`, taken before a slice) is the only place that
//!    checks for a suspension: nothing is added to the hot path.
//! 3. There, after handling its signals (a fatal one ends it), the
//!    scheduler `park`s the process: under the `inbox` lock, if
//!    `suspended` is still non-zero, it becomes WAITING and is not run. A
//!    message or signal wakes it as any waiting process (`wake`), and it
//!    parks again at once.
//! 4. The last `resume` drops `suspended` to 0 under the `inbox` lock and
//!    then `wake`s it (WAITING -> RUNNABLE, a compare-exchange): if the
//!    park came first it is queued again, if not the park sees 0 and the
//!    slice goes on. A process that was genuinely waiting in `receive`
//!    gets one spurious wake-up and waits again, as after a link signal.
//!
//! With one scheduler thread (today) the suspendee is never running when
//! `suspend_process` runs, so the suspension is in effect when the BIF
//! returns, as BEAM's is when it can lock a process that is not running.
//! With several, a target RUNNING on another thread goes on to the end of
//! its slice before it parks; BEAM then makes the suspender wait for the
//! target's acknowledgement (`{Ref, true}`, which erlang.erl already
//! waits for). That acknowledgement is not implemented yet: the next
//! issue, which adds schedulers, must send it from `park`.
//!
//! A suspender that exits resumes everything it suspended (`on_exit`,
//! called by `signal::terminate`), and a suspendee that exits leaves the
//! suspenders' lists.

use crate::proc::ptable::{self, ProcRef};
use crate::term::Term;
use std::collections::HashMap;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Mutex, OnceLock};

/// Suspender pid word -> its suspendees and counts.
type Table = HashMap<u64, Vec<(Term, u32)>>;

fn table() -> &'static Mutex<Table> {
    static T: OnceLock<Mutex<Table>> = OnceLock::new();
    T.get_or_init(|| Mutex::new(Table::default()))
}

/// Set once anything was ever suspended: exits skip the table until then.
static USED: AtomicBool = AtomicBool::new(false);

/// Puts one more suspender on `r` (rule 1). False if it has exited.
fn begin(r: &ProcRef) -> bool {
    let _inbox = r.inbox().lock().unwrap();
    if !r.is_alive() {
        return false;
    }
    if r.suspended().fetch_add(1, Ordering::SeqCst) == 0 {
        let _sigs = r.signals().lock().unwrap();
        r.has_signals().store(true, Ordering::SeqCst);
    }
    true
}

/// Takes one suspender off `r` (rule 4).
fn end(r: &ProcRef) {
    let last = {
        let _inbox = r.inbox().lock().unwrap();
        let n = r.suspended().load(Ordering::SeqCst);
        r.suspended().store(n.saturating_sub(1), Ordering::SeqCst);
        n == 1
    };
    if last {
        crate::proc::runq::wake(r);
    }
}

/// `suspender` suspends `target` (a pid, not the suspender). With
/// `unless_suspending`, a target it already suspends is left alone
/// (false). None: no such process.
pub fn suspend(suspender: Term, target: Term, unless_suspending: bool) -> Option<bool> {
    let r = ptable::lookup(target).filter(|r| r.is_alive())?;
    USED.store(true, Ordering::SeqCst);
    let mut t = table().lock().unwrap();
    let list = t.entry(suspender.raw()).or_default();
    if let Some(e) = list.iter_mut().find(|e| e.0 == target) {
        if unless_suspending {
            return Some(false);
        }
        e.1 += 1;
        return Some(true);
    }
    if !begin(&r) {
        if list.is_empty() {
            t.remove(&suspender.raw());
        }
        return None;
    }
    list.push((target, 1));
    Some(true)
}

/// `suspender` resumes `target` once. False if it has no suspension of
/// `target` in effect (never suspended, all resumed, or `target` exited).
pub fn resume(suspender: Term, target: Term) -> bool {
    let mut t = table().lock().unwrap();
    let Some(list) = t.get_mut(&suspender.raw()) else {
        return false;
    };
    let Some(i) = list.iter().position(|e| e.0 == target) else {
        return false;
    };
    let r = ptable::lookup(target).filter(|r| r.is_alive());
    list[i].1 -= 1;
    if list[i].1 == 0 || r.is_none() {
        list.swap_remove(i);
        if list.is_empty() {
            t.remove(&suspender.raw());
        }
        if let Some(r) = &r {
            end(r);
        }
    }
    r.is_some()
}

/// A suspension by the runtime itself, with no suspender (BEAM's
/// `erts_suspend` of a caller of a fun whose purge is pending,
/// `proc/fun_purge.rs`): one more count on `pid`, outside the suspenders'
/// table; `release` takes it off. The process may be the running one: it
/// parks at its next slice (rule 3). False if it has exited.
pub fn hold(pid: Term) -> bool {
    ptable::lookup(pid).is_some_and(|r| begin(&r))
}

/// Ends a suspension made by `hold` (nothing if `pid` has exited).
pub fn release(pid: Term) {
    if let Some(r) = ptable::lookup(pid).filter(|r| r.is_alive()) {
        end(&r);
    }
}

/// The scheduler's check after handling `r`'s signals (rule 3): true if
/// the process is suspended and now parked (WAITING, not to be run).
pub fn park(r: &ProcRef) -> bool {
    let _inbox = r.inbox().lock().unwrap();
    if r.suspended().load(Ordering::SeqCst) == 0 {
        return false;
    }
    r.state()
        .store(crate::heap::process::pstate::WAITING, Ordering::SeqCst);
    true
}

/// `process_info(Suspender, suspending)`: `(suspendee, count)` for each
/// live process `suspender` suspends.
pub fn suspending(suspender: Term) -> Vec<(Term, u32)> {
    let t = table().lock().unwrap();
    t.get(&suspender.raw())
        .map(|l| {
            l.iter()
                .filter(|e| ptable::lookup(e.0).is_some_and(|r| r.is_alive()))
                .copied()
                .collect()
        })
        .unwrap_or_default()
}

/// The process `pid` exited (`signal::terminate`, after it left the
/// process table): what it suspended is resumed, and it leaves the lists
/// of those that suspended it.
pub fn on_exit(pid: Term, was_suspended: bool) {
    if !USED.load(Ordering::Relaxed) {
        return;
    }
    let mine = {
        let mut t = table().lock().unwrap();
        if was_suspended {
            t.retain(|_, l| {
                l.retain(|e| e.0 != pid);
                !l.is_empty()
            });
        }
        t.remove(&pid.raw())
    };
    for (target, _) in mine.unwrap_or_default() {
        if let Some(r) = ptable::lookup(target) {
            end(&r);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::heap::process::{pstate, Process, DEFAULT_HEAP_WORDS};

    #[test]
    fn counts_park_resume_and_exit() {
        let _g = crate::sched::tests::serial();
        let (a, b) = (ptable::new_pid(), ptable::new_pid());
        let rb = ptable::insert(Process::new(b, DEFAULT_HEAP_WORDS));
        rb.state().store(pstate::WAITING, Ordering::SeqCst);
        assert_eq!(suspend(a, b, false), Some(true));
        assert_eq!(suspend(a, b, false), Some(true));
        assert_eq!(suspend(a, b, true), Some(false));
        // One suspender counts once however often it suspended.
        assert_eq!(rb.suspended().load(Ordering::SeqCst), 1);
        assert!(rb.has_signals().load(Ordering::SeqCst));
        assert_eq!(suspending(a), vec![(b, 2)]);
        // Rule 2: handling signals does not clear the flag.
        // SAFETY: the process is not running; this test owns it.
        assert!(crate::proc::signal::fetch(unsafe { &mut *rb.ptr() }, true).is_none());
        assert!(rb.has_signals().load(Ordering::SeqCst));
        assert!(park(&rb));
        assert_eq!(rb.state().load(Ordering::SeqCst), pstate::WAITING);
        assert!(resume(a, b));
        assert_eq!(rb.suspended().load(Ordering::SeqCst), 1);
        assert!(resume(a, b));
        // The last resume wakes the parked process.
        assert_eq!(rb.suspended().load(Ordering::SeqCst), 0);
        assert_eq!(rb.state().load(Ordering::SeqCst), pstate::RUNNABLE);
        assert!(!park(&rb));
        assert!(!resume(a, b), "nothing left to resume");
        // A suspender's exit resumes what it suspended.
        assert_eq!(suspend(a, b, false), Some(true));
        on_exit(a, false);
        assert_eq!(rb.suspended().load(Ordering::SeqCst), 0);
        assert!(suspending(a).is_empty());
        // A suspendee's exit takes it off the lists.
        assert_eq!(suspend(a, b, false), Some(true));
        on_exit(b, true);
        assert!(!resume(a, b));
        assert_eq!(suspend(a, Term::pid(1 << 40), false), None);
        ptable::remove(b);
        crate::sched::reset();
    }
}
