//! The CA tree under real OS threads and forced splits and joins: exact
//! contents, key order across bases, writers to other ranges and readers
//! never waiting, traversals that see every present key once.

use super::super::object::Stored;
use super::super::shard::Data;
use super::super::store::KeyBounds;
use super::super::{create, remove, Kind, NewOpts, Protection, Table};
use super::{CaTree, JOIN_AT, SPLIT_AT};
use crate::term::atom::am;
use crate::term::{make_header, Term, HDR_TUPLE};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::channel;
use std::sync::Arc;
use std::thread;
use std::time::Duration;

fn obj(k: i64, v: i64) -> Stored {
    let words = [
        make_header(2, HDR_TUPLE),
        Term::small(k).raw(),
        Term::small(v).raw(),
    ];
    Stored::new(Term::boxed_from_ptr(words.as_ptr()))
}

fn table() -> Arc<Table> {
    let o = NewOpts {
        kind: Kind::OrderedSet,
        keypos: 1,
        protection: Protection::Public,
        named: false,
        heir: None,
        write_concurrency: am::TRUE,
        debug_locks: None,
        read_concurrency: true,
        decentralized_counters: true,
        compressed: false,
    };
    match create(am::UNDEFINED, o, Term::small(0)) {
        Ok(t) => t,
        Err(_) => panic!("unnamed tables cannot clash"),
    }
}

fn tree(t: &Table) -> &CaTree {
    match &t.data {
        Data::Ranged(c) => c,
        _ => panic!("a write_concurrency ordered_set is a CA tree"),
    }
}

/// Makes the base holding `k` split (`up`) or join a neighbour.
fn force(c: &CaTree, k: i64, up: bool) {
    let b = c.route(Term::small(k));
    let s = if up { SPLIT_AT + 1 } else { JOIN_AT - 1 };
    b.stat.store(s, Ordering::Relaxed);
    c.adapt(&b);
}

fn get(t: &Table, k: i64) -> Option<i64> {
    let mut v = None;
    t.read_key(Term::small(k))
        .lookup(Term::small(k), &mut |o| v = Some(o.elem(1).small_value()));
    v
}

/// Keys in traversal order by `first`/`next`.
fn keys(t: &Table) -> Vec<i64> {
    let d = t.read();
    let mut v = Vec::new();
    let mut k = d.first();
    while let Some(x) = k {
        v.push(x.small_value());
        k = d.next(x).expect("ordered_set next never fails");
    }
    v
}

fn finishes(f: impl FnOnce() + Send + 'static) -> bool {
    let (tx, rx) = channel();
    thread::spawn(move || {
        f();
        let _ = tx.send(());
    });
    rx.recv_timeout(Duration::from_secs(5)).is_ok()
}

/// Keys `lo..hi`, inclusive of `lo`.
struct Range(i64, i64);

impl KeyBounds for Range {
    fn below(&self, k: Term) -> bool {
        !k.is_small() || k.small_value() < self.0
    }
    fn above(&self, k: Term) -> bool {
        k.is_small() && k.small_value() >= self.1
    }
}

#[test]
fn splits_and_joins_keep_order_and_contents() {
    let t = table();
    let c = tree(&t);
    for k in (0..1000).rev() {
        t.write_key(Term::small(k)).insert(obj(k, k * 3));
    }
    for k in [500, 250, 750, 100, 900, 10, 990] {
        force(c, k, true);
    }
    assert_eq!(c.bases(), 8);
    assert_eq!(t.locks(), 8);
    assert_eq!(keys(&t), (0..1000).collect::<Vec<_>>());
    assert_eq!(t.size(), 1000);
    for k in 0..1000 {
        assert_eq!(get(&t, k), Some(k * 3));
    }
    // Reverse, prev, slots and ranges across bases.
    let d = t.read();
    let mut back = Vec::new();
    d.for_each(true, &mut |o| {
        back.push(o.elem(0).small_value());
        true
    });
    assert_eq!(back, (0..1000).rev().collect::<Vec<_>>());
    assert_eq!(d.prev(Term::small(500)), Ok(Some(Term::small(499))));
    assert_eq!(d.next(Term::small(10_000)), Ok(None));
    let mut seventh = None;
    d.for_slot(700, &mut |o| seventh = Some(o.elem(0).small_value()));
    assert_eq!(seventh, Some(700));
    for (lo, hi, after, rev) in [
        (240, 760, None, false),
        (240, 760, Some(300), false),
        (240, 760, None, true),
        (240, 760, Some(700), true),
        (0, 5, None, false),
        (995, 2000, None, true),
    ] {
        let mut got = Vec::new();
        d.span(&Range(lo, hi), after.map(Term::small), rev, &mut |o| {
            got.push(o.elem(0).small_value());
            true
        });
        let mut want: Vec<i64> = (lo..hi.min(1000))
            .filter(|&k| after.is_none_or(|a| if rev { k < a } else { k > a }))
            .collect();
        if rev {
            want.reverse();
        }
        assert_eq!(got, want, "span {lo}..{hi} after {after:?} rev {rev}");
    }
    drop(d);
    // Writes through a whole-table guard go to the right base.
    {
        let mut w = t.write();
        w.insert(obj(1500, 1));
        assert_eq!(w.take(Term::small(250)).len(), 1);
    }
    assert_eq!(get(&t, 1500), Some(1));
    assert_eq!(get(&t, 250), None);
    for k in [0, 0, 0, 0, 999, 999, 500] {
        force(c, k, false);
    }
    assert_eq!(c.bases(), 1);
    let mut want: Vec<i64> = (0..1000).filter(|&k| k != 250).collect();
    want.push(1500);
    assert_eq!(keys(&t), want);
    let empty = table();
    let base = empty.memory();
    remove(&empty);
    assert_eq!(t.memory() - base, {
        let mut w = 0;
        t.read().for_each(false, &mut |o| {
            // One word per tree node more than a hash entry (tree.rs).
            w += o.words() + 1;
            true
        });
        w
    });
    remove(&t);
}

#[test]
fn writers_to_other_ranges_do_not_wait_and_readers_share() {
    let t = table();
    for k in 0..100 {
        t.write_key(Term::small(k)).insert(obj(k, 0));
    }
    force(tree(&t), 50, true);
    let held = t.write_key(Term::small(10));
    let t2 = t.clone();
    assert!(finishes(move || {
        t2.write_key(Term::small(90)).insert(obj(90, 7));
        assert_eq!(get(&t2, 90), Some(7));
    }));
    // A writer in the held range waits until the holder is done.
    let t3 = t.clone();
    let done = Arc::new(AtomicBool::new(false));
    let d2 = done.clone();
    let h = thread::spawn(move || {
        t3.write_key(Term::small(20)).insert(obj(20, 9));
        d2.store(true, Ordering::Release);
    });
    thread::sleep(Duration::from_millis(50));
    assert!(!done.load(Ordering::Acquire));
    drop(held);
    h.join().expect("waiting writer");
    assert_eq!(get(&t, 20), Some(9));
    // Readers of one range, and whole-table readers, share.
    let whole = t.read();
    let one = t.read_key(Term::small(10));
    let t4 = t.clone();
    assert!(finishes(move || {
        assert_eq!(get(&t4, 10), Some(0));
        assert_eq!(t4.read().len(), 100);
    }));
    drop((whole, one));
    remove(&t);
}

#[test]
fn contention_splits_bases_and_threads_keep_exact_contents() {
    let t = table();
    let threads = 4;
    let per = 4000;
    let hs: Vec<_> = (0..threads)
        .map(|id| {
            let t = t.clone();
            thread::spawn(move || {
                for i in 0..per {
                    // Interleaved keys: every thread writes every range.
                    let k = i * threads + id;
                    t.write_key(Term::small(k)).insert(obj(k, id));
                    if i % 3 == 0 {
                        t.write_key(Term::small(k)).take(Term::small(k));
                        t.write_key(Term::small(k)).insert(obj(k, id));
                    }
                    assert_eq!(get(&t, k), Some(id));
                }
            })
        })
        .collect();
    // Meanwhile, splits and joins driven from here.
    let c = tree(&t);
    for r in 0..200 {
        force(c, (r * 7919) % (threads * per), r % 3 != 2);
    }
    for h in hs {
        h.join().expect("writer thread");
    }
    assert_eq!(keys(&t), (0..threads * per).collect::<Vec<_>>());
    for k in 0..threads * per {
        assert_eq!(get(&t, k), Some(k % threads));
    }
    remove(&t);
}

#[test]
fn traversal_during_splits_sees_stable_keys_once() {
    let t = table();
    // Even keys stay for the whole test; odd keys come and go.
    for k in (0..4000).step_by(2) {
        t.write_key(Term::small(k)).insert(obj(k, 0));
    }
    let stop = Arc::new(AtomicBool::new(false));
    let churn: Vec<_> = (0..2)
        .map(|id| {
            let t = t.clone();
            let stop = stop.clone();
            thread::spawn(move || {
                let mut i = id;
                while !stop.load(Ordering::Acquire) {
                    let k = (i * 2 + 1) % 4000;
                    t.write_key(Term::small(k)).insert(obj(k, 1));
                    t.write_key(Term::small(k)).take(Term::small(k));
                    i += 2;
                    if i % 97 == 0 {
                        force(tree(&t), k, i % 2 == 0);
                    }
                }
            })
        })
        .collect();
    for _ in 0..20 {
        // ets:next/2 style: one key at a time, the table unlocked between.
        let mut seen = Vec::new();
        let mut k = t.read().first();
        while let Some(x) = k {
            if x.small_value() % 2 == 0 {
                seen.push(x.small_value());
            }
            k = t.read().next(x).expect("ordered_set next never fails");
        }
        assert_eq!(seen, (0..4000).step_by(2).collect::<Vec<_>>());
    }
    stop.store(true, Ordering::Release);
    for h in churn {
        h.join().expect("churn thread");
    }
    remove(&t);
}
