//! Decoder for the Erlang external term format (ETF).
//!
//! Decoding is iterative (an explicit stack of open containers), so hostile
//! input cannot overflow the Rust stack; nesting deeper than
//! [`MAX_TERM_DEPTH`] is rejected so that the resulting term can still be
//! dropped, compared and printed recursively.

use crate::bigint::{from_sign_magnitude, IntValue};
use crate::error::{fail, LoadError};
use crate::inflate::zlib_exact;
use crate::reader::{capacity_hint, Reader};
use crate::term::ETerm;

/// The deepest container nesting accepted by the decoder.
///
/// Chosen so that the derived (recursive) `Clone`, `PartialEq` and `Debug`
/// of the deepest accepted term fit a 2 MiB thread stack even in an
/// unoptimized build (at 2000 levels they do not). Real literals nest a
/// few levels deep.
pub const MAX_TERM_DEPTH: usize = 1000;

const VERSION_MAGIC: u8 = 131;

const NEW_FLOAT_EXT: u8 = 70;
const BIT_BINARY_EXT: u8 = 77;
const COMPRESSED: u8 = 80;
const ATOM_CACHE_REF: u8 = 82;
const NEW_PID_EXT: u8 = 88;
const NEW_PORT_EXT: u8 = 89;
const NEWER_REFERENCE_EXT: u8 = 90;
const SMALL_INTEGER_EXT: u8 = 97;
const INTEGER_EXT: u8 = 98;
const FLOAT_EXT: u8 = 99;
const ATOM_EXT: u8 = 100;
const REFERENCE_EXT: u8 = 101;
const PORT_EXT: u8 = 102;
const PID_EXT: u8 = 103;
const SMALL_TUPLE_EXT: u8 = 104;
const LARGE_TUPLE_EXT: u8 = 105;
const NIL_EXT: u8 = 106;
const STRING_EXT: u8 = 107;
const LIST_EXT: u8 = 108;
const BINARY_EXT: u8 = 109;
const SMALL_BIG_EXT: u8 = 110;
const LARGE_BIG_EXT: u8 = 111;
const NEW_FUN_EXT: u8 = 112;
const EXPORT_EXT: u8 = 113;
const NEW_REFERENCE_EXT: u8 = 114;
const SMALL_ATOM_EXT: u8 = 115;
const MAP_EXT: u8 = 116;
const FUN_EXT: u8 = 117;
const ATOM_UTF8_EXT: u8 = 118;
const SMALL_ATOM_UTF8_EXT: u8 = 119;
const V4_PORT_EXT: u8 = 120;
const LOCAL_EXT: u8 = 121;

/// Decodes a complete external term: the version byte 131 followed by a
/// term, which may be compressed (tag 80). Bytes after the term are ignored,
/// as `binary_to_term/1` does.
pub fn decode_etf(bytes: &[u8]) -> Result<ETerm, LoadError> {
    match bytes.first() {
        Some(&VERSION_MAGIC) => {}
        Some(&other) => {
            return fail(format!(
                "external term: bad version byte {other} (expected 131)"
            ))
        }
        None => return fail("external term: empty input"),
    }
    decode_etf_body(bytes.get(1..).unwrap_or(&[])).map(|(term, _)| term)
}

/// Decodes one term without the leading version byte. Returns the term and
/// the number of input bytes it used. A compressed term (tag 80) is
/// accepted at this outermost position only.
pub fn decode_etf_body(bytes: &[u8]) -> Result<(ETerm, usize), LoadError> {
    if bytes.first() == Some(&COMPRESSED) {
        let mut r = Reader::new(bytes, "compressed external term");
        r.skip(1)?;
        let size = r.count32()?;
        let (inflated, used) = zlib_exact(r.rest(), size, "compressed external term")?;
        let mut inner = Reader::new(&inflated, "external term");
        let term = decode_term(&mut inner)?;
        if !inner.is_empty() {
            return inner.error("compressed term has trailing bytes");
        }
        return Ok((term, r.pos().saturating_add(used)));
    }
    let mut r = Reader::new(bytes, "external term");
    let term = decode_term(&mut r)?;
    Ok((term, r.pos()))
}

/// The partly decoded state of a fun while its free variables are read.
struct FunHead {
    start: usize,
    size: usize,
    arity: u8,
    uniq: [u8; 16],
    index: u32,
    module: ETerm,
    old_index: i64,
    old_uniq: i64,
    pid: ETerm,
}

/// A container whose elements are still being decoded.
enum Frame {
    Tuple {
        items: Vec<ETerm>,
        len: usize,
    },
    /// After `len` elements, the next term is the tail.
    List {
        items: Vec<ETerm>,
        len: usize,
    },
    Map {
        pairs: Vec<(ETerm, ETerm)>,
        key: Option<ETerm>,
        len: usize,
    },
    Fun {
        head: Box<FunHead>,
        free: Vec<ETerm>,
        len: usize,
    },
}

/// What reading one tag produced.
enum Step {
    Done(ETerm),
    Open(Frame),
}

fn decode_term(r: &mut Reader<'_>) -> Result<ETerm, LoadError> {
    let mut stack: Vec<Frame> = Vec::new();
    loop {
        let value = match read_step(r)? {
            Step::Done(term) => term,
            Step::Open(frame) => {
                if stack.len() >= MAX_TERM_DEPTH {
                    return r.error(format!("terms nested deeper than {MAX_TERM_DEPTH}"));
                }
                stack.push(frame);
                continue;
            }
        };
        if let Some(term) = deliver(&mut stack, value, r)? {
            return Ok(term);
        }
    }
}

/// Hands a finished term to the innermost open container, closing every
/// container this completes. Returns the outermost term once it is done.
fn deliver(
    stack: &mut Vec<Frame>,
    mut value: ETerm,
    r: &Reader<'_>,
) -> Result<Option<ETerm>, LoadError> {
    loop {
        let Some(top) = stack.last_mut() else {
            return Ok(Some(value));
        };
        let finished = match top {
            Frame::Tuple { items, len } => {
                items.push(value);
                if items.len() < *len {
                    return Ok(None);
                }
                ETerm::Tuple(std::mem::take(items))
            }
            Frame::List { items, len } => {
                if items.len() < *len {
                    items.push(value);
                    return Ok(None);
                }
                make_list(std::mem::take(items), value)
            }
            Frame::Map { pairs, key, len } => match key.take() {
                None => {
                    *key = Some(value);
                    return Ok(None);
                }
                Some(k) => {
                    pairs.push((k, value));
                    if pairs.len() < *len {
                        return Ok(None);
                    }
                    ETerm::Map(std::mem::take(pairs))
                }
            },
            Frame::Fun { head, free, len } => {
                free.push(value);
                if free.len() < *len {
                    return Ok(None);
                }
                finish_fun(head, std::mem::take(free), r)?
            }
        };
        stack.pop();
        value = finished;
    }
}

fn make_list(items: Vec<ETerm>, tail: ETerm) -> ETerm {
    if items.is_empty() {
        tail
    } else {
        ETerm::List(items, Box::new(tail))
    }
}

fn finish_fun(head: &mut FunHead, free: Vec<ETerm>, r: &Reader<'_>) -> Result<ETerm, LoadError> {
    let used = r.pos().saturating_sub(head.start);
    if used != head.size {
        return r.error(format!(
            "NEW_FUN_EXT size field says {} bytes, fun used {used}",
            head.size
        ));
    }
    Ok(ETerm::Fun {
        arity: head.arity,
        uniq: head.uniq,
        index: head.index,
        module: Box::new(std::mem::replace(&mut head.module, ETerm::Nil)),
        old_index: head.old_index,
        old_uniq: head.old_uniq,
        pid: Box::new(std::mem::replace(&mut head.pid, ETerm::Nil)),
        free,
    })
}

/// A container of `len` children, or the empty value when `len` is 0.
fn open_or(len: usize, empty: ETerm, frame: impl FnOnce() -> Frame) -> Step {
    if len == 0 {
        Step::Done(empty)
    } else {
        Step::Open(frame())
    }
}

fn read_step(r: &mut Reader<'_>) -> Result<Step, LoadError> {
    let tag = r.u8()?;
    let step = match tag {
        SMALL_INTEGER_EXT => Step::Done(ETerm::Int(i64::from(r.u8()?))),
        INTEGER_EXT => Step::Done(ETerm::Int(i64::from(r.i32()?))),
        NEW_FLOAT_EXT => Step::Done(ETerm::Float(finite(r.f64()?, r)?)),
        FLOAT_EXT => Step::Done(ETerm::Float(read_old_float(r)?)),
        SMALL_BIG_EXT => {
            let n = usize::from(r.u8()?);
            Step::Done(read_big(r, n)?)
        }
        LARGE_BIG_EXT => {
            let n = r.count32()?;
            Step::Done(read_big(r, n)?)
        }
        ATOM_EXT | SMALL_ATOM_EXT | ATOM_UTF8_EXT | SMALL_ATOM_UTF8_EXT => {
            Step::Done(ETerm::Atom(read_atom_text(r, tag)?))
        }
        NIL_EXT => Step::Done(ETerm::Nil),
        STRING_EXT => {
            let n = usize::from(r.u16()?);
            let bytes = r.bytes(n)?.to_vec();
            Step::Done(if bytes.is_empty() {
                ETerm::Nil
            } else {
                ETerm::String(bytes)
            })
        }
        BINARY_EXT => {
            let n = r.count32()?;
            Step::Done(ETerm::Binary(r.bytes(n)?.to_vec()))
        }
        BIT_BINARY_EXT => Step::Done(read_bit_binary(r)?),
        SMALL_TUPLE_EXT | LARGE_TUPLE_EXT => {
            let len = if tag == SMALL_TUPLE_EXT {
                usize::from(r.u8()?)
            } else {
                r.count32()?
            };
            let cap = capacity_hint(len, r.remaining(), 1);
            open_or(len, ETerm::Tuple(Vec::new()), || Frame::Tuple {
                items: Vec::with_capacity(cap),
                len,
            })
        }
        LIST_EXT => {
            let len = r.count32()?;
            let cap = capacity_hint(len, r.remaining(), 1);
            Step::Open(Frame::List {
                items: Vec::with_capacity(cap),
                len,
            })
        }
        MAP_EXT => {
            let len = r.count32()?;
            let cap = capacity_hint(len, r.remaining(), 2);
            open_or(len, ETerm::Map(Vec::new()), || Frame::Map {
                pairs: Vec::with_capacity(cap),
                key: None,
                len,
            })
        }
        NEW_PID_EXT | PID_EXT => Step::Done(read_pid_body(r, tag)?),
        NEW_PORT_EXT | V4_PORT_EXT | PORT_EXT => {
            let node = Box::new(read_atom(r)?);
            let id = if tag == V4_PORT_EXT {
                r.u64()?
            } else {
                u64::from(r.u32()?)
            };
            let creation = if tag == PORT_EXT {
                u32::from(r.u8()?)
            } else {
                r.u32()?
            };
            Step::Done(ETerm::Port { node, id, creation })
        }
        NEWER_REFERENCE_EXT | NEW_REFERENCE_EXT => {
            let n = usize::from(r.u16()?);
            let node = Box::new(read_atom(r)?);
            let creation = if tag == NEW_REFERENCE_EXT {
                u32::from(r.u8()?)
            } else {
                r.u32()?
            };
            let mut ids = Vec::with_capacity(capacity_hint(n, r.remaining(), 4));
            for _ in 0..n {
                ids.push(r.u32()?);
            }
            Step::Done(ETerm::Ref {
                node,
                creation,
                ids,
            })
        }
        REFERENCE_EXT => {
            let node = Box::new(read_atom(r)?);
            let id = r.u32()?;
            let creation = u32::from(r.u8()?);
            Step::Done(ETerm::Ref {
                node,
                creation,
                ids: vec![id],
            })
        }
        EXPORT_EXT => {
            let module = Box::new(read_atom(r)?);
            let function = Box::new(read_atom(r)?);
            if r.u8()? != SMALL_INTEGER_EXT {
                return r.error("EXPORT_EXT arity is not a SMALL_INTEGER_EXT");
            }
            let arity = r.u8()?;
            Step::Done(ETerm::Export {
                module,
                function,
                arity,
            })
        }
        NEW_FUN_EXT => read_fun_head(r)?,
        FUN_EXT => return r.error("old FUN_EXT (tag 117) is not supported since OTP 23"),
        LOCAL_EXT => return r.error("LOCAL_EXT (tag 121) is not supported"),
        ATOM_CACHE_REF => return r.error("ATOM_CACHE_REF (tag 82) is only valid in distribution"),
        COMPRESSED => return r.error("compressed term (tag 80) nested inside a term"),
        other => return r.error(format!("unknown external term tag {other}")),
    };
    Ok(step)
}

fn finite(v: f64, r: &Reader<'_>) -> Result<f64, LoadError> {
    if v.is_finite() {
        Ok(v)
    } else {
        r.error("float is not finite")
    }
}

/// `FLOAT_EXT`: 31 bytes of NUL-padded `%.20e` text.
fn read_old_float(r: &mut Reader<'_>) -> Result<f64, LoadError> {
    let raw = r.bytes(31)?;
    let end = raw.iter().position(|&b| b == 0).unwrap_or(raw.len());
    let text = std::str::from_utf8(raw.get(..end).unwrap_or(&[]))
        .or_else(|_| r.error("FLOAT_EXT text is not ASCII"))?
        .trim();
    // Only digits, sign, point and exponent: keeps "inf"/"nan" out.
    if text.is_empty()
        || !text
            .bytes()
            .all(|b| b.is_ascii_digit() || matches!(b, b'+' | b'-' | b'.' | b'e' | b'E'))
    {
        return r.error(format!("FLOAT_EXT text {text:?} is not a number"));
    }
    match text.parse::<f64>() {
        Ok(v) => finite(v, r),
        Err(_) => r.error(format!("FLOAT_EXT text {text:?} is not a number")),
    }
}

fn read_big(r: &mut Reader<'_>, n: usize) -> Result<ETerm, LoadError> {
    let negative = r.u8()? != 0;
    let magnitude = r.bytes(n)?;
    Ok(match from_sign_magnitude(negative, magnitude) {
        IntValue::Small(v) => ETerm::Int(v),
        IntValue::Big(b) => ETerm::BigInt(b),
    })
}

fn read_bit_binary(r: &mut Reader<'_>) -> Result<ETerm, LoadError> {
    let n = r.count32()?;
    let bits = r.u8()?;
    let bytes = r.bytes(n)?.to_vec();
    match (n, bits) {
        (0, 0) => Ok(ETerm::Binary(bytes)),
        (0, _) => r.error("BIT_BINARY_EXT with no bytes but nonzero bit count"),
        (_, 8) => Ok(ETerm::Binary(bytes)),
        (_, 1..=7) => Ok(ETerm::BitBinary {
            bytes,
            last_bits: bits,
        }),
        _ => r.error(format!("BIT_BINARY_EXT bit count {bits} not in 1..=8")),
    }
}

/// Reads the text of an atom whose tag has already been read.
fn read_atom_text(r: &mut Reader<'_>, tag: u8) -> Result<String, LoadError> {
    let len = match tag {
        ATOM_EXT | ATOM_UTF8_EXT => usize::from(r.u16()?),
        _ => usize::from(r.u8()?),
    };
    let raw = r.bytes(len)?;
    if tag == ATOM_EXT || tag == SMALL_ATOM_EXT {
        Ok(raw.iter().map(|&b| char::from(b)).collect())
    } else {
        match std::str::from_utf8(raw) {
            Ok(s) => Ok(s.to_owned()),
            Err(_) => r.error("UTF-8 atom is not valid UTF-8"),
        }
    }
}

/// Reads a term that must be an atom (node names, fun modules).
fn read_atom(r: &mut Reader<'_>) -> Result<ETerm, LoadError> {
    let tag = r.u8()?;
    match tag {
        ATOM_EXT | SMALL_ATOM_EXT | ATOM_UTF8_EXT | SMALL_ATOM_UTF8_EXT => {
            Ok(ETerm::Atom(read_atom_text(r, tag)?))
        }
        other => r.error(format!("expected an atom, found tag {other}")),
    }
}

/// Reads a small integer term (`SMALL_INTEGER_EXT` or `INTEGER_EXT`).
fn read_small_int(r: &mut Reader<'_>) -> Result<i64, LoadError> {
    match r.u8()? {
        SMALL_INTEGER_EXT => Ok(i64::from(r.u8()?)),
        INTEGER_EXT => Ok(i64::from(r.i32()?)),
        other => r.error(format!("expected an integer, found tag {other}")),
    }
}

fn read_pid_body(r: &mut Reader<'_>, tag: u8) -> Result<ETerm, LoadError> {
    let node = Box::new(read_atom(r)?);
    let id = r.u32()?;
    let serial = r.u32()?;
    let creation = if tag == PID_EXT {
        u32::from(r.u8()?)
    } else {
        r.u32()?
    };
    Ok(ETerm::Pid {
        node,
        id,
        serial,
        creation,
    })
}

fn read_fun_head(r: &mut Reader<'_>) -> Result<Step, LoadError> {
    let start = r.pos();
    let size = r.count32()?;
    let arity = r.u8()?;
    let mut uniq = [0u8; 16];
    uniq.copy_from_slice(r.bytes(16)?);
    let index = r.u32()?;
    let num_free = r.count32()?;
    let module = read_atom(r)?;
    let old_index = read_small_int(r)?;
    let old_uniq = read_small_int(r)?;
    let pid = match r.u8()? {
        tag @ (NEW_PID_EXT | PID_EXT) => read_pid_body(r, tag)?,
        other => return r.error(format!("fun creator is not a pid (tag {other})")),
    };
    let mut head = FunHead {
        start,
        size,
        arity,
        uniq,
        index,
        module,
        old_index,
        old_uniq,
        pid,
    };
    if num_free == 0 {
        return Ok(Step::Done(finish_fun(&mut head, Vec::new(), r)?));
    }
    Ok(Step::Open(Frame::Fun {
        head: Box::new(head),
        free: Vec::with_capacity(capacity_hint(num_free, r.remaining(), 1)),
        len: num_free,
    }))
}
