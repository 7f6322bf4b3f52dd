//! Miscellaneous BIFs: `erlang:display/1`, `halt/0,1,2`, `error/1,2,3`,
//! `throw/1`, `exit/1`, `node/0,1`, `make_ref/0` and the process
//! dictionary (`get/0,1`, `put/2`, `erase/0,1`, `get_keys/0,1`).

use super::{bif, guard_bif, BifDef};
use crate::heap::ctx::Ctx;
use crate::proc::pdict;
use crate::term::atom::am;
use crate::term::*;
use std::io::Write;

pub const BIFS: &[BifDef] = &[
    bif!("erlang", "display", 1, display_1),
    bif!("erlang", "halt", 0, halt_0),
    bif!("erlang", "halt", 1, halt_1),
    bif!("erlang", "halt", 2, halt_2),
    bif!("erlang", "error", 1, error_1),
    bif!("erlang", "error", 2, error_2),
    bif!("erlang", "error", 3, error_3),
    bif!("erlang", "throw", 1, throw_1),
    bif!("erlang", "raise", 3, raise_3),
    bif!("erlang", "nif_error", 1, error_1),
    bif!("erlang", "nif_error", 2, error_2),
    bif!("erlang", "exit", 1, exit_1),
    guard_bif!("erlang", "node", 0, node_0),
    guard_bif!("erlang", "node", 1, node_1),
    bif!("erlang", "nodes", 0, nodes_0),
    bif!("erlang", "nodes", 1, nodes_1),
    bif!("erlang", "make_ref", 0, make_ref_0),
    bif!("erlang", "get", 0, get_0),
    bif!("erlang", "get", 1, get_1),
    bif!("erlang", "put", 2, put_2),
    bif!("erlang", "erase", 0, erase_0),
    bif!("erlang", "erase", 1, erase_1),
    bif!("erlang", "get_keys", 0, get_keys_0),
    bif!("erlang", "get_keys", 1, get_keys_1),
];

/// Prints `display_bytes(t)` and a line end in one write to the locked
/// stdout, flushed at once so it interleaves correctly with other output
/// and with `halt`. The line end is `\r\n`: that is what erl's
/// `erlang:display/1` writes (even to a pipe), and the differential tests
/// compare stdout byte for byte.
fn display_1(_ctx: &mut Ctx, args: &[Term; 1]) -> Term {
    let t = args[0];
    let mut line = crate::data::display::display_bytes(t);
    line.extend_from_slice(b"\r\n");
    let out = std::io::stdout();
    let mut lock = out.lock();
    let _ = lock.write_all(&line);
    let _ = lock.flush();
    am::TRUE
}

/// Before exiting: the I/O servers write through Rust's stdout buffer, so
/// flushing it (and stderr) is all `halt` has to do.
fn flush_all() {
    let _ = std::io::stdout().flush();
    let _ = std::io::stderr().flush();
}

/// What `halt(Arg)` does, decided without side effects (testable).
#[derive(Debug, PartialEq)]
pub enum HaltAction {
    Exit(i32),
    Abort,
    /// Print the slogan on stderr and exit with status 1.
    Slogan(String),
}

/// BEAM's interpretation of a `halt/1` argument: a non-negative integer
/// (the OS keeps its low 8 bits), `abort`, or a string (crash slogan).
pub fn halt_action(status: Term) -> Option<HaltAction> {
    if status.is_small() {
        let v = status.small_value();
        return (v >= 0).then_some(HaltAction::Exit((v & 0xff) as i32));
    }
    if status.is_bignum() {
        // SAFETY: `status` is a bignum; it is normalized, so it has a limb.
        let (neg, low) = unsafe {
            (
                crate::data::big::big_is_negative(status),
                crate::data::big::big_limbs(status)[0],
            )
        };
        return (!neg).then_some(HaltAction::Exit((low & 0xff) as i32));
    }
    if status == crate::term::atom::intern("abort") {
        return Some(HaltAction::Abort);
    }
    if status.is_list() || status.is_nil() {
        return super::convert::chars_to_string(status, usize::MAX)
            .ok()
            .map(HaltAction::Slogan);
    }
    None
}

fn do_halt(a: HaltAction) -> ! {
    flush_all();
    match a {
        HaltAction::Exit(code) => std::process::exit(code),
        HaltAction::Abort => std::process::abort(),
        HaltAction::Slogan(s) => {
            super::crash_dump::write(&s);
            std::process::exit(1)
        }
    }
}

fn halt_0(_ctx: &mut Ctx, _args: &[Term; 0]) -> Term {
    do_halt(HaltAction::Exit(0))
}

fn halt_1(ctx: &mut Ctx, args: &[Term; 1]) -> Term {
    let s = args[0];
    match halt_action(s) {
        Some(a) => do_halt(a),
        None => ctx.badarg(),
    }
}

/// `halt(Status, Options)`: options must be a proper list of
/// `{flush, true | false}` (accepted and ignored: output is always flushed).
fn halt_2(ctx: &mut Ctx, args: &[Term; 2]) -> Term {
    let (s, opts) = (args[0], args[1]);
    let flush_opt = |o: &Term| {
        // SAFETY: element reads of a checked 2-tuple.
        o.is_tuple()
            && unsafe {
                o.tuple_arity() == 2 && o.tuple_elem(0) == crate::term::atom::intern("flush")
            }
            && matches!(unsafe { o.tuple_elem(1) }, am::TRUE | am::FALSE)
    };
    if !crate::data::build::list_to_vec(opts).is_some_and(|v| v.iter().all(flush_opt)) {
        return ctx.badarg();
    }
    match halt_action(s) {
        Some(a) => do_halt(a),
        None => ctx.badarg(),
    }
}

fn error_1(ctx: &mut Ctx, args: &[Term; 1]) -> Term {
    let r = args[0];
    ctx.raise(am::ERROR, r)
}

/// `error(Reason, Args)`: `Args` goes to `exc_trace` for the stack trace.
fn error_2(ctx: &mut Ctx, args: &[Term; 2]) -> Term {
    let (r, a) = (args[0], args[1]);
    ctx.raise(am::ERROR, r);
    ctx.exc_trace = a;
    NON_VALUE
}

/// `error(Reason, Args, Options)`: an `{error_info, Map}` option ends the
/// failing frame's location list (see `native::trace::error3_info`).
fn error_3(ctx: &mut Ctx, args: &[Term; 3]) -> Term {
    error_2(ctx, &[args[0], args[1]]);
    let opts = args[2];
    if let Some(info) = crate::abi::trace::error3_info(opts) {
        let key = crate::term::atom::intern("error_info");
        let t = crate::data::build::make_tuple(ctx, &[key, info]);
        ctx.exc_top = crate::data::build::cons(ctx, t, NIL);
    }
    NON_VALUE
}

/// `raise(Class, Reason, Stacktrace)`: re-raises with the given trace
/// (the compiler also turns a plain `throw/1` into `raise(throw, R, [])`).
/// With a bad class or a trace that is not a proper list it does not
/// raise: it returns the atom `badarg`, as BEAM's does.
fn raise_3(ctx: &mut Ctx, args: &[Term; 3]) -> Term {
    let (c, r, st) = (args[0], args[1], args[2]);
    if !(c == am::ERROR || c == am::EXIT || c == am::THROW) {
        return am::BADARG;
    }
    let Some(st) = crate::abi::trace::check_raise_trace(ctx, st) else {
        return am::BADARG;
    };
    ctx.raise(c, r);
    ctx.exc_prebuilt = st;
    NON_VALUE
}

fn throw_1(ctx: &mut Ctx, args: &[Term; 1]) -> Term {
    let r = args[0];
    ctx.raise(am::THROW, r)
}

fn exit_1(ctx: &mut Ctx, args: &[Term; 1]) -> Term {
    let r = args[0];
    ctx.raise(am::EXIT, r)
}

fn node_0(_ctx: &mut Ctx, _args: &[Term; 0]) -> Term {
    am::NONODE
}

/// `nodes()`: no connected nodes (girder is never distributed).
fn nodes_0(_ctx: &mut Ctx, _args: &[Term; 0]) -> Term {
    crate::term::NIL
}

/// `nodes(Kind | [Kind])`: `[node()]` if `this` or `known` is asked for,
/// else `[]`; unknown kinds are `badarg`.
fn nodes_1(ctx: &mut Ctx, args: &[Term; 1]) -> Term {
    let a = args[0];
    let kinds = if a.is_atom() {
        vec![a]
    } else {
        match crate::data::build::list_to_vec(a) {
            Some(v) => v,
            None => return ctx.badarg(),
        }
    };
    let mut this = false;
    for k in kinds {
        let name = if k.is_atom() {
            crate::term::atom::name(k)
        } else {
            ""
        };
        match name {
            "this" | "known" => this = true,
            "visible" | "hidden" | "connected" => {}
            _ => return ctx.badarg(),
        }
    }
    if this {
        crate::data::build::list_from_slice(ctx, &[am::NONODE])
    } else {
        crate::term::NIL
    }
}

/// `node(Pid | Port | Ref)`: this node for local ones, else the node
/// the identifier came from (`binary_to_term/1`).
fn node_1(ctx: &mut Ctx, args: &[Term; 1]) -> Term {
    let t = args[0];
    if let Some(n) = crate::data::ext_ident::node(t) {
        n.name
    } else if t.is_pid() || t.is_port() || t.is_reference() {
        am::NONODE
    } else {
        ctx.badarg()
    }
}

fn make_ref_0(ctx: &mut Ctx, _args: &[Term; 0]) -> Term {
    crate::data::build::make_ref(ctx)
}

/// The running process's dictionary and its index.
/// # Safety
/// A process must be scheduled on `ctx`.
unsafe fn dict(ctx: &mut Ctx) -> (&mut Vec<(Term, Term)>, &mut pdict::DictIndex) {
    let p = ctx.process();
    (&mut p.dict, &mut p.dict_index)
}

/// Builds a list of `items` with one allocation.
fn list_of(ctx: &mut Ctx, items: &[Term]) -> Term {
    crate::data::build::list_from_slice(ctx, items)
}

/// `[{K, V}]` for the given entries, with one allocation for everything.
fn pairs_list(ctx: &mut Ctx, pairs: &[(Term, Term)]) -> Term {
    let n = pairs.len();
    if n == 0 {
        return NIL;
    }
    let p = ctx.alloc(5 * n);
    // SAFETY: p holds 5n words: n 2-tuples (3 words each) then n cons cells.
    unsafe {
        let cells = p.add(3 * n);
        for (i, &(k, v)) in pairs.iter().enumerate() {
            let t = p.add(3 * i);
            *t = make_header(2, HDR_TUPLE);
            *t.add(1) = k.raw();
            *t.add(2) = v.raw();
            let c = cells.add(2 * i);
            *c = Term::boxed_from_ptr(t).raw();
            *c.add(1) = if i + 1 < n {
                Term::list_from_ptr(cells.add(2 * (i + 1))).raw()
            } else {
                NIL.raw()
            };
        }
        Term::list_from_ptr(cells)
    }
}

fn get_0(ctx: &mut Ctx, _args: &[Term; 0]) -> Term {
    // SAFETY: BIFs run with a scheduled process.
    let (d, ix) = unsafe { dict(ctx) };
    let pairs: Vec<(Term, Term)> = pdict::order(d, ix).into_iter().map(|e| d[e]).collect();
    pairs_list(ctx, &pairs)
}

fn get_1(ctx: &mut Ctx, args: &[Term; 1]) -> Term {
    let k = args[0];
    let (d, ix) = unsafe { dict(ctx) };
    pdict::get(d, ix, k).unwrap_or(am::UNDEFINED)
}

fn put_2(ctx: &mut Ctx, args: &[Term; 2]) -> Term {
    let (k, v) = (args[0], args[1]);
    let (d, ix) = unsafe { dict(ctx) };
    pdict::put(d, ix, k, v).unwrap_or(am::UNDEFINED)
}

fn erase_0(ctx: &mut Ctx, _args: &[Term; 0]) -> Term {
    // SAFETY: BIFs run with a scheduled process.
    let (d, ix) = unsafe { dict(ctx) };
    let pairs = pdict::erase_all(d, ix);
    pairs_list(ctx, &pairs)
}

fn erase_1(ctx: &mut Ctx, args: &[Term; 1]) -> Term {
    let k = args[0];
    let (d, ix) = unsafe { dict(ctx) };
    pdict::erase(d, ix, k).unwrap_or(am::UNDEFINED)
}

fn get_keys_0(ctx: &mut Ctx, _args: &[Term; 0]) -> Term {
    // SAFETY: BIFs run with a scheduled process.
    let (d, ix) = unsafe { dict(ctx) };
    let keys: Vec<Term> = pdict::order(d, ix).into_iter().map(|e| d[e].0).collect();
    list_of(ctx, &keys)
}

/// `get_keys(Value)`: keys whose value is exactly `Value`, in `get/0` order.
fn get_keys_1(ctx: &mut Ctx, args: &[Term; 1]) -> Term {
    let v = args[0];
    let (d, ix) = unsafe { dict(ctx) };
    let keys: Vec<Term> = pdict::order(d, ix)
        .into_iter()
        .filter(|&e| crate::data::compare::eq_exact(d[e].1, v))
        .map(|e| d[e].0)
        .collect();
    list_of(ctx, &keys)
}

#[cfg(test)]
#[path = "misc_tests.rs"]
mod tests;
