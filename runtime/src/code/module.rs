//! The module table (current and old version of each module, BEAM's two
//! slots) and the fun table.
//!
//! Ownership: a `ModuleInfo` is one module version and owns everything
//! made for it at load time: its native code (`code`, the JIT's handle),
//! its literal chunk, its location ids and continuation addresses. It is
//! freed only by `proc::purge`, once no process can run its code or
//! point at its literals. Fun entries and export entries outlive versions
//! (closures and external funs on heaps point at them): a fun entry is
//! shared by every version with the same fun (BEAM's key: module, index,
//! old_uniq) and is pointed at the newest code; purging the code it
//! points at sets it to 0 (calling it raises `badfun`).

use crate::term::Term;
use std::collections::HashMap;
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::sync::{Mutex, OnceLock, RwLock};

/// One lambda of a module (a `FunT` entry). Heap layout of a closure:
/// `[header(HDR_FUN, 1 + num_free)] [&FunEntry] [free var 0] ...`.
#[repr(C)]
pub struct FunEntry {
    /// Native entry point of the lambda's function (arity + num_free
    /// args), or 0 once its code is purged.
    pub addr: AtomicUsize,
    pub module: Term,
    /// The generated function's name, e.g. `'-main/0-fun-0-'`, or `[]`
    /// while the entry was made by `binary_to_term` and its module is not
    /// loaded yet (set when the module loads; read with `function()`).
    pub function: AtomicU64,
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

    /// The lambda's function name; `[]` while its module was never loaded.
    pub fn function(&self) -> Term {
        Term(self.function.load(Ordering::Acquire))
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
    /// The JIT's code memory; dropping it frees the code.
    pub code: Option<Box<dyn std::any::Any + Send + Sync>>,
    /// Lowest and highest native function address of this version: every
    /// entry value (continuation, catch tag, resume address) into it has
    /// its address part in this range.
    pub code_range: (usize, usize),
    /// The literal chunk (module literals, attributes, constants the JIT
    /// built).
    pub literals: Option<crate::term::literal::Chunk>,
    /// Location ids and continuation addresses registered for it.
    pub loc_ids: Vec<u32>,
    pub cps: Vec<usize>,
}

impl ModuleInfo {
    /// Whether entry value (or address) `a` lies in this version's code.
    pub fn owns_code(&self, a: usize) -> bool {
        let a = a & ((1 << 48) - 1);
        a != 0 && a >= self.code_range.0 && a <= self.code_range.1
    }
}

/// The owning handle of one module version (from `Box::into_raw`). The
/// table holds it while the version is current or old; `proc::purge`
/// takes it to free the version.
pub struct Version(std::ptr::NonNull<ModuleInfo>);

// SAFETY: `ModuleInfo` is Send + Sync; the handle is the unique owner.
unsafe impl Send for Version {}
unsafe impl Sync for Version {}

impl Version {
    fn new(info: ModuleInfo) -> Version {
        Version(std::ptr::NonNull::from(Box::leak(Box::new(info))))
    }

    /// The version. References live until `free`, which the purge calls
    /// only when none can be in use (no BIF runs across it).
    pub fn info(&self) -> &'static ModuleInfo {
        // SAFETY: the pointer is valid until `free` consumes the handle.
        unsafe { self.0.as_ref() }
    }
}

#[derive(Default)]
struct Slots {
    current: HashMap<u64, Version>,
    old: HashMap<u64, Version>,
    /// Versions loaded with an `-on_load` function that has not finished
    /// (BEAM's `modp->on_load`): neither current nor old.
    on_load: HashMap<u64, Version>,
}

fn table() -> &'static RwLock<Slots> {
    static T: OnceLock<RwLock<Slots>> = OnceLock::new();
    T.get_or_init(|| RwLock::new(Slots::default()))
}

/// What happens to an old version pushed out of the table: `proc::purge`'s
/// `retire` (queued to be freed once no process can run it), registered
/// by `bif::install` since the purge sits in a layer above this one.
pub type RetireFn = fn(Version, Option<Term>);

static RETIRE: OnceLock<RetireFn> = OnceLock::new();

/// Registers the function old versions pushed out of the table go to.
pub fn set_retire(f: RetireFn) {
    let _ = RETIRE.set(f);
}

/// Hands `d` to the registered retire function (without one, the version
/// is never freed: a leak, never a dangling pointer).
fn retire(d: Version) {
    if let Some(f) = RETIRE.get() {
        f(d, None);
    }
}

/// Asked, as a purged version is freed, whether its code owner must keep
/// the code state (and so the literals it was built against) until the VM
/// exits: the JIT keeps a version whose functions it compiled partially
/// (lazy region units), to compile them whole for the compiled-code cache
/// at exit (`init:stop/0` purges every module before the VM exits).
/// The owner bounds what it keeps.
pub type KeepFn = fn(&(dyn std::any::Any + Send + Sync)) -> bool;

static KEEP: OnceLock<KeepFn> = OnceLock::new();

/// The versions kept until exit: their code state and literal chunk.
type Kept = (
    Option<Box<dyn std::any::Any + Send + Sync>>,
    Option<crate::term::literal::Chunk>,
);

fn lock_kept() -> std::sync::MutexGuard<'static, Vec<Kept>> {
    static K: Mutex<Vec<Kept>> = Mutex::new(Vec::new());
    K.lock().unwrap_or_else(|e| e.into_inner())
}

/// Registers the code owner's [`KeepFn`].
pub fn set_keep_hook(f: KeepFn) {
    let _ = KEEP.set(f);
}

/// Registers a loaded module as current; the current version (if any)
/// becomes old. An old version that was still there is handed to
/// `proc::purge` (loading normally refuses that case: `not_purged`).
pub fn insert(info: ModuleInfo) -> &'static ModuleInfo {
    let v = Version::new(info);
    let r = v.info();
    let key = r.name.raw();
    let displaced = {
        let mut t = table().write().unwrap();
        match t.current.insert(key, v) {
            Some(prev) => t.old.insert(key, prev),
            None => None,
        }
    };
    if let Some(d) = displaced {
        retire(d);
    }
    r
}

/// Registers a version whose on_load function has yet to run: it is
/// neither current nor old (`erlang:finish_loading/1` with on_load). A
/// version already waiting there is handed to `proc::purge`.
pub fn insert_on_load(info: ModuleInfo) -> &'static ModuleInfo {
    let v = Version::new(info);
    let r = v.info();
    let displaced = table().write().unwrap().on_load.insert(r.name.raw(), v);
    if let Some(d) = displaced {
        retire(d);
    }
    r
}

/// The version of `name` waiting for its on_load function, if any.
pub fn on_load_version(name: Term) -> Option<&'static ModuleInfo> {
    table()
        .read()
        .unwrap()
        .on_load
        .get(&name.raw())
        .map(Version::info)
}

/// Takes the version waiting for its on_load function out of the table.
pub fn take_on_load(name: Term) -> Option<Version> {
    table().write().unwrap().on_load.remove(&name.raw())
}

/// The on_load function succeeded: the waiting version becomes current,
/// the current one old (`erlang:finish_after_on_load(M, true)`). Returns
/// the version that was current, if any.
pub fn promote_on_load(name: Term) -> Option<&'static ModuleInfo> {
    let key = name.raw();
    let (prev, displaced) = {
        let mut t = table().write().unwrap();
        let v = t.on_load.remove(&key)?;
        match t.current.insert(key, v) {
            Some(prev) => {
                let r = prev.info();
                (Some(r), t.old.insert(key, prev))
            }
            None => (None, None),
        }
    };
    if let Some(d) = displaced {
        retire(d);
    }
    prev
}

pub fn get(name: Term) -> Option<&'static ModuleInfo> {
    table()
        .read()
        .unwrap()
        .current
        .get(&name.raw())
        .map(Version::info)
}

/// Makes the current version of `name` old (`erlang:delete_module/1`): it
/// no longer counts as loaded. Returns it.
pub fn remove(name: Term) -> Option<&'static ModuleInfo> {
    let key = name.raw();
    let (cur, displaced) = {
        let mut t = table().write().unwrap();
        match t.current.remove(&key) {
            Some(c) => {
                let r = c.info();
                (Some(r), t.old.insert(key, c))
            }
            None => (None, None),
        }
    };
    if let Some(d) = displaced {
        retire(d);
    }
    cur
}

pub fn has_old(name: Term) -> bool {
    table().read().unwrap().old.contains_key(&name.raw())
}

/// The old version of `name`, if any (not removed).
pub fn old(name: Term) -> Option<&'static ModuleInfo> {
    table()
        .read()
        .unwrap()
        .old
        .get(&name.raw())
        .map(Version::info)
}

/// Takes the old version of `name` out of the table (for purging).
pub fn take_old(name: Term) -> Option<Version> {
    table().write().unwrap().old.remove(&name.raw())
}

/// `(name, bytes)` of every current version, then the total bytes of
/// the old ones: native code (the span of its function addresses) plus
/// its literal chunk. `erlang:memory(code)` and `system_info(loaded)`.
pub fn code_sizes() -> (Vec<(Term, usize)>, usize) {
    let t = table().read().unwrap();
    let current = t
        .current
        .values()
        .map(|v| (v.info().name, bytes(v.info())))
        .collect();
    (current, t.old.values().map(|v| bytes(v.info())).sum())
}

/// A version's size as `code_sizes` counts it: native code and literals.
fn bytes(m: &ModuleInfo) -> usize {
    let code = m.code_range.1.saturating_sub(m.code_range.0);
    code + m.literals.as_ref().map_or(0, |c| c.words() * 8)
}

/// Every module with a current or old version: its name, the current
/// version's size and the old one's (0 when there is none), as the BREAK
/// menu's `l` lists them.
pub fn sizes_by_module() -> Vec<(Term, usize, usize)> {
    let t = table().read().unwrap();
    let mut names: Vec<u64> = t.current.keys().chain(t.old.keys()).copied().collect();
    names.sort_unstable();
    names.dedup();
    names
        .into_iter()
        .map(|k| {
            let cur = t.current.get(&k).map_or(0, |v| bytes(v.info()));
            let old = t.old.get(&k).map_or(0, |v| bytes(v.info()));
            (Term(k), cur, old)
        })
        .collect()
}

pub fn loaded() -> Vec<Term> {
    table()
        .read()
        .unwrap()
        .current
        .values()
        .map(|m| m.info().name)
        .collect()
}

/// Frees a version taken out of the table: code, literals, locations.
/// Returns the buffers its literal ProcBins held, for the caller to
/// release (`BinBuf::release_all`).
/// # Safety
/// Nothing can run its code or point into its literals, and no reference
/// from `Version::info` is still used (`proc::purge` establishes this).
#[must_use = "the literal ProcBins' buffer references must be released"]
pub unsafe fn free(v: Version) -> Vec<u64> {
    let b = Box::from_raw(v.0.as_ptr());
    let ModuleInfo {
        literals,
        loc_ids,
        cps,
        code,
        ..
    } = *b;
    crate::code::loc::unregister(&loc_ids, &cps);
    if code
        .as_deref()
        .is_some_and(|c| KEEP.get().is_some_and(|f| f(c)))
    {
        // The code owner still needs the version's code state and the
        // literals it was lowered against, until the VM exits (see
        // [`KeepFn`]). Nothing runs the code or points into the literals
        // any more; both stay allocated, unused, until exit.
        lock_kept().push((code, literals));
        return Vec::new();
    }
    let bufs = match literals {
        Some(c) => c.free(),
        None => Vec::new(),
    };
    drop(code); // the JIT frees the code memory
    bufs
}

/// Fun entries are keyed, as on BEAM, by the module and the lambda's
/// index and uniq (plus its arity and free-variable count, which a term
/// from `binary_to_term` must match), not by its function name: a fun
/// decoded before its module loads gets the entry the loader binds later.
type FunKey = (u64, u32, u32, u32, u32);

/// The fun entry for a lambda of `module`, shared with earlier versions
/// that have the same fun and with funs decoded before the module was
/// loaded. Entries are never freed.
pub fn fun_entry(
    module: Term,
    function: Term,
    arity: u32,
    num_free: u32,
    index: u32,
    old_uniq: u32,
) -> &'static FunEntry {
    let e = fun_entry_by_key(module, arity, num_free, index, old_uniq);
    // A decoded entry learns its name when the module loads.
    let _ = e.function.compare_exchange(
        crate::term::NIL.raw(),
        function.raw(),
        Ordering::AcqRel,
        Ordering::Acquire,
    );
    e
}

/// The fun entry of `module`'s lambda `index`/`old_uniq`, created unbound
/// (no code, name `[]`) when no version of the module has it yet, as
/// `binary_to_term` needs for a fun of a module that is not loaded.
pub fn fun_entry_by_key(
    module: Term,
    arity: u32,
    num_free: u32,
    index: u32,
    old_uniq: u32,
) -> &'static FunEntry {
    static T: OnceLock<Mutex<HashMap<FunKey, &'static FunEntry>>> = OnceLock::new();
    let key = (module.raw(), arity, num_free, index, old_uniq);
    let mut t = T
        .get_or_init(|| Mutex::new(HashMap::new()))
        .lock()
        .unwrap_or_else(|e| e.into_inner());
    t.entry(key).or_insert_with(|| {
        Box::leak(Box::new(FunEntry {
            addr: AtomicUsize::new(0),
            module,
            function: AtomicU64::new(crate::term::NIL.raw()),
            arity,
            num_free,
            index,
            old_uniq,
        }))
    })
}
