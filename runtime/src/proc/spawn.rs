//! Creating processes: a fresh heap-and-stack block, the arguments copied
//! in, and the initial call set up so that the scheduler can enter it.
//!
//! A new process for `M:F(Args)` starts with `hooks::done_addr` as the
//! bottom word of its stack (the continuation its initial function returns
//! to, which leaves native code with DONE), `saved_x` = the arguments and
//! `resume` = the address of the export `M:F/A`, loading `M` if needed.
//! If the function does not exist, the process is still created (as in
//! erl, where the child fails, not `spawn`): `start_error` tells the
//! scheduler to raise `error:undef` with the stack trace
//! `[{M, F, Args, []}]` instead of entering code. A fun of the wrong arity
//! is handled the same way (`{badarity, {Fun, []}}`).

use crate::code::export;
use crate::code::module::FunEntry;
use crate::gc::copy;
use crate::heap::process::{Process, StartError, DEFAULT_HEAP_WORDS};
use crate::proc::ptable::{self, ProcRef};
use crate::term::{header_arity, Term, HDR_EXPORT, HDR_FUN};

/// What a new process runs.
#[derive(Clone, Copy)]
pub enum Start {
    /// `M:F(Args)`; `Args` is a proper list.
    Mfa(Term, Term, Term),
    /// A fun of arity 0 (closure or external fun).
    Fun(Term),
}

/// Creates, publishes and enqueues a process running `start`; its terms
/// are copied from wherever they live. With `link`, the new process and
/// `link` (the caller, which must be owned by the calling scheduler) are
/// linked before the child can run.
pub fn spawn(start: Start, link: Option<&mut Process>) -> Term {
    spawn_with_leader(start, link, crate::proc::entity::default_group_leader())
}

/// `spawn` for a process whose group leader is `gl` (the parent's: a new
/// process inherits it).
pub fn spawn_with_leader(start: Start, link: Option<&mut Process>, gl: Term) -> Term {
    spawn_limited(start, link, gl, HeapOpts::default())
}

/// `spawn_with_leader` for a process spawned by the process `parent`.
pub fn spawn_child(start: Start, link: Option<&mut Process>, gl: Term, parent: Term) -> Term {
    let heap = HeapOpts {
        parent,
        ..HeapOpts::default()
    };
    spawn_limited(start, link, gl, heap)
}

/// A new process's heap options (`spawn_opt`) and its parent.
#[derive(Clone, Copy)]
pub struct HeapOpts {
    pub max_heap: crate::proc::max_heap::MaxHeap,
    /// `min_heap_size` in words (a heap-size table entry).
    pub min_heap: usize,
    pub fullsweep_after: u32,
    /// `min_bin_vheap_size` in words (`heap/vheap.rs`).
    pub min_bin_vheap: u64,
    /// The spawning process (`undefined`: erts's own).
    pub parent: Term,
}

impl Default for HeapOpts {
    fn default() -> HeapOpts {
        HeapOpts {
            max_heap: Default::default(),
            min_heap: DEFAULT_HEAP_WORDS,
            fullsweep_after: crate::heap::process::DEFAULT_FULLSWEEP_AFTER,
            min_bin_vheap: crate::heap::vheap::min_bin_vheap(),
            parent: crate::term::atom::am::UNDEFINED,
        }
    }
}

/// `spawn_with_leader` with heap options (`spawn_opt`).
pub fn spawn_limited(start: Start, link: Option<&mut Process>, gl: Term, heap: HeapOpts) -> Term {
    publish(build(start, link, gl, heap))
}

/// A new process set up as `spawn_limited` does, not yet published (so
/// not yet runnable or visible): `spawn_request` finishes it (initial
/// call, reply message, monitor) before it can run.
pub fn build(start: Start, link: Option<&mut Process>, gl: Term, heap: HeapOpts) -> Box<Process> {
    let mut p = Process::new(ptable::new_pid(), heap.min_heap);
    p.group_leader = gl;
    p.parent = heap.parent;
    p.max_heap = heap.max_heap;
    p.min_heap = heap.min_heap;
    p.fullsweep_after = heap.fullsweep_after;
    p.init_vheap(heap.min_bin_vheap);
    // The continuation goes on the empty stack before anything is copied,
    // so it always fits.
    push_word(&mut p, crate::code::hooks::get().done_addr as u64);
    match start {
        Start::Mfa(m, f, args) => {
            let args = copy_into(&mut p, args);
            let v = crate::data::build::list_to_vec(args).unwrap_or_default();
            setup_call(&mut p, m, f, v);
        }
        Start::Fun(fun) => {
            let fun = copy_into(&mut p, fun);
            setup_fun(&mut p, fun);
        }
    }
    if let Some(parent) = link {
        p.links.push(parent.pid);
        parent.links.push(p.pid);
    }
    let (tflags, tracer) = crate::proc::tracing::new_defaults();
    if tflags != 0 {
        crate::proc::tracing::set(&p, tflags, tracer);
    }
    p
}

/// Inserts a set-up process into the table and the run queue.
pub fn publish(p: Box<Process>) -> Term {
    let pid = p.pid;
    let r: ProcRef = ptable::insert(p);
    crate::proc::runq::enqueue(r);
    pid
}

/// Copies `t` into the heap (or a heap fragment) of `p`, which is not
/// running. Literals stay shared, as in BEAM's spawn (`gc::copy`'s module
/// doc): `p` is then marked as holding literal pointers.
pub fn copy_into(p: &mut Process, t: Term) -> Term {
    let keep = copy::Keep::literals();
    let (n, shared) = copy::size_keeping(t, keep);
    if shared {
        p.reads_areas
            .store(true, std::sync::atomic::Ordering::Relaxed);
    }
    if n == 0 {
        return t;
    }
    let mut dst = p.alloc(n);
    let start = dst;
    // SAFETY: `dst` points at `n` fresh contiguous words (heap or
    // fragment), which cannot overlap `t`; the copy fills exactly them.
    unsafe {
        let r = copy::copy_keeping(t, &mut dst, keep);
        crate::data::binary::layout::register_region(p, start, n);
        r
    }
}

/// Pushes a word onto the stack of `p`, which is not running. Collects
/// first if the block is full (`saved_x` must hold only valid terms).
pub fn push_word(p: &mut Process, w: u64) {
    if (p.sp as usize - p.hp as usize) < 8 {
        crate::gc::collect_process(p, 1);
    }
    // SAFETY: at least one free word lies below `sp`.
    unsafe {
        p.sp = p.sp.sub(1);
        *p.sp = w;
    }
}

/// Sets up `p` to call `m:f(args...)` (terms already in its heap) when it
/// is first scheduled; the continuation must already be on its stack.
pub fn setup_call(p: &mut Process, m: Term, f: Term, args: Vec<Term>) {
    let arity = args.len() as u32;
    p.initial = (m, f, arity);
    p.saved_x = args;
    p.start_error = StartError::None;
    p.resume = resolve(m, f, arity);
    if p.resume == 0 {
        let args = std::mem::take(&mut p.saved_x);
        if !crate::proc::on_load::wait_at_start(p, m, f, &args)
            && !via_error_handler(p, m, f, &args)
        {
            p.saved_x = args;
            p.start_error = StartError::Undef;
        }
    }
}

/// The address of `error_handler:undefined_function/3` once it is loaded
/// (erl's boot loads it first), 0 before.
fn error_handler_address() -> usize {
    use crate::term::atom::am;
    export::lookup(am::ERROR_HANDLER, am::UNDEFINED_FUNCTION, 3).map_or(0, |e| e.address())
}

/// Sets up `p`, whose initial call `m:f(args)` is not loaded, to start in
/// `error_handler:undefined_function(m, f, args)` as a BEAM process
/// starting at an unloaded export does: the error handler has the code
/// server load the module (or raises `undef`). False without a loaded
/// error handler, or for the error handler's own module.
fn via_error_handler(p: &mut Process, m: Term, f: Term, args: &[Term]) -> bool {
    let h = error_handler_address();
    if h == 0 || m == crate::term::atom::am::ERROR_HANDLER {
        return false;
    }
    let mut list = crate::term::NIL;
    for &a in args.iter().rev() {
        let c = p.alloc(2);
        // SAFETY: `c` points at 2 freshly allocated words of `p`.
        unsafe {
            *c = a.raw();
            *c.add(1) = list.raw();
        }
        list = Term::list_from_ptr(c);
    }
    p.saved_x = vec![m, f, list];
    p.resume = h;
    true
}

/// The native address of `m:f/arity`, loading `m` on first use; 0 if the
/// function does not exist. Once the error handler is loaded, the module
/// is left to it (and the code server): 0 then too.
pub fn resolve(m: Term, f: Term, arity: u32) -> usize {
    if !m.is_atom() || !f.is_atom() {
        return 0;
    }
    let e = export::get_or_create(m, f, arity);
    let a = e.address();
    if a != 0 {
        return a;
    }
    if error_handler_address() != 0 && m != crate::term::atom::am::ERROR_HANDLER {
        return 0;
    }
    if (crate::code::hooks::get().load_module)(m).is_ok() {
        return e.address();
    }
    0
}

/// Sets up `p` to call the fun `fun` (in its heap) with no arguments.
fn setup_fun(p: &mut Process, fun: Term) {
    // SAFETY: `fun` is a valid term in `p`'s heap; the layouts are the
    // ones module.rs documents.
    unsafe {
        if fun.is_boxed_of(HDR_FUN) {
            let words = fun.boxed_ptr();
            let entry = &*(*words.add(1) as *const FunEntry);
            let nfree = header_arity(*words) - 1;
            let free: Vec<Term> = (0..nfree).map(|i| Term(*words.add(2 + i))).collect();
            p.initial = (entry.module, entry.function(), entry.arity);
            if entry.arity != 0 {
                bad_arity(p, fun);
                return;
            }
            p.saved_x = free;
            p.resume = entry.address();
            if p.resume == 0 {
                // No code (purged, being purged, never loaded): start in
                // `erlang:apply(Fun, [])`, as BEAM's processes started
                // from a fun do, so the call goes where a call of the fun
                // goes (the error handler, or a wait for the purge).
                let initial = p.initial;
                setup_call(
                    p,
                    crate::term::atom::am::ERLANG,
                    crate::term::atom::am::APPLY,
                    vec![fun, crate::term::NIL],
                );
                p.initial = initial;
            }
        } else if fun.is_boxed_of(HDR_EXPORT) {
            let e = &*(*fun.boxed_ptr().add(1) as *const export::Export);
            if e.arity != 0 {
                p.initial = (e.module, e.function, e.arity);
                bad_arity(p, fun);
                return;
            }
            setup_call(p, e.module, e.function, Vec::new());
        } else {
            bad_arity(p, fun);
        }
    }
}

fn bad_arity(p: &mut Process, fun: Term) {
    p.saved_x = vec![fun];
    p.start_error = StartError::BadArity;
}
