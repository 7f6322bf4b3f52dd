//! Port BIFs. `erlang:open_port/2`, `port_command/2,3`, `port_close/1`,
//! `port_connect/2`, `port_control/3`, `port_call/2,3` and
//! `port_info/1,2` are Erlang code in erlang.erl calling the
//! `erts_internal` functions here, which answer at once (never with the
//! reference of a delayed reply) and return an error atom that the
//! wrapper raises with erl's error_info (`badarg`, `badopt`, `badtype`,
//! `notsup`, `enoent`, ...). `port_set_data/2`, `port_get_data/1` and
//! `ports/0` are plain BIFs. The ports themselves: `io/port/`.

use super::{bif, BifDef};
use crate::data::build::list_to_vec;
use crate::heap::ctx::Ctx;
use crate::io::port;
use crate::term::atom::{self, am};
use crate::term::Term;

pub const BIFS: &[BifDef] = &[
    bif!("erts_internal", "open_port", 2, open_port_2),
    bif!("erts_internal", "port_command", 3, port_command_3),
    bif!("erts_internal", "port_close", 1, port_close_1),
    bif!("erts_internal", "port_connect", 2, port_connect_2),
    bif!("erts_internal", "port_control", 3, port_control_3),
    bif!("erts_internal", "port_call", 3, port_call_3),
    bif!("erts_internal", "port_info", 1, port_info_1),
    bif!("erts_internal", "port_info", 2, port_info_2),
    bif!("erlang", "port_set_data", 2, port_set_data_2),
    bif!("erlang", "port_get_data", 1, port_get_data_1),
];

fn open_port_2(ctx: &mut Ctx, args: &[Term; 2]) -> Term {
    match port::open(ctx, args[0], args[1]) {
        Ok(p) => p,
        Err(e) => e,
    }
}

fn port_command_3(ctx: &mut Ctx, args: &[Term; 3]) -> Term {
    let (p, data, opts) = (args[0], args[1], args[2]);
    let Some(opts) = list_to_vec(opts) else {
        return atom::intern("badopt");
    };
    let (mut force, mut nosuspend) = (false, false);
    for o in opts {
        match o.is_atom().then(|| atom::name(o)) {
            Some("force") => force = true,
            Some("nosuspend") => nosuspend = true,
            _ => return atom::intern("badopt"),
        }
    }
    let Some(port) = port::resolve(p) else {
        return am::BADARG;
    };
    let Some(bytes) = port::iodata_bytes(data) else {
        port::bad_value_report(&port);
        return am::BADARG;
    };
    if force {
        // Neither the spawn nor the fd driver can be forced past busy.
        return atom::intern("notsup");
    }
    // A busy port takes nothing from a `nosuspend` caller (BEAM would
    // suspend any other caller until it is not busy; here the driver
    // holds back that caller's reply instead: `driver/inet/busy.rs`).
    if nosuspend && port::is_busy(&port) {
        return am::FALSE;
    }
    // SAFETY: a process is scheduled on `ctx`.
    let caller = unsafe { ctx.process().pid };
    match port::command_from(&port, Some(caller), bytes) {
        Ok(()) => am::TRUE,
        Err(_) => am::BADARG,
    }
}

fn port_close_1(_ctx: &mut Ctx, args: &[Term; 1]) -> Term {
    match port::resolve(args[0]) {
        Some(p) => {
            port::terminate(&p, am::NORMAL);
            am::TRUE
        }
        None => am::BADARG,
    }
}

fn port_connect_2(ctx: &mut Ctx, args: &[Term; 2]) -> Term {
    let (p, pid) = (args[0], args[1]);
    let Some(port) = port::resolve(p) else {
        return am::BADARG;
    };
    if pid.is_pid() && port::signals::connect(ctx, &port, pid, true) {
        am::TRUE
    } else {
        am::BADARG
    }
}

/// The driver's answer as a list of bytes (no driver here answers
/// with a binary); `badarg` for a bad port, operation (an unsigned
/// 32-bit integer) or data, or an operation the driver lacks.
fn port_control_3(ctx: &mut Ctx, args: &[Term; 3]) -> Term {
    let Some(port) = port::resolve(args[0]) else {
        return am::BADARG;
    };
    let op = args[1];
    if !op.is_small() || !(0..=u32::MAX as i64).contains(&op.small_value()) {
        return am::BADARG;
    }
    let Some(data) = port::iodata_bytes(args[2]) else {
        return am::BADARG;
    };
    // SAFETY: a process is scheduled on `ctx`.
    let caller = unsafe { ctx.process().pid };
    match port::control(&port, caller, op.small_value() as u32, &data) {
        Some(bytes) => crate::data::build::make_byte_list(ctx, &bytes),
        None => am::BADARG,
    }
}

/// No driver has call operations.
fn port_call_3(_ctx: &mut Ctx, args: &[Term; 3]) -> Term {
    let _ = port::resolve(args[0]);
    am::BADARG
}

fn port_info_1(ctx: &mut Ctx, args: &[Term; 1]) -> Term {
    let p = args[0];
    if !p.is_port() && !p.is_atom() {
        return am::BADARG;
    }
    match port::resolve(p) {
        Some(port) => port::info::all(ctx, &port),
        None => am::UNDEFINED,
    }
}

fn port_info_2(ctx: &mut Ctx, args: &[Term; 2]) -> Term {
    let (p, item) = (args[0], args[1]);
    if !p.is_port() && !p.is_atom() {
        return atom::intern("badtype");
    }
    if !port::info::known(item) {
        return am::BADARG;
    }
    match port::resolve(p) {
        Some(port) => port::info::item(ctx, &port, item),
        None => am::UNDEFINED,
    }
}

fn port_set_data_2(ctx: &mut Ctx, args: &[Term; 2]) -> Term {
    match port::resolve(args[0]) {
        Some(p) => {
            port::set_data(&p, args[1]);
            am::TRUE
        }
        None => ctx.badarg(),
    }
}

fn port_get_data_1(ctx: &mut Ctx, args: &[Term; 1]) -> Term {
    match port::resolve(args[0]) {
        Some(p) => port::get_data(ctx, &p),
        None => ctx.badarg(),
    }
}
