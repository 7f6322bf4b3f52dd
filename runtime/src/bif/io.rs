//! BIFs OTP's `io` module relies on: `io:printable_range/0` (latin1, erl's
//! default without `+pc unicode`) and `net_kernel:dflag_unicode_io/1`
//! (every I/O server here is local and understands unicode requests).

use super::{bif, BifDef};
use crate::heap::ctx::Ctx;
use crate::term::atom;
use crate::term::Term;

pub const BIFS: &[BifDef] = &[
    bif!("io", "printable_range", 0, printable_range_0),
    bif!("net_kernel", "dflag_unicode_io", 1, dflag_unicode_io_1),
];

fn printable_range_0(_ctx: &mut Ctx, _args: &[Term; 0]) -> Term {
    atom::intern("latin1")
}

fn dflag_unicode_io_1(_ctx: &mut Ctx, _args: &[Term; 1]) -> Term {
    atom::am::TRUE
}
