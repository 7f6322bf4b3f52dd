//! Binaries and bitstrings: layouts (`layout`), bit-level helpers (`bits`),
//! construction (`build`, the `bs_create_bin` engine) and matching
//! (`matching`, the match-state operations). Generated code reaches them
//! through `native::bs`; BIFs through `bif::binary` and `bif::binary_mod`.

pub mod bits;
pub mod build;
mod build_fail;
mod create;
pub mod display;
pub mod layout;
pub mod matching;

use crate::term::{Term, HDR_HEAP_BIN, HDR_REFC_BIN, HDR_SUB_BIN};
use layout::{proc_bin_buf, word};

/// A read-only view of a bitstring: `bits` bits starting `off` bits into
/// the bytes at `ptr`. Valid while the term it came from is alive and no
/// GC runs.
#[derive(Clone, Copy, Debug)]
pub struct BitView {
    pub ptr: *const u8,
    pub off: usize,
    pub bits: usize,
}

impl BitView {
    /// The view as a byte slice when it is byte aligned and whole bytes.
    pub fn bytes(&self) -> Option<&[u8]> {
        if self.off.is_multiple_of(8) && self.bits.is_multiple_of(8) {
            // SAFETY: the view covers these bytes of a live binary.
            Some(unsafe { std::slice::from_raw_parts(self.ptr.add(self.off / 8), self.bits / 8) })
        } else {
            None
        }
    }

    /// The bits as bytes, the last partial byte's bits at its top.
    pub fn to_vec(&self) -> Vec<u8> {
        if let Some(b) = self.bytes() {
            return b.to_vec();
        }
        let mut out = vec![0u8; self.bits.div_ceil(8)];
        // SAFETY: source covers `bits` bits; `out` holds them.
        unsafe { bits::copy_bits(self.ptr, self.off, out.as_mut_ptr(), 0, self.bits) };
        out
    }

    /// Whole bytes of the view (the bytes of a binary; `None` for a
    /// bitstring that is not whole bytes).
    pub fn whole_bytes(&self) -> Option<std::borrow::Cow<'_, [u8]>> {
        if !self.bits.is_multiple_of(8) {
            return None;
        }
        Some(match self.bytes() {
            Some(b) => std::borrow::Cow::Borrowed(b),
            None => std::borrow::Cow::Owned(self.to_vec()),
        })
    }

    /// Bit `i` of the view (0 = first).
    #[inline]
    pub fn bit(&self, i: usize) -> u8 {
        let a = self.off + i;
        // SAFETY: i < bits, inside the binary.
        unsafe { (*self.ptr.add(a / 8) >> (7 - a % 8)) & 1 }
    }

    /// The first `min(bits, 128)` bits, at the top of a `u128` (zeros
    /// below): orders views by their start without reading them again.
    pub fn prefix128(&self) -> u128 {
        let take = self.bits.min(128);
        if take == 0 {
            return 0;
        }
        let s = self.off % 8;
        let nbytes = (s + take).div_ceil(8);
        let mut buf = [0u8; 17];
        // SAFETY: the `nbytes` bytes overlapping the view are inside the
        // binary.
        unsafe {
            std::ptr::copy_nonoverlapping(self.ptr.add(self.off / 8), buf.as_mut_ptr(), nbytes)
        };
        let mut hi = [0u8; 16];
        hi.copy_from_slice(&buf[..16]);
        let mut v = u128::from_be_bytes(hi);
        if s > 0 {
            v = v << s | (buf[16] >> (8 - s)) as u128;
        }
        if take < 128 {
            v &= !0u128 << (128 - take);
        }
        v
    }

    /// The `n`-bit sub-view starting `start` bits in.
    pub fn slice(&self, start: usize, n: usize) -> BitView {
        BitView {
            ptr: self.ptr,
            off: self.off + start,
            bits: n,
        }
    }
}

/// Start of the bytes and size in bytes of a heap or refc binary.
/// # Safety
/// `t` must be a heap or refc binary.
#[inline]
pub unsafe fn base(t: Term) -> (*const u8, usize) {
    let p = t.boxed_ptr();
    let n = *p.add(1) as usize;
    if t.boxed_subtag() == HDR_HEAP_BIN {
        (p.add(2) as *const u8, n)
    } else {
        ((*proc_bin_buf(t)).data as *const u8, n)
    }
}

/// The view of a bitstring term, or `None` for anything else.
pub fn view(t: Term) -> Option<BitView> {
    if !t.is_boxed() {
        return None;
    }
    // SAFETY: boxed terms point at valid objects; the subtag says which.
    unsafe {
        match t.boxed_subtag() {
            HDR_HEAP_BIN | HDR_REFC_BIN => {
                let (ptr, n) = base(t);
                Some(BitView {
                    ptr,
                    off: 0,
                    bits: n * 8,
                })
            }
            HDR_SUB_BIN => {
                let orig = Term(word(t, 4));
                let (ptr, _) = base(orig);
                Some(BitView {
                    ptr,
                    off: word(t, 2) as usize,
                    bits: word(t, 1) as usize,
                })
            }
            _ => None,
        }
    }
}

/// `is_bitstring/1`.
#[inline]
pub fn is_bitstring(t: Term) -> bool {
    // SAFETY: boxed terms point at valid headers.
    t.is_boxed() && layout::is_bin_subtag(unsafe { t.boxed_subtag() })
}

/// `is_binary/1`: a bitstring of whole bytes.
#[inline]
pub fn is_binary(t: Term) -> bool {
    view(t).is_some_and(|v| v.bits.is_multiple_of(8))
}

/// Size in bits of a bitstring.
#[inline]
pub fn bit_size(t: Term) -> Option<usize> {
    view(t).map(|v| v.bits)
}

/// Term order of two bitstrings: bit by bit over the common length, then
/// the shorter first.
pub fn cmp_bitstrings(a: Term, b: Term) -> std::cmp::Ordering {
    let (Some(va), Some(vb)) = (view(a), view(b)) else {
        return std::cmp::Ordering::Equal;
    };
    cmp_views(&va, &vb)
}

/// `cmp_bitstrings` of two views.
pub fn cmp_views(va: &BitView, vb: &BitView) -> std::cmp::Ordering {
    let n = va.bits.min(vb.bits);
    if n == 0 {
        // One side is empty (`<<>>` in a clause head): sizes decide.
        return va.bits.cmp(&vb.bits);
    }
    let whole = n / 8 * 8;
    let c = match (va.slice(0, whole).bytes(), vb.slice(0, whole).bytes()) {
        (Some(x), Some(y)) => x.cmp(y),
        _ => va
            .slice(0, whole)
            .to_vec()
            .cmp(&vb.slice(0, whole).to_vec()),
    };
    c.then_with(|| {
        if whole == n {
            return std::cmp::Ordering::Equal;
        }
        // Fewer than 8 bits left: compare them as numbers (no copies).
        let k = n - whole;
        let bits = |v: &BitView| (0..k).fold(0u8, |acc, i| acc << 1 | v.bit(whole + i));
        bits(va).cmp(&bits(vb))
    })
    .then(va.bits.cmp(&vb.bits))
}

/// Bytes of a bitstring for hashing: its bits (padded) and its bit size.
pub fn hash_parts(t: Term) -> Option<(Vec<u8>, usize)> {
    view(t).map(|v| (v.to_vec(), v.bits))
}

#[cfg(test)]
#[path = "tests.rs"]
mod tests;
