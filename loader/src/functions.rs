//! Splitting the instruction stream into functions.
//!
//! A function starts with `label L`, an optional `line`, `func_info M F A`
//! and the entry `label`; it runs up to the start of the next function (or
//! the end of the code).

use crate::error::{fail, LoadError};
use crate::opcodes::Opcode;
use crate::operand::{Instr, Operand};

/// One function of a module.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Function {
    pub name: String,
    pub arity: u32,
    /// The label right after `func_info` (what exports and calls refer to).
    pub entry_label: u32,
    /// From the function's leading `label` (then `line`, `func_info`, the
    /// entry `label`, ...) up to the instruction before the next function's
    /// leading label. `int_code_end` is never included.
    pub instrs: Vec<Instr>,
}

/// Where a function starts and what it is called.
struct Head {
    start: usize,
    at: usize,
    name: String,
    arity: u32,
    entry_label: u32,
}

fn label_of(instr: Option<&Instr>) -> Option<u32> {
    match instr {
        Some(Instr {
            op: Opcode::Label,
            args,
        }) => match args.as_slice() {
            [Operand::Unsigned(n)] => u32::try_from(*n).ok(),
            _ => None,
        },
        _ => None,
    }
}

fn is_op(instr: Option<&Instr>, op: Opcode) -> bool {
    instr.is_some_and(|i| i.op == op)
}

/// Finds the function head around the `func_info` at `at`.
fn head_at(instrs: &[Instr], at: usize, atoms: &[String]) -> Result<Head, LoadError> {
    let err = |msg: &str| fail(format!("func_info at instruction {at}: {msg}"));
    let before = at.checked_sub(1).and_then(|i| instrs.get(i));
    let start = if is_op(before, Opcode::Line) {
        at.checked_sub(2)
    } else {
        at.checked_sub(1)
    };
    let Some(start) = start.filter(|&s| label_of(instrs.get(s)).is_some()) else {
        return err("not preceded by label (and optional line)");
    };
    let Some(entry_label) = label_of(instrs.get(at + 1)) else {
        return err("not followed by the entry label");
    };
    let (name, arity) = match instrs.get(at).map(|i| i.args.as_slice()) {
        Some([_, Operand::Atom(f), Operand::Unsigned(a)]) => {
            let name = usize::try_from(*f)
                .ok()
                .and_then(|f| f.checked_sub(1))
                .and_then(|f| atoms.get(f));
            match (name, u32::try_from(*a)) {
                (Some(name), Ok(arity)) => (name.clone(), arity),
                _ => return err("bad function name or arity"),
            }
        }
        _ => return err("operands are not (atom, atom, u)"),
    };
    Ok(Head {
        start,
        at,
        name,
        arity,
        entry_label,
    })
}

/// Groups instructions into functions. Every instruction must belong to a
/// function.
pub(crate) fn split_functions(
    instrs: Vec<Instr>,
    atoms: &[String],
) -> Result<Vec<Function>, LoadError> {
    let mut heads: Vec<Head> = Vec::new();
    for (at, instr) in instrs.iter().enumerate() {
        if instr.op == Opcode::FuncInfo {
            let head = head_at(&instrs, at, atoms)?;
            if let Some(prev) = heads.last() {
                // The previous function's entry label must come before
                // this function's leading label.
                if head.start <= prev.at + 1 {
                    return fail(format!(
                        "func_info at instruction {at} overlaps the previous function"
                    ));
                }
            }
            heads.push(head);
        }
    }
    match heads.first() {
        None if !instrs.is_empty() => return fail("code has instructions but no func_info"),
        Some(first) if first.start != 0 => {
            return fail(format!(
                "{} instructions before the first function",
                first.start
            ))
        }
        _ => {}
    }
    // Split from the last function backwards, shrinking the stream after
    // each cut: the memory a cut frees holds the next (earlier) functions'
    // copies, so a big module (unicode_util: 25K instructions, 2 MB) never
    // has its instructions twice over in memory.
    let mut instrs = instrs;
    instrs.shrink_to_fit();
    let mut functions = Vec::with_capacity(heads.len());
    for head in heads.iter().rev() {
        let body = instrs.split_off(head.start);
        instrs.shrink_to_fit();
        functions.push(Function {
            name: head.name.clone(),
            arity: head.arity,
            entry_label: head.entry_label,
            instrs: body,
        });
    }
    functions.reverse();
    Ok(functions)
}
