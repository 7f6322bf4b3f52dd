//! `erlang:trace_pattern/3` (`erts_internal:trace_pattern/3`) and
//! `trace_info({M, F, A} | on_load, Item)`: global and local call
//! tracing, meta tracing, call counts and call times of functions, kept
//! in the breakpoint table (`bif/trace_bp.rs`; match specifications
//! compiled by ETS's engine, `ets::ms`, in its trace dialect).
//!
//! `global` patterns apply to exported functions and breakpoints (`local`,
//! `meta`, `call_count`, `call_time`) to every function, as in BEAM. A
//! global pattern reports only calls through the export entry: its
//! export is routed through a stub that marks them
//! (`bif/trace_export.rs`).

use super::trace_bp::{self, Entry, Op, Opts, Spec, TracePart};
use super::{bif, BifDef};
use crate::data::build::{list_from_slice, make_tuple};
use crate::ets::ms::{CompiledMs, MsKind};
use crate::gc::copy::copy_to_message;
use crate::heap::ctx::Ctx;
use crate::term::atom::{self, am};
use crate::term::{Term, NIL};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, RwLock};

pub const BIFS: &[BifDef] = &[bif!("erts_internal", "trace_pattern", 3, trace_pattern_3)];

/// The `trace_pattern(on_load, ..)` default: the breakpoint every module
/// loaded later gets for all its functions (exported ones when it is
/// global call tracing), its counters fresh.
static ON_LOAD: RwLock<Option<Entry>> = RwLock::new(None);
/// Whether `ON_LOAD` is set: spares module loads the lock otherwise.
static ON_LOAD_SET: AtomicBool = AtomicBool::new(false);

/// A copy of `e` with fresh counters, timers and meta tracer words.
fn fresh_copy(e: &Entry) -> Entry {
    use std::sync::atomic::{AtomicI64, AtomicU64};
    Entry {
        trace: e.trace.clone(),
        meta: e.meta.as_ref().map(|m| {
            Arc::new(trace_bp::MetaPart {
                tracer: AtomicU64::new(m.tracer.load(Ordering::Relaxed)),
                ms: m.ms.clone(),
                source: m.source.clone(),
            })
        }),
        count: e.count.as_ref().map(|_| {
            Arc::new(trace_bp::Counter {
                count: AtomicI64::new(0),
                active: AtomicBool::new(true),
            })
        }),
        time: e.time.as_ref().map(|_| {
            let t = trace_bp::Timer::default();
            t.active.store(true, Ordering::Relaxed);
            Arc::new(t)
        }),
    }
}

/// `code::prepared`'s new-code hook: module `m` got new code, which has
/// none of the old code's patterns (BEAM's breakpoints are in the code);
/// when it is `current`, the on_load default applies to it.
pub fn new_code(m: Term, current: bool) {
    use crate::sched::traced::{PATTERNS, STEP_ALL};
    let default_set = ON_LOAD_SET.load(Ordering::Acquire);
    if !default_set && !PATTERNS.load(Ordering::Relaxed) && !STEP_ALL.load(Ordering::Relaxed) {
        return;
    }
    let d = ON_LOAD.read().unwrap_or_else(|e| e.into_inner());
    let mut t = trace_bp::table().write().unwrap_or_else(|e| e.into_inner());
    t.retain(|&(tm, _, _), _| tm != m.raw());
    if let (true, Some(d)) = (current, d.as_ref()) {
        let local = d.has_breakpoint();
        for (md, f, a) in module_functions(m, any_atom(), None, local) {
            let e = fresh_copy(d);
            super::trace_export::set(md, f, a, is_global(Some(&e)));
            t.insert(trace_bp::key(md, f, a), e);
        }
    }
    trace_bp::publish(&t);
}

/// Whether breakpoint entry `e` holds a global call-trace pattern.
fn is_global(e: Option<&Entry>) -> bool {
    e.and_then(|e| e.trace.as_ref()).is_some_and(|p| !p.local)
}

fn any_atom() -> Term {
    atom::intern("_")
}

/// `m`'s functions named `f` (or any, for `'_'`) of arity `arity` (or
/// any): exported ones, or all when `local`.
fn module_functions(m: Term, f: Term, arity: Option<u32>, local: bool) -> Vec<(Term, Term, u32)> {
    let Some(mi) = crate::code::module::get(m) else {
        return Vec::new();
    };
    let list = if local { &mi.functions } else { &mi.exports };
    list.iter()
        .filter(|&&(fname, ar)| (f == any_atom() || fname == f) && arity.is_none_or(|x| x == ar))
        .map(|&(fname, ar)| (m, fname, ar))
        .collect()
}

/// The functions `{M, F, A}` (with `'_'` wildcards) names: exported ones
/// for a global pattern, all for a local one. None: a bad MFA.
fn functions(mfa: Term, local: bool) -> Option<Vec<(Term, Term, u32)>> {
    // SAFETY: arity checked before reading elements.
    let (m, f, a) = unsafe {
        if !mfa.is_tuple() || mfa.tuple_arity() != 3 {
            return None;
        }
        (mfa.tuple_elem(0), mfa.tuple_elem(1), mfa.tuple_elem(2))
    };
    let any = atom::intern("_");
    let arity = if a == any {
        None
    } else if a.is_small() && (0..=255).contains(&a.small_value()) {
        Some(a.small_value() as u32)
    } else {
        return None;
    };
    if !m.is_atom() || !f.is_atom() {
        return None;
    }
    // `'_'` only from the right: {'_', f, _} and {_, '_', 3} are bad.
    if (m == any && (f != any || arity.is_some())) || (f == any && arity.is_some()) {
        return None;
    }
    let mods = if m == any {
        crate::code::module::loaded()
    } else {
        vec![m]
    };
    Some(
        mods.into_iter()
            .flat_map(|md| module_functions(md, f, arity, local))
            .collect(),
    )
}

/// `{meta, Pid}` or `{meta, erl_tracer, Pid}`: the meta tracer's pid
/// (tracer modules other than `erl_tracer` and ports are not supported).
fn meta_tracer(t: Term) -> Option<Term> {
    super::trace::tagged_tracer(t, "meta")
}

/// Parses the flag list as BEAM does: `global` excludes the breakpoint
/// options (in either order). None: badarg.
fn parse_opts(ctx: &mut Ctx, flags: Term) -> Option<Opts> {
    let mut o = Opts::default();
    let mut global = false;
    let mut l = flags;
    while l.is_list() {
        // SAFETY: a list term points at a valid cons cell.
        let (h, t) = unsafe { (Term(*l.list_ptr()), Term(*l.list_ptr().add(1))) };
        if h.is_tuple() {
            o.meta = Some(meta_tracer(h)?);
        } else if h == atom::intern("global") {
            if o.breakpoint() {
                return None;
            }
            global = true;
        } else if global {
            return None;
        } else if h == atom::intern("local") {
            o.local = true;
        } else if h == atom::intern("meta") {
            if o.meta.is_none() {
                // SAFETY: a process is scheduled on `ctx`.
                o.meta = Some(unsafe { ctx.process() }.pid);
            }
        } else if h == atom::intern("call_count") {
            o.count = true;
        } else if h == atom::intern("call_time") {
            o.time = true;
        } else {
            return None;
        }
        l = t;
    }
    l.is_nil().then_some(o)
}

/// Whether `flags` is a valid flag list (message trace patterns take
/// none, but a bad list is `badopt` there too).
pub(super) fn valid_opts(ctx: &mut Ctx, flags: Term) -> bool {
    parse_opts(ctx, flags).is_some()
}

fn trace_pattern_3(ctx: &mut Ctx, args: &[Term; 3]) -> Term {
    let (mfa, spec, flags) = (args[0], args[1], args[2]);
    if mfa == atom::intern("send") || mfa == atom::intern("receive") {
        return super::trace_msg::set(ctx, mfa, spec, flags);
    }
    let op = if spec == am::FALSE {
        Op::Off
    } else if spec == atom::intern("restart") {
        Op::Restart
    } else if spec == atom::intern("pause") {
        Op::Pause
    } else {
        Op::On
    };
    let ms = if spec == am::TRUE || spec.is_nil() || op != Op::On {
        None
    } else if spec.is_list() {
        match CompiledMs::compile_checked(ctx, spec, MsKind::Trace) {
            Ok(c) => Some(Arc::new(c)),
            // A spec nested too deeply: BEAM's compiler fails with
            // `system_limit`.
            Err(crate::ets::ms::Invalid::SystemLimit) => return ctx.error(am::SYSTEM_LIMIT),
            Err(_) => return ctx.badarg_cause("match_spec"),
        }
    } else {
        return ctx.badarg_cause("match_spec");
    };
    let Some(o) = parse_opts(ctx, flags) else {
        return ctx.badarg_cause("badopt");
    };
    if ms.is_some() && !o.local && o.meta.is_none() && (o.count || o.time) {
        // A match spec means nothing to counters and timers alone.
        return ctx.badarg_cause("call_count");
    }
    let source = Arc::new(copy_to_message(
        if spec == am::TRUE || op != Op::On || spec.is_nil() {
            NIL
        } else {
            spec
        },
    ));
    let sp = Spec { ms, source };
    if mfa == atom::intern("on_load") {
        set_on_load(op, &o, &sp);
        return Term::small(0);
    }
    let bp = o.breakpoint();
    let Some(all) = functions(mfa, true) else {
        return ctx.badarg_cause("none");
    };
    let exported = if bp {
        Vec::new()
    } else {
        functions(mfa, false).unwrap_or_default()
    };
    let mut t = trace_bp::table().write().unwrap_or_else(|e| e.into_inner());
    if !bp {
        if op != Op::Off {
            // Global tracing replaces every breakpoint of these functions.
            for &(m, f, a) in &all {
                t.remove(&trace_bp::key(m, f, a));
            }
            for &(m, f, a) in &exported {
                let e = t.entry(trace_bp::key(m, f, a)).or_default();
                e.trace = Some(Arc::new(TracePart {
                    local: false,
                    ms: sp.ms.clone(),
                    source: sp.source.clone(),
                }));
            }
        } else {
            for &(m, f, a) in &exported {
                let k = trace_bp::key(m, f, a);
                if let Some(e) = t.get_mut(&k) {
                    if e.trace.as_ref().is_some_and(|p| !p.local) {
                        e.trace = None;
                    }
                    if e.is_empty() {
                        t.remove(&k);
                    }
                }
            }
        }
    } else {
        for &(m, f, a) in &all {
            let k = trace_bp::key(m, f, a);
            let mut e = t.remove(&k).unwrap_or_default();
            if op == Op::Off {
                trace_bp::clear_parts(&mut e, &o);
            } else {
                // Any breakpoint turned on turns global tracing off
                // (BEAM's `erts_set_trace_pattern`: "either explicitly
                // or implicitly").
                if e.trace.as_ref().is_some_and(|p| !p.local) {
                    e.trace = None;
                }
                trace_bp::set_parts(&mut e, op, &o, &sp);
            }
            if !e.is_empty() {
                t.insert(k, e);
            }
        }
    }
    // Exports of globally traced functions go through the stub that
    // tells remote calls from local ones.
    for &(m, f, a) in if bp { &all } else { &exported } {
        super::trace_export::set(m, f, a, is_global(t.get(&trace_bp::key(m, f, a))));
    }
    trace_bp::publish(&t);
    drop(t);
    // Calls of the caller itself are stepped from its next function entry.
    let steps = crate::sched::traced::STEP_ALL.load(Ordering::Relaxed)
        // SAFETY: a process is scheduled on `ctx`.
        || crate::proc::tracing::flags(unsafe { ctx.process() }) != 0;
    if op != Op::Off && steps {
        ctx.reds = 0;
    }
    Term::small(if bp { all.len() } else { exported.len() } as i64)
}

/// `trace_pattern(on_load, ..)`: changes the default as BEAM does.
fn set_on_load(op: Op, o: &Opts, sp: &Spec) {
    let mut d = ON_LOAD.write().unwrap_or_else(|e| e.into_inner());
    let mut e = d.take().unwrap_or_default();
    if !o.breakpoint() {
        if op != Op::Off {
            e = Entry {
                trace: Some(Arc::new(TracePart {
                    local: false,
                    ms: sp.ms.clone(),
                    source: sp.source.clone(),
                })),
                ..Entry::default()
            };
        } else {
            if e.trace.as_ref().is_some_and(|p| !p.local) {
                e.trace = None;
            }
            e.meta = None;
        }
    } else if op == Op::Off {
        trace_bp::clear_parts(&mut e, o);
    } else {
        if e.trace.as_ref().is_some_and(|p| !p.local) {
            e.trace = None;
        }
        let o2 = Opts {
            count: o.count && op == Op::On,
            time: o.time && op == Op::On,
            ..*o
        };
        trace_bp::set_parts(&mut e, Op::On, &o2, sp);
    }
    let on = !e.is_empty();
    *d = on.then_some(e);
    ON_LOAD_SET.store(on, Ordering::Release);
}

/// `trace_info({M, F, A} | on_load, Item)`.
pub fn info(ctx: &mut Ctx, what: Term, key: Term) -> Term {
    if what == atom::intern("on_load") {
        return on_load_info(ctx, key);
    }
    // SAFETY: arity checked before reading elements.
    let (m, f, a) = unsafe {
        if !what.is_tuple() || what.tuple_arity() != 3 {
            return ctx.badarg();
        }
        (what.tuple_elem(0), what.tuple_elem(1), what.tuple_elem(2))
    };
    if !m.is_atom() || !f.is_atom() || !a.is_small() {
        return ctx.badarg();
    }
    let a = a.small_value() as u32;
    let exists = crate::code::module::get(m)
        .is_some_and(|mi| mi.functions.iter().any(|&(ff, aa)| ff == f && aa == a));
    if !is_info_item(key) {
        return ctx.badarg();
    }
    if !exists {
        return make_tuple(ctx, &[key, am::UNDEFINED]);
    }
    let Some(e) = trace_bp::lookup(m, f, a) else {
        return make_tuple(ctx, &[key, am::FALSE]);
    };
    let traced = match &e.trace {
        Some(p) if p.local => atom::intern("local"),
        Some(_) => atom::intern("global"),
        None => am::FALSE,
    };
    let value = match atom::name(key) {
        "traced" => traced,
        "match_spec" => trace_ms(ctx, &e),
        // A meta tracer found gone reads `[]` (BEAM's compatibility).
        "meta" => match e.meta_tracer() {
            Some(t) => t,
            None => NIL,
        },
        "meta_match_spec" => meta_ms(ctx, &e),
        "call_count" => count_term(&e),
        "call_time" => call_time_term(ctx, &e),
        _ => {
            let items = [
                ("traced", traced),
                ("match_spec", trace_ms(ctx, &e)),
                ("meta", e.meta_tracer().unwrap_or(am::FALSE)),
                ("meta_match_spec", meta_ms(ctx, &e)),
                ("call_time", call_time_term(ctx, &e)),
                ("call_count", count_term(&e)),
            ];
            info_list(ctx, &items)
        }
    };
    make_tuple(ctx, &[key, value])
}

impl Entry {
    /// The meta tracer's pid while meta traced and the tracer was not
    /// found gone.
    fn meta_tracer(&self) -> Option<Term> {
        self.meta
            .as_ref()
            .map(|mp| mp.tracer.load(Ordering::Relaxed))
            .filter(|&w| w != 0)
            .map(Term)
    }
}

fn trace_ms(ctx: &mut Ctx, e: &Entry) -> Term {
    match &e.trace {
        Some(p) => copy_in(ctx, p.source.term),
        None => am::FALSE,
    }
}

fn meta_ms(ctx: &mut Ctx, e: &Entry) -> Term {
    match &e.meta {
        Some(p) => copy_in(ctx, p.source.term),
        None => am::FALSE,
    }
}

fn count_term(e: &Entry) -> Term {
    match &e.count {
        Some(c) => Term::small(c.count.load(Ordering::Relaxed)),
        None => am::FALSE,
    }
}

/// `[{Pid, Count, S, Us}]` of a timed function, or false.
fn call_time_term(ctx: &mut Ctx, e: &Entry) -> Term {
    let Some(t) = &e.time else {
        return am::FALSE;
    };
    let mut lines: Vec<(u64, (i64, i64))> = {
        let m = t.per_pid.lock().unwrap_or_else(|e| e.into_inner());
        m.iter().map(|(&p, &v)| (p, v)).collect()
    };
    lines.sort_unstable_by_key(|&(p, _)| p);
    let items: Vec<Term> = lines
        .into_iter()
        .map(|(p, (n, ns))| {
            let us = ns / 1000;
            make_tuple(
                ctx,
                &[
                    Term(p),
                    Term::small(n),
                    Term::small(us / 1_000_000),
                    Term::small(us % 1_000_000),
                ],
            )
        })
        .collect();
    list_from_slice(ctx, &items)
}

/// The items `trace_info/2` of a function or `on_load` knows.
fn is_info_item(key: Term) -> bool {
    const ITEMS: [&str; 7] = [
        "traced",
        "match_spec",
        "meta",
        "meta_match_spec",
        "call_time",
        "call_count",
        "all",
    ];
    key.is_atom() && ITEMS.contains(&atom::name(key))
}

/// `[{Item, Value}]` of `trace_info(_, all)`.
fn info_list(ctx: &mut Ctx, items: &[(&str, Term)]) -> Term {
    let ts: Vec<Term> = items
        .iter()
        .map(|&(k, v)| make_tuple(ctx, &[atom::intern(k), v]))
        .collect();
    list_from_slice(ctx, &ts)
}

/// `trace_info(on_load, Item)`: the default pattern. As in BEAM, any
/// `Item` is `{Item, false}` while there is none, and `all` lists no
/// `call_time`.
fn on_load_info(ctx: &mut Ctx, key: Term) -> Term {
    let Some(e) = ON_LOAD.read().unwrap_or_else(|e| e.into_inner()).clone() else {
        return make_tuple(ctx, &[key, am::FALSE]);
    };
    if !is_info_item(key) {
        return ctx.badarg();
    }
    let traced = match &e.trace {
        Some(p) if p.local => atom::intern("local"),
        Some(_) => atom::intern("global"),
        None => am::FALSE,
    };
    let flag = |b: bool| if b { am::TRUE } else { am::FALSE };
    let value = match atom::name(key) {
        "traced" => traced,
        "match_spec" => trace_ms(ctx, &e),
        "meta" => e.meta_tracer().unwrap_or(am::FALSE),
        "meta_match_spec" => meta_ms(ctx, &e),
        "call_count" => flag(e.count.is_some()),
        "call_time" => flag(e.time.is_some()),
        _ => {
            let items = [
                ("traced", traced),
                ("match_spec", trace_ms(ctx, &e)),
                ("meta", e.meta_tracer().unwrap_or(am::FALSE)),
                ("meta_match_spec", meta_ms(ctx, &e)),
                ("call_count", flag(e.count.is_some())),
            ];
            info_list(ctx, &items)
        }
    };
    make_tuple(ctx, &[key, value])
}

/// Copies `t` (from the pattern table) onto the caller's heap.
fn copy_in(ctx: &mut Ctx, t: Term) -> Term {
    let n = crate::gc::copy::size_of(t);
    if n == 0 {
        return t;
    }
    let mut dst = ctx.alloc(n);
    // SAFETY: `dst` holds the `size_of(t)` fresh words `copy_term` fills.
    unsafe { crate::gc::copy::copy_term(t, &mut dst) }
}
