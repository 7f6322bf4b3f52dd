//! The standard I/O servers: native processes that speak the Erlang I/O
//! protocol for `standard_io` (stdout/stdin, registered as `user`, every
//! process's default group leader) and `standard_error` (stderr).
//!
//! A native process is a pid with no heap, stack or code: `send` hands
//! messages addressed to it to `deliver`, which decodes
//! `{io_request, From, ReplyAs, Request}` on the sender's scheduler,
//! performs it and sends `{io_reply, ReplyAs, Reply}` back, as OTP's
//! `user` server (user.erl) would. It never exits, so monitors on it
//! never fire.
//!
//! Requests that need Erlang code (`{put_chars, Enc, M, F, A}`, the form
//! `io:format` uses, and `get_until`) run `apply(M, F, A)` in a short-lived
//! *worker* process (`worker.rs`); the scheduler hands the worker's return
//! value (or its crash) back here, and the server finishes the request.
//! While a worker runs, later requests wait in the server's queue, so
//! output keeps the order in which requests arrived.
//!
//! Output goes through Rust's stdout, which is line buffered: a finished
//! line is written at once, a partial line waits until the next line end,
//! a read from stdin, the scheduler going idle, or the VM exiting. Stderr
//! is unbuffered.

mod input;
pub mod request;
mod worker;

use crate::data::build::{list_from_slice, make_byte_list, make_tuple};
use crate::heap::ctx::Ctx;
use crate::heap::process::Message;
use crate::term::atom::{self, am};
use crate::term::Term;
use request::{Enc, Opts, Req};
use std::collections::VecDeque;
use std::io::Write;
use std::sync::{Mutex, OnceLock};

/// Which stream a server writes to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Dev {
    Out,
    Err,
}

struct Server {
    dev: Dev,
    pid: Term,
    opts: Opts,
    /// The request a worker is computing, if any.
    busy: Option<worker::Busy>,
    /// Requests that arrived while busy (copied messages), in order.
    queue: VecDeque<Message>,
}

fn servers() -> &'static [Mutex<Server>; 2] {
    static S: OnceLock<[Mutex<Server>; 2]> = OnceLock::new();
    S.get_or_init(|| {
        let mk = |dev: Dev, name: &str| {
            let pid = crate::proc::ptable::new_pid();
            crate::proc::ptable::register_native(atom::intern(name), pid);
            Mutex::new(Server {
                dev,
                pid,
                opts: Opts {
                    binary: false,
                    enc: Enc::Latin1,
                },
                busy: None,
                queue: VecDeque::new(),
            })
        };
        let out = mk(Dev::Out, "user");
        let err = mk(Dev::Err, "standard_error");
        for s in [&out, &err] {
            crate::proc::entity::register(s.lock().unwrap().pid, &Servers);
        }
        crate::proc::entity::add_exit_hook(&Servers);
        crate::proc::entity::set_default_group_leader(out.lock().unwrap().pid);
        [out, err]
    })
}

fn pids() -> &'static [Term; 2] {
    static P: OnceLock<[Term; 2]> = OnceLock::new();
    P.get_or_init(|| {
        let s = servers();
        [s[0].lock().unwrap().pid, s[1].lock().unwrap().pid]
    })
}

/// The `standard_io` server: every process's default group leader.
pub fn pid() -> Term {
    pids()[0]
}

/// The `standard_error` server.
pub fn err_pid() -> Term {
    pids()[1]
}

/// Whether `t` is one of the native I/O servers.
pub fn is_server(t: Term) -> bool {
    t.is_pid() && pids().contains(&t)
}

fn server_of(t: Term) -> Option<&'static Mutex<Server>> {
    pids().iter().position(|&p| p == t).map(|i| &servers()[i])
}

/// Flushes buffered standard output (prompts, stdin reads; the scheduler
/// and `halt` flush stdout themselves).
pub fn flush() {
    let _ = std::io::stdout().flush();
}

fn write(dev: Dev, bytes: &[u8]) {
    super::stats::add_output(bytes.len());
    match dev {
        Dev::Out => {
            let _ = std::io::stdout().lock().write_all(bytes);
        }
        Dev::Err => {
            let mut e = std::io::stderr().lock();
            let _ = e.write_all(bytes);
            let _ = e.flush();
        }
    }
}

/// `send` to a native I/O server: `msg` lives on the sender's heap (the
/// process bound to `ctx`).
pub fn deliver(ctx: &mut Ctx, to: Term, msg: Term) {
    let Some(srv) = server_of(to) else {
        return;
    };
    if request::decode_msg(msg).is_none() {
        return; // user.erl ignores anything else
    }
    let mut s = srv.lock().unwrap();
    if s.busy.is_some() || !s.queue.is_empty() {
        s.queue.push_back(crate::gc::copy::copy_to_message(msg));
        return;
    }
    process(ctx, &mut s, msg);
}

/// Sends `{io_reply, ReplyAs, Reply}` to `from`.
fn reply(ctx: &mut Ctx, from: Term, reply_as: Term, r: Term) {
    if !from.is_pid() {
        return;
    }
    let t = make_tuple(ctx, &[atom::intern("io_reply"), reply_as, r]);
    crate::proc::signal::send_copied(from, crate::gc::copy::copy_to_message(t));
}

fn error_reply(ctx: &mut Ctx, what: Term) -> Term {
    make_tuple(ctx, &[am::ERROR, what])
}

/// The outcome of one request done natively.
enum Done {
    Reply(Term),
    /// A worker was started; it will reply.
    Pending,
}

/// Performs the request in `msg` (a valid `io_request` tuple).
fn process(ctx: &mut Ctx, s: &mut Server, msg: Term) {
    let Some((from, reply_as, req)) = request::decode_msg(msg) else {
        return;
    };
    match run(ctx, s, msg, request::decode(req)) {
        Done::Reply(r) => reply(ctx, from, reply_as, r),
        Done::Pending => {}
    }
}

fn run(ctx: &mut Ctx, s: &mut Server, msg: Term, req: Req) -> Done {
    let put_chars = atom::intern("put_chars");
    match req {
        Req::PutChars(enc, chars) => match request::output_bytes(chars, enc, s.opts.enc) {
            Some(b) => {
                write(s.dev, &b);
                Done::Reply(am::OK)
            }
            None => Done::Reply(error_reply(ctx, put_chars)),
        },
        Req::PutCharsMfa(enc, m, f, a) => {
            if worker::start_put_chars(ctx, s, msg, enc, m, f, a) {
                Done::Pending
            } else {
                Done::Reply(error_reply(ctx, put_chars))
            }
        }
        Req::GetLine(enc, prompt) => {
            prompt_out(s, prompt);
            let line = input::read_line();
            Done::Reply(input_reply(ctx, s.opts, enc, line))
        }
        Req::GetChars(enc, prompt, n) => {
            if !n.is_small() || n.small_value() < 0 {
                return Done::Reply(error_reply(ctx, atom::intern("get_chars")));
            }
            prompt_out(s, prompt);
            let data = input::read_chars(n.small_value() as usize);
            Done::Reply(input_reply(ctx, s.opts, enc, data))
        }
        Req::GetUntil(enc, prompt, m, f, a) => {
            prompt_out(s, prompt);
            if worker::start_get_until(ctx, s, msg, enc, m, f, a) {
                Done::Pending
            } else {
                Done::Reply(error_reply(ctx, atom::intern("get_until")))
            }
        }
        Req::GetOpts => {
            let b = make_tuple(ctx, &[atom::intern("binary"), Term::boolean(s.opts.binary)]);
            let e = make_tuple(ctx, &[atom::intern("encoding"), s.opts.enc.atom()]);
            Done::Reply(list_from_slice(ctx, &[b, e]))
        }
        Req::SetOpts(list) => match request::apply_opts(s.opts, list) {
            Some(o) => {
                s.opts = o;
                Done::Reply(am::OK)
            }
            None => Done::Reply(error_reply(ctx, atom::intern("enotsup"))),
        },
        Req::GetGeometry(_) => Done::Reply(error_reply(ctx, atom::intern("enotsup"))),
        Req::Requests(list) => {
            let mut last = am::OK;
            let items = crate::data::build::list_to_vec(list).unwrap_or_default();
            for r in items {
                match request::decode(r) {
                    Req::PutCharsMfa(..) | Req::GetUntil(..) | Req::Requests(_) => {
                        let t = make_tuple(ctx, &[atom::intern("request"), r]);
                        return Done::Reply(error_reply(ctx, t));
                    }
                    one => match run(ctx, s, msg, one) {
                        Done::Reply(v) => {
                            last = v;
                            if is_error(v) {
                                break;
                            }
                        }
                        Done::Pending => return Done::Pending,
                    },
                }
            }
            Done::Reply(last)
        }
        Req::Unknown(r) => {
            let t = make_tuple(ctx, &[atom::intern("request"), r]);
            Done::Reply(error_reply(ctx, t))
        }
    }
}

fn is_error(t: Term) -> bool {
    // SAFETY: element read guarded by the tuple arity.
    unsafe { t.is_tuple() && t.tuple_arity() == 2 && t.tuple_elem(0) == am::ERROR }
}

/// Writes a prompt: character data, or an atom's text (as io_lib's
/// `format_prompt` does for these common cases).
fn prompt_out(s: &Server, prompt: Term) {
    let bytes = if prompt.is_atom() {
        Some(atom::name(prompt).as_bytes().to_vec())
    } else {
        request::output_bytes(prompt, Enc::Unicode, s.opts.enc)
    };
    if let Some(b) = bytes {
        if !b.is_empty() {
            // The prompt goes to stdout whichever server asks.
            write(Dev::Out, &b);
        }
    }
    flush();
}

/// The reply for input `data` (None = end of file): a list of characters,
/// or a binary in binary mode (UTF-8 when the request is unicode).
fn input_reply(ctx: &mut Ctx, opts: Opts, enc: Enc, data: Option<Vec<u8>>) -> Term {
    let Some(bytes) = data else {
        return atom::intern("eof");
    };
    if opts.binary {
        let b = match (enc, opts.enc) {
            (Enc::Unicode, Enc::Latin1) => {
                let cps: Vec<u32> = bytes.iter().map(|&b| b as u32).collect();
                crate::data::chardata::utf8_encode(&cps)
            }
            _ => bytes,
        };
        return crate::data::binary::build::make_binary(ctx, &b);
    }
    match opts.enc {
        Enc::Unicode => {
            let cps = crate::data::chardata::decode_chardata(
                crate::data::binary::build::make_binary(ctx, &bytes),
                crate::data::chardata::InEnc::Utf8,
            )
            .unwrap_or_else(|_| bytes.iter().map(|&b| b as u32).collect());
            let v: Vec<Term> = cps.iter().map(|&c| Term::small(c as i64)).collect();
            list_from_slice(ctx, &v)
        }
        Enc::Latin1 => make_byte_list(ctx, &bytes),
    }
}

/// The two servers as the process layer sees them: an entity owning their
/// pids, and an exit hook that hands a worker's result to its server.
struct Servers;

impl crate::proc::entity::Entity for Servers {
    fn deliver(&self, ctx: &mut Ctx, to: Term, msg: Term) {
        deliver(ctx, to, msg);
    }
}

impl crate::proc::entity::ExitHook for Servers {
    /// A worker returned (result in `x0`): its server writes and replies.
    /// The worker then ends normally.
    fn on_done(&self, ctx: &mut Ctx, r: &crate::proc::ptable::ProcRef) -> bool {
        let result = ctx.x[0];
        worker::finish(ctx, r.pid(), Ok(result));
        false
    }

    /// A worker crashed: its server replies with the error; no crash
    /// report.
    fn on_exit(&self, ctx: &mut Ctx, pid: Term, reason: Term) -> bool {
        reason != am::NORMAL && worker::finish(ctx, pid, Err(reason))
    }
}

/// Runs queued requests until one needs a worker.
fn drain(ctx: &mut Ctx, s: &mut Server) {
    while s.busy.is_none() {
        let Some(m) = s.queue.pop_front() else {
            return;
        };
        process(ctx, s, m.term);
        drop(m);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn servers_are_registered_natives() {
        let _g = crate::sched::tests::serial();
        assert!(is_server(pid()));
        assert!(is_server(err_pid()));
        assert_ne!(pid(), err_pid());
        assert!(!is_server(Term::small(1)));
    }
}
