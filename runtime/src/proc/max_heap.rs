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
use std::sync::atomic::{AtomicU64, Ordering};

/// Flag bits (BEAM's `MAX_HEAP_SIZE_KILL`, `MAX_HEAP_SIZE_LOG`).
pub const KILL: u8 = 1;
pub const LOG: u8 = 2;

/// A setting: `size` in words (0 = no limit) and the flag bits.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct MaxHeap {
    pub size: u64,
    pub flags: u8,
}

/// The system default, `size << 8 | flags` (BEAM: 0, kill and log).
static DEFAULT: AtomicU64 = AtomicU64::new((KILL | LOG) as u64);

impl Default for MaxHeap {
    /// The current system default (`system_flag(max_heap_size, _)`).
    fn default() -> Self {
        let v = DEFAULT.load(Ordering::Relaxed);
        MaxHeap {
            size: v >> 8,
            flags: (v & 0xff) as u8,
        }
    }
}

/// The smallest non-zero limit `process_flag` and `system_flag` accept
/// (BEAM's minimum heap size; `spawn_opt` compares with its `min_heap_size`).
pub const MIN_LIMIT: u64 = crate::heap::process::DEFAULT_HEAP_WORDS as u64;

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
    DEFAULT.store(m.size << 8 | m.flags as u64, Ordering::Relaxed);
    to_map(ctx, old)
}

/// Called by a collection of `p` that will hold `total` words (old block
/// and fragments plus the new block). True if that is over the limit with
/// `kill` set: then an untrappable kill is pending for `p`, and the caller
/// makes it stop running soon.
pub fn over_limit(p: &mut Process, total: usize) -> bool {
    let m = p.max_heap;
    if m.size == 0 || total as u64 <= m.size || m.flags & KILL == 0 {
        return false;
    }
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
    true
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
