//! ordered_set: a B-tree (std's `BTreeMap`) of objects ordered by their
//! keys in Erlang term order, where keys that compare equal (`==`: `1`
//! and `1.0`) are one key. Insert, delete, lookup, `next`/`prev` and the
//! start of a range traversal are O(log n).
//!
//! The map's key is the object's key term, pointing into the object's own
//! buffer (which never moves). So an entry's key must never outlive its
//! object: replacing an object removes the entry first and inserts a new
//! one (`BTreeMap::insert` would keep the old key).

use super::object::Stored;
use super::store::{KeyBounds, NoSuchKey, Storage};
use crate::data::compare::cmp_terms;
use crate::term::Term;
use std::cmp::Ordering;
use std::collections::btree_map::Entry;
use std::collections::BTreeMap;
use std::ops::Bound;
use std::sync::Mutex;

/// A key compared in term order with `==` equality, with its prefix
/// (`key_prefix.rs`): a comparison of two stored keys reads neither key
/// when their prefixes differ, so a B-tree search over compound keys
/// does not fetch each key it passes from its object.
#[derive(Clone, Copy)]
struct OKey(Term, u64);

impl OKey {
    #[inline]
    fn new(k: Term) -> OKey {
        OKey(k, super::key_prefix::prefix(k))
    }
}

impl PartialEq for OKey {
    fn eq(&self, o: &Self) -> bool {
        self.cmp(o) == Ordering::Equal
    }
}
impl Eq for OKey {}
impl PartialOrd for OKey {
    fn partial_cmp(&self, o: &Self) -> Option<Ordering> {
        Some(self.cmp(o))
    }
}
impl Ord for OKey {
    #[inline]
    fn cmp(&self, o: &Self) -> Ordering {
        // Prefixes keep term order (equal keys have equal prefixes).
        if self.1 != o.1 {
            return self.1.cmp(&o.1);
        }
        key_cmp(self.0, o.0)
    }
}

// SAFETY: keys point into table-owned buffers (or, transiently, at the
// caller's terms during one call); they are only read.
unsafe impl Send for OKey {}
unsafe impl Sync for OKey {}

pub struct TreeStore {
    key: usize,
    map: BTreeMap<OKey, Stored>,
    words: usize,
    /// Where the last `next/2` walk stood (see `Ahead`).
    ahead: Mutex<Ahead>,
}

/// Keys read ahead by `next/2`: a walk (`ets:next/2` in a loop) asks for
/// the successor of the key it was just given, so one B-tree search
/// reads the following keys too, and the calls after it answer from here
/// with one key comparison and no search (BEAM keeps the last traversal's
/// stack for the same reason). The keys point into the table's objects:
/// every change to the table empties it (`TreeStore::changed`).
struct Ahead {
    /// Raw words of keys in table order: `keys[at]` is the key the last
    /// call answered, `keys[at + 1..len]` the ones after it.
    keys: [u64; AHEAD],
    len: usize,
    at: usize,
    /// Whether `keys[len - 1]` is the table's last key.
    end: bool,
}

/// Keys `next/2` reads per B-tree search.
const AHEAD: usize = 16;

/// Objects a traversal asks the CPU to load before it reaches them: the
/// objects of neighbouring keys lie anywhere in memory, and loading
/// several at once overlaps their cache misses.
const PREFETCH: usize = 8;

impl Ahead {
    const EMPTY: Ahead = Ahead {
        keys: [0; AHEAD],
        len: 0,
        at: 0,
        end: false,
    };
}

/// Calls `f` on the entries of `it` in order until it returns false,
/// prefetching the objects `PREFETCH` entries ahead.
#[inline]
fn visit<'a, I>(it: I, mut f: impl FnMut(&'a OKey, &'a Stored) -> bool)
where
    I: Iterator<Item = (&'a OKey, &'a Stored)> + Clone,
{
    let mut ahead = it.clone();
    for (_, o) in ahead.by_ref().take(PREFETCH) {
        o.prefetch2();
    }
    for (k, o) in it {
        if let Some((_, a)) = ahead.next() {
            a.prefetch2();
        }
        if !f(k, o) {
            return;
        }
    }
}

impl TreeStore {
    pub fn new(keypos: usize) -> TreeStore {
        TreeStore {
            key: keypos - 1,
            map: BTreeMap::new(),
            words: 0,
            ahead: Mutex::new(Ahead::EMPTY),
        }
    }

    /// Called by every change: keys read ahead may be gone.
    #[inline]
    fn changed(&mut self) {
        if let Ok(a) = self.ahead.get_mut() {
            a.len = 0;
        }
    }

    /// The key after `key` from the keys read ahead, if they answer.
    fn next_ahead(&self, key: Term) -> Option<Option<Term>> {
        let mut a = self.ahead.try_lock().ok()?;
        if a.at >= a.len || key_cmp(key, Term(a.keys[a.at])) != Ordering::Equal {
            return None;
        }
        if a.at + 1 < a.len {
            a.at += 1;
            return Some(Some(Term(a.keys[a.at])));
        }
        // The last key read: the table ends there, or read further.
        a.end.then_some(None)
    }

    /// The key after `key` by a B-tree search, reading the keys after it
    /// ahead for the calls to come.
    fn next_search(&self, key: Term) -> Option<Term> {
        let mut it = self
            .map
            .range((Bound::Excluded(OKey::new(key)), Bound::Unbounded))
            .map(|(k, _)| k.0);
        let Ok(mut a) = self.ahead.try_lock() else {
            return it.next();
        };
        a.len = 0;
        a.at = 0;
        for k in it.by_ref().take(AHEAD) {
            let n = a.len;
            a.keys[n] = k.raw();
            a.len += 1;
        }
        a.end = a.len < AHEAD;
        (a.len > 0).then(|| Term(a.keys[0]))
    }

    /// 0-based position of the key in every object.
    pub fn key_index(&self) -> usize {
        self.key
    }

    /// Moves the upper half of the objects into a new store and returns
    /// it with a copy of its smallest key (the split point of a CA tree
    /// base, `catree.rs`); `None` with fewer than two objects.
    pub fn split_half(&mut self) -> Option<(Stored, TreeStore)> {
        let n = self.map.len();
        if n < 2 {
            return None;
        }
        self.changed();
        let mid = self.map.keys().nth(n / 2).map(|k| k.0)?;
        // The split key is copied before `split_off`: the map's key points
        // into an object that moves to the new store with it (its buffer
        // stays put, so the pointer stays valid for the call).
        let low = Stored::new(mid);
        let map = self.map.split_off(&OKey::new(mid));
        let words: usize = map.values().map(|o| o.words()).sum();
        self.words -= words;
        Some((
            low,
            TreeStore {
                key: self.key,
                map,
                words,
                ahead: Mutex::new(Ahead::EMPTY),
            },
        ))
    }

    /// Moves every object of `other`, whose keys all lie above this
    /// store's, into this store (the join of two CA tree bases).
    pub fn absorb(&mut self, mut other: TreeStore) {
        self.changed();
        self.words += other.words;
        self.map.append(&mut other.map);
    }
}

/// Term order with `==` equality, as the tree orders keys.
#[inline]
pub fn key_cmp(a: Term, b: Term) -> Ordering {
    // Small integers (the usual keys) compare by value inline.
    if a.is_small() && b.is_small() {
        return a.small_value().cmp(&b.small_value());
    }
    cmp_terms(a, b)
}

/// What a B-tree search compares against: a stored key, or a cut point
/// of a key interval (`KeyBounds`) that lies between keys. The map's keys
/// borrow as `dyn Probe`, so `BTreeMap::range` can start at a cut.
trait Probe {
    /// The key with its prefix, for a stored key.
    fn key(&self) -> Option<&OKey>;
    /// How this probe compares with the stored key `k`.
    fn vs_key(&self, k: Term) -> Ordering;
}

impl Probe for OKey {
    fn key(&self) -> Option<&OKey> {
        Some(self)
    }
    fn vs_key(&self, k: Term) -> Ordering {
        key_cmp(self.0, k)
    }
}

/// The start (`low`) or end of a key interval: after every key below it,
/// before every key inside (resp. after every key inside, before every key
/// above). Never equal to a key.
struct Cut<'a> {
    bounds: &'a dyn KeyBounds,
    low: bool,
}

impl Probe for Cut<'_> {
    fn key(&self) -> Option<&OKey> {
        None
    }
    fn vs_key(&self, k: Term) -> Ordering {
        let after = if self.low {
            self.bounds.below(k)
        } else {
            !self.bounds.above(k)
        };
        if after {
            Ordering::Greater
        } else {
            Ordering::Less
        }
    }
}

impl<'a> std::borrow::Borrow<dyn Probe + 'a> for OKey {
    fn borrow(&self) -> &(dyn Probe + 'a) {
        self
    }
}

impl PartialEq for dyn Probe + '_ {
    fn eq(&self, o: &Self) -> bool {
        self.cmp(o) == Ordering::Equal
    }
}
impl Eq for dyn Probe + '_ {}
impl PartialOrd for dyn Probe + '_ {
    fn partial_cmp(&self, o: &Self) -> Option<Ordering> {
        Some(self.cmp(o))
    }
}
impl Ord for dyn Probe + '_ {
    fn cmp(&self, o: &Self) -> Ordering {
        match (self.key(), o.key()) {
            (Some(a), Some(b)) => a.cmp(b),
            (None, Some(b)) => self.vs_key(b.0),
            (Some(a), None) => o.vs_key(a.0).reverse(),
            // Two cuts are never compared: ranges here have one open end.
            (None, None) => Ordering::Equal,
        }
    }
}

impl Storage for TreeStore {
    fn len(&self) -> usize {
        self.map.len()
    }
    fn words(&self) -> usize {
        // A tree node takes one word more than a hash table entry in BEAM
        // (its two child links and balance, against a chain link and hash).
        self.words + self.map.len()
    }

    fn insert(&mut self, obj: Stored) {
        self.changed();
        let k = OKey::new(obj.elem(self.key));
        self.words += obj.words();
        // One search for a new key. An old object goes with its entry
        // (the map's key points into it), unless both keys are the same
        // immediate word, which points nowhere.
        match self.map.entry(k) {
            Entry::Vacant(v) => {
                v.insert(obj);
            }
            Entry::Occupied(mut e) if k.0.is_immed() && e.key().0 == k.0 => {
                let old = e.insert(obj);
                self.words -= old.words();
            }
            Entry::Occupied(e) => {
                let (_, old) = e.remove_entry();
                self.words -= old.words();
                self.map.insert(k, obj);
            }
        }
    }

    fn contains_key(&self, key: Term) -> bool {
        self.map.contains_key(&OKey::new(key))
    }

    fn lookup(&self, key: Term, f: &mut dyn FnMut(&Stored)) {
        if let Some(o) = self.map.get(&OKey::new(key)) {
            f(o);
        }
    }

    fn take(&mut self, key: Term) -> Vec<Stored> {
        self.changed();
        match self.map.remove(&OKey::new(key)) {
            Some(o) => {
                self.words -= o.words();
                vec![o]
            }
            None => Vec::new(),
        }
    }

    fn delete_object(&mut self, obj: Term) {
        self.changed();
        // SAFETY: the caller checked that `obj` is a tuple covering keypos.
        let k = OKey::new(unsafe { obj.tuple_elem(self.key) });
        if let Some(o) = self.map.get(&k) {
            if o.with_term(|t| crate::data::compare::eq_exact(t, obj)) {
                let o = self.map.remove(&k);
                self.words -= o.map_or(0, |o| o.words());
            }
        }
    }

    fn clear(&mut self) -> usize {
        self.changed();
        let n = self.map.len();
        self.map.clear();
        self.words = 0;
        n
    }

    fn update(&mut self, key: Term, f: &mut dyn FnMut(&mut Stored) -> Option<Stored>) -> bool {
        // (An update in place changes no key; a replacement goes through
        // `insert`, which empties the keys read ahead.)
        let k = OKey::new(key);
        let Some(o) = self.map.get_mut(&k) else {
            return false;
        };
        if let Some(new) = f(o) {
            self.insert(new);
        }
        true
    }

    fn remove_if(&mut self, f: &mut dyn FnMut(&Stored) -> bool) -> usize {
        self.changed();
        let before = self.map.len();
        let mut freed = 0;
        self.map.retain(|_, o| {
            let del = f(o);
            if del {
                freed += o.words();
            }
            !del
        });
        self.words -= freed;
        before - self.map.len()
    }

    fn first(&self) -> Option<Term> {
        self.map.first_key_value().map(|(k, _)| k.0)
    }
    fn last(&self) -> Option<Term> {
        self.map.last_key_value().map(|(k, _)| k.0)
    }
    fn next(&self, key: Term) -> Result<Option<Term>, NoSuchKey> {
        if let Some(n) = self.next_ahead(key) {
            return Ok(n);
        }
        Ok(self.next_search(key))
    }
    fn prev(&self, key: Term) -> Result<Option<Term>, NoSuchKey> {
        Ok(self
            .map
            .range((Bound::Unbounded, Bound::Excluded(OKey::new(key))))
            .next_back()
            .map(|(k, _)| k.0))
    }

    fn for_each(&self, reverse: bool, f: &mut dyn FnMut(&Stored) -> bool) {
        if reverse {
            visit(self.map.iter().rev(), |_, o| f(o));
        } else {
            visit(self.map.iter(), |_, o| f(o));
        }
    }

    fn span(
        &self,
        bounds: &dyn KeyBounds,
        after: Option<Term>,
        reverse: bool,
        f: &mut dyn FnMut(&Stored) -> bool,
    ) {
        // Start at the interval's edge, or just past `after` when that is
        // already inside (or beyond) it; stop at the first key outside.
        let cut = Cut {
            bounds,
            low: !reverse,
        };
        let okey;
        let edge: Bound<&dyn Probe> = match after {
            Some(k) if reverse && !bounds.above(k) || !reverse && !bounds.below(k) => {
                okey = OKey::new(k);
                Bound::Excluded(&okey)
            }
            _ => Bound::Included(&cut),
        };
        if reverse {
            let it = self.map.range::<dyn Probe, _>((Bound::Unbounded, edge));
            visit(it.rev(), |k, o| !bounds.below(k.0) && f(o));
        } else {
            let it = self.map.range::<dyn Probe, _>((edge, Bound::Unbounded));
            visit(it, |k, o| !bounds.above(k.0) && f(o));
        }
    }

    fn slots(&self) -> usize {
        self.map.len()
    }
    fn for_slot(&self, i: usize, f: &mut dyn FnMut(&Stored)) {
        if let Some((_, o)) = self.map.iter().nth(i) {
            f(o);
        }
    }
}
