//! Scheduler tests without a JIT: the `enter` hook treats a resume address
//! as a Rust function `fn(&mut Ctx) -> i64` playing generated code.

use super::*;
use crate::abi::recv;
use crate::data::build::list_from_slice;
use crate::heap::process::DEFAULT_HEAP_WORDS;
use crate::proc::spawn::{self, Start};
use crate::term::atom::intern;
use crate::testutil::TestProc;
use std::sync::{Mutex, MutexGuard};

type Prog = fn(&mut Ctx) -> i64;

const FAKE_DONE: usize = 0x10_0000;
const FAKE_EXIT: usize = 0x10_0010;

unsafe extern "C" fn test_enter(
    ctx: *mut Ctx,
    addr: usize,
    sp: *mut u64,
    hp: *mut u64,
    reds: i64,
) -> i64 {
    let ctx = &mut *ctx;
    ctx.sp = sp;
    ctx.hp = hp;
    ctx.reds = reds;
    if addr == FAKE_DONE {
        return status::DONE;
    }
    let f: Prog = std::mem::transmute::<usize, Prog>(addr);
    f(ctx)
}

fn no_load(_m: Term) -> Result<(), crate::code::hooks::LoadFailure> {
    Err(crate::code::hooks::LoadFailure::NoFile)
}

/// Serialises tests that use the global scheduler state and resets it.
pub fn serial() -> MutexGuard<'static, ()> {
    static M: Mutex<()> = Mutex::new(());
    let g = M.lock().unwrap_or_else(|e| e.into_inner());
    crate::bif::install();
    crate::code::hooks::install(crate::code::hooks::Hooks {
        enter: test_enter,
        load_module: no_load,
        done_addr: FAKE_DONE,
        exit_addr: FAKE_EXIT,
    });
    reset();
    ptable::clear();
    timer::clear();
    LOG.lock().unwrap().clear();
    g
}

static LOG: Mutex<Vec<(u64, String)>> = Mutex::new(Vec::new());

fn log(ctx: &mut Ctx, what: String) {
    // SAFETY: a process is scheduled.
    let pid = unsafe { ctx.process().pid.pid_number() };
    LOG.lock().unwrap().push((pid, what));
}

fn log_of(pid: Term) -> Vec<String> {
    LOG.lock()
        .unwrap()
        .iter()
        .filter(|(p, _)| *p == pid.pid_number())
        .map(|(_, s)| s.clone())
        .collect()
}

/// An export of the test module pointing at `f`.
fn export(name: &str, arity: u32, f: Prog) -> Term {
    let n = intern(name);
    crate::code::export::get_or_create(intern("sched_test"), n, arity).set_address(f as usize);
    n
}

fn spawn_prog(name: &str, f: Prog, args: &[Term]) -> Term {
    let fname = export(name, args.len() as u32, f);
    let mut tp = TestProc::new();
    let l = list_from_slice(tp.ctx(), args);
    spawn::spawn(Start::Mfa(intern("sched_test"), fname, l), None)
}

fn run_all() -> Option<i32> {
    Scheduler::new(0).run(WhenIdle::Return)
}

// ---- programs ----

/// x0 counts up to x1, yielding after each step.
fn prog_count(ctx: &mut Ctx) -> i64 {
    let (n, lim) = (ctx.x[0].small_value(), ctx.x[1].small_value());
    if n >= lim {
        return status::DONE;
    }
    log(ctx, format!("{n}"));
    ctx.x[0] = Term::small(n + 1);
    ctx.reds = 0;
    ctx.live = 2;
    ctx.resume = prog_count as *const () as usize;
    status::YIELD
}

/// Receives one message (any), logs it.
fn prog_recv(ctx: &mut Ctx) -> i64 {
    // SAFETY: the context is bound to a process.
    unsafe {
        let m = recv::rt_recv_peek(ctx);
        if m.is_non_value() {
            ctx.live = 0;
            ctx.resume = prog_recv as *const () as usize;
            return status::WAIT;
        }
        recv::rt_recv_remove(ctx);
        log(ctx, crate::data::display::display_string(m));
    }
    status::DONE
}

/// `receive M -> log(M) after x0 -> log(timeout) end`.
fn prog_recv_after(ctx: &mut Ctx) -> i64 {
    // SAFETY: the context is bound to a process.
    unsafe {
        let m = recv::rt_recv_peek(ctx);
        if !m.is_non_value() {
            recv::rt_recv_remove(ctx);
            log(ctx, crate::data::display::display_string(m));
            return status::DONE;
        }
        match recv::rt_recv_wait_timeout(ctx, ctx.x[0]) {
            0 => {
                ctx.live = 1;
                ctx.resume = prog_recv_after as *const () as usize;
                status::WAIT
            }
            1 => {
                recv::rt_recv_timeout(ctx);
                log(ctx, "timeout".into());
                status::DONE
            }
            _ => status::EXIT,
        }
    }
}

fn prog_crash(ctx: &mut Ctx) -> i64 {
    ctx.error(am::BADARG);
    ctx.exc_trace = NIL;
    status::EXIT
}

fn prog_send_to_x0(ctx: &mut Ctx) -> i64 {
    let to = ctx.x[0];
    let r = recv::send(ctx, to, am::OK);
    log(ctx, format!("{}", !r.is_non_value()));
    status::DONE
}

fn prog_spin(ctx: &mut Ctx) -> i64 {
    ctx.reds = 0;
    ctx.live = 0;
    ctx.resume = prog_spin as *const () as usize;
    status::YIELD
}

// ---- tests ----

#[test]
fn round_robin_and_reductions() {
    let _g = serial();
    let before = super::TOTAL_REDUCTIONS.load(Ordering::Relaxed);
    let a = spawn_prog("count", prog_count, &[Term::small(0), Term::small(3)]);
    let b = spawn_prog("count", prog_count, &[Term::small(10), Term::small(12)]);
    assert_eq!(ptable::count(), 2);
    assert_eq!(run_all(), None);
    assert_eq!(log_of(a), vec!["0", "1", "2"]);
    assert_eq!(log_of(b), vec!["10", "11"]);
    // interleaved: a0 b10 a1 b11 a2
    let order: Vec<u64> = LOG.lock().unwrap().iter().map(|e| e.0).collect();
    let (a, b) = (a.pid_number(), b.pid_number());
    assert_eq!(order, vec![a, b, a, b, a]);
    assert_eq!(ptable::count(), 0, "exited processes leave the table");
    let after = super::TOTAL_REDUCTIONS.load(Ordering::Relaxed);
    assert!(after - before >= 5 * CONTEXT_REDS as u64);
}

#[test]
fn messages_wake_waiting_processes() {
    let _g = serial();
    let r = spawn_prog("recv", prog_recv, &[]);
    assert_eq!(run_all(), None, "waits forever without a message");
    let cell = ptable::lookup(r).unwrap();
    assert_eq!(cell.state().load(Ordering::SeqCst), pstate::WAITING);
    // a sender process
    spawn_prog("send", prog_send_to_x0, &[r]);
    assert_eq!(run_all(), None);
    assert_eq!(log_of(r), vec!["ok"]);
    assert!(ptable::lookup(r).is_none());
}

#[test]
fn send_errors_and_registered_names() {
    let _g = serial();
    let mut tp = TestProc::new();
    let ctx = tp.ctx();
    assert!(recv::send(ctx, intern("no_such_name_xyz"), am::OK).is_non_value());
    assert_eq!(ctx.exc_reason, am::BADARG);
    assert!(recv::send(ctx, Term::small(1), am::OK).is_non_value());
    // dead pid and {Name, Node}: silently dropped
    assert_eq!(recv::send(ctx, Term::pid(999_999), am::OK), am::OK);
    let t = crate::data::build::make_tuple(ctx, &[intern("nobody"), am::NONODE]);
    assert_eq!(recv::send(ctx, t, am::OK), am::OK);
    // to a registered name
    let r = spawn_prog("recv", prog_recv, &[]);
    assert!(ptable::register(intern("sched_test_srv"), r));
    let ctx = tp.ctx();
    let v = crate::data::build::make_tuple(ctx, &[Term::small(1), NIL]);
    assert_eq!(recv::send(ctx, intern("sched_test_srv"), v), v);
    assert_eq!(run_all(), None);
    assert_eq!(log_of(r), vec!["{1,[]}"]);
    assert_eq!(
        ptable::whereis(intern("sched_test_srv")),
        None,
        "name goes on exit"
    );
}

#[test]
fn receive_after_times_out_or_gets_the_message() {
    let _g = serial();
    let t0 = timer::now_ns();
    let a = spawn_prog("after", prog_recv_after, &[Term::small(30)]);
    let b = spawn_prog("after", prog_recv_after, &[Term::small(0)]);
    let c = spawn_prog("after", prog_recv_after, &[am::INFINITY]);
    let d = spawn_prog("after", prog_recv_after, &[intern("bad")]);
    let e = spawn_prog("after", prog_recv_after, &[Term::small(5000)]);
    spawn_prog("send", prog_send_to_x0, &[e]);
    assert_eq!(run_all(), None);
    assert!(timer::now_ns() - t0 >= 30_000_000);
    assert_eq!(log_of(a), vec!["timeout"]);
    assert_eq!(log_of(b), vec!["timeout"]);
    assert!(log_of(c).is_empty() && ptable::lookup(c).is_some());
    assert!(
        log_of(d).is_empty() && ptable::lookup(d).is_none(),
        "timeout_value kills"
    );
    assert_eq!(log_of(e), vec!["ok"]);
    assert_eq!(timer::pending(), 0, "the 5 s timer was cancelled");
}

#[test]
fn links_propagate_exits() {
    let _g = serial();
    let recv_f = export("recv", 0, prog_recv);
    let crash_f = export("crash", 0, prog_crash);
    let m = intern("sched_test");
    let mk = |f: Term, trap: bool| {
        let mut p = Process::new(ptable::new_pid(), DEFAULT_HEAP_WORDS);
        spawn::push_word(&mut p, FAKE_DONE as u64);
        spawn::setup_call(&mut p, m, f, vec![]);
        p.trap_exit = trap;
        p
    };
    // victim <-> crasher, trapper <-> crasher
    let mut victim = mk(recv_f, false);
    let mut trapper = mk(recv_f, true);
    let mut crasher = mk(crash_f, false);
    victim.links.push(crasher.pid);
    trapper.links.push(crasher.pid);
    crasher.links.push(victim.pid);
    crasher.links.push(trapper.pid);
    let (v, t, c) = (victim.pid, trapper.pid, crasher.pid);
    spawn::publish(victim);
    spawn::publish(trapper);
    spawn::publish(crasher);
    assert_eq!(run_all(), None);
    assert!(ptable::lookup(c).is_none());
    assert!(
        ptable::lookup(v).is_none(),
        "the victim died with the crasher"
    );
    assert!(log_of(v).is_empty());
    let got = log_of(t);
    assert_eq!(got.len(), 1);
    let want = format!("{{'EXIT',<0.{}.0>,{{badarg,[]}}}}", c.pid_number());
    assert_eq!(got[0], want);
}

#[test]
fn undefined_initial_call() {
    let _g = serial();
    let mut tp = TestProc::new();
    let args = list_from_slice(tp.ctx(), &[Term::small(1)]);
    let pid = spawn::spawn(Start::Mfa(intern("no_such_mod_q"), intern("f"), args), None);
    // SAFETY: not running yet; this test owns the scheduler.
    let p = ptable::lookup(pid).unwrap();
    assert_eq!(
        unsafe { (*p.ptr()).start_error },
        crate::heap::process::StartError::Undef
    );
    drop(p);
    assert_eq!(run_all(), None);
    assert!(ptable::lookup(pid).is_none());
}

#[test]
fn halt_wins_over_runnable_processes() {
    let _g = serial();
    // an immediate halt wins over everything
    spawn_prog("spin", prog_spin, &[]);
    request_halt(3);
    assert_eq!(run_all(), Some(3));
}
