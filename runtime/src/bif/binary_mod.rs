//! The `binary` module's BIFs: `part`, `at`, `first`, `last`, `copy`,
//! `match(es)`, `split`, `bin_to_list`, `list_to_bin`, `compile_pattern`,
//! `decode_unsigned`, `encode_unsigned`, `longest_common_prefix/suffix`,
//! `referenced_byte_size`. A compiled pattern is `{bm, [Pattern]}` (one
//! pattern) or `{ac, [Pattern...]}`, opaque to callers as in BEAM.

use super::binary::{bin_bytes, bin_view, binary_part, iolist_to_bin, usize_arg};
use super::{bif, BifDef};
use crate::data::big;
use crate::data::binary::build::{make_binary, sub_bitstring};
use crate::data::build::{list_from_slice, list_to_vec, make_byte_list, make_tuple};
use crate::heap::ctx::Ctx;
use crate::term::atom::{self, am};
use crate::term::{Term, HDR_HEAP_BIN, HDR_SUB_BIN};
use num_bigint::{BigInt, Sign};

pub const BIFS: &[BifDef] = &[
    bif!("binary", "part", 2, part_2),
    bif!("binary", "part", 3, part_3),
    bif!("binary", "at", 2, at_2),
    bif!("binary", "first", 1, first_1),
    bif!("binary", "last", 1, last_1),
    bif!("binary", "copy", 1, copy_1),
    bif!("binary", "copy", 2, copy_2),
    // match/2: bin_yield.rs.
    bif!("binary", "match", 3, match_3),
    bif!("binary", "matches", 2, matches_2),
    bif!("binary", "matches", 3, matches_3),
    bif!("binary", "split", 2, split_2),
    bif!("binary", "split", 3, split_3),
    bif!("binary", "bin_to_list", 1, bin_to_list_1),
    bif!("binary", "bin_to_list", 2, bin_to_list_2),
    bif!("binary", "bin_to_list", 3, bin_to_list_3),
    // list_to_bin/1: bin_yield.rs.
    bif!("binary", "compile_pattern", 1, compile_pattern_1),
    bif!("binary", "decode_unsigned", 1, decode_unsigned_1),
    bif!("binary", "decode_unsigned", 2, decode_unsigned_2),
    bif!("binary", "encode_unsigned", 1, encode_unsigned_1),
    bif!("binary", "encode_unsigned", 2, encode_unsigned_2),
    bif!("binary", "longest_common_prefix", 1, lcp_1),
    bif!("binary", "longest_common_suffix", 1, lcs_1),
    bif!("binary", "referenced_byte_size", 1, referenced_byte_size_1),
];

fn part_2(ctx: &mut Ctx, args: &[Term; 2]) -> Term {
    let [b, pl] = *args;
    // SAFETY: checked to be a 2-tuple.
    if !pl.is_tuple() || unsafe { pl.tuple_arity() } != 2 {
        return ctx.badarg();
    }
    let (s, l) = unsafe { (pl.tuple_elem(0), pl.tuple_elem(1)) };
    binary_part(ctx, b, s, l)
}

fn part_3(ctx: &mut Ctx, args: &[Term; 3]) -> Term {
    let [b, s, l] = *args;
    binary_part(ctx, b, s, l)
}

fn at_2(ctx: &mut Ctx, args: &[Term; 2]) -> Term {
    let [b, p] = *args;
    match (bin_bytes(b), usize_arg(p)) {
        (Some(v), Some(i)) if i < v.len() => Term::small(v[i] as i64),
        _ => ctx.badarg(),
    }
}

fn first_last(ctx: &mut Ctx, b: Term, last: bool) -> Term {
    match bin_bytes(b) {
        Some(v) if !v.is_empty() => Term::small(if last { v[v.len() - 1] } else { v[0] } as i64),
        _ => ctx.badarg(),
    }
}

fn first_1(ctx: &mut Ctx, args: &[Term; 1]) -> Term {
    first_last(ctx, args[0], false)
}

fn last_1(ctx: &mut Ctx, args: &[Term; 1]) -> Term {
    first_last(ctx, args[0], true)
}

fn copy(ctx: &mut Ctx, b: Term, n: Term) -> Term {
    let (Some(v), Some(n)) = (bin_bytes(b), usize_arg(n)) else {
        return ctx.badarg();
    };
    if v.len().saturating_mul(n) > 1 << 40 {
        return ctx.error(am::SYSTEM_LIMIT);
    }
    make_binary(ctx, &v.repeat(n))
}

fn copy_1(ctx: &mut Ctx, args: &[Term; 1]) -> Term {
    copy(ctx, args[0], Term::small(1))
}

fn copy_2(ctx: &mut Ctx, args: &[Term; 2]) -> Term {
    let [b, n] = *args;
    copy(ctx, b, n)
}

/// The patterns of a pattern argument: a non-empty binary, a non-empty
/// list of them, or a compiled pattern.
pub(super) fn patterns(p: Term) -> Option<Vec<Vec<u8>>> {
    if p.is_tuple() {
        // SAFETY: checked to be a tuple.
        unsafe {
            if p.tuple_arity() == 2 {
                let tag = atom::name(p.tuple_elem(0));
                if p.tuple_elem(0).is_atom() && (tag == "bm" || tag == "ac") {
                    return patterns(p.tuple_elem(1));
                }
            }
        }
        return None;
    }
    if let Some(b) = bin_bytes(p) {
        return (!b.is_empty()).then(|| vec![b]);
    }
    let items = list_to_vec(p)?;
    if items.is_empty() {
        return None;
    }
    items
        .into_iter()
        .map(|t| bin_bytes(t).filter(|b| !b.is_empty()))
        .collect()
}

/// The `{scope, {Start, Len}}` option in `opts` (other options are passed
/// to `other`), as a byte range of a subject of `size` bytes.
fn parse_opts(
    opts: Term,
    size: usize,
    mut other: impl FnMut(Term) -> bool,
) -> Option<(usize, usize)> {
    let mut range = (0, size);
    for o in list_to_vec(opts)? {
        // SAFETY: checked to be a 2-tuple before reading elements.
        let scope = o.is_tuple()
            && unsafe { o.tuple_arity() } == 2
            && unsafe { o.tuple_elem(0) } == atom::intern("scope");
        if scope {
            let sl = unsafe { o.tuple_elem(1) };
            if !sl.is_tuple() || unsafe { sl.tuple_arity() } != 2 {
                return None;
            }
            let (s, l) = unsafe { (sl.tuple_elem(0), sl.tuple_elem(1)) };
            if !s.is_small() || !l.is_small() {
                return None;
            }
            let (s, l) = (s.small_value(), l.small_value());
            let (a, b) = if l >= 0 { (s, s + l) } else { (s + l, s) };
            if a < 0 || b as usize > size || s < 0 {
                return None;
            }
            range = (a as usize, b as usize);
        } else if !other(o) {
            return None;
        }
    }
    Some(range)
}

/// Leftmost-longest matches of `pats` in `subj[range]`, non-overlapping;
/// only the first one unless `all`.
fn find(subj: &[u8], pats: &[Vec<u8>], range: (usize, usize), all: bool) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut i = range.0;
    while i < range.1 {
        let best = pats
            .iter()
            .filter(|p| i + p.len() <= range.1 && subj[i..i + p.len()] == p[..])
            .map(|p| p.len())
            .max();
        match best {
            Some(l) => {
                out.push((i, l));
                if !all {
                    break;
                }
                i += l;
            }
            None => i += 1,
        }
    }
    out
}

fn pos_len(ctx: &mut Ctx, (p, l): (usize, usize)) -> Term {
    make_tuple(ctx, &[Term::small(p as i64), Term::small(l as i64)])
}

fn do_match(ctx: &mut Ctx, s: Term, p: Term, opts: Term, all: bool) -> Term {
    let (Some(subj), Some(pats)) = (bin_bytes(s), patterns(p)) else {
        return ctx.badarg();
    };
    let Some(range) = parse_opts(opts, subj.len(), |_| false) else {
        return ctx.badarg();
    };
    let found = find(&subj, &pats, range, all);
    if !all {
        return match found.first() {
            Some(&m) => pos_len(ctx, m),
            None => am::NOMATCH,
        };
    }
    let elems: Vec<Term> = found.into_iter().map(|m| pos_len(ctx, m)).collect();
    list_from_slice(ctx, &elems)
}

fn match_3(ctx: &mut Ctx, args: &[Term; 3]) -> Term {
    let [s, p, o] = *args;
    do_match(ctx, s, p, o, false)
}

fn matches_2(ctx: &mut Ctx, args: &[Term; 2]) -> Term {
    let [s, p] = *args;
    do_match(ctx, s, p, crate::term::NIL, true)
}

fn matches_3(ctx: &mut Ctx, args: &[Term; 3]) -> Term {
    let [s, p, o] = *args;
    do_match(ctx, s, p, o, true)
}

fn split(ctx: &mut Ctx, s: Term, p: Term, opts: Term) -> Term {
    let (Some(subj), Some(pats)) = (bin_bytes(s), patterns(p)) else {
        return ctx.badarg();
    };
    let (mut global, mut trim, mut trim_all) = (false, false, false);
    let Some(range) = parse_opts(opts, subj.len(), |o| {
        match (o.is_atom(), atom::name(o)) {
            (true, "global") => global = true,
            (true, "trim") => trim = true,
            (true, "trim_all") => trim_all = true,
            _ => return false,
        }
        true
    }) else {
        return ctx.badarg();
    };
    let found = find(&subj, &pats, range, global);
    let mut parts: Vec<(usize, usize)> = Vec::new();
    let mut at = 0;
    for (pos, len) in found {
        parts.push((at, pos - at));
        at = pos + len;
    }
    parts.push((at, subj.len() - at));
    if trim_all {
        parts.retain(|&(_, l)| l > 0);
    } else if trim {
        while parts.last().is_some_and(|&(_, l)| l == 0) {
            parts.pop();
        }
    }
    let elems: Vec<Term> = parts
        .into_iter()
        .map(|(a, l)| sub_bitstring(ctx, s, a * 8, l * 8))
        .collect();
    list_from_slice(ctx, &elems)
}

fn split_2(ctx: &mut Ctx, args: &[Term; 2]) -> Term {
    let [s, p] = *args;
    split(ctx, s, p, crate::term::NIL)
}

fn split_3(ctx: &mut Ctx, args: &[Term; 3]) -> Term {
    let [s, p, o] = *args;
    split(ctx, s, p, o)
}

fn bin_to_list(ctx: &mut Ctx, b: Term, s: Term, l: Term) -> Term {
    let Some(bytes) = bin_bytes(b) else {
        return ctx.badarg();
    };
    let (true, true) = (s.is_small(), l.is_small()) else {
        return ctx.badarg();
    };
    let (s, l) = (s.small_value(), l.small_value());
    let (a, e) = if l >= 0 { (s, s + l) } else { (s + l, s) };
    if a < 0 || s < 0 || e as usize > bytes.len() {
        return ctx.badarg();
    }
    make_byte_list(ctx, &bytes[a as usize..e as usize])
}

fn bin_to_list_1(ctx: &mut Ctx, args: &[Term; 1]) -> Term {
    let b = args[0];
    let n = bin_view(b).map_or(0, |v| v.bits / 8);
    bin_to_list(ctx, b, Term::small(0), Term::small(n as i64))
}

fn bin_to_list_2(ctx: &mut Ctx, args: &[Term; 2]) -> Term {
    let [b, pl] = *args;
    // SAFETY: checked to be a 2-tuple.
    if !pl.is_tuple() || unsafe { pl.tuple_arity() } != 2 {
        return ctx.badarg();
    }
    let (s, l) = unsafe { (pl.tuple_elem(0), pl.tuple_elem(1)) };
    bin_to_list(ctx, b, s, l)
}

fn bin_to_list_3(ctx: &mut Ctx, args: &[Term; 3]) -> Term {
    let [b, s, l] = *args;
    bin_to_list(ctx, b, s, l)
}

pub(super) fn list_to_bin_1(ctx: &mut Ctx, args: &[Term; 1]) -> Term {
    iolist_to_bin(ctx, args[0], false)
}

fn compile_pattern_1(ctx: &mut Ctx, args: &[Term; 1]) -> Term {
    let p = args[0];
    let Some(pats) = patterns(p) else {
        return ctx.badarg();
    };
    let tag = atom::intern(if pats.len() == 1 { "bm" } else { "ac" });
    let bins: Vec<Term> = pats.iter().map(|b| make_binary(ctx, b)).collect();
    let l = list_from_slice(ctx, &bins);
    make_tuple(ctx, &[tag, l])
}

/// `big` (default) or `little`.
fn endianness(e: Term) -> Option<bool> {
    match (e.is_atom(), atom::name(e)) {
        (true, "big") => Some(false),
        (true, "little") => Some(true),
        _ => None,
    }
}

fn decode_unsigned(ctx: &mut Ctx, b: Term, e: Term) -> Term {
    let (Some(mut bytes), Some(little)) = (bin_bytes(b), endianness(e)) else {
        return ctx.badarg();
    };
    if little {
        bytes.reverse();
    }
    big::make_integer(ctx, &BigInt::from_bytes_be(Sign::Plus, &bytes))
}

fn decode_unsigned_1(ctx: &mut Ctx, args: &[Term; 1]) -> Term {
    decode_unsigned(ctx, args[0], atom::intern("big"))
}

fn decode_unsigned_2(ctx: &mut Ctx, args: &[Term; 2]) -> Term {
    let [b, e] = *args;
    decode_unsigned(ctx, b, e)
}

fn encode_unsigned(ctx: &mut Ctx, i: Term, e: Term) -> Term {
    let (true, Some(little)) = (i.is_integer(), endianness(e)) else {
        return ctx.badarg();
    };
    let v = big::to_big(i);
    if v.sign() == Sign::Minus {
        return ctx.badarg();
    }
    let (_, mut bytes) = v.to_bytes_be();
    if little {
        bytes.reverse();
    }
    make_binary(ctx, &bytes)
}

fn encode_unsigned_1(ctx: &mut Ctx, args: &[Term; 1]) -> Term {
    encode_unsigned(ctx, args[0], atom::intern("big"))
}

fn encode_unsigned_2(ctx: &mut Ctx, args: &[Term; 2]) -> Term {
    let [i, e] = *args;
    encode_unsigned(ctx, i, e)
}

/// Longest common prefix (or suffix) length of a non-empty list of
/// binaries.
fn common(ctx: &mut Ctx, l: Term, suffix: bool) -> Term {
    let Some(items) = list_to_vec(l) else {
        return ctx.badarg();
    };
    let bins: Option<Vec<Vec<u8>>> = items.into_iter().map(bin_bytes).collect();
    let Some(mut bins) = bins.filter(|b| !b.is_empty()) else {
        return ctx.badarg();
    };
    if suffix {
        bins.iter_mut().for_each(|b| b.reverse());
    }
    let first = &bins[0];
    let n = (0..first.len())
        .take_while(|&i| bins.iter().all(|b| b.get(i) == Some(&first[i])))
        .count();
    Term::small(n as i64)
}

fn lcp_1(ctx: &mut Ctx, args: &[Term; 1]) -> Term {
    common(ctx, args[0], false)
}

fn lcs_1(ctx: &mut Ctx, args: &[Term; 1]) -> Term {
    common(ctx, args[0], true)
}

fn referenced_byte_size_1(ctx: &mut Ctx, args: &[Term; 1]) -> Term {
    let b = args[0];
    if crate::data::binary::view(b).is_none() {
        return ctx.badarg();
    }
    // SAFETY: `b` is a binary; a sub-binary's orig is in word 4.
    let orig = unsafe {
        if b.boxed_subtag() == HDR_SUB_BIN {
            Term(crate::data::binary::layout::word(b, 4))
        } else {
            b
        }
    };
    // SAFETY: `orig` is a heap or refc binary.
    let n = unsafe {
        if orig.boxed_subtag() == HDR_HEAP_BIN {
            crate::data::binary::base(orig).1
        } else {
            crate::data::binary::layout::word(orig, 1) as usize
        }
    };
    Term::small(n as i64)
}
