//! HTTP/1.x start lines and headers, parsed as BEAM's `packet_parse_http`
//! parses them (same leniency, same error cases). Results refer to the
//! packet by byte ranges, or carry the bytes they rewrite (header names
//! are case-normalised: `content-type` → `Content-Type`).

use std::ops::Range;

/// The header names BEAM knows; `{http_header, Bit, Name, ...}` gives a
/// known name as an atom and its index + 1 as `Bit` (0 for others).
pub const HEADERS: &[&str] = &[
    "Cache-Control",
    "Connection",
    "Date",
    "Pragma",
    "Transfer-Encoding",
    "Upgrade",
    "Via",
    "Accept",
    "Accept-Charset",
    "Accept-Encoding",
    "Accept-Language",
    "Authorization",
    "From",
    "Host",
    "If-Modified-Since",
    "If-Match",
    "If-None-Match",
    "If-Range",
    "If-Unmodified-Since",
    "Max-Forwards",
    "Proxy-Authorization",
    "Range",
    "Referer",
    "User-Agent",
    "Age",
    "Location",
    "Proxy-Authenticate",
    "Public",
    "Retry-After",
    "Server",
    "Vary",
    "Warning",
    "Www-Authenticate",
    "Allow",
    "Content-Base",
    "Content-Encoding",
    "Content-Language",
    "Content-Length",
    "Content-Location",
    "Content-Md5",
    "Content-Range",
    "Content-Type",
    "Etag",
    "Expires",
    "Last-Modified",
    "Accept-Ranges",
    "Set-Cookie",
    "Set-Cookie2",
    "X-Forwarded-For",
    "Cookie",
    "Keep-Alive",
    "Proxy-Connection",
];

/// The methods BEAM returns as atoms (`'GET'`...); others are strings.
pub const METHODS: &[&str] = &["OPTIONS", "GET", "HEAD", "POST", "PUT", "DELETE", "TRACE"];

/// Header names longer than this are returned as written (not normalised).
const MAX_NAME_LEN: usize = 50;

/// A request URI.
#[derive(Debug, PartialEq, Eq)]
pub enum Uri {
    /// `*`
    Star,
    /// `{abs_path, Path}`
    AbsPath(Range<usize>),
    /// `{absoluteURI, http | https, Host, Port | undefined, Path}`; the
    /// path is `None` for an omitted one (BEAM's `"/"`).
    Absolute {
        https: bool,
        host: Range<usize>,
        port: Option<u32>,
        path: Option<Range<usize>>,
    },
    /// `{scheme, Scheme, Rest}`
    Scheme(Range<usize>, Range<usize>),
    /// any other form, as a string
    Other(Range<usize>),
}

/// A method: a known one (index in `METHODS`) or the bytes.
#[derive(Debug, PartialEq, Eq)]
pub enum Method {
    Known(usize),
    Other(Range<usize>),
}

/// What one packet says.
#[derive(Debug, PartialEq, Eq)]
pub enum Http {
    Response {
        version: (u32, u32),
        status: u32,
        phrase: Range<usize>,
    },
    Request {
        method: Method,
        uri: Uri,
        version: (u32, u32),
    },
    Header {
        /// Index in `HEADERS` for a known name.
        known: Option<usize>,
        /// The name as returned for an unknown one (normalised unless
        /// longer than 50 bytes).
        name: Vec<u8>,
        /// The name as written.
        original: Range<usize>,
        value: Range<usize>,
    },
    Eoh,
    /// `{http_error, Line}`: the whole packet.
    Error,
}

/// BEAM's `tspecial` set, plus control characters and bytes >= 127: they
/// end a method or a header name.
fn is_tspecial(c: u8) -> bool {
    !(33..127).contains(&c) || b"()<>@,;:\\\"/[]?={} \t".contains(&c)
}

fn is_sp(c: u8) -> bool {
    c == b' ' || c == b'\t'
}

/// Parses one packet (a whole line, continuation lines included).
/// `headers`: false for the start line, true for header lines; it is
/// updated as BEAM updates its state (start line seen: true; end of
/// headers: false). A malformed packet is `Http::Error`.
pub fn parse(buf: &[u8], headers: &mut bool) -> Http {
    parse_inner(buf, headers).unwrap_or(Http::Error)
}

/// Reads `1*DIGIT` at `*i` (below `end`); None if there is no digit.
fn digits(buf: &[u8], i: &mut usize, end: usize) -> Option<u32> {
    let start = *i;
    let mut v: u32 = 0;
    while *i < end && buf[*i].is_ascii_digit() {
        v = v.wrapping_mul(10).wrapping_add((buf[*i] - b'0') as u32);
        *i += 1;
    }
    (*i > start).then_some(v)
}

fn skip_sp(buf: &[u8], i: &mut usize, end: usize) -> bool {
    let start = *i;
    while *i < end && is_sp(buf[*i]) {
        *i += 1;
    }
    *i > start
}

/// `HTTP/Major.Minor` digits after the `HTTP/` at `*i`.
fn version(buf: &[u8], i: &mut usize, end: usize) -> Option<(u32, u32)> {
    let major = digits(buf, i, end)?;
    if *i >= end || buf[*i] != b'.' {
        return None;
    }
    *i += 1;
    let minor = digits(buf, i, end)?;
    Some((major, minor))
}

fn parse_inner(buf: &[u8], headers: &mut bool) -> Option<Http> {
    // The line without its CRLF (or LF).
    let n = buf.len();
    let end = if n >= 2 && buf[n - 2] == b'\r' {
        n - 2
    } else if n >= 1 && buf[n - 1] == b'\n' {
        n - 1
    } else {
        n
    };
    if *headers {
        return header(buf, end, headers);
    }
    if end >= 5 && buf.starts_with(b"HTTP/") {
        let mut i = 5;
        let version = version(buf, &mut i, end)?;
        if !skip_sp(buf, &mut i, end) {
            return None;
        }
        let mut status: u32 = 0;
        while i < end && buf[i].is_ascii_digit() {
            status = status.wrapping_mul(10).wrapping_add((buf[i] - b'0') as u32);
            i += 1;
        }
        if !skip_sp(buf, &mut i, end) && i < end {
            return None;
        }
        *headers = true;
        return Some(Http::Response {
            version,
            status,
            phrase: i..end,
        });
    }
    // Request-Line = Method SP Request-URI [SP HTTP-Version]
    let mut i = 0;
    while i < end && !is_tspecial(buf[i]) {
        i += 1;
    }
    if i == end || i == 0 || !is_sp(buf[i]) {
        return None;
    }
    let method = match METHODS.iter().position(|m| m.as_bytes() == &buf[..i]) {
        Some(k) => Method::Known(k),
        None => Method::Other(0..i),
    };
    skip_sp(buf, &mut i, end);
    let uri_start = i;
    while i < end && !is_sp(buf[i]) {
        i += 1;
    }
    if i == uri_start {
        return None;
    }
    let uri = uri_start..i;
    skip_sp(buf, &mut i, end);
    let version = if i == end {
        (0, 9)
    } else {
        if end - i < 8 || !buf[i..].starts_with(b"HTTP/") {
            return None;
        }
        i += 5;
        version(buf, &mut i, end)?
    };
    *headers = true;
    Some(Http::Request {
        method,
        uri: parse_uri(buf, uri),
        version,
    })
}

fn header(buf: &[u8], end: usize, headers: &mut bool) -> Option<Http> {
    if end == 0 {
        *headers = false;
        return Some(Http::Eoh);
    }
    // The name, case-normalised: upper case after the start and after each
    // '-', lower case elsewhere.
    let mut name = Vec::new();
    let mut up = true;
    let mut i = 0;
    let mut left = end;
    while !is_tspecial(buf[i]) {
        if name.len() < MAX_NAME_LEN {
            let mut c = buf[i];
            if up {
                c = c.to_ascii_uppercase();
                up = false;
            } else if c.is_ascii_uppercase() {
                c = c.to_ascii_lowercase();
            } else if c == b'-' {
                up = true;
            }
            name.push(c);
        }
        i += 1;
        left -= 1;
        if left == 0 {
            return None;
        }
    }
    if buf[i] != b':' {
        return None;
    }
    let name_len = i;
    let known = if name_len <= MAX_NAME_LEN {
        HEADERS.iter().position(|h| h.as_bytes() == name.as_slice())
    } else {
        // Too long to normalise: the name as written.
        name = buf[..name_len].to_vec();
        None
    };
    i += 1;
    skip_sp(buf, &mut i, end);
    Some(Http::Header {
        known,
        name,
        original: 0..name_len,
        value: i..end,
    })
}

/// BEAM's `http_parse_uri`.
fn parse_uri(buf: &[u8], r: Range<usize>) -> Uri {
    let u = &buf[r.clone()];
    let ci_prefix = |p: &[u8]| u.len() >= p.len() && u[..p.len()].eq_ignore_ascii_case(p);
    if u == b"*" {
        Uri::Star
    } else if u.len() <= 1 || u[0] == b'/' {
        Uri::AbsPath(r)
    } else if ci_prefix(b"http://") {
        absolute(buf, r.start + 7..r.end, false)
    } else if ci_prefix(b"https://") {
        absolute(buf, r.start + 8..r.end, true)
    } else {
        match u.iter().position(|&c| c == b':') {
            None => Uri::Other(r),
            Some(k) => Uri::Scheme(r.start..r.start + k, r.start + k + 1..r.end),
        }
    }
}

/// `host[:port][/path]` of an `http://` or `https://` URI. A port that is
/// not all digits, or is 0, is `undefined`.
fn absolute(buf: &[u8], r: Range<usize>, https: bool) -> Uri {
    let u = &buf[r.clone()];
    let (hostport, path) = match u.iter().position(|&c| c == b'/') {
        None => (r.clone(), None),
        Some(k) => (r.start..r.start + k, Some(r.start + k..r.end)),
    };
    let hp = &buf[hostport.clone()];
    let (host, port) = match hp.iter().position(|&c| c == b':') {
        None => (hostport, None),
        Some(k) => {
            let digits = &hp[k + 1..];
            let mut port: u32 = 0;
            let mut all = true;
            for &c in digits {
                if !c.is_ascii_digit() {
                    all = false;
                    break;
                }
                port = port.wrapping_mul(10).wrapping_add((c - b'0') as u32);
            }
            let port = (all && port != 0).then_some(port);
            (hostport.start..hostport.start + k, port)
        }
    };
    Uri::Absolute {
        https,
        host,
        port,
        path,
    }
}
