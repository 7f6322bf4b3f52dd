//! Allocator settings for a heap-heavy VM. Process heaps are large,
//! short-lived allocations (every GC makes a new block and frees the old
//! one); glibc would serve each from a fresh `mmap` and give it back with
//! `munmap`, so every collection page-faults its whole to-space in again.
//! Raising the mmap and trim thresholds keeps that memory in the process
//! for reuse.

/// Applies the settings; call once at start-up, before allocating much.
pub fn init() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: mallopt only changes allocator tuning parameters.
    unsafe {
        libc::mallopt(libc::M_MMAP_THRESHOLD, 1 << 30);
        libc::mallopt(libc::M_TRIM_THRESHOLD, 1 << 30);
        libc::mallopt(libc::M_TOP_PAD, 64 << 20);
    }
}
