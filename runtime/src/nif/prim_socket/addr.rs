//! Socket addresses between `socket:sockaddr()` maps and the kernel's
//! `sockaddr` structures, as `socket_util.c` converts them: `inet`
//! (`port`, `addr` as a 4-tuple or `any` / `loopback` / `broadcast`),
//! `inet6` (`port`, `addr` as an 8-tuple or `any` / `loopback`,
//! `flowinfo`, `scope_id`), `local` (`path`, a binary; Linux's abstract
//! names start with a zero byte) and `unspec` or a numeric family
//! (`addr`, the raw bytes after the family).

use super::util::{a, get_i32, get_u32};
use crate::data::binary::build::make_binary;
use crate::data::binary::view;
use crate::data::build::make_tuple;
use crate::data::map;
use crate::heap::ctx::Ctx;
use crate::term::Term;

/// A kernel socket address and its length.
#[derive(Clone, Copy)]
pub struct SockAddr {
    pub ss: libc::sockaddr_storage,
    pub len: libc::socklen_t,
}

impl SockAddr {
    pub fn empty() -> SockAddr {
        // SAFETY: sockaddr_storage is plain data; all zeroes is valid.
        SockAddr {
            ss: unsafe { std::mem::zeroed() },
            len: std::mem::size_of::<libc::sockaddr_storage>() as libc::socklen_t,
        }
    }

    pub fn as_ptr(&self) -> *const libc::sockaddr {
        (&self.ss as *const libc::sockaddr_storage).cast()
    }

    pub fn as_mut_ptr(&mut self) -> *mut libc::sockaddr {
        (&mut self.ss as *mut libc::sockaddr_storage).cast()
    }

    fn bytes_mut(&mut self) -> &mut [u8] {
        // SAFETY: the storage is plain bytes of its own size.
        unsafe {
            std::slice::from_raw_parts_mut(
                (&mut self.ss as *mut libc::sockaddr_storage).cast::<u8>(),
                std::mem::size_of::<libc::sockaddr_storage>(),
            )
        }
    }

    fn bytes(&self) -> &[u8] {
        // SAFETY: as above, read only.
        unsafe {
            std::slice::from_raw_parts(
                (&self.ss as *const libc::sockaddr_storage).cast::<u8>(),
                std::mem::size_of::<libc::sockaddr_storage>(),
            )
        }
    }
}

/// Where `sa_data` starts (after the 16-bit family).
const DATA_OFF: usize = 2;
/// Where `sun_path` starts.
const PATH_OFF: usize = 2;
const PATH_MAX: usize = 108;

/// `esock_decode_domain`: `Some((family, true))` for a named domain,
/// `Some((n, false))` for an integer, `None` otherwise.
pub fn decode_domain(t: Term) -> Option<(i32, bool)> {
    if t.is_atom() {
        return match crate::term::atom::name(t) {
            "inet" => Some((libc::AF_INET, true)),
            "inet6" => Some((libc::AF_INET6, true)),
            "local" => Some((libc::AF_UNIX, true)),
            "unspec" => Some((libc::AF_UNSPEC, true)),
            _ => None,
        };
    }
    get_i32(t).map(|d| (d, false))
}

/// `esock_encode_domain`.
pub fn encode_domain(d: i32) -> Term {
    match d {
        libc::AF_INET => a("inet"),
        libc::AF_INET6 => a("inet6"),
        libc::AF_UNIX => a("local"),
        libc::AF_UNSPEC => a("unspec"),
        _ => Term::small(d as i64),
    }
}

/// `esock_decode_type`.
pub fn decode_type(t: Term) -> Option<i32> {
    if t.is_atom() {
        return match crate::term::atom::name(t) {
            "stream" => Some(libc::SOCK_STREAM),
            "dgram" => Some(libc::SOCK_DGRAM),
            "raw" => Some(libc::SOCK_RAW),
            "seqpacket" => Some(libc::SOCK_SEQPACKET),
            _ => None,
        };
    }
    get_i32(t)
}

/// `esock_encode_type`.
pub fn encode_type(t: i32) -> Term {
    match t {
        libc::SOCK_STREAM => a("stream"),
        libc::SOCK_DGRAM => a("dgram"),
        libc::SOCK_RAW => a("raw"),
        libc::SOCK_SEQPACKET => a("seqpacket"),
        libc::SOCK_RDM => a("rdm"),
        _ => Term::small(t as i64),
    }
}

fn field(m: Term, key: &str) -> Option<Term> {
    map::get(m, a(key))
}

fn in4(t: Term) -> Option<[u8; 4]> {
    if t.is_atom() {
        return match crate::term::atom::name(t) {
            "loopback" => Some([127, 0, 0, 1]),
            "any" => Some([0, 0, 0, 0]),
            "broadcast" => Some([255, 255, 255, 255]),
            _ => None,
        };
    }
    // SAFETY: tuple accessors are used only after `is_tuple`.
    unsafe {
        if !t.is_tuple() || t.tuple_arity() != 4 {
            return None;
        }
        let mut b = [0u8; 4];
        for (i, x) in b.iter_mut().enumerate() {
            let v = get_i32(t.tuple_elem(i))?;
            *x = u8::try_from(v).ok()?;
        }
        Some(b)
    }
}

fn in6(t: Term) -> Option<[u8; 16]> {
    if t.is_atom() {
        return match crate::term::atom::name(t) {
            "loopback" => {
                let mut b = [0u8; 16];
                b[15] = 1;
                Some(b)
            }
            "any" => Some([0u8; 16]),
            _ => None,
        };
    }
    // SAFETY: tuple accessors are used only after `is_tuple`.
    unsafe {
        if !t.is_tuple() || t.tuple_arity() != 8 {
            return None;
        }
        let mut b = [0u8; 16];
        for i in 0..8 {
            let v = get_i32(t.tuple_elem(i))?;
            let v = u16::try_from(v).ok()?;
            b[2 * i..2 * i + 2].copy_from_slice(&v.to_be_bytes());
        }
        Some(b)
    }
}

/// `esock_decode_sockaddr`: a `sockaddr()` map (defaults already merged
/// by prim_socket) to a kernel address; `None` is `{invalid, sockaddr}`.
pub fn decode(m: Term) -> Option<SockAddr> {
    if !map::is_map(m) {
        return None;
    }
    let (fam, named) = decode_domain(field(m, "family")?)?;
    let mut sa = SockAddr::empty();
    if !named || fam == libc::AF_UNSPEC {
        // The raw bytes after the family.
        let bin = field(m, "addr")?;
        let v = view(bin)?;
        let data = v.whole_bytes()?;
        let room = std::mem::size_of::<libc::sockaddr_storage>() - DATA_OFF;
        let n = data.len().min(room);
        let fb = (fam as u16).to_ne_bytes();
        let b = sa.bytes_mut();
        b[..2].copy_from_slice(&fb);
        b[DATA_OFF..DATA_OFF + n].copy_from_slice(&data[..n]);
        sa.len = (DATA_OFF + n) as libc::socklen_t;
        return Some(sa);
    }
    match fam {
        libc::AF_INET => {
            let port = get_i32(field(m, "port")?)?;
            let ip = in4(field(m, "addr")?)?;
            // SAFETY: sockaddr_in fits in sockaddr_storage.
            let sin = unsafe { &mut *(sa.as_mut_ptr() as *mut libc::sockaddr_in) };
            sin.sin_family = libc::AF_INET as libc::sa_family_t;
            sin.sin_port = (port as u16).to_be();
            sin.sin_addr.s_addr = u32::from_ne_bytes(ip);
            sa.len = std::mem::size_of::<libc::sockaddr_in>() as libc::socklen_t;
        }
        libc::AF_INET6 => {
            let port = get_i32(field(m, "port")?)?;
            let flow = get_u32(field(m, "flowinfo")?)?;
            let scope = get_u32(field(m, "scope_id")?)?;
            let ip = in6(field(m, "addr")?)?;
            // SAFETY: sockaddr_in6 fits in sockaddr_storage.
            let sin6 = unsafe { &mut *(sa.as_mut_ptr() as *mut libc::sockaddr_in6) };
            sin6.sin6_family = libc::AF_INET6 as libc::sa_family_t;
            sin6.sin6_port = (port as u16).to_be();
            sin6.sin6_flowinfo = flow;
            sin6.sin6_scope_id = scope;
            sin6.sin6_addr.s6_addr = ip;
            sa.len = std::mem::size_of::<libc::sockaddr_in6>() as libc::socklen_t;
        }
        libc::AF_UNIX => {
            let p = field(m, "path")?;
            let v = view(p)?;
            let path = v.whole_bytes()?;
            let nul = if path.first() == Some(&0) { 0 } else { 1 };
            if path.len() + nul > PATH_MAX {
                return None;
            }
            let fb = (libc::AF_UNIX as u16).to_ne_bytes();
            let b = sa.bytes_mut();
            b[..2].copy_from_slice(&fb);
            b[PATH_OFF..PATH_OFF + path.len()].copy_from_slice(&path);
            sa.len = (PATH_OFF + path.len()) as libc::socklen_t;
        }
        _ => return None,
    }
    Some(sa)
}

fn mk_map(ctx: &mut Ctx, pairs: &[(&str, Term)]) -> Term {
    let ps = pairs.iter().map(|&(k, v)| (a(k), v)).collect();
    map::from_pairs(ctx, ps)
}

/// `#{family => F, addr => Bytes}` for an address this layer does not
/// decode (or a too short one).
fn native(ctx: &mut Ctx, sa: &SockAddr, fam: Term) -> Term {
    let len = sa.len as usize;
    let data: Vec<u8> = if len > DATA_OFF {
        sa.bytes()[DATA_OFF..len].to_vec()
    } else {
        Vec::new()
    };
    let d = make_binary(ctx, &data);
    mk_map(ctx, &[("family", fam), ("addr", d)])
}

/// `esock_encode_sockaddr`: a kernel address to its `sockaddr()` map.
pub fn encode(ctx: &mut Ctx, sa: &SockAddr) -> Term {
    let len = sa.len as usize;
    if len < DATA_OFF {
        let b = &sa.bytes()[..len];
        return make_binary(ctx, b);
    }
    let fam = sa.ss.ss_family as i32;
    match fam {
        libc::AF_INET if len >= std::mem::size_of::<libc::sockaddr_in>() => {
            // SAFETY: the family says the storage holds a sockaddr_in.
            let sin = unsafe { &*(sa.as_ptr() as *const libc::sockaddr_in) };
            let ip = sin.sin_addr.s_addr.to_ne_bytes();
            let el: Vec<Term> = ip.iter().map(|&x| Term::small(x as i64)).collect();
            let addr = make_tuple(ctx, &el);
            let port = Term::small(u16::from_be(sin.sin_port) as i64);
            mk_map(
                ctx,
                &[("family", a("inet")), ("port", port), ("addr", addr)],
            )
        }
        libc::AF_INET6 if len >= std::mem::size_of::<libc::sockaddr_in6>() => {
            // SAFETY: the family says the storage holds a sockaddr_in6.
            let s6 = unsafe { &*(sa.as_ptr() as *const libc::sockaddr_in6) };
            let b = s6.sin6_addr.s6_addr;
            let el: Vec<Term> = (0..8)
                .map(|i| Term::small(u16::from_be_bytes([b[2 * i], b[2 * i + 1]]) as i64))
                .collect();
            let addr = make_tuple(ctx, &el);
            let port = Term::small(u16::from_be(s6.sin6_port) as i64);
            let flow = crate::data::big::make_u64(ctx, s6.sin6_flowinfo as u64);
            let scope = crate::data::big::make_u64(ctx, s6.sin6_scope_id as u64);
            mk_map(
                ctx,
                &[
                    ("family", a("inet6")),
                    ("port", port),
                    ("addr", addr),
                    ("flowinfo", flow),
                    ("scope_id", scope),
                ],
            )
        }
        libc::AF_INET => native(ctx, sa, a("inet")),
        libc::AF_INET6 => native(ctx, sa, a("inet6")),
        libc::AF_UNIX => {
            let n = len.saturating_sub(PATH_OFF).min(PATH_MAX);
            let raw = &sa.bytes()[PATH_OFF..PATH_OFF + n];
            // A path is NUL-terminated, except an abstract one (first
            // byte zero), which keeps its reported length.
            let m = raw.iter().position(|&c| c == 0).unwrap_or(n);
            let m = if m == 0 { n } else { m };
            let p = make_binary(ctx, &raw[..m]);
            mk_map(ctx, &[("family", a("local")), ("path", p)])
        }
        libc::AF_UNSPEC => native(ctx, sa, a("unspec")),
        _ => native(ctx, sa, Term::small(fam as i64)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn inet_round_trip() {
        let mut tp = crate::testutil::TestProc::new();
        let ctx = tp.ctx();
        let ip = make_tuple(ctx, &[127, 0, 0, 1].map(Term::small));
        let m = mk_map(
            ctx,
            &[
                ("family", a("inet")),
                ("port", Term::small(4242)),
                ("addr", ip),
            ],
        );
        let sa = decode(m).unwrap();
        assert_eq!(sa.len as usize, std::mem::size_of::<libc::sockaddr_in>());
        let back = encode(ctx, &sa);
        assert!(crate::data::compare::eq_exact(back, m));
        let bad = mk_map(ctx, &[("family", a("inet")), ("port", Term::small(1))]);
        assert!(decode(bad).is_none());
    }

    #[test]
    fn local_paths() {
        let mut tp = crate::testutil::TestProc::new();
        let ctx = tp.ctx();
        let p = make_binary(ctx, b"/tmp/x");
        let m = mk_map(ctx, &[("family", a("local")), ("path", p)]);
        let sa = decode(m).unwrap();
        let back = encode(ctx, &sa);
        assert!(crate::data::compare::eq_exact(back, m));
        let long = make_binary(ctx, &[b'a'; 108]);
        let m = mk_map(ctx, &[("family", a("local")), ("path", long)]);
        assert!(decode(m).is_none());
    }
}
