//! The resumable walk of `term_to_binary`: an explicit work stack that
//! encodes one item at a time within a budget of work units, and can stop
//! between any two items and continue later (BEAM's `enc_term_int` with
//! its saved `WSTACK`).
//!
//! While it runs, the pending work lives on a Rust stack (no GC can run
//! inside a BIF). To suspend, the caller turns that stack into an Erlang
//! list (`spill`), which travels in the continuation's arguments so the
//! GC traces and moves the terms still to visit; the output buffer and
//! the options are plain data, kept off heap by the caller. On resume the
//! walk pops its own (new) Rust stack first and the spilled list after it,
//! so each item is spilled at most once however many times it yields.
//!
//! Work items never hold a whole container's elements: a list is one
//! `Cons` item (the cell to do next), a tuple or a fun's free variables
//! one `Elems` item, a flatmap one `Flat` item, so the stack grows with
//! the nesting depth only, and a 10-million-element list is a single item.
//! A list's length is written when its end is reached (as BEAM does), so
//! it is never walked twice.

use super::encode::{enc_boxed_head, enc_simple, Opts};
use super::*;
use crate::heap::ctx::Ctx;
use crate::term::*;

/// Work units (terms visited) per reduction: BEAM's
/// `TERM_TO_BINARY_LOOP_FACTOR`.
pub const UNITS_PER_RED: usize = 32;
/// Bytes copied per work unit (BEAM's `TERM_TO_BINARY_MEMCPY_FACTOR`).
pub const BYTES_PER_UNIT: usize = 8;

/// A piece of pending work.
pub(super) enum Work {
    /// Encode this term.
    Term(Term),
    /// Encode the head of cons `cell`, then go on with its tail; `n`
    /// cells (this one included) so far; the 4-byte length is at `len_at`.
    Cons { cell: Term, n: usize, len_at: usize },
    /// Encode words `i..end` of boxed `obj` (a tuple's elements, a fun's
    /// free variables).
    Elems { obj: Term, i: usize, end: usize },
    /// Encode the pairs of flatmap `map` from half-step `i` (key `i / 2`
    /// when even, else its value).
    Flat { map: Term, i: usize },
    /// Encode the terms of `v` from `i` (a hashmap's keys and values in
    /// output order; spilled as `Items`).
    Seq { v: Vec<Term>, i: usize },
    /// Encode each element of the proper list `list`.
    Items(Term),
    /// Copy the bytes of binary `bin` from byte `off` (the header is out).
    Bin { bin: Term, off: usize },
    /// Write the size of the fun that started at this offset.
    FunSize(usize),
}

/// How a run stopped.
#[derive(Debug, PartialEq, Eq)]
pub enum Stop {
    Done,
    /// A term with no external form (match states).
    Bad,
    /// The budget is used up; more work is pending.
    Paused,
}

/// Binaries of up to this many bytes are copied in one piece whatever
/// the budget (their header is as much work).
const BIN_PIECE_MIN: usize = 64;

/// The walk: output, options, pending work.
pub struct Walk {
    pub out: Vec<u8>,
    pub opts: Opts,
    stack: Vec<Work>,
    /// Older pending work as an Erlang list (top first), after a resume.
    spill: Term,
    /// `term_to_iovec`: large off-heap binaries are referred to, not
    /// copied (BEAM's `use_iov`); their bytes belong at the recorded
    /// output offsets.
    pub iov: bool,
    /// Such references of this run: (offset in `out`, binary, bytes).
    refs: Vec<(usize, Term, usize)>,
}

impl Walk {
    /// A walk that will encode `t` after the version byte.
    pub fn new(t: Term, opts: Opts) -> Walk {
        let mut out = Vec::with_capacity(64);
        out.push(VERSION_MAGIC);
        Walk {
            out,
            opts,
            stack: vec![Work::Term(t)],
            spill: NIL,
            iov: false,
            refs: Vec::new(),
        }
    }

    /// A suspended walk continued: `out` and `opts` as they were left, the
    /// pending work in `spill` (from `spill_all`).
    pub fn resume(out: Vec<u8>, opts: Opts, spill: Term) -> Walk {
        Walk {
            out,
            opts,
            stack: Vec::new(),
            spill,
            iov: false,
            refs: Vec::new(),
        }
    }

    /// Works until done or `*budget` units are used (at least one item is
    /// done per call); `*budget` is left with what remains.
    pub fn run(&mut self, budget: &mut usize) -> Stop {
        loop {
            let w = match self.stack.pop() {
                Some(w) => w,
                None => match self.unspill() {
                    Ok(Some(w)) => w,
                    Ok(None) => return Stop::Done,
                    Err(()) => return Stop::Bad,
                },
            };
            if let Err(()) = self.step(w, budget) {
                return Stop::Bad;
            }
            if *budget == 0 && !(self.stack.is_empty() && self.spill.is_nil()) {
                return Stop::Paused;
            }
        }
    }

    /// Does one item, charging it to `budget`.
    fn step(&mut self, w: Work, budget: &mut usize) -> Result<(), ()> {
        *budget = budget.saturating_sub(1);
        match w {
            Work::Term(t) => self.term(t, budget),
            Work::Cons { cell, n, len_at } => {
                // SAFETY: `cell` is a cons (checked when pushed or unspilled).
                let (h, tl) = unsafe { (cell.head(), cell.tail()) };
                if tl.is_list() {
                    self.stack.push(Work::Cons {
                        cell: tl,
                        n: n + 1,
                        len_at,
                    });
                } else {
                    self.out[len_at..len_at + 4].copy_from_slice(&(n as u32).to_be_bytes());
                    self.stack.push(Work::Term(tl));
                }
                self.term(h, budget)
            }
            Work::Elems { obj, i, end } => {
                if i + 1 < end {
                    self.stack.push(Work::Elems { obj, i: i + 1, end });
                }
                // SAFETY: `i < end <= arity + 1` of boxed `obj`.
                let t = Term(unsafe { *obj.boxed_ptr().add(i) });
                self.term(t, budget)
            }
            Work::Flat { map, i } => {
                // SAFETY: `map` is a flatmap and `i < 2 * size`.
                let (ks, vs) = unsafe {
                    (
                        crate::data::map::layout::flat_keys(map),
                        crate::data::map::layout::flat_values(map),
                    )
                };
                if i + 1 < 2 * ks.len() {
                    self.stack.push(Work::Flat { map, i: i + 1 });
                }
                let t = if i % 2 == 0 { ks[i / 2] } else { vs[i / 2] };
                self.term(t, budget)
            }
            Work::Seq { v, i } => {
                let t = v[i];
                if i + 1 < v.len() {
                    self.stack.push(Work::Seq { v, i: i + 1 });
                }
                self.term(t, budget)
            }
            Work::Items(list) => {
                // SAFETY: `list` is a cons (checked when pushed or unspilled).
                let (h, tl) = unsafe { (list.head(), list.tail()) };
                if tl.is_list() {
                    self.stack.push(Work::Items(tl));
                }
                self.term(h, budget)
            }
            Work::Bin { bin, off } => {
                self.bin_bytes(bin, off, budget);
                Ok(())
            }
            Work::FunSize(start) => {
                let size = (self.out.len() - start - 1) as u32;
                self.out[start + 1..start + 5].copy_from_slice(&size.to_be_bytes());
                Ok(())
            }
        }
    }

    /// Encodes `t`: atomic terms at once, containers by writing their
    /// header and pushing the work for their contents.
    fn term(&mut self, t: Term, budget: &mut usize) -> Result<(), ()> {
        if enc_simple(&mut self.out, t, &self.opts) {
            return Ok(());
        }
        if t.is_list() {
            self.list(t, budget);
            return Ok(());
        }
        if !t.is_boxed() {
            return Err(());
        }
        // SAFETY: boxed terms point at a valid header.
        let hdr = unsafe { t.header() };
        match header_subtag(hdr) {
            HDR_TUPLE => {
                let n = header_arity(hdr);
                if n < 256 {
                    self.out.extend_from_slice(&[SMALL_TUPLE_EXT, n as u8]);
                } else {
                    self.out.push(LARGE_TUPLE_EXT);
                    self.out.extend_from_slice(&(n as u32).to_be_bytes());
                }
                if n > 0 {
                    self.stack.push(Work::Elems {
                        obj: t,
                        i: 1,
                        end: n + 1,
                    });
                }
            }
            HDR_MAP => self.map(t),
            HDR_FUN => {
                let start = self.out.len();
                let nfree = super::encode::enc_fun_head(&mut self.out, t, &self.opts);
                self.stack.push(Work::FunSize(start));
                if nfree > 0 {
                    self.stack.push(Work::Elems {
                        obj: t,
                        i: 2,
                        end: nfree + 2,
                    });
                }
            }
            s if crate::data::binary::layout::is_bin_subtag(s) => {
                let v = crate::data::binary::view(t).ok_or(())?;
                let len = v.bits.div_ceil(8);
                if v.bits % 8 == 0 {
                    self.out.push(BINARY_EXT);
                    self.out.extend_from_slice(&(len as u32).to_be_bytes());
                } else {
                    self.out.push(BIT_BINARY_EXT);
                    self.out.extend_from_slice(&(len as u32).to_be_bytes());
                    self.out.push((v.bits % 8) as u8);
                }
                if self.iov && off_heap(t, &v) {
                    // The whole bytes by reference, trailing bits copied.
                    let whole = v.bits / 8;
                    self.refs.push((self.out.len(), t, whole));
                    if v.bits % 8 != 0 {
                        let tail = v.slice(whole * 8, v.bits % 8);
                        self.out.extend_from_slice(&tail.to_vec());
                    }
                    return Ok(());
                }
                self.bin_bytes(t, 0, budget);
            }
            _ => enc_boxed_head(&mut self.out, t, &self.opts).ok_or(())?,
        }
        Ok(())
    }

    /// `STRING_EXT` for a proper list of at most 65535 bytes (BEAM's
    /// `is_external_string`), else `LIST_EXT` whose length is patched at
    /// the end of the list.
    fn list(&mut self, t: Term, budget: &mut usize) {
        let mut len = 0usize;
        let mut cur = t;
        while cur.is_list() && len < 65535 {
            // SAFETY: list terms point at cons cells.
            let h = unsafe { cur.head() };
            if !(h.is_small() && (0..=255).contains(&h.small_value())) {
                break;
            }
            len += 1;
            // SAFETY: as above.
            cur = unsafe { cur.tail() };
        }
        if cur.is_nil() {
            *budget = budget.saturating_sub(len);
            self.out.push(STRING_EXT);
            self.out.extend_from_slice(&(len as u16).to_be_bytes());
            let mut c = t;
            while c.is_list() {
                // SAFETY: a proper list of small integers below 256.
                unsafe {
                    self.out.push(c.head().small_value() as u8);
                    c = c.tail();
                }
            }
            return;
        }
        *budget = budget.saturating_sub(len / 2);
        self.out.push(LIST_EXT);
        let len_at = self.out.len();
        self.out.extend_from_slice(&[0; 4]);
        self.stack.push(Work::Cons {
            cell: t,
            n: 1,
            len_at,
        });
    }

    /// Pushes the pairs of map `m` (header written here) in BEAM's order:
    /// a flatmap in key order; a hashmap in `maps:keys/1` order, or in key
    /// order when deterministic.
    fn map(&mut self, m: Term) {
        let n = crate::data::map::size(m);
        self.out.push(MAP_EXT);
        self.out.extend_from_slice(&(n as u32).to_be_bytes());
        if n == 0 {
            return;
        }
        if crate::data::map::is_flat(m) {
            self.stack.push(Work::Flat { map: m, i: 0 });
            return;
        }
        let ps = if self.opts.deterministic {
            crate::data::map::sorted_pairs(m)
        } else {
            let mut ps = crate::data::map::pairs(m);
            ps.reverse();
            ps
        };
        let v: Vec<Term> = ps.into_iter().flat_map(|(k, v)| [k, v]).collect();
        self.stack.push(Work::Seq { v, i: 0 });
    }

    /// Copies the bytes of binary `bin` from byte `off` as far as the
    /// budget goes, pushing the rest.
    fn bin_bytes(&mut self, bin: Term, off: usize, budget: &mut usize) {
        let Some(v) = crate::data::binary::view(bin) else {
            return;
        };
        let total = v.bits.div_ceil(8);
        let left = total.saturating_sub(off);
        let room = budget.saturating_mul(BYTES_PER_UNIT).max(BIN_PIECE_MIN);
        if left <= room {
            let part = v.slice(off * 8, v.bits - off * 8);
            self.out.extend_from_slice(&part.to_vec());
            *budget = budget.saturating_sub(left / BYTES_PER_UNIT);
            return;
        }
        // Whole bytes only: the partial last byte is in the rest.
        let part = v.slice(off * 8, room * 8);
        self.out.extend_from_slice(&part.to_vec());
        *budget = 0;
        self.stack.push(Work::Bin {
            bin,
            off: off + room,
        });
    }

    /// The pending work as one Erlang list, top first (allocates for the
    /// Rust stack only: the work of this run).
    pub fn spill_all(&mut self, ctx: &mut Ctx) -> Term {
        let mut items: Vec<Term> = Vec::with_capacity(self.stack.len() * 3);
        for w in self.stack.drain(..).rev() {
            match w {
                Work::Term(t) => items.extend([sm(0), t]),
                Work::Cons { cell, n, len_at } => items.extend([sm(1), cell, sm(n), sm(len_at)]),
                Work::Elems { obj, i, end } => items.extend([sm(2), obj, sm(i), sm(end)]),
                Work::Flat { map, i } => items.extend([sm(3), map, sm(i)]),
                Work::Seq { v, i } => {
                    let rest = crate::data::build::list_from_slice(ctx, &v[i..]);
                    items.extend([sm(4), rest]);
                }
                Work::Items(l) => items.extend([sm(4), l]),
                Work::Bin { bin, off } => items.extend([sm(5), bin, sm(off)]),
                Work::FunSize(s) => items.extend([sm(6), sm(s)]),
            }
        }
        crate::data::build::list_from_slice_tail(ctx, &items, self.spill)
    }

    /// The binary references of this run as `{Offset, Bin, Bytes}` tuples
    /// consed onto `older` (newest first), for the continuation.
    pub fn spill_refs(&mut self, ctx: &mut Ctx, older: Term) -> Term {
        let mut l = older;
        for (at, bin, n) in self.refs.drain(..) {
            let t = crate::data::build::make_tuple(ctx, &[sm(at), bin, sm(n)]);
            l = crate::data::build::cons(ctx, t, l);
        }
        l
    }

    /// All binary references in output order: the spilled ones (`older`,
    /// newest first) then this run's. `None` when `older` is malformed.
    pub fn all_refs(&mut self, older: Term) -> Option<Vec<(usize, Term, usize)>> {
        let mut v = Vec::new();
        let mut l = older;
        while l.is_list() {
            // SAFETY: `l` is a cons; tuples are checked before reading.
            let (h, tl) = unsafe { (l.head(), l.tail()) };
            l = tl;
            // SAFETY: as above.
            if !h.is_tuple() || unsafe { h.tuple_arity() } != 3 {
                return None;
            }
            // SAFETY: a 3-tuple.
            let (at, bin, n) = unsafe { (h.tuple_elem(0), h.tuple_elem(1), h.tuple_elem(2)) };
            let (at, n) = (small(at).ok()?, small(n).ok()?);
            let bits = crate::data::binary::view(bin)?.bits;
            if at > self.out.len() || n * 8 > bits {
                return None;
            }
            v.push((at, bin, n));
        }
        v.reverse();
        v.append(&mut self.refs);
        Some(v)
    }

    /// Takes the next item off the spilled list, checking what it reads
    /// (the list is the continuation's argument).
    fn unspill(&mut self) -> Result<Option<Work>, ()> {
        if self.spill.is_nil() {
            return Ok(None);
        }
        let kind = self.next_spilled()?;
        let w = match small(kind)? {
            0 => Work::Term(self.next_spilled()?),
            1 => {
                let cell = self.next_spilled()?;
                let n = small(self.next_spilled()?)?;
                let len_at = small(self.next_spilled()?)?;
                if !cell.is_list() || len_at + 4 > self.out.len() {
                    return Err(());
                }
                Work::Cons { cell, n, len_at }
            }
            2 => {
                let obj = self.next_spilled()?;
                let i = small(self.next_spilled()?)?;
                let end = small(self.next_spilled()?)?;
                // Tuple elements are words 1..=arity, free variables 2..=arity.
                let first = if obj.is_tuple() {
                    1
                } else if obj.is_boxed_of(HDR_FUN) {
                    2
                } else {
                    return Err(());
                };
                // SAFETY: `obj` is boxed.
                if i < first || i >= end || end > unsafe { header_arity(obj.header()) } + 1 {
                    return Err(());
                }
                Work::Elems { obj, i, end }
            }
            3 => {
                let map = self.next_spilled()?;
                let i = small(self.next_spilled()?)?;
                let ok = crate::data::map::is_map(map) && crate::data::map::is_flat(map);
                if !ok || i >= 2 * crate::data::map::size(map) {
                    return Err(());
                }
                Work::Flat { map, i }
            }
            4 => {
                let l = self.next_spilled()?;
                if !l.is_list() {
                    return Err(());
                }
                Work::Items(l)
            }
            5 => {
                let bin = self.next_spilled()?;
                let off = small(self.next_spilled()?)?;
                let v = crate::data::binary::view(bin).ok_or(())?;
                if off >= v.bits.div_ceil(8) {
                    return Err(());
                }
                Work::Bin { bin, off }
            }
            6 => {
                let s = small(self.next_spilled()?)?;
                if s + 5 > self.out.len() {
                    return Err(());
                }
                Work::FunSize(s)
            }
            _ => return Err(()),
        };
        Ok(Some(w))
    }

    fn next_spilled(&mut self) -> Result<Term, ()> {
        if !self.spill.is_list() {
            return Err(());
        }
        // SAFETY: `spill` is a cons.
        let (h, t) = unsafe { (self.spill.head(), self.spill.tail()) };
        self.spill = t;
        Ok(h)
    }
}

/// A binary `term_to_iovec` refers to instead of copying (BEAM's rule):
/// byte aligned, more than `HEAP_BIN_LIMIT` whole bytes, over a refc
/// binary.
fn off_heap(t: Term, v: &crate::data::binary::BitView) -> bool {
    use crate::data::binary::layout::{word, HEAP_BIN_LIMIT};
    if !v.off.is_multiple_of(8) || v.bits / 8 <= HEAP_BIN_LIMIT {
        return false;
    }
    // SAFETY: `t` is a binary: a sub-binary's word 4 is its original.
    let orig = unsafe {
        if t.boxed_subtag() == HDR_SUB_BIN {
            Term(word(t, 4))
        } else {
            t
        }
    };
    orig.is_boxed_of(HDR_REFC_BIN)
}

fn sm(n: usize) -> Term {
    Term::small(n as i64)
}

fn small(t: Term) -> Result<usize, ()> {
    if t.is_small() && t.small_value() >= 0 {
        Ok(t.small_value() as usize)
    } else {
        Err(())
    }
}

/// Reductions for `units` work units.
pub fn reds_for(units: usize) -> i64 {
    (units / UNITS_PER_RED).min(i64::MAX as usize) as i64
}
