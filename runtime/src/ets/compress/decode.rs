//! Decoding an element's records (`encode.rs`) back into a term, in an
//! `Arena` (scratch memory off every heap) or walking them without
//! building anything (`rec_len`, `for_each_owned`).
//!
//! A decoded term is a view: refc binaries and magic references in it
//! point at the buffers and resources the stored object owns, without a
//! count of their own. Whoever copies the view onto a heap (`copy_term`)
//! takes counts for the copy, as for any term in table memory.

use super::encode::{export_len, fun_len, port_len, ref_len, PROC_BIN_BYTES};
use super::tag::*;
use crate::code::export::Export;
use crate::code::module::FunEntry;
use crate::data::binary::layout::{
    heap_bin_words, write_heap_bin, write_sub_bin, BinBuf, PROC_BIN_WORDS, SUB_BIN_WORDS,
};
use crate::data::map::layout::Heap;
use crate::term::{
    make_header, Term, HDR_EXPORT, HDR_EXT_PID, HDR_EXT_PORT, HDR_EXT_REF, HDR_FLOAT, HDR_FUN,
    HDR_NEG_BIG, HDR_POS_BIG, HDR_REF, HDR_REFC_BIN, HDR_TUPLE, NIL,
};

/// Scratch memory for decoded views: chunks that never move, handed out
/// front to back, kept for reuse (`reset`).
pub struct Arena {
    chunks: Vec<Box<[u64]>>,
    /// The chunk being filled and the words used in it.
    cur: usize,
    used: usize,
}

const CHUNK_WORDS: usize = 1024;

impl Arena {
    pub fn new() -> Arena {
        Arena {
            chunks: Vec::new(),
            cur: 0,
            used: 0,
        }
    }

    /// Forgets everything handed out; keeps the first chunk.
    pub fn reset(&mut self) {
        self.chunks.truncate(1);
        self.cur = 0;
        self.used = 0;
    }
}

impl Default for Arena {
    fn default() -> Self {
        Arena::new()
    }
}

impl Heap for Arena {
    fn words(&mut self, n: usize) -> *mut u64 {
        loop {
            if let Some(c) = self.chunks.get_mut(self.cur) {
                if c.len() - self.used >= n {
                    // SAFETY: `used + n` is within the chunk.
                    let p = unsafe { c.as_mut_ptr().add(self.used) };
                    self.used += n;
                    return p;
                }
                if self.cur + 1 < self.chunks.len() {
                    self.cur += 1;
                    self.used = 0;
                    continue;
                }
            }
            self.chunks
                .push(vec![0u64; n.max(CHUNK_WORDS)].into_boxed_slice());
            self.cur = self.chunks.len() - 1;
            self.used = 0;
        }
    }
}

/// Where decoding goes on: a slot to decode the next term into, or a map
/// whose `n` keys and values (in `at`) are all decoded.
enum Work {
    Slot(*mut u64),
    Map(*mut u64, *const u64, usize),
}

struct Reader<'a> {
    b: &'a [u8],
    i: usize,
}

impl Reader<'_> {
    fn u8(&mut self) -> u8 {
        let v = self.b[self.i];
        self.i += 1;
        v
    }
    fn u16(&mut self) -> usize {
        let v = u16::from_be_bytes([self.b[self.i], self.b[self.i + 1]]);
        self.i += 2;
        v as usize
    }
    fn u32(&mut self) -> u32 {
        let mut a = [0u8; 4];
        a.copy_from_slice(&self.b[self.i..self.i + 4]);
        self.i += 4;
        u32::from_be_bytes(a)
    }
    fn u64(&mut self) -> u64 {
        let mut a = [0u8; 8];
        a.copy_from_slice(&self.b[self.i..self.i + 8]);
        self.i += 8;
        u64::from_le_bytes(a)
    }
    fn bytes(&mut self, n: usize) -> &[u8] {
        let s = &self.b[self.i..self.i + n];
        self.i += n;
        s
    }
    fn atom(&mut self) -> Term {
        let idx = match self.u8() {
            ATOM2 => self.u16() as u32,
            _ => {
                let s = self.bytes(3);
                u32::from_be_bytes([0, s[0], s[1], s[2]])
            }
        };
        Term::atom(idx)
    }
}

/// Decodes the term whose records start at `b[at]` into `arena`.
pub fn decode(b: &[u8], at: usize, arena: &mut Arena) -> Term {
    let mut root = NIL.raw();
    let mut r = Reader { b, i: at };
    let mut todo: smallvec::SmallVec<[Work; 16]> = smallvec::SmallVec::new();
    todo.push(Work::Slot(&mut root));
    while let Some(w) = todo.pop() {
        match w {
            // SAFETY: slots are words of arena memory (or `root`), and
            // `one` writes only memory it takes from the arena.
            Work::Slot(dst) => unsafe { one(&mut r, dst, arena, &mut todo) },
            Work::Map(dst, at, n) => {
                // SAFETY: `at` holds `n` decoded key/value pairs.
                let pairs = (0..n)
                    .map(|i| unsafe { (Term(*at.add(2 * i)), Term(*at.add(2 * i + 1))) })
                    .collect();
                let m = crate::data::map::from_pairs(arena, pairs);
                // SAFETY: `dst` is a slot as above.
                unsafe { *dst = m.raw() };
            }
        }
    }
    Term(root)
}

/// A bignum or small from a sign and little-endian magnitude bytes.
fn big(arena: &mut Arena, neg: bool, bytes: &[u8]) -> Term {
    let limbs: Vec<u64> = bytes
        .chunks(8)
        .map(|c| {
            let mut a = [0u8; 8];
            a[..c.len()].copy_from_slice(c);
            u64::from_le_bytes(a)
        })
        .collect();
    if limbs.len() <= 1 {
        let m = limbs.first().copied().unwrap_or(0);
        if m <= i64::MAX as u64 {
            let v = if neg { -(m as i64) } else { m as i64 };
            if Term::fits_small(v) {
                return Term::small(v);
            }
        }
    }
    let p = arena.words(1 + limbs.len());
    // SAFETY: `p` has 1 + limbs words; the magnitude came from a
    // normalised bignum (no zero top limb, not a small).
    unsafe {
        *p = make_header(limbs.len(), if neg { HDR_NEG_BIG } else { HDR_POS_BIG });
        std::ptr::copy_nonoverlapping(limbs.as_ptr(), p.add(1), limbs.len());
    }
    Term::boxed_from_ptr(p)
}

/// A heap binary of `bytes`.
fn heap_bin(arena: &mut Arena, bytes: &[u8]) -> Term {
    let p = arena.words(heap_bin_words(bytes.len()));
    // SAFETY: `p` has the binary's words.
    unsafe {
        let t = write_heap_bin(p, bytes.len());
        std::ptr::copy_nonoverlapping(bytes.as_ptr(), p.add(2) as *mut u8, bytes.len());
        t
    }
}

/// A ProcBin over `buf` (no count of its own: the stored object has it).
fn proc_bin(arena: &mut Arena, n: u64, buf: u64) -> Term {
    let p = arena.words(PROC_BIN_WORDS);
    // SAFETY: `p` has a ProcBin's words.
    unsafe {
        *p = make_header(PROC_BIN_WORDS - 1, HDR_REFC_BIN);
        *p.add(1) = n;
        *p.add(2) = buf;
    }
    Term::boxed_from_ptr(p)
}

fn sub_bin(arena: &mut Arena, orig: Term, offset: usize, bits: usize) -> Term {
    let p = arena.words(SUB_BIN_WORDS);
    // SAFETY: `p` has a sub-binary's words; `orig` covers the bits.
    unsafe { write_sub_bin(p, orig, offset, bits, 0) }
}

/// Decodes one record into `*dst`; a container's children get slots
/// pushed on `todo`, first child on top.
///
/// # Safety
/// `dst` is writable; the records are `encode`'s.
unsafe fn one(
    r: &mut Reader<'_>,
    dst: *mut u64,
    arena: &mut Arena,
    todo: &mut smallvec::SmallVec<[Work; 16]>,
) {
    let at = r.i;
    let tag = r.u8();
    let t = match tag {
        NIL_EXT => NIL,
        ATOM2 | ATOM3 => {
            r.i = at;
            r.atom()
        }
        SMALL_INT => Term::small(r.u8() as i64),
        INT => Term::small(r.u32() as i32 as i64),
        SMALL_BIG | LARGE_BIG => {
            let n = if tag == SMALL_BIG {
                r.u8() as usize
            } else {
                r.u32() as usize
            };
            let neg = r.u8() != 0;
            let bytes = r.bytes(n);
            big(arena, neg, bytes)
        }
        FLOAT => {
            let p = arena.words(2);
            *p = make_header(1, HDR_FLOAT);
            *p.add(1) = r.u64();
            Term::boxed_from_ptr(p)
        }
        LPID | LPORT => {
            let t = Term(r.u64());
            r.i = at
                + if tag == LPID {
                    16
                } else {
                    port_len(t.port_number())
                };
            t
        }
        LREF => {
            let (hi, lo) = (r.u64(), r.u64());
            r.i = at + ref_len(hi);
            let p = arena.words(3);
            *p = make_header(2, HDR_REF);
            *p.add(1) = hi;
            *p.add(2) = lo;
            Term::boxed_from_ptr(p)
        }
        MREF3 | MREF4 => {
            let hi = if tag == MREF3 {
                r.u32() as u64
            } else {
                r.u64()
            };
            let (lo, res) = (r.u64(), r.u64());
            r.i = at + ref_len(hi);
            let p = arena.words(4);
            *p = make_header(3, HDR_REF);
            *p.add(1) = hi;
            *p.add(2) = lo;
            *p.add(3) = res;
            Term::boxed_from_ptr(p)
        }
        EPID => {
            let node = r.atom();
            let (num, ser, cre) = (r.u32(), r.u32(), r.u32());
            let p = arena.words(4);
            *p = make_header(3, HDR_EXT_PID);
            *p.add(1) = node.raw();
            *p.add(2) = cre as u64;
            *p.add(3) = num as u64 | (ser as u64) << 32;
            Term::boxed_from_ptr(p)
        }
        EPORT | EPORT8 => {
            let node = r.atom();
            let num = if tag == EPORT {
                r.u32() as u64
            } else {
                let mut a = [0u8; 8];
                a.copy_from_slice(r.bytes(8));
                u64::from_be_bytes(a)
            };
            let cre = r.u32();
            let p = arena.words(4);
            *p = make_header(3, HDR_EXT_PORT);
            *p.add(1) = node.raw();
            *p.add(2) = cre as u64;
            *p.add(3) = num;
            Term::boxed_from_ptr(p)
        }
        EREF => {
            let n = r.u16();
            let node = r.atom();
            let cre = r.u32();
            // [n | r0 << 32] [r1 | r2 << 32] ...: unused halves zero.
            let mut halves = vec![n as u32];
            for _ in 0..n {
                halves.push(r.u32());
            }
            let words = halves.len().div_ceil(2);
            let p = arena.words(3 + words);
            *p = make_header(2 + words, HDR_EXT_REF);
            *p.add(1) = node.raw();
            *p.add(2) = cre as u64;
            for (i, c) in halves.chunks(2).enumerate() {
                let hi = c.get(1).copied().unwrap_or(0) as u64;
                *p.add(3 + i) = c[0] as u64 | hi << 32;
            }
            Term::boxed_from_ptr(p)
        }
        TUPLE | LTUPLE => {
            let n = if tag == TUPLE {
                r.u8() as usize
            } else {
                r.u32() as usize
            };
            let p = arena.words(1 + n);
            *p = make_header(n, HDR_TUPLE);
            for i in (0..n).rev() {
                todo.push(Work::Slot(p.add(1 + i)));
            }
            Term::boxed_from_ptr(p)
        }
        STRING => {
            let n = r.u16();
            if n == 0 {
                NIL
            } else {
                let p = arena.words(2 * n);
                for (i, &c) in r.bytes(n).iter().enumerate() {
                    let cell = p.add(2 * i);
                    *cell = Term::small(c as i64).raw();
                    *cell.add(1) = if i + 1 < n {
                        Term::list_from_ptr(cell.add(2)).raw()
                    } else {
                        NIL.raw()
                    };
                }
                Term::list_from_ptr(p)
            }
        }
        LIST => {
            let n = r.u32() as usize;
            let p = arena.words(2 * n);
            // The tail is decoded last: its slot goes under the heads.
            todo.push(Work::Slot(p.add(2 * n - 1)));
            for i in (0..n).rev() {
                let cell = p.add(2 * i);
                if i + 1 < n {
                    *cell.add(1) = Term::list_from_ptr(cell.add(2)).raw();
                }
                todo.push(Work::Slot(cell));
            }
            Term::list_from_ptr(p)
        }
        MAP => {
            let n = r.u32() as usize;
            let kv = arena.words(2 * n);
            todo.push(Work::Map(dst, kv, n));
            for i in (0..2 * n).rev() {
                todo.push(Work::Slot(kv.add(i)));
            }
            // Written when the map is built.
            NIL
        }
        FUN => {
            let fe = r.u64() as *const FunEntry;
            r.i = at + fun_len(&*fe);
            let nfree = (*fe).num_free as usize;
            let p = arena.words(2 + nfree);
            *p = make_header(1 + nfree, HDR_FUN);
            *p.add(1) = fe as u64;
            for i in (0..nfree).rev() {
                todo.push(Work::Slot(p.add(2 + i)));
            }
            Term::boxed_from_ptr(p)
        }
        EXPORT => {
            let e = r.u64() as *const Export;
            r.i = at + export_len(&*e);
            let p = arena.words(2);
            *p = make_header(1, HDR_EXPORT);
            *p.add(1) = e as u64;
            Term::boxed_from_ptr(p)
        }
        BINARY => {
            let n = r.u32() as usize;
            heap_bin(arena, r.bytes(n))
        }
        BINARY_PAD => {
            let n = r.u32() as usize;
            let extra = r.u8() as usize;
            let t = heap_bin(arena, r.bytes(n));
            r.i = at + 5 + n + extra;
            t
        }
        BIT_BINARY => {
            let n = r.u32() as usize;
            let bitsize = r.u8() as usize;
            let extra = r.u8() as usize;
            let hb = heap_bin(arena, r.bytes(n + 1));
            r.i = at + 7 + n + extra;
            sub_bin(arena, hb, 0, 8 * n + bitsize)
        }
        BIN_REF => {
            let (n, buf) = (r.u64(), r.u64());
            r.i = at + 1 + PROC_BIN_BYTES;
            proc_bin(arena, n, buf)
        }
        SUB_REF => {
            let (bits, offset, n, buf) = (r.u64(), r.u64(), r.u64(), r.u64());
            r.i = at + 3 + PROC_BIN_BYTES;
            let pb = proc_bin(arena, n, buf);
            sub_bin(arena, pb, offset as usize, bits as usize)
        }
        _ => {
            debug_assert!(false, "bad record tag {tag}");
            NIL
        }
    };
    if tag != MAP {
        *dst = t.raw();
    }
}

/// Length of the record at `b[at]`, its children not included.
pub fn rec_len(b: &[u8], at: usize) -> usize {
    let mut r = Reader { b, i: at };
    let tag = r.u8();
    match tag {
        NIL_EXT => 1,
        ATOM2 => 3,
        ATOM3 => 4,
        SMALL_INT => 2,
        INT => 5,
        SMALL_BIG => 3 + r.u8() as usize,
        LARGE_BIG => 6 + r.u32() as usize,
        FLOAT => 9,
        LPID => 16,
        LPORT => port_len(Term(r.u64()).port_number()),
        LREF => ref_len(r.u64()),
        MREF3 => ref_len(r.u32() as u64),
        MREF4 => ref_len(r.u64()),
        EPID | EPORT | EPORT8 => {
            let a = if r.u8() == ATOM2 { 3 } else { 4 };
            1 + a
                + if tag == EPORT8 {
                    12
                } else if tag == EPORT {
                    8
                } else {
                    12
                }
        }
        EREF => {
            let n = r.u16();
            let a = if r.u8() == ATOM2 { 3 } else { 4 };
            1 + 2 + a + 4 + 4 * n
        }
        TUPLE => 2,
        LTUPLE | LIST | MAP => 5,
        STRING => 3 + r.u16(),
        // SAFETY: the entry pointers were live when encoded, and fun
        // entries and exports are never freed.
        FUN => fun_len(unsafe { &*(r.u64() as *const FunEntry) }),
        EXPORT => export_len(unsafe { &*(r.u64() as *const Export) }),
        BINARY => 5 + r.u32() as usize,
        BINARY_PAD => {
            let n = r.u32() as usize;
            5 + n + r.u8() as usize
        }
        BIT_BINARY => {
            let n = r.u32() as usize;
            let _bits = r.u8();
            7 + n + r.u8() as usize
        }
        BIN_REF => 1 + PROC_BIN_BYTES,
        SUB_REF => 3 + PROC_BIN_BYTES,
        _ => {
            debug_assert!(false, "bad record tag {tag}");
            b.len() - at
        }
    }
}

/// Calls `bin(buffer, bytes)` for each refc binary buffer and `res(ptr)`
/// for each resource the records in `b` hold a count of.
pub fn for_each_owned(b: &[u8], bin: &mut dyn FnMut(*mut BinBuf, u64), res: &mut dyn FnMut(u64)) {
    let mut i = 0;
    while i < b.len() {
        let mut r = Reader { b, i: i + 1 };
        match b[i] {
            BIN_REF => {
                let (n, buf) = (r.u64(), r.u64());
                bin(buf as *mut BinBuf, n);
            }
            SUB_REF => {
                let (_, _, n, buf) = (r.u64(), r.u64(), r.u64(), r.u64());
                bin(buf as *mut BinBuf, n);
            }
            MREF3 => {
                let _ = r.u32();
                let _ = r.u64();
                res(r.u64());
            }
            MREF4 => {
                let _ = r.u64();
                let _ = r.u64();
                res(r.u64());
            }
            _ => {}
        }
        i += rec_len(b, i);
    }
}
