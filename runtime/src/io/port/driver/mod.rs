//! Drivers that run inside the VM: the drivers erl has compiled in and
//! starts by name (`open_port({spawn, Name}, _)` or `{spawn_driver,
//! Name}`), written here in Rust. A port running one has no descriptors
//! and no child: `port_command` data goes to the driver's `output`,
//! which answers with replies to the connected process, in order (erl's
//! `driver_output2` / `driver_output_binary`).
//!
//! `DRIVERS` is the one registry of them; a name not listed
//! (`udp_inet`, ...) fails to open with `badarg` as in an erl built
//! without that driver.
//!
//! A driver that talks to a device (`tty_sl`) hands the port its input
//! and output descriptors when it starts: the poll thread watches them
//! like a spawned program's pipes, the driver's `input` turns what is
//! read into the data messages, and what its commands produce for the
//! device goes through the port's write queue.

pub mod inet;
mod ram_file;
mod terminfo;
mod tty_line;
pub mod tty_sl;

use crate::data::binary::build::make_binary;
use crate::data::build::{list_from_slice_tail, make_byte_list};
use crate::heap::ctx::Ctx;
use crate::term::{Term, NIL};
use std::os::fd::OwnedFd;

/// One message to the connected process: `{Port, {data, Header ++ Data}}`
/// where `Header` is a list of bytes and `Data`, if any, a binary in
/// binary mode and more bytes otherwise.
#[derive(Debug, PartialEq, Eq)]
pub struct Reply {
    pub header: Vec<u8>,
    pub data: Option<Vec<u8>>,
}

impl Reply {
    /// Bytes only (`driver_output2` without data).
    pub fn bytes(header: Vec<u8>) -> Reply {
        Reply { header, data: None }
    }
}

/// A running instance of an in-VM driver (one per port).
pub trait VmDriver: Send {
    /// `port_command` data; replies are delivered in order.
    fn output(&mut self, data: &[u8], replies: &mut Vec<Reply>);

    /// The device descriptors (input, output) the port watches, taken
    /// once when the port opens; None for a driver without a device.
    fn take_fds(&mut self) -> Option<(OwnedFd, OwnedFd)> {
        None
    }

    /// Bytes the last command produced for the output descriptor.
    fn take_device_output(&mut self) -> Vec<u8> {
        Vec::new()
    }

    /// Whether the last command asked for `{Port, ok}` once its output
    /// is (mostly) written (`tty_sl`'s synchronous put).
    fn take_sync(&mut self) -> bool {
        false
    }

    /// Bytes read from the input descriptor, turned into the data of
    /// `{Port, {data, _}}` messages (in order).
    fn input(&mut self, bytes: &[u8], msgs: &mut Vec<Vec<u8>>) {
        msgs.push(bytes.to_vec());
    }

    /// `port_control(Port, Op, Data)`: the answer's bytes, or None for an
    /// operation the driver does not have (`badarg`).
    fn control(&mut self, op: u32, data: &[u8]) -> Option<Vec<u8>> {
        let _ = (op, data);
        None
    }

    /// `port_control` for a driver that talks to its port (`Cx`): sends
    /// messages, knows the caller. By default the plain `control`.
    fn control_cx(&mut self, cx: &mut Cx, op: u32, data: &[u8]) -> Option<Vec<u8>> {
        let _ = cx;
        self.control(op, data)
    }

    /// `port_command` for a driver that talks to its port; false: not
    /// handled here (the plain `output` path runs).
    fn command_cx(&mut self, cx: &mut Cx, data: &[u8]) -> bool {
        let _ = (cx, data);
        false
    }

    /// A descriptor the driver registered under its port's input key
    /// (`poll::watch_events`) is ready; the driver finds out which.
    fn ready(&mut self, cx: &mut Cx) {
        let _ = cx;
    }

    /// Whether the port is busy (`port_command(P, D, [nosuspend])`
    /// then returns false without sending).
    fn busy(&self) -> bool {
        false
    }

    /// Bytes the driver queued and has not written yet (`queue_size`).
    fn queue_size(&self) -> usize {
        0
    }
}

/// Builds a message from the port's identifier.
pub type BuildMsg = Box<dyn FnOnce(&mut Ctx, Term) -> Term + Send>;

/// A message a driver sends: built later, on a scratch heap.
pub struct Msg {
    pub to: Term,
    pub build: BuildMsg,
}

/// What a driver sees of its port while it runs (under the port's lock):
/// who owns it, who called, and what it sends or asks for.
pub struct Cx {
    pub port: Term,
    pub num: u64,
    /// The connected process.
    pub owner: Term,
    /// The process calling `port_control`/`port_command` (the owner when
    /// the poll thread calls).
    pub caller: Term,
    /// Messages, delivered in order after the call.
    pub msgs: Vec<Msg>,
    /// The port exits with this reason after the call.
    pub exit: Option<Term>,
}

impl Cx {
    pub fn send(&mut self, to: Term, build: impl FnOnce(&mut Ctx, Term) -> Term + Send + 'static) {
        self.msgs.push(Msg {
            to,
            build: Box::new(build),
        });
    }
}

/// Opens a port running `vm` for `owner` (linked to it), as erl's
/// `driver_create_port` does for an accepted socket; None if port
/// numbers ran out.
pub fn create_port(name: &str, vm: Box<dyn VmDriver>, owner: Term, binary: bool) -> Option<Term> {
    super::open::open_vm(name, vm, owner, binary)
}

/// A built-in driver: its name and how to start an instance from the
/// whole command (`"tty_sl -c -e"`); a start that fails makes
/// `open_port` fail with `einval`, as erl's `ERL_DRV_ERROR_GENERAL`.
pub struct DriverDef {
    pub name: &'static str,
    pub start: fn(command: &[u8]) -> Option<Box<dyn VmDriver>>,
}

impl PartialEq for DriverDef {
    fn eq(&self, other: &DriverDef) -> bool {
        self.name == other.name
    }
}

impl Eq for DriverDef {}

impl std::fmt::Debug for DriverDef {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "driver {}", self.name)
    }
}

pub const DRIVERS: &[DriverDef] = &[
    DriverDef {
        name: "ram_file_drv",
        start: ram_file::start,
    },
    DriverDef {
        name: "tty_sl",
        start: tty_sl::start,
    },
    DriverDef {
        name: "tcp_inet",
        start: inet::start_tcp,
    },
    DriverDef {
        name: "udp_inet",
        start: inet::start_udp,
    },
];

/// The built-in driver a `{spawn, Command}` names (its first word).
pub fn find(command: &[u8]) -> Option<&'static DriverDef> {
    let word = command.split(|&b| b == b' ').next().unwrap_or(&[]);
    DRIVERS.iter().find(|d| d.name.as_bytes() == word)
}

/// The data term of a reply, built with `ctx`.
pub fn reply_term(ctx: &mut Ctx, binary: bool, r: &Reply) -> Term {
    let tail = match (&r.data, binary) {
        (None, _) => NIL,
        (Some(d), true) => make_binary(ctx, d),
        (Some(d), false) => make_byte_list(ctx, d),
    };
    let head: Vec<Term> = r.header.iter().map(|&b| Term::small(b as i64)).collect();
    list_from_slice_tail(ctx, &head, tail)
}
