//! The compact term encoding used for instruction operands and line items
//! (see beam_asm.erl / beam_file.c): a 3-bit tag in the low bits of the
//! first byte, a value in 4 bits, 11 bits, or a length-prefixed run of
//! big-endian bytes.

use crate::bigint::{from_sign_magnitude, from_twos_complement_be, BigIntRepr, IntValue};
use crate::error::LoadError;
use crate::reader::Reader;

pub(crate) const TAG_U: u8 = 0;
pub(crate) const TAG_I: u8 = 1;
pub(crate) const TAG_A: u8 = 2;
pub(crate) const TAG_X: u8 = 3;
pub(crate) const TAG_Y: u8 = 4;
pub(crate) const TAG_F: u8 = 5;
pub(crate) const TAG_H: u8 = 6;
pub(crate) const TAG_Z: u8 = 7;

/// The value part of a compact term.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum RawValue<'a> {
    /// 4- or 11-bit inline value (always non-negative).
    Inline(u16),
    /// Length-prefixed big-endian bytes (two's complement for `i`).
    Bytes(&'a [u8]),
}

/// A compact term before interpretation.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Raw<'a> {
    pub tag: u8,
    pub value: RawValue<'a>,
}

pub(crate) fn tag_name(tag: u8) -> &'static str {
    match tag {
        TAG_U => "u",
        TAG_I => "i",
        TAG_A => "a",
        TAG_X => "x",
        TAG_Y => "y",
        TAG_F => "f",
        TAG_H => "h",
        _ => "z",
    }
}

/// Reads one compact term.
pub(crate) fn read_raw<'a>(r: &mut Reader<'a>) -> Result<Raw<'a>, LoadError> {
    read_raw_inner(r, true)
}

fn read_raw_inner<'a>(r: &mut Reader<'a>, allow_nested: bool) -> Result<Raw<'a>, LoadError> {
    let first = r.u8()?;
    let tag = first & 0x07;
    if first & 0x08 == 0 {
        return Ok(Raw {
            tag,
            value: RawValue::Inline(u16::from(first >> 4)),
        });
    }
    if first & 0x10 == 0 {
        let low = r.u8()?;
        let value = (u16::from(first >> 5) << 8) | u16::from(low);
        return Ok(Raw {
            tag,
            value: RawValue::Inline(value),
        });
    }
    let code = first >> 5;
    let count = if code < 7 {
        usize::from(code) + 2
    } else {
        if !allow_nested {
            return r.error("nested length prefix of a compact term is itself nested");
        }
        let prefix = read_raw_inner(r, false)?;
        if prefix.tag != TAG_U {
            return r.error(format!(
                "length prefix of a compact term has tag '{}', expected 'u'",
                tag_name(prefix.tag)
            ));
        }
        let extra = unsigned(prefix.value, r)?;
        match usize::try_from(extra).ok().and_then(|n| n.checked_add(9)) {
            Some(n) => n,
            None => return r.error(format!("compact term length {extra} is too large")),
        }
    };
    Ok(Raw {
        tag,
        value: RawValue::Bytes(r.bytes(count)?),
    })
}

/// Interprets a value as an unsigned 64-bit number.
pub(crate) fn unsigned(value: RawValue<'_>, r: &Reader<'_>) -> Result<u64, LoadError> {
    match value {
        RawValue::Inline(v) => Ok(u64::from(v)),
        RawValue::Bytes(bytes) => {
            let start = bytes.iter().position(|&b| b != 0).unwrap_or(bytes.len());
            let significant = bytes.get(start..).unwrap_or(&[]);
            if significant.len() > 8 {
                return r.error("unsigned compact term does not fit in 64 bits");
            }
            Ok(significant
                .iter()
                .fold(0u64, |acc, &b| (acc << 8) | u64::from(b)))
        }
    }
}

/// An unsigned value of any size: `Ok(v)` when it fits `u64`, else the
/// whole number (`Err`, never a value that fits).
pub(crate) fn unsigned_or_big(value: RawValue<'_>) -> Result<u64, BigIntRepr> {
    match value {
        RawValue::Inline(v) => Ok(u64::from(v)),
        RawValue::Bytes(bytes) => {
            let le: Vec<u8> = bytes.iter().rev().copied().collect();
            match from_sign_magnitude(false, &le) {
                IntValue::Small(v) => Ok(v.unsigned_abs()),
                // 2^63..2^64 fits u64 but not i64 (normalized: <= 8 bytes).
                IntValue::Big(b) if b.magnitude_le.len() <= 8 => Ok(b
                    .magnitude_le
                    .iter()
                    .rev()
                    .fold(0u64, |acc, &x| (acc << 8) | u64::from(x))),
                IntValue::Big(b) => Err(b),
            }
        }
    }
}

/// Interprets a value as an unsigned number that must fit `u32`.
pub(crate) fn unsigned32(
    value: RawValue<'_>,
    r: &Reader<'_>,
    what: &str,
) -> Result<u32, LoadError> {
    let v = unsigned(value, r)?;
    u32::try_from(v).or_else(|_| r.error(format!("{what} {v} does not fit in 32 bits")))
}

/// Interprets an `i`-tagged value (two's complement when length-prefixed).
pub(crate) fn integer(value: RawValue<'_>) -> IntValue {
    match value {
        RawValue::Inline(v) => IntValue::Small(i64::from(v)),
        RawValue::Bytes(bytes) => from_twos_complement_be(bytes),
    }
}

/// Reads a compact term that must carry the `u` tag.
pub(crate) fn read_u(r: &mut Reader<'_>, what: &str) -> Result<u64, LoadError> {
    let raw = read_raw(r)?;
    if raw.tag != TAG_U {
        return r.error(format!(
            "{what}: expected a 'u' term, found tag '{}'",
            tag_name(raw.tag)
        ));
    }
    unsigned(raw.value, r)
}

/// Reads a `u` term that must fit `u32`.
pub(crate) fn read_u32(r: &mut Reader<'_>, what: &str) -> Result<u32, LoadError> {
    let v = read_u(r, what)?;
    u32::try_from(v).or_else(|_| r.error(format!("{what} {v} does not fit in 32 bits")))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn raw(bytes: &[u8]) -> Result<(u8, RawValue<'_>, usize), LoadError> {
        let mut r = Reader::new(bytes, "test");
        let raw = read_raw(&mut r)?;
        Ok((raw.tag, raw.value, r.pos()))
    }

    #[test]
    fn inline_forms() {
        // {u,5}: 5 << 4 | 0
        assert_eq!(raw(&[0x50]).unwrap(), (TAG_U, RawValue::Inline(5), 1));
        // {x,15}
        assert_eq!(raw(&[0xf3]).unwrap(), (TAG_X, RawValue::Inline(15), 1));
        // 11-bit: {f,2047} = (0b111 << 5) | 0x08 | 5, 0xff
        assert_eq!(
            raw(&[0xed, 0xff]).unwrap(),
            (TAG_F, RawValue::Inline(2047), 2)
        );
        assert!(raw(&[0x0d]).is_err());
    }

    #[test]
    fn length_forms() {
        // 2 bytes: code 0 -> 0x18 | tag i
        let (tag, value, used) = raw(&[0x19, 0xff, 0x00]).unwrap();
        assert_eq!((tag, used), (TAG_I, 3));
        assert_eq!(integer(value), IntValue::Small(-256));
        // Nested length: 0xf8|1, then {u,0} => 9 bytes
        let bytes = [0xf9, 0x00, 1, 0, 0, 0, 0, 0, 0, 0, 0];
        let (tag, value, used) = raw(&bytes).unwrap();
        assert_eq!((tag, used), (TAG_I, 11));
        assert!(matches!(integer(value), IntValue::Big(_)));
        // Nested prefix with a non-u tag is rejected.
        assert!(raw(&[0xf9, 0x01, 0]).is_err());
        // Doubly nested prefixes are rejected without recursion.
        assert!(raw(&[0xf8, 0xf8, 0xf8, 0xf8]).is_err());
        // Truncated.
        assert!(raw(&[0x39, 0xff]).is_err());
    }

    #[test]
    fn unsigned_limits() {
        let r = Reader::new(&[], "test");
        assert_eq!(
            unsigned(RawValue::Bytes(&[0, 0xff, 0xff]), &r).unwrap(),
            0xffff
        );
        assert_eq!(
            unsigned(RawValue::Bytes(&[0, 0xff, 0, 0, 0, 0, 0, 0, 1]), &r).unwrap(),
            0xff00_0000_0000_0001
        );
        assert!(unsigned(RawValue::Bytes(&[1, 0, 0, 0, 0, 0, 0, 0, 0]), &r).is_err());
    }

    #[test]
    fn unsigned_any_size() {
        assert_eq!(unsigned_or_big(RawValue::Inline(7)), Ok(7));
        assert_eq!(
            unsigned_or_big(RawValue::Bytes(&[0, 0, 0x12, 0x34])),
            Ok(0x1234)
        );
        assert_eq!(
            unsigned_or_big(RawValue::Bytes(&[0xff; 8])),
            Ok(u64::MAX),
            "2^64-1 still fits"
        );
        assert_eq!(
            unsigned_or_big(RawValue::Bytes(&[0, 0x80, 0, 0, 0, 0, 0, 0, 0])),
            Ok(1 << 63)
        );
        // 2^64 + 8: the bit count of <<B:8, _:16#1_0000_0000_0000_0000>>.
        let big = unsigned_or_big(RawValue::Bytes(&[1, 0, 0, 0, 0, 0, 0, 0, 8])).unwrap_err();
        assert!(!big.negative);
        assert_eq!(big.magnitude_le, vec![8, 0, 0, 0, 0, 0, 0, 0, 1]);
        assert_eq!(big.to_string(), "18446744073709551624");
        // Leading zero bytes do not make a value big.
        assert_eq!(
            unsigned_or_big(RawValue::Bytes(&[0, 0, 0, 0, 0, 0, 0, 0, 0, 5])),
            Ok(5)
        );
    }
}
