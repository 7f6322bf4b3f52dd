//! Code memory of one module version: functions packed back to back.
//!
//! A cold start compiles ~1,650 batches (first calls, region units,
//! tier-ups), each finalized on its own. Cranelift's arena provider seals a
//! segment at every finalize, so each batch began a new 4 KB page: 2.0 MB
//! of code took 7.3 MB of resident pages (session 14's measurement of a
//! cold `halt()`). Here code is appended to one run of pages; the page the
//! next function will continue stays readable, writable and executable
//! until it is full, then becomes read+execute. This is BeamAsm's
//! single-mapped mode (`+JMsingle true`, its mode under `+JPperf`): one RWX
//! page per module at a time, never a page that loses execute permission
//! while another thread may run it. Where the system refuses RWX
//! (SELinux, PaX), the provider falls back to sealing the whole run at each
//! finalize, as Cranelift's arena does.
//!
//! The whole version lives in one reservation (`PROT_NONE` until used), so
//! that 32-bit PC-relative calls between its functions always reach; only
//! touched pages are resident.

use cranelift_jit::{BranchProtection, JITMemoryKind, JITMemoryProvider};
use cranelift_module::{ModuleError, ModuleResult};
use std::io;
use std::ptr::NonNull;
use std::sync::atomic::{AtomicBool, Ordering};

const RX: i32 = libc::PROT_READ | libc::PROT_EXEC;
const RW: i32 = libc::PROT_READ | libc::PROT_WRITE;
const RWX: i32 = RX | libc::PROT_WRITE;

/// Set once the system refused an RWX page: every later module seals at
/// each finalize (one refused `mprotect` is enough to know).
static NO_RWX: AtomicBool = AtomicBool::new(false);

fn page() -> usize {
    // SAFETY: sysconf has no preconditions.
    let p = unsafe { libc::sysconf(libc::_SC_PAGESIZE) };
    if p > 0 {
        p as usize
    } else {
        4096
    }
}

fn align_up(x: usize, a: usize) -> usize {
    (x + a - 1) & !(a - 1)
}

/// The pages code is appended to (byte offsets in the reservation).
#[derive(Debug)]
struct Run {
    /// First page not yet sealed read+execute.
    sealed: usize,
    /// Next free byte.
    fill: usize,
    /// End of the run's committed pages.
    end: usize,
    /// Bytes before this offset are visible to instruction fetch.
    synced: usize,
}

/// A segment for data objects (read-only or writable), page-granular as in
/// Cranelift's arena; girder's code declares none today.
#[derive(Debug)]
struct DataSeg {
    start: usize,
    len: usize,
    fill: usize,
    prot: i32,
    finalized: bool,
}

pub struct PackedCode {
    base: NonNull<u8>,
    size: usize,
    /// Offset below which pages are committed (in a run or a segment).
    committed: usize,
    run: Option<Run>,
    data: Vec<DataSeg>,
    page: usize,
    /// Something was finalized: the memory may be running, so dropping the
    /// provider leaks it unless `free_memory` is called explicitly.
    live: bool,
}

// SAFETY: the provider owns its reservation; the JITModule that holds it
// serialises every call (it is behind the module's lock).
unsafe impl Send for PackedCode {}

impl PackedCode {
    /// Reserves `size` bytes of address space (rounded to pages).
    pub fn reserve(size: usize) -> io::Result<PackedCode> {
        let page = page();
        let size = align_up(size.max(page), page);
        let base = reserve_pages(size)?;
        Ok(PackedCode {
            base,
            size,
            committed: 0,
            run: None,
            data: Vec::new(),
            page,
            live: false,
        })
    }

    /// Makes `len` bytes after the committed ones accessible with `prot`.
    fn commit(&mut self, len: usize, prot: i32) -> io::Result<usize> {
        let at = self.committed;
        if len > self.size - at {
            return Err(io::Error::other("code memory reservation exhausted"));
        }
        protect(self.base, at, len, prot)?;
        self.committed += len;
        Ok(at)
    }

    /// Commits pages for the code run: RWX while RWX is allowed.
    fn commit_code(&mut self, len: usize) -> io::Result<usize> {
        if !NO_RWX.load(Ordering::Relaxed) {
            match self.commit(len, RWX) {
                Ok(at) => return Ok(at),
                Err(e) if e.raw_os_error() == Some(libc::EACCES) => {
                    NO_RWX.store(true, Ordering::Relaxed)
                }
                Err(e) => return Err(e),
            }
        }
        self.commit(len, RW)
    }

    fn alloc_code(&mut self, size: usize, align: usize) -> io::Result<*mut u8> {
        if let Some(r) = &mut self.run {
            let at = align_up(r.fill, align);
            if at + size <= r.end {
                r.fill = at + size;
                return Ok(self.at(at));
            }
        }
        // Grow the run in place when nothing was committed after it.
        let grow_from = match &self.run {
            Some(r) if r.end == self.committed && !NO_RWX.load(Ordering::Relaxed) => {
                Some(align_up(r.fill, align))
            }
            _ => None,
        };
        if let Some(at) = grow_from {
            let need = align_up(at + size - self.committed, self.page);
            self.commit_code(need)?;
            let Some(r) = self.run.as_mut() else {
                return Err(io::Error::other("code run vanished while growing"));
            };
            r.end += need;
            r.fill = at + size;
            return Ok(self.at(at));
        }
        // A new run; the old one (if any) is sealed whole.
        self.seal_run(true)?;
        let len = align_up(size, self.page);
        let start = self.commit_code(len)?;
        self.run = Some(Run {
            sealed: start,
            fill: start + size,
            end: start + len,
            synced: start,
        });
        Ok(self.at(start))
    }

    fn alloc_data(&mut self, size: usize, align: usize, prot: i32) -> io::Result<*mut u8> {
        if let Some(s) = self
            .data
            .iter_mut()
            .find(|s| s.prot == prot && !s.finalized && align_up(s.fill, align) + size <= s.len)
        {
            let at = align_up(s.fill, align);
            s.fill = at + size;
            let off = s.start + at;
            return Ok(self.at(off));
        }
        let len = align_up(size, self.page);
        let start = self.commit(len, RW)?;
        self.data.push(DataSeg {
            start,
            len,
            fill: size,
            prot,
            finalized: false,
        });
        Ok(self.at(start))
    }

    fn at(&self, off: usize) -> *mut u8 {
        // SAFETY: every offset handed out is below `committed <= size`,
        // inside the reservation.
        unsafe { self.base.as_ptr().add(off) }
    }

    /// Makes the code written since the last finalize visible to
    /// instruction fetch and seals the run's full pages (all of them when
    /// `whole`, or when RWX is not in use).
    fn seal_run(&mut self, whole: bool) -> io::Result<()> {
        let page = self.page;
        let Some(r) = &mut self.run else {
            return Ok(());
        };
        if r.fill > r.synced {
            sync_icache(self.base, r.synced, r.fill - r.synced);
            r.synced = r.fill;
        }
        let rwx = !NO_RWX.load(Ordering::Relaxed);
        let to = if whole || !rwx {
            r.end
        } else {
            r.fill / page * page
        };
        if to > r.sealed {
            protect(self.base, r.sealed, to - r.sealed, RX)?;
            r.sealed = to;
        }
        if to == r.end && (whole || !rwx) {
            self.run = None;
        }
        Ok(())
    }
}

impl JITMemoryProvider for PackedCode {
    fn allocate(&mut self, size: usize, align: u64, kind: JITMemoryKind) -> io::Result<*mut u8> {
        let align = usize::try_from(align)
            .ok()
            .filter(|a| a.is_power_of_two() && *a <= self.page)
            .ok_or_else(|| io::Error::other("code alignment over a page"))?;
        match kind {
            JITMemoryKind::Executable => self.alloc_code(size.max(1), align),
            JITMemoryKind::ReadOnly => self.alloc_data(size.max(1), align, libc::PROT_READ),
            JITMemoryKind::Writable => self.alloc_data(size.max(1), align, RW),
        }
    }

    unsafe fn free_memory(&mut self) {
        if self.size == 0 {
            return;
        }
        // SAFETY: the caller guarantees nothing runs or reads this
        // memory any more; base/size are the reservation's own.
        unsafe { libc::munmap(self.base.as_ptr().cast(), self.size) };
        self.size = 0;
        self.committed = 0;
        self.run = None;
        self.data.clear();
    }

    fn finalize(&mut self, _branch_protection: BranchProtection) -> ModuleResult<()> {
        let err = |err: io::Error| ModuleError::Allocation { err };
        self.seal_run(false).map_err(err)?;
        for i in 0..self.data.len() {
            let s = &self.data[i];
            if !s.finalized {
                protect(self.base, s.start, s.len, s.prot).map_err(err)?;
                self.data[i].finalized = true;
            }
        }
        self.live = true;
        pipeline_sync();
        Ok(())
    }
}

impl Drop for PackedCode {
    fn drop(&mut self) {
        if !self.live {
            // SAFETY: nothing was finalized, so no code in it can run.
            unsafe { self.free_memory() };
        }
    }
}

/// Reserves `size` bytes of address space, inaccessible until committed.
fn reserve_pages(size: usize) -> io::Result<NonNull<u8>> {
    // SAFETY: an anonymous private mapping at an address of the kernel's
    // choice touches no existing memory.
    let p = unsafe {
        libc::mmap(
            std::ptr::null_mut(),
            size,
            libc::PROT_NONE,
            libc::MAP_PRIVATE | libc::MAP_ANONYMOUS | libc::MAP_NORESERVE,
            -1,
            0,
        )
    };
    if p == libc::MAP_FAILED {
        return Err(io::Error::last_os_error());
    }
    NonNull::new(p.cast()).ok_or_else(|| io::Error::other("mmap returned null"))
}

/// Changes the protection of `len` bytes at `off` in the reservation.
fn protect(base: NonNull<u8>, off: usize, len: usize, prot: i32) -> io::Result<()> {
    if len == 0 {
        return Ok(());
    }
    // SAFETY: callers pass page-aligned ranges inside the reservation,
    // which this provider alone maps.
    let r = unsafe { libc::mprotect(base.as_ptr().add(off).cast(), len, prot) };
    if r != 0 {
        return Err(io::Error::last_os_error());
    }
    Ok(())
}

/// Instruction fetch sees the bytes just written. x86-64 keeps its
/// instruction cache coherent with stores; AArch64 needs the cache lines
/// cleaned and invalidated (libgcc's `__clear_cache` does that).
#[cfg(target_arch = "aarch64")]
fn sync_icache(base: NonNull<u8>, off: usize, len: usize) {
    extern "C" {
        fn __clear_cache(start: *mut libc::c_char, end: *mut libc::c_char);
    }
    // SAFETY: the range is committed memory of the reservation;
    // `__clear_cache` only performs cache maintenance on it.
    unsafe {
        let s = base.as_ptr().add(off);
        __clear_cache(s.cast(), s.add(len).cast());
    }
}

#[cfg(not(target_arch = "aarch64"))]
fn sync_icache(_base: NonNull<u8>, _off: usize, _len: usize) {}

/// Other threads that will run the new code must not hold stale
/// instructions in their pipelines. On AArch64 every thread of the process
/// is made to execute a context synchronisation (membarrier; where the
/// kernel or an emulator lacks it, the code is only ever reached by the
/// thread that compiled it or after a lock handover, which includes one).
#[cfg(target_arch = "aarch64")]
fn pipeline_sync() {
    use std::sync::OnceLock;
    const SYNC_CORE: libc::c_long = 1 << 5; // MEMBARRIER_CMD_PRIVATE_EXPEDITED_SYNC_CORE
    const REGISTER_SYNC_CORE: libc::c_long = 1 << 6;
    static REGISTERED: OnceLock<bool> = OnceLock::new();
    // SAFETY: membarrier takes no pointers; failure is reported by its
    // return value.
    let ok = *REGISTERED
        .get_or_init(|| unsafe { libc::syscall(libc::SYS_membarrier, REGISTER_SYNC_CORE, 0) } == 0);
    if ok {
        // SAFETY: as above.
        unsafe { libc::syscall(libc::SYS_membarrier, SYNC_CORE, 0) };
    }
    // SAFETY: `isb` has no operands and no memory effects.
    unsafe { std::arch::asm!("isb", options(nostack, nomem)) };
}

#[cfg(not(target_arch = "aarch64"))]
fn pipeline_sync() {}

#[cfg(test)]
mod tests {
    use super::*;

    fn write_ret(p: *mut u8, len: usize) {
        // SAFETY: test memory just allocated by the provider, `len` bytes.
        unsafe { std::ptr::write_bytes(p, 0xc3, len) };
    }

    #[test]
    fn small_functions_share_a_page() {
        let mut m = PackedCode::reserve(1 << 20).unwrap();
        let mut addrs = Vec::new();
        for _ in 0..40 {
            let p = m.allocate(100, 16, JITMemoryKind::Executable).unwrap();
            write_ret(p, 100);
            m.finalize(BranchProtection::None).unwrap();
            addrs.push(p as usize);
        }
        let pages: std::collections::BTreeSet<usize> = addrs.iter().map(|a| a / m.page).collect();
        // 40 × 112 bytes (aligned) fit in 2 pages; Cranelift's arena took 40.
        assert!(pages.len() <= 2, "{} pages", pages.len());
        assert!(addrs.windows(2).all(|w| w[1] > w[0]));
        unsafe { m.free_memory() };
    }

    #[test]
    fn full_pages_are_sealed_and_big_functions_span_pages() {
        let mut m = PackedCode::reserve(1 << 20).unwrap();
        let a = m
            .allocate(3 * m.page + 10, 16, JITMemoryKind::Executable)
            .unwrap();
        write_ret(a, 3 * m.page + 10);
        m.finalize(BranchProtection::None).unwrap();
        if !NO_RWX.load(Ordering::Relaxed) {
            let r = m.run.as_ref().unwrap();
            assert_eq!(
                r.sealed,
                3 * m.page,
                "full pages sealed, the tail page open"
            );
        }
        let b = m.allocate(64, 16, JITMemoryKind::Executable).unwrap();
        write_ret(b, 64);
        m.finalize(BranchProtection::None).unwrap();
        assert!(b as usize > a as usize);
        unsafe { m.free_memory() };
    }

    #[test]
    fn data_and_code_interleave() {
        let mut m = PackedCode::reserve(1 << 20).unwrap();
        let c = m.allocate(64, 16, JITMemoryKind::Executable).unwrap();
        write_ret(c, 64);
        let d = m.allocate(32, 8, JITMemoryKind::ReadOnly).unwrap();
        // SAFETY: 32 bytes just allocated, writable until finalize.
        unsafe { std::ptr::write_bytes(d, 7, 32) };
        // The run cannot grow over the data segment: a new run starts.
        let c2 = m
            .allocate(2 * m.page, 16, JITMemoryKind::Executable)
            .unwrap();
        write_ret(c2, 2 * m.page);
        m.finalize(BranchProtection::None).unwrap();
        assert!(c2 as usize > d as usize);
        // SAFETY: read-only after finalize, still mapped.
        assert_eq!(unsafe { *d }, 7);
        unsafe { m.free_memory() };
    }

    #[test]
    fn exhausted_reservation_is_an_error() {
        let mut m = PackedCode::reserve(1 << 16).unwrap();
        assert!(m.allocate(1 << 20, 16, JITMemoryKind::Executable).is_err());
        assert!(m
            .allocate(100, 8192 * 4, JITMemoryKind::Executable)
            .is_err());
        unsafe { m.free_memory() };
    }
}
