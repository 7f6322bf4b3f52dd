//! The hash-array-mapped trie for maps of more than 32 pairs: lookup,
//! insert, delete and bulk construction, each producing BEAM's shape (see
//! `layout`): a slot holds a leaf when exactly one key of the map has that
//! hash prefix and a node when several do; nodes list their children in
//! slot order; a head with all 16 slots used is an array head.

use super::hash::{internal_hash, nibble};
use super::layout::{self, children, info_of, new_leaf, new_node, Heap, Kind};
use crate::data::compare::eq_exact;
use crate::term::Term;

/// A node's children while it is rebuilt: at most 16 (+1 being
/// inserted), in a fixed array on the stack — no heap allocation per trie
/// level, and nothing larger than the live children is copied.
struct Children {
    buf: [Term; 17],
    len: usize,
}

impl Children {
    fn of(ch: &[Term]) -> Children {
        let mut c = Children {
            buf: [Term(0); 17],
            len: ch.len(),
        };
        c.buf[..ch.len()].copy_from_slice(ch);
        c
    }
    fn insert(&mut self, pos: usize, t: Term) {
        self.buf.copy_within(pos..self.len, pos + 1);
        self.buf[pos] = t;
        self.len += 1;
    }
    fn remove(&mut self, pos: usize) {
        self.buf.copy_within(pos + 1..self.len, pos);
        self.len -= 1;
    }
}

impl std::ops::Deref for Children {
    type Target = [Term];
    fn deref(&self) -> &[Term] {
        &self.buf[..self.len]
    }
}

impl std::ops::DerefMut for Children {
    fn deref_mut(&mut self) -> &mut [Term] {
        &mut self.buf[..self.len]
    }
}

/// Deepest level the trie uses; beyond it (astronomically unlikely
/// repeated hash collisions) keys share a last node.
const MAX_LEVEL: u32 = 128;

/// Occupied-slot bitmap of a node or head (`0xffff` for an array head).
#[inline]
fn bitmap_of(info: u64) -> u32 {
    if layout::kind(info) == Kind::HeadArray {
        0xffff
    } else {
        layout::bitmap(info)
    }
}

/// Index into the children of slot `ix`, if occupied.
#[inline]
fn slot_index(bm: u32, ix: usize) -> Option<usize> {
    let bp = 1u32 << ix;
    (bm & bp != 0).then(|| (bm & (bp - 1)).count_ones() as usize)
}

#[inline]
fn is_head(k: Kind) -> bool {
    matches!(k, Kind::HeadArray | Kind::HeadBitmap)
}

/// Builds a node or head from a bitmap and children; a head whose bitmap
/// is full becomes an array head.
fn make<H: Heap + ?Sized>(h: &mut H, head: bool, bm: u32, size: usize, ch: &[Term]) -> Term {
    let kind = match (head, bm == 0xffff) {
        (false, _) => Kind::Node,
        (true, true) => Kind::HeadArray,
        (true, false) => Kind::HeadBitmap,
    };
    new_node(h, kind, bm, if head { size } else { 0 }, ch)
}

/// The value stored under `key` in the trie `m`.
pub fn get(m: Term, key: Term) -> Option<Term> {
    let h0 = internal_hash(key);
    let mut node = m;
    let mut lvl = 0u32;
    loop {
        // SAFETY: `node` is a trie head or node of a valid map.
        let (bm, ch) = unsafe { (bitmap_of(info_of(node)), children(node)) };
        let slot = slot_index(bm, nibble(key, h0, lvl))?;
        let c = *ch.get(slot)?;
        if c.is_list() {
            // SAFETY: a leaf is a cons cell [K | V].
            let (k, v) = unsafe { (c.head(), c.tail()) };
            return eq_exact(k, key).then_some(v);
        }
        node = c;
        lvl += 1;
    }
}

/// A node holding the leaves `a` (key `ka`, hash `ha`) and `b` (different
/// keys) from level `lvl` down.
#[allow(clippy::too_many_arguments)]
fn pair_hashed<H: Heap + ?Sized>(
    h: &mut H,
    a: Term,
    ka: Term,
    ha: u32,
    b: Term,
    kb: Term,
    hb: u32,
    lvl: u32,
) -> Term {
    let (ia, ib) = (nibble(ka, ha, lvl), nibble(kb, hb, lvl));
    if ia == ib && lvl < MAX_LEVEL {
        let c = pair_hashed(h, a, ka, ha, b, kb, hb, lvl + 1);
        return new_node(h, Kind::Node, 1 << ia, 0, &[c]);
    }
    if ia < ib {
        new_node(h, Kind::Node, (1 << ia) | (1 << ib), 0, &[a, b])
    } else if ia > ib {
        new_node(h, Kind::Node, (1 << ia) | (1 << ib), 0, &[b, a])
    } else {
        new_node(h, Kind::Node, 1 << ia, 0, &[a, b])
    }
}

/// Result of inserting below a node.
enum Ins {
    /// `update` of a missing key.
    Missing,
    /// The rebuilt node and whether the map grew by one pair.
    Done(Term, bool),
}

/// `m` with `key => val`; with `update` the key must already be present
/// (`None` otherwise).
pub fn insert<H: Heap + ?Sized>(
    h: &mut H,
    m: Term,
    key: Term,
    val: Term,
    update: bool,
) -> Option<Term> {
    let h0 = internal_hash(key);
    match ins(h, m, key, h0, val, 0, update) {
        Ins::Missing => None,
        Ins::Done(t, _) => Some(t),
    }
}

fn ins<H: Heap + ?Sized>(
    h: &mut H,
    node: Term,
    key: Term,
    h0: u32,
    val: Term,
    lvl: u32,
    update: bool,
) -> Ins {
    // SAFETY: `node` is a trie head or node of a valid map.
    let (info, ch) = unsafe { (info_of(node), children(node)) };
    let head = is_head(layout::kind(info));
    let size = layout::size(info);
    let bm = bitmap_of(info);
    let ix = nibble(key, h0, lvl);
    let mut new = Children::of(ch);
    let (bm2, grew) = match slot_index(bm, ix) {
        None => {
            if update {
                return Ins::Missing;
            }
            let pos = (bm & ((1u32 << ix) - 1)).count_ones() as usize;
            new.insert(pos, new_leaf(h, key, val));
            (bm | (1 << ix), true)
        }
        Some(slot) => {
            let c = ch[slot];
            if c.is_list() {
                // SAFETY: a leaf is a cons cell.
                let ck = unsafe { c.head() };
                if eq_exact(ck, key) {
                    new[slot] = new_leaf(h, key, val);
                    (bm, false)
                } else if update {
                    return Ins::Missing;
                } else {
                    let leaf = new_leaf(h, key, val);
                    let ch_ = internal_hash(ck);
                    new[slot] = pair_hashed(h, c, ck, ch_, leaf, key, h0, lvl + 1);
                    (bm, true)
                }
            } else {
                match ins(h, c, key, h0, val, lvl + 1, update) {
                    Ins::Missing => return Ins::Missing,
                    Ins::Done(t, g) => {
                        new[slot] = t;
                        (bm, g)
                    }
                }
            }
        }
    };
    let size2 = size + grew as usize;
    Ins::Done(make(h, head, bm2, size2, &new), grew)
}

/// Result of deleting below a node.
enum Del {
    Missing,
    /// The subtree is now empty.
    Gone,
    /// The subtree shrank to one leaf, which moves up.
    Leaf(Term),
    Node(Term),
}

/// `m` without `key` and the removed value; `None` if `key` is absent.
/// The caller turns a result of 32 pairs into a flatmap.
pub fn delete<H: Heap + ?Sized>(h: &mut H, m: Term, key: Term) -> Option<(Term, Term)> {
    let h0 = internal_hash(key);
    let mut value = Term(0);
    match del(h, m, key, h0, 0, &mut value) {
        Del::Node(t) => Some((t, value)),
        _ => None,
    }
}

fn del<H: Heap + ?Sized>(
    h: &mut H,
    node: Term,
    key: Term,
    h0: u32,
    lvl: u32,
    value: &mut Term,
) -> Del {
    // SAFETY: `node` is a trie head or node of a valid map.
    let (info, ch) = unsafe { (info_of(node), children(node)) };
    let head = is_head(layout::kind(info));
    let size = layout::size(info).saturating_sub(1);
    let bm = bitmap_of(info);
    let ix = nibble(key, h0, lvl);
    let Some(slot) = slot_index(bm, ix) else {
        return Del::Missing;
    };
    let c = ch[slot];
    let res = if c.is_list() {
        // SAFETY: a leaf is a cons cell.
        let (ck, cv) = unsafe { (c.head(), c.tail()) };
        if !eq_exact(ck, key) {
            return Del::Missing;
        }
        *value = cv;
        Del::Gone
    } else {
        del(h, c, key, h0, lvl + 1, value)
    };
    let mut new = Children::of(ch);
    match res {
        Del::Missing => Del::Missing,
        Del::Gone => {
            if !head && ch.len() == 1 {
                return Del::Gone;
            }
            if !head && ch.len() == 2 {
                let other = ch[1 - slot];
                if other.is_list() {
                    return Del::Leaf(other);
                }
            }
            new.remove(slot);
            Del::Node(make(h, head, bm & !(1 << ix), size, &new))
        }
        Del::Leaf(l) => {
            if !head && ch.len() == 1 {
                return Del::Leaf(l);
            }
            new[slot] = l;
            Del::Node(make(h, head, bm, size, &new))
        }
        Del::Node(t) => {
            new[slot] = t;
            Del::Node(make(h, head, bm, size, &new))
        }
    }
}

/// Visits every leaf `[K | V]` in BEAM's iteration order (depth first,
/// children in slot order).
pub fn for_each_leaf(m: Term, mut f: impl FnMut(Term)) {
    // (node, next child index)
    let mut stack: Vec<(Term, usize)> = vec![(m, 0)];
    while let Some((node, i)) = stack.pop() {
        // SAFETY: `node` is a trie head or node.
        let ch = unsafe { children(node) };
        if i >= ch.len() {
            continue;
        }
        stack.push((node, i + 1));
        let c = ch[i];
        if c.is_list() {
            f(c);
        } else {
            stack.push((c, 0));
        }
    }
}

/// A key/value pair with its level-0 hash, for bulk construction.
#[derive(Clone, Copy)]
pub struct Item {
    pub key: Term,
    pub val: Term,
    pub h0: u32,
}

/// A level-0 hash with its nibbles reversed: the first level's slot is
/// the most significant. Items sorted by it are grouped by slot at every
/// one of the first 8 levels.
#[inline]
pub fn trie_order(h0: u32) -> u32 {
    let h = h0.swap_bytes();
    (h & 0x0f0f_0f0f) << 4 | (h >> 4) & 0x0f0f_0f0f
}

/// The trie head holding `items`: unique keys, more than one item.
pub fn build<H: Heap + ?Sized>(h: &mut H, items: &mut [Item]) -> Term {
    let n = items.len();
    // One stable sort in trie order (a linear pass when the items come
    // sorted, as from `from_pairs`): the per-level sorts of
    // `build_children` then find their slices sorted already, and the
    // result is the one those stable sorts alone would give.
    items.sort_by_key(|it| trie_order(it.h0));
    let (bm, ch) = build_children(h, items, 0);
    make(h, true, bm, n, &ch)
}

/// Bitmap and children of the node at level `lvl` holding `items`.
fn build_children<H: Heap + ?Sized>(h: &mut H, items: &mut [Item], lvl: u32) -> (u32, Vec<Term>) {
    if lvl >= MAX_LEVEL {
        let ch = items.iter().map(|it| new_leaf(h, it.key, it.val)).collect();
        return (1, ch);
    }
    items.sort_by_key(|it| nibble(it.key, it.h0, lvl));
    let mut bm = 0u32;
    let mut ch = Vec::new();
    let mut i = 0;
    while i < items.len() {
        let ix = nibble(items[i].key, items[i].h0, lvl);
        let mut j = i + 1;
        while j < items.len() && nibble(items[j].key, items[j].h0, lvl) == ix {
            j += 1;
        }
        bm |= 1 << ix;
        if j - i == 1 {
            ch.push(new_leaf(h, items[i].key, items[i].val));
        } else {
            let (sbm, sch) = build_children(h, &mut items[i..j], lvl + 1);
            ch.push(new_node(h, Kind::Node, sbm, 0, &sch));
        }
        i = j;
    }
    (bm, ch)
}
