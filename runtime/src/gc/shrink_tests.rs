//! Cutting a young block after a collection (`shrink.rs`): in place, and
//! the relocation that runs if the allocator moved the block.

use super::tests::{decode, list, R, TP};
use super::*;

fn data(n: i64) -> R {
    R::Tuple(vec![
        R::Int(n),
        list(vec![R::Float(2.5f64.to_bits()), R::Big(true, vec![9, 9])]),
        R::Fun(0xabc0, vec![R::Atom(4)]),
    ])
}

#[test]
fn a_mostly_empty_block_is_cut_after_a_major_collection() {
    let mut tp = TP::new(233);
    // Much garbage, a little live data, a stack frame pointing at it.
    tp.ctx.x[0] = tp.build(&data(1));
    for i in 0..4000 {
        tp.build(&data(i));
    }
    let live = tp.build(&data(7));
    tp.push(live.raw());
    collect_major(&mut tp.ctx, 0, 1);
    assert!(tp.p().block.len() < 1000, "{}", tp.p().block.len());
    assert_eq!(decode(tp.ctx.x[0]), data(1));
    // SAFETY: the word pushed above is on the stack.
    assert_eq!(decode(Term(unsafe { *tp.ctx.sp })), data(7));
    assert_eq!(tp.p().stack_top(), unsafe { tp.ctx.sp.add(1) });
}

#[test]
fn relocation_offsets_every_pointer() {
    let mut tp = TP::new(233);
    tp.ctx.x[0] = tp.build(&data(3));
    tp.ctx.x[1] = tp.build(&list(vec![data(4), data(5)]));
    let st = tp.build(&data(6));
    tp.push(st.raw());
    tp.gc(0, 2);
    // Copy the block elsewhere, as a moving `realloc` would, and offset.
    let p = tp.pm();
    let (start, len) = (p.heap_start(), p.block.len());
    let heap_words = (tp.ctx.hp as usize - start as usize) / 8;
    let stack_words = (tp.p().stack_top() as usize - tp.ctx.sp as usize) / 8;
    let mut moved = crate::heap::process::HeapBlock::uninit(len);
    // SAFETY: both blocks hold `len` words.
    unsafe { std::ptr::copy_nonoverlapping(start, moved.as_mut_ptr(), len) };
    let new_start = moved.as_mut_ptr();
    std::mem::swap(&mut tp.pm().block, &mut moved);
    let delta = (new_start as usize).wrapping_sub(start as usize);
    let lo = start as usize;
    let ctx = &mut tp.ctx;
    let p = unsafe { &mut *ctx.proc_ };
    let mut extra = ExtraRoots::Running {
        x: &mut ctx.x[..2],
        exc: [
            &mut ctx.exc_reason,
            &mut ctx.exc_trace,
            &mut ctx.exc_top,
            &mut ctx.exc_prebuilt,
        ],
    };
    // SAFETY: the copy holds the collected heap and stack.
    unsafe {
        shrink::relocate(
            p,
            &mut extra,
            new_start,
            heap_words,
            stack_words,
            lo,
            lo + len * 8,
            delta,
        );
    }
    drop(moved); // the old block
    tp.ctx.hp = unsafe { new_start.add(heap_words) };
    tp.ctx.sp = unsafe { new_start.add(len - stack_words) };
    assert_eq!(decode(tp.ctx.x[0]), data(3));
    assert_eq!(decode(tp.ctx.x[1]), list(vec![data(4), data(5)]));
    // SAFETY: the pushed word is on the stack.
    assert_eq!(decode(Term(unsafe { *tp.ctx.sp })), data(6));
    // And a collection of the moved heap still works.
    tp.gc(0, 2);
    assert_eq!(decode(tp.ctx.x[1]), list(vec![data(4), data(5)]));
}
