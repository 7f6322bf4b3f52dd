//! The native stack limit of the calling thread and
//! `erts_debug:get_internal_state(stack_check)`, which recurses on the
//! native stack until the limit check says stop (BEAM's
//! `erts_check_stack_recursion_downwards`) and reports how many bytes the
//! recursion used: a test that the check fires before the stack runs out.
//!
//! The limit is the low end of the thread's stack (from
//! `pthread_getattr_np`, stacks grow down on every target girder has) plus
//! a safety margin for the frames that run after the check.

use std::cell::Cell;

/// Bytes kept free below the limit for the code that runs after a check.
const MARGIN: usize = 128 * 1024;

thread_local! {
    /// The lowest address recursion may reach on this thread (0: unknown).
    static LIMIT: Cell<Option<usize>> = const { Cell::new(None) };
}

/// The low end of this thread's stack plus `MARGIN`, or None if the
/// system does not tell.
fn limit() -> Option<usize> {
    if let Some(l) = LIMIT.with(Cell::get) {
        return (l != 0).then_some(l);
    }
    let l = query_stack_low().map_or(0, |low| low + MARGIN);
    LIMIT.with(|c| c.set(Some(l)));
    (l != 0).then_some(l)
}

/// The lowest address of the calling thread's stack.
fn query_stack_low() -> Option<usize> {
    // SAFETY: `attr` is initialised by pthread_getattr_np before it is
    // read and destroyed once; the out-pointers are valid locals.
    unsafe {
        let mut attr: libc::pthread_attr_t = std::mem::zeroed();
        if libc::pthread_getattr_np(libc::pthread_self(), &mut attr) != 0 {
            return None;
        }
        let mut addr: *mut libc::c_void = std::ptr::null_mut();
        let mut size: libc::size_t = 0;
        let rc = libc::pthread_attr_getstack(&attr, &mut addr, &mut size);
        libc::pthread_attr_destroy(&mut attr);
        (rc == 0 && !addr.is_null()).then_some(addr as usize)
    }
}

/// Whether the stack at `addr` is still above the limit (recursion may go
/// on).
pub fn is_above_limit(addr: usize) -> bool {
    limit().is_some_and(|l| addr > l)
}

/// Recurses until the limit check stops it; returns the deepest address
/// reached.
#[inline(never)]
fn recurse(depth: usize) -> usize {
    // A frame of some size that the optimiser cannot drop or merge.
    let pad = [depth as u8; 256];
    let here = std::hint::black_box(&pad) as *const _ as usize;
    if !is_above_limit(here) {
        return here;
    }
    let deepest = recurse(depth + 1);
    std::hint::black_box(&pad);
    deepest
}

/// Bytes of native stack the recursion used before the check stopped it.
pub fn probe() -> usize {
    let top = 0u8;
    let start = std::hint::black_box(&top) as *const u8 as usize;
    let deepest = recurse(0);
    start.saturating_sub(deepest)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn probe_stops_before_the_end_of_the_stack() {
        // Runs in a thread of a known stack size.
        let used = std::thread::Builder::new()
            .stack_size(4 << 20)
            .spawn(probe)
            .unwrap()
            .join()
            .unwrap();
        assert!(used > 1 << 20, "{used}");
        assert!(used < 4 << 20, "{used}");
    }
}
