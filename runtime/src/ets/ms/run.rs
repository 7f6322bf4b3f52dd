//! Running a compiled match spec: head matching into variable slots (no
//! allocation unless a clause has more than `INLINE_SLOTS` variables),
//! guards, then the body built on the process heap.

use super::{CmpOp, CompiledMs, Expr, Pat, TraceOutcome};
use crate::data::build;
use crate::data::compare::{cmp_terms, eq, eq_exact};
use crate::gc::copy::{copy_term, size_of};
use crate::heap::ctx::Ctx;
use crate::term::atom::am;
use crate::term::{make_header, Term, HDR_TUPLE, NIL};

/// Variable slots kept in a stack array up to this many.
const INLINE_SLOTS: usize = 16;

/// Matches `t` against `p`, binding slots. No allocation.
fn matches(p: &Pat, t: Term, slots: &mut [Term]) -> bool {
    match p {
        Pat::Any => true,
        Pat::Bind(s) => {
            slots[*s as usize] = t;
            true
        }
        Pat::Check(s) => eq_exact(slots[*s as usize], t),
        Pat::Imm(c) => c.raw() == t.raw(),
        Pat::Const(c) => eq_exact(*c, t),
        Pat::Tuple(ps) => {
            // SAFETY: arity read only for a tuple; i < arity.
            t.is_tuple()
                && unsafe { t.tuple_arity() } == ps.len()
                && ps
                    .iter()
                    .enumerate()
                    .all(|(i, p)| matches(p, unsafe { t.tuple_elem(i) }, slots))
        }
        Pat::List(ps, tail) => {
            let mut l = t;
            for p in ps.iter() {
                if !l.is_list() {
                    return false;
                }
                // SAFETY: a list term points at a valid cons cell.
                let (h, tl) = unsafe { (Term(*l.list_ptr()), Term(*l.list_ptr().add(1))) };
                if !matches(p, h, slots) {
                    return false;
                }
                l = tl;
            }
            matches(tail, l, slots)
        }
        Pat::Map(kvs) => {
            crate::data::map::is_map(t)
                && kvs.iter().all(|(k, p)| match crate::data::map::get(t, *k) {
                    Some(v) => matches(p, v, slots),
                    None => false,
                })
        }
    }
}

/// Evaluation state of one clause.
struct Eval<'a> {
    obj: Term,
    slots: &'a [Term],
    /// Body context: results must live on the process heap (constants are
    /// copied; so are parts of `obj` when it is off-heap).
    body: bool,
    off_heap: bool,
    /// Trace dialect: what `message` set, and the flags.
    message: Option<Term>,
    flags: u8,
    /// Trace dialect: where the traced call was made (its caller's
    /// location), for `caller` and `caller_line`.
    caller: Option<crate::code::loc::Loc>,
}

/// Copies `t` onto the heap of the process bound to `ctx`.
fn to_heap(ctx: &mut Ctx, t: Term) -> Term {
    let n = size_of(t);
    if n == 0 {
        return t;
    }
    let p = ctx.alloc(n);
    let mut dst = p;
    // SAFETY: `p` has `n` fresh words that cannot overlap `t`; the copy is
    // a region of whole objects in the process's heap or a fragment.
    unsafe {
        let r = copy_term(t, &mut dst);
        if !ctx.proc_.is_null() {
            crate::data::binary::layout::register_region(ctx.process(), p, n);
        }
        r
    }
}

impl Eval<'_> {
    #[inline]
    fn share(&self, ctx: &mut Ctx, t: Term, from_obj: bool) -> Term {
        if self.body && (!from_obj || self.off_heap) {
            to_heap(ctx, t)
        } else {
            t
        }
    }

    /// A failing subexpression (a BIF that raised, a non-boolean in a
    /// boolean operator): in a guard it fails the clause (`None`); in a
    /// body its value is `'EXIT'` and evaluation goes on, as erl's
    /// `do_catch` mode does.
    #[inline]
    fn failed(&self) -> Option<Term> {
        self.body.then_some(am::EXIT_UPPER)
    }

    /// `None` = a guard failed (never in a body).
    fn eval(&mut self, ctx: &mut Ctx, e: &Expr) -> Option<Term> {
        Some(match e {
            Expr::Const(c) => self.share(ctx, *c, false),
            Expr::Var(s) => self.share(ctx, self.slots[*s as usize], true),
            Expr::Whole => self.share(ctx, self.obj, true),
            Expr::AllVars(ss) => {
                let vs: Vec<Term> = ss
                    .iter()
                    .map(|s| self.share(ctx, self.slots[*s as usize], true))
                    .collect();
                build::list_from_slice(ctx, &vs)
            }
            Expr::Tuple(es) => {
                // Allocated first and filled in place: `ctx.alloc` never
                // moves what is already allocated.
                let p = ctx.alloc(1 + es.len());
                // SAFETY: `p` has 1 + len fresh words; every element is
                // written before the tuple is returned, and the words are
                // initialised to NIL so a partly built tuple is valid.
                unsafe {
                    *p = make_header(es.len(), HDR_TUPLE);
                    for i in 0..es.len() {
                        *p.add(1 + i) = NIL.raw();
                    }
                    for (i, e) in es.iter().enumerate() {
                        *p.add(1 + i) = self.eval(ctx, e)?.raw();
                    }
                }
                Term::boxed_from_ptr(p)
            }
            Expr::List(es, tail) => {
                let vs = self.eval_all(ctx, es)?;
                let t = self.eval(ctx, tail)?;
                build::list_from_slice_tail(ctx, &vs, t)
            }
            Expr::Map(kvs) => {
                let mut m = crate::data::map::empty(ctx);
                for (k, v) in kvs.iter() {
                    let k = self.eval(ctx, k)?;
                    let v = self.eval(ctx, v)?;
                    m = crate::data::map::put(ctx, m, k, v);
                }
                m
            }
            Expr::Bif(f, args) => {
                let mut buf = [NIL; 3];
                for (i, a) in args.iter().enumerate() {
                    buf[i] = self.eval(ctx, a)?;
                }
                let r = f(ctx, buf.as_ptr());
                if r.is_non_value() {
                    return self.failed();
                }
                r
            }
            Expr::Cmp(op, ab) => {
                let a = self.eval(ctx, &ab[0])?;
                let b = self.eval(ctx, &ab[1])?;
                Term::boolean(compare(*op, a, b))
            }
            Expr::And(es) | Expr::Or(es) => {
                let want_all = matches!(e, Expr::And(_));
                let mut acc = want_all;
                let mut ok = true;
                for x in es.iter() {
                    let v = self.eval(ctx, x)?;
                    match as_bool(v) {
                        Some(b) => acc = if want_all { acc && b } else { acc || b },
                        None => ok = false,
                    }
                }
                if !ok {
                    return self.failed();
                }
                Term::boolean(acc)
            }
            Expr::AndAlso(es) | Expr::OrElse(es) => {
                let stop_on = matches!(e, Expr::OrElse(_));
                let (last, init) = es.split_last()?;
                for x in init {
                    match as_bool(self.eval(ctx, x)?) {
                        Some(b) if b == stop_on => return Some(Term::boolean(stop_on)),
                        Some(_) => {}
                        None => return self.failed(),
                    }
                }
                self.eval(ctx, last)?
            }
            Expr::Message(x) => {
                let v = self.eval(ctx, x)?;
                self.message = Some(v);
                am::TRUE
            }
            Expr::SetFlag(f) => {
                self.flags |= f;
                am::TRUE
            }
            Expr::Silent(x) => {
                let v = self.eval(ctx, x)?;
                if v == am::TRUE {
                    self.flags |= super::FLAG_SILENT_ON;
                } else if v == am::FALSE {
                    self.flags |= super::FLAG_SILENT_OFF;
                }
                am::TRUE
            }
            Expr::TraceNop(args, v) => {
                for a in args.iter() {
                    self.eval(ctx, a)?;
                }
                *v
            }
            Expr::Caller(line) => caller_term(ctx, self.caller, *line),
            Expr::TraceFlag(enable, args) => {
                let vs = self.eval_all(ctx, args)?;
                let (target, flag) = match vs[..] {
                    [flag] => (None, flag),
                    [target, flag] => (Some(target), flag),
                    _ => return None,
                };
                match super::TRACE_FLAG.get() {
                    Some(f) => f(ctx, *enable, target, flag),
                    None => am::TRUE,
                }
            }
            Expr::TraceSet(args) => {
                let vs = self.eval_all(ctx, args)?;
                let (target, disable, enable) = match vs[..] {
                    [d, e] => (None, d, e),
                    [t, d, e] => (Some(t), d, e),
                    _ => return None,
                };
                match super::TRACE_SET.get() {
                    Some(f) => f(ctx, target, disable, enable),
                    None => am::TRUE,
                }
            }
            Expr::Tcw(None, _) => super::tcw(),
            Expr::Tcw(Some(x), fake) => {
                let v = self.eval(ctx, x)?;
                if *fake {
                    super::tcw()
                } else {
                    // A value out of range fails the body, as in BEAM.
                    super::set_tcw(v)?
                }
            }
            Expr::ProcessDump => match super::PROCESS_DUMP.get() {
                Some(f) => f(ctx),
                None => am::TRUE,
            },
        })
    }

    fn eval_all(&mut self, ctx: &mut Ctx, es: &[Expr]) -> Option<Vec<Term>> {
        let mut v = Vec::with_capacity(es.len());
        for e in es {
            v.push(self.eval(ctx, e)?);
        }
        Some(v)
    }
}

/// `caller()` (`{M, F, A}`) or `caller_line()` (`{M, F, A, {File,
/// Line}}`, `undefined` in place of an unknown line) of the call made at
/// `at`; `undefined` when that is not known.
fn caller_term(ctx: &mut Ctx, at: Option<crate::code::loc::Loc>, line: bool) -> Term {
    let Some(l) = at else {
        return am::UNDEFINED;
    };
    let arity = Term::small(l.arity as i64);
    if !line {
        return build::make_tuple(ctx, &[l.module, l.function, arity]);
    }
    let at = match crate::code::loc::file_name(l.file).filter(|_| l.line != 0) {
        Some(f) => {
            let name = build::make_string(ctx, &f);
            build::make_tuple(ctx, &[name, Term::small(l.line as i64)])
        }
        None => am::UNDEFINED,
    };
    build::make_tuple(ctx, &[l.module, l.function, arity, at])
}

fn as_bool(t: Term) -> Option<bool> {
    if t == am::TRUE {
        Some(true)
    } else if t == am::FALSE {
        Some(false)
    } else {
        None
    }
}

#[inline]
fn compare(op: CmpOp, a: Term, b: Term) -> bool {
    if a.is_small() && b.is_small() {
        let (x, y) = (a.small_value(), b.small_value());
        return match op {
            CmpOp::Eq | CmpOp::ExactEq => x == y,
            CmpOp::Ne | CmpOp::ExactNe => x != y,
            CmpOp::Lt => x < y,
            CmpOp::Le => x <= y,
            CmpOp::Gt => x > y,
            CmpOp::Ge => x >= y,
        };
    }
    match op {
        CmpOp::Eq => eq(a, b),
        CmpOp::Ne => !eq(a, b),
        CmpOp::ExactEq => eq_exact(a, b),
        CmpOp::ExactNe => !eq_exact(a, b),
        CmpOp::Lt => cmp_terms(a, b).is_lt(),
        CmpOp::Le => cmp_terms(a, b).is_le(),
        CmpOp::Gt => cmp_terms(a, b).is_gt(),
        CmpOp::Ge => cmp_terms(a, b).is_ge(),
    }
}

/// Runs `f` with a slot array of `n` entries, on the stack when small.
#[inline]
fn with_slots<R>(n: usize, f: impl FnOnce(&mut [Term]) -> R) -> R {
    if n <= INLINE_SLOTS {
        let mut a = [NIL; INLINE_SLOTS];
        f(&mut a[..])
    } else {
        let mut v = vec![NIL; n];
        f(&mut v)
    }
}

/// Evaluates a clause's guards: all must give `true`; a guard that raises
/// fails the clause.
fn guards_pass(ctx: &mut Ctx, ev: &mut Eval, guards: &[Expr]) -> bool {
    guards
        .iter()
        .all(|g| matches!(ev.eval(ctx, g), Some(v) if v == am::TRUE))
}

pub(super) fn run_table(ms: &CompiledMs, ctx: &mut Ctx, obj: Term, off_heap: bool) -> Option<Term> {
    with_slots(ms.max_slots, |slots| {
        for c in ms.clauses.iter() {
            if !matches(&c.head, obj, slots) {
                continue;
            }
            let mut ev = Eval {
                obj,
                slots,
                body: false,
                off_heap,
                message: None,
                flags: 0,
                caller: None,
            };
            if !guards_pass(ctx, &mut ev, &c.guards) {
                continue;
            }
            ev.body = true;
            let mut result = am::TRUE;
            for b in c.body.iter() {
                match ev.eval(ctx, b) {
                    Some(v) => result = v,
                    None => return Some(am::EXIT_UPPER),
                }
            }
            return Some(result);
        }
        None
    })
}

pub(super) fn run_trace(
    ms: &CompiledMs,
    ctx: &mut Ctx,
    args: Term,
    caller: Option<crate::code::loc::Loc>,
) -> TraceOutcome {
    with_slots(ms.max_slots, |slots| {
        for c in ms.clauses.iter() {
            if !matches(&c.head, args, slots) {
                continue;
            }
            let mut ev = Eval {
                obj: args,
                slots,
                body: false,
                off_heap: false,
                message: None,
                flags: 0,
                caller,
            };
            if !guards_pass(ctx, &mut ev, &c.guards) {
                continue;
            }
            ev.body = true;
            for b in c.body.iter() {
                if ev.eval(ctx, b).is_none() {
                    // A trace body that raises stops; what ran so far counts.
                    break;
                }
            }
            return TraceOutcome {
                result: Some(ev.message.unwrap_or(am::TRUE)),
                flags: ev.flags,
            };
        }
        TraceOutcome {
            result: None,
            flags: 0,
        }
    })
}
