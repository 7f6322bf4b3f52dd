//! The literal area: one reserved range of virtual memory where every
//! module's literals (and other never-collected terms) are built. The GC
//! leaves any pointer into this range alone, so "is this a literal?" is two
//! compares.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;

/// Reserved size: address space only; pages are committed on first touch.
const RESERVE_BYTES: usize = 1 << 34;

static BASE: AtomicUsize = AtomicUsize::new(0);
static END: AtomicUsize = AtomicUsize::new(0);
static NEXT: Mutex<usize> = Mutex::new(0);

fn init() -> usize {
    let base = BASE.load(Ordering::Acquire);
    if base != 0 {
        return base;
    }
    let mut next = NEXT.lock().unwrap();
    let base = BASE.load(Ordering::Acquire);
    if base != 0 {
        return base;
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
    *next = b;
    END.store(b + RESERVE_BYTES, Ordering::Release);
    BASE.store(b, Ordering::Release);
    b
}

/// Allocates `words` zeroed words in the literal area.
pub fn alloc(words: usize) -> *mut u64 {
    init();
    let mut next = NEXT.lock().unwrap();
    let p = *next;
    let end = END.load(Ordering::Acquire);
    if p + words * 8 > end {
        eprintln!("girder: literal area exhausted");
        std::process::exit(1);
    }
    *next = p + words * 8;
    p as *mut u64
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
}
