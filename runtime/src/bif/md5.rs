//! `erlang:md5/1`, `md5_init/0`, `md5_update/2` and `md5_final/1`.
//!
//! The context is a binary in BEAM's `MD5_CTX` layout (88 bytes): the four
//! state words, the message length in bits as two words (low, high), all
//! little-endian, then the 64-byte block buffer. BEAM checks only the
//! context's size, so a context made by one VM works in the other. (BEAM
//! leaves buffer bytes beyond the buffered data uninitialised; here they
//! are zero.) The block function is the `md-5` crate's; buffering and
//! padding follow RFC 1321.
//!
//! Data is iodata: a binary, or a possibly deep list of bytes and binaries
//! with a binary or `[]` tail. Bitstrings and anything else are `badarg`.

use super::binary::collect_iolist;
use super::{bif, BifDef};
use crate::data::binary::bits::BitWriter;
use crate::data::binary::build::make_binary;
use crate::data::binary::view;
use crate::heap::ctx::Ctx;
use crate::term::Term;

pub const BIFS: &[BifDef] = &[
    bif!("erlang", "md5", 1, md5_1),
    bif!("erlang", "md5_init", 0, md5_init_0),
    bif!("erlang", "md5_update", 2, md5_update_2),
    bif!("erlang", "md5_final", 1, md5_final_1),
];

/// Size of BEAM's `MD5_CTX`.
pub const CTX_BYTES: usize = 88;

/// MD5 state in BEAM's context layout.
#[derive(Clone)]
pub struct Md5Ctx {
    state: [u32; 4],
    /// Message length so far, in bits (modulo 2^64).
    bits: u64,
    buf: [u8; 64],
}

impl Default for Md5Ctx {
    fn default() -> Self {
        Md5Ctx {
            state: [0x6745_2301, 0xefcd_ab89, 0x98ba_dcfe, 0x1032_5476],
            bits: 0,
            buf: [0; 64],
        }
    }
}

impl Md5Ctx {
    /// Bytes waiting in the buffer.
    fn buffered(&self) -> usize {
        ((self.bits >> 3) & 63) as usize
    }

    pub fn update(&mut self, mut data: &[u8]) {
        let have = self.buffered();
        self.bits = self.bits.wrapping_add((data.len() as u64) << 3);
        if have > 0 {
            let take = (64 - have).min(data.len());
            self.buf[have..have + take].copy_from_slice(&data[..take]);
            data = &data[take..];
            if have + take < 64 {
                return;
            }
            let block = self.buf;
            md5::block_api::compress(&mut self.state, &[block]);
        }
        let (blocks, rest) = data.as_chunks::<64>();
        if !blocks.is_empty() {
            md5::block_api::compress(&mut self.state, blocks);
        }
        self.buf[..rest.len()].copy_from_slice(rest);
    }

    /// The digest (the context itself is left as it was).
    pub fn digest(&self) -> [u8; 16] {
        let mut c = self.clone();
        let len = self.bits;
        let have = c.buffered();
        let pad = if have < 56 { 56 - have } else { 120 - have };
        let mut tail = vec![0u8; pad];
        tail[0] = 0x80;
        c.update(&tail);
        c.update(&len.to_le_bytes());
        let mut out = [0u8; 16];
        for (i, w) in c.state.iter().enumerate() {
            out[4 * i..4 * i + 4].copy_from_slice(&w.to_le_bytes());
        }
        out
    }

    pub fn to_bytes(&self) -> [u8; CTX_BYTES] {
        let mut out = [0u8; CTX_BYTES];
        for (i, w) in self.state.iter().enumerate() {
            out[4 * i..4 * i + 4].copy_from_slice(&w.to_le_bytes());
        }
        out[16..20].copy_from_slice(&(self.bits as u32).to_le_bytes());
        out[20..24].copy_from_slice(&((self.bits >> 32) as u32).to_le_bytes());
        out[24..].copy_from_slice(&self.buf);
        out
    }

    pub fn from_bytes(b: &[u8]) -> Option<Md5Ctx> {
        if b.len() != CTX_BYTES {
            return None;
        }
        let word = |i: usize| u32::from_le_bytes([b[i], b[i + 1], b[i + 2], b[i + 3]]);
        let mut buf = [0u8; 64];
        buf.copy_from_slice(&b[24..]);
        Some(Md5Ctx {
            state: [word(0), word(4), word(8), word(12)],
            bits: word(16) as u64 | ((word(20) as u64) << 32),
            buf,
        })
    }
}

/// The bytes of iodata `t`, or None if it is not iodata.
fn iodata(t: Term) -> Option<Vec<u8>> {
    if let Some(v) = view(t) {
        return v.whole_bytes().map(|c| c.into_owned());
    }
    if !t.is_list() && !t.is_nil() {
        return None;
    }
    let mut w = BitWriter::default();
    (collect_iolist(t, &mut w, false) && w.bits.is_multiple_of(8)).then_some(w.buf)
}

/// The context in binary `t`, or None if it is not a binary of the
/// context's size.
fn context(t: Term) -> Option<Md5Ctx> {
    view(t)
        .and_then(|v| v.whole_bytes().map(|c| c.into_owned()))
        .and_then(|b| Md5Ctx::from_bytes(&b))
}

fn md5_1(ctx: &mut Ctx, args: &[Term; 1]) -> Term {
    let Some(data) = iodata(args[0]) else {
        return ctx.badarg();
    };
    let mut c = Md5Ctx::default();
    c.update(&data);
    make_binary(ctx, &c.digest())
}

fn md5_init_0(ctx: &mut Ctx, _args: &[Term; 0]) -> Term {
    make_binary(ctx, &Md5Ctx::default().to_bytes())
}

fn md5_update_2(ctx: &mut Ctx, args: &[Term; 2]) -> Term {
    let (c, d) = (args[0], args[1]);
    let (Some(mut c), Some(data)) = (context(c), iodata(d)) else {
        return ctx.badarg();
    };
    c.update(&data);
    make_binary(ctx, &c.to_bytes())
}

fn md5_final_1(ctx: &mut Ctx, args: &[Term; 1]) -> Term {
    let Some(c) = context(args[0]) else {
        return ctx.badarg();
    };
    make_binary(ctx, &c.digest())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hex(d: [u8; 16]) -> String {
        d.iter().map(|b| format!("{b:02x}")).collect()
    }

    fn md5(b: &[u8]) -> String {
        let mut c = Md5Ctx::default();
        c.update(b);
        hex(c.digest())
    }

    #[test]
    fn rfc1321_vectors() {
        assert_eq!(md5(b""), "d41d8cd98f00b204e9800998ecf8427e");
        assert_eq!(md5(b"abc"), "900150983cd24fb0d6963f7d28e17f72");
        assert_eq!(
            md5(
                b"12345678901234567890123456789012345678901234567890123456789012345678901234567890"
            ),
            "57edf4a22be3c955ac49da2e2107b67a"
        );
    }

    #[test]
    fn incremental_and_serialised() {
        let data: Vec<u8> = (0..1000u32).map(|i| (i * 7) as u8).collect();
        let whole = md5(&data);
        for split in [0, 1, 55, 56, 63, 64, 65, 128, 999, 1000] {
            let mut c = Md5Ctx::default();
            c.update(&data[..split]);
            let mut c = Md5Ctx::from_bytes(&c.to_bytes()).unwrap();
            c.update(&data[split..]);
            assert_eq!(hex(c.digest()), whole, "split at {split}");
        }
        // BEAM's layout: the initial state, then the length in bits.
        let mut c = Md5Ctx::default();
        c.update(b"abc");
        let b = c.to_bytes();
        assert_eq!(&b[..4], &[1, 35, 69, 103]);
        assert_eq!(&b[16..20], &[24, 0, 0, 0]);
        assert_eq!(&b[24..27], b"abc");
        assert!(Md5Ctx::from_bytes(&b[..87]).is_none());
    }
}
