//! Process aliases: `erlang:alias/0,1`, `unalias/1`, `monitor/3` (with
//! the `{alias, Mode}` option) and `send/3`, on the alias table in
//! `alias.rs` (which documents the deactivation modes).

use super::{bif, BifDef};
use crate::data::build::{list_to_vec, make_ref};
use crate::heap::ctx::Ctx;
use crate::proc::alias::{register, unalias, Mode};
use crate::proc::monitor;
use crate::term::atom::{am, intern};
use crate::term::Term;

pub const BIFS: &[BifDef] = &[
    bif!("erlang", "alias", 0, alias_0),
    bif!("erlang", "alias", 1, alias_1),
    bif!("erlang", "unalias", 1, unalias_1),
    bif!("erlang", "monitor", 3, monitor_3),
    bif!("erlang", "send", 3, send_3),
];

fn self_pid(ctx: &mut Ctx) -> Term {
    // SAFETY: a process is scheduled on `ctx` while a BIF runs.
    unsafe { ctx.process().pid }
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
    match unalias(id, me) {
        Some(active) => Term::boolean(active),
        None => am::FALSE,
    }
}

/// `monitor/3`'s options: the `{alias, Mode}` and `{tag, Tag}` options
/// (the last of each counts), or `Err` for anything else.
fn monitor_opts(opts: Term) -> Result<(Option<Mode>, Option<Term>), ()> {
    let opts = list_to_vec(opts).ok_or(())?;
    let (mut mode, mut tag) = (None, None);
    for o in opts {
        // SAFETY: element reads guarded by the tuple arity.
        let (k, v) = unsafe {
            if !o.is_tuple() || o.tuple_arity() != 2 {
                return Err(());
            }
            (o.tuple_elem(0), o.tuple_elem(1))
        };
        if k == intern("tag") {
            tag = Some(v);
            continue;
        }
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
    Ok((mode, tag))
}

fn monitor_3(ctx: &mut Ctx, args: &[Term; 3]) -> Term {
    let (kind, item, opts) = (args[0], args[1], args[2]);
    let Ok((mode, tag)) = monitor_opts(opts) else {
        return ctx.badarg_cause("badopt");
    };
    let r = super::monitor::monitor_tagged(ctx, kind, item, tag);
    if r.is_non_value() {
        return r;
    }
    if let (Some(mode), Some(id)) = (mode, monitor::ref_id(r)) {
        let me = self_pid(ctx);
        let tracked = monitor::is_active(id);
        // An untracked monitor either already delivered `noproc` (a
        // `demonitor` alias is dead at once; an `explicit_unalias` one
        // lives on until `unalias/1`, as in BEAM) or never fires (self,
        // the I/O servers).
        let target = if item.is_atom() {
            crate::proc::ptable::whereis(item)
        } else {
            Some(item)
        };
        let never_fires = target.is_some_and(|p| p == me || crate::proc::entity::is_entity(p));
        if tracked || never_fires || mode == Mode::ExplicitUnalias {
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
    let r = crate::abi::recv::send(ctx, to, msg);
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
        assert_eq!(monitor_opts(crate::term::NIL), Ok((None, None)));
        assert_eq!(monitor_opts(am::OK), Err(()));
        let mut tp = crate::testutil::TestProc::new();
        let ctx = tp.ctx();
        let tag = crate::data::build::make_tuple(ctx, &[intern("tag"), am::OK]);
        let l = crate::data::build::list_from_slice(ctx, &[tag]);
        assert_eq!(monitor_opts(l), Ok((None, Some(am::OK))));
    }

    #[test]
    fn alias_lifecycle() {
        let _g = crate::sched::tests::serial();
        let mut tp = crate::testutil::TestProc::new();
        let ctx = tp.ctx();
        let r = alias_0(ctx, &[]);
        assert!(crate::proc::alias::resolve(r).is_some());
        let args = [r];
        assert_eq!(unalias_1(ctx, &args), am::TRUE);
        assert!(crate::proc::alias::resolve(r).is_none());
        assert_eq!(unalias_1(ctx, &args), am::FALSE);
        // a one-shot alias resolves once
        let reply = [crate::data::build::list_from_slice(ctx, &[intern("reply")])];
        let r2 = alias_1(ctx, &reply);
        assert!(crate::proc::alias::resolve(r2).is_some());
        assert!(crate::proc::alias::resolve(r2).is_none());
    }
}
