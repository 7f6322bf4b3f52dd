//! Native entities and process exit hooks: how code in the layers above
//! the process layer (the standard I/O servers, ports, the boot process)
//! takes part in sending, exiting and scheduling without the process
//! layer or the scheduler naming it. Both are registered at start-up and
//! never removed.
//!
//! - An [`Entity`] owns pids that have no process behind them (no heap,
//!   stack or code): a message sent to such a pid is handed to the entity
//!   on the sender's scheduler instead of being queued. The I/O servers
//!   never exit, so a monitor on one never fires (`monitor::add`). One
//!   entity serves every port identifier (`register_ports`, the port
//!   table of `io/port`): links, unlinks and exit signals to a port go to
//!   it too; ports end on their own and fire their monitors themselves.
//! - An [`ExitHook`] is told when any process returns from its initial
//!   call or ends, and may supply the frames below a process's initial
//!   call for stack traces built without a stack.

use crate::heap::ctx::Ctx;
use crate::proc::ptable::ProcRef;
use crate::term::Term;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::RwLock;

/// Rust code serving one or more pids (or, for the port table, ports).
pub trait Entity: Send + Sync {
    /// `msg` was sent to `to`, one of this entity's pids. `msg` lives on
    /// the sender's heap (the process bound to `ctx`): copy what is kept.
    fn deliver(&self, ctx: &mut Ctx, to: Term, msg: Term);

    /// The process `from` links to `to` (`link/1`). False if `to` no
    /// longer exists (the caller then acts as for a dead process).
    fn link(&self, _to: Term, _from: Term) -> bool {
        true
    }

    /// The process `from` unlinks from `to` (`unlink/1`).
    fn unlink(&self, _to: Term, _from: Term) {}

    /// An exit signal from `from` with `reason` (on the heap of the
    /// process bound to `ctx`); `linked`: `from` was linked and ended,
    /// otherwise it came from `exit/2`.
    fn exit_signal(&self, _ctx: &mut Ctx, _to: Term, _from: Term, _reason: Term, _linked: bool) {}
}

/// Observes process ends. Every registered hook is called for every
/// process; a hook ignores the processes that are not its own.
pub trait ExitHook: Send + Sync {
    /// The process `r` (bound to `ctx`, result in `x0`) returned from its
    /// initial call. True if the hook set up another call for it: the
    /// scheduler then queues it again instead of ending it.
    fn on_done(&self, _ctx: &mut Ctx, _r: &ProcRef) -> bool {
        false
    }

    /// The process `pid` (bound to `ctx`) ends with `reason`. True if the
    /// hook accounts for the exit, so no crash report is printed.
    fn on_exit(&self, _ctx: &mut Ctx, _pid: Term, _reason: Term) -> bool {
        false
    }

    /// The process `pid` (bound to `ctx`) has ended with `reason` and is
    /// unpublished (no longer in the process table); its links and
    /// monitors have not been told yet. ETS hands its tables on here.
    fn on_unpublished(&self, _ctx: &mut Ctx, _pid: Term) {}

    /// Appends the frames below `pid`'s initial call (for a process that
    /// fails before entering code).
    fn init_frames(&self, _ctx: &mut Ctx, _pid: Term, _out: &mut Vec<Term>) {}
}

static ENTITIES: RwLock<Vec<(Term, &'static dyn Entity)>> = RwLock::new(Vec::new());
static HOOKS: RwLock<Vec<&'static dyn ExitHook>> = RwLock::new(Vec::new());
/// Raw term of the default group leader; 0 (never a term) while unset.
static DEFAULT_LEADER: AtomicU64 = AtomicU64::new(0);
/// The entity serving every port identifier (the port table), if any.
static PORTS: std::sync::OnceLock<&'static dyn Entity> = std::sync::OnceLock::new();

/// Makes `e` the entity of every port identifier (once).
pub fn register_ports(e: &'static dyn Entity) {
    let _ = PORTS.set(e);
}

/// Makes `e` the owner of `pid` (a pid no process will ever get).
pub fn register(pid: Term, e: &'static dyn Entity) {
    ENTITIES.write().unwrap().push((pid, e));
}

/// The entity owning `pid` (a pid or a port), if any.
pub fn lookup(pid: Term) -> Option<&'static dyn Entity> {
    if pid.is_port() {
        return PORTS.get().copied();
    }
    if !pid.is_pid() {
        return None;
    }
    let t = ENTITIES.read().unwrap();
    t.iter().find(|(p, _)| *p == pid).map(|&(_, e)| e)
}

/// Whether `pid` belongs to an entity.
pub fn is_entity(pid: Term) -> bool {
    lookup(pid).is_some()
}

/// Registers `h`; the caller registers each hook once (hooks are often
/// zero-sized, so their addresses cannot tell them apart).
pub fn add_exit_hook(h: &'static dyn ExitHook) {
    HOOKS.write().unwrap().push(h);
}

fn hooks() -> Vec<&'static dyn ExitHook> {
    HOOKS.read().unwrap().clone()
}

/// Runs every hook's `on_done`; true if one of them set up another call.
/// (The lock is not held while hooks run: they may spawn and send.)
pub fn on_done(ctx: &mut Ctx, r: &ProcRef) -> bool {
    let mut again = false;
    for h in hooks() {
        again |= h.on_done(ctx, r);
    }
    again
}

/// Runs every hook's `on_exit`; true if one of them accounted for it.
pub fn on_exit(ctx: &mut Ctx, pid: Term, reason: Term) -> bool {
    let mut quiet = false;
    for h in hooks() {
        quiet |= h.on_exit(ctx, pid, reason);
    }
    quiet
}

/// Runs every hook's `on_unpublished`.
pub fn on_unpublished(ctx: &mut Ctx, pid: Term) {
    for h in hooks() {
        h.on_unpublished(ctx, pid);
    }
}

/// The frames the hooks put below `pid`'s initial call.
pub fn init_frames(ctx: &mut Ctx, pid: Term) -> Vec<Term> {
    let mut out = Vec::new();
    for h in hooks() {
        h.init_frames(ctx, pid, &mut out);
    }
    out
}

/// Sets the group leader of processes spawned without a parent's
/// (`spawn::spawn`): the standard I/O server.
pub fn set_default_group_leader(pid: Term) {
    DEFAULT_LEADER.store(pid.raw(), Ordering::Release);
}

/// The default group leader; `<0.0.0>` (what `Process::new` starts with)
/// if none was set (unit tests that run no I/O).
pub fn default_group_leader() -> Term {
    match DEFAULT_LEADER.load(Ordering::Acquire) {
        0 => Term::pid(0),
        raw => Term(raw),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    struct Sink;
    impl Entity for Sink {
        fn deliver(&self, _ctx: &mut Ctx, _to: Term, _msg: Term) {}
    }

    struct Quiet;
    impl ExitHook for Quiet {
        fn on_exit(&self, _ctx: &mut Ctx, pid: Term, _reason: Term) -> bool {
            pid == Term::pid(999_999)
        }
    }

    #[test]
    fn entities_are_found_by_pid() {
        static S: Sink = Sink;
        let pid = Term::pid(999_998);
        assert!(!is_entity(pid));
        register(pid, &S);
        assert!(is_entity(pid));
        assert!(!is_entity(Term::small(999_998)));
    }

    #[test]
    fn exit_hooks_answer_for_their_processes() {
        static Q: Quiet = Quiet;
        add_exit_hook(&Q);
        let mut tp = crate::testutil::TestProc::new();
        assert!(on_exit(
            tp.ctx(),
            Term::pid(999_999),
            crate::term::atom::am::NORMAL
        ));
        assert!(!on_exit(
            tp.ctx(),
            Term::pid(999_997),
            crate::term::atom::am::NORMAL
        ));
    }
}
