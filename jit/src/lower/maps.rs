//! Maps: `put_map_assoc put_map_exact get_map_elements has_map_fields`
//! (`is_map` is a type test in `tests.rs`). Construction and lookup are
//! runtime calls (`native::map`); the key/value operands of a put are
//! passed in the context's scratch slots, at most `MAX_SCRATCH / 2` pairs
//! per call (longer lists are applied in chunks, which is the same as
//! applying them in order).

use super::{label_arg, list_arg, Flow, FnLower};
use cranelift_codegen::ir::{condcodes::IntCC, InstBuilder, Value};
use girder_loader::{Instr, Opcode};
use girder_runtime::heap::ctx::{offsets, MAX_SCRATCH};

impl FnLower<'_, '_> {
    pub(super) fn lower_maps(&mut self, idx: usize, ins: &Instr) -> Flow {
        use Opcode::*;
        match ins.op {
            PutMapAssoc if self.put_map_new_const(ins) => {}
            PutMapAssoc | PutMapExact => {
                let fail = label_arg(ins, 0);
                let exact = (ins.op == PutMapExact) as u64;
                let mut cur = self.get(&ins.args[1]);
                let list = list_arg(ins, 4);
                let chunks: Vec<_> = if list.is_empty() {
                    vec![&list[..0]]
                } else {
                    list.chunks(MAX_SCRATCH & !1).collect()
                };
                for chunk in chunks {
                    for (i, op) in chunk.iter().enumerate() {
                        let v = self.get(op);
                        self.ctx_store(offsets::SCRATCH + 8 * i as i32, v);
                    }
                    let n = self.iconst((chunk.len() / 2) as u64);
                    let e = self.iconst(exact);
                    let r = self.call_rt_ctx(crate::rt::put_map(), &[cur, n, e]);
                    if fail != 0 {
                        let bad = self.b.ins().icmp_imm_s(IntCC::Equal, r, 0);
                        self.fail_if(bad, fail);
                    } else {
                        self.raise_if_non_value(r, self.loc(idx));
                    }
                    cur = r;
                }
                self.put(&ins.args[2], cur);
            }
            GetMapElements | HasMapFields => {
                let fail = label_arg(ins, 0);
                let m = self.get(&ins.args[1]);
                let list = list_arg(ins, 2);
                let step = if ins.op == GetMapElements { 2 } else { 1 };
                // Look every key up before writing any destination: a
                // destination may be the map's or a later key's register.
                let mut found: Vec<Value> = Vec::new();
                for item in list.chunks(step) {
                    let k = self.get(&item[0]);
                    let v = self.call_rt_pure(crate::rt::map_get(), &[m, k]);
                    let missing = self.b.ins().icmp_imm_s(IntCC::Equal, v, 0);
                    self.fail_if(missing, fail);
                    found.push(v);
                }
                if step == 2 {
                    for (item, v) in list.chunks(2).zip(found) {
                        self.put(&item[1], v);
                    }
                }
            }
            _ => unreachable!(),
        }
        Flow::Next
    }
}
