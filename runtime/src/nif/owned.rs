//! A term kept off every process heap by a NIF resource (erl's
//! `enif_make_copy` into a private environment): the zlib stream's stash.
//! The copy is flat; the refc binaries and magic references inside take a
//! count when copied and give it back when the owner is dropped.

use crate::gc::copy::{copy_term, size_of};
use crate::heap::ctx::Ctx;
use crate::term::{header_arity, Term, TAG_PRIMARY_HEADER, TAG_PRIMARY_MASK};

pub struct OwnedTerm {
    buf: Box<[u64]>,
    term: Term,
}

// SAFETY: the term is an immediate or points only into `buf` (`copy_term`
// copies literals too), and the counts it holds are atomic, so the owner
// may move between threads.
unsafe impl Send for OwnedTerm {}
// SAFETY: shared access only reads the buffer.
unsafe impl Sync for OwnedTerm {}

impl OwnedTerm {
    /// A private copy of `t`.
    pub fn new(t: Term) -> OwnedTerm {
        let n = size_of(t);
        let mut buf = vec![0u64; n].into_boxed_slice();
        let mut dst = buf.as_mut_ptr();
        // SAFETY: the buffer is fresh, holds exactly `size_of(t)` words and
        // cannot overlap `t`.
        let term = unsafe { copy_term(t, &mut dst) };
        OwnedTerm { buf, term }
    }

    /// A copy on the heap of the process bound to `ctx`.
    pub fn to_heap(&self, ctx: &mut Ctx) -> Term {
        let n = self.buf.len();
        if n == 0 {
            return self.term;
        }
        let p = ctx.alloc(n);
        let mut dst = p;
        // SAFETY: `p` has `n` fresh words, the flat size of the stored
        // term; the copy's refc binaries are registered with the process.
        unsafe {
            let r = copy_term(self.term, &mut dst);
            crate::data::binary::layout::register_region(ctx.process(), p, n);
            r
        }
    }
}

impl Drop for OwnedTerm {
    fn drop(&mut self) {
        let b = &mut self.buf;
        let mut i = 0;
        while i < b.len() {
            let w = b[i];
            if w & TAG_PRIMARY_MASK == TAG_PRIMARY_HEADER {
                // SAFETY: the object at `i` was copied here by `copy_term`,
                // which took the count this buffer owns.
                unsafe { crate::data::binary::layout::release_owned(b.as_mut_ptr().add(i), w) };
                i += 1 + header_arity(w);
            } else {
                i += 2;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::data::binary::build::make_binary;
    use crate::data::binary::layout::{proc_bin_buf, BinBuf};
    use crate::data::build::make_tuple;

    #[test]
    fn keeps_a_count_of_shared_binaries_until_dropped() {
        let mut tp = crate::testutil::TestProc::new();
        let ctx = tp.ctx();
        let big = make_binary(ctx, &[9u8; 200]);
        let t = make_tuple(ctx, &[big, Term::small(5)]);
        // SAFETY: a refc binary (over 64 bytes).
        let refs = || unsafe { BinBuf::refs(proc_bin_buf(big)) };
        let before = refs();
        let o = OwnedTerm::new(t);
        assert_eq!(refs(), before + 1);
        let back = o.to_heap(ctx);
        assert!(crate::data::compare::eq_exact(back, t));
        assert_eq!(refs(), before + 2);
        drop(o);
        assert_eq!(refs(), before + 1);
        // Immediates need no buffer.
        let i = OwnedTerm::new(Term::small(7));
        assert_eq!(i.to_heap(ctx), Term::small(7));
    }
}
