//! Erlang maps with BEAM's representation and behaviour: flatmaps up to 32
//! pairs, hash-array-mapped tries above (see `layout` for the words,
//! `hash` for the key hash, `hamt` for the trie). Every operation returns a
//! flatmap exactly when the result has at most 32 pairs, as BEAM does, so
//! iteration order, printing and comparison follow erl's.
//!
//! Functions take any `Heap` (a process context or the literal area) and
//! never collect garbage, so callers may hold terms across them.

pub mod flat;
pub mod hamt;
pub mod hash;
pub mod layout;
pub mod same;
pub mod sort;

use crate::data::compare::cmp_terms_exact;
use crate::term::{Term, HDR_MAP};
use hamt::Item;
use layout::{flat_keys, flat_values, info_of, Heap, Kind, SMALL_MAP_LIMIT};

/// Raises `{badmap, m}` (a BIF or instruction given a non-map).
pub fn badmap(ctx: &mut crate::heap::ctx::Ctx, m: Term) -> Term {
    let r = crate::data::build::make_tuple(ctx, &[crate::term::atom::am::BADMAP, m]);
    ctx.error(r)
}

/// Raises `{badkey, k}` (a key the map does not hold).
pub fn badkey(ctx: &mut crate::heap::ctx::Ctx, k: Term) -> Term {
    let r = crate::data::build::make_tuple(ctx, &[crate::term::atom::am::BADKEY, k]);
    ctx.error(r)
}

/// True for a map term.
#[inline]
pub fn is_map(t: Term) -> bool {
    t.is_boxed_of(HDR_MAP)
}

/// True if map `m` is a flatmap.
#[inline]
pub fn is_flat(m: Term) -> bool {
    // SAFETY: callers pass map terms.
    layout::kind(unsafe { info_of(m) }) == Kind::Flat
}

/// Number of pairs in map `m`.
#[inline]
pub fn size(m: Term) -> usize {
    // SAFETY: callers pass map terms (flatmap or trie head).
    layout::size(unsafe { info_of(m) })
}

/// The empty map.
pub fn empty<H: Heap + ?Sized>(h: &mut H) -> Term {
    layout::new_flat(h, &[], &[])
}

/// The value under `key` in map `m`.
pub fn get(m: Term, key: Term) -> Option<Term> {
    if is_flat(m) {
        flat::get(m, key)
    } else {
        hamt::get(m, key)
    }
}

/// `m#{key => val}`.
pub fn put<H: Heap + ?Sized>(h: &mut H, m: Term, key: Term, val: Term) -> Term {
    if !is_flat(m) {
        // Inserting never fails.
        return hamt::insert(h, m, key, val, false).unwrap_or(m);
    }
    if let Some(i) = flat::find(m, key) {
        return flat::replace(h, m, i, val);
    }
    if size(m) < SMALL_MAP_LIMIT {
        return flat::insert_new(h, m, key, val);
    }
    let mut ps = pairs(m);
    ps.push((key, val));
    build_unique(h, ps)
}

/// `m#{key := val}`: `None` if `key` is not in `m`.
pub fn update<H: Heap + ?Sized>(h: &mut H, m: Term, key: Term, val: Term) -> Option<Term> {
    if is_flat(m) {
        let i = flat::find(m, key)?;
        Some(flat::replace(h, m, i, val))
    } else {
        hamt::insert(h, m, key, val, true)
    }
}

/// `m` without `key`, and the removed value; `None` if absent.
pub fn remove<H: Heap + ?Sized>(h: &mut H, m: Term, key: Term) -> Option<(Term, Term)> {
    if is_flat(m) {
        let i = flat::find(m, key)?;
        // SAFETY: `m` is a flatmap and `i` is in range.
        let v = unsafe { flat_values(m)[i] };
        return Some((flat::remove_at(h, m, i), v));
    }
    if size(m) > SMALL_MAP_LIMIT + 1 {
        return hamt::delete(h, m, key);
    }
    // The result has 32 pairs: a flatmap.
    let v = hamt::get(m, key)?;
    let ps: Vec<(Term, Term)> = pairs(m)
        .into_iter()
        .filter(|&(k, _)| !crate::data::compare::eq_exact(k, key))
        .collect();
    Some((build_unique(h, ps), v))
}

/// The pairs of `m` in BEAM's iteration order (`maps:next/1`, `maps:fold/3`):
/// key order for a flatmap, trie order otherwise. `maps:to_list/1`,
/// `maps:keys/1` and `maps:values/1` list a trie in the reverse order.
pub fn pairs(m: Term) -> Vec<(Term, Term)> {
    if is_flat(m) {
        // SAFETY: `m` is a flatmap.
        let (ks, vs) = unsafe { (flat_keys(m), flat_values(m)) };
        return ks.iter().copied().zip(vs.iter().copied()).collect();
    }
    let mut out = Vec::with_capacity(size(m));
    // SAFETY: leaves are cons cells [K | V].
    hamt::for_each_leaf(m, |l| out.push(unsafe { (l.head(), l.tail()) }));
    out
}

/// The pairs of `m` sorted by key (map-key order), for comparison.
pub fn sorted_pairs(m: Term) -> Vec<(Term, Term)> {
    let mut ps = pairs(m);
    if !is_flat(m) {
        sort::sort_pairs(&mut ps);
    }
    ps
}

/// A map of `ps`; on equal keys the later pair wins (`maps:from_list/1`).
pub fn from_pairs<H: Heap + ?Sized>(h: &mut H, ps: Vec<(Term, Term)>) -> Term {
    if ps.len() <= SMALL_MAP_LIMIT {
        let mut idx: Vec<usize> = (0..ps.len()).collect();
        idx.sort_by(|&a, &b| cmp_terms_exact(ps[a].0, ps[b].0).then(a.cmp(&b)));
        return flat_from_sorted_runs(h, &ps, &idx);
    }
    let mut items: Vec<(Item, usize)> = ps
        .iter()
        .enumerate()
        .map(|(i, &(key, val))| {
            let h0 = hash::internal_hash(key);
            (Item { key, val, h0 }, i)
        })
        .collect();
    // Trie order (`hamt::trie_order`), so that `hamt::build` finds the
    // items sorted; equal keys have equal hashes, so they are adjacent
    // (in input order: the index decides last, and the order is total).
    items.sort_unstable_by(|a, b| {
        hamt::trie_order(a.0.h0)
            .cmp(&hamt::trie_order(b.0.h0))
            .then_with(|| cmp_terms_exact(a.0.key, b.0.key))
            .then(a.1.cmp(&b.1))
    });
    // Keep the last of each run of equal keys.
    let mut uniq: Vec<Item> = Vec::with_capacity(items.len());
    for (it, _) in items {
        match uniq.last_mut() {
            Some(last) if last.h0 == it.h0 && crate::data::compare::eq_exact(last.key, it.key) => {
                *last = it
            }
            _ => uniq.push(it),
        }
    }
    if uniq.len() <= SMALL_MAP_LIMIT {
        let ps: Vec<(Term, Term)> = uniq.iter().map(|it| (it.key, it.val)).collect();
        return from_pairs(h, ps);
    }
    hamt::build(h, &mut uniq)
}

/// A flatmap from `ps` visited in `idx` order (sorted by key, equal keys in
/// input order): the last of each run of equal keys wins.
fn flat_from_sorted_runs<H: Heap + ?Sized>(h: &mut H, ps: &[(Term, Term)], idx: &[usize]) -> Term {
    let mut ks: Vec<Term> = Vec::with_capacity(idx.len());
    let mut vs: Vec<Term> = Vec::with_capacity(idx.len());
    for &i in idx {
        let (k, v) = ps[i];
        if let Some(&last) = ks.last() {
            if cmp_terms_exact(last, k) == std::cmp::Ordering::Equal {
                let n = ks.len();
                ks[n - 1] = k;
                vs[n - 1] = v;
                continue;
            }
        }
        ks.push(k);
        vs.push(v);
    }
    layout::new_flat(h, &ks, &vs)
}

/// A map of pairs whose keys are known to be unique.
fn build_unique<H: Heap + ?Sized>(h: &mut H, ps: Vec<(Term, Term)>) -> Term {
    if ps.len() <= SMALL_MAP_LIMIT {
        return from_pairs(h, ps);
    }
    let mut items: Vec<Item> = ps
        .into_iter()
        .map(|(key, val)| Item {
            key,
            val,
            h0: hash::internal_hash(key),
        })
        .collect();
    hamt::build(h, &mut items)
}

/// `maps:merge(a, b)`: `b`'s pairs win.
pub fn merge<H: Heap + ?Sized>(h: &mut H, a: Term, b: Term) -> Term {
    if is_flat(a) && is_flat(b) {
        let ps = flat::merge_sorted(a, b);
        if ps.len() <= SMALL_MAP_LIMIT {
            // Already sorted and unique.
            let (ks, vs): (Vec<Term>, Vec<Term>) = ps.into_iter().unzip();
            return layout::new_flat(h, &ks, &vs);
        }
        return build_unique(h, ps);
    }
    if size(b) <= size(a) {
        let mut m = a;
        for (k, v) in pairs(b) {
            m = put(h, m, k, v);
        }
        m
    } else {
        let mut m = b;
        for (k, v) in pairs(a) {
            if get(b, k).is_none() {
                m = put(h, m, k, v);
            }
        }
        m
    }
}

#[cfg(test)]
#[path = "tests.rs"]
mod tests;
