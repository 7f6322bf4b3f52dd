//! The atom seed: cached code compares atoms as immediates, so it can only
//! run where the module's atoms have the values they had when it was
//! compiled, and an atom's value is its position in the interning order.
//! `girder-compile --cache` therefore writes, next to the module files,
//! the atoms it interned beyond the build's fixed ones (the atoms of the
//! modules it compiled, their literals and attributes), in order; every
//! run using the cache interns them first (`load`, right after the BIF
//! registry, before anything depends on the command line), so that those
//! modules' atoms get the same values in every run and their cached code
//! is accepted whatever order a program loads them in.
//!
//! The file only grows (a `girder-compile` run first seeds from it), is
//! checksummed and written atomically; one that does not start where this
//! run's atom table ends is ignored.

use super::format::checksum;
use girder_runtime::term::{atom, Term};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering::Relaxed};

const MAGIC: &[u8; 8] = b"GIRDAS01";

/// The atom count before seeding (`usize::MAX`: not seeded yet).
static BASE: AtomicUsize = AtomicUsize::new(usize::MAX);

fn path(d: &Path) -> PathBuf {
    d.join(format!("atoms-{:016x}.seed", super::build_id()))
}

/// Decodes a seed file: the index of its first atom and the names.
pub fn decode(b: &[u8]) -> Option<(u32, Vec<&str>)> {
    if b.len() < 24 || &b[..8] != MAGIC {
        return None;
    }
    let len = u64::from_le_bytes(b[8..16].try_into().ok()?);
    let sum = u64::from_le_bytes(b[16..24].try_into().ok()?);
    let p = &b[24..];
    if p.len() as u64 != len || checksum(p) != sum || p.len() < 8 {
        return None;
    }
    let first = u32::from_le_bytes(p[..4].try_into().ok()?);
    let n = u32::from_le_bytes(p[4..8].try_into().ok()?) as usize;
    let mut names = Vec::with_capacity(n.min(p.len()));
    let mut at = 8;
    for _ in 0..n {
        let l = *p.get(at)? as usize;
        let s = std::str::from_utf8(p.get(at + 1..at + 1 + l)?).ok()?;
        names.push(s);
        at += 1 + l;
    }
    (at == p.len()).then_some((first, names))
}

/// Encodes a seed of `names` starting at atom index `first`.
pub fn encode(first: u32, names: &[&str]) -> Vec<u8> {
    // Atom names are at most 255 characters (BEAM's limit) but up to 4
    // bytes per character; a length is one byte, so a longer name ends
    // the seed (the atoms after it are not seeded).
    let names: Vec<&[u8]> = names
        .iter()
        .map(|n| n.as_bytes())
        .take_while(|b| b.len() <= 255)
        .collect();
    let mut p = Vec::new();
    p.extend_from_slice(&first.to_le_bytes());
    p.extend_from_slice(&(names.len() as u32).to_le_bytes());
    for b in names {
        p.push(b.len() as u8);
        p.extend_from_slice(b);
    }
    let mut out = Vec::with_capacity(24 + p.len());
    out.extend_from_slice(MAGIC);
    out.extend_from_slice(&(p.len() as u64).to_le_bytes());
    out.extend_from_slice(&checksum(&p).to_le_bytes());
    out.extend_from_slice(&p);
    out
}

/// Interns the seed's atoms in `d`, if it starts where the table ends.
pub fn load(d: &Path) {
    let base = atom::count();
    BASE.store(base, Relaxed);
    let Some(bytes) = super::read_own(&path(d)) else {
        return;
    };
    let Some((first, names)) = decode(&bytes) else {
        return;
    };
    if first as usize != base {
        return;
    }
    for n in names {
        atom::intern(n);
    }
}

/// Writes this run's atoms beyond the base as the new seed (the old seed
/// is a prefix of them: `load` interned it first).
pub fn write(d: &Path) -> std::io::Result<()> {
    let base = BASE.load(Relaxed);
    if base == usize::MAX {
        return Ok(());
    }
    let names: Vec<&str> = (base..atom::count())
        .map(|i| atom::name(Term::atom(i as u32)))
        .collect();
    let bytes = encode(base as u32, &names);
    let tmp = d.join(format!(".tmp-{}-atoms.seed", std::process::id()));
    let r = std::fs::write(&tmp, &bytes).and_then(|_| std::fs::rename(&tmp, path(d)));
    if r.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    r
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn seed_round_trip_and_rejects_damage() {
        let f = encode(7, &["a", "bb", "ccc"]);
        assert_eq!(decode(&f), Some((7, vec!["a", "bb", "ccc"])));
        for i in 0..f.len() {
            let mut g = f.clone();
            g[i] ^= 1;
            assert!(decode(&g).is_none(), "byte {i}");
        }
        for n in 0..f.len() {
            assert!(decode(&f[..n]).is_none(), "length {n}");
        }
        // A name longer than a one-byte length ends the seed.
        let long = "\u{3b1}".repeat(200);
        let f = encode(0, &["a", &long, "b"]);
        assert_eq!(decode(&f), Some((0, vec!["a"])));
    }
}
