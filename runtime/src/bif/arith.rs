//! Arithmetic BIFs with BEAM's exact semantics: integers never overflow
//! (they become bignums), `div`/`rem` truncate toward zero, bitwise
//! operators treat negative numbers as infinite two's complement, and any
//! float result that is not finite raises `badarith`. The JIT inlines the
//! small-integer fast paths and calls these for everything else.

use super::{bif, flag, guard_bif, BifDef};
use crate::data::big::{self, BigInt};
use crate::data::build::make_float;
use crate::heap::ctx::Ctx;
use crate::term::atom::am;
use crate::term::Term;
use num_traits::{FromPrimitive, Zero};
use std::cmp::Ordering;

pub use crate::data::big::MAX_BIG_BITS;

/// A number argument, decoded.
enum Num {
    Small(i64),
    Big(BigInt),
    Float(f64),
}

fn num(t: Term) -> Option<Num> {
    if t.is_small() {
        Some(Num::Small(t.small_value()))
    } else if t.is_bignum() {
        Some(Num::Big(big::to_big(t)))
    } else if t.is_float() {
        // SAFETY: t is a float.
        Some(Num::Float(unsafe { t.float_value() }))
    } else {
        None
    }
}

impl Num {
    fn to_big(&self) -> BigInt {
        match self {
            Num::Small(v) => BigInt::from(*v),
            Num::Big(b) => b.clone(),
            Num::Float(_) => BigInt::zero(),
        }
    }
    /// As a float for mixed arithmetic; `None` if too large.
    fn to_f64(&self) -> Option<f64> {
        match self {
            Num::Small(v) => Some(*v as f64),
            Num::Big(b) => big::big_to_f64(b),
            Num::Float(f) => Some(*f),
        }
    }
    fn is_float(&self) -> bool {
        matches!(self, Num::Float(_))
    }
}

fn badarith(ctx: &mut Ctx) -> Term {
    ctx.error(am::BADARITH)
}

/// An integer result: `system_limit` if it exceeds BEAM's bignum size.
fn int_result(ctx: &mut Ctx, v: &BigInt) -> Term {
    if v.bits() > MAX_BIG_BITS {
        return ctx.error(am::SYSTEM_LIMIT);
    }
    big::make_integer(ctx, v)
}

/// A float result: `badarith` unless finite.
fn float_result(ctx: &mut Ctx, f: f64) -> Term {
    if f.is_finite() {
        make_float(ctx, f)
    } else {
        badarith(ctx)
    }
}

/// Shared shape of `+ - *`: small/small in i128, integers as bignums, and
/// anything with a float as doubles.
fn mixed(
    ctx: &mut Ctx,
    a: Term,
    b: Term,
    small: fn(i128, i128) -> i128,
    bigop: fn(&BigInt, &BigInt) -> BigInt,
    fop: fn(f64, f64) -> f64,
) -> Term {
    let (Some(x), Some(y)) = (num(a), num(b)) else {
        return badarith(ctx);
    };
    match (&x, &y) {
        (Num::Small(p), Num::Small(q)) => big::make_i128(ctx, small(*p as i128, *q as i128)),
        _ if x.is_float() || y.is_float() => match (x.to_f64(), y.to_f64()) {
            (Some(p), Some(q)) => float_result(ctx, fop(p, q)),
            _ => badarith(ctx),
        },
        _ => int_result(ctx, &bigop(&x.to_big(), &y.to_big())),
    }
}

/// `+`/2.
pub fn add(ctx: &mut Ctx, a: Term, b: Term) -> Term {
    if let Some(t) = crate::data::bigfast::small_pair(ctx, a, b, i128::checked_add) {
        return t;
    }
    if let Some(t) = crate::data::bigfast::add(ctx, a, b, false) {
        return t;
    }
    mixed(ctx, a, b, |p, q| p + q, |p, q| p + q, |p, q| p + q)
}
/// `-`/2.
pub fn sub(ctx: &mut Ctx, a: Term, b: Term) -> Term {
    if let Some(t) = crate::data::bigfast::small_pair(ctx, a, b, i128::checked_sub) {
        return t;
    }
    if let Some(t) = crate::data::bigfast::add(ctx, a, b, true) {
        return t;
    }
    mixed(ctx, a, b, |p, q| p - q, |p, q| p - q, |p, q| p - q)
}
/// `*`/2 (small * small fits i128: both are below 2^59 in magnitude).
pub fn mul(ctx: &mut Ctx, a: Term, b: Term) -> Term {
    if let Some(t) = crate::data::bigfast::small_pair(ctx, a, b, i128::checked_mul) {
        return t;
    }
    if let Some(t) = crate::data::bigfast::mul(ctx, a, b) {
        return t;
    }
    mixed(ctx, a, b, |p, q| p * q, |p, q| p * q, |p, q| p * q)
}

/// `/`/2: float division of any two numbers.
pub fn fdiv(ctx: &mut Ctx, a: Term, b: Term) -> Term {
    let (Some(x), Some(y)) = (num(a), num(b)) else {
        return badarith(ctx);
    };
    match (x.to_f64(), y.to_f64()) {
        // Division by 0.0 or -0.0 is badarith, never an infinity.
        (Some(p), Some(q)) if q != 0.0 => float_result(ctx, p / q),
        _ => badarith(ctx),
    }
}

/// Two integer arguments (no floats), or `None`.
fn ints(a: Term, b: Term) -> Option<(Num, Num)> {
    match (num(a)?, num(b)?) {
        (Num::Float(_), _) | (_, Num::Float(_)) => None,
        pair => Some(pair),
    }
}

/// Shared shape of the integer-only binary operators.
fn int_op(
    ctx: &mut Ctx,
    a: Term,
    b: Term,
    small: fn(i64, i64) -> Option<i128>,
    bigop: fn(&BigInt, &BigInt) -> Option<BigInt>,
) -> Term {
    let Some((x, y)) = ints(a, b) else {
        return badarith(ctx);
    };
    if let (Num::Small(p), Num::Small(q)) = (&x, &y) {
        return match small(*p, *q) {
            Some(r) => big::make_i128(ctx, r),
            None => badarith(ctx),
        };
    }
    match bigop(&x.to_big(), &y.to_big()) {
        Some(r) => int_result(ctx, &r),
        None => badarith(ctx),
    }
}

/// `div`/2: truncating integer division.
pub fn idiv(ctx: &mut Ctx, a: Term, b: Term) -> Term {
    if let Some(t) = crate::data::bigfast::divrem(ctx, a, b, false) {
        return t;
    }
    int_op(
        ctx,
        a,
        b,
        |p, q| (q != 0).then(|| p as i128 / q as i128),
        |p, q| (!q.is_zero()).then(|| p / q),
    )
}
/// `rem`/2: remainder with the sign of the dividend.
pub fn irem(ctx: &mut Ctx, a: Term, b: Term) -> Term {
    if let Some(t) = crate::data::bigfast::divrem(ctx, a, b, true) {
        return t;
    }
    int_op(
        ctx,
        a,
        b,
        |p, q| (q != 0).then(|| p as i128 % q as i128),
        |p, q| (!q.is_zero()).then(|| p % q),
    )
}
/// `band`/2.
pub fn band(ctx: &mut Ctx, a: Term, b: Term) -> Term {
    if let Some(t) = crate::data::bigfast::small_pair(ctx, a, b, |p, q| Some(p & q)) {
        return t;
    }
    if let Some(t) = crate::data::bigfast::bitop(ctx, a, b, 0) {
        return t;
    }
    int_op(ctx, a, b, |p, q| Some((p & q) as i128), |p, q| Some(p & q))
}
/// `bor`/2.
pub fn bor(ctx: &mut Ctx, a: Term, b: Term) -> Term {
    if let Some(t) = crate::data::bigfast::small_pair(ctx, a, b, |p, q| Some(p | q)) {
        return t;
    }
    if let Some(t) = crate::data::bigfast::bitop(ctx, a, b, 1) {
        return t;
    }
    int_op(ctx, a, b, |p, q| Some((p | q) as i128), |p, q| Some(p | q))
}
/// `bxor`/2.
pub fn bxor(ctx: &mut Ctx, a: Term, b: Term) -> Term {
    if let Some(t) = crate::data::bigfast::small_pair(ctx, a, b, |p, q| Some(p ^ q)) {
        return t;
    }
    if let Some(t) = crate::data::bigfast::bitop(ctx, a, b, 2) {
        return t;
    }
    int_op(ctx, a, b, |p, q| Some((p ^ q) as i128), |p, q| Some(p ^ q))
}

/// `bsl`/2 (`right` = false) and `bsr`/2 (`right` = true). A negative
/// shift goes the other way; a result beyond BEAM's bignum limit raises
/// `system_limit` (a shift of 0 is 0 whatever the count).
pub fn shift(ctx: &mut Ctx, a: Term, b: Term, right: bool) -> Term {
    if !(a.is_integer() && b.is_integer()) {
        return badarith(ctx);
    }
    // Left shift amount as i128 (huge counts saturate: the result is
    // then 0/-1 or system_limit either way).
    let count: i128 = if b.is_small() {
        b.small_value() as i128
    } else {
        // SAFETY: `b` is an integer that is not a small: a bignum.
        let neg = unsafe { big::big_is_negative(b) };
        if neg {
            -(1i128 << 100)
        } else {
            1i128 << 100
        }
    };
    let left = if right { -count } else { count };
    crate::data::bigfast::shift(ctx, a, left).unwrap_or_else(|| badarith(ctx))
}

/// `bnot`/1.
pub fn bnot(ctx: &mut Ctx, a: Term) -> Term {
    if let Some(t) = crate::data::bigfast::bnot(ctx, a) {
        return t;
    }
    match num(a) {
        Some(Num::Small(v)) => Term::small(!v),
        _ => badarith(ctx),
    }
}

/// Unary `-`/1.
pub fn neg(ctx: &mut Ctx, a: Term) -> Term {
    if let Some(t) = crate::data::bigfast::negate(ctx, a, false) {
        return t;
    }
    match num(a) {
        Some(Num::Small(v)) => big::make_i64(ctx, -v),
        Some(Num::Float(f)) => make_float(ctx, -f),
        _ => badarith(ctx),
    }
}

/// `abs`/1 (`badarg` on non-numbers; `abs(-0.0)` is `-0.0`, as in BEAM).
pub fn abs(ctx: &mut Ctx, a: Term) -> Term {
    if let Some(t) = crate::data::bigfast::negate(ctx, a, true) {
        return t;
    }
    match num(a) {
        Some(Num::Small(v)) => big::make_i64(ctx, v.abs()),
        Some(Num::Float(f)) => {
            if f < 0.0 {
                make_float(ctx, -f)
            } else {
                a
            }
        }
        _ => ctx.badarg(),
    }
}

/// `float`/1.
pub fn float(ctx: &mut Ctx, a: Term) -> Term {
    if a.is_float() {
        return a;
    }
    match num(a).and_then(|n| n.to_f64()) {
        Some(f) => make_float(ctx, f),
        None => ctx.badarg(),
    }
}

/// Float to integer term after `conv` (trunc/round).
fn float_to_int(ctx: &mut Ctx, a: Term, conv: fn(f64) -> f64) -> Term {
    match num(a) {
        Some(Num::Float(f)) => {
            let g = conv(f);
            if (-1e18..1e18).contains(&g) {
                return big::make_i64(ctx, g as i64);
            }
            match BigInt::from_f64(g) {
                Some(b) => int_result(ctx, &b),
                None => ctx.badarg(),
            }
        }
        Some(_) => a,
        None => ctx.badarg(),
    }
}

/// `trunc`/1.
pub fn trunc(ctx: &mut Ctx, a: Term) -> Term {
    float_to_int(ctx, a, f64::trunc)
}
/// `round`/1: halves away from zero.
pub fn round(ctx: &mut Ctx, a: Term) -> Term {
    float_to_int(ctx, a, f64::round)
}

/// `max`/2: the first argument when they compare equal.
pub fn max(a: Term, b: Term) -> Term {
    if crate::data::compare::cmp_terms(a, b) == Ordering::Less {
        b
    } else {
        a
    }
}
/// `min`/2: the first argument when they compare equal.
pub fn min(a: Term, b: Term) -> Term {
    if crate::data::compare::cmp_terms(a, b) == Ordering::Greater {
        b
    } else {
        a
    }
}

// ---- registry wrappers ----

macro_rules! bif2 {
    ($name:ident, $f:expr) => {
        fn $name(ctx: &mut Ctx, args: &[Term; 2]) -> Term {
            let (a, b) = (args[0], args[1]);
            $f(ctx, a, b)
        }
    };
}
macro_rules! bif1 {
    ($name:ident, $f:expr) => {
        fn $name(ctx: &mut Ctx, args: &[Term; 1]) -> Term {
            let a = args[0];
            $f(ctx, a)
        }
    };
}

bif2!(bif_add, add);
bif2!(bif_sub, sub);
bif2!(bif_mul, mul);
bif2!(bif_fdiv, fdiv);
bif2!(bif_div, idiv);
bif2!(bif_rem, irem);
bif2!(bif_band, band);
bif2!(bif_bor, bor);
bif2!(bif_bxor, bxor);
bif2!(bif_bsl, |ctx, a, b| shift(ctx, a, b, false));
bif2!(bif_bsr, |ctx, a, b| shift(ctx, a, b, true));
bif2!(bif_max, |_ctx: &mut Ctx, a, b| max(a, b));
bif2!(bif_min, |_ctx: &mut Ctx, a, b| min(a, b));
bif1!(bif_bnot, bnot);
bif1!(bif_neg, neg);
bif1!(bif_plus, |ctx: &mut Ctx, a: Term| if a.is_number() {
    a
} else {
    badarith(ctx)
});
bif1!(bif_abs, abs);
bif1!(bif_float, float);
bif1!(bif_trunc, trunc);
bif1!(bif_round, round);

/// Arithmetic BIFs. All are guard BIFs (`max`/`min` since OTP 26).
pub const BIFS: &[BifDef] = &[
    guard_bif!("erlang", "+", 2, bif_add),
    guard_bif!("erlang", "-", 2, bif_sub),
    guard_bif!("erlang", "*", 2, bif_mul),
    guard_bif!("erlang", "/", 2, bif_fdiv),
    guard_bif!("erlang", "div", 2, bif_div),
    guard_bif!("erlang", "rem", 2, bif_rem),
    guard_bif!("erlang", "band", 2, bif_band),
    guard_bif!("erlang", "bor", 2, bif_bor),
    guard_bif!("erlang", "bxor", 2, bif_bxor),
    guard_bif!("erlang", "bsl", 2, bif_bsl),
    guard_bif!("erlang", "bsr", 2, bif_bsr),
    guard_bif!("erlang", "bnot", 1, bif_bnot),
    guard_bif!("erlang", "-", 1, bif_neg),
    // BEAM's loader turns unary plus into an increment by 0: no frame.
    bif!("erlang", "+", 1, bif_plus, flag::GUARD | flag::NO_FRAME),
    guard_bif!("erlang", "abs", 1, bif_abs),
    guard_bif!("erlang", "float", 1, bif_float),
    guard_bif!("erlang", "trunc", 1, bif_trunc),
    guard_bif!("erlang", "round", 1, bif_round),
    guard_bif!("erlang", "max", 2, bif_max),
    guard_bif!("erlang", "min", 2, bif_min),
];

#[cfg(test)]
mod tests {
    use super::*;
    use crate::bif::native;
    use crate::testutil::TestProc;

    /// Parses a decimal integer or float literal into a term.
    fn t(ctx: &mut Ctx, s: &str) -> Term {
        if s.contains('.') || s.contains('e') {
            make_float(ctx, s.parse().unwrap())
        } else {
            big::make_integer(ctx, &big::parse_integer(s.as_bytes(), 10).unwrap())
        }
    }

    /// The result as text ("error:Reason" on an exception).
    fn show(ctx: &mut Ctx, r: Term) -> String {
        if r.is_non_value() {
            return format!("error:{}", crate::term::atom::name(ctx.exc_reason));
        }
        if r.is_float() {
            // SAFETY: r is a float.
            let f = unsafe { r.float_value() };
            return format!("{f:?}");
        }
        assert!(r.is_integer());
        if r.is_bignum() {
            // Normalized: would not fit a small.
            assert!(big::to_i64(r).is_none_or(|v| !Term::fits_small(v)));
        }
        big::integer_to_string(r, 10)
    }

    fn check2(f: BifFn, a: &str, b: &str, want: &str) {
        let mut tp = TestProc::new();
        let (x, y) = (t(tp.ctx(), a), t(tp.ctx(), b));
        let r = tp.call(f, &[x, y]);
        assert_eq!(show(tp.ctx(), r), want, "{a} op {b}");
    }
    fn check1(f: BifFn, a: &str, want: &str) {
        let mut tp = TestProc::new();
        let x = t(tp.ctx(), a);
        let r = tp.call(f, &[x]);
        assert_eq!(show(tp.ctx(), r), want, "op {a}");
    }

    use super::super::BifFn;

    // Expected values from `erl` (OTP 25).
    #[test]
    fn add_sub_mul() {
        check2(
            native!(bif_add, 2),
            "576460752303423487",
            "1",
            "576460752303423488",
        );
        check2(
            native!(bif_sub, 2),
            "-576460752303423488",
            "1",
            "-576460752303423489",
        );
        check2(native!(bif_add, 2), "0.1", "0.2", "0.30000000000000004");
        check2(native!(bif_sub, 2), "5", "2.5", "2.5");
        check2(
            native!(bif_mul, 2),
            "576460752303423487",
            "576460752303423487",
            "332306998946228967073030260463239169",
        );
        check2(native!(bif_mul, 2), "1.0e308", "10", "error:badarith");
        let two1024 = (BigInt::from(1u32) << 1024u32).to_string();
        check2(native!(bif_add, 2), &two1024, "1.0", "error:badarith");
        check2(native!(bif_fdiv, 2), &two1024, "2", "error:badarith");
        // big - big collapsing back to a small.
        check2(
            native!(bif_sub, 2),
            "100000000000000000000",
            "99999999999999999999",
            "1",
        );
        check2(
            native!(bif_mul, 2),
            "-1",
            "-576460752303423488",
            "576460752303423488",
        );
    }

    #[test]
    fn division() {
        check2(native!(bif_div, 2), "-7", "2", "-3");
        check2(native!(bif_rem, 2), "-7", "2", "-1");
        check2(native!(bif_rem, 2), "7", "-2", "1");
        check2(
            native!(bif_div, 2),
            "-1267650600228229401496703205376",
            "7",
            "-181092942889747057356671886482",
        );
        check2(
            native!(bif_rem, 2),
            "-1267650600228229401496703205376",
            "7",
            "-2",
        );
        check2(
            native!(bif_rem, 2),
            "1267650600228229401496703205376",
            "-7",
            "2",
        );
        check2(
            native!(bif_div, 2),
            "-576460752303423488",
            "-1",
            "576460752303423488",
        );
        check2(native!(bif_rem, 2), "7", "0", "error:badarith");
        check2(native!(bif_div, 2), "1.0", "1", "error:badarith");
        check2(native!(bif_rem, 2), "7.5", "2", "error:badarith");
        check2(native!(bif_fdiv, 2), "1", "0", "error:badarith");
        check2(native!(bif_fdiv, 2), "1", "0.0", "error:badarith");
        check2(native!(bif_fdiv, 2), "1", "-0.0", "error:badarith");
        check2(native!(bif_fdiv, 2), "7", "2", "3.5");
    }

    #[test]
    fn bitwise_and_shifts() {
        check2(
            native!(bif_band, 2),
            "-1",
            "1180591620717411303424",
            "1180591620717411303424",
        );
        check2(
            native!(bif_bor, 2),
            "-1180591620717411303424",
            "5",
            "-1180591620717411303419",
        );
        check1(
            native!(bif_bnot, 1),
            "18446744073709551616",
            "-18446744073709551617",
        );
        check2(
            native!(bif_band, 2),
            "-1267650600228229401496703205376",
            "-36893488147419091487",
            "-1267650600228229401496703205376",
        );
        check2(
            native!(bif_bxor, 2),
            "-1267650600228229401496703205376",
            "77",
            "-1267650600228229401496703205299",
        );
        check2(
            native!(bif_bsr, 2),
            "-1267650600228229401496703205376",
            "3",
            "-158456325028528675187087900672",
        );
        check2(
            native!(bif_bsr, 2),
            "-1267650600228229401496703205377",
            "99",
            "-3",
        );
        check2(native!(bif_bsr, 2), "-7", "1", "-4");
        check2(native!(bif_bsl, 2), "1", "-3", "0");
        check2(native!(bif_bsl, 2), "-5", "-1", "-3");
        check2(native!(bif_bsr, 2), "-1", "100", "-1");
        let big64 = "18446744073709551616";
        let nbig64 = "-18446744073709551616";
        check2(native!(bif_bsl, 2), "0", big64, "0");
        check2(native!(bif_bsl, 2), "1", big64, "error:system_limit");
        check2(native!(bif_bsr, 2), "-1", big64, "-1");
        check2(native!(bif_bsr, 2), "5", big64, "0");
        check2(native!(bif_bsl, 2), "5", nbig64, "0");
        check2(native!(bif_bsl, 2), "-5", nbig64, "-1");
        check2(native!(bif_bsl, 2), "0", nbig64, "0");
        check2(native!(bif_bsl, 2), "1", "33554368", "error:system_limit");
        check2(native!(bif_bsl, 2), "1", "1.5", "error:badarith");
        check1(native!(bif_bnot, 1), "1.0", "error:badarith");
        let mut tp = TestProc::new();
        let r = tp.call(
            native!(bif_bsl, 2),
            &[Term::small(1), Term::small(33554367)],
        );
        assert!(r.is_bignum());
        let r2 = tp.call(native!(bif_add, 2), &[r, r]);
        assert!(r2.is_non_value() && tp.ctx.exc_reason == am::SYSTEM_LIMIT);
        check2(
            native!(bif_bsl, 2),
            "3",
            "100",
            &(BigInt::from(3u32) << 100u32).to_string(),
        );
        check2(
            native!(bif_bsl, 2),
            "-3",
            "58",
            &(BigInt::from(-3i32) << 58u32).to_string(),
        );
    }

    #[test]
    fn unary() {
        check1(
            native!(bif_abs, 1),
            "-576460752303423488",
            "576460752303423488",
        );
        check1(
            native!(bif_neg, 1),
            "-576460752303423488",
            "576460752303423488",
        );
        check1(
            native!(bif_neg, 1),
            "576460752303423488",
            "-576460752303423488",
        );
        check1(native!(bif_abs, 1), "-0.0", "-0.0");
        check1(native!(bif_neg, 1), "0.0", "-0.0");
        check1(native!(bif_plus, 1), "1.5", "1.5");
        check1(native!(bif_trunc, 1), "1.0e20", "100000000000000000000");
        check1(native!(bif_trunc, 1), "-2.7", "-2");
        check1(native!(bif_round, 1), "-2.7", "-3");
        check1(native!(bif_round, 1), "-2.5", "-3");
        check1(native!(bif_round, 1), "2.5", "3");
        check1(native!(bif_round, 1), "0.49999999999999994", "0");
        check1(native!(bif_trunc, 1), "7", "7");
        check1(native!(bif_float, 1), "3", "3.0");
        let two1024 = (BigInt::from(1u32) << 1024u32).to_string();
        check1(native!(bif_float, 1), &two1024, "error:badarg");
        let mut tp = TestProc::new();
        for (f, reason) in [
            (native!(bif_abs, 1), am::BADARG),
            (native!(bif_float, 1), am::BADARG),
            (native!(bif_trunc, 1), am::BADARG),
            (native!(bif_round, 1), am::BADARG),
            (native!(bif_neg, 1), am::BADARITH),
            (native!(bif_plus, 1), am::BADARITH),
        ] {
            assert!(tp.call(f, &[am::OK]).is_non_value());
            assert_eq!(tp.ctx.exc_reason, reason);
        }
    }

    #[test]
    fn max_min() {
        // erl: {max(1, 1.0), max(1.0, 1), min(1, 1.0), min(1.0, 1)} -> {1,1.0,1,1.0}
        let mut tp = TestProc::new();
        let f = make_float(tp.ctx(), 1.0);
        let one = Term::small(1);
        assert_eq!(tp.call(native!(bif_max, 2), &[one, f]), one);
        assert_eq!(tp.call(native!(bif_max, 2), &[f, one]), f);
        assert_eq!(tp.call(native!(bif_min, 2), &[one, f]), one);
        assert_eq!(tp.call(native!(bif_min, 2), &[f, one]), f);
        assert_eq!(tp.call(native!(bif_max, 2), &[one, am::OK]), am::OK);
        assert_eq!(tp.call(native!(bif_min, 2), &[one, am::OK]), one);
    }

    #[test]
    fn registered() {
        let e = crate::term::atom::intern("erlang");
        assert!(crate::bif::lookup(e, crate::term::atom::intern("+"), 2).is_some());
        assert!(crate::bif::lookup(e, crate::term::atom::intern("bnot"), 1).is_some());
    }
}
