//! `call_time` breakpoints (`trace_pattern(MFA, true, [call_time])`), as
//! BEAM's `erts_trace_time_call`/`_return` keep them: each process
//! traced with `call` has a current timed function and the moment it
//! started counting; time goes to the current function while the process
//! is scheduled in, until it enters another timed function (which becomes
//! current, one call counted) or returns through a return-time frame
//! (the function it was called from becomes current again).
//!
//! A return-time frame is a return-trace frame (`bif/trace_call.rs`)
//! whose marker is negative: `-1 - n`, `n` naming the timer of the
//! function to go back to (or none).

use super::trace_bp::Timer;
use crate::heap::ctx::Ctx;
use crate::term::Term;
use std::collections::HashMap;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, OnceLock};

/// Per process: the current timed function and since when (ns).
struct Current {
    timer: Option<Arc<Timer>>,
    since: i64,
}

fn state() -> &'static Mutex<HashMap<u64, Current>> {
    static S: OnceLock<Mutex<HashMap<u64, Current>>> = OnceLock::new();
    S.get_or_init(Default::default)
}

/// Whether any process has a current timed function (spares the slice
/// hooks the lock otherwise).
static ANY: AtomicBool = AtomicBool::new(false);

/// Timers named by return-time frames (index = marker number).
fn timers() -> &'static Mutex<Vec<Arc<Timer>>> {
    static T: OnceLock<Mutex<Vec<Arc<Timer>>>> = OnceLock::new();
    T.get_or_init(Default::default)
}

fn now() -> i64 {
    super::time::monotonic_ns()
}

fn pid_of(ctx: &Ctx) -> Term {
    // SAFETY: a process is scheduled on `ctx`.
    unsafe { (*ctx.proc_).pid }
}

/// The marker of a return-time frame going back to `t`.
fn marker(t: Option<&Arc<Timer>>) -> Term {
    let Some(t) = t else {
        return Term::small(-1);
    };
    let mut v = timers().lock().unwrap_or_else(|e| e.into_inner());
    let n = match v.iter().position(|x| Arc::ptr_eq(x, t)) {
        Some(n) => n,
        None => {
            v.push(t.clone());
            v.len() - 1
        }
    };
    Term::small(-2 - n as i64)
}

fn timer_of(marker: i64) -> Option<Arc<Timer>> {
    if marker >= -1 {
        return None;
    }
    timers()
        .lock()
        .unwrap()
        .get((-2 - marker) as usize)
        .cloned()
}

/// The process bound to `ctx` enters a function timed by `t`.
/// `frames`: a return-time frame may be pushed.
pub fn called(ctx: &mut Ctx, t: &Arc<Timer>, frames: bool, live: usize) {
    let pid = pid_of(ctx);
    let now = now();
    let prev = {
        let mut s = state().lock().unwrap_or_else(|e| e.into_inner());
        let c = s.entry(pid.raw()).or_insert(Current {
            timer: None,
            since: now,
        });
        if let Some(cur) = c
            .timer
            .as_ref()
            .filter(|c| c.active.load(Ordering::Relaxed))
        {
            cur.add(pid, 0, now - c.since);
        }
        t.add(pid, 1, 0);
        c.since = now;
        c.timer.replace(t.clone())
    };
    ANY.store(true, Ordering::Relaxed);
    // BEAM pushes no return-time frame over another trace frame; a BIF
    // (no frame: its result comes back inline) always gets one.
    if !frames || !super::trace_call::trace_frame_on_top(ctx) {
        let mk = marker(prev.as_ref());
        super::trace_call::place(ctx, mk, live, frames);
    }
}

/// The process returns through a return-time frame with `marker`.
pub fn returned(ctx: &mut Ctx, marker: i64) {
    let pid = pid_of(ctx);
    let now = now();
    let back = timer_of(marker);
    let mut s = state().lock().unwrap_or_else(|e| e.into_inner());
    if let Some(c) = s.get_mut(&pid.raw()) {
        if let Some(cur) = &c.timer {
            if cur.active.load(Ordering::Relaxed) {
                cur.add(pid, 0, now - c.since);
            }
        }
        c.timer = back;
        c.since = now;
    }
}

/// A slice of the process `pid` starts (`true`) or ends; `done`: it
/// will not run again.
pub fn slice(pid: Term, start: bool, done: bool) {
    if !ANY.load(Ordering::Relaxed) {
        return;
    }
    let now = now();
    let mut s = state().lock().unwrap_or_else(|e| e.into_inner());
    if done {
        if let Some(c) = s.remove(&pid.raw()) {
            if let Some(cur) = &c.timer {
                if !start && cur.active.load(Ordering::Relaxed) {
                    cur.add(pid, 0, now - c.since);
                }
            }
        }
        return;
    }
    if let Some(c) = s.get_mut(&pid.raw()) {
        if !start {
            if let Some(cur) = &c.timer {
                if cur.active.load(Ordering::Relaxed) {
                    cur.add(pid, 0, now - c.since);
                }
            }
        }
        c.since = now;
    }
}
