//! One bucket of the hash table (`hash.rs`): an ordered list of entries
//! whose first entry lives inline, in the bucket array itself. Most
//! buckets hold one or two entries, so a lookup usually touches one cache
//! line of the bucket array and, to compare an immediate key, nothing
//! else (the entry keeps the key word and the hash next to each other).

use super::object::Stored;
use crate::term::Term;

/// The dead mark (an object deleted while the table is fixed), kept in the
/// top bit of the hash word; hashes never have that bit.
pub(super) const DEAD: u64 = 1 << 63;

/// A stored object with its key's hash and the key itself (pointing into
/// the object's buffer when boxed, which never moves).
pub(super) struct Entry {
    /// The key's hash, with `DEAD` set for a dead entry.
    pub word: u64,
    pub key: Term,
    pub obj: Stored,
}

impl Entry {
    pub fn new(hash: u64, key: Term, obj: Stored) -> Entry {
        Entry {
            word: hash,
            key,
            obj,
        }
    }
    #[inline]
    pub fn hash(&self) -> u64 {
        self.word & !DEAD
    }
    #[inline]
    pub fn dead(&self) -> bool {
        self.word & DEAD != 0
    }
    /// A live entry whose hash is `h`.
    #[inline]
    pub fn live_with(&self, h: u64) -> bool {
        self.word == h
    }
    pub fn set_dead(&mut self) {
        self.word |= DEAD;
    }
}

/// Entries in order: `head` first, then `rest`. `head` is `None` only when
/// the bucket is empty. Aligned so a bucket is one cache line.
#[repr(align(64))]
#[derive(Default)]
pub(super) struct Bucket {
    head: Option<Entry>,
    rest: Vec<Entry>,
}

impl Bucket {
    #[inline]
    pub fn len(&self) -> usize {
        self.head.is_some() as usize + self.rest.len()
    }

    #[inline]
    pub fn get(&self, i: usize) -> Option<&Entry> {
        if i == 0 {
            self.head.as_ref()
        } else {
            self.rest.get(i - 1)
        }
    }

    #[inline]
    pub fn get_mut(&mut self, i: usize) -> Option<&mut Entry> {
        if i == 0 {
            self.head.as_mut()
        } else {
            self.rest.get_mut(i - 1)
        }
    }

    /// The entry at `i`, which must exist (callers index below `len`).
    #[inline]
    pub fn at(&self, i: usize) -> &Entry {
        match self.get(i) {
            Some(e) => e,
            None => unreachable_index(),
        }
    }

    #[inline]
    pub fn iter(&self) -> impl DoubleEndedIterator<Item = &Entry> + '_ {
        self.head.iter().chain(self.rest.iter())
    }

    pub fn iter_mut(&mut self) -> impl Iterator<Item = &mut Entry> + '_ {
        self.head.iter_mut().chain(self.rest.iter_mut())
    }

    pub fn push(&mut self, e: Entry) {
        if self.head.is_none() {
            self.head = Some(e);
        } else {
            // Chains are short: grow one entry at a time (a `Vec` would
            // start at four), keeping the table small and cache friendly.
            self.rest.reserve_exact(1);
            self.rest.push(e);
        }
    }

    /// Inserts `e` before position `i` (`i <= len`).
    pub fn insert(&mut self, i: usize, e: Entry) {
        if i == 0 {
            if let Some(h) = self.head.replace(e) {
                self.rest.reserve_exact(1);
                self.rest.insert(0, h);
            }
        } else {
            self.rest.reserve_exact(1);
            self.rest.insert(i - 1, e);
        }
    }

    /// Replaces the entry at `i` (which exists), returning the old one.
    pub fn replace(&mut self, i: usize, e: Entry) -> Entry {
        match self.get_mut(i) {
            Some(slot) => std::mem::replace(slot, e),
            None => unreachable_index(),
        }
    }

    /// Removes the entry at `i` (which exists).
    pub fn remove(&mut self, i: usize) -> Entry {
        if i == 0 {
            let h = self.head.take();
            if !self.rest.is_empty() {
                self.head = Some(self.rest.remove(0));
            }
            match h {
                Some(h) => h,
                None => unreachable_index(),
            }
        } else {
            self.rest.remove(i - 1)
        }
    }

    /// Keeps the entries for which `f` says true, in order.
    pub fn retain(&mut self, mut f: impl FnMut(&Entry) -> bool) {
        let mut all: Vec<Entry> = self.head.take().into_iter().collect();
        all.append(&mut self.rest);
        all.retain(|e| f(e));
        let mut it = all.into_iter();
        self.head = it.next();
        self.rest = it.collect();
        self.rest.shrink_to_fit();
    }

    /// Takes every entry out, in order.
    pub fn drain(&mut self) -> impl Iterator<Item = Entry> {
        let head = self.head.take();
        head.into_iter().chain(std::mem::take(&mut self.rest))
    }
}

/// An index the hash table computed from this bucket's length was out of
/// range: a broken invariant of `hash.rs`, not reachable from user input.
#[cold]
fn unreachable_index() -> ! {
    unreachable!("ets hash bucket index out of range")
}
