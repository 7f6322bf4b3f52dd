//! The Cranelift target and the settings every module is compiled with.

use cranelift_codegen::isa::OwnedTargetIsa;
use cranelift_codegen::settings::{self, Configurable};

/// Builds the host ISA. `preserve_frame_pointers` is required for
/// `return_call` on x86-64; a 16-byte minimum function alignment makes
/// every entry address end in four zero bits, which is how the GC tells a
/// continuation on the Erlang stack from a term (see ARCHITECTURE.md).
pub fn host_isa(opt_speed: bool) -> Result<OwnedTargetIsa, String> {
    // Backtracking allocation: fib runs 2.4x faster than with
    // `single_pass`, which halves compile time; the fast tier
    // (`tier.rs`) uses single_pass for code that has not proved hot.
    // GIRDER_RA=single_pass selects it everywhere for experiments.
    let ra = std::env::var("GIRDER_RA").unwrap_or_else(|_| "backtracking".into());
    host_isa_with(opt_speed, &ra)
}

/// The host ISA with register allocator `ra` (`backtracking` or
/// `single_pass`).
pub fn host_isa_with(opt_speed: bool, ra: &str) -> Result<OwnedTargetIsa, String> {
    let mut flags = settings::builder();
    let set = |f: &mut settings::Builder, k: &str, v: &str| {
        f.set(k, v)
            .map_err(|e| format!("cranelift setting {k}={v}: {e}"))
    };
    set(&mut flags, "preserve_frame_pointers", "true")?;
    set(
        &mut flags,
        "opt_level",
        if opt_speed { "speed" } else { "none" },
    )?;
    set(&mut flags, "log2_min_function_alignment", "4")?;
    // The execution context lives in the pinned register (r15 on x86-64,
    // x21 on aarch64) while native code runs; see lower::entry_signature.
    set(&mut flags, "enable_pinned_reg", "true")?;
    // Jump-table indices come from our own entry values, never from
    // untrusted input: no speculative-load hardening on table accesses.
    set(
        &mut flags,
        "enable_table_access_spectre_mitigation",
        "false",
    )?;
    set(
        &mut flags,
        "enable_verifier",
        if cfg!(debug_assertions) {
            "true"
        } else {
            "false"
        },
    )?;
    set(&mut flags, "regalloc_algorithm", ra)?;
    let builder = cranelift_native::builder().map_err(|e| format!("host ISA: {e}"))?;
    builder
        .finish(settings::Flags::new(flags))
        .map_err(|e| format!("host ISA: {e}"))
}

/// A hash of everything about code generation the machine code depends
/// on besides girder's build: the target triple, Cranelift's shared
/// settings (opt level, register allocator...) and the ISA settings
/// detected on this host (CPU features). Part of the cache key.
pub fn config_hash(isa: &dyn cranelift_codegen::isa::TargetIsa) -> u64 {
    use std::hash::{Hash, Hasher};
    let mut h = std::collections::hash_map::DefaultHasher::new();
    isa.triple().to_string().hash(&mut h);
    isa.flags().to_string().hash(&mut h);
    for v in isa.isa_flags() {
        v.to_string().hash(&mut h);
    }
    h.finish()
}
