//! Inline fast path for `bs_create_bin` appending fixed-size integer
//! fields to an accumulator (`<<Acc/binary, X:8, Y:16/little>>`, and the
//! `private_append` of binary comprehensions). When the accumulator is the
//! writable end of a buffer with room, the bytes are stored directly and
//! the sub-binary updated (`private_append`: in place, as BEAM does;
//! `append`: a new sub-binary on the heap, the old one losing its
//! writable flag). Everything else — no room, a non-small value, a bit
//! position that is not byte aligned — takes the runtime call.
//!
//! Layouts (runtime `binary::layout`): sub-binary `[hdr] [bits] [offset]
//! [flags] [orig]`, ProcBin `[hdr] [bytes] [*BinBuf]`, `BinBuf { refc,
//! cap, used_bits, data }`.

use super::bs_inline::word_off;
use super::{mem, FnLower};
use cranelift_codegen::ir::{condcodes::IntCC, types, types::I64, Block, InstBuilder, Value};
use girder_loader::Operand;
use girder_runtime::data::binary::bits::{F_LITTLE, F_NATIVE};
use girder_runtime::data::binary::build::{Seg, SegKind};
use girder_runtime::data::binary::layout::{
    BIN_BUF_CAP_OFFSET, BIN_BUF_DATA_OFFSET, BIN_BUF_USED_OFFSET, SUB_BIN_WORDS, SUB_WRITABLE,
};
use girder_runtime::term::{
    make_header, HDR_REFC_BIN, HDR_SUB_BIN, HEADER_SUBTAG_MASK, TAG_IMMED1_MASK, TAG_IMMED1_SMALL,
    TAG_PRIMARY_BOXED,
};

/// One integer field of an inline append: its source operand, width in
/// bytes and byte order.
pub(super) struct Field<'o> {
    src: &'o Operand,
    bytes: u32,
    little: bool,
}

/// The fields of a `bs_create_bin` this path handles: a leading
/// append/private_append, then integer segments of constant width 8, 16,
/// 32 or 64 bits. Returns whether the append is private.
pub(super) fn append_plan<'o>(segs: &[Seg], ops: &'o [Operand]) -> Option<(bool, Vec<Field<'o>>)> {
    let private = match segs.first()?.kind {
        SegKind::Append => false,
        SegKind::PrivateAppend => true,
        _ => return None,
    };
    if segs.len() < 2 {
        return None;
    }
    let mut fields = Vec::new();
    for (seg, g) in segs.iter().zip(ops.chunks(6)).skip(1) {
        if seg.kind != SegKind::Integer {
            return None;
        }
        let Operand::Integer(size) = g[5] else {
            return None;
        };
        let bits = (size as u64).checked_mul(seg.unit as u64)?;
        if !matches!(bits, 8 | 16 | 32 | 64) {
            return None;
        }
        fields.push(Field {
            src: &g[4],
            bytes: bits as u32 / 8,
            little: seg.flags & F_LITTLE != 0
                || (seg.flags & F_NATIVE != 0 && cfg!(target_endian = "little")),
        });
    }
    Some((private, fields))
}

impl FnLower<'_, '_> {
    /// Emits the fast path: falls through with the result on success,
    /// branches to `slow` otherwise. The caller reserved heap room for a
    /// sub-binary.
    pub(super) fn bs_append_inline(
        &mut self,
        acc_op: &Operand,
        private: bool,
        fields: &[Field<'_>],
        slow: Block,
    ) -> Value {
        let total: i64 = fields.iter().map(|f| 8 * f.bytes as i64).sum();
        let acc = self.get(acc_op);
        let mut vals = Vec::new();
        // All sources small.
        for f in fields {
            let v = self.get(f.src);
            let tag = self.b.ins().band_imm_u(v, TAG_IMMED1_MASK as i64);
            let ok = self
                .b
                .ins()
                .icmp_imm_u(IntCC::Equal, tag, TAG_IMMED1_SMALL as i64);
            self.continue_if(ok, slow);
            vals.push(v);
        }
        // The accumulator: a writable sub-binary over a ProcBin...
        let tag = self.b.ins().band_imm_u(acc, 3);
        let boxed = self
            .b
            .ins()
            .icmp_imm_u(IntCC::Equal, tag, TAG_PRIMARY_BOXED as i64);
        self.continue_if(boxed, slow);
        let h = self.b.ins().load(I64, mem(), acc, word_off(0));
        let is_sub = self.b.ins().icmp_imm_u(
            IntCC::Equal,
            h,
            make_header(SUB_BIN_WORDS - 1, HDR_SUB_BIN) as i64,
        );
        self.continue_if(is_sub, slow);
        let flags = self.b.ins().load(I64, mem(), acc, word_off(3));
        let w = self.b.ins().band_imm_u(flags, SUB_WRITABLE as i64);
        self.continue_if(w, slow);
        let orig = self.b.ins().load(I64, mem(), acc, word_off(4));
        let oh = self.b.ins().load(I64, mem(), orig, word_off(0));
        let osub = self.b.ins().band_imm_u(oh, HEADER_SUBTAG_MASK as i64);
        let refc = self
            .b
            .ins()
            .icmp_imm_u(IntCC::Equal, osub, HDR_REFC_BIN as i64);
        self.continue_if(refc, slow);
        // ...whose end is the buffer's used end, byte aligned, with room.
        let bits = self.b.ins().load(I64, mem(), acc, word_off(1));
        let off = self.b.ins().load(I64, mem(), acc, word_off(2));
        let end = self.b.ins().iadd(off, bits);
        let buf = self.b.ins().load(I64, mem(), orig, word_off(2));
        let used = self
            .b
            .ins()
            .load(I64, mem(), buf, BIN_BUF_USED_OFFSET as i32);
        let at_end = self.b.ins().icmp(IntCC::Equal, used, end);
        self.continue_if(at_end, slow);
        let odd = self.b.ins().band_imm_u(end, 7);
        let aligned = self.b.ins().icmp_imm_u(IntCC::Equal, odd, 0);
        self.continue_if(aligned, slow);
        let cap = self
            .b
            .ins()
            .load(I64, mem(), buf, BIN_BUF_CAP_OFFSET as i32);
        let cap_bits = self.b.ins().ishl_imm_u(cap, 3);
        let new_end = self.b.ins().iadd_imm_s(end, total);
        let room = self
            .b
            .ins()
            .icmp(IntCC::UnsignedLessThanOrEqual, new_end, cap_bits);
        self.continue_if(room, slow);

        // Store the fields.
        let data = self
            .b
            .ins()
            .load(I64, mem(), buf, BIN_BUF_DATA_OFFSET as i32);
        let byte = self.b.ins().ushr_imm_u(end, 3);
        let p = self.b.ins().iadd(data, byte);
        let mut at = 0i32;
        let unaligned = cranelift_codegen::ir::MemFlagsData::new().with_notrap();
        for (f, v) in fields.iter().zip(vals) {
            let x = self.b.ins().sshr_imm_u(v, 4);
            let ty = match f.bytes {
                1 => types::I8,
                2 => types::I16,
                4 => types::I32,
                _ => types::I64,
            };
            let x = if ty == I64 {
                x
            } else {
                self.b.ins().ireduce(ty, x)
            };
            let x = if f.little || ty == types::I8 {
                x
            } else {
                self.b.ins().bswap(x)
            };
            self.b.ins().store(unaligned, x, p, at);
            at += f.bytes as i32;
        }
        self.b
            .ins()
            .store(mem(), new_end, buf, BIN_BUF_USED_OFFSET as i32);
        let nbytes = self.b.ins().ushr_imm_u(new_end, 3);
        self.b.ins().store(mem(), nbytes, orig, word_off(1));
        let nbits = self.b.ins().iadd_imm_s(bits, total);
        if private {
            self.b.ins().store(mem(), nbits, acc, word_off(1));
            return acc;
        }
        // `append`: the old value keeps its contents but can no longer be
        // appended to in place; the result is a new writable sub-binary.
        let cleared = self.b.ins().band_imm_u(flags, !SUB_WRITABLE as i64);
        self.b.ins().store(mem(), cleared, acc, word_off(3));
        let hp = self.get_hp();
        let hdr = self.iconst(make_header(SUB_BIN_WORDS - 1, HDR_SUB_BIN));
        self.b.ins().store(mem(), hdr, hp, 0);
        self.b.ins().store(mem(), nbits, hp, 8);
        self.b.ins().store(mem(), off, hp, 16);
        let wflag = self.iconst(SUB_WRITABLE);
        self.b.ins().store(mem(), wflag, hp, 24);
        self.b.ins().store(mem(), orig, hp, 32);
        let nhp = self.b.ins().iadd_imm_s(hp, 8 * SUB_BIN_WORDS as i64);
        self.set_hp(nhp);
        self.b.ins().iadd_imm_s(hp, TAG_PRIMARY_BOXED as i64)
    }

    /// Continues in a fresh block if `cond`, else branches to `other`.
    fn continue_if(&mut self, cond: Value, other: Block) {
        let next = self.new_block();
        self.b.ins().brif(cond, next, &[], other, &[]);
        self.b.switch_to_block(next);
    }
}
