//! Readiness of descriptors that are not ports (the `socket` module's
//! sockets, `nif/prim_socket`), served by the port poll thread (`io`).
//! `io` and `nif` are peer layers, so neither names the other: the poll
//! thread's owner registers how to watch a descriptor, the socket layer
//! registers where its events go, both at start-up (`bif::install`).

use std::sync::OnceLock;

/// How descriptors are watched: `watch(fd, id, events, added)` for
/// exactly `events` (epoll bits) reported with `id`, `unwatch(fd)`.
pub struct Poller {
    pub watch: fn(i32, u64, u32, bool),
    pub unwatch: fn(i32),
}

static POLLER: OnceLock<Poller> = OnceLock::new();
static HANDLER: OnceLock<fn(u64, u32)> = OnceLock::new();

/// Registers the poller (once).
pub fn set_poller(p: Poller) {
    let _ = POLLER.set(p);
}

/// Registers the handler of ready events (once).
pub fn set_handler(h: fn(u64, u32)) {
    let _ = HANDLER.set(h);
}

/// Watches `fd` for `events`, reported as `id`; `added`: in the set
/// already. False when no poller is registered.
pub fn watch(fd: i32, id: u64, events: u32, added: bool) -> bool {
    match POLLER.get() {
        Some(p) => {
            (p.watch)(fd, id, events, added);
            true
        }
        None => false,
    }
}

/// Stops watching `fd` (before it is closed).
pub fn unwatch(fd: i32) {
    if let Some(p) = POLLER.get() {
        (p.unwatch)(fd);
    }
}

/// The poll thread's report: descriptor `id` has `events`.
pub fn ready(id: u64, events: u32) {
    if let Some(h) = HANDLER.get() {
        h(id, events);
    }
}
