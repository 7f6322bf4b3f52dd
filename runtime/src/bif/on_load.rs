//! Waiting for `-on_load` functions (`abi::on_load` runs them) and
//! `erlang:load_nif/2`.
//!
//! A NIF library is Rust code here: a module's NIFs are the functions
//! registered for it in the BIF registry, which replace its Erlang stubs
//! when it loads (`prim_file`, `zlib`, `prim_buffer`, ...). So
//! `load_nif/2` succeeds, ignoring the path, when the calling module has
//! registered functions, and otherwise fails as erl does for a library
//! that does not exist.

use super::trap::{self, target};
use super::{bif, flag, native, BifDef};
use crate::code::export;
use crate::code::on_load;
use crate::data::build::{list_to_vec, make_string, make_tuple};
use crate::heap::ctx::Ctx;
use crate::proc::on_load::{start_if_prepared, wait_export};
use crate::term::atom::{self, am};
use crate::term::{Term, NON_VALUE};

pub const BIFS: &[BifDef] = &[
    bif!("$girder_trap", "on_load_wait", 3, on_load_wait_3).with_full(native!(on_load_wait_3, 3)),
    bif!("$girder_trap", "on_load_result", 2, on_load_result_2)
        .with_full(native!(on_load_result_2, 2)),
    bif!("erlang", "load_nif", 2, load_nif_2, flag::LOCATION),
];

/// A call `M:F(Args)` waiting for `M`'s on_load function: made when it
/// succeeded, `undef` (as for a module that does not exist) when it
/// failed.
fn on_load_wait_3(ctx: &mut Ctx, args: &[Term; 3]) -> Term {
    let (m, f, list) = (args[0], args[1], args[2]);
    let argv = list_to_vec(list).unwrap_or_default();
    let e = export::get_or_create(m, f, argv.len() as u32);
    if e.address() != 0 {
        return trap::trap(ctx, e, &argv);
    }
    if on_load::state(m).is_some() {
        start_if_prepared(m);
        return trap::yield_to(ctx, wait_export(), args);
    }
    let top = make_tuple(ctx, &[m, f, list, crate::term::NIL]);
    ctx.error(am::UNDEF);
    ctx.exc_top = top;
    ctx.exc_callee = true;
    NON_VALUE
}

/// A load (`code:ensure_loaded/1`, `code:load_binary/3`) waiting for `M`'s
/// on_load function: `Result` when it succeeded, else
/// `{error, on_load_failure}`.
fn on_load_result_2(ctx: &mut Ctx, args: &[Term; 2]) -> Term {
    let m = args[0];
    if on_load::state(m).is_some() {
        start_if_prepared(m);
        let t = target(trap::MODULE, "on_load_result", 2);
        return trap::yield_to(ctx, t, args);
    }
    if crate::code::module::get(m).is_some() {
        return args[1];
    }
    make_tuple(ctx, &[am::ERROR, atom::intern("on_load_failure")])
}

/// `result`, the answer of a load of `m`, once `m`'s on_load function (if
/// it has one waiting) has run: a trap to `on_load_result/2` when it must
/// wait. The process running the function itself does not wait.
pub fn after_on_load(ctx: &mut Ctx, m: Term, result: Term) -> Term {
    if on_load::state(m).is_none() {
        return result;
    }
    // SAFETY: BIFs run with their process bound to the context.
    let me = unsafe { ctx.process() }.pid;
    if on_load::module_run_by(me) == Some(m) {
        return result;
    }
    start_if_prepared(m);
    let t = target(trap::MODULE, "on_load_result", 2);
    trap::trap(ctx, t, &[m, result])
}

/// The module of the code calling the BIF (from its call site's location).
fn calling_module(ctx: &mut Ctx) -> Option<Term> {
    let fr = super::stacktrace::caller_frame(ctx)?;
    // SAFETY: `caller_frame` builds a `{M, F, A, Loc}` tuple.
    Some(unsafe { fr.tuple_elem(0) })
}

/// The characters of a NIF library path (a flat string or a binary).
fn path_text(t: Term) -> Option<String> {
    if let Some(v) = crate::data::binary::view(t) {
        let b = v.whole_bytes()?;
        return Some(b.iter().map(|&c| c as char).collect());
    }
    let cs = list_to_vec(t)?;
    cs.iter()
        .map(|c| {
            c.is_small()
                .then(|| u32::try_from(c.small_value()).ok())
                .flatten()
                .and_then(char::from_u32)
        })
        .collect()
}

fn load_nif_2(ctx: &mut Ctx, args: &[Term; 2]) -> Term {
    let Some(path) = path_text(args[0]) else {
        return ctx.badarg();
    };
    let has_nifs = calling_module(ctx).is_some_and(|m| {
        let name = atom::name(m);
        super::all().any(|d| d.module == name)
    });
    if has_nifs {
        return am::OK;
    }
    let msg = format!(
        "Failed to load NIF library: '{path}.so: cannot open shared object file: No such file or directory'"
    );
    let s = make_string(ctx, &msg);
    let why = make_tuple(ctx, &[atom::intern("load_failed"), s]);
    make_tuple(ctx, &[am::ERROR, why])
}
