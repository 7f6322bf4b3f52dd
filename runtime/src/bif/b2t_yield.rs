//! `binary_to_term/1,2` on big inputs give the scheduler back, as BEAM's
//! do (external.c: `binary_to_term_int`, 128 terms per reduction left,
//! continuing in `erts_internal:binary_to_term_trap/1`).
//!
//! The decoder (`etf::decode::Partial`) fills holes of containers it has
//! already allocated, through raw pointers, so the objects it builds must
//! not move while it is suspended. BEAM turns the process's GC off for the
//! time; here the term is built in a *detached heap*: heap fragments and
//! an off-heap list owned by the job, swapped in as the process's own
//! while a slice decodes (with no room left on the main heap, so every
//! allocation lands in them) and swapped out before the process runs on.
//! The collector never sees them, and they never point at the process's
//! heap (a decoded term refers only to itself, atoms, literals and
//! off-heap objects). When the term is complete they become ordinary
//! fragments of the process; when the job dies (bad input, or the process
//! exits while it yields) its refc binaries and magic refs are released.
//!
//! Small inputs (no more terms than a slice may decode) take the old
//! run-to-completion path with no state. A failure found after yields
//! still reports `binary_to_term(Bin)` / `binary_to_term(Bin, Opts)` with
//! the original arguments (BEAM's `ERTS_BIF_ERROR_TRAPPED`).

use super::trap::{self, yield_to};
use super::{bif, native, BifDef};
use crate::code::export::Export;
use crate::data::etf::decode::{self, Partial, Progress};
use crate::data::resource::{self, Resource};
use crate::heap::ctx::Ctx;
use crate::heap::process::Fragment;
use crate::term::{Term, NIL, NON_VALUE};
use std::sync::{Arc, Mutex, OnceLock};

pub const BIFS: &[BifDef] = &[
    bif!("erlang", "binary_to_term", 1, b2t_1).with_full(native!(super::ext::binary_to_term_1, 1)),
    bif!("erlang", "binary_to_term", 2, b2t_2).with_full(native!(super::ext::binary_to_term_2, 2)),
    bif!("$girder_trap", "binary_to_term", 3, b2t_trap_3).with_full(native!(b2t_trap_3, 3)),
];

/// Terms decoded per reduction (BEAM's `B2T_BYTES_PER_REDUCTION`).
const TERMS_PER_RED: usize = 128;

/// Heap fragments and ProcBins/magic refs that belong to no process yet.
#[derive(Default)]
struct Detached {
    frags: Vec<Fragment>,
    off_heap: Vec<*mut u64>,
}

impl Detached {
    /// Runs `f` with the detached heap as the process's fragments and
    /// off-heap list and no room on its main heap, so everything `f`
    /// allocates goes into the detached fragments.
    fn with<R>(&mut self, ctx: &mut Ctx, f: impl FnOnce(&mut Ctx) -> R) -> R {
        // SAFETY: a process is scheduled while BIFs run.
        let p = unsafe { &mut *ctx.proc_ };
        std::mem::swap(&mut p.frags, &mut self.frags);
        std::mem::swap(&mut p.off_heap, &mut self.off_heap);
        let hp = ctx.hp;
        ctx.hp = ctx.sp;
        let r = f(ctx);
        ctx.hp = hp;
        // SAFETY: as above; `f` cannot have descheduled the process.
        let p = unsafe { &mut *ctx.proc_ };
        std::mem::swap(&mut p.frags, &mut self.frags);
        std::mem::swap(&mut p.off_heap, &mut self.off_heap);
        r
    }

    /// Hands everything over to the process (the term is complete).
    fn attach(&mut self, ctx: &mut Ctx) {
        // SAFETY: a process is scheduled while BIFs run.
        let p = unsafe { &mut *ctx.proc_ };
        p.frags.append(&mut self.frags);
        p.off_heap.append(&mut self.off_heap);
    }
}

impl Drop for Detached {
    fn drop(&mut self) {
        // SAFETY: the list holds ProcBins and magic refs in `frags`, which
        // are still alive, each owning its count (never seen by a GC).
        unsafe { crate::data::binary::layout::gc_release(&std::mem::take(&mut self.off_heap)) };
    }
}

// SAFETY: the pointers point into the job's own fragments; the job is
// only touched by its process, one thread at a time, behind a mutex.
unsafe impl Send for Detached {}

/// A suspended decode.
struct Job {
    dec: Partial,
    heap: Detached,
    used: bool,
    /// Arity of the BIF called (which one a failure reports).
    arity: u32,
}

/// The job of a suspended decode, behind a magic ref.
struct B2tState {
    job: Mutex<Option<Job>>,
}

fn export(cell: &'static OnceLock<&'static Export>, m: &str, f: &str, a: u32) -> &'static Export {
    cell.get_or_init(|| trap::target(m, f, a))
}

/// `badarg` reported as `erlang:binary_to_term(Bin[, Opts])`.
fn badarg_as(ctx: &mut Ctx, arity: u32, bin: Term, opts: Term) -> Term {
    static B1: OnceLock<&'static Export> = OnceLock::new();
    static B2: OnceLock<&'static Export> = OnceLock::new();
    ctx.badarg();
    let (e, args) = if arity == 1 {
        (export(&B1, "erlang", "binary_to_term", 1), [bin, NIL])
    } else {
        (export(&B2, "erlang", "binary_to_term", 2), [bin, opts])
    };
    // SAFETY: `e` is an export entry of arity `arity` <= 2 and `args`
    // holds two terms.
    unsafe { crate::abi::error::rt_bif_frame(ctx, e, args.as_ptr()) };
    NON_VALUE
}

/// Work units the reductions left allow (at least one reduction's).
fn budget(ctx: &Ctx) -> usize {
    (ctx.reds.max(1) as usize).saturating_mul(TERMS_PER_RED)
}

fn charge(ctx: &mut Ctx, units: usize) {
    let r = (units / TERMS_PER_RED).min(i64::MAX as usize) as i64;
    ctx.reds = ctx.reds.saturating_sub(r).max(0);
}

fn entry(ctx: &mut Ctx, bin: Term, opts: Term, arity: u32) -> Term {
    let (safe, used) = if arity == 1 {
        (false, false)
    } else {
        match super::ext::b2t_opts(opts) {
            Some(o) => o,
            None => return ctx.badarg(),
        }
    };
    let Some(v) = crate::data::binary::view(bin) else {
        return ctx.badarg();
    };
    let Some(bytes) = v.whole_bytes() else {
        return ctx.badarg();
    };
    // A term takes at least one byte: input no bigger than a slice's
    // budget cannot need a yield.
    let small = decode::plain_size(&bytes).is_none_or(|n| n <= budget(ctx));
    if small || ctx.proc_.is_null() {
        return if arity == 1 {
            super::ext::binary_to_term_1(ctx, &[bin])
        } else {
            super::ext::binary_to_term_2(ctx, &[bin, opts])
        };
    }
    let Some(dec) = Partial::start(&bytes, safe) else {
        return ctx.badarg();
    };
    drop(bytes);
    let job = Job {
        dec,
        heap: Detached::default(),
        used,
        arity,
    };
    step(ctx, job, None, bin, opts)
}

/// Decodes a slice's worth and finishes, fails or suspends.
fn step(ctx: &mut Ctx, mut job: Job, state: Option<Term>, bin: Term, opts: Term) -> Term {
    let total = budget(ctx);
    let mut left = total;
    let Job { dec, heap, .. } = &mut job;
    let progress = heap.with(ctx, |ctx| dec.run(ctx, &mut left));
    match progress {
        Progress::Done(t, n) => {
            charge(ctx, total - left);
            job.heap.attach(ctx);
            if job.used {
                let n = Term::small(n as i64);
                crate::data::build::make_tuple(ctx, &[t, n])
            } else {
                t
            }
        }
        Progress::Bad => {
            charge(ctx, total - left);
            let arity = job.arity;
            drop(job);
            badarg_as(ctx, arity, bin, opts)
        }
        Progress::More => {
            let st = match state {
                Some(st) => {
                    if let Some(s) = resource::get_as::<B2tState>(st) {
                        *s.job.lock().unwrap_or_else(|e| e.into_inner()) = Some(job);
                    }
                    st
                }
                None => {
                    let s = B2tState {
                        job: Mutex::new(Some(job)),
                    };
                    resource::make(ctx, Arc::new(Resource { value: Box::new(s) }))
                }
            };
            static CONT: OnceLock<&'static Export> = OnceLock::new();
            let cont = export(&CONT, trap::MODULE, "binary_to_term", 3);
            yield_to(ctx, cont, &[st, bin, opts])
        }
    }
}

fn b2t_1(ctx: &mut Ctx, args: &[Term; 1]) -> Term {
    entry(ctx, args[0], NIL, 1)
}

fn b2t_2(ctx: &mut Ctx, args: &[Term; 2]) -> Term {
    entry(ctx, args[0], args[1], 2)
}

/// `'$girder_trap':binary_to_term(State, Bin, Opts)`.
fn b2t_trap_3(ctx: &mut Ctx, args: &[Term; 3]) -> Term {
    let [st, bin, opts] = *args;
    let Some(s) = resource::get_as::<B2tState>(st) else {
        return ctx.badarg();
    };
    let taken = s.job.lock().unwrap_or_else(|e| e.into_inner()).take();
    let Some(job) = taken else {
        // Resumed twice: the job was consumed.
        return ctx.badarg();
    };
    step(ctx, job, Some(st), bin, opts)
}
