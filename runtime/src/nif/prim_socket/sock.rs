//! The socket descriptor (`ESockDescriptor`): the kernel socket, its
//! read and write states, the processes waiting to read, write, accept
//! or connect, the counters `socket:info/1` shows, and the OTP-level
//! options. One lock guards it all (erts has a read and a write lock;
//! no call here blocks while holding it, so one is enough).

use crate::nif::owned::OwnedTerm;
use crate::term::Term;
use std::collections::VecDeque;
use std::sync::{Arc, Mutex, MutexGuard, OnceLock};

/// Read/write state bits (`ESOCK_STATE_*`).
pub mod st {
    pub const BOUND: u32 = 0x0001;
    pub const LISTENING: u32 = 0x0002;
    pub const ACCEPTING: u32 = 0x0004;
    pub const CONNECTING: u32 = 0x0010;
    pub const CONNECTED: u32 = 0x0020;
    pub const SELECTED: u32 = 0x0100;
    pub const CLOSING: u32 = 0x0200;
    pub const CLOSED: u32 = 0x0400;
    pub const DTOR: u32 = 0x8000;

    /// Neither closing nor closed (`IS_OPEN`).
    pub fn is_open(s: u32) -> bool {
        s & (CLOSING | CLOSED) == 0
    }

    /// The state's flags as `socket:info/1` lists them.
    pub const NAMES: &[(u32, &str)] = &[
        (BOUND, "bound"),
        (LISTENING, "listening"),
        (ACCEPTING, "accepting"),
        (CONNECTING, "connecting"),
        (CONNECTED, "connected"),
        (SELECTED, "selected"),
        (CLOSING, "closing"),
        (CLOSED, "closed"),
        (DTOR, "dtor"),
    ];
}

/// `ESOCK_RECV_BUFFER_SIZE_DEFAULT` and the control buffer defaults.
pub const RECV_BUF_DEFAULT: usize = 8192;
pub const CTRL_BUF_DEFAULT: usize = 1024;

/// A process waiting for an operation, with the reference its select or
/// abort message carries.
pub struct Req {
    pub pid: Term,
    pub rref: Arc<OwnedTerm>,
}

/// The counters of `socket:info/1`, in its order.
#[derive(Default, Clone, Copy)]
pub struct Counters {
    pub read_byte: u64,
    pub read_fails: u64,
    pub read_pkg: u64,
    pub read_pkg_max: u64,
    pub read_tries: u64,
    pub read_waits: u64,
    pub write_byte: u64,
    pub write_fails: u64,
    pub write_pkg: u64,
    pub write_pkg_max: u64,
    pub write_tries: u64,
    pub write_waits: u64,
    pub acc_success: u64,
    pub acc_fails: u64,
    pub acc_tries: u64,
    pub acc_waits: u64,
}

/// A requested select: the process to tell and the reference to put in
/// `{'$socket', Socket, select, Ref}`.
pub struct Select {
    pub pid: Term,
    pub rref: Arc<OwnedTerm>,
}

pub struct Inner {
    /// The kernel socket; -1 once closed.
    pub fd: i32,
    pub domain: i32,
    pub stype: i32,
    pub protocol: i32,
    pub rstate: u32,
    pub wstate: u32,
    /// The controlling process (`undefined` once the socket closed).
    pub owner: Term,
    /// The process closing the socket, between close and finalize.
    pub closer: Option<Term>,
    pub reader: Option<Req>,
    pub readers: VecDeque<Req>,
    pub writer: Option<Req>,
    pub writers: VecDeque<Req>,
    pub acceptor: Option<Req>,
    pub acceptors: VecDeque<Req>,
    pub connector: Option<Req>,
    /// Pending one-shot selects (`enif_select_read` / `_write`).
    pub sel_read: Option<Select>,
    pub sel_write: Option<Select>,
    /// The events the poll thread watches (0: not in its set).
    pub polled: u32,
    pub cnt: Counters,
    /// Bytes of the current multi-read package (`*PkgMaxCnt`).
    pub read_pkg_cur: u64,
    pub write_pkg_cur: u64,
    pub r_buf_sz: usize,
    /// Reads of a full buffer before a package counts as done (0: none).
    pub r_num: u32,
    pub r_num_cnt: u32,
    pub r_ctrl_sz: usize,
    pub w_ctrl_sz: usize,
    pub dbg: bool,
    pub iow: bool,
    pub use_reg: bool,
    pub meta: OwnedTerm,
    /// `normal`, or the descriptor a socket was made from and whether it
    /// was duplicated (`ctype` of `socket:info/1`).
    pub from_fd: Option<(i32, bool)>,
    /// Whether closing the socket closes the descriptor (not for an
    /// undup'ed `open(FD)`).
    pub close_on_close: bool,
    /// Raw pids whose death this socket watches (`poll::watch`), so that
    /// the table forgets the socket when it closes.
    pub watchers: Vec<u64>,
}

pub struct Sock {
    /// Key in the open-socket table and in the poll thread's events.
    pub id: u64,
    /// The reference ids of the socket's magic reference (set once it
    /// is made), so that messages built later carry the same reference.
    pub ref_ids: OnceLock<(u64, u64)>,
    inner: Mutex<Inner>,
}

impl Sock {
    pub fn new(id: u64, fd: i32, domain: i32, stype: i32, protocol: i32, owner: Term) -> Sock {
        Sock {
            id,
            ref_ids: OnceLock::new(),
            inner: Mutex::new(Inner {
                fd,
                domain,
                stype,
                protocol,
                rstate: 0,
                wstate: 0,
                owner,
                closer: None,
                reader: None,
                readers: VecDeque::new(),
                writer: None,
                writers: VecDeque::new(),
                acceptor: None,
                acceptors: VecDeque::new(),
                connector: None,
                sel_read: None,
                sel_write: None,
                polled: 0,
                cnt: Counters::default(),
                read_pkg_cur: 0,
                write_pkg_cur: 0,
                r_buf_sz: RECV_BUF_DEFAULT,
                r_num: 0,
                r_num_cnt: 0,
                r_ctrl_sz: CTRL_BUF_DEFAULT,
                w_ctrl_sz: CTRL_BUF_DEFAULT,
                dbg: false,
                iow: false,
                use_reg: true,
                meta: OwnedTerm::new(crate::term::atom::am::UNDEFINED),
                from_fd: None,
                close_on_close: true,
                watchers: Vec::new(),
            }),
        }
    }

    pub fn lock(&self) -> MutexGuard<'_, Inner> {
        self.inner.lock().unwrap_or_else(|e| e.into_inner())
    }
}

impl Drop for Sock {
    fn drop(&mut self) {
        let i = self.inner.get_mut().unwrap_or_else(|e| e.into_inner());
        if i.fd >= 0 && i.close_on_close {
            super::poll::forget(i.fd, i.polled);
            // SAFETY: the descriptor belongs to this socket alone.
            unsafe { libc::close(i.fd) };
        }
    }
}

impl Inner {
    /// Whether `pid` waits in any of the queues (`*_search4pid`).
    pub fn queued(q: &VecDeque<Req>, pid: Term) -> bool {
        q.iter().any(|r| r.pid == pid)
    }

    /// Notes a watched process (once).
    pub fn watchers_add(&mut self, pid: Term) {
        if !self.watchers.contains(&pid.raw()) {
            self.watchers.push(pid.raw());
        }
    }

    /// Drops every queued request of `pid` (`*_unqueue`).
    pub fn unqueue(q: &mut VecDeque<Req>, pid: Term) {
        q.retain(|r| r.pid != pid);
    }
}
