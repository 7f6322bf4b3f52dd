//! `erlang:decode_packet/3`: the terms around `runtime/src/data/packet/`.
//!
//! `{ok, Packet, Rest}` (Packet: the body as a sub-binary of the input, or
//! the HTTP/TLS term), `{more, Length | undefined}`, `{error, invalid}`;
//! `badarg` for an unknown type, a non-binary, or a bad option (BEAM also
//! puts `cause => badopt` in the error_info of a bad type; girder's BIF
//! frames carry no causes yet).

use super::{bif, BifDef};
use crate::data::binary::build::{make_binary, sub_bitstring};
use crate::data::build::make_tuple;
use crate::data::packet::http;
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
            packet::term::http_term(ctx, pkt, &h, as_bin)
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
