//! Constants a compiled match spec owns: each boxed constant of the spec
//! (a pattern literal, a `{const, T}`, a literal in a guard or body) is
//! flat-copied once into a buffer of its own, off any process heap, so a
//! `CompiledMs` can outlive the process that compiled it and be shared
//! between schedulers. Refc binaries inside take a reference when copied
//! (`copy_term`) and give it back when the pool is dropped.

use crate::copy::{copy_term, size_of};
use crate::term::{header_arity, header_subtag, Term, HDR_REFC_BIN, TAG_PRIMARY_HEADER};
use crate::term::TAG_PRIMARY_MASK;

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

/// Gives back the buffer reference of every ProcBin in a `copy_term`
/// region (a sequence of whole objects and cons cells).
fn release_region(b: &mut [u64]) {
    let mut i = 0;
    while i < b.len() {
        let w = b[i];
        if w & TAG_PRIMARY_MASK == TAG_PRIMARY_HEADER {
            if header_subtag(w) == HDR_REFC_BIN && i + 2 < b.len() {
                // SAFETY: a ProcBin copied by `copy_term` took one count on
                // its buffer (word 2), which this region owns.
                unsafe { crate::binary::layout::BinBuf::release(b[i + 2] as *mut _) };
            }
            i += 1 + header_arity(w);
        } else {
            i += 2;
        }
    }
}
