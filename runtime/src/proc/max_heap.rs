//! `max_heap_size`: a per-process limit on the heap, checked at each
//! garbage collection as BEAM does (`erl_gc.c`, `reached_max_heap_size`).
//! When a collection would leave the process with more words than the
//! limit (the old block and its fragments plus the new block: what exists
//! while the collection copies, as BEAM counts old heap + new heap) and
//! `kill` is set, the process is killed with the untrappable reason
//! `killed`. Girder finishes the collection (the code that asked for room
//! continues until its next function entry, where it yields; the pending
//! kill then ends it before it runs again), where BEAM exits at once.
//!
//! `error_logger => true` makes BEAM log an error report; girder has no
//! logger yet and prints nothing.
//!
//! The value: `process_flag(max_heap_size, V)`, `spawn_opt`'s
//! `{max_heap_size, V}`, `system_flag(max_heap_size, V)` (the default for
//! new processes, and for the flags a map leaves out), read back with
//! `process_info(P, max_heap_size)` and `system_info(max_heap_size)`.

use crate::heap::ctx::Ctx;
use crate::heap::process::Process;
use crate::term::atom::{self, am};
use crate::term::Term;

pub use crate::heap::max_heap::{MaxHeap, KILL, LOG, MIN_LIMIT};

/// BEAM's `erts_max_heap_size`: a non-negative small integer, or a map with
/// a non-negative small `size` and optional boolean `kill` and
/// `error_logger` (other keys are ignored); flags left out come from the
/// system default.
pub fn parse(v: Term) -> Option<MaxHeap> {
    let mut m = MaxHeap::default();
    let size = if v.is_small() {
        v
    } else if crate::data::map::is_map(v) {
        let get = |k: &str| crate::data::map::get(v, atom::intern(k));
        let size = get("size").filter(|s| s.is_small())?;
        for (key, bit) in [("kill", KILL), ("error_logger", LOG)] {
            match get(key) {
                None => {}
                Some(b) if b == am::TRUE => m.flags |= bit,
                Some(b) if b == am::FALSE => m.flags &= !bit,
                Some(_) => return None,
            }
        }
        size
    } else {
        return None;
    };
    let n = size.small_value();
    if n < 0 {
        return None;
    }
    m.size = n as u64;
    Some(m)
}

/// `#{error_logger => B, kill => B, size => N}`.
pub fn to_map(ctx: &mut Ctx, m: MaxHeap) -> Term {
    let kvs = vec![
        (
            atom::intern("error_logger"),
            Term::boolean(m.flags & LOG != 0),
        ),
        (atom::intern("kill"), Term::boolean(m.flags & KILL != 0)),
        (atom::intern("size"), Term::small(m.size as i64)),
    ];
    crate::data::map::from_pairs(ctx, kvs)
}

/// `process_flag(max_heap_size, V)` for the running process: the old
/// setting as a map, or `badarg`.
pub fn process_flag(ctx: &mut Ctx, v: Term) -> Term {
    let Some(m) = parse(v).filter(|m| m.size == 0 || m.size >= MIN_LIMIT) else {
        return ctx.badarg();
    };
    // SAFETY: a process is scheduled on `ctx`.
    let p = unsafe { ctx.process() };
    let old = std::mem::replace(&mut p.max_heap, m);
    to_map(ctx, old)
}

/// `system_flag(max_heap_size, V)`: the old default as a map, or `badarg`.
pub fn system_flag(ctx: &mut Ctx, v: Term) -> Term {
    let Some(m) = parse(v).filter(|m| m.size == 0 || m.size >= MIN_LIMIT) else {
        return ctx.badarg();
    };
    let old = MaxHeap::default();
    crate::heap::max_heap::set_default(m);
    to_map(ctx, old)
}

/// Makes an untrappable kill pending for `p`, which went over its
/// `max_heap_size` with `kill` set (`heap::max_heap::over_limit` calls it,
/// registered by `bif::install`).
pub fn deliver_kill(p: &mut Process) {
    if let Some(r) = crate::proc::ptable::lookup(p.pid) {
        crate::proc::signal::deliver_signal(
            &r,
            crate::heap::process::Signal::Exit {
                from: p.pid,
                msg: exit_kill_message(p.pid),
                linked: false,
            },
        );
    }
}

/// The message an exit signal carries, `{'EXIT', Pid, kill}`, built in its
/// own fragment (the collector has no heap to build it on).
fn exit_kill_message(pid: Term) -> crate::heap::process::Message {
    use crate::term::{make_header, HDR_TUPLE};
    let mut frag = vec![
        make_header(3, HDR_TUPLE),
        am::EXIT_UPPER.raw(),
        pid.raw(),
        am::KILL.raw(),
    ];
    let term = Term::boxed_from_ptr(frag.as_mut_ptr());
    crate::heap::process::Message {
        term,
        frag: Some(frag),
        token: crate::term::atom::am::UNDEFINED,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testutil::TestProc;

    #[test]
    fn parse_forms() {
        let mut tp = TestProc::new();
        let ctx = tp.ctx();
        let d = MaxHeap::default();
        assert_eq!(parse(Term::small(1000)), Some(MaxHeap { size: 1000, ..d }));
        assert_eq!(parse(Term::small(-1)), None);
        assert_eq!(parse(am::TRUE), None);
        let size = atom::intern("size");
        let kill = atom::intern("kill");
        let m = crate::data::map::from_pairs(ctx, vec![(size, Term::small(5)), (kill, am::FALSE)]);
        assert_eq!(
            parse(m),
            Some(MaxHeap {
                size: 5,
                flags: d.flags & !KILL
            })
        );
        let bad = crate::data::map::from_pairs(ctx, vec![(size, Term::small(5)), (kill, am::OK)]);
        assert_eq!(parse(bad), None);
        let nosize = crate::data::map::from_pairs(ctx, vec![(kill, am::TRUE)]);
        assert_eq!(parse(nosize), None);
        let t = to_map(
            ctx,
            MaxHeap {
                size: 7,
                flags: KILL,
            },
        );
        assert_eq!(crate::data::map::get(t, size), Some(Term::small(7)));
        assert_eq!(crate::data::map::get(t, kill), Some(am::TRUE));
    }
}
