//! `nif_supports/0,1`: what this platform has (`esock_supports_*`):
//! the protocols of the protocol database (`getprotoent`, with erts'
//! defaults for ip, ipv6, tcp, udp and sctp prepended), the message
//! flags, the interface ioctl requests and flags, and the options.

use super::util::a;
use crate::data::build::{list_from_slice, make_tuple};
use crate::heap::ctx::Ctx;
use crate::term::Term;
use std::ffi::CStr;
use std::sync::Mutex;

/// `msg_flags[]` in erts' order (Linux values).
pub const MSG_FLAGS: &[(&str, i64)] = &[
    ("cmsg_cloexec", libc::MSG_CMSG_CLOEXEC as i64),
    ("confirm", libc::MSG_CONFIRM as i64),
    ("ctrunc", libc::MSG_CTRUNC as i64),
    ("dontroute", libc::MSG_DONTROUTE as i64),
    ("eor", libc::MSG_EOR as i64),
    ("errqueue", libc::MSG_ERRQUEUE as i64),
    ("more", libc::MSG_MORE as i64),
    ("nosignal", libc::MSG_NOSIGNAL as i64),
    ("oob", libc::MSG_OOB as i64),
    ("peek", libc::MSG_PEEK as i64),
    ("trunc", libc::MSG_TRUNC as i64),
];

/// `ioctl_flags[]` in erts' order; 0 for the BSD flags Linux lacks.
const IOCTL_FLAGS: &[(&str, i64)] = &[
    ("up", 0x1),
    ("broadcast", 0x2),
    ("debug", 0x4),
    ("loopback", 0x8),
    ("pointopoint", 0x10),
    ("notrailers", 0x20),
    ("knowsepoch", 0),
    ("running", 0x40),
    ("noarp", 0x80),
    ("promisc", 0x100),
    ("allmulti", 0x200),
    ("master", 0x400),
    ("oactive", 0),
    ("slave", 0x800),
    ("simplex", 0),
    ("multicast", 0x1000),
    ("portsel", 0x2000),
    ("automedia", 0x4000),
    ("dynamic", 0x8000),
    ("cantconfig", 0),
    ("lower_up", 0x10000),
    ("ppromisc", 0),
    ("dormant", 0x20000),
    ("monitor", 0),
    ("echo", 0x40000),
    ("staticarp", 0),
    ("dying", 0),
    ("renaming", 0),
    ("link0", 0),
    ("link1", 0),
    ("link2", 0),
];

/// The `SIOC*` requests erts lists, in its order.
const IOCTL_REQUESTS: &[(&str, i64)] = &[
    ("gifname", 0x8910),
    ("gifindex", 0x8933),
    ("gifflags", 0x8913),
    ("gifaddr", 0x8915),
    ("gifdstaddr", 0x8917),
    ("gifbrdaddr", 0x8919),
    ("gifnetmask", 0x891b),
    ("gifmtu", 0x8921),
    ("gifhwaddr", 0x8927),
    ("gifmap", 0x8970),
    ("giftxqlen", 0x8942),
    ("gifconf", 0x8912),
    ("sifflags", 0x8914),
    ("sifaddr", 0x8916),
    ("sifdstaddr", 0x8918),
    ("sifbrdaddr", 0x891a),
    ("sifmtu", 0x8922),
    ("siftxqlen", 0x8943),
];

/// A `[{Name, Num}]` list built by prepending, as erts does.
fn pairs_rev(ctx: &mut Ctx, t: &[(&str, i64)]) -> Term {
    let mut v = Vec::new();
    for &(n, x) in t.iter().rev() {
        v.push(make_tuple(ctx, &[a(n), Term::small(x)]));
    }
    list_from_slice(ctx, &v)
}

pub fn msg_flags(ctx: &mut Ctx) -> Term {
    pairs_rev(ctx, MSG_FLAGS)
}

extern "C" {
    // The C library's protocol database (not bound by the libc crate).
    fn setprotoent(stayopen: libc::c_int);
    fn getprotoent() -> *mut libc::protoent;
    fn endprotoent();
}

/// The protocol database: `(names, number)` per entry, in file order.
fn protoent() -> Vec<(Vec<String>, i32)> {
    // setprotoent/getprotoent share static state: one caller at a time.
    static LOCK: Mutex<()> = Mutex::new(());
    let _g = LOCK.lock().unwrap_or_else(|e| e.into_inner());
    let mut out = Vec::new();
    // SAFETY: the entries returned stay valid until the next call, and
    // are copied out before it; the lock serialises the database.
    unsafe {
        setprotoent(1);
        loop {
            let pe = getprotoent();
            if pe.is_null() {
                break;
            }
            let mut names = vec![CStr::from_ptr((*pe).p_name).to_string_lossy().into_owned()];
            let mut al = (*pe).p_aliases;
            while !al.is_null() && !(*al).is_null() {
                names.push(CStr::from_ptr(*al).to_string_lossy().into_owned());
                al = al.add(1);
            }
            out.push((names, (*pe).p_proto));
        }
        endprotoent();
    }
    out
}

/// `esock_supports_protocols`: `[{[Name | Aliases], Num}]`.
pub fn protocols(ctx: &mut Ctx) -> Term {
    let mut items = Vec::new();
    // Defaults first (the list is built by prepending: they end up at the
    // front, so a later entry from the database wins in maps:from_list).
    for &(n, num) in &[
        ("sctp", libc::IPPROTO_SCTP),
        ("udp", libc::IPPROTO_UDP),
        ("tcp", libc::IPPROTO_TCP),
        ("ipv6", libc::SOL_IPV6),
        ("ip", libc::SOL_IP),
    ] {
        let l = list_from_slice(ctx, &[a(n)]);
        items.push(make_tuple(ctx, &[l, Term::small(num as i64)]));
    }
    let mut db = Vec::new();
    for (names, num) in protoent() {
        // erts conses the aliases in reverse, then the name in front.
        let mut ns: Vec<Term> = names[1..].iter().rev().map(|s| a(s)).collect();
        ns.insert(0, a(&names[0]));
        let l = list_from_slice(ctx, &ns);
        db.push(make_tuple(ctx, &[l, Term::small(num as i64)]));
    }
    db.reverse();
    items.extend(db);
    list_from_slice(ctx, &items)
}

/// `nif_supports/1`.
pub fn supports1(ctx: &mut Ctx, key: Term) -> Term {
    if !key.is_atom() {
        return crate::term::NIL;
    }
    match crate::term::atom::name(key) {
        "msg_flags" => msg_flags(ctx),
        "protocols" => protocols(ctx),
        "ioctl_requests" => pairs_rev(ctx, IOCTL_REQUESTS),
        "ioctl_flags" => pairs_rev(ctx, IOCTL_FLAGS),
        "options" => super::opts::supports(ctx),
        _ => crate::term::NIL,
    }
}

/// `nif_supports/0`.
pub fn supports0(ctx: &mut Ctx) -> Term {
    let t = Term::boolean(true);
    let items: Vec<Term> = ["sctp", "ipv6", "local", "netns", "sendfile"]
        .iter()
        .map(|n| make_tuple(ctx, &[a(n), t]))
        .collect();
    list_from_slice(ctx, &items)
}
