//! The I/O poll thread: one epoll set for every port descriptor. Input
//! descriptors are watched while their port lives, output descriptors
//! only while their write queue is not empty, and each child's pidfd
//! until the child is reaped (also after its port closed: no zombies).
//! Events carry a key (what and which), never a bare descriptor, so a
//! descriptor number reused by a newer port cannot be mistaken for the
//! old one. The thread hands events to the port layer (`super::input`),
//! which delivers messages and so wakes the scheduler.
//!
//! Where `pidfd_open` is missing (Linux < 5.3), children are polled
//! with `waitpid(WNOHANG)` every 50 ms while any is unreaped.

use std::collections::HashMap;
use std::os::fd::{AsRawFd, FromRawFd, OwnedFd};
use std::sync::{Mutex, OnceLock};

/// What an event is about (low 2 bits of the key).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// A port's input descriptor is readable (or hung up).
    Input = 0,
    /// A port's output descriptor is writable.
    Output = 1,
    /// A child's pidfd: the child exited.
    Child = 2,
    /// A descriptor watched for another layer (`proc::fd_watch`: the
    /// `socket` module's sockets) is ready.
    Socket = 3,
}

pub fn key(kind: Kind, n: u64) -> u64 {
    (n << 2) | kind as u64
}

struct Poller {
    epfd: OwnedFd,
}

/// A child not reaped yet: its port (None once the port closed) and its
/// pidfd (None without pidfd support).
struct Child {
    port: Option<u64>,
    pidfd: Option<OwnedFd>,
}

fn children() -> &'static Mutex<HashMap<i32, Child>> {
    static C: OnceLock<Mutex<HashMap<i32, Child>>> = OnceLock::new();
    C.get_or_init(|| Mutex::new(HashMap::new()))
}

fn poller() -> &'static Poller {
    static P: OnceLock<Poller> = OnceLock::new();
    P.get_or_init(|| {
        // SAFETY: epoll_create1 takes no pointers.
        let fd = unsafe { libc::epoll_create1(libc::EPOLL_CLOEXEC) };
        assert!(fd >= 0, "epoll_create1 failed");
        // SAFETY: a fresh descriptor owned by nobody else.
        let epfd = unsafe { OwnedFd::from_raw_fd(fd) };
        std::thread::Builder::new()
            .name("girder-port-io".into())
            .spawn(run)
            .expect("cannot start the port I/O thread");
        Poller { epfd }
    })
}

fn ctl(op: i32, fd: i32, events: u32, key: u64) -> bool {
    let mut ev = libc::epoll_event { events, u64: key };
    // SAFETY: `ev` is a valid epoll_event for the call.
    unsafe { libc::epoll_ctl(poller().epfd.as_raw_fd(), op, fd, &mut ev) == 0 }
}

/// Watches `fd` for input (`Kind::Input`) or output readiness.
pub fn watch(fd: i32, kind: Kind, n: u64) {
    let ev = match kind {
        Kind::Output => libc::EPOLLOUT as u32,
        _ => (libc::EPOLLIN | libc::EPOLLRDHUP) as u32,
    };
    ctl(libc::EPOLL_CTL_ADD, fd, ev, key(kind, n));
}

/// Stops reporting `fd`'s events for a while (`on`: false), or reports
/// them again (true) as `watch` set them up.
pub fn set_watching(fd: i32, kind: Kind, n: u64, on: bool) {
    let ev = match (on, kind) {
        (false, _) => 0,
        (true, Kind::Output) => libc::EPOLLOUT as u32,
        (true, _) => (libc::EPOLLIN | libc::EPOLLRDHUP) as u32,
    };
    ctl(libc::EPOLL_CTL_MOD, fd, ev, key(kind, n));
}

/// Watches `fd` for exactly `events` (epoll bits; 0: none for now),
/// reported as port `n`'s input (in-VM drivers with descriptors of their
/// own: sockets). `added`: `fd` is in the set already.
pub fn watch_events(fd: i32, n: u64, events: u32, added: bool) {
    let op = if added {
        libc::EPOLL_CTL_MOD
    } else {
        libc::EPOLL_CTL_ADD
    };
    ctl(op, fd, events, key(Kind::Input, n));
}

/// Watches `fd` for exactly `events`, reported with `id` to
/// `proc::fd_watch` (registered as its poller by `bif::install`). `added`: `fd` is in the set already.
pub fn watch_socket(fd: i32, id: u64, events: u32, added: bool) {
    let op = if added {
        libc::EPOLL_CTL_MOD
    } else {
        libc::EPOLL_CTL_ADD
    };
    ctl(op, fd, events, key(Kind::Socket, id));
}

/// Stops watching `fd` (before it is closed).
pub fn unwatch(fd: i32) {
    ctl(libc::EPOLL_CTL_DEL, fd, 0, 0);
}

/// Tracks child `pid` of port `port` until it is reaped.
pub fn add_child(pid: i32, port: u64) {
    // SAFETY: the syscall takes a pid and flags, no pointers.
    let raw = unsafe { libc::syscall(libc::SYS_pidfd_open, pid, 0) } as i32;
    let pidfd = (raw >= 0).then(|| {
        // SAFETY: pidfd_open returned a fresh descriptor.
        let fd = unsafe { OwnedFd::from_raw_fd(raw) };
        // SAFETY: fcntl on our own descriptor.
        unsafe { libc::fcntl(raw, libc::F_SETFD, libc::FD_CLOEXEC) };
        fd
    });
    let mut c = children().lock().unwrap();
    if let Some(fd) = &pidfd {
        watch(fd.as_raw_fd(), Kind::Child, pid as u64);
    }
    c.insert(
        pid,
        Child {
            port: Some(port),
            pidfd,
        },
    );
}

/// The port of child `pid` closed: the child is still reaped when it
/// exits, but nobody is told.
pub fn forget_port(pid: i32) {
    if let Some(c) = children().lock().unwrap().get_mut(&pid) {
        c.port = None;
    }
}

/// Reaps `pid` if it exited; tells its port.
fn reap(pid: i32) {
    let Some(code) = super::child::try_reap(pid) else {
        return;
    };
    let port = {
        let mut c = children().lock().unwrap();
        let Some(ch) = c.remove(&pid) else {
            return;
        };
        if let Some(fd) = &ch.pidfd {
            unwatch(fd.as_raw_fd());
        }
        ch.port
    };
    if let Some(n) = port {
        super::input::child_exited(n, code);
    }
}

/// Children without a pidfd (polled).
fn polled_children() -> Vec<i32> {
    let c = children().lock().unwrap();
    c.iter()
        .filter(|(_, ch)| ch.pidfd.is_none())
        .map(|(&p, _)| p)
        .collect()
}

/// Number of children not reaped yet (tests).
pub fn unreaped() -> usize {
    children().lock().unwrap().len()
}

fn run() {
    let epfd = poller().epfd.as_raw_fd();
    let mut events = vec![libc::epoll_event { events: 0, u64: 0 }; 64];
    loop {
        let polled = polled_children();
        let timeout = if polled.is_empty() { -1 } else { 50 };
        // SAFETY: `events` has room for the 64 entries epoll_wait may fill.
        let n = unsafe { libc::epoll_wait(epfd, events.as_mut_ptr(), 64, timeout) };
        for ev in events.iter().take(n.max(0) as usize) {
            let k = ev.u64;
            let (kind, id) = (k & 3, k >> 2);
            match kind {
                0 => super::input::on_readable(id),
                1 => super::output::on_writable(id),
                2 => reap(id as i32),
                _ => crate::proc::fd_watch::ready(id, ev.events),
            }
        }
        for pid in polled {
            reap(pid);
        }
    }
}
