//! Sharing-preserving copy (what BEAM's `copy_shared_*` does for
//! `persistent_term:put/2`): every object reachable from the term is
//! copied exactly once, so a subterm referenced twice stays one object in
//! the copy and the copy is no bigger than the source's live data
//! (`lists:foldl(fun(_, A) -> [A|A] end, [], lists:seq(1, 50))` is 100
//! words, not 2^50). Literals are copied like everything else: the copy
//! must not point into a module version that may be purged.
//!
//! Forwarding lives in a side table (the source is a live heap that other
//! code still reads, so it is never marked in place). Both the size
//! computation and the copy are iterative.

use crate::gc::term_fields;
use crate::term::{
    header_arity, header_subtag, Term, HDR_REFC_BIN, TAG_PRIMARY_BOXED, TAG_PRIMARY_HEADER,
    TAG_PRIMARY_LIST, TAG_PRIMARY_MASK,
};
use std::collections::{HashMap, HashSet};

#[inline]
fn is_pointer(w: u64) -> bool {
    let t = w & TAG_PRIMARY_MASK;
    t == TAG_PRIMARY_LIST || t == TAG_PRIMARY_BOXED
}

/// Words of a sharing-preserving copy of `t` (0 for immediates): each
/// object counted once, in girder's layouts.
pub fn shared_size(t: Term) -> usize {
    let mut seen: HashSet<u64> = HashSet::new();
    let mut todo = vec![t.raw()];
    let mut n = 0usize;
    while let Some(w) = todo.pop() {
        if !is_pointer(w) {
            continue;
        }
        let addr = w & !TAG_PRIMARY_MASK;
        if !seen.insert(addr) {
            continue;
        }
        let p = addr as *const u64;
        if w & TAG_PRIMARY_MASK == TAG_PRIMARY_LIST {
            n += 2;
            // SAFETY: a list term points at a valid cons cell.
            unsafe { todo.extend_from_slice(&[*p, *p.add(1)]) };
        } else {
            // SAFETY: a boxed term points at a valid object whose header
            // gives its size and term fields.
            unsafe {
                let h = *p;
                n += 1 + header_arity(h);
                let (first, count) = term_fields(h);
                for i in 0..count {
                    todo.push(*p.add(1 + first + i));
                }
            }
        }
    }
    n
}

/// The copy of the object `w` points at: made now (shallowly, at `*dst`)
/// unless `fwd` already has it.
/// # Safety
/// `w` must be a valid term; `*dst` must have room for its object.
#[inline]
unsafe fn forward(w: u64, dst: &mut *mut u64, fwd: &mut HashMap<u64, u64>) -> u64 {
    if !is_pointer(w) {
        return w;
    }
    let addr = w & !TAG_PRIMARY_MASK;
    if let Some(&n) = fwd.get(&addr) {
        return n;
    }
    let p = addr as *const u64;
    let size = if w & TAG_PRIMARY_MASK == TAG_PRIMARY_LIST {
        2
    } else {
        1 + header_arity(*p)
    };
    let n = *dst;
    std::ptr::copy_nonoverlapping(p, n, size);
    *dst = n.add(size);
    let nw = n as u64 | (w & TAG_PRIMARY_MASK);
    fwd.insert(addr, nw);
    nw
}

/// Copies `t` into the memory at `*dst` preserving sharing, advancing
/// `*dst` by exactly `shared_size(t)` words, and returns the copy. Every
/// copied object that owns an off-heap count (a ProcBin's buffer
/// reference, a magic reference's resource) took its own count and is
/// listed in `off_heap`, so that the owner of the memory can give the
/// counts back (`binary::layout::release_owned`) when it frees it.
/// # Safety
/// `t` must be a valid term and `*dst` must point at `shared_size(t)`
/// writable words that do not overlap any part of `t`.
pub unsafe fn copy_shared(t: Term, dst: &mut *mut u64, off_heap: &mut Vec<*mut u64>) -> Term {
    if !is_pointer(t.raw()) {
        return t;
    }
    let mut fwd: HashMap<u64, u64> = HashMap::new();
    let start = *dst;
    let root = forward(t.raw(), dst, &mut fwd);
    // Cheney scan of the copy: each copied object's term fields still
    // point at the source until replaced by their (possibly shared) copy.
    let mut s = start;
    while s < *dst {
        let w = *s;
        if w & TAG_PRIMARY_MASK == TAG_PRIMARY_HEADER {
            crate::data::binary::layout::on_copied(s, w);
            if header_subtag(w) == HDR_REFC_BIN || crate::data::resource::is_magic_header(w) {
                off_heap.push(s);
            }
            let (first, count) = term_fields(w);
            for i in 0..count {
                let f = s.add(1 + first + i);
                *f = forward(*f, dst, &mut fwd);
            }
            s = s.add(1 + header_arity(w));
        } else {
            // A cons cell: its head is a term, never a header word.
            *s = forward(*s, dst, &mut fwd);
            *s.add(1) = forward(*s.add(1), dst, &mut fwd);
            s = s.add(2);
        }
    }
    Term(root)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::data::build::{list_from_slice, make_tuple};
    use crate::data::compare::eq_exact;
    use crate::testutil::TestProc;

    #[test]
    fn sharing_is_kept() {
        let mut tp = TestProc::new();
        let ctx = tp.ctx();
        // [A|A] nested 30 deep: 60 words shared, 2^31 flat.
        let mut t = crate::term::NIL;
        for _ in 0..30 {
            t = crate::data::build::cons(ctx, t, t);
        }
        let pair = make_tuple(ctx, &[t, t]);
        let n = shared_size(pair);
        assert_eq!(n, 3 + 60);
        let mut buf = vec![0u64; n];
        let mut dst = buf.as_mut_ptr();
        let mut oh = Vec::new();
        // SAFETY: `buf` holds `n` words apart from the source.
        let c = unsafe { copy_shared(pair, &mut dst, &mut oh) };
        assert_eq!(dst as usize, buf.as_ptr() as usize + n * 8);
        assert!(oh.is_empty());
        // SAFETY: `c` is a 2-tuple.
        let (a, b) = unsafe { (c.tuple_elem(0), c.tuple_elem(1)) };
        assert_eq!(a, b, "one object for both elements");
        assert!(eq_exact(c, pair));
        let l = list_from_slice(ctx, &[Term::small(1), Term::small(2)]);
        assert_eq!(shared_size(l), 4);
        assert_eq!(shared_size(Term::small(3)), 0);
    }
}
