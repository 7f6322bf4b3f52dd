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

pub const BIFS: &[BifDef] = &[bif!("$girder_trap", "return_trace", 1, return_trace_1)];

/// `(M, F, Arity, exception_trace)` of each marker number.
#[derive(Default)]
struct Frames {
    list: Vec<(Term, Term, u32, bool)>,
    index: HashMap<(u64, u64, u32, bool), usize>,
}

fn frames() -> &'static Mutex<Frames> {
    static F: OnceLock<Mutex<Frames>> = OnceLock::new();
    F.get_or_init(Default::default)
}

fn marker(m: Term, f: Term, a: u32, exc: bool) -> Term {
    let mut fr = frames().lock().unwrap();
    let key = (m.raw(), f.raw(), a, exc);
    let n = match fr.index.get(&key) {
        Some(&n) => n,
        None => {
            let n = fr.list.len();
            fr.list.push((m, f, a, exc));
            fr.index.insert(key, n);
            n
        }
    };
    Term::small(n as i64)
}

fn frame_of(marker: Term) -> Option<(Term, Term, u32, bool)> {
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
        return;
    };
    report(ctx, l.module, l.function, l.arity, true);
}

/// The BIF hook: a call-traced process calls BIF `m:f/a` directly from
/// generated code. No return-trace frame can be pushed there (the call
/// returns inline), so `return_trace` and `exception_trace` are not
/// reported for BIFs.
pub fn on_bif_call(ctx: &mut Ctx, m: Term, f: Term, a: u32) {
    report(ctx, m, f, a, false);
}

/// Reports a call of `m:f/a` (arguments in x0..) if it has a pattern that
/// matches; `frames`: a return-trace frame may be pushed.
fn report(ctx: &mut Ctx, m: Term, f: Term, a: u32, frames: bool) {
    struct L {
        module: Term,
        function: Term,
        arity: u32,
    }
    let l = L {
        module: m,
        function: f,
        arity: a,
    };
    let Some((ms, _local)) = super::trace_pattern::lookup(l.module, l.function, l.arity) else {
        return;
    };
    // SAFETY: the hook runs with the traced process bound to `ctx`.
    let fl = tracing::flags(unsafe { &*ctx.proc_ });
    if fl & tf::CALL == 0 {
        return;
    }
    let arity = (l.arity as usize).min(ctx.x.len());
    let args: Vec<Term> = ctx.x[..arity].to_vec();
    let arglist = list_from_slice(ctx, &args);
    let (msg, rflags) = match ms {
        None => (am::TRUE, 0),
        Some(ms) => {
            let o = ms.run_trace(ctx, arglist);
            match o.result {
                None => return,
                Some(r) => (r, o.flags),
            }
        }
    };
    if fl & tf::SILENT == 0 && msg != am::FALSE {
        let mut s = Scratch::default();
        let what = if fl & tf::ARITY != 0 {
            Term::small(arity as i64)
        } else {
            arglist
        };
        let mfa = s.tuple(&[l.module, l.function, what]);
        // SAFETY: as above.
        let p = unsafe { &*ctx.proc_ };
        if msg == am::TRUE {
            tracing::emit(p, &mut s, atom::intern("call"), &[mfa]);
        } else {
            tracing::emit(p, &mut s, atom::intern("call"), &[mfa, msg]);
        }
    }
    let ret = rflags & crate::ets::ms::FLAG_RETURN_TRACE != 0;
    let exc = rflags & crate::ets::ms::FLAG_EXCEPTION_TRACE != 0;
    if frames && (ret || exc) {
        push_frame(ctx, l.module, l.function, l.arity, exc, arity);
    }
}

/// Pushes a return-trace frame (see the module comment).
fn push_frame(ctx: &mut Ctx, m: Term, f: Term, a: u32, exc: bool, live: usize) {
    let rt = return_addr();
    if rt == 0 {
        return;
    }
    crate::sched::traced::RT_ADDR.store(rt, Ordering::Relaxed);
    let mk = marker(m, f, a, exc);
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
    let Some((m, f, a, _)) = frame_of(mk) else {
        return v;
    };
    // SAFETY: a process is scheduled on `ctx`.
    let p = unsafe { &*ctx.proc_ };
    if tracing::flags(p) & tf::CALL != 0 {
        let mut s = Scratch::default();
        let mfa = s.tuple(&[m, f, Term::small(a as i64)]);
        tracing::emit(p, &mut s, atom::intern("return_from"), &[mfa, v]);
    }
    v
}

/// An exception unwinds past the return-trace frame with marker `mk`.
pub fn exception_passed(ctx: &mut Ctx, mk: Term) {
    let Some((m, f, a, true)) = frame_of(mk) else {
        return;
    };
    // SAFETY: a process is scheduled on `ctx`.
    let p = unsafe { &*ctx.proc_ };
    if tracing::flags(p) & tf::CALL == 0 {
        return;
    }
    let mut s = Scratch::default();
    let mfa = s.tuple(&[m, f, Term::small(a as i64)]);
    let cv = s.tuple(&[ctx.exc_class, ctx.exc_reason]);
    tracing::emit(p, &mut s, atom::intern("exception_from"), &[mfa, cv]);
}
