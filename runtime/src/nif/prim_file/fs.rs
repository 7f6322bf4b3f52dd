//! Operations on paths (`unix_prim_file.c`), with erts' corrections of
//! Linux's error codes where it makes them.

use super::{last_errno, Res};
use std::ffi::{CStr, CString};

/// The fields of `#file_info{}` as `read_info_nif/2` returns them.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Info {
    pub size: u64,
    /// `device`, `directory`, `regular`, `symlink` or `other`.
    pub kind: &'static str,
    /// Bit 0 read, bit 1 write.
    pub access: u32,
    pub atime: i64,
    pub mtime: i64,
    pub ctime: i64,
    pub mode: u32,
    pub links: u64,
    pub major: u64,
    pub minor: u64,
    pub inode: u64,
    pub uid: u32,
    pub gid: u32,
}

/// erts clamps times to this (1902-01-01) before handing them out.
const MIN_FILETIME: i64 = -2145916800;

impl Info {
    // `st_nlink` is u64 on x86-64 and u32 on aarch64: the conversion is
    // needed on one of them.
    #[allow(clippy::useless_conversion)]
    pub fn from_stat(st: &libc::stat) -> Info {
        let fmt = st.st_mode & libc::S_IFMT;
        let kind = match fmt {
            libc::S_IFCHR | libc::S_IFBLK => "device",
            libc::S_IFDIR => "directory",
            libc::S_IFREG => "regular",
            libc::S_IFLNK => "symlink",
            _ => "other",
        };
        Info {
            size: st.st_size as u64,
            kind,
            access: 0,
            atime: st.st_atime.max(MIN_FILETIME),
            mtime: st.st_mtime.max(MIN_FILETIME),
            ctime: st.st_ctime.max(MIN_FILETIME),
            mode: st.st_mode,
            links: u64::from(st.st_nlink),
            major: st.st_dev,
            minor: st.st_rdev,
            inode: st.st_ino,
            uid: st.st_uid,
            gid: st.st_gid,
        }
    }
}

fn check(r: i32) -> Res<()> {
    if r < 0 {
        Err(last_errno())
    } else {
        Ok(())
    }
}

/// `stat` (or `lstat`), with access from `access(2)` as erts does for
/// paths.
pub fn read_info(path: &CStr, follow_links: bool) -> Res<Info> {
    // SAFETY: `st` is written by (l)stat before it is read; `path` is
    // NUL-terminated.
    let st = unsafe {
        let mut st: libc::stat = std::mem::zeroed();
        let r = if follow_links {
            libc::stat(path.as_ptr(), &mut st)
        } else {
            libc::lstat(path.as_ptr(), &mut st)
        };
        check(r)?;
        st
    };
    let mut i = Info::from_stat(&st);
    // SAFETY: `path` is NUL-terminated.
    unsafe {
        if libc::access(path.as_ptr(), libc::R_OK) == 0 {
            i.access |= 1;
        }
        if libc::access(path.as_ptr(), libc::W_OK) == 0 {
            i.access |= 2;
        }
    }
    Ok(i)
}

/// `read_file_nif/1`: the whole file (read as erts does: open for
/// reading, so a directory is `eisdir`).
pub fn read_file(path: &CStr) -> Res<Vec<u8>> {
    let f = super::handle::open(path, super::handle::mode::READ)?;
    let size = f.info().map(|i| i.size as usize).unwrap_or(0);
    let fd = f.raw_fd()?;
    // As erts: a known size is read (the file may have shrunk since);
    // a size of 0 (`/proc` files) reads on until end of file.
    if size > 0 {
        return super::handle::read_loop(fd, size, None);
    }
    let mut data = Vec::new();
    loop {
        let more = super::handle::read_loop(fd, 16 << 10, None)?;
        if more.is_empty() {
            break;
        }
        data.extend_from_slice(&more);
    }
    Ok(data)
}

/// The entries of a directory except `.` and `..`, in `readdir` order.
pub fn list_dir(path: &CStr) -> Res<Vec<Vec<u8>>> {
    // SAFETY: opendir/readdir/closedir on a stream only this function
    // uses; each entry's name is NUL-terminated and copied before the
    // next readdir.
    unsafe {
        let d = libc::opendir(path.as_ptr());
        if d.is_null() {
            return Err(last_errno());
        }
        let mut out = Vec::new();
        loop {
            let e = libc::readdir(d);
            if e.is_null() {
                break;
            }
            let name = CStr::from_ptr((*e).d_name.as_ptr()).to_bytes();
            if name != b"." && name != b".." {
                out.push(name.to_vec());
            }
        }
        libc::closedir(d);
        Ok(out)
    }
}

pub fn make_dir(path: &CStr) -> Res<()> {
    // SAFETY: `path` is NUL-terminated.
    check(unsafe { libc::mkdir(path.as_ptr(), 0o777) })
}

/// `rmdir`; "not empty" is `eexist`, and `einval` for the current
/// directory, as erts reports them.
pub fn del_dir(path: &CStr) -> Res<()> {
    // SAFETY: `path` is NUL-terminated.
    if unsafe { libc::rmdir(path.as_ptr()) } == 0 {
        return Ok(());
    }
    let mut e = last_errno();
    if e == libc::ENOTEMPTY {
        e = libc::EEXIST;
    }
    if e == libc::EEXIST {
        let dot = CString::new(".").unwrap_or_default();
        if let (Ok(a), Ok(b)) = (stat(path), stat(&dot)) {
            if a.st_ino == b.st_ino && a.st_dev == b.st_dev {
                return Err(libc::EINVAL);
            }
        }
    }
    Err(e)
}

fn stat(path: &CStr) -> Res<libc::stat> {
    // SAFETY: `st` is written by stat before it is read.
    unsafe {
        let mut st: libc::stat = std::mem::zeroed();
        check(libc::stat(path.as_ptr(), &mut st))?;
        Ok(st)
    }
}

/// `unlink`; a directory is `eperm` (Linux says `eisdir`).
pub fn delete(path: &CStr) -> Res<()> {
    // SAFETY: `path` is NUL-terminated.
    match check(unsafe { libc::unlink(path.as_ptr()) }) {
        Err(libc::EISDIR) => Err(libc::EPERM),
        r => r,
    }
}

/// `rename`; "not empty" is `eexist`, renaming `/` is `einval`.
pub fn rename(from: &CStr, to: &CStr) -> Res<()> {
    // SAFETY: both paths are NUL-terminated.
    match check(unsafe { libc::rename(from.as_ptr(), to.as_ptr()) }) {
        Err(libc::ENOTEMPTY) => Err(libc::EEXIST),
        Err(_) if from.to_bytes() == b"/" => Err(libc::EINVAL),
        r => r,
    }
}

pub fn make_link(existing: &CStr, new: &CStr) -> Res<()> {
    // SAFETY: both paths are NUL-terminated.
    check(unsafe { libc::link(existing.as_ptr(), new.as_ptr()) })
}

pub fn make_symlink(existing: &CStr, new: &CStr) -> Res<()> {
    // SAFETY: both paths are NUL-terminated.
    check(unsafe { libc::symlink(existing.as_ptr(), new.as_ptr()) })
}

/// The target of a symbolic link (raw bytes).
pub fn read_link(path: &CStr) -> Res<Vec<u8>> {
    let mut buf = vec![0u8; 256];
    loop {
        // SAFETY: `buf` is valid for writes of its length.
        let n = unsafe { libc::readlink(path.as_ptr(), buf.as_mut_ptr().cast(), buf.len()) };
        if n <= 0 {
            // A zero-length target is reported with readlink's errno, as
            // erts does.
            return Err(last_errno());
        }
        if (n as usize) < buf.len() {
            buf.truncate(n as usize);
            return Ok(buf);
        }
        let len = buf.len() * 2;
        buf.resize(len, 0);
    }
}

/// `chmod` with the mutable bits; retried without set-id bits.
pub fn set_permissions(path: &CStr, perms: u32) -> Res<()> {
    let mutable = libc::S_ISUID | libc::S_ISGID | libc::S_IRWXU | libc::S_IRWXG | libc::S_IRWXO;
    let m = perms & mutable;
    // SAFETY: `path` is NUL-terminated.
    unsafe {
        if libc::chmod(path.as_ptr(), m) == 0 {
            return Ok(());
        }
        check(libc::chmod(
            path.as_ptr(),
            m & !(libc::S_ISUID | libc::S_ISGID),
        ))
    }
}

/// `chown`; -1 leaves an id unchanged.
pub fn set_owner(path: &CStr, uid: i32, gid: i32) -> Res<()> {
    // SAFETY: `path` is NUL-terminated; -1 converts to the "unchanged" id.
    check(unsafe { libc::chown(path.as_ptr(), uid as libc::uid_t, gid as libc::gid_t) })
}

/// `utime` with access and modification times (the change time cannot
/// be set).
pub fn set_time(path: &CStr, atime: i64, mtime: i64) -> Res<()> {
    let t = libc::utimbuf {
        actime: atime,
        modtime: mtime,
    };
    // SAFETY: `path` is NUL-terminated, `t` a valid utimbuf.
    check(unsafe { libc::utime(path.as_ptr(), &t) })
}

/// The current directory (raw bytes).
pub fn get_cwd() -> Res<Vec<u8>> {
    let mut buf = vec![0u8; 256];
    loop {
        // SAFETY: `buf` is valid for writes of its length.
        let p = unsafe { libc::getcwd(buf.as_mut_ptr().cast(), buf.len()) };
        if !p.is_null() {
            let n = buf.iter().position(|&b| b == 0).unwrap_or(buf.len());
            buf.truncate(n);
            return Ok(buf);
        }
        let e = last_errno();
        if e != libc::ERANGE {
            return Err(e);
        }
        let len = buf.len() * 2;
        buf.resize(len, 0);
    }
}

pub fn set_cwd(path: &CStr) -> Res<()> {
    // SAFETY: `path` is NUL-terminated.
    check(unsafe { libc::chdir(path.as_ptr()) })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn c(s: &str) -> CString {
        CString::new(s).unwrap()
    }

    #[test]
    fn paths() {
        let dir = std::env::temp_dir().join(format!("girder_pffs_{}", std::process::id()));
        let d = c(dir.to_str().unwrap());
        make_dir(&d).unwrap();
        assert_eq!(make_dir(&d), Err(libc::EEXIST));
        let f = c(dir.join("a").to_str().unwrap());
        std::fs::write(dir.join("a"), b"xyz").unwrap();
        assert_eq!(read_file(&f).unwrap(), b"xyz");
        assert_eq!(read_file(&d), Err(libc::EISDIR));
        let i = read_info(&f, true).unwrap();
        assert_eq!((i.size, i.kind), (3, "regular"));
        assert_eq!(list_dir(&d).unwrap(), vec![b"a".to_vec()]);
        assert_eq!(del_dir(&d), Err(libc::EEXIST));
        assert_eq!(delete(&d), Err(libc::EPERM));
        let l = c(dir.join("l").to_str().unwrap());
        make_symlink(&c("a"), &l).unwrap();
        assert_eq!(read_link(&l).unwrap(), b"a");
        assert_eq!(read_info(&l, false).unwrap().kind, "symlink");
        assert_eq!(read_link(&f), Err(libc::EINVAL));
        delete(&l).unwrap();
        delete(&f).unwrap();
        assert_eq!(delete(&f), Err(libc::ENOENT));
        del_dir(&d).unwrap();
        assert!(!get_cwd().unwrap().is_empty());
    }
}
