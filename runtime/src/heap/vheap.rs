//! The binary virtual heap (BEAM's `bin_vheap`, `erl_gc.c`): the bytes of
//! off-heap (refc) binaries a process references count, in words, against
//! a per-process budget, so that a process which makes and drops big
//! binaries while allocating little on its heap is collected (and the
//! buffers freed) long before its heap would fill.
//!
//! Per process (`Process` fields): `bin_vheap` is the words of the refc
//! binaries referenced from the young generation and fragments (BEAM's
//! `MSO(p).overhead`: each binary's `size / 8`, added when it joins the
//! process, recomputed by every collection); `bin_vheap_sz` its budget;
//! `bin_old_vheap` the words promoted to the old heap since the last major
//! collection and `bin_old_vheap_sz` the old generation's budget;
//! `min_bin_vheap` the floor of both budgets (`min_bin_vheap_size`).
//!
//! Going over `bin_vheap_sz` asks for a collection (`Ctx::check_vheap`:
//! the process yields at its next call and the scheduler collects it);
//! `bin_old_vheap` reaching `bin_old_vheap_sz` makes the next collection a
//! major one. After a collection both budgets follow
//! [`next_vheap_size`].

use crate::heap::process::Process;
use std::sync::atomic::{AtomicU64, Ordering};

/// BEAM's default `min_bin_vheap_size` in words (`VH_DEFAULT_SIZE`).
pub const DEFAULT_MIN_BIN_VHEAP: u64 = 46422;

/// The system-wide `min_bin_vheap_size` new processes get
/// (`erlang:system_flag(min_bin_vheap_size, N)`, BEAM's `BIN_VH_MIN_SIZE`).
static MIN_BIN_VHEAP: AtomicU64 = AtomicU64::new(DEFAULT_MIN_BIN_VHEAP);

/// The current system-wide `min_bin_vheap_size`.
pub fn min_bin_vheap() -> u64 {
    MIN_BIN_VHEAP.load(Ordering::Relaxed)
}

/// Sets the system-wide `min_bin_vheap_size` (already rounded to a heap
/// size by the caller); returns the old value.
pub fn set_min_bin_vheap(words: u64) -> u64 {
    MIN_BIN_VHEAP.swap(words, Ordering::Relaxed)
}

/// BEAM's budget rule after a collection that left `vheap` words live in
/// a generation whose budget was `sz`: over 75% used, grow by the golden
/// ratio until it is not (each step truncated, as BEAM's integer
/// conversion does); under 25%, halve; otherwise keep. Never below `min`.
pub fn next_vheap_size(vheap: u64, sz: u64, min: u64) -> u64 {
    let next = if vheap / 3 > sz / 4 {
        let mut s = sz;
        while vheap / 3 > s / 4 {
            let grown = (s as f64 * 1.618) as u64;
            if grown <= s {
                // No progress (a zero or saturated budget): stop here.
                break;
            }
            s = grown;
        }
        s
    } else if vheap < sz / 4 {
        sz >> 1
    } else {
        sz
    };
    next.max(min)
}

impl Process {
    /// Counts a refc binary of `bytes` bytes that just joined the young
    /// generation (or a fragment). True when the young budget is now
    /// exceeded (a collection is wanted).
    #[inline]
    pub fn note_binary(&mut self, bytes: u64) -> bool {
        self.bin_vheap += bytes / 8;
        self.bin_vheap > self.bin_vheap_sz
    }

    /// True when the refc binaries of the young generation are over their
    /// budget: a collection is wanted.
    #[inline]
    pub fn vheap_over(&self) -> bool {
        self.bin_vheap > self.bin_vheap_sz
    }

    /// True when the old generation's binaries reached their budget: the
    /// next collection is a major one (BEAM does a minor collection only
    /// while `bin_old_vheap_sz > bin_old_vheap`).
    #[inline]
    pub fn old_vheap_full(&self) -> bool {
        self.bin_old_vheap >= self.bin_old_vheap_sz
    }

    /// Sets the process's `min_bin_vheap_size` and, for a new process,
    /// starts both budgets there (BEAM's `erl_create_process`).
    pub fn init_vheap(&mut self, min: u64) {
        self.min_bin_vheap = min;
        self.bin_vheap_sz = min;
        self.bin_old_vheap_sz = min;
    }

    /// The accounting after a collection, BEAM's `sweep_off_heap`: `young`
    /// words of refc binaries are now in the young generation, `promoted`
    /// words moved to the old heap. A major collection empties the old
    /// generation and resizes its budget from what the young one held
    /// before the collection.
    pub fn vheap_after_gc(&mut self, young: u64, promoted: u64, major: bool) {
        let min = self.min_bin_vheap;
        if major {
            self.bin_old_vheap = 0;
            self.bin_old_vheap_sz = next_vheap_size(self.bin_vheap, self.bin_old_vheap_sz, min);
        } else {
            self.bin_old_vheap += promoted;
        }
        self.bin_vheap_sz = next_vheap_size(young, self.bin_vheap_sz, min);
        self.bin_vheap = young;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn golden_ratio_growth_as_beam() {
        // erl: a 1 MB binary (131072 words) live after a collection with
        // the default budget grows it to 196630 (46422 -> 75110 ->
        // 121527 -> 196630, each step truncated).
        assert_eq!(next_vheap_size(131072, 46422, 46422), 196630);
        // Dropped again: under a quarter, halved.
        assert_eq!(next_vheap_size(0, 196630, 46422), 98315);
        // Between 25% and 75%: kept.
        assert_eq!(next_vheap_size(131072, 196630, 46422), 196630);
        // Never below the minimum.
        assert_eq!(next_vheap_size(0, 46422, 46422), 46422);
        assert_eq!(next_vheap_size(0, 0, 0), 0);
        // A zero budget cannot grow by a ratio: it stays at the minimum.
        assert_eq!(next_vheap_size(100, 0, 12), 12);
    }

    #[test]
    fn accounting() {
        let mut p = Process::new(crate::term::Term::pid(1), 233);
        p.init_vheap(46422);
        assert!(!p.note_binary(100_000));
        assert_eq!(p.bin_vheap, 12500);
        assert!(p.note_binary(1 << 20 << 1));
        assert!(p.vheap_over());
        // A minor collection keeping the 2 MB binary young, promoting the
        // other one.
        p.vheap_after_gc(262144, 12500, false);
        assert_eq!(p.bin_old_vheap, 12500);
        assert!(!p.vheap_over());
        assert!(!p.old_vheap_full());
        // A major one: the old generation is empty, its budget sized from
        // the young use before it.
        p.vheap_after_gc(0, 0, true);
        assert_eq!(p.bin_old_vheap, 0);
        assert!(p.bin_old_vheap_sz >= 262144 * 4 / 3);
        assert_eq!(p.bin_vheap, 0);
    }
}
