//! The process dictionary. Entries live in `Process::dict` (the GC treats
//! them as roots and updates them in place); `DictIndex` hashes them.
//!
//! The index reproduces BEAM's linear-hashing table (`erl_process_dict.c`):
//! same initial size, growth and shrink steps, bucket split and merge
//! orders, in-place updates, and the same hash for small-integer keys. So
//! `get/0` and `get_keys/0` list entries in BEAM's order for integer keys. Atom keys
//! hash by atom index as in BEAM, but our atom indices differ from BEAM's,
//! and other keys use `term_hash::exact_hash` instead of BEAM's internal
//! hash, so their order differs from BEAM's (it is deterministic).
//!
//! Keys compare with exact equality (`=:=`), like BEAM.

use crate::data::compare::eq_exact;
use crate::term::Term;

/// BEAM's `erts_pd_initial_size` default.
const INITIAL_SIZE: usize = 8;
/// BEAM's `MAX_HASH`: the table never grows beyond this many slots.
const MAX_HASH: usize = 1_342_177_280;

pub use crate::heap::process::DictIndex;

/// BEAM's `MAKE_HASH` for the keys where we can match it.
fn key_hash(k: Term) -> u32 {
    if k.is_small() {
        (k.raw() >> 4) as u32
    } else if k.is_atom() {
        k.atom_index()
    } else {
        crate::data::term_hash::exact_hash(k) as u32
    }
}

impl DictIndex {
    fn ix(&self, hx: u32) -> usize {
        let high = (hx & self.mask) as usize;
        if high >= self.used {
            (hx & (self.mask >> 1)) as usize
        } else {
            high
        }
    }

    fn reset(&mut self) {
        *self = DictIndex::default();
    }

    /// Bucket and position within it of key `k` (hash `h`).
    fn find(&self, dict: &[(Term, Term)], k: Term, h: u32) -> Option<(usize, usize)> {
        if self.used == 0 {
            return None;
        }
        let slot = self.ix(h);
        let pos = self.slots[slot].iter().position(|&e| {
            let key = dict[e as usize].0;
            key == k || (self.hashes[e as usize] == h && eq_exact(key, k))
        })?;
        Some((slot, pos))
    }

    fn grow(&mut self) {
        let mut steps = (self.used / 4) & 0xf;
        if steps == 0 {
            steps = 1;
        }
        if MAX_HASH - steps <= self.used {
            return;
        }
        let mut home = self.used - self.split;
        for _ in 0..steps {
            if self.split == home {
                home *= 2;
                self.mask = (home * 2 - 1) as u32;
                self.split = 0;
            }
            let pos = self.split;
            self.split += 1;
            self.used += 1;
            if self.slots.len() < self.used {
                self.slots.resize_with(self.used, Vec::new);
            }
            let l = std::mem::take(&mut self.slots[pos]);
            let (mut stay, mut go): (Vec<u32>, Vec<u32>) = l
                .into_iter()
                .partition(|&e| self.ix(self.hashes[e as usize]) == pos);
            // BEAM rebuilds both halves by prepending: their order reverses.
            stay.reverse();
            go.reverse();
            self.slots[pos] = stay;
            self.slots[pos + home] = go;
        }
    }

    fn shrink(&mut self) {
        let range = self.used;
        let mut steps = range * 3 / 10;
        if range - steps < INITIAL_SIZE {
            steps = range - INITIAL_SIZE;
        }
        for _ in 0..steps {
            if self.split == 0 {
                self.mask = (self.used - 1) as u32;
                self.split = self.used / 2;
            }
            self.split -= 1;
            let hi = std::mem::take(&mut self.slots[self.used - 1]);
            let lo = std::mem::take(&mut self.slots[self.split]);
            let merged = if hi.is_empty() {
                lo
            } else if lo.is_empty() {
                hi
            } else if lo.len() == 1 {
                // [Lo | Hi] (Hi a tuple or a list).
                let mut m = lo;
                m.extend(hi);
                m
            } else if hi.len() == 1 {
                // [Hi | Lo].
                let mut m = hi;
                m.extend(lo);
                m
            } else {
                // Hi's elements prepended one by one onto Lo.
                let mut m: Vec<u32> = hi.into_iter().rev().collect();
                m.extend(lo);
                m
            };
            self.slots[self.split] = merged;
            self.used -= 1;
        }
        self.slots.truncate(self.used.max(INITIAL_SIZE));
    }

    /// Rebuilds the index if `dict` was changed behind its back.
    fn sync(&mut self, dict: &mut Vec<(Term, Term)>) {
        if self.hashes.len() == dict.len() {
            return;
        }
        let entries = std::mem::take(dict);
        self.reset();
        for (k, v) in entries {
            put(dict, self, k, v);
        }
    }
}

/// The value stored under `k`.
pub fn get(dict: &mut Vec<(Term, Term)>, idx: &mut DictIndex, k: Term) -> Option<Term> {
    idx.sync(dict);
    let (slot, pos) = idx.find(dict, k, key_hash(k))?;
    Some(dict[idx.slots[slot][pos] as usize].1)
}

/// Stores `v` under `k`; returns the previous value.
pub fn put(dict: &mut Vec<(Term, Term)>, idx: &mut DictIndex, k: Term, v: Term) -> Option<Term> {
    idx.sync(dict);
    let h = key_hash(k);
    if idx.used == 0 {
        idx.slots = vec![Vec::new(); INITIAL_SIZE];
        idx.used = INITIAL_SIZE;
        idx.mask = (INITIAL_SIZE * 2 - 1) as u32;
        idx.split = 0;
    }
    if let Some((slot, pos)) = idx.find(dict, k, h) {
        // OTP 25 updates in place: the bucket order does not change.
        let e = idx.slots[slot][pos] as usize;
        let old = dict[e].1;
        dict[e].1 = v;
        return Some(old);
    }
    let slot = idx.ix(h);
    let e = dict.len() as u32;
    dict.push((k, v));
    idx.hashes.push(h);
    idx.slots[slot].insert(0, e);
    if idx.used <= dict.len() {
        idx.grow();
    }
    None
}

/// Removes `k`; returns its value.
pub fn erase(dict: &mut Vec<(Term, Term)>, idx: &mut DictIndex, k: Term) -> Option<Term> {
    idx.sync(dict);
    if idx.used == 0 {
        return None;
    }
    let mut old = None;
    if let Some((slot, pos)) = idx.find(dict, k, key_hash(k)) {
        let e = idx.slots[slot].remove(pos) as usize;
        old = Some(dict[e].1);
        let last = dict.len() - 1;
        if e != last {
            // The last entry moves into slot `e`: repoint its bucket.
            let s = idx.ix(idx.hashes[last]);
            if let Some(r) = idx.slots[s].iter_mut().find(|r| **r as usize == last) {
                *r = e as u32;
            }
        }
        dict.swap_remove(e);
        idx.hashes.swap_remove(e);
    }
    if idx.used > INITIAL_SIZE && idx.used / 2 > dict.len() {
        idx.shrink();
    }
    old
}

/// Entry indices in the order `get/0` lists them.
pub fn order(dict: &mut Vec<(Term, Term)>, idx: &mut DictIndex) -> Vec<usize> {
    idx.sync(dict);
    let mut out: Vec<usize> = Vec::with_capacity(dict.len());
    for b in &idx.slots[..idx.used] {
        out.extend(b.iter().map(|&e| e as usize));
    }
    out.reverse();
    out
}

/// Removes every entry; returns them in `get/0` order.
pub fn erase_all(dict: &mut Vec<(Term, Term)>, idx: &mut DictIndex) -> Vec<(Term, Term)> {
    let ord = order(dict, idx);
    let out = ord.into_iter().map(|e| dict[e]).collect();
    dict.clear();
    idx.reset();
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn keys(dict: &mut Vec<(Term, Term)>, idx: &mut DictIndex) -> Vec<i64> {
        order(dict, idx)
            .into_iter()
            .map(|e| dict[e].0.small_value())
            .collect()
    }

    fn parse(s: &str) -> Vec<i64> {
        s.trim_matches(|c| c == '[' || c == ']')
            .split(',')
            .map(|x| x.parse().unwrap())
            .collect()
    }

    #[test]
    fn order_matches_beam_for_integer_keys() {
        let (mut d, mut ix) = (Vec::new(), DictIndex::default());
        let v = crate::term::atom::intern("v");
        for k in 1..=20 {
            put(&mut d, &mut ix, Term::small(k), v);
        }
        // erl: [put(K, v) || K <- lists:seq(1,20)], get_keys().
        assert_eq!(keys(&mut d, &mut ix), (1..=20).rev().collect::<Vec<_>>());
        erase_all(&mut d, &mut ix);

        // erl: [put(K, v) || K <- lists:seq(1,10)], put(3, w), put(11, v),
        // put(19,v), put(3, x), [erase(K) || K <- [2,4,6,8,10,11,12]], get().
        for k in 1..=10 {
            put(&mut d, &mut ix, Term::small(k), v);
        }
        put(
            &mut d,
            &mut ix,
            Term::small(3),
            crate::term::atom::intern("w"),
        );
        put(&mut d, &mut ix, Term::small(11), v);
        put(&mut d, &mut ix, Term::small(19), v);
        let x = crate::term::atom::intern("x");
        assert_eq!(
            put(&mut d, &mut ix, Term::small(3), x),
            Some(crate::term::atom::intern("w"))
        );
        for k in [2, 4, 6, 8, 10, 11, 12] {
            erase(&mut d, &mut ix, Term::small(k));
        }
        assert_eq!(keys(&mut d, &mut ix), vec![9, 7, 5, 3, 19, 1]);
        assert_eq!(get(&mut d, &mut ix, Term::small(3)), Some(x));
        erase_all(&mut d, &mut ix);

        // erl: [put(K, v) || K <- [-1, -2, 1 bsl 40, -(1 bsl 40), 100000]],
        // get_keys(), then [put(K, K) || K <- lists:seq(1,1000)],
        // [erase(K) || K <- lists:seq(1,1000), K rem 7 =/= 0], get_keys().
        for k in [-1, -2, 1 << 40, -(1 << 40), 100000] {
            put(&mut d, &mut ix, Term::small(k), v);
        }
        assert_eq!(
            keys(&mut d, &mut ix),
            vec![-1, -2, 1099511627776, -1099511627776, 100000]
        );
        for k in 1..=1000 {
            put(&mut d, &mut ix, Term::small(k), Term::small(k));
        }
        for k in (1..=1000).filter(|k| k % 7 != 0) {
            erase(&mut d, &mut ix, Term::small(k));
        }
        let want = parse(
            "[497,238,749,490,231,742,483,994,224,735,476,987,217,728,469,980,210,721,462,973,\
             203,714,455,966,196,707,448,959,189,700,441,952,182,693,434,945,175,686,427,938,168,\
             679,420,931,161,100000,672,413,924,154,665,406,917,147,658,399,910,140,651,392,903,\
             133,644,385,896,-1,511,-2,126,637,252,763,378,889,504,119,630,245,756,371,882,112,\
             623,364,875,105,616,357,868,98,609,350,861,91,602,343,854,84,595,336,847,77,588,329,\
             840,70,581,322,833,63,574,315,826,56,567,308,819,49,560,301,812,42,553,294,805,35,\
             546,287,798,28,539,280,791,21,532,273,784,14,525,266,777,7,518,259,770,\
             -1099511627776,1099511627776]",
        );
        assert_eq!(keys(&mut d, &mut ix), want);
    }

    #[test]
    fn updates_keep_bucket_order() {
        // erl: put(3,a), put(19,a), put(35,a), put(3,x), put(19,x),
        // put(51,a), put(67,a), put(3,y), get_keys() -> [3,19,35,51,67].
        let (mut d, mut ix) = (Vec::new(), DictIndex::default());
        let a = crate::term::atom::intern("a");
        for k in [3, 19, 35] {
            put(&mut d, &mut ix, Term::small(k), a);
        }
        assert_eq!(keys(&mut d, &mut ix), vec![3, 19, 35]);
        put(&mut d, &mut ix, Term::small(3), Term::small(0));
        put(&mut d, &mut ix, Term::small(19), Term::small(0));
        put(&mut d, &mut ix, Term::small(51), a);
        put(&mut d, &mut ix, Term::small(67), a);
        put(&mut d, &mut ix, Term::small(3), Term::small(1));
        assert_eq!(keys(&mut d, &mut ix), vec![3, 19, 35, 51, 67]);
    }

    #[test]
    fn many_keys_and_rebuild() {
        let (mut d, mut ix) = (Vec::new(), DictIndex::default());
        for k in 0..200_000 {
            assert_eq!(
                put(&mut d, &mut ix, Term::small(k), Term::small(k * 2)),
                None
            );
        }
        for k in (0..200_000).step_by(3) {
            assert_eq!(
                get(&mut d, &mut ix, Term::small(k)),
                Some(Term::small(k * 2))
            );
        }
        for k in (0..200_000).filter(|k| k % 2 == 0) {
            assert_eq!(
                erase(&mut d, &mut ix, Term::small(k)),
                Some(Term::small(k * 2))
            );
        }
        assert_eq!(d.len(), 100_000);
        assert_eq!(get(&mut d, &mut ix, Term::small(4)), None);
        assert_eq!(get(&mut d, &mut ix, Term::small(5)), Some(Term::small(10)));
        // Someone else edits the Vec: the index notices and rebuilds.
        d.push((Term::small(-7), Term::small(1)));
        assert_eq!(get(&mut d, &mut ix, Term::small(-7)), Some(Term::small(1)));
        assert_eq!(get(&mut d, &mut ix, Term::small(7)), Some(Term::small(14)));
    }
}
