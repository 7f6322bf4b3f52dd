//! `erlang:hibernate/3`: the process drops its call stack, is collected to
//! a heap of exactly its live data, and waits; the first message (one that
//! is already queued counts) wakes it in `apply(M, F, A)`. The call never
//! returns: when `M:F` returns, the process ends as if its initial call had.
//!
//! This BIF does not return a term. It returns `Term::small(status)`, the
//! status generated code must leave native code with (WAIT, or YIELD when a
//! message is already queued), after setting `ctx.resume` (the address of
//! `erlang:apply/3`) and `ctx.live` (3: x0..x2 = M, F, A). The JIT lowers a
//! call of this BIF specially (`jit/src/lower/calls.rs`), and so does its
//! export stub (`jit/src/stubs.rs`), which `apply` and `fun erlang:hibernate/3`
//! reach.

use super::{bif, BifDef};
use crate::data::build::list_length;
use crate::heap::ctx::{status, Ctx};
use crate::term::atom::am;
use crate::term::{Term, NON_VALUE};

pub const BIFS: &[BifDef] = &[bif!(
    "erlang",
    "hibernate",
    3,
    hibernate_3,
    super::flag::LEAVES
)];

fn hibernate_3(ctx: &mut Ctx, args: &[Term; 3]) -> Term {
    let (m, f, a) = (args[0], args[1], args[2]);
    let Some(n) = list_length(a) else {
        return ctx.badarg();
    };
    if !m.is_atom() || !f.is_atom() {
        return ctx.badarg();
    }
    // BEAM's limit on a function's arity.
    if n > 255 {
        return ctx.error(am::SYSTEM_LIMIT);
    }
    let apply = crate::proc::spawn::resolve(am::ERLANG, am::APPLY, 3);
    if apply == 0 {
        return ctx.error(am::UNDEF);
    }
    ctx.x[0] = m;
    ctx.x[1] = f;
    ctx.x[2] = a;
    // Nothing on the stack can be needed again: no frame is returned to,
    // no catch can see an exception. Keep only the bottom word, the final
    // continuation every process has (`spawn.rs`).
    // SAFETY: a process is scheduled on `ctx`; its stack is
    // [ctx.sp, stack_top) and holds at least that bottom word.
    unsafe {
        let p = ctx.process();
        let top = p.stack_top();
        if (ctx.sp as usize) < top as usize {
            ctx.sp = top.sub(1);
        }
    }
    for t in [
        &mut ctx.exc_reason,
        &mut ctx.exc_trace,
        &mut ctx.exc_top,
        &mut ctx.exc_prebuilt,
    ] {
        *t = NON_VALUE;
    }
    crate::gc::collect_hibernate(ctx, 3);
    // SAFETY: as above.
    let p = unsafe { ctx.process() };
    crate::proc::signal::fetch(p, false);
    p.hibernated = true;
    let st = if p.msgq.is_empty() {
        status::WAIT
    } else {
        status::YIELD
    };
    ctx.resume = apply;
    ctx.live = 3;
    Term::small(st)
}
