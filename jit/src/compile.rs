//! Compiles one loaded module: resolves imports and literals, plans entry
//! points, lowers each to a Cranelift function in a JITModule of its own
//! (one per module version, since cranelift-jit cannot redefine a
//! function), and publishes the entry addresses to the runtime.

use crate::lower::{entry_signature, FnLower};
use crate::modcx::{Import, ModCx};
use crate::plan::plan_function;
use cranelift_codegen::ir::{Function, UserFuncName};
use cranelift_codegen::isa::CallConv;
use cranelift_codegen::Context;
use cranelift_frontend::{FunctionBuilder, FunctionBuilderContext};
use cranelift_jit::{JITBuilder, JITModule};
use cranelift_module::{default_libcall_names, Linkage, Module as _};
use girder_loader::{Module, Opcode, Operand};
use girder_runtime::code::module::{FunEntry, ModuleInfo};
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

/// Owns one module version's native code; dropping it frees the code
/// (`module::free`, once the version is purged).
struct CodeOwner {
    jm: Option<JITModule>,
    /// Bit-syntax descriptors and match strings the code points at: only
    /// kept alive, never read here.
    _consts: Vec<Box<dyn std::any::Any>>,
}

// SAFETY: the JITModule is never used after compilation except to be
// freed, by whichever thread frees the module version (no shared access).
unsafe impl Send for CodeOwner {}
unsafe impl Sync for CodeOwner {}

impl Drop for CodeOwner {
    fn drop(&mut self) {
        if let Some(jm) = self.jm.take() {
            // SAFETY: the owner is dropped only when nothing can run the
            // code any more (see `girder_runtime::proc::purge`).
            unsafe { jm.free_memory() };
        }
    }
}

pub fn compile_module(m: &Module, opts: &Options) -> Result<CompileStats, String> {
    let t0 = Instant::now();
    // Every literal built from here on (module literals, attributes, JIT
    // constants) belongs to this version and is freed with it.
    let lits = girder_runtime::term::literal::begin_chunk();
    let name = atom::intern(&m.name);
    let atoms: Vec<Term> = m.atoms.iter().map(|a| atom::intern(a)).collect();
    let literals: Vec<Option<Term>> = m
        .literals
        .iter()
        .map(|l| girder_runtime::data::literal_build::from_eterm(l).ok())
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
    // Per function: the first instruction we cannot compile, if any.
    let mut unsupported = Vec::with_capacity(m.functions.len());
    let mut stats = CompileStats::default();
    for f in &m.functions {
        let mut bad = None;
        let bif_body = girder_runtime::bif::lookup(name, atom::intern(&f.name), f.arity).is_some();
        for ins in f.instrs.iter().filter(|_| !bif_body) {
            if !supported(ins.op) {
                bad = Some(ins.op);
                break;
            }
        }
        if let Some(op) = bad {
            stats
                .unsupported
                .push((f.name.clone(), f.arity, op.name().to_string()));
        }
        stats.instructions += f.instrs.len();
        unsupported.push(bad);
    }
    // A literal the runtime cannot represent yet (maps, binaries) raises
    // `{girder_unsupported, {literal, Kind}}` where it is used, so that the
    // rest of its function still runs (OTP uses map literals on error paths).
    let literals: Vec<Result<Term, Term>> = literals
        .into_iter()
        .zip(&m.literals)
        .map(|(l, e)| l.ok_or_else(|| atom::intern(eterm_kind(e))))
        .collect();
    let is_bif_call = |ins: &girder_loader::Instr| -> bool {
        match ins.args.get(1) {
            // A call to a BIF continues inline, unless the BIF may trap:
            // then the code after it is a continuation the trap returns to.
            Some(Operand::Unsigned(i)) => imports
                .get(*i as usize)
                .and_then(|i| i.def)
                .is_some_and(|d| !d.has(girder_runtime::bif::flag::TRAPS)),
            _ => false,
        }
    };
    // `gc_bif` outside a guard (no fail label) of a BIF with a step
    // function: it yields in place (see `lower/bif_step.rs`).
    let is_bif_step = |ins: &girder_loader::Instr| -> bool {
        crate::lower::bif_step::step_of(ins, &imports).is_some()
    };
    let plans: Vec<_> = m
        .functions
        .iter()
        .zip(&unsupported)
        .map(|(f, u)| {
            let mut p = plan_function(f, &is_bif_call, &is_bif_step);
            let bif_body =
                girder_runtime::bif::lookup(name, atom::intern(&f.name), f.arity).is_some();
            if u.is_some() || bif_body {
                p.entries.truncate(1);
                p.continuations.clear();
                p.bif_steps.clear();
                p.entry_labels.retain(|_, e| *e == 0);
            }
            p
        })
        .collect();

    let isa = crate::isa::host_isa(opts.opt_speed)?;
    let mut builder = JITBuilder::with_isa(isa, default_libcall_names());
    // One contiguous reservation per module so that calls between its entry
    // points (32-bit PC-relative) always reach; only touched pages are
    // committed.
    let reserve = (stats.instructions * 512).max(1 << 20).next_power_of_two() * 2;
    let arena = cranelift_jit::ArenaMemoryProvider::new_with_size(reserve)
        .map_err(|e| format!("{}: cannot reserve code memory: {e}", m.name))?;
    builder.memory_provider(Box::new(arena));
    let mut jm_owned = JITModule::new(builder);
    let jm = &mut jm_owned;
    let sig = entry_signature(CallConv::Tail);
    let mut func_ids = Vec::with_capacity(m.functions.len());
    for (fi, f) in m.functions.iter().enumerate() {
        let sym = format!("{}:{}/{}#{}", m.name, f.name, f.arity, fi);
        let id = jm
            .declare_function(&sym, Linkage::Local, &sig)
            .map_err(|e| format!("declare {sym}: {e}"))?;
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
    let mcx = ModCx::new(
        m,
        name,
        atoms,
        literals,
        imports,
        plans,
        func_ids,
        funs,
        unsupported,
    );

    let mut ctx = Context::new();
    let mut fbc = FunctionBuilderContext::new();
    let mut code_listing: Vec<(String, cranelift_module::FuncId, Vec<u8>)> = Vec::new();
    for fi in 0..m.functions.len() {
        ctx.func = Function::with_name_signature(UserFuncName::user(0, fi as u32), sig.clone());
        {
            let b = FunctionBuilder::new(&mut ctx.func, &mut fbc);
            let mut lw = FnLower::new(b, &mcx, jm, fi);
            let b = if let Some(op) = mcx.unsupported[fi] {
                lw.unsupported(op);
                lw.finish()
            } else {
                lw.lower_function()
            };
            b.finalize(jm_frontend_config(jm));
        }
        let id = mcx.func_ids[fi];
        jm.define_function(id, &mut ctx).map_err(|e| {
            format!(
                "compile {}:{}/{}: {:?}",
                m.name, m.functions[fi].name, m.functions[fi].arity, e
            )
        })?;
        if let Some(cc) = ctx.compiled_code() {
            stats.native_bytes += cc.code_buffer().len();
            if opts.dump_dir.is_some() || opts.perf_map {
                let f = &m.functions[fi];
                code_listing.push((
                    format!("{}:{}/{}", m.name, f.name, f.arity),
                    id,
                    cc.code_buffer().to_vec(),
                ));
            }
        }
        ctx.clear();
    }
    jm.finalize_definitions()
        .map_err(|e| format!("finalize {}: {e}", m.name))?;
    if let Some(dir) = &opts.dump_dir {
        crate::dump::write_asm(dir, &m.name, &code_listing, jm);
    }
    if opts.perf_map {
        crate::dump::append_perf_map(&code_listing, jm);
    }
    publish(m, &mcx, jm_owned, lits);
    stats.functions = m.functions.len();
    stats.micros = t0.elapsed().as_micros();
    Ok(stats)
}

fn jm_frontend_config(jm: &JITModule) -> cranelift_codegen::isa::TargetFrontendConfig {
    jm.isa().frontend_config()
}

/// Makes the new code reachable: export addresses, fun entries, and the
/// continuation -> call-site map for stack traces.
/// The new version (in the module table) owns `jm`, the constants the
/// generated code refers to and the literal chunk `lits`.
fn publish(
    m: &Module,
    mcx: &ModCx,
    jm: JITModule,
    lits: girder_runtime::term::literal::ChunkScope,
) {
    let jm_ref = &jm;
    // Entry values: the function's address, the entry index in the top bits.
    let addr_of = |fi: usize, ei: usize| {
        jm_ref.get_finalized_function(mcx.func_ids[fi]) as usize | (ei << crate::lower::ENTRY_SHIFT)
    };
    let mut cps = Vec::new();
    for (fi, p) in mcx.plans.iter().enumerate() {
        for (&idx, &ei) in &p.continuations {
            girder_runtime::code::loc::register_cp(addr_of(fi, ei), mcx.loc_of(fi, idx));
            cps.push(addr_of(fi, ei));
        }
    }
    let starts = (0..mcx.func_ids.len()).map(|fi| addr_of(fi, 0));
    let code_range = (starts.clone().min().unwrap_or(0), starts.max().unwrap_or(0));
    for (fe, l) in mcx.funs.iter().zip(&m.lambdas) {
        if let Some(&fi) = mcx.entry_of_label.get(&l.label) {
            fe.addr
                .store(addr_of(fi, 0), std::sync::atomic::Ordering::Release);
        }
    }
    let attributes = m
        .attributes
        .as_ref()
        .and_then(|a| girder_runtime::data::literal_build::from_eterm(a).ok())
        .unwrap_or(NIL);
    // A module with an on_load function keeps its exports unresolved until
    // the function has returned `ok` (`code::on_load`).
    // The compiler marks it with an `on_load` instruction at its start.
    let on_load = m
        .functions
        .iter()
        .position(|x| x.arity == 0 && x.instrs.iter().any(|i| i.op == Opcode::OnLoad))
        .map(|fi| (atom::intern(&m.functions[fi].name), addr_of(fi, 0)));
    let mut exports = Vec::new();
    let mut deferred = Vec::new();
    for e in &m.exports {
        let f = atom::intern(&e.function);
        exports.push((f, e.arity));
        let ex = girder_runtime::code::export::get_or_create(mcx.name, f, e.arity);
        if ex.bif.is_some() {
            continue; // BIF exports keep their native BIF stub.
        }
        if let Some(&fi) = mcx.entry_of_label.get(&e.label) {
            if on_load.is_some() {
                deferred.push((ex, addr_of(fi, 0)));
            } else {
                ex.set_address(addr_of(fi, 0));
            }
        }
    }
    if let Some((f, entry)) = on_load {
        girder_runtime::code::on_load::register(mcx.name, f, entry, deferred);
    }
    let compile_info = m
        .compile_info
        .as_ref()
        .and_then(|a| girder_runtime::data::literal_build::from_eterm(a).ok())
        .unwrap_or(NIL);
    girder_runtime::code::module::insert(ModuleInfo {
        name: mcx.name,
        funs: mcx.funs.clone(),
        exports,
        functions: m
            .functions
            .iter()
            .map(|f| (atom::intern(&f.name), f.arity))
            .collect(),
        attributes,
        compile_info,
        md5: m.checksum,
        code: Some(Box::new(CodeOwner {
            jm: Some(jm),
            _consts: mcx.take_consts(),
        })),
        code_range,
        literals: Some(lits.finish()),
        loc_ids: mcx.loc_ids(),
        cps,
    });
}
