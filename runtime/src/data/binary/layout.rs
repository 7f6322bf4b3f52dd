//! Object layouts of binaries, off-heap buffers and match states, and the
//! bookkeeping that releases off-heap buffers (see docs/ARCHITECTURE.md).
//!
//! * heap binary, at most `HEAP_BIN_LIMIT` bytes:
//!   `[hdr(HDR_HEAP_BIN, 1 + ceil(n/8))] [n] [bytes, zero padded...]`
//! * refc binary (a "ProcBin"): `[hdr(HDR_REFC_BIN, 2)] [n] [*mut BinBuf]`;
//!   the buffer is shared (one reference count per ProcBin object).
//! * sub-binary: `[hdr(HDR_SUB_BIN, 4)] [size in bits] [offset in bits]
//!   [flags] [orig]`, `orig` a heap or refc binary (never another sub).
//!   Every bitstring whose size is not whole bytes is a sub-binary.
//! * match state: `[hdr(HDR_MATCHSTATE, 3)] [orig] [position in bits]
//!   [end in bits]`, `orig` a heap or refc binary.
//!
//! Ownership of buffer references: each ProcBin object owns one count.
//! ProcBins a process creates are listed in `Process::off_heap`; the GC
//! rebuilds that list from the ProcBins it copies and releases the count of
//! every listed ProcBin it did not copy (`gc_release`). ProcBins copied into
//! a message fragment take a count of their own (`on_copied`) and join the
//! receiver's list when the message reaches its heap.

use crate::heap::process::Process;
use crate::term::{
    header_arity, header_subtag, make_header, Term, HDR_HEAP_BIN, HDR_MATCHSTATE, HDR_REFC_BIN,
    HDR_SUB_BIN, TAG_PRIMARY_BOXED, TAG_PRIMARY_HEADER, TAG_PRIMARY_MASK,
};
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};

/// Largest binary stored on the process heap (BEAM's ERL_ONHEAP_BIN_LIMIT).
pub const HEAP_BIN_LIMIT: usize = 64;
/// Words of a ProcBin, a sub-binary and a match state (with the header).
pub const PROC_BIN_WORDS: usize = 3;
pub const SUB_BIN_WORDS: usize = 5;
pub const MATCH_STATE_WORDS: usize = 4;
/// Sub-binary flag: the binary may be appended to in place.
pub const SUB_WRITABLE: u64 = 1;
/// Byte offset of `BinBuf::data` (generated code reads bytes through it).
pub const BIN_BUF_DATA_OFFSET: usize = std::mem::offset_of!(BinBuf, data);
pub const BIN_BUF_CAP_OFFSET: usize = std::mem::offset_of!(BinBuf, cap);
pub const BIN_BUF_USED_OFFSET: usize = std::mem::offset_of!(BinBuf, used_bits);

/// Words of a heap binary of `n` bytes.
#[inline]
pub const fn heap_bin_words(n: usize) -> usize {
    2 + n.div_ceil(8)
}

/// Bytes held by live off-heap buffers (payload plus the `BinBuf` record):
/// `erlang:memory(binary)`. One relaxed add per allocation, free or growth
/// (each already pays a malloc call).
static LIVE_BYTES: AtomicUsize = AtomicUsize::new(0);

/// Bytes held by live off-heap binary buffers.
pub fn live_bytes() -> usize {
    LIVE_BYTES.load(Ordering::Relaxed)
}

/// An off-heap buffer. `used_bits` is how much of it a writable
/// sub-binary covers; only the process holding that sub-binary touches it.
#[repr(C)]
pub struct BinBuf {
    refc: AtomicUsize,
    pub cap: usize,
    pub used_bits: AtomicU64,
    pub data: *mut u8,
}

impl BinBuf {
    /// A new buffer of `cap` zeroed bytes with reference count 1.
    pub fn new(cap: usize) -> *mut BinBuf {
        let v = vec![0u8; cap.max(1)].into_boxed_slice();
        let data = Box::into_raw(v) as *mut u8;
        LIVE_BYTES.fetch_add(
            cap.max(1) + std::mem::size_of::<BinBuf>(),
            Ordering::Relaxed,
        );
        Box::into_raw(Box::new(BinBuf {
            refc: AtomicUsize::new(1),
            cap,
            used_bits: AtomicU64::new(0),
            data,
        }))
    }

    /// Adds a reference.
    /// # Safety
    /// `b` must be a live buffer.
    pub unsafe fn retain(b: *mut BinBuf) {
        (*b).refc.fetch_add(1, Ordering::Relaxed);
    }

    /// Drops a reference, freeing the buffer with the last one.
    /// # Safety
    /// `b` must be a live buffer and the caller must own one reference.
    pub unsafe fn release(b: *mut BinBuf) {
        if (*b).refc.fetch_sub(1, Ordering::AcqRel) == 1 {
            let cap = (*b).cap.max(1);
            LIVE_BYTES.fetch_sub(cap + std::mem::size_of::<BinBuf>(), Ordering::Relaxed);
            let data = std::ptr::slice_from_raw_parts_mut((*b).data, cap);
            drop(Box::from_raw(data));
            drop(Box::from_raw(b));
        }
    }

    /// Drops one reference to each buffer in `bufs` (raw pointers, as a
    /// freed literal chunk returns them: `term::literal::Chunk::free`).
    /// # Safety
    /// Each must be a live buffer of which the caller owns one reference.
    pub unsafe fn release_all(bufs: &[u64]) {
        for &b in bufs {
            BinBuf::release(b as *mut BinBuf);
        }
    }

    /// Grows the buffer's bytes to `new_cap` (zeroing the new part),
    /// possibly moving them. Only for a buffer that nothing else reads:
    /// the caller holds its only reference.
    /// # Safety
    /// `b` must be live with reference count 1, `new_cap > cap`.
    pub unsafe fn grow(b: *mut BinBuf, new_cap: usize) {
        let old = (*b).cap.max(1);
        // SAFETY: `data` was allocated as a boxed slice of `old` bytes,
        // i.e. with `Layout::array::<u8>(old)`.
        let layout = std::alloc::Layout::array::<u8>(old).expect("buffer size");
        let p = std::alloc::realloc((*b).data, layout, new_cap);
        if p.is_null() {
            std::alloc::handle_alloc_error(layout);
        }
        std::ptr::write_bytes(p.add(old), 0, new_cap - old);
        (*b).data = p;
        LIVE_BYTES.fetch_add(new_cap - old, Ordering::Relaxed);
        (*b).cap = new_cap;
    }

    /// Current reference count (tests and `referenced_byte_size`).
    /// # Safety
    /// `b` must be a live buffer.
    pub unsafe fn refs(b: *const BinBuf) -> usize {
        (*b).refc.load(Ordering::Relaxed)
    }
}

// ---- writers: each fills `p`, which must have room for the object ----

/// Writes a heap binary header for `n` bytes (payload zeroed) at `p`.
/// # Safety
/// `p` must point at `heap_bin_words(n)` writable words.
pub unsafe fn write_heap_bin(p: *mut u64, n: usize) -> Term {
    let words = heap_bin_words(n);
    *p = make_header(words - 1, HDR_HEAP_BIN);
    *p.add(1) = n as u64;
    for i in 2..words {
        *p.add(i) = 0;
    }
    Term::boxed_from_ptr(p)
}

/// Writes a ProcBin of `n` bytes over `buf` (taking over one reference).
/// # Safety
/// `p` must point at `PROC_BIN_WORDS` writable words.
pub unsafe fn write_proc_bin(p: *mut u64, n: usize, buf: *mut BinBuf) -> Term {
    *p = make_header(PROC_BIN_WORDS - 1, HDR_REFC_BIN);
    *p.add(1) = n as u64;
    *p.add(2) = buf as u64;
    Term::boxed_from_ptr(p)
}

/// Writes a sub-binary of `bits` bits at bit `offset` of `orig`.
/// # Safety
/// `p` must point at `SUB_BIN_WORDS` writable words; `orig` must be a heap
/// or refc binary covering the range.
pub unsafe fn write_sub_bin(
    p: *mut u64,
    orig: Term,
    offset: usize,
    bits: usize,
    flags: u64,
) -> Term {
    *p = make_header(SUB_BIN_WORDS - 1, HDR_SUB_BIN);
    *p.add(1) = bits as u64;
    *p.add(2) = offset as u64;
    *p.add(3) = flags;
    *p.add(4) = orig.raw();
    Term::boxed_from_ptr(p)
}

/// Writes a match state over `orig` bits `[pos, end)`.
/// # Safety
/// `p` must point at `MATCH_STATE_WORDS` writable words; `orig` must be a
/// heap or refc binary covering the range.
pub unsafe fn write_match_state(p: *mut u64, orig: Term, pos: usize, end: usize) -> Term {
    *p = make_header(MATCH_STATE_WORDS - 1, HDR_MATCHSTATE);
    *p.add(1) = orig.raw();
    *p.add(2) = pos as u64;
    *p.add(3) = end as u64;
    Term::boxed_from_ptr(p)
}

// ---- field access ----

/// The buffer of a ProcBin.
/// # Safety
/// `t` must be a refc binary.
#[inline]
pub unsafe fn proc_bin_buf(t: Term) -> *mut BinBuf {
    *t.boxed_ptr().add(2) as *mut BinBuf
}

/// Word `i` (1-based payload index) of a boxed object.
/// # Safety
/// `t` must be boxed with at least `i` payload words.
#[inline]
pub unsafe fn word(t: Term, i: usize) -> u64 {
    *t.boxed_ptr().add(i)
}

/// Sets word `i` of a boxed object.
/// # Safety
/// As `word`; the object must be writable (not a literal).
#[inline]
pub unsafe fn set_word(t: Term, i: usize, v: u64) {
    *t.boxed_ptr().add(i) = v;
}

// ---- off-heap bookkeeping ----

/// Registers the ProcBin at `p` (just created by the running process) in
/// the process's off-heap list.
/// # Safety
/// `proc_` must be the process whose heap or fragments hold `p`.
pub unsafe fn register(proc_: *mut Process, p: *mut u64) {
    if !proc_.is_null() {
        (*proc_).off_heap.push(p);
        if header_subtag(*p) == HDR_REFC_BIN {
            (*proc_).note_binary(*p.add(1));
        }
    }
}

/// Visits every object in `[start, start + words)`, a region made only of
/// whole objects (a `copy_term` result): `f(addr, header)` for headed
/// objects.
/// # Safety
/// The region must hold exactly a sequence of valid objects.
unsafe fn for_each_object(start: *mut u64, words: usize, mut f: impl FnMut(*mut u64, u64)) {
    let end = start.add(words);
    let mut s = start;
    while s < end {
        let w = *s;
        if w & TAG_PRIMARY_MASK == TAG_PRIMARY_HEADER {
            f(s, w);
            s = s.add(1 + header_arity(w));
        } else {
            s = s.add(2);
        }
    }
}

/// Registers every ProcBin in a region written by `copy_term` into the
/// heap (or a heap fragment) of `p`, counting refc binaries against its
/// binary virtual heap (the caller with a context then calls
/// `Ctx::check_vheap`).
/// # Safety
/// As `for_each_object`; the region belongs to `p`.
pub unsafe fn register_region(p: &mut Process, start: *mut u64, words: usize) {
    for_each_object(start, words, |s, h| {
        if header_subtag(h) == HDR_REFC_BIN {
            p.off_heap.push(s);
            p.note_binary(*s.add(1));
        } else if crate::data::resource::is_magic_header(h) {
            p.off_heap.push(s);
        }
    });
}

/// Gives back the off-heap counts (refc binaries, magic references) held
/// by the objects of a `copy_term` region that is being freed unread.
/// # Safety
/// As `for_each_object`; nothing refers to the region afterwards.
pub unsafe fn release_region(start: *mut u64, words: usize) {
    for_each_object(start, words, |s, h| release_owned(s, h));
}

/// Hook for `copy_term`: the object at `s` with header `h` was just copied
/// into a new heap or message. A ProcBin copy takes a reference; a
/// sub-binary copy is never writable (only one writer per buffer).
/// # Safety
/// `s` must point at the copied object.
#[inline]
pub unsafe fn on_copied(s: *mut u64, h: u64) {
    match header_subtag(h) {
        HDR_REFC_BIN => BinBuf::retain(*s.add(2) as *mut BinBuf),
        HDR_SUB_BIN => *s.add(3) &= !SUB_WRITABLE,
        _ if crate::data::resource::is_magic_header(h) => crate::data::resource::retain(s),
        _ => {}
    }
}

/// After a GC pass: every ProcBin of `old` (the off-heap list before the
/// pass, all in from-space) that was not copied is dead: release its
/// reference. Copied ones have a forwarding pointer for a header.
/// # Safety
/// Every entry of `old` must point at a ProcBin in from-space, still
/// mapped.
pub unsafe fn gc_release(old: &[*mut u64]) {
    for &p in old {
        let h = *p;
        if h & TAG_PRIMARY_MASK == TAG_PRIMARY_BOXED {
            continue; // moved; its copy is on the new list
        }
        release_owned(p, h);
    }
}

/// Gives back the off-heap count the object at `s` (header `h`) owns: a
/// ProcBin's buffer reference or a magic reference's resource
/// (`data::resource`); other objects own none.
/// # Safety
/// `s` must point at a live object with header `h` that still owns its
/// count; it must not be used as a term afterwards.
#[inline]
pub unsafe fn release_owned(s: *mut u64, h: u64) {
    if header_subtag(h) == HDR_REFC_BIN {
        BinBuf::release(*s.add(2) as *mut BinBuf);
    } else if crate::data::resource::is_magic_header(h) {
        crate::data::resource::release(s);
    }
}

/// Releases every reference a dying process holds: its off-heap list and
/// the ProcBins in its unreceived messages.
impl Drop for Process {
    fn drop(&mut self) {
        // SAFETY: the list holds ProcBins in this process's block and
        // fragments, which are still alive while `drop` runs; message
        // fragments are exact `copy_term` regions.
        unsafe {
            gc_release(&std::mem::take(&mut self.off_heap));
            let release_frag = |f: &mut Vec<u64>| {
                for_each_object(f.as_mut_ptr(), f.len(), |s, h| release_owned(s, h))
            };
            for m in self.msgq.iter_mut() {
                if let Some(f) = m.frag.as_mut() {
                    release_frag(f);
                }
            }
            if let Ok(mut q) = self.inbox.lock() {
                for m in q.iter_mut() {
                    if let Some(f) = m.frag.as_mut() {
                        release_frag(f);
                    }
                }
            }
        }
    }
}

/// True for the subtags of binary objects (not match states).
#[inline]
pub fn is_bin_subtag(s: u64) -> bool {
    s == HDR_HEAP_BIN || s == HDR_REFC_BIN || s == HDR_SUB_BIN
}
