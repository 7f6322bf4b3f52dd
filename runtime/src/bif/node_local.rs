//! What the distribution BIFs answer on a node that is not alive (Girder
//! has no distribution yet): `nodes/2` and `monitor_node/2,3`. Their
//! argument checks are BEAM's, in BEAM's order, so errors match erl.
//! (`node/0,1` and `nodes/0,1` are in `misc.rs`.)

use super::{bif, BifDef};
use crate::data::build::{list_from_slice, list_to_vec, make_tuple};
use crate::data::map;
use crate::heap::ctx::Ctx;
use crate::term::atom::{self, am};
use crate::term::{Term, NIL};

pub const BIFS: &[BifDef] = &[
    bif!("erlang", "nodes", 2, nodes_2),
    bif!("erlang", "monitor_node", 2, monitor_node_2),
    bif!("erlang", "monitor_node", 3, monitor_node_3),
];

/// The node kinds of `nodes/1,2`'s first argument (an atom or a list of
/// them): whether the local node (`this`, `known`) is asked for; `None`
/// for anything else.
fn wants_this(arg: Term) -> Option<bool> {
    let kinds = if arg.is_atom() {
        vec![arg]
    } else {
        list_to_vec(arg)?
    };
    let mut this = false;
    for k in kinds {
        match k.is_atom().then(|| atom::name(k)) {
            Some("this" | "known") => this = true,
            Some("visible" | "hidden" | "connected") => {}
            _ => return None,
        }
    }
    Some(this)
}

/// `nodes(Kinds, InfoOpts)`: `InfoOpts` is a map whose only keys are
/// `connection_id` and `node_type`, each `true` or `false`. Not alive,
/// only the local node can be listed: `{nonode@nohost, Info}` with
/// `node_type => this` and `connection_id => undefined` as asked.
fn nodes_2(ctx: &mut Ctx, args: &[Term; 2]) -> Term {
    let Some(this) = wants_this(args[0]) else {
        return ctx.badarg();
    };
    if !map::is_map(args[1]) {
        return ctx.badarg();
    }
    let (mut conn_id, mut node_type) = (false, false);
    for (k, v) in map::pairs(args[1]) {
        let on = match v {
            am::TRUE => true,
            am::FALSE => false,
            _ => return ctx.badarg(),
        };
        match k.is_atom().then(|| atom::name(k)) {
            Some("connection_id") => conn_id = on,
            Some("node_type") => node_type = on,
            _ => return ctx.badarg(),
        }
    }
    if !this {
        return NIL;
    }
    let mut info = Vec::new();
    if conn_id {
        info.push((atom::intern("connection_id"), am::UNDEFINED));
    }
    if node_type {
        info.push((atom::intern("node_type"), atom::intern("this")));
    }
    let info = map::from_pairs(ctx, info);
    let entry = make_tuple(ctx, &[am::NONODE, info]);
    list_from_slice(ctx, &[entry])
}

fn monitor_node_2(ctx: &mut Ctx, args: &[Term; 2]) -> Term {
    monitor_node(ctx, args[0], args[1], NIL)
}

fn monitor_node_3(ctx: &mut Ctx, args: &[Term; 3]) -> Term {
    monitor_node(ctx, args[0], args[1], args[2])
}

/// `monitor_node(Node, Flag, Options)`: the options must be a proper list
/// of `allow_passive_connect`; monitoring another node needs a live node
/// (`notalive`); the local node is never down, so monitoring it sets up
/// nothing and answers `true`.
fn monitor_node(ctx: &mut Ctx, node: Term, flag: Term, opts: Term) -> Term {
    match list_to_vec(opts) {
        Some(v)
            if v.iter()
                .all(|&o| o == atom::intern("allow_passive_connect")) => {}
        _ => return ctx.badarg_cause("badopt"),
    }
    if !node.is_atom() {
        return ctx.badarg();
    }
    if node != am::NONODE {
        return ctx.error(atom::intern("notalive"));
    }
    match flag {
        am::TRUE | am::FALSE => am::TRUE,
        _ => ctx.badarg(),
    }
}
