//! Call trace events: `{trace, Pid, call, {M, F, Args}}` (and the match
//! specification's `message`), `return_from` and `exception_from`.
//!
//! `on_call` runs at the entry of a function of a call-traced process
//! (`sched::traced` steps there; the arguments are in x0.., `sp` at the
//! caller's continuation). When the match spec asks for `return_trace` or
//! `exception_trace` it pushes a return-trace frame, two words:
//!
//! ```text
//!   sp -> [entry value of '$girder_trap':return_trace/1]
//!         [small integer: which function, and whether exceptions count]
//!         [the caller's continuation] ...
//! ```
//!
//! The traced function returns into the BIF stub of `return_trace/1` with
//! its value in x0: the BIF pops the marker, reports `return_from` and
//! returns the value, and the stub returns to the caller's continuation.
//! Stack traces skip the entry value (no location belongs to it) and the
//! marker (a term). An exception that unwinds past such a frame is
//! reported as `exception_from` by `rt_handle_error` (through
//! `sched::traced::exception_passed`) when the frame asked for it.

use super::{bif, BifDef};
use crate::data::build::list_from_slice;
use crate::heap::ctx::Ctx;
use crate::heap::trace_flags as tf;
use crate::proc::tracing::{self, Scratch};
use crate::term::atom::{self, am};
use crate::term::Term;
use std::collections::HashMap;
use std::sync::atomic::Ordering;
use std::sync::{Mutex, OnceLock};

pub const BIFS: &[BifDef] = &[
    bif!("$girder_trap", "return_trace", 1, return_trace_1),
    bif!("$girder_trap", "traced_value", 1, traced_value_1),
];

/// `'$girder_trap':traced_value/1`: returns its argument; an applied BIF
/// that was called (and its return reported) in `on_bif_apply` continues
/// here, as if the BIF had run, returning to the continuation.
fn traced_value_1(_ctx: &mut Ctx, args: &[Term; 1]) -> Term {
    args[0]
}

/// `apply` of `m:f/a` by a stepping process (`sched::traced`): a BIF's
/// call is reported; when return trace (or call time) needs its result,
/// a BIF that never traps runs here (its frames cannot go on the stack:
/// a tail apply drops the caller's frame after this) and execution goes
/// on at `traced_value/1` with the result, or raises (Some(0)).
pub fn on_bif_apply(ctx: &mut Ctx, m: Term, f: Term, a: u32) -> Option<usize> {
    let def = super::lookup(m, f, a)?;
    let full = def.no_trap();
    let inline =
        !(def.has(super::flag::TRAPS | super::flag::LEAVES) || (m == am::ERLANG && f == am::APPLY));
    let want = on_bif_call(ctx, m, f, a, 0);
    if !want || !inline {
        PENDING.with(|p| p.borrow_mut().clear());
        return None;
    }
    let args: Vec<Term> = ctx.x[..a as usize].to_vec();
    let r = full(ctx, args.as_ptr());
    if r.is_non_value() {
        // The BIF's own frame tops the stack trace, as when it raises
        // through its export.
        let e = crate::code::export::get_or_create(m, f, a);
        // SAFETY: `e` is an export entry; `args` holds its arity's terms.
        unsafe { crate::abi::error::rt_bif_frame(ctx, e, args.as_ptr()) };
    }
    on_bif_return(ctx, r, 0);
    if r.is_non_value() {
        return Some(0);
    }
    ctx.x[0] = r;
    Some(super::trap::target("$girder_trap", "traced_value", 1).address())
}

/// One return-trace frame's function, whether exceptions count, and
/// whom to tell: 0 for the process's own tracer (call tracing), else the
/// meta tracer's pid (meta tracing: `trace_ts` with a `now` timestamp
/// whatever the process's flags).
type FrameInfo = (Term, Term, u32, bool, u64);

/// The `tracer` of a return-to frame pushed for a BIF that trapped: it
/// names the function to report (`return_to`) itself.
const RET_TO_AT: u64 = u64::MAX;

/// The frame of each marker number.
#[derive(Default)]
struct Frames {
    list: Vec<FrameInfo>,
    index: HashMap<(u64, u64, u32, bool, u64), usize>,
}

fn frames() -> &'static Mutex<Frames> {
    static F: OnceLock<Mutex<Frames>> = OnceLock::new();
    F.get_or_init(Default::default)
}

fn marker(m: Term, f: Term, a: u32, exc: bool, tracer: u64) -> Term {
    let mut fr = frames().lock().unwrap();
    let key = (m.raw(), f.raw(), a, exc, tracer);
    let n = match fr.index.get(&key) {
        Some(&n) => n,
        None => {
            let n = fr.list.len();
            fr.list.push((m, f, a, exc, tracer));
            fr.index.insert(key, n);
            n
        }
    };
    Term::small(n as i64)
}

fn frame_of(marker: Term) -> Option<FrameInfo> {
    if !marker.is_small() {
        return None;
    }
    let fr = frames().lock().unwrap();
    fr.list.get(marker.small_value() as usize).copied()
}

/// The entry value the return-trace frame returns into.
fn return_addr() -> usize {
    super::trap::target("$girder_trap", "return_trace", 1).address()
}

/// The call hook (`sched::traced`): reports a call of the function that
/// location `loc` names, if it has a pattern and the spec matches.
pub fn on_call(ctx: &mut Ctx, loc: u32) {
    let Some(l) = crate::code::loc::get(loc) else {
        ctx.trace_export = 0;
        return;
    };
    // A global pattern counts only calls through the export entry.
    let remote = super::trace_export::came_through(ctx, l.module, l.function, l.arity);
    report(ctx, (l.module, l.function, l.arity), true, remote);
}

/// The BIF hook: a call-traced process calls BIF `m:f/a` directly from
/// generated code. No return-trace frame can be pushed there (the call
/// returns inline), so `return_trace` and `exception_trace` are not
/// reported for BIFs.
pub fn on_bif_call(ctx: &mut Ctx, m: Term, f: Term, a: u32, loc: u32) -> bool {
    PENDING.with(|p| p.borrow_mut().clear());
    BIF_CALL_LOC.with(|l| l.set(loc));
    report(ctx, (m, f, a), false, true);
    PENDING.with(|p| !p.borrow().is_empty())
}

thread_local! {
    /// The location of the BIF call being reported (0: applied): its
    /// function is the caller `caller()` names.
    static BIF_CALL_LOC: std::cell::Cell<u32> = const { std::cell::Cell::new(0) };
    /// The frames a BIF call would have pushed (it returns inline): its
    /// result is reported to each, innermost first, by `on_bif_return`.
    static PENDING: std::cell::RefCell<Vec<Term>> = const { std::cell::RefCell::new(Vec::new()) };
    /// The entry value a BIF with pending frames trapped to
    /// (`on_bif_return`), for `on_bif_trapped`.
    static TRAP_TARGET: std::cell::Cell<usize> = const { std::cell::Cell::new(0) };
}

/// The BIF `on_bif_call` asked about returned `r` (NON_VALUE: it raised,
/// or trapped to code that goes on in Erlang).
/// `loc`: the call's location (execution goes on in that function).
pub fn on_bif_return(ctx: &mut Ctx, r: Term, loc: u32) -> Term {
    if r.is_non_value() && ctx.bif_trap != 0 {
        // A trap: the frames go on the stack under the target
        // (`on_bif_trapped`), which goes on as the call. Generated code
        // clears `bif_trap` before that: keep the target, whose
        // arguments are the live X registers if room must be made.
        TRAP_TARGET.with(|t| t.set(ctx.bif_trap));
        return r;
    }
    let marks = PENDING.with(|p| std::mem::take(&mut *p.borrow_mut()));
    for &mk in marks.iter().rev() {
        if mk == super::trace_ret_to::marker() {
            if loc == 0 {
                // Applied (`rt_apply`): execution goes on at the
                // continuation on the stack.
                if !r.is_non_value() {
                    super::trace_ret_to::applied_returned(ctx);
                }
            } else if !r.is_non_value() {
                super::trace_ret_to::bif_returned(ctx, loc);
            } else {
                super::trace_ret_to::bif_raised(ctx, loc);
            }
        } else if !r.is_non_value() {
            frame_returned(ctx, mk, r);
        } else {
            exception_passed(ctx, mk, 0);
        }
    }
    r
}

/// The BIF `on_bif_call` asked about trapped: its frames go on the stack
/// now (the caller's continuation pushed, or its frame dropped for a
/// tail call), so that the target returns through them. Without room a
/// collection makes it, the target's arguments (x0..) being the live X
/// registers; only a target that is no export's entry (arity unknown)
/// has its frames dropped then.
pub fn on_bif_trapped(ctx: &mut Ctx, loc: u32) {
    let marks = PENDING.with(|p| std::mem::take(&mut *p.borrow_mut()));
    let target = TRAP_TARGET.with(|t| t.replace(0));
    if marks.is_empty() {
        return;
    }
    // Two words a frame, plus the spare word of a later call's
    // continuation.
    let need = 2 * marks.len() + 2;
    if (ctx.sp as usize).saturating_sub(ctx.hp as usize) / 8 < need {
        match trap_arity(target) {
            Some(live) => crate::gc::collect(ctx, need, live),
            None => return,
        }
    }
    for mut mk in marks {
        if mk == super::trace_ret_to::marker() {
            // The call's own frame may be gone (a tail call): the frame
            // names the caller, as BEAM's `return_to` after a BIF does
            // (an applied BIF, `loc` 0, keeps the plain return-to frame).
            if let Some(l) = crate::code::loc::get(loc) {
                mk = marker(l.module, l.function, l.arity, false, RET_TO_AT);
            }
        }
        push_marker(ctx, mk, 0);
    }
}

/// The arity of the function whose entry value is `addr` (a trap target:
/// a BIF's export, `bif::trap`); None if unknown. Only looked up when a
/// traced trapping call needs a collection, so a scan will do.
fn trap_arity(addr: usize) -> Option<usize> {
    crate::code::export::by_address(addr).map(|e| e.arity as usize)
}

/// Pushes a frame with marker `mk` (`frames`: at a function entry) or
/// keeps it for the BIF being called (`on_bif_return`).
pub fn place(ctx: &mut Ctx, mk: Term, live: usize, frames: bool) {
    if frames {
        push_marker(ctx, mk, live);
    } else {
        PENDING.with(|p| p.borrow_mut().push(mk));
    }
}

/// Reports a call of `m:f/a` (arguments in x0..) to whatever its
/// breakpoint asks for, in BEAM's order: call tracing (the process's
/// tracer, if it has the `call` flag), meta tracing, the call count, call
/// time. `frames`: a return-trace frame may be pushed.
/// `remote`: the call came through the export entry (a global pattern
/// reports only those; breakpoints every call).
fn report(ctx: &mut Ctx, (m, f, a): (Term, Term, u32), frames: bool, remote: bool) {
    let Some(e) = super::trace_bp::lookup(m, f, a) else {
        return;
    };
    // SAFETY: the hook runs with the traced process bound to `ctx`.
    let fl = tracing::flags(unsafe { &*ctx.proc_ });
    let arity = (a as usize).min(ctx.x.len());
    // Each part builds its own argument list: a part that pushes a frame
    // may collect, which moves the heap (the arguments stay in x0..).
    if let Some(t) = e
        .trace
        .as_ref()
        .filter(|t| fl & tf::CALL != 0 && (t.local || remote))
    {
        let args = args_list(ctx, arity);
        call_trace(ctx, (m, f, a), args, (t.ms.as_deref(), t.local), fl, frames);
    }
    if let Some(mp) = &e.meta {
        let tracer = mp.tracer.load(Ordering::Relaxed);
        if tracer != 0 {
            let args = args_list(ctx, arity);
            if !meta_trace(ctx, (m, f, a), args, mp.ms.as_deref(), Term(tracer), frames) {
                // The meta tracer is gone: BEAM's breakpoint forgets it.
                let _ = mp
                    .tracer
                    .compare_exchange(tracer, 0, Ordering::Relaxed, Ordering::Relaxed);
            }
        }
    }
    if let Some(c) = &e.count {
        if c.active.load(Ordering::Relaxed) {
            c.count.fetch_add(1, Ordering::Relaxed);
        }
    }
    if let Some(t) = &e.time {
        if fl & tf::CALL != 0 && t.active.load(Ordering::Relaxed) {
            super::trace_time::called(ctx, t, frames, arity);
        }
    }
}

/// The arguments in x0.. as a list; a match state (a binary being
/// matched, passed on by the compiler) becomes the sub-binary it has left
/// to match, as BEAM shows it.
/// A match spec's `{silent, Bool}` sets or clears the process's
/// `silent` flag (a process without a tracer has no flags to change).
pub(super) fn apply_silent(ctx: &mut Ctx, rflags: u8) {
    use crate::ets::ms::{FLAG_SILENT_OFF, FLAG_SILENT_ON};
    if rflags & (FLAG_SILENT_ON | FLAG_SILENT_OFF) == 0 {
        return;
    }
    // SAFETY: a process is scheduled on `ctx`.
    let p = unsafe { &*ctx.proc_ };
    let fl = tracing::flags_set(p);
    let nf = if rflags & FLAG_SILENT_ON != 0 {
        fl | tf::SILENT
    } else {
        fl & !tf::SILENT
    };
    if nf != fl && fl != 0 {
        tracing::set(p, nf, tracing::tracer(p));
    }
}

fn args_list(ctx: &mut Ctx, arity: usize) -> Term {
    use crate::data::binary::{build::sub_bitstring, layout::word};
    let mut args: Vec<Term> = ctx.x[..arity].to_vec();
    for a in args.iter_mut() {
        if a.is_boxed_of(crate::term::HDR_MATCHSTATE) {
            // SAFETY: a match state is [hdr][orig][position][end].
            let (orig, pos, end) = unsafe {
                (
                    Term(word(*a, 1)),
                    word(*a, 2) as usize,
                    word(*a, 3) as usize,
                )
            };
            *a = sub_bitstring(ctx, orig, pos, end.saturating_sub(pos));
        }
    }
    list_from_slice(ctx, &args)
}

/// Call tracing: the `call` message to the process's tracer.
fn call_trace(
    ctx: &mut Ctx,
    (m, f, a): (Term, Term, u32),
    arglist: Term,
    (ms, local): (Option<&crate::ets::ms::CompiledMs>, bool),
    fl: u32,
    frames: bool,
) {
    // SAFETY: the hook runs with the traced process bound to `ctx`.
    let Some(tracer) = tracing::tracer(unsafe { &*ctx.proc_ }) else {
        return;
    };
    let (msg, rflags) = match ms {
        None => (am::TRUE, 0),
        Some(ms) => {
            let o = ms.run_trace_at(ctx, arglist, caller_of(ctx, frames));
            apply_silent(ctx, o.flags);
            match o.result {
                None => return,
                Some(r) => (r, o.flags),
            }
        }
    };
    // The match spec may have changed the flags (`{silent, Bool}`).
    // SAFETY: as above.
    let fl = tracing::flags(unsafe { &*ctx.proc_ }) | (fl & tf::ARITY);
    if fl & tf::SILENT != 0 {
        // Silent: no message, no frames (BEAM returns no flags).
        return;
    }
    let ret = rflags & crate::ets::ms::FLAG_RETURN_TRACE != 0;
    let exc = rflags & crate::ets::ms::FLAG_EXCEPTION_TRACE != 0;
    if msg != am::FALSE {
        let mut s = Scratch::default();
        let what = if fl & tf::ARITY != 0 {
            Term::small(a as i64)
        } else {
            arglist
        };
        let mfa = s.tuple(&[m, f, what]);
        // SAFETY: as above.
        let p = unsafe { &*ctx.proc_ };
        // The tracer the call began with (the spec may have dropped it).
        if msg == am::TRUE {
            tracing::emit_via(p, tracer, &mut s, atom::intern("call"), &[mfa]);
        } else {
            tracing::emit_via(p, tracer, &mut s, atom::intern("call"), &[mfa, msg]);
        }
        // BEAM pushes the return-to frame under the return-trace one.
        if local && fl & tf::RETURN_TO != 0 && (!frames || super::trace_ret_to::needed(ctx)) {
            place(ctx, super::trace_ret_to::marker(), a as usize, frames);
        }
    }
    if ret || exc {
        place(ctx, marker(m, f, a, exc, 0), a as usize, frames);
    }
}

/// Meta tracing: the `call` message to `tracer` (`trace_ts`, `now`
/// timestamp). False when the tracer is gone.
fn meta_trace(
    ctx: &mut Ctx,
    (m, f, a): (Term, Term, u32),
    arglist: Term,
    ms: Option<&crate::ets::ms::CompiledMs>,
    tracer: Term,
    frames: bool,
) -> bool {
    if !tracing::tracer_alive(tracer) {
        return false;
    }
    // SAFETY: the hook runs with the traced process bound to `ctx`.
    if tracing::is_sensitive(unsafe { &*ctx.proc_ }) {
        // BEAM skips the match spec and its frames too.
        return true;
    }
    let (msg, rflags) = match ms {
        None => (am::TRUE, 0),
        Some(ms) => {
            let o = ms.run_trace_at(ctx, arglist, caller_of(ctx, frames));
            apply_silent(ctx, o.flags);
            match o.result {
                None => return true,
                Some(r) => (r, o.flags),
            }
        }
    };
    if msg != am::FALSE {
        let mut s = Scratch::default();
        let mfa = s.tuple(&[m, f, arglist]);
        // SAFETY: as above.
        let p = unsafe { &*ctx.proc_ };
        let extra: &[Term] = if msg == am::TRUE { &[] } else { &[msg] };
        let mut items = vec![mfa];
        items.extend_from_slice(extra);
        tracing::emit_meta(p, tracer, &mut s, atom::intern("call"), &items);
    }
    let ret = rflags & crate::ets::ms::FLAG_RETURN_TRACE != 0;
    let exc = rflags & crate::ets::ms::FLAG_EXCEPTION_TRACE != 0;
    if ret || exc {
        place(ctx, marker(m, f, a, exc, tracer.raw()), a as usize, frames);
    }
    true
}

/// Where the traced call returns to, for `caller()`: at a function entry
/// (`frames`) the continuation on top of the stack, past return-trace
/// frames (BEAM skips them before running the match spec); for a BIF, the
/// location of its call.
fn caller_of(ctx: &Ctx, frames: bool) -> Option<crate::code::loc::Loc> {
    if !frames {
        return crate::code::loc::get(BIF_CALL_LOC.with(|l| l.get()));
    }
    crate::code::loc::of_cp(caller_cp(ctx))
}

/// The continuation on top of the stack at a function entry, past
/// return-trace frames; 0 if none.
fn caller_cp(ctx: &Ctx) -> usize {
    let rt = crate::sched::traced::RT_ADDR.load(Ordering::Relaxed) as u64;
    // SAFETY: the hook runs with the traced process bound to `ctx`.
    let top = unsafe { (*ctx.proc_).stack_top() } as usize;
    let mut p = ctx.sp as usize;
    // SAFETY: at a function entry [sp, stack top) is the process's stack;
    // each read is below the top.
    unsafe {
        while p + 16 < top && rt != 0 && *(p as *const u64) == rt {
            p += 16;
        }
        if p < top {
            *(p as *const u64) as usize
        } else {
            0
        }
    }
}

/// Whether the word at sp is a return-trace (or return-time) frame.
pub fn trace_frame_on_top(ctx: &Ctx) -> bool {
    let rt = crate::sched::traced::RT_ADDR.load(Ordering::Relaxed);
    // SAFETY: at a function entry sp points at the caller's continuation
    // (or a frame pushed over it), inside the stack.
    rt != 0 && unsafe { *ctx.sp } == rt as u64
}

/// Pushes a frame returning into `return_trace/1` with marker `mk`;
/// `live`: X registers live (the function's arity) for a collection.
pub fn push_marker(ctx: &mut Ctx, mk: Term, live: usize) {
    let rt = return_addr();
    if rt == 0 {
        return;
    }
    crate::sched::traced::RT_ADDR.store(rt, Ordering::Relaxed);
    // Two words plus the spare word a later call's continuation uses.
    if (ctx.sp as usize).saturating_sub(ctx.hp as usize) / 8 < 3 {
        crate::gc::collect(ctx, 3, live);
    }
    // SAFETY: the check above leaves at least 3 free words below sp.
    unsafe {
        ctx.sp = ctx.sp.sub(1);
        *ctx.sp = mk.raw();
        ctx.sp = ctx.sp.sub(1);
        *ctx.sp = rt as u64;
    }
}

/// `'$girder_trap':return_trace/1`: the traced function returned `v`.
fn return_trace_1(ctx: &mut Ctx, args: &[Term; 1]) -> Term {
    let v = args[0];
    // SAFETY: this BIF is only reached by returning into a return-trace
    // frame, whose marker word is now at sp (the stub stored sp).
    let mk = unsafe {
        let w = Term(*ctx.sp);
        ctx.sp = ctx.sp.add(1);
        w
    };
    frame_returned(ctx, mk, v);
    v
}

/// The function of the frame with marker `mk` returned `v`.
fn frame_returned(ctx: &mut Ctx, mk: Term, v: Term) {
    if mk == super::trace_ret_to::marker() {
        super::trace_ret_to::returned(ctx);
        return;
    }
    if mk.is_small() && mk.small_value() < 0 {
        super::trace_time::returned(ctx, mk.small_value());
        return;
    }
    let Some((m, f, a, _, tracer)) = frame_of(mk) else {
        return;
    };
    let mut s = Scratch::default();
    let mfa = s.tuple(&[m, f, Term::small(a as i64)]);
    if tracer == RET_TO_AT {
        super::trace_ret_to::emit(ctx, &mut s, mfa);
        return;
    }
    frame_event(ctx, tracer, &mut s, "return_from", &[mfa, v]);
}

/// Reports a return-trace frame's event to its tracer: the process's own
/// (while it has the `call` flag) or the meta tracer.
fn frame_event(ctx: &mut Ctx, tracer: u64, s: &mut Scratch, tag: &str, items: &[Term]) {
    // SAFETY: a process is scheduled on `ctx`.
    let p = unsafe { &*ctx.proc_ };
    if tracer != 0 {
        tracing::emit_meta(p, Term(tracer), s, atom::intern(tag), items);
    } else if tracing::flags(p) & tf::CALL != 0 {
        tracing::emit(p, s, atom::intern(tag), items);
    }
}

/// An exception unwinds past the return-trace frame with marker `mk`.
pub fn exception_passed(ctx: &mut Ctx, mk: Term, at: usize) {
    if mk == super::trace_ret_to::marker() {
        if at != 0 {
            // SAFETY: `rt_handle_error` passes the frame's address in the
            // stack it scans.
            unsafe { super::trace_ret_to::exception_passed(ctx, at as *const u64) };
        }
        return;
    }
    if mk.is_small() && mk.small_value() < 0 {
        super::trace_time::returned(ctx, mk.small_value());
        return;
    }
    let Some((m, f, a, exc, tracer)) = frame_of(mk) else {
        return;
    };
    if tracer == RET_TO_AT {
        if at != 0 {
            let mut s = Scratch::default();
            let mfa = s.tuple(&[m, f, Term::small(a as i64)]);
            // SAFETY: as above.
            unsafe { super::trace_ret_to::exception_at(ctx, at as *const u64, &mut s, mfa) };
        }
        return;
    }
    if !exc {
        return;
    }
    let (mut class, mut reason) = (ctx.exc_class, ctx.exc_reason);
    let mut s = Scratch::default();
    if !catch_above(ctx) {
        // BEAM looks for a catch (and reports) only in a traced process
        // then, the throw already turned into a `nocatch` error.
        // SAFETY: a process is scheduled on `ctx`.
        if tracing::flags(unsafe { &*ctx.proc_ }) == 0 {
            return;
        }
        if class == am::THROW {
            reason = s.tuple(&[am::NOCATCH, reason]);
            class = am::ERROR;
        }
    }
    let mfa = s.tuple(&[m, f, Term::small(a as i64)]);
    let cv = s.tuple(&[class, reason]);
    frame_event(ctx, tracer, &mut s, "exception_from", &[mfa, cv]);
}

/// Whether a catch tag is on the stack above sp (the exception will be
/// caught).
fn catch_above(ctx: &Ctx) -> bool {
    // SAFETY: a process is scheduled on `ctx`; [sp, stack_top) is its
    // stack.
    unsafe {
        let top = (*ctx.proc_).stack_top() as *const u64;
        let mut p = ctx.sp as *const u64;
        while p < top {
            if Term(*p).is_catch() {
                return true;
            }
            p = p.add(1);
        }
    }
    false
}
