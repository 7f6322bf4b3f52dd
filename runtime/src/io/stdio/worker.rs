//! Worker processes for I/O requests that run Erlang code: `put_chars`
//! with `{M, F, A}` (what `io:format` sends) and `get_until`. The server
//! spawns `M:F(Args...)` with itself as group leader; the scheduler calls
//! `finish` with the worker's return value or exit reason, and the server
//! completes the request as user.erl would (`catch apply(M, F, A)`).

use super::request::{self, Enc, Req};
use super::{error_reply, input, reply, write, Server};
use crate::data::build::{list_from_slice_tail, list_length, make_byte_list};
use crate::heap::ctx::Ctx;
use crate::heap::process::Message;
use crate::proc::spawn::Start;
use crate::term::atom::{self, am};
use crate::term::Term;

#[derive(Clone, Copy)]
pub enum Kind {
    PutChars(Enc),
    /// `eof_seen`: the last data handed to the function was `eof`.
    GetUntil {
        enc: Enc,
        eof_seen: bool,
    },
}

pub struct Busy {
    worker: Term,
    /// A copy of the `{io_request, From, ReplyAs, Request}` message.
    req: Message,
    kind: Kind,
}

/// Spawns `m:f(args...)` with `s` as its group leader.
fn spawn_worker(s: &Server, m: Term, f: Term, args: Term) -> Option<Term> {
    if !m.is_atom() || !f.is_atom() || list_length(args).is_none() {
        return None;
    }
    Some(crate::proc::spawn::spawn_with_leader(
        Start::Mfa(m, f, args),
        None,
        s.pid,
    ))
}

pub fn start_put_chars(
    _ctx: &mut Ctx,
    s: &mut Server,
    msg: Term,
    enc: Enc,
    m: Term,
    f: Term,
    a: Term,
) -> bool {
    let Some(w) = spawn_worker(s, m, f, a) else {
        return false;
    };
    s.busy = Some(Busy {
        worker: w,
        req: crate::gc::copy::copy_to_message(msg),
        kind: Kind::PutChars(enc),
    });
    true
}

/// The next chunk of input for `get_until`: a line as a character list,
/// or `eof`.
fn next_data(ctx: &mut Ctx) -> (Term, bool) {
    match input::read_line() {
        Some(l) => (make_byte_list(ctx, &l), false),
        None => (atom::intern("eof"), true),
    }
}

/// Calls `m:f(cont, Data, a...)` in a new worker.
fn spawn_get_until(
    ctx: &mut Ctx,
    s: &Server,
    cont: Term,
    m: Term,
    f: Term,
    a: Term,
) -> Option<(Term, bool)> {
    list_length(a)?;
    let (data, eof) = next_data(ctx);
    let args = list_from_slice_tail(ctx, &[cont, data], a);
    spawn_worker(s, m, f, args).map(|w| (w, eof))
}

pub fn start_get_until(
    ctx: &mut Ctx,
    s: &mut Server,
    msg: Term,
    enc: Enc,
    m: Term,
    f: Term,
    a: Term,
) -> bool {
    let Some((w, eof)) = spawn_get_until(ctx, s, crate::term::NIL, m, f, a) else {
        return false;
    };
    s.busy = Some(Busy {
        worker: w,
        req: crate::gc::copy::copy_to_message(msg),
        kind: Kind::GetUntil { enc, eof_seen: eof },
    });
    true
}

/// The elements of a tuple.
fn tuple(t: Term) -> Vec<Term> {
    if !t.is_tuple() {
        return Vec::new();
    }
    // SAFETY: indices below the arity.
    unsafe { (0..t.tuple_arity()).map(|i| t.tuple_elem(i)).collect() }
}

/// A worker ended (`res`: its return value, or `Err(reason)`). Returns
/// false if `pid` is not a worker.
pub fn finish(ctx: &mut Ctx, pid: Term, res: Result<Term, Term>) -> bool {
    for srv in super::servers() {
        let mut s = srv.lock().unwrap();
        if !s.busy.as_ref().is_some_and(|b| b.worker == pid) {
            continue;
        }
        let Some(busy) = s.busy.take() else {
            return false;
        };
        complete(ctx, &mut s, busy, res);
        super::drain(ctx, &mut s);
        return true;
    }
    false
}

fn complete(ctx: &mut Ctx, s: &mut Server, busy: Busy, res: Result<Term, Term>) {
    let Some((from, reply_as, req)) = request::decode_msg(busy.req.term) else {
        return;
    };
    match busy.kind {
        Kind::PutChars(enc) => {
            let bytes = res
                .ok()
                .filter(|r| r.is_list() || r.is_nil() || crate::data::binary::is_bitstring(*r))
                .and_then(|r| request::output_bytes(r, enc, s.opts.enc));
            let r = match bytes {
                Some(b) => {
                    write(s.dev, &b);
                    am::OK
                }
                None => error_reply(ctx, atom::intern("put_chars")),
            };
            reply(ctx, from, reply_as, r);
        }
        Kind::GetUntil { enc, eof_seen } => {
            let r = res.unwrap_or(am::ERROR);
            let e = tuple(r);
            if e.len() == 3 && e[0] == atom::intern("done") {
                push_back(e[2]);
                reply(ctx, from, reply_as, e[1]);
                return;
            }
            if e.len() == 2 && e[0] == atom::intern("more") && !eof_seen {
                if let Req::GetUntil(_, _, m, f, a) = request::decode(req) {
                    if let Some((w, eof)) = spawn_get_until(ctx, s, e[1], m, f, a) {
                        s.busy = Some(Busy {
                            worker: w,
                            req: busy.req,
                            kind: Kind::GetUntil { enc, eof_seen: eof },
                        });
                        return;
                    }
                }
            }
            let r = if e.len() == 2 && e[0] == atom::intern("more") {
                atom::intern("eof")
            } else {
                error_reply(ctx, atom::intern("get_until"))
            };
            reply(ctx, from, reply_as, r);
        }
    }
}

/// Returns the unconsumed characters of a `get_until` to the input.
fn push_back(rest: Term) {
    if let Ok(cps) =
        crate::data::chardata::decode_chardata(rest, crate::data::chardata::InEnc::Latin1)
    {
        let b: Vec<u8> = cps.iter().map(|&c| c as u8).collect();
        if !b.is_empty() {
            input::unread(&b);
        }
    }
}
