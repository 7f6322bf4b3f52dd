//! Heap layout of map objects (subtag `HDR_MAP`). Every map object is
//! `[hdr(HDR_MAP, arity)] [info] [terms...]`: the first payload word is raw
//! (the GC and the copier skip it, see `gc::term_fields`), the rest are
//! terms. The info word says which kind of object it is:
//!
//! | bits | meaning |
//! |---|---|
//! | 0..2 | kind: 0 flatmap, 1 trie node (bitmap), 2 trie head (array), 3 trie head (bitmap) |
//! | 16..32 | bitmap of occupied slots (trie nodes and heads; `0xffff` for an array head) |
//! | 32..64 | number of key/value pairs (flatmaps and trie heads) |
//!
//! - flatmap (at most 32 pairs, BEAM's flatmap): `[hdr 2+n] [info] [keys tuple] [v0..vn-1]`,
//!   keys in map-key order (exact term order), values in the same order;
//! - trie head: `[hdr 1+k] [info] [child0..childk-1]`, 16 children for an array head;
//! - trie node: `[hdr 1+k] [info] [child0..childk-1]`, children in slot order;
//! - a child is a leaf, the cons cell `[Key | Value]`, or a trie node.
//!
//! A map with at most 32 pairs is always a flatmap, a bigger one always a
//! trie, exactly as in BEAM, and the trie shape is BEAM's (a node exists
//! for a hash prefix shared by at least two keys; a full head is an array),
//! so iteration order and `erlang:display` output match erl.

use crate::heap::ctx::Ctx;
use crate::term::*;

/// Largest flatmap (BEAM's MAP_SMALL_MAP_LIMIT).
pub const SMALL_MAP_LIMIT: usize = 32;

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Kind {
    Flat,
    Node,
    HeadArray,
    HeadBitmap,
}

#[inline]
pub fn info(kind: Kind, bitmap: u32, size: usize) -> u64 {
    let k = match kind {
        Kind::Flat => 0,
        Kind::Node => 1,
        Kind::HeadArray => 2,
        Kind::HeadBitmap => 3,
    };
    k | ((bitmap as u64 & 0xffff) << 16) | ((size as u64) << 32)
}

#[inline]
pub fn kind(info: u64) -> Kind {
    match info & 3 {
        0 => Kind::Flat,
        1 => Kind::Node,
        2 => Kind::HeadArray,
        _ => Kind::HeadBitmap,
    }
}

#[inline]
pub fn size(info: u64) -> usize {
    (info >> 32) as usize
}

#[inline]
pub fn bitmap(info: u64) -> u32 {
    ((info >> 16) & 0xffff) as u32
}

/// The info word of map object `m`.
/// # Safety
/// `m` must be a boxed map object.
#[inline]
pub unsafe fn info_of(m: Term) -> u64 {
    *m.boxed_ptr().add(1)
}

/// Keys of flatmap `m`.
/// # Safety
/// `m` must be a flatmap; the slice lives as long as the map is not moved.
#[inline]
pub unsafe fn flat_keys<'a>(m: Term) -> &'a [Term] {
    let keys = Term(*m.boxed_ptr().add(2));
    let n = keys.tuple_arity();
    std::slice::from_raw_parts(keys.boxed_ptr().add(1) as *const Term, n)
}

/// Values of flatmap `m`.
/// # Safety
/// As `flat_keys`.
#[inline]
pub unsafe fn flat_values<'a>(m: Term) -> &'a [Term] {
    let p = m.boxed_ptr();
    let n = header_arity(*p) - 2;
    std::slice::from_raw_parts(p.add(3) as *const Term, n)
}

/// Children of trie node or head `m`.
/// # Safety
/// `m` must be a trie node or head.
#[inline]
pub unsafe fn children<'a>(m: Term) -> &'a [Term] {
    let p = m.boxed_ptr();
    let n = header_arity(*p) - 1;
    std::slice::from_raw_parts(p.add(2) as *const Term, n)
}

/// Where map objects are allocated: a process heap (through `Ctx::alloc`,
/// which never collects) or the literal area.
pub trait Heap {
    fn words(&mut self, n: usize) -> *mut u64;
}

impl Heap for Ctx {
    #[inline]
    fn words(&mut self, n: usize) -> *mut u64 {
        self.alloc(n)
    }
}

/// The literal area (module literals are built there).
pub struct LiteralHeap;

impl Heap for LiteralHeap {
    fn words(&mut self, n: usize) -> *mut u64 {
        crate::term::literal::alloc(n)
    }
}

/// A flatmap with the given sorted unique keys and values.
pub fn new_flat<H: Heap + ?Sized>(h: &mut H, keys: &[Term], vals: &[Term]) -> Term {
    let n = keys.len();
    debug_assert_eq!(n, vals.len());
    let p = h.words(1 + n + 3 + n);
    // SAFETY: `p` holds the keys tuple (1 + n words) followed by the map
    // (3 + n words); every word is written.
    unsafe {
        *p = make_header(n, HDR_TUPLE);
        for (i, k) in keys.iter().enumerate() {
            *p.add(1 + i) = k.raw();
        }
        let m = p.add(1 + n);
        *m = make_header(2 + n, HDR_MAP);
        *m.add(1) = info(Kind::Flat, 0, n);
        *m.add(2) = Term::boxed_from_ptr(p).raw();
        for (i, v) in vals.iter().enumerate() {
            *m.add(3 + i) = v.raw();
        }
        Term::boxed_from_ptr(m)
    }
}

/// A flatmap sharing the keys tuple `keys` (an existing flatmap's).
pub fn new_flat_shared<H: Heap + ?Sized>(h: &mut H, keys: Term, vals: &[Term]) -> Term {
    let n = vals.len();
    let m = h.words(3 + n);
    // SAFETY: `m` holds 3 + n words, all written.
    unsafe {
        *m = make_header(2 + n, HDR_MAP);
        *m.add(1) = info(Kind::Flat, 0, n);
        *m.add(2) = keys.raw();
        for (i, v) in vals.iter().enumerate() {
            *m.add(3 + i) = v.raw();
        }
        Term::boxed_from_ptr(m)
    }
}

/// A trie node or head with the given children (in slot order).
pub fn new_node<H: Heap + ?Sized>(
    h: &mut H,
    kind: Kind,
    bitmap: u32,
    size: usize,
    children: &[Term],
) -> Term {
    let k = children.len();
    let p = h.words(2 + k);
    // SAFETY: `p` holds 2 + k words, all written.
    unsafe {
        *p = make_header(1 + k, HDR_MAP);
        *p.add(1) = info(kind, bitmap, size);
        for (i, c) in children.iter().enumerate() {
            *p.add(2 + i) = c.raw();
        }
        Term::boxed_from_ptr(p)
    }
}

/// The leaf `[k | v]`.
pub fn new_leaf<H: Heap + ?Sized>(h: &mut H, k: Term, v: Term) -> Term {
    let p = h.words(2);
    // SAFETY: `p` holds 2 words.
    unsafe {
        *p = k.raw();
        *p.add(1) = v.raw();
    }
    Term::list_from_ptr(p)
}
