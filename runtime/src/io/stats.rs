//! Bytes that came into and went out of the VM through ports:
//! `statistics(io)`.

use std::sync::atomic::{AtomicU64, Ordering};

static INPUT: AtomicU64 = AtomicU64::new(0);
static OUTPUT: AtomicU64 = AtomicU64::new(0);

/// Counts `n` bytes read from outside the VM.
pub fn add_input(n: usize) {
    INPUT.fetch_add(n as u64, Ordering::Relaxed);
}

/// Counts `n` bytes written out of the VM.
pub fn add_output(n: usize) {
    OUTPUT.fetch_add(n as u64, Ordering::Relaxed);
}

/// `(input, output)` bytes so far.
pub fn totals() -> (u64, u64) {
    (
        INPUT.load(Ordering::Relaxed),
        OUTPUT.load(Ordering::Relaxed),
    )
}
