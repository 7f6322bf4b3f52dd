//! OS signals as erts handles them (`sys/unix/sys.c`): `os:set_signal/2`
//! sets a signal to `ignore`, `default` or `handle`; a handled signal
//! becomes the message `{notify, SigName}` to the process registered as
//! `erl_signal_server` (kernel's, whose `erl_signal_handler` halts on
//! `sigusr1`, stops the system on `sigterm`, ...), or nothing when no
//! such process exists.
//!
//! As BEAM's: the handler only writes the signal number to a pipe (it
//! must be async-signal-safe); a thread of its own reads it and sends the
//! message. At start-up `SIGTERM`, `SIGUSR1` and `SIGQUIT` are handled,
//! as in erts (`init_default_signals`); SIGINT is the BREAK handler's
//! (`brk.rs`).

use crate::heap::process::Message;
use crate::term::atom::intern;
use crate::term::{make_header, Term, HDR_TUPLE};
use std::sync::atomic::{AtomicI32, Ordering};
use std::sync::OnceLock;

/// The signals `os:set_signal/2` accepts, erts' names.
const SIGNALS: &[(&str, libc::c_int)] = &[
    ("sighup", libc::SIGHUP),
    ("sigquit", libc::SIGQUIT),
    ("sigabrt", libc::SIGABRT),
    ("sigalrm", libc::SIGALRM),
    ("sigterm", libc::SIGTERM),
    ("sigusr1", libc::SIGUSR1),
    ("sigusr2", libc::SIGUSR2),
    ("sigchld", libc::SIGCHLD),
    ("sigstop", libc::SIGSTOP),
    ("sigtstp", libc::SIGTSTP),
];

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Disposition {
    Ignore,
    Default,
    Handle,
}

/// The write end of the notification pipe (-1 before it exists).
static WRITE_FD: AtomicI32 = AtomicI32::new(-1);

/// The signal number of an erts signal name.
pub fn number(name: &str) -> Option<libc::c_int> {
    SIGNALS.iter().find(|(n, _)| *n == name).map(|&(_, s)| s)
}

fn name(sig: libc::c_int) -> Option<&'static str> {
    SIGNALS.iter().find(|&&(_, s)| s == sig).map(|&(n, _)| n)
}

extern "C" fn on_signal(sig: libc::c_int) {
    let fd = WRITE_FD.load(Ordering::Relaxed);
    if fd >= 0 {
        let b = sig as u8;
        // SAFETY: write(2) is async-signal-safe; one byte from a local. A
        // full pipe loses the notification, as BEAM's does.
        unsafe { libc::write(fd, &b as *const u8 as *const libc::c_void, 1) };
    }
}

/// The pipe and its reader thread, made once; false if either failed.
fn start() -> bool {
    static STARTED: OnceLock<bool> = OnceLock::new();
    *STARTED.get_or_init(|| {
        let mut fds = [0 as libc::c_int; 2];
        // SAFETY: pipe2 fills the two-element array.
        if unsafe { libc::pipe2(fds.as_mut_ptr(), libc::O_CLOEXEC) } != 0 {
            return false;
        }
        let read_fd = fds[0];
        let spawned = std::thread::Builder::new()
            .name("girder-signals".into())
            .spawn(move || loop {
                let mut b = 0u8;
                // SAFETY: reading one byte into a local from our own pipe.
                let n = unsafe { libc::read(read_fd, &mut b as *mut u8 as *mut libc::c_void, 1) };
                if n == 1 {
                    notify(b as libc::c_int);
                } else if n == 0 {
                    return;
                }
            });
        if spawned.is_err() {
            return false;
        }
        WRITE_FD.store(fds[1], Ordering::Relaxed);
        true
    })
}

/// `erl_signal_server ! {notify, SigName}`.
fn notify(sig: libc::c_int) {
    let Some(n) = name(sig) else { return };
    let mut frag = vec![
        make_header(2, HDR_TUPLE),
        intern("notify").raw(),
        intern(n).raw(),
    ];
    let term = Term::boxed_from_ptr(frag.as_mut_ptr());
    let msg = Message {
        term,
        frag: Some(frag),
        token: crate::term::atom::am::UNDEFINED,
    };
    crate::proc::signal::send_copied(intern("erl_signal_server"), msg);
}

/// Sets what `sig` does; false if the handler could not be installed.
pub fn set(sig: libc::c_int, d: Disposition) -> bool {
    let handler = match d {
        Disposition::Ignore => libc::SIG_IGN,
        Disposition::Default => libc::SIG_DFL,
        Disposition::Handle => {
            if !start() {
                return false;
            }
            on_signal as *const () as usize
        }
    };
    set_handler(sig, handler);
    true
}

/// Installs `handler` for `sig` (with `SA_RESTART`, nothing masked): the
/// one place the I/O layer sets signal dispositions (`brk.rs`, the
/// `tty_sl` driver, `os:set_signal/2`). `handler` must be `SIG_IGN`,
/// `SIG_DFL` or a function that only makes async-signal-safe calls and
/// touches atomics; SIGKILL and SIGSTOP cannot be caught (the call fails).
pub fn set_handler(sig: libc::c_int, handler: libc::sighandler_t) {
    // SAFETY: a zeroed sigaction is valid; the handler is one the caller
    // vouches for as above.
    unsafe {
        let mut sa: libc::sigaction = std::mem::zeroed();
        sa.sa_sigaction = handler;
        sa.sa_flags = libc::SA_RESTART;
        libc::sigemptyset(&mut sa.sa_mask);
        libc::sigaction(sig, &sa, std::ptr::null_mut());
    }
}

/// erts' start-up dispositions: SIGTERM, SIGUSR1 and SIGQUIT handled.
pub fn init() {
    for s in [libc::SIGTERM, libc::SIGUSR1, libc::SIGQUIT] {
        set(s, Disposition::Handle);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_and_numbers() {
        assert_eq!(number("sigusr2"), Some(libc::SIGUSR2));
        assert_eq!(number("sigint"), None);
        assert_eq!(name(libc::SIGHUP), Some("sighup"));
    }
}
