//! Per-module compile state shared by every entry point: the module's atoms
//! and literals as runtime terms, resolved imports, the entry-point plans
//! and their Cranelift function ids, and stack-trace locations.

use crate::plan::Plans;
use cranelift_module::FuncId;
use girder_loader::FastMap as HashMap;
use girder_loader::{Module, Operand};
use girder_runtime::code::export::Export;
use girder_runtime::code::loc::{self, Loc};
use girder_runtime::code::module::FunEntry;
use girder_runtime::term::Term;
use girder_runtime::{bif::BifDef, code::export::BifFn};
use std::cell::{Cell, RefCell};

pub struct Import {
    pub export: &'static Export,
    pub bif: Option<BifFn>,
    /// The BIF's registry entry (flags, run-to-completion variant).
    pub def: Option<BifDef>,
    /// `erlang:apply/2,3`: compiled as a dynamic call, not a BIF call.
    pub apply: Option<u32>,
}

pub struct ModCx {
    pub module: Box<Module>,
    pub name: Term,
    pub atoms: Vec<Term>,
    /// Module literals; `Err(kind)` for ones the runtime cannot build yet.
    pub literals: Vec<Result<Term, Term>>,
    pub imports: Vec<Import>,
    pub plans: Plans,
    /// One native function per BEAM function.
    pub func_ids: Vec<FuncId>,
    /// Body label -> function index.
    pub entry_of_label: HashMap<u32, usize>,
    pub funs: Vec<&'static FunEntry>,
    /// Functions compiled as a stub raising `{girder_unsupported, Op}`.
    pub unsupported: Vec<Option<girder_loader::Opcode>>,
    pub file: u32,
    /// Functions that are BIFs: their bodies call the BIF instead.
    pub bif_bodies: Vec<Option<BifDef>>,
    /// Each function's name.
    pub fn_names: Vec<Term>,
    locs: RefCell<HashMap<(usize, u32), u32>>,
    /// Big integer operands built in the literal area, by instruction.
    bigs: RefCell<HashMap<Vec<u8>, Term>>,
    /// Constant data generated code points at (bit-syntax descriptors,
    /// match strings): owned by the module version, freed with its code.
    consts: RefCell<Vec<Box<dyn std::any::Any>>>,
    /// Address of the module's function table (`lazy.rs`: the entry value
    /// of each function), or 0 when every function is compiled at once.
    pub table: usize,
    /// Functions generated code may name directly (`return_call`): those
    /// already defined in the JITModule or in the batch being compiled.
    /// Calls to the others go through the function table.
    pub callable: RefCell<Vec<bool>>,
    /// Literal-area words reserved at load time for the constants lazily
    /// compiled functions build (`lit_alloc`): `[next, end)`.
    lit_region: Cell<(usize, usize)>,
    /// Location id -> (function, line-table index), to emit location ids
    /// as relocations (`reloc::Sym::Loc`).
    loc_keys: RefCell<HashMap<u32, (u32, u32)>>,
    /// The symbols of the function being lowered (`FnLower::sym`), and
    /// whether it embeds a run-dependent value that is not one (then its
    /// code is not stored in the cache).
    pub syms: RefCell<Vec<crate::reloc::Sym>>,
    pub pinned: Cell<bool>,
    /// The function being lowered is compiled by the fast tier
    /// (`tier.rs`): it counts its body entries and calls the module's
    /// other functions through the table.
    pub fast: Cell<bool>,
    /// The FuncId the function being lowered is defined under, when not
    /// its canonical one (`func_ids`): fast-tier code.
    pub own: Cell<Option<FuncId>>,
    /// The function being lowered (with `own`).
    pub lowering: Cell<usize>,
    /// Lazy region units (`units.rs`, `lower/partial.rs`): the function
    /// being lowered may leave regions out; the label a unit starts at
    /// (None: the body); the module state's address, which exits pass
    /// back; whether a region was left out; the entries partial code used.
    pub partial_ok: Cell<bool>,
    pub unit_root: Cell<Option<u32>>,
    pub state_addr: Cell<usize>,
    /// The version's unit stub (`lazy.rs` `Stub::Unit`), which partial
    /// code's exits tail-call.
    pub unit_stub: Cell<usize>,
    pub partial_out: Cell<bool>,
    pub needed_entries: RefCell<Option<Vec<bool>>>,
}

impl ModCx {
    #[allow(clippy::too_many_arguments)]
    pub fn new(
        module: Box<Module>,
        name: Term,
        atoms: Vec<Term>,
        literals: Vec<Result<Term, Term>>,
        imports: Vec<Import>,
        plans: Plans,
        func_ids: Vec<FuncId>,
        funs: Vec<&'static FunEntry>,
        unsupported: Vec<Option<girder_loader::Opcode>>,
        fn_names: Vec<Term>,
    ) -> Self {
        let entry_of_label = module
            .functions
            .iter()
            .enumerate()
            .map(|(i, f)| (f.entry_label, i))
            .collect();
        let file = module
            .lines
            .files
            .first()
            .map(|f| loc::file_id(f))
            .unwrap_or(u32::MAX);
        let bif_bodies = module
            .functions
            .iter()
            .zip(&fn_names)
            .map(|(f, &fa)| girder_runtime::bif::lookup(name, fa, f.arity))
            .collect();
        ModCx {
            bif_bodies,
            fn_names,
            module,
            name,
            atoms,
            literals,
            imports,
            plans,
            func_ids,
            entry_of_label,
            funs,
            unsupported,
            file,
            locs: RefCell::new(HashMap::default()),
            bigs: RefCell::new(HashMap::default()),
            consts: RefCell::new(Vec::new()),
            table: 0,
            callable: RefCell::new(Vec::new()),
            lit_region: Cell::new((0, 0)),
            loc_keys: RefCell::new(HashMap::default()),
            syms: RefCell::new(Vec::new()),
            pinned: Cell::new(false),
            fast: Cell::new(false),
            own: Cell::new(None),
            lowering: Cell::new(usize::MAX),
            partial_ok: Cell::new(false),
            unit_root: Cell::new(None),
            state_addr: Cell::new(0),
            unit_stub: Cell::new(0),
            partial_out: Cell::new(false),
            needed_entries: RefCell::new(None),
        }
    }

    /// Makes the plan of function `fidx` (its instructions must be
    /// there), unless it has one. Done when the function is lowered, not
    /// at load: most functions of a module never run.
    pub fn plan(&mut self, fidx: usize) {
        if self.plans.is_planned(fidx) {
            return;
        }
        let imports = &self.imports;
        let is_bif_call = |ins: &girder_loader::Instr| -> bool {
            match ins.args.get(1) {
                // A call to a BIF continues inline, unless the BIF may
                // trap: then the code after it is a continuation the trap
                // returns to.
                Some(Operand::Unsigned(i)) => imports
                    .get(*i as usize)
                    .and_then(|i| i.def)
                    .is_some_and(|d| !d.has(girder_runtime::bif::flag::TRAPS)),
                _ => false,
            }
        };
        // `gc_bif` outside a guard (no fail label) of a BIF with a step
        // function: it yields in place (see `lower/bif_step.rs`).
        let is_bif_step = |ins: &girder_loader::Instr| -> bool {
            crate::lower::bif_step::step_of(ins, imports).is_some()
        };
        let f = &self.module.functions[fidx];
        let mut p = crate::plan::plan_function(f, &is_bif_call, &is_bif_step);
        if self.unsupported[fidx].is_some() || self.bif_bodies[fidx].is_some() {
            p.entries.truncate(1);
            p.continuations.clear();
            p.bif_steps.clear();
            p.entry_labels.retain(|_, e| *e == 0);
        }
        self.plans.set(fidx, p);
    }

    /// The entries of planned function `fidx` registered as locations:
    /// continuations (entry index, line-table index of the call) and
    /// receive loop heads / catch handlers (entry index, line at the label).
    pub fn continuations(&self, fidx: usize) -> Vec<(u32, u32)> {
        let p = &self.plans[fidx];
        let line = |idx: usize| p.line_at.get(idx).copied().unwrap_or(0);
        let mut v: Vec<(u32, u32)> = p
            .continuations
            .iter()
            .map(|(&idx, &ei)| (ei as u32, line(idx)))
            .collect();
        // Receive loop heads (and catch handlers) too: a waiting process's
        // resume point is one, and `process_info(P, current_function |
        // current_location | current_stacktrace)` of another process
        // starts there. (Never a stack word: catch tags are tagged.)
        for (ei, e) in p.entries.iter().enumerate() {
            if let crate::plan::EntryKind::Label(_) = e.kind {
                v.push((ei as u32, line(e.start)));
            }
        }
        v.sort_unstable();
        v
    }

    /// Gives lazily compiled functions `words` words of the literal area
    /// to build their constants in (see `lit_alloc`).
    pub fn set_lit_region(&self, start: usize, words: usize) {
        self.lit_region.set((start, start + 8 * words));
    }

    /// Allocates `words` words for a constant of the code being compiled
    /// (a bignum operand, a map keys tuple). While the module loads, the
    /// loading thread's literal chunk is open and `literal::alloc` puts it
    /// there; a function compiled later, at its first call, takes it from
    /// the region reserved in that chunk at load time, so that it is
    /// freed with the module version. Should the estimate ever fall short,
    /// the constant is permanent (`literal::alloc` with no chunk open): a
    /// small leak, never a dangling pointer.
    pub fn lit_alloc(&self, words: usize) -> *mut u64 {
        let (next, end) = self.lit_region.get();
        if next != 0 && next + 8 * words <= end {
            self.lit_region.set((next + 8 * words, end));
            return next as *mut u64;
        }
        girder_runtime::term::literal::alloc(words)
    }

    /// Keeps `bytes` for as long as the module version's code; their
    /// address, for generated code.
    pub fn keep_bytes(&self, bytes: Vec<u8>) -> usize {
        let b = bytes.into_boxed_slice();
        let p = b.as_ptr() as usize;
        self.consts.borrow_mut().push(Box::new(b));
        p
    }

    /// Keeps a `bs_create_bin` descriptor like `keep_bytes`.
    pub fn keep_desc(&self, d: girder_runtime::abi::bs::CreateDesc) -> usize {
        let b = Box::new(d);
        let p = &*b as *const girder_runtime::abi::bs::CreateDesc as usize;
        self.consts.borrow_mut().push(b);
        p
    }

    /// The FuncId function `fidx`'s code is being defined under: its
    /// own when it is the function being lowered, else the canonical one.
    pub fn self_id(&self, fidx: usize) -> FuncId {
        match self.own.get() {
            Some(id) if self.lowering.get() == fidx => id,
            _ => self.func_ids[fidx],
        }
    }

    /// The function and line-table index location id `id` was made for.
    pub fn loc_key(&self, id: u32) -> Option<(u32, u32)> {
        self.loc_keys.borrow().get(&id).copied()
    }

    /// Every location id registered for this module version.
    pub fn loc_ids(&self) -> Vec<u32> {
        self.locs.borrow().values().copied().collect()
    }

    pub fn atom(&self, index: u32) -> Term {
        self.atoms
            .get(index as usize - 1)
            .copied()
            .unwrap_or(girder_runtime::term::NIL)
    }

    /// The term a constant operand denotes.
    pub fn const_operand(&self, op: &Operand) -> Option<Term> {
        match op {
            Operand::Integer(v) if Term::fits_small(*v) => Some(Term::small(*v)),
            Operand::Integer(v) => Some(self.big_literal(*v < 0, &v.unsigned_abs().to_le_bytes())),
            Operand::BigInt(b) => Some(self.big_literal(b.negative, &b.magnitude_le)),
            Operand::Char(c) => Some(Term::small(*c as i64)),
            Operand::Literal(i) => self.literals.get(*i as usize).and_then(|l| l.ok()),
            Operand::Atom(a) => Some(self.atom(*a)),
            Operand::Nil => Some(girder_runtime::term::NIL),
            _ => None,
        }
    }

    pub(crate) fn big_literal(&self, negative: bool, mag: &[u8]) -> Term {
        let mut key = mag.to_vec();
        key.push(negative as u8);
        if let Some(t) = self.bigs.borrow().get(&key) {
            return *t;
        }
        let t = big_in_literal_area(negative, mag, |w| self.lit_alloc(w));
        self.bigs.borrow_mut().insert(key, t);
        t
    }

    fn line_loc(&self, line_index: u32) -> (u32, u32) {
        match self.module.lines.items.get(line_index as usize) {
            // BEAM packs a location in 32 bits (file index < 255, line <
            // 2^24 - 1) and silently drops the ones that do not fit: their
            // stack frames have no location.
            Some(item) if item.file >= 255 || item.line >= (1 << 24) - 1 => (u32::MAX, 0),
            Some(item) if line_index != 0 => {
                let file = match self.module.lines.files.get(item.file as usize) {
                    Some(f) if item.file != 0 => loc::file_id(f),
                    _ => self.file,
                };
                (file, item.line)
            }
            _ => (u32::MAX, 0),
        }
    }

    /// Location id of instruction `idx` of function `fidx`.
    pub fn loc_of(&self, fidx: usize, idx: usize) -> u32 {
        let line_index = self.plans[fidx].line_at.get(idx).copied().unwrap_or(0);
        self.loc_of_line(fidx, line_index)
    }

    /// Location id of line-table entry `line_index` in function `fidx`.
    pub fn loc_of_line(&self, fidx: usize, line_index: u32) -> u32 {
        if let Some(&id) = self.locs.borrow().get(&(fidx, line_index)) {
            return id;
        }
        let f = &self.module.functions[fidx];
        let (file, line) = self.line_loc(line_index);
        let id = loc::register(Loc {
            module: self.name,
            function: self.fn_names[fidx],
            arity: f.arity,
            file,
            line,
        });
        self.locs.borrow_mut().insert((fidx, line_index), id);
        self.loc_keys
            .borrow_mut()
            .insert(id, (fidx as u32, line_index));
        id
    }

    /// Location of the function itself (its func_info line).
    pub fn function_loc(&self, fidx: usize) -> u32 {
        let plan = &self.plans[fidx];
        let idx = plan
            .func_info_label
            .and_then(|l| plan.label_pos.get(&l).copied())
            .map(|p| p + 2)
            .unwrap_or(0);
        self.loc_of(fidx, idx.min(plan.line_at.len().saturating_sub(1)))
    }
}

/// Builds a bignum literal from magnitude bytes (callers guarantee it does
/// not fit a small integer).
fn big_in_literal_area(negative: bool, mag: &[u8], alloc: impl Fn(usize) -> *mut u64) -> Term {
    use girder_runtime::term::{make_header, HDR_NEG_BIG, HDR_POS_BIG};
    let mut limbs: Vec<u64> = mag
        .chunks(8)
        .map(|c| {
            let mut b = [0u8; 8];
            b[..c.len()].copy_from_slice(c);
            u64::from_le_bytes(b)
        })
        .collect();
    while limbs.len() > 1 && limbs.last() == Some(&0) {
        limbs.pop();
    }
    if limbs.len() == 1 {
        let v = limbs[0];
        if v <= girder_runtime::term::MAX_SMALL as u64 {
            let s = if negative { -(v as i64) } else { v as i64 };
            return Term::small(s);
        }
        if negative && v == (girder_runtime::term::MAX_SMALL as u64) + 1 {
            return Term::small(girder_runtime::term::MIN_SMALL);
        }
    }
    let p = alloc(limbs.len() + 1);
    let tag = if negative { HDR_NEG_BIG } else { HDR_POS_BIG };
    // SAFETY: p points at limbs.len() + 1 fresh words of the literal area.
    unsafe {
        *p = make_header(limbs.len(), tag);
        for (i, l) in limbs.iter().enumerate() {
            *p.add(1 + i) = *l;
        }
    }
    Term::boxed_from_ptr(p)
}
