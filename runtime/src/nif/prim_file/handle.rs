//! Open files (`efile_data_t` with `unix_prim_file.c`'s operations).
//!
//! A handle is a magic reference to an `Arc<File>`. As in erts, the file
//! stays open until `close_nif/1` or until the process that opened it
//! dies, whatever becomes of the references: the owners table holds a
//! count for each open file, and an exit hook closes a dying owner's files
//! (erts has its `prim_file` helper process do that close; a close of a
//! local file does not block, so the hook does it itself). Every operation
//! on a closed handle answers `einval`, as erts does.

use super::{last_errno, Res};
use crate::data::resource::{self, Resource};
use crate::heap::ctx::Ctx;
use crate::term::Term;
use std::collections::HashMap;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, OnceLock};

/// `efile_modes_t`, as `open_nif/2` reads its mode list.
pub mod mode {
    pub const READ: u32 = 1;
    pub const WRITE: u32 = 2;
    pub const EXCLUSIVE: u32 = 4;
    pub const APPEND: u32 = 8;
    pub const SYNC: u32 = 16;
    pub const SKIP_TYPE_CHECK: u32 = 32;
    pub const DIRECTORY: u32 = 64;
}

/// An open (or closed) file.
pub struct File {
    /// The descriptor; -1 once closed. The lock also serialises the
    /// operations on one file, as erts' BUSY state does.
    fd: Mutex<i32>,
    /// Raw pid term of the owner.
    owner: u64,
}

impl Drop for File {
    fn drop(&mut self) {
        let fd = *self.fd.get_mut().unwrap_or_else(|e| e.into_inner());
        if fd >= 0 {
            // SAFETY: `fd` is a descriptor this file owns and nothing else
            // closes.
            unsafe { libc::close(fd) };
        }
    }
}

fn owners() -> &'static Mutex<HashMap<u64, Vec<Arc<File>>>> {
    static O: OnceLock<Mutex<HashMap<u64, Vec<Arc<File>>>>> = OnceLock::new();
    O.get_or_init(|| Mutex::new(HashMap::new()))
}

/// How many processes own open files: lets the exit path skip the lock
/// when none do.
static OWNERS: AtomicUsize = AtomicUsize::new(0);

/// Closes the files of `pid`, which is ending (the exit hook).
pub fn owner_died(pid: Term) {
    if OWNERS.load(Ordering::Acquire) == 0 {
        return;
    }
    let files = {
        let mut o = owners().lock().unwrap_or_else(|e| e.into_inner());
        let f = o.remove(&pid.raw());
        OWNERS.store(o.len(), Ordering::Release);
        f
    };
    for f in files.into_iter().flatten() {
        let _ = f.close_fd();
    }
}

/// Registers the exit hook that closes a dying owner's files (once).
pub fn install() {
    struct Hook;
    impl crate::proc::entity::ExitHook for Hook {
        fn on_unpublished(&self, _ctx: &mut Ctx, pid: Term) {
            owner_died(pid);
        }
    }
    static ONCE: std::sync::Once = std::sync::Once::new();
    ONCE.call_once(|| crate::proc::entity::add_exit_hook(&Hook));
}

/// Open flags for `modes` (`get_flags`), or `EINVAL`.
fn flags(modes: u32) -> Res<i32> {
    let rw = modes & (mode::READ | mode::WRITE);
    let mut f = match rw {
        mode::READ => libc::O_RDONLY,
        mode::WRITE => libc::O_TRUNC | libc::O_WRONLY | libc::O_CREAT,
        0 => return Err(libc::EINVAL),
        _ => libc::O_RDWR | libc::O_CREAT,
    };
    if modes & mode::APPEND != 0 {
        f &= !libc::O_TRUNC;
        f |= libc::O_APPEND;
    }
    if modes & mode::EXCLUSIVE != 0 {
        f |= libc::O_EXCL;
    }
    if modes & mode::SYNC != 0 {
        f |= libc::O_SYNC;
    }
    Ok(f | libc::O_CLOEXEC)
}

fn fd_is_dir(fd: i32) -> bool {
    // SAFETY: `st` is written by fstat before it is read.
    unsafe {
        let mut st: libc::stat = std::mem::zeroed();
        libc::fstat(fd, &mut st) == 0 && (st.st_mode & libc::S_IFMT) == libc::S_IFDIR
    }
}

/// Opens `path` with `modes` (after `open_nif/2`'s defaults: append or
/// exclusive imply write, neither read nor write means read).
pub fn open(path: &std::ffi::CStr, mut modes: u32) -> Res<File> {
    if modes & (mode::APPEND | mode::EXCLUSIVE) != 0 {
        modes |= mode::WRITE;
    } else if modes & (mode::READ | mode::WRITE) == 0 {
        modes |= mode::READ;
    }
    let mut fl = flags(modes)?;
    let perm: libc::c_uint = if modes & mode::DIRECTORY != 0 {
        fl |= libc::O_DIRECTORY;
        0o777
    } else {
        0o666
    };
    let fd = loop {
        // SAFETY: `path` is NUL-terminated.
        let fd = unsafe { libc::open(path.as_ptr(), fl, perm) };
        if fd >= 0 || last_errno() != libc::EINTR {
            break fd;
        }
    };
    if fd < 0 {
        return Err(last_errno());
    }
    if modes & (mode::SKIP_TYPE_CHECK | mode::DIRECTORY) == 0 && fd_is_dir(fd) {
        // SAFETY: `fd` was just opened here.
        unsafe { libc::close(fd) };
        return Err(libc::EISDIR);
    }
    Ok(File {
        fd: Mutex::new(fd),
        owner: 0,
    })
}

/// `file_desc_to_ref_nif/1`: a handle for an already open descriptor.
pub fn from_fd(fd: i32) -> Res<File> {
    // SAFETY: F_GETFL only reads the descriptor's flags.
    if unsafe { libc::fcntl(fd, libc::F_GETFL) } == -1 && last_errno() == libc::EBADF {
        return Err(libc::EBADF);
    }
    Ok(File {
        fd: Mutex::new(fd),
        owner: 0,
    })
}

/// Makes the handle term for `f`, owned by the process bound to `ctx`.
pub fn make_handle(ctx: &mut Ctx, mut f: File) -> Term {
    // SAFETY: BIFs run with their process bound to the context.
    let pid = unsafe { ctx.process() }.pid;
    f.owner = pid.raw();
    let f = Arc::new(f);
    {
        let mut o = owners().lock().unwrap_or_else(|e| e.into_inner());
        o.entry(pid.raw()).or_default().push(f.clone());
        OWNERS.store(o.len(), Ordering::Release);
    }
    resource::make(ctx, Arc::new(Resource { value: Box::new(f) }))
}

/// The file behind handle `t`, if it is one.
pub fn get<'a>(t: Term) -> Option<&'a Arc<File>> {
    resource::get_as::<Arc<File>>(t)
}

impl File {
    /// Runs `op` on the open descriptor, or answers `EINVAL` if closed.
    fn with_fd<T>(&self, op: impl FnOnce(i32) -> Res<T>) -> Res<T> {
        let fd = self.fd.lock().unwrap_or_else(|e| e.into_inner());
        if *fd < 0 {
            return Err(libc::EINVAL);
        }
        op(*fd)
    }

    /// Closes the descriptor; `EINVAL` if it was closed already.
    fn close_fd(&self) -> Res<()> {
        let mut fd = self.fd.lock().unwrap_or_else(|e| e.into_inner());
        if *fd < 0 {
            return Err(libc::EINVAL);
        }
        let raw = std::mem::replace(&mut *fd, -1);
        // close(2) is not retried on EINTR: the descriptor is gone either way.
        // SAFETY: `raw` was this file's open descriptor.
        if unsafe { libc::close(raw) } < 0 {
            return Err(last_errno());
        }
        Ok(())
    }

    /// `close_nif/1`.
    pub fn close(self: &Arc<File>) -> Res<()> {
        self.close_fd()?;
        let mut o = owners().lock().unwrap_or_else(|e| e.into_inner());
        if let Some(v) = o.get_mut(&self.owner) {
            v.retain(|f| !Arc::ptr_eq(f, self));
            if v.is_empty() {
                o.remove(&self.owner);
            }
        }
        OWNERS.store(o.len(), Ordering::Release);
        Ok(())
    }

    /// `delayed_close_nif/1`: closes a file whose owner died (a no-op
    /// when it is closed already).
    pub fn delayed_close(&self) {
        let _ = self.close_fd();
    }

    /// Reads up to `n` bytes (until end of file); empty at end of file.
    pub fn read(&self, n: usize) -> Res<Vec<u8>> {
        self.with_fd(|fd| read_loop(fd, n, None))
    }

    /// Reads up to `n` bytes at `offset`.
    pub fn pread(&self, offset: i64, n: usize) -> Res<Vec<u8>> {
        self.with_fd(|fd| read_loop(fd, n, Some(offset)))
    }

    /// Writes all of `data`.
    pub fn write(&self, data: &[u8]) -> Res<()> {
        self.with_fd(|fd| write_loop(fd, data, None))
    }

    /// Writes all of `data` at `offset`.
    pub fn pwrite(&self, offset: i64, data: &[u8]) -> Res<()> {
        self.with_fd(|fd| write_loop(fd, data, Some(offset)))
    }

    /// `lseek`: `whence` is `SEEK_SET`, `SEEK_CUR` or `SEEK_END`.
    pub fn seek(&self, whence: i32, offset: i64) -> Res<u64> {
        self.with_fd(|fd| {
            // SAFETY: plain system call on an open descriptor.
            let r = unsafe { libc::lseek(fd, offset, whence) };
            if r < 0 {
                Err(last_errno())
            } else {
                Ok(r as u64)
            }
        })
    }

    /// `fsync`, or `fdatasync` when `data_only`.
    pub fn sync(&self, data_only: bool) -> Res<()> {
        self.with_fd(|fd| {
            // SAFETY: plain system calls on an open descriptor.
            let r = unsafe {
                if data_only {
                    libc::fdatasync(fd)
                } else {
                    libc::fsync(fd)
                }
            };
            check(r)
        })
    }

    /// Truncates the file at the current position.
    pub fn truncate(&self) -> Res<()> {
        self.with_fd(|fd| {
            // SAFETY: plain system calls on an open descriptor.
            unsafe {
                let pos = libc::lseek(fd, 0, libc::SEEK_CUR);
                if pos < 0 {
                    return Err(last_errno());
                }
                check(libc::ftruncate(fd, pos))
            }
        })
    }

    /// `fallocate`, falling back to `posix_fallocate`.
    pub fn allocate(&self, offset: i64, len: i64) -> Res<()> {
        self.with_fd(|fd| {
            let r = loop {
                // SAFETY: plain system call on an open descriptor.
                let r = unsafe { libc::fallocate(fd, 0, offset, len) };
                if r == 0 || last_errno() != libc::EINTR {
                    break r;
                }
            };
            if r == 0 {
                return Ok(());
            }
            loop {
                // SAFETY: as above; returns the error number itself.
                let e = unsafe { libc::posix_fallocate(fd, offset, len) };
                match e {
                    0 => return Ok(()),
                    libc::EINTR => continue,
                    e => return Err(e),
                }
            }
        })
    }

    /// `posix_fadvise` with one of `POSIX_FADV_*`.
    pub fn advise(&self, offset: i64, len: i64, advice: i32) -> Res<()> {
        self.with_fd(|fd| {
            // SAFETY: plain system call; returns the error number itself
            // (erts checks for a negative result, which never comes, so a
            // failure is not reported: neither is it here).
            let _ = unsafe { libc::posix_fadvise(fd, offset, len, advice) };
            Ok(())
        })
    }

    /// `fstat`, with access computed from the mode bits as erts does
    /// for handles.
    pub fn info(&self) -> Res<super::fs::Info> {
        self.with_fd(|fd| {
            // SAFETY: `st` is written by fstat before it is read.
            let st = unsafe {
                let mut st: libc::stat = std::mem::zeroed();
                if libc::fstat(fd, &mut st) < 0 {
                    return Err(last_errno());
                }
                st
            };
            let mut i = super::fs::Info::from_stat(&st);
            i.access = handle_access(&st);
            Ok(i)
        })
    }

    /// The descriptor number (`get_handle_nif/1`: its bytes, native order).
    pub fn raw_fd(&self) -> Res<i32> {
        self.with_fd(Ok)
    }
}

/// `check_access`: the owner's, group's or others' bits, whichever
/// class the effective ids fall in.
fn handle_access(st: &libc::stat) -> u32 {
    // SAFETY: geteuid/getegid cannot fail.
    let (uid, gid) = unsafe { (libc::geteuid(), libc::getegid()) };
    let m = st.st_mode;
    let (r, w) = if st.st_uid == uid {
        (libc::S_IRUSR, libc::S_IWUSR)
    } else if st.st_gid == gid {
        (libc::S_IRGRP, libc::S_IWGRP)
    } else {
        (libc::S_IROTH, libc::S_IWOTH)
    };
    (if m & r != 0 { 1 } else { 0 }) | (if m & w != 0 { 2 } else { 0 })
}

fn check(r: i32) -> Res<()> {
    if r < 0 {
        Err(last_errno())
    } else {
        Ok(())
    }
}

/// Reads until `n` bytes or end of file (retrying on EINTR); an error
/// after some bytes were read is still an error, as in erts.
pub(super) fn read_loop(fd: i32, n: usize, mut offset: Option<i64>) -> Res<Vec<u8>> {
    // The buffer grows as data arrives, so that asking for far more than
    // the file holds costs nothing (erts allocates it all, or fails with
    // `enomem`).
    let mut buf: Vec<u8> = Vec::new();
    let mut got = 0;
    while got < n {
        if got == buf.len() {
            let want = (buf.len() * 2).max(64 << 10).min(n);
            buf.try_reserve_exact(want - buf.len())
                .map_err(|_| libc::ENOMEM)?;
            buf.resize(want, 0);
        }
        let rest = &mut buf[got..];
        // SAFETY: `rest` is valid for writes of its length.
        let r = unsafe {
            match offset {
                Some(o) => libc::pread(fd, rest.as_mut_ptr().cast(), rest.len(), o),
                None => libc::read(fd, rest.as_mut_ptr().cast(), rest.len()),
            }
        };
        if r < 0 {
            if last_errno() == libc::EINTR {
                continue;
            }
            return Err(last_errno());
        }
        if r == 0 {
            break;
        }
        got += r as usize;
        if let Some(o) = offset.as_mut() {
            *o += r as i64;
        }
    }
    buf.truncate(got);
    Ok(buf)
}

fn write_loop(fd: i32, mut data: &[u8], mut offset: Option<i64>) -> Res<()> {
    while !data.is_empty() {
        // SAFETY: `data` is valid for reads of its length.
        let r = unsafe {
            match offset {
                Some(o) => libc::pwrite(fd, data.as_ptr().cast(), data.len(), o),
                None => libc::write(fd, data.as_ptr().cast(), data.len()),
            }
        };
        if r < 0 {
            if last_errno() == libc::EINTR {
                continue;
            }
            return Err(last_errno());
        }
        data = &data[r as usize..];
        if let Some(o) = offset.as_mut() {
            *o += r as i64;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn open_write_read_close() {
        let dir = std::env::temp_dir().join(format!("girder_pf_{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let p = dir.join("f");
        let cp = std::ffi::CString::new(p.to_str().unwrap()).unwrap();
        let f = Arc::new(open(&cp, mode::WRITE).unwrap());
        f.write(b"hello").unwrap();
        f.close().unwrap();
        assert_eq!(f.close(), Err(libc::EINVAL));
        assert_eq!(f.read(1), Err(libc::EINVAL));
        let f = open(&cp, mode::READ).unwrap();
        assert_eq!(f.read(3).unwrap(), b"hel");
        assert_eq!(f.pread(1, 10).unwrap(), b"ello");
        assert_eq!(f.read(10).unwrap(), b"lo");
        assert_eq!(f.read(10).unwrap(), b"");
        let d = std::ffi::CString::new(dir.to_str().unwrap()).unwrap();
        assert_eq!(open(&d, mode::READ).err(), Some(libc::EISDIR));
        assert!(open(&d, mode::READ | mode::DIRECTORY).is_ok());
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
