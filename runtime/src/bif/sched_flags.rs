//! Scheduler flags on a VM with one scheduler thread: `process_flag(scheduler,
//! N)` (bind the caller to scheduler N, 0 = unbound) and
//! `system_flag(schedulers_online, N)` accept exactly what BEAM started with
//! `+S 1` accepts and answer with the old value; everything else is `badarg`.

use crate::heap::ctx::Ctx;
use crate::term::atom;
use crate::term::Term;

/// Scheduler threads girder runs (`system_info(schedulers)`).
pub const SCHEDULERS: i64 = 1;

/// `process_flag(scheduler, N)`: 0..=schedulers, returns the old binding.
pub fn process_flag_scheduler(ctx: &mut Ctx, v: Term) -> Term {
    if !v.is_small() || !(0..=SCHEDULERS).contains(&v.small_value()) {
        return ctx.badarg();
    }
    // SAFETY: BIFs run with a process scheduled on the context.
    let p = unsafe { ctx.process() };
    let old = p.bound_scheduler;
    p.bound_scheduler = v.small_value() as u32;
    Term::small(old as i64)
}

/// `system_info(multi_scheduling)`: BEAM started with `+S 1` says
/// `enabled` (nothing blocks it).
pub fn multi_scheduling() -> Term {
    atom::intern("enabled")
}

/// The `system_flag/2` flags of this family; `badarg` for any other flag.
pub fn system_flag(ctx: &mut Ctx, flag: Term, value: Term) -> Term {
    if !flag.is_atom() {
        return ctx.badarg();
    }
    match atom::name(flag) {
        // 1..=schedulers; all of them are always online.
        "schedulers_online" | "dirty_cpu_schedulers_online"
            if value.is_small() && (1..=SCHEDULERS).contains(&value.small_value()) =>
        {
            Term::small(SCHEDULERS)
        }
        _ => ctx.badarg(),
    }
}

/// `process_info(P, catchlevel)`: how many catch tags lie on a stack
/// running from `sp` up to `top` (a catch or try pushes one; the words
/// in between are terms and continuation addresses, never catch tags).
pub fn catch_level(sp: *const u64, top: *const u64) -> usize {
    let mut n = 0;
    let mut w = sp;
    while w < top {
        // SAFETY: [sp, top) is the process's live stack.
        if Term(unsafe { *w }).is_catch() {
            n += 1;
        }
        // SAFETY: stays within or one past the stack.
        w = unsafe { w.add(1) };
    }
    n
}
