//! Boolean operators as BIFs: `and or xor not` (guard-safe). Operands
//! must be `true` or `false`, otherwise `badarg`.

use super::{guard_bif, BifDef};
use crate::heap::ctx::Ctx;
use crate::term::atom::am;
use crate::term::Term;

pub const BIFS: &[BifDef] = &[
    guard_bif!("erlang", "and", 2, and_2),
    guard_bif!("erlang", "or", 2, or_2),
    guard_bif!("erlang", "xor", 2, xor_2),
    guard_bif!("erlang", "not", 1, not_1),
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

fn binary_op(ctx: &mut Ctx, args: &[Term; 2], op: fn(bool, bool) -> bool) -> Term {
    let (a, b) = (args[0], args[1]);
    match (as_bool(a), as_bool(b)) {
        (Some(x), Some(y)) => Term::boolean(op(x, y)),
        _ => ctx.badarg(),
    }
}

fn and_2(ctx: &mut Ctx, args: &[Term; 2]) -> Term {
    binary_op(ctx, args, |x, y| x && y)
}
fn or_2(ctx: &mut Ctx, args: &[Term; 2]) -> Term {
    binary_op(ctx, args, |x, y| x || y)
}
fn xor_2(ctx: &mut Ctx, args: &[Term; 2]) -> Term {
    binary_op(ctx, args, |x, y| x != y)
}
fn not_1(ctx: &mut Ctx, args: &[Term; 1]) -> Term {
    match as_bool(args[0]) {
        Some(x) => Term::boolean(!x),
        None => ctx.badarg(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::bif::native;
    use crate::testutil::TestProc;

    #[test]
    fn truth_tables_and_badarg() {
        let mut tp = TestProc::new();
        let (t, f) = (am::TRUE, am::FALSE);
        assert_eq!(tp.call(native!(and_2, 2), &[t, f]), f);
        assert_eq!(tp.call(native!(or_2, 2), &[t, f]), t);
        assert_eq!(tp.call(native!(xor_2, 2), &[t, t]), f);
        assert_eq!(tp.call(native!(not_1, 1), &[f]), t);
        assert!(tp
            .call(native!(and_2, 2), &[t, Term::small(1)])
            .is_non_value());
        assert!(tp.call(native!(not_1, 1), &[am::OK]).is_non_value());
    }
}
