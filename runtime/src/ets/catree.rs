//! `ordered_set` with `write_concurrency`: a contention-adapting tree
//! (the behaviour of BEAM's CA tree, erl_db_catree.c).
//!
//! The keys are split into ranges. Each range is a *base*: an ordinary
//! `TreeStore` (a B-tree) behind its own `RwLock`, with the smallest key
//! it may hold (`low`, a copy owned by the base) and a contention count.
//! The *routes* are the bases in key order, behind one `RwLock` that is
//! only held for writing while a base is split or two are joined; a call
//! on one key holds it (for reading) just long enough to find its base.
//!
//! - A call on one key locks only the base whose range holds the key, so
//!   writers to different ranges do not serialise, and readers (shared
//!   locks) never block each other.
//! - Locking a base first tries without waiting: a failure adds
//!   `FAIL_WEIGHT` to the base's count, an uncontended write subtracts
//!   one. A base whose count passes `SPLIT_AT` is split in two halves; one
//!   below `JOIN_AT` is joined with a neighbour (BEAM's limits and
//!   weights). Splits and joins happen after the call, with no base lock
//!   held, so they never deadlock with it.
//! - A split or join replaces bases by new ones and marks the old ones
//!   invalid (under their locks). A caller that locked a base routed to
//!   before the change sees it invalid and routes again (BEAM's
//!   `is_valid`).
//! - Whole-table calls (traversals, `select`, lists of objects) lock every
//!   valid base in key order; bases coexisting in the routes have
//!   disjoint ranges, so every caller locks in one global order and no
//!   two callers can deadlock. The locked bases are seen as one
//!   `Storage` (`Parts`), in key order across bases, so `next`/`prev`,
//!   continuations of `select` and fixed tables behave as with one tree.

use super::object::Stored;
use super::store::{KeyBounds, NoSuchKey, Storage};
use super::tree::{key_cmp, TreeStore};
use crate::term::Term;
use std::cmp::Ordering as Cmp;
use std::ops::{Deref, DerefMut};
use std::sync::atomic::{AtomicBool, AtomicI64, Ordering};
use std::sync::{Arc, RwLock, RwLockReadGuard, RwLockWriteGuard, TryLockError};

/// Added to a base's count when its lock was taken by someone else.
const FAIL_WEIGHT: i64 = 250;
/// Above this count a base splits.
const SPLIT_AT: i64 = 1000;
/// Below this count a base joins a neighbour.
const JOIN_AT: i64 = -1000;
/// At most this many bases (BEAM bounds the route tree's depth).
const MAX_BASES: usize = 1 << 12;

pub struct Base {
    /// The smallest key this base may hold (`None`: the first base).
    low: Option<Stored>,
    lock: RwLock<TreeStore>,
    /// False once a split or join replaced this base.
    valid: AtomicBool,
    /// Contention count (see the module comment).
    stat: AtomicI64,
}

impl Base {
    fn new(low: Option<Stored>, store: TreeStore) -> Arc<Base> {
        Arc::new(Base {
            low,
            lock: RwLock::new(store),
            valid: AtomicBool::new(true),
            stat: AtomicI64::new(0),
        })
    }
    fn low_key(&self) -> Option<Term> {
        self.low.as_ref().map(|s| s.term())
    }
}

/// The base `b`'s with a lifetime the caller chooses.
///
/// # Safety
/// The caller keeps an `Arc` of `b` alive for as long as it uses the
/// result (the guards below store the `Arc` next to the lock guard and
/// drop the lock guard first).
unsafe fn pinned<'x>(b: &Arc<Base>) -> &'x Base {
    // SAFETY: see the function's contract.
    unsafe { &*Arc::as_ptr(b) }
}

fn rd<T>(l: &RwLock<T>) -> RwLockReadGuard<'_, T> {
    l.read().unwrap_or_else(|e| e.into_inner())
}

fn wr<T>(l: &RwLock<T>) -> RwLockWriteGuard<'_, T> {
    l.write().unwrap_or_else(|e| e.into_inner())
}

/// Whether `b`'s range starts at or before `key`. Among bases in key order
/// the base holding `key` is the last for which this holds (the first
/// base has no lower bound, so there always is one).
#[inline]
fn starts_by(b: &Base, key: Term) -> bool {
    b.low
        .as_ref()
        .is_none_or(|l| key_cmp(l.term(), key) != Cmp::Greater)
}

pub struct CaTree {
    keypos: usize,
    routes: RwLock<Vec<Arc<Base>>>,
}

/// A base locked for a call on one key.
pub struct KeyGuard<'a, G> {
    /// `Some` until dropped; dropped before `base`.
    g: Option<G>,
    base: Arc<Base>,
    tree: &'a CaTree,
}

pub type KeyRead<'a> = KeyGuard<'a, RwLockReadGuard<'a, TreeStore>>;
pub type KeyWrite<'a> = KeyGuard<'a, RwLockWriteGuard<'a, TreeStore>>;

impl<G> Drop for KeyGuard<'_, G> {
    fn drop(&mut self) {
        self.g = None;
        let s = self.base.stat.load(Ordering::Relaxed);
        if !(JOIN_AT..=SPLIT_AT).contains(&s) {
            self.tree.adapt(&self.base);
        }
    }
}

impl<G: Deref<Target = TreeStore>> KeyGuard<'_, G> {
    pub fn store(&self) -> &TreeStore {
        match &self.g {
            Some(g) => g,
            None => unreachable!("a key guard holds its lock until dropped"),
        }
    }
}

impl<G: DerefMut<Target = TreeStore>> KeyGuard<'_, G> {
    pub fn store_mut(&mut self) -> &mut TreeStore {
        match &mut self.g {
            Some(g) => g,
            None => unreachable!("a key guard holds its lock until dropped"),
        }
    }
}

impl CaTree {
    pub fn new(keypos: usize) -> CaTree {
        CaTree {
            keypos,
            routes: RwLock::new(vec![Base::new(None, TreeStore::new(keypos))]),
        }
    }

    /// Number of bases (`ets:info` reports no such thing; unit tests and
    /// the lock count use it).
    pub fn bases(&self) -> usize {
        rd(&self.routes).len()
    }

    fn route(&self, key: Term) -> Arc<Base> {
        let r = rd(&self.routes);
        let i = r.partition_point(|b| starts_by(b, key)).saturating_sub(1);
        r[i].clone()
    }

    /// Shared access to the base holding `key`.
    pub fn read_key(&self, key: Term) -> KeyRead<'_> {
        loop {
            let base = self.route(key);
            // SAFETY: `base` is stored in the guard, which drops the lock
            // guard first.
            let b = unsafe { pinned(&base) };
            let g = match b.lock.try_read() {
                Ok(g) => g,
                Err(TryLockError::Poisoned(e)) => e.into_inner(),
                Err(TryLockError::WouldBlock) => {
                    b.stat.fetch_add(FAIL_WEIGHT, Ordering::Relaxed);
                    rd(&b.lock)
                }
            };
            if b.valid.load(Ordering::Acquire) {
                return KeyGuard {
                    g: Some(g),
                    base,
                    tree: self,
                };
            }
        }
    }

    /// Exclusive access to the base holding `key`.
    pub fn write_key(&self, key: Term) -> KeyWrite<'_> {
        loop {
            let base = self.route(key);
            // SAFETY: `base` is stored in the guard, which drops the lock
            // guard first.
            let b = unsafe { pinned(&base) };
            let g = match b.lock.try_write() {
                Ok(g) => {
                    b.stat.fetch_sub(1, Ordering::Relaxed);
                    g
                }
                Err(TryLockError::Poisoned(e)) => e.into_inner(),
                Err(TryLockError::WouldBlock) => {
                    b.stat.fetch_add(FAIL_WEIGHT, Ordering::Relaxed);
                    wr(&b.lock)
                }
            };
            if b.valid.load(Ordering::Acquire) {
                return KeyGuard {
                    g: Some(g),
                    base,
                    tree: self,
                };
            }
        }
    }

    /// Every base locked with `lock`, in key order.
    fn lock_all<'a, G>(&'a self, lock: impl Fn(&'a Base) -> G) -> Parts<G> {
        'retry: loop {
            let snap: Vec<Arc<Base>> = rd(&self.routes).clone();
            let mut parts = Vec::with_capacity(snap.len());
            for base in snap {
                // SAFETY: `base` is stored next to the guard in `parts`,
                // and tuples drop their fields in order (guard first).
                let b = unsafe { pinned(&base) };
                let g = lock(b);
                if !b.valid.load(Ordering::Acquire) {
                    continue 'retry;
                }
                parts.push((g, base));
            }
            return Parts { parts };
        }
    }

    /// Shared access to every base.
    pub fn read_all(&self) -> Parts<RwLockReadGuard<'_, TreeStore>> {
        self.lock_all(|b| rd(&b.lock))
    }

    /// Exclusive access to every base.
    pub fn write_all(&self) -> Parts<RwLockWriteGuard<'_, TreeStore>> {
        self.lock_all(|b| wr(&b.lock))
    }

    /// Splits or joins `base` if its count says so and it is still in
    /// the routes. Called with no base lock held.
    fn adapt(&self, base: &Arc<Base>) {
        let mut routes = wr(&self.routes);
        let Some(i) = routes.iter().position(|b| Arc::ptr_eq(b, base)) else {
            return;
        };
        let s = base.stat.load(Ordering::Relaxed);
        if s > SPLIT_AT && routes.len() < MAX_BASES {
            let mut g = wr(&base.lock);
            let Some((low, upper)) = g.split_half() else {
                base.stat.store(0, Ordering::Relaxed);
                return;
            };
            let lower = std::mem::replace(&mut *g, TreeStore::new(self.keypos));
            base.valid.store(false, Ordering::Release);
            drop(g);
            let left = Base::new(base.low.as_ref().map(|l| Stored::new(l.term())), lower);
            let right = Base::new(Some(low), upper);
            routes.splice(i..=i, [left, right]);
        } else if s < JOIN_AT && routes.len() > 1 {
            let a = if i + 1 < routes.len() { i } else { i - 1 };
            let (ba, bb) = (routes[a].clone(), routes[a + 1].clone());
            let mut ga = wr(&ba.lock);
            let mut gb = wr(&bb.lock);
            let mut merged = std::mem::replace(&mut *ga, TreeStore::new(self.keypos));
            merged.absorb(std::mem::replace(&mut *gb, TreeStore::new(self.keypos)));
            ba.valid.store(false, Ordering::Release);
            bb.valid.store(false, Ordering::Release);
            drop((ga, gb));
            let low = ba.low.as_ref().map(|l| Stored::new(l.term()));
            routes.splice(a..=a + 1, [Base::new(low, merged)]);
        } else {
            base.stat.store(0, Ordering::Relaxed);
        }
    }
}

/// A guard over one base, shared or exclusive.
pub trait PartRef {
    fn get(&self) -> &TreeStore;
    /// `None` for a shared guard.
    fn get_mut(&mut self) -> Option<&mut TreeStore>;
}

impl PartRef for RwLockReadGuard<'_, TreeStore> {
    fn get(&self) -> &TreeStore {
        self
    }
    fn get_mut(&mut self) -> Option<&mut TreeStore> {
        None
    }
}

impl PartRef for RwLockWriteGuard<'_, TreeStore> {
    fn get(&self) -> &TreeStore {
        self
    }
    fn get_mut(&mut self) -> Option<&mut TreeStore> {
        Some(self)
    }
}

/// Every base of a table, locked in key order, seen as one tree. A shared
/// `Parts` is only reachable through `ReadGuard`'s `Deref`, so its
/// mutating methods are never called on shared guards; they do nothing
/// there rather than fail.
pub struct Parts<G> {
    /// Each guard before the `Arc` it borrows from (dropped first).
    parts: Vec<(G, Arc<Base>)>,
}

impl<G: PartRef> Parts<G> {
    fn of(&self, key: Term) -> usize {
        self.parts
            .partition_point(|(_, b)| starts_by(b, key))
            .saturating_sub(1)
    }
    fn store(&self, i: usize) -> &TreeStore {
        self.parts[i].0.get()
    }
    fn mut_of(&mut self, key: Term) -> Option<&mut TreeStore> {
        let i = self.of(key);
        self.parts[i].0.get_mut()
    }
    fn first_from(&self, from: usize) -> Option<Term> {
        self.parts[from..].iter().find_map(|(g, _)| g.get().first())
    }
    fn last_before(&self, to: usize) -> Option<Term> {
        self.parts[..to]
            .iter()
            .rev()
            .find_map(|(g, _)| g.get().last())
    }
    /// The lower bound of base `i + 1` (the key where base `i` ends).
    fn end_of(&self, i: usize) -> Option<Term> {
        self.parts.get(i + 1).and_then(|(_, b)| b.low_key())
    }
}

impl<G: PartRef> Storage for Parts<G> {
    fn len(&self) -> usize {
        self.parts.iter().map(|(g, _)| g.get().len()).sum()
    }
    fn words(&self) -> usize {
        self.parts.iter().map(|(g, _)| g.get().words()).sum()
    }
    fn insert(&mut self, obj: Stored) {
        let k = obj.elem(self.store(0).key_index());
        if let Some(s) = self.mut_of(k) {
            s.insert(obj);
        }
    }
    fn contains_key(&self, key: Term) -> bool {
        self.store(self.of(key)).contains_key(key)
    }
    fn lookup(&self, key: Term, f: &mut dyn FnMut(&Stored)) {
        self.store(self.of(key)).lookup(key, f)
    }
    fn take(&mut self, key: Term) -> Vec<Stored> {
        self.mut_of(key).map(|s| s.take(key)).unwrap_or_default()
    }
    fn delete_object(&mut self, obj: Term) {
        let ki = self.store(0).key_index();
        // SAFETY: callers check that `obj` is a tuple covering keypos.
        let key = unsafe { obj.tuple_elem(ki) };
        if let Some(s) = self.mut_of(key) {
            s.delete_object(obj);
        }
    }
    fn clear(&mut self) -> usize {
        self.parts
            .iter_mut()
            .filter_map(|(g, _)| g.get_mut().map(|s| s.clear()))
            .sum()
    }
    fn update(&mut self, key: Term, f: &mut dyn FnMut(&mut Stored) -> Option<Stored>) -> bool {
        self.mut_of(key).is_some_and(|s| s.update(key, f))
    }
    fn remove_if(&mut self, f: &mut dyn FnMut(&Stored) -> bool) -> usize {
        let mut n = 0;
        for (g, _) in self.parts.iter_mut() {
            if let Some(s) = g.get_mut() {
                n += s.remove_if(f);
            }
        }
        n
    }
    fn first(&self) -> Option<Term> {
        self.first_from(0)
    }
    fn last(&self) -> Option<Term> {
        self.last_before(self.parts.len())
    }
    fn next(&self, key: Term) -> Result<Option<Term>, NoSuchKey> {
        let i = self.of(key);
        match self.store(i).next(key)? {
            Some(k) => Ok(Some(k)),
            None => Ok(self.first_from(i + 1)),
        }
    }
    fn prev(&self, key: Term) -> Result<Option<Term>, NoSuchKey> {
        let i = self.of(key);
        match self.store(i).prev(key)? {
            Some(k) => Ok(Some(k)),
            None => Ok(self.last_before(i)),
        }
    }
    fn for_each(&self, reverse: bool, f: &mut dyn FnMut(&Stored) -> bool) {
        let mut go = true;
        let mut visit = |s: &TreeStore| {
            s.for_each(reverse, &mut |o| {
                go = f(o);
                go
            });
            go
        };
        if reverse {
            for (g, _) in self.parts.iter().rev() {
                if !visit(g.get()) {
                    return;
                }
            }
        } else {
            for (g, _) in self.parts.iter() {
                if !visit(g.get()) {
                    return;
                }
            }
        }
    }
    fn span(
        &self,
        bounds: &dyn KeyBounds,
        after: Option<Term>,
        reverse: bool,
        f: &mut dyn FnMut(&Stored) -> bool,
    ) {
        // Bases wholly outside the interval, or wholly before `after`
        // (after it, reversed), are skipped; each other base starts its
        // own traversal at the bound in O(log n).
        let n = self.parts.len();
        let order: Box<dyn Iterator<Item = usize>> = if reverse {
            Box::new((0..n).rev())
        } else {
            Box::new(0..n)
        };
        for i in order {
            let low = self.parts[i].1.low_key();
            let end = self.end_of(i);
            let skip = if reverse {
                low.is_some_and(|l| {
                    bounds.above(l) || after.is_some_and(|a| key_cmp(l, a) != Cmp::Less)
                })
            } else {
                end.is_some_and(|e| {
                    bounds.below(e) || after.is_some_and(|a| key_cmp(e, a) != Cmp::Greater)
                })
            };
            if skip {
                continue;
            }
            let mut go = true;
            self.store(i).span(bounds, after, reverse, &mut |o| {
                go = f(o);
                go
            });
            if !go {
                return;
            }
            // The interval ends inside this base: nothing further.
            let past = if reverse {
                low.is_some_and(|l| bounds.below(l))
            } else {
                end.is_some_and(|e| bounds.above(e))
            };
            if past {
                return;
            }
        }
    }
    fn slots(&self) -> usize {
        self.len()
    }
    fn for_slot(&self, mut i: usize, f: &mut dyn FnMut(&Stored)) {
        for (g, _) in &self.parts {
            let n = g.get().len();
            if i < n {
                return g.get().for_slot(i, f);
            }
            i -= n;
        }
    }
}

#[cfg(test)]
#[path = "catree_tests.rs"]
mod tests;
