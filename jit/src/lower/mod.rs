//! Lowering of one entry point to a Cranelift function. `FnLower` holds the
//! builder and the per-entry state; the instruction families live in the
//! sibling modules, one file per family as in BeamAsm.

mod arith;
pub(crate) mod bif_step;
mod bs;
mod bs_append;
mod bs_inline;
mod calls;
mod data;
mod exc;
mod float;
mod funs;
mod maps;
mod maps_new;
mod moves;
mod msg;
mod partial;
mod tests;

use crate::modcx::ModCx;
use crate::reloc::{Const, Sym, SYM_NS};
use crate::rt::RtFn;
use cranelift_codegen::ir::condcodes::IntCC;
use cranelift_codegen::ir::{
    types::I64, AbiParam, Block, ExternalName, FuncRef, GlobalValue, GlobalValueData, InstBuilder,
    MemFlagsData, SigRef, Signature, UserExternalName, Value,
};
use cranelift_codegen::isa::CallConv;
use cranelift_frontend::{FunctionBuilder, Switch, Variable};
use cranelift_module::{FuncId, Module};
use girder_loader::FastMap as HashMap;
use girder_loader::{Instr, Opcode, Operand};
use girder_runtime::heap::ctx::{offsets, status};
use girder_runtime::term::{Term, NIL};

/// What the emitter does after an instruction.
pub enum Flow {
    /// Go on with the next instruction in the current block.
    Next,
    /// The instruction ended the block (a jump, call or return).
    Stop,
}

pub struct FnLower<'a, 'b> {
    pub b: FunctionBuilder<'b>,
    pub m: &'a ModCx,
    pub jm: &'a mut cranelift_jit::JITModule,
    /// Index of the BEAM function in the module.
    pub fidx: usize,
    pub sp: Variable,
    pub hp: Variable,
    pub reds: Variable,
    blocks: HashMap<u32, Block>,
    /// The block of each entry point of this function.
    entry_blocks: Vec<Block>,
    /// The entry-point index the function was called with.
    entry_idx: Value,
    queue: Vec<u32>,
    raise_block: Option<Block>,
    fc_block: Option<Block>,
    /// Shared cold paths (`emit_outlines`), one per function instead of
    /// one per site: resolving an unresolved export and tail-calling it
    /// (params: export, location), and raising from a BIF with its frame
    /// recorded (params: export, arguments address, location).
    resolve_block: Option<Block>,
    bif_raise_block: Option<Block>,
    /// The context pointer read in the current block (`ctx`).
    ctx_cache: Option<(Block, Value)>,
    /// sp, hp and reds live in the context, not in SSA variables (the
    /// fast tier, `get_sp`).
    mem_state: bool,
    /// In that mode, the value of sp, hp and reds read or written last in
    /// a block (valid in that block until a runtime call).
    state_cache: [Option<(Block, Value)>; 3],
    entry_sig: Option<SigRef>,
    rt_sigs: HashMap<u8, SigRef>,
    func_refs: HashMap<FuncId, FuncRef>,
    /// Values of X registers known in the current straight-line region.
    xcache: HashMap<u32, Value>,
    /// X registers of `xcache` not written to the context yet (`xdefer`).
    /// Each held-back store: the register and the value it gets.
    xdirty: Vec<(u32, Value)>,
    /// Optimised code holds X register stores back across the instructions
    /// `moves::defers_stores` lists (`store_x`); `xdefer_now` is set while
    /// lowering one of them.
    xdefer: bool,
    xdefer_now: bool,
    /// The body entry's loop header, target of self tail calls.
    loop_header: Option<Block>,
    /// Float registers, as Cranelift variables (see float.rs).
    fregs: HashMap<u32, Variable>,
    /// The global value of each (symbol, offset) used (`sym`).
    sym_gvs: HashMap<(u32, i64), GlobalValue>,
    /// The instruction being lowered has a float-typed operand: its inline
    /// float path is laid out in line (float.rs `cold_unless_hot`).
    float_hot: bool,
    /// The shared return dispatch of a function with many return sites
    /// and continuations (`calls.rs` `emit_return`), and the count of its
    /// `return` instructions.
    pub(super) ret_block: Option<Block>,
    pub(super) n_returns: Option<usize>,
    /// The index of each symbol in `m.syms` (a linear search was 4% of
    /// compiling `unicode_util`, whose tables use thousands of literals).
    sym_idx: HashMap<Sym, u32>,
    /// The kind of region `emit_from` lowers next (`clifstats::cover_*`).
    cover_kind: u8,
    cover_count: usize,
    /// The region being lowered and its edges (`GIRDER_CLIF_COVER`).
    cover_cur: Option<usize>,
    cover_edges: String,
    /// Partial lowering (`partial.rs`): on, the unit's label (None: the
    /// function's body), the entries used so far and those still to
    /// lower, the exits of left-out labels (made, and to be filled), and
    /// how the instruction being lowered refers to labels (`cover_class`).
    partial: bool,
    unit_root: Option<u32>,
    needed: Vec<bool>,
    entry_queue: Vec<usize>,
    lazy_exits: HashMap<u32, Block>,
    pending_exits: Vec<(Block, u32)>,
    cur_class: u8,
}

/// An entry value is a native function address with the entry point index
/// in bits 48 and up (user-space addresses fit 47 bits on x86-64 and 48 on
/// aarch64). Function addresses are 16-byte aligned, so the low 4 bits are
/// zero: on the Erlang stack an entry value is a continuation and looks
/// like a header word, never like a term.
pub const ENTRY_SHIFT: i64 = 48;
pub const ADDR_MASK: i64 = (1 << ENTRY_SHIFT) - 1;

pub fn mem() -> MemFlagsData {
    MemFlagsData::trusted()
}

/// `(sp, hp, reds, entry) -> status`: one native function per BEAM
/// function, `entry` selecting which of its entry points to run (see
/// `ENTRY_SHIFT`). The context pointer is not a parameter: it
/// lives in Cranelift's pinned register for the whole time native code
/// runs (set by the trampoline), so no entry point has to keep it alive in
/// a callee-saved register across runtime calls.
pub fn entry_signature(call_conv: CallConv) -> Signature {
    let mut s = Signature::new(call_conv);
    for _ in 0..4 {
        s.params.push(AbiParam::new(I64));
    }
    s.returns.push(AbiParam::new(I64));
    s
}

impl<'a, 'b> FnLower<'a, 'b> {
    pub fn new(
        mut b: FunctionBuilder<'b>,
        m: &'a ModCx,
        jm: &'a mut cranelift_jit::JITModule,
        fidx: usize,
    ) -> Self {
        let entry = b.create_block();
        b.append_block_params_for_function_params(entry);
        b.switch_to_block(entry);
        let params = b.block_params(entry).to_vec();
        let sp = b.declare_var(I64);
        let hp = b.declare_var(I64);
        let reds = b.declare_var(I64);
        // Fast-tier code keeps sp, hp and reds in the context (`get_sp`).
        let mem_state = m.fast.get();
        if mem_state {
            let c = b.ins().get_pinned_reg(I64);
            b.ins().store(mem(), params[0], c, offsets::SP);
            b.ins().store(mem(), params[1], c, offsets::HP);
            b.ins().store(mem(), params[2], c, offsets::REDS);
        } else {
            b.def_var(sp, params[0]);
            b.def_var(hp, params[1]);
            b.def_var(reds, params[2]);
        }
        let entry_idx = params[3];
        FnLower {
            b,
            m,
            jm,
            fidx,
            sp,
            hp,
            reds,
            blocks: HashMap::default(),
            entry_blocks: Vec::new(),
            entry_idx,
            queue: Vec::new(),
            raise_block: None,
            resolve_block: None,
            bif_raise_block: None,
            ctx_cache: None,
            mem_state,
            state_cache: [None; 3],
            fc_block: None,
            entry_sig: None,
            rt_sigs: HashMap::default(),
            func_refs: HashMap::default(),
            xcache: HashMap::default(),
            xdirty: Vec::new(),
            xdefer: !mem_state && moves::defer_enabled(),
            xdefer_now: false,
            loop_header: None,
            fregs: HashMap::default(),
            sym_gvs: HashMap::default(),
            float_hot: false,
            ret_block: None,
            n_returns: None,
            sym_idx: HashMap::default(),
            cover_kind: 0,
            cover_count: 0,
            cover_cur: None,
            cover_edges: String::new(),
            partial: false,
            unit_root: None,
            needed: Vec::new(),
            entry_queue: Vec::new(),
            lazy_exits: HashMap::default(),
            pending_exits: Vec::new(),
            cur_class: 0,
        }
    }

    fn instrs(&self) -> &'a [Instr] {
        &self.m.module.functions[self.fidx].instrs
    }

    /// Emits the whole function: a dispatch on the entry index, then every
    /// entry point as a block of this one native function, so that jumps
    /// between its entry points (returns into it, receive loops, catch
    /// handlers, recursion) stay inside it.
    pub fn lower_function(mut self) -> FunctionBuilder<'b> {
        if self.partial_allowed() {
            self.partial = true;
            self.unit_root = self.m.unit_root.get();
            return self.lower_partial();
        }
        let plan = &self.m.plans[self.fidx];
        let n = plan.entries.len();
        self.entry_blocks = (0..n).map(|_| self.b.create_block()).collect();
        for (i, e) in plan.entries.iter().enumerate() {
            if let crate::plan::EntryKind::Label(l) = e.kind {
                self.blocks.insert(l, self.entry_blocks[i]);
                self.queue.push(l);
            }
        }
        if n == 1 {
            self.b.ins().jump(self.entry_blocks[0], &[]);
        } else {
            let mut sw = Switch::new();
            for (i, &blk) in self.entry_blocks.iter().enumerate().skip(1) {
                sw.set_entry(i as u128, blk);
            }
            let idx = self.entry_idx;
            sw.emit(&mut self.b, idx, self.entry_blocks[0]);
        }
        // Continuations: emitted from the instruction after their call.
        for (i, e) in plan.entries.iter().enumerate() {
            if let crate::plan::EntryKind::Continuation(ci) = e.kind {
                self.b.switch_to_block(self.entry_blocks[i]);
                self.xcache_clear();
                self.cover_kind = 2;
                self.emit_from(ci + 1);
            }
        }
        // Resumes of stepping gc_bif instructions (`bif_step.rs`).
        for (i, e) in plan.entries.iter().enumerate() {
            if let crate::plan::EntryKind::BifStep(si) = e.kind {
                self.b.switch_to_block(self.entry_blocks[i]);
                self.xcache_clear();
                let ins = &self.instrs()[si];
                if let Some((f, w)) = bif_step::step_of(ins, &self.m.imports) {
                    self.resume_bif_step(si, ins, f, w);
                }
                self.cover_kind = 3;
                self.emit_from(si + 1);
            }
        }
        // The body: its block is also the loop header of self calls.
        let body = self.entry_blocks[0];
        self.b.switch_to_block(body);
        self.xcache_clear();
        self.loop_header = Some(body);
        let start = plan.entries[0].start;
        self.body_entry(start)
    }

    fn body_entry(mut self, start: usize) -> FunctionBuilder<'b> {
        let plan = &self.m.plans[self.fidx];
        if self.m.fast.get() && self.m.table != 0 && self.m.bif_bodies[self.fidx].is_none() {
            self.tier_count();
        }
        self.reduction_check(0);
        if let Some(d) = self.m.bif_bodies[self.fidx] {
            // The module's Erlang body of a BIF (a `nif_error` stub in OTP's
            // source) is replaced by the BIF, as BEAM does.
            let ctxv = self.ctx();
            let args = self.b.ins().iadd_imm_s(ctxv, offsets::X as i64);
            let r = self.call_bif_fn(d.f, args);
            // As for BIF stubs: the BIF's own frame, then the caller's
            // continuation (no location of this body).
            let func = &self.m.module.functions[self.fidx];
            let export = girder_runtime::code::export::get_or_create(
                self.m.name,
                girder_runtime::term::atom::intern(&func.name),
                func.arity,
            ) as *const _ as u64;
            if d.has(girder_runtime::bif::flag::TRAPS) {
                // Our caller's continuation is on the stack: the trap
                // target returns there.
                self.bif_trap_or_raise(r, 0, export, offsets::X, |s, t| s.tail_call_addr(t));
            } else {
                self.raise_bif_if_non_value(r, 0, export, offsets::X);
            }
            self.store_x(0, r);
            self.emit_return();
        } else {
            self.cover_kind = 0;
            self.emit_from(start + 1);
        }
        while let Some(l) = self.queue.pop() {
            let blk = self.blocks[&l];
            self.b.switch_to_block(blk);
            self.xcache_clear();
            let pos = plan.label_pos[&l];
            self.cover_kind = 1;
            self.emit_from(pos + 1);
        }
        self.emit_outlines();
        self.b.seal_all_blocks();
        self.b
    }

    fn emit_from(&mut self, idx: usize) {
        if !crate::clifstats::cover_enabled() {
            return self.emit_region(idx);
        }
        let Some((id, addr)) = crate::clifstats::cover_region() else {
            return self.emit_region(idx);
        };
        let a = self.b.ins().iconst(I64, addr as i64);
        let one = self.b.ins().iconst(cranelift_codegen::ir::types::I8, 1);
        self.b.ins().store(mem(), one, a, 0);
        let (c0, i0) = (self.b.func.dfg.num_insts(), self.cover_count);
        self.cover_cur = Some(id);
        self.cover_edges.clear();
        self.emit_region(idx);
        self.cover_cur = None;
        let clif = self.b.func.dfg.num_insts() - c0;
        crate::clifstats::cover_done(id, self.cover_count - i0, clif, self.cover_kind);
        let fl = format!("{}/{}", self.m.name.raw(), self.fidx);
        let edges = std::mem::take(&mut self.cover_edges);
        crate::clifstats::cover_info(
            id,
            format!(
                "{fl} {idx} {} {edges}",
                self.m.module.functions[self.fidx].name
            ),
        );
    }

    fn emit_region(&mut self, mut idx: usize) {
        let instrs = self.instrs();
        loop {
            let Some(ins) = instrs.get(idx) else {
                // Fell off the end of the function: cannot happen in
                // compiler output; trap rather than run into garbage.
                self.b
                    .ins()
                    .trap(cranelift_codegen::ir::TrapCode::unwrap_user(1));
                return;
            };
            if ins.op == Opcode::Label {
                let l = label_of(ins);
                self.xflush(u32::MAX);
                self.cur_class = b'F';
                let target = self.label_target(l);
                self.b.ins().jump(target, &[]);
                return;
            }
            let n0 = self.b.func.dfg.num_insts();
            // Held-back X stores live only across the instructions that
            // know about them; any other sees the context up to date.
            self.xdefer_now = self.xdefer && self.defers_stores(idx, ins);
            if !self.xdefer_now {
                self.xflush(u32::MAX);
            }
            self.cur_class = crate::clifstats::cover_class(ins.op);
            if self.cover_cur.is_some() && crate::plan::is_nontail_call(ins.op) {
                self.cover_edges.push_str(&format!("C{} ", idx + 1));
            }
            let flow = self.lower_instr(idx, ins);
            self.xdefer_now = false;
            self.cover_count += 1;
            crate::clifstats::count(ins.op, self.b.func.dfg.num_insts() - n0);
            match flow {
                Flow::Next => {
                    if cfg!(debug_assertions) {
                        self.debug_check_heap(idx);
                    }
                    idx += 1
                }
                Flow::Stop => return,
            }
        }
    }

    /// Dispatches on the instruction's family, which the opcode table
    /// (`girder_loader::Opcode::family`) gives: the same table says which
    /// instructions are `supported()`, so the two cannot drift apart.
    fn lower_instr(&mut self, idx: usize, ins: &'a Instr) -> Flow {
        use girder_loader::Family;
        match ins.op.family() {
            Family::Meta => Flow::Next,
            Family::Head => {
                self.raise_function_clause();
                Flow::Stop
            }
            Family::Move => self.lower_move(idx, ins),
            Family::Call => self.lower_call(idx, ins),
            Family::Data => self.lower_data(idx, ins),
            Family::Test => self.lower_test(idx, ins),
            Family::Exc => self.lower_exc(idx, ins),
            Family::Fun => self.lower_fun(idx, ins),
            Family::Maps => self.lower_maps(idx, ins),
            Family::Bs => self.lower_bs(idx, ins),
            Family::Float => self.lower_float(idx, ins),
            Family::Msg => self.lower_msg(idx, ins),
            Family::None => {
                // The planner compiles functions with unsupported
                // instructions to a raising stub, so this is not reached.
                self.unsupported(ins.op);
                Flow::Stop
            }
        }
    }

    // ---- blocks and labels ----

    /// The block to branch to for label `l`: its block in this function, or
    /// the function_clause raiser.
    pub fn label_target(&mut self, l: u32) -> Block {
        let plan = &self.m.plans[self.fidx];
        if self.cover_cur.is_some() {
            if let Some(&p) = plan.label_pos.get(&l) {
                self.cover_edges
                    .push_str(&format!("{}{} ", self.cur_class as char, p + 1));
            }
        }
        if Some(l) == plan.func_info_label {
            return self.function_clause_block();
        }
        if let Some(&blk) = self.blocks.get(&l) {
            return blk;
        }
        if self.partial {
            if let Some(blk) = self.lazy_target(l) {
                return blk;
            }
        }
        let blk = self.b.create_block();
        self.blocks.insert(l, blk);
        self.queue.push(l);
        blk
    }

    /// Starts a fresh block after a conditional branch.
    pub fn new_block(&mut self) -> Block {
        self.b.create_block()
    }

    /// Branches to `fail_label`'s target when `cond` is zero (false).
    pub fn fail_unless(&mut self, cond: Value, fail_label: u32) {
        let fail = self.label_target(fail_label);
        let ok = self.new_block();
        self.b.ins().brif(cond, ok, &[], fail, &[]);
        self.b.switch_to_block(ok);
    }

    /// Branches to `fail_label`'s target when `cond` is non-zero.
    pub fn fail_if(&mut self, cond: Value, fail_label: u32) {
        let fail = self.label_target(fail_label);
        let ok = self.new_block();
        self.b.ins().brif(cond, fail, &[], ok, &[]);
        self.b.switch_to_block(ok);
    }

    // ---- operands ----

    /// The context pointer, read from the pinned register at each use so
    /// that no value holding it lives across a call.
    /// The context pointer (the pinned register). One read per block,
    /// reused by later accesses in it (fewer instructions for Cranelift
    /// to lower and allocate); a call ends the reuse (`call_rt_pure`), so
    /// the value never lives across one.
    pub fn ctx(&mut self) -> Value {
        let cur = self.b.current_block();
        if let (Some((blk, v)), Some(c)) = (self.ctx_cache, cur) {
            if blk == c {
                return v;
            }
        }
        let v = self.b.ins().get_pinned_reg(I64);
        self.ctx_cache = cur.map(|c| (c, v));
        v
    }

    /// sp, hp and reds. The optimised tier keeps them in SSA variables
    /// (registers), written to the context around runtime calls
    /// (`sync_out`/`sync_in`). The fast tier keeps them in the context:
    /// read where used (once per block), written where changed. Its code
    /// runs a few times before it tiers up, and the variables cost the
    /// compile far more: three block parameters on most blocks and a save
    /// and reload around every runtime call.
    pub fn get_sp(&mut self) -> Value {
        self.get_state(0)
    }
    pub fn get_hp(&mut self) -> Value {
        self.get_state(1)
    }
    pub fn get_reds(&mut self) -> Value {
        self.get_state(2)
    }
    pub fn set_sp(&mut self, v: Value) {
        self.set_state(0, v)
    }
    pub fn set_hp(&mut self, v: Value) {
        self.set_state(1, v)
    }
    pub fn set_reds(&mut self, v: Value) {
        self.set_state(2, v)
    }

    const STATE_OFFS: [i32; 3] = [offsets::SP, offsets::HP, offsets::REDS];

    fn state_var(&self, i: usize) -> Variable {
        [self.sp, self.hp, self.reds][i]
    }

    fn get_state(&mut self, i: usize) -> Value {
        if !self.mem_state {
            let var = self.state_var(i);
            return self.b.use_var(var);
        }
        let cur = self.b.current_block();
        if let (Some((blk, v)), Some(c)) = (self.state_cache[i], cur) {
            if blk == c {
                return v;
            }
        }
        let v = self.ctx_load(Self::STATE_OFFS[i]);
        self.state_cache[i] = cur.map(|c| (c, v));
        v
    }

    fn set_state(&mut self, i: usize, v: Value) {
        if !self.mem_state {
            let var = self.state_var(i);
            self.b.def_var(var, v);
            return;
        }
        self.ctx_store(Self::STATE_OFFS[i], v);
        self.state_cache[i] = self.b.current_block().map(|c| (c, v));
    }

    pub fn x_off(i: u32) -> i32 {
        offsets::X + 8 * i as i32
    }

    /// Reads X register `i`: from the cache if this straight-line region
    /// already has its value, else from the context.
    pub fn load_x(&mut self, i: u32) -> Value {
        if let Some(&v) = self.xcache.get(&i) {
            return v;
        }
        let ctxv = self.ctx();
        let v = self.b.ins().load(I64, mem(), ctxv, Self::x_off(i));
        self.xcache.insert(i, v);
        v
    }
    /// Writes X register `i` through to the context and caches the value;
    /// in an instruction that holds stores back (`xdefer_now`) only caches
    /// it, marked to be written by the next `xflush`.
    pub fn store_x(&mut self, i: u32, v: Value) {
        self.xcache.insert(i, v);
        self.xdirty.retain(|&(d, _)| d != i);
        if self.xdefer_now {
            self.xdirty.push((i, v));
            return;
        }
        let ctxv = self.ctx();
        self.b.ins().store(mem(), v, ctxv, Self::x_off(i));
    }

    /// Writes the held-back X registers below `live` to the context; those
    /// at or above it are dead (a call passes `live` arguments, a return
    /// one) and are forgotten.
    pub fn xflush(&mut self, live: u32) {
        if self.xdirty.is_empty() {
            return;
        }
        let mut dirty = std::mem::take(&mut self.xdirty);
        dirty.sort_unstable_by_key(|&(i, _)| i);
        for (i, v) in dirty {
            if i < live {
                let ctxv = self.ctx();
                self.b.ins().store(mem(), v, ctxv, Self::x_off(i));
            } else {
                self.xcache.remove(&i);
            }
        }
    }

    /// The X cache is valid only where every cached value dominates the
    /// current point and memory has not changed behind it: it is dropped at
    /// each BEAM label, after runtime calls (which may collect or write X
    /// registers), and restored at the join of a diamond whose arms do not
    /// write X registers.
    /// Held-back stores must have been written (`xflush`) before: a
    /// cleared cache means the context is the truth.
    pub fn xcache_clear(&mut self) {
        debug_assert!(self.xdirty.is_empty(), "X stores lost: {:?}", self.xdirty);
        self.xcache.clear();
    }
    /// The cache with its held-back stores, for the arms of a diamond:
    /// an arm that writes them (a runtime call) writes the same values,
    /// so at the join they are still to be written on the other path.
    pub fn xcache_snapshot(&self) -> XSnap {
        XSnap {
            vals: self.xcache.clone(),
            dirty: self.xdirty.clone(),
        }
    }
    pub fn xcache_restore(&mut self, snap: XSnap) {
        self.xcache = snap.vals;
        self.xdirty = snap.dirty;
    }
    /// Records that X register `i` holds `v`, in memory unless `dirty`.
    pub fn xcache_insert(&mut self, i: u32, v: Value, dirty: bool) {
        self.xcache.insert(i, v);
        self.xdirty.retain(|&(d, _)| d != i);
        if dirty {
            self.xdirty.push((i, v));
        }
    }
    pub fn load_y(&mut self, i: u32) -> Value {
        let sp = self.get_sp();
        self.b.ins().load(I64, mem(), sp, 8 * i as i32)
    }
    pub fn store_y(&mut self, i: u32, v: Value) {
        let sp = self.get_sp();
        self.b.ins().store(mem(), v, sp, 8 * i as i32);
    }
    pub fn ctx_load(&mut self, off: i32) -> Value {
        let ctxv = self.ctx();
        self.b.ins().load(I64, mem(), ctxv, off)
    }
    pub fn ctx_store(&mut self, off: i32, v: Value) {
        let ctxv = self.ctx();
        self.b.ins().store(mem(), v, ctxv, off);
    }
    pub fn iconst(&mut self, v: u64) -> Value {
        self.b.ins().iconst(I64, v as i64)
    }

    /// The value of symbol `s` plus `offset`: a run-dependent word, emitted
    /// as a relocated `movabs` (see `reloc.rs`) so that the code can be
    /// placed again in another run.
    pub fn sym(&mut self, s: Sym, offset: i64) -> Value {
        let idx = match self.sym_idx.get(&s) {
            Some(&i) => i,
            None => {
                let mut syms = self.m.syms.borrow_mut();
                syms.push(s.clone());
                let i = (syms.len() - 1) as u32;
                self.sym_idx.insert(s, i);
                i
            }
        };
        let gv = match self.sym_gvs.get(&(idx, offset)) {
            Some(g) => *g,
            None => {
                let r = self
                    .b
                    .func
                    .declare_imported_user_function(UserExternalName::new(SYM_NS, idx));
                let g = self.b.func.create_global_value(GlobalValueData::Symbol {
                    name: ExternalName::User(r),
                    offset: cranelift_codegen::ir::immediates::Imm64::new(offset),
                    colocated: false,
                    tls: false,
                });
                self.sym_gvs.insert((idx, offset), g);
                g
            }
        };
        self.b.ins().symbol_value(I64, gv)
    }

    /// A run-dependent word that is not a symbol: the function is not
    /// cached.
    pub fn pinned_const(&mut self, v: u64) -> Value {
        self.m.pinned.set(true);
        self.iconst(v)
    }

    /// Constant term `t`, the value of operand `op`.
    pub fn term_const(&mut self, op: &Operand, t: Term) -> Value {
        match crate::reloc::const_of(op, t) {
            Some(Const::Imm(v)) => self.iconst(v),
            Some(c) => self.sym(Sym::Term(c), 0),
            None => self.pinned_const(t.raw()),
        }
    }

    /// Location id `loc` (0: none) in the low 32 bits, flags such as
    /// `LOC_TAIL` above (the relocation's addend).
    pub fn loc_const(&mut self, loc: u64) -> Value {
        let flags = loc & !(u32::MAX as u64);
        match self.m.loc_key(loc as u32) {
            Some((f, l)) => self.sym(Sym::Loc(f, l), flags as i64),
            _ if loc as u32 == 0 => self.iconst(loc),
            _ => self.pinned_const(loc),
        }
    }

    /// The address of export entry `e`.
    pub fn export_const(&mut self, e: u64) -> Value {
        self.sym(Sym::Export(e as usize), 0)
    }

    /// The constant term an immediate or literal operand denotes, if any.
    pub fn const_term(&self, op: &Operand) -> Option<Term> {
        match op {
            Operand::Atom(a) => Some(self.m.atom(*a)),
            Operand::Nil => Some(NIL),
            Operand::Integer(_) | Operand::BigInt(_) | Operand::Char(_) | Operand::Literal(_) => {
                self.m.const_operand(op)
            }
            _ => None,
        }
    }

    /// Loads a source operand.
    pub fn get(&mut self, op: &Operand) -> Value {
        match op {
            Operand::X(i) => self.load_x(*i),
            Operand::Y(i) => self.load_y(*i),
            Operand::TypedReg { reg, .. } => self.get(reg),
            Operand::Literal(i) => match self.m.literals.get(*i as usize) {
                Some(Ok(t)) => {
                    let t = *t;
                    self.term_const(op, t)
                }
                Some(Err(kind)) => {
                    let kind = *kind;
                    self.unsupported_literal(kind)
                }
                None => self.iconst(NIL.raw()),
            },
            _ => {
                let t = self.const_term(op).unwrap_or(NIL);
                self.term_const(op, t)
            }
        }
    }

    /// Stores into a destination register.
    pub fn put(&mut self, op: &Operand, v: Value) {
        match op {
            Operand::X(i) => self.store_x(*i, v),
            Operand::Y(i) => self.store_y(*i, v),
            Operand::TypedReg { reg, .. } => self.put(reg, v),
            _ => {}
        }
    }

    // ---- leaving and entering ----

    /// Writes sp and hp to the context (before a runtime call that may
    /// allocate, collect or inspect the stack).
    pub fn sync_out(&mut self) {
        if self.mem_state {
            return; // the context has them
        }
        let sp = self.get_sp();
        let hp = self.get_hp();
        let reds = self.get_reds();
        self.ctx_store(offsets::SP, sp);
        self.ctx_store(offsets::HP, hp);
        self.ctx_store(offsets::REDS, reds);
    }
    /// Reloads sp, hp and reds after such a call. Reloading (rather than
    /// keeping them in registers across the call) means nothing lives
    /// across a runtime call, so entry points need no callee-saved
    /// registers and no register saves in their prologues.
    pub fn sync_in(&mut self) {
        if self.mem_state {
            self.state_cache = [None; 3];
            return;
        }
        let sp = self.ctx_load(offsets::SP);
        let hp = self.ctx_load(offsets::HP);
        let reds = self.ctx_load(offsets::REDS);
        self.set_sp(sp);
        self.set_hp(hp);
        self.set_reds(reds);
    }

    /// Calls a runtime function (C calling convention). The runtime may
    /// allocate (`Ctx::alloc` bumps `ctx.hp`), so sp/hp are written to the
    /// context before and hp is reloaded after.
    pub fn call_rt(&mut self, f: RtFn, args: &[Value]) -> Value {
        self.xflush(u32::MAX);
        self.sync_out();
        let r = self.call_rt_pure(f, args);
        self.sync_in();
        self.xcache_clear();
        r
    }

    /// `call_rt` with the context pointer as the first argument.
    pub fn call_rt_ctx(&mut self, f: RtFn, args: &[Value]) -> Value {
        let mut all = Vec::with_capacity(args.len() + 1);
        all.push(self.ctx());
        all.extend_from_slice(args);
        self.call_rt(f, &all)
    }

    /// Calls a runtime function that neither allocates nor looks at the
    /// process (comparisons, type tests).
    pub fn call_rt_pure(&mut self, f: RtFn, args: &[Value]) -> Value {
        let sig = match self.rt_sigs.get(&f.params) {
            Some(s) => *s,
            None => {
                let mut s = Signature::new(self.jm_call_conv());
                for _ in 0..f.params {
                    s.params.push(AbiParam::new(I64));
                }
                s.returns.push(AbiParam::new(I64));
                let r = self.b.import_signature(s);
                self.rt_sigs.insert(f.params, r);
                r
            }
        };
        let callee = match crate::reloc::code_sym(f) {
            Some(s) => self.sym(s, 0),
            None => self.pinned_const(f.addr as u64),
        };
        let call = self.b.ins().call_indirect(sig, callee, args);
        self.ctx_cache = None;
        self.state_cache = [None; 3];
        self.b.inst_results(call)[0]
    }

    fn jm_call_conv(&self) -> CallConv {
        use cranelift_module::Module;
        self.jm.isa().default_call_conv()
    }

    pub fn entry_sig(&mut self) -> SigRef {
        if let Some(s) = self.entry_sig {
            return s;
        }
        let s = self.b.import_signature(entry_signature(CallConv::Tail));
        self.entry_sig = Some(s);
        s
    }

    pub fn entry_blocks_len(&self) -> usize {
        self.entry_blocks.len()
    }
    pub fn entry_block(&mut self, e: usize) -> Block {
        self.need_entry(e);
        self.entry_blocks[e]
    }

    pub fn func_ref_pub(&mut self, id: FuncId) -> FuncRef {
        self.func_ref(id)
    }

    fn func_ref(&mut self, id: FuncId) -> FuncRef {
        if let Some(r) = self.func_refs.get(&id) {
            return *r;
        }
        let r = self.jm.declare_func_in_func(id, self.b.func);
        self.func_refs.insert(id, r);
        r
    }

    pub fn entry_args(&mut self) -> [Value; 3] {
        let sp = self.get_sp();
        let hp = self.get_hp();
        let reds = self.get_reds();
        [sp, hp, reds]
    }

    /// Tail-calls entry point `entry` of function `fidx` in this module; a
    /// call of the function's own body from its body is a loop.
    pub fn tail_call_entry(&mut self, fidx: usize, entry: usize) {
        self.xflush(u32::MAX);
        // (A unit's entry 0 is its label, not the body.)
        if fidx == self.fidx && !self.entry_blocks.is_empty() && self.unit_root.is_none() {
            self.need_entry(entry);
            let blk = self.entry_blocks[entry];
            self.b.ins().jump(blk, &[]);
            return;
        }
        // Fast-tier code (`tier.rs`) calls through the table, which
        // always holds the callee's current tier.
        let direct = !self.m.fast.get()
            && (entry != 0
                || self.m.table == 0
                || self.m.callable.borrow().get(fidx).copied().unwrap_or(true));
        if !direct {
            // Not compiled yet (`lazy.rs`): through the function table,
            // whose slot holds the module's lazy stub (with the function
            // index in the entry bits) until the callee is compiled, and
            // its address after.
            let t = self.sym(Sym::Table, 8 * fidx as i64);
            let v = self.b.ins().load(I64, mem(), t, 0);
            self.tail_call_addr(v);
            return;
        }
        let id = self.m.func_ids[fidx];
        let r = self.func_ref(id);
        let [sp, hp, reds] = self.entry_args();
        let e = self.iconst(entry as u64);
        self.b.ins().return_call(r, &[sp, hp, reds, e]);
    }

    /// The entry value (address and index, see `ENTRY_SHIFT`) of entry
    /// point `entry` of function `fidx`.
    pub fn entry_addr(&mut self, fidx: usize, entry: usize) -> Value {
        if fidx == self.fidx {
            self.need_entry(entry);
        }
        let id = self.m.self_id(fidx);
        let r = self.func_ref(id);
        let a = self.b.ins().func_addr(I64, r);
        if entry == 0 {
            a
        } else {
            self.b.ins().bor_imm_u(a, (entry as i64) << ENTRY_SHIFT)
        }
    }

    /// Tail-calls an entry value.
    pub fn tail_call_addr(&mut self, v: Value) {
        self.xflush(u32::MAX);
        let sig = self.entry_sig();
        let [sp, hp, reds] = self.entry_args();
        let addr = self.b.ins().band_imm_u(v, ADDR_MASK);
        let idx = self.b.ins().ushr_imm_u(v, ENTRY_SHIFT);
        self.b
            .ins()
            .return_call_indirect(sig, addr, &[sp, hp, reds, idx]);
    }

    /// Leaves native code with `code`, saving sp/hp/reds and, for
    /// YIELD/WAIT, where to resume and how many X registers are live.
    pub fn leave(&mut self, code: i64, resume: Option<Value>, live: u32) {
        self.xflush(u32::MAX);
        self.sync_out();
        if let Some(r) = resume {
            self.ctx_store(offsets::RESUME, r);
        }
        let l = self.iconst(live as u64);
        self.ctx_store(offsets::LIVE, l);
        let c = self.b.ins().iconst(I64, code);
        self.b.ins().return_(&[c]);
    }

    /// Fast-tier code (`tier.rs`): counts a body entry in the function's
    /// counter; below zero, goes to the lazy stub, which goes on to the
    /// function table's entry if that is no longer the fast-tier code (it
    /// was recompiled), else compiles the function optimised and continues
    /// there. One shared cold path: the check and the forward used to be
    /// here, 22 CLIF instructions in every fast-tier function.
    fn tier_count(&mut self) {
        let n = self.m.module.functions.len();
        let fi = self.fidx;
        let slot = crate::tier::counter_slot(n, fi) as i64;
        let ctr = self.sym(Sym::Table, 8 * slot);
        let c = self.b.ins().load(I64, mem(), ctr, 0);
        let c = self.b.ins().iadd_imm_s(c, -1);
        self.b.ins().store(mem(), c, ctr, 0);
        let hot = self.b.ins().icmp_imm_s(IntCC::SignedLessThan, c, 0);
        let up = self.new_block();
        let go = self.new_block();
        self.b.ins().brif(hot, up, &[], go, &[]);
        self.b.set_cold_block(up);
        self.b.switch_to_block(up);
        // The lazy stub tiers the function up, or (it tiered up already)
        // goes on to the table's entry (`tier.rs`).
        let st = self.sym(Sym::Table, 8 * crate::tier::stub_slot(n) as i64);
        let stub = self.b.ins().load(I64, mem(), st, 0);
        let sig = self.entry_sig();
        let [sp, hp, reds] = self.entry_args();
        let e = self.iconst(fi as u64);
        self.b
            .ins()
            .return_call_indirect(sig, stub, &[sp, hp, reds, e]);
        self.b.switch_to_block(go);
    }

    /// Decrements reductions at a function entry and yields at zero.
    fn reduction_check(&mut self, entry: usize) {
        let reds = self.get_reds();
        let r = self.b.ins().iadd_imm_s(reds, -1);
        self.set_reds(r);
        let out = self.b.ins().icmp_imm_s(IntCC::SignedLessThanOrEqual, r, 0);
        let yield_blk = self.new_block();
        let go = self.new_block();
        self.b.ins().brif(out, yield_blk, &[], go, &[]);
        self.b.set_cold_block(yield_blk);
        self.b.switch_to_block(yield_blk);
        let me = self.entry_addr(self.fidx, entry);
        let arity = self.m.module.functions[self.fidx].arity;
        // Tracing learns which function is entered (call tracing steps
        // from entry to entry through these yields; `proc::tracing`).
        let loc = self.loc(0) | girder_runtime::heap::ctx::TRACE_LOC_ENTRY;
        let l = self.loc_const(loc);
        self.ctx_store(offsets::TRACE_LOC, l);
        self.leave(status::YIELD, Some(me), arity);
        self.b.switch_to_block(go);
    }

    // ---- exceptions ----

    /// Location id for stack traces of instruction `idx`.
    pub fn loc(&self, idx: usize) -> u64 {
        self.m.loc_of(self.fidx, idx) as u64
    }

    /// Jumps to the shared raise path: the exception is already recorded
    /// in the context; `loc` says where it happened.
    pub fn raise(&mut self, loc: u64) {
        let l = self.loc_const(loc);
        self.raise_at(l);
    }

    /// Raises at the location value `l` (a `loc_const`).
    fn raise_at(&mut self, l: Value) {
        self.ctx_store(offsets::EXC_LOC, l);
        let blk = self.raise_block();
        self.b.ins().jump(blk, &[]);
    }

    /// A shared cold block with `n` I64 parameters, made once (`slot`).
    fn shared_cold_block(slot: &mut Option<Block>, b: &mut FunctionBuilder, n: usize) -> Block {
        if let Some(blk) = *slot {
            return blk;
        }
        let blk = b.create_block();
        for _ in 0..n {
            b.append_block_param(blk, I64);
        }
        b.set_cold_block(blk);
        *slot = Some(blk);
        blk
    }

    /// Jumps to the shared block resolving export `e` (a value) and
    /// tail-calling it, raising at `loc` if it cannot be resolved.
    pub(super) fn jump_resolve(&mut self, e: Value, loc: u64) {
        let l = self.loc_const(loc);
        let blk = Self::shared_cold_block(&mut self.resolve_block, &mut self.b, 2);
        self.b.ins().jump(blk, &[e.into(), l.into()]);
    }

    /// The shared raise path, emitted out of line by `emit_outlines`.
    fn raise_block(&mut self) -> Block {
        if let Some(b) = self.raise_block {
            return b;
        }
        let blk = self.b.create_block();
        self.b.set_cold_block(blk);
        self.raise_block = Some(blk);
        blk
    }

    /// Emits the out-of-line blocks that instructions referred to: entry
    /// tail-calls, the function_clause raiser and the raise path. Cranelift
    /// cannot switch away from a half-filled block, so they come last.
    fn emit_outlines(&mut self) {
        self.xcache_clear();
        if let Some(blk) = self.fc_block {
            self.b.switch_to_block(blk);
            self.raise_function_clause();
        }
        if let Some(blk) = self.resolve_block {
            self.b.switch_to_block(blk);
            let (e, l) = (self.b.block_params(blk)[0], self.b.block_params(blk)[1]);
            let addr = self.call_rt_ctx(crate::rt::resolve_export(), &[e]);
            self.on_non_value(addr, |s| s.raise_at(l));
            self.tail_call_addr(addr);
        }
        if let Some(blk) = self.bif_raise_block {
            self.b.switch_to_block(blk);
            let p = self.b.block_params(blk);
            let (e, args, l) = (p[0], p[1], p[2]);
            let c = self.ctx();
            self.call_rt(crate::rt::bif_frame(), &[c, e, args]);
            self.raise_at(l);
        }
        if let Some(blk) = self.raise_block {
            self.b.switch_to_block(blk);
            let addr = self.call_rt_ctx(crate::rt::handle_error(), &[]);
            self.tail_call_addr(addr);
        }
    }

    /// Branches to a cold arm that runs `raise` (which must not come back)
    /// when `v` is NON_VALUE; the fall-through sees the X cache as it was.
    pub(super) fn on_non_value(&mut self, v: Value, raise: impl FnOnce(&mut Self)) {
        let bad = self.b.ins().icmp_imm_s(IntCC::Equal, v, 0);
        let err = self.new_block();
        let ok = self.new_block();
        self.b.ins().brif(bad, err, &[], ok, &[]);
        self.b.set_cold_block(err);
        self.b.switch_to_block(err);
        let snap = self.xcache_snapshot();
        raise(self);
        self.xcache_restore(snap);
        self.b.switch_to_block(ok);
    }

    /// Raises if `v` is NON_VALUE (a BIF or runtime call that failed).
    pub fn raise_if_non_value(&mut self, v: Value, loc: u64) {
        self.on_non_value(v, |s| s.raise(loc));
    }

    /// Raises if the BIF result `v` is NON_VALUE, first recording the BIF's
    /// own frame `{M, F, Args, [ErrorInfo]}` as BEAM does for errors inside
    /// BIFs.
    pub fn raise_bif_if_non_value(&mut self, v: Value, loc: u64, export: u64, args_off: i32) {
        self.on_non_value(v, |s| s.raise_with_bif_frame(loc, export, args_off));
    }

    /// Records the frame of the BIF at `export` with its arguments at
    /// `args_off` in the context, then raises.
    /// (Through the function's shared block: this site only passes the
    /// export, the arguments' address and the location.)
    pub(super) fn raise_with_bif_frame(&mut self, loc: u64, export: u64, args_off: i32) {
        let e = self.export_const(export);
        let c = self.ctx();
        let args = self.b.ins().iadd_imm_s(c, args_off as i64);
        let l = self.loc_const(loc);
        let blk = Self::shared_cold_block(&mut self.bif_raise_block, &mut self.b, 3);
        self.b.ins().jump(blk, &[e.into(), args.into(), l.into()]);
    }

    fn function_clause_block(&mut self) -> Block {
        if let Some(b) = self.fc_block {
            return b;
        }
        let blk = self.b.create_block();
        self.b.set_cold_block(blk);
        self.fc_block = Some(blk);
        blk
    }

    fn raise_function_clause(&mut self) {
        let loc = self.m.function_loc(self.fidx) as u64;
        let l = self.loc_const(loc);
        self.ctx_store(offsets::EXC_LOC, l);
        self.call_rt_ctx(crate::rt::function_clause(), &[]);
        let blk = self.raise_block();
        self.b.ins().jump(blk, &[]);
    }

    /// Debug builds: abort with the BEAM location if the heap top has run
    /// past the stack pointer (a missing or short heap check).
    fn debug_check_heap(&mut self, idx: usize) {
        let sp = self.get_sp();
        let hp = self.get_hp();
        let bad = self.b.ins().icmp(IntCC::UnsignedGreaterThan, hp, sp);
        let fail = self.new_block();
        let ok = self.new_block();
        self.b.ins().brif(bad, fail, &[], ok, &[]);
        self.b.switch_to_block(fail);
        let loc = self.loc_const(self.loc(idx));
        let i = self.iconst(idx as u64);
        self.call_rt_pure(crate::rt::debug_overflow(), &[loc, i]);
        self.b.ins().jump(ok, &[]);
        self.b.switch_to_block(ok);
    }

    /// Raises `{girder_unsupported, {literal, Kind}}` here; returns a dummy
    /// value in a fresh (unreachable) block so lowering can go on.
    fn unsupported_literal(&mut self, kind: Term) -> Value {
        let k = self.pinned_const(kind.raw());
        self.call_rt_ctx(crate::rt::unsupported_literal(), &[k]);
        let loc = self.m.function_loc(self.fidx) as u64;
        self.raise(loc);
        let blk = self.new_block();
        self.b.switch_to_block(blk);
        self.iconst(NIL.raw())
    }

    pub fn unsupported(&mut self, op: Opcode) {
        let name = girder_runtime::term::atom::intern(op.name());
        let n = self.pinned_const(name.raw());
        self.call_rt_ctx(crate::rt::unsupported(), &[n]);
        let loc = self.m.function_loc(self.fidx) as u64;
        self.raise(loc);
    }
}

/// The X cache of one point, for the arms of a diamond (`xcache_snapshot`).
#[derive(Clone)]
pub struct XSnap {
    vals: HashMap<u32, Value>,
    dirty: Vec<(u32, Value)>,
}

impl XSnap {
    /// The cached registers, each with whether its store is held back.
    pub fn entries(&self) -> impl Iterator<Item = (u32, Value, bool)> + '_ {
        self.vals
            .iter()
            .map(|(&i, &v)| (i, v, self.dirty.contains(&(i, v))))
    }
}

pub fn label_of(ins: &Instr) -> u32 {
    match ins.args.first() {
        Some(Operand::Unsigned(l)) => *l as u32,
        _ => 0,
    }
}

pub fn label_arg(ins: &Instr, n: usize) -> u32 {
    match ins.args.get(n) {
        Some(Operand::Label(l)) => *l,
        _ => 0,
    }
}

pub fn uint_arg(ins: &Instr, n: usize) -> u64 {
    match ins.args.get(n) {
        Some(Operand::Unsigned(v)) => *v,
        Some(Operand::Integer(v)) => *v as u64,
        // A `u` beyond 64 bits (the loader allows it only as the bit count
        // of `bs_test_tail2`): saturate; no binary has u64::MAX bits left,
        // so the test fails as BEAM's `jump Fail` does.
        Some(Operand::UnsignedBig(_)) => u64::MAX,
        _ => 0,
    }
}

pub fn list_arg(ins: &Instr, n: usize) -> &[Operand] {
    match ins.args.get(n) {
        Some(Operand::List(v)) => v,
        _ => &[],
    }
}

impl<'b> FnLower<'_, 'b> {
    /// Finishes a function whose body was emitted directly (stubs).
    pub fn finish(mut self) -> FunctionBuilder<'b> {
        self.emit_outlines();
        self.b.seal_all_blocks();
        self.b
    }
}
