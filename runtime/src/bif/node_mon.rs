//! `process_flag(monitor_nodes, Bool)` and `process_flag({monitor_nodes,
//! Opts}, Bool)` (what `net_kernel:monitor_nodes/1,2` call; rpc and
//! global subscribe at boot), as `erts_monitor_nodes` in dist.c: each
//! process holds a count per option set; `true` adds one, `false` drops
//! the subscription, and the result is the count before. Girder has no
//! distribution, so no `nodeup`/`nodedown` message is ever due.

use crate::data::map;
use crate::heap::ctx::Ctx;
use crate::term::atom::{self, am};
use crate::term::{Term, NIL};
use std::collections::HashMap;
use std::sync::Mutex;

/// ERTS_NODES_MON_OPT_* bits: the key of a subscription.
const INFO_MAP: u64 = 1 << 0;
const TYPE_VISIBLE: u64 = 1 << 1;
const TYPE_HIDDEN: u64 = 1 << 2;
const DOWN_REASON: u64 = 1 << 3;
const CONN_ID: u64 = 1 << 4;

/// Pid number → option bits → count.
static SUBS: Mutex<Option<HashMap<u64, HashMap<u64, u64>>>> = Mutex::new(None);

/// The option bits for `opts` (NIL for `monitor_nodes`, else a map), or
/// None when erts answers badarg.
fn option_bits(opts: Term) -> Option<u64> {
    if opts == NIL {
        return Some(0);
    }
    if !map::is_map(opts) {
        return None;
    }
    let mut bits = INFO_MAP;
    let mut n = 0;
    let flag = |k: &str| map::get(opts, atom::intern(k));
    if let Some(v) = flag("list") {
        if v != am::TRUE {
            return None;
        }
        bits &= !INFO_MAP;
        n += 1;
    }
    for (k, bit) in [("connection_id", CONN_ID), ("nodedown_reason", DOWN_REASON)] {
        if let Some(v) = flag(k) {
            if v == am::TRUE {
                bits |= bit;
            } else if v != am::FALSE {
                return None;
            }
            n += 1;
        }
    }
    if let Some(v) = flag("node_type") {
        let name = if v.is_atom() { atom::name(v) } else { "" };
        bits |= match name {
            "visible" => TYPE_VISIBLE,
            "hidden" => TYPE_HIDDEN,
            "all" => TYPE_VISIBLE | TYPE_HIDDEN,
            _ => return None,
        };
        n += 1;
    }
    (n == map::size(opts)).then_some(bits)
}

/// The flag's value: the previous count, or NON_VALUE (badarg).
pub fn set(ctx: &mut Ctx, opts: Term, on: Term) -> Term {
    if on != am::TRUE && on != am::FALSE {
        return ctx.badarg();
    }
    let Some(bits) = option_bits(opts) else {
        return ctx.badarg();
    };
    // SAFETY: BIFs run with a process bound to `ctx`.
    let pid = unsafe { ctx.process().pid }.pid_number();
    let mut g = SUBS.lock().unwrap_or_else(|e| e.into_inner());
    let all = g.get_or_insert_with(|| {
        crate::proc::entity::add_exit_hook(&Cleanup);
        HashMap::new()
    });
    let mine = all.entry(pid).or_default();
    let old = if on == am::TRUE {
        let c = mine.entry(bits).or_insert(0);
        *c += 1;
        *c - 1
    } else {
        mine.remove(&bits).unwrap_or(0)
    };
    if mine.is_empty() {
        all.remove(&pid);
    }
    Term::small(old as i64)
}

/// Drops an exiting process's subscriptions.
struct Cleanup;

impl crate::proc::entity::ExitHook for Cleanup {
    fn on_unpublished(&self, _ctx: &mut Ctx, pid: Term) {
        let mut g = SUBS.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(all) = g.as_mut() {
            all.remove(&pid.pid_number());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testutil::TestProc;

    #[test]
    fn counts_per_option_set() {
        let mut tp = TestProc::new();
        let ctx = tp.ctx();
        assert_eq!(set(ctx, NIL, am::TRUE), Term::small(0));
        assert_eq!(set(ctx, NIL, am::TRUE), Term::small(1));
        let cid = map::from_pairs(ctx, vec![(atom::intern("connection_id"), am::TRUE)]);
        // Another option set is another subscription.
        assert_eq!(set(ctx, cid, am::TRUE), Term::small(0));
        assert_eq!(set(ctx, NIL, am::FALSE), Term::small(2));
        assert_eq!(set(ctx, NIL, am::FALSE), Term::small(0));
        assert_eq!(set(ctx, cid, am::FALSE), Term::small(1));
        // Bad values and unknown options are badarg, as in erts.
        assert!(set(ctx, NIL, am::OK).is_non_value());
        let bad = map::from_pairs(ctx, vec![(atom::intern("nope"), am::TRUE)]);
        assert!(set(ctx, bad, am::TRUE).is_non_value());
        let bad_type = map::from_pairs(ctx, vec![(atom::intern("node_type"), am::TRUE)]);
        assert!(set(ctx, bad_type, am::TRUE).is_non_value());
        assert!(set(ctx, Term::small(1), am::TRUE).is_non_value());
    }
}
