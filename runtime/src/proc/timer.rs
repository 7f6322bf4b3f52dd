//! Timers: one global ordered set of deadlines, shared by all schedulers.
//! A `receive ... after` arms a `Timeout` timer that wakes its process; a
//! `Send` timer (for `erlang:send_after` and friends) delivers a message.
//!
//! Deadlines are nanoseconds of a monotonic clock that starts at the first
//! call to `now_ns`. A timer is identified by `(deadline, seq)`; `seq` is
//! unique, so cancelling never hits another timer. Firing is done by the
//! schedulers (`sched.rs`) when they find a deadline has passed; a fired
//! `Timeout` only wakes the process, which then sees for itself that its
//! deadline has passed (so a lost race between a message and the timer can
//! never leave a process asleep).

use crate::heap::process::Message;
use crate::term::Term;
use std::collections::BTreeMap;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Mutex, OnceLock};
use std::time::Instant;

/// What happens when a timer fires.
pub enum Action {
    /// Wake process `pid` (a pid number) waiting in `receive ... after`.
    Timeout { pid: u64 },
    /// Send `msg` to `to` (a pid or a registered name).
    Send { to: Term, msg: Message },
    /// Run a callback on the scheduler that fires the timer (BEAM's
    /// `erts_start_timer_callback`; it may arm further timers).
    Call(Box<dyn FnOnce() + Send>),
}

/// `(deadline_ns, seq)`.
pub type Key = (u64, u64);

fn timers() -> &'static Mutex<BTreeMap<Key, Action>> {
    static T: OnceLock<Mutex<BTreeMap<Key, Action>>> = OnceLock::new();
    T.get_or_init(|| Mutex::new(BTreeMap::new()))
}

static SEQ: AtomicU64 = AtomicU64::new(1);
/// The earliest deadline (u64::MAX if none), so that schedulers can skip
/// locking the set on every time slice.
static EARLIEST: AtomicU64 = AtomicU64::new(u64::MAX);

fn update_earliest(t: &BTreeMap<Key, Action>) {
    EARLIEST.store(t.keys().next().map_or(u64::MAX, |k| k.0), Ordering::SeqCst);
}

/// Where the timer clock starts: an `Instant` (CLOCK_MONOTONIC on Linux)
/// and a raw CLOCK_MONOTONIC reading taken just before it, so that the
/// coarse clock can bound `now_ns` from above.
struct Epoch {
    start: Instant,
    raw_before: u64,
    /// How far CLOCK_MONOTONIC may be ahead of CLOCK_MONOTONIC_COARSE
    /// (the coarse clock's resolution, doubled, plus a millisecond).
    coarse_slack: u64,
}

fn raw_clock(id: libc::clockid_t) -> Option<u64> {
    let mut ts = libc::timespec {
        tv_sec: 0,
        tv_nsec: 0,
    };
    // SAFETY: `ts` is a valid out-parameter for the call.
    let r = unsafe { libc::clock_gettime(id, &mut ts) };
    (r == 0).then(|| ts.tv_sec as u64 * 1_000_000_000 + ts.tv_nsec as u64)
}

fn epoch() -> &'static Epoch {
    static E: OnceLock<Epoch> = OnceLock::new();
    E.get_or_init(|| {
        let raw_before = raw_clock(libc::CLOCK_MONOTONIC).unwrap_or(0);
        let start = Instant::now();
        let mut res = libc::timespec {
            tv_sec: 0,
            tv_nsec: 0,
        };
        // SAFETY: `res` is a valid out-parameter for the call.
        let ok = unsafe { libc::clock_getres(libc::CLOCK_MONOTONIC_COARSE, &mut res) } == 0;
        let res_ns = res.tv_sec as u64 * 1_000_000_000 + res.tv_nsec as u64;
        Epoch {
            start,
            raw_before,
            // Without a coarse clock the bound is never used (u64::MAX).
            coarse_slack: if ok && res_ns < 100_000_000 {
                2 * res_ns + 1_000_000
            } else {
                u64::MAX
            },
        }
    })
}

/// Nanoseconds since the timer clock started (monotonic).
pub fn now_ns() -> u64 {
    epoch().start.elapsed().as_nanos() as u64
}

/// A value `now_ns()` cannot exceed right now, read from the coarse clock
/// (a memory read in the vDSO instead of a full clock read): schedulers
/// check it at every slice while a far timer is pending. `now_ns` is
/// CLOCK_MONOTONIC minus a start at or after `raw_before`, and
/// CLOCK_MONOTONIC is at most one coarse tick ahead of the coarse clock
/// (`coarse_slack` allows two plus a millisecond). u64::MAX when unknown.
pub fn now_ns_upper_bound() -> u64 {
    let e = epoch();
    if e.coarse_slack == u64::MAX {
        return u64::MAX;
    }
    match raw_clock(libc::CLOCK_MONOTONIC_COARSE) {
        Some(c) => c
            .saturating_add(e.coarse_slack)
            .saturating_sub(e.raw_before),
        None => u64::MAX,
    }
}

/// The deadline `ms` milliseconds from now (saturating).
pub fn deadline_after_ms(ms: u64) -> u64 {
    now_ns().saturating_add(ms.saturating_mul(1_000_000))
}

/// Arms a timer and returns its key. Wakes idle schedulers so that they
/// recompute how long to sleep.
pub fn add(deadline: u64, action: Action) -> Key {
    let key = (deadline, SEQ.fetch_add(1, Ordering::Relaxed));
    {
        let mut t = timers().lock().unwrap();
        t.insert(key, action);
        update_earliest(&t);
    }
    crate::proc::runq::notify();
    key
}

/// Cancels a timer; returns its action if it had not fired yet.
pub fn cancel(key: Key) -> Option<Action> {
    let mut t = timers().lock().unwrap();
    let a = t.remove(&key);
    update_earliest(&t);
    a
}

/// Whether the timer `key` is still armed (not fired nor cancelled).
pub fn is_pending(key: Key) -> bool {
    timers().lock().unwrap().contains_key(&key)
}

/// The earliest pending deadline.
pub fn next_deadline() -> Option<u64> {
    let d = EARLIEST.load(Ordering::SeqCst);
    (d != u64::MAX).then_some(d)
}

/// Removes and returns every timer whose deadline is at or before `now`,
/// earliest first.
pub fn take_due(now: u64) -> Vec<Action> {
    let mut out = Vec::new();
    if EARLIEST.load(Ordering::SeqCst) > now {
        return out;
    }
    let mut t = timers().lock().unwrap();
    while let Some(entry) = t.first_entry() {
        if entry.key().0 > now {
            break;
        }
        out.push(entry.remove());
    }
    update_earliest(&t);
    out
}

/// Number of pending timers.
pub fn pending() -> usize {
    timers().lock().unwrap().len()
}

/// Drops every timer (tests).
#[cfg(test)]
pub fn clear() {
    let mut t = timers().lock().unwrap();
    t.clear();
    update_earliest(&t);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pid_of(a: &Action) -> u64 {
        match a {
            Action::Timeout { pid } => *pid,
            Action::Send { .. } | Action::Call(_) => u64::MAX,
        }
    }

    #[test]
    fn clock_is_monotonic_and_deadlines_saturate() {
        let a = now_ns();
        let b = now_ns();
        assert!(b >= a);
        assert!(deadline_after_ms(10) >= b + 10_000_000);
        assert_eq!(deadline_after_ms(u64::MAX), u64::MAX);
    }

    #[test]
    fn due_timers_fire_in_order_and_cancel_works() {
        let _g = crate::sched::tests::serial();
        clear();
        let base = u64::MAX / 2;
        let k3 = add(base + 30, Action::Timeout { pid: 3 });
        let _k1 = add(base + 10, Action::Timeout { pid: 1 });
        let k2 = add(base + 20, Action::Timeout { pid: 2 });
        let _k2b = add(base + 20, Action::Timeout { pid: 22 });
        assert_eq!(next_deadline(), Some(base + 10));
        assert!(cancel(k2).is_some());
        assert!(cancel(k2).is_none());
        assert!(take_due(base + 9).is_empty());
        let due: Vec<u64> = take_due(base + 25).iter().map(pid_of).collect();
        assert_eq!(due, vec![1, 22]);
        assert_eq!(next_deadline(), Some(k3.0));
        assert_eq!(pending(), 1);
        let due: Vec<u64> = take_due(u64::MAX).iter().map(pid_of).collect();
        assert_eq!(due, vec![3]);
        assert_eq!(next_deadline(), None);
    }
}
