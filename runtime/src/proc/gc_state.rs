//! `erts_debug:set_internal_state(gc_state, Bool)`: a process turning
//! collections off and on for itself (OTP's process_SUITE uses it).
//!
//! While a process has them off, collections others ask of it
//! (`garbage_collect(Pid)`, `request_system_task`) wait: their replies are
//! kept here and sent, `{garbage_collect, ReqId, true}`, once it turns them
//! on again (which collects it once), as BEAM delays a process's
//! collections while `F_DISABLE_GC` is set. If it exits first, they are
//! answered `false`. Unlike BEAM, the process's own collections (a full
//! heap, `garbage_collect()`) still happen: girder's heap grows only
//! through a copying collection, while BEAM can keep allocating in heap
//! fragments.

use crate::heap::process::Message;
use crate::term::Term;
use std::collections::HashMap;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Mutex, OnceLock};

/// Pid word of each process with collections off -> the replies waiting
/// for its next collection (each `{Tag, ReqId, false}` to its requester).
type Waiting = HashMap<u64, Vec<(Term, Message)>>;

fn table() -> &'static Mutex<Waiting> {
    static T: OnceLock<Mutex<Waiting>> = OnceLock::new();
    T.get_or_init(|| Mutex::new(HashMap::new()))
}

/// Processes with collections off (exits skip the table when 0).
static OFF: AtomicUsize = AtomicUsize::new(0);

/// Turns collections off (`enable` false) or on for `pid`; returns
/// whether they were on, and the replies to send after collecting (when
/// turned on again).
pub fn set(pid: Term, enable: bool) -> (bool, Vec<(Term, Message)>) {
    let mut t = table().lock().unwrap_or_else(|e| e.into_inner());
    let was_on = !t.contains_key(&pid.raw());
    let waiting = if enable {
        t.remove(&pid.raw()).unwrap_or_default()
    } else {
        t.entry(pid.raw()).or_default();
        Vec::new()
    };
    OFF.store(t.len(), Ordering::SeqCst);
    (was_on, waiting)
}

/// Keeps the reply `msg` to `requester` for when `target` collects again;
/// false (nothing kept) if `target` has collections on.
pub fn defer(target: Term, requester: Term, msg: Message) -> Result<(), Message> {
    if OFF.load(Ordering::SeqCst) == 0 {
        return Err(msg);
    }
    let mut t = table().lock().unwrap_or_else(|e| e.into_inner());
    match t.get_mut(&target.raw()) {
        Some(v) => {
            v.push((requester, msg));
            Ok(())
        }
        None => Err(msg),
    }
}

/// Sends the kept replies, with `result` as their third element.
pub fn answer(replies: Vec<(Term, Message)>, result: bool) {
    for (to, msg) in replies {
        if msg.term.is_tuple() {
            // SAFETY: each reply is a 3-tuple in its own fragment.
            unsafe { *msg.term.boxed_ptr().add(3) = Term::boolean(result).raw() };
        }
        crate::proc::signal::send_copied(to, msg);
    }
}

/// `pid` exited: the collections still waiting on it are answered false.
pub fn on_exit(pid: Term) {
    if OFF.load(Ordering::Relaxed) == 0 {
        return;
    }
    let (was_on, waiting) = set(pid, true);
    if !was_on {
        answer(waiting, false);
    }
}
