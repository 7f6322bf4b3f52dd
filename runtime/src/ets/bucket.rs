//! One bucket of the hash table (`hash.rs`): an ordered list of entries
//! in 32 bytes of the bucket array (aligned, so never across two cache
//! lines): the first entry inline, then either the second entry inline
//! or a vector of the entries from the second on. At BEAM's load of one
//! object per bucket nine buckets in ten hold at most two entries, so a
//! lookup usually reads the bucket and then the object it wants, and
//! nothing else (the entry keeps the key, or its hash, so other keys are
//! passed over without reading their objects).

use super::object::Stored;
use crate::term::Term;

/// A stored object with what identifies its key: two words. The first
/// word holds an immediate key itself (its primary tag is `0b11`), or,
/// for any other key, its hash shifted left by three (low bits `0b000`).
/// So a probe for an immediate key (most keys) compares words and never
/// reads the objects of a bucket: `member/2` and a miss touch only the
/// bucket, an insert over an old object reads that object only to free
/// it. (Compound keys are still compared with `=:=` on a hash match; the
/// key is read from the object, keeping it here too would make every
/// bucket larger.)
///
/// A deleted object kept while the table is fixed is marked dead: an
/// immediate key's word gets tag bit 1 cleared (low bits `0b01`), a
/// hash word gets bit 2 set (`0b100`).
#[repr(C)]
pub(super) struct Entry {
    word: u64,
    pub obj: Stored,
}

/// The word a live entry with key `k` (hash `h`, 32 bits) has.
#[inline]
pub(super) fn probe(k: Term, h: u64) -> u64 {
    if k.is_immed() {
        k.raw()
    } else {
        h << 3
    }
}

/// Low bits of an entry word: an immediate key (live, dead).
const IMMED: u64 = 0b11;
const IMMED_DEAD: u64 = 0b01;
/// The dead mark of a hash word.
const HASH_DEAD: u64 = 0b100;

impl Entry {
    /// An entry for `obj`, whose key is `k` with hash `h`.
    #[inline]
    pub fn new(k: Term, h: u64, obj: Stored) -> Entry {
        Entry {
            word: probe(k, h),
            obj,
        }
    }
    /// The key, element `keypos` (0-based) of the object.
    #[inline]
    pub fn key(&self, keypos: usize) -> Term {
        self.obj.elem(keypos)
    }
    /// The word without the dead mark: what `probe` gives for the key.
    #[inline]
    pub fn live_word(&self) -> u64 {
        match self.word & 3 {
            IMMED_DEAD => self.word | 2,
            0 => self.word & !HASH_DEAD,
            _ => self.word,
        }
    }
    /// The key's hash (computed again for an immediate key).
    #[inline]
    pub fn hash(&self) -> u64 {
        let w = self.live_word();
        if w & 3 == IMMED {
            super::hash::key_hash(Term(w))
        } else {
            w >> 3
        }
    }
    #[inline]
    pub fn dead(&self) -> bool {
        self.word & 3 == IMMED_DEAD || self.word & 7 == HASH_DEAD
    }
    /// Whether this entry (dead or alive) has the key `k`, whose probe
    /// word is `p`; `kp` is the key position.
    #[inline]
    pub fn has_key(&self, p: u64, k: Term, kp: usize) -> bool {
        self.live_word() == p && (p & 3 == IMMED || eq_exact_boxed(self.key(kp), k))
    }
    /// Whether this is a live entry with key `k` (probe word `p`).
    #[inline]
    pub fn live_key(&self, p: u64, k: Term, kp: usize) -> bool {
        self.word == p && (p & 3 == IMMED || eq_exact_boxed(self.key(kp), k))
    }
    /// Whether two entries have one key.
    #[inline]
    pub fn same_key(&self, other: &Entry, kp: usize) -> bool {
        let p = other.live_word();
        self.live_word() == p && (p & 3 == IMMED || eq_exact_boxed(self.key(kp), other.key(kp)))
    }
    pub fn set_dead(&mut self) {
        if self.word & 3 == IMMED {
            self.word &= !2;
        } else if self.word & 3 == 0 {
            self.word |= HASH_DEAD;
        }
    }
}

/// `=:=` of two keys that are not immediates (their hashes matched).
#[inline]
fn eq_exact_boxed(a: Term, b: Term) -> bool {
    a == b || crate::data::compare::eq_exact(a, b)
}

/// The bucket's place after its first entry: nothing (`ptr` 0), the
/// second entry (`word`, `ptr` are an `Entry`'s two words), or, when
/// `word`'s low bits are `OVERFLOW`, the entries from the second on (at
/// least two): `ptr` is a `Vec<Entry>`'s buffer and `word` holds its
/// length and capacity, so a lookup reaches the entries with one load
/// (a boxed `Vec` would be two dependent cache misses).
#[repr(C)]
struct Second {
    word: u64,
    ptr: u64,
}

/// Marks an overflow vector: no entry word has the low bits `0b10`.
const OVERFLOW: u64 = 0b10;
/// An overflow word: length in bits 2..33, capacity in bits 33..64.
const LEN_SHIFT: u32 = 2;
const CAP_SHIFT: u32 = 33;
const FIELD_MAX: usize = (1 << 31) - 1;

/// A `Second` taken out, owned.
enum Tail {
    None,
    One(Entry),
    Many(Vec<Entry>),
}

impl Second {
    const EMPTY: Second = Second { word: 0, ptr: 0 };

    #[inline]
    fn is_overflow(&self) -> bool {
        self.word & 3 == OVERFLOW
    }

    /// An overflow's length and capacity.
    #[inline]
    fn len_cap(&self) -> (usize, usize) {
        (
            ((self.word >> LEN_SHIFT) as usize) & FIELD_MAX,
            (self.word >> CAP_SHIFT) as usize,
        )
    }

    #[inline]
    fn entries(&self) -> &[Entry] {
        if self.ptr == 0 {
            &[]
        } else if !self.is_overflow() {
            // SAFETY: a set `Second` that is not an overflow holds an
            // `Entry`'s words (`put`): `Entry` is `repr(C)` of a word and
            // a `Stored` (`repr(transparent)` over a non-zero word), with
            // `ptr` non-zero, the same size and alignment as `Second`.
            std::slice::from_ref(unsafe { &*(self as *const Second as *const Entry) })
        } else {
            // SAFETY: an overflow's `ptr` is the buffer of a `Vec<Entry>`
            // this `Second` owns, with the length recorded in `word`
            // (`put`).
            unsafe { std::slice::from_raw_parts(self.ptr as *const Entry, self.len_cap().0) }
        }
    }

    #[inline]
    fn entries_mut(&mut self) -> &mut [Entry] {
        if self.ptr == 0 {
            &mut []
        } else if !self.is_overflow() {
            // SAFETY: as in `entries`; `&mut self` is exclusive.
            std::slice::from_mut(unsafe { &mut *(self as *mut Second as *mut Entry) })
        } else {
            // SAFETY: as in `entries`; `&mut self` is exclusive.
            unsafe { std::slice::from_raw_parts_mut(self.ptr as *mut Entry, self.len_cap().0) }
        }
    }

    /// Takes the contents out, leaving the place empty.
    #[inline]
    fn take(&mut self) -> Tail {
        // Plain field writes: a replaced `Second` would be dropped, and
        // its drop takes it out again.
        let overflow = self.is_overflow();
        let (len, cap) = self.len_cap();
        let (word, ptr) = (self.word, self.ptr);
        self.word = 0;
        self.ptr = 0;
        match std::num::NonZeroU64::new(ptr) {
            None => Tail::None,
            // SAFETY: `ptr`, `len` and `cap` are the parts of the `Vec`
            // `put` gave up, taken back once (the place is now empty).
            Some(_) if overflow => {
                Tail::Many(unsafe { Vec::from_raw_parts(ptr as *mut Entry, len, cap) })
            }
            // SAFETY: `ptr` is the object word `put` gave up.
            Some(raw) => Tail::One(Entry {
                word,
                obj: unsafe { Stored::from_raw(raw) },
            }),
        }
    }

    /// Stores `t` in the (empty) place, a vector of one entry as that
    /// entry.
    #[inline]
    fn put(&mut self, t: Tail) {
        debug_assert!(self.ptr == 0);
        let (word, ptr) = match t {
            Tail::None => (0, 0),
            Tail::One(e) => (e.word, e.obj.into_raw().get()),
            Tail::Many(mut v) => match v.len() {
                0 => (0, 0),
                1 => {
                    let e = v.pop();
                    return self.put(e.map_or(Tail::None, Tail::One));
                }
                _ => {
                    if v.capacity() > FIELD_MAX {
                        // 2^31 objects of one key (32 GB of entries): out
                        // of memory for this layout, as an allocation
                        // failure would be.
                        v.shrink_to_fit();
                        if v.capacity() > FIELD_MAX {
                            std::alloc::handle_alloc_error(std::alloc::Layout::new::<Entry>());
                        }
                    }
                    let mut v = std::mem::ManuallyDrop::new(v);
                    let (len, cap) = (v.len(), v.capacity());
                    let word = OVERFLOW | ((len as u64) << LEN_SHIFT) | ((cap as u64) << CAP_SHIFT);
                    (word, v.as_mut_ptr() as u64)
                }
            },
        };
        // Plain field writes: assigning a whole `Second` would drop the
        // old (empty) one, which is harmless but not needed.
        self.word = word;
        self.ptr = ptr;
    }
}

impl Drop for Second {
    fn drop(&mut self) {
        drop(self.take());
    }
}

/// Entries in order: `e0`, then those of `second`. The entries are
/// packed: `second` holds entries only when `e0` is set.
#[repr(C, align(32))]
pub(super) struct Bucket {
    e0: Option<Entry>,
    second: Second,
}

impl Default for Bucket {
    fn default() -> Bucket {
        Bucket {
            e0: None,
            second: Second::EMPTY,
        }
    }
}

const _: () = assert!(std::mem::size_of::<Bucket>() == 32);
const _: () = assert!(std::mem::size_of::<Entry>() == std::mem::size_of::<Second>());

impl Bucket {
    #[inline]
    fn rest(&self) -> &[Entry] {
        self.second.entries()
    }

    #[inline]
    pub fn len(&self) -> usize {
        self.e0.is_some() as usize + self.rest().len()
    }

    #[inline]
    pub fn get(&self, i: usize) -> Option<&Entry> {
        match i {
            0 => self.e0.as_ref(),
            _ => self.rest().get(i - 1),
        }
    }

    #[inline]
    pub fn get_mut(&mut self, i: usize) -> Option<&mut Entry> {
        match i {
            0 => self.e0.as_mut(),
            _ => self.second.entries_mut().get_mut(i - 1),
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
        self.e0.iter().chain(self.rest().iter())
    }

    pub fn iter_mut(&mut self) -> impl Iterator<Item = &mut Entry> + '_ {
        self.e0
            .iter_mut()
            .chain(self.second.entries_mut().iter_mut())
    }

    /// Calls `f` on the entries in order until it returns false; the
    /// inline entries are tested before an overflow vector is touched.
    #[inline]
    pub fn scan(&self, mut f: impl FnMut(&Entry) -> bool) {
        let Some(e) = &self.e0 else { return };
        if !f(e) {
            return;
        }
        for e in self.rest() {
            if !f(e) {
                return;
            }
        }
    }

    /// Inserts `e` at position `j` of the entries after the first.
    fn insert_rest(&mut self, j: usize, e: Entry) {
        let t = match self.second.take() {
            Tail::None => Tail::One(e),
            Tail::One(x) => {
                // Chains are short: vectors grow one entry at a time (a
                // `Vec` would start at four), keeping the table small.
                let mut v = Vec::with_capacity(2);
                if j == 0 {
                    v.push(e);
                    v.push(x);
                } else {
                    v.push(x);
                    v.push(e);
                }
                Tail::Many(v)
            }
            Tail::Many(mut v) => {
                v.reserve_exact(1);
                v.insert(j.min(v.len()), e);
                Tail::Many(v)
            }
        };
        self.second.put(t);
    }

    /// Removes entry `j` of the entries after the first (it exists).
    fn remove_rest(&mut self, j: usize) -> Entry {
        match self.second.take() {
            Tail::One(x) if j == 0 => x,
            Tail::Many(mut v) if j < v.len() => {
                let x = v.remove(j);
                if v.len() > 1 && v.capacity() > 2 * v.len() {
                    v.shrink_to_fit();
                }
                self.second.put(Tail::Many(v));
                x
            }
            t => {
                self.second.put(t);
                unreachable_index()
            }
        }
    }

    pub fn push(&mut self, e: Entry) {
        if self.e0.is_none() {
            self.e0 = Some(e);
        } else {
            let n = self.rest().len();
            self.insert_rest(n, e);
        }
    }

    /// Inserts `e` before position `i` (`i <= len`).
    pub fn insert(&mut self, i: usize, e: Entry) {
        if self.e0.is_none() {
            self.e0 = Some(e);
        } else if i == 0 {
            if let Some(old) = self.e0.replace(e) {
                self.insert_rest(0, old);
            }
        } else {
            self.insert_rest(i - 1, e);
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
        if i > 0 {
            return self.remove_rest(i - 1);
        }
        let Some(out) = self.e0.take() else {
            unreachable_index()
        };
        if !self.rest().is_empty() {
            self.e0 = Some(self.remove_rest(0));
        }
        out
    }

    /// Keeps the entries for which `f` says true, in order.
    pub fn retain(&mut self, mut f: impl FnMut(&Entry) -> bool) {
        let all: Vec<Entry> = self.drain().filter(|e| f(e)).collect();
        for e in all {
            self.push(e);
        }
    }

    /// Takes every entry out, in order.
    pub fn drain(&mut self) -> impl Iterator<Item = Entry> {
        let e0 = self.e0.take();
        let rest = match self.second.take() {
            Tail::None => Vec::new(),
            Tail::One(x) => vec![x],
            Tail::Many(v) => v,
        };
        e0.into_iter().chain(rest)
    }
}

/// An index the hash table computed from this bucket's length was out of
/// range: a broken invariant of `hash.rs`, not reachable from user input.
#[cold]
fn unreachable_index() -> ! {
    unreachable!("ets hash bucket index out of range")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::term::{make_header, HDR_TUPLE};

    fn entry(k: i64) -> Entry {
        let words = [make_header(1, HDR_TUPLE), Term::small(k).raw()];
        let key = Term::small(k);
        Entry::new(key, 0, Stored::new(Term::boxed_from_ptr(words.as_ptr())))
    }

    fn keys(b: &Bucket) -> Vec<i64> {
        b.iter().map(|e| e.key(0).small_value()).collect()
    }

    #[test]
    fn inline_and_overflow_entries_keep_their_order() {
        let mut b = Bucket::default();
        for k in 0..5 {
            b.push(entry(k));
        }
        assert_eq!(keys(&b), [0, 1, 2, 3, 4]);
        b.insert(0, entry(10));
        b.insert(2, entry(11));
        assert_eq!(keys(&b), [10, 0, 11, 1, 2, 3, 4]);
        assert_eq!(b.remove(0).key(0).small_value(), 10);
        assert_eq!(b.remove(1).key(0).small_value(), 11);
        let old = b.replace(4, entry(9));
        assert_eq!(old.key(0).small_value(), 4);
        assert_eq!(keys(&b), [0, 1, 2, 3, 9]);
        b.retain(|e| e.key(0).small_value() % 2 == 1);
        assert_eq!(keys(&b), [1, 3, 9]);
        // Down to two (the second inline again), one, none.
        b.remove(2);
        assert_eq!((keys(&b), b.len()), (vec![1, 3], 2));
        assert!(b.get(2).is_none());
        b.remove(0);
        assert_eq!(keys(&b), [3]);
        b.insert(1, entry(7));
        assert_eq!(keys(&b), [3, 7]);
        b.get_mut(1).map(Entry::set_dead);
        assert!(b.at(1).dead() && !b.at(0).dead());
        let all: Vec<i64> = b.drain().map(|e| e.key(0).small_value()).collect();
        assert_eq!((all, b.len()), (vec![3, 7], 0));
    }

    #[test]
    fn entry_words_tell_keys_and_dead_marks() {
        let mut e = entry(5);
        let p = probe(Term::small(5), 0);
        assert!(e.live_key(p, Term::small(5), 0) && e.has_key(p, Term::small(5), 0));
        assert_eq!(e.hash(), super::super::hash::key_hash(Term::small(5)));
        e.set_dead();
        assert!(e.dead() && !e.live_key(p, Term::small(5), 0));
        assert!(e.has_key(p, Term::small(5), 0));
        assert_eq!(e.live_word(), p);
    }
}
