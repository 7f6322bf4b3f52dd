//! The external term format at run time: `term_to_binary` (`encode`),
//! `binary_to_term` (`decode`) and the zlib framing both share. Output is
//! BEAM's byte for byte (OTP 25): the same tag choices, map order and
//! compression (the system zlib, as BEAM links it).
//!
//! Known gaps: pids, ports and refs of other nodes cannot be represented
//! (decoding them is `badarg`); a local fun encodes the module's `vsn`
//! attribute as its 16-byte `Uniq` (the compiler's default `vsn` is the
//! module MD5 that BEAM uses, an explicit `-vsn` differs) and the encoding
//! process as its creator pid; decoding a fun needs its module loaded.

pub mod decode;
pub mod encode;
pub mod walk;

#[cfg(test)]
mod tests;
#[cfg(test)]
mod walk_tests;

use flate2::Compression;
use std::io::{Read, Write};

pub const VERSION_MAGIC: u8 = 131;
pub const NEW_FLOAT_EXT: u8 = 70;
/// BEAM's internal atom references (an index into its atom table), which
/// `binary_to_term` accepts: 2- and 3-byte indexes.
pub const ATOM_INTERNAL_REF2: u8 = 73;
pub const ATOM_INTERNAL_REF3: u8 = 75;
pub const BIT_BINARY_EXT: u8 = 77;
pub const COMPRESSED: u8 = 80;
pub const NEW_PID_EXT: u8 = 88;
pub const NEW_PORT_EXT: u8 = 89;
pub const NEWER_REFERENCE_EXT: u8 = 90;
pub const SMALL_INTEGER_EXT: u8 = 97;
pub const INTEGER_EXT: u8 = 98;
pub const FLOAT_EXT: u8 = 99;
pub const ATOM_EXT: u8 = 100;
pub const REFERENCE_EXT: u8 = 101;
pub const PORT_EXT: u8 = 102;
pub const PID_EXT: u8 = 103;
pub const SMALL_TUPLE_EXT: u8 = 104;
pub const LARGE_TUPLE_EXT: u8 = 105;
pub const NIL_EXT: u8 = 106;
pub const STRING_EXT: u8 = 107;
pub const LIST_EXT: u8 = 108;
pub const BINARY_EXT: u8 = 109;
pub const SMALL_BIG_EXT: u8 = 110;
pub const LARGE_BIG_EXT: u8 = 111;
pub const NEW_FUN_EXT: u8 = 112;
pub const EXPORT_EXT: u8 = 113;
pub const NEW_REFERENCE_EXT: u8 = 114;
pub const SMALL_ATOM_EXT: u8 = 115;
pub const MAP_EXT: u8 = 116;
pub const ATOM_UTF8_EXT: u8 = 118;
pub const SMALL_ATOM_UTF8_EXT: u8 = 119;
pub const V4_PORT_EXT: u8 = 120;

/// The local node's name and creation as BEAM writes them when not
/// distributed.
pub const LOCAL_NODE: &str = "nonode@nohost";
pub const LOCAL_CREATION: u32 = 0;

/// BEAM's `term_to_binary` compression: zlib over the encoding without the
/// version byte, framed as `131, 80, Size:32, Zlib...`; kept only when
/// smaller than the plain encoding (`plain` includes the version byte).
pub fn compress(plain: Vec<u8>, level: u32) -> Vec<u8> {
    if level == 0 || plain.len() <= 1 {
        return plain;
    }
    let body = &plain[1..];
    let mut enc = flate2::write::ZlibEncoder::new(
        Vec::with_capacity(body.len() / 2 + 16),
        Compression::new(level),
    );
    if enc.write_all(body).is_err() {
        return plain;
    }
    let Ok(z) = enc.finish() else {
        return plain;
    };
    // BEAM keeps the plain form only when the compressed one is larger.
    if z.len() + 6 > plain.len() || body.len() > u32::MAX as usize {
        return plain;
    }
    let mut out = Vec::with_capacity(z.len() + 6);
    out.push(VERSION_MAGIC);
    out.push(COMPRESSED);
    out.extend_from_slice(&(body.len() as u32).to_be_bytes());
    out.extend_from_slice(&z);
    out
}

/// Inflates a zlib stream that must produce exactly `size` bytes. Returns
/// the data and the number of compressed bytes consumed. Output grows with
/// what the stream really produces, so a lying `size` costs nothing.
pub fn inflate_exact(input: &[u8], size: usize) -> Option<(Vec<u8>, usize)> {
    let mut dec = flate2::bufread::ZlibDecoder::new(input);
    let mut out = Vec::with_capacity(size.min(input.len().saturating_mul(4)).min(1 << 20));
    // Read at most size + 1 bytes: one more than announced is an error.
    let mut limited = (&mut dec).take(size as u64 + 1);
    limited.read_to_end(&mut out).ok()?;
    if out.len() != size {
        return None;
    }
    // The stream must be complete (its checksum verified): a further read
    // returns 0 at the end of the stream.
    let mut probe = [0u8; 1];
    match dec.read(&mut probe) {
        Ok(0) => {}
        _ => return None,
    }
    let used = dec.total_in() as usize;
    Some((out, used))
}
