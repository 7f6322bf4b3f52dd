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
//! - `bound_keys(keypos)`: `Some(keys)` when every clause that can match
//!   binds element `keypos` (1-based) to a ground term (no variable, no
//!   `'_'`); the keys live in memory the `CompiledMs` owns.
//! - `key_span(keypos)`: for ordered_set traversal, the interval of keys
//!   the clauses can match (`range.rs`).

/// Which dialect a spec is compiled in (`erlang:match_spec_test/3`'s
/// `table` or `trace`).
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum MsKind {
    Table,
    Trace,
}

mod compile;
mod consts;
mod endcond;
mod guards;
mod range;
mod run;
#[cfg(test)]
mod tests;

pub use compile::{compile_with_errors, Invalid, MsError};
pub use endcond::end_condition;
pub use range::{KeySpan, Span};

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
    /// `{silent, Bool}` (trace bodies).
    Silent(Box<Expr>),
    /// `{process_dump}`: the process's `=proc` record as a binary
    /// (`PROCESS_DUMP`).
    ProcessDump,
    /// `enable_trace([Pid,] Flag)` (true) or `disable_trace([Pid,]
    /// Flag)`: sets or clears a trace flag (`TRACE_FLAG`).
    TraceFlag(bool, Box<[Expr]>),
    /// `{trace, [Pid,] Disable, Enable}`: changes trace flags and the
    /// tracer (`TRACE_SET`).
    TraceSet(Box<[Expr]>),
    /// `caller()` (false) or `caller_line()` (true) of a traced call.
    Caller(bool),
    /// `get_tcw()` (None) or `set_tcw(E)`: the trace control word
    /// (`TCW`); `true`: erl's fake-destructive `set_tcw`, which only reads
    /// it (match_spec_test).
    Tcw(Option<Box<Expr>>, bool),
}

/// `enable_trace`/`disable_trace` for the process bound to the context:
/// `(enable, Some(target pid or name) or None for itself, flag)` →
/// `true`, or `'EXIT'` for an unknown flag or process. Registered by the
/// BIF layer, which knows the flags' names; without it the forms give
/// `true` and change nothing.
pub type TraceFlagFn = fn(&mut Ctx, bool, Option<Term>, Term) -> Term;
pub static TRACE_FLAG: std::sync::OnceLock<TraceFlagFn> = std::sync::OnceLock::new();

/// The `trace` action for the process bound to the context: `(Some(target
/// pid or name) or None for itself, disable list, enable list)` → `true`
/// or `false` (whether anything changed), or `'EXIT'`. Registered by the
/// BIF layer; without it the action gives `true` and changes nothing.
pub type TraceSetFn = fn(&mut Ctx, Option<Term>, Term, Term) -> Term;
pub static TRACE_SET: std::sync::OnceLock<TraceSetFn> = std::sync::OnceLock::new();

/// The trace control word (`erlang:system_flag(trace_control_word, N)`,
/// the match-spec functions `get_tcw`/`set_tcw`): 32 bits.
pub static TCW: std::sync::atomic::AtomicU32 = std::sync::atomic::AtomicU32::new(0);

/// Sets the trace control word to `v` if it is an integer in 0..2^32
/// (BEAM's `db_set_trace_control_word`): the old value, or None.
pub fn set_tcw(v: Term) -> Option<Term> {
    if !v.is_small() || !(0..=u32::MAX as i64).contains(&v.small_value()) {
        return None;
    }
    let old = TCW.swap(v.small_value() as u32, std::sync::atomic::Ordering::Relaxed);
    Some(Term::small(old as i64))
}

/// The trace control word's value.
pub fn tcw() -> Term {
    Term::small(TCW.load(std::sync::atomic::Ordering::Relaxed) as i64)
}

/// Builds `{process_dump}`'s binary for the process bound to the context
/// (registered by the BIF layer, which renders crash dumps); without it
/// the form gives `true`.
pub static PROCESS_DUMP: std::sync::OnceLock<fn(&mut Ctx) -> Term> = std::sync::OnceLock::new();

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
/// `{silent, true}` / `{silent, false}` ran: set / clear the traced
/// process's `silent` flag.
pub const FLAG_SILENT_ON: u8 = 4;
pub const FLAG_SILENT_OFF: u8 = 8;

/// Trace special forms that act on the process (`silent`, `trace`,
/// `process_dump`, seq_trace's...): erl's `DCOMP_ALLOW_TRACE_OPS`.
pub const OPS_TRACE: u8 = 1;
/// Forms about the call (`caller`, `caller_line`): `DCOMP_CALL_TRACE`.
pub const OPS_CALL: u8 = 2;

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

    /// `compile`, telling why an invalid spec is invalid (`badarg` or
    /// `system_limit`, as erl raises).
    pub fn compile_checked(ctx: &mut Ctx, spec: Term, kind: MsKind) -> Result<CompiledMs, Invalid> {
        compile::compile_checked(ctx, spec, kind, None)
    }

    /// `compile_checked` in the trace dialect for a trace event that
    /// allows only the special forms of `ops` (`OPS_*`): erl compiles
    /// `send` patterns without the call-trace forms (`caller`) and
    /// `'receive'` patterns without any that act on the process.
    pub fn compile_trace_event(ctx: &mut Ctx, spec: Term, ops: u8) -> Result<CompiledMs, Invalid> {
        compile::compile_for_event(ctx, spec, MsKind::Trace, ops, None, false)
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
        run::run_trace(self, ctx, args, None)
    }

    /// `run_trace` for a traced call made at `caller` (None: unknown),
    /// which `caller()` and `caller_line()` name.
    pub fn run_trace_at(
        &self,
        ctx: &mut Ctx,
        args: Term,
        caller: Option<crate::code::loc::Loc>,
    ) -> TraceOutcome {
        run::run_trace(self, ctx, args, caller)
    }

    /// True when every clause's body is exactly `['$_']`.
    pub fn is_trivial_object_body(&self) -> bool {
        self.clauses
            .iter()
            .all(|c| c.body.len() == 1 && matches!(c.body[0], Expr::Whole))
    }
}
