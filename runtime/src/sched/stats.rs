//! Scheduler accounting: context switches (`statistics(context_switches)`)
//! and scheduler wall time (`erts_internal:scheduler_wall_time/1`,
//! `statistics(scheduler_wall_time)`): how long the schedulers were busy,
//! out of how long, since accounting was switched on. A scheduler is busy
//! whenever it is not asleep waiting for work, as in BEAM.
//!
//! With several scheduler threads each one gets its own slot; there is
//! one today (`SLOTS`).

use crate::proc::timer::now_ns;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::Mutex;

static CONTEXT_SWITCHES: AtomicU64 = AtomicU64::new(0);

/// A process was scheduled in.
#[inline]
pub fn switched_in() {
    CONTEXT_SWITCHES.fetch_add(1, Ordering::Relaxed);
}

pub fn context_switches() -> u64 {
    CONTEXT_SWITCHES.load(Ordering::Relaxed)
}

/// `(runnable, running)`: processes waiting in the run queue, and
/// processes being run by a scheduler now.
pub fn run_queue() -> (usize, usize) {
    let q = crate::proc::runq::rq();
    let waiting = q.m.lock().unwrap().queue.len();
    (waiting, q.running.load(Ordering::SeqCst))
}

/// Normal schedulers that keep a wall-time slot.
pub const SLOTS: usize = 1;

#[derive(Clone, Copy, Default)]
struct Slot {
    /// Nanoseconds asleep since accounting started (completed sleeps).
    slept: u64,
    /// Asleep since this time, if asleep now.
    asleep_since: Option<u64>,
}

struct WallTime {
    started: u64,
    slots: [Slot; SLOTS],
}

/// Read without the lock on the scheduler's idle path.
static ENABLED: AtomicBool = AtomicBool::new(false);
static WALL: Mutex<Option<WallTime>> = Mutex::new(None);

/// Switches wall-time accounting on or off; returns whether it was on.
/// Switching it on again restarts the counts (as BEAM does).
pub fn set_wall_time(on: bool) -> bool {
    let mut g = WALL.lock().unwrap();
    let was = g.is_some();
    *g = on.then(|| WallTime {
        started: now_ns(),
        slots: [Slot::default(); SLOTS],
    });
    ENABLED.store(on, Ordering::SeqCst);
    was
}

/// `(active, total)` nanoseconds of each normal scheduler since
/// accounting started, or `None` when it is off.
pub fn wall_time() -> Option<Vec<(u64, u64)>> {
    let g = WALL.lock().unwrap();
    let w = g.as_ref()?;
    let now = now_ns();
    let total = now.saturating_sub(w.started);
    Some(
        w.slots
            .iter()
            .map(|s| {
                let asleep = s.slept + s.asleep_since.map_or(0, |t| now.saturating_sub(t));
                (total.saturating_sub(asleep), total)
            })
            .collect(),
    )
}

/// Scheduler `slot` goes to sleep (no work).
#[inline]
pub fn sleep_begin(slot: usize) {
    if ENABLED.load(Ordering::Relaxed) {
        if let Some(w) = WALL.lock().unwrap().as_mut() {
            if let Some(s) = w.slots.get_mut(slot) {
                s.asleep_since = Some(now_ns());
            }
        }
    }
}

/// Scheduler `slot` woke up.
#[inline]
pub fn sleep_end(slot: usize) {
    if ENABLED.load(Ordering::Relaxed) {
        if let Some(w) = WALL.lock().unwrap().as_mut() {
            let started = w.started;
            if let Some(s) = w.slots.get_mut(slot) {
                if let Some(t) = s.asleep_since.take() {
                    // A sleep that began before accounting (re)started
                    // counts from the start.
                    s.slept += now_ns().saturating_sub(t.max(started));
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wall_time_counts_sleep_as_inactive() {
        set_wall_time(true);
        sleep_begin(0);
        std::thread::sleep(std::time::Duration::from_millis(20));
        sleep_end(0);
        let v = wall_time().unwrap();
        assert_eq!(v.len(), SLOTS);
        let (active, total) = v[0];
        assert!(total >= 20_000_000, "{total}");
        assert!(active + 15_000_000 <= total, "{active} {total}");
        assert!(set_wall_time(false));
        assert!(wall_time().is_none());
        // Out-of-range slots and disabled accounting are ignored.
        sleep_begin(99);
        sleep_end(99);
    }
}
