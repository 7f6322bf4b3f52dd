//! `process_flag/2` for the settings in `heap/pflags.rs`
//! (`message_queue_data`, `sensitive`, `priority`, `error_handler`) and
//! the `process_info/2` items that read them or the monitor table
//! (`monitors`, `monitored_by`).

use crate::data::build::{list_from_slice, make_tuple};
use crate::heap::ctx::Ctx;
use crate::heap::pflags::PRIORITIES;
use crate::heap::process::Process;
use crate::term::atom::{self, am};
use crate::term::Term;

/// `process_flag(Flag, V)` for one of this file's flags: `Some(old value)`
/// (or `Some(NON_VALUE)` after a `badarg`), `None` for another flag.
pub fn set(ctx: &mut Ctx, flag: Term, v: Term) -> Option<Term> {
    // SAFETY: BIFs run with a process scheduled on the context.
    let f = &mut unsafe { ctx.process() }.pflags;
    let old = match atom::name(flag) {
        "message_queue_data" => {
            let off = match mqd_value(v) {
                Some(off) => off,
                None => return Some(ctx.badarg()),
            };
            let old = std::mem::replace(&mut f.off_heap_msgq, off);
            return Some(mqd_name(old));
        }
        "sensitive" if v == am::TRUE || v == am::FALSE => {
            let old = Term::boolean(std::mem::replace(&mut f.sensitive, v == am::TRUE));
            // Trace events stop (or start) with the flag.
            // SAFETY: as above.
            crate::proc::tracing::set_sensitive(unsafe { ctx.process() }, v == am::TRUE);
            // BEAM bumps the reductions so that the setting takes effect
            // at once: the slice ends at the next function entry.
            ctx.reds = 0;
            old
        }
        "priority" => {
            let Some(i) = priority_index(v) else {
                return Some(ctx.badarg());
            };
            let old = f.priority_name();
            f.priority = i;
            atom::intern(old)
        }
        "error_handler" if v.is_atom() => std::mem::replace(&mut f.error_handler, v),
        "sensitive" | "error_handler" => return Some(ctx.badarg()),
        _ => return None,
    };
    Some(old)
}

/// `on_heap` → false, `off_heap` → true; None for anything else.
pub fn mqd_value(v: Term) -> Option<bool> {
    match v.is_atom().then(|| atom::name(v)) {
        Some("on_heap") => Some(false),
        Some("off_heap") => Some(true),
        _ => None,
    }
}

fn mqd_name(off: bool) -> Term {
    atom::intern(if off { "off_heap" } else { "on_heap" })
}

/// The index of a priority atom in `PRIORITIES`.
pub fn priority_index(v: Term) -> Option<u8> {
    if !v.is_atom() {
        return None;
    }
    let n = atom::name(v);
    PRIORITIES.iter().position(|&p| p == n).map(|i| i as u8)
}

/// `process_info(P, Item)` for this file's items; None for another item.
pub fn info(ctx: &mut Ctx, p: &Process, item: &str) -> Option<Term> {
    Some(match item {
        "message_queue_data" => mqd_name(p.pflags.off_heap_msgq),
        "priority" => atom::intern(p.pflags.priority_name()),
        "error_handler" => p.pflags.error_handler,
        // `{process, Pid}` or `{process, {Name, Node}}` (a monitor made by
        // registered name), `{port, ...}` alike, oldest first.
        "monitors" => {
            let ms = crate::proc::monitor::monitors_of(p.pid);
            let mut ts = Vec::with_capacity(ms.len());
            for (kind, target, name) in ms {
                let what = match name {
                    Some(n) => make_tuple(ctx, &[n, am::NONODE]),
                    None => target,
                };
                ts.push(make_tuple(ctx, &[kind, what]));
            }
            list_from_slice(ctx, &ts)
        }
        "monitored_by" => {
            let ws = crate::proc::monitor::watchers_of(p.pid);
            list_from_slice(ctx, &ws)
        }
        _ => return None,
    })
}

/// The items a `sensitive` process answers with `[]` (BEAM's
/// `process_info` when `F_SENSITIVE` is set), or `undefined` for
/// `backtrace` ... which BEAM gives as an empty binary.
pub fn hidden(p: &Process, item: &str) -> bool {
    p.pflags.sensitive && matches!(item, "dictionary" | "messages" | "backtrace")
}

/// Words of the messages queued for `p` (received or not), each a
/// fragment of its own.
pub fn queued_words(p: &Process) -> usize {
    let words = |m: &crate::heap::process::Message| m.frag.as_ref().map_or(0, |f| f.len());
    let fetched: usize = p.msgq.iter().map(words).sum();
    let pending: usize = p
        .inbox
        .lock()
        .unwrap_or_else(|e| e.into_inner())
        .iter()
        .map(words)
        .sum();
    fetched + pending
}
