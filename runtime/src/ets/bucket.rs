//! One bucket of the hash table (`hash.rs`): an ordered list of entries
//! whose first two entries live inline, in the bucket array itself. Most
//! buckets hold at most two entries, so a lookup usually reads the bucket
//! and then the object it wants, and nothing else (the entry keeps the
//! key's hash, so other keys are passed over without reading their
//! objects).

use super::object::Stored;
use crate::term::Term;

/// The dead mark (an object deleted while the table is fixed), kept in the
/// top bit of the hash word; hashes never have that bit.
pub(super) const DEAD: u64 = 1 << 63;

/// A stored object with its key's hash: two words. (The key itself is
/// read from the object: keeping it here too would make every bucket a
/// third larger, and a lookup reads the object anyway.)
pub(super) struct Entry {
    /// The key's hash, with `DEAD` set for a dead entry.
    pub word: u64,
    pub obj: Stored,
}

impl Entry {
    pub fn new(hash: u64, obj: Stored) -> Entry {
        Entry { word: hash, obj }
    }
    /// The key, element `keypos` (0-based) of the object.
    #[inline]
    pub fn key(&self, keypos: usize) -> Term {
        self.obj.elem(keypos)
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

/// Entries in order: `e0`, `e1`, then `rest`. The entries are packed: `e1`
/// is set only when `e0` is, and `rest` exists (non-empty) only when both
/// are. An entry is two words, so a bucket with its two inline entries
/// and the overflow pointer is five (a table holds about one bucket per
/// object).
#[derive(Default)]
pub(super) struct Bucket {
    e0: Option<Entry>,
    e1: Option<Entry>,
    /// Boxed so the overflow costs one word of the line, not three.
    #[allow(clippy::box_collection)]
    rest: Option<Box<Vec<Entry>>>,
}

impl Bucket {
    #[inline]
    fn rest(&self) -> &[Entry] {
        match &self.rest {
            Some(v) => v.as_slice(),
            None => &[],
        }
    }

    #[inline]
    pub fn len(&self) -> usize {
        self.e0.is_some() as usize + self.e1.is_some() as usize + self.rest().len()
    }

    #[inline]
    pub fn get(&self, i: usize) -> Option<&Entry> {
        match i {
            0 => self.e0.as_ref(),
            1 => self.e1.as_ref(),
            _ => self.rest().get(i - 2),
        }
    }

    #[inline]
    pub fn get_mut(&mut self, i: usize) -> Option<&mut Entry> {
        match i {
            0 => self.e0.as_mut(),
            1 => self.e1.as_mut(),
            _ => self.rest.as_mut()?.get_mut(i - 2),
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
        // The overflow is reached lazily: a scan that stops in the inline
        // entries never loads it.
        self.e0
            .iter()
            .chain(self.e1.iter())
            .chain(self.rest.iter().flat_map(|v| v.iter()))
    }

    pub fn iter_mut(&mut self) -> impl Iterator<Item = &mut Entry> + '_ {
        let rest: &mut [Entry] = match &mut self.rest {
            Some(v) => v.as_mut_slice(),
            None => &mut [],
        };
        self.e0.iter_mut().chain(self.e1.iter_mut()).chain(rest)
    }

    /// Calls `f` on the entries in order until it returns false; the
    /// two inline entries are tested before the overflow is touched.
    #[inline]
    pub fn scan(&self, mut f: impl FnMut(&Entry) -> bool) {
        let Some(e) = &self.e0 else { return };
        if !f(e) {
            return;
        }
        let Some(e) = &self.e1 else { return };
        if !f(e) {
            return;
        }
        for e in self.rest() {
            if !f(e) {
                return;
            }
        }
    }

    fn rest_mut(&mut self) -> &mut Vec<Entry> {
        self.rest
            .get_or_insert_with(|| Box::new(Vec::with_capacity(1)))
    }

    /// Takes the first overflow entry (to refill an inline place).
    fn pop_rest_front(&mut self) -> Option<Entry> {
        let v = self.rest.as_mut()?;
        let e = v.remove(0);
        if v.is_empty() {
            self.rest = None;
        }
        Some(e)
    }

    pub fn push(&mut self, e: Entry) {
        if self.e0.is_none() {
            self.e0 = Some(e);
        } else if self.e1.is_none() {
            self.e1 = Some(e);
        } else {
            // Chains are short: grow one entry at a time (a `Vec` would
            // start at four), keeping the table small.
            let v = self.rest_mut();
            v.reserve_exact(1);
            v.push(e);
        }
    }

    /// Inserts `e` before position `i` (`i <= len`).
    pub fn insert(&mut self, i: usize, e: Entry) {
        if i >= 2 {
            let v = self.rest_mut();
            v.reserve_exact(1);
            v.insert(i - 2, e);
            return;
        }
        // Shift the inline entries one place right: `e1` (if any) goes to
        // the front of the overflow.
        if let Some(last) = self.e1.take() {
            let v = self.rest_mut();
            v.reserve_exact(1);
            v.insert(0, last);
        }
        if i == 0 {
            self.e1 = self.e0.replace(e);
        } else {
            self.e1 = Some(e);
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
        let out = match i {
            0 => {
                let out = self.e0.take();
                self.e0 = self.e1.take();
                out
            }
            1 => self.e1.take(),
            _ => {
                let Some(v) = self.rest.as_mut() else {
                    unreachable_index()
                };
                if i - 2 >= v.len() {
                    unreachable_index();
                }
                let e = v.remove(i - 2);
                if v.is_empty() {
                    self.rest = None;
                }
                return e;
            }
        };
        if self.e0.is_some() && self.e1.is_none() {
            self.e1 = self.pop_rest_front();
        } else if self.e0.is_none() && self.rest.is_some() {
            // Unreachable while the entries are packed; kept for safety.
            self.e0 = self.pop_rest_front();
        }
        match out {
            Some(e) => e,
            None => unreachable_index(),
        }
    }

    /// Keeps the entries for which `f` says true, in order.
    pub fn retain(&mut self, mut f: impl FnMut(&Entry) -> bool) {
        let all: Vec<Entry> = self.drain().filter(|e| f(e)).collect();
        for e in all {
            self.push(e);
        }
        if let Some(v) = self.rest.as_mut() {
            v.shrink_to_fit();
        }
    }

    /// Takes every entry out, in order.
    pub fn drain(&mut self) -> impl Iterator<Item = Entry> {
        let e0 = self.e0.take();
        let e1 = self.e1.take();
        let rest = self.rest.take().map(|v| *v).unwrap_or_default();
        e0.into_iter().chain(e1).chain(rest)
    }
}

/// An index the hash table computed from this bucket's length was out of
/// range: a broken invariant of `hash.rs`, not reachable from user input.
#[cold]
fn unreachable_index() -> ! {
    unreachable!("ets hash bucket index out of range")
}
