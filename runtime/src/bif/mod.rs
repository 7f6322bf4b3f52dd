//! The BIF registry: one declarative table per family, merged into one
//! lookup keyed by `{Module, Function, Arity}`. Import resolution at load
//! time consults it, so a BIF call compiles to a direct native call.
//!
//! Calling convention: `extern "C" fn(ctx, args) -> Term`, `args` pointing at
//! `arity` terms (X registers or the context's scratch slots). A BIF
//! returns `NON_VALUE` after recording an exception with `Ctx::error` and
//! friends. BIFs allocate with `Ctx::alloc`, which never moves terms.

pub mod alias;
pub mod arith;
pub mod atomics;
pub mod binary;
pub mod binary_mod;
pub mod boolean;
pub mod builtin_list;
pub mod checksum;
pub mod code;
pub mod code_load;
pub mod code_path;
pub mod compare;
pub mod convert;
pub mod datetime;
pub mod debug;
pub mod dtrace;
pub mod ext;
pub mod float;
pub mod float_fmt;
pub mod fun_refc;
pub mod funinfo;
pub mod gc_request;
pub mod internal_state;
pub mod io;
pub mod iovec;
pub mod list;
pub mod maps;
pub mod math;
pub mod md5;
pub mod memory;
pub mod misc;
pub mod monitor;
pub mod native_name;
pub mod os_env;
pub mod pid_text;
pub mod process;
pub mod pterm;
pub mod re;
pub mod re_engine;
pub mod re_tables;
pub mod reds;
pub mod spawn_opt;
pub mod stacktrace;
pub mod string_num;
pub mod sysflag;
pub mod sysinfo;
pub mod term_internal;
pub mod term_iovec;
#[cfg(test)]
pub mod test_terms;
pub mod time;
pub mod timer_bif;
pub mod tuple;
pub mod types;
pub mod unicode;
pub mod unique;
pub mod zlib;

use crate::term::Term;
use std::collections::HashMap;
use std::sync::OnceLock;

pub use crate::export::BifFn;

/// Makes the registry known to the export table (`export::bif_fn`): call
/// once at start-up, before any export is created.
pub fn install() {
    crate::export::set_bif_lookup(|m, f, a| lookup(m, f, a).map(|d| d.f));
}

#[derive(Clone, Copy)]
pub struct BifDef {
    pub module: &'static str,
    pub name: &'static str,
    pub arity: u32,
    pub f: BifFn,
    /// Allowed in guards (`bif`/`gc_bif` with a fail label).
    pub guard: bool,
}

/// Shorthand used by the per-family tables.
pub const fn bif(module: &'static str, name: &'static str, arity: u32, f: BifFn) -> BifDef {
    BifDef {
        module,
        name,
        arity,
        f,
        guard: false,
    }
}
pub const fn guard_bif(module: &'static str, name: &'static str, arity: u32, f: BifFn) -> BifDef {
    BifDef {
        module,
        name,
        arity,
        f,
        guard: true,
    }
}

/// Reads argument `i`.
/// # Safety
/// `args` must point at at least `i + 1` terms (the registry's arity).
#[inline]
pub unsafe fn arg(args: *const Term, i: usize) -> Term {
    *args.add(i)
}

/// Every family's table. Add a family here once.
const TABLES: &[&[BifDef]] = &[
    sysinfo::BIFS,
    arith::BIFS,
    compare::BIFS,
    types::BIFS,
    convert::BIFS,
    list::BIFS,
    misc::BIFS,
    process::BIFS,
    time::BIFS,
    tuple::BIFS,
    binary::BIFS,
    binary_mod::BIFS,
    boolean::BIFS,
    maps::BIFS,
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
    term_iovec::BIFS,
    term_internal::BIFS,
    debug::BIFS,
    internal_state::BIFS,
    gc_request::BIFS,
    sysflag::BIFS,
    spawn_opt::BIFS,
    native_name::BIFS,
    dtrace::BIFS,
    zlib::BIFS,
    code_path::BIFS,
    code_load::BIFS,
    builtin_list::BIFS,
];

fn registry() -> &'static HashMap<(u64, u64, u32), BifDef> {
    static R: OnceLock<HashMap<(u64, u64, u32), BifDef>> = OnceLock::new();
    R.get_or_init(|| {
        let mut m = HashMap::new();
        for table in TABLES {
            for d in table.iter() {
                let key = (
                    crate::atom::intern(d.module).raw(),
                    crate::atom::intern(d.name).raw(),
                    d.arity,
                );
                m.insert(key, *d);
            }
        }
        m
    })
}

pub fn lookup(m: Term, f: Term, a: u32) -> Option<BifDef> {
    registry().get(&(m.raw(), f.raw(), a)).copied()
}

pub fn all() -> impl Iterator<Item = &'static BifDef> {
    TABLES.iter().flat_map(|t| t.iter())
}
