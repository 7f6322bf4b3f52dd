//! The encoding of one element of a compressed table's object (BEAM's
//! `erts_encode_ext_ets`): a pre-order sequence of records, one per
//! subterm, each a tag byte and a payload, children following their
//! container. What matters to the outside is each record's *length*:
//! it is the number of bytes BEAM's encoding of that subterm takes
//! (`encode_size_struct_int` with `DFLAG_ETS_COMPRESSED`), so that
//! `ets:info(T, memory)` of a compressed table is erl's. Payloads are
//! this VM's own: a local pid, reference or port keeps its word, a refc
//! binary its buffer pointer (BEAM keeps a copy of the ProcBin), a fun
//! its entry pointer, padded to BEAM's length.
//!
//! Every record's length follows from its tag and its own payload, so
//! the records can be walked linearly without decoding (`rec_len`).

use super::tag::*;
use crate::code::export::Export;
use crate::code::module::FunEntry;
use crate::data::binary::layout::{BinBuf, HEAP_BIN_LIMIT};
use crate::term::{
    header_arity, header_subtag, Term, HDR_EXPORT, HDR_EXT_PID, HDR_EXT_PORT, HDR_EXT_REF,
    HDR_FLOAT, HDR_FUN, HDR_HEAP_BIN, HDR_MAP, HDR_NEG_BIG, HDR_POS_BIG, HDR_REF, HDR_REFC_BIN,
    HDR_SUB_BIN, HDR_TUPLE,
};

/// BEAM's `ERTS_MAX_V3_PORT_NUMBER`: larger port numbers take 8 bytes.
pub(super) const MAX_V3_PORT: u64 = (1 << 28) - 1;
/// BEAM's `MAX_STRING_LEN`: longer byte lists are `LIST_EXT`s.
const MAX_STRING_LEN: usize = 0xffff;
/// Bytes of BEAM's ProcBin (six words), which its encoding embeds.
pub(super) const PROC_BIN_BYTES: usize = 48;

/// Bytes of an atom: a 2- or 3-byte index after the tag.
#[inline]
pub(super) fn atom_len(a: Term) -> usize {
    if a.atom_index() < 1 << 16 {
        3
    } else {
        4
    }
}

/// Bytes of the magnitude of `v` (BEAM's `big_bytes`).
#[inline]
fn mag_bytes(m: u64) -> usize {
    (64 - m.leading_zeros() as usize).div_ceil(8)
}

/// Bytes of a small integer nested in an element.
#[inline]
pub(super) fn int_len(v: i64) -> usize {
    if (0..256).contains(&v) {
        2
    } else if i32::try_from(v).is_ok() {
        5
    } else {
        3 + mag_bytes(v.unsigned_abs())
    }
}

/// Bytes of a local reference with ids `hi`/`lo`: BEAM's three numbers,
/// or four when the high id word needs them (as `term_to_binary` writes
/// it), after the tag, count, node atom and creation.
#[inline]
pub(super) fn ref_len(hi: u64) -> usize {
    1 + 2 + 3 + 4 + 4 * if hi >> 32 != 0 { 4 } else { 3 }
}

/// Bytes of a closure's record without its free variables: BEAM's
/// `NEW_FUN_EXT` head (size, arity, uniq, index, free count, module,
/// old index, old uniq, a local creator pid).
#[inline]
pub(super) fn fun_len(fe: &FunEntry) -> usize {
    20 + 1 + 1 + 4 + 4 + 16 + atom_len(fe.module) + 2 * (1 + 4)
}

/// Bytes of an external fun `fun M:F/A`.
#[inline]
pub(super) fn export_len(e: &Export) -> usize {
    1 + atom_len(e.module) + atom_len(e.function) + int_len(e.arity as i64)
}

/// Bytes of a local port's record.
#[inline]
pub(super) fn port_len(num: u64) -> usize {
    1 + 3 + if num > MAX_V3_PORT { 8 } else { 4 } + 4
}

/// Work left while encoding: a term, the rest of a list (its elements
/// then its tail), or `n` terms in consecutive words.
enum Work {
    T(Term),
    Rest(Term),
    Seq(*const u64, usize),
}

/// Appends the records of `t` to `out` (exactly BEAM's encoded size of
/// `t`), taking a count on every refc binary buffer and resource they
/// refer to: the stored object owns those (`super::release`).
pub fn encode(t: Term, out: &mut Vec<u8>) {
    let mut todo: smallvec::SmallVec<[Work; 16]> = smallvec::SmallVec::new();
    todo.push(Work::T(t));
    while let Some(w) = todo.pop() {
        let t = match w {
            Work::T(t) => t,
            Work::Rest(l) => {
                if l.is_list() {
                    // SAFETY: `l` is a cons cell.
                    let (h, tl) = unsafe { (l.head(), l.tail()) };
                    todo.push(Work::Rest(tl));
                    h
                } else {
                    l
                }
            }
            Work::Seq(p, n) => {
                if n > 1 {
                    // SAFETY: `p` has `n` consecutive terms (a tuple's or a
                    // closure's, alive as long as the object).
                    todo.push(Work::Seq(unsafe { p.add(1) }, n - 1));
                }
                // SAFETY: as above, n ≥ 1.
                Term(unsafe { *p })
            }
        };
        one(t, out, &mut todo);
    }
}

fn put_u16(out: &mut Vec<u8>, v: usize) {
    out.extend_from_slice(&(v as u16).to_be_bytes());
}
fn put_u32(out: &mut Vec<u8>, v: u32) {
    out.extend_from_slice(&v.to_be_bytes());
}
fn put_u64(out: &mut Vec<u8>, v: u64) {
    out.extend_from_slice(&v.to_le_bytes());
}
/// Zero bytes up to `len` bytes from `start`.
fn pad_to(out: &mut Vec<u8>, start: usize, len: usize) {
    debug_assert!(out.len() <= start + len);
    out.resize(start + len, 0);
}

fn atom(out: &mut Vec<u8>, a: Term) {
    let i = a.atom_index();
    if i < 1 << 16 {
        out.push(ATOM2);
        put_u16(out, i as usize);
    } else {
        out.push(ATOM3);
        out.extend_from_slice(&i.to_be_bytes()[1..]);
    }
}

/// A sign and magnitude (little-endian bytes, no zero top byte).
fn big_mag(out: &mut Vec<u8>, neg: bool, bytes: &[u8]) {
    if bytes.len() < 256 {
        out.push(SMALL_BIG);
        out.push(bytes.len() as u8);
    } else {
        out.push(LARGE_BIG);
        put_u32(out, bytes.len() as u32);
    }
    out.push(neg as u8);
    out.extend_from_slice(bytes);
}

fn int(out: &mut Vec<u8>, v: i64) {
    if (0..256).contains(&v) {
        out.push(SMALL_INT);
        out.push(v as u8);
    } else if let Ok(v) = i32::try_from(v) {
        out.push(INT);
        out.extend_from_slice(&v.to_be_bytes());
    } else {
        let m = v.unsigned_abs();
        big_mag(out, v < 0, &m.to_le_bytes()[..mag_bytes(m)]);
    }
}

/// The list's length if it is a proper list of at most `MAX_STRING_LEN`
/// bytes (BEAM's `is_external_string`).
fn string_len(mut l: Term) -> Option<usize> {
    let mut n = 0;
    while l.is_list() {
        // SAFETY: `l` is a cons cell.
        let (h, t) = unsafe { (l.head(), l.tail()) };
        if !h.is_small() || !(0..256).contains(&h.small_value()) {
            return None;
        }
        n += 1;
        if n > MAX_STRING_LEN {
            return None;
        }
        l = t;
    }
    l.is_nil().then_some(n)
}

/// The record of `t`; its children are pushed on `todo`.
fn one(t: Term, out: &mut Vec<u8>, todo: &mut smallvec::SmallVec<[Work; 16]>) {
    if t.is_nil() {
        out.push(NIL_EXT);
    } else if t.is_atom() {
        atom(out, t);
    } else if t.is_small() {
        int(out, t.small_value());
    } else if t.is_pid() {
        let at = out.len();
        out.push(LPID);
        put_u64(out, t.raw());
        pad_to(out, at, 16);
    } else if t.is_port() {
        let at = out.len();
        out.push(LPORT);
        put_u64(out, t.raw());
        pad_to(out, at, port_len(t.port_number()));
    } else if t.is_list() {
        if let Some(n) = string_len(t) {
            out.push(STRING);
            put_u16(out, n);
            let mut l = t;
            while l.is_list() {
                // SAFETY: a proper list of small integers (checked).
                unsafe {
                    out.push(l.head().small_value() as u8);
                    l = l.tail();
                }
            }
        } else {
            let mut n = 0u32;
            let mut l = t;
            while l.is_list() {
                n = n.wrapping_add(1);
                // SAFETY: `l` is a cons cell.
                l = unsafe { l.tail() };
            }
            out.push(LIST);
            put_u32(out, n);
            todo.push(Work::Rest(t));
        }
    } else if t.is_boxed() {
        // SAFETY: a boxed term points at a valid object.
        unsafe { boxed(t, out, todo) }
    } else {
        // No other immediate can be part of a term (catch tags, headers
        // never are); keep the record well-formed anyway.
        debug_assert!(false, "unexpected term {:#x}", t.raw());
        out.push(NIL_EXT);
    }
}

/// # Safety
/// `t` is a valid boxed term.
unsafe fn boxed(t: Term, out: &mut Vec<u8>, todo: &mut smallvec::SmallVec<[Work; 16]>) {
    let p = t.boxed_ptr() as *const u64;
    let h = *p;
    let at = out.len();
    match header_subtag(h) {
        HDR_TUPLE => {
            let n = header_arity(h);
            if n <= 0xff {
                out.push(TUPLE);
                out.push(n as u8);
            } else {
                out.push(LTUPLE);
                put_u32(out, n as u32);
            }
            if n > 0 {
                todo.push(Work::Seq(p.add(1), n));
            }
        }
        HDR_POS_BIG | HDR_NEG_BIG => {
            let limbs = crate::data::big::big_limbs(t);
            let mut bytes: Vec<u8> = limbs.iter().flat_map(|l| l.to_le_bytes()).collect();
            while bytes.last() == Some(&0) {
                bytes.pop();
            }
            big_mag(out, header_subtag(h) == HDR_NEG_BIG, &bytes);
        }
        HDR_FLOAT => {
            out.push(FLOAT);
            put_u64(out, *p.add(1));
        }
        HDR_REF => {
            let (hi, lo) = (*p.add(1), *p.add(2));
            let len = ref_len(hi);
            if crate::data::resource::is_magic_header(h) {
                // The stored object owns a count of the resource.
                crate::data::resource::retain(p);
                out.push(if hi >> 32 == 0 { MREF3 } else { MREF4 });
                if hi >> 32 == 0 {
                    put_u32(out, hi as u32);
                } else {
                    put_u64(out, hi);
                }
                put_u64(out, lo);
                put_u64(out, *p.add(3));
            } else {
                out.push(LREF);
                put_u64(out, hi);
                put_u64(out, lo);
            }
            pad_to(out, at, len);
        }
        HDR_EXT_PID | HDR_EXT_PORT | HDR_EXT_REF => ext_ident(t, out),
        HDR_FUN => {
            let fe = &*(*p.add(1) as *const FunEntry);
            let nfree = header_arity(h) - 1;
            out.push(FUN);
            put_u64(out, fe as *const FunEntry as u64);
            pad_to(out, at, fun_len(fe));
            if nfree > 0 {
                todo.push(Work::Seq(p.add(2), nfree));
            }
        }
        HDR_EXPORT => {
            let e = &*(*p.add(1) as *const Export);
            out.push(EXPORT);
            put_u64(out, e as *const Export as u64);
            pad_to(out, at, export_len(e));
        }
        HDR_MAP => {
            let pairs = crate::data::map::pairs(t);
            out.push(MAP);
            put_u32(out, pairs.len() as u32);
            for &(k, v) in pairs.iter().rev() {
                todo.push(Work::T(v));
                todo.push(Work::T(k));
            }
        }
        HDR_HEAP_BIN | HDR_REFC_BIN | HDR_SUB_BIN => binary(p, out),
        _ => {
            debug_assert!(false, "unexpected header {h:#x}");
            out.push(NIL_EXT);
        }
    }
}

/// Pids, ports and references of other nodes: BEAM's own records.
fn ext_ident(t: Term, out: &mut Vec<u8>) {
    use crate::data::ext_ident::{ext_ref_parts, pid_parts, port_parts};
    if let Some((node, num, ser)) = pid_parts(t) {
        out.push(EPID);
        atom(out, node.name);
        put_u32(out, num);
        put_u32(out, ser);
        put_u32(out, node.creation);
    } else if let Some((node, num)) = port_parts(t) {
        if num > MAX_V3_PORT {
            out.push(EPORT8);
            atom(out, node.name);
            out.extend_from_slice(&num.to_be_bytes());
        } else {
            out.push(EPORT);
            atom(out, node.name);
            put_u32(out, num as u32);
        }
        put_u32(out, node.creation);
    } else if let Some((node, nums)) = ext_ref_parts(t) {
        out.push(EREF);
        put_u16(out, nums.len());
        atom(out, node.name);
        put_u32(out, node.creation);
        for n in nums {
            put_u32(out, n);
        }
    }
}

/// Whether BEAM keeps a binary of `bytes` bytes by reference rather than
/// copying it: its heap binary would be larger than a ProcBin.
#[inline]
fn by_ref(bytes: usize) -> bool {
    2 + bytes.div_ceil(8) > 6
}

/// A binary: by reference to its buffer when BEAM keeps it so (a refc
/// original over 32 bytes), else its bytes. A sub-binary's length counts
/// `(bit offset + trailing bits + 7) / 8` bytes more, as BEAM's does
/// (room it never writes into): padding here.
///
/// # Safety
/// `p` points at a heap, refc or sub-binary.
unsafe fn binary(p: *const u64, out: &mut Vec<u8>) {
    let h = *p;
    let at = out.len();
    let sub = header_subtag(h) == HDR_SUB_BIN;
    let (orig, bits, offset) = if sub {
        let o = (*p.add(4) & !crate::term::TAG_PRIMARY_MASK) as *const u64;
        (o, *p.add(1) as usize, *p.add(2) as usize)
    } else {
        (p, *p.add(1) as usize * 8, 0)
    };
    let (bytes, bitsize, bitoffs) = (bits / 8, bits % 8, offset % 8);
    let extra = if sub {
        (bitoffs + bitsize).div_ceil(8)
    } else {
        0
    };
    let refc = header_subtag(*orig) == HDR_REFC_BIN;
    if refc && by_ref(bytes + extra) {
        let buf = *orig.add(2) as *mut BinBuf;
        // The stored object owns a count of the buffer.
        BinBuf::retain(buf);
        if sub {
            out.push(SUB_REF);
            put_u64(out, bits as u64);
            put_u64(out, offset as u64);
            put_u64(out, *orig.add(1));
            put_u64(out, buf as u64);
            pad_to(out, at, 1 + 2 + PROC_BIN_BYTES);
        } else {
            out.push(BIN_REF);
            put_u64(out, *orig.add(1));
            put_u64(out, buf as u64);
            pad_to(out, at, 1 + PROC_BIN_BYTES);
        }
        return;
    }
    let data: *const u8 = if refc {
        (*(*orig.add(2) as *const BinBuf)).data
    } else {
        orig.add(2) as *const u8
    };
    let orig_bytes = *orig.add(1) as usize;
    // The bits from `offset`, shifted to byte boundaries (the last byte's
    // unused low bits zero).
    let whole = bytes + (bitsize > 0) as usize;
    debug_assert!(whole <= HEAP_BIN_LIMIT);
    let get = |i: usize| if i < orig_bytes { *data.add(i) } else { 0 };
    let mut shifted = Vec::with_capacity(whole);
    let (first, s) = (offset / 8, offset % 8);
    for i in 0..whole {
        let b = if s == 0 {
            get(first + i)
        } else {
            (get(first + i) << s) | (get(first + i + 1) >> (8 - s))
        };
        shifted.push(b);
    }
    if bitsize > 0 {
        if let Some(last) = shifted.last_mut() {
            *last &= 0xffu8 << (8 - bitsize);
        }
        out.push(BIT_BINARY);
        put_u32(out, bytes as u32);
        out.push(bitsize as u8);
        out.push(extra as u8);
        out.extend_from_slice(&shifted);
        pad_to(out, at, 7 + bytes + extra);
    } else if extra == 0 {
        out.push(BINARY);
        put_u32(out, bytes as u32);
        out.extend_from_slice(&shifted);
    } else {
        out.push(BINARY_PAD);
        put_u32(out, bytes as u32);
        out.push(extra as u8);
        out.extend_from_slice(&shifted);
        pad_to(out, at, 5 + bytes + extra);
    }
}
