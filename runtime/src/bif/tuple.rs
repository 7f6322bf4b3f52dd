//! Tuple BIFs: `element/2`, `setelement/3`, `tuple_size/1`, `size/1`,
//! `make_tuple/2,3`, `append_element/2`, `delete_element/2`,
//! `insert_element/3`. Positions are 1-based and must be small integers in
//! range; anything else is `badarg`, as in BEAM.

use super::list::{Heads, MAX_TUPLE_ARITY};
use super::{bif, guard_bif, BifDef};
use crate::data::build::list_length;
use crate::heap::ctx::Ctx;
use crate::term::*;

pub const BIFS: &[BifDef] = &[
    guard_bif!("erlang", "element", 2, element_2),
    bif!("erlang", "setelement", 3, setelement_3),
    guard_bif!("erlang", "tuple_size", 1, tuple_size_1),
    guard_bif!("erlang", "size", 1, size_1),
    bif!("erlang", "make_tuple", 2, make_tuple_2),
    bif!("erlang", "make_tuple", 3, make_tuple_3),
    bif!("erlang", "append_element", 2, append_element_2),
    bif!("erlang", "delete_element", 2, delete_element_2),
    bif!("erlang", "insert_element", 3, insert_element_3),
];

/// The 1-based index `n` if it is a small integer in `1..=max`.
fn index(n: Term, max: usize) -> Option<usize> {
    if !n.is_small() {
        return None;
    }
    let v = n.small_value();
    (v >= 1 && v as u64 <= max as u64).then_some(v as usize)
}

/// A tuple's elements.
/// # Safety
/// `t` must be a tuple; the slice is valid while the tuple is not moved.
unsafe fn elems<'a>(t: Term) -> &'a [u64] {
    std::slice::from_raw_parts(t.boxed_ptr().add(1), t.tuple_arity())
}

/// Allocates an uninitialized tuple of arity `n`; returns (term, element
/// pointer). The caller must write all `n` elements before anything else
/// can look at the heap.
fn alloc_tuple(ctx: &mut Ctx, n: usize) -> (Term, *mut u64) {
    let p = ctx.alloc(n + 1);
    // SAFETY: p holds n + 1 words.
    unsafe {
        *p = make_header(n, HDR_TUPLE);
        (Term::boxed_from_ptr(p), p.add(1))
    }
}

fn element_2(ctx: &mut Ctx, args: &[Term; 2]) -> Term {
    let (n, t) = (args[0], args[1]);
    if !t.is_tuple() {
        return ctx.badarg();
    }
    // SAFETY: `t` is a tuple.
    match index(n, unsafe { t.tuple_arity() }) {
        // SAFETY: 1 <= i <= arity.
        Some(i) => unsafe { t.tuple_elem(i - 1) },
        None => ctx.badarg(),
    }
}

fn setelement_3(ctx: &mut Ctx, args: &[Term; 3]) -> Term {
    let (n, t, v) = (args[0], args[1], args[2]);
    if !t.is_tuple() {
        return ctx.badarg();
    }
    // SAFETY: `t` is a tuple.
    let old = unsafe { elems(t) };
    let Some(i) = index(n, old.len()) else {
        return ctx.badarg();
    };
    let (res, p) = alloc_tuple(ctx, old.len());
    // SAFETY: p has room for old.len() elements; i - 1 < old.len().
    unsafe {
        std::ptr::copy_nonoverlapping(old.as_ptr(), p, old.len());
        *p.add(i - 1) = v.raw();
    }
    res
}

fn tuple_size_1(ctx: &mut Ctx, args: &[Term; 1]) -> Term {
    let t = args[0];
    if !t.is_tuple() {
        return ctx.badarg();
    }
    // SAFETY: `t` is a tuple.
    Term::small(unsafe { t.tuple_arity() } as i64)
}

/// `size/1`: tuples for now (binaries once they exist).
/// `size/1`: a tuple's arity, or the number of whole bytes of a bitstring
/// (rounded down, unlike `byte_size/1`).
fn size_1(ctx: &mut Ctx, args: &[Term; 1]) -> Term {
    let t = args[0];
    if t.is_tuple() {
        return tuple_size_1(ctx, args);
    }
    match crate::data::binary::view(t) {
        Some(v) => Term::small((v.bits / 8) as i64),
        None => ctx.badarg(),
    }
}

/// The arity argument of `make_tuple`: a small in `0..=MAX_TUPLE_ARITY`.
fn arity_arg(n: Term) -> Option<usize> {
    if !n.is_small() {
        return None;
    }
    let v = n.small_value();
    (v >= 0 && v as u64 <= MAX_TUPLE_ARITY as u64).then_some(v as usize)
}

fn make_tuple_2(ctx: &mut Ctx, args: &[Term; 2]) -> Term {
    let (n, v) = (args[0], args[1]);
    let Some(n) = arity_arg(n) else {
        return ctx.badarg();
    };
    let (res, p) = alloc_tuple(ctx, n);
    for i in 0..n {
        // SAFETY: i < n.
        unsafe { *p.add(i) = v.raw() };
    }
    res
}

/// `make_tuple(N, Default, [{Pos, Value}])`: later entries win.
fn make_tuple_3(ctx: &mut Ctx, args: &[Term; 3]) -> Term {
    let (n, v, init) = (args[0], args[1], args[2]);
    let Some(n) = arity_arg(n) else {
        return ctx.badarg();
    };
    if list_length(init).is_none() {
        return ctx.badarg();
    }
    // Validate before allocating so a bad list leaves no garbage tuple.
    let mut ok = true;
    for e in Heads(init) {
        // SAFETY: arity checked before reading elements.
        ok &= e.is_tuple()
            && unsafe { e.tuple_arity() } == 2
            && index(unsafe { e.tuple_elem(0) }, n).is_some();
        if !ok {
            break;
        }
    }
    if !ok {
        return ctx.badarg();
    }
    let (res, p) = alloc_tuple(ctx, n);
    // SAFETY: every index written is < n (validated above).
    unsafe {
        for i in 0..n {
            *p.add(i) = v.raw();
        }
        for e in Heads(init) {
            let i = index(e.tuple_elem(0), n).unwrap_or(1);
            *p.add(i - 1) = e.tuple_elem(1).raw();
        }
    }
    res
}

fn append_element_2(ctx: &mut Ctx, args: &[Term; 2]) -> Term {
    let (t, v) = (args[0], args[1]);
    if !t.is_tuple() {
        return ctx.badarg();
    }
    // SAFETY: `t` is a tuple.
    let old = unsafe { elems(t) };
    if old.len() >= MAX_TUPLE_ARITY {
        return ctx.badarg();
    }
    let (res, p) = alloc_tuple(ctx, old.len() + 1);
    // SAFETY: p has room for old.len() + 1 elements.
    unsafe {
        std::ptr::copy_nonoverlapping(old.as_ptr(), p, old.len());
        *p.add(old.len()) = v.raw();
    }
    res
}

fn delete_element_2(ctx: &mut Ctx, args: &[Term; 2]) -> Term {
    let (n, t) = (args[0], args[1]);
    if !t.is_tuple() {
        return ctx.badarg();
    }
    // SAFETY: `t` is a tuple.
    let old = unsafe { elems(t) };
    let Some(i) = index(n, old.len()) else {
        return ctx.badarg();
    };
    let (res, p) = alloc_tuple(ctx, old.len() - 1);
    // SAFETY: p has room for old.len() - 1 elements; i - 1 < old.len().
    unsafe {
        std::ptr::copy_nonoverlapping(old.as_ptr(), p, i - 1);
        std::ptr::copy_nonoverlapping(old.as_ptr().add(i), p.add(i - 1), old.len() - i);
    }
    res
}

fn insert_element_3(ctx: &mut Ctx, args: &[Term; 3]) -> Term {
    let (n, t, v) = (args[0], args[1], args[2]);
    if !t.is_tuple() {
        return ctx.badarg();
    }
    // SAFETY: `t` is a tuple.
    let old = unsafe { elems(t) };
    let Some(i) = index(n, old.len() + 1) else {
        return ctx.badarg();
    };
    if old.len() >= MAX_TUPLE_ARITY {
        return ctx.badarg();
    }
    let (res, p) = alloc_tuple(ctx, old.len() + 1);
    // SAFETY: p has room for old.len() + 1 elements; i - 1 <= old.len().
    unsafe {
        std::ptr::copy_nonoverlapping(old.as_ptr(), p, i - 1);
        *p.add(i - 1) = v.raw();
        std::ptr::copy_nonoverlapping(old.as_ptr().add(i - 1), p.add(i), old.len() + 1 - i);
    }
    res
}

#[cfg(test)]
#[path = "tuple_tests.rs"]
mod tests;
