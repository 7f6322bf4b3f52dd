//! Splits each BEAM function into entry points. An entry point is where
//! native code can be entered from outside the straight-line flow: the
//! function's body label, the code after each non-tail call (its
//! continuation), each receive loop head that `wait` resumes, and each
//! `catch`/`try` handler. Every entry point becomes one Cranelift function;
//! other labels become blocks inside the entry points that reach them.

use girder_loader::{FastMap as HashMap, FastSet as HashSet};
use girder_loader::{Function, Instr, Opcode, Operand};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum EntryKind {
    /// The body label of function `index`.
    Body,
    /// A label resumed by `wait`/`wait_timeout` or a catch handler.
    Label(u32),
    /// The instruction after the non-tail call at this index.
    Continuation(usize),
    /// A `gc_bif` at this index whose BIF steps in place (`BifDef::step`):
    /// resumed after it yielded, to call the step again.
    BifStep(usize),
}

#[derive(Clone, Debug)]
pub struct Entry {
    pub kind: EntryKind,
    /// Index of the first instruction to emit.
    pub start: usize,
}

/// The plans of a module's functions, made when a function is lowered
/// (`ModCx::plan`) and dropped once it is compiled: a function without one
/// reads as the empty plan (no entries), so that the table costs a word
/// per function.
#[derive(Default)]
pub struct Plans(Vec<Option<Box<FunctionPlan>>>);

#[allow(clippy::len_without_is_empty)]
impl Plans {
    pub fn new(n: usize) -> Plans {
        Plans((0..n).map(|_| None).collect())
    }
    pub fn len(&self) -> usize {
        self.0.len()
    }
    pub fn is_planned(&self, fidx: usize) -> bool {
        matches!(self.0.get(fidx), Some(Some(_)))
    }
    pub fn set(&mut self, fidx: usize, p: FunctionPlan) {
        self.0[fidx] = Some(Box::new(p));
    }
    pub fn drop_plan(&mut self, fidx: usize) {
        self.0[fidx] = None;
    }
}

impl std::ops::Index<usize> for Plans {
    type Output = FunctionPlan;
    fn index(&self, fidx: usize) -> &FunctionPlan {
        static EMPTY: std::sync::LazyLock<FunctionPlan> =
            std::sync::LazyLock::new(FunctionPlan::default);
        self.0[fidx].as_deref().unwrap_or(&EMPTY)
    }
}

#[derive(Default)]
pub struct FunctionPlan {
    pub entries: Vec<Entry>,
    /// Label -> instruction index of its `label` instruction.
    pub label_pos: HashMap<u32, usize>,
    /// Labels that are entry points -> entry index.
    pub entry_labels: HashMap<u32, usize>,
    /// Non-tail call instruction index -> continuation entry index.
    pub continuations: HashMap<usize, usize>,
    /// Stepping `gc_bif` instruction index -> its resume entry index.
    pub bif_steps: HashMap<usize, usize>,
    /// The label before `func_info` (jumping there raises function_clause).
    pub func_info_label: Option<u32>,
    /// Line-table index in force at each instruction (0 = none).
    pub line_at: Vec<u32>,
}

/// Instructions after which control continues at a continuation entry.
pub fn is_nontail_call(op: Opcode) -> bool {
    matches!(
        op,
        Opcode::Call | Opcode::CallExt | Opcode::CallFun | Opcode::CallFun2 | Opcode::Apply
    )
}

fn label_operand(i: &Instr, n: usize) -> Option<u32> {
    match i.args.get(n) {
        Some(Operand::Label(l)) if *l != 0 => Some(*l),
        _ => None,
    }
}

pub fn plan_function(
    f: &Function,
    bif_call_ext: &dyn Fn(&Instr) -> bool,
    bif_step: &dyn Fn(&Instr) -> bool,
) -> FunctionPlan {
    let mut label_pos = HashMap::default();
    let mut func_info_label = None;
    let mut line_at = Vec::with_capacity(f.instrs.len());
    let mut line = 0u32;
    let mut resumed: HashSet<u32> = HashSet::default();
    for (idx, i) in f.instrs.iter().enumerate() {
        match i.op {
            Opcode::Label => {
                if let Some(Operand::Unsigned(l)) = i.args.first() {
                    label_pos.insert(*l as u32, idx);
                }
            }
            Opcode::Line => {
                if let Some(Operand::Unsigned(l)) = i.args.first() {
                    line = *l as u32;
                }
            }
            Opcode::FuncInfo if func_info_label.is_none() => {
                {
                    // The label just before func_info (possibly with a line between).
                    func_info_label =
                        f.instrs[..idx]
                            .iter()
                            .rev()
                            .find_map(|p| match (p.op, p.args.first()) {
                                (Opcode::Label, Some(Operand::Unsigned(l))) => Some(*l as u32),
                                _ => None,
                            });
                }
            }
            Opcode::Wait | Opcode::WaitTimeout => {
                if let Some(l) = label_operand(i, 0) {
                    resumed.insert(l);
                }
            }
            Opcode::Catch | Opcode::Try => {
                if let Some(l) = label_operand(i, 1) {
                    resumed.insert(l);
                }
            }
            _ => {}
        }
        line_at.push(line);
    }
    let mut entries = Vec::new();
    let mut entry_labels = HashMap::default();
    let body_pos = label_pos.get(&f.entry_label).copied().unwrap_or(0);
    entries.push(Entry {
        kind: EntryKind::Body,
        start: body_pos,
    });
    entry_labels.insert(f.entry_label, 0);
    let mut sorted: Vec<u32> = resumed.into_iter().collect();
    sorted.sort_unstable();
    for l in sorted {
        if l == f.entry_label {
            continue;
        }
        if let Some(&pos) = label_pos.get(&l) {
            entry_labels.insert(l, entries.len());
            entries.push(Entry {
                kind: EntryKind::Label(l),
                start: pos,
            });
        }
    }
    let mut continuations = HashMap::default();
    for (idx, i) in f.instrs.iter().enumerate() {
        if is_nontail_call(i.op) && !(i.op == Opcode::CallExt && bif_call_ext(i)) {
            continuations.insert(idx, entries.len());
            entries.push(Entry {
                kind: EntryKind::Continuation(idx),
                start: idx + 1,
            });
        }
    }
    let mut bif_steps = HashMap::default();
    for (idx, i) in f.instrs.iter().enumerate() {
        if bif_step(i) {
            bif_steps.insert(idx, entries.len());
            entries.push(Entry {
                kind: EntryKind::BifStep(idx),
                start: idx,
            });
        }
    }
    FunctionPlan {
        entries,
        label_pos,
        entry_labels,
        continuations,
        bif_steps,
        func_info_label,
        line_at,
    }
}
