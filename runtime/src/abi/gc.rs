//! The GC entry point generated code calls when a heap or stack allocation
//! (`test_heap`, `allocate`, ...) does not fit: `sp - hp < need`.

use crate::heap::ctx::Ctx;

/// Collects the running process so that at least `need` words are free
/// between `hp` and `sp`, with X registers `0..live` as roots. Generated
/// code stores `ctx.hp`/`ctx.sp` before the call and reloads both after.
/// Reductions are not charged.
///
/// # Safety
/// `ctx` must be the scheduler's context with a process scheduled, and
/// `ctx.hp`/`ctx.sp` and `ctx.x[..live]` must be current.
#[no_mangle]
pub unsafe extern "C" fn rt_gc(ctx: *mut Ctx, need: u64, live: u64) {
    crate::gc::collect(&mut *ctx, need as usize, live as usize);
}
