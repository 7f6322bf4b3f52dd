//! Match specifications (ETS `select`/`match`, `ets:match_spec_*`,
//! `erlang:match_spec_test/3`): a spec is compiled once into a
//! `CompiledMs` (head pattern trees with variable slots, guard and body
//! expression trees, constants copied into memory the `CompiledMs` owns)
//! and then run against objects without looking at the spec term again.
//!
//! Contract for callers (the ETS tables):
//! - `CompiledMs::compile(ctx, spec, kind)` → `None` for an invalid spec
//!   (raise `badarg`).
//! - `run(ctx, obj)`: `obj` must be on the process heap (or be a literal);
//!   the result may share subterms with `obj`.
//!   `run_off_heap(ctx, obj)`: `obj` may live anywhere (table memory); every
//!   part of the result is built or copied onto `ctx`'s heap.
//! - `bound_keys(keypos)`: `Some(keys)` when every clause's head is a tuple
//!   whose element `keypos` (1-based) is a ground term (no variable, no
//!   `'_'`); the keys live in memory the `CompiledMs` owns.
//! - `key_range(keypos)`: for ordered_set traversal, see `KeyRange`.

/// Which dialect a spec is compiled in (`erlang:match_spec_test/3`'s
/// `table` or `trace`).
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum MsKind {
    Table,
    Trace,
}

mod compile;
mod consts;
mod guards;
mod run;
#[cfg(test)]
mod tests;

pub use compile::{compile_with_errors, MsError};

use crate::code::export::BifFn;
use crate::heap::ctx::Ctx;
use crate::term::Term;
use consts::ConstPool;

/// A variable slot in a clause (variables numbered in order of first
/// appearance in the head).
pub(crate) type Slot = u32;

/// Head pattern of one clause, matched with `=:=` semantics.
pub(crate) enum Pat {
    /// `'_'`
    Any,
    /// First occurrence of a variable: bind.
    Bind(Slot),
    /// Repeated variable: must be exactly equal to its binding.
    Check(Slot),
    /// An immediate: the words must be equal.
    Imm(Term),
    /// A boxed constant (owned by the pool): exact equality.
    Const(Term),
    Tuple(Box<[Pat]>),
    /// Proper or improper list: the elements, then the tail pattern.
    List(Box<[Pat]>, Box<Pat>),
    /// A map containing every key (constants) with a value matching.
    Map(Box<[(Term, Pat)]>),
}

/// Comparison operators, evaluated inline (no BIF call).
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(crate) enum CmpOp {
    Lt,
    Le,
    Gt,
    Ge,
    Eq,
    Ne,
    ExactEq,
    ExactNe,
}

/// A guard or body expression.
pub(crate) enum Expr {
    /// A constant: immediate, or boxed and owned by the pool.
    Const(Term),
    Var(Slot),
    /// `'$_'`
    Whole,
    /// `'$$'`: the bound variables' slots in variable-number order.
    AllVars(Box<[Slot]>),
    /// `{{E1, ..., En}}`
    Tuple(Box<[Expr]>),
    /// A list expression `[E1, ..., En | Tail]`.
    List(Box<[Expr]>, Box<Expr>),
    /// A map expression: keys and values are expressions.
    Map(Box<[(Expr, Expr)]>),
    /// A guard BIF from erl's table, run through Girder's own BIF.
    Bif(BifFn, Box<[Expr]>),
    Cmp(CmpOp, Box<[Expr; 2]>),
    /// `and`/`or` (every argument evaluated, all must be booleans).
    And(Box<[Expr]>),
    Or(Box<[Expr]>),
    AndAlso(Box<[Expr]>),
    OrElse(Box<[Expr]>),
    /// Trace dialect: `message(E)` sets the trace result.
    Message(Box<Expr>),
    /// Trace dialect: `return_trace`, `exception_trace` set a flag.
    SetFlag(u8),
    /// Trace-only functions that need a tracer to do anything; outside
    /// tracing (match_spec_test) they evaluate their arguments and give
    /// `value` as erl's fake-destructive mode does.
    TraceNop(Box<[Expr]>, Term),
}

/// One clause `{Head, Guards, Body}`.
pub(crate) struct Clause {
    pub head: Pat,
    pub nslots: usize,
    pub guards: Box<[Expr]>,
    pub body: Box<[Expr]>,
}

/// Flags a trace body sets (`erlang:match_spec_test/3`'s `Flags`).
pub const FLAG_RETURN_TRACE: u8 = 1;
pub const FLAG_EXCEPTION_TRACE: u8 = 2;

/// Where an ordered_set traversal may start and stop: every clause's head
/// has a key whose leading part is ground. `lo`/`hi` are inclusive bounds
/// in term order (owned by the `CompiledMs`); `exact` says the key is fully
/// bound (only `lo == hi` can match).
pub struct KeyRange {
    pub lo: Term,
    pub hi: Term,
    pub exact: bool,
}

/// A compiled match specification.
pub struct CompiledMs {
    pub(crate) clauses: Box<[Clause]>,
    pub(crate) kind: MsKind,
    pub(crate) max_slots: usize,
    /// Owns every boxed constant the clauses point at.
    _consts: ConstPool,
}

// SAFETY: the constants a `CompiledMs` points at live in its own pool and
// are never written after compilation; BIF pointers are plain functions.
unsafe impl Send for CompiledMs {}
// SAFETY: as above: all shared state is immutable after `compile`.
unsafe impl Sync for CompiledMs {}

/// What one run of a trace-dialect spec produced.
pub struct TraceOutcome {
    /// `Some(result)` when a clause matched: `true`, or what `message`
    /// set; `None` when no clause matched.
    pub result: Option<Term>,
    pub flags: u8,
}

impl CompiledMs {
    /// Compiles `spec`; `None` = invalid spec (the caller raises badarg).
    pub fn compile(ctx: &mut Ctx, spec: Term, kind: MsKind) -> Option<CompiledMs> {
        compile::compile(ctx, spec, kind, None)
    }

    pub fn kind(&self) -> MsKind {
        self.kind
    }

    /// Matches `obj` (on the process heap or a literal) against the
    /// clauses in order: `Some(body result)` for the first clause whose head
    /// matches and whose guards are all `true`. The result may share
    /// subterms with `obj`. A body that raises gives `'EXIT'`, as erl.
    #[inline]
    pub fn run(&self, ctx: &mut Ctx, obj: Term) -> Option<Term> {
        run::run_table(self, ctx, obj, false)
    }

    /// As `run`, for an `obj` that lives off the process heap (table
    /// memory): every part of the result is copied onto the heap.
    #[inline]
    pub fn run_off_heap(&self, ctx: &mut Ctx, obj: Term) -> Option<Term> {
        run::run_table(self, ctx, obj, true)
    }

    /// Runs a trace-dialect spec against an argument list (a proper list on
    /// the heap), as `erlang:match_spec_test(Args, Spec, trace)` does.
    pub fn run_trace(&self, ctx: &mut Ctx, args: Term) -> TraceOutcome {
        run::run_trace(self, ctx, args)
    }

    /// If every clause's head is a tuple whose element `keypos` (1-based)
    /// is ground: those keys (owned by the `CompiledMs`, duplicates kept),
    /// so set/bag select can look them up instead of scanning.
    pub fn bound_keys(&self, keypos: usize) -> Option<Vec<Term>> {
        let mut keys = Vec::with_capacity(self.clauses.len());
        for c in self.clauses.iter() {
            keys.push(ground(key_pat(&c.head, keypos)?)?);
        }
        Some(keys)
    }

    /// For ordered_set: the smallest and largest key any clause can match,
    /// when every clause binds the key to a ground term; `None` = scan all.
    pub fn key_range(&self, keypos: usize) -> Option<KeyRange> {
        let keys = self.bound_keys(keypos)?;
        let mut lo = *keys.first()?;
        let mut hi = lo;
        for &k in &keys[1..] {
            if crate::data::compare::cmp_terms(k, lo).is_lt() {
                lo = k;
            }
            if crate::data::compare::cmp_terms(k, hi).is_gt() {
                hi = k;
            }
        }
        Some(KeyRange {
            lo,
            hi,
            exact: keys.len() == 1,
        })
    }

    /// True when every clause's body is exactly `['$_']`.
    pub fn is_trivial_object_body(&self) -> bool {
        self.clauses
            .iter()
            .all(|c| c.body.len() == 1 && matches!(c.body[0], Expr::Whole))
    }
}

/// The pattern of element `keypos` of a tuple head.
fn key_pat(p: &Pat, keypos: usize) -> Option<&Pat> {
    match p {
        Pat::Tuple(es) if keypos >= 1 => es.get(keypos - 1),
        _ => None,
    }
}

/// The term a pattern stands for if it has no variable and no `'_'`. Only
/// immediates and constants qualify (a ground tuple pattern is compiled to
/// `Const` when the whole subterm is ground).
fn ground(p: &Pat) -> Option<Term> {
    match p {
        Pat::Imm(t) | Pat::Const(t) => Some(*t),
        _ => None,
    }
}
