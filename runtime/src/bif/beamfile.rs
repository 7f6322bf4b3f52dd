//! `erts_internal:beamfile_chunk/2` and `beamfile_module_md5/1`, which
//! `beam_lib` and `code` use to read `.beam` images without loading them.
//!
//! The IFF walk is BEAM's (`beam_file.c`): a `FOR1` header whose size must
//! fit in the binary, form type `BEAM`, then chunks `[Id:32][Size:32]
//! [Data, padded to 4]`, sizes signed; the last chunk with the id wins;
//! any malformation, or an empty chunk, is `undefined`.

use super::{bif, BifDef};
use crate::data::binary::build::make_binary;
use crate::data::build::list_to_vec;
use crate::heap::ctx::Ctx;
use crate::term::atom::am;
use crate::term::Term;

pub const BIFS: &[BifDef] = &[
    bif!("erts_internal", "beamfile_chunk", 2, beamfile_chunk_2),
    bif!(
        "erts_internal",
        "beamfile_module_md5",
        1,
        beamfile_module_md5_1
    ),
];

fn read_i32(b: &[u8], at: usize) -> Option<i32> {
    let w = b.get(at..at.checked_add(4)?)?;
    Some(i32::from_be_bytes([w[0], w[1], w[2], w[3]]))
}

/// The data of the last chunk `id` of the IFF image `b`, if well formed.
fn find_chunk(b: &[u8], id: u32) -> Option<&[u8]> {
    if read_i32(b, 0)? as u32 != u32::from_be_bytes(*b"FOR1") {
        return None;
    }
    let size = usize::try_from(read_i32(b, 4)?).ok()?;
    let form = b.get(8..8usize.checked_add(size)?)?;
    if read_i32(form, 0)? as u32 != u32::from_be_bytes(*b"BEAM") {
        return None;
    }
    let mut at = 4;
    let mut found = None;
    while at < form.len() {
        let cid = read_i32(form, at)? as u32;
        let csize = usize::try_from(read_i32(form, at + 4)?).ok()?;
        let data_at = at + 8;
        let storage = (csize + 3) & !3;
        if form.len() - data_at.min(form.len()) < storage {
            return None;
        }
        if cid == id {
            found = Some(&form[data_at..data_at + csize]);
        }
        at = data_at + storage;
    }
    found
}

/// The four bytes of a chunk id list (`"Atom"`), or None.
fn chunk_id(t: Term) -> Option<u32> {
    let v = list_to_vec(t)?;
    if v.len() != 4 {
        return None;
    }
    let mut id = 0u32;
    for c in v {
        if !c.is_small() || !(0..=255).contains(&c.small_value()) {
            return None;
        }
        id = id << 8 | c.small_value() as u32;
    }
    Some(id)
}

fn beamfile_chunk_2(ctx: &mut Ctx, args: &[Term; 2]) -> Term {
    let Some(id) = chunk_id(args[1]) else {
        return ctx.badarg();
    };
    let Some(bytes) =
        crate::data::binary::view(args[0]).and_then(|v| v.whole_bytes().map(|c| c.into_owned()))
    else {
        return ctx.badarg();
    };
    match find_chunk(&bytes, id).filter(|d| !d.is_empty()) {
        Some(d) => make_binary(ctx, d),
        None => am::UNDEFINED,
    }
}

fn beamfile_module_md5_1(ctx: &mut Ctx, args: &[Term; 1]) -> Term {
    let Some(bytes) =
        crate::data::binary::view(args[0]).and_then(|v| v.whole_bytes().map(|c| c.into_owned()))
    else {
        return ctx.badarg();
    };
    match girder_loader::parse_module_unverified(&bytes) {
        Ok(m) => make_binary(ctx, &m.checksum),
        Err(_) => am::UNDEFINED,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn image(chunks: &[(&[u8; 4], &[u8])]) -> Vec<u8> {
        let mut form = b"BEAM".to_vec();
        for (id, d) in chunks {
            form.extend_from_slice(*id);
            form.extend_from_slice(&(d.len() as u32).to_be_bytes());
            form.extend_from_slice(d);
            form.resize((form.len() + 3) & !3, 0);
        }
        let mut out = b"FOR1".to_vec();
        out.extend_from_slice(&(form.len() as u32).to_be_bytes());
        out.extend_from_slice(&form);
        out
    }

    #[test]
    fn chunks_found_and_malformed_rejected() {
        let id = |s: &[u8; 4]| u32::from_be_bytes(*s);
        let img = image(&[(b"AtU8", b"abc"), (b"Code", b"12345"), (b"AtU8", b"xy")]);
        assert_eq!(find_chunk(&img, id(b"Code")), Some(&b"12345"[..]));
        // The last one wins, as in BEAM.
        assert_eq!(find_chunk(&img, id(b"AtU8")), Some(&b"xy"[..]));
        assert_eq!(find_chunk(&img, id(b"LitT")), None);
        assert_eq!(find_chunk(&img[..img.len() - 1], id(b"Code")), None);
        let mut bad = img.clone();
        bad[0] = b'X';
        assert_eq!(find_chunk(&bad, id(b"Code")), None);
        // Trailing bytes after the form are ignored.
        let mut longer = img.clone();
        longer.extend_from_slice(b"junk");
        assert_eq!(find_chunk(&longer, id(b"Code")), Some(&b"12345"[..]));
    }
}
