//! BEAM's `make_internal_hash(Key, 0)` of a compound key (utils.c), the
//! hash erl_db_hash.c's `MAKE_HASH` gives every key that is not an atom,
//! so compound keys sit in erl's buckets and hash tables holding them are
//! traversed in erl's order.
//!
//! The hash is a running 32-bit state (starting at `SALT`) fed by a
//! depth-first, left-to-right walk of the term with an explicit stack:
//! each piece of a term mixes one or two 32-bit words plus a per-type
//! constant into the state (`u32_2`), or lightly stirs a constant in
//! (`stir`, for list structure). The order of the walk and of the words is
//! what erl computes, so it is reproduced step for step: tuples mix their
//! arity then the elements; a run of list elements that are integers
//! 0..255 is packed four per word; other list cells stir in a "head"
//! mark, then the head, then (when the tail is not a list) a "tail" mark,
//! then the tail; binaries go through Bob Jenkins' block hash seeded with
//! the state; bignums mix their 64-bit digits, floats their bits (with
//! -0.0 as 0.0), maps their size then each key and value (a flatmap in key
//! order, a trie in its child order, as BEAM lays both out).
//!
//! Girder's pids, ports, references and funs are numbered differently from
//! erl's, so they hash consistently with `=:=` but not as in erl.

use super::beam_hash::{mix, HCONST, SALT};
use crate::data::hash::hconst::*;
use crate::data::map::layout::{children, flat_keys, flat_values, info_of, kind, size, Kind};
use crate::term::*;

/// A stack entry: a term to hash next, or the mark that a list cell's
/// tail (not itself a list) follows.
#[derive(Clone, Copy)]
enum Step {
    Term(Term),
    TailMark,
}

/// The walk's pending steps: on the machine stack for the usual keys (no
/// allocation per hash), spilling to the heap only for deep terms.
type Stack = smallvec::SmallVec<[Step; 16]>;

/// The running state.
struct Hasher(u32);

impl Hasher {
    /// Mixes two words with a type constant (`UINT32_HASH_2`).
    #[inline]
    fn u32_2(&mut self, x: u32, y: u32, k: u32) {
        self.0 = mix(k.wrapping_add(x), k.wrapping_add(y), self.0);
    }
    /// Lightly stirs a constant in (`CONST_HASH`).
    #[inline]
    fn stir(&mut self, k: u32) {
        self.0 = (self.0 ^ k).rotate_left(17);
    }
    #[inline]
    fn word(&mut self, w: u64) {
        self.u32_2(w as u32, (w >> 32) as u32, HCONST);
    }
}

/// `make_internal_hash(k, 0)`.
pub fn internal(k: Term) -> u32 {
    let mut h = Hasher(SALT);
    if k.is_immed() {
        h.word(k.raw());
        return h.0;
    }
    if let Some(x) = flat_tuple(k) {
        return x;
    }
    let mut stack = Stack::new();
    stack.push(Step::Term(k));
    while let Some(s) = stack.pop() {
        match s {
            Step::TailMark => h.stir(HCONST_18),
            Step::Term(t) if t.is_immed() => h.word(t.raw()),
            Step::Term(t) if t.is_list() => list(&mut h, t, &mut stack),
            Step::Term(t) => boxed(&mut h, t, &mut stack),
        }
    }
    h.0
}

/// The hash of a tuple whose elements are all immediates (the usual
/// compound key), without the stack: the walk would mix the arity, then
/// pop and mix each element in order. None for any other term.
#[inline]
fn flat_tuple(k: Term) -> Option<u32> {
    if !k.is_boxed() {
        return None;
    }
    // SAFETY: `k` is boxed, so it points at a valid header; a tuple has
    // `arity` elements after it.
    unsafe {
        let hdr = k.header();
        if header_subtag(hdr) != HDR_TUPLE {
            return None;
        }
        let n = header_arity(hdr);
        let p = k.boxed_ptr();
        if (1..=n).any(|i| !Term(*p.add(i)).is_immed()) {
            return None;
        }
        let mut h = Hasher(SALT);
        h.u32_2(n as u32, 0, HCONST_9);
        for i in 1..=n {
            h.word(*p.add(i));
        }
        Some(h.0)
    }
}

/// An integer 0..255 (packed four per word inside lists).
#[inline]
fn byte(t: Term) -> Option<u32> {
    if t.is_small() && (0..256).contains(&t.small_value()) {
        Some(t.small_value() as u32)
    } else {
        None
    }
}

/// A list from cell `t`: the leading run of bytes packed, then either the
/// first other cell (head mark, head, tail) or the tail the run ends in.
fn list(h: &mut Hasher, mut t: Term, stack: &mut Stack) {
    let (mut packed, mut n) = (0u32, 0u32);
    loop {
        // SAFETY: `t` is a list term, so it points at a cons cell.
        let (hd, tl) = unsafe { (t.head(), t.tail()) };
        let Some(b) = byte(hd) else { break };
        packed = (packed << 8).wrapping_add(b);
        if n == 3 {
            h.u32_2(packed, 0, HCONST_4);
            packed = 0;
            n = 0;
        } else {
            n += 1;
        }
        t = tl;
        if !t.is_list() {
            break;
        }
    }
    if n > 0 {
        h.u32_2(packed, n, HCONST_22);
    }
    if !t.is_list() {
        // The run ended the list: its tail (usually []) comes next.
        stack.push(Step::Term(t));
        return;
    }
    // SAFETY: as above.
    let (hd, tl) = unsafe { (t.head(), t.tail()) };
    h.stir(HCONST_17);
    stack.push(Step::Term(tl));
    if !tl.is_list() {
        stack.push(Step::TailMark);
    }
    stack.push(Step::Term(hd));
}

fn boxed(h: &mut Hasher, t: Term, stack: &mut Stack) {
    // SAFETY: `t` is boxed, so it points at a valid header.
    let hdr = unsafe { t.header() };
    let p = t.boxed_ptr();
    let sub = header_subtag(hdr);
    if crate::data::binary::layout::is_bin_subtag(sub) {
        return binary(h, t);
    }
    match sub {
        HDR_TUPLE => {
            let n = header_arity(hdr);
            h.u32_2(n as u32, 0, HCONST_9);
            for i in (0..n).rev() {
                // SAFETY: `i` is below the arity.
                stack.push(Step::Term(unsafe { t.tuple_elem(i) }));
            }
        }
        HDR_FLOAT => {
            // SAFETY: `t` is a float.
            let f = unsafe { t.float_value() };
            let bits = if f == 0.0 { 0 } else { f.to_bits() };
            h.u32_2(bits as u32, (bits >> 32) as u32, HCONST_12);
        }
        HDR_POS_BIG | HDR_NEG_BIG => {
            let k = if sub == HDR_NEG_BIG {
                HCONST_10
            } else {
                HCONST_11
            };
            for i in 0..header_arity(hdr) {
                // SAFETY: a bignum has `arity` digit words after its header.
                let d = unsafe { *p.add(1 + i) };
                h.u32_2(d as u32, (d >> 32) as u32, k);
            }
        }
        HDR_MAP => map(h, t, stack),
        HDR_FUN => {
            // SAFETY: word 1 of a closure is its FunEntry; its free
            // variables are words 2..=arity.
            let fe = unsafe { &*(*p.add(1) as *const crate::code::module::FunEntry) };
            let nfree = header_arity(hdr).saturating_sub(1);
            h.u32_2(nfree as u32, fe.module.raw() as u32, HCONST_20);
            h.u32_2(fe.index, fe.old_uniq, HCONST_21);
            for i in (0..nfree).rev() {
                // SAFETY: as above.
                stack.push(Step::Term(Term(unsafe { *p.add(2 + i) })));
            }
        }
        _ => {
            // References, external pids/ports/refs and external funs: no
            // erl order to follow; any hash consistent with `=:=` does.
            let x = crate::data::term_hash::exact_hash(t);
            h.u32_2(x as u32, (x >> 32) as u32, HCONST_7);
        }
    }
}

fn map(h: &mut Hasher, m: Term, stack: &mut Stack) {
    // SAFETY: `m` is a map object (flatmap, trie head or trie node).
    let info = unsafe { info_of(m) };
    let k = kind(info);
    if k == Kind::Flat {
        h.u32_2(size(info) as u32, 0, HCONST_16);
        // SAFETY: `m` is a flatmap.
        let (ks, vs) = unsafe { (flat_keys(m), flat_values(m)) };
        for i in (0..ks.len().min(vs.len())).rev() {
            stack.push(Step::Term(vs[i]));
            stack.push(Step::Term(ks[i]));
        }
        return;
    }
    if k != Kind::Node {
        // A trie head mixes its size; inner nodes do not.
        let n = size(info);
        h.u32_2(n as u32, 0, HCONST_16);
        if n == 0 {
            return;
        }
    }
    // SAFETY: `m` is a trie head or node.
    for &c in unsafe { children(m) } {
        if c.is_list() {
            // A leaf `[Key | Value]`: the key is hashed first.
            // SAFETY: a list child is a cons cell.
            let (key, val) = unsafe { (c.head(), c.tail()) };
            stack.push(Step::Term(val));
            stack.push(Step::Term(key));
        } else {
            stack.push(Step::Term(c));
        }
    }
}

/// Bob Jenkins' block hash of `bytes` seeded with `init` (utils.c's
/// `block_hash`): twelve bytes per round, the rest and the length last.
fn block_hash(bytes: &[u8], init: u32) -> u32 {
    let (mut a, mut b, mut c) = (HCONST, HCONST, init);
    let le = |s: &[u8]| s.iter().rev().fold(0u32, |w, &x| (w << 8) | x as u32);
    let mut chunks = bytes.chunks_exact(12);
    for k in &mut chunks {
        a = a.wrapping_add(le(&k[0..4]));
        b = b.wrapping_add(le(&k[4..8]));
        c = c.wrapping_add(le(&k[8..12]));
        mix3(&mut a, &mut b, &mut c);
    }
    let r = chunks.remainder();
    c = c.wrapping_add(bytes.len() as u32);
    // The last partial round: bytes 0..4 to `a`, 4..8 to `b`, 8..11 to
    // `c` shifted up one byte (its low byte took the length).
    let part = |s: &[u8]| if s.is_empty() { 0 } else { le(s) };
    a = a.wrapping_add(part(&r[..r.len().min(4)]));
    b = b.wrapping_add(part(&r[r.len().min(4)..r.len().min(8)]));
    c = c.wrapping_add(part(&r[r.len().min(8)..]) << 8);
    mix(a, b, c)
}

/// The full mix keeping all three words (between block rounds).
#[inline]
fn mix3(a: &mut u32, b: &mut u32, c: &mut u32) {
    let (mut x, mut y, mut z) = (*a, *b, *c);
    x = x.wrapping_sub(y).wrapping_sub(z) ^ (z >> 13);
    y = y.wrapping_sub(z).wrapping_sub(x) ^ (x << 8);
    z = z.wrapping_sub(x).wrapping_sub(y) ^ (y >> 13);
    x = x.wrapping_sub(y).wrapping_sub(z) ^ (z >> 12);
    y = y.wrapping_sub(z).wrapping_sub(x) ^ (x << 16);
    z = z.wrapping_sub(x).wrapping_sub(y) ^ (y >> 5);
    x = x.wrapping_sub(y).wrapping_sub(z) ^ (z >> 3);
    y = y.wrapping_sub(z).wrapping_sub(x) ^ (x << 10);
    z = z.wrapping_sub(x).wrapping_sub(y) ^ (y >> 15);
    (*a, *b, *c) = (x, y, z);
}

/// A bitstring: its whole bytes through the block hash seeded with the
/// state plus a constant, then any trailing bits with their count.
fn binary(h: &mut Hasher, t: Term) {
    let Some(v) = crate::data::binary::view(t) else {
        return;
    };
    let seed = HCONST_13.wrapping_add(h.0);
    if v.bits == 0 {
        h.0 = seed;
        return;
    }
    let (whole, rest) = (v.bits / 8, (v.bits % 8) as u32);
    let owned;
    let bytes: &[u8] = match v.bytes() {
        Some(b) => b,
        None => {
            owned = v.to_vec();
            &owned
        }
    };
    h.0 = block_hash(&bytes[..whole], seed);
    if rest > 0 {
        let last = bytes.get(whole).copied().unwrap_or(0) as u32;
        h.u32_2(rest, last >> (8 - rest), HCONST_15);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn block_hash_rounds_and_tail_agree_with_the_full_mix() {
        // One full round then a 1-byte tail differs from 13 bytes hashed
        // any other way, and the empty block is the mix of the seeds.
        assert_eq!(block_hash(&[], 7), mix(HCONST, HCONST, 7));
        let a = block_hash(&[1; 13], 0);
        let b = block_hash(&[1; 12], 0);
        assert_ne!(a, b);
    }

    #[test]
    fn tuples_land_in_erls_buckets() {
        // Measured on erl 25 with ets:slot/2 of a fresh set: {} is in
        // bucket 114 and {1} in bucket 14 (of 256).
        let e = [make_header(0, HDR_TUPLE)];
        let o1 = [make_header(1, HDR_TUPLE), Term::small(1).raw()];
        assert_eq!(internal(Term::boxed_from_ptr(e.as_ptr())) & 255, 114);
        assert_eq!(internal(Term::boxed_from_ptr(o1.as_ptr())) & 255, 14);
    }

    /// The walk with an explicit stack, for comparing with the fast path.
    fn walked(k: Term) -> u32 {
        let mut h = Hasher(SALT);
        let mut stack = Stack::new();
        stack.push(Step::Term(k));
        while let Some(s) = stack.pop() {
            match s {
                Step::TailMark => h.stir(HCONST_18),
                Step::Term(t) if t.is_immed() => h.word(t.raw()),
                Step::Term(t) if t.is_list() => list(&mut h, t, &mut stack),
                Step::Term(t) => boxed(&mut h, t, &mut stack),
            }
        }
        h.0
    }

    #[test]
    fn flat_tuples_hash_as_the_walk_does() {
        let t3 = [
            make_header(3, HDR_TUPLE),
            Term::small(-7).raw(),
            NIL.raw(),
            Term::small(1 << 40).raw(),
        ];
        let t0 = [make_header(0, HDR_TUPLE)];
        for t in [&t3[..], &t0[..]] {
            let k = Term::boxed_from_ptr(t.as_ptr());
            assert!(flat_tuple(k).is_some());
            assert_eq!(internal(k), walked(k));
        }
        // Nested tuples take the walk.
        let mut deep = vec![0u64; 2 * 40];
        for i in 0..40 {
            deep[2 * i] = make_header(1, HDR_TUPLE);
            deep[2 * i + 1] = if i == 39 {
                Term::small(3).raw()
            } else {
                Term::boxed_from_ptr(unsafe { deep.as_ptr().add(2 * i + 2) }).raw()
            };
        }
        let k = Term::boxed_from_ptr(deep.as_ptr());
        assert!(flat_tuple(k).is_none());
        assert_eq!(internal(k), walked(k));
    }

    #[test]
    fn immediates_hash_as_their_word() {
        let k = Term::small(5);
        let mut h = Hasher(SALT);
        h.word(k.raw());
        assert_eq!(internal(k), h.0);
    }
}
