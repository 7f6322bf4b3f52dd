//! Binary guard BIFs. The runtime has no binary objects yet (they come with
//! the bit syntax), so every argument here is a non-binary and these raise
//! `badarg` exactly as BEAM does for non-binaries.

use super::{guard_bif, BifDef};
use crate::ctx::Ctx;
use crate::term::Term;

pub const BIFS: &[BifDef] = &[
    guard_bif("erlang", "byte_size", 1, not_a_binary),
    guard_bif("erlang", "bit_size", 1, not_a_binary),
    guard_bif("erlang", "binary_part", 2, not_a_binary),
    guard_bif("erlang", "binary_part", 3, not_a_binary),
];

extern "C" fn not_a_binary(ctx: &mut Ctx, _args: *const Term) -> Term {
    ctx.badarg()
}
