//! The `erts_internal` process BIFs that OTP's preloaded modules use at
//! boot: `spawn_system_process/3` (erl_init's prim_file helper and
//! socket_registry), `group_leader/2,3` (erlang.erl's `group_leader/2`
//! wrapper), `is_process_alive/2` (the signal form of
//! `is_process_alive/1`) and `dirty_process_handle_signals/1` (the dirty
//! signal handler processes).
//!
//! A *system process* (`erts_internal:is_system_process/1`) is one the VM
//! itself or `spawn_system_process/3` created; the set is kept here
//! (`mark_system`), the VM's own ones registered by the boot.

use super::{bif, BifDef};
use crate::data::build::{list_length, make_tuple};
use crate::heap::ctx::Ctx;
use crate::proc::ptable;
use crate::proc::signal;
use crate::proc::spawn::{self, Start};
use crate::term::atom::{self, am};
use crate::term::Term;
use std::collections::HashSet;
use std::sync::Mutex;

pub const BIFS: &[BifDef] = &[
    bif!(
        "erts_internal",
        "spawn_system_process",
        3,
        spawn_system_process_3
    ),
    bif!("erts_internal", "group_leader", 2, group_leader_2),
    bif!("erts_internal", "group_leader", 3, group_leader_3),
    bif!("erts_internal", "is_process_alive", 2, is_process_alive_2),
    bif!(
        "erts_internal",
        "dirty_process_handle_signals",
        1,
        dirty_process_handle_signals_1
    ),
];

/// Pid numbers of system processes, and which of them are the dirty
/// process signal handlers (the only callers allowed
/// `dirty_process_handle_signals/1`).
struct System {
    all: HashSet<u64>,
    dirty_handlers: HashSet<u64>,
}

static SYSTEM: Mutex<Option<System>> = Mutex::new(None);

fn with_system<R>(f: impl FnOnce(&mut System) -> R) -> R {
    let mut g = SYSTEM.lock().unwrap_or_else(|e| e.into_inner());
    let s = g.get_or_insert_with(|| System {
        all: HashSet::new(),
        dirty_handlers: HashSet::new(),
    });
    f(s)
}

/// Marks `pid` as a system process; `dirty_handler`: one of the three
/// `erts_dirty_process_signal_handler` processes the VM starts.
pub fn mark_system(pid: Term, dirty_handler: bool) {
    with_system(|s| {
        s.all.insert(pid.pid_number());
        if dirty_handler {
            s.dirty_handlers.insert(pid.pid_number());
        }
    });
}

/// Whether `pid` is a system process (`erts_internal:is_system_process/1`).
pub fn is_system(pid: Term) -> bool {
    with_system(|s| s.all.contains(&pid.pid_number()))
}

fn self_pid(ctx: &mut Ctx) -> Term {
    // SAFETY: BIFs run with a process bound to `ctx`.
    unsafe { ctx.process().pid }
}

/// `spawn_system_process(M, F, Args)`: `spawn(M, F, Args)` that makes a
/// system process. Like erts, the function must exist: erts takes the VM
/// down ("No function M:F/A") otherwise, since only the preloaded
/// modules call it; here the caller gets `undef` instead, as Girder never
/// takes the VM down for a caller's argument.
fn spawn_system_process_3(ctx: &mut Ctx, args: &[Term; 3]) -> Term {
    let (m, f, a) = (args[0], args[1], args[2]);
    let Some(arity) = list_length(a) else {
        return ctx.badarg();
    };
    if !m.is_atom() || !f.is_atom() {
        return ctx.badarg();
    }
    if crate::code::module::get(m).is_none() {
        let _ = (crate::code::hooks::get().load_module)(m);
    }
    if !super::code::is_exported(m, f, arity as u32) {
        return ctx.error(am::UNDEF);
    }
    // SAFETY: BIFs run with a process bound to `ctx`.
    let (gl, me) = unsafe { (ctx.process().group_leader, ctx.process().pid) };
    let pid = spawn::spawn_child(Start::Mfa(m, f, a), None, gl, me);
    mark_system(pid, false);
    pid
}

/// Sets `pid`'s group leader to `gl`; false if `pid` is not alive.
fn set_group_leader(ctx: &mut Ctx, gl: Term, pid: Term) -> bool {
    if pid == self_pid(ctx) {
        // SAFETY: BIFs run with a process bound to `ctx`.
        unsafe { ctx.process().group_leader = gl };
        return true;
    }
    match ptable::lookup(pid).filter(|r| r.is_alive() && !signal::doomed(r)) {
        Some(r) => {
            // SAFETY: with one scheduler the target is not running while
            // this BIF runs (see bif/process.rs's module comment).
            unsafe { (*r.ptr()).group_leader = gl };
            true
        }
        None => false,
    }
}

/// `group_leader(GL, Pid)`: `true` when set at once, `badarg` (an atom,
/// not an exception: erlang.erl raises it) for a bad `GL` or a `Pid`
/// that is not an alive local process. BEAM answers `false` when the
/// target is busy, and the wrapper then sends the signal form; here the
/// target is never busy.
fn group_leader_2(ctx: &mut Ctx, args: &[Term; 2]) -> Term {
    let (gl, pid) = (args[0], args[1]);
    if !gl.is_pid() || !pid.is_pid() {
        return am::BADARG;
    }
    if set_group_leader(ctx, gl, pid) {
        am::TRUE
    } else {
        am::BADARG
    }
}

/// `group_leader(GL, Pid, Ref)`: the signal form. The caller receives
/// `{Ref, true}`, or `{Ref, badarg}` if `Pid` was gone; returns `ok`.
fn group_leader_3(ctx: &mut Ctx, args: &[Term; 3]) -> Term {
    let (gl, pid, r) = (args[0], args[1], args[2]);
    if !gl.is_pid() || !pid.is_pid() || !r.is_reference() {
        return ctx.badarg();
    }
    let res = if set_group_leader(ctx, gl, pid) {
        am::TRUE
    } else {
        am::BADARG
    };
    reply(ctx, r, res);
    am::OK
}

/// Sends `{Ref, Res}` to the calling process.
fn reply(ctx: &mut Ctx, r: Term, res: Term) {
    let me = self_pid(ctx);
    let msg = make_tuple(ctx, &[r, res]);
    crate::abi::recv::send(ctx, me, msg);
}

/// `is_process_alive(Pid, Ref)`: the caller receives `{Ref, Bool}`
/// (after every signal it sent `Pid` before, which with direct delivery
/// have all arrived).
fn is_process_alive_2(ctx: &mut Ctx, args: &[Term; 2]) -> Term {
    let (pid, r) = (args[0], args[1]);
    if !pid.is_pid() || !r.is_reference() {
        return ctx.badarg();
    }
    let alive = pid == self_pid(ctx)
        || ptable::lookup(pid).is_some_and(|p| p.is_alive() && !signal::doomed(&p));
    reply(ctx, r, Term::boolean(alive));
    am::OK
}

/// `dirty_process_handle_signals(Pid)`: only the dirty signal handler
/// processes may call it (`notsup` otherwise). Girder runs no process on a
/// dirty scheduler, so a live process always handles its own signals
/// (`normal`); a dead one is `noproc`, a non-pid `false`, as in erts.
fn dirty_process_handle_signals_1(ctx: &mut Ctx, args: &[Term; 1]) -> Term {
    let me = self_pid(ctx);
    if !with_system(|s| s.dirty_handlers.contains(&me.pid_number())) {
        return ctx.error(atom::intern("notsup"));
    }
    let pid = args[0];
    if !pid.is_pid() {
        return am::FALSE;
    }
    match ptable::lookup(pid) {
        Some(r) if r.is_alive() => am::NORMAL,
        _ => am::NOPROC,
    }
}
