//! The `erlang:statistics/1` items that count what the VM did (the time
//! items are in `time.rs`), and `erts_internal:scheduler_wall_time/1`.
//!
//! Girder runs one normal scheduler and no dirty ones, but reports the
//! dirty CPU (and, for `*_all`, dirty I/O) queues as BEAM lists them, so
//! that the lists have BEAM's shape: per-scheduler lists are `[Normal...,
//! DirtyCpu]` and `[Normal..., DirtyCpu, DirtyIo]`; nothing ever waits in
//! the dirty queues.

use super::{bif, BifDef};
use crate::data::big;
use crate::data::build::{list_from_slice, make_tuple};
use crate::heap::ctx::Ctx;
use crate::sched::stats;
use crate::term::atom::{self, am};
use crate::term::Term;

pub const BIFS: &[BifDef] = &[bif!(
    "erts_internal",
    "scheduler_wall_time",
    1,
    scheduler_wall_time_1
)];

/// `statistics(Item)` for the counting items; `None` for an unknown one.
pub(super) fn item(ctx: &mut Ctx, what: &str) -> Option<Term> {
    let (waiting, running) = stats::run_queue();
    let per_sched = |ctx: &mut Ctx, n: usize, all: bool| {
        let mut v = vec![Term::small(n as i64), Term::small(0)];
        if all {
            v.push(Term::small(0));
        }
        list_from_slice(ctx, &v)
    };
    Some(match what {
        "run_queue" | "total_run_queue_lengths" | "total_run_queue_lengths_all" => {
            Term::small(waiting as i64)
        }
        "total_active_tasks" | "total_active_tasks_all" => Term::small((waiting + running) as i64),
        "run_queue_lengths" => per_sched(ctx, waiting, false),
        "run_queue_lengths_all" => per_sched(ctx, waiting, true),
        "active_tasks" => per_sched(ctx, waiting + running, false),
        "active_tasks_all" => per_sched(ctx, waiting + running, true),
        "context_switches" => {
            let n = big::make_u64(ctx, stats::context_switches());
            make_tuple(ctx, &[n, Term::small(0)])
        }
        "garbage_collection" => {
            let (gcs, words) = crate::gc::stats::totals();
            let g = big::make_u64(ctx, gcs);
            let w = big::make_u64(ctx, words);
            make_tuple(ctx, &[g, w, Term::small(0)])
        }
        "io" => {
            let (i, o) = crate::io::stats::totals();
            let iv = big::make_u64(ctx, i);
            let ov = big::make_u64(ctx, o);
            let input = make_tuple(ctx, &[atom::intern("input"), iv]);
            let output = make_tuple(ctx, &[atom::intern("output"), ov]);
            make_tuple(ctx, &[input, output])
        }
        "scheduler_wall_time" => wall_time(ctx, false),
        "scheduler_wall_time_all" => wall_time(ctx, true),
        _ => return None,
    })
}

/// `[{Id, Active, Total}]` for the normal and dirty CPU schedulers (and
/// dirty I/O with `all`), or `undefined` when accounting is off. Dirty
/// schedulers never run, so they are never active.
fn wall_time(ctx: &mut Ctx, all: bool) -> Term {
    let Some(normal) = stats::wall_time() else {
        return am::UNDEFINED;
    };
    let total = normal.first().map_or(0, |s| s.1);
    let mut rows: Vec<(u64, u64)> = normal;
    rows.push((0, total));
    if all {
        rows.push((0, total));
    }
    let mut out = Vec::with_capacity(rows.len());
    for (i, (active, total)) in rows.into_iter().enumerate() {
        let a = big::make_u64(ctx, active);
        let t = big::make_u64(ctx, total);
        out.push(make_tuple(ctx, &[Term::small(i as i64 + 1), a, t]));
    }
    list_from_slice(ctx, &out)
}

/// Switches scheduler wall-time accounting on or off; the previous
/// setting. (erl reference-counts the requests in `kernel_refc`, which
/// calls this.)
fn scheduler_wall_time_1(_ctx: &mut Ctx, args: &[Term; 1]) -> Term {
    // Anything but `true` switches it off, as in BEAM.
    if stats::set_wall_time(args[0] == am::TRUE) {
        am::TRUE
    } else {
        am::FALSE
    }
}
