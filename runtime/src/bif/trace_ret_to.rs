//! The `return_to` trace flag: after a function with a local call trace
//! pattern was reported, `{trace, Pid, return_to, {M, F, A}}` names the
//! function execution returns into — once per chain of tail calls, as in
//! BEAM (`beam_bp.c`'s `do_call_trace`, `beam_common.c`'s `next_catch`).
//!
//! A return-to frame is a return-trace frame (`bif/trace_call.rs`) whose
//! marker is the atom `return_to`; none is pushed when the frames at the
//! top of the stack (above the caller's continuation) already hold one.
//! Returning into it reports the function of the next continuation; an
//! exception that unwinds past it reports the function whose catch
//! handles it.

use crate::heap::ctx::Ctx;
use crate::heap::trace_flags as tf;
use crate::proc::tracing::{self, Scratch};
use crate::term::atom;
use crate::term::Term;
use std::sync::atomic::Ordering;

/// The marker word of a return-to frame.
pub fn marker() -> Term {
    atom::intern("return_to")
}

fn rt_addr() -> u64 {
    crate::sched::traced::RT_ADDR.load(Ordering::Relaxed) as u64
}

/// Whether the trace frames starting at `p` (up to the next ordinary
/// continuation) include a return-to frame.
///
/// # Safety
/// `p` points into the running process's stack, at a frame boundary.
unsafe fn has_return_to(ctx: &Ctx, mut p: *const u64) -> bool {
    let top = (*ctx.proc_).stack_top() as *const u64;
    let rt = rt_addr();
    while rt != 0 && p.add(1) < top && *p == rt {
        if Term(*p.add(1)) == marker() {
            return true;
        }
        p = p.add(2);
    }
    false
}

/// At a function entry (sp at the caller's continuation or trace frames
/// over it): whether a return-to frame is needed.
pub fn needed(ctx: &Ctx) -> bool {
    // SAFETY: at a function entry sp is a frame boundary of the stack.
    !unsafe { has_return_to(ctx, ctx.sp) }
}

/// `{M, F, A}` of the function continuation `cp` returns into, or
/// `undefined`.
fn mfa_of_cp(s: &mut Scratch, cp: u64) -> Term {
    match crate::code::loc::of_cp(cp as usize) {
        Some(l) => s.tuple(&[l.module, l.function, Term::small(l.arity as i64)]),
        None => atom::intern("undefined"),
    }
}

/// Sends `{trace, Pid, return_to, MFA}` if the process asks for it.
pub fn emit(ctx: &Ctx, s: &mut Scratch, mfa: Term) {
    // SAFETY: a process is scheduled on `ctx`.
    let p = unsafe { &*ctx.proc_ };
    let fl = tracing::flags(p);
    if fl & tf::RETURN_TO != 0 && fl & tf::CALL != 0 && fl & tf::SILENT == 0 {
        tracing::emit(p, s, atom::intern("return_to"), &[mfa]);
    }
}

/// The process returned through a return-to frame; sp is just above it.
pub fn returned(ctx: &mut Ctx) {
    let top = ctx.process_stack_top();
    let rt = rt_addr();
    let mut p = ctx.sp as *const u64;
    // SAFETY: the walk stays within [sp, stack_top).
    let cp = unsafe {
        while p.add(1) < top && *p == rt {
            p = p.add(2);
        }
        if p < top {
            *p
        } else {
            0
        }
    };
    let mut s = Scratch::default();
    let mfa = mfa_of_cp(&mut s, cp);
    emit(ctx, &mut s, mfa);
}

/// A BIF called with a return-to marker returned: execution goes on in
/// the function of location `loc`, the caller (also after a tail call,
/// as BEAM reports it).
pub fn bif_returned(ctx: &mut Ctx, loc: u32) {
    let mut s = Scratch::default();
    let mfa = tracing::loc_mfa(&mut s, loc as u64);
    emit(ctx, &mut s, mfa);
}

/// A BIF applied (`rt_apply`) with a return-to marker returned: execution
/// goes on at the next continuation on the stack (right at sp after a
/// non-tail apply, past the caller's frame after a tail one).
/// A return-to frame met on the way (a tail apply) reports when returned
/// into instead, as BEAM reports once.
pub fn applied_returned(ctx: &mut Ctx) {
    let top = ctx.process_stack_top();
    let rt = rt_addr();
    let mut p = ctx.sp as *const u64;
    // SAFETY: the walk stays within [sp, stack_top); a word with the low
    // two bits clear (not a term) is a continuation or a trace frame's
    // entry value.
    let cp = unsafe {
        loop {
            if p >= top {
                break 0;
            }
            if p.add(1) < top && rt != 0 && *p == rt {
                if Term(*p.add(1)) == marker() {
                    return;
                }
                p = p.add(2);
                continue;
            }
            if *p & 0b11 == 0 && *p != 0 {
                break *p;
            }
            p = p.add(1);
        }
    };
    let mut s = Scratch::default();
    let mfa = mfa_of_cp(&mut s, cp);
    emit(ctx, &mut s, mfa);
}

/// A BIF called with a return-to marker raised: when the caller's own
/// frame (location `loc`) holds the catch, execution returns into it.
pub fn bif_raised(ctx: &mut Ctx, loc: u32) {
    let top = ctx.process_stack_top();
    let mut p = ctx.sp as *const u64;
    // SAFETY: the walk stays within [sp, stack_top).
    unsafe {
        while p < top {
            if Term(*p).is_catch() {
                let mut s = Scratch::default();
                let mfa = tracing::loc_mfa(&mut s, loc as u64);
                emit(ctx, &mut s, mfa);
                return;
            }
            if *p & 0b11 == 0 && *p != 0 {
                return;
            }
            p = p.add(1);
        }
    }
}

/// An exception unwinds past the return-to frame at `at` of a BIF that
/// trapped, naming `mfa`: when that function's frame (the words up to the
/// next frame) holds the catch, execution returns into it.
///
/// # Safety
/// As `exception_passed`.
pub unsafe fn exception_at(ctx: &mut Ctx, at: *const u64, s: &mut Scratch, mfa: Term) {
    let top = ctx.process_stack_top();
    let rt = rt_addr();
    let mut p = at.add(2);
    while p < top {
        if Term(*p).is_catch() {
            emit(ctx, s, mfa);
            return;
        }
        if *p == rt || (*p & 0b11 == 0 && *p != 0) {
            return;
        }
        p = p.add(1);
    }
}

/// An exception unwinds past the return-to frame at `at`: when the next
/// ordinary frame holds the catch that handles it, execution returns
/// into that function.
///
/// # Safety
/// `at` points at the frame's first word inside the running process's
/// stack.
pub unsafe fn exception_passed(ctx: &mut Ctx, at: *const u64) {
    let top = ctx.process_stack_top();
    let rt = rt_addr();
    let mut p = at.add(2);
    while p.add(1) < top && *p == rt {
        p = p.add(2);
    }
    if p >= top {
        return;
    }
    let cp = *p;
    p = p.add(1);
    while p < top {
        let w = Term(*p);
        if w.is_catch() {
            let mut s = Scratch::default();
            let mfa = mfa_of_cp(&mut s, cp);
            emit(ctx, &mut s, mfa);
            return;
        }
        if *p & 0b11 == 0 && *p != 0 {
            // The next continuation: that frame holds no catch.
            return;
        }
        p = p.add(1);
    }
}

trait StackTop {
    fn process_stack_top(&self) -> *const u64;
}

impl StackTop for Ctx {
    fn process_stack_top(&self) -> *const u64 {
        // SAFETY: a process is scheduled on the context.
        unsafe { (*self.proc_).stack_top() as *const u64 }
    }
}
