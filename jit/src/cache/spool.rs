//! Bytes waiting for the cache writer, kept out of the VM's memory.
//!
//! A run's new cache records and module indexes are written at exit (by
//! the detached writer, `refine.rs`). Held in the heap until then they
//! were ~4 MB of a cold start's peak resident memory (the records of
//! ~1,650 compiles plus the indexes of ~100 modules), for bytes nothing
//! reads before exit. They go to an anonymous in-memory file instead
//! (`memfd`: page cache, not the process's resident set), appended through
//! a small buffer, and are read back by the writer. Where no such file can
//! be made, the bytes stay in memory as before.

use std::fs::File;
use std::os::unix::fs::FileExt as _;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Mutex, OnceLock};

/// Where one piece of spooled bytes is.
#[derive(Debug)]
pub enum Slot {
    /// `len` bytes at offset `at` of the spool file.
    File { at: u64, len: u32 },
    /// Kept in memory (no spool file, or a piece too large for a slot).
    Mem(Box<[u8]>),
}

/// Bytes not yet written to the file: `data` starts at file offset `base`.
struct Buf {
    data: Vec<u8>,
    base: u64,
    /// A write failed: slots past `base` are lost (read as `None`).
    broken: bool,
}

/// Buffered bytes are written once this many are waiting.
const FLUSH_AT: usize = 64 << 10;

static FILE: OnceLock<Option<File>> = OnceLock::new();
static BUF: Mutex<Buf> = Mutex::new(Buf {
    data: Vec::new(),
    base: 0,
    broken: false,
});
/// Bytes before this offset are in the file (readable without the lock).
static WRITTEN: AtomicU64 = AtomicU64::new(0);

fn file() -> Option<&'static File> {
    FILE.get_or_init(|| {
        use std::os::fd::FromRawFd as _;
        // SAFETY: the name is a NUL-terminated literal; a returned
        // descriptor is new and owned by the File from here on.
        let fd = unsafe { libc::memfd_create(c"girder-cache-spool".as_ptr(), libc::MFD_CLOEXEC) };
        (fd >= 0).then(|| unsafe { File::from_raw_fd(fd) })
    })
    .as_ref()
}

/// The spool file's descriptor, if there is one: a forked writer that
/// closes its inherited descriptors keeps this one.
pub fn raw_fd() -> Option<i32> {
    use std::os::fd::AsRawFd as _;
    FILE.get().and_then(|f| f.as_ref()).map(|f| f.as_raw_fd())
}

/// Stores `b` until the writer reads it.
pub fn put(b: &[u8]) -> Slot {
    let (Some(f), Ok(len)) = (file(), u32::try_from(b.len())) else {
        return Slot::Mem(b.into());
    };
    let mut buf = BUF.lock().unwrap_or_else(|e| e.into_inner());
    let at = buf.base + buf.data.len() as u64;
    buf.data.extend_from_slice(b);
    if buf.data.len() >= FLUSH_AT {
        write_out(f, &mut buf);
    }
    Slot::File { at, len }
}

fn write_out(f: &File, buf: &mut Buf) {
    if !buf.broken && f.write_all_at(&buf.data, buf.base).is_err() {
        buf.broken = true;
    }
    if !buf.broken {
        buf.base += buf.data.len() as u64;
        WRITTEN.store(buf.base, Ordering::Release);
    }
    buf.data.clear();
}

/// Writes out the buffer, so that every slot made so far reads from the
/// file without taking the lock (the detached writer, a forked child,
/// reads them; a lock another thread held at the fork would stay held).
pub fn settle() {
    if let Some(f) = file() {
        let mut buf = BUF.lock().unwrap_or_else(|e| e.into_inner());
        if !buf.data.is_empty() {
            write_out(f, &mut buf);
        }
    }
}

/// The bytes of `s`; `None` if they were lost to a failed write (a cache
/// record then simply is not written).
pub fn get(s: &Slot) -> Option<Vec<u8>> {
    match s {
        Slot::Mem(b) => Some(b.to_vec()),
        Slot::File { at, len } => {
            let f = file()?;
            let end = at + u64::from(*len);
            let mut out = vec![0; *len as usize];
            if end > WRITTEN.load(Ordering::Acquire) {
                let buf = BUF.lock().unwrap_or_else(|e| e.into_inner());
                if *at >= buf.base && !buf.broken {
                    let from = (*at - buf.base) as usize;
                    out.copy_from_slice(buf.data.get(from..from + *len as usize)?);
                    return Some(out);
                }
                if end > buf.base {
                    return None;
                }
            }
            f.read_exact_at(&mut out, *at).ok()?;
            Some(out)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pieces_read_back_before_and_after_settling() {
        let pieces: Vec<Vec<u8>> = (0..200u32)
            .map(|i| (0..(i * 37 % 5000)).map(|j| (i + j) as u8).collect())
            .collect();
        let slots: Vec<Slot> = pieces.iter().map(|p| put(p)).collect();
        for (p, s) in pieces.iter().zip(&slots) {
            assert_eq!(get(s).as_deref(), Some(&p[..]));
        }
        settle();
        for (p, s) in pieces.iter().zip(&slots) {
            assert_eq!(get(s).as_deref(), Some(&p[..]));
        }
    }
}
