//! `erlang:display_string/1` and `erlang:display_nl/0`: debugging output
//! straight to the VM's stderr, as BEAM writes them (a flat list of Unicode
//! code points, written as UTF-8; `true`).

use super::{bif, BifDef};
use crate::heap::ctx::Ctx;
use crate::term::atom::am;
use crate::term::Term;
use std::io::Write;

pub const BIFS: &[BifDef] = &[
    bif!("erlang", "display_string", 1, display_string_1),
    bif!("erlang", "display_nl", 0, display_nl_0),
];

/// Writes `s` as erts' `erts_fprintf(stderr, ...)` does: a carriage
/// return before each line feed (erts adds it to its own stdout and
/// stderr output, as for `erlang:display/1`).
fn write_stderr(s: &str) {
    let mut e = std::io::stderr().lock();
    let _ = e.write_all(s.replace('\n', "\r\n").as_bytes());
    let _ = e.flush();
}

fn display_string_1(ctx: &mut Ctx, args: &[Term; 1]) -> Term {
    let l = args[0];
    match super::convert::chars_to_string(l, usize::MAX) {
        Ok(s) => {
            write_stderr(&s);
            am::TRUE
        }
        Err(_) => ctx.badarg(),
    }
}

fn display_nl_0(_ctx: &mut Ctx, _args: &[Term; 0]) -> Term {
    write_stderr("\n");
    am::TRUE
}
