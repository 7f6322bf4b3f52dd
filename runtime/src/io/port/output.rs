//! Port output: `port_command` and `{Pid, {command, Data}}`. Data is
//! framed (`{packet, N}` headers) and written at once without blocking;
//! what the pipe does not take waits in the port's write queue
//! (`queue_size`) and the poll thread writes it when the pipe drains.
//! fd ports write their (usually terminal or file) descriptor directly.

use super::{frame, poll, Driver, Port};
use crate::term::atom;
use crate::term::Term;
use std::os::fd::AsRawFd;
use std::sync::Arc;

/// Why `command` did not queue the data.
#[derive(Debug, PartialEq, Eq)]
pub enum CommandError {
    /// The port is closed.
    Closed,
}

/// The iodata `t` as bytes (None: not iodata).
pub fn iodata_bytes(t: Term) -> Option<Vec<u8>> {
    let mut out = Vec::new();
    let mut stack = vec![t];
    while let Some(cur) = stack.pop() {
        if cur == crate::term::NIL {
            continue;
        }
        if cur.is_list() {
            // SAFETY: `cur` is a cons cell.
            let (h, tl) = unsafe { (cur.head(), cur.tail()) };
            if h.is_small() {
                let b = u8::try_from(h.small_value()).ok()?;
                out.push(b);
                stack.push(tl);
            } else {
                // Heads and tails that are neither lists nor binaries
                // fail below (`view`).
                stack.push(tl);
                stack.push(h);
            }
            continue;
        }
        let v = crate::data::binary::view(cur)?;
        if v.bits % 8 != 0 {
            return None;
        }
        out.extend_from_slice(&v.whole_bytes()?);
    }
    Some(out)
}

/// What happens to the port after a write attempt.
enum Outcome {
    Ok,
    /// The port exits with this reason (after the caller saw `true`).
    Exit(Term),
}

/// Writes the queue's head without blocking; Err(errno) on a failure
/// other than a full pipe.
fn flush(st: &mut super::State) -> Result<(), i32> {
    let Some(fd) = st.out_fd.as_ref().map(|f| f.as_raw_fd()) else {
        return Err(libc::EBADF);
    };
    while !st.wq.is_empty() {
        let (a, _) = st.wq.as_slices();
        // SAFETY: `a` is valid for `a.len()` bytes; `fd` is open while we
        // hold the port's lock.
        let r = unsafe { libc::write(fd, a.as_ptr().cast(), a.len()) };
        if r > 0 {
            crate::io::stats::add_output(r as usize);
            st.wq.drain(..r as usize);
            continue;
        }
        let e = std::io::Error::last_os_error()
            .raw_os_error()
            .unwrap_or(libc::EIO);
        match e {
            libc::EINTR => continue,
            libc::EAGAIN if st.driver != Driver::Fd => return Ok(()),
            libc::EAGAIN => {
                // An fd port's descriptor may be non-blocking (set by
                // someone else): wait for it, as a blocking write would.
                let mut pfd = libc::pollfd {
                    fd,
                    events: libc::POLLOUT,
                    revents: 0,
                };
                // SAFETY: one valid pollfd.
                unsafe { libc::poll(&mut pfd, 1, -1) };
            }
            _ => return Err(e),
        }
    }
    Ok(())
}

/// Queues `data` (not yet framed) for output on `port`.
pub fn command(port: &Arc<Port>, data: Vec<u8>) -> Result<(), CommandError> {
    command_from(port, None, data)
}

/// `command` from process `caller` (None: the connected process).
pub fn command_from(
    port: &Arc<Port>,
    caller: Option<Term>,
    data: Vec<u8>,
) -> Result<(), CommandError> {
    let outcome = {
        let mut st = port.lock();
        if !port.is_alive() {
            return Err(CommandError::Closed);
        }
        if st.driver == Driver::Vm {
            let mut cx = new_cx(port, &st, caller);
            let handled = match st.vm.as_mut() {
                Some(vm) => vm.command_cx(&mut cx, &data),
                None => false,
            };
            if handled {
                st.output_bytes += data.len() as u64;
                let exit = run_cx(port, &st, cx);
                drop(st);
                if let Some(r) = exit {
                    super::terminate(port, r);
                }
                return Ok(());
            }
            // The driver answers at once, before `port_command` returns
            // (erl calls a driver's output callback in the caller).
            st.output_bytes += data.len() as u64;
            let mut replies = Vec::new();
            let (mut device, mut sync) = (Vec::new(), false);
            if let Some(vm) = st.vm.as_mut() {
                vm.output(&data, &mut replies);
                device = vm.take_device_output();
                sync = vm.take_sync();
            }
            deliver_replies(port, &mut st, replies);
            let outcome = if device.is_empty() || st.out_fd.is_none() {
                Outcome::Ok
            } else {
                st.wq.extend(device);
                write_out(port, &mut st)
            };
            if sync {
                if st.wq.len() > SYNC_QUEUE_LIMIT {
                    st.ok_pending = true;
                } else {
                    send_ok(port, &st);
                }
            }
            outcome
        } else if st.out_fd.is_none() {
            Outcome::Exit(atom::intern("ebadf"))
        } else {
            let n = data.len() as u64;
            match frame::frame_output(st.mode, data) {
                None => Outcome::Exit(atom::intern("einval")),
                Some(bytes) => {
                    st.output_bytes += n;
                    st.wq.extend(bytes);
                    if st.driver == Driver::Fd {
                        // Keep the order with Rust's buffered stdout.
                        let _ = std::io::Write::flush(&mut std::io::stdout());
                    }
                    write_out(port, &mut st)
                }
            }
        }
    };
    if let Outcome::Exit(r) = outcome {
        super::terminate(port, r);
    }
    Ok(())
}

/// A synchronous put is acknowledged at once while no more than this
/// is left to write (erl's TTY_BUFFSIZE), else when the queue drains
/// below it.
const SYNC_QUEUE_LIMIT: usize = 1024;

/// `{Port, ok}` to the connected process.
fn send_ok(port: &Port, st: &super::State) {
    super::tell_owner(port, st.owner, |_| atom::intern("ok"));
}

/// `port_control(Port, Op, Data)`: the driver's answer; None for an
/// operation it does not have or a closed port (`badarg`).
/// `caller` is the calling process.
pub fn control(port: &Arc<Port>, caller: Term, op: u32, data: &[u8]) -> Option<Vec<u8>> {
    let mut st = port.lock();
    if !port.is_alive() {
        return None;
    }
    let mut cx = new_cx(port, &st, Some(caller));
    let r = st.vm.as_mut()?.control_cx(&mut cx, op, data);
    let exit = run_cx(port, &st, cx);
    drop(st);
    if let Some(reason) = exit {
        super::terminate(port, reason);
    }
    r
}

/// The driver context for a call on `port` by `caller`.
pub(super) fn new_cx(port: &Port, st: &super::State, caller: Option<Term>) -> super::driver::Cx {
    super::driver::Cx {
        port: port.term,
        num: port.num,
        owner: st.owner,
        caller: caller.unwrap_or(st.owner),
        msgs: Vec::new(),
        exit: None,
    }
}

/// Sends what a driver call produced, in order (under the port's lock,
/// so messages from the poll thread and from callers never overtake each
/// other); the exit reason the port should end with, if any.
pub(super) fn run_cx(port: &Port, _st: &super::State, cx: super::driver::Cx) -> Option<Term> {
    if !cx.msgs.is_empty() {
        super::scratch::with_ctx(|ctx| {
            for m in cx.msgs {
                let t = (m.build)(ctx, port.term);
                super::send(m.to, t);
            }
        });
    }
    cx.exit
}

/// Sends an in-VM driver's replies to the connected process.
fn deliver_replies(port: &Port, st: &mut super::State, replies: Vec<super::driver::Reply>) {
    let data = atom::intern("data");
    for r in replies {
        st.input_bytes += (r.header.len() + r.data.as_ref().map_or(0, Vec::len)) as u64;
        let binary = st.binary;
        super::tell_owner(port, st.owner, |ctx| {
            let d = super::driver::reply_term(ctx, binary, &r);
            crate::data::build::make_tuple(ctx, &[data, d])
        });
    }
}

/// Writes what it can and watches the descriptor for the rest.
fn write_out(port: &Port, st: &mut super::State) -> Outcome {
    match flush(st) {
        Err(e) => Outcome::Exit(super::open::errno_atom(e)),
        Ok(()) => {
            let fd = st.out_fd.as_ref().map(|f| f.as_raw_fd());
            match (fd, st.wq.is_empty(), st.out_watched) {
                (Some(fd), false, false) => {
                    poll::watch(fd, poll::Kind::Output, port.num);
                    st.out_watched = true;
                }
                (Some(fd), true, true) => {
                    poll::unwatch(fd);
                    st.out_watched = false;
                }
                _ => {}
            }
            Outcome::Ok
        }
    }
}

/// Writes `rest` to `fd` on a thread of its own, blocking, then closes
/// it: the output a closed port still owed its child (the child may take
/// its time to read it; nothing waits for that thread).
pub fn drain_detached(fd: std::os::fd::OwnedFd, rest: std::collections::VecDeque<u8>) {
    let _ = std::thread::Builder::new()
        .name("girder-port-drain".into())
        .spawn(move || {
            let raw = fd.as_raw_fd();
            // SAFETY: fcntl on a descriptor this thread owns.
            unsafe {
                let fl = libc::fcntl(raw, libc::F_GETFL);
                if fl >= 0 {
                    libc::fcntl(raw, libc::F_SETFL, fl & !libc::O_NONBLOCK);
                }
            }
            let mut f = std::fs::File::from(fd);
            let (a, b) = rest.as_slices();
            use std::io::Write;
            let _ = f.write_all(a).and_then(|_| f.write_all(b));
        });
}

/// The poll thread saw port `n`'s output descriptor writable.
pub fn on_writable(n: u64) {
    let Some(port) = super::by_number(n) else {
        return;
    };
    let outcome = {
        let mut st = port.lock();
        let o = write_out(&port, &mut st);
        if st.ok_pending && st.wq.len() < SYNC_QUEUE_LIMIT {
            st.ok_pending = false;
            send_ok(&port, &st);
        }
        o
    };
    if let Outcome::Exit(r) = outcome {
        super::terminate(&port, r);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::data::build::{list_from_slice, make_string};

    #[test]
    fn iodata_flattens_in_order() {
        let mut tp = crate::testutil::TestProc::new();
        let ctx = tp.ctx();
        let a = make_string(ctx, "ab");
        let b = crate::data::binary::build::make_binary(ctx, b"cd");
        let l = list_from_slice(ctx, &[a, b, Term::small(b'e' as i64)]);
        assert_eq!(iodata_bytes(l), Some(b"abcde".to_vec()));
        let bad = list_from_slice(ctx, &[Term::small(256)]);
        assert_eq!(iodata_bytes(bad), None);
        assert_eq!(iodata_bytes(crate::term::atom::am::OK), None);
    }
}
