//! `erlang:unique_integer/0,1`.
//!
//! As in BEAM, the values are unique within this VM instance and nothing
//! more is promised about them, except with the modifiers: `positive`
//! gives integers >= 1 and `monotonic` strictly increasing ones (in the
//! order the calls happen, across all processes). BEAM's plain unique
//! integers start at the smallest small integer (`-2^59`) and grow, and its
//! monotonic ones start at that value too (`1` with `positive`); girder
//! does the same with two global counters, so that the common cases stay
//! small integers.
//!
//! Plain unique integers have BEAM's layout: each thread that hands them
//! out has an id, and the `n`-th value of thread `t` is
//! `(n << bits) | t` offset by `MIN_SMALL` (or by 1 when positive), where
//! `bits` fits the number of scheduler threads (normal, dirty CPU and
//! dirty I/O, as `erlang:system_info/1` reports them: 1 + 1 + 1 here).
//! Girder's one scheduler thread is thread 1, as BEAM's first scheduler.
//! `erts_debug:get_internal_state({make_unique_integer, T, N})` builds a
//! value of that layout (`make_plain`).
//!
//! Modifier lists are checked as BEAM checks them: a proper list of the
//! atoms `positive` and `monotonic` (repeats allowed), anything else is
//! `badarg`.

use super::{bif, BifDef};
use crate::heap::ctx::Ctx;
use crate::term::atom;
use crate::term::{Term, MIN_SMALL};
use std::sync::atomic::{AtomicU64, Ordering};

pub const BIFS: &[BifDef] = &[
    bif!("erlang", "unique_integer", 0, unique_integer_0),
    bif!("erlang", "unique_integer", 1, unique_integer_1),
];

/// Plain unique integers handed out so far.
static UNIQUE: AtomicU64 = AtomicU64::new(0);
/// Monotonic unique integers handed out so far.
static MONOTONIC: AtomicU64 = AtomicU64::new(0);

/// The integer for the `raw`-th value (0-based): `raw + 1` when positive,
/// else `raw + MIN_SMALL` (negative for the first 2^59 values).
fn value(raw: u64, positive: bool) -> i128 {
    if positive {
        raw as i128 + 1
    } else {
        raw as i128 + MIN_SMALL as i128
    }
}

/// Scheduler threads counted in the layout (normal + dirty CPU + dirty
/// I/O) and the bits their ids take.
const LAYOUT_THREADS: u64 = 3;
const THREAD_BITS: u32 = u64::BITS - LAYOUT_THREADS.leading_zeros();
/// The id of the thread that hands out girder's plain unique integers.
const THREAD_ID: u64 = 1;

/// The raw (unoffset) value `n` of thread `thr`, BEAM's
/// `bld_unique_integer_term` layout (up to 66 bits).
fn plain_raw(thr: u64, n: u64) -> u128 {
    ((n as u128) << THREAD_BITS) | thr as u128
}

/// The plain (not positive) unique integer thread `thr` hands out as its
/// `n`-th value.
pub fn make_plain(thr: u64, n: u64) -> i128 {
    plain_raw(thr, n) as i128 + MIN_SMALL as i128
}

/// The next value of one of the counters.
fn next(monotonic: bool, positive: bool) -> i128 {
    if !monotonic {
        let n = UNIQUE.fetch_add(1, Ordering::Relaxed);
        let raw = plain_raw(THREAD_ID, n);
        return if positive {
            raw as i128 + 1
        } else {
            raw as i128 + MIN_SMALL as i128
        };
    }
    // SeqCst: values must follow the order of the calls as every process
    // observes it.
    let raw = MONOTONIC.fetch_add(1, Ordering::SeqCst);
    value(raw, positive)
}

fn unique_integer_0(ctx: &mut Ctx, _args: &[Term; 0]) -> Term {
    let v = next(false, false);
    crate::data::big::make_i128(ctx, v)
}

/// `(monotonic, positive)` for a modifier list, or None if it is not a
/// proper list of known modifiers.
fn modifiers(mut l: Term) -> Option<(bool, bool)> {
    let (mono, pos) = (atom::intern("monotonic"), atom::intern("positive"));
    let (mut m, mut p) = (false, false);
    while l.is_list() {
        // SAFETY: `l` is a cons cell.
        let (h, t) = unsafe { (l.head(), l.tail()) };
        if h == mono {
            m = true;
        } else if h == pos {
            p = true;
        } else {
            return None;
        }
        l = t;
    }
    l.is_nil().then_some((m, p))
}

fn unique_integer_1(ctx: &mut Ctx, args: &[Term; 1]) -> Term {
    let l = args[0];
    match modifiers(l) {
        Some((m, p)) => {
            let v = next(m, p);
            crate::data::big::make_i128(ctx, v)
        }
        None => ctx.badarg(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::data::build::{cons, list_from_slice};
    use crate::testutil::TestProc;

    fn int(t: Term) -> i128 {
        crate::data::big::to_i128(t).expect("an integer")
    }

    #[test]
    fn values() {
        assert_eq!(value(0, true), 1);
        assert_eq!(value(0, false), MIN_SMALL as i128);
        assert_eq!(value(1 << 59, false), 0);
        assert!(value(u64::MAX, false) > 0);
        // Thread ids take 2 bits (3 scheduler threads).
        assert_eq!(make_plain(1, 0), MIN_SMALL as i128 + 1);
        assert_eq!(make_plain(2, 1), MIN_SMALL as i128 + 6);
        assert_eq!(
            make_plain(3, u64::MAX),
            ((u64::MAX as i128) << 2) + 3 + MIN_SMALL as i128
        );
    }

    #[test]
    fn modifiers_and_order() {
        let mut tp = TestProc::new();
        let (mono, pos) = (atom::intern("monotonic"), atom::intern("positive"));
        let ctx = tp.ctx();
        let both = list_from_slice(ctx, &[mono, pos, mono]);
        let a = unique_integer_1(ctx, &[both]);
        let b = unique_integer_1(ctx, &[both]);
        assert!(int(a) >= 1 && int(b) > int(a));
        let p = list_from_slice(ctx, &[pos]);
        assert!(int(unique_integer_1(ctx, &[p])) >= 1);
        let x = unique_integer_0(ctx, &[]);
        let y = unique_integer_0(ctx, &[]);
        assert_ne!(int(x), int(y));
        let improper = cons(ctx, pos, mono);
        let bad = list_from_slice(ctx, &[atom::intern("other")]);
        for l in [improper, bad, pos, Term::small(1)] {
            assert!(unique_integer_1(ctx, &[l]).is_non_value());
        }
    }
}
