//! The literal area: one reserved range of virtual memory where every
//! module's literals (and other never-collected terms) are built. The GC
//! leaves any pointer into this range alone, so "is this a literal?" is two
//! compares.
//!
//! The range is handed out in blocks (`BLOCK` bytes or a multiple). Terms
//! built outside a module load are permanent (one shared bump block at a
//! time). While a module version is compiled, the loading thread has a
//! *chunk* open (`begin_chunk`): every literal allocation on that thread
//! goes into blocks owned by that chunk, which the module version keeps
//! and which are freed when it is purged (`Chunk::free`, after
//! `proc::purge` made every process copy the terms it still uses out of
//! them). Freed blocks go back to the pages' owner (`MADV_DONTNEED`) and
//! are reused by later chunks.

use std::cell::RefCell;
use std::collections::BTreeMap;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;

/// Reserved size: address space only; pages are committed on first touch.
const RESERVE_BYTES: usize = 1 << 34;
/// Granule of block allocation (a small module's literals fit one).
const BLOCK: usize = 64 * 1024;

static BASE: AtomicUsize = AtomicUsize::new(0);
static END: AtomicUsize = AtomicUsize::new(0);

struct Area {
    /// Start of the never-used part of the range.
    next: usize,
    /// Freed blocks by size in bytes, ready for reuse.
    free: BTreeMap<usize, Vec<usize>>,
    /// The permanent allocations' current block: `[cur, limit)` is free.
    cur: usize,
    limit: usize,
}

static AREA: Mutex<Area> = Mutex::new(Area {
    next: 0,
    free: BTreeMap::new(),
    cur: 0,
    limit: 0,
});

fn area() -> std::sync::MutexGuard<'static, Area> {
    AREA.lock().unwrap_or_else(|e| e.into_inner())
}

fn init(a: &mut Area) {
    if a.next != 0 {
        return;
    }
    // SAFETY: an anonymous private mapping with no fixed address; failure
    // is checked below.
    let p = unsafe {
        libc::mmap(
            std::ptr::null_mut(),
            RESERVE_BYTES,
            libc::PROT_READ | libc::PROT_WRITE,
            libc::MAP_PRIVATE | libc::MAP_ANONYMOUS | libc::MAP_NORESERVE,
            -1,
            0,
        )
    };
    if p == libc::MAP_FAILED {
        eprintln!("girder: cannot reserve the literal area");
        std::process::exit(1);
    }
    let b = p as usize;
    a.next = b;
    END.store(b + RESERVE_BYTES, Ordering::Release);
    BASE.store(b, Ordering::Release);
}

/// A block of at least `bytes` bytes (zeroed: fresh or given back).
fn take_block(a: &mut Area, bytes: usize) -> (usize, usize) {
    init(a);
    let size = bytes.max(1).div_ceil(BLOCK) * BLOCK;
    if let Some(p) = a.free.get_mut(&size).and_then(|v| v.pop()) {
        return (p, size);
    }
    if a.next + size > END.load(Ordering::Acquire) {
        eprintln!("girder: literal area exhausted");
        std::process::exit(1);
    }
    let p = a.next;
    a.next += size;
    (p, size)
}

/// The literals of one module version: the blocks it allocated from, and
/// the literal ProcBins built in them (each owns one buffer reference).
#[derive(Default)]
pub struct Chunk {
    blocks: Vec<(usize, usize)>,
    cur: usize,
    limit: usize,
    used: usize,
    proc_bins: Vec<usize>,
}

impl Chunk {
    fn alloc(&mut self, bytes: usize) -> usize {
        if self.cur + bytes > self.limit {
            let (p, size) = take_block(&mut area(), bytes);
            self.blocks.push((p, p + size));
            self.cur = p;
            self.limit = p + size;
        }
        let p = self.cur;
        self.cur += bytes;
        self.used += bytes;
        p
    }

    /// The address ranges `[start, end)` of the chunk's blocks.
    pub fn ranges(&self) -> &[(usize, usize)] {
        &self.blocks
    }

    /// Words allocated in it (a bound on what copying its terms out takes).
    pub fn words(&self) -> usize {
        self.used / 8
    }

    pub fn contains(&self, a: usize) -> bool {
        self.blocks.iter().any(|&(s, e)| a >= s && a < e)
    }

    /// Gives the blocks back. Returns the buffers of the literal ProcBins
    /// (read before the blocks go), of which the caller must drop one
    /// reference each (`BinBuf::release_all`, in a layer above this one).
    /// # Safety
    /// Nothing may point into the chunk any more: no process heap, no
    /// running code (see `proc::purge`).
    #[must_use = "the literal ProcBins' buffer references must be released"]
    pub unsafe fn free(self) -> Vec<u64> {
        // Word 2 of a ProcBin is its buffer pointer.
        let bufs = self
            .proc_bins
            .iter()
            .map(|&p| *(p as *const u64).add(2))
            .collect();
        for &(s, e) in &self.blocks {
            give_back(s, e);
        }
        bufs
    }
}

/// A block `[start, end)` of at least `bytes` bytes (zeroed) for an owner
/// that frees it itself with `give_back` (`literal_pool`).
pub fn take_block_for(bytes: usize) -> (usize, usize) {
    let (p, size) = take_block(&mut area(), bytes);
    (p, p + size)
}

/// Returns the block `[s, e)` (from `take_block_for`, or a chunk's).
/// # Safety
/// Nothing may point into the block any more.
pub unsafe fn give_back(s: usize, e: usize) {
    // Returns the pages; the next touch maps zero pages, so blocks taken
    // from the free list are zeroed like fresh ones.
    libc::madvise(s as *mut libc::c_void, e - s, libc::MADV_DONTNEED);
    area().free.entry(e - s).or_default().push(s);
}

thread_local! {
    static OPEN: RefCell<Option<Chunk>> = const { RefCell::new(None) };
}

/// The open chunk of the current thread, closed by `finish` (or, if the
/// load fails or unwinds, by dropping: its blocks are then kept forever,
/// as something may already point at them).
pub struct ChunkScope(());

/// Opens a chunk on this thread: literal allocations go into it until the
/// scope is finished.
pub fn begin_chunk() -> ChunkScope {
    OPEN.with(|o| *o.borrow_mut() = Some(Chunk::default()));
    ChunkScope(())
}

impl ChunkScope {
    pub fn finish(self) -> Chunk {
        let c = OPEN.with(|o| o.borrow_mut().take()).unwrap_or_default();
        std::mem::forget(self);
        c
    }
}

impl Drop for ChunkScope {
    fn drop(&mut self) {
        // Leaked on purpose (see `ChunkScope`).
        if let Some(c) = OPEN.with(|o| o.borrow_mut().take()) {
            std::mem::forget(c);
        }
    }
}

/// Records that the ProcBin at `p` (a literal) owns a buffer reference the
/// open chunk must drop when freed. Permanent literals keep theirs.
pub fn note_proc_bin(p: *mut u64) {
    OPEN.with(|o| {
        if let Some(c) = o.borrow_mut().as_mut() {
            c.proc_bins.push(p as usize);
        }
    });
}

/// Allocates `words` zeroed words in the literal area: in this thread's
/// open chunk if there is one, else permanently.
pub fn alloc(words: usize) -> *mut u64 {
    let bytes = words * 8;
    if let Some(p) = OPEN.with(|o| o.borrow_mut().as_mut().map(|c| c.alloc(bytes))) {
        return p as *mut u64;
    }
    let mut a = area();
    if a.cur + bytes > a.limit {
        let (p, size) = take_block(&mut a, bytes);
        a.cur = p;
        a.limit = p + size;
    }
    let p = a.cur;
    a.cur += bytes;
    p as *mut u64
}

/// The literal range `[start, end)` (empty before it is reserved).
#[inline]
pub fn range() -> (usize, usize) {
    (BASE.load(Ordering::Relaxed), END.load(Ordering::Relaxed))
}

/// True if `ptr` points into the literal area.
#[inline]
pub fn contains(ptr: *const u64) -> bool {
    let p = ptr as usize;
    p >= BASE.load(Ordering::Relaxed) && p < END.load(Ordering::Relaxed)
}

#[cfg(test)]
mod tests {
    #[test]
    fn alloc_is_inside() {
        let p = super::alloc(4);
        assert!(super::contains(p));
        let local = 0u64;
        assert!(!super::contains(&local));
    }

    #[test]
    fn chunks_are_reused_and_zeroed() {
        let s = super::begin_chunk();
        let p = super::alloc(3);
        // SAFETY: 3 fresh words of the open chunk.
        unsafe { *p.add(2) = 77 };
        let c = s.finish();
        assert!(c.contains(p as usize) && super::contains(p));
        let outside = super::alloc(1);
        assert!(!c.contains(outside as usize), "permanent, not in the chunk");
        let start = c.ranges()[0].0;
        // SAFETY: nothing refers to the chunk.
        assert!(unsafe { c.free() }.is_empty());
        // A later chunk of the same size may take the block back: zeroed.
        let s = super::begin_chunk();
        let q = super::alloc(3);
        let c2 = s.finish();
        if c2.ranges()[0].0 == start {
            // SAFETY: 3 words of the open chunk's block.
            assert_eq!(unsafe { *q.add(2) }, 0);
        }
        // SAFETY: nothing refers to it.
        assert!(unsafe { c2.free() }.is_empty());
    }
}
