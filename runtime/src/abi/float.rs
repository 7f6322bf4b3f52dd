//! Runtime entry points of the float instructions (`fconv` slow path and
//! the `badarith` of a non-finite float result). The fast paths (unboxing a
//! float, converting a small, the arithmetic itself) are inline code.

use crate::heap::ctx::Ctx;
use crate::term::atom::am;
use crate::term::Term;

/// `fconv` of a term that is not a small or a float: the bits of the
/// double a bignum converts to (as BEAM's `big_to_double`), or of a NaN for
/// a bignum too large for a double or a non-number, which the caller turns
/// into `badarith` as BEAM's `handle_fconv` + `check_float_error` do.
pub extern "C" fn rt_fconv(t: Term) -> u64 {
    if t.is_float() {
        // SAFETY: `t` is a float.
        return unsafe { t.float_value() }.to_bits();
    }
    match crate::data::big::to_f64(t) {
        Some(f) => f.to_bits(),
        None => f64::NAN.to_bits(),
    }
}

/// Records `error:badarith` (a float instruction produced an infinity or
/// a NaN, or `fconv` met a non-number).
/// # Safety
/// Called by generated code with a valid context.
pub unsafe extern "C" fn rt_float_badarith(ctx: *mut Ctx) -> u64 {
    (*ctx).error(am::BADARITH);
    0
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testutil::TestProc;

    #[test]
    fn fconv() {
        assert_eq!(f64::from_bits(rt_fconv(Term::small(-3))), -3.0);
        assert!(f64::from_bits(rt_fconv(am::OK)).is_nan());
        let mut tp = TestProc::new();
        let b = crate::data::big::make_integer(tp.ctx(), &(num_bigint::BigInt::from(1u8) << 70u32));
        assert_eq!(f64::from_bits(rt_fconv(b)), 2f64.powi(70));
        let huge =
            crate::data::big::make_integer(tp.ctx(), &(num_bigint::BigInt::from(1u8) << 1100u32));
        assert!(f64::from_bits(rt_fconv(huge)).is_nan());
        let f = crate::data::build::make_float(tp.ctx(), 2.5);
        assert_eq!(f64::from_bits(rt_fconv(f)), 2.5);
        // SAFETY: the test context is valid.
        unsafe { rt_float_badarith(tp.ctx()) };
        assert_eq!(tp.ctx().exc_reason, am::BADARITH);
    }
}
