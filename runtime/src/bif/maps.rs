//! Map BIFs: the guard BIFs `map_size/1`, `is_map_key/2`, `map_get/2`, the
//! functions OTP 25's `maps` module implements in C (`get/2`, `find/2`,
//! `from_list/1`, `from_keys/2`, `is_key/2`, `keys/1`, `merge/2`, `put/3`,
//! `remove/2`, `take/2`, `update/3`, `values/1`) and
//! `erts_internal:map_next/3`, on which `maps:to_list/1`, `maps:iterator/1`
//! and `maps:next/1` (and so `fold`, `map`, `filter`...) are built.
//! `is_map/1` lives with the other type tests.
//!
//! Errors are BEAM's: `{badmap, M}` for a non-map, `{badkey, K}` for a
//! missing key, `badarg` for malformed lists.

use super::{bif, guard_bif, BifDef};
use crate::data::build::{cons, list_to_vec, make_tuple};
use crate::data::map::{self, layout};
use crate::heap::ctx::Ctx;
use crate::term::atom::{am, intern};
use crate::term::Term;

pub const BIFS: &[BifDef] = &[
    guard_bif!("erlang", "map_size", 1, map_size_1),
    guard_bif!("erlang", "is_map_key", 2, is_key_2),
    guard_bif!("erlang", "map_get", 2, get_2),
    bif!("maps", "get", 2, get_2),
    bif!("maps", "find", 2, find_2),
    bif!("maps", "from_list", 1, from_list_1),
    bif!("maps", "from_keys", 2, from_keys_2),
    bif!("maps", "is_key", 2, is_key_2),
    bif!("maps", "keys", 1, keys_1),
    bif!("maps", "merge", 2, merge_2),
    bif!("maps", "put", 3, put_3),
    bif!("maps", "remove", 2, remove_2),
    bif!("maps", "take", 2, take_2),
    bif!("maps", "update", 3, update_3),
    bif!("maps", "values", 1, values_1),
    bif!("erts_internal", "map_next", 3, map_next_3),
];

pub use crate::data::map::{badkey, badmap};

fn map_size_1(ctx: &mut Ctx, args: &[Term; 1]) -> Term {
    let m = args[0];
    if !map::is_map(m) {
        return badmap(ctx, m);
    }
    Term::small(map::size(m) as i64)
}

fn get_2(ctx: &mut Ctx, args: &[Term; 2]) -> Term {
    let (k, m) = (args[0], args[1]);
    if !map::is_map(m) {
        return badmap(ctx, m);
    }
    match map::get(m, k) {
        Some(v) => v,
        None => badkey(ctx, k),
    }
}

fn find_2(ctx: &mut Ctx, args: &[Term; 2]) -> Term {
    let (k, m) = (args[0], args[1]);
    if !map::is_map(m) {
        return badmap(ctx, m);
    }
    match map::get(m, k) {
        Some(v) => make_tuple(ctx, &[am::OK, v]),
        None => am::ERROR,
    }
}

fn is_key_2(ctx: &mut Ctx, args: &[Term; 2]) -> Term {
    let (k, m) = (args[0], args[1]);
    if !map::is_map(m) {
        return badmap(ctx, m);
    }
    Term::boolean(map::get(m, k).is_some())
}

fn from_list_1(ctx: &mut Ctx, args: &[Term; 1]) -> Term {
    let l = args[0];
    let Some(items) = list_to_vec(l) else {
        return ctx.badarg();
    };
    let mut ps = Vec::with_capacity(items.len());
    for t in items {
        // SAFETY: `t` is checked to be a 2-tuple before reading elements.
        if !t.is_tuple() || unsafe { t.tuple_arity() } != 2 {
            return ctx.badarg();
        }
        // SAFETY: as above.
        ps.push(unsafe { (t.tuple_elem(0), t.tuple_elem(1)) });
    }
    map::from_pairs(ctx, ps)
}

fn from_keys_2(ctx: &mut Ctx, args: &[Term; 2]) -> Term {
    let (l, v) = (args[0], args[1]);
    let Some(keys) = list_to_vec(l) else {
        return ctx.badarg();
    };
    map::from_pairs(ctx, keys.into_iter().map(|k| (k, v)).collect())
}

/// Keys (`vals == false`) or values of `m` as `maps:keys/1` lists them:
/// key order for a flatmap, reverse trie order otherwise.
fn keys_or_values(ctx: &mut Ctx, m: Term, vals: bool) -> Term {
    let ps = map::pairs(m);
    let pick = |p: &(Term, Term)| if vals { p.1 } else { p.0 };
    let items: Vec<Term> = if map::is_flat(m) {
        ps.iter().map(pick).collect()
    } else {
        ps.iter().rev().map(pick).collect()
    };
    crate::data::build::list_from_slice(ctx, &items)
}

fn keys_1(ctx: &mut Ctx, args: &[Term; 1]) -> Term {
    let m = args[0];
    if !map::is_map(m) {
        return badmap(ctx, m);
    }
    keys_or_values(ctx, m, false)
}

fn values_1(ctx: &mut Ctx, args: &[Term; 1]) -> Term {
    let m = args[0];
    if !map::is_map(m) {
        return badmap(ctx, m);
    }
    keys_or_values(ctx, m, true)
}

fn merge_2(ctx: &mut Ctx, args: &[Term; 2]) -> Term {
    let (a, b) = (args[0], args[1]);
    if !map::is_map(a) {
        return badmap(ctx, a);
    }
    if !map::is_map(b) {
        return badmap(ctx, b);
    }
    map::merge(ctx, a, b)
}

fn put_3(ctx: &mut Ctx, args: &[Term; 3]) -> Term {
    let (k, v, m) = (args[0], args[1], args[2]);
    if !map::is_map(m) {
        return badmap(ctx, m);
    }
    map::put(ctx, m, k, v)
}

fn update_3(ctx: &mut Ctx, args: &[Term; 3]) -> Term {
    let (k, v, m) = (args[0], args[1], args[2]);
    if !map::is_map(m) {
        return badmap(ctx, m);
    }
    match map::update(ctx, m, k, v) {
        Some(r) => r,
        None => badkey(ctx, k),
    }
}

fn remove_2(ctx: &mut Ctx, args: &[Term; 2]) -> Term {
    let (k, m) = (args[0], args[1]);
    if !map::is_map(m) {
        return badmap(ctx, m);
    }
    match map::remove(ctx, m, k) {
        Some((r, _)) => r,
        None => m,
    }
}

fn take_2(ctx: &mut Ctx, args: &[Term; 2]) -> Term {
    let (k, m) = (args[0], args[1]);
    if !map::is_map(m) {
        return badmap(ctx, m);
    }
    match map::remove(ctx, m, k) {
        Some((r, v)) => make_tuple(ctx, &[v, r]),
        None => am::ERROR,
    }
}

/// A path argument of `map_next/3` as a 64-bit word (paths deeper than 15
/// levels do not occur: tries are at most 8 levels deep without full
/// 32-bit hash collisions).
fn path_word(t: Term) -> Option<u64> {
    if t.is_small() {
        let v = t.small_value();
        return (v >= 0).then_some(v as u64);
    }
    if t.is_bignum() {
        // SAFETY: `t` is a bignum.
        unsafe {
            let l = crate::data::big::big_limbs(t);
            if !crate::data::big::big_is_negative(t) && l.len() == 1 {
                return Some(l[0]);
            }
        }
    }
    None
}

/// `erts_internal:map_next(Path, Map, Acc | iterator)`: the next batch of
/// pairs from the position `Path` (4 bits per trie level, root first), as
/// BEAM returns them: in iterator mode `{K1, V1, {K2, V2, ... Next}}` with
/// `Next` `none` or `[Path2 | Map]`; in list mode `[{Kn,Vn}, ..., {K1,V1} |
/// Acc]`, prefixed by `[Path2, Map | ...]` when pairs remain.
fn map_next_3(ctx: &mut Ctx, args: &[Term; 3]) -> Term {
    let (path, m, mode) = (args[0], args[1], args[2]);
    if !map::is_map(m) {
        return ctx.badarg();
    }
    let iterator = mode == intern("iterator");
    if !iterator && !mode.is_list() && !mode.is_nil() {
        return ctx.badarg();
    }
    let Some(path) = path_word(path) else {
        return ctx.badarg();
    };
    if map::is_flat(m) {
        if !path_word_small(path, map::size(m)) {
            return ctx.badarg();
        }
        let ps = map::pairs(m);
        return emit(ctx, &ps, iterator, mode, None, m);
    }
    let size = map::size(m);
    let mut elems = size.min(if path == 0 { 32 } else { 1000 });
    let Some((leaves, next)) = walk(m, path, &mut elems) else {
        return ctx.badarg();
    };
    let next = next.map(|p| crate::data::big::make_u64(ctx, p));
    emit(ctx, &leaves, iterator, mode, next, m)
}

/// A flatmap accepts any small path up to its size (BEAM ignores it).
fn path_word_small(path: u64, n: usize) -> bool {
    path <= n as u64 && path < (1 << 59)
}

/// Builds `map_next`'s result from the pairs of one batch.
fn emit(
    ctx: &mut Ctx,
    ps: &[(Term, Term)],
    iterator: bool,
    acc: Term,
    next: Option<Term>,
    m: Term,
) -> Term {
    if iterator {
        let mut res = match next {
            Some(p) => cons(ctx, p, m),
            None => intern("none"),
        };
        for &(k, v) in ps.iter().rev() {
            res = make_tuple(ctx, &[k, v, res]);
        }
        res
    } else {
        let mut res = acc;
        // List mode conses each pair as it is visited: reverse order, except
        // that a flatmap's pairs come out in key order.
        let flat = map::is_flat(m);
        let order: Vec<&(Term, Term)> = if flat {
            ps.iter().rev().collect()
        } else {
            ps.iter().collect()
        };
        for &(k, v) in order {
            let t = make_tuple(ctx, &[k, v]);
            res = cons(ctx, t, res);
        }
        if let Some(p) = next {
            res = cons(ctx, m, res);
            res = cons(ctx, p, res);
        }
        res
    }
}

/// One stack entry of the trie walk: a node, the index after the child
/// being explored, and the node's child count.
struct Frame {
    node: Term,
    idx: usize,
    sz: usize,
}

/// One batch of `map_next`: the pairs and the path to the next leaf.
type Batch = (Vec<(Term, Term)>, Option<u64>);

/// Collects up to `*elems` leaves of trie `m` starting at `path`; returns
/// them and the path to the next leaf if any remain. `None`: bad path.
fn walk(m: Term, mut path: u64, elems: &mut usize) -> Option<Batch> {
    let kids = |n: Term| {
        // SAFETY: `n` is a trie head or node.
        unsafe { layout::children(n) }
    };
    let leaf = |l: Term| {
        // SAFETY: leaves are cons cells.
        unsafe { (l.head(), l.tail()) }
    };
    let mut out = Vec::new();
    let mut stack: Vec<Frame> = Vec::new();
    let mut node = m;
    let mut depth = 0;
    loop {
        let ch = kids(node);
        let e = (path & 0xf) as usize;
        if e >= ch.len() {
            return None;
        }
        stack.push(Frame {
            node,
            idx: e + 1,
            sz: ch.len(),
        });
        if ch[e].is_list() {
            out.push(leaf(ch[e]));
            *elems -= 1;
            break;
        }
        node = ch[e];
        path >>= 4;
        depth += 1;
        if depth >= 16 {
            path = 0;
        }
    }
    while let Some(Frame { node, mut idx, sz }) = stack.pop() {
        let ch = kids(node);
        while idx < sz && *elems != 0 && ch[idx].is_list() {
            out.push(leaf(ch[idx]));
            *elems -= 1;
            idx += 1;
        }
        if *elems == 0 {
            if idx < sz {
                stack.push(Frame {
                    node,
                    idx: idx + 1,
                    sz,
                });
            } else {
                while let Some(f) = stack.pop() {
                    if f.idx < f.sz {
                        stack.push(Frame {
                            node: f.node,
                            idx: f.idx + 1,
                            sz: f.sz,
                        });
                        break;
                    }
                }
            }
            break;
        }
        if idx < sz {
            stack.push(Frame {
                node,
                idx: idx + 1,
                sz,
            });
            let child = ch[idx];
            stack.push(Frame {
                node: child,
                idx: 0,
                sz: kids(child).len(),
            });
        }
        if stack.is_empty() {
            break;
        }
    }
    if stack.is_empty() {
        return Some((out, None));
    }
    // The path to the next leaf: root digit in the lowest nibble.
    let mut p = 0u64;
    for f in stack.iter().rev() {
        p = (p << 4) | (f.idx - 1) as u64;
    }
    Some((out, Some(p)))
}
