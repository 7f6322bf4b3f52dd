//! The system monitor's settings (`erlang:system_monitor/0,1,2`, whose
//! BIFs are in `bif/system_monitor.rs`) and the two events the collector
//! reports: `long_gc` (a collection took more than the set milliseconds)
//! and `large_heap` (after a collection the young and old blocks together
//! are at least the set number of words).
//!
//! The collector looks at one relaxed flag (`ACTIVE`) per collection; the
//! timing and the report only happen while one of the two is set. A
//! report is `{monitor, Pid, long_gc | large_heap, Info}` with BEAM's
//! `Info` items in BEAM's order (`timeout` first for `long_gc`), built in a
//! fragment of its own and handed to the sender the BIFs register (this
//! layer cannot send). As in BEAM, nothing is reported about the monitor
//! process itself, and its exit clears the settings (`on_exit`).
//!
//! `busy_port` and `busy_dist_port` are kept and answered; girder's ports
//! never report busy (`io/`) and there is no distribution, so neither
//! event happens. `long_schedule` is kept and answered too, but not
//! reported (the scheduler does not time slices).

use crate::heap::process::{Message, Process};
use crate::term::{make_header, Term, HDR_TUPLE, NIL};
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Mutex, OnceLock};

/// The settings; `monitor` is `None` when no monitor is set.
#[derive(Clone, Copy, Default, Debug, PartialEq, Eq)]
pub struct Settings {
    pub monitor: Option<Term>,
    pub long_gc: u64,
    pub long_schedule: u64,
    pub large_heap: u64,
    pub busy_port: bool,
    pub busy_dist_port: bool,
}

fn settings() -> &'static Mutex<Settings> {
    static S: OnceLock<Mutex<Settings>> = OnceLock::new();
    S.get_or_init(|| Mutex::new(Settings::default()))
}

/// `long_gc` or `large_heap` is set: the collector times and checks.
static ACTIVE: AtomicBool = AtomicBool::new(false);

/// The monitor's pid word (0: none), so that exits check one word.
static MONITOR: AtomicU64 = AtomicU64::new(0);

/// `erts_debug:set_internal_state(test_long_gc_sleep, Ms)`: every timed
/// collection sleeps this long (OTP's tests make collections "long").
static TEST_SLEEP_MS: AtomicU64 = AtomicU64::new(0);

/// Delivers a report to the monitor (registered by the BIF layer).
pub type Sender = fn(to: Term, msg: Message);
static SENDER: OnceLock<Sender> = OnceLock::new();

pub fn set_sender(f: Sender) {
    let _ = SENDER.set(f);
}

pub fn get() -> Settings {
    *settings().lock().unwrap()
}

/// Replaces the settings, returning the previous ones.
pub fn replace(new: Settings) -> Settings {
    let mut s = settings().lock().unwrap();
    let old = std::mem::replace(&mut *s, new);
    MONITOR.store(new.monitor.map_or(0, |m| m.raw()), Ordering::SeqCst);
    ACTIVE.store(
        new.monitor.is_some() && (new.long_gc != 0 || new.large_heap != 0),
        Ordering::SeqCst,
    );
    old
}

pub fn set_test_sleep(ms: u64) {
    TEST_SLEEP_MS.store(ms, Ordering::SeqCst);
}

/// The process `pid` exited: if it was the monitor, monitoring ends.
pub fn on_exit(pid: Term) {
    if MONITOR.load(Ordering::Relaxed) != pid.raw() {
        return;
    }
    let mut s = settings().lock().unwrap();
    if s.monitor == Some(pid) {
        *s = Settings::default();
        MONITOR.store(0, Ordering::SeqCst);
        ACTIVE.store(false, Ordering::SeqCst);
    }
}

/// Whether collections are to be timed and checked.
#[inline]
pub fn active() -> bool {
    ACTIVE.load(Ordering::Relaxed)
}

/// Called after a collection of `p` that started at `start` (taken when
/// `active()`), with its new heap top and stack pointer.
#[cold]
pub fn after_gc(p: &Process, start: std::time::Instant, hp: *mut u64, sp: *mut u64) {
    let s = get();
    let Some(monitor) = s.monitor else {
        return;
    };
    let old_block = p.old_size() as u64;
    let block = p.block.len() as u64;
    // BEAM's Info values: old_heap_block_size, heap_block_size, mbuf_size,
    // stack_size, old_heap_size, heap_size.
    let sizes = [
        ("old_heap_block_size", old_block),
        ("heap_block_size", block),
        ("mbuf_size", p.bif_frag_words() as u64),
        (
            "stack_size",
            (p.stack_top() as usize - sp as usize) as u64 / 8,
        ),
        ("old_heap_size", p.old_used() as u64),
        (
            "heap_size",
            (hp as usize - p.heap_start() as usize) as u64 / 8,
        ),
    ];
    if s.long_gc != 0 {
        let sleep = TEST_SLEEP_MS.load(Ordering::Relaxed);
        if sleep != 0 {
            std::thread::sleep(std::time::Duration::from_millis(sleep));
        }
        let ms = start.elapsed().as_millis() as u64;
        if ms != 0 && ms > s.long_gc {
            let mut items = vec![("timeout", ms)];
            items.extend_from_slice(&sizes);
            report(monitor, p.pid, "long_gc", &items);
        }
    }
    if s.large_heap != 0 && block + old_block >= s.large_heap {
        report(monitor, p.pid, "large_heap", &sizes);
    }
}

/// Sends `{monitor, Pid, Kind, [{Item, N}...]}` to `monitor` (not about
/// the monitor itself).
fn report(monitor: Term, pid: Term, kind: &str, items: &[(&str, u64)]) {
    let Some(send) = SENDER.get() else {
        return;
    };
    if pid == monitor {
        return;
    }
    let msg = build(pid, kind, items);
    send(monitor, msg);
}

/// The report in a fragment of its own (values above the small range are
/// capped at the largest small; BEAM would make bignums of sizes and times
/// no process reaches).
fn build(pid: Term, kind: &str, items: &[(&str, u64)]) -> Message {
    let n = items.len();
    let mut frag = vec![0u64; n * 5 + 5];
    let base = frag.as_mut_ptr();
    let mut list = NIL;
    for (i, &(name, v)) in items.iter().enumerate().rev() {
        let t = i * 5;
        frag[t] = make_header(2, HDR_TUPLE);
        frag[t + 1] = crate::term::atom::intern(name).raw();
        frag[t + 2] = Term::small(v.min((1 << 59) - 1) as i64).raw();
        // SAFETY: `t + 2 < t + 5 <= frag.len()`; the pointers stay in the
        // fragment, which the message owns.
        let tuple = Term::boxed_from_ptr(unsafe { base.add(t) });
        frag[t + 3] = tuple.raw();
        frag[t + 4] = list.raw();
        // SAFETY: as above.
        list = Term::list_from_ptr(unsafe { base.add(t + 3) });
    }
    let m = n * 5;
    frag[m] = make_header(4, HDR_TUPLE);
    frag[m + 1] = crate::term::atom::intern("monitor").raw();
    frag[m + 2] = pid.raw();
    frag[m + 3] = crate::term::atom::intern(kind).raw();
    frag[m + 4] = list.raw();
    // SAFETY: `m + 4 < frag.len()`.
    let term = Term::boxed_from_ptr(unsafe { base.add(m) });
    Message {
        term,
        frag: Some(frag),
        token: crate::term::atom::am::UNDEFINED,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn report_layout() {
        let m = build(Term::pid(5), "long_gc", &[("timeout", 7), ("heap_size", 9)]);
        let s = crate::data::display::display_string(m.term);
        assert_eq!(s, "{monitor,<0.5.0>,long_gc,[{timeout,7},{heap_size,9}]}");
    }
}
