//! Compressed objects: BEAM's sizes (erl 25's `ets:info(T, memory)` of a
//! set holding one object, minus the empty table's) and decoding back to
//! an equal term.

use super::*;
use crate::data::compare::eq_exact;
use crate::ets::object::Stored;
use crate::term::NIL;
use crate::testutil::TestProc;
use num_bigint::BigInt;

/// Words a hash table's object takes, as `Stored::words` counts them.
fn words(t: Term) -> (usize, usize) {
    let c = Stored::new_compressed(t, 1);
    let n = Stored::new(t);
    let back = c.with_term(|v| eq_exact(v, t));
    assert!(back, "decoded view differs");
    (c.words(), n.words())
}

#[test]
fn sizes_are_erls() {
    let mut tp = TestProc::new();
    let ctx = tp.ctx();
    let b = crate::data::build::make_tuple;
    let s = |ctx: &mut crate::heap::ctx::Ctx, x: &str| {
        crate::data::build::list_from_slice(
            ctx,
            &x.bytes().map(|c| Term::small(c as i64)).collect::<Vec<_>>(),
        )
    };
    let one = Term::small(1);
    // {1, "1"} 9 (uncompressed 9), {1, "1234"} 9 (15), {1, "12345678"} 10.
    let o = {
        let l = s(ctx, "1");
        b(ctx, &[one, l])
    };
    assert_eq!(words(o), (9, 9));
    let o = {
        let l = s(ctx, "1234");
        b(ctx, &[one, l])
    };
    assert_eq!(words(o), (9, 15));
    let o = {
        let l = s(ctx, "12345678");
        b(ctx, &[one, l])
    };
    assert_eq!(words(o).0, 10);
    // {1, a} 8, {1, 1.0} 10, {1, {}} 9, {1, [a]} 10.
    let a = crate::term::atom::intern("a");
    let o = b(ctx, &[one, a]);
    assert_eq!(words(o).0, 8);
    let f = crate::data::build::make_float(ctx, 1.0);
    let o = b(ctx, &[one, f]);
    assert_eq!(words(o).0, 10);
    let e = b(ctx, &[]);
    let o = b(ctx, &[one, e]);
    assert_eq!(words(o).0, 9);
    let l = crate::data::build::list_from_slice(ctx, &[a]);
    let o = b(ctx, &[one, l]);
    assert_eq!(words(o).0, 10);
    // {1, 1 bsl 70} 10; {{a,b}, x} 11 (the key stays a term).
    let big = crate::data::big::make_integer(ctx, &(BigInt::from(1) << 70usize));
    let o = b(ctx, &[one, big]);
    assert_eq!(words(o).0, 10);
    let k = b(ctx, &[a, a]);
    let x = crate::term::atom::intern("x");
    let o = b(ctx, &[k, x]);
    assert_eq!(words(o).0, 11);
    // {1, "abcdefgh", "abcdefgh"} 12.
    let (l1, l2) = (s(ctx, "abcdefgh"), s(ctx, "abcdefgh"));
    let o = b(ctx, &[one, l1, l2]);
    assert_eq!(words(o).0, 12);
}

#[test]
fn nested_terms_round_trip() {
    let mut tp = TestProc::new();
    let ctx = tp.ctx();
    let b = crate::data::build::make_tuple;
    let a = crate::term::atom::intern("abc");
    let big = crate::data::big::make_integer(ctx, &(-(BigInt::from(1) << 200usize)));
    let f = crate::data::build::make_float(ctx, -2.5);
    let r = crate::data::build::make_ref(ctx);
    let inner = b(
        ctx,
        &[
            Term::small(1 << 40),
            Term::small(-7),
            Term::small(300),
            big,
            f,
            r,
            a,
        ],
    );
    let tail = crate::data::build::list_from_slice(ctx, &[inner, Term::pid(3)]);
    let o = b(ctx, &[Term::small(9), tail, inner, NIL]);
    let c = Stored::new_compressed(o, 1);
    assert!(c.with_term(|v| eq_exact(v, o)));
    // Copied out: equal, and on the heap.
    let h = c.to_heap(ctx);
    assert!(eq_exact(h, o));
    let e = c.elem_to_heap(ctx, 2);
    assert!(eq_exact(e, inner));
}
