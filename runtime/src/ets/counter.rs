//! The common case of `update_counter`, done in place without building
//! anything: every operation names a position holding a small integer,
//! with a small increment (and small threshold and set value), and every
//! result stays small. The stored tuple's words are overwritten, which is
//! atomic for other callers because the caller holds the key's write lock.
//!
//! Anything else (an error to report, a bignum, a position named twice, a
//! long list of operations) answers `None` before touching the object, and
//! the caller runs the general path (`bif/ets_data.rs`), which reports
//! errors exactly as BEAM does.

use super::object::Stored;
use crate::term::Term;

/// Most operations one call may carry on the fast path.
pub const MAX_OPS: usize = 8;

/// The new values of a fast update, in the order of the operations.
pub struct Results {
    pub vals: [Term; MAX_OPS],
    pub len: usize,
}

/// One operation: 0-based position, increment, and optional threshold
/// and set value, all small.
#[derive(Clone, Copy)]
struct Op {
    pos: usize,
    incr: i64,
    warp: Option<(i64, i64)>,
}

#[inline]
fn small(t: Term) -> Option<i64> {
    t.is_small().then(|| t.small_value())
}

/// Parses one operation against an object of `arity` elements whose key
/// is at 1-based `keypos`; `None` when it is not a fast one.
#[inline]
fn op(t: Term, keypos: usize, arity: usize) -> Option<Op> {
    if t.is_small() {
        return (keypos < arity).then(|| Op {
            pos: keypos,
            incr: t.small_value(),
            warp: None,
        });
    }
    if !t.is_tuple() {
        return None;
    }
    // SAFETY: `t` is a tuple; elements are read below its arity.
    let (n, e) = unsafe { (t.tuple_arity(), |i| t.tuple_elem(i)) };
    let warp = match n {
        2 => None,
        4 => Some((small(e(2))?, small(e(3))?)),
        _ => return None,
    };
    let pos = small(e(0))?;
    if pos < 1 || pos as usize > arity || pos as usize == keypos {
        return None;
    }
    Some(Op {
        pos: pos as usize - 1,
        incr: small(e(1))?,
        warp,
    })
}

/// Applies `spec` (an increment, one operation tuple or a list of them)
/// to the stored tuple `o` in place, or answers `None` without changing
/// it when the general path must decide.
#[inline]
pub fn update_in_place(o: &mut Stored, spec: Term, keypos: usize) -> Option<Results> {
    let arity = o.arity();
    let mut pos = [0usize; MAX_OPS];
    let mut out = Results {
        vals: [Term::small(0); MAX_OPS],
        len: 0,
    };
    // Validates and computes one operation (the `i`-th): nothing is
    // written to the object until every operation passed.
    let mut one = |t: Term, i: usize| -> Option<()> {
        let c = op(t, keypos, arity)?;
        if pos[..i].contains(&c.pos) {
            return None;
        }
        let mut v = small(o.elem(c.pos))?.checked_add(c.incr)?;
        if let Some((thr, set)) = c.warp {
            if (c.incr >= 0 && v > thr) || (c.incr < 0 && v < thr) {
                v = set;
            }
        }
        if !Term::fits_small(v) {
            return None;
        }
        pos[i] = c.pos;
        out.vals[i] = Term::small(v);
        Some(())
    };
    let mut n = 0;
    if spec.is_list() || spec.is_nil() {
        let mut l = spec;
        while l.is_list() {
            if n == MAX_OPS {
                return None;
            }
            // SAFETY: `l` is a cons cell.
            let (h, t) = unsafe { (l.head(), l.tail()) };
            one(h, n)?;
            n += 1;
            l = t;
        }
        if !l.is_nil() {
            return None;
        }
    } else {
        one(spec, 0)?;
        n = 1;
    }
    for (&p, &v) in pos[..n].iter().zip(&out.vals[..n]) {
        o.set_elem_immediate(p, v);
    }
    out.len = n;
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::term::{make_header, HDR_TUPLE, NIL};

    fn obj(v: &[i64]) -> Stored {
        let mut w = vec![make_header(v.len(), HDR_TUPLE)];
        w.extend(v.iter().map(|&x| Term::small(x).raw()));
        Stored::new(Term::boxed_from_ptr(w.as_ptr()))
    }

    fn op2(w: &mut Vec<u64>, pos: i64, incr: i64) -> Term {
        w.extend([
            make_header(2, HDR_TUPLE),
            Term::small(pos).raw(),
            Term::small(incr).raw(),
        ]);
        Term::boxed_from_ptr(unsafe { w.as_ptr().add(w.len() - 3) })
    }

    fn vals(o: &Stored) -> Vec<i64> {
        (0..o.arity()).map(|i| o.elem(i).small_value()).collect()
    }

    #[test]
    fn small_updates_in_place_and_fallbacks_untouched() {
        let mut o = obj(&[1, 10, 20]);
        let r = update_in_place(&mut o, Term::small(5), 1).expect("fast");
        assert_eq!((r.len, r.vals[0].small_value()), (1, 15));
        assert_eq!(vals(&o), [1, 15, 20]);
        let mut w = Vec::with_capacity(16);
        let a = op2(&mut w, 3, -1);
        let b = op2(&mut w, 3, 1);
        let k = op2(&mut w, 1, 1);
        let far = op2(&mut w, 4, 1);
        let big = op2(&mut w, 2, (1 << 59) - 1);
        let cells = [a.raw(), NIL.raw()];
        let one = Term::list_from_ptr(cells.as_ptr());
        let r = update_in_place(&mut o, one, 1).expect("fast list");
        assert_eq!((r.len, r.vals[0].small_value()), (1, 19));
        // Not taken, object unchanged: a position twice, the key, past
        // the arity, a result leaving the small range.
        let twice = [a.raw(), 0, b.raw(), NIL.raw()];
        let mut twice = twice;
        twice[1] = Term::list_from_ptr(unsafe { twice.as_ptr().add(2) }).raw();
        for spec in [Term::list_from_ptr(twice.as_ptr()), k, far, big, big] {
            let _ = update_in_place(&mut o, spec, 1);
        }
        assert!(update_in_place(&mut o, Term::list_from_ptr(twice.as_ptr()), 1).is_none());
        assert!(update_in_place(&mut o, k, 1).is_none());
        assert!(update_in_place(&mut o, far, 1).is_none());
        assert_eq!(vals(&o)[0], 1);
        assert_eq!(vals(&o)[2], 19);
    }
}
