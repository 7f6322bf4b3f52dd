//! The static check `ets:select_replace/2` makes before it looks at any
//! object (BEAM's `db_match_keeps_key`): every clause of the spec must
//! visibly keep the key, or the call fails with `badarg` even on an empty
//! table. A clause keeps it when its body is one term that is `'$_'`, or a
//! tuple built with `{{...}}` (or given as `{const, {...}}`) whose key
//! element is the head's key written the same way, or
//! `{element, KeyPos, '$_'}`.

use crate::data::compare::eq_exact;
use crate::term::atom;
use crate::term::Term;

/// The elements of a tuple.
fn elems(t: Term) -> Vec<Term> {
    // SAFETY: callers pass tuples; elements are read below the arity.
    unsafe { (0..t.tuple_arity()).map(|i| t.tuple_elem(i)).collect() }
}

/// Element `keypos` (1-based) of a tuple, if it has one.
fn key_of(keypos: usize, t: Term) -> Option<Term> {
    if !t.is_tuple() {
        return None;
    }
    let e = elems(t);
    e.get(keypos - 1).copied()
}

fn is_atom_named(t: Term, name: &str) -> bool {
    t.is_atom() && atom::name(t) == name
}

/// A match variable `'$N'`.
fn is_variable(t: Term) -> bool {
    t.is_atom() && {
        let n = atom::name(t);
        n.len() > 1 && n.starts_with('$') && n[1..].bytes().all(|b| b.is_ascii_digit())
    }
}

/// Whether body expression `b` (in constant mode or not) evaluates to the
/// head pattern `a` for every object the head matches.
fn eq_body(a: Term, b: Term, const_mode: bool) -> bool {
    // (a, b, const mode) still to compare.
    let mut stack = vec![(a, b, const_mode)];
    while let Some((a, mut b, cm)) = stack.pop() {
        if b.is_list() {
            if !a.is_list() {
                return false;
            }
            // SAFETY: both are cons cells.
            unsafe {
                stack.push((a.tail(), b.tail(), cm));
                stack.push((a.head(), b.head(), cm));
            }
            continue;
        }
        if b.is_tuple() {
            if !cm {
                let be = elems(b);
                if be.len() == 1 && be[0].is_tuple() {
                    b = be[0];
                } else if be.len() == 2 && is_atom_named(be[0], "const") {
                    stack.push((a, be[1], true));
                    continue;
                } else {
                    // A function call or an invalid tuple.
                    return false;
                }
            }
            if !a.is_tuple() {
                return false;
            }
            let (ae, be) = (elems(a), elems(b));
            if ae.len() != be.len() {
                return false;
            }
            for (x, y) in ae.into_iter().zip(be).rev() {
                stack.push((x, y, cm));
            }
            continue;
        }
        if b.is_boxed_of(crate::term::HDR_MAP) {
            // Other pairs of the matched map are unknown.
            return false;
        }
        if b.is_immed() {
            if a != b
                || is_atom_named(a, "_")
                || is_atom_named(a, "$$")
                || is_atom_named(a, "$_")
                || (cm && is_variable(a))
            {
                return false;
            }
            continue;
        }
        if !eq_exact(a, b) {
            return false;
        }
    }
    true
}

/// BEAM's `db_match_keeps_key` for one clause.
fn clause_keeps_key(keypos: usize, head: Term, body: Term) -> bool {
    let Some(list) = crate::data::build::list_to_vec(body) else {
        return false;
    };
    let [single] = list[..] else {
        return false;
    };
    if is_atom_named(single, "$_") {
        return true;
    }
    if !single.is_tuple() {
        return false;
    }
    let Some(head_key) = key_of(keypos, head) else {
        return false;
    };
    let e = elems(single);
    let (sub, const_mode) = if e.len() == 2 && is_atom_named(e[0], "const") {
        (e[1], true)
    } else if e.len() == 1 {
        (e[0], false)
    } else {
        return false;
    };
    let Some(body_key) = key_of(keypos, sub) else {
        return false;
    };
    if eq_body(head_key, body_key, const_mode) {
        return true;
    }
    if const_mode || !body_key.is_tuple() {
        return false;
    }
    // `{element, KeyPos, '$_'}`.
    let k = elems(body_key);
    k.len() == 3
        && is_atom_named(k[0], "element")
        && k[1] == Term::small(keypos as i64)
        && is_atom_named(k[2], "$_")
}

/// Whether every clause `{Head, Guards, Body}` of `spec` keeps the key at
/// `keypos` (1-based). A spec that is not a list of 3-tuples does not.
pub fn spec_keeps_key(spec: Term, keypos: usize) -> bool {
    let Some(clauses) = crate::data::build::list_to_vec(spec) else {
        return false;
    };
    clauses.into_iter().all(|c| {
        c.is_tuple() && {
            let e = elems(c);
            e.len() == 3 && clause_keeps_key(keypos, e[0], e[2])
        }
    })
}
