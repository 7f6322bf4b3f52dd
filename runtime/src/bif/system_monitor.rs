//! `erlang:system_monitor/0,1,2` (the settings and what the collector
//! reports are in `gc/sysmon.rs`), and the internal-state items OTP's
//! tests use with it: `set_internal_state(test_long_gc_sleep, Ms)` and
//! `get_internal_state(force_heap_frags)` (and `gc_state`, see
//! `proc/gc_state.rs`).
//!
//! As BEAM's: `system_monitor()` is `undefined` or `{MonitorPid,
//! Options}`, the options listed as `busy_dist_port`, `busy_port`,
//! `{large_heap, N}`, `{long_schedule, T}`, `{long_gc, T}` (those set);
//! `system_monitor(undefined)`, `system_monitor(Pid, [])` and
//! `system_monitor(undefined, _)` turn monitoring off; every form returns
//! the previous settings. `badarg` for a monitor that is not a live local
//! process, an option list that is not a proper list, or an option not
//! among those, with a value that is not an unsigned 64-bit integer.
//! `long_gc` and `long_schedule` below 1 become 1, `large_heap` below
//! 16384 becomes 16384.

use super::{bif, BifDef};
use crate::data::build::{list_from_slice, make_tuple};
use crate::gc::sysmon::{self, Settings};
use crate::heap::ctx::Ctx;
use crate::term::atom::{self, am};
use crate::term::{Term, NIL};

pub const BIFS: &[BifDef] = &[
    bif!("erlang", "system_monitor", 0, system_monitor_0),
    bif!("erlang", "system_monitor", 1, system_monitor_1),
    bif!("erlang", "system_monitor", 2, system_monitor_2),
];

fn uint(ctx: &mut Ctx, v: u64) -> Term {
    crate::data::big::make_u64(ctx, v)
}

/// The settings as `system_monitor/0` shows them.
fn show(ctx: &mut Ctx, s: Settings) -> Term {
    let Some(pid) = s.monitor else {
        return am::UNDEFINED;
    };
    let mut items = Vec::new();
    if s.busy_dist_port {
        items.push(atom::intern("busy_dist_port"));
    }
    if s.busy_port {
        items.push(atom::intern("busy_port"));
    }
    for (name, v) in [
        ("large_heap", s.large_heap),
        ("long_schedule", s.long_schedule),
        ("long_gc", s.long_gc),
    ] {
        if v != 0 {
            let n = uint(ctx, v);
            items.push(make_tuple(ctx, &[atom::intern(name), n]));
        }
    }
    let list = list_from_slice(ctx, &items);
    make_tuple(ctx, &[pid, list])
}

fn to_u64(t: Term) -> Option<u64> {
    crate::data::big::to_i128(t).and_then(|v| u64::try_from(v).ok())
}

/// Parses an option list into settings for `pid`; None: badarg.
fn parse(pid: Term, mut l: Term) -> Option<Settings> {
    let mut s = Settings {
        monitor: Some(pid),
        ..Settings::default()
    };
    while l.is_list() {
        // SAFETY: a cons cell.
        let (o, t) = unsafe { (l.head(), l.tail()) };
        l = t;
        if o == atom::intern("busy_port") {
            s.busy_port = true;
            continue;
        }
        if o == atom::intern("busy_dist_port") {
            s.busy_dist_port = true;
            continue;
        }
        // SAFETY: elements read after the arity check.
        if !o.is_tuple() || unsafe { o.tuple_arity() } != 2 {
            return None;
        }
        // SAFETY: a 2-tuple.
        let (k, v) = unsafe { (o.tuple_elem(0), o.tuple_elem(1)) };
        let v = to_u64(v)?;
        if k == atom::intern("long_gc") {
            s.long_gc = v.max(1);
        } else if k == atom::intern("long_schedule") {
            s.long_schedule = v.max(1);
        } else if k == atom::intern("large_heap") {
            s.large_heap = v.max(16384);
        } else {
            return None;
        }
    }
    (l == NIL).then_some(s)
}

fn set(ctx: &mut Ctx, pid: Term, opts: Term) -> Term {
    if pid == am::UNDEFINED || opts == NIL {
        let old = sysmon::replace(Settings::default());
        return show(ctx, old);
    }
    if !opts.is_list() {
        return ctx.badarg();
    }
    let alive = pid.is_pid() && crate::proc::ptable::lookup(pid).is_some_and(|r| r.is_alive());
    let Some(new) = parse(pid, opts).filter(|_| alive) else {
        return ctx.badarg();
    };
    sysmon::set_sender(crate::proc::signal::send_copied);
    let old = sysmon::replace(new);
    show(ctx, old)
}

fn system_monitor_0(ctx: &mut Ctx, _: &[Term; 0]) -> Term {
    show(ctx, sysmon::get())
}

fn system_monitor_1(ctx: &mut Ctx, args: &[Term; 1]) -> Term {
    let spec = args[0];
    if spec == am::UNDEFINED {
        return set(ctx, spec, NIL);
    }
    // SAFETY: elements read after the arity check.
    if spec.is_tuple() && unsafe { spec.tuple_arity() } == 2 {
        // SAFETY: a 2-tuple.
        let (pid, opts) = unsafe { (spec.tuple_elem(0), spec.tuple_elem(1)) };
        return set(ctx, pid, opts);
    }
    ctx.badarg()
}

fn system_monitor_2(ctx: &mut Ctx, args: &[Term; 2]) -> Term {
    set(ctx, args[0], args[1])
}

/// `erts_debug:set_internal_state/2` items of this file, or None.
pub fn internal_set(ctx: &mut Ctx, item: Term, value: Term) -> Option<Term> {
    if item == atom::intern("test_long_gc_sleep") {
        sysmon::set_test_sleep(to_u64(value)?);
        return Some(am::TRUE);
    }
    if item == atom::intern("gc_state") {
        // (Not a system monitor item, but one more of the process
        // internals OTP's tests reach through here: `proc/gc_state.rs`.)
        if value != am::TRUE && value != am::FALSE {
            return Some(ctx.badarg());
        }
        // SAFETY: a process is scheduled on `ctx`.
        let me = unsafe { ctx.process().pid };
        let (was_on, waiting) = crate::proc::gc_state::set(me, value == am::TRUE);
        if !waiting.is_empty() {
            // The delayed collection; reached through a call, so no X
            // register is live (as `garbage_collect/0`).
            crate::gc::collect_major(ctx, 0, 0);
            crate::proc::gc_state::answer(waiting, true);
        }
        return Some(Term::boolean(was_on));
    }
    None
}

/// `erts_debug:get_internal_state/1` items of this file, or None.
pub fn internal_get(item: Term) -> Option<Term> {
    // Girder does not force every allocation into heap fragments.
    (item == atom::intern("force_heap_frags")).then_some(am::FALSE)
}
