//! `erlang:bump_reductions/1` (prim_eval's `receive`, which erl_eval uses
//! for `receive` expressions, calls it).

use super::{bif, BifDef};
use crate::heap::ctx::Ctx;
use crate::term::atom::am;
use crate::term::Term;

pub const BIFS: &[BifDef] = &[bif!("erlang", "bump_reductions", 1, bump_reductions_1)];

fn bump_reductions_1(ctx: &mut Ctx, args: &[Term; 1]) -> Term {
    let n = args[0];
    if !n.is_small() || n.small_value() < 0 {
        return ctx.badarg();
    }
    // The next function entry yields once the count is used up.
    ctx.reds = ctx.reds.saturating_sub(n.small_value()).max(0);
    am::TRUE
}

/// Bytes of work a BIF does per reduction it is charged (BEAM's
/// iolist_to_iovec rate; its other binary BIFs charge about as much).
pub const BYTES_PER_RED: usize = 256;

/// Charges a BIF that handled `bytes` bytes of data: long BIFs use up the
/// time slice as in BEAM (where they bump reductions and trap), so the
/// process yields at its next function entry and others get to run.
pub fn charge(ctx: &mut Ctx, bytes: usize) {
    let r = (bytes / BYTES_PER_RED).min(i64::MAX as usize) as i64;
    ctx.reds = ctx.reds.saturating_sub(r).max(0);
}
