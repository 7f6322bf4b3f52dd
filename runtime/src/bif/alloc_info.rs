//! BEAM's asynchronous allocator-information requests, as girder can
//! answer them: `erlang:system_info({memory_internal, Ref, Allocs})` and
//! `erlang:system_info({allocator_sizes, Ref, Allocs})` (OTP's tests and
//! `erlang:memory/0`'s helpers use them), and
//! `erts_internal:no_aux_work_threads/0`, which says how many replies to
//! wait for.
//!
//! BEAM answers `true` and has each of its aux-work threads but the
//! standard one send `{Ref, ThreadIx, InfoList}`, with one entry per
//! requested allocator: `{Name, Instance, Info}` for an enabled one, or
//! `{Name, false}` for one that is not enabled. Girder allocates with the
//! system allocator: none of BEAM's alloc_util allocators exist (as
//! `system_info(alloc_util_allocators)` says: `[]`), so each is
//! `{Name, false}`, as are `mseg_alloc` and `erts_mmap` (BEAM without
//! mseg/mmap support answers so too); `sys_alloc` and `alloc_util` have
//! their global entry, without options, as for these size-only requests.
//! Girder's aux work is done by its one scheduler thread (index 1), so
//! there are two aux-work threads, as in BEAM with one scheduler, and one
//! reply.

use super::{bif, BifDef};
use crate::data::build::make_tuple;
use crate::heap::ctx::Ctx;
use crate::term::atom::{self, am};
use crate::term::{Term, NIL};

pub const BIFS: &[BifDef] = &[bif!(
    "erts_internal",
    "no_aux_work_threads",
    0,
    no_aux_work_threads_0
)];

/// Aux-work threads: the standard one and the one scheduler.
const AUX_WORK_THREADS: i64 = 2;
/// The thread index that replies (the scheduler).
const REPLY_THREAD: i64 = 1;

/// BEAM's allocator names (`erts_alc_a2ad`) and the extra request names.
const ALLOCATORS: &[&str] = &[
    "sys_alloc",
    "temp_alloc",
    "sl_alloc",
    "std_alloc",
    "ll_alloc",
    "eheap_alloc",
    "ets_alloc",
    "fix_alloc",
    "literal_alloc",
    "exec_alloc",
    "binary_alloc",
    "driver_alloc",
    "test_alloc",
    "mseg_alloc",
    "erts_mmap",
    "alloc_util",
];

fn no_aux_work_threads_0(_ctx: &mut Ctx, _args: &[Term; 0]) -> Term {
    Term::small(AUX_WORK_THREADS)
}

/// `system_info({memory_internal | allocator_sizes, Ref, Allocs})`:
/// `true` after queueing the reply to the caller, or `badarg` (a ref
/// that is not local, an improper list, an unknown or repeated name).
pub fn request(ctx: &mut Ctx, r: Term, allocs: Term) -> Term {
    if !r.is_boxed_of(crate::term::HDR_REF) {
        return ctx.badarg();
    }
    let mut names: Vec<Term> = Vec::new();
    let mut l = allocs;
    while l.is_list() {
        // SAFETY: `l` is a cons cell.
        let (h, t) = unsafe { (l.head(), l.tail()) };
        if !h.is_atom() || !ALLOCATORS.contains(&atom::name(h)) || names.contains(&h) {
            return ctx.badarg();
        }
        names.push(h);
        l = t;
    }
    if !l.is_nil() {
        return ctx.badarg();
    }
    let mut list = NIL;
    for &name in names.iter().rev() {
        let entry = match atom::name(name) {
            "sys_alloc" | "alloc_util" => make_tuple(ctx, &[name, Term::small(0), NIL]),
            _ => make_tuple(ctx, &[name, am::FALSE]),
        };
        list = crate::data::build::cons(ctx, entry, list);
    }
    let msg = make_tuple(ctx, &[r, Term::small(REPLY_THREAD), list]);
    // SAFETY: a process is scheduled on `ctx`.
    let me = unsafe { ctx.process().pid };
    crate::proc::signal::send_copied(me, crate::gc::copy::copy_to_message(msg));
    am::TRUE
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testutil::TestProc;

    #[test]
    fn bad_requests() {
        let mut tp = TestProc::new();
        let ctx = tp.ctx();
        let r = crate::data::build::make_ref(ctx);
        let fix = atom::intern("fix_alloc");
        let two = crate::data::build::list_from_slice(ctx, &[fix, fix]);
        assert!(request(ctx, r, two).is_non_value());
        let one = crate::data::build::list_from_slice(ctx, &[atom::intern("nope")]);
        assert!(request(ctx, r, one).is_non_value());
        let ok = crate::data::build::list_from_slice(ctx, &[fix]);
        assert!(request(ctx, Term::small(1), ok).is_non_value());
    }
}
