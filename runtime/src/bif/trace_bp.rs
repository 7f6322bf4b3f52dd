//! The breakpoint table behind `erlang:trace_pattern/3`: per function,
//! what BEAM keeps in a function's generic breakpoint (`beam_bp.c`) —
//! call tracing (global or local, with its match specification), meta
//! tracing (its own tracer and match specification), a call counter and
//! call times. Girder has no breakpoints in the code: processes step from
//! function entry to function entry (`sched::traced`) while the table
//! asks for it, and the call hook (`bif/trace_call.rs`) looks the entered
//! function up here.
//!
//! Which processes step: those with the `call` flag while any call trace
//! or call time part exists (`traced::PATTERNS`), every process while a
//! meta or call count part exists (`traced::STEP_ALL`): meta trace
//! messages and counts do not depend on the process's trace flags.

use crate::ets::ms::CompiledMs;
use crate::heap::process::Message;
use crate::term::Term;
use std::collections::HashMap;
use std::sync::atomic::{AtomicBool, AtomicI64, AtomicU64, Ordering};
use std::sync::{Arc, Mutex, OnceLock, RwLock};

/// Call tracing of the function (`global` or `local`).
pub struct TracePart {
    pub local: bool,
    /// The compiled spec; None: match every call (`true`, `[]`).
    pub ms: Option<Arc<CompiledMs>>,
    /// The spec as given (for `trace_info`), in a message of its own.
    pub source: Arc<Message>,
}

/// Meta tracing: messages go to `tracer` whatever the process's flags.
pub struct MetaPart {
    /// The meta tracer's pid; 0 once it was found gone (`{meta, []}`).
    pub tracer: AtomicU64,
    pub ms: Option<Arc<CompiledMs>>,
    pub source: Arc<Message>,
}

/// `call_count`: calls counted while active (`pause` stops counting).
pub struct Counter {
    pub count: AtomicI64,
    pub active: AtomicBool,
}

/// `call_time`: per process, calls and nanoseconds spent (while
/// scheduled in) in the function, while active.
#[derive(Default)]
pub struct Timer {
    pub active: AtomicBool,
    pub per_pid: Mutex<HashMap<u64, (i64, i64)>>,
}

impl Timer {
    fn new() -> Timer {
        Timer {
            active: AtomicBool::new(true),
            per_pid: Mutex::default(),
        }
    }

    /// Adds `calls` and `ns` to `pid`'s line.
    pub fn add(&self, pid: Term, calls: i64, ns: i64) {
        let mut m = self.per_pid.lock().unwrap_or_else(|e| e.into_inner());
        let e = m.entry(pid.raw()).or_insert((0, 0));
        e.0 += calls;
        e.1 += ns.max(0);
    }
}

/// One function's breakpoint; parts are shared (`Arc`) so that a
/// snapshot for the call hook is cheap and outlives table changes.
#[derive(Default, Clone)]
pub struct Entry {
    pub trace: Option<Arc<TracePart>>,
    pub meta: Option<Arc<MetaPart>>,
    pub count: Option<Arc<Counter>>,
    pub time: Option<Arc<Timer>>,
}

impl Entry {
    pub fn is_empty(&self) -> bool {
        self.trace.is_none() && self.meta.is_none() && self.count.is_none() && self.time.is_none()
    }

    /// Any breakpoint part (all but global call tracing).
    pub fn has_breakpoint(&self) -> bool {
        self.trace.as_ref().is_some_and(|t| t.local)
            || self.meta.is_some()
            || self.count.is_some()
            || self.time.is_some()
    }
}

pub type Key = (u64, u64, u32);

pub fn table() -> &'static RwLock<HashMap<Key, Entry>> {
    static T: OnceLock<RwLock<HashMap<Key, Entry>>> = OnceLock::new();
    T.get_or_init(Default::default)
}

pub fn key(m: Term, f: Term, a: u32) -> Key {
    (m.raw(), f.raw(), a)
}

/// A snapshot of `m:f/a`'s breakpoint, if any.
pub fn lookup(m: Term, f: Term, a: u32) -> Option<Entry> {
    table()
        .read()
        .unwrap_or_else(|e| e.into_inner())
        .get(&key(m, f, a))
        .cloned()
}

/// Recomputes which processes step after the table changed.
pub fn publish(t: &HashMap<Key, Entry>) {
    let mut calls = false;
    let mut all = false;
    for e in t.values() {
        calls |= e.trace.is_some() || e.time.is_some();
        all |= e.meta.is_some() || e.count.is_some();
    }
    crate::sched::traced::PATTERNS.store(calls, Ordering::Relaxed);
    crate::sched::traced::STEP_ALL.store(all, Ordering::Relaxed);
}

/// What `trace_pattern/3`'s second argument asks for.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Op {
    Off,
    On,
    Restart,
    Pause,
}

/// The options of `trace_pattern/3`'s flag list.
#[derive(Clone, Copy, Default)]
pub struct Opts {
    pub local: bool,
    /// The meta tracer (a pid) when `meta` was asked for.
    pub meta: Option<Term>,
    pub count: bool,
    pub time: bool,
}

impl Opts {
    /// Any breakpoint option (else: global call tracing).
    pub fn breakpoint(&self) -> bool {
        self.local || self.meta.is_some() || self.count || self.time
    }
}

/// The spec part of a pattern: compiled spec and source.
#[derive(Clone)]
pub struct Spec {
    pub ms: Option<Arc<CompiledMs>>,
    pub source: Arc<Message>,
}

/// Sets breakpoint parts of `e` as BEAM's `set_function_break` does.
pub fn set_parts(e: &mut Entry, op: Op, o: &Opts, spec: &Spec) {
    let existed = !e.is_empty();
    if o.local {
        e.trace = Some(Arc::new(TracePart {
            local: true,
            ms: spec.ms.clone(),
            source: spec.source.clone(),
        }));
    }
    if let Some(t) = o.meta {
        e.meta = Some(Arc::new(MetaPart {
            tracer: AtomicU64::new(t.raw()),
            ms: spec.ms.clone(),
            source: spec.source.clone(),
        }));
    }
    // `restart` and `pause` create no breakpoint where there was none.
    let fresh = op == Op::On || existed || o.local || o.meta.is_some();
    if o.count {
        match &e.count {
            Some(c) => {
                if op == Op::Pause {
                    c.active.store(false, Ordering::Relaxed);
                } else {
                    c.count.store(0, Ordering::Relaxed);
                    c.active.store(true, Ordering::Relaxed);
                }
            }
            None if fresh => {
                e.count = Some(Arc::new(Counter {
                    count: AtomicI64::new(0),
                    active: AtomicBool::new(true),
                }))
            }
            None => {}
        }
    }
    if o.time {
        match &e.time {
            Some(t) => {
                if op == Op::Pause {
                    t.active.store(false, Ordering::Relaxed);
                } else {
                    t.per_pid.lock().unwrap_or_else(|e| e.into_inner()).clear();
                    t.active.store(true, Ordering::Relaxed);
                }
            }
            None if fresh || !e.is_empty() => e.time = Some(Arc::new(Timer::new())),
            None => {}
        }
    }
}

/// Clears the breakpoint parts `o` names.
pub fn clear_parts(e: &mut Entry, o: &Opts) {
    if o.local && e.trace.as_ref().is_some_and(|t| t.local) {
        e.trace = None;
    }
    if o.meta.is_some() {
        e.meta = None;
    }
    if o.count {
        e.count = None;
    }
    if o.time {
        e.time = None;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn spec() -> Spec {
        Spec {
            ms: None,
            source: Arc::new(crate::gc::copy::copy_to_message(crate::term::NIL)),
        }
    }

    fn count_opts() -> Opts {
        Opts {
            count: true,
            ..Opts::default()
        }
    }

    fn count(e: &Entry) -> Option<(i64, bool)> {
        e.count.as_ref().map(|c| {
            (
                c.count.load(Ordering::Relaxed),
                c.active.load(Ordering::Relaxed),
            )
        })
    }

    #[test]
    fn restart_and_pause_create_no_breakpoint() {
        let mut e = Entry::default();
        set_parts(&mut e, Op::Restart, &count_opts(), &spec());
        set_parts(&mut e, Op::Pause, &count_opts(), &spec());
        assert!(e.is_empty());
    }

    #[test]
    fn counter_on_pause_restart() {
        let mut e = Entry::default();
        set_parts(&mut e, Op::On, &count_opts(), &spec());
        assert_eq!(count(&e), Some((0, true)));
        e.count.as_ref().unwrap().count.store(7, Ordering::Relaxed);
        set_parts(&mut e, Op::Pause, &count_opts(), &spec());
        assert_eq!(count(&e), Some((7, false)));
        set_parts(&mut e, Op::Restart, &count_opts(), &spec());
        assert_eq!(count(&e), Some((0, true)));
        e.count.as_ref().unwrap().count.store(3, Ordering::Relaxed);
        // `true` on an existing counter also starts it from zero.
        set_parts(&mut e, Op::On, &count_opts(), &spec());
        assert_eq!(count(&e), Some((0, true)));
        clear_parts(&mut e, &count_opts());
        assert!(e.is_empty());
    }

    #[test]
    fn clearing_local_keeps_global_tracing() {
        let mut e = Entry {
            trace: Some(Arc::new(TracePart {
                local: false,
                ms: None,
                source: spec().source,
            })),
            ..Entry::default()
        };
        assert!(!e.has_breakpoint());
        let local = Opts {
            local: true,
            ..Opts::default()
        };
        clear_parts(&mut e, &local);
        assert!(e.trace.is_some());
        set_parts(&mut e, Op::On, &local, &spec());
        assert!(e.has_breakpoint());
        clear_parts(&mut e, &local);
        assert!(e.is_empty());
    }
}
