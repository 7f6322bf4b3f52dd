//! Traps and yields: how a BIF continues somewhere else (BEAM's `BIF_TRAP`,
//! `ERTS_BIF_YIELD`).
//!
//! A trapping BIF puts the target's arguments in x0.. and its entry value in
//! `Ctx::bif_trap`, and returns `NON_VALUE`. Its call site (only call sites
//! of BIFs flagged `flag::TRAPS` look) then jumps to the target as if it had
//! called it: after a non-tail call the continuation stays on the stack, so
//! the target returns to the instruction after the call. A *yield* is a trap
//! with the reductions set to zero: the targets are BIF stubs of trapping
//! BIFs, which yield at their entry when no reductions are left, so the
//! scheduler runs others before the work resumes.
//!
//! The hidden continuations live in module `'$girder_trap'`; each takes
//! its state as ordinary arguments (X registers are GC roots across the
//! yield).

use super::{bif, BifDef};
use crate::code::export::{self, Export};
use crate::heap::ctx::Ctx;
use crate::term::atom;
use crate::term::{Term, NON_VALUE};

/// Module of the hidden continuation BIFs.
pub const MODULE: &str = "$girder_trap";

pub const BIFS: &[BifDef] = &[bif!("$girder_trap", "yield_return", 1, yield_return_1)
    .with_full(super::native!(yield_return_1, 1))];

/// Continues in `target` (a BIF's export, whose stub is installed at start
/// up) with `args`. Returns `NON_VALUE`, which the BIF returns.
pub fn trap(ctx: &mut Ctx, target: &'static Export, args: &[Term]) -> Term {
    ctx.x[..args.len()].copy_from_slice(args);
    ctx.bif_trap = target.address();
    NON_VALUE
}

/// A trap that first gives the scheduler back: the target runs after the
/// other runnable processes have had a turn. The reductions left are
/// charged (BEAM's `BUMP_ALL_REDS` in a BIF that yields after its work).
pub fn yield_to(ctx: &mut Ctx, target: &'static Export, args: &[Term]) -> Term {
    ctx.reds = 0;
    trap(ctx, target, args)
}

/// `erlang:yield/0`: returns `value` after giving the scheduler back; the
/// reductions given up are virtual (BEAM's `ERTS_VBUMP_ALL_REDS`): they
/// end the slice but are not charged to the process.
pub fn yield_virtual(ctx: &mut Ctx, value: Term) -> Term {
    ctx.vreds += ctx.reds.max(0);
    yield_return(ctx, value)
}

/// The export of `m:f/a` (a registered BIF).
pub fn target(m: &str, f: &str, a: u32) -> &'static Export {
    export::get_or_create(atom::intern(m), atom::intern(f), a)
}

/// Returns `value` after yielding: for BIFs that finished their work but
/// used up the time slice doing it, and for `erlang:yield/0`.
pub fn yield_return(ctx: &mut Ctx, value: Term) -> Term {
    static T: std::sync::OnceLock<&'static Export> = std::sync::OnceLock::new();
    let t = *T.get_or_init(|| target(MODULE, "yield_return", 1));
    yield_to(ctx, t, &[value])
}

/// Returns `value` when charging `reds` reductions leaves none: yields
/// first (BEAM bumps the reductions and traps; others run before the
/// caller continues).
pub fn charge_and_return(ctx: &mut Ctx, reds: i64, value: Term) -> Term {
    if reds >= ctx.reds {
        yield_return(ctx, value)
    } else {
        ctx.reds -= reds;
        value
    }
}

fn yield_return_1(_ctx: &mut Ctx, args: &[Term; 1]) -> Term {
    args[0]
}

#[cfg(test)]
mod tests {
    use crate::bif::{bif, build_registry, flag, native, BifDef};
    use crate::heap::ctx::Ctx;
    use crate::term::Term;

    fn one(_c: &mut Ctx, a: &[Term; 1]) -> Term {
        a[0]
    }
    fn two(_c: &mut Ctx, a: &[Term; 2]) -> Term {
        a[1]
    }

    #[test]
    fn duplicate_registration_is_an_error() {
        const A: &[BifDef] = &[bif!("m", "f", 1, one)];
        const B: &[BifDef] = &[bif!("m", "g", 2, two), bif!("m", "f", 1, one)];
        let e = build_registry(&[A, B]).err().expect("duplicate accepted");
        assert!(e.contains("m:f/1 registered twice"), "{e}");
        // Same name, other arity: fine.
        const C: &[BifDef] = &[bif!("m", "f", 2, two)];
        assert!(build_registry(&[A, C]).is_ok());
    }

    #[test]
    fn trapping_bif_needs_a_full_variant() {
        const A: &[BifDef] = &[bif!("m", "f", 1, one, flag::TRAPS)];
        assert!(build_registry(&[A]).is_err());
        const B: &[BifDef] = &[bif!("m", "f", 1, one).with_full(native!(one, 1))];
        let r = build_registry(&[B]).unwrap();
        assert!(r.values().all(|d| d.has(flag::TRAPS) && d.full.is_some()));
    }

    #[test]
    fn the_real_registry_builds() {
        build_registry(super::super::TABLES).unwrap();
    }

    #[test]
    fn arguments_arrive_in_order() {
        let mut tp = crate::testutil::TestProc::new();
        let f = native!(two, 2);
        let r = tp.call(f, &[Term::small(1), Term::small(2)]);
        assert_eq!(r, Term::small(2));
        let f = native!(one, 1);
        assert_eq!(tp.call(f, &[Term::small(7)]), Term::small(7));
    }
}
