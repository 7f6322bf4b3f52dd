//! Arithmetic on little-endian `u64` limb slices (magnitudes), the
//! building blocks of `bigfast`. Nothing here allocates except the
//! schoolbook product's callers and `to_radix`; outputs are caller-provided
//! slices (on the process heap, usually).

use std::cmp::Ordering;

/// `a + b + carry`, returning the sum and the carry out.
#[inline(always)]
fn adc(a: u64, b: u64, carry: u8) -> (u64, u8) {
    #[cfg(target_arch = "x86_64")]
    {
        let mut out = 0u64;
        // SAFETY: `adc` is part of the x86-64 baseline; the intrinsic only
        // writes `out`.
        #[allow(unused_unsafe)]
        let c = unsafe { core::arch::x86_64::_addcarry_u64(carry, a, b, &mut out) };
        (out, c)
    }
    #[cfg(not(target_arch = "x86_64"))]
    {
        let s = a as u128 + b as u128 + carry as u128;
        (s as u64, (s >> 64) as u8)
    }
}

/// `a - b - borrow`, returning the difference and the borrow out.
#[inline(always)]
fn sbb(a: u64, b: u64, borrow: u8) -> (u64, u8) {
    #[cfg(target_arch = "x86_64")]
    {
        let mut out = 0u64;
        // SAFETY: `sbb` is part of the x86-64 baseline; the intrinsic only
        // writes `out`.
        #[allow(unused_unsafe)]
        let c = unsafe { core::arch::x86_64::_subborrow_u64(borrow, a, b, &mut out) };
        (out, c)
    }
    #[cfg(not(target_arch = "x86_64"))]
    {
        let (d1, b1) = a.overflowing_sub(b);
        let (d2, b2) = d1.overflowing_sub(borrow as u64);
        (d2, (b1 | b2) as u8)
    }
}

/// Compares two normalised magnitudes (no leading zero limbs).
pub fn cmp(a: &[u64], b: &[u64]) -> Ordering {
    a.len()
        .cmp(&b.len())
        .then_with(|| a.iter().rev().cmp(b.iter().rev()))
}

/// `out = a + b` for `a.len() >= b.len()`, `out.len() == a.len()`;
/// returns the carry out of the top limb.
pub fn add(out: &mut [u64], a: &[u64], b: &[u64]) -> u64 {
    debug_assert!(a.len() >= b.len() && out.len() == a.len());
    let n = b.len();
    let mut c = 0u8;
    for ((o, &x), &y) in out[..n].iter_mut().zip(&a[..n]).zip(b) {
        let (s, c2) = adc(x, y, c);
        *o = s;
        c = c2;
    }
    let mut i = n;
    while c != 0 && i < a.len() {
        let (s, c2) = a[i].overflowing_add(1);
        out[i] = s;
        c = c2 as u8;
        i += 1;
    }
    out[i..].copy_from_slice(&a[i..]);
    c as u64
}

/// `out = a - b` for `a >= b` (as numbers), `out.len() == a.len()`.
pub fn sub(out: &mut [u64], a: &[u64], b: &[u64]) {
    debug_assert!(a.len() >= b.len() && out.len() == a.len());
    let n = b.len();
    let mut c = 0u8;
    for ((o, &x), &y) in out[..n].iter_mut().zip(&a[..n]).zip(b) {
        let (d, c2) = sbb(x, y, c);
        *o = d;
        c = c2;
    }
    let mut i = n;
    while c != 0 && i < a.len() {
        let (d, c2) = a[i].overflowing_sub(1);
        out[i] = d;
        c = c2 as u8;
        i += 1;
    }
    debug_assert!(c == 0, "sub: a < b");
    out[i..].copy_from_slice(&a[i..]);
}

/// `out[..a.len()] = a * m`, returning the top (carry) limb.
pub fn mul_1(out: &mut [u64], a: &[u64], m: u64) -> u64 {
    let mut carry = 0u64;
    for (o, &x) in out.iter_mut().zip(a) {
        let p = x as u128 * m as u128 + carry as u128;
        *o = p as u64;
        carry = (p >> 64) as u64;
    }
    carry
}

/// `acc[..a.len()] += a * m`, returning the carry limb.
fn addmul_1(acc: &mut [u64], a: &[u64], m: u64) -> u64 {
    let mut carry = 0u64;
    for (o, &x) in acc.iter_mut().zip(a) {
        let p = x as u128 * m as u128 + *o as u128 + carry as u128;
        *o = p as u64;
        carry = (p >> 64) as u64;
    }
    carry
}

/// Schoolbook product: `out = a * b`, `out.len() == a.len() + b.len()`.
/// Quadratic: for operands up to a few dozen limbs, where it beats the
/// asymptotically faster methods.
pub fn mul(out: &mut [u64], a: &[u64], b: &[u64]) {
    debug_assert_eq!(out.len(), a.len() + b.len());
    let (a, b) = if a.len() >= b.len() { (a, b) } else { (b, a) };
    if b.is_empty() {
        out.fill(0);
        return;
    }
    let la = a.len();
    out[la] = mul_1(&mut out[..la], a, b[0]);
    out[la + 1..].fill(0);
    for (j, &m) in b.iter().enumerate().skip(1) {
        out[j + la] = addmul_1(&mut out[j..j + la], a, m);
    }
}

/// A divisor of one limb prepared for division by multiplication
/// (Möller & Granlund, "Improved division by invariant integers", 2011):
/// the divisor shifted so its top bit is set, the shift, and the
/// reciprocal `floor((2^128 - 1) / d) - 2^64`. Replaces a 128-by-64-bit
/// hardware division per limb (a slow library call in Rust) by two
/// multiplications.
#[derive(Clone, Copy)]
pub struct Divisor {
    d: u64,
    shift: u32,
    v: u64,
}

impl Divisor {
    /// `d` must be non-zero.
    pub fn new(d: u64) -> Divisor {
        debug_assert!(d != 0);
        let shift = d.leading_zeros();
        let d = d << shift;
        // The quotient is in [2^64, 2^65): its low word is v.
        let v = (u128::MAX / d as u128) as u64;
        Divisor { d, shift, v }
    }

    /// `(u1:u0) / d` for a normalised `d` and `u1 < d`: (quotient, rem).
    #[inline(always)]
    fn div_2by1(&self, u1: u64, u0: u64) -> (u64, u64) {
        let q = (self.v as u128) * (u1 as u128);
        let q = q.wrapping_add(((u1 as u128) << 64) | u0 as u128);
        let mut q1 = ((q >> 64) as u64).wrapping_add(1);
        let q0 = q as u64;
        let mut r = u0.wrapping_sub(q1.wrapping_mul(self.d));
        if r > q0 {
            q1 = q1.wrapping_sub(1);
            r = r.wrapping_add(self.d);
        }
        if r >= self.d {
            q1 = q1.wrapping_add(1);
            r -= self.d;
        }
        (q1, r)
    }

    /// `q = a / d`, returning `a % d`; `q.len() == a.len()`.
    pub fn divrem(&self, q: &mut [u64], a: &[u64]) -> u64 {
        debug_assert_eq!(q.len(), a.len());
        let n = a.len();
        if n == 0 {
            return 0;
        }
        let s = self.shift;
        if s == 0 {
            let mut r = 0u64;
            for i in (0..n).rev() {
                let (qi, ri) = self.div_2by1(r, a[i]);
                q[i] = qi;
                r = ri;
            }
            return r;
        }
        // Divide (a << s) by (d << s): same quotient, remainder << s.
        let mut r = a[n - 1] >> (64 - s);
        for i in (0..n).rev() {
            let lo = if i > 0 { a[i - 1] >> (64 - s) } else { 0 };
            let (qi, ri) = self.div_2by1(r, (a[i] << s) | lo);
            q[i] = qi;
            r = ri;
        }
        r >> s
    }

    /// `a % d`.
    pub fn rem(&self, a: &[u64]) -> u64 {
        let n = a.len();
        if n == 0 {
            return 0;
        }
        let s = self.shift;
        let mut r = if s == 0 { 0 } else { a[n - 1] >> (64 - s) };
        for i in (0..n).rev() {
            let lo = if s > 0 && i > 0 {
                a[i - 1] >> (64 - s)
            } else {
                0
            };
            r = self.div_2by1(r, (a[i] << s) | lo).1;
        }
        r >> s
    }

    /// `a = a / d`, returning `a % d`.
    pub fn divrem_in_place(&self, a: &mut [u64]) -> u64 {
        let n = a.len();
        if n == 0 {
            return 0;
        }
        let s = self.shift;
        let mut r = if s == 0 { 0 } else { a[n - 1] >> (64 - s) };
        for i in (0..n).rev() {
            let lo = if s > 0 && i > 0 {
                a[i - 1] >> (64 - s)
            } else {
                0
            };
            let (qi, ri) = self.div_2by1(r, (a[i] << s) | lo);
            a[i] = qi;
            r = ri;
        }
        r >> s
    }
}

/// `out = a << bits` for `bits < 64`, `out.len() == a.len() + 1`.
pub fn shl(out: &mut [u64], a: &[u64], bits: u32) {
    debug_assert!(bits < 64 && out.len() == a.len() + 1);
    if bits == 0 {
        out[..a.len()].copy_from_slice(a);
        out[a.len()] = 0;
        return;
    }
    let mut prev = 0u64;
    for (o, &x) in out.iter_mut().zip(a) {
        *o = (x << bits) | (prev >> (64 - bits));
        prev = x;
    }
    out[a.len()] = prev >> (64 - bits);
}

/// `out = a >> bits` for `bits < 64`, `out.len() == a.len()`.
pub fn shr(out: &mut [u64], a: &[u64], bits: u32) {
    debug_assert!(bits < 64 && out.len() == a.len());
    if bits == 0 {
        out.copy_from_slice(a);
        return;
    }
    let n = a.len();
    for i in 0..n {
        let hi = if i + 1 < n {
            a[i + 1] << (64 - bits)
        } else {
            0
        };
        out[i] = (a[i] >> bits) | hi;
    }
}

/// Adds 1 to `a` in place, returning the carry out.
pub fn incr(a: &mut [u64]) -> u64 {
    for x in a.iter_mut() {
        let (s, c) = x.overflowing_add(1);
        *x = s;
        if !c {
            return 0;
        }
    }
    1
}

/// Limb `i` of the infinite two's complement form of `(-1)^neg * m`;
/// `borrow` carries the state of `m - 1` (start with `true`), limbs are
/// asked for in increasing order. `-m` is `!(m - 1)`.
#[inline]
pub fn twos(neg: bool, m: &[u64], i: usize, borrow: &mut bool) -> u64 {
    let x = m.get(i).copied().unwrap_or(0);
    if !neg {
        return x;
    }
    let (d, b) = x.overflowing_sub(*borrow as u64);
    *borrow = b;
    !d
}

/// Digits of the magnitude `a` in `base` (2..=36), most significant
/// first, uppercase letters, no sign; "0" for zero. Quadratic (repeated
/// division by the largest power of the base that fits a limb), as BEAM.
pub fn to_radix(a: &[u64], base: u32) -> Vec<u8> {
    debug_assert!((2..=36).contains(&base));
    let base = base as u64;
    // Largest power base^k that fits a u64.
    let (mut chunk, mut k) = (base, 1usize);
    while let Some(c) = chunk.checked_mul(base) {
        chunk = c;
        k += 1;
    }
    let div = Divisor::new(chunk);
    let mut n: Vec<u64> = a.to_vec();
    while n.last() == Some(&0) {
        n.pop();
    }
    // Chunks, least significant first.
    let mut chunks: Vec<u64> = Vec::with_capacity(n.len() * 64 / (k * 3) + 2);
    while n.len() > 1 {
        chunks.push(div.divrem_in_place(&mut n));
        if n.last() == Some(&0) {
            n.pop();
        }
    }
    let top = n.first().copied().unwrap_or(0);
    let mut out = Vec::with_capacity(chunks.len() * k + 20);
    push_digits(&mut out, top, base, 0);
    for &c in chunks.iter().rev() {
        push_digits(&mut out, c, base, k);
    }
    out
}

/// Appends the digits of `v` in `base`, left-padded with zeros to `width`.
fn push_digits(out: &mut Vec<u8>, v: u64, base: u64, width: usize) {
    // A constant base lets the compiler divide by multiplication.
    match base {
        10 => push_digits_in(out, v, 10, width),
        16 => push_digits_in(out, v, 16, width),
        _ => push_digits_in(out, v, base, width),
    }
}

#[inline(always)]
fn push_digits_in(out: &mut Vec<u8>, mut v: u64, base: u64, width: usize) {
    let mut buf = [b'0'; 64];
    let mut i = buf.len();
    loop {
        let d = (v % base) as u8;
        i -= 1;
        buf[i] = if d < 10 { b'0' + d } else { b'A' + d - 10 };
        v /= base;
        if v == 0 {
            break;
        }
    }
    let start = (buf.len() - width).min(i);
    out.extend_from_slice(&buf[start..]);
}
