//! Remote calls of globally traced functions (BEAM's breakpoint on an
//! export entry, `beam_bp.c`): a `global` call-trace pattern reports only
//! calls that go through the function's export entry — `M:F(...)`,
//! `apply`, `fun M:F/A`, spawn — never the local calls from inside its
//! module, which generated code makes straight to the function.
//!
//! Processes step from function entry to function entry
//! (`sched::traced`), and a function's entry looks the same however it
//! was reached. So while a function has a global pattern, its export
//! entry holds the entry value of one shared native stub (built by the
//! JIT, `STUB`) whose entry bits name a *slot* here: the stub calls
//! `rt_traced_export`, which records the export in `Ctx::trace_export`
//! and answers the function's real entry value, and the stub jumps there.
//! The function's entry then yields (stepping) and the call hook asks
//! `came_through` whether that export was the way in. Code that runs
//! without any global pattern never meets the stub: no cost there.
//!
//! The export's own address is what the loader and the JIT write: a new
//! module version overwrites the stub (its patterns are gone with the old
//! code, `trace_pattern::new_code`), and a tier-up that finds the stub in
//! place tells the slot instead (`retarget`).

use crate::code::export::Export;
use crate::heap::ctx::Ctx;
use crate::term::Term;
use std::collections::HashMap;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{OnceLock, RwLock};

/// The JIT's traced-export stub (a `CallConv::Tail` entry point whose
/// entry bits are a slot number); 0 until the JIT built it, and then no
/// export is redirected (a global pattern reports every call, as when
/// remote calls could not be told apart).
pub static STUB: AtomicUsize = AtomicUsize::new(0);

/// Where the entry bits of an entry value start (the JIT's
/// `ENTRY_SHIFT`, which the stub is built with).
const ENTRY_SHIFT: u32 = 48;

struct Slot {
    export: &'static Export,
    /// The function's entry value the stub continues at.
    real: AtomicUsize,
}

/// One slot per export ever traced globally, never freed (an entry value
/// naming a slot may sit in a process's resume address), so the vector
/// only grows; `index` finds an export's slot again.
#[derive(Default)]
struct Slots {
    list: Vec<&'static Slot>,
    index: HashMap<usize, usize>,
}

fn slots() -> &'static RwLock<Slots> {
    static S: OnceLock<RwLock<Slots>> = OnceLock::new();
    S.get_or_init(Default::default)
}

fn slot_of(e: &'static Export) -> Option<(usize, &'static Slot)> {
    let s = slots().read().unwrap_or_else(|p| p.into_inner());
    let k = *s.index.get(&(e as *const Export as usize))?;
    Some((k, s.list[k]))
}

fn slot_for(e: &'static Export) -> (usize, &'static Slot) {
    if let Some(r) = slot_of(e) {
        return r;
    }
    let mut s = slots().write().unwrap_or_else(|p| p.into_inner());
    let key = e as *const Export as usize;
    if let Some(&k) = s.index.get(&key) {
        return (k, s.list[k]);
    }
    let k = s.list.len();
    let slot: &'static Slot = Box::leak(Box::new(Slot {
        export: e,
        real: AtomicUsize::new(0),
    }));
    s.list.push(slot);
    s.index.insert(key, k);
    (k, slot)
}

/// The stub's entry value for slot `k` (None: no stub, or more slots
/// than the entry bits can name).
fn stub_value(k: usize) -> Option<usize> {
    let stub = STUB.load(Ordering::Acquire);
    (stub != 0 && k < (1 << (64 - ENTRY_SHIFT))).then_some(stub | (k << ENTRY_SHIFT))
}

/// Whether remote calls can be told from local ones (the stub exists).
pub fn available() -> bool {
    STUB.load(Ordering::Acquire) != 0
}

/// Routes calls through `m:f/a`'s export entry via the stub (`on`) or
/// straight to the function again. BIF exports keep their BIF stub (a
/// BIF's calls are reported where they are made), and an export with no
/// code stays unresolved.
pub fn set(m: Term, f: Term, a: u32, on: bool) {
    let Some(e) = crate::code::export::lookup(m, f, a) else {
        return;
    };
    // Girder's own trap modules (`'$girder_trap'`...) are reached by
    // address from the runtime, never as calls to report.
    if e.bif.is_some() || !available() || crate::term::atom::name(m).starts_with("$girder") {
        return;
    }
    if on {
        let (k, slot) = slot_for(e);
        let Some(sv) = stub_value(k) else {
            return;
        };
        let cur = e.address();
        if cur == 0 || cur == sv {
            return;
        }
        slot.real.store(cur, Ordering::Release);
        let _ = e
            .addr
            .compare_exchange(cur, sv, Ordering::AcqRel, Ordering::Acquire);
    } else if let Some((k, slot)) = slot_of(e) {
        if let Some(sv) = stub_value(k) {
            let real = slot.real.load(Ordering::Acquire);
            let _ = e
                .addr
                .compare_exchange(sv, real, Ordering::AcqRel, Ordering::Acquire);
        }
    }
}

/// The JIT replaced entry value `old` of a function by `new` (tier-up)
/// and found `e` not holding `old`: if `e` holds the stub, its slot goes
/// on at `new`.
pub fn retarget(e: &'static Export, old: usize, new: usize) {
    if let Some((_, slot)) = slot_of(e) {
        let _ = slot
            .real
            .compare_exchange(old, new, Ordering::AcqRel, Ordering::Acquire);
    }
}

/// What the stub calls with its entry bits `k` and the reductions left:
/// answers the entry value to go on at and records the export the call
/// came through when the function's entry will yield at once (`reds` at
/// most 1: its reduction check leaves none), which it does exactly when
/// a stepping process is to report the call there; otherwise it clears
/// the record, so that a record never outlives the entry it is for.
/// `k` comes from an entry value this module made (anything else
/// answers 0).
pub extern "C" fn rt_traced_export(ctx: &mut Ctx, k: u64, reds: i64) -> u64 {
    let slot = {
        let s = slots().read().unwrap_or_else(|p| p.into_inner());
        s.list.get(k as usize).copied()
    };
    let Some(slot) = slot else {
        // Not reachable: only `set` makes entry values naming slots.
        return 0;
    };
    ctx.trace_export = if reds <= 1 {
        slot.export as *const Export as u64
    } else {
        0
    };
    let cur = slot.export.address();
    // A newer module version took the export over meanwhile: go to its
    // code, as the export now does.
    let go = if stub_value(k as usize) == Some(cur) || cur == 0 {
        slot.real.load(Ordering::Acquire)
    } else {
        cur
    };
    go as u64
}

/// The call hook's question at the entry of `m:f/a`: did the call come
/// through its export entry (a remote call)? Clears the record either way
/// (it belongs to this one entry). True when the stub does not exist.
pub fn came_through(ctx: &mut Ctx, m: Term, f: Term, a: u32) -> bool {
    let e = std::mem::take(&mut ctx.trace_export);
    if !available() {
        return true;
    }
    e != 0 && {
        // SAFETY: `trace_export` only ever holds a leaked export entry's
        // address (`rt_traced_export`).
        let e = unsafe { &*(e as *const Export) };
        e.module == m && e.function == f && e.arity == a
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::term::atom::intern;

    #[test]
    fn stub_round_trip() {
        crate::bif::install();
        STUB.store(0x7000_0000, Ordering::Release);
        let (m, f) = (intern("trace_export_test"), intern("f"));
        let e = crate::code::export::get_or_create(m, f, 1);
        e.set_address(0x5000);
        set(m, f, 1, true);
        let (k, _) = slot_of(e).unwrap();
        assert_eq!(e.address(), 0x7000_0000 | (k << ENTRY_SHIFT));
        let mut ctx = Ctx::new(0);
        assert_eq!(rt_traced_export(&mut ctx, k as u64, 1), 0x5000);
        assert!(came_through(&mut ctx, m, f, 1));
        assert!(!came_through(&mut ctx, m, f, 1));
        retarget(e, 0x5000, 0x6000);
        assert_eq!(rt_traced_export(&mut ctx, k as u64, 1), 0x6000);
        assert!(!came_through(&mut ctx, m, intern("g"), 1));
        // An entry that does not yield at once is not the one reported.
        rt_traced_export(&mut ctx, k as u64, 5);
        assert!(!came_through(&mut ctx, m, f, 1));
        set(m, f, 1, false);
        assert_eq!(e.address(), 0x6000);
        // A reload overwrote the stub: turning tracing off leaves it.
        set(m, f, 1, true);
        e.set_address(0x9000);
        assert_eq!(rt_traced_export(&mut ctx, k as u64, 1), 0x9000);
        set(m, f, 1, false);
        assert_eq!(e.address(), 0x9000);
        STUB.store(0, Ordering::Release);
    }
}
