//! `os:set_signal/2` (BEAM's `os_set_signal_2`), over `io/ossig.rs`.

use super::{bif, BifDef};
use crate::heap::ctx::Ctx;
use crate::io::ossig::{self, Disposition};
use crate::term::atom::{self, am};
use crate::term::Term;

pub const BIFS: &[BifDef] = &[bif!("os", "set_signal", 2, set_signal_2)];

fn set_signal_2(ctx: &mut Ctx, args: &[Term; 2]) -> Term {
    let (sig, opt) = (args[0], args[1]);
    let d = match opt.is_atom().then(|| atom::name(opt)) {
        Some("ignore") => Disposition::Ignore,
        Some("default") => Disposition::Default,
        Some("handle") => Disposition::Handle,
        _ => return ctx.badarg_cause("badopt"),
    };
    match sig
        .is_atom()
        .then(|| ossig::number(atom::name(sig)))
        .flatten()
    {
        Some(n) if ossig::set(n, d) => am::OK,
        _ => ctx.badarg(),
    }
}
