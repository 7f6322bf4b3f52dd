//! `put_map_assoc` building a map from nothing with constant keys
//! (`#{a => X, b => Y}`, the option maps io_lib_format builds per
//! directive): the keys are sorted once at compile time into a literal
//! keys tuple, and the flatmap is written inline — BEAM's loader does the
//! same (`new_map` with a literal key tuple). Other shapes go to the
//! runtime (`maps.rs`).

use super::{list_arg, mem, uint_arg, FnLower};
use cranelift_codegen::ir::InstBuilder;
use girder_loader::{Instr, Operand};
use girder_runtime::data::map::layout::{info, Kind, SMALL_MAP_LIMIT};
use girder_runtime::term::{make_header, Term, HDR_MAP, TAG_PRIMARY_BOXED};

impl FnLower<'_, '_> {
    /// Emits the inline construction if `ins` (a `put_map_assoc Fail Src
    /// Dst Live List`) has that shape; false otherwise.
    pub(super) fn put_map_new_const(&mut self, ins: &Instr) -> bool {
        let Some(src) = self.const_term(&ins.args[1]) else {
            return false;
        };
        if !girder_runtime::data::map::is_map(src) || girder_runtime::data::map::size(src) != 0 {
            return false;
        }
        let list = list_arg(ins, 4);
        let n = list.len() / 2;
        if n == 0 || n > SMALL_MAP_LIMIT || !list.len().is_multiple_of(2) {
            return false;
        }
        let mut pairs: Vec<(Term, &Operand)> = Vec::with_capacity(n);
        for kv in list.chunks(2) {
            let Some(k) = self.const_term(&kv[0]) else {
                return false;
            };
            pairs.push((k, &kv[1]));
        }
        pairs.sort_by(|a, b| girder_runtime::data::compare::cmp_terms_exact(a.0, b.0));
        if pairs
            .windows(2)
            .any(|w| girder_runtime::data::compare::eq_exact(w[0].0, w[1].0))
        {
            return false;
        }
        // The keys tuple lives in the literal area for as long as the code
        // (built when the code is placed: `reloc::value`).
        let mut specs = Vec::with_capacity(n);
        for kv in list.chunks(2) {
            let Some(k) = self.const_term(&kv[0]) else {
                return false;
            };
            let Some(c) = crate::reloc::const_of(&kv[0], k) else {
                return false;
            };
            specs.push((k, c));
        }
        specs.sort_by(|a, b| girder_runtime::data::compare::cmp_terms_exact(a.0, b.0));
        let specs: Vec<_> = specs.into_iter().map(|(_, c)| c).collect();
        let words = 3 + n;
        self.ensure_room(words as u64, uint_arg(ins, 3));
        // Values are read after the collection ensure_room may run.
        let vals: Vec<_> = pairs.iter().map(|(_, v)| self.get(v)).collect();
        let hp = self.get_hp();
        let hdr = self.iconst(make_header(2 + n, HDR_MAP));
        self.b.ins().store(mem(), hdr, hp, 0);
        let inf = self.iconst(info(Kind::Flat, 0, n));
        self.b.ins().store(mem(), inf, hp, 8);
        let kv = self.sym(crate::reloc::Sym::Keys(specs), 0);
        self.b.ins().store(mem(), kv, hp, 16);
        for (i, v) in vals.into_iter().enumerate() {
            self.b.ins().store(mem(), v, hp, 24 + 8 * i as i32);
        }
        let nhp = self.b.ins().iadd_imm_s(hp, 8 * words as i64);
        self.set_hp(nhp);
        let m = self.b.ins().iadd_imm_s(hp, TAG_PRIMARY_BOXED as i64);
        self.put(&ins.args[2], m);
        true
    }
}
