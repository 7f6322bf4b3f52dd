//! The binary virtual heap (`heap/vheap.rs`) as collections keep it:
//! counting refc binaries, asking for a collection when over budget,
//! resizing the budgets, promoted binaries filling the old generation's
//! budget and forcing a major collection.

use super::tests::TP;
use crate::data::binary::build::make_binary;
use crate::data::binary::layout::{proc_bin_buf, BinBuf};

const MB: usize = 1 << 20;

#[test]
fn a_big_binary_asks_for_a_collection_that_frees_it() {
    let mut tp = TP::new(233);
    tp.ctx.reds = 100;
    let t = make_binary(&mut tp.ctx, &vec![1u8; MB]);
    assert_eq!(tp.p().bin_vheap, (MB / 8) as u64);
    assert!(tp.p().vheap_over() && tp.p().gc_desired());
    assert!(tp.ctx.reds <= 0, "spends the reductions to yield");
    // SAFETY: a refc binary; this extra reference keeps its buffer.
    let buf = unsafe { proc_bin_buf(t) };
    unsafe { BinBuf::retain(buf) };
    // Dropped: the collection releases the process's reference.
    tp.gc(0, 0);
    // SAFETY: our reference keeps the buffer.
    assert_eq!(unsafe { BinBuf::refs(buf) }, 1);
    assert_eq!(tp.p().bin_vheap, 0);
    assert!(!tp.p().gc_desired());
    // SAFETY: our own reference.
    unsafe { BinBuf::release(buf) };
}

#[test]
fn small_binaries_do_not() {
    let mut tp = TP::new(233);
    tp.ctx.reds = 100;
    let t = make_binary(&mut tp.ctx, &[1u8; 1000]);
    assert_eq!(tp.p().bin_vheap, 125);
    assert!(!tp.p().vheap_over());
    assert_eq!(tp.ctx.reds, 100);
    tp.ctx.x[0] = t;
    tp.gc(0, 1);
    assert_eq!(tp.p().bin_vheap, 125);
}

#[test]
fn budgets_follow_the_live_binaries() {
    let mut tp = TP::new(233);
    let min = tp.p().min_bin_vheap;
    tp.ctx.x[0] = make_binary(&mut tp.ctx, &vec![2u8; MB]);
    // Nothing old yet: a major collection; the binary stays live.
    tp.gc(0, 1);
    let p = tp.p();
    assert_eq!(p.minor_gcs, 0);
    assert_eq!(p.bin_vheap, (MB / 8) as u64);
    assert_eq!(
        p.bin_vheap_sz,
        crate::heap::vheap::next_vheap_size(p.bin_vheap, min, min)
    );
    assert!(p.bin_vheap_sz > p.bin_vheap * 4 / 3);
    assert_eq!(p.bin_old_vheap_sz, p.bin_vheap_sz);
    // The next (minor) collection promotes it: its words move to the old
    // generation's count and the young budget halves.
    let young_sz = p.bin_vheap_sz;
    tp.gc(0, 1);
    let p = tp.p();
    assert_eq!(p.minor_gcs, 1);
    assert!(p.in_old_heap(tp.ctx.x[0].raw() as usize & !3));
    assert_eq!((p.bin_vheap, p.bin_old_vheap), (0, (MB / 8) as u64));
    assert_eq!(p.bin_vheap_sz, (young_sz / 2).max(min));
}

#[test]
fn a_full_old_binary_budget_forces_a_major_collection() {
    let mut tp = TP::new(233);
    tp.ctx.x[0] = make_binary(&mut tp.ctx, &vec![3u8; MB]);
    tp.gc(0, 1);
    tp.gc(0, 1);
    assert!(tp.p().old_heap.is_some() && tp.p().bin_old_vheap > 0);
    // Budget exceeded: the next collection is major, whatever was asked.
    tp.pm().bin_old_vheap_sz = 1000;
    assert!(tp.p().old_vheap_full());
    tp.gc(0, 1);
    let p = tp.p();
    assert_eq!(p.minor_gcs, 0);
    assert!(p.old_heap.is_none());
    assert_eq!((p.bin_vheap, p.bin_old_vheap), ((MB / 8) as u64, 0));
}

#[test]
fn received_binaries_count() {
    let mut tp = TP::new(233);
    let t = make_binary(&mut tp.ctx, &vec![4u8; 100_000]);
    let m = crate::gc::copy::copy_to_message(t);
    let before = tp.p().bin_vheap;
    crate::gc::copy::adopt(tp.pm(), m);
    assert_eq!(tp.p().bin_vheap, before + 12_500);
}
