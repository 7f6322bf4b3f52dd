//! `erlang:port_info/1,2`: the items erl reports, in erl's order.

use super::{Driver, Port};
use crate::data::build::{list_from_slice, make_byte_list, make_tuple};
use crate::heap::ctx::Ctx;
use crate::term::atom::{self, am};
use crate::term::{Term, NIL};

/// The items `port_info/1` lists (after `registered_name`, if any).
const ALL: &[&str] = &[
    "name",
    "links",
    "id",
    "connected",
    "input",
    "output",
    "os_pid",
];

/// Whether `item` is a `port_info/2` item.
pub fn known(item: Term) -> bool {
    item.is_atom()
        && matches!(
            atom::name(item),
            "registered_name"
                | "id"
                | "connected"
                | "links"
                | "name"
                | "input"
                | "output"
                | "os_pid"
                | "monitors"
                | "monitored_by"
                | "memory"
                | "queue_size"
                | "locking"
                | "parallelism"
        )
}

/// Bytes the port's structures take, with its name and queued output.
fn memory(st: &super::State) -> usize {
    std::mem::size_of::<Port>() + st.name.len() + st.wq.len()
}

/// `{Item, Value}` for `port` (alive), or `[]` for an unregistered
/// port's `registered_name`. `item` must be `known`.
pub fn item(ctx: &mut Ctx, port: &Port, item: Term) -> Term {
    let name = atom::name(item);
    let value = {
        let st = port.lock();
        match name {
            "registered_name" => match crate::proc::ptable::name_of(port.term) {
                Some(n) => n,
                None => return NIL,
            },
            "id" => Term::small(port.num as i64),
            "connected" => st.owner,
            "links" => {
                let l = st.links.clone();
                drop(st);
                list_from_slice(ctx, &l)
            }
            "name" => {
                let n = st.name.clone();
                drop(st);
                make_byte_list(ctx, &n)
            }
            "input" => Term::small(st.input_bytes as i64),
            "output" => Term::small(st.output_bytes as i64),
            "os_pid" => st.os_pid.map_or(am::UNDEFINED, |p| Term::small(p as i64)),
            // Ports monitor nothing themselves.
            "monitors" => NIL,
            "monitored_by" => {
                drop(st);
                let w = crate::proc::monitor::watchers_of(port.term);
                list_from_slice(ctx, &w)
            }
            "memory" => Term::small(memory(&st) as i64),
            "queue_size" => {
                let driver_queue = st.vm.as_ref().map_or(0, |vm| vm.queue_size());
                Term::small((st.wq.len() + driver_queue) as i64)
            }
            "locking" => atom::intern(match st.driver {
                Driver::Spawn => "port_level",
                Driver::Fd | Driver::Vm => "driver_level",
            }),
            "parallelism" => Term::boolean(st.parallelism),
            _ => am::UNDEFINED,
        }
    };
    make_tuple(ctx, &[item, value])
}

/// `port_info/1`'s list for `port` (alive).
pub fn all(ctx: &mut Ctx, port: &Port) -> Term {
    let mut items = Vec::new();
    if crate::proc::ptable::name_of(port.term).is_some() {
        items.push(item(ctx, port, atom::intern("registered_name")));
    }
    for &i in ALL {
        items.push(item(ctx, port, atom::intern(i)));
    }
    list_from_slice(ctx, &items)
}
