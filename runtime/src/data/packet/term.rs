//! The terms of decoded HTTP packets (`{http_request, M, Uri, V}`,
//! `{http_header, Bit, Name, Orig, Value}`, ...), shared by
//! `erlang:decode_packet/3` and sockets in `{packet, http | http_bin}`.

use super::http::{self, Http, Method, Uri};
use crate::data::binary::build::make_binary;
use crate::data::build::{make_byte_list, make_tuple};
use crate::heap::ctx::Ctx;
use crate::term::atom::{self, am};
use crate::term::Term;

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

pub fn http_term(ctx: &mut Ctx, pkt: &[u8], h: &Http, as_bin: bool) -> Term {
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
