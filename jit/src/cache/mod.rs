//! The persistent compiled-code cache. One file per module version
//! (`<md5>-<config>.gjc` in the cache directory), holding the relocatable
//! code (`reloc.rs`, `place.rs`) of the functions compiled so far.
//!
//! - Lookup: a module load reads its file (if any), checks it
//!   (`format.rs`: checksum, key, lengths; then the module's atom values,
//!   since atoms are immediates in the code) and keeps the records; a
//!   function is then placed from its record at its first call instead of
//!   being compiled. A record that fails to place is compiled instead.
//! - Writing: functions compiled in this run are encoded at once and kept
//!   in `PENDING` (their bytes spooled out of memory: `spool.rs`); at exit (and by `girder-compile --cache` at its end)
//!   each module's file is re-read, merged with them and replaced
//!   atomically (temporary file, then rename), so VMs writing the same
//!   file at once each leave a complete, valid file (one's additions may
//!   be lost: it is a cache).
//! - The directory is bounded (`GIRDER_CACHE_MAX_MB`, default 512): after
//!   writing, the least recently written files are removed until it uses
//!   at most 80% of that.
//! - Failures (no directory, no permission, full disk) cost speed only:
//!   one warning line, then the cache stays off for the run.

pub mod format;
pub mod index;
pub mod seed;
mod spool;
pub use spool::raw_fd as spool_fd;

use crate::place::FnCode;
use format::Key;
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering::Relaxed};
use std::sync::{Mutex, OnceLock};

/// Changes whenever girder's source or build settings change (build.rs).
pub fn build_id() -> u64 {
    u64::from_str_radix(env!("GIRDER_BUILD_ID"), 16).unwrap_or(0)
}

static DIR: OnceLock<Option<PathBuf>> = OnceLock::new();
static DISABLED: AtomicBool = AtomicBool::new(false);

/// Uses `dir` as the cache directory, or no cache. The cache is off until
/// this is called (the `girder` VM calls it with `dir_from_env()`,
/// `girder-compile --cache DIR` with DIR), so library users and unit
/// tests never read or write one. Call right after the BIF registry is
/// installed, before anything else interns atoms: it interns the atom
/// seed (`seed.rs`).
pub fn set_dir(dir: Option<PathBuf>) {
    if let Some(d) = &dir {
        seed::load(d);
    }
    let _ = DIR.set(dir);
}

/// Writes the atom seed (`girder-compile --cache`, after `flush`).
pub fn write_seed() {
    if let Some(d) = dir() {
        if let Err(e) = create_dir(d).and_then(|_| seed::write(d)) {
            give_up(&d.display().to_string(), &e);
        }
    }
}

/// The directory the environment asks for: `$GIRDER_CACHE_DIR`, else
/// `$XDG_CACHE_HOME/girder`, else `~/.cache/girder`; none when
/// `GIRDER_CACHE=0` or `GIRDER_CACHE_DIR` is set but empty.
pub fn dir_from_env() -> Option<PathBuf> {
    if std::env::var("GIRDER_CACHE").is_ok_and(|v| v == "0") {
        return None;
    }
    let nonempty = |k: &str| std::env::var_os(k).filter(|v| !v.is_empty());
    match std::env::var_os("GIRDER_CACHE_DIR") {
        Some(d) if d.is_empty() => None,
        Some(d) => Some(PathBuf::from(d)),
        None => nonempty("XDG_CACHE_HOME")
            .map(|x| PathBuf::from(x).join("girder"))
            .or_else(|| nonempty("HOME").map(|h| PathBuf::from(h).join(".cache/girder"))),
    }
}

/// The cache directory in use, if any.
pub fn dir() -> Option<&'static Path> {
    if DISABLED.load(Relaxed) {
        return None;
    }
    DIR.get()?.as_deref()
}

/// Turns the cache off for the rest of the run after a failure, with one
/// warning line.
fn give_up(what: &str, e: &dyn std::fmt::Display) {
    if !DISABLED.swap(true, Relaxed) {
        eprintln!("girder: compiled-code cache off: {what}: {e}");
    }
}

fn file_name(key: &Key) -> String {
    let md5: String = key.md5.iter().map(|b| format!("{b:02x}")).collect();
    format!("{md5}-{:016x}{:016x}.gjc", key.build, key.config)
}

/// The cache key of a module with MD5 `md5` under the code-generation
/// settings `config` (`isa::config_hash`).
pub fn key(md5: [u8; 16], config: u64) -> Key {
    Key {
        md5,
        build: build_id(),
        config,
    }
}

static HITS: AtomicU64 = AtomicU64::new(0);
static MISSES: AtomicU64 = AtomicU64::new(0);
static REJECTED: AtomicU64 = AtomicU64::new(0);
static PLACED: AtomicU64 = AtomicU64::new(0);
static PLACED_FAST: AtomicU64 = AtomicU64::new(0);
static WRITTEN: AtomicU64 = AtomicU64::new(0);
static INDEXED: AtomicU64 = AtomicU64::new(0);
static HANDED: AtomicU64 = AtomicU64::new(0);

/// `+Jstats` lines.
pub fn stats() -> Vec<(&'static str, u64)> {
    vec![
        ("cache: modules found", HITS.load(Relaxed)),
        ("cache: modules not found", MISSES.load(Relaxed)),
        ("cache: files rejected", REJECTED.load(Relaxed)),
        ("cache: functions placed from cache", PLACED.load(Relaxed)),
        (
            "cache: fast-tier functions placed from cache",
            PLACED_FAST.load(Relaxed),
        ),
        ("cache: files written", WRITTEN.load(Relaxed)),
        (
            "cache: files left to the detached writer",
            HANDED.load(Relaxed),
        ),
        (
            "cache: modules loaded from their index",
            INDEXED.load(Relaxed),
        ),
    ]
}

/// A function was placed from its record (`fast`: fast-tier code).
pub fn placed(fast: bool) {
    PLACED.fetch_add(1, Relaxed);
    if fast {
        PLACED_FAST.fetch_add(1, Relaxed);
    }
}

fn index_used() {
    INDEXED.fetch_add(1, Relaxed);
}

fn rejected() {
    REJECTED.fetch_add(1, Relaxed);
}

/// Reads a file that must belong to the current user (code from anyone
/// else's file is never run).
fn read_own(p: &Path) -> Option<Vec<u8>> {
    read_own_with_ident(p).map(|r| r.0)
}

/// What identifies the file a path named when it was read: device,
/// inode, size and modification time. A later read that finds the same
/// identity reads the same bytes (writers replace files by `rename`,
/// which makes a new inode; changing a file in place changes its
/// modification time).
#[derive(Clone, Copy, PartialEq, Debug)]
struct Ident(u64, u64, u64, i64, i64);

fn own_file(p: &Path) -> Option<(std::fs::File, Ident)> {
    use std::os::unix::fs::MetadataExt;
    let f = std::fs::File::open(p).ok()?;
    let md = f.metadata().ok()?;
    // SAFETY: geteuid has no preconditions.
    if md.uid() != unsafe { libc::geteuid() } || !md.is_file() {
        return None;
    }
    let id = Ident(md.dev(), md.ino(), md.len(), md.mtime(), md.mtime_nsec());
    Some((f, id))
}

fn read_own_with_ident(p: &Path) -> Option<(Vec<u8>, Ident)> {
    let (f, id) = own_file(p)?;
    let mut b = Vec::with_capacity(id.2 as usize);
    use std::io::Read as _;
    (&f).read_to_end(&mut b).ok()?;
    (b.len() as u64 == id.2).then_some((b, id))
}

/// The cached records of one module version, decoded one by one as
/// functions are placed (`take`).
pub struct Records {
    /// The file's bytes (verified), until `release`; then records are
    /// read again from the file when taken, if it is still the same file.
    bytes: Option<Vec<u8>>,
    path: PathBuf,
    ident: Ident,
    /// Per function: the byte range of its record in the file.
    at: Vec<Option<(usize, usize)>>,
    /// Per function: its record is `format::HOT`.
    hot: Vec<bool>,
    /// Records not taken yet.
    left: usize,
}

impl Records {
    /// Whether function `fi` has a record not taken yet.
    pub fn has(&self, fi: usize) -> bool {
        matches!(self.at.get(fi), Some(Some(_)))
    }

    /// Drops the file's bytes: records not taken yet (functions a run
    /// may never call; a boot's modules keep ~3.5 MB of them) are read
    /// from the file when taken. Called once a module's first call placed
    /// its hot records.
    pub fn release(&mut self) {
        self.bytes = None;
    }

    /// The bytes `[start, start + len)` of the file, if it is still the
    /// file these records were read from.
    fn reread(&self, start: usize, len: usize) -> Option<Vec<u8>> {
        use std::os::unix::fs::FileExt as _;
        let (f, id) = own_file(&self.path)?;
        if id != self.ident {
            return None;
        }
        let mut b = vec![0; len];
        f.read_exact_at(&mut b, start as u64).ok()?;
        Some(b)
    }

    /// Whether every record was taken.
    pub fn is_empty(&self) -> bool {
        self.left == 0
    }

    /// The functions with a `HOT` record not taken yet.
    pub fn hot(&self) -> Vec<usize> {
        (0..self.at.len())
            .filter(|&fi| self.hot[fi] && self.has(fi))
            .collect()
    }

    /// Decodes and removes the record of function `fi`; `None` if there
    /// is none or it is malformed (then the function is compiled).
    /// `export_of` finds an export entry by MFA.
    pub fn take(
        &mut self,
        fi: usize,
        export_of: &dyn Fn(&str, &str, u32) -> usize,
    ) -> Option<FnCode> {
        let (start, len) = self.at.get_mut(fi)?.take()?;
        self.left -= 1;
        let n = self.at.len();
        let reread;
        let body = match &self.bytes {
            Some(b) => b.get(start..start + len),
            None => {
                reread = self.reread(start, len);
                reread.as_deref()
            }
        };
        let c = body
            .and_then(|b| format::decode_fn(fi as u32, b, export_of))
            .filter(|c| crate::place::check(c, n).is_ok());
        if c.is_none() {
            rejected();
        }
        c
    }
}

/// The records cached for the module with key `key`, whose atoms are
/// `atoms` in this run (`nfuncs` functions); `None` when there is no
/// usable file.
pub fn lookup(key: &Key, nfuncs: usize, atoms: &[u64]) -> Option<Records> {
    let d = dir()?;
    let path = d.join(file_name(key));
    let Some((bytes, ident)) = read_own_with_ident(&path) else {
        MISSES.fetch_add(1, Relaxed);
        return None;
    };
    let at = {
        let Some(f) = format::decode_file(&bytes, key) else {
            rejected();
            return None;
        };
        if f.nfuncs as usize != nfuncs || f.atoms != atoms {
            rejected();
            return None;
        }
        let base = bytes.as_ptr() as usize;
        let mut at = vec![None; nfuncs];
        let mut hot = vec![false; nfuncs];
        for (fi, flags, body) in f.records {
            at[fi as usize] = Some((body.as_ptr() as usize - base, body.len()));
            hot[fi as usize] = flags & format::HOT != 0;
        }
        (at, hot)
    };
    let (at, hot) = at;
    HITS.fetch_add(1, Relaxed);
    let left = at.iter().filter(|a| a.is_some()).count();
    Some(Records {
        bytes: Some(bytes),
        path,
        ident,
        at,
        hot,
        left,
    })
}

/// Functions compiled in this run, per cache file, waiting to be written.
struct Pending {
    key: Key,
    nfuncs: u32,
    atoms: Vec<u64>,
    records: HashMap<u32, (u8, spool::Slot)>,
}

static PENDING: Mutex<Option<HashMap<String, Pending>>> = Mutex::new(None);

/// Module indexes made in this run, written at exit.
#[allow(clippy::type_complexity)]
static PENDING_INDEX: Mutex<Vec<([u8; 16], spool::Slot)>> = Mutex::new(Vec::new());

/// Remembers the index of the image with MD5 `md5` for writing.
pub fn add_index(md5: [u8; 16], ix: index::Index) {
    if dir().is_some() {
        let bytes = spool::put(&index::encode(&md5, &ix));
        PENDING_INDEX
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .push((md5, bytes));
    }
}

/// Remembers function `c` of the module with key `key` for writing;
/// `hot`: compiled because it was called (see `format::HOT`).
pub fn add(key: &Key, nfuncs: usize, atoms: &[u64], c: &FnCode, hot: bool) {
    if dir().is_none() {
        return;
    }
    let body = spool::put(&format::encode_fn(c, &export_mfa));
    let mut p = PENDING.lock().unwrap_or_else(|e| e.into_inner());
    let e = p
        .get_or_insert_with(HashMap::new)
        .entry(file_name(key))
        .or_insert_with(|| Pending {
            key: key.clone(),
            nfuncs: nfuncs as u32,
            atoms: atoms.to_vec(),
            records: HashMap::new(),
        });
    // A function's optimised code replaces its fast-tier code compiled
    // earlier in the run (`tier.rs`) and stays HOT if that was.
    let was = e.records.get(&c.fi).map_or(0, |r| r.0);
    let flags = if hot { format::HOT } else { 0 } | (was & format::HOT);
    e.records.insert(c.fi, (flags, body));
}

/// `add` marking the record as compiled ahead (see `add_ahead`).
fn mark_ahead(key: &Key, fi: u32) {
    let mut p = PENDING.lock().unwrap_or_else(|e| e.into_inner());
    if let Some(r) = p
        .as_mut()
        .and_then(|f| f.get_mut(&file_name(key)))
        .and_then(|f| f.records.get_mut(&fi))
    {
        r.0 |= AHEAD_FLAG;
    }
}

/// Records of functions compiled ahead (`background.rs`), not written
/// unless the function was entered by the end of the run (then as `HOT`):
/// a guess that was never called would only grow its module's file.
/// Each: (file name, function index, its fast-tier entry counter
/// (`tier.rs`), the module state owning that counter).
static AHEAD: Mutex<Vec<(String, u32, usize, usize)>> = Mutex::new(Vec::new());

/// Like `add`, for code compiled ahead: kept only if `counter` (the
/// function's fast-tier entry counter, in the table of module state
/// `owner`) shows an entry when the run ends or `owner` is freed
/// (`settle_ahead`). The counter must stay valid until then.
pub fn add_ahead(
    key: &Key,
    nfuncs: usize,
    atoms: &[u64],
    c: &FnCode,
    counter: &std::sync::atomic::AtomicUsize,
    owner: usize,
) {
    if dir().is_none() {
        return;
    }
    add(key, nfuncs, atoms, c, false);
    mark_ahead(key, c.fi);
    AHEAD.lock().unwrap_or_else(|e| e.into_inner()).push((
        file_name(key),
        c.fi,
        counter as *const _ as usize,
        owner,
    ));
}

/// Decides the records compiled ahead by module state `owner` (all, for
/// `None`): HOT if entered, dropped if not — unless a later compile of
/// the function replaced the record (its own flags stand).
pub fn settle_ahead(owner: Option<usize>) {
    let mut list = AHEAD.lock().unwrap_or_else(|e| e.into_inner());
    if list.is_empty() {
        return;
    }
    let mine: Vec<(String, u32, usize, usize)> = match owner {
        None => std::mem::take(&mut *list),
        Some(o) => {
            let (m, rest) = list.drain(..).partition(|e| e.3 == o);
            *list = rest;
            m
        }
    };
    drop(list);
    let threshold = crate::tier::threshold() as usize;
    let mut p = PENDING.lock().unwrap_or_else(|e| e.into_inner());
    let Some(files) = p.as_mut() else { return };
    for (file, fi, counter, _) in mine {
        // SAFETY: `counter` is a slot of the function table of a module
        // state that is live: settled here before it is freed
        // (`background::forget`) or at exit, when none is freed.
        let entered = unsafe { &*(counter as *const std::sync::atomic::AtomicUsize) }.load(Relaxed)
            != threshold;
        let Some(f) = files.get_mut(&file) else {
            continue;
        };
        match f.records.get_mut(&fi) {
            Some(r) if r.0 & AHEAD_FLAG != 0 => {
                if entered {
                    r.0 = (r.0 & !AHEAD_FLAG) | format::HOT;
                } else {
                    f.records.remove(&fi);
                }
            }
            _ => {}
        }
    }
}

/// In-memory mark of a pending record compiled ahead (never written).
const AHEAD_FLAG: u8 = 0x80;

fn export_mfa(e: usize) -> format::Mfa {
    use girder_runtime::term::atom::name;
    // SAFETY: symbols hold the addresses of `&'static Export` entries,
    // which are never freed.
    let e = unsafe { &*(e as *const girder_runtime::code::export::Export) };
    (
        name(e.module).to_string(),
        name(e.function).to_string(),
        e.arity,
    )
}

/// Writes every pending module file (merging what other runs wrote), then
/// trims the directory. Called at exit.
pub fn flush() {
    write_taken(take_pending());
}

/// The writes a flush makes, taken out of the shared state (`flush` in
/// two halves: a detached child of the exiting VM writes what its parent
/// took, `refine.rs`).
pub struct Taken {
    indexes: Vec<([u8; 16], spool::Slot)>,
    pending: Option<HashMap<String, Pending>>,
}

impl Taken {
    pub fn is_empty(&self) -> bool {
        self.indexes.is_empty() && self.pending.as_ref().is_none_or(|p| p.is_empty())
    }

    /// Counts these writes as handed to a detached writer (`+Jstats`).
    pub fn count_handed(&self) {
        let files = self
            .pending
            .as_ref()
            .map_or(0, |p| p.values().filter(|f| !f.records.is_empty()).count());
        HANDED.fetch_add(files as u64, Relaxed);
    }
}

/// Takes this run's pending records and module indexes.
pub fn take_pending() -> Taken {
    settle_ahead(None);
    let indexes = std::mem::take(&mut *PENDING_INDEX.lock().unwrap_or_else(|e| e.into_inner()));
    let pending = PENDING.lock().unwrap_or_else(|e| e.into_inner()).take();
    // The writer may be a forked child: every spooled byte is in the file
    // before it can read (`spool::settle`).
    spool::settle();
    Taken { indexes, pending }
}

/// Writes what `take_pending` took, then trims the directory.
pub fn write_taken(t: Taken) {
    let Taken { indexes, pending } = t;
    for (md5, ix) in &indexes {
        if let Some(bytes) = spool::get(ix) {
            index::write_encoded(md5, &bytes);
        }
    }
    let Some(pending) = pending else {
        if !indexes.is_empty() {
            if let Some(d) = dir() {
                trim(d);
            }
        }
        return;
    };
    let Some(d) = dir() else { return };
    if let Err(e) = create_dir(d) {
        return give_up(&d.display().to_string(), &e);
    }
    for (name, p) in pending {
        if p.records.is_empty() {
            continue; // only guesses compiled ahead, never called
        }
        if let Err(e) = write_merged(d, &name, &p) {
            return give_up(&d.display().to_string(), &e);
        }
        WRITTEN.fetch_add(1, Relaxed);
    }
    trim(d);
}

fn create_dir(d: &Path) -> std::io::Result<()> {
    use std::os::unix::fs::DirBuilderExt;
    std::fs::DirBuilder::new()
        .recursive(true)
        .mode(0o700)
        .create(d)
}

fn write_merged(d: &Path, name: &str, p: &Pending) -> std::io::Result<()> {
    let path = d.join(name);
    let old = read_own(&path);
    // Records whose spooled bytes were lost are left out (`spool::get`).
    let mine: HashMap<u32, (u8, Vec<u8>)> = p
        .records
        .iter()
        .filter_map(|(f, (flags, b))| Some((*f, (*flags, spool::get(b)?))))
        .collect();
    if mine.is_empty() {
        return Ok(());
    }
    let mut records: Vec<format::Record> = mine
        .iter()
        .map(|(f, (flags, b))| (*f, *flags & !AHEAD_FLAG, &b[..]))
        .collect();
    if let Some(f) = old.as_deref().and_then(|b| format::decode_file(b, &p.key)) {
        if f.nfuncs == p.nfuncs && f.atoms == p.atoms {
            for (fi, flags, body) in f.records {
                match mine.get(&fi) {
                    None => records.push((fi, flags, body)),
                    // Optimised code another run stored beats fast-tier
                    // code compiled in this one (`tier.rs`); either way the
                    // record stays HOT if either run called the function.
                    Some((_, mine)) => {
                        let theirs = format::is_fast(mine) && !format::is_fast(body);
                        if let Some(r) = records.iter_mut().find(|r| r.0 == fi) {
                            r.1 |= flags;
                            if theirs {
                                r.2 = body;
                            }
                        }
                    }
                }
            }
        }
    }
    records.sort_by_key(|r| r.0);
    let bytes = format::encode_file(&p.key, p.nfuncs, &p.atoms, &records);
    write_atomic(d, name, &bytes)
}

/// Replaces `d/name` with `bytes` through a temporary file and `rename`,
/// so that readers see the old file or the new one, never a part.
fn write_atomic(d: &Path, name: &str, bytes: &[u8]) -> std::io::Result<()> {
    static SEQ: AtomicU64 = AtomicU64::new(0);
    let tmp = d.join(format!(
        ".tmp-{}-{}-{name}",
        std::process::id(),
        SEQ.fetch_add(1, Relaxed)
    ));
    let r = std::fs::write(&tmp, bytes).and_then(|_| std::fs::rename(&tmp, d.join(name)));
    if r.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    r
}

/// The size limit of the cache directory in bytes.
fn max_bytes() -> u64 {
    std::env::var("GIRDER_CACHE_MAX_MB")
        .ok()
        .and_then(|v| v.parse::<u64>().ok())
        .unwrap_or(512)
        .saturating_mul(1 << 20)
}

/// Removes the oldest cache files while the directory holds more than
/// the limit, down to 80% of it; also stale temporary files (a VM killed
/// while writing) older than an hour.
fn trim(d: &Path) {
    let Ok(rd) = std::fs::read_dir(d) else { return };
    let now = std::time::SystemTime::now();
    let mut files = Vec::new();
    let mut total = 0u64;
    for e in rd.flatten() {
        let Ok(md) = e.metadata() else { continue };
        let name = e.file_name();
        let name = name.to_string_lossy();
        let mtime = md.modified().unwrap_or(now);
        if name.starts_with(".tmp-") {
            if now.duration_since(mtime).is_ok_and(|a| a.as_secs() > 3600) {
                let _ = std::fs::remove_file(e.path());
            }
            continue;
        }
        if (name.ends_with(".gjc") || name.ends_with(".gji")) && md.is_file() {
            total += md.len();
            files.push((mtime, md.len(), e.path()));
        }
    }
    let max = max_bytes();
    if total <= max {
        return;
    }
    files.sort_by_key(|f| f.0);
    for (_, len, path) in files {
        if total <= max / 5 * 4 {
            break;
        }
        if std::fs::remove_file(&path).is_ok() {
            total -= len;
        }
    }
}

extern "C" fn flush_at_exit() {
    crate::clifstats::print();
    crate::clifstats::cover_print();
    let _ = std::panic::catch_unwind(crate::refine::at_exit);
}

/// Writes the cache when the process exits (`halt/0,1`, the end of main).
pub fn flush_at_exit_enable() {
    // SAFETY: `flush_at_exit` is a plain `extern "C" fn()` that catches
    // panics; atexit keeps the pointer.
    unsafe {
        libc::atexit(flush_at_exit);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Records released from memory are read again only from the very
    /// file they were verified in: a file replaced (a concurrent VM's
    /// `rename`) or changed in place since gives nothing (the function is
    /// then compiled).
    #[test]
    fn released_records_are_reread_only_from_the_same_file() {
        let d = std::env::temp_dir().join(format!("girder-reread-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&d);
        std::fs::create_dir_all(&d).unwrap();
        let p = d.join("m.gjc");
        std::fs::write(&p, b"0123456789abcdef").unwrap();
        let (bytes, ident) = read_own_with_ident(&p).unwrap();
        let rec = Records {
            bytes: None,
            path: p.clone(),
            ident,
            at: vec![Some((4, 6))],
            hot: vec![false],
            left: 1,
        };
        assert_eq!(bytes.len(), 16);
        assert_eq!(rec.reread(4, 6).as_deref(), Some(&b"456789"[..]));
        assert_eq!(rec.reread(12, 8), None, "past the end");
        // Replaced by another file under the same name.
        let q = d.join("tmp");
        std::fs::write(&q, b"0123456789abcdef").unwrap();
        std::fs::rename(&q, &p).unwrap();
        assert_eq!(rec.reread(4, 6), None);
        // Changed in place (same inode, a later modification time).
        let (_, ident2) = read_own_with_ident(&p).unwrap();
        let rec2 = Records {
            ident: ident2,
            ..rec
        };
        assert!(rec2.reread(4, 6).is_some());
        std::thread::sleep(std::time::Duration::from_millis(20));
        std::fs::OpenOptions::new()
            .write(true)
            .open(&p)
            .and_then(|mut f| {
                use std::io::Write as _;
                f.write_all(b"X")
            })
            .unwrap();
        assert_eq!(rec2.reread(4, 6), None);
        let _ = std::fs::remove_dir_all(&d);
    }
}
