//! Magic references: reference terms that carry a Rust object living off
//! every heap (erl's "magic binaries" behind `#Ref<...>`: compiled match
//! specs, NIF resources such as file handles and zlib streams).
//!
//! Layout: `[hdr(HDR_REF, 3)] [id_hi] [id_lo] [raw *const Resource]`, a
//! plain local reference (arity 2) plus one raw word. Everything that looks
//! at ids only (display, external format, hashing by id, comparison — the
//! ids are unique, so the extra word never decides an order) treats it as
//! a plain reference, as erl does.
//!
//! Counting works like refc binaries (`binary::layout`): each magic ref
//! object on a heap, heap fragment or message owns one strong count of its
//! `Arc<Resource>`; `Process::off_heap` lists the ones on a process's heap
//! and fragments, the GC keeps the list up to date and releases the dead
//! ones, `copy_term` takes a count for the copy, and a dying process or a
//! dropped message gives its counts back.

use crate::heap::ctx::Ctx;
use crate::term::{header_arity, header_subtag, make_header, Term, HDR_REF};
use std::any::Any;
use std::collections::HashMap;
use std::sync::{Arc, Mutex, OnceLock, Weak};

/// The object behind a magic reference.
pub struct Resource {
    pub value: Box<dyn Any + Send + Sync>,
}

const MAGIC_ARITY: usize = 3;

/// Set in the low id word of every magic reference: bit 31 of its second
/// 32-bit reference number, BEAM's magic marker. An external form keeps
/// it, so a decoded reference whose resource is gone is still known to
/// have been a magic one.
pub const MAGIC_MARKER: u64 = 1 << 63;

/// True for the header word of a magic reference.
#[inline]
pub fn is_magic_header(h: u64) -> bool {
    header_subtag(h) == HDR_REF && header_arity(h) == MAGIC_ARITY
}

/// Builds a magic reference to `r` on the heap of the process bound to
/// `ctx` (a fresh reference id) and registers it in the process's
/// off-heap list.
pub fn make(ctx: &mut Ctx, r: Arc<Resource>) -> Term {
    let r_weak = Arc::downgrade(&r);
    let plain = crate::data::build::make_ref(ctx);
    // SAFETY: a local reference holds two id words after its header.
    let (hi, lo) = unsafe { (*plain.boxed_ptr().add(1), *plain.boxed_ptr().add(2)) };
    let lo = lo | MAGIC_MARKER;
    let t = write(ctx, hi, lo, r);
    remember(hi, lo, &r_weak);
    t
}

/// Writes a magic reference object (it takes over `r`'s count) and lists
/// it in the process's off-heap list.
fn write(ctx: &mut Ctx, hi: u64, lo: u64, r: Arc<Resource>) -> Term {
    let p = ctx.alloc(1 + MAGIC_ARITY);
    // SAFETY: `p` points at 4 freshly allocated words; the object takes
    // over the strong count `into_raw` leaves.
    unsafe {
        *p = make_header(MAGIC_ARITY, HDR_REF);
        *p.add(1) = hi;
        *p.add(2) = lo;
        *p.add(3) = Arc::into_raw(r) as u64;
        crate::data::binary::layout::register(ctx.proc_, p);
    }
    Term::boxed_from_ptr(p)
}

/// Live magic references by id, so that `binary_to_term` of an encoded
/// one gives the magic reference back while its resource lives (erl keeps
/// the same table). Dead entries are swept as the table grows.
struct Known {
    map: HashMap<(u64, u64), Weak<Resource>>,
    sweep_at: usize,
}

fn known() -> &'static Mutex<Known> {
    static K: OnceLock<Mutex<Known>> = OnceLock::new();
    K.get_or_init(|| {
        Mutex::new(Known {
            map: HashMap::new(),
            sweep_at: 64,
        })
    })
}

fn remember(hi: u64, lo: u64, w: &Weak<Resource>) {
    let mut k = known().lock().unwrap_or_else(|e| e.into_inner());
    if k.map.len() >= k.sweep_at {
        k.map.retain(|_, w| w.strong_count() > 0);
        k.sweep_at = (k.map.len() * 2).max(64);
    }
    k.map.insert((hi, lo), w.clone());
}

/// The reference with ids `hi`/`lo`: the magic reference if one with those
/// ids is alive, else a plain one.
pub fn ref_from_ids(ctx: &mut Ctx, hi: u64, lo: u64) -> Term {
    let live = {
        let k = known().lock().unwrap_or_else(|e| e.into_inner());
        k.map.get(&(hi, lo)).and_then(Weak::upgrade)
    };
    let Some(r) = live else {
        return crate::data::build::make_ref_with(ctx, hi, lo);
    };
    write(ctx, hi, lo, r)
}

/// The resource behind `t` if it is a magic reference. The borrow lasts
/// while the term is alive (its object holds a count).
pub fn get<'a>(t: Term) -> Option<&'a Resource> {
    if !t.is_boxed_of(HDR_REF) {
        return None;
    }
    // SAFETY: a boxed term points at a valid header; a magic ref's word 3
    // is an `Arc<Resource>` pointer whose count the object owns.
    unsafe {
        let p = t.boxed_ptr();
        if !is_magic_header(*p) {
            return None;
        }
        Some(&*(*p.add(3) as *const Resource))
    }
}

/// The resource behind `t` as a `T`, if `t` is a magic reference to one.
pub fn get_as<'a, T: Any>(t: Term) -> Option<&'a T> {
    get(t).and_then(|r| r.value.downcast_ref::<T>())
}

/// `(address, size, count)` of the resource behind the magic reference
/// object at `s`: where it lives, the bytes of its value and how many
/// holders it has (what `process_info(P, magic_ref)` lists).
/// # Safety
/// `s` must point at a live magic reference object.
pub unsafe fn describe(s: *const u64) -> (u64, usize, usize) {
    let raw = *s.add(3) as *const Resource;
    // Borrowed for the count only: the object keeps owning its count.
    let r = std::mem::ManuallyDrop::new(Arc::from_raw(raw));
    (
        raw as u64,
        std::mem::size_of_val(&*r.value),
        Arc::strong_count(&r),
    )
}

/// Hook for `copy_term`: the magic ref at `s` was copied; the copy owns a
/// count of its own.
/// # Safety
/// `s` must point at a magic reference object.
#[inline]
pub unsafe fn retain(s: *const u64) {
    Arc::increment_strong_count(*s.add(3) as *const Resource);
}

/// Gives back the count the magic ref object at `s` owns.
/// # Safety
/// `s` must point at a magic reference object whose count has not been
/// given back yet; the object must not be used as a term afterwards.
#[inline]
pub unsafe fn release(s: *const u64) {
    Arc::decrement_strong_count(*s.add(3) as *const Resource);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::gc::copy::{copy_term, size_of};

    #[test]
    fn counts_follow_copies() {
        let mut tp = crate::testutil::TestProc::new();
        let ctx = tp.ctx();
        let r = Arc::new(Resource {
            value: Box::new(42u32),
        });
        let t = make(ctx, r.clone());
        assert_eq!(Arc::strong_count(&r), 2);
        assert_eq!(get_as::<u32>(t), Some(&42));
        assert!(t.is_reference());
        let n = size_of(t);
        let mut buf = vec![0u64; n];
        let mut dst = buf.as_mut_ptr();
        // SAFETY: fresh buffer of the right size.
        let c = unsafe { copy_term(t, &mut dst) };
        assert_eq!(Arc::strong_count(&r), 3);
        assert_eq!(get_as::<u32>(c), Some(&42));
        assert!(crate::data::compare::eq_exact(t, c));
        // SAFETY: the copy is dropped here.
        unsafe { release(c.boxed_ptr()) };
        assert_eq!(Arc::strong_count(&r), 2);
    }

    #[test]
    fn gc_keeps_live_and_releases_dead() {
        let r = Arc::new(Resource {
            value: Box::new("res"),
        });
        let mut tp = crate::testutil::TestProc::new();
        {
            let ctx = tp.ctx();
            let live = make(ctx, r.clone());
            let _dead = make(ctx, r.clone());
            assert_eq!(Arc::strong_count(&r), 3);
            ctx.x[0] = live;
            crate::gc::collect(ctx, 0, 1);
            assert_eq!(Arc::strong_count(&r), 2);
            assert_eq!(get_as::<&str>(ctx.x[0]), Some(&"res"));
            // A decoded copy of a live one is the magic ref again.
            // SAFETY: x[0] is a magic ref.
            let (hi, lo) = unsafe { (*ctx.x[0].boxed_ptr().add(1), *ctx.x[0].boxed_ptr().add(2)) };
            let again = ref_from_ids(ctx, hi, lo);
            assert!(get(again).is_some());
            assert_eq!(Arc::strong_count(&r), 3);
        }
        drop(tp); // a dying process gives its counts back
        assert_eq!(Arc::strong_count(&r), 1);
    }
}
