//! The few terminal capabilities `tty_sl` needs, read from the compiled
//! terminfo database as erl's driver gets them through termcap
//! (`tgetent($TERM)`, then `co`, `xn`, `up`, `do`, `nd`): the width,
//! the "eats newline" glitch, and the cursor-movement strings. A terminal
//! with no entry (or no `up`/`nd`) cannot run the line editor, and the
//! driver then fails to open, as erl's does (user_drv falls back to the
//! dumb `user`).

use std::path::PathBuf;

/// Capabilities of the terminal `$TERM` names.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Caps {
    /// Columns (`co`), already corrected as ncurses' `tgetent` does
    /// (`COLUMNS`, then the window size, then the entry).
    pub cols: i32,
    /// `xn` (eat_newline_glitch): the cursor stays on a full line.
    pub xn: bool,
    pub up: Vec<u8>,
    pub down: Vec<u8>,
    pub left: Vec<u8>,
    pub right: Vec<u8>,
}

// Indices in the compiled format (ncurses' Caps order).
const BOOL_XENL: usize = 4;
const NUM_COLS: usize = 0;
const STR_CUD1: usize = 11;
const STR_CUF1: usize = 17;
const STR_CUU1: usize = 19;

/// The compiled entry's fields this driver reads.
#[derive(Debug, Default, PartialEq, Eq)]
struct Entry {
    xenl: bool,
    cols: Option<i32>,
    cud1: Option<Vec<u8>>,
    cuf1: Option<Vec<u8>>,
    cuu1: Option<Vec<u8>>,
}

fn le16(b: &[u8], at: usize) -> Option<i32> {
    let w = b.get(at..at + 2)?;
    Some(i16::from_le_bytes([w[0], w[1]]) as i32)
}

fn le32(b: &[u8], at: usize) -> Option<i32> {
    let w = b.get(at..at + 4)?;
    Some(i32::from_le_bytes([w[0], w[1], w[2], w[3]]))
}

/// Parses a compiled terminfo file (legacy 16-bit or 32-bit numbers);
/// None if it is not one.
fn parse(b: &[u8]) -> Option<Entry> {
    let magic = le16(b, 0)?;
    let num_size = match magic {
        0o432 => 2,
        0o1036 => 4,
        _ => return None,
    };
    let count = |i: usize| le16(b, 2 * i).filter(|&n| n >= 0).map(|n| n as usize);
    let (names, bools, nums, strs, table) = (count(1)?, count(2)?, count(3)?, count(4)?, count(5)?);
    let bool_at = 12 + names;
    let mut num_at = bool_at + bools;
    if num_at % 2 == 1 {
        num_at += 1; // numbers start on an even byte
    }
    let str_at = num_at + nums * num_size;
    let table_at = str_at + strs * 2;
    let table_bytes = b.get(table_at..table_at + table)?;
    let boolean = |i: usize| i < bools && b.get(bool_at + i) == Some(&1);
    let number = |i: usize| {
        if i >= nums {
            return None;
        }
        let v = if num_size == 2 {
            le16(b, num_at + 2 * i)?
        } else {
            le32(b, num_at + 4 * i)?
        };
        (v >= 0).then_some(v)
    };
    let string = |i: usize| {
        if i >= strs {
            return None;
        }
        let off = le16(b, str_at + 2 * i)?;
        if off < 0 {
            return None; // absent (-1) or cancelled (-2)
        }
        let s = table_bytes.get(off as usize..)?;
        let end = s.iter().position(|&c| c == 0)?;
        Some(s[..end].to_vec())
    };
    Some(Entry {
        xenl: boolean(BOOL_XENL),
        cols: number(NUM_COLS),
        cud1: string(STR_CUD1),
        cuf1: string(STR_CUF1),
        cuu1: string(STR_CUU1),
    })
}

/// Where ncurses looks for `$TERM`'s entry, in its order.
fn search_dirs() -> Vec<PathBuf> {
    let mut v = Vec::new();
    if let Some(d) = std::env::var_os("TERMINFO") {
        v.push(PathBuf::from(d));
    }
    if let Some(h) = std::env::var_os("HOME") {
        v.push(PathBuf::from(h).join(".terminfo"));
    }
    if let Some(ds) = std::env::var_os("TERMINFO_DIRS") {
        for d in std::env::split_paths(&ds) {
            if d.as_os_str().is_empty() {
                v.push(PathBuf::from("/usr/share/terminfo"));
            } else {
                v.push(d);
            }
        }
    }
    for d in ["/etc/terminfo", "/lib/terminfo", "/usr/share/terminfo"] {
        v.push(PathBuf::from(d));
    }
    v
}

fn load(term: &str) -> Option<Entry> {
    if term.is_empty() || term.contains('/') || term.starts_with('.') {
        return None;
    }
    let first = term.as_bytes()[0];
    for dir in search_dirs() {
        for sub in [
            (first as char).to_string(),
            format!("{:02x}", first), // the layout macOS uses
        ] {
            if let Ok(b) = std::fs::read(dir.join(sub).join(term)) {
                if let Some(e) = parse(&b) {
                    return Some(e);
                }
            }
        }
    }
    None
}

/// A capability string as `tputs` sends it: the `$<..>` padding
/// specifications are delays, not characters.
fn strip_padding(s: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(s.len());
    let mut i = 0;
    while i < s.len() {
        if s[i] == b'$' && s.get(i + 1) == Some(&b'<') {
            if let Some(end) = s[i..].iter().position(|&c| c == b'>') {
                i += end + 1;
                continue;
            }
        }
        out.push(s[i]);
        i += 1;
    }
    out
}

fn env_num(name: &str) -> Option<i32> {
    std::env::var(name)
        .ok()?
        .trim()
        .parse::<i32>()
        .ok()
        .filter(|&n| n > 0)
}

/// The window size of `fd`, if it is a terminal that knows it.
pub fn window_size(fd: i32) -> Option<(u32, u32)> {
    // SAFETY: `ws` is a valid winsize for TIOCGWINSZ to fill.
    let mut ws: libc::winsize = unsafe { std::mem::zeroed() };
    // SAFETY: ioctl with a pointer to a live winsize.
    let r = unsafe { libc::ioctl(fd, libc::TIOCGWINSZ, &mut ws) };
    (r == 0).then_some((ws.ws_col as u32, ws.ws_row as u32))
}

/// The capabilities of terminal `term`; None if it has no usable entry.
pub fn lookup(term: &str) -> Option<Caps> {
    let e = load(term)?;
    // ncurses' tgetent takes the size from the terminal on standard
    // output, then lets COLUMNS override it.
    let mut cols = e.cols.unwrap_or(0);
    if let Some((w, _)) = window_size(1).filter(|&(w, h)| w > 0 && h > 0) {
        cols = w as i32;
    }
    if let Some(c) = env_num("COLUMNS") {
        cols = c;
    }
    if cols <= 0 {
        cols = 80;
    }
    Some(Caps {
        cols,
        xn: e.xenl,
        up: strip_padding(&e.cuu1?),
        down: e
            .cud1
            .map(|s| strip_padding(&s))
            .unwrap_or_else(|| b"\n".to_vec()),
        // erl takes `\b` when the entry has `bs`, else `bc`, else `\b`
        // again; compiled terminfo entries carry neither obsolete
        // termcap capability.
        left: b"\x08".to_vec(),
        right: strip_padding(&e.cuf1?),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A compiled entry with the given capabilities (legacy format).
    fn compiled(xenl: bool, cols: i16, strs: &[(usize, &[u8])]) -> Vec<u8> {
        let names = b"test|a test\0";
        let nbools = 5;
        let nnums = 1;
        let nstrs = 20;
        let mut table = Vec::new();
        let mut offs = vec![-1i16; nstrs];
        for (i, s) in strs {
            offs[*i] = table.len() as i16;
            table.extend_from_slice(s);
            table.push(0);
        }
        let mut b = Vec::new();
        for v in [
            0o432i16,
            names.len() as i16,
            nbools,
            nnums,
            nstrs as i16,
            table.len() as i16,
        ] {
            b.extend_from_slice(&v.to_le_bytes());
        }
        b.extend_from_slice(names);
        let mut bools = vec![0u8; nbools as usize];
        bools[BOOL_XENL] = xenl as u8;
        b.extend_from_slice(&bools);
        if b.len() % 2 == 1 {
            b.push(0);
        }
        b.extend_from_slice(&cols.to_le_bytes());
        for o in offs {
            b.extend_from_slice(&o.to_le_bytes());
        }
        b.extend_from_slice(&table);
        b
    }

    #[test]
    fn parses_the_capabilities_it_needs() {
        let b = compiled(
            true,
            132,
            &[
                (STR_CUU1, b"\x1bM"),
                (STR_CUF1, b"\x1b[C$<2>"),
                (STR_CUD1, b"\n"),
            ],
        );
        let e = parse(&b).unwrap();
        assert!(e.xenl);
        assert_eq!(e.cols, Some(132));
        assert_eq!(e.cuu1.as_deref(), Some(&b"\x1bM"[..]));
        assert_eq!(strip_padding(e.cuf1.as_deref().unwrap()), b"\x1b[C");
        assert_eq!(e.cud1.as_deref(), Some(&b"\n"[..]));
    }

    #[test]
    fn rejects_what_is_not_terminfo() {
        assert_eq!(parse(b"hello world"), None);
        assert_eq!(parse(&[]), None);
        let mut b = compiled(false, 80, &[]);
        b.truncate(20);
        assert_eq!(parse(&b), None);
    }

    #[test]
    fn unknown_terminals_have_no_caps() {
        assert_eq!(lookup("no-such-terminal-girder"), None);
        assert_eq!(lookup("../../etc/passwd"), None);
        assert_eq!(lookup(""), None);
    }
}
