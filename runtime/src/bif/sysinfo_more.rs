//! The `erlang:system_info/1` items `sysinfo.rs` does not answer: what
//! describes the build (`endian`, `ethread_info`, `snifs`) and the items
//! about schedulers, time and tracing whose answers follow from girder
//! having one scheduler thread, no tracing and no dynamic trace probes.
//! `sysinfo.rs` falls through to `item/2`; an unknown item is `badarg`.

use crate::data::build::{list_from_slice, make_string, make_tuple};
use crate::heap::ctx::Ctx;
use crate::term::atom::{self, am};
use crate::term::{Term, NIL};

/// The value of `system_info(Item)` for the items below, or `badarg`.
pub fn item(ctx: &mut Ctx, item: Term) -> Term {
    let a = atom::intern;
    match atom::name(item) {
        "endian" => a(if cfg!(target_endian = "little") {
            "little"
        } else {
            "big"
        }),
        "ethread_info" => ethread_info(ctx),
        "snifs" => snifs(ctx),
        // One scheduler thread, never blocked, bound to nothing.
        "scheduler_id" => Term::small(1),
        "schedulers_state" => make_tuple(ctx, &[Term::small(1), Term::small(1), Term::small(1)]),
        "multi_scheduling" => super::sched_flags::multi_scheduling(),
        "multi_scheduling_blockers" | "normal_multi_scheduling_blockers" => NIL,
        "scheduler_bind_type" => a("unbound"),
        "scheduler_bindings" => make_tuple(ctx, &[a("unbound")]),
        "cpu_topology" => am::UNDEFINED,
        "update_cpu_info" => a("unchanged"),
        "cpu_quota" => a("unknown"),
        // Time: OS monotonic clock, final offset, no time warp.
        "time_warp_mode" => a("no_time_warp"),
        "time_correction" => am::TRUE,
        "time_offset" => a("final"),
        "tolerant_timeofday" => a("enabled"),
        // No tracing, no dynamic trace probes, no lock checking, no NIFs.
        "trace_control_word" => Term::small(0),
        "sequential_tracer" => make_tuple(ctx, &[a("sequential_tracer"), am::FALSE]),
        "dynamic_trace" => a("none"),
        "dynamic_trace_probes" | "lock_checking" | "lock_counting" | "break_ignored" => am::FALSE,
        "modified_timing_level" => am::UNDEFINED,
        "taints" => NIL,
        "compat_rel" => Term::small(25),
        "message_queue_data" => a("on_heap"),
        // Not distributed: no distribution controllers; no ports.
        "dist_ctrl" => NIL,
        "port_count" => Term::small(0),
        "port_parallelism" => am::FALSE,
        _ => ctx.badarg(),
    }
}

/// `ethread_info`: the native atomics girder's tables use (Rust's
/// `core::sync::atomic`, lock-free on every target girder builds for), in
/// BEAM's `{Feature, Implementation, [Operation]}` shape.
fn ethread_info(ctx: &mut Ctx) -> Term {
    let mut items = Vec::new();
    for (feature, ops) in [
        ("32-bit native atomics", "AtomicU32"),
        ("64-bit native atomics", "AtomicU64"),
    ] {
        let f = make_string(ctx, feature);
        let i = make_string(ctx, "core::sync::atomic");
        let o = make_string(ctx, ops);
        let ol = list_from_slice(ctx, &[o]);
        items.push(make_tuple(ctx, &[f, i, ol]));
    }
    list_from_slice(ctx, &items)
}

/// `snifs`: the BIFs of BEAM's table that girder implements, as
/// `{Module, Name, Arity}` (girder's registry also holds native
/// replacements of Erlang functions, which are not BIFs).
fn snifs(ctx: &mut Ctx) -> Term {
    let mut seen = std::collections::HashSet::new();
    let mut out = Vec::new();
    for d in super::all() {
        if !super::builtin_list::is_beam_bif(d.module, d.name, d.arity as i64)
            || !seen.insert((d.module, d.name, d.arity))
        {
            continue;
        }
        let m = atom::intern(d.module);
        let f = atom::intern(d.name);
        out.push(make_tuple(ctx, &[m, f, Term::small(d.arity as i64)]));
    }
    list_from_slice(ctx, &out)
}
