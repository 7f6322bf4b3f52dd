//! `erlang:fun_info/2` (erlang.erl builds `fun_info/1` on it),
//! `erlang:fun_info_mfa/1` and `erlang:make_fun/3`.
//!
//! A local fun's `pid` item is the calling process here (funs carry no
//! creator), and `new_uniq` is its module's checksum, as BEAM's.

use super::{bif, BifDef};
use crate::code::export::Export;
use crate::code::module::FunEntry;
use crate::data::build::{list_from_slice, make_tuple};
use crate::heap::ctx::Ctx;
use crate::term::atom::{self, am};
use crate::term::{header_arity, Term, HDR_EXPORT, HDR_FUN, NIL};

pub const BIFS: &[BifDef] = &[
    bif!("erlang", "fun_info", 2, fun_info_2),
    bif!("erlang", "fun_info_mfa", 1, fun_info_mfa_1),
    bif!("erlang", "make_fun", 3, make_fun_3),
];

/// A local fun's function name, or `[]` while its entry has no code (its
/// module never loaded, purged, or being purged), as BEAM answers.
fn loaded_name(e: &FunEntry) -> Term {
    if e.address() == 0 {
        NIL
    } else {
        e.function()
    }
}

/// `erlang:fun_info_mfa(Fun)`: `{Module, Name, Arity}` (a local fun's
/// internal name and its call arity).
fn fun_info_mfa_1(ctx: &mut Ctx, args: &[Term; 1]) -> Term {
    let f = args[0];
    let (m, n, a) = if f.is_boxed_of(HDR_FUN) {
        // SAFETY: a closure is [header, &FunEntry, free vars...].
        let e = unsafe { &*(*f.boxed_ptr().add(1) as *const FunEntry) };
        (e.module, loaded_name(e), e.arity)
    } else if f.is_boxed_of(HDR_EXPORT) {
        // SAFETY: an external fun is [header, &Export].
        let e = unsafe { &*(*f.boxed_ptr().add(1) as *const Export) };
        (e.module, e.function, e.arity)
    } else {
        return ctx.badarg();
    };
    make_tuple(ctx, &[m, n, Term::small(a as i64)])
}

/// `erlang:make_fun(M, F, A)`: the external fun `fun M:F/A` (0..=255).
fn make_fun_3(ctx: &mut Ctx, args: &[Term; 3]) -> Term {
    let (m, f, a) = (args[0], args[1], args[2]);
    if !m.is_atom() || !f.is_atom() || !a.is_small() {
        return ctx.badarg();
    }
    let n = a.small_value();
    if !(0..=255).contains(&n) {
        return ctx.badarg();
    }
    let e = crate::code::export::get_or_create(m, f, n as u32);
    let p = ctx.alloc(2);
    // SAFETY: `p` holds 2 fresh words: the external fun [header, &Export];
    // export entries are never freed.
    unsafe {
        *p = crate::term::make_header(1, HDR_EXPORT);
        *p.add(1) = e as *const Export as u64;
    }
    Term::boxed_from_ptr(p)
}

fn fun_info_2(ctx: &mut Ctx, args: &[Term; 2]) -> Term {
    let (f, item) = (args[0], args[1]);
    if !item.is_atom() {
        return ctx.badarg();
    }
    let key = atom::name(item);
    let v = if f.is_boxed_of(HDR_FUN) {
        // SAFETY: a closure is [header, &FunEntry, free vars...].
        let (e, env) = unsafe {
            let w = f.boxed_ptr();
            let e = &*(*w.add(1) as *const FunEntry);
            let n = header_arity(*w) - 1;
            let env: Vec<Term> = (0..n).map(|i| Term(*w.add(2 + i))).collect();
            (e, env)
        };
        match key {
            "arity" => Term::small(e.arity as i64),
            "module" => e.module,
            "name" => loaded_name(e),
            "env" => list_from_slice(ctx, &env),
            "type" => am::LOCAL,
            // SAFETY: BIFs run with a process scheduled on `ctx`.
            "pid" => unsafe { ctx.process().pid },
            "index" | "new_index" => Term::small(e.index as i64),
            "uniq" => Term::small(e.old_uniq as i64),
            // BEAM's new_uniq is the checksum of the fun's module.
            "new_uniq" => {
                let md5 = crate::code::module::get(e.module).map_or([0u8; 16], |mi| mi.md5);
                crate::data::binary::build::make_binary(ctx, &md5)
            }
            // BEAM's undocumented reference count (see fun_refc.rs).
            "refc" => Term::small(super::fun_refc::refc(ctx, f, &[f, item])),
            _ => return ctx.badarg(),
        }
    } else if f.is_boxed_of(HDR_EXPORT) {
        // SAFETY: an external fun is [header, &Export].
        let e = unsafe { &*(*f.boxed_ptr().add(1) as *const Export) };
        match key {
            "arity" => Term::small(e.arity as i64),
            "module" => e.module,
            "name" => e.function,
            "env" => NIL,
            "type" => am::EXTERNAL,
            "pid" | "index" | "new_index" | "uniq" | "new_uniq" | "refc" => am::UNDEFINED,
            _ => return ctx.badarg(),
        }
    } else {
        return ctx.badarg();
    };
    make_tuple(ctx, &[item, v])
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::term::atom::intern;
    use crate::testutil::TestProc;

    #[test]
    fn make_fun_and_mfa() {
        let mut tp = TestProc::new();
        let ctx = tp.ctx();
        let (m, f) = (intern("lists"), intern("map"));
        let args = [m, f, Term::small(2)];
        let fun = make_fun_3(ctx, &args);
        assert!(fun.is_boxed_of(HDR_EXPORT));
        let mfa = fun_info_mfa_1(ctx, &[fun]);
        let want = make_tuple(ctx, &[m, f, Term::small(2)]);
        assert!(crate::data::compare::eq_exact(mfa, want));
        for bad in [
            [m, f, Term::small(256)],
            [m, f, Term::small(-1)],
            [Term::small(1), f, Term::small(0)],
        ] {
            assert_eq!(make_fun_3(ctx, &bad), crate::term::NON_VALUE);
        }
        assert_eq!(fun_info_mfa_1(ctx, &[m]), crate::term::NON_VALUE);
    }
}
