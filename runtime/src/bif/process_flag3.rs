//! `erts_internal:process_flag/3` (erlang.erl's `process_flag(Pid, Flag,
//! Value)`): only `save_calls` may be set for a process, as in BEAM.
//!
//! Girder records no calls, but keeps the setting (`Process::save_calls`,
//! also `process_flag(save_calls, N)` in `bif/process.rs`): the old value
//! for `save_calls` with 0..10000, the atom `badarg` for anything else or
//! a process that is exiting, and `badtype` (which
//! erlang.erl raises as `badarg` with that cause) for something that is
//! not a live local process. BEAM runs the request in the target and
//! replies `{Ref, Result}`; a target that is not the caller is not
//! running here (one scheduler), so the answer is direct.

use super::{bif, BifDef};
use crate::heap::ctx::Ctx;
use crate::heap::process::Process;
use crate::term::atom::{self, am};
use crate::term::Term;
use std::sync::atomic::Ordering;

pub const BIFS: &[BifDef] = &[bif!("erts_internal", "process_flag", 3, process_flag_3)];

/// Sets `save_calls` of `p` to `v` (0..10000), returning the old value;
/// None for any other value.
pub fn save_calls(p: &Process, v: Term) -> Option<Term> {
    let n = v
        .is_small()
        .then(|| v.small_value())
        .filter(|n| (0..=10000).contains(n))?;
    Some(Term::small(
        p.save_calls.swap(n as u32, Ordering::SeqCst) as i64
    ))
}

/// BEAM's `process_flag_aux` for `p`: the old value, or `badarg`.
fn flag_aux(p: &Process, flag: Term, v: Term) -> Term {
    if flag != atom::intern("save_calls") {
        return am::BADARG;
    }
    save_calls(p, v).unwrap_or(am::BADARG)
}

fn process_flag_3(ctx: &mut Ctx, args: &[Term; 3]) -> Term {
    let (pid, flag, v) = (args[0], args[1], args[2]);
    // SAFETY: a process is scheduled on `ctx`.
    let me = unsafe { ctx.process().pid };
    if pid == me {
        // SAFETY: a process is scheduled on `ctx`.
        return flag_aux(unsafe { ctx.process() }, flag, v);
    }
    let Some(r) = crate::proc::ptable::lookup(pid).filter(|r| r.is_alive()) else {
        return atom::intern("badtype");
    };
    if crate::proc::signal::doomed(&r) {
        return am::BADARG;
    }
    // SAFETY: `r` keeps the process allocated; only its atomic
    // `save_calls` is touched.
    flag_aux(unsafe { &*r.ptr() }, flag, v)
}
