//! Flatmaps (at most 32 pairs): sorted keys in a tuple, values beside.
//! Lookup is a linear scan as in BEAM; updates copy.

use super::layout::{flat_keys, flat_values, new_flat, new_flat_shared, Heap};
use crate::data::compare::{cmp_terms_exact, eq_exact};
use crate::term::Term;
use std::cmp::Ordering;

/// Position of `key` in flatmap `m`.
pub fn find(m: Term, key: Term) -> Option<usize> {
    // SAFETY: `m` is a flatmap.
    let ks = unsafe { flat_keys(m) };
    if key.is_immed() {
        ks.iter().position(|&k| k == key)
    } else {
        ks.iter().position(|&k| eq_exact(k, key))
    }
}

pub fn get(m: Term, key: Term) -> Option<Term> {
    // SAFETY: `m` is a flatmap and `find` returns an index in range.
    find(m, key).map(|i| unsafe { flat_values(m)[i] })
}

/// `m` with the value at `i` replaced (the keys tuple is shared). Returns
/// `m` itself when the value is the same word, as BEAM does.
pub fn replace<H: Heap + ?Sized>(h: &mut H, m: Term, i: usize, val: Term) -> Term {
    // SAFETY: `m` is a flatmap and `i` a valid index; the copy has the
    // same 3 + n words (header, info, keys tuple, values).
    unsafe {
        let vs = flat_values(m);
        if vs[i] == val {
            return m;
        }
        let words = 3 + vs.len();
        let p = h.words(words);
        std::ptr::copy_nonoverlapping(m.boxed_ptr() as *const u64, p, words);
        *p.add(3 + i) = val.raw();
        Term::boxed_from_ptr(p)
    }
}

/// `m` plus the new key `key` (not present), as a flatmap (the caller
/// checks the size limit).
pub fn insert_new<H: Heap + ?Sized>(h: &mut H, m: Term, key: Term, val: Term) -> Term {
    // SAFETY: `m` is a flatmap.
    let (ks, vs) = unsafe { (flat_keys(m), flat_values(m)) };
    let pos = ks.partition_point(|&k| cmp_terms_exact(k, key) == Ordering::Less);
    let mut nk = Vec::with_capacity(ks.len() + 1);
    let mut nv = Vec::with_capacity(ks.len() + 1);
    nk.extend_from_slice(&ks[..pos]);
    nv.extend_from_slice(&vs[..pos]);
    nk.push(key);
    nv.push(val);
    nk.extend_from_slice(&ks[pos..]);
    nv.extend_from_slice(&vs[pos..]);
    new_flat(h, &nk, &nv)
}

/// `m` with every pair of `kv` put, in order (a later equal key wins), as
/// a flatmap; `None` when the result would exceed the flatmap limit. The
/// new pairs are sorted (usually a handful) and merged with `m`'s sorted
/// keys, so `m`'s keys are compared once each. When no key is new, the
/// keys tuple is shared, and `m` itself is returned if no value changes.
/// The usual case (io_lib_format adds two keys to a six-key map per
/// directive) runs without a heap allocation: the sorted pairs and the
/// merge decisions are kept on the stack and the result is written
/// straight into the new map.
pub fn put_many<H: Heap + ?Sized>(h: &mut H, m: Term, kv: &[(Term, Term)]) -> Option<Term> {
    const LIMIT: usize = super::layout::SMALL_MAP_LIMIT;
    let mut small = [(Term(0), Term(0)); 8];
    let mut big: Vec<(Term, Term)> = Vec::new();
    let buf: &mut [(Term, Term)] = if kv.len() <= small.len() {
        &mut small[..]
    } else {
        big.resize(kv.len(), (Term(0), Term(0)));
        &mut big[..]
    };
    let add = sort_unique(kv, buf);
    // SAFETY: `m` is a flatmap.
    let (ks, vs) = unsafe { (flat_keys(m), flat_values(m)) };
    // Merge decisions, one per result pair: the result has at most LIMIT
    // pairs (else `None`), so LIMIT entries suffice.
    let mut ops = [Op::Old; LIMIT];
    let (mut i, mut j, mut n) = (0, 0, 0);
    let mut changed = false;
    while i < ks.len() || j < add.len() {
        let op = if j == add.len() {
            Op::Old
        } else if i == ks.len() {
            Op::New
        } else {
            match cmp_terms_exact(ks[i], add[j].0) {
                Ordering::Less => Op::Old,
                Ordering::Greater => Op::New,
                Ordering::Equal => {
                    changed |= vs[i] != add[j].1;
                    Op::Both
                }
            }
        };
        if n == LIMIT {
            return None;
        }
        ops[n] = op;
        n += 1;
        match op {
            Op::Old => i += 1,
            Op::New => j += 1,
            Op::Both => {
                i += 1;
                j += 1;
            }
        }
    }
    let ops = &ops[..n];
    if n == ks.len() {
        if !changed {
            return Some(m);
        }
        // SAFETY: `m` is a flatmap; word 2 is its keys tuple.
        let keys = unsafe { Term(*m.boxed_ptr().add(2)) };
        let mut vals = [Term(0); LIMIT];
        let mut j = 0;
        for (x, op) in ops.iter().enumerate() {
            // No key is new: every op is Old or Both.
            vals[x] = if *op == Op::Both {
                j += 1;
                add[j - 1].1
            } else {
                vs[x]
            };
        }
        return Some(new_flat_shared(h, keys, &vals[..n]));
    }
    let p = h.words(1 + n + 3 + n);
    // SAFETY: `p` holds the keys tuple (1 + n words) followed by the map
    // (3 + n words), laid out as `new_flat` does; every word is written,
    // and replaying `ops` visits `ks` and `add` within their bounds.
    unsafe {
        *p = crate::term::make_header(n, crate::term::HDR_TUPLE);
        let mp = p.add(1 + n);
        *mp = crate::term::make_header(2 + n, crate::term::HDR_MAP);
        *mp.add(1) = super::layout::info(super::layout::Kind::Flat, 0, n);
        *mp.add(2) = Term::boxed_from_ptr(p).raw();
        let (mut i, mut j) = (0, 0);
        for (x, op) in ops.iter().enumerate() {
            let (k, v) = match op {
                Op::Old => {
                    i += 1;
                    (ks[i - 1], vs[i - 1])
                }
                Op::New => {
                    j += 1;
                    add[j - 1]
                }
                Op::Both => {
                    i += 1;
                    j += 1;
                    (ks[i - 1], add[j - 1].1)
                }
            };
            *p.add(1 + x) = k.raw();
            *mp.add(3 + x) = v.raw();
        }
        Some(Term::boxed_from_ptr(mp))
    }
}

/// Where a result pair of `put_many` comes from.
#[derive(Clone, Copy, PartialEq)]
enum Op {
    /// The map's pair.
    Old,
    /// A new key's pair.
    New,
    /// The map's key with the new value.
    Both,
}

/// `kv` sorted by key in `buf` (at least `kv.len()` long), the last of
/// equal keys kept: an insertion sort, as `kv` is a handful of pairs.
fn sort_unique<'a>(kv: &[(Term, Term)], buf: &'a mut [(Term, Term)]) -> &'a [(Term, Term)] {
    let mut n = 0;
    for &(k, v) in kv {
        let pos = buf[..n].partition_point(|p| cmp_terms_exact(p.0, k) == Ordering::Less);
        if pos < n && eq_exact(buf[pos].0, k) {
            buf[pos].1 = v;
            continue;
        }
        buf.copy_within(pos..n, pos + 1);
        buf[pos] = (k, v);
        n += 1;
    }
    &buf[..n]
}

/// `m` without the pair at `i`.
pub fn remove_at<H: Heap + ?Sized>(h: &mut H, m: Term, i: usize) -> Term {
    // SAFETY: `m` is a flatmap.
    let (ks, vs) = unsafe { (flat_keys(m), flat_values(m)) };
    let mut nk = ks.to_vec();
    let mut nv = vs.to_vec();
    nk.remove(i);
    nv.remove(i);
    new_flat(h, &nk, &nv)
}

/// Merges two flatmaps' sorted pairs; `b` wins on equal keys.
pub fn merge_sorted(a: Term, b: Term) -> Vec<(Term, Term)> {
    // SAFETY: both are flatmaps.
    let (ka, va, kb, vb) = unsafe { (flat_keys(a), flat_values(a), flat_keys(b), flat_values(b)) };
    let mut out = Vec::with_capacity(ka.len() + kb.len());
    let (mut i, mut j) = (0, 0);
    while i < ka.len() && j < kb.len() {
        match cmp_terms_exact(ka[i], kb[j]) {
            Ordering::Less => {
                out.push((ka[i], va[i]));
                i += 1;
            }
            Ordering::Greater => {
                out.push((kb[j], vb[j]));
                j += 1;
            }
            Ordering::Equal => {
                out.push((kb[j], vb[j]));
                i += 1;
                j += 1;
            }
        }
    }
    out.extend(ka[i..].iter().copied().zip(va[i..].iter().copied()));
    out.extend(kb[j..].iter().copied().zip(vb[j..].iter().copied()));
    out
}
