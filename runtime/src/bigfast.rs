//! Fast paths for the integer operations bignum-heavy code spends its time
//! in: `+`/`-` of any two integers, `*` by an integer that fits a word, and
//! `div`/`rem` by one. They work on the heap's limbs directly and write the
//! result straight into the heap, skipping the conversions to and from
//! `num_bigint` (which cost more than the arithmetic at these sizes). Any
//! other case returns `None` and the general path runs.

use crate::ctx::Ctx;
use smallvec::SmallVec;

/// Limbs of a fast-path result: up to four live on the stack.
type Limbs = SmallVec<[u64; 4]>;
use crate::term::{header_arity, header_subtag, make_header, Term, HDR_NEG_BIG, HDR_POS_BIG};

/// Sign and magnitude of an integer term, with a one-limb buffer for smalls.
struct Mag<'a> {
    neg: bool,
    limbs: &'a [u64],
}

fn mag<'a>(t: Term, buf: &'a mut [u64; 1]) -> Option<Mag<'a>> {
    if t.is_small() {
        let v = t.small_value();
        buf[0] = v.unsigned_abs();
        let limbs: &[u64] = if v == 0 { &[] } else { &buf[..] };
        return Some(Mag { neg: v < 0, limbs });
    }
    if t.is_bignum() {
        // SAFETY: `t` is a bignum: a header with `n` limbs after it.
        unsafe {
            let p = t.boxed_ptr();
            let h = *p;
            let n = header_arity(h);
            return Some(Mag {
                neg: header_subtag(h) == HDR_NEG_BIG,
                limbs: std::slice::from_raw_parts(p.add(1), n),
            });
        }
    }
    None
}

fn cmp_mag(a: &[u64], b: &[u64]) -> std::cmp::Ordering {
    a.len()
        .cmp(&b.len())
        .then_with(|| a.iter().rev().cmp(b.iter().rev()))
}

fn add_mag(a: &[u64], b: &[u64]) -> Limbs {
    let (a, b) = if a.len() >= b.len() { (a, b) } else { (b, a) };
    let mut out = Limbs::with_capacity(a.len() + 1);
    let mut carry = false;
    for (i, &x) in a.iter().enumerate() {
        let y = b.get(i).copied().unwrap_or(0);
        let (s1, c1) = x.overflowing_add(y);
        let (s2, c2) = s1.overflowing_add(carry as u64);
        out.push(s2);
        carry = c1 || c2;
    }
    if carry {
        out.push(1);
    }
    out
}

/// `a - b` for `|a| >= |b|`.
fn sub_mag(a: &[u64], b: &[u64]) -> Limbs {
    let mut out = Limbs::with_capacity(a.len());
    let mut borrow = false;
    for (i, &x) in a.iter().enumerate() {
        let y = b.get(i).copied().unwrap_or(0);
        let (d1, b1) = x.overflowing_sub(y);
        let (d2, b2) = d1.overflowing_sub(borrow as u64);
        out.push(d2);
        borrow = b1 || b2;
    }
    out
}

fn mul_word(a: &[u64], m: u64) -> Limbs {
    let mut out = Limbs::with_capacity(a.len() + 1);
    let mut carry = 0u128;
    for &x in a {
        let p = x as u128 * m as u128 + carry;
        out.push(p as u64);
        carry = p >> 64;
    }
    if carry != 0 {
        out.push(carry as u64);
    }
    out
}

fn divrem_word(a: &[u64], d: u64) -> (Limbs, u64) {
    let mut q = Limbs::from_elem(0, a.len());
    let mut r = 0u128;
    for i in (0..a.len()).rev() {
        let cur = (r << 64) | a[i] as u128;
        q[i] = (cur / d as u128) as u64;
        r = cur % d as u128;
    }
    (q, r as u64)
}

/// Builds the integer term `(-1)^neg * limbs` (normalising) on the heap.
fn make(ctx: &mut Ctx, neg: bool, mut limbs: Limbs) -> Term {
    while limbs.last() == Some(&0) {
        limbs.pop();
    }
    match limbs.len() {
        0 => return Term::small(0),
        1 if limbs[0] <= crate::term::MAX_SMALL as u64 => {
            let v = limbs[0] as i64;
            return Term::small(if neg { -v } else { v });
        }
        1 if neg && limbs[0] == crate::term::MAX_SMALL as u64 + 1 => {
            return Term::small(crate::term::MIN_SMALL);
        }
        _ => {}
    }
    let top = *limbs.last().unwrap_or(&0);
    let bits = (limbs.len() as u64 - 1) * 64 + (64 - top.leading_zeros() as u64);
    if bits > crate::bif::arith::MAX_BIG_BITS {
        return ctx.error(crate::atom::am::SYSTEM_LIMIT);
    }
    let p = ctx.alloc(1 + limbs.len());
    // SAFETY: `p` has room for the header and the limbs.
    unsafe {
        *p = make_header(limbs.len(), if neg { HDR_NEG_BIG } else { HDR_POS_BIG });
        std::ptr::copy_nonoverlapping(limbs.as_ptr(), p.add(1), limbs.len());
    }
    Term::boxed_from_ptr(p)
}

/// Signed sum of two magnitudes.
fn signed_add(ctx: &mut Ctx, an: bool, a: &[u64], bn: bool, b: &[u64]) -> Term {
    if an == bn {
        return make(ctx, an, add_mag(a, b));
    }
    match cmp_mag(a, b) {
        std::cmp::Ordering::Less => make(ctx, bn, sub_mag(b, a)),
        _ => make(ctx, an, sub_mag(a, b)),
    }
}

/// `a + b` (`negate_b`: `a - b`) for two integers, at least one a bignum.
pub fn add(ctx: &mut Ctx, a: Term, b: Term, negate_b: bool) -> Option<Term> {
    if !(a.is_bignum() || b.is_bignum()) {
        return None;
    }
    let (mut ba, mut bb) = ([0u64], [0u64]);
    let (x, y) = (mag(a, &mut ba)?, mag(b, &mut bb)?);
    let yneg = y.neg != negate_b && !y.limbs.is_empty();
    Some(signed_add(ctx, x.neg, x.limbs, yneg, y.limbs))
}

/// `a * b` when one is a bignum and the other fits a word.
pub fn mul(ctx: &mut Ctx, a: Term, b: Term) -> Option<Term> {
    if !(a.is_bignum() || b.is_bignum()) {
        return None;
    }
    let (mut ba, mut bb) = ([0u64], [0u64]);
    let (x, y) = (mag(a, &mut ba)?, mag(b, &mut bb)?);
    let (big, word) = match (x.limbs.len(), y.limbs.len()) {
        (_, 0) | (0, _) => return Some(Term::small(0)),
        (_, 1) => (&x, y.limbs[0]),
        (1, _) => (&y, x.limbs[0]),
        _ => return None,
    };
    Some(make(ctx, x.neg != y.neg, mul_word(big.limbs, word)))
}

/// `a div b` (`rem`: `a rem b`) when `a` is a bignum and `b` a non-zero
/// integer that fits a word. Truncates toward zero; the remainder has the
/// sign of the dividend, as in BEAM.
pub fn divrem(ctx: &mut Ctx, a: Term, b: Term, rem: bool) -> Option<Term> {
    if !a.is_bignum() {
        return None;
    }
    let (mut ba, mut bb) = ([0u64], [0u64]);
    let (x, y) = (mag(a, &mut ba)?, mag(b, &mut bb)?);
    if y.limbs.len() != 1 {
        return None;
    }
    let (q, r) = divrem_word(x.limbs, y.limbs[0]);
    Some(if rem {
        make(ctx, x.neg, smallvec::smallvec![r])
    } else {
        make(ctx, x.neg != y.neg, q)
    })
}

/// `band`/`bor`/`bxor` (`op` 0/1/2) of two non-negative integers, at
/// least one a bignum: limb by limb. Negative operands (two's complement
/// semantics) take the general path.
pub fn bitop(ctx: &mut Ctx, a: Term, b: Term, op: u8) -> Option<Term> {
    if !(a.is_bignum() || b.is_bignum()) {
        return None;
    }
    let (mut ba, mut bb) = ([0u64], [0u64]);
    let (x, y) = (mag(a, &mut ba)?, mag(b, &mut bb)?);
    if x.neg || y.neg {
        return None;
    }
    let n = if op == 0 {
        x.limbs.len().min(y.limbs.len())
    } else {
        x.limbs.len().max(y.limbs.len())
    };
    let mut out = Limbs::with_capacity(n);
    for i in 0..n {
        let (p, q) = (
            x.limbs.get(i).copied().unwrap_or(0),
            y.limbs.get(i).copied().unwrap_or(0),
        );
        out.push(match op {
            0 => p & q,
            1 => p | q,
            _ => p ^ q,
        });
    }
    Some(make(ctx, false, out))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::big::{make_integer, to_big};
    use crate::testutil::TestProc;
    use num_bigint::BigInt;

    fn big(s: &str) -> BigInt {
        s.parse().unwrap()
    }

    #[test]
    fn agrees_with_num_bigint() {
        let mut tp = TestProc::new();
        let vals = [
            big("0"),
            big("1"),
            big("-7"),
            big("576460752303423487"),
            big("-576460752303423488"),
            big("18446744073709551616"),
            big("-340282366920938463463374607431768211457"),
            big("123456789012345678901234567890123456789012345678901234567890"),
            big("-99999999999999999999999999999"),
        ];
        for a in &vals {
            for b in &vals {
                let ctx = tp.ctx();
                let (ta, tb) = (make_integer(ctx, a), make_integer(ctx, b));
                if let Some(r) = add(ctx, ta, tb, false) {
                    assert_eq!(to_big(r), a + b, "{a} + {b}");
                }
                if let Some(r) = add(ctx, ta, tb, true) {
                    assert_eq!(to_big(r), a - b, "{a} - {b}");
                }
                if let Some(r) = mul(ctx, ta, tb) {
                    assert_eq!(to_big(r), a * b, "{a} * {b}");
                }
                if let Some(r) = bitop(ctx, ta, tb, 0) {
                    assert_eq!(to_big(r), a & b, "{a} band {b}");
                }
                if let Some(r) = bitop(ctx, ta, tb, 1) {
                    assert_eq!(to_big(r), a | b, "{a} bor {b}");
                }
                if let Some(r) = bitop(ctx, ta, tb, 2) {
                    assert_eq!(to_big(r), a ^ b, "{a} bxor {b}");
                }
                if *b != big("0") {
                    if let Some(r) = divrem(ctx, ta, tb, false) {
                        assert_eq!(to_big(r), a / b, "{a} div {b}");
                    }
                    if let Some(r) = divrem(ctx, ta, tb, true) {
                        assert_eq!(to_big(r), a % b, "{a} rem {b}");
                    }
                }
            }
        }
    }
}
