//! BEAM's pending-purge state of funs (`erts_code_purger`'s protocol,
//! driven by `erts_internal:purge_module/2` in `bif/code_purge.rs`).
//!
//! While the purger checks the processes for references into the code it
//! purges, no process may get a new one by calling a fun of that code. So
//! `prepare` takes the fun entries that still point into the version away
//! from it (address 0, the real address kept here). A process that calls
//! one of them meanwhile (`abi::call`'s no-code branch asks `hold_caller`)
//! is suspended (`proc::suspend::hold`, no suspender) and continues in
//! `erts_code_purger:pending_purge_lambda(Module, Fun, Args)`, which
//! applies the fun again when it runs. It runs once the purge ends
//! (`finish`): an abort gives the entries their addresses back, so the
//! call goes to the old code; a completed purge leaves them without code,
//! so the call goes to `error_handler:undefined_lambda/3` (which may load
//! the module again) or raises `badfun`.
//!
//! One lock orders everything: `hold_caller` looks at the state and adds
//! the waiter under it, and `finish` restores the entries and then
//! resumes the waiters under it, so a caller either sees the purge pending
//! (and is resumed by `finish`) or sees it over (and reads the address
//! `finish` restored). Nothing here is on a fast path: a fun call only
//! gets here when its entry has no code.

use crate::code::module::{FunEntry, ModuleInfo};
use crate::heap::ctx::Ctx;
use crate::term::Term;
use std::sync::atomic::Ordering;
use std::sync::Mutex;

struct Pending {
    /// The module being purged.
    module: Term,
    /// The entries taken from the purged code and their addresses there.
    funs: Vec<(&'static FunEntry, usize)>,
    /// The processes suspended calling one of them.
    waiters: Vec<Term>,
}

static STATE: Mutex<Option<Pending>> = Mutex::new(None);

fn state() -> std::sync::MutexGuard<'static, Option<Pending>> {
    STATE.lock().unwrap_or_else(|e| e.into_inner())
}

/// A purge of `module`'s version `info` is prepared: its fun entries that
/// still point into its code lose their address until `finish`. A purge
/// still pending is finished as completed first (the purger never
/// overlaps them; this keeps its waiters from being lost).
pub fn prepare(module: Term, info: &ModuleInfo) {
    finish(false);
    let mut funs = Vec::new();
    for &fe in &info.funs {
        let a = fe.address();
        if info.owns_code(a)
            && fe
                .addr
                .compare_exchange(a, 0, Ordering::AcqRel, Ordering::Acquire)
                .is_ok()
        {
            funs.push((fe, a));
        }
    }
    *state() = Some(Pending {
        module,
        funs,
        waiters: Vec::new(),
    });
}

/// The pending purge ends: with `restore` (an aborted purge) the entries
/// get their addresses back unless a newer version gave them one; then
/// every process suspended by `hold_caller` is resumed.
pub fn finish(restore: bool) {
    let mut st = state();
    let Some(p) = st.take() else {
        return;
    };
    if restore {
        for (fe, a) in &p.funs {
            let _ = fe
                .addr
                .compare_exchange(0, *a, Ordering::AcqRel, Ordering::Acquire);
        }
    }
    for pid in p.waiters {
        crate::proc::suspend::release(pid);
    }
}

/// The module whose purge is pending, if any.
pub fn pending_module() -> Option<Term> {
    state().as_ref().map(|p| p.module)
}

/// The running process is calling a fun of entry `fe`, which has no
/// code: if that is because a purge of its code is pending, the process
/// is suspended until the purge ends and made to yield at its next call
/// (BEAM's `ERTS_VBUMP_ALL_REDS`), and the caller must continue in
/// `erts_code_purger:pending_purge_lambda/3` (true).
pub fn hold_caller(ctx: &mut Ctx, fe: &FunEntry) -> bool {
    let mut st = state();
    let Some(p) = st.as_mut() else {
        return false;
    };
    if p.module != fe.module || !p.funs.iter().any(|(e, _)| std::ptr::eq(*e, fe)) {
        return false;
    }
    // SAFETY: called from generated code with its process scheduled.
    let me = unsafe { ctx.process().pid };
    if crate::proc::suspend::hold(me) {
        p.waiters.push(me);
    }
    ctx.reds = 0;
    true
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::code::module::fun_entry_by_key;
    use crate::term::atom::intern;

    #[test]
    fn finish_restores_only_entries_still_without_code() {
        let m = intern("fun_purge_test_mod");
        let a = fun_entry_by_key(m, 0, 0, 0, 11);
        let b = fun_entry_by_key(m, 0, 0, 1, 11);
        a.addr.store(0, Ordering::Release);
        b.addr.store(0x5000, Ordering::Release);
        *state() = Some(Pending {
            module: m,
            funs: vec![(a, 0x1000), (b, 0x2000)],
            waiters: Vec::new(),
        });
        assert_eq!(pending_module(), Some(m));
        finish(true);
        assert_eq!(a.address(), 0x1000);
        // A newer version's address stays.
        assert_eq!(b.address(), 0x5000);
        assert_eq!(pending_module(), None);
        // Nothing pending: a second finish does nothing.
        a.addr.store(0, Ordering::Release);
        finish(true);
        assert_eq!(a.address(), 0);
    }
}
