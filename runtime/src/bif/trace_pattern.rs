//! `erlang:trace_pattern/3` (`erts_internal:trace_pattern/3`) for call
//! tracing, and `trace_info({M, F, A}, Item)`: the table of traced
//! functions with their match specifications (compiled by ETS's engine,
//! `ets::ms`, in its trace dialect).
//!
//! `global` patterns apply to exported functions and `local` ones to every
//! function, as in BEAM. What differs: processes are call-traced by
//! stepping from function entry to function entry (`sched::traced`), which
//! cannot tell a remote call from a local one, so a global pattern also
//! reports local calls of the exported function. BIFs called directly by
//! generated code (not through `apply` or a fun) are not seen.
//! `meta`, `call_count` and `call_time` are not supported (`badarg`).

use super::{bif, BifDef};
use crate::data::build::{list_from_slice, make_tuple};
use crate::ets::ms::{CompiledMs, MsKind};
use crate::gc::copy::copy_to_message;
use crate::heap::ctx::Ctx;
use crate::heap::process::Message;
use crate::term::atom::{self, am};
use crate::term::{Term, NIL};
use std::collections::HashMap;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, OnceLock, RwLock};

pub const BIFS: &[BifDef] = &[bif!("erts_internal", "trace_pattern", 3, trace_pattern_3)];

/// A traced function's pattern.
pub struct Pattern {
    pub local: bool,
    /// The compiled spec; None: match every call (`true`, `[]`).
    pub ms: Option<Arc<CompiledMs>>,
    /// The spec as given (for `trace_info`), in a message of its own.
    pub source: Arc<Message>,
}

type Key = (u64, u64, u32);

pub fn table() -> &'static RwLock<HashMap<Key, Pattern>> {
    static T: OnceLock<RwLock<HashMap<Key, Pattern>>> = OnceLock::new();
    T.get_or_init(Default::default)
}

/// The pattern of `m:f/a`, if traced: (compiled spec, local).
pub fn lookup(m: Term, f: Term, a: u32) -> Option<(Option<Arc<CompiledMs>>, bool)> {
    let t = table().read().unwrap();
    t.get(&(m.raw(), f.raw(), a))
        .map(|p| (p.ms.clone(), p.local))
}

/// The `trace_pattern(on_load, ..)` default: the pattern every module
/// loaded later gets for all its functions (exported ones when global).
struct OnLoadDefault {
    local: bool,
    ms: Option<Arc<CompiledMs>>,
    source: Arc<Message>,
}

static ON_LOAD: RwLock<Option<OnLoadDefault>> = RwLock::new(None);
/// Whether `ON_LOAD` is set: spares module loads the lock otherwise.
static ON_LOAD_SET: AtomicBool = AtomicBool::new(false);

/// `code::prepared`'s new-code hook: module `m` got new code, which has
/// none of the old code's patterns (BEAM's breakpoints are in the code);
/// when it is `current`, the on_load default applies to it.
pub fn new_code(m: Term, current: bool) {
    let default_set = ON_LOAD_SET.load(Ordering::Acquire);
    if !default_set && !crate::sched::traced::PATTERNS.load(Ordering::Relaxed) {
        return;
    }
    let d = ON_LOAD.read().unwrap();
    let mut t = table().write().unwrap();
    t.retain(|&(tm, _, _), _| tm != m.raw());
    if let (true, Some(d)) = (current, d.as_ref()) {
        for (md, f, a) in module_functions(m, any_atom(), None, d.local) {
            t.insert(
                (md.raw(), f.raw(), a),
                Pattern {
                    local: d.local,
                    ms: d.ms.clone(),
                    source: d.source.clone(),
                },
            );
        }
    }
    crate::sched::traced::PATTERNS.store(!t.is_empty(), Ordering::Relaxed);
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

fn trace_pattern_3(ctx: &mut Ctx, args: &[Term; 3]) -> Term {
    let (mfa, spec, flags) = (args[0], args[1], args[2]);
    let mut local = false;
    let mut l = flags;
    while l.is_list() {
        // SAFETY: a list term points at a valid cons cell.
        let (h, t) = unsafe { (Term(*l.list_ptr()), Term(*l.list_ptr().add(1))) };
        if h == atom::intern("local") {
            local = true;
        } else if h == atom::intern("global") {
            local = false;
        } else {
            return ctx.badarg();
        }
        l = t;
    }
    if !l.is_nil() {
        return ctx.badarg();
    }
    let on = spec != am::FALSE;
    let ms = if spec == am::TRUE || spec.is_nil() || !on {
        None
    } else if spec.is_list() {
        match CompiledMs::compile(ctx, spec, MsKind::Trace) {
            Some(c) => Some(Arc::new(c)),
            None => return ctx.badarg_cause("match_spec"),
        }
    } else {
        return ctx.badarg();
    };
    if mfa == atom::intern("on_load") {
        let source = Arc::new(copy_to_message(if spec == am::TRUE { NIL } else { spec }));
        let mut d = ON_LOAD.write().unwrap();
        *d = on.then_some(OnLoadDefault { local, ms, source });
        ON_LOAD_SET.store(on, Ordering::Release);
        return Term::small(0);
    }
    let Some(funs) = functions(mfa, local) else {
        return ctx.badarg_cause("none");
    };
    let source = Arc::new(copy_to_message(if spec == am::TRUE { NIL } else { spec }));
    let mut t = table().write().unwrap();
    for &(m, f, a) in &funs {
        let key = (m.raw(), f.raw(), a);
        if on {
            t.insert(
                key,
                Pattern {
                    local,
                    ms: ms.clone(),
                    source: source.clone(),
                },
            );
        } else if t.get(&key).is_some_and(|p| p.local == local) {
            t.remove(&key);
        }
    }
    crate::sched::traced::PATTERNS.store(!t.is_empty(), Ordering::Relaxed);
    drop(t);
    // Calls of the caller itself are stepped from its next function entry.
    // SAFETY: a process is scheduled on `ctx`.
    if on && crate::proc::tracing::flags(unsafe { ctx.process() }) != 0 {
        ctx.reds = 0;
    }
    Term::small(funs.len() as i64)
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
    let (traced, ms) = {
        let t = table().read().unwrap();
        match t.get(&(m.raw(), f.raw(), a)) {
            Some(p) => (
                if p.local {
                    atom::intern("local")
                } else {
                    atom::intern("global")
                },
                Some(p.source.clone()),
            ),
            None => (am::FALSE, None),
        }
    };
    let ms_term = match &ms {
        Some(src) => copy_in(ctx, src.term),
        None => am::FALSE,
    };
    let value = match atom::name(key) {
        "traced" => traced,
        "match_spec" => ms_term,
        "meta" | "meta_match_spec" | "call_time" | "call_count" => am::FALSE,
        _ => {
            if ms.is_none() {
                am::FALSE
            } else {
                let items = [
                    ("traced", traced),
                    ("match_spec", ms_term),
                    ("meta", am::FALSE),
                    ("meta_match_spec", am::FALSE),
                    ("call_time", am::FALSE),
                    ("call_count", am::FALSE),
                ];
                info_list(ctx, &items)
            }
        }
    };
    make_tuple(ctx, &[key, value])
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
    let d = ON_LOAD.read().unwrap();
    let Some((local, source)) = d.as_ref().map(|d| (d.local, d.source.clone())) else {
        drop(d);
        return make_tuple(ctx, &[key, am::FALSE]);
    };
    drop(d);
    if !is_info_item(key) {
        return ctx.badarg();
    }
    let traced = atom::intern(if local { "local" } else { "global" });
    let ms_term = copy_in(ctx, source.term);
    let value = match atom::name(key) {
        "traced" => traced,
        "match_spec" => ms_term,
        "all" => {
            let items = [
                ("traced", traced),
                ("match_spec", ms_term),
                ("meta", am::FALSE),
                ("meta_match_spec", am::FALSE),
                ("call_count", am::FALSE),
            ];
            info_list(ctx, &items)
        }
        _ => am::FALSE,
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
