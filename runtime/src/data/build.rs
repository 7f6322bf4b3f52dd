//! Term construction and list walking helpers for BIF authors. Everything
//! allocates through `Ctx::alloc`, which never moves existing terms, so a
//! caller may hold terms across calls.

use crate::heap::ctx::Ctx;
use crate::term::{make_header, Term, HDR_FLOAT, HDR_REF, HDR_TUPLE, NIL};
use std::sync::atomic::{AtomicU64, Ordering};

/// Builds the tuple `{elems...}`.
pub fn make_tuple(ctx: &mut Ctx, elems: &[Term]) -> Term {
    let p = ctx.alloc(1 + elems.len());
    // SAFETY: `p` points at 1 + len freshly allocated words.
    unsafe {
        *p = make_header(elems.len(), HDR_TUPLE);
        for (i, e) in elems.iter().enumerate() {
            *p.add(1 + i) = e.raw();
        }
    }
    Term::boxed_from_ptr(p)
}

/// Builds the cons cell `[h | t]`.
pub fn cons(ctx: &mut Ctx, h: Term, t: Term) -> Term {
    let p = ctx.alloc(2);
    // SAFETY: `p` points at 2 freshly allocated words.
    unsafe {
        *p = h.raw();
        *p.add(1) = t.raw();
    }
    Term::list_from_ptr(p)
}

/// Builds the proper list of `elems`.
pub fn list_from_slice(ctx: &mut Ctx, elems: &[Term]) -> Term {
    list_from_slice_tail(ctx, elems, NIL)
}

/// Builds `[e0, e1, ... | tail]`; one allocation for all cells.
pub fn list_from_slice_tail(ctx: &mut Ctx, elems: &[Term], tail: Term) -> Term {
    if elems.is_empty() {
        return tail;
    }
    let n = elems.len();
    let p = ctx.alloc(2 * n);
    // SAFETY: `p` points at 2n freshly allocated words; cell i is at 2i and
    // its tail points at cell i + 1 (or is `tail` for the last one).
    unsafe {
        for (i, e) in elems.iter().enumerate() {
            let cell = p.add(2 * i);
            *cell = e.raw();
            *cell.add(1) = if i + 1 < n {
                Term::list_from_ptr(p.add(2 * (i + 1))).raw()
            } else {
                tail.raw()
            };
        }
    }
    Term::list_from_ptr(p)
}

/// Builds a boxed float.
pub fn make_float(ctx: &mut Ctx, f: f64) -> Term {
    let p = ctx.alloc(2);
    // SAFETY: `p` points at 2 freshly allocated words.
    unsafe {
        *p = make_header(1, HDR_FLOAT);
        *p.add(1) = f.to_bits();
    }
    Term::boxed_from_ptr(p)
}

/// Builds the list of character codes of `s` (Unicode scalar values, so an
/// ASCII/latin-1 `str` gives its bytes).
pub fn make_string(ctx: &mut Ctx, s: &str) -> Term {
    if s.is_ascii() {
        // Bytes are code points: no vector of terms first (number
        // formatting BIFs build their results here).
        return make_byte_list(ctx, s.as_bytes());
    }
    let codes: Vec<Term> = s.chars().map(|c| Term::small(c as i64)).collect();
    list_from_slice(ctx, &codes)
}

/// Builds the list of the byte values of `b`, with one allocation for
/// all cells.
pub fn make_byte_list(ctx: &mut Ctx, b: &[u8]) -> Term {
    if b.is_empty() {
        return NIL;
    }
    let n = b.len();
    let p = ctx.alloc(2 * n);
    // SAFETY: `p` points at 2n freshly allocated words; cell i is at 2i and
    // its tail points at cell i + 1 (NIL for the last one).
    unsafe {
        for (i, &c) in b.iter().enumerate() {
            let cell = p.add(2 * i);
            *cell = Term::small(c as i64).raw();
            *cell.add(1) = if i + 1 < n {
                Term::list_from_ptr(p.add(2 * (i + 1))).raw()
            } else {
                NIL.raw()
            };
        }
    }
    Term::list_from_ptr(p)
}

static REF_COUNTER: AtomicU64 = AtomicU64::new(1);

/// A fresh local reference: `[hdr(HDR_REF,2)] [id_hi] [id_lo]`, unique in
/// the VM (a global counter; the high word holds bits above 64, always 0
/// for now but reserved for scheduler-local counters).
pub fn make_ref(ctx: &mut Ctx) -> Term {
    let id = REF_COUNTER.fetch_add(1, Ordering::Relaxed);
    // Spread over the three 32-bit numbers as BEAM does: the first holds
    // 18 bits (BEAM rejects a local reference with more when decoding).
    let (n0, n1, n2) = (id & 0x3ffff, (id >> 18) & 0xffff_ffff, id >> 50);
    make_ref_with(ctx, n2, n0 | n1 << 32)
}

/// A reference with the given id words (for tests and term copying).
pub fn make_ref_with(ctx: &mut Ctx, hi: u64, lo: u64) -> Term {
    let p = ctx.alloc(3);
    // SAFETY: `p` points at 3 freshly allocated words.
    unsafe {
        *p = make_header(2, HDR_REF);
        *p.add(1) = hi;
        *p.add(2) = lo;
    }
    Term::boxed_from_ptr(p)
}

/// The elements of a proper list, or `None` if `t` is not a proper list.
pub fn list_to_vec(t: Term) -> Option<Vec<Term>> {
    let mut out = Vec::new();
    let mut cur = t;
    while cur.is_list() {
        // SAFETY: `cur` is a list term, so it points at a cons cell.
        unsafe {
            out.push(cur.head());
            cur = cur.tail();
        }
    }
    cur.is_nil().then_some(out)
}

/// The length of a proper list, or `None` if `t` is not a proper list.
pub fn list_length(t: Term) -> Option<usize> {
    let mut n = 0usize;
    let mut cur = t;
    while cur.is_list() {
        n += 1;
        // SAFETY: `cur` is a list term, so it points at a cons cell.
        cur = unsafe { cur.tail() };
    }
    cur.is_nil().then_some(n)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testutil::TestProc;

    #[test]
    fn lists_and_tuples() {
        let mut tp = TestProc::new();
        let ctx = tp.ctx();
        let l = list_from_slice(ctx, &[Term::small(1), Term::small(2), Term::small(3)]);
        assert_eq!(list_length(l), Some(3));
        let v = list_to_vec(l).unwrap();
        assert_eq!(v, vec![Term::small(1), Term::small(2), Term::small(3)]);
        let imp = cons(ctx, Term::small(1), Term::small(2));
        assert_eq!(list_length(imp), None);
        assert_eq!(list_to_vec(imp), None);
        assert_eq!(list_length(NIL), Some(0));
        let t = make_tuple(ctx, &[l, NIL]);
        assert!(t.is_tuple());
        // SAFETY: `t` is a 2-tuple.
        unsafe {
            assert_eq!(t.tuple_arity(), 2);
            assert_eq!(t.tuple_elem(0), l);
        }
        let f = make_float(ctx, 1.5);
        // SAFETY: `f` is a float.
        assert!(f.is_float() && unsafe { f.float_value() } == 1.5);
        let s = make_string(ctx, "hé");
        assert_eq!(
            list_to_vec(s).unwrap(),
            vec![Term::small(104), Term::small(233)]
        );
        let r1 = make_ref(ctx);
        let r2 = make_ref(ctx);
        assert!(r1.is_reference() && r2.is_reference() && r1 != r2);
    }

    #[test]
    fn many_allocations_spill_into_fragments() {
        let mut tp = TestProc::new();
        let ctx = tp.ctx();
        let mut l = NIL;
        for i in 0..10_000 {
            l = cons(ctx, Term::small(i), l);
        }
        assert_eq!(list_length(l), Some(10_000));
    }
}
