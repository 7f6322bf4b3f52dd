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
//! `q`, `*`, end of input) exits with status 0, `c` continues, `o`
//! prints the ports as the crash dump shows them, `v` the emulator
//! version, `m` nothing; a newline is skipped and another letter gets
//! erl's "Invalid option" message. A second Ctrl-C during the menu exits
//! at once (status 0), as in erl.
//!
//! Schedulers keep running meanwhile (erl stops every thread first), so
//! the options that read processes' and tables' insides from this
//! thread (`A` abort with a crash dump, `p`, `i`, `l`, `k`, `D`, `d`)
//! are not there: they say so and the menu ends as after `c`.
//!
//! `+Bi` ignores SIGINT, SIGQUIT and SIGTSTP; `+B`/`+Bd` leave Ctrl-C
//! ending the VM, after the terminal's mode is restored; `+Bc` keeps
//! the menu but turns the terminal's interrupt character off, so that
//! Ctrl-C reaches the shell (user_drv interrupts the current job).

use std::cell::UnsafeCell;
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
/// `initial_tty_mode`): written once by `install` before the handlers
/// exist, then only read.
struct Initial {
    valid: AtomicBool,
    mode: UnsafeCell<libc::termios>,
}

// SAFETY: `mode` is written once, before `valid` is set (Release) and
// before any handler or thread that reads it (after an Acquire load of
// `valid`) exists.
unsafe impl Sync for Initial {}

static INITIAL: Initial = Initial {
    valid: AtomicBool::new(false),
    // SAFETY: termios is plain data; all zeros is a valid value.
    mode: UnsafeCell::new(unsafe { std::mem::zeroed() }),
};

/// What the information options print, registered by the BIF layer
/// (which renders the crash dump's sections): the text for an option
/// letter.
pub struct Hooks {
    pub info: fn(u8) -> Option<Vec<u8>>,
}

static HOOKS: OnceLock<Hooks> = OnceLock::new();

pub fn set_hooks(h: Hooks) {
    let _ = HOOKS.set(h);
}

/// Puts standard input's terminal back in its initial mode
/// (async-signal-safe).
fn reset_initial() {
    if INITIAL.valid.load(Ordering::Acquire) {
        // SAFETY: `valid` says the cell holds the initial mode, never
        // written again; tcsetattr only reads it.
        unsafe { libc::tcsetattr(0, libc::TCSANOW, INITIAL.mode.get()) };
    }
}

extern "C" fn on_int(_sig: libc::c_int) {
    if IN_BREAK.load(Ordering::Relaxed) {
        // A second Ctrl-C during the menu: out at once, as erl.
        super::port::driver::tty_sl::restore_terminal();
        reset_initial();
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
    super::port::driver::tty_sl::restore_terminal();
    reset_initial();
    // SAFETY: resetting the disposition and re-raising are
    // async-signal-safe.
    unsafe {
        libc::signal(sig, libc::SIG_DFL);
        libc::raise(sig);
    }
}

fn set_handler(sig: libc::c_int, handler: libc::sighandler_t) {
    // SAFETY: a zeroed sigaction with an async-signal-safe handler (or
    // SIG_IGN).
    unsafe {
        let mut sa: libc::sigaction = std::mem::zeroed();
        sa.sa_sigaction = handler;
        sa.sa_flags = libc::SA_RESTART;
        libc::sigemptyset(&mut sa.sa_mask);
        libc::sigaction(sig, &sa, std::ptr::null_mut());
    }
}

/// Sets Ctrl-C's behaviour for the VM's life (the launcher calls it
/// once, before the boot).
pub fn install(mode: Mode) {
    // SAFETY: isatty/tcgetattr on fd 0 into a local termios.
    unsafe {
        let mut t: libc::termios = std::mem::zeroed();
        if libc::isatty(0) == 1 && libc::tcgetattr(0, &mut t) == 0 {
            *INITIAL.mode.get() = t;
            INITIAL.valid.store(true, Ordering::Release);
        }
    }
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
    // SAFETY: tcgetattr/tcsetattr on fd 0 with a local termios.
    unsafe {
        let mut t: libc::termios = std::mem::zeroed();
        if libc::isatty(0) == 1 && libc::tcgetattr(0, &mut t) == 0 {
            t.c_cc[libc::VINTR] = 0;
            libc::tcsetattr(0, libc::TCSANOW, &t);
        }
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
    super::port::driver::tty_sl::restore_terminal();
    reset_initial();
    std::process::exit(0)
}

fn do_break() {
    IN_BREAK.store(true, Ordering::Relaxed);
    super::port::pause_device_input(true);
    // SAFETY: tcgetattr into a local termios.
    let saved = unsafe {
        let mut t: libc::termios = std::mem::zeroed();
        (INITIAL.valid.load(Ordering::Acquire) && libc::tcgetattr(0, &mut t) == 0).then_some(t)
    };
    reset_initial();
    let _ = std::io::Write::flush(&mut std::io::stdout());
    print(format!("\n{HELP}").as_bytes());
    loop {
        let Some(k) = get_key() else {
            exit_now();
        };
        match k {
            b'q' | b'a' | b'*' => exit_now(),
            b'c' | b'm' => break,
            b'v' => {
                print(b"Erlang (BEAM) emulator version 13.1.5\n");
                break;
            }
            b'o' => {
                if let Some(text) = HOOKS.get().and_then(|h| (h.info)(k)) {
                    print(&text);
                }
                break;
            }
            b'A' | b'p' | b'i' | b'l' | b'k' | b'D' | b'd' => {
                print(format!("'{}' is not available in Girder\n", k as char).as_bytes());
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
    if let Some(t) = saved {
        // SAFETY: `t` is the mode read above.
        unsafe { libc::tcsetattr(0, libc::TCSANOW, &t) };
    }
    super::port::pause_device_input(false);
    IN_BREAK.store(false, Ordering::Relaxed);
}
