//! `erts_debug:same/2`, `erts_debug:flat_size/1`, `erts_debug:size/1` and
//! `erts_debug:size_shared/1`.
//!
//! Sizes are BEAM's heap words for the term, so that programs (and OTP's
//! test suites) that check them see erl's numbers whatever girder's own
//! layouts are: `flat_size` counts every subterm occurrence (BEAM's
//! `size_object`), `size` and `size_shared` count each heap object once
//! (kernel's `erts_debug:size/1`, which walks the term remembering what it
//! has seen by identity; girder does the walk natively with a set of
//! object addresses, and registers it in place of the Erlang function);
//! `size_shared` leaves out literals, as BEAM's does.
//!
//! Per object, in BEAM words (girder's layout where it differs):
//! - cons 2; tuple 1 + arity (the empty tuple 0: a shared constant);
//!   bignum 1 + limbs; float 2; reference 3;
//! - closure 5 + free variables (girder: 2 + free); external fun 5
//!   (girder: 2);
//! - heap binary 2 + ceil(bytes / 8); refc binary 6 (girder: 3);
//! - sub-binary of whole bytes, at most 64: a heap binary's size (what
//!   BEAM's matching makes of it); other sub-binaries: what `size_object`
//!   counts for a copy (5 for the sub-binary when it is not byte-aligned,
//!   plus 6 for a refc original or a compact heap binary of the bytes it
//!   covers);
//! - flatmap 3 + pairs (same) plus its keys tuple; trie head 2 + children
//!   (same); trie node 1 + children (girder: 2 + children).

use super::{bif, BifDef};
use crate::heap::ctx::Ctx;
use crate::term::*;
use std::collections::HashSet;

pub const BIFS: &[BifDef] = &[
    bif!("erts_debug", "same", 2, same_2),
    bif!("erts_debug", "flat_size", 1, flat_size_1),
    bif!("erts_debug", "size", 1, size_1),
    bif!("erts_debug", "size_shared", 1, size_shared_1),
];

/// BEAM's word counts for objects whose layout differs from girder's.
const PROC_BIN: usize = 6;
const SUB_BIN: usize = 5;
const FUN_BASE: usize = 5;
const HEAP_BIN_LIMIT: usize = crate::data::binary::layout::HEAP_BIN_LIMIT;

fn heap_bin_size(bytes: usize) -> usize {
    2 + bytes.div_ceil(8)
}

/// BEAM words of the object `t` points at (not its subterms), and its
/// subterms, pushed on `stack`.
/// # Safety
/// `t` must be a list or boxed term pointing at a valid object.
unsafe fn object(t: Term, stack: &mut Vec<Term>) -> usize {
    if t.is_list() {
        stack.push(t.head());
        stack.push(t.tail());
        return 2;
    }
    let p = t.boxed_ptr();
    let hdr = *p;
    let arity = header_arity(hdr);
    match header_subtag(hdr) {
        HDR_TUPLE => {
            stack.extend((1..=arity).map(|i| Term(*p.add(i))));
            if arity == 0 {
                0
            } else {
                1 + arity
            }
        }
        HDR_FUN => {
            let nfree = arity.saturating_sub(1);
            stack.extend((0..nfree).map(|i| Term(*p.add(2 + i))));
            FUN_BASE + nfree
        }
        HDR_EXPORT => FUN_BASE,
        HDR_REFC_BIN => PROC_BIN,
        HDR_SUB_BIN => {
            let bits = *p.add(1) as usize;
            let offset = *p.add(2) as usize;
            let orig = Term(*p.add(4));
            let (bitoffs, bitsize) = (offset % 8, bits % 8);
            let extra = match bitoffs + bitsize {
                0 => 0,
                1..=8 => 1,
                _ => 2,
            };
            if bits.is_multiple_of(8) && bits / 8 <= HEAP_BIN_LIMIT {
                // BEAM's matching extracts whole bytes up to 64 as a heap
                // binary (`erts_extract_sub_binary`); girder keeps a
                // sub-binary.
                return heap_bin_size(bits / 8);
            }
            let sub = if extra > 0 { SUB_BIN } else { 0 };
            let data = if orig.is_boxed_of(HDR_REFC_BIN) {
                PROC_BIN
            } else {
                heap_bin_size(bits / 8 + extra)
            };
            sub + data
        }
        HDR_MAP => {
            // [hdr] [info] [terms...]: a flatmap's keys tuple and values,
            // or a trie's children.
            stack.extend((2..=arity).map(|i| Term(*p.add(i))));
            let info = *p.add(1);
            let words = 1 + arity;
            if crate::data::map::layout::kind(info) == crate::data::map::layout::Kind::Node {
                words - 1
            } else {
                words
            }
        }
        // BEAM's magic reference thing: header, off-heap link, binary
        // (girder's keeps the two id words and the resource pointer).
        _ if crate::data::resource::is_magic_header(hdr) => 3,
        // Bignums, floats, refs, heap binaries, match states and external
        // identifiers: the same number of words as in BEAM.
        _ => 1 + arity,
    }
}

/// BEAM heap words of `t`; with `shared`, each object counted once.
pub fn beam_size(t: Term, shared: bool) -> usize {
    walk(t, shared, false)
}

/// The walk behind `beam_size`; `heap_only` leaves out literals (and what
/// they hold), as BEAM's `size_shared` does.
fn walk(t: Term, shared: bool, heap_only: bool) -> usize {
    let mut sum = 0usize;
    let mut seen: HashSet<u64> = HashSet::new();
    let mut stack = vec![t];
    while let Some(t) = stack.pop() {
        if !t.is_list() && !t.is_boxed() {
            continue;
        }
        let addr = t.raw() & !TAG_PRIMARY_MASK;
        if heap_only && crate::term::literal::contains(addr as *const u64) {
            continue;
        }
        if shared && !seen.insert(addr) {
            continue;
        }
        // SAFETY: list and boxed terms point at valid objects.
        sum += unsafe { object(t, &mut stack) };
    }
    sum
}

fn same_2(_ctx: &mut Ctx, args: &[Term; 2]) -> Term {
    let (a, b) = (args[0], args[1]);
    Term::boolean(a == b)
}

fn flat_size_1(ctx: &mut Ctx, args: &[Term; 1]) -> Term {
    let n = beam_size(args[0], false);
    crate::data::big::make_u64(ctx, n as u64)
}

fn size_1(ctx: &mut Ctx, args: &[Term; 1]) -> Term {
    let n = beam_size(args[0], true);
    crate::data::big::make_u64(ctx, n as u64)
}

fn size_shared_1(ctx: &mut Ctx, args: &[Term; 1]) -> Term {
    let n = walk(args[0], true, true);
    crate::data::big::make_u64(ctx, n as u64)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::data::build::{list_from_slice, make_float, make_string, make_tuple};
    use crate::term::atom::intern;
    use crate::testutil::TestProc;

    #[test]
    fn sizes_match_beam() {
        let mut tp = TestProc::new();
        let ctx = tp.ctx();
        let a = list_from_slice(ctx, &[intern("a"), intern("b")]);
        let b = list_from_slice(ctx, &[a, a]);
        // kernel's example: size([A, A]) = 8, flat_size = 12.
        assert_eq!(beam_size(b, true), 8);
        assert_eq!(beam_size(b, false), 12);
        let s = make_string(ctx, "abc");
        assert_eq!(beam_size(s, false), 6);
        let t = make_tuple(ctx, &[intern("a"), intern("b")]);
        assert_eq!(beam_size(t, false), 3);
        let e = make_tuple(ctx, &[]);
        assert_eq!(beam_size(e, false), 0);
        let f = make_float(ctx, 1.0);
        assert_eq!(beam_size(f, false), 2);
        let r = crate::data::build::make_ref(ctx);
        assert_eq!(beam_size(r, false), 3);
        assert_eq!(beam_size(Term::small(3), false), 0);
        let big = crate::data::big::make_i128(ctx, 1 << 64);
        assert_eq!(beam_size(big, false), 3);
        let bin = crate::data::binary::build::make_binary(ctx, &[1, 2, 3]);
        assert_eq!(beam_size(bin, false), 3);
        let refc = crate::data::binary::build::make_binary(ctx, &[0; 125]);
        assert_eq!(beam_size(refc, false), 6);
        let bits = crate::data::binary::build::make_bitstring(ctx, &[0x20], 3);
        assert_eq!(beam_size(bits, false), 8);
    }

    #[test]
    fn same_is_identity() {
        let mut tp = TestProc::new();
        let ctx = tp.ctx();
        let t1 = make_tuple(ctx, &[Term::small(1)]);
        let t2 = make_tuple(ctx, &[Term::small(1)]);
        assert_eq!(same_2(ctx, &[t1, t1]), crate::term::atom::am::TRUE);
        assert_eq!(same_2(ctx, &[t1, t2]), crate::term::atom::am::FALSE);
    }
}
