//! The run queue and the halt flag: what the process layer needs to
//! make a process runnable (`enqueue`, `wake`) and to wake idle
//! schedulers (`notify`). The scheduler loop that pops from it is in
//! `sched.rs`; the process states are described there.

use crate::heap::process::pstate;
use crate::proc::ptable::ProcRef;
use std::collections::VecDeque;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Condvar, Mutex, OnceLock};

pub(crate) struct Shared {
    pub(crate) queue: VecDeque<ProcRef>,
    /// Halt now with this status.
    pub(crate) halt: Option<i32>,
    /// Schedulers blocked on the condition variable: only then does
    /// `enqueue` pay for a wake-up (a futex system call).
    pub(crate) sleepers: usize,
}

pub(crate) struct RunQueue {
    pub(crate) m: Mutex<Shared>,
    pub(crate) cv: Condvar,
    /// Processes currently RUNNING on some scheduler.
    pub(crate) running: AtomicUsize,
}

pub(crate) fn rq() -> &'static RunQueue {
    static Q: OnceLock<RunQueue> = OnceLock::new();
    Q.get_or_init(|| RunQueue {
        m: Mutex::new(Shared {
            queue: VecDeque::new(),
            halt: None,
            sleepers: 0,
        }),
        cv: Condvar::new(),
        running: AtomicUsize::new(0),
    })
}

/// Puts a RUNNABLE process at the back of the run queue.
pub fn enqueue(r: ProcRef) {
    let q = rq();
    let mut g = q.m.lock().unwrap();
    g.queue.push_back(r);
    let sleeping = g.sleepers > 0;
    drop(g);
    if sleeping {
        q.cv.notify_one();
    }
}

/// Makes a WAITING process runnable (no-op in any other state).
pub fn wake(r: &ProcRef) {
    if r.state()
        .compare_exchange(
            pstate::WAITING,
            pstate::RUNNABLE,
            Ordering::SeqCst,
            Ordering::SeqCst,
        )
        .is_ok()
    {
        enqueue(r.clone());
    }
}

/// Wakes idle schedulers so they re-read timers and flags.
pub fn notify() {
    let q = rq();
    drop(q.m.lock().unwrap());
    q.cv.notify_all();
}

/// Halts the VM with `code` at the next scheduling point (the first
/// request wins).
pub fn request_halt(code: i32) {
    let q = rq();
    {
        let mut g = q.m.lock().unwrap();
        if g.halt.is_none() {
            g.halt = Some(code);
        }
    }
    q.cv.notify_all();
}

/// The status a halt was requested with, if any.
pub fn halt_requested() -> Option<i32> {
    rq().m.lock().unwrap().halt
}
