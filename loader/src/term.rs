//! `ETerm`: an owned Erlang term as found in the external term format.

use crate::bigint::BigIntRepr;

/// An Erlang term decoded from the external term format (ETF).
///
/// Conventions (all produced by [`crate::decode_etf`]):
/// * Integers that fit `i64` are always `Int`, whatever their encoding
///   (`SMALL_BIG_EXT`/`LARGE_BIG_EXT` included); `BigInt` only holds values
///   outside `i64`, normalized (no high zero bytes).
/// * Atoms are UTF-8 strings; latin-1 atom encodings are converted.
///   `true`/`false` are plain atoms.
/// * `Nil` is `[]`. A `List` always has at least one element; its tail is
///   `Nil` for a proper list. A `LIST_EXT` with zero elements decodes to its
///   tail alone.
/// * `STRING_EXT` is kept distinct as `String(bytes)`: it means the proper
///   list of those byte values (`[b0, b1, ...]`). An empty `STRING_EXT`
///   decodes to `Nil`, so `String` is never empty.
/// * A bitstring whose size is not a whole number of bytes is `BitBinary`;
///   `last_bits` (1..=8) is the number of bits used in the last byte (the
///   high bits). Whole-byte binaries are always `Binary`.
/// * Map pairs are kept in encoded order; duplicate keys are not checked.
#[derive(Clone, Debug, PartialEq)]
pub enum ETerm {
    Int(i64),
    BigInt(BigIntRepr),
    Float(f64),
    Atom(String),
    Nil,
    Tuple(Vec<ETerm>),
    /// Elements and tail (`Nil` for a proper list).
    List(Vec<ETerm>, Box<ETerm>),
    Binary(Vec<u8>),
    BitBinary {
        bytes: Vec<u8>,
        last_bits: u8,
    },
    /// `STRING_EXT`: a proper list of these byte values.
    String(Vec<u8>),
    Map(Vec<(ETerm, ETerm)>),
    Pid {
        node: Box<ETerm>,
        id: u32,
        serial: u32,
        creation: u32,
    },
    Port {
        node: Box<ETerm>,
        id: u64,
        creation: u32,
    },
    Ref {
        node: Box<ETerm>,
        creation: u32,
        ids: Vec<u32>,
    },
    /// `fun Module:Function/Arity`.
    Export {
        module: Box<ETerm>,
        function: Box<ETerm>,
        arity: u8,
    },
    /// A local fun (`NEW_FUN_EXT`).
    Fun {
        arity: u8,
        uniq: [u8; 16],
        index: u32,
        module: Box<ETerm>,
        old_index: i64,
        old_uniq: i64,
        pid: Box<ETerm>,
        free: Vec<ETerm>,
    },
}

impl ETerm {
    /// The atom's text, if this is an atom.
    pub fn as_atom(&self) -> Option<&str> {
        match self {
            ETerm::Atom(name) => Some(name),
            _ => None,
        }
    }

    /// The value, if this is an integer that fits `i64`.
    pub fn as_int(&self) -> Option<i64> {
        match self {
            ETerm::Int(v) => Some(*v),
            _ => None,
        }
    }

    /// The elements, if this is a tuple.
    pub fn as_tuple(&self) -> Option<&[ETerm]> {
        match self {
            ETerm::Tuple(items) => Some(items),
            _ => None,
        }
    }

    /// The elements of a proper list (`Nil`, or `List`/`String` segments
    /// ending in `Nil`), or `None` for anything else.
    pub fn proper_list(&self) -> Option<Vec<ETerm>> {
        let mut out = Vec::new();
        let mut cur = self;
        loop {
            match cur {
                ETerm::Nil => return Some(out),
                ETerm::List(items, tail) => {
                    out.extend(items.iter().cloned());
                    cur = tail;
                }
                ETerm::String(bytes) => {
                    out.extend(bytes.iter().map(|&b| ETerm::Int(i64::from(b))));
                    return Some(out);
                }
                _ => return None,
            }
        }
    }
}
