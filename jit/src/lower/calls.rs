//! Calls and returns: `call call_only call_last call_ext* return bif*
//! gc_bif* apply apply_last call_fun call_fun2`.
//!
//! A non-tail call pushes the address of its continuation entry point on
//! the Erlang stack and tail-calls the callee, so the native stack stays
//! flat; `return` pops that address and tail-calls it.

use super::{label_arg, uint_arg, Flow, FnLower};
use cranelift_codegen::ir::{condcodes::IntCC, types::I64, InstBuilder, Value};
use girder_loader::{Instr, Opcode, Operand};
use girder_runtime::bif::flag;
use girder_runtime::heap::ctx::offsets;

/// Above this many (return sites x continuations) a function's returns
/// share one dispatch block (`emit_return`).
const SHARED_RETURN_EDGES: usize = 512;

impl FnLower<'_, '_> {
    pub(super) fn lower_call(&mut self, idx: usize, ins: &Instr) -> Flow {
        use Opcode::*;
        // Held-back X stores (`store_x`): a call passes its arguments and
        // a return x0; the registers above are dead.
        match ins.op {
            Call | CallOnly | CallLast => self.xflush(uint_arg(ins, 0) as u32),
            Return => self.xflush(1),
            _ => {}
        }
        match ins.op {
            Call => {
                self.push_continuation(idx);
                self.tail_call_label(label_arg(ins, 1));
                Flow::Stop
            }
            CallOnly => {
                self.tail_call_label(label_arg(ins, 1));
                Flow::Stop
            }
            CallLast => {
                self.pop_words(uint_arg(ins, 2));
                self.tail_call_label(label_arg(ins, 1));
                Flow::Stop
            }
            CallExt | CallExtOnly | CallExtLast => self.lower_call_ext(idx, ins),
            Return => {
                self.emit_return();
                Flow::Stop
            }
            Bif0 => {
                let imp = uint_arg(ins, 0) as usize;
                self.call_bif(idx, imp, &[], 0, &ins.args[1]);
                Flow::Next
            }
            Bif1 | Bif2 => {
                let fail = label_arg(ins, 0);
                let imp = uint_arg(ins, 1) as usize;
                let n = ins.args.len();
                let args: Vec<&Operand> = ins.args[2..n - 1].iter().collect();
                if !self.inline_bif(idx, imp, &args, fail, &ins.args[n - 1]) {
                    self.call_bif(idx, imp, &args, fail, &ins.args[n - 1]);
                }
                Flow::Next
            }
            GcBif1 | GcBif2 | GcBif3 => {
                let fail = label_arg(ins, 0);
                let live = uint_arg(ins, 1);
                let imp = uint_arg(ins, 2) as usize;
                let n = ins.args.len();
                if self.m.plans[self.fidx].bif_steps.contains_key(&idx) {
                    if let Some((f, w)) = super::bif_step::step_of(ins, &self.m.imports) {
                        self.lower_bif_step(idx, ins, f, w);
                        return Flow::Next;
                    }
                }
                let args: Vec<&Operand> = ins.args[3..n - 1].iter().collect();
                let _ = live;
                if !self.inline_bif(idx, imp, &args, fail, &ins.args[n - 1]) {
                    self.call_bif(idx, imp, &args, fail, &ins.args[n - 1]);
                }
                Flow::Next
            }
            Apply | ApplyLast => {
                // A non-tail call pushes its continuation before resolving
                // the target, so that a failure of the call (undef, bad
                // apply) sees the caller's frame as BEAM does.
                let tail = ins.op == ApplyLast;
                if !tail {
                    self.push_continuation(idx);
                }
                let arity = uint_arg(ins, 0);
                let a = self.iconst(arity);
                let addr = self.call_rt_ctx(crate::rt::apply(), &[a]);
                self.raise_if_non_value(addr, self.call_loc(idx, tail));
                if tail {
                    self.pop_words(uint_arg(ins, 1));
                }
                self.tail_call_addr(addr);
                Flow::Stop
            }
            CallFun | CallFun2 => {
                let arity = if ins.op == CallFun {
                    uint_arg(ins, 0)
                } else {
                    let arity = uint_arg(ins, 1);
                    let f = self.get(&ins.args[2]);
                    self.store_x(arity as u32, f);
                    arity
                };
                // `call_fun; deallocate N; return` is a tail call, as in
                // BEAM (whose loader fuses it): the caller's frame is gone
                // when the fun runs.
                let tail = self.fused_return(idx);
                if tail.is_none() {
                    self.push_continuation(idx);
                }
                let a = self.iconst(arity);
                let addr = self.call_rt_ctx(crate::rt::call_fun(), &[a]);
                self.raise_if_non_value(addr, self.call_loc(idx, tail.is_some()));
                if let Some(n) = tail {
                    self.pop_words(n);
                }
                self.tail_call_addr(addr);
                Flow::Stop
            }
            _ => unreachable!(),
        }
    }

    fn lower_call_ext(&mut self, idx: usize, ins: &Instr) -> Flow {
        let arity = uint_arg(ins, 0);
        let imp_index = uint_arg(ins, 1) as usize;
        let Some(imp) = self.m.imports.get(imp_index) else {
            self.unsupported(ins.op);
            return Flow::Stop;
        };
        let (export, bif, apply) = (imp.export, imp.bif, imp.apply);
        let tail_pop = match ins.op {
            Opcode::CallExtLast => Some(uint_arg(ins, 2)),
            Opcode::CallExtOnly => Some(0),
            _ => None,
        };
        if let Some(f) = bif.filter(|_| imp.def.is_some_and(|d| d.has(flag::LEAVES))) {
            return self.lower_bif_leaving(idx, f, export as *const _ as u64);
        }
        if let Some(f) = bif {
            // A BIF: call it directly with its arguments in x0..; the
            // result goes to x0 and execution continues inline.
            let flags = imp.def.map_or(0, |d| d.flags);
            if flags & flag::LOCATION != 0 {
                // E.g. process_info's current_stacktrace starts at this
                // call's location.
                let l = self.loc_const(self.loc(idx));
                self.ctx_store(offsets::EXC_LOC, l);
            }
            let r = self.call_bif_traced(f, export as *const _ as u64, idx);
            if flags & flag::TRAPS != 0 {
                return self.bif_call_ext_trapping(idx, r, export as *const _ as u64, tail_pop);
            }
            self.raise_bif_if_non_value(r, self.loc(idx), export as *const _ as u64, offsets::X);
            self.store_x(0, r);
            if let Some(n) = tail_pop {
                self.pop_words(n);
                self.emit_return();
                return Flow::Stop;
            }
            return Flow::Next;
        }
        // The continuation goes first: see `Apply`.
        if tail_pop.is_none() {
            self.push_continuation(idx);
        }
        let loc = self.call_loc(idx, tail_pop.is_some());
        let Some(apply_arity) = apply else {
            let _ = arity;
            // A tail call drops the frame first (as BEAM's call_ext_last:
            // an undefined function is then raised from the callee's
            // position, the caller's frame gone).
            if let Some(n) = tail_pop {
                self.pop_words(n);
            }
            self.call_export(loc, export as *const _ as u64);
            return Flow::Stop;
        };
        let a = self.iconst(apply_arity as u64);
        let addr = self.call_rt_ctx(crate::rt::apply_list(), &[a]);
        self.raise_if_non_value(addr, loc);
        if let Some(n) = tail_pop {
            self.pop_words(n);
        }
        self.tail_call_addr(addr);
        Flow::Stop
    }

    /// The rest of a `call_ext*` to a BIF that may trap, whose result is
    /// `r`. A trap jumps to the target as a call would: after a non-tail
    /// call the continuation (an entry point, see `plan.rs`) is pushed
    /// first, so the target returns to it; a tail call drops the frame
    /// first. A value goes to x0 and on to the same continuation.
    fn bif_call_ext_trapping(
        &mut self,
        idx: usize,
        r: Value,
        export: u64,
        tail_pop: Option<u64>,
    ) -> Flow {
        self.bif_trap_or_raise(r, self.loc(idx), export, offsets::X, |s, t| {
            match tail_pop {
                Some(n) => s.pop_words(n),
                None => s.push_continuation(idx),
            }
            s.bif_trace_trapped(idx);
            s.tail_call_addr(t);
        });
        self.store_x(0, r);
        match tail_pop {
            Some(n) => {
                self.pop_words(n);
                self.emit_return();
            }
            None => {
                let e = self.m.plans[self.fidx].continuations[&idx];
                let blk = self.entry_block(e);
                self.b.ins().jump(blk, &[]);
            }
        }
        Flow::Stop
    }

    /// After a call to a BIF flagged `TRAPS` that returned `r`: NON_VALUE
    /// is a trap when `ctx.bif_trap` holds the target (cleared here and
    /// passed to `on_trap`, which must end the block), else an exception,
    /// raised with the BIF's own frame.
    pub fn bif_trap_or_raise(
        &mut self,
        r: Value,
        loc: u64,
        export: u64,
        args_off: i32,
        on_trap: impl FnOnce(&mut Self, Value),
    ) {
        self.on_non_value(r, |s| {
            let t = s.ctx_load(offsets::BIF_TRAP);
            let is_trap = s.b.ins().icmp_imm_s(IntCC::NotEqual, t, 0);
            let trap = s.new_block();
            let err = s.new_block();
            s.b.ins().brif(is_trap, trap, &[], err, &[]);
            s.b.switch_to_block(trap);
            let zero = s.iconst(0);
            s.ctx_store(offsets::BIF_TRAP, zero);
            on_trap(s, t);
            s.b.switch_to_block(err);
            s.raise_with_bif_frame(loc, export, args_off);
        });
    }

    /// A BIF flagged `LEAVES` (`erlang:hibernate/3`: it discards the
    /// stack, collects and sets the resume address, `bif/hibernate.rs`):
    /// its result is the status to leave native code with, or NON_VALUE
    /// (`badarg`).
    fn lower_bif_leaving(
        &mut self,
        idx: usize,
        f: girder_runtime::code::export::BifFn,
        export: u64,
    ) -> Flow {
        let ctxv = self.ctx();
        let args = self.b.ins().iadd_imm_s(ctxv, offsets::X as i64);
        let r = self.call_bif_fn(f, args);
        self.raise_bif_if_non_value(r, self.loc(idx), export, offsets::X);
        let st = self.b.ins().sshr_imm_s(r, 4);
        self.sync_out();
        self.b.ins().return_(&[st]);
        Flow::Stop
    }

    /// The location to raise at when a call itself fails; tail calls are
    /// marked (see `LOC_TAIL`).
    fn call_loc(&self, idx: usize, tail: bool) -> u64 {
        let l = self.loc(idx);
        if tail {
            l | girder_runtime::abi::error::LOC_TAIL
        } else {
            l
        }
    }

    /// `Some(N)` if instruction `idx` is followed by `deallocate N; return`
    /// (or `return`): the call is in tail position.
    fn fused_return(&self, idx: usize) -> Option<u64> {
        let is = &self.m.module.functions[self.fidx].instrs;
        match (is.get(idx + 1).map(|i| i.op), is.get(idx + 2).map(|i| i.op)) {
            (Some(Opcode::Return), _) => Some(0),
            (Some(Opcode::Deallocate), Some(Opcode::Return)) => Some(uint_arg(&is[idx + 1], 0)),
            _ => None,
        }
    }

    /// Tail-calls an export's entry address; an unresolved export (address
    /// 0) goes to the function's shared cold block, which asks the runtime
    /// to load the module (or raise `undef` at `loc`) and calls the result.
    fn call_export(&mut self, loc: u64, export: u64) {
        let e = self.export_const(export);
        let addr = self.b.ins().load(
            I64,
            super::mem(),
            e,
            girder_runtime::code::export::ADDR_OFFSET,
        );
        let missing = self.b.ins().icmp_imm_s(IntCC::Equal, addr, 0);
        let slow = self.new_block();
        let go = self.new_block();
        self.b.ins().brif(missing, slow, &[], go, &[]);
        self.b.set_cold_block(slow);
        self.b.switch_to_block(slow);
        self.jump_resolve(e, loc);
        self.b.switch_to_block(go);
        self.tail_call_addr(addr);
    }

    /// Pushes the continuation of the non-tail call at `idx`.
    fn push_continuation(&mut self, idx: usize) {
        let entry = self.m.plans[self.fidx].continuations[&idx];
        let cp = self.entry_addr(self.fidx, entry);
        let sp = self.get_sp();
        let nsp = self.b.ins().iadd_imm_s(sp, -8);
        self.b.ins().store(super::mem(), cp, nsp, 0);
        self.set_sp(nsp);
    }

    fn tail_call_label(&mut self, label: u32) {
        match self.m.entry_of_label.get(&label) {
            Some(&f) => self.tail_call_entry(f, 0),
            None => {
                self.unsupported(Opcode::Call);
            }
        }
    }

    /// `return`: pop the continuation and go there. A continuation into
    /// this same function (recursion) is a jump to its block; any other is
    /// a tail call.
    pub fn emit_return(&mut self) {
        let sp = self.get_sp();
        let cp = self.b.ins().load(I64, super::mem(), sp, 0);
        let nsp = self.b.ins().iadd_imm_s(sp, 8);
        self.set_sp(nsp);
        let conts: Vec<usize> = self.m.plans[self.fidx]
            .continuations
            .values()
            .copied()
            .collect();
        // Fast-tier code (cold by definition) returns through the entry
        // value even into itself (the entry dispatch then picks the
        // continuation): a return is then 6 CLIF instructions, not 3 more
        // per continuation.
        if conts.is_empty() || self.entry_blocks_len() == 0 || self.m.fast.get() {
            self.tail_call_addr(cp);
            return;
        }
        let me = self.entry_addr(self.fidx, 0);
        if conts.len() <= 4 {
            // A few return sites (fib, tak, most recursions): compare the
            // whole continuation word with each — direct branches the
            // predictor learns, no mask, bounds check or table load.
            // `cp - me` is `e << ENTRY_SHIFT` exactly when `cp` is this
            // function's continuation `e` (`me` < 2^ENTRY_SHIFT); rotated
            // left by the rest of the word it is `e` itself, compared as
            // a small immediate (the shifted constants were each a load
            // and an `or`).
            let d = self.b.ins().isub(cp, me);
            let r = self.b.ins().rotl_imm_u(d, 64 - super::ENTRY_SHIFT);
            for e in conts {
                let hit = self.b.ins().icmp_imm_s(IntCC::Equal, r, e as i64);
                let blk = self.entry_block(e);
                let next = self.new_block();
                self.b.ins().brif(hit, blk, &[], next, &[]);
                self.b.switch_to_block(next);
            }
            self.tail_call_addr(cp);
            return;
        }
        // Many return sites each dispatching to many continuations make
        // (sites x continuations) edges, with sp/hp/reds as block
        // parameters on each: quadratic in register allocation
        // (`erl_erts_errors:format_erlang_error/3`, 186 returns and 157
        // continuations: 29,000 edges). Such functions jump to one shared
        // dispatch instead; functions with few sites keep their own
        // (a branch-predictor history per site).
        let n_returns = *self.n_returns.get_or_insert_with(|| {
            self.m.module.functions[self.fidx]
                .instrs
                .iter()
                .filter(|i| i.op == Opcode::Return)
                .count()
        });
        if n_returns * conts.len() > SHARED_RETURN_EDGES {
            if let Some(blk) = self.ret_block {
                self.b.ins().jump(blk, &[cp.into()]);
                return;
            }
            let blk = self.new_block();
            let p = self.b.append_block_param(blk, I64);
            self.b.ins().jump(blk, &[cp.into()]);
            self.b.switch_to_block(blk);
            self.ret_block = Some(blk);
            self.xcache_clear();
            // `me` of the first site does not dominate the others.
            let me = self.entry_addr(self.fidx, 0);
            self.return_dispatch(p, me, conts);
            self.xcache_clear();
            return;
        }
        self.return_dispatch(cp, me, conts);
    }

    /// The masked dispatch of continuation `cp` to this function's
    /// continuation `conts` (entry indices), else a tail call.
    fn return_dispatch(&mut self, cp: Value, me: Value, conts: Vec<usize>) {
        let addr = self.b.ins().band_imm_u(cp, super::ADDR_MASK);
        let local = self.b.ins().icmp(IntCC::Equal, addr, me);
        let dispatch = self.new_block();
        let far = self.new_block();
        self.b.ins().brif(local, dispatch, &[], far, &[]);
        self.b.switch_to_block(dispatch);
        let idx = self.b.ins().ushr_imm_u(cp, super::ENTRY_SHIFT);
        let mut sw = cranelift_frontend::Switch::new();
        for e in conts {
            let blk = self.entry_block(e);
            sw.set_entry(e as u128, blk);
        }
        sw.emit(&mut self.b, idx, far);
        self.b.switch_to_block(far);
        self.tail_call_addr(cp);
    }

    /// Calls `export`'s BIF `f` (arguments in x0..), with call tracing of
    /// BIFs: while `Ctx::bif_trace` is set (only for a stepping process)
    /// the call is reported first, out of line, and when that asks for a
    /// return trace the BIF is called on the cold path and its result
    /// reported; otherwise one load and a not-taken branch before the call.
    fn call_bif_traced(
        &mut self,
        f: girder_runtime::code::export::BifFn,
        export: u64,
        idx: usize,
    ) -> Value {
        let c = self.ctx();
        let v = self.b.ins().load(I64, super::mem(), c, offsets::BIF_TRACE);
        let cold = self.new_block();
        let go = self.new_block();
        let join = self.new_block();
        self.b.append_block_param(join, I64);
        self.b.ins().brif(v, cold, &[], go, &[]);
        self.b.set_cold_block(cold);
        self.b.switch_to_block(cold);
        // One runtime call reports the call, calls the BIF and reports its
        // return (or exception); it reads and writes X registers only as
        // the BIF does, so the cache is handled as for the BIF call.
        let snap = self.xcache_snapshot();
        let e = self.export_const(export);
        let loc = self.loc_const(self.loc(idx));
        let r = self.call_rt_ctx(crate::rt::trace_bif(), &[e, loc]);
        self.b.ins().jump(join, &[r.into()]);
        self.b.switch_to_block(go);
        self.xcache_restore(snap);
        let ctxv = self.ctx();
        let args = self.b.ins().iadd_imm_s(ctxv, offsets::X as i64);
        let r = self.call_bif_fn(f, args);
        self.b.ins().jump(join, &[r.into()]);
        self.b.switch_to_block(join);
        self.xcache_clear();
        self.b.block_params(join)[0]
    }

    /// On the trap path of a traced BIF call (`Ctx::bif_trace` set): the
    /// return-trace frames the call asked for go on the stack now, under
    /// the trap target, which returns through them.
    fn bif_trace_trapped(&mut self, idx: usize) {
        let c = self.ctx();
        let v = self.b.ins().load(I64, super::mem(), c, offsets::BIF_TRACE);
        let cold = self.new_block();
        let go = self.new_block();
        self.b.ins().brif(v, cold, &[], go, &[]);
        self.b.set_cold_block(cold);
        self.b.switch_to_block(cold);
        // The runtime pushes stack words and may collect to make room (the
        // target's arguments in x0.. are moved): `call_rt` forgets the
        // cached X registers, so both paths into `go` hold no stale ones.
        let loc = self.loc_const(self.loc(idx));
        self.call_rt_ctx(crate::rt::trace_bif_trapped(), &[loc]);
        self.b.ins().jump(go, &[]);
        self.b.switch_to_block(go);
    }

    /// Calls a BIF function with `args` pointing at its arguments; sp/hp
    /// are synced around it because BIFs allocate.
    pub fn call_bif_fn(&mut self, f: girder_runtime::code::export::BifFn, args: Value) -> Value {
        self.call_rt_ctx(
            crate::rt::RtFn {
                addr: f as usize,
                params: 2,
                id: crate::rt::NO_ID,
            },
            &[args],
        )
    }

    /// Calls BIF `f` (import `imp`) on `vals` through the context's scratch
    /// slots. On failure: jump to `fail` if there is one, else raise, with
    /// the BIF's own frame when `bif_frame`.
    pub fn bif_with_values(
        &mut self,
        idx: usize,
        imp: usize,
        f: girder_runtime::code::export::BifFn,
        vals: &[Value],
        fail: u32,
        bif_frame: bool,
    ) -> Value {
        for (i, v) in vals.iter().enumerate() {
            self.ctx_store(offsets::BIF_ARGS + 8 * i as i32, *v);
        }
        let ctxv = self.ctx();
        let p = self.b.ins().iadd_imm_s(ctxv, offsets::BIF_ARGS as i64);
        let r = self.call_bif_fn(f, p);
        if fail != 0 {
            let bad = self.b.ins().icmp_imm_s(IntCC::Equal, r, 0);
            self.fail_if(bad, fail);
        } else if bif_frame {
            let e = self.m.imports[imp].export as *const _ as u64;
            self.raise_bif_if_non_value(r, self.loc(idx), e, offsets::BIF_ARGS);
        } else {
            self.raise_if_non_value(r, self.loc(idx));
        }
        r
    }

    /// `bif`/`gc_bif` through the BIF table: arguments go to the context's
    /// scratch slots; on failure jump to `fail` or raise.
    pub fn call_bif(
        &mut self,
        idx: usize,
        imp: usize,
        args: &[&Operand],
        fail: u32,
        dst: &Operand,
    ) {
        let Some(d) = self.m.imports.get(imp).and_then(|i| i.def) else {
            self.unsupported(Opcode::Bif2);
            let blk = self.new_block();
            self.b.switch_to_block(blk);
            return;
        };
        let vals: Vec<Value> = args.iter().map(|a| self.get(a)).collect();
        // An instruction cannot continue elsewhere: a trapping BIF runs to
        // completion here. `NO_FRAME` BIFs (unary plus, an increment by 0
        // for BEAM's loader) add no frame of their own on failure.
        let frame = !d.has(flag::NO_FRAME);
        let r = self.bif_with_values(idx, imp, d.no_trap(), &vals, fail, frame);
        self.put(dst, r);
    }
}
