//! Drivers that run inside the VM: the drivers erl has compiled in and
//! starts by name (`open_port({spawn, Name}, _)` or `{spawn_driver,
//! Name}`), written here in Rust. A port running one has no descriptors
//! and no child: `port_command` data goes to the driver's `output`,
//! which answers with replies to the connected process, in order (erl's
//! `driver_output2` / `driver_output_binary`).
//!
//! `DRIVERS` is the one registry of them; a name not listed (`tty_sl`,
//! `udp_inet`, ...) fails to open with `badarg` as in an erl built
//! without that driver.

mod ram_file;

use crate::data::binary::build::make_binary;
use crate::data::build::{list_from_slice_tail, make_byte_list};
use crate::heap::ctx::Ctx;
use crate::term::{Term, NIL};

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
}

/// A built-in driver: its name and how to start an instance.
pub struct DriverDef {
    pub name: &'static str,
    pub start: fn() -> Box<dyn VmDriver>,
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

pub const DRIVERS: &[DriverDef] = &[DriverDef {
    name: "ram_file_drv",
    start: ram_file::start,
}];

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
