//! Table locking (docs/ARCHITECTURE.md, "ETS", Locking).
//!
//! A table's storage sits behind one of two lock layouts:
//!
//! - `Data::One`: one `RwLock` around the whole storage (every
//!   `ordered_set`, and hash tables without `write_concurrency`). Readers
//!   share it, so `read_concurrency` readers never block each other.
//! - `Data::Sharded`: a hash table with `write_concurrency` is split into
//!   independent hash tables ("shards", BEAM's lock groups of buckets),
//!   each behind its own `RwLock`; a key's shard is chosen by high bits of
//!   its hash. Calls on one key (`insert` of one object, `lookup`,
//!   `member`, `delete`, `take`, `update_counter`, `update_element`,
//!   `delete_object`) lock only that key's shard, so writers to keys of
//!   different shards do not serialise. Whole-table calls (traversals,
//!   `select`, `insert` of a list, `insert_new`, `safe_fixtable`) take
//!   every shard's lock, always in shard order, so no two callers can
//!   deadlock (a caller holding one shard never asks for another).
//!
//! Each shard keeps its own object and word counts (BEAM's decentralized
//! counters): `size` and `memory` sum them, locking one shard at a time,
//! so they never wait for a whole-table writer to finish every shard.
//!
//! - `Data::Ranged`: an `ordered_set` with `write_concurrency` is a
//!   contention-adapting tree (`catree.rs`): key ranges behind their own
//!   locks, split and joined as contention asks.
//!
//! Every layout hands out guards that dereference to `dyn Storage`; a
//! whole-table guard over shards (`Multi`) is itself a `Storage` that
//! composes its shards: traversal order is shard by shard, then bucket
//! order inside a shard.

use super::catree::{CaTree, KeyRead, KeyWrite, Parts};
use super::hash::{key_hash, HashStore};
use super::object::Stored;
use super::store::{ChainVisitor, NoSuchKey, Storage};
use super::stripes::{Pending, Stripes};
use super::tree::TreeStore;
use super::Kind;
use crate::term::Term;
use std::mem::ManuallyDrop;
use std::ops::{Deref, DerefMut};
use std::sync::{Arc, RwLock, RwLockReadGuard, RwLockWriteGuard};

/// Shards of a `write_concurrency` hash table when no debug count is
/// given (BEAM's default lock count for fine-grained hash tables is 64).
pub const DEFAULT_SHARDS: usize = 64;

/// Fewest shards (BEAM's `NLOCKS_WITH_ITEM_COUNTERS`: a lock count
/// asked for is rounded down to a power of two, and raised to this).
const MIN_SHARDS: usize = 64;

/// One shard, padded to its own cache lines so two threads locking
/// neighbouring shards do not bounce one line between cores.
#[repr(align(128))]
pub struct Shard(RwLock<HashStore>);

pub type AnyStore = Box<dyn Storage + Send + Sync>;

pub enum Data {
    One(RwLock<AnyStore>),
    /// The shards and the table-wide state that resizes them as one
    /// table (`stripes.rs`).
    Sharded(Box<[Shard]>, Arc<Stripes>),
    Ranged(CaTree),
}

fn rd<T: ?Sized>(l: &RwLock<T>) -> RwLockReadGuard<'_, T> {
    l.read().unwrap_or_else(|e| e.into_inner())
}

fn wr<T: ?Sized>(l: &RwLock<T>) -> RwLockWriteGuard<'_, T> {
    l.write().unwrap_or_else(|e| e.into_inner())
}

impl Data {
    /// A one-lock table over `store`.
    pub fn one(store: AnyStore) -> Data {
        Data::One(RwLock::new(store))
    }

    /// A hash table of `kind` split into `n` shards (rounded down to a
    /// power of two, at least `MIN_SHARDS`, as BEAM counts its locks).
    ///
    /// Shard `s` holds the keys whose hash has `s` in its low bits, which
    /// are BEAM's lock stripe `s`: the buckets `s`, `s + n`, `s + 2n`, ...
    /// of BEAM's table. Each shard is a linear hash table over the
    /// remaining bits starting with its share of BEAM's 256 buckets, and
    /// the shards split and join buckets in the order BEAM's one table
    /// does (`stripes.rs`), so their buckets are exactly BEAM's and, shard
    /// by shard, the table is traversed in erl's order.
    pub fn sharded(kind: Kind, keypos: usize, n: usize, decentralized: bool) -> Data {
        let n = 1usize << (usize::BITS - 1 - n.max(1).leading_zeros());
        let n = n.max(MIN_SHARDS);
        let shift = n.trailing_zeros();
        let stripes = Arc::new(Stripes::new(n, decentralized));
        // Shard `i` starts with BEAM's first buckets `i`, `i + n`, ...
        let (first, szm) = super::stripes::first_layout(n);
        let shards = (0..n)
            .map(|i| {
                let store = HashStore::striped(
                    kind,
                    keypos,
                    (256 / n).max(1),
                    (2048 / n).max(1),
                    shift,
                    Some((stripes.clone(), i)),
                );
                let count = first / n + usize::from(i < first % n);
                Shard(RwLock::new(store.with_first_layout(count, szm >> shift)))
            })
            .collect();
        Data::Sharded(shards, stripes)
    }

    /// Number of locks (1 for a one-lock table).
    pub fn locks(&self) -> usize {
        match self {
            Data::One(_) => 1,
            Data::Sharded(s, _) => s.len(),
            Data::Ranged(t) => t.bases(),
        }
    }

    /// The shard of `key` among `n` (a power of two): the low hash bits,
    /// which the shard's own bucket choice drops.
    #[inline]
    fn shard_of(key: Term, n: usize) -> usize {
        (key_hash(key) as usize) & (n - 1)
    }

    /// Shared access to the whole table.
    pub fn read(&self) -> ReadGuard<'_> {
        match self {
            Data::One(l) => ReadGuard::One(rd(l)),
            Data::Sharded(s, st) => {
                ReadGuard::All(Multi(s.iter().map(|x| rd(&x.0)).collect(), st.clone()))
            }
            Data::Ranged(t) => ReadGuard::Parts(t.read_all()),
        }
    }

    /// Exclusive access to the whole table.
    pub fn write(&self) -> WriteGuard<'_> {
        match self {
            Data::One(l) => WriteGuard::One(wr(l)),
            Data::Sharded(s, st) => {
                WriteGuard::All(Multi(s.iter().map(|x| wr(&x.0)).collect(), st.clone()))
            }
            Data::Ranged(t) => WriteGuard::Parts(t.write_all()),
        }
    }

    /// Shared access enough for calls on `key` alone.
    #[inline]
    pub fn read_key(&self, key: Term) -> ReadGuard<'_> {
        match self {
            Data::One(l) => ReadGuard::One(rd(l)),
            Data::Sharded(s, _) => ReadGuard::Shard(rd(&s[Self::shard_of(key, s.len())].0)),
            Data::Ranged(t) => ReadGuard::Base(t.read_key(key)),
        }
    }

    /// Exclusive access enough for calls on `key` alone.
    #[inline]
    pub fn write_key(&self, key: Term) -> WriteGuard<'_> {
        match self {
            Data::One(l) => WriteGuard::One(wr(l)),
            Data::Sharded(s, st) => WriteGuard::Shard(ShardWrite {
                g: ManuallyDrop::new(wr(&s[Self::shard_of(key, s.len())].0)),
                shards: s,
                stripes: st,
            }),
            Data::Ranged(t) => WriteGuard::Base(t.write_key(key)),
        }
    }

    /// Objects in the table, summed shard by shard.
    #[allow(clippy::len_without_is_empty)]
    pub fn len(&self) -> usize {
        match self {
            Data::One(l) => rd(l).len(),
            Data::Sharded(s, _) => s.iter().map(|x| rd(&x.0).len()).sum(),
            Data::Ranged(t) => t.read_all().len(),
        }
    }

    /// Words of the objects, summed shard by shard.
    pub fn words(&self) -> usize {
        match self {
            Data::One(l) => rd(l).words(),
            Data::Sharded(s, _) => s.iter().map(|x| rd(&x.0).words()).sum(),
            Data::Ranged(t) => t.read_all().words(),
        }
    }
}

pub enum ReadGuard<'a> {
    One(RwLockReadGuard<'a, AnyStore>),
    Shard(RwLockReadGuard<'a, HashStore>),
    All(Multi<RwLockReadGuard<'a, HashStore>>),
    Base(KeyRead<'a>),
    Parts(Parts<RwLockReadGuard<'a, TreeStore>>),
}

pub enum WriteGuard<'a> {
    One(RwLockWriteGuard<'a, AnyStore>),
    Shard(ShardWrite<'a>),
    All(Multi<RwLockWriteGuard<'a, HashStore>>),
    Base(KeyWrite<'a>),
    Parts(Parts<RwLockWriteGuard<'a, TreeStore>>),
}

impl<'a> Deref for ReadGuard<'a> {
    type Target = dyn Storage + 'a;
    #[inline]
    fn deref(&self) -> &Self::Target {
        match self {
            ReadGuard::One(g) => &***g,
            ReadGuard::Shard(g) => &**g,
            ReadGuard::All(m) => m,
            ReadGuard::Base(g) => g.store(),
            ReadGuard::Parts(p) => p,
        }
    }
}

impl<'a> Deref for WriteGuard<'a> {
    type Target = dyn Storage + 'a;
    #[inline]
    fn deref(&self) -> &Self::Target {
        match self {
            WriteGuard::One(g) => &***g,
            WriteGuard::Shard(g) => &**g.g,
            WriteGuard::All(m) => m,
            WriteGuard::Base(g) => g.store(),
            WriteGuard::Parts(p) => p,
        }
    }
}

impl<'a> DerefMut for WriteGuard<'a> {
    #[inline]
    fn deref_mut(&mut self) -> &mut Self::Target {
        match self {
            WriteGuard::One(g) => &mut ***g,
            WriteGuard::Shard(g) => &mut **g.g,
            WriteGuard::All(m) => m,
            WriteGuard::Base(g) => g.store_mut(),
            WriteGuard::Parts(p) => p,
        }
    }
}

/// Exclusive access to one shard for calls on one key. When it is
/// dropped, after the shard's lock is released, it runs the resize the
/// call asked for (locking the shard that resizes), as BEAM grows or
/// shrinks a fine-locked table after unlocking the key's lock.
pub struct ShardWrite<'a> {
    g: ManuallyDrop<RwLockWriteGuard<'a, HashStore>>,
    shards: &'a [Shard],
    stripes: &'a Stripes,
}

impl Drop for ShardWrite<'_> {
    fn drop(&mut self) {
        let p = self.g.take_pending();
        // SAFETY: `g` is dropped exactly once, here, and never used after.
        unsafe { ManuallyDrop::drop(&mut self.g) };
        if p != Pending::None {
            let shards = self.shards;
            self.stripes.resize(p, |t, f| f(&mut wr(&shards[t].0)));
        }
    }
}

/// A guard over one shard, shared or exclusive.
pub trait ShardRef {
    fn get(&self) -> &HashStore;
    /// `None` for a shared guard.
    fn get_mut(&mut self) -> Option<&mut HashStore>;
}

impl ShardRef for RwLockReadGuard<'_, HashStore> {
    fn get(&self) -> &HashStore {
        self
    }
    fn get_mut(&mut self) -> Option<&mut HashStore> {
        None
    }
}

impl ShardRef for RwLockWriteGuard<'_, HashStore> {
    fn get(&self) -> &HashStore {
        self
    }
    fn get_mut(&mut self) -> Option<&mut HashStore> {
        Some(self)
    }
}

/// Every shard of a table, locked in shard order, seen as one table.
/// A shared `Multi` is only reachable through `ReadGuard`'s `Deref`
/// (never `DerefMut`), so its mutating methods are never called; they
/// do nothing there rather than fail.
pub struct Multi<G>(Vec<G>, Arc<Stripes>);

impl<G: ShardRef> Multi<G> {
    /// Runs the resize shard `i`'s last change asked for, through the
    /// guards held (a shared `Multi` never has one to run).
    fn settle(&mut self, i: usize) {
        let p = match self.0[i].get_mut() {
            Some(s) => s.take_pending(),
            None => return,
        };
        self.resize(p);
    }

    fn resize(&mut self, p: Pending) {
        let Multi(shards, st) = self;
        st.resize(p, |t, f| shards[t].get_mut().is_some_and(&mut *f));
    }
    fn of(&self, key: Term) -> usize {
        Data::shard_of(key, self.0.len())
    }
    fn mut_of(&mut self, key: Term) -> Option<&mut HashStore> {
        let i = self.of(key);
        self.0[i].get_mut()
    }
    /// The first key of shards `from..`.
    fn first_from(&self, from: usize) -> Option<Term> {
        self.0[from..].iter().find_map(|s| s.get().first())
    }
    /// The last key of shards `..to`.
    fn last_before(&self, to: usize) -> Option<Term> {
        self.0[..to].iter().rev().find_map(|s| s.get().last())
    }
}

impl<G: ShardRef> Storage for Multi<G> {
    fn len(&self) -> usize {
        self.0.iter().map(|s| s.get().len()).sum()
    }
    fn words(&self) -> usize {
        self.0.iter().map(|s| s.get().words()).sum()
    }
    fn insert(&mut self, obj: Stored) {
        let k = obj.elem(self.0[0].get().key_index());
        if let Some(s) = self.mut_of(k) {
            s.insert(obj);
        }
        self.settle(self.of(k));
    }
    fn contains_key(&self, key: Term) -> bool {
        self.0[self.of(key)].get().contains_key(key)
    }
    fn lookup(&self, key: Term, f: &mut dyn FnMut(&Stored)) {
        self.0[self.of(key)].get().lookup(key, f)
    }
    fn take(&mut self, key: Term) -> Vec<Stored> {
        let out = self.mut_of(key).map(|s| s.take(key)).unwrap_or_default();
        self.settle(self.of(key));
        out
    }
    fn delete_object(&mut self, obj: Term) {
        let ki = self.0[0].get().key_index();
        // SAFETY: callers check that `obj` is a tuple covering keypos.
        let key = unsafe { obj.tuple_elem(ki) };
        if let Some(s) = self.mut_of(key) {
            s.delete_object(obj);
        }
        self.settle(self.of(key));
    }
    fn clear(&mut self) -> usize {
        let n = self
            .0
            .iter_mut()
            .filter_map(|s| s.get_mut().map(|s| s.clear()))
            .sum();
        // Unfixed shards went back to their first buckets: so does the
        // table's state (a fixed table keeps its size).
        if self.0.iter().all(|s| !s.get().is_fixed()) {
            self.1.reset();
        }
        n
    }
    fn update(&mut self, key: Term, f: &mut dyn FnMut(&mut Stored) -> Option<Stored>) -> bool {
        self.mut_of(key).is_some_and(|s| s.update(key, f))
    }
    fn remove_if(&mut self, f: &mut dyn FnMut(&Stored) -> bool) -> usize {
        let mut n = 0;
        let mut last = Pending::None;
        for s in self.0.iter_mut() {
            if let Some(s) = s.get_mut() {
                let k = s.remove_if(f);
                let p = s.take_pending();
                if k > 0 {
                    n += k;
                    last = p;
                }
            }
        }
        // One shrink for the whole traversal, as BEAM's select_delete.
        self.resize(last);
        n
    }
    fn first(&self) -> Option<Term> {
        self.first_from(0)
    }
    fn last(&self) -> Option<Term> {
        self.last_before(self.0.len())
    }
    fn next(&self, key: Term) -> Result<Option<Term>, NoSuchKey> {
        let i = self.of(key);
        match self.0[i].get().next(key)? {
            Some(k) => Ok(Some(k)),
            None => Ok(self.first_from(i + 1)),
        }
    }
    fn prev(&self, key: Term) -> Result<Option<Term>, NoSuchKey> {
        let i = self.of(key);
        match self.0[i].get().prev(key)? {
            Some(k) => Ok(Some(k)),
            None => Ok(self.last_before(i)),
        }
    }
    /// `select` order: shards from the last to the first (BEAM walks lock
    /// stripe by stripe and conses its results), each in its own order.
    fn for_each(&self, reverse: bool, f: &mut dyn FnMut(&Stored) -> bool) {
        let mut go = true;
        let mut visit = |s: &G| {
            s.get().for_each(reverse, &mut |o| {
                go = f(o);
                go
            });
            go
        };
        if !reverse {
            for s in self.0.iter().rev() {
                if !visit(s) {
                    return;
                }
            }
        } else {
            for s in self.0.iter() {
                if !visit(s) {
                    return;
                }
            }
        }
    }
    fn slots(&self) -> usize {
        self.0.iter().map(|s| s.get().slots()).sum()
    }
    /// Lock stripe by stripe, as BEAM walks a fine-locked table: the
    /// buckets `s`, `s + n`, ... of stripe `s`, then stripe `s + 1`.
    fn next_slot(&self, i: usize) -> Option<usize> {
        let n = self.0.len();
        if i + n < self.slots() {
            return Some(i + n);
        }
        let s = (i + 1) % n;
        (s != 0).then_some(s)
    }
    /// BEAM's bucket `i`: bucket `i / n` of shard `i % n` (shard `s`
    /// holds BEAM's buckets `s`, `s + n`, ...).
    fn for_slot(&self, i: usize, f: &mut dyn FnMut(&Stored)) {
        let n = self.0.len();
        self.0[i % n].get().for_slot(i / n, f)
    }
    fn set_fixed(&mut self, fixed: bool) {
        for s in self.0.iter_mut() {
            if let Some(s) = s.get_mut() {
                s.set_fixed(fixed);
            }
        }
    }
    /// Every shard's chains, as one table's (`ets:info(T, stats)`).
    fn chains(&self, f: ChainVisitor<'_>) -> bool {
        let mut any = false;
        for s in &self.0 {
            any |= s.get().chains(&mut *f);
        }
        any
    }
    fn for_each_kept(&self, f: &mut dyn FnMut(&Stored)) {
        for s in &self.0 {
            s.get().for_each_kept(&mut *f);
        }
    }
}

#[cfg(test)]
#[path = "shard_tests.rs"]
mod tests;
