//! The external term format and portable hashes as BIFs:
//! `binary_to_term/1,2`, `external_size/1,2`,
//! `phash/2` and `phash2/1,2` (engines in `etf` and `hash`).

use super::{bif, BifDef};
use crate::data::build::{list_to_vec, make_tuple};
use crate::data::etf::{self, encode::Opts};
use crate::heap::ctx::Ctx;
use crate::term::atom;
use crate::term::*;

pub const BIFS: &[BifDef] = &[
    // term_to_binary/1,2: t2b_yield.rs; binary_to_term/1,2: b2t_yield.rs.
    bif!("erlang", "external_size", 1, external_size_1),
    bif!("erlang", "external_size", 2, external_size_2),
    bif!("erlang", "phash", 2, phash_2),
    bif!("erlang", "phash2", 1, phash2_1),
    bif!("erlang", "phash2", 2, phash2_2),
];

/// Default `compressed` level (zlib's default, as BEAM).
const DEFAULT_LEVEL: u32 = 6;

pub(super) fn self_pid(ctx: &mut Ctx) -> Term {
    if ctx.proc_.is_null() {
        Term::pid(0)
    } else {
        // SAFETY: a process is scheduled while BIFs run.
        unsafe { ctx.process().pid }
    }
}

/// A `{Key, Value}` option's parts.
fn pair(t: Term) -> Option<(Term, Term)> {
    // SAFETY: arity checked before reading elements.
    (t.is_tuple() && unsafe { t.tuple_arity() } == 2)
        .then(|| unsafe { (t.tuple_elem(0), t.tuple_elem(1)) })
}

fn small_in(t: Term, lo: i64, hi: i64) -> Option<i64> {
    (t.is_small() && (lo..=hi).contains(&t.small_value())).then(|| t.small_value())
}

/// The option atoms of `term_to_binary/2`, interned once (the options
/// are parsed on every call).
fn t2b_atoms() -> &'static [Term; 3] {
    static A: std::sync::OnceLock<[Term; 3]> = std::sync::OnceLock::new();
    A.get_or_init(|| ["compressed", "deterministic", "minor_version"].map(atom::intern))
}

/// `term_to_binary/2` and `term_to_iovec/2` options: the encoding options
/// and the compression level (0 = none; the last option counts).
pub(super) fn t2b_opts(ctx: &mut Ctx, opts: Term) -> Option<(Opts, u32)> {
    let [compressed, deterministic, minor_version] = *t2b_atoms();
    let mut o = Opts {
        self_pid: self_pid(ctx),
        ..Opts::default()
    };
    let mut level = 0;
    let mut l = opts;
    while l.is_list() {
        // SAFETY: `l` is a cons.
        let (opt, tl) = unsafe { (l.head(), l.tail()) };
        l = tl;
        if opt == compressed {
            level = DEFAULT_LEVEL;
        } else if opt == deterministic {
            o.deterministic = true;
        } else if let Some((k, v)) = pair(opt) {
            if k == compressed {
                level = small_in(v, 0, 9)? as u32;
            } else if k == minor_version {
                o.minor = small_in(v, 0, 2)? as u8;
            } else {
                return None;
            }
        } else {
            return None;
        }
    }
    l.is_nil().then_some((o, level))
}

fn from_binary(ctx: &mut Ctx, b: Term, safe: bool, used: bool) -> Term {
    let Some(v) = crate::data::binary::view(b) else {
        return ctx.badarg();
    };
    let Some(bytes) = v.whole_bytes() else {
        return ctx.badarg();
    };
    let bytes = bytes.into_owned();
    super::reds::charge(ctx, bytes.len());
    match etf::decode::decode(ctx, &bytes, safe) {
        Some((t, n)) if used => {
            let n = Term::small(n as i64);
            make_tuple(ctx, &[t, n])
        }
        Some((t, _)) => t,
        None => ctx.badarg(),
    }
}

/// `binary_to_term/1` run to completion.
pub(super) fn binary_to_term_1(ctx: &mut Ctx, args: &[Term; 1]) -> Term {
    let b = args[0];
    from_binary(ctx, b, false, false)
}

/// `binary_to_term/2`'s options: `(safe, used)`, or `None` if bad.
pub(super) fn b2t_opts(opts: Term) -> Option<(bool, bool)> {
    let list = list_to_vec(opts)?;
    let (mut safe, mut used) = (false, false);
    for o in list {
        if o == atom::intern("safe") {
            safe = true;
        } else if o == atom::intern("used") {
            used = true;
        } else {
            return None;
        }
    }
    Some((safe, used))
}

/// `binary_to_term/2` run to completion.
pub(super) fn binary_to_term_2(ctx: &mut Ctx, args: &[Term; 2]) -> Term {
    let (b, opts) = (args[0], args[1]);
    let Some((safe, used)) = b2t_opts(opts) else {
        return ctx.badarg();
    };
    from_binary(ctx, b, safe, used)
}

fn size_of(ctx: &mut Ctx, t: Term, o: &Opts) -> Term {
    match etf::encode::external_size(t, o) {
        Some(n) => Term::small(n as i64),
        None => ctx.badarg(),
    }
}

fn external_size_1(ctx: &mut Ctx, args: &[Term; 1]) -> Term {
    let t = args[0];
    size_of(ctx, t, &Opts::default())
}

/// `external_size/2` accepts only `{minor_version, 0 | 1}` options.
fn external_size_2(ctx: &mut Ctx, args: &[Term; 2]) -> Term {
    let (t, opts) = (args[0], args[1]);
    let mut o = Opts::default();
    let Some(list) = list_to_vec(opts) else {
        return ctx.badarg();
    };
    for opt in list {
        match pair(opt) {
            Some((k, v)) if k == atom::intern("minor_version") => match small_in(v, 0, 1) {
                Some(m) => o.minor = m as u8,
                None => return ctx.badarg(),
            },
            _ => return ctx.badarg(),
        }
    }
    size_of(ctx, t, &o)
}

/// A hash range: 1..=2^32; `Some(0)` stands for 2^32.
fn range(t: Term) -> Option<u32> {
    let v = crate::data::big::to_i64(t).filter(|_| t.is_integer())?;
    match v {
        0x1_0000_0000 => Some(0),
        1..=0xffff_ffff => Some(v as u32),
        _ => None,
    }
}

fn phash_2(ctx: &mut Ctx, args: &[Term; 2]) -> Term {
    let (t, r) = (args[0], args[1]);
    let Some(r) = range(r) else {
        return ctx.badarg();
    };
    let h = crate::data::hash::hash1::make_hash(t) as u64;
    let v = if r == 0 { h + 1 } else { 1 + h % r as u64 };
    Term::small(v as i64)
}

fn phash2_1(_ctx: &mut Ctx, args: &[Term; 1]) -> Term {
    let t = args[0];
    Term::small((crate::data::hash::hash2::make_hash2(t) & ((1 << 27) - 1)) as i64)
}

fn phash2_2(ctx: &mut Ctx, args: &[Term; 2]) -> Term {
    let (t, r) = (args[0], args[1]);
    let Some(r) = range(r) else {
        return ctx.badarg();
    };
    let h = crate::data::hash::hash2::make_hash2(t);
    let v = if r == 0 { h } else { h % r };
    Term::small(v as i64)
}
