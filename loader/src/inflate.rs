//! zlib / gzip decompression with size limits.

use std::io::Read;

use flate2::read::{GzDecoder, ZlibDecoder};

use crate::error::{fail, LoadError};

/// Never reserve more than this up front, whatever size a header claims.
const MAX_PREALLOC: usize = 16 << 20;

/// Refuse to inflate more than this (the runtime's own sanity limit for
/// tables is 1 GiB too).
const MAX_INFLATED: usize = 1 << 30;

/// Inflates a zlib stream that must produce exactly `expected` bytes.
/// Returns the data and the number of compressed bytes consumed.
pub(crate) fn zlib_exact(
    input: &[u8],
    expected: usize,
    what: &str,
) -> Result<(Vec<u8>, usize), LoadError> {
    if expected > MAX_INFLATED {
        return fail(format!(
            "{what}: uncompressed size {expected} is over the {MAX_INFLATED}-byte limit"
        ));
    }
    let mut decoder = ZlibDecoder::new(input);
    let mut out = Vec::with_capacity(expected.min(MAX_PREALLOC));
    let limit = u64::try_from(expected)
        .unwrap_or(u64::MAX)
        .saturating_add(1);
    if let Err(e) = decoder.by_ref().take(limit).read_to_end(&mut out) {
        return fail(format!("{what}: zlib data is corrupt: {e}"));
    }
    if out.len() != expected {
        return fail(format!(
            "{what}: zlib data inflates to {}{} bytes, header says {expected}",
            if out.len() > expected {
                "more than "
            } else {
                ""
            },
            out.len().min(expected)
        ));
    }
    let consumed = usize::try_from(decoder.total_in()).unwrap_or(usize::MAX);
    Ok((out, consumed))
}

/// Inflates a whole gzip file, refusing output larger than `max_out`.
pub(crate) fn gunzip(input: &[u8], max_out: usize) -> Result<Vec<u8>, LoadError> {
    let mut decoder = GzDecoder::new(input);
    let mut out = Vec::with_capacity(input.len().saturating_mul(4).min(MAX_PREALLOC));
    let limit = u64::try_from(max_out).unwrap_or(u64::MAX).saturating_add(1);
    if let Err(e) = decoder.by_ref().take(limit).read_to_end(&mut out) {
        return fail(format!("gzip-compressed beam file is corrupt: {e}"));
    }
    if out.len() > max_out {
        return fail(format!(
            "gzip-compressed beam file inflates to more than {max_out} bytes"
        ));
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    // zlib:compress(<<"hello hello hello">>) from erl.
    const HELLO: [u8; 16] = [
        120, 156, 203, 72, 205, 201, 201, 87, 200, 64, 144, 0, 58, 46, 6, 125,
    ];

    #[test]
    fn exact_size_required() {
        let (data, used) = zlib_exact(&HELLO, 17, "t").expect("inflates");
        assert_eq!(data, b"hello hello hello");
        assert_eq!(used, HELLO.len());
        assert!(zlib_exact(&HELLO, 3, "t").is_err());
        assert!(zlib_exact(&HELLO, 100, "t").is_err());
        assert!(zlib_exact(&[1, 2, 3], 3, "t").is_err());
        assert!(zlib_exact(&[], 0, "t").is_err());
    }
}
