//! The `ets` BIFs driven by match specifications: `match/1,2,3`,
//! `match_object/1,2,3`, `select/1,2,3`, `select_reverse/1,2,3`,
//! `select_count/2`, `internal_select_delete/2`, `select_replace/2`.
//! Specs are compiled by `ets::ms`; the traversal starts at the keys the
//! spec binds (a lookup for set/bag, a key range for ordered_set) instead
//! of scanning when it can.
//!
//! Chunked selects return continuations shaped like erl's: for
//! ordered_set `{Tab, LastKey, Reverse, Limit, Spec, [], 0, 0}`, for hash
//! tables `{Tab, NextSlot, Limit, Spec, Rest, RestCount}`. They hold the
//! spec itself (recompiled by `select/1`), so they survive being copied.

use super::{bif, BifDef};
use crate::data::build::{list_from_slice, list_to_vec, make_tuple};
use crate::data::compare::{cmp_terms, eq_exact};
use crate::ets::ms::{CompiledMs, MsKind};
use crate::ets::object::{term_to_heap, Stored};
use crate::ets::store::Storage;
use crate::ets::{self, Kind, Table};
use crate::heap::ctx::Ctx;
use crate::term::atom::{self, am};
use crate::term::{Term, NIL};
use std::ops::Bound;
use std::sync::Arc;

pub const BIFS: &[BifDef] = &[
    bif!("ets", "match", 1, select1),
    bif!("ets", "match", 2, match2),
    bif!("ets", "match", 3, match3),
    bif!("ets", "match_object", 1, select1),
    bif!("ets", "match_object", 2, match_object2),
    bif!("ets", "match_object", 3, match_object3),
    bif!("ets", "select", 1, select1),
    bif!("ets", "select", 2, select2),
    bif!("ets", "select", 3, select3),
    bif!("ets", "select_reverse", 1, select1),
    bif!("ets", "select_reverse", 2, select_reverse2),
    bif!("ets", "select_reverse", 3, select_reverse3),
    bif!("ets", "select_count", 2, select_count),
    bif!("ets", "internal_select_delete", 2, select_delete),
    bif!("ets", "select_replace", 2, select_replace),
];

fn end_of_table() -> Term {
    atom::intern("$end_of_table")
}

/// `[{Pattern, [], [Body]}]` for `match` (`'$$'`) and `match_object`
/// (`'$_'`).
fn pattern_spec(ctx: &mut Ctx, pattern: Term, body: &str) -> Term {
    let b = list_from_slice(ctx, &[atom::intern(body)]);
    let clause = make_tuple(ctx, &[pattern, NIL, b]);
    list_from_slice(ctx, &[clause])
}

fn compile(ctx: &mut Ctx, spec: Term) -> Option<CompiledMs> {
    CompiledMs::compile(ctx, spec, MsKind::Table)
}

/// Visits the objects `ms` can match, in the table's order (reversed if
/// asked), starting at the keys the spec binds when it binds them.
fn visit(
    tab: &Table,
    d: &dyn Storage,
    ms: &CompiledMs,
    reverse: bool,
    f: &mut dyn FnMut(&Stored) -> bool,
) {
    if tab.kind == Kind::OrderedSet {
        if let Some(r) = ms.key_range(tab.keypos) {
            d.range(Bound::Included(r.lo), Bound::Included(r.hi), reverse, f);
            return;
        }
    } else if let Some(mut keys) = ms.bound_keys(tab.keypos) {
        keys.dedup_by(|a, b| eq_exact(*a, *b));
        let mut uniq: Vec<Term> = Vec::with_capacity(keys.len());
        for k in keys {
            if !uniq.iter().any(|&u| eq_exact(u, k)) {
                uniq.push(k);
            }
        }
        let mut go = true;
        for k in uniq {
            d.lookup(k, &mut |o| {
                if go {
                    go = f(o);
                }
            });
            if !go {
                return;
            }
        }
        return;
    }
    d.for_each(reverse, f);
}

/// All results of `spec` over the table `t`, in the order erl returns
/// them.
fn select_all(ctx: &mut Ctx, t: Term, spec: Term, reverse: bool) -> Term {
    let tab = match ets::for_read(ctx, t) {
        Ok(tab) => tab,
        Err(e) => return e.raise(ctx),
    };
    let Some(ms) = compile(ctx, spec) else {
        return ctx.badarg();
    };
    let d = tab.read();
    let mut out = Vec::new();
    visit(&tab, &**d, &ms, reverse, &mut |o| {
        if let Some(r) = ms.run_off_heap(ctx, o.term()) {
            out.push(r);
        }
        true
    });
    drop(d);
    list_from_slice(ctx, &out)
}

fn select2(ctx: &mut Ctx, args: &[Term; 2]) -> Term {
    let (t, s) = (args[0], args[1]);
    select_all(ctx, t, s, false)
}

fn select_reverse2(ctx: &mut Ctx, args: &[Term; 2]) -> Term {
    let (t, s) = (args[0], args[1]);
    select_all(ctx, t, s, true)
}

fn match2(ctx: &mut Ctx, args: &[Term; 2]) -> Term {
    let (t, p) = (args[0], args[1]);
    let s = pattern_spec(ctx, p, "$$");
    select_all(ctx, t, s, false)
}

fn match_object2(ctx: &mut Ctx, args: &[Term; 2]) -> Term {
    let (t, p) = (args[0], args[1]);
    let s = pattern_spec(ctx, p, "$_");
    select_all(ctx, t, s, false)
}

/// One chunk of at most `limit` results, starting where `from` says.
enum From {
    Start,
    /// ordered_set: after (before, reversed) this key.
    After(Term),
    /// hash: at this slot, with results left over from the last chunk.
    Slot(usize, Vec<Term>),
}

fn chunk(
    ctx: &mut Ctx,
    tab: &Arc<Table>,
    spec: Term,
    limit: usize,
    reverse: bool,
    from: From,
) -> Term {
    let Some(ms) = compile(ctx, spec) else {
        return ctx.badarg();
    };
    let d = tab.read();
    let tid = tab.tid_term(ctx);
    if tab.kind == Kind::OrderedSet {
        let (mut lo, mut hi) = match ms.key_range(tab.keypos) {
            Some(r) => (Bound::Included(r.lo), Bound::Included(r.hi)),
            None => (Bound::Unbounded, Bound::Unbounded),
        };
        if let From::After(k) = from {
            // Narrow the range to past `k` (keeping the tighter bound).
            if reverse {
                if !matches!(hi, Bound::Included(h) if cmp_terms(h, k).is_lt()) {
                    hi = Bound::Excluded(k);
                }
            } else if !matches!(lo, Bound::Included(l) if cmp_terms(l, k).is_gt()) {
                lo = Bound::Excluded(k);
            }
        }
        let mut out = Vec::new();
        let mut last = None;
        let mut more = false;
        d.range(lo, hi, reverse, &mut |o| {
            if out.len() >= limit {
                more = true;
                return false;
            }
            if let Some(r) = ms.run_off_heap(ctx, o.term()) {
                out.push(r);
            }
            last = Some(o.elem(tab.keypos - 1));
            true
        });
        let last = last.map(|k| term_to_heap(ctx, k));
        drop(d);
        if out.is_empty() {
            return end_of_table();
        }
        let list = list_from_slice(ctx, &out);
        let cont = match (more, last) {
            (true, Some(k)) => {
                let rev = Term::boolean(reverse);
                make_tuple(
                    ctx,
                    &[
                        tid,
                        k,
                        rev,
                        Term::small(limit as i64),
                        spec,
                        NIL,
                        Term::small(0),
                        Term::small(0),
                    ],
                )
            }
            _ => end_of_table(),
        };
        return make_tuple(ctx, &[list, cont]);
    }
    let (mut slot, mut out) = match from {
        From::Slot(s, rest) => (s, rest),
        _ => (0, Vec::new()),
    };
    let n = d.slots();
    while out.len() < limit && slot < n {
        d.for_slot(slot, &mut |o| {
            if let Some(r) = ms.run_off_heap(ctx, o.term()) {
                out.push(r);
            }
        });
        slot += 1;
    }
    drop(d);
    if out.is_empty() {
        return end_of_table();
    }
    let rest = if out.len() > limit {
        out.split_off(limit)
    } else {
        Vec::new()
    };
    let list = list_from_slice(ctx, &out);
    let cont = if slot >= n && rest.is_empty() {
        end_of_table()
    } else {
        let rn = Term::small(rest.len() as i64);
        let rl = list_from_slice(ctx, &rest);
        make_tuple(
            ctx,
            &[
                tid,
                Term::small(slot as i64),
                Term::small(limit as i64),
                spec,
                rl,
                rn,
            ],
        )
    };
    make_tuple(ctx, &[list, cont])
}

fn chunk_start(ctx: &mut Ctx, t: Term, spec: Term, limit: Term, reverse: bool) -> Term {
    let tab = match ets::for_read(ctx, t) {
        Ok(tab) => tab,
        Err(e) => return e.raise(ctx),
    };
    if !limit.is_small() || limit.small_value() < 1 {
        return ctx.badarg();
    }
    chunk(
        ctx,
        &tab,
        spec,
        limit.small_value() as usize,
        reverse,
        From::Start,
    )
}

fn select3(ctx: &mut Ctx, args: &[Term; 3]) -> Term {
    let (t, s, l) = (args[0], args[1], args[2]);
    chunk_start(ctx, t, s, l, false)
}

fn select_reverse3(ctx: &mut Ctx, args: &[Term; 3]) -> Term {
    let (t, s, l) = (args[0], args[1], args[2]);
    chunk_start(ctx, t, s, l, true)
}

fn match3(ctx: &mut Ctx, args: &[Term; 3]) -> Term {
    let (t, p, l) = (args[0], args[1], args[2]);
    let s = pattern_spec(ctx, p, "$$");
    chunk_start(ctx, t, s, l, false)
}

fn match_object3(ctx: &mut Ctx, args: &[Term; 3]) -> Term {
    let (t, p, l) = (args[0], args[1], args[2]);
    let s = pattern_spec(ctx, p, "$_");
    chunk_start(ctx, t, s, l, false)
}

/// `select/1`, `select_reverse/1`, `match/1`, `match_object/1`: the next
/// chunk of a continuation.
fn select1(ctx: &mut Ctx, args: &[Term; 1]) -> Term {
    let c = args[0];
    if c == end_of_table() {
        return c;
    }
    if !c.is_tuple() {
        return ctx.badarg();
    }
    // SAFETY: `c` is a tuple.
    let e: Vec<Term> = unsafe { (0..c.tuple_arity()).map(|i| c.tuple_elem(i)).collect() };
    let tab = match e.first().map(|&t| ets::for_read(ctx, t)) {
        Some(Ok(tab)) => tab,
        Some(Err(d)) if e.len() == 8 || e.len() == 6 => return d.raise(ctx),
        _ => return ctx.badarg(),
    };
    match (e.len(), tab.kind == Kind::OrderedSet) {
        (8, true) if e[3].is_small() && e[3].small_value() > 0 => {
            let reverse = e[2] == am::TRUE;
            chunk(
                ctx,
                &tab,
                e[4],
                e[3].small_value() as usize,
                reverse,
                From::After(e[1]),
            )
        }
        (6, false) if e[1].is_small() && e[2].is_small() && e[2].small_value() > 0 => {
            let Some(rest) = list_to_vec(e[4]) else {
                return ctx.badarg();
            };
            let slot = e[1].small_value().max(0) as usize;
            chunk(
                ctx,
                &tab,
                e[3],
                e[2].small_value() as usize,
                false,
                From::Slot(slot, rest),
            )
        }
        _ => ctx.badarg(),
    }
}

fn select_count(ctx: &mut Ctx, args: &[Term; 2]) -> Term {
    let (t, spec) = (args[0], args[1]);
    let tab = match ets::for_read(ctx, t) {
        Ok(tab) => tab,
        Err(e) => return e.raise(ctx),
    };
    let Some(ms) = compile(ctx, spec) else {
        return ctx.badarg();
    };
    let d = tab.read();
    let mut n = 0i64;
    visit(&tab, &**d, &ms, false, &mut |o| {
        if ms.run_off_heap(ctx, o.term()) == Some(am::TRUE) {
            n += 1;
        }
        true
    });
    Term::small(n)
}

fn select_delete(ctx: &mut Ctx, args: &[Term; 2]) -> Term {
    let (t, spec) = (args[0], args[1]);
    let tab = match ets::for_write(ctx, t) {
        Ok(tab) => tab,
        Err(e) => return e.raise(ctx),
    };
    let Some(ms) = compile(ctx, spec) else {
        return ctx.badarg();
    };
    let mut d = tab.write();
    let n = d.remove_if(&mut |o| ms.run_off_heap(ctx, o.term()) == Some(am::TRUE));
    Term::small(n as i64)
}

fn select_replace(ctx: &mut Ctx, args: &[Term; 2]) -> Term {
    let (t, spec) = (args[0], args[1]);
    let tab = match ets::for_write(ctx, t) {
        Ok(tab) => tab,
        Err(e) => return e.raise(ctx),
    };
    if tab.kind == Kind::Bag {
        return ets::fail(ctx, Some("table_type"));
    }
    let Some(ms) = compile(ctx, spec) else {
        return ctx.badarg();
    };
    let kp = tab.keypos - 1;
    // A replacement must be a tuple with the same key.
    let keeps_key = |r: Term, o: &Stored| {
        // SAFETY: checked to be a tuple covering the key position.
        r.is_tuple()
            && unsafe { r.tuple_arity() } > kp
            && eq_exact(unsafe { r.tuple_elem(kp) }, o.elem(kp))
    };
    let mut d = tab.write();
    let mut bad = false;
    visit(&tab, &**d, &ms, false, &mut |o| {
        if let Some(r) = ms.run_off_heap(ctx, o.term()) {
            if !keeps_key(r, o) {
                bad = true;
                return false;
            }
        }
        true
    });
    if bad {
        drop(d);
        return ctx.badarg();
    }
    let mut repl: Vec<Stored> = Vec::new();
    d.remove_if(&mut |o| match ms.run_off_heap(ctx, o.term()) {
        Some(r) => {
            repl.push(Stored::new(r));
            true
        }
        None => false,
    });
    let n = repl.len();
    for r in repl {
        d.insert(r);
    }
    Term::small(n as i64)
}
