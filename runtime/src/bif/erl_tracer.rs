//! `erl_tracer`'s NIFs (erts' erl_tracer_nif.c): the default tracer
//! module's `enabled/3` and `trace/5`. Girder has no tracing yet, so
//! nothing calls them on its own; they are plain functions a program can
//! call, and answer and send exactly as erl's do. Ports do not exist yet:
//! a port as the tracer state counts as a dead tracer (`enabled/3`
//! answers `remove`/`discard`, `trace/5` sends nothing).

use super::{bif, BifDef};
use crate::data::build::{list_from_slice, make_tuple};
use crate::data::map;
use crate::heap::ctx::Ctx;
use crate::proc::{entity, ptable, signal};
use crate::term::atom::{self, am};
use crate::term::Term;

pub const BIFS: &[BifDef] = &[
    bif!("erl_tracer", "enabled", 3, enabled_3),
    bif!("erl_tracer", "trace", 5, trace_5),
];

/// `enif_is_process_alive` for a local pid (a native I/O server counts).
fn alive(ctx: &mut Ctx, pid: Term) -> bool {
    // SAFETY: a process is scheduled while BIFs run.
    if pid == unsafe { ctx.process().pid } {
        return true;
    }
    ptable::lookup(pid).is_some_and(|r| r.is_alive() && !signal::doomed(&r))
        || entity::lookup(pid).is_some()
}

/// `enabled(Tag, TracerState, Tracee)`: `trace` while the tracer lives
/// and is not the tracee, else `remove` (for `trace_status`) or `discard`.
fn enabled_3(ctx: &mut Ctx, args: &[Term; 3]) -> Term {
    let (tag, state, tracee) = (args[0], args[1], args[2]);
    let dead = if tag == atom::intern("trace_status") {
        atom::intern("remove")
    } else {
        atom::intern("discard")
    };
    if !state.is_pid() || !alive(ctx, state) {
        return dead;
    }
    if crate::data::compare::eq_exact(state, tracee) {
        return atom::intern("discard");
    }
    atom::intern("trace")
}

/// Calls the registered BIF `erlang:F/A` (for the timestamps erl's NIF
/// takes from the same sources as these BIFs).
fn call_erlang(ctx: &mut Ctx, f: &str, args: &[Term]) -> Term {
    match super::lookup(am::ERLANG, atom::intern(f), args.len() as u32) {
        Some(d) => (d.f)(ctx, args.as_ptr()),
        None => am::UNDEFINED,
    }
}

/// `enif_cpu_time`: this thread's CPU time as `{Mega, Secs, Micro}`.
fn cpu_time(ctx: &mut Ctx) -> Term {
    let mut ts = libc::timespec {
        tv_sec: 0,
        tv_nsec: 0,
    };
    // SAFETY: `ts` is a valid timespec to write.
    unsafe { libc::clock_gettime(libc::CLOCK_THREAD_CPUTIME_ID, &mut ts) };
    let secs = ts.tv_sec;
    let micro = ts.tv_nsec / 1000;
    make_tuple(
        ctx,
        &[
            Term::small(secs / 1_000_000),
            Term::small(secs % 1_000_000),
            Term::small(micro),
        ],
    )
}

/// `trace(Tag, TracerState, Tracee, Msg, Opts)`: sends the trace message
/// erl's default tracer builds to the tracer process; always `ok`.
fn trace_5(ctx: &mut Ctx, args: &[Term; 5]) -> Term {
    let [tag, state, tracee, msg, opts] = *args;
    if !state.is_pid() {
        return am::OK;
    }
    let has_opts = map::is_map(opts) && map::size(opts) > 0;
    let opt = |k: &str| {
        if has_opts {
            map::get(opts, atom::intern(k))
        } else {
            None
        }
    };
    let trace = atom::intern("trace");
    let mut tt: Vec<Term> = match opt("extra") {
        Some(extra) => vec![trace, tracee, tag, msg, extra],
        None if tag == atom::intern("seq_trace") => vec![tag, tracee, msg],
        None => vec![trace, tracee, tag, msg],
    };
    if let Some(v) = opt("match_spec_result") {
        tt.push(v);
    }
    if let Some(v) = opt("scheduler_id") {
        tt.push(v);
    }
    if let Some(v) = opt("timestamp") {
        let ts = if v == atom::intern("monotonic") {
            crate::data::big::make_i64(ctx, super::time::monotonic_ns())
        } else if v == atom::intern("strict_monotonic") {
            let mon = crate::data::big::make_i64(ctx, super::time::monotonic_ns());
            let mods = list_from_slice(ctx, &[atom::intern("monotonic")]);
            let unique = call_erlang(ctx, "unique_integer", &[mods]);
            make_tuple(ctx, &[mon, unique])
        } else if v == atom::intern("timestamp") {
            call_erlang(ctx, "now", &[])
        } else if v == atom::intern("cpu_timestamp") {
            cpu_time(ctx)
        } else {
            return am::OK;
        };
        tt.push(ts);
        if tt[0] == trace {
            tt[0] = atom::intern("trace_ts");
        }
    }
    let m = make_tuple(ctx, &tt);
    // Sending to a pid cannot fail; a dead tracer simply gets nothing,
    // as with erl's enif_send.
    crate::abi::recv::send(ctx, state, m);
    am::OK
}
