//! Relocatable generated code. Every run-dependent word generated code
//! embeds — runtime and BIF function addresses, export and fun entries,
//! literal terms, constants built in the literal area, bit-syntax data,
//! location ids, the module's function table — is emitted as a Cranelift
//! `symbol_value` of a *symbol* (`Sym`) instead of an `iconst`. The symbol
//! is not colocated, so Cranelift emits the same `movabs` (x86-64; a
//! literal-pool load on aarch64) with an `Abs8` relocation on its
//! immediate, and `place.rs` writes the symbol's value there before the
//! code is handed to the JITModule. A function's code plus its symbols
//! and relocations can therefore be stored and placed again in another
//! run (`cache.rs`): each symbol names what it stands for (an index into
//! this build's runtime-function table, a literal number, an MFA...), not
//! an address. Atoms stay immediates: their values are checked against
//! the module's atom list when cached code is loaded (`cache.rs`).

use crate::modcx::ModCx;
use girder_loader::Operand;
use girder_runtime::abi::bs::CreateDesc;
use girder_runtime::code::export::{self, Export};
use girder_runtime::data::binary::build::{Seg, SegKind};
use girder_runtime::term::{make_header, Term, HDR_TUPLE};
use std::collections::HashMap;
use std::sync::OnceLock;

/// The `UserExternalName` namespace of symbols (0 is the JITModule's
/// functions, 1 its data objects).
pub const SYM_NS: u32 = 9;

/// A constant term generated code uses whose value depends on the run.
#[derive(Clone, PartialEq, Eq, Hash, Debug)]
pub enum Const {
    /// An immediate (small integer, atom of the module, nil): itself.
    Imm(u64),
    /// Module literal number `i`.
    Lit(u32),
    /// A bignum operand: sign and little-endian magnitude.
    Big(bool, Vec<u8>),
}

/// What a relocated word stands for.
#[derive(Clone, PartialEq, Eq, Hash, Debug)]
pub enum Sym {
    /// Entry `i` of `code_table()`: a runtime or BIF function.
    Code(u32),
    /// An export entry (the address of the `&'static Export` while
    /// compiling; stored as its MFA).
    Export(usize),
    /// A boxed constant term.
    Term(Const),
    /// The fun entry of the module's lambda `i`.
    Fun(u32),
    /// The module's function table (`lazy.rs`).
    Table,
    /// The sorted keys tuple of an inline `#{K => V}` (`maps_new.rs`).
    Keys(Vec<Const>),
    /// `bs_match_string` bytes.
    Bytes(Vec<u8>),
    /// A `bs_create_bin` descriptor.
    Desc(Vec<SegRec>),
    /// The location id of function `fidx`'s line-table entry.
    Loc(u32, u32),
}

/// A `bs_create_bin` segment as stored (`Seg` with its kind as a number).
#[derive(Clone, PartialEq, Eq, Hash, Debug)]
pub struct SegRec {
    pub kind: u8,
    pub no: u32,
    pub unit: u32,
    pub flags: u32,
    pub bytes: Vec<u8>,
}

const SEG_KINDS: [SegKind; 9] = [
    SegKind::Integer,
    SegKind::Float,
    SegKind::Binary,
    SegKind::Utf8,
    SegKind::Utf16,
    SegKind::Utf32,
    SegKind::String,
    SegKind::Append,
    SegKind::PrivateAppend,
];

impl SegRec {
    pub fn of(s: &Seg) -> SegRec {
        let kind = SEG_KINDS.iter().position(|k| *k == s.kind).unwrap_or(0) as u8;
        SegRec {
            kind,
            no: s.no,
            unit: s.unit,
            flags: s.flags,
            bytes: s.bytes.clone(),
        }
    }
    fn seg(&self) -> Option<Seg> {
        Some(Seg {
            kind: *SEG_KINDS.get(self.kind as usize)?,
            no: self.no,
            unit: self.unit,
            flags: self.flags,
            bytes: self.bytes.clone(),
        })
    }
}

/// Every runtime and BIF function generated code may call, in a fixed
/// order for this build (the cache key includes the build id), and the
/// index of each BIF address. Runtime functions are numbered by their
/// position in `rt::ALL`; BIFs by their registry entry's function
/// addresses, which are the ones lowering calls (`bif::lookup`): rustc
/// may give a small function several copies, so only the registry's own
/// pointers are sure to match.
pub fn code_table() -> &'static (Vec<usize>, HashMap<usize, u32>) {
    static T: OnceLock<(Vec<usize>, HashMap<usize, u32>)> = OnceLock::new();
    T.get_or_init(|| {
        use girder_runtime::term::atom::intern;
        let mut v: Vec<usize> = crate::rt::ALL.iter().map(|f| f().addr).collect();
        let nrt = v.len();
        for d in girder_runtime::bif::all_registered() {
            let Some(d) =
                girder_runtime::bif::lookup_registered(intern(d.module), intern(d.name), d.arity)
            else {
                continue;
            };
            v.push(d.f as usize);
            if let Some(f) = d.full {
                v.push(f as usize);
            }
            if let Some((s, _)) = d.step {
                v.push(s as usize);
            }
        }
        let mut m = HashMap::with_capacity(v.len());
        for (i, &a) in v.iter().enumerate().skip(nrt) {
            m.entry(a).or_insert(i as u32);
        }
        (v, m)
    })
}

/// The symbol of runtime or BIF function `f`, if it is in the table.
pub fn code_sym(f: crate::rt::RtFn) -> Option<Sym> {
    if f.id != crate::rt::NO_ID {
        return Some(Sym::Code(f.id));
    }
    code_table().1.get(&f.addr).map(|&i| Sym::Code(i))
}

/// How to rebuild constant term `t`, the value of operand `op`.
pub fn const_of(op: &Operand, t: Term) -> Option<Const> {
    if t.is_immed() {
        return Some(Const::Imm(t.raw()));
    }
    match op {
        Operand::Literal(i) => Some(Const::Lit(*i)),
        Operand::Integer(v) => Some(Const::Big(*v < 0, v.unsigned_abs().to_le_bytes().to_vec())),
        Operand::BigInt(b) => Some(Const::Big(b.negative, b.magnitude_le.clone())),
        Operand::TypedReg { reg, .. } => const_of(reg, t),
        _ => None,
    }
}

fn const_value(c: &Const, m: &ModCx) -> Result<u64, String> {
    match c {
        Const::Imm(v) => Ok(*v),
        Const::Lit(i) => match m.literals.get(*i as usize) {
            Some(Ok(t)) => Ok(t.raw()),
            _ => Err(format!("no literal {i}")),
        },
        Const::Big(neg, mag) => Ok(m.big_literal(*neg, mag).raw()),
    }
}

/// The value of symbol `s` in this run, for the module `m`. Builds what
/// it names where needed (constants in the version's literal chunk, kept
/// data), so that the version owns it.
pub fn value(s: &Sym, m: &ModCx) -> Result<u64, String> {
    Ok(match s {
        Sym::Code(i) => *code_table()
            .0
            .get(*i as usize)
            .ok_or_else(|| format!("no runtime function {i}"))? as u64,
        Sym::Export(e) => *e as u64,
        Sym::Term(c) => const_value(c, m)?,
        Sym::Fun(i) => *m
            .funs
            .get(*i as usize)
            .ok_or_else(|| format!("no fun {i}"))? as *const _ as u64,
        Sym::Table => {
            if m.table == 0 {
                return Err("no function table".into());
            }
            m.table as u64
        }
        Sym::Keys(ks) => {
            let vals = ks
                .iter()
                .map(|k| const_value(k, m))
                .collect::<Result<Vec<_>, _>>()?;
            let kt = m.lit_alloc(1 + vals.len());
            // SAFETY: `kt` is a fresh allocation of 1 + n words.
            unsafe {
                *kt = make_header(vals.len(), HDR_TUPLE);
                for (i, v) in vals.iter().enumerate() {
                    *kt.add(1 + i) = *v;
                }
            }
            Term::boxed_from_ptr(kt).raw()
        }
        Sym::Bytes(b) => m.keep_bytes(b.clone()) as u64,
        Sym::Desc(segs) => {
            let segs = segs
                .iter()
                .map(|s| s.seg().ok_or("bad segment kind"))
                .collect::<Result<Vec<_>, _>>()?;
            m.keep_desc(CreateDesc { segs }) as u64
        }
        Sym::Loc(fidx, line) => {
            if *fidx as usize >= m.plans.len() {
                return Err(format!("no function {fidx}"));
            }
            m.loc_of_line(*fidx as usize, *line) as u64
        }
    })
}

/// The export entry of `module:function/arity` (for stored symbols).
pub fn export_of(module: &str, function: &str, arity: u32) -> &'static Export {
    use girder_runtime::term::atom::intern;
    export::get_or_create(intern(module), intern(function), arity)
}
