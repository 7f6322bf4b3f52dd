//! The lock layouts under real OS threads: concurrent writers, readers and
//! counters on one table end with exact contents, writers to different
//! shards and readers of one table never wait for each other.

use super::super::counter::update_in_place;
use super::super::object::Stored;
use super::super::{create, remove, Kind, NewOpts, Protection, Table};
use super::Data;
use crate::term::atom::am;
use crate::term::{make_header, Term, HDR_TUPLE};
use std::sync::mpsc::channel;
use std::sync::Arc;
use std::thread;
use std::time::Duration;

const THREADS: i64 = 4;

/// A stored `{K, V1, V2}` of small integers.
fn obj(k: i64, v1: i64, v2: i64) -> Stored {
    let words = [
        make_header(3, HDR_TUPLE),
        Term::small(k).raw(),
        Term::small(v1).raw(),
        Term::small(v2).raw(),
    ];
    Stored::new(Term::boxed_from_ptr(words.as_ptr()))
}

fn table(kind: Kind, write_concurrency: bool) -> Arc<Table> {
    let o = NewOpts {
        kind,
        keypos: 1,
        protection: Protection::Public,
        named: false,
        heir: None,
        write_concurrency: if write_concurrency {
            am::TRUE
        } else {
            am::FALSE
        },
        debug_locks: None,
        read_concurrency: true,
        decentralized_counters: write_concurrency,
        compressed: false,
    };
    match create(am::UNDEFINED, o, Term::small(0)) {
        Ok(t) => t,
        Err(_) => panic!("unnamed tables cannot clash"),
    }
}

/// The objects with key `k`, as (v1, v2) pairs.
fn get(t: &Table, k: i64) -> Vec<(i64, i64)> {
    let mut v = Vec::new();
    t.read_key(Term::small(k)).lookup(Term::small(k), &mut |o| {
        v.push((o.elem(1).small_value(), o.elem(2).small_value()))
    });
    v
}

#[test]
fn write_concurrency_tables_are_sharded() {
    let t = table(Kind::Set, true);
    assert_eq!(t.locks(), super::DEFAULT_SHARDS);
    remove(&t);
    let t = table(Kind::Set, false);
    assert_eq!(t.locks(), 1);
    remove(&t);
}

#[test]
fn concurrent_inserts_and_lookups_are_exact() {
    for wc in [true, false] {
        let t = table(Kind::Set, wc);
        let per = 5000;
        let hs: Vec<_> = (0..THREADS)
            .map(|id| {
                let t = t.clone();
                thread::spawn(move || {
                    for i in 0..per {
                        let k = id * per + i;
                        t.write_key(Term::small(k)).insert(obj(k, 2 * k, id));
                        // Read back someone's key: never a torn object.
                        for (v1, _) in get(&t, (k * 7) % (THREADS * per)) {
                            assert_eq!(v1 % 2, 0);
                        }
                    }
                })
            })
            .collect();
        for h in hs {
            h.join().expect("writer thread");
        }
        assert_eq!(t.size(), (THREADS * per) as usize);
        assert_eq!(t.read().len(), (THREADS * per) as usize);
        for k in 0..THREADS * per {
            assert_eq!(get(&t, k), vec![(2 * k, k / per)]);
        }
        // The words counters summed over shards match a full count.
        let mut words = 0;
        t.read().for_each(false, &mut |o| {
            words += o.words();
            true
        });
        let empty = table(Kind::Set, wc);
        let base = empty.memory();
        remove(&empty);
        // A whole (unsharded) table also counts its later bucket segments
        // as erl does (`hash::segment_words`): the excess must be exactly
        // that of some bucket count.
        let extra = t.memory() - base - words;
        let segs = |n: usize| crate::ets::hash::segment_words(256 + n * 2048);
        assert!(
            (0..64).any(|n| segs(n) == extra),
            "memory {} - base {base} - objects {words} = {extra}",
            t.memory()
        );
        if wc {
            assert_eq!(extra, 0, "sharded tables count no segments");
        }
        remove(&t);
    }
}

#[test]
fn concurrent_update_counter_is_atomic() {
    for wc in [true, false] {
        let t = table(Kind::Set, wc);
        let keys = 16;
        for k in 0..keys {
            t.write_key(Term::small(k)).insert(obj(k, 0, 0));
        }
        let rounds = 5000;
        let hs: Vec<_> = (0..THREADS)
            .map(|id| {
                let t = t.clone();
                thread::spawn(move || {
                    for i in 0..rounds {
                        let k = Term::small((i + id) % keys);
                        // Position 2 by 1, position 3 by 3, in one call.
                        let words = [
                            make_header(2, HDR_TUPLE),
                            Term::small(3).raw(),
                            Term::small(3).raw(),
                        ];
                        let op3 = Term::boxed_from_ptr(words.as_ptr());
                        let cells = [op3.raw(), crate::term::NIL.raw()];
                        let spec = [
                            Term::small(1).raw(),
                            Term::list_from_ptr(cells.as_ptr()).raw(),
                        ];
                        let spec = Term::list_from_ptr(spec.as_ptr());
                        let mut done = false;
                        t.write_key(k).update(k, &mut |o| {
                            done = update_in_place(o, spec, 1).is_some();
                            None
                        });
                        assert!(done);
                    }
                })
            })
            .collect();
        for h in hs {
            h.join().expect("counter thread");
        }
        let (mut a, mut b) = (0, 0);
        for k in 0..keys {
            let v = get(&t, k);
            assert_eq!(v.len(), 1);
            a += v[0].0;
            b += v[0].1;
        }
        assert_eq!(a, THREADS * rounds);
        assert_eq!(b, 3 * THREADS * rounds);
        remove(&t);
    }
}

#[test]
fn bag_writers_on_shared_keys_keep_every_object() {
    let t = table(Kind::Bag, true);
    let hs: Vec<_> = (0..THREADS)
        .map(|id| {
            let t = t.clone();
            thread::spawn(move || {
                for i in 0..2000 {
                    let k = i % 50;
                    // Each thread inserts its objects twice: bag keeps one.
                    for _ in 0..2 {
                        t.write_key(Term::small(k)).insert(obj(k, id, i));
                    }
                }
            })
        })
        .collect();
    for h in hs {
        h.join().expect("bag thread");
    }
    assert_eq!(t.size(), (THREADS * 2000) as usize);
    for k in 0..50 {
        assert_eq!(get(&t, k).len(), (THREADS * 2000 / 50) as usize);
    }
    remove(&t);
}

/// Runs `f` on another thread and says whether it finished in time
/// (the thread is left to finish on its own otherwise).
fn finishes(f: impl FnOnce() + Send + 'static) -> bool {
    let (tx, rx) = channel();
    thread::spawn(move || {
        f();
        let _ = tx.send(());
    });
    rx.recv_timeout(Duration::from_secs(5)).is_ok()
}

#[test]
fn writers_to_other_shards_do_not_wait() {
    let t = table(Kind::Set, true);
    let n = t.locks();
    // Two keys in different shards.
    let a = 0;
    let b = (1..10_000)
        .find(|&k| Data::shard_of(Term::small(k), n) != Data::shard_of(Term::small(a), n))
        .expect("keys spread over shards");
    let held = t.write_key(Term::small(a));
    let t2 = t.clone();
    assert!(finishes(move || {
        t2.write_key(Term::small(b)).insert(obj(b, 1, 1));
        assert_eq!(get(&t2, b), vec![(1, 1)]);
    }));
    drop(held);
    remove(&t);
}

#[test]
fn readers_never_wait_for_readers() {
    for wc in [true, false] {
        let t = table(Kind::Set, wc);
        t.write_key(Term::small(1)).insert(obj(1, 2, 3));
        let whole = t.read();
        let one = t.read_key(Term::small(1));
        let t2 = t.clone();
        assert!(finishes(move || {
            assert_eq!(get(&t2, 1), vec![(2, 3)]);
            assert_eq!(t2.read().len(), 1);
            assert_eq!(t2.size(), 1);
        }));
        drop((whole, one));
        remove(&t);
    }
}

#[test]
fn traversal_over_shards_visits_each_object_once() {
    let t = table(Kind::Set, true);
    for k in 0..3000 {
        t.write_key(Term::small(k)).insert(obj(k, k, 0));
    }
    let d = t.read();
    let mut seen = vec![0u8; 3000];
    let mut k = d.first();
    while let Some(x) = k {
        seen[x.small_value() as usize] += 1;
        k = d.next(x).expect("key present");
    }
    assert!(seen.iter().all(|&c| c == 1));
    let mut back = 0;
    let mut k = d.last();
    while let Some(x) = k {
        back += 1;
        k = d.prev(x).expect("key present");
    }
    assert_eq!(back, 3000);
    let mut by_slot = 0;
    for i in 0..d.slots() {
        d.for_slot(i, &mut |_| by_slot += 1);
    }
    assert_eq!(by_slot, 3000);
    drop(d);
    // Fixed: deletes keep places, next/2 from a deleted key continues.
    t.write().set_fixed(true);
    let first = t.read().first().expect("not empty");
    t.write_key(first).take(first);
    assert!(t.read().next(first).is_ok());
    t.write().set_fixed(false);
    assert_eq!(t.size(), 2999);
    remove(&t);
}

/// A sharded table grows and shrinks as one linear hash table: its shards
/// together always hold exactly as many buckets as a one-lock table given
/// the same objects, whichever way the objects arrive (one key's lock at
/// a time, or under the whole-table lock), and after per-key deletes.
#[test]
fn shards_resize_as_one_table() {
    let one = table(Kind::Set, false);
    // Centralized counting, as `{write_concurrency, true}` has.
    let data = Data::sharded(Kind::Set, 1, 64, false);
    for k in 0..3000 {
        one.write_key(Term::small(k)).insert(obj(k, 0, 0));
        if k % 2 == 0 {
            data.write_key(Term::small(k)).insert(obj(k, 0, 0));
        } else {
            data.write().insert(obj(k, 0, 0));
        }
    }
    assert_eq!(data.read().slots(), one.read().slots());
    assert_eq!(data.read().slots(), 3000);
    for k in 0..2900 {
        one.write_key(Term::small(k)).take(Term::small(k));
        data.write_key(Term::small(k)).take(Term::small(k));
    }
    assert_eq!(data.read().slots(), one.read().slots());
    assert!(data.read().slots() < 3000);
    // Decentralized counters only estimate (64 times a stripe's count),
    // but the table still grows past its first 256 buckets.
    let dc = Data::sharded(Kind::Set, 1, 64, true);
    for k in 0..3000 {
        dc.write_key(Term::small(k)).insert(obj(k, 0, 0));
    }
    assert!(dc.read().slots() > 2000);
}
