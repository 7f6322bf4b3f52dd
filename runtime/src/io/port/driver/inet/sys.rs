//! The socket system calls the inet drivers make, over libc: every
//! descriptor non-blocking and close-on-exec, addresses as `Addr`
//! (family, IP bytes, port) instead of raw `sockaddr` structures.

use std::os::fd::{AsRawFd, FromRawFd, OwnedFd};

/// A socket address: IPv4 (4 bytes) or IPv6 (16 bytes) and a port, or a
/// Unix-domain (`local`) path.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Addr {
    V4([u8; 4], u16),
    V6([u8; 16], u16),
    Local(LocalPath),
}

/// A `sun_path`: up to 108 bytes (an abstract name starts with NUL; an
/// unnamed socket has none).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct LocalPath {
    bytes: [u8; LOCAL_MAX],
    len: u8,
}

pub const LOCAL_MAX: usize = 108;

impl LocalPath {
    /// The unnamed address (an unbound socket's).
    pub const UNNAMED: LocalPath = LocalPath {
        bytes: [0; LOCAL_MAX],
        len: 0,
    };

    pub fn new(b: &[u8]) -> Option<LocalPath> {
        let mut bytes = [0; LOCAL_MAX];
        bytes.get_mut(..b.len())?.copy_from_slice(b);
        Some(LocalPath {
            bytes,
            len: b.len() as u8,
        })
    }

    pub fn as_bytes(&self) -> &[u8] {
        &self.bytes[..self.len as usize]
    }
}

/// The calling thread's errno.
pub fn errno() -> i32 {
    std::io::Error::last_os_error()
        .raw_os_error()
        .unwrap_or(libc::EIO)
}

/// `Ok(v)` for a non-negative result, `Err(errno)` otherwise.
fn check(r: i64) -> Result<i64, i32> {
    if r < 0 {
        Err(errno())
    } else {
        Ok(r)
    }
}

fn owned(fd: i32) -> OwnedFd {
    // SAFETY: `fd` was just returned by the kernel and is owned by no one.
    unsafe { OwnedFd::from_raw_fd(fd) }
}

/// A new non-blocking socket (`libc::SOCK_STREAM` / `SOCK_DGRAM`).
pub fn socket(dom: i32, ty: i32) -> Result<OwnedFd, i32> {
    // SAFETY: no pointers.
    let fd = unsafe { libc::socket(dom, ty | libc::SOCK_NONBLOCK | libc::SOCK_CLOEXEC, 0) };
    check(fd as i64).map(|_| owned(fd))
}

/// Storage big enough for either family, and its used length.
fn to_raw(a: &Addr) -> (libc::sockaddr_storage, libc::socklen_t) {
    // SAFETY: an all-zero sockaddr_storage is valid.
    let mut ss: libc::sockaddr_storage = unsafe { std::mem::zeroed() };
    let len = match *a {
        Addr::V4(ip, port) => {
            let sin = libc::sockaddr_in {
                sin_family: libc::AF_INET as libc::sa_family_t,
                sin_port: port.to_be(),
                sin_addr: libc::in_addr {
                    s_addr: u32::from_ne_bytes(ip),
                },
                sin_zero: [0; 8],
            };
            // SAFETY: sockaddr_storage is larger than sockaddr_in and
            // suitably aligned for it.
            unsafe { std::ptr::write(&mut ss as *mut _ as *mut libc::sockaddr_in, sin) };
            std::mem::size_of::<libc::sockaddr_in>()
        }
        Addr::V6(ip, port) => {
            let sin6 = libc::sockaddr_in6 {
                sin6_family: libc::AF_INET6 as libc::sa_family_t,
                sin6_port: port.to_be(),
                sin6_flowinfo: 0,
                sin6_addr: libc::in6_addr { s6_addr: ip },
                sin6_scope_id: 0,
            };
            // SAFETY: as above, for sockaddr_in6.
            unsafe { std::ptr::write(&mut ss as *mut _ as *mut libc::sockaddr_in6, sin6) };
            std::mem::size_of::<libc::sockaddr_in6>()
        }
        Addr::Local(p) => {
            // SAFETY: an all-zero sockaddr_un is valid.
            let mut sun: libc::sockaddr_un = unsafe { std::mem::zeroed() };
            sun.sun_family = libc::AF_UNIX as libc::sa_family_t;
            for (d, &c) in sun.sun_path.iter_mut().zip(p.as_bytes()) {
                *d = c as libc::c_char;
            }
            // SAFETY: as above, for sockaddr_un.
            unsafe { std::ptr::write(&mut ss as *mut _ as *mut libc::sockaddr_un, sun) };
            SUN_PATH_OFFSET + p.as_bytes().len()
        }
    };
    (ss, len as libc::socklen_t)
}

/// Where `sun_path` starts in a `sockaddr_un`.
const SUN_PATH_OFFSET: usize = std::mem::size_of::<libc::sa_family_t>();

/// The address in `ss`, `len` bytes of which the kernel filled.
fn from_raw(ss: &libc::sockaddr_storage, len: libc::socklen_t) -> Option<Addr> {
    match ss.ss_family as i32 {
        libc::AF_UNIX => {
            // SAFETY: the family says the storage holds a sockaddr_un.
            let sun = unsafe { &*(ss as *const _ as *const libc::sockaddr_un) };
            let n = (len as usize)
                .saturating_sub(SUN_PATH_OFFSET)
                .min(LOCAL_MAX);
            let path: Vec<u8> = sun.sun_path[..n].iter().map(|&c| c as u8).collect();
            // A path name ends at its NUL (the kernel may count it); an
            // abstract name (first byte NUL) is all its bytes.
            let path = match path.split_first() {
                Some((&0, _)) => &path[..],
                _ => path.split(|&c| c == 0).next().unwrap_or(&[]),
            };
            LocalPath::new(path).map(Addr::Local)
        }
        libc::AF_INET => {
            // SAFETY: the family says the storage holds a sockaddr_in.
            let sin = unsafe { &*(ss as *const _ as *const libc::sockaddr_in) };
            Some(Addr::V4(
                sin.sin_addr.s_addr.to_ne_bytes(),
                u16::from_be(sin.sin_port),
            ))
        }
        libc::AF_INET6 => {
            // SAFETY: the family says the storage holds a sockaddr_in6.
            let sin6 = unsafe { &*(ss as *const _ as *const libc::sockaddr_in6) };
            Some(Addr::V6(
                sin6.sin6_addr.s6_addr,
                u16::from_be(sin6.sin6_port),
            ))
        }
        _ => None,
    }
}

pub fn bind(fd: &OwnedFd, a: &Addr) -> Result<(), i32> {
    let (ss, len) = to_raw(a);
    // SAFETY: `ss` holds a valid address of `len` bytes.
    let r = unsafe {
        libc::bind(
            fd.as_raw_fd(),
            &ss as *const _ as *const libc::sockaddr,
            len,
        )
    };
    check(r as i64).map(|_| ())
}

pub fn listen(fd: &OwnedFd, backlog: i32) -> Result<(), i32> {
    // SAFETY: no pointers.
    check(unsafe { libc::listen(fd.as_raw_fd(), backlog) } as i64).map(|_| ())
}

/// Starts a connection; Err(EINPROGRESS) means it goes on (wait for
/// writability, then `so_error`).
pub fn connect(fd: &OwnedFd, a: &Addr) -> Result<(), i32> {
    let (ss, len) = to_raw(a);
    // SAFETY: `ss` holds a valid address of `len` bytes.
    let r = unsafe {
        libc::connect(
            fd.as_raw_fd(),
            &ss as *const _ as *const libc::sockaddr,
            len,
        )
    };
    check(r as i64).map(|_| ())
}

/// A pending connection, non-blocking and close-on-exec.
pub fn accept(fd: &OwnedFd) -> Result<OwnedFd, i32> {
    // SAFETY: null address pointers are allowed.
    let r = unsafe {
        libc::accept4(
            fd.as_raw_fd(),
            std::ptr::null_mut(),
            std::ptr::null_mut(),
            libc::SOCK_NONBLOCK | libc::SOCK_CLOEXEC,
        )
    };
    check(r as i64).map(|_| owned(r))
}

fn name(fd: &OwnedFd, peer: bool) -> Result<Addr, i32> {
    // SAFETY: zeroed storage is valid.
    let mut ss: libc::sockaddr_storage = unsafe { std::mem::zeroed() };
    let mut len = std::mem::size_of::<libc::sockaddr_storage>() as libc::socklen_t;
    let p = &mut ss as *mut _ as *mut libc::sockaddr;
    // SAFETY: `p` points to `len` writable bytes.
    let r = unsafe {
        if peer {
            libc::getpeername(fd.as_raw_fd(), p, &mut len)
        } else {
            libc::getsockname(fd.as_raw_fd(), p, &mut len)
        }
    };
    check(r as i64)?;
    from_raw(&ss, len).ok_or(libc::EINVAL)
}

pub fn sockname(fd: &OwnedFd) -> Result<Addr, i32> {
    name(fd, false)
}

pub fn peername(fd: &OwnedFd) -> Result<Addr, i32> {
    name(fd, true)
}

/// Reads what is there: Ok(0) is end of stream.
pub fn recv(fd: &OwnedFd, buf: &mut [u8]) -> Result<usize, i32> {
    loop {
        // SAFETY: `buf` is valid for `buf.len()` bytes.
        let r = unsafe { libc::recv(fd.as_raw_fd(), buf.as_mut_ptr().cast(), buf.len(), 0) };
        match check(r as i64) {
            Err(libc::EINTR) => continue,
            other => return other.map(|n| n as usize),
        }
    }
}

/// Writes what the socket takes now (no SIGPIPE).
pub fn send(fd: &OwnedFd, buf: &[u8]) -> Result<usize, i32> {
    loop {
        // SAFETY: `buf` is valid for `buf.len()` bytes.
        let r = unsafe {
            libc::send(
                fd.as_raw_fd(),
                buf.as_ptr().cast(),
                buf.len(),
                libc::MSG_NOSIGNAL,
            )
        };
        match check(r as i64) {
            Err(libc::EINTR) => continue,
            other => return other.map(|n| n as usize),
        }
    }
}

pub fn sendto(fd: &OwnedFd, buf: &[u8], to: &Addr) -> Result<usize, i32> {
    let (ss, len) = to_raw(to);
    // SAFETY: `buf` is valid for its length, `ss` for `len` bytes.
    let r = unsafe {
        libc::sendto(
            fd.as_raw_fd(),
            buf.as_ptr().cast(),
            buf.len(),
            libc::MSG_NOSIGNAL,
            &ss as *const _ as *const libc::sockaddr,
            len,
        )
    };
    check(r as i64).map(|n| n as usize)
}

/// One datagram and where it came from.
pub fn recvfrom(fd: &OwnedFd, buf: &mut [u8]) -> Result<(usize, Option<Addr>), i32> {
    // SAFETY: zeroed storage is valid.
    let mut ss: libc::sockaddr_storage = unsafe { std::mem::zeroed() };
    let mut len = std::mem::size_of::<libc::sockaddr_storage>() as libc::socklen_t;
    // SAFETY: `buf` and `ss` are valid for the lengths given.
    let r = unsafe {
        libc::recvfrom(
            fd.as_raw_fd(),
            buf.as_mut_ptr().cast(),
            buf.len(),
            0,
            &mut ss as *mut _ as *mut libc::sockaddr,
            &mut len,
        )
    };
    check(r as i64).map(|n| (n as usize, from_raw(&ss, len)))
}

pub fn shutdown(fd: &OwnedFd, how: i32) -> Result<(), i32> {
    // SAFETY: no pointers.
    check(unsafe { libc::shutdown(fd.as_raw_fd(), how) } as i64).map(|_| ())
}

/// An integer socket option.
pub fn setsockopt(fd: &OwnedFd, level: i32, name: i32, v: i32) -> Result<(), i32> {
    // SAFETY: `v` is a valid c_int for the call.
    let r = unsafe {
        libc::setsockopt(
            fd.as_raw_fd(),
            level,
            name,
            &v as *const i32 as *const libc::c_void,
            std::mem::size_of::<i32>() as libc::socklen_t,
        )
    };
    check(r as i64).map(|_| ())
}

pub fn getsockopt(fd: &OwnedFd, level: i32, name: i32) -> Result<i32, i32> {
    let mut v: i32 = 0;
    let mut len = std::mem::size_of::<i32>() as libc::socklen_t;
    // SAFETY: `v` has room for the c_int the kernel writes.
    let r = unsafe {
        libc::getsockopt(
            fd.as_raw_fd(),
            level,
            name,
            &mut v as *mut i32 as *mut libc::c_void,
            &mut len,
        )
    };
    check(r as i64).map(|_| v)
}

/// `SO_LINGER` as (on, seconds).
pub fn set_linger(fd: &OwnedFd, on: bool, secs: i32) -> Result<(), i32> {
    let l = libc::linger {
        l_onoff: on as i32,
        l_linger: secs,
    };
    // SAFETY: `l` is a valid linger structure.
    let r = unsafe {
        libc::setsockopt(
            fd.as_raw_fd(),
            libc::SOL_SOCKET,
            libc::SO_LINGER,
            &l as *const libc::linger as *const libc::c_void,
            std::mem::size_of::<libc::linger>() as libc::socklen_t,
        )
    };
    check(r as i64).map(|_| ())
}

pub fn get_linger(fd: &OwnedFd) -> Result<(bool, i32), i32> {
    let mut l = libc::linger {
        l_onoff: 0,
        l_linger: 0,
    };
    let mut len = std::mem::size_of::<libc::linger>() as libc::socklen_t;
    // SAFETY: `l` has room for the structure the kernel writes.
    let r = unsafe {
        libc::getsockopt(
            fd.as_raw_fd(),
            libc::SOL_SOCKET,
            libc::SO_LINGER,
            &mut l as *mut libc::linger as *mut libc::c_void,
            &mut len,
        )
    };
    check(r as i64).map(|_| (l.l_onoff != 0, l.l_linger))
}

/// A non-blocking monotonic timer descriptor (for timeouts).
pub fn timerfd() -> Result<OwnedFd, i32> {
    // SAFETY: no pointers.
    let fd = unsafe {
        libc::timerfd_create(
            libc::CLOCK_MONOTONIC,
            libc::TFD_NONBLOCK | libc::TFD_CLOEXEC,
        )
    };
    check(fd as i64).map(|_| owned(fd))
}

/// Arms the timer `ms` milliseconds from now (0: disarms).
pub fn timer_set(fd: &OwnedFd, ms: u64) {
    let mut it: libc::itimerspec = libc::itimerspec {
        it_interval: libc::timespec {
            tv_sec: 0,
            tv_nsec: 0,
        },
        it_value: libc::timespec {
            tv_sec: (ms / 1000) as libc::time_t,
            tv_nsec: ((ms % 1000) * 1_000_000) as libc::c_long,
        },
    };
    if ms == 0 {
        it.it_value.tv_nsec = 0;
    }
    // SAFETY: `it` is a valid itimerspec; the old value is not wanted.
    unsafe { libc::timerfd_settime(fd.as_raw_fd(), 0, &it, std::ptr::null_mut()) };
}

/// Whether the timer expired since the last call (clears it).
pub fn timer_fired(fd: &OwnedFd) -> bool {
    let mut n: u64 = 0;
    // SAFETY: `n` has room for the 8 bytes a timerfd read returns.
    let r = unsafe { libc::read(fd.as_raw_fd(), &mut n as *mut u64 as *mut libc::c_void, 8) };
    r == 8 && n > 0
}

/// The host's name (`gethostname`).
pub fn hostname() -> Result<Vec<u8>, i32> {
    let mut buf = [0u8; 256];
    // SAFETY: `buf` is valid for its length; the result is NUL-terminated
    // within it (one byte is kept for that).
    let r = unsafe { libc::gethostname(buf.as_mut_ptr().cast(), buf.len() - 1) };
    check(r as i64)?;
    let n = buf.iter().position(|&b| b == 0).unwrap_or(buf.len());
    Ok(buf[..n].to_vec())
}
