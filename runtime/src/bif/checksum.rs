//! `erlang:crc32/1,2`, `crc32_combine/3`, `adler32/1,2` and
//! `adler32_combine/3`: zlib's CRC-32 (IEEE, reflected) and Adler-32 over
//! iodata. Checksums and lengths are unsigned 32-bit integers, anything
//! else is `badarg`, as in BEAM.

use super::binary::collect_iolist;
use super::{bif, BifDef};
use crate::data::binary::bits::BitWriter;
use crate::heap::ctx::Ctx;
use crate::term::Term;

pub const BIFS: &[BifDef] = &[
    bif!("erlang", "crc32", 1, crc32_1),
    bif!("erlang", "crc32", 2, crc32_2),
    bif!("erlang", "crc32_combine", 3, crc32_combine_3),
    bif!("erlang", "adler32", 1, adler32_1),
    bif!("erlang", "adler32", 2, adler32_2),
    bif!("erlang", "adler32_combine", 3, adler32_combine_3),
];

const CRC_POLY: u32 = 0xedb8_8320;
const ADLER_BASE: u32 = 65521;
/// zlib's NMAX: the most bytes before the Adler sums must be reduced.
const ADLER_NMAX: usize = 5552;

/// The bytes of iodata `t`, or `None`.
fn iodata(t: Term) -> Option<Vec<u8>> {
    let mut w = BitWriter::default();
    if collect_iolist(t, &mut w, false) && w.bits.is_multiple_of(8) {
        Some(w.buf)
    } else {
        None
    }
}

/// An unsigned 32-bit integer argument.
fn u32_arg(t: Term) -> Option<u32> {
    if t.is_small() {
        u32::try_from(t.small_value()).ok()
    } else {
        None
    }
}

fn crc_table() -> &'static [u32; 256] {
    static T: std::sync::OnceLock<[u32; 256]> = std::sync::OnceLock::new();
    T.get_or_init(|| {
        let mut t = [0u32; 256];
        for (n, e) in t.iter_mut().enumerate() {
            let mut c = n as u32;
            for _ in 0..8 {
                c = if c & 1 != 0 {
                    CRC_POLY ^ (c >> 1)
                } else {
                    c >> 1
                };
            }
            *e = c;
        }
        t
    })
}

/// zlib's `crc32(crc, buf)`.
pub fn crc32(crc: u32, data: &[u8]) -> u32 {
    let t = crc_table();
    let mut c = !crc;
    for &b in data {
        c = t[((c ^ b as u32) & 0xff) as usize] ^ (c >> 8);
    }
    !c
}

fn gf2_times(mat: &[u32; 32], mut vec: u32) -> u32 {
    let mut sum = 0;
    let mut i = 0;
    while vec != 0 {
        if vec & 1 != 0 {
            sum ^= mat[i];
        }
        vec >>= 1;
        i += 1;
    }
    sum
}

fn gf2_square(mat: &[u32; 32]) -> [u32; 32] {
    let mut sq = [0u32; 32];
    for (n, s) in sq.iter_mut().enumerate() {
        *s = gf2_times(mat, mat[n]);
    }
    sq
}

/// zlib's `crc32_combine`: the CRC of A ++ B from crc(A), crc(B), |B|.
pub fn crc32_combine(mut crc1: u32, crc2: u32, mut len2: u64) -> u32 {
    if len2 == 0 {
        return crc1;
    }
    let mut odd = [0u32; 32];
    odd[0] = CRC_POLY;
    for (n, o) in odd.iter_mut().enumerate().skip(1) {
        *o = 1 << (n - 1);
    }
    let mut even = gf2_square(&odd);
    odd = gf2_square(&even);
    loop {
        even = gf2_square(&odd);
        if len2 & 1 != 0 {
            crc1 = gf2_times(&even, crc1);
        }
        len2 >>= 1;
        if len2 == 0 {
            break;
        }
        odd = gf2_square(&even);
        if len2 & 1 != 0 {
            crc1 = gf2_times(&odd, crc1);
        }
        len2 >>= 1;
        if len2 == 0 {
            break;
        }
    }
    crc1 ^ crc2
}

/// zlib's `adler32(adler, buf)`, including its lazy reductions (which
/// matter only for out-of-range start values).
pub fn adler32(adler: u32, data: &[u8]) -> u32 {
    let mut a = adler & 0xffff;
    let mut b = (adler >> 16) & 0xffff;
    if data.len() == 1 {
        a += data[0] as u32;
        if a >= ADLER_BASE {
            a -= ADLER_BASE;
        }
        b += a;
        if b >= ADLER_BASE {
            b -= ADLER_BASE;
        }
        return a | (b << 16);
    }
    if data.len() < 16 {
        for &x in data {
            a += x as u32;
            b += a;
        }
        if a >= ADLER_BASE {
            a -= ADLER_BASE;
        }
        b %= ADLER_BASE;
        return a | (b << 16);
    }
    for chunk in data.chunks(ADLER_NMAX) {
        for &x in chunk {
            a += x as u32;
            b += a;
        }
        a %= ADLER_BASE;
        b %= ADLER_BASE;
    }
    a | (b << 16)
}

/// zlib's `adler32_combine`; BEAM returns `adler1` for an empty second
/// part (zlib would not).
pub fn adler32_combine(adler1: u32, adler2: u32, len2: u64) -> u32 {
    if len2 == 0 {
        return adler1;
    }
    let rem = (len2 % ADLER_BASE as u64) as u32;
    let mut sum1 = adler1 & 0xffff;
    let mut sum2 = (rem * sum1) % ADLER_BASE;
    sum1 += (adler2 & 0xffff) + ADLER_BASE - 1;
    sum2 += ((adler1 >> 16) & 0xffff) + ((adler2 >> 16) & 0xffff) + ADLER_BASE - rem;
    if sum1 >= ADLER_BASE {
        sum1 -= ADLER_BASE;
    }
    if sum1 >= ADLER_BASE {
        sum1 -= ADLER_BASE;
    }
    if sum2 >= ADLER_BASE << 1 {
        sum2 -= ADLER_BASE << 1;
    }
    if sum2 >= ADLER_BASE {
        sum2 -= ADLER_BASE;
    }
    sum1 | (sum2 << 16)
}

fn checksum(ctx: &mut Ctx, start: Option<u32>, data: Term, f: fn(u32, &[u8]) -> u32) -> Term {
    match (start, iodata(data)) {
        (Some(s), Some(bytes)) => Term::small(f(s, &bytes) as i64),
        _ => ctx.badarg(),
    }
}

fn crc32_1(ctx: &mut Ctx, args: &[Term; 1]) -> Term {
    checksum(ctx, Some(0), args[0], crc32)
}

fn crc32_2(ctx: &mut Ctx, args: &[Term; 2]) -> Term {
    let (c, d) = (args[0], args[1]);
    checksum(ctx, u32_arg(c), d, crc32)
}

fn adler32_1(ctx: &mut Ctx, args: &[Term; 1]) -> Term {
    checksum(ctx, Some(1), args[0], adler32)
}

fn adler32_2(ctx: &mut Ctx, args: &[Term; 2]) -> Term {
    let (c, d) = (args[0], args[1]);
    checksum(ctx, u32_arg(c), d, adler32)
}

fn combine(ctx: &mut Ctx, args: &[Term; 3], f: fn(u32, u32, u64) -> u32) -> Term {
    let (a, b, n) = (args[0], args[1], args[2]);
    match (u32_arg(a), u32_arg(b), u32_arg(n)) {
        (Some(a), Some(b), Some(n)) => Term::small(f(a, b, n as u64) as i64),
        _ => ctx.badarg(),
    }
}

fn crc32_combine_3(ctx: &mut Ctx, args: &[Term; 3]) -> Term {
    combine(ctx, args, crc32_combine)
}

fn adler32_combine_3(ctx: &mut Ctx, args: &[Term; 3]) -> Term {
    combine(ctx, args, adler32_combine)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_values() {
        // values from erl (OTP 25)
        assert_eq!(crc32(0, b""), 0);
        assert_eq!(crc32(0, b"123456789"), 3421780262);
        assert_eq!(crc32(crc32(0, b"1234"), b"56789"), 3421780262);
        assert_eq!(crc32(0xffff_ffff, b"a"), 3310005809);
        assert_eq!(adler32(8192111, b""), 8192111);
        assert_eq!(adler32(0xffff_ffff, b""), 917518);
        assert_eq!(adler32(0xffff_ffff, b"a"), 8192111);
        assert_eq!(adler32(0xffff_ffff, &[b'a'; 20]), 1354237858);
        assert_eq!(adler32(0xffff_ffff, &b"ab".repeat(6000)), 2871974749);
        assert_eq!(adler32(1, b"Wikipedia"), 300286872);
        assert_eq!(adler32(0, b"a"), 6357089);
        assert_eq!(crc32_combine(1, 2, 3), 29518389);
        assert_eq!(adler32_combine(1, 2, 3), 2);
        assert_eq!(adler32_combine(0, 0, 0), 0);
        assert_eq!(adler32_combine(5, 7, 1000000), 210960395);
    }

    #[test]
    fn combine_matches_concatenation() {
        let a: Vec<u8> = (0..1000u32).map(|i| (i * 7 % 251) as u8).collect();
        let b: Vec<u8> = (0..7000u32).map(|i| (i * 13 % 256) as u8).collect();
        let ab = [a.clone(), b.clone()].concat();
        let (ca, cb) = (crc32(0, &a), crc32(0, &b));
        assert_eq!(crc32_combine(ca, cb, b.len() as u64), crc32(0, &ab));
        let (aa, ab2) = (adler32(1, &a), adler32(1, &b));
        assert_eq!(adler32_combine(aa, ab2, b.len() as u64), adler32(1, &ab));
    }
}
