//! `erts_internal:open_port/2`: decode the arguments, start the driver,
//! publish the port with the caller as its connected, linked owner.

use super::opts::{self, OpenSpec, Target};
use super::{frame, poll, Driver, State};
use crate::heap::ctx::Ctx;
use crate::term::atom;
use crate::term::Term;
use std::collections::VecDeque;
use std::os::fd::{AsRawFd, FromRawFd, OwnedFd};

/// The error atom for an errno (`enoent`, `eacces`, ...).
pub fn errno_atom(e: i32) -> Term {
    let name = match e {
        libc::ENOENT => "enoent",
        libc::EACCES => "eacces",
        libc::EPERM => "eperm",
        libc::ENOTDIR => "enotdir",
        libc::EINVAL => "einval",
        libc::EBADF => "ebadf",
        libc::EMFILE => "emfile",
        libc::ENFILE => "enfile",
        libc::ENOMEM => "enomem",
        libc::EAGAIN => "eagain",
        libc::ENOEXEC => "enoexec",
        libc::ELOOP => "eloop",
        libc::ENAMETOOLONG => "enametoolong",
        libc::EPIPE => "epipe",
        libc::EIO => "eio",
        _ => "einval",
    };
    atom::intern(name)
}

fn new_state(spec: &OpenSpec, driver: Driver, owner: Term) -> State {
    State {
        driver,
        name: spec.name.clone(),
        owner,
        links: vec![owner],
        data: None,
        input_bytes: 0,
        output_bytes: 0,
        os_pid: None,
        mode: spec.mode,
        binary: spec.binary,
        eof_opt: spec.eof,
        exit_status_opt: spec.exit_status,
        parallelism: spec.parallelism,
        reader: frame::Reader::default(),
        in_fd: None,
        out_fd: None,
        wq: VecDeque::new(),
        out_watched: false,
        eof_seen: false,
        status: None,
        vm: None,
        ok_pending: false,
    }
}

/// A close-on-exec duplicate of `fd`.
fn dup(fd: i32) -> Result<OwnedFd, Term> {
    // SAFETY: fcntl takes no pointers; a failure is reported, not UB.
    let d = unsafe { libc::fcntl(fd, libc::F_DUPFD_CLOEXEC, 3) };
    if d < 0 {
        return Err(errno_atom(
            std::io::Error::last_os_error()
                .raw_os_error()
                .unwrap_or(libc::EBADF),
        ));
    }
    // SAFETY: a fresh descriptor owned by nobody else.
    Ok(unsafe { OwnedFd::from_raw_fd(d) })
}

/// Opens a port for the process bound to `ctx`; Err: the error atom.
pub fn open(ctx: &mut Ctx, name: Term, settings: Term) -> Result<Term, Term> {
    let spec = opts::parse(name, settings)?;
    // SAFETY: a process is scheduled on `ctx`.
    let owner = unsafe { ctx.process().pid };
    let port = match spec.target {
        Target::Fd(i, o) => {
            let mut st = new_state(&spec, Driver::Fd, owner);
            if spec.input {
                st.in_fd = Some(dup(i)?);
            }
            if spec.output {
                st.out_fd = Some(dup(o)?);
            }
            let port = super::insert(st).ok_or_else(|| atom::intern("system_limit"))?;
            if spec.input {
                super::input::start_fd_reader(&port);
            }
            port
        }
        Target::Driver(d) => {
            let mut vm = (d.start)(&spec.name).ok_or_else(|| atom::intern("einval"))?;
            let fds = vm.take_fds();
            let mut st = new_state(&spec, Driver::Vm, owner);
            st.vm = Some(vm);
            if let Some((i, o)) = fds {
                st.in_fd = Some(i);
                st.out_fd = Some(o);
            }
            let port = super::insert(st).ok_or_else(|| atom::intern("system_limit"))?;
            {
                // A device driver's input is watched like a pipe's.
                let g = port.lock();
                if let Some(fd) = g.in_fd.as_ref() {
                    poll::watch(fd.as_raw_fd(), poll::Kind::Input, port.num);
                }
            }
            port
        }
        _ => {
            let child = super::child::spawn(&spec).map_err(errno_atom)?;
            let mut st = new_state(&spec, Driver::Spawn, owner);
            st.os_pid = Some(child.pid);
            st.in_fd = child.from_child;
            st.out_fd = child.to_child;
            // Watch under the port's lock, and only a descriptor still
            // there: a port closed at once (by another thread that found
            // it in the table) has given its descriptors back.
            let port = super::insert(st).ok_or_else(|| atom::intern("system_limit"))?;
            {
                let g = port.lock();
                if let Some(fd) = g.in_fd.as_ref() {
                    poll::watch(fd.as_raw_fd(), poll::Kind::Input, port.num);
                }
                poll::add_child(child.pid, port.num);
            }
            port
        }
    };
    // SAFETY: a process is scheduled on `ctx`.
    unsafe { ctx.process().links.push(port.term) };
    Ok(port.term)
}

/// A port running the in-VM driver `vm`, connected and linked to `owner`
/// (a process that may be running on another thread: the link reaches
/// it as a signal), as `driver_create_port` makes one for an accepted
/// socket. None if port numbers ran out.
pub fn open_vm(
    name: &str,
    vm: Box<dyn super::driver::VmDriver>,
    owner: Term,
    binary: bool,
) -> Option<Term> {
    let st = State {
        driver: Driver::Vm,
        name: name.as_bytes().to_vec(),
        owner,
        links: vec![owner],
        data: None,
        input_bytes: 0,
        output_bytes: 0,
        os_pid: None,
        mode: frame::Mode::Stream,
        binary,
        eof_opt: false,
        exit_status_opt: false,
        parallelism: false,
        reader: frame::Reader::default(),
        in_fd: None,
        out_fd: None,
        wq: VecDeque::new(),
        out_watched: false,
        eof_seen: false,
        status: None,
        vm: Some(vm),
        ok_pending: false,
    };
    let port = super::insert(st)?;
    match crate::proc::ptable::lookup(owner) {
        Some(r) => {
            crate::proc::signal::deliver_signal(&r, crate::heap::process::Signal::Link(port.term))
        }
        None => super::terminate(&port, atom::intern("noproc")),
    }
    Some(port.term)
}
