//! The `refc` item of `erlang:fun_info/2` for local funs: BEAM's reference
//! count of the fun's entry, which is one for the loaded module plus one
//! per fun object that exists (on any process heap, in any message queue;
//! BEAM drops an object's count when a garbage collection frees it).
//!
//! Girder keeps no such count; it computes it when asked: the fun objects
//! of that entry reachable from the roots of every live process (the
//! caller's X registers (the BIF's arguments) and stack, and every
//! process's stack, saved X registers, message queue, inbox, dictionary
//! and exit reason) and from the objects of every ETS table, plus one.
//! That equals BEAM's number right after a collection, which is when the
//! OTP tests look at it. Counting when asked costs fun creation and
//! garbage collection nothing; a live count would cost an atomic update
//! per fun made and a sweep of a per-process list of funs at every
//! collection, as BEAM pays. Other processes are read in place: with one
//! scheduler thread none of them is running while a BIF runs (as for
//! `process_info/2`).

use crate::code::module::FunEntry;
use crate::heap::ctx::Ctx;
use crate::heap::process::Process;
use crate::term::*;
use std::collections::HashSet;

/// Counts the closures of entry `fe` reachable from `roots`, each object
/// once (`seen` holds the objects visited so far).
struct Counter {
    fe: *const FunEntry,
    seen: HashSet<u64>,
    stack: Vec<Term>,
    count: usize,
}

impl Counter {
    fn push(&mut self, t: Term) {
        if t.is_list() || t.is_boxed() {
            self.stack.push(t);
        }
    }

    /// Walks everything reachable from the pushed terms.
    fn drain(&mut self) {
        while let Some(t) = self.stack.pop() {
            if !self.seen.insert(t.raw() & !TAG_PRIMARY_MASK) {
                continue;
            }
            // SAFETY: list and boxed terms reachable from a process's
            // roots point at valid objects; the GC's `term_fields` says
            // which payload words are terms.
            unsafe {
                if t.is_list() {
                    self.push(t.head());
                    self.push(t.tail());
                    continue;
                }
                let p = t.boxed_ptr();
                let hdr = *p;
                if header_subtag(hdr) == HDR_FUN && *p.add(1) as *const FunEntry == self.fe {
                    self.count += 1;
                }
                let (first, n) = crate::gc::term_fields(hdr);
                for i in 0..n {
                    self.push(Term(*p.add(1 + first + i)));
                }
            }
        }
    }

    /// The roots a process keeps while it is not running.
    /// # Safety
    /// `p` must not be running, and its stack must be `[p.sp, stack_top)`.
    unsafe fn process_roots(&mut self, p: &Process, sp: *const u64) {
        let top = p.stack_top() as *const u64;
        let mut w = sp;
        while w < top {
            self.push_stack_word(*w);
            w = w.add(1);
        }
        for &t in &p.saved_x {
            self.push(t);
        }
        for m in &p.msgq {
            self.push(m.term);
        }
        for m in p.inbox.lock().unwrap().iter() {
            self.push(m.term);
        }
        for &(k, v) in &p.dict {
            self.push(k);
            self.push(v);
        }
        self.push(p.exit_reason);
    }

    /// A stack word: only list and boxed words are terms (catch tags are
    /// immediates, continuation addresses look like headers).
    fn push_stack_word(&mut self, w: u64) {
        let tag = w & TAG_PRIMARY_MASK;
        if tag == TAG_PRIMARY_LIST || tag == TAG_PRIMARY_BOXED {
            self.stack.push(Term(w));
        }
    }
}

/// `fun_info(Fun, refc)` for the closure `f` (a HDR_FUN term), called
/// with `args` (its `arity` BIF arguments, live X registers of the caller).
pub fn refc(ctx: &mut Ctx, f: Term, args: &[Term]) -> i64 {
    // SAFETY: a closure's word 1 is its FunEntry.
    let fe = unsafe { *f.boxed_ptr().add(1) } as *const FunEntry;
    let mut c = Counter {
        fe,
        seen: HashSet::new(),
        stack: Vec::new(),
        count: 0,
    };
    // SAFETY: the running process: its stack is [ctx.sp, stack_top).
    let sp = ctx.sp as *const u64;
    let me = unsafe {
        let p = ctx.process();
        let top = p.stack_top() as *const u64;
        let mut w = sp;
        while w < top {
            c.push_stack_word(*w);
            w = w.add(1);
        }
        for m in &p.msgq {
            c.push(m.term);
        }
        for m in p.inbox.lock().unwrap().iter() {
            c.push(m.term);
        }
        for &(k, v) in &p.dict {
            c.push(k);
            c.push(v);
        }
        p.pid
    };
    for &a in args {
        c.push(a);
    }
    c.drain();
    for pid in crate::proc::ptable::all_pids() {
        if pid == me {
            continue;
        }
        let Some(r) = crate::proc::ptable::lookup(pid) else {
            continue;
        };
        if !r.is_alive()
            || r.state().load(std::sync::atomic::Ordering::SeqCst)
                == crate::heap::process::pstate::RUNNING
        {
            continue;
        }
        // Each process has its own heap: objects are counted per process.
        c.seen.clear();
        // SAFETY: not running (one scheduler; see the module comment);
        // `r` keeps the process allocated.
        unsafe {
            let p = &*r.ptr();
            c.process_roots(p, p.sp);
        }
        c.drain();
    }
    c.ets_copies();
    1 + c.count as i64
}

impl Counter {
    /// The copies held by ETS tables: BEAM's stored objects keep a
    /// reference each (also the deleted objects a fixed table keeps).
    fn ets_copies(&mut self) {
        for tab in crate::ets::all_tables() {
            let data = tab.read();
            let mut visit = |obj: &crate::ets::object::Stored| {
                // A compressed object's funs are in its decoded view.
                obj.with_term(|t| {
                    self.push(t);
                    self.drain();
                });
            };
            data.for_each_kept(&mut visit);
            data.for_each(false, &mut |obj| {
                visit(obj);
                true
            });
        }
    }
}
