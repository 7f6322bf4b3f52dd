//! Addresses as prim_inet encodes them: `[Family, Port:16 | IP]`, where
//! the family may also be `any` or `loopback` (the socket's own family
//! decides which address that is). IPv6 requests carry flow info and
//! scope (4 bytes each) after the address; replies do not. A `local`
//! (Unix-domain) address is `[Family, Len | Path]`, no port.

use super::sys::{Addr, LocalPath};
use super::{AF_ANY, AF_INET, AF_INET6, AF_LOCAL, AF_LOOPBACK};

/// A requested address.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Req {
    Any(u16),
    Loopback(u16),
    Ip(Addr),
}

impl Req {
    /// The address for a socket of family `v6` (`any` and `loopback` of
    /// a local socket: the unnamed address).
    pub fn resolve(self, v6: bool, local: bool) -> Addr {
        if local {
            if let Req::Any(_) | Req::Loopback(_) = self {
                return Addr::Local(LocalPath::UNNAMED);
            }
        }
        match (self, v6) {
            (Req::Ip(a), _) => a,
            (Req::Any(p), false) => Addr::V4([0; 4], p),
            (Req::Any(p), true) => Addr::V6([0; 16], p),
            (Req::Loopback(p), false) => Addr::V4([127, 0, 0, 1], p),
            (Req::Loopback(p), true) => {
                let mut ip = [0; 16];
                ip[15] = 1;
                Addr::V6(ip, p)
            }
        }
    }
}

/// The address at the front of `b` and how many bytes it took.
pub fn decode_prefix(b: &[u8]) -> Option<(Req, usize)> {
    let (&f, rest) = b.split_first()?;
    if f == AF_LOCAL {
        let (&n, path) = rest.split_first()?;
        let p = LocalPath::new(path.get(..n as usize)?)?;
        return Some((Req::Ip(Addr::Local(p)), 2 + n as usize));
    }
    let port = u16::from_be_bytes([*rest.first()?, *rest.get(1)?]);
    let ip = &rest[2..];
    match f {
        AF_ANY => Some((Req::Any(port), 3)),
        AF_LOOPBACK => Some((Req::Loopback(port), 3)),
        AF_INET => {
            let a: [u8; 4] = ip.get(..4)?.try_into().ok()?;
            Some((Req::Ip(Addr::V4(a, port)), 7))
        }
        AF_INET6 => {
            // Flow info and scope id follow the address.
            ip.get(..24)?;
            let a: [u8; 16] = ip.get(..16)?.try_into().ok()?;
            Some((Req::Ip(Addr::V6(a, port)), 27))
        }
        _ => None,
    }
}

/// A whole request buffer that is one address.
pub fn decode(b: &[u8]) -> Option<Req> {
    decode_prefix(b).map(|(r, _)| r)
}

pub fn port_of(a: &Addr) -> u16 {
    match *a {
        Addr::V4(_, p) | Addr::V6(_, p) => p,
        Addr::Local(_) => 0,
    }
}

/// `[Family, Port:16 | IP]` for a reply.
pub fn encode(a: &Addr) -> Vec<u8> {
    let mut v = Vec::with_capacity(19);
    match a {
        Addr::V4(ip, p) => {
            v.push(AF_INET);
            v.extend_from_slice(&p.to_be_bytes());
            v.extend_from_slice(ip);
        }
        Addr::V6(ip, p) => {
            v.push(AF_INET6);
            v.extend_from_slice(&p.to_be_bytes());
            v.extend_from_slice(ip);
        }
        Addr::Local(p) => {
            v.push(AF_LOCAL);
            v.push(p.as_bytes().len() as u8);
            v.extend_from_slice(p.as_bytes());
        }
    }
    v
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips() {
        let a = Addr::V4([127, 0, 0, 1], 8080);
        assert_eq!(decode(&encode(&a)), Some(Req::Ip(a)));
        let mut six = encode(&Addr::V6([0; 16], 9));
        six.extend_from_slice(&[0; 8]);
        assert_eq!(
            decode_prefix(&six),
            Some((Req::Ip(Addr::V6([0; 16], 9)), 27))
        );
        assert_eq!(decode(&[AF_ANY, 0, 5]), Some(Req::Any(5)));
        assert_eq!(
            Req::Loopback(1).resolve(false, false),
            Addr::V4([127, 0, 0, 1], 1)
        );
        let l = Addr::Local(LocalPath::new(b"/tmp/s").unwrap());
        assert_eq!(decode(&encode(&l)), Some(Req::Ip(l)));
        assert_eq!(decode(&[AF_LOCAL, 3, b'a']), None);
        assert_eq!(decode(&[AF_INET, 0]), None);
        assert_eq!(decode(&[9, 0, 0]), None);
    }
}
