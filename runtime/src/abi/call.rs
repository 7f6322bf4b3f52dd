//! Dynamic calls: resolving exports (loading modules on first call),
//! `apply`, and calling funs. Each returns the native entry address to
//! tail-call, or 0 after recording an exception.

use crate::code::export::{self, Export};
use crate::code::module::FunEntry;
use crate::data::build::{list_from_slice, list_to_vec, make_tuple};
use crate::heap::ctx::{Ctx, MAX_X};
use crate::term::atom::am;
use crate::term::{make_header, Term, HDR_EXPORT, HDR_FUN};

/// The address of `e`; when it is not loaded, BEAM's `call_error_handler`:
/// the call becomes `error_handler:undefined_function(M, F, Args)`, which
/// loads the module (`init:ensure_loaded/1` without a code server) and
/// makes the call, or raises `undef` with BEAM's trace. Without an error
/// handler (or for its own module) the module is loaded here; 0 and
/// `undef` if the function does not exist. Arguments are in x0...
fn resolve(ctx: &mut Ctx, e: &Export) -> usize {
    let a = e.address();
    if a != 0 {
        return a;
    }
    let h = error_handler(ctx, e);
    if h != 0 {
        let args: Vec<Term> = ctx.x[..e.arity as usize].to_vec();
        let list = list_from_slice(ctx, &args);
        ctx.x[0] = e.module;
        ctx.x[1] = e.function;
        ctx.x[2] = list;
        return h;
    }
    if (crate::code::hooks::get().load_module)(e.module).is_ok() {
        let a = e.address();
        if a != 0 {
            return a;
        }
        // Loaded, but its on_load function has not said `ok` yet.
        let w = crate::proc::on_load::wait_for_call(ctx, e);
        if w != 0 {
            return w;
        }
    }
    let args: Vec<Term> = ctx.x[..e.arity as usize].to_vec();
    let args = list_from_slice(ctx, &args);
    let top = make_tuple(ctx, &[e.module, e.function, args, crate::term::NIL]);
    ctx.error(am::UNDEF);
    ctx.exc_top = top;
    ctx.exc_callee = true;
    0
}

/// The address of `error_handler:undefined_function/3` (loaded on first
/// use, as erl's boot loads it before anything runs), or 0 for a call of
/// the error handler's own module or when it cannot be loaded. A process
/// that set `process_flag(error_handler, M)` gets `M:undefined_function/3`.
fn error_handler(ctx: &mut Ctx, e: &Export) -> usize {
    use std::sync::OnceLock;
    static H: OnceLock<&'static Export> = OnceLock::new();
    // SAFETY: generated code calls with a process scheduled on `ctx`.
    let own = unsafe { ctx.process() }.pflags.error_handler;
    if own != am::ERROR_HANDLER {
        return handler_fn(own, e.module, am::UNDEFINED_FUNCTION);
    }
    if e.module == am::ERROR_HANDLER {
        return 0;
    }
    let h = *H.get_or_init(|| export::get_or_create(am::ERROR_HANDLER, am::UNDEFINED_FUNCTION, 3));
    let a = h.address();
    if a != 0 {
        return a;
    }
    if (crate::code::hooks::get().load_module)(am::ERROR_HANDLER).is_ok() {
        return h.address();
    }
    0
}

/// The address of `module:function/3` of a process's own error handler
/// (loaded on first use), or 0 when `callee` is that module or it has no
/// such function.
fn handler_fn(module: Term, callee: Term, function: Term) -> usize {
    if callee == module {
        return 0;
    }
    let h = export::get_or_create(module, function, 3);
    if h.address() == 0 {
        let _ = (crate::code::hooks::get().load_module)(module);
    }
    h.address()
}

/// A fun whose module is not loaded: BEAM calls the process's error
/// handler's `undefined_lambda(Module, Fun, Args)` (which loads the module
/// and applies the fun again). Returns its address with the arguments set
/// up in x0..x2, or 0 (no handler: the caller raises `badfun`). A fun of a
/// loaded module whose code is gone stays a `badfun`, as in BEAM.
fn undefined_lambda(ctx: &mut Ctx, f: Term, module: Term, n: usize) -> usize {
    if crate::code::module::get(module).is_some() {
        return 0;
    }
    // SAFETY: generated code calls with a process scheduled on `ctx`.
    let own = unsafe { ctx.process() }.pflags.error_handler;
    let h = handler_fn(own, module, crate::term::atom::intern("undefined_lambda"));
    if h == 0 {
        return 0;
    }
    let args: Vec<Term> = ctx.x[..n].to_vec();
    let list = list_from_slice(ctx, &args);
    ctx.x[0] = module;
    ctx.x[1] = f;
    ctx.x[2] = list;
    h
}

/// A call of the fun `f` (of `module`, `n` arguments in x0..) whose code
/// is being purged: the caller, now suspended, continues in
/// `erts_code_purger:pending_purge_lambda(Module, Fun, Args)`, which
/// applies the fun again once the purge is over (`proc::fun_purge`).
fn pending_purge_lambda(ctx: &mut Ctx, f: Term, module: Term, n: usize) -> usize {
    use crate::term::atom::intern;
    let e = export::get_or_create(
        intern("erts_code_purger"),
        intern("pending_purge_lambda"),
        3,
    );
    let args: Vec<Term> = ctx.x[..n].to_vec();
    let list = list_from_slice(ctx, &args);
    ctx.x[0] = module;
    ctx.x[1] = f;
    ctx.x[2] = list;
    resolve(ctx, e)
}

/// `badarg` from `apply` itself (a module or function that is not an
/// atom, an argument list that is not a proper list): BEAM reports it
/// as raised by `erlang:apply/2,3` called with `args`.
fn apply_badarg(ctx: &mut Ctx, args: &[Term]) -> usize {
    let list = list_from_slice(ctx, args);
    let tail = super::trace::bif_error_tail(am::ERLANG);
    let top = make_tuple(ctx, &[am::ERLANG, am::APPLY, list, tail]);
    ctx.badarg();
    ctx.exc_top = top;
    ctx.exc_callee = true;
    0
}

/// # Safety
/// Called by generated code; `e` is an export entry (never freed).
pub unsafe extern "C" fn rt_resolve_export(ctx: *mut Ctx, e: *const Export) -> usize {
    resolve(&mut *ctx, &*e)
}

/// `apply Arity`: x(Arity) is the module, x(Arity+1) the function.
/// # Safety
/// Called by generated code with a valid context.
pub unsafe extern "C" fn rt_apply(ctx: *mut Ctx, arity: u64) -> usize {
    let ctx = &mut *ctx;
    let n = arity as usize;
    let (m, f) = (ctx.x[n], ctx.x[n + 1]);
    if !m.is_atom() || !f.is_atom() {
        let args: Vec<Term> = ctx.x[..n].to_vec();
        let list = list_from_slice(ctx, &args);
        return apply_badarg(ctx, &[m, f, list]);
    }
    // Call tracing of BIFs applied (`Ctx::bif_trace`, stepping processes
    // only): reported here, as generated code reports direct BIF calls.
    if ctx.bif_trace != 0 {
        if let Some(a) = crate::sched::traced::bif_applied(ctx, m, f, arity as u32) {
            if a == 0 {
                ctx.exc_callee = true;
            }
            return a;
        }
    }
    if m == am::ERLANG && super::error::raises_for_caller(f) {
        if let Some(bif) = crate::code::export::bif_fn(m, f, arity as u32) {
            // `apply(erlang, error, ...)` raises at the apply, as in BEAM
            // (which matters after a tail call: the caller keeps its
            // frame). When the BIF does not raise (`raise/3` with bad
            // arguments) it is called again through its export below.
            let args: Vec<Term> = ctx.x[..n].to_vec();
            if bif(ctx, args.as_ptr()).is_non_value() {
                ctx.exc_callee = true;
                return 0;
            }
        }
    }
    if m == am::ERLANG && f == am::APPLY && (arity == 2 || arity == 3) {
        // `apply(erlang, apply, [M, F, Args])`: BEAM applies the inner
        // call directly, leaving no `erlang:apply` frame in stack traces.
        return rt_apply_list(ctx, arity);
    }
    let e = export::get_or_create(m, f, arity as u32);
    resolve(ctx, e)
}

/// `erlang:apply/2,3` called as a function: spreads the argument list into
/// x0.. and resolves the target.
/// # Safety
/// Called by generated code with a valid context.
pub unsafe extern "C" fn rt_apply_list(ctx: *mut Ctx, which: u64) -> usize {
    let ctx = &mut *ctx;
    let (target, list) = if which == 3 {
        (None, ctx.x[2])
    } else {
        (Some(ctx.x[0]), ctx.x[1])
    };
    let Some(args) = list_to_vec(list).filter(|a| a.len() < MAX_X - 2) else {
        let given: Vec<Term> = ctx.x[..which as usize].to_vec();
        return apply_badarg(ctx, &given);
    };
    let n = args.len();
    match target {
        None => {
            let (m, f) = (ctx.x[0], ctx.x[1]);
            ctx.x[..n].copy_from_slice(&args);
            ctx.x[n] = m;
            ctx.x[n + 1] = f;
            rt_apply(ctx, n as u64)
        }
        Some(fun) => {
            ctx.x[..n].copy_from_slice(&args);
            ctx.x[n] = fun;
            rt_call_fun(ctx, n as u64)
        }
    }
}

/// `call_fun Arity`: the fun is in x(Arity), its arguments in x0...
/// # Safety
/// Called by generated code with a valid context.
pub unsafe extern "C" fn rt_call_fun(ctx: *mut Ctx, arity: u64) -> usize {
    let ctx = &mut *ctx;
    let n = arity as usize;
    let f = ctx.x[n];
    if f.is_boxed_of(HDR_FUN) {
        let p = f.boxed_ptr();
        let fe = &*(*p.add(1) as *const FunEntry);
        if fe.arity as usize != n {
            return badarity(ctx, f, n);
        }
        let nfree = fe.num_free as usize;
        if n + nfree > MAX_X {
            ctx.error(am::SYSTEM_LIMIT);
            return 0;
        }
        let mut addr = fe.address();
        if addr == 0 {
            if crate::proc::fun_purge::hold_caller(ctx, fe) {
                return pending_purge_lambda(ctx, f, fe.module, n);
            }
            // The purge may have ended (and restored it) meanwhile.
            addr = fe.address();
        }
        if addr == 0 {
            let h = undefined_lambda(ctx, f, fe.module, n);
            if h != 0 {
                return h;
            }
            // Its code was purged (BEAM: `badfun` once the module's
            // current version does not have it).
            let reason = make_tuple(ctx, &[am::BADFUN, f]);
            ctx.error(reason);
            return 0;
        }
        for i in 0..nfree {
            ctx.x[n + i] = Term(*p.add(2 + i));
        }
        return addr;
    }
    if f.is_boxed_of(HDR_EXPORT) {
        let e = &*(*f.boxed_ptr().add(1) as *const Export);
        if e.arity as usize != n {
            return badarity(ctx, f, n);
        }
        return resolve(ctx, e);
    }
    let reason = make_tuple(ctx, &[am::BADFUN, f]);
    ctx.error(reason);
    0
}

fn badarity(ctx: &mut Ctx, f: Term, n: usize) -> usize {
    let args: Vec<Term> = ctx.x[..n].to_vec();
    let args = list_from_slice(ctx, &args);
    let inner = make_tuple(ctx, &[f, args]);
    let reason = make_tuple(ctx, &[am::BADARITY, inner]);
    ctx.error(reason);
    0
}

/// `make_fun3`: builds a closure over `fe` with its free variables read
/// from `env_offset` bytes into the context.
/// # Safety
/// Called by generated code; `fe` is a FunEntry of a loaded module and the
/// context holds `fe.num_free` terms at `env_offset`.
pub unsafe extern "C" fn rt_make_fun(ctx: *mut Ctx, fe: *const FunEntry, env_offset: u64) -> Term {
    let env = (ctx as *const u8).add(env_offset as usize) as *const Term;
    let ctx = &mut *ctx;
    let nfree = (*fe).num_free as usize;
    // Not from the heap: the space after a `test_heap` belongs to the
    // instructions that follow this one.
    let p = ctx.alloc_outside_heap(2 + nfree);
    *p = make_header(1 + nfree, HDR_FUN);
    *p.add(1) = fe as u64;
    for i in 0..nfree {
        *p.add(2 + i) = (*env.add(i)).raw();
    }
    Term::boxed_from_ptr(p)
}

/// `is_function2`: 1 if `f` is a fun of arity `arity`.
pub extern "C" fn rt_is_function2(f: Term, arity: Term) -> u64 {
    fun_arity(f).is_some_and(|a| arity.is_small() && a as i64 == arity.small_value()) as u64
}

/// The arity of a fun term, or None if it is not a fun.
pub fn fun_arity(f: Term) -> Option<u32> {
    // SAFETY: the subtag checks guarantee the layouts read below.
    unsafe {
        if f.is_boxed_of(HDR_FUN) {
            Some((*(*f.boxed_ptr().add(1) as *const FunEntry)).arity)
        } else if f.is_boxed_of(HDR_EXPORT) {
            Some((*(*f.boxed_ptr().add(1) as *const Export)).arity)
        } else {
            None
        }
    }
}

/// Generated code calls this instead of a BIF while `ctx.bif_trace` is
/// set (a stepping process): reports the call of `export`'s BIF (its
/// arguments in x0..), calls it and reports its return or exception
/// (return trace, call time; `loc`: the call's location, for
/// `return_to`); returns what the BIF returned (a trap stays a trap).
/// # Safety
/// Called by generated code with a valid context and an export entry.
pub unsafe extern "C" fn rt_trace_bif(
    ctx: *mut Ctx,
    export: *const crate::code::export::Export,
    loc: u64,
) -> u64 {
    let ctx = &mut *ctx;
    let e = &*export;
    // Generated code calls this only for imports resolved to a BIF.
    let Some(f) = e.bif else {
        return ctx.badarg().raw();
    };
    let want = crate::sched::traced::bif_called(ctx, e.module, e.function, e.arity, loc as u32);
    let args = ctx.x.as_ptr();
    let r = f(ctx, args);
    if want {
        crate::sched::traced::bif_returned(ctx, r, loc as u32).raw()
    } else {
        r.raw()
    }
}

/// Generated code calls this when a traced BIF call traps (its target
/// about to be tail-called; `loc` the call's location): the pending
/// return-trace frames go on the stack.
/// # Safety
/// Called by generated code with a valid context.
pub unsafe extern "C" fn rt_trace_bif_trapped(ctx: *mut Ctx, loc: u64) -> u64 {
    crate::sched::traced::bif_trapped(&mut *ctx, loc as u32);
    0
}

/// Generated code calls this with the result of a BIF call for which
/// `rt_trace_bif` returned nonzero (return trace, call time) and the
/// location of the call (the caller, for `return_to`); returns the result.
/// # Safety
/// Called by generated code with a valid context.
pub unsafe extern "C" fn rt_trace_bif_ret(ctx: *mut Ctx, r: u64, loc: u64) -> u64 {
    crate::sched::traced::bif_returned(&mut *ctx, Term(r), loc as u32).raw()
}
