//! set, bag and duplicate_bag: a chained hash table keyed by `=:=`.
//!
//! Buckets are vectors; objects with one key sit next to each other in
//! their bucket, in insertion order (bag lookups return them that way).
//!
//! The layout is BEAM's (erl_db_hash.c), so that tables are traversed in
//! erl's order: keys hash as BEAM's `MAKE_HASH` does for atoms (the atom
//! text's hashpjw) and other immediates (`make_internal_hash`), and the
//! table is a linear hash table of `nactive` buckets (256 at first) that
//! splits one bucket each time there are more objects than buckets and,
//! once large, joins the top bucket back when a delete leaves it below
//! half full; new keys join the end of their bucket. `first`/`next` walk
//! the buckets upwards; `select`, `match` and `tab2list` return objects
//! in the opposite order (BEAM conses its results as it walks), keeping
//! the objects of one key in insertion order. Compound keys hash as BEAM's
//! `make_internal_hash` (`beam_hash_term.rs`). While the table is fixed (`safe_fixtable`), deleting marks
//! entries dead instead of removing them and the table does not grow, so
//! `next/2` from a deleted key still works and a traversal meets every
//! object present throughout exactly once; unfixing purges them.

use super::bucket::{probe, Bucket, Entry};
use super::object::Stored;
use super::store::{ChainVisitor, NoSuchKey, Storage};
use super::stripes::{Pending, Stripes};
use super::Kind;
use crate::data::compare::eq_exact as eq_exact_full;
use crate::term::Term;
use std::sync::Arc;

pub struct HashStore {
    kind: Kind,
    /// 0-based key index.
    key: usize,
    /// The active buckets (BEAM's `nactive` is their number).
    buckets: Vec<Bucket>,
    /// Bucket index mask (BEAM's `szm`): a hash picks `h & szm`, or
    /// `h & szm >> 1` when that bucket is not active yet.
    szm: usize,
    /// Buckets of the allocated segments (BEAM's `nslots`): the table
    /// shrinks only when it has several (`shrink_limit`).
    nslots: usize,
    /// Buckets of each later segment.
    ext: usize,
    /// Hash bits used by the shard choice (`shard.rs`), dropped before
    /// picking a bucket.
    shift: u32,
    len: usize,
    words: usize,
    fixed: bool,
    dead: usize,
    /// Buckets of an empty table and their mask (`clear` goes back to
    /// them).
    min: usize,
    first_szm: usize,
    /// For a shard of a `write_concurrency` table: the table-wide state
    /// that decides when it resizes (`stripes.rs`); the shard then never
    /// resizes on its own.
    stripes: Option<Arc<Stripes>>,
    /// The object count last added to `stripes`.
    reported: usize,
    /// This shard's index (its hash's low bits).
    shard_ix: usize,
    /// The resize this shard's last change asks of the table.
    pending: Pending,
}

/// BEAM's first segment (`FIRST_SEGSZ`) and later segments (`EXT_SEGSZ`).
pub(super) const MIN_BUCKETS: usize = 256;
const EXT_BUCKETS: usize = 2048;
/// Words of BEAM's extended segment table before its entries
/// (`SIZEOF_EXT_SEGTAB(0)`, what `get_internal_state('DbTable_words')`
/// gives as its second element).
pub const EXT_SEGTAB_HEAD: usize = 6;

/// Words erl counts in a hash table's memory for the bucket segments
/// after the first (one word per bucket) and for the segment tables
/// pointing at them, when the table has `nslots` buckets allocated
/// (erl_db_hash.c's `alloc_seg`): the first segment table lives in the
/// table record; the first later segment (index 1) brings a table of
/// 256 entries, segment 256 one of 384, and so on, 128 more each time,
/// each kept until the table shrinks back below it.
pub fn segment_words(nslots: usize) -> usize {
    let later = nslots.saturating_sub(MIN_BUCKETS) / EXT_BUCKETS;
    let mut w = later * EXT_BUCKETS;
    let (mut at, mut entries) = (1, 256);
    while at <= later {
        w += EXT_SEGTAB_HEAD + entries;
        at = entries;
        entries += 128;
    }
    w
}
/// Splits (joins) at most this many buckets per insert (delete), as BEAM.
const RESIZE_STEPS: usize = 5;

fn new_buckets(n: usize) -> Vec<Bucket> {
    (0..n).map(|_| Bucket::default()).collect()
}

/// `=:=`, with immediates decided inline (most keys are immediates).
#[inline]
fn eq_exact(a: Term, b: Term) -> bool {
    a == b || (!a.is_immed() && !b.is_immed() && eq_exact_full(a, b))
}

/// Starts loading the objects of entries `s..e` of bucket `v`: a bag's
/// insert and `delete_object` compare each object of the key, which lie
/// anywhere in memory, so their cache misses overlap instead of coming
/// one after the other.
#[inline]
fn prefetch_run(v: &Bucket, s: usize, e: usize) {
    for i in s..e {
        v.at(i).obj.prefetch();
    }
}

/// Hash of a key consistent with `=:=`, 32 bits (the top bit, `DEAD`, is
/// always clear): BEAM's `MAKE_HASH` (`beam_hash.rs`).
#[inline]
pub(super) fn key_hash(k: Term) -> u64 {
    hash_key(k)
}

#[inline]
fn hash_key(k: Term) -> u64 {
    if k.is_immed() {
        return super::beam_hash::immediate(k) as u64;
    }
    super::beam_hash_term::internal(k) as u64
}

impl HashStore {
    pub fn new(kind: Kind, keypos: usize) -> HashStore {
        HashStore::with_min(kind, keypos, MIN_BUCKETS)
    }

    /// A table starting with `min` buckets (a power of two; the shards of
    /// a `write_concurrency` table start small).
    pub fn with_min(kind: Kind, keypos: usize, min: usize) -> HashStore {
        HashStore::shard_of(kind, keypos, min, EXT_BUCKETS * min / MIN_BUCKETS, 0)
    }

    /// One of the shards of a table split by the low `shift` bits of the
    /// hash: `min` buckets at first, segments of `ext` (both powers of
    /// two).
    pub fn shard_of(kind: Kind, keypos: usize, min: usize, ext: usize, shift: u32) -> HashStore {
        HashStore::striped(kind, keypos, min, ext, shift, None)
    }

    /// A shard of a `write_concurrency` table resized as one table by
    /// `stripes` (or on its own when `None`).
    pub fn striped(
        kind: Kind,
        keypos: usize,
        min: usize,
        ext: usize,
        shift: u32,
        stripes: Option<(Arc<Stripes>, usize)>,
    ) -> HashStore {
        let min = min.max(1).next_power_of_two();
        HashStore {
            kind,
            key: keypos - 1,
            buckets: new_buckets(min),
            szm: min - 1,
            nslots: min,
            ext: ext.max(1),
            shift,
            len: 0,
            words: 0,
            fixed: false,
            dead: 0,
            min,
            first_szm: min - 1,
            shard_ix: stripes.as_ref().map_or(0, |s| s.1),
            stripes: stripes.map(|s| s.0),
            reported: 0,
            pending: Pending::None,
        }
    }

    /// An empty shard starting with `count` buckets under mask `szm`
    /// (its share of a table that starts with more buckets than 256,
    /// `stripes.rs`).
    pub fn with_first_layout(mut self, count: usize, szm: usize) -> HashStore {
        let count = count.max(1);
        self.buckets = new_buckets(count);
        self.szm = szm.max(count - 1);
        self.first_szm = self.szm;
        self.nslots = count;
        self.min = count;
        self
    }

    /// Adds this shard's count change to the table's.
    #[inline]
    fn report(&mut self) {
        if let Some(st) = &self.stripes {
            st.add_items(self.shard_ix, self.len as isize - self.reported as isize);
            self.reported = self.len;
        }
    }

    pub fn is_fixed(&self) -> bool {
        self.fixed
    }

    /// The resize the last change asks for, cleared (`stripes.rs`).
    pub fn take_pending(&mut self) -> Pending {
        std::mem::take(&mut self.pending)
    }

    /// Splits the next bucket (the table grows by one); false while fixed.
    pub fn split_top(&mut self) -> bool {
        if self.fixed {
            return false;
        }
        self.split_one();
        true
    }

    /// Joins the top bucket into its buddy; false while fixed.
    pub fn join_top(&mut self) -> bool {
        if self.fixed || self.buckets.len() < 2 {
            return false;
        }
        self.join_one();
        true
    }

    /// The 0-based key position.
    pub fn key_index(&self) -> usize {
        self.key
    }

    #[inline]
    fn bucket_of(&self, h: u64) -> usize {
        let ix = ((h >> self.shift) as usize) & self.szm;
        if ix >= self.buckets.len() {
            ix & (self.szm >> 1)
        } else {
            ix
        }
    }

    /// Index range in bucket `b` of the run of entries (dead or alive)
    /// with key `k`.
    fn run(&self, b: usize, h: u64, k: Term) -> Option<(usize, usize)> {
        let mut start = None;
        let mut i = 0;
        let kp = self.key;
        let p = probe(k, h);
        self.buckets[b].scan(|e| {
            if e.has_key(p, k, kp) {
                start.get_or_insert(i);
            } else if start.is_some() {
                return false;
            }
            i += 1;
            true
        });
        start.map(|s| (s, i))
    }

    /// Calls `f` on the live entries with key `k` (hash `h`) until it
    /// returns false: they form one run, so the scan stops where the run
    /// ends (most lookups never leave the bucket's inline head).
    #[inline]
    fn live(&self, h: u64, k: Term, mut f: impl FnMut(&Entry) -> bool) {
        let mut inside = false;
        let kp = self.key;
        let p = probe(k, h);
        self.buckets[self.bucket_of(h)].scan(|e| {
            if e.has_key(p, k, kp) {
                inside = true;
                e.dead() || f(e)
            } else {
                !inside
            }
        });
    }

    /// A stripe of a `write_concurrency` table does not resize itself: it
    /// reports its count and notes what the whole table wants (`grow`:
    /// after an insert, else after a delete), done once the key's lock is
    /// released. False for a table of one stripe.
    fn striped_resize(&mut self, grow: bool) -> bool {
        self.report();
        let Some(st) = &self.stripes else {
            return false;
        };
        self.pending = if self.fixed {
            Pending::None
        } else {
            st.wanted(self.shard_ix, grow)
        };
        true
    }

    /// Splits buckets while there are more objects than buckets (BEAM's
    /// `grow`): after a new object, never while fixed.
    fn grow(&mut self) {
        if self.striped_resize(true) {
            return;
        }
        let mut steps = 0;
        while !self.fixed && self.len > self.buckets.len() && steps < RESIZE_STEPS {
            self.split_one();
            steps += 1;
        }
    }

    /// Activates bucket `nactive`, moving into it the entries of the
    /// bucket it splits from whose hash now picks it; both keep their
    /// entries' relative order, so runs stay together.
    fn split_one(&mut self) {
        let nactive = self.buckets.len();
        if nactive == self.nslots {
            self.nslots += self.ext;
        }
        let from = if nactive <= self.szm {
            nactive & (self.szm >> 1)
        } else {
            self.szm = (self.szm << 1) | 1;
            0
        };
        let (szm, shift) = (self.szm, self.shift);
        let stays = |e: &Entry| ((e.hash() >> shift) as usize) & szm == from;
        // Usually every entry stays or every entry moves (one key's run,
        // or a bucket of one or two keys): then the bucket is kept or
        // handed over whole, without taking it apart.
        let n = self.buckets[from].len();
        let staying = self.buckets[from].iter().filter(|e| stays(e)).count();
        if staying == n {
            self.buckets.push(Bucket::default());
            return;
        }
        if staying == 0 {
            let all = std::mem::take(&mut self.buckets[from]);
            self.buckets.push(all);
            return;
        }
        let old: Vec<Entry> = self.buckets[from].drain().collect();
        let mut to = Bucket::default();
        for e in old {
            if stays(&e) {
                self.buckets[from].push(e);
            } else {
                to.push(e);
            }
        }
        self.buckets.push(to);
    }

    /// Below this many objects a large table joins buckets (BEAM's
    /// `calc_shrink_limit`: only once it has two extra segments, down to
    /// half the load that would free one).
    fn shrink_limit(&self) -> usize {
        let first = self.ext * MIN_BUCKETS / EXT_BUCKETS;
        if self.nslots >= first.max(1) + 2 * self.ext {
            (self.nslots - self.ext) / 2
        } else {
            0
        }
    }

    /// Joins top buckets while the table is below its shrink limit (after
    /// a delete, never while fixed).
    fn shrink(&mut self) {
        if self.striped_resize(false) {
            return;
        }
        let mut steps = 0;
        while !self.fixed && self.len < self.shrink_limit() && steps < RESIZE_STEPS {
            if !self.join_one() {
                return;
            }
            steps += 1;
        }
    }

    /// Joins the top bucket into the one it was split from (BEAM puts the
    /// joined bucket's chain in front of the other); false if there is
    /// nothing to join.
    fn join_one(&mut self) -> bool {
        let src = self.buckets.len() - 1;
        let low = self.szm >> 1;
        let dst = src & low;
        if dst >= src {
            return false;
        }
        let mut moved = match self.buckets.pop() {
            Some(b) => b,
            None => return false,
        };
        if dst == 0 {
            self.szm = low;
        }
        if self.nslots - src >= self.ext {
            self.nslots -= self.ext;
        }
        let tail: Vec<Entry> = self.buckets[dst].drain().collect();
        for e in moved.drain() {
            self.buckets[dst].push(e);
        }
        for e in tail {
            self.buckets[dst].push(e);
        }
        true
    }

    /// Visits bucket `v`'s live objects in `select` order (the runs of
    /// one key from the last to the first, each in insertion order), or
    /// exactly the reverse.
    fn visit_bucket(&self, v: &Bucket, reverse: bool, f: &mut dyn FnMut(&Stored) -> bool) -> bool {
        if self.kind == Kind::Set {
            // One object per key: the runs are the entries.
            if reverse {
                return v.iter().all(|e| e.dead() || f(&e.obj));
            }
            return v.iter().rev().all(|e| e.dead() || f(&e.obj));
        }
        let n = v.len();
        let kp = self.key;
        let same = |a: &Entry, b: &Entry| a.same_key(b, kp);
        if reverse {
            // Runs first to last, each backwards.
            let mut s = 0;
            while s < n {
                let mut e = s + 1;
                while e < n && same(v.at(s), v.at(e)) {
                    e += 1;
                }
                for i in (s..e).rev() {
                    let x = v.at(i);
                    if !x.dead() && !f(&x.obj) {
                        return false;
                    }
                }
                s = e;
            }
        } else {
            // Runs last to first, each forwards.
            let mut e = n;
            while e > 0 {
                let mut s = e - 1;
                while s > 0 && same(v.at(s - 1), v.at(e - 1)) {
                    s -= 1;
                }
                for i in s..e {
                    let x = v.at(i);
                    if !x.dead() && !f(&x.obj) {
                        return false;
                    }
                }
                e = s;
            }
        }
        true
    }

    fn kill(&mut self, b: usize, i: usize) -> Option<Stored> {
        self.len -= 1;
        if self.fixed {
            if let Some(e) = self.buckets[b].get_mut(i) {
                e.set_dead();
            }
            self.dead += 1;
            None
        } else {
            let e = self.buckets[b].remove(i);
            self.words -= e.obj.words();
            Some(e.obj)
        }
    }

    fn first_from(&self, mut b: usize, mut i: usize) -> Option<Term> {
        while b < self.buckets.len() {
            if let Some(e) = self.buckets[b].iter().skip(i).find(|e| !e.dead()) {
                return Some(e.key(self.key));
            }
            b += 1;
            i = 0;
        }
        None
    }

    fn last_before(&self, b: usize, i: usize) -> Option<Term> {
        // Entries of bucket `b` before index `i`, then earlier buckets.
        let mut b = b as isize;
        let mut end = i;
        while b >= 0 {
            let v = &self.buckets[b as usize];
            let n = end.min(v.len());
            if let Some(e) = (0..n).rev().map(|i| v.at(i)).find(|e| !e.dead()) {
                return Some(e.key(self.key));
            }
            b -= 1;
            end = usize::MAX;
        }
        None
    }
}

impl Storage for HashStore {
    fn len(&self) -> usize {
        self.len
    }
    fn words(&self) -> usize {
        // A whole table counts its later bucket segments as erl does. (A
        // shard of a `write_concurrency` table holds a share of BEAM's
        // one bucket array: not counted.)
        let whole = self.stripes.is_none()
            && self.shift == 0
            && self.min == MIN_BUCKETS
            && self.ext == EXT_BUCKETS;
        self.words + if whole { segment_words(self.nslots) } else { 0 }
    }

    fn insert(&mut self, obj: Stored) {
        let k = obj.elem(self.key);
        let h = hash_key(k);
        let b = self.bucket_of(h);
        let words = obj.words();
        let run = self.run(b, h, k);
        match (self.kind, run) {
            (_, None) => {
                self.buckets[b].push(Entry::new(k, h, obj));
                self.len += 1;
                self.words += words;
                self.grow();
                return;
            }
            (Kind::Set, Some((s, e))) => {
                // Replace the live object (or revive the place of a dead one).
                let v = &mut self.buckets[b];
                let i = (s..e).find(|&i| !v.at(i).dead()).unwrap_or(s);
                let old = v.replace(i, Entry::new(k, h, obj));
                self.words -= old.obj.words();
                if old.dead() {
                    self.dead -= 1;
                } else {
                    self.len -= 1;
                }
            }
            (kind, Some((s, e))) => {
                let v = &mut self.buckets[b];
                if kind == Kind::Bag {
                    prefetch_run(v, s, e);
                }
                if kind == Kind::Bag
                    && (s..e).any(|i| {
                        let x = v.at(i);
                        !x.dead() && x.obj.with_term(|a| obj.with_term(|b| eq_exact(a, b)))
                    })
                {
                    return;
                }
                v.insert(e, Entry::new(k, h, obj));
                self.len += 1;
                self.words += words;
                self.grow();
                return;
            }
        }
        self.len += 1;
        self.words += words;
        self.report();
    }

    fn contains_key(&self, key: Term) -> bool {
        let mut found = false;
        self.live(hash_key(key), key, |_| {
            found = true;
            false
        });
        found
    }

    fn lookup(&self, key: Term, f: &mut dyn FnMut(&Stored)) {
        self.live(hash_key(key), key, |e| {
            f(&e.obj);
            true
        });
    }

    fn take(&mut self, key: Term) -> Vec<Stored> {
        let h = hash_key(key);
        let b = self.bucket_of(h);
        let mut out = Vec::new();
        let Some((s, e)) = self.run(b, h, key) else {
            return out;
        };
        for i in (s..e).rev() {
            if !self.buckets[b].at(i).dead() {
                if let Some(o) = self.kill(b, i) {
                    out.push(o);
                }
            }
        }
        out.reverse();
        self.shrink();
        out
    }

    fn delete_object(&mut self, obj: Term) {
        // SAFETY: the caller checked that `obj` is a tuple covering keypos.
        let key = unsafe { obj.tuple_elem(self.key) };
        let h = hash_key(key);
        let b = self.bucket_of(h);
        let Some((s, e)) = self.run(b, h, key) else {
            return;
        };
        prefetch_run(&self.buckets[b], s, e);
        for i in (s..e).rev() {
            let x = self.buckets[b].at(i);
            if !x.dead() && x.obj.with_term(|a| eq_exact(a, obj)) {
                self.kill(b, i);
            }
        }
        self.shrink();
    }

    fn clear(&mut self) -> usize {
        let n = self.len;
        if self.fixed {
            for v in self.buckets.iter_mut() {
                for e in v.iter_mut() {
                    if !e.dead() {
                        e.set_dead();
                        self.dead += 1;
                    }
                }
            }
        } else {
            self.buckets = new_buckets(self.min);
            self.szm = self.first_szm;
            self.nslots = self.min;
            self.words = 0;
            self.dead = 0;
        }
        self.len = 0;
        self.report();
        n
    }

    fn update(&mut self, key: Term, f: &mut dyn FnMut(&mut Stored) -> Option<Stored>) -> bool {
        let h = hash_key(key);
        let b = self.bucket_of(h);
        let kp = self.key;
        let p = probe(key, h);
        let Some(e) = self.buckets[b].iter_mut().find(|e| e.live_key(p, key, kp)) else {
            return false;
        };
        if let Some(new) = f(&mut e.obj) {
            let (ow, nw) = (e.obj.words(), new.words());
            e.obj = new;
            self.words = self.words + nw - ow;
        }
        true
    }

    fn remove_if(&mut self, f: &mut dyn FnMut(&Stored) -> bool) -> usize {
        let mut n = 0;
        for b in 0..self.buckets.len() {
            let mut i = self.buckets[b].len();
            while i > 0 {
                i -= 1;
                let e = self.buckets[b].at(i);
                if !e.dead() && f(&e.obj) {
                    self.kill(b, i);
                    n += 1;
                }
            }
        }
        self.shrink();
        n
    }

    fn first(&self) -> Option<Term> {
        self.first_from(0, 0)
    }
    fn last(&self) -> Option<Term> {
        self.last_before(self.buckets.len() - 1, usize::MAX)
    }
    fn next(&self, key: Term) -> Result<Option<Term>, NoSuchKey> {
        let h = hash_key(key);
        let b = self.bucket_of(h);
        let (_, e) = self.run(b, h, key).ok_or(NoSuchKey)?;
        Ok(self.first_from(b, e))
    }
    fn prev(&self, key: Term) -> Result<Option<Term>, NoSuchKey> {
        let h = hash_key(key);
        let b = self.bucket_of(h);
        let (s, _) = self.run(b, h, key).ok_or(NoSuchKey)?;
        Ok(self.last_before(b, s))
    }

    /// `select` order: buckets from the last to the first (see the
    /// module comment); `reverse` is exactly the opposite.
    fn for_each(&self, reverse: bool, f: &mut dyn FnMut(&Stored) -> bool) {
        if reverse {
            for v in &self.buckets {
                if !self.visit_bucket(v, true, f) {
                    return;
                }
            }
        } else {
            for v in self.buckets.iter().rev() {
                if !self.visit_bucket(v, false, f) {
                    return;
                }
            }
        }
    }

    fn slots(&self) -> usize {
        self.buckets.len()
    }
    /// Bucket `i` in `select` order (as `ets:slot/2` lists it).
    fn for_slot(&self, i: usize, f: &mut dyn FnMut(&Stored)) {
        if let Some(v) = self.buckets.get(i) {
            self.visit_bucket(v, false, &mut |o| {
                f(o);
                true
            });
        }
    }

    fn chains(&self, f: ChainVisitor<'_>) -> bool {
        for v in self.buckets.iter() {
            f(v.iter().count(), v.iter().filter(|e| e.dead()).count());
        }
        true
    }

    fn for_each_kept(&self, f: &mut dyn FnMut(&Stored)) {
        if self.dead == 0 {
            return;
        }
        for e in self.buckets.iter().flat_map(|v| v.iter()) {
            if e.dead() {
                f(&e.obj);
            }
        }
    }

    fn set_fixed(&mut self, fixed: bool) {
        self.fixed = fixed;
        if !fixed && self.dead > 0 {
            let mut freed = 0;
            for v in self.buckets.iter_mut() {
                v.retain(|e| {
                    if e.dead() {
                        freed += e.obj.words();
                    }
                    !e.dead()
                });
            }
            self.words -= freed;
            self.dead = 0;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::term::{make_header, HDR_TUPLE};

    fn obj(k: i64, v: i64) -> Stored {
        let words = [
            make_header(2, HDR_TUPLE),
            Term::small(k).raw(),
            Term::small(v).raw(),
        ];
        Stored::new(Term::boxed_from_ptr(words.as_ptr()))
    }

    #[test]
    fn later_segments_count_as_in_erl() {
        // erl 25: a set of 1000 objects has one later segment and the
        // 256-entry segment table (ets_SUITE's memory test: 2048 + 6 + 256).
        assert_eq!(segment_words(MIN_BUCKETS), 0);
        assert_eq!(segment_words(MIN_BUCKETS + EXT_BUCKETS), 2310);
        let n = |segs: usize| MIN_BUCKETS + segs * EXT_BUCKETS;
        assert_eq!(segment_words(n(255)), 255 * 2048 + 262);
        // Segment 256 needs the next segment table (384 entries).
        assert_eq!(segment_words(n(256)), 256 * 2048 + 262 + 390);
        let mut t = HashStore::new(Kind::Set, 1);
        for k in 0..1000 {
            t.insert(obj(k, k));
        }
        let objs: usize = 1000 * obj(0, 0).words();
        assert_eq!(t.words(), objs + 2310);
        for k in 0..1000 {
            t.take(Term::small(k));
        }
        // Shrinking stops at two segments, as BEAM's.
        assert_eq!(t.words(), 2310);
        t.clear();
        assert_eq!(t.words(), 0);
    }

    #[test]
    fn chains_stay_short_for_integer_keys() {
        let mut h = HashStore::new(Kind::Set, 1);
        for k in 0..100_000 {
            h.insert(obj(k, k));
        }
        let longest = h.buckets.iter().map(|b| b.len()).max().unwrap_or(0);
        assert_eq!(h.len(), 100_000);
        assert!(
            longest <= 16,
            "longest chain {longest} of {} buckets",
            h.buckets.len()
        );
    }

    #[test]
    fn set_bag_and_fixed_delete() {
        let mut h = HashStore::new(Kind::Bag, 1);
        h.insert(obj(1, 1));
        h.insert(obj(1, 2));
        h.insert(obj(1, 1));
        let mut n = 0;
        h.lookup(Term::small(1), &mut |_| n += 1);
        assert_eq!(n, 2);
        h.set_fixed(true);
        assert_eq!(h.take(Term::small(1)).len(), 0); // kept as dead while fixed
        assert_eq!(h.len(), 0);
        assert_eq!(h.next(Term::small(1)), Ok(None));
        h.set_fixed(false);
        assert!(h.next(Term::small(1)).is_err());
    }
}
