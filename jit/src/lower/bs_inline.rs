//! Inline fast paths for the match instructions of the bit syntax. A
//! match loop (`<<X:8, Rest/binary>>`, binary comprehensions) runs
//! several of these per element; as runtime calls each costs a context
//! sync and an X-cache flush, which made such loops ~6× slower than
//! BeamAsm. Here the common shapes read the match state directly:
//! constant sizes, byte-aligned integer fields of 8/16/32 bits. Anything
//! else takes the runtime path in `bs.rs`.
//!
//! Match state layout (runtime `binary::layout`): `[hdr] [orig] [pos] [end]`,
//! positions in bits; `orig` is a heap binary (`[hdr] [n] [bytes...]`) or
//! a ProcBin (`[hdr] [n] [*BinBuf]`, bytes at `BinBuf::data`).

use super::{mem, Flow, FnLower};
use cranelift_codegen::ir::{
    condcodes::IntCC, types, types::I64, InstBuilder, MemFlagsData, Value,
};
use girder_loader::{Instr, Opcode, Operand};
use girder_runtime::data::binary::bits::{F_LITTLE, F_NATIVE, F_SIGNED};
use girder_runtime::data::binary::layout::BIN_BUF_DATA_OFFSET;
use girder_runtime::term::{
    HDR_HEAP_BIN, HDR_MATCHSTATE, HEADER_SUBTAG_MASK, TAG_IMMED1_SMALL, TAG_PRIMARY_BOXED,
};

/// Byte offset from a boxed term to payload word `i` of its object.
pub(super) const fn word_off(i: i32) -> i32 {
    8 * i - TAG_PRIMARY_BOXED as i32
}

impl FnLower<'_, '_> {
    /// Lowers `ins` inline if it has a fast path; `None` sends it to the
    /// general lowering.
    pub(super) fn lower_bs_inline(&mut self, ins: &Instr) -> Option<Flow> {
        use Opcode::*;
        match ins.op {
            BsGetInteger2 => self.bs_get_integer_inline(ins),
            BsSkipBits2 => self.bs_skip_inline(ins),
            BsTestTail2 => {
                let n = const_uint(ins.args.get(2)?)?;
                let (_, left) = self.ms_left(&ins.args[1]);
                let ok = self.b.ins().icmp_imm_u(IntCC::Equal, left, n as i64);
                self.fail_unless(ok, super::label_arg(ins, 0));
                Some(Flow::Next)
            }
            BsTestUnit => {
                let u = const_uint(ins.args.get(2)?)?;
                if !u.is_power_of_two() {
                    return None;
                }
                let (_, left) = self.ms_left(&ins.args[1]);
                let rest = self.b.ins().band_imm_u(left, (u - 1) as i64);
                let ok = self.b.ins().icmp_imm_u(IntCC::Equal, rest, 0);
                self.fail_unless(ok, super::label_arg(ins, 0));
                Some(Flow::Next)
            }
            BsGetPosition => {
                let ms = self.get(&ins.args[0]);
                let pos = self.b.ins().load(I64, mem(), ms, word_off(2));
                let t = self.b.ins().ishl_imm_u(pos, 4);
                let t = self.b.ins().bor_imm_u(t, TAG_IMMED1_SMALL as i64);
                self.put(&ins.args[1], t);
                Some(Flow::Next)
            }
            BsSetPosition => {
                let ms = self.get(&ins.args[0]);
                let p = self.get(&ins.args[1]);
                let pos = self.b.ins().ushr_imm_u(p, 4);
                self.b.ins().store(mem(), pos, ms, word_off(2));
                Some(Flow::Next)
            }
            _ => None,
        }
    }

    /// `bs_start_match3/4` when the source already is a match state (a
    /// match loop passing its context along): no call. Otherwise `slow`
    /// runs the general path and returns the new state.
    pub(super) fn bs_start_match_reuse(
        &mut self,
        src: &Operand,
        slow: impl FnOnce(&mut Self) -> Value,
    ) -> Value {
        let v = self.get(src);
        let join = self.new_block();
        let res = self.b.append_block_param(join, I64);
        let boxed_blk = self.new_block();
        let slow_blk = self.new_block();
        let tag = self.b.ins().band_imm_u(v, 3);
        let boxed = self
            .b
            .ins()
            .icmp_imm_u(IntCC::Equal, tag, TAG_PRIMARY_BOXED as i64);
        self.b.ins().brif(boxed, boxed_blk, &[], slow_blk, &[]);
        self.b.switch_to_block(boxed_blk);
        let h = self.b.ins().load(I64, mem(), v, word_off(0));
        let sub = self.b.ins().band_imm_u(h, HEADER_SUBTAG_MASK as i64);
        let is_ms = self
            .b
            .ins()
            .icmp_imm_u(IntCC::Equal, sub, HDR_MATCHSTATE as i64);
        self.b.ins().brif(is_ms, join, &[v.into()], slow_blk, &[]);
        self.b.set_cold_block(slow_blk);
        self.b.switch_to_block(slow_blk);
        let r = slow(self);
        self.b.ins().jump(join, &[r.into()]);
        self.b.switch_to_block(join);
        // The slow arm may have collected: X registers must be reloaded.
        self.xcache_clear();
        res
    }

    /// The match state in `op` and the bits left in it; also returns the
    /// state's position.
    fn ms_left(&mut self, op: &Operand) -> ((Value, Value), Value) {
        let ms = self.get(op);
        let pos = self.b.ins().load(I64, mem(), ms, word_off(2));
        let end = self.b.ins().load(I64, mem(), ms, word_off(3));
        let left = self.b.ins().isub(end, pos);
        ((ms, pos), left)
    }

    /// The address of the first byte of the binary a match state reads.
    fn ms_bytes(&mut self, ms: Value) -> Value {
        let orig = self.b.ins().load(I64, mem(), ms, word_off(1));
        let h = self.b.ins().load(I64, mem(), orig, word_off(0));
        let sub = self.b.ins().band_imm_u(h, HEADER_SUBTAG_MASK as i64);
        let heap = self
            .b
            .ins()
            .icmp_imm_u(IntCC::Equal, sub, HDR_HEAP_BIN as i64);
        let join = self.new_block();
        let p = self.b.append_block_param(join, I64);
        let refc = self.new_block();
        let on_heap = self.b.ins().iadd_imm_s(orig, word_off(2) as i64);
        self.b.ins().brif(heap, join, &[on_heap.into()], refc, &[]);
        self.b.switch_to_block(refc);
        let buf = self.b.ins().load(I64, mem(), orig, word_off(2));
        let data = self
            .b
            .ins()
            .load(I64, mem(), buf, BIN_BUF_DATA_OFFSET as i32);
        self.b.ins().jump(join, &[data.into()]);
        self.b.switch_to_block(join);
        p
    }

    /// `bs_skip_bits2 Fail Ctx Size Unit Flags` with a constant size.
    fn bs_skip_inline(&mut self, ins: &Instr) -> Option<Flow> {
        let size = const_uint(ins.args.get(2)?)?;
        let unit = const_uint(ins.args.get(3)?)?;
        let n = size.checked_mul(unit).filter(|&n| n < 1 << 40)?;
        let ((ms, pos), left) = self.ms_left(&ins.args[1]);
        let ok = self
            .b
            .ins()
            .icmp_imm_u(IntCC::UnsignedGreaterThanOrEqual, left, n as i64);
        self.fail_unless(ok, super::label_arg(ins, 0));
        let np = self.b.ins().iadd_imm_s(pos, n as i64);
        self.b.ins().store(mem(), np, ms, word_off(2));
        Some(Flow::Next)
    }

    /// `bs_get_integer2 Fail Ctx Live Size Unit Flags Dst` for a constant
    /// 8-, 16- or 32-bit field: the value is always a small, so nothing is
    /// allocated. A field that does not start on a byte boundary takes a
    /// runtime call (which cannot fail or allocate once the length is
    /// checked).
    fn bs_get_integer_inline(&mut self, ins: &Instr) -> Option<Flow> {
        let size = const_uint(ins.args.get(3)?)?;
        let unit = const_uint(ins.args.get(4)?)?;
        let flags = const_uint(ins.args.get(5)?)? as u32;
        let n = size.checked_mul(unit)?;
        let little = flags & (F_LITTLE | F_NATIVE) != 0 && cfg!(target_endian = "little")
            || flags & F_LITTLE != 0;
        let signed = flags & F_SIGNED != 0;
        let ty = match n {
            8 => types::I8,
            16 => types::I16,
            32 => types::I32,
            1..=16 if !little => return Some(self.bs_get_bits_inline(ins, n, signed)),
            _ => return None,
        };
        let ((ms, pos), left) = self.ms_left(&ins.args[1]);
        let ok = self
            .b
            .ins()
            .icmp_imm_u(IntCC::UnsignedGreaterThanOrEqual, left, n as i64);
        self.fail_unless(ok, super::label_arg(ins, 0));

        let join = self.new_block();
        let res = self.b.append_block_param(join, I64);
        let fast = self.new_block();
        let slow = self.new_block();
        let bit = self.b.ins().band_imm_u(pos, 7);
        self.b.ins().brif(bit, slow, &[], fast, &[]);

        self.b.switch_to_block(fast);
        let base = self.ms_bytes(ms);
        let byte = self.b.ins().ushr_imm_u(pos, 3);
        let addr = self.b.ins().iadd(base, byte);
        let raw = self
            .b
            .ins()
            .load(ty, MemFlagsData::new().with_notrap(), addr, 0);
        let raw = if little || ty == types::I8 {
            raw
        } else {
            self.b.ins().bswap(raw)
        };
        let v = if signed {
            self.b.ins().sextend(I64, raw)
        } else {
            self.b.ins().uextend(I64, raw)
        };
        let t = self.b.ins().ishl_imm_u(v, 4);
        let t = self.b.ins().bor_imm_u(t, TAG_IMMED1_SMALL as i64);
        let np = self.b.ins().iadd_imm_s(pos, n as i64);
        self.b.ins().store(mem(), np, ms, word_off(2));
        self.b.ins().jump(join, &[t.into()]);

        self.b.set_cold_block(slow);
        self.b.switch_to_block(slow);
        let c = self.ctx();
        let sz = self.get(&ins.args[3]);
        let uf = self.iconst(unit | (flags as u64) << 32);
        // No sync: a field of at most 32 bits never allocates.
        let r = self.call_rt_pure(crate::rt::bs_get_integer(), &[c, ms, sz, uf]);
        self.b.ins().jump(join, &[r.into()]);

        self.b.switch_to_block(join);
        self.put(&ins.args[6], res);
        Some(Flow::Next)
    }
}

impl FnLower<'_, '_> {
    /// `bs_get_integer2` for a constant big-endian field of 1 to 16 bits
    /// at any bit position (bit fields, varint flags): it lies within the
    /// three bytes from the one holding its first bit, which are read
    /// without touching a byte past the field's last (the third read is
    /// the last byte itself, a repeat when the field spans fewer bytes;
    /// a repeat only lands in bits the shift drops).
    fn bs_get_bits_inline(&mut self, ins: &Instr, n: u64, signed: bool) -> Flow {
        let ((ms, pos), left) = self.ms_left(&ins.args[1]);
        let ok = self
            .b
            .ins()
            .icmp_imm_u(IntCC::UnsignedGreaterThanOrEqual, left, n as i64);
        self.fail_unless(ok, super::label_arg(ins, 0));
        let base = self.ms_bytes(ms);
        let first = self.b.ins().ushr_imm_u(pos, 3);
        let end = self.b.ins().iadd_imm_s(pos, n as i64 - 1);
        let last = self.b.ins().ushr_imm_u(end, 3);
        let flags = MemFlagsData::new().with_notrap();
        let at = |l: &mut Self, idx: Value| {
            let a = l.b.ins().iadd(base, idx);
            let b = l.b.ins().uload8(I64, flags, a, 0);
            b
        };
        let b0 = at(self, first);
        // The window: 16 bits (byte `first`, then `last`) for fields of up
        // to 8 bits, which span at most two bytes; 24 bits (`first`, the
        // next one, `last`) for longer ones, which span two or three.
        let (window, w) = if n <= 8 {
            let bl = at(self, last);
            let hi = self.b.ins().ishl_imm_u(b0, 8);
            (self.b.ins().bor(hi, bl), 16)
        } else {
            let next = self.b.ins().iadd_imm_s(first, 1);
            let b1 = at(self, next);
            let bl = at(self, last);
            let hi = self.b.ins().ishl_imm_u(b0, 16);
            let mid = self.b.ins().ishl_imm_u(b1, 8);
            let hm = self.b.ins().bor(hi, mid);
            (self.b.ins().bor(hm, bl), 24)
        };
        // The field's bits end `w - (pos & 7) - n` bits above the window's
        // bottom: shift them down, then keep (or sign-extend) `n` bits by
        // moving them to the top of the word and back.
        let off = self.b.ins().band_imm_u(pos, 7);
        let span = self.iconst((w - n as i64) as u64);
        let sh = self.b.ins().isub(span, off);
        let v = self.b.ins().ushr(window, sh);
        let top = self.b.ins().ishl_imm_u(v, 64 - n as i64);
        let v = if signed {
            self.b.ins().sshr_imm_u(top, 64 - n as i64)
        } else {
            self.b.ins().ushr_imm_u(top, 64 - n as i64)
        };
        let t = self.b.ins().ishl_imm_u(v, 4);
        let t = self.b.ins().bor_imm_u(t, TAG_IMMED1_SMALL as i64);
        let np = self.b.ins().iadd_imm_s(pos, n as i64);
        self.b.ins().store(mem(), np, ms, word_off(2));
        self.put(&ins.args[6], t);
        Flow::Next
    }
}

/// A constant non-negative integer operand.
fn const_uint(op: &Operand) -> Option<u64> {
    match op {
        Operand::Unsigned(u) => Some(*u),
        Operand::Integer(i) if *i >= 0 => Some(*i as u64),
        _ => None,
    }
}
