//! Monitor BIFs: `erlang:monitor/2`, `demonitor/1,2` and
//! `spawn_monitor/1,3` (the table lives in `runtime/src/proc/monitor.rs`).

use super::{bif, BifDef};
use crate::data::build::{list_length, list_to_vec, make_tuple};
use crate::heap::ctx::Ctx;
use crate::proc::monitor;
use crate::proc::spawn::Start;
use crate::term::atom::am;
use crate::term::Term;

pub const BIFS: &[BifDef] = &[
    bif!("erlang", "monitor", 2, monitor_2),
    bif!("erlang", "demonitor", 1, demonitor_1),
    bif!("erlang", "demonitor", 2, demonitor_2),
    bif!("erlang", "spawn_monitor", 1, spawn_monitor_1),
    bif!("erlang", "spawn_monitor", 3, spawn_monitor_3),
];

/// The monitor target named by `item`: a pid, a registered name, or
/// `{Name, Node}` for this node (other nodes are not supported: badarg).
fn target(item: Term) -> Option<Term> {
    if item.is_pid() || item.is_atom() || item.is_boxed_of(crate::term::HDR_EXT_PID) {
        return Some(item);
    }
    // SAFETY: element reads guarded by the tuple arity.
    unsafe {
        if item.is_tuple() && item.tuple_arity() == 2 {
            let (n, node) = (item.tuple_elem(0), item.tuple_elem(1));
            if n.is_atom() && node == am::NONODE {
                return Some(n);
            }
        }
    }
    None
}

fn monitor_2(ctx: &mut Ctx, args: &[Term; 2]) -> Term {
    let (kind, item) = (args[0], args[1]);
    monitor(ctx, kind, item)
}

/// `monitor(Kind, Item)`: the reference, or NON_VALUE with `badarg`.
pub fn monitor(ctx: &mut Ctx, kind: Term, item: Term) -> Term {
    monitor_tagged(ctx, kind, item, None)
}

/// `monitor(Kind, Item)` whose `DOWN` message starts with `tag` if given
/// (`monitor/3`'s `{tag, Tag}`, in `bif/alias.rs`).
pub fn monitor_tagged(ctx: &mut Ctx, kind: Term, item: Term, tag: Option<Term>) -> Term {
    if kind == crate::term::atom::intern("port") {
        return monitor_port(ctx, item, tag);
    }
    if kind != am::PROCESS {
        return ctx.badarg();
    }
    match target(item) {
        Some(t) => monitor::add_tagged(ctx, t, tag),
        None => ctx.badarg(),
    }
}

/// `monitor(port, Item)`: a port, a registered name or `{Name, Node}` of
/// this node (a name not registered to a port: `DOWN` with `noproc`; so
/// for a port of this node's name but an old creation).
fn monitor_port(ctx: &mut Ctx, item: Term, tag: Option<Term>) -> Term {
    use crate::io::port;
    if item.is_port() {
        return monitor::add_port(ctx, Some(item), None, tag, port::is_alive);
    }
    if item.is_boxed_of(crate::term::HDR_EXT_PORT)
        && crate::data::ext_ident::node(item).is_some_and(|n| n.name == am::NONODE)
    {
        return monitor::add_port(ctx, Some(item), None, tag, |_| false);
    }
    match target(item) {
        Some(name) if name.is_atom() => {
            let p = crate::proc::ptable::whereis(name).filter(|p| p.is_port());
            monitor::add_port(ctx, p, Some(name), tag, port::is_alive)
        }
        _ => ctx.badarg(),
    }
}

/// `demonitor(Ref, [flush])` after the monitor had already fired: removes
/// the first `{_, Ref, _, _, _}` message, as BEAM's
/// `erts_internal:flush_monitor_messages/3` does. That receive starts at the
/// receive marker bound to `Ref` (if the process still has one), so it does
/// not walk the messages queued before the monitor was made.
fn flush_down(ctx: &mut Ctx, id: monitor::RefId) {
    // SAFETY: a process is scheduled on `ctx`.
    let p = unsafe { ctx.process() };
    crate::proc::signal::fetch(p, false);
    let start = crate::abi::recv::marker_pos(p, id);
    let found = (start..p.msgq.len()).find(|&i| monitor::is_tagged_for(p.msgq[i].term, id));
    if let Some(i) = found {
        crate::abi::recv::take_message(p, i);
    }
}

fn demonitor(ctx: &mut Ctx, r: Term, opts: Term) -> Term {
    let Some(id) = monitor::ref_id(r) else {
        return ctx.badarg();
    };
    let Some(opts) = list_to_vec(opts) else {
        return ctx.badarg();
    };
    let (mut flush, mut info) = (false, false);
    for o in opts {
        if o == crate::term::atom::intern("flush") {
            flush = true;
        } else if o == crate::term::atom::intern("info") {
            info = true;
        } else {
            return ctx.badarg();
        }
    }
    // SAFETY: a process is scheduled on `ctx`.
    let me = unsafe { ctx.process().pid };
    // SAFETY: as above.
    let was_active =
        monitor::remove(id, me) || monitor::take_unfetched_down(unsafe { ctx.process() }, id);
    crate::proc::alias::on_demonitor(id);
    // An active monitor had not fired: no message of it can be queued.
    if flush && !was_active {
        flush_down(ctx, id);
    }
    if info {
        Term::boolean(was_active)
    } else {
        am::TRUE
    }
}

fn demonitor_1(ctx: &mut Ctx, args: &[Term; 1]) -> Term {
    let r = args[0];
    demonitor(ctx, r, crate::term::NIL)
}

fn demonitor_2(ctx: &mut Ctx, args: &[Term; 2]) -> Term {
    let (r, opts) = (args[0], args[1]);
    demonitor(ctx, r, opts)
}

fn spawn_monitor(ctx: &mut Ctx, start: Start) -> Term {
    if super::process::at_process_limit(ctx) {
        return ctx.error(crate::term::atom::am::SYSTEM_LIMIT);
    }
    // SAFETY: a process is scheduled on `ctx`.
    let gl = unsafe { ctx.process().group_leader };
    // SAFETY: a process is scheduled on `ctx`.
    let me = unsafe { ctx.process().pid };
    let pid = crate::proc::spawn::spawn_child(start, None, gl, me);
    // SAFETY: a process is scheduled on `ctx`.
    if unsafe { ctx.process() }.seq.token.is_some() {
        let opts =
            crate::data::build::list_from_slice(ctx, &[crate::term::atom::intern("monitor")]);
        crate::proc::seq_trace::after_spawn(ctx, pid, start, opts);
    }
    // SAFETY: a process is scheduled on `ctx`.
    if unsafe { ctx.process() }
        .trace_flags
        .load(std::sync::atomic::Ordering::Relaxed)
        != 0
    {
        super::trace::after_spawn(ctx, pid, start, false);
    }
    let r = monitor::add(ctx, pid);
    make_tuple(ctx, &[pid, r])
}

fn spawn_monitor_1(ctx: &mut Ctx, args: &[Term; 1]) -> Term {
    let f = args[0];
    if !f.is_fun() {
        return ctx.badarg();
    }
    spawn_monitor(ctx, Start::Fun(f))
}

fn spawn_monitor_3(ctx: &mut Ctx, args: &[Term; 3]) -> Term {
    let (m, f, a) = (args[0], args[1], args[2]);
    if !m.is_atom() || !f.is_atom() || list_length(a).is_none() {
        return ctx.badarg();
    }
    spawn_monitor(ctx, Start::Mfa(m, f, a))
}
