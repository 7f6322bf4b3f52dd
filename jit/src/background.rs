//! Compiling ahead on a spare core (cold starts).
//!
//! When a function compiles at its first call, the functions it calls
//! directly (local ones, and remote ones of loaded modules not compiled
//! yet) are likely to be called soon. With more than one CPU,
//! one background thread compiles them by the fast tier while the
//! scheduler runs: their table entries then hold code when the first call
//! comes, and the scheduler does not stop to compile. The thread takes
//! the newest job first (the function that just compiled is the one
//! running), and the queue is bounded (old guesses are dropped).
//!
//! Only Cranelift's code generation, the bulk of a compile, runs without
//! the module's lock (`ModState::speculate`): lowering and placing hold
//! it, as every compile does, and a first call of a function being
//! compiled here waits for it instead of compiling it twice.
//!
//! A module version's state is freed only when no job refers to it:
//! `forget` (from its `Drop`) removes its queued jobs and waits while the
//! thread works on it. Several scheduler threads later change nothing
//! here: the queue and the per-module lock are already shared.
//!
//! It is off by default (measured: no wall-time gain on the 2-CPU machine
//! this was built on); `GIRDER_BG_COMPILE=auto` turns it on when the
//! machine has more than one CPU, `=1` always (tests). It needs the fast
//! tier, and is not used when dumping code (`+JDdump`, perf maps).

use crate::lazy::ModState;
use crate::lower::{ADDR_MASK, ENTRY_SHIFT};
use std::collections::{HashMap, VecDeque};
use std::sync::{Condvar, Mutex, OnceLock};

/// Most jobs waiting; older ones are dropped first.
const MAX_QUEUED: usize = 256;

/// A function calling more functions than this is not followed: it is
/// likely a dispatcher that calls one of them per call (a parser state).
/// Measured on the cold real boot: with no limit 38% of the functions
/// compiled ahead were called, with 8 about 65%, for the same number of
/// first calls that found their code ready.
pub const MAX_FAN_OUT: usize = 8;

/// How far ahead of the scheduler the thread follows calls: the callees
/// of a first call have depth 1, and the callees of a function compiled
/// ahead are queued too while their depth stays within this. Measured on
/// the cold boot (`halt()`, session 10): depth 2 takes 40% more first-call
/// compiles off the scheduler than depth 1, but each compile left to it
/// got 40% slower (the two CPUs of this machine share more than they
/// seem to), so wall time grew: 1.
pub const MAX_DEPTH: u8 = 1;

struct Queue {
    /// (module state address, function index, depth), newest last.
    jobs: VecDeque<(usize, u32, u8)>,
    /// The module state the thread is working on (0: none).
    busy: usize,
    /// Lazy stub address -> its module state, for the remote callees of
    /// a function: an export entry holding a stub value names the
    /// module and function not compiled yet.
    stubs: HashMap<usize, usize>,
    /// The thread waits for jobs: an enqueue must wake it. Otherwise it
    /// finds them when it finishes its job (no wake-up system call per
    /// enqueue: with one per first call they cost the scheduler more than
    /// the compiles it was spared).
    idle: bool,
    /// Callers of `forget` waiting for the thread to leave their module.
    forgetting: usize,
}

fn queue() -> &'static (Mutex<Queue>, Condvar) {
    static Q: OnceLock<(Mutex<Queue>, Condvar)> = OnceLock::new();
    Q.get_or_init(|| {
        (
            Mutex::new(Queue {
                jobs: VecDeque::new(),
                busy: 0,
                stubs: HashMap::new(),
                idle: false,
                forgetting: 0,
            }),
            Condvar::new(),
        )
    })
}

/// Whether compiling ahead is on (decided once, the thread started then).
pub fn enabled() -> bool {
    static ON: OnceLock<bool> = OnceLock::new();
    *ON.get_or_init(|| {
        let cpus = std::thread::available_parallelism().map_or(1, |n| n.get());
        // Off unless asked for: on this 2-CPU machine it saved the
        // scheduler ~30% of its first-call compiles on the cold boot but
        // no wall time (ARCHITECTURE "Compiling ahead").
        let wanted = match std::env::var("GIRDER_BG_COMPILE").as_deref() {
            Ok("1") => true, // also with one CPU (tests)
            Ok("auto") => cpus > 1,
            _ => false,
        };
        let on = wanted && crate::tier::enabled();
        on && std::thread::Builder::new()
            .name("girder-compile-ahead".into())
            .spawn(worker)
            .is_ok()
    })
}

/// Registers the lazy stub of the module state `st`.
pub fn register_stub(stub: usize, st: &ModState) {
    let (m, _) = queue();
    let mut q = m.lock().unwrap_or_else(|e| e.into_inner());
    q.stubs.insert(stub, st as *const ModState as usize);
}

/// Queues functions `fis` of the module whose state is `st`, and the
/// functions whose entry values are `entries` if these are lazy stubs'
/// (remote functions not compiled yet), to be compiled ahead.
pub fn enqueue(st: &ModState, fis: Vec<u32>, entries: &[usize], depth: u8) {
    let (m, cv) = queue();
    let mut q = m.lock().unwrap_or_else(|e| e.into_inner());
    let key = st as *const ModState as usize;
    let remote: Vec<(usize, u32, u8)> = entries
        .iter()
        .filter_map(|&v| {
            let s = *q.stubs.get(&(v & ADDR_MASK as usize))?;
            Some((s, (v >> ENTRY_SHIFT) as u32, depth))
        })
        .collect();
    let before = q.jobs.len();
    // The thread takes the newest job first: pushed last-callee first,
    // a function's callees are compiled in the order it calls them.
    let jobs: Vec<(usize, u32, u8)> = fis
        .into_iter()
        .map(|fi| (key, fi, depth))
        .chain(remote)
        .collect();
    for job in jobs.into_iter().rev() {
        if q.jobs.len() == MAX_QUEUED {
            q.jobs.pop_front();
        }
        q.jobs.push_back(job);
    }
    if q.jobs.len() != before && q.idle {
        cv.notify_all();
    }
}

/// Called when the module state at `st` is about to be freed: drops its
/// jobs and returns once the thread no longer works on it.
pub fn forget(st: usize) {
    if !enabled() {
        return; // nothing was queued, compiled ahead or registered
    }
    let (m, cv) = queue();
    let mut q = m.lock().unwrap_or_else(|e| e.into_inner());
    q.stubs.retain(|_, s| *s != st);
    q.jobs.retain(|&(s, _, _)| s != st);
    q.forgetting += 1;
    while q.busy == st {
        q = cv.wait(q).unwrap_or_else(|e| e.into_inner());
    }
    q.forgetting -= 1;
    drop(q);
    // Its function table (the entry counters) goes with it.
    crate::cache::settle_ahead(Some(st));
}

fn worker() {
    let (m, cv) = queue();
    loop {
        let (st, fi, depth) = {
            let mut q = m.lock().unwrap_or_else(|e| e.into_inner());
            loop {
                if let Some(j) = q.jobs.pop_back() {
                    q.busy = j.0;
                    break j;
                }
                q.idle = true;
                q = cv.wait(q).unwrap_or_else(|e| e.into_inner());
                q.idle = false;
            }
        };
        // SAFETY: `st` was queued by a live module state, and a state is
        // freed only after `forget` removed its jobs and saw `busy` clear
        // of it; `busy` was set under the queue lock while the job was
        // still queued, so the state is live until `busy` is cleared.
        let state = unsafe { &*(st as *const ModState) };
        // A failure leaves the function uncompiled: its first call
        // compiles it (and reports any error there).
        let _ = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            state.speculate(fi as usize, depth)
        }));
        let mut q = m.lock().unwrap_or_else(|e| e.into_inner());
        q.busy = 0;
        if q.forgetting > 0 {
            cv.notify_all();
        }
    }
}
