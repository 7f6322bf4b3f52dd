//! The module table and fun entries. A loaded module version owns its
//! native code (through the JIT's handle) and one `FunEntry` per lambda;
//! closures on the heap point at their entry, so the entry is never freed.

use crate::term::Term;
use std::collections::HashMap;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{OnceLock, RwLock};

/// One lambda of a module (a `FunT` entry). Heap layout of a closure:
/// `[header(HDR_FUN, 1 + num_free)] [&FunEntry] [free var 0] ...`.
#[repr(C)]
pub struct FunEntry {
    /// Native entry point of the lambda's function (arity + num_free args).
    pub addr: AtomicUsize,
    pub module: Term,
    /// The generated function's name, e.g. `'-main/0-fun-0-'`.
    pub function: Term,
    /// Arity the caller supplies (excluding free variables).
    pub arity: u32,
    pub num_free: u32,
    pub index: u32,
    pub old_uniq: u32,
}

impl FunEntry {
    pub fn address(&self) -> usize {
        self.addr.load(Ordering::Acquire)
    }
}

/// Heap layout of an external fun (`fun M:F/A`):
/// `[header(HDR_EXPORT, 1)] [&Export]`.
pub const EXPORT_FUN_WORDS: usize = 2;

pub struct ModuleInfo {
    pub name: Term,
    pub funs: Vec<&'static FunEntry>,
    /// `{Function, Arity}` of every export, in `ExpT` order.
    pub exports: Vec<(Term, u32)>,
    /// `{Function, Arity}` of every function, in code order
    /// (`module_info(functions)`).
    pub functions: Vec<(Term, u32)>,
    /// `attributes` and `compile` terms (literal area), or NIL.
    pub attributes: Term,
    pub compile_info: Term,
    /// BEAM's module checksum (`module_info(md5)`, funs' `new_uniq`).
    pub md5: [u8; 16],
    /// Keeps the JIT's code memory alive for as long as the module is loaded.
    pub code: Option<Box<dyn std::any::Any + Send + Sync>>,
}

fn table() -> &'static RwLock<HashMap<u64, &'static ModuleInfo>> {
    static T: OnceLock<RwLock<HashMap<u64, &'static ModuleInfo>>> = OnceLock::new();
    T.get_or_init(|| RwLock::new(HashMap::new()))
}

/// Registers a loaded module. The old version (if any) stays alive: code of
/// running processes may still execute it.
pub fn insert(info: ModuleInfo) -> &'static ModuleInfo {
    let leaked: &'static ModuleInfo = Box::leak(Box::new(info));
    table().write().unwrap().insert(leaked.name.raw(), leaked);
    leaked
}

pub fn get(name: Term) -> Option<&'static ModuleInfo> {
    table().read().unwrap().get(&name.raw()).copied()
}

/// Takes module `name` out of the table (`erlang:delete_module/1`): it no
/// longer counts as loaded. Its code stays alive (leaked, like every
/// version): processes and funs may still run it.
pub fn remove(name: Term) -> Option<&'static ModuleInfo> {
    table().write().unwrap().remove(&name.raw())
}

pub fn loaded() -> Vec<Term> {
    table().read().unwrap().values().map(|m| m.name).collect()
}
