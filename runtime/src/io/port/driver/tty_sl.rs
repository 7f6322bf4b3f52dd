//! `tty_sl`: the terminal driver under OTP 25's shell (`user_drv` opens
//! `{spawn, "tty_sl -c -e"}`), as erts' `ttsl_drv.c` behaves.
//!
//! - Opening needs standard input and output to be terminals (else it
//!   fails and user_drv falls back to the dumb `user`, as on erl), a
//!   terminfo entry for `$TERM` with cursor movements, and no other
//!   `tty_sl` port. The options `-c`/`+c` (canonical mode off/on), `-e`/
//!   `+e` (echo) and `-s`/`+s` (signals) change the terminal's mode; any
//!   other word names the terminal device to use instead of fd 0.
//! - The terminal is reopened (a file description of our own, so that
//!   making it non-blocking leaves stdin and stdout as they were), its
//!   mode saved and changed; the saved mode comes back when the port
//!   closes, when the VM exits (`atexit`), and is set again on SIGCONT.
//! - Commands (`port_command`): one op byte, then UTF-8 text or a
//!   big-endian 16-bit count: 0 put chars, 1 move cursor, 2 insert
//!   chars, 3 delete chars, 4 beep, 5 put chars and answer `{Port, ok}`
//!   once the output is (mostly) written. The line buffer (`tty_line`)
//!   turns them into terminal output.
//! - `port_control`: window size (two native 32-bit words), get and set
//!   the unicode state (one byte each way).
//! - Input: in UTF-8 mode whole characters are passed on (a split one
//!   waits for its end; an invalid one switches to latin-1 mode); in
//!   latin-1 mode each byte becomes its UTF-8 encoding.

use super::terminfo;
use super::tty_line::{pick_utf8, put_utf8, Line};
use super::{Reply, VmDriver};
use crate::io::ossig::set_handler;
use crate::io::termios::{self, SavedMode};
use std::os::fd::{AsRawFd, FromRawFd, OwnedFd};
use std::sync::atomic::{AtomicBool, Ordering};

const OP_PUTC: u8 = 0;
const OP_MOVE: u8 = 1;
const OP_INSC: u8 = 2;
const OP_DELC: u8 = 3;
const OP_BEEP: u8 = 4;
const OP_PUTC_SYNC: u8 = 5;

const CONTROL_MAGIC: u32 = 0x018b_0900;
const CTRL_OP_GET_WINSIZE: u32 = 100;
const CTRL_OP_GET_UNICODE_STATE: u32 = 101;
const CTRL_OP_SET_UNICODE_STATE: u32 = 102;

/// Most bytes read at once (with a carried partial character).
const READ_SIZE: usize = 1024;

/// Only one tty_sl port at a time, as in erl.
static ACTIVE: AtomicBool = AtomicBool::new(false);
/// Set by SIGWINCH: the width is read again before the next command.
static COLS_STALE: AtomicBool = AtomicBool::new(false);

/// The terminal's saved (`RESET`) and driver (`SET`) modes, for the exit
/// handler and the SIGCONT handler, which may run on any thread at any
/// time: filled by the one active driver when it opens, emptied when it
/// closes.
static RESET: SavedMode = SavedMode::new();
static SET: SavedMode = SavedMode::new();

/// Puts the saved mode back (exit handler; async-signal-safe).
extern "C" fn restore_at_exit() {
    RESET.apply();
}

/// Restores the terminal if a `tty_sl` port changed it: for exits that
/// do not run `atexit` handlers (an abort, a fatal signal).
pub fn restore_terminal() {
    RESET.apply();
}

/// SIGCONT: back from a stop, the terminal gets the driver's mode again.
extern "C" fn on_cont(_sig: libc::c_int) {
    SET.apply();
}

extern "C" fn on_winch(_sig: libc::c_int) {
    COLS_STALE.store(true, Ordering::Relaxed);
}

fn is_tty(fd: i32) -> bool {
    // SAFETY: isatty takes a descriptor number.
    unsafe { libc::isatty(fd) == 1 }
}

/// Opens `path` read-write, non-blocking, close-on-exec, without making
/// it the controlling terminal.
fn open_rw(path: &[u8]) -> Option<OwnedFd> {
    let c = std::ffi::CString::new(path).ok()?;
    let flags = libc::O_RDWR | libc::O_NONBLOCK | libc::O_CLOEXEC | libc::O_NOCTTY;
    // SAFETY: `c` is a NUL-terminated path.
    let fd = unsafe { libc::open(c.as_ptr(), flags) };
    // SAFETY: a fresh descriptor owned by nobody else.
    (fd >= 0).then(|| unsafe { OwnedFd::from_raw_fd(fd) })
}

fn dup(fd: &OwnedFd) -> Option<OwnedFd> {
    fd.try_clone().ok()
}

/// The terminal modes erl's `tty_init` derives from the options
/// (each -1 off, 0 unchanged, 1 on).
fn driver_mode(mut m: libc::termios, canon: i32, echo: i32, sig: i32) -> libc::termios {
    let orig = m;
    m.c_iflag &= !libc::ISTRIP;
    if canon > 0 {
        m.c_iflag |= libc::ICRNL;
        m.c_lflag |= libc::ICANON;
        m.c_oflag |= libc::OPOST;
        m.c_cc[libc::VEOF] = orig.c_cc[libc::VEOF];
    }
    if canon < 0 {
        m.c_iflag &= !libc::ICRNL;
        m.c_lflag &= !libc::ICANON;
        m.c_oflag &= !libc::OPOST;
        m.c_cc[libc::VMIN] = 1;
        m.c_cc[libc::VTIME] = 0;
    }
    if echo > 0 {
        m.c_lflag |= libc::ECHO;
    }
    if echo < 0 {
        m.c_lflag &= !libc::ECHO;
    }
    let raw_in = libc::BRKINT | libc::IGNPAR | libc::ICRNL | libc::IXON | libc::IXANY;
    if sig > 0 {
        m.c_iflag |= raw_in;
        m.c_lflag |= libc::ISIG | libc::IEXTEN;
    }
    if sig < 0 {
        m.c_iflag &= !raw_in;
        m.c_lflag &= !(libc::ISIG | libc::IEXTEN);
    }
    m
}

/// Whether the locale (from the environment, as erl sets it) is UTF-8.
fn locale_is_utf8() -> bool {
    // SAFETY: setlocale with an empty string reads the environment; the
    // returned pointers are only read at once. erl makes the same call.
    unsafe {
        let l = libc::setlocale(libc::LC_CTYPE, c"".as_ptr());
        if l.is_null() {
            return false;
        }
        let cs = libc::nl_langinfo(libc::CODESET);
        !cs.is_null() && std::ffi::CStr::from_ptr(cs).to_bytes() == b"UTF-8"
    }
}

fn term_name() -> Option<String> {
    let t = crate::io::osenv::get(b"TERM")?;
    String::from_utf8(t).ok()
}

/// The running driver: the terminal, its line and the input carry.
struct TtySl {
    tty: OwnedFd,
    fds: Option<(OwnedFd, OwnedFd)>,
    line: Line,
    carry: Vec<u8>,
    sync: bool,
}

/// Starts the driver for `command` (`tty_sl -c -e`); None when erl's
/// would fail (`einval` from `open_port`).
pub fn start(command: &[u8]) -> Option<Box<dyn VmDriver>> {
    if ACTIVE.swap(true, Ordering::SeqCst) {
        return None;
    }
    match open(command) {
        Some(d) => Some(Box::new(d)),
        None => {
            ACTIVE.store(false, Ordering::SeqCst);
            None
        }
    }
}

fn open(command: &[u8]) -> Option<TtySl> {
    if !is_tty(0) || !is_tty(1) {
        return None;
    }
    let (mut canon, mut echo, mut sig) = (0, 0, 0);
    let mut device: Option<OwnedFd> = None;
    for word in command.split(|&b| b == b' ').skip(1) {
        let flag = match word.first() {
            Some(b'+') => 1,
            Some(b'-') => -1,
            _ => 0,
        };
        if flag != 0 {
            match word.get(1) {
                Some(b'c') => canon = flag,
                Some(b'e') => echo = flag,
                Some(b's') => sig = flag,
                _ => {}
            }
        } else {
            // erl opens every other word (an empty one fails).
            device = Some(open_rw(word)?);
        }
    }
    // Standard input's terminal through a description of our own.
    let tty = match device {
        Some(d) => d,
        None => open_rw(b"/proc/self/fd/0")?,
    };
    let fd = tty.as_raw_fd();
    let reset = termios::current(fd)?;
    let set = driver_mode(reset, canon, echo, sig);
    // Empty: we own ACTIVE and the previous driver emptied them.
    RESET.store(fd, &reset);
    SET.store(fd, &set);
    static AT_EXIT: std::sync::Once = std::sync::Once::new();
    AT_EXIT.call_once(|| {
        // SAFETY: a plain extern "C" fn reading atomics; atexit keeps it.
        unsafe { libc::atexit(restore_at_exit) };
    });
    let caps = termios::set(fd, &set)
        .then(|| term_name().and_then(|t| terminfo::lookup(&t)))
        .flatten();
    let Some(caps) = caps else {
        invalidate_and_reset(fd);
        return None;
    };
    let utf8 = locale_is_utf8();
    set_handler(libc::SIGCONT, on_cont as *const () as usize);
    set_handler(libc::SIGWINCH, on_winch as *const () as usize);
    let fds = (dup(&tty)?, dup(&tty)?);
    Some(TtySl {
        tty,
        fds: Some(fds),
        line: Line::new(caps, utf8),
        carry: Vec::new(),
        sync: false,
    })
}

/// Stops the handlers from touching the terminal, then restores it.
fn invalidate_and_reset(fd: i32) {
    SET.take();
    if let Some(m) = RESET.take() {
        termios::set(fd, &m);
    }
}

impl Drop for TtySl {
    fn drop(&mut self) {
        invalidate_and_reset(self.tty.as_raw_fd());
        set_handler(libc::SIGCONT, libc::SIG_DFL);
        set_handler(libc::SIGWINCH, libc::SIG_DFL);
        ACTIVE.store(false, Ordering::SeqCst);
    }
}

/// The window size erl reports: 80x24 when unknown or zero.
fn window(fd: i32) -> (u32, u32) {
    match terminfo::window_size(fd) {
        Some((w, h)) => (if w == 0 { 80 } else { w }, if h == 0 { 24 } else { h }),
        None => (80, 24),
    }
}

impl TtySl {
    fn update_cols(&mut self) {
        if COLS_STALE.swap(false, Ordering::Relaxed) {
            self.line.cols = window(self.tty.as_raw_fd()).0 as i32;
        }
    }

    /// One read's worth of terminal input (erl's `ttysl_from_tty`).
    fn read_chunk(&mut self, b: &[u8], msgs: &mut Vec<Vec<u8>>) {
        let mut pos = 0;
        if self.line.utf8 {
            let mut last = Ok(0);
            while pos < b.len() {
                last = pick_utf8(b, &mut pos);
                if last.is_err() {
                    break;
                }
            }
            match last {
                Err(true) => self.carry = b[pos..].to_vec(),
                Err(false) => {
                    // Not UTF-8 after all: latin-1 from here on (what was
                    // decoded before the bad byte is dropped, as in erl).
                    self.line.utf8 = false;
                    Self::latin(&b[pos..], msgs);
                    return;
                }
                Ok(_) => {}
            }
            msgs.push(b[..pos].to_vec());
        } else {
            Self::latin(b, msgs);
        }
    }

    /// Each byte as its UTF-8 encoding, in messages of at most about
    /// 1020 bytes (erl's buffer).
    fn latin(b: &[u8], msgs: &mut Vec<Vec<u8>>) {
        let mut t = Vec::new();
        for &c in b {
            put_utf8(c as u32, &mut t);
            if t.len() >= 1020 {
                msgs.push(std::mem::take(&mut t));
            }
        }
        if !t.is_empty() {
            msgs.push(t);
        }
    }
}

impl VmDriver for TtySl {
    fn output(&mut self, data: &[u8], _replies: &mut Vec<Reply>) {
        self.update_cols();
        let Some((&op, arg)) = data.split_first() else {
            return;
        };
        if self.line.too_long() {
            self.line.put_chars(b"\n");
        }
        let count = || (arg.len() >= 2).then(|| i16::from_be_bytes([arg[0], arg[1]]) as i32);
        match op {
            OP_PUTC | OP_PUTC_SYNC => self.line.put_chars(arg),
            OP_MOVE => {
                if let Some(n) = count() {
                    self.line.move_rel(n);
                }
            }
            OP_INSC => self.line.ins_chars(arg),
            OP_DELC => {
                if let Some(n) = count() {
                    self.line.del_chars(n);
                }
            }
            OP_BEEP => self.line.beep(),
            _ => {}
        }
        self.sync = op == OP_PUTC_SYNC;
    }

    fn take_fds(&mut self) -> Option<(OwnedFd, OwnedFd)> {
        self.fds.take()
    }

    fn take_device_output(&mut self) -> Vec<u8> {
        std::mem::take(&mut self.line.out)
    }

    fn take_sync(&mut self) -> bool {
        std::mem::take(&mut self.sync)
    }

    fn input(&mut self, bytes: &[u8], msgs: &mut Vec<Vec<u8>>) {
        let mut rest = bytes;
        while !rest.is_empty() {
            let take = (READ_SIZE - self.carry.len()).min(rest.len());
            let mut b = std::mem::take(&mut self.carry);
            b.extend_from_slice(&rest[..take]);
            rest = &rest[take..];
            self.read_chunk(&b, msgs);
        }
    }

    fn control(&mut self, op: u32, data: &[u8]) -> Option<Vec<u8>> {
        match op.wrapping_sub(CONTROL_MAGIC) {
            CTRL_OP_GET_WINSIZE => {
                let (w, h) = window(self.tty.as_raw_fd());
                let mut r = w.to_ne_bytes().to_vec();
                r.extend_from_slice(&h.to_ne_bytes());
                Some(r)
            }
            CTRL_OP_GET_UNICODE_STATE => Some(vec![self.line.utf8 as u8]),
            CTRL_OP_SET_UNICODE_STATE => match data.first() {
                Some(&m) => {
                    let old = self.line.utf8 as u8;
                    self.line.utf8 = m != 0;
                    Some(vec![old])
                }
                None => Some(Vec::new()),
            },
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn options_change_the_mode_as_erl_does() {
        // SAFETY: termios is plain data.
        let mut m: libc::termios = unsafe { std::mem::zeroed() };
        m.c_lflag = libc::ICANON | libc::ECHO | libc::ISIG;
        m.c_iflag = libc::ICRNL | libc::ISTRIP;
        m.c_oflag = libc::OPOST;
        let s = driver_mode(m, -1, -1, 0);
        assert_eq!(s.c_lflag, libc::ISIG);
        assert_eq!(s.c_iflag, 0);
        assert_eq!(s.c_oflag, 0);
        assert_eq!(s.c_cc[libc::VMIN], 1);
        let s = driver_mode(m, 0, 0, -1);
        assert_eq!(s.c_lflag, libc::ICANON | libc::ECHO);
    }

    #[test]
    fn needs_a_terminal() {
        // Under `cargo test` standard input is rarely a terminal; when it
        // is not, the driver refuses as erl's does.
        if !is_tty(0) || !is_tty(1) {
            assert!(start(b"tty_sl -c -e").is_none());
            assert!(!ACTIVE.load(Ordering::SeqCst));
        }
    }
}
