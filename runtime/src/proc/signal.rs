//! Messages and signals between processes, and what happens when a
//! process exits.
//!
//! Senders push messages onto the receiver's `inbox` and signals (exit,
//! link, unlink) onto its `signals` queue, stamped with the inbox length
//! so that the receiver handles everything from one sender in order. The
//! receiver alone moves them into `msgq` and acts on signals: at the start
//! of each time slice (`sched.rs`) and whenever `receive` runs out of seen
//! messages (`native/recv.rs`).
//!
//! Lock order: `inbox`, then `signals`.

use crate::data::build::make_tuple;
use crate::heap::ctx::Ctx;
use crate::heap::process::{pstate, Message, Process, Signal};
use crate::proc::ptable::{self, ProcRef};
use crate::term::atom::am;
use crate::term::{Term, NIL};
use std::collections::VecDeque;
use std::io::Write;
use std::sync::atomic::Ordering;

/// Appends `msg` to the inbox of `to` and wakes it if it waits.
pub fn deliver_message(to: &ProcRef, msg: Message) {
    to.inbox().lock().unwrap().push_back(msg);
    crate::proc::runq::wake(to);
}

/// Queues a signal for `to` and wakes it if it waits.
pub fn deliver_signal(to: &ProcRef, sig: Signal) {
    {
        let inbox = to.inbox().lock().unwrap();
        let mut sigs = to.signals().lock().unwrap();
        sigs.push_back((inbox.len(), sig));
        to.has_signals().store(true, Ordering::SeqCst);
    }
    crate::proc::runq::wake(to);
}

/// Sends a message that is already copied out of any heap to a pid or a
/// registered name; unknown destinations drop it (timers use this).
pub fn send_copied(to: Term, msg: Message) {
    let pid = if to.is_atom() {
        ptable::whereis(to)
    } else {
        Some(to)
    };
    if let Some(r) = pid.and_then(ptable::lookup) {
        deliver_message(&r, msg);
    }
}

/// Sends an exit signal `{'EXIT', From, Reason}` built on the heap of the
/// process bound to `ctx` (the sender).
pub fn send_exit(ctx: &mut Ctx, to: &ProcRef, from: Term, reason: Term, linked: bool) {
    let t = make_tuple(ctx, &[am::EXIT_UPPER, from, reason]);
    let mut msg = crate::gc::copy::copy_to_message(t);
    // As erts' exit signals from a sender without a sequential trace
    // token: a trapped `'EXIT'` message clears the receiver's token. A
    // pid there does the same and names the sender (`seq_trace::
    // proc_message`).
    msg.token = if from.is_pid() { from } else { NIL };
    deliver_signal(to, Signal::Exit { from, msg, linked });
}

/// Why a signal ends the receiving process.
pub enum Death {
    /// `exit(Pid, kill)`: the process dies with reason `killed`.
    Killed,
    /// The reason is element 3 of the `{'EXIT', From, Reason}` held here.
    Exit(Message),
}

impl Death {
    /// The exit reason; valid while `self` lives.
    pub fn reason(&self) -> Term {
        match self {
            Death::Killed => am::KILLED,
            // SAFETY: exit signals always carry a 3-tuple.
            Death::Exit(m) => unsafe { m.term.tuple_elem(2) },
        }
    }
}

/// Moves unseen messages into `msgq` and handles pending signals in order.
/// A fatal signal is returned if `can_die`; otherwise it stays pending
/// (with everything after it) for the scheduler to handle.
#[inline]
pub fn fetch(p: &mut Process, can_die: bool) -> Option<Death> {
    if p.trace_flags.load(Ordering::Relaxed) != 0 {
        return crate::proc::tracing::fetch_traced(p, can_die);
    }
    fetch_untraced(p, can_die)
}

/// `fetch` without reporting received messages to a tracer.
pub fn fetch_untraced(p: &mut Process, can_die: bool) -> Option<Death> {
    let mut inbox = p.inbox.lock().unwrap();
    if !p.has_signals.load(Ordering::SeqCst) {
        if p.msgq.is_empty() {
            // O(1) however many messages wait (BEAM splices a list).
            std::mem::swap(&mut p.msgq, &mut *inbox);
        } else {
            p.msgq.extend(inbox.drain(..));
        }
        return None;
    }
    let mut sigs = p.signals.lock().unwrap();
    let mut moved = 0usize;
    while let Some((pos, sig)) = sigs.pop_front() {
        let n = pos.saturating_sub(moved).min(inbox.len());
        p.msgq.extend(inbox.drain(..n));
        moved += n;
        if let Signal::Link(from) | Signal::Unlink(from) = &sig {
            if p.trace_flags.load(Ordering::Relaxed) != 0 {
                let link = matches!(sig, Signal::Link(_));
                crate::proc::tracing::defer_link(*from, link, p.msgq.len());
            }
        }
        // A link's exit signal that does not end the process removes the
        // link: `getting_unlinked` for a traced one (as BEAM).
        let unlinker = match &sig {
            Signal::Exit {
                from, linked: true, ..
            } if p.trace_flags.load(Ordering::Relaxed) != 0 && p.links.contains(from) => {
                Some(*from)
            }
            _ => None,
        };
        // Where the signal falls among the messages (a traced process
        // reports both in this order).
        let at = p.msgq.len();
        let mut st = SigTarget {
            trap_exit: p.trap_exit,
            links: &mut p.links,
            msgq: &mut p.msgq,
            death: None,
        };
        if let Some(sig) = st.apply(sig, can_die) {
            // Fatal but we may not die here: keep it and the rest pending.
            for s in sigs.iter_mut() {
                s.0 -= moved.min(s.0);
            }
            sigs.push_front((0, sig));
            return None;
        }
        if let Some(d) = st.death.take() {
            p.has_signals.store(!sigs.is_empty(), Ordering::SeqCst);
            return Some(d);
        }
        if let Some(from) = unlinker {
            crate::proc::tracing::defer_link(from, false, at);
        }
    }
    p.msgq.extend(inbox.drain(..));
    // A suspended process keeps the flag (see `suspend.rs`): the
    // scheduler's signal path is where it parks.
    let suspended = p.suspended.load(Ordering::Relaxed) != 0;
    p.has_signals.store(suspended, Ordering::SeqCst);
    None
}

/// The fields of the receiver a signal may change.
struct SigTarget<'a> {
    trap_exit: bool,
    links: &'a mut Vec<Term>,
    msgq: &'a mut VecDeque<Message>,
    death: Option<Death>,
}

impl SigTarget<'_> {
    /// Acts on `sig`. Returns it back, untouched, if it is fatal and
    /// `can_die` is false; a fatal signal otherwise lands in `death`.
    fn apply(&mut self, sig: Signal, can_die: bool) -> Option<Signal> {
        match sig {
            Signal::Link(from) => {
                if !self.links.contains(&from) {
                    self.links.push(from);
                }
            }
            Signal::Unlink(from) => self.links.retain(|&l| l != from),
            Signal::Exit { from, msg, linked } => {
                if linked && !self.links.contains(&from) {
                    return None; // unlinked meanwhile
                }
                // SAFETY: exit signals always carry a 3-tuple.
                let reason = unsafe { msg.term.tuple_elem(2) };
                let kill = !linked && reason == am::KILL;
                let fatal = kill || (!self.trap_exit && reason != am::NORMAL);
                if fatal && !can_die {
                    return Some(Signal::Exit { from, msg, linked });
                }
                if linked {
                    self.links.retain(|&l| l != from);
                }
                if kill {
                    self.death = Some(Death::Killed);
                } else if self.trap_exit {
                    self.msgq.push_back(msg);
                } else if fatal {
                    self.death = Some(Death::Exit(msg));
                }
            }
        }
        None
    }
}

/// Whether the signals pending for `r` will end it when it handles them.
/// Signals from one sender arrive in order, so after `exit(P, kill)` the
/// sender must already see P as dead (`is_process_alive`, `process_info`).
/// Reads `trap_exit` and `links` of a process that is not running (true
/// with one scheduler; see `bif/process.rs`).
pub fn doomed(r: &ProcRef) -> bool {
    if !r.has_signals().load(Ordering::SeqCst) {
        return false;
    }
    let _inbox = r.inbox().lock().unwrap();
    let sigs = r.signals().lock().unwrap();
    // SAFETY: only plain reads of fields the owner changes while running,
    // and the process is not running (see above).
    let (trap_exit, mut links) = unsafe {
        let p = &*r.ptr();
        (p.trap_exit, p.links.clone())
    };
    for (_, s) in sigs.iter() {
        match s {
            Signal::Link(f) => links.push(*f),
            Signal::Unlink(f) => links.retain(|l| l != f),
            Signal::Exit { from, msg, linked } => {
                if *linked && !links.contains(from) {
                    continue;
                }
                // SAFETY: exit signals always carry a 3-tuple.
                let reason = unsafe { msg.term.tuple_elem(2) };
                if (!linked && reason == am::KILL) || (!trap_exit && reason != am::NORMAL) {
                    return true;
                }
                if *linked {
                    links.retain(|l| l != from);
                }
            }
        }
    }
    false
}

/// Ends the process bound to `ctx` (owned by the caller's scheduler) with
/// `reason`: runs the exit hooks (`entity.rs`: the boot process, I/O
/// workers), reports a crash if `report` and no hook accounted for it, unpublishes the process and sends exit signals to its links.
/// `reason` must stay valid during the call (heap, fragment or literal).
pub fn terminate(ctx: &mut Ctx, r: &ProcRef, reason: Term, report: bool) {
    let pid = r.pid();
    if crate::proc::tracing::flags(crate::proc::tracing::of(r)) != 0 {
        crate::proc::tracing::exited(crate::proc::tracing::of(r), reason);
    }
    let accounted = crate::proc::entity::on_exit(ctx, pid, reason);
    if !accounted && report && !crate::proc::syslog::process_error(ctx, pid, reason) {
        error_report(pid, reason);
    }
    r.state().store(pstate::EXITED, Ordering::SeqCst);
    ptable::unregister_pid(pid);
    ptable::remove(pid);
    crate::proc::suspend::on_exit(pid, r.suspended().load(Ordering::SeqCst) != 0);
    crate::gc::sysmon::on_exit(pid);
    crate::proc::gc_state::on_exit(pid);
    let links = {
        // SAFETY: the caller's scheduler owns the process; this borrow
        // ends before `ctx` (bound to the same process) is used again.
        let p = unsafe { &mut *r.ptr() };
        if let Some(d) = p.timer_deadline.take() {
            crate::proc::timer::cancel((d, p.timer_seq));
        }
        p.exit_reason = reason;
        std::mem::take(&mut p.links)
    };
    crate::proc::entity::on_unpublished(ctx, pid);
    for l in links {
        if let Some(t) = ptable::lookup(l) {
            if crate::proc::seq_trace::active() {
                crate::proc::seq_trace::link_exit(ctx, &t, pid, reason);
            } else {
                send_exit(ctx, &t, pid, reason, true);
            }
        } else if let Some(e) = crate::proc::entity::lookup(l) {
            // A port (or another entity) linked to the process.
            e.exit_signal(ctx, l, pid, reason, true);
        }
    }
    crate::proc::monitor::fire(ctx, pid, reason);
}

/// The `=ERROR REPORT====` erl's logger prints when a process dies of an
/// uncaught error (stderr, one write).
pub fn error_report(pid: Term, reason: Term) {
    let text = format!(
        "=ERROR REPORT==== {} ===\nError in process {} with exit value:\n{}\n\n",
        local_timestamp(),
        crate::data::display::display_string(pid),
        crate::data::display::display_string(reason)
    );
    let mut e = std::io::stderr().lock();
    let _ = e.write_all(text.as_bytes());
    let _ = e.flush();
}

/// `24-Nov-2026::06:19:10.386320` in local time.
pub fn local_timestamp() -> String {
    const MONTHS: [&str; 12] = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ];
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap_or_default();
    let secs = now.as_secs() as libc::time_t;
    // SAFETY: `tm` is plain data; localtime_r only writes into it.
    let mut tm: libc::tm = unsafe { std::mem::zeroed() };
    // SAFETY: both pointers are valid for the call.
    unsafe { libc::localtime_r(&secs, &mut tm) };
    format!(
        "{}-{}-{}::{:02}:{:02}:{:02}.{:06}",
        tm.tm_mday,
        MONTHS[(tm.tm_mon.clamp(0, 11)) as usize],
        tm.tm_year + 1900,
        tm.tm_hour,
        tm.tm_min,
        tm.tm_sec,
        now.subsec_micros()
    )
}

/// `[{M, F, Args, []}]`-style frame helper for errors raised without code.
pub fn mfa_frame(ctx: &mut Ctx, m: Term, f: Term, args: Term) -> Term {
    make_tuple(ctx, &[m, f, args, NIL])
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::heap::process::DEFAULT_HEAP_WORDS;

    fn msg(t: Term) -> Message {
        Message {
            term: t,
            frag: None,
            token: crate::term::atom::am::UNDEFINED,
        }
    }

    fn exit_sig(ctx: &mut Ctx, from: Term, reason: Term, linked: bool) -> Signal {
        let t = make_tuple(ctx, &[am::EXIT_UPPER, from, reason]);
        Signal::Exit {
            from,
            msg: crate::gc::copy::copy_to_message(t),
            linked,
        }
    }

    fn push_sig(p: &Process, s: Signal) {
        let inbox = p.inbox.lock().unwrap();
        p.signals.lock().unwrap().push_back((inbox.len(), s));
        p.has_signals.store(true, Ordering::SeqCst);
    }

    fn terms(p: &Process) -> Vec<Term> {
        p.msgq.iter().map(|m| m.term).collect()
    }

    #[test]
    fn signals_keep_their_place_among_messages() {
        let mut tp = crate::testutil::TestProc::new();
        let other = Term::pid(77);
        let mut p = Process::new(Term::pid(76), DEFAULT_HEAP_WORDS);
        p.trap_exit = true;
        p.links.push(other);
        p.inbox.lock().unwrap().push_back(msg(Term::small(1)));
        let s = exit_sig(tp.ctx(), other, am::NORMAL, true);
        push_sig(&p, s);
        p.inbox.lock().unwrap().push_back(msg(Term::small(2)));
        assert!(fetch(&mut p, true).is_none());
        let q = terms(&p);
        assert_eq!(q.len(), 3);
        assert_eq!(q[0], Term::small(1));
        assert!(q[1].is_tuple());
        assert_eq!(q[2], Term::small(2));
        assert!(p.links.is_empty());
        assert!(!p.has_signals.load(Ordering::SeqCst));
    }

    #[test]
    fn fatal_signals_wait_for_the_scheduler() {
        let mut tp = crate::testutil::TestProc::new();
        let other = Term::pid(79);
        let mut p = Process::new(Term::pid(78), DEFAULT_HEAP_WORDS);
        p.links.push(other);
        p.inbox.lock().unwrap().push_back(msg(Term::small(1)));
        let s = exit_sig(tp.ctx(), other, am::BADARG, true);
        push_sig(&p, s);
        p.inbox.lock().unwrap().push_back(msg(Term::small(2)));
        // receive may not die: the message before the signal is seen,
        // the one after it is not.
        assert!(fetch(&mut p, false).is_none());
        assert_eq!(terms(&p), vec![Term::small(1)]);
        assert!(p.has_signals.load(Ordering::SeqCst));
        assert_eq!(p.links, vec![other]);
        let d = fetch(&mut p, true).expect("dies");
        assert_eq!(d.reason(), am::BADARG);
        assert!(p.links.is_empty());
    }

    #[test]
    fn normal_exits_unlinks_and_kill() {
        let mut tp = crate::testutil::TestProc::new();
        let a = Term::pid(81);
        let mut p = Process::new(Term::pid(80), DEFAULT_HEAP_WORDS);
        // normal exit from a link: ignored when not trapping
        p.links.push(a);
        let s = exit_sig(tp.ctx(), a, am::NORMAL, true);
        push_sig(&p, s);
        assert!(fetch(&mut p, true).is_none());
        assert!(p.msgq.is_empty() && p.links.is_empty());
        // a link signal, then an exit from a process that is no longer
        // linked (unlinked meanwhile): ignored
        push_sig(&p, Signal::Link(a));
        push_sig(&p, Signal::Unlink(a));
        let s = exit_sig(tp.ctx(), a, am::BADARG, true);
        push_sig(&p, s);
        assert!(fetch(&mut p, true).is_none());
        // exit/2 with kill cannot be trapped
        p.trap_exit = true;
        let s = exit_sig(tp.ctx(), a, am::KILL, false);
        push_sig(&p, s);
        let d = fetch(&mut p, true).expect("killed");
        assert_eq!(d.reason(), am::KILLED);
        // a linked process dying with reason kill is trappable
        p.links.push(a);
        let s = exit_sig(tp.ctx(), a, am::KILL, true);
        push_sig(&p, s);
        assert!(fetch(&mut p, true).is_none());
        assert_eq!(p.msgq.len(), 1);
    }
}
