//! Match spec → `CompiledMs`. Follows erl's `db_match_compile`: the same
//! checks in the same order, so `erlang:match_spec_test/3` reports the same
//! error list (errors are collected and compilation goes on within a
//! clause, stopping after the first clause that had any).

use super::{Clause, CmpOp, CompiledMs, ConstPool, Expr, MsKind, Pat, Slot};
use crate::data::display::display_string;
use crate::heap::ctx::Ctx;
use crate::term::atom::{self, am};
use crate::term::{Term, NIL};
use std::collections::HashMap;

/// One entry of `erlang:match_spec_test/3`'s error list (erl never emits
/// warnings from the compiler).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MsError(pub String);

/// Deeper specs get erl's "Excessive nesting" error instead of
/// overflowing the native stack.
const MAX_DEPTH: usize = 2000;

struct Cx<'a> {
    kind: MsKind,
    /// `match_spec_test/3`: erl's fake-destructive mode (`set_tcw` only
    /// reads the trace control word).
    fake: bool,
    /// The trace event's `OPS_*` (all of them but for message events).
    ops: u8,
    pool: &'a mut ConstPool,
    errors: Vec<MsError>,
    /// variable number → slot, for the clause being compiled
    vars: HashMap<u32, Slot>,
    nslots: usize,
    in_guard: bool,
    depth: usize,
    /// The spec was nested deeper than `MAX_DEPTH` (erl: `system_limit`).
    too_deep: bool,
    a_underscore: Term,
    a_whole: Term,
    a_all: Term,
}

/// Why a spec did not compile: erl raises `badarg` for an invalid spec and
/// `system_limit` for one nested too deeply.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Invalid {
    Badarg,
    SystemLimit,
}

/// Compiles `spec`; invalid → `None`. `errors`, when given, receives erl's
/// messages.
pub(super) fn compile(
    ctx: &mut Ctx,
    spec: Term,
    kind: MsKind,
    errors: Option<&mut Vec<MsError>>,
) -> Option<CompiledMs> {
    compile_checked(ctx, spec, kind, errors).ok()
}

/// `compile`, telling why an invalid spec is invalid.
pub(super) fn compile_checked(
    ctx: &mut Ctx,
    spec: Term,
    kind: MsKind,
    errors: Option<&mut Vec<MsError>>,
) -> Result<CompiledMs, Invalid> {
    compile_for_event(
        ctx,
        spec,
        kind,
        super::OPS_TRACE | super::OPS_CALL,
        errors,
        false,
    )
}

/// `compile_checked` for a trace event that allows the special forms of
/// `ops` only (erl's `DCOMP_ALLOW_TRACE_OPS`, `DCOMP_CALL_TRACE`).
pub(super) fn compile_for_event(
    _ctx: &mut Ctx,
    spec: Term,
    kind: MsKind,
    ops: u8,
    errors: Option<&mut Vec<MsError>>,
    fake: bool,
) -> Result<CompiledMs, Invalid> {
    let mut pool = ConstPool::default();
    let mut cx = Cx {
        kind,
        fake,
        ops,
        pool: &mut pool,
        errors: Vec::new(),
        vars: HashMap::new(),
        nslots: 0,
        in_guard: false,
        depth: 0,
        too_deep: false,
        a_underscore: atom::intern("_"),
        a_whole: atom::intern("$_"),
        a_all: atom::intern("$$"),
    };
    let clauses = compile_clauses(&mut cx, spec);
    let errs = std::mem::take(&mut cx.errors);
    let clauses = match clauses {
        Some(c) if errs.is_empty() => c,
        _ => {
            if let Some(e) = errors {
                *e = errs;
            }
            return Err(if cx.too_deep {
                Invalid::SystemLimit
            } else {
                Invalid::Badarg
            });
        }
    };
    let max_slots = clauses.iter().map(|c| c.nslots).max().unwrap_or(0);
    Ok(CompiledMs {
        clauses: clauses.into_boxed_slice(),
        kind,
        max_slots,
        _consts: pool,
    })
}

/// `compile` for `erlang:match_spec_test/3`: the spec or erl's errors.
pub fn compile_with_errors(
    ctx: &mut Ctx,
    spec: Term,
    kind: MsKind,
) -> Result<CompiledMs, Vec<MsError>> {
    let mut errs = Vec::new();
    let all = super::OPS_TRACE | super::OPS_CALL;
    compile_for_event(ctx, spec, kind, all, Some(&mut errs), true).map_err(|_| errs)
}

fn list_items(mut l: Term) -> Option<Vec<Term>> {
    let mut v = Vec::new();
    while l.is_list() {
        // SAFETY: a list term points at a valid cons cell.
        let (h, t) = unsafe { (Term(*l.list_ptr()), Term(*l.list_ptr().add(1))) };
        v.push(h);
        l = t;
    }
    l.is_nil().then_some(v)
}

fn tuple_items(t: Term) -> Vec<Term> {
    // SAFETY: callers pass tuples; i < arity.
    unsafe { (0..t.tuple_arity()).map(|i| t.tuple_elem(i)).collect() }
}

fn compile_clauses(cx: &mut Cx, spec: Term) -> Option<Vec<Clause>> {
    // `[]` is no spec either (erl tests for a cons cell).
    if !spec.is_list() {
        return cx.fatal("Match programs are not in a list.");
    }
    let Some(items) = list_items(spec) else {
        return cx.fatal("Match programs are not in a proper list.");
    };
    // Every clause's shape is checked before any is compiled, as erl does.
    let mut parts = Vec::with_capacity(items.len());
    for &c in &items {
        // SAFETY: tuple checked.
        if !c.is_tuple() || unsafe { c.tuple_arity() } != 3 {
            return cx.fatal("Match program part is not a tuple of arity 3.");
        }
        let e = tuple_items(c);
        let head = e[0];
        let head = if cx.kind == MsKind::Trace && (head.is_list() || head.is_nil()) {
            match list_items(head) {
                Some(args) => HeadSrc::Args(args),
                None => {
                    let m = format!(
                        "Match expression part {} is not a proper list.",
                        display_string(head)
                    );
                    return cx.fatal(&m);
                }
            }
        } else {
            HeadSrc::Term(head)
        };
        parts.push((head, e[1], e[2]));
    }
    let mut out = Vec::with_capacity(parts.len());
    for (head, guards, body) in parts {
        out.push(compile_clause(cx, head, guards, body)?);
    }
    Some(out)
}

enum HeadSrc {
    /// A trace head given as an argument list.
    Args(Vec<Term>),
    Term(Term),
}

fn compile_clause(cx: &mut Cx, head: HeadSrc, guards: Term, body: Term) -> Option<Clause> {
    cx.vars.clear();
    cx.nslots = 0;
    let head = match head {
        HeadSrc::Args(args) => {
            let mut ps = Vec::with_capacity(args.len());
            for a in args {
                ps.push(cx.pat(a)?);
            }
            Pat::List(ps.into_boxed_slice(), Box::new(Pat::Imm(NIL)))
        }
        HeadSrc::Term(t) => {
            let p = cx.pat(t)?;
            if cx.kind == MsKind::Trace {
                match p {
                    // A single variable or '_' binds the whole list.
                    Pat::Bind(_) | Pat::Any => p,
                    // A tuple head is matched against the arguments.
                    Pat::Tuple(es) => Pat::List(es, Box::new(Pat::Imm(NIL))),
                    // A ground tuple head, also matched element-wise.
                    Pat::Const(c) if c.is_tuple() => {
                        let es: Vec<Pat> = tuple_items(c).into_iter().map(const_pat).collect();
                        Pat::List(es.into_boxed_slice(), Box::new(Pat::Imm(NIL)))
                    }
                    _ => return cx.fatal("Match head is invalid in this context."),
                }
            } else {
                p
            }
        }
    };
    cx.in_guard = true;
    let guards = cx.expr_list(guards);
    cx.in_guard = false;
    if cx.kind == MsKind::Table && !body.is_list() {
        return cx.fatal("Body clause does not return anything.");
    }
    let body = cx.expr_list(body);
    if !cx.errors.is_empty() {
        return None;
    }
    Some(Clause {
        head,
        nslots: cx.nslots,
        guards: guards.into_boxed_slice(),
        body: body.into_boxed_slice(),
    })
}

/// An element of an owned ground tuple, as a pattern.
fn const_pat(t: Term) -> Pat {
    if t.is_list() || t.is_boxed() {
        Pat::Const(t)
    } else {
        Pat::Imm(t)
    }
}

/// `'$N'` → N (erl's `db_is_variable`: no leading zeros except `'$0'`;
/// the number wraps like erl's C `int` and a negative result is no
/// variable).
pub(super) fn var_number(t: Term) -> Option<u32> {
    if !t.is_atom() {
        return None;
    }
    let name = atom::name(t).as_bytes();
    let digits = name.strip_prefix(b"$")?;
    match digits {
        [] => None,
        [b'0'] => Some(0),
        [b'1'..=b'9', rest @ ..] if rest.iter().all(u8::is_ascii_digit) => {
            let mut n: i32 = 0;
            for d in digits {
                n = n.wrapping_mul(10).wrapping_add((d - b'0') as i32);
            }
            u32::try_from(n).ok()
        }
        _ => None,
    }
}

impl Cx<'_> {
    fn err(&mut self, m: &str) {
        self.errors.push(MsError(m.to_string()));
    }
    fn fatal<T>(&mut self, m: &str) -> Option<T> {
        self.err(m);
        None
    }

    /// Head pattern. `None` after a fatal error (a variable or `'_'` as a
    /// map key, excessive nesting).
    fn pat(&mut self, t: Term) -> Option<Pat> {
        self.depth += 1;
        let r = self.pat_inner(t);
        self.depth -= 1;
        r
    }

    fn pat_inner(&mut self, t: Term) -> Option<Pat> {
        if self.depth > MAX_DEPTH {
            self.too_deep = true;
            let m = format!(
                "Excessive nesting; system limit reached near: {}",
                display_string(t)
            );
            return self.fatal(&m);
        }
        if let Some(n) = var_number(t) {
            return Some(match self.vars.get(&n) {
                Some(&s) => Pat::Check(s),
                None => {
                    let s = self.nslots as Slot;
                    self.vars.insert(n, s);
                    self.nslots += 1;
                    Pat::Bind(s)
                }
            });
        }
        if t == self.a_underscore {
            return Some(Pat::Any);
        }
        if crate::data::map::is_map(t) {
            let mut ps = Vec::new();
            for (k, v) in map_pairs(t) {
                if var_number(k).is_some() {
                    return self.fatal("Variable found in map key.");
                }
                if k == self.a_underscore {
                    return self.fatal("Underscore found in map key.");
                }
                let k = self.pool.own(k);
                ps.push((k, self.pat(v)?));
            }
            return Some(Pat::Map(ps.into_boxed_slice()));
        }
        if t.is_tuple() {
            let mut ps = Vec::new();
            for e in tuple_items(t) {
                ps.push(self.pat(e)?);
            }
            if ps.iter().all(is_ground) {
                return Some(Pat::Const(self.pool.own(t)));
            }
            return Some(Pat::Tuple(ps.into_boxed_slice()));
        }
        if t.is_list() {
            let mut ps = Vec::new();
            let mut l = t;
            while l.is_list() {
                // SAFETY: a list term points at a valid cons cell.
                let (h, tl) = unsafe { (Term(*l.list_ptr()), Term(*l.list_ptr().add(1))) };
                ps.push(self.pat(h)?);
                l = tl;
            }
            let tail = self.pat(l)?;
            if is_ground(&tail) && ps.iter().all(is_ground) {
                return Some(Pat::Const(self.pool.own(t)));
            }
            return Some(Pat::List(ps.into_boxed_slice(), Box::new(tail)));
        }
        if t.is_boxed() {
            return Some(Pat::Const(self.pool.own(t)));
        }
        Some(Pat::Imm(t))
    }

    /// A guard or body list. Not a list → erl's error (compilation goes on).
    fn expr_list(&mut self, l: Term) -> Vec<Expr> {
        if l.is_nil() {
            return Vec::new();
        }
        if !l.is_list() {
            self.err("Match expression is not a list.");
            return Vec::new();
        }
        let mut out = Vec::new();
        let mut l = l;
        while l.is_list() {
            // SAFETY: a list term points at a valid cons cell.
            let (h, tl) = unsafe { (Term(*l.list_ptr()), Term(*l.list_ptr().add(1))) };
            out.push(self.expr(h));
            l = tl;
        }
        if !l.is_nil() {
            self.err("Match expression is not a proper list.");
        }
        out
    }

    fn expr(&mut self, t: Term) -> Expr {
        self.depth += 1;
        let r = if self.depth > MAX_DEPTH {
            self.too_deep = true;
            let m = format!(
                "Excessive nesting; system limit reached near: {}",
                display_string(t)
            );
            self.err(&m);
            Expr::Const(NIL)
        } else {
            self.expr_inner(t)
        };
        self.depth -= 1;
        r
    }

    fn constant(&mut self, t: Term) -> Expr {
        Expr::Const(self.pool.own(t))
    }

    fn expr_inner(&mut self, t: Term) -> Expr {
        if t.is_list() {
            // SAFETY: a list term points at a valid cons cell.
            let (h, tl) = unsafe { (Term(*t.list_ptr()), Term(*t.list_ptr().add(1))) };
            let (h0, tl0) = (h, tl);
            let h = self.expr(h);
            let tl = self.expr(tl);
            return match (h, tl) {
                // The list itself is the constant only when its parts
                // evaluate to themselves (`[{{a}}]` builds `[{a}]`).
                (Expr::Const(a), Expr::Const(b))
                    if crate::data::compare::eq_exact(a, h0)
                        && crate::data::compare::eq_exact(b, tl0) =>
                {
                    self.constant(t)
                }
                (h, Expr::List(mut es, tail)) => {
                    let mut v = Vec::with_capacity(es.len() + 1);
                    v.push(h);
                    v.extend(std::mem::take(&mut es).into_vec());
                    Expr::List(v.into_boxed_slice(), tail)
                }
                (h, tl) => Expr::List(Box::new([h]), Box::new(tl)),
            };
        }
        if crate::data::map::is_map(t) {
            let pairs = map_pairs(t);
            let mut es = Vec::with_capacity(pairs.len());
            // erl compiles the values, then the keys, each last first.
            let vals: Vec<Expr> = pairs.iter().rev().map(|&(_, v)| self.expr(v)).collect();
            let keys: Vec<Expr> = pairs.iter().rev().map(|&(k, _)| self.expr(k)).collect();
            for (k, v) in keys.into_iter().rev().zip(vals.into_iter().rev()) {
                es.push((k, v));
            }
            // The map itself is the constant only when its parts evaluate
            // to themselves (`#{a => {const, '$1'}}` builds `#{a => '$1'}`).
            let same = |e: &Expr, src: Term| match e {
                Expr::Const(c) => crate::data::compare::eq_exact(*c, src),
                _ => false,
            };
            if es
                .iter()
                .zip(pairs.iter())
                .all(|((k, v), &(sk, sv))| same(k, sk) && same(v, sv))
            {
                return self.constant(t);
            }
            return Expr::Map(es.into_boxed_slice());
        }
        if t.is_tuple() {
            let items = tuple_items(t);
            if items.len() == 1 && items[0].is_tuple() {
                let inner = tuple_items(items[0]);
                let es = self.args_rev(&inner);
                if es.iter().all(is_const) {
                    return self.constant(items[0]);
                }
                return Expr::Tuple(es.into_boxed_slice());
            }
            if !items.is_empty() && items[0].is_atom() && var_number(items[0]).is_none() {
                return self.call(t, &items);
            }
            let m = format!(
                "{} is neither a function call, nor a tuple (tuples are written {{{{ ... }}}}).",
                display_string(t)
            );
            self.err(&m);
            return Expr::Const(NIL);
        }
        if let Some(n) = var_number(t) {
            return match self.vars.get(&n) {
                Some(&s) => Expr::Var(s),
                None => {
                    self.err(&format!("Variable ${n} is unbound."));
                    Expr::Const(NIL)
                }
            };
        }
        if t == self.a_whole {
            return Expr::Whole;
        }
        if t == self.a_all {
            let mut vs: Vec<(u32, Slot)> = self.vars.iter().map(|(&n, &s)| (n, s)).collect();
            vs.sort_unstable();
            return Expr::AllVars(vs.into_iter().map(|(_, s)| s).collect());
        }
        self.constant(t)
    }

    /// Compiles arguments last first (erl's order, which decides the order
    /// of errors) and returns them in source order.
    fn args_rev(&mut self, args: &[Term]) -> Vec<Expr> {
        let mut es: Vec<Expr> = args.iter().rev().map(|&a| self.expr(a)).collect();
        es.reverse();
        es
    }
    fn args_fwd(&mut self, args: &[Term]) -> Vec<Expr> {
        args.iter().map(|&a| self.expr(a)).collect()
    }

    /// `{Name, Args...}`: a special form or a guard function.
    fn call(&mut self, t: Term, items: &[Term]) -> Expr {
        let name = atom::name(items[0]);
        let args = &items[1..];
        let shown = || display_string(t);
        let bad_arity = |cx: &mut Self, what: &str| {
            let m = format!("Special form '{name}' called {what} in {}.", shown());
            cx.err(&m);
            Expr::Const(NIL)
        };
        match name {
            "const" => {
                if args.len() != 1 {
                    return bad_arity(self, "with more than one argument");
                }
                self.constant(args[0])
            }
            "and" | "or" => {
                if args.is_empty() {
                    return bad_arity(self, "without arguments");
                }
                let es = self.args_rev(args).into_boxed_slice();
                if name == "and" {
                    Expr::And(es)
                } else {
                    Expr::Or(es)
                }
            }
            "andalso" | "andthen" | "orelse" => {
                if args.is_empty() {
                    return bad_arity(self, "without arguments");
                }
                let es = self.args_fwd(args).into_boxed_slice();
                if name == "orelse" {
                    Expr::OrElse(es)
                } else {
                    Expr::AndAlso(es)
                }
            }
            "self" => {
                if !args.is_empty() {
                    return bad_arity(self, "with arguments");
                }
                match crate::code::export::bif_fn(am::ERLANG, atom::intern("self"), 0) {
                    Some(f) => Expr::Bif(f, Box::new([])),
                    None => Expr::Const(NIL),
                }
            }
            "message" | "display" => {
                if !self.trace_body_ok(name, 0, false) {
                    return Expr::Const(NIL);
                }
                if args.len() != 1 {
                    return bad_arity(self, "with wrong number of arguments");
                }
                let e = Box::new(self.expr(args[0]));
                if name == "message" {
                    return Expr::Message(e);
                }
                // Prints as erlang:display/1 and gives true.
                match crate::code::export::bif_fn(am::ERLANG, atom::intern("display"), 1) {
                    Some(f) => Expr::Bif(f, Box::new([*e])),
                    None => Expr::Const(NIL),
                }
            }
            "return_trace" | "exception_trace" => {
                if !self.trace_body_ok(name, 0, false) {
                    return Expr::Const(NIL);
                }
                if !args.is_empty() {
                    return bad_arity(self, "with arguments");
                }
                Expr::SetFlag(if name == "return_trace" {
                    super::FLAG_RETURN_TRACE
                } else {
                    super::FLAG_EXCEPTION_TRACE
                })
            }
            "is_seq_trace" | "get_seq_token" | "process_dump" | "caller" | "caller_line" => {
                let in_guard_ok = name == "is_seq_trace";
                let needs = if name.starts_with("caller") {
                    super::OPS_TRACE | super::OPS_CALL
                } else {
                    super::OPS_TRACE
                };
                if !self.trace_body_ok(name, needs, in_guard_ok) {
                    return Expr::Const(NIL);
                }
                if !args.is_empty() {
                    return bad_arity(self, "with arguments");
                }
                if name == "process_dump" {
                    return Expr::ProcessDump;
                }
                if name.starts_with("caller") && !self.fake {
                    return Expr::Caller(name == "caller_line");
                }
                // The caller's sequential trace token (`bif/seq_trace.rs`),
                // as erts reads it in tracing and in match_spec_test alike.
                if name == "is_seq_trace" || name == "get_seq_token" {
                    let m = atom::intern("$girder_trap");
                    if let Some(f) = crate::code::export::bif_fn(m, atom::intern(name), 0) {
                        return Expr::Bif(f, Box::new([]));
                    }
                }
                // Outside tracing: not traced, no caller.
                let v = match name {
                    "is_seq_trace" => am::FALSE,
                    "get_seq_token" => NIL,
                    "caller" | "caller_line" => am::UNDEFINED,
                    _ => am::TRUE,
                };
                Expr::TraceNop(Box::new([]), v)
            }
            "set_seq_token" => {
                if !self.trace_body_ok("set_seq_trace", super::OPS_TRACE, false) {
                    return Expr::Const(NIL);
                }
                if args.len() != 2 {
                    return bad_arity(self, "with wrong number of arguments");
                }
                Expr::TraceNop(self.args_rev(args).into_boxed_slice(), am::TRUE)
            }
            "enable_trace" | "disable_trace" | "trace" | "silent" => {
                if !self.trace_body_ok(name, super::OPS_TRACE, false) {
                    return Expr::Const(NIL);
                }
                let ok = match name {
                    "trace" => args.len() == 2 || args.len() == 3,
                    "silent" => args.len() == 1,
                    _ => args.len() == 1 || args.len() == 2,
                };
                if !ok {
                    return bad_arity(self, "with wrong number of arguments");
                }
                let mut es = self.args_rev(args);
                if name == "silent" {
                    if let Some(e) = es.pop() {
                        return Expr::Silent(Box::new(e));
                    }
                }
                if name == "trace" && !self.fake {
                    return Expr::TraceSet(es.into_boxed_slice());
                }
                if name != "trace" && !self.fake {
                    return Expr::TraceFlag(name == "enable_trace", es.into_boxed_slice());
                }
                Expr::TraceNop(es.into_boxed_slice(), am::TRUE)
            }
            _ => self.guard_bif(items[0], name, args),
        }
    }

    /// erl's `check_trace` for the trace-only special forms.
    /// `needs`: the `OPS_*` the form needs from the trace event.
    fn trace_body_ok(&mut self, op: &str, needs: u8, allow_in_guard: bool) -> bool {
        if self.kind != MsKind::Trace {
            self.err(&format!("Special form '{op}' used in wrong dialect."));
            return false;
        }
        if self.ops & needs != needs {
            // erl's message, spelling included.
            self.err(&format!(
                "Special form '{op}' not allow for this trace event."
            ));
            return false;
        }
        if self.in_guard && !allow_in_guard {
            self.err(&format!("Special form '{op}' called in guard context."));
            return false;
        }
        true
    }

    fn guard_bif(&mut self, fname: Term, name: &str, args: &[Term]) -> Expr {
        let arity = args.len();
        let Some(g) = super::guards::lookup(name, arity) else {
            let m = format!("Function {}/{arity} does_not_exist.", display_string(fname));
            self.err(&m);
            return Expr::Const(NIL);
        };
        let allowed = match g {
            super::guards::Guard::TraceOnlyGuardOrBody => self.kind == MsKind::Trace,
            super::guards::Guard::TraceOnlyBody => self.kind == MsKind::Trace && !self.in_guard,
            _ => true,
        };
        if !allowed {
            let m = format!(
                "Function {}/{arity} cannot be called in this context.",
                display_string(fname)
            );
            self.err(&m);
            return Expr::Const(NIL);
        }
        let es = self.args_rev(args);
        match g {
            super::guards::Guard::Cmp(op) => {
                let mut it = es.into_iter();
                let (a, b) = (it.next(), it.next());
                match (a, b) {
                    (Some(a), Some(b)) => Expr::Cmp(op, Box::new([a, b])),
                    _ => Expr::Const(NIL),
                }
            }
            super::guards::Guard::Bif(f) => Expr::Bif(f, es.into_boxed_slice()),
            super::guards::Guard::TraceOnlyGuardOrBody => Expr::Tcw(None, self.fake),
            super::guards::Guard::TraceOnlyBody => match es.into_iter().next() {
                Some(e) => Expr::Tcw(Some(Box::new(e)), self.fake),
                None => Expr::Const(NIL),
            },
        }
    }
}

fn is_ground(p: &Pat) -> bool {
    matches!(p, Pat::Imm(_) | Pat::Const(_))
}

fn is_const(e: &Expr) -> bool {
    matches!(e, Expr::Const(_))
}

/// The pairs of a map, flatmap or trie.
pub(super) fn map_pairs(m: Term) -> Vec<(Term, Term)> {
    let mut v = Vec::new();
    if crate::data::map::is_flat(m) {
        // SAFETY: `m` is a flatmap.
        let (ks, vs) = unsafe {
            (
                crate::data::map::layout::flat_keys(m),
                crate::data::map::layout::flat_values(m),
            )
        };
        v.extend(ks.iter().copied().zip(vs.iter().copied()));
    } else {
        crate::data::map::hamt::for_each_leaf(m, |leaf| {
            // SAFETY: a trie leaf is a cons cell [K|V].
            let (k, val) = unsafe { (Term(*leaf.list_ptr()), Term(*leaf.list_ptr().add(1))) };
            v.push((k, val));
        });
    }
    v
}

#[allow(dead_code)]
pub(super) fn cmp_name(op: CmpOp) -> &'static str {
    match op {
        CmpOp::Lt => "<",
        CmpOp::Le => "=<",
        CmpOp::Gt => ">",
        CmpOp::Ge => ">=",
        CmpOp::Eq => "==",
        CmpOp::Ne => "/=",
        CmpOp::ExactEq => "=:=",
        CmpOp::ExactNe => "=/=",
    }
}
