//! The guard functions a match spec may call (erl's `guard_tab` in
//! erl_db_util.c): comparisons are evaluated inline, everything else runs
//! Girder's own BIF of the same name, so results and failures are exactly
//! those of the BIF.

use super::CmpOp;
use crate::code::export::BifFn;
use crate::term::atom::{self, am};

#[derive(Clone, Copy)]
pub(crate) enum Guard {
    Cmp(CmpOp),
    Bif(BifFn),
    /// `get_tcw/0`: trace dialect, guards and bodies.
    TraceOnlyGuardOrBody,
    /// `set_tcw/1`: trace bodies only.
    TraceOnlyBody,
}

/// erl's table: (name, arity). Every entry is a BIF Girder implements.
const BIF_GUARDS: &[(&str, usize)] = &[
    ("is_atom", 1),
    ("is_float", 1),
    ("is_integer", 1),
    ("is_list", 1),
    ("is_number", 1),
    ("is_pid", 1),
    ("is_port", 1),
    ("is_reference", 1),
    ("is_tuple", 1),
    ("is_map", 1),
    ("is_binary", 1),
    ("is_function", 1),
    ("is_record", 3),
    ("abs", 1),
    ("element", 2),
    ("hd", 1),
    ("length", 1),
    ("node", 1),
    ("node", 0),
    ("round", 1),
    ("size", 1),
    ("map_size", 1),
    ("map_get", 2),
    ("is_map_key", 2),
    ("bit_size", 1),
    ("byte_size", 1),
    ("binary_part", 2),
    ("binary_part", 3),
    ("tl", 1),
    ("trunc", 1),
    ("float", 1),
    ("+", 1),
    ("-", 1),
    ("+", 2),
    ("-", 2),
    ("*", 2),
    ("/", 2),
    ("div", 2),
    ("rem", 2),
    ("band", 2),
    ("bor", 2),
    ("bxor", 2),
    ("bnot", 1),
    ("bsl", 2),
    ("bsr", 2),
    ("not", 1),
    ("xor", 2),
];

pub(crate) fn lookup(name: &str, arity: usize) -> Option<Guard> {
    let cmp = match (name, arity) {
        (">", 2) => Some(CmpOp::Gt),
        (">=", 2) => Some(CmpOp::Ge),
        ("<", 2) => Some(CmpOp::Lt),
        ("=<", 2) => Some(CmpOp::Le),
        ("==", 2) => Some(CmpOp::Eq),
        ("=:=", 2) => Some(CmpOp::ExactEq),
        ("/=", 2) => Some(CmpOp::Ne),
        ("=/=", 2) => Some(CmpOp::ExactNe),
        _ => None,
    };
    if let Some(op) = cmp {
        return Some(Guard::Cmp(op));
    }
    match (name, arity) {
        // The trace control word (`super::TCW`).
        ("get_tcw", 0) => return Some(Guard::TraceOnlyGuardOrBody),
        ("set_tcw", 1) => return Some(Guard::TraceOnlyBody),
        _ => {}
    }
    if !BIF_GUARDS.contains(&(name, arity)) {
        return None;
    }
    crate::code::export::bif_no_trap_fn(am::ERLANG, atom::intern(name), arity as u32)
        .map(Guard::Bif)
}

#[cfg(test)]
pub(crate) fn all_bif_guards() -> &'static [(&'static str, usize)] {
    BIF_GUARDS
}
