//! The module checksum BEAM computes at load time — `Mod:module_info(md5)`,
//! `beam_lib:md5/1` and every fun's `new_uniq`: MD5 over the atom, code,
//! string, import and export chunks, the lambda table with each entry's
//! `OldUniq` field zeroed (it comes from an endian-dependent hash), then
//! the literal and `Meta` chunks when present.

use crate::chunks::{find, Chunk};
use md5::{Digest, Md5};

/// Bytes of one `FunT` entry: Function Arity Index NumFree OldIndex OldUniq
/// (the last field excluded from the checksum).
const LAMBDA_ENTRY: usize = 24;

pub(crate) fn module_checksum(chunks: &[Chunk<'_>]) -> [u8; 16] {
    let mut h = Md5::new();
    let atoms = find(chunks, b"AtU8").or_else(|| find(chunks, b"Atom"));
    for c in [
        atoms,
        find(chunks, b"Code"),
        find(chunks, b"StrT"),
        find(chunks, b"ImpT"),
        find(chunks, b"ExpT"),
    ] {
        h.update(c.unwrap_or(&[]));
    }
    if let Some(funt) = find(chunks, b"FunT").filter(|f| f.len() >= 4) {
        h.update(&funt[..4]);
        for e in funt[4..].chunks_exact(LAMBDA_ENTRY) {
            h.update(&e[..20]);
            h.update([0u8; 4]);
        }
    }
    for id in [b"LitT", b"Meta"] {
        if let Some(c) = find(chunks, id) {
            h.update(c);
        }
    }
    h.finalize().into()
}
