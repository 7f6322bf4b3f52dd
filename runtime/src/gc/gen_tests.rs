//! Generational collection: promotion at the second collection, minor
//! collections that leave the old heap alone, major collections (forced,
//! `fullsweep_after`, a full old heap) that fold it back, refc binaries
//! promoted and released. (No test makes an old object point at a young
//! one: the mutator never does, see `copier`.)

use super::tests::{decode, list, R, TP};
use super::*;
use crate::data::binary::build::make_binary;
use crate::data::binary::layout::{proc_bin_buf, BinBuf};

fn data() -> R {
    R::Tuple(vec![
        R::Int(1),
        list(vec![R::Float(2.5f64.to_bits()), R::Big(true, vec![9, 9])]),
        R::Fun(0xabc0, vec![R::Atom(4)]),
    ])
}

#[test]
fn promoted_at_the_second_collection() {
    let mut tp = TP::new(233);
    tp.ctx.x[0] = tp.build(&data());
    tp.gc(0, 1);
    // Survived once: young, below the high-water mark.
    assert!(tp.in_young(tp.ctx.x[0]));
    assert!(tp.p().old_heap.is_none());
    assert_eq!(tp.p().hwm, tp.ctx.hp);
    tp.build(&data()); // garbage
    tp.gc(0, 1);
    // Survived twice: in the old heap, and the young heap is empty.
    assert!(!tp.in_young(tp.ctx.x[0]));
    assert!(tp.p().in_old_heap(tp.ctx.x[0].raw() as usize & !3));
    assert_eq!(tp.p().heap_used(), 0);
    assert_eq!(decode(tp.ctx.x[0]), data());
    // The first collection had nothing to promote and no old heap: a
    // major one, as in BEAM; the second was minor.
    assert_eq!(tp.p().minor_gcs, 1);
}

#[test]
fn minor_collections_leave_the_old_heap_alone() {
    let mut tp = TP::new(233);
    tp.ctx.x[0] = tp.build(&data());
    tp.gc(0, 1);
    tp.gc(0, 1);
    let old = tp.ctx.x[0];
    let used = tp.p().old_used();
    assert!(used > 0);
    tp.ctx.x[1] = NIL_T;
    for _ in 0..20 {
        // Young data pointing at old data survives beside it.
        let ctx = &mut tp.ctx;
        let tail = ctx.x[1];
        let young = super::tests::cons(&mut |n| ctx.alloc(n), old, tail);
        tp.ctx.x[1] = young;
        tp.build(&data()); // garbage
        tp.gc(0, 2);
        assert_eq!(tp.ctx.x[0], old, "old objects do not move");
        // SAFETY: x1 is a one-element list.
        assert_eq!(unsafe { tp.ctx.x[1].head() }, old);
    }
    // The list cells were promoted in turn (each survived two
    // collections), the old tuple was never copied again.
    // SAFETY: x1 is a proper list.
    assert_eq!(crate::data::build::list_length(tp.ctx.x[1]), Some(20));
    assert!(tp.p().old_used() > used);
    assert_eq!(decode(old), data());
}

const NIL_T: Term = crate::term::NIL;

#[test]
fn major_collection_empties_the_old_heap() {
    let mut tp = TP::new(233);
    tp.ctx.x[0] = tp.build(&data());
    tp.gc(0, 1);
    tp.gc(0, 1);
    assert!(tp.p().old_heap.is_some());
    collect_major(&mut tp.ctx, 0, 1);
    assert!(tp.p().old_heap.is_none());
    assert!(tp.in_young(tp.ctx.x[0]));
    assert_eq!(decode(tp.ctx.x[0]), data());
    assert_eq!(tp.p().minor_gcs, 0);
}

#[test]
fn fullsweep_after_bounds_minor_collections() {
    let mut tp = TP::new(233);
    tp.pm().fullsweep_after = 3;
    tp.ctx.x[0] = tp.build(&data());
    let mut majors = 0;
    for i in 0..12 {
        tp.build(&data());
        let before = tp.p().minor_gcs;
        tp.gc(0, 1);
        if tp.p().minor_gcs == 0 {
            // (The first one: nothing to promote yet, a major one.)
            assert!(before == 3 || i == 0, "{i}: {before}");
            assert!(tp.p().old_heap.is_none());
            majors += 1;
        }
        assert_eq!(decode(tp.ctx.x[0]), data());
    }
    assert_eq!(majors, 3);
    // fullsweep_after 0: every collection is major, nothing is promoted.
    tp.pm().fullsweep_after = 0;
    for _ in 0..3 {
        tp.gc(0, 1);
        assert!(tp.p().old_heap.is_none());
    }
}

#[test]
fn a_full_old_heap_forces_a_major_collection() {
    let mut tp = TP::new(233);
    // A growing live list: each collection promotes what survived the
    // previous one, until the old heap is too small for it.
    let mut l = crate::term::NIL;
    let mut saw_old = false;
    let mut saw_major = false;
    for i in 0..3000 {
        let ctx = &mut tp.ctx;
        l = super::tests::cons(&mut |n| ctx.alloc(n), Term::small(i), l);
        if tp.free() < 4 {
            tp.ctx.x[0] = l;
            let before = tp.p().minor_gcs;
            tp.gc(0, 1);
            l = tp.ctx.x[0];
            saw_old |= tp.p().old_heap.is_some();
            saw_major |= before > 0 && tp.p().minor_gcs == 0;
        }
    }
    assert!(saw_old && saw_major);
    let expect: Vec<R> = (0..3000).rev().map(R::Int).collect();
    assert_eq!(decode(l), list(expect));
}

#[test]
fn promoted_refc_binaries_live_until_a_major_collection_drops_them() {
    let mut tp = TP::new(233);
    let t = make_binary(&mut tp.ctx, &[7u8; 300]);
    // SAFETY: a refc binary.
    let buf = unsafe { proc_bin_buf(t) };
    // SAFETY: the buffer is live; this reference keeps it so.
    unsafe { BinBuf::retain(buf) };
    tp.ctx.x[0] = t;
    tp.gc(0, 1);
    tp.gc(0, 1);
    assert!(tp.p().in_old_heap(tp.ctx.x[0].raw() as usize & !3));
    assert_eq!(tp.p().off_heap.len(), 1);
    // Dead now, but minor collections do not look at the old heap.
    tp.gc(0, 0);
    // SAFETY: the extra reference keeps the buffer.
    assert_eq!(unsafe { BinBuf::refs(buf) }, 2);
    assert_eq!(tp.p().off_heap.len(), 1);
    collect_major(&mut tp.ctx, 0, 0);
    // SAFETY: as above.
    assert_eq!(unsafe { BinBuf::refs(buf) }, 1);
    assert!(tp.p().off_heap.is_empty());
    // SAFETY: our own reference.
    unsafe { BinBuf::release(buf) };
}

#[test]
fn min_heap_size_is_kept() {
    let mut tp = TP::new(233);
    tp.pm().min_heap = next_heap_size(5000);
    tp.ctx.x[0] = tp.build(&data());
    tp.gc(0, 1);
    assert!(tp.p().block.len() >= 5000);
    tp.gc(0, 1);
    assert!(tp.p().block.len() >= 5000);
}
