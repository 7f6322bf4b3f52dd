//! A linear test that two trie maps are the same map, before comparing
//! them the general way (sorting both maps' pairs by key).
//!
//! Equal keys hash alike, so two equal maps are almost always built as
//! the same trie: the same objects with the same info words, children in
//! the same slots, leaves in the same places. Walking both at once and
//! comparing what they hold proves them equal in one pass (BEAM's `eq`
//! compares trie maps node by node too). A difference proves nothing
//! (keys that collide on every hash level may sit in another order), so
//! the caller then does the full comparison; that costs the walk only up
//! to the first difference.
//!
//! The walk is iterative over tuples, lists and maps; other objects are
//! compared with `cmp_terms_exact`, except funs, whose environments may
//! hold maps again (no recursion through them: the answer is "unknown").

use super::layout::{children, flat_keys, flat_values, info_of, kind, Kind};
use crate::data::compare::cmp_terms_exact;
use crate::term::*;
use std::cmp::Ordering;

/// True when `a` and `b` (maps) are provably equal (`=:=`) by structure.
pub fn same(a: Term, b: Term) -> bool {
    let mut stack: Vec<(Term, Term)> = vec![(a, b)];
    while let Some((x, y)) = stack.pop() {
        if x == y {
            continue;
        }
        if x.is_list() && y.is_list() {
            // SAFETY: both are cons cells.
            unsafe {
                stack.push((x.tail(), y.tail()));
                stack.push((x.head(), y.head()));
            }
            continue;
        }
        if !x.is_boxed() || !y.is_boxed() {
            return false;
        }
        // SAFETY: boxed terms point at valid objects with a header.
        let (hx, hy) = unsafe { (*x.boxed_ptr(), *y.boxed_ptr()) };
        match header_subtag(hx) {
            HDR_TUPLE => {
                if hx != hy {
                    return false;
                }
                for i in 0..header_arity(hx) {
                    // SAFETY: both tuples have this arity.
                    unsafe { stack.push((x.tuple_elem(i), y.tuple_elem(i))) };
                }
            }
            HDR_MAP => {
                // SAFETY: both are map objects (equal headers).
                if hx != hy || unsafe { info_of(x) != info_of(y) } {
                    return false;
                }
                // SAFETY: equal info words: the same kind and size.
                unsafe {
                    if kind(info_of(x)) == Kind::Flat {
                        let (kx, ky) = (flat_keys(x), flat_keys(y));
                        let (vx, vy) = (flat_values(x), flat_values(y));
                        stack.extend(kx.iter().copied().zip(ky.iter().copied()));
                        stack.extend(vx.iter().copied().zip(vy.iter().copied()));
                    } else {
                        let (cx, cy) = (children(x), children(y));
                        stack.extend(cx.iter().copied().zip(cy.iter().copied()));
                    }
                }
            }
            HDR_FUN => return false,
            _ => {
                if cmp_terms_exact(x, y) != Ordering::Equal {
                    return false;
                }
            }
        }
    }
    true
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::data::build::*;
    use crate::testutil::TestProc;

    #[test]
    fn equal_tries_are_the_same_and_others_are_not() {
        let mut tp = TestProc::new();
        let ctx = tp.ctx();
        let pairs = |ctx: &mut crate::heap::ctx::Ctx, n: i64, odd: i64| {
            (0..n)
                .map(|i| {
                    let k = make_tuple(ctx, &[Term::small(i), NIL]);
                    let f = make_float(ctx, i as f64);
                    let v = list_from_slice(ctx, &[f, Term::small(if i == 7 { odd } else { 0 })]);
                    (k, v)
                })
                .collect::<Vec<_>>()
        };
        let p1 = pairs(ctx, 100, 0);
        let mut p2 = pairs(ctx, 100, 0);
        p2.reverse();
        let p3 = pairs(ctx, 100, 1);
        let a = crate::data::map::from_pairs(ctx, p1);
        let b = crate::data::map::from_pairs(ctx, p2);
        let c = crate::data::map::from_pairs(ctx, p3);
        assert!(same(a, b));
        assert!(!same(a, c));
        assert!(crate::data::compare::eq_exact(a, b));
        assert!(!crate::data::compare::eq_exact(a, c));
    }
}
