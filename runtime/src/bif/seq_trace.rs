//! The sequential trace BIFs: `erlang:seq_trace/2`, `seq_trace_info/1`,
//! `seq_trace_print/1,2` (what `seq_trace.erl` calls), with erts'
//! argument rules and answers (`erl_bif_trace.c`). The token and the trace
//! messages are `proc::seq_trace`.

use super::{bif, BifDef};
use crate::data::build::make_tuple;
use crate::gc::copy::copy_into;
use crate::heap::ctx::Ctx;
use crate::heap::process::Process;
use crate::proc::seq_trace as st;
use crate::term::atom::{self, am};
use crate::term::{Term, NIL};

pub const BIFS: &[BifDef] = &[
    bif!("erlang", "seq_trace", 2, seq_trace_2),
    bif!("erlang", "seq_trace_info", 1, seq_trace_info_1),
    bif!("erlang", "seq_trace_print", 1, seq_trace_print_1),
    bif!("erlang", "seq_trace_print", 2, seq_trace_print_2),
    // The match specification functions `{is_seq_trace}` and `{get_seq_token}`.
    bif!("$girder_trap", "is_seq_trace", 0, is_seq_trace_0),
    bif!("$girder_trap", "get_seq_token", 0, get_seq_token_0),
];

/// `seq_trace(Item, Value)`: sets one part of the caller's token (making
/// a token if it has none) and returns the old value; `sequential_trace_token`
/// with `[]` removes the token and returns it.
fn seq_trace_2(ctx: &mut Ctx, args: &[Term; 2]) -> Term {
    let (item, value) = (args[0], args[1]);
    if !item.is_atom() {
        return ctx.badarg();
    }
    if let Some(flag) = st::flag_of(item).filter(|_| value == am::TRUE || value == am::FALSE) {
        let tok = st::ensure_token(me(ctx));
        let old = tok.flags & flag != 0;
        if value == am::TRUE {
            tok.flags |= flag;
        } else {
            tok.flags &= !flag;
        }
        return Term::boolean(old);
    }
    match atom::name(item) {
        "label" => {
            let old = st::ensure_token(me(ctx)).label;
            // The old label's copy goes away with the new one: copy it first.
            let old = copy_into(ctx, old);
            st::set_label(st::ensure_token(me(ctx)), value);
            old
        }
        "serial" => {
            let (last, serial) = match serial_pair(value) {
                Some(v) => v,
                None => return ctx.badarg(),
            };
            let p = me(ctx);
            let tok = st::ensure_token(p);
            let old = (tok.lastcnt, tok.serial);
            tok.lastcnt = last;
            tok.serial = serial;
            p.seq.clock = serial as u64;
            p.seq.lastcnt = last as u64;
            let counts = [Term::small(old.0), Term::small(old.1)];
            make_tuple(ctx, &counts)
        }
        "sequential_trace_token" if value == NIL => {
            let old = me(ctx).seq.token.take();
            st::token_term(ctx, old.as_deref())
        }
        _ => ctx.badarg(),
    }
}

/// The calling process.
fn me(ctx: &mut Ctx) -> &mut Process {
    // SAFETY: a BIF runs with its caller's process bound to `ctx`.
    unsafe { ctx.process() }
}

/// `{LastCnt, Serial}`: two small integers.
fn serial_pair(v: Term) -> Option<(i64, i64)> {
    // SAFETY: checked to be a tuple of arity 2 before reading elements.
    if !v.is_tuple() || unsafe { v.tuple_arity() } != 2 {
        return None;
    }
    // SAFETY: as above.
    let (a, b) = unsafe { (v.tuple_elem(0), v.tuple_elem(1)) };
    (a.is_small() && b.is_small()).then(|| (a.small_value(), b.small_value()))
}

/// `seq_trace_info(Item)`: `{Item, Value}` for the caller's token; without
/// a token, flags are false and `label`/`serial` answer `[]`.
fn seq_trace_info_1(ctx: &mut Ctx, args: &[Term; 1]) -> Term {
    let item = args[0];
    if !item.is_atom() {
        return ctx.badarg();
    }
    let name = atom::name(item);
    let Some(tok) = me(ctx).seq.token.as_deref() else {
        return match name {
            "label" | "serial" => NIL,
            "spawn" => make_tuple(ctx, &[item, am::FALSE]),
            _ if st::flag_of(item).is_some() => make_tuple(ctx, &[item, am::FALSE]),
            _ => ctx.badarg(),
        };
    };
    let (flags, label, counts) = (tok.flags, tok.label, (tok.lastcnt, tok.serial));
    let v = if let Some(f) = st::flag_of(item) {
        Term::boolean(flags & f != 0)
    } else if name == "label" {
        copy_into(ctx, label)
    } else if name == "serial" {
        make_tuple(ctx, &[Term::small(counts.0), Term::small(counts.1)])
    } else {
        return ctx.badarg();
    };
    make_tuple(ctx, &[item, v])
}

fn seq_trace_print_1(ctx: &mut Ctx, args: &[Term; 1]) -> Term {
    Term::boolean(st::print(me(ctx), None, args[0]))
}

fn seq_trace_print_2(ctx: &mut Ctx, args: &[Term; 2]) -> Term {
    Term::boolean(st::print(me(ctx), Some(args[0]), args[1]))
}

fn is_seq_trace_0(ctx: &mut Ctx, _args: &[Term; 0]) -> Term {
    Term::boolean(me(ctx).seq.token.is_some())
}

fn get_seq_token_0(ctx: &mut Ctx, _args: &[Term; 0]) -> Term {
    let tok = me(ctx).seq.token.take();
    let t = st::token_term(ctx, tok.as_deref());
    me(ctx).seq.token = tok;
    t
}
