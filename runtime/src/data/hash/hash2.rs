//! `make_hash2`: the hash behind `erlang:phash2/1,2`.

use super::{atom_hvalue, bin_parts};
use crate::code::export::Export;
use crate::code::module::FunEntry;
use crate::data::hash::hconst::*;
use crate::data::map::layout::{children, info_of, kind, Kind};
use crate::term::*;

/// `[]` as the first thing hashed.
const NIL_FIRST: u32 = 3_468_870_702;
/// BEAM's NIL_DEF type code.
const NIL_DEF: u32 = 2;

/// Jenkins' 96-bit mix.
#[inline]
pub(crate) fn mix(a: &mut u32, b: &mut u32, c: &mut u32) {
    *a = a.wrapping_sub(*b).wrapping_sub(*c) ^ (*c >> 13);
    *b = b.wrapping_sub(*c).wrapping_sub(*a) ^ (*a << 8);
    *c = c.wrapping_sub(*a).wrapping_sub(*b) ^ (*b >> 13);
    *a = a.wrapping_sub(*b).wrapping_sub(*c) ^ (*c >> 12);
    *b = b.wrapping_sub(*c).wrapping_sub(*a) ^ (*a << 16);
    *c = c.wrapping_sub(*a).wrapping_sub(*b) ^ (*b >> 5);
    *a = a.wrapping_sub(*b).wrapping_sub(*c) ^ (*c >> 3);
    *b = b.wrapping_sub(*c).wrapping_sub(*a) ^ (*a << 10);
    *c = c.wrapping_sub(*a).wrapping_sub(*b) ^ (*b >> 15);
}

/// UINT32_HASH_2.
#[inline]
fn h2(hash: &mut u32, x: u32, y: u32, k: u32) {
    let (mut a, mut b) = (k.wrapping_add(x), k.wrapping_add(y));
    mix(&mut a, &mut b, hash);
}

/// UINT32_HASH.
#[inline]
fn h1(hash: &mut u32, x: u32, k: u32) {
    h2(hash, x, 0, k)
}

/// Jenkins' block hash of `k` seeded with `init`.
pub(crate) fn block_hash(k: &[u8], init: u32) -> u32 {
    let (mut a, mut b, mut c) = (HCONST, HCONST, init);
    let le = |s: &[u8]| u32::from_le_bytes([s[0], s[1], s[2], s[3]]);
    let mut chunks = k.chunks_exact(12);
    for ch in &mut chunks {
        a = a.wrapping_add(le(&ch[0..4]));
        b = b.wrapping_add(le(&ch[4..8]));
        c = c.wrapping_add(le(&ch[8..12]));
        mix(&mut a, &mut b, &mut c);
    }
    let r = chunks.remainder();
    c = c.wrapping_add(k.len() as u32);
    let byte = |i: usize| r.get(i).copied().unwrap_or(0) as u32;
    c = c
        .wrapping_add(byte(10) << 24)
        .wrapping_add(byte(9) << 16)
        .wrapping_add(byte(8) << 8);
    b = b
        .wrapping_add(byte(7) << 24)
        .wrapping_add(byte(6) << 16)
        .wrapping_add(byte(5) << 8)
        .wrapping_add(byte(4));
    a = a
        .wrapping_add(byte(3) << 24)
        .wrapping_add(byte(2) << 16)
        .wrapping_add(byte(1) << 8)
        .wrapping_add(byte(0));
    mix(&mut a, &mut b, &mut c);
    c
}

fn hash_small(hash: &mut u32, v: i64) {
    if (-(1i64 << 27)..(1i64 << 27)).contains(&v) {
        let y = v as i32;
        if y < 0 {
            h1(hash, y.wrapping_neg() as u32, HCONST);
        }
        h1(hash, y as u32, HCONST);
    } else {
        let t = v.unsigned_abs();
        let con = if v < 0 { HCONST_10 } else { HCONST_11 };
        h2(hash, t as u32, (t >> 32) as u32, con);
    }
}

enum Op {
    Term(Term),
    /// End of a map: restore the outer hash and fold in the pairs.
    MapTail(u32, u32),
    /// End of one key/value pair.
    MapPair,
}

/// `make_hash2(t)`. Iterative; `phash2/1` is this masked to 27 bits.
pub fn make_hash2(t: Term) -> u32 {
    let mut hash: u32 = 0;
    let mut xor_pairs: u32 = 0;
    let mut stack: Vec<Op> = Vec::new();
    let mut term = t;
    loop {
        // Hash `term`; `Some(next)` continues with a term at once (BEAM's
        // fall-through), `None` goes on with the stack.
        let next = step(term, &mut hash, &mut xor_pairs, &mut stack);
        if let Some(n) = next {
            term = n;
            continue;
        }
        // hash2_common: pop until a term.
        loop {
            match stack.pop() {
                None => return hash,
                Some(Op::Term(t)) => {
                    term = t;
                    break;
                }
                Some(Op::MapTail(saved_hash, saved_xor)) => {
                    hash = saved_hash;
                    h1(&mut hash, xor_pairs, HCONST_19);
                    xor_pairs = saved_xor;
                }
                Some(Op::MapPair) => {
                    xor_pairs ^= hash;
                    hash = 0;
                }
            }
        }
    }
}

fn step(term: Term, hash: &mut u32, xor_pairs: &mut u32, stack: &mut Vec<Op>) -> Option<Term> {
    if term.is_list() {
        let (mut c, mut sh) = (0u32, 0u32);
        let mut cur = term;
        loop {
            // SAFETY: `cur` is a list term.
            let (h, tl) = unsafe { (cur.head(), cur.tail()) };
            if !(h.is_small() && (0..=255).contains(&h.small_value())) {
                break;
            }
            sh = (sh << 8).wrapping_add(h.small_value() as u32);
            if c == 3 {
                h1(hash, sh, HCONST_4);
                c = 0;
                sh = 0;
            } else {
                c += 1;
            }
            cur = tl;
            if !cur.is_list() {
                break;
            }
        }
        if c > 0 {
            h1(hash, sh, HCONST_4);
        }
        if cur.is_list() {
            // SAFETY: `cur` is a list term.
            let (h, tl) = unsafe { (cur.head(), cur.tail()) };
            stack.push(Op::Term(tl));
            return Some(h);
        }
        return Some(cur);
    }
    if term.is_small() {
        hash_small(hash, term.small_value());
    } else if term.is_atom() {
        if *hash == 0 {
            *hash = atom_hvalue(term);
        } else {
            h1(hash, atom_hvalue(term), HCONST_3);
        }
    } else if term.is_nil() {
        if *hash == 0 {
            *hash = NIL_FIRST;
        } else {
            h1(hash, NIL_DEF, HCONST_2);
        }
    } else if term.is_pid() {
        // BEAM hashes the pid number (15 bits), not the serial.
        h1(hash, (term.pid_number() & 0x7fff) as u32, HCONST_5);
    } else if term.is_port() {
        let n = term.port_number();
        h2(hash, n as u32, (n >> 32) as u32, HCONST_6);
    } else if term.is_boxed() {
        return boxed(term, hash, xor_pairs, stack);
    }
    None
}

fn boxed(term: Term, hash: &mut u32, xor_pairs: &mut u32, stack: &mut Vec<Op>) -> Option<Term> {
    // SAFETY: boxed terms point at a valid header.
    let hdr = unsafe { term.header() };
    let p = term.boxed_ptr();
    match header_subtag(hdr) {
        HDR_TUPLE => {
            let n = header_arity(hdr);
            h1(hash, n as u32, HCONST_9);
            if n == 0 {
                return None;
            }
            // SAFETY: indices < arity.
            unsafe {
                for i in (1..n).rev() {
                    stack.push(Op::Term(term.tuple_elem(i)));
                }
                return Some(term.tuple_elem(0));
            }
        }
        HDR_MAP => {
            // SAFETY: `term` is a map object.
            let info = unsafe { info_of(term) };
            let k = kind(info);
            if k != Kind::Node {
                let size = crate::data::map::layout::size(info) as u32;
                h1(hash, size, HCONST_16);
                if size == 0 {
                    return None;
                }
                stack.push(Op::MapTail(*hash, *xor_pairs));
                *hash = 0;
                *xor_pairs = 0;
            }
            if k == Kind::Flat {
                // SAFETY: `term` is a flatmap.
                let (ks, vs) = unsafe {
                    (
                        crate::data::map::layout::flat_keys(term),
                        crate::data::map::layout::flat_values(term),
                    )
                };
                for i in (0..ks.len()).rev() {
                    stack.push(Op::MapPair);
                    stack.push(Op::Term(vs[i]));
                    stack.push(Op::Term(ks[i]));
                }
            } else {
                // SAFETY: `term` is a trie head or node.
                for &c in unsafe { children(term) } {
                    if c.is_list() {
                        stack.push(Op::MapPair);
                        // SAFETY: a leaf is a cons cell [K | V].
                        unsafe {
                            stack.push(Op::Term(c.tail()));
                            stack.push(Op::Term(c.head()));
                        }
                    } else {
                        stack.push(Op::Term(c));
                    }
                }
            }
        }
        HDR_FUN => {
            // SAFETY: word 1 of a closure is its FunEntry; free vars follow.
            let (fe, nfree) = unsafe { (&*(*p.add(1) as *const FunEntry), header_arity(hdr) - 1) };
            h2(hash, nfree as u32, atom_hvalue(fe.module), HCONST);
            h2(hash, fe.index, fe.old_uniq, HCONST);
            if nfree == 0 {
                return None;
            }
            // SAFETY: words 2..2+nfree are the free variables.
            unsafe {
                for i in (1..nfree).rev() {
                    stack.push(Op::Term(Term(*p.add(2 + i))));
                }
                return Some(Term(*p.add(2)));
            }
        }
        HDR_EXPORT => {
            // SAFETY: word 1 of an external fun is its export entry.
            let e = unsafe { &*(*p.add(1) as *const Export) };
            h2(hash, e.arity, atom_hvalue(e.module), HCONST);
            h1(hash, atom_hvalue(e.function), HCONST_14);
        }
        HDR_POS_BIG | HDR_NEG_BIG => {
            let con = if header_subtag(hdr) == HDR_NEG_BIG {
                HCONST_10
            } else {
                HCONST_11
            };
            // SAFETY: `term` is a bignum.
            for &l in unsafe { crate::data::big::big_limbs(term) } {
                h2(hash, l as u32, (l >> 32) as u32, con);
            }
        }
        HDR_REF => {
            // SAFETY: a local ref's word 2 holds its lowest id words.
            let lo = unsafe { *p.add(2) };
            h1(hash, lo as u32, HCONST_7);
        }
        // Of another node: the same parts as the local kinds hash.
        HDR_EXT_PID => {
            let (_, num, _) = crate::data::ext_ident::pid_parts(term).unwrap_or_default();
            h1(hash, num, HCONST_5);
        }
        HDR_EXT_PORT => {
            let (_, n) = crate::data::ext_ident::port_parts(term).unwrap_or_default();
            h2(hash, n as u32, (n >> 32) as u32, HCONST_6);
        }
        HDR_EXT_REF => {
            let (_, nums) = crate::data::ext_ident::ext_ref_parts(term).unwrap_or_default();
            h1(hash, nums.first().copied().unwrap_or(0), HCONST_7);
        }
        HDR_FLOAT => {
            // SAFETY: `term` is a float.
            let f = unsafe { term.float_value() };
            let bits = if f == 0.0 { 0 } else { f.to_bits() };
            h2(hash, (bits >> 32) as u32, bits as u32, HCONST_12);
        }
        s if crate::data::binary::layout::is_bin_subtag(s) => {
            if let Some((bytes, rest, last)) = bin_parts(term) {
                let con = HCONST_13.wrapping_add(*hash);
                if bytes.is_empty() && rest == 0 {
                    *hash = con;
                } else {
                    *hash = block_hash(&bytes, con);
                    if rest > 0 {
                        h2(hash, rest as u32, last as u32, HCONST_15);
                    }
                }
            }
        }
        _ => {}
    }
    None
}
