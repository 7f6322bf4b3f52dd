//! Match states (`bs_start_match3/4`) and the operations on them. A match
//! state holds the underlying heap or refc binary and the current and end
//! bit positions; every failure is a plain "no match" (never an
//! exception), as in BEAM.

use super::bits;
use super::build::sub_bitstring;
use super::layout::{set_word, word, write_match_state, MATCH_STATE_WORDS};
use super::BitView;
use crate::heap::ctx::Ctx;
use crate::term::atom::am;
use crate::term::{Term, HDR_MATCHSTATE, HDR_SUB_BIN, NON_VALUE};

/// Words the runtime may allocate for one match operation's result
/// besides big integers (generated code reserves them first).
pub const MATCH_RESULT_WORDS: u64 = 8;

/// `bs_start_match`: a new match state over bitstring `t`, `t` itself if
/// it already is one, or NON_VALUE if `t` is not a bitstring.
pub fn start_match(ctx: &mut Ctx, t: Term) -> Term {
    if t.is_boxed_of(HDR_MATCHSTATE) {
        return t;
    }
    let Some(v) = super::view(t) else {
        return NON_VALUE;
    };
    // SAFETY: `t` is a bitstring; sub-binaries hold their orig in word 4.
    let orig = unsafe {
        if t.boxed_subtag() == HDR_SUB_BIN {
            Term(word(t, 4))
        } else {
            t
        }
    };
    let p = ctx.alloc(MATCH_STATE_WORDS);
    // SAFETY: `p` has room; `orig` covers [off, off + bits).
    unsafe { write_match_state(p, orig, v.off, v.off + v.bits) }
}

/// Reads a match state: the view of the whole orig from bit 0, the
/// position and the end.
/// # Safety
/// `ms` must be a match state.
#[inline]
unsafe fn state(ms: Term) -> (BitView, usize, usize) {
    let orig = Term(word(ms, 1));
    let (ptr, _) = super::base(orig);
    let end = word(ms, 3) as usize;
    (
        BitView {
            ptr,
            off: 0,
            bits: end,
        },
        word(ms, 2) as usize,
        end,
    )
}

/// # Safety: `ms` must be a match state.
#[inline]
unsafe fn set_pos(ms: Term, pos: usize) {
    set_word(ms, 2, pos as u64);
}

/// Bits of a segment: `size * unit`, or `None` if the size is not a
/// non-negative integer (the match fails).
fn seg_bits(size: Term, unit: u32) -> Option<usize> {
    if !size.is_small() || size.small_value() < 0 {
        return None;
    }
    let b = (size.small_value() as u64).checked_mul(unit as u64)?;
    usize::try_from(b).ok()
}

/// `bs_get_integer2`.
pub fn get_integer(ctx: &mut Ctx, ms: Term, size: Term, unit: u32, flags: u32) -> Term {
    let Some(n) = seg_bits(size, unit) else {
        return NON_VALUE;
    };
    // SAFETY: generated code only passes match states here.
    unsafe {
        let (v, pos, end) = state(ms);
        if end - pos < n {
            return NON_VALUE;
        }
        let r = bits::get_integer(ctx, &v, pos, n, flags);
        set_pos(ms, pos + n);
        r
    }
}

/// `bs_get_float2`.
pub fn get_float(ctx: &mut Ctx, ms: Term, size: Term, unit: u32, flags: u32) -> Term {
    let Some(n) = seg_bits(size, unit) else {
        return NON_VALUE;
    };
    // SAFETY: generated code only passes match states here.
    unsafe {
        let (v, pos, end) = state(ms);
        if end - pos < n {
            return NON_VALUE;
        }
        match bits::get_float(&v, pos, n, flags) {
            Some(f) => {
                set_pos(ms, pos + n);
                crate::data::build::make_float(ctx, f)
            }
            None => NON_VALUE,
        }
    }
}

/// Bits a binary segment takes: `all` (the rest, which must be a multiple
/// of `unit`) or `size * unit`.
fn binary_bits(size: Term, unit: u32, left: usize) -> Option<usize> {
    if size == am::ALL {
        (unit <= 1 || left.is_multiple_of(unit as usize)).then_some(left)
    } else {
        seg_bits(size, unit).filter(|&n| n <= left)
    }
}

/// `bs_get_binary2`.
pub fn get_binary(ctx: &mut Ctx, ms: Term, size: Term, unit: u32) -> Term {
    // SAFETY: generated code only passes match states here.
    unsafe {
        let (_, pos, end) = state(ms);
        let Some(n) = binary_bits(size, unit, end - pos) else {
            return NON_VALUE;
        };
        set_pos(ms, pos + n);
        sub_bitstring(ctx, Term(word(ms, 1)), pos, n)
    }
}

/// `bs_skip_bits2`: true if skipped.
pub fn skip_bits(ms: Term, size: Term, unit: u32) -> bool {
    // SAFETY: generated code only passes match states here.
    unsafe {
        let (_, pos, end) = state(ms);
        match binary_bits(size, unit, end - pos) {
            Some(n) => {
                set_pos(ms, pos + n);
                true
            }
            None => false,
        }
    }
}

/// `bs_test_tail2`: exactly `bits` bits left.
pub fn test_tail(ms: Term, bits: u64) -> bool {
    // SAFETY: generated code only passes match states here.
    unsafe {
        let (_, pos, end) = state(ms);
        (end - pos) as u64 == bits
    }
}

/// `bs_test_unit`: the bits left are a multiple of `unit`.
pub fn test_unit(ms: Term, unit: u64) -> bool {
    // SAFETY: generated code only passes match states here.
    unsafe {
        let (_, pos, end) = state(ms);
        unit == 0 || ((end - pos) as u64).is_multiple_of(unit)
    }
}

/// `bs_match_string`: the next `bits` bits equal those of `s`.
/// # Safety
/// `ms` must be a match state and `s` must hold `bits` bits.
pub unsafe fn match_string(ms: Term, s: *const u8, bits: usize) -> bool {
    // SAFETY: generated code only passes match states here; `s` holds
    // `bits` bits.
    unsafe {
        let (v, pos, end) = state(ms);
        if end - pos < bits {
            return false;
        }
        let sv = BitView {
            ptr: s,
            off: 0,
            bits,
        };
        let whole = bits / 8;
        if pos.is_multiple_of(8) {
            let a = std::slice::from_raw_parts(v.ptr.add(pos / 8), whole);
            let b = std::slice::from_raw_parts(s, whole);
            if a != b {
                return false;
            }
            for i in whole * 8..bits {
                if v.bit(pos + i) != sv.bit(i) {
                    return false;
                }
            }
        } else {
            for i in 0..bits {
                if v.bit(pos + i) != sv.bit(i) {
                    return false;
                }
            }
        }
        set_pos(ms, pos + bits);
        true
    }
}

/// `bs_get_tail`: the rest as a bitstring.
pub fn get_tail(ctx: &mut Ctx, ms: Term) -> Term {
    // SAFETY: generated code only passes match states here.
    unsafe {
        let (_, pos, end) = state(ms);
        sub_bitstring(ctx, Term(word(ms, 1)), pos, end - pos)
    }
}

/// `bs_get_position`.
pub fn get_position(ms: Term) -> Term {
    // SAFETY: generated code only passes match states here.
    Term::small(unsafe { word(ms, 2) } as i64)
}

/// `bs_set_position`.
pub fn set_position(ms: Term, pos: Term) {
    // SAFETY: generated code only passes match states and positions it
    // got from `get_position` here.
    unsafe { set_pos(ms, pos.small_value() as usize) }
}

/// `bs_get_utf8/16/32` (`kind` 8, 16 or 32); `bs_skip_utf*` ignore the
/// value. NON_VALUE if no valid code point follows.
pub fn get_utf(ms: Term, kind: u32, flags: u32) -> Term {
    // SAFETY: generated code only passes match states here.
    unsafe {
        let (v, pos, _) = state(ms);
        match bits::get_utf(&v, pos, kind, flags) {
            Some((c, n)) => {
                set_pos(ms, pos + n);
                Term::small(c as i64)
            }
            None => NON_VALUE,
        }
    }
}
