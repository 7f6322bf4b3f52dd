//! The `unicode` BIFs of erts: `characters_to_binary/2`,
//! `characters_to_list/2` and `bin_is_7bit/1` (unicode.erl builds the
//! other arities on them), on the character-data walker
//! (`chardata.rs`) the standard I/O server shares.
//!
//! Character data is a binary or a possibly deep list of code points and
//! binaries. A failure reports where it stopped: the rest of the innermost
//! list (or binary) at the bad element, wrapped as `[Inner | Tail]` for
//! each enclosing list, exactly as erts builds `{error, Done, Rest}`.

use super::{bif, BifDef};
use crate::data::binary::build::{make_binary, sub_bitstring};
use crate::data::build::{cons, list_from_slice, make_tuple};
use crate::heap::ctx::Ctx;
use crate::term::atom::{self, am};
use crate::term::Term;

pub const BIFS: &[BifDef] = &[
    bif!("unicode", "characters_to_binary", 2, characters_to_binary_2),
    bif!("unicode", "characters_to_list", 2, characters_to_list_2),
    bif!("unicode", "bin_is_7bit", 1, bin_is_7bit_1),
];

pub use crate::data::chardata::*;

/// The rest of a binary from byte `off`.
fn bin_rest(ctx: &mut Ctx, bin: Term, off: usize) -> Term {
    if off == 0 {
        return bin;
    }
    let bits = crate::data::binary::bit_size(bin).unwrap_or(0);
    sub_bitstring(ctx, bin, off * 8, bits - off * 8)
}

/// Converts and returns either the result or `{error|incomplete, Done, Rest}`.
fn convert(ctx: &mut Ctx, data: Term, enc: Term, to_list: bool) -> Term {
    let Some(enc) = InEnc::from_term(enc) else {
        return ctx.badarg();
    };
    let mut out = Vec::new();
    let r = walk(data, enc, &mut out);
    let done = |ctx: &mut Ctx, out: &[u32]| -> Term {
        if to_list {
            let v: Vec<Term> = out.iter().map(|&c| Term::small(c as i64)).collect();
            list_from_slice(ctx, &v)
        } else {
            make_binary(ctx, &utf8_encode(out))
        }
    };
    match r {
        Ok(()) => done(ctx, &out),
        Err(Stop::Badarg) => ctx.badarg(),
        Err(Stop::Incomplete { bin, off }) => {
            let d = done(ctx, &out);
            let rest = bin_rest(ctx, bin, off);
            make_tuple(ctx, &[atom::intern("incomplete"), d, rest])
        }
        Err(Stop::Error { at, tails }) => {
            let d = done(ctx, &out);
            let mut rest = match at {
                At::List(cell) => cell,
                At::Bin(b, off) => bin_rest(ctx, b, off),
            };
            for &tl in tails.iter().rev() {
                rest = cons(ctx, rest, tl);
            }
            make_tuple(ctx, &[am::ERROR, d, rest])
        }
    }
}

fn characters_to_binary_2(ctx: &mut Ctx, args: &[Term; 2]) -> Term {
    let (d, e) = (args[0], args[1]);
    convert(ctx, d, e, false)
}

fn characters_to_list_2(ctx: &mut Ctx, args: &[Term; 2]) -> Term {
    let (d, e) = (args[0], args[1]);
    convert(ctx, d, e, true)
}

/// `false` for anything that is not a binary (as erts).
fn bin_is_7bit_1(_ctx: &mut Ctx, args: &[Term; 1]) -> Term {
    let b = args[0];
    match binary_bytes(b) {
        Some(v) => Term::boolean(v.iter().all(|&c| c < 128)),
        None => am::FALSE,
    }
}

#[cfg(test)]
#[path = "unicode_tests.rs"]
mod tests;
