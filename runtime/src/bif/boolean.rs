//! Boolean operators as BIFs: `and or xor not` (guard-safe). Operands
//! must be `true` or `false`, otherwise `badarg`.

use super::{arg, guard_bif, BifDef};
use crate::atom::am;
use crate::ctx::Ctx;
use crate::term::Term;

pub const BIFS: &[BifDef] = &[
    guard_bif("erlang", "and", 2, and_2),
    guard_bif("erlang", "or", 2, or_2),
    guard_bif("erlang", "xor", 2, xor_2),
    guard_bif("erlang", "not", 1, not_1),
];

fn as_bool(t: Term) -> Option<bool> {
    if t == am::TRUE {
        Some(true)
    } else if t == am::FALSE {
        Some(false)
    } else {
        None
    }
}

fn binary_op(ctx: &mut Ctx, args: *const Term, op: fn(bool, bool) -> bool) -> Term {
    // SAFETY: the registry gives these BIFs arity 2.
    let (a, b) = unsafe { (arg(args, 0), arg(args, 1)) };
    match (as_bool(a), as_bool(b)) {
        (Some(x), Some(y)) => Term::boolean(op(x, y)),
        _ => ctx.badarg(),
    }
}

extern "C" fn and_2(ctx: &mut Ctx, args: *const Term) -> Term {
    binary_op(ctx, args, |x, y| x && y)
}
extern "C" fn or_2(ctx: &mut Ctx, args: *const Term) -> Term {
    binary_op(ctx, args, |x, y| x || y)
}
extern "C" fn xor_2(ctx: &mut Ctx, args: *const Term) -> Term {
    binary_op(ctx, args, |x, y| x != y)
}
extern "C" fn not_1(ctx: &mut Ctx, args: *const Term) -> Term {
    // SAFETY: arity 1.
    match as_bool(unsafe { arg(args, 0) }) {
        Some(x) => Term::boolean(!x),
        None => ctx.badarg(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testutil::TestProc;

    #[test]
    fn truth_tables_and_badarg() {
        let mut tp = TestProc::new();
        let (t, f) = (am::TRUE, am::FALSE);
        assert_eq!(tp.call(and_2, &[t, f]), f);
        assert_eq!(tp.call(or_2, &[t, f]), t);
        assert_eq!(tp.call(xor_2, &[t, t]), f);
        assert_eq!(tp.call(not_1, &[f]), t);
        assert!(tp.call(and_2, &[t, Term::small(1)]).is_non_value());
        assert!(tp.call(not_1, &[am::OK]).is_non_value());
    }
}
