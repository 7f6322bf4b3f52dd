//! Literal areas freed one by one: each persistent term lives in an area
//! of its own (BEAM's `ErtsLiteralArea` per `persistent_term:put/2`),
//! inside the literal range so that the GC leaves it alone and `get`
//! can hand out the stored term itself.
//!
//! The literal range is handed out in 64 KB blocks; a block per small
//! term would waste address space (the range is 16 GB) and a page of RSS
//! each. So areas up to `SMALL` bytes are bump-allocated in shared
//! *slabs* (one block each) that count their live areas: a slab whose
//! last area is freed goes back to the literal range (or, if it is the
//! slab being filled, is filled again from its start), and the whole
//! pages an area covered alone are given back at once. Bigger areas get
//! blocks of their own. Freeing an area is the caller's promise that
//! nothing points into it any more (`proc::purge` copies the terms out
//! of every process first).

use super::literal;
use std::collections::BTreeMap;
use std::sync::Mutex;

/// Areas up to this size share slabs.
const SMALL: usize = 8 * 1024;
/// Size of a slab (the literal range's block granule).
const SLAB: usize = 64 * 1024;
const PAGE: usize = 4096;

struct Slab {
    end: usize,
    /// Areas allocated in it and not freed yet.
    live: usize,
}

struct Pool {
    /// Slabs by start address.
    slabs: BTreeMap<usize, Slab>,
    /// The slab being filled (0: none) and its free part's start.
    cur: usize,
    bump: usize,
}

static POOL: Mutex<Pool> = Mutex::new(Pool {
    slabs: BTreeMap::new(),
    cur: 0,
    bump: 0,
});

fn pool() -> std::sync::MutexGuard<'static, Pool> {
    POOL.lock().unwrap_or_else(|e| e.into_inner())
}

/// A separately freed part of the literal range: `words` words at
/// `ptr()`, not zeroed.
pub struct Area {
    start: usize,
    bytes: usize,
    /// The slab it is in, or 0 for a block of its own `[start, own_end)`.
    slab: usize,
    own_end: usize,
}

impl Pool {
    /// `bytes` (at most `SMALL`) in the slab being filled: the start and
    /// the slab's.
    fn alloc(&mut self, bytes: usize) -> (usize, usize) {
        let cur_end = self.slabs.get(&self.cur).map_or(0, |s| s.end);
        if self.cur == 0 || self.bump + bytes > cur_end {
            let old = self.cur;
            if self.slabs.get(&old).is_some_and(|s| s.live == 0) {
                self.slabs.remove(&old);
                // SAFETY: its areas are all freed: nothing points into it.
                unsafe { literal::give_back(old, cur_end) };
            }
            let (s, end) = literal::take_block_for(SLAB);
            self.slabs.insert(s, Slab { end, live: 0 });
            self.cur = s;
            self.bump = s;
        }
        let start = self.bump;
        self.bump += bytes;
        if let Some(s) = self.slabs.get_mut(&self.cur) {
            s.live += 1;
        }
        (start, self.cur)
    }

    /// Frees `[start, start + bytes)` of `slab`.
    /// # Safety
    /// Nothing may point into it any more.
    unsafe fn free(&mut self, start: usize, bytes: usize, slab: usize) {
        let Some(sl) = self.slabs.get_mut(&slab) else {
            return; // cannot happen: a slab outlives its areas
        };
        sl.live -= 1;
        if sl.live == 0 {
            let end = sl.end;
            if slab == self.cur {
                // Empty: fill it again from the start.
                self.bump = slab;
            } else {
                self.slabs.remove(&slab);
                literal::give_back(slab, end);
            }
            return;
        }
        // Others still live in the slab: return the pages only this area
        // covered (the bump pointer never comes back to them).
        let lo = start.next_multiple_of(PAGE);
        let hi = (start + bytes) & !(PAGE - 1);
        if hi > lo {
            libc::madvise(lo as *mut libc::c_void, hi - lo, libc::MADV_DONTNEED);
        }
    }
}

impl Area {
    /// A new area of `words` words (at least one).
    pub fn new(words: usize) -> Area {
        let bytes = words.max(1) * 8;
        if bytes > SMALL {
            let (start, own_end) = literal::take_block_for(bytes);
            return Area {
                start,
                bytes,
                slab: 0,
                own_end,
            };
        }
        let (start, slab) = pool().alloc(bytes);
        Area {
            start,
            bytes,
            slab,
            own_end: 0,
        }
    }

    pub fn ptr(&self) -> *mut u64 {
        self.start as *mut u64
    }

    /// The address range `[start, end)` its words occupy.
    pub fn range(&self) -> (usize, usize) {
        (self.start, self.start + self.bytes)
    }

    pub fn words(&self) -> usize {
        self.bytes / 8
    }

    /// Gives the area's memory back.
    /// # Safety
    /// Nothing may point into the area any more.
    pub unsafe fn free(self) {
        if self.slab == 0 {
            literal::give_back(self.start, self.own_end);
        } else {
            pool().free(self.start, self.bytes, self.slab);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    #[cfg_attr(miri, ignore = "the literal area reserves 16 GB of address space")]
    fn areas_are_literal_and_freed() {
        let a = Area::new(3);
        let big = Area::new(SMALL / 8 + 1);
        assert!(literal::contains(a.ptr()) && literal::contains(big.ptr()));
        assert_eq!(a.range().1 - a.range().0, 24);
        assert_eq!(big.words(), SMALL / 8 + 1);
        // SAFETY: nothing points into them; written first so that the
        // pages are mapped.
        unsafe {
            *big.ptr().add(SMALL / 8) = 1;
            big.free();
            a.free();
        }
    }

    #[test]
    #[cfg_attr(miri, ignore = "the literal area reserves 16 GB of address space")]
    fn slabs_fill_and_empty() {
        // A pool of its own: the shared one is used by other tests.
        let mut p = Pool {
            slabs: BTreeMap::new(),
            cur: 0,
            bump: 0,
        };
        let (a, sa) = p.alloc(64);
        let (b, sb) = p.alloc(8);
        assert_eq!((sa, b), (sb, a + 64), "one after the other in a slab");
        assert_eq!(p.slabs[&sa].end, sa + SLAB);
        // Fill the slab: the next area starts a new one.
        let n = (SLAB - 72) / SMALL;
        let rest: Vec<_> = (0..n).map(|_| p.alloc(SMALL)).collect();
        let (c, sc) = p.alloc(SMALL);
        assert!(sc != sa && c == sc);
        // SAFETY: nothing points into these areas.
        unsafe {
            p.free(a, 64, sa);
            p.free(b, 8, sb);
            for &(s, sl) in &rest {
                p.free(s, SMALL, sl);
            }
        }
        assert!(!p.slabs.contains_key(&sa), "an empty old slab goes back");
        // SAFETY: as above.
        unsafe { p.free(c, SMALL, sc) };
        assert_eq!(p.bump, sc, "the empty current slab is filled again");
        assert_eq!(p.alloc(16), (sc, sc));
    }
}
