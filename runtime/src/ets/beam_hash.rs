//! BEAM's hash values of immediate keys (erl_db_hash.c's `MAKE_HASH`),
//! so that hash tables put keys in the buckets erl puts them in and are
//! traversed in erl's order (`hash.rs`).
//!
//! - An atom hashes as the atom table hashes its text: `hashpjw` over the
//!   UTF-8 bytes, where a two-byte sequence of a Latin-1 character counts
//!   as that character (atom.c's `atom_hash`). Computed once per atom.
//! - Any other immediate hashes its machine word with
//!   `make_internal_hash`'s mix (Bob Jenkins' `mix` of the word's two
//!   halves, utils.c). Girder's immediates have BEAM's tags for small
//!   integers, so those hash as in erl; pids and ports are numbered
//!   differently anyway.
//! - A compound key hashes as `make_internal_hash(Key, 0)` walks it
//!   (`beam_hash_term.rs`): the same visiting order and the same mixing
//!   per type, so tuples, lists, strings, binaries, bignums, floats and
//!   maps of such terms land in erl's buckets. Atoms inside a compound key
//!   hash by their atom word, i.e. their index: BEAM's predefined atoms
//!   have erl's index (`atom_beam.rs`), others do not, nor do pids, ports,
//!   references and funs (their words or numbers are girder's own).

use crate::term::Term;
use std::sync::atomic::{AtomicU32, Ordering};

/// The golden ratio constant of the mix (`HCONST`).
pub(super) const HCONST: u32 = 0x9e37_79b9;
/// `make_internal_hash`'s starting value (`INTERNAL_HASH_SALT`).
pub(super) const SALT: u32 = 3_432_918_353;

/// Bob Jenkins' 96-bit mix, as utils.c's `MIX`.
#[inline]
pub(super) fn mix(mut a: u32, mut b: u32, mut c: u32) -> u32 {
    a = a.wrapping_sub(b).wrapping_sub(c) ^ (c >> 13);
    b = b.wrapping_sub(c).wrapping_sub(a) ^ (a << 8);
    c = c.wrapping_sub(a).wrapping_sub(b) ^ (b >> 13);
    a = a.wrapping_sub(b).wrapping_sub(c) ^ (c >> 12);
    b = b.wrapping_sub(c).wrapping_sub(a) ^ (a << 16);
    c = c.wrapping_sub(a).wrapping_sub(b) ^ (b >> 5);
    a = a.wrapping_sub(b).wrapping_sub(c) ^ (c >> 3);
    b = b.wrapping_sub(c).wrapping_sub(a) ^ (a << 10);
    c.wrapping_sub(a).wrapping_sub(b) ^ (b >> 15)
}

/// `make_internal_hash(w, 0)` of an immediate word.
#[inline]
fn word(w: u64) -> u32 {
    let hi = (w >> 32) as u32;
    if hi == 0 {
        // Small non-negative integers: the constant half folds away.
        return mix(HCONST.wrapping_add(w as u32), HCONST, SALT);
    }
    mix(HCONST.wrapping_add(w as u32), HCONST.wrapping_add(hi), SALT)
}

/// atom.c's `atom_hash` of an atom's text.
pub fn atom_text(name: &[u8]) -> u32 {
    let mut h: u32 = 0;
    let mut i = 0;
    while i < name.len() {
        let mut v = name[i] as u32;
        i += 1;
        if i < name.len() && v & 0xFE == 0xC2 && name[i] & 0xC0 == 0x80 {
            v = ((v << 6) | (name[i] as u32 & 0x3F)) & 0xFF;
            i += 1;
        }
        h = (h << 4).wrapping_add(v);
        let g = h & 0xf000_0000;
        if g != 0 {
            h ^= g >> 24;
            h ^= g;
        }
    }
    h
}

/// Atoms whose hash is cached (the atom table's limit); each slot holds
/// the hash plus one, 0 while not computed yet (`atom_text` leaves the top
/// four bits clear, so the sum fits).
const CACHED: usize = crate::term::atom::MAX_ATOMS;
static ATOM_HASH: [AtomicU32; CACHED] = [const { AtomicU32::new(0) }; CACHED];

#[inline]
fn atom(k: Term) -> u32 {
    let i = k.atom_index() as usize;
    if let Some(slot) = ATOM_HASH.get(i) {
        let c = slot.load(Ordering::Relaxed);
        if c != 0 {
            return c - 1;
        }
        let h = atom_text(crate::term::atom::name(k).as_bytes());
        slot.store(h + 1, Ordering::Relaxed);
        return h;
    }
    atom_text(crate::term::atom::name(k).as_bytes())
}

/// Small integers `0..SMALL_CACHED` have their hashes in a table built on
/// first use: an L1/L2 load instead of the mix's chain of some 30
/// dependent operations, for the most common keys. The table is kept to
/// 16 KB: a larger one (it was 256 KB) is read at random by tables with
/// many keys and then misses the caches, which costs more than the mix
/// (b_ets_set spent 8% of its time waiting for it).
const SMALL_CACHED: usize = 1 << 12;

fn small_table() -> &'static [u32] {
    static T: std::sync::OnceLock<Box<[u32]>> = std::sync::OnceLock::new();
    T.get_or_init(|| {
        (0..SMALL_CACHED as i64)
            .map(|v| word(Term::small(v).raw()))
            .collect()
    })
}

/// BEAM's hash of an immediate key.
#[inline]
pub fn immediate(k: Term) -> u32 {
    if k.is_atom() {
        return atom(k);
    }
    if k.is_small() {
        let v = k.small_value();
        if (0..SMALL_CACHED as i64).contains(&v) {
            return small_table()[v as usize];
        }
    }
    word(k.raw())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cached_small_hashes_are_the_mix() {
        for v in [0, 1, 77, 4095, 4096, 65_535, 65_536, -1, 1 << 40] {
            assert_eq!(immediate(Term::small(v)), word(Term::small(v).raw()));
        }
    }

    #[test]
    fn atom_hash_is_hashpjw_with_latin1_pairs() {
        assert_eq!(atom_text(b""), 0);
        assert_eq!(atom_text(b"a"), 97);
        assert_eq!(atom_text(b"ab"), 97 * 16 + 98);
        // "é" as UTF-8 (C3 A9) counts as the Latin-1 byte E9.
        assert_eq!(atom_text("é".as_bytes()), 0xE9);
        // Long names fold the top nibble back in and keep it clear.
        assert!(atom_text(b"a_rather_long_atom_name_indeed") < 1 << 28);
    }
}
