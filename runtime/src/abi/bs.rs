//! Bit-syntax entry points for generated code (see `binary`). Every
//! function takes the context first when it may allocate; match failures
//! return 0 (NON_VALUE or false), construction errors NON_VALUE with the
//! exception recorded in the context.

use crate::data::binary::{build, matching};
use crate::heap::ctx::Ctx;
use crate::term::Term;

/// The load-time part of a `bs_create_bin`: its segments. Owned by the
/// module version whose code refers to it (freed when it is purged).
pub struct CreateDesc {
    pub segs: Vec<build::Seg>,
}

/// Splits a packed `unit | flags << 32` operand.
#[inline]
fn unpack(uf: u64) -> (u32, u32) {
    (uf as u32, (uf >> 32) as u32)
}

/// `bs_create_bin`: segment `i`'s source and size are `vals[2i]` and
/// `vals[2i + 1]` (a slot in the caller's native frame).
/// # Safety
/// `desc` must be a live descriptor (its module version's), `vals` point at two terms
/// per segment; a process runs on `ctx`.
pub unsafe extern "C" fn rt_bs_create_bin(
    ctx: *mut Ctx,
    desc: *const CreateDesc,
    vals: *const Term,
) -> Term {
    let segs = &(*desc).segs;
    let vals = std::slice::from_raw_parts(vals, 2 * segs.len());
    build::create_bin(&mut *ctx, segs, vals)
}

/// `bs_init_writable`: x0 (size hint) in, the writable binary out.
/// # Safety
/// A process runs on `ctx`.
pub unsafe extern "C" fn rt_bs_init_writable(ctx: *mut Ctx, hint: Term) -> Term {
    build::init_writable(&mut *ctx, hint)
}

/// `bs_start_match3/4`: NON_VALUE if `t` is not a bitstring.
/// # Safety
/// A process runs on `ctx`.
pub unsafe extern "C" fn rt_bs_start_match(ctx: *mut Ctx, t: Term) -> Term {
    matching::start_match(&mut *ctx, t)
}

/// # Safety
/// `ms` must be a match state; a process runs on `ctx`.
pub unsafe extern "C" fn rt_bs_get_integer(ctx: *mut Ctx, ms: Term, size: Term, uf: u64) -> Term {
    let (unit, flags) = unpack(uf);
    matching::get_integer(&mut *ctx, ms, size, unit, flags)
}

/// # Safety
/// `ms` must be a match state; a process runs on `ctx`.
pub unsafe extern "C" fn rt_bs_get_float(ctx: *mut Ctx, ms: Term, size: Term, uf: u64) -> Term {
    let (unit, flags) = unpack(uf);
    matching::get_float(&mut *ctx, ms, size, unit, flags)
}

/// # Safety
/// `ms` must be a match state; a process runs on `ctx`.
pub unsafe extern "C" fn rt_bs_get_binary(ctx: *mut Ctx, ms: Term, size: Term, uf: u64) -> Term {
    let (unit, _) = unpack(uf);
    matching::get_binary(&mut *ctx, ms, size, unit)
}

/// Returns 1 if skipped.
/// # Safety
/// `ms` must be a match state.
pub unsafe extern "C" fn rt_bs_skip_bits(ms: Term, size: Term, uf: u64) -> u64 {
    matching::skip_bits(ms, size, unpack(uf).0) as u64
}

/// # Safety
/// `ms` must be a match state.
pub unsafe extern "C" fn rt_bs_test_tail(ms: Term, bits: u64) -> u64 {
    matching::test_tail(ms, bits) as u64
}

/// # Safety
/// `ms` must be a match state.
pub unsafe extern "C" fn rt_bs_test_unit(ms: Term, unit: u64) -> u64 {
    matching::test_unit(ms, unit) as u64
}

/// # Safety
/// `ms` must be a match state; `s` must hold `bits` bits.
pub unsafe extern "C" fn rt_bs_match_string(ms: Term, s: *const u8, bits: u64) -> u64 {
    matching::match_string(ms, s, bits as usize) as u64
}

/// # Safety
/// `ms` must be a match state; a process runs on `ctx`.
pub unsafe extern "C" fn rt_bs_get_tail(ctx: *mut Ctx, ms: Term) -> Term {
    matching::get_tail(&mut *ctx, ms)
}

/// # Safety
/// `ms` must be a match state.
pub unsafe extern "C" fn rt_bs_get_position(ms: Term) -> Term {
    matching::get_position(ms)
}

/// # Safety
/// `ms` must be a match state, `pos` a position it returned.
pub unsafe extern "C" fn rt_bs_set_position(ms: Term, pos: Term) -> u64 {
    matching::set_position(ms, pos);
    0
}

/// `kind_flags` = 8/16/32 | flags << 32.
/// # Safety
/// `ms` must be a match state.
pub unsafe extern "C" fn rt_bs_get_utf(ms: Term, kind_flags: u64) -> Term {
    let (kind, flags) = unpack(kind_flags);
    matching::get_utf(ms, kind, flags)
}

/// `is_binary` for generated code: 1 for a whole-byte bitstring.
pub extern "C" fn rt_is_binary(t: Term) -> u64 {
    crate::data::binary::is_binary(t) as u64
}

/// Records `error:badarg` (a bit-syntax operand that cannot be a
/// bitstring).
/// # Safety
/// `ctx` must be the scheduler's context.
pub unsafe extern "C" fn rt_bs_badarg(ctx: *mut Ctx) -> Term {
    (*ctx).badarg()
}

/// `bs_add Fail S1 S2 Unit Dst` (OTP 24 and older code sizing a binary
/// before `bs_init2`): `S1 + S2 * Unit` for non-negative small integers.
/// Otherwise NON_VALUE with BEAM's error recorded: `system_limit` when
/// both are non-negative integers (the sum is too large), else `badarg`.
/// # Safety
/// `ctx` must be the scheduler's context.
pub unsafe extern "C" fn rt_bs_add(ctx: *mut Ctx, s1: Term, s2: Term, unit: u64) -> Term {
    let ctx = &mut *ctx;
    if s1.is_small() && s2.is_small() && s1.small_value() >= 0 && s2.small_value() >= 0 {
        let sum = (s2.small_value() as i128) * (unit as i128) + s1.small_value() as i128;
        if sum <= crate::term::MAX_SMALL as i128 {
            return Term::small(sum as i64);
        }
    }
    let non_neg = |t: Term| {
        (t.is_small() && t.small_value() >= 0)
            || (t.is_bignum() && t.boxed_subtag() == crate::term::HDR_POS_BIG)
    };
    if non_neg(s1) && non_neg(s2) {
        ctx.error(crate::term::atom::am::SYSTEM_LIMIT)
    } else {
        ctx.badarg()
    }
}

/// `bs_utf8_size` / `bs_utf16_size` (`kind` 8 or 16): the bytes the code
/// point `c` takes, as BEAM's `i_bs_utf8_size`/`i_bs_utf16_size` compute
/// it (no check: the `bs_put_utf*` that follows rejects a bad value).
pub extern "C" fn rt_bs_utf_size(c: Term, kind: u64) -> Term {
    let v = if c.is_small() && c.small_value() >= 0 {
        c.small_value()
    } else {
        i64::MAX
    };
    let n = match kind {
        8 if v < 0x80 => 1,
        8 if v < 0x800 => 2,
        8 if v < 0x10000 => 3,
        8 => 4,
        _ if v < 0x10000 => 2,
        _ => 4,
    };
    Term::small(n)
}
