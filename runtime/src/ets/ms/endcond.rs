//! The end condition erl shows in an ordered_set select continuation
//! (`{Tab, LastKey, EndCondition, Limit, Ms, [], Reverse, 0}`): `[]` when
//! some clause leaves the key unbound, otherwise the key pattern (as
//! written in the spec) of the clause that can match the greatest key
//! (forward) or the least key (reverse). Which clause that is follows
//! BEAM's pairwise rule on the raw patterns (erl_db_tree.c
//! `partly_bound_can_match_lesser/greater`), including its choices for
//! tuples of different sizes nested inside tuples. It is only shown to
//! the caller: traversals use `range.rs`.

use super::compile::var_number;
use crate::data::compare::cmp_terms;
use crate::term::atom;
use crate::term::{Term, NIL};
use std::cmp::Ordering;

fn is_var(t: Term) -> bool {
    t.is_atom() && (t == atom::intern("_") || var_number(t).is_some())
}

/// BEAM's coarse type tag: same tag = compared structurally.
fn tag(t: Term) -> u8 {
    if t.is_small() {
        0
    } else if t.is_bignum() {
        1
    } else if t.is_float() {
        2
    } else if t.is_atom() {
        3
    } else if t.is_nil() {
        4
    } else if t.is_list() {
        5
    } else if t.is_tuple() {
        6
    } else if t.is_reference() {
        7
    } else if t.is_fun() {
        8
    } else if crate::data::map::is_map(t) {
        9
    } else if t.is_boxed() {
        // Binaries and external identifiers: told apart by the order.
        10
    } else {
        // Local pids and ports.
        11
    }
}

/// Can pattern `a` match a key on the `want` side of everything `b` can
/// match (`Less`: smaller, `Greater`: greater)? `done` is set once the
/// answer is decided.
fn can_match(a: Term, b: Term, want: Ordering, done: &mut bool) -> bool {
    if is_var(a) {
        *done = true;
        return !is_var(b);
    }
    if is_var(b) {
        *done = true;
        return false;
    }
    if a == b {
        return false;
    }
    if tag(a) != tag(b) {
        *done = true;
        return cmp_terms(a, b) == want;
    }
    if a.is_tuple() {
        // SAFETY: both are tuples (same tag); indices below their arity.
        unsafe {
            let n = a.tuple_arity();
            match n.cmp(&b.tuple_arity()) {
                Ordering::Equal => {}
                o => return o == want,
            }
            for i in 0..n {
                let j = can_match(a.tuple_elem(i), b.tuple_elem(i), want, done);
                if j || *done {
                    return j;
                }
            }
        }
        return false;
    }
    if a.is_list() {
        let (mut a, mut b) = (a, b);
        loop {
            // SAFETY: both are cons cells.
            let (ha, ta, hb, tb) = unsafe { (a.head(), a.tail(), b.head(), b.tail()) };
            let j = can_match(ha, hb, want, done);
            if j || *done {
                return j;
            }
            if ta == tb {
                return false;
            }
            if !ta.is_list() || !tb.is_list() {
                return can_match(ta, tb, want, done);
            }
            a = ta;
            b = tb;
        }
    }
    let c = cmp_terms(a, b);
    if c != Ordering::Equal {
        *done = true;
    }
    c == want
}

/// The end condition of a chunked select of `spec` (a valid spec) on an
/// ordered_set with key position `keypos`.
pub fn end_condition(spec: Term, keypos: usize, reverse: bool) -> Term {
    let want = if reverse {
        Ordering::Less
    } else {
        Ordering::Greater
    };
    let mut best: Option<Term> = None;
    let mut l = spec;
    while l.is_list() {
        // SAFETY: `l` is a cons cell.
        let (clause, tl) = unsafe { (l.head(), l.tail()) };
        l = tl;
        // SAFETY: checked to be a tuple before reading element 0.
        let head = if clause.is_tuple() && unsafe { clause.tuple_arity() } == 3 {
            unsafe { clause.tuple_elem(0) }
        } else {
            continue;
        };
        if is_var(head) {
            return NIL;
        }
        // SAFETY: checked to be a tuple of at least `keypos` elements.
        let key = if head.is_tuple() && keypos >= 1 && unsafe { head.tuple_arity() } >= keypos {
            unsafe { head.tuple_elem(keypos - 1) }
        } else {
            continue; // cannot match anything
        };
        if is_var(key) {
            return NIL;
        }
        match best {
            Some(b) if !can_match(key, b, want, &mut false) => {}
            _ => best = Some(key),
        }
    }
    best.unwrap_or(NIL)
}
