//! Refining the cache: fast-tier code that warm starts place converges to
//! optimised code.
//!
//! A cold run compiles what it calls by the fast tier (`tier.rs`), and the
//! cache keeps that code (`HOT`): the next run places it without
//! compiling. But fast-tier code is about twice the size of optimised
//! code, and a placed fast-tier function keeps its packed instructions for
//! a tier-up, so a warm `halt()` that places ~1,100 such functions peaks
//! 3–4 MB higher than with optimised code (measured: ARCHITECTURE "The
//! cost in warm starts"). Functions a run *places* fast from the cache
//! and then *enters* have proved themselves in two runs; at exit this
//! module compiles them by the optimising tier for the cache only (the
//! code is encoded, never placed in this run) and the cache file's record
//! is replaced (`cache::write_merged`: optimised code wins, `HOT` stays).
//! Later runs place the smaller code.
//!
//! Off the critical path: by default the exiting VM forks, the parent
//! exits at once and the child (its own session, stdio on /dev/null,
//! niced, killed by `alarm` if it ever hangs, one child per cache
//! directory at a time through a lock file) writes the run's own records
//! (taken out by the parent before the fork), then compiles and writes.
//! `GIRDER_CACHE_REFINE` = `detach` (default) | `sync` (in the exiting VM
//! itself, before it exits: scripts that fill a cache for measurements)
//! | `off` (no refining; the exiting VM writes its records).

use crate::lazy::{lower_fn, Inner, ModState};
use crate::lower::entry_signature;
use cranelift_codegen::control::ControlPlane;
use cranelift_codegen::ir::UserFuncName;
use cranelift_codegen::isa::CallConv;
use cranelift_codegen::Context;
use cranelift_frontend::FunctionBuilderContext;
use cranelift_module::Module as _;
use std::sync::atomic::Ordering;
use std::sync::Mutex;

/// The live module states (their addresses): what exit can refine. A
/// state is forgotten before it is freed (`ModState::drop`), and exit
/// holds this lock while it uses them.
static LIVE: Mutex<Vec<usize>> = Mutex::new(Vec::new());

pub(crate) fn register(st: &ModState) {
    lock_live().push(st as *const ModState as usize);
}

pub(crate) fn forget(st: &ModState) {
    let me = st as *const ModState as usize;
    lock_live().retain(|&a| a != me);
}

fn lock_live() -> std::sync::MutexGuard<'static, Vec<usize>> {
    LIVE.lock().unwrap_or_else(|e| e.into_inner())
}

#[derive(Clone, Copy, PartialEq, Debug)]
enum Mode {
    Off,
    Sync,
    Detach,
}

fn mode() -> Mode {
    match std::env::var("GIRDER_CACHE_REFINE").as_deref() {
        Ok("off") | Ok("0") => Mode::Off,
        Ok("sync") => Mode::Sync,
        _ => Mode::Detach,
    }
}

/// A child that has not finished after this many seconds is killed
/// (`alarm`): it may have inherited a lock another thread held at fork.
const CHILD_SECONDS: u32 = 120;

/// Refined records are written every this many functions, so that a
/// child killed by its alarm keeps most of its work.
const FLUSH_EVERY: usize = 128;

/// The functions of a state to refine: fast-tier code placed from the
/// cache and entered in this run (its counter moved), with instructions
/// kept (`Inner::packed`) and a cache key.
fn candidates(st: &ModState, inner: &Inner) -> Vec<usize> {
    candidates_of(st, inner, false)
}

/// The candidates, or (`partial_only`) only the functions whose code in
/// this run is partial (`units.rs`): never cached as it is, so compiled
/// whole for the cache whatever the refining mode.
fn candidates_of(st: &ModState, inner: &Inner, partial_only: bool) -> Vec<usize> {
    if inner.cache_key.is_none() {
        return Vec::new();
    }
    let n = inner.compiled.len();
    let start = crate::tier::threshold() as usize;
    (0..n)
        .filter(|&fi| {
            let count = st.table[crate::tier::counter_slot(n, fi)].load(Ordering::Acquire);
            let placed_and_entered =
                inner.from_cache[fi] && count != start && count != crate::tier::NEVER as usize;
            // Partial code (`units.rs`) is never cached: the function is
            // compiled whole for the cache instead.
            inner.fast[fi]
                && ((placed_and_entered && !partial_only) || inner.partial[fi])
                && inner.packed[fi].is_some()
                && inner.mcx.unsupported[fi].is_none()
        })
        .collect()
}

/// Compiles function `fi` (fast-tier code now) by the optimising tier
/// and adds the record to the cache's pending writes. Nothing in the
/// running version changes but the plan (made and dropped here).
fn refine_fn(inner: &mut Inner, fi: usize) -> Result<bool, String> {
    let n = inner.compiled.len();
    let Some(key) = inner.cache_key.clone() else {
        return Ok(false);
    };
    let mut ctx = Context::new();
    let mut fbc = FunctionBuilderContext::new();
    let Inner {
        mcx,
        jm,
        packed,
        fast,
        atoms_raw,
        ..
    } = inner;
    let jm = jm.as_mut().ok_or("code freed")?;
    let id = mcx.func_ids[fi];
    crate::lazy::reset_function(
        &mut ctx.func,
        UserFuncName::user(0, fi as u32),
        entry_signature(CallConv::Tail),
    );
    // As in a tier-up, the function calls itself directly (the record
    // then names its own canonical id, defined when it is placed).
    let was_callable = std::mem::replace(&mut mcx.callable.borrow_mut()[fi], true);
    let low = lower_fn(mcx, jm, packed, fast, fi, false, id, &mut ctx, &mut fbc);
    mcx.callable.borrow_mut()[fi] = was_callable;
    // The instructions and plan served this compile only (the packed
    // form stays: the function is still fast-tier code here).
    mcx.module.functions[fi].instrs = Vec::new();
    mcx.plans.drop_plan(fi);
    let low = low?;
    if low.pinned {
        return Ok(false);
    }
    ctx.compile(jm.isa(), &mut ControlPlane::default())
        .map_err(|e| format!("{:?}", e.inner))?;
    let code = crate::place::from_compiled(fi, id.as_u32(), false, &ctx, low.syms, low.cps)?;
    crate::cache::add(&key, n, atoms_raw, &code, true);
    Ok(true)
}

/// Refines every candidate of the live states `live` (locked by the
/// caller); states whose lock is taken are skipped. Returns how many
/// functions were refined.
fn refine_all(live: &[usize]) -> usize {
    refine_all_of(live, false)
}

fn refine_all_of(live: &[usize], partial_only: bool) -> usize {
    let mut done = 0;
    let mut since_flush = 0;
    for &a in live {
        // SAFETY: `a` is in LIVE, whose lock the caller holds: the state
        // is not freed meanwhile (`ModState::drop` forgets it first).
        let st = unsafe { &*(a as *const ModState) };
        let Some(mut inner) = st.try_lock() else {
            continue;
        };
        for fi in candidates_of(st, &inner, partial_only) {
            let t0 = std::time::Instant::now();
            if let Ok(true) = refine_fn(&mut inner, fi) {
                crate::stats::refined(t0.elapsed().as_nanos() as u64);
                done += 1;
                since_flush += 1;
            }
        }
        drop(inner);
        if since_flush >= FLUSH_EVERY {
            flush_if_dir_exists();
            since_flush = 0;
        }
    }
    done
}

/// Whether any live state has something to refine.
fn any_candidate(live: &[usize]) -> bool {
    live.iter().any(|&a| {
        // SAFETY: as in `refine_all`.
        let st = unsafe { &*(a as *const ModState) };
        st.try_lock()
            .is_some_and(|inner| !candidates(st, &inner).is_empty())
    })
}

/// At exit (`cache::flush_at_exit`): writes the cache, refining as the
/// mode says. Detached (the default), the exiting VM only takes its
/// pending records and forks: the child writes them (a cold start writes
/// ~90 files, 5-8% of its time) and refines, and the VM exits at once.
pub fn at_exit() {
    let m = mode();
    if crate::cache::dir().is_none() {
        return crate::cache::flush();
    }
    if m == Mode::Off {
        // No refining, but partial code is compiled whole: the cache
        // never holds partial code.
        on_fresh_thread(|| {
            refine_all_of(&lock_live(), true);
        });
        return crate::cache::flush();
    }
    let refine = any_candidate(&lock_live());
    if m == Mode::Sync {
        if refine {
            on_fresh_thread(refine_live);
        }
        return crate::cache::flush();
    }
    let taken = crate::cache::take_pending();
    if taken.is_empty() && !refine {
        return;
    }
    // A directory that exists now and is gone when the child writes was
    // removed on purpose (a script's temporary cache): not made again.
    let existed = crate::cache::dir().is_some_and(|d| d.is_dir());
    match fork_detached() {
        Fork::Parent => {
            taken.count_handed();
            // The process is exiting: no need to free the buffers.
            std::mem::forget(taken);
        }
        Fork::Failed => crate::cache::write_taken(taken),
        Fork::Child => {
            // The lock first: a script waiting for the refining child
            // (`tests/cache/cache.sh`) sees it taken from the fork on.
            let lock = crate::cache::dir().and_then(refine_lock);
            // Thread-locals of the exiting thread may be gone (see
            // `on_fresh_thread`); the records go through a static.
            *CHILD_WRITES.lock().unwrap_or_else(|e| e.into_inner()) = Some((taken, existed));
            on_fresh_thread(|| {
                let w = CHILD_WRITES
                    .lock()
                    .unwrap_or_else(|e| e.into_inner())
                    .take();
                if let Some((t, existed)) = w {
                    let removed = existed && !crate::cache::dir().is_some_and(|d| d.is_dir());
                    if !removed {
                        crate::cache::write_taken(t);
                    }
                }
            });
            if refine && lock.is_some() {
                on_fresh_thread(|| {
                    refine_live();
                    flush_if_dir_exists();
                });
            }
            drop(lock);
            // SAFETY: `_exit` ends the child without running the exit
            // handlers (the parent's, inherited) a second time.
            unsafe { libc::_exit(0) }
        }
    }
}

/// The parent's records, handed to the child's writing thread.
static CHILD_WRITES: Mutex<Option<(crate::cache::Taken, bool)>> = Mutex::new(None);

/// Writes the refined records, unless the cache directory was removed
/// meanwhile (a test's temporary cache, deleted once its VMs exited): a
/// write would create it again.
fn flush_if_dir_exists() {
    if crate::cache::dir().is_some_and(|d| d.is_dir()) {
        crate::cache::flush();
    }
}

fn refine_live() {
    refine_all(&lock_live());
}

/// Runs `f` on a new thread and waits for it. Exit handlers may run after
/// the exiting thread's thread-locals were destroyed, and Cranelift keeps
/// its pass timings in thread-locals; a forked child's one thread is that
/// thread. A raw pthread: `std::thread::spawn` itself reads the spawning
/// thread's thread-locals.
fn on_fresh_thread(f: fn()) {
    extern "C" fn start(arg: *mut libc::c_void) -> *mut libc::c_void {
        // SAFETY: `arg` is the `fn()` `on_fresh_thread` passed.
        let f: fn() = unsafe { std::mem::transmute::<*mut libc::c_void, fn()>(arg) };
        let _ = std::panic::catch_unwind(f);
        std::ptr::null_mut()
    }
    let mut t: libc::pthread_t = 0;
    // SAFETY: `t` is written by pthread_create; `start` has the required
    // signature and receives a function pointer, which outlives the
    // thread (joined before returning).
    unsafe {
        if libc::pthread_create(&mut t, std::ptr::null(), start, f as *mut libc::c_void) == 0 {
            libc::pthread_join(t, std::ptr::null_mut());
        }
    }
}

enum Fork {
    Parent,
    Child,
    Failed,
}

/// Forks; the child is detached from the terminal and its parent's
/// pipes, its signals unblocked and its alarm armed.
fn fork_detached() -> Fork {
    // SAFETY: fork has no memory-safety preconditions. The child runs
    // only this thread: it takes module locks with `try_lock` (skipping a
    // state another thread held), glibc's malloc is reset for the child,
    // and any other lock held at fork time can only block it until its
    // alarm fires.
    let pid = unsafe { libc::fork() };
    if pid < 0 {
        return Fork::Failed;
    }
    if pid > 0 {
        return Fork::Parent;
    }
    // SAFETY: plain system calls on this process's own descriptors and
    // signal state; `null` is a descriptor just opened (or -1, then the
    // dup2 calls fail harmlessly).
    unsafe {
        libc::setsid();
        let mut set: libc::sigset_t = std::mem::zeroed();
        libc::sigemptyset(&mut set);
        libc::sigprocmask(libc::SIG_SETMASK, &set, std::ptr::null_mut());
        libc::signal(libc::SIGALRM, libc::SIG_DFL);
        libc::alarm(CHILD_SECONDS);
        let null = libc::open(c"/dev/null".as_ptr(), libc::O_RDWR);
        for fd in 0..3 {
            libc::dup2(null, fd);
        }
        // Every other inherited descriptor (pipes a caller waits on for
        // end of file, sockets, the poll thread's) but the cache's spool
        // file, which holds the records this child writes.
        let keep = crate::cache::spool_fd().map_or(u32::MAX, |fd| fd as u32);
        close_from_to(3, keep.saturating_sub(1));
        if keep != u32::MAX {
            close_from_to(keep + 1, u32::MAX);
        }
        libc::nice(10);
    }
    Fork::Child
}

/// Closes descriptors `lo..=hi` (none when `hi < lo`).
fn close_from_to(lo: u32, hi: u32) {
    if hi < lo {
        return;
    }
    // SAFETY: closing descriptors of this (forked, single-threaded)
    // process that nothing in it uses any more.
    unsafe {
        if libc::syscall(libc::SYS_close_range, lo, hi, 0u32) != 0 {
            for fd in lo..hi.min(4095).saturating_add(1) {
                libc::close(fd as i32);
            }
        }
    }
}

/// The exclusive lock of `dir`'s refining child (held until it exits);
/// `None` if another child holds it.
fn refine_lock(dir: &std::path::Path) -> Option<std::fs::File> {
    use std::os::fd::AsRawFd as _;
    let f = std::fs::OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .open(dir.join(".refine.lock"))
        .ok()?;
    // SAFETY: flock on a descriptor this function owns.
    let r = unsafe { libc::flock(f.as_raw_fd(), libc::LOCK_EX | libc::LOCK_NB) };
    (r == 0).then_some(f)
}
