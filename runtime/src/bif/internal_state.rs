//! `erts_debug:set_internal_state/2` and `erts_debug:get_internal_state/1`,
//! the test hooks OTP's emulator suites use, for the items girder can
//! honour.
//!
//! As in BEAM, both raise `undef` until a process enables them with
//! `set_internal_state(available_internal_state, true)` (which returns the
//! previous setting; BEAM also logs a warning then, girder does not). Items:
//! - `reds_left`: get the calling process's remaining reductions in this
//!   time slice; set them (0..=4000; other integers are ignored) -> `true`;
//! - `force_gc`, Pid: `true` after collecting the caller (as BEAM, which
//!   forces a collection of the caller) if Pid is a live process, else
//!   `false`;
//! - `process_uniq_counter`, N (a 64-bit integer): sets the caller's
//!   counter of receive-marker ids -> `ok`;
//! - get `{atom, N}`: the atom with index N, creating `amX` atoms until it
//!   exists (as BEAM);
//! - get `available_internal_state`: `true`.
//!
//! Everything else is `badarg`.

use super::{bif, BifDef};
use crate::heap::ctx::{Ctx, CONTEXT_REDS};
use crate::term::atom::{self, am};
use crate::term::Term;
use std::sync::atomic::{AtomicBool, Ordering};

pub const BIFS: &[BifDef] = &[
    bif!("erts_debug", "set_internal_state", 2, set_internal_state_2),
    bif!("erts_debug", "get_internal_state", 1, get_internal_state_1),
];

static AVAILABLE: AtomicBool = AtomicBool::new(false);

fn is(t: Term, name: &str) -> bool {
    t.is_atom() && atom::name(t) == name
}

fn set_internal_state_2(ctx: &mut Ctx, args: &[Term; 2]) -> Term {
    let (item, value) = (args[0], args[1]);
    if is(item, "available_internal_state") && (value == am::TRUE || value == am::FALSE) {
        let prev = AVAILABLE.swap(value == am::TRUE, Ordering::SeqCst);
        return Term::boolean(prev);
    }
    if !AVAILABLE.load(Ordering::SeqCst) {
        return ctx.error(am::UNDEF);
    }
    if is(item, "reds_left") && value.is_small() {
        let n = value.small_value();
        if (0..=CONTEXT_REDS).contains(&n) {
            ctx.reds = n;
        }
        return am::TRUE;
    }
    if is(item, "process_uniq_counter") {
        // The caller's counter of receive-marker ids (`abi/recv.rs`).
        if let Some(n) = crate::data::big::to_i64(value) {
            // SAFETY: a process is scheduled on `ctx`.
            unsafe { ctx.process().uniq = n as u64 };
            return am::OK;
        }
        return ctx.badarg();
    }
    if is(item, "mbuf") {
        // A copy of the term in a heap fragment (BEAM's "mbuf").
        let n = crate::gc::copy::size_of(value);
        if n == 0 {
            return value;
        }
        let mut dst = ctx.alloc_outside_heap(n);
        // SAFETY: `dst` holds the `size_of(value)` fresh words it fills.
        return unsafe { crate::gc::copy::copy_term(value, &mut dst) };
    }
    if is(item, "force_gc") {
        let alive =
            value.is_pid() && crate::proc::ptable::lookup(value).is_some_and(|r| r.is_alive());
        if !alive {
            return am::FALSE;
        }
        // Called through a call: no X register is live (see gc_request.rs).
        crate::gc::collect_major(ctx, 0, 0);
        return am::TRUE;
    }
    super::internal_state_more::set(ctx, item, value)
}

/// The atom with index `ix`, creating atoms named like BEAM's (`am` and
/// the table size in hex) until it exists; None if `ix` is out of reach.
fn atom_at(ix: u64) -> Option<Term> {
    if ix >= atom::MAX_ATOMS as u64 {
        return None;
    }
    while (atom::count() as u64) <= ix {
        atom::intern(&format!("am{:x}", atom::count()));
    }
    Some(Term::atom(ix as u32))
}

fn get_internal_state_1(ctx: &mut Ctx, args: &[Term; 1]) -> Term {
    let item = args[0];
    if !AVAILABLE.load(Ordering::SeqCst) {
        return ctx.error(am::UNDEF);
    }
    if is(item, "reds_left") {
        return Term::small(ctx.reds.max(0));
    }
    if is(item, "available_internal_state") {
        return am::TRUE;
    }
    if item.is_tuple() {
        // SAFETY: `item` is a tuple; elements read below its arity.
        let (n, tag, v) = unsafe {
            let n = item.tuple_arity();
            if n < 2 {
                return ctx.badarg();
            }
            (n, item.tuple_elem(0), item.tuple_elem(1))
        };
        if n == 2 && is(tag, "atom") && v.is_small() && v.small_value() >= 0 {
            if let Some(a) = atom_at(v.small_value() as u64) {
                return a;
            }
        }
    }
    super::internal_state_more::get(ctx, item)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testutil::TestProc;

    #[test]
    fn atoms_by_index() {
        assert_eq!(atom_at(am::TRUE.atom_index() as u64), Some(am::TRUE));
        let n = atom::count() as u64;
        let a = atom_at(n + 2).unwrap();
        assert_eq!(a.atom_index() as u64, n + 2);
        assert!(atom::count() as u64 > n + 2);
        assert_eq!(atom_at(u64::MAX), None);
    }

    #[test]
    fn gated_by_availability() {
        let mut tp = TestProc::new();
        let ctx = tp.ctx();
        let ais = atom::intern("available_internal_state");
        let reds = atom::intern("reds_left");
        // Other tests never enable it: starts disabled.
        let before = set_internal_state_2(ctx, &[ais, am::TRUE]);
        ctx.reds = 100;
        assert_eq!(get_internal_state_1(ctx, &[reds]), Term::small(100));
        let r = set_internal_state_2(ctx, &[reds, Term::small(7)]);
        assert_eq!(r, am::TRUE);
        assert_eq!(ctx.reds, 7);
        assert!(get_internal_state_1(ctx, &[am::OK]).is_non_value());
        let prev = set_internal_state_2(ctx, &[ais, before]);
        assert_eq!(prev, am::TRUE);
        if before == am::FALSE {
            assert!(get_internal_state_1(ctx, &[reds]).is_non_value());
            assert_eq!(ctx.exc_reason, am::UNDEF);
        }
    }
}
