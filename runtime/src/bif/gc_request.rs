//! Garbage collection on request: `erts_internal:garbage_collect/1` (what
//! `erlang:garbage_collect/0` and, for the calling process,
//! `garbage_collect/1,2` call; erlang.erl has them) and
//! `erts_internal:request_system_task/3,4` (what `garbage_collect/1,2`
//! call for another process, or with `{async, ReqId}`).
//!
//! `garbage_collect/1` collects the caller at once with no live X
//! registers: it is always reached through a call, so its argument is dead
//! and generated code reloads sp/hp after every runtime call (nothing
//! lives across one). BEAM does the same: a full sweep for `major`, a
//! minor (generational) collection for `minor`.
//!
//! A system task in BEAM runs in the target process when it (or a proxy
//! of it at the task's priority) is scheduled and replies `{Tag, ReqId,
//! Result}` to the requester. Girder queues a task for another process
//! with its priority (`proc/sys_task.rs`); when the proxy comes up, the
//! task runs on the target's saved state (one scheduler thread: the target
//! is not running; roots: its stack, saved X registers, message queue and
//! dictionary, as at its next schedule) and the reply is sent. A target
//! whose pending signals will end it (`signal::doomed`) answers false, as
//! it would be dead before handling the task. A task for the caller itself
//! runs at once.
//! Tasks:
//! - `{garbage_collect, ReqId, minor | major}`: collects; `true`, or
//!   `false` if the target does not exist (any more);
//! - `{check_process_code, ReqId, Module}`: whether the target runs the
//!   old code of `Module` (its resume address, continuations and catch
//!   tags; `purge.rs`);
//! - `{system_task_test, ReqId, ...}`: `true` (`false` for no process).
//!
//! Argument checks follow BEAM: the target must be a pid of this node, the
//! priority `max | high | normal | low | inherit`, the request a tuple of
//! 2 to 4 elements with a known tag and valid argument; else `badarg`.

use super::{bif, BifDef};
use crate::data::build::make_tuple;
use crate::heap::ctx::Ctx;
use crate::heap::process::pstate;
use crate::proc::ptable;
use crate::term::atom;
use crate::term::Term;
use std::sync::atomic::Ordering;

pub const BIFS: &[BifDef] = &[
    bif!("erts_internal", "garbage_collect", 1, garbage_collect_1),
    bif!(
        "erts_internal",
        "request_system_task",
        3,
        request_system_task_3
    ),
    bif!(
        "erts_internal",
        "request_system_task",
        4,
        request_system_task_4
    ),
];

/// Most arguments a system task request carries after its tag and id
/// (BEAM's ERTS_MAX_PROC_SYS_TASK_ARGS).
const MAX_TASK_ARGS: usize = 2;

fn is_gc_type(t: Term) -> bool {
    t == atom::intern("minor") || t == atom::intern("major")
}

/// Collects the running process with no live X registers: a major
/// collection unless `kind` is `minor`.
fn collect_self(ctx: &mut Ctx, kind: Term) {
    if kind == atom::intern("minor") {
        crate::gc::collect(ctx, 0, 0);
    } else {
        crate::gc::collect_major(ctx, 0, 0);
    }
}

fn garbage_collect_1(ctx: &mut Ctx, args: &[Term; 1]) -> Term {
    let t = args[0];
    if !is_gc_type(t) {
        return ctx.badarg();
    }
    collect_self(ctx, t);
    atom::am::TRUE
}

/// What a request asks for.
enum Task {
    /// `minor` or `major`.
    Gc(Term),
    /// The module whose old code to look for.
    CheckCode(Term),
    Test,
}

/// The task, reply tag and request id of a request tuple, if valid.
fn parse_request(op: Term) -> Option<(Task, Term, Term)> {
    if !op.is_tuple() {
        return None;
    }
    // SAFETY: `op` is a tuple; elements are read below its arity.
    let (tag, id, a0) = unsafe {
        let n = op.tuple_arity();
        if !(2..=2 + MAX_TASK_ARGS).contains(&n) {
            return None;
        }
        let a0 = if n > 2 { Some(op.tuple_elem(2)) } else { None };
        (op.tuple_elem(0), op.tuple_elem(1), a0)
    };
    let task = if tag == atom::intern("garbage_collect") {
        if !a0.is_some_and(is_gc_type) {
            return None;
        }
        Task::Gc(a0.unwrap_or(atom::am::UNDEFINED))
    } else if tag == atom::intern("check_process_code") {
        if !a0.is_some_and(|a| a.is_atom()) {
            return None;
        }
        Task::CheckCode(a0.unwrap_or(atom::am::UNDEFINED))
    } else if tag == atom::intern("system_task_test") {
        Task::Test
    } else {
        return None;
    };
    Some((task, tag, id))
}

fn is_priority(p: Term) -> bool {
    ["max", "high", "normal", "low", "inherit"]
        .iter()
        .any(|n| p == atom::intern(n))
}

/// Runs `task` on `target`; the result for the reply.
fn run_task(ctx: &mut Ctx, task: &Task, target: Term) -> bool {
    // SAFETY: BIFs run with a process scheduled on `ctx`.
    let me = unsafe { ctx.process().pid };
    if target == me {
        if let Task::Gc(kind) = task {
            collect_self(ctx, *kind);
        }
        return match task {
            Task::CheckCode(m) => super::code_purge::checked_version(*m)
                .is_some_and(|old| crate::proc::purge::caller_runs_code(ctx, old)),
            _ => true,
        };
    }
    run_on_other(task, target)
}

/// Runs `task` on `target`, a process other than the caller (which is
/// not running: one scheduler); the result for the reply.
fn run_on_other(task: &Task, target: Term) -> bool {
    let Some(r) = ptable::lookup(target) else {
        return false;
    };
    let st = r.state().load(Ordering::SeqCst);
    // A request is a signal queued behind those already pending: when one
    // of them ends the target (`exit(P, kill)` just before), the target is
    // gone by the time it would handle the task, so the answer is false.
    if st == pstate::EXITED || crate::proc::signal::doomed(&r) {
        return false;
    }
    match task {
        Task::Gc(kind) => {
            // One scheduler: a process that is not the caller is not
            // running (see the module comment), so its saved state is
            // complete and nobody else touches it during the collection.
            if st == pstate::RUNNABLE || st == pstate::WAITING {
                // SAFETY: as above, this thread is the only one that can
                // touch the process now; `r` keeps it allocated.
                let major = *kind != atom::intern("minor");
                unsafe { crate::gc::collect_process_kind(&mut *r.ptr(), 0, major) };
            }
            true
        }
        // SAFETY: not running (as for `Gc`); reads only.
        Task::CheckCode(m) => super::code_purge::checked_version(*m)
            .is_some_and(|old| unsafe { crate::proc::purge::runs_code(&*r.ptr(), old) }),
        Task::Test => true,
    }
}

fn request(ctx: &mut Ctx, requester: Term, target: Term, prio: Term, op: Term) -> Term {
    if !target.is_pid() || !is_priority(prio) {
        return ctx.badarg();
    }
    let Some((task, tag, id)) = parse_request(op) else {
        return ctx.badarg();
    };
    // The reply is copied out of the heap before a collection moves `id`.
    let pending = make_tuple(ctx, &[tag, id, atom::am::FALSE]);
    let msg = crate::gc::copy::copy_to_message(pending);
    // SAFETY: a process is scheduled on `ctx`.
    let me = unsafe { ctx.process().pid };
    let msg = match task {
        // A process with collections turned off answers when it turns
        // them on again (`proc/gc_state.rs`).
        Task::Gc(_) if target != me => match crate::proc::gc_state::defer(target, requester, msg) {
            Ok(()) => return atom::am::OK,
            Err(m) => m,
        },
        _ => msg,
    };
    if target != me {
        if let Some(r) = ptable::lookup(target).filter(|r| r.is_alive()) {
            // Runs when the target's proxy comes up at `prio`
            // (`proc/sys_task.rs`); `inherit` is the caller's priority.
            // SAFETY: a process is scheduled on `ctx`.
            let level = super::proc_flags::priority_index(prio)
                .unwrap_or_else(|| unsafe { ctx.process().pflags.priority });
            let job = move || {
                let ok = run_on_other(&task, target);
                reply(requester, msg, ok);
            };
            crate::proc::sys_task::request(&r, level, Box::new(job));
            return atom::am::OK;
        }
    }
    let ok = run_task(ctx, &task, target);
    reply(requester, msg, ok);
    atom::am::OK
}

/// Sends the requester its reply `msg`, `{Tag, ReqId, false}`, with
/// `true` when the task succeeded.
fn reply(requester: Term, msg: crate::heap::process::Message, ok: bool) {
    if ok && msg.term.is_tuple() {
        // SAFETY: the reply is a 3-tuple in the message's own fragment.
        unsafe { *msg.term.boxed_ptr().add(3) = atom::am::TRUE.raw() };
    }
    if let Some(r) = ptable::lookup(requester) {
        crate::proc::signal::deliver_message(&r, msg);
    }
}

fn request_system_task_3(ctx: &mut Ctx, args: &[Term; 3]) -> Term {
    let (target, prio, op) = (args[0], args[1], args[2]);
    // SAFETY: a process is scheduled on `ctx`.
    let me = unsafe { ctx.process().pid };
    request(ctx, me, target, prio, op)
}

fn request_system_task_4(ctx: &mut Ctx, args: &[Term; 4]) -> Term {
    let (requester, target, prio, op) = (args[0], args[1], args[2], args[3]);
    request(ctx, requester, target, prio, op)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::data::build::{cons, make_tuple};
    use crate::testutil::TestProc;

    #[test]
    fn gc_keeps_the_stack_and_frees_garbage() {
        let mut tp = TestProc::new();
        let ctx = tp.ctx();
        // A live list on the stack (a Y register) and garbage.
        let mut live = crate::term::NIL;
        for i in 0..1000 {
            live = cons(ctx, Term::small(i), live);
            let _garbage = make_tuple(ctx, &[Term::small(i); 8]);
        }
        // SAFETY: the stack has room for one word below sp.
        unsafe {
            ctx.sp = ctx.sp.sub(1);
            *ctx.sp = live.raw();
        }
        let major = atom::intern("major");
        assert_eq!(garbage_collect_1(ctx, &[major]), atom::am::TRUE);
        // SAFETY: the word pushed above, updated by the collector.
        let moved = Term(unsafe { *ctx.sp });
        assert_eq!(crate::data::build::list_length(moved), Some(1000));
        // SAFETY: `moved` is a list.
        assert_eq!(unsafe { moved.head() }, Term::small(999));
        assert!(garbage_collect_1(ctx, &[Term::small(1)]).is_non_value());
    }

    #[test]
    fn request_checks_arguments() {
        let mut tp = TestProc::new();
        let ctx = tp.ctx();
        let gc = atom::intern("garbage_collect");
        let inherit = atom::intern("inherit");
        let good = make_tuple(ctx, &[gc, Term::small(1), atom::intern("major")]);
        let bad_type = make_tuple(ctx, &[gc, Term::small(1), atom::intern("full")]);
        let bad_tag = make_tuple(ctx, &[atom::intern("nope"), Term::small(1)]);
        let short = make_tuple(ctx, &[gc]);
        let dead = Term::pid(1 << 40);
        let r = request_system_task_3(ctx, &[dead, inherit, good]);
        assert_eq!(r, atom::am::OK);
        for args in [
            [Term::small(1), inherit, good],
            [dead, atom::intern("urgent"), good],
            [dead, inherit, bad_type],
            [dead, inherit, bad_tag],
            [dead, inherit, short],
            [dead, inherit, gc],
        ] {
            assert!(request_system_task_3(ctx, &args).is_non_value());
        }
    }
}
