//! Float instructions: `fmove fconv fadd fsub fmul fdiv fnegate` (and the
//! pre-OTP-24 `fclearerror`/`fcheckerror`, which are no-ops here because
//! every operation checks its own result, as BeamAsm does).
//!
//! Float registers are Cranelift `f64` variables, not memory: the compiler
//! never keeps a float register live across a call, a receive or an
//! exception handler, i.e. across anything that is a separate entry point,
//! so a variable of the entry's Cranelift function is enough. A register
//! read before any write in an entry (impossible in compiler output) reads
//! 0.0, which Cranelift supplies for an undefined variable.
//!
//! Semantics (BeamAsm's instr_float.cpp): arithmetic results whose absolute
//! value is above DBL_MAX or that are NaN raise `badarith` at the
//! instruction; `fnegate` is `0.0 - x` (so `-(0.0)` is `0.0`); `fconv`
//! converts a small, bignum or float and raises `badarith` for anything
//! else or a bignum beyond the double range.

use super::{label_arg, mem, Flow, FnLower};
use cranelift_codegen::ir::condcodes::{FloatCC, IntCC};
use cranelift_codegen::ir::types::{F64, I64};
use cranelift_codegen::ir::{InstBuilder, MemFlagsData, Value};
use cranelift_frontend::Variable;
use girder_loader::{Instr, Opcode, Operand};
use girder_runtime::term::{
    make_header, HDR_FLOAT, TAG_IMMED1_MASK, TAG_IMMED1_SMALL, TAG_PRIMARY_BOXED, TAG_PRIMARY_MASK,
};

/// The header word of a float object.
const FLOAT_HEADER: u64 = make_header(1, HDR_FLOAT);

#[derive(Clone, Copy)]
enum BinOp {
    Add,
    Sub,
    Mul,
    Div,
}

impl FnLower<'_, '_> {
    pub(super) fn lower_float(&mut self, idx: usize, ins: &Instr) -> Flow {
        match ins.op {
            Opcode::Fclearerror | Opcode::Fcheckerror => {}
            Opcode::Fmove => self.fmove(&ins.args[0], &ins.args[1]),
            Opcode::Fconv => {
                let v = self.fconv(idx, &ins.args[0]);
                self.put_freg(&ins.args[1], v);
            }
            Opcode::Fadd | Opcode::Fsub | Opcode::Fmul | Opcode::Fdiv => {
                let op = match ins.op {
                    Opcode::Fadd => BinOp::Add,
                    Opcode::Fsub => BinOp::Sub,
                    Opcode::Fmul => BinOp::Mul,
                    _ => BinOp::Div,
                };
                let a = self.get_freg(&ins.args[1]);
                let b = self.get_freg(&ins.args[2]);
                let r = match op {
                    BinOp::Add => self.b.ins().fadd(a, b),
                    BinOp::Sub => self.b.ins().fsub(a, b),
                    BinOp::Mul => self.b.ins().fmul(a, b),
                    BinOp::Div => self.b.ins().fdiv(a, b),
                };
                self.check_finite(idx, r, label_arg(ins, 0));
                self.put_freg(&ins.args[3], r);
            }
            Opcode::Fnegate => {
                // 0.0 - x, as BEAM computes it: finite in, finite out.
                let a = self.get_freg(&ins.args[1]);
                let zero = self.b.ins().f64const(0.0);
                let r = self.b.ins().fsub(zero, a);
                self.put_freg(&ins.args[2], r);
            }
            _ => unreachable!(),
        }
        Flow::Next
    }

    /// The variable of float register `n`, declared on first use.
    fn freg_var(&mut self, n: u32) -> Variable {
        if let Some(v) = self.fregs.get(&n) {
            return *v;
        }
        let v = self.b.declare_var(F64);
        self.fregs.insert(n, v);
        v
    }

    fn get_freg(&mut self, op: &Operand) -> Value {
        match op {
            Operand::FReg(n) => {
                let var = self.freg_var(*n);
                self.b.use_var(var)
            }
            // Only float registers appear here in compiler output; a term
            // operand is unboxed as `fmove` would.
            other => self.unbox(other),
        }
    }

    fn put_freg(&mut self, op: &Operand, v: Value) {
        if let Operand::FReg(n) = op {
            let var = self.freg_var(*n);
            self.b.def_var(var, v);
        }
    }

    /// `fmove`: float register to float register, term to float register
    /// (unbox; the compiler has checked that it is a float), or float
    /// register to term register (box on the heap, in words the preceding
    /// `test_heap`/`allocate_heap` reserved as `{floats, N}`).
    fn fmove(&mut self, src: &Operand, dst: &Operand) {
        match (src, dst) {
            (Operand::FReg(_), Operand::FReg(_)) => {
                let v = self.get_freg(src);
                self.put_freg(dst, v);
            }
            (_, Operand::FReg(_)) => {
                let v = self.unbox(src);
                self.put_freg(dst, v);
            }
            (Operand::FReg(_), _) => {
                let v = self.get_freg(src);
                let t = self.box_float(v);
                self.put(dst, t);
            }
            _ => {
                let v = self.get(src);
                self.put(dst, v);
            }
        }
    }

    /// The double of a term known to be a float. Literal floats become
    /// constants.
    fn unbox(&mut self, op: &Operand) -> Value {
        if let Some(t) = self.const_term(op) {
            if t.is_float() {
                // SAFETY: `t` is a float in the literal area, which lives as
                // long as the module.
                let f = unsafe { t.float_value() };
                return self.b.ins().f64const(f);
            }
        }
        let t = self.get(op);
        self.load_float(t)
    }

    /// Loads the double of the boxed float `t`.
    fn load_float(&mut self, t: Value) -> Value {
        let off = 8 - TAG_PRIMARY_BOXED as i32;
        self.b.ins().load(F64, mem(), t, off)
    }

    /// The double of `v` if it is a boxed float; any other term branches
    /// to `no` (the inline float paths of `+ - *` and `< >=` fall back to
    /// the BIF or the runtime comparison there).
    pub(super) fn float_or(&mut self, v: Value, no: cranelift_codegen::ir::Block) -> Value {
        let boxed = self.tag_eq(v, TAG_PRIMARY_MASK, TAG_PRIMARY_BOXED);
        let hdr_blk = self.new_block();
        self.cold_unless_hot(hdr_blk);
        self.b.ins().brif(boxed, hdr_blk, &[], no, &[]);
        self.b.switch_to_block(hdr_blk);
        let hdr = self
            .b
            .ins()
            .load(I64, mem(), v, -(TAG_PRIMARY_BOXED as i32));
        let is_float = self
            .b
            .ins()
            .icmp_imm_s(IntCC::Equal, hdr, FLOAT_HEADER as i64);
        let float_blk = self.new_block();
        self.cold_unless_hot(float_blk);
        self.b.ins().brif(is_float, float_blk, &[], no, &[]);
        self.b.switch_to_block(float_blk);
        self.load_float(v)
    }

    /// `a op b` on two boxed floats with a finite result, boxed in the
    /// heap's free words; `no` (the BIF call) when either is not a float,
    /// the result is not finite (the BIF raises `badarith`) or fewer than
    /// three words are free (the BIF allocates a fragment). Returns the
    /// term; the caller jumps to its join with it.
    pub(super) fn float_arith_or(
        &mut self,
        op: u8,
        a: Value,
        b: Value,
        no: cranelift_codegen::ir::Block,
    ) -> Value {
        let fa = self.float_or(a, no);
        let fb = self.float_or(b, no);
        let r = match op {
            b'+' => self.b.ins().fadd(fa, fb),
            b'-' => self.b.ins().fsub(fa, fb),
            _ => self.b.ins().fmul(fa, fb),
        };
        let abs = self.b.ins().fabs(r);
        let max = self.b.ins().f64const(f64::MAX);
        let finite = self.b.ins().fcmp(FloatCC::LessThanOrEqual, abs, max);
        // Two words for the float and the spare word every heap check keeps.
        let sp = self.get_sp();
        let hp = self.get_hp();
        let free = self.b.ins().isub(sp, hp);
        let room = self
            .b
            .ins()
            .icmp_imm_u(IntCC::UnsignedGreaterThanOrEqual, free, 24);
        let ok = self.b.ins().band(finite, room);
        let boxit = self.new_block();
        self.cold_unless_hot(boxit);
        self.b.ins().brif(ok, boxit, &[], no, &[]);
        self.b.switch_to_block(boxit);
        self.box_float(r)
    }

    /// Lays `blk` out of line unless the instruction being lowered has an
    /// operand the compiler typed as a float (`float_hot`).
    fn cold_unless_hot(&mut self, blk: cranelift_codegen::ir::Block) {
        if !self.float_hot {
            self.b.set_cold_block(blk);
        }
    }

    /// True if an operand is a register the compiler's type table says
    /// holds a float (and nothing else): its float path is the hot one.
    pub(super) fn typed_float(&self, ops: &[&Operand]) -> bool {
        ops.iter().any(|op| match op {
            Operand::TypedReg { type_index, .. } => self
                .m
                .module
                .types
                .get(*type_index as usize)
                .is_some_and(|t| t.type_union == girder_loader::type_bits::FLOAT),
            _ => false,
        })
    }

    /// Writes a float object at the heap top and returns its term.
    fn box_float(&mut self, v: Value) -> Value {
        let hp = self.get_hp();
        let h = self.iconst(FLOAT_HEADER);
        self.b.ins().store(mem(), h, hp, 0);
        self.b.ins().store(mem(), v, hp, 8);
        let t = self.b.ins().iadd_imm_s(hp, TAG_PRIMARY_BOXED as i64);
        let nhp = self.b.ins().iadd_imm_s(hp, 16);
        self.set_hp(nhp);
        t
    }

    /// `fconv`: small and float inline, anything else through the runtime
    /// (bignums; NaN for non-numbers, which then raises `badarith`).
    fn fconv(&mut self, idx: usize, src: &Operand) -> Value {
        if let Some(t) = self.const_term(src) {
            let f = match t {
                t if t.is_small() => Some(t.small_value() as f64),
                // SAFETY: `t` is a literal float.
                t if t.is_float() => Some(unsafe { t.float_value() }),
                _ => None,
            };
            if let Some(f) = f {
                return self.b.ins().f64const(f);
            }
        }
        let t = self.get(src);
        let small_blk = self.new_block();
        let not_small = self.new_block();
        let boxed_blk = self.new_block();
        let slow = self.new_block();
        let join = self.new_block();
        let res = self.b.append_block_param(join, F64);

        let is_small = self.tag_eq(t, TAG_IMMED1_MASK, TAG_IMMED1_SMALL);
        self.b.ins().brif(is_small, small_blk, &[], not_small, &[]);

        self.b.switch_to_block(small_blk);
        let i = self.b.ins().sshr_imm_u(t, 4);
        let f = self.b.ins().fcvt_from_sint(F64, i);
        self.b.ins().jump(join, &[f.into()]);

        self.b.switch_to_block(not_small);
        let is_boxed = self.tag_eq(t, TAG_PRIMARY_MASK, TAG_PRIMARY_BOXED);
        self.b.ins().brif(is_boxed, boxed_blk, &[], slow, &[]);

        self.b.switch_to_block(boxed_blk);
        let hdr = self
            .b
            .ins()
            .load(I64, mem(), t, -(TAG_PRIMARY_BOXED as i32));
        let is_float = self
            .b
            .ins()
            .icmp_imm_s(IntCC::Equal, hdr, FLOAT_HEADER as i64);
        let float_blk = self.new_block();
        self.b.ins().brif(is_float, float_blk, &[], slow, &[]);

        self.b.switch_to_block(float_blk);
        let f = self.load_float(t);
        self.b.ins().jump(join, &[f.into()]);

        self.b.set_cold_block(slow);
        self.b.switch_to_block(slow);
        let bits = self.call_rt_pure(crate::rt::fconv(), &[t]);
        let f = self.b.ins().bitcast(F64, MemFlagsData::new(), bits);
        self.check_finite(idx, f, 0);
        self.b.ins().jump(join, &[f.into()]);

        self.b.switch_to_block(join);
        res
    }

    /// Raises `badarith` (or branches to `fail`) unless `|v| <= DBL_MAX`,
    /// which is false for infinities and NaNs.
    fn check_finite(&mut self, idx: usize, v: Value, fail: u32) {
        let a = self.b.ins().fabs(v);
        let max = self.b.ins().f64const(f64::MAX);
        let ok = self.b.ins().fcmp(FloatCC::LessThanOrEqual, a, max);
        if fail != 0 {
            self.fail_unless(ok, fail);
            return;
        }
        let err = self.new_block();
        let cont = self.new_block();
        self.b.ins().brif(ok, cont, &[], err, &[]);
        self.b.set_cold_block(err);
        self.b.switch_to_block(err);
        // The error arm does not come back: `cont` sees the X cache as it
        // was before the branch.
        let snap = self.xcache_snapshot();
        let ctx = self.ctx();
        self.call_rt_pure(crate::rt::float_badarith(), &[ctx]);
        self.raise(self.loc(idx));
        self.xcache_restore(snap);
        self.b.switch_to_block(cont);
    }
}
