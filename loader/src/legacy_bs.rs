//! Binary construction as OTP 24 and older compilers emit it, turned into
//! OTP 25's `bs_create_bin` at load time (BEAM 25's loader still accepts
//! these modules; escripts such as Debian's rebar3 are built with them).
//!
//! The old form is a start instruction followed by one instruction per
//! segment:
//!
//! ```text
//! bs_init2 Fail Sz Words Live Flags Dst      bs_init_bits  (same operands)
//! bs_append Fail Sz Extra Live Unit Bin Flags Dst
//! bs_private_append Fail Sz Unit Bin Flags Dst
//!     bs_put_integer|binary|float Fail Sz Unit Flags Src
//!     bs_put_utf8|utf16|utf32 Fail Flags Src
//!     bs_put_string Len Offset
//! ```
//!
//! which becomes `bs_create_bin Fail Alloc Live 1 Dst [Segments]`, one
//! segment per `bs_put_*` (after a leading `append`/`private_append`
//! segment). The total size operand (computed by `bs_add` and
//! `bs_utf8_size`, which stay and are lowered on their own) is not needed:
//! `bs_create_bin` sizes the binary from its segments. The destination is
//! written once the binary is complete instead of before the segments,
//! which no code can observe: the segments' sources are live values, never
//! the destination. Field flags keep their bits (`little` 2, `signed` 4,
//! `native` 16), the same bits `bs_create_bin`'s flag lists map to.
//! Every segment is numbered 0, which OTP 25 code never uses: the old
//! instructions fail with a bare `badarg` (no `error_info`), and the
//! runtime raises so for segment 0.
//!
//! A sequence this pass does not recognise is left alone; its
//! instructions stay unsupported (`{girder_unsupported, Op}` when run).

use crate::module::Module;
use crate::opcodes::Opcode;
use crate::operand::{Instr, Operand};

/// Rewrites every recognised old construction sequence in `m`.
pub(crate) fn rewrite(m: &mut Module) {
    if !m
        .functions
        .iter()
        .any(|f| f.instrs.iter().any(|i| is_start(i.op)))
    {
        return;
    }
    let mut atoms = Atoms {
        m_atoms: &mut m.atoms,
    };
    for f in &mut m.functions {
        if !f.instrs.iter().any(|i| is_start(i.op)) {
            continue;
        }
        let old = std::mem::take(&mut f.instrs);
        let mut out = Vec::with_capacity(old.len());
        let mut i = 0;
        while i < old.len() {
            if is_start(old[i].op) {
                let end = (i + 1..old.len())
                    .find(|&j| !is_put(old[j].op))
                    .unwrap_or(old.len());
                if let Some(ins) = convert(&old, i, end, &mut atoms) {
                    out.push(ins);
                    i = end;
                    continue;
                }
            }
            out.push(old[i].clone());
            i += 1;
        }
        f.instrs = out;
    }
}

fn is_start(op: Opcode) -> bool {
    use Opcode::*;
    matches!(op, BsInit2 | BsInitBits | BsAppend | BsPrivateAppend)
}

fn is_put(op: Opcode) -> bool {
    use Opcode::*;
    matches!(
        op,
        BsPutInteger | BsPutBinary | BsPutFloat | BsPutString | BsPutUtf8 | BsPutUtf16 | BsPutUtf32
    )
}

/// The module's atom table, extended with the segment type names.
struct Atoms<'a> {
    m_atoms: &'a mut Vec<String>,
}

impl Atoms<'_> {
    /// The operand for atom `name` (`Operand::Atom(i)` is `atoms[i - 1]`).
    fn get(&mut self, name: &str) -> Operand {
        let i = match self.m_atoms.iter().position(|a| a == name) {
            Some(i) => i,
            None => {
                self.m_atoms.push(name.to_string());
                self.m_atoms.len() - 1
            }
        };
        Operand::Atom(i as u32 + 1)
    }
}

fn unsigned(a: Option<&Operand>) -> Option<u64> {
    match a {
        Some(Operand::Unsigned(n)) => Some(*n),
        _ => None,
    }
}

/// The live count for a `bs_private_append` (which has none): that of the
/// `test_heap` the old compiler puts right before it (lines aside).
fn live_before(instrs: &[Instr], at: usize) -> Option<u64> {
    let prev = instrs[..at].iter().rev().find(|i| i.op != Opcode::Line)?;
    match prev.op {
        Opcode::TestHeap => unsigned(prev.args.get(1)),
        _ => None,
    }
}

/// `instrs[start]` and the puts in `start + 1..end` as one `bs_create_bin`.
fn convert(instrs: &[Instr], start: usize, end: usize, atoms: &mut Atoms<'_>) -> Option<Instr> {
    use Opcode::*;
    let head = &instrs[start];
    let a = &head.args;
    let fail = a.first()?.clone();
    let mut segs: Vec<Operand> = Vec::new();
    // (alloc, live, dst)
    let (alloc, live, dst) = match head.op {
        BsInit2 | BsInitBits => (unsigned(a.get(2))?, unsigned(a.get(3))?, a.get(5)?),
        BsAppend => {
            // Fail Sz Extra Live Unit Bin Flags Dst
            segs.extend([
                atoms.get("append"),
                Operand::Unsigned(0),
                a.get(4)?.clone(),
                a.get(6)?.clone(),
                a.get(5)?.clone(),
                Operand::Nil,
            ]);
            (unsigned(a.get(2))?, unsigned(a.get(3))?, a.get(7)?)
        }
        BsPrivateAppend => {
            // Fail Sz Unit Bin Flags Dst
            segs.extend([
                atoms.get("private_append"),
                Operand::Unsigned(0),
                a.get(2)?.clone(),
                a.get(4)?.clone(),
                a.get(3)?.clone(),
                Operand::Nil,
            ]);
            (0, live_before(instrs, start)?, a.get(5)?)
        }
        _ => return None,
    };
    for put in &instrs[start + 1..end] {
        let p = &put.args;
        let no = Operand::Unsigned(0);
        match put.op {
            BsPutString => {
                // Len Offset
                let len = i64::try_from(unsigned(p.first())?).ok()?;
                let off = unsigned(p.get(1))?;
                segs.extend([
                    atoms.get("string"),
                    no,
                    Operand::Unsigned(8),
                    Operand::Unsigned(0),
                    Operand::Unsigned(off),
                    Operand::Integer(len),
                ]);
            }
            BsPutInteger | BsPutBinary | BsPutFloat => {
                // Fail Sz Unit Flags Src
                if p.first()? != &fail {
                    return None;
                }
                let ty = match put.op {
                    BsPutInteger => "integer",
                    BsPutBinary => "binary",
                    _ => "float",
                };
                segs.extend([
                    atoms.get(ty),
                    no,
                    p.get(2)?.clone(),
                    p.get(3)?.clone(),
                    p.get(4)?.clone(),
                    p.get(1)?.clone(),
                ]);
            }
            BsPutUtf8 | BsPutUtf16 | BsPutUtf32 => {
                // Fail Flags Src
                if p.first()? != &fail {
                    return None;
                }
                let ty = match put.op {
                    BsPutUtf8 => "utf8",
                    BsPutUtf16 => "utf16",
                    _ => "utf32",
                };
                segs.extend([
                    atoms.get(ty),
                    no,
                    Operand::Unsigned(1),
                    p.get(1)?.clone(),
                    p.get(2)?.clone(),
                    Operand::Nil,
                ]);
            }
            _ => return None,
        }
    }
    Some(Instr {
        op: BsCreateBin,
        args: smallvec::smallvec![
            fail,
            Operand::Unsigned(alloc),
            Operand::Unsigned(live),
            Operand::Unsigned(1),
            dst.clone(),
            Operand::List(Box::new(segs)),
        ],
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::functions::Function;
    use Operand::*;

    fn ins(op: Opcode, args: Vec<Operand>) -> Instr {
        Instr {
            op,
            args: args.into(),
        }
    }

    fn module(instrs: Vec<Instr>) -> Module {
        Module {
            atoms: vec!["m".into()],
            functions: vec![Function {
                name: "f".into(),
                arity: 1,
                entry_label: 2,
                instrs,
            }],
            ..Module::default()
        }
    }

    #[test]
    fn init_and_puts_become_one_create_bin() {
        let mut m = module(vec![
            ins(
                Opcode::BsInit2,
                vec![
                    Label(0),
                    Integer(3),
                    Unsigned(4),
                    Unsigned(1),
                    Unsigned(0),
                    X(1),
                ],
            ),
            ins(
                Opcode::BsPutInteger,
                vec![Label(0), Integer(8), Unsigned(1), Unsigned(2), X(0)],
            ),
            ins(Opcode::BsPutString, vec![Unsigned(2), Unsigned(5)]),
            ins(Opcode::Return, vec![]),
        ]);
        rewrite(&mut m);
        let is = &m.functions[0].instrs;
        assert_eq!(is.len(), 2);
        assert_eq!(is[0].op, Opcode::BsCreateBin);
        assert_eq!(
            &is[0].args[..5],
            &[Label(0), Unsigned(4), Unsigned(1), Unsigned(1), X(1)]
        );
        let List(segs) = &is[0].args[5] else {
            panic!("no segment list")
        };
        assert_eq!(m.atoms, ["m", "integer", "string"]);
        assert_eq!(
            segs.as_slice(),
            &[
                Atom(2),
                Unsigned(0),
                Unsigned(1),
                Unsigned(2),
                X(0),
                Integer(8),
                Atom(3),
                Unsigned(0),
                Unsigned(8),
                Unsigned(0),
                Unsigned(5),
                Integer(2),
            ]
        );
    }

    #[test]
    fn private_append_needs_the_test_heap_before_it() {
        let pa = || {
            ins(
                Opcode::BsPrivateAppend,
                vec![Label(0), X(1), Unsigned(1), Y(1), Unsigned(0), X(1)],
            )
        };
        let put = || {
            ins(
                Opcode::BsPutBinary,
                vec![Label(0), Atom(9), Unsigned(8), Unsigned(0), X(0)],
            )
        };
        let mut m = module(vec![
            ins(Opcode::TestHeap, vec![Unsigned(0), Unsigned(2)]),
            pa(),
            put(),
        ]);
        rewrite(&mut m);
        let is = &m.functions[0].instrs;
        assert_eq!(is[1].op, Opcode::BsCreateBin);
        assert_eq!(is[1].args[2], Unsigned(2));
        // No live count known: left alone (unsupported when run).
        let mut m = module(vec![pa(), put()]);
        rewrite(&mut m);
        assert_eq!(m.functions[0].instrs[0].op, Opcode::BsPrivateAppend);
    }

    #[test]
    fn a_put_with_another_fail_label_is_left_alone() {
        let mut m = module(vec![
            ins(
                Opcode::BsInitBits,
                vec![
                    Label(7),
                    Integer(8),
                    Unsigned(0),
                    Unsigned(1),
                    Unsigned(0),
                    X(1),
                ],
            ),
            ins(
                Opcode::BsPutInteger,
                vec![Label(0), Integer(8), Unsigned(1), Unsigned(0), X(0)],
            ),
        ]);
        rewrite(&mut m);
        assert_eq!(m.functions[0].instrs[0].op, Opcode::BsInitBits);
    }
}
