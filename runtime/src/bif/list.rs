//! List BIFs: `length/1`, `hd/1`, `tl/1`, `++`, `--`, `lists:reverse/2`,
//! `lists:keyfind/3`, `lists:keymember/3`, `lists:keysearch/3`,
//! `lists:member/2`, `list_to_tuple/1`, `tuple_to_list/1`.
//!
//! Every walk is a loop and every result is built with one allocation, so
//! lists of tens of millions of elements cost linear time and no native
//! stack. (BEAM yields inside these on long lists; we run them to the end.)

use super::{bif, guard_bif, BifDef};
use crate::data::build::{list_length, make_tuple};
use crate::data::compare::{eq, eq_exact};
use crate::heap::ctx::Ctx;
use crate::term::atom::am;
use crate::term::*;
use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hash, Hasher};

/// (`length/1`, `lists:member/2` and `lists:reverse/2` yield on long
/// lists: `list_yield.rs`; the bodies here are the plain versions.)
pub const BIFS: &[BifDef] = &[
    guard_bif!("erlang", "hd", 1, hd_1),
    guard_bif!("erlang", "tl", 1, tl_1),
    bif!("erlang", "++", 2, append_2),
    bif!("erlang", "append", 2, append_2),
    bif!("erlang", "--", 2, subtract_2),
    bif!("erlang", "subtract", 2, subtract_2),
    bif!("lists", "keyfind", 3, keyfind_3),
    bif!("lists", "keymember", 3, keymember_3),
    bif!("lists", "keysearch", 3, keysearch_3),
    bif!("erlang", "list_to_tuple", 1, list_to_tuple_1),
    bif!("erlang", "tuple_to_list", 1, tuple_to_list_1),
];

/// BEAM's largest tuple arity.
pub const MAX_TUPLE_ARITY: usize = (1 << 24) - 1;

/// Allocates `n` cons cells in one block and links them into a list ending
/// in `tail`; the heads are filled from `heads` in order.
fn build_list(ctx: &mut Ctx, n: usize, heads: impl Iterator<Item = Term>, tail: Term) -> Term {
    if n == 0 {
        return tail;
    }
    let p = ctx.alloc(2 * n);
    let mut i = 0;
    for h in heads.take(n) {
        // SAFETY: cell i (words 2i, 2i+1) is inside the 2n-word block; its
        // tail points at cell i + 1, or is `tail` for the last cell.
        unsafe {
            let cell = p.add(2 * i);
            *cell = h.raw();
            *cell.add(1) = if i + 1 < n {
                Term::list_from_ptr(p.add(2 * (i + 1))).raw()
            } else {
                tail.raw()
            };
        }
        i += 1;
    }
    debug_assert_eq!(i, n);
    Term::list_from_ptr(p)
}

/// Iterates the heads of a list (stops at the first non-cons tail).
pub struct Heads(pub Term);
impl Iterator for Heads {
    type Item = Term;
    fn next(&mut self) -> Option<Term> {
        if !self.0.is_list() {
            return None;
        }
        // SAFETY: `self.0` is a list term pointing at a cons cell.
        let (h, t) = unsafe { (self.0.head(), self.0.tail()) };
        self.0 = t;
        Some(h)
    }
}

fn hd_1(ctx: &mut Ctx, args: &[Term; 1]) -> Term {
    let l = args[0];
    if !l.is_list() {
        return ctx.badarg();
    }
    // SAFETY: `l` is a cons.
    unsafe { l.head() }
}

fn tl_1(ctx: &mut Ctx, args: &[Term; 1]) -> Term {
    let l = args[0];
    if !l.is_list() {
        return ctx.badarg();
    }
    // SAFETY: `l` is a cons.
    unsafe { l.tail() }
}

/// `A ++ B`: copies A's cells onto B. A must be a proper list; B anything.
pub fn append(ctx: &mut Ctx, a: Term, b: Term) -> Term {
    let Some(n) = list_length(a) else {
        return ctx.badarg();
    };
    build_list(ctx, n, Heads(a), b)
}

fn append_2(ctx: &mut Ctx, args: &[Term; 2]) -> Term {
    let (a, b) = (args[0], args[1]);
    append(ctx, a, b)
}

/// A term with its `exact_hash`, compared with `=:=`: a hash-map key.
#[derive(Clone, Copy)]
struct Key {
    t: Term,
    h: u64,
}

impl Key {
    fn new(t: Term) -> Key {
        Key {
            t,
            h: crate::data::term_hash::exact_hash(t),
        }
    }
}

impl Hash for Key {
    fn hash<H: Hasher>(&self, state: &mut H) {
        state.write_u64(self.h);
    }
}

impl PartialEq for Key {
    fn eq(&self, o: &Key) -> bool {
        self.h == o.h && (self.t == o.t || eq_exact(self.t, o.t))
    }
}
impl Eq for Key {}

/// Passes `Key`'s already-mixed hash through unchanged.
#[derive(Default)]
struct IdHasher(u64);

impl Hasher for IdHasher {
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = self.0.rotate_left(8) ^ b as u64;
        }
    }
    fn write_u64(&mut self, v: u64) {
        self.0 = v;
    }
    fn finish(&self) -> u64 {
        self.0
    }
}

/// Distinct terms of B (by exact equality) with how many times they still
/// have to be removed from A.
struct Multiset(HashMap<Key, usize, BuildHasherDefault<IdHasher>>);

impl Multiset {
    fn new(items: impl Iterator<Item = Term>, n: usize) -> Multiset {
        let mut m: HashMap<Key, usize, BuildHasherDefault<IdHasher>> =
            HashMap::with_capacity_and_hasher(n, Default::default());
        for t in items {
            *m.entry(Key::new(t)).or_insert(0) += 1;
        }
        Multiset(m)
    }

    /// Removes one occurrence of `t`; true if there was one.
    fn take(&mut self, t: Term) -> bool {
        match self.0.get_mut(&Key::new(t)) {
            Some(n) if *n > 0 => {
                *n -= 1;
                true
            }
            _ => false,
        }
    }
}

/// `A -- B`: for each element of B, the first exactly-equal element of A
/// is removed. Both must be proper lists.
pub fn subtract(ctx: &mut Ctx, a: Term, b: Term) -> Term {
    let (Some(la), Some(lb)) = (list_length(a), list_length(b)) else {
        return ctx.badarg();
    };
    if la == 0 || lb == 0 {
        return a;
    }
    // Positions of A to drop, in increasing order (at most |B| of them).
    let removed: Vec<usize> = if lb <= 8 {
        let mut want: Vec<Option<Term>> = Heads(b).map(Some).collect();
        let mut out = Vec::new();
        for (i, x) in Heads(a).enumerate() {
            if let Some(slot) = want.iter_mut().find(|w| w.is_some_and(|w| eq_exact(w, x))) {
                *slot = None;
                out.push(i);
                if out.len() == lb {
                    break;
                }
            }
        }
        out
    } else {
        let mut ms = Multiset::new(Heads(b), lb);
        let mut out = Vec::new();
        for (i, x) in Heads(a).enumerate() {
            if ms.take(x) {
                out.push(i);
                if out.len() == lb {
                    break;
                }
            }
        }
        out
    };
    if removed.is_empty() {
        return a;
    }
    // Cells after the last removed one are shared, not copied.
    let last = *removed.last().unwrap_or(&0);
    let mut shared = a;
    for _ in 0..=last {
        // SAFETY: A is proper and has more than `last` cells.
        shared = unsafe { shared.tail() };
    }
    let kept = last + 1 - removed.len();
    let mut skip = removed.into_iter().peekable();
    let heads = Heads(a).enumerate().filter_map(move |(i, x)| {
        if skip.peek() == Some(&i) {
            skip.next();
            None
        } else {
            Some(x)
        }
    });
    build_list(ctx, kept, heads, shared)
}

fn subtract_2(ctx: &mut Ctx, args: &[Term; 2]) -> Term {
    let (a, b) = (args[0], args[1]);
    subtract(ctx, a, b)
}

/// `lists:reverse(L, Tail)`: L must be a proper list.
pub fn reverse(ctx: &mut Ctx, l: Term, tail: Term) -> Term {
    let Some(n) = list_length(l) else {
        return ctx.badarg();
    };
    if n == 0 {
        return tail;
    }
    let p = ctx.alloc(2 * n);
    // Cell i holds element i; its tail is cell i - 1 (or `tail` for i = 0),
    // so the last cell is the head of the reversed list.
    for (i, h) in Heads(l).enumerate() {
        // SAFETY: i < n, so cell i is inside the 2n-word block.
        unsafe {
            let cell = p.add(2 * i);
            *cell = h.raw();
            *cell.add(1) = if i == 0 {
                tail.raw()
            } else {
                Term::list_from_ptr(p.add(2 * (i - 1))).raw()
            };
        }
    }
    // SAFETY: n > 0, so cell n - 1 exists.
    Term::list_from_ptr(unsafe { p.add(2 * (n - 1)) })
}

/// BEAM's keyfind: `Ok(Some(tuple))`, `Ok(None)` (not found, proper end),
/// `Err(())` for a bad position or an improper list reached before a match.
/// Keys compare with `==`; a small-integer key matches a float element
/// when it converts to the same double (as BEAM does).
fn keyfind(key: Term, pos: Term, list: Term) -> Result<Option<Term>, ()> {
    if !pos.is_small() || pos.small_value() < 1 {
        return Err(());
    }
    let pos = pos.small_value() as usize;
    let mut l = list;
    while l.is_list() {
        // SAFETY: `l` is a cons.
        let (t, rest) = unsafe { (l.head(), l.tail()) };
        l = rest;
        // SAFETY: tuple checked, and pos <= arity before reading element pos-1.
        if t.is_tuple() && pos <= unsafe { t.tuple_arity() } {
            let e = unsafe { t.tuple_elem(pos - 1) };
            let hit = if key.is_small() {
                // SAFETY: `e` is a float when is_float() holds.
                e == key || (e.is_float() && unsafe { e.float_value() } == key.small_value() as f64)
            } else if key.is_immed() || key.is_nil() {
                e == key
            } else {
                eq(key, e)
            };
            if hit {
                return Ok(Some(t));
            }
        }
    }
    if l.is_nil() {
        Ok(None)
    } else {
        Err(())
    }
}

fn keyfind_3(ctx: &mut Ctx, args: &[Term; 3]) -> Term {
    let (k, n, l) = (args[0], args[1], args[2]);
    match keyfind(k, n, l) {
        Ok(Some(t)) => t,
        Ok(None) => am::FALSE,
        Err(()) => ctx.badarg(),
    }
}

fn keymember_3(ctx: &mut Ctx, args: &[Term; 3]) -> Term {
    let (k, n, l) = (args[0], args[1], args[2]);
    match keyfind(k, n, l) {
        Ok(found) => Term::boolean(found.is_some()),
        Err(()) => ctx.badarg(),
    }
}

fn keysearch_3(ctx: &mut Ctx, args: &[Term; 3]) -> Term {
    let (k, n, l) = (args[0], args[1], args[2]);
    match keyfind(k, n, l) {
        Ok(Some(t)) => {
            let value = crate::term::atom::intern("value");
            make_tuple(ctx, &[value, t])
        }
        Ok(None) => am::FALSE,
        Err(()) => ctx.badarg(),
    }
}

fn list_to_tuple_1(ctx: &mut Ctx, args: &[Term; 1]) -> Term {
    let l = args[0];
    let Some(n) = list_length(l) else {
        return ctx.badarg();
    };
    if n > MAX_TUPLE_ARITY {
        return ctx.badarg();
    }
    let p = ctx.alloc(n + 1);
    // SAFETY: p holds n + 1 words: the header and n elements.
    unsafe {
        *p = make_header(n, HDR_TUPLE);
        for (i, h) in Heads(l).enumerate() {
            *p.add(1 + i) = h.raw();
        }
    }
    Term::boxed_from_ptr(p)
}

fn tuple_to_list_1(ctx: &mut Ctx, args: &[Term; 1]) -> Term {
    let t = args[0];
    if !t.is_tuple() {
        return ctx.badarg();
    }
    // SAFETY: `t` is a tuple; its elements follow the header.
    let n = unsafe { t.tuple_arity() };
    // SAFETY: i < n.
    let elems = (0..n).map(|i| unsafe { t.tuple_elem(i) });
    build_list(ctx, n, elems, NIL)
}

#[cfg(test)]
#[path = "list_tests.rs"]
mod tests;
