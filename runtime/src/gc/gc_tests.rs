//! GC tests: terms built by hand on a test process, collected with various
//! roots, and compared against a reference Rust structure. The builders
//! and the decoder are shared with the copy tests.

use super::*;
use crate::heap::process::Message;
use crate::term::{
    make_header, HDR_EXPORT, HDR_FLOAT, HDR_NEG_BIG, HDR_POS_BIG, HDR_REF, NIL, NON_VALUE,
    TAG_PRIMARY_IMMED1, TAG_PRIMARY_LIST,
};

/// A reference term.
#[derive(Clone, Debug, PartialEq)]
pub enum R {
    Int(i64),
    Atom(u32),
    Nil,
    Pid(u64),
    Float(u64),
    Big(bool, Vec<u64>),
    Ref(u64, u64),
    Tuple(Vec<R>),
    /// Elements and tail (improper if the tail is not `Nil`).
    List(Vec<R>, Box<R>),
    /// Raw FunEntry word and free variables.
    Fun(u64, Vec<R>),
    Export(u64),
}

pub fn list(v: Vec<R>) -> R {
    R::List(v, Box::new(R::Nil))
}

/// Builds `r` with the allocator `alloc`.
pub fn build(alloc: &mut dyn FnMut(usize) -> *mut u64, r: &R) -> Term {
    // SAFETY (all blocks below): `alloc(n)` returns n writable words.
    unsafe {
        match r {
            R::Int(i) => Term::small(*i),
            R::Atom(a) => Term::atom(*a),
            R::Nil => NIL,
            R::Pid(n) => Term::pid(*n),
            R::Float(bits) => raw_obj(alloc, HDR_FLOAT, &[*bits]),
            R::Big(neg, limbs) => {
                raw_obj(alloc, if *neg { HDR_NEG_BIG } else { HDR_POS_BIG }, limbs)
            }
            R::Ref(a, b) => raw_obj(alloc, HDR_REF, &[*a, *b]),
            R::Export(e) => raw_obj(alloc, HDR_EXPORT, &[*e]),
            R::Tuple(es) => {
                let ts: Vec<Term> = es.iter().map(|e| build(alloc, e)).collect();
                let p = alloc(1 + ts.len());
                *p = make_header(ts.len(), HDR_TUPLE);
                for (i, t) in ts.iter().enumerate() {
                    *p.add(1 + i) = t.raw();
                }
                Term::boxed_from_ptr(p)
            }
            R::Fun(entry, fv) => {
                let ts: Vec<Term> = fv.iter().map(|e| build(alloc, e)).collect();
                let p = alloc(2 + ts.len());
                *p = make_header(1 + ts.len(), HDR_FUN);
                *p.add(1) = *entry;
                for (i, t) in ts.iter().enumerate() {
                    *p.add(2 + i) = t.raw();
                }
                Term::boxed_from_ptr(p)
            }
            R::List(es, tail) => {
                let mut t = build(alloc, tail);
                for e in es.iter().rev() {
                    let h = build(alloc, e);
                    t = cons(alloc, h, t);
                }
                t
            }
        }
    }
}

/// # Safety
/// `alloc(n)` must return n writable words.
unsafe fn raw_obj(alloc: &mut dyn FnMut(usize) -> *mut u64, sub: u64, payload: &[u64]) -> Term {
    let p = alloc(1 + payload.len());
    *p = make_header(payload.len(), sub);
    std::ptr::copy_nonoverlapping(payload.as_ptr(), p.add(1), payload.len());
    Term::boxed_from_ptr(p)
}

pub fn cons(alloc: &mut dyn FnMut(usize) -> *mut u64, h: Term, t: Term) -> Term {
    let p = alloc(2);
    // SAFETY: two fresh words.
    unsafe {
        *p = h.raw();
        *p.add(1) = t.raw();
    }
    Term::list_from_ptr(p)
}

/// Decodes `t` into a reference term (iterative over list spines).
pub fn decode(t: Term) -> R {
    // SAFETY: tests only decode valid terms.
    unsafe {
        if t.is_small() {
            return R::Int(t.small_value());
        }
        if t.is_atom() {
            return R::Atom(t.atom_index());
        }
        if t.is_nil() {
            return R::Nil;
        }
        if t.is_pid() {
            return R::Pid(t.pid_number());
        }
        if t.is_list() {
            let mut es = Vec::new();
            let mut c = t;
            while c.is_list() {
                es.push(decode(c.head()));
                c = c.tail();
            }
            return R::List(es, Box::new(decode(c)));
        }
        assert!(t.is_boxed(), "unexpected word {t:?}");
        let p = t.boxed_ptr();
        let h = *p;
        let n = header_arity(h);
        let payload = |i: usize| *p.add(1 + i);
        match header_subtag(h) {
            HDR_TUPLE => R::Tuple((0..n).map(|i| decode(Term(payload(i)))).collect()),
            HDR_FUN => R::Fun(
                payload(0),
                (1..n).map(|i| decode(Term(payload(i)))).collect(),
            ),
            HDR_FLOAT => R::Float(payload(0)),
            HDR_POS_BIG => R::Big(false, (0..n).map(payload).collect()),
            HDR_NEG_BIG => R::Big(true, (0..n).map(payload).collect()),
            HDR_REF => R::Ref(payload(0), payload(1)),
            HDR_EXPORT => R::Export(payload(0)),
            s => panic!("unknown subtag {s:#x}"),
        }
    }
}

/// A process bound to a context, as a scheduler sets them up. The process
/// is held through the same raw pointer the context has, so the two never
/// alias a `Box` (Miri checks this).
pub struct TP {
    proc_: *mut Process,
    pub ctx: Box<Ctx>,
}

impl Drop for TP {
    fn drop(&mut self) {
        // SAFETY: `proc_` came from `Box::into_raw` and is freed once.
        drop(unsafe { Box::from_raw(self.proc_) });
    }
}

impl TP {
    pub fn new(words: usize) -> TP {
        let p = Box::into_raw(Process::new(Term::pid(1), words));
        let mut ctx = Ctx::new(0);
        ctx.proc_ = p;
        // SAFETY: `p` is a live process.
        unsafe {
            ctx.hp = (*p).hp;
            ctx.sp = (*p).sp;
        }
        TP { proc_: p, ctx }
    }
    pub fn p(&self) -> &Process {
        // SAFETY: the process lives as long as `self`; no `&mut` to it is
        // held across this borrow.
        unsafe { &*self.proc_ }
    }
    pub fn pm(&mut self) -> &mut Process {
        // SAFETY: as `p`, and `&mut self` makes this borrow unique.
        unsafe { &mut *self.proc_ }
    }
    /// Builds `r` on the heap (or in fragments when the heap is full).
    pub fn build(&mut self, r: &R) -> Term {
        let ctx = &mut self.ctx;
        build(&mut |n| ctx.alloc(n), r)
    }
    pub fn gc(&mut self, need: usize, live: usize) {
        collect(&mut self.ctx, need, live);
        assert!(self.free() >= need);
        assert_eq!(self.p().frags.len(), 0);
    }
    pub fn free(&self) -> usize {
        (self.ctx.sp as usize - self.ctx.hp as usize) / 8
    }
    pub fn push(&mut self, w: u64) {
        assert!(self.free() >= 1);
        // SAFETY: one free word below sp.
        unsafe {
            self.ctx.sp = self.ctx.sp.sub(1);
            *self.ctx.sp = w;
        }
    }
    /// Stack word `i` counted from the top (0 = pushed first).
    pub fn stack(&self, i: usize) -> u64 {
        // SAFETY: tests ask only for pushed slots.
        unsafe { *self.p().stack_top().sub(1 + i) }
    }
    /// In the young heap's used part or the old heap's.
    pub fn in_heap(&self, t: Term) -> bool {
        self.in_young(t) || self.p().in_old_heap(t.raw() as usize & !3)
    }
    pub fn in_young(&self, t: Term) -> bool {
        let a = t.raw() as usize & !3;
        a >= self.p().heap_start() as usize && a < self.ctx.hp as usize
    }
}

/// Scales a test size down under Miri, which interprets every access.
pub const fn scaled(n: usize) -> usize {
    if cfg!(miri) {
        n / 500
    } else {
        n
    }
}

fn sample() -> R {
    R::Tuple(vec![
        R::Int(-5),
        R::Atom(3),
        R::Float(1.5f64.to_bits()),
        list(vec![
            R::Int(1),
            R::Tuple(vec![]),
            R::Pid(7),
            R::Big(true, vec![1, 2, 3]),
        ]),
        R::List(vec![R::Nil], Box::new(R::Int(9))),
        R::Ref(0x1234, 0x5678),
        R::Fun(0xd_eadb_eef0, vec![R::Atom(1), list(vec![R::Int(2)])]),
        R::Export(0x7777_0000),
        R::Big(false, vec![u64::MAX, 7]),
    ])
}

#[test]
fn size_table() {
    assert_eq!(next_heap_size(0), 233);
    assert_eq!(next_heap_size(233), 233);
    // BEAM's entries (erl reports them as heap sizes).
    assert_eq!(next_heap_size(234), 376);
    assert_eq!(next_heap_size(377), 610);
    assert_eq!(next_heap_size(1000), 1598);
    assert_eq!(next_heap_size(300_000), 318_187);
    assert_eq!(next_heap_size(833_026), 833_026);
    assert_eq!(next_heap_size(833_027), 999_631);
    let big = next_heap_size(10_000_000);
    assert!((10_000_000..12_500_000).contains(&big));
}

#[test]
fn structure_survives() {
    let mut tp = TP::new(233);
    let r = sample();
    let t = tp.build(&r);
    tp.build(&sample()); // garbage
    tp.ctx.x[0] = t;
    tp.ctx.x[1] = Term::small(42);
    tp.ctx.x[2] = tp.build(&list(vec![R::Int(1), R::Int(2)]));
    tp.gc(10, 3);
    assert_eq!(decode(tp.ctx.x[0]), r);
    assert_eq!(tp.ctx.x[1], Term::small(42));
    assert_eq!(decode(tp.ctx.x[2]), list(vec![R::Int(1), R::Int(2)]));
    assert!(tp.in_heap(tp.ctx.x[0]) && tp.in_heap(tp.ctx.x[2]));
    assert_eq!(tp.p().hp, tp.ctx.hp);
    // A second collection gives the same result.
    tp.gc(0, 3);
    assert_eq!(decode(tp.ctx.x[0]), r);
}

#[test]
fn dead_x_registers_are_ignored() {
    let mut tp = TP::new(233);
    tp.ctx.x[0] = tp.build(&sample());
    tp.ctx.x[1] = Term(0xdead_0002); // stale garbage beyond `live`
    tp.gc(0, 1);
    assert_eq!(tp.ctx.x[1], Term(0xdead_0002));
    assert_eq!(decode(tp.ctx.x[0]), sample());
}

#[test]
fn sharing_is_preserved() {
    let mut tp = TP::new(1000);
    let shared = tp.build(&R::Tuple(vec![
        R::Int(1),
        R::Float(0),
        list(vec![R::Int(3)]),
    ]));
    let ctx = &mut tp.ctx;
    let mut l = NIL;
    for _ in 0..3 {
        l = cons(&mut |n| ctx.alloc(n), shared, l);
    }
    tp.ctx.x[0] = l;
    tp.ctx.x[1] = shared;
    tp.build(&sample()); // garbage
    tp.gc(0, 2);
    // SAFETY: x0 is a 3-element list.
    unsafe {
        let l = tp.ctx.x[0];
        let a = l.head();
        assert_eq!(a, l.tail().head());
        assert_eq!(a, l.tail().tail().head());
        assert_eq!(a, tp.ctx.x[1]);
    }
    // 3 cons + tuple(4) + float(2) + cons(2): nothing copied twice.
    assert_eq!(tp.p().heap_used(), 6 + 4 + 2 + 2);
}

#[test]
fn fragments_are_folded_in_and_freed() {
    let mut tp = TP::new(233);
    let r = list(
        (0..500)
            .map(|i| R::Tuple(vec![R::Int(i), R::Float(i as u64)]))
            .collect(),
    );
    let t = tp.build(&r); // far more than 233 words: mostly fragments
    assert!(!tp.p().frags.is_empty());
    tp.ctx.x[0] = t;
    let msg_r = R::Tuple(vec![R::Atom(5), list(vec![R::Big(false, vec![1, 1])])]);
    let msg_t = tp.build(&msg_r);
    let m = crate::gc::copy::copy_to_message(msg_t);
    let queued = m.term;
    tp.pm().msgq.push_back(m);
    tp.pm().msgq.push_back(Message {
        term: Term::small(3),
        frag: None,
        token: crate::term::atom::am::UNDEFINED,
    });
    let k = tp.build(&list(vec![R::Int(1)]));
    let v = tp.build(&R::Float(77));
    tp.pm().dict.push((k, v));
    tp.pm().exit_reason = tp.build(&R::Tuple(vec![R::Atom(2)]));
    tp.gc(5, 1);
    assert_eq!(decode(tp.ctx.x[0]), r);
    assert!(tp.in_heap(tp.ctx.x[0]));
    // Queued messages stay in their own fragments, untouched.
    assert!(tp.p().msgq[0].frag.is_some());
    assert_eq!(tp.p().msgq[0].term, queued);
    assert_eq!(decode(tp.p().msgq[0].term), msg_r);
    assert!(!tp.in_heap(tp.p().msgq[0].term));
    assert_eq!(tp.p().msgq[1].term, Term::small(3));
    let (k, v) = tp.p().dict[0];
    assert!(tp.in_heap(k) && tp.in_heap(v));
    assert_eq!(
        (decode(k), decode(v)),
        (list(vec![R::Int(1)]), R::Float(77))
    );
    assert_eq!(decode(tp.p().exit_reason), R::Tuple(vec![R::Atom(2)]));
    assert_eq!(tp.p().frag_words(), 0);
}

#[test]
fn exception_registers_are_roots() {
    let mut tp = TP::new(233);
    tp.ctx.exc_reason = tp.build(&R::Tuple(vec![R::Atom(1), R::Float(3)]));
    tp.ctx.exc_trace = tp.build(&list(vec![R::Int(1)]));
    tp.ctx.exc_top = tp.build(&R::Tuple(vec![R::Atom(1), R::Float(4)]));
    tp.ctx.exc_prebuilt = tp.build(&list(vec![R::Float(5)]));
    tp.gc(0, 0);
    assert!(tp.in_heap(tp.ctx.exc_reason) && tp.in_heap(tp.ctx.exc_trace));
    assert!(tp.in_heap(tp.ctx.exc_top) && tp.in_heap(tp.ctx.exc_prebuilt));
    assert_eq!(
        decode(tp.ctx.exc_top),
        R::Tuple(vec![R::Atom(1), R::Float(4)])
    );
    assert_eq!(decode(tp.ctx.exc_prebuilt), list(vec![R::Float(5)]));
    assert_eq!(
        decode(tp.ctx.exc_reason),
        R::Tuple(vec![R::Atom(1), R::Float(3)])
    );
    tp.ctx.exc_reason = NON_VALUE;
    tp.ctx.exc_trace = NON_VALUE;
    tp.ctx.exc_top = NON_VALUE;
    tp.ctx.exc_prebuilt = NON_VALUE;
    tp.gc(0, 0);
    assert_eq!(tp.ctx.exc_reason, NON_VALUE);
    assert_eq!(tp.p().heap_used(), 0);
}

#[test]
fn stack_survives_verbatim() {
    let mut tp = TP::new(233);
    let cp = 0x7f00_1234_5670u64; // continuation address: low 4 bits 0
    let catch = Term::catch_tag(0x7f00_0000_1000).raw();
    let a = tp.build(&sample());
    let b = tp.build(&list(vec![R::Int(1), R::Float(2)]));
    let words = [
        cp,
        a.raw(),
        catch,
        Term::small(-1).raw(),
        0,
        b.raw(),
        cp + 16,
        NIL.raw(),
    ];
    for w in words {
        tp.push(w);
    }
    tp.build(&sample()); // garbage
    tp.gc(1000, 0);
    for (i, w) in words.iter().enumerate() {
        let now = tp.stack(i);
        if w & 3 == TAG_PRIMARY_LIST || w & 3 == TAG_PRIMARY_BOXED {
            assert!(tp.in_heap(Term(now)));
        } else {
            assert_eq!(now, *w, "slot {i}");
        }
    }
    assert_eq!(decode(Term(tp.stack(1))), sample());
    assert_eq!(
        decode(Term(tp.stack(5))),
        list(vec![R::Int(1), R::Float(2)])
    );
    assert_eq!(tp.p().stack_used(), words.len());
    assert_eq!(tp.ctx.sp, tp.p().sp);
}

#[test]
#[cfg_attr(miri, ignore = "the literal area reserves 16 GB of address space")]
fn literals_and_raw_words_stay_put() {
    let mut tp = TP::new(233);
    let lit = build(
        &mut crate::term::literal::alloc,
        &R::Tuple(vec![R::Int(1), list(vec![R::Float(9)])]),
    );
    tp.ctx.x[0] = lit;
    let heap_obj = tp.build(&R::Float(5));
    // Raw words that look like pointers into the heap must not be followed.
    let fake = heap_obj.raw();
    let r = R::Tuple(vec![
        R::Fun(fake, vec![R::Int(1)]),
        R::Big(false, vec![fake, heap_obj.raw() - 1]),
        R::Export(fake),
    ]);
    let t = tp.build(&r);
    let ctx = &mut tp.ctx;
    let holder = build(&mut |n| ctx.alloc(n), &R::Tuple(vec![R::Nil]));
    // SAFETY: holder is a 1-tuple.
    unsafe { *holder.boxed_ptr().add(1) = lit.raw() };
    tp.ctx.x[1] = t;
    tp.ctx.x[2] = holder;
    tp.gc(0, 3);
    assert_eq!(tp.ctx.x[0], lit);
    // SAFETY: x2 is a 1-tuple.
    assert_eq!(unsafe { tp.ctx.x[2].tuple_elem(0) }, lit);
    assert_eq!(decode(tp.ctx.x[1]), r);
    assert_eq!(
        decode(lit),
        R::Tuple(vec![R::Int(1), list(vec![R::Float(9)])])
    );
}

#[test]
fn million_element_list() {
    let mut tp = TP::new(233);
    let ctx = &mut tp.ctx;
    let mut l = NIL;
    let len = scaled(1_000_000);
    for i in (0..len as i64).rev() {
        l = cons(&mut |n| ctx.alloc(n), Term::small(i), l);
    }
    tp.ctx.x[0] = l;
    tp.gc(0, 1);
    assert_eq!(tp.p().heap_used(), 2 * len);
    let mut c = tp.ctx.x[0];
    let mut i = 0;
    // SAFETY: a proper list of smalls.
    unsafe {
        while c.is_list() {
            assert_eq!(c.head(), Term::small(i));
            i += 1;
            c = c.tail();
        }
    }
    assert_eq!((i, c), (len as i64, NIL));
}

#[test]
#[ignore = "large: 10M-element list, run explicitly"]
fn ten_million_element_list() {
    let mut tp = TP::new(233);
    let mut l = NIL;
    for i in 0..10_000_000 {
        if tp.free() < 2 {
            tp.ctx.x[0] = l;
            tp.gc(2, 1);
            l = tp.ctx.x[0];
        }
        let ctx = &mut tp.ctx;
        l = cons(&mut |n| ctx.alloc(n), Term::small(i), l);
    }
    tp.ctx.x[0] = l;
    tp.gc(0, 1);
    assert_eq!(tp.p().heap_used(), 20_000_000);
}

#[test]
fn hundred_gcs_of_a_growing_heap() {
    const PER_ROUND: usize = if cfg!(miri) { 3 } else { 300 };
    let mut tp = TP::new(233);
    tp.ctx.x[0] = NIL;
    let mut sizes = Vec::new();
    for round in 0..100i64 {
        for j in 0..PER_ROUND as i64 {
            // Allocate only through free space, collecting when needed,
            // the way generated code does.
            if tp.free() < 5 {
                tp.gc(5, 1);
            }
            let x0 = tp.ctx.x[0];
            let ctx = &mut tp.ctx;
            let f = build(&mut |n| ctx.alloc(n), &R::Float((round * 1000 + j) as u64));
            let _garbage = build(&mut |n| ctx.alloc(n), &R::Float(0));
            let t = cons(&mut |n| ctx.alloc(n), f, x0);
            tp.ctx.x[0] = t;
        }
        tp.gc(0, 1);
        sizes.push(tp.p().block.len() + tp.p().old_size());
        // Live words, in the young heap or promoted to the old one.
        let used = tp.p().heap_used() + tp.p().old_used();
        assert_eq!(used, (round as usize + 1) * PER_ROUND * 4);
    }
    let mut c = tp.ctx.x[0];
    // SAFETY: a proper list of floats.
    unsafe {
        for round in (0..100).rev() {
            for j in (0..PER_ROUND as u64).rev() {
                assert_eq!(decode(c.head()), R::Float(round * 1000 + j));
                c = c.tail();
            }
        }
    }
    assert!(c.is_nil());
    // The blocks (young and old) are within a small factor of the live
    // words.
    let live = 100 * PER_ROUND * 4;
    let last = *sizes.last().unwrap();
    assert!((live..=4 * live.max(233)).contains(&last), "{last}");
}

#[test]
fn mostly_garbage_heap_shrinks() {
    let mut tp = TP::new(233);
    let n = scaled(50_000);
    tp.ctx.x[0] = tp.build(&list((0..n as i64).map(R::Int).collect()));
    tp.gc(0, 1);
    assert!(tp.p().block.len() >= 2 * n);
    tp.ctx.x[0] = tp.build(&R::Tuple(vec![R::Int(1)]));
    tp.gc(0, 1);
    assert_eq!(tp.p().block.len(), 233);
    assert_eq!(decode(tp.ctx.x[0]), R::Tuple(vec![R::Int(1)]));
}

#[test]
fn big_need_is_honoured() {
    let mut tp = TP::new(233);
    tp.ctx.x[0] = tp.build(&sample());
    let need = scaled(3_000_000);
    tp.gc(need, 1);
    assert!(tp.free() >= need);
    assert_eq!(decode(tp.ctx.x[0]), sample());
}

#[test]
fn deep_stack_grows_geometrically() {
    let mut tp = TP::new(233);
    let t = tp.build(&R::Tuple(vec![R::Int(7)]));
    tp.ctx.x[0] = t;
    let frames = scaled(1_000_000) as u64;
    let mut gcs = 0;
    for i in 0..frames {
        if tp.free() < 3 {
            tp.gc(3, 1);
            gcs += 1;
        }
        tp.push(0x7f00_0000_0000 + (i << 4)); // continuation
        tp.push(Term::small(i as i64).raw());
        tp.push(tp.ctx.x[0].raw()); // a shared term in every frame
    }
    tp.gc(0, 1);
    assert!(gcs < 60, "{gcs} collections");
    assert_eq!(tp.p().stack_used(), 3 * frames as usize);
    // The tuple, copied once (young or promoted).
    assert_eq!(tp.p().heap_used() + tp.p().old_used(), 2);
    let x0 = tp.ctx.x[0].raw();
    for i in 0..frames as usize {
        assert_eq!(tp.stack(3 * i), 0x7f00_0000_0000 + ((i as u64) << 4));
        assert_eq!(tp.stack(3 * i + 1), Term::small(i as i64).raw());
        assert_eq!(tp.stack(3 * i + 2), x0);
    }
}

#[test]
fn suspended_process() {
    let mut p = Process::new(Term::pid(3), 233);
    // SAFETY: the block is empty; the slot is written below.
    p.sp = unsafe { p.sp.sub(1) };
    let r = sample();
    let t = build(&mut |n| p.alloc(n), &r);
    let t2 = build(&mut |n| p.alloc(n), &list((0..200).map(R::Int).collect()));
    p.saved_x = vec![t, Term::atom(4), t2];
    // SAFETY: the stack slot reserved above.
    unsafe { *p.sp = t.raw() };
    collect_process(&mut p, 50);
    assert!((p.sp as usize - p.hp as usize) / 8 >= 50);
    assert!(p.frags.is_empty());
    assert_eq!(decode(p.saved_x[0]), r);
    assert_eq!(p.saved_x[1], Term::atom(4));
    assert_eq!(decode(p.saved_x[2]), list((0..200).map(R::Int).collect()));
    // SAFETY: the stack holds one word.
    assert_eq!(unsafe { *p.sp }, p.saved_x[0].raw());
    assert_eq!(p.stack_used(), 1);
}

#[test]
fn immediates_only() {
    let mut tp = TP::new(233);
    tp.ctx.x[0] = Term::small(1);
    tp.push(TAG_PRIMARY_IMMED1);
    tp.gc(0, 1);
    assert_eq!(tp.p().heap_used(), 0);
    assert_eq!(tp.p().block.len(), 233);
}
