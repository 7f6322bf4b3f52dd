//! `erlang:term_to_iovec/1,2`: `term_to_binary/1,2` as a list of binaries
//! whose concatenation is exactly what `term_to_binary` returns (same
//! options, same `badarg` cases).
//!
//! BEAM's documentation leaves the split open ("a pure optimization"):
//! BEAM refers to large off-heap binaries of the term instead of copying
//! them. Girder returns the whole encoding as one binary, which is what
//! BEAM returns for every term without such binaries. With compression
//! (`compressed` or `{compressed, N > 0}`, the last one counting) BEAM
//! returns the binary itself, not in a list; so does girder.

use super::ext::{term_to_binary_1, term_to_binary_2};
use super::{bif, BifDef};
use crate::data::build::cons;
use crate::heap::ctx::Ctx;
use crate::term::atom;
use crate::term::{Term, NIL};

pub const BIFS: &[BifDef] = &[
    bif!("erlang", "term_to_iovec", 1, term_to_iovec_1),
    bif!("erlang", "term_to_iovec", 2, term_to_iovec_2),
];

/// `[Bin]`, or the exception `term_to_binary` raised.
fn one(ctx: &mut Ctx, bin: Term) -> Term {
    if bin.is_non_value() {
        return bin;
    }
    cons(ctx, bin, NIL)
}

fn term_to_iovec_1(ctx: &mut Ctx, args: &[Term; 1]) -> Term {
    let b = term_to_binary_1(ctx, args);
    one(ctx, b)
}

/// Whether the (valid) option list asks for compression: the last
/// `compressed` / `{compressed, Level}` option decides.
fn compressed(opts: Term) -> bool {
    let c = atom::intern("compressed");
    let mut on = false;
    for o in crate::data::build::list_to_vec(opts).unwrap_or_default() {
        if o == c {
            on = true;
        } else if o.is_tuple() {
            // SAFETY: `o` is a tuple; elements read below its arity.
            unsafe {
                if o.tuple_arity() == 2 && o.tuple_elem(0) == c {
                    on = o.tuple_elem(1) != Term::small(0);
                }
            }
        }
    }
    on
}

fn term_to_iovec_2(ctx: &mut Ctx, args: &[Term; 2]) -> Term {
    let b = term_to_binary_2(ctx, args);
    if !b.is_non_value() && compressed(args[1]) {
        return b;
    }
    one(ctx, b)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testutil::TestProc;

    #[test]
    fn one_binary() {
        let mut tp = TestProc::new();
        let ctx = tp.ctx();
        let v = term_to_iovec_1(ctx, &[Term::small(5)]);
        let items = crate::data::build::list_to_vec(v).unwrap();
        assert_eq!(items.len(), 1);
        let bytes = crate::bif::binary::bin_bytes(items[0]).unwrap();
        assert_eq!(bytes, vec![131, 97, 5]);
        let bad = term_to_iovec_2(ctx, &[Term::small(5), Term::small(1)]);
        assert!(bad.is_non_value());
    }
}
