//! The bit syntax: `bs_create_bin`, `bs_init_writable` and the match
//! instructions of OTP 25 (`bs_start_match3/4`, `bs_get_*`, `bs_skip_*`,
//! `bs_test_*`, `bs_match_string`, `bs_get_tail`, `bs_get/set_position`).
//! All are calls into `runtime::native::bs`; allocating ones first make
//! room on the heap (collecting with their `Live` operand) so the runtime's
//! `Ctx::alloc` bumps the heap instead of carving fragments.

use super::{label_arg, list_arg, uint_arg, Flow, FnLower};
use cranelift_codegen::ir::{
    condcodes::IntCC, types::I64, InstBuilder, StackSlotData, StackSlotKind, Value,
};
use girder_loader::{ETerm, Instr, Opcode, Operand};
use girder_runtime::data::binary::bits::{F_LITTLE, F_NATIVE, F_SIGNED};
use girder_runtime::data::binary::build::{flag_bit, Seg, SegKind};
use girder_runtime::data::binary::matching::MATCH_RESULT_WORDS;

/// Words reserved before a `bs_create_bin` besides its `Alloc` operand:
/// the largest fixed-size result (a ProcBin plus a sub-binary, or a heap
/// binary of 64 bytes).
const CREATE_RESULT_WORDS: u64 = 16;

impl FnLower<'_, '_> {
    pub(super) fn lower_bs(&mut self, idx: usize, ins: &Instr) -> Flow {
        use Opcode::*;
        let loc = self.loc(idx);
        if let Some(flow) = self.lower_bs_inline(ins) {
            return flow;
        }
        match ins.op {
            BsCreateBin => self.bs_create_bin(loc, ins),
            BsInitWritable => {
                self.ensure_room(CREATE_RESULT_WORDS, 1);
                let hint = self.load_x(0);
                let r = self.call_rt_ctx(crate::rt::bs_init_writable(), &[hint]);
                self.store_x(0, r);
            }
            BsStartMatch3 | BsStartMatch4 => {
                // bs_start_match3 Fail Src Live Dst | bs_start_match4 Fail Live Src Dst
                let (src, live) = if ins.op == BsStartMatch3 {
                    (&ins.args[1], uint_arg(ins, 2))
                } else {
                    (&ins.args[2], uint_arg(ins, 1))
                };
                let r = self.bs_start_match_reuse(src, |s| {
                    s.ensure_room(MATCH_RESULT_WORDS, live);
                    let v = s.get(src);
                    let r = s.call_rt_ctx(crate::rt::bs_start_match(), &[v]);
                    s.bs_fail_if_zero(r, ins, loc);
                    r
                });
                self.put(&ins.args[3], r);
            }
            BsGetInteger2 | BsGetFloat2 | BsGetBinary2 => {
                // Fail Ctx Live Size Unit Flags Dst
                self.ensure_room(MATCH_RESULT_WORDS, uint_arg(ins, 2));
                let ms = self.get(&ins.args[1]);
                let size = self.get(&ins.args[3]);
                let uf = self.iconst(uint_arg(ins, 4) | uint_arg(ins, 5) << 32);
                let f = match ins.op {
                    BsGetInteger2 => crate::rt::bs_get_integer(),
                    BsGetFloat2 => crate::rt::bs_get_float(),
                    _ => crate::rt::bs_get_binary(),
                };
                let r = self.call_rt_ctx(f, &[ms, size, uf]);
                self.fail_unless_nonzero(r, label_arg(ins, 0));
                self.put(&ins.args[6], r);
            }
            BsSkipBits2 => {
                // Fail Ctx Size Unit Flags
                let ms = self.get(&ins.args[1]);
                let size = self.get(&ins.args[2]);
                let uf = self.iconst(uint_arg(ins, 3));
                let r = self.call_rt_pure(crate::rt::bs_skip_bits(), &[ms, size, uf]);
                self.fail_unless_nonzero(r, label_arg(ins, 0));
            }
            BsTestTail2 | BsTestUnit => {
                let ms = self.get(&ins.args[1]);
                let n = self.iconst(uint_arg(ins, 2));
                let f = if ins.op == BsTestTail2 {
                    crate::rt::bs_test_tail()
                } else {
                    crate::rt::bs_test_unit()
                };
                let r = self.call_rt_pure(f, &[ms, n]);
                self.fail_unless_nonzero(r, label_arg(ins, 0));
            }
            BsMatchString => {
                // Fail Ctx Bits Offset(into the string table)
                let bits = uint_arg(ins, 2) as usize;
                let off = uint_arg(ins, 3) as usize;
                let strings = &self.m.module.strings;
                let bytes = strings
                    .get(off..(off + bits.div_ceil(8)).min(strings.len()))
                    .unwrap_or(&[]);
                let mut owned = bytes.to_vec();
                owned.resize(bits.div_ceil(8), 0);
                let p = self.sym(crate::reloc::Sym::Bytes(owned), 0);
                let ms = self.get(&ins.args[1]);
                let n = self.iconst(bits as u64);
                let r = self.call_rt_pure(crate::rt::bs_match_string(), &[ms, p, n]);
                self.fail_unless_nonzero(r, label_arg(ins, 0));
            }
            BsGetTail => {
                // Ctx Dst Live
                self.ensure_room(MATCH_RESULT_WORDS, uint_arg(ins, 2));
                let ms = self.get(&ins.args[0]);
                let r = self.call_rt_ctx(crate::rt::bs_get_tail(), &[ms]);
                self.put(&ins.args[1], r);
            }
            BsGetPosition => {
                let ms = self.get(&ins.args[0]);
                let r = self.call_rt_pure(crate::rt::bs_get_position(), &[ms]);
                self.put(&ins.args[1], r);
            }
            BsSetPosition => {
                let ms = self.get(&ins.args[0]);
                let pos = self.get(&ins.args[1]);
                self.call_rt_pure(crate::rt::bs_set_position(), &[ms, pos]);
            }
            BsGetUtf8 | BsGetUtf16 | BsGetUtf32 | BsSkipUtf8 | BsSkipUtf16 | BsSkipUtf32 => {
                // get: Fail Ctx Live Flags Dst; skip: Fail Ctx Live Flags
                let kind: u64 = match ins.op {
                    BsGetUtf8 | BsSkipUtf8 => 8,
                    BsGetUtf16 | BsSkipUtf16 => 16,
                    _ => 32,
                };
                let ms = self.get(&ins.args[1]);
                let kf = self.iconst(kind | uint_arg(ins, 3) << 32);
                let r = self.call_rt_pure(crate::rt::bs_get_utf(), &[ms, kf]);
                self.fail_unless_nonzero(r, label_arg(ins, 0));
                if let Some(dst) = ins.args.get(4) {
                    self.put(dst, r);
                }
            }
            BsAdd => {
                // Fail S1 S2 Unit Dst (OTP 24 and older: sizing a binary
                // whose construction the loader turned into bs_create_bin)
                let s1 = self.get(&ins.args[1]);
                let s2 = self.get(&ins.args[2]);
                let unit = self.iconst(uint_arg(ins, 3));
                let r = self.call_rt_ctx(crate::rt::bs_add(), &[s1, s2, unit]);
                match label_arg(ins, 0) {
                    0 => self.raise_if_non_value(r, loc),
                    l => self.fail_unless_nonzero(r, l),
                }
                self.put(&ins.args[4], r);
            }
            BsUtf8Size | BsUtf16Size => {
                // Fail Src Dst: never fails (BEAM drops the label).
                let src = self.get(&ins.args[1]);
                let kind = self.iconst(if ins.op == BsUtf8Size { 8 } else { 16 });
                let r = self.call_rt_pure(crate::rt::bs_utf_size(), &[src, kind]);
                self.put(&ins.args[2], r);
            }
            _ => {
                self.unsupported(ins.op);
                return Flow::Stop;
            }
        }
        Flow::Next
    }

    /// Jumps to `fail` when `r` is 0.
    fn fail_unless_nonzero(&mut self, r: Value, fail: u32) {
        let ok = self.b.ins().icmp_imm_s(IntCC::NotEqual, r, 0);
        self.fail_unless(ok, fail);
    }

    /// `bs_start_match*` failure: to the fail label, or (`no_fail` /
    /// `resume`, which the compiler uses when the source is known to be a
    /// bitstring) a badarg that cannot happen.
    fn bs_fail_if_zero(&mut self, r: Value, ins: &Instr, loc: u64) {
        match ins.args.first() {
            Some(Operand::Label(l)) if *l != 0 => self.fail_unless_nonzero(r, *l),
            _ => {
                let bad = self.b.ins().icmp_imm_s(IntCC::Equal, r, 0);
                let err = self.new_block();
                let ok = self.new_block();
                self.b.ins().brif(bad, err, &[], ok, &[]);
                self.b.set_cold_block(err);
                self.b.switch_to_block(err);
                self.call_rt_ctx(crate::rt::bs_badarg(), &[]);
                self.raise(loc);
                self.b.switch_to_block(ok);
            }
        }
    }

    /// The segment list of a `bs_create_bin`, fixed at load time; `None`
    /// for an operand shape this lowering does not know.
    fn create_segs(&self, ops: &[Operand]) -> Option<Vec<Seg>> {
        let mut segs = Vec::new();
        for g in ops.chunks(6) {
            let [ty, seg_no, unit, flags, src, size] = g else {
                return None;
            };
            let Operand::Atom(a) = ty else {
                return None;
            };
            let kind = match girder_runtime::term::atom::name(self.m.atom(*a)) {
                "integer" => SegKind::Integer,
                "float" => SegKind::Float,
                "binary" => SegKind::Binary,
                "utf8" => SegKind::Utf8,
                "utf16" => SegKind::Utf16,
                "utf32" => SegKind::Utf32,
                "string" => SegKind::String,
                "append" => SegKind::Append,
                "private_append" => SegKind::PrivateAppend,
                _ => return None,
            };
            let unit = match unit {
                Operand::Unsigned(u) => *u as u32,
                Operand::Integer(u) => *u as u32,
                _ => 1,
            };
            // A literal list of flag atoms, or (segments the loader made
            // from OTP 24's bs_put_* instructions) their field-flag bits,
            // which are the runtime's own F_* bits.
            let mut fl = match flags {
                Operand::Unsigned(b) => *b as u32 & (F_LITTLE | F_SIGNED | F_NATIVE),
                _ => 0,
            };
            if let Operand::Literal(i) = flags {
                if let Some(ETerm::List(items, _)) = self.m.module.literals.get(*i as usize) {
                    for it in items {
                        if let ETerm::Atom(n) = it {
                            fl |= flag_bit(n);
                        }
                    }
                }
            }
            let mut bytes = Vec::new();
            if kind == SegKind::String {
                let (Operand::Unsigned(off), Operand::Integer(len)) = (src, size) else {
                    return None;
                };
                let (off, len) = (*off as usize, *len as usize);
                bytes = self.m.module.strings.get(off..off + len)?.to_vec();
            }
            let no = match seg_no {
                Operand::Unsigned(n) => *n as u32,
                Operand::Integer(n) => *n as u32,
                _ => 0,
            };
            segs.push(Seg {
                kind,
                no,
                unit,
                flags: fl,
                bytes,
            });
        }
        Some(segs)
    }

    /// `bs_create_bin Fail Alloc Live Unit Dst OpList`.
    fn bs_create_bin(&mut self, loc: u64, ins: &Instr) {
        let ops = list_arg(ins, 5);
        let segs = match self.create_segs(ops) {
            Some(s) => s,
            _ => {
                self.unsupported(ins.op);
                let blk = self.new_block();
                self.b.switch_to_block(blk);
                return;
            }
        };
        // The heap the code after it needs: a count, or an allocation
        // list (`{alloc, [{words, W}, {floats, F}]}`, as in OTP's dets_v9).
        let alloc = super::moves::heap_words(ins.args.get(1));
        self.ensure_room(alloc + CREATE_RESULT_WORDS, uint_arg(ins, 2));
        let inline = super::bs_append::append_plan(&segs, ops).map(|(private, fields)| {
            let slow = self.new_block();
            let join = self.new_block();
            let res = self.b.append_block_param(join, I64);
            let snap = self.xcache_snapshot();
            let r = self.bs_append_inline(&ops[4], private, &fields, slow);
            self.b.ins().jump(join, &[r.into()]);
            self.b.set_cold_block(slow);
            self.b.switch_to_block(slow);
            // Values the fast arm loaded do not dominate the slow arm.
            self.xcache_restore(snap.clone());
            (join, res, snap)
        });
        // The (source, size) pairs go to a slot in the native frame: the
        // runtime reads them in place, no copy out of the context.
        let slot = self.b.create_sized_stack_slot(StackSlotData::new(
            StackSlotKind::ExplicitSlot,
            16 * segs.len() as u32,
            3,
        ));
        for (i, g) in ops.chunks(6).enumerate() {
            let (src, size) = if segs[i].kind == SegKind::String {
                let nil = self.iconst(girder_runtime::term::NIL.raw());
                (nil, nil)
            } else {
                (self.get(&g[4]), self.get(&g[5]))
            };
            self.b.ins().stack_store(I64, src, slot, 16 * i as i32);
            self.b.ins().stack_store(I64, size, slot, 16 * i as i32 + 8);
        }
        let vals = self.b.ins().stack_addr(I64, slot, 0);
        let recs = segs.iter().map(crate::reloc::SegRec::of).collect();
        let desc = self.sym(crate::reloc::Sym::Desc(recs), 0);
        let r = self.call_rt_ctx(crate::rt::bs_create_bin(), &[desc, vals]);
        match label_arg(ins, 0) {
            0 => self.raise_if_non_value(r, loc),
            l => self.fail_unless_nonzero(r, l),
        }
        let r = match inline {
            Some((join, res, snap)) => {
                self.b.ins().jump(join, &[r.into()]);
                self.b.switch_to_block(join);
                // Neither arm writes X registers or collects.
                self.xcache_restore(snap);
                res
            }
            None => r,
        };
        self.put(&ins.args[4], r);
    }
}
