//! Decoding Erlang I/O protocol requests and encoding output bytes, as
//! OTP's `user` server (user.erl) does for a `-noshell` erl.

use crate::data::chardata::{decode_chardata, InEnc};
use crate::term::atom::{self, am};
use crate::term::Term;

/// An encoding named in a request or set with `setopts`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Enc {
    Latin1,
    Unicode,
}

impl Enc {
    pub fn from_atom(t: Term) -> Option<Enc> {
        if !t.is_atom() {
            return None;
        }
        match atom::name(t) {
            "latin1" => Some(Enc::Latin1),
            "unicode" | "utf8" => Some(Enc::Unicode),
            _ => None,
        }
    }
    pub fn atom(self) -> Term {
        match self {
            Enc::Latin1 => atom::intern("latin1"),
            Enc::Unicode => atom::intern("unicode"),
        }
    }
}

/// One request of the I/O protocol. Terms point into the request message.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Req {
    PutChars(Enc, Term),
    PutCharsMfa(Enc, Term, Term, Term),
    GetLine(Enc, Term),
    GetChars(Enc, Term, Term),
    GetUntil(Enc, Term, Term, Term, Term),
    GetOpts,
    SetOpts(Term),
    GetGeometry(Term),
    Requests(Term),
    Unknown(Term),
}

/// The elements of `t` if it is a tuple.
fn elems(t: Term) -> Option<Vec<Term>> {
    if !t.is_tuple() {
        return None;
    }
    // SAFETY: `t` is a tuple; indices are below its arity.
    unsafe { Some((0..t.tuple_arity()).map(|i| t.tuple_elem(i)).collect()) }
}

/// `{io_request, From, ReplyAs, Request}` → its three parts.
pub fn decode_msg(msg: Term) -> Option<(Term, Term, Term)> {
    let e = elems(msg)?;
    (e.len() == 4 && e[0] == atom::intern("io_request")).then(|| (e[1], e[2], e[3]))
}

/// Decodes one request; anything not understood is `Unknown`.
pub fn decode(req: Term) -> Req {
    if req == atom::intern("getopts") {
        return Req::GetOpts;
    }
    let Some(e) = elems(req) else {
        return Req::Unknown(req);
    };
    let Some(&tag) = e.first() else {
        return Req::Unknown(req);
    };
    if !tag.is_atom() {
        return Req::Unknown(req);
    }
    let enc = e.get(1).copied().and_then(Enc::from_atom);
    match (atom::name(tag), e.len(), enc) {
        ("put_chars", 3, Some(en)) => Req::PutChars(en, e[2]),
        ("put_chars", 2, _) => Req::PutChars(Enc::Latin1, e[1]),
        ("put_chars", 5, Some(en)) => Req::PutCharsMfa(en, e[2], e[3], e[4]),
        ("put_chars", 4, _) => Req::PutCharsMfa(Enc::Latin1, e[1], e[2], e[3]),
        ("get_line", 3, Some(en)) => Req::GetLine(en, e[2]),
        ("get_line", 2, _) => Req::GetLine(Enc::Latin1, e[1]),
        ("get_chars", 4, Some(en)) => Req::GetChars(en, e[2], e[3]),
        ("get_chars", 3, _) => Req::GetChars(Enc::Latin1, e[1], e[2]),
        ("get_until", 6, Some(en)) => Req::GetUntil(en, e[2], e[3], e[4], e[5]),
        ("get_until", 5, _) => Req::GetUntil(Enc::Latin1, e[1], e[2], e[3], e[4]),
        ("setopts", 2, _) if e[1].is_list() || e[1].is_nil() => Req::SetOpts(e[1]),
        ("get_geometry", 2, _) => Req::GetGeometry(e[1]),
        ("requests", 2, _) if e[1].is_list() || e[1].is_nil() => Req::Requests(e[1]),
        _ => Req::Unknown(req),
    }
}

/// The bytes `put_chars` writes for `chars` sent with encoding `req` to a
/// device with encoding `dev` (user.erl's `wrap_characters_to_binary`):
/// on a latin1 device, code points above 255 print as `\x{HEX}`. `None`
/// when `chars` is not valid character data in `req`.
pub fn output_bytes(chars: Term, req: Enc, dev: Enc) -> Option<Vec<u8>> {
    let in_enc = match req {
        Enc::Latin1 => InEnc::Latin1,
        Enc::Unicode => InEnc::Utf8,
    };
    let cps = decode_chardata(chars, in_enc).ok()?;
    let mut out = Vec::with_capacity(cps.len());
    match dev {
        Enc::Latin1 => {
            for c in cps {
                if c > 255 {
                    out.extend_from_slice(format!("\\x{{{c:X}}}").as_bytes());
                } else {
                    out.push(c as u8);
                }
            }
        }
        Enc::Unicode => {
            for c in cps {
                let ch = char::from_u32(c)?;
                let mut b = [0u8; 4];
                out.extend_from_slice(ch.encode_utf8(&mut b).as_bytes());
            }
        }
    }
    Some(out)
}

/// Device options changed by `setopts`: `(binary, encoding)`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Opts {
    pub binary: bool,
    pub enc: Enc,
}

/// Applies a `setopts` option list (user.erl's rules: `binary`/`list`,
/// `{binary, Bool}`, `latin1`/`unicode`, `{encoding, latin1|unicode|utf8}`);
/// `None` (enotsup) for anything else.
pub fn apply_opts(mut o: Opts, list: Term) -> Option<Opts> {
    let items = crate::data::build::list_to_vec(list)?;
    for it in items {
        if it.is_atom() {
            match atom::name(it) {
                "binary" => o.binary = true,
                "list" => o.binary = false,
                "latin1" => o.enc = Enc::Latin1,
                "unicode" => o.enc = Enc::Unicode,
                _ => return None,
            }
            continue;
        }
        let e = elems(it)?;
        if e.len() != 2 || !e[0].is_atom() {
            return None;
        }
        match atom::name(e[0]) {
            "binary" if e[1] == am::TRUE || e[1] == am::FALSE => o.binary = e[1] == am::TRUE,
            "list" if e[1] == am::TRUE || e[1] == am::FALSE => o.binary = e[1] == am::FALSE,
            "encoding" => o.enc = Enc::from_atom(e[1])?,
            _ => return None,
        }
    }
    Some(o)
}

#[cfg(test)]
#[path = "request_tests.rs"]
mod tests;
