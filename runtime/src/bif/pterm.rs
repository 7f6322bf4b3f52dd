//! `persistent_term`: a global key-value store, as BEAM keeps it
//! (`erl_bif_persistent.c`).
//!
//! `put/2` copies the tuple `{Key, Value}` once, sharing kept
//! (`gc::copy_shared`), into a literal area of its own
//! (`term::literal_pool`); `get/1,2` return the stored value itself: no
//! copy, constant time whatever its size, and the GC never copies it.
//! Replacing or erasing an entry *retires* its area: when the value is
//! an immediate nobody can point into the area and it is freed at once;
//! otherwise `proc::purge` frees it after the current time slice, once
//! every process that may point into it has had the terms it uses
//! copied onto its heap (BEAM's literal area collector). Keys never
//! leave the store (`get/0` copies them), so only values are looked for.
//!
//! The table is BEAM's: open addressing over a power-of-two number of
//! slots, linear probing from `make_internal_hash(Key)`, doubled when a
//! new key would make it half full, halved when an erase finds it a
//! quarter full; `get/0` lists entries in reverse slot order and
//! `info/0` counts memory as BEAM does (the table struct plus a literal
//! area header and the term's BEAM words per entry), so the observable
//! numbers follow erl's. One difference: where an erase leaves a hole in
//! a probe chain BEAM rehashes the whole table (O(table) per erase);
//! here the chain's later entries shift back into the hole (O(chain)),
//! so after such erases the slot order (`get/0`'s order) may differ.

use super::{bif, BifDef};
use crate::data::build::{cons, make_tuple};
use crate::data::compare::eq_exact;
use crate::data::map::hash::internal_hash;
use crate::gc::copy::{copy_term, size_of};
use crate::gc::copy_shared::{copy_shared, shared_size};
use crate::heap::ctx::Ctx;
use crate::term::atom::am;
use crate::term::literal_pool::Area;
use crate::term::{make_header, Term, HDR_TUPLE, NIL};
use std::sync::atomic::Ordering;
use std::sync::{Mutex, MutexGuard};

pub const BIFS: &[BifDef] = &[
    bif!("persistent_term", "get", 0, get_0),
    bif!("persistent_term", "get", 1, get_1),
    bif!("persistent_term", "get", 2, get_2),
    bif!("persistent_term", "put", 2, put_2),
    bif!("persistent_term", "erase", 1, erase_1),
    bif!("persistent_term", "info", 0, info_0),
    bif!("erts_internal", "erase_persistent_terms", 0, erase_all_0),
];

/// BEAM's table parameters: initial slots; grown when a new key finds it
/// half full, shrunk when an erase finds it a quarter full.
const INITIAL_SIZE: usize = 8;
/// `sizeof(HashTable)` minus its one inline slot, and
/// `sizeof(ErtsLiteralArea)` minus its one inline word, in BEAM (64-bit).
const TABLE_BYTES: usize = 104 - 8;
const AREA_HEADER_BYTES: usize = 24 - 8;

/// One stored term: the tuple `{Key, Value}` in its own literal area.
struct Entry {
    /// `make_internal_hash(Key)`.
    hash: u32,
    tuple: Term,
    area: Area,
    /// Objects in the area that own an off-heap count (addresses).
    off_heap: Vec<usize>,
    /// BEAM's words for the tuple (`info/0`).
    beam_words: usize,
}

impl Entry {
    fn new(hash: u32, key: Term, value: Term) -> Box<Entry> {
        let src = [make_header(2, HDR_TUPLE), key.raw(), value.raw()];
        let src_t = Term::boxed_from_ptr(src.as_ptr());
        let words = shared_size(src_t);
        let beam_words = super::debug::beam_size(src_t, true);
        let area = Area::new(words);
        let mut dst = area.ptr();
        let mut off_heap = Vec::new();
        // SAFETY: the area holds `shared_size` words, apart from the
        // source (a heap term and the local tuple `src`).
        let tuple = unsafe { copy_shared(src_t, &mut dst, &mut off_heap) };
        Box::new(Entry {
            hash,
            tuple,
            area,
            off_heap: off_heap.into_iter().map(|p| p as usize).collect(),
            beam_words,
        })
    }

    fn key(&self) -> Term {
        // SAFETY: `tuple` is the 2-tuple in the entry's area.
        unsafe { self.tuple.tuple_elem(0) }
    }

    fn value(&self) -> Term {
        // SAFETY: as in `key`.
        unsafe { self.tuple.tuple_elem(1) }
    }

    /// Drops the area's off-heap counts and gives its memory back.
    /// # Safety
    /// Nothing may point into the area any more.
    unsafe fn free(self) {
        for &s in &self.off_heap {
            let s = s as *mut u64;
            crate::data::binary::layout::release_owned(s, *s);
        }
        self.area.free();
    }
}

struct Table {
    /// `INITIAL_SIZE` or more slots (a power of two) once used.
    slots: Vec<Option<Box<Entry>>>,
    count: usize,
}

impl Table {
    fn ensure(&mut self) {
        if self.slots.is_empty() {
            self.slots = (0..INITIAL_SIZE).map(|_| None).collect();
        }
    }

    fn allocated(&self) -> usize {
        self.slots.len().max(INITIAL_SIZE)
    }

    /// BEAM's `lookup`: the slot holding `key`, or the empty slot ending
    /// its probe chain (false).
    fn lookup(&self, hash: u32, key: Term) -> (usize, bool) {
        let mask = self.slots.len() - 1;
        let mut idx = hash;
        loop {
            let i = idx as usize & mask;
            match &self.slots[i] {
                None => return (i, false),
                Some(e) if eq_exact(e.key(), key) => return (i, true),
                Some(_) => idx = idx.wrapping_add(1),
            }
        }
    }

    /// Moves every entry into a table of `size` slots, in slot order
    /// (as BEAM: each goes to the first free slot of its chain).
    fn rehash(&mut self, size: usize) {
        let old = std::mem::replace(&mut self.slots, (0..size).map(|_| None).collect());
        let mask = size - 1;
        for e in old.into_iter().flatten() {
            let mut i = e.hash as usize & mask;
            while self.slots[i].is_some() {
                i = (i + 1) & mask;
            }
            self.slots[i] = Some(e);
        }
    }

    /// Empties slot `i` and shifts the later entries of its probe chain
    /// back, so that every chain stays unbroken without delete markers.
    fn remove(&mut self, mut i: usize) -> Option<Box<Entry>> {
        let old = self.slots[i].take();
        let mask = self.slots.len() - 1;
        let mut j = i;
        loop {
            j = (j + 1) & mask;
            let Some(home) = self.slots[j].as_ref().map(|e| e.hash as usize & mask) else {
                return old;
            };
            // The entry at `j` may move to the hole at `i` unless its home
            // lies cyclically in `(i, j]` (then `i` is before its chain).
            let stays = if i <= j {
                i < home && home <= j
            } else {
                i < home || home <= j
            };
            if !stays {
                self.slots[i] = self.slots[j].take();
                i = j;
            }
        }
    }
}

static STORE: Mutex<Table> = Mutex::new(Table {
    slots: Vec::new(),
    count: 0,
});

fn store() -> MutexGuard<'static, Table> {
    STORE.lock().unwrap_or_else(|e| e.into_inner())
}

/// The stored value for `key` (a literal), if any.
fn lookup(ctx: &mut Ctx, key: Term) -> Option<Term> {
    // SAFETY: BIFs run with a process bound to `ctx`. From now on it may
    // hold terms of the store's areas (see `proc::purge::retire_area`).
    unsafe { ctx.process().reads_areas.store(true, Ordering::Relaxed) };
    let hash = internal_hash(key);
    let t = store();
    if t.slots.is_empty() {
        return None;
    }
    match t.lookup(hash, key) {
        (i, true) => t.slots[i].as_ref().map(|e| e.value()),
        _ => None,
    }
}

fn get_1(ctx: &mut Ctx, args: &[Term; 1]) -> Term {
    match lookup(ctx, args[0]) {
        Some(v) => v,
        None => ctx.badarg(),
    }
}

fn get_2(ctx: &mut Ctx, args: &[Term; 2]) -> Term {
    lookup(ctx, args[0]).unwrap_or(args[1])
}

/// Copies `t` flat onto the heap of the process bound to `ctx`.
fn copy_out(ctx: &mut Ctx, t: Term) -> Term {
    let n = size_of(t);
    if n == 0 {
        return t;
    }
    let mut dst = ctx.alloc(n);
    let start = dst;
    // SAFETY: `dst` holds exactly `n` fresh words; the copy fills them,
    // and its refc binaries join the process's off-heap list.
    unsafe {
        let r = copy_term(t, &mut dst);
        crate::data::binary::layout::register_region(ctx.process(), start, n);
        r
    }
}

/// `get/0`: `[{Key, Value}]`, keys copied (as BEAM: they stay private to
/// the store), values the stored literals; reverse slot order.
fn get_0(ctx: &mut Ctx, _args: &[Term; 0]) -> Term {
    let pairs: Vec<(Term, Term)> = store()
        .slots
        .iter()
        .flatten()
        .map(|e| (e.key(), e.value()))
        .collect();
    // The lock is released: an entry's area is freed only between time
    // slices (`retire`), never while this BIF runs.
    // SAFETY: BIFs run with a process bound to `ctx`.
    unsafe { ctx.process().reads_areas.store(true, Ordering::Relaxed) };
    let mut list = NIL;
    for (k, v) in pairs {
        let k = copy_out(ctx, k);
        let pair = make_tuple(ctx, &[k, v]);
        list = cons(ctx, pair, list);
    }
    list
}

/// An entry out of the table: freed now if nobody can point into its
/// area, else after every process was cleared of it (`proc::purge`).
fn retire(ctx: &mut Ctx, old: Box<Entry>) {
    if old.value().is_immed() {
        // SAFETY: keys never leave the store and the value is an
        // immediate: no term points into the area.
        unsafe { (*old).free() };
        return;
    }
    let (start, end) = old.area.range();
    let words = old.area.words();
    crate::proc::purge::retire_area(
        vec![(start, end)],
        words,
        // SAFETY: run by `purge` once no process points into the area.
        Box::new(move || unsafe { (*old).free() }),
    );
    // Enough waits to be freed: yield, so that a loop of puts of big
    // terms frees them as it goes rather than at the end of its slice.
    if crate::proc::purge::pending_area_words() >= crate::proc::purge::AREA_BATCH_WORDS {
        ctx.reds = ctx.reds.min(1);
    }
}

fn put_2(ctx: &mut Ctx, args: &[Term; 2]) -> Term {
    let (key, value) = (args[0], args[1]);
    let hash = internal_hash(key);
    let old = {
        let mut t = store();
        t.ensure();
        let (mut i, found) = t.lookup(hash, key);
        if found {
            if t.slots[i]
                .as_ref()
                .is_some_and(|e| eq_exact(e.value(), value))
            {
                return am::OK; // the same value: nothing changes (BEAM)
            }
        } else {
            if 2 * t.count >= t.slots.len() {
                let size = t.slots.len() * 2;
                t.rehash(size);
                i = t.lookup(hash, key).0;
            }
            t.count += 1;
        }
        t.slots[i].replace(Entry::new(hash, key, value))
    };
    if let Some(old) = old {
        retire(ctx, old);
    }
    am::OK
}

fn erase_1(ctx: &mut Ctx, args: &[Term; 1]) -> Term {
    let key = args[0];
    let hash = internal_hash(key);
    let old = {
        let mut t = store();
        if t.slots.is_empty() {
            return am::FALSE;
        }
        let (i, found) = t.lookup(hash, key);
        if !found {
            return am::FALSE;
        }
        let size = t.slots.len();
        let must_shrink = 4 * t.count <= size && size > INITIAL_SIZE;
        let old = t.remove(i);
        t.count -= 1;
        if must_shrink {
            t.rehash(size / 2);
        }
        old
    };
    if let Some(old) = old {
        retire(ctx, old);
    }
    am::TRUE
}

/// `erts_internal:erase_persistent_terms/0` (erl_init's `restart/0`):
/// every entry goes, the table is back to its initial size; `true`.
fn erase_all_0(ctx: &mut Ctx, _args: &[Term; 0]) -> Term {
    let old: Vec<Box<Entry>> = {
        let mut t = store();
        t.count = 0;
        std::mem::take(&mut t.slots).into_iter().flatten().collect()
    };
    for e in old {
        retire(ctx, e);
    }
    am::TRUE
}

/// `(entries, bytes, table slots)`, counted as BEAM's `info/0` does.
pub fn info_counts() -> (usize, usize, usize) {
    let t = store();
    let table = t.allocated();
    let areas: usize = t
        .slots
        .iter()
        .flatten()
        .map(|e| AREA_HEADER_BYTES + 8 * e.beam_words)
        .sum();
    (t.count, TABLE_BYTES + 8 * table + areas, table)
}

/// `persistent_term:info()`: `#{count => Entries, memory => Bytes}`.
fn info_0(ctx: &mut Ctx, _args: &[Term; 0]) -> Term {
    let (count, memory, _) = info_counts();
    let kvs = vec![
        (
            crate::term::atom::intern("count"),
            Term::small(count as i64),
        ),
        (
            crate::term::atom::intern("memory"),
            Term::small(memory as i64),
        ),
    ];
    crate::data::map::from_pairs(ctx, kvs)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::bif::native;
    use crate::data::build::list_from_slice;
    use crate::testutil::TestProc;

    #[test]
    #[cfg_attr(miri, ignore = "the literal area reserves 16 GB of address space")]
    fn put_get_erase() {
        let mut tp = TestProc::new();
        let key = make_tuple(tp.ctx(), &[am::OK, Term::small(77_123)]);
        let val = list_from_slice(tp.ctx(), &[Term::small(1), Term::small(2)]);
        assert_eq!(tp.call(native!(get_2, 2), &[key, am::NONODE]), am::NONODE);
        assert_eq!(tp.call(native!(put_2, 2), &[key, val]), am::OK);
        let got = tp.call(native!(get_1, 1), &[key]);
        assert!(eq_exact(got, val));
        assert!(
            crate::term::literal::contains(got.list_ptr()),
            "the stored literal"
        );
        assert_eq!(tp.call(native!(get_1, 1), &[key]), got, "no copy");
        // Replacing or erasing an immediate value frees its area at once
        // (nothing of it can be held). (The list above stays stored: its
        // retirement would wait for a scheduler.)
        let key = make_tuple(tp.ctx(), &[am::OK, Term::small(77_124)]);
        assert_eq!(tp.call(native!(put_2, 2), &[key, am::FALSE]), am::OK);
        assert_eq!(tp.call(native!(put_2, 2), &[key, am::TRUE]), am::OK);
        assert_eq!(tp.call(native!(get_1, 1), &[key]), am::TRUE);
        assert_eq!(tp.call(native!(erase_1, 1), &[key]), am::TRUE);
        assert_eq!(tp.call(native!(erase_1, 1), &[key]), am::FALSE);
        assert!(tp.call(native!(get_1, 1), &[key]).is_non_value());
    }

    /// Inserts key `k` with the made-up hash `h` (collisions on purpose).
    fn insert(t: &mut Table, h: u32, k: i64) {
        let (i, found) = t.lookup(h, Term::small(k));
        assert!(!found);
        t.slots[i] = Some(Entry::new(h, Term::small(k), am::OK));
        t.count += 1;
    }

    #[test]
    #[cfg_attr(miri, ignore = "the literal area reserves 16 GB of address space")]
    fn erase_keeps_every_chain_reachable() {
        let mut t = Table {
            slots: Vec::new(),
            count: 0,
        };
        t.ensure();
        t.rehash(16);
        // Hashes crowd a few slots, chains wrap around the end; keys are
        // erased in a scrambled order and all others must stay found.
        let hash = |k: i64| [15u32, 15, 0, 14, 15, 1, 0, 3][k as usize % 8];
        for k in 0..8 {
            insert(&mut t, hash(k), k);
        }
        let mut live: Vec<i64> = (0..8).collect();
        for k in [4i64, 0, 6, 1, 7, 2, 5, 3] {
            let (i, found) = t.lookup(hash(k), Term::small(k));
            assert!(found);
            let e = t.remove(i).expect("an entry");
            assert_eq!(e.key(), Term::small(k));
            // SAFETY: an immediate value, never handed out.
            unsafe { (*e).free() };
            t.count -= 1;
            live.retain(|&x| x != k);
            for &x in &live {
                assert!(
                    t.lookup(hash(x), Term::small(x)).1,
                    "{x} lost after erasing {k}"
                );
            }
        }
        assert!(t.slots.iter().all(Option::is_none));
    }

    #[test]
    #[cfg_attr(miri, ignore = "the literal area reserves 16 GB of address space")]
    fn grows_at_half_full() {
        let mut t = Table {
            slots: Vec::new(),
            count: 0,
        };
        t.ensure();
        assert_eq!(t.allocated(), 8);
        for k in 0..4 {
            insert(&mut t, internal_hash(Term::small(k)), k);
        }
        // A fifth key finds 4 of 8 used: `put_2` doubles the table first.
        assert!(2 * t.count >= t.slots.len());
        t.rehash(16);
        for k in 0..4 {
            assert!(t.lookup(internal_hash(Term::small(k)), Term::small(k)).1);
        }
        for e in t.slots.iter_mut().filter_map(Option::take) {
            // SAFETY: immediate values, never handed out.
            unsafe { (*e).free() };
        }
    }
}
