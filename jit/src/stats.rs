//! Counters behind `girder +Jstats true`: what the JIT did in this VM,
//! printed to stderr when the VM exits. Always counted (a few relaxed
//! atomic adds per compiled batch), printed only when asked.

use std::sync::atomic::{AtomicU64, Ordering::Relaxed};

static MODULES: AtomicU64 = AtomicU64::new(0);
static FUNCTIONS: AtomicU64 = AtomicU64::new(0);
static DECLARED: AtomicU64 = AtomicU64::new(0);
static BATCHES: AtomicU64 = AtomicU64::new(0);
static COMPILE_NS: AtomicU64 = AtomicU64::new(0);
static LOAD_NS: AtomicU64 = AtomicU64::new(0);
static NATIVE_BYTES: AtomicU64 = AtomicU64::new(0);

/// A module version was prepared (`functions` BEAM functions in it),
/// taking `ns` for parsing-independent preparation (atoms, literals,
/// plans, the lazy stub).
pub fn module_loaded(functions: usize, ns: u64) {
    MODULES.fetch_add(1, Relaxed);
    DECLARED.fetch_add(functions as u64, Relaxed);
    LOAD_NS.fetch_add(ns, Relaxed);
}

/// `functions` functions were compiled together in `ns` (with others
/// placed from the cache: `native_bytes` and `ns` count both).
pub fn compiled(functions: usize, native_bytes: usize, ns: u64) {
    BATCHES.fetch_add(1, Relaxed);
    FUNCTIONS.fetch_add(functions as u64, Relaxed);
    NATIVE_BYTES.fetch_add(native_bytes as u64, Relaxed);
    COMPILE_NS.fetch_add(ns, Relaxed);
}

/// A snapshot of the counters, as `(name, value)` pairs in print order.
pub fn snapshot() -> Vec<(&'static str, u64)> {
    vec![
        ("modules loaded", MODULES.load(Relaxed)),
        ("functions in loaded modules", DECLARED.load(Relaxed)),
        ("functions compiled", FUNCTIONS.load(Relaxed)),
        ("compile batches", BATCHES.load(Relaxed)),
        ("native bytes", NATIVE_BYTES.load(Relaxed)),
        ("compile time (us)", COMPILE_NS.load(Relaxed) / 1000),
        ("module preparation time (us)", LOAD_NS.load(Relaxed) / 1000),
    ]
    .into_iter()
    .chain(crate::cache::stats())
    .collect()
}

/// Writes the counters to stderr, one `girder stats: name: value` line each.
pub fn print() {
    use std::io::Write as _;
    let mut text = String::new();
    for (k, v) in snapshot() {
        text.push_str(&format!("girder stats: {k}: {v}\n"));
    }
    let _ = std::io::stderr().write_all(text.as_bytes());
}

extern "C" fn print_at_exit() {
    print();
}

/// Prints the counters when the process exits (`halt/0,1`, the end of
/// `main`): registered with the C library's `atexit`, which both paths run.
pub fn print_at_exit_enable() {
    // SAFETY: `print_at_exit` is a plain `extern "C" fn()` that only reads
    // atomics and writes to stderr; atexit keeps the pointer.
    unsafe {
        libc::atexit(print_at_exit);
    }
}
