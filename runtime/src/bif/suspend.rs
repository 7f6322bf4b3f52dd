//! `erts_internal:suspend_process/2` (erlang.erl builds
//! `erlang:suspend_process/1,2` on it) and `erlang:resume_process/1`; the
//! state and its rule are in `proc/suspend.rs`.
//!
//! `erts_internal:suspend_process(Pid, Opts)` answers as BEAM's:
//! - `badarg` (an atom, raised by erlang.erl) for the caller's own pid or
//!   anything but a local pid, and for a process that does not exist
//!   unless `asynchronous`;
//! - `badopt` for options that are not a proper list of
//!   `unless_suspending`, `asynchronous` and `{asynchronous, Tag}`;
//! - `true`, or `false` with `unless_suspending` when the caller already
//!   suspends the process. The suspension is in effect when it returns, so
//!   the synchronous form never needs BEAM's `{Ref, Result}` reply. With
//!   `{asynchronous, Tag}` the caller also gets `{Tag, suspended}` (`{Tag,
//!   badarg}` for a process that does not exist).
//!
//! `resume_process(Pid)`: `true`, or `badarg` for the caller itself,
//! anything but a local pid, or a process the caller does not suspend
//! (never did, resumed as often as it suspended, or exited).

use super::{bif, BifDef};
use crate::data::build::make_tuple;
use crate::gc::copy::copy_to_message;
use crate::heap::ctx::Ctx;
use crate::term::atom::{self, am};
use crate::term::{Term, NIL};

pub const BIFS: &[BifDef] = &[
    bif!("erts_internal", "suspend_process", 2, suspend_process_2),
    bif!("erlang", "resume_process", 1, resume_process_1),
];

/// Parsed options: `unless_suspending`, asynchronous, and the reply tag.
struct Opts {
    unless: bool,
    asynchronous: bool,
    tag: Option<Term>,
}

fn parse(mut l: Term) -> Option<Opts> {
    let mut o = Opts {
        unless: false,
        asynchronous: false,
        tag: None,
    };
    while l.is_list() {
        // SAFETY: a cons cell.
        let (h, t) = unsafe { (l.head(), l.tail()) };
        if h == atom::intern("unless_suspending") {
            o.unless = true;
        } else if h == atom::intern("asynchronous") {
            o.asynchronous = true;
        } else if h.is_tuple()
            // SAFETY: elements read after the arity check.
            && unsafe { h.tuple_arity() == 2 && h.tuple_elem(0) == atom::intern("asynchronous") }
        {
            o.asynchronous = true;
            // SAFETY: a 2-tuple.
            o.tag = Some(unsafe { h.tuple_elem(1) });
        } else {
            return None;
        }
        l = t;
    }
    (l == NIL).then_some(o)
}

fn suspend_process_2(ctx: &mut Ctx, args: &[Term; 2]) -> Term {
    let (target, opts) = (args[0], args[1]);
    // SAFETY: a process is scheduled on `ctx`.
    let me = unsafe { ctx.process().pid };
    if target == me || !target.is_pid() {
        return am::BADARG;
    }
    let Some(o) = parse(opts) else {
        return atom::intern("badopt");
    };
    let (res, reply) = match crate::proc::suspend::suspend(me, target, o.unless) {
        Some(b) => (Term::boolean(b), atom::intern("suspended")),
        None if o.asynchronous => (am::TRUE, am::BADARG),
        None => (am::BADARG, am::BADARG),
    };
    if let Some(tag) = o.tag {
        let msg = make_tuple(ctx, &[tag, reply]);
        crate::proc::signal::send_copied(me, copy_to_message(msg));
    }
    res
}

fn resume_process_1(ctx: &mut Ctx, args: &[Term; 1]) -> Term {
    let target = args[0];
    // SAFETY: a process is scheduled on `ctx`.
    let me = unsafe { ctx.process().pid };
    if target == me || !target.is_pid() || !crate::proc::suspend::resume(me, target) {
        return ctx.badarg();
    }
    am::TRUE
}
