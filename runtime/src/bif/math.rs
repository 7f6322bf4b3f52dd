//! The `math` module's BIFs. Each calls the C library function BEAM calls
//! (glibc's libm, so results agree to the last bit), with BEAM's argument
//! and result rules (`math_call_1`/`math_call_2`): an argument that is not
//! a number is `badarg`, a bignum beyond the double range `badarith`, and a
//! result that is not finite (NaN, infinity) `badarith`. Integer arguments
//! are converted as in mixed arithmetic. `math:pi/0` is Erlang code.

use super::{bif, BifDef};
use crate::data::build::make_float;
use crate::heap::ctx::Ctx;
use crate::term::atom::am;
use crate::term::Term;

mod libm {
    extern "C" {
        pub fn sin(x: f64) -> f64;
        pub fn cos(x: f64) -> f64;
        pub fn tan(x: f64) -> f64;
        pub fn asin(x: f64) -> f64;
        pub fn acos(x: f64) -> f64;
        pub fn atan(x: f64) -> f64;
        pub fn atan2(y: f64, x: f64) -> f64;
        pub fn sinh(x: f64) -> f64;
        pub fn cosh(x: f64) -> f64;
        pub fn tanh(x: f64) -> f64;
        pub fn asinh(x: f64) -> f64;
        pub fn acosh(x: f64) -> f64;
        pub fn atanh(x: f64) -> f64;
        pub fn exp(x: f64) -> f64;
        pub fn log(x: f64) -> f64;
        pub fn log2(x: f64) -> f64;
        pub fn log10(x: f64) -> f64;
        pub fn pow(x: f64, y: f64) -> f64;
        pub fn sqrt(x: f64) -> f64;
        pub fn erf(x: f64) -> f64;
        pub fn erfc(x: f64) -> f64;
        pub fn ceil(x: f64) -> f64;
        pub fn floor(x: f64) -> f64;
        pub fn fmod(x: f64, y: f64) -> f64;
    }
}

/// A math argument as a double: `Err(reason)` for non-numbers (`badarg`)
/// and bignums too large for a double (`badarith`).
fn to_double(t: Term) -> Result<f64, Term> {
    if t.is_float() {
        // SAFETY: `t` is a float.
        return Ok(unsafe { t.float_value() });
    }
    if !t.is_integer() {
        return Err(am::BADARG);
    }
    crate::data::big::to_f64(t).ok_or(am::BADARITH)
}

fn result(ctx: &mut Ctx, r: f64) -> Term {
    if r.is_finite() {
        make_float(ctx, r)
    } else {
        ctx.error(am::BADARITH)
    }
}

fn call1(ctx: &mut Ctx, args: &[Term; 1], f: unsafe extern "C" fn(f64) -> f64) -> Term {
    let a = args[0];
    match to_double(a) {
        // SAFETY: libm functions are defined for every double.
        Ok(x) => result(ctx, unsafe { f(x) }),
        Err(reason) => ctx.error(reason),
    }
}

fn call2(ctx: &mut Ctx, args: &[Term; 2], f: unsafe extern "C" fn(f64, f64) -> f64) -> Term {
    let (a, b) = (args[0], args[1]);
    let x = match to_double(a) {
        Ok(x) => x,
        Err(reason) => return ctx.error(reason),
    };
    match to_double(b) {
        // SAFETY: libm functions are defined for every pair of doubles.
        Ok(y) => result(ctx, unsafe { f(x, y) }),
        Err(reason) => ctx.error(reason),
    }
}

macro_rules! math1 {
    ($($name:ident),*) => {
        $(
            fn $name(ctx: &mut Ctx, args: &[Term; 1]) -> Term {
                call1(ctx, args, libm::$name)
            }
        )*
    };
}
macro_rules! math2 {
    ($($name:ident),*) => {
        $(
            fn $name(ctx: &mut Ctx, args: &[Term; 2]) -> Term {
                call2(ctx, args, libm::$name)
            }
        )*
    };
}

math1!(
    sin, cos, tan, asin, acos, atan, sinh, cosh, tanh, asinh, acosh, atanh, exp, log, log2, log10,
    sqrt, erf, erfc, ceil, floor
);
math2!(atan2, pow, fmod);

pub const BIFS: &[BifDef] = &[
    bif!("math", "sin", 1, sin),
    bif!("math", "cos", 1, cos),
    bif!("math", "tan", 1, tan),
    bif!("math", "asin", 1, asin),
    bif!("math", "acos", 1, acos),
    bif!("math", "atan", 1, atan),
    bif!("math", "atan2", 2, atan2),
    bif!("math", "sinh", 1, sinh),
    bif!("math", "cosh", 1, cosh),
    bif!("math", "tanh", 1, tanh),
    bif!("math", "asinh", 1, asinh),
    bif!("math", "acosh", 1, acosh),
    bif!("math", "atanh", 1, atanh),
    bif!("math", "exp", 1, exp),
    bif!("math", "log", 1, log),
    bif!("math", "log2", 1, log2),
    bif!("math", "log10", 1, log10),
    bif!("math", "pow", 2, pow),
    bif!("math", "sqrt", 1, sqrt),
    bif!("math", "erf", 1, erf),
    bif!("math", "erfc", 1, erfc),
    bif!("math", "ceil", 1, ceil),
    bif!("math", "floor", 1, floor),
    bif!("math", "fmod", 2, fmod),
];

#[cfg(test)]
mod tests {
    use super::*;
    use crate::bif::native;
    use crate::testutil::TestProc;

    fn val(t: Term) -> f64 {
        assert!(t.is_float());
        // SAFETY: checked above.
        unsafe { t.float_value() }
    }

    // Expected values and errors from `erl` (OTP 25).
    #[test]
    fn values_and_errors() {
        let mut tp = TestProc::new();
        assert_eq!(val(tp.call(native!(log2, 1), &[Term::small(1024)])), 10.0);
        assert_eq!(
            val(tp.call(native!(fmod, 2), &[Term::small(-7), Term::small(3)])),
            -1.0
        );
        assert_eq!(val(tp.call(native!(floor, 1), &[Term::small(3)])), 3.0);
        let r = tp.call(native!(sin, 1), &[Term::small(1 << 58)]);
        assert!(val(r).is_finite());
        for (f, args, reason) in [
            (native!(log, 1), vec![Term::small(0)], am::BADARITH),
            (native!(sqrt, 1), vec![Term::small(-1)], am::BADARITH),
            (native!(sin, 1), vec![am::OK], am::BADARG),
            (
                native!(pow, 2),
                vec![Term::small(10), Term::small(400)],
                am::BADARITH,
            ),
            (native!(pow, 2), vec![Term::small(2), am::OK], am::BADARG),
            (
                native!(fmod, 2),
                vec![Term::small(1), Term::small(0)],
                am::BADARITH,
            ),
            (native!(atanh, 1), vec![Term::small(1)], am::BADARITH),
        ] {
            assert!(tp.call(f, &args).is_non_value());
            assert_eq!(tp.ctx.exc_reason, reason);
        }
        let huge =
            crate::data::big::make_integer(tp.ctx(), &(num_bigint::BigInt::from(1u8) << 2000u32));
        assert!(tp.call(native!(pow, 2), &[huge, am::OK]).is_non_value());
        assert_eq!(tp.ctx.exc_reason, am::BADARITH);
    }
}
