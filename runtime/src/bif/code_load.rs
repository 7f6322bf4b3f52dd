//! Dropping code: `erlang:delete_module/1`, `check_old_code/1` and
//! `erts_internal:check_process_code/1`. `erlang:load_module/2` and
//! `purge_module/1` are erlang.erl's own code over
//! `prepare_loading`/`finish_loading` (`code_prepare.rs`) and
//! `erts_code_purger` (`code_purge.rs`), as in BEAM; the `code` module is
//! kernel's own, over its code server.
//!
//! Versions follow BEAM's two-slot model (`module.rs`): a module has at
//! most a current and an old version. Loading over a current version makes
//! it old (an error, `not_purged`, if an old one exists already);
//! `delete_module` turns the current version into the old one; purging
//! kills the processes that run the old code and frees it (`purge.rs`).
//!
//! A module without a current version is out of the module table and its
//! exports are unresolved, so calling it goes through `error_handler` to
//! the code server, which loads it again (interactive mode), or raises
//! `undef`.

use super::{bif, BifDef};
use crate::code::export;
use crate::code::module;
use crate::heap::ctx::Ctx;
use crate::term::atom::{self, am};
use crate::term::Term;
use std::collections::HashSet;
use std::sync::{Mutex, OnceLock};

pub const BIFS: &[BifDef] = &[
    bif!("erlang", "delete_module", 1, delete_module_1),
    bif!("erlang", "check_old_code", 1, check_old_code_1),
    bif!(
        "erts_internal",
        "check_process_code",
        1,
        check_process_code_1
    ),
];

/// Modules that had an old version at some time (raw atom words). BEAM
/// keeps a module's entry for good once it was loaded, which
/// `delete_module/1` tells apart from never loaded.
fn versions() -> &'static Mutex<HashSet<u64>> {
    static V: OnceLock<Mutex<HashSet<u64>>> = OnceLock::new();
    V.get_or_init(|| Mutex::new(HashSet::new()))
}

fn has_old(m: Term) -> bool {
    module::has_old(m)
}

pub fn note_known(m: Term) {
    let mut v = versions().lock().unwrap_or_else(|e| e.into_inner());
    v.insert(m.raw());
}

/// `m` has, or had, a version.
fn known(m: Term) -> bool {
    module::get(m).is_some()
        || has_old(m)
        || versions()
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .contains(&m.raw())
}

/// `erlang:delete_module/1`: makes the current version of `m` (if any)
/// old. `None` if `m` was never loaded, `Some(false)` if an old version is
/// in the way.
fn delete(m: Term) -> Option<bool> {
    if !known(m) {
        return None;
    }
    if has_old(m) {
        return Some(false);
    }
    if module::remove(m).is_some() {
        note_known(m);
        for e in export::of_module(m) {
            e.set_address(0);
        }
        // Its trace patterns go with its code (`erts_clear_module_break`).
        crate::code::prepared::new_code(m, false);
    }
    Some(true)
}

fn delete_module_1(ctx: &mut Ctx, args: &[Term; 1]) -> Term {
    let m = args[0];
    if !m.is_atom() {
        return ctx.badarg();
    }
    match delete(m) {
        None => am::UNDEFINED,
        Some(true) => am::TRUE,
        Some(false) => {
            // erts logs the refusal (beam_bif_load.c) before the badarg.
            let text = format!(
                "Module {} must be purged before deleting\n",
                crate::data::display::atom_display(atom::name(m))
            );
            crate::proc::syslog::error_text(ctx, &text);
            ctx.badarg()
        }
    }
}

fn check_old_code_1(ctx: &mut Ctx, args: &[Term; 1]) -> Term {
    let m = args[0];
    if !m.is_atom() {
        return ctx.badarg();
    }
    Term::boolean(has_old(m))
}

/// `erts_internal:check_process_code/1` (`erlang:check_process_code/2` on
/// the caller): whether the caller's stack holds old code of the module.
fn check_process_code_1(ctx: &mut Ctx, args: &[Term; 1]) -> Term {
    let m = args[0];
    if !m.is_atom() {
        return ctx.badarg();
    }
    let runs = super::code_purge::checked_version(m)
        .is_some_and(|old| crate::proc::purge::caller_runs_code(ctx, old));
    Term::boolean(runs)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unknown_modules() {
        let m = atom::intern("code_load_test_mod");
        assert!(!has_old(m));
        // Never loaded: nothing to delete, nothing to purge.
        assert_eq!(delete(m), None);
        assert!(!known(m));
        assert!(module::take_old(m).is_none());
        note_known(m);
        // Known but with no version left: deleting succeeds, as in BEAM.
        assert!(known(m));
        assert_eq!(delete(m), Some(true));
        assert!(!has_old(m));
    }
}
