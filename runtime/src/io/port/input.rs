//! Port input: bytes read from the child (or fd) become `{Port, {data,
//! Data}}` messages to the connected process, cut by the port's mode;
//! at end of input the port sends `{Port, {exit_status, N}}` (with
//! `exit_status`, once the child's status is known) and then `{Port,
//! eof}` (with `eof`) or ends with reason `normal`.

use super::frame::Piece;
use super::{poll, scratch, tell_owner, Port, State};
use crate::data::binary::build::make_binary;
use crate::data::build::{make_byte_list, make_tuple};
use crate::heap::ctx::Ctx;
use crate::term::atom::{self, am};
use crate::term::Term;
use std::os::fd::AsRawFd;
use std::sync::Arc;

/// Most bytes read per readiness event, so that one busy port does not
/// starve the others.
const READ_BUDGET: usize = 256 * 1024;

/// What to do once the port's lock is released.
enum After {
    Nothing,
    Close(Term),
}

/// The data term of one piece (a list, or a binary in binary mode).
fn data_term(ctx: &mut Ctx, binary: bool, bytes: &[u8]) -> Term {
    if binary {
        make_binary(ctx, bytes)
    } else {
        make_byte_list(ctx, bytes)
    }
}

/// Sends the pieces to the owner, in order.
fn deliver(port: &Port, st: &State, pieces: Vec<Piece>) {
    if pieces.is_empty() {
        return;
    }
    let data = atom::intern("data");
    scratch::with_ctx(|ctx| {
        for p in pieces {
            let d = match p {
                Piece::Data(b) => data_term(ctx, st.binary, &b),
                Piece::Line(eol, b) => {
                    let tag = atom::intern(if eol { "eol" } else { "noeol" });
                    let l = data_term(ctx, st.binary, &b);
                    make_tuple(ctx, &[tag, l])
                }
            };
            let inner = make_tuple(ctx, &[data, d]);
            let t = make_tuple(ctx, &[port.term, inner]);
            super::send(st.owner, t);
        }
    });
}

/// Feeds `bytes` read from the port to its reader and delivers the
/// complete pieces.
fn got(port: &Port, st: &mut State, bytes: &[u8]) {
    st.input_bytes += bytes.len() as u64;
    crate::io::stats::add_input(bytes.len());
    let mut out = Vec::new();
    if let Some(vm) = st.vm.as_mut() {
        // A device driver decides what its input means.
        let mut msgs = Vec::new();
        vm.input(bytes, &mut msgs);
        out.extend(msgs.into_iter().map(Piece::Data));
        deliver(port, st, out);
        return;
    }
    let mode = st.mode;
    st.reader.feed(mode, bytes, &mut out);
    deliver(port, st, out);
}

/// Input ended: deliver what is left, then report the status / eof or
/// close, unless the exit status must be waited for.
fn ended(port: &Port, st: &mut State) -> After {
    if st.eof_seen {
        return After::Nothing;
    }
    st.eof_seen = true;
    let mut out = Vec::new();
    let mode = st.mode;
    st.reader.finish(mode, &mut out);
    deliver(port, st, out);
    if let Some(fd) = st.in_fd.take() {
        if st.driver != super::Driver::Fd {
            poll::unwatch(fd.as_raw_fd());
        }
    }
    if st.exit_status_opt && st.status.is_none() && st.os_pid.is_some() {
        return After::Nothing; // `child_exited` finishes
    }
    finish(port, st)
}

/// After end of input and (with `exit_status`) the child's exit.
fn finish(port: &Port, st: &mut State) -> After {
    if st.exit_status_opt {
        if let Some(code) = st.status {
            let tag = atom::intern("exit_status");
            tell_owner(port, st.owner, |ctx| {
                make_tuple(ctx, &[tag, Term::small(code as i64)])
            });
        }
    }
    if st.eof_opt {
        tell_owner(port, st.owner, |_| atom::intern("eof"));
        After::Nothing
    } else {
        After::Close(am::NORMAL)
    }
}

fn run_after(port: &Arc<Port>, a: After) {
    if let After::Close(reason) = a {
        super::terminate(port, reason);
    }
}

/// The poll thread saw the input descriptor of port `n` readable.
pub fn on_readable(n: u64) {
    let Some(port) = super::by_number(n) else {
        return;
    };
    let after = {
        let mut st = port.lock();
        if st.driver == super::Driver::Vm && st.in_fd.is_none() {
            // A driver watching descriptors of its own (sockets).
            let mut cx = super::output::new_cx(&port, &st, None);
            if let Some(vm) = st.vm.as_mut() {
                vm.ready(&mut cx);
            }
            let exit = super::output::run_cx(&port, &st, cx);
            drop(st);
            if let Some(r) = exit {
                super::terminate(&port, r);
            }
            return;
        }
        let Some(fd) = st.in_fd.as_ref().map(|f| f.as_raw_fd()) else {
            return;
        };
        let mut buf = vec![0u8; 64 * 1024];
        let mut total = 0;
        loop {
            // SAFETY: `buf` is valid for `buf.len()` bytes; `fd` is open
            // while we hold the port's lock.
            let r = unsafe { libc::read(fd, buf.as_mut_ptr().cast(), buf.len()) };
            if r > 0 {
                let k = r as usize;
                got(&port, &mut st, &buf[..k]);
                total += k;
                if total >= READ_BUDGET {
                    break After::Nothing; // level-triggered: called again
                }
                continue;
            }
            let e = std::io::Error::last_os_error().raw_os_error();
            if r < 0 && e == Some(libc::EINTR) {
                continue;
            }
            if r < 0 && e == Some(libc::EAGAIN) {
                break After::Nothing;
            }
            // 0: end of file; an error (EIO) ends input as well.
            break ended(&port, &mut st);
        }
    };
    run_after(&port, after);
}

/// Child of port `n` exited with `code`.
pub fn child_exited(n: u64, code: i32) {
    let Some(port) = super::by_number(n) else {
        return;
    };
    let after = {
        let mut st = port.lock();
        st.status = Some(code);
        if st.eof_seen && st.exit_status_opt {
            finish(&port, &mut st)
        } else {
            After::Nothing
        }
    };
    run_after(&port, after);
}

/// An fd port's input: a thread of its own doing blocking reads on the
/// duplicated descriptor (making a shared descriptor such as stdin
/// non-blocking would change it for everyone else using it).
pub fn start_fd_reader(port: &Arc<Port>) {
    let Some(fd) = port.lock().in_fd.as_ref().map(|f| f.as_raw_fd()) else {
        return;
    };
    let weak = Arc::downgrade(port);
    let _ = std::thread::Builder::new()
        .name("girder-fd-port".into())
        .spawn(move || {
            let mut buf = vec![0u8; 64 * 1024];
            loop {
                // SAFETY: `buf` is valid; the descriptor stays open while
                // the port lives (checked after each read: a read after
                // close fails with EBADF or reads a reused descriptor,
                // whose bytes are then dropped below).
                let r = unsafe { libc::read(fd, buf.as_mut_ptr().cast(), buf.len()) };
                let Some(port) = weak.upgrade().filter(|p| p.is_alive()) else {
                    return;
                };
                if r < 0 && std::io::Error::last_os_error().raw_os_error() == Some(libc::EINTR) {
                    continue;
                }
                let after = {
                    let mut st = port.lock();
                    if st.in_fd.is_none() {
                        return;
                    }
                    if r > 0 {
                        got(&port, &mut st, &buf[..r as usize]);
                        After::Nothing
                    } else {
                        ended(&port, &mut st)
                    }
                };
                let done = matches!(after, After::Close(_)) || r <= 0;
                run_after(&port, after);
                if done {
                    return;
                }
            }
        });
}
