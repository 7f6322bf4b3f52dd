//! The bits of `Process::trace_flags` (`erlang:trace/3`'s flags) and the
//! collector's trace hook. They live this low because the collector (below
//! `proc`) and the process structure read them; what the flags do is
//! `proc::tracing`.

use crate::heap::process::Process;
use std::sync::OnceLock;

pub const SEND: u32 = 1 << 0;
pub const RECEIVE: u32 = 1 << 1;
pub const PROCS: u32 = 1 << 2;
pub const CALL: u32 = 1 << 3;
pub const RUNNING: u32 = 1 << 4;
pub const GC: u32 = 1 << 5;
pub const SOS: u32 = 1 << 6;
pub const SOS1: u32 = 1 << 7;
pub const SOL: u32 = 1 << 8;
pub const SOL1: u32 = 1 << 9;
pub const EXITING: u32 = 1 << 10;
pub const ARITY: u32 = 1 << 11;
pub const RETURN_TO: u32 = 1 << 12;
pub const SILENT: u32 = 1 << 13;
pub const SCHED_NO: u32 = 1 << 14;
pub const PORTS: u32 = 1 << 15;
pub const RUNNING_PORTS: u32 = 1 << 16;
pub const RUNNING_PROCS: u32 = 1 << 17;
pub const NOW_TS: u32 = 1 << 18;
pub const MON_TS: u32 = 1 << 19;
pub const STRICT_MON_TS: u32 = 1 << 20;
/// `process_flag(sensitive, true)` (BEAM's `F_SENSITIVE`, kept in the same
/// word): no trace event of the process is reported while it is set, but
/// its flags and tracer stay. Not a tracee flag: it outlives them.
pub const SENSITIVE: u32 = 1 << 21;

/// Flags that make a process a tracee: any but `SENSITIVE` (BEAM's
/// `TRACEE_FLAGS` holds them all, timestamps included); with none left the
/// tracer is dropped.
pub const TRACEE: u32 = !SENSITIVE;

/// What the collector calls for a process traced with `GC`: before a
/// collection (`start`; `words`: the room asked for) and after it
/// (`words`: words reclaimed), with the heap top and stack pointer of that
/// moment. Registered by `proc::tracing::install`.
pub type GcHook =
    fn(p: &Process, hp: *mut u64, sp: *mut u64, start: bool, major: bool, words: usize);

pub static GC_HOOK: OnceLock<GcHook> = OnceLock::new();

/// Whether `p` is traced with any of `bits` and reports events (is not
/// sensitive).
#[inline]
pub fn has(p: &Process, bits: u32) -> bool {
    let f = p.trace_flags.load(std::sync::atomic::Ordering::Relaxed);
    f & bits != 0 && f & SENSITIVE == 0
}
