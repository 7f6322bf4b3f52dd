use super::decode::decode;
use super::encode::{encode, Opts};
use super::*;
use crate::data::build::*;
use crate::data::compare::eq_exact;
use crate::heap::ctx::Ctx;
use crate::term::{Term, NIL};
use crate::testutil::TestProc;

pub(super) fn sample_terms(ctx: &mut Ctx) -> Vec<Term> {
    let s = make_string(ctx, "hello");
    let l = list_from_slice(
        ctx,
        &[
            Term::small(1000),
            Term::small(-5),
            crate::term::atom::intern("x"),
        ],
    );
    let f = make_float(ctx, 2.5);
    let big: crate::data::big::BigInt = "123456789012345678901234567890".parse().unwrap();
    let b = crate::data::big::make_integer(ctx, &big);
    let bin = crate::data::binary::build::make_binary(ctx, b"some bytes");
    let bits = crate::data::binary::build::make_bitstring(ctx, &[0xab, 0xc0], 11);
    let t = make_tuple(ctx, &[s, l, f, b, bin, bits, NIL]);
    let imp = cons(ctx, Term::small(1), Term::small(2));
    let m = {
        let k = make_string(ctx, "k");
        crate::data::map::from_pairs(ctx, vec![(k, t), (Term::small(1), imp)])
    };
    vec![s, l, f, b, bin, bits, t, imp, m, Term::small(7), NIL]
}

#[test]
fn known_encodings() {
    let mut tp = TestProc::new();
    let ctx = tp.ctx();
    let o = Opts::default();
    assert_eq!(encode(Term::small(1), &o).unwrap(), vec![131, 97, 1]);
    assert_eq!(
        encode(Term::small(-1), &o).unwrap(),
        vec![131, 98, 255, 255, 255, 255]
    );
    let abc = crate::term::atom::intern("abc");
    assert_eq!(encode(abc, &o).unwrap(), vec![131, 100, 0, 3, 97, 98, 99]);
    let s = make_string(ctx, "ab");
    assert_eq!(encode(s, &o).unwrap(), vec![131, 107, 0, 2, 97, 98]);
    let f = make_float(ctx, 1.5);
    assert_eq!(
        encode(f, &o).unwrap(),
        vec![131, 70, 63, 248, 0, 0, 0, 0, 0, 0]
    );
    assert_eq!(encode::c_exp20(1.5), "1.50000000000000000000e+00");
    assert_eq!(encode::c_exp20(-2.5e-300), "-2.49999999999999997976e-300");
}

#[test]
fn round_trips() {
    let mut tp = TestProc::new();
    let ctx = tp.ctx();
    for t in sample_terms(ctx) {
        for minor in 0..=2 {
            let o = Opts {
                minor,
                ..Opts::default()
            };
            let bytes = encode(t, &o).unwrap();
            let (back, used) = decode(ctx, &bytes, false).unwrap();
            assert_eq!(used, bytes.len());
            assert!(eq_exact(back, t), "{bytes:?}");
            let z = compress(bytes.clone(), 6);
            let (back, used) = decode(ctx, &z, true).unwrap();
            assert_eq!(used, z.len());
            assert!(eq_exact(back, t));
        }
    }
}

#[test]
fn malformed_inputs_fail() {
    let mut tp = TestProc::new();
    let ctx = tp.ctx();
    let bad: &[&[u8]] = &[
        &[],
        &[131],
        &[130, 97, 1],
        &[131, 104, 2, 97, 1],
        &[131, 105, 255, 255, 255, 255, 97, 1],
        &[131, 108, 255, 255, 255, 255, 97, 1],
        &[131, 116, 255, 255, 255, 255],
        &[131, 109, 255, 255, 255, 255, 1],
        &[131, 70, 127, 240, 0, 0, 0, 0, 0, 0],
        &[131, 80, 255, 255, 255, 255, 120, 156, 3, 0],
        &[131, 118, 0, 2, 255, 254],
        &[131, 116, 0, 0, 0, 2, 97, 1, 97, 1, 97, 1, 97, 2],
    ];
    for b in bad {
        assert!(decode(ctx, b, false).is_none(), "{b:?}");
    }
    // safe refuses new atoms
    assert!(decode(
        ctx,
        &[131, 119, 6, b'q', b'z', b'x', b'w', b'v', b'u'],
        true
    )
    .is_none());
    // repeated empty LIST_EXT wrappers are just their tail
    let mut v = vec![131];
    for _ in 0..100_000 {
        v.extend_from_slice(&[108, 0, 0, 0, 0]);
    }
    v.push(106);
    assert_eq!(decode(ctx, &v, false).map(|r| r.0), Some(NIL));
}

/// A tiny deterministic PRNG (xorshift).
struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
}

/// 100,000 random and mutated byte strings: the decoder never panics.
#[test]
fn fuzz_never_panics() {
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
    let mut tp = TestProc::new();
    let seeds: Vec<Vec<u8>> = {
        let ctx = tp.ctx();
        let mut v = Vec::new();
        for t in sample_terms(ctx) {
            let b = encode(t, &Opts::default()).unwrap();
            v.push(compress(b.clone(), 6));
            v.push(b);
        }
        v
    };
    for i in 0..100_000u32 {
        if i % 2000 == 0 {
            tp = TestProc::new();
        }
        let input: Vec<u8> = if i % 4 == 0 {
            let n = (rng.next() % 40) as usize;
            let mut v = vec![131];
            v.extend((0..n).map(|_| rng.next() as u8));
            v
        } else {
            let mut v = seeds[(rng.next() % seeds.len() as u64) as usize].clone();
            for _ in 0..1 + rng.next() % 3 {
                let len = v.len().max(1);
                match rng.next() % 4 {
                    0 => {
                        let p = (rng.next() as usize) % len;
                        if p < v.len() {
                            v[p] = rng.next() as u8;
                        }
                    }
                    1 => v.truncate((rng.next() as usize) % len),
                    2 => v.push(rng.next() as u8),
                    _ => {
                        let p = (rng.next() as usize) % len;
                        if p < v.len() {
                            v[p] = [0, 255, 1, 128, 127][(rng.next() % 5) as usize];
                        }
                    }
                }
            }
            v
        };
        let ctx: *mut Ctx = tp.ctx();
        let r = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            // SAFETY: the context outlives the call; nothing else uses it.
            let ctx = unsafe { &mut *ctx };
            if let Some((t, _)) = decode(ctx, &input, false) {
                // Whatever decodes must encode again.
                assert!(encode(t, &Opts::default()).is_some());
            }
        }));
        assert!(r.is_ok(), "decoder panicked on {input:?}");
    }
}

/// A decode resumed after every term builds the same term and reports
/// the same bytes used as one that runs to the end; bad input fails
/// however far it got.
#[test]
fn partial_decode_resumes_to_the_same_term() {
    use super::decode::{Partial, Progress};
    let mut tp = TestProc::new();
    let ctx = tp.ctx();
    let terms = sample_terms(ctx);
    let all = list_from_slice(ctx, &terms);
    for t in terms.into_iter().chain([all]) {
        let mut bytes = encode(t, &Opts::default()).unwrap();
        let n = bytes.len();
        bytes.extend_from_slice(b"rest");
        let mut p = Partial::start(&bytes, false).unwrap();
        let (got, used) = loop {
            let mut budget = 1;
            match p.run(ctx, &mut budget) {
                Progress::Done(g, u) => break (g, u),
                Progress::More => {}
                Progress::Bad => panic!("bad"),
            }
        };
        assert!(eq_exact(got, t));
        assert_eq!(used, n);
        assert_eq!(decode(ctx, &bytes, false).map(|r| r.1), Some(n));
        // Cut short: fails after the slices it can do.
        let mut p = Partial::start(&bytes[..n - 1], false).unwrap();
        let bad = loop {
            let mut budget = 1;
            match p.run(ctx, &mut budget) {
                Progress::More => continue,
                Progress::Bad => break true,
                Progress::Done(..) => break false,
            }
        };
        assert!(bad || n <= 2);
    }
    let all_terms = list_from_slice(
        ctx,
        &[Term::small(1000), Term::small(2000), Term::small(3000)],
    );
    let bytes = encode(all_terms, &Opts::default()).unwrap();
    let mut p = Partial::start(&bytes, false).unwrap();
    let mut slices = 0;
    loop {
        let mut budget = 1;
        match p.run(ctx, &mut budget) {
            Progress::Done(..) => break,
            Progress::More => slices += 1,
            Progress::Bad => panic!("bad"),
        }
    }
    // A list of 3 and its tail: 5 terms at one a slice.
    assert_eq!(slices, 4);
}
