//! Per-process copying garbage collector (Cheney) with precise roots.
//!
//! A process's heap and stack share one block: heap `[heap_start, hp)`,
//! stack `[sp, stack_top)`. A collection allocates a new block, copies the
//! stack words to its top, and copies every object reachable from the roots
//! into its bottom, scanning the copied objects breadth-first (iterative, so
//! a 10-million-element list is no problem).
//!
//! From-space is the old heap plus every heap fragment; pointers anywhere
//! else (the literal area in particular) are left alone. Messages still in
//! the queue are not part of a collection at all: each one lives in its own
//! fragment (or is an immediate) until `remove_message` takes it, and
//! nothing points into a queued message from the heap, so a process with
//! 500,000 queued messages collects as fast as one with none (BEAM gets the
//! same effect from its generational heap). A moved object is marked in place: a boxed object's header is
//! overwritten with the boxed pointer to its copy (a real header never has
//! the boxed primary tag), a cons cell's head becomes `NON_VALUE` and its
//! tail the list pointer to its copy. So shared subterms stay shared.
//!
//! Sizing: block sizes follow BEAM's table (Fibonacci from 233 words, then
//! 20% steps). The new block is the smallest size holding the worst case
//! (old heap + fragments + stack + `need`); when the live data then fills
//! less than a quarter of it, a second (cheap: live data is small) copy
//! moves everything into a block about twice the live size.

pub mod copy;
pub mod copy_shared;
pub mod stats;

use crate::heap::ctx::Ctx;
use crate::heap::process::Process;
use crate::term::{
    header_arity, header_subtag, Term, HDR_FUN, HDR_TUPLE, NON_VALUE, TAG_PRIMARY_BOXED,
    TAG_PRIMARY_HEADER, TAG_PRIMARY_LIST, TAG_PRIMARY_MASK,
};

/// Smallest block size (BEAM's default heap size).
pub const MIN_HEAP_WORDS: usize = crate::heap::process::DEFAULT_HEAP_WORDS;
/// Blocks smaller than this are never shrunk right after a collection.
const SHRINK_FLOOR: usize = 4181;
/// Where the size table switches from Fibonacci to 20% growth (BEAM: ~1.3M).
const FIB_LIMIT: usize = 1_346_269;

/// The smallest size in the heap-size table that is at least `n` words.
pub fn next_heap_size(n: usize) -> usize {
    let (mut a, mut b) = (MIN_HEAP_WORDS, 377usize);
    while a < n {
        if a < FIB_LIMIT {
            (a, b) = (b, a + b);
        } else {
            a = a.saturating_add(a / 5);
        }
    }
    a
}

/// Which payload words of a boxed object are terms, given its header:
/// `(first, count)` counted from the first word after the header. Every
/// other payload word is raw data the GC and the copier copy verbatim.
/// This is the one place to extend when new object kinds appear (maps,
/// binaries, match states hold terms and must be listed here).
#[inline]
pub fn term_fields(hdr: u64) -> (usize, usize) {
    let arity = header_arity(hdr);
    match header_subtag(hdr) {
        HDR_TUPLE => (0, arity),
        // [hdr] [raw *const FunEntry] [free vars...]
        HDR_FUN => (1, arity.saturating_sub(1)),
        // [hdr] [raw info word] [terms...] (every map object, see map::layout)
        crate::term::HDR_MAP => (1, arity.saturating_sub(1)),
        // [hdr] [bit size] [bit offset] [flags] [orig] (binary::layout)
        crate::term::HDR_SUB_BIN => (3, 1),
        // [hdr] [orig] [position] [end] (binary::layout)
        crate::term::HDR_MATCHSTATE => (0, 1),
        // Bignums, floats, refs, export funs, heap and refc binaries: raw.
        _ => (0, 0),
    }
}

/// True if `w` (a word that is not a header) points at a heap object.
#[inline]
fn is_pointer(w: u64) -> bool {
    let t = w & TAG_PRIMARY_MASK;
    t == TAG_PRIMARY_LIST || t == TAG_PRIMARY_BOXED
}

/// The address ranges objects are copied out of, sorted by start.
struct FromSpace {
    heap: (usize, usize),
    frags: Vec<(usize, usize)>,
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
    fwd: std::collections::HashMap<usize, u64>,
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

/// The copying state: allocation pointer into to-space and the from-space
/// ranges. With `LIT`, objects in `lit`'s ranges are copied too.
struct Copier<'l, const LIT: bool> {
    hp: *mut u64,
    limit: *mut u64,
    from: FromSpace,
    copied: usize,
    /// Refc binaries copied into to-space: the new off-heap list.
    bins: Vec<*mut u64>,
    lit: Option<&'l mut LitCopy>,
}

impl<const LIT: bool> Copier<'_, LIT> {
    /// `evacuate` of a word pointing outside from-space: a copy if it is in
    /// a literal range being collected, else unchanged.
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

    /// Returns the new location of the term word `w`, copying its object to
    /// to-space first if it lives in from-space and has not moved yet.
    /// # Safety
    /// If `w` points into from-space it must point at a valid object (or
    /// one already forwarded), and to-space must have room for it (the
    /// block is sized for the worst case: everything in from-space live).
    #[inline]
    unsafe fn evacuate(&mut self, w: u64) -> u64 {
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
                let n = self.hp;
                debug_assert!(n.add(2) <= self.limit);
                *n = *p;
                *n.add(1) = *p.add(1);
                self.hp = n.add(2);
                self.copied += 2;
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
                let n = self.hp;
                debug_assert!(n.add(size) <= self.limit);
                std::ptr::copy_nonoverlapping(p, n, size);
                self.hp = n.add(size);
                self.copied += size;
                let nw = n as u64 | TAG_PRIMARY_BOXED;
                *p = nw;
                nw
            }
            _ => w,
        }
    }

    /// Updates the term in `slot` in place.
    /// # Safety
    /// As `evacuate`; `slot` must be valid for reads and writes.
    #[inline]
    unsafe fn root(&mut self, slot: *mut u64) {
        *slot = self.evacuate(*slot);
    }

    /// Cheney scan: walks to-space objects from `s` until it catches up
    /// with the allocation pointer, evacuating every term field.
    /// # Safety
    /// `[s, self.hp)` must hold whole objects (cons cells or headed
    /// objects), which holds for everything `evacuate` copies.
    unsafe fn scan(&mut self, mut s: *mut u64) {
        while s < self.hp {
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
                    self.root(f.add(i));
                }
                s = s.add(1 + header_arity(w));
            } else {
                // A cons cell: a cons head is a term, never a header word.
                self.root(s);
                self.root(s.add(1));
                s = s.add(2);
            }
        }
    }
}

/// Roots that live outside the process struct (the running process's
/// context), or in `saved_x` for a process that is not running.
enum ExtraRoots<'a> {
    /// Live X registers and the exception registers (reason, trace, top
    /// frame, prebuilt trace; each may be `NON_VALUE`).
    Running {
        x: &'a mut [Term],
        exc: [&'a mut Term; 4],
    },
    Suspended,
}

/// Allocates a to-space block of `words` words. It is not zeroed: the
/// copy fills the heap part and the stack part is copied whole, and nothing
/// reads the free space between them.
fn new_block(words: usize) -> crate::heap::process::HeapBlock {
    crate::heap::process::HeapBlock::uninit(words)
}

/// One copying pass of process `p` (heap top `hp`, stack pointer `sp`) into
/// a fresh block of `size` words. Returns the new `(hp, sp)` and installs
/// the new block; heap fragments are freed.
/// # Safety
/// `hp`/`sp` must delimit the process's heap and stack in `p.block`; every
/// root must be a valid term (or a catch tag / continuation address on the
/// stack); `size` must be at least heap + fragments + stack words.
unsafe fn copy_pass<const LIT: bool>(
    p: &mut Process,
    extra: &mut ExtraRoots<'_>,
    hp: *mut u64,
    sp: *mut u64,
    size: usize,
    lit: Option<&mut LitCopy>,
) -> (*mut u64, *mut u64) {
    let stack_words = (p.stack_top() as usize - sp as usize) / 8;
    let mut frags: Vec<(usize, usize)> = Vec::with_capacity(p.frags.len());
    for f in &p.frags {
        let a = f.words.as_ptr() as usize;
        frags.push((a, a + f.used * 8));
    }
    frags.sort_unstable();
    let from = FromSpace {
        heap: (p.heap_start() as usize, hp as usize),
        frags,
    };

    let block = new_block(size);
    let start = block.as_mut_ptr();
    let new_top = start.add(size);
    let new_sp = new_top.sub(stack_words);
    // The stack moves verbatim; its pointer words are updated below.
    std::ptr::copy_nonoverlapping(sp, new_sp, stack_words);

    let mut c = Copier::<LIT> {
        hp: start,
        limit: new_sp,
        from,
        copied: 0,
        bins: Vec::new(),
        lit,
    };

    // Roots. Stack words: catch tags are immediates and continuation
    // addresses look like header words, so only list/boxed words move.
    for i in 0..stack_words {
        let slot = new_sp.add(i);
        if is_pointer(*slot) {
            c.root(slot);
        }
    }
    match extra {
        ExtraRoots::Running { x, exc } => {
            for t in x.iter_mut() {
                c.root(&mut t.0);
            }
            for t in exc.iter_mut() {
                if !t.is_non_value() {
                    c.root(&mut t.0);
                }
            }
        }
        ExtraRoots::Suspended => {
            for t in p.saved_x.iter_mut() {
                c.root(&mut t.0);
            }
        }
    }
    for (k, v) in p.dict.iter_mut() {
        c.root(&mut k.0);
        c.root(&mut v.0);
    }
    c.root(&mut p.exit_reason.0);

    c.scan(start);
    // Refc binaries left behind are dead: drop their buffer references
    // (from-space is still mapped here).
    let old_bins = std::mem::replace(&mut p.off_heap, std::mem::take(&mut c.bins));
    crate::data::binary::layout::gc_release(&old_bins);

    crate::heap::process::recycle_fragments(&mut p.frags);
    p.block = block;
    p.hp = c.hp;
    p.sp = new_sp;
    (c.hp, new_sp)
}

/// Collects process `p` whose heap top and stack pointer are `hp`/`sp`;
/// afterwards at least `need` words are free. Returns the new `(hp, sp)`,
/// and whether the collection went over the process's `max_heap_size`
/// with `kill` set (a kill is then pending: `heap/max_heap.rs`).
/// # Safety
/// See `copy_pass`.
unsafe fn collect_inner(
    p: &mut Process,
    extra: ExtraRoots<'_>,
    hp: *mut u64,
    sp: *mut u64,
    need: usize,
) -> (*mut u64, *mut u64, bool) {
    collect_inner_lit::<false>(p, extra, hp, sp, need, None)
}

/// `collect_inner`, copying out of `lit`'s ranges too when `LIT` (up to
/// `lit_words` words of them). The flag says the process went over its
/// `max_heap_size` while collecting.
unsafe fn collect_inner_lit<const LIT: bool>(
    p: &mut Process,
    mut extra: ExtraRoots<'_>,
    hp: *mut u64,
    sp: *mut u64,
    need: usize,
    mut lit: Option<(&mut LitCopy, usize)>,
) -> (*mut u64, *mut u64, bool) {
    let heap_used = (hp as usize - p.heap_start() as usize) / 8;
    let stack_words = (p.stack_top() as usize - sp as usize) / 8;
    let lit_words = lit.as_ref().map_or(0, |l| l.1);
    let frag_before = p.frag_words();
    let worst = heap_used + frag_before + stack_words + need + lit_words;
    let size = next_heap_size(worst);
    // What exists while copying: the old block and fragments, the new block.
    let over = p.max_heap.size != 0
        && crate::heap::max_heap::over_limit(p, p.block.len() + p.frag_words() + size);
    let (hp, sp) = copy_pass::<LIT>(p, &mut extra, hp, sp, size, lit.as_mut().map(|l| &mut *l.0));

    // Shrink when mostly empty, but only once the block is big: a second
    // copy of the live data costs as much as the first, and a small,
    // mostly-garbage heap that keeps growing a little collects less often
    // (nrev-style code allocates fast and keeps little).
    let live = (hp as usize - p.heap_start() as usize) / 8;
    stats::record(heap_used + frag_before, live);
    // Every fragment was folded in.
    p.msg_frag_words = 0;
    let required = live + stack_words + need;
    let wanted = next_heap_size(required.saturating_mul(4));
    if size >= SHRINK_FLOOR && size > required.saturating_mul(8) && wanted < size {
        // Everything is out of the literal ranges now.
        let (hp, sp) = copy_pass::<false>(p, &mut extra, hp, sp, wanted, None);
        return (hp, sp, over);
    }
    (hp, sp, over)
}

/// Collects the running process of `ctx`. Roots: `ctx.x[..live]`, the
/// stack, the exception registers (`exc_reason`, `exc_trace`, `exc_top`,
/// `exc_prebuilt`), the dictionary and the exit reason (queued messages
/// are not collected: see the module comment).
/// Not roots: `bif_args` and `scratch` (BIFs never collect, and generated
/// code must not hold terms there across a `rt_gc` call). Reads and writes `ctx.hp`/`ctx.sp`; afterwards
/// `sp - hp >= need` words.
pub fn collect(ctx: &mut Ctx, need: usize, live: usize) {
    // SAFETY: a process is scheduled on `ctx`, and the process struct is a
    // separate allocation from the context, so borrowing both is sound.
    // Generated code stored `hp`/`sp` before calling, and the X registers
    // below `live` hold valid terms.
    unsafe {
        let p = &mut *ctx.proc_;
        let live = live.min(ctx.x.len());
        let extra = ExtraRoots::Running {
            x: &mut ctx.x[..live],
            exc: [
                &mut ctx.exc_reason,
                &mut ctx.exc_trace,
                &mut ctx.exc_top,
                &mut ctx.exc_prebuilt,
            ],
        };
        let (hp, sp, over) = collect_inner(p, extra, ctx.hp, ctx.sp, need);
        ctx.hp = hp;
        ctx.sp = sp;
        if over {
            // Yield at the next function entry; the pending kill then
            // ends the process before it runs again.
            ctx.reds = 0;
        }
    }
}

/// `erlang:hibernate/3`'s collection of the running process (X registers
/// `0..live` as roots): a full collection, then one more copy into a block
/// of exactly the live words, the stack and BEAM's 3 reserved words (so
/// `process_info(P, heap_size)` answers what erl answers: live + 4 with
/// the one-word stack). The first allocation after waking collects again.
pub fn collect_hibernate(ctx: &mut Ctx, live: usize) {
    collect(ctx, 0, live);
    // SAFETY: as in `collect`; `collect` just left hp/sp current and the
    // X registers below `live` valid.
    unsafe {
        let p = &mut *ctx.proc_;
        let live = live.min(ctx.x.len());
        let used = (ctx.hp as usize - p.heap_start() as usize) / 8;
        let stack = (p.stack_top() as usize - ctx.sp as usize) / 8;
        let mut extra = ExtraRoots::Running {
            x: &mut ctx.x[..live],
            exc: [
                &mut ctx.exc_reason,
                &mut ctx.exc_trace,
                &mut ctx.exc_top,
                &mut ctx.exc_prebuilt,
            ],
        };
        let (hp, sp) = copy_pass::<false>(p, &mut extra, ctx.hp, ctx.sp, used + stack + 3, None);
        ctx.hp = hp;
        ctx.sp = sp;
    }
}

/// Collects a process that is not running (roots in `p.saved_x`, heap top
/// and stack pointer in `p.hp`/`p.sp`); afterwards `sp - hp >= need`.
pub fn collect_process(p: &mut Process, need: usize) {
    // SAFETY: a process that is not running owns `hp`/`sp`, and its saved
    // X registers hold valid terms.
    unsafe {
        let (hp, sp) = (p.hp, p.sp);
        collect_inner(p, ExtraRoots::Suspended, hp, sp, need);
        // (A pending kill from going over `max_heap_size` is handled when
        // the process is next scheduled.)
    }
}

/// Collects a process that is not running, copying every term it uses out
/// of `lit`'s ranges (at most `lit_words` words) onto its heap, so that
/// they can be freed (`proc::purge`).
pub fn collect_process_literals(p: &mut Process, lit: &mut LitCopy, lit_words: usize) {
    // Forwarding is per process: copies belong to one heap.
    lit.fwd.clear();
    // SAFETY: as `collect_process`; the ranges hold valid literal terms.
    unsafe {
        let (hp, sp) = (p.hp, p.sp);
        collect_inner_lit::<true>(p, ExtraRoots::Suspended, hp, sp, 0, Some((lit, lit_words)));
    }
}

#[cfg(test)]
#[path = "gc_tests.rs"]
pub(crate) mod tests;
