//! The `Code` chunk: header and the instruction stream, decoded into
//! generic instructions with checked operands.

use crate::bigint::IntValue;
use crate::compact::{
    integer, read_raw, read_u, read_u32, tag_name, unsigned, unsigned32, unsigned_or_big, Raw,
    RawValue, TAG_A, TAG_F, TAG_H, TAG_I, TAG_U, TAG_X, TAG_Y, TAG_Z,
};
use crate::error::LoadError;
use crate::opcodes::Opcode;
use crate::operand::{Instr, Operand};
use crate::reader::{capacity_hint, Reader};
use crate::term::ETerm;

/// Registers (x, y and float) must be below this, as in the runtime.
pub const MAX_REG: u32 = 1024;

/// The instruction set number of every BEAM file since R5.
const FORMAT_NUMBER: u32 = 0;

/// The fixed fields at the start of the `Code` chunk.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct CodeHeader {
    pub instruction_set: u32,
    pub max_opcode: u32,
    pub label_count: u32,
    pub function_count: u32,
}

/// What operand decoding needs to know about the rest of the module.
pub(crate) struct OperandContext<'m> {
    /// Number of atoms (atom indexes 1..=atom_count are valid).
    pub atom_count: usize,
    pub label_count: u32,
    /// Literal table; old-style float operands are appended to it.
    pub literals: &'m mut Vec<ETerm>,
    /// Number of entries in the type table (0 when there is none).
    pub type_count: usize,
    /// Number of line items when there is a line table.
    pub line_items: Option<usize>,
}

/// Splits the `Code` chunk into its header and the code bytes.
pub(crate) fn parse_header(data: &[u8]) -> Result<(CodeHeader, &[u8]), LoadError> {
    let mut r = Reader::new(data, "Code chunk");
    let head_size = r.count32()?;
    let head = r.bytes(head_size)?;
    let code = r.rest();
    let mut h = Reader::new(head, "Code chunk header");
    let header = CodeHeader {
        instruction_set: h.u32()?,
        max_opcode: h.u32()?,
        label_count: h.u32()?,
        function_count: h.u32()?,
    };
    if header.instruction_set != FORMAT_NUMBER {
        return h.error(format!(
            "unsupported instruction set {} (expected {FORMAT_NUMBER})",
            header.instruction_set
        ));
    }
    Ok((header, code))
}

/// Decodes instructions up to (not including) `int_code_end`.
pub(crate) fn decode_instructions(
    code: &[u8],
    ctx: &mut OperandContext<'_>,
) -> Result<Vec<Instr>, LoadError> {
    let mut r = Reader::new(code, "Code chunk");
    let mut out = Vec::with_capacity(capacity_hint(code.len() / 3, code.len(), 1));
    loop {
        if r.is_empty() {
            return r.error("code ends without int_code_end");
        }
        let offset = r.pos();
        let number = r.u8()?;
        let Some(op) = Opcode::from_u8(number) else {
            return r.error(format!("unknown opcode {number} at code offset {offset}"));
        };
        if op == Opcode::IntCodeEnd {
            return Ok(out);
        }
        let mut args = crate::operand::Args::with_capacity(op.arity());
        for i in 0..op.arity() {
            let arg = read_operand(&mut r, ctx, true).map_err(|e| {
                e.context(&format!(
                    "{} operand {} at code offset {offset}",
                    op.name(),
                    i + 1
                ))
            })?;
            args.push(arg);
        }
        check_instruction(op, &args, ctx, &r)
            .map_err(|e| e.context(&format!("{} at code offset {offset}", op.name())))?;
        out.push(Instr { op, args });
    }
}

/// Checks the operands the loader itself relies on.
fn check_instruction(
    op: Opcode,
    args: &[Operand],
    ctx: &OperandContext<'_>,
    r: &Reader<'_>,
) -> Result<(), LoadError> {
    match (op, args) {
        (Opcode::Label, [Operand::Unsigned(n)]) if *n == 0 || *n >= u64::from(ctx.label_count) => {
            return r.error(format!(
                "label {n} outside 1..{} (label count)",
                ctx.label_count
            ));
        }
        (Opcode::Label, [Operand::Unsigned(_)]) => {}
        (Opcode::Label, _) => return r.error("label operand is not a 'u' term"),
        (Opcode::FuncInfo, [Operand::Atom(_), Operand::Atom(_), Operand::Unsigned(a)])
            if *a > 255 =>
        {
            return r.error(format!("function arity {a} is over 255"));
        }
        (Opcode::FuncInfo, [Operand::Atom(_), Operand::Atom(_), Operand::Unsigned(_)]) => {}
        (Opcode::FuncInfo, _) => return r.error("func_info operands are not (atom, atom, u)"),
        (Opcode::Line, [Operand::Unsigned(n)]) => {
            if let Some(items) = ctx.line_items {
                if usize::try_from(*n).map_or(true, |n| n >= items) {
                    return r.error(format!(
                        "line item {n} outside the line table ({items} items)"
                    ));
                }
            }
        }
        (Opcode::Line, _) => return r.error("line operand is not a 'u' term"),
        // BEAM's loader has a `u` too large for a word (TAG_o) match only
        // `bs_test_tail2 Fail Ms o => jump Fail`; anywhere else no
        // specific instruction accepts it.
        (Opcode::BsTestTail2, [_, _, Operand::UnsignedBig(_)]) => {}
        (_, args) if args.iter().any(has_big_unsigned) => {
            return r.error("unsigned operand does not fit in 64 bits");
        }
        _ => {}
    }
    Ok(())
}

/// True for an `UnsignedBig` operand or an extended list holding one.
fn has_big_unsigned(op: &Operand) -> bool {
    match op {
        Operand::UnsignedBig(_) => true,
        Operand::List(items) => items.iter().any(has_big_unsigned),
        _ => false,
    }
}

fn register(tag: u8, value: RawValue<'_>, r: &Reader<'_>) -> Result<Operand, LoadError> {
    let n = unsigned32(value, r, "register number")?;
    if n >= MAX_REG {
        return r.error(format!(
            "register {} {n} is not below {MAX_REG}",
            tag_name(tag)
        ));
    }
    Ok(if tag == TAG_X {
        Operand::X(n)
    } else {
        Operand::Y(n)
    })
}

/// Reads one operand. Extended lists may not nest (`allow_list` is false
/// for their elements).
fn read_operand(
    r: &mut Reader<'_>,
    ctx: &mut OperandContext<'_>,
    allow_list: bool,
) -> Result<Operand, LoadError> {
    let Raw { tag, value } = read_raw(r)?;
    match tag {
        TAG_U => Ok(match unsigned_or_big(value) {
            Ok(v) => Operand::Unsigned(v),
            Err(big) => Operand::UnsignedBig(Box::new(big)),
        }),
        TAG_I => Ok(match integer(value) {
            IntValue::Small(v) => Operand::Integer(v),
            IntValue::Big(b) => Operand::BigInt(Box::new(b)),
        }),
        TAG_A => {
            let index = unsigned32(value, r, "atom index")?;
            if index == 0 {
                Ok(Operand::Nil)
            } else if usize::try_from(index).map_or(true, |i| i > ctx.atom_count) {
                r.error(format!(
                    "atom index {index} beyond the atom table ({} atoms)",
                    ctx.atom_count
                ))
            } else {
                Ok(Operand::Atom(index))
            }
        }
        TAG_X | TAG_Y => register(tag, value, r),
        TAG_F => {
            let label = unsigned32(value, r, "label")?;
            if label >= ctx.label_count {
                return r.error(format!(
                    "label {label} not below the label count {}",
                    ctx.label_count
                ));
            }
            Ok(Operand::Label(label))
        }
        TAG_H => Ok(Operand::Char(unsigned32(value, r, "character")?)),
        TAG_Z => read_extended(r, ctx, unsigned(value, r)?, allow_list),
        _ => r.error(format!("unknown compact term tag {tag}")),
    }
}

/// Reads the rest of an extended (`z`-tagged) operand.
fn read_extended(
    r: &mut Reader<'_>,
    ctx: &mut OperandContext<'_>,
    kind: u64,
    allow_list: bool,
) -> Result<Operand, LoadError> {
    match kind {
        0 => {
            // Old float: 8 bytes of IEEE double, made into a literal.
            let v = r.f64()?;
            if !v.is_finite() {
                return r.error("float operand is not finite");
            }
            let index =
                u32::try_from(ctx.literals.len()).or_else(|_| r.error("too many literals"))?;
            ctx.literals.push(ETerm::Float(v));
            Ok(Operand::Literal(index))
        }
        1 => {
            if !allow_list {
                return r.error("extended list nested inside an extended list");
            }
            let count = read_u(r, "extended list length")?;
            let count = usize::try_from(count).or_else(|_| r.error("list too long"))?;
            let mut items = Vec::with_capacity(capacity_hint(count, r.remaining(), 1));
            for _ in 0..count {
                items.push(read_operand(r, ctx, false)?);
            }
            Ok(Operand::List(Box::new(items)))
        }
        2 => {
            let n = read_u32(r, "float register")?;
            if n >= MAX_REG {
                return r.error(format!("float register {n} is not below {MAX_REG}"));
            }
            Ok(Operand::FReg(n))
        }
        3 => {
            let count = read_u(r, "allocation list length")?;
            let count = usize::try_from(count).or_else(|_| r.error("list too long"))?;
            let mut items = Vec::with_capacity(capacity_hint(count, r.remaining(), 2));
            for _ in 0..count {
                let kind = read_u32(r, "allocation kind")?;
                if kind > 2 {
                    return r.error(format!("allocation kind {kind} not in 0..=2"));
                }
                items.push((kind, read_u32(r, "allocation count")?));
            }
            Ok(Operand::AllocList(Box::new(items)))
        }
        4 => {
            let index = read_u32(r, "literal index")?;
            if usize::try_from(index).map_or(true, |i| i >= ctx.literals.len()) {
                return r.error(format!(
                    "literal {index} beyond the literal table ({} entries)",
                    ctx.literals.len()
                ));
            }
            Ok(Operand::Literal(index))
        }
        5 => {
            let Raw { tag, value } = read_raw(r)?;
            if tag != TAG_X && tag != TAG_Y {
                return r.error(format!(
                    "typed register has tag '{}', expected 'x' or 'y'",
                    tag_name(tag)
                ));
            }
            let reg = register(tag, value, r)?;
            let type_index = read_u32(r, "type index")?;
            if ctx.type_count == 0 {
                return Ok(reg);
            }
            if usize::try_from(type_index).map_or(true, |i| i >= ctx.type_count) {
                return r.error(format!(
                    "type index {type_index} beyond the type table ({} entries)",
                    ctx.type_count
                ));
            }
            Ok(Operand::TypedReg {
                reg: Box::new(reg),
                type_index,
            })
        }
        other => r.error(format!("unknown extended tag {other}")),
    }
}
