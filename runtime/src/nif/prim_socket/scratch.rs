//! Building messages where no process runs (the poll thread's selects,
//! the exit hook's aborts and registry messages): terms are built on a
//! scratch process bound to a context of this thread's own, copied out
//! as messages, and the process is dropped. The same service as the port
//! layer's `io/port/scratch.rs`, which this layer (a peer of `io`) may
//! not use.

use crate::heap::ctx::Ctx;
use crate::heap::process::{Process, DEFAULT_HEAP_WORDS};
use crate::term::Term;
use std::cell::RefCell;

thread_local! {
    static CTX: RefCell<Option<Box<Ctx>>> = const { RefCell::new(None) };
}

/// Runs `f` with a context bound to a fresh scratch process; whatever
/// `f` keeps it copies out.
pub fn with_ctx<R>(f: impl FnOnce(&mut Ctx) -> R) -> R {
    // Taken out of the slot while `f` runs, so a nested call gets its own.
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
