//! Per-process generational copying garbage collector (Cheney) with
//! precise roots.
//!
//! A process's young heap and stack share one block: heap `[heap_start,
//! hp)`, stack `[sp, stack_top)`. A collection allocates a new block,
//! copies the stack words to its top, and copies every object reachable
//! from the roots into its bottom, scanning the copied objects
//! breadth-first (iterative, so a 10-million-element list is no problem).
//!
//! Generations (as BEAM's `erl_gc.c`): after every collection the
//! high-water mark `Process::hwm` is the new heap top, so the words below
//! it are what survived a collection. A *minor* collection copies those
//! into the old heap (`Process::old_heap`, a separate block) and the rest
//! into the new young block; it never scans the old heap, because old
//! objects never point at young ones: terms are immutable and what lies
//! below the mark is older than what lies above it (in-place writes —
//! `set_tuple_element` on a fresh tuple, binary appends, match positions —
//! store older terms or raw words only). `copier` also promotes whatever an
//! old object points at, so a collection never creates such a pointer. A
//! *major* collection (every `fullsweep_after` minor ones, when the old
//! heap has no room for what is to be promoted, `garbage_collect/0`,
//! hibernation, purging literals) copies young and old data into one new
//! young block and frees the old heap.
//!
//! From-space is the young heap plus every heap fragment (plus the old heap
//! in a major collection); pointers anywhere else (the literal area in
//! particular) are left alone. Messages still in
//! the queue are not part of a collection at all: each one lives in its own
//! fragment (or is an immediate) until `remove_message` takes it, and
//! nothing points into a queued message from the heap, so a process with
//! 500,000 queued messages collects as fast as one with none. A moved
//! object is marked in place: a boxed object's header is
//! overwritten with the boxed pointer to its copy (a real header never has
//! the boxed primary tag), a cons cell's head becomes `NON_VALUE` and its
//! tail the list pointer to its copy. So shared subterms stay shared.
//!
//! Sizing: block sizes follow BEAM's table (Fibonacci-like from 233 words,
//! then 20% steps), never below the process's `min_heap_size`. The new
//! young block is the smallest size holding the worst case (young heap +
//! fragments + stack + `need`, plus the old heap in a major collection);
//! when the live data then fills little of it (a quarter after a major
//! collection, an eighth after a minor one), the block is cut in place
//! (`shrink`). An old heap is created at the first promotion, as large as
//! the young heap's used part.

pub mod copier;
pub mod copy;
pub mod copy_shared;
mod shrink;
pub mod stats;
pub mod sysmon;

use crate::heap::ctx::Ctx;
use crate::heap::process::Process;
use crate::term::{
    header_arity, header_subtag, Term, HDR_FUN, HDR_TUPLE, TAG_PRIMARY_BOXED, TAG_PRIMARY_MASK,
};

/// Smallest block size (BEAM's default heap size).
pub const MIN_HEAP_WORDS: usize = crate::heap::process::DEFAULT_HEAP_WORDS;
/// Blocks smaller than this are never shrunk right after a minor
/// collection.
const SHRINK_FLOOR: usize = 4181;
/// BEAM's heap-size table: entries 0 and 1 are 12 and 38, each next one
/// is the sum of the two before plus one (a block header word) up to
/// entry 22 (833,026 words), then 20% more than the one before. Girder's
/// table starts at entry 5, 233 words (the default heap size), after 142.
const TABLE_FIB_ENTRIES: usize = 23;
const ENTRY_OF_MIN: usize = 5;
const ENTRY_BEFORE_MIN: usize = 142;

/// The smallest size in the heap-size table that is at least `n` words
/// (what `process_info` reports for heap sizes and `min_heap_size`).
pub fn next_heap_size(n: usize) -> usize {
    let (mut prev, mut cur) = (ENTRY_BEFORE_MIN, MIN_HEAP_WORDS);
    let mut i = ENTRY_OF_MIN;
    while cur < n {
        let next = if i + 1 < TABLE_FIB_ENTRIES {
            prev + cur + 1
        } else {
            cur.saturating_add(cur / 5)
        };
        (prev, cur) = (cur, next);
        i += 1;
    }
    cur
}

/// BEAM's whole heap-size table (`system_info(heap_sizes)`, `erts_init_gc`):
/// 12, 38, the Fibonacci-like entries up to entry 22, then 20% steps up to
/// 2^53 bytes in words; like BEAM, the table ends one entry before the
/// first size over that limit.
pub fn heap_sizes() -> Vec<usize> {
    const LIMIT: usize = (1 << 53) / 8;
    let mut v = vec![12, 38];
    while v.len() < TABLE_FIB_ENTRIES {
        let n = v.len();
        v.push(v[n - 1] + v[n - 2] + 1);
    }
    loop {
        let last = v[v.len() - 1];
        let next = last + last / 5;
        if next > LIMIT {
            v.pop();
            break;
        }
        v.push(next);
    }
    v
}

/// `next_heap_size` over BEAM's whole table, its first five entries (12,
/// 38, 51, 90, 142) included: what `system_flag(min_bin_vheap_size, N)`
/// rounds to.
pub fn next_heap_size_any(n: usize) -> usize {
    const SMALL: [usize; 5] = [12, 38, 51, 90, ENTRY_BEFORE_MIN];
    SMALL
        .iter()
        .copied()
        .find(|&s| s >= n)
        .unwrap_or_else(|| next_heap_size(n))
}

/// A process's `min_bin_vheap_size` for a requested `n` words
/// (`process_flag`, `spawn_opt`): never below the system-wide minimum,
/// else rounded up to a heap size.
pub fn min_bin_vheap_for(n: usize) -> u64 {
    let floor = crate::heap::vheap::min_bin_vheap();
    if (n as u64) < floor {
        floor
    } else {
        next_heap_size_any(n) as u64
    }
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

pub use copier::LitCopy;
use copier::{Copier, FromSpace};

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

/// What a copying pass collects.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Kind {
    /// The young heap and fragments; what survived the previous collection
    /// (below the high-water mark) moves to the old heap, which is not
    /// scanned.
    Minor,
    /// Young heap, old heap and fragments, all into the new young block;
    /// the old heap is freed (BEAM's fullsweep).
    Major,
    /// The young heap into a new block, promoting nothing: the second,
    /// resizing copy right after a collection.
    Compact,
}

/// Allocates a to-space block of `words` words. It is not zeroed: the
/// copy fills the heap part and the stack part is copied whole, and nothing
/// reads the free space between them.
fn new_block(words: usize) -> crate::heap::process::HeapBlock {
    crate::heap::process::HeapBlock::uninit(words)
}

/// Releases the off-heap counts of the objects in `list` that a pass of
/// `kind` collected and left behind (a moved object's header is its
/// forwarding pointer; its copy is on the new list). A minor or compacting
/// pass does not touch the old heap: its objects stay listed.
/// # Safety
/// `list` holds objects of `p` (young, old or fragments), all still mapped.
unsafe fn sweep_off_heap(p: &Process, kind: Kind, list: Vec<*mut u64>, keep: &mut Vec<*mut u64>) {
    for o in list {
        if kind != Kind::Major && p.in_old_heap(o as usize) {
            keep.push(o);
            continue;
        }
        let h = *o;
        if h & TAG_PRIMARY_MASK != TAG_PRIMARY_BOXED {
            crate::data::binary::layout::release_owned(o, h);
        }
    }
}

/// One copying pass of kind `kind` over process `p` (heap top `hp`, stack
/// pointer `sp`) into a fresh young block of `size` words. Installs the
/// new block (the high-water mark at its heap top), frees the heap
/// fragments (and the old heap after a major pass), and returns the new
/// `(hp, sp)`, whether promotion overflowed (see `copier`) and the refc
/// binary words it copied.
/// # Safety
/// `hp`/`sp` must delimit the process's heap and stack in `p.block`; every
/// root must be a valid term (or a catch tag / continuation address on the
/// stack); `size` must be at least heap + fragments + stack words (+ old
/// heap words for a major pass); a minor pass needs room in the old heap
/// for everything below the high-water mark.
unsafe fn copy_pass<const LIT: bool>(
    p: &mut Process,
    extra: &mut ExtraRoots<'_>,
    hp: *mut u64,
    sp: *mut u64,
    size: usize,
    lit: Option<&mut LitCopy>,
    kind: Kind,
) -> (*mut u64, *mut u64, bool, BinWords) {
    let stack_words = (p.stack_top() as usize - sp as usize) / 8;
    let mut frags: Vec<(usize, usize)> = Vec::with_capacity(p.frags.len() + 1);
    for f in &p.frags {
        let a = f.words.as_ptr() as usize;
        frags.push((a, a + f.used * 8));
    }
    let (mut ohp, mut olimit) = (std::ptr::null_mut::<u64>(), std::ptr::null_mut::<u64>());
    if let Some(old) = &p.old_heap {
        if kind == Kind::Major {
            frags.push((old.as_ptr() as usize, p.old_hp as usize));
        } else {
            ohp = p.old_hp;
            olimit = old.as_mut_ptr().add(old.len());
        }
    }
    frags.sort_unstable();
    let heap_lo = p.heap_start() as usize;
    let promote_len = if kind == Kind::Minor && !ohp.is_null() {
        (p.hwm as usize).clamp(heap_lo, hp as usize) - heap_lo
    } else {
        0
    };

    let block = new_block(size);
    let start = block.as_mut_ptr();
    let new_top = start.add(size);
    let new_sp = new_top.sub(stack_words);
    // The stack moves verbatim; its pointer words are updated below.
    std::ptr::copy_nonoverlapping(sp, new_sp, stack_words);

    let old_scan = ohp;
    let mut c = Copier::<LIT> {
        hp: start,
        limit: new_sp,
        from: FromSpace {
            heap: (heap_lo, hp as usize),
            frags,
        },
        promote_lo: heap_lo,
        promote_len,
        ohp,
        olimit,
        copied: 0,
        promoted: 0,
        overflow: false,
        bins: Vec::new(),
        lit,
    };

    // Roots. Stack words: catch tags are immediates and continuation
    // addresses look like header words, so only list/boxed words move.
    for i in 0..stack_words {
        let slot = new_sp.add(i);
        if copier::is_pointer(*slot) {
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

    c.scan_all(start, old_scan);
    // Refc binaries left behind are dead: drop their buffer references
    // (from-space is still mapped here).
    let mut kept = Vec::new();
    let old_list = std::mem::take(&mut p.off_heap);
    sweep_off_heap(p, kind, old_list, &mut kept);
    // The binary virtual heap's use: the copied refc binaries, young or
    // promoted (`c.ohp` is the old heap's new top).
    let (olo, ohi) = (old_scan as usize, c.ohp as usize);
    let mut bin = BinWords::default();
    for &o in &c.bins {
        if *o == BIN_HEADER {
            let words = *o.add(1) / 8;
            if (o as usize) >= olo && (o as usize) < ohi {
                bin.promoted += words;
            } else {
                bin.young += words;
            }
        }
    }
    kept.append(&mut c.bins);
    p.off_heap = kept;

    crate::heap::process::recycle_fragments(&mut p.frags);
    if kind == Kind::Major {
        p.old_heap = None;
        p.old_hp = std::ptr::null_mut();
    } else if !c.ohp.is_null() {
        p.old_hp = c.ohp;
    }
    p.block = block;
    p.hp = c.hp;
    p.sp = new_sp;
    p.hwm = c.hp;
    (c.hp, new_sp, c.overflow, bin)
}

/// Words of refc binaries (each `size / 8`, as BEAM counts them) a pass
/// copied into the young block and promoted to the old heap.
#[derive(Default, Clone, Copy)]
struct BinWords {
    young: u64,
    promoted: u64,
}

/// The header word of a ProcBin.
const BIN_HEADER: u64 = crate::term::make_header(
    crate::data::binary::layout::PROC_BIN_WORDS - 1,
    crate::term::HDR_REFC_BIN,
);

/// Collects process `p` whose heap top and stack pointer are `hp`/`sp`;
/// afterwards at least `need` words are free. Minor unless `major`, the
/// process's `fullsweep_after` count is reached, or the old heap lacks room
/// for what would be promoted. Returns the new `(hp, sp)`, and whether the
/// collection went over the process's `max_heap_size` with `kill` set (a
/// kill is then pending: `heap/max_heap.rs`).
/// # Safety
/// See `copy_pass`.
unsafe fn collect_inner(
    p: &mut Process,
    extra: ExtraRoots<'_>,
    hp: *mut u64,
    sp: *mut u64,
    need: usize,
    major: bool,
) -> (*mut u64, *mut u64, bool) {
    if sysmon::active() {
        // The system monitor wants long or large collections reported.
        let start = std::time::Instant::now();
        let r = collect_inner_lit::<false>(p, extra, hp, sp, need, None, major);
        sysmon::after_gc(p, start, r.0, r.1);
        return r;
    }
    collect_inner_lit::<false>(p, extra, hp, sp, need, None, major)
}

/// `collect_inner`, copying out of `lit`'s ranges too when `LIT` (up to
/// `lit_words` words of them; always a major collection). The flag says
/// the process went over its `max_heap_size` while collecting.
unsafe fn collect_inner_lit<const LIT: bool>(
    p: &mut Process,
    mut extra: ExtraRoots<'_>,
    hp: *mut u64,
    sp: *mut u64,
    need: usize,
    mut lit: Option<(&mut LitCopy, usize)>,
    major: bool,
) -> (*mut u64, *mut u64, bool) {
    let heap_lo = p.heap_start() as usize;
    let heap_used = (hp as usize - heap_lo) / 8;
    let stack_words = (p.stack_top() as usize - sp as usize) / 8;
    let lit_words = lit.as_ref().map_or(0, |l| l.1);
    let frag_before = p.frag_words();
    // Words that survived the previous collection: a minor one promotes them.
    let mature = ((p.hwm as usize).clamp(heap_lo, hp as usize) - heap_lo) / 8;
    let old_free = p.old_size() - p.old_used();
    let forced = LIT || major || p.minor_gcs >= p.fullsweep_after;
    // A minor collection that BEAM starts and gives up on: the old heap
    // has no room for what is to be promoted, there is nothing to promote
    // and no old heap yet (which makes the first collection of a process
    // a major one, sizing the old generation's binary budget), or the old
    // generation's binaries reached their budget.
    let gives_up = (p.old_heap.is_some() && old_free < mature)
        || (p.old_heap.is_none() && mature == 0)
        || p.old_vheap_full();
    let major = forced || gives_up;
    let kind = if major { Kind::Major } else { Kind::Minor };
    let traced = !LIT && crate::heap::trace_flags::has(p, crate::heap::trace_flags::GC);
    if traced {
        if !forced && gives_up {
            // BEAM traces the minor attempt, reclaiming nothing.
            gc_trace(p, hp, sp, true, false, need);
            gc_trace(p, hp, sp, false, false, 0);
        }
        gc_trace(p, hp, sp, true, major, need);
    }
    let old_before = if major { p.old_used() } else { 0 };
    let worst = heap_used + frag_before + stack_words + need + lit_words + old_before;
    let size = next_heap_size(worst.max(p.min_heap));
    // A first promotion creates the old heap, as large as the young heap's
    // used part (BEAM's sizing; room for twice the promotion only saved
    // peak memory at the price of more major collections, and
    // `garbage_collect(P, [{type, minor}])` then promoted less than erl).
    let new_old = if !major && p.old_heap.is_none() && mature > 0 {
        next_heap_size(heap_used)
    } else {
        0
    };
    // What exists while copying: the old blocks and fragments, the new ones,
    // and (BEAM: on-heap messages are heap data) the queued messages.
    let over = p.max_heap.size != 0 && {
        let queued = crate::heap::max_heap::queued_words(p);
        let total = p.block.len() + p.old_size() + p.frag_words() + size + new_old + queued;
        crate::heap::max_heap::over_limit(p, total)
    };
    if new_old > 0 {
        let b = crate::heap::process::HeapBlock::uninit(new_old);
        p.old_hp = b.as_mut_ptr();
        p.old_heap = Some(b);
    }
    let promoted_before = p.old_used();
    let (hp, sp, overflow, bin) = copy_pass::<LIT>(
        p,
        &mut extra,
        hp,
        sp,
        size,
        lit.as_mut().map(|l| &mut *l.0),
        kind,
    );
    p.vheap_after_gc(bin.young, bin.promoted, major);
    if major {
        p.minor_gcs = 0;
    } else {
        p.minor_gcs = p.minor_gcs.saturating_add(1);
    }
    // Every fragment was folded in.
    p.msg_frag_words = 0;
    let live = (hp as usize - p.heap_start() as usize) / 8;
    stats::record(
        heap_used + frag_before + old_before,
        live + p.old_used() - promoted_before.min(p.old_used()),
    );
    let reclaimed = (heap_used + frag_before + old_before)
        .saturating_sub(live + p.old_used() - promoted_before.min(p.old_used()));
    if overflow {
        if traced {
            gc_trace(p, hp, sp, false, major, reclaimed);
        }
        // An old object points at a young one: fold everything together.
        return collect_inner(p, extra, hp, sp, need, true);
    }

    // Shrink when mostly empty: the to-space was sized for the worst case
    // (everything live, plus `need`), so without this a block only grows.
    // After a major collection, BEAM's rule: less than a quarter used, cut
    // to twice what it holds. After a minor one, only blocks of 4181 words
    // or more that are less than an eighth used, cut to four times what
    // they hold: BEAM's minor rule (a quarter, to three times, from 3000
    // words) makes more, smaller collections (b_lists: 8% more CPU time,
    // and no less peak memory), and a small, mostly-garbage heap that
    // keeps growing a little collects less often (nrev-style code
    // allocates fast and keeps little). The cut is in place
    // (`shrink.rs`), no second copy.
    let required = live + stack_words + need;
    let (wanted, shrink) = if major {
        (
            required.saturating_mul(2),
            required.saturating_mul(4) < size,
        )
    } else {
        (
            required.saturating_mul(4),
            size >= SHRINK_FLOOR && required.saturating_mul(8) < size,
        )
    };
    let wanted = next_heap_size(wanted.max(p.min_heap));
    if shrink && wanted < size {
        let (hp, sp) = shrink::shrink_in_place(p, &mut extra, hp, sp, wanted);
        if traced {
            gc_trace(p, hp, sp, false, major, reclaimed);
        }
        return (hp, sp, over);
    }
    if traced {
        gc_trace(p, hp, sp, false, major, reclaimed);
    }
    (hp, sp, over)
}

/// Reports a collection's start or end to tracing (`garbage_collection`
/// flag; out of line: only traced processes get here).
#[cold]
fn gc_trace(p: &Process, hp: *mut u64, sp: *mut u64, start: bool, major: bool, words: usize) {
    if let Some(h) = crate::heap::trace_flags::GC_HOOK.get() {
        h(p, hp, sp, start, major, words);
    }
}

/// Collects the running process of `ctx` (a minor collection unless a
/// major one is due). Roots: `ctx.x[..live]`, the
/// stack, the exception registers (`exc_reason`, `exc_trace`, `exc_top`,
/// `exc_prebuilt`), the dictionary and the exit reason (queued messages
/// are not collected: see the module comment).
/// Not roots: `bif_args` and `scratch` (BIFs never collect, and generated
/// code must not hold terms there across a `rt_gc` call). Reads and writes `ctx.hp`/`ctx.sp`; afterwards
/// `sp - hp >= need` words.
pub fn collect(ctx: &mut Ctx, need: usize, live: usize) {
    collect_kind(ctx, need, live, false)
}

/// `collect`, always a major collection (`erlang:garbage_collect/0`).
pub fn collect_major(ctx: &mut Ctx, need: usize, live: usize) {
    collect_kind(ctx, need, live, true)
}

fn collect_kind(ctx: &mut Ctx, need: usize, live: usize, major: bool) {
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
        let (hp, sp, over) = collect_inner(p, extra, ctx.hp, ctx.sp, need, major);
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
/// `0..live` as roots): a major collection (no old heap is left), then one
/// more copy into a block of exactly the live words, the stack and BEAM's
/// 3 reserved words (so `process_info(P, heap_size)` answers what erl
/// answers: live + 4 with the one-word stack). The first allocation after
/// waking collects again, promoting the live data.
pub fn collect_hibernate(ctx: &mut Ctx, live: usize) {
    collect_major(ctx, 0, live);
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
        let (hp, sp, _, _) = copy_pass::<false>(
            p,
            &mut extra,
            ctx.hp,
            ctx.sp,
            used + stack + 3,
            None,
            Kind::Compact,
        );
        ctx.hp = hp;
        ctx.sp = sp;
    }
}

/// Collects a process that is not running (roots in `p.saved_x`, heap top
/// and stack pointer in `p.hp`/`p.sp`); afterwards `sp - hp >= need`.
pub fn collect_process(p: &mut Process, need: usize) {
    collect_process_kind(p, need, false)
}

/// `collect_process`, a major collection when `major`.
pub fn collect_process_kind(p: &mut Process, need: usize, major: bool) {
    // SAFETY: a process that is not running owns `hp`/`sp`, and its saved
    // X registers hold valid terms.
    unsafe {
        let (hp, sp) = (p.hp, p.sp);
        collect_inner(p, ExtraRoots::Suspended, hp, sp, need, major);
        // (A pending kill from going over `max_heap_size` is handled when
        // the process is next scheduled.)
    }
}

/// Collects a process that is not running, copying every term it uses out
/// of `lit`'s ranges (at most `lit_words` words) onto its heap, so that
/// they can be freed (`proc::purge`). A major collection: the old heap may
/// point into the ranges too.
pub fn collect_process_literals(p: &mut Process, lit: &mut LitCopy, lit_words: usize) {
    // Forwarding is per process: copies belong to one heap.
    lit.fwd.clear();
    // SAFETY: as `collect_process`; the ranges hold valid literal terms.
    unsafe {
        let (hp, sp) = (p.hp, p.sp);
        collect_inner_lit::<true>(
            p,
            ExtraRoots::Suspended,
            hp,
            sp,
            0,
            Some((lit, lit_words)),
            true,
        );
    }
}

#[cfg(test)]
#[path = "gc_tests.rs"]
pub(crate) mod tests;

#[cfg(test)]
#[path = "gen_tests.rs"]
mod gen_tests;

#[cfg(test)]
#[path = "vheap_tests.rs"]
mod vheap_tests;

#[cfg(test)]
#[path = "shrink_tests.rs"]
mod shrink_tests;

#[cfg(test)]
mod heap_sizes_tests {
    #[test]
    fn beams_table() {
        let t = super::heap_sizes();
        // BEAM 25 on a 64-bit machine: 137 sizes, the last 885767171276247.
        assert_eq!(t.len(), 137);
        assert_eq!(&t[..7], &[12, 38, 51, 90, 142, 233, 376]);
        assert_eq!(t[t.len() - 1], 885_767_171_276_247);
        // `next_heap_size` walks the same table from the minimum.
        assert!(t.contains(&super::next_heap_size(100_000)));
    }
}
