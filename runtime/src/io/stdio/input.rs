//! Standard input for the I/O server: a byte buffer over stdin, read a
//! line at a time (blocking the calling scheduler, like a synchronous
//! read), with push-back for what `get_until` leaves unconsumed.

use std::io::Read;
use std::sync::{Mutex, OnceLock};

#[derive(Default)]
struct Input {
    buf: Vec<u8>,
    eof: bool,
}

fn input() -> &'static Mutex<Input> {
    static I: OnceLock<Mutex<Input>> = OnceLock::new();
    I.get_or_init(|| Mutex::new(Input::default()))
}

/// Reads more bytes from stdin into `inp`; false at end of file.
fn fill(inp: &mut Input) -> bool {
    if inp.eof {
        return false;
    }
    super::flush();
    let mut chunk = [0u8; 4096];
    loop {
        match std::io::stdin().lock().read(&mut chunk) {
            Ok(0) => {
                inp.eof = true;
                return false;
            }
            Ok(n) => {
                crate::io::stats::add_input(n);
                inp.buf.extend_from_slice(&chunk[..n]);
                return true;
            }
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
            Err(_) => {
                inp.eof = true;
                return false;
            }
        }
    }
}

/// Takes one line from `buf` (with its `\n`; `\r\n` becomes `\n` as in
/// io_lib:collect_line), or everything at end of file; None when empty.
fn take_line(buf: &mut Vec<u8>, at_eof: bool) -> Option<Vec<u8>> {
    if let Some(i) = buf.iter().position(|&b| b == b'\n') {
        let mut line: Vec<u8> = buf.drain(..=i).collect();
        if line.len() >= 2 && line[line.len() - 2] == b'\r' {
            line.remove(line.len() - 2);
        }
        return Some(line);
    }
    if at_eof && !buf.is_empty() {
        return Some(std::mem::take(buf));
    }
    None
}

/// The next line of stdin, or None at end of file.
pub fn read_line() -> Option<Vec<u8>> {
    let mut inp = input().lock().unwrap();
    loop {
        let eof = inp.eof;
        if let Some(l) = take_line(&mut inp.buf, eof) {
            return Some(l);
        }
        if eof || !fill(&mut inp) {
            let eof = inp.eof;
            return take_line(&mut inp.buf, eof);
        }
    }
}

/// Up to `n` bytes of stdin (fewer at end of file), None at end of file.
pub fn read_chars(n: usize) -> Option<Vec<u8>> {
    let mut inp = input().lock().unwrap();
    while inp.buf.len() < n && fill(&mut inp) {}
    if inp.buf.is_empty() && n > 0 {
        return None;
    }
    let k = n.min(inp.buf.len());
    Some(inp.buf.drain(..k).collect())
}

/// Puts bytes back in front of the unread input.
pub fn unread(bytes: &[u8]) {
    let mut inp = input().lock().unwrap();
    let mut v = bytes.to_vec();
    v.extend_from_slice(&inp.buf);
    inp.buf = v;
}

#[cfg(test)]
mod tests {
    use super::take_line;

    #[test]
    fn lines_and_crlf() {
        let mut b = b"ab\r\ncd\nef".to_vec();
        assert_eq!(take_line(&mut b, false), Some(b"ab\n".to_vec()));
        assert_eq!(take_line(&mut b, false), Some(b"cd\n".to_vec()));
        assert_eq!(take_line(&mut b, false), None);
        assert_eq!(take_line(&mut b, true), Some(b"ef".to_vec()));
        assert_eq!(take_line(&mut b, true), None);
    }
}
