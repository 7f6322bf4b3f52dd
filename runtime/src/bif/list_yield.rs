//! The list BIFs that give the scheduler back on long lists, as BEAM's do:
//! `length/1`, `lists:member/2`, `lists:reverse/2`. Each works through at
//! most (reductions left × cells per reduction) cells, charges what it did,
//! and when the list goes on, yields to its continuation with its state in
//! the arguments (`bif::trap`). The ratios are BEAM's (`erl_bif_guard.c`,
//! `erl_bif_lists.c`): 16 cells per reduction for `length` and `member`,
//! 40 for `reverse`.
//!
//! `member` and `reverse` continue in themselves with the rest of the list
//! (a failure after a yield shows those arguments, as in BEAM); `length`
//! continues in `'$girder_trap':length/3` with `[Rest, Count, Original]`,
//! and a failure there still reports `erlang:length/1` with the original
//! argument. The run-to-completion variants (`full`), used where the
//! caller cannot follow a trap (`bif`/`gc_bif` instructions: every
//! `length(L)` the compiler emits), charge the same reductions, so the
//! process is preempted at its next call.

use super::trap::{self, yield_to};
use super::{bif, flag, native, BifDef};
use crate::code::export::Export;
use crate::data::compare::eq_exact;
use crate::heap::ctx::Ctx;
use crate::term::atom::am;
use crate::term::{Term, NIL};
use std::sync::OnceLock;

pub const BIFS: &[BifDef] = &[
    bif!("erlang", "length", 1, length_1, flag::GUARD)
        .with_full(native!(length_full_1, 1))
        .with_step(length_site_step, 3),
    bif!("lists", "member", 2, member_2).with_full(native!(member_full_2, 2)),
    bif!("lists", "reverse", 2, reverse_2).with_full(native!(reverse_full_2, 2)),
    bif!("$girder_trap", "length", 3, length_trap_3).with_full(native!(length_trap_3, 3)),
];

const LENGTH_CELLS_PER_RED: usize = 16;
const MEMBER_CELLS_PER_RED: usize = 16;
const REVERSE_CELLS_PER_RED: usize = 40;

/// Cells the reductions left allow.
fn budget(ctx: &Ctx, per_red: usize) -> usize {
    (ctx.reds.max(0) as usize).saturating_mul(per_red)
}

/// Charges `cells` cells of work. The count may go below zero (only the
/// run-to-completion variants go past the budget): the scheduler accounts
/// all of it, as BEAM accounts the slices its yielding version would take,
/// and the process is preempted at its next call.
fn charge(ctx: &mut Ctx, cells: usize, per_red: usize) {
    let r = (cells / per_red).min(i64::MAX as usize) as i64;
    ctx.reds = ctx.reds.saturating_sub(r);
}

/// Follows at most `max` tails from `l`: the term reached and the count.
fn walk(mut l: Term, max: usize) -> (Term, usize) {
    let mut n = 0;
    while n < max && l.is_list() {
        // SAFETY: `l` is a cons.
        l = unsafe { l.tail() };
        n += 1;
    }
    (l, n)
}

fn export(cell: &'static OnceLock<&'static Export>, m: &str, f: &str, a: u32) -> &'static Export {
    cell.get_or_init(|| trap::target(m, f, a))
}

// ---- length/1 ----

/// Counts from `rest` on, `acc` counted before; `orig` is the argument.
fn length_step(ctx: &mut Ctx, rest: Term, acc: usize, orig: Term, max: usize) -> Term {
    let (rest, n) = walk(rest, max);
    let total = acc + n;
    if rest.is_list() {
        static CONT: OnceLock<&'static Export> = OnceLock::new();
        let cont = export(&CONT, trap::MODULE, "length", 3);
        return yield_to(ctx, cont, &[rest, Term::small(total as i64), orig]);
    }
    charge(ctx, n, LENGTH_CELLS_PER_RED);
    if !rest.is_nil() {
        return length_badarg(ctx, orig);
    }
    Term::small(total as i64)
}

/// `badarg` reported as `erlang:length(Orig)` (BEAM's
/// `ERTS_BIF_ERROR_TRAPPED1`), whatever entry point failed.
fn length_badarg(ctx: &mut Ctx, orig: Term) -> Term {
    static E: OnceLock<&'static Export> = OnceLock::new();
    let e = export(&E, "erlang", "length", 1);
    ctx.badarg();
    let args = [orig];
    // SAFETY: `e` is an export entry of arity 1 and `args` holds one term.
    unsafe { crate::abi::error::rt_bif_frame(ctx, e, args.as_ptr()) };
    crate::term::NON_VALUE
}

fn length_1(ctx: &mut Ctx, args: &[Term; 1]) -> Term {
    let max = budget(ctx, LENGTH_CELLS_PER_RED);
    length_step(ctx, args[0], 0, args[0], max)
}

fn length_trap_3(ctx: &mut Ctx, args: &[Term; 3]) -> Term {
    let [rest, acc, orig] = *args;
    if !acc.is_small() || acc.small_value() < 0 {
        return ctx.badarg();
    }
    let max = budget(ctx, LENGTH_CELLS_PER_RED);
    length_step(ctx, rest, acc.small_value() as usize, orig, max)
}

/// `length/1` in a `gc_bif` instruction: state `[Rest, Count, Orig]`,
/// initially `[List, NIL, NIL]`.
extern "C" fn length_site_step(ctx: &mut Ctx, state: *mut Term) -> Term {
    // SAFETY: generated code passes the three state words it keeps.
    let st = unsafe { &mut *(state as *mut [Term; 3]) };
    let (orig, acc) = if st[1] == NIL {
        (st[0], 0)
    } else {
        (st[2], st[1].small_value().max(0) as usize)
    };
    let max = budget(ctx, LENGTH_CELLS_PER_RED);
    let (rest, n) = walk(st[0], max);
    let total = acc + n;
    if rest.is_list() {
        *st = [rest, Term::small(total as i64), orig];
        ctx.reds = 0;
        ctx.bif_trap = 1;
        return crate::term::NON_VALUE;
    }
    charge(ctx, n, LENGTH_CELLS_PER_RED);
    if !rest.is_nil() {
        return length_badarg(ctx, orig);
    }
    Term::small(total as i64)
}

pub(crate) fn length_full_1(ctx: &mut Ctx, args: &[Term; 1]) -> Term {
    let (rest, n) = walk(args[0], usize::MAX);
    charge(ctx, n, LENGTH_CELLS_PER_RED);
    if rest.is_nil() {
        Term::small(n as i64)
    } else {
        ctx.badarg()
    }
}

// ---- lists:member/2 ----

/// `Some(result)` when decided within `max` cells, else `None` with
/// `*l` the rest of the list; `*n` counts the cells looked at.
fn member_walk(x: Term, l: &mut Term, max: usize, n: &mut usize) -> Option<Term> {
    let immed = x.is_immed() || x.is_nil();
    while l.is_list() {
        if *n == max {
            return None;
        }
        *n += 1;
        // SAFETY: `l` is a cons.
        let (h, rest) = unsafe { (l.head(), l.tail()) };
        if h == x || (!immed && eq_exact(h, x)) {
            return Some(am::TRUE);
        }
        *l = rest;
    }
    Some(if l.is_nil() { am::FALSE } else { NIL })
}

fn member(ctx: &mut Ctx, args: &[Term; 2], may_yield: bool) -> Term {
    let [x, mut l] = *args;
    let max = if may_yield {
        budget(ctx, MEMBER_CELLS_PER_RED)
    } else {
        usize::MAX
    };
    let mut n = 0;
    let r = member_walk(x, &mut l, max, &mut n);
    let Some(r) = r else {
        static SELF: OnceLock<&'static Export> = OnceLock::new();
        let me = export(&SELF, "lists", "member", 2);
        return yield_to(ctx, me, &[x, l]);
    };
    charge(ctx, n, MEMBER_CELLS_PER_RED);
    if r == NIL {
        ctx.badarg()
    } else {
        r
    }
}

fn member_2(ctx: &mut Ctx, args: &[Term; 2]) -> Term {
    member(ctx, args, true)
}

pub(crate) fn member_full_2(ctx: &mut Ctx, args: &[Term; 2]) -> Term {
    member(ctx, args, false)
}

// ---- lists:reverse/2 ----

fn reverse(ctx: &mut Ctx, args: &[Term; 2], may_yield: bool) -> Term {
    let [l, t] = *args;
    if !may_yield {
        let r = super::list::reverse(ctx, l, t);
        if !r.is_non_value() {
            let (_, n) = walk(l, usize::MAX);
            charge(ctx, n, REVERSE_CELLS_PER_RED);
        }
        return r;
    }
    // As BEAM: look ahead one budget's worth; an improper end within it
    // fails now, otherwise reverse that much onto the tail and continue.
    let max = budget(ctx, REVERSE_CELLS_PER_RED);
    let (end, n) = walk(l, max);
    charge(ctx, n, REVERSE_CELLS_PER_RED);
    if !end.is_list() && !end.is_nil() {
        return ctx.badarg();
    }
    let acc = prepend_reversed(ctx, l, n, t);
    if end.is_nil() {
        return acc;
    }
    static SELF: OnceLock<&'static Export> = OnceLock::new();
    let me = export(&SELF, "lists", "reverse", 2);
    yield_to(ctx, me, &[end, acc])
}

/// The first `n` elements of `l` (all cons cells) reversed onto `tail`,
/// in one allocation.
fn prepend_reversed(ctx: &mut Ctx, l: Term, n: usize, tail: Term) -> Term {
    if n == 0 {
        return tail;
    }
    let p = ctx.alloc(2 * n);
    let mut acc = tail;
    let mut l = l;
    for i in 0..n {
        // SAFETY: the first `n` tails of `l` are cons cells (counted by
        // `walk`); cell i (words 2i, 2i+1) lies inside the 2n-word block.
        unsafe {
            let (h, rest) = (l.head(), l.tail());
            let cell = p.add(2 * i);
            *cell = h.raw();
            *cell.add(1) = acc.raw();
            acc = Term::list_from_ptr(cell);
            l = rest;
        }
    }
    acc
}

fn reverse_2(ctx: &mut Ctx, args: &[Term; 2]) -> Term {
    reverse(ctx, args, true)
}

pub(crate) fn reverse_full_2(ctx: &mut Ctx, args: &[Term; 2]) -> Term {
    reverse(ctx, args, false)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testutil::TestProc;

    fn list(tp: &mut TestProc, n: i64, tail: Term) -> Term {
        let mut l = tail;
        for i in (0..n).rev() {
            l = crate::data::build::cons(tp.ctx(), Term::small(i), l);
        }
        l
    }

    #[test]
    fn within_budget_no_trap() {
        let mut tp = TestProc::new();
        tp.ctx().reds = 4000;
        let l = list(&mut tp, 1000, NIL);
        assert_eq!(tp.call_body(length_1, &[l]), Term::small(1000));
        // 1000 cells at 16 per reduction.
        assert_eq!(tp.ctx().reds, 4000 - 62);
        assert_eq!(tp.call_body(member_2, &[Term::small(999), l]), am::TRUE);
        let r = tp.call_body(reverse_2, &[l, NIL]);
        assert_eq!(unsafe { r.head() }, Term::small(999));
    }

    #[test]
    fn full_variants_charge_and_finish() {
        let mut tp = TestProc::new();
        let l = list(&mut tp, 100_000, NIL);
        tp.ctx().reds = 10;
        assert_eq!(tp.call_body(length_full_1, &[l]), Term::small(100_000));
        assert_eq!(tp.ctx().reds, 10 - 100_000 / 16);
        tp.ctx().reds = 10;
        assert_eq!(tp.call_body(member_full_2, &[am::OK, l]), am::FALSE);
        let bad = list(&mut tp, 3, am::OK);
        assert!(tp.call_body(length_full_1, &[bad]).is_non_value());
        assert!(tp.call_body(member_full_2, &[am::OK, bad]).is_non_value());
        assert!(tp.call_body(reverse_full_2, &[bad, NIL]).is_non_value());
    }

    #[test]
    fn out_of_budget_traps_with_state() {
        let mut tp = TestProc::new();
        tp.ctx().reds = 1;
        let l = list(&mut tp, 100, NIL);
        let r = tp.call_body(length_1, &[l]);
        assert!(r.is_non_value());
        assert_eq!(tp.ctx().reds, 0);
        // State: the rest after 16 cells, the count, the original list.
        let x = tp.ctx().x;
        assert_eq!(x[1], Term::small(16));
        assert_eq!(x[2], l);
        tp.ctx().reds = 4000;
        assert_eq!(
            tp.call_body(length_trap_3, &[x[0], x[1], x[2]]),
            Term::small(100)
        );
        // reverse: 40 cells reversed onto the tail, the rest to go.
        tp.ctx().reds = 1;
        assert!(tp.call_body(reverse_2, &[l, NIL]).is_non_value());
        let x = tp.ctx().x;
        assert_eq!(unsafe { x[1].head() }, Term::small(39));
        tp.ctx().reds = 4000;
        let r = tp.call_body(reverse_2, &[x[0], x[1]]);
        assert_eq!(unsafe { r.head() }, Term::small(99));
    }
}
