//! The flat copy of a term into table memory: `gc::copy`'s copy (every
//! subterm copied once per reference, iteratively), except for sub-binaries
//! of heap binaries. BEAM stores those as a new heap binary of just the
//! bytes they cover (plus a sub-binary over it when they are not whole
//! bytes), not as the sub-binary and the whole heap binary, and
//! `ets:info(T, memory)` counts the words: a table loaded by `file2tab`
//! (heap binaries) has the memory the original table had only if the
//! original stored its sub-binaries the same way.

use crate::data::binary::layout::{
    heap_bin_words, on_copied, write_heap_bin, write_sub_bin, SUB_BIN_WORDS,
};
use crate::gc::term_fields;
use crate::term::{
    header_arity, header_subtag, Term, HDR_HEAP_BIN, HDR_SUB_BIN, TAG_PRIMARY_BOXED,
    TAG_PRIMARY_HEADER, TAG_PRIMARY_LIST, TAG_PRIMARY_MASK,
};

#[inline]
fn is_pointer(w: u64) -> bool {
    let t = w & TAG_PRIMARY_MASK;
    t == TAG_PRIMARY_LIST || t == TAG_PRIMARY_BOXED
}

/// The bytes a sub-binary at `p` covers in its heap binary original, as
/// (first byte, byte count, bit offset in the first byte, bits), or None
/// when `p` is not a sub-binary of a heap binary.
///
/// # Safety
/// `p` points at a valid boxed object.
#[inline]
unsafe fn heap_sub(p: *const u64) -> Option<(usize, usize, usize, usize)> {
    let h = *p;
    if header_subtag(h) != HDR_SUB_BIN {
        return None;
    }
    let orig = *p.add(4);
    let op = (orig - TAG_PRIMARY_BOXED) as *const u64;
    if header_subtag(*op) != HDR_HEAP_BIN {
        return None;
    }
    let (bits, off) = (*p.add(1) as usize, *p.add(2) as usize);
    let bit_off = off % 8;
    Some((off / 8, (bit_off + bits).div_ceil(8), bit_off, bits))
}

/// Words of the copy of the object at `p` (not counting subterms).
///
/// # Safety
/// `p` points at a valid boxed object.
#[inline]
unsafe fn boxed_words(p: *const u64) -> usize {
    match heap_sub(p) {
        Some((_, n, bit_off, bits)) if bit_off == 0 && bits % 8 == 0 => heap_bin_words(n),
        Some((_, n, _, _)) => heap_bin_words(n) + SUB_BIN_WORDS,
        None => 1 + header_arity(*p),
    }
}

/// Words needed for the flat copy of `t` (0 for immediates).
pub fn size(t: Term) -> usize {
    let mut n = 0usize;
    // Inline room for the subterms of most objects: no heap allocation
    // per insert.
    let mut todo: smallvec::SmallVec<[u64; 16]> = smallvec::SmallVec::new();
    let mut next = Some(t.raw());
    while let Some(mut w) = next.take().or_else(|| todo.pop()) {
        loop {
            match w & TAG_PRIMARY_MASK {
                TAG_PRIMARY_LIST => {
                    let p = (w - TAG_PRIMARY_LIST) as *const u64;
                    // SAFETY: a list term points at a valid cons cell.
                    let (h, tl) = unsafe { (*p, *p.add(1)) };
                    n += 2;
                    if is_pointer(h) {
                        todo.push(h);
                    }
                    w = tl;
                }
                TAG_PRIMARY_BOXED => {
                    let p = (w - TAG_PRIMARY_BOXED) as *const u64;
                    // SAFETY: a boxed term points at a valid object whose
                    // header gives its size and term fields.
                    unsafe {
                        n += boxed_words(p);
                        if heap_sub(p).is_some() {
                            // Its original is not copied.
                            break;
                        }
                        let (first, count) = term_fields(*p);
                        for i in 0..count {
                            let e = *p.add(1 + first + i);
                            if is_pointer(e) {
                                todo.push(e);
                            }
                        }
                    }
                    break;
                }
                _ => break,
            }
        }
    }
    n
}

/// Copies the object `w` points at (shallowly) to `*dst`, advancing it;
/// immediates come back unchanged. A sub-binary of a heap binary becomes
/// a heap binary of its bytes (and a sub-binary over that one when it is
/// not whole bytes), complete: its original is not visited.
///
/// # Safety
/// `w` is a valid term and `*dst` has room for `boxed_words` of it.
#[inline]
unsafe fn shallow(w: u64, dst: &mut *mut u64) -> u64 {
    match w & TAG_PRIMARY_MASK {
        TAG_PRIMARY_LIST => {
            let p = (w - TAG_PRIMARY_LIST) as *const u64;
            let n = *dst;
            std::ptr::copy_nonoverlapping(p, n, 2);
            *dst = n.add(2);
            n as u64 | TAG_PRIMARY_LIST
        }
        TAG_PRIMARY_BOXED => {
            let p = (w - TAG_PRIMARY_BOXED) as *const u64;
            if let Some((from, n, bit_off, bits)) = heap_sub(p) {
                let orig = (*p.add(4) - TAG_PRIMARY_BOXED) as *const u64;
                let src = (orig.add(2) as *const u8).add(from);
                let hb = *dst;
                let bin = write_heap_bin(hb, n);
                std::ptr::copy_nonoverlapping(src, hb.add(2) as *mut u8, n);
                *dst = hb.add(heap_bin_words(n));
                if bit_off == 0 && bits % 8 == 0 {
                    return bin.raw();
                }
                let sb = *dst;
                *dst = sb.add(SUB_BIN_WORDS);
                return write_sub_bin(sb, bin, bit_off, bits, 0).raw();
            }
            let size = 1 + header_arity(*p);
            let n = *dst;
            std::ptr::copy_nonoverlapping(p, n, size);
            *dst = n.add(size);
            n as u64 | TAG_PRIMARY_BOXED
        }
        _ => w,
    }
}

/// Copies `t` into the memory at `*dst`, advancing `*dst` by exactly
/// `size(t)` words, and returns the copy (a Cheney scan without
/// forwarding, as `gc::copy::copy_term`).
///
/// # Safety
/// `t` is a valid term and `*dst` points at `size(t)` writable words that
/// do not overlap any part of `t`.
pub unsafe fn copy(t: Term, dst: &mut *mut u64) -> Term {
    if !is_pointer(t.raw()) {
        return t;
    }
    let start = *dst;
    let root = shallow(t.raw(), dst);
    let mut s = start;
    while s < *dst {
        let w = *s;
        if w & TAG_PRIMARY_MASK == TAG_PRIMARY_HEADER {
            on_copied(s, w);
            let (first, count) = term_fields(w);
            for i in 0..count {
                let f = s.add(1 + first + i);
                // A sub-binary written by `shallow` already points at its
                // new heap binary inside the copy.
                let inside = (*f & !TAG_PRIMARY_MASK) as *mut u64;
                if is_pointer(*f) && inside >= start && inside < *dst {
                    continue;
                }
                *f = shallow(*f, dst);
            }
            s = s.add(1 + header_arity(w));
        } else {
            *s = shallow(*s, dst);
            *s.add(1) = shallow(*s.add(1), dst);
            s = s.add(2);
        }
    }
    Term(root)
}
