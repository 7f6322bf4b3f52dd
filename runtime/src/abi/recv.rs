//! `send` and the receive family, called by generated code. Generated code
//! stores `ctx.hp`/`ctx.sp` before these calls and reloads them after.
//!
//! A receive walks `Process::msgq` with `cursor`: `rt_recv_peek` returns
//! the message at the cursor (fetching unseen messages from the inbox when
//! the cursor is at the end), `rt_recv_next` skips it, `rt_recv_remove`
//! takes it, and `rt_recv_wait_timeout`/`rt_recv_timeout` implement
//! `after`. Messages stay in their heap fragments until the next GC.

use crate::heap::ctx::Ctx;
use crate::heap::process::Process;
use crate::proc::ptable;
use crate::proc::signal;
use crate::term::atom::am;
use crate::term::{Term, HDR_REF, NON_VALUE};
use std::sync::atomic::Ordering;

/// The largest `after` timeout BEAM accepts, in milliseconds.
pub const MAX_TIMEOUT_MS: i64 = u32::MAX as i64;

/// Most receive markers a process keeps; older ones are dropped (which
/// only makes a receive scan more, never less).
const MAX_MARKERS: usize = 8;

pub use crate::heap::process::RecvMarker;

/// `send`: `to ! msg`. Returns `msg`, or NON_VALUE with `badarg`.
/// # Safety
/// Called by generated code with a valid context.
pub unsafe extern "C" fn rt_send(ctx: *mut Ctx, to: Term, msg: Term) -> Term {
    send(&mut *ctx, to, msg)
}

/// Sends `msg` to a pid, a registered name, `{Name, Node}` or a process
/// alias (a reference, see `bif/alias.rs`). Sending to a dead pid, an
/// inactive alias, or to `{Name, Node}` with an unknown name or another
/// node, does nothing; an unregistered bare name is `badarg`.
pub fn send(ctx: &mut Ctx, to: Term, msg: Term) -> Term {
    let dest = if to.is_pid() || to.is_port() {
        Some(to)
    } else if to.is_atom() {
        match ptable::whereis(to) {
            Some(p) => Some(p),
            None => {
                // BEAM reports the send before failing.
                // SAFETY: a non-null `proc_` is the process bound here.
                if !ctx.proc_.is_null()
                    && unsafe { (*ctx.proc_).trace_flags.load(Ordering::Relaxed) } != 0
                {
                    crate::proc::tracing::send(ctx, msg, to, true);
                }
                return ctx.badarg();
            }
        }
    } else if to.is_tuple() && unsafe { to.tuple_arity() } == 2 {
        // SAFETY: checked to be a 2-tuple.
        let (name, node) = unsafe { (to.tuple_elem(0), to.tuple_elem(1)) };
        if !name.is_atom() || !node.is_atom() {
            return ctx.badarg();
        }
        if node == am::NONODE {
            ptable::whereis(name)
        } else {
            None
        }
    } else if to.is_boxed_of(HDR_REF) {
        return crate::proc::alias::send_to_ref(ctx, to, msg);
    } else {
        return ctx.badarg();
    };
    let found = if let Some(r) = dest.and_then(ptable::lookup) {
        let m = crate::proc::seq_trace::proc_message(ctx, r.pid(), &r, msg);
        signal::deliver_message(&r, m);
        true
    } else if let Some((d, e)) = dest.and_then(|d| Some((d, crate::proc::entity::lookup(d)?))) {
        // A native entity (an I/O server): never in the process table.
        // SAFETY: a non-null `proc_` is the process bound to this context.
        if let Some(p) = unsafe { ctx.proc_.as_mut() }.filter(|p| p.seq.token.is_some()) {
            crate::proc::seq_trace::send_to_port(p, d, msg);
        }
        e.deliver(ctx, d, msg);
        true
    } else {
        false
    };
    // SAFETY: a non-null `proc_` is the process bound to this context.
    if !ctx.proc_.is_null() && unsafe { (*ctx.proc_).trace_flags.load(Ordering::Relaxed) } != 0 {
        crate::proc::tracing::send(ctx, msg, to, found);
    }
    msg
}

/// Makes sure the message at the cursor has been fetched if there is one.
fn fill(p: &mut Process) {
    if p.cursor >= p.msgq.len() {
        signal::fetch(p, false);
    }
}

/// `loop_rec`: the message at the cursor, or NON_VALUE if there is none.
/// # Safety
/// Called by generated code with a process scheduled on `ctx`.
pub unsafe extern "C" fn rt_recv_peek(ctx: *mut Ctx) -> Term {
    let p = (*ctx).process();
    fill(p);
    p.msgq.get(p.cursor).map_or(NON_VALUE, |m| m.term)
}

/// `loop_rec_end`: skip the message at the cursor.
/// # Safety
/// Called by generated code with a process scheduled on `ctx`.
pub unsafe extern "C" fn rt_recv_next(ctx: *mut Ctx) -> u64 {
    let p = (*ctx).process();
    p.cursor += 1;
    0
}

/// `remove_message`: take the message at the cursor out of the queue. Its
/// term is in use, so its fragment joins the heap fragments until the
/// next GC. Ends the receive: cursor back to 0, timer cleared.
/// # Safety
/// Called by generated code with a process scheduled on `ctx`.
pub unsafe extern "C" fn rt_recv_remove(ctx: *mut Ctx) -> u64 {
    let p = (*ctx).process();
    if crate::proc::seq_trace::active() {
        crate::proc::seq_trace::on_receive(p, p.cursor);
    }
    take_message(p, p.cursor);
    p.cursor = 0;
    clear_timer(p);
    // Its refc binaries count against the binary virtual heap.
    (*ctx).check_vheap();
    0
}

/// Takes message `i` out of the queue and returns its term, which is in
/// use from now on: its fragment joins the heap fragments until the next
/// GC (and its refc binaries the heap's off-heap list). Markers and the
/// cursor after it move back by one, so they keep naming the same message.
pub fn take_message(p: &mut Process, i: usize) -> Option<Term> {
    let m = p.msgq.remove(i)?;
    let t = crate::gc::copy::adopt(p, m);
    for mk in p.recv_markers.iter_mut() {
        if mk.pos > i {
            mk.pos -= 1;
        }
    }
    if p.cursor > i {
        p.cursor -= 1;
    }
    Some(t)
}

/// Where a receive for messages that must contain the reference with id
/// words `id` may start: the position of the marker bound to it, or 0.
pub fn marker_pos(p: &Process, id: (u64, u64)) -> usize {
    p.recv_markers
        .iter()
        .find(|mk| mk.reference == Some(id))
        .map_or(0, |mk| mk.pos.min(p.msgq.len()))
}

fn clear_timer(p: &mut Process) {
    if let Some(d) = p.timer_deadline.take() {
        crate::proc::timer::cancel((d, p.timer_seq));
    }
    p.timed_out = false;
}

/// `wait_timeout`: 0 = suspend (the timer is armed on the first call of a
/// receive and left alone after that), 1 = timed out (run the `after`
/// body), 2 = `timeout_value` error recorded in the context.
/// # Safety
/// Called by generated code with a process scheduled on `ctx`.
pub unsafe extern "C" fn rt_recv_wait_timeout(ctx: *mut Ctx, timeout: Term) -> i64 {
    let ctx = &mut *ctx;
    let p = ctx.process();
    if p.timed_out {
        return 1;
    }
    if let Some(d) = p.timer_deadline {
        if crate::proc::timer::now_ns() >= d {
            p.timed_out = true;
            return 1;
        }
        return 0;
    }
    let ms = if timeout == am::INFINITY {
        return 0;
    } else if timeout.is_small() && (0..=MAX_TIMEOUT_MS).contains(&timeout.small_value()) {
        timeout.small_value() as u64
    } else {
        // The receive is over: the next one scans from the start (BEAM
        // resets its save pointer too; gh-5235).
        p.cursor = 0;
        ctx.error(am::TIMEOUT_VALUE);
        return 2;
    };
    if ms == 0 {
        p.timed_out = true;
        return 1;
    }
    let deadline = crate::proc::timer::deadline_after_ms(ms);
    let pid = p.pid.pid_number();
    let key = crate::proc::timer::add(deadline, crate::proc::timer::Action::Timeout { pid });
    p.timer_deadline = Some(deadline);
    p.timer_seq = key.1;
    0
}

/// `timeout`: the `after` body runs; the receive is over.
/// # Safety
/// Called by generated code with a process scheduled on `ctx`.
pub unsafe extern "C" fn rt_recv_timeout(ctx: *mut Ctx) -> u64 {
    let p = (*ctx).process();
    // While it waited, BEAM handled the signals that arrived (a `DOWN`
    // becomes a message then, which `demonitor` can tell): fetch them, as
    // a `receive after T` without clauses has no `loop_rec` that would.
    signal::fetch(p, false);
    clear_timer(p);
    p.cursor = 0;
    if p.trace_flags.load(Ordering::Relaxed) & crate::heap::trace_flags::RECEIVE != 0 {
        // BEAM reports a timeout as a received `timeout`.
        let clock = crate::term::atom::intern("clock_service");
        crate::proc::tracing::received(p, clock, crate::term::atom::intern("timeout"));
    }
    0
}

/// `recv_marker_reserve`: a marker at the current end of the queue.
/// # Safety
/// Called by generated code with a process scheduled on `ctx`.
pub unsafe extern "C" fn rt_recv_marker_reserve(ctx: *mut Ctx) -> Term {
    let p = (*ctx).process();
    signal::fetch(p, false);
    // Ids need only differ among one process's live markers (at most
    // `MAX_MARKERS`): the process's counter, cut to a small integer so
    // that no allocation is needed whatever its value.
    p.uniq = p.uniq.wrapping_add(1);
    let id = p.uniq & ((1 << 58) - 1);
    if p.recv_markers.len() >= MAX_MARKERS {
        p.recv_markers.remove(0);
    }
    p.recv_markers.push(RecvMarker {
        id,
        reference: None,
        pos: p.msgq.len(),
    });
    Term::small(id as i64)
}

/// The id words of a local reference.
fn ref_id(r: Term) -> Option<(u64, u64)> {
    if !r.is_boxed_of(HDR_REF) {
        return None;
    }
    // SAFETY: a local ref is [header, hi, lo].
    unsafe {
        let w = r.boxed_ptr();
        Some((*w.add(1), *w.add(2)))
    }
}

/// `recv_marker_bind`: ties `marker` to the reference `reference`.
/// # Safety
/// Called by generated code with a process scheduled on `ctx`.
pub unsafe extern "C" fn rt_recv_marker_bind(ctx: *mut Ctx, marker: Term, reference: Term) -> u64 {
    let p = (*ctx).process();
    let id = ref_id(reference);
    if marker.is_small() && id.is_some() {
        let m = marker.small_value() as u64;
        if let Some(mk) = p.recv_markers.iter_mut().find(|mk| mk.id == m) {
            mk.reference = id;
        }
    }
    0
}

/// `recv_marker_clear`: forgets the marker bound to `reference`.
/// # Safety
/// Called by generated code with a process scheduled on `ctx`.
pub unsafe extern "C" fn rt_recv_marker_clear(ctx: *mut Ctx, reference: Term) -> u64 {
    let p = (*ctx).process();
    if let Some(id) = ref_id(reference) {
        p.recv_markers.retain(|mk| mk.reference != Some(id));
    }
    0
}

/// `recv_marker_use`: the coming receive starts at the marker bound to
/// `reference` (if any): earlier messages cannot contain the reference.
/// # Safety
/// Called by generated code with a process scheduled on `ctx`.
pub unsafe extern "C" fn rt_recv_marker_use(ctx: *mut Ctx, reference: Term) -> u64 {
    let p = (*ctx).process();
    if let Some(id) = ref_id(reference) {
        let pos = marker_pos(p, id);
        if pos > p.cursor {
            p.cursor = pos;
        }
    }
    0
}

#[cfg(test)]
#[path = "recv_tests.rs"]
mod tests;
