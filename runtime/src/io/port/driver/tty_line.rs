//! The line buffer of `tty_sl`: what erl's driver keeps of the line the
//! cursor is on, so that user_drv's commands (put, insert and delete
//! characters, move the cursor by characters) become the right terminal
//! output. The buffer holds one entry per terminal cell a character
//! takes: a printable code point, or a tagged entry for what is shown
//! differently (`^A` for a control character, spaces for a tab, `\351`
//! or `\x{..}` for a character the terminal cannot show, padding entries
//! after the first). Cursor movements count display columns (`wcwidth`
//! in the locale erl also uses), wrap at the terminal's width and use
//! the terminal's cursor capabilities.

use super::terminfo::Caps;

/// A control character, its value in the first entry.
const CONTROL_TAG: u32 = 0x1000_0000;
/// A character shown as an escape, its value in the first entry.
const ESCAPED_TAG: u32 = 0x0100_0000;
const TAG_MASK: u32 = 0xFF00_0000;

/// The buffer's initial size and growth step (C's BUFSIZ).
const BUFSIZ: usize = 8192;

extern "C" {
    fn wcwidth(c: libc::wchar_t) -> libc::c_int;
}

fn wc_width(c: u32) -> i32 {
    // SAFETY: wcwidth takes a value and reads only the locale tables.
    unsafe { wcwidth(c as libc::wchar_t) }
}

fn is_print(c: u32) -> bool {
    // SAFETY: isprint is defined for values of unsigned char (checked).
    c <= 255 && unsafe { libc::isprint(c as libc::c_int) } != 0
}

/// Decodes one UTF-8 character at `pos` (erl's `pick_utf8`): Ok(code
/// point) and `pos` advanced, Err(true) for a truncated sequence,
/// Err(false) for an invalid one (`pos` unchanged).
pub fn pick_utf8(s: &[u8], pos: &mut usize) -> Result<u32, bool> {
    let rest = s.get(*pos..).filter(|r| !r.is_empty()).ok_or(false)?;
    let b0 = rest[0];
    let cont = |i: usize| rest[i] & 0xC0 == 0x80;
    let (n, cp) = if b0 & 0x80 == 0 {
        (1, b0 as u32)
    } else if b0 & 0xE0 == 0xC0 {
        if rest.len() < 2 {
            return Err(true);
        }
        if !cont(1) || b0 < 0xC2 {
            return Err(false);
        }
        (2, ((b0 as u32 & 0x1F) << 6) | (rest[1] as u32 & 0x3F))
    } else if b0 & 0xF0 == 0xE0 {
        if rest.len() < 3 {
            return Err(true);
        }
        if !cont(1) || !cont(2) || (b0 == 0xE0 && rest[1] < 0xA0) {
            return Err(false);
        }
        if b0 & 0x0F == 0x0D && rest[1] & 0x20 != 0 {
            return Err(false); // surrogates
        }
        if b0 == 0xEF && rest[1] == 0xBF && (rest[2] == 0xBE || rest[2] == 0xBF) {
            return Err(false);
        }
        let cp =
            ((b0 as u32 & 0x0F) << 12) | ((rest[1] as u32 & 0x3F) << 6) | (rest[2] as u32 & 0x3F);
        (3, cp)
    } else if b0 & 0xF8 == 0xF0 {
        if rest.len() < 4 {
            return Err(true);
        }
        if !cont(1) || !cont(2) || !cont(3) || (b0 == 0xF0 && rest[1] < 0x90) {
            return Err(false);
        }
        if b0 & 0x07 > 4 || (b0 & 0x07 == 4 && rest[1] & 0x3F > 0x0F) {
            return Err(false);
        }
        let cp = ((b0 as u32 & 0x07) << 18)
            | ((rest[1] as u32 & 0x3F) << 12)
            | ((rest[2] as u32 & 0x3F) << 6)
            | (rest[3] as u32 & 0x3F);
        (4, cp)
    } else {
        return Err(false);
    };
    *pos += n;
    Ok(cp)
}

/// Appends `c` as UTF-8 (erl's `put_utf8`); false for a value UTF-8
/// cannot carry (surrogates, U+FFFE/U+FFFF, beyond U+10FFFF).
pub fn put_utf8(c: u32, out: &mut Vec<u8>) -> bool {
    if (0xD800..=0xDFFF).contains(&c) || c == 0xFFFE || c == 0xFFFF {
        return false;
    }
    match char::from_u32(c) {
        Some(ch) => {
            let mut b = [0u8; 4];
            out.extend_from_slice(ch.encode_utf8(&mut b).as_bytes());
            true
        }
        None => false,
    }
}

/// Digits of `\ooo` (3) or of `x{HHH}` (hex digits + 3) for `c`.
fn octal_or_hex_positions(c: u32) -> usize {
    if c == 0 {
        return 1;
    }
    if 32 - c.leading_zeros() <= 9 {
        return 3;
    }
    let hex = (32 - c.leading_zeros()).div_ceil(4) as usize;
    hex + 3
}

fn octal_or_hex_format(c: u32, out: &mut Vec<u8>) {
    let num = octal_or_hex_positions(c);
    // A lone padding entry (value 0, one position) shows as `\000`
    // (erl's C counts below zero here).
    if num > 3 {
        out.extend_from_slice(b"x{");
        for k in (0..num - 3).rev() {
            out.push(b"0123456789ABCDEF"[((c >> (4 * k)) & 0xF) as usize]);
        }
        out.push(b'}');
    } else {
        for k in (0..3).rev() {
            out.push(b'0' + ((c >> (3 * k)) & 7) as u8);
        }
    }
}

/// Decodes the next character of `s` as erl does: an invalid byte is
/// taken as its own value.
fn next_char(s: &[u8], pos: &mut usize) -> u32 {
    match pick_utf8(s, pos) {
        Ok(c) => c,
        Err(_) => {
            let c = s[*pos] as u32;
            *pos += 1;
            c
        }
    }
}

/// The line being edited and the terminal it is drawn on.
pub struct Line {
    buf: Vec<u32>,
    len: usize,
    pos: usize,
    pub cols: i32,
    pub utf8: bool,
    caps: Caps,
    /// Bytes for the terminal, taken by the driver after each command.
    pub out: Vec<u8>,
}

impl Line {
    pub fn new(caps: Caps, utf8: bool) -> Line {
        Line {
            buf: vec![0; BUFSIZ],
            len: 0,
            pos: 0,
            cols: caps.cols,
            utf8,
            caps,
            out: Vec::new(),
        }
    }

    /// The cursor's position in the buffer (tests).
    #[cfg(test)]
    pub fn cursor(&self) -> usize {
        self.pos
    }

    fn col(&self, c: i32) -> i32 {
        c % self.cols.max(1)
    }

    fn line_of(&self, c: i32) -> i32 {
        c / self.cols.max(1)
    }

    fn set(&mut self, at: usize, v: u32) {
        if at >= self.buf.len() {
            self.buf.resize(at + BUFSIZ, 0);
        }
        self.buf[at] = v;
    }

    /// Makes room for `s` after the cursor (erl's `check_buf_size`).
    fn reserve(&mut self, s: &[u8]) {
        let mut size = 10usize;
        let mut p = 0;
        while p < s.len() {
            let c = next_char(s, &mut p);
            if self.utf8 {
                if c >= 128 || is_print(c) {
                    size += 1 + (wc_width(c).max(1) - 1) as usize;
                } else if c == b'\t' as u32 {
                    size += 8;
                } else {
                    size += 2;
                }
            } else if is_print(c) {
                size += 1;
            } else if c == b'\t' as u32 {
                size += 8;
            } else if c >= 128 {
                size += octal_or_hex_positions(c) + 1;
            } else {
                size += 2;
            }
        }
        if size + self.pos >= self.buf.len() {
            self.buf.resize(size + self.pos + BUFSIZ, 0);
        }
    }

    /// Whether the line is long enough that erl breaks it before more
    /// output (MAXSIZE).
    pub fn too_long(&self) -> bool {
        self.pos > 1 << 16
    }

    /// OP_PUTC: write `s` at the cursor.
    pub fn put_chars(&mut self, s: &[u8]) {
        self.reserve(s);
        let n = self.insert_buf(s);
        if self.pos > self.len {
            self.len = self.pos;
        }
        if n > 0 {
            self.write_buf(self.pos - n, n, false);
        }
    }

    /// OP_MOVE: move the cursor `n` characters (negative: left).
    pub fn move_rel(&mut self, n: i32) {
        let npos = self.step_over_chars(n);
        self.move_cursor(self.pos, npos);
        self.pos = npos;
    }

    /// OP_INSC: insert `s` at the cursor, shifting the rest right.
    pub fn ins_chars(&mut self, s: &[u8]) {
        self.reserve(s);
        let tail: Vec<u32> = self.buf[self.pos..self.len.max(self.pos)].to_vec();
        let n = self.insert_buf(s);
        for (i, &v) in tail.iter().enumerate() {
            self.set(self.pos + i, v);
        }
        self.len += n;
        let from = self.pos - n;
        self.write_buf(from, self.len - from, false);
        self.move_cursor(self.len, self.pos);
    }

    /// OP_DELC: delete `n` characters after (n > 0) or before the cursor.
    pub fn del_chars(&mut self, n: i32) {
        let p = self.step_over_chars(n);
        if p > self.pos {
            let l = p - self.pos;
            let r = self.len - self.pos - l;
            let gcs = self.pos_to_col(p) - self.pos_to_col(self.pos);
            self.buf.copy_within(p..p + r, self.pos);
            self.len -= l;
            self.write_buf(self.pos, r, false);
            self.blank_tail(gcs);
        } else if p < self.pos {
            let l = self.pos - p;
            let r = self.len - self.pos;
            let gcs = -self.move_cursor(self.pos, self.pos - l);
            self.buf.copy_within(self.pos..self.pos + r, p);
            self.pos -= l;
            self.len -= l;
            self.write_buf(self.pos, r, false);
            self.blank_tail(gcs);
        }
    }

    /// After a deletion: blank the `gcs` columns freed at the end and
    /// return to the cursor.
    fn blank_tail(&mut self, gcs: i32) {
        for _ in 0..gcs.max(0) {
            self.out.push(b' ');
        }
        if self.caps.xn && self.col(self.pos_to_col(self.len) + gcs) == 0 {
            self.out.push(b' ');
            self.move_left(1);
        }
        let len = self.len;
        // Columns past the end count one each (see `pos_to_col`).
        self.move_cursor(len + gcs.max(0) as usize, self.pos);
    }

    /// OP_BEEP.
    pub fn beep(&mut self) {
        self.out.push(7);
    }

    fn is_pad(v: u32) -> bool {
        v & TAG_MASK != 0 && v & !TAG_MASK == 0
    }

    fn step_over_chars(&self, mut n: i32) -> usize {
        let mut c = self.pos;
        while n > 0 && c < self.len {
            c += 1;
            while c < self.len && Self::is_pad(self.buf[c]) {
                c += 1;
            }
            n -= 1;
        }
        while n < 0 && c > 0 {
            c -= 1;
            while c > 0 && Self::is_pad(self.buf[c]) {
                c -= 1;
            }
            n += 1;
        }
        c
    }

    /// Puts the characters of `s` into the buffer at the cursor; a
    /// newline or return writes the line so far and starts a new one.
    /// Returns the entries added to the current line.
    fn insert_buf(&mut self, s: &[u8]) -> usize {
        let mut p = 0;
        let mut start = self.pos;
        while p < s.len() {
            let c = next_char(s, &mut p);
            if (self.utf8 && (c >= 128 || is_print(c))) || is_print(c) {
                self.set(self.pos, c);
                self.pos += 1;
            } else if c >= 128 {
                let nc = octal_or_hex_positions(c);
                self.set(self.pos, c | ESCAPED_TAG);
                self.pos += 1;
                for _ in 0..nc {
                    self.set(self.pos, ESCAPED_TAG);
                    self.pos += 1;
                }
            } else if c == b'\t' as u32 {
                let mut v = c;
                loop {
                    self.set(self.pos, CONTROL_TAG | v);
                    self.pos += 1;
                    v = 0;
                    if self.pos.is_multiple_of(8) {
                        break;
                    }
                }
            } else if c == 0x1B {
                self.set(self.pos, CONTROL_TAG | c);
                self.pos += 1;
            } else if c == b'\n' as u32 || c == b'\r' as u32 {
                self.write_buf(start, self.pos - start, true);
                self.out.push(b'\r');
                if c == b'\n' as u32 {
                    self.out.push(b'\n');
                }
                if self.len > self.pos {
                    // What followed the cursor starts the new line.
                    self.buf.copy_within(self.pos..self.len, 0);
                }
                self.len = self.len.saturating_sub(self.pos);
                self.pos = 0;
                start = 0;
            } else {
                self.set(self.pos, c | CONTROL_TAG);
                self.set(self.pos + 1, CONTROL_TAG);
                self.pos += 2;
            }
        }
        self.pos - start
    }

    /// Writes `n` entries from `from`, showing tagged ones as erl does;
    /// then, on a terminal with the newline glitch, steps onto the next
    /// line when the text ended exactly at the right margin.
    fn write_buf(&mut self, from: usize, n: usize, next_is_crnl: bool) {
        let mut n = n as isize;
        let mut s = from;
        let mut lastput: u8 = b' ';
        let mut ubuf = Vec::new();
        while n > 0 {
            // Entries past the buffer's end are never written (the
            // callers stay inside it); stop rather than index out.
            let Some(&v) = self.buf.get(s) else {
                break;
            };
            if v & TAG_MASK == 0 {
                if self.utf8 {
                    ubuf.clear();
                    if put_utf8(v, &mut ubuf) {
                        self.out.extend_from_slice(&ubuf);
                        lastput = 0; // a multi-byte character
                    }
                } else {
                    self.out.push(v as u8);
                    lastput = v as u8;
                }
                n -= 1;
                s += 1;
            } else if v == CONTROL_TAG | b'\t' as u32 {
                lastput = b' ';
                self.out.push(b' ');
                n -= 1;
                s += 1;
                while n > 0 && self.buf.get(s) == Some(&CONTROL_TAG) {
                    self.out.push(b' ');
                    n -= 1;
                    s += 1;
                }
            } else if v == CONTROL_TAG | 0x1B {
                lastput = 0x1B;
                self.out.push(0x1B);
                n -= 1;
                s += 1;
            } else if v & CONTROL_TAG != 0 {
                let ch = v & !TAG_MASK;
                lastput = if ch == 0o177 { b'?' } else { (ch as u8) | 0x40 };
                self.out.push(b'^');
                self.out.push(lastput);
                n -= 2;
                s += 2;
            } else {
                // ESCAPED_TAG
                let ch = v & !TAG_MASK;
                let mut digits = Vec::new();
                octal_or_hex_format(ch, &mut digits);
                self.out.push(b'\\');
                self.out.extend_from_slice(&digits);
                if let Some(&l) = digits.last() {
                    lastput = l;
                }
                n -= digits.len() as isize + 1;
                s += digits.len() + 1;
            }
        }
        let end = s;
        if !next_is_crnl && self.caps.xn && end != 0 && self.col(self.pos_to_col(end)) == 0 {
            if end >= self.len {
                self.out.push(b' ');
            } else if lastput == 0 {
                self.out.extend_from_slice(&ubuf);
            } else {
                self.out.push(lastput);
            }
            self.move_left(1);
        }
    }

    /// Moves the terminal's cursor from buffer position `from` to `to`;
    /// returns the columns moved.
    fn move_cursor(&mut self, from: usize, to: usize) -> i32 {
        let fc = self.pos_to_col(from);
        let tc = self.pos_to_col(to);
        let dc = self.col(tc) - self.col(fc);
        let dl = self.line_of(tc) - self.line_of(fc);
        if dl > 0 {
            self.move_down(dl);
        } else if dl < 0 {
            self.move_up(-dl);
        }
        if dc > 0 {
            self.move_right(dc);
        } else if dc < 0 {
            self.move_left(-dc);
        }
        tc - fc
    }

    fn repeat(&mut self, which: fn(&Caps) -> &Vec<u8>, n: i32) {
        for _ in 0..n {
            let s = which(&self.caps).clone();
            self.out.extend_from_slice(&s);
        }
    }

    fn move_left(&mut self, n: i32) {
        self.repeat(|c| &c.left, n);
    }

    fn move_right(&mut self, n: i32) {
        self.repeat(|c| &c.right, n);
    }

    fn move_up(&mut self, n: i32) {
        self.repeat(|c| &c.up, n);
    }

    fn move_down(&mut self, n: i32) {
        self.repeat(|c| &c.down, n);
    }

    /// Length of the colour escape (`\e[..m`) starting at `i`, 0 if none.
    fn ansi_escape_width(&self, i: usize, max: usize) -> usize {
        if self.buf[i] != CONTROL_TAG | 0x1B {
            return 0;
        }
        if max <= 1 {
            return 1;
        }
        if self.buf[i + 1] != b'[' as u32 {
            return 2;
        }
        let mut k = 2;
        while k < max {
            let c = self.buf[i + k];
            if c == b';' as u32 || (b'0' as u32..=b'9' as u32).contains(&c) {
                k += 1;
            } else {
                break;
            }
        }
        k + 1
    }

    /// The display column of buffer position `p`: each entry counts its
    /// `wcwidth` when positive (tagged entries are not characters and
    /// count nothing, as in erl), colour escapes count nothing, and
    /// positions past the end one column each.
    fn pos_to_col(&self, p: usize) -> i32 {
        let mut col = 0i32;
        let mut p = p;
        if p > self.len {
            col += (p - self.len) as i32;
            p = self.len;
        }
        let mut i = 0;
        while i < p {
            let j = self.ansi_escape_width(i, self.len - i);
            if j > 0 {
                i += j;
            } else {
                let w = wc_width(self.buf[i]);
                if w > 0 {
                    col += w;
                }
                i += 1;
            }
        }
        col
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn line() -> Line {
        let caps = Caps {
            cols: 10,
            xn: true,
            up: b"<U>".to_vec(),
            down: b"<D>".to_vec(),
            left: b"<L>".to_vec(),
            right: b"<R>".to_vec(),
        };
        Line::new(caps, false)
    }

    fn take(l: &mut Line) -> String {
        String::from_utf8_lossy(&std::mem::take(&mut l.out)).into_owned()
    }

    #[test]
    fn puts_moves_inserts_and_deletes() {
        let mut l = line();
        l.put_chars(b"1> ");
        assert_eq!(take(&mut l), "1> ");
        l.ins_chars(b"ab");
        assert_eq!(take(&mut l), "ab");
        l.move_rel(-1);
        assert_eq!(take(&mut l), "<L>");
        l.ins_chars(b"X");
        assert_eq!(take(&mut l), "Xb<L>");
        l.del_chars(-1);
        assert_eq!(take(&mut l), "<L>b <L><L>");
        assert_eq!(l.cursor(), 4);
        l.put_chars(b"\n");
        assert_eq!(take(&mut l), "\r\n");
        assert_eq!(l.cursor(), 0);
    }

    #[test]
    fn control_characters_and_escapes_are_shown_as_erl_does() {
        let mut l = line();
        l.put_chars(&[1, b'a']);
        assert_eq!(take(&mut l), "^Aa");
        l.put_chars(&[0xC3, 0xA9]);
        assert_eq!(take(&mut l), "\\351");
        let mut x = Vec::new();
        octal_or_hex_format(0x1F600, &mut x);
        assert_eq!(x, b"x{1F600}");
    }

    #[test]
    fn text_reaching_the_margin_wraps_on_xn_terminals() {
        let mut l = line();
        l.put_chars(b"0123456789");
        assert_eq!(take(&mut l), "0123456789 <L>");
        l.move_rel(-1);
        assert_eq!(take(&mut l), "<U><R><R><R><R><R><R><R><R><R>");
    }

    #[test]
    fn any_command_sequence_is_safe() {
        // A fixed pseudo-random walk over every command, with text full
        // of newlines, tabs, escapes, control and invalid bytes.
        let mut l = line();
        let mut x: u64 = 0x2545_F491_4F6C_DD1D;
        let pieces: [&[u8]; 8] = [
            b"ab\tc",
            b"\n",
            b"x\ry",
            &[0xFF, 0xC3],
            "\u{e9}\u{1F600}".as_bytes(),
            b"\x1b[31mred\x1b[0m",
            &[1, 2, 0x7F],
            b"0123456789012",
        ];
        for _ in 0..5000 {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            let n = (x >> 32) as i32 % 40 - 20;
            match x % 5 {
                0 => l.put_chars(pieces[(x >> 8) as usize % 8]),
                1 => l.ins_chars(pieces[(x >> 8) as usize % 8]),
                2 => l.move_rel(n),
                3 => l.del_chars(n),
                _ => l.utf8 = !l.utf8,
            }
            assert!(l.pos <= l.buf.len() && l.len <= l.buf.len());
            l.out.clear();
        }
    }

    #[test]
    fn utf8_decoding_matches_erl() {
        let mut p = 0;
        assert_eq!(pick_utf8(&[0xE2, 0x82], &mut p), Err(true));
        assert_eq!(pick_utf8(&[0xC0, 0x80], &mut p), Err(false));
        assert_eq!(pick_utf8(&[0xED, 0xA0, 0x80], &mut p), Err(false));
        assert_eq!(pick_utf8("€".as_bytes(), &mut p), Ok(0x20AC));
        assert_eq!(p, 3);
        let mut v = Vec::new();
        assert!(!put_utf8(0xD800, &mut v));
        assert!(put_utf8(0xE9, &mut v));
        assert_eq!(v, [0xC3, 0xA9]);
    }
}
