//! The IFF container: `FOR1`, a 32-bit size, `BEAM`, followed by chunks, each an id,
//! a 32-bit size, the data and padding to a multiple of 4 bytes.

use crate::error::{fail, LoadError};
use crate::inflate::gunzip;
use crate::reader::Reader;

/// Largest inflated size accepted for a gzip-compressed beam file.
const MAX_GUNZIPPED: usize = 256 << 20;

/// One chunk of a BEAM file.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Chunk<'a> {
    pub id: [u8; 4],
    pub data: &'a [u8],
}

impl Chunk<'_> {
    /// The chunk id as text (e.g. `"AtU8"`).
    pub fn name(&self) -> String {
        self.id.iter().map(|&b| char::from(b)).collect()
    }
}

/// Unwraps a gzip-compressed beam file (as the runtime accepts); other
/// input is returned unchanged.
pub(crate) fn maybe_gunzip(bytes: &[u8]) -> Result<Option<Vec<u8>>, LoadError> {
    if bytes.starts_with(&[0x1f, 0x8b]) {
        gunzip(bytes, MAX_GUNZIPPED).map(Some)
    } else {
        Ok(None)
    }
}

/// Lists the chunks of an (uncompressed) BEAM file, in file order.
pub fn read_chunks(bytes: &[u8]) -> Result<Vec<Chunk<'_>>, LoadError> {
    let mut r = Reader::new(bytes, "BEAM file header");
    if r.bytes(4).ok() != Some(b"FOR1".as_slice()) {
        return fail("not a BEAM file: does not start with \"FOR1\"");
    }
    let form_size = r.count32()?;
    if form_size > r.remaining() {
        return fail(format!(
            "BEAM file is truncated: form size {form_size} but only {} bytes follow",
            r.remaining()
        ));
    }
    let form = r.bytes(form_size)?;
    let mut r = Reader::new(form, "BEAM chunk list");
    if r.bytes(4).ok() != Some(b"BEAM".as_slice()) {
        return fail("not a BEAM file: IFF form type is not \"BEAM\"");
    }
    let mut chunks = Vec::new();
    while !r.is_empty() {
        let at = r.pos();
        let mut id = [0u8; 4];
        id.copy_from_slice(r.bytes(4)?);
        let size = r.count32()?;
        let data = match r.bytes(size) {
            Ok(data) => data,
            Err(_) => {
                return fail(format!(
                    "chunk {:?} at offset {at} claims {size} bytes but only {} remain",
                    String::from_utf8_lossy(&id),
                    r.remaining()
                ))
            }
        };
        // Chunks are padded to 4 bytes; padding after the last chunk may be
        // missing in hand-made files.
        let pad = (4 - size % 4) % 4;
        r.skip(pad.min(r.remaining()))?;
        chunks.push(Chunk { id, data });
    }
    Ok(chunks)
}

/// Finds a chunk by id; when a chunk appears more than once the last one
/// counts, as in the runtime.
pub(crate) fn find<'a>(chunks: &[Chunk<'a>], id: &[u8; 4]) -> Option<&'a [u8]> {
    chunks.iter().rev().find(|c| &c.id == id).map(|c| c.data)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn form(body: &[u8]) -> Vec<u8> {
        let mut out = b"FOR1".to_vec();
        out.extend_from_slice(&(body.len() as u32 + 4).to_be_bytes());
        out.extend_from_slice(b"BEAM");
        out.extend_from_slice(body);
        out
    }

    #[test]
    fn reads_padded_chunks() {
        let mut body = Vec::new();
        body.extend_from_slice(b"StrT");
        body.extend_from_slice(&3u32.to_be_bytes());
        body.extend_from_slice(&[1, 2, 3, 0]);
        body.extend_from_slice(b"Abcd");
        body.extend_from_slice(&0u32.to_be_bytes());
        let file = form(&body);
        let chunks = read_chunks(&file).unwrap();
        assert_eq!(chunks.len(), 2);
        assert_eq!(chunks[0].name(), "StrT");
        assert_eq!(chunks[0].data, &[1, 2, 3]);
        assert_eq!(chunks[1].data, &[] as &[u8]);
        assert_eq!(find(&chunks, b"StrT"), Some(&[1u8, 2, 3][..]));
    }

    #[test]
    fn rejects_bad_headers() {
        assert!(read_chunks(b"").is_err());
        assert!(read_chunks(b"FOR2\0\0\0\x04BEAM").is_err());
        assert!(read_chunks(b"FOR1\0\0\0\x04BEAX").is_err());
        assert!(read_chunks(b"FOR1\0\0\0\x08BEAM").is_err());
        let mut body = b"Code".to_vec();
        body.extend_from_slice(&100u32.to_be_bytes());
        assert!(read_chunks(&form(&body)).is_err());
    }
}
