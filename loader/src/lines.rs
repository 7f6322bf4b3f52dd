//! The line table chunk (`Line`): version, flags, instruction count, item
//! count, name count; then the items as compact terms (an `a` term selects
//! the file, an `i` term is a line of that file) and then the file names,
//! each a 16-bit length and UTF-8 bytes.

use crate::bigint::IntValue;
use crate::compact::{integer, read_raw, tag_name, unsigned, TAG_A, TAG_I};
use crate::error::LoadError;
use crate::reader::{capacity_hint, Reader};

/// A source location.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct LineItem {
    /// Index into `LineTable::files`.
    pub file: u32,
    pub line: u32,
}

/// The decoded line table.
///
/// `items[0]` is the "no line info" entry (file 0, line 0), as in the
/// runtime; the `line` instruction's operand indexes `items`.
/// `files[0]` is the implicit `"<module>.erl"` name and `files[1..]` are the
/// names stored in the chunk, so `LineItem::file` indexes `files` directly
/// (an empty stored name is replaced by the implicit one, as the runtime
/// does). A module without a `Line` chunk (or with an unknown version) has
/// both vectors empty.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct LineTable {
    pub items: Vec<LineItem>,
    pub files: Vec<String>,
}

impl LineTable {
    /// The location for a `line` operand, if known.
    pub fn location(&self, item: u64) -> Option<(&str, u32)> {
        let item = self.items.get(usize::try_from(item).ok()?)?;
        let file = self.files.get(usize::try_from(item.file).ok()?)?;
        Some((file, item.line))
    }
}

pub(crate) fn parse_lines(data: &[u8], module: &str) -> Result<LineTable, LoadError> {
    let mut r = Reader::new(data, "Line chunk");
    if r.u32()? != 0 {
        return Ok(LineTable::default());
    }
    let _flags = r.u32()?;
    let _instr_count = r.u32()?;
    let item_count = r.count32()?;
    let name_count = r.count32()?;
    let mut items = Vec::with_capacity(capacity_hint(item_count, r.remaining(), 1) + 1);
    items.push(LineItem::default());
    let mut file = 0u32;
    while items.len() <= item_count {
        let raw = read_raw(&mut r)?;
        match raw.tag {
            TAG_A => {
                let index = unsigned(raw.value, &r)?;
                if usize::try_from(index).map_or(true, |i| i > name_count) {
                    return r.error(format!("file index {index} beyond {name_count} names"));
                }
                file = u32::try_from(index).or_else(|_| r.error("file index too large"))?;
            }
            TAG_I => {
                let line = match integer(raw.value) {
                    IntValue::Small(v) => u32::try_from(v).ok(),
                    IntValue::Big(_) => None,
                };
                let Some(line) = line else {
                    return r.error("line number is negative or too large");
                };
                items.push(LineItem { file, line });
            }
            other => {
                return r.error(format!("line item has tag '{}'", tag_name(other)));
            }
        }
    }
    let mut files = Vec::with_capacity(capacity_hint(name_count, r.remaining(), 2) + 1);
    files.push(format!("{module}.erl"));
    for _ in 0..name_count {
        let len = usize::from(r.u16()?);
        let bytes = r.bytes(len)?;
        let name = match std::str::from_utf8(bytes) {
            Ok("") => format!("{module}.erl"),
            Ok(name) => name.to_owned(),
            Err(_) => return r.error("file name is not valid UTF-8"),
        };
        files.push(name);
    }
    Ok(LineTable { items, files })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn chunk(items: u32, names: u32, body: &[u8]) -> Vec<u8> {
        let mut out = Vec::new();
        for v in [0, 0, 5, items, names] {
            out.extend_from_slice(&u32::to_be_bytes(v));
        }
        out.extend_from_slice(body);
        out
    }

    #[test]
    fn items_and_names() {
        // {i,3} {a,1} {i,7}; names: "x.hrl"
        let body = [0x31, 0x12, 0x71, 0, 5, b'x', b'.', b'h', b'r', b'l'];
        let t = parse_lines(&chunk(2, 1, &body), "m").unwrap();
        assert_eq!(
            t.items,
            vec![
                LineItem { file: 0, line: 0 },
                LineItem { file: 0, line: 3 },
                LineItem { file: 1, line: 7 }
            ]
        );
        assert_eq!(t.files, vec!["m.erl", "x.hrl"]);
        assert_eq!(t.location(2), Some(("x.hrl", 7)));
        assert!(parse_lines(&chunk(3, 1, &body), "m").is_err());
        // File index beyond the names.
        assert!(parse_lines(&chunk(1, 0, &[0x22, 0x31]), "m").is_err());
        // Unknown version: ignored.
        let mut v1 = chunk(1, 0, &[0x31]);
        v1[3] = 1;
        assert_eq!(parse_lines(&v1, "m").unwrap(), LineTable::default());
    }
}
