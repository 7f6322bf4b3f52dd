//! `erlang:iolist_to_iovec/1` (`term_to_iovec/1,2` are in t2b_yield.rs).
//!
//! `iolist_to_iovec` follows BEAM's chunking (erl_io_queue.c): bytes and
//! small binaries (< 256 bytes) are gathered into an accumulator; a large
//! binary is returned as it is when the accumulator is empty or large,
//! else copied in when the two together are under 512 bytes, else split
//! (the accumulator is topped up to 256 bytes and the rest returned as a
//! sub-binary). The accumulator grows like BEAM's buffer (at least 256
//! bytes, doubling) and is emitted whenever it would have to grow past
//! 8192 bytes. BEAM limits one byte run by the reductions left in the
//! slice (256 bytes per reduction); girder does the same with its slice.

use super::{bif, BifDef};
use crate::data::binary::build::{make_binary, sub_bitstring};
use crate::data::binary::view;
use crate::data::build::{cons, list_from_slice};
use crate::heap::ctx::{Ctx, CONTEXT_REDS};
use crate::term::{Term, NIL};

pub const BIFS: &[BifDef] = &[bif!("erlang", "iolist_to_iovec", 1, iolist_to_iovec_1)];

/// BEAM's IOL2V_SMALL_BIN_LIMIT (4 × the heap binary limit).
const SMALL: usize = 256;
/// BEAM's ACC_REALLOCATION_LIMIT.
const ACC_REALLOC_LIMIT: usize = SMALL * 32;

/// What a result element is: accumulated bytes, or (part of) an input
/// binary (term, byte offset, byte length).
enum Piece {
    Bytes(Vec<u8>),
    Bin(Term, usize, usize),
}

struct Iol2v {
    acc: Vec<u8>,
    /// The accumulator's allocated size in BEAM (0: none).
    acc_alloc: usize,
    out: Vec<Piece>,
    /// Byte-reductions available and spent in the current slice.
    avail: usize,
    spent: usize,
}

impl Iol2v {
    fn promote(&mut self) {
        let bytes = std::mem::take(&mut self.acc);
        self.acc_alloc = 0;
        self.out.push(Piece::Bytes(bytes));
        self.spent += 1;
    }

    fn enqueue_bin(&mut self, t: Term, off: usize, len: usize) {
        self.out.push(Piece::Bin(t, off, len));
        self.spent += 1;
    }

    fn expand(&mut self, extra: usize) {
        let required = self.acc.len() + extra;
        if self.acc_alloc == 0 {
            self.acc_alloc = required.max(SMALL);
        } else if required > self.acc_alloc {
            if self.acc_alloc >= ACC_REALLOC_LIMIT {
                self.promote();
                self.expand(extra);
                return;
            }
            self.acc_alloc = required.max(self.acc_alloc * 2);
        }
        self.spent += extra;
    }

    /// A binary element (or tail); false if it is not whole bytes.
    fn binary(&mut self, t: Term) -> bool {
        let Some(v) = view(t) else { return false };
        if !v.bits.is_multiple_of(8) {
            return false;
        }
        let size = v.bits / 8;
        if size == 0 {
            self.spent += 1;
            return true;
        }
        let acc_small = self.acc.len() < SMALL;
        let bin_small = size < SMALL;
        let combined = size + self.acc.len();
        let bytes = v.to_vec();
        if !bin_small && (self.acc.is_empty() || !acc_small) {
            if !self.acc.is_empty() {
                self.promote();
            }
            self.enqueue_bin(t, 0, size);
        } else if bin_small || combined < SMALL * 2 {
            self.expand(size);
            self.acc.extend_from_slice(&bytes);
        } else {
            let spill = SMALL - self.acc.len();
            self.expand(spill);
            self.acc.extend_from_slice(&bytes[..spill]);
            self.promote();
            self.enqueue_bin(t, spill, size - spill);
        }
        true
    }

    /// A run of integers starting at cons `l`; the rest of the list, or
    /// None if one of them is not a byte.
    fn byte_run(&mut self, l: Term) -> Option<Term> {
        let mut cur = l;
        let mut run = Vec::new();
        while cur.is_list() {
            // SAFETY: `cur` is a cons cell.
            let (h, t) = unsafe { (cur.head(), cur.tail()) };
            if !h.is_small() || run.len() * 2 >= self.avail.saturating_sub(self.spent) {
                break;
            }
            let b = h.small_value();
            if !(0..=255).contains(&b) {
                return None;
            }
            run.push(b as u8);
            cur = t;
        }
        if run.is_empty() {
            // Out of byte-reductions: BEAM yields here and resumes with a
            // fresh slice.
            self.new_slice();
            return Some(l);
        }
        self.expand(run.len());
        self.spent += run.len();
        self.acc.extend_from_slice(&run);
        Some(cur)
    }

    fn new_slice(&mut self) {
        self.avail = CONTEXT_REDS as usize * SMALL;
        self.spent = 0;
    }

    fn run(&mut self, input: Term) -> bool {
        let mut stack: Vec<Term> = Vec::new();
        let mut it = input;
        loop {
            while it.is_list() {
                if self.spent >= self.avail {
                    self.new_slice();
                }
                // SAFETY: `it` is a cons cell.
                let (h, t) = unsafe { (it.head(), it.tail()) };
                if view(h).is_some() {
                    if !self.binary(h) {
                        return false;
                    }
                    it = t;
                } else if h.is_small() {
                    match self.byte_run(it) {
                        Some(rest) => it = rest,
                        None => return false,
                    }
                } else if h.is_list() || h.is_nil() {
                    if !t.is_nil() {
                        stack.push(t);
                    }
                    self.spent += 1;
                    it = h;
                } else {
                    return false;
                }
            }
            if view(it).is_some() {
                if !self.binary(it) {
                    return false;
                }
            } else if !it.is_nil() {
                return false;
            }
            match stack.pop() {
                Some(t) => it = t,
                None => break,
            }
        }
        if !self.acc.is_empty() {
            self.promote();
        }
        true
    }
}

fn iolist_to_iovec_1(ctx: &mut Ctx, args: &[Term; 1]) -> Term {
    let l = args[0];
    if l.is_nil() {
        return NIL;
    }
    if let Some(v) = view(l) {
        if !v.bits.is_multiple_of(8) {
            return ctx.badarg();
        }
        return if v.bits == 0 { NIL } else { cons(ctx, l, NIL) };
    }
    if !l.is_list() {
        return ctx.badarg();
    }
    let mut st = Iol2v {
        acc: Vec::new(),
        acc_alloc: 0,
        out: Vec::new(),
        avail: ctx.reds.max(1) as usize * SMALL,
        spent: 0,
    };
    if !st.run(l) {
        return ctx.badarg();
    }
    let mut items = Vec::with_capacity(st.out.len());
    for p in st.out {
        items.push(match p {
            Piece::Bytes(b) => make_binary(ctx, &b),
            Piece::Bin(t, 0, len) if view(t).is_some_and(|v| v.bits == len * 8) => t,
            Piece::Bin(t, off, len) => sub_bitstring(ctx, t, off * 8, len * 8),
        });
    }
    list_from_slice(ctx, &items)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::bif::binary::bin_bytes;
    use crate::testutil::TestProc;

    fn sizes(ctx: &mut Ctx, l: Term) -> Vec<usize> {
        let v = iolist_to_iovec_1(ctx, &[l]);
        crate::data::build::list_to_vec(v)
            .unwrap()
            .into_iter()
            .map(|b| bin_bytes(b).unwrap().len())
            .collect()
    }

    #[test]
    fn chunking_as_beam() {
        let mut tp = TestProc::new();
        let ctx = tp.ctx();
        ctx.reds = CONTEXT_REDS;
        let b300 = make_binary(ctx, &[b'x'; 300]);
        let s64 = make_binary(ctx, &[b'y'; 64]);
        let a = make_binary(ctx, b"a");
        let l = list_from_slice(ctx, &[b300, b300]);
        assert_eq!(sizes(ctx, l), vec![300, 300]);
        let l = list_from_slice(ctx, &[s64; 5]);
        assert_eq!(sizes(ctx, l), vec![320]);
        let l = list_from_slice(ctx, &[a, b300]);
        assert_eq!(sizes(ctx, l), vec![301]);
        let b600 = make_binary(ctx, &[b'z'; 600]);
        let l = list_from_slice(ctx, &[a, b600]);
        assert_eq!(sizes(ctx, l), vec![256, 345]);
        let bytes: Vec<Term> = (0..20000).map(|_| Term::small(97)).collect();
        let l = list_from_slice(ctx, &bytes);
        assert_eq!(sizes(ctx, l), vec![20000]);
        let l = list_from_slice(ctx, &[Term::small(256)]);
        assert!(iolist_to_iovec_1(ctx, &[l]).is_non_value());
        assert_eq!(iolist_to_iovec_1(ctx, &[NIL]), NIL);
    }
}
