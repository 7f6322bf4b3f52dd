//! Message trace patterns: `erlang:trace_pattern(send | 'receive', Spec,
//! [])` and `trace_info(send | 'receive', match_spec)`, BEAM's
//! `erts_set_tracing_event_pattern`. Each event has a pattern that is on
//! (every event of a process traced with the flag is reported; the
//! default), off (none is), or a match specification run on `[Receiver,
//! Msg]` (`send`) that decides per message and may add `message(..)`'s
//! value as an extra element of the trace message.
//!
//! The sending process runs the `send` spec (`proc::tracing::send` calls
//! `filter` through `MSG_FILTER`), so it sees that process as `self()` and
//! `{silent, Bool}` changes its flags. A `'receive'` spec runs on `[Node,
//! Sender, Msg]` when the message enters the receiver's queue
//! (`proc::tracing::received` calls `receive_filter` through
//! `RECV_FILTER`), in the receiver's name; it may use none of the forms
//! that act on a process (as erl). The sender comes from the message
//! (`proc::tracing::sender_of`).

use crate::data::build::{list_from_slice, make_tuple};
use crate::ets::ms::CompiledMs;
use crate::gc::copy::copy_to_message;
use crate::heap::ctx::Ctx;
use crate::heap::process::{Message, Process};
use crate::proc::tracing::{self, MsgPattern};
use crate::term::atom::{self, am};
use crate::term::Term;
use std::sync::{Arc, RwLock};

/// The `send` pattern's match spec and its source (`trace_info`); set only
/// while `tracing::SEND_PATTERN` says `Ms`.
#[allow(clippy::type_complexity)]
static SEND_MS: RwLock<Option<(Arc<CompiledMs>, Arc<Message>)>> = RwLock::new(None);

/// The `'receive'` pattern's match spec and its source, as `SEND_MS`.
#[allow(clippy::type_complexity)]
static RECV_MS: RwLock<Option<(Arc<CompiledMs>, Arc<Message>)>> = RwLock::new(None);

fn slot(send: bool) -> &'static RwLock<Option<(Arc<CompiledMs>, Arc<Message>)>> {
    if send {
        &SEND_MS
    } else {
        &RECV_MS
    }
}

/// Registers `filter` with the tracing layer.
pub fn install() {
    let _ = tracing::MSG_FILTER.set(filter);
    let _ = tracing::RECV_FILTER.set(receive_filter);
    let _ = crate::ets::ms::PROCESS_DUMP.set(process_dump);
    let _ = crate::ets::ms::TRACE_FLAG.set(trace_flag);
    let _ = crate::ets::ms::TRACE_SET.set(trace_set);
}

/// A match spec's `{trace, [Target,] Disable, Enable}` (BEAM's
/// `matchTrace2/3` and `set_match_trace`): the tracer is the traced
/// process's unless a `{tracer, ...}` in the lists names another (the
/// enable list's last); with a tracer, the target's flags lose `Disable`
/// and gain `Enable` (none left: no tracer), without one they are all
/// cleared. `true` if the flags or the tracer changed, else `false`;
/// `'EXIT'` for a bad list, `cpu_timestamp`, an unknown target or a
/// tracer that is gone.
fn trace_set(ctx: &mut Ctx, target: Option<Term>, disable: Term, enable: Term) -> Term {
    let fail = atom::intern("EXIT");
    // SAFETY: match specs run with a process bound to `ctx`.
    let me = unsafe { ctx.process() };
    let mut tracer = tracing::tracer(me);
    let (Some((dmask, dt, dcpu)), Some((emask, et, ecpu))) = (
        super::trace::parse_flags(disable),
        super::trace::parse_flags(enable),
    ) else {
        return fail;
    };
    if dcpu || ecpu {
        return fail;
    }
    tracer = et.or(dt).or(tracer);
    let pid = match target {
        None => me.pid,
        Some(t) if t.is_pid() => t,
        Some(t) if t.is_atom() => match crate::proc::ptable::whereis(t) {
            Some(p) => p,
            None => return fail,
        },
        Some(_) => return fail,
    };
    let Some(r) = crate::proc::ptable::lookup(pid).filter(|r| r.is_alive()) else {
        return fail;
    };
    if tracer.is_some_and(|t| !tracing::tracer_alive(t)) {
        return fail;
    }
    let p = tracing::of(&r);
    let old = tracing::flags_set(p) & crate::heap::trace_flags::TRACEE;
    let old_tracer = tracing::tracer(p);
    let (flags, tracer) = match tracer {
        None => (0, None),
        Some(t) => {
            let f = (old & !dmask) | emask;
            (f, (f != 0).then_some(t))
        }
    };
    tracing::set(p, flags, tracer);
    if flags != old || tracer != old_tracer {
        am::TRUE
    } else {
        am::FALSE
    }
}

/// A match spec's `enable_trace`/`disable_trace`: turns trace flag `flag`
/// of `target` (a pid or registered name; None: the traced process itself)
/// on or off, with the traced process's tracer (BEAM: "always take over
/// the tracer of the current process"). `'EXIT'` for an unknown flag or
/// process.
fn trace_flag(ctx: &mut Ctx, enable: bool, target: Option<Term>, flag: Term) -> Term {
    let fail = atom::intern("EXIT");
    let Some(bit) = super::trace::flag_bit(flag) else {
        return fail;
    };
    // SAFETY: match specs run with a process bound to `ctx`.
    let me = unsafe { ctx.process() };
    let tracer = tracing::tracer(me);
    let pid = match target {
        None => me.pid,
        Some(t) if t.is_pid() => t,
        Some(t) if t.is_atom() => match crate::proc::ptable::whereis(t) {
            Some(p) => p,
            None => return fail,
        },
        Some(_) => return fail,
    };
    let Some(r) = crate::proc::ptable::lookup(pid).filter(|r| r.is_alive()) else {
        return fail;
    };
    let p = tracing::of(&r);
    let f = tracing::flags_set(p);
    tracing::set(p, if enable { f | bit } else { f & !bit }, tracer);
    am::TRUE
}

/// A match spec's `{process_dump}`: the `=proc` record of the process
/// bound to `ctx`, as a binary (BEAM's also has its stack dump).
fn process_dump(ctx: &mut Ctx) -> Term {
    // SAFETY: match specs run with a process bound to `ctx`.
    let pid = unsafe { ctx.process() }.pid;
    let text = super::crash_dump::break_process(pid);
    crate::data::binary::build::make_binary(ctx, &text)
}

/// `trace_pattern(Event, Spec, Flags)` for `Event` `send` or `'receive'`.
/// BEAM compiles the spec first, then reads the flags; any flag (they
/// all name call tracing) and `restart`/`pause` are `badarg`.
pub fn set(ctx: &mut Ctx, event: Term, spec: Term, flags: Term) -> Term {
    let send = event == atom::intern("send");
    let ms = if spec == am::TRUE || spec == am::FALSE || spec.is_nil() {
        None
    } else if spec.is_list() {
        // `'receive'` specs run outside the receiver's code: no forms
        // that act on a process (erl's `erts_match_set_compile_trace`
        // without `DCOMP_ALLOW_TRACE_OPS`).
        let ops = if send { crate::ets::ms::OPS_TRACE } else { 0 };
        match CompiledMs::compile_trace_event(ctx, spec, ops) {
            Ok(c) => Some(Arc::new(c)),
            Err(crate::ets::ms::Invalid::SystemLimit) => return ctx.error(am::SYSTEM_LIMIT),
            Err(_) => return ctx.badarg_cause("match_spec"),
        }
    } else if spec == atom::intern("restart") || spec == atom::intern("pause") {
        return ctx.badarg_cause("none");
    } else {
        return ctx.badarg_cause("match_spec");
    };
    if !super::trace_pattern::valid_opts(ctx, flags) {
        return ctx.badarg_cause("badopt");
    }
    if !flags.is_nil() {
        return ctx.badarg_cause("none");
    }
    let state = match (&ms, spec == am::FALSE) {
        (_, true) => MsgPattern::Off,
        (Some(_), _) => MsgPattern::Ms,
        (None, _) => MsgPattern::On,
    };
    let mut slot = slot(send).write().unwrap_or_else(|e| e.into_inner());
    *slot = ms.map(|m| (m, Arc::new(copy_to_message(spec))));
    tracing::set_msg_pattern(send, state);
    Term::small(1)
}

/// `trace_info(send | 'receive', match_spec)`: `true` (on), `false` (off)
/// or the match spec.
pub fn info(ctx: &mut Ctx, event: Term, key: Term) -> Term {
    if key != atom::intern("match_spec") {
        return ctx.badarg();
    }
    let send = event == atom::intern("send");
    let v = match tracing::msg_pattern(send) {
        MsgPattern::On => am::TRUE,
        MsgPattern::Off => am::FALSE,
        MsgPattern::Ms => match slot(send)
            .read()
            .unwrap_or_else(|e| e.into_inner())
            .as_ref()
        {
            Some((_, src)) => crate::gc::copy::copy_into(ctx, src.term),
            None => am::TRUE,
        },
    };
    make_tuple(ctx, &[key, v])
}

/// Runs the `send` pattern's spec for the process bound to `ctx` sending
/// `args` (`[Receiver, Msg]`): None when no clause matches or the body
/// called `message(false)`, else `true` or what `message/1` set.
fn filter(ctx: &mut Ctx, args: &[Term]) -> Option<Term> {
    let ms = SEND_MS
        .read()
        .unwrap_or_else(|e| e.into_inner())
        .as_ref()
        .map(|(m, _)| m.clone())?;
    let list = list_from_slice(ctx, args);
    let o = ms.run_trace(ctx, list);
    super::trace_call::apply_silent(ctx, o.flags);
    o.result.filter(|&r| r != am::FALSE)
}

/// Runs the `'receive'` pattern's spec for the receiver `p` on `[Node,
/// Sender, Msg]` (BEAM's `trace_receive`) and reports the event when a
/// clause accepts it: `{trace, P, 'receive', Msg}`, with `message/1`'s
/// value as an extra element. The receiver is not running here, so the
/// spec runs on a scratch context whose process has the receiver's pid
/// (`self()`); what it builds dies with it, after the event is copied.
fn receive_filter(p: &Process, node: Term, sender: Term, msg: Term) {
    let Some(ms) = RECV_MS
        .read()
        .unwrap_or_else(|e| e.into_inner())
        .as_ref()
        .map(|(m, _)| m.clone())
    else {
        return;
    };
    crate::io::port::scratch::with_ctx(|ctx| {
        // SAFETY: `with_ctx` binds a scratch process of its own to `ctx`.
        unsafe { ctx.process().pid = p.pid };
        let args = list_from_slice(ctx, &[node, sender, msg]);
        let o = ms.run_trace(ctx, args);
        let Some(r) = o.result.filter(|&r| r != am::FALSE) else {
            return;
        };
        // A silent receiver reports nothing (tested after the spec, as
        // BEAM).
        if tracing::flags(p) & crate::heap::trace_flags::SILENT != 0 {
            return;
        }
        if r == am::TRUE {
            tracing::event(p, "receive", &[msg]);
        } else {
            tracing::event(p, "receive", &[msg, r]);
        }
    });
}
