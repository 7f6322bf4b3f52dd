//! `os` BIFs for the environment and the OS pid (`env/0`, `getenv/1`,
//! `putenv/2`, `unsetenv/1`, `getpid/0`).

use super::{bif, BifDef};
use crate::data::build::{list_from_slice, make_string, make_tuple};
use crate::heap::ctx::Ctx;
use crate::io::osenv;
use crate::term::atom::am;
use crate::term::Term;

pub const BIFS: &[BifDef] = &[
    bif!("os", "env", 0, env_0),
    bif!("os", "getenv", 1, getenv_1),
    bif!("os", "putenv", 2, putenv_2),
    bif!("os", "unsetenv", 1, unsetenv_1),
    bif!("os", "getpid", 0, getpid_0),
];

fn string_arg(ctx: &mut Ctx, t: Term) -> Result<String, Term> {
    super::convert::chars_to_string(t, usize::MAX).map_err(|_| ctx.badarg())
}

/// A name or value as the native bytes erl would use (UTF-8).
fn native_arg(ctx: &mut Ctx, t: Term) -> Result<Vec<u8>, Term> {
    string_arg(ctx, t).map(String::into_bytes)
}

fn getenv_1(ctx: &mut Ctx, args: &[Term; 1]) -> Term {
    let name = match native_arg(ctx, args[0]) {
        Ok(s) if osenv::valid_key(&s) => s,
        _ => return ctx.badarg(),
    };
    match osenv::get(&name) {
        Some(v) => env_string(ctx, &v),
        None => am::FALSE,
    }
}

/// An environment string as erl gives it: UTF-8 text as characters,
/// other bytes one character each (the raw filename encoding).
fn env_string(ctx: &mut Ctx, b: &[u8]) -> Term {
    match std::str::from_utf8(b) {
        Ok(text) => make_string(ctx, text),
        Err(_) => {
            let text: String = b.iter().map(|&c| c as char).collect();
            make_string(ctx, &text)
        }
    }
}

/// `os:env/0`: `[{Name, Value}]` ordered by name (os.erl builds
/// `getenv/0` from it).
fn env_0(ctx: &mut Ctx, _args: &[Term; 0]) -> Term {
    let items: Vec<Term> = osenv::all()
        .into_iter()
        .map(|(k, v)| {
            let k = env_string(ctx, &k);
            let v = env_string(ctx, &v);
            make_tuple(ctx, &[k, v])
        })
        .collect();
    list_from_slice(ctx, &items)
}

fn putenv_2(ctx: &mut Ctx, args: &[Term; 2]) -> Term {
    match (native_arg(ctx, args[0]), native_arg(ctx, args[1])) {
        (Ok(k), Ok(v)) if osenv::valid_key(&k) && osenv::valid_value(&v) => {
            osenv::put(&k, &v);
            am::TRUE
        }
        _ => ctx.badarg(),
    }
}

fn unsetenv_1(ctx: &mut Ctx, args: &[Term; 1]) -> Term {
    match native_arg(ctx, args[0]) {
        Ok(k) if osenv::valid_key(&k) => {
            osenv::unset(&k);
            am::TRUE
        }
        _ => ctx.badarg(),
    }
}

fn getpid_0(ctx: &mut Ctx, _args: &[Term; 0]) -> Term {
    make_string(ctx, &std::process::id().to_string())
}
