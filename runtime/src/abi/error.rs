//! Raising and unwinding. Generated code records an exception in the
//! context (directly, through a BIF, or through `rt_raise_kind`), stores
//! the failing location in `exc_loc`, and calls `rt_handle_error`, which
//! builds the stack trace, finds the nearest catch tag on the Erlang stack
//! and returns the handler's entry address (or the EXIT stub's).

use crate::code::loc::{self, Loc};
use crate::data::build::{cons, list_from_slice, make_string, make_tuple};
use crate::heap::ctx::Ctx;
use crate::term::atom::am;
use crate::term::{Term, NIL, NON_VALUE};
use std::sync::atomic::{AtomicUsize, Ordering};

/// BEAM's default `backtrace_depth`.
pub const DEFAULT_BACKTRACE_DEPTH: usize = 8;
/// BEAM's MAX_BACKTRACE_SIZE: larger requests are clamped to it.
pub const MAX_BACKTRACE_DEPTH: usize = 64;

static BACKTRACE_DEPTH: AtomicUsize = AtomicUsize::new(DEFAULT_BACKTRACE_DEPTH);

/// The current `backtrace_depth` (0..=64): how many frames a stack trace
/// keeps. `erlang:system_flag(backtrace_depth, N)` sets it.
#[inline]
pub fn backtrace_depth() -> usize {
    BACKTRACE_DEPTH.load(Ordering::Relaxed)
}

/// Sets `backtrace_depth` (clamped) and returns the old value.
pub fn set_backtrace_depth(n: usize) -> usize {
    BACKTRACE_DEPTH.swap(n.min(MAX_BACKTRACE_DEPTH), Ordering::Relaxed)
}

/// Kinds for `rt_raise_kind`.
pub mod kind {
    pub const BADMATCH: u64 = 1;
    pub const CASE_CLAUSE: u64 = 2;
    pub const TRY_CLAUSE: u64 = 3;
    pub const BADRECORD: u64 = 4;
    pub const IF_CLAUSE: u64 = 5;
}

/// Whether `m` is one of the modules erl preloads from the copies built
/// into its emulator, which carry no line information: their frames
/// show no file and line there (`{erlang, open_port, Args, [{error_info,
/// ...}]}`), although the `.beam` files Girder loads have them.
fn preloaded_in_erl(m: Term) -> bool {
    matches!(
        crate::term::atom::name(m),
        "erlang"
            | "erts_internal"
            | "init"
            | "erl_init"
            | "erl_prim_loader"
            | "prim_file"
            | "prim_inet"
            | "prim_zip"
            | "prim_buffer"
            | "prim_eval"
            | "prim_socket"
            | "prim_net"
            | "socket_registry"
            | "zlib"
            | "atomics"
            | "counters"
            | "persistent_term"
            | "erl_tracer"
            | "erts_code_purger"
            | "erts_literal_area_collector"
            | "erts_dirty_process_signal_handler"
    )
}

/// `{Module, Function, ArityOrArgs, Location}` for a code location; `args`
/// is used when it is a list (else the arity), `tail` ends the location
/// list (`[{error_info, Map}]` or `[]`).
fn frame(ctx: &mut Ctx, l: &Loc, args: Term, tail: Term) -> Term {
    let mut info = tail;
    if l.line != 0 && l.file != u32::MAX && !preloaded_in_erl(l.module) {
        let file = loc::file_name(l.file).unwrap_or_default();
        let f = make_string(ctx, &file);
        let ft = make_tuple(ctx, &[am::FILE, f]);
        let lt = make_tuple(ctx, &[am::LINE, Term::small(l.line as i64)]);
        let rest = cons(ctx, lt, tail);
        info = cons(ctx, ft, rest);
    }
    let a = if args.is_list() || args.is_nil() {
        args
    } else {
        Term::small(l.arity as i64)
    };
    make_tuple(ctx, &[l.module, l.function, a, info])
}

/// Set in `exc_loc` (above the location id) by calls in tail position
/// whose own failure (undefined function, bad apply) raises there.
pub const LOC_TAIL: u64 = 1 << 32;

/// Captures the stack trace of the exception in `ctx` in raw form, cheap
/// to make because most traces are never looked at: `{Class, Top, Args,
/// Locs, Tail}` with the extra top frame (a BIF's or an undefined
/// function's, or NIL), the failing location's argument list (a non-list
/// means "use the arity"), the location ids (small integers) of the
/// failing instruction and of each continuation on the stack (at most
/// `backtrace_depth` frames in all (`backtrace_depth`); a continuation repeated right above
/// itself, as in non-tail recursion, counts once, as in BEAM), and the
/// end of the failing location's location list (`erlang:error/3`'s
/// `[{error_info, Map}]`, else NIL). `raw_to_list` turns it into the
/// `[{M,F,ArityOrArgs,Location}]` list. A raw trace may also be `{Class,
/// List}` when the list was given (`raise`, `erlang:raise/3`).
fn capture_raw(ctx: &mut Ctx) -> Term {
    // `exc_top` holds either a frame (a tuple) or error/3's location tail.
    let (top, tail) = match ctx.exc_top {
        t if t.is_non_value() => (NIL, NIL),
        t if t.is_tuple() => (t, NIL),
        t => (NIL, t),
    };
    let args = if ctx.exc_trace.is_non_value() {
        am::TRUE
    } else {
        ctx.exc_trace
    };
    // Up to 16 ids on the stack (the default depth is 8): no allocation
    // per exception.
    let mut ids: smallvec::SmallVec<[Term; 16]> = smallvec::SmallVec::new();
    // `backtrace_depth` frames (at least one, as in BEAM), the top frame
    // included.
    let budget = backtrace_depth().max(1) - usize::from(top != NIL);
    // An undefined function's (or a bad apply's) frame stands for the
    // call itself: the caller shows up through its continuation (or not
    // at all after a tail call), never as the failing location.
    // A bad `apply`, or an apply of `error`/`exit`/`throw`, in tail
    // position still has its caller's frame (BEAM raises before it
    // deallocates); elsewhere the continuation stands for the caller.
    let id = ctx.exc_loc & !LOC_TAIL;
    let tail_call = ctx.exc_loc & LOC_TAIL != 0;
    let undef = top != NIL && ctx.exc_reason == am::UNDEF;
    // So does the frame of a BIF that raised inside `apply` (call
    // tracing runs applied BIFs there, `bif/trace_call.rs`); a bad apply's
    // `{erlang, apply, ...}` frame does not.
    // SAFETY: `top` is a frame tuple of arity 4 when not NIL.
    let bif_top =
        top != NIL && unsafe { top.tuple_elem(0) != am::ERLANG || top.tuple_elem(1) != am::APPLY };
    let skip = ctx.exc_callee && (undef || bif_top || !tail_call);
    if id != 0 && !skip && ids.len() < budget {
        ids.push(Term::small(id as i64));
    }
    // SAFETY: a process is running; [sp, stack_top) is its stack.
    let stack_top = unsafe { ctx.process().stack_top() };
    let mut p = ctx.sp;
    let mut prev = 0u64;
    // Return-trace frames (call tracing) are no frames of the trace.
    let rt = crate::sched::traced::RT_ADDR.load(std::sync::atomic::Ordering::Relaxed) as u64;
    // The continuation words, lazily, so the walk stops with the budget;
    // their ids are looked up under one lock.
    let cps = std::iter::from_fn(|| {
        while p < stack_top {
            // SAFETY: p lies within the stack.
            let w = unsafe { *p };
            // SAFETY: stays within or one past the stack.
            p = unsafe { p.add(1) };
            if is_cp(w) && w != prev && w != rt {
                prev = w;
                return Some(w as usize);
            }
        }
        None
    });
    if ids.len() < budget {
        // Consecutive frames of one return point count once, as in BEAM,
        // also when one was pushed by a function's fast-tier code and the
        // next by its optimised code (jit `tier.rs`): same location, same
        // entry index (the bits above the address).
        let mut last = (0u32, u64::MAX);
        loc::cp_ids(cps, |addr, id| {
            let key = (id, addr as u64 >> 48);
            if key != last {
                last = key;
                ids.push(Term::small(id as i64));
            }
            ids.len() < budget
        });
    }
    let locs = list_from_slice(ctx, &ids);
    make_tuple(ctx, &[ctx.exc_class, top, args, locs, tail])
}

/// The `[{M, F, ArityOrArgs, Location}]` list of a raw stack trace.
pub fn raw_to_list(ctx: &mut Ctx, raw: Term) -> Term {
    // SAFETY: tuple checks precede every element read.
    unsafe {
        if !raw.is_tuple() {
            return NIL;
        }
        match raw.tuple_arity() {
            2 => raw.tuple_elem(1),
            5 => {
                let (top, args) = (raw.tuple_elem(1), raw.tuple_elem(2));
                let (locs, tail) = (raw.tuple_elem(3), raw.tuple_elem(4));
                let mut frames = Vec::new();
                if top != NIL {
                    frames.push(top);
                }
                let ids = crate::data::build::list_to_vec(locs).unwrap_or_default();
                for (i, id) in ids.iter().enumerate() {
                    if let Some(l) = loc::get(id.small_value() as u32) {
                        let f = if i == 0 {
                            frame(ctx, &l, args, tail)
                        } else {
                            frame(ctx, &l, am::TRUE, NIL)
                        };
                        frames.push(f);
                    }
                }
                list_from_slice(ctx, &frames)
            }
            _ => NIL,
        }
    }
}

/// `build_stacktrace`: x0 holds a raw trace; replace it by the list.
/// # Safety
/// Called by generated code with a valid context whose hp is current.
pub unsafe extern "C" fn rt_build_stacktrace(ctx: *mut Ctx) -> u64 {
    let ctx = &mut *ctx;
    let raw = ctx.x[0];
    ctx.x[0] = raw_to_list(ctx, raw);
    0
}

/// A continuation address on the stack: header-tagged and not zero.
#[inline]
fn is_cp(w: u64) -> bool {
    w & 0b11 == 0 && w != 0
}

/// Finds the handler for the exception in `ctx` and returns the entry
/// address to continue at; `ctx.sp` is cut back to the handler's frame.
/// # Safety
/// Called by generated code with a valid context whose sp/hp are current.
pub unsafe extern "C" fn rt_handle_error(ctx: *mut Ctx) -> usize {
    let ctx = &mut *ctx;
    let raw = if ctx.exc_prebuilt.is_non_value() {
        capture_raw(ctx)
    } else {
        make_tuple(ctx, &[ctx.exc_class, ctx.exc_prebuilt])
    };
    ctx.exc_prebuilt = NON_VALUE;
    ctx.exc_top = NON_VALUE;
    if ctx.process().uncatchable {
        // exit(self(), Reason): no catch may stop it.
        ctx.exc_trace = raw_to_list(ctx, raw);
        return crate::code::hooks::get().exit_addr;
    }
    let top = ctx.process().stack_top();
    // Return-trace frames report the exception (`exception_trace`); any
    // process may hold one (meta tracing needs no trace flags); 1 matches
    // no stack word (RT_ADDR is 0 until the first frame is pushed).
    let rt = crate::sched::traced::RT_ADDR
        .load(std::sync::atomic::Ordering::Relaxed)
        .max(1);
    let mut p = ctx.sp;
    let mut frame_start = ctx.sp;
    while p < top {
        let w = Term(*p);
        if w.raw() as usize == rt && p.add(1) < top {
            crate::sched::traced::exception_passed(ctx, Term(*p.add(1)), p as usize);
        }
        if w.is_catch() {
            ctx.sp = frame_start;
            ctx.x[0] = NON_VALUE;
            ctx.x[1] = ctx.exc_class;
            ctx.x[2] = ctx.exc_reason;
            ctx.x[3] = raw;
            // The exception now lives in x1..x3; stale copies in the
            // context would be GC roots into a heap that moves.
            ctx.exc_reason = NON_VALUE;
            ctx.exc_trace = NON_VALUE;
            return w.catch_addr();
        }
        if is_cp(w.raw()) {
            frame_start = p.add(1);
        }
        p = p.add(1);
    }
    ctx.exc_trace = raw_to_list(ctx, raw);
    crate::code::hooks::get().exit_addr
}

/// Records `{badmatch, V}` and friends.
/// # Safety
/// Called by generated code with a valid context.
pub unsafe extern "C" fn rt_raise_kind(ctx: *mut Ctx, k: u64, v: Term) -> u64 {
    let ctx = &mut *ctx;
    let tag = match k {
        kind::BADMATCH => am::BADMATCH,
        kind::CASE_CLAUSE => am::CASE_CLAUSE,
        kind::TRY_CLAUSE => am::TRY_CLAUSE,
        kind::BADRECORD => am::BADRECORD,
        _ => {
            ctx.error(am::IF_CLAUSE);
            return 0;
        }
    };
    let reason = make_tuple(ctx, &[tag, v]);
    ctx.error(reason);
    0
}

/// Records `function_clause` with the arguments of the function at
/// `exc_loc` (which generated code stored before the call).
/// # Safety
/// Called by generated code with a valid context.
pub unsafe extern "C" fn rt_function_clause(ctx: *mut Ctx) -> u64 {
    let ctx = &mut *ctx;
    let arity = loc::get(ctx.exc_loc as u32).map_or(0, |l| l.arity as usize);
    let args: Vec<Term> = ctx.x[..arity].to_vec();
    let list = list_from_slice(ctx, &args);
    ctx.error(am::FUNCTION_CLAUSE);
    ctx.exc_trace = list;
    0
}

/// Records `{girder_unsupported, Op}`: the function uses an instruction
/// this JIT does not lower yet.
/// # Safety
/// Called by generated code with a valid context.
pub unsafe extern "C" fn rt_unsupported(ctx: *mut Ctx, op: Term) -> u64 {
    let ctx = &mut *ctx;
    let reason = make_tuple(ctx, &[am::GIRDER_UNSUPPORTED, op]);
    ctx.error(reason);
    0
}

/// Records `{girder_unsupported, {literal, Kind}}`: a literal of a type
/// the runtime cannot represent yet was used.
/// # Safety
/// Called by generated code with a valid context.
pub unsafe extern "C" fn rt_unsupported_literal(ctx: *mut Ctx, kind: Term) -> u64 {
    let ctx = &mut *ctx;
    let inner = make_tuple(ctx, &[crate::term::atom::intern("literal"), kind]);
    let reason = make_tuple(ctx, &[am::GIRDER_UNSUPPORTED, inner]);
    ctx.error(reason);
    0
}

/// `catch_end`: if x0 is NON_VALUE an exception landed here; turn it into
/// the value of the `catch` expression.
/// # Safety
/// Called by generated code with a valid context whose hp is current.
pub unsafe extern "C" fn rt_catch_end(ctx: *mut Ctx) -> u64 {
    let ctx = &mut *ctx;
    if !ctx.x[0].is_non_value() {
        return 0;
    }
    let (class, reason, raw) = (ctx.x[1], ctx.x[2], ctx.x[3]);
    ctx.x[0] = if class == am::THROW {
        reason
    } else if class == am::ERROR {
        let trace = raw_to_list(ctx, raw);
        let inner = make_tuple(ctx, &[reason, trace]);
        make_tuple(ctx, &[am::EXIT_UPPER, inner])
    } else {
        make_tuple(ctx, &[am::EXIT_UPPER, reason])
    };
    0
}

/// The `raise` instruction: re-raise `value` with the class and trace of
/// the raw stack trace `trace`.
/// # Safety
/// Called by generated code with a valid context.
pub unsafe extern "C" fn rt_raise_instr(ctx: *mut Ctx, trace: Term, value: Term) -> u64 {
    let ctx = &mut *ctx;
    if trace.is_tuple() && trace.tuple_arity() >= 2 && trace.tuple_elem(0).is_atom() {
        let class = trace.tuple_elem(0);
        let list = raw_to_list(ctx, trace);
        ctx.raise(class, value);
        ctx.exc_prebuilt = list;
    } else {
        ctx.badarg();
    }
    0
}

/// `raw_raise`: re-raise with an explicit class, reason and raw trace
/// (what `erlang:raise/3` compiles to inside try/catch). Returns 0 after
/// recording the exception, 1 when the class is not one (nothing raised).
/// # Safety
/// Called by generated code with a valid context.
pub unsafe extern "C" fn rt_raw_raise(
    ctx: *mut Ctx,
    class: Term,
    reason: Term,
    trace: Term,
) -> u64 {
    let ctx = &mut *ctx;
    if class != am::ERROR && class != am::EXIT && class != am::THROW {
        // Not an exception class: BEAM's `raw_raise` raises nothing and
        // execution goes on with x0 = badarg (`erlang:raise/3`'s return
        // value for bad arguments).
        return 1;
    }
    let list = if trace.is_tuple() {
        raw_to_list(ctx, trace)
    } else {
        trace
    };
    ctx.raise(class, reason);
    ctx.exc_prebuilt = list;
    0
}

/// Debug builds: generated code found the heap top past the stack pointer
/// after instruction `idx` at location `loc`. Prints where and aborts.
pub extern "C" fn rt_debug_overflow(loc: u64, idx: u64) -> u64 {
    let l = loc::get(loc as u32);
    eprintln!("girder: heap overran the stack after instruction {idx} at {l:?}");
    std::process::abort();
}

/// A BIF called at `e` with arguments at `args` raised: record its own
/// frame `{M, F, Args, Location}` above the caller's, as BEAM does, unless
/// the BIF raises on its caller's behalf (`error`, `exit`, `throw`,
/// `raise`). Location is `[{error_info, #{module => FormatModule}}]` for
/// the BIF modules BEAM has an error formatter for, else `[]`.
/// # Safety
/// Called by generated code; `e` is an export entry and `args` points at
/// its arity's worth of terms.
pub unsafe extern "C" fn rt_bif_frame(
    ctx: *mut Ctx,
    e: *const crate::code::export::Export,
    args: *const Term,
) -> u64 {
    let ctx = &mut *ctx;
    let e = &*e;
    if ctx.exc_class != am::ERROR || !ctx.exc_top.is_non_value() || !ctx.exc_prebuilt.is_non_value()
    {
        return 0;
    }
    if e.module == am::ERLANG && raises_for_caller(e.function) {
        return 0;
    }
    // The arguments are read in place (no copy): `list_from_slice` only
    // allocates on the heap, which `args` (X registers or the context's
    // scratch slots) is not part of.
    let a = std::slice::from_raw_parts(args, e.arity as usize);
    let list = list_from_slice(ctx, a);
    let mut tail = super::trace::bif_error_tail(e.module);
    let cause = std::mem::replace(&mut ctx.exc_cause, NON_VALUE);
    if !cause.is_non_value() && tail != NIL {
        tail = super::trace::error_tail_with_cause(ctx, tail, cause);
    }
    ctx.exc_top = make_tuple(ctx, &[e.module, e.function, list, tail]);
    0
}

/// `erlang` BIFs that raise on their caller's behalf and add no frame.
pub(crate) fn raises_for_caller(f: Term) -> bool {
    static NAMES: std::sync::OnceLock<[Term; 5]> = std::sync::OnceLock::new();
    let names = NAMES.get_or_init(|| {
        ["error", "exit", "throw", "raise", "nif_error"].map(crate::term::atom::intern)
    });
    names.contains(&f)
}
