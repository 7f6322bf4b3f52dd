//! Packet framing and protocol decoding, as BEAM's `packet_parser.c` does
//! it for `erlang:decode_packet/3` and for sockets' `{packet, Type}`
//! option: how long the packet at the front of a buffer is, which part of
//! it is the body, and (for HTTP and TLS records) what it says. Pure byte
//! work, no terms: `bif/decode_packet.rs` builds the terms, and a socket
//! implementation can use the same functions.

pub mod http;
pub mod term;

/// A packet type (`decode_packet`'s first argument, `{packet, Type}`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PacketType {
    /// `raw` or `0`: the whole buffer.
    Raw,
    /// `1`, `2`, `4`: a big-endian length header of that many bytes.
    Len1,
    Len2,
    Len4,
    /// ASN.1 BER: tag, length (short or long form), contents.
    Asn1,
    /// Sun RPC record marking: 4-byte length, top bit = last fragment.
    SunRm,
    /// CORBA GIOP: "GIOP", version, flags (bit 0: little endian), 4-byte size.
    Cdr,
    /// FastCGI record: 8-byte header with content and padding lengths.
    Fcgi,
    /// A line ending with the delimiter (default `\n`).
    Line,
    /// TPKT (RFC 1006): version 3, reserved, 2-byte length incl. header.
    Tpkt,
    /// HTTP start line, or headers (`Headers` = after the start line).
    Http {
        bin: bool,
        headers: bool,
    },
    /// A TLS record (or an SSL v2 client hello).
    SslTls,
}

/// What `get_length` found.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Length {
    /// A whole packet of this many bytes may be at the front (it is there
    /// if the buffer is at least that long; otherwise `{more, N}`).
    Packet(u64),
    /// More data is needed; the total length is not known yet.
    More,
    /// The data is invalid (or over a size limit).
    Invalid,
}

/// Limits and options (`{packet_size, N}`, `{line_length, N}`,
/// `{line_delimiter, C}`); 0 means no limit.
#[derive(Clone, Copy, Debug)]
pub struct Options {
    pub packet_size: u64,
    pub line_length: u64,
    pub delimiter: u8,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            packet_size: 0,
            line_length: 0,
            delimiter: b'\n',
        }
    }
}

fn be(b: &[u8]) -> u64 {
    b.iter().fold(0u64, |a, &x| a << 8 | x as u64)
}

/// A length header of `hlen` bytes announcing `plen` more: the total, or
/// invalid when over `packet_size` or past what BEAM's `int` holds.
fn remain(hlen: u64, plen: u64, o: &Options) -> Length {
    let total = hlen + plen;
    if (o.packet_size != 0 && plen > o.packet_size) || total > i32::MAX as u64 {
        return Length::Invalid;
    }
    Length::Packet(total)
}

/// The length of the packet at the front of `buf` (BEAM's
/// `packet_get_length`). `headers` is the HTTP state: true once the start
/// line has been seen (it is set here for the `httph` types).
pub fn get_length(ty: PacketType, buf: &[u8], o: &Options, headers: &mut bool) -> Length {
    let n = buf.len() as u64;
    match ty {
        PacketType::Raw => {
            if n == 0 {
                Length::More
            } else {
                Length::Packet(n)
            }
        }
        PacketType::Len1 | PacketType::Len2 | PacketType::Len4 | PacketType::SunRm => {
            let h = match ty {
                PacketType::Len1 => 1,
                PacketType::Len2 => 2,
                _ => 4,
            };
            if buf.len() < h {
                return Length::More;
            }
            let mut plen = be(&buf[..h]);
            if ty == PacketType::SunRm {
                plen &= 0x7fff_ffff;
            }
            remain(h as u64, plen, o)
        }
        PacketType::Line => line_length(buf, o),
        PacketType::Asn1 => asn1_length(buf, o),
        PacketType::Cdr => {
            if buf.len() < 12 {
                return Length::More;
            }
            if &buf[..4] != b"GIOP" {
                return Length::Invalid;
            }
            let size = &buf[8..12];
            let plen = if buf[6] & 1 != 0 {
                u32::from_le_bytes([size[0], size[1], size[2], size[3]]) as u64
            } else {
                be(size)
            };
            remain(12, plen, o)
        }
        PacketType::Fcgi => {
            if buf.len() < 8 {
                return Length::More;
            }
            if buf[0] != 1 {
                return Length::Invalid;
            }
            remain(8, be(&buf[4..6]) + buf[6] as u64, o)
        }
        PacketType::Tpkt => {
            if buf.len() < 4 {
                return Length::More;
            }
            let total = be(&buf[2..4]);
            if buf[0] != 3 || total < 4 {
                return Length::Invalid;
            }
            remain(4, total - 4, o)
        }
        PacketType::SslTls => {
            if buf.len() < 5 {
                return Length::More;
            }
            if buf[0] & 0x80 != 0 && buf[2] == 1 {
                // SSL v2 client hello: <<1:1, Len:15, 1:8, Version:16>>.
                let len = be(&buf[..2]) & 0x7fff;
                if len < 3 {
                    return Length::Invalid;
                }
                remain(5, len - 3, o)
            } else {
                remain(5, be(&buf[3..5]), o)
            }
        }
        PacketType::Http { headers: h, .. } => {
            if h {
                *headers = true;
            }
            http_length(buf, o, *headers)
        }
    }
}

fn line_length(buf: &[u8], o: &Options) -> Length {
    let n = buf.len() as u64;
    match buf.iter().position(|&c| c == o.delimiter) {
        None => {
            if o.packet_size != 0 && n > o.packet_size {
                Length::Invalid
            } else if o.line_length != 0 && n >= o.line_length {
                Length::Packet(o.line_length)
            } else {
                Length::More
            }
        }
        Some(i) => {
            let len = i as u64 + 1;
            if o.packet_size != 0 && len > o.packet_size {
                Length::Invalid
            } else if o.line_length != 0 && len > o.line_length {
                Length::Packet(o.line_length)
            } else {
                Length::Packet(len)
            }
        }
    }
}

fn asn1_length(buf: &[u8], o: &Options) -> Length {
    if buf.len() < 2 {
        return Length::More;
    }
    let mut t = 1usize; // index of the next byte
    let mut nn = buf.len() - 1; // bytes from `t` on
    if buf[0] & 0x1f == 0x1f {
        // Long tag: continuation bytes have the top bit set.
        while nn > 0 && buf[t] & 0x80 != 0 {
            t += 1;
            nn -= 1;
        }
        if nn < 2 {
            return Length::More;
        }
        t += 1;
        nn -= 1;
    }
    let first = buf[t];
    let plen = if first & 0x80 != 0 {
        let k = (first & 0x7f) as usize;
        t += 1;
        nn -= 1;
        if nn < k {
            return Length::More;
        }
        if k > 4 {
            return Length::Invalid;
        }
        let v = be(&buf[t..t + k]);
        t += k;
        v
    } else {
        t += 1;
        first as u64
    };
    remain(t as u64, plen, o)
}

/// An HTTP line: up to `\n`; in the headers, continuation lines (starting
/// with a space or tab) belong to the line before. `line_length` stands in
/// for a missing `packet_size` (old users limited HTTP lines with it).
fn http_length(buf: &[u8], o: &Options, headers: bool) -> Length {
    let n = buf.len() as u64;
    if buf == b"\n" || buf == b"\r\n" {
        return Length::Packet(n);
    }
    let max = if o.packet_size != 0 {
        o.packet_size
    } else {
        o.line_length
    };
    let mut from = 0usize;
    loop {
        let Some(i) = buf[from..].iter().position(|&c| c == b'\n') else {
            if max != 0 && n >= max {
                return Length::Invalid;
            }
            return Length::More;
        };
        let plen = (from + i) as u64 + 1;
        let over = max != 0 && plen > max;
        if !headers {
            return if over {
                Length::Invalid
            } else {
                Length::Packet(plen)
            };
        }
        if plen < n {
            let next = buf[plen as usize];
            if (next == b' ' || next == b'\t') && plen > 2 {
                from = plen as usize;
                continue;
            }
            return if over {
                Length::Invalid
            } else {
                Length::Packet(plen)
            };
        }
        // The line ends the buffer: a continuation may still follow.
        return if over { Length::Invalid } else { Length::More };
    }
}

/// The body of a whole packet of `len` bytes at the front of a buffer, as
/// `(offset, length)`: the length header is dropped for `1`, `2`, `4`,
/// FastCGI drops its padding; every other type returns the packet as is.
pub fn body(ty: PacketType, packet: &[u8]) -> (usize, usize) {
    let len = packet.len();
    match ty {
        PacketType::Len1 => (1, len - 1),
        PacketType::Len2 => (2, len - 2),
        PacketType::Len4 => (4, len - 4),
        PacketType::Fcgi => (0, len - packet[6] as usize),
        _ => (0, len),
    }
}

/// A TLS record's fields (BEAM's `packet_parse_ssl`): content type,
/// version and data; an SSL v2 client hello becomes a handshake (22) whose
/// data starts with `<<1, Length:24>>`.
pub fn parse_ssl(packet: &[u8]) -> (u8, u8, u8, Vec<u8>) {
    if packet[0] & 0x80 != 0 && packet[2] == 1 {
        let data = &packet[3..];
        let l = data.len() as u32;
        let mut v = vec![1, (l >> 16) as u8, (l >> 8) as u8, l as u8];
        v.extend_from_slice(data);
        (22, packet[3], packet[4], v)
    } else {
        (packet[0], packet[1], packet[2], packet[5..].to_vec())
    }
}

#[cfg(test)]
mod tests;
