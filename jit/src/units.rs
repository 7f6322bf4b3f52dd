//! Lazy region units: compiling less of each function on a cold start.
//!
//! Measured (`GIRDER_CLIF_COVER`, ARCHITECTURE "How much compiled code
//! never runs"): half of the CLIF a cold `halt()` compiles is for regions
//! that never run — the clauses of big `handle_call`s, `erl_eval:expr`,
//! option encoders. A fast-tier first compile (`lazy.rs`
//! `compile_unlocked`) therefore leaves out the regions a select or a test
//! branches to (`lower/partial.rs`); each such branch goes to an exit
//! that tail-calls the version's unit stub, whose `rt_lazy_unit` compiles
//! the label's region (and what it reaches) as a *unit* of its own, a
//! native function of the entry signature whose entry 0 is the label,
//! once per (function, label), and returns its entry value to continue
//! there.
//!
//! Partial code and units embed the unit stub's address, so they are
//! never written to the cache; a function compiled partially is instead
//! compiled whole (optimised) for the cache at exit, as refining does
//! (`refine.rs`). `GIRDER_LAZY_UNITS=0` turns partial compiles off;
//! `GIRDER_LAZY_MIN=N` sets the smallest region (in BEAM instructions)
//! left out.

use crate::lazy::ModState;
use girder_runtime::heap::ctx::Ctx;
use girder_runtime::term::atom;
use std::sync::OnceLock;

/// Whether fast-tier first compiles may leave regions out: on unless
/// `GIRDER_LAZY_UNITS=0`. A function compiled partially reaches the cache
/// through the exit-time whole compile (`refine.rs`), which sees the
/// module versions loaded at exit and those purged before it that
/// `keep_until_exit` kept (`init:stop/0` purges every module first).
pub fn enabled() -> bool {
    static ON: OnceLock<bool> = OnceLock::new();
    *ON.get_or_init(|| std::env::var("GIRDER_LAZY_UNITS").map_or(true, |v| v != "0"))
}

/// The smallest region, in BEAM instructions (`line` not counted), that
/// partial code leaves out: smaller ones cost less to compile in place
/// than a unit's fixed cost.
pub fn min_region() -> usize {
    static MIN: OnceLock<usize> = OnceLock::new();
    *MIN.get_or_init(|| {
        std::env::var("GIRDER_LAZY_MIN")
            .ok()
            .and_then(|v| v.parse().ok())
            .unwrap_or(4)
    })
}

/// The kinds of branch whose target may be left out (`clifstats::
/// cover_class`): `S` select targets and `T` test fail labels by default;
/// `GIRDER_LAZY_CLASSES` changes them (experiments: `J` adds jumps).
pub fn lazy_class(c: u8) -> bool {
    static CLASSES: OnceLock<Vec<u8>> = OnceLock::new();
    CLASSES
        .get_or_init(|| {
            std::env::var("GIRDER_LAZY_CLASSES")
                .map(|v| v.into_bytes())
                .unwrap_or_else(|_| b"ST".to_vec())
        })
        .contains(&c)
}

/// Called by the unit stub (`lazy.rs` `Stub::Unit`) of the module whose
/// state is `state`, which exits of its partial code tail-call: the entry
/// value of the unit of function `key >> 32` starting at label `key as
/// u32` (compiled now if it is the first time), or 0 with an exception
/// recorded in `ctx` if it cannot be compiled.
pub extern "C" fn rt_lazy_unit(ctx: &mut Ctx, state: u64, key: u64) -> u64 {
    // SAFETY: `state` is the address partial code was compiled with: the
    // boxed state of the version whose code is running, so not yet freed
    // (a version's state outlives its code).
    let st = unsafe { &*(state as *const ModState) };
    let (fi, label) = ((key >> 32) as usize, key as u32);
    let r = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| st.unit(fi, label)));
    match r {
        Ok(Ok(a)) => a as u64,
        Ok(Err(e)) => {
            eprintln!("girder: lazy compilation failed: {e}");
            ctx.error(atom::intern("girder_compile_failed"));
            0
        }
        Err(_) => {
            eprintln!("girder: lazy compilation panicked");
            ctx.error(atom::intern("girder_compile_failed"));
            0
        }
    }
}

/// Debugging aid: `GIRDER_LAZY_ONLY=mod` restricts partial compiles to one module.
pub(crate) fn debug_filter(m: &crate::modcx::ModCx, fi: usize) -> bool {
    static ONLY: OnceLock<Option<String>> = OnceLock::new();
    static FN: OnceLock<Option<String>> = OnceLock::new();
    let m_ok = match ONLY.get_or_init(|| std::env::var("GIRDER_LAZY_ONLY").ok()) {
        None => true,
        Some(want) => girder_runtime::term::atom::name(m.name) == want.as_str(),
    };
    let f_ok = match FN.get_or_init(|| std::env::var("GIRDER_LAZY_FN").ok()) {
        None => true,
        Some(want) => m.module.functions[fi].name == *want,
    };
    m_ok && f_ok
}

/// Most bytes of native code the versions kept until exit may hold
/// (`keep_until_exit`); beyond it, purged versions are freed as usual and
/// their partial functions reach the cache in a later run.
const KEEP_MAX_BYTES: usize = 64 << 20;

/// The runtime's question as a purged version is freed
/// (`girder_runtime::code::module::KeepFn`): whether its state must stay
/// until exit, so that its partially compiled functions are compiled
/// whole for the cache then (`refine.rs`). `init:stop/0` purges every
/// module before the VM exits; without this, a run ending through it
/// would leave those functions out of the cache and the next run would
/// compile them again. Kept states stay registered for refining and are
/// never freed (their code never runs again).
pub(crate) fn keep_until_exit(code: &(dyn std::any::Any + Send + Sync)) -> bool {
    use std::sync::atomic::{AtomicUsize, Ordering};
    static KEPT_BYTES: AtomicUsize = AtomicUsize::new(0);
    let Some(st) = code.downcast_ref::<ModState>() else {
        return false;
    };
    if crate::cache::dir().is_none() {
        return false;
    }
    let Some(bytes) = st.partial_bytes() else {
        return false;
    };
    let kept = KEPT_BYTES.fetch_add(bytes, Ordering::Relaxed);
    if kept + bytes > KEEP_MAX_BYTES {
        KEPT_BYTES.fetch_sub(bytes, Ordering::Relaxed);
        return false;
    }
    // Nothing compiles ahead for a version that never runs again.
    crate::background::forget(st as *const ModState as usize);
    true
}
