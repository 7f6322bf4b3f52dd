//! Running `-on_load` functions (see `code::on_load`), as OTP's code
//! server does for BEAM: the function runs in a fresh process; when it
//! returns `ok` the module's exports become callable, anything else (or a
//! crash) unloads the module. Callers that need the module meanwhile
//! continue in `'$girder_trap'` functions (`bif::on_load`) that wait for
//! the outcome; so does a new process whose initial call is in such a
//! module (`spawn::setup_call`).

use crate::code::export::{self, Export};
use crate::code::module;
use crate::code::on_load::{self, State};
use crate::data::build::list_from_slice;
use crate::heap::ctx::Ctx;
use crate::heap::process::{Process, StartError, DEFAULT_HEAP_WORDS};
use crate::proc::ptable::ProcRef;
use crate::term::atom::{self, am};
use crate::term::Term;
use std::sync::OnceLock;

/// Starts `m`'s on_load function in a new process if it is prepared and
/// not running yet.
pub fn start_if_prepared(m: Term) {
    if on_load::state(m) != Some(State::Prepared) {
        return;
    }
    let mut p = Process::new(crate::proc::ptable::new_pid(), DEFAULT_HEAP_WORDS);
    let pid = p.pid;
    let Some((f, entry)) = on_load::start(m, || pid) else {
        crate::proc::ptable::release(pid);
        return;
    };
    p.group_leader = crate::proc::entity::default_group_leader();
    crate::proc::spawn::push_word(&mut p, crate::code::hooks::get().done_addr as u64);
    p.initial = (m, f, 0);
    p.saved_x = Vec::new();
    p.start_error = StartError::None;
    p.resume = entry;
    crate::proc::spawn::publish(p);
}

/// Whether the calling process is the one running `m`'s on_load function
/// (it must not wait for itself).
fn runs_on_load_of(ctx: &mut Ctx, m: Term) -> bool {
    // SAFETY: runtime calls run with their process bound to the context.
    let me = unsafe { ctx.process() }.pid;
    on_load::module_run_by(me) == Some(m)
}

/// For a call of `e` (arguments in x0..) whose module waits for its
/// on_load function: starts it if needed and returns the address of the
/// waiting function, with `[M, F, Args]` in x0..x2; 0 if `e`'s module
/// does not wait.
pub fn wait_for_call(ctx: &mut Ctx, e: &Export) -> usize {
    if on_load::state(e.module).is_none() || runs_on_load_of(ctx, e.module) {
        return 0;
    }
    start_if_prepared(e.module);
    let args: Vec<Term> = ctx.x[..e.arity as usize].to_vec();
    let list = list_from_slice(ctx, &args);
    ctx.x[0] = e.module;
    ctx.x[1] = e.function;
    ctx.x[2] = list;
    wait_export().address()
}

/// `'$girder_trap':on_load_wait/3`.
pub fn wait_export() -> &'static Export {
    static E: OnceLock<&'static Export> = OnceLock::new();
    E.get_or_init(|| {
        export::get_or_create(
            atom::intern("$girder_trap"),
            atom::intern("on_load_wait"),
            3,
        )
    })
}

/// Ends `m`'s wait; on failure the waiting version is purged. The
/// context is bound to the process that ran the function.
fn finish(ctx: &mut Ctx, m: Term, ok: bool) {
    if !crate::code::prepared::complete_on_load(m, ok) || ok {
        return;
    }
    if let Some(v) = module::take_on_load(m) {
        crate::proc::purge::purge(ctx, v);
    }
}

struct Hook;

impl crate::proc::entity::ExitHook for Hook {
    fn on_done(&self, ctx: &mut Ctx, r: &ProcRef) -> bool {
        if let Some(m) = on_load::module_run_by(r.pid()) {
            let ok = ctx.x[0] == am::OK;
            finish(ctx, m, ok);
        }
        false
    }
    fn on_exit(&self, ctx: &mut Ctx, pid: Term, _reason: Term) -> bool {
        if let Some(m) = on_load::module_run_by(pid) {
            finish(ctx, m, false);
        }
        false
    }
}

/// Registers the exit hook that sees on_load functions end (once;
/// `bif::install` calls it).
pub fn install() {
    static ONCE: std::sync::Once = std::sync::Once::new();
    ONCE.call_once(|| crate::proc::entity::add_exit_hook(&Hook));
}

/// Sets up `p` (not running), whose initial call `m:f(args)` is in a
/// module waiting for its on_load function, to wait in
/// `on_load_wait/3` first. False if `m` does not wait.
pub fn wait_at_start(p: &mut Process, m: Term, f: Term, args: &[Term]) -> bool {
    if on_load::state(m).is_none() {
        return false;
    }
    start_if_prepared(m);
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
    p.resume = wait_export().address();
    p.resume != 0
}
