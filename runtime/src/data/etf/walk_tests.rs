//! The resumable walk: suspending at every item boundary (and spilling
//! the pending work to the heap each time) gives the bytes of one
//! uninterrupted run; deep and long terms neither overflow the native
//! stack when encoded nor when decoded.

use super::decode::decode;
use super::encode::{encode, Opts};
use super::walk::{Stop, Walk};
use crate::data::build::*;
use crate::data::compare::eq_exact;
use crate::heap::ctx::Ctx;
use crate::term::{atom, Term, NIL};
use crate::testutil::TestProc;

/// Terms of every kind the walk has an item for: long and improper
/// lists, strings, tuples (small and large), flat and hash maps,
/// binaries (aligned, unaligned sub-binaries, bitstrings), nesting.
fn terms(ctx: &mut Ctx) -> Vec<Term> {
    let mut v = super::tests::sample_terms(ctx);
    let long: Vec<Term> = (0..3000).map(|i| Term::small(i * 7)).collect();
    let long = list_from_slice_tail(ctx, &long, atom::intern("tail"));
    let bytes: Vec<u8> = (0..5000u32).map(|i| (i * 13) as u8).collect();
    let bin = crate::data::binary::build::make_binary(ctx, &bytes);
    let bits = crate::data::binary::build::make_bitstring(ctx, &bytes[..700], 700 * 8 - 3);
    let elems: Vec<Term> = (0..300).map(|i| Term::small(i - 150)).collect();
    let big_tuple = make_tuple(ctx, &elems);
    let pairs: Vec<(Term, Term)> = (0..100)
        .map(|i| (Term::small(i * 31 % 97), Term::small(i)))
        .collect();
    let hash = crate::data::map::from_pairs(ctx, pairs);
    let s = make_string(ctx, &"x".repeat(70_000));
    let mut nest = NIL;
    for i in 0..500 {
        let t = make_tuple(ctx, &[Term::small(i), nest, bin]);
        nest = list_from_slice(ctx, &[t, hash]);
    }
    let all = make_tuple(ctx, &[long, bin, bits, big_tuple, hash, s, nest]);
    v.extend([long, bin, bits, big_tuple, hash, s, nest, all]);
    v
}

/// Encodes with `budget` units per run, spilling and resuming between
/// runs; returns the bytes and the number of runs.
fn stepped(ctx: &mut Ctx, t: Term, o: Opts, budget: usize) -> (Vec<u8>, usize) {
    let mut w = Walk::new(t, o);
    let mut runs = 1;
    loop {
        let mut b = budget;
        match w.run(&mut b) {
            Stop::Done => return (w.out, runs),
            Stop::Bad => panic!("bad term"),
            Stop::Paused => {
                let spill = w.spill_all(ctx);
                let out = std::mem::take(&mut w.out);
                w = Walk::resume(out, o, spill);
                runs += 1;
            }
        }
    }
}

fn all_opts() -> Vec<Opts> {
    let mut v = Vec::new();
    for minor in 0..=2 {
        for deterministic in [false, true] {
            v.push(Opts {
                minor,
                deterministic,
                ..Opts::default()
            });
        }
    }
    v
}

#[test]
fn budget_one_equals_one_go() {
    let mut tp = TestProc::new();
    let ctx = tp.ctx();
    for t in terms(ctx) {
        for o in all_opts() {
            let once = encode(t, &o).unwrap();
            for budget in [0, 1, 2, 7, 100] {
                let (bytes, runs) = stepped(ctx, t, o, budget);
                assert_eq!(bytes, once, "budget {budget}");
                if once.len() > 1000 && budget <= 7 {
                    assert!(runs > 10, "{runs} runs for {} bytes", once.len());
                }
            }
        }
    }
}

#[test]
fn stepped_output_decodes_to_the_term() {
    let mut tp = TestProc::new();
    let ctx = tp.ctx();
    for t in terms(ctx) {
        let (bytes, _) = stepped(ctx, t, Opts::default(), 3);
        let (back, used) = decode(ctx, &bytes, false).unwrap();
        assert_eq!(used, bytes.len());
        assert!(eq_exact(back, t));
    }
}

/// A spilled list that was tampered with is refused, never followed.
#[test]
fn bad_spill_is_refused() {
    let mut tp = TestProc::new();
    let ctx = tp.ctx();
    let out = vec![131, 108, 0, 0, 0, 0];
    let bad = [
        list_from_slice(ctx, &[Term::small(9), NIL]),
        list_from_slice(ctx, &[Term::small(1), Term::small(5), Term::small(1)]),
        list_from_slice(ctx, &[Term::small(2), NIL, Term::small(1), Term::small(2)]),
        list_from_slice(ctx, &[Term::small(6), Term::small(4)]),
        list_from_slice(ctx, &[Term::small(0)]),
        Term::small(3),
    ];
    for spill in bad {
        let mut w = Walk::resume(out.clone(), Opts::default(), spill);
        assert_eq!(w.run(&mut 10), Stop::Bad);
    }
    let t = make_tuple(ctx, &[Term::small(1)]);
    let spill = list_from_slice(ctx, &[Term::small(2), t, Term::small(0), Term::small(2)]);
    let mut w = Walk::resume(out, Opts::default(), spill);
    assert_eq!(w.run(&mut 10), Stop::Bad);
}

/// A list nested 1,000,000 deep and a 10,000,000-element list: encoded
/// and decoded with no native recursion.
#[test]
fn deep_and_long_terms() {
    let mut tp = TestProc::new();
    let ctx = tp.ctx();
    let mut deep = NIL;
    for _ in 0..1_000_000 {
        deep = cons(ctx, deep, NIL);
    }
    let bytes = encode(deep, &Opts::default()).unwrap();
    // Per level LIST_EXT, length, then the tail []; the innermost [].
    assert_eq!(bytes.len(), 1 + 1_000_000 * 6 + 1);
    let (back, _) = decode(ctx, &bytes, false).unwrap();
    assert!(eq_exact(back, deep));
    let (stepped_bytes, runs) = stepped(ctx, deep, Opts::default(), 4000 * 32);
    assert_eq!(stepped_bytes, bytes);
    assert!(runs > 5);

    let elems: Vec<Term> = (0..10_000_000).map(|i| Term::small(i & 0xffff)).collect();
    let long = list_from_slice(ctx, &elems);
    drop(elems);
    let bytes = encode(long, &Opts::default()).unwrap();
    let (back, _) = decode(ctx, &bytes, false).unwrap();
    assert!(eq_exact(back, long));
}
