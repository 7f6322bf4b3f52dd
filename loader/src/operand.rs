//! Instruction operands and decoded instructions.

use crate::bigint::BigIntRepr;
use crate::opcodes::Opcode;

/// One operand of a generic instruction, decoded from the compact term
/// encoding.
///
/// Notes:
/// * An old-style float operand (extended tag 0, pre-R16B) is turned into a
///   `Literal` referring to an `ETerm::Float` appended to
///   `Module::literals`, as the runtime loader does.
/// * A typed register (`{tr, Reg, Type}`) in a module without a `Type`
///   chunk is given as the plain register, as the runtime loader does, so
///   `type_index` always indexes `Module::types`.
///
/// Sixteen bytes: the rare large operands (big integers, lists) are boxed,
/// since a module load decodes every instruction of the module (231,000
/// for the boot's 96 modules) into `Args` that hold four inline.
#[derive(Clone, Debug, PartialEq)]
pub enum Operand {
    /// `u` tag: an unsigned value (arities, sizes, live counts, indexes).
    Unsigned(u64),
    /// `u` tag too large for `u64` (BEAM's `TAG_o`, "overflow"): a bit
    /// count no binary can have, as in `<<_:16#1_0000_0000_0000_0000>>`.
    /// The loader accepts it only where BEAM's loader does: the bit count
    /// of `bs_test_tail2`, which then never matches.
    UnsignedBig(Box<BigIntRepr>),
    /// `i` tag that fits `i64`.
    Integer(i64),
    /// `i` tag too large for `i64`.
    BigInt(Box<BigIntRepr>),
    /// `a` tag with index >= 1: `Module::atoms[index - 1]`.
    Atom(u32),
    /// `a` tag with index 0: `[]`.
    Nil,
    X(u32),
    Y(u32),
    FReg(u32),
    /// `f` tag; `Label(0)` means "no fail label".
    Label(u32),
    /// `h` tag.
    Char(u32),
    /// Index into `Module::literals`.
    Literal(u32),
    /// Extended list (e.g. the jump table of `select_val`).
    List(Box<Vec<Operand>>),
    /// Allocation list: (kind, count) with kind 0 = words, 1 = floats,
    /// 2 = funs.
    AllocList(Box<Vec<(u32, u32)>>),
    /// Register with a type hint: `reg` is `X` or `Y`, `type_index` indexes
    /// `Module::types`.
    TypedReg {
        reg: Box<Operand>,
        type_index: u32,
    },
}

impl Operand {
    /// The register under a type hint, or the operand itself.
    pub fn untyped(&self) -> &Operand {
        match self {
            Operand::TypedReg { reg, .. } => reg,
            other => other,
        }
    }
}

/// One generic instruction.
#[derive(Clone, Debug, PartialEq)]
pub struct Instr {
    pub op: Opcode,
    /// Exactly `op.arity()` operands, inline up to four: a module load
    /// decodes every instruction of the module, and one allocation (and
    /// later free) per instruction was a tenth of preparing a module.
    pub args: Args,
}

/// An instruction's operands.
pub type Args = smallvec::SmallVec<[Operand; 4]>;

#[cfg(test)]
mod tests {
    #[test]
    fn operand_is_two_words() {
        assert_eq!(std::mem::size_of::<super::Operand>(), 16);
    }
}
