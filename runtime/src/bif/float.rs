//! Float BIFs of module erlang: `float_to_list/1,2`,
//! `float_to_binary/1,2`, `list_to_float/1`, `binary_to_float/1`,
//! `floor/1`, `ceil/1` (the text formats are in `float_fmt`).

use super::float_fmt;
use super::{bif, guard_bif, BifDef};
use crate::data::big::{self, BigInt};
use crate::data::build::make_string;
use crate::heap::ctx::Ctx;
use crate::term::atom;
use crate::term::Term;
use num_traits::FromPrimitive;
use std::sync::OnceLock;

pub const BIFS: &[BifDef] = &[
    bif!("erlang", "float_to_list", 1, float_to_list_1),
    bif!("erlang", "float_to_list", 2, float_to_list_2),
    bif!("erlang", "list_to_float", 1, list_to_float_1),
    bif!("erlang", "float_to_binary", 1, float_to_binary_1),
    bif!("erlang", "float_to_binary", 2, float_to_binary_2),
    bif!("erlang", "binary_to_float", 1, binary_to_float_1),
    guard_bif!("erlang", "floor", 1, floor_1),
    guard_bif!("erlang", "ceil", 1, ceil_1),
];

/// The option atoms of `float_to_list/2`.
struct OptAtoms {
    compact: Term,
    decimals: Term,
    scientific: Term,
    short: Term,
}

fn opt_atoms() -> &'static OptAtoms {
    static A: OnceLock<OptAtoms> = OnceLock::new();
    A.get_or_init(|| OptAtoms {
        compact: atom::intern("compact"),
        decimals: atom::intern("decimals"),
        scientific: atom::intern("scientific"),
        short: atom::intern("short"),
    })
}

/// How `float_to_list/2` formats; the last format option wins.
#[derive(Debug, PartialEq)]
pub enum Format {
    Legacy,
    Short,
    Fixed { decimals: i64, compact: bool },
    Scientific(i64),
}

/// Parses the option list as BEAM's `do_float_to_charbuf` does: `compact`,
/// `short`, `{decimals, Small}`, `{scientific, Small}`, in any number and
/// order; anything else (or an improper list) is `None` (badarg).
pub fn parse_options(mut opts: Term) -> Option<Format> {
    let a = opt_atoms();
    let mut compact = false;
    let mut kind = 0u8; // 0 legacy, 1 short, 2 fixed, 3 scientific
    let mut n = 0i64;
    while opts.is_list() {
        // SAFETY: `opts` is a cons.
        let (h, t) = unsafe { (opts.head(), opts.tail()) };
        if h == a.compact {
            compact = true;
        } else if h == a.short {
            kind = 1;
        } else if h.is_tuple()
            // SAFETY: `h` is a tuple; elements are read only when it has two.
            && unsafe { h.tuple_arity() } == 2
            && unsafe { h.tuple_elem(1) }.is_small()
        {
            // SAFETY: as above.
            let (tag, v) = unsafe { (h.tuple_elem(0), h.tuple_elem(1)) };
            n = v.small_value();
            if tag == a.decimals {
                kind = 2;
            } else if tag == a.scientific {
                kind = 3;
            } else {
                return None;
            }
        } else {
            return None;
        }
        opts = t;
    }
    if !opts.is_nil() {
        return None;
    }
    Some(match kind {
        0 => Format::Legacy,
        1 => Format::Short,
        2 => Format::Fixed {
            decimals: n,
            compact,
        },
        _ => Format::Scientific(n),
    })
}

/// The text of float `f` in `fmt`, `None` if it does not fit BEAM's buffer.
pub fn format(f: f64, fmt: &Format) -> Option<String> {
    match *fmt {
        Format::Legacy => Some(float_fmt::legacy(f)),
        Format::Short => Some(float_fmt::short(f)),
        Format::Fixed { decimals, compact } => float_fmt::fixed(f, decimals, compact),
        Format::Scientific(n) => float_fmt::scientific(f, n),
    }
}

/// The text `float_to_list/2` and `float_to_binary/2` produce.
fn float_text(f: Term, opts: Term) -> Option<String> {
    if !f.is_float() {
        return None;
    }
    // SAFETY: `f` is a float.
    let v = unsafe { f.float_value() };
    parse_options(opts).and_then(|fmt| format(v, &fmt))
}

fn float_to_list(ctx: &mut Ctx, f: Term, opts: Term) -> Term {
    match float_text(f, opts) {
        Some(s) => make_string(ctx, &s),
        None => ctx.badarg(),
    }
}

fn float_to_binary(ctx: &mut Ctx, f: Term, opts: Term) -> Term {
    match float_text(f, opts) {
        Some(s) => crate::data::binary::build::make_binary(ctx, s.as_bytes()),
        None => ctx.badarg(),
    }
}

fn float_to_binary_1(ctx: &mut Ctx, args: &[Term; 1]) -> Term {
    let f = args[0];
    float_to_binary(ctx, f, crate::term::NIL)
}

fn float_to_binary_2(ctx: &mut Ctx, args: &[Term; 2]) -> Term {
    let (f, o) = (args[0], args[1]);
    float_to_binary(ctx, f, o)
}

/// `binary_to_float/1`: a non-empty binary (whole bytes) holding the text
/// `list_to_float/1` accepts.
fn binary_to_float_1(ctx: &mut Ctx, args: &[Term; 1]) -> Term {
    let b = args[0];
    let parsed = crate::data::binary::view(b)
        .and_then(|v| v.whole_bytes().and_then(|bytes| float_fmt::parse(&bytes)));
    match parsed {
        Some(v) => crate::data::build::make_float(ctx, v),
        None => ctx.badarg(),
    }
}

fn float_to_list_1(ctx: &mut Ctx, args: &[Term; 1]) -> Term {
    let f = args[0];
    float_to_list(ctx, f, crate::term::NIL)
}

fn float_to_list_2(ctx: &mut Ctx, args: &[Term; 2]) -> Term {
    let (f, o) = (args[0], args[1]);
    float_to_list(ctx, f, o)
}

/// The bytes of a proper list of integers 0..=255, or `None`.
fn byte_list(mut l: Term) -> Option<Vec<u8>> {
    let mut out = Vec::new();
    while l.is_list() {
        // SAFETY: `l` is a cons.
        let (h, t) = unsafe { (l.head(), l.tail()) };
        if !h.is_small() {
            return None;
        }
        out.push(u8::try_from(h.small_value()).ok()?);
        l = t;
    }
    l.is_nil().then_some(out)
}

fn list_to_float_1(ctx: &mut Ctx, args: &[Term; 1]) -> Term {
    let l = args[0];
    match byte_list(l).and_then(|b| float_fmt::parse(&b)) {
        Some(v) => crate::data::build::make_float(ctx, v),
        None => ctx.badarg(),
    }
}

/// `floor/1`, `ceil/1`: integers unchanged, floats rounded by `conv` to an
/// integer (a bignum if large), anything else `badarg`.
fn round_to_int(ctx: &mut Ctx, a: Term, conv: fn(f64) -> f64) -> Term {
    if a.is_integer() {
        return a;
    }
    if !a.is_float() {
        return ctx.badarg();
    }
    // SAFETY: `a` is a float.
    let g = conv(unsafe { a.float_value() });
    if (-1e18..1e18).contains(&g) {
        return big::make_i64(ctx, g as i64);
    }
    match BigInt::from_f64(g) {
        Some(b) => big::make_integer(ctx, &b),
        None => ctx.badarg(),
    }
}

fn floor_1(ctx: &mut Ctx, args: &[Term; 1]) -> Term {
    let a = args[0];
    round_to_int(ctx, a, f64::floor)
}

fn ceil_1(ctx: &mut Ctx, args: &[Term; 1]) -> Term {
    let a = args[0];
    round_to_int(ctx, a, f64::ceil)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::bif::native;
    use crate::data::build::{list_from_slice, make_float, make_tuple};
    use crate::term::NIL;
    use crate::testutil::TestProc;

    fn text(t: Term) -> String {
        let mut s = String::new();
        let mut l = t;
        while l.is_list() {
            // SAFETY: `l` is a cons of small integers.
            unsafe {
                s.push(char::from_u32(l.head().small_value() as u32).unwrap());
                l = l.tail();
            }
        }
        s
    }

    #[test]
    fn to_list_options() {
        let mut tp = TestProc::new();
        let a = opt_atoms();
        let f = make_float(tp.ctx(), 1.5);
        let two = Term::small(2);
        let dec = make_tuple(tp.ctx(), &[a.decimals, two]);
        let opts = list_from_slice(tp.ctx(), &[a.short, dec]);
        assert_eq!(
            text(tp.call(native!(float_to_list_2, 2), &[f, opts])),
            "1.50"
        );
        let opts = list_from_slice(tp.ctx(), &[dec, a.short]);
        assert_eq!(
            text(tp.call(native!(float_to_list_2, 2), &[f, opts])),
            "1.5"
        );
        let opts = list_from_slice(tp.ctx(), &[a.compact]);
        assert_eq!(
            text(tp.call(native!(float_to_list_2, 2), &[f, opts])),
            "1.50000000000000000000e+00"
        );
        assert_eq!(
            text(tp.call(native!(float_to_list_1, 1), &[f])),
            "1.50000000000000000000e+00"
        );
        let bad = make_tuple(tp.ctx(), &[a.compact, two]);
        let opts = list_from_slice(tp.ctx(), &[bad]);
        assert!(tp
            .call(native!(float_to_list_2, 2), &[f, opts])
            .is_non_value());
        assert!(tp
            .call(native!(float_to_list_2, 2), &[f, a.short])
            .is_non_value());
        assert!(tp.call(native!(float_to_list_1, 1), &[two]).is_non_value());
        assert_eq!(parse_options(NIL), Some(Format::Legacy));
    }

    #[test]
    fn from_list_and_rounding() {
        let mut tp = TestProc::new();
        let l = make_string(tp.ctx(), "-2.5e1");
        let r = tp.call(native!(list_to_float_1, 1), &[l]);
        // SAFETY: r is a float.
        assert_eq!(unsafe { r.float_value() }, -25.0);
        let l = list_from_slice(tp.ctx(), &[Term::small(49), Term::small(46 + 256)]);
        assert!(tp.call(native!(list_to_float_1, 1), &[l]).is_non_value());
        let f = make_float(tp.ctx(), -2.5);
        assert_eq!(tp.call(native!(floor_1, 1), &[f]), Term::small(-3));
        assert_eq!(tp.call(native!(ceil_1, 1), &[f]), Term::small(-2));
        let g = make_float(tp.ctx(), 1.0e20);
        let r = tp.call(native!(floor_1, 1), &[g]);
        assert_eq!(big::integer_to_string(r, 10), "100000000000000000000");
        assert_eq!(
            tp.call(native!(ceil_1, 1), &[Term::small(7)]),
            Term::small(7)
        );
        assert!(tp.call(native!(ceil_1, 1), &[NIL]).is_non_value());
    }

    #[test]
    fn binaries() {
        let mut tp = TestProc::new();
        let f = make_float(tp.ctx(), 0.1);
        let b = tp.call(native!(float_to_binary_2, 2), &[f, NIL]);
        let bytes = crate::data::binary::view(b).unwrap().to_vec();
        assert_eq!(bytes, b"1.00000000000000005551e-01");
        let r = tp.call(native!(binary_to_float_1, 1), &[b]);
        // SAFETY: r is a float.
        assert_eq!(unsafe { r.float_value() }, 0.1);
        let e = crate::data::binary::build::make_binary(tp.ctx(), b"");
        assert!(tp.call(native!(binary_to_float_1, 1), &[e]).is_non_value());
        assert!(tp.call(native!(binary_to_float_1, 1), &[f]).is_non_value());
    }
}
