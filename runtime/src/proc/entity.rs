//! Native entities and process exit hooks: how code in the layers above
//! the process layer (ports, on_load runs, ETS, open files) takes part in
//! sending, exiting and scheduling without the process layer or the
//! scheduler naming it. Both are registered at start-up and never
//! removed.
//!
//! - An [`Entity`] owns identifiers that have no process behind them (no
//!   heap, stack or code): a message sent to one is handed to the entity
//!   on the sender's scheduler instead of being queued. One entity serves
//!   every port identifier (`register_ports`, the port table of
//!   `io/port`): messages, links, unlinks and exit signals to a port go to
//!   it; ports end on their own and fire their monitors themselves.
//! - An [`ExitHook`] is told when any process returns from its initial
//!   call or ends.

use crate::heap::ctx::Ctx;
use crate::proc::ptable::ProcRef;
use crate::term::Term;
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
}

static HOOKS: RwLock<Vec<&'static dyn ExitHook>> = RwLock::new(Vec::new());
/// The entity serving every port identifier (the port table), if any.
static PORTS: std::sync::OnceLock<&'static dyn Entity> = std::sync::OnceLock::new();

/// Makes `e` the entity of every port identifier (once).
pub fn register_ports(e: &'static dyn Entity) {
    let _ = PORTS.set(e);
}

/// The entity owning `pid` (a port: no pid belongs to an entity), if any.
pub fn lookup(pid: Term) -> Option<&'static dyn Entity> {
    if pid.is_port() {
        return PORTS.get().copied();
    }
    None
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

/// The group leader of processes erts starts itself (`spawn::spawn`, with
/// no parent): `<0.0.0>`, the init process, as in erts.
pub fn default_group_leader() -> Term {
    Term::pid(0)
}

#[cfg(test)]
mod tests {
    use super::*;

    struct Quiet;
    impl ExitHook for Quiet {
        fn on_exit(&self, _ctx: &mut Ctx, pid: Term, _reason: Term) -> bool {
            pid == Term::pid(999_999)
        }
    }

    #[test]
    fn no_pid_is_an_entity() {
        assert!(!is_entity(Term::pid(999_998)));
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
