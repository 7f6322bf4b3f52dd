//! The per-function control-flow pass: the size of the stack frame (y
//! registers) carried along every edge of the code reachable from the
//! function's entry label.
//!
//! The JIT keeps y registers at `sp` and finds the continuation of a
//! `return` at `sp`, so a wrong frame size is a wild jump: every y register
//! must be inside the current frame, and `return`, `deallocate`, `trim` and
//! tail calls must find the frame their operands say.
//!
//! Paths with different frames may meet (BEAM's compiler shares a block
//! that raises, like `badmatch {y,2}`, between frames of 7 and 11 slots).
//! There the frame is *inexact*: at least the smaller size, which is all
//! y registers need, while returns, frame changes and tail calls need an
//! exact size, except a tail call of a function that never returns
//! (whose frame count the compiler does not keep exact either).
//!
//! Compiled Erlang jumps only forward, except receive loops
//! (`loop_rec_end` back to its `loop_rec`, `wait` and `wait_timeout`), so
//! one pass in code order sees every forward edge into a label before the
//! label: each instruction is looked at once. Backward edges other than
//! those are rejected (such a loop would never yield the scheduler), and a
//! backward edge must bring the frame the label already has. The pass also
//! rejects control falling off the end of the function (the JIT would
//! trap there), and `trim` while a catch may be active (an exception
//! resumes at the handler with the frame the `try`/`catch` saw).

use super::FnCx;
use crate::error::LoadError;
use crate::fasthash::FastMap as HashMap;
use crate::opcodes::{Family, Opcode};
use crate::operand::{Instr, Operand};

/// The frame at a point of the code.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Frame {
    /// Slots that exist on every path to this point.
    slots: u32,
    /// All paths have exactly `slots` slots.
    exact: bool,
    /// Catch tags (`try`, `catch`) that may be active: an exception
    /// resumes at a handler with `sp` at the bottom of the frame holding
    /// the tag, so the frame must not be trimmed under it.
    catches: u32,
}

impl Frame {
    const EMPTY: Frame = Frame {
        slots: 0,
        exact: true,
        catches: 0,
    };

    fn exact(slots: u32) -> Frame {
        Frame {
            slots,
            exact: true,
            catches: 0,
        }
    }

    fn join(self, other: Frame) -> Frame {
        Frame {
            slots: self.slots.min(other.slots),
            exact: self.exact && other.exact && self.slots == other.slots,
            catches: self.catches.max(other.catches),
        }
    }
}

pub(super) fn check(cx: &FnCx<'_>) -> Result<(), LoadError> {
    let instrs = &cx.f.instrs;
    // A function with an instruction the JIT does not lower is compiled
    // to a stub that raises when called: its body never runs.
    if instrs.iter().any(|i| i.op.family() == Family::None) {
        return Ok(());
    }
    // Jumps to the label before func_info raise function_clause (any
    // frame will do: the raise does not look at it).
    let head_label = instrs.first().and_then(super::label_def);
    // The frame at each label: from the forward edges seen so far, then
    // (once the pass is at the label) final.
    // Sized for every label at once: growing it was a third of the
    // verifier's allocations.
    let labels = instrs.iter().filter(|i| i.op == Opcode::Label).count();
    let mut frames: HashMap<u32, Frame> =
        HashMap::with_capacity_and_hasher(labels + 1, Default::default());
    frames.insert(cx.f.entry_label, Frame::EMPTY);
    // The frame of the instruction about to be looked at; `None` where no
    // path leads (code after a jump, and the function head).
    let mut cur: Option<Frame> = None;
    for (idx, ins) in instrs.iter().enumerate() {
        if let Some(l) = super::label_def(ins) {
            let reached = frames.get(&l).copied();
            cur = match (cur, reached) {
                (Some(a), Some(b)) => Some(a.join(b)),
                (a, b) => a.or(b),
            };
            if let Some(f) = cur {
                frames.insert(l, f);
            }
            continue;
        }
        let Some(frame) = cur else { continue };
        cur = step(cx, idx, ins, frame, head_label, &mut frames)?;
    }
    if cur.is_some() {
        let last = instrs.len().saturating_sub(1);
        return Err(cx.error(last, "control falls off the end of the function"));
    }
    Ok(())
}

/// Checks one reachable instruction; returns the frame after it, or `None`
/// if control does not go on to the next instruction.
fn step(
    cx: &FnCx<'_>,
    idx: usize,
    ins: &Instr,
    frame: Frame,
    head_label: Option<u32>,
    frames: &mut HashMap<u32, Frame>,
) -> Result<Option<Frame>, LoadError> {
    check_ys(ins, frame).map_err(|why| cx.error(idx, &why))?;
    // The handler of a `try`/`catch` runs with its tag still in the frame.
    let with_catch = Frame {
        catches: frame.catches.saturating_add(1),
        ..frame
    };
    let tags = matches!(ins.op, Opcode::Try | Opcode::Catch);
    for l in branch_targets(ins) {
        if Some(l) == head_label {
            continue;
        }
        let f = if tags { with_catch } else { frame };
        edge(cx, idx, ins.op, l, f, frames)?;
    }
    let n = |i: usize| match ins.args.get(i) {
        Some(Operand::Unsigned(v)) => u32::try_from(*v).unwrap_or(u32::MAX),
        _ => 0,
    };
    let need = |want: u32| {
        if frame.exact && frame.slots == want {
            Ok(())
        } else if frame.exact {
            let f = frame.slots;
            Err(cx.error(idx, &format!("the frame has {f} slots here, not {want}")))
        } else {
            Err(cx.error(idx, "the frame size differs between the paths to here"))
        }
    };
    use Opcode::*;
    Ok(match ins.op {
        Allocate | AllocateZero | AllocateHeap | AllocateHeapZero => {
            need(0).map_err(|_| cx.error(idx, "allocate with a frame already allocated"))?;
            Some(Frame::exact(n(0)))
        }
        Deallocate => {
            need(n(0))?;
            Some(Frame::EMPTY)
        }
        Trim => {
            need(n(0).saturating_add(n(1)))?;
            if frame.catches > 0 {
                return Err(cx.error(idx, "trim while a catch is active"));
            }
            Some(Frame::exact(n(1)))
        }
        Try | Catch => Some(with_catch),
        TryEnd | TryCase | CatchEnd => Some(Frame {
            catches: frame.catches.saturating_sub(1),
            ..frame
        }),
        CallExtLast | CallExtOnly if no_return(cx, ins) => None,
        CallLast | CallExtLast => {
            need(n(2))?;
            None
        }
        ApplyLast => {
            need(n(1))?;
            None
        }
        Return | CallOnly | CallExtOnly => {
            need(0)?;
            None
        }
        Jump | SelectVal | SelectTupleArity | Badmatch | CaseEnd | IfEnd | TryCaseEnd
        | Badrecord | Raise | RawRaise | LoopRecEnd | Wait | FuncInfo => None,
        _ => Some(frame),
    })
}

/// An edge from instruction `from` to label `l`.
fn edge(
    cx: &FnCx<'_>,
    from: usize,
    op: Opcode,
    l: u32,
    frame: Frame,
    frames: &mut HashMap<u32, Frame>,
) -> Result<(), LoadError> {
    let Some(pos) = cx.label_pos(l) else {
        return Err(cx.error(from, &format!("label {l} is not in this function")));
    };
    if pos > from {
        let joined = frames.get(&l).map_or(frame, |f| f.join(frame));
        frames.insert(l, joined);
        return Ok(());
    }
    // `wait` suspends the process; `loop_rec_end` moves to the next
    // message, and the `loop_rec` it goes back to leaves the loop when
    // there is none.
    let to_loop_rec =
        cx.f.instrs
            .get(pos + 1)
            .is_some_and(|i| i.op == Opcode::LoopRec);
    let receive = match op {
        Opcode::Wait | Opcode::WaitTimeout => true,
        Opcode::LoopRecEnd => to_loop_rec,
        _ => false,
    };
    if !receive {
        return Err(cx.error(from, &format!("backward jump to label {l}")));
    }
    match frames.get(&l) {
        Some(&f) if f == frame && f.exact => Ok(()),
        _ => Err(cx.error(
            from,
            &format!("label {l} is reached with a different frame"),
        )),
    }
}

/// A call of a function that always raises (`erlang:exit/1`,
/// `error/1,2,3`, `throw/1`, `raise/3`, `nif_error/1,2`): BIFs, which the
/// JIT calls in place and which raise before the frame would be popped.
fn no_return(cx: &FnCx<'_>, ins: &Instr) -> bool {
    let imp = match ins.args.get(1) {
        Some(Operand::Unsigned(i)) => cx.m.imports.get(*i as usize),
        _ => None,
    };
    imp.is_some_and(|i| {
        i.module == "erlang"
            && matches!(
                (i.function.as_str(), i.arity),
                ("exit", 1) | ("throw", 1) | ("error", 1..=3) | ("raise", 3) | ("nif_error", 1..=2)
            )
    })
}

/// The labels an instruction may branch to (calls excluded).
fn branch_targets(ins: &Instr) -> impl Iterator<Item = u32> + '_ {
    let direct = ins
        .op
        .kinds()
        .iter()
        .zip(&ins.args)
        .filter(|(k, _)| matches!(k, b'f' | b'j' | b'g'))
        .map(|(_, a)| a);
    let select = matches!(ins.op, Opcode::SelectVal | Opcode::SelectTupleArity);
    let listed = ins
        .args
        .get(2)
        .filter(|_| select)
        .into_iter()
        .flat_map(|a| match a {
            Operand::List(items) => items.as_slice(),
            _ => &[],
        });
    direct.chain(listed).filter_map(|a| match a {
        Operand::Label(l) if *l != 0 => Some(*l),
        _ => None,
    })
}

/// Every y register the instruction names must be inside the frame.
fn check_ys(ins: &Instr, frame: Frame) -> Result<(), String> {
    fn walk(a: &Operand, frame: Frame) -> Result<(), String> {
        match a {
            Operand::Y(n) if *n >= frame.slots => Err(format!(
                "y({n}) is outside the frame ({} slots)",
                frame.slots
            )),
            Operand::TypedReg { reg, .. } => walk(reg, frame),
            Operand::List(items) => items.iter().try_for_each(|i| walk(i, frame)),
            _ => Ok(()),
        }
    }
    ins.args.iter().try_for_each(|a| walk(a, frame))
}
