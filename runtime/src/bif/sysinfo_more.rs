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
        // The text sections erl's crash dump has, as binaries.
        "info" => text(ctx, |out| {
            super::crash_dump::memory(out);
            use std::io::Write;
            let _ = write!(out, "=index_table:atom_tab\nentries: {}\n", atom::count());
        }),
        "procs" => text(ctx, super::crash_dump::processes),
        "loaded" => text(ctx, loaded),
        "dist" => text(ctx, |out| {
            out.extend_from_slice(b"=node:'nonode@nohost'\n=no_distribution\n")
        }),
        "ets_count" => Term::small(crate::ets::all_tables().len() as i64),
        "min_bin_vheap_size" => make_tuple(
            ctx,
            &[
                a("min_bin_vheap_size"),
                Term::small(crate::heap::vheap::min_bin_vheap() as i64),
            ],
        ),
        "garbage_collection" => garbage_collection(ctx),
        "system_architecture" => make_string(ctx, &system_architecture()),
        // Monotonic time (native unit, ns) at start-up.
        "start_time" => crate::data::big::make_i64(ctx, super::time::start_ns()),
        // Every size of BEAM's heap-size table (`gc::heap_sizes`).
        "heap_sizes" => {
            let sizes: Vec<Term> = crate::gc::heap_sizes()
                .into_iter()
                .map(|n| crate::data::big::make_u64(ctx, n as u64))
                .collect();
            list_from_slice(ctx, &sizes)
        }
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
        // No dynamic trace probes, no lock checking, no NIFs.
        "trace_control_word" => crate::ets::ms::tcw(),
        "sequential_tracer" => {
            let t = crate::proc::seq_trace::tracer().unwrap_or(am::FALSE);
            make_tuple(ctx, &[a("sequential_tracer"), t])
        }
        "dynamic_trace" => a("none"),
        "dynamic_trace_probes" | "lock_checking" | "lock_counting" | "break_ignored" => am::FALSE,
        "modified_timing_level" => am::UNDEFINED,
        "taints" => NIL,
        "compat_rel" => Term::small(25),
        "message_queue_data" => a("on_heap"),
        // Not distributed: no distribution controllers.
        "dist_ctrl" => NIL,
        "port_count" => Term::small(crate::io::port::all().len() as i64),
        "port_parallelism" => am::FALSE,
        _ => ctx.badarg(),
    }
}

fn text(ctx: &mut Ctx, fill: impl FnOnce(&mut Vec<u8>)) -> Term {
    let mut out = Vec::new();
    fill(&mut out);
    crate::data::binary::build::make_binary(ctx, &out)
}

/// `system_info(loaded)`: code sizes, then each current module and its
/// bytes, as the `=loaded_modules` section of erl's crash dump.
fn loaded(out: &mut Vec<u8>) {
    use std::io::Write;
    let (current, old) = crate::code::module::code_sizes();
    let total: usize = current.iter().map(|(_, b)| b).sum();
    let _ = write!(out, "Current code: {total}\nOld code: {old}\n");
    for (name, bytes) in current {
        let _ = writeln!(out, "{} {bytes}", atom::name(name));
    }
}

/// `system_info(garbage_collection)`: the system-wide defaults new
/// processes get, in erl's order.
fn garbage_collection(ctx: &mut Ctx) -> Term {
    let a = atom::intern;
    let items = [
        ("max_heap_size", 0),
        (
            "min_bin_vheap_size",
            crate::heap::vheap::min_bin_vheap() as i64,
        ),
        (
            "min_heap_size",
            crate::heap::process::DEFAULT_HEAP_WORDS as i64,
        ),
        (
            "fullsweep_after",
            crate::heap::process::DEFAULT_FULLSWEEP_AFTER as i64,
        ),
    ];
    let mut out = Vec::new();
    for (k, v) in items {
        out.push(make_tuple(ctx, &[a(k), Term::small(v)]));
    }
    list_from_slice(ctx, &out)
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

/// `snifs`: BEAM's BIF table as `{Module, Name, Arity}`, as erl answers
/// it (the whole of `bif.tab`, whatever girder implements natively: its
/// registry also holds replacements of Erlang functions, which are not
/// BIFs, and `erlang:is_builtin/3` answers from the same table).
fn snifs(ctx: &mut Ctx) -> Term {
    let mut out = Vec::new();
    for (m, f, a) in super::builtin_list::bif_tab() {
        let (m, f) = (atom::intern(m), atom::intern(f));
        out.push(make_tuple(ctx, &[m, f, Term::small(a as i64)]));
    }
    list_from_slice(ctx, &out)
}

/// The autoconf-style triple erl reports (`x86_64-pc-linux-gnu`), built
/// from the target girder was compiled for.
fn system_architecture() -> String {
    let arch = std::env::consts::ARCH;
    let vendor = if matches!(arch, "x86_64" | "x86") {
        "pc"
    } else {
        "unknown"
    };
    let os = match (std::env::consts::OS, cfg!(target_env = "gnu")) {
        ("linux", true) => "linux-gnu".to_string(),
        (os, _) => os.to_string(),
    };
    format!("{arch}-{vendor}-{os}")
}
