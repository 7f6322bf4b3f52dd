//! `erts_debug:disassemble/1` and `erts_debug:instructions/0`: what BEAM's
//! debug BIFs say about code, answered for a JIT.
//!
//! - `disassemble/1` is `false` for every argument, as BeamAsm's is (its
//!   body is compiled only for the interpreter); `erts_debug:df/1,2,3`
//!   then writes an empty listing, as on erl.
//! - `instructions/0` lists the instructions girder's loader accepts: the
//!   generic BEAM instructions of the opcode table that the JIT lowers
//!   (BeamAsm lists its own specific instructions instead; both are the
//!   instruction set of the emulator that answers).

use super::{bif, BifDef};
use crate::data::build::{list_from_slice, make_string};
use crate::heap::ctx::Ctx;
use crate::term::atom::am;
use crate::term::Term;
use girder_loader::{Family, Opcode};

pub const BIFS: &[BifDef] = &[
    bif!("erts_debug", "disassemble", 1, disassemble_1),
    bif!("erts_debug", "instructions", 0, instructions_0),
];

fn disassemble_1(_ctx: &mut Ctx, _args: &[Term; 1]) -> Term {
    am::FALSE
}

fn instructions_0(ctx: &mut Ctx, _args: &[Term; 0]) -> Term {
    let names: Vec<Term> = Opcode::all()
        .filter(|op| op.family() != Family::None)
        .map(|op| make_string(ctx, op.name()))
        .collect();
    list_from_slice(ctx, &names)
}
