//! The `prim_buffer` NIFs (logic in `runtime/src/nif/prim_buffer.rs`),
//! replacing the module's `erlang:nif_error` bodies.

use super::{bif, BifDef};
use crate::nif::prim_buffer as n;

pub const BIFS: &[BifDef] = &[
    bif!("prim_buffer", "new", 0, n::new),
    bif!("prim_buffer", "size", 1, n::size),
    bif!("prim_buffer", "peek_head", 1, n::peek_head),
    bif!("prim_buffer", "copying_read", 2, n::copying_read),
    bif!("prim_buffer", "write", 2, n::write),
    bif!("prim_buffer", "skip", 2, n::skip),
    bif!("prim_buffer", "find_byte_index", 2, n::find_byte_index),
    bif!("prim_buffer", "try_lock", 1, n::try_lock),
    bif!("prim_buffer", "unlock", 1, n::unlock),
];
