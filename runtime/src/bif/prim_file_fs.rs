//! `prim_file`'s NIFs on paths (`nif::prim_file::fs`) and its file name
//! BIFs (`internal_name2native/1`, `internal_native2name/1`,
//! `is_translatable/1`). A path argument is the encoded name
//! `prim_file:encode_path/1` makes; anything else is `{error, einval}`, as
//! in erts.

use super::native_name::utf8_names;
use super::{bif, BifDef};
use crate::data::big::{make_i64, make_u64};
use crate::data::binary::build::make_binary;
use crate::data::binary::view;
use crate::data::build::{list_from_slice, make_tuple};
use crate::heap::ctx::Ctx;
use crate::nif::prim_file::fs::{self, Info};
use crate::nif::prim_file::{name, posix, Res};
use crate::term::atom::{self, am};
use crate::term::Term;
use std::ffi::CString;

pub const BIFS: &[BifDef] = &[
    bif!("prim_file", "read_file_nif", 1, read_file_nif),
    bif!("prim_file", "read_info_nif", 2, read_info_nif),
    bif!("prim_file", "list_dir_nif", 1, list_dir_nif),
    bif!("prim_file", "make_dir_nif", 1, make_dir_nif),
    bif!("prim_file", "del_dir_nif", 1, del_dir_nif),
    bif!("prim_file", "del_file_nif", 1, del_file_nif),
    bif!("prim_file", "rename_nif", 2, rename_nif),
    bif!("prim_file", "read_link_nif", 1, read_link_nif),
    bif!("prim_file", "make_hard_link_nif", 2, make_hard_link_nif),
    bif!("prim_file", "make_soft_link_nif", 2, make_soft_link_nif),
    bif!("prim_file", "set_permissions_nif", 2, set_permissions_nif),
    bif!("prim_file", "set_owner_nif", 3, set_owner_nif),
    bif!("prim_file", "set_time_nif", 4, set_time_nif),
    bif!("prim_file", "get_cwd_nif", 0, get_cwd_nif),
    bif!("prim_file", "get_device_cwd_nif", 1, get_device_cwd_nif),
    bif!("prim_file", "set_cwd_nif", 1, set_cwd_nif),
    bif!("prim_file", "altname_nif", 1, altname_nif),
    bif!("prim_file", "internal_name2native", 1, internal_name2native),
    bif!("prim_file", "internal_native2name", 1, internal_native2name),
    bif!("prim_file", "is_translatable", 1, is_translatable),
];

/// `{error, Posix}`.
pub fn error_tuple(ctx: &mut Ctx, e: i32) -> Term {
    let a = atom::intern(posix::name(e));
    make_tuple(ctx, &[am::ERROR, a])
}

/// `ok` or `{error, Posix}`.
pub fn posix_result(ctx: &mut Ctx, r: Res<()>) -> Term {
    match r {
        Ok(()) => am::OK,
        Err(e) => error_tuple(ctx, e),
    }
}

/// An integer that fits an int64 (`enif_get_int64`).
pub fn get_i64(t: Term) -> Option<i64> {
    if t.is_integer() {
        crate::data::big::to_i64(t)
    } else {
        None
    }
}

/// An integer that fits an int (`enif_get_int`).
fn get_i32(t: Term) -> Option<i32> {
    get_i64(t).and_then(|v| i32::try_from(v).ok())
}

/// `#file_info{}` with posix times, as the NIF returns it (prim_file
/// converts the times).
pub fn file_info(ctx: &mut Ctx, i: &Info) -> Term {
    let access = match i.access {
        0 => "none",
        1 => "read",
        2 => "write",
        _ => "read_write",
    };
    let fields = [
        atom::intern("file_info"),
        make_u64(ctx, i.size),
        atom::intern(i.kind),
        atom::intern(access),
        make_i64(ctx, i.atime),
        make_i64(ctx, i.mtime),
        make_i64(ctx, i.ctime),
        make_u64(ctx, i.mode as u64),
        // erts hands these out as C `unsigned int`.
        make_u64(ctx, i.links as u32 as u64),
        make_u64(ctx, i.major as u32 as u64),
        make_u64(ctx, i.minor as u32 as u64),
        make_u64(ctx, i.inode as u32 as u64),
        make_u64(ctx, i.uid as u64),
        make_u64(ctx, i.gid as u64),
    ];
    make_tuple(ctx, &fields)
}

/// Runs `op` on the path `t`, or answers `{error, einval}`.
fn with_path(ctx: &mut Ctx, t: Term, op: impl FnOnce(&mut Ctx, CString) -> Term) -> Term {
    match name::marshal(t) {
        Ok(p) => op(ctx, p),
        Err(e) => error_tuple(ctx, e),
    }
}

/// `{ok, Binary}` or `{error, Posix}`.
fn ok_binary(ctx: &mut Ctx, r: Res<Vec<u8>>) -> Term {
    match r {
        Ok(b) => {
            let b = make_binary(ctx, &b);
            make_tuple(ctx, &[am::OK, b])
        }
        Err(e) => error_tuple(ctx, e),
    }
}

fn read_file_nif(ctx: &mut Ctx, args: &[Term; 1]) -> Term {
    with_path(ctx, args[0], |ctx, p| {
        let r = fs::read_file(&p);
        ok_binary(ctx, r)
    })
}

fn read_info_nif(ctx: &mut Ctx, args: &[Term; 2]) -> Term {
    let Some(follow) = get_i32(args[1]) else {
        return ctx.badarg();
    };
    with_path(ctx, args[0], |ctx, p| {
        match fs::read_info(&p, follow != 0) {
            Ok(i) => file_info(ctx, &i),
            Err(e) => error_tuple(ctx, e),
        }
    })
}

fn list_dir_nif(ctx: &mut Ctx, args: &[Term; 1]) -> Term {
    with_path(ctx, args[0], |ctx, p| match fs::list_dir(&p) {
        Ok(names) => {
            // erts conses each entry onto the list as it reads them, so the
            // list is in reverse `readdir` order (prim_file reverses it).
            let bins: Vec<Term> = names.iter().rev().map(|n| make_binary(ctx, n)).collect();
            let l = list_from_slice(ctx, &bins);
            make_tuple(ctx, &[am::OK, l])
        }
        Err(e) => error_tuple(ctx, e),
    })
}

fn make_dir_nif(ctx: &mut Ctx, args: &[Term; 1]) -> Term {
    with_path(ctx, args[0], |ctx, p| posix_result(ctx, fs::make_dir(&p)))
}

fn del_dir_nif(ctx: &mut Ctx, args: &[Term; 1]) -> Term {
    with_path(ctx, args[0], |ctx, p| posix_result(ctx, fs::del_dir(&p)))
}

fn del_file_nif(ctx: &mut Ctx, args: &[Term; 1]) -> Term {
    with_path(ctx, args[0], |ctx, p| posix_result(ctx, fs::delete(&p)))
}

/// Runs `op` on two paths, or answers `{error, einval}`.
fn two_paths(ctx: &mut Ctx, a: Term, b: Term, op: fn(&CString, &CString) -> Res<()>) -> Term {
    let r = name::marshal(a).and_then(|a| name::marshal(b).and_then(|b| op(&a, &b)));
    posix_result(ctx, r)
}

fn rename_nif(ctx: &mut Ctx, args: &[Term; 2]) -> Term {
    two_paths(ctx, args[0], args[1], |a, b| fs::rename(a, b))
}

fn make_hard_link_nif(ctx: &mut Ctx, args: &[Term; 2]) -> Term {
    two_paths(ctx, args[0], args[1], |a, b| fs::make_link(a, b))
}

fn make_soft_link_nif(ctx: &mut Ctx, args: &[Term; 2]) -> Term {
    two_paths(ctx, args[0], args[1], |a, b| fs::make_symlink(a, b))
}

fn read_link_nif(ctx: &mut Ctx, args: &[Term; 1]) -> Term {
    with_path(ctx, args[0], |ctx, p| {
        let r = fs::read_link(&p);
        ok_binary(ctx, r)
    })
}

fn set_permissions_nif(ctx: &mut Ctx, args: &[Term; 2]) -> Term {
    let Some(perms) = get_i64(args[1]).and_then(|v| u32::try_from(v).ok()) else {
        return ctx.badarg();
    };
    with_path(ctx, args[0], |ctx, p| {
        posix_result(ctx, fs::set_permissions(&p, perms))
    })
}

fn set_owner_nif(ctx: &mut Ctx, args: &[Term; 3]) -> Term {
    let (Some(uid), Some(gid)) = (get_i32(args[1]), get_i32(args[2])) else {
        return ctx.badarg();
    };
    with_path(ctx, args[0], |ctx, p| {
        posix_result(ctx, fs::set_owner(&p, uid, gid))
    })
}

fn set_time_nif(ctx: &mut Ctx, args: &[Term; 4]) -> Term {
    let (Some(a), Some(m), Some(_c)) = (get_i64(args[1]), get_i64(args[2]), get_i64(args[3]))
    else {
        return ctx.badarg();
    };
    with_path(ctx, args[0], |ctx, p| {
        posix_result(ctx, fs::set_time(&p, a, m))
    })
}

fn get_cwd_nif(ctx: &mut Ctx, _args: &[Term; 0]) -> Term {
    let r = fs::get_cwd();
    ok_binary(ctx, r)
}

/// Drive letters exist only on Windows: `enotsup` here, as in erts.
fn get_device_cwd_nif(ctx: &mut Ctx, args: &[Term; 1]) -> Term {
    if get_i32(args[0]).is_none() {
        return ctx.badarg();
    }
    error_tuple(ctx, libc::ENOTSUP)
}

fn set_cwd_nif(ctx: &mut Ctx, args: &[Term; 1]) -> Term {
    with_path(ctx, args[0], |ctx, p| posix_result(ctx, fs::set_cwd(&p)))
}

/// Short (8.3) names exist only on Windows: `enotsup`, as in erts.
fn altname_nif(ctx: &mut Ctx, args: &[Term; 1]) -> Term {
    with_path(ctx, args[0], |ctx, _| error_tuple(ctx, libc::ENOTSUP))
}

fn internal_name2native(ctx: &mut Ctx, args: &[Term; 1]) -> Term {
    match name::name2native(args[0], utf8_names()) {
        Some(b) => make_binary(ctx, &b),
        None => ctx.badarg(),
    }
}

fn binary_arg(t: Term) -> Option<Vec<u8>> {
    view(t).and_then(|v| v.whole_bytes().map(|b| b.into_owned()))
}

fn internal_native2name(ctx: &mut Ctx, args: &[Term; 1]) -> Term {
    let Some(bytes) = binary_arg(args[0]) else {
        return ctx.badarg();
    };
    match name::native2name(&bytes, utf8_names()) {
        Some(cps) => {
            let l: Vec<Term> = cps.iter().map(|&c| Term::small(c as i64)).collect();
            list_from_slice(ctx, &l)
        }
        // The default for names that do not decode (`+fnuw`): a warning.
        None => make_tuple(ctx, &[am::ERROR, atom::intern("warning")]),
    }
}

fn is_translatable(ctx: &mut Ctx, args: &[Term; 1]) -> Term {
    match binary_arg(args[0]) {
        Some(b) => Term::boolean(name::is_translatable(&b, utf8_names())),
        None => ctx.badarg(),
    }
}
