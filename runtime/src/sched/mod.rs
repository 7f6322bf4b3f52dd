//! The scheduler loop. The run queue it pops from is `runq.rs`.
//!
//! Process states (`process::pstate`) and who changes them:
//! - RUNNABLE: in the run queue exactly once. Set by spawn, by the owner
//!   after a YIELD, and by `wake` (WAITING -> RUNNABLE, a compare-exchange,
//!   so concurrent wakers enqueue a process only once).
//! - RUNNING: popped by a scheduler, which owns the process until the
//!   slice ends.
//! - WAITING: set by the owner after a WAIT, under the inbox lock and only
//!   if no message, signal or expired timer is pending; a sender pushes
//!   under the same lock and then calls `wake`, so a wake-up is never lost.
//! - EXITED: final (`signal::terminate`).
//!
//! The queue is shared, so several `Scheduler`s (one per OS thread) could
//! run the same loop; today the launcher runs one.

use crate::data::build::{list_from_slice, make_tuple};
use crate::heap::ctx::{status, Ctx, CONTEXT_REDS, TRACE_LOC_ENTRY};
use crate::heap::process::{pstate, Process, StartError};
use crate::proc::ptable::{self, ProcRef};
use crate::proc::signal::{self, Death};
use crate::proc::timer;
use crate::term::atom::am;
use crate::term::{Term, NIL, NON_VALUE};
use std::io::Write;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

/// Reductions executed by all processes; the scheduler adds each time
/// slice's reductions here when the slice ends. `statistics(reductions)`
/// reads it.
pub static TOTAL_REDUCTIONS: AtomicU64 = AtomicU64::new(0);

pub mod stats;
pub mod traced;
pub mod world;

use crate::proc::runq::rq;
pub use crate::proc::runq::{enqueue, halt_requested, notify, request_halt, wake};

/// Words of received messages (`Process::msg_frag_words`) below which a
/// waiting process is not collected at the wait (see `run_slice`).
const WAIT_GC_MIN_FRAG_WORDS: usize = 8192;

/// What `Scheduler::run` does when nothing can ever run again.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum WhenIdle {
    /// Return `None` (tests, embedding).
    Return,
    /// Sleep until something wakes the VM: like erl, which keeps running
    /// with no processes to run until it is stopped.
    Block,
}

pub struct Scheduler {
    pub ctx: Box<Ctx>,
}

impl Scheduler {
    pub fn new(id: u64) -> Scheduler {
        Scheduler { ctx: Ctx::new(id) }
    }

    /// Runs processes until a halt is requested (returns its status) or,
    /// with `WhenIdle::Return`, until nothing can ever run again.
    pub fn run(&mut self, idle: WhenIdle) -> Option<i32> {
        /// Counts this thread among the schedulers `world::stop` waits for.
        struct Active;
        impl Drop for Active {
            fn drop(&mut self) {
                world::leave();
            }
        }
        world::enter();
        let _active = Active;
        let q = rq();
        loop {
            // A slice boundary: nothing bound, no lock held.
            world::checkpoint();
            fire_timers();
            let next = {
                let mut g = q.m.lock().unwrap();
                if let Some(c) = g.halt {
                    return Some(c);
                }
                match g.queue.pop_front() {
                    Some(r) => {
                        q.running.fetch_add(1, Ordering::SeqCst);
                        Some(r)
                    }
                    // A stop asked after this thread's checkpoint: checked
                    // under the run queue's lock, which `world::stop` takes
                    // to wake sleepers, so the wake-up cannot be missed.
                    None if world::requested() => None,
                    None => {
                        // Idle: partial output lines become visible.
                        let _ = std::io::stdout().flush();
                        let now = timer::now_ns();
                        match timer::next_deadline() {
                            Some(d) if d <= now => {}
                            Some(d) => {
                                g.sleepers += 1;
                                stats::sleep_begin(0);
                                let (mut g2, _) =
                                    q.cv.wait_timeout(g, Duration::from_nanos(d - now)).unwrap();
                                stats::sleep_end(0);
                                g2.sleepers -= 1;
                            }
                            None if idle == WhenIdle::Return
                                && q.running.load(Ordering::SeqCst) == 0 =>
                            {
                                return None
                            }
                            None => {
                                g.sleepers += 1;
                                stats::sleep_begin(0);
                                let mut g2 = q.cv.wait(g).unwrap();
                                stats::sleep_end(0);
                                g2.sleepers -= 1;
                            }
                        }
                        None
                    }
                }
            };
            if let Some((r, proxy)) = next {
                // Pending system tasks run when the process is scheduled,
                // before its slice (a proxy entry runs only them).
                if proxy || crate::proc::sys_task::any_pending() {
                    crate::proc::sys_task::run_pending(&r);
                }
                if !proxy {
                    self.run_slice(&r);
                }
                let left = q.running.fetch_sub(1, Ordering::SeqCst) - 1;
                // A purged module version is freed once no process runs.
                if crate::proc::purge::pending() {
                    crate::proc::purge::after_slice(left);
                }
            }
        }
    }

    /// Binds the context to `p` (heap top and stack pointer included).
    fn bind(&mut self, p: *mut Process) {
        self.ctx.proc_ = p;
        // SAFETY: the caller owns `p`.
        unsafe {
            self.ctx.hp = (*p).hp;
            self.ctx.sp = (*p).sp;
        }
        self.ctx.exc_class = NON_VALUE;
        self.ctx.exc_reason = NON_VALUE;
        self.ctx.exc_trace = NON_VALUE;
        self.ctx.exc_top = NON_VALUE;
        self.ctx.exc_prebuilt = NON_VALUE;
    }

    fn unbind(&mut self) {
        self.ctx.proc_ = std::ptr::null_mut();
    }

    /// Runs one time slice of `r`, which was just popped from the queue.
    fn run_slice(&mut self, r: &ProcRef) {
        let p = r.ptr();
        r.state().store(pstate::RUNNING, Ordering::SeqCst);
        stats::switched_in();
        self.bind(p);
        // SAFETY: popped from the run queue, so this scheduler owns the
        // process until the slice ends; `p` stays valid because `r` holds
        // a reference.
        unsafe {
            if (*p).has_signals.load(Ordering::SeqCst) {
                if let Some(d) = signal::fetch(&mut *p, true) {
                    self.die(r, d);
                    return;
                }
                // A suspended process keeps `has_signals` set, so this is
                // the one place that checks (`proc/suspend.rs`).
                if (*p).suspended.load(Ordering::Relaxed) != 0 && crate::proc::suspend::park(r) {
                    self.unbind();
                    return;
                }
            }
            if (*p).start_error != StartError::None {
                self.start_failure(r);
                return;
            }
            if (*p).hibernated {
                self.wake_hibernated(p);
            }
            let ctx = &mut *self.ctx;
            let n = (*p).saved_x.len();
            ctx.x[..n].copy_from_slice(&(*p).saved_x);
            let (sp, hp) = (ctx.sp, ctx.hp);
            ctx.vreds = 0;
            let (st, used) = if (*p).trace_flags.load(Ordering::Relaxed) == 0
                && !traced::STEP_ALL.load(Ordering::Relaxed)
            {
                let st = (crate::code::hooks::get().enter)(ctx, (*p).resume, sp, hp, CONTEXT_REDS);
                if (*p).trace_flags.load(Ordering::Relaxed) != 0 {
                    // The slice turned tracing on.
                    traced::slice_out(ctx, p, st);
                }
                (st, (CONTEXT_REDS - ctx.reds - ctx.vreds).max(0) as u64)
            } else {
                traced::run(ctx, p)
            };
            ctx.vreds = 0;
            (*p).reductions += used;
            TOTAL_REDUCTIONS.fetch_add(used, Ordering::Relaxed);
            (*p).hp = ctx.hp;
            (*p).sp = ctx.sp;
            // Only meaningful while unwinding (see `bif::process::exit_2`).
            (*p).uncatchable = false;
            match st {
                status::YIELD => {
                    self.save_regs(p);
                    // Generated code sets `trace_loc` at entry yields only
                    // (and at waits, without the flag): taken here, it is
                    // never stale.
                    let l = std::mem::take(&mut self.ctx.trace_loc);
                    (*p).yield_loc = if l & TRACE_LOC_ENTRY != 0 { l } else { 0 };
                    // Heap fragments from BIFs (bignum results) are only
                    // folded in by a GC; collect here, at a point where
                    // the roots are known, if they outgrew the free heap
                    // (BEAM collects at schedule-out in the same case).
                    if (*p).gc_desired() {
                        crate::gc::collect_process(&mut *p, 0);
                    }
                    r.state().store(pstate::RUNNABLE, Ordering::SeqCst);
                    enqueue(r.clone());
                }
                status::WAIT => {
                    self.save_regs(p);
                    // Received messages join the heap fragments; a process
                    // that only waits between them never reaches a heap
                    // check, so collect here too when they outgrew the free
                    // heap (else a process keeping a few big messages holds
                    // every one it ever received). Only once they are well
                    // beyond the heap's size, so that a collection (whose
                    // cost is the live data, at most the heap) is paid for
                    // by the fragments it frees: a process forwarding a big
                    // message at every wait would otherwise collect at each
                    // one (b_ring: 1.2 → 2.3× erl).
                    let frags = (*p).msg_frag_words;
                    // Likewise when received refc binaries went over its
                    // binary virtual heap (`heap/vheap.rs`).
                    if (frags >= WAIT_GC_MIN_FRAG_WORDS && frags > 4 * (*p).block.len())
                        || (*p).vheap_over()
                    {
                        crate::gc::collect_process(&mut *p, 0);
                    }
                    self.sleep(r);
                }
                status::EXIT => {
                    let (reason, report) = self.exception_reason();
                    signal::terminate(&mut self.ctx, r, reason, report);
                }
                status::DONE => {
                    (*p).saved_x.clear();
                    if crate::proc::entity::on_done(&mut self.ctx, r) {
                        r.state().store(pstate::RUNNABLE, Ordering::SeqCst);
                        enqueue(r.clone());
                    } else {
                        signal::terminate(&mut self.ctx, r, am::NORMAL, false);
                    }
                }
                other => {
                    let reason =
                        make_tuple(&mut self.ctx, &[am::GIRDER_UNSUPPORTED, Term::small(other)]);
                    signal::terminate(&mut self.ctx, r, reason, true);
                }
            }
        }
        self.unbind();
    }

    /// Waking from `erlang:hibernate/3`: BEAM's first collection after it
    /// (the wake-up message needs heap) brings the heap back to
    /// `min_heap_size`.
    /// # Safety
    /// The scheduler owns `p`, bound to the context.
    #[cold]
    #[inline(never)]
    unsafe fn wake_hibernated(&mut self, p: *mut Process) {
        (*p).hibernated = false;
        if (*p).block.len() < (*p).min_heap {
            crate::gc::collect_process(&mut *p, 0);
            self.bind(p);
        }
    }

    /// Saves the live X registers and the resume address after YIELD/WAIT.
    /// # Safety
    /// The scheduler owns `p`.
    unsafe fn save_regs(&mut self, p: *mut Process) {
        let live = (self.ctx.live as usize).min(self.ctx.x.len());
        let saved = &mut (*p).saved_x;
        saved.clear();
        saved.extend_from_slice(&self.ctx.x[..live]);
        (*p).resume = self.ctx.resume;
    }

    /// After WAIT: sleep unless a message, signal or timeout is already
    /// pending (checked under the inbox lock, see the module comment).
    fn sleep(&mut self, r: &ProcRef) {
        let has_work = {
            let inbox = r.inbox().lock().unwrap();
            // SAFETY: owner; `timer_deadline` is not shared.
            let deadline = unsafe { (*r.ptr()).timer_deadline };
            let work = !inbox.is_empty()
                || r.has_signals().load(Ordering::SeqCst)
                || deadline.is_some_and(|d| timer::now_ns() >= d);
            if !work {
                r.state().store(pstate::WAITING, Ordering::SeqCst);
            }
            work
        };
        if has_work {
            r.state().store(pstate::RUNNABLE, Ordering::SeqCst);
            enqueue(r.clone());
        }
    }

    /// The exit reason for the exception in the context, and whether it
    /// deserves an error report (errors and uncaught throws do; exits not).
    fn exception_reason(&mut self) -> (Term, bool) {
        let ctx = &mut *self.ctx;
        let (class, reason) = (ctx.exc_class, ctx.exc_reason);
        let trace = if ctx.exc_trace.is_non_value() {
            NIL
        } else {
            ctx.exc_trace
        };
        if reason.is_non_value() {
            return (am::NORMAL, false);
        }
        if class == am::EXIT {
            (reason, false)
        } else if class == am::THROW {
            let r = make_tuple(ctx, &[am::NOCATCH, reason]);
            (make_tuple(ctx, &[r, trace]), true)
        } else {
            (make_tuple(ctx, &[reason, trace]), true)
        }
    }

    /// The process dies of a signal.
    fn die(&mut self, r: &ProcRef, d: Death) {
        let reason = d.reason();
        signal::terminate(&mut self.ctx, r, reason, false);
        drop(d);
        self.unbind();
    }

    /// The initial call could not start (see `spawn.rs`): raise its error.
    fn start_failure(&mut self, r: &ProcRef) {
        let p = r.ptr();
        // SAFETY: owner; the borrow ends before the context allocates.
        let (kind, x, (m, f, _)) = unsafe {
            let p = &mut *p;
            (
                std::mem::replace(&mut p.start_error, StartError::None),
                p.saved_x.clone(),
                p.initial,
            )
        };
        let ctx = &mut *self.ctx;
        let (reason, frames) = match kind {
            StartError::BadArity => {
                let fun = x.first().copied().unwrap_or(NIL);
                let inner = make_tuple(ctx, &[fun, NIL]);
                let reason = make_tuple(ctx, &[am::BADARITY, inner]);
                let top = make_tuple(ctx, &[am::ERLANG, am::APPLY, Term::small(2), NIL]);
                (reason, vec![top])
            }
            _ => {
                let args = list_from_slice(ctx, &x);
                (am::UNDEF, vec![signal::mfa_frame(ctx, m, f, args)])
            }
        };
        let trace = list_from_slice(ctx, &frames);
        let exit = make_tuple(ctx, &[reason, trace]);
        signal::terminate(ctx, r, exit, true);
        self.unbind();
    }
}

/// Fires every due timer.
fn fire_timers() {
    // Most slices run with no timer pending: skip reading the clock; and
    // while the earliest timer is surely not due by the coarse clock, skip
    // the precise read (5% of a message ring's time).
    match timer::next_deadline() {
        None => return,
        Some(d) if d > timer::now_ns_upper_bound() => return,
        Some(_) => {}
    }
    for a in timer::take_due(timer::now_ns()) {
        match a {
            timer::Action::Timeout { pid } => {
                if let Some(r) = ptable::lookup(Term::pid(pid)) {
                    wake(&r);
                }
            }
            timer::Action::Send { to, msg } => signal::send_copied(to, msg),
            timer::Action::Call(f) => f(),
        }
    }
}

/// Forgets the run queue and halt flags (tests).
#[cfg(test)]
pub fn reset() {
    let q = rq();
    let mut g = q.m.lock().unwrap();
    g.queue.clear();
    g.halt = None;
}

#[cfg(test)]
#[path = "sched_tests.rs"]
pub(crate) mod tests;
