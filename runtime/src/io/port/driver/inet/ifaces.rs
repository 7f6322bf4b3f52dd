//! Network interfaces: `inet:getifaddrs/0` (`INET_REQ_GETIFADDRS`) and
//! `inet:getiflist/0` (`INET_REQ_GETIFLIST`), answered as inet_drv does
//! on Linux: the C library's `getifaddrs` list in its order, and the
//! names `SIOCGIFCONF` gives (interfaces with an IPv4 address).

use super::{err, REP_OK};
use std::os::fd::{AsRawFd, OwnedFd};

/// `INET_IFOPT_*` and `INET_IFF_*` of `inet_int.hrl`.
const IFOPT_ADDR: u8 = 1;
const IFOPT_BROADADDR: u8 = 2;
const IFOPT_DSTADDR: u8 = 3;
const IFOPT_NETMASK: u8 = 5;
const IFOPT_FLAGS: u8 = 6;
const IFOPT_HWADDR: u8 = 7;
const IFF_UP: u32 = 0x1;
const IFF_BROADCAST: u32 = 0x2;
const IFF_LOOPBACK: u32 = 0x4;
const IFF_POINTTOPOINT: u32 = 0x8;
const IFF_RUNNING: u32 = 0x10;
const IFF_MULTICAST: u32 = 0x20;
/// `INET_AF_INET`, `INET_AF_INET6`.
const AF_INET: u8 = 1;
const AF_INET6: u8 = 2;

/// The driver's flags for the kernel's interface flags `f` (running is
/// reported from up, as inet_drv does).
fn flags(f: u32) -> u32 {
    let has = |k: libc::c_int| f & k as u32 != 0;
    let mut v = 0;
    if has(libc::IFF_UP) {
        v |= IFF_UP | IFF_RUNNING;
    }
    if has(libc::IFF_BROADCAST) {
        v |= IFF_BROADCAST;
    }
    if has(libc::IFF_LOOPBACK) {
        v |= IFF_LOOPBACK;
    }
    if has(libc::IFF_POINTOPOINT) {
        v |= IFF_POINTTOPOINT;
    }
    if has(libc::IFF_MULTICAST) {
        v |= IFF_MULTICAST;
    }
    v
}

/// Appends option `opt` with address `sa` in the driver's encoding
/// (family byte and address; link addresses as a 16-bit length and the
/// bytes); nothing for another family.
///
/// # Safety
/// `sa` is null or points to a socket address as big as its family says.
unsafe fn put_sockaddr(v: &mut Vec<u8>, opt: u8, sa: *const libc::sockaddr) {
    if sa.is_null() {
        return;
    }
    match (*sa).sa_family as i32 {
        libc::AF_INET | 0 => {
            let a = &*(sa as *const libc::sockaddr_in);
            v.push(opt);
            v.push(AF_INET);
            v.extend_from_slice(&a.sin_addr.s_addr.to_ne_bytes());
        }
        libc::AF_INET6 => {
            let a = &*(sa as *const libc::sockaddr_in6);
            v.push(opt);
            v.push(AF_INET6);
            v.extend_from_slice(&a.sin6_addr.s6_addr);
        }
        libc::AF_PACKET => {
            let a = &*(sa as *const libc::sockaddr_ll);
            let n = (a.sll_halen as usize).min(a.sll_addr.len());
            v.push(opt);
            v.extend_from_slice(&(n as u16).to_be_bytes());
            v.extend_from_slice(&a.sll_addr[..n]);
        }
        _ => {}
    }
}

/// `INET_REQ_GETIFADDRS`: per entry of `getifaddrs`, its name, NUL, its
/// flags, its addresses (IP entries: address, netmask, then destination
/// or broadcast address; link entries with an address: the hardware
/// address), NUL.
pub fn getifaddrs_reply() -> Option<Vec<u8>> {
    let mut list: *mut libc::ifaddrs = std::ptr::null_mut();
    // SAFETY: getifaddrs writes a list head into `list` or fails.
    if unsafe { libc::getifaddrs(&mut list) } != 0 {
        return err(std::io::Error::last_os_error()
            .raw_os_error()
            .unwrap_or(libc::EINVAL));
    }
    let mut v = vec![REP_OK];
    let mut p = list;
    while !p.is_null() {
        // SAFETY: `p` is an entry of the list getifaddrs made, valid until
        // freeifaddrs below; its name is a C string and its addresses are
        // null or socket addresses of their family's size.
        unsafe {
            let e = &*p;
            v.extend_from_slice(std::ffi::CStr::from_ptr(e.ifa_name).to_bytes());
            v.push(0);
            v.push(IFOPT_FLAGS);
            v.extend_from_slice(&flags(e.ifa_flags).to_be_bytes());
            if !e.ifa_addr.is_null() {
                match (*e.ifa_addr).sa_family as i32 {
                    libc::AF_INET | libc::AF_INET6 => {
                        put_sockaddr(&mut v, IFOPT_ADDR, e.ifa_addr);
                        put_sockaddr(&mut v, IFOPT_NETMASK, e.ifa_netmask);
                        let other = e.ifa_ifu;
                        if e.ifa_flags & libc::IFF_POINTOPOINT as u32 != 0 {
                            put_sockaddr(&mut v, IFOPT_DSTADDR, other);
                        } else if e.ifa_flags & libc::IFF_BROADCAST as u32 != 0 {
                            put_sockaddr(&mut v, IFOPT_BROADADDR, other);
                        }
                    }
                    libc::AF_PACKET => {
                        // Only a link address with bytes (inet_drv: more
                        // than the 2-byte length).
                        let a = &*(e.ifa_addr as *const libc::sockaddr_ll);
                        if a.sll_halen > 0 {
                            put_sockaddr(&mut v, IFOPT_HWADDR, e.ifa_addr);
                        }
                    }
                    _ => {}
                }
            }
            v.push(0);
            p = e.ifa_next;
        }
    }
    // SAFETY: `list` came from getifaddrs and is freed once.
    unsafe { libc::freeifaddrs(list) };
    Some(v)
}

/// `INET_REQ_GETIFLIST`: the names `SIOCGIFCONF` lists on socket `fd`,
/// each followed by NUL.
pub fn getiflist_reply(fd: &OwnedFd) -> Option<Vec<u8>> {
    let mut cap = 32usize;
    loop {
        // SAFETY: an all-zero ifreq is a valid value (plain C data).
        let mut reqs: Vec<libc::ifreq> = vec![unsafe { std::mem::zeroed() }; cap];
        let len = (cap * std::mem::size_of::<libc::ifreq>()) as libc::c_int;
        let mut ifc = libc::ifconf {
            ifc_len: len,
            ifc_ifcu: libc::__c_anonymous_ifc_ifcu {
                ifcu_req: reqs.as_mut_ptr(),
            },
        };
        // SAFETY: SIOCGIFCONF fills at most `ifc_len` bytes of the buffer
        // `reqs` owns and sets `ifc_len` to what it wrote.
        if unsafe { libc::ioctl(fd.as_raw_fd(), libc::SIOCGIFCONF, &mut ifc) } < 0 {
            return err(std::io::Error::last_os_error()
                .raw_os_error()
                .unwrap_or(libc::EINVAL));
        }
        if ifc.ifc_len >= len && cap < 1 << 16 {
            cap *= 2; // perhaps cut short: ask again with more room
            continue;
        }
        let n = ifc.ifc_len as usize / std::mem::size_of::<libc::ifreq>();
        let mut v = vec![REP_OK];
        for r in &reqs[..n] {
            // SAFETY: after SIOCGIFCONF the union holds `ifru_addr`.
            let fam = unsafe { r.ifr_ifru.ifru_addr.sa_family } as i32;
            if fam == libc::AF_INET || fam == libc::AF_INET6 {
                let name: Vec<u8> = r
                    .ifr_name
                    .iter()
                    .take_while(|&&c| c != 0)
                    .map(|&c| c as u8)
                    .collect();
                v.extend_from_slice(&name);
                v.push(0);
            }
        }
        return Some(v);
    }
}

const IFOPT_MTU: u8 = 4;

/// `INET_REQ_IFGET`: `[NameLen, Name..., Opt...]`; per option the kernel
/// knows for the interface (`SIOCGIF*`), the option and its value, in
/// request order; an option the kernel refuses is left out (flags: 0).
pub fn ifget_reply(fd: &OwnedFd, data: &[u8]) -> Option<Vec<u8>> {
    let Some((&n, rest)) = data.split_first() else {
        return err(libc::EINVAL);
    };
    let Some((name, opts)) = (n as usize <= rest.len()).then(|| rest.split_at(n as usize)) else {
        return err(libc::EINVAL);
    };
    // SAFETY: an all-zero ifreq is a valid value (plain C data).
    let mut req: libc::ifreq = unsafe { std::mem::zeroed() };
    for (d, &c) in req
        .ifr_name
        .iter_mut()
        .zip(name.iter().take(libc::IFNAMSIZ - 1))
    {
        *d = c as libc::c_char;
    }
    let mut v = vec![REP_OK];
    for &opt in opts {
        let ioc = match opt {
            IFOPT_ADDR => libc::SIOCGIFADDR,
            IFOPT_BROADADDR => libc::SIOCGIFBRDADDR,
            IFOPT_DSTADDR => libc::SIOCGIFDSTADDR,
            IFOPT_NETMASK => libc::SIOCGIFNETMASK,
            IFOPT_MTU => libc::SIOCGIFMTU,
            IFOPT_FLAGS => libc::SIOCGIFFLAGS,
            IFOPT_HWADDR => libc::SIOCGIFHWADDR,
            _ => return err(libc::EINVAL),
        };
        // SAFETY: the SIOCGIF* requests read the name and write the union
        // of `req`, which this function owns.
        let ok = unsafe { libc::ioctl(fd.as_raw_fd(), ioc, &mut req) } >= 0;
        // SAFETY: each arm reads the union member its request wrote (when
        // `ok`); the sockaddr members are full `sockaddr`s.
        unsafe {
            match opt {
                IFOPT_FLAGS => {
                    let f = if ok {
                        req.ifr_ifru.ifru_flags as u16 as u32
                    } else {
                        0
                    };
                    v.push(IFOPT_FLAGS);
                    v.extend_from_slice(&flags(f).to_be_bytes());
                }
                _ if !ok => {}
                IFOPT_MTU => {
                    v.push(IFOPT_MTU);
                    v.extend_from_slice(&(req.ifr_ifru.ifru_mtu as u32).to_be_bytes());
                }
                IFOPT_HWADDR => {
                    let sa = &req.ifr_ifru.ifru_hwaddr;
                    v.push(IFOPT_HWADDR);
                    v.extend_from_slice(&6u16.to_be_bytes());
                    v.extend(sa.sa_data[..6].iter().map(|&c| c as u8));
                }
                _ => put_sockaddr(&mut v, opt, &req.ifr_ifru.ifru_addr),
            }
        }
    }
    Some(v)
}
