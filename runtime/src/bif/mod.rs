//! The BIF registry: one declarative table per family, merged into one
//! lookup keyed by `{Module, Function, Arity}`. Import resolution at load
//! time consults it, so a BIF call compiles to a direct native call.
//!
//! # Calling convention
//! A BIF body is a plain Rust function
//! `fn(ctx: &mut Ctx, args: &[Term; N]) -> Term` (or `&[Term]` for bodies
//! shared between arities). A table registers it with
//! `bif!("erlang", "length", 1, length_1)` (`guard_bif!` for guard BIFs,
//! `bif!(.., flag::X | flag::Y)` for other flags): the macro generates the
//! native entry point generated code calls directly,
//! `extern "C" fn(ctx, *const Term) -> Term` (`BifFn`), which copies the
//! `N` argument words into an array (the one unsafe step, `read_args`) and
//! calls the body; the body is inlined into it or reached by one jump. The
//! array is a copy, so a body may write X registers while using its
//! arguments. A body's arity is checked against its registration at
//! compile time (`&[Term; N]` with the registered `N`).
//!
//! # Results
//! A BIF returns a term, or `NON_VALUE` and then one of:
//! - **exception**: it recorded class and reason with `Ctx::error`,
//!   `Ctx::badarg` and friends (`ctx.bif_trap == 0`);
//! - **trap**: `trap::trap` put the arguments of the code to continue in
//!   into x0.. and its entry value into `ctx.bif_trap`: the caller jumps
//!   there as if it had called it (a non-tail call's continuation stays on
//!   the stack, so the target returns to the code after the call);
//! - **yield**: a trap after setting the reductions to zero (`trap::yield_to`):
//!   the target is a BIF stub that yields at its entry, so the scheduler
//!   runs other processes before the BIF resumes where it stopped.
//!
//! Only BIFs flagged `flag::TRAPS` may trap; the JIT gives their call sites
//! the trap path (and a continuation entry point), every other call site
//! is unchanged. Guards (`bif`/`gc_bif` instructions) call a trapping
//! BIF's run-to-completion variant `BifDef::full` instead, except that a
//! `gc_bif` outside a guard of a BIF with a step function (`BifDef::step`:
//! `length/1`) yields in place (`jit/src/lower/bif_step.rs`).
//!
//! BIFs allocate with `Ctx::alloc`, which never moves terms.

pub mod alias;
pub mod alloc_info;
pub mod arith;
pub mod atomics;
pub mod b2t_yield;
pub mod beamfile;
pub mod bin_yield;
pub mod binary;
pub mod binary_mod;
pub mod boolean;
pub mod builtin_list;
pub mod checksum;
pub mod code;
pub mod code_load;
pub mod code_prepare;
pub mod code_purge;
pub mod compare;
pub mod convert;
pub mod crash_dump;
pub mod datetime;
pub mod debug;
pub mod debug_code;
pub mod debug_copy;
pub mod debug_map;
pub mod decode_packet;
pub mod display_string;
pub mod dtrace;
pub mod erl_tracer;
pub mod ets;
pub mod ets_data;
pub mod ets_info;
pub mod ets_replace;
pub mod ets_select;
pub mod ext;
pub mod float;
pub mod float_fmt;
pub mod fun_refc;
pub mod funinfo;
pub mod gc_request;
pub mod hibernate;
pub mod internal_state;
pub mod internal_state_more;
pub mod internal_state_nc;
pub mod internal_state_probe;
pub mod io;
pub mod iovec;
pub mod link_list;
pub mod list;
pub mod list_yield;
pub mod maps;
pub mod match_spec;
pub mod math;
pub mod md5;
pub mod memory;
pub mod misc;
pub mod monitor;
pub mod native_name;
pub mod node_local;
pub mod node_mon;
pub mod on_load;
pub mod os_env;
pub mod os_signal;
pub mod pid_text;
pub mod port;
pub mod prim_buffer;
pub mod prim_file;
pub mod prim_file_fs;
pub mod prim_socket;
pub mod proc_flags;
pub mod proc_heap_info;
pub mod proc_info_more;
pub mod process;
pub mod process_flag3;
pub mod pterm;
pub mod re;
pub mod re_engine;
pub mod re_tables;
pub mod reds;
pub mod sched_flags;
pub mod seq_trace;
pub mod spawn_opt;
pub mod spawn_request;
pub mod stack_limit;
pub mod stacktrace;
pub mod statistics;
pub mod string_num;
pub mod suspend;
pub mod sysflag;
pub mod sysinfo;
pub mod sysinfo_more;
pub mod sysproc;
pub mod system_monitor;
pub mod t2b_yield;
pub mod term_internal;
#[cfg(test)]
pub mod test_terms;
pub mod time;
pub mod timer_bif;
pub mod trace;
pub mod trace_bp;
pub mod trace_call;
pub mod trace_export;
pub mod trace_msg;
pub mod trace_pattern;
pub mod trace_ret_to;
pub mod trace_time;
pub mod tuple;
pub mod types;
pub mod unicode;
pub mod unique;
pub mod zlib;

use crate::heap::ctx::Ctx;
use crate::term::Term;
use std::collections::HashMap;
use std::sync::OnceLock;

pub use crate::code::export::BifFn;

/// Makes the registry known to the export table (`export::bif_fn`) and
/// registers the services lower layers call upwards (the `max_heap_size`
/// kill, ETS's exit handling, retiring old module versions): call once at
/// start-up, before any export is created.
pub fn install() {
    crate::code::export::set_bif_lookup(
        |m, f, a| lookup(m, f, a).map(|d| d.f),
        |m, f, a| lookup(m, f, a).map(|d| d.no_trap()),
    );
    crate::heap::max_heap::set_kill(crate::proc::max_heap::deliver_kill);
    crate::ets::owner::install();
    crate::nif::prim_file::handle::install();
    crate::nif::prim_socket::install();
    crate::proc::fd_watch::set_poller(crate::proc::fd_watch::Poller {
        watch: crate::io::port::poll::watch_socket,
        unwatch: crate::io::port::poll::unwatch,
    });
    crate::proc::on_load::install();
    crate::code::module::set_retire(crate::proc::purge::retire);
    crate::io::brk::set_hooks(crate::io::brk::Hooks {
        info: crash_dump::break_info,
        process: crash_dump::break_process,
        dump: crash_dump::write_requested,
    });
    trace::install();
}

pub mod trap;

/// A BIF's in-instruction step (`BifDef::step`): works on a state of a
/// few words (initially the arguments, then NIL), returns the result, or
/// NON_VALUE with `ctx.bif_trap == 0` for an exception (its frame already
/// recorded) or `!= 0` to be called again with the updated state after
/// the process yields. Generated code keeps the state in X registers above
/// the live ones across the yield (BEAM's `i_length`).
pub type StepFn = extern "C" fn(ctx: &mut Ctx, state: *mut Term) -> Term;

/// Registry flags (`BifDef::flags`).
pub mod flag {
    /// Allowed in guards (`bif`/`gc_bif` with a fail label).
    pub const GUARD: u32 = 1;
    /// Needs its call site's location: generated code stores it in
    /// `Ctx::exc_loc` before the call (`process_info/2`'s
    /// `current_stacktrace` starts there).
    pub const LOCATION: u32 = 2;
    /// May return a trap or a yield (see the module comment). Must come
    /// with a run-to-completion variant (`full!`) for guard call sites.
    pub const TRAPS: u32 = 4;
    /// At a `bif`/`gc_bif` instruction a failure adds no frame of its own:
    /// BEAM's loader turns the call into an instruction (unary `+`).
    pub const NO_FRAME: u32 = 8;
    /// Its result is the status to leave native code with (it stored sp,
    /// hp, the resume address and the live count itself), or NON_VALUE
    /// for an exception: `erlang:hibernate/3`.
    pub const LEAVES: u32 = 16;
}

#[derive(Clone, Copy)]
pub struct BifDef {
    pub module: &'static str,
    pub name: &'static str,
    pub arity: u32,
    pub f: BifFn,
    /// `flag::*` bits.
    pub flags: u32,
    /// For `flag::TRAPS` BIFs: the same BIF run to completion (never
    /// traps), for call sites that cannot continue elsewhere.
    pub full: Option<BifFn>,
    /// A step function and its state size in words, for `gc_bif`
    /// instructions outside guards, which then yield in place.
    pub step: Option<(StepFn, u32)>,
}

impl BifDef {
    pub const fn new(
        module: &'static str,
        name: &'static str,
        arity: u32,
        f: BifFn,
        flags: u32,
    ) -> BifDef {
        BifDef {
            module,
            name,
            arity,
            f,
            flags,
            full: None,
            step: None,
        }
    }
    /// Adds a step function with a state of `words` words (see `StepFn`).
    pub const fn with_step(self, step: StepFn, words: u32) -> BifDef {
        BifDef {
            step: Some((step, words)),
            ..self
        }
    }
    /// A trapping BIF with its run-to-completion variant.
    pub const fn with_full(self, full: BifFn) -> BifDef {
        BifDef {
            full: Some(full),
            flags: self.flags | flag::TRAPS,
            ..self
        }
    }
    pub const fn has(&self, f: u32) -> bool {
        self.flags & f != 0
    }
    /// Allowed in guards.
    pub const fn guard(&self) -> bool {
        self.has(flag::GUARD)
    }
    /// The entry to call where the caller cannot follow a trap (guards,
    /// `bif`/`gc_bif` instructions, runtime code).
    pub fn no_trap(&self) -> BifFn {
        self.full.unwrap_or(self.f)
    }
}

/// Copies a BIF's `N` arguments out of the argument area.
/// # Safety
/// `p` points at `N` initialised terms (X registers or scratch slots).
#[inline(always)]
pub unsafe fn read_args<const N: usize>(p: *const Term) -> [Term; N] {
    std::ptr::read(p as *const [Term; N])
}

/// `native!(body, N)`: the `BifFn` entry point of a body
/// `fn(&mut Ctx, &[Term; N]) -> Term`.
macro_rules! native {
    ($body:path, $n:literal) => {{
        extern "C" fn shim(
            ctx: &mut $crate::heap::ctx::Ctx,
            args: *const $crate::term::Term,
        ) -> $crate::term::Term {
            // SAFETY: every caller of a BIF entry (generated code, the BIF
            // stubs, `native::call`) passes its registered arity of terms.
            let a = unsafe { $crate::bif::read_args::<$n>(args) };
            $body(ctx, &a)
        }
        shim as $crate::code::export::BifFn
    }};
}
pub(crate) use native;

/// `bif!(M, F, A, body)` or `bif!(M, F, A, body, flags)`: a registry entry.
macro_rules! bif {
    ($m:literal, $f:literal, $n:literal, $body:path) => {
        $crate::bif::BifDef::new($m, $f, $n, $crate::bif::native!($body, $n), 0)
    };
    ($m:literal, $f:literal, $n:literal, $body:path, $flags:expr) => {
        $crate::bif::BifDef::new($m, $f, $n, $crate::bif::native!($body, $n), $flags)
    };
}
pub(crate) use bif;

/// `guard_bif!(M, F, A, body)`: a BIF allowed in guards.
macro_rules! guard_bif {
    ($m:literal, $f:literal, $n:literal, $body:path) => {
        $crate::bif::bif!($m, $f, $n, $body, $crate::bif::flag::GUARD)
    };
}
pub(crate) use guard_bif;

/// Every family's table. Add a family here once.
const TABLES: &[&[BifDef]] = &[
    trace::BIFS,
    trace_call::BIFS,
    trace_pattern::BIFS,
    sysinfo::BIFS,
    port::BIFS,
    arith::BIFS,
    compare::BIFS,
    types::BIFS,
    convert::BIFS,
    list::BIFS,
    misc::BIFS,
    node_local::BIFS,
    process::BIFS,
    process_flag3::BIFS,
    time::BIFS,
    statistics::BIFS,
    tuple::BIFS,
    binary::BIFS,
    binary_mod::BIFS,
    boolean::BIFS,
    maps::BIFS,
    match_spec::BIFS,
    float::BIFS,
    math::BIFS,
    monitor::BIFS,
    alias::BIFS,
    timer_bif::BIFS,
    datetime::BIFS,
    memory::BIFS,
    atomics::BIFS,
    unicode::BIFS,
    code::BIFS,
    io::BIFS,
    pterm::BIFS,
    os_env::BIFS,
    os_signal::BIFS,
    funinfo::BIFS,
    reds::BIFS,
    ext::BIFS,
    re::BIFS,
    iovec::BIFS,
    checksum::BIFS,
    string_num::BIFS,
    unique::BIFS,
    md5::BIFS,
    pid_text::BIFS,
    t2b_yield::BIFS,
    term_internal::BIFS,
    debug::BIFS,
    debug_code::BIFS,
    decode_packet::BIFS,
    internal_state::BIFS,
    alloc_info::BIFS,
    debug_copy::BIFS,
    gc_request::BIFS,
    hibernate::BIFS,
    sysflag::BIFS,
    spawn_opt::BIFS,
    spawn_request::BIFS,
    suspend::BIFS,
    seq_trace::BIFS,
    system_monitor::BIFS,
    native_name::BIFS,
    dtrace::BIFS,
    zlib::BIFS,
    prim_buffer::BIFS,
    erl_tracer::BIFS,
    code_load::BIFS,
    code_prepare::BIFS,
    code_purge::BIFS,
    beamfile::BIFS,
    builtin_list::BIFS,
    trap::BIFS,
    list_yield::BIFS,
    bin_yield::BIFS,
    b2t_yield::BIFS,
    debug_map::BIFS,
    ets::BIFS,
    ets_data::BIFS,
    ets_select::BIFS,
    display_string::BIFS,
    prim_file::BIFS,
    prim_socket::BIFS,
    on_load::BIFS,
    prim_file_fs::BIFS,
    sysproc::BIFS,
];

type Registry = HashMap<(u64, u64, u32), BifDef>;

/// Merges `tables` into one lookup. A `{M, F, A}` registered twice, or a
/// trapping BIF without its run-to-completion variant, is an error.
pub fn build_registry(tables: &[&[BifDef]]) -> Result<Registry, String> {
    let mut m = HashMap::new();
    for table in tables {
        for d in table.iter() {
            let key = (
                crate::term::atom::intern(d.module).raw(),
                crate::term::atom::intern(d.name).raw(),
                d.arity,
            );
            if d.has(flag::TRAPS) && d.full.is_none() {
                return Err(format!(
                    "BIF {}:{}/{} may trap but has no run-to-completion variant",
                    d.module, d.name, d.arity
                ));
            }
            if m.insert(key, *d).is_some() {
                return Err(format!(
                    "BIF {}:{}/{} registered twice",
                    d.module, d.name, d.arity
                ));
            }
        }
    }
    Ok(m)
}

fn registry() -> &'static Registry {
    static R: OnceLock<Registry> = OnceLock::new();
    // An inconsistent table is a bug in the tables themselves (a unit test
    // builds the real registry), never something user input can cause.
    R.get_or_init(|| build_registry(TABLES).unwrap_or_else(|e| panic!("{e}")))
}

pub fn lookup(m: Term, f: Term, a: u32) -> Option<BifDef> {
    registry().get(&(m.raw(), f.raw(), a)).copied()
}

/// The same as `lookup` (the compiled-code cache's name for it, from when
/// two boots registered different sets).
pub fn lookup_registered(m: Term, f: Term, a: u32) -> Option<BifDef> {
    lookup(m, f, a)
}

/// Every registration, in table order.
pub fn all() -> impl Iterator<Item = &'static BifDef> {
    TABLES.iter().flat_map(|t| t.iter())
}

/// The same as `all` (the compiled-code cache's name for it).
pub fn all_registered() -> impl Iterator<Item = &'static BifDef> {
    all()
}
