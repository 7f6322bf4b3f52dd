//! Test helpers: a process with a context bound to it, the way a scheduler
//! sets one up before entering generated code.

use crate::heap::ctx::Ctx;
use crate::heap::process::Process;
use crate::term::Term;

pub struct TestProc {
    pub proc_: Box<Process>,
    pub ctx: Box<Ctx>,
}

impl TestProc {
    /// A process with the default heap size.
    pub fn new() -> TestProc {
        TestProc::with_heap(crate::heap::process::DEFAULT_HEAP_WORDS)
    }

    /// A process whose block holds `words` words.
    pub fn with_heap(words: usize) -> TestProc {
        crate::bif::install();
        let mut proc_ = Process::new(Term::pid(1), words);
        let mut ctx = Ctx::new(0);
        ctx.proc_ = &mut *proc_ as *mut Process;
        ctx.hp = proc_.hp;
        ctx.sp = proc_.sp;
        TestProc { proc_, ctx }
    }

    /// The context, bound to the process.
    pub fn ctx(&mut self) -> &mut Ctx {
        &mut self.ctx
    }

    /// Calls a BIF entry point with `args` the way generated code does.
    pub fn call(&mut self, f: crate::code::export::BifFn, args: &[Term]) -> Term {
        f(&mut self.ctx, args.as_ptr())
    }

    /// Calls a BIF body (`fn(&mut Ctx, &[Term; N]) -> Term`).
    pub fn call_body<const N: usize>(
        &mut self,
        f: impl Fn(&mut Ctx, &[Term; N]) -> Term,
        args: &[Term],
    ) -> Term {
        let a: [Term; N] = args.try_into().expect("argument count");
        f(&mut self.ctx, &a)
    }
}

impl Default for TestProc {
    fn default() -> Self {
        TestProc::new()
    }
}
