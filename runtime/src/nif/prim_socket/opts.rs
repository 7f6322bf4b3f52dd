//! Socket options: the table `nif_supports(options)` reports (the
//! options erts knows on Linux, with the option number of those it can
//! set or get; prim_socket builds its name table from it), and
//! `nif_setopt` / `nif_getopt` on the `socket`, `ip`, `ipv6`, `tcp`,
//! `udp` and `sctp` levels with erts' value encodings.

use super::addr::{encode_domain, encode_type};
use super::sock::Inner;
use super::util::{a, error_errno, get_bool, get_i32, invalid, ok2};
use crate::data::build::{list_from_slice, make_tuple};
use crate::data::map;
use crate::heap::ctx::Ctx;
use crate::term::Term;

/// How an option's value is encoded.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Val {
    /// Known to erts but not available on this platform.
    None,
    Bool,
    Int,
    /// Readable only (`mtu`).
    IntGet,
    Linger,
    /// A string of at most N bytes (interface and algorithm names).
    Str(usize),
    GetDomain,
    GetType,
    GetProtocol,
    /// Set with an encoding not done here (multicast membership and
    /// friends, SCTP structures, ...): listed, refused with `enotsup`.
    Other {
        set: bool,
        get: bool,
    },
}

pub struct Opt {
    pub name: &'static str,
    pub num: i32,
    pub val: Val,
}

const fn o(name: &'static str, num: i32, val: Val) -> Opt {
    Opt { name, num, val }
}
const fn none(name: &'static str) -> Opt {
    o(name, 0, Val::None)
}
const SET: Val = Val::Other {
    set: true,
    get: false,
};
const BOTH: Val = Val::Other {
    set: true,
    get: true,
};
const GET: Val = Val::Other {
    set: false,
    get: true,
};

// Linux option numbers (the same on every Linux architecture Girder
// builds for).
const SOCKET: &[Opt] = &[
    o("acceptconn", 30, Val::Bool),
    none("acceptfilter"),
    o("bindtodevice", 25, Val::Str(16)),
    o("broadcast", 6, Val::Bool),
    none("busy_poll"),
    o("debug", 1, Val::Int),
    o("domain", 39, Val::GetDomain),
    o("dontroute", 5, Val::Bool),
    none("error"),
    o("keepalive", 9, Val::Bool),
    o("linger", 13, Val::Linger),
    none("mark"),
    o("oobinline", 10, Val::Bool),
    o("passcred", 16, Val::Bool),
    o("peek_off", 42, Val::Int),
    none("peercred"),
    o("priority", 12, Val::Int),
    o("protocol", 38, Val::GetProtocol),
    o("rcvbuf", 8, Val::Int),
    none("rcvbufforce"),
    o("rcvlowat", 18, Val::Int),
    none("rcvtimeo"),
    o("reuseaddr", 2, Val::Bool),
    o("reuseport", 15, Val::Bool),
    none("rxq_ovfl"),
    none("setfib"),
    o("sndbuf", 7, Val::Int),
    none("sndbufforce"),
    o("sndlowat", 19, Val::Int),
    none("sndtimeo"),
    o("timestamp", 29, Val::Bool),
    o("type", 3, Val::GetType),
];

const IP: &[Opt] = &[
    o("add_membership", 35, SET),
    o("add_source_membership", 39, SET),
    o("block_source", 38, SET),
    none("dontfrag"),
    o("drop_membership", 36, SET),
    o("drop_source_membership", 40, SET),
    o("freebind", 15, Val::Bool),
    o("hdrincl", 3, Val::Bool),
    o("minttl", 21, Val::Int),
    o("msfilter", 41, SET),
    o("mtu", 14, Val::IntGet),
    o("mtu_discover", 10, BOTH),
    o("multicast_all", 49, Val::Bool),
    o("multicast_if", 32, BOTH),
    o("multicast_loop", 34, Val::Bool),
    o("multicast_ttl", 33, Val::Int),
    o("nodefrag", 22, Val::Bool),
    none("options"),
    o("pktinfo", 8, Val::Bool),
    o("pktoptions", 9, GET),
    none("recvdstaddr"),
    o("recverr", 11, Val::Bool),
    none("recvif"),
    o("recvopts", 6, Val::Bool),
    o("recvorigdstaddr", 20, Val::Bool),
    o("recvtos", 13, Val::Bool),
    o("recvttl", 12, Val::Bool),
    o("retopts", 7, Val::Bool),
    o("router_alert", 5, Val::Int),
    none("sendsrcaddr"),
    o("tos", 1, BOTH),
    o("transparent", 19, Val::Bool),
    o("ttl", 2, Val::Int),
    o("unblock_source", 37, SET),
];

const IPV6: &[Opt] = &[
    o("addrform", 1, SET),
    o("add_membership", 20, SET),
    o("authhdr", 10, Val::Bool),
    none("auth_level"),
    none("checksum"),
    o("drop_membership", 21, SET),
    o("dstopts", 59, Val::Bool),
    none("esp_network_level"),
    none("esp_trans_level"),
    none("faith"),
    o("flowinfo", 11, Val::Bool),
    o("hoplimit", 52, Val::Bool),
    o("hopopts", 54, Val::Bool),
    none("ipcomp_level"),
    none("join_group"),
    none("leave_group"),
    o("mtu", 24, Val::Int),
    o("mtu_discover", 23, BOTH),
    o("multicast_hops", 18, BOTH),
    o("multicast_if", 17, Val::Int),
    o("multicast_loop", 19, Val::Bool),
    none("portrange"),
    none("pktoptions"),
    o("recverr", 25, Val::Bool),
    o("recvhoplimit", 51, Val::Bool),
    o("recvpktinfo", 49, Val::Bool),
    o("recvtclass", 66, Val::Bool),
    o("router_alert", 22, Val::Int),
    o("rthdr", 57, Val::Bool),
    o("tclass", 67, Val::Int),
    o("unicast_hops", 16, BOTH),
    none("use_min_mtu"),
    o("v6only", 26, Val::Bool),
];

const SCTP: &[Opt] = &[
    none("adaption_layer"),
    o("associnfo", 1, BOTH),
    none("auth_active_key"),
    none("auth_chunk"),
    none("auth_delete_key"),
    none("auth_key"),
    o("autoclose", 4, Val::Int),
    none("context"),
    none("default_send_params"),
    none("delayed_ack_time"),
    o("disable_fragments", 8, Val::Bool),
    none("hmac_ident"),
    o("events", 11, SET),
    none("explicit_eor"),
    none("fragment_interleave"),
    none("get_peer_addr_info"),
    o("initmsg", 2, BOTH),
    none("i_want_mapped_v4_addr"),
    none("local_auth_chunks"),
    o("maxseg", 13, Val::Int),
    none("maxburst"),
    o("nodelay", 3, Val::Bool),
    none("partial_delivery_point"),
    none("peer_addr_params"),
    none("peer_auth_chunks"),
    none("primary_addr"),
    none("reset_streams"),
    o("rtoinfo", 0, BOTH),
    none("set_peer_primary_addr"),
    none("status"),
    none("use_ext_recvinfo"),
];

const TCP: &[Opt] = &[
    o("congestion", 13, Val::Str(16)),
    o("cork", 3, Val::Bool),
    none("info"),
    none("keepcnt"),
    none("keepidle"),
    none("keepintvl"),
    o("maxseg", 2, Val::Int),
    none("md5sig"),
    o("nodelay", 1, Val::Bool),
    none("noopt"),
    none("nopush"),
    none("syncnt"),
    none("user_timeout"),
];

const UDP: &[Opt] = &[o("cork", 1, Val::Bool)];

/// The levels in erts' order: (level number, options); `SOL_SOCKET` is
/// reported as the atom `socket`.
pub const LEVELS: &[(i32, &[Opt])] = &[
    (libc::SOL_SOCKET, SOCKET),
    (libc::IPPROTO_IP, IP),
    (libc::IPPROTO_IPV6, IPV6),
    (libc::IPPROTO_SCTP, SCTP),
    (libc::IPPROTO_TCP, TCP),
    (libc::IPPROTO_UDP, UDP),
];

/// `esock_supports_options`: `[{Level, [Opt | {Opt, Num}]}]`, each list
/// reversed as erts builds it.
pub fn supports(ctx: &mut Ctx) -> Term {
    let mut levels = Vec::new();
    for &(lvl, opts) in LEVELS {
        let mut l = Vec::new();
        for op in opts.iter().rev() {
            let name = a(op.name);
            l.push(if op.val == Val::None {
                name
            } else {
                make_tuple(ctx, &[name, Term::small(op.num as i64)])
            });
        }
        let lt = list_from_slice(ctx, &l);
        let key = if lvl == libc::SOL_SOCKET {
            a("socket")
        } else {
            Term::small(lvl as i64)
        };
        levels.push(make_tuple(ctx, &[key, lt]));
    }
    levels.reverse();
    list_from_slice(ctx, &levels)
}

/// `esock_decode_level`: `socket` or an integer level.
pub fn decode_level(t: Term) -> Option<i32> {
    if t == a("socket") {
        return Some(libc::SOL_SOCKET);
    }
    get_i32(t)
}

fn lookup(level: i32, num: i32) -> Option<&'static Opt> {
    let (_, opts) = LEVELS.iter().find(|(l, _)| *l == level)?;
    opts.iter().find(|o| o.val != Val::None && o.num == num)
}

fn setsockopt(fd: i32, level: i32, opt: i32, v: &[u8]) -> i32 {
    // SAFETY: `v` is valid for reads of its length.
    let r = unsafe { libc::setsockopt(fd, level, opt, v.as_ptr().cast(), v.len() as u32) };
    if r < 0 {
        super::util::errno()
    } else {
        0
    }
}

fn set_result(ctx: &mut Ctx, e: i32) -> Term {
    if e == 0 {
        crate::term::atom::am::OK
    } else {
        error_errno(ctx, e)
    }
}

fn getsockopt(fd: i32, level: i32, opt: i32, buf: &mut [u8]) -> Result<usize, i32> {
    let mut len = buf.len() as libc::socklen_t;
    // SAFETY: `buf` is valid for writes of `len` bytes.
    let r = unsafe { libc::getsockopt(fd, level, opt, buf.as_mut_ptr().cast(), &mut len) };
    if r < 0 {
        Err(super::util::errno())
    } else {
        Ok(len as usize)
    }
}

/// Reads an int option.
pub fn get_int(fd: i32, level: i32, opt: i32) -> Result<i32, i32> {
    let mut b = [0u8; 4];
    getsockopt(fd, level, opt, &mut b)?;
    Ok(i32::from_ne_bytes(b))
}

/// A string value as `enif_get_string` reads it (a list of bytes).
fn get_str(t: Term, max: usize) -> Option<Vec<u8>> {
    let l = crate::data::build::list_to_vec(t)?;
    let mut v = Vec::new();
    for c in l {
        let b = get_i32(c).and_then(|x| u8::try_from(x).ok())?;
        v.push(b);
    }
    (v.len() < max).then_some(v)
}

/// `esock_setopt` for a known level and option number.
pub fn setopt(ctx: &mut Ctx, i: &Inner, level: i32, num: i32, v: Term) -> Term {
    let Some(op) = lookup(level, num) else {
        return invalid(ctx, a("socket_option"));
    };
    let fd = i.fd;
    match op.val {
        Val::Bool => match get_bool(v) {
            Some(b) => {
                let e = setsockopt(fd, level, num, &(b as i32).to_ne_bytes());
                set_result(ctx, e)
            }
            None => invalid(ctx, a("value")),
        },
        Val::Int => match get_i32(v) {
            Some(n) => {
                let e = setsockopt(fd, level, num, &n.to_ne_bytes());
                set_result(ctx, e)
            }
            None => invalid(ctx, a("value")),
        },
        Val::Str(max) => match get_str(v, max) {
            Some(s) => {
                let e = setsockopt(fd, level, num, &s);
                set_result(ctx, e)
            }
            None => invalid(ctx, a("value")),
        },
        Val::Linger => {
            let onoff = map::is_map(v)
                .then(|| map::get(v, a("onoff")))
                .flatten()
                .and_then(get_bool);
            let secs = map::is_map(v)
                .then(|| map::get(v, a("linger")))
                .flatten()
                .and_then(get_i32);
            match (onoff, secs) {
                (Some(on), Some(s)) => {
                    let l = libc::linger {
                        l_onoff: on as i32,
                        l_linger: s,
                    };
                    // SAFETY: linger is plain data of its own size.
                    let b = unsafe {
                        std::slice::from_raw_parts(
                            (&l as *const libc::linger).cast::<u8>(),
                            std::mem::size_of::<libc::linger>(),
                        )
                    };
                    let e = setsockopt(fd, level, num, b);
                    set_result(ctx, e)
                }
                _ => invalid(ctx, a("value")),
            }
        }
        Val::Other { set: true, .. } => error_errno(ctx, libc::EOPNOTSUPP),
        _ => invalid(ctx, a("socket_option")),
    }
}

/// `esock_getopt` for a known level and option number.
pub fn getopt(ctx: &mut Ctx, i: &Inner, level: i32, num: i32) -> Term {
    let Some(op) = lookup(level, num) else {
        return invalid(ctx, a("socket_option"));
    };
    let fd = i.fd;
    let r: Result<Term, i32> = match op.val {
        Val::Bool => get_int(fd, level, num).map(|v| Term::boolean(v != 0)),
        Val::Int | Val::IntGet => get_int(fd, level, num).map(|v| Term::small(v as i64)),
        Val::GetDomain => get_int(fd, level, num).map(encode_domain),
        Val::GetType => get_int(fd, level, num).map(encode_type),
        // The protocol table's name for 0 is wrong for local sockets:
        // erts answers `default` there.
        Val::GetProtocol => get_int(fd, level, num).map(|v| {
            if v == 0 && i.domain == libc::AF_UNIX {
                a("default")
            } else {
                Term::small(v as i64)
            }
        }),
        Val::Str(max) => {
            let mut b = vec![0u8; max];
            getsockopt(fd, level, num, &mut b).map(|mut n| {
                if n > 0 && b[n - 1] == 0 {
                    n -= 1;
                }
                // erts keeps the bytes up to the first NUL it finds.
                let n = b[..n].iter().position(|&c| c == 0).unwrap_or(n);
                crate::data::build::make_byte_list(ctx, &b[..n])
            })
        }
        Val::Linger => {
            let mut b = [0u8; std::mem::size_of::<libc::linger>()];
            getsockopt(fd, level, num, &mut b).map(|_| {
                let on = i32::from_ne_bytes([b[0], b[1], b[2], b[3]]);
                let secs = i32::from_ne_bytes([b[4], b[5], b[6], b[7]]);
                map::from_pairs(
                    ctx,
                    vec![
                        (a("onoff"), Term::boolean(on != 0)),
                        (a("linger"), Term::small(secs as i64)),
                    ],
                )
            })
        }
        Val::Other { get: true, .. } => Err(libc::EOPNOTSUPP),
        _ => return invalid(ctx, a("socket_option")),
    };
    match r {
        Ok(v) => ok2(ctx, v),
        Err(e) => error_errno(ctx, e),
    }
}

/// `esock_setopt_native`: a raw value (binary, integer or boolean).
pub fn setopt_native(ctx: &mut Ctx, i: &Inner, level: i32, num: i32, v: Term) -> Term {
    let bytes: Vec<u8> = if let Some(b) =
        crate::data::binary::view(v).and_then(|x| x.whole_bytes().map(|c| c.into_owned()))
    {
        b
    } else if let Some(n) = get_i32(v) {
        n.to_ne_bytes().to_vec()
    } else if let Some(b) = get_bool(v) {
        (b as i32).to_ne_bytes().to_vec()
    } else {
        let iv = invalid(ctx, a("value"));
        return super::util::error2(ctx, iv);
    };
    let e = setsockopt(i.fd, level, num, &bytes);
    set_result(ctx, e)
}

/// `esock_getopt_native`: `integer`, `boolean`, a byte count (binary)
/// or a binary to fill.
pub fn getopt_native(ctx: &mut Ctx, i: &Inner, level: i32, num: i32, spec: Term) -> Term {
    let fd = i.fd;
    let r: Result<Term, i32> = if spec == a("integer") {
        get_int(fd, level, num).map(|v| Term::small(v as i64))
    } else if spec == a("boolean") {
        get_int(fd, level, num).map(|v| Term::boolean(v != 0))
    } else if let Some(n) = get_i32(spec).filter(|&n| n >= 0) {
        let mut b = vec![0u8; n as usize];
        getsockopt(fd, level, num, &mut b)
            .map(|k| crate::data::binary::build::make_binary(ctx, &b[..k]))
    } else if let Some(mut b) =
        crate::data::binary::view(spec).and_then(|x| x.whole_bytes().map(|c| c.into_owned()))
    {
        getsockopt(fd, level, num, &mut b)
            .map(|k| crate::data::binary::build::make_binary(ctx, &b[..k]))
    } else {
        return invalid(ctx, a("value"));
    };
    match r {
        Ok(v) => ok2(ctx, v),
        Err(e) => error_errno(ctx, e),
    }
}
