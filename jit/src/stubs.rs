//! Code shared by all modules, generated once at start-up: the SystemV
//! trampoline the scheduler enters native code through, the DONE and EXIT
//! continuations, and one native stub shared by every BIF so that BIFs can
//! be reached through their export entries (apply, `fun erlang:F/A`).

use crate::lower::entry_signature;
use cranelift_codegen::ir::{
    condcodes::IntCC, types::I64, AbiParam, InstBuilder, MemFlagsData, Signature, UserFuncName,
};
use cranelift_codegen::isa::CallConv;
use cranelift_codegen::Context;
use cranelift_frontend::{FunctionBuilder, FunctionBuilderContext};
use cranelift_jit::{JITBuilder, JITModule};
use cranelift_module::{default_libcall_names, FuncId, Linkage, Module};
use girder_runtime::bif::{flag, BifDef};
use girder_runtime::heap::ctx::{offsets, status, Ctx};

pub struct Stubs {
    pub enter: girder_runtime::code::hooks::EnterFn,
    pub done: usize,
    pub exit: usize,
}

fn mem() -> MemFlagsData {
    MemFlagsData::trusted()
}

/// `rt_bif_stub` results below this are a status to leave native code
/// with (`status::*`); anything else is an entry value to continue at
/// (code addresses are far above).
const LEAVE_LIMIT: u64 = 16;

/// The generic BIF stub's address.
static BIF_STUB: std::sync::OnceLock<usize> = std::sync::OnceLock::new();

/// The BIF registry, indexed as the entry bits of BIF export entries.
fn bifs() -> &'static [&'static BifDef] {
    static B: std::sync::OnceLock<Vec<&'static BifDef>> = std::sync::OnceLock::new();
    B.get_or_init(|| girder_runtime::bif::all().collect())
}

/// What the generic BIF stub runs for BIF number `idx` (called through its
/// export entry, arguments in x0..; sp/hp/reds stored in `ctx`): the entry
/// value to continue at — the caller's continuation with the result in
/// x0, a trap target, or the handler of the BIF's exception — or a status
/// below `LEAVE_LIMIT` to leave native code with.
extern "C" fn rt_bif_stub(ctx: &mut Ctx, idx: u64) -> u64 {
    let Some(d) = bifs().get(idx as usize) else {
        // Not reachable: only `build` makes entry values of this stub.
        return status::EXIT as u64;
    };
    let traps = d.has(flag::TRAPS);
    if traps && ctx.reds <= 0 {
        // A trapping BIF's stub is where its yields resume: with no
        // reductions left, give the scheduler back first (the arguments
        // in x0.. are the live registers).
        let stub = BIF_STUB.get().copied().unwrap_or(0);
        ctx.resume = stub | ((idx as usize) << crate::lower::ENTRY_SHIFT);
        ctx.live = d.arity as u64;
        return status::YIELD as u64;
    }
    let args = ctx.x.as_ptr();
    let r = (d.f)(ctx, args);
    if !r.is_non_value() {
        if d.has(flag::LEAVES) {
            // The result is the status to leave with; the BIF stored sp,
            // hp, resume and live (`bif/hibernate.rs`).
            return (r.raw() as i64 >> 4) as u64;
        }
        // x0 = result; pop the continuation and go there.
        ctx.x[0] = r;
        // SAFETY: the caller pushed its continuation (or the DONE stub's)
        // at sp before calling through the export entry.
        let cp = unsafe { *ctx.sp };
        // SAFETY: popping that word leaves sp inside the stack.
        ctx.sp = unsafe { ctx.sp.add(1) };
        return cp;
    }
    if traps && ctx.bif_trap != 0 {
        // A trap: continue in the target (clearing the request); the
        // caller's continuation is already on the stack.
        let t = ctx.bif_trap;
        ctx.bif_trap = 0;
        return t as u64;
    }
    // Failure: record the BIF's own frame (as BEAM does; the caller shows
    // up through its continuation, if any), then the unwinder picks the
    // handler.
    ctx.exc_loc = 0;
    let export = girder_runtime::code::export::get_or_create(
        girder_runtime::term::atom::intern(d.module),
        girder_runtime::term::atom::intern(d.name),
        d.arity,
    );
    let args = ctx.x.as_ptr();
    // SAFETY: `ctx` is the running context with sp/hp current, `export`
    // a live export entry and `args` its arity's worth of X registers.
    unsafe {
        girder_runtime::abi::error::rt_bif_frame(ctx, export, args);
        girder_runtime::abi::error::rt_handle_error(ctx) as u64
    }
}

/// Builds the shared stubs and points every BIF export at its stub.
pub fn build(opt_speed: bool) -> Result<Stubs, String> {
    let isa = crate::isa::host_isa(opt_speed)?;
    let jm: &'static mut JITModule = Box::leak(Box::new(JITModule::new(JITBuilder::with_isa(
        isa,
        default_libcall_names(),
    ))));
    let tail = entry_signature(CallConv::Tail);
    let sysv_cc = jm.isa().default_call_conv();
    let mut ctx = Context::new();
    let mut fbc = FunctionBuilderContext::new();
    let fe = jm.isa().frontend_config();

    // enter(ctx, addr, sp, hp, reds) -> status
    let mut enter_sig = Signature::new(sysv_cc);
    for _ in 0..5 {
        enter_sig.params.push(AbiParam::new(I64));
    }
    enter_sig.returns.push(AbiParam::new(I64));
    let enter_id = jm
        .declare_function("girder_enter", Linkage::Local, &enter_sig)
        .map_err(|e| e.to_string())?;
    ctx.func.signature = enter_sig;
    ctx.func.name = UserFuncName::user(1, 0);
    {
        let mut b = FunctionBuilder::new(&mut ctx.func, &mut fbc);
        let blk = b.create_block();
        b.append_block_params_for_function_params(blk);
        b.switch_to_block(blk);
        let p = b.block_params(blk).to_vec();
        let sig = b.import_signature(tail.clone());
        // The context goes in the pinned register for the duration; the
        // caller's value of that register (callee-saved in the C ABI) is
        // put back before returning.
        let saved = b.ins().get_pinned_reg(I64);
        b.ins().set_pinned_reg(p[0]);
        // p[1] is an entry value: address, entry index in the top bits.
        let addr = b.ins().band_imm_u(p[1], crate::lower::ADDR_MASK);
        let idx = b.ins().ushr_imm_u(p[1], crate::lower::ENTRY_SHIFT);
        let call = b.ins().call_indirect(sig, addr, &[p[2], p[3], p[4], idx]);
        let r = b.inst_results(call)[0];
        b.ins().set_pinned_reg(saved);
        b.ins().return_(&[r]);
        b.seal_all_blocks();
        b.finalize(fe);
    }
    jm.define_function(enter_id, &mut ctx)
        .map_err(|e| format!("{e:?}"))?;
    ctx.clear();

    let leave_with = |jm: &mut JITModule,
                      ctx: &mut Context,
                      fbc: &mut FunctionBuilderContext,
                      name: &str,
                      code: i64|
     -> Result<FuncId, String> {
        let id = jm
            .declare_function(name, Linkage::Local, &tail)
            .map_err(|e| e.to_string())?;
        ctx.func.signature = tail.clone();
        {
            let mut b = FunctionBuilder::new(&mut ctx.func, fbc);
            let blk = b.create_block();
            b.append_block_params_for_function_params(blk);
            b.switch_to_block(blk);
            let p = b.block_params(blk).to_vec();
            let c = b.ins().get_pinned_reg(I64);
            b.ins().store(mem(), p[0], c, offsets::SP);
            b.ins().store(mem(), p[1], c, offsets::HP);
            b.ins().store(mem(), p[2], c, offsets::REDS);
            let c = b.ins().iconst(I64, code);
            b.ins().return_(&[c]);
            b.seal_all_blocks();
            b.finalize(fe);
        }
        jm.define_function(id, ctx).map_err(|e| format!("{e:?}"))?;
        ctx.clear();
        Ok(id)
    };
    let done_id = leave_with(jm, &mut ctx, &mut fbc, "girder_done", status::DONE)?;
    let exit_id = leave_with(jm, &mut ctx, &mut fbc, "girder_exit", status::EXIT)?;

    // One stub for every BIF (reached through export entries: apply,
    // `fun erlang:F/A`, spawn): the BIF's index travels in the entry bits
    // of its export's entry value, and `rt_bif_stub` does the work. (One
    // Cranelift stub per BIF cost 13.5 ms at every start.)
    let bif_id = jm
        .declare_function("girder_bif_stub", Linkage::Local, &tail)
        .map_err(|e| e.to_string())?;
    ctx.func.signature = tail.clone();
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
        let mut csig = Signature::new(sysv_cc);
        csig.params.push(AbiParam::new(I64));
        csig.params.push(AbiParam::new(I64));
        csig.returns.push(AbiParam::new(I64));
        let csig = b.import_signature(csig);
        let f = b.ins().iconst(I64, rt_bif_stub as *const () as i64);
        let call = b.ins().call_indirect(csig, f, &[c, p[3]]);
        let r = b.inst_results(call)[0];
        // The C callee preserved the pinned register.
        let c = b.ins().get_pinned_reg(I64);
        let leave = b
            .ins()
            .icmp_imm_u(IntCC::UnsignedLessThan, r, LEAVE_LIMIT as i64);
        let go = b.create_block();
        let out = b.create_block();
        b.ins().brif(leave, out, &[], go, &[]);
        b.switch_to_block(out);
        b.ins().return_(&[r]);
        b.switch_to_block(go);
        let sp = b.ins().load(I64, mem(), c, offsets::SP);
        let hp = b.ins().load(I64, mem(), c, offsets::HP);
        let reds = b.ins().load(I64, mem(), c, offsets::REDS);
        let ra = b.ins().band_imm_u(r, crate::lower::ADDR_MASK);
        let ri = b.ins().ushr_imm_u(r, crate::lower::ENTRY_SHIFT);
        let tsig = b.import_signature(tail.clone());
        b.ins().return_call_indirect(tsig, ra, &[sp, hp, reds, ri]);
        b.seal_all_blocks();
        b.finalize(fe);
    }
    jm.define_function(bif_id, &mut ctx)
        .map_err(|e| format!("{e:?}"))?;
    ctx.clear();
    let traced_id = traced_export_stub(jm, &mut ctx, &mut fbc, &tail)?;
    jm.finalize_definitions().map_err(|e| e.to_string())?;
    girder_runtime::bif::trace_export::STUB.store(
        jm.get_finalized_function(traced_id) as usize,
        std::sync::atomic::Ordering::Release,
    );
    let bif_stub = jm.get_finalized_function(bif_id) as usize;
    let _ = BIF_STUB.set(bif_stub);
    for (i, d) in bifs().iter().enumerate() {
        let e = girder_runtime::code::export::get_or_create(
            girder_runtime::term::atom::intern(d.module),
            girder_runtime::term::atom::intern(d.name),
            d.arity,
        );
        e.set_address(bif_stub | (i << crate::lower::ENTRY_SHIFT));
    }
    let enter_ptr = jm.get_finalized_function(enter_id);
    // SAFETY: `girder_enter` was compiled above with exactly this signature
    // (five i64 parameters, i64 result, the platform C convention).
    let enter: girder_runtime::code::hooks::EnterFn = unsafe { std::mem::transmute(enter_ptr) };
    Ok(Stubs {
        enter,
        done: jm.get_finalized_function(done_id) as usize,
        exit: jm.get_finalized_function(exit_id) as usize,
    })
}

/// The stub export entries of globally traced functions hold
/// (`bif::trace_export`): the entry bits name a slot; `rt_traced_export`
/// records the export for the call hook and answers the function's entry
/// value, where the stub goes on with sp, hp and reds untouched.
fn traced_export_stub(
    jm: &mut JITModule,
    ctx: &mut Context,
    fbc: &mut FunctionBuilderContext,
    tail: &Signature,
) -> Result<FuncId, String> {
    let id = jm
        .declare_function("girder_traced_export", Linkage::Local, tail)
        .map_err(|e| e.to_string())?;
    ctx.func.signature = tail.clone();
    {
        let fe = jm.isa().frontend_config();
        let sysv_cc = jm.isa().default_call_conv();
        let mut b = FunctionBuilder::new(&mut ctx.func, fbc);
        let blk = b.create_block();
        b.append_block_params_for_function_params(blk);
        b.switch_to_block(blk);
        let p = b.block_params(blk).to_vec();
        let c = b.ins().get_pinned_reg(I64);
        let mut csig = Signature::new(sysv_cc);
        for _ in 0..3 {
            csig.params.push(AbiParam::new(I64));
        }
        csig.returns.push(AbiParam::new(I64));
        let csig = b.import_signature(csig);
        let f = b.ins().iconst(
            I64,
            girder_runtime::bif::trace_export::rt_traced_export as *const () as i64,
        );
        let call = b.ins().call_indirect(csig, f, &[c, p[3], p[2]]);
        let r = b.inst_results(call)[0];
        let ra = b.ins().band_imm_u(r, crate::lower::ADDR_MASK);
        let ri = b.ins().ushr_imm_u(r, crate::lower::ENTRY_SHIFT);
        let tsig = b.import_signature(tail.clone());
        b.ins()
            .return_call_indirect(tsig, ra, &[p[0], p[1], p[2], ri]);
        b.seal_all_blocks();
        b.finalize(fe);
    }
    jm.define_function(id, ctx).map_err(|e| format!("{e:?}"))?;
    ctx.clear();
    Ok(id)
}
