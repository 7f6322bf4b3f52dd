//! The execution context: one per scheduler thread. Generated code receives
//! a pointer to it as its first argument and reaches X registers, scratch
//! argument slots and exception state at fixed offsets (see `offsets`).

use crate::heap::process::Process;
use crate::term::{Term, NIL, NON_VALUE};

/// Number of X registers (BEAM's MAX_REG is 1024).
pub const MAX_X: usize = 1024;
/// Number of float registers.
pub const MAX_F: usize = 32;
/// Reductions per time slice (BEAM's CONTEXT_REDS).
/// Size of the scratch area.
pub const MAX_SCRATCH: usize = 256;
pub const CONTEXT_REDS: i64 = 4000;

/// Status codes that generated code returns to the scheduler trampoline.
pub mod status {
    /// Out of reductions; resume at `Ctx::resume` with `Ctx::live` X registers.
    pub const YIELD: i64 = 0;
    /// Waiting in `receive`; resume at `Ctx::resume` when a message or timeout arrives.
    pub const WAIT: i64 = 1;
    /// The process exits; reason in `Ctx::exc_reason` (class in `exc_class`).
    pub const EXIT: i64 = 2;
    /// The process returned from its initial call: normal exit.
    pub const DONE: i64 = 3;
}

/// Set in `Ctx::trace_loc` by a yield at a function's entry.
pub const TRACE_LOC_ENTRY: u64 = 1 << 40;

#[repr(C)]
pub struct Ctx {
    /// The process running on this scheduler.
    pub proc_: *mut Process,
    /// Erlang stack pointer and heap top, written by generated code before
    /// every runtime call that may allocate or inspect the stack, and when
    /// leaving native code.
    pub sp: *mut u64,
    pub hp: *mut u64,
    pub reds: i64,
    /// Entry address to resume at after YIELD/WAIT.
    pub resume: usize,
    /// Number of live X registers at a GC or yield point.
    pub live: u64,
    /// Exception being raised: class (error/exit/throw atom) and reason.
    pub exc_class: Term,
    pub exc_reason: Term,
    /// On raising: the argument list for the top stack frame (NON_VALUE
    /// for "use the arity"). After unwinding: the built stack trace.
    pub exc_trace: Term,
    /// A frame to put above the failing location (`{M,F,Args,Loc}` of an
    /// undefined function or of a failing BIF), or, for `erlang:error/3`,
    /// the `[{error_info, Map}]` ending the failing location's frame, or
    /// NON_VALUE.
    pub exc_top: Term,
    /// A complete stack trace to re-raise with (`raise`, `erlang:raise/3`),
    /// or NON_VALUE to build one.
    pub exc_prebuilt: Term,
    /// Location (code address or location id) of the failing instruction.
    pub exc_loc: u64,
    /// The exception comes from the call itself (undefined function, bad
    /// `apply` arguments): the `exc_top` frame stands for it and the
    /// failing location is not a frame of its own (the caller shows up
    /// through its continuation, as in BEAM).
    pub exc_callee: bool,
    /// An atom saying why the BIF that just raised `badarg` failed (the
    /// `cause` of its frame's `error_info`, e.g. `badopt`), or NON_VALUE.
    /// Every new exception clears it: only `badarg_cause` sets it.
    pub exc_cause: Term,
    /// Scratch argument slots for `bif`/`gc_bif` instructions.
    pub bif_args: [Term; 4],
    /// Set by a BIF that returned NON_VALUE to trap (`bif::trap`): the
    /// entry value to continue at, its arguments in x0..; 0 when the BIF
    /// raised. The code that follows a trap clears it.
    pub bif_trap: usize,
    /// Scheduler index.
    pub sched: u64,
    pub f: [f64; MAX_F],
    /// Scratch terms for runtime calls with many operands (closure
    /// environments).
    pub scratch: [Term; MAX_SCRATCH],
    pub x: [Term; MAX_X],
    // Tracing's words come last, so the offsets of the fields above stay
    // as they were (generated code addresses X registers from the context).
    /// Where the process left native code at its last YIELD or WAIT: the
    /// location id of the function it was in (`code::loc`), with
    /// `TRACE_LOC_ENTRY` set when the yield was at the function's entry
    /// (its reduction check: the arguments are x0..). Stored by generated
    /// code on those cold paths only; read by tracing (`proc::tracing`).
    pub trace_loc: u64,
    /// Non-zero while a call-traced process runs and trace patterns exist:
    /// generated code then reports calls of BIFs (`abi::call::rt_trace_bif`)
    /// before making them. Set and cleared by `sched::traced` only.
    pub bif_trace: u64,
    /// Reductions a yielding BIF gave up in this slice (BEAM's
    /// `virtual_reds`): the slice ends at once, but they are not charged
    /// to the process (`process_info(P, reductions)`, `statistics`).
    pub vreds: i64,
    /// The export entry a call of a globally traced function came through
    /// (its stub, `bif::trace_export`), for the call hook at the entry
    /// that follows; 0 otherwise.
    pub trace_export: u64,
}

/// Byte offsets of the fields generated code touches.
pub mod offsets {
    use super::Ctx;
    use std::mem::offset_of;
    pub const PROC: i32 = offset_of!(Ctx, proc_) as i32;
    pub const SP: i32 = offset_of!(Ctx, sp) as i32;
    pub const HP: i32 = offset_of!(Ctx, hp) as i32;
    pub const REDS: i32 = offset_of!(Ctx, reds) as i32;
    pub const RESUME: i32 = offset_of!(Ctx, resume) as i32;
    pub const LIVE: i32 = offset_of!(Ctx, live) as i32;
    pub const EXC_CLASS: i32 = offset_of!(Ctx, exc_class) as i32;
    pub const EXC_REASON: i32 = offset_of!(Ctx, exc_reason) as i32;
    pub const EXC_TRACE: i32 = offset_of!(Ctx, exc_trace) as i32;
    pub const EXC_LOC: i32 = offset_of!(Ctx, exc_loc) as i32;
    pub const BIF_ARGS: i32 = offset_of!(Ctx, bif_args) as i32;
    pub const BIF_TRAP: i32 = offset_of!(Ctx, bif_trap) as i32;
    pub const TRACE_LOC: i32 = offset_of!(Ctx, trace_loc) as i32;
    pub const BIF_TRACE: i32 = offset_of!(Ctx, bif_trace) as i32;
    pub const F: i32 = offset_of!(Ctx, f) as i32;
    pub const SCRATCH: i32 = offset_of!(Ctx, scratch) as i32;
    pub const X: i32 = offset_of!(Ctx, x) as i32;
}

impl Ctx {
    pub fn new(sched: u64) -> Box<Ctx> {
        Box::new(Ctx {
            proc_: std::ptr::null_mut(),
            sp: std::ptr::null_mut(),
            hp: std::ptr::null_mut(),
            reds: 0,
            resume: 0,
            live: 0,
            exc_class: NON_VALUE,
            exc_reason: NON_VALUE,
            exc_trace: NON_VALUE,
            exc_top: NON_VALUE,
            exc_prebuilt: NON_VALUE,
            exc_loc: 0,
            exc_callee: false,
            exc_cause: NON_VALUE,
            bif_args: [NIL; 4],
            bif_trap: 0,
            trace_loc: 0,
            vreds: 0,
            bif_trace: 0,
            trace_export: 0,
            sched,
            f: [0.0; MAX_F],
            scratch: [NIL; MAX_SCRATCH],
            x: [NIL; MAX_X],
        })
    }

    /// The running process.
    /// # Safety
    /// Only valid while a process is scheduled on this context.
    #[inline]
    pub unsafe fn process(&mut self) -> &mut Process {
        &mut *self.proc_
    }

    /// Allocates `n` heap words for a BIF. Never triggers a GC (see
    /// `process::bump_or_fragment`); `hp`/`sp` are current because generated
    /// code stores them before every runtime call.
    #[inline]
    pub fn alloc(&mut self, n: usize) -> *mut u64 {
        // SAFETY: a process is scheduled while BIFs run.
        let frags = unsafe { &mut (*self.proc_).frags };
        let before = frags.len();
        let p = crate::heap::process::bump_or_fragment(&mut self.hp, self.sp, frags, n);
        if frags.len() != before {
            self.new_fragment();
        }
        p
    }

    /// After a new heap fragment: once fragments outgrow the heap (and a
    /// floor, so small heaps are not collected every few results), spend
    /// all reductions, as BEAM's `ERTS_FORCE_GC` does, so the process
    /// yields at its next call and the scheduler collects it
    /// (`Process::gc_desired`). Without this, a loop whose only
    /// allocations are BIF results (bignum arithmetic) never collects and
    /// its garbage piles up in fragments for the whole time slice.
    #[cold]
    fn new_fragment(&mut self) {
        const FLOOR_WORDS: usize = 1 << 16;
        // SAFETY: a process is scheduled while BIFs run.
        let p = unsafe { &*self.proc_ };
        if p.bif_frag_words() > p.block.len().max(FLOOR_WORDS) {
            self.reds = self.reds.min(0);
        }
    }

    /// After refc binaries joined the running process: when they went over
    /// its binary virtual heap (`heap/vheap.rs`), spend all reductions so
    /// that it yields at its next call and the scheduler collects it
    /// (`Process::gc_desired`), as BEAM collects after such a BIF. Without
    /// this, a process that makes and drops big binaries while allocating
    /// little on its heap holds every one until its heap fills.
    #[inline]
    pub fn check_vheap(&mut self) {
        // SAFETY: `proc_` is null or the scheduled process.
        if !self.proc_.is_null() && unsafe { (*self.proc_).vheap_over() } {
            self.reds = self.reds.min(0);
        }
    }

    /// Allocates `n` words in a heap fragment, never on the heap proper:
    /// for runtime helpers that run between a `test_heap` and the
    /// instructions that use the space it reserved (`make_fun3`), which must
    /// not eat into that space.
    pub fn alloc_outside_heap(&mut self, n: usize) -> *mut u64 {
        // SAFETY: a process is scheduled while runtime helpers run.
        let frags = unsafe { &mut (*self.proc_).frags };
        let sp = self.hp; // no free heap: forces the fragment path
        let mut hp = self.hp;
        crate::heap::process::bump_or_fragment(&mut hp, sp, frags, n)
    }

    /// Records an exception of class `error` and returns `NON_VALUE`, the
    /// value a BIF returns to say it raised.
    #[inline]
    pub fn error(&mut self, reason: Term) -> Term {
        self.raise(crate::term::atom::am::ERROR, reason)
    }
    #[inline]
    pub fn badarg(&mut self) -> Term {
        self.error(crate::term::atom::am::BADARG)
    }
    /// `badarg` with `cause` (an atom name) in the BIF frame's
    /// `error_info` map, as BEAM's `EXF_HAS_EXT_INFO` errors.
    pub fn badarg_cause(&mut self, cause: &str) -> Term {
        self.badarg();
        self.exc_cause = crate::term::atom::intern(cause);
        NON_VALUE
    }
    #[inline]
    pub fn raise(&mut self, class: Term, reason: Term) -> Term {
        self.exc_class = class;
        self.exc_reason = reason;
        self.exc_trace = NON_VALUE;
        self.exc_top = NON_VALUE;
        self.exc_prebuilt = NON_VALUE;
        self.exc_callee = false;
        self.exc_cause = NON_VALUE;
        NON_VALUE
    }
}
