//! Message passing: `send loop_rec loop_rec_end remove_message wait
//! wait_timeout timeout recv_marker_*`. The queue lives in the runtime;
//! generated code walks it with a cursor and leaves native code with WAIT
//! when nothing matches, to resume at the loop head label.

use super::{label_arg, Flow, FnLower};
use cranelift_codegen::ir::{condcodes::IntCC, InstBuilder};
use girder_loader::{Instr, Opcode};
use girder_runtime::heap::ctx::status;

impl FnLower<'_, '_> {
    pub(super) fn lower_msg(&mut self, idx: usize, ins: &Instr) -> Flow {
        use Opcode::*;
        match ins.op {
            Send => {
                let to = self.load_x(0);
                let msg = self.load_x(1);
                let r = self.call_rt_ctx(crate::rt::send(), &[to, msg]);
                // A failing send reports `erlang:send/2` with x0, x1 as
                // its frame, as BEAM does.
                let send = girder_runtime::code::export::get_or_create(
                    girder_runtime::term::atom::am::ERLANG,
                    girder_runtime::term::atom::intern("send"),
                    2,
                ) as *const _ as u64;
                let x = girder_runtime::heap::ctx::offsets::X;
                self.raise_bif_if_non_value(r, self.loc(idx), send, x);
                self.store_x(0, r);
            }
            LoopRec => {
                let fail = label_arg(ins, 0);
                let m = self.call_rt_ctx(crate::rt::recv_peek(), &[]);
                let none = self.b.ins().icmp_imm_s(IntCC::Equal, m, 0);
                self.fail_if(none, fail);
                self.put(&ins.args[1], m);
            }
            LoopRecEnd => {
                self.call_rt_ctx(crate::rt::recv_next(), &[]);
                let t = self.label_target(label_arg(ins, 0));
                self.b.ins().jump(t, &[]);
                return Flow::Stop;
            }
            RemoveMessage => {
                self.call_rt_ctx(crate::rt::recv_remove(), &[]);
            }
            Wait => {
                self.wait_at(label_arg(ins, 0));
                return Flow::Stop;
            }
            WaitTimeout => {
                let t = self.get(&ins.args[1]);
                let r = self.call_rt_ctx(crate::rt::recv_wait_timeout(), &[t]);
                let suspend = self.new_block();
                let after = self.new_block();
                let err = self.new_block();
                let is_wait = self.b.ins().icmp_imm_s(IntCC::Equal, r, 0);
                self.b.ins().brif(is_wait, suspend, &[], after, &[]);
                self.b.switch_to_block(suspend);
                self.wait_at(label_arg(ins, 0));
                self.b.switch_to_block(after);
                let is_err = self.b.ins().icmp_imm_s(IntCC::Equal, r, 2);
                let cont = self.new_block();
                self.b.ins().brif(is_err, err, &[], cont, &[]);
                self.b.switch_to_block(err);
                self.raise(self.loc(idx));
                self.b.switch_to_block(cont);
            }
            Timeout => {
                self.call_rt_ctx(crate::rt::recv_timeout(), &[]);
            }
            RecvMarkerReserve => {
                let r = self.call_rt_ctx(crate::rt::recv_marker_reserve(), &[]);
                self.put(&ins.args[0], r);
            }
            RecvMarkerBind => {
                let marker = self.get(&ins.args[0]);
                let reference = self.get(&ins.args[1]);
                self.call_rt_ctx(crate::rt::recv_marker_bind(), &[marker, reference]);
            }
            RecvMarkerClear => {
                let reference = self.get(&ins.args[0]);
                self.call_rt_ctx(crate::rt::recv_marker_clear(), &[reference]);
            }
            RecvMarkerUse => {
                let reference = self.get(&ins.args[0]);
                self.call_rt_ctx(crate::rt::recv_marker_use(), &[reference]);
            }
            _ => unreachable!(),
        }
        Flow::Next
    }

    /// Leaves with WAIT, to resume at the receive loop head `label`.
    fn wait_at(&mut self, label: u32) {
        let entry = self.m.plans[self.fidx].entry_labels[&label];
        let addr = self.entry_addr(self.fidx, entry);
        // The function waiting, for `running` trace events.
        let loc = self.loc(0);
        let l = self.loc_const(loc);
        self.ctx_store(girder_runtime::heap::ctx::offsets::TRACE_LOC, l);
        self.leave(status::WAIT, Some(addr), 0);
    }
}
