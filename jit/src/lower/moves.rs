//! Register moves, stack frames and heap reservation: `move swap
//! init_yregs allocate* deallocate trim test_heap`.

use super::{list_arg, uint_arg, Flow, FnLower};
use cranelift_codegen::ir::{condcodes::IntCC, types::I64, BlockArg, InstBuilder, Value};
use girder_loader::{Instr, Opcode, Operand};
use girder_runtime::term::NIL;

/// Words an allocation operand asks for: a plain count, or an allocation
/// list of words, floats (2 words each) and funs.
pub fn heap_words(op: Option<&Operand>) -> u64 {
    match op {
        Some(Operand::Unsigned(n)) => *n,
        Some(Operand::AllocList(items)) => items
            .iter()
            .map(|&(kind, n)| match kind {
                0 => n as u64,
                1 => 2 * n as u64,
                _ => 0,
            })
            .sum(),
        _ => 0,
    }
}

/// Whether optimised code holds X register stores back (`store_x`);
/// `GIRDER_XDEFER=0` writes every store through (for comparing the two).
pub fn defer_enabled() -> bool {
    static ON: std::sync::OnceLock<bool> = std::sync::OnceLock::new();
    *ON.get_or_init(|| std::env::var("GIRDER_XDEFER").map_or(true, |v| v != "0"))
}

impl FnLower<'_, '_> {
    pub(super) fn lower_move(&mut self, idx: usize, ins: &Instr) -> Flow {
        match ins.op {
            Opcode::Move => {
                let v = self.get(&ins.args[0]);
                self.put(&ins.args[1], v);
            }
            Opcode::Swap => {
                let a = self.get(&ins.args[0]);
                let b = self.get(&ins.args[1]);
                self.put(&ins.args[0], b);
                self.put(&ins.args[1], a);
            }
            // `init Y` (code compiled for older releases): one Y register.
            Opcode::Init => {
                let nil = self.iconst(NIL.raw());
                self.put(&ins.args[0], nil);
            }
            Opcode::InitYregs => {
                let nil = self.iconst(NIL.raw());
                for y in list_arg(ins, 0) {
                    self.put(y, nil);
                }
            }
            Opcode::Allocate | Opcode::AllocateZero => {
                let n = uint_arg(ins, 0);
                let live = uint_arg(ins, 1);
                self.ensure_room(n, live);
                let written = self.ys_written_next(idx);
                self.push_frame(n, &written);
            }
            Opcode::AllocateHeap | Opcode::AllocateHeapZero => {
                let n = uint_arg(ins, 0);
                let h = heap_words(ins.args.get(1));
                let live = uint_arg(ins, 2);
                self.ensure_room(n + h, live);
                let written = self.ys_written_next(idx);
                self.push_frame(n, &written);
            }
            Opcode::Deallocate | Opcode::Trim => {
                let n = uint_arg(ins, 0);
                self.pop_words(n);
            }
            Opcode::TestHeap => {
                let h = heap_words(ins.args.first());
                let live = uint_arg(ins, 1);
                self.ensure_room(h, live);
            }
            _ => unreachable!(),
        }
        Flow::Next
    }

    /// Makes sure `words` words are free between the heap top and the stack
    /// pointer, collecting garbage (with `live` X registers as roots) if not.
    /// One word more is always kept free: the continuation a later `call`
    /// pushes without a check of its own.
    pub fn ensure_room(&mut self, words: u64, live: u64) {
        let words = words + 1;
        let sp = self.get_sp();
        let hp = self.get_hp();
        let free = self.b.ins().isub(sp, hp);
        let short = self
            .b
            .ins()
            .icmp_imm_s(IntCC::UnsignedLessThan, free, (words * 8) as i64);
        let gc = self.new_block();
        let done = self.new_block();
        // The X registers this region has cached and the GC keeps (below
        // `live`) stay cached: the collection path reloads them (they may
        // have moved) and both paths meet with them as block parameters,
        // so the code after a heap check does not read them again.
        // Held-back stores of registers the GC keeps are still held back
        // after the check on the fast path (the collection path writes
        // them before collecting); those above `live` are dead.
        let mut keep: Vec<(u32, Value, bool)> = self
            .xcache_snapshot()
            .entries()
            .filter(|&(i, _, _)| u64::from(i) < live)
            .collect();
        keep.sort_unstable_by_key(|&(i, _, _)| i);
        let params: Vec<Value> = keep
            .iter()
            .map(|_| self.b.append_block_param(done, I64))
            .collect();
        let fast_args: Vec<BlockArg> = keep.iter().map(|&(_, v, _)| v.into()).collect();
        self.b.ins().brif(short, gc, &[], done, &fast_args);
        self.b.set_cold_block(gc);
        self.b.switch_to_block(gc);
        let w = self.iconst(words);
        let l = self.iconst(live);
        self.call_rt_ctx(crate::rt::gc(), &[w, l]);
        let reloaded: Vec<BlockArg> = keep
            .iter()
            .map(|&(i, _, _)| self.load_x(i).into())
            .collect();
        self.b.ins().jump(done, &reloaded);
        self.b.switch_to_block(done);
        self.xcache_clear();
        for (&(i, _, dirty), &p) in keep.iter().zip(&params) {
            self.xcache_insert(i, p, dirty);
        }
    }

    /// Pushes a frame of `n` Y registers. Slots are initialised with NIL
    /// so the GC and the exception unwinder never see stale words, except
    /// the ones in `written`, which the next instructions overwrite before
    /// anything can look at the stack.
    fn push_frame(&mut self, n: u64, written: &[u32]) {
        let sp = self.get_sp();
        let nsp = self.b.ins().iadd_imm_s(sp, -8 * n as i64);
        self.set_sp(nsp);
        // NIL made only if a slot needs it (often the moves after write
        // every one): an unused constant still costs the compile.
        let mut nil = None;
        for i in 0..n {
            if !written.contains(&(i as u32)) {
                let v = *nil.get_or_insert_with(|| self.iconst(NIL.raw()));
                self.b.ins().store(super::mem(), v, nsp, 8 * i as i32);
            }
        }
    }

    /// Y registers that the plain moves (and `init_yregs`) right after
    /// instruction `idx` write (neither can collect, raise or read the
    /// stack).
    fn ys_written_next(&self, idx: usize) -> Vec<u32> {
        let mut out = Vec::new();
        let instrs = &self.m.module.functions[self.fidx].instrs;
        for ins in instrs.iter().skip(idx + 1) {
            match (ins.op, ins.args.get(1)) {
                (Opcode::Move, Some(Operand::Y(y))) => out.push(*y),
                (Opcode::Move, _) => {}
                (Opcode::InitYregs, _) => {
                    out.extend(list_arg(ins, 0).iter().filter_map(|y| match y {
                        Operand::Y(y) => Some(*y),
                        _ => None,
                    }))
                }
                _ => break,
            }
        }
        out
    }

    /// Whether instruction `idx` may leave X register stores held back
    /// (`store_x`, optimised tier): it writes X registers only through
    /// `put`/`store_x`, reads them only through `get`/`load_x`, and each
    /// of its paths either writes the held-back stores before leaving the
    /// instruction's own blocks (a runtime call, a call, a return: `xflush`)
    /// or meets the others again with the cache as it was (snapshots). Any
    /// other instruction finds them written first.
    pub(super) fn defers_stores(&self, idx: usize, ins: &Instr) -> bool {
        use Opcode::*;
        match ins.op {
            Move | Swap | Init | InitYregs | Allocate | AllocateZero | AllocateHeap
            | AllocateHeapZero | Deallocate | Trim | TestHeap | GetList | GetHd | GetTl
            | GetTupleElement | PutList | PutTuple2 | Line | Call | CallOnly | CallLast
            | Return | Bif0 | Bif1 | Bif2 => true,
            // Not the stepping ones (`bif_step.rs`), which yield.
            GcBif1 | GcBif2 | GcBif3 => !self.m.plans[self.fidx].bif_steps.contains_key(&idx),
            _ => false,
        }
    }

    pub fn pop_words(&mut self, n: u64) {
        if n == 0 {
            return;
        }
        let sp = self.get_sp();
        let nsp = self.b.ins().iadd_imm_s(sp, 8 * n as i64);
        self.set_sp(nsp);
    }
}
