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
use girder_runtime::atom::{self, am};
use girder_runtime::module::{FunEntry, ModuleInfo};
use girder_runtime::term::{Term, NIL};
use std::sync::atomic::AtomicUsize;
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

/// Instructions this JIT lowers. Anything else makes its function a stub
/// that raises `{girder_unsupported, Op}` when called.
pub fn supported(op: Opcode) -> bool {
    use Opcode::*;
    matches!(
        op,
        Label
            | FuncInfo
            | IntCodeEnd
            | Line
            | Move
            | Swap
            | InitYregs
            | Init
            | Allocate
            | AllocateZero
            | AllocateHeap
            | AllocateHeapZero
            | Deallocate
            | Trim
            | TestHeap
            | Call
            | CallOnly
            | CallLast
            | CallExt
            | CallExtOnly
            | CallExtLast
            | Return
            | Bif0
            | Bif1
            | Bif2
            | GcBif1
            | GcBif2
            | GcBif3
            | Apply
            | ApplyLast
            | CallFun
            | CallFun2
            | GetList
            | GetHd
            | GetTl
            | PutList
            | PutTuple2
            | GetTupleElement
            | SetTupleElement
            | TestArity
            | IsTaggedTuple
            | SelectTupleArity
            | IsInteger
            | IsFloat
            | IsNumber
            | IsAtom
            | IsPid
            | IsReference
            | IsPort
            | IsNil
            | IsBinary
            | IsList
            | IsNonemptyList
            | IsTuple
            | IsFunction
            | IsFunction2
            | IsBoolean
            | IsBitstr
            | IsMap
            | PutMapAssoc
            | PutMapExact
            | GetMapElements
            | HasMapFields
            | IsEqExact
            | IsNeExact
            | IsEq
            | IsNe
            | IsLt
            | IsGe
            | SelectVal
            | Jump
            | Badmatch
            | CaseEnd
            | IfEnd
            | Badrecord
            | TryCaseEnd
            | Catch
            | CatchEnd
            | Try
            | TryEnd
            | TryCase
            | Raise
            | RawRaise
            | BuildStacktrace
            | MakeFun2
            | MakeFun3
            | BsCreateBin
            | BsInitWritable
            | BsStartMatch3
            | BsStartMatch4
            | BsGetInteger2
            | BsGetFloat2
            | BsGetBinary2
            | BsSkipBits2
            | BsTestTail2
            | BsTestUnit
            | BsMatchString
            | BsGetTail
            | BsGetPosition
            | BsSetPosition
            | BsGetUtf8
            | BsGetUtf16
            | BsGetUtf32
            | BsSkipUtf8
            | BsSkipUtf16
            | BsSkipUtf32
            | Send
            | LoopRec
            | LoopRecEnd
            | RemoveMessage
            | Wait
            | WaitTimeout
            | Timeout
            | RecvMarkerBind
            | RecvMarkerClear
            | RecvMarkerReserve
            | RecvMarkerUse
            | Fclearerror
            | Fcheckerror
            | Fmove
            | Fconv
            | Fadd
            | Fsub
            | Fmul
            | Fdiv
            | Fnegate
    )
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

pub fn compile_module(m: &Module, opts: &Options) -> Result<CompileStats, String> {
    let t0 = Instant::now();
    let name = atom::intern(&m.name);
    let atoms: Vec<Term> = m.atoms.iter().map(|a| atom::intern(a)).collect();
    let literals: Vec<Option<Term>> = m
        .literals
        .iter()
        .map(|l| girder_runtime::literal_build::from_eterm(l).ok())
        .collect();
    let imports: Vec<Import> = m
        .imports
        .iter()
        .map(|i| {
            let (mo, fu) = (atom::intern(&i.module), atom::intern(&i.function));
            let export = girder_runtime::export::get_or_create(mo, fu, i.arity);
            let apply = (mo == am::ERLANG && fu == am::APPLY && (i.arity == 2 || i.arity == 3))
                .then_some(i.arity);
            Import {
                export,
                bif: if apply.is_some() { None } else { export.bif },
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
            Some(Operand::Unsigned(i)) => imports.get(*i as usize).is_some_and(|i| i.bif.is_some()),
            _ => false,
        }
    };
    let plans: Vec<_> = m
        .functions
        .iter()
        .zip(&unsupported)
        .map(|(f, u)| {
            let mut p = plan_function(f, &is_bif_call);
            let bif_body =
                girder_runtime::bif::lookup(name, atom::intern(&f.name), f.arity).is_some();
            if u.is_some() || bif_body {
                p.entries.truncate(1);
                p.continuations.clear();
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
    let jm: &'static mut JITModule = Box::leak(Box::new(JITModule::new(builder)));
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
            let fe: &'static FunEntry = Box::leak(Box::new(FunEntry {
                addr: AtomicUsize::new(0),
                module: name,
                function: atom::intern(&l.function),
                arity: l.arity.saturating_sub(l.num_free),
                num_free: l.num_free,
                index: l.index,
                old_uniq: l.old_uniq,
            }));
            fe
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
    publish(m, &mcx, jm);
    if let Some(dir) = &opts.dump_dir {
        crate::dump::write_asm(dir, &m.name, &code_listing, jm);
    }
    if opts.perf_map {
        crate::dump::append_perf_map(&code_listing, jm);
    }
    stats.functions = m.functions.len();
    stats.micros = t0.elapsed().as_micros();
    Ok(stats)
}

fn jm_frontend_config(jm: &JITModule) -> cranelift_codegen::isa::TargetFrontendConfig {
    jm.isa().frontend_config()
}

/// Makes the new code reachable: export addresses, fun entries, and the
/// continuation -> call-site map for stack traces.
fn publish(m: &Module, mcx: &ModCx, jm: &JITModule) {
    // Entry values: the function's address, the entry index in the top bits.
    let addr_of = |fi: usize, ei: usize| {
        jm.get_finalized_function(mcx.func_ids[fi]) as usize | (ei << crate::lower::ENTRY_SHIFT)
    };
    for (fi, p) in mcx.plans.iter().enumerate() {
        for (&idx, &ei) in &p.continuations {
            girder_runtime::loc::register_cp(addr_of(fi, ei), mcx.loc_of(fi, idx));
        }
    }
    for (fe, l) in mcx.funs.iter().zip(&m.lambdas) {
        if let Some(&fi) = mcx.entry_of_label.get(&l.label) {
            fe.addr
                .store(addr_of(fi, 0), std::sync::atomic::Ordering::Release);
        }
    }
    let mut exports = Vec::new();
    for e in &m.exports {
        let f = atom::intern(&e.function);
        exports.push((f, e.arity));
        let ex = girder_runtime::export::get_or_create(mcx.name, f, e.arity);
        if ex.bif.is_some() {
            continue; // BIF exports keep their native BIF stub.
        }
        if let Some(&fi) = mcx.entry_of_label.get(&e.label) {
            ex.set_address(addr_of(fi, 0));
        }
    }
    let attributes = m
        .attributes
        .as_ref()
        .and_then(|a| girder_runtime::literal_build::from_eterm(a).ok())
        .unwrap_or(NIL);
    let compile_info = m
        .compile_info
        .as_ref()
        .and_then(|a| girder_runtime::literal_build::from_eterm(a).ok())
        .unwrap_or(NIL);
    girder_runtime::module::insert(ModuleInfo {
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
        code: None,
    });
}
