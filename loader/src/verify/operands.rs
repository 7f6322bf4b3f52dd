//! Per-instruction checks: operand kinds from the opcode table, label and
//! table references, and the shape of extended lists.

use super::{FnCx, MAX_HEAP_NEED};
use crate::code::MAX_REG;
use crate::fasthash::FastSet as HashSet;
use crate::opcodes::Opcode;
use crate::operand::{Instr, Operand};

/// Highest arity of a function, call or BIF (x registers 0..255 hold the
/// arguments; the fun of `call_fun` sits above them).
const MAX_ARITY: u64 = 255;

/// Tuples have fewer elements than this (BEAM's limit).
const MAX_TUPLE: u64 = 1 << 26;

type Check = Result<(), String>;

pub(super) fn check(cx: &FnCx<'_>, ins: &Instr) -> Check {
    let kinds = ins.op.kinds();
    if kinds.len() != ins.args.len() {
        return Err(format!(
            "{} operands, the table says {}",
            ins.args.len(),
            kinds.len()
        ));
    }
    for (i, (&k, a)) in kinds.iter().zip(&ins.args).enumerate() {
        kind(cx, k, a).map_err(|why| format!("operand {}: {why}", i + 1))?;
    }
    shape(cx, ins)
}

fn is_reg(a: &Operand) -> bool {
    matches!(a.untyped(), Operand::X(_) | Operand::Y(_))
}

fn is_source(a: &Operand) -> bool {
    is_reg(a)
        || matches!(
            a,
            Operand::Atom(_)
                | Operand::Nil
                | Operand::Integer(_)
                | Operand::BigInt(_)
                | Operand::Char(_)
                | Operand::Literal(_)
        )
}

fn unsigned_at_most(a: &Operand, max: u64, what: &str) -> Check {
    match a {
        Operand::Unsigned(n) if *n <= max => Ok(()),
        Operand::Unsigned(n) => Err(format!("{what} {n} is over {max}")),
        _ => Err(format!("{what} is not an unsigned number")),
    }
}

/// A label operand: defined in this function, and never 0 unless `zero_ok`.
fn local_label(cx: &FnCx<'_>, a: &Operand, zero_ok: bool) -> Check {
    match a {
        Operand::Label(0) if zero_ok => Ok(()),
        Operand::Label(l) if cx.has_label(*l) => Ok(()),
        Operand::Label(l) => Err(format!("label {l} is not in this function")),
        _ => Err("not a label".into()),
    }
}

fn kind(cx: &FnCx<'_>, k: u8, a: &Operand) -> Check {
    match k {
        b'u' => match a {
            Operand::Unsigned(_) | Operand::UnsignedBig(_) => Ok(()),
            _ => Err("not an unsigned number".into()),
        },
        b'r' => unsigned_at_most(a, MAX_ARITY, "arity"),
        b'v' => unsigned_at_most(a, u64::from(MAX_REG), "count"),
        b't' => match a {
            Operand::AllocList(items) => {
                let words: u64 = items.iter().map(|&(_, n)| 2 * u64::from(n)).sum();
                if words > MAX_HEAP_NEED {
                    return Err(format!("heap need {words} is over {MAX_HEAP_NEED}"));
                }
                Ok(())
            }
            _ => unsigned_at_most(a, MAX_HEAP_NEED, "heap need"),
        },
        b'f' => local_label(cx, a, true),
        b'j' => local_label(cx, a, false),
        b'g' => match a {
            Operand::Atom(_) => Ok(()),
            _ => local_label(cx, a, false),
        },
        b'c' => match a {
            Operand::Label(l) if cx.callee(*l).is_some() => Ok(()),
            _ => Err("not the entry label of a function of this module".into()),
        },
        b'b' => match a {
            Operand::Unsigned(i) if (*i as usize) < cx.m.imports.len() => Ok(()),
            _ => Err(format!(
                "not an import index (the module has {} imports)",
                cx.m.imports.len()
            )),
        },
        b'F' => match a {
            Operand::Unsigned(i) if (*i as usize) < cx.m.lambdas.len() => Ok(()),
            _ => Err(format!(
                "not a lambda index (the module has {} lambdas)",
                cx.m.lambdas.len()
            )),
        },
        b's' if is_source(a) => Ok(()),
        b's' => Err("not a source (register or constant)".into()),
        b'd' if is_reg(a) => Ok(()),
        b'd' => Err("not a destination register".into()),
        b'y' if matches!(a.untyped(), Operand::Y(_)) => Ok(()),
        b'y' => Err("not a y register".into()),
        b'a' if matches!(a, Operand::Atom(_) | Operand::Nil) => Ok(()),
        b'a' => Err("not an atom".into()),
        b'l' if matches!(a, Operand::FReg(_)) => Ok(()),
        b'l' => Err("not a float register".into()),
        b'S' if is_source(a) || matches!(a, Operand::FReg(_)) => Ok(()),
        b'S' => Err("not a source or float register".into()),
        b'D' if is_reg(a) || matches!(a, Operand::FReg(_)) => Ok(()),
        b'D' => Err("not a destination or float register".into()),
        b'L' if matches!(a, Operand::List(_)) => Ok(()),
        b'L' => Err("not a list".into()),
        _ => Ok(()), // '*': an instruction the JIT does not lower
    }
}

fn list(ins: &Instr, n: usize) -> &[Operand] {
    match ins.args.get(n) {
        Some(Operand::List(items)) => items,
        _ => &[],
    }
}

fn unsigned(ins: &Instr, n: usize) -> u64 {
    match ins.args.get(n) {
        Some(Operand::Unsigned(v)) => *v,
        _ => 0,
    }
}

/// The number of arguments of a BIF instruction (its operand count less
/// fail label, import, live count and destination).
fn bif_args(op: Opcode) -> Option<usize> {
    Some(match op {
        Opcode::Bif0 => 0,
        Opcode::Bif1 | Opcode::GcBif1 => 1,
        Opcode::Bif2 | Opcode::GcBif2 => 2,
        Opcode::GcBif3 => 3,
        _ => return None,
    })
}

/// Checks beyond single operand kinds.
fn shape(cx: &FnCx<'_>, ins: &Instr) -> Check {
    use Opcode::*;
    if let Some(n) = bif_args(ins.op) {
        let imp = match ins.op {
            Bif0 => 0,
            Bif1 | Bif2 => 1,
            _ => 2,
        };
        let Some(import) = cx.m.imports.get(unsigned(ins, imp) as usize) else {
            return Err("import index out of range".into());
        };
        if import.arity as usize != n {
            return Err(format!(
                "import {}:{}/{} called with {n} arguments",
                import.module, import.function, import.arity
            ));
        }
        return Ok(());
    }
    match ins.op {
        FuncInfo => match ins.args.as_slice() {
            [Operand::Atom(1), Operand::Atom(_), Operand::Unsigned(_)] => Ok(()),
            _ => Err("func_info of another module".into()),
        },
        Call | CallLast | CallOnly => {
            let callee = match ins.args.get(1) {
                Some(Operand::Label(l)) => cx.callee(*l),
                _ => None,
            };
            match callee {
                Some(f) if u64::from(f.arity) == unsigned(ins, 0) => Ok(()),
                Some(f) => Err(format!("calls {}/{} with another arity", f.name, f.arity)),
                None => Err("no function at the call's label".into()),
            }
        }
        CallExt | CallExtLast | CallExtOnly => {
            let i = unsigned(ins, 1) as usize;
            match cx.m.imports.get(i) {
                Some(imp) if u64::from(imp.arity) == unsigned(ins, 0) => Ok(()),
                Some(imp) => Err(format!(
                    "calls {}:{}/{} with another arity",
                    imp.module, imp.function, imp.arity
                )),
                None => Err("import index out of range".into()),
            }
        }
        SelectVal => select(cx, list(ins, 2), |a| is_source(a) && !is_reg(a)),
        SelectTupleArity => select(cx, list(ins, 2), |a| matches!(a, Operand::Unsigned(_))),
        GetMapElements => pairs(list(ins, 2), is_source, is_reg),
        PutMapAssoc | PutMapExact => pairs(list(ins, 4), is_source, is_source),
        HasMapFields | PutTuple2 => all(list(ins, ins.args.len() - 1), is_source),
        InitYregs => all(list(ins, 0), |a| matches!(a.untyped(), Operand::Y(_))),
        MakeFun3 => {
            let free =
                cx.m.lambdas
                    .get(unsigned(ins, 0) as usize)
                    .map(|l| l.num_free);
            all(list(ins, 2), is_source)?;
            if free != Some(list(ins, 2).len() as u32) {
                return Err("free variable count differs from the lambda's".into());
            }
            Ok(())
        }
        // Tuple arities and element indexes become word offsets in the
        // generated code: bounded by the largest tuple (BEAM's 2^26 - 1).
        GetTupleElement | SetTupleElement | TestArity | IsTaggedTuple => {
            let at = if ins.op == GetTupleElement { 1 } else { 2 };
            if unsigned(ins, at) >= MAX_TUPLE {
                return Err(format!(
                    "tuple size or index {} is too large",
                    unsigned(ins, at)
                ));
            }
            Ok(())
        }
        BsCreateBin => create_bin(cx, list(ins, 5)),
        BsMatchString => {
            let bits = unsigned(ins, 2);
            let off = unsigned(ins, 3);
            string_in_range(cx, off, bits.div_ceil(8))
        }
        _ => Ok(()),
    }
}

fn all(items: &[Operand], ok: impl Fn(&Operand) -> bool) -> Check {
    match items.iter().position(|a| !ok(a)) {
        None => Ok(()),
        Some(i) => Err(format!("list element {} has the wrong kind", i + 1)),
    }
}

fn pairs(
    items: &[Operand],
    first: impl Fn(&Operand) -> bool,
    second: impl Fn(&Operand) -> bool,
) -> Check {
    if !items.len().is_multiple_of(2) {
        return Err("list of pairs has an odd length".into());
    }
    for (i, p) in items.chunks(2).enumerate() {
        if !first(&p[0]) || !second(&p[1]) {
            return Err(format!("list pair {} has the wrong kinds", i + 1));
        }
    }
    Ok(())
}

/// A `select_val`/`select_tuple_arity` list: (value, label) pairs, no value
/// twice.
fn select(cx: &FnCx<'_>, items: &[Operand], value: impl Fn(&Operand) -> bool) -> Check {
    pairs(items, value, |l| matches!(l, Operand::Label(n) if *n != 0))?;
    let mut seen = HashSet::with_capacity_and_hasher(items.len() / 2, Default::default());
    for p in items.chunks(2) {
        if let Operand::Label(l) = &p[1] {
            local_label(cx, &p[1], false).map_err(|e| format!("select target {l}: {e}"))?;
        }
        if !seen.insert(OperandKey(&p[0])) {
            return Err("select list has a value twice".into());
        }
    }
    Ok(())
}

/// Hashable view of a constant operand.
struct OperandKey<'a>(&'a Operand);

impl PartialEq for OperandKey<'_> {
    fn eq(&self, other: &Self) -> bool {
        self.0 == other.0
    }
}
impl Eq for OperandKey<'_> {}
impl std::hash::Hash for OperandKey<'_> {
    fn hash<H: std::hash::Hasher>(&self, h: &mut H) {
        format!("{:?}", self.0).hash(h)
    }
}

fn string_in_range(cx: &FnCx<'_>, off: u64, len: u64) -> Check {
    match off.checked_add(len) {
        Some(end) if end <= cx.m.strings.len() as u64 => Ok(()),
        _ => Err(format!(
            "string {off}+{len} beyond the string table ({} bytes)",
            cx.m.strings.len()
        )),
    }
}

/// `bs_create_bin`'s segment list: groups of (type atom, segment number,
/// unit, flags, source, size); a `string` segment's source and size are an
/// offset and length in the string table.
fn create_bin(cx: &FnCx<'_>, items: &[Operand]) -> Check {
    if !items.len().is_multiple_of(6) {
        return Err("segment list length is not a multiple of 6".into());
    }
    let plain = |a: &Operand| is_source(a) || matches!(a, Operand::Unsigned(_));
    for (i, g) in items.chunks(6).enumerate() {
        let Operand::Atom(t) = &g[0] else {
            return Err(format!("segment {} has no type atom", i + 1));
        };
        if !g[1..].iter().all(plain) {
            return Err(format!(
                "segment {} has an operand of the wrong kind",
                i + 1
            ));
        }
        if cx.m.atom(*t) == Some("string") {
            match (&g[4], &g[5]) {
                (Operand::Unsigned(off), Operand::Integer(len)) if *len >= 0 => {
                    string_in_range(cx, *off, *len as u64)?
                }
                _ => return Err(format!("string segment {} is malformed", i + 1)),
            }
        }
    }
    Ok(())
}
