//! Shrinking a young block right after a collection without copying its
//! heap (BEAM's `shrink_new_heap`): the to-space was sized for the worst
//! case; when the live data fills little of it, the stack moves down to
//! the new end and the allocation is cut with `realloc`. glibc shrinks in
//! place; should an allocator move the block instead, every pointer into
//! it is offset (heap, stack, roots, the off-heap list), which is still
//! cheaper than the second Cheney copy this replaces (that copy cost
//! b_lists 8% more CPU time once heaps shrank as BEAM's do).

use super::copier::is_pointer;
use super::{term_fields, ExtraRoots};
use crate::heap::process::Process;
use crate::term::{header_arity, TAG_PRIMARY_HEADER, TAG_PRIMARY_MASK};

/// Shrinks `p`'s young block (heap top `hp`, stack pointer `sp`) to
/// `words` words and returns the new `(hp, sp)`.
/// # Safety
/// Right after a collection of `p`: the heap `[start, hp)` is a sequence of
/// whole objects, `words` is at least heap + stack words, and every
/// pointer into the block is in the heap, the stack, `extra`, the saved X
/// registers, the dictionary, the exit reason or the off-heap list (the
/// old heap never points into the young block).
pub(super) unsafe fn shrink_in_place(
    p: &mut Process,
    extra: &mut ExtraRoots<'_>,
    hp: *mut u64,
    sp: *mut u64,
    words: usize,
) -> (*mut u64, *mut u64) {
    let old_start = p.heap_start();
    let stack_words = (p.stack_top() as usize - sp as usize) / 8;
    let heap_words = (hp as usize - old_start as usize) / 8;
    debug_assert!(heap_words + stack_words <= words && words <= p.block.len());
    // The stack moves down to the new end (the regions may overlap).
    std::ptr::copy(sp, old_start.add(words - stack_words), stack_words);
    let new_start = p.block.shrink(words);
    let delta = (new_start as usize).wrapping_sub(old_start as usize);
    if delta != 0 {
        let lo = old_start as usize;
        relocate(
            p,
            extra,
            new_start,
            heap_words,
            stack_words,
            lo,
            lo + words * 8,
            delta,
        );
    }
    let hp = new_start.add(heap_words);
    let sp = new_start.add(words - stack_words);
    p.hp = hp;
    p.sp = sp;
    p.hwm = hp;
    (hp, sp)
}

/// Adds `delta` to every pointer into `[lo, hi)`, the block's old range,
/// now that its words are at `start` (`heap_words` of heap, the stack at
/// the end).
#[allow(clippy::too_many_arguments)]
#[cold]
pub(super) unsafe fn relocate(
    p: &mut Process,
    extra: &mut ExtraRoots<'_>,
    start: *mut u64,
    heap_words: usize,
    stack_words: usize,
    lo: usize,
    hi: usize,
    delta: usize,
) {
    let fix = |w: &mut u64| {
        if is_pointer(*w) {
            let a = (*w & !TAG_PRIMARY_MASK) as usize;
            if a >= lo && a < hi {
                *w = w.wrapping_add(delta as u64);
            }
        }
    };
    // The heap: headed objects (their term fields) and cons cells.
    let end = start.add(heap_words);
    let mut s = start;
    while s < end {
        let h = *s;
        if h & TAG_PRIMARY_MASK == TAG_PRIMARY_HEADER {
            let (first, count) = term_fields(h);
            for i in 0..count {
                fix(&mut *s.add(1 + first + i));
            }
            s = s.add(1 + header_arity(h));
        } else {
            fix(&mut *s);
            fix(&mut *s.add(1));
            s = s.add(2);
        }
    }
    let top = start.add(p.block.len());
    for i in 1..=stack_words {
        fix(&mut *top.sub(i));
    }
    match extra {
        ExtraRoots::Running { x, exc } => {
            for t in x.iter_mut() {
                fix(&mut t.0);
            }
            for t in exc.iter_mut() {
                fix(&mut t.0);
            }
        }
        ExtraRoots::Suspended => {
            for t in p.saved_x.iter_mut() {
                fix(&mut t.0);
            }
        }
    }
    for (k, v) in p.dict.iter_mut() {
        fix(&mut k.0);
        fix(&mut v.0);
    }
    fix(&mut p.exit_reason.0);
    for o in p.off_heap.iter_mut() {
        let a = *o as usize;
        if a >= lo && a < hi {
            *o = (a.wrapping_add(delta)) as *mut u64;
        }
    }
}
