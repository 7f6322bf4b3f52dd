//! `erlang` BIFs on binaries and bitstrings: sizes, `binary_part`,
//! conversions to and from lists (iolists), atoms and integers.

use super::{bif, guard_bif, BifDef};
use crate::data::big;
use crate::data::binary::bits::BitWriter;
use crate::data::binary::build::{make_binary, make_bitstring, sub_bitstring};
use crate::data::binary::{view, BitView};
use crate::data::build::{make_byte_list, make_tuple};
use crate::heap::ctx::Ctx;
use crate::term::atom::{self, am, MAX_ATOM_CHARS};
use crate::term::{Term, NIL};

pub const BIFS: &[BifDef] = &[
    guard_bif!("erlang", "byte_size", 1, byte_size_1),
    guard_bif!("erlang", "bit_size", 1, bit_size_1),
    guard_bif!("erlang", "binary_part", 2, binary_part_2),
    guard_bif!("erlang", "binary_part", 3, binary_part_3),
    bif!("erlang", "binary_to_list", 1, binary_to_list_1),
    bif!("erlang", "binary_to_list", 3, binary_to_list_3),
    // list_to_binary/1, iolist_to_binary/1: bin_yield.rs.
    bif!("erlang", "iolist_size", 1, iolist_size_1),
    bif!("erlang", "bitstring_to_list", 1, bitstring_to_list_1),
    // list_to_bitstring/1: bin_yield.rs.
    bif!("erlang", "split_binary", 2, split_binary_2),
    bif!("erlang", "atom_to_binary", 1, atom_to_binary_1),
    bif!("erlang", "atom_to_binary", 2, atom_to_binary_2),
    bif!("erlang", "binary_to_atom", 1, binary_to_atom_1),
    bif!("erlang", "binary_to_atom", 2, binary_to_atom_2),
    bif!(
        "erlang",
        "binary_to_existing_atom",
        1,
        binary_to_existing_atom_1
    ),
    bif!(
        "erlang",
        "binary_to_existing_atom",
        2,
        binary_to_existing_atom_2
    ),
    bif!("erlang", "integer_to_binary", 1, integer_to_binary_1),
    bif!("erlang", "integer_to_binary", 2, integer_to_binary_2),
    bif!("erlang", "binary_to_integer", 1, binary_to_integer_1),
    bif!("erlang", "binary_to_integer", 2, binary_to_integer_2),
];

/// The bytes of a binary (whole bytes), or `None`.
pub fn bin_bytes(t: Term) -> Option<Vec<u8>> {
    view(t).and_then(|v| v.whole_bytes().map(|c| c.into_owned()))
}

/// The view of a binary (whole bytes), or `None`.
pub fn bin_view(t: Term) -> Option<BitView> {
    view(t).filter(|v| v.bits.is_multiple_of(8))
}

/// A small non-negative integer argument.
pub fn usize_arg(t: Term) -> Option<usize> {
    (t.is_small() && t.small_value() >= 0).then(|| t.small_value() as usize)
}

fn byte_size_1(ctx: &mut Ctx, args: &[Term; 1]) -> Term {
    match view(args[0]) {
        Some(v) => Term::small(v.bits.div_ceil(8) as i64),
        None => ctx.badarg(),
    }
}

fn bit_size_1(ctx: &mut Ctx, args: &[Term; 1]) -> Term {
    match view(args[0]) {
        Some(v) => Term::small(v.bits as i64),
        None => ctx.badarg(),
    }
}

/// `binary_part(Bin, Start, Len)`: Len may be negative (the part ends at
/// Start). Shared with `binary:part/2,3`. As in BEAM, a bitstring is
/// accepted and only its whole bytes count.
pub fn binary_part(ctx: &mut Ctx, b: Term, start: Term, len: Term) -> Term {
    let (Some(v), true, true) = (view(b), start.is_small(), len.is_small()) else {
        return ctx.badarg();
    };
    let size = (v.bits / 8) as i64;
    let (s, l) = (start.small_value(), len.small_value());
    let (from, to) = if l >= 0 { (s, s + l) } else { (s + l, s) };
    if from < 0 || to > size || s < 0 || s > size {
        return ctx.badarg();
    }
    let n = (to - from) as usize;
    if n <= crate::data::binary::layout::HEAP_BIN_LIMIT {
        // Small parts are copied, as BEAM does (`referenced_byte_size`).
        let bytes = v.slice(from as usize * 8, n * 8).to_vec();
        return make_binary(ctx, &bytes);
    }
    sub_bitstring(ctx, b, from as usize * 8, n * 8)
}

fn binary_part_2(ctx: &mut Ctx, args: &[Term; 2]) -> Term {
    let (b, pl) = (args[0], args[1]);
    // SAFETY: a 2-tuple has two elements.
    if !pl.is_tuple() || unsafe { pl.tuple_arity() } != 2 {
        return ctx.badarg();
    }
    let (s, l) = unsafe { (pl.tuple_elem(0), pl.tuple_elem(1)) };
    binary_part(ctx, b, s, l)
}

fn binary_part_3(ctx: &mut Ctx, args: &[Term; 3]) -> Term {
    let (b, s, l) = (args[0], args[1], args[2]);
    binary_part(ctx, b, s, l)
}

fn binary_to_list_1(ctx: &mut Ctx, args: &[Term; 1]) -> Term {
    match bin_bytes(args[0]) {
        Some(b) => {
            super::reds::charge(ctx, b.len());
            make_byte_list(ctx, &b)
        }
        None => ctx.badarg(),
    }
}

fn binary_to_list_3(ctx: &mut Ctx, args: &[Term; 3]) -> Term {
    let (b, s, e) = (args[0], args[1], args[2]);
    let (Some(bytes), Some(s), Some(e)) = (bin_bytes(b), usize_arg(s), usize_arg(e)) else {
        return ctx.badarg();
    };
    if s < 1 || s > e || e > bytes.len() {
        return ctx.badarg();
    }
    make_byte_list(ctx, &bytes[s - 1..e])
}

/// Appends the iolist (or, with `bits`, bitstring list) `t` to `w`.
/// `false` if `t` is not one. Iterative: any depth or length.
pub fn collect_iolist(t: Term, w: &mut BitWriter, bits: bool) -> bool {
    let mut stack = vec![t];
    while let Some(mut cur) = stack.pop() {
        loop {
            if cur.is_nil() {
                break;
            }
            if let Some(v) = view(cur) {
                if !bits && (!v.bits.is_multiple_of(8) || !w.bits.is_multiple_of(8)) {
                    return false;
                }
                w.put_view(&v, v.bits);
                break;
            }
            if !cur.is_list() {
                return false;
            }
            // SAFETY: `cur` is a cons.
            let (h, tl) = unsafe { (cur.head(), cur.tail()) };
            if h.is_small() {
                let c = h.small_value();
                if !(0..=255).contains(&c) {
                    return false;
                }
                w.put_bytes(&[c as u8]);
            } else if h.is_list() || h.is_nil() || view(h).is_some() {
                stack.push(tl);
                cur = h;
                continue;
            } else {
                return false;
            }
            cur = tl;
        }
    }
    true
}

/// `list_to_binary/1` and `iolist_to_binary/1` (`top_bin`: a binary is
/// accepted as is).
pub fn iolist_to_bin(ctx: &mut Ctx, t: Term, top_bin: bool) -> Term {
    if let Some(v) = view(t) {
        if top_bin && v.bits.is_multiple_of(8) {
            return t;
        }
        return ctx.badarg();
    }
    if !t.is_list() && !t.is_nil() {
        return ctx.badarg();
    }
    let mut w = BitWriter::default();
    if !collect_iolist(t, &mut w, false) || !w.bits.is_multiple_of(8) {
        return ctx.badarg();
    }
    super::reds::charge(ctx, w.buf.len());
    make_binary(ctx, &w.buf)
}

pub(super) fn list_to_binary_1(ctx: &mut Ctx, args: &[Term; 1]) -> Term {
    iolist_to_bin(ctx, args[0], false)
}

pub(super) fn iolist_to_binary_1(ctx: &mut Ctx, args: &[Term; 1]) -> Term {
    iolist_to_bin(ctx, args[0], true)
}

fn iolist_size_1(ctx: &mut Ctx, args: &[Term; 1]) -> Term {
    let t = args[0];
    if let Some(v) = view(t) {
        return if v.bits.is_multiple_of(8) {
            Term::small((v.bits / 8) as i64)
        } else {
            ctx.badarg()
        };
    }
    if !t.is_list() && !t.is_nil() {
        return ctx.badarg();
    }
    match iolist_len(t) {
        Some(n) => crate::data::big::make_u64(ctx, n),
        None => ctx.badarg(),
    }
}

/// The size in bytes of iolist `t`, counted without copying (iolists may
/// share subterms and describe gigabytes), or None if it is not one. The
/// same walk as `collect_iolist` with whole bytes.
pub fn iolist_len(t: Term) -> Option<u64> {
    let mut n = 0u64;
    // The tails still to visit: the first ones on the stack (most
    // iolists nest a few levels; this runs for every `io_lib:format`
    // directive), deeper ones in a vector.
    let mut near = [Term(0); 16];
    let mut depth = 0;
    let mut far: Vec<Term> = Vec::new();
    let mut next = Some(t);
    while let Some(mut cur) = next.take() {
        loop {
            if cur.is_nil() {
                break;
            }
            if let Some(v) = view(cur) {
                if !v.bits.is_multiple_of(8) {
                    return None;
                }
                n += (v.bits / 8) as u64;
                break;
            }
            if !cur.is_list() {
                return None;
            }
            // SAFETY: `cur` is a cons.
            let (h, tl) = unsafe { (cur.head(), cur.tail()) };
            if h.is_small() {
                if !(0..=255).contains(&h.small_value()) {
                    return None;
                }
                n += 1;
            } else if h.is_list() || h.is_nil() || view(h).is_some() {
                if depth < near.len() {
                    near[depth] = tl;
                    depth += 1;
                } else {
                    far.push(tl);
                }
                cur = h;
                continue;
            } else {
                return None;
            }
            cur = tl;
        }
        // Deeper tails were pushed last: `far` before `near`.
        next = far.pop().or_else(|| {
            (depth > 0).then(|| {
                depth -= 1;
                near[depth]
            })
        });
    }
    Some(n)
}

fn bitstring_to_list_1(ctx: &mut Ctx, args: &[Term; 1]) -> Term {
    let t = args[0];
    let Some(v) = view(t) else {
        return ctx.badarg();
    };
    let bytes = v.to_vec();
    super::reds::charge(ctx, bytes.len());
    let whole = v.bits / 8;
    let tail = if !v.bits.is_multiple_of(8) {
        let last = sub_bitstring(ctx, t, whole * 8, v.bits % 8);
        crate::data::build::cons(ctx, last, NIL)
    } else {
        NIL
    };
    let elems: Vec<Term> = bytes[..whole]
        .iter()
        .map(|&b| Term::small(b as i64))
        .collect();
    crate::data::build::list_from_slice_tail(ctx, &elems, tail)
}

pub(super) fn list_to_bitstring_1(ctx: &mut Ctx, args: &[Term; 1]) -> Term {
    let t = args[0];
    if !t.is_list() && !t.is_nil() {
        return ctx.badarg();
    }
    let mut w = BitWriter::default();
    if !collect_iolist(t, &mut w, true) {
        return ctx.badarg();
    }
    super::reds::charge(ctx, w.buf.len());
    make_bitstring(ctx, &w.buf, w.bits)
}

fn split_binary_2(ctx: &mut Ctx, args: &[Term; 2]) -> Term {
    let (b, pos) = (args[0], args[1]);
    let (Some(v), Some(p)) = (view(b), usize_arg(pos)) else {
        return ctx.badarg();
    };
    if p > v.bits / 8 {
        return ctx.badarg();
    }
    let a = sub_bitstring(ctx, b, 0, p * 8);
    let c = sub_bitstring(ctx, b, p * 8, v.bits - p * 8);
    make_tuple(ctx, &[a, c])
}

/// The encoding argument of the atom conversions: `Some(true)` for UTF-8.
fn encoding(e: Term) -> Option<bool> {
    match atom::name(e) {
        _ if !e.is_atom() => None,
        "latin1" => Some(false),
        "unicode" | "utf8" => Some(true),
        _ => None,
    }
}

fn atom_to_binary(ctx: &mut Ctx, a: Term, enc: Term) -> Term {
    let (true, Some(utf8)) = (a.is_atom(), encoding(enc)) else {
        return ctx.badarg();
    };
    let name = atom::name(a);
    if utf8 {
        return make_binary(ctx, name.as_bytes());
    }
    let mut out = Vec::with_capacity(name.len());
    for c in name.chars() {
        if c as u32 > 255 {
            return ctx.badarg();
        }
        out.push(c as u8);
    }
    make_binary(ctx, &out)
}

fn atom_to_binary_1(ctx: &mut Ctx, args: &[Term; 1]) -> Term {
    atom_to_binary(ctx, args[0], atom::intern("utf8"))
}

fn atom_to_binary_2(ctx: &mut Ctx, args: &[Term; 2]) -> Term {
    let (a, e) = (args[0], args[1]);
    atom_to_binary(ctx, a, e)
}

fn binary_to_atom(ctx: &mut Ctx, b: Term, enc: Term, existing: bool) -> Term {
    let (Some(bytes), Some(utf8)) = (bin_bytes(b), encoding(enc)) else {
        return ctx.badarg();
    };
    let name: String = if utf8 {
        match std::str::from_utf8(&bytes) {
            Ok(s) => s.to_string(),
            // BEAM decodes at most 255 characters: input left after them
            // is system_limit even when it is not UTF-8 (creating only).
            Err(e)
                if !existing && {
                    let n = std::str::from_utf8(&bytes[..e.valid_up_to()])
                        .map_or(0, |v| v.chars().count());
                    n >= MAX_ATOM_CHARS
                } =>
            {
                return ctx.error(am::SYSTEM_LIMIT)
            }
            Err(_) => return ctx.badarg(),
        }
    } else {
        bytes.iter().map(|&c| c as char).collect()
    };
    if name.chars().count() > MAX_ATOM_CHARS {
        // No existing atom is that long.
        return if existing {
            ctx.badarg()
        } else {
            ctx.error(am::SYSTEM_LIMIT)
        };
    }
    if existing {
        match atom::lookup(&name) {
            Some(a) => a,
            None => ctx.badarg(),
        }
    } else {
        atom::intern(&name)
    }
}

fn binary_to_atom_1(ctx: &mut Ctx, args: &[Term; 1]) -> Term {
    binary_to_atom(ctx, args[0], atom::intern("utf8"), false)
}

fn binary_to_atom_2(ctx: &mut Ctx, args: &[Term; 2]) -> Term {
    let (b, e) = (args[0], args[1]);
    binary_to_atom(ctx, b, e, false)
}

fn binary_to_existing_atom_1(ctx: &mut Ctx, args: &[Term; 1]) -> Term {
    binary_to_atom(ctx, args[0], atom::intern("utf8"), true)
}

fn binary_to_existing_atom_2(ctx: &mut Ctx, args: &[Term; 2]) -> Term {
    let (b, e) = (args[0], args[1]);
    binary_to_atom(ctx, b, e, true)
}

fn base_arg(b: Term) -> Option<u32> {
    (b.is_small() && (2..=36).contains(&b.small_value())).then(|| b.small_value() as u32)
}

fn integer_to_binary(ctx: &mut Ctx, i: Term, base: Option<u32>) -> Term {
    let (true, Some(base)) = (i.is_integer(), base) else {
        return ctx.badarg();
    };
    let s = big::integer_to_string(i, base);
    make_binary(ctx, s.as_bytes())
}

fn integer_to_binary_1(ctx: &mut Ctx, args: &[Term; 1]) -> Term {
    integer_to_binary(ctx, args[0], Some(10))
}

fn integer_to_binary_2(ctx: &mut Ctx, args: &[Term; 2]) -> Term {
    let (i, b) = (args[0], args[1]);
    integer_to_binary(ctx, i, base_arg(b))
}

fn binary_to_integer(ctx: &mut Ctx, b: Term, base: Option<u32>) -> Term {
    let (Some(bytes), Some(base)) = (bin_bytes(b), base) else {
        return ctx.badarg();
    };
    match big::parse_integer(&bytes, base) {
        Some(v) => big::make_integer(ctx, &v),
        None => ctx.badarg(),
    }
}

fn binary_to_integer_1(ctx: &mut Ctx, args: &[Term; 1]) -> Term {
    binary_to_integer(ctx, args[0], Some(10))
}

fn binary_to_integer_2(ctx: &mut Ctx, args: &[Term; 2]) -> Term {
    let (b, base) = (args[0], args[1]);
    binary_to_integer(ctx, b, base_arg(base))
}
