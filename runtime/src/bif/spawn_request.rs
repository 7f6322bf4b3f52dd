//! `erts_internal:spawn_request/4` and `erlang:spawn_request_abandon/1`
//! (erlang.erl builds `spawn_request/1..5` on the first).
//!
//! A request on this node is answered at once, as BEAM's
//! `erl_create_process` does for a local `spawn_request`: the child is
//! created running `erts_internal:spawn_init({M, F, Args})` (its
//! `initial_call` is `{M, F, Arity}`), linked and monitored as the
//! options say (the monitor's reference is the request id), and
//! `{Tag, ReqId, ok, Pid}` (`Tag` is `spawn_reply` unless `{reply_tag,
//! Tag}`) lands in the caller's queue before the child can run, so it
//! comes before any `DOWN` or `'EXIT'` from the child. Results of the
//! internal BIF: the request id; `badarg` when the module or function is
//! not an atom or the arguments not a proper list; `badopt` when the
//! options are not a proper list (erlang.erl raises those two). A proper
//! list holding a bad option makes a request id all the same, answered by
//! `{Tag, ReqId, error, badopt}`. `{reply, yes | no | error_only |
//! success_only}` drops the success or the error message.
//!
//! `erts_internal:dist_spawn_request/4` (a spawn on another node, for
//! `spawn_request/5`, `spawn_opt/5`, `spawn_monitor/4`...): checked as BEAM
//! checks it (`badarg` for a node that is not an atom or is this node, a
//! bad `{M, F, Args}`, an improper option list, or a message option given
//! to `spawn_opt`); girder is never distributed, so every other node is
//! unreachable and the request is answered `{Tag, ReqId, error,
//! noconnection}` (`badopt` for a bad `reply` or `monitor` option), as on
//! a BEAM node that is not alive.
//!
//! `spawn_request_abandon/1`: BEAM only abandons a request whose reply has
//! not arrived (a pending distributed spawn; its link then gets the child
//! killed with `abandoned`). Girder spawns on this node only, where the
//! reply is sent by the request itself, so no request is ever pending: a
//! reference answers `false`, anything else is `badarg` — BEAM's answers
//! for local requests.

use super::{bif, BifDef};
use crate::data::build::{list_from_slice, list_length, make_ref, make_tuple};
use crate::gc::copy::copy_to_message;
use crate::heap::ctx::Ctx;
use crate::proc::spawn::{self, Start};
use crate::term::atom::{self, am};
use crate::term::{Term, NIL};

use super::spawn_opt::{heap_opts, parse_full, OptsError};

pub const BIFS: &[BifDef] = &[
    bif!("erts_internal", "spawn_request", 4, spawn_request_4),
    bif!(
        "erlang",
        "spawn_request_abandon",
        1,
        spawn_request_abandon_1
    ),
    bif!(
        "erts_internal",
        "dist_spawn_request",
        4,
        dist_spawn_request_4
    ),
];

fn spawn_request_4(ctx: &mut Ctx, args: &[Term; 4]) -> Term {
    let (m, f, a, opts) = (args[0], args[1], args[2], args[3]);
    let Some(arity) = list_length(a).filter(|_| m.is_atom() && f.is_atom()) else {
        return am::BADARG;
    };
    let (so, parsed) = parse_full(opts, true);
    let tag = so.reply_tag.unwrap_or_else(|| atom::intern("spawn_reply"));
    // SAFETY: a process is scheduled on `ctx`.
    let me = unsafe { ctx.process().pid };
    match parsed {
        Err(OptsError::NotList) => return atom::intern("badopt"),
        Err(OptsError::BadOpt) => {
            let r = make_ref(ctx);
            if !so.no_emsg {
                let msg = make_tuple(ctx, &[tag, r, am::ERROR, atom::intern("badopt")]);
                crate::proc::signal::send_copied(me, copy_to_message(msg));
            }
            return r;
        }
        Ok(()) => {}
    }
    let r = make_ref(ctx);
    if super::process::at_process_limit(ctx) {
        // As a bad option: the request fails by its reply message.
        if !so.no_emsg {
            let msg = make_tuple(ctx, &[tag, r, am::ERROR, am::SYSTEM_LIMIT]);
            crate::proc::signal::send_copied(me, copy_to_message(msg));
        }
        return r;
    }
    // The child runs `erts_internal:spawn_init({M, F, A})`, as in BEAM.
    let mfa = make_tuple(ctx, &[m, f, a]);
    let init_args = list_from_slice(ctx, &[mfa]);
    let start = Start::Mfa(
        atom::intern("erts_internal"),
        atom::intern("spawn_init"),
        init_args,
    );
    // SAFETY: a process is scheduled on `ctx`; the scheduler owns it.
    let gl = unsafe { ctx.process().group_leader };
    let parent = if so.link {
        // SAFETY: as above.
        Some(unsafe { ctx.process() })
    } else {
        None
    };
    let mut heap = heap_opts(&so);
    heap.parent = me;
    let mut child = spawn::build(start, parent, gl, heap);
    child.initial = (m, f, arity as u32);
    let pid = child.pid;
    if so.monitor {
        crate::proc::monitor::add_for_unpublished(me, pid, r, so.monitor_tag);
        if let Some(mode) = so.monitor_alias {
            crate::proc::alias::register(r, me, mode, true);
        }
    }
    // SAFETY: a process is scheduled on `ctx`.
    let traced = if unsafe { ctx.process() }.seq.token.is_some() {
        let msg = make_tuple(ctx, &[tag, r, am::OK, pid]);
        // erts shows the child's real initial call.
        let req = crate::proc::seq_trace::SpawnReq {
            m: atom::intern("erts_internal"),
            f: atom::intern("spawn_init"),
            args: init_args,
            opts,
            tag,
            spawn_ref: r,
        };
        let reply = (!so.no_smsg).then_some(msg);
        crate::proc::seq_trace::spawned(ctx, &mut child, req, false, reply)
    } else {
        None
    };
    if !so.no_smsg {
        // Queued before the child is published: it precedes anything the
        // child sends or any signal its exit causes.
        let msg = make_tuple(ctx, &[tag, r, am::OK, pid]);
        let m = traced.unwrap_or_else(|| copy_to_message(msg));
        crate::proc::signal::send_copied(me, m);
    }
    spawn::publish(child);
    // SAFETY: a process is scheduled on `ctx`.
    if unsafe { ctx.process() }
        .trace_flags
        .load(std::sync::atomic::Ordering::Relaxed)
        != 0
    {
        super::trace::after_spawn(ctx, pid, start, so.link);
    }
    r
}

fn spawn_request_abandon_1(ctx: &mut Ctx, args: &[Term; 1]) -> Term {
    if !args[0].is_reference() {
        return ctx.badarg();
    }
    // No request of this node is ever pending (see the module comment).
    am::FALSE
}

fn is_tuple2(t: Term) -> Option<(Term, Term)> {
    // SAFETY: elements read after the arity check.
    (t.is_tuple() && unsafe { t.tuple_arity() } == 2)
        .then(|| unsafe { (t.tuple_elem(0), t.tuple_elem(1)) })
}

/// `erts_internal:dist_spawn_request(Node, {M, F, Args}, Opts, Type)`,
/// `Type` = `spawn_request` (result: the request id) or `spawn_opt`
/// (result: `{ReqId, Monitor}`).
fn dist_spawn_request_4(ctx: &mut Ctx, args: &[Term; 4]) -> Term {
    let (node, mfa, opts, kind) = (args[0], args[1], args[2], args[3]);
    let is_request = kind == atom::intern("spawn_request");
    if !node.is_atom() || node == am::NONODE {
        return am::BADARG;
    }
    let Some(t) = (mfa.is_tuple() && unsafe { mfa.tuple_arity() } == 3)
        // SAFETY: a 3-tuple.
        .then(|| unsafe { (mfa.tuple_elem(0), mfa.tuple_elem(1), mfa.tuple_elem(2)) })
    else {
        return am::BADARG;
    };
    if !t.0.is_atom() || !t.1.is_atom() || list_length(t.2).is_none() {
        return am::BADARG;
    }
    let (mut tag, mut monitor, mut no_emsg) = (atom::intern("spawn_reply"), false, false);
    let mut error = atom::intern("noconnection");
    // Walked as BEAM walks it: a bad `reply` or `monitor` option of a
    // request ends the walk, so an improper tail after it goes unseen.
    let mut rest = opts;
    while rest.is_list() {
        // SAFETY: a cons cell.
        let o = unsafe { rest.head() };
        // SAFETY: as above.
        rest = unsafe { rest.tail() };
        if o == am::MONITOR {
            monitor = true;
            continue;
        }
        let Some((k, v)) = is_tuple2(o) else {
            continue;
        };
        if k == atom::intern("reply_tag") {
            tag = v;
        } else if k == atom::intern("reply") {
            let r = ["yes", "no", "error_only", "success_only"]
                .into_iter()
                .find(|n| v == atom::intern(n));
            match r {
                Some(n) => no_emsg = n == "no" || n == "success_only",
                None if is_request => {
                    error = atom::intern("badopt");
                    rest = NIL;
                    break;
                }
                None => return am::BADARG,
            }
        } else if k == am::MONITOR {
            if !super::spawn_opt::monitor_opts_ok(v) {
                if !is_request {
                    return am::BADARG;
                }
                error = atom::intern("badopt");
                rest = NIL;
                break;
            }
            monitor = true;
            continue;
        } else {
            continue;
        }
        if !is_request {
            return am::BADARG;
        }
    }
    if rest != NIL {
        return am::BADARG;
    }
    let r = make_ref(ctx);
    let result = if is_request {
        r
    } else {
        let b = if monitor { am::TRUE } else { am::FALSE };
        make_tuple(ctx, &[r, b])
    };
    if !no_emsg {
        // SAFETY: a process is scheduled on `ctx`.
        let me = unsafe { ctx.process().pid };
        let msg = make_tuple(ctx, &[tag, r, am::ERROR, error]);
        crate::proc::signal::send_copied(me, copy_to_message(msg));
    }
    result
}
