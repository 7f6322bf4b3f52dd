//! Sequential tracing (`seq_trace`): the token a process carries, how it
//! travels with messages, and the trace messages it produces, following
//! erts (`erl_bif_trace.c`, `erl_trace.c`'s `seq_trace_output`, the
//! message token of `erl_message.c` and the receive of `remove_message`).
//!
//! A process's token is Rust data (`heap::seq_token::SeqState`), not a
//! heap term: the collector never sees it. A message carries BEAM's
//! message token (`Message::token`): `[]` when a process without a token
//! sent it, `undefined` when the system did, or a copy of the sender's
//! token tuple in the message's own fragment. Receiving a message (the
//! receive that takes it out of the queue) applies erts' rule: `[]`
//! clears the receiver's token, a tuple becomes its token (and is traced
//! as `'receive'`), `undefined` leaves it alone.
//!
//! Cost when nobody uses it: a send tests the sender's token (one field),
//! a receive tests `active()` (one global flag, set once a token was ever
//! made); everything else is out of line here.

use crate::data::build::make_tuple;
use crate::gc::copy::{copy_term, copy_to_message, size_of};
use crate::heap::ctx::Ctx;
use crate::heap::process::{Message, Process};
use crate::heap::seq_token::{SeqState, SeqToken};
use crate::heap::trace_flags as tf;
use crate::proc::ptable;
use crate::proc::ptable::ProcRef;
use crate::proc::signal;
use crate::proc::tracing::Scratch;
use crate::term::atom::{self, am};
use crate::term::{make_header, Term, HDR_TUPLE, NIL};
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};

/// Token flag bits (`seq_trace.erl`'s values).
pub const SEND: u32 = 1;
pub const RECEIVE: u32 = 2;
pub const PRINT: u32 = 4;
pub const NOW_TS: u32 = 8;
pub const STRICT_MON_TS: u32 = 16;
pub const MON_TS: u32 = 32;

/// Set once any process got a token: until then a receive has nothing to
/// look at (no message can carry a token, and no receiver has one).
static ACTIVE: AtomicBool = AtomicBool::new(false);

/// The system's sequential tracer: a pid's word, 0 for none.
static TRACER: AtomicU64 = AtomicU64::new(0);

/// Whether a token was ever made (the receive path's one test).
#[inline]
pub fn active() -> bool {
    ACTIVE.load(Ordering::Relaxed)
}

/// The token flag a `seq_trace/2` / `seq_trace_info/1` item names.
pub fn flag_of(item: Term) -> Option<u32> {
    if !item.is_atom() {
        return None;
    }
    Some(match atom::name(item) {
        "send" => SEND,
        "receive" => RECEIVE,
        "print" => PRINT,
        "timestamp" => NOW_TS,
        "strict_monotonic_timestamp" => STRICT_MON_TS,
        "monotonic_timestamp" => MON_TS,
        _ => return None,
    })
}

// ---- the tracer ----

/// The sequential tracer if it can still receive (a dead one is forgotten,
/// as erts does when its `enabled` callback answers `remove`).
pub fn tracer() -> Option<Term> {
    let w = TRACER.load(Ordering::Relaxed);
    if w == 0 {
        return None;
    }
    let t = Term(w);
    if ptable::lookup(t).is_some_and(|r| r.is_alive()) {
        Some(t)
    } else {
        let _ = TRACER.compare_exchange(w, 0, Ordering::Relaxed, Ordering::Relaxed);
        None
    }
}

/// `system_flag(sequential_tracer, T)`: `false` or a live local pid.
/// Returns the old tracer (`false` for none), or None for `badarg`.
pub fn set_tracer(t: Term) -> Option<Term> {
    let new = if t == am::FALSE {
        0
    } else if t.is_pid() && ptable::lookup(t).is_some_and(|r| r.is_alive()) {
        t.raw()
    } else {
        return None;
    };
    // The old tracer is answered even if it is gone (erts reads it
    // without asking it whether it is enabled).
    match TRACER.swap(new, Ordering::Relaxed) {
        0 => Some(am::FALSE),
        w => Some(Term(w)),
    }
}

// ---- the process's token ----

/// Makes `p` a token if it has none (`new_seq_trace_token`): flags 0,
/// label 0, serial 0, from itself, lastcnt its counter.
pub fn ensure_token(p: &mut Process) -> &mut SeqToken {
    ACTIVE.store(true, Ordering::Relaxed);
    let pid = p.pid;
    let lastcnt = p.seq.lastcnt as i64;
    p.seq.token.get_or_insert_with(|| {
        Box::new(SeqToken {
            flags: 0,
            label: Term::small(0),
            label_frag: None,
            serial: 0,
            from: pid,
            lastcnt,
        })
    })
}

/// Sets the token's label to a copy of `label`.
pub fn set_label(tok: &mut SeqToken, label: Term) {
    let m = copy_to_message(label);
    release_label(tok);
    tok.label = m.term;
    tok.label_frag = m.frag;
}

/// Gives back the binary references of the label's copy.
fn release_label(tok: &mut SeqToken) {
    if let Some(mut f) = tok.label_frag.take() {
        // SAFETY: the label fragment is exactly one `copy_term` region,
        // dropped right after.
        unsafe { crate::data::binary::layout::release_region(f.as_mut_ptr(), f.len()) };
    }
    tok.label = Term::small(0);
}

impl Drop for SeqToken {
    fn drop(&mut self) {
        release_label(self);
    }
}

/// `seq_trace:reset_trace/0` for one process: no token, counters 0.
/// Tokens of queued messages become `[]` (erts' `clear_seq_trace_token`).
pub fn reset_process(p: &mut Process) {
    p.seq = SeqState::default();
    for m in p.msgq.iter_mut() {
        clear_message(m);
    }
    if let Ok(mut q) = p.inbox.lock() {
        for m in q.iter_mut() {
            clear_message(m);
        }
    }
}

/// A queued message's token goes; its sender (the token's `From`, a
/// pid) stays, as a process's message without a token carries it.
fn clear_message(m: &mut Message) {
    if m.token.is_tuple() {
        m.token = crate::proc::tracing::sender_of(m);
        if !m.token.is_pid() {
            m.token = NIL;
        }
    }
}

/// The token as the term `{Flags, Label, Serial, From, LastCnt}` on the
/// heap of `ctx`'s process, or `[]`.
pub fn token_term(ctx: &mut Ctx, tok: Option<&SeqToken>) -> Term {
    let Some(t) = tok else { return NIL };
    let label = crate::gc::copy::copy_into(ctx, t.label);
    make_tuple(
        ctx,
        &[
            Term::small(t.flags as i64),
            label,
            Term::small(t.serial),
            t.from,
            Term::small(t.lastcnt),
        ],
    )
}

/// `seq_trace_update_serial`: a traced event of `p` bumps its clock; the
/// token takes the new serial, `p` as sender and `p`'s last count.
pub fn update_serial(p: &mut Process) {
    let pid = p.pid;
    let lastcnt = p.seq.lastcnt as i64;
    if let Some(tok) = p.seq.token.as_mut() {
        p.seq.clock += 1;
        tok.serial = p.seq.clock as i64;
        tok.from = pid;
        tok.lastcnt = lastcnt;
    }
}

// ---- trace messages ----

/// `seq_trace_output`: `{seq_trace, Label, {Kind, {LastCnt, Serial},
/// From, To, Msg}}` (with a timestamp last if the token asks for one) to
/// the sequential tracer, when the token has the `kind` flag. Nothing for
/// a sensitive process `p` (the one erts names: the sender or receiver,
/// but the receiver of an exit signal) or without a tracer.
pub fn output(p: &Process, tok: &SeqToken, kind: u32, to: Term, msg: Term) {
    if tok.flags & kind == 0 || p.pflags.sensitive {
        return;
    }
    let Some(t) = tracer() else { return };
    let Some(r) = ptable::lookup(t) else { return };
    let name = match kind {
        SEND => "send",
        RECEIVE => "receive",
        _ => "print",
    };
    let mut s = Scratch::default();
    let counts = s.tuple(&[Term::small(tok.lastcnt), Term::small(tok.serial)]);
    let info = s.tuple(&[atom::intern(name), counts, tok.from, to, msg]);
    let mut items = vec![atom::intern("seq_trace"), tok.label, info];
    let mut ts_flags = 0;
    if tok.flags & NOW_TS != 0 {
        ts_flags |= tf::NOW_TS;
    }
    if tok.flags & STRICT_MON_TS != 0 {
        ts_flags |= tf::STRICT_MON_TS;
    }
    if tok.flags & MON_TS != 0 {
        ts_flags |= tf::MON_TS;
    }
    if let Some(ts) = crate::proc::tracing::timestamp(&mut s, ts_flags) {
        items.push(ts);
    }
    let m = s.tuple(&items);
    signal::deliver_message(&r, copy_to_message(m));
}

/// `seq_trace_print/1,2`: false without a token (or when `label` is given
/// and differs from the token's), else the serial moves on and a `print`
/// event goes to the tracer.
pub fn print(p: &mut Process, label: Option<Term>, what: Term) -> bool {
    let Some(tok) = p.seq.token.as_ref() else {
        return false;
    };
    if let Some(l) = label {
        if !crate::data::compare::eq_exact(l, tok.label) {
            return false;
        }
    }
    update_serial(p);
    if let Some(tok) = p.seq.token.as_deref() {
        output(p, tok, PRINT, NIL, what);
    }
    true
}

// ---- sending and receiving ----

/// The token's words, for copying: `[header, flags, label, serial, from,
/// lastcnt]` (the label still points at the token's own copy).
fn token_words(tok: &SeqToken) -> [u64; 6] {
    [
        make_header(5, HDR_TUPLE),
        Term::small(tok.flags as i64).raw(),
        tok.label.raw(),
        Term::small(tok.serial).raw(),
        tok.from.raw(),
        Term::small(tok.lastcnt).raw(),
    ]
}

/// `msg` and a copy of `tok` in one fresh fragment: the message a process
/// holding a token sends.
pub fn message_with(msg: Term, tok: &SeqToken) -> Message {
    let words = token_words(tok);
    let tuple = Term::boxed_from_ptr(words.as_ptr());
    let size = size_of(msg) + size_of(tuple);
    let mut frag = vec![0u64; size];
    let mut dst = frag.as_mut_ptr();
    // SAFETY: the fragment has room for both flat copies and is a fresh
    // allocation; `words` outlives the copy.
    let (term, token) = unsafe { (copy_term(msg, &mut dst), copy_term(tuple, &mut dst)) };
    Message {
        term,
        frag: Some(frag),
        token,
    }
}

/// A process holding a token sends `msg` to the process `to` (erts'
/// `erts_send_message`): the serial moves on, the send is traced, and the
/// message carries the token.
#[cold]
#[inline(never)]
pub fn send_message(p: &mut Process, to: Term, msg: Term) -> Message {
    update_serial(p);
    match p.seq.token.as_deref() {
        Some(tok) => {
            output(p, tok, SEND, to, msg);
            message_with(msg, tok)
        }
        None => {
            let mut m = copy_to_message(msg);
            m.token = p.pid;
            m
        }
    }
}

/// The message the process bound to `ctx` sends to the process `dest`
/// (`to` is its pid, or the alias reference it was sent to): without a
/// token it carries the sender's pid (`[]` without a process), which
/// clears a receiver's token as `[]` does and tells a `'receive'` trace
/// pattern the sender (`proc::tracing::sender_of`). Literals stay
/// shared (a message with a token is copied flat), and `dest` is then
/// marked as holding literal pointers (`gc::copy`'s module doc).
#[inline]
pub fn proc_message(ctx: &mut Ctx, to: Term, dest: &ProcRef, msg: Term) -> Message {
    // SAFETY: a non-null `proc_` is the process bound to this context.
    let from = match unsafe { ctx.proc_.as_mut() } {
        Some(p) if p.seq.token.is_some() => return send_message(p, to, msg),
        Some(p) => p.pid,
        None => NIL,
    };
    let (mut m, shared) = crate::gc::copy::copy_to_message_sharing(msg);
    if shared {
        dest.reads_areas()
            .store(true, std::sync::atomic::Ordering::Relaxed);
    }
    m.token = from;
    m
}

/// A process holding a token sends to a port: traced as a send, the
/// port's data carries no token.
#[cold]
pub fn send_to_port(p: &mut Process, port: Term, msg: Term) {
    update_serial(p);
    if let Some(tok) = p.seq.token.as_deref() {
        output(p, tok, SEND, port, msg);
    }
}

/// A token from a message's tuple (its fields are small integers and a
/// pid; the label is copied out of the message's fragment).
fn from_tuple(t: Term) -> Option<SeqToken> {
    // SAFETY: checked to be a tuple; it lives in the message's fragment.
    let e = |i| unsafe { t.tuple_elem(i) };
    // SAFETY: as above.
    if !t.is_tuple() || unsafe { t.tuple_arity() } != 5 {
        return None;
    }
    let (flags, serial, lastcnt) = (e(0), e(2), e(4));
    if !flags.is_small() || !serial.is_small() || !lastcnt.is_small() {
        return None;
    }
    let mut tok = SeqToken {
        flags: flags.small_value() as u32,
        label: Term::small(0),
        label_frag: None,
        serial: serial.small_value(),
        from: e(3),
        lastcnt: lastcnt.small_value(),
    };
    set_label(&mut tok, e(1));
    Some(tok)
}

/// The receive of `p` takes message `i` out of its queue (erts'
/// `remove_message`): `[]` or a sender's pid (a process without a token
/// sent it) clears `p`'s token, a token becomes `p`'s (its serial is
/// `p`'s last count, and its clock catches up) and the receive is
/// traced; `undefined` (or another atom: a message from the system)
/// changes nothing.
#[cold]
#[inline(never)]
pub fn on_receive(p: &mut Process, i: usize) {
    let Some(m) = p.msgq.get(i) else { return };
    let (token, term) = (m.token, m.term);
    if token == NIL || token.is_pid() {
        p.seq.token = None;
    } else if let Some(tok) = from_tuple(token) {
        let serial = tok.serial.max(0) as u64;
        p.seq.lastcnt = serial;
        p.seq.clock = p.seq.clock.max(serial);
        let pid = p.pid;
        output(p, &tok, RECEIVE, pid, term);
        p.seq.token = Some(Box::new(tok));
    }
}

/// The exit signal the dying process bound to `ctx` sends to the linked
/// process `to` (erts' `send_gen_exit_signal`): with a token the serial
/// moves on (once per link), the `{'EXIT', From, Reason}` message is
/// traced as sent and carries the token, which a receiver trapping exits
/// takes on receive.
#[cold]
pub fn link_exit(ctx: &mut Ctx, to: &ptable::ProcRef, from: Term, reason: Term) {
    // SAFETY: `signal::terminate` runs with the dying process bound to
    // `ctx`; no other borrow of it is live.
    if unsafe { ctx.process() }.seq.token.is_none() {
        return signal::send_exit(ctx, to, from, reason, true);
    }
    let t = make_tuple(ctx, &[am::EXIT_UPPER, from, reason]);
    // SAFETY: as above.
    let p = unsafe { ctx.process() };
    update_serial(p);
    let Some(tok) = p.seq.token.as_deref() else {
        return;
    };
    // erts traces an exit signal's send in the name of its receiver (a
    // sensitive receiver hides it), and not to one that is exiting.
    // SAFETY: one scheduler thread runs processes: the receiver is not
    // running, and only its flags are read.
    let receiver = unsafe { &*to.ptr() };
    if to.is_alive() {
        output(receiver, tok, SEND, to.pid(), t);
    }
    let msg = message_with(t, tok);
    signal::deliver_signal(
        to,
        crate::heap::process::Signal::Exit {
            from,
            msg,
            linked: true,
        },
    );
}

/// `system_flag(reset_seq_trace, _)`: every process loses its token and
/// counters, and the tokens of queued messages become `[]`.
pub fn reset_all() {
    for pid in ptable::all_pids() {
        if let Some(r) = ptable::lookup(pid) {
            // SAFETY: one scheduler thread runs processes, so none but the
            // caller runs now, and the caller holds no borrow of its own
            // process across this BIF call (erts blocks thread progress).
            unsafe { reset_process(&mut *r.ptr()) };
        }
    }
}

// ---- spawning ----

/// A copy of `tok` (its label copied too).
fn clone_token(tok: &SeqToken) -> SeqToken {
    let mut c = SeqToken {
        flags: tok.flags,
        label: Term::small(0),
        label_frag: None,
        serial: tok.serial,
        from: tok.from,
        lastcnt: tok.lastcnt,
    };
    set_label(&mut c, tok.label);
    c
}

/// What erts shows of a spawn in the trace: the parts of its
/// `{spawn_request, Ref, Parent, GroupLeader, {M, F, A}, Opts, Tag, Args}`.
pub struct SpawnReq {
    pub m: Term,
    pub f: Term,
    pub args: Term,
    pub opts: Term,
    pub tag: Term,
    pub spawn_ref: Term,
}

/// The process bound to `ctx`, holding a token, spawned `child` (not yet
/// run): erts' `erl_create_process`. The parent's serial moves on, the
/// child gets a copy of its token (traced as the `spawn_request` sent and
/// received), then the child's serial moves on for the reply: `sync`
/// (`spawn`, `spawn_link`, `spawn_opt`, `spawn_monitor`) traces the reply
/// as sent and received at once and the parent's counters take its
/// serial; otherwise (`spawn_request/5`) the returned reply message
/// carries the child's token, traced as sent (`reply` None: the request
/// asked for no success message, nothing is sent or traced).
pub fn spawned(
    ctx: &mut Ctx,
    child: &mut Process,
    req: SpawnReq,
    sync: bool,
    reply: Option<Term>,
) -> Option<Message> {
    // SAFETY: a process is scheduled on `ctx` (a BIF's caller).
    let parent = unsafe { ctx.process() };
    let (ppid, gl) = (parent.pid, parent.group_leader);
    update_serial(parent);
    let tok = clone_token(parent.seq.token.as_deref()?);
    let arity = crate::data::build::list_to_vec(req.args).map_or(0, |v| v.len());
    let mfa = make_tuple(ctx, &[req.m, req.f, Term::small(arity as i64)]);
    let items = [
        atom::intern("spawn_request"),
        req.spawn_ref,
        ppid,
        gl,
        mfa,
        req.opts,
        req.tag,
        req.args,
    ];
    let msg = make_tuple(ctx, &items);
    // SAFETY: as above.
    let parent = unsafe { ctx.process() };
    output(parent, &tok, SEND, child.pid, msg);
    output(parent, &tok, RECEIVE, child.pid, msg);
    let serial = tok.serial.max(0) as u64;
    child.seq.clock = serial;
    child.seq.lastcnt = serial;
    child.seq.token = Some(Box::new(tok));
    update_serial(child);
    let ctok = child.seq.token.as_deref()?;
    let reply = reply?;
    output(parent, ctok, SEND, ppid, reply);
    if sync {
        // erts 25 gives the parent's counters the serial's tagged word
        // (`make_small(S)`, i.e. S * 16 + 15), not S: the oracle's serials
        // jump after a traced synchronous spawn, and so do ours.
        let s = (ctok.serial.max(0) as u64)
            .wrapping_mul(16)
            .wrapping_add(15);
        parent.seq.lastcnt = s;
        parent.seq.clock = s;
        output(parent, ctok, RECEIVE, ppid, reply);
        None
    } else {
        Some(message_with(reply, ctok))
    }
}

/// `spawned` for a synchronous spawn of `child` (published, not yet run)
/// running `start`, with the spawn options `opts` as erts records them.
pub fn after_spawn(ctx: &mut Ctx, child: Term, start: crate::proc::spawn::Start, opts: Term) {
    let Some(r) = ptable::lookup(child) else {
        return;
    };
    let (m, f, args) = match start {
        crate::proc::spawn::Start::Mfa(m, f, a) => (m, f, a),
        crate::proc::spawn::Start::Fun(fun) => {
            let a = crate::data::build::list_from_slice(ctx, &[fun, NIL]);
            (am::ERLANG, am::APPLY, a)
        }
    };
    let spawn_ref = crate::data::build::make_ref(ctx);
    let tag = atom::intern("spawn_reply");
    let reply = make_tuple(ctx, &[tag, spawn_ref, am::OK, child]);
    let req = SpawnReq {
        m,
        f,
        args,
        opts,
        tag,
        spawn_ref,
    };
    // SAFETY: the child was just published and has not run: one scheduler
    // thread runs processes, and it is running the caller.
    let child = unsafe { &mut *r.ptr() };
    spawned(ctx, child, req, true, Some(reply));
}

#[cfg(test)]
#[path = "seq_trace_tests.rs"]
mod tests;
