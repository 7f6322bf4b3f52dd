//! Placing a function's machine code: the bytes Cranelift produced (or the
//! cache stored), the relocations between the module's own functions
//! (resolved by the JITModule) and the symbol relocations (`reloc.rs`),
//! which we write ourselves before handing the bytes over.

use crate::reloc::{Sym, SYM_NS};
use cranelift_codegen::binemit::Reloc;
use cranelift_codegen::ir::{ExternalName, LibCall};
use cranelift_codegen::{Context, FinalizedRelocTarget};
use cranelift_jit::JITModule;
use cranelift_module::{FuncId, Module as _, ModuleReloc, ModuleRelocTarget};

/// The relocation kinds placed code may contain, numbered for the cache.
pub const KINDS: [Reloc; 9] = [
    Reloc::Abs4,
    Reloc::Abs8,
    Reloc::X86PCRel4,
    Reloc::X86CallPCRel4,
    Reloc::X86CallPLTRel4,
    Reloc::Arm64Call,
    Reloc::Aarch64AdrPrelPgHi21,
    Reloc::Aarch64AddAbsLo12Nc,
    Reloc::X86GOTPCRel4,
];

/// Target of a relocation the JITModule resolves.
#[derive(Clone, Debug, PartialEq)]
pub enum Target {
    /// Another function of the module, by its FuncId index.
    Func(u32),
    /// A Cranelift library routine (float rounding...).
    LibCall(LibCall),
    /// An offset in the function itself.
    SelfOffset(u32),
}

#[derive(Clone, Debug, PartialEq)]
pub struct ModReloc {
    pub offset: u32,
    pub kind: u8,
    pub target: Target,
    pub addend: i64,
}

/// An `Abs8` relocation of symbol `sym` (an index into `FnCode::syms`).
#[derive(Clone, Debug, PartialEq)]
pub struct SymReloc {
    pub offset: u32,
    pub sym: u32,
    pub addend: i64,
}

/// One function's machine code, before placement.
#[derive(Clone, Debug, PartialEq)]
pub struct FnCode {
    pub fi: u32,
    pub align: u32,
    pub bytes: Vec<u8>,
    pub mrelocs: Vec<ModReloc>,
    pub srelocs: Vec<SymReloc>,
    pub syms: Vec<Sym>,
    /// The continuations of the function: (entry index, line-table index
    /// of the call), registered for stack traces when it is placed.
    pub cps: Vec<(u32, u32)>,
    /// Fast-tier code (`tier.rs`): placed under a FuncId of its own.
    pub fast: bool,
}

/// Takes the code of the function `ctx` compiled, with its relocations
/// and the symbols it used. `Err` only on a relocation Cranelift should
/// never produce here (then the caller fails the compile). References to
/// the function itself (FuncId `own`: continuations, catch tags) are kept
/// as offsets in it, so that the code can be placed under another id.
pub fn from_compiled(
    fi: usize,
    own: u32,
    fast: bool,
    ctx: &Context,
    syms: Vec<Sym>,
    cps: Vec<(u32, u32)>,
) -> Result<FnCode, String> {
    let cc = ctx.compiled_code().ok_or("not compiled")?;
    let mut mrelocs = Vec::new();
    let mut srelocs = Vec::new();
    for r in cc.buffer.relocs() {
        let kind = KINDS
            .iter()
            .position(|k| *k == r.kind)
            .ok_or_else(|| format!("relocation kind {:?}", r.kind))? as u8;
        let target = match &r.target {
            FinalizedRelocTarget::ExternalName(ExternalName::User(n)) => {
                let n = &ctx.func.params.user_named_funcs()[*n];
                if n.namespace == SYM_NS {
                    if r.kind != Reloc::Abs8 {
                        return Err(format!("symbol relocation {:?}", r.kind));
                    }
                    srelocs.push(SymReloc {
                        offset: r.offset,
                        sym: n.index,
                        addend: r.addend,
                    });
                    continue;
                }
                if n.namespace != 0 {
                    return Err(format!("relocation to namespace {}", n.namespace));
                }
                if n.index == own {
                    Target::SelfOffset(0)
                } else {
                    Target::Func(n.index)
                }
            }
            FinalizedRelocTarget::ExternalName(ExternalName::LibCall(l)) => Target::LibCall(*l),
            FinalizedRelocTarget::Func(off) => Target::SelfOffset(*off),
            t => return Err(format!("relocation target {t:?}")),
        };
        mrelocs.push(ModReloc {
            offset: r.offset,
            kind,
            target,
            addend: r.addend,
        });
    }
    Ok(FnCode {
        fi: fi as u32,
        align: cc.buffer.alignment,
        bytes: cc.code_buffer().to_vec(),
        mrelocs,
        srelocs,
        syms,
        cps,
        fast,
    })
}

/// Checks that every relocation of `c` lies inside its code, names a
/// symbol it has and a function among `nfuncs` (cached code is checked
/// before it is placed).
pub fn check(c: &FnCode, nfuncs: usize) -> Result<(), String> {
    let len = c.bytes.len() as u64;
    for r in &c.srelocs {
        if r.offset as u64 + 8 > len || r.sym as usize >= c.syms.len() {
            return Err("symbol relocation out of range".into());
        }
    }
    for r in &c.mrelocs {
        let size = match KINDS.get(r.kind as usize) {
            Some(Reloc::Abs8) => 8,
            Some(_) => 4,
            None => return Err("bad relocation kind".into()),
        };
        if r.offset as u64 + size > len {
            return Err("relocation out of range".into());
        }
        match r.target {
            Target::Func(i) if i as usize >= nfuncs => return Err("bad function".into()),
            Target::SelfOffset(o) if o as u64 >= len => return Err("bad offset".into()),
            _ => {}
        }
    }
    if !c.align.is_power_of_two() || c.align > 4096 {
        return Err("bad alignment".into());
    }
    Ok(())
}

/// Defines function `id` of `jm` with `c`'s code, the symbol relocations
/// written with `values` (one per symbol). The JITModule applies the
/// others when the batch is finalized.
pub fn place(jm: &mut JITModule, id: FuncId, c: &FnCode, values: &[u64]) -> Result<(), String> {
    let mut bytes = c.bytes.clone();
    for r in &c.srelocs {
        let v = values
            .get(r.sym as usize)
            .ok_or("symbol out of range")?
            .wrapping_add(r.addend as u64);
        let at = r.offset as usize;
        bytes
            .get_mut(at..at + 8)
            .ok_or("relocation out of range")?
            .copy_from_slice(&v.to_le_bytes());
    }
    let relocs: Vec<ModuleReloc> = c
        .mrelocs
        .iter()
        .map(|r| ModuleReloc {
            offset: r.offset,
            kind: KINDS[r.kind as usize],
            name: match r.target {
                Target::Func(i) => ModuleRelocTarget::user(0, i),
                Target::LibCall(l) => ModuleRelocTarget::LibCall(l),
                Target::SelfOffset(o) => ModuleRelocTarget::FunctionOffset(id, o),
            },
            addend: r.addend,
        })
        .collect();
    jm.define_function_bytes(id, c.align as u64, &bytes, &relocs)
        .map_err(|e| format!("define: {e}"))
}

/// Places `code` under `id` with its symbols resolved for module `mcx`
/// (`reloc::value`): freshly compiled code of the version being run.
pub fn place_for(
    jm: &mut JITModule,
    id: FuncId,
    code: &FnCode,
    mcx: &crate::modcx::ModCx,
) -> Result<(), String> {
    let values = code
        .syms
        .iter()
        .map(|s| crate::reloc::value(s, mcx))
        .collect::<Result<Vec<_>, _>>()?;
    place(jm, id, code, &values)
}
