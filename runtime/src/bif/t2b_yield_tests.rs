//! The yielding `term_to_binary`: driven through its continuation one
//! reduction at a time, it returns erl's bytes (checked against the
//! one-go encoder and compressor), for every option; small terms finish
//! without state.

use super::*;
use crate::data::build::{list_from_slice, make_tuple};
use crate::data::etf;
use crate::term::atom;
use crate::testutil::TestProc;

fn trapped(tp: &mut TestProc, r: Term) -> bool {
    r.is_non_value() && tp.ctx().exc_class.is_non_value()
}

/// Follows the continuation until a value (or exception) comes back.
fn drive(tp: &mut TestProc, first: Term) -> (Term, usize) {
    let mut r = first;
    let mut yields = 0;
    while trapped(tp, r) {
        yields += 1;
        tp.ctx().reds = 1;
        tp.ctx().exc_class = NON_VALUE;
        let x = tp.ctx().x;
        r = tp.call_body(t2b_trap_5, &[x[0], x[1], x[2], x[3], x[4]]);
    }
    (r, yields)
}

fn bytes(t: Term) -> Vec<u8> {
    super::super::binary::bin_bytes(t).unwrap()
}

/// A term of a few hundred kilobytes with some redundancy.
fn big(tp: &mut TestProc) -> Term {
    let ctx = tp.ctx();
    let bin = crate::data::binary::build::make_binary(ctx, &[7u8; 20_000]);
    let items: Vec<Term> = (0..20_000)
        .map(|i| {
            make_tuple(
                ctx,
                &[Term::small(i), atom::intern("ok"), Term::small(i % 300)],
            )
        })
        .collect();
    let l = list_from_slice(ctx, &items);
    make_tuple(ctx, &[l, bin])
}

fn start(tp: &mut TestProc, t: Term, opts: Option<Term>, iovec: bool) -> Term {
    // No collection runs here: binaries made by earlier calls would put
    // the process over its binary virtual heap budget, and a BIF that
    // notices gives its value back through a yield (`trap::yield_return`),
    // which these tests do not drive.
    tp.proc_.bin_vheap_sz = u64::MAX;
    tp.ctx().reds = 1;
    tp.ctx().exc_class = NON_VALUE;
    match (opts, iovec) {
        (None, false) => tp.call_body(t2b_1, &[t]),
        (Some(o), false) => tp.call_body(t2b_2, &[t, o]),
        (None, true) => tp.call_body(t2iov_1, &[t]),
        (Some(o), true) => tp.call_body(t2iov_2, &[t, o]),
    }
}

#[test]
fn big_term_yields_and_matches_one_go() {
    let mut tp = TestProc::new();
    let t = big(&mut tp);
    let want = etf::encode::encode(t, &Opts::default()).unwrap();
    let first = start(&mut tp, t, None, false);
    let (r, yields) = drive(&mut tp, first);
    assert_eq!(bytes(r), want);
    // 60,000 terms at 32 a reduction, one reduction per slice.
    assert!(yields > 1000, "{yields}");
}

#[test]
fn compressed_levels_match_one_go() {
    let mut tp = TestProc::new();
    let t = big(&mut tp);
    let plain = etf::encode::encode(t, &Opts::default()).unwrap();
    for level in [1, 6, 9] {
        let ctx = tp.ctx();
        let opt = make_tuple(ctx, &[atom::intern("compressed"), Term::small(level)]);
        let opts = list_from_slice(ctx, &[opt]);
        let first = start(&mut tp, t, Some(opts), false);
        let (r, _) = drive(&mut tp, first);
        let want = etf::compress(plain.clone(), level as u32);
        assert_eq!(bytes(r), want, "level {level}");
        assert_eq!(bytes(r)[1], etf::COMPRESSED);
        // In one go (the run-to-completion variant).
        tp.ctx().reds = 4000;
        let r = tp.call_body(t2b_full_2, &[t, opts]);
        assert_eq!(bytes(r), want);
    }
}

#[test]
fn incompressible_stays_plain() {
    let mut tp = TestProc::new();
    let mut x: u32 = 12345;
    let noise: Vec<u8> = (0..100_000)
        .map(|_| {
            x ^= x << 13;
            x ^= x >> 17;
            x ^= x << 5;
            x as u8
        })
        .collect();
    let t = crate::data::binary::build::make_binary(tp.ctx(), &noise);
    let opts = list_from_slice(tp.ctx(), &[atom::intern("compressed")]);
    let first = start(&mut tp, t, Some(opts), true);
    let (r, yields) = drive(&mut tp, first);
    // Compressed iovec: the binary itself, here the plain encoding.
    assert_eq!(bytes(r), etf::encode::encode(t, &Opts::default()).unwrap());
    assert!(yields > 10);
}

/// The iovec refers to the 20,000-byte binary instead of copying it:
/// the encoding before it, the binary itself, nothing after (erl's shape).
#[test]
fn iovec_cuts_at_large_binaries() {
    let mut tp = TestProc::new();
    let t = big(&mut tp);
    let first = start(&mut tp, t, None, true);
    let (r, _) = drive(&mut tp, first);
    let items = crate::data::build::list_to_vec(r).unwrap();
    let sizes: Vec<usize> = items.iter().map(|&b| bytes(b).len()).collect();
    let all: Vec<u8> = items.iter().flat_map(|&b| bytes(b)).collect();
    let want = etf::encode::encode(t, &Opts::default()).unwrap();
    assert_eq!(all, want);
    assert_eq!(sizes, vec![want.len() - 20_000, 20_000]);
    // SAFETY: `t` is the 2-tuple built by `big`.
    assert_eq!(items[1], unsafe { t.tuple_elem(1) });
    tp.ctx().reds = 4000;
    let small = tp.call_body(t2iov_1, &[Term::small(5)]);
    let items = crate::data::build::list_to_vec(small).unwrap();
    assert_eq!(bytes(items[0]), vec![131, 97, 5]);
    let bad = tp.call_body(t2iov_2, &[Term::small(5), Term::small(1)]);
    assert!(bad.is_non_value());
}

#[test]
fn small_term_takes_no_state() {
    let mut tp = TestProc::new();
    let t = make_tuple(tp.ctx(), &[Term::small(1), atom::intern("a")]);
    tp.ctx().reds = 4000;
    let r = tp.call_body(t2b_1, &[t]);
    assert_eq!(bytes(r), vec![131, 104, 2, 97, 1, 100, 0, 1, b'a']);
    assert_eq!(tp.ctx().reds, 4000);
}

#[test]
fn minor_and_deterministic_match_one_go() {
    let mut tp = TestProc::new();
    let ctx = tp.ctx();
    let pairs: Vec<(Term, Term)> = (0..5000)
        .map(|i| {
            let f = crate::data::build::make_float(ctx, i as f64 / 3.0);
            (Term::small(i * 7919 % 10007), f)
        })
        .collect();
    let m = crate::data::map::from_pairs(ctx, pairs);
    let t = make_tuple(ctx, &[m, atom::intern("été")]);
    for minor in 0..=2 {
        for det in [false, true] {
            let ctx = tp.ctx();
            let mv = make_tuple(ctx, &[atom::intern("minor_version"), Term::small(minor)]);
            let mut o = vec![mv];
            if det {
                o.push(atom::intern("deterministic"));
            }
            let opts = list_from_slice(ctx, &o);
            let first = start(&mut tp, t, Some(opts), false);
            let (r, yields) = drive(&mut tp, first);
            let eo = Opts {
                minor: minor as u8,
                deterministic: det,
                ..Opts::default()
            };
            assert_eq!(bytes(r), etf::encode::encode(t, &eo).unwrap());
            assert!(yields > 100);
        }
    }
}
