//! Stack-trace details BEAM adds around the frames themselves: the
//! `error_info` of BIF frames and of `erlang:error/3`, and the checking
//! and normalising of the trace handed to `erlang:raise/3`.

use crate::data::build::{list_from_slice, list_to_vec, make_tuple};
use crate::data::map::layout::{new_flat, LiteralHeap};
use crate::heap::ctx::Ctx;
use crate::term::atom::{self, am};
use crate::term::{make_header, Term, HDR_TUPLE, NIL};
use std::sync::OnceLock;

/// BEAM's default `backtrace_depth`: at most this many frames in a trace.
pub const BACKTRACE_DEPTH: usize = 8;

/// Builds `[{error_info, #{module => m}}]` in the literal area.
fn literal_tail(m: Term) -> Term {
    let key = atom::intern("error_info");
    let map = new_flat(&mut LiteralHeap, &[am::MODULE], &[m]);
    let p = crate::term::literal::alloc(3 + 2);
    // SAFETY: `p` points at 5 fresh literal words: a 2-tuple (3 words)
    // followed by one cons cell (2 words) whose head is that tuple.
    unsafe {
        *p = make_header(2, HDR_TUPLE);
        *p.add(1) = key.raw();
        *p.add(2) = map.raw();
        *p.add(3) = Term::boxed_from_ptr(p).raw();
        *p.add(4) = NIL.raw();
        Term::list_from_ptr(p.add(3))
    }
}

/// The location list of the frame of a BIF of `module` that raised:
/// `[{error_info, #{module => FormatModule}}]` for the modules BEAM
/// knows a formatter for (`erl_erts_errors`, `erl_kernel_errors`,
/// `erl_stdlib_errors`), `[]` for the others.
pub fn bif_error_tail(module: Term) -> Term {
    static TAILS: OnceLock<[Term; 3]> = OnceLock::new();
    let t = TAILS.get_or_init(|| {
        [
            literal_tail(atom::intern("erl_erts_errors")),
            literal_tail(atom::intern("erl_kernel_errors")),
            literal_tail(atom::intern("erl_stdlib_errors")),
        ]
    });
    // The modules by atom, interned once: this runs at every BIF error
    // (`rt_bif_frame`), where a name lookup per call showed in profiles.
    static MODS: OnceLock<[(Term, usize); 14]> = OnceLock::new();
    let mods = MODS.get_or_init(|| {
        [
            ("atomics", 0),
            ("counters", 0),
            ("erlang", 0),
            ("erts_internal", 0),
            ("persistent_term", 0),
            ("code", 1),
            ("os", 1),
            ("binary", 2),
            ("ets", 2),
            ("lists", 2),
            ("maps", 2),
            ("math", 2),
            ("re", 2),
            ("unicode", 2),
        ]
        .map(|(n, i)| (atom::intern(n), i))
    });
    mods.iter()
        .find(|&&(m, _)| m == module)
        .map_or(NIL, |&(_, i)| t[i])
}

/// The `error_info` map of `erlang:error/3`'s options: the options must be
/// a proper list of `{error_info, Map}` only (the last one counts);
/// anything else means no error_info (error/2 behaviour).
pub fn error3_info(opts: Term) -> Option<Term> {
    let items = list_to_vec(opts)?;
    let key = atom::intern("error_info");
    let mut info = None;
    for t in items {
        // SAFETY: the arity is checked before the elements are read.
        let m = unsafe {
            if !t.is_tuple() || t.tuple_arity() != 2 || t.tuple_elem(0) != key {
                return None;
            }
            t.tuple_elem(1)
        };
        if !crate::data::map::is_map(m) {
            return None;
        }
        info = Some(m);
    }
    info
}

/// Checks the stack trace given to `erlang:raise/3` as BEAM does and
/// returns the one to raise with: every item is `{M, F, ArityOrArgs,
/// Location}`, `{M, F, ArityOrArgs}`, `{Fun, Args}` or `{Fun, Args,
/// Location}` (atoms M and F, Location a list); the short forms get a `[]`
/// location and the trace is cut to `backtrace_depth` items (at least one,
/// see `error::backtrace_depth`). None: badarg.
pub fn check_raise_trace(ctx: &mut Ctx, st: Term) -> Option<Term> {
    if st == NIL {
        // `throw(R)` compiles to `raise(throw, R, [])`: nothing to check.
        return Some(st);
    }
    let items = list_to_vec(st)?;
    let depth = super::error::backtrace_depth();
    let mut must_copy = items.len() > depth;
    for &t in &items {
        if !t.is_tuple() {
            return None;
        }
        // SAFETY: the arity is checked before the elements are read.
        let (is_fun, location) = unsafe {
            let a = t.tuple_arity();
            let e = |i| t.tuple_elem(i);
            let is_fun = crate::abi::call::fun_arity(e(0)).is_some();
            match a {
                2 if is_fun => (true, NIL),
                3 if is_fun => (true, e(2)),
                3 if e(0).is_atom() && e(1).is_atom() => (false, NIL),
                4 if e(0).is_atom() && e(1).is_atom() => (false, e(3)),
                _ => return None,
            }
        };
        if !location.is_list() && !location.is_nil() {
            return None;
        }
        // SAFETY: `t` is a tuple.
        let a = unsafe { t.tuple_arity() };
        must_copy |= a == 2 || (a == 3 && !is_fun);
    }
    if !must_copy {
        return Some(st);
    }
    let keep = depth.max(1);
    let mut out = Vec::with_capacity(items.len().min(keep));
    for &t in items.iter().take(keep) {
        // SAFETY: every item was checked to be a tuple above.
        let (a, e0) = unsafe { (t.tuple_arity(), t.tuple_elem(0)) };
        let item = match a {
            // SAFETY: arity 2: {Fun, Args}.
            2 => unsafe { make_tuple(ctx, &[e0, t.tuple_elem(1), NIL]) },
            // SAFETY: arity 3 with an atom first: {M, F, A}.
            3 if e0.is_atom() => unsafe {
                make_tuple(ctx, &[e0, t.tuple_elem(1), t.tuple_elem(2), NIL])
            },
            _ => t,
        };
        out.push(item);
    }
    Some(list_from_slice(ctx, &out))
}

#[cfg(test)]
#[path = "trace_tests.rs"]
mod tests;

/// `tail` (a BIF frame's `[{error_info, #{module => M}}]`) with `cause`
/// added to the map: `[{error_info, #{cause => C, module => M}}]`.
pub fn error_tail_with_cause(ctx: &mut crate::heap::ctx::Ctx, tail: Term, cause: Term) -> Term {
    // SAFETY: `bif_error_tail` built `tail` as a one-element list of a
    // 2-tuple whose second element is a one-key map; the shape is checked
    // before any element is read past it.
    let module = unsafe {
        let item = crate::data::build::list_to_vec(tail).and_then(|v| v.first().copied());
        match item {
            Some(t) if t.is_tuple() && t.tuple_arity() == 2 => {
                crate::data::map::get(t.tuple_elem(1), am::MODULE)
            }
            _ => None,
        }
    };
    let Some(module) = module else {
        return tail;
    };
    let map = new_flat(ctx, &[atom::intern("cause"), am::MODULE], &[cause, module]);
    let item = crate::data::build::make_tuple(ctx, &[atom::intern("error_info"), map]);
    crate::data::build::list_from_slice(ctx, &[item])
}
