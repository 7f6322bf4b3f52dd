//! The type table chunk (`Type`): a 32-bit version and count, then one
//! entry per type. Version 1 (OTP 25) entries are 18 bytes: a 16-bit type
//! union and a signed 64-bit min and max. Version 2 (OTP 26+) entries are a
//! 16-bit union with flags telling which of lower bound (8 bytes), upper
//! bound (8 bytes) and unit (1 byte) follow. Other versions are ignored, as
//! the runtime does.

use crate::error::LoadError;
use crate::reader::{capacity_hint, Reader};

/// Bits of `TypeInfo::type_union`.
pub mod type_bits {
    pub const ATOM: u16 = 1 << 0;
    pub const BITSTRING: u16 = 1 << 1;
    pub const BS_MATCHSTATE: u16 = 1 << 2;
    pub const CONS: u16 = 1 << 3;
    pub const FLOAT: u16 = 1 << 4;
    pub const FUN: u16 = 1 << 5;
    pub const INTEGER: u16 = 1 << 6;
    pub const MAP: u16 = 1 << 7;
    pub const NIL: u16 = 1 << 8;
    pub const PID: u16 = 1 << 9;
    pub const PORT: u16 = 1 << 10;
    pub const REFERENCE: u16 = 1 << 11;
    pub const TUPLE: u16 = 1 << 12;
    pub const ANY: u16 = (1 << 13) - 1;
}

const HAS_LOWER_BOUND: u16 = 1 << 13;
const HAS_UPPER_BOUND: u16 = 1 << 14;
const HAS_UNIT: u16 = 1 << 15;

/// One entry of the type table (what a typed register's `type_index`
/// refers to).
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
pub struct TypeInfo {
    /// Set of possible types ([`type_bits`]); never 0.
    pub type_union: u16,
    /// Known lower bound of an integer (or float) value.
    pub min: Option<i64>,
    /// Known upper bound of an integer (or float) value.
    pub max: Option<i64>,
    /// Unit of a bitstring's size (1 when unknown).
    pub size_unit: u8,
    /// The encoded entry, as in the chunk.
    pub raw: Vec<u8>,
}

pub(crate) fn parse_types(data: &[u8]) -> Result<Vec<TypeInfo>, LoadError> {
    let mut r = Reader::new(data, "Type chunk");
    let version = r.u32()?;
    if version != 1 && version != 2 {
        return Ok(Vec::new());
    }
    let count = r.count32()?;
    if count == 0 {
        return r.error("type table is empty");
    }
    let mut out = Vec::with_capacity(capacity_hint(count, r.remaining(), 2));
    for i in 0..count {
        let start = r.clone();
        let mut info = if version == 1 {
            let type_union = r.u16()?;
            let min = r.i64()?;
            let max = r.i64()?;
            let known = min <= max;
            TypeInfo {
                type_union,
                min: known.then_some(min),
                max: known.then_some(max),
                size_unit: 1,
                raw: Vec::new(),
            }
        } else {
            read_v2(&mut r)?
        };
        if info.type_union & type_bits::ANY == 0 {
            return r.error(format!("type {i} is empty"));
        }
        let used = r.pos() - start.pos();
        info.raw = start.rest().get(..used).unwrap_or(&[]).to_vec();
        out.push(info);
    }
    if out.first().is_some_and(|t| t.type_union != type_bits::ANY) {
        return r.error("first type is not the \"any\" type");
    }
    Ok(out)
}

fn read_v2(r: &mut Reader<'_>) -> Result<TypeInfo, LoadError> {
    let flags = r.u16()?;
    let type_union = flags & type_bits::ANY;
    let numeric = type_union & (type_bits::INTEGER | type_bits::FLOAT) != 0;
    if flags & (HAS_LOWER_BOUND | HAS_UPPER_BOUND) != 0 && !numeric {
        return r.error("bounds on a non-numeric type");
    }
    if flags & HAS_UNIT != 0 && type_union & type_bits::BITSTRING == 0 {
        return r.error("unit on a non-bitstring type");
    }
    let min = if flags & HAS_LOWER_BOUND != 0 {
        Some(r.i64()?)
    } else {
        None
    };
    let max = if flags & HAS_UPPER_BOUND != 0 {
        Some(r.i64()?)
    } else {
        None
    };
    let size_unit = if flags & HAS_UNIT != 0 {
        r.u8()?.saturating_add(1)
    } else {
        1
    };
    Ok(TypeInfo {
        type_union,
        min,
        max,
        size_unit,
        raw: Vec::new(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn version_1_entries() {
        let mut data = vec![0, 0, 0, 1, 0, 0, 0, 2];
        data.extend_from_slice(&[0x1f, 0xff]);
        data.extend_from_slice(&0i64.to_be_bytes());
        data.extend_from_slice(&(-1i64).to_be_bytes());
        data.extend_from_slice(&[0, 0x40]);
        data.extend_from_slice(&0i64.to_be_bytes());
        data.extend_from_slice(&255i64.to_be_bytes());
        let types = parse_types(&data).unwrap();
        assert_eq!(types.len(), 2);
        assert_eq!(types[0].min, None);
        assert_eq!(types[1].type_union, type_bits::INTEGER);
        assert_eq!((types[1].min, types[1].max), (Some(0), Some(255)));
        assert_eq!(types[1].raw.len(), 18);
        assert!(parse_types(&data[..data.len() - 1]).is_err());
    }

    #[test]
    fn version_2_entries() {
        let mut data = vec![0, 0, 0, 2, 0, 0, 0, 3, 0x1f, 0xff];
        data.extend_from_slice(&[0x20, 0x40]);
        data.extend_from_slice(&(-5i64).to_be_bytes());
        data.extend_from_slice(&[0x80, 0x02, 7]);
        let types = parse_types(&data).unwrap();
        assert_eq!((types[1].min, types[1].max), (Some(-5), None));
        assert_eq!(types[2].size_unit, 8);
        assert_eq!(types[2].raw, vec![0x80, 0x02, 7]);
        assert_eq!(parse_types(&[0, 0, 0, 9]).unwrap(), vec![]);
    }
}
