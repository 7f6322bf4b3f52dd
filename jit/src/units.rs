//! Lazy region units: compiling less of each function on a cold start.
//!
//! Measured (`GIRDER_CLIF_COVER`, ARCHITECTURE "How much compiled code
//! never runs"): half of the CLIF a cold `halt()` compiles is for regions
//! that never run — the clauses of big `handle_call`s, `erl_eval:expr`,
//! option encoders. A fast-tier first compile (`lazy.rs`
//! `compile_unlocked`) therefore leaves out the regions a select or a test
//! branches to (`lower/partial.rs`); each such branch goes to an exit
//! that calls `rt_lazy_unit`, which compiles the label's region (and what
//! it reaches) as a *unit* of its own, a native function of the entry
//! signature whose entry 0 is the label, once per (function, label), and
//! returns its entry value to continue there.
//!
//! Partial code and units embed the module state's address, so they are
//! never written to the cache; a function compiled partially is instead
//! compiled whole (optimised) for the cache at exit, as refining does
//! (`refine.rs`). `GIRDER_LAZY_UNITS=1` turns partial compiles on (off by
//! default, see `enabled`);
//! `GIRDER_LAZY_MIN=N` sets the smallest region (in BEAM instructions)
//! left out.

use crate::lazy::ModState;
use girder_runtime::heap::ctx::Ctx;
use girder_runtime::term::atom;
use std::sync::OnceLock;

/// Whether fast-tier first compiles may leave regions out: off unless
/// `GIRDER_LAZY_UNITS=1`. Not yet the default: a function compiled
/// partially reaches the cache only through the exit-time whole compile
/// (`refine.rs`), which sees the module versions still loaded at exit;
/// `init:stop/0` unloads every module first, so after a run that ends
/// through it (`q()`, `-s init stop`) the next run would compile those
/// functions again (ARCHITECTURE "Lazy region units").
pub fn enabled() -> bool {
    static ON: OnceLock<bool> = OnceLock::new();
    *ON.get_or_init(|| std::env::var("GIRDER_LAZY_UNITS").is_ok_and(|v| v == "1"))
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

/// Called by an exit of partial code of the module whose state is
/// `state`: the entry value of the unit of function `key >> 32` starting
/// at label `key as u32` (compiled now if it is the first time), or 0
/// with an exception recorded in `ctx` if it cannot be compiled.
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
