//! System tasks requested of another process (`erts_internal:
//! request_system_task/3,4`: garbage collection, code checks, tests), run
//! at the priority they were requested with, as in BEAM.
//!
//! Each process with pending tasks has four FIFOs, one per priority. As
//! in BEAM (`erts_schedule_process_sys_task`), the tasks run the next time
//! the target is scheduled, before its time slice (`run_pending`),
//! on its saved state (one scheduler: the target is not running); the
//! target is scheduled at the higher of its own priority and the task's:
//! - a target already in the run queue at the task's priority or a higher
//!   one keeps its place: its tasks run when it comes up (a purger asking
//!   busy processes one after the other thus waits for each only until
//!   the round-robin reaches it, not for a whole round);
//! - otherwise (waiting, or queued at a lower priority) a *proxy* of the
//!   target goes into the run queue at that higher priority (BEAM's proxy
//!   process structures); when the scheduler reaches it, it runs the
//!   pending tasks instead of a time slice.
//!
//! A task of low priority on a low process thus waits while processes of
//! higher priority keep the scheduler busy, and a max one runs before
//! them.
//!
//! Tasks run in BEAM's order: max ones, then high ones, then normal ones
//! with a low one after every `RESCHEDULE_LOW` normal ones while both
//! wait, then low ones (BEAM's `select_sys_task`). The count starts again
//! once a process has no task left.

use crate::heap::process::pstate;
use crate::proc::ptable::ProcRef;
use std::collections::{HashMap, VecDeque};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Mutex, OnceLock};

/// A task with its reply: run once, on the scheduler thread, while no
/// process runs.
pub type Job = Box<dyn FnOnce() + Send>;

/// BEAM's `RESCHEDULE_LOW`: normal tasks run before a waiting low one.
const RESCHEDULE_LOW: u32 = 8;

/// Priority levels (`heap::pflags` order).
const HIGH: usize = 1;
const NORMAL: usize = 2;
const LOW: usize = 3;

#[derive(Default)]
struct Queues {
    q: [VecDeque<Job>; 4],
    /// Normal tasks taken since the last low one (while low ones wait).
    ncount: u32,
}

impl Queues {
    /// The next task in BEAM's order.
    fn take(&mut self) -> Option<Job> {
        if let Some(j) = self.q[0].pop_front() {
            return Some(j);
        }
        if let Some(j) = self.q[HIGH].pop_front() {
            return Some(j);
        }
        if !self.q[NORMAL].is_empty() {
            if self.q[LOW].is_empty() {
                return self.q[NORMAL].pop_front();
            }
            self.ncount += 1;
            if self.ncount <= RESCHEDULE_LOW {
                return self.q[NORMAL].pop_front();
            }
            self.ncount = 0;
        }
        self.q[LOW].pop_front()
    }

    fn is_empty(&self) -> bool {
        self.q.iter().all(VecDeque::is_empty)
    }
}

/// Pending tasks by the target's raw pid.
fn table() -> &'static Mutex<HashMap<u64, Queues>> {
    static T: OnceLock<Mutex<HashMap<u64, Queues>>> = OnceLock::new();
    T.get_or_init(Default::default)
}

/// Processes with pending tasks (`table().len()`): the scheduler's check
/// before each slice is one load of this.
static PENDING: AtomicUsize = AtomicUsize::new(0);

/// Queues `job` for `target` at priority `prio` (0 = max .. 3 = low); the
/// target is scheduled at the higher of its priority and `prio` (see the
/// module doc).
pub fn request(target: &ProcRef, prio: u8, job: Job) {
    let level = (prio as usize).min(LOW);
    {
        let mut t = table().lock().unwrap_or_else(|e| e.into_inner());
        let qs = t.entry(target.pid().raw()).or_insert_with(|| {
            PENDING.fetch_add(1, Ordering::Relaxed);
            Queues::default()
        });
        qs.q[level].push_back(job);
    }
    // SAFETY: the caller is a BIF of another process, and with one
    // scheduler the target is not running: only its owner writes its
    // flags, so the byte is stable while read here.
    let own = unsafe { (*target.ptr()).pflags.priority };
    // RUNNABLE: in the run queue (or being put there by a waker) at its
    // priority or higher (`runq::elevate` only raises it); it is popped
    // and its tasks run then.
    let queued = target.state().load(Ordering::SeqCst) == pstate::RUNNABLE;
    if !(queued && own as usize <= level) {
        crate::proc::runq::enqueue_proxy(target.clone(), own.min(level as u8));
    }
}

/// Whether some process has pending tasks (one load: the scheduler's test
/// before a slice).
#[inline]
pub fn any_pending() -> bool {
    PENDING.load(Ordering::Relaxed) != 0
}

/// Runs the tasks pending for `target` (its proxy came up in the run
/// queue, or it is about to run a slice), in BEAM's order. Tasks
/// requested meanwhile run too.
pub fn run_pending(target: &ProcRef) {
    let key = target.pid().raw();
    loop {
        let job = {
            let mut t = table().lock().unwrap_or_else(|e| e.into_inner());
            let Some(qs) = t.get_mut(&key) else { return };
            let job = qs.take();
            if qs.is_empty() {
                t.remove(&key);
                PENDING.fetch_sub(1, Ordering::Relaxed);
            }
            job
        };
        // Outside the lock: a task sends its reply.
        match job {
            Some(j) => j(),
            None => return,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::Arc;

    fn rec(log: &Arc<Mutex<Vec<(usize, u32)>>>, prio: usize, n: u32) -> Job {
        let log = log.clone();
        Box::new(move || log.lock().unwrap().push((prio, n)))
    }

    #[test]
    fn low_tasks_interleave_with_normal_ones() {
        let log = Arc::new(Mutex::new(Vec::new()));
        let mut qs = Queues::default();
        for n in 0..2 {
            qs.q[LOW].push_back(rec(&log, LOW, n));
        }
        for n in 0..11 {
            qs.q[NORMAL].push_back(rec(&log, NORMAL, n));
        }
        qs.q[HIGH].push_back(rec(&log, HIGH, 0));
        while let Some(j) = qs.take() {
            j();
        }
        let got = log.lock().unwrap().clone();
        let mut want = vec![(HIGH, 0)];
        want.extend((0..8).map(|n| (NORMAL, n)));
        want.push((LOW, 0));
        want.extend((8..11).map(|n| (NORMAL, n)));
        want.push((LOW, 1));
        assert_eq!(got, want);
    }
}
