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
pub fn put_many<H: Heap + ?Sized>(h: &mut H, m: Term, kv: &[(Term, Term)]) -> Option<Term> {
    let mut idx: Vec<usize> = (0..kv.len()).collect();
    idx.sort_by(|&a, &b| cmp_terms_exact(kv[a].0, kv[b].0).then(a.cmp(&b)));
    let mut add: Vec<(Term, Term)> = Vec::with_capacity(idx.len());
    for i in idx {
        match add.last_mut() {
            Some(last) if eq_exact(last.0, kv[i].0) => *last = kv[i],
            _ => add.push(kv[i]),
        }
    }
    // SAFETY: `m` is a flatmap.
    let (ks, vs) = unsafe { (flat_keys(m), flat_values(m)) };
    let mut nk = Vec::with_capacity(ks.len() + add.len());
    let mut nv = Vec::with_capacity(ks.len() + add.len());
    let (mut i, mut j) = (0, 0);
    let mut changed = false;
    while i < ks.len() && j < add.len() {
        match cmp_terms_exact(ks[i], add[j].0) {
            Ordering::Less => {
                nk.push(ks[i]);
                nv.push(vs[i]);
                i += 1;
            }
            Ordering::Greater => {
                nk.push(add[j].0);
                nv.push(add[j].1);
                j += 1;
            }
            Ordering::Equal => {
                changed |= vs[i] != add[j].1;
                nk.push(ks[i]);
                nv.push(add[j].1);
                i += 1;
                j += 1;
            }
        }
    }
    nk.extend_from_slice(&ks[i..]);
    nv.extend_from_slice(&vs[i..]);
    nk.extend(add[j..].iter().map(|p| p.0));
    nv.extend(add[j..].iter().map(|p| p.1));
    if nk.len() > super::layout::SMALL_MAP_LIMIT {
        return None;
    }
    if nk.len() == ks.len() {
        if !changed {
            return Some(m);
        }
        // SAFETY: `m` is a flatmap; word 2 is its keys tuple.
        let keys = unsafe { Term(*m.boxed_ptr().add(2)) };
        return Some(new_flat_shared(h, keys, &nv));
    }
    Some(new_flat(h, &nk, &nv))
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
