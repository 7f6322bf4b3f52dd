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

use super::match_spec::{compiled_ms, make_compiled_ms};
use super::{bif, BifDef};
use crate::data::build::{list_from_slice, list_to_vec, make_tuple};
use crate::data::compare::eq_exact;
use crate::ets::ms::{self, end_condition, CompiledMs, MsKind, Span};
use crate::ets::object::{term_to_heap, Stored};
use crate::ets::store::{KeyBounds, Storage};
use crate::ets::{self, Kind, Table};
use crate::heap::ctx::Ctx;
use crate::term::atom::{self, am};
use crate::term::{Term, NIL};
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

fn compile(ctx: &mut Ctx, spec: Term) -> Result<CompiledMs, Term> {
    CompiledMs::compile_checked(ctx, spec, MsKind::Table).map_err(|e| invalid_spec(ctx, e))
}

/// The exception for a spec that did not compile.
pub(super) fn invalid_spec(ctx: &mut Ctx, e: ms::Invalid) -> Term {
    match e {
        ms::Invalid::Badarg => ctx.badarg(),
        ms::Invalid::SystemLimit => ctx.error(atom::intern("system_limit")),
    }
}

/// Visits the objects `ms` can match, in the table's order (reversed if
/// asked; for ordered_set after/before `after`), starting at the keys the
/// spec binds when it binds them.
fn visit(
    tab: &Table,
    d: &dyn Storage,
    ms: &CompiledMs,
    reverse: bool,
    after: Option<Term>,
    f: &mut dyn FnMut(&Stored) -> bool,
) {
    if tab.kind == Kind::OrderedSet {
        return match ms.key_span(tab.keypos) {
            Span::Nothing => {}
            Span::Keys(span) => d.span(&span, after, reverse, f),
            Span::All => d.span(&Everything, after, reverse, f),
        };
    }
    if let Some(keys) = ms.bound_keys(tab.keypos) {
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

/// The interval of all keys.
struct Everything;

impl KeyBounds for Everything {
    fn below(&self, _: Term) -> bool {
        false
    }
    fn above(&self, _: Term) -> bool {
        false
    }
}

/// All results of `spec` over the table `t`, in the order erl returns
/// them.
fn select_all(ctx: &mut Ctx, t: Term, spec: Term, reverse: bool) -> Term {
    let tab = match ets::for_read(ctx, t) {
        Ok(tab) => tab,
        Err(e) => return e.raise(ctx),
    };
    let ms = match compile(ctx, spec) {
        Ok(ms) => ms,
        Err(e) => return e,
    };
    // Only an ordered_set has an order to reverse: on hash tables BEAM's
    // select_reverse/2 returns what select/2 does.
    let reverse = reverse && tab.kind == Kind::OrderedSet;
    let d = tab.read();
    let mut out = Vec::new();
    visit(&tab, &*d, &ms, reverse, None, &mut |o| {
        if let Some(r) = o.with_term(|t| ms.run_off_heap(ctx, t)) {
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

/// The spec of a chunked select: compiled for this call, or held (as a
/// compiled-spec reference, like erl's) by the continuation being resumed.
enum Spec<'a> {
    Fresh(CompiledMs),
    Held(&'a CompiledMs, Term),
}

impl Spec<'_> {
    fn ms(&self) -> &CompiledMs {
        match self {
            Spec::Fresh(m) => m,
            Spec::Held(m, _) => m,
        }
    }
    /// The compiled-spec reference a continuation holds.
    fn into_ref(self, ctx: &mut Ctx) -> Term {
        match self {
            Spec::Fresh(m) => make_compiled_ms(ctx, m),
            Spec::Held(_, r) => r,
        }
    }
}

/// `{Results, '$end_of_table'}`, or `'$end_of_table'` for no results.
fn last_chunk(ctx: &mut Ctx, out: &[Term]) -> Term {
    if out.is_empty() {
        return end_of_table();
    }
    let list = list_from_slice(ctx, out);
    make_tuple(ctx, &[list, end_of_table()])
}

/// One chunk of an ordered_set select, as erl: a spec with one bound key
/// is one lookup and never continues; otherwise the traversal (from the
/// span's edge, or past `after`) stops once `limit` results are in and
/// then always returns a continuation `{Tab, LastKey, EndCondition,
/// Limit, Ms, [], Reverse, 0}`, even if nothing follows.
#[allow(clippy::too_many_arguments)]
fn chunk_tree(
    ctx: &mut Ctx,
    tab: &Arc<Table>,
    spec: Spec,
    end_cond: Term,
    limit: usize,
    reverse: bool,
    after: Option<Term>,
) -> Term {
    let d = tab.read();
    let ms = spec.ms();
    let mut out = Vec::new();
    if after.is_none() {
        if let Some(k) = ms.single_key(tab.keypos) {
            d.lookup(k, &mut |o| {
                if let Some(r) = o.with_term(|t| ms.run_off_heap(ctx, t)) {
                    out.push(r);
                }
            });
            drop(d);
            return last_chunk(ctx, &out);
        }
    }
    let mut last = None;
    visit(tab, &*d, ms, reverse, after, &mut |o| {
        if let Some(r) = o.with_term(|t| ms.run_off_heap(ctx, t)) {
            out.push(r);
        }
        last = Some(o.elem(tab.keypos - 1));
        out.len() < limit
    });
    let last = match last {
        Some(k) if out.len() >= limit => term_to_heap(ctx, k),
        _ => {
            drop(d);
            return last_chunk(ctx, &out);
        }
    };
    drop(d);
    let tid = tab.tid_term(ctx);
    let list = list_from_slice(ctx, &out);
    let msref = spec.into_ref(ctx);
    let cont = make_tuple(
        ctx,
        &[
            tid,
            last,
            end_cond,
            Term::small(limit as i64),
            msref,
            NIL,
            Term::small(reverse as i64),
            Term::small(0),
        ],
    );
    make_tuple(ctx, &[list, cont])
}

/// One chunk of a hash-table select: whole slots from `slot` on (`-1`:
/// none left), after the results `out` left over from the previous chunk;
/// the continuation is `{Tab, NextSlot, Limit, Ms, Rest, RestCount}`. A
/// spec that binds its keys looks them up, all in the first call, as erl.
fn chunk_hash(
    ctx: &mut Ctx,
    tab: &Arc<Table>,
    spec: Spec,
    limit: usize,
    slot: i64,
    mut out: Vec<Term>,
) -> Term {
    let d = tab.read();
    let ms = spec.ms();
    let mut slot = slot;
    let n = d.slots();
    if slot == 0 && out.is_empty() && ms.bound_keys(tab.keypos).is_some() {
        visit(tab, &*d, ms, false, None, &mut |o| {
            if let Some(r) = o.with_term(|t| ms.run_off_heap(ctx, t)) {
                out.push(r);
            }
            true
        });
        // Looked-up objects come in the order erl returns them: turned
        // around here, as the chunk is turned around below.
        out.reverse();
        slot = -1;
    }
    if slot >= 0 && slot as usize >= n {
        slot = -1;
    }
    // `out` is in BEAM's traversal order (each bucket's chain from its
    // head, the opposite of `for_slot`'s); BEAM conses the results, so a
    // chunk and the rest it keeps are reversed when returned.
    while out.len() < limit && slot >= 0 {
        let from = out.len();
        d.for_slot(slot as usize, &mut |o| {
            if let Some(r) = o.with_term(|t| ms.run_off_heap(ctx, t)) {
                out.push(r);
            }
        });
        out[from..].reverse();
        slot = d.next_slot(slot as usize).map_or(-1, |s| s as i64);
    }
    drop(d);
    let mut rest = if out.len() > limit {
        out.split_off(limit)
    } else {
        Vec::new()
    };
    out.reverse();
    rest.reverse();
    if slot < 0 && rest.is_empty() {
        return last_chunk(ctx, &out);
    }
    // The table's reference even for named tables, as erl: the
    // continuation then fails on a new table that took the name and
    // still works after a rename.
    let tid = tab.ref_term(ctx);
    let list = list_from_slice(ctx, &out);
    let rn = Term::small(rest.len() as i64);
    let rl = list_from_slice(ctx, &rest);
    let msref = spec.into_ref(ctx);
    let cont = make_tuple(
        ctx,
        &[
            tid,
            Term::small(slot),
            Term::small(limit as i64),
            msref,
            rl,
            rn,
        ],
    );
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
    let ms = match compile(ctx, spec) {
        Ok(ms) => ms,
        Err(e) => return e,
    };
    let limit = limit.small_value() as usize;
    if tab.kind == Kind::OrderedSet {
        if let Span::Nothing = ms.key_span(tab.keypos) {
            return end_of_table();
        }
        let end_cond = end_condition(spec, tab.keypos, reverse);
        chunk_tree(ctx, &tab, Spec::Fresh(ms), end_cond, limit, reverse, None)
    } else {
        chunk_hash(ctx, &tab, Spec::Fresh(ms), limit, 0, Vec::new())
    }
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
    let limit = |t: Term| (t.is_small() && t.small_value() > 0).then(|| t.small_value() as usize);
    match (e.len(), tab.kind == Kind::OrderedSet) {
        (8, true) => {
            let (Some(n), Some(ms)) = (limit(e[3]), compiled_ms(e[4])) else {
                return ctx.badarg();
            };
            if !e[5].is_nil() && !e[5].is_list() || !e[6].is_small() || !e[7].is_small() {
                return ctx.badarg();
            }
            let reverse = e[6] != Term::small(0);
            let spec = Spec::Held(ms, e[4]);
            chunk_tree(ctx, &tab, spec, e[2], n, reverse, Some(e[1]))
        }
        (6, false) => {
            let (Some(n), Some(ms)) = (limit(e[2]), compiled_ms(e[3])) else {
                return ctx.badarg();
            };
            let Some(rest) = list_to_vec(e[4]).filter(|_| e[1].is_small()) else {
                return ctx.badarg();
            };
            let slot = e[1].small_value().max(-1);
            // The rest is kept as BEAM keeps it, newest result first.
            let mut rest = rest;
            rest.reverse();
            chunk_hash(ctx, &tab, Spec::Held(ms, e[3]), n, slot, rest)
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
    let ms = match compile(ctx, spec) {
        Ok(ms) => ms,
        Err(e) => return e,
    };
    let d = tab.read();
    let mut n = 0i64;
    visit(&tab, &*d, &ms, false, None, &mut |o| {
        if o.with_term(|t| ms.run_off_heap(ctx, t)) == Some(am::TRUE) {
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
    let ms = match compile(ctx, spec) {
        Ok(ms) => ms,
        Err(e) => return e,
    };
    let mut d = tab.write();
    if tab.kind != Kind::OrderedSet {
        let n = d.remove_if(&mut |o| o.with_term(|t| ms.run_off_heap(ctx, t)) == Some(am::TRUE));
        return Term::small(n as i64);
    }
    // ordered_set: find the objects inside the spec's key span, then
    // remove them by key (the keys point into objects still in the table).
    let kp = tab.keypos - 1;
    let mut keys = Vec::new();
    visit(&tab, &*d, &ms, false, None, &mut |o| {
        if o.with_term(|t| ms.run_off_heap(ctx, t)) == Some(am::TRUE) {
            keys.push(o.elem(kp));
        }
        true
    });
    for &k in &keys {
        d.take(k);
    }
    Term::small(keys.len() as i64)
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
    let ms = match compile(ctx, spec) {
        Ok(ms) => ms,
        Err(e) => return e,
    };
    // Every clause must visibly keep the key, whatever the table holds.
    if !super::ets_replace::spec_keeps_key(spec, tab.keypos) {
        return ctx.badarg();
    }
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
    // The replacements, by the key (in table memory) of the object each
    // replaces.
    let mut repl: Vec<(Term, Stored)> = Vec::new();
    visit(&tab, &*d, &ms, false, None, &mut |o| {
        if let Some(r) = o.with_term(|t| ms.run_off_heap(ctx, t)) {
            if !keeps_key(r, o) {
                bad = true;
                return false;
            }
            if tab.kind == Kind::OrderedSet {
                repl.push((o.elem(kp), tab.store(r)));
            }
        }
        true
    });
    if bad {
        drop(d);
        return ctx.badarg();
    }
    if tab.kind == Kind::OrderedSet {
        let n = repl.len();
        for (k, r) in repl {
            let mut r = Some(r);
            d.update(k, &mut |_| r.take());
        }
        return Term::small(n as i64);
    }
    let mut repl: Vec<Stored> = Vec::new();
    d.remove_if(&mut |o| match o.with_term(|t| ms.run_off_heap(ctx, t)) {
        Some(r) => {
            repl.push(tab.store(r));
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
