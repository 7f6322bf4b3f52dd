//! Inline fast paths for arithmetic BIFs on small integers. Both operands
//! small and no overflow: a few instructions; anything else falls back to
//! the BIF (bignums, floats, errors).

use super::FnLower;
use cranelift_codegen::ir::{condcodes::IntCC, types::I64, InstBuilder, Value};
use girder_loader::Operand;
use girder_runtime::term::TAG_IMMED1_SMALL;

#[derive(Clone, Copy)]
enum Op {
    Add,
    Sub,
    Band,
    Bor,
    Bxor,
    Rem,
    Div,
    Mul,
    Bsr,
}

impl FnLower<'_, '_> {
    /// Emits an inline fast path for `imp` if it has one; returns false
    /// if the caller must emit the plain BIF call.
    pub(super) fn inline_bif(
        &mut self,
        idx: usize,
        imp: usize,
        args: &[&Operand],
        fail: u32,
        dst: &Operand,
    ) -> bool {
        let Some(i) = self.m.imports.get(imp) else {
            return false;
        };
        let Some(bif) = i.bif else {
            return false;
        };
        if i.export.module != girder_runtime::term::atom::am::ERLANG || args.len() != 2 {
            return false;
        }
        let op = match girder_runtime::term::atom::name(i.export.function) {
            "+" => Op::Add,
            "-" => Op::Sub,
            "band" => Op::Band,
            "bor" => Op::Bor,
            "bxor" => Op::Bxor,
            "rem" => Op::Rem,
            "div" => Op::Div,
            "*" => Op::Mul,
            "bsr" => Op::Bsr,
            _ => return false,
        };
        let a = self.get(args[0]);
        let b = self.get(args[1]);
        // A constant small operand needs no tag test of its own.
        let ca = self.const_term(args[0]).filter(|t| t.is_small());
        let cb = self.const_term(args[1]).filter(|t| t.is_small());
        let both = match (ca, cb) {
            (Some(_), None) => b,
            (None, Some(_)) => a,
            _ => self.b.ins().band(a, b),
        };
        let tags = self.b.ins().band_imm_u(both, 0xF);
        let small = self
            .b
            .ins()
            .icmp_imm_s(IntCC::Equal, tags, TAG_IMMED1_SMALL as i64);
        let fast = self.new_block();
        let slow = self.new_block();
        let join = self.new_block();
        let res = self.b.append_block_param(join, I64);
        self.b.ins().brif(small, fast, &[], slow, &[]);

        self.b.switch_to_block(fast);
        let r = match op {
            Op::Add | Op::Sub => {
                let tag = TAG_IMMED1_SMALL as i64;
                let (r, of) = if let (Op::Add, Some(c)) = (op, cb.or(ca)) {
                    // X + C and C + X: add C's untagged word.
                    let other = if cb.is_some() { a } else { b };
                    let k = self.iconst((c.raw() as i64 - tag) as u64);
                    self.b.ins().sadd_overflow(other, k)
                } else if let (Op::Sub, Some(c)) = (op, cb) {
                    let k = self.iconst((c.raw() as i64 - tag) as u64);
                    self.b.ins().ssub_overflow(a, k)
                } else if let Op::Add = op {
                    let untagged = self.b.ins().iadd_imm_s(a, -tag);
                    self.b.ins().sadd_overflow(untagged, b)
                } else {
                    let d = self.b.ins().ssub_overflow(a, b);
                    let r = self.b.ins().iadd_imm_s(d.0, TAG_IMMED1_SMALL as i64);
                    (r, d.1)
                };
                let ok = self.new_block();
                self.b.ins().brif(of, slow, &[], ok, &[]);
                self.b.switch_to_block(ok);
                r
            }
            // Tag bits are all ones in both, so and/or keep them; xor
            // clears them and they are put back.
            Op::Band => self.b.ins().band(a, b),
            Op::Bor => self.b.ins().bor(a, b),
            Op::Bxor => {
                let x = self.b.ins().bxor(a, b);
                self.b.ins().bor_imm_u(x, TAG_IMMED1_SMALL as i64)
            }
            // Untagged product; overflow of i64 or of the 60-bit small range
            // takes the slow path (a bignum).
            Op::Mul => {
                // A constant operand is untagged at compile time.
                let x = match ca {
                    Some(c) => self.iconst(c.small_value() as u64),
                    None => self.b.ins().sshr_imm_u(a, 4),
                };
                let y = match cb {
                    Some(c) => self.iconst(c.small_value() as u64),
                    None => self.b.ins().sshr_imm_u(b, 4),
                };
                let (p, of) = self.b.ins().smul_overflow(x, y);
                let t = self.b.ins().ishl_imm_u(p, 4);
                let back = self.b.ins().sshr_imm_u(t, 4);
                let lost = self.b.ins().icmp(IntCC::NotEqual, back, p);
                let bad = self.b.ins().bor(of, lost);
                let ok = self.new_block();
                self.b.ins().brif(bad, slow, &[], ok, &[]);
                self.b.switch_to_block(ok);
                self.b.ins().bor_imm_u(t, TAG_IMMED1_SMALL as i64)
            }
            // Arithmetic shift right by 0..=63 (larger or negative counts
            // take the slow path).
            Op::Bsr => {
                let y = self.b.ins().sshr_imm_u(b, 4);
                let bad = self.b.ins().icmp_imm_u(IntCC::UnsignedGreaterThan, y, 63);
                let ok = self.new_block();
                self.b.ins().brif(bad, slow, &[], ok, &[]);
                self.b.switch_to_block(ok);
                let x = self.b.ins().sshr_imm_u(a, 4);
                let r = self.b.ins().sshr(x, y);
                let t = self.b.ins().ishl_imm_u(r, 4);
                self.b.ins().bor_imm_u(t, TAG_IMMED1_SMALL as i64)
            }
            // Untagged operands; a zero divisor (badarith) and
            // MIN_SMALL div -1 (a bignum) take the slow path. `srem` and
            // `sdiv` truncate toward zero, as Erlang's rem and div do.
            Op::Rem | Op::Div => {
                let x = self.b.ins().sshr_imm_u(a, 4);
                let y = self.b.ins().sshr_imm_u(b, 4);
                let zero = self.b.ins().icmp_imm_s(IntCC::Equal, y, 0);
                let minus1 = self.b.ins().icmp_imm_s(IntCC::Equal, y, -1);
                let bad = self.b.ins().bor(zero, minus1);
                let ok = self.new_block();
                self.b.ins().brif(bad, slow, &[], ok, &[]);
                self.b.switch_to_block(ok);
                let q = if let Op::Rem = op {
                    self.b.ins().srem(x, y)
                } else {
                    self.b.ins().sdiv(x, y)
                };
                let t = self.b.ins().ishl_imm_u(q, 4);
                self.b.ins().bor_imm_u(t, TAG_IMMED1_SMALL as i64)
            }
        };
        self.b.ins().jump(join, &[r.into()]);

        if !self.typed_float(args) {
            self.b.set_cold_block(slow);
        }
        self.b.switch_to_block(slow);
        // BIFs neither collect nor write X registers, so the cache from
        // before the branch is still right at the join.
        let snap = self.xcache_snapshot();
        let fop = match op {
            Op::Add => Some(b'+'),
            Op::Sub => Some(b'-'),
            Op::Mul => Some(b'*'),
            _ => None,
        };
        // (Fast-tier code, cold by definition, inlines only typed floats.)
        let inline_float = !self.m.fast.get() || self.typed_float(args);
        if let Some(fop) = fop.filter(|_| ca.is_none() && cb.is_none() && inline_float) {
            // Two floats (mandelbrot's `Zr2 + Zi2`): inline, no BIF call.
            let bif_blk = self.new_block();
            self.float_hot = self.typed_float(args);
            let t = self.float_arith_or(fop, a, b, bif_blk);
            self.float_hot = false;
            self.b.ins().jump(join, &[t.into()]);
            self.b.switch_to_block(bif_blk);
        }
        self.b
            .set_cold_block(self.b.current_block().unwrap_or(slow));
        // BEAM turns `X + Int`, `Int + X` and `X - Int` into an increment
        // instruction whose failure has no `erlang:'+'/2` frame.
        let int = |o: &Operand| matches!(o, Operand::Integer(_));
        let increment = match op {
            Op::Add => int(args[0]) || int(args[1]),
            Op::Sub => int(args[1]),
            _ => false,
        };
        let v = self.slow_bif(idx, imp, bif, a, b, fail, !increment);
        self.b.ins().jump(join, &[v.into()]);

        self.b.switch_to_block(join);
        self.xcache_restore(snap);
        self.put(dst, res);
        true
    }

    #[allow(clippy::too_many_arguments)]
    fn slow_bif(
        &mut self,
        idx: usize,
        imp: usize,
        f: girder_runtime::code::export::BifFn,
        a: Value,
        b: Value,
        fail: u32,
        bif_frame: bool,
    ) -> Value {
        self.bif_with_values(idx, imp, f, &[a, b], fail, bif_frame)
    }
}
