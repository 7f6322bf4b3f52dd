//! Type tests, comparisons and branches: `is_* is_eq* is_ne* is_lt is_ge
//! select_val jump`. Tag tests are inline; comparisons of two small
//! integers (or identical words) are inline, the rest call the runtime.

use super::{label_arg, list_arg, mem, Flow, FnLower};
use cranelift_codegen::ir::{
    condcodes::{FloatCC, IntCC},
    types::I64,
    InstBuilder, Value,
};
use girder_loader::{Instr, Opcode, Operand};
use girder_runtime::term::atom::am;
use girder_runtime::term::*;

impl FnLower<'_, '_> {
    pub(super) fn lower_test(&mut self, idx: usize, ins: &Instr) -> Flow {
        use Opcode::*;
        let fail = label_arg(ins, 0);
        match ins.op {
            Jump => {
                let t = self.label_target(label_arg(ins, 0));
                self.b.ins().jump(t, &[]);
                return Flow::Stop;
            }
            SelectVal => {
                self.select_val(idx, ins);
                return Flow::Stop;
            }
            IsEqExact | IsNeExact | IsEq | IsNe | IsLt | IsGe => {
                let a = self.get(&ins.args[1]);
                let b = self.get(&ins.args[2]);
                let ca = self.const_term(&ins.args[1]);
                let cb = self.const_term(&ins.args[2]);
                if matches!(ins.op, IsLt | IsGe) {
                    let small = |c: Option<Term>| c.is_some_and(|t| t.is_small());
                    self.float_hot = self.typed_float(&[&ins.args[1], &ins.args[2]]);
                    self.order_branch(ins.op, a, b, fail, (small(ca), small(cb)));
                    self.float_hot = false;
                    return Flow::Next;
                }
                let r = match self.compare_with_constant(ins.op, a, b, ca.or(cb)) {
                    Some(r) => r,
                    None => self.compare(ins.op, a, b),
                };
                self.fail_unless(r, fail);
                return Flow::Next;
            }
            _ => {}
        }
        let v = self.get(&ins.args[1]);
        match ins.op {
            IsInteger => {
                let r = self.is_integer(v);
                self.fail_unless(r, fail);
            }
            IsFloat => self.test_boxed_subtag(v, &[HDR_FLOAT], fail),
            IsNumber => {
                let small = self.tag_eq(v, TAG_IMMED1_MASK, TAG_IMMED1_SMALL);
                self.branch_if_else(small, |s| {
                    s.test_boxed_subtag(v, &[HDR_POS_BIG, HDR_NEG_BIG, HDR_FLOAT], fail)
                });
            }
            IsAtom => {
                let r = self.tag_eq(v, TAG_IMMED2_MASK, TAG_IMMED2_ATOM);
                self.fail_unless(r, fail);
            }
            IsPid => {
                let r = self.tag_eq(v, TAG_IMMED1_MASK, TAG_IMMED1_PID);
                self.branch_if_else(r, |s| s.test_boxed_subtag(v, &[HDR_EXT_PID], fail));
            }
            IsPort => {
                let r = self.tag_eq(v, TAG_IMMED1_MASK, TAG_IMMED1_PORT);
                self.branch_if_else(r, |s| s.test_boxed_subtag(v, &[HDR_EXT_PORT], fail));
            }
            IsReference => self.test_boxed_subtag(v, &[HDR_REF, HDR_EXT_REF], fail),
            IsNil => {
                let r = self.b.ins().icmp_imm_s(IntCC::Equal, v, NIL.raw() as i64);
                self.fail_unless(r, fail);
            }
            IsBitstr => self.test_boxed_subtag(v, &[HDR_REFC_BIN, HDR_HEAP_BIN, HDR_SUB_BIN], fail),
            IsBinary => {
                // A sub-binary may have a bit size that is not whole bytes.
                let r = self.call_rt_pure(crate::rt::is_binary(), &[v]);
                self.fail_unless(r, fail);
            }
            IsMap => self.test_boxed_subtag(v, &[HDR_MAP], fail),
            IsList => {
                let nil = self.b.ins().icmp_imm_s(IntCC::Equal, v, NIL.raw() as i64);
                self.branch_if_else(nil, |s| {
                    let r = s.tag_eq(v, TAG_PRIMARY_MASK, TAG_PRIMARY_LIST);
                    s.fail_unless(r, fail);
                });
            }
            IsNonemptyList => {
                let r = self.tag_eq(v, TAG_PRIMARY_MASK, TAG_PRIMARY_LIST);
                self.fail_unless(r, fail);
            }
            IsTuple => self.test_boxed_subtag(v, &[HDR_TUPLE], fail),
            IsFunction => self.test_boxed_subtag(v, &[HDR_FUN, HDR_EXPORT], fail),
            IsFunction2 => {
                // Rare outside guards on funs of computed arity: ask the BIF.
                let arity = self.get(&ins.args[2]);
                let r = self.call_rt_pure(crate::rt::is_function2(), &[v, arity]);
                self.fail_unless(r, fail);
            }
            IsBoolean => {
                let t = self
                    .b
                    .ins()
                    .icmp_imm_s(IntCC::Equal, v, am::TRUE.raw() as i64);
                let f = self
                    .b
                    .ins()
                    .icmp_imm_s(IntCC::Equal, v, am::FALSE.raw() as i64);
                let r = self.b.ins().bor(t, f);
                self.fail_unless(r, fail);
            }
            _ => unreachable!(),
        }
        Flow::Next
    }

    pub fn tag_eq(&mut self, v: Value, mask: u64, tag: u64) -> Value {
        let t = self.b.ins().band_imm_u(v, mask as i64);
        self.b.ins().icmp_imm_s(IntCC::Equal, t, tag as i64)
    }

    /// Continues straight on if `cond`; otherwise runs `other` (which
    /// either fails or falls through) and then continues.
    fn branch_if_else(&mut self, cond: Value, other: impl FnOnce(&mut Self)) {
        let done = self.new_block();
        let else_blk = self.new_block();
        self.b.ins().brif(cond, done, &[], else_blk, &[]);
        self.b.switch_to_block(else_blk);
        other(self);
        self.b.ins().jump(done, &[]);
        self.b.switch_to_block(done);
    }

    /// Fails unless `v` is boxed with one of the header subtags.
    pub fn test_boxed_subtag(&mut self, v: Value, subtags: &[u64], fail: u32) {
        self.test_boxed(v, fail);
        let h = self
            .b
            .ins()
            .load(I64, mem(), v, -(TAG_PRIMARY_BOXED as i32));
        let sub = self.b.ins().band_imm_u(h, HEADER_SUBTAG_MASK as i64);
        let mut any = self
            .b
            .ins()
            .icmp_imm_s(IntCC::Equal, sub, subtags[0] as i64);
        for s in &subtags[1..] {
            let c = self.b.ins().icmp_imm_s(IntCC::Equal, sub, *s as i64);
            any = self.b.ins().bor(any, c);
        }
        self.fail_unless(any, fail);
    }

    /// 1 if `v` is an integer (small or bignum), else 0.
    fn is_integer(&mut self, v: Value) -> Value {
        let small = self.tag_eq(v, TAG_IMMED1_MASK, TAG_IMMED1_SMALL);
        let join = self.new_block();
        let r = self
            .b
            .append_block_param(join, cranelift_codegen::ir::types::I8);
        let check = self.new_block();
        self.b.ins().brif(small, join, &[small.into()], check, &[]);
        self.b.switch_to_block(check);
        let boxed = self.tag_eq(v, TAG_PRIMARY_MASK, TAG_PRIMARY_BOXED);
        let check2 = self.new_block();
        self.b.ins().brif(boxed, check2, &[], join, &[boxed.into()]);
        self.b.switch_to_block(check2);
        let h = self
            .b
            .ins()
            .load(I64, mem(), v, -(TAG_PRIMARY_BOXED as i32));
        // POS_BIG and NEG_BIG differ only in bit 2.
        let sub = self
            .b
            .ins()
            .band_imm_u(h, (HEADER_SUBTAG_MASK & !0b100) as i64);
        let big = self
            .b
            .ins()
            .icmp_imm_s(IntCC::Equal, sub, HDR_POS_BIG as i64);
        self.b.ins().jump(join, &[big.into()]);
        self.b.switch_to_block(join);
        r
    }

    /// `is_lt`/`is_ge` as branches: two small integers compare as words
    /// (their tags are equal, so the order is the values'); anything else
    /// asks the runtime for the term order.
    /// `small_a`/`small_b`: that operand is a constant small integer, so
    /// only the other's tag is tested.
    /// Two floats compare inline (mandelbrot's `4.0 < X`) before the
    /// runtime's general term order.
    fn order_branch(
        &mut self,
        op: Opcode,
        a: Value,
        b: Value,
        fail: u32,
        (small_a, small_b): (bool, bool),
    ) {
        let const_small = small_a || small_b;
        let cc = if op == Opcode::IsLt {
            IntCC::SignedLessThan
        } else {
            IntCC::SignedGreaterThanOrEqual
        };
        let ab = match (small_a, small_b) {
            (true, false) => b,
            (false, true) => a,
            _ => self.b.ins().band(a, b),
        };
        let small = self.tag_eq(ab, TAG_IMMED1_MASK, TAG_IMMED1_SMALL);
        let fast = self.new_block();
        let slow = self.new_block();
        let ok = self.new_block();
        let fail_blk = self.label_target(fail);
        self.b.ins().brif(small, fast, &[], slow, &[]);
        self.b.switch_to_block(fast);
        let c = self.b.ins().icmp(cc, a, b);
        self.b.ins().brif(c, ok, &[], fail_blk, &[]);
        if !self.float_hot {
            self.b.set_cold_block(slow);
        }
        self.b.switch_to_block(slow);
        let snap = self.xcache_snapshot();
        // Fast-tier code (cold by definition) leaves untyped floats to the
        // runtime: the inline path is ~15 CLIF instructions per compare.
        let inline_float = !self.m.fast.get() || self.float_hot;
        if !const_small && inline_float {
            let rt = self.new_block();
            let fa = self.float_or(a, rt);
            let fb = self.float_or(b, rt);
            let fcc = if op == Opcode::IsLt {
                FloatCC::LessThan
            } else {
                FloatCC::GreaterThanOrEqual
            };
            let c = self.b.ins().fcmp(fcc, fa, fb);
            self.b.ins().brif(c, ok, &[], fail_blk, &[]);
            self.b.switch_to_block(rt);
        }
        self.b
            .set_cold_block(self.b.current_block().unwrap_or(slow));
        let res = self.call_rt(crate::rt::cmp(), &[a, b]);
        let c = self.b.ins().icmp_imm_s(cc, res, 0);
        self.b.ins().brif(c, ok, &[], fail_blk, &[]);
        self.b.switch_to_block(ok);
        // The runtime comparison neither collects nor writes X registers.
        self.xcache_restore(snap);
    }

    /// Equality against a constant immediate is a plain word compare: an
    /// immediate is equal only to the identical word, except that `==` also
    /// equates a small integer with a float of the same value (left to the
    /// general path unless the other side is known not to be a float).
    fn compare_with_constant(
        &mut self,
        op: Opcode,
        a: Value,
        b: Value,
        c: Option<Term>,
    ) -> Option<Value> {
        use Opcode::*;
        let c = c?;
        if !c.is_immed() {
            return None;
        }
        let eq = match op {
            IsEqExact | IsNeExact => true,
            IsEq | IsNe => !c.is_small(),
            _ => false,
        };
        if !eq {
            return None;
        }
        let cc = if matches!(op, IsEqExact | IsEq) {
            IntCC::Equal
        } else {
            IntCC::NotEqual
        };
        Some(self.b.ins().icmp(cc, a, b))
    }

    /// The truth value of an equality instruction (`is_lt`/`is_ge` are
    /// lowered as branches by `order_branch`).
    fn compare(&mut self, op: Opcode, a: Value, b: Value) -> Value {
        use Opcode::*;
        let same = self.b.ins().icmp(IntCC::Equal, a, b);
        let join = self.new_block();
        let r = self
            .b
            .append_block_param(join, cranelift_codegen::ir::types::I8);
        match op {
            IsEqExact | IsNeExact | IsEq | IsNe => {
                let want_eq = matches!(op, IsEqExact | IsEq);
                // Identical words are equal. Otherwise, if either is an
                // immediate they differ (for ==, unless both are numbers:
                // an immediate small vs a float needs the runtime).
                let slow = self.new_block();
                let differ = self.new_block();
                let yes = self
                    .b
                    .ins()
                    .iconst(cranelift_codegen::ir::types::I8, want_eq as i64);
                let no = self
                    .b
                    .ins()
                    .iconst(cranelift_codegen::ir::types::I8, !want_eq as i64);
                self.b.ins().brif(same, join, &[yes.into()], differ, &[]);
                self.b.switch_to_block(differ);
                let both = if matches!(op, IsEqExact | IsNeExact) {
                    // either immediate => not exactly equal
                    let ia = self.tag_eq(a, TAG_PRIMARY_MASK, TAG_PRIMARY_IMMED1);
                    let ib = self.tag_eq(b, TAG_PRIMARY_MASK, TAG_PRIMARY_IMMED1);
                    self.b.ins().bor(ia, ib)
                } else {
                    // both immediate => not equal
                    let ab = self.b.ins().band(a, b);
                    self.tag_eq(ab, TAG_PRIMARY_MASK, TAG_PRIMARY_IMMED1)
                };
                self.b.ins().brif(both, join, &[no.into()], slow, &[]);
                self.b.switch_to_block(slow);
                let f = if matches!(op, IsEqExact | IsNeExact) {
                    crate::rt::eq_exact()
                } else {
                    crate::rt::eq()
                };
                let snap = self.xcache_snapshot();
                let res = self.call_rt(f, &[a, b]);
                self.xcache_restore(snap);
                let t = self.b.ins().icmp_imm_s(IntCC::NotEqual, res, 0);
                let t = if want_eq {
                    t
                } else {
                    self.b.ins().icmp_imm_s(IntCC::Equal, t, 0)
                };
                self.b.ins().jump(join, &[t.into()]);
            }
            _ => unreachable!(),
        }
        self.b.switch_to_block(join);
        r
    }

    fn select_val(&mut self, idx: usize, ins: &Instr) {
        let v = self.get(&ins.args[0]);
        let fail = label_arg(ins, 1);
        let pairs = list_arg(ins, 2);
        let mut cases = Vec::new();
        let mut boxed_cases = Vec::new();
        for p in pairs.chunks(2) {
            if let [val, Operand::Label(l)] = p {
                match self.const_term(val) {
                    Some(t) if t.is_immed() => cases.push((t.raw(), *l)),
                    Some(t) => boxed_cases.push((t, val, *l)),
                    None => {}
                }
            }
        }
        let _ = idx;
        if boxed_cases.is_empty() {
            self.switch_on(v, &cases, fail);
            return;
        }
        // Bignum or float keys: compare one by one with exact equality.
        for (t, val, l) in boxed_cases {
            let c = self.term_const(val, t);
            let r = self.call_rt_pure(crate::rt::eq_exact(), &[v, c]);
            let target = self.label_target(l);
            let next = self.new_block();
            self.b.ins().brif(r, target, &[], next, &[]);
            self.b.switch_to_block(next);
        }
        self.switch_on(v, &cases, fail);
    }
}
