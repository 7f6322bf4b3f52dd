//! Process BIFs: `self/0`, `spawn/1,3`, `spawn_link/1,3`, `link/1`,
//! `unlink/1`, `exit/2`, `process_flag/2`, `register/2`, `unregister/1`,
//! `whereis/1`, `registered/0`, `is_process_alive/1`, `send/2`, `'!'/2`,
//! `yield/0`, `group_leader/0,2`, `processes/0` and `process_info/2`.
//!
//! Reading or changing another process's fields (`process_info/2`,
//! `group_leader/2`) is done directly: with one scheduler the other
//! process is never running at the same time. These become signals when
//! there are several schedulers.

use super::{bif, flag, guard_bif, BifDef};
use crate::data::build::{list_from_slice, list_length, list_to_vec, make_tuple};
use crate::heap::ctx::Ctx;
use crate::heap::process::{pstate, Message, Process, Signal};
use crate::proc::ptable::{self, ProcRef};
use crate::proc::signal;
use crate::proc::spawn::{self, Start};
use crate::term::atom::{self, am};
use crate::term::*;
use std::sync::atomic::Ordering;

pub const BIFS: &[BifDef] = &[
    guard_bif!("erlang", "self", 0, self_0),
    bif!("erts_internal", "is_system_process", 1, is_system_process_1),
    bif!("erlang", "spawn", 1, spawn_1),
    bif!("erlang", "spawn", 3, spawn_3),
    bif!("erlang", "spawn_link", 1, spawn_link_1),
    bif!("erlang", "spawn_link", 3, spawn_link_3),
    bif!("erlang", "link", 1, link_1),
    bif!("erlang", "unlink", 1, unlink_1),
    bif!("erlang", "exit", 2, exit_2),
    bif!("erlang", "process_flag", 2, process_flag_2),
    bif!("erlang", "register", 2, register_2),
    bif!("erlang", "unregister", 1, unregister_1),
    bif!("erlang", "whereis", 1, whereis_1),
    bif!("erlang", "registered", 0, registered_0),
    bif!("erlang", "is_process_alive", 1, is_process_alive_1),
    bif!("erlang", "send", 2, send_2),
    bif!("erlang", "!", 2, send_2),
    // The call site's location names the function that yields in
    // `running` trace events (BEAM's `i_yield` leaves from the caller).
    bif!("erlang", "yield", 0, yield_0, super::flag::LOCATION)
        .with_full(super::native!(yield_full_0, 0)),
    bif!("erlang", "group_leader", 0, group_leader_0),
    bif!("erlang", "group_leader", 2, group_leader_2),
    bif!("erlang", "processes", 0, processes_0),
    bif!("erlang", "process_info", 1, process_info_1),
    // current_stacktrace starts at the call site: needs its location.
    bif!("erlang", "process_info", 2, process_info_2, flag::LOCATION),
];

/// The running process.
fn me(ctx: &mut Ctx) -> &mut Process {
    // SAFETY: BIFs run with a process scheduled on the context.
    unsafe { ctx.process() }
}

fn self_0(ctx: &mut Ctx, _args: &[Term; 0]) -> Term {
    me(ctx).pid
}

fn do_spawn(ctx: &mut Ctx, start: Start, link: bool) -> Term {
    let (gl, me_pid) = (me(ctx).group_leader, me(ctx).pid);
    let parent = if link { Some(me(ctx)) } else { None };
    let pid = spawn::spawn_child(start, parent, gl, me_pid);
    if me(ctx).seq.token.is_some() {
        let opts = if link {
            list_from_slice(ctx, &[atom::intern("link")])
        } else {
            NIL
        };
        crate::proc::seq_trace::after_spawn(ctx, pid, start, opts);
    }
    if me(ctx)
        .trace_flags
        .load(std::sync::atomic::Ordering::Relaxed)
        != 0
    {
        super::trace::after_spawn(ctx, pid, start, link);
    }
    pid
}

/// Whether the process table is full (BEAM's process limit): then erts'
/// "Too many processes" error report goes to the logger and the spawn
/// fails (`system_limit`, or a spawn request's error reply).
pub(crate) fn at_process_limit(ctx: &mut Ctx) -> bool {
    if !ptable::at_limit() {
        return false;
    }
    crate::proc::syslog::error_text(ctx, "Too many processes\n");
    true
}

fn spawn_fun(ctx: &mut Ctx, args: &[Term; 1], link: bool) -> Term {
    let f = args[0];
    if !f.is_fun() {
        return ctx.badarg();
    }
    if at_process_limit(ctx) {
        return ctx.error(am::SYSTEM_LIMIT);
    }
    do_spawn(ctx, Start::Fun(f), link)
}

fn spawn_mfa(ctx: &mut Ctx, args: &[Term; 3], link: bool) -> Term {
    let (m, f, a) = (args[0], args[1], args[2]);
    if !m.is_atom() || !f.is_atom() || list_length(a).is_none() {
        return ctx.badarg();
    }
    if at_process_limit(ctx) {
        return ctx.error(am::SYSTEM_LIMIT);
    }
    do_spawn(ctx, Start::Mfa(m, f, a), link)
}

fn spawn_1(ctx: &mut Ctx, args: &[Term; 1]) -> Term {
    spawn_fun(ctx, args, false)
}
fn spawn_3(ctx: &mut Ctx, args: &[Term; 3]) -> Term {
    spawn_mfa(ctx, args, false)
}
fn spawn_link_1(ctx: &mut Ctx, args: &[Term; 1]) -> Term {
    spawn_fun(ctx, args, true)
}
fn spawn_link_3(ctx: &mut Ctx, args: &[Term; 3]) -> Term {
    spawn_mfa(ctx, args, true)
}

/// Puts a message straight into the running process's own inbox.
fn self_message(ctx: &mut Ctx, t: Term) {
    let msg: Message = crate::gc::copy::copy_to_message(t);
    me(ctx).inbox.lock().unwrap().push_back(msg);
}

/// `link(Port)`: both sides at once. A port that is gone gives the
/// caller `{'EXIT', Port, noproc}` as a message, as erl does.
fn link_port(ctx: &mut Ctx, port: Term) -> Term {
    let p = me(ctx);
    let self_pid = p.pid;
    if p.links.contains(&port) {
        return am::TRUE;
    }
    let e = crate::proc::entity::lookup(port);
    if e.is_some_and(|e| e.link(port, self_pid)) {
        me(ctx).links.push(port);
    } else {
        let t = make_tuple(ctx, &[am::EXIT_UPPER, port, am::NOPROC]);
        self_message(ctx, t);
    }
    am::TRUE
}

fn link_1(ctx: &mut Ctx, args: &[Term; 1]) -> Term {
    let pid = args[0];
    if pid.is_port() {
        return link_port(ctx, pid);
    }
    if !pid.is_pid() {
        return ctx.badarg();
    }
    let p = me(ctx);
    let self_pid = p.pid;
    if pid == self_pid || p.links.contains(&pid) {
        return am::TRUE;
    }
    match ptable::lookup(pid).filter(|r| r.is_alive()) {
        Some(r) => {
            p.links.push(pid);
            signal::deliver_signal(&r, Signal::Link(self_pid));
            super::trace::linked(p, &r, true);
            am::TRUE
        }
        None if p.trap_exit => {
            let t = make_tuple(ctx, &[am::EXIT_UPPER, pid, am::NOPROC]);
            self_message(ctx, t);
            am::TRUE
        }
        None => ctx.error(am::NOPROC),
    }
}

fn unlink_1(ctx: &mut Ctx, args: &[Term; 1]) -> Term {
    let pid = args[0];
    if pid.is_port() {
        let self_pid = me(ctx).pid;
        me(ctx).links.retain(|&l| l != pid);
        if let Some(e) = crate::proc::entity::lookup(pid) {
            e.unlink(pid, self_pid);
        }
        return am::TRUE;
    }
    if !pid.is_pid() {
        return ctx.badarg();
    }
    let p = me(ctx);
    let self_pid = p.pid;
    let was = p.links.contains(&pid);
    p.links.retain(|&l| l != pid);
    if was {
        if let Some(r) = ptable::lookup(pid) {
            signal::deliver_signal(&r, Signal::Unlink(self_pid));
            super::trace::linked(p, &r, false);
        }
    }
    am::TRUE
}

/// `exit(Pid, Reason)`. To another process: an exit signal. To itself:
/// acted on at once, as in BEAM: `kill` (or any reason but a trapped one)
/// ends the process with an exception the unwinder must not let a catch
/// take (`Process::uncatchable`); a trapped reason becomes a message.
fn exit_2(ctx: &mut Ctx, args: &[Term; 2]) -> Term {
    let (pid, reason) = (args[0], args[1]);
    if pid.is_port() {
        let self_pid = me(ctx).pid;
        if let Some(e) = crate::proc::entity::lookup(pid) {
            e.exit_signal(ctx, pid, self_pid, reason, false);
        }
        return am::TRUE;
    }
    if !pid.is_pid() {
        return ctx.badarg();
    }
    let p = me(ctx);
    let self_pid = p.pid;
    if pid == self_pid {
        if reason != am::KILL && p.trap_exit {
            let t = make_tuple(ctx, &[am::EXIT_UPPER, self_pid, reason]);
            self_message(ctx, t);
            return am::TRUE;
        }
        p.uncatchable = true;
        let r = if reason == am::KILL {
            am::KILLED
        } else {
            reason
        };
        return ctx.raise(am::EXIT, r);
    }
    if let Some(r) = ptable::lookup(pid) {
        signal::send_exit(ctx, &r, self_pid, reason, false);
    }
    am::TRUE
}

fn process_flag_2(ctx: &mut Ctx, args: &[Term; 2]) -> Term {
    let (flag, v) = (args[0], args[1]);
    if flag == am::TRAP_EXIT {
        if v != am::TRUE && v != am::FALSE {
            return ctx.badarg();
        }
        let p = me(ctx);
        let old = Term::boolean(p.trap_exit);
        p.trap_exit = v == am::TRUE;
        return old;
    }
    if flag == atom::intern("monitor_nodes") {
        return super::node_mon::set(ctx, NIL, v);
    }
    // SAFETY: element reads guarded by the tuple arity.
    if flag.is_tuple()
        && unsafe { flag.tuple_arity() == 2 && flag.tuple_elem(0) == atom::intern("monitor_nodes") }
    {
        return super::node_mon::set(ctx, unsafe { flag.tuple_elem(1) }, v);
    }
    if !flag.is_atom() {
        return ctx.badarg();
    }
    if let Some(old) = super::proc_flags::set(ctx, flag, v) {
        return old;
    }
    // Accepted, answering with the old value: `save_calls` is ignored;
    // `min_heap_size`,
    // `min_bin_vheap_size` and `fullsweep_after` steer the GC;
    // `max_heap_size`: `max_heap.rs`.
    match atom::name(flag) {
        "min_heap_size" if v.is_small() && v.small_value() >= 0 => {
            let p = me(ctx);
            let old = p.min_heap;
            p.min_heap = crate::gc::next_heap_size(v.small_value() as usize);
            Term::small(old as i64)
        }
        "min_bin_vheap_size" if v.is_small() && v.small_value() >= 0 => {
            let p = me(ctx);
            let old = p.min_bin_vheap;
            p.min_bin_vheap = crate::gc::min_bin_vheap_for(v.small_value() as usize);
            Term::small(old as i64)
        }
        "save_calls" => {
            super::process_flag3::save_calls(me(ctx), v).unwrap_or_else(|| ctx.badarg())
        }
        "scheduler" => super::sched_flags::process_flag_scheduler(ctx, v),
        "fullsweep_after" if v.is_small() && v.small_value() >= 0 => {
            let p = me(ctx);
            let old = p.fullsweep_after;
            p.fullsweep_after = v.small_value().min(u32::MAX as i64) as u32;
            Term::small(old as i64)
        }
        "max_heap_size" => crate::proc::max_heap::process_flag(ctx, v),
        _ => ctx.badarg(),
    }
}

fn register_2(ctx: &mut Ctx, args: &[Term; 2]) -> Term {
    let (name, pid) = (args[0], args[1]);
    let ok = if pid.is_port() {
        crate::io::port::is_alive(pid) && ptable::register_entity(name, pid)
    } else {
        ptable::register(name, pid)
    };
    if ok {
        crate::proc::tracing::registered(pid, name, true);
        am::TRUE
    } else {
        ctx.badarg()
    }
}

fn unregister_1(ctx: &mut Ctx, args: &[Term; 1]) -> Term {
    let name = args[0];
    let pid = if name.is_atom() {
        ptable::whereis(name)
    } else {
        None
    };
    if name.is_atom() && ptable::unregister(name) {
        if let Some(pid) = pid {
            crate::proc::tracing::registered(pid, name, false);
        }
        am::TRUE
    } else {
        ctx.badarg()
    }
}

fn whereis_1(ctx: &mut Ctx, args: &[Term; 1]) -> Term {
    let name = args[0];
    if !name.is_atom() {
        return ctx.badarg();
    }
    ptable::whereis(name).unwrap_or(am::UNDEFINED)
}

fn registered_0(ctx: &mut Ctx, _args: &[Term; 0]) -> Term {
    let names = ptable::registered();
    list_from_slice(ctx, &names)
}

fn is_process_alive_1(ctx: &mut Ctx, args: &[Term; 1]) -> Term {
    let pid = args[0];
    if !pid.is_pid() {
        return ctx.badarg();
    }
    if pid == me(ctx).pid {
        return am::TRUE;
    }
    let prio = me(ctx).pflags.priority;
    Term::boolean(ptable::lookup(pid).is_some_and(|r| r.is_alive() && !doomed_elevating(&r, prio)))
}

/// `signal::doomed`, for a request from a process of priority `prio`: a
/// doomed target of lower priority then handles its signals (and ends) at
/// `prio`, as BEAM elevates the signal handling of a process that a
/// higher-priority requester waits on; otherwise busier processes of
/// higher priority could keep it from ever ending.
fn doomed_elevating(r: &ProcRef, prio: u8) -> bool {
    let doomed = signal::doomed(r);
    if doomed {
        crate::proc::runq::elevate(r, prio);
    }
    doomed
}

/// Whether `pid` is one of the processes erts starts itself (the code
/// purger, the literal area collector, the dirty signal handlers, which
/// only the OTP boot starts) or `spawn_system_process/3` made.
fn is_system_process_1(ctx: &mut Ctx, args: &[Term; 1]) -> Term {
    if !args[0].is_pid() {
        return ctx.badarg();
    }
    Term::boolean(super::sysproc::is_system(args[0]))
}

fn send_2(ctx: &mut Ctx, args: &[Term; 2]) -> Term {
    let (to, msg) = (args[0], args[1]);
    crate::abi::recv::send(ctx, to, msg)
}

/// Real yielding happens at the next reduction check.
/// `erlang:yield/0`: the other runnable processes run before the caller
/// continues (with `true`).
fn yield_0(ctx: &mut Ctx, _args: &[Term; 0]) -> Term {
    ctx.trace_loc = ctx.exc_loc & !crate::abi::error::LOC_TAIL;
    super::trap::yield_virtual(ctx, am::TRUE)
}

/// Where the caller cannot follow a trap, yielding is a no-op.
fn yield_full_0(_ctx: &mut Ctx, _args: &[Term; 0]) -> Term {
    am::TRUE
}

fn group_leader_0(ctx: &mut Ctx, _args: &[Term; 0]) -> Term {
    me(ctx).group_leader
}

fn group_leader_2(ctx: &mut Ctx, args: &[Term; 2]) -> Term {
    let (gl, pid) = (args[0], args[1]);
    if !gl.is_pid() || !pid.is_pid() {
        return ctx.badarg();
    }
    if pid == me(ctx).pid {
        me(ctx).group_leader = gl;
        return am::TRUE;
    }
    // A target whose pending signals end it (`exit(P, bang)` just before)
    // is gone by the time it would handle this one: `badarg`, as in BEAM.
    let prio = me(ctx).pflags.priority;
    match ptable::lookup(pid).filter(|r| r.is_alive() && !doomed_elevating(r, prio)) {
        Some(r) => {
            // SAFETY: with one scheduler the target is not running (see
            // the module comment).
            unsafe { (*r.ptr()).group_leader = gl };
            am::TRUE
        }
        None => ctx.badarg(),
    }
}

fn processes_0(ctx: &mut Ctx, _args: &[Term; 0]) -> Term {
    let pids = ptable::all_pids();
    list_from_slice(ctx, &pids)
}

/// `process_info(Pid, Item | [Item])`; `undefined` for a dead process.
/// The items `process_info/1` lists, in BEAM's order (`registered_name`
/// comes first when the process has a name).
const INFO1_ITEMS: &[&str] = &[
    "current_function",
    "initial_call",
    "status",
    "message_queue_len",
    "links",
    "dictionary",
    "trap_exit",
    "error_handler",
    "priority",
    "group_leader",
    "total_heap_size",
    "heap_size",
    "stack_size",
    "reductions",
    "garbage_collection",
    "suspending",
];

fn process_info_1(ctx: &mut Ctx, args: &[Term; 1]) -> Term {
    let pid = args[0];
    if !pid.is_pid() {
        return ctx.badarg();
    }
    let mut items: Vec<Term> = Vec::with_capacity(INFO1_ITEMS.len() + 1);
    if ptable::name_of(pid).is_some() {
        items.push(atom::intern("registered_name"));
    }
    items.extend(INFO1_ITEMS.iter().map(|i| atom::intern(i)));
    let l = list_from_slice(ctx, &items);
    process_info(ctx, pid, l)
}

fn process_info_2(ctx: &mut Ctx, args: &[Term; 2]) -> Term {
    let (pid, item) = (args[0], args[1]);
    process_info(ctx, pid, item)
}

/// `process_info(Pid, ItemOrItems)`.
fn process_info(ctx: &mut Ctx, pid: Term, item: Term) -> Term {
    if !pid.is_pid() {
        return ctx.badarg();
    }
    let items = if item.is_atom() {
        vec![item]
    } else {
        match list_to_vec(item) {
            Some(v) if v.iter().all(|i| info_known(*i)) => v,
            _ => return ctx.badarg(),
        }
    };
    if !items.iter().all(|i| info_known(*i)) {
        return ctx.badarg();
    }
    let is_self = pid == me(ctx).pid;
    let prio = me(ctx).pflags.priority;
    let target: Option<ProcRef> = if is_self { None } else { ptable::lookup(pid) };
    let p: *mut Process = if is_self {
        ctx.proc_
    } else {
        match &target {
            Some(r) if r.is_alive() && !doomed_elevating(r, prio) => r.ptr(),
            _ => return am::UNDEFINED,
        }
    };
    let mut out = Vec::with_capacity(items.len());
    for &i in &items {
        let v = info_value(ctx, p, is_self, i);
        out.push(make_tuple(ctx, &[i, v]));
    }
    if item.is_atom() {
        // BEAM: a process without a name answers `[]` for the single item
        // `registered_name` (the list form keeps `{registered_name, []}`).
        if item == atom::intern("registered_name") && ptable::name_of(pid).is_none() {
            return NIL;
        }
        out[0]
    } else {
        list_from_slice(ctx, &out)
    }
}

/// The items `process_info/2` knows, in BEAM's order (its `pi_args`
/// table, which `erts_debug:get_internal_state(process_info_args)` lists).
pub(crate) const INFO_ITEMS: &[&str] = &[
    "registered_name",
    "current_function",
    "initial_call",
    "status",
    "messages",
    "message_queue_len",
    "links",
    "monitors",
    "monitored_by",
    "dictionary",
    "trap_exit",
    "error_handler",
    "heap_size",
    "stack_size",
    "memory",
    "garbage_collection",
    "group_leader",
    "reductions",
    "priority",
    "trace",
    "binary",
    "sequential_trace_token",
    "catchlevel",
    "backtrace",
    "last_calls",
    "total_heap_size",
    "suspending",
    "min_heap_size",
    "min_bin_vheap_size",
    "max_heap_size",
    "current_location",
    "current_stacktrace",
    "message_queue_data",
    "garbage_collection_info",
    "magic_ref",
    "fullsweep_after",
    "parent",
];

/// `{M, F, A}` of an initial call, or `undefined`.
fn initial_mfa(ctx: &mut Ctx, (m, f, a): (Term, Term, u32)) -> Term {
    if m.is_atom() && f.is_atom() {
        make_tuple(ctx, &[m, f, Term::small(a as i64)])
    } else {
        am::UNDEFINED
    }
}

/// Whether the initial function `f` is a fun body (`'-name/N-fun-K-'`),
/// i.e. the process was spawned from a fun.
fn started_from_fun(f: Term) -> bool {
    f.is_atom() && {
        let n = atom::name(f);
        n.starts_with('-') && n.contains("-fun-")
    }
}

fn info_known(i: Term) -> bool {
    i.is_atom() && INFO_ITEMS.contains(&atom::name(i))
}

/// One `process_info` value. `p` is the running process or one that is
/// not running (see the module comment); terms of another process are
/// copied into the caller's heap.
fn info_value(ctx: &mut Ctx, p: *mut Process, is_self: bool, item: Term) -> Term {
    // SAFETY: `p` is valid for the duration of the BIF (the table or the
    // context holds it) and not running concurrently.
    let p = unsafe { &mut *p };
    let copy = |ctx: &mut Ctx, t: Term| -> Term {
        if is_self {
            return t;
        }
        let n = crate::gc::copy::size_of(t);
        if n == 0 {
            return t;
        }
        let mut dst = ctx.alloc(n);
        // SAFETY: `dst` is `n` fresh words that cannot overlap `t`.
        unsafe { crate::gc::copy::copy_term(t, &mut dst) }
    };
    let name = atom::name(item);
    if let Some(v) = super::proc_flags::info(ctx, p, name) {
        return v;
    }
    if let Some(v) = super::proc_info_more::info(ctx, p, name) {
        return v;
    }
    if super::proc_flags::hidden(p, name) {
        return if name == "backtrace" {
            crate::data::binary::build::make_binary(ctx, b"")
        } else {
            NIL
        };
    }
    match name {
        "message_queue_len" => {
            let n = p.msgq.len() + p.inbox.lock().unwrap().len();
            Term::small(n as i64)
        }
        "messages" => {
            if is_self {
                signal::fetch(p, false);
            }
            let mut ts: Vec<Term> = p.msgq.iter().map(|m| m.term).collect();
            if !is_self {
                ts.extend(p.inbox.lock().unwrap().iter().map(|m| m.term));
            }
            let ts: Vec<Term> = ts.into_iter().map(|t| copy(ctx, t)).collect();
            list_from_slice(ctx, &ts)
        }
        "reductions" => {
            let mut r = p.reductions as i64;
            if is_self {
                r += (crate::heap::ctx::CONTEXT_REDS - ctx.reds - ctx.vreds).max(0);
            }
            Term::small(r)
        }
        "links" => {
            let l = p.links.clone();
            list_from_slice(ctx, &l)
        }
        "trap_exit" => Term::boolean(p.trap_exit),
        "registered_name" => ptable::name_of(p.pid).unwrap_or(NIL),
        "status" => {
            let s = if is_self {
                "running"
            } else if p.suspended.load(Ordering::SeqCst) != 0 {
                "suspended"
            } else {
                match p.state.load(Ordering::Acquire) {
                    pstate::WAITING => "waiting",
                    pstate::RUNNABLE => "runnable",
                    pstate::RUNNING => "running",
                    _ => "exiting",
                }
            };
            atom::intern(s)
        }
        "group_leader" => p.group_leader,
        "parent" => p.parent,
        "sequential_trace_token" => crate::proc::seq_trace::token_term(ctx, p.seq.token.as_deref()),
        "current_stacktrace" if is_self => super::stacktrace::current(ctx),
        "current_stacktrace" => super::stacktrace::of_other(ctx, p),
        // The caller's `{M, F, A, [{file, F}, {line, L}]}` (its location is
        // in `exc_loc`, as for `current_stacktrace`); for another process,
        // where it started.
        "current_location" => {
            let here = if is_self {
                super::stacktrace::caller_frame(ctx)
            } else {
                super::stacktrace::frame_of_other(ctx, p)
            };
            let (m, f, a) = p.initial;
            match here {
                Some(frame) => frame,
                None if m.is_atom() && f.is_atom() => {
                    make_tuple(ctx, &[m, f, Term::small(a as i64), NIL])
                }
                None => am::UNDEFINED,
            }
        }
        // Our own: the caller's function (from its location).
        "current_function" if is_self && ctx.exc_loc != 0 => {
            match super::stacktrace::caller_frame(ctx) {
                // SAFETY: `caller_frame` builds a `{M, F, A, Loc}` tuple.
                Some(fr) => unsafe {
                    let (m, f, a) = (fr.tuple_elem(0), fr.tuple_elem(1), fr.tuple_elem(2));
                    make_tuple(ctx, &[m, f, a])
                },
                None => initial_mfa(ctx, p.initial),
            }
        }
        // A process started from a fun (spawn/1 and friends) runs
        // `erlang:apply(Fun, [])` on BEAM.
        "initial_call" if started_from_fun(p.initial.1) => make_tuple(
            ctx,
            &[
                atom::intern("erlang"),
                atom::intern("apply"),
                Term::small(2),
            ],
        ),
        "current_function" if p.hibernated => make_tuple(
            ctx,
            &[am::ERLANG, atom::intern("hibernate"), Term::small(3)],
        ),
        "initial_call" | "current_function" => {
            // Another process: the function of its resume point, if known.
            let is_current = atom::name(item) == "current_function";
            if is_current && !is_self {
                if let Some(mfa) = super::stacktrace::function_of_other(ctx, p) {
                    return mfa;
                }
            }
            let (m, f, a) = p.initial;
            if m.is_atom() && f.is_atom() {
                make_tuple(ctx, &[m, f, Term::small(a as i64)])
            } else {
                am::UNDEFINED
            }
        }
        "dictionary" => {
            let kv: Vec<(Term, Term)> = p.dict.clone();
            let mut ts = Vec::with_capacity(kv.len());
            for (k, v) in kv {
                let (k, v) = (copy(ctx, k), copy(ctx, v));
                ts.push(make_tuple(ctx, &[k, v]));
            }
            list_from_slice(ctx, &ts)
        }
        // `{Suspendee, ActiveCount, OutstandingCount}`: a suspension is
        // in effect at once (`proc/suspend.rs`), so none is outstanding.
        "suspending" => {
            let items: Vec<Term> = crate::proc::suspend::suspending(p.pid)
                .into_iter()
                .map(|(t, n)| make_tuple(ctx, &[t, Term::small(n as i64), Term::small(0)]))
                .collect();
            list_from_slice(ctx, &items)
        }
        "max_heap_size" => crate::proc::max_heap::to_map(ctx, p.max_heap),
        "garbage_collection" => {
            let max = crate::proc::max_heap::to_map(ctx, p.max_heap);
            let kvs = [
                ("max_heap_size", max),
                ("min_bin_vheap_size", Term::small(p.min_bin_vheap as i64)),
                ("min_heap_size", Term::small(p.min_heap as i64)),
                ("fullsweep_after", Term::small(p.fullsweep_after as i64)),
                ("minor_gcs", Term::small(p.minor_gcs as i64)),
            ];
            let ts: Vec<Term> = kvs
                .iter()
                .map(|&(k, v)| make_tuple(ctx, &[atom::intern(k), v]))
                .collect();
            list_from_slice(ctx, &ts)
        }
        // Bytes: the heap and stack block plus the process structure.
        "memory" => {
            let words = p.block.len() + p.old_size() + std::mem::size_of::<Process>() / 8;
            Term::small((words * 8) as i64)
        }
        "garbage_collection_info" => super::proc_heap_info::gc_info(ctx, p, is_self),
        "backtrace" => {
            let text = super::proc_heap_info::backtrace(ctx, p, is_self);
            crate::data::binary::build::make_binary(ctx, &text)
        }
        "fullsweep_after" => Term::small(p.fullsweep_after as i64),
        "min_heap_size" => Term::small(p.min_heap as i64),
        "min_bin_vheap_size" => Term::small(p.min_bin_vheap as i64),
        // The young heap's block (heap and stack share it, as in BEAM).
        "heap_size" => Term::small(p.block.len() as i64),
        // Young and old heaps and heap fragments; with `on_heap` message
        // queue data also the queued messages (BEAM keeps those on the
        // receiver's heap), which girder holds in fragments either way.
        "total_heap_size" => {
            let queued = if p.pflags.off_heap_msgq {
                0
            } else {
                super::proc_flags::queued_words(p)
            };
            Term::small((p.block.len() + p.old_size() + p.frag_words() + queued) as i64)
        }
        // Active catches: the catch tags on the process's stack.
        "catchlevel" => {
            let sp = if is_self { ctx.sp } else { p.sp };
            Term::small(super::sched_flags::catch_level(sp, p.stack_top()) as i64)
        }
        "stack_size" => {
            let used = if is_self {
                (p.stack_top() as usize - ctx.sp as usize) / 8
            } else {
                p.stack_used()
            };
            Term::small(used as i64)
        }
        // `[{BufferAddress, Size, RefCount}]`, one per refc binary
        // (ProcBin) on the heap, newest first, as BEAM lists them.
        "binary" => {
            // (The list also holds magic references: skip them.)
            let pbs: Vec<*mut u64> = p
                .off_heap
                .iter()
                .rev()
                .copied()
                // SAFETY: the list holds live objects of this process.
                .filter(|&o| unsafe { header_subtag(*o) } == crate::term::HDR_REFC_BIN)
                .collect();
            let mut ts = Vec::with_capacity(pbs.len());
            for pb in pbs {
                // SAFETY: `off_heap` lists live ProcBins: [hdr] [size] [buf].
                let (size, buf) = unsafe {
                    let buf = *pb.add(2) as *mut crate::data::binary::layout::BinBuf;
                    (*pb.add(1), buf)
                };
                // SAFETY: a listed ProcBin holds a reference to its buffer.
                let refs = unsafe { crate::data::binary::layout::BinBuf::refs(buf) };
                let addr = crate::data::big::make_u64(ctx, buf as u64);
                let size = crate::data::big::make_u64(ctx, size);
                ts.push(make_tuple(ctx, &[addr, size, Term::small(refs as i64)]));
            }
            list_from_slice(ctx, &ts)
        }
        _ => am::UNDEFINED,
    }
}

#[cfg(test)]
#[path = "process_tests.rs"]
mod tests;
