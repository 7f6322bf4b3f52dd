//! How a `write_concurrency` hash table grows and shrinks as one table,
//! as erl_db_hash.c does for a fine-locked table, so that its layout (and
//! so its traversal order) is erl's at every size.
//!
//! BEAM keeps one linear hash table of `nactive` buckets whose bucket `i`
//! is guarded by lock `i % nlocks`. Girder's shards (`shard.rs`) are those
//! lock stripes: shard `s` holds BEAM's buckets `s`, `s + n`, `s + 2n`, ...
//! as its own linear hash table over the hash bits above the stripe bits.
//! Splitting BEAM's bucket `nactive` (or joining bucket `nactive - 1`) is
//! then splitting (joining) the next (last) bucket of shard `nactive % n`
//! (`(nactive - 1) % n`), so shards never resize on their own: after a
//! change of object count a shard records a `Pending` resize, and whoever
//! holds the locks afterwards runs `resize`, which follows BEAM's rules:
//!
//! - Grow while the object count estimate exceeds `nactive`, at most
//!   five buckets per call; the estimate is the table's count, or with
//!   decentralized counters 64 times the count of the changed key's stripe.
//! - Shrink while the estimate is below the shrink limit: half the buckets
//!   of all segments but the last, once there are at least `nlocks + 2048`
//!   and `256 + 2 * 2048` buckets (and 6400 with decentralized counters,
//!   so that a stripe's count is a fair sample); 0 (never) otherwise.
//! - Never while the table is fixed; one resizer at a time (a caller
//!   finding another one at work skips, as BEAM's `begin_resizing`).

use super::hash::HashStore;
use std::sync::atomic::{AtomicBool, AtomicIsize, AtomicUsize, Ordering};

/// BEAM's first segment and later segments (`FIRST_SEGSZ`, `EXT_SEGSZ`).
const FIRST_SEG: usize = 256;
const EXT_SEG: usize = 2048;
/// Stripes that keep an object counter (`NLOCKS_WITH_ITEM_COUNTERS`).
const COUNTED_STRIPES: usize = 64;
/// Buckets per resize call (BEAM's `loop_limit`).
const STEPS: usize = 5;

/// The table-wide state of a sharded hash table.
pub struct Stripes {
    /// Active buckets of the whole table.
    nactive: AtomicUsize,
    /// Allocated buckets (segments) of the whole table.
    nslots: AtomicUsize,
    /// Objects in the table (BEAM's centralized counter).
    items: AtomicIsize,
    /// Objects per counted stripe (BEAM's decentralized counters: stripe
    /// `h % 64`, i.e. the shards `s` with that `s % 64`).
    counted: Box<[AtomicIsize]>,
    /// Shards (BEAM's lock count), a power of two.
    nshards: usize,
    decentralized: bool,
    resizing: AtomicBool,
}

/// A resize a shard asks for, with BEAM's object count estimate.
#[derive(Clone, Copy, PartialEq, Eq, Debug, Default)]
pub enum Pending {
    #[default]
    None,
    Grow(usize),
    Shrink(usize),
}

/// A new table's buckets and mask for `nlocks` locks: BEAM adds whole
/// segments (all active) until there are at least as many buckets as
/// locks, so 256 up to 256 locks, then 256 + 2048k.
pub fn first_layout(nlocks: usize) -> (usize, usize) {
    let mut n = FIRST_SEG;
    while n < nlocks {
        n += EXT_SEG;
    }
    (n, n.next_power_of_two() - 1)
}

impl Stripes {
    pub fn new(nshards: usize, decentralized: bool) -> Stripes {
        let (first, _) = first_layout(nshards);
        Stripes {
            nactive: AtomicUsize::new(first),
            nslots: AtomicUsize::new(first),
            items: AtomicIsize::new(0),
            counted: (0..COUNTED_STRIPES).map(|_| AtomicIsize::new(0)).collect(),
            nshards,
            decentralized,
            resizing: AtomicBool::new(false),
        }
    }

    /// Back to an empty table's size (every shard was cleared).
    pub fn reset(&self) {
        let (first, _) = first_layout(self.nshards);
        self.nactive.store(first, Ordering::Relaxed);
        self.nslots.store(first, Ordering::Relaxed);
        self.items.store(0, Ordering::Relaxed);
        for c in self.counted.iter() {
            c.store(0, Ordering::Relaxed);
        }
    }

    /// Shard `shard`'s object count changed by `delta`.
    #[inline]
    pub fn add_items(&self, shard: usize, delta: isize) {
        if delta != 0 {
            self.items.fetch_add(delta, Ordering::Relaxed);
            self.counted[shard % COUNTED_STRIPES].fetch_add(delta, Ordering::Relaxed);
        }
    }

    /// BEAM's `NITEMS_ESTIMATE` after a change in shard `shard`.
    #[inline]
    fn estimate(&self, shard: usize) -> usize {
        let n = if self.decentralized {
            // 64 times the count of the key's counted stripe.
            self.counted[shard % COUNTED_STRIPES].load(Ordering::Relaxed) * COUNTED_STRIPES as isize
        } else {
            self.items.load(Ordering::Relaxed)
        };
        n.max(0) as usize
    }

    fn shrink_limit(&self) -> usize {
        let nslots = self.nslots.load(Ordering::Relaxed);
        if self.decentralized && nslots < 100 * COUNTED_STRIPES {
            return 0;
        }
        if nslots >= (self.nshards + EXT_SEG).max(FIRST_SEG + 2 * EXT_SEG) {
            (nslots - EXT_SEG) / 2
        } else {
            0
        }
    }

    /// What shard `shard` asks for after objects were added (`grew`) or
    /// removed.
    #[inline]
    pub fn wanted(&self, shard: usize, grew: bool) -> Pending {
        let est = self.estimate(shard);
        if grew {
            if est > self.nactive.load(Ordering::Relaxed) {
                return Pending::Grow(est);
            }
        } else if est < self.shrink_limit() {
            return Pending::Shrink(est);
        }
        Pending::None
    }

    /// Runs a pending resize; `with(s, f)` calls `f` on shard `s` (locking
    /// it, or through a guard already held) and returns what `f` returns.
    pub fn resize(
        &self,
        p: Pending,
        mut with: impl FnMut(usize, &mut dyn FnMut(&mut HashStore) -> bool) -> bool,
    ) {
        if p == Pending::None || self.resizing.swap(true, Ordering::Acquire) {
            return;
        }
        for _ in 0..STEPS {
            let nactive = self.nactive.load(Ordering::Relaxed);
            let nslots = self.nslots.load(Ordering::Relaxed);
            match p {
                Pending::Grow(est) => {
                    if est <= nactive {
                        break;
                    }
                    if nactive == nslots {
                        self.nslots.store(nslots + EXT_SEG, Ordering::Relaxed);
                    }
                    if !with(nactive % self.nshards, &mut |s| s.split_top()) {
                        break;
                    }
                    self.nactive.store(nactive + 1, Ordering::Relaxed);
                }
                Pending::Shrink(est) => {
                    if est >= self.shrink_limit() || nactive <= FIRST_SEG {
                        break;
                    }
                    let src = nactive - 1;
                    if !with(src % self.nshards, &mut |s| s.join_top()) {
                        break;
                    }
                    self.nactive.store(src, Ordering::Relaxed);
                    if nslots - src >= EXT_SEG {
                        self.nslots.store(nslots - EXT_SEG, Ordering::Relaxed);
                    }
                }
                Pending::None => break,
            }
        }
        self.resizing.store(false, Ordering::Release);
    }
}
