//! `process_info/2` items BEAM has for debugging, and the item table as
//! `erts_debug:get_internal_state(process_info_args)` lists it:
//! - `trace`: the process's tracee flags as BEAM's bit word (its
//!   `F_TRACE_*` bits and timestamp type, `TRACEE_FLAGS`), from girder's
//!   own trace flags (`heap/trace_flags.rs`);
//! - `last_calls`: `false` unless `process_flag(save_calls, N)` is on;
//!   girder keeps the setting but records no calls, so the list is then
//!   empty;
//! - `magic_ref`: `{Address, Size, Holders}` per magic reference on the
//!   process's heap (BEAM's magic binaries: address, `orig_size`, refc),
//!   most recent first.

use crate::data::build::{list_from_slice, make_tuple};
use crate::heap::ctx::Ctx;
use crate::heap::process::Process;
use crate::heap::trace_flags as tf;
use crate::term::atom::{self, am};
use crate::term::{Term, NIL};
use std::sync::atomic::Ordering;

/// BEAM's timestamp-type bits below its `F_TRACE_*` flags.
const TS_TYPE_BITS: u32 = 3;

/// BEAM's bit for its `F_TRACE_FLAG(n)`.
const fn beam_flag(n: u32) -> u32 {
    1 << (TS_TYPE_BITS + n)
}

/// Girder's trace flags and the BEAM bits they stand for.
const TRACE_BITS: &[(u32, u32)] = &[
    (tf::NOW_TS, 1),
    (tf::STRICT_MON_TS, 2),
    (tf::MON_TS, 4),
    (tf::SEND, beam_flag(1)),
    (tf::RECEIVE, beam_flag(2)),
    (tf::SOS, beam_flag(3)),
    (tf::SOS1, beam_flag(4)),
    (tf::SOL, beam_flag(5)),
    (tf::SOL1, beam_flag(6)),
    (tf::CALL, beam_flag(7)),
    (tf::PROCS, beam_flag(8)),
    (tf::RUNNING, beam_flag(10)),
    (tf::GC, beam_flag(11)),
    (tf::ARITY, beam_flag(12)),
    (tf::RETURN_TO, beam_flag(13)),
    (tf::SILENT, beam_flag(14)),
    (tf::RUNNING_PORTS, beam_flag(17)),
    (tf::RUNNING_PROCS, beam_flag(18)),
    (tf::PORTS, beam_flag(19)),
    (tf::SCHED_NO, beam_flag(20)),
    (tf::EXITING, beam_flag(21)),
];

/// BEAM's word for girder's trace flags `f` (sensitivity is no tracee
/// flag and is left out, as in BEAM).
pub fn beam_trace_word(f: u32) -> u32 {
    TRACE_BITS
        .iter()
        .filter(|(g, _)| f & g != 0)
        .fold(0, |w, (_, b)| w | b)
}

/// The value of one of these items for `p`, or None for other items.
pub fn info(ctx: &mut Ctx, p: &Process, item: &str) -> Option<Term> {
    match item {
        "trace" => {
            let f = p.trace_flags.load(Ordering::Relaxed);
            Some(Term::small(beam_trace_word(f) as i64))
        }
        "last_calls" => Some(if p.save_calls.load(Ordering::Relaxed) == 0 {
            am::FALSE
        } else {
            NIL
        }),
        "magic_ref" => Some(magic_refs(ctx, p)),
        _ => None,
    }
}

fn magic_refs(ctx: &mut Ctx, p: &Process) -> Term {
    let objs: Vec<*mut u64> = p
        .off_heap
        .iter()
        .rev()
        .copied()
        // SAFETY: the list holds live objects of this process.
        .filter(|&o| crate::data::resource::is_magic_header(unsafe { *o }))
        .collect();
    let mut ts = Vec::with_capacity(objs.len());
    for o in objs {
        // SAFETY: `o` is a live magic reference object (checked above).
        let (addr, size, refc) = unsafe { crate::data::resource::describe(o) };
        let addr = crate::data::big::make_u64(ctx, addr);
        let size = crate::data::big::make_u64(ctx, size as u64);
        ts.push(make_tuple(ctx, &[addr, size, Term::small(refc as i64)]));
    }
    list_from_slice(ctx, &ts)
}

/// `erts_debug:get_internal_state(process_info_args)`: every item
/// `process_info/2` takes, in BEAM's order.
pub fn process_info_args(ctx: &mut Ctx) -> Term {
    let items: Vec<Term> = super::process::INFO_ITEMS
        .iter()
        .map(|i| atom::intern(i))
        .collect();
    list_from_slice(ctx, &items)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn trace_word_as_beam() {
        // erl: trace(self(), true, [send, procs, running, timestamp])
        // gives process_info(self(), trace) = {trace, 10257}.
        let f = tf::SEND | tf::PROCS | tf::RUNNING | tf::NOW_TS;
        assert_eq!(beam_trace_word(f), 10257);
        assert_eq!(beam_trace_word(tf::SENSITIVE), 0);
    }
}
