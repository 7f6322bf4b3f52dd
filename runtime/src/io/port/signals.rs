//! What a port does with what processes send it, as erl's ports do:
//! - `{Pid, {command, Data}}` from the connected process: output (bad
//!   data: an error report and exit `badsig`);
//! - `{Pid, close}`: the port ends (`normal`), then `{Port, closed}`;
//! - `{Pid, {connect, New}}`: `New` becomes the connected process (not
//!   linked, unlike `port_connect/2`), then `{Port, connected}` to `Pid`;
//! - anything else, or any of these from another process: exit `badsig`.
//!
//! Exit signals: `kill` from `exit/2` ends it with `killed`; `normal`
//! from a dying linked process only if it is the connected one (from
//! `exit/2` always); any other reason ends it with that reason. A dying
//! linked owner thus closes its ports.

use super::Port;
use crate::data::build::make_tuple;
use crate::heap::ctx::Ctx;
use crate::heap::process::Signal;
use crate::proc::ptable;
use crate::term::atom::{self, am};
use crate::term::Term;
use std::sync::Arc;

/// The entity serving every port identifier.
pub struct PortEntity;

fn tuple2(t: Term) -> Option<(Term, Term)> {
    // SAFETY: element reads guarded by the tuple arity.
    unsafe { (t.is_tuple() && t.tuple_arity() == 2).then(|| (t.tuple_elem(0), t.tuple_elem(1))) }
}

fn is(t: Term, name: &str) -> bool {
    t.is_atom() && atom::name(t) == name
}

/// erl's logger line for bad output data (erts writes it for `Port !
/// {Pid, {command, Bad}}` and for `port_command/2,3` alike).
pub fn bad_value_report(port: &Port) {
    use std::io::Write;
    let name = String::from_utf8_lossy(&port.lock().name).into_owned();
    let text = format!(
        "=ERROR REPORT==== {} ===\nBad value on output port '{}'\n\n\n",
        crate::proc::signal::local_timestamp(),
        name
    );
    let mut e = std::io::stderr().lock();
    let _ = e.write_all(text.as_bytes());
    let _ = e.flush();
}

/// Makes `pid` (a live process) the connected process of `port`, and links
/// them if `link` (`port_connect/2`). `ctx` is bound to the caller, which
/// may be `pid` itself.
pub fn connect(ctx: &mut Ctx, port: &Arc<Port>, pid: Term, link: bool) -> bool {
    let Some(r) = ptable::lookup(pid).filter(|r| r.is_alive()) else {
        return false;
    };
    {
        let mut st = port.lock();
        if !port.is_alive() {
            return false;
        }
        st.owner = pid;
        if !link || st.links.contains(&pid) {
            return true;
        }
        st.links.push(pid);
    }
    // SAFETY: a process is scheduled on `ctx`.
    let me = unsafe { ctx.process() };
    if me.pid == pid {
        if !me.links.contains(&port.term) {
            me.links.push(port.term);
        }
    } else {
        crate::proc::signal::deliver_signal(&r, Signal::Link(port.term));
    }
    true
}

/// `Port ! Msg` from the process bound to `ctx`.
fn message(ctx: &mut Ctx, port: &Arc<Port>, msg: Term) {
    let owner = port.lock().owner;
    let Some((from, what)) = tuple2(msg) else {
        return super::terminate(port, atom::intern("badsig"));
    };
    if from != owner || !from.is_pid() {
        return super::terminate(port, atom::intern("badsig"));
    }
    if is(what, "close") {
        super::terminate(port, am::NORMAL);
        let t = make_tuple(ctx, &[port.term, atom::intern("closed")]);
        super::send(from, t);
        return;
    }
    match tuple2(what) {
        Some((tag, data)) if is(tag, "command") => match super::output::iodata_bytes(data) {
            Some(bytes) => {
                let _ = super::command(port, bytes);
            }
            None => {
                bad_value_report(port);
                super::terminate(port, atom::intern("badsig"));
            }
        },
        Some((tag, new)) if is(tag, "connect") && new.is_pid() => {
            if connect(ctx, port, new, false) {
                let t = make_tuple(ctx, &[port.term, atom::intern("connected")]);
                super::send(from, t);
            } else {
                super::terminate(port, atom::intern("badsig"));
            }
        }
        _ => super::terminate(port, atom::intern("badsig")),
    }
}

impl crate::proc::entity::Entity for PortEntity {
    fn deliver(&self, ctx: &mut Ctx, to: Term, msg: Term) {
        if let Some(port) = super::lookup(to) {
            message(ctx, &port, msg);
        }
    }

    fn link(&self, to: Term, from: Term) -> bool {
        let Some(port) = super::lookup(to) else {
            return false;
        };
        let mut st = port.lock();
        if !port.is_alive() {
            return false;
        }
        if !st.links.contains(&from) {
            st.links.push(from);
        }
        true
    }

    fn unlink(&self, to: Term, from: Term) {
        if let Some(port) = super::lookup(to) {
            port.lock().links.retain(|&l| l != from);
        }
    }

    fn exit_signal(&self, _ctx: &mut Ctx, to: Term, from: Term, reason: Term, linked: bool) {
        let Some(port) = super::lookup(to) else {
            return;
        };
        let owner = {
            let mut st = port.lock();
            if linked {
                if !st.links.contains(&from) {
                    return; // unlinked meanwhile
                }
                st.links.retain(|&l| l != from);
            }
            st.owner
        };
        let why = if reason == am::KILL && !linked {
            am::KILLED
        } else if reason == am::NORMAL && linked && from != owner {
            // A linked process other than the owner ending normally;
            // `exit(Port, normal)` does close it, from anyone.
            return;
        } else {
            reason
        };
        super::terminate(&port, why);
    }
}
