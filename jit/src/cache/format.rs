//! The cache file of one module version: a header (magic, format
//! version, payload length, checksum), then the key it was made for
//! (`.beam` MD5, girder build id, code-generation settings), the module's
//! function count and atom values, and one record per compiled function
//! (code, relocations, symbols). Decoding checks everything — checksum
//! first, then every length and index — and returns `None` for anything
//! malformed: a corrupt or truncated file is recompiled, never run.

use crate::place::{FnCode, ModReloc, SymReloc, Target};
use crate::reloc::{Const, SegRec, Sym};

pub const MAGIC: &[u8; 8] = b"GIRDJC03";
const HEADER: usize = 8 + 8 + 8;

/// What a file must match to be used.
#[derive(Clone, Debug, PartialEq)]
pub struct Key {
    pub md5: [u8; 16],
    pub build: u64,
    pub config: u64,
}

/// A 64-bit checksum of `b` (corruption detection, not security:
/// the directory is the user's own).
pub fn checksum(b: &[u8]) -> u64 {
    let mut h: u64 = 0x9E37_79B9_7F4A_7C15 ^ b.len() as u64;
    let mut words = b.chunks_exact(8);
    for w in &mut words {
        let v = u64::from_le_bytes(w.try_into().unwrap_or([0; 8]));
        h = (h ^ v).wrapping_mul(0x0100_0000_01B3).rotate_left(29);
    }
    for &x in words.remainder() {
        h = (h ^ x as u64)
            .wrapping_mul(0x0100_0000_01B3)
            .rotate_left(29);
    }
    h ^ (h >> 31)
}

#[derive(Default)]
pub struct W(pub Vec<u8>);

impl W {
    pub(crate) fn u8(&mut self, v: u8) {
        self.0.push(v);
    }
    pub(crate) fn u32(&mut self, v: u32) {
        self.0.extend_from_slice(&v.to_le_bytes());
    }
    pub(crate) fn u64(&mut self, v: u64) {
        self.0.extend_from_slice(&v.to_le_bytes());
    }
    pub(crate) fn bytes(&mut self, b: &[u8]) {
        self.u32(b.len() as u32);
        self.0.extend_from_slice(b);
    }
}

pub struct R<'a> {
    b: &'a [u8],
    at: usize,
}

impl<'a> R<'a> {
    pub fn new(b: &'a [u8]) -> Self {
        R { b, at: 0 }
    }
    pub(crate) fn take(&mut self, n: usize) -> Option<&'a [u8]> {
        let end = self.at.checked_add(n)?;
        let s = self.b.get(self.at..end)?;
        self.at = end;
        Some(s)
    }
    pub(crate) fn u8(&mut self) -> Option<u8> {
        Some(self.take(1)?[0])
    }
    pub(crate) fn u32(&mut self) -> Option<u32> {
        Some(u32::from_le_bytes(self.take(4)?.try_into().ok()?))
    }
    pub(crate) fn u64(&mut self) -> Option<u64> {
        Some(u64::from_le_bytes(self.take(8)?.try_into().ok()?))
    }
    pub(crate) fn bytes(&mut self) -> Option<&'a [u8]> {
        let n = self.u32()? as usize;
        self.take(n)
    }
    pub(crate) fn str(&mut self) -> Option<&'a str> {
        std::str::from_utf8(self.bytes()?).ok()
    }
    /// A count of items of at least `min` bytes each that can still fit.
    pub(crate) fn count(&mut self, min: usize) -> Option<usize> {
        let n = self.u32()? as usize;
        (n.checked_mul(min)? <= self.b.len() - self.at).then_some(n)
    }
    pub fn done(&self) -> bool {
        self.at == self.b.len()
    }
}

fn put_const(w: &mut W, c: &Const) {
    match c {
        Const::Imm(v) => {
            w.u8(0);
            w.u64(*v);
        }
        Const::Lit(i) => {
            w.u8(1);
            w.u32(*i);
        }
        Const::Big(neg, mag) => {
            w.u8(2);
            w.u8(*neg as u8);
            w.bytes(mag);
        }
    }
}

fn get_const(r: &mut R) -> Option<Const> {
    Some(match r.u8()? {
        0 => Const::Imm(r.u64()?),
        1 => Const::Lit(r.u32()?),
        2 => Const::Big(r.u8()? != 0, r.bytes()?.to_vec()),
        _ => return None,
    })
}

/// An export as stored: its MFA by name.
pub type Mfa = (String, String, u32);

/// Encodes symbol `s`; `export_mfa` names an export entry's MFA.
fn put_sym(w: &mut W, s: &Sym, export_mfa: &dyn Fn(usize) -> Mfa) {
    match s {
        Sym::Code(i) => {
            w.u8(0);
            w.u32(*i);
        }
        Sym::Export(e) => {
            let (m, f, a) = export_mfa(*e);
            w.u8(1);
            w.bytes(m.as_bytes());
            w.bytes(f.as_bytes());
            w.u32(a);
        }
        Sym::Term(c) => {
            w.u8(2);
            put_const(w, c);
        }
        Sym::Fun(i) => {
            w.u8(3);
            w.u32(*i);
        }
        Sym::Table => w.u8(4),
        Sym::Keys(ks) => {
            w.u8(5);
            w.u32(ks.len() as u32);
            for k in ks {
                put_const(w, k);
            }
        }
        Sym::Bytes(b) => {
            w.u8(6);
            w.bytes(b);
        }
        Sym::Desc(segs) => {
            w.u8(7);
            w.u32(segs.len() as u32);
            for s in segs {
                w.u8(s.kind);
                w.u32(s.no);
                w.u32(s.unit);
                w.u32(s.flags);
                w.bytes(&s.bytes);
            }
        }
        Sym::Loc(f, l) => {
            w.u8(8);
            w.u32(*f);
            w.u32(*l);
        }
    }
}

fn get_sym(r: &mut R, export_of: &dyn Fn(&str, &str, u32) -> usize) -> Option<Sym> {
    Some(match r.u8()? {
        0 => Sym::Code(r.u32()?),
        1 => {
            let (m, f) = (r.str()?, r.str()?);
            Sym::Export(export_of(m, f, r.u32()?))
        }
        2 => Sym::Term(get_const(r)?),
        3 => Sym::Fun(r.u32()?),
        4 => Sym::Table,
        5 => {
            let n = r.count(5)?;
            Sym::Keys((0..n).map(|_| get_const(r)).collect::<Option<_>>()?)
        }
        6 => Sym::Bytes(r.bytes()?.to_vec()),
        7 => {
            let n = r.count(17)?;
            let mut v = Vec::with_capacity(n);
            for _ in 0..n {
                v.push(SegRec {
                    kind: r.u8()?,
                    no: r.u32()?,
                    unit: r.u32()?,
                    flags: r.u32()?,
                    bytes: r.bytes()?.to_vec(),
                });
            }
            Sym::Desc(v)
        }
        8 => Sym::Loc(r.u32()?, r.u32()?),
        _ => return None,
    })
}

/// Encodes one function's record body (without its index and length).
pub fn encode_fn(c: &FnCode, export_mfa: &dyn Fn(usize) -> Mfa) -> Vec<u8> {
    let mut w = W::default();
    w.u8(c.fast as u8);
    w.u32(c.align);
    w.bytes(&c.bytes);
    w.u32(c.mrelocs.len() as u32);
    for r in &c.mrelocs {
        w.u32(r.offset);
        w.u8(r.kind);
        match &r.target {
            Target::Func(i) => {
                w.u8(0);
                w.u32(*i);
            }
            Target::SelfOffset(o) => {
                w.u8(1);
                w.u32(*o);
            }
            Target::LibCall(l) => {
                w.u8(2);
                w.bytes(l.to_string().as_bytes());
            }
        }
        w.u64(r.addend as u64);
    }
    w.u32(c.srelocs.len() as u32);
    for r in &c.srelocs {
        w.u32(r.offset);
        w.u32(r.sym);
        w.u64(r.addend as u64);
    }
    w.u32(c.syms.len() as u32);
    for s in &c.syms {
        put_sym(&mut w, s, export_mfa);
    }
    w.u32(c.cps.len() as u32);
    for (e, l) in &c.cps {
        w.u32(*e);
        w.u32(*l);
    }
    w.0
}

/// Decodes a record body made by `encode_fn` for function `fi`.
pub fn decode_fn(
    fi: u32,
    b: &[u8],
    export_of: &dyn Fn(&str, &str, u32) -> usize,
) -> Option<FnCode> {
    let mut r = R::new(b);
    let fast = match r.u8()? {
        0 => false,
        1 => true,
        _ => return None,
    };
    let align = r.u32()?;
    let bytes = r.bytes()?.to_vec();
    let n = r.count(14)?;
    let mut mrelocs = Vec::with_capacity(n);
    for _ in 0..n {
        let offset = r.u32()?;
        let kind = r.u8()?;
        let target = match r.u8()? {
            0 => Target::Func(r.u32()?),
            1 => Target::SelfOffset(r.u32()?),
            2 => Target::LibCall(r.str()?.parse().ok()?),
            _ => return None,
        };
        let addend = r.u64()? as i64;
        mrelocs.push(ModReloc {
            offset,
            kind,
            target,
            addend,
        });
    }
    let n = r.count(16)?;
    let mut srelocs = Vec::with_capacity(n);
    for _ in 0..n {
        srelocs.push(SymReloc {
            offset: r.u32()?,
            sym: r.u32()?,
            addend: r.u64()? as i64,
        });
    }
    let n = r.count(1)?;
    let mut syms = Vec::with_capacity(n);
    for _ in 0..n {
        syms.push(get_sym(&mut r, export_of)?);
    }
    let n = r.count(8)?;
    let cps = (0..n)
        .map(|_| Some((r.u32()?, r.u32()?)))
        .collect::<Option<Vec<_>>>()?;
    r.done().then_some(FnCode {
        fi,
        align,
        bytes,
        mrelocs,
        srelocs,
        syms,
        cps,
        fast,
    })
}

/// Whether an encoded record body holds fast-tier code (`tier.rs`).
pub fn is_fast(body: &[u8]) -> bool {
    body.first() == Some(&1)
}

/// A record as stored: function index, flags (`HOT`), encoded body.
pub type Record<'a> = (u32, u8, &'a [u8]);

/// Record flag: the function was compiled because a VM run called it
/// (not ahead of time by `girder-compile`): such records are placed
/// together at the first call into their module (`lazy.rs`).
pub const HOT: u8 = 1;

/// A decoded file: its module's shape and its records, still encoded
/// (`decode_fn` decodes the ones a run places).
pub struct File<'a> {
    pub nfuncs: u32,
    pub atoms: Vec<u64>,
    pub records: Vec<Record<'a>>,
}

/// Builds a whole file.
pub fn encode_file(key: &Key, nfuncs: u32, atoms: &[u64], records: &[Record]) -> Vec<u8> {
    let mut w = W::default();
    w.0.extend_from_slice(&key.md5);
    w.u64(key.build);
    w.u64(key.config);
    w.u32(nfuncs);
    w.u32(atoms.len() as u32);
    for a in atoms {
        w.u64(*a);
    }
    w.u32(records.len() as u32);
    for (fi, flags, body) in records {
        w.u32(*fi);
        w.u8(*flags);
        w.bytes(body);
    }
    seal(MAGIC, &w.0)
}

/// A cache file: `magic`, the payload's length and checksum, the payload
/// (the code files here and the module index files of `index.rs`).
pub fn seal(magic: &[u8; 8], payload: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(HEADER + payload.len());
    out.extend_from_slice(magic);
    out.extend_from_slice(&(payload.len() as u64).to_le_bytes());
    out.extend_from_slice(&checksum(payload).to_le_bytes());
    out.extend_from_slice(payload);
    out
}

/// The payload of a file `seal` made with `magic`; `None` if the magic,
/// length or checksum is wrong (corrupt, truncated, another format).
pub fn unseal<'a>(b: &'a [u8], magic: &[u8; 8]) -> Option<&'a [u8]> {
    if b.len() < HEADER || &b[..8] != magic {
        return None;
    }
    let len = u64::from_le_bytes(b[8..16].try_into().ok()?);
    let sum = u64::from_le_bytes(b[16..24].try_into().ok()?);
    let payload = &b[HEADER..];
    (payload.len() as u64 == len && checksum(payload) == sum).then_some(payload)
}

/// Checks and splits a file made for `key`; `None` if it is corrupt,
/// truncated or made for another key.
pub fn decode_file<'a>(b: &'a [u8], key: &Key) -> Option<File<'a>> {
    let mut r = R::new(unseal(b, MAGIC)?);
    if r.take(16)? != key.md5 || r.u64()? != key.build || r.u64()? != key.config {
        return None;
    }
    let nfuncs = r.u32()?;
    let n = r.count(8)?;
    let atoms = (0..n).map(|_| r.u64()).collect::<Option<Vec<_>>>()?;
    let n = r.count(9)?;
    let mut records = Vec::with_capacity(n);
    for _ in 0..n {
        let fi = r.u32()?;
        if fi >= nfuncs {
            return None;
        }
        let flags = r.u8()?;
        records.push((fi, flags, r.bytes()?));
    }
    r.done().then_some(File {
        nfuncs,
        atoms,
        records,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key() -> Key {
        Key {
            md5: [7; 16],
            build: 42,
            config: 9,
        }
    }

    fn sample() -> FnCode {
        FnCode {
            fi: 3,
            align: 16,
            bytes: (0..64).collect(),
            mrelocs: vec![
                ModReloc {
                    offset: 4,
                    kind: 3,
                    target: Target::Func(1),
                    addend: -4,
                },
                ModReloc {
                    offset: 20,
                    kind: 1,
                    target: Target::LibCall(cranelift_codegen::ir::LibCall::FloorF64),
                    addend: 0,
                },
            ],
            srelocs: vec![SymReloc {
                offset: 10,
                sym: 1,
                addend: 8,
            }],
            syms: vec![
                Sym::Code(5),
                Sym::Export(0x1000),
                Sym::Term(Const::Big(true, vec![1, 2, 3])),
                Sym::Keys(vec![Const::Imm(59), Const::Lit(2)]),
                Sym::Bytes(vec![1, 2]),
                Sym::Desc(vec![SegRec {
                    kind: 6,
                    no: 1,
                    unit: 8,
                    flags: 0,
                    bytes: b"ab".to_vec(),
                }]),
                Sym::Loc(3, 7),
                Sym::Table,
                Sym::Fun(0),
            ],
            cps: vec![(1, 4), (2, 0)],
            fast: true,
        }
    }

    fn mfa(_: usize) -> Mfa {
        ("m".into(), "f".into(), 2)
    }
    fn exp(m: &str, f: &str, a: u32) -> usize {
        assert_eq!((m, f, a), ("m", "f", 2));
        0x1000
    }

    fn file() -> Vec<u8> {
        let body = encode_fn(&sample(), &mfa);
        encode_file(&key(), 5, &[11, 22], &[(3, HOT, &body)])
    }

    #[test]
    fn round_trip() {
        let f = file();
        let d = decode_file(&f, &key()).expect("valid");
        assert_eq!((d.nfuncs, d.atoms.clone()), (5, vec![11, 22]));
        assert_eq!(d.records.len(), 1);
        let (fi, flags, body) = d.records[0];
        assert_eq!(flags, HOT);
        assert_eq!(decode_fn(fi, body, &exp), Some(sample()));
    }

    #[test]
    fn every_flipped_byte_is_rejected() {
        let f = file();
        for i in 0..f.len() {
            let mut g = f.clone();
            g[i] ^= 0x40;
            assert!(decode_file(&g, &key()).is_none(), "byte {i}");
        }
    }

    #[test]
    fn every_truncation_is_rejected() {
        let f = file();
        for n in 0..f.len() {
            assert!(decode_file(&f[..n], &key()).is_none(), "length {n}");
        }
        let mut longer = f.clone();
        longer.push(0);
        assert!(decode_file(&longer, &key()).is_none());
    }

    #[test]
    fn another_key_is_rejected() {
        let f = file();
        for k in [
            Key {
                md5: [8; 16],
                ..key()
            },
            Key { build: 43, ..key() },
            Key {
                config: 10,
                ..key()
            },
        ] {
            assert!(decode_file(&f, &k).is_none());
        }
    }

    #[test]
    fn malformed_records_do_not_decode() {
        let body = encode_fn(&sample(), &mfa);
        for n in 0..body.len() {
            assert!(decode_fn(3, &body[..n], &exp).is_none(), "length {n}");
        }
        // A huge count must not allocate or read past the end.
        let mut bad = body.clone();
        bad[4..8].copy_from_slice(&u32::MAX.to_le_bytes());
        assert!(decode_fn(3, &bad, &exp).is_none());
    }
}
