//! Tiered compilation. A function compiled at its first call (a cache
//! miss, `lazy.rs`) is compiled by the *fast tier*: Cranelift with
//! `opt_level=none` and the single-pass register allocator, about twice as
//! fast to compile as the optimising tier (backtracking allocation) for
//! code that runs up to ~2x slower. Fast-tier code counts its body entries
//! (calls, self tail calls and loop iterations all pass the body block) in
//! a per-function counter; when it reaches zero the function is compiled
//! again by the optimising tier and its entry switched (`lazy.rs`
//! `ModState::ensure`): the function table, its export and fun entries.
//!
//! What makes the switch simple: every entry point of a function receives
//! its whole state in `(sp, hp, reds)` and memory (X registers in the
//! context, Y registers on the Erlang stack), and both tiers number the
//! entry points the same way (`plan.rs`). So
//! - fast-tier code calls the module's other functions through the
//!   function table (never directly), and thus reaches their current tier;
//! - optimised code calls directly only functions that have optimised code
//!   (the JITModule's *canonical* FuncId of the function), others through
//!   the table;
//! - fast-tier code lives under a FuncId of its own (anonymous), so the
//!   canonical one is free for the optimised code; its references to
//!   itself are stored as offsets in itself (`place::from_compiled`), so it
//!   can be cached and placed under any id;
//! - fast-tier code entered after the switch (a continuation pushed before
//!   it, a yielded process's resume address, a direct call) runs on to its
//!   next body entry, where its counter (now negative) sends it to the
//!   table's entry: the optimised code. Nothing is patched in place; the
//!   old code stays valid until the module version is purged.
//!
//! Layout of a module's function table (`ModState::table`), `n` functions:
//! `[0, n)` entry values, `[n]` the lazy stub, `[n + 1, 2n + 1)` the
//! counters of fast-tier functions (words generated code decrements),
//! `[2n + 1, 3n + 1)` the address of each function's fast-tier code (0
//! if none): a fast-tier entry whose counter ran out tail-calls the lazy
//! stub, and `rt_lazy_compile` sends it on without the module's lock
//! when the table's entry is no longer that code (the function tiered
//! up already: stale fast-tier code entered through a continuation, a
//! resume address or a catch tag).

use cranelift_codegen::isa::OwnedTargetIsa;
use std::sync::OnceLock;

/// Body entries of a fast-tier function before it is recompiled by the
/// optimising tier. `GIRDER_TIER_UP=N` changes it; `GIRDER_TIER_UP=0`
/// turns the fast tier off (every function is compiled optimised at its
/// first call, as before tiering).
///
/// 2000: an average function costs ~0.4 ms to compile optimised and
/// ~0.2 ms fast; fast code is at most ~2x slower, so a function run 2000
/// times in the fast tier has lost at most a few hundred microseconds
/// against compiling it optimised at once, while the start-up of
/// `-eval 'io:format(...)'` (no function entered 100 times, research
/// compile-latency) compiles nothing twice.
pub const DEFAULT_THRESHOLD: u64 = 2000;

pub fn threshold() -> u64 {
    static N: OnceLock<u64> = OnceLock::new();
    *N.get_or_init(|| {
        std::env::var("GIRDER_TIER_UP")
            .ok()
            .and_then(|v| v.parse().ok())
            .unwrap_or(DEFAULT_THRESHOLD)
            .min(i64::MAX as u64 / 2)
    })
}

/// Whether functions compiled at their first call start in the fast tier.
pub fn enabled() -> bool {
    threshold() > 0
}

/// The fast tier's ISA: the host ISA with the single-pass register
/// allocator (shared by every module; Cranelift ISAs are immutable).
pub fn fast_isa() -> Result<&'static OwnedTargetIsa, String> {
    static ISA: OnceLock<Result<OwnedTargetIsa, String>> = OnceLock::new();
    ISA.get_or_init(|| crate::isa::host_isa_with(false, "single_pass"))
        .as_ref()
        .map_err(|e| e.clone())
}

/// The slot of function `fi`'s counter in a table of `n` functions.
pub fn counter_slot(n: usize, fi: usize) -> usize {
    n + 1 + fi
}

/// The slot holding the address of function `fi`'s fast-tier code.
pub fn fast_slot(n: usize, fi: usize) -> usize {
    2 * n + 1 + fi
}

/// The words of a table of `n` functions.
pub fn table_len(n: usize) -> usize {
    3 * n + 1
}

/// The slot of the lazy stub in a table of `n` functions.
pub fn stub_slot(n: usize) -> usize {
    n
}

/// A counter value that never reaches zero: a function whose optimised
/// compile failed stays in the fast tier.
pub const NEVER: u64 = i64::MAX as u64;

static WHOLE_FAST: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);

/// Makes whole-module compilation (`compile_module`) use the fast tier
/// (when it is on): `girder-compile` fills the cache with code that
/// tiers up where it proves hot, at a fraction of the compile time.
pub fn set_whole_fast(on: bool) {
    WHOLE_FAST.store(on, std::sync::atomic::Ordering::Relaxed);
}

pub fn whole_fast() -> bool {
    enabled() && WHOLE_FAST.load(std::sync::atomic::Ordering::Relaxed)
}
