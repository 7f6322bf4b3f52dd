//! `process_info(self(), current_stacktrace)`: the caller's location
//! (generated code stores it in `exc_loc` before calling
//! `erlang:process_info/2`), then the call site of each continuation on
//! the stack, at most `backtrace_depth` frames (`bif::sysflag`), in the format of
//! exception stack traces. erl_eval builds its error traces with it.

use crate::abi::error::{raw_to_list, LOC_TAIL};
use crate::data::build::{list_from_slice, make_tuple};
use crate::heap::ctx::Ctx;
use crate::term::atom::am;
use crate::term::{Term, NIL};

/// The stack trace of the running process, for a BIF called from
/// generated code that recorded its location.
pub fn current(ctx: &mut Ctx) -> Term {
    let mut ids: Vec<Term> = Vec::new();
    let id = ctx.exc_loc & !LOC_TAIL;
    let depth = crate::abi::error::backtrace_depth();
    if id != 0 && id < (1 << 32) && depth > 0 && crate::code::loc::get(id as u32).is_some() {
        ids.push(Term::small(id as i64));
    }
    // SAFETY: a process is running; [sp, stack_top) is its stack.
    let stack_top = unsafe { ctx.process().stack_top() };
    let mut p = ctx.sp;
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
