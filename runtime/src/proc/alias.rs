//! The process alias table (`erlang:alias/0,1`, `monitor/3`'s `{alias,
//! Mode}`; the BIFs are in `bif/alias.rs`). `native::recv::send` hands
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

use crate::heap::ctx::Ctx;
use crate::proc::monitor::{self, RefId};
use crate::term::Term;
use std::collections::HashMap;
use std::sync::{Mutex, OnceLock};

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Mode {
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

pub fn register(r: Term, owner: Term, mode: Mode, tracked: bool) {
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

/// `unalias/1` by `owner`: removes the alias `id` if `owner` owns it and
/// tells whether it was still active; `None` if it is not `owner`'s.
pub fn unalias(id: RefId, owner: Term) -> Option<bool> {
    let mut t = table().lock().unwrap();
    let e = t.get(&id).filter(|e| e.owner == owner)?;
    let fired = e.fired(id);
    t.remove(&id);
    Some(!fired)
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
pub fn resolve(r: Term) -> Option<Term> {
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
            monitor::remove(id, e.owner);
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
    match crate::proc::ptable::lookup(owner).filter(|p| p.is_alive()) {
        Some(p) => {
            let m = crate::proc::seq_trace::proc_message(ctx, r, &p, msg);
            crate::proc::signal::deliver_message(&p, m)
        }
        None => {
            if let Some(id) = monitor::ref_id(r) {
                table().lock().unwrap().remove(&id);
            }
        }
    }
    let _ = ctx;
    msg
}
