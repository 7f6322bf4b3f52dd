//! A process: its heap-and-stack block, message queues and bookkeeping.
//!
//! The block is one allocation: the heap grows up from `heap_start`, the
//! Erlang stack grows down from `stack_top`, and the free space is
//! `sp - hp`. Generated code keeps `sp` and `hp` in registers and writes
//! them back to the context (`Ctx::sp`, `Ctx::hp`) around runtime calls.

use crate::term::Term;
use std::collections::VecDeque;
use std::sync::atomic::{AtomicBool, AtomicU64, AtomicU8, Ordering};
use std::sync::Mutex;

/// Default block size in words (BEAM's default heap size).
pub const DEFAULT_HEAP_WORDS: usize = 233;

/// BEAM's default `fullsweep_after`.
pub const DEFAULT_FULLSWEEP_AFTER: u32 = 65535;

/// Scheduling states.
pub mod pstate {
    pub const RUNNABLE: u8 = 0;
    pub const RUNNING: u8 = 1;
    pub const WAITING: u8 = 2;
    pub const EXITED: u8 = 3;
}

/// Memory blocks are `Vec<u64>`, not `Box<[u64]>`: raw pointers into them
/// (hp, sp, terms) must stay valid when the owner moves, and a moved Box
/// asserts unique access.
/// A message: a term plus the heap fragment that holds it (none for
/// immediates). The GC copies fragments into the heap and frees them.
/// A queued message. Invariant the GC relies on: `term` is an immediate
/// (then `frag` may be `None`) or points only into `frag` and the literal
/// area, never into a process heap, so the GC leaves queued messages alone.
pub struct Message {
    pub term: Term,
    pub frag: Option<Vec<u64>>,
    /// The sequential trace token it carries, as BEAM's message token:
    /// the sender's pid (or `[]`) for a message a process sent without a
    /// token (receiving it clears the receiver's token), `undefined` or
    /// an atom naming the origin (`clock_service`) for messages from the
    /// system (timers, signals, ports: the receiver's token stays), or a
    /// `{Flags, Label, Serial, From, LastCnt}` tuple in `frag`
    /// (`proc::seq_trace`). It also gives the sender a `'receive'` trace
    /// pattern sees (`proc::tracing::sender_of`).
    pub token: Term,
}
// SAFETY: a message's term points only into its own fragment (or into the
// literal area), which moves with it.
unsafe impl Send for Message {}

/// A heap fragment: memory a BIF allocated when the heap was full.
pub struct Fragment {
    pub words: Vec<u64>,
    pub used: usize,
}

pub struct Process {
    pub pid: Term,
    /// The heap-and-stack block.
    pub block: HeapBlock,
    pub hp: *mut u64,
    pub sp: *mut u64,
    /// Entry address to continue at, and the X registers live there.
    pub resume: usize,
    /// After a yield at a function's entry (its reduction check): that
    /// function's location id with `ctx::TRACE_LOC_ENTRY`, else 0. An
    /// entry is no registered continuation, so `process_info`'s current
    /// function and location come from here then.
    pub yield_loc: u64,
    pub saved_x: Vec<Term>,
    pub state: AtomicU8,
    /// Messages sent to this process, not yet seen by `receive`.
    pub inbox: Mutex<VecDeque<Message>>,
    /// Messages `receive` has seen; `cursor` is the next one `loop_rec` looks at.
    pub msgq: VecDeque<Message>,
    pub cursor: usize,
    /// Heap fragments allocated since the last GC.
    pub frags: Vec<Fragment>,
    /// Process dictionary (key, value) pairs.
    pub dict: Vec<(Term, Term)>,
    /// Hash index over `dict` (see `pdict`); holds no terms.
    pub dict_index: DictIndex,
    /// `wait_timeout` state: deadline in ns of the monotonic clock, and
    /// whether it has passed.
    pub timer_deadline: Option<u64>,
    pub timed_out: bool,
    pub reductions: u64,
    pub exit_reason: Term,
    pub group_leader: Term,
    pub trap_exit: bool,
    pub links: Vec<Term>,
    /// Initial call, for error reports.
    pub initial: (Term, Term, u32),
    /// Signals other than messages (exit, link, unlink), each with the
    /// number of `inbox` messages sent before it, so that per-sender order
    /// is kept. Only locked while `inbox` is locked (see `signal.rs`).
    pub signals: Mutex<VecDeque<(usize, Signal)>>,
    /// True while `signals` is non-empty; read without locking.
    pub has_signals: AtomicBool,
    /// Sequence number of the armed `wait_timeout` timer (`timer.rs`);
    /// meaningful while `timer_deadline` is set.
    pub timer_seq: u64,
    /// Receive markers (`recv_marker_*`, see `native/recv.rs`).
    pub recv_markers: Vec<RecvMarker>,
    /// Why the first time slice cannot enter code (see `spawn.rs`).
    pub start_error: StartError,
    /// Set by `exit(self(), Reason)`: the exception being raised must not
    /// be caught; the unwinder goes straight to the EXIT stub.
    pub uncatchable: bool,
    /// `process_flag(scheduler, N)`: the scheduler the process is bound to
    /// (0: unbound). One scheduler runs, so it only answers the flag.
    pub bound_scheduler: u32,
    /// `message_queue_data`, `sensitive`, `priority`, `error_handler`.
    pub pflags: crate::heap::pflags::PFlags,
    /// The refc binaries (ProcBins) on this process's heap and heap
    /// fragments, each owning a buffer reference (`binary::layout`).
    pub off_heap: Vec<*mut u64>,
    /// In `erlang:hibernate/3` until the next time slice (`process_info`
    /// shows `{erlang, hibernate, 3}` as its current function).
    pub hibernated: bool,
    /// `max_heap_size` (`heap/max_heap.rs`).
    pub max_heap: crate::heap::max_heap::MaxHeap,
    /// Set when the process reads a persistent term or is given a message
    /// or spawn argument that shares literals (`gc::copy`): only such
    /// processes can point into a literal area that is freed on its own
    /// (`proc::purge::retire_area`; everything else copies terms). Atomic:
    /// a sender sets it on the receiver.
    pub reads_areas: AtomicBool,
    /// Words of received messages' fragments adopted since the last
    /// collection (the scheduler collects a waiting process when they
    /// grow well beyond its heap; O(1), unlike summing `frags`).
    pub msg_frag_words: usize,
    /// The old generation (`gc`): objects that survived two collections
    /// are promoted here by minor collections, which never scan it (old
    /// objects never point at young ones); `old_hp` is its allocation top.
    /// A major collection folds it back into the young heap.
    pub old_heap: Option<HeapBlock>,
    pub old_hp: *mut u64,
    /// High-water mark: heap words below it survived the last collection
    /// (the next minor one promotes them). In `[heap_start, hp]`.
    pub hwm: *mut u64,
    /// Minor collections since the last major one, and how many trigger a
    /// major one (`fullsweep_after`, BEAM's default 65535).
    pub minor_gcs: u32,
    pub fullsweep_after: u32,
    /// `min_heap_size`: a collection never leaves a smaller young block
    /// (hibernation does).
    pub min_heap: usize,
    /// Per-process unique counter: receive-marker ids (BEAM's `p->uniq`,
    /// which `erts_debug:set_internal_state(process_uniq_counter, N)` sets).
    pub uniq: u64,
    /// Trace flags (`proc::tracing`: `erlang:trace/3`) and the tracer's
    /// pid word (0: none). Atomic: another process's `erlang:trace/3`
    /// sets them while this one may run. 0 when untraced, so the hot
    /// paths test one word.
    pub trace_flags: std::sync::atomic::AtomicU32,
    pub tracer: AtomicU64,
    /// The binary virtual heap, in words (`heap/vheap.rs`): refc binaries
    /// of the young generation and their budget, those of the old
    /// generation and theirs, and `min_bin_vheap_size`.
    pub bin_vheap: u64,
    pub bin_vheap_sz: u64,
    pub bin_old_vheap: u64,
    pub bin_old_vheap_sz: u64,
    pub min_bin_vheap: u64,
    /// Suspensions in effect (`erlang:suspend_process/1,2`), one per
    /// suspending process; changed only under the `inbox` lock. While it
    /// is non-zero, `has_signals` stays true whenever the process is not
    /// running, so the scheduler's signal path parks it
    /// (`proc/suspend.rs` states the rule).
    pub suspended: std::sync::atomic::AtomicU32,
    /// `process_flag(save_calls, N)` (0..10000), which
    /// `process_flag(Pid, save_calls, N)` sets from another process.
    /// Girder records no calls; the value is kept and answered.
    pub save_calls: std::sync::atomic::AtomicU32,
    /// The process that spawned it (`process_info(P, parent)`), or
    /// `undefined` for those erts starts itself.
    pub parent: Term,
    /// The sequential trace token and its counters (`proc::seq_trace`).
    pub seq: crate::heap::seq_token::SeqState,
}

/// A receive marker: the position in `msgq` where messages sent after a
/// reference was made start. Messages before it cannot contain the ref.
/// Kept by `native::recv` (`recv_marker_*`).
#[derive(Clone, Copy, Debug)]
pub struct RecvMarker {
    pub id: u64,
    /// Id words of the bound reference.
    pub reference: Option<(u64, u64)>,
    pub pos: usize,
}

/// Bucket structure over `Process::dict`. Each bucket lists entry indices
/// in the order of BEAM's bucket list. Defined here so that `Process` can
/// hold it; its operations (which hash and compare terms) are in `pdict`.
#[derive(Default)]
pub struct DictIndex {
    pub(crate) slots: Vec<Vec<u32>>,
    /// Hash of each entry's key, parallel to `Process::dict`.
    pub(crate) hashes: Vec<u32>,
    pub(crate) used: usize,
    pub(crate) mask: u32,
    pub(crate) split: usize,
}

/// A signal that is not a message (delivered by `signal.rs`).
pub enum Signal {
    /// An exit signal from `from`. `msg` holds `{'EXIT', From, Reason}`,
    /// what a process trapping exits receives. `linked`: sent because a
    /// linked process exited (otherwise it came from `exit/2`).
    Exit {
        from: Term,
        msg: Message,
        linked: bool,
    },
    Link(Term),
    Unlink(Term),
}

/// Set by spawn when the initial call cannot start; the scheduler raises
/// the matching error in the new process instead of entering code.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum StartError {
    None,
    /// `error:undef` for `initial` with `saved_x` as the arguments.
    Undef,
    /// `error:{badarity, {Fun, []}}` for the fun in `saved_x[0]`.
    BadArity,
}

// SAFETY: a process is owned by one scheduler at a time; the raw pointers
// point into its own block.
unsafe impl Send for Process {}
unsafe impl Sync for Process {}

impl Process {
    pub fn new(pid: Term, heap_words: usize) -> Box<Process> {
        let words = heap_words.max(DEFAULT_HEAP_WORDS);
        let block = HeapBlock::zeroed(words);
        let start = block.as_mut_ptr();
        // SAFETY: one past the end of the block is a valid pointer value.
        let top = unsafe { start.add(words) };
        Box::new(Process {
            pid,
            block,
            hp: start,
            sp: top,
            resume: 0,
            yield_loc: 0,
            saved_x: Vec::new(),
            state: AtomicU8::new(pstate::RUNNABLE),
            inbox: Mutex::new(VecDeque::new()),
            msgq: VecDeque::new(),
            cursor: 0,
            frags: Vec::new(),
            dict: Vec::new(),
            dict_index: Default::default(),
            timer_deadline: None,
            timed_out: false,
            reductions: 0,
            exit_reason: crate::term::atom::am::NORMAL,
            group_leader: Term::pid(0),
            trap_exit: false,
            links: Vec::new(),
            initial: (crate::term::NIL, crate::term::NIL, 0),
            signals: Mutex::new(VecDeque::new()),
            has_signals: AtomicBool::new(false),
            timer_seq: 0,
            recv_markers: Vec::new(),
            start_error: StartError::None,
            uncatchable: false,
            bound_scheduler: 0,
            pflags: Default::default(),
            off_heap: Vec::new(),
            hibernated: false,
            max_heap: crate::heap::max_heap::MaxHeap::default(),
            reads_areas: AtomicBool::new(false),
            msg_frag_words: 0,
            old_heap: None,
            old_hp: std::ptr::null_mut(),
            hwm: start,
            minor_gcs: 0,
            fullsweep_after: DEFAULT_FULLSWEEP_AFTER,
            min_heap: DEFAULT_HEAP_WORDS,
            trace_flags: std::sync::atomic::AtomicU32::new(0),
            tracer: AtomicU64::new(0),
            uniq: 0,
            bin_vheap: 0,
            bin_vheap_sz: crate::heap::vheap::min_bin_vheap(),
            bin_old_vheap: 0,
            bin_old_vheap_sz: crate::heap::vheap::min_bin_vheap(),
            min_bin_vheap: crate::heap::vheap::min_bin_vheap(),
            suspended: std::sync::atomic::AtomicU32::new(0),
            save_calls: std::sync::atomic::AtomicU32::new(0),
            parent: crate::term::atom::am::UNDEFINED,
            seq: Default::default(),
        })
    }

    #[inline]
    pub fn heap_start(&self) -> *mut u64 {
        self.block.as_ptr() as *mut u64
    }
    #[inline]
    pub fn stack_top(&self) -> *mut u64 {
        // SAFETY: one past the end of the block.
        unsafe { self.heap_start().add(self.block.len()) }
    }
    pub fn state(&self) -> u8 {
        self.state.load(Ordering::Acquire)
    }
    pub fn set_state(&self, s: u8) {
        self.state.store(s, Ordering::Release)
    }

    /// Words of heap in use, stack in use, and block size.
    pub fn heap_used(&self) -> usize {
        (self.hp as usize - self.heap_start() as usize) / 8
    }
    pub fn stack_used(&self) -> usize {
        (self.stack_top() as usize - self.sp as usize) / 8
    }

    /// Allocates `n` words while the process is not running (spawn setup,
    /// message delivery tests); see `Ctx::alloc` for the running case.
    pub fn alloc(&mut self, n: usize) -> *mut u64 {
        let (mut hp, sp) = (self.hp, self.sp);
        let p = bump_or_fragment(&mut hp, sp, &mut self.frags, n);
        self.hp = hp;
        p
    }

    /// Size of the old generation's block in words (0 without one).
    pub fn old_size(&self) -> usize {
        self.old_heap.as_ref().map_or(0, |b| b.len())
    }

    /// Words in use in the old generation.
    pub fn old_used(&self) -> usize {
        match &self.old_heap {
            Some(b) => (self.old_hp as usize - b.as_ptr() as usize) / 8,
            None => 0,
        }
    }

    /// True if `a` is an address in the old generation's used part.
    pub fn in_old_heap(&self, a: usize) -> bool {
        match &self.old_heap {
            Some(b) => a >= b.as_ptr() as usize && a < self.old_hp as usize,
            None => false,
        }
    }

    /// Words in BIF heap fragments (messages not included).
    pub fn bif_frag_words(&self) -> usize {
        self.frags.iter().map(|f| f.used).sum()
    }

    /// BEAM's `ERTS_IS_GC_DESIRED`: the BIF heap fragments hold more words
    /// than the heap has free. Generated code collects only at `test_heap`
    /// points, and a loop such as `fib(N, A, B) -> fib(N - 1, B, A + B)`
    /// has none: its bignum results all land in fragments. The scheduler
    /// collects such a process when it yields (see `Ctx::alloc`, which
    /// makes it yield early when fragments grow large).
    /// Also when the refc binaries the process references went over its
    /// binary virtual heap (`heap/vheap.rs`; `Ctx::check_vheap` makes it
    /// yield).
    pub fn gc_desired(&self) -> bool {
        self.vheap_over()
            || (!self.frags.is_empty()
                && self.bif_frag_words() > (self.sp as usize - self.hp as usize) / 8)
    }

    /// Words held in heap fragments (the GC adds them to its size estimate;
    /// queued messages keep their own fragments and are not collected).
    pub fn frag_words(&self) -> usize {
        self.frags.iter().map(|f| f.used).sum::<usize>()
    }
}

/// Bumps `hp` by `n` words if they fit below `sp`, else carves them out of a
/// heap fragment. Never moves existing terms, so a BIF may hold terms across
/// allocations; the next GC folds fragments into the heap.
pub fn bump_or_fragment(
    hp: &mut *mut u64,
    sp: *mut u64,
    frags: &mut Vec<Fragment>,
    n: usize,
) -> *mut u64 {
    let free = (sp as usize - *hp as usize) / 8;
    // One word stays free: generated code pushes a call's continuation
    // without a check of its own (see jit ensure_room).
    if n < free {
        let p = *hp;
        // SAFETY: n words fit between hp and sp.
        *hp = unsafe { p.add(n) };
        return p;
    }
    if let Some(f) = frags.last_mut() {
        if f.words.len() - f.used >= n {
            // SAFETY: n words fit in the fragment's free tail.
            let p = unsafe { f.words.as_mut_ptr().add(f.used) };
            f.used += n;
            return p;
        }
    }
    // Fragments grow with what is already in fragments (a BIF-heavy loop
    // with no GC point, e.g. bignum arithmetic, makes thousands of them
    // between collections): one malloc per doubling, not per result.
    let held: usize = frags.iter().map(|f| f.used).sum();
    let size = n.max(256).max((held / 2).min(1 << 20));
    let mut words = FRAG_POOL
        .with(|pool| take_pooled(&mut pool.borrow_mut(), n, size))
        .unwrap_or_else(|| vec![0u64; size]);
    let p = words.as_mut_ptr();
    frags.push(Fragment { words, used: n });
    p
}

/// Most words of freed fragments kept for reuse per scheduler thread.
const FRAG_POOL_WORDS: usize = 1 << 18;
/// Most buffers kept for reuse per scheduler thread.
const FRAG_POOL_ENTRIES: usize = 32;

thread_local! {
    /// Buffers of fragments a GC freed, for the next fragments: a loop
    /// whose results all land in fragments (bignum arithmetic between
    /// collections) would otherwise malloc and zero them afresh each time.
    /// Reused buffers hold stale words, which is fine: nothing reads a
    /// fragment word before writing it.
    static FRAG_POOL: std::cell::RefCell<Vec<Vec<u64>>> = const { std::cell::RefCell::new(Vec::new()) };
}

/// The smallest pooled buffer of at least `want` words, else any of at
/// least `n`.
fn take_pooled(pool: &mut Vec<Vec<u64>>, n: usize, want: usize) -> Option<Vec<u64>> {
    let pick = |min: usize| {
        pool.iter()
            .enumerate()
            .filter(|(_, v)| v.len() >= min)
            .min_by_key(|(_, v)| v.len())
            .map(|(i, _)| i)
    };
    let i = pick(want).or_else(|| pick(n))?;
    Some(pool.swap_remove(i))
}

/// Frees the fragments after a GC, keeping some buffers for reuse: only
/// those of at least the minimum fragment size (received messages are
/// fragments of their own size, often tiny), and at most
/// `FRAG_POOL_ENTRIES` of them, so the pool stays cheap to search.
pub fn recycle_fragments(frags: &mut Vec<Fragment>) {
    if frags.is_empty() {
        return;
    }
    FRAG_POOL.with(|pool| {
        let mut pool = pool.borrow_mut();
        let mut total: usize = pool.iter().map(|v| v.len()).sum();
        for f in frags.drain(..) {
            let len = f.words.len();
            if len >= 256 && pool.len() < FRAG_POOL_ENTRIES && total + len <= FRAG_POOL_WORDS {
                total += len;
                pool.push(f.words);
            }
        }
    });
}

/// A process's heap-and-stack block: raw memory, deliberately not zeroed
/// when the GC makes a new one (nothing reads a word before writing it:
/// the heap is reached only through pointers, and every stack slot is
/// written when pushed). Raw pointers into it (hp, sp, terms) stay valid
/// when the owning `Process` moves.
pub struct HeapBlock {
    ptr: std::ptr::NonNull<u64>,
    len: usize,
}

// SAFETY: the block is plain memory owned by one process.
unsafe impl Send for HeapBlock {}
unsafe impl Sync for HeapBlock {}

impl HeapBlock {
    fn layout(len: usize) -> std::alloc::Layout {
        std::alloc::Layout::array::<u64>(len.max(1)).unwrap_or_else(|_| {
            eprintln!("girder: heap of {len} words is too large");
            std::process::abort()
        })
    }
    fn alloc_with(len: usize, zeroed: bool) -> HeapBlock {
        let layout = Self::layout(len);
        // SAFETY: the layout has a non-zero size.
        let p = unsafe {
            if zeroed {
                std::alloc::alloc_zeroed(layout)
            } else {
                std::alloc::alloc(layout)
            }
        } as *mut u64;
        let Some(ptr) = std::ptr::NonNull::new(p) else {
            std::alloc::handle_alloc_error(layout)
        };
        HeapBlock { ptr, len }
    }
    /// A block whose contents are unspecified (for the GC's to-space).
    pub fn uninit(len: usize) -> HeapBlock {
        Self::alloc_with(len, false)
    }
    pub fn zeroed(len: usize) -> HeapBlock {
        Self::alloc_with(len, true)
    }
    /// Cuts the block to its first `len` words (`len` at most the current
    /// length) and returns where they now are: the same address with
    /// glibc, which shrinks in place, but an allocator may move them (the
    /// caller then offsets its pointers; the old address is freed).
    pub fn shrink(&mut self, len: usize) -> *mut u64 {
        let len = len.clamp(1, self.len.max(1));
        if len == self.len {
            return self.as_mut_ptr();
        }
        let new_layout = Self::layout(len);
        // SAFETY: the block was allocated with `layout(self.len)`; the new
        // size is non-zero and no larger.
        let p = unsafe {
            std::alloc::realloc(
                self.ptr.as_ptr() as *mut u8,
                Self::layout(self.len),
                new_layout.size(),
            )
        } as *mut u64;
        let Some(ptr) = std::ptr::NonNull::new(p) else {
            std::alloc::handle_alloc_error(new_layout)
        };
        self.ptr = ptr;
        self.len = len;
        p
    }
    pub fn as_ptr(&self) -> *const u64 {
        self.ptr.as_ptr()
    }
    pub fn as_mut_ptr(&self) -> *mut u64 {
        self.ptr.as_ptr()
    }
    pub fn len(&self) -> usize {
        self.len
    }
    pub fn is_empty(&self) -> bool {
        self.len == 0
    }
}

impl Drop for HeapBlock {
    fn drop(&mut self) {
        // SAFETY: allocated in `alloc_with` with this same layout.
        unsafe { std::alloc::dealloc(self.ptr.as_ptr() as *mut u8, Self::layout(self.len)) }
    }
}
