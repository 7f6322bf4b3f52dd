//! `prim_file`'s NIFs on open files (`nif::prim_file::handle`): they
//! replace the module's `erlang:nif_error/1` bodies. Arguments are checked
//! as `prim_file_nif.c` checks them: what it rejects with `badarg` raises
//! here, what it answers with `{error, einval}` answers so, and any
//! operation on a closed handle answers `{error, einval}` before looking at
//! its other arguments.

use super::prim_file_fs::{error_tuple, file_info, get_i64, posix_result};
use super::{bif, BifDef};
use crate::data::binary::build::make_binary;
use crate::data::binary::view;
use crate::data::build::make_tuple;
use crate::heap::ctx::Ctx;
use crate::nif::prim_file::handle::{self, mode, File};
use crate::nif::prim_file::{name, Res};
use crate::term::atom::{self, am};
use crate::term::Term;
use std::sync::Arc;

pub const BIFS: &[BifDef] = &[
    bif!("prim_file", "open_nif", 2, open_nif),
    bif!("prim_file", "file_desc_to_ref_nif", 1, file_desc_to_ref_nif),
    bif!("prim_file", "close_nif", 1, close_nif),
    bif!("prim_file", "delayed_close_nif", 1, delayed_close_nif),
    bif!("prim_file", "read_nif", 2, read_nif),
    bif!("prim_file", "write_nif", 2, write_nif),
    bif!("prim_file", "pread_nif", 3, pread_nif),
    bif!("prim_file", "pwrite_nif", 3, pwrite_nif),
    bif!("prim_file", "seek_nif", 3, seek_nif),
    bif!("prim_file", "sync_nif", 2, sync_nif),
    bif!("prim_file", "truncate_nif", 1, truncate_nif),
    bif!("prim_file", "allocate_nif", 3, allocate_nif),
    bif!("prim_file", "advise_nif", 4, advise_nif),
    bif!("prim_file", "read_handle_info_nif", 1, read_handle_info_nif),
    bif!("prim_file", "get_handle_nif", 1, get_handle_nif),
    bif!(
        "prim_file",
        "ipread_s32bu_p32bu_nif",
        3,
        ipread_s32bu_p32bu_nif
    ),
];

/// `{ok, Handle}` for `f`, owned by the caller.
fn ok_handle(ctx: &mut Ctx, r: Res<File>) -> Term {
    match r {
        Ok(f) => {
            let h = handle::make_handle(ctx, f);
            make_tuple(ctx, &[am::OK, h])
        }
        Err(e) => error_tuple(ctx, e),
    }
}

/// `efile_translate_modelist`: the modes this layer knows (others, like
/// `raw` or `binary`, are handled above it).
fn modes(mut l: Term) -> u32 {
    let mut m = 0;
    while l.is_list() {
        // SAFETY: `l` is a cons cell.
        let (h, t) = unsafe { (l.head(), l.tail()) };
        if h.is_atom() {
            m |= match atom::name(h) {
                "read" => mode::READ,
                "write" => mode::WRITE,
                "exclusive" => mode::EXCLUSIVE,
                "append" => mode::APPEND,
                "sync" => mode::SYNC,
                "skip_type_check" => mode::SKIP_TYPE_CHECK,
                "directory" => mode::DIRECTORY,
                _ => 0,
            };
        }
        l = t;
    }
    m
}

fn open_nif(ctx: &mut Ctx, args: &[Term; 2]) -> Term {
    if !args[1].is_list() && !args[1].is_nil() {
        return ctx.badarg();
    }
    let m = modes(args[1]);
    let r = name::marshal(args[0]).and_then(|p| handle::open(&p, m));
    ok_handle(ctx, r)
}

fn file_desc_to_ref_nif(ctx: &mut Ctx, args: &[Term; 1]) -> Term {
    let fd = args[0];
    let Some(fd) = fd
        .is_small()
        .then(|| fd.small_value())
        .and_then(|v| i32::try_from(v).ok())
    else {
        return ctx.badarg();
    };
    ok_handle(ctx, handle::from_fd(fd))
}

/// The file behind a handle argument, or `badarg`.
fn file_of(ctx: &mut Ctx, t: Term) -> Result<&'static Arc<File>, Term> {
    handle::get(t).ok_or_else(|| ctx.badarg())
}

/// Runs `op` on the file of handle `h` (badarg if not a handle); its
/// result is returned as is.
fn on_file(ctx: &mut Ctx, h: Term, op: impl FnOnce(&mut Ctx, &Arc<File>) -> Term) -> Term {
    match file_of(ctx, h) {
        Ok(f) => op(ctx, f),
        Err(e) => e,
    }
}

fn close_nif(ctx: &mut Ctx, args: &[Term; 1]) -> Term {
    on_file(ctx, args[0], |ctx, f| posix_result(ctx, f.close()))
}

fn delayed_close_nif(ctx: &mut Ctx, args: &[Term; 1]) -> Term {
    on_file(ctx, args[0], |_, f| {
        f.delayed_close();
        am::OK
    })
}

/// `{ok, Data}`, `eof` for no data, or `{error, Posix}`.
fn read_result(ctx: &mut Ctx, r: Res<Vec<u8>>) -> Term {
    match r {
        Ok(d) if d.is_empty() => atom::intern("eof"),
        Ok(d) => {
            let b = make_binary(ctx, &d);
            make_tuple(ctx, &[am::OK, b])
        }
        Err(e) => error_tuple(ctx, e),
    }
}

/// A non-negative int64 argument: `Err(badarg)` for a non-number,
/// `Ok(None)` for `einval` (a float, a negative or too large integer).
fn size_arg(ctx: &mut Ctx, t: Term) -> Result<Option<i64>, Term> {
    if !t.is_number() {
        return Err(ctx.badarg());
    }
    Ok(get_i64(t).filter(|&v| v >= 0))
}

fn read_nif(ctx: &mut Ctx, args: &[Term; 2]) -> Term {
    let size = args[1];
    on_file(ctx, args[0], |ctx, f| {
        if f.raw_fd().is_err() {
            return error_tuple(ctx, libc::EINVAL);
        }
        match size_arg(ctx, size) {
            Err(e) => e,
            Ok(None) => error_tuple(ctx, libc::EINVAL),
            Ok(Some(n)) => {
                let r = f.read(n as usize);
                read_result(ctx, r)
            }
        }
    })
}

fn pread_nif(ctx: &mut Ctx, args: &[Term; 3]) -> Term {
    let (off, size) = (args[1], args[2]);
    on_file(ctx, args[0], |ctx, f| {
        if f.raw_fd().is_err() {
            return error_tuple(ctx, libc::EINVAL);
        }
        if !off.is_number() || !size.is_number() {
            return ctx.badarg();
        }
        let (Ok(Some(o)), Ok(Some(n))) = (size_arg(ctx, off), size_arg(ctx, size)) else {
            return error_tuple(ctx, libc::EINVAL);
        };
        let r = f.pread(o, n as usize);
        read_result(ctx, r)
    })
}

/// The bytes of an I/O vector (a list of binaries), or `None`.
fn iovec_bytes(mut l: Term) -> Option<Vec<u8>> {
    let mut out = Vec::new();
    while l.is_list() {
        // SAFETY: `l` is a cons cell.
        let (h, t) = unsafe { (l.head(), l.tail()) };
        out.extend_from_slice(&view(h)?.whole_bytes()?);
        l = t;
    }
    l.is_nil().then_some(out)
}

fn write_nif(ctx: &mut Ctx, args: &[Term; 2]) -> Term {
    let data = args[1];
    on_file(ctx, args[0], |ctx, f| {
        if f.raw_fd().is_err() {
            return error_tuple(ctx, libc::EINVAL);
        }
        let Some(bytes) = iovec_bytes(data) else {
            return ctx.badarg();
        };
        posix_result(ctx, f.write(&bytes))
    })
}

fn pwrite_nif(ctx: &mut Ctx, args: &[Term; 3]) -> Term {
    let (off, data) = (args[1], args[2]);
    on_file(ctx, args[0], |ctx, f| {
        if f.raw_fd().is_err() {
            return error_tuple(ctx, libc::EINVAL);
        }
        let bytes = iovec_bytes(data);
        let Some(bytes) = bytes.filter(|_| off.is_number()) else {
            return ctx.badarg();
        };
        let Some(o) = get_i64(off).filter(|&o| o >= 0) else {
            return error_tuple(ctx, libc::EINVAL);
        };
        posix_result(ctx, f.pwrite(o, &bytes))
    })
}

fn seek_nif(ctx: &mut Ctx, args: &[Term; 3]) -> Term {
    let (mark, off) = (args[1], args[2]);
    on_file(ctx, args[0], |ctx, f| {
        if f.raw_fd().is_err() {
            return error_tuple(ctx, libc::EINVAL);
        }
        let Some(o) = get_i64(off) else {
            return ctx.badarg();
        };
        let whence = if mark == atom::intern("bof") {
            libc::SEEK_SET
        } else if mark == atom::intern("cur") {
            libc::SEEK_CUR
        } else if mark == atom::intern("eof") {
            libc::SEEK_END
        } else {
            return ctx.badarg();
        };
        match f.seek(whence, o) {
            Ok(p) => {
                let p = crate::data::big::make_u64(ctx, p);
                make_tuple(ctx, &[am::OK, p])
            }
            Err(e) => error_tuple(ctx, e),
        }
    })
}

fn sync_nif(ctx: &mut Ctx, args: &[Term; 2]) -> Term {
    let data_only = args[1];
    on_file(ctx, args[0], |ctx, f| {
        if f.raw_fd().is_err() {
            return error_tuple(ctx, libc::EINVAL);
        }
        let Some(d) = get_i64(data_only).filter(|v| i32::try_from(*v).is_ok()) else {
            return ctx.badarg();
        };
        posix_result(ctx, f.sync(d != 0))
    })
}

fn truncate_nif(ctx: &mut Ctx, args: &[Term; 1]) -> Term {
    on_file(ctx, args[0], |ctx, f| posix_result(ctx, f.truncate()))
}

fn allocate_nif(ctx: &mut Ctx, args: &[Term; 3]) -> Term {
    let (off, len) = (args[1], args[2]);
    on_file(ctx, args[0], |ctx, f| {
        if f.raw_fd().is_err() {
            return error_tuple(ctx, libc::EINVAL);
        }
        if !off.is_number() || !len.is_number() {
            return ctx.badarg();
        }
        let (Some(o), Some(l)) = (
            get_i64(off).filter(|&v| v >= 0),
            get_i64(len).filter(|&v| v >= 0),
        ) else {
            return error_tuple(ctx, libc::EINVAL);
        };
        posix_result(ctx, f.allocate(o, l))
    })
}

fn advise_nif(ctx: &mut Ctx, args: &[Term; 4]) -> Term {
    let (off, len, adv) = (args[1], args[2], args[3]);
    on_file(ctx, args[0], |ctx, f| {
        if f.raw_fd().is_err() {
            return error_tuple(ctx, libc::EINVAL);
        }
        if !off.is_number() || !len.is_number() {
            return ctx.badarg();
        }
        let (Some(o), Some(l)) = (
            get_i64(off).filter(|&v| v >= 0),
            get_i64(len).filter(|&v| v >= 0),
        ) else {
            return error_tuple(ctx, libc::EINVAL);
        };
        let advice = match adv.is_atom().then(|| atom::name(adv)) {
            Some("normal") => libc::POSIX_FADV_NORMAL,
            Some("random") => libc::POSIX_FADV_RANDOM,
            Some("sequential") => libc::POSIX_FADV_SEQUENTIAL,
            Some("will_need") => libc::POSIX_FADV_WILLNEED,
            Some("dont_need") => libc::POSIX_FADV_DONTNEED,
            Some("no_reuse") => libc::POSIX_FADV_NOREUSE,
            // erts answers einval here, not badarg (its tests check it).
            _ => return error_tuple(ctx, libc::EINVAL),
        };
        posix_result(ctx, f.advise(o, l, advice))
    })
}

fn read_handle_info_nif(ctx: &mut Ctx, args: &[Term; 1]) -> Term {
    on_file(ctx, args[0], |ctx, f| match f.info() {
        Ok(i) => file_info(ctx, &i),
        Err(e) => error_tuple(ctx, e),
    })
}

fn get_handle_nif(ctx: &mut Ctx, args: &[Term; 1]) -> Term {
    on_file(ctx, args[0], |ctx, f| match f.raw_fd() {
        Ok(fd) => make_binary(ctx, &fd.to_ne_bytes()),
        Err(e) => error_tuple(ctx, e),
    })
}

/// Reads the `<<Size:32, Pointer:32>>` block at `Offset`, then `Size`
/// bytes at `Pointer` (DETS' indirect read).
fn ipread_s32bu_p32bu_nif(ctx: &mut Ctx, args: &[Term; 3]) -> Term {
    let (off, max) = (args[1], args[2]);
    on_file(ctx, args[0], |ctx, f| {
        if f.raw_fd().is_err() {
            return error_tuple(ctx, libc::EINVAL);
        }
        if !off.is_number() || !max.is_number() {
            return ctx.badarg();
        }
        let (Some(o), Some(m)) = (
            get_i64(off).filter(|&v| v >= 0),
            get_i64(max).filter(|&v| v < 1 << 31),
        ) else {
            return error_tuple(ctx, libc::EINVAL);
        };
        let block = match f.pread(o, 8) {
            Ok(b) => b,
            Err(e) => return error_tuple(ctx, e),
        };
        if block.len() < 8 {
            return atom::intern("eof");
        }
        let size = u32::from_be_bytes([block[0], block[1], block[2], block[3]]);
        let ptr = u32::from_be_bytes([block[4], block[5], block[6], block[7]]);
        if size as i64 > m {
            return atom::intern("eof");
        }
        let data = match f.pread(ptr as i64, size as usize) {
            Ok(d) if d.is_empty() => atom::intern("eof"),
            Ok(d) => make_binary(ctx, &d),
            Err(e) => return error_tuple(ctx, e),
        };
        let s = crate::data::big::make_u64(ctx, size as u64);
        let p = crate::data::big::make_u64(ctx, ptr as u64);
        let t = make_tuple(ctx, &[s, p, data]);
        make_tuple(ctx, &[am::OK, t])
    })
}
