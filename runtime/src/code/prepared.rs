//! Prepared code: a module version that is parsed, verified and built
//! (atoms, literals, imports, entry plans, native code for what compiles
//! at load) but not yet in the module table (BEAM's "prepared code" magic
//! binary, the result of `erlang:prepare_loading/2`).
//!
//! Preparing does all the work that can fail; publishing cannot fail:
//! it points the module's fun entries at the new code, sets its export
//! addresses (or hands them back, deferred, when the module has an
//! `-on_load` function) and gives the finished `ModuleInfo` to the caller,
//! which puts it into the module table (`bif::code_prepare`). The JIT makes
//! prepared code (its preparer is installed at start-up: this layer
//! cannot name it); prepared code that is dropped unused frees its native
//! code and literals with it.

use crate::code::export::Export;
use crate::code::module::ModuleInfo;
use crate::term::Term;
use std::sync::{Mutex, OnceLock};

/// A module version made loadable.
pub struct Published {
    pub info: ModuleInfo,
    /// The exports and their addresses, when the module has an on_load
    /// function (set once it returned `ok`); empty otherwise (set already).
    pub deferred: Vec<(&'static Export, usize)>,
    /// The on_load function's name and entry value, if any.
    pub on_load: Option<(Term, usize)>,
}

/// Publishes prepared code (see the module doc).
pub type PublishFn = Box<dyn FnOnce() -> Published + Send>;

/// Prepared code of one module, used at most once.
pub struct Prepared {
    pub module: Term,
    pub has_on_load: bool,
    publish: Mutex<Option<PublishFn>>,
}

impl Prepared {
    pub fn new(module: Term, has_on_load: bool, publish: PublishFn) -> Prepared {
        Prepared {
            module,
            has_on_load,
            publish: Mutex::new(Some(publish)),
        }
    }

    /// Not loaded yet (BEAM answers `badarg` for used prepared code).
    pub fn unused(&self) -> bool {
        self.publish
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .is_some()
    }

    /// Publishes the code; `None` if it was used already.
    pub fn publish(&self) -> Option<Published> {
        let f = self
            .publish
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .take()?;
        Some(f())
    }
}

/// Builds prepared code from a `.beam` image that must define module
/// `expected`; `Err` (erl's loader report for it, not printed yet) when
/// it cannot.
pub type PrepareFn = fn(expected: Term, bytes: &[u8]) -> Result<Prepared, String>;

static PREPARE: OnceLock<PrepareFn> = OnceLock::new();

/// Installs the preparer (the launcher does, with the JIT's).
pub fn install(f: PrepareFn) {
    let _ = PREPARE.set(f);
}

/// Prepares `bytes` as module `expected`.
pub fn prepare(expected: Term, bytes: &[u8]) -> Result<Prepared, String> {
    match PREPARE.get() {
        Some(f) => f(expected, bytes),
        None => Err("no code preparer installed".into()),
    }
}

/// Told that module `m` got new code (`erlang:finish_loading/1`, or the
/// version an on_load function succeeded for became current): the call
/// tracing patterns of `m` are gone, as BEAM's breakpoints live in the
/// code it replaces; `current` says whether the new code is current now
/// (then the `trace_pattern(on_load, ..)` default applies to it) rather
/// than waiting for its on_load function. Registered by `bif::trace`
/// (this layer cannot name it).
pub type NewCodeFn = fn(m: Term, current: bool);

static NEW_CODE: OnceLock<NewCodeFn> = OnceLock::new();

/// Registers the function told about new code (see [`NewCodeFn`]).
pub fn set_new_code_hook(f: NewCodeFn) {
    let _ = NEW_CODE.set(f);
}

/// Tells the hook (also `erlang:delete_module/1`: BEAM clears the
/// module's breakpoints with its current code).
pub fn new_code(m: Term, current: bool) {
    if let Some(f) = NEW_CODE.get() {
        f(m, current);
    }
}

/// Puts published code into the module table, as BEAM's
/// `erts_finish_loading` does. Without an on_load function the current
/// version (if any) becomes old and the new one current; exports the new
/// version lacks stop reaching the old code (unresolved: `undef` or the
/// error handler, as in BEAM). With one, the version waits in the on_load
/// slot with its exports deferred (`code::on_load`); `run_natively` says
/// whether girder starts the function itself at the first call (loads
/// made without a code server) or Erlang code does
/// (`erlang:call_on_load_function/1`). Returns whether it has one.
///
/// The caller has checked that no old version is in the way
/// (`not_purged`).
pub fn finish(p: Published, run_natively: bool) -> bool {
    let name = p.info.name;
    match p.on_load {
        None => {
            let prev = crate::code::module::get(name);
            let new = crate::code::module::insert(p.info);
            if let Some(prev) = prev {
                unset_missing(name, prev, new);
            }
            new_code(name, true);
            false
        }
        Some((f, entry)) => {
            crate::code::module::insert_on_load(p.info);
            crate::code::on_load::register(name, f, entry, p.deferred, run_natively);
            new_code(name, false);
            true
        }
    }
}

/// Exports of `prev` that `new` does not have are unset, so that calls
/// stop reaching the old code.
pub fn unset_missing(name: Term, prev: &ModuleInfo, new: &ModuleInfo) {
    for &(f, a) in prev.exports.iter().filter(|e| !new.exports.contains(e)) {
        let e = crate::code::export::get_or_create(name, f, a);
        if e.bif.is_none() {
            e.set_address(0);
        }
    }
}

/// Publishes `p` and makes it current at once (tools and tests that
/// compile modules outside a running system); an on_load function runs
/// natively at the first call.
pub fn install_current(p: Prepared) {
    if let Some(pubd) = p.publish() {
        finish(pubd, true);
    }
}

/// Ends the wait of `m` for its on_load function
/// (`erlang:finish_after_on_load/2`): with `keep`, the waiting version
/// becomes current (the current one old) and its exports get their
/// addresses; without, its deferred exports are dropped and the version
/// stays in the on_load slot until it is purged. False if `m` has no
/// version waiting.
pub fn complete_on_load(m: Term, keep: bool) -> bool {
    if crate::code::module::on_load_version(m).is_none() {
        return false;
    }
    if keep {
        let prev = crate::code::module::promote_on_load(m);
        crate::code::on_load::finish(m, true);
        if let (Some(prev), Some(new)) = (prev, crate::code::module::get(m)) {
            unset_missing(m, prev, new);
        }
        new_code(m, true);
    } else {
        crate::code::on_load::finish(m, false);
    }
    true
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::code::module;
    use crate::term::atom;

    fn info(name: Term, exports: &[(&str, u32)]) -> ModuleInfo {
        ModuleInfo {
            name,
            funs: Vec::new(),
            exports: exports.iter().map(|&(f, a)| (atom::intern(f), a)).collect(),
            functions: Vec::new(),
            attributes: crate::term::NIL,
            compile_info: crate::term::NIL,
            md5: [0; 16],
            code: None,
            code_range: (0, 0),
            literals: None,
            loc_ids: Vec::new(),
            cps: Vec::new(),
        }
    }

    fn published(name: Term, exports: &[(&str, u32)], on_load: bool) -> Published {
        let deferred = if on_load {
            exports
                .iter()
                .map(|&(f, a)| {
                    (
                        crate::code::export::get_or_create(name, atom::intern(f), a),
                        0x40,
                    )
                })
                .collect()
        } else {
            Vec::new()
        };
        Published {
            info: info(name, exports),
            deferred,
            on_load: on_load.then(|| (atom::intern("init"), 0x80)),
        }
    }

    #[test]
    fn prepared_code_is_used_once() {
        let m = atom::intern("prepared_once_test");
        let p = Prepared::new(m, false, Box::new(move || published(m, &[], false)));
        assert!(p.unused());
        assert!(p.publish().is_some());
        assert!(!p.unused());
        assert!(p.publish().is_none());
    }

    #[test]
    fn on_load_slot_then_current() {
        crate::bif::install();
        let m = atom::intern("prepared_on_load_test");
        assert!(!finish(
            published(m, &[("a", 0), ("gone", 1)], false),
            false
        ));
        assert!(module::get(m).is_some());
        // With an on_load function: waits, the first version stays current.
        assert!(finish(published(m, &[("a", 0)], true), false));
        assert!(module::on_load_version(m).is_some());
        assert_eq!(module::get(m).map(|i| i.exports.len()), Some(2));
        assert!(!module::has_old(m));
        let gone = crate::code::export::get_or_create(m, atom::intern("gone"), 1);
        gone.set_address(0x10);
        assert!(complete_on_load(m, true));
        assert!(module::on_load_version(m).is_none());
        assert_eq!(module::get(m).map(|i| i.exports.len()), Some(1));
        assert!(module::has_old(m));
        // The deferred export got its address, the missing one lost it.
        let a = crate::code::export::get_or_create(m, atom::intern("a"), 0);
        assert_eq!(a.address(), 0x40);
        assert_eq!(gone.address(), 0);
        assert!(!complete_on_load(m, true));
        // Versions here own no code: dropping them from the table is safe.
        let _ = module::take_old(m).map(std::mem::forget);
    }
}
