//! `erlang:decode_packet/3`: the terms around `runtime/src/data/packet/`.
//!
//! `{ok, Packet, Rest}` (Packet: the body as a sub-binary of the input, or
//! the HTTP/TLS term), `{more, Length | undefined}`, `{error, invalid}`;
//! `badarg` for an unknown type, a non-binary, or a bad option (BEAM also
//! puts `cause => badopt` in the error_info of a bad type; girder's BIF
//! frames carry no causes yet).

use super::{bif, BifDef};
use crate::data::binary::build::{make_binary, sub_bitstring};
use crate::data::build::{make_byte_list, make_tuple};
use crate::data::packet::http::{self, Http, Method, Uri};
use crate::data::packet::{self, Length, Options, PacketType};
use crate::heap::ctx::Ctx;
use crate::term::atom::{self, am};
use crate::term::{Term, NIL};

pub const BIFS: &[BifDef] = &[bif!("erlang", "decode_packet", 3, decode_packet_3)];

fn packet_type(t: Term) -> Option<PacketType> {
    if t.is_small() {
        return match t.small_value() {
            0 => Some(PacketType::Raw),
            1 => Some(PacketType::Len1),
            2 => Some(PacketType::Len2),
            4 => Some(PacketType::Len4),
            _ => None,
        };
    }
    if !t.is_atom() {
        return None;
    }
    let http = |bin, headers| Some(PacketType::Http { bin, headers });
    match atom::name(t) {
        "raw" => Some(PacketType::Raw),
        "asn1" => Some(PacketType::Asn1),
        "sunrm" => Some(PacketType::SunRm),
        "cdr" => Some(PacketType::Cdr),
        "fcgi" => Some(PacketType::Fcgi),
        "line" => Some(PacketType::Line),
        "tpkt" => Some(PacketType::Tpkt),
        "http" => http(false, false),
        "httph" => http(false, true),
        "http_bin" => http(true, false),
        "httph_bin" => http(true, true),
        "ssl_tls" => Some(PacketType::SslTls),
        _ => None,
    }
}

/// `{packet_size, N}`, `{line_length, N}`, `{line_delimiter, C}` (this one
/// for `line` only), N an integer in 0..=2^32-1, C in 0..=255.
fn options(ty: PacketType, mut l: Term) -> Option<Options> {
    let mut o = Options::default();
    while !l.is_nil() {
        if !l.is_list() {
            return None;
        }
        // SAFETY: `l` is a cons cell.
        let (h, t) = unsafe { (l.head(), l.tail()) };
        // SAFETY: arity checked before the elements are read.
        let (k, v) = (h.is_tuple() && unsafe { h.tuple_arity() } == 2)
            .then(|| unsafe { (h.tuple_elem(0), h.tuple_elem(1)) })?;
        if !v.is_small() || !(0..=u32::MAX as i64).contains(&v.small_value()) {
            return None;
        }
        let n = v.small_value() as u64;
        match if k.is_atom() { atom::name(k) } else { "" } {
            "packet_size" => o.packet_size = n,
            "line_length" => o.line_length = n,
            "line_delimiter" if ty == PacketType::Line && n <= 255 => o.delimiter = n as u8,
            _ => return None,
        }
        l = t;
    }
    Some(o)
}

fn decode_packet_3(ctx: &mut Ctx, args: &[Term; 3]) -> Term {
    let (ty, bin, opts) = (args[0], args[1], args[2]);
    let Some(ty) = packet_type(ty) else {
        return ctx.badarg();
    };
    let Some(view) = crate::data::binary::view(bin) else {
        return ctx.badarg();
    };
    if !opts.is_list() && !opts.is_nil() {
        return ctx.badarg();
    }
    let Some(o) = options(ty, opts) else {
        return ctx.badarg();
    };
    // Whole bytes; trailing bits stay with the rest, as in BEAM.
    let nbytes = view.bits / 8;
    let buf = crate::data::binary::bits::read_be_bits(&view, 0, nbytes * 8);
    let mut headers = false;
    let len = match packet::get_length(ty, &buf, &o, &mut headers) {
        Length::Invalid => return make_tuple(ctx, &[am::ERROR, atom::intern("invalid")]),
        Length::More => return make_tuple(ctx, &[atom::intern("more"), am::UNDEFINED]),
        Length::Packet(n) if n as usize > nbytes => {
            let n = Term::small(n as i64);
            return make_tuple(ctx, &[atom::intern("more"), n]);
        }
        Length::Packet(n) => n as usize,
    };
    let pkt = &buf[..len];
    let result = match ty {
        PacketType::Http { bin: as_bin, .. } => {
            let h = http::parse(pkt, &mut headers);
            http_term(ctx, pkt, &h, as_bin)
        }
        PacketType::SslTls => {
            let (kind, major, minor, data) = packet::parse_ssl(pkt);
            let version = make_tuple(ctx, &[Term::small(major as i64), Term::small(minor as i64)]);
            let data = make_binary(ctx, &data);
            let tag = atom::intern("ssl_tls");
            make_tuple(ctx, &[tag, NIL, Term::small(kind as i64), version, data])
        }
        _ => {
            let (off, n) = packet::body(ty, pkt);
            sub_bitstring(ctx, bin, off * 8, n * 8)
        }
    };
    let rest = sub_bitstring(ctx, bin, len * 8, view.bits - len * 8);
    make_tuple(ctx, &[am::OK, result, rest])
}

/// A string of the packet: a list, or a binary for the `_bin` types.
fn string(ctx: &mut Ctx, bytes: &[u8], as_bin: bool) -> Term {
    if as_bin {
        make_binary(ctx, bytes)
    } else {
        make_byte_list(ctx, bytes)
    }
}

fn version(ctx: &mut Ctx, (major, minor): (u32, u32)) -> Term {
    make_tuple(ctx, &[Term::small(major as i64), Term::small(minor as i64)])
}

fn http_term(ctx: &mut Ctx, pkt: &[u8], h: &Http, as_bin: bool) -> Term {
    match h {
        Http::Response {
            version: v,
            status,
            phrase,
        } => {
            let phrase = string(ctx, &pkt[phrase.clone()], as_bin);
            let v = version(ctx, *v);
            let tag = atom::intern("http_response");
            make_tuple(ctx, &[tag, v, Term::small(*status as i64), phrase])
        }
        Http::Request {
            method,
            uri,
            version: v,
        } => {
            let m = match method {
                Method::Known(k) => atom::intern(http::METHODS[*k]),
                Method::Other(r) => string(ctx, &pkt[r.clone()], as_bin),
            };
            let u = uri_term(ctx, pkt, uri, as_bin);
            let v = version(ctx, *v);
            make_tuple(ctx, &[atom::intern("http_request"), m, u, v])
        }
        Http::Header {
            known,
            name,
            original,
            value,
        } => {
            let (bit, name) = match known {
                Some(k) => (*k as i64 + 1, atom::intern(http::HEADERS[*k])),
                None => (0, string(ctx, name, as_bin)),
            };
            let orig = string(ctx, &pkt[original.clone()], as_bin);
            let value = string(ctx, &pkt[value.clone()], as_bin);
            let tag = atom::intern("http_header");
            make_tuple(ctx, &[tag, Term::small(bit), name, orig, value])
        }
        Http::Eoh => atom::intern("http_eoh"),
        Http::Error => {
            let line = string(ctx, pkt, as_bin);
            make_tuple(ctx, &[atom::intern("http_error"), line])
        }
    }
}

fn uri_term(ctx: &mut Ctx, pkt: &[u8], uri: &Uri, as_bin: bool) -> Term {
    match uri {
        Uri::Star => atom::intern("*"),
        Uri::AbsPath(r) => {
            let p = string(ctx, &pkt[r.clone()], as_bin);
            make_tuple(ctx, &[atom::intern("abs_path"), p])
        }
        Uri::Absolute {
            https,
            host,
            port,
            path,
        } => {
            let scheme = atom::intern(if *https { "https" } else { "http" });
            let host = string(ctx, &pkt[host.clone()], as_bin);
            let port = port.map_or(am::UNDEFINED, |p| Term::small(p as i64));
            let path = match path {
                Some(r) => string(ctx, &pkt[r.clone()], as_bin),
                None => string(ctx, b"/", as_bin),
            };
            make_tuple(
                ctx,
                &[atom::intern("absoluteURI"), scheme, host, port, path],
            )
        }
        Uri::Scheme(s, rest) => {
            let s = string(ctx, &pkt[s.clone()], as_bin);
            let rest = string(ctx, &pkt[rest.clone()], as_bin);
            make_tuple(ctx, &[atom::intern("scheme"), s, rest])
        }
        Uri::Other(r) => string(ctx, &pkt[r.clone()], as_bin),
    }
}
