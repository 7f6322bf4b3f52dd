//! Fast paths for integer operations on bignums: they work on the heap's
//! limbs directly (see `limbs`) and write the result straight into a heap
//! allocation, skipping the conversions to and from `num_bigint` (which
//! cost more than the arithmetic at the sizes Erlang programs use).
//!
//! Covered: `+`/`-`; `*` (schoolbook while the shorter operand is small;
//! larger products return `None` and go to num-bigint's Karatsuba/Toom);
//! `div`/`rem` by a one-limb divisor (or a larger divisor than the
//! dividend); `band`/`bor`/`bxor` with two's complement semantics for
//! negatives; `bsl`/`bsr`; unary `-`, `abs`, `bnot`; radix conversion.
//! Results are normalised exactly as BEAM's: a value that fits a small is
//! a small, and a result above BEAM's size limit raises `system_limit`.
//! `None` means "not handled here": the caller's general path runs.

mod limbs;
#[cfg(test)]
mod tests;

use crate::data::big::MAX_BIG_BITS;
use crate::heap::ctx::Ctx;
use crate::term::atom::am;
use crate::term::{
    header_arity, header_subtag, make_header, Term, HDR_NEG_BIG, HDR_POS_BIG, MAX_SMALL, MIN_SMALL,
};
use std::cmp::Ordering;

/// Below this many limbs in the shorter operand, `*` is schoolbook here;
/// above, num-bigint's subquadratic algorithms win.
const MUL_SCHOOLBOOK_MAX: usize = 32;

/// Sign and magnitude of an integer term (a small's magnitude lives in a
/// caller-provided one-limb buffer). Zero has an empty magnitude.
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
        // SAFETY: `t` is a bignum: a header with `n` limbs after it. The
        // heap object is not moved or freed while the BIF runs (BIFs
        // never collect; `Ctx::alloc` never moves existing terms).
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

/// The value of integer `t` if its magnitude fits one limb (a small, or
/// a one-limb bignum): the common bignums of 64-bit arithmetic (a product
/// of two smalls, a hash step), computed in `i128` without limb loops.
#[inline]
fn as_i128(t: Term) -> Option<i128> {
    if t.is_small() {
        return Some(t.small_value() as i128);
    }
    let mut buf = [0u64];
    let m = mag(t, &mut buf)?;
    match m.limbs {
        [l] => Some(if m.neg { -(*l as i128) } else { *l as i128 }),
        _ => None,
    }
}

/// `a op b` in `i128` when both fit `as_i128` and `op` does not overflow
/// (it returns `None` then: a product of two full limbs needs 128 bits
/// of magnitude); `None` otherwise, for the general paths.
#[inline]
pub fn small_pair(
    ctx: &mut Ctx,
    a: Term,
    b: Term,
    op: fn(i128, i128) -> Option<i128>,
) -> Option<Term> {
    let r = op(as_i128(a)?, as_i128(b)?)?;
    Some(crate::data::big::make_i128(ctx, r))
}

/// Number of significant bits of a normalised magnitude.
fn bit_len(m: &[u64]) -> u64 {
    match m.last() {
        None => 0,
        Some(&top) => (m.len() as u64 - 1) * 64 + (64 - top.leading_zeros() as u64),
    }
}

/// A bignum being built in place on the heap: a header word followed by
/// room for `cap` limbs. `finish` normalises it and gives back the words
/// it did not need.
struct Out {
    p: *mut u64,
    cap: usize,
}

impl Out {
    fn new(ctx: &mut Ctx, cap: usize) -> Out {
        Out {
            p: ctx.alloc(1 + cap),
            cap,
        }
    }

    /// The limb area. Fresh heap memory, disjoint from every existing
    /// term, so it never aliases an operand's limbs.
    fn limbs(&mut self) -> &mut [u64] {
        // SAFETY: `p` holds 1 + cap words allocated by `new`.
        unsafe { std::slice::from_raw_parts_mut(self.p.add(1), self.cap) }
    }

    /// The integer `(-1)^neg * limbs`: a small when it fits, else a
    /// normalised bignum; `system_limit` above BEAM's largest bignum.
    fn finish(mut self, ctx: &mut Ctx, neg: bool) -> Term {
        let l = self.limbs();
        let mut n = l.len();
        while n > 0 && l[n - 1] == 0 {
            n -= 1;
        }
        let small = match n {
            0 => Some(0),
            1 if l[0] <= MAX_SMALL as u64 => Some(if neg { -(l[0] as i64) } else { l[0] as i64 }),
            1 if neg && l[0] == MAX_SMALL as u64 + 1 => Some(MIN_SMALL),
            _ => None,
        };
        if let Some(v) = small {
            release(ctx, self.p, 1 + self.cap, 0);
            return Term::small(v);
        }
        if bit_len(&l[..n]) > MAX_BIG_BITS {
            release(ctx, self.p, 1 + self.cap, 0);
            return ctx.error(am::SYSTEM_LIMIT);
        }
        // SAFETY: `p` is the header slot of this allocation.
        unsafe { *self.p = make_header(n, if neg { HDR_NEG_BIG } else { HDR_POS_BIG }) };
        release(ctx, self.p, 1 + self.cap, 1 + n);
        Term::boxed_from_ptr(self.p)
    }
}

/// Gives back the last `alloc - keep` words of the `alloc`-word block at
/// `p` (the most recent allocation): by lowering the heap top or the last
/// fragment's fill mark when the block ends there, else by covering the
/// tail with a filler object (a raw-data header, which nothing reads: the
/// heap is only reached through pointers).
fn release(ctx: &mut Ctx, p: *mut u64, alloc: usize, keep: usize) {
    if keep == alloc {
        return;
    }
    // SAFETY: `p` holds `alloc` words; `keep < alloc`.
    unsafe {
        let end = p.add(alloc);
        if end == ctx.hp {
            ctx.hp = p.add(keep);
            return;
        }
        let frags = &mut (*ctx.proc_).frags;
        if let Some(f) = frags.last_mut() {
            if f.words.as_mut_ptr().add(f.used) == end {
                f.used -= alloc - keep;
                return;
            }
        }
        *p.add(keep) = make_header(alloc - keep - 1, HDR_POS_BIG);
    }
}

/// Signed sum of two magnitudes.
fn signed_add(ctx: &mut Ctx, an: bool, a: &[u64], bn: bool, b: &[u64]) -> Term {
    if an == bn {
        let (a, b) = if a.len() >= b.len() { (a, b) } else { (b, a) };
        let mut o = Out::new(ctx, a.len() + 1);
        let l = o.limbs();
        l[a.len()] = limbs::add(&mut l[..a.len()], a, b);
        return o.finish(ctx, an);
    }
    let (neg, big, small) = match limbs::cmp(a, b) {
        Ordering::Less => (bn, b, a),
        _ => (an, a, b),
    };
    let mut o = Out::new(ctx, big.len());
    limbs::sub(o.limbs(), big, small);
    o.finish(ctx, neg)
}

/// `a + b` (`negate_b`: `a - b`) for two integers, at least one a bignum.
pub fn add(ctx: &mut Ctx, a: Term, b: Term, negate_b: bool) -> Option<Term> {
    if !(a.is_bignum() || b.is_bignum()) {
        return None;
    }
    let (mut ba, mut bb) = ([0u64], [0u64]);
    let (x, y) = (mag(a, &mut ba)?, mag(b, &mut bb)?);
    Some(signed_add(ctx, x.neg, x.limbs, y.neg != negate_b, y.limbs))
}

/// `a * b` for two integers, at least one a bignum, unless both are large
/// (then `None`: num-bigint's subquadratic multiplication).
pub fn mul(ctx: &mut Ctx, a: Term, b: Term) -> Option<Term> {
    if !(a.is_bignum() || b.is_bignum()) {
        return None;
    }
    let (mut ba, mut bb) = ([0u64], [0u64]);
    let (x, y) = (mag(a, &mut ba)?, mag(b, &mut bb)?);
    if x.limbs.is_empty() || y.limbs.is_empty() {
        return Some(Term::small(0));
    }
    let (long, short) = if x.limbs.len() >= y.limbs.len() {
        (x.limbs, y.limbs)
    } else {
        (y.limbs, x.limbs)
    };
    if short.len() > MUL_SCHOOLBOOK_MAX {
        return None;
    }
    // The product has bit_len(a) + bit_len(b) (or one fewer) bits.
    if bit_len(long) + bit_len(short) - 1 > MAX_BIG_BITS {
        return Some(ctx.error(am::SYSTEM_LIMIT));
    }
    let mut o = Out::new(ctx, long.len() + short.len());
    let l = o.limbs();
    if short.len() == 1 {
        l[long.len()] = limbs::mul_1(&mut l[..long.len()], long, short[0]);
    } else {
        limbs::mul(l, long, short);
    }
    Some(o.finish(ctx, x.neg != y.neg))
}

/// `a div b` (`rem`: `a rem b`) for two integers, at least one a bignum,
/// when the divisor fits a limb or exceeds the dividend; otherwise `None`
/// (and for a zero divisor, left to the general path's `badarith`).
/// Truncates toward zero; the remainder has the sign of the dividend.
pub fn divrem(ctx: &mut Ctx, a: Term, b: Term, rem: bool) -> Option<Term> {
    if !(a.is_bignum() || b.is_bignum()) {
        return None;
    }
    let (mut ba, mut bb) = ([0u64], [0u64]);
    let (x, y) = (mag(a, &mut ba)?, mag(b, &mut bb)?);
    if y.limbs.is_empty() {
        return None;
    }
    if limbs::cmp(x.limbs, y.limbs) == Ordering::Less {
        return Some(if rem { a } else { Term::small(0) });
    }
    if y.limbs.len() != 1 {
        return None;
    }
    let d = limbs::Divisor::new(y.limbs[0]);
    if rem {
        let r = d.rem(x.limbs) as i128;
        return Some(crate::data::big::make_i128(ctx, if x.neg { -r } else { r }));
    }
    let mut q = Out::new(ctx, x.limbs.len());
    d.divrem(q.limbs(), x.limbs);
    Some(q.finish(ctx, x.neg != y.neg))
}

/// `band`/`bor`/`bxor` (`op` 0/1/2) of two integers, at least one a
/// bignum, with BEAM's semantics: negative numbers act as infinite two's
/// complement bit strings.
pub fn bitop(ctx: &mut Ctx, a: Term, b: Term, op: u8) -> Option<Term> {
    if !(a.is_bignum() || b.is_bignum()) {
        return None;
    }
    let (mut ba, mut bb) = ([0u64], [0u64]);
    let (x, y) = (mag(a, &mut ba)?, mag(b, &mut bb)?);
    let f = |p: u64, q: u64| match op {
        0 => p & q,
        1 => p | q,
        _ => p ^ q,
    };
    let (lx, ly) = (x.limbs.len(), y.limbs.len());
    let n = match (op, x.neg, y.neg) {
        // A non-negative operand of band bounds the result.
        (0, false, false) => lx.min(ly),
        (0, false, true) => lx,
        (0, true, false) => ly,
        _ => lx.max(ly),
    };
    // The result's sign: the operation on the sign words.
    let sign = |neg: bool| if neg { !0u64 } else { 0 };
    let rneg = f(sign(x.neg), sign(y.neg)) != 0;
    let mut o = Out::new(ctx, n + 1);
    let l = o.limbs();
    let (mut bx, mut by) = (true, true);
    for (i, r) in l[..n].iter_mut().enumerate() {
        let p = limbs::twos(x.neg, x.limbs, i, &mut bx);
        let q = limbs::twos(y.neg, y.limbs, i, &mut by);
        *r = f(p, q);
    }
    l[n] = 0;
    if rneg {
        // Back to a magnitude: -r = !r + 1 (r's limbs above n are all
        // ones, so !r is zero there; the carry may reach limb n).
        for r in l[..n].iter_mut() {
            *r = !*r;
        }
        l[n] = limbs::incr(&mut l[..n]);
    }
    Some(o.finish(ctx, rneg))
}

/// `a bsl left` for an integer `a` (a negative `left` shifts right, an
/// arithmetic shift that rounds toward minus infinity, as BEAM's `bsr`).
/// `None` if `a` is not an integer. Counts beyond any possible result are
/// fine: a left shift of a non-zero value past the bignum limit raises
/// `system_limit`, a right shift past all bits gives 0 or -1.
pub fn shift(ctx: &mut Ctx, a: Term, left: i128) -> Option<Term> {
    let mut ba = [0u64];
    let x = mag(a, &mut ba)?;
    let bits = bit_len(x.limbs) as i128;
    if bits == 0 {
        return Some(Term::small(0));
    }
    if left >= 0 {
        if bits + left > MAX_BIG_BITS as i128 {
            return Some(ctx.error(am::SYSTEM_LIMIT));
        }
        if a.is_small() && bits + left < 63 {
            return Some(crate::data::big::make_i64(ctx, a.small_value() << left));
        }
        let left = left as usize;
        let (words, rest) = (left / 64, (left % 64) as u32);
        let m = x.limbs;
        let mut o = Out::new(ctx, words + m.len() + 1);
        let l = o.limbs();
        l[..words].fill(0);
        limbs::shl(&mut l[words..], m, rest);
        return Some(o.finish(ctx, x.neg));
    }
    let right = -left;
    if right >= bits {
        return Some(Term::small(if x.neg { -1 } else { 0 }));
    }
    if a.is_small() {
        return Some(Term::small(a.small_value() >> right));
    }
    let right = right as usize;
    let (words, rest) = (right / 64, (right % 64) as u32);
    let m = x.limbs;
    let keep = m.len() - words;
    let mut o = Out::new(ctx, keep + 1);
    let l = o.limbs();
    limbs::shr(&mut l[..keep], &m[words..], rest);
    l[keep] = 0;
    if x.neg {
        // Rounding toward minus infinity: -floor(-m / 2^n) is the
        // magnitude shifted, plus one if any 1 bit was shifted out.
        let lost = m[..words].iter().any(|&w| w != 0)
            || (rest > 0 && m[words] & ((1u64 << rest) - 1) != 0);
        if lost {
            l[keep] = limbs::incr(&mut l[..keep]);
        }
    }
    Some(o.finish(ctx, x.neg))
}

/// `-a` (`abs`: `abs(a)`) for a bignum `a`; `None` for anything else.
pub fn negate(ctx: &mut Ctx, a: Term, abs: bool) -> Option<Term> {
    if !a.is_bignum() {
        return None;
    }
    let mut ba = [0u64];
    let x = mag(a, &mut ba)?;
    if abs && !x.neg {
        return Some(a);
    }
    let mut o = Out::new(ctx, x.limbs.len());
    o.limbs().copy_from_slice(x.limbs);
    Some(o.finish(ctx, !abs && !x.neg))
}

/// `bnot a` = `-a - 1` for a bignum `a`; `None` for anything else.
pub fn bnot(ctx: &mut Ctx, a: Term) -> Option<Term> {
    if !a.is_bignum() {
        return None;
    }
    let mut ba = [0u64];
    let x = mag(a, &mut ba)?;
    Some(signed_add(ctx, !x.neg, x.limbs, true, &[1]))
}

/// The digits of a bignum in `base` (2..=36) as `integer_to_list/2`
/// writes them: uppercase letters, a leading '-' for negatives. `None`
/// for anything but a bignum.
pub fn to_radix(t: Term, base: u32) -> Option<Vec<u8>> {
    if !t.is_bignum() {
        return None;
    }
    let mut buf = [0u64];
    let x = mag(t, &mut buf)?;
    let digits = limbs::to_radix(x.limbs, base);
    if !x.neg {
        return Some(digits);
    }
    let mut s = Vec::with_capacity(digits.len() + 1);
    s.push(b'-');
    s.extend_from_slice(&digits);
    Some(s)
}
