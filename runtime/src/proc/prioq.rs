//! The run queue's order: BEAM's process priorities. Runnable processes
//! wait in one FIFO per level; `max` ones run before `high` ones, which
//! run before `normal` and `low` ones. Normal and low processes share one
//! FIFO, where a low one is passed over (moved to the back) until it has
//! reached the front `RESCHEDULE_LOW` times, unless nothing else waits
//! behind it (BEAM's `check_requeue_process`): a busy low process runs
//! about one slice for every eight of a busy normal one, and never
//! starves.
//!
//! A process's level is read when it is queued, from its `priority` flag
//! (`heap::pflags`). An entry may also be a *proxy*: it stands for the
//! system tasks pending for the process (`sys_task.rs`), at their
//! priority.

use crate::proc::ptable::ProcRef;
use std::collections::VecDeque;

/// BEAM's `RESCHEDULE_LOW`.
const RESCHEDULE_LOW: u8 = 8;

/// `PFlags::priority` levels (BEAM's order: max, high, normal, low).
const MAX: u8 = 0;
const HIGH: u8 = 1;
const LOW: u8 = 3;

/// A queued process, and whether the entry is a proxy for its system
/// tasks.
pub type Entry = (ProcRef, bool);

#[derive(Default)]
pub struct PrioQueue {
    max: VecDeque<Entry>,
    high: VecDeque<Entry>,
    /// Normal and low entries, each with how many more times it must
    /// reach the front before it runs (1 for normal ones).
    normal: VecDeque<(Entry, u8)>,
    /// `max.len() + high.len()`: with none (nearly always), a scheduling
    /// decision looks at the normal FIFO only.
    urgent: usize,
}

impl PrioQueue {
    /// Queues `r` at the back of its level.
    #[inline]
    pub fn push_back(&mut self, r: ProcRef) {
        self.push_at(level(&r), (r, false));
    }

    /// Queues a proxy for the system tasks of `r` at level `prio`.
    pub fn push_proxy(&mut self, r: ProcRef, prio: u8) {
        self.push_at(prio, (r, true));
    }

    #[inline]
    fn push_at(&mut self, prio: u8, e: Entry) {
        match prio {
            MAX => {
                self.urgent += 1;
                self.max.push_back(e)
            }
            HIGH => {
                self.urgent += 1;
                self.high.push_back(e)
            }
            LOW => self.normal.push_back((e, RESCHEDULE_LOW)),
            _ => self.normal.push_back((e, 1)),
        }
    }

    /// Moves the (non-proxy) entry of `r` to level `prio` if it is queued
    /// at a lower level (a larger number). Linear, but only for rare
    /// requests to doomed processes (`runq::elevate`).
    pub fn elevate(&mut self, r: &ProcRef, prio: u8) {
        let is_r = |e: &Entry| !e.1 && std::sync::Arc::ptr_eq(&e.0, r);
        let taken = if prio < HIGH {
            let t = self
                .high
                .iter()
                .position(is_r)
                .and_then(|i| self.high.remove(i));
            self.urgent -= t.is_some() as usize;
            t
        } else {
            None
        };
        let taken = taken.or_else(|| {
            if prio >= 2 {
                return None;
            }
            let i = self.normal.iter().position(|(e, _)| is_r(e))?;
            self.normal.remove(i).map(|(e, _)| e)
        });
        if let Some(e) = taken {
            self.push_at(prio, e);
        }
    }

    /// Takes the (non-proxy) entry of `r` out and queues it again at the
    /// level of its current priority (`spawn_opt`'s priority is set just
    /// after the new process was queued).
    pub fn requeue(&mut self, r: &ProcRef) {
        let is_r = |e: &Entry| !e.1 && std::sync::Arc::ptr_eq(&e.0, r);
        let found = if let Some(i) = self.max.iter().position(is_r) {
            self.urgent -= 1;
            self.max.remove(i).is_some()
        } else if let Some(i) = self.high.iter().position(is_r) {
            self.urgent -= 1;
            self.high.remove(i).is_some()
        } else if let Some(i) = self.normal.iter().position(|(e, _)| is_r(e)) {
            self.normal.remove(i).is_some()
        } else {
            false
        };
        if found {
            self.push_back(r.clone());
        }
    }

    /// The next entry to run.
    #[inline]
    pub fn pop_front(&mut self) -> Option<Entry> {
        if self.urgent != 0 {
            self.urgent -= 1;
            // `urgent` counts these entries: one of them is there.
            return self.max.pop_front().or_else(|| self.high.pop_front());
        }
        // Each pass either runs the front entry or moves a low one back
        // with a smaller count, so this ends.
        loop {
            let (e, count) = self.normal.pop_front()?;
            if count > 1 && !self.normal.is_empty() {
                self.normal.push_back((e, count - 1));
                continue;
            }
            return Some(e);
        }
    }

    pub fn len(&self) -> usize {
        self.urgent + self.normal.len()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    pub fn clear(&mut self) {
        self.max.clear();
        self.high.clear();
        self.normal.clear();
        self.urgent = 0;
    }
}

/// The priority level of `r`, which is being queued.
fn level(r: &ProcRef) -> u8 {
    // SAFETY: a process is queued only while it is not running (woken from
    // WAITING, just spawned, or put back by the scheduler that ran it), and
    // only its owner, while running, or its spawner, before it first runs,
    // writes its flags: nothing writes the byte while it is read here.
    unsafe { (*r.ptr()).pflags.priority }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::heap::process::{Process, DEFAULT_HEAP_WORDS};
    use crate::proc::ptable::ProcCell;
    use crate::term::Term;

    fn proc_at(n: u64) -> ProcRef {
        ProcCell::new(Process::new(Term::pid(n), DEFAULT_HEAP_WORDS))
    }

    #[test]
    fn levels_and_low_share() {
        let mut q = PrioQueue::default();
        let (hi, n1, lo, n2) = (proc_at(1), proc_at(2), proc_at(3), proc_at(4));
        q.push_at(LOW, (lo.clone(), false));
        q.push_at(2, (n1.clone(), false));
        q.push_at(HIGH, (hi.clone(), false));
        q.push_at(2, (n2.clone(), false));
        assert_eq!(q.len(), 4);
        assert_eq!(q.pop_front().unwrap().0.pid(), hi.pid());
        // The low one at the front is passed over for the normal ones.
        assert_eq!(q.pop_front().unwrap().0.pid(), n1.pid());
        assert_eq!(q.pop_front().unwrap().0.pid(), n2.pid());
        // Alone, it runs.
        assert_eq!(q.pop_front().unwrap().0.pid(), lo.pid());
        assert!(q.is_empty() && q.pop_front().is_none());
    }

    #[test]
    fn elevated_entries_are_counted() {
        let mut q = PrioQueue::default();
        let (a, b) = (proc_at(20), proc_at(21));
        q.push_at(2, (a.clone(), false));
        q.push_at(HIGH, (b.clone(), false));
        q.elevate(&a, MAX);
        q.elevate(&b, MAX);
        assert_eq!(q.len(), 2);
        assert_eq!(q.pop_front().unwrap().0.pid(), a.pid());
        assert_eq!(q.pop_front().unwrap().0.pid(), b.pid());
        assert!(q.is_empty() && q.pop_front().is_none());
    }

    #[test]
    fn low_runs_one_slice_in_eight() {
        let mut q = PrioQueue::default();
        let (n, lo) = (proc_at(10), proc_at(11));
        q.push_at(2, (n.clone(), false));
        q.push_at(LOW, (lo.clone(), false));
        let mut lows = 0;
        for _ in 0..900 {
            let (r, _) = q.pop_front().unwrap();
            let prio = if r.pid() == lo.pid() {
                lows += 1;
                LOW
            } else {
                2
            };
            q.push_at(prio, (r, false));
        }
        assert!((95..=130).contains(&lows), "{lows}");
    }
}
