//! Partial lowering for lazy region units (`crate::units`): fast-tier code
//! that leaves out the regions a select or a test branches to, compiling
//! each one as a unit of its own the first time it is taken.
//!
//! Why it is sound: in fast-tier code every piece of BEAM state is in
//! memory at a label (X registers are written through, sp/hp/reds live in
//! the context), so a branch to a left-out label can leave for another
//! native function that starts at that label. Functions with float
//! instructions (float registers are SSA variables) are never partial.
//!
//! What differs from whole lowering: entries (continuations, receive and
//! catch labels, stepping-BIF resumes) are lowered only when the code
//! lowered so far refers to them, and the entry dispatch is built last,
//! over those; a unit's entry 0 is its label, not the function's body.

use super::FnLower;
use crate::plan::EntryKind;
use cranelift_codegen::ir::{Block, InstBuilder};
use cranelift_frontend::{FunctionBuilder, Switch};
use girder_loader::{Family, Opcode};

impl<'a, 'b> FnLower<'a, 'b> {
    /// Whether this function may be lowered partially: the module asked
    /// for it (a fast-tier compile), and nothing in it keeps BEAM state in
    /// SSA variables across labels.
    pub(super) fn partial_allowed(&self) -> bool {
        self.m.partial_ok.get()
            && self.m.fast.get()
            && self.m.unsupported[self.fidx].is_none()
            && self.m.bif_bodies[self.fidx].is_none()
            && self.m.unit_stub.get() != 0
            && !self.instrs().iter().any(|i| i.op.family() == Family::Float)
    }

    /// `lower_function` for partial code: the body (or the unit's label),
    /// then whatever labels and entries it reaches, then the dispatch.
    pub(super) fn lower_partial(mut self) -> FunctionBuilder<'b> {
        let plan = &self.m.plans[self.fidx];
        let n = plan.entries.len();
        self.entry_blocks = (0..n).map(|_| self.b.create_block()).collect();
        self.needed = vec![false; n];
        self.needed[0] = true;
        let dispatch = self.b.create_block();
        self.b.ins().jump(dispatch, &[]);
        let first = self.entry_blocks[0];
        self.b.switch_to_block(first);
        self.xcache_clear();
        match self.unit_root {
            None => {
                if self.m.table != 0 {
                    self.tier_count();
                }
                self.reduction_check(0);
                self.cover_kind = 0;
                self.emit_from(plan.entries[0].start + 1);
            }
            Some(l) => {
                self.blocks.insert(l, first);
                self.cover_kind = 1;
                self.emit_from(plan.label_pos[&l] + 1);
            }
        }
        loop {
            if let Some(l) = self.queue.pop() {
                let blk = self.blocks[&l];
                self.b.switch_to_block(blk);
                self.xcache_clear();
                self.cover_kind = 1;
                self.emit_from(plan.label_pos[&l] + 1);
                continue;
            }
            let Some(e) = self.entry_queue.pop() else {
                break;
            };
            self.b.switch_to_block(self.entry_blocks[e]);
            self.xcache_clear();
            match plan.entries[e].kind {
                EntryKind::Continuation(ci) => {
                    self.cover_kind = 2;
                    self.emit_from(ci + 1);
                }
                EntryKind::BifStep(si) => {
                    let ins = &self.instrs()[si];
                    if let Some((f, w)) = super::bif_step::step_of(ins, &self.m.imports) {
                        self.resume_bif_step(si, ins, f, w);
                    }
                    self.cover_kind = 3;
                    self.emit_from(si + 1);
                }
                EntryKind::Label(l) => {
                    let blk = self.label_target(l);
                    self.b.ins().jump(blk, &[]);
                }
                // Only entry 0 is the body, and it is lowered first.
                EntryKind::Body => {
                    self.b
                        .ins()
                        .trap(cranelift_codegen::ir::TrapCode::unwrap_user(1));
                }
            }
        }
        self.emit_lazy_exits();
        self.b.switch_to_block(dispatch);
        let wanted: Vec<usize> = (1..n).filter(|&e| self.needed[e]).collect();
        if wanted.is_empty() {
            self.b.ins().jump(first, &[]);
        } else {
            let mut sw = Switch::new();
            for e in wanted {
                sw.set_entry(e as u128, self.entry_blocks[e]);
            }
            let idx = self.entry_idx;
            sw.emit(&mut self.b, idx, first);
        }
        self.emit_outlines();
        self.b.seal_all_blocks();
        *self.m.needed_entries.borrow_mut() = Some(std::mem::take(&mut self.needed));
        self.b
    }

    /// Marks entry `e` as used by the code being lowered (partial code
    /// lowers and dispatches to those only).
    pub(super) fn need_entry(&mut self, e: usize) {
        if self.partial && e < self.needed.len() && !self.needed[e] {
            self.needed[e] = true;
            self.entry_queue.push(e);
        }
    }

    /// In partial code, the block for a branch to label `l` that the
    /// current instruction makes, if it is left out: a select's target or
    /// a test's fail label starting a region of at least
    /// `units::min_region()` instructions, not a receive or catch label.
    pub(super) fn lazy_target(&mut self, l: u32) -> Option<Block> {
        if !crate::units::lazy_class(self.cur_class) {
            return None;
        }
        let plan = &self.m.plans[self.fidx];
        if plan.entry_labels.contains_key(&l) || Some(l) == self.unit_root {
            return None;
        }
        if let Some(&blk) = self.lazy_exits.get(&l) {
            return Some(blk);
        }
        let start = *plan.label_pos.get(&l)? + 1;
        let len = self.instrs()[start..]
            .iter()
            .take_while(|i| i.op != Opcode::Label)
            .filter(|i| i.op != Opcode::Line)
            .count();
        if len < crate::units::min_region() {
            return None;
        }
        let blk = self.b.create_block();
        self.b.set_cold_block(blk);
        self.lazy_exits.insert(l, blk);
        self.pending_exits.push((blk, l));
        Some(blk)
    }

    /// The left-out labels' exits: tail-call the version's unit stub with
    /// (function, label), which asks the runtime for the label's unit
    /// (compiled at its first use) and continues there. One shared stub
    /// instead of the runtime call, its failure check and the entry
    /// value's split at every exit: ~7 CLIF instructions an exit instead
    /// of ~20 (a cold start lowers ~1,400 exits).
    fn emit_lazy_exits(&mut self) {
        let exits = std::mem::take(&mut self.pending_exits);
        for (blk, l) in exits {
            self.b.switch_to_block(blk);
            self.xcache_clear();
            let stub = self.pinned_const(self.m.unit_stub.get() as u64);
            let key = self.iconst(((self.fidx as u64) << 32) | l as u64);
            let sig = self.entry_sig();
            let [sp, hp, reds] = self.entry_args();
            self.b
                .ins()
                .return_call_indirect(sig, stub, &[sp, hp, reds, key]);
            self.m.partial_out.set(true);
        }
    }
}
