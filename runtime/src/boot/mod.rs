//! What erl's `init` does with `-s`, `-run` and `-eval` after booting.
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
//!
//! An `-eval` step is three calls in the same process, under a third
//! fake frame `{init,start_it,1,[]}`: `erl_scan:string/1`,
//! `erl_parse:parse_exprs/1` (a `{dot,1}` appended if the tokens lack
//! one) and `erl_eval:exprs/2`; `on_done` checks each result as
//! start_it's matches do and crashes with `{badmatch, Result}` if one
//! fails, which is what erl prints for a syntax error.

pub mod otp;
mod slogan;

use crate::code::loc::{self, Loc};
use crate::data::build::{list_from_slice, make_string, make_tuple};
use crate::heap::ctx::Ctx;
use crate::heap::process::{Process, DEFAULT_HEAP_WORDS};
use crate::proc::ptable::ProcRef;
use crate::sched::{Scheduler, WhenIdle};
use crate::term::atom::{self, am};
use crate::term::{Term, NIL};
use std::collections::VecDeque;
use std::io::Write;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Mutex, OnceLock};

/// One step of the boot sequence, in command-line order.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum BootStep {
    /// `-s` / `-run`.
    Call(BootCall),
    /// `-eval Expr`: scanned with `erl_scan:string/1`, parsed with
    /// `erl_parse:parse_exprs/1` and run by `erl_eval:exprs/2`, as
    /// `init:start_it/1` does (OTP's own code, on the JIT).
    Eval(String),
}

/// Where an `-eval` step is: the boot process runs its three calls one
/// after the other, and `on_done` checks each result the way start_it's
/// matches do.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Phase {
    Call,
    Scan,
    Parse,
    Eval,
}

fn phase() -> &'static Mutex<Phase> {
    static P: OnceLock<Mutex<Phase>> = OnceLock::new();
    P.get_or_init(|| Mutex::new(Phase::Call))
}

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

fn pending() -> &'static Mutex<VecDeque<BootStep>> {
    static P: OnceLock<Mutex<VecDeque<BootStep>>> = OnceLock::new();
    P.get_or_init(|| Mutex::new(VecDeque::new()))
}

/// Runs the VM: the boot calls in order, and everything they start, until
/// a halt; returns the exit status.
pub fn boot(steps: Vec<BootStep>) -> i32 {
    let mut s = Scheduler::new(0);
    start_steps(&mut s.ctx, with_kernel_services(steps));
    start_system_processes();
    let code = s.run(WhenIdle::Block).unwrap_or(0);
    let _ = std::io::stdout().flush();
    let _ = std::io::stderr().flush();
    code
}

/// The kernel services erl's boot starts before the `-s`/`-run`/`-eval`
/// steps that Girder's emulated init starts itself, as first steps of the
/// boot process: kernel's real `file_server` (registered `file_server_2`,
/// which `file:` calls go through; not linked, as the boot process ends
/// when its steps are done). erl starts it from kernel's supervisor; the
/// real init boot will.
fn with_kernel_services(steps: Vec<BootStep>) -> Vec<BootStep> {
    let mut all = vec![BootStep::Call(BootCall {
        module: "file_server".into(),
        function: "start".into(),
        args: BootArgs::None,
    })];
    all.extend(steps);
    all
}

/// The system processes erts starts before any Erlang code runs: the code
/// purger (preloaded `erts_code_purger`, which `erlang:purge_module/1`,
/// `code:purge/1` and the code server's purges go through). Created after
/// the boot process, which keeps the first pid, as erl's `init`.
fn start_system_processes() {
    let mut p = Process::new(crate::proc::ptable::new_pid(), DEFAULT_HEAP_WORDS);
    p.group_leader = crate::io::stdio::pid();
    crate::proc::spawn::push_word(&mut p, crate::code::hooks::get().done_addr as u64);
    let (m, f) = (atom::intern("erts_code_purger"), atom::intern("start"));
    crate::proc::spawn::setup_call(&mut p, m, f, Vec::new());
    if p.resume != 0 {
        crate::proc::spawn::publish(p);
    }
}

/// Creates the boot process for `calls` (nothing if there are none).
pub fn start(ctx: &mut Ctx, calls: Vec<BootCall>) {
    start_steps(ctx, calls.into_iter().map(BootStep::Call).collect());
}

/// Creates the boot process for `steps` (nothing if there are none).
pub fn start_steps(ctx: &mut Ctx, steps: Vec<BootStep>) {
    let mut steps: VecDeque<BootStep> = steps.into();
    let Some(first) = steps.pop_front() else {
        return;
    };
    *pending().lock().unwrap() = steps;
    let mut p = Process::new(crate::proc::ptable::new_pid(), DEFAULT_HEAP_WORDS);
    p.trap_exit = true;
    p.group_leader = crate::io::stdio::pid();
    static HOOK: std::sync::Once = std::sync::Once::new();
    HOOK.call_once(|| crate::proc::entity::add_exit_hook(&BootHook));
    BOOT_PID.store(p.pid.pid_number(), Ordering::SeqCst);
    prepare_step(ctx, &mut p, &first);
    crate::proc::spawn::publish(p);
}

/// Sets up `p` (not running) for `step`.
fn prepare_step(ctx: &mut Ctx, p: &mut Process, step: &BootStep) {
    match step {
        BootStep::Call(c) => {
            *phase().lock().unwrap() = Phase::Call;
            prepare(ctx, p, c);
        }
        BootStep::Eval(src) => {
            *phase().lock().unwrap() = Phase::Scan;
            let src = src.clone();
            prepare_term_call(ctx, p, "erl_scan", "string", NIL, move |ctx, _| {
                vec![make_string(ctx, &src)]
            });
        }
    }
}

/// Sets up `p` to call `m:f(args)` inside `init:start_it/1`'s frame;
/// `carry` is a term of `p` (the previous call's result) that `build`
/// receives after the stack is set up, safe from the GC meanwhile.
fn prepare_term_call(
    ctx: &mut Ctx,
    p: &mut Process,
    m: &str,
    f: &str,
    carry: Term,
    build: impl FnOnce(&mut Ctx, Term) -> Vec<Term>,
) {
    // `saved_x` is a GC root while the stack is rebuilt.
    p.saved_x = vec![carry];
    p.sp = p.stack_top();
    let (start_em, do_boot, start_it) = fake_cps();
    crate::proc::spawn::push_word(p, do_boot as u64);
    crate::proc::spawn::push_word(p, start_em as u64);
    crate::proc::spawn::push_word(p, start_it as u64);
    crate::proc::spawn::push_word(p, crate::code::hooks::get().done_addr as u64);
    let carry = p.saved_x[0];
    let saved = (ctx.proc_, ctx.hp, ctx.sp);
    ctx.proc_ = p as *mut Process;
    ctx.hp = p.hp;
    ctx.sp = p.sp;
    let args = build(ctx, carry);
    p.hp = ctx.hp;
    (ctx.proc_, ctx.hp, ctx.sp) = saved;
    crate::proc::spawn::setup_call(p, atom::intern(m), atom::intern(f), args);
}

pub fn is_boot(pid: Term) -> bool {
    BOOT_PID.load(Ordering::SeqCst) == pid.pid_number()
}

/// Sets up `p` (not running) for `call`: a fresh stack with the fake init
/// frames and the DONE continuation, the arguments built in its heap.
fn prepare(ctx: &mut Ctx, p: &mut Process, call: &BootCall) {
    p.saved_x.clear();
    p.sp = p.stack_top();
    let (start_em, do_boot, _) = fake_cps();
    crate::proc::spawn::push_word(p, do_boot as u64);
    crate::proc::spawn::push_word(p, start_em as u64);
    crate::proc::spawn::push_word(p, crate::code::hooks::get().done_addr as u64);
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
    crate::proc::spawn::setup_call(p, m, f, args);
}

/// The boot process returned from a call: sets up the next one and
/// returns true, or returns false when there is none (or `r` is not the
/// boot process). The context is bound to `r`.
pub fn on_done(ctx: &mut Ctx, r: &ProcRef) -> bool {
    if !is_boot(r.pid()) {
        return false;
    }
    // SAFETY: the calling scheduler owns the process; its hp/sp were
    // saved from the context when the slice ended.
    let p = unsafe { &mut *r.ptr() };
    let result = ctx.x[0];
    let ph = *phase().lock().unwrap();
    match ph {
        Phase::Call => {}
        Phase::Scan => {
            // {ok, Ts, _} = erl_scan:string(Str)
            let Some(ts) = tuple_match(result, am::OK, 3).map(|e| e[1]) else {
                return eval_badmatch(ctx, result);
            };
            *phase().lock().unwrap() = Phase::Parse;
            prepare_term_call(ctx, p, "erl_parse", "parse_exprs", ts, |ctx, ts| {
                vec![with_dot(ctx, ts)]
            });
            return true;
        }
        Phase::Parse => {
            // {ok, Expr} = erl_parse:parse_exprs(Ts1)
            let Some(exprs) = tuple_match(result, am::OK, 2).map(|e| e[1]) else {
                return eval_badmatch(ctx, result);
            };
            *phase().lock().unwrap() = Phase::Eval;
            prepare_term_call(ctx, p, "erl_eval", "exprs", exprs, |_, e| vec![e, NIL]);
            return true;
        }
        Phase::Eval => {
            // {value, _Value, _Bs} = erl_eval:exprs(Expr, Bindings)
            if tuple_match(result, atom::intern("value"), 3).is_none() {
                return eval_badmatch(ctx, result);
            }
        }
    }
    let next = pending().lock().unwrap().pop_front();
    match next {
        Some(step) => {
            prepare_step(ctx, p, &step);
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

/// How the scheduler and the exit path reach the boot process's steps.
struct BootHook;

impl crate::proc::entity::ExitHook for BootHook {
    fn on_done(&self, ctx: &mut Ctx, r: &ProcRef) -> bool {
        on_done(ctx, r)
    }
    fn on_exit(&self, ctx: &mut Ctx, pid: Term, reason: Term) -> bool {
        on_exit(ctx, pid, reason)
    }
    fn init_frames(&self, ctx: &mut Ctx, pid: Term, out: &mut Vec<Term>) {
        out.extend(init_frames(ctx, pid));
    }
}

/// The elements of `t` if it is a tuple of `arity` tagged `tag`.
fn tuple_match(t: Term, tag: Term, arity: usize) -> Option<Vec<Term>> {
    // SAFETY: element reads guarded by the tuple arity.
    unsafe {
        if !t.is_tuple() || t.tuple_arity() != arity || t.tuple_elem(0) != tag {
            return None;
        }
        Some((0..arity).map(|i| t.tuple_elem(i)).collect())
    }
}

/// The tokens with `{dot, 1}` appended unless they end with a dot.
fn with_dot(ctx: &mut Ctx, ts: Term) -> Term {
    let Some(v) = crate::data::build::list_to_vec(ts) else {
        return ts;
    };
    let ends_with_dot = v
        .last()
        .is_some_and(|&t| t.is_tuple() && unsafe { t.tuple_elem(0) } == atom::intern("dot"));
    if ends_with_dot {
        return ts;
    }
    let dot = make_tuple(ctx, &[atom::intern("dot"), Term::small(1)]);
    let mut v = v;
    v.push(dot);
    list_from_slice(ctx, &v)
}

/// A failed match in `init:start_it/1`: the boot crashes with
/// `{{badmatch, Result}, [start_it, start_em, do_boot frames]}`.
fn eval_badmatch(ctx: &mut Ctx, result: Term) -> bool {
    BOOT_PID.store(NO_BOOT, Ordering::SeqCst);
    pending().lock().unwrap().clear();
    let bm = make_tuple(ctx, &[am::BADMATCH, result]);
    let frames = [
        make_tuple(
            ctx,
            &[am::INIT, atom::intern("start_it"), Term::small(1), NIL],
        ),
        make_tuple(ctx, &[am::INIT, am::START_EM, Term::small(1), NIL]),
        make_tuple(ctx, &[am::INIT, am::DO_BOOT, Term::small(3), NIL]),
    ];
    let trace = list_from_slice(ctx, &frames);
    let reason = make_tuple(ctx, &[bm, trace]);
    crash(ctx, reason);
    false
}

/// Prints erl's do_boot crash and requests a halt with status 1.
fn crash(ctx: &mut Ctx, reason: Term) {
    let s = make_string(ctx, "init terminating in do_boot");
    let t = make_tuple(ctx, &[s, reason]);
    let mut out = crate::data::display::display_bytes(t);
    out.extend_from_slice(b"\r\n");
    {
        let mut o = std::io::stdout().lock();
        let _ = o.write_all(&out);
        let _ = o.flush();
    }
    let slogan = slogan::do_boot(reason);
    // As erl's init, which calls `erlang:halt(Slogan)`: the slogan on
    // stderr and a crash dump.
    match SLOGAN_WRITER.get() {
        Some(write) => write(&slogan),
        None => {
            let mut e = std::io::stderr().lock();
            let _ = write!(e, "{slogan}\r\n");
            let _ = e.flush();
        }
    }
    crate::proc::runq::request_halt(1);
}

/// What a fatal slogan does (the `bif` layer's crash dump writer).
static SLOGAN_WRITER: std::sync::OnceLock<fn(&str)> = std::sync::OnceLock::new();

/// Registers what `crash` calls with the slogan (once, at start-up).
pub fn set_slogan_writer(f: fn(&str)) {
    let _ = SLOGAN_WRITER.set(f);
}

/// The frames below a boot call, for stack traces built without walking
/// the stack (e.g. `undef` at start): empty for other processes.
pub fn init_frames(ctx: &mut Ctx, pid: Term) -> Vec<Term> {
    if !is_boot(pid) {
        return Vec::new();
    }
    let mut v = Vec::new();
    if *phase().lock().unwrap() != Phase::Call {
        v.push(make_tuple(
            ctx,
            &[am::INIT, atom::intern("start_it"), Term::small(1), NIL],
        ));
    }
    v.extend([
        make_tuple(ctx, &[am::INIT, am::START_EM, Term::small(1), NIL]),
        make_tuple(ctx, &[am::INIT, am::DO_BOOT, Term::small(3), NIL]),
    ]);
    v
}

/// Three distinct 16-byte aligned addresses that are never executed, used
/// as continuation addresses for `init:start_em/1`, `init:do_boot/3` and
/// `init:start_it/1` (below `-eval` steps)
/// and registered with `loc` so that stack traces name them.
fn fake_cps() -> (usize, usize, usize) {
    #[repr(C, align(16))]
    struct Fake([u8; 48]);
    static FAKE: Fake = Fake([0; 48]);
    static REG: OnceLock<(usize, usize, usize)> = OnceLock::new();
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
        reg(a + 32, atom::intern("start_it"), 1);
        (a, a + 16, a + 32)
    })
}

/// Forgets the boot state (tests).
#[cfg(test)]
pub fn reset() {
    BOOT_PID.store(NO_BOOT, Ordering::SeqCst);
    pending().lock().unwrap().clear();
}
