//! Code BIFs: `erlang:module_loaded/1`, `loaded/0`, `pre_loaded/0`,
//! `function_exported/3` and `get_module_info/1,2` (what every module's
//! `module_info/0,1` calls).

use super::{bif, BifDef};
use crate::code::module;
use crate::data::build::{list_from_slice, make_tuple};
use crate::heap::ctx::Ctx;
use crate::term::atom::{self, am};
use crate::term::{Term, NIL};

pub const BIFS: &[BifDef] = &[
    bif!("erlang", "module_loaded", 1, module_loaded_1),
    bif!("erlang", "loaded", 0, loaded_0),
    bif!("erlang", "pre_loaded", 0, pre_loaded_0),
    bif!("erlang", "function_exported", 3, function_exported_3),
    bif!("erlang", "get_module_info", 1, get_module_info_1),
    bif!("erlang", "get_module_info", 2, get_module_info_2),
];

/// The modules of erts' `ebin` (erts 13.1.5), which BEAM loads before any
/// Erlang code runs, in the order of its preload table as `pre_loaded/0`
/// lists them. Girder loads them from that directory at first use.
#[rustfmt::skip]
const PRE_LOADED: &[&str] = &[
    "persistent_term", "counters", "atomics", "erts_dirty_process_signal_handler",
    "erts_literal_area_collector", "erl_tracer", "erts_internal", "erlang",
    "erl_prim_loader", "prim_zip", "prim_net", "prim_socket", "socket_registry", "zlib",
    "prim_file", "prim_inet", "prim_eval", "prim_buffer", "init", "erl_init",
    "erts_code_purger",
];

fn pre_loaded_0(ctx: &mut Ctx, _args: &[Term; 0]) -> Term {
    let mods: Vec<Term> = PRE_LOADED.iter().map(|m| atom::intern(m)).collect();
    list_from_slice(ctx, &mods)
}

fn module_loaded_1(ctx: &mut Ctx, args: &[Term; 1]) -> Term {
    let m = args[0];
    if !m.is_atom() {
        return ctx.badarg();
    }
    Term::boolean(module::get(m).is_some())
}

/// `erlang:loaded/0`: every loaded module (in no particular order).
fn loaded_0(ctx: &mut Ctx, _args: &[Term; 0]) -> Term {
    let ms = module::loaded();
    list_from_slice(ctx, &ms)
}

/// Whether `m:f/a` is an exported function of a loaded module or a BIF.
pub fn is_exported(m: Term, f: Term, a: u32) -> bool {
    if crate::bif::lookup(m, f, a).is_some() {
        return true;
    }
    module::get(m).is_some_and(|mi| mi.exports.iter().any(|&(ef, ea)| ef == f && ea == a))
}

fn function_exported_3(ctx: &mut Ctx, args: &[Term; 3]) -> Term {
    let (m, f, a) = (args[0], args[1], args[2]);
    if !m.is_atom() || !f.is_atom() || !a.is_small() || a.small_value() < 0 {
        return ctx.badarg();
    }
    Term::boolean(is_exported(m, f, a.small_value() as u32))
}

/// The value of one `module_info` key, or None (badarg).
fn info_item(ctx: &mut Ctx, mi: &module::ModuleInfo, key: &str) -> Option<Term> {
    Some(match key {
        "module" => mi.name,
        // The compiler writes `ExpT` in reverse code order; BEAM lists a
        // freshly loaded module's exports in code order (the order its
        // loader creates their export entries).
        "functions" => {
            let items: Vec<Term> = mi
                .functions
                .iter()
                .map(|&(f, a)| make_tuple(ctx, &[f, Term::small(a as i64)]))
                .collect();
            list_from_slice(ctx, &items)
        }
        "exports" => {
            let items: Vec<Term> = mi
                .exports
                .iter()
                .rev()
                .map(|&(f, a)| make_tuple(ctx, &[f, Term::small(a as i64)]))
                .collect();
            list_from_slice(ctx, &items)
        }
        "attributes" => mi.attributes,
        "compile" => mi.compile_info,
        // NIFs: the registered functions replacing `nif_error` stubs are
        // girder's BIFs, not NIF libraries, except erl_tracer's (erts'
        // built-in NIF module, which BEAM lists).
        "nifs" if mi.name == atom::intern("erl_tracer") => {
            let items: Vec<Term> = [("enabled", 3), ("trace", 5)]
                .iter()
                .map(|&(f, a)| make_tuple(ctx, &[atom::intern(f), Term::small(a)]))
                .collect();
            list_from_slice(ctx, &items)
        }
        "nifs" => NIL,
        "md5" => crate::data::binary::build::make_binary(ctx, &mi.md5),
        // HiPE's native code: none (girder's JIT code is not "native" in
        // this sense, as BEAM's JIT code is not).
        "native" => am::FALSE,
        "native_addresses" => NIL,
        _ => return None,
    })
}

fn get_module_info_1(ctx: &mut Ctx, args: &[Term; 1]) -> Term {
    let m = args[0];
    let Some(mi) = m.is_atom().then(|| module::get(m)).flatten() else {
        return ctx.badarg();
    };
    let mut items = Vec::new();
    for key in ["module", "exports", "attributes", "compile", "md5"] {
        if let Some(v) = info_item(ctx, mi, key) {
            items.push(make_tuple(ctx, &[atom::intern(key), v]));
        }
    }
    list_from_slice(ctx, &items)
}

fn get_module_info_2(ctx: &mut Ctx, args: &[Term; 2]) -> Term {
    let (m, k) = (args[0], args[1]);
    let Some(mi) = m.is_atom().then(|| module::get(m)).flatten() else {
        return ctx.badarg();
    };
    if !k.is_atom() {
        return ctx.badarg();
    }
    match info_item(ctx, mi, atom::name(k)) {
        Some(v) => v,
        None => ctx.badarg(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bifs_count_as_exported() {
        let e = atom::intern("erlang");
        assert!(is_exported(e, atom::intern("display"), 1));
        assert!(!is_exported(
            atom::intern("no_such_mod_x"),
            atom::intern("f"),
            0
        ));
    }
}
