//! Copy tests: sizes, flat copies into fragments, long and deep terms.

use super::*;
use crate::gc::tests::{build, cons, decode, list, scaled, R, TP};
use crate::term::{make_header, HDR_TUPLE, NIL};

fn within(t: Term, frag: &[u64]) -> bool {
    let a = t.raw() as usize & !3;
    let s = frag.as_ptr() as usize;
    a >= s && a < s + frag.len() * 8
}

#[test]
fn sizes() {
    assert_eq!(size_of(Term::small(3)), 0);
    assert_eq!(size_of(NIL), 0);
    let mut tp = TP::new(2000);
    let cases = [
        (R::Tuple(vec![]), 1),
        (R::Float(1), 2),
        (list(vec![R::Int(1), R::Int(2)]), 4),
        (
            R::Tuple(vec![R::Int(1), list(vec![R::Float(1)])]),
            3 + 2 + 2,
        ),
        (R::Fun(0x1002, vec![R::Big(false, vec![1, 2])]), 3 + 3),
        (
            R::List(vec![R::Ref(1, 2)], Box::new(R::Export(3))),
            2 + 3 + 2,
        ),
    ];
    for (r, n) in cases {
        assert_eq!(size_of(tp.build(&r)), n, "{r:?}");
    }
}

#[test]
fn shared_subterms_are_copied_per_reference() {
    let mut tp = TP::new(2000);
    let shared = tp.build(&R::Tuple(vec![R::Int(1), R::Int(2)]));
    let ctx = &mut tp.ctx;
    let l = cons(&mut |n| ctx.alloc(n), shared, NIL);
    let l = cons(&mut |n| ctx.alloc(n), shared, l);
    assert_eq!(size_of(l), 2 * (2 + 3));
    let m = copy_to_message(l);
    let f = m.frag.as_ref().unwrap();
    assert_eq!(f.len(), 10);
    assert_eq!(
        decode(m.term),
        list(vec![R::Tuple(vec![R::Int(1), R::Int(2)]); 2])
    );
}

#[test]
#[cfg_attr(miri, ignore = "the literal area reserves 16 GB of address space")]
fn message_is_self_contained() {
    let mut tp = TP::new(233);
    let lit = build(
        &mut crate::term::literal::alloc,
        &R::Tuple(vec![R::Atom(9), R::Float(4)]),
    );
    let r = crate::gc::tests::R::Tuple(vec![
        R::Int(1),
        list(vec![R::Float(2), R::Nil, R::Pid(3)]),
        R::Fun(0xabc0, vec![R::Ref(5, 6), R::Atom(2)]),
    ]);
    let t = tp.build(&r);
    let ctx = &mut tp.ctx;
    let with_lit = cons(&mut |n| ctx.alloc(n), lit, t);
    let m = copy_to_message(with_lit);
    let f = m.frag.as_ref().unwrap();
    assert_eq!(f.len(), size_of(with_lit));
    assert!(within(m.term, f));
    // Every pointer inside the copy points into the fragment, literals too.
    let mut i = 0;
    while i < f.len() {
        let w = f[i];
        if w & 3 == 0 {
            let (first, count) = crate::gc::term_fields(w);
            for j in 0..count {
                let e = Term(f[i + 1 + first + j]);
                assert!(e.is_immed() || within(e, f));
            }
            i += 1 + crate::term::header_arity(w);
        } else {
            for e in [Term(f[i]), Term(f[i + 1])] {
                assert!(e.is_immed() || within(e, f));
            }
            i += 2;
        }
    }
    let expect = R::List(vec![R::Tuple(vec![R::Atom(9), R::Float(4)])], Box::new(r));
    assert_eq!(decode(m.term), expect);
}

#[test]
fn immediates_need_no_fragment() {
    let m = copy_to_message(Term::atom(3));
    assert!(m.frag.is_none());
    assert_eq!(m.term, Term::atom(3));
    let m = copy_to_message(NIL);
    assert!(m.frag.is_none());
}

#[test]
fn long_list_copies_iteratively() {
    let mut tp = TP::new(233);
    let ctx = &mut tp.ctx;
    let mut l = NIL;
    let len = scaled(1_000_000) as i64;
    for i in (0..len).rev() {
        let h = if i % 2 == 0 {
            Term::small(i)
        } else {
            build(&mut |n| ctx.alloc(n), &R::Float(i as u64))
        };
        l = cons(&mut |n| ctx.alloc(n), h, l);
    }
    assert_eq!(size_of(l) as i64, 2 * len + len);
    let m = copy_to_message(l);
    let mut c = m.term;
    let mut i = 0i64;
    // SAFETY: a proper list of smalls and floats.
    unsafe {
        while c.is_list() {
            let h = c.head();
            if i % 2 == 0 {
                assert_eq!(h, Term::small(i));
            } else {
                assert_eq!(decode(h), R::Float(i as u64));
            }
            i += 1;
            c = c.tail();
        }
    }
    assert_eq!((i, c), (len, NIL));
}

#[test]
fn deep_nesting_copies_iteratively() {
    // {{{...{[]}...}}} nested 1,000,000 deep, and a list nested in heads.
    let mut tp = TP::new(233);
    let depth = scaled(1_000_000);
    let mut t = NIL;
    for _ in 0..depth {
        let p = tp.ctx.alloc(2);
        // SAFETY: two fresh words.
        unsafe {
            *p = make_header(1, HDR_TUPLE);
            *p.add(1) = t.raw();
        }
        t = Term::boxed_from_ptr(p);
        let ctx = &mut tp.ctx;
        t = cons(&mut |n| ctx.alloc(n), t, NIL);
    }
    assert_eq!(size_of(t), depth * 4);
    let m = copy_to_message(t);
    let mut c = m.term;
    let mut n = 0;
    // SAFETY: alternating one-element lists and 1-tuples.
    unsafe {
        while c.is_list() {
            assert!(c.tail().is_nil());
            c = c.head().tuple_elem(0);
            n += 1;
        }
    }
    assert_eq!((n, c), (depth, NIL));
}

#[test]
fn message_then_gc() {
    let mut tp = TP::new(233);
    let mut src = TP::new(233);
    let r = R::Tuple(vec![
        list((0..100).map(R::Int).collect()),
        R::Big(true, vec![5, 6]),
    ]);
    let t = src.build(&r);
    tp.pm().msgq.push_back(copy_to_message(t));
    // A queued message is not collected: it stays in its fragment.
    tp.gc(0, 0);
    assert!(tp.p().msgq[0].frag.is_some());
    assert_eq!(decode(tp.p().msgq[0].term), r);
    assert_eq!(tp.p().heap_used(), 0);
    // Taken out of the queue (as `remove_message` does), its fragment
    // joins the heap fragments and the next GC copies it into the heap.
    let m = tp.pm().msgq.pop_front().unwrap();
    let words = m.frag.unwrap();
    let used = words.len();
    tp.pm()
        .frags
        .push(crate::heap::process::Fragment { words, used });
    tp.ctx.x[0] = m.term;
    tp.gc(0, 1);
    assert!(tp.in_heap(tp.ctx.x[0]));
    assert_eq!(decode(tp.ctx.x[0]), r);
    assert_eq!(tp.p().heap_used(), size_of(t));
}
