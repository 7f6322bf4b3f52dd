//! `erlang:fun_info/2` (erlang.erl builds `fun_info/1` on it).
//!
//! A local fun's `pid` item is the calling process here (funs carry no
//! creator), and `new_uniq` is 16 zero bytes (the loader keeps no MD5).

use super::{arg, bif, BifDef};
use crate::atom::{self, am};
use crate::build::{list_from_slice, make_tuple};
use crate::ctx::Ctx;
use crate::export::Export;
use crate::module::FunEntry;
use crate::term::{header_arity, Term, HDR_EXPORT, HDR_FUN, NIL};

pub const BIFS: &[BifDef] = &[bif("erlang", "fun_info", 2, fun_info_2)];

extern "C" fn fun_info_2(ctx: &mut Ctx, args: *const Term) -> Term {
    // SAFETY: arity 2.
    let (f, item) = unsafe { (arg(args, 0), arg(args, 1)) };
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
            "name" => e.function,
            "env" => list_from_slice(ctx, &env),
            "type" => am::LOCAL,
            // SAFETY: BIFs run with a process scheduled on `ctx`.
            "pid" => unsafe { ctx.process().pid },
            "index" | "new_index" => Term::small(e.index as i64),
            "uniq" => Term::small(e.old_uniq as i64),
            "new_uniq" => crate::binary::build::make_binary(ctx, &[0u8; 16]),
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
            "pid" | "index" | "new_index" | "uniq" | "new_uniq" => am::UNDEFINED,
            _ => return ctx.badarg(),
        }
    } else {
        return ctx.badarg();
    };
    make_tuple(ctx, &[item, v])
}
