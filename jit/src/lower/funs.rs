//! Funs: `make_fun2 make_fun3`. The closure is built by the runtime from
//! the free variables, which are passed in the context's scratch slots.

use super::{list_arg, uint_arg, Flow, FnLower};
use girder_loader::{Instr, Opcode};
use girder_runtime::heap::ctx::offsets;

impl FnLower<'_, '_> {
    pub(super) fn lower_fun(&mut self, idx: usize, ins: &Instr) -> Flow {
        // make_fun2 (pre-OTP 24) takes its free variables from x0.. and
        // leaves the fun in x0.
        let (fun_index, dst, env): (usize, Option<&girder_loader::Operand>, Vec<_>) = match ins.op {
            Opcode::MakeFun3 => (
                uint_arg(ins, 0) as usize,
                ins.args.get(1),
                list_arg(ins, 2).iter().collect(),
            ),
            _ => (uint_arg(ins, 0) as usize, None, Vec::new()),
        };
        if env.len() > girder_runtime::heap::ctx::MAX_SCRATCH {
            self.unsupported(ins.op);
            return Flow::Stop;
        }
        let Some(fe) = self.m.funs.get(fun_index).copied() else {
            self.unsupported(ins.op);
            return Flow::Stop;
        };
        let env_ptr = if ins.op == Opcode::MakeFun3 {
            for (i, e) in env.iter().enumerate() {
                let v = self.get(e);
                self.ctx_store(offsets::SCRATCH + 8 * i as i32, v);
            }
            offsets::SCRATCH
        } else {
            offsets::X
        };
        let _ = fe;
        let fe_v = self.sym(crate::reloc::Sym::Fun(fun_index as u32), 0);
        let p = self.iconst(env_ptr as u64);
        let r = self.call_rt_ctx(crate::rt::make_fun(), &[fe_v, p]);
        self.raise_if_non_value(r, self.loc(idx));
        match dst {
            Some(d) => self.put(d, r),
            None => self.store_x(0, r),
        }
        Flow::Next
    }
}
