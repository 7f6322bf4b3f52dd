//! Lazy compilation: a module load prepares the whole module (atoms,
//! literals, imports, plans) but compiles a function only at its first
//! call. Until then the function's entry value — in its export entry, its
//! fun entries and the module's function table — is the module's *lazy
//! stub* with the function index in the entry bits (see
//! `lower::ENTRY_SHIFT`). The stub calls `rt_lazy_compile`, which compiles
//! the function into the module's JITModule under the module's lock,
//! patches the table, the exports and the fun entries that still hold the
//! stub value, and returns the new address, which the stub tail-calls
//! with the caller's arguments untouched (they are in X registers).
//!
//! Calls between functions of a module name the callee directly when it
//! is already compiled (or compiled in the same batch), else load its
//! entry value from the function table (`FnLower::tail_call_entry`).
//!
//! `ModState` is also the owner of the version's native code: dropping it
//! (when the version is purged) frees the code and forgets the location
//! ids and continuation addresses registered for it.

use crate::lower::{entry_signature, FnLower, ADDR_MASK, ENTRY_SHIFT};
use crate::modcx::ModCx;
use cranelift_codegen::control::ControlPlane;
use cranelift_codegen::ir::{
    condcodes::IntCC, immediates::Imm64, types::I64, AbiParam, ExternalName, Function,
    GlobalValueData, InstBuilder, MemFlagsData, Signature, UserExternalName, UserFuncName,
};
use cranelift_codegen::isa::CallConv;
use cranelift_codegen::Context;
use cranelift_frontend::{FunctionBuilder, FunctionBuilderContext};
use cranelift_jit::JITModule;
use cranelift_module::{FuncId, Linkage, Module as _};
use girder_loader::{Opcode, Operand};
use girder_runtime::code::export::Export;
use girder_runtime::code::module::FunEntry;
use girder_runtime::heap::ctx::{offsets, Ctx};
use girder_runtime::term::atom;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Condvar, Mutex, MutexGuard};
use std::time::Instant;

/// Functions with an index below this can be compiled lazily: the index
/// travels in the 16 entry bits of the stub's entry value.
pub const MAX_LAZY: usize = (1 << (64 - ENTRY_SHIFT)) - 1;

/// The compile state of one module version, kept for as long as the
/// version (it owns the code).
pub struct ModState {
    /// Entry value of each function: its native address once compiled,
    /// else the lazy stub with the function's index in the entry bits.
    /// Generated code reads it (`FnLower::tail_call_entry`); its address
    /// never changes (a boxed slice). After the `n` entry values: the lazy
    /// stub and the fast tier's counters (`tier.rs`).
    pub table: Box<[AtomicUsize]>,
    inner: Mutex<Inner>,
    /// Signalled when a function compiled ahead (`background.rs`) is
    /// done: its first call may be waiting for it.
    done: Condvar,
}

pub struct Inner {
    pub mcx: ModCx,
    pub(crate) jm: Option<JITModule>,
    stub_id: Option<FuncId>,
    /// The lazy stub's address.
    stub: usize,
    pub(crate) compiled: Vec<bool>,
    /// Functions being compiled ahead (`background.rs`) outside the lock.
    busy: Vec<bool>,
    /// First calls waiting on `done` for a function being compiled ahead
    /// (the background thread wakes them only if there are any).
    waiting: usize,
    /// Functions whose current code is the fast tier's (`tier.rs`).
    pub(crate) fast: Vec<bool>,
    /// Functions whose current code was placed from the cache (refined
    /// at exit if fast-tier code that ran: `refine.rs`).
    pub(crate) from_cache: Vec<bool>,
    /// The export entries and fun entries published with the stub value
    /// of each function: patched when it compiles.
    exports_of: Vec<Vec<&'static Export>>,
    funs_of: Vec<Vec<&'static FunEntry>>,
    /// Continuation addresses registered so far (stack traces).
    cps: Vec<usize>,
    /// The instructions of functions not compiled yet, packed
    /// (`pack.rs`), and of fast-tier functions (for their optimised
    /// compile); an optimised function's instructions are dropped.
    pub(crate) packed: Vec<Option<Box<[u8]>>>,
    /// The local functions each not-yet-compiled function calls directly
    /// (`call`, `call_only`, `call_last`).
    callees: Vec<Vec<u32>>,
    /// The remote functions each not-yet-compiled function calls
    /// (`call_ext*` of imports that are not BIFs): compiled ahead if
    /// their module is loaded and they are not (`background.rs`).
    ext_callees: Vec<Vec<&'static Export>>,
    perf_map: bool,
    dump: bool,
    pub native_bytes: usize,
    /// The compiled-code cache (`cache/`): this version's key and atom
    /// values, and the cached code of functions not placed yet.
    pub(crate) cache_key: Option<crate::cache::format::Key>,
    pub(crate) atoms_raw: Vec<u64>,
    /// The cached records of this version (decoded when placed) and the
    /// ones decoded early to see their direct callees.
    records: Option<crate::cache::Records>,
    cached: Vec<Option<Box<crate::place::FnCode>>>,
    /// Set while compiling for a call (`ensure`): functions compiled then
    /// are cached as `HOT`.
    on_call: bool,
    /// Whether the first call into the version placed its hot records.
    hot_placed: bool,
    /// Functions whose fast-tier code leaves regions out (`units.rs`):
    /// their packed instructions stay (units are compiled from them), and
    /// they are compiled whole for the cache at exit (`refine.rs`).
    pub(crate) partial: Vec<bool>,
    /// The entry value of each unit compiled, by (function, label).
    units: girder_loader::FastMap<(u32, u32), usize>,
}

// SAFETY: everything in `Inner` (the JITModule, the ModCx's RefCells and
// kept constants) is only touched with the `ModState` mutex held, so it
// is never used from two threads at once; moving it to the thread that
// frees the version is fine (nothing in it is thread-bound).
unsafe impl Send for Inner {}

impl Inner {
    pub fn jm(&self) -> &JITModule {
        self.jm.as_ref().expect("code freed only on drop")
    }

    /// Takes the packed instructions of every function from the module's
    /// index (`cache/index.rs`) instead of packing decoded ones.
    pub fn take_packed(&mut self, ix: crate::cache::index::Index) {
        for (fi, h) in ix.funcs.into_iter().enumerate() {
            if !self.compiled[fi] {
                self.packed[fi] = Some(h.packed);
                self.callees[fi] = h.callees;
            }
        }
    }

    /// The module index of this version (every function packed: call
    /// after `pack_uncompiled`), `None` if some function is compiled.
    pub fn index(
        &self,
        beam_hash: u64,
        unsupported: &[Option<Opcode>],
        lit_words: usize,
        instructions: usize,
    ) -> Option<crate::cache::index::Index> {
        let m = &self.mcx.module;
        let atom_index: std::collections::HashMap<&str, u32> = m
            .atoms
            .iter()
            .enumerate()
            .rev()
            .map(|(i, a)| (a.as_str(), i as u32 + 1))
            .collect();
        let funcs = m
            .functions
            .iter()
            .enumerate()
            .map(|(fi, f)| {
                Some(crate::cache::index::FnHead {
                    name: *atom_index.get(f.name.as_str())?,
                    arity: f.arity,
                    entry_label: f.entry_label,
                    unsupported: *unsupported.get(fi)?,
                    callees: self.callees[fi].clone(),
                    packed: self.packed[fi].clone()?,
                })
            })
            .collect::<Option<Vec<_>>>()?;
        Some(crate::cache::index::Index {
            beam_hash,
            literals: m.literals.len() as u32,
            atoms: m.atoms.len() as u32,
            instructions: instructions as u64,
            lit_words: lit_words as u64,
            funcs,
        })
    }

    /// The cached code of function `fi`, decoded from its record if not
    /// yet (without taking it).
    fn peek_cached(&mut self, fi: usize) -> Option<&crate::place::FnCode> {
        if self.cached.get(fi)?.is_none() {
            let rec = self.records.as_mut()?;
            if rec.has(fi) {
                self.cached[fi] = rec.take(fi, &export_addr).map(Box::new);
            }
        }
        self.cached.get(fi)?.as_deref()
    }

    /// Takes the cached code of function `fi`, if any.
    fn take_cached(&mut self, fi: usize) -> Option<crate::place::FnCode> {
        if let Some(c) = self.cached.get_mut(fi).and_then(Option::take) {
            return Some(*c);
        }
        let rec = self.records.as_mut()?;
        let c = rec.take(fi, &export_addr);
        // Nothing left to take: the records go (their file's bytes too, if
        // not released after the first call).
        if rec.is_empty() {
            self.records = None;
        }
        c
    }

    /// Packs the instructions of every function not compiled yet: they
    /// wait in 1/16 of the memory until their first call.
    pub fn pack_uncompiled(&mut self) {
        for (fi, f) in self.mcx.module.functions.iter_mut().enumerate() {
            if !self.compiled[fi] && self.packed[fi].is_none() {
                let mut callees: Vec<u32> = f
                    .instrs
                    .iter()
                    .filter(|i| matches!(i.op, Opcode::Call | Opcode::CallOnly | Opcode::CallLast))
                    .filter_map(|i| match i.args.get(1) {
                        Some(Operand::Label(l)) => {
                            self.mcx.entry_of_label.get(l).map(|&c| c as u32)
                        }
                        _ => None,
                    })
                    .filter(|&c| c as usize != fi)
                    .collect();
                callees.sort_unstable();
                callees.dedup();
                self.callees[fi] = callees;
                // Only compiling ahead follows remote calls.
                if !crate::background::enabled() {
                    self.packed[fi] = Some(crate::pack::pack(&f.instrs));
                    f.instrs = Vec::new();
                    continue;
                }
                let mut ext: Vec<&'static Export> = f
                    .instrs
                    .iter()
                    .filter(|i| {
                        matches!(
                            i.op,
                            Opcode::CallExt | Opcode::CallExtOnly | Opcode::CallExtLast
                        )
                    })
                    .filter_map(|i| match i.args.get(1) {
                        Some(Operand::Unsigned(k)) => self.mcx.imports.get(*k as usize),
                        _ => None,
                    })
                    .filter(|imp| imp.bif.is_none() && imp.apply.is_none())
                    .map(|imp| imp.export)
                    .collect();
                ext.sort_unstable_by_key(|e| *e as *const Export as usize);
                ext.dedup_by_key(|e| *e as *const Export as usize);
                self.ext_callees[fi] = ext;
                self.packed[fi] = Some(crate::pack::pack(&f.instrs));
                f.instrs = Vec::new();
            }
        }
    }
}

/// How many functions a first call compiles at most: the called one and,
/// breadth first, the not-yet-compiled local functions it calls directly,
/// so that hot local calls (`nrev` -> `app`) are direct calls rather than
/// loads from the function table. `GIRDER_LAZY_BATCH=N` changes it (1 =
/// only the called function) for measurements.
fn batch_limit() -> usize {
    static N: std::sync::OnceLock<usize> = std::sync::OnceLock::new();
    *N.get_or_init(|| {
        std::env::var("GIRDER_LAZY_BATCH")
            .ok()
            .and_then(|v| v.parse().ok())
            .filter(|&n| n >= 1)
            .unwrap_or(DEFAULT_BATCH)
    })
}

/// 1: measured with callgrind on nrev (30 elements, the hot `nrev` -> `app`
/// tail call through the table): +0.36% instructions per iteration
/// against whole-module compilation, while a batch of 4 compiles 21% more
/// functions for an `io:format` hello world (358 instead of 295).
const DEFAULT_BATCH: usize = 1;

impl Inner {
    /// `fi` and, breadth first, the uncompiled local functions reached
    /// from it by direct calls, up to `batch_limit()`.
    fn batch_from(&self, fi: usize) -> Vec<usize> {
        let limit = batch_limit();
        let mut batch = vec![fi];
        let mut i = 0;
        while i < batch.len() && batch.len() < limit {
            for &c in &self.callees[batch[i]] {
                let c = c as usize;
                if batch.len() < limit && !self.compiled[c] && !batch.contains(&c) && c < MAX_LAZY {
                    batch.push(c);
                }
            }
            i += 1;
        }
        batch
    }
}

impl Inner {
    /// Adds to `batch` the functions that the cached code of its members
    /// calls directly (it was compiled when they existed) and that are not
    /// defined yet, transitively: the JITModule must define them in the
    /// same batch to resolve those calls.
    /// They are compiled optimised (`false`): optimised code calls
    /// only optimised code directly (`tier.rs`).
    fn add_cached_callees(&mut self, batch: &mut Vec<(usize, bool)>) {
        let mut i = 0;
        while i < batch.len() {
            let calls: Vec<usize> = match self.peek_cached(batch[i].0) {
                Some(c) => c
                    .mrelocs
                    .iter()
                    .filter_map(|r| match r.target {
                        crate::place::Target::Func(j) => Some(j as usize),
                        _ => None,
                    })
                    .collect(),
                None => Vec::new(),
            };
            let callable = self.mcx.callable.borrow();
            for j in calls {
                if j < callable.len() && !callable[j] && !batch.iter().any(|m| m.0 == j) {
                    batch.push((j, false));
                }
            }
            i += 1;
        }
    }
}

impl Drop for ModState {
    fn drop(&mut self) {
        crate::background::forget(self as *const ModState as usize);
        crate::refine::forget(self);
        let inner = self.inner.get_mut().unwrap_or_else(|e| e.into_inner());
        girder_runtime::code::loc::unregister(&inner.mcx.loc_ids(), &inner.cps);
        if let Some(jm) = inner.jm.take() {
            // SAFETY: the state is dropped only when nothing can run the
            // code any more (see `girder_runtime::proc::purge`).
            unsafe { jm.free_memory() };
        }
    }
}

fn mem() -> MemFlagsData {
    MemFlagsData::trusted()
}

impl ModState {
    pub fn new(mcx: ModCx, jm: JITModule, opts: &crate::Options) -> Box<ModState> {
        let n = mcx.module.functions.len();
        let mut st = Box::new(ModState {
            table: (0..crate::tier::table_len(n))
                .map(|_| AtomicUsize::new(0))
                .collect(),
            inner: Mutex::new(Inner {
                mcx,
                jm: Some(jm),
                stub_id: None,
                stub: 0,
                compiled: vec![false; n],
                busy: vec![false; n],
                waiting: 0,
                fast: vec![false; n],
                from_cache: vec![false; n],
                exports_of: vec![Vec::new(); n],
                funs_of: vec![Vec::new(); n],
                cps: Vec::new(),
                packed: vec![None; n],
                callees: vec![Vec::new(); n],
                ext_callees: vec![Vec::new(); n],
                perf_map: opts.perf_map,
                dump: opts.dump_dir.is_some(),
                native_bytes: 0,
                cache_key: None,
                atoms_raw: Vec::new(),
                records: None,
                cached: vec![None; n],
                on_call: false,
                hot_placed: false,
                partial: vec![false; n],
                units: Default::default(),
            }),
            done: Condvar::new(),
        });
        let table = st.table.as_ptr() as usize;
        let inner = st.inner.get_mut().unwrap_or_else(|e| e.into_inner());
        inner.mcx.table = table;
        *inner.mcx.callable.borrow_mut() = vec![false; n];
        st
    }

    /// Uses the compiled-code cache with key `key`: looks the module up
    /// (its functions are then placed from the cache at their first call)
    /// and writes the functions compiled in this run at exit.
    pub fn use_cache(&self, key: crate::cache::format::Key) {
        let mut inner = self.lock();
        let atoms: Vec<u64> = inner.mcx.atoms.iter().map(|a| a.raw()).collect();
        let n = inner.mcx.module.functions.len();
        inner.records = crate::cache::lookup(&key, n, &atoms);
        // No hot records: nothing is placed at the first call, so none of
        // the file's bytes need to stay in memory until then.
        if let Some(r) = inner.records.as_mut().filter(|r| r.hot().is_empty()) {
            r.release();
        }
        inner.atoms_raw = atoms;
        inner.cache_key = Some(key);
    }

    pub fn lock(&self) -> MutexGuard<'_, Inner> {
        self.inner.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// The state's lock if it is free (refining at exit never waits:
    /// `refine.rs`).
    pub(crate) fn try_lock(&self) -> Option<MutexGuard<'_, Inner>> {
        match self.inner.try_lock() {
            Ok(g) => Some(g),
            Err(std::sync::TryLockError::Poisoned(e)) => Some(e.into_inner()),
            Err(std::sync::TryLockError::WouldBlock) => None,
        }
    }

    /// Builds the lazy stub (the first code in the module's arena, so its
    /// address starts the version's code range) and fills the table with
    /// stub values. Returns the stub's address.
    pub fn start(&self) -> Result<usize, String> {
        let me = self as *const ModState as usize;
        let mut inner = self.lock();
        let id = place_stub(&mut inner, Stub::Lazy, me)?;
        // Partial code's exits (`units.rs`) go through a stub of their
        // own, placed with the lazy stub (one finalization).
        let unit_stub_id = if crate::units::enabled() {
            Some(place_stub(&mut inner, Stub::Unit, me)?)
        } else {
            None
        };
        let jm = inner.jm.as_mut().ok_or("no code")?;
        jm.finalize_definitions().map_err(|e| e.to_string())?;
        let stub = jm.get_finalized_function(id) as usize;
        if let Some(uid) = unit_stub_id {
            let a = jm.get_finalized_function(uid) as usize;
            inner.mcx.unit_stub.set(a);
        }
        inner.stub_id = Some(id);
        inner.stub = stub;
        if crate::background::enabled() {
            crate::background::register_stub(stub, self);
        }
        crate::refine::register(self);
        if crate::units::enabled() {
            girder_runtime::code::module::set_keep_hook(crate::units::keep_until_exit);
        }
        let n = inner.compiled.len();
        for (fi, slot) in self.table[..n].iter().enumerate() {
            let v = if fi < MAX_LAZY {
                stub | (fi << ENTRY_SHIFT)
            } else {
                0
            };
            slot.store(v, Ordering::Release);
        }
        self.table[crate::tier::stub_slot(n)].store(stub, Ordering::Release);
        for fi in 0..n {
            self.table[crate::tier::counter_slot(n, fi)]
                .store(crate::tier::threshold() as usize, Ordering::Release);
        }
        Ok(stub)
    }

    /// The entry address of function `fi`, compiling it first if needed
    /// (by the fast tier when it is on), or compiling it optimised if it
    /// runs fast-tier code whose counter ran out (`tier.rs`).
    fn ensure(&self, fi: usize) -> Result<usize, String> {
        let mut inner = self.lock();
        let n = inner.compiled.len();
        if fi >= n {
            return Err(format!("no function {fi}"));
        }
        if inner.busy[fi] {
            crate::stats::ahead_wait();
            inner.waiting += 1;
            while inner.busy[fi] {
                inner = self.done.wait(inner).unwrap_or_else(|e| e.into_inner());
            }
            inner.waiting -= 1;
        }
        if !inner.compiled[fi] {
            let fresh = !inner.has_record(fi);
            let fast = crate::tier::enabled();
            // A cold first call (no cached code to place with it): compiled
            // alone, its code generation outside the module's lock, after
            // queueing its direct callees to be compiled ahead meanwhile.
            if fresh
                && fast
                && batch_limit() == 1
                && fi < MAX_LAZY
                && (inner.hot_placed || inner.records.is_none())
                && !inner.perf_map
                && !inner.dump
                && inner.fresh_ok(fi)
            {
                if crate::background::enabled() {
                    self.queue_callees(&inner, fi, 1);
                }
                self.compile_unlocked(inner, fi, false)?;
                return Ok(self.table[fi].load(Ordering::Acquire));
            }
            let mut batch: Vec<(usize, bool)> = inner
                .batch_from(fi)
                .into_iter()
                .map(|f| (f, fast))
                .collect();
            // The first call places every function earlier runs called
            // (`HOT` records) in the same batch: one finalization (page
            // protection change, fresh page) instead of one per function.
            // Their records keep their tier (`compile_batch`).
            if !inner.hot_placed {
                inner.hot_placed = true;
                if let Some(r) = &inner.records {
                    let hot = r.hot();
                    let compiled = &inner.compiled;
                    batch.extend(
                        hot.into_iter()
                            .filter(|&h| h != fi && h < MAX_LAZY && !compiled[h])
                            .map(|h| (h, fast)),
                    );
                }
            }
            inner.add_cached_callees(&mut batch);
            // Members being compiled ahead are left to that.
            batch.retain(|m| m.0 == fi || !inner.busy[m.0]);
            inner.on_call = true;
            let r = compile_batch(&mut inner, &self.table, &batch);
            inner.on_call = false;
            r?;
            // The hot records are placed: the others are read from the
            // file if their function is ever called.
            if let Some(r) = inner.records.as_mut() {
                r.release();
            }
            // Compiled afresh (a cold start): the functions it calls
            // directly are likely next; compile them ahead on a spare
            // core — unless it calls many (a dispatcher, such as a
            // parser state, takes one of them per call).
            if fresh && !inner.perf_map && !inner.dump && crate::background::enabled() {
                self.queue_callees(&inner, fi, 1);
            }
        } else if inner.fast[fi] {
            let ctr = &self.table[crate::tier::counter_slot(n, fi)];
            if (ctr.load(Ordering::Acquire) as i64) < 0 {
                let t0 = Instant::now();
                // With the local functions it calls directly that have
                // used half their count: it then calls them directly,
                // not through the table (they would tier up soon, after
                // the caller's code was fixed).
                let half = (crate::tier::threshold() / 2) as i64;
                let mut batch = vec![(fi, false)];
                for &c in &inner.callees[fi] {
                    let c = c as usize;
                    let used = self.table[crate::tier::counter_slot(n, c)].load(Ordering::Acquire);
                    if inner.fast[c] && (used as i64) < half {
                        batch.push((c, false));
                    }
                }
                // Cached as HOT: this run called them.
                inner.on_call = true;
                let r = compile_batch(&mut inner, &self.table, &batch);
                inner.on_call = false;
                match r {
                    Ok(_) => {
                        let ns = t0.elapsed().as_nanos() as u64;
                        for _ in &batch {
                            crate::stats::tiered_up(ns / batch.len() as u64);
                        }
                    }
                    Err(e) => {
                        // Stays in the fast tier, and no longer counts.
                        eprintln!("girder: optimising compile failed: {e}");
                        ctr.store(crate::tier::NEVER as usize, Ordering::Release);
                    }
                }
            }
        }
        Ok(self.table[fi].load(Ordering::Acquire))
    }
}

impl Inner {
    /// Whether function `fi` has cached code waiting to be placed.
    fn has_record(&self, fi: usize) -> bool {
        self.cached.get(fi).is_some_and(Option::is_some)
            || self.records.as_ref().is_some_and(|r| r.has(fi))
    }
}

impl ModState {
    /// Compiles function `fi` by the fast tier ahead of its first call
    /// (`background.rs`), unless it is compiled, being compiled, or has
    /// cached code. Cranelift's code generation runs without the lock;
    /// meanwhile the function is `busy` and a first call waits for it.
    pub(crate) fn speculate(&self, fi: usize, depth: u8) -> Result<(), String> {
        let inner = self.lock();
        let n = inner.compiled.len();
        if fi >= n.min(MAX_LAZY) || inner.compiled[fi] || inner.busy[fi] || !inner.fresh_ok(fi) {
            return Ok(());
        }
        if depth < crate::background::MAX_DEPTH {
            self.queue_callees(&inner, fi, depth + 1);
        }
        self.compile_unlocked(inner, fi, true)
    }

    /// Whether function `fi` can be compiled by `compile_unlocked`: it has
    /// no cached code, and neither a native body (a NIF: small, and its
    /// code counts no entries, which keeping its record needs) nor an
    /// unsupported instruction.
    fn fresh_ok_of(inner: &Inner, fi: usize) -> bool {
        inner.mcx.unsupported[fi].is_none()
            && inner.mcx.bif_bodies[fi].is_none()
            && !inner.has_record(fi)
    }

    /// Compiles function `fi` afresh by the fast tier, holding the
    /// module's lock (`inner`) only to lower it and to place and publish
    /// its code: Cranelift's code generation (the bulk of the cost) runs
    /// without it, the function marked `busy` meanwhile (a first call of
    /// it waits on `done`). So the scheduler's first-call compiles and the
    /// background thread's (`ahead`) overlap even within one module.
    fn compile_unlocked(
        &self,
        mut inner: MutexGuard<'_, Inner>,
        fi: usize,
        ahead: bool,
    ) -> Result<(), String> {
        let fast_isa = crate::tier::fast_isa()?;
        let t0 = Instant::now();
        let n = inner.compiled.len();
        let sig = entry_signature(CallConv::Tail);
        let (mut ctx, mut fbc) = take_compile_ctx();
        let old = self.table[fi].load(Ordering::Acquire);
        let lowered = {
            let Inner {
                mcx,
                jm,
                packed,
                fast,
                from_cache,
                ..
            } = &mut *inner;
            from_cache[fi] = false;
            jm.as_mut()
                .ok_or_else(|| "code freed".to_string())
                .and_then(|jm| {
                    let id = jm
                        .declare_anonymous_function(&sig)
                        .map_err(|e| e.to_string())?;
                    reset_function(&mut ctx.func, UserFuncName::user(0, fi as u32), sig);
                    mcx.partial_ok
                        .set(crate::units::enabled() && crate::units::debug_filter(mcx, fi));
                    mcx.state_addr.set(self as *const ModState as usize);
                    let low = lower_fn(mcx, jm, packed, fast, fi, true, id, &mut ctx, &mut fbc);
                    mcx.partial_ok.set(false);
                    Ok((id, low?))
                })
        };
        let (id, low) = match lowered {
            Ok(x) => x,
            Err(e) => {
                give_back_compile_ctx(ctx, fbc);
                return Err(e);
            }
        };
        if low.partial {
            inner.partial[fi] = true;
            crate::stats::partial_compiled();
        }
        inner.busy[fi] = true;
        drop(inner);
        let code = ctx
            .compile(&**fast_isa, &mut ControlPlane::default())
            .map(|_| ())
            .map_err(|e| format!("{:?}", e.inner))
            .and_then(|_| {
                crate::place::from_compiled(fi, id.as_u32(), true, &ctx, low.syms, low.cps)
            });
        give_back_compile_ctx(ctx, fbc);
        let mut inner = self.lock();
        inner.busy[fi] = false;
        if inner.waiting > 0 {
            self.done.notify_all();
        }
        let code = code?;
        let Inner { jm, mcx, .. } = &mut *inner;
        crate::place::place_for(jm.as_mut().ok_or("code freed")?, id, &code, mcx)?;
        if let Some(k) = &inner.cache_key {
            if !low.pinned {
                if ahead {
                    // Kept (as HOT) only if it is entered in this run.
                    let counter = &self.table[crate::tier::counter_slot(n, fi)];
                    let owner = self as *const ModState as usize;
                    crate::cache::add_ahead(k, n, &inner.atoms_raw, &code, counter, owner);
                } else {
                    crate::cache::add(k, n, &inner.atoms_raw, &code, true);
                }
            }
        }
        let bytes = code.bytes.len();
        inner.native_bytes += bytes;
        publish_compiled(
            &mut inner,
            &self.table,
            &[fi],
            &[id],
            &[true],
            &[old],
            vec![code.cps],
        )?;
        let ns = t0.elapsed().as_nanos() as u64;
        if ahead {
            crate::stats::compiled_ahead(bytes, ns);
        } else {
            crate::stats::compiled(1, bytes, ns);
        }
        Ok(())
    }
}

impl ModState {
    /// The entry value of function `fi` if its fast-tier code is no
    /// longer current (it tiered up): where fast-tier code whose counter
    /// ran out goes on, found without the lock (`tier.rs`).
    fn tiered_past(&self, fi: usize) -> Option<usize> {
        let n = (self.table.len() - 1) / 3;
        let fast = self.table.get(crate::tier::fast_slot(n, fi))?;
        let fast = fast.load(Ordering::Acquire);
        let cur = self.table.get(fi)?.load(Ordering::Acquire);
        (fi < n && fast != 0 && cur != fast).then_some(cur)
    }

    /// The native bytes of this version if it has functions compiled
    /// partially that the cache wants whole (`units::keep_until_exit`).
    pub(crate) fn partial_bytes(&self) -> Option<usize> {
        let inner = self.lock();
        let wanted = inner.cache_key.is_some()
            && inner
                .partial
                .iter()
                .zip(&inner.packed)
                .any(|(&p, k)| p && k.is_some());
        wanted.then_some(inner.native_bytes)
    }

    /// The entry value of the unit of function `fi` starting at label
    /// `label` (`units.rs`), compiled by the fast tier now if this is its
    /// first use. A unit is placed in the version's code like any
    /// function and registers its continuations; nothing else (table,
    /// exports) refers to it.
    pub(crate) fn unit(&self, fi: usize, label: u32) -> Result<usize, String> {
        let mut inner = self.lock();
        if let Some(&a) = inner.units.get(&(fi as u32, label)) {
            return Ok(a);
        }
        let fast_isa = crate::tier::fast_isa()?;
        let t0 = Instant::now();
        let sig = entry_signature(CallConv::Tail);
        let (mut ctx, mut fbc) = take_compile_ctx();
        let r = (|| -> Result<(usize, crate::place::FnCode), String> {
            let Inner {
                mcx,
                jm,
                packed,
                fast,
                ..
            } = &mut *inner;
            let jm = jm.as_mut().ok_or_else(|| "code freed".to_string())?;
            let id = jm
                .declare_anonymous_function(&sig)
                .map_err(|e| e.to_string())?;
            reset_function(&mut ctx.func, UserFuncName::user(0, fi as u32), sig);
            mcx.partial_ok.set(true);
            mcx.unit_root.set(Some(label));
            mcx.state_addr.set(self as *const ModState as usize);
            let low = lower_fn(mcx, jm, packed, fast, fi, true, id, &mut ctx, &mut fbc);
            mcx.partial_ok.set(false);
            mcx.unit_root.set(None);
            // The instructions and plan served this unit only (the packed
            // form stays).
            mcx.module.functions[fi].instrs = Vec::new();
            mcx.plans.drop_plan(fi);
            let low = low?;
            ctx.compile(&**fast_isa, &mut ControlPlane::default())
                .map_err(|e| format!("{:?}", e.inner))?;
            let code = crate::place::from_compiled(fi, id.as_u32(), true, &ctx, low.syms, low.cps)?;
            crate::place::place_for(jm, id, &code, mcx)?;
            jm.finalize_definitions()
                .map_err(|e| format!("finalize {}: {e}", mcx.module.name))?;
            let addr = jm.get_finalized_function(id) as usize;
            Ok((addr, code))
        })();
        give_back_compile_ctx(ctx, fbc);
        let (addr, code) = r?;
        for &(ei, line) in &code.cps {
            let cp = addr | ((ei as usize) << ENTRY_SHIFT);
            girder_runtime::code::loc::register_cp(cp, inner.mcx.loc_of_line(fi, line));
            inner.cps.push(cp);
        }
        inner.native_bytes += code.bytes.len();
        inner.units.insert((fi as u32, label), addr);
        crate::stats::unit_compiled(code.bytes.len(), t0.elapsed().as_nanos() as u64);
        Ok(addr)
    }
}

impl ModState {
    /// Queues the functions `fi` calls directly to be compiled ahead on a
    /// spare core (`background.rs`) — unless it calls many (a dispatcher,
    /// such as a parser state, takes one of them per call).
    fn queue_callees(&self, inner: &Inner, fi: usize, depth: u8) {
        let local = &inner.callees[fi];
        let remote = &inner.ext_callees[fi];
        if local.len() + remote.len() > crate::background::MAX_FAN_OUT {
            return;
        }
        let next: Vec<u32> = local
            .iter()
            .copied()
            .filter(|&c| !inner.compiled[c as usize] && !inner.has_record(c as usize))
            .collect();
        let entries: Vec<usize> = remote
            .iter()
            .map(|e| e.addr.load(Ordering::Acquire))
            .collect();
        crate::background::enqueue(self, next, &entries, depth);
    }
}

impl Inner {
    fn fresh_ok(&self, fi: usize) -> bool {
        ModState::fresh_ok_of(self, fi)
    }
}

/// The address of the export entry `m:f/a` (for decoding cached records).
fn export_addr(m: &str, f: &str, a: u32) -> usize {
    crate::reloc::export_of(m, f, a) as *const _ as usize
}

/// Called by the lazy stub of the module whose state is `state`, for its
/// function `fi`: the function's native address, or 0 with an exception
/// recorded in `ctx` if it cannot be compiled (an internal error: the
/// verifier accepted the module).
extern "C" fn rt_lazy_compile(ctx: &mut Ctx, state: *const ModState, fi: u64) -> u64 {
    // SAFETY: `state` is the address the stub was built with: the boxed
    // state of a version whose code is running, so not yet freed.
    let st = unsafe { &*state };
    if let Some(a) = st.tiered_past(fi as usize) {
        return a as u64;
    }
    let r = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| st.ensure(fi as usize)));
    match r {
        Ok(Ok(a)) => a as u64,
        Ok(Err(e)) => {
            eprintln!("girder: lazy compilation failed: {e}");
            let t = atom::intern("girder_compile_failed");
            ctx.error(t);
            0
        }
        Err(_) => {
            eprintln!("girder: lazy compilation failed (internal error)");
            let t = atom::intern("girder_compile_failed");
            ctx.error(t);
            0
        }
    }
}

/// The two stubs every module version places (`place::place`, the
/// module state as symbol 0): the lazy stub (`rt_lazy_compile`: a
/// function's first call) and the unit stub (`units::rt_lazy_unit`: a
/// left-out region's exit in partial code).
#[derive(Clone, Copy)]
enum Stub {
    Lazy,
    Unit,
}

/// Declares and places a copy of stub `kind` in the version's code, with
/// the module state `me` as its symbol 0 (finalized by the caller).
fn place_stub(inner: &mut Inner, kind: Stub, me: usize) -> Result<FuncId, String> {
    let suffix = match kind {
        Stub::Lazy => "lazy_stub",
        Stub::Unit => "unit_stub",
    };
    let name = format!("{}:{suffix}", inner.mcx.module.name);
    let jm = inner.jm.as_mut().ok_or("no code")?;
    let id = jm
        .declare_function(&name, Linkage::Local, &entry_signature(CallConv::Tail))
        .map_err(|e| e.to_string())?;
    let code = stub_template(jm, kind)?;
    crate::place::place(jm, id, &code, &[me as u64])?;
    Ok(id)
}

/// A stub's code for `jm`'s settings, compiled once per run: every module
/// version places a copy instead of compiling its own.
fn stub_template(jm: &JITModule, kind: Stub) -> Result<crate::place::FnCode, String> {
    type Slot = std::sync::OnceLock<Result<crate::place::FnCode, String>>;
    static T: [[Slot; 2]; 2] = [[Slot::new(), Slot::new()], [Slot::new(), Slot::new()]];
    let speed = jm.isa().flags().opt_level() != cranelift_codegen::settings::OptLevel::None;
    let rt = match kind {
        Stub::Lazy => rt_lazy_compile as *const () as usize,
        Stub::Unit => crate::units::rt_lazy_unit as *const () as usize,
    };
    T[kind as usize][speed as usize]
        .get_or_init(|| {
            let mut ctx = build_stub(jm, rt)?;
            ctx.compile(jm.isa(), &mut ControlPlane::default())
                .map_err(|e| format!("lazy stub: {:?}", e.inner))?;
            crate::place::from_compiled(0, u32::MAX, false, &ctx, Vec::new(), Vec::new())
        })
        .clone()
}

/// A stub: `(sp, hp, reds, arg)`. Saves sp/hp/reds, asks `rt(ctx, state,
/// arg)` (the module state being symbol 0) for an address — function
/// `arg`'s (`rt_lazy_compile`) or the unit `arg` names
/// (`units::rt_lazy_unit`) — and tail-calls it at entry 0 with everything
/// as it was; raises if compiling failed.
fn build_stub(jm: &JITModule, rt: usize) -> Result<Context, String> {
    let tail = entry_signature(CallConv::Tail);
    let sysv = jm.isa().default_call_conv();
    let fe = jm.isa().frontend_config();
    let mut ctx = Context::new();
    reset_function(&mut ctx.func, UserFuncName::user(2, 0), tail.clone());
    let mut fbc = FunctionBuilderContext::new();
    {
        let mut b = FunctionBuilder::new(&mut ctx.func, &mut fbc);
        let blk = b.create_block();
        b.append_block_params_for_function_params(blk);
        b.switch_to_block(blk);
        let p = b.block_params(blk).to_vec();
        let c = b.ins().get_pinned_reg(I64);
        b.ins().store(mem(), p[0], c, offsets::SP);
        b.ins().store(mem(), p[1], c, offsets::HP);
        b.ins().store(mem(), p[2], c, offsets::REDS);
        let mut csig = Signature::new(sysv);
        for _ in 0..3 {
            csig.params.push(AbiParam::new(I64));
        }
        csig.returns.push(AbiParam::new(I64));
        let csig = b.import_signature(csig);
        let f = b.ins().iconst(I64, rt as i64);
        let st = {
            let r = b
                .func
                .declare_imported_user_function(UserExternalName::new(crate::reloc::SYM_NS, 0));
            let g = b.func.create_global_value(GlobalValueData::Symbol {
                name: ExternalName::User(r),
                offset: Imm64::new(0),
                colocated: false,
                tls: false,
            });
            b.ins().symbol_value(I64, g)
        };
        let call = b.ins().call_indirect(csig, f, &[c, st, p[3]]);
        let r = b.inst_results(call)[0];
        let tsig = b.import_signature(tail);
        let ok = b.create_block();
        let err = b.create_block();
        let failed = b.ins().icmp_imm_s(IntCC::Equal, r, 0);
        b.ins().brif(failed, err, &[], ok, &[]);
        b.switch_to_block(ok);
        // The C callee preserved the pinned register.
        let c = b.ins().get_pinned_reg(I64);
        let sp = b.ins().load(I64, mem(), c, offsets::SP);
        let hp = b.ins().load(I64, mem(), c, offsets::HP);
        let reds = b.ins().load(I64, mem(), c, offsets::REDS);
        let zero = b.ins().iconst(I64, 0);
        b.ins().return_call_indirect(tsig, r, &[sp, hp, reds, zero]);
        b.switch_to_block(err);
        let c = b.ins().get_pinned_reg(I64);
        let zero = b.ins().iconst(I64, 0);
        b.ins().store(mem(), zero, c, offsets::EXC_LOC);
        let mut hsig = Signature::new(sysv);
        hsig.params.push(AbiParam::new(I64));
        hsig.returns.push(AbiParam::new(I64));
        let hsig = b.import_signature(hsig);
        let hf = b.ins().iconst(I64, crate::rt::handle_error().addr as i64);
        let call = b.ins().call_indirect(hsig, hf, &[c]);
        let h = b.inst_results(call)[0];
        let sp = b.ins().load(I64, mem(), c, offsets::SP);
        let hp = b.ins().load(I64, mem(), c, offsets::HP);
        let reds = b.ins().load(I64, mem(), c, offsets::REDS);
        let ha = b.ins().band_imm_u(h, ADDR_MASK);
        let hi = b.ins().ushr_imm_u(h, ENTRY_SHIFT);
        b.ins().return_call_indirect(tsig, ha, &[sp, hp, reds, hi]);
        b.seal_all_blocks();
        b.finalize(fe);
    }
    Ok(ctx)
}

thread_local! {
    /// A compiling thread's Cranelift contexts, kept between batches: a
    /// cold start compiles ~1,100 functions one batch at a time, and a
    /// fresh `Context` grows its buffers (register allocator state, code
    /// buffer, data-flow graph) from nothing every time (measured: 3% of
    /// a cold start's instructions in `realloc` and `memcpy`).
    static COMPILE_CTX: std::cell::RefCell<Option<(Context, FunctionBuilderContext)>> =
        const { std::cell::RefCell::new(None) };
}

/// This thread's kept contexts (cleared), or new ones (the first batch,
/// a nested use, or thread-locals already destroyed at exit).
fn take_compile_ctx() -> (Context, FunctionBuilderContext) {
    COMPILE_CTX
        .try_with(|c| c.borrow_mut().take())
        .ok()
        .flatten()
        .unwrap_or_else(|| (Context::new(), FunctionBuilderContext::new()))
}

/// Makes `f` an empty function named `name` with signature `sig`,
/// keeping the capacity of its tables: a fresh `Function` per compile
/// grew every one of them again from nothing (~80,000 reallocations in a
/// cold `halt()`).
pub(crate) fn reset_function(f: &mut Function, name: UserFuncName, sig: Signature) {
    f.clear();
    f.name = name;
    f.signature = sig;
}

fn give_back_compile_ctx(mut ctx: Context, fbc: FunctionBuilderContext) {
    ctx.clear();
    let _ = COMPILE_CTX.try_with(|c| *c.borrow_mut() = Some((ctx, fbc)));
}

/// Compiles functions `batch` of the module together, each `(fi,
/// fast_ok)`: from its cached record if it has a usable one, else fresh —
/// by the fast tier when `fast_ok` and the tier is available, else
/// optimised. Lowers and defines each, finalizes, then publishes them in
/// the function table, in the export and fun entries that still hold
/// their previous entry value (the lazy stub's, or the fast-tier code's;
/// a newer version may have taken them over since), and registers their
/// continuations. Returns the `+JDdump` listing (filled only when dumping
/// or writing a perf map).
pub fn compile_batch(
    inner: &mut Inner,
    table: &[AtomicUsize],
    batch: &[(usize, bool)],
) -> Result<Vec<(String, FuncId, Vec<u8>)>, String> {
    let t0 = Instant::now();
    let want_listing = inner.perf_map || inner.dump;
    let fast_isa = if batch.iter().any(|m| m.1) {
        crate::tier::fast_isa().ok()
    } else {
        None
    };
    let mut from_cache: Vec<Option<crate::place::FnCode>> =
        batch.iter().map(|&(fi, _)| inner.take_cached(fi)).collect();
    // Which members get fast-tier code: cached records keep their tier.
    let is_fast: Vec<bool> = batch
        .iter()
        .zip(&from_cache)
        .map(|(&(_, ok), c)| match c {
            Some(c) => c.fast && ok,
            None => ok && fast_isa.is_some(),
        })
        .collect();
    {
        // Optimised members define their canonical FuncId: other
        // optimised code may call them directly.
        let mut c = inner.mcx.callable.borrow_mut();
        for (&(fi, _), &f) in batch.iter().zip(&is_fast) {
            if !f {
                c[fi] = true;
            }
        }
    }
    // Cached code of the tier chosen whose direct callees are all defined
    // (or in this batch: see `add_cached_callees`); the others are
    // compiled afresh.
    {
        let callable = inner.mcx.callable.borrow();
        for (c, &f) in from_cache.iter_mut().zip(&is_fast) {
            let usable = c.as_ref().is_some_and(|c| {
                c.fast == f
                    && c.mrelocs.iter().all(|r| match r.target {
                        crate::place::Target::Func(j) => callable.get(j as usize) == Some(&true),
                        _ => true,
                    })
            });
            if !usable {
                *c = None;
            }
        }
    }
    let sig = entry_signature(CallConv::Tail);
    let (mut ctx, mut fbc) = take_compile_ctx();
    let mut listing = Vec::new();
    let mut bytes = 0;
    let nfuncs = inner.mcx.module.functions.len();
    let Inner {
        mcx,
        jm,
        compiled,
        fast,
        from_cache: placed_from_cache,
        packed,
        cache_key,
        atoms_raw,
        on_call,
        ..
    } = &mut *inner;
    // Functions compiled for the first time (not placed, not tiered up).
    let mut first = 0;
    // Continuations of each function of the batch: (entry, line index).
    let mut batch_cps: Vec<Vec<(u32, u32)>> = Vec::with_capacity(batch.len());
    let old: Vec<usize> = batch
        .iter()
        .map(|&(fi, _)| table[fi].load(Ordering::Acquire))
        .collect();
    let jm = jm.as_mut().ok_or("code freed")?;
    let mut ids = Vec::with_capacity(batch.len());
    for (k, (&(fi, _), cached)) in batch.iter().zip(from_cache).enumerate() {
        let fast_fi = is_fast[k];
        let id = if fast_fi {
            jm.declare_anonymous_function(&sig)
                .map_err(|e| e.to_string())?
        } else {
            mcx.func_ids[fi]
        };
        ids.push(id);
        if let Some(code) = cached {
            let values = code
                .syms
                .iter()
                .map(|s| crate::reloc::value(s, mcx))
                .collect::<Result<Vec<_>, _>>();
            if let Ok(values) = values {
                if crate::place::place(jm, id, &code, &values).is_ok() {
                    // Fast-tier code keeps its packed instructions for
                    // the optimised compile.
                    if !fast_fi {
                        packed[fi] = None;
                    }
                    crate::cache::placed(fast_fi);
                    placed_from_cache[fi] = true;
                    bytes += code.bytes.len();
                    batch_cps.push(code.cps);
                    if want_listing {
                        let f = &mcx.module.functions[fi];
                        listing.push((
                            format!("{}:{}/{}", mcx.module.name, f.name, f.arity),
                            id,
                            code.bytes,
                        ));
                    }
                    continue;
                }
            }
        }
        if !compiled[fi] {
            first += 1;
        }
        placed_from_cache[fi] = false;
        reset_function(&mut ctx.func, UserFuncName::user(0, fi as u32), sig.clone());
        let low = lower_fn(mcx, jm, packed, fast, fi, fast_fi, id, &mut ctx, &mut fbc)?;
        let f = &mcx.module.functions[fi];
        let isa: &dyn cranelift_codegen::isa::TargetIsa = match fast_isa {
            Some(i) if fast_fi => &**i,
            _ => jm.isa(),
        };
        let timed = crate::stats::fn_times_enabled();
        let t_fn = if timed {
            crate::stats::thread_cpu_ns()
        } else {
            0
        };
        let compiled = ctx
            .compile(isa, &mut ControlPlane::default())
            .map(|_| ())
            .map_err(|e| format!("{:?}", e.inner));
        if timed {
            let ns = crate::stats::thread_cpu_ns() - t_fn;
            crate::stats::function_time(mcx, fi, fast_fi, ns);
        }
        let placed = compiled
            .and_then(|_| {
                crate::place::from_compiled(fi, id.as_u32(), fast_fi, &ctx, low.syms, low.cps)
            })
            .and_then(|code| {
                crate::place::place_for(jm, id, &code, mcx)?;
                Ok(code)
            });
        let code = match placed {
            Ok(c) => c,
            Err(e) => {
                if !fast_fi {
                    mcx.callable.borrow_mut()[fi] = false;
                }
                return Err(format!(
                    "compile {}:{}/{}: {e}",
                    mcx.module.name, f.name, f.arity
                ));
            }
        };
        bytes += code.bytes.len();
        if let Some(k) = cache_key {
            if !low.pinned {
                crate::cache::add(k, nfuncs, atoms_raw, &code, *on_call);
            }
        }
        if want_listing {
            listing.push((
                format!("{}:{}/{}", mcx.module.name, f.name, f.arity),
                id,
                code.bytes.clone(),
            ));
        }
        batch_cps.push(code.cps);
        ctx.clear();
    }
    give_back_compile_ctx(ctx, fbc);
    let fis: Vec<usize> = batch.iter().map(|m| m.0).collect();
    publish_compiled(inner, table, &fis, &ids, &is_fast, &old, batch_cps)?;
    let Inner {
        jm,
        perf_map,
        native_bytes,
        ..
    } = &mut *inner;
    let jm = jm.as_mut().ok_or("code freed")?;
    if *perf_map {
        crate::dump::append_perf_map(&listing, jm);
    }
    *native_bytes += bytes;
    crate::stats::compiled(first, bytes, t0.elapsed().as_nanos() as u64);
    Ok(listing)
}

/// What lowering one function leaves for placing its compiled code.
pub(crate) struct Lowered {
    /// The symbols its code refers to (`reloc.rs`).
    pub syms: Vec<crate::reloc::Sym>,
    /// Its continuations: (entry index, line index).
    pub cps: Vec<(u32, u32)>,
    /// Whether it embeds a value that is not reproducible across runs
    /// (such code is not cached).
    pub pinned: bool,
    /// Whether it left regions out (`units.rs`).
    pub partial: bool,
}

/// Lowers function `fi` into `ctx.func` (whose name and signature are
/// set): unpacks its instructions (a fast-tier function keeps them
/// packed for its optimised compile), plans it and builds its CLIF.
#[allow(clippy::too_many_arguments)]
pub(crate) fn lower_fn(
    mcx: &mut ModCx,
    jm: &mut JITModule,
    packed: &mut [Option<Box<[u8]>>],
    fast: &[bool],
    fi: usize,
    fast_fi: bool,
    id: FuncId,
    ctx: &mut Context,
    fbc: &mut FunctionBuilderContext,
) -> Result<Lowered, String> {
    if mcx.module.functions[fi].instrs.is_empty() {
        // Fast-tier functions keep their packed instructions for the
        // optimised compile (until it succeeded).
        let p = if fast_fi || fast[fi] {
            packed[fi].clone()
        } else {
            packed[fi].take()
        };
        if let Some(p) = p {
            let f = &mut mcx.module.functions[fi];
            f.instrs = crate::pack::unpack(&p).ok_or_else(|| {
                format!(
                    "{}:{}/{}: bad packed code",
                    mcx.module.name, f.name, f.arity
                )
            })?;
        }
    }
    if fast_fi && packed[fi].is_none() {
        packed[fi] = Some(crate::pack::pack(&mcx.module.functions[fi].instrs));
    }
    mcx.plan(fi);
    mcx.syms.borrow_mut().clear();
    mcx.pinned.set(false);
    mcx.fast.set(fast_fi);
    mcx.own.set(fast_fi.then_some(id));
    mcx.partial_out.set(false);
    mcx.lowering.set(fi);
    let fe = jm.isa().frontend_config();
    {
        let b = FunctionBuilder::new(&mut ctx.func, fbc);
        let mut lw = FnLower::new(b, mcx, jm, fi);
        let b = if let Some(op) = mcx.unsupported[fi] {
            lw.unsupported(op);
            lw.finish()
        } else {
            lw.lower_function()
        };
        b.finalize(fe);
    }
    crate::clifstats::dump_function(&mcx.module.functions[fi].name, &ctx.func);
    crate::clifstats::count_function(ctx.func.dfg.num_insts());
    mcx.fast.set(false);
    mcx.own.set(None);
    let mut cps = mcx.continuations(fi);
    // Partial code lowered only the entries it uses: the others have no
    // code to register.
    if let Some(needed) = mcx.needed_entries.borrow_mut().take() {
        cps.retain(|&(ei, _)| needed.get(ei as usize).copied().unwrap_or(false));
    }
    Ok(Lowered {
        syms: std::mem::take(&mut *mcx.syms.borrow_mut()),
        cps,
        pinned: mcx.pinned.get(),
        partial: mcx.partial_out.get(),
    })
}

/// Finalizes the functions `fis` defined in the module's JITModule (as
/// `ids`, of tier `is_fast`) and publishes them: in the function table,
/// in the export and fun entries still holding their previous entry
/// value `old` (the lazy stub's or the fast-tier code's), and their
/// continuations `cps` (entry index, line index) for stack traces.
pub(crate) fn publish_compiled(
    inner: &mut Inner,
    table: &[AtomicUsize],
    fis: &[usize],
    ids: &[FuncId],
    is_fast: &[bool],
    old: &[usize],
    cps_of: Vec<Vec<(u32, u32)>>,
) -> Result<(), String> {
    let Inner {
        mcx,
        jm,
        compiled,
        fast,
        cps,
        packed,
        exports_of,
        funs_of,
        partial,
        ..
    } = inner;
    let jm = jm.as_mut().ok_or("code freed")?;
    jm.finalize_definitions()
        .map_err(|e| format!("finalize {}: {e}", mcx.module.name))?;
    for (k, (&fi, fcps)) in fis.iter().zip(cps_of).enumerate() {
        let addr = jm.get_finalized_function(ids[k]) as usize;
        if is_fast[k] {
            let n = compiled.len();
            table[crate::tier::fast_slot(n, fi)].store(addr, Ordering::Release);
        }
        table[fi].store(addr, Ordering::Release);
        compiled[fi] = true;
        fast[fi] = is_fast[k];
        if !is_fast[k] && !partial[fi] {
            packed[fi] = None;
        }
        // Both tiers' continuations: fast-tier return points stay live
        // on stacks after the function tiered up.
        for (ei, line) in fcps {
            let cp = addr | ((ei as usize) << ENTRY_SHIFT);
            girder_runtime::code::loc::register_cp(cp, mcx.loc_of_line(fi, line));
            cps.push(cp);
        }
        // Export and fun entries still holding the previous entry value
        // (the lazy stub's or the fast-tier code's).
        if old[k] != 0 && old[k] != addr {
            for e in &exports_of[fi] {
                if e.addr
                    .compare_exchange(old[k], addr, Ordering::AcqRel, Ordering::Relaxed)
                    .is_err()
                {
                    // A global trace pattern's stub may hold the entry.
                    girder_runtime::bif::trace_export::retarget(e, old[k], addr);
                }
            }
            for f in &funs_of[fi] {
                let _ = f
                    .addr
                    .compare_exchange(old[k], addr, Ordering::AcqRel, Ordering::Relaxed);
            }
        }
        // Lowering was the last use of the instructions and the plan
        // (locations were registered from it); a fast-tier function's
        // stay packed for its optimised compile.
        mcx.module.functions[fi].instrs = Vec::new();
        mcx.plans.drop_plan(fi);
    }
    Ok(())
}

/// Points the module's export entries (except BIF ones, which keep their
/// stub) and fun entries at each function's entry value — compiled code
/// or the lazy stub — and remembers which to patch when a function
/// compiles. Returns the exports for `ModuleInfo` and the version's code
/// range: the whole arena, which starts with the stub.
/// Points the module's fun entries and exports at their functions (the
/// lazy stub's entries or compiled code). With `defer` (a module with an
/// on_load function, compiled whole) the exports are not set but
/// returned with their addresses, for `code::on_load` to set once the
/// function returned `ok`.
#[allow(clippy::type_complexity)]
pub fn publish_entries(
    inner: &mut Inner,
    table: &[AtomicUsize],
    stub: usize,
    reserve: usize,
    defer: bool,
) -> (
    Vec<(girder_runtime::term::Term, u32)>,
    (usize, usize),
    Vec<(&'static girder_runtime::code::export::Export, usize)>,
) {
    let Inner {
        mcx,
        exports_of,
        funs_of,
        ..
    } = inner;
    for (fe, l) in mcx.funs.iter().zip(&mcx.module.lambdas) {
        if let Some(&fi) = mcx.entry_of_label.get(&l.label) {
            fe.addr
                .store(table[fi].load(Ordering::Acquire), Ordering::Release);
            funs_of[fi].push(fe);
        }
    }
    let mut exports = Vec::new();
    let mut deferred = Vec::new();
    for e in &mcx.module.exports {
        let f = atom::intern(&e.function);
        exports.push((f, e.arity));
        let ex = girder_runtime::code::export::get_or_create(mcx.name, f, e.arity);
        if ex.bif.is_some() {
            continue; // BIF exports keep their native BIF stub.
        }
        if let Some(&fi) = mcx.entry_of_label.get(&e.label) {
            if defer {
                deferred.push((ex, table[fi].load(Ordering::Acquire)));
            } else {
                ex.set_address(table[fi].load(Ordering::Acquire));
                exports_of[fi].push(ex);
            }
        }
    }
    (exports, (stub, stub + reserve), deferred)
}
