//! Comparison BIFs: `== /= =:= =/= < > =< >=`, returning `true`/`false`.
//! They never fail. The JIT inlines immediate cases and calls the
//! `crate::data::compare` slow paths directly; these exist for `apply`, funs
//! and guards.

use super::{guard_bif, BifDef};
use crate::data::compare::{cmp_terms, eq, eq_exact};
use crate::heap::ctx::Ctx;
use crate::term::Term;
use std::cmp::Ordering;

macro_rules! cmp_bif {
    ($name:ident, |$a:ident, $b:ident| $e:expr) => {
        fn $name(_ctx: &mut Ctx, args: &[Term; 2]) -> Term {
            let ($a, $b) = (args[0], args[1]);
            Term::boolean($e)
        }
    };
}

cmp_bif!(bif_eq, |a, b| eq(a, b));
cmp_bif!(bif_ne, |a, b| !eq(a, b));
cmp_bif!(bif_eq_exact, |a, b| eq_exact(a, b));
cmp_bif!(bif_ne_exact, |a, b| !eq_exact(a, b));
cmp_bif!(bif_lt, |a, b| cmp_terms(a, b) == Ordering::Less);
cmp_bif!(bif_gt, |a, b| cmp_terms(a, b) == Ordering::Greater);
cmp_bif!(bif_le, |a, b| cmp_terms(a, b) != Ordering::Greater);
cmp_bif!(bif_ge, |a, b| cmp_terms(a, b) != Ordering::Less);

pub const BIFS: &[BifDef] = &[
    guard_bif!("erlang", "==", 2, bif_eq),
    guard_bif!("erlang", "/=", 2, bif_ne),
    guard_bif!("erlang", "=:=", 2, bif_eq_exact),
    guard_bif!("erlang", "=/=", 2, bif_ne_exact),
    guard_bif!("erlang", "<", 2, bif_lt),
    guard_bif!("erlang", ">", 2, bif_gt),
    guard_bif!("erlang", "=<", 2, bif_le),
    guard_bif!("erlang", ">=", 2, bif_ge),
];

#[cfg(test)]
mod tests {
    use super::*;
    use crate::bif::native;
    use crate::data::build::make_float;
    use crate::term::atom::am;
    use crate::testutil::TestProc;

    #[test]
    fn operators() {
        let mut tp = TestProc::new();
        let one_f = make_float(tp.ctx(), 1.0);
        let one = Term::small(1);
        let t = |tp: &mut TestProc, f, a, b| tp.call(f, &[a, b]);
        assert_eq!(t(&mut tp, native!(bif_eq, 2), one, one_f), am::TRUE);
        assert_eq!(t(&mut tp, native!(bif_ne, 2), one, one_f), am::FALSE);
        assert_eq!(t(&mut tp, native!(bif_eq_exact, 2), one, one_f), am::FALSE);
        assert_eq!(t(&mut tp, native!(bif_ne_exact, 2), one, one_f), am::TRUE);
        assert_eq!(t(&mut tp, native!(bif_lt, 2), one, one_f), am::FALSE);
        assert_eq!(t(&mut tp, native!(bif_le, 2), one, one_f), am::TRUE);
        assert_eq!(t(&mut tp, native!(bif_ge, 2), one, one_f), am::TRUE);
        assert_eq!(t(&mut tp, native!(bif_gt, 2), am::OK, one), am::TRUE);
        assert_eq!(
            t(&mut tp, native!(bif_lt, 2), am::OK, crate::term::NIL),
            am::TRUE
        );
    }
}
