//! The *module index*: what a module load needs from the instruction
//! stream, stored once per `.beam` image so that a later load skips
//! decoding, verifying and packing the code (the bulk of a warm start:
//! ~60% of a real boot's CPU before it existed).
//!
//! One file per image and build, `<md5>-<build id>.gji` next to the code
//! files: a header (magic, payload length, checksum), the key, a hash of
//! the whole `.beam` image, and per function its head (name as an atom
//! index, arity, entry label), the first instruction the JIT cannot
//! compile, the local functions it calls directly and its instructions in
//! the JIT's packed form (`pack.rs`). It is written by a run that parsed
//! and verified the image (`prepare`, lazily loaded modules without an
//! on_load function), so an index whose image hash matches describes an
//! image this build accepted; a load that finds one parses the tables
//! (`girder_loader::parse_module_tables`) and takes the functions from
//! it. Anything wrong (checksum, key, hash, a count that disagrees with
//! the tables) and the module is parsed and verified as if there were no
//! index.

use super::format::{checksum, W};
use girder_loader::{Function, LoadError, Module, Opcode};
use std::path::Path;

const MAGIC: &[u8; 8] = b"GIRDJI02";

/// One function's entry in the index.
#[derive(Clone, Debug, PartialEq)]
pub struct FnHead {
    /// The function's name: `Module::atoms[name - 1]`.
    pub name: u32,
    pub arity: u32,
    pub entry_label: u32,
    /// The first instruction the JIT has no lowering for (before the BIF
    /// registry is consulted: a BIF body is never lowered).
    pub unsupported: Option<Opcode>,
    /// Local functions called directly (`call`, `call_only`, `call_last`).
    pub callees: Vec<u32>,
    /// The instructions, packed (`pack.rs`).
    pub packed: Box<[u8]>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Index {
    /// `format::checksum` of the whole `.beam` image.
    pub beam_hash: u64,
    /// Literals once the code was decoded (old-style float operands add
    /// some to the `LitT` entries: then the index is not used).
    pub literals: u32,
    /// Atoms once the code was decoded (the loader's rewrite of OTP 24
    /// binary construction adds segment type names: then the index is not
    /// used, as the tables alone lack them).
    pub atoms: u32,
    /// Instructions in all functions.
    pub instructions: u64,
    /// Literal-area words lazily compiled functions may build
    /// (`compile::lazy_literal_words`).
    pub lit_words: u64,
    pub funcs: Vec<FnHead>,
}

/// A parsed module, as `prepare_module` takes it: either fully decoded
/// and verified (`index` none), or its tables only with its functions'
/// heads and packed code from the index.
pub struct Parsed {
    pub module: Module,
    /// The image's hash, when the cache is on (to write an index).
    pub beam_hash: Option<u64>,
    pub index: Option<Index>,
}

impl std::ops::Deref for Parsed {
    type Target = Module;
    fn deref(&self) -> &Module {
        &self.module
    }
}

impl From<Module> for Parsed {
    fn from(module: Module) -> Parsed {
        Parsed {
            module,
            beam_hash: None,
            index: None,
        }
    }
}

fn file_name(md5: &[u8; 16]) -> String {
    let md5: String = md5.iter().map(|b| format!("{b:02x}")).collect();
    format!("{md5}-{:016x}.gji", super::build_id())
}

/// Parses the `.beam` image `bytes` like `girder_loader::parse_module`
/// (which it calls when the cache is off or holds no usable index for
/// this exact image).
pub fn parse_module(bytes: &[u8]) -> Result<Parsed, LoadError> {
    let Some(dir) = super::dir() else {
        return girder_loader::parse_module(bytes).map(Parsed::from);
    };
    let beam_hash = checksum(bytes);
    let full = || {
        girder_loader::parse_module(bytes).map(|module| Parsed {
            module,
            beam_hash: Some(beam_hash),
            index: None,
        })
    };
    let Ok((mut module, _)) = girder_loader::parse_module_tables(bytes) else {
        return full();
    };
    let Some(index) =
        read(dir, &module.checksum).filter(|ix| ix.beam_hash == beam_hash && fits(ix, &module))
    else {
        // No index: the code is decoded onto the tables just parsed.
        return girder_loader::parse_module_code(bytes, module).map(|module| Parsed {
            module,
            beam_hash: Some(beam_hash),
            index: None,
        });
    };
    module.functions = index
        .funcs
        .iter()
        .map(|h| Function {
            name: module.atoms[h.name as usize - 1].clone(),
            arity: h.arity,
            entry_label: h.entry_label,
            instrs: Vec::new(),
        })
        .collect();
    super::index_used();
    Ok(Parsed {
        module,
        beam_hash: Some(beam_hash),
        index: Some(index),
    })
}

/// Whether `ix` can describe `m`'s image: every index in range (the hash
/// already says it does; this keeps a damaged file from panicking).
fn fits(ix: &Index, m: &Module) -> bool {
    let n = ix.funcs.len();
    ix.literals as usize == m.literals.len()
        && ix.atoms as usize == m.atoms.len()
        && ix.funcs.iter().all(|h| {
            h.name >= 1
                && (h.name as usize) <= m.atoms.len()
                && h.entry_label < m.label_count
                && h.callees.iter().all(|&c| (c as usize) < n)
        })
}

fn read(dir: &Path, md5: &[u8; 16]) -> Option<Index> {
    let bytes = super::read_own(&dir.join(file_name(md5)))?;
    let ix = decode(&bytes, md5);
    if ix.is_none() {
        super::rejected();
    }
    ix
}

/// Writes the index of the image with MD5 `md5`, encoded (`encode`),
/// atomically: temporary file, then rename. Failures turn the cache off
/// like any write error.
pub fn write_encoded(md5: &[u8; 16], bytes: &[u8]) {
    let Some(d) = super::dir() else { return };
    if let Err(e) =
        super::create_dir(d).and_then(|_| super::write_atomic(d, &file_name(md5), bytes))
    {
        super::give_up(&d.display().to_string(), &e);
    }
}

pub fn encode(md5: &[u8; 16], ix: &Index) -> Vec<u8> {
    let mut w = W::default();
    w.0.extend_from_slice(md5);
    w.u64(super::build_id());
    w.u64(ix.beam_hash);
    w.u32(ix.literals);
    w.u32(ix.atoms);
    w.u64(ix.instructions);
    w.u64(ix.lit_words);
    w.u32(ix.funcs.len() as u32);
    for h in &ix.funcs {
        w.u32(h.name);
        w.u32(h.arity);
        w.u32(h.entry_label);
        w.u32(h.unsupported.map_or(0, |o| o.number() as u32));
        w.u32(h.callees.len() as u32);
        for c in &h.callees {
            w.u32(*c);
        }
        w.bytes(&h.packed);
    }
    super::format::seal(MAGIC, &w.0)
}

/// Checks and decodes an index file made for the image with MD5 `md5` by
/// this build; `None` if it is anything else.
pub fn decode(b: &[u8], md5: &[u8; 16]) -> Option<Index> {
    use super::format::R;
    let mut r = R::new(super::format::unseal(b, MAGIC)?);
    if r.take(16)? != md5 || r.u64()? != super::build_id() {
        return None;
    }
    let beam_hash = r.u64()?;
    let literals = r.u32()?;
    let atoms = r.u32()?;
    let instructions = r.u64()?;
    let lit_words = r.u64()?;
    let n = r.count(24)?;
    let mut funcs = Vec::with_capacity(n);
    for _ in 0..n {
        let name = r.u32()?;
        let arity = r.u32()?;
        let entry_label = r.u32()?;
        let unsupported = match r.u32()? {
            0 => None,
            op => Some(Opcode::from_u8(u8::try_from(op).ok()?)?),
        };
        let k = r.count(4)?;
        let callees = (0..k).map(|_| r.u32()).collect::<Option<Vec<_>>>()?;
        let packed = r.bytes()?.into();
        funcs.push(FnHead {
            name,
            arity,
            entry_label,
            unsupported,
            callees,
            packed,
        });
    }
    r.done().then_some(Index {
        beam_hash,
        literals,
        atoms,
        instructions,
        lit_words,
        funcs,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> Index {
        Index {
            beam_hash: 77,
            literals: 3,
            atoms: 9,
            instructions: 40,
            lit_words: 6,
            funcs: vec![
                FnHead {
                    name: 2,
                    arity: 1,
                    entry_label: 2,
                    unsupported: None,
                    callees: vec![1],
                    packed: vec![1, 2, 3].into(),
                },
                FnHead {
                    name: 3,
                    arity: 0,
                    entry_label: 4,
                    unsupported: Some(Opcode::Badrecord),
                    callees: vec![],
                    packed: vec![].into(),
                },
            ],
        }
    }

    #[test]
    fn round_trip() {
        let md5 = [5; 16];
        let f = encode(&md5, &sample());
        assert_eq!(decode(&f, &md5), Some(sample()));
        assert_eq!(decode(&f, &[6; 16]), None);
    }

    #[test]
    fn damage_is_rejected() {
        let md5 = [5; 16];
        let f = encode(&md5, &sample());
        for i in 0..f.len() {
            let mut g = f.clone();
            g[i] ^= 0x10;
            assert_eq!(decode(&g, &md5), None, "byte {i}");
        }
        for n in 0..f.len() {
            assert_eq!(decode(&f[..n], &md5), None, "length {n}");
        }
    }

    /// An index made from a real module gives back the functions a full
    /// parse gives (heads and, unpacked, instructions).
    #[test]
    fn tables_and_index_give_the_parsed_module() {
        let Ok(b) = std::fs::read("/usr/lib/erlang/lib/stdlib-4.2/ebin/lists.beam") else {
            return;
        };
        let full = girder_loader::parse_module(&b).expect("lists parses");
        let (mut tables, _) = girder_loader::parse_module_tables(&b).expect("tables");
        let ix = of_module(&full, checksum(&b));
        assert!(fits(&ix, &tables));
        tables.functions = ix
            .funcs
            .iter()
            .map(|h| Function {
                name: tables.atoms[h.name as usize - 1].clone(),
                arity: h.arity,
                entry_label: h.entry_label,
                instrs: crate::pack::unpack(&h.packed).expect("packed"),
            })
            .collect();
        assert_eq!(tables, full);
    }

    fn of_module(m: &Module, beam_hash: u64) -> Index {
        let atom_index = |s: &str| m.atoms.iter().position(|a| a == s).unwrap() as u32 + 1;
        Index {
            beam_hash,
            literals: m.literals.len() as u32,
            atoms: m.atoms.len() as u32,
            instructions: 0,
            lit_words: 0,
            funcs: m
                .functions
                .iter()
                .map(|f| FnHead {
                    name: atom_index(&f.name),
                    arity: f.arity,
                    entry_label: f.entry_label,
                    unsupported: None,
                    callees: vec![],
                    packed: crate::pack::pack(&f.instrs),
                })
                .collect(),
        }
    }
}
