//! Character data: a binary or a possibly deep list of code points and
//! binaries, as `unicode:characters_to_list/2` and the I/O servers read
//! it. A failure reports where it stopped (`Stop`), so that the
//! `unicode` BIFs (`bif/unicode.rs`) can build erts's exact
//! `{error, Done, Rest}` and `{incomplete, Done, Rest}` results.

use crate::term::atom;
use crate::term::Term;

/// How the binaries (and the range of integers) in character data are
/// encoded.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum InEnc {
    Latin1,
    Utf8,
    /// Little-endian if true.
    Utf16(bool),
    Utf32(bool),
}

impl InEnc {
    pub fn from_term(t: Term) -> Option<InEnc> {
        if t.is_atom() {
            return match atom::name(t) {
                "latin1" => Some(InEnc::Latin1),
                "unicode" | "utf8" => Some(InEnc::Utf8),
                "utf16" => Some(InEnc::Utf16(false)),
                "utf32" => Some(InEnc::Utf32(false)),
                _ => None,
            };
        }
        // SAFETY: element reads guarded by the tuple arity.
        let (k, e) = unsafe {
            if !t.is_tuple() || t.tuple_arity() != 2 {
                return None;
            }
            (t.tuple_elem(0), t.tuple_elem(1))
        };
        let little = match (e.is_atom(), e.is_atom().then(|| atom::name(e))) {
            (true, Some("little")) => true,
            (true, Some("big")) => false,
            _ => return None,
        };
        match k.is_atom().then(|| atom::name(k)) {
            Some("utf16") => Some(InEnc::Utf16(little)),
            Some("utf32") => Some(InEnc::Utf32(little)),
            _ => None,
        }
    }
}

/// Where decoding stopped.
#[derive(Debug, PartialEq)]
pub enum Stop {
    /// Not character data at all.
    Badarg,
    /// An invalid character at `at`; `tails` are the enclosing lists'
    /// remaining tails, outermost first.
    Error { at: At, tails: Vec<Term> },
    /// The data ends inside a multi-byte character of this binary.
    Incomplete { bin: Term, off: usize },
}

#[derive(Debug, PartialEq)]
pub enum At {
    /// The list cell whose head is the bad code point.
    List(Term),
    /// A binary and the byte offset of the bad character.
    Bin(Term, usize),
}

pub fn valid_cp(c: i64, enc: InEnc) -> bool {
    match enc {
        InEnc::Latin1 => (0..=255).contains(&c),
        _ => (0..=0x10FFFF).contains(&c) && !(0xD800..=0xDFFF).contains(&c),
    }
}

/// Decodes the bytes of one binary; `Err((offset, incomplete))`.
pub fn decode_bytes(b: &[u8], enc: InEnc, out: &mut Vec<u32>) -> Result<(), (usize, bool)> {
    let mut i = 0;
    while i < b.len() {
        let (c, n) = match enc {
            InEnc::Latin1 => (b[i] as u32, 1),
            InEnc::Utf8 => match utf8_char(&b[i..]) {
                Ok(x) => x,
                Err(inc) => return Err((i, inc)),
            },
            InEnc::Utf16(le) => {
                let rd = |j: usize| -> Option<u32> {
                    let p = b.get(j..j + 2)?;
                    Some(if le {
                        u16::from_le_bytes([p[0], p[1]])
                    } else {
                        u16::from_be_bytes([p[0], p[1]])
                    } as u32)
                };
                let Some(w) = rd(i) else {
                    return Err((i, true));
                };
                if (0xD800..0xDC00).contains(&w) {
                    match rd(i + 2) {
                        Some(w2) if (0xDC00..0xE000).contains(&w2) => {
                            (0x10000 + ((w - 0xD800) << 10) + (w2 - 0xDC00), 4)
                        }
                        Some(_) => return Err((i, false)),
                        None => return Err((i, true)),
                    }
                } else if (0xDC00..0xE000).contains(&w) {
                    return Err((i, false));
                } else {
                    (w, 2)
                }
            }
            InEnc::Utf32(le) => {
                let Some(p) = b.get(i..i + 4) else {
                    return Err((i, true));
                };
                let a = [p[0], p[1], p[2], p[3]];
                let c = if le {
                    u32::from_le_bytes(a)
                } else {
                    u32::from_be_bytes(a)
                };
                if !valid_cp(c as i64, enc) {
                    return Err((i, false));
                }
                (c, 4)
            }
        };
        out.push(c);
        i += n;
    }
    Ok(())
}

/// One UTF-8 character at the start of `b`: `(code point, length)`, or
/// `Err(true)` if `b` ends inside a valid prefix, `Err(false)` if invalid.
pub fn utf8_char(b: &[u8]) -> Result<(u32, usize), bool> {
    let b0 = b[0];
    let (n, min, init) = match b0 {
        0x00..=0x7F => return Ok((b0 as u32, 1)),
        0xC2..=0xDF => (2, 0x80, (b0 & 0x1F) as u32),
        0xE0..=0xEF => (3, 0x800, (b0 & 0x0F) as u32),
        0xF0..=0xF4 => (4, 0x10000, (b0 & 0x07) as u32),
        _ => return Err(false),
    };
    let mut c = init;
    for k in 1..n {
        let Some(&x) = b.get(k) else {
            return Err(true);
        };
        if x & 0xC0 != 0x80 {
            return Err(false);
        }
        c = (c << 6) | (x & 0x3F) as u32;
    }
    if c < min || c > 0x10FFFF || (0xD800..=0xDFFF).contains(&c) {
        return Err(false);
    }
    Ok((c, n))
}

/// The bytes of a binary term (`None` for other terms and bitstrings that
/// are not whole bytes).
pub fn binary_bytes(t: Term) -> Option<Vec<u8>> {
    let v = crate::data::binary::view(t)?;
    if !v.bits.is_multiple_of(8) {
        return None;
    }
    Some(crate::data::binary::bits::read_be_bits(&v, 0, v.bits))
}

/// Decodes character data into code points, appending to `out`.
pub fn walk(t: Term, enc: InEnc, out: &mut Vec<u32>) -> Result<(), Stop> {
    if crate::data::binary::is_bitstring(t) {
        let b = binary_bytes(t).ok_or(Stop::Badarg)?;
        return decode_bytes(&b, enc, out).map_err(|(off, inc)| {
            if inc {
                Stop::Incomplete { bin: t, off }
            } else {
                Stop::Error {
                    at: At::Bin(t, off),
                    tails: vec![],
                }
            }
        });
    }
    if !t.is_list() && !t.is_nil() {
        return Err(Stop::Badarg);
    }
    let mut tails: Vec<Term> = Vec::new();
    let mut cur = t;
    loop {
        if cur.is_nil() {
            match tails.pop() {
                Some(tl) => {
                    cur = tl;
                    continue;
                }
                None => return Ok(()),
            }
        }
        // A binary tail (`[... | <<...>>]`) is chardata too.
        let (h, tl) = if crate::data::binary::is_bitstring(cur) {
            (cur, crate::term::NIL)
        } else if cur.is_list() {
            // SAFETY: `cur` is a list cell.
            unsafe { (cur.head(), cur.tail()) }
        } else {
            return Err(Stop::Badarg);
        };
        if h.is_small() {
            if !valid_cp(h.small_value(), enc) {
                return Err(Stop::Error {
                    at: At::List(cur),
                    tails,
                });
            }
            out.push(h.small_value() as u32);
            cur = tl;
        } else if crate::data::binary::is_bitstring(h) {
            let b = binary_bytes(h).ok_or(Stop::Badarg)?;
            if let Err((off, inc)) = decode_bytes(&b, enc, out) {
                let at_end = tl.is_nil() && tails.iter().all(|t| t.is_nil());
                if inc && at_end {
                    return Err(Stop::Incomplete { bin: h, off });
                }
                tails.push(tl);
                return Err(Stop::Error {
                    at: At::Bin(h, off),
                    tails,
                });
            }
            cur = tl;
        } else if h.is_list() || h.is_nil() {
            tails.push(tl);
            cur = h;
        } else {
            return Err(Stop::Badarg);
        }
    }
}

/// Decodes character data, with any failure reduced to `Err`.
pub fn decode_chardata(t: Term, enc: InEnc) -> Result<Vec<u32>, Stop> {
    let mut out = Vec::new();
    walk(t, enc, &mut out)?;
    Ok(out)
}

/// UTF-8 encoding of code points (all valid by construction).
pub fn utf8_encode(cps: &[u32]) -> Vec<u8> {
    let mut out = Vec::with_capacity(cps.len());
    for &c in cps {
        let ch = char::from_u32(c).unwrap_or('\u{FFFD}');
        let mut b = [0u8; 4];
        out.extend_from_slice(ch.encode_utf8(&mut b).as_bytes());
    }
    out
}
