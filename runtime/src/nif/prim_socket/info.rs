//! `socket:info/0,1`: the global counters and flags (`esock_global_info`)
//! and one socket's description (`esock_socket_info`).

use super::addr::{encode_domain, encode_type};
use super::req::{self, Kind};
use super::sock::{st, Inner};
use super::util::a;
use crate::data::big::make_u64;
use crate::data::build::{list_from_slice, make_tuple};
use crate::data::map;
use crate::heap::ctx::Ctx;
use crate::term::Term;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Mutex;

#[derive(Default)]
struct Global {
    sockets: u64,
    dgrams: u64,
    streams: u64,
    seqpkgs: u64,
    dlocal: u64,
    dinet: u64,
    dinet6: u64,
    pip: u64,
    ptcp: u64,
    pudp: u64,
    psctp: u64,
}

static GLOBAL: Mutex<Global> = Mutex::new(Global {
    sockets: 0,
    dgrams: 0,
    streams: 0,
    seqpkgs: 0,
    dlocal: 0,
    dinet: 0,
    dinet6: 0,
    pip: 0,
    ptcp: 0,
    pudp: 0,
    psctp: 0,
});

/// The global `debug`, `socket_debug`, `iow` flags and the default of
/// `use_registry` (`ESOCK_USE_SOCKET_REGISTRY` at start, `use_registry/1`).
pub static DEBUG: AtomicBool = AtomicBool::new(false);
pub static SOCKET_DEBUG: AtomicBool = AtomicBool::new(false);
pub static USE_REGISTRY: AtomicBool = AtomicBool::new(true);

fn count(domain: i32, stype: i32, protocol: i32, up: bool) {
    let mut g = GLOBAL.lock().unwrap_or_else(|e| e.into_inner());
    let f = |v: &mut u64| {
        if up {
            *v += 1
        } else {
            *v = v.saturating_sub(1)
        }
    };
    f(&mut g.sockets);
    match domain {
        libc::AF_INET => f(&mut g.dinet),
        // erts counts local sockets under `num_dinet6` (its `num_dlocal`
        // stays 0); `socket:info()` shows them so.
        libc::AF_INET6 | libc::AF_UNIX => f(&mut g.dinet6),
        _ => {}
    }
    match stype {
        libc::SOCK_DGRAM => f(&mut g.dgrams),
        libc::SOCK_STREAM => f(&mut g.streams),
        libc::SOCK_SEQPACKET => f(&mut g.seqpkgs),
        _ => {}
    }
    match protocol {
        libc::IPPROTO_IP => f(&mut g.pip),
        libc::IPPROTO_TCP => f(&mut g.ptcp),
        libc::IPPROTO_UDP => f(&mut g.pudp),
        libc::IPPROTO_SCTP => f(&mut g.psctp),
        _ => {}
    }
}

/// `inc_socket`.
pub fn inc_socket(domain: i32, stype: i32, protocol: i32) {
    count(domain, stype, protocol, true);
}

/// `dec_socket`.
pub fn dec_socket(domain: i32, stype: i32, protocol: i32) {
    count(domain, stype, protocol, false);
}

fn mk_map(ctx: &mut Ctx, pairs: Vec<(&str, Term)>) -> Term {
    let ps = pairs.into_iter().map(|(k, v)| (a(k), v)).collect();
    map::from_pairs(ctx, ps)
}

/// `IOV_MAX` as erts reads it (`sysconf(_SC_IOV_MAX)`).
fn iov_max() -> i64 {
    // SAFETY: sysconf takes no pointers.
    let v = unsafe { libc::sysconf(libc::_SC_IOV_MAX) };
    if v > 0 {
        v as i64
    } else {
        16
    }
}

/// `nif_info/0`.
pub fn global(ctx: &mut Ctx) -> Term {
    let vals = {
        let g = GLOBAL.lock().unwrap_or_else(|e| e.into_inner());
        [
            g.sockets, g.dgrams, g.streams, g.seqpkgs, g.dlocal, g.dinet, g.dinet6, g.pip, g.ptcp,
            g.pudp, g.psctp,
        ]
    };
    let keys = [
        "num_sockets",
        "num_tdgrams",
        "num_tstreams",
        "num_tseqpkgs",
        "num_dlocal",
        "num_dinet",
        "num_dinet6",
        "num_pip",
        "num_ptcp",
        "num_pudp",
        "num_psctp",
    ];
    let mut cnt = vec![("num_cnt_bits", Term::small(64))];
    for (k, v) in keys.iter().zip(vals) {
        cnt.push((k, make_u64(ctx, v)));
    }
    let counters = mk_map(ctx, cnt);
    let b = |f: &AtomicBool| Term::boolean(f.load(Ordering::Relaxed));
    mk_map(
        ctx,
        vec![
            ("debug", b(&DEBUG)),
            ("socket_debug", b(&SOCKET_DEBUG)),
            ("use_registry", b(&USE_REGISTRY)),
            ("iow", Term::boolean(false)),
            ("counters", counters),
            ("iov_max", Term::small(iov_max())),
        ],
    )
}

fn states(ctx: &mut Ctx, s: u32) -> Term {
    let names: Vec<Term> = st::NAMES
        .iter()
        .filter(|(bit, _)| s & bit != 0)
        .map(|&(_, n)| a(n))
        .collect();
    list_from_slice(ctx, &names)
}

fn waiting(i: &Inner, k: Kind) -> i64 {
    let q = match k {
        Kind::Reader => i.readers.len(),
        Kind::Writer => i.writers.len(),
        Kind::Acceptor => i.acceptors.len(),
    };
    q as i64 + req::current(i, k).is_some() as i64
}

/// `nif_info/1` (prim_socket names the protocol afterwards).
pub fn socket(ctx: &mut Ctx, i: &Inner) -> Term {
    let c = &i.cnt;
    let cvals = [
        ("read_byte", c.read_byte),
        ("read_fails", c.read_fails),
        ("read_pkg", c.read_pkg),
        ("read_pkg_max", c.read_pkg_max),
        ("read_tries", c.read_tries),
        ("read_waits", c.read_waits),
        ("write_byte", c.write_byte),
        ("write_fails", c.write_fails),
        ("write_pkg", c.write_pkg),
        ("write_pkg_max", c.write_pkg_max),
        ("write_tries", c.write_tries),
        ("write_waits", c.write_waits),
        ("acc_success", c.acc_success),
        ("acc_fails", c.acc_fails),
        ("acc_tries", c.acc_tries),
        ("acc_waits", c.acc_waits),
    ];
    let mut cs = Vec::new();
    for (k, v) in cvals {
        cs.push((k, make_u64(ctx, v)));
    }
    let counters = mk_map(ctx, cs);
    let ctype = match i.from_fd {
        None => a("normal"),
        Some((fd, true)) => make_tuple(ctx, &[a("fromfd"), Term::small(fd as i64)]),
        Some((_, false)) => a("fromfd"),
    };
    let rs = states(ctx, i.rstate);
    let ws = states(ctx, i.wstate);
    mk_map(
        ctx,
        vec![
            ("domain", encode_domain(i.domain)),
            ("type", encode_type(i.stype)),
            ("protocol", Term::small(i.protocol as i64)),
            ("owner", i.owner),
            ("rstates", rs),
            ("wstates", ws),
            ("ctype", ctype),
            ("counters", counters),
            ("num_readers", Term::small(waiting(i, Kind::Reader))),
            ("num_writers", Term::small(waiting(i, Kind::Writer))),
            ("num_acceptors", Term::small(waiting(i, Kind::Acceptor))),
        ],
    )
}
