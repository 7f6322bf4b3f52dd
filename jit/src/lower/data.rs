//! Lists and tuples: `get_list get_hd get_tl put_list put_tuple2
//! get_tuple_element set_tuple_element test_arity is_tagged_tuple
//! select_tuple_arity`. Construction writes at hp; the space was reserved
//! by a preceding `test_heap`/`allocate_heap`.

use super::{label_arg, list_arg, mem, uint_arg, Flow, FnLower};
use cranelift_codegen::ir::{condcodes::IntCC, types::I64, InstBuilder, Value};
use cranelift_frontend::Switch;
use girder_loader::{Instr, Opcode, Operand};
use girder_runtime::term::{make_header, HDR_TUPLE, TAG_PRIMARY_BOXED, TAG_PRIMARY_LIST};

impl FnLower<'_, '_> {
    pub(super) fn lower_data(&mut self, _idx: usize, ins: &Instr) -> Flow {
        use Opcode::*;
        match ins.op {
            GetList => {
                let l = self.get(&ins.args[0]);
                let h = self.b.ins().load(I64, mem(), l, -(TAG_PRIMARY_LIST as i32));
                let t = self
                    .b
                    .ins()
                    .load(I64, mem(), l, 8 - TAG_PRIMARY_LIST as i32);
                self.put(&ins.args[1], h);
                self.put(&ins.args[2], t);
            }
            GetHd | GetTl => {
                let l = self.get(&ins.args[0]);
                let off = if ins.op == GetHd { 0 } else { 8 };
                let v = self
                    .b
                    .ins()
                    .load(I64, mem(), l, off - TAG_PRIMARY_LIST as i32);
                self.put(&ins.args[1], v);
            }
            PutList => {
                let h = self.get(&ins.args[0]);
                let t = self.get(&ins.args[1]);
                let hp = self.get_hp();
                self.b.ins().store(mem(), h, hp, 0);
                self.b.ins().store(mem(), t, hp, 8);
                let cell = self.b.ins().iadd_imm_s(hp, TAG_PRIMARY_LIST as i64);
                let nhp = self.b.ins().iadd_imm_s(hp, 16);
                self.set_hp(nhp);
                self.put(&ins.args[2], cell);
            }
            PutTuple2 => {
                let elems = list_arg(ins, 1);
                let hp = self.get_hp();
                let hdr = self.iconst(make_header(elems.len(), HDR_TUPLE));
                self.b.ins().store(mem(), hdr, hp, 0);
                for (i, e) in elems.iter().enumerate() {
                    let v = self.get(e);
                    self.b.ins().store(mem(), v, hp, 8 * (i as i32 + 1));
                }
                let t = self.b.ins().iadd_imm_s(hp, TAG_PRIMARY_BOXED as i64);
                let nhp = self.b.ins().iadd_imm_s(hp, 8 * (elems.len() as i64 + 1));
                self.set_hp(nhp);
                self.put(&ins.args[0], t);
            }
            GetTupleElement => {
                let t = self.get(&ins.args[0]);
                let i = uint_arg(ins, 1) as i32;
                let v = self
                    .b
                    .ins()
                    .load(I64, mem(), t, 8 * (i + 1) - TAG_PRIMARY_BOXED as i32);
                self.put(&ins.args[2], v);
            }
            SetTupleElement => {
                let v = self.get(&ins.args[0]);
                let t = self.get(&ins.args[1]);
                let i = uint_arg(ins, 2) as i32;
                self.b
                    .ins()
                    .store(mem(), v, t, 8 * (i + 1) - TAG_PRIMARY_BOXED as i32);
            }
            TestArity => {
                let fail = label_arg(ins, 0);
                let t = self.get(&ins.args[1]);
                let n = uint_arg(ins, 2) as usize;
                self.test_tuple_header(t, n, fail);
            }
            IsTaggedTuple => {
                let fail = label_arg(ins, 0);
                let t = self.get(&ins.args[1]);
                let n = uint_arg(ins, 2) as usize;
                let (immed, tag) = self
                    .const_term(&ins.args[3])
                    .map(|t| (t.is_immed(), t.raw()))
                    .unwrap_or((true, 0));
                if !immed {
                    // A boxed tag (never from the compiler) as an
                    // immediate: the code is not relocatable.
                    self.m.pinned.set(true);
                }
                self.test_boxed(t, fail);
                self.test_tuple_header(t, n, fail);
                let first = self
                    .b
                    .ins()
                    .load(I64, mem(), t, 8 - TAG_PRIMARY_BOXED as i32);
                let ok = self.b.ins().icmp_imm_s(IntCC::Equal, first, tag as i64);
                self.fail_unless(ok, fail);
            }
            SelectTupleArity => {
                let t = self.get(&ins.args[0]);
                let fail = label_arg(ins, 1);
                let h = self
                    .b
                    .ins()
                    .load(I64, mem(), t, -(TAG_PRIMARY_BOXED as i32));
                let pairs = list_arg(ins, 2);
                let mut cases = Vec::new();
                for p in pairs.chunks(2) {
                    if let [Operand::Unsigned(n), Operand::Label(l)] = p {
                        cases.push((make_header(*n as usize, HDR_TUPLE), *l));
                    }
                }
                self.switch_on(h, &cases, fail);
                return Flow::Stop;
            }
            _ => unreachable!(),
        }
        Flow::Next
    }

    /// Fails unless boxed `t` is a tuple of arity `n` (one header compare).
    fn test_tuple_header(&mut self, t: Value, n: usize, fail: u32) {
        let h = self
            .b
            .ins()
            .load(I64, mem(), t, -(TAG_PRIMARY_BOXED as i32));
        let ok = self
            .b
            .ins()
            .icmp_imm_s(IntCC::Equal, h, make_header(n, HDR_TUPLE) as i64);
        self.fail_unless(ok, fail);
    }

    /// Fails unless `v` is a boxed term.
    pub fn test_boxed(&mut self, v: Value, fail: u32) {
        let tag = self.b.ins().band_imm_u(v, 3);
        let ok = self
            .b
            .ins()
            .icmp_imm_s(IntCC::Equal, tag, TAG_PRIMARY_BOXED as i64);
        self.fail_unless(ok, fail);
    }

    /// Multi-way branch on an exact word value.
    pub fn switch_on(&mut self, v: Value, cases: &[(u64, u32)], fail: u32) {
        let mut sw = Switch::new();
        let mut seen = std::collections::HashSet::new();
        for &(val, l) in cases {
            if seen.insert(val) {
                let blk = self.label_target(l);
                sw.set_entry(val as u128, blk);
            }
        }
        let otherwise = self.label_target(fail);
        sw.emit(&mut self.b, v, otherwise);
    }
}
