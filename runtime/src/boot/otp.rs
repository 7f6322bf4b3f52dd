//! The boot: what erts does in C before any Erlang code runs
//! (`erl_init.c: erl_start()`), after which OTP's own `erl_init` and
//! `init` take over.
//!
//! 1. The 21 preloaded modules are loaded (erl_init checks
//!    `erlang:function_exported(init, boot, 1)`, which is false for a
//!    module not loaded yet).
//! 2. The first process, `<0.0.0>`, runs `erl_init:start(init, BootArgs)`
//!    with the arguments erlexec passes after the first `--`, each a
//!    binary. It is its own group leader, as erts' first process is.
//! 3. The system processes erts spawns from the init process:
//!    `erts_code_purger`, `erts_literal_area_collector` and three
//!    `erts_dirty_process_signal_handler`s, at erts' priorities (the
//!    purger and the collector high: their system tasks and kills must
//!    not wait behind busy normal processes).
//!
//! From then on init reads the boot script through `erl_prim_loader` and
//! starts the kernel application; the VM runs until something halts it.

use crate::data::binary::build::make_binary;
use crate::data::build::list_from_slice;
use crate::heap::ctx::Ctx;
use crate::heap::process::{Process, DEFAULT_HEAP_WORDS};
use crate::sched::{Scheduler, WhenIdle};
use crate::term::atom;
use crate::term::Term;
use std::io::Write;

/// erts' preloaded modules (`erlang:pre_loaded()`), in erts' load order.
pub const PRELOADED: &[&str] = &[
    "erts_code_purger",
    "erl_init",
    "init",
    "prim_buffer",
    "prim_eval",
    "prim_inet",
    "prim_file",
    "zlib",
    "socket_registry",
    "prim_socket",
    "prim_net",
    "prim_zip",
    "erl_prim_loader",
    "erlang",
    "erts_internal",
    "erl_tracer",
    "erts_literal_area_collector",
    "erts_dirty_process_signal_handler",
    "atomics",
    "counters",
    "persistent_term",
];

/// Boots OTP's `init` with `boot_args` (the strings erlexec puts after
/// the emulator's `--`) and runs the VM until a halt; the exit status.
/// `mark_system` is told about the processes erts starts itself (the
/// BIF layer's `erts_internal:is_system_process/1` set; the boot layer
/// cannot name it), true for the dirty signal handlers.
pub fn boot(boot_args: &[String], mark_system: fn(Term, bool)) -> i32 {
    let load = crate::code::hooks::get().load_module;
    for m in PRELOADED {
        if load(atom::intern(m)).is_err() {
            eprintln!("girder: cannot load preloaded module {m}");
            return 1;
        }
    }
    let mut s = Scheduler::new(0);
    let init = first_process(&mut s.ctx, boot_args);
    // (module, dirty signal handler, priority: 0 max, 1 high, 2 normal)
    let system: &[(&str, bool, u8)] = &[
        ("erts_code_purger", false, 1),
        ("erts_literal_area_collector", false, 1),
        ("erts_dirty_process_signal_handler", true, 2),
        ("erts_dirty_process_signal_handler", true, 1),
        ("erts_dirty_process_signal_handler", true, 0),
    ];
    for &(m, dirty, prio) in system {
        let start = crate::proc::spawn::Start::Mfa(
            atom::intern(m),
            atom::intern("start"),
            crate::term::NIL,
        );
        let pid = crate::proc::spawn::spawn_with_leader(start, None, init);
        if let Some(r) = crate::proc::ptable::lookup(pid) {
            // SAFETY: just spawned, and no scheduler runs yet: nothing
            // else touches the process.
            unsafe { (*r.ptr()).pflags.priority = prio };
            // Queued at the default priority when spawned.
            crate::proc::runq::requeue(&r);
        }
        mark_system(pid, dirty);
    }
    mark_system(init, false);
    let code = s.run(WhenIdle::Block).unwrap_or(0);
    let _ = std::io::stdout().flush();
    let _ = std::io::stderr().flush();
    code
}

/// Creates `<0.0.0>`: `erl_init:start(init, [Bin...])`, its own group
/// leader.
fn first_process(ctx: &mut Ctx, boot_args: &[String]) -> Term {
    let mut p = Process::new(crate::proc::ptable::new_pid(), DEFAULT_HEAP_WORDS);
    p.group_leader = p.pid;
    crate::proc::spawn::push_word(&mut p, crate::code::hooks::get().done_addr as u64);
    // Build the arguments with the context bound to `p`.
    let saved = (ctx.proc_, ctx.hp, ctx.sp);
    ctx.proc_ = &mut *p as *mut Process;
    ctx.hp = p.hp;
    ctx.sp = p.sp;
    let bins: Vec<Term> = boot_args
        .iter()
        .map(|a| make_binary(ctx, a.as_bytes()))
        .collect();
    let list = list_from_slice(ctx, &bins);
    p.hp = ctx.hp;
    (ctx.proc_, ctx.hp, ctx.sp) = saved;
    crate::proc::spawn::setup_call(
        &mut p,
        atom::intern("erl_init"),
        atom::intern("start"),
        vec![atom::intern("init"), list],
    );
    crate::proc::spawn::publish(p)
}
