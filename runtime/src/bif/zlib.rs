//! `zlib:compress/1` and `zlib:uncompress/1`, the one-shot zlib-framed
//! calls (OTP's compiler packs a module's literal chunk with
//! `zlib:compress/1`). In OTP they are Erlang functions over the `zlib`
//! NIF's stream API (not implemented here); girder replaces their bodies
//! with these, which use the system zlib as the NIF does, so the output is
//! BEAM's byte for byte.
//!
//! Errors follow `zlib.erl`: data that is not iodata is `badarg`;
//! `uncompress` of fewer than 8 bytes, of a damaged stream or of an
//! unfinished one is `data_error`. Bytes after the end of the stream are
//! ignored, as by the NIF.

use super::binary::collect_iolist;
use super::{bif, BifDef};
use crate::data::binary::bits::BitWriter;
use crate::data::binary::build::make_binary;
use crate::heap::ctx::Ctx;
use crate::term::atom;
use crate::term::Term;
use flate2::{Compress, Compression, Decompress, FlushCompress, FlushDecompress, Status};

pub const BIFS: &[BifDef] = &[
    bif!("zlib", "compress", 1, compress_1),
    bif!("zlib", "uncompress", 1, uncompress_1),
];

/// The bytes of iodata `t`, or `None` if it is not iodata.
fn iodata_bytes(t: Term) -> Option<Vec<u8>> {
    let mut w = BitWriter::default();
    (collect_iolist(t, &mut w, false) && w.bits.is_multiple_of(8)).then_some(w.buf)
}

/// zlib-framed deflate at the default level (6), window 15, as
/// `deflateInit(Z, default)`.
pub fn zlib_compress(data: &[u8]) -> Vec<u8> {
    let mut c = Compress::new(Compression::default(), true);
    let mut out = Vec::with_capacity(data.len() / 2 + 64);
    loop {
        let consumed = c.total_in() as usize;
        if out.capacity() - out.len() < 64 {
            out.reserve(out.capacity().max(256));
        }
        // Compressing from memory into a vector with room cannot fail.
        match c.compress_vec(&data[consumed..], &mut out, FlushCompress::Finish) {
            Ok(Status::StreamEnd) => return out,
            Ok(_) => {}
            Err(_) => return out,
        }
    }
}

/// Inflates the zlib stream at the start of `data`; `None` if it is
/// damaged or does not end within `data`.
pub fn zlib_uncompress(data: &[u8]) -> Option<Vec<u8>> {
    let mut d = Decompress::new(true);
    let mut out = Vec::with_capacity(data.len().saturating_mul(3).min(1 << 20) + 64);
    loop {
        let (in0, out0) = (d.total_in(), d.total_out());
        if out.capacity() - out.len() < 64 {
            out.reserve(out.capacity().max(256));
        }
        let rest = data.get(d.total_in() as usize..).unwrap_or(&[]);
        match d.decompress_vec(rest, &mut out, FlushDecompress::None) {
            Ok(Status::StreamEnd) => return Some(out),
            Ok(_) => {
                // No progress with output room left: the input ran out.
                if d.total_in() == in0 && d.total_out() == out0 {
                    return None;
                }
            }
            Err(_) => return None,
        }
    }
}

fn compress_1(ctx: &mut Ctx, args: &[Term; 1]) -> Term {
    let Some(data) = iodata_bytes(args[0]) else {
        return ctx.badarg();
    };
    super::reds::charge(ctx, data.len());
    let z = zlib_compress(&data);
    make_binary(ctx, &z)
}

fn uncompress_1(ctx: &mut Ctx, args: &[Term; 1]) -> Term {
    let Some(data) = iodata_bytes(args[0]) else {
        return ctx.badarg();
    };
    if data.len() < 8 {
        return ctx.error(atom::intern("data_error"));
    }
    match zlib_uncompress(&data) {
        Some(out) => {
            super::reds::charge(ctx, out.len());
            make_binary(ctx, &out)
        }
        None => ctx.error(atom::intern("data_error")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_bytes() {
        // What erl's zlib:compress/1 returns.
        assert_eq!(zlib_compress(b""), [120, 156, 3, 0, 0, 0, 0, 1]);
        assert_eq!(
            zlib_compress(b"abcde"),
            [120, 156, 75, 76, 74, 78, 73, 5, 0, 5, 200, 1, 240]
        );
    }

    #[test]
    fn round_trip_and_errors() {
        let data: Vec<u8> = (0..100_000u32).map(|i| (i * 7 % 251) as u8).collect();
        let z = zlib_compress(&data);
        assert!(z.len() < data.len());
        assert_eq!(zlib_uncompress(&z).as_deref(), Some(&data[..]));
        // Trailing bytes after the stream are ignored.
        let mut more = z.clone();
        more.extend_from_slice(&[1, 2, 3]);
        assert_eq!(zlib_uncompress(&more).as_deref(), Some(&data[..]));
        // A truncated or damaged stream is an error.
        assert_eq!(zlib_uncompress(&z[..z.len() - 2]), None);
        assert_eq!(zlib_uncompress(&[1, 2, 3, 4, 5, 6, 7, 8]), None);
        assert_eq!(zlib_uncompress(&[]), None);
    }
}
