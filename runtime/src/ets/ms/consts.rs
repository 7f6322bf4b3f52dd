//! Constants a compiled match spec owns: each boxed constant of the spec
//! (a pattern literal, a `{const, T}`, a literal in a guard or body) is
//! flat-copied once into a buffer of its own, off any process heap, so a
//! `CompiledMs` can outlive the process that compiled it and be shared
//! between schedulers. Refc binaries inside take a reference when copied
//! (`copy_term`) and give it back when the pool is dropped.

use crate::gc::copy::{copy_term, size_of};
use crate::term::{header_arity, Term, TAG_PRIMARY_HEADER, TAG_PRIMARY_MASK};

#[derive(Default)]
pub struct ConstPool {
    bufs: Vec<Box<[u64]>>,
}

impl ConstPool {
    /// `t` as a term the pool owns: immediates as they are, anything else
    /// copied into a new buffer.
    pub fn own(&mut self, t: Term) -> Term {
        let n = size_of(t);
        if n == 0 {
            return t;
        }
        let mut buf = vec![0u64; n].into_boxed_slice();
        let mut dst = buf.as_mut_ptr();
        // SAFETY: the buffer is fresh, holds exactly `size_of(t)` words and
        // cannot overlap `t`.
        let c = unsafe { copy_term(t, &mut dst) };
        self.bufs.push(buf);
        c
    }
}

impl Drop for ConstPool {
    fn drop(&mut self) {
        for b in &mut self.bufs {
            release_region(b);
        }
    }
}

/// Gives back the off-heap counts (refc binaries, magic references) of
/// the objects in a `copy_term` region (whole objects and cons cells).
fn release_region(b: &mut [u64]) {
    let mut i = 0;
    while i < b.len() {
        let w = b[i];
        if w & TAG_PRIMARY_MASK == TAG_PRIMARY_HEADER {
            // SAFETY: the object at `i` was copied into this region by
            // `copy_term`, which took the count this region owns.
            unsafe { crate::data::binary::layout::release_owned(b.as_mut_ptr().add(i), w) };
            i += 1 + header_arity(w);
        } else {
            i += 2;
        }
    }
}
