//! The purge protocol of `erts_code_purger` (preloaded, OTP's own code):
//! `erts_internal:purge_module/2` with `prepare`, `prepare_on_load`,
//! `abort` and `complete`, and `erts_internal:check_dirty_process_code/2`.
//!
//! The purger asks `prepare` (is there old code? it then owns the purge
//! of that module until `abort` or `complete`), checks every process with
//! `check_process_code` system tasks (`gc_request.rs`), kills those that
//! run the old code (a hard purge) or gives up (`abort`, a soft purge
//! that found one), and `complete`s: the old version is retired and freed
//! after the slice (`proc::purge`). `prepare_on_load` purges the version
//! an on_load function failed for (BEAM moves it into the old slot for
//! the purge; here it is held by the purge state, the old slot stays).
//! From `prepare` to `abort` or `complete`, calls of the purged code's
//! funs wait in `erts_code_purger:pending_purge_lambda/3`
//! (`proc::fun_purge`). Only the registered `erts_code_purger` may call
//! these (`notsup` otherwise, as BEAM checks its system process).

use super::{bif, BifDef};
use crate::code::module::{self, Version};
use crate::heap::ctx::Ctx;
use crate::proc::fun_purge;
use crate::term::atom::{self, am};
use crate::term::Term;
use std::sync::Mutex;

pub const BIFS: &[BifDef] = &[
    bif!("erts_internal", "purge_module", 2, purge_module_2),
    bif!(
        "erts_internal",
        "check_dirty_process_code",
        2,
        check_dirty_process_code_2
    ),
];

/// The purge in progress: the module, and the on_load version it purges
/// (None: the module's old version).
struct PurgeState {
    module: Term,
    on_load: Option<Version>,
}

static STATE: Mutex<Option<PurgeState>> = Mutex::new(None);

fn caller_is(ctx: &mut Ctx, name: &str) -> bool {
    // SAFETY: BIFs run with their process bound to the context.
    let me = unsafe { ctx.process().pid };
    crate::proc::ptable::whereis(atom::intern(name)) == Some(me)
}

fn notsup(ctx: &mut Ctx) -> Term {
    ctx.error(atom::intern("notsup"))
}

fn purge_module_2(ctx: &mut Ctx, args: &[Term; 2]) -> Term {
    if !caller_is(ctx, "erts_code_purger") {
        return notsup(ctx);
    }
    let (m, op) = (args[0], args[1]);
    if !m.is_atom() {
        return ctx.badarg();
    }
    let mut st = STATE.lock().unwrap_or_else(|e| e.into_inner());
    match atom::name(op) {
        "prepare" | "prepare_on_load" if op.is_atom() => {
            if st.is_some() {
                return ctx.badarg();
            }
            let on_load = if atom::name(op) == "prepare_on_load" {
                module::take_on_load(m)
            } else {
                None
            };
            let info = match &on_load {
                Some(v) => Some(v.info()),
                None => module::old(m),
            };
            let Some(info) = info else {
                return am::FALSE;
            };
            // Calls of the version's funs wait until the purge ends.
            fun_purge::prepare(m, info);
            *st = Some(PurgeState { module: m, on_load });
            am::TRUE
        }
        "abort" if op.is_atom() => {
            if st.as_ref().map(|s| s.module) != Some(m) {
                return ctx.badarg();
            }
            let s = st.take();
            drop(st);
            match s.and_then(|s| s.on_load) {
                // BEAM leaves an on_load version whose purge is aborted in
                // the old slot, never current again (erts_code_purger
                // never aborts one); it is purged here, the safe end.
                Some(v) => {
                    crate::proc::purge::purge(ctx, v);
                    fun_purge::finish(false);
                }
                // The old code stays: its funs get their code back, and
                // the calls that waited go to it.
                None => fun_purge::finish(true),
            }
            am::FALSE
        }
        "complete" if op.is_atom() => {
            if st.as_ref().map(|s| s.module) != Some(m) {
                return ctx.badarg();
            }
            let s = st.take();
            drop(st);
            let v = s.and_then(|s| s.on_load).or_else(|| module::take_old(m));
            let r = match v {
                Some(v) => {
                    crate::proc::purge::purge(ctx, v);
                    am::TRUE
                }
                None => am::FALSE,
            };
            // The calls that waited find no code now: the error handler
            // loads the module again, or they raise.
            fun_purge::finish(false);
            r
        }
        _ => ctx.badarg(),
    }
}

/// The version `check_process_code` looks for in a process: during a
/// `prepare_on_load` purge of `m`, the on_load version it purges (BEAM
/// moves it into the old slot for the purge and puts the old code back at
/// `complete`), else `m`'s old version. Without this, the purge after a
/// failed on_load function killed the processes still running `m`'s old
/// code instead of leaving them alone.
pub fn checked_version(m: Term) -> Option<&'static module::ModuleInfo> {
    let st = STATE.lock().unwrap_or_else(|e| e.into_inner());
    if let Some(PurgeState {
        module,
        on_load: Some(v),
    }) = st.as_ref()
    {
        if *module == m {
            return Some(v.info());
        }
    }
    drop(st);
    module::old(m)
}

/// Only `erts_dirty_process_signal_handler` may ask; girder runs no dirty
/// schedulers, so no process ever executes dirty: `normal` for a live
/// process, `false` for none.
fn check_dirty_process_code_2(ctx: &mut Ctx, args: &[Term; 2]) -> Term {
    if !caller_is(ctx, "erts_dirty_process_signal_handler") {
        return notsup(ctx);
    }
    let (pid, m) = (args[0], args[1]);
    if !pid.is_pid() || !m.is_atom() {
        return ctx.badarg();
    }
    // SAFETY: BIFs run with their process bound to the context.
    if pid == unsafe { ctx.process().pid } {
        return am::NORMAL;
    }
    match crate::proc::ptable::lookup(pid) {
        Some(_) => am::NORMAL,
        None => am::FALSE,
    }
}
