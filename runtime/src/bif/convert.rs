//! Conversion BIFs between atoms, integers and character lists:
//! `atom_to_list/1`, `list_to_atom/1`, `list_to_existing_atom/1`,
//! `integer_to_list/1,2`, `list_to_integer/1,2`.

use super::{bif, BifDef};
use crate::data::big;
use crate::data::build::make_string;
use crate::heap::ctx::Ctx;
use crate::term::atom::{self, am, MAX_ATOM_CHARS};
use crate::term::*;

pub const BIFS: &[BifDef] = &[
    bif!("erlang", "atom_to_list", 1, atom_to_list_1),
    bif!("erlang", "list_to_atom", 1, list_to_atom_1),
    bif!(
        "erlang",
        "list_to_existing_atom",
        1,
        list_to_existing_atom_1
    ),
    bif!("erlang", "integer_to_list", 1, integer_to_list_1),
    bif!("erlang", "integer_to_list", 2, integer_to_list_2),
    bif!("erlang", "list_to_integer", 1, list_to_integer_1),
    bif!("erlang", "list_to_integer", 2, list_to_integer_2),
];

/// Why a character list was rejected.
#[derive(Debug, PartialEq)]
pub enum CharsError {
    /// Not a proper list of Unicode code points.
    Badarg,
    /// More than the allowed number of characters.
    TooLong,
}

/// The text of a list of Unicode code points, at most `max` characters,
/// checked in BEAM's order: the length limit is hit as soon as a
/// `max + 1`-th element exists, whatever it is.
pub fn chars_to_string(l: Term, max: usize) -> Result<String, CharsError> {
    let mut s = String::new();
    let mut n = 0usize;
    let mut cur = l;
    while cur.is_list() {
        if n == max {
            return Err(CharsError::TooLong);
        }
        // SAFETY: `cur` is a cons.
        let (h, t) = unsafe { (cur.head(), cur.tail()) };
        if !h.is_small() {
            return Err(CharsError::Badarg);
        }
        let c = h.small_value();
        match u32::try_from(c).ok().and_then(char::from_u32) {
            Some(ch) => s.push(ch),
            None => return Err(CharsError::Badarg),
        }
        n += 1;
        cur = t;
    }
    if cur.is_nil() {
        Ok(s)
    } else {
        Err(CharsError::Badarg)
    }
}

fn atom_to_list_1(ctx: &mut Ctx, args: &[Term; 1]) -> Term {
    let a = args[0];
    if !a.is_atom() {
        return ctx.badarg();
    }
    make_string(ctx, atom::name(a))
}

fn list_to_atom_1(ctx: &mut Ctx, args: &[Term; 1]) -> Term {
    let l = args[0];
    match chars_to_string(l, MAX_ATOM_CHARS) {
        Ok(s) => atom::intern(&s),
        Err(CharsError::TooLong) => ctx.error(am::SYSTEM_LIMIT),
        Err(CharsError::Badarg) => ctx.badarg(),
    }
}

fn list_to_existing_atom_1(ctx: &mut Ctx, args: &[Term; 1]) -> Term {
    let l = args[0];
    match chars_to_string(l, MAX_ATOM_CHARS) {
        Ok(s) => match atom::lookup(&s) {
            Some(a) => a,
            None => ctx.badarg(),
        },
        Err(CharsError::TooLong) => ctx.error(am::SYSTEM_LIMIT),
        Err(CharsError::Badarg) => ctx.badarg(),
    }
}

/// A base argument: a small integer in 2..=36.
fn base_arg(b: Term) -> Option<u32> {
    (b.is_small() && (2..=36).contains(&b.small_value())).then(|| b.small_value() as u32)
}

fn integer_to_list(ctx: &mut Ctx, i: Term, base: Option<u32>) -> Term {
    let Some(base) = base else {
        return ctx.badarg();
    };
    if !i.is_integer() {
        return ctx.badarg();
    }
    if i.is_small() {
        let mut buf = [0u8; 66];
        let digits = big::i64_digits(i.small_value(), base, &mut buf);
        return crate::data::build::make_byte_list(ctx, digits);
    }
    let s = big::integer_to_string(i, base);
    make_string(ctx, &s)
}

fn integer_to_list_1(ctx: &mut Ctx, args: &[Term; 1]) -> Term {
    let i = args[0];
    integer_to_list(ctx, i, Some(10))
}

fn integer_to_list_2(ctx: &mut Ctx, args: &[Term; 2]) -> Term {
    let (i, b) = (args[0], args[1]);
    integer_to_list(ctx, i, base_arg(b))
}

/// The bytes of a proper list of byte-sized integers.
fn list_bytes(l: Term) -> Option<Vec<u8>> {
    let mut out = Vec::new();
    let mut cur = l;
    while cur.is_list() {
        // SAFETY: `cur` is a cons.
        let (h, t) = unsafe { (cur.head(), cur.tail()) };
        if !h.is_small() || !(0..=255).contains(&h.small_value()) {
            return None;
        }
        out.push(h.small_value() as u8);
        cur = t;
    }
    cur.is_nil().then_some(out)
}

fn list_to_integer(ctx: &mut Ctx, l: Term, base: Option<u32>) -> Term {
    let Some(base) = base else {
        return ctx.badarg();
    };
    let Some(bytes) = list_bytes(l) else {
        return ctx.badarg();
    };
    match big::parse_integer(&bytes, base) {
        Some(v) => big::make_integer(ctx, &v),
        None => ctx.badarg(),
    }
}

fn list_to_integer_1(ctx: &mut Ctx, args: &[Term; 1]) -> Term {
    let l = args[0];
    list_to_integer(ctx, l, Some(10))
}

fn list_to_integer_2(ctx: &mut Ctx, args: &[Term; 2]) -> Term {
    let (l, b) = (args[0], args[1]);
    list_to_integer(ctx, l, base_arg(b))
}

#[cfg(test)]
#[path = "convert_tests.rs"]
mod tests;
