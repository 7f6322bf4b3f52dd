//! BEAM's loading BIFs (`beam_bif_load.c`): `erts_internal:
//! prepare_loading/2` (erlang.erl's `prepare_loading/2` and
//! `load_module/2` are its own Erlang code over these), `erlang:
//! finish_loading/1`, `has_prepared_code_on_load/1`,
//! `call_on_load_function/1` and `finish_after_on_load/2`.
//!
//! Prepared code is a magic reference to a `code::prepared::Prepared`:
//! parsing, verifying and building happen in `prepare_loading` (so a bad
//! module is `{error, badfile}` there); `finish_loading` publishes a list
//! of them at once or none: `{duplicated, Mods}`, `{not_purged, Mods}`
//! (a module with both a current and an old version) and a list longer
//! than one with an on_load module (`system_limit`) load nothing. A module
//! with an on_load function goes into the module table's on_load slot
//! (not loaded, its exports deferred) and is reported as `{on_load,
//! Mods}`; the code server then runs the function
//! (`call_on_load_function/1`) and ends the wait
//! (`finish_after_on_load/2`).

use super::{bif, flag, BifDef};
use crate::code::module;
use crate::code::prepared::{self, Prepared};
use crate::data::build::{list_to_vec, make_tuple};
use crate::data::resource::{self, Resource};
use crate::heap::ctx::Ctx;
use crate::term::atom::{self, am};
use crate::term::{Term, NIL, NON_VALUE};
use std::sync::Arc;

pub const BIFS: &[BifDef] = &[
    bif!("erts_internal", "prepare_loading", 2, prepare_loading_2),
    bif!("erlang", "finish_loading", 1, finish_loading_1),
    bif!(
        "erlang",
        "has_prepared_code_on_load",
        1,
        has_prepared_code_on_load_1
    ),
    // Continues in the on_load function (a trap to its entry).
    bif!(
        "erlang",
        "call_on_load_function",
        1,
        call_on_load_function_1,
        flag::TRAPS
    )
    .with_full(super::native!(call_on_load_function_full, 1)),
    bif!("erlang", "finish_after_on_load", 2, finish_after_on_load_2),
];

/// The prepared code behind `t`, if `t` is a magic reference to some.
fn prepared_of<'a>(t: Term) -> Option<&'a Prepared> {
    resource::get_as::<Prepared>(t)
}

fn prepare_loading_2(ctx: &mut Ctx, args: &[Term; 2]) -> Term {
    let (m, code) = (args[0], args[1]);
    if !m.is_atom() {
        return ctx.badarg();
    }
    // Borrowed, not copied (a big module's image is most of a megabyte):
    // preparing builds nothing on the process heap, so the binary stays
    // where it is while it is read.
    let Some(view) = crate::data::binary::view(code) else {
        return ctx.badarg();
    };
    let Some(bytes) = view.whole_bytes() else {
        return ctx.badarg();
    };
    match prepared::prepare(m, &bytes) {
        Ok(p) => resource::make(ctx, Arc::new(Resource { value: Box::new(p) })),
        Err(report) => {
            // As erl's loader: the report goes to the system logger
            // (`erts_send_error_to_logger`), or to stderr without one.
            if !crate::proc::syslog::error_text(ctx, &report) {
                eprint!("{report}");
            }
            make_tuple(ctx, &[am::ERROR, atom::intern("badfile")])
        }
    }
}

fn has_prepared_code_on_load_1(ctx: &mut Ctx, args: &[Term; 1]) -> Term {
    // Used prepared code still answers (BEAM keeps the flag).
    match prepared_of(args[0]) {
        Some(p) => Term::boolean(p.has_on_load),
        None => ctx.badarg(),
    }
}

/// `{Tag, Mods}` for the modules of `mods` flagged in `bad`, listed last
/// first as BEAM's `exception_list` builds it.
fn exception_list(ctx: &mut Ctx, tag: &str, mods: &[Term], bad: &[bool]) -> Term {
    let mut l = NIL;
    for (&m, _) in mods.iter().zip(bad).filter(|(_, &b)| b) {
        l = crate::data::build::cons(ctx, m, l);
    }
    make_tuple(ctx, &[atom::intern(tag), l])
}

fn finish_loading_1(ctx: &mut Ctx, args: &[Term; 1]) -> Term {
    let Some(items) = list_to_vec(args[0]) else {
        return ctx.badarg();
    };
    let mut preps: Vec<&Prepared> = Vec::with_capacity(items.len());
    for &t in &items {
        match prepared_of(t).filter(|p| p.unused()) {
            Some(p) => preps.push(p),
            None => return ctx.badarg(),
        }
    }
    if preps.len() > 1 && preps.iter().any(|p| p.has_on_load) {
        return ctx.error(am::SYSTEM_LIMIT);
    }
    let mods: Vec<Term> = preps.iter().map(|p| p.module).collect();
    let dup: Vec<bool> = (0..mods.len())
        .map(|i| mods[..i].contains(&mods[i]))
        .collect();
    if dup.iter().any(|&d| d) {
        return exception_list(ctx, "duplicated", &mods, &dup);
    }
    let not_purged: Vec<bool> = mods
        .iter()
        .map(|&m| module::get(m).is_some() && module::has_old(m))
        .collect();
    if not_purged.iter().any(|&d| d) {
        return exception_list(ctx, "not_purged", &mods, &not_purged);
    }
    let mut on_load = vec![false; mods.len()];
    for (i, p) in preps.iter().enumerate() {
        if let Some(published) = p.publish() {
            crate::bif::code_load::note_known(p.module);
            on_load[i] = prepared::finish(published, false);
        }
    }
    if on_load.iter().any(|&d| d) {
        return exception_list(ctx, "on_load", &mods, &on_load);
    }
    am::OK
}

/// The on_load function of `m`'s waiting version, if it has one.
fn on_load_entry(m: Term) -> Option<usize> {
    module::on_load_version(m)?;
    crate::code::on_load::function(m).map(|(_, entry)| entry)
}

/// `erlang:call_on_load_function(M)` (an instruction in BEAM's JIT):
/// continues in the on_load function of `M`'s waiting version, whose
/// result is the call's.
fn call_on_load_function_1(ctx: &mut Ctx, args: &[Term; 1]) -> Term {
    match on_load_entry(args[0]).filter(|&e| e != 0) {
        Some(entry) => {
            ctx.bif_trap = entry;
            NON_VALUE
        }
        None => ctx.badarg(),
    }
}

/// Called where a trap cannot continue (a `bif` instruction, never
/// emitted for this BIF by the compiler): `badarg` as for a module with no
/// on_load function waiting.
fn call_on_load_function_full(ctx: &mut Ctx, _args: &[Term; 1]) -> Term {
    ctx.badarg()
}

fn finish_after_on_load_2(ctx: &mut Ctx, args: &[Term; 2]) -> Term {
    let (m, keep) = (args[0], args[1]);
    if keep != am::TRUE && keep != am::FALSE {
        return ctx.badarg();
    }
    if !m.is_atom() || on_load_entry(m).is_none() {
        return ctx.badarg();
    }
    prepared::complete_on_load(m, keep == am::TRUE);
    am::TRUE
}
