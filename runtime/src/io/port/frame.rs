//! How a port cuts its input into `{Port, {data, _}}` messages and frames
//! its output: a byte stream as read, `{packet, N}` (an N-byte big-endian
//! length before each packet) or `{line, L}` (lines without their `\n`,
//! and a trailing `\r`, as `{eol, Line}`; pieces of at most L bytes of a
//! longer line as `{noeol, Piece}`).

/// The framing chosen at `open_port`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mode {
    Stream,
    Packet(u8),
    Line(usize),
}

/// One unit of input for the owner.
#[derive(Debug, PartialEq, Eq)]
pub enum Piece {
    Data(Vec<u8>),
    /// Line mode: a whole line (`true`, `eol`) or a part (`false`, `noeol`).
    Line(bool, Vec<u8>),
}

/// Input not yet delivered (an incomplete packet or line).
#[derive(Default)]
pub struct Reader {
    buf: Vec<u8>,
}

impl Reader {
    /// Pending bytes (port_info has no item for them; tests use it).
    pub fn pending(&self) -> usize {
        self.buf.len()
    }

    /// Adds `bytes` read from the port and returns the complete pieces.
    pub fn feed(&mut self, mode: Mode, bytes: &[u8], out: &mut Vec<Piece>) {
        match mode {
            Mode::Stream => {
                if !bytes.is_empty() {
                    out.push(Piece::Data(bytes.to_vec()));
                }
            }
            Mode::Packet(n) => {
                self.buf.extend_from_slice(bytes);
                let n = n as usize;
                let mut at = 0;
                while self.buf.len() - at >= n {
                    let len = self.buf[at..at + n]
                        .iter()
                        .fold(0usize, |a, &b| (a << 8) | b as usize);
                    if self.buf.len() - at - n < len {
                        break;
                    }
                    out.push(Piece::Data(self.buf[at + n..at + n + len].to_vec()));
                    at += n + len;
                }
                self.buf.drain(..at);
            }
            Mode::Line(max) => {
                self.buf.extend_from_slice(bytes);
                let mut at = 0;
                loop {
                    let rest = &self.buf[at..];
                    match rest.iter().position(|&b| b == b'\n') {
                        Some(i) if i <= max || (i == max + 1 && rest[max] == b'\r') => {
                            let mut line = &rest[..i];
                            if line.last() == Some(&b'\r') {
                                line = &line[..line.len() - 1];
                            }
                            out.push(Piece::Line(true, line.to_vec()));
                            at += i + 1;
                        }
                        _ if rest.len() > max => {
                            out.push(Piece::Line(false, rest[..max].to_vec()));
                            at += max;
                        }
                        _ => break,
                    }
                }
                self.buf.drain(..at);
            }
        }
    }

    /// End of input: a partial line is delivered as `noeol`; an
    /// incomplete packet is dropped.
    pub fn finish(&mut self, mode: Mode, out: &mut Vec<Piece>) {
        if let Mode::Line(_) = mode {
            if !self.buf.is_empty() {
                out.push(Piece::Line(false, std::mem::take(&mut self.buf)));
            }
        }
        self.buf.clear();
    }
}

/// Frames `data` for output: None if a packet is too long for its header
/// (the port then exits with `einval`).
pub fn frame_output(mode: Mode, data: Vec<u8>) -> Option<Vec<u8>> {
    match mode {
        Mode::Packet(n) => {
            let n = n as usize;
            if n < 8 && data.len() >> (8 * n) != 0 {
                return None;
            }
            let mut v = Vec::with_capacity(n + data.len());
            for i in (0..n).rev() {
                v.push((data.len() >> (8 * i)) as u8);
            }
            v.extend_from_slice(&data);
            Some(v)
        }
        _ => Some(data),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(mode: Mode, chunks: &[&[u8]], end: bool) -> Vec<Piece> {
        let mut r = Reader::default();
        let mut out = Vec::new();
        for c in chunks {
            r.feed(mode, c, &mut out);
        }
        if end {
            r.finish(mode, &mut out);
        }
        out
    }

    #[test]
    fn packets_across_reads() {
        let out = run(Mode::Packet(2), &[b"\0", b"\x03ab", b"c\0\0\0\x01"], false);
        assert_eq!(out, vec![Piece::Data(b"abc".to_vec()), Piece::Data(vec![])]);
        assert_eq!(frame_output(Mode::Packet(1), vec![1; 256]), None);
        assert_eq!(
            frame_output(Mode::Packet(4), b"hi".to_vec()),
            Some(b"\0\0\0\x02hi".to_vec())
        );
    }

    #[test]
    fn lines_as_erl_cuts_them() {
        // printf 'ab\ncdefgh\nij' with {line, 3}
        let out = run(Mode::Line(3), &[b"ab\ncde", b"fgh\nij"], true);
        assert_eq!(
            out,
            vec![
                Piece::Line(true, b"ab".to_vec()),
                Piece::Line(false, b"cde".to_vec()),
                Piece::Line(true, b"fgh".to_vec()),
                Piece::Line(false, b"ij".to_vec()),
            ]
        );
        let out = run(Mode::Line(10), &[b"ab\r\ncd\n"], true);
        assert_eq!(
            out,
            vec![
                Piece::Line(true, b"ab".to_vec()),
                Piece::Line(true, b"cd".to_vec())
            ]
        );
    }
}
