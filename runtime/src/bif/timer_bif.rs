//! Timer BIFs: `erlang:send_after/3,4`, `start_timer/3,4`,
//! `cancel_timer/1,2` and `read_timer/1,2`, on top of the global timer
//! set in `runtime/src/proc/timer.rs` (whose `Send` action the schedulers fire).
//!
//! A timer reference is an ordinary reference; a table maps its id words
//! to the timer's key. Entries of fired timers are dropped lazily: when
//! looked up (the key is no longer pending) and, in bulk, when the table
//! has grown past a limit (every entry whose deadline has passed).
//!
//! As in BEAM, a timer aimed at a pid belongs to that process: none is
//! armed for a pid that is not alive (the reference is returned all the
//! same; `read_timer/1` answers `false`), and a process's timers are
//! cancelled (their messages freed) when it ends. `by_pid` indexes the
//! timers of each receiving pid for that; the exit hook takes a dead
//! process's entry. A timer is indexed before its receiver is checked,
//! so a receiver ending at the same time is seen by one or the other.

use super::{bif, BifDef};
use crate::data::build::{list_to_vec, make_ref, make_tuple};
use crate::heap::ctx::Ctx;
use crate::proc::monitor::{ref_id, RefId};
use crate::proc::timer::{self, Action, Key};
use crate::term::atom::{am, intern};
use crate::term::Term;
use std::collections::HashMap;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Mutex, OnceLock};

pub const BIFS: &[BifDef] = &[
    bif!("erlang", "send_after", 3, send_after_3),
    bif!("erlang", "send_after", 4, send_after_4),
    bif!("erlang", "start_timer", 3, start_timer_3),
    bif!("erlang", "start_timer", 4, start_timer_4),
    bif!("erlang", "cancel_timer", 1, cancel_timer_1),
    bif!("erlang", "cancel_timer", 2, cancel_timer_2),
    bif!("erlang", "read_timer", 1, read_timer_1),
    bif!("erlang", "read_timer", 2, read_timer_2),
];

/// The largest timeout BEAM accepts for a relative timer, in milliseconds.
const MAX_MS: i64 = (1 << 53) - 1;

struct Table {
    map: HashMap<RefId, Key>,
    /// Purge fired entries once the map holds more than this.
    limit: usize,
    /// Timer ids by receiving pid (raw word); ids of timers gone from
    /// `map` are dropped when the list doubles and in the bulk purge.
    by_pid: HashMap<u64, Vec<RefId>>,
}

fn table() -> &'static Mutex<Table> {
    static T: OnceLock<Mutex<Table>> = OnceLock::new();
    T.get_or_init(|| {
        Mutex::new(Table {
            map: HashMap::new(),
            limit: 1024,
            by_pid: HashMap::new(),
        })
    })
}

/// True while some timer may be indexed by pid: exits of processes skip
/// the table's lock when none is.
static ANY_BY_PID: AtomicBool = AtomicBool::new(false);

fn remember(id: RefId, key: Key, pid: Option<Term>) {
    let mut t = table().lock().unwrap_or_else(|e| e.into_inner());
    t.map.insert(id, key);
    if let Some(pid) = pid {
        ANY_BY_PID.store(true, Ordering::Release);
        let Table { map, by_pid, .. } = &mut *t;
        let ids = by_pid.entry(pid.raw()).or_default();
        if ids.len() >= 16 && ids.len().is_power_of_two() {
            ids.retain(|i| map.contains_key(i));
        }
        ids.push(id);
    }
    if t.map.len() > t.limit {
        let now = timer::now_ns();
        t.map.retain(|_, k| k.0 > now || timer::is_pending(*k));
        t.limit = (t.map.len() * 2).max(1024);
        let Table { map, by_pid, .. } = &mut *t;
        by_pid.retain(|_, ids| {
            ids.retain(|i| map.contains_key(i));
            !ids.is_empty()
        });
    }
}

/// Cancels every timer aimed at `pid` (its process has ended).
fn cancel_all_for(pid: Term) {
    if !ANY_BY_PID.load(Ordering::Acquire) {
        return;
    }
    let mut t = table().lock().unwrap_or_else(|e| e.into_inner());
    let Some(ids) = t.by_pid.remove(&pid.raw()) else {
        return;
    };
    for id in ids {
        if let Some(key) = t.map.remove(&id) {
            timer::cancel(key);
        }
    }
}

struct ExitHook;

impl crate::proc::entity::ExitHook for ExitHook {
    fn on_unpublished(&self, _ctx: &mut Ctx, pid: Term) {
        cancel_all_for(pid);
    }
}

/// Registers the exit hook that cancels a dead process's timers (once).
fn install_hook() {
    static ONCE: std::sync::Once = std::sync::Once::new();
    ONCE.call_once(|| crate::proc::entity::add_exit_hook(&ExitHook));
}

fn is_bool(v: Term) -> bool {
    v == am::TRUE || v == am::FALSE
}

/// `{abs, Bool}` options of `send_after/4`/`start_timer/4`: whether the
/// time is absolute. `None` for a bad option list.
fn abs_option(opts: Term) -> Option<bool> {
    let mut abs = false;
    for o in list_to_vec(opts)? {
        // SAFETY: element reads guarded by the tuple arity.
        let (k, v) = unsafe {
            if !o.is_tuple() || o.tuple_arity() != 2 {
                return None;
            }
            (o.tuple_elem(0), o.tuple_elem(1))
        };
        if k != intern("abs") || !is_bool(v) {
            return None;
        }
        abs = v == am::TRUE;
    }
    Some(abs)
}

/// Milliseconds from now until the timer fires, or `None` for a bad time.
fn delay_ms(time: Term, abs: bool) -> Option<u64> {
    if !time.is_small() {
        return None;
    }
    let t = time.small_value();
    if abs {
        // Erlang monotonic time starts at MIN_SMALL ns (as on BEAM); an
        // absolute time before the VM started is `badarg`.
        if t < crate::term::MIN_SMALL.div_euclid(1_000_000) {
            return None;
        }
        let now_ms = super::time::monotonic_ns().div_euclid(1_000_000);
        return Some(t.saturating_sub(now_ms).max(0) as u64);
    }
    (0..=MAX_MS).contains(&t).then_some(t as u64)
}

/// Arms a timer sending `msg` (or `{timeout, Ref, msg}` when `wrap`) to
/// `dest` (a pid or a name resolved when it fires).
fn start(ctx: &mut Ctx, time: Term, dest: Term, msg: Term, opts: Term, wrap: bool) -> Term {
    let (Some(abs), true) = (abs_option(opts), dest.is_pid() || dest.is_atom()) else {
        return ctx.badarg();
    };
    let Some(ms) = delay_ms(time, abs) else {
        return ctx.badarg();
    };
    let r = make_ref(ctx);
    let payload = if wrap {
        make_tuple(ctx, &[intern("timeout"), r, msg])
    } else {
        msg
    };
    let mut msg = crate::gc::copy::copy_to_message(payload);
    // A message from the system (the token stays); BEAM names its
    // sender `clock_service` (`proc::tracing::sender_of`).
    msg.token = intern("clock_service");
    let action = Action::Send { to: dest, msg };
    // A pid receiver owns the timer; a name is resolved when it fires.
    let owner = dest.is_pid().then_some(dest);
    if owner.is_some() {
        install_hook();
    }
    let key = timer::add(timer::deadline_after_ms(ms), action);
    if let Some(id) = ref_id(r) {
        remember(id, key, owner);
    }
    if let Some(pid) = owner {
        if crate::proc::ptable::lookup(pid).is_none() {
            // Not alive (or just ended: then the exit hook may have run
            // before the timer was indexed): no timer.
            cancel_all_for(pid);
        }
    }
    r
}

fn send_after_3(ctx: &mut Ctx, args: &[Term; 3]) -> Term {
    let (t, d, m) = (args[0], args[1], args[2]);
    start(ctx, t, d, m, crate::term::NIL, false)
}

fn send_after_4(ctx: &mut Ctx, args: &[Term; 4]) -> Term {
    let (t, d, m, o) = (args[0], args[1], args[2], args[3]);
    start(ctx, t, d, m, o, false)
}

fn start_timer_3(ctx: &mut Ctx, args: &[Term; 3]) -> Term {
    let (t, d, m) = (args[0], args[1], args[2]);
    start(ctx, t, d, m, crate::term::NIL, true)
}

fn start_timer_4(ctx: &mut Ctx, args: &[Term; 4]) -> Term {
    let (t, d, m, o) = (args[0], args[1], args[2], args[3]);
    start(ctx, t, d, m, o, true)
}

/// Milliseconds left until `key` fires (rounded up, as BEAM does).
fn left_ms(key: Key) -> Term {
    let left = key.0.saturating_sub(timer::now_ns());
    Term::small(left.div_ceil(1_000_000) as i64)
}

/// `{async, Bool}` / `{info, Bool}` options; `None` for a bad list.
fn flags(opts: Term, allow_info: bool) -> Option<(bool, bool)> {
    let (mut is_async, mut info) = (false, true);
    for o in list_to_vec(opts)? {
        // SAFETY: element reads guarded by the tuple arity.
        let (k, v) = unsafe {
            if !o.is_tuple() || o.tuple_arity() != 2 {
                return None;
            }
            (o.tuple_elem(0), o.tuple_elem(1))
        };
        if !is_bool(v) {
            return None;
        }
        if k == intern("async") {
            is_async = v == am::TRUE;
        } else if k == intern("info") && allow_info {
            info = v == am::TRUE;
        } else {
            return None;
        }
    }
    Some((is_async, info))
}

/// The result of a cancel or read: milliseconds left, or `false`.
fn lookup(r: Term, cancel: bool) -> Term {
    let Some(id) = ref_id(r) else {
        return am::FALSE;
    };
    let mut t = table().lock().unwrap_or_else(|e| e.into_inner());
    let Some(&key) = t.map.get(&id) else {
        return am::FALSE;
    };
    let pending = if cancel {
        t.map.remove(&id);
        timer::cancel(key).is_some()
    } else {
        timer::is_pending(key)
    };
    if !pending {
        t.map.remove(&id);
        return am::FALSE;
    }
    left_ms(key)
}

/// Sends `{Tag, Ref, Result}` to the caller (the async forms).
fn reply(ctx: &mut Ctx, tag: &str, r: Term, result: Term) {
    // SAFETY: a process is scheduled on `ctx` while a BIF runs.
    let me = unsafe { ctx.process().pid };
    let t = make_tuple(ctx, &[intern(tag), r, result]);
    crate::proc::signal::send_copied(me, crate::gc::copy::copy_to_message(t));
}

fn cancel_timer(ctx: &mut Ctx, r: Term, opts: Term) -> Term {
    let (true, Some((is_async, info))) = (r.is_boxed_of(crate::term::HDR_REF), flags(opts, true))
    else {
        return ctx.badarg();
    };
    let result = lookup(r, true);
    if is_async {
        if info {
            reply(ctx, "cancel_timer", r, result);
        }
        return am::OK;
    }
    if info {
        result
    } else {
        am::OK
    }
}

fn read_timer(ctx: &mut Ctx, r: Term, opts: Term) -> Term {
    let (true, Some((is_async, _))) = (r.is_boxed_of(crate::term::HDR_REF), flags(opts, false))
    else {
        return ctx.badarg();
    };
    let result = lookup(r, false);
    if is_async {
        reply(ctx, "read_timer", r, result);
        return am::OK;
    }
    result
}

fn cancel_timer_1(ctx: &mut Ctx, args: &[Term; 1]) -> Term {
    let r = args[0];
    cancel_timer(ctx, r, crate::term::NIL)
}

fn cancel_timer_2(ctx: &mut Ctx, args: &[Term; 2]) -> Term {
    let (r, o) = (args[0], args[1]);
    cancel_timer(ctx, r, o)
}

fn read_timer_1(ctx: &mut Ctx, args: &[Term; 1]) -> Term {
    let r = args[0];
    read_timer(ctx, r, crate::term::NIL)
}

fn read_timer_2(ctx: &mut Ctx, args: &[Term; 2]) -> Term {
    let (r, o) = (args[0], args[1]);
    read_timer(ctx, r, o)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn delays() {
        assert_eq!(delay_ms(Term::small(0), false), Some(0));
        assert_eq!(delay_ms(Term::small(-1), false), None);
        assert_eq!(delay_ms(am::OK, false), None);
        // an absolute time before the start is bad, one since then fires at once
        assert_eq!(delay_ms(Term::small(crate::term::MIN_SMALL), true), None);
        let start_ms = crate::term::MIN_SMALL.div_euclid(1_000_000);
        assert_eq!(delay_ms(Term::small(start_ms), true), Some(0));
    }

    #[test]
    fn options() {
        assert_eq!(abs_option(crate::term::NIL), Some(false));
        assert_eq!(abs_option(am::OK), None);
        assert_eq!(flags(crate::term::NIL, true), Some((false, true)));
    }

    #[test]
    fn start_read_cancel() {
        let _g = crate::sched::tests::serial();
        let mut tp = crate::testutil::TestProc::new();
        let ctx = tp.ctx();
        // A name: resolved when the timer fires, armed meanwhile.
        let name = intern("timer_bif_test_name");
        let r = start(
            ctx,
            Term::small(100_000),
            name,
            am::OK,
            crate::term::NIL,
            false,
        );
        assert!(lookup(r, false).is_small());
        assert!(lookup(r, true).is_small());
        assert_eq!(lookup(r, true), am::FALSE);
        assert_eq!(lookup(r, false), am::FALSE);
        // The test process is in no process table: a pid that is not
        // alive gets no timer.
        let me = unsafe { ctx.process().pid };
        let r = start(
            ctx,
            Term::small(100_000),
            me,
            am::OK,
            crate::term::NIL,
            false,
        );
        assert!(r.is_boxed());
        assert_eq!(lookup(r, false), am::FALSE);
    }
}
