//! `INET_REQ_SETOPTS` / `INET_REQ_GETOPTS`: a buffer of option codes,
//! each followed (setopts) by its value: 32-bit big-endian integers and
//! booleans, `linger` as two of them, `{active, N}` as the enum then a
//! 16-bit count. Socket options go to the kernel, driver options
//! (`active`, `packet`, `mode`, ...) stay in `Opts`. An unknown option
//! or a short value is `einval`, as in `inet_drv`.

use super::{be, err, ok, sys, Active, Sock};
use std::os::fd::OwnedFd;

const REUSEADDR: u8 = 0;
const KEEPALIVE: u8 = 1;
const DONTROUTE: u8 = 2;
const LINGER: u8 = 3;
const BROADCAST: u8 = 4;
const OOBINLINE: u8 = 5;
const SNDBUF: u8 = 6;
const RCVBUF: u8 = 7;
const PRIORITY: u8 = 8;
const TOS: u8 = 9;
const NODELAY: u8 = 10;
const MULTICAST_TTL: u8 = 12;
const MULTICAST_LOOP: u8 = 13;
const V6ONLY: u8 = 16;
const BUFFER: u8 = 20;
const HEADER: u8 = 21;
const ACTIVE: u8 = 22;
const PACKET: u8 = 23;
const MODE: u8 = 24;
const DELIVER: u8 = 25;
const EXITONCLOSE: u8 = 26;
const HIWTRMRK: u8 = 27;
const LOWTRMRK: u8 = 28;
const SEND_TIMEOUT: u8 = 30;
const DELAY_SEND: u8 = 31;
const PACKET_SIZE: u8 = 32;
const READ_PACKETS: u8 = 33;
const SEND_TIMEOUT_CLOSE: u8 = 35;
const MSGQ_HI: u8 = 36;
const MSGQ_LO: u8 = 37;
const SHOW_ECONNRESET: u8 = 39;
const LINE_DELIM: u8 = 40;
const TCLASS: u8 = 41;
const RECVTOS: u8 = 43;
const RECVTCLASS: u8 = 44;
const TTL: u8 = 46;
const RECVTTL: u8 = 47;

/// The kernel option behind a socket-level option code (level, name,
/// whether the value is a boolean).
fn sockopt(code: u8, v6: bool) -> Option<(i32, i32, bool)> {
    Some(match code {
        REUSEADDR => (libc::SOL_SOCKET, libc::SO_REUSEADDR, true),
        KEEPALIVE => (libc::SOL_SOCKET, libc::SO_KEEPALIVE, true),
        DONTROUTE => (libc::SOL_SOCKET, libc::SO_DONTROUTE, true),
        BROADCAST => (libc::SOL_SOCKET, libc::SO_BROADCAST, true),
        OOBINLINE => (libc::SOL_SOCKET, libc::SO_OOBINLINE, true),
        SNDBUF => (libc::SOL_SOCKET, libc::SO_SNDBUF, false),
        RCVBUF => (libc::SOL_SOCKET, libc::SO_RCVBUF, false),
        PRIORITY => (libc::SOL_SOCKET, libc::SO_PRIORITY, false),
        TOS => (libc::IPPROTO_IP, libc::IP_TOS, false),
        TTL => (libc::IPPROTO_IP, libc::IP_TTL, false),
        RECVTOS => (libc::IPPROTO_IP, libc::IP_RECVTOS, true),
        RECVTTL => (libc::IPPROTO_IP, libc::IP_RECVTTL, true),
        TCLASS => (libc::IPPROTO_IPV6, libc::IPV6_TCLASS, false),
        RECVTCLASS => (libc::IPPROTO_IPV6, libc::IPV6_RECVTCLASS, true),
        NODELAY => (libc::IPPROTO_TCP, libc::TCP_NODELAY, true),
        MULTICAST_TTL if v6 => (libc::IPPROTO_IPV6, libc::IPV6_MULTICAST_HOPS, false),
        MULTICAST_TTL => (libc::IPPROTO_IP, libc::IP_MULTICAST_TTL, false),
        MULTICAST_LOOP if v6 => (libc::IPPROTO_IPV6, libc::IPV6_MULTICAST_LOOP, true),
        MULTICAST_LOOP => (libc::IPPROTO_IP, libc::IP_MULTICAST_LOOP, true),
        V6ONLY => (libc::IPPROTO_IPV6, libc::IPV6_V6ONLY, true),
        _ => return None,
    })
}

fn int(b: &[u8], at: usize) -> Option<i32> {
    be(b, at, 4).map(|v| v as u32 as i32)
}

fn kernel(fd: Option<&OwnedFd>) -> Result<&OwnedFd, i32> {
    fd.ok_or(libc::EINVAL)
}

/// Applies the options in `b`; the reply.
pub fn set(sock: &mut Sock, b: &[u8]) -> Option<Vec<u8>> {
    match set_all(sock, b) {
        Ok(()) => ok(&[]),
        Err(e) => err(e),
    }
}

fn set_all(sock: &mut Sock, b: &[u8]) -> Result<(), i32> {
    let bad = libc::EINVAL;
    let mut at = 0;
    while at < b.len() {
        let code = b[at];
        let v = int(b, at + 1).ok_or(bad)?;
        at += 5;
        let o = &mut sock.opts;
        match code {
            LINGER => {
                let secs = int(b, at).ok_or(bad)?;
                at += 4;
                // Failures ignored, as inet_drv does (see below).
                let _ = sys::set_linger(kernel(sock.fd.as_ref())?, v != 0, secs);
            }
            c if sockopt(c, sock.v6).is_some() => {
                let (level, name, boolean) = sockopt(c, sock.v6).ok_or(bad)?;
                let v = if boolean { (v != 0) as i32 } else { v };
                let r = sys::setsockopt(kernel(sock.fd.as_ref())?, level, name, v);
                // inet_drv reports the kernel's refusal of these options
                // only; others fail silently, for compatibility (nodelay
                // on a local socket, for one).
                if matches!(
                    c,
                    PRIORITY | TOS | TCLASS | TTL | RECVTOS | RECVTCLASS | RECVTTL | V6ONLY
                ) {
                    r?;
                }
            }
            BUFFER => o.buffer = v.max(1) as u32,
            HEADER => o.header = v as u32,
            ACTIVE => {
                o.active = match v {
                    0 => Active::Passive,
                    1 => Active::Active,
                    2 => Active::Once,
                    3 => {
                        let n = be(b, at, 2).ok_or(bad)? as u16 as i16 as i32;
                        at += 2;
                        let have = match o.active {
                            Active::Multi(c) => c,
                            _ => 0,
                        };
                        let sum = have + n;
                        if sum > i16::MAX as i32 || sum < i16::MIN as i32 {
                            return Err(bad);
                        }
                        // Zero or less: passive, and the owner is told
                        // (`{tcp_passive, S}`) by the driver.
                        Active::Multi(sum.max(0))
                    }
                    _ => return Err(bad),
                };
            }
            PACKET => o.packet = v as u8,
            MODE => o.binary = v == 1,
            DELIVER => o.deliver_term = v == 1,
            EXITONCLOSE => o.exit_on_close = v != 0,
            HIWTRMRK => o.high_watermark = v as u32,
            LOWTRMRK => o.low_watermark = v as u32,
            SEND_TIMEOUT => o.send_timeout = if v < 0 { -1 } else { v as i64 },
            DELAY_SEND => o.delay_send = v != 0,
            PACKET_SIZE => o.packet_size = v as u32,
            READ_PACKETS => o.read_packets = v as u32,
            SEND_TIMEOUT_CLOSE => o.send_timeout_close = v != 0,
            MSGQ_HI => o.high_msgq_watermark = v as u32,
            MSGQ_LO => o.low_msgq_watermark = v as u32,
            SHOW_ECONNRESET => o.show_econnreset = v != 0,
            LINE_DELIM => o.delimiter = v as u8,
            _ => return Err(bad),
        }
    }
    Ok(())
}

fn push(out: &mut Vec<u8>, code: u8, v: i32) {
    out.push(code);
    out.extend_from_slice(&v.to_be_bytes());
}

/// The values of the options asked for in `b`.
pub fn get(sock: &mut Sock, b: &[u8]) -> Option<Vec<u8>> {
    let mut out = Vec::new();
    let o = &sock.opts;
    for &code in b {
        match code {
            LINGER => {
                let Some(fd) = sock.fd.as_ref() else {
                    return err(libc::EINVAL);
                };
                match sys::get_linger(fd) {
                    Ok((on, secs)) => {
                        push(&mut out, code, on as i32);
                        out.extend_from_slice(&secs.to_be_bytes());
                    }
                    Err(e) => return err(e),
                }
            }
            c if sockopt(c, sock.v6).is_some() => {
                let Some((level, name, boolean)) = sockopt(c, sock.v6) else {
                    return err(libc::EINVAL);
                };
                let Some(fd) = sock.fd.as_ref() else {
                    return err(libc::EINVAL);
                };
                // An option the kernel will not report is left out of
                // the answer, as inet_drv does (nodelay of a local socket).
                if let Ok(v) = sys::getsockopt(fd, level, name) {
                    push(&mut out, c, if boolean { (v != 0) as i32 } else { v });
                }
            }
            BUFFER => push(&mut out, code, o.buffer as i32),
            HEADER => push(&mut out, code, o.header as i32),
            ACTIVE => match o.active {
                Active::Passive => push(&mut out, code, 0),
                Active::Active => push(&mut out, code, 1),
                Active::Once => push(&mut out, code, 2),
                Active::Multi(n) => {
                    push(&mut out, code, 3);
                    out.extend_from_slice(&(n as i16).to_be_bytes());
                }
            },
            PACKET => push(&mut out, code, o.packet as i32),
            MODE => push(&mut out, code, o.binary as i32),
            DELIVER => push(&mut out, code, o.deliver_term as i32),
            EXITONCLOSE => push(&mut out, code, o.exit_on_close as i32),
            HIWTRMRK => push(&mut out, code, o.high_watermark as i32),
            LOWTRMRK => push(&mut out, code, o.low_watermark as i32),
            SEND_TIMEOUT => push(&mut out, code, o.send_timeout as i32),
            DELAY_SEND => push(&mut out, code, o.delay_send as i32),
            PACKET_SIZE => push(&mut out, code, o.packet_size as i32),
            READ_PACKETS => push(&mut out, code, o.read_packets as i32),
            SEND_TIMEOUT_CLOSE => push(&mut out, code, o.send_timeout_close as i32),
            MSGQ_HI => push(&mut out, code, o.high_msgq_watermark as i32),
            MSGQ_LO => push(&mut out, code, o.low_msgq_watermark as i32),
            SHOW_ECONNRESET => push(&mut out, code, o.show_econnreset as i32),
            LINE_DELIM => push(&mut out, code, o.delimiter as i32),
            _ => return err(libc::EINVAL),
        }
    }
    ok(&out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn set_ok(s: &mut Sock, b: &[u8]) {
        assert_eq!(set(s, b), Some(vec![super::super::REP_OK]));
    }

    #[test]
    fn driver_options_round_trip() {
        let mut s = Sock::new();
        // {packet, 2} (TCP_PB_2), binary, {active, 3}.
        set_ok(
            &mut s,
            &[
                PACKET, 0, 0, 0, 2, MODE, 0, 0, 0, 1, ACTIVE, 0, 0, 0, 3, 0, 3,
            ],
        );
        assert_eq!(s.opts.active, Active::Multi(3));
        let got = get(&mut s, &[PACKET, MODE, ACTIVE]).unwrap();
        assert_eq!(
            got,
            vec![1, PACKET, 0, 0, 0, 2, MODE, 0, 0, 0, 1, ACTIVE, 0, 0, 0, 3, 0, 3]
        );
        // {active, -5} adds up to zero or less: passive-to-be (Multi(0)).
        set_ok(&mut s, &[ACTIVE, 0, 0, 0, 3, 0xff, 0xfb]);
        assert_eq!(s.opts.active, Active::Multi(0));
        // Past a 16-bit count, a short value, an unknown code: einval;
        // socket options without a socket: einval.
        let einval = Some(b"\0einval".to_vec());
        set_ok(&mut s, &[ACTIVE, 0, 0, 0, 3, 0x7f, 0xff]);
        assert_eq!(set(&mut s, &[ACTIVE, 0, 0, 0, 3, 0, 1]), einval);
        assert_eq!(set(&mut s, &[PACKET, 0, 0]), einval);
        assert_eq!(set(&mut s, &[200, 0, 0, 0, 0]), einval);
        assert_eq!(set(&mut s, &[NODELAY, 0, 0, 0, 1]), einval);
        assert_eq!(get(&mut s, &[200]), einval);
    }
}
