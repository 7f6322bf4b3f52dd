//! System tasks requested of another process (`erts_internal:
//! request_system_task/3,4`: garbage collection, code checks, tests), run
//! at the priority they were requested with, as in BEAM.
//!
//! Each process with pending tasks has four FIFOs, one per priority. A
//! request queues its task and puts a *proxy* of the target in the run
//! queue at the task's priority (BEAM's proxy process structures): when
//! the scheduler reaches the proxy, it runs the target's pending tasks on
//! the target's saved state (one scheduler: the target is not running)
//! instead of a time slice. A task of low priority on a process thus waits
//! while processes of higher priority keep the scheduler busy, and a max
//! one runs before them.
//!
//! Tasks run in BEAM's order: max ones, then high ones, then normal ones
//! with a low one after every `RESCHEDULE_LOW` normal ones while both
//! wait, then low ones (BEAM's `select_sys_task`). The count starts again
//! once a process has no task left.

use crate::proc::ptable::ProcRef;
use std::collections::{HashMap, VecDeque};
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

/// Queues `job` for `target` at priority `prio` (0 = max .. 3 = low) and
/// puts a proxy of `target` in the run queue at that priority.
pub fn request(target: &ProcRef, prio: u8, job: Job) {
    let level = (prio as usize).min(LOW);
    table()
        .lock()
        .unwrap_or_else(|e| e.into_inner())
        .entry(target.pid().raw())
        .or_default()
        .q[level]
        .push_back(job);
    crate::proc::runq::enqueue_proxy(target.clone(), level as u8);
}

/// Runs the tasks pending for `target` (its proxy came up in the run
/// queue), in BEAM's order. Tasks requested meanwhile run too.
pub fn run_pending(target: &ProcRef) {
    let key = target.pid().raw();
    loop {
        let job = {
            let mut t = table().lock().unwrap_or_else(|e| e.into_inner());
            let Some(qs) = t.get_mut(&key) else { return };
            let job = qs.take();
            if qs.is_empty() {
                t.remove(&key);
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
