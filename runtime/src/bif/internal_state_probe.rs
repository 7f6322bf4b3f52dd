//! `erts_debug:get_internal_state/1` and `set_internal_state/2` items that
//! look at girder's own structures (after `internal_state.rs` has checked
//! that the caller enabled them):
//! - get `{binary_info, B}`: `heap_binary` for a binary on the process
//!   heap (or a sub-binary of one), else `{refc_binary, Size, {binary,
//!   Allocated}, Flags}` of the off-heap binary under it: `Size` the bytes
//!   its ProcBin covers, `Allocated` the bytes its buffer holds (appends
//!   allocate spare room, as BEAM's do) and `Flags` BEAM's ProcBin flags,
//!   `PB_IS_WRITABLE | PB_ACTIVE_WRITER` (3) when `B` is the writable
//!   binary appends extend in place, else 0 (girder keeps writability on
//!   that sub-binary rather than on the ProcBin);
//! - get `next_pid`: the number the next spawned process gets; set
//!   `next_pid`, N: spawning continues with the first number above N that
//!   no live process has, which is returned (as in BEAM);
//! - get `{process_status, Pid}`: `running`, `runnable`, `waiting` or
//!   `exiting` for a process in the process table, `undefined` once it is
//!   gone (OTP's tests wait for that to know a dead process is cleaned
//!   up);
//! - get `{make_unique_integer, ThrId, Value}`: the plain unique integer
//!   thread `ThrId` hands out as its `Value`-th (`unique.rs`'s layout);
//! - get `memory`: `erlang:memory()` (BEAM reads it with thread progress
//!   blocked; nothing else runs during a BIF on girder's one scheduler);
//! - get `stack_check`: recurses on the native stack until the stack-limit
//!   check stops it and returns how many bytes that took
//!   (`stack_limit.rs`);
//! - set `multizero_timeout_in_timeout`, Ms: a timer of Ms milliseconds
//!   whose expiry starts a zero timer, whose expiry starts another, whose
//!   expiry sends `multizero_timeout_in_timeout_done` to the caller
//!   (BEAM's check that zero timeouts set from inside a timeout fire).

use crate::heap::ctx::Ctx;
use crate::term::atom;
use crate::term::{Term, HDR_HEAP_BIN, HDR_REFC_BIN, HDR_SUB_BIN};

/// BEAM's ProcBin flags `PB_IS_WRITABLE | PB_ACTIVE_WRITER`.
const PB_WRITER_FLAGS: i64 = 3;

fn is(t: Term, name: &str) -> bool {
    t.is_atom() && atom::name(t) == name
}

/// The value of the item, or None when it is not one of these.
pub fn get(ctx: &mut Ctx, item: Term) -> Option<Term> {
    if is(item, "next_pid") {
        return Some(Term::small(crate::proc::ptable::next_pid_number() as i64));
    }
    if is(item, "memory") {
        return Some(super::memory::memory_0(ctx, &[]));
    }
    if is(item, "stack_check") {
        return Some(Term::small(super::stack_limit::probe() as i64));
    }
    if !item.is_tuple() {
        return None;
    }
    // SAFETY: `item` is a tuple; elements are read below its arity.
    let (n, tag) = unsafe { (item.tuple_arity(), item.tuple_elem(0)) };
    if n == 2 && is(tag, "binary_info") {
        // SAFETY: arity 2.
        return binary_info(ctx, unsafe { item.tuple_elem(1) });
    }
    if n == 2 && is(tag, "process_status") {
        // SAFETY: arity 2.
        let pid = unsafe { item.tuple_elem(1) };
        return pid.is_pid().then(|| process_status(ctx, pid));
    }
    if n == 3 && is(tag, "make_unique_integer") {
        // SAFETY: arity 3.
        let (a, b) = unsafe { (item.tuple_elem(1), item.tuple_elem(2)) };
        let v = super::unique::make_plain(to_u64(a)?, to_u64(b)?);
        return Some(crate::data::big::make_i128(ctx, v));
    }
    None
}

/// `erts_debug:set_internal_state(Item, Value)` items here, or None.
pub fn set(ctx: &mut Ctx, item: Term, value: Term) -> Option<Term> {
    if is(item, "next_pid") {
        let n = crate::data::big::to_i64(value).filter(|&n| (0..1 << 56).contains(&n))?;
        return Some(Term::small(
            crate::proc::ptable::set_next_pid_number(n as u64) as i64,
        ));
    }
    if is(item, "multizero_timeout_in_timeout") {
        let ms = crate::data::big::to_i64(value).filter(|&n| n >= 0)?;
        // SAFETY: a process is scheduled on `ctx`.
        let me = unsafe { ctx.process().pid };
        multizero(me, ms as u64);
        return Some(atom::intern("ok"));
    }
    None
}

fn process_status(ctx: &mut Ctx, pid: Term) -> Term {
    use crate::heap::process::pstate;
    // SAFETY: a process is scheduled on `ctx`.
    if pid == unsafe { ctx.process().pid } {
        return atom::intern("running");
    }
    let Some(r) = crate::proc::ptable::lookup(pid) else {
        return atom::intern("undefined");
    };
    if r.is_alive() && r.suspended().load(std::sync::atomic::Ordering::Acquire) != 0 {
        return atom::intern("suspended");
    }
    atom::intern(match r.state().load(std::sync::atomic::Ordering::Acquire) {
        pstate::WAITING => "waiting",
        pstate::RUNNABLE => "runnable",
        pstate::RUNNING => "running",
        _ => "exiting",
    })
}

fn to_u64(t: Term) -> Option<u64> {
    crate::data::big::to_i128(t).and_then(|v| u64::try_from(v).ok())
}

fn binary_info(ctx: &mut Ctx, b: Term) -> Option<Term> {
    if !crate::data::binary::is_bitstring(b) {
        return None;
    }
    use crate::data::binary::layout::{proc_bin_buf, word, SUB_WRITABLE};
    // SAFETY: `b` is a binary: a heap binary, a ProcBin or a sub-binary
    // whose word 4 is its orig (a heap binary or a ProcBin).
    let (orig, writable) = unsafe {
        if b.boxed_subtag() == HDR_SUB_BIN {
            (Term(word(b, 4)), word(b, 3) & SUB_WRITABLE != 0)
        } else {
            (b, false)
        }
    };
    // SAFETY: `orig` is boxed.
    let sub = unsafe { orig.boxed_subtag() };
    if sub != HDR_REFC_BIN {
        debug_assert_eq!(sub, HDR_HEAP_BIN);
        return Some(atom::intern("heap_binary"));
    }
    // SAFETY: `orig` is a ProcBin: word 1 its size, its buffer live.
    let (size, cap) = unsafe { (word(orig, 1), (*proc_bin_buf(orig)).cap as u64) };
    let size = crate::data::big::make_u64(ctx, size);
    let cap = crate::data::big::make_u64(ctx, cap);
    let inner = crate::data::build::make_tuple(ctx, &[atom::intern("binary"), cap]);
    let flags = Term::small(if writable { PB_WRITER_FLAGS } else { 0 });
    Some(crate::data::build::make_tuple(
        ctx,
        &[atom::intern("refc_binary"), size, inner, flags],
    ))
}

/// The three chained timers of `multizero_timeout_in_timeout`.
fn multizero(to: Term, ms: u64) {
    use crate::proc::timer::{add, deadline_after_ms, Action};
    let last = move || {
        let done = atom::intern("multizero_timeout_in_timeout_done");
        let msg = crate::gc::copy::copy_to_message(done);
        crate::proc::signal::send_copied(to, msg);
    };
    let second = move || {
        add(deadline_after_ms(0), Action::Call(Box::new(last)));
    };
    let first = move || {
        add(deadline_after_ms(0), Action::Call(Box::new(second)));
    };
    add(deadline_after_ms(ms), Action::Call(Box::new(first)));
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testutil::TestProc;

    #[test]
    fn binary_info_of_heap_and_refc_binaries() {
        let mut tp = TestProc::new();
        let ctx = tp.ctx();
        let small = crate::data::binary::build::make_binary(ctx, &[1, 2, 3]);
        assert_eq!(binary_info(ctx, small), Some(atom::intern("heap_binary")));
        let big = crate::data::binary::build::make_binary(ctx, &[7; 100]);
        let info = binary_info(ctx, big).unwrap();
        // SAFETY: a 4-tuple.
        unsafe {
            assert_eq!(info.tuple_elem(1), Term::small(100));
            assert_eq!(info.tuple_elem(3), Term::small(0));
        }
        assert_eq!(binary_info(ctx, Term::small(1)), None);
    }
}
