//! `gc_bif` instructions outside guards whose BIF has a step function
//! (`BifDef::step`; `length/1`) yield in place, as BEAM's `i_length`
//! does: the step works within the reductions left; when the list goes
//! on, its state (a few words, kept in the context's BIF argument slots)
//! moves to the X registers above the live ones and the process yields
//! with the instruction's own resume entry (`EntryKind::BifStep`), which
//! moves the state back and calls the step again. Guards (with a fail
//! label) call the run-to-completion BIF as before.

use super::{label_arg, uint_arg, FnLower};
use crate::modcx::Import;
use cranelift_codegen::ir::{condcodes::IntCC, InstBuilder};
use girder_loader::{Instr, Opcode, Operand};
use girder_runtime::bif::StepFn;
use girder_runtime::heap::ctx::{offsets, status, MAX_X};
use girder_runtime::term::NIL;

/// Words of the context's BIF argument slots, where the state lives
/// between steps.
const STATE_SLOTS: u32 = 4;

/// The step function and state size if `ins` is a stepping `gc_bif`.
pub fn step_of(ins: &Instr, imports: &[Import]) -> Option<(StepFn, u32)> {
    if !matches!(ins.op, Opcode::GcBif1 | Opcode::GcBif2 | Opcode::GcBif3) {
        return None;
    }
    if label_arg(ins, 0) != 0 {
        return None;
    }
    let live = uint_arg(ins, 1);
    let (f, words) = imports.get(uint_arg(ins, 2) as usize)?.def?.step?;
    let nargs = ins.args.len().checked_sub(4)?;
    let fits = (nargs as u32) <= words
        && words <= STATE_SLOTS
        && live.checked_add(words as u64)? <= MAX_X as u64;
    fits.then_some((f, words))
}

impl FnLower<'_, '_> {
    /// The instruction at `idx` (a stepping `gc_bif`): state = its
    /// arguments then NIL, then the first step.
    pub(super) fn lower_bif_step(&mut self, idx: usize, ins: &Instr, f: StepFn, words: u32) {
        let n = ins.args.len();
        let args: Vec<&Operand> = ins.args[3..n - 1].iter().collect();
        for i in 0..words {
            let v = match args.get(i as usize) {
                Some(a) => self.get(a),
                None => self.iconst(NIL.raw()),
            };
            self.ctx_store(offsets::BIF_ARGS + 8 * i as i32, v);
        }
        self.emit_bif_step(idx, ins, f, words);
    }

    /// The resume entry of the stepping `gc_bif` at `idx`: the state comes
    /// back from the X registers above the live ones.
    pub(super) fn resume_bif_step(&mut self, idx: usize, ins: &Instr, f: StepFn, words: u32) {
        let live = uint_arg(ins, 1) as u32;
        for i in 0..words {
            let v = self.load_x(live + i);
            self.ctx_store(offsets::BIF_ARGS + 8 * i as i32, v);
        }
        self.emit_bif_step(idx, ins, f, words);
    }

    /// Calls the step on the state; a value goes to the destination, an
    /// exception (frame recorded by the step) raises here, a yield saves
    /// the state above the live registers and leaves.
    fn emit_bif_step(&mut self, idx: usize, ins: &Instr, f: StepFn, words: u32) {
        let live = uint_arg(ins, 1) as u32;
        let c = self.ctx();
        let st = self.b.ins().iadd_imm_s(c, offsets::BIF_ARGS as i64);
        let rt = crate::rt::RtFn {
            addr: f as usize,
            params: 2,
            id: crate::rt::NO_ID,
        };
        let r = self.call_rt_ctx(rt, &[st]);
        let resume = self.m.plans[self.fidx].bif_steps[&idx];
        let loc = self.loc(idx);
        self.on_non_value(r, |s| {
            let t = s.ctx_load(offsets::BIF_TRAP);
            let again = s.b.ins().icmp_imm_s(IntCC::NotEqual, t, 0);
            let yield_blk = s.new_block();
            let err = s.new_block();
            s.b.ins().brif(again, yield_blk, &[], err, &[]);
            s.b.switch_to_block(yield_blk);
            let zero = s.iconst(0);
            s.ctx_store(offsets::BIF_TRAP, zero);
            for i in 0..words {
                let v = s.ctx_load(offsets::BIF_ARGS + 8 * i as i32);
                s.store_x(live + i, v);
            }
            let me = s.entry_addr(s.fidx, resume);
            s.leave(status::YIELD, Some(me), live + words);
            s.b.switch_to_block(err);
            s.raise(loc);
        });
        self.put(&ins.args[ins.args.len() - 1], r);
    }
}
