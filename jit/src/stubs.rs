//! Code shared by all modules, generated once at start-up: the SystemV
//! trampoline the scheduler enters native code through, the DONE and EXIT
//! continuations, and one native stub per BIF so that BIFs can be reached
//! through their export entries (apply, `fun erlang:F/A`).

use crate::lower::entry_signature;
use cranelift_codegen::ir::{
    condcodes::IntCC, types::I64, AbiParam, InstBuilder, MemFlagsData, Signature, UserFuncName,
};
use cranelift_codegen::isa::CallConv;
use cranelift_codegen::Context;
use cranelift_frontend::{FunctionBuilder, FunctionBuilderContext};
use cranelift_jit::{JITBuilder, JITModule};
use cranelift_module::{default_libcall_names, FuncId, Linkage, Module};
use girder_runtime::heap::ctx::{offsets, status};

pub struct Stubs {
    pub enter: girder_runtime::code::hooks::EnterFn,
    pub done: usize,
    pub exit: usize,
}

fn mem() -> MemFlagsData {
    MemFlagsData::trusted()
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

    // One stub per BIF: call it with x0.. as arguments, then return (or
    // raise through the runtime's unwinder).
    let mut bif_ids = Vec::new();
    for (i, d) in girder_runtime::bif::all().enumerate() {
        let id = jm
            .declare_function(&format!("bif_{i}"), Linkage::Local, &tail)
            .map_err(|e| e.to_string())?;
        ctx.func.signature = tail.clone();
        {
            let mut b = FunctionBuilder::new(&mut ctx.func, &mut fbc);
            let blk = b.create_block();
            b.append_block_params_for_function_params(blk);
            b.switch_to_block(blk);
            let p = b.block_params(blk).to_vec();
            let (sp, hp, reds) = (p[0], p[1], p[2]);
            let traps = d.has(girder_runtime::bif::flag::TRAPS);
            if traps {
                // A trapping BIF's stub is where its yields resume: with
                // no reductions left, give the scheduler back first (the
                // arguments in x0.. are the live registers).
                let out = b.ins().icmp_imm_s(IntCC::SignedLessThanOrEqual, reds, 0);
                let yield_blk = b.create_block();
                let go = b.create_block();
                b.ins().brif(out, yield_blk, &[], go, &[]);
                b.switch_to_block(yield_blk);
                let c = b.ins().get_pinned_reg(I64);
                b.ins().store(mem(), sp, c, offsets::SP);
                b.ins().store(mem(), hp, c, offsets::HP);
                b.ins().store(mem(), reds, c, offsets::REDS);
                let me = jm.declare_func_in_func(id, b.func);
                let me = b.ins().func_addr(I64, me);
                b.ins().store(mem(), me, c, offsets::RESUME);
                let live = b.ins().iconst(I64, d.arity as i64);
                b.ins().store(mem(), live, c, offsets::LIVE);
                let y = b.ins().iconst(I64, status::YIELD);
                b.ins().return_(&[y]);
                b.switch_to_block(go);
            }
            let c = b.ins().get_pinned_reg(I64);
            b.ins().store(mem(), sp, c, offsets::SP);
            b.ins().store(mem(), hp, c, offsets::HP);
            b.ins().store(mem(), reds, c, offsets::REDS);
            // After the call `c` is re-read from the pinned register: the C
            // callee preserves it, and nothing else needs saving.
            let mut csig = Signature::new(sysv_cc);
            csig.params.push(AbiParam::new(I64));
            csig.params.push(AbiParam::new(I64));
            csig.returns.push(AbiParam::new(I64));
            let csig = b.import_signature(csig);
            let f = b.ins().iconst(I64, d.f as usize as i64);
            let args = b.ins().iadd_imm_s(c, offsets::X as i64);
            let call = b.ins().call_indirect(csig, f, &[c, args]);
            let r = b.inst_results(call)[0];
            let failed = b.ins().icmp_imm_s(IntCC::Equal, r, 0);
            let ok = b.create_block();
            let err = b.create_block();
            b.ins().brif(failed, err, &[], ok, &[]);
            let tsig = b.import_signature(tail.clone());
            b.switch_to_block(ok);
            if d.has(girder_runtime::bif::flag::LEAVES) {
                // The result is the status to leave with; the BIF stored
                // sp, hp, resume and live (`bif/hibernate.rs`).
                let st = b.ins().sshr_imm_s(r, 4);
                b.ins().return_(&[st]);
            } else {
                // success: x0 = result, pop the continuation and go there.
                b.ins().store(mem(), r, c, offsets::X);
                let hp2 = b.ins().load(I64, mem(), c, offsets::HP);
                let sp1 = b.ins().load(I64, mem(), c, offsets::SP);
                let reds1 = b.ins().load(I64, mem(), c, offsets::REDS);
                let cp = b.ins().load(I64, mem(), sp1, 0);
                let sp2 = b.ins().iadd_imm_s(sp1, 8);
                let cpa = b.ins().band_imm_u(cp, crate::lower::ADDR_MASK);
                let cpi = b.ins().ushr_imm_u(cp, crate::lower::ENTRY_SHIFT);
                b.ins()
                    .return_call_indirect(tsig, cpa, &[sp2, hp2, reds1, cpi]);
            }
            // failure: record the BIF's own frame (as BEAM does; the
            // caller shows up through its continuation, if any), then the
            // unwinder picks the handler.
            b.switch_to_block(err);
            if traps {
                // A trap: continue in the target (clearing the request);
                // the caller's continuation is already on the stack.
                let t = b.ins().load(I64, mem(), c, offsets::BIF_TRAP);
                let is_trap = b.ins().icmp_imm_s(IntCC::NotEqual, t, 0);
                let go = b.create_block();
                let raise = b.create_block();
                b.ins().brif(is_trap, go, &[], raise, &[]);
                b.switch_to_block(go);
                let zero = b.ins().iconst(I64, 0);
                b.ins().store(mem(), zero, c, offsets::BIF_TRAP);
                let sp4 = b.ins().load(I64, mem(), c, offsets::SP);
                let hp4 = b.ins().load(I64, mem(), c, offsets::HP);
                let reds4 = b.ins().load(I64, mem(), c, offsets::REDS);
                let ta = b.ins().band_imm_u(t, crate::lower::ADDR_MASK);
                let ti = b.ins().ushr_imm_u(t, crate::lower::ENTRY_SHIFT);
                b.ins()
                    .return_call_indirect(tsig, ta, &[sp4, hp4, reds4, ti]);
                b.switch_to_block(raise);
            }
            let zero = b.ins().iconst(I64, 0);
            b.ins().store(mem(), zero, c, offsets::EXC_LOC);
            let export = girder_runtime::code::export::get_or_create(
                girder_runtime::term::atom::intern(d.module),
                girder_runtime::term::atom::intern(d.name),
                d.arity,
            );
            let mut fsig = Signature::new(sysv_cc);
            for _ in 0..3 {
                fsig.params.push(AbiParam::new(I64));
            }
            fsig.returns.push(AbiParam::new(I64));
            let fsig = b.import_signature(fsig);
            let ff = b.ins().iconst(I64, crate::rt::bif_frame().addr as i64);
            let ev = b.ins().iconst(I64, export as *const _ as i64);
            let xargs = b.ins().iadd_imm_s(c, offsets::X as i64);
            b.ins().call_indirect(fsig, ff, &[c, ev, xargs]);
            let mut hsig = Signature::new(sysv_cc);
            hsig.params.push(AbiParam::new(I64));
            hsig.returns.push(AbiParam::new(I64));
            let hsig = b.import_signature(hsig);
            let hf = b.ins().iconst(I64, crate::rt::handle_error().addr as i64);
            let call = b.ins().call_indirect(hsig, hf, &[c]);
            let addr = b.inst_results(call)[0];
            let sp3 = b.ins().load(I64, mem(), c, offsets::SP);
            let hp3 = b.ins().load(I64, mem(), c, offsets::HP);
            let reds3 = b.ins().load(I64, mem(), c, offsets::REDS);
            let ha = b.ins().band_imm_u(addr, crate::lower::ADDR_MASK);
            let hi = b.ins().ushr_imm_u(addr, crate::lower::ENTRY_SHIFT);
            b.ins()
                .return_call_indirect(tsig, ha, &[sp3, hp3, reds3, hi]);
            b.seal_all_blocks();
            b.finalize(fe);
        }
        jm.define_function(id, &mut ctx)
            .map_err(|e| format!("{e:?}"))?;
        ctx.clear();
        bif_ids.push((d, id));
    }
    jm.finalize_definitions().map_err(|e| e.to_string())?;
    for (d, id) in bif_ids {
        let e = girder_runtime::code::export::get_or_create(
            girder_runtime::term::atom::intern(d.module),
            girder_runtime::term::atom::intern(d.name),
            d.arity,
        );
        e.set_address(jm.get_finalized_function(id) as usize);
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
