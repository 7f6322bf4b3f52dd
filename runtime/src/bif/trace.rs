//! `erlang:trace/3` (`erts_internal:trace/3`, which erlang.erl's wrapper
//! calls), `erlang:trace_info/2` and `erlang:trace_delivered/1`, as
//! erts' `erl_bif_trace.c` answers them. The trace events themselves are
//! `proc::tracing` (process events), `sched::traced` (running, call steps)
//! and `bif/trace_call.rs` (call, return and exception events).

use super::{bif, BifDef};
use crate::data::build::{list_from_slice, make_ref, make_tuple};
use crate::heap::ctx::Ctx;
use crate::heap::process::Process;
use crate::heap::trace_flags as tf;
use crate::proc::ptable::{self, ProcRef};
use crate::proc::spawn::Start;
use crate::proc::{signal, tracing};
use crate::term::atom::{self, am};
use crate::term::{Term, NIL};

pub const BIFS: &[BifDef] = &[
    bif!("erts_internal", "trace", 3, trace_3),
    bif!("erlang", "trace_info", 2, trace_info_2),
    bif!("erlang", "trace_delivered", 1, trace_delivered_1),
];

/// The flag names in the order `trace_info(_, flags)` lists them (BEAM
/// conses them in reverse of this).
const NAMES: &[(&str, u32)] = &[
    ("timestamp", tf::NOW_TS),
    ("strict_monotonic_timestamp", tf::STRICT_MON_TS),
    ("monotonic_timestamp", tf::MON_TS),
    ("send", tf::SEND),
    ("receive", tf::RECEIVE),
    ("set_on_spawn", tf::SOS),
    ("call", tf::CALL),
    ("procs", tf::PROCS),
    ("set_on_first_spawn", tf::SOS1),
    ("set_on_link", tf::SOL),
    ("set_on_first_link", tf::SOL1),
    ("running", tf::RUNNING),
    ("exiting", tf::EXITING),
    ("garbage_collection", tf::GC),
    ("arity", tf::ARITY),
    ("return_to", tf::RETURN_TO),
    ("silent", tf::SILENT),
    ("scheduler_id", tf::SCHED_NO),
    ("ports", tf::PORTS),
    ("running_ports", tf::RUNNING_PORTS),
    ("running_procs", tf::RUNNING_PROCS),
];

/// The bit of a single flag's name (`enable_trace` in match specs).
pub fn flag_bit(name: Term) -> Option<u32> {
    if !name.is_atom() {
        return None;
    }
    NAMES
        .iter()
        .find(|(n, _)| atom::intern(n) == name)
        .map(|&(_, b)| b)
}

/// Every flag (`all`).
const ALL: u32 = ((tf::RUNNING_PROCS << 1) - 1) | tf::NOW_TS | tf::MON_TS | tf::STRICT_MON_TS;

/// The monotonic and system clocks in ns, for trace timestamps.
fn clock() -> (i64, i64) {
    (super::time::monotonic_ns(), super::time::system_ns())
}

/// Registers tracing's upward services (the GC hook, the clock and the
/// call hook).
pub fn install() {
    tracing::install(clock);
    super::trace_msg::install();
    crate::code::prepared::set_new_code_hook(super::trace_pattern::new_code);
    crate::sched::traced::set_call_hook(
        super::trace_call::on_call,
        super::trace_call::exception_passed,
        super::trace_call::on_bif_call,
        (
            super::trace_call::on_bif_return,
            super::trace_call::on_bif_trapped,
        ),
    );
    crate::sched::traced::set_slice_hook(super::trace_time::slice);
    crate::sched::traced::set_apply_hook(super::trace_call::on_bif_apply);
}

/// `{tracer, Pid}` or `{tracer, erl_tracer, Pid}`: the tracer's pid.
/// Other tracer modules are not supported (None).
fn parse_tracer(t: Term) -> Option<Term> {
    tagged_tracer(t, "tracer")
}

/// `{Tag, Pid}` or `{Tag, erl_tracer, Pid}` (`tracer` in trace flags,
/// `meta` in trace patterns): the pid; None for anything else (tracer
/// modules other than `erl_tracer`, ports).
pub(super) fn tagged_tracer(t: Term, tag: &str) -> Option<Term> {
    // SAFETY: arities are checked before reading elements.
    unsafe {
        if !t.is_tuple() || t.tuple_elem(0) != atom::intern(tag) {
            return None;
        }
        match t.tuple_arity() {
            2 if t.tuple_elem(1).is_pid() => Some(t.tuple_elem(1)),
            3 if t.tuple_elem(1) == atom::intern("erl_tracer") && t.tuple_elem(2).is_pid() => {
                Some(t.tuple_elem(2))
            }
            _ => None,
        }
    }
}

/// Parses a flag list: the mask, the tracer given, whether cpu_timestamp
/// was asked for. None: not a valid list.
pub(super) fn parse_flags(list: Term) -> Option<(u32, Option<Term>, bool)> {
    let mut mask = 0;
    let mut tracer = None;
    let mut cpu = false;
    let mut l = list;
    while l.is_list() {
        // SAFETY: a list term points at a valid cons cell.
        let (h, t) = unsafe { (Term(*l.list_ptr()), Term(*l.list_ptr().add(1))) };
        if h.is_atom() {
            if h == am::ALL {
                mask |= ALL;
            } else if h == atom::intern("cpu_timestamp") {
                cpu = true;
            } else {
                let bit = NAMES
                    .iter()
                    .find(|(n, _)| atom::intern(n) == h)
                    .map(|&(_, b)| b)?;
                mask |= bit;
            }
        } else if h.is_tuple() {
            tracer = Some(parse_tracer(h)?);
        } else {
            return None;
        }
        l = t;
    }
    if !l.is_nil() {
        return None;
    }
    Some((mask, tracer, cpu))
}

/// BEAM's `start_trace`: false when `p` is traced by another live tracer.
fn start_trace(p: &Process, tracer: Option<Term>, on: bool, mask: u32) -> bool {
    let cur = tracing::tracer(p);
    if let (Some(new), Some(old)) = (tracer, cur) {
        if tracing::flags_set(p) != 0 && new != old && tracing::tracer_alive(old) {
            return false;
        }
    }
    let f = tracing::flags_set(p);
    let f = if on { f | mask } else { f & !mask };
    let t = tracer.or(cur);
    tracing::set(p, f, t);
    true
}

fn trace_3(ctx: &mut Ctx, args: &[Term; 3]) -> Term {
    let (spec, how, list) = (args[0], args[1], args[2]);
    let Some((mask, tracer, cpu)) = parse_flags(list) else {
        return ctx.badarg_cause("badopt");
    };
    // SAFETY: a process is scheduled on `ctx`.
    let me = unsafe { ctx.process() }.pid;
    let on = if how == am::TRUE {
        true
    } else if how == am::FALSE {
        false
    } else {
        return ctx.badarg();
    };
    let tracer = if on {
        Some(tracer.unwrap_or(me))
    } else {
        tracer
    };
    if let Some(t) = tracer {
        if on && !tracing::tracer_alive(t) {
            return ctx.badarg();
        }
    }
    let mut matches = 0i64;
    if spec.is_pid() {
        if cpu {
            return ctx.badarg();
        }
        let Some(r) = ptable::lookup(spec).filter(|r| r.is_alive()) else {
            return ctx.badarg();
        };
        if !start_trace(tracing::of(&r), tracer, on, mask) {
            return ctx.badarg();
        }
        matches = 1;
    } else if spec.is_port() {
        // Ports are not traced (no port events yet).
        return ctx.badarg();
    } else if spec.is_atom() {
        let name = atom::name(spec);
        let existing = matches!(
            name,
            "all" | "existing" | "processes" | "existing_processes"
        );
        let new = matches!(name, "all" | "new" | "processes" | "new_processes");
        let ports = matches!(name, "ports" | "existing_ports" | "new_ports");
        if !existing && !new && !ports {
            return ctx.badarg();
        }
        // `cpu_timestamp` only with `all` (BEAM's `erts_cpu_timestamp`).
        if cpu {
            if spec != am::ALL {
                return ctx.badarg();
            }
            tracing::CPU_TS.store(on, std::sync::atomic::Ordering::Relaxed);
        }
        if existing {
            for pid in ptable::all_pids() {
                if let Some(r) = ptable::lookup(pid).filter(|r| r.is_alive()) {
                    if start_trace(tracing::of(&r), tracer, on, mask) {
                        matches += 1;
                    }
                }
            }
        }
        if new {
            let (f, t) = tracing::new_defaults();
            let f = if on { f | mask } else { f & !mask };
            tracing::set_new_defaults(f, tracer.or(t));
        }
    } else {
        return ctx.badarg();
    }
    // Call tracing of the caller itself starts at its next function
    // entry: end the slice there (`sched::traced` steps from then on).
    // SAFETY: a process is scheduled on `ctx`.
    if on && mask & tf::CALL != 0 && unsafe { ctx.process() }.trace_flags.load(ORD) != 0 {
        ctx.reds = 0;
    }
    Term::small(matches)
}

const ORD: std::sync::atomic::Ordering = std::sync::atomic::Ordering::Relaxed;

/// The flag list of `flags`, in BEAM's order.
fn flag_list(ctx: &mut Ctx, flags: u32) -> Term {
    let items: Vec<Term> = NAMES
        .iter()
        .rev()
        .filter(|(_, b)| flags & b != 0)
        .map(|(n, _)| atom::intern(n))
        .collect();
    list_from_slice(ctx, &items)
}

fn trace_info_2(ctx: &mut Ctx, args: &[Term; 2]) -> Term {
    let (what, key) = (args[0], args[1]);
    if what.is_tuple() || what == atom::intern("on_load") {
        return super::trace_pattern::info(ctx, what, key);
    }
    let (flags, tracer) = if what == atom::intern("new") || what == atom::intern("new_processes") {
        tracing::new_defaults()
    } else if what == atom::intern("new_ports") {
        (0, None)
    } else if what.is_pid() {
        if key != atom::intern("flags") && key != atom::intern("tracer") {
            return ctx.badarg();
        }
        match ptable::lookup(what).filter(|r| r.is_alive()) {
            Some(r) => {
                let p = tracing::of(&r);
                // A tracer that is gone no longer counts.
                if let Some(t) = tracing::tracer(p) {
                    if !tracing::tracer_alive(t) {
                        tracing::set(p, 0, None);
                    }
                }
                (tracing::flags_set(p), tracing::tracer(p))
            }
            None => return am::UNDEFINED,
        }
    } else if what.is_port() {
        (0, None)
    } else if what == atom::intern("send") || what == atom::intern("receive") {
        // Message trace patterns (trace_pattern(send | 'receive', ..)).
        return super::trace_msg::info(ctx, what, key);
    } else {
        return ctx.badarg_cause("badopt");
    };
    if key == atom::intern("flags") {
        let l = flag_list(ctx, flags);
        make_tuple(ctx, &[key, l])
    } else if key == atom::intern("tracer") {
        make_tuple(ctx, &[key, tracer.unwrap_or(NIL)])
    } else {
        ctx.badarg()
    }
}

fn trace_delivered_1(ctx: &mut Ctx, args: &[Term; 1]) -> Term {
    let t = args[0];
    if !t.is_pid() && t != am::ALL {
        return ctx.badarg();
    }
    // Trace messages are delivered when made: nothing is in flight.
    let r = make_ref(ctx);
    let msg = make_tuple(ctx, &[atom::intern("trace_delivered"), t, r]);
    // SAFETY: a process is scheduled on `ctx`.
    let me = unsafe { ctx.process() }.pid;
    if let Some(pr) = ptable::lookup(me) {
        signal::deliver_message(&pr, crate::gc::copy::copy_to_message(msg));
    }
    r
}

/// After the traced process bound to `ctx` spawned `child`: `spawn` /
/// `spawned` events, inherited flags, and the link events of a
/// `spawn_link`.
pub fn after_spawn(ctx: &mut Ctx, child: Term, start: Start, link: bool) {
    let (m, f, a) = match start {
        Start::Mfa(m, f, a) => (m, f, a),
        Start::Fun(fun) => {
            let inner = list_from_slice(ctx, &[fun, NIL]);
            (am::ERLANG, am::APPLY, inner)
        }
    };
    let Some(r) = ptable::lookup(child) else {
        return;
    };
    // SAFETY: a process is scheduled on `ctx`.
    let parent = unsafe { &*ctx.proc_ };
    tracing::spawned(parent, tracing::of(&r), m, f, a);
    if link {
        linked(parent, &r, true);
    }
}

/// `p` linked to or unlinked from the process `r`.
pub fn linked(p: &Process, r: &ProcRef, link: bool) {
    let o = tracing::of(r);
    if tracing::flags_set(p) != 0 || tracing::flags(o) != 0 {
        tracing::linked(p, r.pid(), link);
    }
}
