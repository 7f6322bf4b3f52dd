//! Verified loading: before the JIT sees a module, check everything the
//! JIT relies on, so that a corrupt `.beam` is an error, never a crash.
//!
//! Module level (this file): every label is defined once; exports, locals
//! and lambdas name function entry labels of the right arity.
//! Per instruction (`operands`): each operand has the kind the opcode table
//! gives (`Opcode::kinds`), every label an instruction names exists in its
//! function (calls: a function entry of the module), import, lambda and
//! string-table references are in range, and the extended lists of
//! `select_*`, maps, `put_tuple2`, `make_fun3`, `init_yregs` and
//! `bs_create_bin` are well formed.
//! Per function (`flow`): a forward pass over the reachable code tracks the
//! stack frame size through `allocate`/`deallocate`/`trim` and calls, and
//! checks every y register against it, the frame at every join, that
//! returns and tail calls leave with the right frame, that control never
//! falls off the end, and that the only backward edges are receive loops.
//!
//! What it does not check: types (that `get_tuple_element` reads a tuple
//! of that size, as BEAM's compiler guarantees and beam_validator proves).
//! Every check is linear in the size of the code.

mod flow;
mod operands;

use crate::error::LoadError;
use crate::functions::Function;
use crate::module::Module;
use crate::operand::{Instr, Operand};

/// Highest heap need (words) an instruction may ask for: 2^28 words
/// (2 GiB), far beyond anything compiled code asks for.
pub const MAX_HEAP_NEED: u64 = 1 << 28;

/// Where each label is: its function and position there.
pub(crate) struct Labels {
    /// Indexed by label: (function index, instruction index), or `None`.
    at: Vec<Option<(u32, u32)>>,
    /// Entry label -> function index.
    entry: Vec<Option<u32>>,
}

impl Labels {
    fn pos_in(&self, label: u32, fidx: usize) -> Option<usize> {
        match self.at.get(label as usize).copied().flatten() {
            Some((f, p)) if f as usize == fidx => Some(p as usize),
            _ => None,
        }
    }
    fn function_at(&self, label: u32) -> Option<usize> {
        self.entry
            .get(label as usize)
            .copied()
            .flatten()
            .map(|f| f as usize)
    }
}

/// Checks a parsed module; the error names the function and instruction.
pub fn verify(m: &Module) -> Result<(), LoadError> {
    let labels = collect_labels(m)?;
    for e in &m.exports {
        check_entry(m, &labels, "export", &e.function, e.arity, e.label)?;
    }
    for e in &m.locals {
        check_entry(m, &labels, "local", &e.function, e.arity, e.label)?;
    }
    for l in &m.lambdas {
        check_entry(m, &labels, "lambda", &l.function, l.arity, l.label)?;
    }
    for (fidx, f) in m.functions.iter().enumerate() {
        let cx = FnCx {
            m,
            f,
            fidx,
            labels: &labels,
        };
        for (idx, ins) in f.instrs.iter().enumerate() {
            operands::check(&cx, ins).map_err(|why| cx.error(idx, &why))?;
        }
        flow::check(&cx)?;
    }
    Ok(())
}

fn collect_labels(m: &Module) -> Result<Labels, LoadError> {
    let n = m.label_count as usize;
    let mut at = vec![None; n];
    let mut entry = vec![None; n];
    for (fidx, f) in m.functions.iter().enumerate() {
        for (idx, ins) in f.instrs.iter().enumerate() {
            if let Some(l) = label_def(ins) {
                let slot = at.get_mut(l as usize).ok_or_else(|| {
                    LoadError::new(format!("label {l} not below the label count {n}"))
                })?;
                if slot.is_some() {
                    return Err(LoadError::new(format!(
                        "function {}:{}/{}: label {l} defined twice",
                        m.name, f.name, f.arity
                    )));
                }
                *slot = Some((fidx as u32, idx as u32));
            }
        }
        if let Some(e) = entry.get_mut(f.entry_label as usize) {
            *e = Some(fidx as u32);
        }
    }
    Ok(Labels { at, entry })
}

/// An export, local or lambda must name a function's entry label, and that
/// function must have its name and arity.
fn check_entry(
    m: &Module,
    labels: &Labels,
    what: &str,
    name: &str,
    arity: u32,
    label: u32,
) -> Result<(), LoadError> {
    let f = labels.function_at(label).and_then(|i| m.functions.get(i));
    match f {
        Some(f) if f.arity == arity && (what == "lambda" || f.name == name) => Ok(()),
        _ => Err(LoadError::new(format!(
            "{what} {name}/{arity} names label {label}, \
             which is not the entry of {name}/{arity}"
        ))),
    }
}

/// The label an instruction defines.
fn label_def(ins: &Instr) -> Option<u32> {
    match (ins.op, ins.args.as_slice()) {
        (crate::Opcode::Label, [Operand::Unsigned(l)]) => u32::try_from(*l).ok(),
        _ => None,
    }
}

/// What the per-function checks need.
pub(crate) struct FnCx<'a> {
    pub m: &'a Module,
    pub f: &'a Function,
    pub fidx: usize,
    pub labels: &'a Labels,
}

impl FnCx<'_> {
    /// The one-line report of a bad instruction, worded as erl's
    /// ("Error loading function M:F/A: op NAME ARGS: WHY").
    pub fn error(&self, idx: usize, why: &str) -> LoadError {
        let op = match self.f.instrs.get(idx) {
            Some(ins) => show_instr(ins),
            None => "(end of function)".to_string(),
        };
        LoadError::new(format!(
            "function {}:{}/{}: op {op}: {why}",
            self.m.name, self.f.name, self.f.arity
        ))
    }

    /// Is `l` a label of this function?
    pub fn has_label(&self, l: u32) -> bool {
        self.labels.pos_in(l, self.fidx).is_some()
    }

    pub fn label_pos(&self, l: u32) -> Option<usize> {
        self.labels.pos_in(l, self.fidx)
    }

    /// The function whose entry label is `l`.
    pub fn callee(&self, l: u32) -> Option<&Function> {
        self.labels
            .function_at(l)
            .and_then(|i| self.m.functions.get(i))
    }
}

/// An instruction as `name op1 op2 ...`, lists shortened.
fn show_instr(ins: &Instr) -> String {
    let mut s = ins.op.name().to_string();
    for a in &ins.args {
        s.push(' ');
        show_operand(&mut s, a, 0);
    }
    s
}

fn show_operand(s: &mut String, op: &Operand, depth: usize) {
    use std::fmt::Write;
    let _ = match op {
        Operand::Unsigned(v) => write!(s, "{v}"),
        Operand::UnsignedBig(b) => write!(s, "{b}"),
        Operand::Integer(v) => write!(s, "i({v})"),
        Operand::BigInt(b) => write!(s, "i({b})"),
        Operand::Atom(a) => write!(s, "a({a})"),
        Operand::Nil => write!(s, "[]"),
        Operand::X(n) => write!(s, "x({n})"),
        Operand::Y(n) => write!(s, "y({n})"),
        Operand::FReg(n) => write!(s, "fr({n})"),
        Operand::Label(l) => write!(s, "f({l})"),
        Operand::Char(c) => write!(s, "h({c})"),
        Operand::Literal(i) => write!(s, "lit({i})"),
        Operand::AllocList(items) => write!(s, "alloc({items:?})"),
        Operand::TypedReg { reg, .. } => {
            show_operand(s, reg, depth);
            Ok(())
        }
        Operand::List(items) => {
            s.push('[');
            for (i, it) in items.iter().enumerate() {
                if i > 0 {
                    s.push(',');
                }
                if i == 8 || depth > 0 {
                    s.push_str("...");
                    break;
                }
                show_operand(s, it, depth + 1);
            }
            s.push(']');
            Ok(())
        }
    };
}
