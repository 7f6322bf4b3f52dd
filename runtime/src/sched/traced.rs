//! Time slices of traced processes (`Scheduler::run_slice` comes here
//! only when a process has trace flags, so untraced slices pay one test).
//!
//! - `running`: `{trace, Pid, in, MFA}` when the slice starts and
//!   `{trace, Pid, out, MFA}` when it ends in a yield or wait; the MFA is
//!   where the process left native code (`Ctx::trace_loc`, stored by
//!   generated code on its yield and wait paths), or the initial call.
//! - `call` (while any trace pattern exists): the process runs in *steps*.
//!   It enters native code with one reduction, so the next function entry
//!   yields (every function entry has a reduction check), and the yield
//!   tells which function is entered (`TRACE_LOC_ENTRY`) with its
//!   arguments in x0... The call hook (`bif/trace_call.rs`) reports the
//!   call; the process then re-enters with two reductions: the entry's
//!   check passes once and the next function entry yields again. When the
//!   slice's reductions are used up the process yields *before* the hook
//!   runs, so the next slice (entering with one reduction at that entry)
//!   reports the call exactly once. Other yields (BIFs that work in
//!   portions of their reductions) re-enter at once within the slice.

use crate::heap::ctx::{status, Ctx, CONTEXT_REDS, TRACE_LOC_ENTRY};
use crate::heap::process::Process;
use crate::heap::trace_flags as tf;
use crate::proc::tracing::{self, Scratch};
use crate::term::Term;
use std::collections::HashMap;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Mutex, OnceLock};

/// Called at a traced function entry (the process bound to `ctx`, the
/// arguments in x0.., sp at the caller's continuation): reports the call
/// and may push a return-trace frame. `loc` names the function.
pub type CallHook = fn(ctx: &mut Ctx, loc: u32);

static CALL_HOOK: OnceLock<CallHook> = OnceLock::new();

/// True while any call trace pattern is set (`erlang:trace_pattern/3`):
/// processes with the `call` flag run in steps only then.
pub static PATTERNS: AtomicBool = AtomicBool::new(false);

/// True while any meta trace or call count breakpoint is set: then every
/// process runs in steps, whatever its trace flags (meta trace messages
/// and counts do not depend on them). The scheduler tests it once per
/// slice.
pub static STEP_ALL: AtomicBool = AtomicBool::new(false);

pub fn set_call_hook(
    h: CallHook,
    exc: ExcHook,
    bif: BifHook,
    (bif_ret, bif_trap): (BifRetHook, fn(&mut Ctx, u32)),
) {
    let _ = CALL_HOOK.set(h);
    let _ = EXC_HOOK.set(exc);
    let _ = BIF_HOOK.set(bif);
    let _ = BIF_RET_HOOK.set(bif_ret);
    let _ = BIF_TRAP_HOOK.set(bif_trap);
}

static BIF_TRAP_HOOK: OnceLock<fn(&mut Ctx, u32)> = OnceLock::new();

/// `apply` of `m:f/arity` by a stepping process: None, go on as usual;
/// Some(address) to continue at (0: raise).
pub type ApplyHook = fn(ctx: &mut Ctx, m: Term, f: Term, arity: u32) -> Option<usize>;

static APPLY_HOOK: OnceLock<ApplyHook> = OnceLock::new();

pub fn set_apply_hook(h: ApplyHook) {
    let _ = APPLY_HOOK.set(h);
}

/// A stepping process applies `m:f/arity` (a BIF's call is reported).
#[cold]
pub fn bif_applied(ctx: &mut Ctx, m: Term, f: Term, arity: u32) -> Option<usize> {
    APPLY_HOOK.get().and_then(|h| h(ctx, m, f, arity))
}

/// A BIF `bif_called` asked about (called at location `loc`) trapped; its
/// target is about to run.
#[cold]
pub fn bif_trapped(ctx: &mut Ctx, loc: u32) {
    if let Some(h) = BIF_TRAP_HOOK.get() {
        h(ctx, loc);
    }
}

/// Called when a slice of a process with the `call` flag starts (`true`)
/// or ends (`done`: the process will not run again): call time counts
/// only while scheduled in (`bif/trace_time.rs`).
pub type SliceHook = fn(pid: Term, start: bool, done: bool);

static SLICE_HOOK: OnceLock<SliceHook> = OnceLock::new();

pub fn set_slice_hook(h: SliceHook) {
    let _ = SLICE_HOOK.set(h);
}

/// Called before a BIF call of a call-traced process (`ctx.bif_trace`),
/// its arguments in x0..; true: the BIF's result is to be reported
/// (`BifRetHook`, return trace and call time of BIFs).
/// `loc`: the call's location (0: applied), which names its caller.
pub type BifHook = fn(ctx: &mut Ctx, m: Term, f: Term, arity: u32, loc: u32) -> bool;

/// Called with a BIF's result when its `BifHook` asked for it and the
/// location of the call; returns the result.
pub type BifRetHook = fn(ctx: &mut Ctx, r: Term, loc: u32) -> Term;

static BIF_HOOK: OnceLock<BifHook> = OnceLock::new();
static BIF_RET_HOOK: OnceLock<BifRetHook> = OnceLock::new();

/// A stepping process calls BIF `m:f/arity` (arguments in x0..); true:
/// call `bif_returned` with its result.
#[cold]
pub fn bif_called(ctx: &mut Ctx, m: Term, f: Term, arity: u32, loc: u32) -> bool {
    BIF_HOOK.get().is_some_and(|h| h(ctx, m, f, arity, loc))
}

/// The BIF `bif_called` asked about returned `r` (NON_VALUE: it raised or
/// trapped).
#[cold]
pub fn bif_returned(ctx: &mut Ctx, r: Term, loc: u32) -> Term {
    match BIF_RET_HOOK.get() {
        Some(h) => h(ctx, r, loc),
        None => r,
    }
}

/// Called when an exception unwinds past a return-trace frame, with the
/// frame's marker word and the frame's address, 0 for none (a BIF's
/// pending frame; `bif/trace_call.rs`).
pub type ExcHook = fn(ctx: &mut Ctx, marker: Term, at: usize);

static EXC_HOOK: OnceLock<ExcHook> = OnceLock::new();

/// The entry value of return-trace frames (0 until the first one).
pub static RT_ADDR: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);

/// `rt_handle_error` met a return-trace frame whose marker is `marker`.
#[cold]
pub fn exception_passed(ctx: &mut Ctx, marker: Term, at: usize) {
    if let Some(h) = EXC_HOOK.get() {
        h(ctx, marker, at);
    }
}

/// Where each process traced with `running` last left native code (the
/// location id for its next `in` event).
fn last_loc() -> &'static Mutex<HashMap<u64, u64>> {
    static M: OnceLock<Mutex<HashMap<u64, u64>>> = OnceLock::new();
    M.get_or_init(Default::default)
}

/// The export record (`Ctx::trace_export`) of processes whose slice
/// ended at the entry it is for: `Some` stores `pid`'s, `None` takes it
/// (0: none).
fn saved_export(pid: Term, put: Option<u64>) -> u64 {
    static M: OnceLock<Mutex<HashMap<u64, u64>>> = OnceLock::new();
    static ANY: AtomicBool = AtomicBool::new(false);
    if put.is_none() && !ANY.load(Ordering::Relaxed) {
        return 0;
    }
    let mut m = M.get_or_init(Default::default).lock().unwrap();
    let r = match put {
        Some(v) => {
            m.insert(pid.raw(), v);
            0
        }
        None => m.remove(&pid.raw()).unwrap_or(0),
    };
    ANY.store(!m.is_empty(), Ordering::Relaxed);
    r
}

fn mfa_now(s: &mut Scratch, p: &Process, loc: u64) -> Term {
    if loc != 0 {
        return tracing::loc_mfa(s, loc & (u32::MAX as u64));
    }
    let (m, f, a) = p.initial;
    if f.is_atom() && {
        let n = crate::term::atom::name(f);
        n.starts_with('-') && n.contains("-fun-")
    } {
        // A process started from a fun runs `erlang:apply(Fun, [])` on
        // BEAM, which names that before the fun's first call.
        let apply = crate::term::atom::intern("apply");
        s.tuple(&[crate::term::atom::am::ERLANG, apply, Term::small(2)])
    } else if m.is_atom() && f.is_atom() {
        s.tuple(&[m, f, Term::small(a as i64)])
    } else {
        Term::small(0)
    }
}

/// Runs a slice of the traced process `p` bound to `ctx`; returns the
/// status and the reductions used.
///
/// # Safety
/// As `Scheduler::run_slice`: the scheduler owns `p`, bound to `ctx`,
/// with its X registers restored.
#[cold]
#[inline(never)]
pub unsafe fn run(ctx: &mut Ctx, p: *mut Process) -> (i64, u64) {
    // A tracer that is gone ends the tracing when the process is
    // scheduled in (BEAM's `trace_schedule_in`): no events, no call time.
    if let Some(t) = tracing::tracer(&*p) {
        if !tracing::tracer_alive(t) {
            tracing::set(&*p, 0, None);
        }
    }
    let fl = tracing::flags(&*p);
    if fl & tf::RUNNING != 0 {
        let loc = last_loc()
            .lock()
            .unwrap()
            .remove(&(*p).pid.raw())
            .unwrap_or(0);
        let mut s = Scratch::default();
        let mfa =
            tracing::trap_mfa_at(&mut s, (*p).resume).unwrap_or_else(|| mfa_now(&mut s, &*p, loc));
        tracing::running(&*p, false, mfa, &mut s);
    }
    let slice_hook = SLICE_HOOK.get().filter(|_| fl & tf::CALL != 0);
    if let Some(h) = slice_hook {
        h((*p).pid, true, false);
    }
    let stepping = (fl & tf::CALL != 0 && PATTERNS.load(Ordering::Relaxed))
        || STEP_ALL.load(Ordering::Relaxed);
    // A call through a traced export whose entry ended the last slice
    // is reported at that entry now (`bif::trace_export`).
    let saved = saved_export((*p).pid, None);
    ctx.trace_export = if stepping { saved } else { 0 };
    let enter = crate::code::hooks::get().enter;
    let mut used: i64 = 0;
    let mut resume = (*p).resume;
    let mut first = true;
    ctx.bif_trace = stepping as u64;
    let st = loop {
        let start = if !stepping {
            CONTEXT_REDS
        } else if first {
            1
        } else {
            2
        };
        first = false;
        ctx.trace_loc = 0;
        let (sp, hp) = (ctx.sp, ctx.hp);
        let st = enter(ctx, resume, sp, hp, start);
        used += (start - ctx.reds).max(0);
        if st != status::YIELD || !stepping || used >= CONTEXT_REDS {
            break st;
        }
        // A yield at a function entry is a call to report; any other (a
        // BIF working in steps of its reductions, which are few here)
        // just goes on, so that such BIFs still make progress at the
        // speed of the slice. Tracing may have been switched off
        // meanwhile (the hook then reports nothing).
        if ctx.trace_loc & TRACE_LOC_ENTRY != 0 {
            if let Some(h) = CALL_HOOK.get() {
                h(ctx, ctx.trace_loc as u32);
            }
        }
        resume = ctx.resume;
    };
    ctx.bif_trace = 0;
    if let Some(h) = slice_hook {
        h((*p).pid, false, !matches!(st, status::YIELD | status::WAIT));
    }
    slice_out(ctx, p, st);
    (st, (used - ctx.vreds).max(0) as u64)
}

/// The `out` event of a slice that ended in status `st`, if `p` is
/// traced with `running` (also after a slice that ran untraced and turned
/// the flag on, as BEAM reports the end of the slice that called
/// `erlang:trace/3`).
///
/// # Safety
/// As `run`: the scheduler owns `p`, bound to `ctx`.
#[cold]
#[inline(never)]
pub unsafe fn slice_out(ctx: &mut Ctx, p: *mut Process, st: i64) {
    let mark = std::mem::take(&mut ctx.trace_export);
    if mark != 0 && st == status::YIELD && ctx.trace_loc & TRACE_LOC_ENTRY != 0 {
        saved_export((*p).pid, Some(mark));
    }
    if matches!(st, status::YIELD | status::WAIT) && tracing::flags(&*p) & tf::RUNNING != 0 {
        let loc = ctx.trace_loc;
        let mut s = Scratch::default();
        let trap = (st == status::YIELD)
            .then(|| tracing::trap_mfa_at(&mut s, ctx.resume))
            .flatten();
        let mfa = trap.unwrap_or_else(|| mfa_now(&mut s, &*p, loc));
        tracing::running(&*p, true, mfa, &mut s);
        last_loc().lock().unwrap().insert((*p).pid.raw(), loc);
    }
}
