//! `atomics` and the `write_concurrency` backend of `counters`:
//! `erts_internal:atomics_new/2`, `atomics:put/3, get/2, add/3, add_get/3,
//! sub/3, sub_get/3, exchange/3, compare_exchange/4, info/1` and
//! `erts_internal:counters_new/1, counters_get/2, counters_add/3,
//! counters_put/3, counters_info/1` (`counters:new/2` with the default
//! `atomics` backend goes through the `atomics` functions).
//!
//! An array is the resource of a magic reference (`data::resource`), as
//! in BEAM: it is freed when the last reference to it dies, and its
//! external form decodes back to the live array within the node. Cells
//! are 64-bit words: signed arrays wrap in two's complement, unsigned
//! ones modulo 2^64, as on BEAM.

use super::{bif, BifDef};
use crate::data::big::{self, BigInt};
use crate::data::resource::{self, Resource};
use crate::heap::ctx::Ctx;
use crate::term::atom::{am, intern};
use crate::term::Term;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;

pub const BIFS: &[BifDef] = &[
    bif!("erts_internal", "atomics_new", 2, atomics_new_2),
    bif!("atomics", "put", 3, put_3),
    bif!("atomics", "get", 2, get_2),
    bif!("atomics", "add", 3, add_3),
    bif!("atomics", "add_get", 3, add_get_3),
    bif!("atomics", "sub", 3, sub_3),
    bif!("atomics", "sub_get", 3, sub_get_3),
    bif!("atomics", "exchange", 3, exchange_3),
    bif!("atomics", "compare_exchange", 4, compare_exchange_4),
    bif!("atomics", "info", 1, info_1),
    bif!("erts_internal", "counters_new", 1, counters_new_1),
    bif!("erts_internal", "counters_get", 2, get_2),
    bif!("erts_internal", "counters_add", 3, add_3),
    bif!("erts_internal", "counters_put", 3, put_3),
    bif!("erts_internal", "counters_info", 1, counters_info_1),
];

/// Largest array one call may create (more is `system_limit`).
const MAX_SIZE: i64 = 1 << 28;

struct Array {
    signed: bool,
    cells: Box<[AtomicU64]>,
}

fn create(ctx: &mut Ctx, size: Term, signed: bool) -> Term {
    if !size.is_small() && !size.is_integer() {
        return ctx.badarg();
    }
    if !size.is_small() || size.small_value() > MAX_SIZE {
        return if size.is_integer() && big::to_big(size) > BigInt::from(0) {
            ctx.error(intern("system_limit"))
        } else {
            ctx.badarg()
        };
    }
    let n = size.small_value();
    if n < 1 {
        return ctx.badarg();
    }
    let cells: Box<[AtomicU64]> = (0..n).map(|_| AtomicU64::new(0)).collect();
    let array = Array { signed, cells };
    resource::make(
        ctx,
        Arc::new(Resource {
            value: Box::new(array),
        }),
    )
}

/// The array a reference names; the borrow lasts while `r` lives.
fn array_of<'a>(r: Term) -> Option<&'a Array> {
    resource::get_as::<Array>(r)
}

/// The array and the cell `(Ref, Ix)` names (`Ix` from 1).
fn cell<'a>(r: Term, ix: Term) -> Option<(&'a Array, &'a AtomicU64)> {
    let a = array_of(r)?;
    if !ix.is_small() {
        return None;
    }
    let i = ix.small_value();
    if i < 1 || i as usize > a.cells.len() {
        return None;
    }
    Some((a, &a.cells[i as usize - 1]))
}

/// An integer argument as a 64-bit word: values of either signed or
/// unsigned 64-bit range are accepted (BEAM's rule for increments and
/// stored values), others are `None`.
fn word(t: Term, a: &Array) -> Option<u64> {
    let v = if t.is_small() {
        BigInt::from(t.small_value())
    } else if t.is_bignum() {
        big::to_big(t)
    } else {
        return None;
    };
    let (lo, hi) = if a.signed {
        (BigInt::from(i64::MIN), BigInt::from(i64::MAX))
    } else {
        (BigInt::from(0), BigInt::from(u64::MAX))
    };
    if v < lo || v > hi {
        return None;
    }
    let m = v & BigInt::from(u64::MAX);
    u64::try_from(m).ok()
}

/// An increment: any integer that fits 64 bits signed or unsigned, taken
/// modulo 2^64.
fn incr(t: Term) -> Option<u64> {
    let v = if t.is_small() {
        BigInt::from(t.small_value())
    } else if t.is_bignum() {
        big::to_big(t)
    } else {
        return None;
    };
    if v < BigInt::from(i64::MIN) || v > BigInt::from(u64::MAX) {
        return None;
    }
    u64::try_from(v & BigInt::from(u64::MAX)).ok()
}

fn value_term(ctx: &mut Ctx, a: &Array, w: u64) -> Term {
    if a.signed {
        big::make_i64(ctx, w as i64)
    } else {
        big::make_u64(ctx, w)
    }
}

fn atomics_new_2(ctx: &mut Ctx, args: &[Term; 2]) -> Term {
    let (size, opts) = (args[0], args[1]);
    if !opts.is_small() {
        return ctx.badarg();
    }
    create(ctx, size, opts.small_value() & 1 != 0)
}

fn counters_new_1(ctx: &mut Ctx, args: &[Term; 1]) -> Term {
    let size = args[0];
    create(ctx, size, true)
}

fn put_3(ctx: &mut Ctx, args: &[Term; 3]) -> Term {
    let (r, ix, v) = (args[0], args[1], args[2]);
    let Some((a, c)) = cell(r, ix) else {
        return ctx.badarg();
    };
    let Some(w) = word(v, a) else {
        return ctx.badarg();
    };
    c.store(w, Ordering::SeqCst);
    am::OK
}

fn get_2(ctx: &mut Ctx, args: &[Term; 2]) -> Term {
    let (r, ix) = (args[0], args[1]);
    let Some((a, c)) = cell(r, ix) else {
        return ctx.badarg();
    };
    value_term(ctx, a, c.load(Ordering::SeqCst))
}

/// Adds (`neg`: subtracts) the increment; returns the new value.
fn add(ctx: &mut Ctx, args: &[Term; 3], neg: bool) -> Option<Term> {
    let (r, ix, d) = (args[0], args[1], args[2]);
    let (a, c) = cell(r, ix)?;
    let d = incr(d)?;
    let d = if neg { d.wrapping_neg() } else { d };
    let new = c.fetch_add(d, Ordering::SeqCst).wrapping_add(d);
    Some(value_term(ctx, a, new))
}

fn add_3(ctx: &mut Ctx, args: &[Term; 3]) -> Term {
    match add(ctx, args, false) {
        Some(_) => am::OK,
        None => ctx.badarg(),
    }
}

fn add_get_3(ctx: &mut Ctx, args: &[Term; 3]) -> Term {
    add(ctx, args, false).unwrap_or_else(|| ctx.badarg())
}

fn sub_3(ctx: &mut Ctx, args: &[Term; 3]) -> Term {
    match add(ctx, args, true) {
        Some(_) => am::OK,
        None => ctx.badarg(),
    }
}

fn sub_get_3(ctx: &mut Ctx, args: &[Term; 3]) -> Term {
    add(ctx, args, true).unwrap_or_else(|| ctx.badarg())
}

fn exchange_3(ctx: &mut Ctx, args: &[Term; 3]) -> Term {
    let (r, ix, v) = (args[0], args[1], args[2]);
    let Some((a, c)) = cell(r, ix) else {
        return ctx.badarg();
    };
    let Some(w) = word(v, a) else {
        return ctx.badarg();
    };
    let old = c.swap(w, Ordering::SeqCst);
    value_term(ctx, a, old)
}

/// `compare_exchange(Ref, Ix, Expected, Desired)`: `ok`, or the actual
/// value when it was not `Expected`.
fn compare_exchange_4(ctx: &mut Ctx, args: &[Term; 4]) -> Term {
    let (r, ix, e, d) = (args[0], args[1], args[2], args[3]);
    let Some((a, c)) = cell(r, ix) else {
        return ctx.badarg();
    };
    let (Some(e), Some(d)) = (word(e, a), word(d, a)) else {
        return ctx.badarg();
    };
    match c.compare_exchange(e, d, Ordering::SeqCst, Ordering::SeqCst) {
        Ok(_) => am::OK,
        Err(actual) => value_term(ctx, a, actual),
    }
}

fn info(ctx: &mut Ctx, r: Term, with_range: bool) -> Term {
    let Some(a) = array_of(r) else {
        return ctx.badarg();
    };
    let n = a.cells.len() as u64;
    let mut pairs = vec![
        (intern("size"), Term::small(n as i64)),
        (intern("memory"), Term::small((n * 8 + 40) as i64)),
    ];
    if with_range {
        let (min, max) = if a.signed {
            (big::make_i64(ctx, i64::MIN), big::make_i64(ctx, i64::MAX))
        } else {
            (Term::small(0), big::make_u64(ctx, u64::MAX))
        };
        pairs.push((intern("min"), min));
        pairs.push((intern("max"), max));
    }
    crate::data::map::from_pairs(ctx, pairs)
}

fn info_1(ctx: &mut Ctx, args: &[Term; 1]) -> Term {
    let r = args[0];
    info(ctx, r, true)
}

fn counters_info_1(ctx: &mut Ctx, args: &[Term; 1]) -> Term {
    let r = args[0];
    info(ctx, r, false)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn signed_and_unsigned_cells() {
        let _g = crate::sched::tests::serial();
        let mut tp = crate::testutil::TestProc::new();
        let ctx = tp.ctx();
        let r = create(ctx, Term::small(3), true);
        let (a, c) = cell(r, Term::small(3)).unwrap();
        assert!(a.signed);
        assert!(cell(r, Term::small(4)).is_none());
        assert!(cell(r, Term::small(0)).is_none());
        c.store(word(Term::small(-5), a).unwrap(), Ordering::SeqCst);
        assert_eq!(
            value_term(ctx, a, c.load(Ordering::SeqCst)),
            Term::small(-5)
        );
        let u = create(ctx, Term::small(1), false);
        let (ua, _) = cell(u, Term::small(1)).unwrap();
        assert!(word(Term::small(-1), ua).is_none());
        assert_eq!(incr(Term::small(-1)), Some(u64::MAX));
    }
}
