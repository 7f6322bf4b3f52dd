//! erts' *system logger*: where the emulator sends the log events it
//! makes itself ("Error in process ~p with exit value: ..." for a
//! process dying of an uncaught error). `erlang:system_flag(system_logger,
//! P)` sets it: a local pid, `logger` (the process registered under that
//! name; the default) or `undefined` (events dropped). The event is the
//! message erts builds (utils.c `do_send_logger_message`):
//! `{log, error, Format, Args, #{error_logger => #{emulator => true, tag
//! => error}, gl => GL, pid => Pid, time => SystemTimeUs}}`, which
//! kernel's logger formats. With no receiver (no `logger` process: before
//! the logger started, or after it died) the caller prints the report
//! itself.

use crate::data::build::{list_from_slice, make_string, make_tuple};
use crate::heap::ctx::Ctx;
use crate::proc::ptable;
use crate::term::atom::{self, am};
use crate::term::Term;
use std::sync::atomic::{AtomicU64, Ordering};

/// The raw receiver term; 0 stands for the default, `logger`.
static RECEIVER: AtomicU64 = AtomicU64::new(0);

fn decode(raw: u64) -> Term {
    if raw == 0 {
        atom::intern("logger")
    } else {
        Term(raw)
    }
}

/// `system_info(system_logger)`.
pub fn get() -> Term {
    decode(RECEIVER.load(Ordering::Acquire))
}

/// `system_flag(system_logger, T)`: the previous receiver, or None
/// (badarg) unless `T` is a local pid, `logger` or `undefined`.
pub fn set(t: Term) -> Option<Term> {
    if !(t.is_pid() || t == atom::intern("logger") || t == am::UNDEFINED) {
        return None;
    }
    Some(decode(RECEIVER.swap(t.raw(), Ordering::AcqRel)))
}

/// Sends erts' "Error in process" event for the process bound to `ctx`
/// (`pid`, dying of `reason`). True if it went to a logger process or
/// was dropped by an `undefined` receiver; false if nobody could take it
/// (the caller prints the report).
pub fn process_error(ctx: &mut Ctx, pid: Term, reason: Term) -> bool {
    let format = "Error in process ~p with exit value:~n~p~n";
    let args = list_from_slice(ctx, &[pid, reason]);
    // The dying process cannot take its own report.
    send(ctx, pid, format, args, false)
}

/// erts' `erts_send_error_to_logger`: the error event `"~s~n"` with
/// `text` (e.g. "Module m must be purged before deleting\n") from the
/// process bound to `ctx`. False if nobody could take it (the caller
/// may print it).
pub fn error_text(ctx: &mut Ctx, text: &str) -> bool {
    // SAFETY: a process is bound to `ctx` while a BIF runs.
    let pid = unsafe { ctx.process().pid };
    let s = make_string(ctx, text);
    let args = list_from_slice(ctx, &[s]);
    // A live process that is the system logger gets its own report, as
    // from erts.
    send(ctx, pid, "~s~n", args, true)
}

/// `{log, error, Format, Args, Meta}` from `pid` to the system logger.
fn send(ctx: &mut Ctx, pid: Term, format: &str, args: Term, to_self: bool) -> bool {
    let mut to = get();
    if to == am::UNDEFINED {
        return true;
    }
    if to.is_pid() && ptable::lookup(to).is_none() {
        // A dead receiver: erts falls back to the `logger` process.
        RECEIVER.store(0, Ordering::Release);
        to = get();
    }
    let target = if to.is_pid() {
        ptable::lookup(to)
    } else {
        ptable::whereis(to).and_then(ptable::lookup)
    };
    let Some(target) = target.filter(|t| to_self || t.pid() != pid) else {
        return false;
    };
    let time = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_micros() as i64);
    // SAFETY: the caller binds `ctx` to the process `pid`.
    let gl = unsafe { ctx.process().group_leader };
    let format = make_string(ctx, format);
    let el = crate::data::map::from_pairs(
        ctx,
        vec![
            (atom::intern("emulator"), am::TRUE),
            (atom::intern("tag"), atom::intern("error")),
        ],
    );
    let time = crate::data::big::make_i64(ctx, time);
    let md = crate::data::map::from_pairs(
        ctx,
        vec![
            (atom::intern("error_logger"), el),
            (atom::intern("gl"), gl),
            (atom::intern("pid"), pid),
            (atom::intern("time"), time),
        ],
    );
    let msg = make_tuple(
        ctx,
        &[atom::intern("log"), atom::intern("error"), format, args, md],
    );
    let m = crate::gc::copy::copy_to_message(msg);
    crate::proc::signal::deliver_message(&target, m);
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn receiver_values() {
        // Only `logger`, `undefined` and local pids are accepted; the
        // previous receiver comes back. Restores the default.
        assert!(set(am::OK).is_none());
        let old = set(am::UNDEFINED).unwrap();
        assert_eq!(old, atom::intern("logger"));
        assert_eq!(set(Term::pid(7)), Some(am::UNDEFINED));
        assert_eq!(get(), Term::pid(7));
        assert_eq!(set(atom::intern("logger")), Some(Term::pid(7)));
    }
}
