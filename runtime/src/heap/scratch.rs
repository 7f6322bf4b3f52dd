//! Building messages where no process runs: the port poll thread hands
//! port input to owners, a port closing there sends exit signals and
//! `DOWN` messages, the `socket` module's selects and aborts are sent
//! from there too (`io/port`, `nif/prim_socket`: peer layers, so the
//! service lives here, below both). Terms are built on a scratch process
//! bound to a context of this thread's own, copied out as messages, and
//! the scratch process is dropped (releasing the refc binaries it made).

use crate::heap::ctx::Ctx;
use crate::heap::process::{Process, DEFAULT_HEAP_WORDS};
use crate::term::Term;
use std::cell::RefCell;

thread_local! {
    static CTX: RefCell<Option<Box<Ctx>>> = const { RefCell::new(None) };
}

/// Runs `f` with a context bound to a fresh scratch process. Everything
/// `f` builds dies with the process: `f` copies out what it keeps
/// (`copy_to_message`, `send_exit`, `monitor::fire` all copy).
pub fn with_ctx<R>(f: impl FnOnce(&mut Ctx) -> R) -> R {
    // Taken out of the slot while `f` runs, so a nested call (a port
    // closing while another one's messages are built) gets its own.
    let mut ctx = CTX
        .with(|c| c.borrow_mut().take())
        .unwrap_or_else(|| Ctx::new(u64::MAX));
    let mut p = Process::new(Term::pid(0), DEFAULT_HEAP_WORDS);
    ctx.proc_ = &mut *p as *mut Process;
    ctx.hp = p.hp;
    ctx.sp = p.sp;
    let r = f(&mut ctx);
    ctx.proc_ = std::ptr::null_mut();
    drop(p);
    CTX.with(|c| *c.borrow_mut() = Some(ctx));
    r
}
