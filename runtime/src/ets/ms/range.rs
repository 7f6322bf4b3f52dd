//! Key ranges for ordered_set traversal (BEAM's "partly bound key"): when
//! every clause's head fixes a leading part of the key (`{a, '_'}`,
//! `{a, '$1'}`, `[1, 2 | '_']`, a ground key), the keys any clause can
//! match form an interval in term order. A traversal starts at the first
//! key that is not below every clause's key pattern and stops at the first
//! key above all of them; the match itself still decides each object.
//!
//! `place(key, pattern)` says where a key lies relative to the set of terms
//! a pattern matches: below all, above all, equal (`==`) to all, or
//! undecided. It is computed structurally in term order (tuples by arity
//! then elements, lists element by element then the tail), stopping at the
//! first variable. "Below" is downward closed and "above" upward closed in
//! term order, so both are valid cut points for a B-tree search.

use super::{CompiledMs, Pat};
use crate::data::compare::cmp_terms;
use crate::data::map::is_map;
use crate::ets::store::KeyBounds;
use crate::term::{Term, NIL};
use std::cmp::Ordering;

/// Where a key lies relative to the terms a pattern can match.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Place {
    /// Smaller than every match.
    Below,
    /// Equal (`==`) to every match: a fully bound part.
    Equal,
    /// Depends on a variable (or a map): may be either side.
    Maybe,
    /// Greater than every match.
    Above,
}

fn from_ord(o: Ordering) -> Place {
    match o {
        Ordering::Less => Place::Below,
        Ordering::Equal => Place::Equal,
        Ordering::Greater => Place::Above,
    }
}

/// The key pattern of one clause: a pattern, or an element of a ground
/// tuple head (compiled to one constant).
#[derive(Clone, Copy)]
enum KeyPat<'a> {
    Pat(&'a Pat),
    Ground(Term),
}

/// Where a non-tuple key lies relative to every tuple (term order: number
/// < atom < reference < fun < port < pid < tuple < map < [] < list <
/// bitstring).
fn vs_tuples(k: Term) -> Place {
    if is_map(k) || cmp_terms(k, NIL) != Ordering::Less {
        Place::Above
    } else {
        Place::Below
    }
}

/// Where a non-map key lies relative to every map.
fn vs_maps(k: Term) -> Place {
    if cmp_terms(k, NIL) != Ordering::Less {
        Place::Above
    } else {
        Place::Below
    }
}

/// Where a key that is not a cons cell lies relative to every non-empty
/// list: `[]` and everything before it are below, bitstrings above.
fn vs_conses(k: Term) -> Place {
    if cmp_terms(k, NIL) == Ordering::Greater {
        Place::Above
    } else {
        Place::Below
    }
}

/// Where `k` lies relative to the terms `p` matches. Recursion follows the
/// pattern, whose depth the compiler bounds.
fn place(k: Term, p: &Pat) -> Place {
    match p {
        Pat::Any | Pat::Bind(_) | Pat::Check(_) => Place::Maybe,
        Pat::Imm(c) | Pat::Const(c) => {
            if k.is_small() && c.is_small() {
                return from_ord(k.small_value().cmp(&c.small_value()));
            }
            from_ord(cmp_terms(k, *c))
        }
        Pat::Tuple(ps) => {
            if !k.is_tuple() {
                return vs_tuples(k);
            }
            // SAFETY: `k` is a tuple.
            let n = unsafe { k.tuple_arity() };
            match n.cmp(&ps.len()) {
                Ordering::Less => return Place::Below,
                Ordering::Greater => return Place::Above,
                Ordering::Equal => {}
            }
            for (i, p) in ps.iter().enumerate() {
                // SAFETY: `i` < arity.
                let e = unsafe { k.tuple_elem(i) };
                match place(e, p) {
                    Place::Equal => {}
                    r => return r,
                }
            }
            Place::Equal
        }
        Pat::List(ps, tail) => {
            let mut k = k;
            for p in ps.iter() {
                if !k.is_list() {
                    return vs_conses(k);
                }
                // SAFETY: `k` is a cons cell.
                let (h, t) = unsafe { (k.head(), k.tail()) };
                match place(h, p) {
                    Place::Equal => k = t,
                    r => return r,
                }
            }
            place(k, tail)
        }
        Pat::Map(_) => {
            if is_map(k) {
                Place::Maybe
            } else {
                vs_maps(k)
            }
        }
    }
}

fn place_key(k: Term, p: KeyPat) -> Place {
    match p {
        KeyPat::Pat(p) => place(k, p),
        KeyPat::Ground(c) => from_ord(cmp_terms(k, c)),
    }
}

/// The interval of keys a spec's clauses can match (see the module doc).
pub struct KeySpan<'a> {
    pats: Vec<KeyPat<'a>>,
}

impl KeyBounds for KeySpan<'_> {
    /// `k` is smaller than every key any clause can match.
    fn below(&self, k: Term) -> bool {
        self.pats.iter().all(|&p| place_key(k, p) == Place::Below)
    }
    /// `k` is greater than every key any clause can match.
    fn above(&self, k: Term) -> bool {
        self.pats.iter().all(|&p| place_key(k, p) == Place::Above)
    }
}

/// How an ordered_set traversal for a spec is bounded.
pub enum Span<'a> {
    /// Some clause can match any key: visit the whole table.
    All,
    /// No clause can match a tuple with a key at that position.
    Nothing,
    /// Only keys inside the span can match.
    Keys(KeySpan<'a>),
}

/// A clause head's key pattern at `keypos` (1-based): `Err(())` when the
/// head can match no object (not a tuple, or too short), `Ok(None)` when
/// it matches any key (a variable or `'_'` head).
fn head_key(head: &Pat, keypos: usize) -> Result<Option<KeyPat<'_>>, ()> {
    match head {
        Pat::Any | Pat::Bind(_) => Ok(None),
        Pat::Tuple(es) => match es.get(keypos.wrapping_sub(1)) {
            Some(p) => Ok(Some(KeyPat::Pat(p))),
            None => Err(()),
        },
        Pat::Const(c) if c.is_tuple() => {
            // SAFETY: `c` is a tuple; the index is checked against its arity.
            unsafe {
                if keypos >= 1 && keypos <= c.tuple_arity() {
                    Ok(Some(KeyPat::Ground(c.tuple_elem(keypos - 1))))
                } else {
                    Err(())
                }
            }
        }
        _ => Err(()),
    }
}

impl CompiledMs {
    /// The key span of an ordered_set traversal for this spec (BEAM's
    /// analyze_pattern: clauses that cannot match are ignored; one clause
    /// with an unbound key means a full scan).
    pub fn key_span(&self, keypos: usize) -> Span<'_> {
        let mut pats = Vec::with_capacity(self.clauses.len());
        for c in self.clauses.iter() {
            match head_key(&c.head, keypos) {
                Err(()) => {}
                Ok(None) => return Span::All,
                Ok(Some(KeyPat::Pat(Pat::Any | Pat::Bind(_) | Pat::Check(_)))) => return Span::All,
                Ok(Some(p)) => pats.push(p),
            }
        }
        if pats.is_empty() {
            Span::Nothing
        } else {
            Span::Keys(KeySpan { pats })
        }
    }

    /// If every clause that can match binds the key (element `keypos`,
    /// 1-based) to a ground term: those keys (owned by the `CompiledMs`,
    /// duplicates kept), so set/bag select can look them up instead of
    /// scanning. An empty list means no clause can match.
    pub fn bound_keys(&self, keypos: usize) -> Option<Vec<Term>> {
        let mut keys = Vec::with_capacity(self.clauses.len());
        for c in self.clauses.iter() {
            match head_key(&c.head, keypos) {
                Err(()) => {}
                Ok(None) => return None,
                Ok(Some(KeyPat::Ground(k))) => keys.push(k),
                Ok(Some(KeyPat::Pat(Pat::Imm(k) | Pat::Const(k)))) => keys.push(*k),
                Ok(Some(KeyPat::Pat(_))) => return None,
            }
        }
        Some(keys)
    }

    /// BEAM's "bound key": every clause that can match binds the key to a
    /// ground term and all those keys are equal (`==`): one lookup answers.
    pub fn single_key(&self, keypos: usize) -> Option<Term> {
        let keys = self.bound_keys(keypos)?;
        let first = *keys.first()?;
        keys.iter()
            .all(|&k| cmp_terms(k, first) == Ordering::Equal)
            .then_some(first)
    }
}
