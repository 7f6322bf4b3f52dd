//! Collections done and words they reclaimed, VM-wide:
//! `statistics(garbage_collection)`.

use std::sync::atomic::{AtomicU64, Ordering};

static COLLECTIONS: AtomicU64 = AtomicU64::new(0);
static RECLAIMED: AtomicU64 = AtomicU64::new(0);

/// One collection that found `before` words in use (heap and fragments)
/// and kept `after` of them.
pub fn record(before: usize, after: usize) {
    COLLECTIONS.fetch_add(1, Ordering::Relaxed);
    RECLAIMED.fetch_add(before.saturating_sub(after) as u64, Ordering::Relaxed);
}

/// `(collections, words reclaimed)` so far.
pub fn totals() -> (u64, u64) {
    (
        COLLECTIONS.load(Ordering::Relaxed),
        RECLAIMED.load(Ordering::Relaxed),
    )
}
