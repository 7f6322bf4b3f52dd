//! Selects on the port poll thread (erts' `enif_select` for sockets) and
//! the messages the socket layer sends.
//!
//! A socket is in the poll thread's epoll set (key `Kind::Socket`, its
//! id) with exactly the events of its pending selects: readable while
//! a read select waits, writable while a write select does, out of the
//! set otherwise (epoll reports hang-ups even for an empty mask). A
//! select is one-shot: when its event comes, the poll thread sends
//! `{'$socket', Socket, select, Ref}` to the process that asked and
//! forgets the select, as erts does.
//!
//! Open sockets are listed here (their resource kept alive until the
//! socket is closed, as the socket registry holds them in erts), so the
//! poll thread and the exit hook find a socket by id, and every message
//! carries the socket's own magic reference.

use super::sock::{Inner, Select, Sock};
use crate::data::build::make_tuple;
use crate::data::resource::{self, Resource};
use crate::heap::ctx::Ctx;
use crate::proc::fd_watch;
use crate::term::Term;
use std::collections::{HashMap, HashSet};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, OnceLock};

fn table() -> &'static Mutex<HashMap<u64, Arc<Resource>>> {
    static T: OnceLock<Mutex<HashMap<u64, Arc<Resource>>>> = OnceLock::new();
    T.get_or_init(|| Mutex::new(HashMap::new()))
}

/// Lists the open socket behind `r`.
pub fn add(id: u64, r: Arc<Resource>) {
    table()
        .lock()
        .unwrap_or_else(|e| e.into_inner())
        .insert(id, r);
}

/// Forgets a socket that was closed.
pub fn remove(id: u64) {
    let r = table()
        .lock()
        .unwrap_or_else(|e| e.into_inner())
        .remove(&id);
    // Dropped outside the table lock: the last count closes nothing
    // (the socket is closed already) but must not run under it.
    drop(r);
}

/// The open socket `id`, if it still is.
pub fn find(id: u64) -> Option<Arc<Resource>> {
    table()
        .lock()
        .unwrap_or_else(|e| e.into_inner())
        .get(&id)
        .cloned()
}

/// The socket behind a resource made by this layer.
pub fn sock_of(r: &Resource) -> Option<&Arc<Sock>> {
    r.value.downcast_ref::<Arc<Sock>>()
}

/// Puts the socket's epoll registration in line with its selects.
pub fn update(s: &Sock, i: &mut Inner) {
    if i.fd < 0 {
        return;
    }
    let mut want = 0u32;
    if i.sel_read.is_some() {
        want |= (libc::EPOLLIN | libc::EPOLLRDHUP) as u32;
    }
    if i.sel_write.is_some() {
        want |= libc::EPOLLOUT as u32;
    }
    if want == i.polled {
        return;
    }
    if want == 0 {
        fd_watch::unwatch(i.fd);
    } else {
        fd_watch::watch(i.fd, s.id, want, i.polled != 0);
    }
    i.polled = want;
}

/// Takes a descriptor out of the set before it is closed.
pub fn forget(fd: i32, polled: u32) {
    if polled != 0 {
        fd_watch::unwatch(fd);
    }
}

/// `enif_select_read`: tells `pid` with `rref` once the socket is
/// readable (replacing an earlier read select).
pub fn select_read(s: &Sock, i: &mut Inner, pid: Term, rref: Term) {
    i.sel_read = Some(Select {
        pid,
        rref: Arc::new(crate::nif::owned::OwnedTerm::new(rref)),
    });
    update(s, i);
}

/// `enif_select_write`.
pub fn select_write(s: &Sock, i: &mut Inner, pid: Term, rref: Term) {
    i.sel_write = Some(Select {
        pid,
        rref: Arc::new(crate::nif::owned::OwnedTerm::new(rref)),
    });
    update(s, i);
}

/// The poll thread's entry: socket `id` has `events`.
pub fn on_ready(id: u64, events: u32) {
    let Some(r) = find(id) else {
        return;
    };
    let Some(s) = sock_of(&r) else {
        return;
    };
    let bad = (libc::EPOLLERR | libc::EPOLLHUP) as u32;
    let mut i = s.lock();
    let mut fire = Vec::new();
    if events & ((libc::EPOLLIN | libc::EPOLLRDHUP) as u32 | bad) != 0 {
        if let Some(sel) = i.sel_read.take() {
            fire.push(sel);
        }
    }
    if events & (libc::EPOLLOUT as u32 | bad) != 0 {
        if let Some(sel) = i.sel_write.take() {
            fire.push(sel);
        }
    }
    update(s, &mut i);
    drop(i);
    for sel in fire {
        send_select(s, &sel);
    }
}

/// The socket's reference, `{'$socket', SockRef}`.
pub fn socket_term(ctx: &mut Ctx, s: &Sock) -> Term {
    let sref = sock_ref(ctx, s);
    make_tuple(ctx, &[super::util::a("$socket"), sref])
}

/// The socket's magic reference, rebuilt from its ids.
pub fn sock_ref(ctx: &mut Ctx, s: &Sock) -> Term {
    let (hi, lo) = s.ref_ids.get().copied().unwrap_or((0, 0));
    resource::ref_from_ids(ctx, hi, lo)
}

/// Sends `{'$socket', Socket, Tag, Info}` to `pid`; `info` builds Info.
pub fn send_sock_msg(s: &Sock, pid: Term, tag: &str, info: impl FnOnce(&mut Ctx) -> Term) {
    crate::heap::scratch::with_ctx(|ctx| {
        let sock = socket_term(ctx, s);
        let inf = info(ctx);
        let m = make_tuple(
            ctx,
            &[super::util::a("$socket"), sock, super::util::a(tag), inf],
        );
        crate::proc::signal::send_copied(pid, crate::gc::copy::copy_to_message(m));
    });
}

fn send_select(s: &Sock, sel: &Select) {
    send_sock_msg(s, sel.pid, "select", |ctx| sel.rref.to_heap(ctx));
}

/// `{'$socket', Socket, abort, {Ref, Reason}}` to a waiting process.
pub fn send_abort(s: &Sock, pid: Term, rref: &crate::nif::owned::OwnedTerm, reason: Term) {
    send_sock_msg(s, pid, "abort", |ctx| {
        let r = rref.to_heap(ctx);
        make_tuple(ctx, &[r, reason])
    });
}

/// `{'$socket', add | del, Socket}` to the socket registry.
pub fn send_registry(s: &Sock, tag: &str) {
    crate::heap::scratch::with_ctx(|ctx| {
        let sock = socket_term(ctx, s);
        let m = make_tuple(ctx, &[super::util::a("$socket"), super::util::a(tag), sock]);
        crate::proc::signal::send_copied(
            super::util::a("socket_registry"),
            crate::gc::copy::copy_to_message(m),
        );
    });
}

// ---- processes the sockets depend on (erts' resource monitors) ----

fn watched() -> &'static Mutex<HashMap<u64, HashSet<u64>>> {
    static W: OnceLock<Mutex<HashMap<u64, HashSet<u64>>>> = OnceLock::new();
    W.get_or_init(|| Mutex::new(HashMap::new()))
}

/// How many processes are watched: lets every other exit skip the lock.
static WATCHED: AtomicUsize = AtomicUsize::new(0);

/// Notes that socket `id` must hear of the death of `pid` (its owner, a
/// waiting reader, writer, acceptor or connector, its closer). Stale
/// notes are harmless: a death only makes the socket check its roles.
pub fn watch(i: &mut Inner, pid: Term, id: u64) {
    i.watchers_add(pid);
    watch_pid(pid, id);
}

/// The table half of `watch` (the socket's own list is kept by the
/// caller).
pub fn watch_pid(pid: Term, id: u64) {
    let mut w = watched().lock().unwrap_or_else(|e| e.into_inner());
    w.entry(pid.raw()).or_default().insert(id);
    WATCHED.store(w.len(), Ordering::Release);
}

/// Socket `id` closed: the processes it watched forget it.
pub fn unwatch_all(i: &mut Inner, id: u64) {
    let pids = std::mem::take(&mut i.watchers);
    let mut w = watched().lock().unwrap_or_else(|e| e.into_inner());
    for p in pids {
        if let Some(set) = w.get_mut(&p) {
            set.remove(&id);
            if set.is_empty() {
                w.remove(&p);
            }
        }
    }
    WATCHED.store(w.len(), Ordering::Release);
}

/// The sockets that watch `pid`, which died (their notes are dropped).
fn take_watches(pid: Term) -> Option<HashSet<u64>> {
    if WATCHED.load(Ordering::Acquire) == 0 {
        return None;
    }
    let mut w = watched().lock().unwrap_or_else(|e| e.into_inner());
    let s = w.remove(&pid.raw());
    WATCHED.store(w.len(), Ordering::Release);
    s
}

/// Registers the exit hook (once): a dying process is taken out of every
/// socket's queues, and its sockets are closed.
pub fn install() {
    struct Hook;
    impl crate::proc::entity::ExitHook for Hook {
        fn on_unpublished(&self, _ctx: &mut Ctx, pid: Term) {
            let Some(ids) = take_watches(pid) else {
                return;
            };
            for id in ids {
                if let Some(r) = find(id) {
                    if let Some(s) = sock_of(&r) {
                        super::close::down(s, pid);
                    }
                }
            }
        }
    }
    static ONCE: std::sync::Once = std::sync::Once::new();
    ONCE.call_once(|| {
        crate::proc::entity::add_exit_hook(&Hook);
        fd_watch::set_handler(on_ready);
    });
}
