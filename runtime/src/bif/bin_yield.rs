//! Binary BIFs that give the scheduler back after big inputs:
//! `term_to_binary/1`, `list_to_binary/1`, `iolist_to_binary/1`,
//! `binary:match/2`. Each charges reductions for the bytes it handled
//! (`reds::BYTES_PER_RED`, BEAM's iolist rate) and, when that uses up the
//! time slice, yields before returning its result (`trap::yield_return`),
//! so other processes run before the caller continues. Unlike BEAM, the
//! work itself is done in one go (at memcpy speed) rather than resumed in
//! chunks; results and errors are the plain BIFs'.

use super::trap;
use super::{bif, native, BifDef};
use crate::heap::ctx::Ctx;
use crate::term::Term;

pub const BIFS: &[BifDef] = &[
    bif!("erlang", "term_to_binary", 1, term_to_binary_1)
        .with_full(native!(super::ext::term_to_binary_1, 1)),
    bif!("erlang", "list_to_binary", 1, list_to_binary_1)
        .with_full(native!(super::binary::list_to_binary_1, 1)),
    bif!("erlang", "iolist_to_binary", 1, iolist_to_binary_1)
        .with_full(native!(super::binary::iolist_to_binary_1, 1)),
    bif!("binary", "match", 2, match_2).with_full(native!(match_full_2, 2)),
];

/// Returns `r`, yielding first if the work used up the time slice.
fn finish(ctx: &mut Ctx, r: Term) -> Term {
    if r.is_non_value() || ctx.reds > 0 {
        r
    } else {
        trap::yield_return(ctx, r)
    }
}

fn term_to_binary_1(ctx: &mut Ctx, args: &[Term; 1]) -> Term {
    let r = super::ext::term_to_binary_1(ctx, args);
    finish(ctx, r)
}

fn list_to_binary_1(ctx: &mut Ctx, args: &[Term; 1]) -> Term {
    let r = super::binary::list_to_binary_1(ctx, args);
    finish(ctx, r)
}

fn iolist_to_binary_1(ctx: &mut Ctx, args: &[Term; 1]) -> Term {
    let r = super::binary::iolist_to_binary_1(ctx, args);
    finish(ctx, r)
}

/// `binary:match/2`, charged for the bytes searched (up to the end of the
/// match, or the whole subject).
pub(crate) fn match_full_2(ctx: &mut Ctx, args: &[Term; 2]) -> Term {
    let r = super::binary_mod::match_2(ctx, args);
    if r.is_non_value() {
        return r;
    }
    let size = super::binary::bin_view(args[0]).map_or(0, |v| v.bits / 8);
    let searched = if r.is_tuple() {
        // SAFETY: a match result is a {Pos, Len} tuple of small integers.
        let (p, l) = unsafe { (r.tuple_elem(0), r.tuple_elem(1)) };
        (p.small_value() + l.small_value()).max(0) as usize
    } else {
        size
    };
    super::reds::charge(ctx, searched);
    r
}

fn match_2(ctx: &mut Ctx, args: &[Term; 2]) -> Term {
    let r = match_full_2(ctx, args);
    finish(ctx, r)
}
