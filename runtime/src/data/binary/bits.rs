//! Bit-level helpers: copying bit ranges, a growable bit writer, and the
//! encodings of integer, float and UTF segments (both directions).

use super::BitView;
use crate::data::big;
use crate::heap::ctx::Ctx;
use crate::term::{Term, NON_VALUE};
use num_bigint::{BigInt, Sign};

/// Segment flags, as the compiler encodes them.
pub const F_LITTLE: u32 = 2;
pub const F_SIGNED: u32 = 4;
pub const F_NATIVE: u32 = 16;

/// True if the flags ask for little-endian order (native is little here).
#[inline]
pub fn little(flags: u32) -> bool {
    flags & F_LITTLE != 0 || (flags & F_NATIVE != 0 && cfg!(target_endian = "little"))
}

/// Copies `n` bits from bit `so` of `src` to bit `do_` of `dst`.
/// # Safety
/// Both ranges must be inside their buffers; `dst` must be writable and
/// not overlap the source range.
pub unsafe fn copy_bits(src: *const u8, so: usize, dst: *mut u8, do_: usize, n: usize) {
    if n == 0 {
        return;
    }
    if so.is_multiple_of(8) && do_.is_multiple_of(8) {
        let whole = n / 8;
        if whole < 16 {
            // A few bytes: a libc call costs more than the copy.
            for i in 0..whole {
                *dst.add(do_ / 8 + i) = *src.add(so / 8 + i);
            }
        } else {
            std::ptr::copy_nonoverlapping(src.add(so / 8), dst.add(do_ / 8), whole);
        }
        let rest = n % 8;
        if rest > 0 {
            let s = *src.add(so / 8 + whole);
            let d = dst.add(do_ / 8 + whole);
            let mask = 0xffu8 << (8 - rest);
            *d = (*d & !mask) | (s & mask);
        }
        return;
    }
    let mut i = 0;
    while i < n {
        let sa = so + i;
        let da = do_ + i;
        // Copy up to the next byte boundary of either side.
        let chunk = (8 - sa % 8).min(8 - da % 8).min(n - i);
        let sb = *src.add(sa / 8);
        let v = (sb >> (8 - sa % 8 - chunk)) & (((1u16 << chunk) - 1) as u8);
        let d = dst.add(da / 8);
        let shift = 8 - da % 8 - chunk;
        let mask = (((1u16 << chunk) - 1) as u8) << shift;
        *d = (*d & !mask) | (v << shift);
        i += chunk;
    }
}

/// A growable buffer written bit by bit (big-endian bit order).
#[derive(Default)]
pub struct BitWriter {
    pub buf: Vec<u8>,
    pub bits: usize,
}

impl BitWriter {
    pub fn with_capacity(bytes: usize) -> BitWriter {
        BitWriter {
            buf: Vec::with_capacity(bytes),
            bits: 0,
        }
    }

    fn reserve_bits(&mut self, n: usize) {
        let need = (self.bits + n).div_ceil(8);
        if self.buf.len() < need {
            self.buf.resize(need, 0);
        }
    }

    /// Appends `n` bits of the view.
    pub fn put_view(&mut self, v: &BitView, n: usize) {
        self.reserve_bits(n);
        // SAFETY: the view covers n bits; the buffer was grown to hold them.
        unsafe { copy_bits(v.ptr, v.off, self.buf.as_mut_ptr(), self.bits, n) };
        self.bits += n;
    }

    /// Appends whole bytes.
    pub fn put_bytes(&mut self, b: &[u8]) {
        if self.bits.is_multiple_of(8) {
            self.buf.truncate(self.bits / 8);
            self.buf.extend_from_slice(b);
            self.bits += b.len() * 8;
        } else {
            let v = BitView {
                ptr: b.as_ptr(),
                off: 0,
                bits: b.len() * 8,
            };
            self.put_view(&v, v.bits);
        }
    }

    /// Appends the low `n` bits of the two's complement bytes `be` (big
    /// endian, sign-extended with `fill`) in big-endian order.
    fn put_be_bits(&mut self, be: &[u8], fill: u8, n: usize) {
        let nbytes = n.div_ceil(8);
        let mut tmp = vec![fill; nbytes];
        let k = be.len().min(nbytes);
        tmp[nbytes - k..].copy_from_slice(&be[be.len() - k..]);
        // The value occupies the low n bits of `tmp`: skip the top pad bits.
        let pad = nbytes * 8 - n;
        let v = BitView {
            ptr: tmp.as_ptr(),
            off: pad,
            bits: n,
        };
        self.put_view(&v, n);
    }

    /// Appends integer `t` as an `n`-bit segment. `false` if `t` is not an
    /// integer.
    pub fn put_integer(&mut self, t: Term, n: usize, flags: u32) -> bool {
        if n == 0 {
            return t.is_integer();
        }
        if t.is_small() && n <= 64 {
            // The common case without heap allocation: a small integer in
            // at most 64 bits, from stack buffers.
            let v = t.small_value();
            let fill = if v < 0 { 0xff } else { 0 };
            if !little(flags) {
                self.put_be_bits(&v.to_be_bytes(), fill, n);
            } else {
                let nbytes = n.div_ceil(8);
                let mut tmp = v.to_le_bytes();
                let rest = n % 8;
                if rest != 0 {
                    tmp[nbytes - 1] <<= 8 - rest;
                }
                let v = BitView {
                    ptr: tmp.as_ptr(),
                    off: 0,
                    bits: n,
                };
                self.put_view(&v, n);
            }
            return true;
        }
        let (be, fill): (Vec<u8>, u8) = if t.is_small() {
            let v = t.small_value();
            (v.to_be_bytes().to_vec(), if v < 0 { 0xff } else { 0 })
        } else if t.is_bignum() {
            let b = big::to_big(t);
            let fill = if b.sign() == Sign::Minus { 0xff } else { 0 };
            (b.to_signed_bytes_be(), fill)
        } else {
            return false;
        };
        if little(flags) {
            // Little endian: the bytes of the n-bit value, least significant
            // first; the partial last byte holds the value's top n % 8 bits
            // (emitted as the byte's high bits).
            let nbytes = n.div_ceil(8);
            let mut tmp = vec![fill; nbytes];
            let k = be.len().min(nbytes);
            tmp[nbytes - k..].copy_from_slice(&be[be.len() - k..]);
            tmp.reverse();
            let rest = n % 8;
            if rest != 0 {
                // Keep the low `rest` bits of the most significant byte,
                // moved to the top of the byte.
                let last = nbytes - 1;
                tmp[last] <<= 8 - rest;
            }
            let v = BitView {
                ptr: tmp.as_ptr(),
                off: 0,
                bits: n,
            };
            self.put_view(&v, n);
        } else {
            self.put_be_bits(&be, fill, n);
        }
        true
    }

    /// Appends a float segment of `n` bits (16, 32 or 64). `false` if the
    /// value is not a number or the size is invalid.
    pub fn put_float(&mut self, t: Term, n: usize, flags: u32) -> bool {
        let f = if t.is_float() {
            // SAFETY: checked above.
            unsafe { t.float_value() }
        } else if t.is_integer() {
            match big::to_f64(t) {
                Some(f) if f.is_finite() => f,
                _ => return false,
            }
        } else {
            return false;
        };
        let mut bytes = match n {
            64 => f.to_be_bytes().to_vec(),
            // Out of range for the narrower formats gives infinity, as in BEAM.
            32 => (f as f32).to_be_bytes().to_vec(),
            16 => f64_to_f16(f).to_be_bytes().to_vec(),
            _ => return false,
        };
        if little(flags) {
            bytes.reverse();
        }
        self.put_bytes(&bytes);
        true
    }

    /// Appends a code point in UTF-8/16/32; `false` if it is not a valid
    /// Unicode scalar value.
    pub fn put_utf(&mut self, t: Term, kind: u32, flags: u32) -> bool {
        if !t.is_small() {
            return false;
        }
        let c = t.small_value();
        let Some(ch) = u32::try_from(c).ok().and_then(char::from_u32) else {
            return false;
        };
        match kind {
            8 => {
                let mut b = [0u8; 4];
                let s = ch.encode_utf8(&mut b);
                self.put_bytes(s.as_bytes());
            }
            16 => {
                let mut u = [0u16; 2];
                for w in ch.encode_utf16(&mut u).iter() {
                    let b = if little(flags) {
                        w.to_le_bytes()
                    } else {
                        w.to_be_bytes()
                    };
                    self.put_bytes(&b);
                }
            }
            _ => {
                let v = ch as u32;
                let b = if little(flags) {
                    v.to_le_bytes()
                } else {
                    v.to_be_bytes()
                };
                self.put_bytes(&b);
            }
        }
        true
    }
}

/// f64 → IEEE half, rounding to nearest even; infinity when too large.
pub fn f64_to_f16(f: f64) -> u16 {
    f64_to_f16_checked(f).unwrap_or(if f < 0.0 { 0xfc00 } else { 0x7c00 })
}

fn f64_to_f16_checked(f: f64) -> Option<u16> {
    let f32v = f as f32;
    let x = f32v.to_bits();
    let sign = ((x >> 16) & 0x8000) as u16;
    let exp = ((x >> 23) & 0xff) as i32;
    let man = x & 0x7f_ffff;
    if exp == 0xff {
        return None;
    }
    let e = exp - 127 + 15;
    if e >= 31 {
        return None;
    }
    if e <= 0 {
        if e < -10 {
            return Some(sign);
        }
        let m = man | 0x80_0000;
        let shift = (14 - e) as u32;
        let half = m >> shift;
        let rem = m & ((1 << shift) - 1);
        let mid = 1 << (shift - 1);
        let r = if rem > mid || (rem == mid && half & 1 == 1) {
            half + 1
        } else {
            half
        };
        return Some(sign | r as u16);
    }
    let half = ((e as u32) << 10) | (man >> 13);
    let rem = man & 0x1fff;
    let r = if rem > 0x1000 || (rem == 0x1000 && half & 1 == 1) {
        half + 1
    } else {
        half
    };
    if r >= 0x7c00 {
        return None;
    }
    Some(sign | r as u16)
}

/// IEEE half → f64.
pub fn f16_to_f64(h: u16) -> f64 {
    let sign = if h & 0x8000 != 0 { -1.0 } else { 1.0 };
    let e = ((h >> 10) & 0x1f) as i32;
    let m = (h & 0x3ff) as f64;
    if e == 0 {
        sign * m * 2f64.powi(-24)
    } else if e == 31 {
        if m == 0.0 {
            sign * f64::INFINITY
        } else {
            f64::NAN
        }
    } else {
        sign * (1.0 + m / 1024.0) * 2f64.powi(e - 15)
    }
}

/// Reads `n` bits of `v` from bit `at` into big-endian bytes, the value in
/// the low bits (right aligned).
pub fn read_be_bits(v: &BitView, at: usize, n: usize) -> Vec<u8> {
    let nbytes = n.div_ceil(8);
    let mut out = vec![0u8; nbytes];
    // SAFETY: the range is inside the view; `out` holds n bits at offset pad.
    unsafe { copy_bits(v.ptr, v.off + at, out.as_mut_ptr(), nbytes * 8 - n, n) };
    out
}

/// Decodes an `n`-bit integer segment at bit `at` of `v`; NON_VALUE (no
/// exception: the match fails) when the value is too large for a bignum.
pub fn get_integer(ctx: &mut Ctx, v: &BitView, at: usize, n: usize, flags: u32) -> Term {
    if n == 0 {
        return Term::small(0);
    }
    let signed = flags & F_SIGNED != 0;
    if n <= 64 && !little(flags) {
        // Fast path: gather up to 64 bits big endian.
        let mut x: u64 = 0;
        let mut i = 0;
        while i < n {
            let a = v.off + at + i;
            if a.is_multiple_of(8) && n - i >= 8 {
                // SAFETY: inside the view.
                x = (x << 8) | unsafe { *v.ptr.add(a / 8) } as u64;
                i += 8;
            } else {
                x = (x << 1) | v.bit(at + i) as u64;
                i += 1;
            }
        }
        let val: i128 = if signed && n > 0 && (x >> (n - 1)) & 1 == 1 {
            x as i128 - (1i128 << n)
        } else {
            x as i128
        };
        return big::make_i128(ctx, val);
    }
    let mut be = read_be_bits(v, at, n);
    if little(flags) {
        // The bits as read are little-endian bytes with the last partial
        // byte's bits at the top: undo what `put_integer` did.
        let rest = n % 8;
        let nbytes = be.len();
        // Re-read left aligned, then reverse bytes.
        let mut la = vec![0u8; nbytes];
        // SAFETY: inside the view; `la` holds n bits.
        unsafe { copy_bits(v.ptr, v.off + at, la.as_mut_ptr(), 0, n) };
        if rest != 0 {
            la[nbytes - 1] >>= 8 - rest;
        }
        la.reverse();
        be = la;
    }
    let mut b = BigInt::from_bytes_be(Sign::Plus, &be);
    if signed && (b.bit(n as u64 - 1)) {
        b -= BigInt::from(1) << n;
    }
    // An integer larger than any bignum (BEAM's 2^19 - 1 limbs) does not
    // match: BEAM's `bytes_to_big` gives up and the match fails.
    if b.bits() > crate::data::big::MAX_BIG_BITS {
        return NON_VALUE;
    }
    big::make_integer(ctx, &b)
}

/// Decodes a float segment; `None` if the size is wrong or the value is
/// not finite (the match fails).
pub fn get_float(v: &BitView, at: usize, n: usize, flags: u32) -> Option<f64> {
    let mut b = match n {
        16 | 32 | 64 => read_be_bits(v, at, n),
        _ => return None,
    };
    if little(flags) {
        b.reverse();
    }
    let f = match n {
        64 => f64::from_be_bytes(b.try_into().ok()?),
        32 => f32::from_be_bytes(b.try_into().ok()?) as f64,
        _ => f16_to_f64(u16::from_be_bytes(b.try_into().ok()?)),
    };
    f.is_finite().then_some(f)
}

/// Decodes a UTF-8/16/32 code point at bit `at`; returns it and its size
/// in bits.
pub fn get_utf(v: &BitView, at: usize, kind: u32, flags: u32) -> Option<(u32, usize)> {
    let left = v.bits.checked_sub(at)?;
    let byte = |i: usize| -> u8 { read_be_bits(v, at + 8 * i, 8)[0] };
    match kind {
        8 => {
            if left < 8 {
                return None;
            }
            let b0 = byte(0);
            let (len, init) = match b0 {
                0x00..=0x7f => return Some((b0 as u32, 8)),
                0xc2..=0xdf => (2, (b0 & 0x1f) as u32),
                0xe0..=0xef => (3, (b0 & 0x0f) as u32),
                0xf0..=0xf4 => (4, (b0 & 0x07) as u32),
                _ => return None,
            };
            if left < 8 * len {
                return None;
            }
            let mut c = init;
            for i in 1..len {
                let b = byte(i);
                if b & 0xc0 != 0x80 {
                    return None;
                }
                c = (c << 6) | (b & 0x3f) as u32;
            }
            let min = [0, 0, 0x80, 0x800, 0x10000][len];
            if c < min || c > 0x10ffff || (0xd800..=0xdfff).contains(&c) {
                return None;
            }
            Some((c, 8 * len))
        }
        16 => {
            if left < 16 {
                return None;
            }
            let w = |i: usize| -> u32 {
                let b = read_be_bits(v, at + 16 * i, 16);
                if little(flags) {
                    u16::from_le_bytes([b[0], b[1]]) as u32
                } else {
                    u16::from_be_bytes([b[0], b[1]]) as u32
                }
            };
            let w1 = w(0);
            if !(0xd800..=0xdfff).contains(&w1) {
                return Some((w1, 16));
            }
            if w1 >= 0xdc00 || left < 32 {
                return None;
            }
            let w2 = w(1);
            if !(0xdc00..=0xdfff).contains(&w2) {
                return None;
            }
            Some(((((w1 & 0x3ff) << 10) | (w2 & 0x3ff)) + 0x10000, 32))
        }
        _ => {
            if left < 32 {
                return None;
            }
            let b = read_be_bits(v, at, 32);
            let b: [u8; 4] = b.try_into().ok()?;
            let c = if little(flags) {
                u32::from_le_bytes(b)
            } else {
                u32::from_be_bytes(b)
            };
            (c <= 0x10ffff && !(0xd800..=0xdfff).contains(&c)).then_some((c, 32))
        }
    }
}
