//! The export table: one entry per `{Module, Function, Arity}` that code has
//! referred to. Calls between modules load `addr` and jump through it, so
//! loading a new module version redirects every caller. `addr == 0` means
//! "not loaded": the call site asks the runtime to resolve it.

use crate::heap::ctx::Ctx;
use crate::term::Term;
use std::collections::HashMap;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{OnceLock, RwLock};

#[repr(C)]
pub struct Export {
    /// Native entry address (a `CallConv::Tail` entry point), or 0.
    pub addr: AtomicUsize,
    pub module: Term,
    pub function: Term,
    pub arity: u32,
    /// Set when this MFA is a BIF: callers compile to a direct call.
    pub bif: Option<BifFn>,
}

/// A BIF as generated code calls it: the arguments in an array (BEAM's
/// `BIF_ARGS`), the result or `NON_VALUE` (raised, reason in `ctx`).
pub type BifFn = extern "C" fn(ctx: &mut Ctx, args: *const Term) -> Term;

/// Finds the BIF implementing `m:f/a`. The BIF registry sits in a layer
/// above this table, so it registers this function at start-up
/// (`bif::install`) instead of being called by name.
pub type BifLookup = fn(Term, Term, u32) -> Option<BifFn>;

static BIF_LOOKUP: OnceLock<BifLookup> = OnceLock::new();
static NO_TRAP_LOOKUP: OnceLock<BifLookup> = OnceLock::new();

/// Registers the BIF registry's lookups (the first registration counts):
/// `f` finds the entry exports call (which may trap or yield), `no_trap`
/// the run-to-completion variant for callers that cannot follow a trap.
pub fn set_bif_lookup(f: BifLookup, no_trap: BifLookup) {
    let _ = BIF_LOOKUP.set(f);
    let _ = NO_TRAP_LOOKUP.set(no_trap);
}

/// The run-to-completion entry of BIF `m:f/a` (match-spec guards: a
/// yielding `length/1` would come back as a trap, not a value).
pub fn bif_no_trap_fn(m: Term, f: Term, a: u32) -> Option<BifFn> {
    NO_TRAP_LOOKUP.get().and_then(|lookup| lookup(m, f, a))
}

/// The BIF implementing `m:f/a`, if any.
///
/// Panics if no registry was installed: an export created before that
/// would silently lose its BIF (an embedding bug, not a user error).
pub fn bif_fn(m: Term, f: Term, a: u32) -> Option<BifFn> {
    let lookup = BIF_LOOKUP
        .get()
        .expect("girder_runtime::bif::install() must run before exports are created");
    lookup(m, f, a)
}

pub const ADDR_OFFSET: i32 = std::mem::offset_of!(Export, addr) as i32;

type Key = (u64, u64, u32);

fn table() -> &'static RwLock<HashMap<Key, &'static Export>> {
    static T: OnceLock<RwLock<HashMap<Key, &'static Export>>> = OnceLock::new();
    T.get_or_init(|| RwLock::new(HashMap::with_capacity(16384)))
}

/// The entry for `m:f/a`, created (unresolved) if new. Entries are never
/// freed, so the reference is stable and generated code may embed it.
pub fn get_or_create(m: Term, f: Term, a: u32) -> &'static Export {
    let key = (m.raw(), f.raw(), a);
    if let Some(e) = table().read().unwrap().get(&key) {
        return e;
    }
    let mut t = table().write().unwrap();
    t.entry(key).or_insert_with(|| {
        Box::leak(Box::new(Export {
            addr: AtomicUsize::new(0),
            module: m,
            function: f,
            arity: a,
            bif: bif_fn(m, f, a),
        }))
    })
}

pub fn lookup(m: Term, f: Term, a: u32) -> Option<&'static Export> {
    table().read().unwrap().get(&(m.raw(), f.raw(), a)).copied()
}

impl Export {
    #[inline]
    pub fn address(&self) -> usize {
        self.addr.load(Ordering::Acquire)
    }
    pub fn set_address(&self, a: usize) {
        self.addr.store(a, Ordering::Release)
    }
}

/// The export whose entry is `addr` (a scan: for rare, cold paths).
pub fn by_address(addr: usize) -> Option<&'static Export> {
    if addr == 0 {
        return None;
    }
    table()
        .read()
        .unwrap()
        .values()
        .find(|e| e.address() == addr)
        .copied()
}

/// Every export of module `m` (for `module_info` and unloading).
pub fn of_module(m: Term) -> Vec<&'static Export> {
    table()
        .read()
        .unwrap()
        .values()
        .filter(|e| e.module == m)
        .copied()
        .collect()
}
