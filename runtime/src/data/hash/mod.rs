//! BEAM's portable term hashes: `erlang:phash2/1,2` (`make_hash2`, Bob
//! Jenkins' mix over 32-bit pieces) and `erlang:phash/2` (`make_hash`, the
//! older multiplicative hash), both defined by OTP's `utils.c` and stable
//! across releases, so they must match erl value for value. Atoms hash by
//! their name (`atom_hash`, hashpjw), never by their index.

pub mod hash1;
pub mod hash2;
pub mod hconst;

#[cfg(test)]
mod tests;

use crate::term::Term;

/// BEAM's atom hash value: hashpjw over the UTF-8 name, where a two-byte
/// sequence led by 0xC2/0xC3 counts as one (truncated) byte.
pub fn atom_hvalue(a: Term) -> u32 {
    name_hvalue(crate::term::atom::name(a).as_bytes())
}

pub fn name_hvalue(p: &[u8]) -> u32 {
    let mut h: u32 = 0;
    let mut i = 0;
    while i < p.len() {
        let mut v = p[i];
        i += 1;
        if i < p.len() && (v & 0xFE) == 0xC2 && (p[i] & 0xC0) == 0x80 {
            v = (v << 6) | (p[i] & 0x3F);
            i += 1;
        }
        h = (h << 4).wrapping_add(v as u32);
        let g = h & 0xf000_0000;
        if g != 0 {
            h ^= g >> 24;
            h ^= g;
        }
    }
    h
}

/// The bytes of a bitstring for hashing: whole bytes, then the number of
/// bits (0..8) of a last partial byte and that byte's value (its bits at the
/// bottom).
pub(crate) fn bin_parts(t: Term) -> Option<(Vec<u8>, usize, u8)> {
    let v = crate::data::binary::view(t)?;
    let mut bytes = v.to_vec();
    let rest = v.bits % 8;
    let last = if rest > 0 {
        bytes.pop().unwrap_or(0) >> (8 - rest)
    } else {
        0
    };
    Some((bytes, rest, last))
}
