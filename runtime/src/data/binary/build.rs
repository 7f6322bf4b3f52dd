//! Building binaries: allocation of heap and refc binaries and
//! sub-binaries, and the engine of `bs_create_bin` with BEAM's
//! amortised-linear append (`<<Acc/binary, ...>>`) on writable binaries.

use super::bits::{BitWriter, F_LITTLE, F_NATIVE, F_SIGNED};
use super::build_fail::{precheck, size_bits, Fail, What};
use super::layout::{
    heap_bin_words, proc_bin_buf, register, set_word, word, write_heap_bin, write_proc_bin,
    write_sub_bin, BinBuf, HEAP_BIN_LIMIT, PROC_BIN_WORDS, SUB_BIN_WORDS, SUB_WRITABLE,
};
use super::{view, BitView};
use crate::heap::ctx::Ctx;
use crate::term::atom::am;
use crate::term::{Term, HDR_REFC_BIN, HDR_SUB_BIN};
use std::sync::atomic::Ordering;

/// Largest segment or binary size in bits we agree to build.
pub const MAX_BITS: u64 = 1 << 45;

/// Allocates a binary of `n` bytes (heap binary up to 64 bytes, else a
/// refc binary) and returns it with a pointer to its (zeroed) bytes.
pub fn alloc_binary(ctx: &mut Ctx, n: usize) -> (Term, *mut u8) {
    if n <= HEAP_BIN_LIMIT {
        let p = ctx.alloc(heap_bin_words(n));
        // SAFETY: `p` has room for the heap binary.
        let t = unsafe { write_heap_bin(p, n) };
        // SAFETY: the bytes start at word 2.
        (t, unsafe { p.add(2) } as *mut u8)
    } else {
        // SAFETY: a fresh buffer of n bytes, its reference handed over.
        unsafe { new_proc_bin(ctx, n, BinBuf::new(n)) }
    }
}

/// A ProcBin of `n` bytes over `buf` (taking its reference), registered
/// in the running process's off-heap list.
/// # Safety
/// `buf` must be a live buffer of at least `n` bytes whose reference the
/// caller hands over.
pub unsafe fn new_proc_bin(ctx: &mut Ctx, n: usize, buf: *mut BinBuf) -> (Term, *mut u8) {
    let p = ctx.alloc(PROC_BIN_WORDS);
    // SAFETY: `p` has room for a ProcBin; `buf` is live; the process is
    // the one running on `ctx`.
    unsafe {
        let t = write_proc_bin(p, n, buf);
        register(ctx.proc_, p);
        ctx.check_vheap();
        (t, (*buf).data)
    }
}

/// A binary holding `bytes`.
pub fn make_binary(ctx: &mut Ctx, bytes: &[u8]) -> Term {
    let (t, p) = alloc_binary(ctx, bytes.len());
    // SAFETY: `p` has room for the bytes.
    unsafe { std::ptr::copy_nonoverlapping(bytes.as_ptr(), p, bytes.len()) };
    t
}

/// A bitstring of the first `bits` bits of `bytes`.
pub fn make_bitstring(ctx: &mut Ctx, bytes: &[u8], bits: usize) -> Term {
    let n = bits.div_ceil(8);
    let (t, p) = alloc_binary(ctx, n);
    // SAFETY: `p` has room for n bytes; `bytes` holds at least `bits` bits.
    unsafe { std::ptr::copy_nonoverlapping(bytes.as_ptr(), p, n) };
    bitstring_tail(ctx, t, p, bits)
}

/// Finishes a new binary `t` (bytes at `p`) that holds `bits` bits: masks
/// the unused bits of a partial last byte and wraps it in a sub-binary
/// when `bits` is not whole bytes.
pub(super) fn bitstring_tail(ctx: &mut Ctx, t: Term, p: *mut u8, bits: usize) -> Term {
    if bits.is_multiple_of(8) {
        return t;
    }
    // SAFETY: the binary at `p` holds ceil(bits / 8) bytes.
    unsafe { *p.add(bits / 8) &= 0xffu8 << (8 - bits % 8) };
    make_sub_raw(ctx, t, 0, bits, 0)
}

/// A sub-binary over `orig` (a heap or refc binary).
fn make_sub_raw(ctx: &mut Ctx, orig: Term, off: usize, bits: usize, flags: u64) -> Term {
    let p = ctx.alloc(SUB_BIN_WORDS);
    // SAFETY: `p` has room for a sub-binary; `orig` covers the range.
    unsafe { write_sub_bin(p, orig, off, bits, flags) }
}

/// The `bits`-bit part of bitstring `t` starting at bit `start` (the
/// caller checked the range), sharing `t`'s bytes.
pub fn sub_bitstring(ctx: &mut Ctx, t: Term, start: usize, bits: usize) -> Term {
    // SAFETY: `t` is a bitstring, so boxed with a valid header.
    let (orig, base_off) = unsafe {
        if t.boxed_subtag() == HDR_SUB_BIN {
            (Term(word(t, 4)), word(t, 2) as usize)
        } else {
            (t, 0)
        }
    };
    if base_off + start == 0 && bits.is_multiple_of(8) {
        // SAFETY: `orig` is a heap or refc binary.
        let (_, n) = unsafe { super::base(orig) };
        if n * 8 == bits {
            return orig;
        }
    }
    make_sub_raw(ctx, orig, base_off + start, bits, 0)
}

/// Kinds of `bs_create_bin` segments.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SegKind {
    Integer,
    Float,
    Binary,
    Utf8,
    Utf16,
    Utf32,
    String,
    Append,
    PrivateAppend,
}

/// One segment of a `bs_create_bin` instruction, fixed at load time. Its
/// source and size terms are passed at run time.
#[derive(Clone, Debug)]
pub struct Seg {
    pub kind: SegKind,
    /// The segment's number in the source (from 1), for error_info: the
    /// compiler may merge or drop segments, so it is not the index.
    pub no: u32,
    pub unit: u32,
    pub flags: u32,
    /// Bytes of a string segment.
    pub bytes: Vec<u8>,
}

/// Parses a flag atom list entry into the flag bits.
pub fn flag_bit(name: &str) -> u32 {
    match name {
        "little" => F_LITTLE,
        "signed" => F_SIGNED,
        "native" => F_NATIVE,
        _ => 0,
    }
}

/// `bs_create_bin`: builds the binary from `segs` with the run-time
/// `(source, size)` pairs in `vals`. Returns NON_VALUE with the error in
/// `ctx` on bad arguments.
pub fn create_bin(ctx: &mut Ctx, segs: &[Seg], vals: &[Term]) -> Term {
    if let Some(t) = super::create::create_direct(ctx, segs, vals) {
        return t;
    }
    match precheck(segs, vals).and_then(|()| create_inner(ctx, segs, vals)) {
        Ok(t) => t,
        Err(f) => super::build_fail::raise(ctx, segs, f),
    }
}

thread_local! {
    /// A writer reused by every construction on this scheduler thread, so
    /// building a binary does not allocate and free a buffer each time.
    static WRITER: std::cell::Cell<Option<BitWriter>> = const { std::cell::Cell::new(None) };
}

fn create_inner(ctx: &mut Ctx, segs: &[Seg], vals: &[Term]) -> Result<Term, Fail> {
    let mut w = WRITER
        .with(|c| c.take())
        .unwrap_or_else(|| BitWriter::with_capacity(64));
    w.buf.clear();
    w.bits = 0;
    let r = fill_and_build(ctx, segs, vals, &mut w);
    // Keep modest buffers for reuse; drop huge ones.
    if w.buf.capacity() <= 1 << 16 {
        WRITER.with(|c| c.set(Some(w)));
    }
    r
}

/// Writes the segments (after `precheck`: every size is valid) and builds
/// the result; the errors found here are BEAM's write-pass ones, in
/// segment order.
fn fill_and_build(
    ctx: &mut Ctx,
    segs: &[Seg],
    vals: &[Term],
    w: &mut BitWriter,
) -> Result<Term, Fail> {
    let mut append: Option<Term> = None;
    let mut copied = 0usize;
    for (i, seg) in segs.iter().enumerate() {
        let (src, size) = (vals[2 * i], vals[2 * i + 1]);
        let bad = |what| Err(Fail::badarg(i, what, src));
        let bits = |size| {
            size_bits(size, seg.unit).map_err(|limit| Fail {
                seg: i,
                limit,
                what: What::Size,
                value: size,
            })
        };
        match seg.kind {
            SegKind::Append | SegKind::PrivateAppend => {
                let Some(v) = view(src) else {
                    return bad(What::Type);
                };
                if seg.unit > 1 && !v.bits.is_multiple_of(seg.unit as usize) {
                    return bad(What::Unit);
                }
                append = Some(src);
            }
            SegKind::Integer => {
                let n = bits(size)?;
                if !w.put_integer(src, n, seg.flags) {
                    return bad(What::Type);
                }
            }
            SegKind::Float => {
                // BEAM checks the size before the value, and reports the
                // size in bits.
                let n = bits(size)?;
                if !matches!(n, 16 | 32 | 64) {
                    return Err(Fail::badarg(i, What::Invalid, Term::small(n as i64)));
                }
                if !src.is_number() {
                    return bad(What::Type);
                }
                if !w.put_float(src, n, seg.flags) {
                    return bad(What::NoFloat);
                }
            }
            SegKind::Binary => {
                let Some(v) = view(src) else {
                    return bad(What::Type);
                };
                let n = if size == am::ALL {
                    if seg.unit > 1 && !v.bits.is_multiple_of(seg.unit as usize) {
                        return bad(What::Unit);
                    }
                    v.bits
                } else {
                    let n = bits(size)?;
                    if n > v.bits {
                        return bad(What::Short);
                    }
                    n
                };
                w.put_view(&v, n);
                copied += n;
            }
            SegKind::Utf8 | SegKind::Utf16 | SegKind::Utf32 => {
                let kind = match seg.kind {
                    SegKind::Utf8 => 8,
                    SegKind::Utf16 => 16,
                    _ => 32,
                };
                if !w.put_utf(src, kind, seg.flags) {
                    return bad(What::Type);
                }
            }
            SegKind::String => w.put_bytes(&seg.bytes),
        }
        // Beyond what we build (BEAM would try to allocate it): reported
        // as a size too large, the nearest of BEAM's errors.
        if w.bits as u64 > MAX_BITS {
            return Err(Fail {
                seg: i,
                limit: true,
                what: What::Size,
                value: size,
            });
        }
    }
    charge_copy(ctx, copied);
    Ok(match append {
        Some(a) => append_bits(ctx, a, w),
        None => make_bitstring(ctx, &w.buf, w.bits),
    })
}

/// Bits of binary data copied per reduction charged, as BEAM charges
/// binary segments and the copy of an appended-to binary.
const BITS_PER_RED: usize = 8 * 1024;

/// Charges the reductions for copying `bits` bits of binary data, so that
/// building big binaries uses up the time slice as on BEAM.
pub(super) fn charge_copy(ctx: &mut Ctx, bits: usize) {
    if bits >= BITS_PER_RED {
        let r = (bits / BITS_PER_RED) as i64;
        ctx.reds = ctx.reds.saturating_sub(r).max(0);
    }
}

/// `<<A/bitstring, W>>`: appends in place when `a` is the writable end of
/// a buffer with room, else copies into a new buffer with spare room. The
/// result is writable, so a loop appending to its accumulator is
/// amortised linear.
pub fn append_bits(ctx: &mut Ctx, a: Term, w: &BitWriter) -> Term {
    let av = view(a).expect("append source checked");
    // SAFETY: the writer's buffer holds `w.bits` bits and is not part of
    // any binary.
    append_with(ctx, a, av, w.bits, |dst, at| unsafe {
        super::bits::copy_bits(w.buf.as_ptr(), 0, dst, at, w.bits)
    })
}

/// `<<A/bitstring, ...>>` of `extra` new bits that `write(dst, at)` stores
/// at bit `at` of `dst`: in place at the end of a writable buffer with
/// room (the old value loses its writable flag), else into a new writable
/// buffer with spare room (amortised linear appends, as on BEAM).
pub(super) fn append_with(
    ctx: &mut Ctx,
    a: Term,
    av: BitView,
    extra: usize,
    write: impl Fn(*mut u8, usize),
) -> Term {
    // Appending nothing gives back the same term, writable or not, as
    // BEAM's erts_bs_append does (erts_debug:same/2 observes it).
    if extra == 0 {
        return a;
    }
    // SAFETY: `a` is a bitstring; a writable sub-binary's orig is a refc
    // binary whose buffer this process alone appends to, and bits past
    // `used_bits` belong to nobody, so writing there overlaps no source.
    unsafe {
        // Growing a writable binary whose buffer is full: BEAM reallocates
        // the same ProcBin, which adds nothing to the young binary virtual
        // heap (`increase_proc_bin_sz`); the next collection counts the
        // binary at its new size. Our copy gets a new ProcBin, which must
        // not be counted again either: each doubling of an accumulator
        // would otherwise add its whole size and force collections BEAM
        // does not make (b_bin_build: 2.3x the collections in csv_loop).
        let mut grown = false;
        if a.boxed_subtag() == HDR_SUB_BIN && word(a, 3) & SUB_WRITABLE != 0 {
            set_word(a, 3, word(a, 3) & !SUB_WRITABLE);
            let orig = Term(word(a, 4));
            if orig.boxed_subtag() == HDR_REFC_BIN {
                grown = true;
                let buf = proc_bin_buf(orig);
                let end = av.off + av.bits;
                let used = (*buf).used_bits.load(Ordering::Relaxed) as usize;
                if used == end && end + extra <= (*buf).cap * 8 {
                    write((*buf).data, end);
                    let new_end = end + extra;
                    (*buf).used_bits.store(new_end as u64, Ordering::Relaxed);
                    set_word(orig, 1, new_end.div_ceil(8) as u64);
                    return make_sub_raw(ctx, orig, av.off, av.bits + extra, SUB_WRITABLE);
                }
            }
        }
        let bits = av.bits + extra;
        charge_copy(ctx, av.bits);
        let buf = BinBuf::new((2 * bits.div_ceil(8)).max(256));
        super::bits::copy_bits(av.ptr, av.off, (*buf).data, 0, av.bits);
        write((*buf).data, av.bits);
        (*buf).used_bits.store(bits as u64, Ordering::Relaxed);
        if grown {
            let p = ctx.alloc(PROC_BIN_WORDS);
            // SAFETY: `p` has room for a ProcBin; `buf` is live, its
            // reference handed over.
            let pb = write_proc_bin(p, bits.div_ceil(8), buf);
            // Listed (the collector releases it when dead) but not
            // counted, as above.
            if !ctx.proc_.is_null() {
                (*ctx.proc_).off_heap.push(p);
            }
            return make_sub_raw(ctx, pb, 0, bits, SUB_WRITABLE);
        }
        new_proc_bin_writable(ctx, buf, bits)
    }
}

/// A new writable bitstring in a fresh buffer of `cap` bytes holding the
/// given bit ranges.
fn writable_with(ctx: &mut Ctx, cap: usize, parts: &[(&BitView, usize)]) -> Term {
    let buf = BinBuf::new(cap);
    let mut at = 0;
    for (v, n) in parts {
        // SAFETY: the buffer holds `cap` bytes >= the total size.
        unsafe { super::bits::copy_bits(v.ptr, v.off, (*buf).data, at, *n) };
        at += n;
    }
    // SAFETY: `buf` is live and owned here.
    unsafe { (*buf).used_bits.store(at as u64, Ordering::Relaxed) };
    // SAFETY: the buffer holds `at` bits; its reference is handed over.
    unsafe { new_proc_bin_writable(ctx, buf, at) }
}

/// A writable bitstring of the first `bits` bits of `buf` (whose
/// `used_bits` the caller set).
/// # Safety
/// `buf` must be live and hold `bits` bits; its reference is handed over.
unsafe fn new_proc_bin_writable(ctx: &mut Ctx, buf: *mut BinBuf, bits: usize) -> Term {
    // SAFETY: as the caller promised.
    let (pb, _) = unsafe { new_proc_bin(ctx, bits.div_ceil(8), buf) };
    make_sub_raw(ctx, pb, 0, bits, SUB_WRITABLE)
}

/// `bs_init_writable`: an empty writable binary with room for `hint`
/// bytes.
pub fn init_writable(ctx: &mut Ctx, hint: Term) -> Term {
    let h = if hint.is_small() {
        hint.small_value().clamp(0, 1 << 24) as usize
    } else {
        0
    };
    writable_with(ctx, h.max(256), &[])
}

impl BitWriter {
    /// The written bits as a view (valid until the writer changes).
    pub fn as_view(&self) -> BitView {
        BitView {
            ptr: self.buf.as_ptr(),
            off: 0,
            bits: self.bits,
        }
    }
}
