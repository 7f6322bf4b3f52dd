//! Process aliases: `erlang:alias/0,1`, `unalias/1`, `monitor/3` (with
//! the `{alias, Mode}` option) and `send/3`; `native::recv::send` hands
//! messages addressed to a reference to [`send_to_ref`].
//!
//! One global table maps an alias (the id words of its reference) to the
//! owning pid and its deactivation mode. A message sent to an active
//! alias goes to the owner; to anything else, silently nowhere.
//! Deactivation:
//! - `explicit_unalias`: only `unalias/1`;
//! - `demonitor` (monitor aliases): `unalias/1`, `demonitor/1,2` (hooked in
//!   `bif/monitor.rs`), or the monitor firing — checked lazily when a
//!   message is sent, since a fired monitor is no longer in the monitor
//!   table;
//! - `reply_demonitor`: as `demonitor`, and also after the first message
//!   delivered through the alias (which also removes the monitor);
//! - `reply` (`alias([reply])`): after the first message.
//!
//! Entries of processes that exit stay until a send or `unalias` finds
//! them (a send to a dead owner drops the message and the entry).

use super::{bif, BifDef};
use crate::atom::{am, intern};
use crate::build::{list_to_vec, make_ref};
use crate::ctx::Ctx;
use crate::monitor::{self, RefId};
use crate::term::Term;
use std::collections::HashMap;
use std::sync::{Mutex, OnceLock};

pub const BIFS: &[BifDef] = &[
    bif!("erlang", "alias", 0, alias_0),
    bif!("erlang", "alias", 1, alias_1),
    bif!("erlang", "unalias", 1, unalias_1),
    bif!("erlang", "monitor", 3, monitor_3),
    bif!("erlang", "send", 3, send_3),
];

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Mode {
    ExplicitUnalias,
    Demonitor,
    ReplyDemonitor,
    Reply,
}

#[derive(Clone, Copy, Debug)]
struct Entry {
    owner: Term,
    mode: Mode,
    /// The alias is a monitor reference whose monitor was registered in
    /// the monitor table (so its absence there means it fired).
    tracked: bool,
}

impl Entry {
    /// A `demonitor`/`reply_demonitor` monitor alias whose monitor fired
    /// (is no longer in the monitor table): inactive.
    fn fired(&self, id: RefId) -> bool {
        self.tracked
            && matches!(self.mode, Mode::Demonitor | Mode::ReplyDemonitor)
            && !monitor::is_active(id)
    }
}

fn table() -> &'static Mutex<HashMap<RefId, Entry>> {
    static T: OnceLock<Mutex<HashMap<RefId, Entry>>> = OnceLock::new();
    T.get_or_init(|| Mutex::new(HashMap::new()))
}

fn self_pid(ctx: &mut Ctx) -> Term {
    // SAFETY: a process is scheduled on `ctx` while a BIF runs.
    unsafe { ctx.process().pid }
}

fn register(r: Term, owner: Term, mode: Mode, tracked: bool) {
    if let Some(id) = monitor::ref_id(r) {
        table().lock().unwrap().insert(
            id,
            Entry {
                owner,
                mode,
                tracked,
            },
        );
    }
}

/// `demonitor` removed the monitor `id`: its `demonitor`/`reply_demonitor`
/// alias (if any) is deactivated too.
pub fn on_demonitor(id: RefId) {
    let mut t = table().lock().unwrap();
    if t.get(&id)
        .is_some_and(|e| matches!(e.mode, Mode::Demonitor | Mode::ReplyDemonitor))
    {
        t.remove(&id);
    }
}

/// The owner of the active alias `r`, applying the one-shot modes (the
/// alias is consumed by this message).
fn resolve(r: Term) -> Option<Term> {
    let id = monitor::ref_id(r)?;
    let mut t = table().lock().unwrap();
    let e = *t.get(&id)?;
    if e.fired(id) {
        t.remove(&id);
        return None;
    }
    match e.mode {
        Mode::Reply => {
            t.remove(&id);
        }
        Mode::ReplyDemonitor => {
            t.remove(&id);
            drop(t);
            monitor::remove(id);
        }
        Mode::ExplicitUnalias | Mode::Demonitor => {}
    }
    Some(e.owner)
}

/// `Ref ! Msg`: delivers to the owner of an active alias; any other
/// reference drops the message. Returns `msg`.
pub fn send_to_ref(ctx: &mut Ctx, r: Term, msg: Term) -> Term {
    let Some(owner) = resolve(r) else {
        return msg;
    };
    match crate::ptable::lookup(owner).filter(|p| p.is_alive()) {
        Some(p) => crate::signal::deliver_message(&p, crate::copy::copy_to_message(msg)),
        None => {
            if let Some(id) = monitor::ref_id(r) {
                table().lock().unwrap().remove(&id);
            }
        }
    }
    let _ = ctx;
    msg
}

fn alias_0(ctx: &mut Ctx, _args: &[Term; 0]) -> Term {
    let r = make_ref(ctx);
    let me = self_pid(ctx);
    register(r, me, Mode::ExplicitUnalias, false);
    r
}

fn alias_1(ctx: &mut Ctx, args: &[Term; 1]) -> Term {
    let opts = args[0];
    let Some(opts) = list_to_vec(opts) else {
        return ctx.badarg();
    };
    let mut mode = Mode::ExplicitUnalias;
    for o in opts {
        if o == intern("explicit_unalias") {
            mode = Mode::ExplicitUnalias;
        } else if o == intern("reply") {
            mode = Mode::Reply;
        } else {
            return ctx.badarg();
        }
    }
    let r = make_ref(ctx);
    let me = self_pid(ctx);
    register(r, me, mode, false);
    r
}

fn unalias_1(ctx: &mut Ctx, args: &[Term; 1]) -> Term {
    let r = args[0];
    let Some(id) = monitor::ref_id(r) else {
        return ctx.badarg();
    };
    let me = self_pid(ctx);
    let mut t = table().lock().unwrap();
    match t.get(&id) {
        Some(e) if e.owner == me => {
            let fired = e.fired(id);
            t.remove(&id);
            Term::boolean(!fired)
        }
        _ => am::FALSE,
    }
}

/// The `{alias, Mode}` option of `monitor/3` (the last one counts), or
/// `Err` for anything else (`{tag, _}` is not supported).
fn monitor_opts(opts: Term) -> Result<Option<Mode>, ()> {
    let opts = list_to_vec(opts).ok_or(())?;
    let mut mode = None;
    for o in opts {
        // SAFETY: element reads guarded by the tuple arity.
        let (k, v) = unsafe {
            if !o.is_tuple() || o.tuple_arity() != 2 {
                return Err(());
            }
            (o.tuple_elem(0), o.tuple_elem(1))
        };
        if k != intern("alias") {
            return Err(());
        }
        mode = Some(if v == intern("explicit_unalias") {
            Mode::ExplicitUnalias
        } else if v == intern("demonitor") {
            Mode::Demonitor
        } else if v == intern("reply_demonitor") {
            Mode::ReplyDemonitor
        } else {
            return Err(());
        });
    }
    Ok(mode)
}

fn monitor_3(ctx: &mut Ctx, args: &[Term; 3]) -> Term {
    let (kind, item, opts) = (args[0], args[1], args[2]);
    let Ok(mode) = monitor_opts(opts) else {
        return ctx.badarg();
    };
    let r = super::monitor::monitor(ctx, kind, item);
    if r.is_non_value() {
        return r;
    }
    if let (Some(mode), Some(id)) = (mode, monitor::ref_id(r)) {
        let me = self_pid(ctx);
        let tracked = monitor::is_active(id);
        // An untracked monitor either already delivered `noproc` (the alias
        // is dead at once) or never fires (self, the I/O servers).
        let target = if item.is_atom() {
            crate::ptable::whereis(item)
        } else {
            Some(item)
        };
        let never_fires = target.is_some_and(|p| p == me || crate::stdio::is_server(p));
        if tracked || never_fires {
            register(r, me, mode, tracked);
        }
    }
    r
}

fn send_3(ctx: &mut Ctx, args: &[Term; 3]) -> Term {
    let (to, msg, opts) = (args[0], args[1], args[2]);
    let Some(opts) = list_to_vec(opts) else {
        return ctx.badarg();
    };
    if opts
        .iter()
        .any(|&o| o != intern("noconnect") && o != intern("nosuspend"))
    {
        return ctx.badarg();
    }
    let r = crate::native::recv::send(ctx, to, msg);
    if r.is_non_value() {
        return r;
    }
    am::OK
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn monitor_opts_parse() {
        assert_eq!(monitor_opts(crate::term::NIL), Ok(None));
        assert_eq!(monitor_opts(am::OK), Err(()));
    }

    #[test]
    fn alias_lifecycle() {
        let _g = crate::sched::tests::serial();
        let mut tp = crate::testutil::TestProc::new();
        let ctx = tp.ctx();
        let r = alias_0(ctx, &[]);
        assert!(resolve(r).is_some());
        let args = [r];
        assert_eq!(unalias_1(ctx, &args), am::TRUE);
        assert!(resolve(r).is_none());
        assert_eq!(unalias_1(ctx, &args), am::FALSE);
        // a one-shot alias resolves once
        let reply = [crate::build::list_from_slice(ctx, &[intern("reply")])];
        let r2 = alias_1(ctx, &reply);
        assert!(resolve(r2).is_some());
        assert!(resolve(r2).is_none());
    }
}
