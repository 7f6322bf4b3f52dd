//! Services the runtime needs from the layers above it (it cannot depend
//! on the JIT): loading a module's code on first call, and entering native
//! code. The launcher installs them once at start-up.

use crate::heap::ctx::Ctx;
use crate::term::Term;
use std::sync::OnceLock;

/// Enters generated code at `addr` with the given stack pointer, heap top
/// and reductions; returns a `ctx::status` code.
pub type EnterFn =
    unsafe extern "C" fn(ctx: *mut Ctx, addr: usize, sp: *mut u64, hp: *mut u64, reds: i64) -> i64;

/// Why a module could not be loaded from the code path.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LoadFailure {
    /// No `.beam` file for it (`{error, nofile}`).
    NoFile,
    /// The file is not a valid module (`{error, badfile}`).
    BadFile,
}

pub struct Hooks {
    pub enter: EnterFn,
    /// Loads and compiles module `m` from the code path; `Ok` once its
    /// exports are resolved. Safe to call from any thread.
    pub load_module: fn(m: Term) -> Result<(), LoadFailure>,
    /// Entry point that returns `status::DONE`: the continuation pushed
    /// under a process's initial call.
    pub done_addr: usize,
    /// Entry point that returns `status::EXIT`: where an exception with no
    /// handler goes.
    pub exit_addr: usize,
}

static HOOKS: OnceLock<Hooks> = OnceLock::new();

pub fn install(h: Hooks) {
    let _ = HOOKS.set(h);
}

pub fn get() -> &'static Hooks {
    HOOKS.get().expect("runtime hooks installed at start-up")
}
