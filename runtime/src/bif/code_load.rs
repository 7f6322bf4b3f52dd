//! Dropping code and loading it without a code server:
//! `erlang:delete_module/1`, `check_old_code/1`, and the `code` functions
//! programs call (`code:load_binary/3`, `delete/1`, `purge/1`,
//! `soft_purge/1`), whose Erlang bodies (calls to the code server) these
//! replace. `erlang:load_module/2` and `purge_module/1` are erlang.erl's
//! own code over `prepare_loading`/`finish_loading` (`code_prepare.rs`)
//! and `erts_code_purger` (`code_purge.rs`), as in BEAM.
//!
//! Versions follow BEAM's two-slot model (`module.rs`): a module has at
//! most a current and an old version. Loading over a current version makes
//! it old (an error, `not_purged`, if an old one exists already);
//! `delete_module` turns the current version into the old one; purging
//! kills the processes that run the old code and frees it (`purge.rs`).
//! `code:purge/1` answers whether a process was killed.
//!
//! A module without a current version is out of the module table and its
//! exports are unresolved, so calling it loads it again from the code path
//! (interactive mode) or raises `undef`.

use super::{bif, BifDef};
use crate::code::export;
use crate::code::module;
use crate::data::binary::view;
use crate::data::build::make_tuple;
use crate::heap::ctx::Ctx;
use crate::term::atom::{self, am};
use crate::term::Term;
use std::collections::HashSet;
use std::sync::{Mutex, OnceLock};

pub const BIFS: &[BifDef] = &[
    bif!("erlang", "delete_module", 1, delete_module_1),
    bif!("erlang", "check_old_code", 1, check_old_code_1),
    // Traps to wait for an on_load function.
    bif!("code", "load_binary", 3, code_load_binary_3)
        .with_full(super::native!(code_load_binary_3, 3)),
    bif!("code", "delete", 1, code_delete_1),
    bif!("code", "purge", 1, code_purge_1),
    bif!("code", "soft_purge", 1, code_soft_purge_1),
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

/// Why a load failed, as `{error, Reason}` reports it.
enum LoadError {
    NotPurged,
    Badfile,
}

/// Loads `bytes` as module `m`; the current version (if any) becomes old.
/// An on_load function runs natively at the first call.
fn load(m: Term, bytes: &[u8]) -> Result<(), LoadError> {
    if module::get(m).is_some() && has_old(m) {
        return Err(LoadError::NotPurged);
    }
    let p = crate::code::prepared::prepare(m, bytes).map_err(|_| LoadError::Badfile)?;
    if let Some(published) = p.publish() {
        note_known(m);
        crate::code::prepared::finish(published, true);
    }
    Ok(())
}

/// `{module, M}` or `{error, Reason}`.
fn load_result(ctx: &mut Ctx, m: Term, bytes: &[u8]) -> Term {
    match load(m, bytes) {
        Ok(()) => make_tuple(ctx, &[am::MODULE, m]),
        Err(e) => {
            let why = match e {
                LoadError::NotPurged => "not_purged",
                LoadError::Badfile => "badfile",
            };
            let why = atom::intern(why);
            make_tuple(ctx, &[am::ERROR, why])
        }
    }
}

/// The bytes of binary `t` (whole bytes), or `None`.
fn binary_bytes(t: Term) -> Option<Vec<u8>> {
    view(t).and_then(|v| v.whole_bytes().map(|c| c.into_owned()))
}

/// `code:load_binary(Module, Filename, Binary)`; the file name is only
/// checked (an atom or a string), as there is no code server to record it.
fn code_load_binary_3(ctx: &mut Ctx, args: &[Term; 3]) -> Term {
    let (m, file, code) = (args[0], args[1], args[2]);
    let file_ok = file.is_atom() || file.is_nil() || file.is_list();
    match binary_bytes(code) {
        Some(bytes) if m.is_atom() && file_ok => {
            if !is_string(file) && !file.is_atom() {
                return make_tuple(ctx, &[am::ERROR, am::BADARG]);
            }
            let r = load_result(ctx, m, &bytes);
            super::on_load::after_on_load(ctx, m, r)
        }
        _ => ctx.error(am::FUNCTION_CLAUSE),
    }
}

/// A proper list of integers (the code server's check of a file name).
fn is_string(mut t: Term) -> bool {
    while t.is_list() {
        // SAFETY: `t` is a cons.
        let (h, tl) = unsafe { (t.head(), t.tail()) };
        if !h.is_small() {
            return false;
        }
        t = tl;
    }
    t.is_nil()
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

fn code_delete_1(ctx: &mut Ctx, args: &[Term; 1]) -> Term {
    let m = args[0];
    if !m.is_atom() {
        return ctx.error(am::FUNCTION_CLAUSE);
    }
    Term::boolean(delete(m) == Some(true))
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
    let runs = module::old(m).is_some_and(|old| crate::proc::purge::caller_runs_code(ctx, old));
    Term::boolean(runs)
}

/// `code:purge/1`: purges the old version; whether a process running it
/// was killed.
fn code_purge_1(ctx: &mut Ctx, args: &[Term; 1]) -> Term {
    let m = args[0];
    if !m.is_atom() {
        return ctx.error(am::FUNCTION_CLAUSE);
    }
    match module::take_old(m) {
        Some(old) => Term::boolean(crate::proc::purge::purge(ctx, old)),
        None => am::FALSE,
    }
}

/// `code:soft_purge/1`: purges the old version unless a process runs it.
fn code_soft_purge_1(ctx: &mut Ctx, args: &[Term; 1]) -> Term {
    let m = args[0];
    if !m.is_atom() {
        return ctx.error(am::FUNCTION_CLAUSE);
    }
    let Some(old) = module::old(m) else {
        return am::TRUE;
    };
    if crate::proc::purge::in_use(ctx, old) {
        return am::FALSE;
    }
    if let Some(old) = module::take_old(m) {
        crate::proc::purge::purge(ctx, old);
    }
    am::TRUE
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
