//! The small fixed-format chunks: atoms (`AtU8`, `Atom`), imports (`ImpT`),
//! exports and locals (`ExpT`, `LocT`) and lambdas (`FunT`).

use crate::compact::{read_raw, unsigned, TAG_U};
use crate::error::LoadError;
use crate::reader::{capacity_hint, Reader};

/// An imported function; its position in `Module::imports` is the import
/// index used by `call_ext` and friends.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
pub struct Import {
    pub module: String,
    pub function: String,
    pub arity: u32,
}

/// An exported (or, in `Module::locals`, local) function and its entry
/// label.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
pub struct Export {
    pub function: String,
    pub arity: u32,
    pub label: u32,
}

/// A fun defined in the module (`FunT` entry).
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
pub struct Lambda {
    pub function: String,
    /// Arity of the implementing function (free variables included).
    pub arity: u32,
    pub label: u32,
    pub index: u32,
    pub num_free: u32,
    pub old_uniq: u32,
}

/// Highest arity the runtime accepts.
const MAX_ARITY: u32 = 255;

/// Parses `AtU8` (`utf8` true) or the old latin-1 `Atom` chunk. A negative
/// count (OTP 28+) means lengths are compact `u` terms.
pub(crate) fn parse_atoms(data: &[u8], utf8: bool) -> Result<Vec<String>, LoadError> {
    let mut r = Reader::new(data, if utf8 { "AtU8 chunk" } else { "Atom chunk" });
    let raw_count = r.i32()?;
    let long_lengths = raw_count < 0;
    let count = usize::try_from(raw_count.unsigned_abs()).or_else(|_| r.error("bad atom count"))?;
    if count == 0 {
        return r.error("atom table is empty (the module name is missing)");
    }
    let mut atoms = Vec::with_capacity(capacity_hint(count, r.remaining(), 1));
    for i in 0..count {
        let len = if long_lengths {
            let raw = read_raw(&mut r)?;
            if raw.tag != TAG_U {
                return r.error(format!("atom {} length is not a 'u' term", i + 1));
            }
            let len = unsigned(raw.value, &r)?;
            usize::try_from(len).or_else(|_| r.error("atom too long"))?
        } else {
            usize::from(r.u8()?)
        };
        let bytes = r.bytes(len)?;
        let text = if utf8 {
            match std::str::from_utf8(bytes) {
                Ok(s) => s.to_owned(),
                Err(_) => return r.error(format!("atom {} is not valid UTF-8", i + 1)),
            }
        } else {
            bytes.iter().map(|&b| char::from(b)).collect()
        };
        atoms.push(text);
    }
    Ok(atoms)
}

/// Looks up a name by atom index (1-based).
fn atom(atoms: &[String], index: u32, r: &Reader<'_>) -> Result<String, LoadError> {
    usize::try_from(index)
        .ok()
        .and_then(|i| i.checked_sub(1))
        .and_then(|i| atoms.get(i))
        .cloned()
        .map_or_else(
            || r.error(format!("atom index {index} outside 1..={}", atoms.len())),
            Ok,
        )
}

fn arity(value: u32, r: &Reader<'_>) -> Result<u32, LoadError> {
    if value > MAX_ARITY {
        return r.error(format!("arity {value} is over {MAX_ARITY}"));
    }
    Ok(value)
}

fn label(value: u32, label_count: u32, r: &Reader<'_>) -> Result<u32, LoadError> {
    if value == 0 || value >= label_count {
        return r.error(format!("label {value} outside 1..{label_count}"));
    }
    Ok(value)
}

/// Reads the entry count at the start of a table chunk.
fn table_count(r: &mut Reader<'_>, entry_size: usize) -> Result<(usize, usize), LoadError> {
    let count = r.count32()?;
    let cap = capacity_hint(count, r.remaining(), entry_size);
    Ok((count, cap))
}

pub(crate) fn parse_imports(data: &[u8], atoms: &[String]) -> Result<Vec<Import>, LoadError> {
    let mut r = Reader::new(data, "ImpT chunk");
    let (count, cap) = table_count(&mut r, 12)?;
    let mut out = Vec::with_capacity(cap);
    for _ in 0..count {
        let module = r.u32()?;
        let function = r.u32()?;
        let a = r.u32()?;
        out.push(Import {
            module: atom(atoms, module, &r)?,
            function: atom(atoms, function, &r)?,
            arity: arity(a, &r)?,
        });
    }
    Ok(out)
}

/// Parses `ExpT` or `LocT` (`what` names the chunk).
pub(crate) fn parse_exports(
    data: &[u8],
    atoms: &[String],
    label_count: u32,
    what: &'static str,
) -> Result<Vec<Export>, LoadError> {
    let mut r = Reader::new(data, what);
    let (count, cap) = table_count(&mut r, 12)?;
    let mut out = Vec::with_capacity(cap);
    for _ in 0..count {
        let function = r.u32()?;
        let a = r.u32()?;
        let l = r.u32()?;
        out.push(Export {
            function: atom(atoms, function, &r)?,
            arity: arity(a, &r)?,
            label: label(l, label_count, &r)?,
        });
    }
    Ok(out)
}

pub(crate) fn parse_lambdas(
    data: &[u8],
    atoms: &[String],
    label_count: u32,
) -> Result<Vec<Lambda>, LoadError> {
    let mut r = Reader::new(data, "FunT chunk");
    let (count, cap) = table_count(&mut r, 24)?;
    let mut out = Vec::with_capacity(cap);
    for _ in 0..count {
        let function = r.u32()?;
        let a = r.u32()?;
        let l = r.u32()?;
        let index = r.u32()?;
        let num_free = r.u32()?;
        let old_uniq = r.u32()?;
        let arity = arity(a, &r)?;
        if num_free > arity {
            return r.error(format!(
                "lambda has {num_free} free variables but arity {arity}"
            ));
        }
        out.push(Lambda {
            function: atom(atoms, function, &r)?,
            arity,
            label: label(l, label_count, &r)?,
            index,
            num_free,
            old_uniq,
        });
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn atoms_short_and_long_lengths() {
        let data = [0, 0, 0, 2, 1, b'm', 2, b'o', b'k'];
        assert_eq!(parse_atoms(&data, true).unwrap(), vec!["m", "ok"]);
        // Negative count: lengths as compact u terms ({u,1} = 0x10).
        let data = [0xff, 0xff, 0xff, 0xff, 0x10, b'm'];
        assert_eq!(parse_atoms(&data, true).unwrap(), vec!["m"]);
        // Latin-1 atom chunk.
        let data = [0, 0, 0, 1, 1, 0xe9];
        assert_eq!(parse_atoms(&data, false).unwrap(), vec!["é"]);
        assert!(parse_atoms(&[0, 0, 0, 1, 1, 0xe9], true).is_err());
        assert!(parse_atoms(&[0, 0, 0, 0], true).is_err());
        assert!(parse_atoms(&[0x80, 0, 0, 0], true).is_err());
        assert!(parse_atoms(&[0, 0, 0, 2, 1, b'm'], true).is_err());
    }

    #[test]
    fn table_bounds() {
        let atoms = vec!["m".to_string(), "f".to_string()];
        let imp = [0, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0, 2, 0, 0, 0, 3];
        let imports = parse_imports(&imp, &atoms).unwrap();
        assert_eq!(imports[0].function, "f");
        assert_eq!(imports[0].arity, 3);
        let bad = [0, 0, 0, 1, 0, 0, 0, 3, 0, 0, 0, 2, 0, 0, 0, 3];
        assert!(parse_imports(&bad, &atoms).is_err());
        let exp = [0, 0, 0, 1, 0, 0, 0, 2, 0, 0, 0, 0, 0, 0, 0, 9];
        assert!(parse_exports(&exp, &atoms, 9, "ExpT").is_err());
        assert_eq!(parse_exports(&exp, &atoms, 10, "ExpT").unwrap()[0].label, 9);
        // Huge count with no data: error, no huge allocation.
        assert!(parse_lambdas(&[0xff, 0xff, 0xff, 0xff], &atoms, 10).is_err());
    }
}
