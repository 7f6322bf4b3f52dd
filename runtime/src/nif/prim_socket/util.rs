//! Small term helpers shared by the socket NIFs: atoms by name, integer
//! arguments as the NIF API reads them (`enif_get_int` and friends), and
//! the result shapes of `prim_socket_nif.c` (`{ok, V}`, `{error, R}`,
//! `{invalid, R}`).

use crate::data::big::to_i64;
use crate::data::build::make_tuple;
use crate::heap::ctx::Ctx;
use crate::term::atom::{self, am};
use crate::term::Term;

/// The atom `name`.
pub fn a(name: &str) -> Term {
    atom::intern(name)
}

/// `enif_get_int`.
pub fn get_i32(t: Term) -> Option<i32> {
    to_i64(t).and_then(|v| i32::try_from(v).ok())
}

/// `enif_get_uint`.
pub fn get_u32(t: Term) -> Option<u32> {
    to_i64(t).and_then(|v| u32::try_from(v).ok())
}

/// `enif_get_uint64`.
pub fn get_u64(t: Term) -> Option<u64> {
    if t.is_bignum() {
        let b = crate::data::big::to_big(t);
        return u64::try_from(b).ok();
    }
    to_i64(t).and_then(|v| u64::try_from(v).ok())
}

/// `true` / `false` as a Rust bool (`esock_decode_bool`).
pub fn get_bool(t: Term) -> Option<bool> {
    if t == am::TRUE {
        Some(true)
    } else if t == am::FALSE {
        Some(false)
    } else {
        None
    }
}

pub fn ok2(ctx: &mut Ctx, v: Term) -> Term {
    make_tuple(ctx, &[am::OK, v])
}

pub fn error2(ctx: &mut Ctx, r: Term) -> Term {
    make_tuple(ctx, &[am::ERROR, r])
}

/// `{error, Errno}` with erl's errno name.
pub fn error_errno(ctx: &mut Ctx, e: i32) -> Term {
    let r = errno_atom(e);
    error2(ctx, r)
}

pub fn errno_atom(e: i32) -> Term {
    a(crate::data::posix::name(e))
}

/// `{invalid, What}` (`esock_make_invalid`).
pub fn invalid(ctx: &mut Ctx, what: Term) -> Term {
    make_tuple(ctx, &[a("invalid"), what])
}

/// `{error, {invalid, What}}` (`esock_make_error_invalid`).
pub fn error_invalid(ctx: &mut Ctx, what: Term) -> Term {
    let i = invalid(ctx, what);
    error2(ctx, i)
}

/// Raises `error:{invalid, What}` (`esock_raise_invalid`).
pub fn raise_invalid(ctx: &mut Ctx, what: Term) -> Term {
    let i = invalid(ctx, what);
    ctx.error(i)
}

/// `{invalid, {integer_range, I}}` for an integer argument out of range.
pub fn integer_range(ctx: &mut Ctx, i: Term) -> Term {
    let r = make_tuple(ctx, &[a("integer_range"), i]);
    invalid(ctx, r)
}

/// The last OS error number.
pub fn errno() -> i32 {
    std::io::Error::last_os_error().raw_os_error().unwrap_or(0)
}

/// The pid of the process bound to `ctx`.
pub fn self_pid(ctx: &mut Ctx) -> Term {
    // SAFETY: NIFs run with their calling process bound to the context.
    unsafe { ctx.process() }.pid
}
