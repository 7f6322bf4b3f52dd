//! `make_hash`: the older hash behind `erlang:phash/2`.

use super::{atom_hvalue, bin_parts};
use crate::code::export::Export;
use crate::code::module::FunEntry;
use crate::term::*;

const F1: u32 = 268_440_163;
const F2: u32 = 268_439_161;
const F3: u32 = 268_435_459;
const F4: u32 = 268_436_141;
const F5: u32 = 268_438_633;
const F6: u32 = 268_437_017;
const F8: u32 = 268_437_511;
const F9: u32 = 268_439_627;
const F10: u32 = 268_440_479;
const F11: u32 = 268_440_577;
const F12: u32 = 268_440_581;
const F13: u32 = 268_440_593;
const F14: u32 = 268_440_611;

/// UINT32_HASH_STEP: the four bytes of `x`, least significant first.
#[inline]
fn step32(h: u32, x: u32, p: u32) -> u32 {
    let mut h = h;
    for i in 0..4 {
        h = h.wrapping_mul(p).wrapping_add((x >> (8 * i)) & 0xff);
    }
    h
}

#[inline]
fn mul_add(h: u32, p: u32, x: u32) -> u32 {
    h.wrapping_mul(p).wrapping_add(x)
}

enum Op {
    Term(Term),
    /// After a tuple's elements: fold in its arity.
    TupleEnd(u32),
    /// The tail of a list whose head was just hashed.
    CdrPre(Term),
    /// After a list's final tail.
    CdrPost,
}

/// `make_hash(t)`. Iterative.
pub fn make_hash(t: Term) -> u32 {
    let mut h: u32 = 0;
    let mut stack = vec![Op::Term(t)];
    while let Some(op) = stack.pop() {
        let term = match op {
            Op::Term(t) => t,
            Op::TupleEnd(n) => {
                h = mul_add(h, F9, n);
                continue;
            }
            Op::CdrPost => {
                h = h.wrapping_mul(F8);
                continue;
            }
            Op::CdrPre(t) => {
                if !t.is_list() {
                    stack.push(Op::CdrPost);
                }
                t
            }
        };
        h = one(term, h, &mut stack);
    }
    h
}

fn is_byte(t: Term) -> bool {
    t.is_small() && (0..=255).contains(&t.small_value())
}

/// Hashes `term` itself; its parts go on the stack.
fn one(term: Term, mut h: u32, stack: &mut Vec<Op>) -> u32 {
    if term.is_list() {
        let mut cur = term;
        loop {
            // SAFETY: `cur` is a list term.
            let (hd, tl) = unsafe { (cur.head(), cur.tail()) };
            if !is_byte(hd) {
                stack.push(Op::CdrPre(tl));
                stack.push(Op::Term(hd));
                return h;
            }
            h = mul_add(h, F2, hd.small_value() as u32);
            if !tl.is_list() {
                stack.push(Op::CdrPost);
                stack.push(Op::Term(tl));
                return h;
            }
            cur = tl;
        }
    }
    if term.is_nil() {
        return mul_add(h, F3, 1);
    }
    if term.is_atom() {
        return mul_add(h, F1, atom_hvalue(term));
    }
    if term.is_small() {
        let v = term.small_value();
        let y = v.unsigned_abs();
        h = step32(h, y as u32, F2);
        if y >> 32 != 0 {
            h = step32(h, (y >> 32) as u32, F2);
        }
        return h.wrapping_mul(if v < 0 { F4 } else { F3 });
    }
    if term.is_pid() {
        // BEAM hashes the pid number (15 bits), not the serial.
        return step32(h, (term.pid_number() & 0x7fff) as u32, F5).wrapping_mul(F6);
    }
    if term.is_port() {
        let n = term.port_number();
        if n >> 32 != 0 {
            h = step32(h, (n >> 32) as u32, F11);
        }
        return step32(h, n as u32, F9).wrapping_mul(F10);
    }
    if !term.is_boxed() {
        return h;
    }
    // SAFETY: boxed terms point at a valid header.
    let hdr = unsafe { term.header() };
    let p = term.boxed_ptr();
    match header_subtag(hdr) {
        HDR_TUPLE => {
            let n = header_arity(hdr);
            stack.push(Op::TupleEnd(n as u32));
            // SAFETY: i < arity.
            stack.extend(
                (0..n)
                    .rev()
                    .map(|i| Op::Term(unsafe { term.tuple_elem(i) })),
            );
        }
        HDR_FUN => {
            // SAFETY: word 1 of a closure is its FunEntry; free vars follow.
            let (fe, nfree) = unsafe { (&*(*p.add(1) as *const FunEntry), header_arity(hdr) - 1) };
            h = mul_add(h, F10, nfree as u32);
            h = mul_add(h, F1, atom_hvalue(fe.module));
            h = mul_add(h, F2, fe.index);
            h = mul_add(h, F2, fe.old_uniq);
            // SAFETY: words 2..2+nfree are the free variables.
            stack.extend(
                (0..nfree)
                    .rev()
                    .map(|i| Op::Term(Term(unsafe { *p.add(2 + i) }))),
            );
        }
        HDR_EXPORT => {
            // SAFETY: word 1 of an external fun is its export entry.
            let e = unsafe { &*(*p.add(1) as *const Export) };
            h = mul_add(h, F11, e.arity);
            h = mul_add(h, F1, atom_hvalue(e.module));
            h = mul_add(h, F1, atom_hvalue(e.function));
        }
        HDR_POS_BIG | HDR_NEG_BIG => {
            // SAFETY: `term` is a bignum.
            let limbs = unsafe { crate::data::big::big_limbs(term) };
            let n = limbs.len();
            for (i, &d) in limbs.iter().enumerate() {
                let k = if i + 1 == n && d >> 32 == 0 { 4 } else { 8 };
                for j in 0..k {
                    h = mul_add(h, F2, ((d >> (8 * j)) & 0xff) as u32);
                }
            }
            h = h.wrapping_mul(if header_subtag(hdr) == HDR_NEG_BIG {
                F4
            } else {
                F3
            });
        }
        HDR_REF => {
            // SAFETY: a local ref's word 2 holds its lowest id words.
            let lo = unsafe { *p.add(2) };
            h = step32(h, lo as u32, F9).wrapping_mul(F10);
        }
        // Of another node: the same parts as the local kinds hash.
        HDR_EXT_PID => {
            let (_, num, _) = crate::data::ext_ident::pid_parts(term).unwrap_or_default();
            h = step32(h, num, F5).wrapping_mul(F6);
        }
        HDR_EXT_PORT => {
            let (_, n) = crate::data::ext_ident::port_parts(term).unwrap_or_default();
            if n >> 32 != 0 {
                h = step32(h, (n >> 32) as u32, F11);
            }
            h = step32(h, n as u32, F9).wrapping_mul(F10);
        }
        HDR_EXT_REF => {
            let (_, nums) = crate::data::ext_ident::ext_ref_parts(term).unwrap_or_default();
            h = step32(h, nums.first().copied().unwrap_or(0), F9).wrapping_mul(F10);
        }
        HDR_FLOAT => {
            // SAFETY: `term` is a float.
            let f = unsafe { term.float_value() };
            let bits = if f == 0.0 { 0 } else { f.to_bits() };
            h = mul_add(h, F6, (bits as u32) ^ ((bits >> 32) as u32));
        }
        HDR_MAP => {
            h = mul_add(h, F13, F14).wrapping_add(super::hash2::make_hash2(term));
        }
        s if crate::data::binary::layout::is_bin_subtag(s) => {
            if let Some((bytes, rest, last)) = bin_parts(term) {
                for &b in &bytes {
                    h = mul_add(h, F1, b as u32);
                }
                if rest > 0 {
                    h = mul_add(mul_add(h, F1, last as u32), F12, rest as u32);
                }
                h = mul_add(h, F4, bytes.len() as u32);
            }
        }
        _ => {}
    }
    h
}
