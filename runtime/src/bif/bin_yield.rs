//! Binary BIFs that give the scheduler back on big inputs, as BEAM's do:
//! `list_to_binary/1`, `iolist_to_binary/1`, `list_to_bitstring/1`,
//! `binary:list_to_bin/1` and `binary:match/2` work
//! through at most a time slice's worth of data, save where they stopped
//! and yield to a continuation in `'$girder_trap'` (`bif::trap`), which
//! resumes on the next slice (`term_to_binary`: `t2b_yield.rs`).
//!
//! Iolists: the walk (`Walk`) keeps its pending tails on a Rust stack and
//! copies into a `BitWriter`. Inputs that fit the budget take that walk to
//! the end, with no state allocated (today's cost). When the budget runs
//! out, the output buffer moves into a magic reference (`resource`) and
//! the GC-visible part of the state goes into the continuation's
//! arguments: the term being walked, the byte offset into it (a binary
//! copied in part), the pending tails as an Erlang list (spilled from the
//! Rust stack, top first) and the original argument, so a `badarg` found
//! after yields still reports `erlang:iolist_to_binary(Orig)` (BEAM's
//! `ERTS_BIF_ERROR_TRAPPED1`). All four iolist BIFs share the walk and its
//! continuation (BEAM's `erts_internal:list_to_binary_continue/1`).
//!
//! `binary:match/2` validates its arguments at entry (all its errors come
//! from there, as in erl), then searches match start positions one chunk
//! at a time; a match may run past the chunk end (it is checked against
//! the whole subject), so matches spanning a chunk boundary are found.

use super::trap::{self, yield_to};
use super::{bif, native, BifDef};
use crate::code::export::Export;
use crate::data::binary::bits::BitWriter;
use crate::data::binary::{view, BitView};
use crate::data::resource::{self, Resource};
use crate::heap::ctx::Ctx;
use crate::term::{Term, NIL, NON_VALUE};
use std::sync::{Arc, Mutex, OnceLock};

pub const BIFS: &[BifDef] = &[
    bif!("erlang", "list_to_binary", 1, list_to_binary_1)
        .with_full(native!(super::binary::list_to_binary_1, 1)),
    bif!("erlang", "iolist_to_binary", 1, iolist_to_binary_1)
        .with_full(native!(super::binary::iolist_to_binary_1, 1)),
    bif!("erlang", "list_to_bitstring", 1, list_to_bitstring_1)
        .with_full(native!(super::binary::list_to_bitstring_1, 1)),
    bif!("binary", "list_to_bin", 1, list_to_bin_1)
        .with_full(native!(super::binary_mod::list_to_bin_1, 1)),
    bif!("binary", "match", 2, match_2).with_full(native!(match_full_2, 2)),
    bif!("$girder_trap", "iolist_to_binary", 5, iolist_trap_5).with_full(native!(iolist_trap_5, 5)),
    bif!("$girder_trap", "binary_match", 3, match_trap_3).with_full(native!(match_trap_3, 3)),
];

/// Work units per reduction for the iolist BIFs: a byte copied from a
/// binary is one unit (BEAM's `ERTS_IOLIST_TO_BUF_BYTES_PER_RED`, 256).
const IOLIST_UNITS_PER_RED: usize = super::reds::BYTES_PER_RED;
/// Units a list cell costs: BEAM visits each cell twice (its size pass
/// and its copy pass), at 8 cells per reduction each
/// (`ERTS_IOLIST_SIZE_YIELDS_COUNT_PER_RED`,
/// `ERTS_IOLIST_TO_BUF_YIELD_COUNT_PER_RED`), so a long list of bytes
/// yields about as often as on BEAM (binary_SUITE:error_after_yield counts
/// the yields).
const CELL_UNITS: usize = 2 * (IOLIST_UNITS_PER_RED / 8);

/// Subject bytes searched per reduction by `binary:match` (BEAM's
/// `BM_LOOP_FACTOR` in erl_bif_binary.c).
const MATCH_BYTES_PER_RED: usize = 10;

/// Work units the reductions left allow (at least one reduction's worth,
/// so every call makes progress).
fn budget(ctx: &Ctx, per_red: usize) -> usize {
    (ctx.reds.max(1) as usize).saturating_mul(per_red)
}

fn charge(ctx: &mut Ctx, units: usize, per_red: usize) {
    let r = (units / per_red).min(i64::MAX as usize) as i64;
    ctx.reds = ctx.reds.saturating_sub(r).max(0);
}

fn export(cell: &'static OnceLock<&'static Export>, m: &str, f: &str, a: u32) -> &'static Export {
    cell.get_or_init(|| trap::target(m, f, a))
}

// ---- the chunked iolist walk ----

/// How a walk stopped.
#[derive(Debug, PartialEq)]
enum Stop {
    /// The whole iolist is in the output.
    Done,
    /// Not an iolist (or a bitstring that is not whole bytes).
    Bad,
    /// Budget used up: resume at `cur`, `off` bytes into it if it is a
    /// binary.
    Paused { cur: Term, off: usize },
}

/// Which BIF a walk does: what it accepts, and whom a failure names.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Kind {
    ListToBinary,
    IolistToBinary,
    /// Bitstrings of any size are allowed in the list.
    ListToBitstring,
    /// `binary:list_to_bin/1`.
    BinListToBin,
}

impl Kind {
    fn bits(self) -> bool {
        self == Kind::ListToBitstring
    }
}

/// A walk over an iolist: pending tails on `stack` (top last), older
/// ones in the Erlang list `spill` (top first; only after a resume).
struct Walk {
    stack: Vec<Term>,
    spill: Term,
    out: BitWriter,
    /// Bitstrings that are not whole bytes are allowed.
    bits: bool,
}

impl Walk {
    fn new(out: BitWriter, spill: Term, bits: bool) -> Walk {
        Walk {
            stack: Vec::new(),
            spill,
            out,
            bits,
        }
    }

    /// Walks from `cur` (`off` bytes into it) doing at most `*budget`
    /// units of work (a byte copied or a cell visited); `*budget` is left
    /// with what remains.
    fn run(&mut self, mut cur: Term, mut off: usize, budget: &mut usize) -> Stop {
        loop {
            if cur.is_nil() {
                if let Some(t) = self.stack.pop() {
                    cur = t;
                } else if self.spill.is_list() {
                    // SAFETY: `spill` is a cons.
                    let (h, t) = unsafe { (self.spill.head(), self.spill.tail()) };
                    cur = h;
                    self.spill = t;
                } else {
                    return Stop::Done;
                }
                off = 0;
                continue;
            }
            if let Some(v) = view(cur) {
                if (!self.bits && !v.bits.is_multiple_of(8)) || v.bits < off * 8 {
                    return Stop::Bad;
                }
                // Bits left; a pause always falls on a byte boundary.
                let left = v.bits - off * 8;
                let take = if left.div_ceil(8) <= *budget {
                    left
                } else {
                    *budget * 8
                };
                let part = BitView {
                    ptr: v.ptr,
                    off: v.off + off * 8,
                    bits: take,
                };
                self.out.put_view(&part, take);
                *budget -= take.div_ceil(8);
                if take < left {
                    let take = take / 8;
                    return Stop::Paused {
                        cur,
                        off: off + take,
                    };
                }
                cur = NIL;
                continue;
            }
            if !cur.is_list() {
                return Stop::Bad;
            }
            if *budget < CELL_UNITS {
                return Stop::Paused { cur, off: 0 };
            }
            *budget -= CELL_UNITS;
            // SAFETY: `cur` is a cons.
            let (h, tl) = unsafe { (cur.head(), cur.tail()) };
            if h.is_small() {
                let c = h.small_value();
                if !(0..=255).contains(&c) {
                    return Stop::Bad;
                }
                self.out.put_bytes(&[c as u8]);
                cur = tl;
            } else if h.is_list() || h.is_nil() || view(h).is_some() {
                self.stack.push(tl);
                cur = h;
            } else {
                return Stop::Bad;
            }
        }
    }

    /// The pending tails as one Erlang list, top first (allocates cells
    /// for the Rust stack only: the work of this slice).
    fn spill_all(&mut self, ctx: &mut Ctx) -> Term {
        let rev: Vec<Term> = self.stack.drain(..).rev().collect();
        crate::data::build::list_from_slice_tail(ctx, &rev, self.spill)
    }
}

/// The output buffer of a suspended conversion, behind a magic ref.
struct IoState {
    out: Mutex<Option<BitWriter>>,
    /// Which BIF to finish and report.
    kind: Kind,
}

/// `badarg` reported as `M:F(Orig)` whatever entry point failed.
fn iolist_badarg(ctx: &mut Ctx, kind: Kind, orig: Term) -> Term {
    static IO: OnceLock<&'static Export> = OnceLock::new();
    static L2B: OnceLock<&'static Export> = OnceLock::new();
    static L2BS: OnceLock<&'static Export> = OnceLock::new();
    static BL2B: OnceLock<&'static Export> = OnceLock::new();
    let e = match kind {
        Kind::IolistToBinary => export(&IO, "erlang", "iolist_to_binary", 1),
        Kind::ListToBinary => export(&L2B, "erlang", "list_to_binary", 1),
        Kind::ListToBitstring => export(&L2BS, "erlang", "list_to_bitstring", 1),
        Kind::BinListToBin => export(&BL2B, "binary", "list_to_bin", 1),
    };
    ctx.badarg();
    let args = [orig];
    // SAFETY: `e` is an export entry of arity 1 and `args` holds one term.
    unsafe { crate::abi::error::rt_bif_frame(ctx, e, args.as_ptr()) };
    NON_VALUE
}

/// Runs a slice of the walk and finishes, fails or suspends.
fn iolist_step(
    ctx: &mut Ctx,
    mut w: Walk,
    cur: Term,
    off: usize,
    orig: Term,
    kind: Kind,
    state: Option<Term>,
) -> Term {
    let total = budget(ctx, IOLIST_UNITS_PER_RED);
    let mut left = total;
    let stop = w.run(cur, off, &mut left);
    match stop {
        Stop::Done => {
            charge(ctx, total - left, IOLIST_UNITS_PER_RED);
            crate::data::binary::build::make_bitstring(ctx, &w.out.buf, w.out.bits)
        }
        Stop::Bad => {
            charge(ctx, total - left, IOLIST_UNITS_PER_RED);
            iolist_badarg(ctx, kind, orig)
        }
        Stop::Paused { cur, off } => {
            let spill = w.spill_all(ctx);
            let st = match state {
                Some(st) => {
                    if let Some(s) = resource::get_as::<IoState>(st) {
                        *s.out.lock().unwrap_or_else(|e| e.into_inner()) = Some(w.out);
                    }
                    st
                }
                None => {
                    let s = IoState {
                        out: Mutex::new(Some(w.out)),
                        kind,
                    };
                    resource::make(ctx, Arc::new(Resource { value: Box::new(s) }))
                }
            };
            static CONT: OnceLock<&'static Export> = OnceLock::new();
            let cont = export(&CONT, trap::MODULE, "iolist_to_binary", 5);
            yield_to(ctx, cont, &[cur, Term::small(off as i64), spill, st, orig])
        }
    }
}

fn iolist_entry(ctx: &mut Ctx, t: Term, kind: Kind) -> Term {
    if let Some(v) = view(t) {
        if kind == Kind::IolistToBinary && v.bits.is_multiple_of(8) {
            return t;
        }
        return ctx.badarg();
    }
    if !t.is_list() && !t.is_nil() {
        return ctx.badarg();
    }
    iolist_step(
        ctx,
        Walk::new(BitWriter::default(), NIL, kind.bits()),
        t,
        0,
        t,
        kind,
        None,
    )
}

fn list_to_binary_1(ctx: &mut Ctx, args: &[Term; 1]) -> Term {
    iolist_entry(ctx, args[0], Kind::ListToBinary)
}

fn iolist_to_binary_1(ctx: &mut Ctx, args: &[Term; 1]) -> Term {
    iolist_entry(ctx, args[0], Kind::IolistToBinary)
}

fn list_to_bitstring_1(ctx: &mut Ctx, args: &[Term; 1]) -> Term {
    iolist_entry(ctx, args[0], Kind::ListToBitstring)
}

fn list_to_bin_1(ctx: &mut Ctx, args: &[Term; 1]) -> Term {
    iolist_entry(ctx, args[0], Kind::BinListToBin)
}

/// `'$girder_trap':iolist_to_binary(Cur, Off, Spill, State, Orig)`.
fn iolist_trap_5(ctx: &mut Ctx, args: &[Term; 5]) -> Term {
    let [cur, off, spill, st, orig] = *args;
    let Some(s) = resource::get_as::<IoState>(st) else {
        return ctx.badarg();
    };
    if !off.is_small() || off.small_value() < 0 {
        return ctx.badarg();
    }
    let taken = s.out.lock().unwrap_or_else(|e| e.into_inner()).take();
    let Some(out) = taken else {
        // Resumed twice: the state was consumed.
        return ctx.badarg();
    };
    let kind = s.kind;
    let w = Walk::new(out, spill, kind.bits());
    iolist_step(
        ctx,
        w,
        cur,
        off.small_value() as usize,
        orig,
        kind,
        Some(st),
    )
}

// ---- binary:match/2 ----

/// The first longest match starting in `[from, to)` of any pattern, which
/// may end anywhere in `subj`.
fn find_from(subj: &[u8], pats: &[Vec<u8>], from: usize, to: usize) -> Option<(usize, usize)> {
    let mut first = [false; 256];
    for p in pats {
        first[p[0] as usize] = true;
    }
    (from..to.min(subj.len())).find_map(|i| {
        if !first[subj[i] as usize] {
            return None;
        }
        pats.iter()
            .filter(|p| subj.len() - i >= p.len() && subj[i..i + p.len()] == p[..])
            .map(|p| p.len())
            .max()
            .map(|l| (i, l))
    })
}

/// One slice of the search from `from`: the result, or a yield to the
/// continuation with the next offset.
fn match_step(ctx: &mut Ctx, s: Term, p: Term, from: usize, may_yield: bool) -> Term {
    let (Some(v), Some(pats)) = (super::binary::bin_view(s), super::binary_mod::patterns(p)) else {
        return ctx.badarg();
    };
    if pats.iter().any(|p| p.is_empty()) {
        return ctx.badarg();
    }
    let bytes = v.whole_bytes().unwrap_or_default();
    let len = bytes.len();
    let to = if may_yield {
        from.saturating_add(budget(ctx, MATCH_BYTES_PER_RED))
    } else {
        usize::MAX
    };
    if let Some((pos, l)) = find_from(&bytes, &pats, from, to) {
        charge(ctx, pos + l - from.min(pos), MATCH_BYTES_PER_RED);
        return crate::data::build::make_tuple(
            ctx,
            &[Term::small(pos as i64), Term::small(l as i64)],
        );
    }
    if to < len {
        static CONT: OnceLock<&'static Export> = OnceLock::new();
        let cont = export(&CONT, trap::MODULE, "binary_match", 3);
        return yield_to(ctx, cont, &[s, p, Term::small(to as i64)]);
    }
    charge(ctx, len.saturating_sub(from), MATCH_BYTES_PER_RED);
    crate::term::atom::am::NOMATCH
}

/// `binary:match/2` run to completion, charged for the bytes searched.
pub(crate) fn match_full_2(ctx: &mut Ctx, args: &[Term; 2]) -> Term {
    match_step(ctx, args[0], args[1], 0, false)
}

fn match_2(ctx: &mut Ctx, args: &[Term; 2]) -> Term {
    match_step(ctx, args[0], args[1], 0, true)
}

/// `'$girder_trap':binary_match(Subject, Pattern, From)`.
fn match_trap_3(ctx: &mut Ctx, args: &[Term; 3]) -> Term {
    let [s, p, from] = *args;
    if !from.is_small() || from.small_value() < 0 {
        return ctx.badarg();
    }
    match_step(ctx, s, p, from.small_value() as usize, true)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testutil::TestProc;

    /// `[[I, <<"ab">>, "c"] || I <- 0..n] ++ Tail`-like nested iolist and
    /// its bytes.
    fn iolist(tp: &mut TestProc, n: usize, tail: Term) -> (Term, Vec<u8>) {
        let mut l = tail;
        let mut want = Vec::new();
        for i in (0..n).rev() {
            let b = crate::data::binary::build::make_binary(tp.ctx(), b"ab");
            let c = crate::data::build::cons(tp.ctx(), Term::small(b'c' as i64), NIL);
            let inner = crate::data::build::list_from_slice(
                tp.ctx(),
                &[Term::small((i % 256) as i64), b, c],
            );
            l = crate::data::build::cons(tp.ctx(), inner, l);
            want.splice(0..0, [(i % 256) as u8, b'a', b'b', b'c']);
        }
        (l, want)
    }

    /// True when the last call trapped (no value and no exception; the
    /// test process has no stubs, so `bif_trap` stays 0).
    fn trapped(tp: &mut TestProc, r: Term) -> bool {
        r.is_non_value() && tp.ctx().exc_class.is_non_value()
    }

    /// Follows the continuations of a first call until one returns.
    fn drive(tp: &mut TestProc, first: Term) -> (Term, usize) {
        let mut r = first;
        let mut yields = 0;
        while trapped(tp, r) {
            yields += 1;
            tp.ctx().reds = 1;
            tp.ctx().exc_class = NON_VALUE;
            let x = tp.ctx().x;
            r = if x[3].is_boxed() && resource::get(x[3]).is_some() {
                tp.call_body(iolist_trap_5, &[x[0], x[1], x[2], x[3], x[4]])
            } else {
                tp.call_body(match_trap_3, &[x[0], x[1], x[2]])
            };
        }
        (r, yields)
    }

    fn bytes(t: Term) -> Vec<u8> {
        super::super::binary::bin_bytes(t).unwrap()
    }

    #[test]
    fn small_input_finishes_without_state() {
        let mut tp = TestProc::new();
        let (l, want) = iolist(&mut tp, 100, NIL);
        tp.ctx().reds = 4000;
        let r = tp.call_body(iolist_to_binary_1, &[l]);
        assert_eq!(bytes(r), want);
        // 100 elements of 5 list cells each (outer, [I, B, C], [c]) at
        // CELL_UNITS, and 200 bytes copied from binaries at one unit.
        let units = 500 * CELL_UNITS + 200;
        assert_eq!(tp.ctx().reds, 4000 - (units / IOLIST_UNITS_PER_RED) as i64);
    }

    #[test]
    fn big_input_resumes_to_the_same_bytes() {
        let mut tp = TestProc::new();
        let (l, want) = iolist(&mut tp, 5000, NIL);
        // Also a 3000-byte binary copied in pieces.
        let big: Vec<u8> = (0..3000u32).map(|i| (i * 7) as u8).collect();
        let b = crate::data::binary::build::make_binary(tp.ctx(), &big);
        let l = crate::data::build::list_from_slice(tp.ctx(), &[l, b, l]);
        let want = [&want[..], &big[..], &want[..]].concat();
        tp.ctx().reds = 1;
        tp.ctx().exc_class = NON_VALUE;
        let first = tp.call_body(list_to_binary_1, &[l]);
        let (r, yields) = drive(&mut tp, first);
        assert_eq!(bytes(r), want);
        // 256 units a slice: about (bytes + cells) / 256 slices.
        assert!(yields > 100, "{yields}");
    }

    #[test]
    fn bad_element_after_yields_fails() {
        let mut tp = TestProc::new();
        let (l, _) = iolist(&mut tp, 2000, crate::term::atom::am::OK);
        tp.ctx().reds = 1;
        tp.ctx().exc_class = NON_VALUE;
        let first = tp.call_body(iolist_to_binary_1, &[l]);
        assert!(trapped(&mut tp, first));
        let (r, yields) = drive(&mut tp, first);
        assert!(r.is_non_value() && yields > 10);
        assert_eq!(tp.ctx().exc_reason, crate::term::atom::am::BADARG);
    }

    #[test]
    fn match_finds_across_chunks() {
        let mut tp = TestProc::new();
        let mut subj = vec![b'a'; 100];
        subj.extend_from_slice(b"xyz");
        subj.extend(vec![b'a'; 100]);
        let s = crate::data::binary::build::make_binary(tp.ctx(), &subj);
        // One reduction searches 10 positions: "xyz" at 100 spans the
        // chunk [100, 110) and ends past it; at 99 it spans a boundary.
        for at in [98usize, 99, 100, 101] {
            let p = crate::data::binary::build::make_binary(tp.ctx(), &subj[at..at + 4]);
            tp.ctx().reds = 1;
            tp.ctx().exc_class = NON_VALUE;
            let first = tp.call_body(match_2, &[s, p]);
            let (r, _) = drive(&mut tp, first);
            assert!(r.is_tuple());
            // SAFETY: a {Pos, Len} result.
            let (pos, len) = unsafe { (r.tuple_elem(0), r.tuple_elem(1)) };
            assert_eq!((pos.small_value(), len.small_value()), (at as i64, 4));
        }
        let p = crate::data::binary::build::make_binary(tp.ctx(), b"zz");
        tp.ctx().reds = 1;
        tp.ctx().exc_class = NON_VALUE;
        let first = tp.call_body(match_2, &[s, p]);
        let (r, yields) = drive(&mut tp, first);
        assert_eq!(r, crate::term::atom::am::NOMATCH);
        assert_eq!(yields, 20);
    }
}
