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

/// `system_info(multi_scheduling)` as BEAM started with `+S 1` answers:
/// `enabled` until a live process blocks it (`blocked`, or
/// `blocked_normal` for `block_normal`), with no blockers listed.
pub fn multi_scheduling() -> Term {
    atom::intern(ms_state())
}

/// Blocks of multi-scheduling: `(pid, normal)` → how many times that
/// process blocked (each `unblock` takes one back). A process that exits
/// holds none: entries of dead processes are ignored and dropped.
fn ms_blocks() -> &'static std::sync::Mutex<std::collections::HashMap<(u64, bool), u32>> {
    static B: std::sync::OnceLock<std::sync::Mutex<std::collections::HashMap<(u64, bool), u32>>> =
        std::sync::OnceLock::new();
    B.get_or_init(Default::default)
}

fn ms_state() -> &'static str {
    let mut b = ms_blocks().lock().unwrap_or_else(|e| e.into_inner());
    b.retain(|&(pid, _), n| {
        *n > 0 && crate::proc::ptable::lookup(Term(pid)).is_some_and(|r| r.is_alive())
    });
    if b.keys().any(|&(_, normal)| !normal) {
        "blocked"
    } else if !b.is_empty() {
        "blocked_normal"
    } else {
        "enabled"
    }
}

/// `system_flag(multi_scheduling, block | unblock | block_normal |
/// unblock_normal)` by `me`: the state afterwards.
fn multi_scheduling_flag(me: Term, value: Term) -> Option<Term> {
    let (block, normal) = match value.is_atom().then(|| atom::name(value)) {
        Some("block") => (true, false),
        Some("unblock") => (false, false),
        Some("block_normal") => (true, true),
        Some("unblock_normal") => (false, true),
        _ => return None,
    };
    {
        let mut b = ms_blocks().lock().unwrap_or_else(|e| e.into_inner());
        let n = b.entry((me.raw(), normal)).or_insert(0);
        if block {
            *n += 1;
        } else {
            *n = n.saturating_sub(1);
        }
    }
    Some(atom::intern(ms_state()))
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
        "multi_scheduling" => {
            // SAFETY: BIFs run with a process scheduled on the context.
            let me = unsafe { ctx.process().pid };
            multi_scheduling_flag(me, value).unwrap_or_else(|| ctx.badarg())
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
