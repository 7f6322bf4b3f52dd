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
        let mut p = pool();
        let cur_end = p.slabs.get(&p.cur).map_or(0, |s| s.end);
        if p.cur == 0 || p.bump + bytes > cur_end {
            let old = p.cur;
            if p.slabs.get(&old).is_some_and(|s| s.live == 0) {
                p.slabs.remove(&old);
                // SAFETY: its areas are all freed: nothing points into it.
                unsafe { literal::give_back(old, cur_end) };
            }
            let (s, end) = literal::take_block_for(SLAB);
            p.slabs.insert(s, Slab { end, live: 0 });
            p.cur = s;
            p.bump = s;
        }
        let start = p.bump;
        p.bump += bytes;
        let cur = p.cur;
        if let Some(s) = p.slabs.get_mut(&cur) {
            s.live += 1;
        }
        Area {
            start,
            bytes,
            slab: cur,
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
            return;
        }
        let mut p = pool();
        let cur = p.cur;
        let Some(slab) = p.slabs.get_mut(&self.slab) else {
            return; // cannot happen: a slab outlives its areas
        };
        slab.live -= 1;
        if slab.live == 0 {
            let end = slab.end;
            if self.slab == cur {
                // Empty: fill it again from the start.
                p.bump = cur;
            } else {
                p.slabs.remove(&self.slab);
                literal::give_back(self.slab, end);
            }
            return;
        }
        // Others still live in the slab: return the pages only this area
        // covered (the bump pointer never comes back to them).
        let lo = self.start.next_multiple_of(PAGE);
        let hi = (self.start + self.bytes) & !(PAGE - 1);
        if hi > lo {
            libc::madvise(lo as *mut libc::c_void, hi - lo, libc::MADV_DONTNEED);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    #[cfg_attr(miri, ignore = "the literal area reserves 16 GB of address space")]
    fn areas_are_literal_and_reused() {
        let a = Area::new(3);
        let b = Area::new(5);
        assert!(literal::contains(a.ptr()) && literal::contains(b.ptr()));
        let (s, e) = a.range();
        assert_eq!(e - s, 24);
        assert!(b.range().0 >= e || b.range().1 <= s, "no overlap");
        let big = Area::new(SMALL / 8 + 1);
        assert!(literal::contains(big.ptr()));
        assert_eq!(big.words(), SMALL / 8 + 1);
        // SAFETY: nothing points into them.
        unsafe {
            // Written before being freed: the pages are mapped.
            *big.ptr().add(SMALL / 8) = 1;
            big.free();
            a.free();
            b.free();
        }
    }
}
