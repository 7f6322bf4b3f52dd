//! Exceptions: `badmatch case_end if_end badrecord try_case_end catch
//! catch_end try try_end try_case raise build_stacktrace`.
//!
//! `catch`/`try` store a catch tag naming the handler entry point in a Y
//! register; the runtime's unwinder finds the nearest one, cuts the stack
//! there and tail-calls the handler with x0 = NON_VALUE, x1 = class,
//! x2 = reason, x3 = raw stack trace.

use super::{label_arg, Flow, FnLower};
use cranelift_codegen::ir::InstBuilder;
use girder_loader::{Instr, Opcode};
use girder_runtime::abi::error::kind;
use girder_runtime::term::{NIL, TAG_IMMED2_CATCH};

impl FnLower<'_, '_> {
    pub(super) fn lower_exc(&mut self, idx: usize, ins: &Instr) -> Flow {
        use Opcode::*;
        match ins.op {
            Badmatch | CaseEnd | TryCaseEnd | Badrecord => {
                let k = match ins.op {
                    Badmatch => kind::BADMATCH,
                    CaseEnd => kind::CASE_CLAUSE,
                    TryCaseEnd => kind::TRY_CLAUSE,
                    _ => kind::BADRECORD,
                };
                let v = self.get(&ins.args[0]);
                self.raise_kind(idx, k, v);
                Flow::Stop
            }
            IfEnd => {
                let nil = self.iconst(NIL.raw());
                self.raise_kind(idx, kind::IF_CLAUSE, nil);
                Flow::Stop
            }
            Catch | Try => {
                let handler = label_arg(ins, 1);
                let entry = self.m.plans[self.fidx].entry_labels[&handler];
                self.need_entry(entry);
                // The tag encoding of `Term::catch_tag`: the address >> 4
                // with the entry index at bit 44, shifted into the payload.
                let id = self.m.self_id(self.fidx);
                let r = self.func_ref_pub(id);
                let a = self.b.ins().func_addr(cranelift_codegen::ir::types::I64, r);
                let a4 = self.b.ins().ushr_imm_u(a, 4);
                let payload = self.b.ins().bor_imm_u(a4, (entry as i64) << 44);
                let shifted = self.b.ins().ishl_imm_u(payload, 6);
                let tag = self.b.ins().bor_imm_u(shifted, TAG_IMMED2_CATCH as i64);
                self.put(&ins.args[0], tag);
                Flow::Next
            }
            TryEnd => {
                let nil = self.iconst(NIL.raw());
                self.put(&ins.args[0], nil);
                Flow::Next
            }
            CatchEnd => {
                let nil = self.iconst(NIL.raw());
                self.put(&ins.args[0], nil);
                // x0 is NON_VALUE when we got here by an exception: turn
                // class/reason into the value of the catch expression.
                self.call_rt_ctx(crate::rt::catch_end(), &[]);
                let hp = self.ctx_load(girder_runtime::heap::ctx::offsets::HP);
                self.set_hp(hp);
                Flow::Next
            }
            TryCase => {
                let nil = self.iconst(NIL.raw());
                self.put(&ins.args[0], nil);
                let class = self.load_x(1);
                let reason = self.load_x(2);
                let trace = self.load_x(3);
                self.store_x(0, class);
                self.store_x(1, reason);
                self.store_x(2, trace);
                Flow::Next
            }
            Raise => {
                let trace = self.get(&ins.args[0]);
                let value = self.get(&ins.args[1]);
                self.call_rt_ctx(crate::rt::raise_instr(), &[trace, value]);
                self.raise(self.loc(idx));
                Flow::Stop
            }
            RawRaise => {
                // x0 = class, x1 = reason, x2 = raw stack trace.
                let class = self.load_x(0);
                let reason = self.load_x(1);
                let trace = self.load_x(2);
                let r = self.call_rt_ctx(crate::rt::raw_raise(), &[class, reason, trace]);
                // 1: the class is not error/exit/throw, and as in BEAM
                // nothing is raised: execution goes on with x0 = badarg.
                let raise = self.new_block();
                let go = self.new_block();
                self.b.ins().brif(r, go, &[], raise, &[]);
                self.b.set_cold_block(raise);
                self.b.switch_to_block(raise);
                self.raise(self.loc(idx));
                self.b.switch_to_block(go);
                let badarg = self.iconst(girder_runtime::term::atom::am::BADARG.raw());
                self.store_x(0, badarg);
                Flow::Next
            }
            BuildStacktrace => {
                self.call_rt_ctx(crate::rt::build_stacktrace(), &[]);
                Flow::Next
            }
            _ => unreachable!(),
        }
    }

    fn raise_kind(&mut self, idx: usize, k: u64, v: cranelift_codegen::ir::Value) {
        let kv = self.iconst(k);
        self.call_rt_ctx(crate::rt::raise_kind(), &[kv, v]);
        self.raise(self.loc(idx));
    }
}
