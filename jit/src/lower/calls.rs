//! Calls and returns: `call call_only call_last call_ext* return bif*
//! gc_bif* apply apply_last call_fun call_fun2`.
//!
//! A non-tail call pushes the address of its continuation entry point on
//! the Erlang stack and tail-calls the callee, so the native stack stays
//! flat; `return` pops that address and tail-calls it.

use super::{label_arg, uint_arg, Flow, FnLower};
use cranelift_codegen::ir::{condcodes::IntCC, types::I64, InstBuilder, Value};
use girder_loader::{Instr, Opcode, Operand};
use girder_runtime::ctx::offsets;

impl FnLower<'_, '_> {
    pub(super) fn lower_call(&mut self, idx: usize, ins: &Instr) -> Flow {
        use Opcode::*;
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
                let args: Vec<&Operand> = ins.args[3..n - 1].iter().collect();
                let _ = live;
                if !self.inline_bif(idx, imp, &args, fail, &ins.args[n - 1]) {
                    self.call_bif(idx, imp, &args, fail, &ins.args[n - 1]);
                }
                Flow::Next
            }
            Apply | ApplyLast => {
                let arity = uint_arg(ins, 0);
                let a = self.iconst(arity);
                let addr = self.call_rt_ctx(crate::rt::apply(), &[a]);
                self.raise_if_non_value(addr, self.loc(idx));
                if ins.op == Apply {
                    self.push_continuation(idx);
                } else {
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
                let a = self.iconst(arity);
                let addr = self.call_rt_ctx(crate::rt::call_fun(), &[a]);
                self.raise_if_non_value(addr, self.loc(idx));
                self.push_continuation(idx);
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
        if let Some(f) = bif {
            // A BIF: call it directly with its arguments in x0..; the
            // result goes to x0 and execution continues inline.
            let ctxv = self.ctx();
            let args = self.b.ins().iadd_imm_s(ctxv, offsets::X as i64);
            let r = self.call_bif_fn(f, args);
            self.raise_bif_if_non_value(r, self.loc(idx), export as *const _ as u64, offsets::X);
            self.store_x(0, r);
            if let Some(n) = tail_pop {
                self.pop_words(n);
                self.emit_return();
                return Flow::Stop;
            }
            return Flow::Next;
        }
        let addr = if let Some(apply_arity) = apply {
            let a = self.iconst(apply_arity as u64);
            let addr = self.call_rt_ctx(crate::rt::apply_list(), &[a]);
            self.raise_if_non_value(addr, self.loc(idx));
            addr
        } else {
            let _ = arity;
            self.export_address(idx, export as *const _ as u64)
        };
        match tail_pop {
            None => self.push_continuation(idx),
            Some(n) => self.pop_words(n),
        }
        self.tail_call_addr(addr);
        Flow::Stop
    }

    /// Loads an export's entry address, asking the runtime to load the
    /// module (or raise `undef`) when it is not resolved yet.
    fn export_address(&mut self, idx: usize, export: u64) -> Value {
        let e = self.iconst(export);
        let addr = self
            .b
            .ins()
            .load(I64, super::mem(), e, girder_runtime::export::ADDR_OFFSET);
        let missing = self.b.ins().icmp_imm_s(IntCC::Equal, addr, 0);
        let slow = self.new_block();
        let join = self.new_block();
        let res = self.b.append_block_param(join, I64);
        self.b.ins().brif(missing, slow, &[], join, &[addr.into()]);
        self.b.set_cold_block(slow);
        self.b.switch_to_block(slow);
        let a2 = self.call_rt_ctx(crate::rt::resolve_export(), &[e]);
        self.raise_if_non_value(a2, self.loc(idx));
        self.b.ins().jump(join, &[a2.into()]);
        self.b.switch_to_block(join);
        res
    }

    /// Pushes the continuation of the non-tail call at `idx`.
    fn push_continuation(&mut self, idx: usize) {
        let entry = self.m.plans[self.fidx].continuations[&idx];
        let cp = self.entry_addr(self.fidx, entry);
        let sp = self.b.use_var(self.sp);
        let nsp = self.b.ins().iadd_imm_s(sp, -8);
        self.b.ins().store(super::mem(), cp, nsp, 0);
        self.b.def_var(self.sp, nsp);
    }

    fn tail_call_label(&mut self, label: u32) {
        match self.m.entry_of_label.get(&label) {
            Some(&f) => self.tail_call_entry(f, 0),
            None => {
                self.unsupported(Opcode::Call);
            }
        }
    }

    pub fn emit_return(&mut self) {
        let sp = self.b.use_var(self.sp);
        let cp = self.b.ins().load(I64, super::mem(), sp, 0);
        let nsp = self.b.ins().iadd_imm_s(sp, 8);
        self.b.def_var(self.sp, nsp);
        self.tail_call_addr(cp);
    }

    /// Calls a BIF function with `args` pointing at its arguments; sp/hp
    /// are synced around it because BIFs allocate.
    pub fn call_bif_fn(&mut self, f: girder_runtime::bif::BifFn, args: Value) -> Value {
        self.call_rt_ctx(
            crate::rt::RtFn {
                addr: f as usize,
                params: 2,
            },
            &[args],
        )
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
        let Some(f) = self.m.imports.get(imp).and_then(|i| i.bif) else {
            self.unsupported(Opcode::Bif2);
            let blk = self.new_block();
            self.b.switch_to_block(blk);
            return;
        };
        for (i, a) in args.iter().enumerate() {
            let v = self.get(a);
            self.ctx_store(offsets::BIF_ARGS + 8 * i as i32, v);
        }
        let ctxv = self.ctx();
        let p = self.b.ins().iadd_imm_s(ctxv, offsets::BIF_ARGS as i64);
        let r = self.call_bif_fn(f, p);
        if fail != 0 {
            let bad = self.b.ins().icmp_imm_s(IntCC::Equal, r, 0);
            self.fail_if(bad, fail);
        } else {
            let e = self.m.imports[imp].export as *const _ as u64;
            self.raise_bif_if_non_value(r, self.loc(idx), e, offsets::BIF_ARGS);
        }
        self.put(dst, r);
    }
}
