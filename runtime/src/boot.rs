//! What erl's `init` does with `-s` and `-run` after booting.
//!
//! erl runs the calls one after the other in one process (its `do_boot`
//! process, which traps exits), from `init:start_em/1` called by
//! `init:do_boot/3`. Girder does the same: one boot process runs each call
//! when the previous one returned, with two fake continuation addresses at
//! the bottom of its stack that stack traces show as
//! `{init,start_em,1,[]}` and `{init,do_boot,3,[]}`, exactly where erl
//! shows them. Meanwhile the scheduler runs every other process.
//!
//! If a call raises, erl prints `{"init terminating in do_boot",Reason}`
//! (erlang:display format, `\r\n`), a one-line slogan on stderr, and exits
//! with status 1. If the boot process exits normally (`exit(normal)`), the
//! remaining calls are skipped. When all calls returned, the VM keeps
//! running until something halts it (`init:stop/0,1`, `erlang:halt/0,1`).

use crate::atom::{self, am};
use crate::build::{list_from_slice, make_string, make_tuple};
use crate::ctx::Ctx;
use crate::loc::{self, Loc};
use crate::process::{Process, DEFAULT_HEAP_WORDS};
use crate::ptable::ProcRef;
use crate::sched::{Scheduler, WhenIdle};
use crate::term::{Term, NIL};
use std::collections::VecDeque;
use std::io::Write;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Mutex, OnceLock};

/// One `-s`/`-run` option.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BootCall {
    pub module: String,
    pub function: String,
    pub args: BootArgs,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum BootArgs {
    /// `-s M F`: `M:F()`.
    None,
    /// `-s M F A1 A2`: `M:F([a1, a2])`.
    Atoms(Vec<String>),
    /// `-run M F A1 A2`: `M:F(["A1", "A2"])`.
    Strings(Vec<String>),
}

const NO_BOOT: u64 = u64::MAX;
/// Pid number of the boot process while it has calls to run.
static BOOT_PID: AtomicU64 = AtomicU64::new(NO_BOOT);

fn pending() -> &'static Mutex<VecDeque<BootCall>> {
    static P: OnceLock<Mutex<VecDeque<BootCall>>> = OnceLock::new();
    P.get_or_init(|| Mutex::new(VecDeque::new()))
}

/// Runs the VM: the boot calls in order, and everything they start, until
/// a halt; returns the exit status.
pub fn boot(calls: Vec<BootCall>) -> i32 {
    let mut s = Scheduler::new(0);
    start(&mut s.ctx, calls);
    let code = s.run(WhenIdle::Block).unwrap_or(0);
    let _ = std::io::stdout().flush();
    let _ = std::io::stderr().flush();
    code
}

/// Creates the boot process for `calls` (nothing if there are none).
pub fn start(ctx: &mut Ctx, calls: Vec<BootCall>) {
    let mut calls: VecDeque<BootCall> = calls.into();
    let Some(first) = calls.pop_front() else {
        return;
    };
    *pending().lock().unwrap() = calls;
    let mut p = Process::new(crate::ptable::new_pid(), DEFAULT_HEAP_WORDS);
    p.trap_exit = true;
    p.group_leader = crate::stdio::pid();
    BOOT_PID.store(p.pid.pid_number(), Ordering::SeqCst);
    prepare(ctx, &mut p, &first);
    crate::spawn::publish(p);
}

pub fn is_boot(pid: Term) -> bool {
    BOOT_PID.load(Ordering::SeqCst) == pid.pid_number()
}

/// Sets up `p` (not running) for `call`: a fresh stack with the fake init
/// frames and the DONE continuation, the arguments built in its heap.
fn prepare(ctx: &mut Ctx, p: &mut Process, call: &BootCall) {
    p.saved_x.clear();
    p.sp = p.stack_top();
    let (start_em, do_boot) = fake_cps();
    crate::spawn::push_word(p, do_boot as u64);
    crate::spawn::push_word(p, start_em as u64);
    crate::spawn::push_word(p, crate::hooks::get().done_addr as u64);
    // Build the arguments with the context bound to `p`.
    let saved = (ctx.proc_, ctx.hp, ctx.sp);
    ctx.proc_ = p as *mut Process;
    ctx.hp = p.hp;
    ctx.sp = p.sp;
    let args = match &call.args {
        BootArgs::None => vec![],
        BootArgs::Atoms(v) => {
            let atoms: Vec<Term> = v.iter().map(|a| atom::intern(a)).collect();
            vec![list_from_slice(ctx, &atoms)]
        }
        BootArgs::Strings(v) => {
            let strs: Vec<Term> = v.iter().map(|a| make_string(ctx, a)).collect();
            vec![list_from_slice(ctx, &strs)]
        }
    };
    p.hp = ctx.hp;
    (ctx.proc_, ctx.hp, ctx.sp) = saved;
    let m = atom::intern(&call.module);
    let f = atom::intern(&call.function);
    crate::spawn::setup_call(p, m, f, args);
}

/// The boot process returned from a call: sets up the next one and
/// returns true, or returns false when there is none (or `r` is not the
/// boot process). The context is bound to `r`.
pub fn on_done(ctx: &mut Ctx, r: &ProcRef) -> bool {
    if !is_boot(r.pid()) {
        return false;
    }
    let next = pending().lock().unwrap().pop_front();
    match next {
        Some(call) => {
            // SAFETY: the calling scheduler owns the process; its hp/sp
            // were saved from the context when the slice ended.
            let p = unsafe { &mut *r.ptr() };
            prepare(ctx, p, &call);
            true
        }
        None => {
            BOOT_PID.store(NO_BOOT, Ordering::SeqCst);
            false
        }
    }
}

/// Called for every exiting process; true if it was the boot process. A
/// boot process that dies for any reason but `normal` takes the VM down
/// the way erl's `init` does. The context is bound to the process.
pub fn on_exit(ctx: &mut Ctx, pid: Term, reason: Term) -> bool {
    if !is_boot(pid) {
        return false;
    }
    BOOT_PID.store(NO_BOOT, Ordering::SeqCst);
    pending().lock().unwrap().clear();
    if reason != am::NORMAL {
        crash(ctx, reason);
    }
    true
}

/// Prints erl's do_boot crash and requests a halt with status 1.
fn crash(ctx: &mut Ctx, reason: Term) {
    let s = make_string(ctx, "init terminating in do_boot");
    let t = make_tuple(ctx, &[s, reason]);
    let mut out = crate::display::display_bytes(t);
    out.extend_from_slice(b"\r\n");
    {
        let mut o = std::io::stdout().lock();
        let _ = o.write_all(&out);
        let _ = o.flush();
    }
    let slogan = format!(
        "init terminating in do_boot ({})\n",
        crate::display::display_string(reason)
    );
    {
        let mut e = std::io::stderr().lock();
        let _ = e.write_all(slogan.as_bytes());
        let _ = e.flush();
    }
    crate::sched::request_halt(1);
}

/// The frames below a boot call, for stack traces built without walking
/// the stack (e.g. `undef` at start): empty for other processes.
pub fn init_frames(ctx: &mut Ctx, pid: Term) -> Vec<Term> {
    if !is_boot(pid) {
        return Vec::new();
    }
    vec![
        make_tuple(ctx, &[am::INIT, am::START_EM, Term::small(1), NIL]),
        make_tuple(ctx, &[am::INIT, am::DO_BOOT, Term::small(3), NIL]),
    ]
}

/// Two distinct 16-byte aligned addresses that are never executed, used
/// as continuation addresses for `init:start_em/1` and `init:do_boot/3`
/// and registered with `loc` so that stack traces name them.
fn fake_cps() -> (usize, usize) {
    #[repr(C, align(16))]
    struct Fake([u8; 32]);
    static FAKE: Fake = Fake([0; 32]);
    static REG: OnceLock<(usize, usize)> = OnceLock::new();
    *REG.get_or_init(|| {
        let a = &FAKE as *const Fake as usize;
        let reg = |addr: usize, f: Term, arity: u32| {
            let id = loc::register(Loc {
                module: am::INIT,
                function: f,
                arity,
                file: u32::MAX,
                line: 0,
            });
            loc::register_cp(addr, id);
        };
        reg(a, am::START_EM, 1);
        reg(a + 16, am::DO_BOOT, 3);
        (a, a + 16)
    })
}

/// Forgets the boot state (tests).
#[cfg(test)]
pub fn reset() {
    BOOT_PID.store(NO_BOOT, Ordering::SeqCst);
    pending().lock().unwrap().clear();
}
