//! Match-spec BIFs: `ets:match_spec_compile/1` (a compiled spec as a
//! magic reference, `crate::data::resource`), `ets:match_spec_run_r/3` (what
//! `ets:match_spec_run/2` calls), `ets:is_compiled_ms/1` and
//! `erlang:match_spec_test/3` (what `ets:test_ms/2` calls). The engine is
//! `crate::ets::ms`.

use super::{bif, BifDef};
use crate::data::build::{cons, list_from_slice, make_string, make_tuple};
use crate::data::resource::{self, Resource};
use crate::ets::ms::{self, CompiledMs, MsKind};
use crate::heap::ctx::Ctx;
use crate::term::atom::{self, am};
use crate::term::{Term, NIL};
use std::sync::Arc;

pub const BIFS: &[BifDef] = &[
    bif!("ets", "match_spec_compile", 1, match_spec_compile),
    bif!("ets", "match_spec_run_r", 3, match_spec_run_r),
    bif!("ets", "is_compiled_ms", 1, is_compiled_ms),
    bif!("erlang", "match_spec_test", 3, match_spec_test),
];

/// The compiled spec behind a term from `match_spec_compile/1`.
pub fn compiled_ms<'a>(t: Term) -> Option<&'a CompiledMs> {
    resource::get_as::<CompiledMs>(t)
}

/// Wraps a compiled spec in a magic reference on the caller's heap.
pub fn make_compiled_ms(ctx: &mut Ctx, ms: CompiledMs) -> Term {
    resource::make(
        ctx,
        Arc::new(Resource {
            value: Box::new(ms),
        }),
    )
}

fn match_spec_compile(ctx: &mut Ctx, args: &[Term; 1]) -> Term {
    let spec = args[0];
    match CompiledMs::compile_checked(ctx, spec, MsKind::Table) {
        Ok(ms) => make_compiled_ms(ctx, ms),
        Err(e) => super::ets_select::invalid_spec(ctx, e),
    }
}

fn is_compiled_ms(_ctx: &mut Ctx, args: &[Term; 1]) -> Term {
    Term::boolean(compiled_ms(args[0]).is_some())
}

/// `match_spec_run_r(List, CompiledMs, Acc)`: the results of the objects
/// that match, last first, consed onto `Acc`.
fn match_spec_run_r(ctx: &mut Ctx, args: &[Term; 3]) -> Term {
    let (list, cms, acc) = (args[0], args[1], args[2]);
    if !list.is_list() && !list.is_nil() {
        return ctx.badarg();
    }
    let Some(ms) = compiled_ms(cms) else {
        return ctx.badarg();
    };
    let mut out = acc;
    let mut l = list;
    while l.is_list() {
        // SAFETY: a list term points at a valid cons cell.
        let (h, t) = unsafe { (Term(*l.list_ptr()), Term(*l.list_ptr().add(1))) };
        if let Some(r) = ms.run(ctx, h) {
            out = cons(ctx, r, out);
        }
        l = t;
    }
    if !l.is_nil() {
        return ctx.badarg();
    }
    out
}

/// `erlang:match_spec_test(Against, Spec, table | trace)`:
/// `{ok, Result, Flags, Warnings}` or `{error, Errors}`.
fn match_spec_test(ctx: &mut Ctx, args: &[Term; 3]) -> Term {
    let (against, spec, kind) = (args[0], args[1], args[2]);
    let kind = if kind == atom::intern("trace") {
        MsKind::Trace
    } else if kind == atom::intern("table") {
        MsKind::Table
    } else {
        return ctx.badarg();
    };
    if kind == MsKind::Trace && !against.is_list() && !against.is_nil() {
        return ctx.badarg();
    }
    let compiled = match ms::compile_with_errors(ctx, spec, kind) {
        Ok(c) => c,
        Err(errs) => {
            let mut items = Vec::with_capacity(errs.len());
            for e in errs {
                let s = make_string(ctx, &e.0);
                items.push(make_tuple(ctx, &[am::ERROR, s]));
            }
            let l = list_from_slice(ctx, &items);
            return make_tuple(ctx, &[am::ERROR, l]);
        }
    };
    let (result, flags) = match kind {
        MsKind::Table => (compiled.run(ctx, against).unwrap_or(am::FALSE), 0),
        MsKind::Trace => {
            // A trace spec runs against a proper list of arguments; the
            // elements of an improper one up to its tail, as erl.
            let mut items = Vec::new();
            let mut l = against;
            while l.is_list() {
                // SAFETY: a list term points at a valid cons cell.
                let (h, t) = unsafe { (Term(*l.list_ptr()), Term(*l.list_ptr().add(1))) };
                items.push(h);
                l = t;
            }
            let args_list = if l.is_nil() {
                against
            } else {
                list_from_slice(ctx, &items)
            };
            let o = compiled.run_trace(ctx, args_list);
            (o.result.unwrap_or(am::FALSE), o.flags)
        }
    };
    let mut fl = Vec::new();
    if flags & ms::FLAG_RETURN_TRACE != 0 {
        fl.push(atom::intern("return_trace"));
    }
    if flags & ms::FLAG_EXCEPTION_TRACE != 0 {
        fl.push(atom::intern("exception_trace"));
    }
    let fl = list_from_slice(ctx, &fl);
    make_tuple(ctx, &[am::OK, result, fl, NIL])
}
