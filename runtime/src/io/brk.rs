//! Ctrl-C: erl's BREAK menu (`+B` chooses otherwise), and the terminal
//! put back in order whenever the VM goes away.
//!
//! SIGINT's handler only writes a byte to a pipe; a thread of its own
//! runs the menu. As erl does, the menu puts the terminal back in the
//! mode it had when the VM started (the shell's raw mode would hide what
//! is typed), stops the shell's driver from reading the terminal, prints
//!
//! ```text
//! BREAK: (a)bort (A)bort with dump (c)ontinue (p)roc info (i)nfo
//!        (l)oaded (v)ersion (k)ill (D)b-tables (d)istribution
//! ```
//!
//! and reads answers from standard input until one ends it: `a` (also
//! `q`, `*`, end of input) exits with status 0, `A` writes a crash dump
//! ("Crash dump requested by user") and aborts, `c` continues, `p`
//! prints every process and port as the crash dump records them, `o` the
//! ports, `i` memory and the atom table, `l` the loaded modules' code
//! sizes, `D` the ETS tables, `d` the distribution (none), `k` shows the
//! processes one by one, newest first, asking "(k)ill (n)ext (r)eturn:"
//! (`k` sends a `kill` exit signal from init, as erl), `v` prints the
//! emulator version, `m` nothing; a newline is skipped and another letter
//! gets erl's "Invalid option" message. A second Ctrl-C during the menu
//! exits at once (status 0), as in erl.
//!
//! As erl blocks every thread's progress first, the menu stops every
//! scheduler thread at its next slice boundary (`sched::world::stop`)
//! and lets them go when it ends: the listings read processes', ports',
//! tables' and modules' insides from this thread while nothing changes
//! them, and `k` queues its signal for when the killed process runs
//! again. With several scheduler threads the stop waits for all of them.
//!
//! `+Bi` ignores SIGINT, SIGQUIT and SIGTSTP; `+B`/`+Bd` leave Ctrl-C
//! ending the VM, after the terminal's mode is restored; `+Bc` keeps
//! the menu but turns the terminal's interrupt character off, so that
//! Ctrl-C reaches the shell (user_drv interrupts the current job).

use super::termios::SavedMode;
use crate::io::ossig::set_handler;
use std::io::Write;
use std::sync::atomic::{AtomicBool, AtomicI32, Ordering};
use std::sync::OnceLock;

/// What Ctrl-C does (`+B`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum Mode {
    /// The BREAK menu (no `+B`).
    #[default]
    Menu,
    /// `+B`, `+Bd`: SIGINT ends the VM.
    Off,
    /// `+Bi`: ignored.
    Ignore,
    /// `+Bc`: the menu stays, the terminal sends Ctrl-C as a character.
    ShellInterrupt,
}

const HELP: &str = "BREAK: (a)bort (A)bort with dump (c)ontinue (p)roc info (i)nfo\n       (l)oaded (v)ersion (k)ill (D)b-tables (d)istribution\n";

static PIPE_W: AtomicI32 = AtomicI32::new(-1);
static IN_BREAK: AtomicBool = AtomicBool::new(false);

/// Standard input's terminal mode when the VM started (erl's
/// `initial_tty_mode`): saved once by `install` before the handlers
/// exist, then only read.
static INITIAL: SavedMode = SavedMode::new();

/// What the menu needs from the BIF layer (which renders the crash
/// dump's sections): the text for an information option letter, one
/// process's record (`k`), and writing the crash dump for a slogan (`A`).
pub struct Hooks {
    pub info: fn(u8) -> Option<Vec<u8>>,
    pub process: fn(crate::term::Term) -> Vec<u8>,
    pub dump: fn(&str),
}

static HOOKS: OnceLock<Hooks> = OnceLock::new();

pub fn set_hooks(h: Hooks) {
    let _ = HOOKS.set(h);
}

/// Puts standard input's terminal back in its initial mode
/// (async-signal-safe).
fn reset_initial() {
    INITIAL.apply();
}

/// Puts the terminal back as the VM found it: the shell driver's saved
/// mode, then standard input's initial one (async-signal-safe). For
/// every way out that runs no `atexit` handler: an abort, a panic, a
/// fatal signal.
pub fn restore_terminal() {
    super::port::driver::tty_sl::restore_terminal();
    reset_initial();
}

extern "C" fn on_int(_sig: libc::c_int) {
    if IN_BREAK.load(Ordering::Relaxed) {
        // A second Ctrl-C during the menu: out at once, as erl.
        restore_terminal();
        // SAFETY: _exit is async-signal-safe.
        unsafe { libc::_exit(0) };
    }
    let fd = PIPE_W.load(Ordering::Relaxed);
    // SAFETY: writing one byte from a static buffer is async-signal-safe;
    // a full pipe (requests already pending) loses nothing that matters.
    unsafe { libc::write(fd, b"b".as_ptr().cast(), 1) };
}

/// `+B`/`+Bd`: the terminal is restored, then the default action ends
/// the VM.
extern "C" fn on_int_default(sig: libc::c_int) {
    restore_terminal();
    // SAFETY: resetting the disposition and re-raising are
    // async-signal-safe.
    unsafe {
        libc::signal(sig, libc::SIG_DFL);
        libc::raise(sig);
    }
}

/// Sets Ctrl-C's behaviour for the VM's life (the launcher calls it
/// once, before the boot).
pub fn install(mode: Mode) {
    INITIAL.save_current(0);
    match mode {
        Mode::Ignore => {
            for s in [libc::SIGINT, libc::SIGQUIT, libc::SIGTSTP] {
                set_handler(s, libc::SIG_IGN);
            }
        }
        Mode::Off => set_handler(libc::SIGINT, on_int_default as *const () as usize),
        Mode::Menu | Mode::ShellInterrupt => {
            if !start_thread() {
                set_handler(libc::SIGINT, on_int_default as *const () as usize);
                return;
            }
            set_handler(libc::SIGINT, on_int as *const () as usize);
            if mode == Mode::ShellInterrupt {
                disable_intr_char();
            }
        }
    }
}

/// `+Bc`: Ctrl-C no longer raises SIGINT on the terminal.
fn disable_intr_char() {
    if let Some(mut t) = super::termios::current(0) {
        t.c_cc[libc::VINTR] = 0;
        super::termios::set(0, &t);
    }
}

/// The pipe and the thread that runs the menu; false if either failed.
fn start_thread() -> bool {
    let mut fds = [0i32; 2];
    // SAFETY: pipe2 fills the two-element array.
    if unsafe { libc::pipe2(fds.as_mut_ptr(), libc::O_CLOEXEC) } != 0 {
        return false;
    }
    let r = fds[0];
    PIPE_W.store(fds[1], Ordering::Relaxed);
    std::thread::Builder::new()
        .name("girder-break".into())
        .spawn(move || loop {
            let mut b = [0u8; 16];
            // SAFETY: reading into a local buffer from our own pipe.
            let n = unsafe { libc::read(r, b.as_mut_ptr().cast(), b.len()) };
            if n > 0 {
                do_break();
            } else if n == 0 {
                return;
            }
        })
        .is_ok()
}

fn print(bytes: &[u8]) {
    let mut o = std::io::stdout().lock();
    let _ = o.write_all(bytes);
    let _ = o.flush();
}

/// One answer from standard input: its first byte; None at end of input
/// or on an error (erl's `sys_get_key`).
fn get_key() -> Option<u8> {
    let _ = std::io::stdout().flush();
    let mut b = [0u8; 64];
    loop {
        // SAFETY: reading into a local buffer.
        let n = unsafe { libc::read(0, b.as_mut_ptr().cast(), b.len()) };
        if n > 0 {
            return Some(b[0]);
        }
        let e = std::io::Error::last_os_error().raw_os_error();
        if n < 0 && matches!(e, Some(libc::EINTR) | Some(libc::EAGAIN)) {
            if e == Some(libc::EAGAIN) {
                let mut p = libc::pollfd {
                    fd: 0,
                    events: libc::POLLIN,
                    revents: 0,
                };
                // SAFETY: one valid pollfd.
                unsafe { libc::poll(&mut p, 1, -1) };
            }
            continue;
        }
        return None;
    }
}

/// Ends the VM as erl's `erts_exit(0, "")` does.
fn exit_now() -> ! {
    let _ = std::io::Write::flush(&mut std::io::stdout());
    restore_terminal();
    std::process::exit(0)
}

/// `A`: erl's `erts_exit(ERTS_ERROR_EXIT, "Crash dump requested by
/// user")`: the slogan and the crash dump, the terminal reset, then
/// `abort()` (what the user asked for: erl ends the same way, with no
/// exit handlers run).
fn abort_with_dump() -> ! {
    let _ = std::io::Write::flush(&mut std::io::stdout());
    if let Some(h) = HOOKS.get() {
        (h.dump)("Crash dump requested by user");
    }
    restore_terminal();
    // SAFETY: abort takes no arguments and does not return.
    unsafe { libc::abort() }
}

/// `k`: erl's `process_killer`: each process, newest first, with its
/// record and a question; `k` kills it (a `kill` exit signal from init,
/// `<0.0.0>`) and goes on, `n` goes on, anything else returns, end of
/// input exits. Runs with every scheduler stopped.
fn process_killer() {
    let Some(h) = HOOKS.get() else {
        return;
    };
    print(b"\n\nProcess Information\n\n--------------------------------------------------\n");
    let mut pids = crate::proc::ptable::all_pids();
    pids.sort_by_key(|p| p.pid_number());
    for pid in pids.into_iter().rev() {
        let text = (h.process)(pid);
        if text.is_empty() {
            continue;
        }
        print(&text);
        print(b"(k)ill (n)ext (r)eturn:\n");
        match get_key() {
            None => exit_now(),
            Some(b'k') => {
                if let Some(r) = crate::proc::ptable::lookup(pid) {
                    super::port::scratch::with_ctx(|ctx| {
                        crate::proc::signal::send_exit(
                            ctx,
                            &r,
                            crate::term::Term::pid(0),
                            crate::term::atom::am::KILL,
                            false,
                        )
                    });
                }
            }
            Some(b'n') => {}
            Some(_) => return,
        }
    }
}

fn do_break() {
    IN_BREAK.store(true, Ordering::Relaxed);
    super::port::pause_device_input(true);
    let saved = INITIAL.get().and_then(|_| super::termios::current(0));
    reset_initial();
    let _ = std::io::Write::flush(&mut std::io::stdout());
    // Everything below reads the VM's insides: no scheduler runs until
    // the menu ends (`world` is dropped).
    let world = crate::sched::world::stop();
    print(format!("\n{HELP}").as_bytes());
    loop {
        let Some(k) = get_key() else {
            exit_now();
        };
        match k {
            b'q' | b'a' | b'*' => exit_now(),
            b'A' => abort_with_dump(),
            b'c' | b'm' => break,
            b'v' => {
                print(b"Erlang (BEAM) emulator version 13.1.5\n");
                break;
            }
            b'o' | b'p' | b'i' | b'l' | b'D' | b'd' => {
                if let Some(text) = HOOKS.get().and_then(|h| (h.info)(k)) {
                    print(&text);
                }
                break;
            }
            b'k' => {
                process_killer();
                break;
            }
            b'\n' => continue,
            _ => print(
                format!(
                    "Invalid option '{}'. Please enter one of the following:\n{HELP}",
                    k as char
                )
                .as_bytes(),
            ),
        }
    }
    drop(world);
    if let Some(t) = saved {
        super::termios::set(0, &t);
    }
    super::port::pause_device_input(false);
    IN_BREAK.store(false, Ordering::Relaxed);
}
