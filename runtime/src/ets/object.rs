//! Objects stored in table memory: a term flattened into a buffer of its
//! own, off every process heap. The buffer is exactly what `copy_term`
//! writes (a sequence of whole objects), so its internal pointers point
//! into the buffer itself, which never moves (a boxed slice). Refc
//! binaries are not copied: the copy takes a buffer reference
//! (`binary::layout::on_copied`), released when the object is dropped.

use crate::data::binary::layout::{on_copied, BinBuf};
use crate::gc::copy::{copy_term, size_of};
use crate::gc::term_fields;
use crate::heap::ctx::Ctx;
use crate::term::{
    header_arity, header_subtag, Term, HDR_FLOAT, HDR_HEAP_BIN, HDR_NEG_BIG, HDR_POS_BIG,
    HDR_REFC_BIN, HDR_SUB_BIN, TAG_PRIMARY_BOXED, TAG_PRIMARY_HEADER, TAG_PRIMARY_IMMED1,
    TAG_PRIMARY_LIST, TAG_PRIMARY_MASK,
};
use std::alloc::Layout;
use std::num::NonZeroU64;

/// The allocation's first word holds the buffer's length in its low
/// `LEN_BITS` bits; above them an ordered_set keeps the object's 0-based
/// key position (`set_key_index`), so that its B-tree can read the key
/// of an object without knowing the table (tree.rs). Tuples have fewer
/// than 2^24 elements.
const LEN_BITS: u32 = 40;
pub(super) const LEN_MASK: u64 = (1 << LEN_BITS) - 1;

/// Words of bookkeeping per object, counted in `memory` (BEAM's
/// DbTerm header plus the hash link, roughly).
pub const OBJ_OVERHEAD: usize = 4;

/// A term owned by a table, in one machine word (so that a hash bucket
/// holds two entries in a cache line).
///
/// An immediate is the word itself (primary tag `0b11`). Anything else is
/// an allocation `[n] [n words of copy_term output]`, the root object
/// first, and the word is the allocation's address (8-aligned) with the
/// root's primary tag (list or boxed) in its low bits.
#[repr(transparent)]
pub struct Stored {
    raw: NonZeroU64,
}

// SAFETY: the buffer is owned and never shared mutably; terms inside it
// are only read. Refc binary buffers are reference counted atomically.
unsafe impl Send for Stored {}
unsafe impl Sync for Stored {}

fn buf_layout(n: usize) -> Layout {
    match Layout::array::<u64>(n + 1) {
        Ok(l) => l,
        Err(_) => std::alloc::handle_alloc_error(Layout::new::<u64>()),
    }
}

impl Stored {
    /// Copies `t` (anywhere: a heap, a fragment, a literal) into a new
    /// buffer.
    pub fn new(t: Term) -> Stored {
        if let Some(s) = Stored::new_shallow_tuple(t) {
            return s;
        }
        let n = super::flat::size(t);
        if n == 0 {
            // Immediates only: never NON_VALUE (0), and their tag keeps
            // them apart from the pointer form.
            debug_assert!(t.is_immed());
            return Stored {
                raw: NonZeroU64::new(t.raw()).unwrap_or(NonZeroU64::MIN),
            };
        }
        let layout = buf_layout(n);
        // SAFETY: the layout has a non-zero size (n + 1 words).
        let base = unsafe { std::alloc::alloc(layout) } as *mut u64;
        if base.is_null() {
            std::alloc::handle_alloc_error(layout);
        }
        // SAFETY: `base` has n + 1 fresh words; `flat::copy` writes exactly
        // `flat::size(t)` = n of them after the length word, starting with
        // the root, and cannot overlap `t`.
        let root = unsafe {
            *base = n as u64;
            let mut dst = base.add(1);
            super::flat::copy(t, &mut dst)
        };
        let tag = root.raw() & TAG_PRIMARY_MASK;
        debug_assert!(tag == TAG_PRIMARY_LIST || tag == TAG_PRIMARY_BOXED);
        Stored {
            raw: NonZeroU64::new(base as u64 | tag).unwrap_or(NonZeroU64::MIN),
        }
    }

    /// Stores the tuple `t` (key at 1-based `keypos`, within its arity)
    /// as a compressed table does (`super::compress`): tagged `0b00`.
    pub fn new_compressed(t: Term, keypos: usize) -> Stored {
        let plan = super::compress::Plan::new(t, keypos);
        let n = plan.words();
        let layout = buf_layout(n);
        // SAFETY: the layout has n + 1 > 0 words.
        let base = unsafe { std::alloc::alloc(layout) } as *mut u64;
        if base.is_null() {
            std::alloc::handle_alloc_error(layout);
        }
        // SAFETY: `base` has the length word and the plan's n words.
        unsafe {
            *base = n as u64;
            plan.write(base.add(1));
        }
        Stored {
            raw: NonZeroU64::new(base as u64).unwrap_or(NonZeroU64::MIN),
        }
    }

    /// Whether the object is stored compressed (its non-key elements
    /// must be decoded: `with_term`, `elem_to_heap`, `to_heap`).
    #[inline]
    pub fn is_compressed(&self) -> bool {
        self.raw.get() & TAG_PRIMARY_MASK == 0
    }

    /// The buffer's first word (the tuple's header) of a compressed object.
    #[inline]
    fn comp_buf(&self) -> *mut u64 {
        (self.raw.get() + 8) as *mut u64
    }

    /// Calls `f` with the object as a term that can be read in place: the
    /// stored term, or for a compressed object its decoded view (valid
    /// during the call only; anything kept must be copied out).
    #[inline]
    pub fn with_term<R>(&self, f: impl FnOnce(Term) -> R) -> R {
        if !self.is_compressed() {
            return f(self.term());
        }
        super::compress::with_arena(|a| {
            // SAFETY: the buffer lives as long as `self`, past the call.
            f(unsafe { super::compress::view(self.comp_buf(), a) })
        })
    }

    /// Element `i` (0-based, within the arity) copied onto the heap of the
    /// process bound to `ctx` (decoded if the object is compressed).
    pub fn elem_to_heap(&self, ctx: &mut Ctx, i: usize) -> Term {
        if !self.is_compressed() {
            return term_to_heap(ctx, self.elem(i));
        }
        super::compress::with_arena(|a| {
            // SAFETY: as in `with_term`.
            let e = unsafe { super::compress::elem(self.comp_buf(), i, a) };
            term_to_heap(ctx, e)
        })
    }

    /// The usual object, a tuple whose elements are immediates or leaf
    /// objects (heap binaries, bignums, floats: no terms inside, nothing
    /// shared), copied in one pass over its elements: the buffer is
    /// exactly what `flat::copy` writes (the tuple, then each leaf in
    /// element order), without `flat::size`'s and `flat::copy`'s walks.
    /// None for any other term.
    fn new_shallow_tuple(t: Term) -> Option<Stored> {
        /// Longer tuples take the general path (bounded work here).
        const MAX_ARITY: usize = 16;
        if !t.is_tuple() {
            return None;
        }
        let p = t.boxed_ptr() as *const u64;
        // SAFETY: `t` is a tuple: its header, then `arity` elements; a
        // boxed element points at a valid object with its header.
        let leaf_words = |e: u64| -> Option<usize> {
            match e & TAG_PRIMARY_MASK {
                TAG_PRIMARY_IMMED1 => Some(0),
                TAG_PRIMARY_BOXED => {
                    let h = unsafe { *((e - TAG_PRIMARY_BOXED) as *const u64) };
                    match header_subtag(h) {
                        HDR_HEAP_BIN | HDR_POS_BIG | HDR_NEG_BIG | HDR_FLOAT => {
                            Some(1 + header_arity(h))
                        }
                        _ => None,
                    }
                }
                _ => None,
            }
        };
        let arity = header_arity(unsafe { *p });
        if arity > MAX_ARITY {
            return None;
        }
        let mut n = 1 + arity;
        for i in 1..=arity {
            n += leaf_words(unsafe { *p.add(i) })?;
        }
        let layout = buf_layout(n);
        // SAFETY: the layout has n + 1 > 0 words.
        let base = unsafe { std::alloc::alloc(layout) } as *mut u64;
        if base.is_null() {
            std::alloc::handle_alloc_error(layout);
        }
        // SAFETY: `base` has n + 1 fresh words: the length, the tuple's
        // 1 + arity words, then the leaves' words, n in all as summed
        // above; sources are the tuple and its leaves, elsewhere.
        unsafe {
            *base = n as u64;
            let tup = base.add(1);
            std::ptr::copy_nonoverlapping(p, tup, 1 + arity);
            let mut at = tup.add(1 + arity);
            for i in 1..=arity {
                let e = *p.add(i);
                if e & TAG_PRIMARY_MASK == TAG_PRIMARY_BOXED {
                    let src = (e - TAG_PRIMARY_BOXED) as *const u64;
                    let size = 1 + header_arity(*src);
                    std::ptr::copy_nonoverlapping(src, at, size);
                    *tup.add(i) = at as u64 | TAG_PRIMARY_BOXED;
                    at = at.add(size);
                }
            }
            debug_assert_eq!(at, tup.add(n));
        }
        Some(Stored {
            raw: NonZeroU64::new(base as u64 | TAG_PRIMARY_BOXED).unwrap_or(NonZeroU64::MIN),
        })
    }

    /// The object's word, given up (`from_raw` takes it back).
    #[inline]
    pub(super) fn into_raw(self) -> NonZeroU64 {
        let r = self.raw;
        std::mem::forget(self);
        r
    }

    /// Takes back an object given up by `into_raw`.
    /// # Safety
    /// `raw` came from `into_raw` and is taken back once.
    #[inline]
    pub(super) unsafe fn from_raw(raw: NonZeroU64) -> Stored {
        Stored { raw }
    }

    /// The allocation's address, or None for an immediate.
    #[inline]
    fn base(&self) -> Option<*mut u64> {
        let r = self.raw.get();
        if r & TAG_PRIMARY_MASK == TAG_PRIMARY_IMMED1 {
            None
        } else {
            Some((r & !TAG_PRIMARY_MASK) as *mut u64)
        }
    }

    /// The buffer (the words after the length word).
    #[inline]
    fn buf(&self) -> &[u64] {
        match self.base() {
            // SAFETY: the allocation holds its length `n` and then n words,
            // alive as long as `self`.
            Some(b) => unsafe { std::slice::from_raw_parts(b.add(1), (*b & LEN_MASK) as usize) },
            None => &[],
        }
    }

    /// The stored term, read in place (never for a compressed object:
    /// see `with_term`).
    #[inline]
    pub fn term(&self) -> Term {
        debug_assert!(!self.is_compressed());
        let r = self.raw.get();
        if r & TAG_PRIMARY_MASK == TAG_PRIMARY_IMMED1 {
            Term(r)
        } else {
            // The root is the buffer's first word, one word past the base.
            Term(r + 8)
        }
    }

    /// Words this object takes in table memory.
    #[inline]
    pub fn words(&self) -> usize {
        self.buf().len() + OBJ_OVERHEAD
    }

    /// Element `i` (0-based) of a stored tuple.
    #[inline]
    ///
    /// Of a compressed object, only the key and immediates are terms: an
    /// encoded element reads as a header-tagged word (never equal to a
    /// term; `elem_to_heap` decodes it).
    pub fn elem(&self, i: usize) -> Term {
        // SAFETY: tables store only tuples, the buffer's first object (one
        // word past the allocation, both layouts), and callers check `i`
        // against the table's keypos, which every stored tuple covers.
        unsafe { Term(*((self.raw.get() & !TAG_PRIMARY_MASK) as *const u64).add(2 + i)) }
    }

    /// Records `i` as the object's 0-based key position (`key`).
    #[inline]
    pub fn set_key_index(&mut self, i: usize) {
        debug_assert!(i < self.arity() && i < 1 << (64 - LEN_BITS));
        // SAFETY: table objects are tuples: the allocation's first word is
        // the length word, which `&mut self` owns.
        unsafe {
            let b = (self.raw.get() & !TAG_PRIMARY_MASK) as *mut u64;
            *b = (*b & LEN_MASK) | (i as u64) << LEN_BITS;
        }
    }

    /// The key, at the position `set_key_index` recorded.
    #[inline]
    pub fn key(&self) -> Term {
        // SAFETY: as in `elem`; the position is within the arity.
        unsafe {
            let b = (self.raw.get() & !TAG_PRIMARY_MASK) as *const u64;
            Term(*b.add(2 + (*b >> LEN_BITS) as usize))
        }
    }

    #[inline]
    pub fn arity(&self) -> usize {
        // SAFETY: as in `elem`: the tuple's header.
        unsafe { header_arity(*((self.raw.get() & !TAG_PRIMARY_MASK) as *const u64).add(1)) }
    }

    /// Overwrites element `i` (0-based) of a stored tuple with an
    /// immediate (a counter update that stays small). The old element
    /// must be an immediate too: the buffer must stay exactly what the
    /// term reaches (`to_heap` copies into `buf.len()` words).
    pub fn set_elem_immediate(&mut self, i: usize, v: Term) {
        debug_assert!(v.is_immed() && i < self.arity() && self.elem(i).is_immed());
        // SAFETY: the stored tuple is the first object of `buf`, which
        // `&mut self` owns exclusively; `i` is within its arity (callers
        // check), and an immediate needs no memory of its own.
        unsafe {
            if let Some(b) = self.base() {
                *b.add(2 + i) = v.raw();
            }
        }
    }

    /// Asks the CPU to start loading the object's first words, so that
    /// copying several objects out overlaps their cache misses (the
    /// entry that holds this `Stored` already knows the size).
    #[inline]
    pub fn prefetch(&self) {
        #[cfg(target_arch = "x86_64")]
        // SAFETY: a prefetch is only a hint; it never faults, whatever the
        // address, and SSE is part of the x86_64 baseline.
        unsafe {
            use std::arch::x86_64::{_mm_prefetch, _MM_HINT_T0};
            _mm_prefetch::<_MM_HINT_T0>((self.raw.get() & !TAG_PRIMARY_MASK) as *const i8);
        }
    }

    /// `prefetch` of the object's first two cache lines (a tuple with a
    /// compound key usually crosses into the second), for traversals.
    #[inline]
    pub fn prefetch2(&self) {
        #[cfg(target_arch = "x86_64")]
        // SAFETY: as in `prefetch`: a hint that never faults.
        unsafe {
            use std::arch::x86_64::{_mm_prefetch, _MM_HINT_T0};
            let p = (self.raw.get() & !TAG_PRIMARY_MASK) as *const i8;
            _mm_prefetch::<_MM_HINT_T0>(p);
            _mm_prefetch::<_MM_HINT_T0>(p.wrapping_add(64));
        }
    }

    /// Words the object takes on a process heap when copied out (not
    /// for a compressed object, whose decoded size is not known).
    #[inline]
    pub fn heap_words(&self) -> usize {
        debug_assert!(!self.is_compressed());
        self.buf().len()
    }

    /// Calls `f(buffer, byte size)` for each refc binary the object
    /// shares (for `ets:info(T, binary)`).
    pub fn for_each_refc_bin(&self, f: &mut dyn FnMut(*const BinBuf, u64)) {
        if self.is_compressed() {
            // SAFETY: a compressed object's buffer, alive with `self`.
            return unsafe { super::compress::for_each_refc_bin(self.comp_buf(), f) };
        }
        let buf = self.buf();
        let mut s = buf.as_ptr();
        // SAFETY: the buffer is exactly a `copy_term` region (a sequence of
        // whole objects), as in `drop`; a ProcBin is [hdr] [size] [buf].
        unsafe {
            let end = s.add(buf.len());
            while s < end {
                let w = *s;
                if w & TAG_PRIMARY_MASK == TAG_PRIMARY_HEADER {
                    if header_subtag(w) == HDR_REFC_BIN {
                        f(*s.add(2) as *const BinBuf, *s.add(1));
                    }
                    s = s.add(1 + header_arity(w));
                } else {
                    s = s.add(2);
                }
            }
        }
    }

    /// Copies the object onto the heap of the process bound to `ctx`.
    pub fn to_heap(&self, ctx: &mut Ctx) -> Term {
        if self.is_compressed() {
            return self.with_term(|t| term_to_heap(ctx, t));
        }
        let n = self.buf().len();
        if n == 0 {
            return self.term();
        }
        let p = ctx.alloc(n);
        // SAFETY: `p` has `n` fresh words of the running process's heap.
        unsafe { self.copy_to(ctx, p) }
    }

    /// Copies the object to `dst` (`heap_words()` fresh words of the heap
    /// of the process bound to `ctx`) and returns the copy.
    ///
    /// The buffer is a flat `copy_term` region whose pointers all point
    /// into itself, so the copy is one `memcpy` and a pass that moves every
    /// pointer by the distance between the two regions (no size pass, no
    /// object-by-object traversal). The pass also takes a reference on
    /// each shared binary and lists it in the process's off-heap list.
    /// # Safety
    /// `dst` must be `heap_words()` writable words of that heap, not
    /// overlapping table memory.
    pub unsafe fn copy_to(&self, ctx: &mut Ctx, dst: *mut u64) -> Term {
        debug_assert!(!self.is_compressed());
        let buf = self.buf();
        let n = buf.len();
        if n == 0 {
            return self.term();
        }
        let src = buf.as_ptr();
        // A buffer holding only the tuple has nothing but immediates in
        // it (any boxed or list element would add words): copy the words.
        if header_arity(*src) + 1 == n {
            for i in 0..n {
                *dst.add(i) = *src.add(i);
            }
            return Term::boxed_from_ptr(dst);
        }
        std::ptr::copy_nonoverlapping(src, dst, n);
        let delta = (dst as u64).wrapping_sub(src as u64);
        let mv = |w: u64| {
            let t = w & TAG_PRIMARY_MASK;
            if t == TAG_PRIMARY_LIST || t == TAG_PRIMARY_BOXED {
                w.wrapping_add(delta)
            } else {
                w
            }
        };
        let mut s = dst;
        let end = dst.add(n);
        while s < end {
            let w = *s;
            if w & TAG_PRIMARY_MASK == TAG_PRIMARY_HEADER {
                let (first, count) = term_fields(w);
                for i in 0..count {
                    let f = s.add(1 + first + i);
                    *f = mv(*f);
                }
                if header_subtag(w) == HDR_REFC_BIN || crate::data::resource::is_magic_header(w) {
                    on_copied(s, w);
                    ctx.process().off_heap.push(s);
                } else if header_subtag(w) == HDR_SUB_BIN {
                    on_copied(s, w);
                }
                s = s.add(1 + header_arity(w));
            } else {
                // A cons cell (its head is a term, never a header word).
                *s = mv(*s);
                *s.add(1) = mv(*s.add(1));
                s = s.add(2);
            }
        }
        Term(mv(self.term().raw()))
    }
}

/// Copies `t` (of flat size `n`, as `size_of` counts it) onto the heap of
/// the process bound to `ctx`, registering the refc binaries it shares.
pub fn copy_out(ctx: &mut Ctx, t: Term, n: usize) -> Term {
    if n == 0 {
        return t;
    }
    let p = ctx.alloc(n);
    let mut dst = p;
    // SAFETY: `p` has `n` fresh words; the source is table memory or
    // another heap region, never the new words.
    unsafe {
        let r = copy_term(t, &mut dst);
        crate::data::binary::layout::register_region(ctx.process(), p, n);
        r
    }
}

/// Copies any term onto the process heap (for subterms of stored objects).
pub fn term_to_heap(ctx: &mut Ctx, t: Term) -> Term {
    let n = size_of(t);
    copy_out(ctx, t, n)
}

/// A key laid out as a stored one-element tuple with key position 0: a
/// search probe that a B-tree compares with stored objects as it compares
/// them with each other (`Stored::key` reads its key). It must stay in
/// place while `as_raw`'s word is in use.
pub struct KeyProbe {
    words: [u64; 3],
}

impl KeyProbe {
    #[inline]
    pub fn new(k: Term) -> KeyProbe {
        KeyProbe {
            words: [
                2,
                crate::term::make_header(1, crate::term::HDR_TUPLE),
                k.raw(),
            ],
        }
    }
    /// The word of a `Stored` over this probe (never to be dropped).
    #[inline]
    pub fn as_raw(&self) -> u64 {
        self.words.as_ptr() as u64 | TAG_PRIMARY_BOXED
    }
}

impl Drop for Stored {
    fn drop(&mut self) {
        // Each refc binary and resource the object holds gives back its
        // count (the copy took them: `flat::copy`, `compress::Plan`).
        if self.is_compressed() {
            // SAFETY: dropped once; the buffer is compressed.
            unsafe { super::compress::release(self.comp_buf()) };
        } else {
            let buf = self.buf();
            // SAFETY: the buffer is a region of whole objects owning one
            // count of each buffer and resource in it; dropped once.
            unsafe {
                crate::data::binary::layout::release_region(buf.as_ptr() as *mut u64, buf.len())
            };
        }
        if let Some(b) = self.base() {
            // SAFETY: `b` was allocated in `new` with the layout of its
            // recorded length, and is freed once, here.
            unsafe { std::alloc::dealloc(b as *mut u8, buf_layout((*b & LEN_MASK) as usize)) }
        }
    }
}
