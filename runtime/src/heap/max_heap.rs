//! The `max_heap_size` setting a process carries and the check a garbage
//! collection makes against it (BEAM's `reached_max_heap_size`). Parsing,
//! the BIFs' views and the kill itself are in `proc/max_heap.rs`: the kill
//! is an exit signal, which this layer cannot send, so that module
//! registers it here ([`set_kill`]) at start-up (`bif::install`).

use crate::heap::process::Process;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::OnceLock;

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

/// Makes `m` the system default for new processes.
pub fn set_default(m: MaxHeap) {
    DEFAULT.store(m.size << 8 | m.flags as u64, Ordering::Relaxed);
}

/// The smallest non-zero limit `process_flag` and `system_flag` accept
/// (BEAM's minimum heap size; `spawn_opt` compares with its `min_heap_size`).
pub const MIN_LIMIT: u64 = crate::heap::process::DEFAULT_HEAP_WORDS as u64;

/// Sends the process the untrappable kill (`proc::max_heap::deliver_kill`).
pub type KillFn = fn(&mut Process);

static KILL_FN: OnceLock<KillFn> = OnceLock::new();

/// Registers what [`over_limit`] does to a process over its limit.
pub fn set_kill(f: KillFn) {
    let _ = KILL_FN.set(f);
}

/// Words of the messages queued for `p` that BEAM would count as heap
/// data: with `message_queue_data` `on_heap` its queued messages live on
/// its heap (or in heap fragments the next collection moves there), so
/// they count against `max_heap_size`; `off_heap` ones do not. Girder keeps
/// each in a fragment of its own either way. Unseen messages count when
/// the inbox lock is free (it is only ever held briefly).
pub fn queued_words(p: &Process) -> usize {
    if p.pflags.off_heap_msgq {
        return 0;
    }
    let words = |m: &crate::heap::process::Message| m.frag.as_ref().map_or(0, Vec::len);
    let seen: usize = p.msgq.iter().map(words).sum();
    let unseen: usize = p.inbox.try_lock().map_or(0, |q| q.iter().map(words).sum());
    seen + unseen
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
    if let Some(kill) = KILL_FN.get() {
        kill(p);
    }
    true
}
