//! The direct path of `bs_create_bin`: when every segment is simple (an
//! integer segment of a small value in at most 64 bits, a binary segment,
//! a string, and at most a leading append), the size of the result is
//! known before anything is written, so the segments are written straight
//! into the destination — the appended-to buffer or the new binary —
//! instead of into a scratch writer that is then copied. Anything else
//! (floats, UTF segments, bignums, every error) returns `None` and takes
//! the general path in `build`, which also produces BEAM's exact errors.

use super::bits::{copy_bits, little};
use super::build::{alloc_binary, bitstring_tail, Seg, SegKind, MAX_BITS};
use super::layout::{proc_bin_buf, set_word, word, BinBuf, SUB_WRITABLE};
use super::{view, BitView};
use crate::heap::ctx::Ctx;
use crate::term::atom::am;
use crate::term::{Term, HDR_REFC_BIN, HDR_SUB_BIN};
use std::sync::atomic::Ordering;

/// Bits of a simple segment, or `None` if the segment is not simple.
fn simple_bits(seg: &Seg, src: Term, size: Term) -> Option<usize> {
    match seg.kind {
        SegKind::Integer => {
            if !src.is_small() || !size.is_small() {
                return None;
            }
            let n = (size.small_value() as u64).checked_mul(seg.unit as u64)?;
            (size.small_value() >= 0 && n <= 64).then_some(n as usize)
        }
        SegKind::Binary => {
            let v = view(src)?;
            if size == am::ALL {
                (seg.unit <= 1 || v.bits.is_multiple_of(seg.unit as usize)).then_some(v.bits)
            } else if size.is_small() && size.small_value() >= 0 {
                let n = (size.small_value() as u64).checked_mul(seg.unit as u64)?;
                (n as usize <= v.bits).then_some(n as usize)
            } else {
                None
            }
        }
        SegKind::String => Some(seg.bytes.len() * 8),
        _ => None,
    }
}

/// Writes `n` bits of small integer `v` at bit `at` of `dst`.
/// # Safety
/// `dst` must have room for bits `[at, at + n)`.
unsafe fn put_small(dst: *mut u8, at: usize, v: i64, n: usize, flags: u32) {
    if n == 0 {
        return;
    }
    let nbytes = n.div_ceil(8);
    if n == 8 && at.is_multiple_of(8) {
        *dst.add(at / 8) = v as u8;
        return;
    }
    if little(flags) {
        let mut tmp = v.to_le_bytes();
        let rest = n % 8;
        if rest != 0 {
            // The partial last byte holds the value's top `rest` bits.
            tmp[nbytes - 1] <<= 8 - rest;
        }
        copy_bits(tmp.as_ptr(), 0, dst, at, n);
    } else if n.is_multiple_of(8) && at.is_multiple_of(8) {
        let be = v.to_be_bytes();
        for i in 0..nbytes {
            *dst.add(at / 8 + i) = be[8 - nbytes + i];
        }
    } else {
        // The low n bits of the big-endian word: left-align them.
        let w = (v as u64) << (64 - n);
        copy_bits(w.to_be_bytes().as_ptr(), 0, dst, at, n);
    }
}

/// Writes every non-append segment at bit `at` of `dst`.
/// # Safety
/// `dst` must have room for the segments' total size after `at`, and not
/// overlap any source binary's bits.
unsafe fn write_segs(segs: &[Seg], vals: &[Term], dst: *mut u8, mut at: usize) {
    for (i, seg) in segs.iter().enumerate() {
        let (src, size) = (vals[2 * i], vals[2 * i + 1]);
        match seg.kind {
            SegKind::Integer => {
                let n = (size.small_value() as u64 * seg.unit as u64) as usize;
                put_small(dst, at, src.small_value(), n, seg.flags);
                at += n;
            }
            SegKind::Binary => {
                let v = view(src).expect("checked by simple_bits");
                let n = if size == am::ALL {
                    v.bits
                } else {
                    (size.small_value() as u64 * seg.unit as u64) as usize
                };
                copy_bits(v.ptr, v.off, dst, at, n);
                at += n;
            }
            SegKind::String => {
                let n = seg.bytes.len() * 8;
                copy_bits(seg.bytes.as_ptr(), 0, dst, at, n);
                at += n;
            }
            _ => {}
        }
    }
}

/// `bs_create_bin` when all segments are simple; `None` sends the
/// construction to the general path.
pub fn create_direct(ctx: &mut Ctx, segs: &[Seg], vals: &[Term]) -> Option<Term> {
    let mut total = 0usize;
    let mut copied = 0usize;
    let mut append = None;
    for (i, seg) in segs.iter().enumerate() {
        let (src, size) = (vals[2 * i], vals[2 * i + 1]);
        if matches!(seg.kind, SegKind::Append | SegKind::PrivateAppend) {
            let v = view(src)?;
            if i != 0 || (seg.unit > 1 && !v.bits.is_multiple_of(seg.unit as usize)) {
                return None;
            }
            append = Some((src, v));
            continue;
        }
        let n = simple_bits(seg, src, size)?;
        if seg.kind == SegKind::Binary {
            copied += n;
        }
        total += n;
    }
    if total as u64 > MAX_BITS {
        return None;
    }
    super::build::charge_copy(ctx, copied);
    Some(match append {
        Some((a, av)) => {
            if segs[0].kind == SegKind::PrivateAppend {
                // SAFETY: `a` is a bitstring (checked by `view`).
                if let Some(t) = unsafe { private_append(a, av, segs, vals, total) } {
                    return Some(t);
                }
            }
            append_direct(ctx, a, av, segs, vals, total)
        }
        None => {
            let (t, p) = alloc_binary(ctx, total.div_ceil(8));
            // SAFETY: the new binary holds `total` bits and overlaps no
            // source (it was just allocated).
            unsafe { write_segs(segs, vals, p, 0) };
            bitstring_tail(ctx, t, p, total)
        }
    })
}

/// `<<A/bitstring, Segs...>>` of `total` new bits, written straight into
/// the destination buffer (see `build::append_with`).
fn append_direct(
    ctx: &mut Ctx,
    a: Term,
    av: BitView,
    segs: &[Seg],
    vals: &[Term],
    total: usize,
) -> Term {
    // SAFETY: the destination has room for `total` bits at `at` and does
    // not overlap any source (bits past the used end belong to nobody).
    super::build::append_with(ctx, a, av, total, |dst, at| unsafe {
        write_segs(segs, vals, dst, at)
    })
}

/// `private_append`: the compiler emits it only where the accumulator is
/// not shared (binary comprehensions, after `bs_init_writable`), so, as
/// BEAM does, the writable sub-binary itself grows: its buffer is
/// extended in place (reallocated when full and nothing else holds it)
/// and the same term is returned. `None` when `a` is not such a binary.
/// # Safety
/// `a` must be a bitstring with view `av`.
unsafe fn private_append(
    a: Term,
    av: BitView,
    segs: &[Seg],
    vals: &[Term],
    total: usize,
) -> Option<Term> {
    if a.boxed_subtag() != HDR_SUB_BIN || word(a, 3) & SUB_WRITABLE == 0 {
        return None;
    }
    let orig = Term(word(a, 4));
    if orig.boxed_subtag() != HDR_REFC_BIN {
        return None;
    }
    let buf = proc_bin_buf(orig);
    let end = av.off + av.bits;
    if (*buf).used_bits.load(Ordering::Relaxed) as usize != end {
        return None;
    }
    let new_end = end + total;
    if new_end > (*buf).cap * 8 {
        if BinBuf::refs(buf) != 1 {
            return None;
        }
        BinBuf::grow(buf, (2 * new_end.div_ceil(8)).max(256));
    }
    write_segs(segs, vals, (*buf).data, end);
    (*buf).used_bits.store(new_end as u64, Ordering::Relaxed);
    set_word(orig, 1, new_end.div_ceil(8) as u64);
    set_word(a, 1, (av.bits + total) as u64);
    Some(a)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testutil::TestProc;

    fn seg(kind: SegKind, unit: u32, flags: u32) -> Seg {
        Seg {
            kind,
            no: 1,
            unit,
            flags,
            bytes: Vec::new(),
        }
    }

    fn show(t: Term) -> String {
        crate::data::display::display_string(t)
    }

    /// The direct writer and the general one agree on integer segments of
    /// every size, alignment and endianness, and on binary segments.
    #[test]
    fn direct_matches_general_path() {
        let mut tp = TestProc::new();
        let ctx = tp.ctx();
        let src = super::super::build::make_binary(ctx, &[0xA5, 0x5A, 0xFF, 0x01, 0x80]);
        for lead in [0i64, 1, 3, 8] {
            for n in [1i64, 3, 7, 8, 12, 16, 24, 31, 32, 40, 63, 64] {
                for flags in [
                    0,
                    super::super::bits::F_LITTLE,
                    super::super::bits::F_SIGNED,
                ] {
                    for v in [0i64, 1, -1, 0x1234_5678_9abc, -77, 255] {
                        let segs = [
                            seg(SegKind::Integer, 1, 0),
                            seg(SegKind::Integer, 1, flags),
                            seg(SegKind::Binary, 8, 0),
                        ];
                        let vals = [
                            Term::small(5),
                            Term::small(lead),
                            Term::small(v),
                            Term::small(n),
                            src,
                            am::ALL,
                        ];
                        let d = create_direct(ctx, &segs, &vals).expect("simple segments");
                        let mut w = super::super::bits::BitWriter::with_capacity(16);
                        w.put_integer(Term::small(5), lead as usize, 0);
                        w.put_integer(Term::small(v), n as usize, flags);
                        w.put_view(&view(src).unwrap(), 40);
                        let g = super::super::build::make_bitstring(ctx, &w.buf, w.bits);
                        assert_eq!(show(d), show(g), "lead {lead} n {n} flags {flags} v {v}");
                    }
                }
            }
        }
    }

    /// `private_append` grows the same writable binary in place across
    /// buffer reallocations; the contents stay intact.
    #[test]
    fn private_append_grows_in_place() {
        let mut tp = TestProc::new();
        let ctx = tp.ctx();
        let mut acc = super::super::build::init_writable(ctx, Term::small(0));
        let first = acc;
        let segs = [
            seg(SegKind::PrivateAppend, 1, 0),
            seg(SegKind::Integer, 1, 0),
        ];
        for i in 0..1000i64 {
            let vals = [acc, am::ALL, Term::small(i & 255), Term::small(8)];
            acc = create_direct(ctx, &segs, &vals).expect("simple");
        }
        assert_eq!(acc, first, "the same sub-binary is returned");
        let v = view(acc).unwrap();
        assert_eq!(v.bits, 8000);
        let bytes = v.to_vec();
        assert!(bytes.iter().enumerate().all(|(i, b)| *b == (i & 255) as u8));
    }
}
