//! Compressed tables (`ets:new(T, [compressed])`, BEAM's
//! `db_store_term_comp`): the key stays a term, every other element that
//! is not an immediate is stored as its encoding (`encode.rs`), which
//! every reader decodes (`decode.rs`) — lookups, match specifications,
//! counters, element updates, bag equality.
//!
//! The stored buffer (the words after `Stored`'s length word):
//!
//! ```text
//! [hdr(tuple, a)] [e1 .. ea] [ext length << 2] [key copy ...] [ext bytes ...]
//! ```
//!
//! An element is an immediate (itself), the key (a pointer into the key
//! copy, a flat copy as uncompressed objects have), or the byte offset of
//! its records in the ext bytes, `off << 2` (primary tag 0b00, a header
//! tag: never a term). The ext length word stands where BEAM keeps the
//! object's allocated size, so the object takes BEAM's words: its tuple,
//! one word, the key's words and the ext bytes rounded up to words.

mod decode;
mod encode;

pub use decode::Arena;

use crate::data::binary::layout::BinBuf;
use crate::term::{
    header_arity, make_header, Term, HDR_TUPLE, TAG_PRIMARY_HEADER, TAG_PRIMARY_MASK,
};

/// Record tags. Most are BEAM's external format tags for the same kind
/// of term; the payloads are this VM's (see `encode.rs`).
pub(super) mod tag {
    pub const NIL_EXT: u8 = 106;
    pub const ATOM2: u8 = 73;
    pub const ATOM3: u8 = 75;
    pub const SMALL_INT: u8 = 97;
    pub const INT: u8 = 98;
    pub const SMALL_BIG: u8 = 110;
    pub const LARGE_BIG: u8 = 111;
    pub const FLOAT: u8 = 70;
    pub const LPID: u8 = 88;
    pub const LPORT: u8 = 89;
    pub const LREF: u8 = 90;
    pub const MREF3: u8 = 91;
    pub const MREF4: u8 = 92;
    pub const EPID: u8 = 93;
    pub const EPORT: u8 = 94;
    pub const EPORT8: u8 = 120;
    pub const EREF: u8 = 95;
    pub const TUPLE: u8 = 104;
    pub const LTUPLE: u8 = 105;
    pub const STRING: u8 = 107;
    pub const LIST: u8 = 108;
    pub const MAP: u8 = 116;
    pub const FUN: u8 = 112;
    pub const EXPORT: u8 = 113;
    pub const BINARY: u8 = 109;
    pub const BINARY_PAD: u8 = 100;
    pub const BIT_BINARY: u8 = 77;
    /// BEAM's `BINARY_INTERNAL_REF` and `BIT_BINARY_INTERNAL_REF`.
    pub const BIN_REF: u8 = b'J';
    pub const SUB_REF: u8 = b'L';
}

/// Whether element word `w` of a compressed buffer is encoded.
#[inline]
pub fn is_encoded(w: u64) -> bool {
    w & TAG_PRIMARY_MASK == TAG_PRIMARY_HEADER
}

/// What a compressed object will hold: its elements (encoded ones as
/// offsets) and ext bytes, encoded before the allocation is sized.
pub struct Plan {
    tuple: Term,
    keypos: usize,
    ext: Vec<u8>,
    /// Where each encoded element's records start, in element order.
    offs: smallvec::SmallVec<[u64; 8]>,
    key_words: usize,
}

impl Plan {
    /// Encodes the tuple `t` (key at 1-based `keypos`, within its
    /// arity: callers check).
    pub fn new(t: Term, keypos: usize) -> Plan {
        // SAFETY: tables store only tuples covering `keypos`.
        let (p, arity, key) = unsafe {
            (
                t.boxed_ptr() as *const u64,
                t.tuple_arity(),
                t.tuple_elem(keypos - 1),
            )
        };
        let mut ext: Vec<u8> = Vec::new();
        let mut offs = smallvec::SmallVec::new();
        for i in 1..=arity {
            // SAFETY: within the tuple's arity.
            let e = unsafe { *p.add(i) };
            if i != keypos && !Term(e).is_immed() {
                offs.push(ext.len() as u64);
                encode::encode(Term(e), &mut ext);
            }
        }
        Plan {
            tuple: t,
            keypos,
            ext,
            offs,
            key_words: super::flat::size(key),
        }
    }

    /// Words of the buffer.
    pub fn words(&self) -> usize {
        // SAFETY: `tuple` is a tuple.
        let arity = unsafe { self.tuple.tuple_arity() };
        2 + arity + self.key_words + self.ext.len().div_ceil(8)
    }

    /// Writes the buffer at `b`.
    ///
    /// # Safety
    /// `b` has `words()` writable words, preceded by the length word
    /// (already written), and does not overlap the tuple.
    pub unsafe fn write(&self, b: *mut u64) {
        let t = self.tuple;
        let (p, arity) = (t.boxed_ptr() as *const u64, t.tuple_arity());
        *b = make_header(arity, HDR_TUPLE);
        let mut offs = self.offs.iter();
        for i in 1..=arity {
            let e = *p.add(i);
            *b.add(i) = if i != self.keypos && !Term(e).is_immed() {
                offs.next().copied().unwrap_or(0) << 2
            } else {
                e
            };
        }
        *b.add(1 + arity) = (self.ext.len() as u64) << 2;
        let mut dst = b.add(2 + arity);
        let kc = super::flat::copy(Term(*p.add(self.keypos)), &mut dst).raw();
        *b.add(self.keypos) = kc;
        let ext_words = self.ext.len().div_ceil(8);
        if ext_words > 0 {
            *dst.add(ext_words - 1) = 0;
            std::ptr::copy_nonoverlapping(self.ext.as_ptr(), dst as *mut u8, self.ext.len());
        }
    }
}

/// The key copy's words `[start, end)` of the buffer at `b`.
///
/// # Safety
/// `b` is a compressed buffer.
unsafe fn key_region(b: *mut u64) -> (*mut u64, *mut u64) {
    let arity = header_arity(*b);
    let start = b.add(2 + arity);
    // The ext bytes end the buffer; the key copy is what lies before.
    let ext_words = ((*b.add(1 + arity) >> 2) as usize).div_ceil(8);
    (start, start.add(key_words(b, ext_words)))
}

/// Words of the key copy: the buffer's length (the word before it)
/// minus the tuple, the ext length word and the ext words.
unsafe fn key_words(b: *mut u64, ext_words: usize) -> usize {
    let n = (*b.sub(1) & crate::ets::object::LEN_MASK) as usize;
    n - (2 + header_arity(*b)) - ext_words
}

/// The ext bytes of the buffer at `b`.
///
/// # Safety
/// `b` is a compressed buffer, alive for `'a`.
pub unsafe fn ext_bytes<'a>(b: *const u64) -> &'a [u8] {
    let arity = header_arity(*b);
    let len = (*b.add(1 + arity) >> 2) as usize;
    let n = (*b.sub(1) & crate::ets::object::LEN_MASK) as usize;
    let start = b.add(n - len.div_ceil(8)) as *const u8;
    std::slice::from_raw_parts(start, len)
}

/// Decodes element `i` (0-based) of the buffer at `b` into `arena`; the
/// key and immediates come back as they are.
///
/// # Safety
/// `b` is a compressed buffer alive while the result is used.
pub unsafe fn elem(b: *const u64, i: usize, arena: &mut Arena) -> Term {
    let w = *b.add(1 + i);
    if !is_encoded(w) {
        return Term(w);
    }
    decode::decode(ext_bytes(b), (w >> 2) as usize, arena)
}

/// The whole object decoded into `arena` (the key shared with the
/// buffer).
///
/// # Safety
/// As `elem`.
pub unsafe fn view(b: *const u64, arena: &mut Arena) -> Term {
    use crate::data::map::layout::Heap;
    let arity = header_arity(*b);
    let t = arena.words(1 + arity);
    *t = *b;
    for i in 0..arity {
        *t.add(1 + i) = elem(b, i, arena).raw();
    }
    Term::boxed_from_ptr(t)
}

/// Gives back every count the buffer at `b` owns (refc binaries and
/// resources in the key copy and in the records).
///
/// # Safety
/// `b` is a compressed buffer whose counts were not given back yet.
pub unsafe fn release(b: *mut u64) {
    let (s, e) = key_region(b);
    crate::data::binary::layout::release_region(s, e.offset_from(s) as usize);
    decode::for_each_owned(ext_bytes(b), &mut |buf, _| BinBuf::release(buf), &mut |r| {
        std::sync::Arc::decrement_strong_count(r as *const crate::data::resource::Resource)
    });
}

/// Calls `f(buffer, bytes)` for each refc binary the buffer at `b` holds.
///
/// # Safety
/// `b` is a compressed buffer.
pub unsafe fn for_each_refc_bin(b: *mut u64, f: &mut dyn FnMut(*const BinBuf, u64)) {
    let (mut s, e) = key_region(b);
    while s < e {
        let w = *s;
        if w & TAG_PRIMARY_MASK == TAG_PRIMARY_HEADER {
            if crate::term::header_subtag(w) == crate::term::HDR_REFC_BIN {
                f(*s.add(2) as *const BinBuf, *s.add(1));
            }
            s = s.add(1 + header_arity(w));
        } else {
            s = s.add(2);
        }
    }
    decode::for_each_owned(ext_bytes(b), &mut |buf, n| f(buf, n), &mut |_| {});
}

thread_local! {
    /// Arenas for views, one per nesting level (a bag compares two
    /// stored objects at once).
    static ARENAS: std::cell::RefCell<Vec<Arena>> = const { std::cell::RefCell::new(Vec::new()) };
}

/// Runs `f` with an arena of this thread's pool (reset afterwards).
pub fn with_arena<R>(f: impl FnOnce(&mut Arena) -> R) -> R {
    let mut a = ARENAS.with(|p| p.borrow_mut().pop()).unwrap_or_default();
    let r = f(&mut a);
    a.reset();
    ARENAS.with(|p| p.borrow_mut().push(a));
    r
}

#[cfg(test)]
mod tests;
