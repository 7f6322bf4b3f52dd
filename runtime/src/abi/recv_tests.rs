use super::*;
use crate::data::build::{make_ref, make_tuple};
use crate::heap::process::Message;
use crate::term::NIL;
use crate::testutil::TestProc;

/// Puts a copy of `t` into the inbox of the test process.
fn post(tp: &mut TestProc, t: Term) {
    let m: Message = crate::gc::copy::copy_to_message(t);
    tp.proc_.inbox.lock().unwrap().push_back(m);
}

fn peek(tp: &mut TestProc) -> Term {
    // SAFETY: the test context is bound to its process.
    unsafe { rt_recv_peek(tp.ctx()) }
}

#[test]
fn peek_next_remove() {
    let mut tp = TestProc::new();
    assert!(peek(&mut tp).is_non_value());
    for i in 1..=3 {
        let t = make_tuple(tp.ctx(), &[Term::small(i), NIL]);
        post(&mut tp, t);
    }
    // SAFETY: the test context is bound to its process.
    unsafe {
        let m1 = peek(&mut tp);
        assert_eq!(m1.tuple_elem(0), Term::small(1));
        rt_recv_next(tp.ctx());
        let m2 = peek(&mut tp);
        assert_eq!(m2.tuple_elem(0), Term::small(2));
        rt_recv_remove(tp.ctx());
        // the removed message's words stay alive as a heap fragment
        assert_eq!(m2.tuple_elem(0), Term::small(2));
        assert!(!tp.proc_.frags.is_empty());
        assert_eq!(tp.proc_.cursor, 0);
        assert_eq!(peek(&mut tp).tuple_elem(0), Term::small(1));
        rt_recv_next(tp.ctx());
        assert_eq!(peek(&mut tp).tuple_elem(0), Term::small(3));
        rt_recv_next(tp.ctx());
        assert!(peek(&mut tp).is_non_value());
        // a new message arrives while the cursor is at the end
        post(&mut tp, Term::small(4));
        assert_eq!(peek(&mut tp), Term::small(4));
        rt_recv_timeout(tp.ctx());
        assert_eq!(tp.proc_.cursor, 0);
        assert_eq!(tp.proc_.msgq.len(), 3);
    }
}

#[test]
fn wait_timeout_values() {
    let _g = crate::sched::tests::serial();
    let mut tp = TestProc::new();
    // SAFETY: the test context is bound to its process.
    unsafe {
        for bad in [
            Term::small(-1),
            Term::small(MAX_TIMEOUT_MS + 1),
            crate::term::atom::intern("x"),
        ] {
            assert_eq!(rt_recv_wait_timeout(tp.ctx(), bad), 2);
            assert_eq!(tp.ctx().exc_reason, am::TIMEOUT_VALUE);
        }
        let f = crate::data::build::make_float(tp.ctx(), 1.0);
        assert_eq!(rt_recv_wait_timeout(tp.ctx(), f), 2);
        assert_eq!(rt_recv_wait_timeout(tp.ctx(), Term::small(0)), 1);
        rt_recv_timeout(tp.ctx());
        assert_eq!(rt_recv_wait_timeout(tp.ctx(), am::INFINITY), 0);
        assert!(tp.proc_.timer_deadline.is_none());
        assert_eq!(rt_recv_wait_timeout(tp.ctx(), Term::small(10)), 0);
        let seq = tp.proc_.timer_seq;
        assert_eq!(crate::proc::timer::pending(), 1);
        // woken early (a message that does not match): still waiting, the
        // timer is not re-armed
        assert_eq!(rt_recv_wait_timeout(tp.ctx(), Term::small(10)), 0);
        assert_eq!(tp.proc_.timer_seq, seq);
        std::thread::sleep(std::time::Duration::from_millis(15));
        assert_eq!(rt_recv_wait_timeout(tp.ctx(), Term::small(10)), 1);
        rt_recv_timeout(tp.ctx());
        assert!(tp.proc_.timer_deadline.is_none() && !tp.proc_.timed_out);
        assert_eq!(crate::proc::timer::pending(), 0);
        // a matching message cancels the timer
        assert_eq!(rt_recv_wait_timeout(tp.ctx(), Term::small(1000)), 0);
        post(&mut tp, Term::small(1));
        assert_eq!(peek(&mut tp), Term::small(1));
        rt_recv_remove(tp.ctx());
        assert_eq!(crate::proc::timer::pending(), 0);
        assert!(tp.proc_.timer_deadline.is_none());
    }
}

#[test]
fn markers_skip_only_older_messages() {
    let mut tp = TestProc::new();
    for i in 0..5 {
        post(&mut tp, Term::small(i));
    }
    // SAFETY: the test context is bound to its process.
    unsafe {
        let marker = rt_recv_marker_reserve(tp.ctx());
        assert!(marker.is_small());
        let r = make_ref(tp.ctx());
        rt_recv_marker_bind(tp.ctx(), marker, r);
        let reply = make_tuple(tp.ctx(), &[r, am::OK]);
        post(&mut tp, reply);
        // a receive of an older message moves the marker down
        assert_eq!(peek(&mut tp), Term::small(0));
        rt_recv_remove(tp.ctx());
        rt_recv_marker_use(tp.ctx(), r);
        assert_eq!(tp.proc_.cursor, 4);
        let m = peek(&mut tp);
        assert!(m.is_tuple() && m.tuple_elem(1) == am::OK);
        rt_recv_remove(tp.ctx());
        rt_recv_marker_clear(tp.ctx(), r);
        assert!(tp.proc_.recv_markers.is_empty());
        // an unbound or unknown ref leaves the cursor alone
        let other = make_ref(tp.ctx());
        rt_recv_marker_use(tp.ctx(), other);
        assert_eq!(tp.proc_.cursor, 0);
        rt_recv_marker_use(tp.ctx(), am::OK);
        assert_eq!(tp.proc_.cursor, 0);
        // markers are bounded
        for _ in 0..3 * MAX_MARKERS {
            rt_recv_marker_reserve(tp.ctx());
        }
        assert!(tp.proc_.recv_markers.len() <= MAX_MARKERS);
    }
}
