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
static TIERED: AtomicU64 = AtomicU64::new(0);
static TIER_NS: AtomicU64 = AtomicU64::new(0);
static AHEAD: AtomicU64 = AtomicU64::new(0);
static AHEAD_NS: AtomicU64 = AtomicU64::new(0);
static AHEAD_WAITS: AtomicU64 = AtomicU64::new(0);
static REFINED: AtomicU64 = AtomicU64::new(0);
static REFINE_NS: AtomicU64 = AtomicU64::new(0);
static UNITS: AtomicU64 = AtomicU64::new(0);
static UNIT_NS: AtomicU64 = AtomicU64::new(0);
static PARTIAL: AtomicU64 = AtomicU64::new(0);

/// A region left out of partial code was compiled as a unit of its own
/// (`units.rs`), in `ns`.
pub fn unit_compiled(native_bytes: usize, ns: u64) {
    UNITS.fetch_add(1, Relaxed);
    UNIT_NS.fetch_add(ns, Relaxed);
    NATIVE_BYTES.fetch_add(native_bytes as u64, Relaxed);
}

/// A function was compiled leaving regions out (`units.rs`).
pub fn partial_compiled() {
    PARTIAL.fetch_add(1, Relaxed);
}

/// A fast-tier function placed from the cache was compiled optimised for
/// the cache at exit (`refine.rs`), in `ns`.
pub fn refined(ns: u64) {
    REFINED.fetch_add(1, Relaxed);
    REFINE_NS.fetch_add(ns, Relaxed);
}

/// A function compiled ahead by the background thread (`background.rs`),
/// in `ns` of wall time (lowering, code generation, placing).
pub fn compiled_ahead(native_bytes: usize, ns: u64) {
    AHEAD.fetch_add(1, Relaxed);
    AHEAD_NS.fetch_add(ns, Relaxed);
    NATIVE_BYTES.fetch_add(native_bytes as u64, Relaxed);
}

/// A first call that found its function being compiled ahead and waited.
pub fn ahead_wait() {
    AHEAD_WAITS.fetch_add(1, Relaxed);
}

/// A fast-tier function was compiled optimised (`tier.rs`), in `ns`.
pub fn tiered_up(ns: u64) {
    TIERED.fetch_add(1, Relaxed);
    TIER_NS.fetch_add(ns, Relaxed);
}

/// Per-function compile times (Cranelift's part), kept when
/// `GIRDER_FN_TIMES` is set (`girder-compile` prints the slowest).
static FN_TIMES: std::sync::Mutex<Vec<(String, usize, bool, u64)>> =
    std::sync::Mutex::new(Vec::new());

fn fn_times_on() -> bool {
    static ON: std::sync::OnceLock<bool> = std::sync::OnceLock::new();
    *ON.get_or_init(|| std::env::var_os("GIRDER_FN_TIMES").is_some())
}

/// This thread's CPU time in ns (per-function times on a loaded machine).
pub fn thread_cpu_ns() -> u64 {
    let mut t = libc::timespec {
        tv_sec: 0,
        tv_nsec: 0,
    };
    // SAFETY: `t` is a valid timespec to write; the clock id is a
    // constant every Linux supports.
    unsafe { libc::clock_gettime(libc::CLOCK_THREAD_CPUTIME_ID, &mut t) };
    t.tv_sec as u64 * 1_000_000_000 + t.tv_nsec as u64
}

/// Whether per-function times are recorded.
pub fn fn_times_enabled() -> bool {
    fn_times_on()
}

/// Records that Cranelift took `ns` (thread CPU time) to compile function
/// `fi` of `m`.
pub fn function_time(m: &crate::modcx::ModCx, fi: usize, fast: bool, ns: u64) {
    if !fn_times_on() {
        return;
    }
    let f = &m.module.functions[fi];
    let name = format!("{}:{}/{}", m.module.name, f.name, f.arity);
    let mut v = FN_TIMES.lock().unwrap_or_else(|e| e.into_inner());
    v.push((name, f.instrs.len(), fast, ns));
}

/// The recorded per-function times, slowest first: (name, BEAM
/// instructions, fast tier, ns).
pub fn function_times() -> Vec<(String, usize, bool, u64)> {
    let mut v = FN_TIMES.lock().unwrap_or_else(|e| e.into_inner()).clone();
    v.sort_by_key(|e| std::cmp::Reverse(e.3));
    v
}

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
        ("functions tiered up", TIERED.load(Relaxed)),
        ("tier-up compile time (us)", TIER_NS.load(Relaxed) / 1000),
        ("module preparation time (us)", LOAD_NS.load(Relaxed) / 1000),
        ("functions compiled ahead", AHEAD.load(Relaxed)),
        ("compile ahead time (us)", AHEAD_NS.load(Relaxed) / 1000),
        (
            "first calls that waited for compiling ahead",
            AHEAD_WAITS.load(Relaxed),
        ),
        ("functions compiled partially", PARTIAL.load(Relaxed)),
        ("region units compiled", UNITS.load(Relaxed)),
        (
            "region unit compile time (us)",
            UNIT_NS.load(Relaxed) / 1000,
        ),
        ("functions refined for the cache", REFINED.load(Relaxed)),
        ("refine time (us)", REFINE_NS.load(Relaxed) / 1000),
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
