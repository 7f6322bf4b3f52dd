//! Ports: `open_port/2` and everything a port identifier stands for.
//!
//! A port is an entity (`proc::entity`): a `#Port<0.N>` with no process
//! behind it, served by Rust code. The table maps port numbers to
//! `Arc<Port>`; each port has its own lock (`Port::st`) and an atomic
//! `alive` flag, so BIFs on several scheduler threads and the I/O poll
//! thread (`poll.rs`) can all work on ports at once. Lock order: a port's
//! lock, then process inboxes (delivering messages); the monitor table
//! lock is never taken while a port's lock is held (`terminate` drops it
//! first; `monitor::add_port` only reads `alive`).
//!
//! - `open.rs`: opening (spawn, spawn_executable, fd, built-in drivers)
//!   and the owner link.
//! - `driver/`: the built-in drivers that run in the VM (`ram_file_drv`).
//! - `input.rs`: input from the poll thread, cut into messages
//!   (`frame.rs`), end of file and the child's exit status.
//! - `output.rs`: `port_command` and the write queue.
//! - `signals.rs`: what the port does with messages and exit signals
//!   sent to it, links, `port_connect`.
//! - `info.rs`: `port_info/1,2`.
//! - `scratch.rs`: building messages on threads that run no process.
//!
//! A port ends (`terminate`) with a reason: its links get exit signals,
//! its monitors `DOWN` messages, its descriptors are closed and its child
//! (if any) stays watched until reaped.

mod child;
pub mod driver;
mod frame;
pub mod info;
mod input;
mod open;
pub mod opts;
mod output;
pub(crate) mod poll;
pub(crate) mod scratch;
pub mod signals;

use crate::heap::ctx::Ctx;
use crate::heap::process::Message;
use crate::term::Term;
use std::collections::{HashMap, VecDeque};
use std::os::fd::{AsRawFd, OwnedFd};
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Mutex, MutexGuard, OnceLock, RwLock};

pub use open::open;
pub use output::{command, command_from, control, iodata_bytes, CommandError};
pub use signals::bad_value_report;

/// The largest port number (`#Port<0.N>`, 28 bits as in BEAM).
const MAX_PORT_NUMBER: u64 = (1 << 28) - 1;

/// Which driver a port runs.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Driver {
    Spawn,
    Fd,
    /// A built-in driver running in the VM (`State::vm`).
    Vm,
}

pub struct Port {
    pub num: u64,
    pub term: Term,
    alive: AtomicBool,
    st: Mutex<State>,
}

pub struct State {
    pub driver: Driver,
    pub name: Vec<u8>,
    /// The connected process (owner).
    pub owner: Term,
    pub links: Vec<Term>,
    /// `port_set_data/2`'s term, copied.
    pub data: Option<Message>,
    pub input_bytes: u64,
    pub output_bytes: u64,
    pub os_pid: Option<i32>,
    pub mode: frame::Mode,
    pub binary: bool,
    pub eof_opt: bool,
    pub exit_status_opt: bool,
    pub parallelism: bool,
    pub reader: frame::Reader,
    /// Where input comes from (watched by the poll thread, or read by a
    /// thread of its own for fd ports).
    pub in_fd: Option<OwnedFd>,
    /// Where output goes.
    pub out_fd: Option<OwnedFd>,
    /// Bytes not written yet (`queue_size`).
    pub wq: VecDeque<u8>,
    pub out_watched: bool,
    /// Input ended; with `exit_status`, waiting for the status.
    pub eof_seen: bool,
    pub status: Option<i32>,
    /// The in-VM driver's instance (`Driver::Vm`).
    pub vm: Option<Box<dyn driver::VmDriver>>,
    /// A driver's `{Port, ok}` waits for the write queue to drain.
    pub ok_pending: bool,
}

struct Table {
    ports: RwLock<HashMap<u64, Arc<Port>>>,
    next: AtomicU64,
}

fn table() -> &'static Table {
    static T: OnceLock<Table> = OnceLock::new();
    T.get_or_init(|| {
        crate::proc::entity::register_ports(&signals::PortEntity);
        Table {
            ports: RwLock::new(HashMap::new()),
            next: AtomicU64::new(0),
        }
    })
}

impl Port {
    pub fn lock(&self) -> MutexGuard<'_, State> {
        self.st.lock().unwrap_or_else(|e| e.into_inner())
    }

    pub fn is_alive(&self) -> bool {
        self.alive.load(Ordering::SeqCst)
    }
}

/// The number after `n`: numbering wraps past the largest, as in BEAM.
fn after(n: u64) -> u64 {
    if n >= MAX_PORT_NUMBER {
        0
    } else {
        n + 1
    }
}

/// Takes the next port number no live port has; None if all are taken.
fn take_number() -> Option<u64> {
    let t = table();
    let ports = t.ports.read().unwrap();
    for _ in 0..=ports.len() {
        // `after` always gives a value: the update cannot fail.
        let n = t
            .next
            .fetch_update(Ordering::Relaxed, Ordering::Relaxed, |n| Some(after(n)))
            .unwrap_or_else(|n| n);
        if !ports.contains_key(&n) {
            return Some(n);
        }
    }
    None
}

/// The number the next port gets (`erts_debug:get_internal_state(
/// next_port)`).
pub fn next_port_number() -> u64 {
    table().next.load(Ordering::Relaxed)
}

/// Makes port numbering continue after `n` (`erts_debug:
/// set_internal_state(next_port, N)`): the next port gets the first
/// number after `n` (wrapping) that no live port has, which is returned.
pub fn set_next_port_number(n: u64) -> u64 {
    let t = table();
    let ports = t.ports.read().unwrap();
    let mut next = after(n.min(MAX_PORT_NUMBER));
    for _ in 0..ports.len() {
        if !ports.contains_key(&next) {
            break;
        }
        next = after(next);
    }
    t.next.store(next, Ordering::Relaxed);
    next
}

/// Publishes a new port with state `st`; None if the numbers ran out.
fn insert(st: State) -> Option<Arc<Port>> {
    let t = table();
    let num = take_number()?;
    let p = Arc::new(Port {
        num,
        term: Term::port(num),
        alive: AtomicBool::new(true),
        st: Mutex::new(st),
    });
    t.ports.write().unwrap().insert(num, p.clone());
    Some(p)
}

/// The live port with identifier `t` (a port term).
pub fn lookup(t: Term) -> Option<Arc<Port>> {
    if !t.is_port() {
        return None;
    }
    by_number(t.port_number())
}

fn by_number(n: u64) -> Option<Arc<Port>> {
    table()
        .ports
        .read()
        .unwrap()
        .get(&n)
        .filter(|p| p.is_alive())
        .cloned()
}

/// The port `t` names: a port, or an atom registered to one.
pub fn resolve(t: Term) -> Option<Arc<Port>> {
    if t.is_atom() {
        return crate::proc::ptable::whereis(t).and_then(lookup);
    }
    lookup(t)
}

/// Every live port, in number order (`erlang:ports/0`).
pub fn all() -> Vec<Term> {
    let mut v: Vec<(u64, Term)> = table()
        .ports
        .read()
        .unwrap()
        .values()
        .filter(|p| p.is_alive())
        .map(|p| (p.num, p.term))
        .collect();
    v.sort_unstable_by_key(|&(n, _)| n);
    v.into_iter().map(|(_, t)| t).collect()
}

/// Whether a port is alive (for `monitor::add_port`).
/// Whether `port`'s driver reports it busy (a TCP socket over its high
/// watermark: `driver/inet/busy.rs`).
pub fn is_busy(port: &Port) -> bool {
    port.lock().vm.as_ref().is_some_and(|vm| vm.busy())
}

pub fn is_alive(t: Term) -> bool {
    lookup(t).is_some()
}

/// Ends `port` with `reason` (valid during the call): no-op if it already
/// ended. Links get `{'EXIT', Port, Reason}` signals, monitors `DOWN`.
pub fn terminate(port: &Arc<Port>, reason: Term) {
    if !port.alive.swap(false, Ordering::SeqCst) {
        return;
    }
    let (links, pid) = {
        let mut st = port.lock();
        if let Some(fd) = st.in_fd.take() {
            if st.driver != Driver::Fd {
                poll::unwatch(fd.as_raw_fd());
            }
        }
        if let Some(fd) = st.out_fd.take() {
            if st.out_watched {
                poll::unwatch(fd.as_raw_fd());
            }
            // A normal close still delivers what was queued, as erl's
            // drivers flush before they stop.
            if reason == crate::term::atom::am::NORMAL && !st.wq.is_empty() {
                output::drain_detached(fd, std::mem::take(&mut st.wq));
            }
        }
        st.wq.clear();
        st.data = None;
        st.vm = None;
        (std::mem::take(&mut st.links), st.os_pid)
    };
    if let Some(pid) = pid {
        poll::forget_port(pid);
    }
    table().ports.write().unwrap().remove(&port.num);
    crate::proc::ptable::unregister_pid(port.term);
    scratch::with_ctx(|ctx| {
        for l in links {
            if let Some(r) = crate::proc::ptable::lookup(l) {
                crate::proc::signal::send_exit(ctx, &r, port.term, reason, true);
            }
        }
        crate::proc::monitor::fire(ctx, port.term, reason);
    });
}

/// Sends `msg` (built with `ctx`) to process `to`; dropped if it is gone.
fn send(to: Term, msg: Term) {
    crate::proc::signal::send_copied(to, crate::gc::copy::copy_to_message(msg));
}

/// `{Port, What}` to the port's owner, built on a scratch process.
fn tell_owner(port: &Port, owner: Term, what: impl FnOnce(&mut Ctx) -> Term) {
    scratch::with_ctx(|ctx| {
        let w = what(ctx);
        let t = crate::data::build::make_tuple(ctx, &[port.term, w]);
        send(owner, t);
    });
}

/// `port_set_data/2`: keeps a copy of `data`.
pub fn set_data(port: &Port, data: Term) {
    let m = crate::gc::copy::copy_to_message(data);
    port.lock().data = Some(m);
}

/// `port_get_data/1`: a copy of the data on the caller's heap
/// (`undefined` if none was set).
pub fn get_data(ctx: &mut Ctx, port: &Port) -> Term {
    let copy = match &port.lock().data {
        Some(m) => crate::gc::copy::copy_to_message(m.term),
        None => return crate::term::atom::am::UNDEFINED,
    };
    // SAFETY: a process is scheduled on `ctx`.
    crate::gc::copy::adopt(unsafe { ctx.process() }, copy)
}

/// Stops (`pause`) or restarts reading the devices of in-VM drivers
/// (the terminal of `tty_sl`): the BREAK menu reads the terminal itself
/// meanwhile.
pub fn pause_device_input(pause: bool) {
    let ports: Vec<Arc<Port>> = table().ports.read().unwrap().values().cloned().collect();
    for p in ports {
        let st = p.lock();
        if st.driver == Driver::Vm {
            if let Some(fd) = st.in_fd.as_ref() {
                poll::set_watching(fd.as_raw_fd(), poll::Kind::Input, p.num, !pause);
            }
        }
    }
}

/// Number of children not reaped yet (tests: no zombies).
pub fn unreaped_children() -> usize {
    poll::unreaped()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::data::build::{list_from_slice, make_string, make_tuple};
    use crate::term::atom;

    fn fd_count() -> usize {
        std::fs::read_dir("/proc/self/fd").map_or(0, |d| d.count())
    }

    fn spawn_port(ctx: &mut Ctx, cmd: &str, opts: &[&str]) -> Term {
        let c = make_string(ctx, cmd);
        let name = make_tuple(ctx, &[atom::intern("spawn"), c]);
        let o: Vec<Term> = opts.iter().map(|s| atom::intern(s)).collect();
        let settings = list_from_slice(ctx, &o);
        open(ctx, name, settings).expect("open_port")
    }

    fn wait_reaped() {
        let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
        while unreaped_children() > 0 && std::time::Instant::now() < deadline {
            std::thread::sleep(std::time::Duration::from_millis(10));
        }
    }

    #[test]
    fn ports_close_their_descriptors_and_reap_their_children() {
        let _g = crate::sched::tests::serial();
        let mut tp = crate::testutil::TestProc::new();
        // Start the poll thread (its epoll descriptor stays open).
        let warm = spawn_port(tp.ctx(), "true", &[]);
        terminate(&lookup(warm).unwrap(), crate::term::atom::am::NORMAL);
        wait_reaped();
        let before = fd_count();
        let mut ports = Vec::new();
        for _ in 0..10 {
            let p = spawn_port(tp.ctx(), "cat", &["binary"]);
            let port = lookup(p).expect("alive");
            assert!(all().contains(&p));
            command(&port, b"hello".to_vec()).unwrap();
            ports.push(port);
        }
        assert!(fd_count() >= before + 20);
        for p in &ports {
            terminate(p, crate::term::atom::am::NORMAL);
            assert!(!p.is_alive());
            assert_eq!(command(p, b"x".to_vec()), Err(CommandError::Closed));
        }
        // cat sees end of file and exits; the poll thread reaps it.
        wait_reaped();
        assert_eq!(unreaped_children(), 0);
        assert_eq!(fd_count(), before);
        assert!(ports.iter().all(|p| lookup(p.term).is_none()));
    }

    #[test]
    fn open_errors_are_atoms() {
        let _g = crate::sched::tests::serial();
        let mut tp = crate::testutil::TestProc::new();
        let ctx = tp.ctx();
        let f = make_string(ctx, "/nonexistent/girder");
        let name = make_tuple(ctx, &[atom::intern("spawn_executable"), f]);
        assert_eq!(
            open(ctx, name, crate::term::NIL),
            Err(atom::intern("enoent"))
        );
        let f = make_string(ctx, "/etc/passwd");
        let name = make_tuple(ctx, &[atom::intern("spawn_executable"), f]);
        assert_eq!(
            open(ctx, name, crate::term::NIL),
            Err(atom::intern("eacces"))
        );
    }
}
