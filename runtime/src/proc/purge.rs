//! Purging module versions: what BEAM's code purger and literal area
//! collector do, for the one scheduler Girder runs.
//!
//! A version leaves the module table (`module::take_old`, or displaced by
//! a load) and is *retired*: its fun entries that still point at its code
//! are set to 0 at once (calling such a fun raises `badfun`, as in BEAM
//! once its code is purged), and it waits in `PENDING`. It is freed at the
//! next point where no process is running (`after_slice`, called by the
//! scheduler between time slices), in three steps:
//! 1. every process whose resume address, stack continuations or catch
//!    tags lie in the version's code is killed (`exit(Pid, kill)`): it
//!    dies when next scheduled, before running anything;
//! 2. every process that may point into the version's literal chunk (a
//!    conservative scan of its heap, fragments, stack and roots) is
//!    collected with that chunk counted as from-space
//!    (`gc::collect_process_literals`): the terms it uses are copied onto
//!    its heap (a literal ProcBin's copy takes its own buffer reference);
//! 3. the code memory, the literal chunk (and the buffer references of its
//!    ProcBins) and the location ids are freed (`module::free`).
//!
//! Messages and spawn arguments share literals, as in BEAM (`gc::copy`):
//! step 2 also replaces the queued messages (received or in the inbox)
//! that may point into the chunk by flat copies. Nothing else points into
//! a chunk: ETS tables and timers hold flat copies. Export and fun
//! entries are never freed.
//!
//! Other literal areas are retired the same way (`retire_area`): a
//! persistent term's, when it is replaced or erased. They go through
//! step 2 (only for the processes marked `reads_areas`, which read
//! persistent terms or were given shared literals: nothing else can point
//! into them) and then their `free` runs. As the scan
//! costs in proportion to those processes' heaps, areas are batched:
//! freed at the end of a slice once they add up to `AREA_BATCH_WORDS`,
//! or when nothing else is runnable, or after a delay of ten times what
//! the last batch took (at least 1 ms), so that a loop of replacements
//! spends about a tenth of its time at most on the scans.
//!
//! `code:purge/1` and `erlang:purge_module/1` kill the other processes
//! running the old code at once (so the caller sees them dead, as with
//! BEAM's purger, which waits for them); the caller itself is checked at
//! the end of its slice. With more than one scheduler nothing would
//! guarantee that no process runs: freeing then waits (see `after_slice`).

use crate::code::module::{ModuleInfo, Version};
use crate::gc::LitCopy;
use crate::heap::ctx::Ctx;
use crate::heap::process::{pstate, Message, Process, Signal};
use crate::proc::ptable::{self, ProcRef};
use crate::term::atom::am;
use crate::term::{make_header, Term, HDR_TUPLE, TAG_PRIMARY_BOXED, TAG_PRIMARY_LIST};
use crate::term::{TAG_PRIMARY_HEADER, TAG_PRIMARY_MASK};
use std::sync::atomic::{AtomicBool, AtomicU64, AtomicUsize, Ordering};
use std::sync::Mutex;

struct Retired {
    version: Version,
    /// Who purged it (the `From` of the kill signals).
    by: Term,
}

static PENDING: Mutex<Vec<Retired>> = Mutex::new(Vec::new());
static HAS_PENDING: AtomicBool = AtomicBool::new(false);

/// A literal area that is not a module version's (a persistent term's):
/// its address ranges, its size in words, and what frees it.
struct RetiredArea {
    ranges: Vec<(usize, usize)>,
    words: usize,
    free: Box<dyn FnOnce() + Send>,
}

/// Retired area words that make the next slice end free them (and
/// `persistent_term` make its caller yield to get there).
pub const AREA_BATCH_WORDS: usize = 1 << 16;

static AREAS: Mutex<Vec<RetiredArea>> = Mutex::new(Vec::new());
/// Words of the areas in `AREAS`.
static AREA_WORDS: AtomicUsize = AtomicUsize::new(0);
/// When the first area of the batch was retired, and how long the last
/// batch took to free (monotonic ns).
static AREA_SINCE: AtomicU64 = AtomicU64::new(0);
static AREA_COST: AtomicU64 = AtomicU64::new(0);

/// True if a retired version waits to be freed (the scheduler's check
/// after every slice: one load).
#[inline]
pub fn pending() -> bool {
    HAS_PENDING.load(Ordering::Relaxed)
}

/// Queues `info` (out of the module table) to be freed; funs that point
/// at its code stop doing so now.
pub fn retire(version: Version, by: Option<Term>) {
    let info = version.info();
    for fe in &info.funs {
        let a = fe.address();
        if info.owns_code(a) {
            // Only if still ours: a newer version may own the entry now.
            let _ = fe
                .addr
                .compare_exchange(a, 0, Ordering::AcqRel, Ordering::Acquire);
        }
    }
    let by = by.unwrap_or(am::UNDEFINED);
    PENDING
        .lock()
        .unwrap_or_else(|e| e.into_inner())
        .push(Retired { version, by });
    HAS_PENDING.store(true, Ordering::Release);
}

/// Queues a literal area (`words` words in `ranges`) to be freed by
/// `free` once every process that reads persistent terms has copied the
/// terms it uses out of it (as for a version's literal chunk), at the end
/// of a later time slice.
pub fn retire_area(ranges: Vec<(usize, usize)>, words: usize, free: Box<dyn FnOnce() + Send>) {
    let mut areas = AREAS.lock().unwrap_or_else(|e| e.into_inner());
    if areas.is_empty() {
        AREA_SINCE.store(crate::proc::timer::now_ns(), Ordering::Relaxed);
    }
    areas.push(RetiredArea {
        ranges,
        words,
        free,
    });
    AREA_WORDS.fetch_add(words, Ordering::Relaxed);
    HAS_PENDING.store(true, Ordering::Release);
}

/// Words of the retired areas waiting to be freed.
pub fn pending_area_words() -> usize {
    AREA_WORDS.load(Ordering::Relaxed)
}

/// Whether the retired areas are to be freed now (see the module doc).
fn areas_due() -> bool {
    if AREA_WORDS.load(Ordering::Relaxed) >= AREA_BATCH_WORDS
        || crate::proc::runq::rq()
            .m
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .queue
            .is_empty()
    {
        return true;
    }
    let waited = crate::proc::timer::now_ns().saturating_sub(AREA_SINCE.load(Ordering::Relaxed));
    waited >= (10 * AREA_COST.load(Ordering::Relaxed)).max(1_000_000)
}

/// Whether `p` (not running) executes code of `info`: its resume address,
/// a continuation or a catch tag on its stack.
pub fn runs_code(p: &Process, info: &ModuleInfo) -> bool {
    if info.owns_code(p.resume) {
        return true;
    }
    stack(p).iter().any(|&w| {
        let t = Term(w);
        (w & TAG_PRIMARY_MASK == TAG_PRIMARY_HEADER && info.owns_code(w as usize))
            || (t.is_catch() && info.owns_code(t.catch_addr()))
    })
}

fn stack(p: &Process) -> &[u64] {
    let n = (p.stack_top() as usize).saturating_sub(p.sp as usize) / 8;
    // SAFETY: `[sp, stack_top)` is the process's stack, inside its block.
    unsafe { std::slice::from_raw_parts(p.sp, n) }
}

/// Conservatively: may `p` point into `lit`? Every word of its heaps
/// (young and old), fragments, stack and roots that looks like a pointer is checked; raw
/// data that happens to look like one only costs a collection.
fn may_use(p: &Process, lit: &LitCopy) -> bool {
    let hit = |w: &u64| {
        let tag = w & TAG_PRIMARY_MASK;
        (tag == TAG_PRIMARY_LIST || tag == TAG_PRIMARY_BOXED) && lit.contains(*w as usize)
    };
    let heap_words = (p.hp as usize).saturating_sub(p.heap_start() as usize) / 8;
    // SAFETY: `[heap_start, hp)` is the process's heap, inside its block.
    let heap = unsafe { std::slice::from_raw_parts(p.heap_start(), heap_words) };
    let old = match &p.old_heap {
        // SAFETY: `[old start, old_hp)` is the used part of the old heap.
        Some(b) => unsafe { std::slice::from_raw_parts(b.as_ptr(), p.old_used()) },
        None => &[],
    };
    heap.iter().any(hit)
        || old.iter().any(hit)
        || stack(p).iter().any(hit)
        || p.frags.iter().any(|f| f.words[..f.used].iter().any(hit))
        || p.msgq.iter().any(|m| message_hits(m, &hit))
        || p.inbox
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .iter()
            .any(|m| message_hits(m, &hit))
        || p.saved_x.iter().any(|t| hit(&t.raw()))
        || p.dict.iter().any(|(k, v)| hit(&k.raw()) || hit(&v.raw()))
        || hit(&p.exit_reason.raw())
}

/// Whether queued message `m` may point into the ranges `hit` tests: its
/// term, or a word of its fragment (messages share literals, `gc::copy`).
fn message_hits(m: &Message, hit: &impl Fn(&u64) -> bool) -> bool {
    hit(&m.term.raw()) || m.frag.as_ref().is_some_and(|f| f.iter().any(hit))
}

/// Replaces every queued message of `p` (received or still in its inbox)
/// that may point into `lit` by a flat copy, which holds the literal
/// parts itself (BEAM's literal area collector does the same to message
/// queues).
fn unshare_queued(p: &mut Process, lit: &LitCopy) {
    let hit = |w: &u64| {
        let tag = w & TAG_PRIMARY_MASK;
        (tag == TAG_PRIMARY_LIST || tag == TAG_PRIMARY_BOXED) && lit.contains(*w as usize)
    };
    let fix = |m: &mut Message| {
        if message_hits(m, &hit) {
            let flat = crate::gc::copy::flat_message(m);
            crate::gc::copy::release_message(std::mem::replace(m, flat));
        }
    };
    p.msgq.iter_mut().for_each(fix);
    let mut inbox = p.inbox.lock().unwrap_or_else(|e| e.into_inner());
    inbox.iter_mut().for_each(fix);
}

/// Sends `exit(Pid, kill)` from `from`.
fn kill(r: &ProcRef, from: Term) {
    let frag = vec![
        make_header(3, HDR_TUPLE),
        am::EXIT_UPPER.raw(),
        from.raw(),
        am::KILL.raw(),
    ];
    let term = Term::boxed_from_ptr(frag.as_ptr() as *mut u64);
    let msg = Message {
        term,
        frag: Some(frag),
        token: crate::term::atom::am::UNDEFINED,
    };
    crate::proc::signal::deliver_signal(
        r,
        Signal::Exit {
            from,
            msg,
            linked: false,
        },
    );
}

/// Processes other than the caller's that are alive and not running.
fn others(me: Option<Term>) -> Vec<ProcRef> {
    ptable::all_pids()
        .into_iter()
        .filter(|&p| Some(p) != me)
        .filter_map(ptable::lookup)
        .filter(|r| {
            let s = r.state().load(Ordering::SeqCst);
            s != pstate::EXITED && s != pstate::RUNNING
        })
        .collect()
}

/// `code:purge/1`, `erlang:purge_module/1`: kills every other process
/// running `info`'s code and retires it. True if a process was killed.
pub fn purge(ctx: &mut Ctx, version: Version) -> bool {
    let info = version.info();
    // SAFETY: BIFs run with a process bound to `ctx`.
    let me = unsafe { ctx.process().pid };
    let mut killed = false;
    for r in others(Some(me)) {
        // SAFETY: the process is not running and only this (the single)
        // scheduler could run it; reads only.
        let runs = unsafe { runs_code(&*r.ptr(), info) };
        if runs && !crate::proc::signal::doomed(&r) {
            kill(&r, me);
            killed = true;
        }
    }
    retire(version, Some(me));
    // Yield soon, so that the version is freed right after this slice
    // instead of piling up in a loop of loads and purges.
    ctx.reds = ctx.reds.min(1);
    killed
}

/// `code:soft_purge/1`: whether some process (the caller included) runs
/// `info`'s code.
pub fn in_use(ctx: &mut Ctx, info: &ModuleInfo) -> bool {
    // SAFETY: as in `purge`.
    caller_runs_code(ctx, info)
        || others(unsafe { Some(ctx.process().pid) })
            .iter()
            .any(|r| unsafe { runs_code(&*r.ptr(), info) })
}

/// Whether the process running the current BIF has continuations or
/// catch tags of `info`'s code on its stack.
pub fn caller_runs_code(ctx: &mut Ctx, info: &ModuleInfo) -> bool {
    // SAFETY: BIFs run with a process bound to `ctx`; its `sp` is current
    // in the context, its resume address is not (it is running): only the
    // stack is checked.
    unsafe {
        let p = ctx.process();
        let n = (p.stack_top() as usize).saturating_sub(ctx.sp as usize) / 8;
        let st = std::slice::from_raw_parts(ctx.sp, n);
        st.iter().any(|&w| {
            (w & TAG_PRIMARY_MASK == TAG_PRIMARY_HEADER && info.owns_code(w as usize))
                || (Term(w).is_catch() && info.owns_code(Term(w).catch_addr()))
        })
    }
}

/// Frees the retired versions. Called by the scheduler after a slice, when
/// `running` processes (this scheduler's included) are 0.
pub fn after_slice(running: usize) {
    if running != 0 {
        return; // another scheduler runs a process: try again later
    }
    let retired = std::mem::take(&mut *PENDING.lock().unwrap_or_else(|e| e.into_inner()));
    // Versions are freed at once; areas wait for company (unless a
    // version's scan is done anyway).
    if retired.is_empty() && !areas_due() {
        return;
    }
    let t0 = crate::proc::timer::now_ns();
    let areas = std::mem::take(&mut *AREAS.lock().unwrap_or_else(|e| e.into_inner()));
    AREA_WORDS.store(0, Ordering::Relaxed);
    HAS_PENDING.store(false, Ordering::Release);
    if retired.is_empty() && areas.is_empty() {
        return;
    }
    let procs = others(None);
    let mut lit = LitCopy::default();
    let mut lit_words = 0;
    for v in &retired {
        for r in &procs {
            // SAFETY: no process is running (`running == 0`, one
            // scheduler): this thread may act as every process's owner.
            let runs = unsafe { runs_code(&*r.ptr(), v.version.info()) };
            if runs && !crate::proc::signal::doomed(r) {
                kill(r, v.by);
            }
        }
        if let Some(c) = &v.version.info().literals {
            lit.ranges.extend_from_slice(c.ranges());
            lit_words += c.words();
        }
    }
    for a in &areas {
        lit.ranges.extend_from_slice(&a.ranges);
        lit_words += a.words;
    }
    lit.sort();
    // Module literals can be anywhere; an area's terms only in processes
    // that read persistent terms.
    let all = !retired.is_empty();
    if !lit.ranges.is_empty() {
        for r in &procs {
            // SAFETY: as above.
            let p = unsafe { &mut *r.ptr() };
            if (all || p.reads_areas.load(Ordering::Relaxed)) && may_use(p, &lit) {
                crate::gc::collect_process_literals(p, &mut lit, lit_words);
                unshare_queued(p, &lit);
            }
        }
    }
    for v in retired {
        // SAFETY: out of the module table; no process runs its code (the
        // ones that did die before running again); no process points into
        // its literals (just copied out); nothing else ever does. The
        // literal ProcBins' buffer references are the version's to drop.
        unsafe {
            let bufs = crate::code::module::free(v.version);
            crate::data::binary::layout::BinBuf::release_all(&bufs);
        }
    }
    // No process points into the areas either (just copied out).
    if !areas.is_empty() {
        for a in areas {
            (a.free)();
        }
        let cost = crate::proc::timer::now_ns().saturating_sub(t0);
        AREA_COST.store(cost, Ordering::Relaxed);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::data::binary::layout::{proc_bin_buf, BinBuf};
    use crate::gc::tests::{R, TP};
    use crate::{data::literal_build, term::literal};
    use girder_loader::ETerm;

    #[test]
    #[cfg_attr(miri, ignore = "the literal area reserves 16 GB of address space")]
    fn literals_copied_out_of_a_chunk_survive_its_free() {
        let e = ETerm::Tuple(vec![
            ETerm::Binary(vec![7u8; 100]),
            ETerm::List(vec![ETerm::Int(1), ETerm::Float(2.5)], Box::new(ETerm::Nil)),
            ETerm::Binary(b"small".to_vec()),
            ETerm::BitBinary {
                bytes: vec![0xA0],
                last_bits: 3,
            },
        ]);
        let reference = literal_build::from_eterm(&e).unwrap();
        let scope = literal::begin_chunk();
        let lit = literal_build::from_eterm(&e).unwrap();
        let chunk = scope.finish();
        assert!(chunk.contains(lit.boxed_ptr() as usize));
        // SAFETY: element 0 is the literal ProcBin.
        let buf = unsafe { proc_bin_buf(lit.tuple_elem(0)) };
        let mut tp = TP::new(233);
        let holder = tp.build(&R::Tuple(vec![R::Nil]));
        // SAFETY: a 1-tuple.
        unsafe { *holder.boxed_ptr().add(1) = lit.raw() };
        let (hp, sp) = (tp.ctx.hp, tp.ctx.sp);
        let p = tp.pm();
        // Suspended: the roots are the saved X registers.
        p.hp = hp;
        p.sp = sp;
        p.saved_x = vec![lit, holder, lit];
        let mut lc = LitCopy::new(chunk.ranges().to_vec());
        assert!(may_use(p, &lc));
        crate::gc::collect_process_literals(p, &mut lc, chunk.words());
        let x0 = p.saved_x[0];
        assert!(!chunk.contains(x0.boxed_ptr() as usize));
        assert_eq!(x0, p.saved_x[2], "sharing kept");
        // SAFETY: saved_x[1] is the 1-tuple.
        assert_eq!(unsafe { p.saved_x[1].tuple_elem(0) }, x0);
        assert!(!may_use(p, &lc));
        // SAFETY: the buffer is live (the literal and the copy hold it).
        assert_eq!(unsafe { BinBuf::refs(buf) }, 2);
        // SAFETY: nothing points into the chunk any more.
        unsafe { BinBuf::release_all(&chunk.free()) };
        // SAFETY: the copy still holds the buffer.
        assert_eq!(unsafe { BinBuf::refs(buf) }, 1);
        assert!(crate::data::compare::eq_exact(x0, reference));
    }
}
