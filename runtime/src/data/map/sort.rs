//! Sorting a map's pairs by key (map-key order, `cmp_terms_exact`), for
//! comparing trie maps and for `term_to_binary(M, [deterministic])`.
//!
//! A million-key map takes some twenty million comparisons; comparing
//! the terms themselves reads each key's object (and a binary's bytes)
//! again every time, a cache miss or two each. So each key is first
//! reduced to a sort key made once: a small integer's value, or for an
//! atom's name and a bitstring their size and first 128 bits. Two keys of
//! those kinds compare without touching the heap (unless two bitstrings
//! share their first 128 bits); any other pair is compared as terms. The
//! kinds are ranked as term order ranks them (numbers < atoms <
//! bitstrings), and keys are unique, so an unstable sort gives the one
//! right order.

use crate::data::binary::{cmp_views, view, BitView};
use crate::data::compare::cmp_terms_exact;
use crate::term::{atom, Term};
use std::cmp::Ordering;

/// What a key is reduced to.
enum Key {
    Small(i64),
    /// An atom's name (rank 1) or a bitstring (rank 2).
    Bytes {
        rank: u8,
        prefix: u128,
        v: BitView,
    },
    /// Compared as a term.
    Other,
}

fn key_of(t: Term) -> Key {
    if t.is_small() {
        return Key::Small(t.small_value());
    }
    if t.is_atom() {
        let name = atom::name(t).as_bytes();
        let v = BitView {
            ptr: name.as_ptr(),
            off: 0,
            bits: name.len() * 8,
        };
        return Key::Bytes {
            rank: 1,
            prefix: v.prefix128(),
            v,
        };
    }
    match view(t) {
        Some(v) => Key::Bytes {
            rank: 2,
            prefix: v.prefix128(),
            v,
        },
        None => Key::Other,
    }
}

/// Bitstring order of two views from their prefixes, reading the bytes
/// only when both are longer than 128 bits and start alike.
fn cmp_bytes(pa: u128, va: &BitView, pb: u128, vb: &BitView) -> Ordering {
    let n = va.bits.min(vb.bits);
    if n == 0 {
        return va.bits.cmp(&vb.bits);
    }
    if n >= 128 {
        return pa.cmp(&pb).then_with(|| cmp_views(va, vb));
    }
    let mask = !0u128 << (128 - n);
    (pa & mask).cmp(&(pb & mask)).then(va.bits.cmp(&vb.bits))
}

fn cmp_keys(a: &(Key, (Term, Term)), b: &(Key, (Term, Term))) -> Ordering {
    match (&a.0, &b.0) {
        (Key::Small(x), Key::Small(y)) => x.cmp(y),
        (
            Key::Bytes {
                rank: ra,
                prefix: pa,
                v: va,
            },
            Key::Bytes {
                rank: rb,
                prefix: pb,
                v: vb,
            },
        ) => ra.cmp(rb).then_with(|| cmp_bytes(*pa, va, *pb, vb)),
        (Key::Small(_), Key::Bytes { .. }) => Ordering::Less,
        (Key::Bytes { .. }, Key::Small(_)) => Ordering::Greater,
        _ => cmp_terms_exact(a.1 .0, b.1 .0),
    }
}

/// Sorts pairs with unique keys by key.
pub fn sort_pairs(ps: &mut Vec<(Term, Term)>) {
    if ps.len() < 2 {
        return;
    }
    if ps.iter().all(|p| p.0.is_small()) {
        ps.sort_unstable_by_key(|p| p.0.small_value());
        return;
    }
    let mut keyed: Vec<(Key, (Term, Term))> = ps.iter().map(|&p| (key_of(p.0), p)).collect();
    keyed.sort_unstable_by(cmp_keys);
    ps.clear();
    ps.extend(keyed.into_iter().map(|k| k.1));
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::data::binary::build::{make_binary, make_bitstring};
    use crate::testutil::TestProc;

    /// Mixed keys sort as `cmp_terms_exact` sorts them.
    #[test]
    fn same_order_as_term_compare() {
        let mut tp = TestProc::new();
        let ctx = tp.ctx();
        let mut keys = Vec::new();
        for i in 0..40u32 {
            keys.push(Term::small(i as i64 * 7 - 100));
            keys.push(atom::intern(&format!("a{}", i * 37 % 11)));
            keys.push(atom::intern(&"x".repeat(i as usize % 20 + 1)));
            let bytes: Vec<u8> = (0..i % 24).map(|j| (j * 13 + i) as u8).collect();
            keys.push(make_binary(ctx, &bytes));
            keys.push(make_bitstring(
                ctx,
                &(i as u128 * 7919).to_be_bytes(),
                127 - (i as usize % 9) * 3,
            ));
            let long = vec![0u8; 20];
            keys.push(make_bitstring(
                ctx,
                &[long, i.to_be_bytes().to_vec()].concat(),
                190 + i as usize % 3,
            ));
            keys.push(crate::data::build::make_float(ctx, i as f64 / 3.0));
        }
        let mut seen = Vec::new();
        for k in keys {
            if !seen.iter().any(|&s| crate::data::compare::eq_exact(s, k)) {
                seen.push(k);
            }
        }
        let mut ps: Vec<(Term, Term)> = seen.iter().map(|&k| (k, Term::small(0))).collect();
        ps.reverse();
        let mut want = ps.clone();
        want.sort_by(|a, b| cmp_terms_exact(a.0, b.0));
        sort_pairs(&mut ps);
        assert!(ps.iter().zip(&want).all(|(a, b)| a.0 == b.0));
    }
}
