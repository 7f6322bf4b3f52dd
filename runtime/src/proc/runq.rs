//! The run queue and the halt flag: what the process layer needs to
//! make a process runnable (`enqueue`, `wake`) and to wake idle
//! schedulers (`notify`). The scheduler loop that pops from it is in
//! `sched.rs`; the process states are described there.

use crate::heap::process::pstate;
use crate::proc::ptable::ProcRef;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Condvar, Mutex, OnceLock};

pub(crate) struct Shared {
    /// Runnable processes, by priority (`prioq.rs`).
    pub(crate) queue: crate::proc::prioq::PrioQueue,
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
            queue: Default::default(),
            halt: None,
            sleepers: 0,
        }),
        cv: Condvar::new(),
        running: AtomicUsize::new(0),
    })
}

/// Puts a RUNNABLE process at the back of the run queue (of its priority
/// level).
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

/// Puts a proxy for the system tasks of `r` in the run queue at priority
/// level `prio` (`sys_task.rs`).
pub fn enqueue_proxy(r: ProcRef, prio: u8) {
    let q = rq();
    let mut g = q.m.lock().unwrap();
    g.queue.push_proxy(r, prio);
    let sleeping = g.sleepers > 0;
    drop(g);
    if sleeping {
        q.cv.notify_one();
    }
}

/// Moves the queued entry of `r` up to priority level `prio` if it waits
/// at a lower one (BEAM's elevated signal handling); nothing otherwise.
pub fn elevate(r: &ProcRef, prio: u8) {
    rq().m.lock().unwrap().queue.elevate(r, prio);
}

/// Queues the entry of `r` again at its current priority (`PrioQueue::
/// requeue`).
pub fn requeue(r: &ProcRef) {
    rq().m.lock().unwrap().queue.requeue(r);
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
