//! Stopping every scheduler thread at a slice boundary, for code outside
//! the schedulers that reads processes' insides (the BREAK menu's process,
//! port, table and code listings, its process killer, its crash dump), as
//! erts blocks thread progress before its break handler runs.
//!
//! `stop()` raises a flag and waits until every scheduler thread inside
//! `Scheduler::run` has parked. A scheduler checks the flag at the top of
//! its loop, between slices, where it holds no lock and has no process
//! bound: one relaxed load per slice. A sleeping scheduler is woken (the
//! run queue's condition variable, under its lock) and parks on its way
//! round; one about to sleep checks the flag under that lock first. With
//! several scheduler threads the same holds for each: the stopper waits
//! for all of them, so what it reads is at rest however many there are.
//! Other threads (the poll thread, the BREAK thread) keep running; they
//! only touch processes through locked queues (messages and signals
//! wait in the inbox until a scheduler runs again).

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Condvar, Mutex};

static REQUESTED: AtomicBool = AtomicBool::new(false);

struct State {
    /// Scheduler threads inside `Scheduler::run`.
    active: usize,
    /// Of those, the ones parked by a stop.
    parked: usize,
    /// A stop is in force (the stopper got everyone parked, or is
    /// waiting for them).
    stopped: bool,
}

static STATE: Mutex<State> = Mutex::new(State {
    active: 0,
    parked: 0,
    stopped: false,
});
/// Parked schedulers wait here for the release; the stopper waits here
/// for the parked count.
static CV: Condvar = Condvar::new();

fn state() -> std::sync::MutexGuard<'static, State> {
    STATE.lock().unwrap_or_else(|e| e.into_inner())
}

/// A scheduler thread enters `Scheduler::run`.
pub(super) fn enter() {
    state().active += 1;
    CV.notify_all();
}

/// A scheduler thread leaves `Scheduler::run`.
pub(super) fn leave() {
    state().active -= 1;
    CV.notify_all();
}

/// Whether a stop is asked for (a scheduler about to sleep checks it
/// under the run queue's lock).
#[inline]
pub(super) fn requested() -> bool {
    REQUESTED.load(Ordering::Relaxed)
}

/// Called by a scheduler between slices: parks while a stop is in force.
#[inline]
pub(super) fn checkpoint() {
    if REQUESTED.load(Ordering::Relaxed) {
        park();
    }
}

#[cold]
fn park() {
    let mut g = state();
    if !g.stopped {
        return;
    }
    g.parked += 1;
    CV.notify_all();
    while g.stopped {
        g = CV.wait(g).unwrap_or_else(|e| e.into_inner());
    }
    g.parked -= 1;
}

/// Every scheduler thread is parked while this lives.
pub struct Stopped(());

impl Drop for Stopped {
    fn drop(&mut self) {
        let mut g = state();
        g.stopped = false;
        REQUESTED.store(false, Ordering::Relaxed);
        drop(g);
        CV.notify_all();
    }
}

/// Stops every scheduler thread at its next slice boundary and returns
/// once all are parked (at once when none runs). Must not be called from
/// a scheduler thread (it would wait for itself), nor while another stop
/// is in force (it waits for that one to end first).
pub fn stop() -> Stopped {
    let mut g = state();
    while g.stopped {
        g = CV.wait(g).unwrap_or_else(|e| e.into_inner());
    }
    g.stopped = true;
    REQUESTED.store(true, Ordering::Relaxed);
    drop(g);
    // Sleeping schedulers wake up, go round and park.
    crate::proc::runq::notify();
    let mut g = state();
    while g.parked < g.active {
        g = CV.wait(g).unwrap_or_else(|e| e.into_inner());
    }
    Stopped(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stop_waits_for_a_scheduler_at_its_boundary() {
        use std::sync::atomic::AtomicUsize;
        use std::sync::Arc;
        static RUN: AtomicBool = AtomicBool::new(true);
        let slices = Arc::new(AtomicUsize::new(0));
        enter();
        let s2 = slices.clone();
        let t = std::thread::spawn(move || {
            while RUN.load(Ordering::Relaxed) {
                checkpoint();
                s2.fetch_add(1, Ordering::SeqCst);
                std::thread::yield_now();
            }
            leave();
        });
        let guard = stop();
        let n = slices.load(Ordering::SeqCst);
        std::thread::sleep(std::time::Duration::from_millis(20));
        assert_eq!(slices.load(Ordering::SeqCst), n, "no slice while stopped");
        drop(guard);
        std::thread::sleep(std::time::Duration::from_millis(20));
        assert!(
            slices.load(Ordering::SeqCst) > n,
            "runs again after release"
        );
        RUN.store(false, Ordering::Relaxed);
        t.join().unwrap();
        // Nobody runs: a stop returns at once.
        drop(stop());
    }
}
