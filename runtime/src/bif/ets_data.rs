//! The `ets` BIFs on objects and keys: insert, lookup, delete, take,
//! counters, element updates, traversal by key and slot.

use super::{bif, BifDef};
use crate::data::build::{list_from_slice, list_to_vec};
use crate::ets::object::{term_to_heap, Stored};
use crate::ets::{self, Kind, Table};
use crate::heap::ctx::Ctx;
use crate::term::atom::{self, am};
use crate::term::{Term, NIL};
use smallvec::SmallVec;
use std::sync::Arc;

pub const BIFS: &[BifDef] = &[
    bif!("ets", "insert", 2, insert),
    bif!("ets", "insert_new", 2, insert_new),
    bif!("ets", "lookup", 2, lookup),
    bif!("ets", "lookup_element", 3, lookup_element),
    bif!("ets", "member", 2, member),
    bif!("ets", "delete", 2, delete2),
    bif!("ets", "delete_object", 2, delete_object),
    bif!("ets", "internal_delete_all", 2, delete_all),
    bif!("ets", "take", 2, take),
    bif!("ets", "update_counter", 3, update_counter3),
    bif!("ets", "update_counter", 4, update_counter4),
    bif!("ets", "update_element", 3, update_element),
    bif!("ets", "first", 1, first),
    bif!("ets", "last", 1, last),
    bif!("ets", "next", 2, next),
    bif!("ets", "prev", 2, prev),
    bif!("ets", "slot", 2, slot),
];

macro_rules! table {
    ($ctx:expr, $t:expr, $how:ident) => {
        match ets::$how($ctx, $t) {
            Ok(tab) => tab,
            Err(e) => return e.raise($ctx),
        }
    };
}

/// Whether `o` can be stored in `tab`: a tuple with the key position.
fn storable(tab: &Table, o: Term) -> bool {
    // SAFETY: checked to be a tuple first.
    o.is_tuple() && unsafe { o.tuple_arity() } >= tab.keypos
}

/// The objects `insert/2` and `insert_new/2` take: one tuple or a proper
/// list of them.
fn objects(tab: &Table, t: Term) -> Option<Vec<Term>> {
    if t.is_tuple() {
        return storable(tab, t).then(|| vec![t]);
    }
    let v = list_to_vec(t)?;
    v.iter().all(|&o| storable(tab, o)).then_some(v)
}

#[inline]
fn key_of(tab: &Table, o: Term) -> Term {
    // SAFETY: `storable` checked the arity.
    unsafe { o.tuple_elem(tab.keypos - 1) }
}

fn insert(ctx: &mut Ctx, args: &[Term; 2]) -> Term {
    let (t, o) = (args[0], args[1]);
    let tab = table!(ctx, t, for_write);
    if o.is_tuple() {
        // One object (the usual call): no lists to build.
        if !storable(&tab, o) {
            return ctx.badarg();
        }
        let s = tab.store(o);
        tab.write_key(key_of(&tab, o)).insert(s);
        return am::TRUE;
    }
    let Some(objs) = objects(&tab, o) else {
        return ctx.badarg();
    };
    // Copy outside the lock; insert all under one lock (atomic).
    let mut stored: Vec<Stored> = objs.into_iter().map(|o| tab.store(o)).collect();
    if list_reversed(ctx, &tab, stored.len()) {
        stored.reverse();
    }
    let mut d = tab.write();
    for s in stored {
        d.insert(s);
    }
    am::TRUE
}

/// Whether erl inserts a list of `n` objects last to first, and the
/// reductions it costs: erl inserts straight from the list when the
/// caller has reductions left for every object (eight objects a
/// reduction, `ITERATIONS_PER_RED`), except into a bag;
/// otherwise it first copies the objects into a list of its own, built
/// by prepending, and inserts that (erl_db.c, `ets_insert_2_list`). The
/// order decides which of two objects with one key a set keeps, and the
/// order of objects in hash buckets.
fn list_reversed(ctx: &mut Ctx, tab: &Table, n: usize) -> bool {
    let reversed = tab.kind == Kind::Bag || n as i64 > ctx.reds.saturating_mul(8);
    ctx.reds = (ctx.reds - (n / 8) as i64).max(0);
    reversed
}

fn insert_new(ctx: &mut Ctx, args: &[Term; 2]) -> Term {
    let (t, o) = (args[0], args[1]);
    let tab = table!(ctx, t, for_write);
    let Some(objs) = objects(&tab, o) else {
        return ctx.badarg();
    };
    let mut d = tab.write();
    if objs.iter().any(|&o| d.contains_key(key_of(&tab, o))) {
        return am::FALSE;
    }
    let mut objs = objs;
    if list_reversed(ctx, &tab, objs.len()) {
        objs.reverse();
    }
    for o in objs {
        d.insert(tab.store(o));
    }
    am::TRUE
}

fn lookup(ctx: &mut Ctx, args: &[Term; 2]) -> Term {
    let (t, k) = (args[0], args[1]);
    let tab = table!(ctx, t, for_read);
    let d = tab.read_key(k);
    if tab.compressed {
        // Each object decoded and copied on its own (its decoded size is
        // known only once decoded).
        let mut v: SmallVec<[Term; 16]> = SmallVec::new();
        d.lookup(k, &mut |o| v.push(o.to_heap(ctx)));
        drop(d);
        return list_from_slice(ctx, &v);
    }
    // One pass over the key's entries finds the objects and their sizes
    // (kept in the entries) and starts loading each object, so a bag's
    // objects arrive in parallel; then one heap allocation takes the
    // whole result, objects and cons cells, built front to back.
    let mut objs: SmallVec<[*const Stored; 16]> = SmallVec::new();
    let mut words = 0;
    d.lookup(k, &mut |o| {
        o.prefetch();
        words += o.heap_words() + 2;
        objs.push(o);
    });
    if objs.is_empty() {
        return NIL;
    }
    let base = ctx.alloc(words);
    let mut at = base;
    let mut head = NIL;
    let mut prev_tail: *mut u64 = std::ptr::null_mut();
    for &o in &objs {
        // SAFETY: the objects stay in the table while `d` holds its lock;
        // `base` has `words` fresh words: each object takes its
        // `heap_words()` and a two-word cons cell after it, as summed.
        unsafe {
            let o = &*o;
            let obj = o.copy_to(ctx, at);
            let cell = at.add(o.heap_words());
            *cell = obj.raw();
            *cell.add(1) = NIL.raw();
            let t = Term::list_from_ptr(cell);
            if prev_tail.is_null() {
                head = t;
            } else {
                *prev_tail = t.raw();
            }
            prev_tail = cell.add(1);
            at = cell.add(2);
        }
    }
    drop(d);
    head
}

fn lookup_element(ctx: &mut Ctx, args: &[Term; 3]) -> Term {
    let (t, k, pos) = (args[0], args[1], args[2]);
    let tab = table!(ctx, t, for_read);
    if !pos.is_small() || pos.small_value() < 1 {
        return ctx.badarg();
    }
    let i = pos.small_value() as usize - 1;
    let d = tab.read_key(k);
    // One pass over the key's objects takes their elements (table terms,
    // valid while `d` holds the lock).
    let mut elems: SmallVec<[Term; 16]> = SmallVec::new();
    let mut bad = false;
    // A compressed object's element is decoded straight onto the heap
    // (the copy below then has nothing left to do: it is not table
    // memory).
    let on_heap = tab.compressed;
    d.lookup(k, &mut |o| {
        if i >= o.arity() {
            bad = true;
        } else if on_heap {
            elems.push(o.elem_to_heap(ctx, i));
        } else {
            elems.push(o.elem(i));
        }
    });
    if elems.is_empty() && !bad {
        return ets::fail(ctx, Some("badkey"));
    }
    if bad {
        return ctx.badarg();
    }
    let copy = |ctx: &mut Ctx, e: Term| {
        if e.is_immed() || on_heap {
            e
        } else {
            term_to_heap(ctx, e)
        }
    };
    if tab.is_set_like() {
        return copy(ctx, elems[0]);
    }
    // A bag's elements, in order: cells built front to back, each new
    // cell patched in as the previous one's tail.
    let cells = ctx.alloc(2 * elems.len());
    for (n, &e) in elems.iter().enumerate() {
        let e = copy(ctx, e);
        // SAFETY: `cells` has `2 * elems.len()` fresh words.
        unsafe {
            let c = cells.add(2 * n);
            *c = e.raw();
            *c.add(1) = NIL.raw();
            if n > 0 {
                *c.sub(1) = Term::list_from_ptr(c).raw();
            }
        }
    }
    drop(d);
    Term::list_from_ptr(cells)
}

fn member(ctx: &mut Ctx, args: &[Term; 2]) -> Term {
    let (t, k) = (args[0], args[1]);
    let tab = table!(ctx, t, for_read);
    let r = tab.read_key(k).contains_key(k);
    Term::boolean(r)
}

fn delete2(ctx: &mut Ctx, args: &[Term; 2]) -> Term {
    let (t, k) = (args[0], args[1]);
    let tab = table!(ctx, t, for_write);
    let gone = tab.write_key(k).take(k);
    drop(gone);
    am::TRUE
}

fn delete_object(ctx: &mut Ctx, args: &[Term; 2]) -> Term {
    let (t, o) = (args[0], args[1]);
    let tab = table!(ctx, t, for_write);
    if !storable(&tab, o) {
        return ctx.badarg();
    }
    tab.write_key(key_of(&tab, o)).delete_object(o);
    am::TRUE
}

/// `ets:internal_delete_all(T, undefined)`: the count of deleted objects.
fn delete_all(ctx: &mut Ctx, args: &[Term; 2]) -> Term {
    let t = args[0];
    let tab = table!(ctx, t, for_write);
    let n = tab.write().clear();
    Term::small(n as i64)
}

fn take(ctx: &mut Ctx, args: &[Term; 2]) -> Term {
    let (t, k) = (args[0], args[1]);
    let tab = table!(ctx, t, for_write);
    let gone = tab.write_key(k).take(k);
    let v: Vec<Term> = gone.iter().map(|o| o.to_heap(ctx)).collect();
    list_from_slice(ctx, &v)
}

/// One `{Pos, Incr}` / `{Pos, Incr, Threshold, SetValue}` operation.
struct CounterOp {
    pos: usize,
    incr: Term,
    warp: Option<(Term, Term)>,
}

enum OpsError {
    Badarg,
    Cause(&'static str),
}

type Ops = SmallVec<[Term; 4]>;

/// The operations of `update_counter`'s third argument, and whether it
/// was a list (the result is then a list).
fn parse_ops(spec: Term) -> Option<(Ops, bool)> {
    if spec.is_integer() || spec.is_tuple() {
        return Some((smallvec::smallvec![spec], false));
    }
    let mut v = Ops::new();
    let mut l = spec;
    while l.is_list() {
        // SAFETY: `l` is a cons cell.
        unsafe {
            v.push(l.head());
            l = l.tail();
        }
    }
    l.is_nil().then_some((v, true))
}

fn check_op(tab: &Table, op: Term, arity: usize) -> Result<CounterOp, OpsError> {
    if op.is_integer() {
        return Ok(CounterOp {
            pos: tab.keypos + 1,
            incr: op,
            warp: None,
        });
    }
    if !op.is_tuple() {
        return Err(OpsError::Badarg);
    }
    // SAFETY: `op` is a tuple; elements are read below its arity.
    let (n, e) = unsafe { (op.tuple_arity(), |i| op.tuple_elem(i)) };
    let warp = match n {
        2 => None,
        4 => {
            let (thr, set) = (e(2), e(3));
            if !thr.is_integer() || !set.is_integer() {
                return Err(OpsError::Badarg);
            }
            Some((thr, set))
        }
        _ => return Err(OpsError::Badarg),
    };
    let (pos, incr) = (e(0), e(1));
    if !pos.is_small() || !incr.is_integer() {
        return Err(OpsError::Badarg);
    }
    let pos = pos.small_value();
    if pos == tab.keypos as i64 {
        return Err(OpsError::Cause("keypos"));
    }
    if pos < 1 || pos as usize > arity {
        return Err(OpsError::Cause("position"));
    }
    Ok(CounterOp {
        pos: pos as usize,
        incr,
        warp,
    })
}

/// Applies the operations to the object `o`: the new values, or why not.
/// Small results are written in place; others rebuild the object.
fn apply_ops(
    ctx: &mut Ctx,
    tab: &Table,
    ops: &[Term],
    o: &mut Stored,
) -> (Result<Ops, OpsError>, Option<Stored>) {
    let arity = o.arity();
    let mut parsed: SmallVec<[CounterOp; 4]> = SmallVec::new();
    for &op in ops {
        match check_op(tab, op, arity) {
            Ok(c) => parsed.push(c),
            Err(e) => return (Err(e), None),
        }
    }
    // (0-based position, new value); a position named twice sees the
    // earlier result.
    let mut vals: SmallVec<[(usize, Term); 4]> = SmallVec::new();
    let mut out = Ops::new();
    for c in &parsed {
        let old = vals
            .iter()
            .rev()
            .find(|(p, _)| *p == c.pos - 1)
            .map(|&(_, v)| v)
            .unwrap_or_else(|| {
                let e = o.elem(c.pos - 1);
                if e.is_immed() {
                    e
                } else {
                    // A bignum (or not a number): on the heap, decoded if
                    // the table is compressed.
                    o.elem_to_heap(ctx, c.pos - 1)
                }
            });
        if !old.is_integer() {
            return (Err(OpsError::Badarg), None);
        }
        let mut new = if old.is_small() && c.incr.is_small() {
            let s = old.small_value() + c.incr.small_value();
            if Term::fits_small(s) {
                Term::small(s)
            } else {
                crate::data::big::make_i64(ctx, s)
            }
        } else {
            crate::bif::arith::add(ctx, old, c.incr)
        };
        if let Some((thr, set)) = c.warp {
            let neg = c.incr.is_small() && c.incr.small_value() < 0
                || !c.incr.is_small()
                    && crate::data::compare::cmp_terms(c.incr, Term::small(0)).is_lt();
            let ord = crate::data::compare::cmp_terms(new, thr);
            if (!neg && ord.is_gt()) || (neg && ord.is_lt()) {
                new = set;
            }
        }
        vals.push((c.pos - 1, new));
        out.push(new);
    }
    // In place only when immediates replace immediates: a boxed old value
    // (a bignum) would leave words in the buffer that `to_heap`, which
    // copies `buf.len()` words' worth, no longer reaches (a hole of
    // uninitialised words on the heap).
    if vals
        .iter()
        .all(|&(i, v)| v.is_immed() && o.elem(i).is_immed())
    {
        for &(i, v) in &vals {
            o.set_elem_immediate(i, v);
        }
        (Ok(out), None)
    } else {
        let obj = o.to_heap(ctx);
        let new = tab.store(with_elements(ctx, obj, &vals));
        (Ok(out), Some(new))
    }
}

fn update_counter(ctx: &mut Ctx, t: Term, k: Term, spec: Term, default: Option<Term>) -> Term {
    let tab = table!(ctx, t, for_write);
    if !matches!(tab.kind, Kind::Set | Kind::OrderedSet) {
        return ets::fail(ctx, Some("table_type"));
    }
    if let Some(d) = default {
        if !storable(&tab, d) {
            return ctx.badarg();
        }
    }
    // Small counters are updated in place without parsing into vectors;
    // when that does not apply nothing changed, and the general path
    // below runs under a new lock acquisition.
    let mut fast = None;
    tab.write_key(k).update(k, &mut |o| {
        fast = crate::ets::counter::update_in_place(o, spec, tab.keypos);
        None
    });
    if let Some(r) = fast {
        return if spec.is_integer() || spec.is_tuple() {
            r.vals[0]
        } else {
            list_from_slice(ctx, &r.vals[..r.len])
        };
    }
    let Some((ops, as_list)) = parse_ops(spec) else {
        // erl looks the key up first: a missing key is `badkey` whatever
        // the operation.
        if default.is_none() && !tab.read().contains_key(k) {
            return ets::fail(ctx, Some("badkey"));
        }
        return ctx.badarg();
    };
    let mut result: Result<Ops, OpsError> = Ok(Ops::new());
    let mut d = tab.write_key(k);
    let mut run = |d: &mut crate::ets::shard::WriteGuard, ctx: &mut Ctx| {
        d.update(k, &mut |o| {
            let (r, new) = apply_ops(ctx, &tab, &ops, o);
            result = r;
            new
        })
    };
    if !run(&mut d, ctx) {
        let Some(def) = default else {
            drop(d);
            return ets::fail(ctx, Some("badkey"));
        };
        // The default object, with the key replaced by `k`.
        let obj = with_elements(ctx, def, &[(tab.keypos - 1, k)]);
        d.insert(tab.store(obj));
        run(&mut d, ctx);
        if result.is_err() {
            // BEAM checks the operations against the default object before
            // it inserts it: a failing update leaves no object behind. The
            // write lock is still held, so no one saw it.
            d.take(k);
        }
    }
    drop(d);
    match result {
        Ok(v) if as_list => list_from_slice(ctx, &v),
        Ok(v) => v[0],
        Err(OpsError::Badarg) => ctx.badarg(),
        Err(OpsError::Cause(c)) => ets::fail(ctx, Some(c)),
    }
}

/// A copy of tuple `t` on the heap with elements replaced.
fn with_elements(ctx: &mut Ctx, t: Term, repl: &[(usize, Term)]) -> Term {
    // SAFETY: callers pass a tuple and 0-based indices within its arity.
    unsafe {
        let n = t.tuple_arity();
        let mut e: Vec<Term> = (0..n).map(|i| t.tuple_elem(i)).collect();
        for &(i, v) in repl {
            e[i] = v;
        }
        crate::data::build::make_tuple(ctx, &e)
    }
}

fn update_counter3(ctx: &mut Ctx, args: &[Term; 3]) -> Term {
    let (t, k, s) = (args[0], args[1], args[2]);
    update_counter(ctx, t, k, s, None)
}

fn update_counter4(ctx: &mut Ctx, args: &[Term; 4]) -> Term {
    let (t, k, s, d) = (args[0], args[1], args[2], args[3]);
    update_counter(ctx, t, k, s, Some(d))
}

fn update_element(ctx: &mut Ctx, args: &[Term; 3]) -> Term {
    let (t, k, spec) = (args[0], args[1], args[2]);
    let tab = table!(ctx, t, for_write);
    if !matches!(tab.kind, Kind::Set | Kind::OrderedSet) {
        return ctx.badarg();
    }
    let list = if spec.is_tuple() {
        Some(vec![spec])
    } else {
        list_to_vec(spec)
    };
    let Some(list) = list else {
        return ctx.badarg();
    };
    let mut pairs = Vec::with_capacity(list.len());
    for p in list {
        // SAFETY: checked to be a 2-tuple.
        if !p.is_tuple() || unsafe { p.tuple_arity() } != 2 {
            return ctx.badarg();
        }
        let (pos, v) = unsafe { (p.tuple_elem(0), p.tuple_elem(1)) };
        if !pos.is_small() || pos.small_value() < 1 {
            return ctx.badarg();
        }
        pairs.push((pos.small_value() as usize, v));
    }
    let mut err: Option<Option<&'static str>> = None;
    let found = tab.write_key(k).update(k, &mut |o| {
        let arity = o.arity();
        for &(p, _) in &pairs {
            if p == tab.keypos {
                err = Some(Some("keypos"));
                return None;
            }
            if p > arity {
                // (erl gives no cause for a position past the object.)
                err = Some(None);
                return None;
            }
        }
        let obj = o.to_heap(ctx);
        let repl: Vec<(usize, Term)> = pairs.iter().map(|&(p, v)| (p - 1, v)).collect();
        Some(tab.store(with_elements(ctx, obj, &repl)))
    });
    if let Some(c) = err {
        return ets::fail(ctx, c);
    }
    Term::boolean(found)
}

fn end_of_table() -> Term {
    // Interned once: `next/2` in a loop answers it at the end of a walk,
    // and the atom table's lock is not free.
    static EOT: std::sync::OnceLock<u64> = std::sync::OnceLock::new();
    Term(*EOT.get_or_init(|| atom::intern("$end_of_table").raw()))
}

fn key_step(ctx: &mut Ctx, _tab: &Arc<Table>, k: Option<Term>) -> Term {
    match k {
        Some(k) => term_to_heap(ctx, k),
        None => end_of_table(),
    }
}

fn first(ctx: &mut Ctx, args: &[Term; 1]) -> Term {
    let t = args[0];
    let tab = table!(ctx, t, for_read);
    let d = tab.read();
    let k = d.first();
    key_step(ctx, &tab, k)
}

fn last(ctx: &mut Ctx, args: &[Term; 1]) -> Term {
    let t = args[0];
    let tab = table!(ctx, t, for_read);
    let d = tab.read();
    let k = d.last();
    key_step(ctx, &tab, k)
}

fn next(ctx: &mut Ctx, args: &[Term; 2]) -> Term {
    let (t, k) = (args[0], args[1]);
    let tab = table!(ctx, t, for_read);
    // BEAM's ordered_set refuses the end marker as a key to step from.
    if tab.kind == Kind::OrderedSet && k == end_of_table() {
        return ctx.badarg();
    }
    let d = tab.read();
    match d.next(k) {
        Ok(n) => key_step(ctx, &tab, n),
        Err(crate::ets::store::NoSuchKey) => ctx.badarg(),
    }
}

fn prev(ctx: &mut Ctx, args: &[Term; 2]) -> Term {
    let (t, k) = (args[0], args[1]);
    let tab = table!(ctx, t, for_read);
    // BEAM's ordered_set refuses the end marker as a key to step from.
    if tab.kind == Kind::OrderedSet && k == end_of_table() {
        return ctx.badarg();
    }
    let d = tab.read();
    match d.prev(k) {
        Ok(n) => key_step(ctx, &tab, n),
        Err(crate::ets::store::NoSuchKey) => ctx.badarg(),
    }
}

fn slot(ctx: &mut Ctx, args: &[Term; 2]) -> Term {
    let (t, i) = (args[0], args[1]);
    let tab = table!(ctx, t, for_read);
    if !i.is_small() || i.small_value() < 0 {
        return ctx.badarg();
    }
    let i = i.small_value() as usize;
    let d = tab.read();
    let n = d.slots();
    if i > n {
        return ctx.badarg();
    }
    if i == n {
        return end_of_table();
    }
    let mut v = Vec::new();
    d.for_slot(i, &mut |o| v.push(o.to_heap(ctx)));
    list_from_slice(ctx, &v)
}
