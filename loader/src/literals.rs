//! The literal table chunk (`LitT`): a 32-bit uncompressed size, then the
//! zlib-compressed table (or, when the size is 0, the table itself
//! uncompressed). The table is a 32-bit count followed by, for each
//! literal, a 32-bit size and an external term (with version byte).

use crate::error::LoadError;
use crate::etf::decode_etf;
use crate::inflate::zlib_exact;
use crate::reader::{capacity_hint, Reader};
use crate::term::ETerm;

pub(crate) fn parse_literals(data: &[u8]) -> Result<Vec<ETerm>, LoadError> {
    let mut r = Reader::new(data, "LitT chunk");
    let size = r.count32()?;
    if size == 0 {
        return parse_table(r.rest());
    }
    let (table, _) = zlib_exact(r.rest(), size, "LitT chunk")?;
    parse_table(&table)
}

fn parse_table(table: &[u8]) -> Result<Vec<ETerm>, LoadError> {
    let mut r = Reader::new(table, "literal table");
    let count = r.count32()?;
    let mut out = Vec::with_capacity(capacity_hint(count, r.remaining(), 5));
    for i in 0..count {
        let size = r.count32()?;
        let bytes = r.bytes(size)?;
        let term = decode_etf(bytes).map_err(|e| e.context(&format!("literal {i}")))?;
        out.push(term);
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn uncompressed_table() {
        // size 0, count 2, [3: 131 97 7], [2: 131 106]
        let data = [
            0, 0, 0, 0, 0, 0, 0, 2, 0, 0, 0, 3, 131, 97, 7, 0, 0, 0, 2, 131, 106,
        ];
        assert_eq!(
            parse_literals(&data).unwrap(),
            vec![ETerm::Int(7), ETerm::Nil]
        );
        assert!(parse_literals(&data[..data.len() - 1]).is_err());
        assert!(parse_literals(&[0, 0, 0, 9, 1, 2, 3]).is_err());
    }
}
