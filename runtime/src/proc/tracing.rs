//! Process tracing (`erlang:trace/3`): who traces whom with which flags,
//! and the trace messages of process events — `send`, `'receive'`,
//! `procs` (spawn, exit, link, register...), `running` (in/out) and
//! `garbage_collection` — shaped as erts' `erl_trace.c` sends them to the
//! tracer process. Call tracing builds on this (`bif/trace_call.rs`).
//!
//! The per-process state is two atomic words of `Process` (flags and the
//! tracer's pid), 0 when untraced, so each hot path tests one word and
//! calls in here only for a traced process. Trace messages are built in a
//! scratch area (`Scratch`), copied into a message of their own and
//! delivered to the tracer's inbox at once, so `trace_delivered/1` has
//! nothing to wait for. A tracer that is gone ends the tracing of the
//! process that tried to report to it (as erts' `erl_tracer` answering
//! `remove`).

use crate::gc::copy::copy_to_message;
use crate::heap::ctx::Ctx;
use crate::heap::process::Process;
use crate::heap::trace_flags as tf;
use crate::proc::ptable::{self, ProcRef};
use crate::proc::signal;
use crate::term::atom;
use crate::term::{make_header, Term, HDR_TUPLE, NIL};
use std::sync::atomic::{AtomicBool, AtomicI64, AtomicU32, AtomicU64, Ordering};
use std::sync::OnceLock;

/// Flags and tracer every new process starts with (`erlang:trace(new, ..)`).
static NEW_FLAGS: AtomicU32 = AtomicU32::new(0);
static NEW_TRACER: AtomicU64 = AtomicU64::new(0);

/// The clock: `(monotonic ns, system ns)` as `erlang:monotonic_time/0` and
/// `os:system_time/0` read it (registered by the BIF layer, which owns
/// the VM's time base).
static CLOCK: OnceLock<fn() -> (i64, i64)> = OnceLock::new();

/// Registers the collector's hook and the clock.
pub fn install(clock: fn() -> (i64, i64)) {
    let _ = CLOCK.set(clock);
    let _ = tf::GC_HOOK.set(gc_event);
}

/// The flags of `p` whose events are reported: none while `p` is
/// sensitive (BEAM's `IS_TRACED_FL` tests `F_SENSITIVE` with every flag).
#[inline]
pub fn flags(p: &Process) -> u32 {
    let f = p.trace_flags.load(Ordering::Relaxed);
    if f & tf::SENSITIVE != 0 {
        0
    } else {
        f
    }
}

/// The flags set on `p` (`trace_info/2`, `trace/3`, inheritance by
/// spawned and linked processes), sensitive or not.
#[inline]
pub fn flags_set(p: &Process) -> u32 {
    p.trace_flags.load(Ordering::Relaxed) & tf::TRACEE
}

/// `process_flag(sensitive, On)`: events of `p` stop (start) being
/// reported; its flags and tracer stay.
pub fn set_sensitive(p: &Process, on: bool) {
    if on {
        p.trace_flags.fetch_or(tf::SENSITIVE, Ordering::Relaxed);
    } else {
        p.trace_flags.fetch_and(!tf::SENSITIVE, Ordering::Relaxed);
    }
}

/// The tracer's pid of `p`, if any.
pub fn tracer(p: &Process) -> Option<Term> {
    match p.tracer.load(Ordering::Relaxed) {
        0 => None,
        w => Some(Term(w)),
    }
}

/// Sets `p`'s flags and tracer (None: no tracer); whether `p` is
/// sensitive stays as it is.
pub fn set(p: &Process, flags: u32, tracer: Option<Term>) {
    let flags = flags & tf::TRACEE;
    let t = if flags == 0 {
        0
    } else {
        tracer.map_or(0, |t| t.raw())
    };
    p.tracer.store(t, Ordering::Relaxed);
    let new = if t == 0 { 0 } else { flags };
    let _ = p
        .trace_flags
        .fetch_update(Ordering::Relaxed, Ordering::Relaxed, |old| {
            Some(new | (old & tf::SENSITIVE))
        });
}

/// Whether `p` is sensitive (no trace events).
#[inline]
pub fn is_sensitive(p: &Process) -> bool {
    p.trace_flags.load(Ordering::Relaxed) & tf::SENSITIVE != 0
}

/// Default flags and tracer for new processes.
/// A tracer that is gone no longer counts: the defaults are cleared (as
/// BEAM's `erl_tracer` answering `remove`).
pub fn new_defaults() -> (u32, Option<Term>) {
    let f = NEW_FLAGS.load(Ordering::Relaxed);
    match NEW_TRACER.load(Ordering::Relaxed) {
        0 => (0, None),
        t if !tracer_alive(Term(t)) => {
            set_new_defaults(0, None);
            (0, None)
        }
        t => (f, Some(Term(t))),
    }
}

pub fn set_new_defaults(flags: u32, tracer: Option<Term>) {
    let t = if flags & tf::TRACEE == 0 {
        0
    } else {
        tracer.map_or(0, |t| t.raw())
    };
    NEW_TRACER.store(t, Ordering::Relaxed);
    NEW_FLAGS.store(if t == 0 { 0 } else { flags }, Ordering::Relaxed);
}

/// Whether `pid` can receive trace messages (a live process).
pub fn tracer_alive(pid: Term) -> bool {
    ptable::lookup(pid).is_some_and(|r| r.is_alive())
}

/// Terms built for one trace message: each object in a block of its own
/// (never moved while others point at it), dropped once the message is
/// copied out.
#[derive(Default)]
pub struct Scratch {
    blocks: Vec<Box<[u64]>>,
}

impl Scratch {
    pub fn tuple(&mut self, elems: &[Term]) -> Term {
        let mut b = vec![0u64; elems.len() + 1].into_boxed_slice();
        b[0] = make_header(elems.len(), HDR_TUPLE);
        for (i, e) in elems.iter().enumerate() {
            b[i + 1] = e.raw();
        }
        let t = Term::boxed_from_ptr(b.as_ptr());
        self.blocks.push(b);
        t
    }

    pub fn list(&mut self, elems: &[Term]) -> Term {
        let mut l = NIL;
        for e in elems.iter().rev() {
            let b = vec![e.raw(), l.raw()].into_boxed_slice();
            l = Term::list_from_ptr(b.as_ptr());
            self.blocks.push(b);
        }
        l
    }

    /// An integer (timestamps fit a small integer for 2^59 ns).
    pub fn int(&mut self, v: i64) -> Term {
        Term::small(v)
    }
}

/// `erlang:trace(all, true, [cpu_timestamp])` is in force: `timestamp`
/// (now) timestamps are the scheduler thread's CPU time, as BEAM's.
pub static CPU_TS: AtomicBool = AtomicBool::new(false);

/// The calling thread's CPU time as a `{Mega, Secs, Micro}` timestamp.
fn cpu_now(s: &mut Scratch) -> Term {
    let mut ts = libc::timespec {
        tv_sec: 0,
        tv_nsec: 0,
    };
    // SAFETY: `ts` is a valid timespec to write.
    unsafe { libc::clock_gettime(libc::CLOCK_THREAD_CPUTIME_ID, &mut ts) };
    let secs = ts.tv_sec;
    s.tuple(&[
        Term::small(secs / 1_000_000 % 1_000_000),
        Term::small(secs % 1_000_000),
        Term::small(ts.tv_nsec / 1000),
    ])
}

/// The timestamp `flags` ask for, or None.
pub fn timestamp(s: &mut Scratch, flags: u32) -> Option<Term> {
    if flags & tf::NOW_TS != 0 && CPU_TS.load(Ordering::Relaxed) {
        return Some(cpu_now(s));
    }
    let (mono, sys) = CLOCK.get().map_or((0, 0), |c| c());
    if flags & tf::NOW_TS != 0 {
        // erlang:now/0's rule: strictly increasing microseconds.
        static LAST_US: AtomicI64 = AtomicI64::new(i64::MIN);
        let now = sys.div_euclid(1000);
        let mut prev = LAST_US.load(Ordering::Relaxed);
        let us = loop {
            let next = now.max(prev.saturating_add(1));
            match LAST_US.compare_exchange_weak(prev, next, Ordering::Relaxed, Ordering::Relaxed) {
                Ok(_) => break next,
                Err(p) => prev = p,
            }
        };
        let secs = us / 1_000_000;
        return Some(s.tuple(&[
            Term::small(secs / 1_000_000),
            Term::small(secs % 1_000_000),
            Term::small(us % 1_000_000),
        ]));
    }
    if flags & tf::STRICT_MON_TS != 0 {
        static UNIQUE: AtomicI64 = AtomicI64::new(0);
        let u = UNIQUE.fetch_add(1, Ordering::Relaxed);
        return Some(s.tuple(&[Term::small(mono), Term::small(u)]));
    }
    if flags & tf::MON_TS != 0 {
        return Some(Term::small(mono));
    }
    None
}

/// Sends `{trace, Pid, Tag, Items...}` (`trace_ts` and a timestamp last
/// when `p` asks for one) to `p`'s tracer. A tracer that is gone ends
/// `p`'s tracing. Nothing is sent to a tracer about itself.
pub fn emit(p: &Process, s: &mut Scratch, tag: Term, items: &[Term]) {
    let Some(t) = tracer(p) else { return };
    emit_via(p, t, s, tag, items);
}

/// `emit` to tracer `t`: the one `p` had when the event began (a match
/// spec's `disable_trace` may have dropped it since, and BEAM still
/// reports that event).
pub fn emit_via(p: &Process, t: Term, s: &mut Scratch, tag: Term, items: &[Term]) {
    if t == p.pid || is_sensitive(p) {
        return;
    }
    let Some(r) = ptable::lookup(t).filter(|r| r.is_alive()) else {
        set(p, 0, None);
        return;
    };
    let fl = flags(p);
    let mut v = Vec::with_capacity(items.len() + 4);
    v.push(atom::intern("trace"));
    v.push(p.pid);
    v.push(tag);
    v.extend_from_slice(items);
    if fl & tf::SCHED_NO != 0 {
        // `scheduler_id`: the scheduler's number before the timestamp (as
        // erl_tracer builds it); girder runs Erlang code on one scheduler,
        // number 1 (`erlang:system_info(scheduler_id)`).
        v.push(Term::small(1));
    }
    if let Some(ts) = timestamp(s, fl) {
        v[0] = atom::intern("trace_ts");
        v.push(ts);
    }
    let msg = s.tuple(&v);
    signal::deliver_message(&r, copy_to_message(msg));
}

/// A meta trace event of `p` for `tracer` (`trace_pattern/3`'s `meta`):
/// `{trace_ts, Pid, Tag, Items..., Now}` whatever `p`'s own flags, as
/// BEAM sends with its fixed meta flag set (`call` and `timestamp`).
/// False when the tracer is gone; nothing goes to a tracer about itself.
pub fn emit_meta(p: &Process, tracer: Term, s: &mut Scratch, tag: Term, items: &[Term]) -> bool {
    let Some(r) = ptable::lookup(tracer).filter(|r| r.is_alive()) else {
        return false;
    };
    if tracer == p.pid || is_sensitive(p) {
        return true;
    }
    let mut v = Vec::with_capacity(items.len() + 4);
    v.push(atom::intern("trace_ts"));
    v.push(p.pid);
    v.push(tag);
    v.extend_from_slice(items);
    if let Some(ts) = timestamp(s, tf::NOW_TS) {
        v.push(ts);
    }
    let msg = s.tuple(&v);
    signal::deliver_message(&r, copy_to_message(msg));
    true
}

/// Shorthand: `emit` with a fresh scratch area.
pub fn event(p: &Process, tag: &str, items: &[Term]) {
    let mut s = Scratch::default();
    emit(p, &mut s, atom::intern(tag), items);
}

// ---- send and receive ----

/// A message event's trace pattern (`trace_pattern(send | 'receive',
/// ..)`, kept by `bif/trace_msg.rs`): every event reported (the
/// default), none, or those the match spec accepts.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum MsgPattern {
    On,
    Off,
    Ms,
}

/// The `send` (low byte) and `'receive'` (second byte) patterns:
/// 0 on, 1 off, 2 match spec.
static MSG_PATTERNS: AtomicU32 = AtomicU32::new(0);

/// Runs the `send` pattern's match spec for the process bound to the
/// context on `[Receiver, Msg]`: None = no event, else `true` or the
/// extra element (`message/1`'s value). Registered by the BIF layer.
pub type MsgFilter = fn(&mut Ctx, &[Term]) -> Option<Term>;
pub static MSG_FILTER: OnceLock<MsgFilter> = OnceLock::new();

pub fn set_msg_pattern(send: bool, pat: MsgPattern) {
    let v = match pat {
        MsgPattern::On => 0,
        MsgPattern::Off => 1,
        MsgPattern::Ms => 2,
    };
    let shift = if send { 0 } else { 8 };
    let _ = MSG_PATTERNS.fetch_update(Ordering::Relaxed, Ordering::Relaxed, |w| {
        Some((w & !(0xff << shift)) | (v << shift))
    });
}

pub fn msg_pattern(send: bool) -> MsgPattern {
    let w = MSG_PATTERNS.load(Ordering::Relaxed) >> if send { 0 } else { 8 };
    match w & 0xff {
        0 => MsgPattern::On,
        1 => MsgPattern::Off,
        _ => MsgPattern::Ms,
    }
}

/// The process bound to `ctx` sent `msg` to `to` (a pid, name, alias or
/// `{Name, Node}`); `exists`: whether a receiver was found.
#[cold]
pub fn send(ctx: &mut Ctx, msg: Term, to: Term, exists: bool) {
    // SAFETY: the caller passes a context with a process bound.
    let p = unsafe { &*ctx.proc_ };
    if flags(p) & tf::SEND == 0 {
        return;
    }
    let extra = match msg_pattern(true) {
        MsgPattern::On => None,
        MsgPattern::Off => return,
        MsgPattern::Ms => {
            let Some(r) = MSG_FILTER.get().and_then(|f| f(ctx, &[to, msg])) else {
                return;
            };
            // The spec may have made the process silent (BEAM tests the
            // flag after a match spec only).
            if flags(p) & tf::SILENT != 0 {
                return;
            }
            (r != atom::am::TRUE).then_some(r)
        }
    };
    let tag = if exists {
        "send"
    } else {
        "send_to_non_existing_process"
    };
    match extra {
        None => event(p, tag, &[msg, to]),
        Some(x) => event(p, tag, &[msg, to, x]),
    }
}

/// Runs the `'receive'` pattern's match spec for the receiver `p` on
/// `[Node, Sender, Msg]` and reports the event if it accepts it.
/// Registered by the BIF layer.
pub type RecvFilter = fn(p: &Process, node: Term, sender: Term, msg: Term);
pub static RECV_FILTER: OnceLock<RecvFilter> = OnceLock::new();

/// `p` received `msg` from `from` (`sender_of`; its `'receive'` trace
/// flag is set).
pub fn received(p: &Process, from: Term, msg: Term) {
    match msg_pattern(false) {
        MsgPattern::On => event(p, "receive", &[msg]),
        MsgPattern::Off => {}
        MsgPattern::Ms => {
            // BEAM's `trace_receive`: a pid is `[node(Pid), Pid, Msg]`,
            // any other origin `[Origin, undefined, Msg]`.
            let (node, pid) = if from.is_pid() {
                (atom::am::NONODE, from)
            } else {
                (from, atom::am::UNDEFINED)
            };
            if let Some(f) = RECV_FILTER.get() {
                f(p, node, pid, msg);
            }
        }
    }
}

/// Who sent queued message `m`, as BEAM's message `from`: the pid of the
/// process that sent it (carried in its token word, `seq_trace::
/// proc_message`, or the sequential trace token's `From`), the monitored
/// process or port of a `'DOWN'` message, else the atom naming the
/// origin (`clock_service` for timers) or `system`.
pub fn sender_of(m: &crate::heap::process::Message) -> Term {
    let t = m.token;
    if t.is_pid() {
        return t;
    }
    // SAFETY: tuples are checked before their elements are read; the
    // token and the term live in the message's fragment (or are literals).
    unsafe {
        if t.is_tuple() && t.tuple_arity() == 5 && t.tuple_elem(3).is_pid() {
            return t.tuple_elem(3);
        }
        if t == atom::am::UNDEFINED {
            let d = m.term;
            if d.is_tuple()
                && d.tuple_arity() == 5
                && d.tuple_elem(0) == atom::intern("DOWN")
                && (d.tuple_elem(3).is_pid() || d.tuple_elem(3).is_port())
            {
                return d.tuple_elem(3);
            }
        }
    }
    if t.is_atom() && t != atom::am::UNDEFINED {
        t
    } else {
        atom::intern("system")
    }
}

/// `signal::fetch` for a process traced with `'receive'`: each message
/// that enters its queue is reported, after the queue locks are released
/// (the tracer's inbox may be locked next).
#[cold]
#[inline(never)]
pub fn fetch_traced(p: &mut Process, can_die: bool) -> Option<signal::Death> {
    let before = p.msgq.len();
    let d = signal::fetch_untraced(p, can_die);
    let links = LINK_EVENTS.with(|v| std::mem::take(&mut *v.borrow_mut()));
    let after = p.msgq.len();
    let terms: Vec<(Term, Term)> = if after > before && flags(p) & tf::RECEIVE != 0 {
        let ms = msg_pattern(false) == MsgPattern::Ms;
        p.msgq
            .range(before..after)
            .map(|m| (if ms { sender_of(m) } else { NIL }, m.term))
            .collect()
    } else {
        Vec::new()
    };
    // In the order the signals came: each link event after the messages
    // queued before it (BEAM handles them one by one).
    let mut next = before;
    let mut report = |upto: usize| {
        while next < upto.min(after) {
            if let Some(&(from, m)) = terms.get(next - before) {
                received(p, from, m);
            }
            next += 1;
        }
    };
    for (from, link, at) in links {
        report(at);
        link_event(p, from, link);
    }
    report(after);
    d
}

// ---- procs ----

/// A process was spawned: the parent's `spawn` and the child's `spawned`
/// events, and the flags the child inherits (`set_on_spawn`,
/// `set_on_first_spawn`). `child` is not running yet.
pub fn spawned(parent: &Process, child: &Process, m: Term, f: Term, args: Term) {
    // Flags pass on to the child even from a sensitive parent (BEAM's
    // `erl_create_process` reads them whole); only the events are held.
    let pf = flags_set(parent);
    if pf == 0 {
        return;
    }
    let mut s = Scratch::default();
    let mfa = s.tuple(&[m, f, args]);
    if flags(parent) & tf::PROCS != 0 {
        emit(parent, &mut s, atom::intern("spawn"), &[child.pid, mfa]);
    }
    let tracer = tracer(parent);
    if pf & tf::SOS != 0 {
        set(child, pf, tracer);
    } else if pf & tf::SOS1 != 0 {
        set(child, pf & !tf::SOS1, tracer);
        set(parent, pf & !tf::SOS1, tracer);
    }
    if flags(child) & tf::PROCS != 0 {
        emit(child, &mut s, atom::intern("spawned"), &[parent.pid, mfa]);
    }
}

/// `p` exits with `reason`.
#[cold]
pub fn exited(p: &Process, reason: Term) {
    if flags(p) & tf::PROCS != 0 {
        event(p, "exit", &[reason]);
    }
}

/// `p` linked to (`link`) or unlinked from (`unlink`) `other`; with
/// `set_on_link` the other process inherits `p`'s flags. (The other
/// process reports `getting_linked` when it handles the signal.)
#[cold]
pub fn linked(p: &Process, other: Term, link: bool) {
    let pf = flags_set(p);
    if flags(p) & tf::PROCS != 0 {
        event(p, if link { "link" } else { "unlink" }, &[other]);
    }
    let Some(r) = ptable::lookup(other) else {
        return;
    };
    // SAFETY: only the atomic trace words of the other process are read
    // and written; they are shared by design.
    let o = unsafe { &*r.ptr() };
    if link && pf & (tf::SOL | tf::SOL1) != 0 {
        let tr = tracer(p);
        if pf & tf::SOL != 0 {
            set(o, pf, tr);
        } else {
            set(o, pf & !tf::SOL1, tr);
            set(p, pf & !tf::SOL1, tr);
        }
    }
}

thread_local! {
    /// Link and unlink signals a traced process handled in `fetch`,
    /// reported once its queue locks are released.
    static LINK_EVENTS: std::cell::RefCell<Vec<(Term, bool, usize)>> = const {
        std::cell::RefCell::new(Vec::new())
    };
}

/// `signal::fetch` handled a link (or unlink) signal from `from` for a
/// traced process when its queue held `at` messages: `getting_linked`
/// (`getting_unlinked`) follows, after the `'receive'` events of the
/// messages before it.
pub fn defer_link(from: Term, link: bool, at: usize) {
    LINK_EVENTS.with(|v| v.borrow_mut().push((from, link, at)));
}

fn link_event(p: &Process, from: Term, link: bool) {
    if flags(p) & tf::PROCS != 0 {
        let tag = if link {
            "getting_linked"
        } else {
            "getting_unlinked"
        };
        event(p, tag, &[from]);
    }
}

/// `pid` was registered as (or unregistered from) `name`.
#[cold]
pub fn registered(pid: Term, name: Term, register: bool) {
    let Some(r) = ptable::lookup(pid) else { return };
    // SAFETY: atomic trace words only, plus the immutable pid.
    let p = unsafe { &*r.ptr() };
    if flags(p) & tf::PROCS != 0 {
        event(p, if register { "register" } else { "unregister" }, &[name]);
    }
}

// ---- running ----

/// `{M, F, A}` of a location id, or 0 (BEAM's "unknown function").
pub fn loc_mfa(s: &mut Scratch, loc: u64) -> Term {
    match crate::code::loc::get(loc as u32) {
        Some(l) => s.tuple(&[l.module, l.function, Term::small(l.arity as i64)]),
        None => Term::small(0),
    }
}

/// BEAM's trap functions, by the `'$girder_trap'` continuation that does
/// their work in girder: a process that yields inside one is reported (in
/// `running` trace events) as BEAM reports a process that yielded in its
/// counterpart.
const BEAM_TRAPS: &[(&str, u32, &str, &str, u32)] = &[
    (
        "iolist_to_binary",
        5,
        "erts_internal",
        "list_to_binary_continue",
        1,
    ),
    (
        "term_to_binary",
        5,
        "erts_internal",
        "term_to_binary_trap",
        1,
    ),
    (
        "binary_to_term",
        3,
        "erts_internal",
        "binary_to_term_trap",
        1,
    ),
    ("binary_match", 3, "erlang", "binary_find_trap", 3),
    ("length", 3, "erlang", "length", 3),
];

/// BEAM's trap function `{M, F, A}` for a process that resumes at
/// `resume`, if that is the entry of one of girder's trap continuations
/// (they yield at their entry, so a process that yielded inside a long
/// BIF resumes there).
pub fn trap_mfa_at(s: &mut Scratch, resume: usize) -> Option<Term> {
    let m = atom::intern("$girder_trap");
    BEAM_TRAPS.iter().find_map(|&(gf, ga, bm, bf, ba)| {
        let e = crate::code::export::lookup(m, atom::intern(gf), ga)?;
        (e.address() == resume)
            .then(|| s.tuple(&[atom::intern(bm), atom::intern(bf), Term::small(ba as i64)]))
    })
}

/// Scheduled in (`in`) or out (`out`) in function `mfa`.
#[cold]
pub fn running(p: &Process, out: bool, mfa: Term, s: &mut Scratch) {
    if flags(p) & tf::RUNNING != 0 {
        emit(p, s, atom::intern(if out { "out" } else { "in" }), &[mfa]);
    }
}

// ---- garbage collection ----

fn gc_event(p: &Process, hp: *mut u64, sp: *mut u64, start: bool, major: bool, words: usize) {
    let lo = p.heap_start() as usize;
    let hp = hp as usize;
    let used = (hp.saturating_sub(lo)) / 8;
    let recent = ((p.hwm as usize).clamp(lo, hp.max(lo)) - lo) / 8;
    let stack = (p.stack_top() as usize).saturating_sub(sp as usize) / 8;
    let items = [
        ("wordsize", words),
        ("old_heap_block_size", p.old_size()),
        ("heap_block_size", p.block.len()),
        ("mbuf_size", p.frag_words()),
        ("recent_size", recent),
        ("stack_size", stack),
        ("old_heap_size", p.old_used()),
        ("heap_size", used),
        ("bin_vheap_size", p.bin_vheap as usize),
        ("bin_vheap_block_size", p.bin_vheap_sz as usize),
        ("bin_old_vheap_size", p.bin_old_vheap as usize),
        ("bin_old_vheap_block_size", p.bin_old_vheap_sz as usize),
    ];
    let mut s = Scratch::default();
    let ts: Vec<Term> = items
        .iter()
        .map(|&(k, v)| s.tuple(&[atom::intern(k), Term::small(v as i64)]))
        .collect();
    let info = s.list(&ts);
    let tag = match (major, start) {
        (false, true) => "gc_minor_start",
        (false, false) => "gc_minor_end",
        (true, true) => "gc_major_start",
        (true, false) => "gc_major_end",
    };
    emit(p, &mut s, atom::intern(tag), &[info]);
}

/// The process record behind `r`, for reading its trace words.
pub fn of(r: &ProcRef) -> &Process {
    // SAFETY: the trace words are atomics and the pid never changes; the
    // structure lives as long as `r`.
    unsafe { &*r.ptr() }
}
