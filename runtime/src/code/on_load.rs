//! Modules waiting for their `-on_load` function.
//!
//! BEAM loads a module with an on_load function without making its exports
//! callable; the function runs in a process of its own, and only when it
//! returns `ok` does the code become current for everyone (else it is
//! unloaded and the load fails with `on_load_failure`). The loader (the
//! JIT's publish step) registers such a module here with the addresses its
//! exports will get instead of setting them; `abi::on_load` runs the
//! function and calls [`finish`]. Callers of the module meanwhile wait
//! (`bif::on_load`).

use crate::code::export::Export;
use crate::term::Term;
use std::collections::HashMap;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Mutex, OnceLock};

/// Where a module's on_load function is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum State {
    /// Loaded, the function not started yet.
    Prepared,
    /// Running in this process (raw pid term).
    Running(u64),
    /// Erlang code runs it (the code server, through
    /// `erlang:call_on_load_function/1`) and ends the wait with
    /// `erlang:finish_after_on_load/2`.
    External,
}

struct Pending {
    /// The exports and the addresses they get on success.
    exports: Vec<(&'static Export, usize)>,
    /// The on_load function (arity 0) and its entry address.
    function: Term,
    entry: usize,
    state: State,
}

fn table() -> &'static Mutex<HashMap<u64, Pending>> {
    static T: OnceLock<Mutex<HashMap<u64, Pending>>> = OnceLock::new();
    T.get_or_init(|| Mutex::new(HashMap::new()))
}

/// How many modules wait: lets the exit path skip the lock when none do.
static WAITING: AtomicUsize = AtomicUsize::new(0);

fn lock() -> std::sync::MutexGuard<'static, HashMap<u64, Pending>> {
    table().lock().unwrap_or_else(|e| e.into_inner())
}

/// Registers module `m`, just loaded, whose on_load function `function`
/// starts at `entry`; `exports` get their addresses when it succeeds.
/// `natively`: girder starts the function itself at the first call (else
/// Erlang code does: `State::External`).
pub fn register(
    m: Term,
    function: Term,
    entry: usize,
    exports: Vec<(&'static Export, usize)>,
    natively: bool,
) {
    let mut t = lock();
    t.insert(
        m.raw(),
        Pending {
            exports,
            function,
            entry,
            state: if natively {
                State::Prepared
            } else {
                State::External
            },
        },
    );
    WAITING.store(t.len(), Ordering::Release);
}

/// The state of `m`, if it waits for its on_load function.
pub fn state(m: Term) -> Option<State> {
    lock().get(&m.raw()).map(|p| p.state)
}

/// The on_load function of `m` and its entry value, if `m` waits for it.
pub fn function(m: Term) -> Option<(Term, usize)> {
    lock().get(&m.raw()).map(|p| (p.function, p.entry))
}

/// Marks `m`'s on_load function as running in `pid` and returns its name
/// and entry address, if it was prepared (exactly one caller gets it).
pub fn start(m: Term, pid: impl FnOnce() -> Term) -> Option<(Term, usize)> {
    let mut t = lock();
    let p = t.get_mut(&m.raw())?;
    if p.state != State::Prepared {
        return None;
    }
    p.state = State::Running(pid().raw());
    Some((p.function, p.entry))
}

/// The module whose on_load function runs in `pid`, if any.
pub fn module_run_by(pid: Term) -> Option<Term> {
    if WAITING.load(Ordering::Acquire) == 0 {
        return None;
    }
    lock()
        .iter()
        .find(|(_, p)| p.state == State::Running(pid.raw()))
        .map(|(&m, _)| Term(m))
}

/// Ends `m`'s wait: with `ok`, its exports become callable; otherwise
/// they stay unresolved (the caller unloads the code). Returns false if
/// `m` was not waiting.
pub fn finish(m: Term, ok: bool) -> bool {
    let p = {
        let mut t = lock();
        let p = t.remove(&m.raw());
        WAITING.store(t.len(), Ordering::Release);
        p
    };
    let Some(p) = p else {
        return false;
    };
    if ok {
        for (e, a) in p.exports {
            e.set_address(a);
        }
    }
    true
}
