//! A terminal mode saved for later, which signal handlers, exit handlers
//! and other threads may put back at any time: standard input's mode at
//! start-up (the BREAK menu, `io/brk.rs`) and the shell driver's saved
//! and raw modes (`port/driver/tty_sl.rs`). One type, so that both keep
//! the same rules: the mode is written only while the slot is empty, by
//! one writer, and read only while it is full.

use std::cell::UnsafeCell;
use std::sync::atomic::{AtomicI32, AtomicU8, Ordering};

const EMPTY: u8 = 0;
const WRITING: u8 = 1;
const FULL: u8 = 2;

/// A terminal mode and the descriptor it is for.
pub struct SavedMode {
    state: AtomicU8,
    fd: AtomicI32,
    mode: UnsafeCell<libc::termios>,
}

// SAFETY: `mode` is written only by the writer that moved `state` from
// EMPTY to WRITING (one at a time), and read only after an Acquire load
// saw FULL, which the writer stores with Release after writing. A reader
// that saw FULL may still be reading when the owner empties the slot and
// a new writer starts: the owners (`tty_sl`, one driver at a time; the
// BREAK menu, written once) never refill a slot while one of their own
// readers may run, except a signal handler racing with a port reopening,
// where the worst outcome is a terminal mode set twice.
unsafe impl Sync for SavedMode {}

impl SavedMode {
    pub const fn new() -> SavedMode {
        SavedMode {
            state: AtomicU8::new(EMPTY),
            fd: AtomicI32::new(-1),
            // SAFETY: termios is plain data; all zeros is a valid value.
            mode: UnsafeCell::new(unsafe { std::mem::zeroed() }),
        }
    }

    /// Saves `mode` for `fd`; false if the slot is not empty.
    pub fn store(&self, fd: i32, mode: &libc::termios) -> bool {
        if self
            .state
            .compare_exchange(EMPTY, WRITING, Ordering::Acquire, Ordering::Relaxed)
            .is_err()
        {
            return false;
        }
        // SAFETY: WRITING makes this the only writer, and no reader looks
        // at the cell until FULL is stored below.
        unsafe { *self.mode.get() = *mode };
        self.fd.store(fd, Ordering::Relaxed);
        self.state.store(FULL, Ordering::Release);
        true
    }

    /// Saves `fd`'s current mode; false if it is not a terminal or the
    /// slot is not empty.
    pub fn save_current(&self, fd: i32) -> bool {
        current(fd).is_some_and(|m| self.store(fd, &m))
    }

    /// The saved mode, if any.
    pub fn get(&self) -> Option<libc::termios> {
        if self.state.load(Ordering::Acquire) != FULL {
            return None;
        }
        // SAFETY: FULL: the cell holds a mode nobody writes (see `Sync`).
        Some(unsafe { *self.mode.get() })
    }

    /// Puts the saved mode back on its descriptor (async-signal-safe:
    /// atomics and `tcsetattr` only); false if none is saved.
    pub fn apply(&self) -> bool {
        if self.state.load(Ordering::Acquire) != FULL {
            return false;
        }
        // SAFETY: FULL: the cell holds a mode nobody writes; tcsetattr
        // only reads it.
        unsafe {
            libc::tcsetattr(
                self.fd.load(Ordering::Relaxed),
                libc::TCSANOW,
                self.mode.get(),
            ) == 0
        }
    }

    /// Empties the slot (its owner, once no handler should touch the
    /// terminal any more), returning the mode it held.
    pub fn take(&self) -> Option<libc::termios> {
        let m = self.get()?;
        self.state.store(EMPTY, Ordering::Release);
        Some(m)
    }
}

impl Default for SavedMode {
    fn default() -> SavedMode {
        SavedMode::new()
    }
}

/// `fd`'s current mode, if it is a terminal.
pub fn current(fd: i32) -> Option<libc::termios> {
    // SAFETY: isatty takes a number; tcgetattr fills a local termios.
    unsafe {
        let mut t: libc::termios = std::mem::zeroed();
        (libc::isatty(fd) == 1 && libc::tcgetattr(fd, &mut t) == 0).then_some(t)
    }
}

/// Sets `fd`'s mode to `mode`.
pub fn set(fd: i32, mode: &libc::termios) -> bool {
    // SAFETY: tcsetattr only reads `mode`.
    unsafe { libc::tcsetattr(fd, libc::TCSANOW, mode) == 0 }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_slot_is_written_once_until_taken() {
        let s = SavedMode::new();
        assert!(s.get().is_none());
        assert!(!s.apply());
        // SAFETY: termios is plain data.
        let mut m: libc::termios = unsafe { std::mem::zeroed() };
        m.c_lflag = 7;
        assert!(s.store(-1, &m));
        m.c_lflag = 9;
        assert!(!s.store(-1, &m), "full: not overwritten");
        assert_eq!(s.get().map(|t| t.c_lflag), Some(7));
        // fd -1 is no terminal: tcsetattr fails, but the slot is full.
        assert!(!s.apply());
        assert_eq!(s.take().map(|t| t.c_lflag), Some(7));
        assert!(s.get().is_none());
        assert!(s.store(-1, &m));
        assert_eq!(s.get().map(|t| t.c_lflag), Some(9));
    }

    #[test]
    fn no_terminal_no_mode() {
        let s = SavedMode::new();
        assert!(!s.save_current(-1));
        assert!(current(-1).is_none());
    }
}
