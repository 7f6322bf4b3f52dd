//! An ordered_set key's prefix: 64 bits kept beside the key in the tree
//! (`tree.rs`), such that `a <= b` in term order (`==` as equal) implies
//! `prefix(a) <= prefix(b)`. A B-tree search compares prefixes first and
//! reads the key itself (another object, often a cache miss) only when
//! they are equal; for tuple keys such as `{g, 17, N}` the prefix usually
//! decides.
//!
//! The prefix is the first 8 bytes of an order-preserving byte encoding
//! of the key, zero padded (cutting every encoding at one fixed length
//! keeps the order, not strictly). The encoding is exact and
//! self-delimiting for numbers in ±2^52, atoms and tuples of those, so a
//! tuple's elements can follow each other; any other term (or a number
//! the encoding cannot hold exactly) gives its type's rank byte and ends
//! the encoding. Where an encoding ends depends only on the bytes already
//! written, so two keys sharing those bytes end at the same place and get
//! equal prefixes (then compared in full), never wrong ones.

use crate::data::compare::type_rank;
use crate::term::*;

/// Bytes written so far, big-endian into one word.
struct Bytes {
    acc: u64,
    n: u32,
}

impl Bytes {
    #[inline]
    fn full(&self) -> bool {
        self.n >= 8
    }
    #[inline]
    fn push(&mut self, b: u8) {
        if self.n < 8 {
            self.acc |= (b as u64) << (56 - 8 * self.n);
            self.n += 1;
        }
    }
}

/// Numbers whose integer part lies in `[-LIMIT, LIMIT)` are encoded by
/// that part (floats are exact integers up to 2^53); those beyond only by
/// their side.
const LIMIT: i64 = 1 << 52;
/// A term starts with its type's byte, `(type_rank + 1) << 4`; a
/// number's first byte is instead one of `NEG_HUGE..=POS_HUGE` (below an
/// atom's 0x20), telling its side and length, and a tuple's holds its
/// arity in the low four bits (15 for 15 or more, the arity following).
const NEG_HUGE: u8 = 0x01;
/// A negative integer part of `n` bytes: `NEG_BASE - n`.
const NEG_BASE: u8 = 0x09;
/// A non-negative integer part of `n` bytes: `POS_BASE + n`.
const POS_BASE: u8 = 0x0A;
const POS_HUGE: u8 = 0x12;
/// After a fractional number's integer part.
const FRACTION: u8 = 0xFF;

/// A type's byte.
#[inline]
fn rank(t: Term) -> u8 {
    (type_rank(t) + 1) << 4
}

/// The prefix of key `k` (any term).
pub fn prefix(k: Term) -> u64 {
    let mut b = Bytes { acc: 0, n: 0 };
    encode(k, &mut b);
    b.acc
}

/// Encodes `t`; false when the encoding ends here (nothing may follow).
fn encode(t: Term, b: &mut Bytes) -> bool {
    if b.full() {
        return false;
    }
    if t.is_small() {
        return integer(t.small_value(), false, b);
    }
    if t.is_atom() {
        b.push(rank(t));
        // UTF-8 bytes, the order atoms compare in, then a 0: a shorter
        // atom sorts first and the next element starts at a known place.
        // Bytes 0 and 1 are written 1 1 and 1 2 (both above the end).
        for &c in crate::term::atom::name(t).as_bytes() {
            if c <= 1 {
                b.push(1);
                b.push(c + 1);
            } else {
                b.push(c);
            }
            if b.full() {
                return false;
            }
        }
        b.push(0);
        return true;
    }
    if t.is_float() {
        // SAFETY: `t` is a float.
        let f = unsafe { t.float_value() };
        let fl = f.floor();
        if fl < -(LIMIT as f64) {
            return side(false, b);
        }
        if fl >= LIMIT as f64 {
            return side(true, b);
        }
        return integer(fl as i64, f > fl, b);
    }
    if t.is_bignum() {
        // Bignums lie beyond the small integers, so beyond ±LIMIT.
        // SAFETY: a bignum is boxed.
        let neg = unsafe { t.boxed_subtag() } == HDR_NEG_BIG;
        return side(!neg, b);
    }
    if !t.is_tuple() {
        b.push(rank(t));
        return false;
    }
    // SAFETY: `t` is a tuple; its elements are read within its arity.
    let n = unsafe { t.tuple_arity() };
    if n < 15 {
        b.push(rank(t) | n as u8);
    } else {
        b.push(rank(t) | 15);
        unsigned(n as u64, b);
    }
    for i in 0..n {
        // SAFETY: as above, `i < n`.
        if !encode(unsafe { t.tuple_elem(i) }, b) {
            return false;
        }
    }
    true
}

/// A number beyond ±LIMIT: its rank and side, then nothing.
fn side(positive: bool, b: &mut Bytes) -> bool {
    b.push(if positive { POS_HUGE } else { NEG_HUGE });
    false
}

/// A number with integer part `v` (in ±LIMIT), `frac` when it has a
/// fractional part: a byte telling its sign and length (`POS_BASE + n`
/// for n bytes of a non-negative `v`, `NEG_BASE - n` for a negative
/// one's complement, so longer negatives sort first) and the bytes; a
/// fraction adds `FRACTION` and ends the encoding (its digits are not
/// kept), which puts `5.5` after `5` followed by anything (no byte that
/// starts a term, nor padding, is as high). `1` and `1.0` encode alike.
fn integer(v: i64, frac: bool, b: &mut Bytes) -> bool {
    if v >= LIMIT {
        return side(true, b);
    }
    if v < -LIMIT {
        return side(false, b);
    }
    if v >= 0 {
        let n = len(v as u64);
        b.push(POS_BASE + n);
        be(v as u64, n, b);
    } else {
        let w = (-(v + 1)) as u64;
        let n = len(w);
        b.push(NEG_BASE - n);
        be(!w, n, b);
    }
    if frac {
        b.push(FRACTION);
        return false;
    }
    true
}

/// A long tuple's arity: its byte count, then its bytes.
fn unsigned(v: u64, b: &mut Bytes) {
    let n = len(v);
    b.push(n);
    be(v, n, b);
}

/// Bytes needed for `v` (0 for 0).
fn len(v: u64) -> u8 {
    ((64 - v.leading_zeros()).div_ceil(8)) as u8
}

/// The low `n` bytes of `v`, most significant first.
fn be(v: u64, n: u8, b: &mut Bytes) {
    for i in (0..n as u32).rev() {
        b.push((v >> (8 * i)) as u8);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::data::compare::cmp_terms;
    use crate::term::atom::intern;
    use std::cmp::Ordering;

    /// Terms built in leaked buffers (tests only).
    fn float(f: f64) -> Term {
        let w: &'static [u64] = Box::leak(Box::new([make_header(1, HDR_FLOAT), f.to_bits()]));
        Term::boxed_from_ptr(w.as_ptr())
    }
    fn tuple(es: &[Term]) -> Term {
        let mut v = vec![make_header(es.len(), HDR_TUPLE)];
        v.extend(es.iter().map(|e| e.raw()));
        Term::boxed_from_ptr(Box::leak(v.into_boxed_slice()).as_ptr())
    }

    #[test]
    fn prefixes_keep_term_order() {
        let mut ks = Vec::new();
        for v in [
            0i64,
            1,
            -1,
            2,
            255,
            256,
            -256,
            -257,
            99,
            100,
            LIMIT - 1,
            LIMIT,
            -LIMIT,
            -LIMIT - 1,
            MAX_SMALL,
            MIN_SMALL,
        ] {
            ks.push(Term::small(v));
        }
        for f in [
            0.0, -0.0, 0.5, 1.0, 1.5, -1.5, -2.0, -0.5, 99.9, 1e300, -1e300, 4.5e15,
        ] {
            ks.push(float(f));
        }
        for a in [
            "",
            "a",
            "b",
            "ab",
            "a\u{0}",
            "a\u{0}b",
            "a\u{1}",
            "a\u{2}",
            "g",
            "zzzzzzzzzz",
            "é",
        ] {
            ks.push(intern(a));
        }
        ks.push(NIL);
        let base = ks.clone();
        for a in &base[..] {
            ks.push(tuple(&[*a]));
            for b in &base[..] {
                ks.push(tuple(&[*a, *b]));
                ks.push(tuple(&[intern("g"), *a, *b]));
            }
        }
        ks.push(tuple(&[]));
        let long: Vec<Term> = (0..20).map(Term::small).collect();
        ks.push(tuple(&long[..15]));
        ks.push(tuple(&long[..16]));
        ks.push(tuple(&long[..14]));
        for a in &ks {
            for b in &ks {
                let (pa, pb) = (prefix(*a), prefix(*b));
                match cmp_terms(*a, *b) {
                    Ordering::Less => assert!(pa <= pb, "{a:?} {b:?}"),
                    Ordering::Equal => assert_eq!(pa, pb, "{a:?} {b:?}"),
                    Ordering::Greater => assert!(pa >= pb, "{a:?} {b:?}"),
                }
            }
        }
        // The prefix tells `{g, 1, _}` from `{g, 2, _}`.
        let (x, y) = (Term::small(1), Term::small(2));
        assert!(prefix(tuple(&[intern("g"), x, y])) < prefix(tuple(&[intern("g"), y, x])));
        // ... and, by its top byte, `{g, 1, 16#1000000}` from `{g, 1, 16#2000000}`.
        let (p, q) = (Term::small(0x100_0000), Term::small(0x200_0000));
        assert!(prefix(tuple(&[intern("g"), x, p])) < prefix(tuple(&[intern("g"), x, q])));
    }
}
