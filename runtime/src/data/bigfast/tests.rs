use super::*;
use crate::data::big::{make_integer, to_big};
use crate::testutil::TestProc;
use num_bigint::BigInt;
use num_traits::{One, Signed, Zero};

fn big(s: &str) -> BigInt {
    s.parse().unwrap()
}

/// A term result as a number, checking it is normalised.
fn val(r: Term) -> BigInt {
    assert!(r.is_integer(), "not an integer");
    let v = to_big(r);
    let fits = v >= BigInt::from(MIN_SMALL) && v <= BigInt::from(MAX_SMALL);
    assert_eq!(r.is_small(), fits, "{v} not normalised");
    if r.is_bignum() {
        // SAFETY: r is a bignum.
        let l = unsafe { crate::data::big::big_limbs(r) };
        assert!(*l.last().unwrap() != 0, "{v}: leading zero limb");
    }
    v
}

/// Values around every boundary the fast paths care about: smalls (60
/// bits), one limb (64), two limbs (128), powers of two with carries and
/// borrows across limbs, and multi-limb values of both signs.
fn values() -> Vec<BigInt> {
    let mut v: Vec<BigInt> = [
        "0",
        "1",
        "-1",
        "-7",
        "1000000007",
        "576460752303423487",
        "-576460752303423488",
        "576460752303423488",
        "-576460752303423489",
        "9223372036854775807",
        "-9223372036854775808",
        "18446744073709551615",
        "-18446744073709551615",
        "18446744073709551616",
        "-18446744073709551616",
        "340282366920938463463374607431768211455",
        "340282366920938463463374607431768211456",
        "-340282366920938463463374607431768211457",
        "123456789012345678901234567890123456789012345678901234567890",
        "-99999999999999999999999999999",
    ]
    .iter()
    .map(|s| big(s))
    .collect();
    let one = BigInt::one();
    for k in [59u32, 60, 63, 64, 65, 127, 128, 129, 191, 192, 640] {
        let p = &one << k;
        v.push(&p - 1u32);
        v.push(p.clone());
        v.push(-&p);
        v.push(-&p + 1u32);
    }
    // A 40-limb value (schoolbook vs num-bigint boundary) and its negation.
    let mut x = BigInt::from(0x9E37_79B9_7F4A_7C15u64);
    for i in 0..40u64 {
        x = (x << 64u32) + BigInt::from(i.wrapping_mul(0xBF58_476D_1CE4_E5B9));
    }
    v.push(x.clone());
    v.push(-x);
    v
}

/// Floor division, as BEAM's `bsr` rounds.
fn floor_shr(a: &BigInt, n: u32) -> BigInt {
    // num-bigint's >> rounds toward minus infinity for negatives.
    a >> n
}

#[test]
fn agrees_with_num_bigint() {
    let mut tp = TestProc::new();
    let vals = values();
    for a in &vals {
        for b in &vals {
            let ctx = tp.ctx();
            let (ta, tb) = (make_integer(ctx, a), make_integer(ctx, b));
            if let Some(r) = add(ctx, ta, tb, false) {
                assert_eq!(val(r), a + b, "{a} + {b}");
            }
            if let Some(r) = add(ctx, ta, tb, true) {
                assert_eq!(val(r), a - b, "{a} - {b}");
            }
            if let Some(r) = mul(ctx, ta, tb) {
                assert_eq!(val(r), a * b, "{a} * {b}");
            }
            if let Some(r) = bitop(ctx, ta, tb, 0) {
                assert_eq!(val(r), a & b, "{a} band {b}");
            }
            if let Some(r) = bitop(ctx, ta, tb, 1) {
                assert_eq!(val(r), a | b, "{a} bor {b}");
            }
            if let Some(r) = bitop(ctx, ta, tb, 2) {
                assert_eq!(val(r), a ^ b, "{a} bxor {b}");
            }
            if !b.is_zero() {
                // num-bigint's / and % truncate, as Erlang's div and rem.
                if let Some(r) = divrem(ctx, ta, tb, false) {
                    assert_eq!(val(r), a / b, "{a} div {b}");
                }
                if let Some(r) = divrem(ctx, ta, tb, true) {
                    assert_eq!(val(r), a % b, "{a} rem {b}");
                }
            }
            // Either operand a bignum: every path here but large products
            // and multi-limb division is handled.
            if ta.is_bignum() || tb.is_bignum() {
                assert!(add(ctx, ta, tb, false).is_some());
                assert!(bitop(ctx, ta, tb, 2).is_some());
            }
        }
    }
}

#[test]
fn unary_and_shifts() {
    let mut tp = TestProc::new();
    for a in &values() {
        let ctx = tp.ctx();
        let ta = make_integer(ctx, a);
        if ta.is_bignum() {
            assert_eq!(val(negate(ctx, ta, false).unwrap()), -a, "-{a}");
            assert_eq!(val(negate(ctx, ta, true).unwrap()), a.abs(), "abs {a}");
            assert_eq!(val(bnot(ctx, ta).unwrap()), -a - 1, "bnot {a}");
        }
        for n in [0u32, 1, 3, 59, 60, 63, 64, 65, 127, 128, 129, 200, 700] {
            let r = shift(ctx, ta, n as i128).unwrap();
            assert_eq!(val(r), a << n, "{a} bsl {n}");
            let r = shift(ctx, ta, -(n as i128)).unwrap();
            assert_eq!(val(r), floor_shr(a, n), "{a} bsr {n}");
        }
        let r = shift(ctx, ta, -(1i128 << 100)).unwrap();
        assert_eq!(val(r), if a.is_negative() { -1 } else { 0 }.into());
    }
}

#[test]
fn limits_and_errors() {
    let mut tp = TestProc::new();
    let ctx = tp.ctx();
    let one = Term::small(1);
    // bsl past the limit: system_limit; of zero: 0.
    let r = shift(ctx, one, MAX_BIG_BITS as i128).unwrap();
    assert!(r.is_non_value() && ctx.exc_reason == am::SYSTEM_LIMIT);
    assert_eq!(shift(ctx, Term::small(0), 1 << 100), Some(Term::small(0)));
    let top = shift(ctx, one, MAX_BIG_BITS as i128 - 1).unwrap();
    assert!(top.is_bignum());
    let r = add(ctx, top, top, false).unwrap();
    assert!(r.is_non_value() && ctx.exc_reason == am::SYSTEM_LIMIT);
    let r = mul(ctx, top, Term::small(2)).unwrap();
    assert!(r.is_non_value() && ctx.exc_reason == am::SYSTEM_LIMIT);
    // Not integers / zero divisor: left to the general path.
    assert!(add(ctx, top, am::OK, false).is_none());
    assert!(divrem(ctx, top, Term::small(0), false).is_none());
    assert!(shift(ctx, am::OK, 1).is_none());
    assert!(negate(ctx, Term::small(5), false).is_none());
    // Small operands: not the fast paths' business.
    assert!(add(ctx, one, one, false).is_none());
}

#[test]
fn heap_use_is_exact() {
    // A result that shrinks gives back its spare words: the heap top ends
    // right after the object.
    let mut tp = TestProc::new();
    let ctx = tp.ctx();
    let a = make_integer(ctx, &(BigInt::from(1u32) << 200u32));
    let b = make_integer(ctx, &((BigInt::from(1u32) << 200u32) - 1u32));
    let before = ctx.hp;
    let r = add(ctx, a, b, true).unwrap();
    assert_eq!(r, Term::small(1));
    assert_eq!(ctx.hp, before);
    let c = make_integer(ctx, &(BigInt::from(1u32) << 130u32));
    let before = ctx.hp;
    let r = add(ctx, a, c, true).unwrap();
    // 2^200 - 2^130 needs 4 limbs: header + 4 words.
    assert_eq!(ctx.hp as usize - before as usize, 5 * 8);
    assert_eq!(
        val(r),
        (BigInt::from(1u32) << 200u32) - (BigInt::from(1u32) << 130u32)
    );
}

#[test]
fn radix_matches_num_bigint() {
    let mut tp = TestProc::new();
    let mut vals = values();
    let mut f = BigInt::one();
    for i in 1..400u32 {
        f *= i;
    }
    vals.push(f.clone());
    vals.push(-f);
    for a in &vals {
        let ctx = tp.ctx();
        let t = make_integer(ctx, a);
        for base in 2..=36u32 {
            let Some(d) = to_radix(t, base) else {
                assert!(t.is_small());
                continue;
            };
            let want = a.to_str_radix(base).to_ascii_uppercase();
            assert_eq!(String::from_utf8(d).unwrap(), want, "{a} base {base}");
        }
    }
}

#[test]
fn divisor_by_reciprocal() {
    // Every shift of the divisor, dividends with high limbs at the edge.
    for d in [
        1u64,
        2,
        3,
        7,
        10,
        1_000_000_007,
        1 << 32,
        (1 << 63) - 1,
        1 << 63,
        u64::MAX,
    ] {
        let div = limbs::Divisor::new(d);
        for a in [
            vec![0u64],
            vec![u64::MAX],
            vec![u64::MAX, u64::MAX, u64::MAX],
            vec![1, 0, 0, 1],
            vec![d.wrapping_sub(1), d.wrapping_sub(1)],
            vec![0x0123_4567_89AB_CDEF, 0xFEDC_BA98_7654_3210, 42],
        ] {
            let mut q = vec![0u64; a.len()];
            let r = div.divrem(&mut q, &a);
            let n = limbs_big(&a);
            assert_eq!(limbs_big(&q), &n / d, "{n} / {d}");
            assert_eq!(BigInt::from(r), &n % d);
            assert_eq!(div.rem(&a), r);
            let mut inplace = a.clone();
            assert_eq!(div.divrem_in_place(&mut inplace), r);
            assert_eq!(inplace, q);
        }
    }
}

fn limbs_big(l: &[u64]) -> BigInt {
    l.iter()
        .rev()
        .fold(BigInt::zero(), |acc, &x| (acc << 64u32) + BigInt::from(x))
}

#[test]
fn fragment_pressure_forces_a_collection() {
    // A fib-style loop whose only allocations are bignum results: the
    // heap fills, results go to fragments, and once fragments outgrow the
    // heap (and the floor) the reductions are spent so the process yields
    // and the scheduler collects it.
    let mut tp = TestProc::new();
    tp.ctx.reds = 4000;
    let one = BigInt::one();
    let (mut a, mut b) = (Term::small(0), make_integer(tp.ctx(), &(&one << 6400u32)));
    let mut steps = 0;
    while tp.ctx.reds > 0 {
        let c = add(tp.ctx(), a, b, false).unwrap();
        (a, b) = (b, c);
        steps += 1;
        assert!(steps < 100_000, "never asked to yield");
    }
    // 101-limb results: at least the 64K-word floor went to fragments.
    assert!(steps > (1 << 16) / 102, "{steps}");
    tp.proc_.hp = tp.ctx.hp;
    tp.proc_.sp = tp.ctx.sp;
    assert!(tp.proc_.gc_desired());
    tp.proc_.saved_x = vec![a, b];
    crate::gc::collect_process(&mut tp.proc_, 0);
    assert!(tp.proc_.frags.is_empty() && !tp.proc_.gc_desired());
    let (a2, b2) = (tp.proc_.saved_x[0], tp.proc_.saved_x[1]);
    // (a, b) = (fib(steps) * X, fib(steps + 1) * X).
    let (mut fa, mut fb) = (BigInt::zero(), BigInt::one());
    for _ in 0..steps {
        (fa, fb) = (fb.clone(), &fa + &fb);
    }
    let got = [val(a2), val(b2)];
    assert_eq!(got, [fa << 6400u32, fb << 6400u32]);
    // Fragments come back from the pool after the collection.
    tp.ctx.hp = tp.proc_.hp;
    tp.ctx.sp = tp.proc_.sp;
    let r = add(tp.ctx(), a2, b2, false).unwrap();
    assert_eq!(val(r), &got[0] + &got[1]);
}
