use super::*;
use crate::bif::native;
use crate::heap::process::DEFAULT_HEAP_WORDS;
use crate::term::atom::intern;
use crate::testutil::TestProc;

/// A test process that is also in the process table (so that names,
/// links and `is_process_alive` see it).
fn published() -> (TestProc, ProcRef) {
    let mut tp = TestProc::new();
    let pid = ptable::new_pid();
    tp.proc_.pid = pid;
    // The table gets its own process object with the same pid; the test
    // process stands in for it when running BIFs.
    let r = ptable::insert(Process::new(pid, DEFAULT_HEAP_WORDS));
    (tp, r)
}

#[test]
fn self_and_flags() {
    let mut tp = TestProc::new();
    assert_eq!(tp.call(native!(self_0, 0), &[]), Term::pid(1));
    assert_eq!(
        tp.call(native!(process_flag_2, 2), &[am::TRAP_EXIT, am::TRUE]),
        am::FALSE
    );
    assert!(tp.proc_.trap_exit);
    assert_eq!(
        tp.call(native!(process_flag_2, 2), &[am::TRAP_EXIT, am::FALSE]),
        am::TRUE
    );
    assert!(tp
        .call(native!(process_flag_2, 2), &[am::TRAP_EXIT, Term::small(1)])
        .is_non_value());
    assert_eq!(
        tp.call(
            native!(process_flag_2, 2),
            &[intern("priority"), intern("high")]
        ),
        intern("normal")
    );
    assert!(tp
        .call(
            native!(process_flag_2, 2),
            &[intern("bogus"), intern("high")]
        )
        .is_non_value());
    assert_eq!(tp.call(native!(yield_full_0, 0), &[]), am::TRUE);
    assert_eq!(tp.call(native!(group_leader_0, 0), &[]), Term::pid(0));
}

#[test]
fn names() {
    let _g = crate::sched::tests::serial();
    let (mut tp, _r) = published();
    let me = tp.proc_.pid;
    let n = intern("proc_bif_test_name");
    assert_eq!(tp.call(native!(register_2, 2), &[n, me]), am::TRUE);
    assert!(tp.call(native!(register_2, 2), &[n, me]).is_non_value());
    assert_eq!(tp.call(native!(whereis_1, 1), &[n]), me);
    assert_eq!(
        tp.call(native!(whereis_1, 1), &[intern("nope_nope")]),
        am::UNDEFINED
    );
    let l = tp.call(native!(registered_0, 0), &[]);
    assert_eq!(list_to_vec(l).unwrap(), vec![n]);
    let pi = tp.call(native!(process_info_2, 2), &[me, intern("registered_name")]);
    // SAFETY: a 2-tuple.
    assert_eq!(unsafe { pi.tuple_elem(1) }, n);
    assert_eq!(tp.call(native!(unregister_1, 1), &[n]), am::TRUE);
    assert!(tp.call(native!(unregister_1, 1), &[n]).is_non_value());
    assert!(tp
        .call(native!(register_2, 2), &[am::UNDEFINED, me])
        .is_non_value());
    assert!(tp
        .call(native!(register_2, 2), &[n, Term::pid(123_456)])
        .is_non_value());
}

#[test]
fn alive_info_and_exit_to_self() {
    let _g = crate::sched::tests::serial();
    let (mut tp, _r) = published();
    let me = tp.proc_.pid;
    assert_eq!(tp.call(native!(is_process_alive_1, 1), &[me]), am::TRUE);
    assert_eq!(
        tp.call(native!(is_process_alive_1, 1), &[Term::pid(123_456)]),
        am::FALSE
    );
    assert!(tp
        .call(native!(is_process_alive_1, 1), &[am::OK])
        .is_non_value());
    assert_eq!(
        tp.call(
            native!(process_info_2, 2),
            &[Term::pid(123_456), intern("links")]
        ),
        am::UNDEFINED
    );
    assert!(tp
        .call(native!(process_info_2, 2), &[me, intern("bogus")])
        .is_non_value());
    // self-send through erlang:send/2, then message_queue_len
    // (the test process is not the table's object, so post directly)
    tp.proc_
        .inbox
        .lock()
        .unwrap()
        .push_back(crate::gc::copy::copy_to_message(am::OK));
    let items = list_from_slice(
        tp.ctx(),
        &[intern("message_queue_len"), intern("trap_exit")],
    );
    let l = tp.call(native!(process_info_2, 2), &[me, items]);
    assert_eq!(
        crate::data::display::display_string(l),
        "[{message_queue_len,1},{trap_exit,false}]"
    );
    // exit(self(), kill): an uncatchable exit with reason killed
    assert!(tp.call(native!(exit_2, 2), &[me, am::KILL]).is_non_value());
    assert!(tp.proc_.uncatchable);
    assert_eq!(
        (tp.ctx.exc_class, tp.ctx.exc_reason),
        (am::EXIT, am::KILLED)
    );
    tp.proc_.uncatchable = false;
    // trapping: a message instead
    tp.proc_.trap_exit = true;
    assert_eq!(tp.call(native!(exit_2, 2), &[me, intern("foo")]), am::TRUE);
    assert_eq!(tp.proc_.inbox.lock().unwrap().len(), 2);
    assert!(tp
        .call(native!(exit_2, 2), &[am::OK, am::KILL])
        .is_non_value());
    // exit to a dead pid is fine
    assert_eq!(
        tp.call(native!(exit_2, 2), &[Term::pid(123_456), am::KILL]),
        am::TRUE
    );
}

#[test]
fn links_with_signals() {
    let _g = crate::sched::tests::serial();
    let (mut tp, _r) = published();
    let other = ptable::insert(Process::new(ptable::new_pid(), DEFAULT_HEAP_WORDS));
    let o = other.pid();
    assert_eq!(tp.call(native!(link_1, 1), &[o]), am::TRUE);
    assert_eq!(tp.proc_.links, vec![o]);
    assert!(other.has_signals().load(Ordering::SeqCst));
    assert_eq!(tp.call(native!(unlink_1, 1), &[o]), am::TRUE);
    assert!(tp.proc_.links.is_empty());
    // SAFETY: `other` never runs in this test.
    let p = unsafe { &mut *other.ptr() };
    assert!(signal::fetch(p, true).is_none());
    assert!(p.links.is_empty(), "link then unlink");
    // a dead pid: noproc unless trapping
    let dead = Term::pid(123_457);
    assert!(tp.call(native!(link_1, 1), &[dead]).is_non_value());
    assert_eq!(tp.ctx.exc_reason, am::NOPROC);
    tp.proc_.trap_exit = true;
    assert_eq!(tp.call(native!(link_1, 1), &[dead]), am::TRUE);
    assert_eq!(tp.proc_.inbox.lock().unwrap().len(), 1);
    assert!(tp.call(native!(link_1, 1), &[am::OK]).is_non_value());
    // exit/2 to another process: an exit signal it acts on
    assert_eq!(tp.call(native!(is_process_alive_1, 1), &[o]), am::TRUE);
    assert_eq!(
        tp.call(native!(exit_2, 2), &[o, intern("shutdown")]),
        am::TRUE
    );
    assert_eq!(
        tp.call(native!(is_process_alive_1, 1), &[o]),
        am::FALSE,
        "doomed by the signal"
    );
    assert_eq!(
        tp.call(native!(process_info_2, 2), &[o, intern("links")]),
        am::UNDEFINED
    );
    let d = signal::fetch(p, true).expect("dies");
    assert_eq!(d.reason(), intern("shutdown"));
}

#[test]
fn bad_spawn_arguments() {
    let mut tp = TestProc::new();
    assert!(tp.call(native!(spawn_1, 1), &[am::OK]).is_non_value());
    let bad = crate::data::build::cons(tp.ctx(), am::OK, am::OK);
    assert!(tp
        .call(native!(spawn_3, 3), &[am::OK, am::OK, bad])
        .is_non_value());
    assert!(tp
        .call(native!(spawn_3, 3), &[Term::small(1), am::OK, NIL])
        .is_non_value());
}
