//! `process_info(P, current_stacktrace)`: the caller's location (for
//! another process, its resume point)
//! (generated code stores it in `exc_loc` before calling
//! `erlang:process_info/2`), then the call site of each continuation on
//! the stack, at most `backtrace_depth` frames (`bif::sysflag`), in the format of
//! exception stack traces. erl_eval builds its error traces with it.

use crate::abi::error::{raw_to_list, LOC_TAIL};
use crate::data::build::{list_from_slice, make_tuple};
use crate::heap::ctx::Ctx;
use crate::heap::process::Process;
use crate::term::atom::am;
use crate::term::{Term, NIL};

/// The stack trace of the running process, for a BIF called from
/// generated code that recorded its location.
pub fn current(ctx: &mut Ctx) -> Term {
    let id = ctx.exc_loc & !LOC_TAIL;
    let here = (id != 0 && id < (1 << 32)).then_some(id as u32);
    // SAFETY: a process is running; [sp, stack_top) is its stack.
    let stack_top = unsafe { ctx.process().stack_top() };
    let sp = ctx.sp;
    trace_from(ctx, here, sp, stack_top)
}

/// The stack trace of another process, which is not running (one
/// scheduler thread: the caller runs): its resume point (where it waits or
/// was preempted), then the continuations on its stack.
pub fn of_other(ctx: &mut Ctx, p: &Process) -> Term {
    let here = resume_loc(p);
    trace_from(ctx, here, p.sp, p.stack_top())
}

/// The location id of another process's resume point: a registered
/// continuation, or the function it was preempted at the entry of.
fn resume_loc(p: &Process) -> Option<u32> {
    crate::code::loc::cp_id(p.resume).or_else(|| {
        let l = p.yield_loc;
        (l & crate::heap::ctx::TRACE_LOC_ENTRY != 0).then_some(l as u32)
    })
}

/// `{M, F, A}` of the function another process is in (its resume point),
/// or `None` when that is no registered location (a process that has not
/// run yet: its resume point is its function's entry).
pub fn function_of_other(ctx: &mut Ctx, p: &Process) -> Option<Term> {
    let loc = crate::code::loc::get(resume_loc(p)?)?;
    Some(make_tuple(
        ctx,
        &[loc.module, loc.function, Term::small(loc.arity as i64)],
    ))
}

/// The first frame of another process's stack trace (`current_location`).
pub fn frame_of_other(ctx: &mut Ctx, p: &Process) -> Option<Term> {
    let id = resume_loc(p)?;
    let locs = list_from_slice(ctx, &[Term::small(id as i64)]);
    let raw = make_tuple(ctx, &[am::ERROR, NIL, am::TRUE, locs, NIL]);
    let list = raw_to_list(ctx, raw);
    // SAFETY: checked to be a cons.
    list.is_list().then(|| unsafe { list.head() })
}

/// Location `here` (if known), then the call site of each continuation in
/// `[sp, stack_top)`, at most `backtrace_depth` frames.
fn trace_from(ctx: &mut Ctx, here: Option<u32>, sp: *mut u64, stack_top: *mut u64) -> Term {
    let mut ids: Vec<Term> = Vec::new();
    let depth = crate::abi::error::backtrace_depth();
    if let Some(id) = here {
        if depth > 0 && crate::code::loc::get(id).is_some() {
            ids.push(Term::small(id as i64));
        }
    }
    let mut p = sp;
    let mut prev = 0u64;
    // Consecutive frames of one return point count once (see
    // `abi::error`: by location and entry index, whatever the tier).
    let mut last = (0u32, u64::MAX);
    while p < stack_top && ids.len() < depth {
        // SAFETY: p lies within the stack.
        let w = unsafe { *p };
        if w & 0b11 == 0 && w != 0 && w != prev {
            prev = w;
            if let Some(id) = crate::code::loc::cp_id(w as usize) {
                if (id, w >> 48) != last {
                    last = (id, w >> 48);
                    ids.push(Term::small(id as i64));
                }
            }
        }
        // SAFETY: stays within or one past the stack.
        p = unsafe { p.add(1) };
    }
    let locs = list_from_slice(ctx, &ids);
    let raw = make_tuple(ctx, &[am::ERROR, NIL, am::TRUE, locs, NIL]);
    raw_to_list(ctx, raw)
}

/// The frame of the caller's own location (`process_info(self(),
/// current_location)`), or `None` when generated code recorded none.
pub fn caller_frame(ctx: &mut Ctx) -> Option<Term> {
    let id = ctx.exc_loc & !LOC_TAIL;
    if id == 0 || id >= (1 << 32) || crate::code::loc::get(id as u32).is_none() {
        return None;
    }
    let locs = list_from_slice(ctx, &[Term::small(id as i64)]);
    let raw = make_tuple(ctx, &[am::ERROR, NIL, am::TRUE, locs, NIL]);
    let list = raw_to_list(ctx, raw);
    // SAFETY: checked to be a cons.
    list.is_list().then(|| unsafe { list.head() })
}
