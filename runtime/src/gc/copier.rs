//! The copying engine of a collection: evacuating objects out of
//! from-space into the new young block or, when promoting, into the old
//! heap, and the Cheney scan over both destinations.
//!
//! Promotion rule: an object moves to the old heap when it lies below the
//! high-water mark (it survived the previous collection) or when the object
//! pointing at it is itself in the old heap. The second half means the
//! collector can never create an old-to-young pointer, whatever the mutator
//! did: minor collections then need no remembered set. If the old heap runs
//! out of room for such an object, it goes young and `overflow` is set; the
//! caller then runs a major collection at once, which removes the
//! old-to-young pointer (it does not happen while the heap is immutable:
//! what lies below the mark only points below the mark, to the old heap or
//! to literals, and the old heap is sized for everything below the mark).

use super::term_fields;
use crate::term::{
    header_arity, header_subtag, NON_VALUE, TAG_PRIMARY_BOXED, TAG_PRIMARY_HEADER,
    TAG_PRIMARY_LIST, TAG_PRIMARY_MASK,
};

/// True if `w` (a word that is not a header) points at a heap object.
#[inline]
pub(super) fn is_pointer(w: u64) -> bool {
    let t = w & TAG_PRIMARY_MASK;
    t == TAG_PRIMARY_LIST || t == TAG_PRIMARY_BOXED
}

/// The address ranges objects are copied out of: the young heap and the
/// other ranges (heap fragments, and the old heap in a major collection),
/// sorted by start.
pub(super) struct FromSpace {
    pub heap: (usize, usize),
    pub frags: Vec<(usize, usize)>,
}

impl FromSpace {
    #[inline]
    fn contains(&self, a: usize) -> bool {
        if a >= self.heap.0 && a < self.heap.1 {
            return true;
        }
        if self.frags.is_empty() {
            return false;
        }
        // The last range starting at or below `a`.
        let i = self.frags.partition_point(|r| r.0 <= a);
        i > 0 && a < self.frags[i - 1].1
    }
}

/// Literal ranges a collection copies out of (a module version being
/// purged). Those objects are shared with other processes, so they are
/// copied without being marked: forwarding lives in `fwd`.
#[derive(Default)]
pub struct LitCopy {
    pub ranges: Vec<(usize, usize)>,
    pub(super) fwd: std::collections::HashMap<usize, u64>,
}

impl LitCopy {
    pub fn new(ranges: Vec<(usize, usize)>) -> LitCopy {
        let mut l = LitCopy {
            ranges,
            fwd: Default::default(),
        };
        l.sort();
        l
    }

    /// Sorts the ranges by start (`contains` needs it); call after
    /// adding ranges. They never overlap.
    pub fn sort(&mut self) {
        self.ranges.sort_unstable();
    }

    /// True if `a` lies in one of the (sorted) ranges: a binary search,
    /// as many persistent terms' areas may be retired at once.
    #[inline]
    pub fn contains(&self, a: usize) -> bool {
        let i = self.ranges.partition_point(|r| r.0 <= a);
        i > 0 && a < self.ranges[i - 1].1
    }
}

/// The copying state: allocation pointers into the young to-space and the
/// old heap, and the from-space ranges. With `LIT`, objects in `lit`'s
/// ranges are copied too.
pub(super) struct Copier<'l, const LIT: bool> {
    pub hp: *mut u64,
    pub limit: *mut u64,
    pub from: FromSpace,
    /// Young-heap objects at byte offsets below `promote_len` from
    /// `promote_lo` are promoted (0: none).
    pub promote_lo: usize,
    pub promote_len: usize,
    /// Old heap allocation pointer and end (both null without one).
    pub ohp: *mut u64,
    pub olimit: *mut u64,
    /// Words copied young, words promoted.
    pub copied: usize,
    pub promoted: usize,
    /// An object referenced from the old heap had to go young.
    pub overflow: bool,
    /// Refc binaries copied (young or old): they join the off-heap list.
    pub bins: Vec<*mut u64>,
    pub lit: Option<&'l mut LitCopy>,
}

impl<const LIT: bool> Copier<'_, LIT> {
    /// Where an object of `size` words at address `a` goes; `old`: the
    /// object pointing at it is in the old heap.
    /// # Safety
    /// The young to-space has room for everything in from-space.
    #[inline]
    unsafe fn dest(&mut self, a: usize, size: usize, old: bool) -> *mut u64 {
        if old || a.wrapping_sub(self.promote_lo) < self.promote_len {
            let n = self.ohp;
            if (self.olimit as usize - n as usize) / 8 >= size {
                self.ohp = n.add(size);
                self.promoted += size;
                return n;
            }
            self.overflow = true;
        }
        let n = self.hp;
        debug_assert!(n.add(size) <= self.limit);
        self.hp = n.add(size);
        self.copied += size;
        n
    }

    /// `evacuate` of a word pointing outside from-space: a copy if it is in
    /// a literal range being collected, else unchanged. (Only major
    /// collections copy literals, so copies go young.)
    /// # Safety
    /// As `evacuate`; objects in the literal ranges are valid.
    #[inline(never)]
    unsafe fn evacuate_lit(&mut self, w: u64, p: *mut u64, cons: bool) -> u64 {
        let Some(lit) = self.lit.as_deref_mut() else {
            return w;
        };
        if !lit.contains(p as usize) {
            return w;
        }
        if let Some(&nw) = lit.fwd.get(&(p as usize)) {
            return nw;
        }
        let size = if cons { 2 } else { 1 + header_arity(*p) };
        let n = self.hp;
        debug_assert!(n.add(size) <= self.limit);
        std::ptr::copy_nonoverlapping(p, n, size);
        if !cons {
            // A literal ProcBin's copy takes its own buffer reference.
            crate::data::binary::layout::on_copied(n, *n);
        }
        self.hp = n.add(size);
        self.copied += size;
        let nw = n as u64 | (w & TAG_PRIMARY_MASK);
        lit.fwd.insert(p as usize, nw);
        nw
    }

    /// Returns the new location of the term word `w`, copying its object
    /// first if it lives in from-space and has not moved yet. `OLD`: the
    /// word is a field of an object in the old heap.
    /// # Safety
    /// If `w` points into from-space it must point at a valid object (or
    /// one already forwarded), and the young to-space must have room for
    /// it (it is sized for the worst case: everything in from-space live).
    #[inline]
    unsafe fn evacuate<const OLD: bool>(&mut self, w: u64) -> u64 {
        match w & TAG_PRIMARY_MASK {
            TAG_PRIMARY_LIST => {
                let p = (w - TAG_PRIMARY_LIST) as *mut u64;
                if !self.from.contains(p as usize) {
                    return if LIT {
                        self.evacuate_lit(w, p, true)
                    } else {
                        w
                    };
                }
                if *p == NON_VALUE.raw() {
                    return *p.add(1);
                }
                let n = self.dest(p as usize, 2, OLD);
                *n = *p;
                *n.add(1) = *p.add(1);
                let nw = n as u64 | TAG_PRIMARY_LIST;
                *p = NON_VALUE.raw();
                *p.add(1) = nw;
                nw
            }
            TAG_PRIMARY_BOXED => {
                let p = (w - TAG_PRIMARY_BOXED) as *mut u64;
                if !self.from.contains(p as usize) {
                    return if LIT {
                        self.evacuate_lit(w, p, false)
                    } else {
                        w
                    };
                }
                let h = *p;
                if h & TAG_PRIMARY_MASK == TAG_PRIMARY_BOXED {
                    return h; // forwarded
                }
                let size = 1 + header_arity(h);
                let n = self.dest(p as usize, size, OLD);
                std::ptr::copy_nonoverlapping(p, n, size);
                let nw = n as u64 | TAG_PRIMARY_BOXED;
                *p = nw;
                nw
            }
            _ => w,
        }
    }

    /// Updates the root term in `slot` in place.
    /// # Safety
    /// As `evacuate`; `slot` must be valid for reads and writes.
    #[inline]
    pub unsafe fn root(&mut self, slot: *mut u64) {
        *slot = self.evacuate::<false>(*slot);
    }

    /// Cheney scan of one destination (`OLD`: the old heap) from `s` until
    /// it catches up with that destination's allocation pointer,
    /// evacuating every term field. Returns where it stopped.
    /// # Safety
    /// `[s, top)` must hold whole objects (cons cells or headed objects),
    /// which holds for everything `evacuate` copies.
    unsafe fn scan<const OLD: bool>(&mut self, mut s: *mut u64) -> *mut u64 {
        while s < if OLD { self.ohp } else { self.hp } {
            let w = *s;
            if w & TAG_PRIMARY_MASK == TAG_PRIMARY_HEADER {
                if header_subtag(w) == crate::term::HDR_REFC_BIN
                    || crate::data::resource::is_magic_header(w)
                {
                    self.bins.push(s);
                }
                let (first, count) = term_fields(w);
                let f = s.add(1 + first);
                for i in 0..count {
                    *f.add(i) = self.evacuate::<OLD>(*f.add(i));
                }
                s = s.add(1 + header_arity(w));
            } else {
                // A cons cell: a cons head is a term, never a header word.
                *s = self.evacuate::<OLD>(*s);
                *s.add(1) = self.evacuate::<OLD>(*s.add(1));
                s = s.add(2);
            }
        }
        s
    }

    /// Scans both destinations until neither has unscanned objects: the
    /// young one from `young`, the old one from `old`.
    /// # Safety
    /// As `scan`, for both regions.
    pub unsafe fn scan_all(&mut self, mut young: *mut u64, mut old: *mut u64) {
        loop {
            young = self.scan::<false>(young);
            if old == self.ohp {
                break;
            }
            old = self.scan::<true>(old);
            if young == self.hp {
                break;
            }
        }
    }
}
