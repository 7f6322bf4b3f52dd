//! Compiles one loaded module: resolves imports and literals, plans entry
//! points, lowers each to a Cranelift function in a JITModule of its own
//! (one per module version, since cranelift-jit cannot redefine a
//! function), and publishes the entry addresses to the runtime.

use crate::cache::index::Parsed;
use crate::lower::entry_signature;
use crate::modcx::{Import, ModCx};
use cranelift_codegen::isa::CallConv;
use cranelift_jit::{JITBuilder, JITModule};
use cranelift_module::{default_libcall_names, Module as _};
use girder_loader::{ETerm, Module, Opcode, Operand};
use girder_runtime::code::module::{FunEntry, ModuleInfo};
use girder_runtime::code::prepared::{Prepared, Published};
use girder_runtime::term::atom::{self, am};
// (FunEntry: the shared entries of the module's lambdas.)
use girder_runtime::term::{Term, NIL};
use std::time::Instant;

#[derive(Default, Clone, Debug)]
pub struct CompileStats {
    pub functions: usize,
    pub instructions: usize,
    pub native_bytes: usize,
    pub micros: u128,
    /// Functions compiled as raising stubs, with the first unsupported
    /// instruction of each.
    pub unsupported: Vec<(String, u32, String)>,
}

pub struct Options {
    pub opt_speed: bool,
    /// Where to write `Module.asm`, if dumping.
    pub dump_dir: Option<std::path::PathBuf>,
    /// Append every entry point to `/tmp/perf-PID.map` for `perf`.
    pub perf_map: bool,
    /// Compile each function at its first call (`lazy.rs`) instead of the
    /// whole module at load. `+JDdump true` compiles the whole module so
    /// that its listing is complete.
    pub lazy: bool,
}

/// Instructions this JIT lowers: those the opcode table
/// (`girder_loader::Opcode`) gives a JIT family. Anything else makes its
/// function a stub that raises `{girder_unsupported, Op}` when called.
pub fn supported(op: Opcode) -> bool {
    op.family() != girder_loader::Family::None
}

/// The kind of term a literal is, for `{girder_unsupported, {literal, Kind}}`.
fn eterm_kind(e: &girder_loader::ETerm) -> &'static str {
    use girder_loader::ETerm::*;
    match e {
        Map(_) => "map",
        Binary(_) | BitBinary { .. } => "binary",
        Fun { .. } => "fun",
        Tuple(_) => "tuple",
        List(..) => "list",
        _ => "term",
    }
}

/// Compiles every function of `m` and publishes it (whatever
/// `opts.lazy` says): `girder-compile` and the tests measure and check
/// whole-module compilation.
pub fn compile_module(m: &Module, opts: &Options) -> Result<CompileStats, String> {
    load(m.clone().into(), opts, false)
}

/// Loads module `m` (parsed and verified), compiling its functions at
/// their first calls when `opts.lazy`.
pub fn load_module(m: Module, opts: &Options) -> Result<CompileStats, String> {
    load(m.into(), opts, opts.lazy)
}

/// Loads module `m` (parsed and verified) as its current version, at once
/// (tools and tests; an on_load function is not run).
fn load(m: Parsed, opts: &Options, lazy: bool) -> Result<CompileStats, String> {
    let (p, stats) = prepare(m, opts, lazy)?;
    girder_runtime::code::prepared::install_current(p);
    Ok(stats)
}

/// Prepares module `m` (parsed and verified) for loading, compiling its
/// functions at their first calls when `opts.lazy`: the code for
/// `erlang:prepare_loading/2`, published by `erlang:finish_loading/1`.
pub fn prepare_module(m: impl Into<Parsed>, opts: &Options) -> Result<Prepared, String> {
    prepare(m.into(), opts, opts.lazy).map(|(p, _)| p)
}

/// Prepares module `m` (parsed and verified): its atoms, literals,
/// imports and entry-point plans, every function compiled or, when `lazy`
/// (and not dumping), none; publishing its exports and funs is left to
/// the returned `Prepared`.
fn prepare(p: Parsed, opts: &Options, lazy: bool) -> Result<(Prepared, CompileStats), String> {
    let Parsed {
        module: mut m,
        beam_hash,
        index,
    } = p;
    // A module loaded from its index (`cache/index.rs`) has its functions
    // packed there; compiled at once, they are unpacked first.
    let index = match index {
        Some(ix) if !(lazy && opts.dump_dir.is_none()) => {
            for (f, h) in m.functions.iter_mut().zip(&ix.funcs) {
                f.instrs = crate::pack::unpack(&h.packed)
                    .ok_or_else(|| format!("{}: bad packed code in the index", m.name))?;
            }
            None
        }
        ix => ix,
    };
    // A module with an on_load function (the compiler marks it with an
    // `on_load` instruction at its start) keeps its exports unresolved
    // until the function returned `ok` (`code::on_load`); such modules
    // (NIF libraries' Erlang halves) are compiled whole, so that the
    // deferred addresses are final.
    // (Indexes are made only for modules without one.)
    let on_load_fi = m
        .functions
        .iter()
        .position(|x| x.arity == 0 && x.instrs.iter().any(|i| i.op == Opcode::OnLoad));
    let lazy = lazy && opts.dump_dir.is_none() && on_load_fi.is_none();
    let t0 = Instant::now();
    // Every literal built from here on (module literals, attributes, JIT
    // constants) belongs to this version and is freed with it.
    let lits = girder_runtime::term::literal::begin_chunk();
    let name = atom::intern(&m.name);
    let atoms: Vec<Term> = m.atoms.iter().map(|a| atom::intern(a)).collect();
    // A literal the runtime cannot represent yet (maps, binaries) raises
    // `{girder_unsupported, {literal, Kind}}` where it is used, so that the
    // rest of its function still runs (OTP uses map literals on error paths).
    // Of the decoded trees, lowering reads again only bit-syntax flag lists
    // (`lower/bs.rs`): each other tree is freed once built as a term, so a
    // module's literals are never held twice (unicode_util's decoded
    // tables take 3.4 MB, and stayed allocated for the version's life).
    let literals: Vec<Result<Term, Term>> = m
        .literals
        .iter_mut()
        .map(|l| {
            let t = girder_runtime::data::literal_build::from_eterm(l)
                .map_err(|_| atom::intern(eterm_kind(l)));
            if !is_flag_list(l) {
                *l = ETerm::Nil;
            }
            t
        })
        .collect();
    let imports: Vec<Import> = m
        .imports
        .iter()
        .map(|i| {
            let (mo, fu) = (atom::intern(&i.module), atom::intern(&i.function));
            let export = girder_runtime::code::export::get_or_create(mo, fu, i.arity);
            let apply = (mo == am::ERLANG && fu == am::APPLY && (i.arity == 2 || i.arity == 3))
                .then_some(i.arity);
            let def = if apply.is_some() {
                None
            } else {
                girder_runtime::bif::lookup(mo, fu, i.arity)
            };
            Import {
                export,
                bif: def.map(|d| d.f),
                def,
                apply,
            }
        })
        .collect();
    // Per function: the first instruction we cannot compile, if any
    // (`raw_bad`: whether or not the function is a BIF, for the index).
    let mut unsupported = Vec::with_capacity(m.functions.len());
    let mut raw_unsupported = Vec::with_capacity(m.functions.len());
    let mut stats = CompileStats::default();
    // Each function's name, interned once (the BIF lookups, the module's
    // function list and locations use it).
    let fn_names: Vec<Term> = m.functions.iter().map(|f| atom::intern(&f.name)).collect();
    for (fi, f) in m.functions.iter().enumerate() {
        let bif_body = girder_runtime::bif::lookup(name, fn_names[fi], f.arity).is_some();
        let raw_bad = match &index {
            Some(ix) => ix.funcs[fi].unsupported,
            None => f.instrs.iter().map(|i| i.op).find(|&op| !supported(op)),
        };
        raw_unsupported.push(raw_bad);
        let bad = if bif_body { None } else { raw_bad };
        if let Some(op) = bad {
            stats
                .unsupported
                .push((f.name.clone(), f.arity, op.name().to_string()));
        }
        stats.instructions += f.instrs.len();
        unsupported.push(bad);
    }
    if let Some(ix) = &index {
        stats.instructions = ix.instructions as usize;
    }
    // Plans are made when a function is lowered (`ModCx::plan`).
    let plans = crate::plan::Plans::new(m.functions.len());

    let isa = crate::isa::host_isa(opts.opt_speed)?;
    // The key covers both tiers' settings (`tier.rs`). Hashing the
    // settings' text costs ~40K instructions: once per process and opt
    // level (the ISA and the tiers do not change while it runs).
    static CONFIG: [std::sync::OnceLock<u64>; 2] = [const { std::sync::OnceLock::new() }; 2];
    let config = *CONFIG[usize::from(opts.opt_speed)].get_or_init(|| {
        let mut config = crate::isa::config_hash(&*isa);
        if crate::tier::enabled() {
            if let Ok(f) = crate::tier::fast_isa() {
                config = config.rotate_left(1) ^ crate::isa::config_hash(&**f);
            }
        }
        config
    });
    let mut builder = JITBuilder::with_isa(isa, default_libcall_names());
    // One contiguous reservation per module so that calls between its entry
    // points (32-bit PC-relative) always reach; only touched pages are
    // committed, and lazily compiled functions are packed into them
    // (`codemem.rs`). The per-function term covers a system that refuses
    // RWX pages, where each finalize still starts a new page.
    let reserve = ((stats.instructions * 512).max(1 << 20).next_power_of_two() * 2)
        .max(m.functions.len() * 16384 + (1 << 20));
    let arena = crate::codemem::PackedCode::reserve(reserve)
        .map_err(|e| format!("{}: cannot reserve code memory: {e}", m.name))?;
    builder.memory_provider(Box::new(arena));
    let mut jm = JITModule::new(builder);
    let sig = entry_signature(CallConv::Tail);
    let mut func_ids = Vec::with_capacity(m.functions.len());
    // Anonymous: a name per function cost two strings and a map entry
    // at every load (listings and perf maps name functions themselves).
    for f in &m.functions {
        let id = jm
            .declare_anonymous_function(&sig)
            .map_err(|e| format!("declare {}/{}: {e}", f.name, f.arity))?;
        func_ids.push(id);
    }
    let funs: Vec<&'static FunEntry> = m
        .lambdas
        .iter()
        .map(|l| {
            girder_runtime::code::module::fun_entry(
                name,
                atom::intern(&l.function),
                l.arity.saturating_sub(l.num_free),
                l.num_free,
                l.index,
                l.old_uniq,
            )
        })
        .collect();
    // Constants lazily compiled functions will build go into words
    // reserved now, in this version's literal chunk.
    let lit_words = match (&index, lazy) {
        (Some(ix), true) => ix.lit_words as usize,
        (None, true) => lazy_literal_words(&m),
        _ => 0,
    };
    let n = m.functions.len();
    let md5 = m.checksum;
    let mcx = ModCx::new(
        Box::new(m),
        name,
        atoms,
        literals,
        imports,
        plans,
        func_ids,
        funs,
        unsupported,
        fn_names,
    );
    if lit_words > 0 {
        let p = girder_runtime::term::literal::alloc(lit_words);
        mcx.set_lit_region(p as usize, lit_words);
    }
    let state = crate::lazy::ModState::new(mcx, jm, opts);
    if crate::cache::dir().is_some() {
        state.use_cache(crate::cache::key(md5, config));
    }
    let stub = state.start()?;
    let mut inner = state.lock();
    let make_index = beam_hash.is_some()
        && index.is_none()
        && lazy
        && on_load_fi.is_none()
        && crate::cache::dir().is_some();
    if let Some(ix) = index {
        inner.take_packed(ix);
    }
    // Lazily: nothing, except functions whose index does not fit the
    // entry bits the lazy stub receives it in.
    let now: Vec<usize> = (0..n)
        .filter(|&fi| !lazy || fi >= crate::lazy::MAX_LAZY)
        .collect();
    if !now.is_empty() {
        // Whole modules (tools, `GIRDER_LAZY=0`, dumps) are compiled
        // optimised unless `tier::set_whole_fast` asked for the fast tier
        // (`girder-compile`).
        let fast = !lazy && crate::tier::whole_fast();
        let now: Vec<(usize, bool)> = now.into_iter().map(|fi| (fi, fast)).collect();
        let listing = crate::lazy::compile_batch(&mut inner, &state.table, &now)?;
        stats.native_bytes = inner.native_bytes;
        if let Some(dir) = &opts.dump_dir {
            crate::dump::write_asm(dir, &inner.mcx.module.name.clone(), &listing, inner.jm());
        }
    }
    inner.pack_uncompiled();
    if make_index {
        let h = beam_hash.unwrap_or(0);
        if let Some(ix) = inner.index(h, &raw_unsupported, lit_words, stats.instructions) {
            crate::cache::add_index(md5, ix);
        }
    }
    // Built once as terms; the decoded forms are not needed again.
    let module = &mut inner.mcx.module;
    let attributes = module
        .attributes
        .take()
        .and_then(|a| girder_runtime::data::literal_build::from_eterm(&a).ok())
        .unwrap_or(NIL);
    let compile_info = module
        .compile_info
        .take()
        .and_then(|a| girder_runtime::data::literal_build::from_eterm(&a).ok())
        .unwrap_or(NIL);
    let mcx = &inner.mcx;
    let functions: Vec<(Term, u32)> = mcx
        .module
        .functions
        .iter()
        .zip(&mcx.fn_names)
        .map(|(f, &n)| (n, f.arity))
        .collect();
    let md5 = mcx.module.checksum;
    let on_load_name = on_load_fi.map(|fi| mcx.fn_names[fi]);
    let mcx_name = inner.mcx.name;
    let funs = inner.mcx.funs.clone();
    drop(inner);
    // Every literal of the version is built: the chunk closes here.
    let lits = LitGuard(Some(lits.finish()));
    stats.functions = n;
    stats.micros = t0.elapsed().as_micros();
    crate::stats::module_loaded(n, t0.elapsed().as_nanos() as u64);
    let publish = move || {
        let mut lits = lits;
        let mut inner = state.lock();
        let (exports, code_range, deferred) = crate::lazy::publish_entries(
            &mut inner,
            &state.table,
            stub,
            reserve,
            on_load_fi.is_some(),
        );
        drop(inner);
        let on_load = on_load_fi.zip(on_load_name).map(|(fi, f)| {
            (
                f,
                state.table[fi].load(std::sync::atomic::Ordering::Acquire),
            )
        });
        let info = ModuleInfo {
            name: mcx_name,
            funs,
            exports,
            functions,
            attributes,
            compile_info,
            md5,
            code: Some(state),
            code_range,
            literals: lits.0.take(),
            // Location ids and continuations are registered as functions
            // compile; the code owner (`ModState`) forgets them when dropped.
            loc_ids: Vec::new(),
            cps: Vec::new(),
        };
        Published {
            info,
            deferred,
            on_load,
        }
    };
    let prepared = Prepared::new(mcx_name, on_load_fi.is_some(), Box::new(publish));
    Ok((prepared, stats))
}

/// A short list of atoms: the form of a bit-syntax segment's flags.
fn is_flag_list(l: &ETerm) -> bool {
    matches!(l, ETerm::List(items, tail)
        if items.len() <= 8
            && matches!(**tail, ETerm::Nil)
            && items.iter().all(|i| matches!(i, ETerm::Atom(_))))
}

/// The literal chunk of prepared code: freed if the code is dropped
/// without being published (nothing can point into it then: no code of
/// the version ever ran and its literals were never handed out).
struct LitGuard(Option<girder_runtime::term::literal::Chunk>);

impl Drop for LitGuard {
    fn drop(&mut self) {
        if let Some(c) = self.0.take() {
            // SAFETY: unpublished code never ran, so no heap, stack or
            // table holds a pointer into the chunk; the ProcBin buffer
            // references it returns are its own.
            unsafe {
                let bufs = c.free();
                girder_runtime::data::binary::layout::BinBuf::release_all(&bufs);
            }
        }
    }
}

/// An upper bound of the literal-area words the constants built while
/// lowering `m` take: bignum operands (`ModCx::big_literal`) and the keys
/// tuples of `put_map_assoc` on `#{}` (`lower/maps_new.rs`).
fn lazy_literal_words(m: &Module) -> usize {
    fn operand(op: &Operand, in_map: bool) -> usize {
        match op {
            Operand::Integer(v) if !Term::fits_small(*v) => 3,
            Operand::BigInt(b) => 2 + b.magnitude_le.len().div_ceil(8),
            Operand::List(v) => {
                let keys = if in_map { 1 + v.len() / 2 } else { 0 };
                keys + v.iter().map(|o| operand(o, false)).sum::<usize>()
            }
            Operand::TypedReg { reg, .. } => operand(reg, false),
            _ => 0,
        }
    }
    m.functions
        .iter()
        .flat_map(|f| &f.instrs)
        .map(|i| {
            let map = i.op == Opcode::PutMapAssoc;
            i.args.iter().map(|a| operand(a, map)).sum::<usize>()
        })
        .sum()
}
