//! ordered_set: a B-tree (std's `BTreeSet`) of objects ordered by their
//! keys in Erlang term order, where keys that compare equal (`==`: `1`
//! and `1.0`) are one key. Insert, delete, lookup, `next`/`prev` and the
//! start of a range traversal are O(log n).
//!
//! An entry is the object with its key's prefix (`key_prefix.rs`), 16
//! bytes: the object records its key position (`Stored::set_key_index`)
//! so that the key is read from the object itself, and only when two
//! prefixes are equal. A search takes a `KeyProbe`, a key laid out as an
//! object, so that it compares as the entries do.

use super::object::{KeyProbe, Stored};
use super::store::{KeyBounds, NoSuchKey, Storage};
use crate::data::compare::cmp_terms;
use crate::term::Term;
use std::cmp::Ordering;
use std::collections::BTreeSet;
use std::mem::ManuallyDrop;
use std::ops::Bound;
use std::sync::atomic::{AtomicU64, Ordering as Mo};
use std::sync::Mutex;

/// An object (its `Stored` word) with its key's prefix. Entries compare
/// by prefix, then by key (term order, `==` equality): a B-tree search
/// over compound keys reads no object whose prefix differs.
///
/// The word is atomic only to be writable through the set's shared
/// references: it changes under the table's write lock alone
/// (`obj_mut`), to an object with an equal key.
struct TKey {
    prefix: u64,
    obj: AtomicU64,
}

impl TKey {
    /// An entry owning `obj` (whose key position is recorded).
    #[inline]
    fn new(obj: Stored) -> TKey {
        let prefix = super::key_prefix::prefix(obj.key());
        TKey {
            prefix,
            obj: AtomicU64::new(obj.into_raw().get()),
        }
    }

    /// A search probe for `key`, over `kp`, which must stay in place
    /// while it is used; never dropped (it owns nothing).
    #[inline]
    fn probe(key: Term, kp: &KeyProbe) -> ManuallyDrop<TKey> {
        ManuallyDrop::new(TKey {
            prefix: super::key_prefix::prefix(key),
            obj: AtomicU64::new(kp.as_raw()),
        })
    }

    #[inline]
    fn obj(&self) -> &Stored {
        // SAFETY: `Stored` is a transparent non-zero word, and this one is
        // a live object (or a probe's); it changes only through `obj_mut`.
        unsafe { &*(self.obj.as_ptr() as *const Stored) }
    }

    /// The object, to change in place or read.
    /// # Safety
    /// The caller has exclusive access to the set (its write lock).
    #[inline]
    #[allow(clippy::mut_from_ref)]
    unsafe fn obj_mut(&self) -> &mut Stored {
        &mut *(self.obj.as_ptr() as *mut Stored)
    }

    #[inline]
    fn key(&self) -> Term {
        self.obj().key()
    }

    /// Gives the object up.
    #[inline]
    fn into_obj(self) -> Stored {
        let me = ManuallyDrop::new(self);
        let raw = me.obj.load(Mo::Relaxed);
        // SAFETY: the entry owned the object and is forgotten.
        unsafe { Stored::from_raw(std::num::NonZeroU64::new_unchecked(raw)) }
    }
}

impl Drop for TKey {
    fn drop(&mut self) {
        let raw = *self.obj.get_mut();
        // SAFETY: the entry owns its object (probes are never dropped).
        drop(unsafe { Stored::from_raw(std::num::NonZeroU64::new_unchecked(raw)) });
    }
}

impl PartialEq for TKey {
    fn eq(&self, o: &Self) -> bool {
        self.cmp(o) == Ordering::Equal
    }
}
impl Eq for TKey {}
impl PartialOrd for TKey {
    fn partial_cmp(&self, o: &Self) -> Option<Ordering> {
        Some(self.cmp(o))
    }
}
impl Ord for TKey {
    #[inline]
    fn cmp(&self, o: &Self) -> Ordering {
        // Prefixes keep term order (equal keys have equal prefixes).
        if self.prefix != o.prefix {
            return self.prefix.cmp(&o.prefix);
        }
        key_cmp(self.key(), o.key())
    }
}

pub struct TreeStore {
    key: usize,
    map: BTreeSet<TKey>,
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
fn visit<'a, I>(it: I, mut f: impl FnMut(&'a TKey) -> bool)
where
    I: Iterator<Item = &'a TKey> + Clone,
{
    let mut ahead = it.clone();
    for e in ahead.by_ref().take(PREFETCH) {
        e.obj().prefetch2();
    }
    for e in it {
        if let Some(a) = ahead.next() {
            a.obj().prefetch2();
        }
        if !f(e) {
            return;
        }
    }
}

impl TreeStore {
    pub fn new(keypos: usize) -> TreeStore {
        TreeStore {
            key: keypos - 1,
            map: BTreeSet::new(),
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
        let kp = KeyProbe::new(key);
        let p = TKey::probe(key, &kp);
        let mut it = self
            .map
            .range::<TKey, _>((Bound::Excluded(&*p), Bound::Unbounded))
            .map(|e| e.key());
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
        let mid = self.map.iter().nth(n / 2).map(|e| e.key())?;
        // The split key is copied before `split_off`: it points into an
        // object that moves to the new store (its buffer stays put, so
        // the pointer stays valid for the call).
        let low = Stored::new(mid);
        let kp = KeyProbe::new(mid);
        // (The entries' atomic word never changes their order: see `TKey`.)
        #[allow(clippy::mutable_key_type)]
        let map = self.map.split_off(&*TKey::probe(mid, &kp));
        let words: usize = map.iter().map(|e| e.obj().words()).sum();
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

/// What a range traversal starts from: an entry (or probe), or a cut
/// point of a key interval (`KeyBounds`) that lies between keys. Entries
/// borrow as `dyn Probe`, so `BTreeSet::range` can start at a cut.
trait Probe {
    /// The entry, unless this is a cut.
    fn entry(&self) -> Option<&TKey>;
    /// How this probe compares with the stored key `k`.
    fn vs_key(&self, k: Term) -> Ordering;
}

impl Probe for TKey {
    fn entry(&self) -> Option<&TKey> {
        Some(self)
    }
    fn vs_key(&self, k: Term) -> Ordering {
        key_cmp(self.key(), k)
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
    fn entry(&self) -> Option<&TKey> {
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

impl<'a> std::borrow::Borrow<dyn Probe + 'a> for TKey {
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
        match (self.entry(), o.entry()) {
            (Some(a), Some(b)) => a.cmp(b),
            (None, Some(b)) => self.vs_key(b.key()),
            (Some(a), None) => o.vs_key(a.key()).reverse(),
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

    fn insert(&mut self, mut obj: Stored) {
        self.changed();
        obj.set_key_index(self.key);
        self.words += obj.words();
        // One search: an object with an equal key is replaced, entry and
        // all (the new entry reads the new object's key).
        if let Some(old) = self.map.replace(TKey::new(obj)) {
            self.words -= old.obj().words();
        }
    }

    fn contains_key(&self, key: Term) -> bool {
        let kp = KeyProbe::new(key);
        self.map.contains(&*TKey::probe(key, &kp))
    }

    fn lookup(&self, key: Term, f: &mut dyn FnMut(&Stored)) {
        let kp = KeyProbe::new(key);
        if let Some(e) = self.map.get(&*TKey::probe(key, &kp)) {
            f(e.obj());
        }
    }

    fn take(&mut self, key: Term) -> Vec<Stored> {
        self.changed();
        let kp = KeyProbe::new(key);
        match self.map.take(&*TKey::probe(key, &kp)) {
            Some(e) => {
                let o = e.into_obj();
                self.words -= o.words();
                vec![o]
            }
            None => Vec::new(),
        }
    }

    fn delete_object(&mut self, obj: Term) {
        self.changed();
        // SAFETY: the caller checked that `obj` is a tuple covering keypos.
        let key = unsafe { obj.tuple_elem(self.key) };
        let kp = KeyProbe::new(key);
        let p = TKey::probe(key, &kp);
        let same = self.map.get(&*p).is_some_and(|e| {
            e.obj()
                .with_term(|t| crate::data::compare::eq_exact(t, obj))
        });
        if same {
            if let Some(e) = self.map.take(&*p) {
                self.words -= e.obj().words();
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
        let kp = KeyProbe::new(key);
        let Some(e) = self.map.get(&*TKey::probe(key, &kp)) else {
            return false;
        };
        // SAFETY: `&mut self` is the table's write access.
        let new = f(unsafe { e.obj_mut() });
        if let Some(new) = new {
            self.insert(new);
        }
        true
    }

    fn remove_if(&mut self, f: &mut dyn FnMut(&Stored) -> bool) -> usize {
        self.changed();
        let before = self.map.len();
        let mut freed = 0;
        self.map.retain(|e| {
            let o = e.obj();
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
        self.map.first().map(|e| e.key())
    }
    fn last(&self) -> Option<Term> {
        self.map.last().map(|e| e.key())
    }
    fn next(&self, key: Term) -> Result<Option<Term>, NoSuchKey> {
        if let Some(n) = self.next_ahead(key) {
            return Ok(n);
        }
        Ok(self.next_search(key))
    }
    fn prev(&self, key: Term) -> Result<Option<Term>, NoSuchKey> {
        let kp = KeyProbe::new(key);
        let p = TKey::probe(key, &kp);
        Ok(self
            .map
            .range::<TKey, _>((Bound::Unbounded, Bound::Excluded(&*p)))
            .next_back()
            .map(|e| e.key()))
    }

    fn for_each(&self, reverse: bool, f: &mut dyn FnMut(&Stored) -> bool) {
        if reverse {
            visit(self.map.iter().rev(), |e| f(e.obj()));
        } else {
            visit(self.map.iter(), |e| f(e.obj()));
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
        let (kp, probe);
        let edge: Bound<&dyn Probe> = match after {
            Some(k) if reverse && !bounds.above(k) || !reverse && !bounds.below(k) => {
                kp = KeyProbe::new(k);
                probe = TKey::probe(k, &kp);
                Bound::Excluded(&*probe)
            }
            _ => Bound::Included(&cut),
        };
        if reverse {
            let it = self.map.range::<dyn Probe, _>((Bound::Unbounded, edge));
            visit(it.rev(), |e| !bounds.below(e.key()) && f(e.obj()));
        } else {
            let it = self.map.range::<dyn Probe, _>((edge, Bound::Unbounded));
            visit(it, |e| !bounds.above(e.key()) && f(e.obj()));
        }
    }

    fn slots(&self) -> usize {
        self.map.len()
    }
    fn for_slot(&self, i: usize, f: &mut dyn FnMut(&Stored)) {
        if let Some(e) = self.map.iter().nth(i) {
            f(e.obj());
        }
    }
}
