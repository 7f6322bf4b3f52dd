use super::*;
use crate::heap::process::DEFAULT_HEAP_WORDS;
use crate::testutil::TestProc;

/// A process with a token `{Flags, Label, Serial, self, LastCnt}`.
fn with_token(pid: u64, flags: u32, label: Term, serial: i64, lastcnt: i64) -> Box<Process> {
    let mut p = Process::new(Term::pid(pid), DEFAULT_HEAP_WORDS);
    let tok = ensure_token(&mut p);
    tok.flags = flags;
    set_label(tok, label);
    tok.serial = serial;
    tok.lastcnt = lastcnt;
    p
}

fn elems(t: Term) -> Vec<Term> {
    // SAFETY: the callers pass tuples.
    unsafe { (0..t.tuple_arity()).map(|i| t.tuple_elem(i)).collect() }
}

#[test]
fn a_new_token_starts_from_the_process_counters() {
    let mut p = Process::new(Term::pid(200), DEFAULT_HEAP_WORDS);
    p.seq.lastcnt = 7;
    let tok = ensure_token(&mut p);
    assert_eq!((tok.flags, tok.serial, tok.lastcnt), (0, 0, 7));
    assert_eq!(tok.label, Term::small(0));
    assert_eq!(tok.from, Term::pid(200));
    assert!(active());
}

#[test]
fn sends_bump_the_clock_and_carry_the_token() {
    let mut tp = TestProc::new();
    let label = crate::data::build::make_tuple(tp.ctx(), &[am::OK, Term::small(5)]);
    let mut p = with_token(201, SEND | RECEIVE, label, 0, 0);
    p.seq.clock = 3;
    p.seq.lastcnt = 2;
    let msg = crate::data::build::make_tuple(tp.ctx(), &[am::ERROR, Term::small(1)]);
    let m = send_message(&mut p, Term::pid(202), msg);
    assert_eq!(p.seq.clock, 4);
    let tok = p.seq.token.as_deref().unwrap();
    assert_eq!((tok.serial, tok.lastcnt, tok.from), (4, 2, Term::pid(201)));
    // The message and the token tuple are both in the message's fragment.
    let frag = m.frag.as_ref().unwrap();
    assert_eq!(frag.len(), 3 + 6 + 3);
    assert!(crate::data::compare::eq_exact(m.term, msg));
    let t = elems(m.token);
    assert_eq!(t.len(), 5);
    assert_eq!(t[0], Term::small((SEND | RECEIVE) as i64));
    assert!(crate::data::compare::eq_exact(t[1], label));
    assert_eq!(
        (t[2], t[3], t[4]),
        (Term::small(4), Term::pid(201), Term::small(2))
    );
}

#[test]
fn receiving_applies_the_message_token() {
    let mut tp = TestProc::new();
    let mut sender = with_token(203, 0, Term::small(9), 10, 0);
    sender.seq.clock = 10;
    let mut p = with_token(204, 0, Term::small(1), 0, 0);
    p.seq.clock = 20;
    let msg = crate::data::build::make_tuple(tp.ctx(), &[am::OK]);
    // A token: it becomes the receiver's; the clock never goes back.
    p.msgq.push_back(send_message(&mut sender, p.pid, msg));
    on_receive(&mut p, 0);
    let tok = p.seq.token.as_deref().unwrap();
    assert_eq!(
        (tok.label, tok.serial, tok.from),
        (Term::small(9), 11, Term::pid(203))
    );
    assert_eq!((p.seq.lastcnt, p.seq.clock), (11, 20));
    // `undefined` (a timer, a monitor): the token stays.
    p.msgq.push_back(copy_to_message(am::OK));
    on_receive(&mut p, 1);
    assert!(p.seq.token.is_some());
    // `[]` (a process without a token sent it): the token goes, the
    // counters stay.
    let mut plain = copy_to_message(am::OK);
    plain.token = NIL;
    p.msgq.push_back(plain);
    on_receive(&mut p, 2);
    assert!(p.seq.token.is_none());
    assert_eq!((p.seq.lastcnt, p.seq.clock), (11, 20));
    // A sender's pid (a process without a token sent it): as `[]`.
    ensure_token(&mut p);
    let mut plain = copy_to_message(am::OK);
    plain.token = Term::pid(203);
    p.msgq.push_back(plain);
    on_receive(&mut p, 3);
    assert!(p.seq.token.is_none());
}

#[test]
fn print_needs_a_token_and_a_matching_label() {
    let mut p = Process::new(Term::pid(205), DEFAULT_HEAP_WORDS);
    assert!(!print(&mut p, None, am::OK));
    let mut p = with_token(206, PRINT, Term::small(3), 0, 0);
    assert!(!print(&mut p, Some(Term::small(4)), am::OK));
    assert_eq!(p.seq.clock, 0);
    assert!(print(&mut p, Some(Term::small(3)), am::OK));
    assert!(print(&mut p, None, am::OK));
    assert_eq!(p.seq.token.as_deref().unwrap().serial, 2);
}

#[test]
fn reset_clears_the_process_and_its_queued_tokens() {
    let mut tp = TestProc::new();
    let mut sender = with_token(207, 0, Term::small(1), 0, 0);
    let mut p = with_token(208, 0, Term::small(2), 5, 4);
    p.seq.clock = 5;
    let msg = crate::data::build::make_tuple(tp.ctx(), &[am::OK]);
    p.msgq.push_back(send_message(&mut sender, p.pid, msg));
    p.inbox
        .lock()
        .unwrap()
        .push_back(send_message(&mut sender, p.pid, msg));
    p.msgq.push_back(copy_to_message(am::OK));
    reset_process(&mut p);
    assert!(p.seq.token.is_none());
    assert_eq!((p.seq.clock, p.seq.lastcnt), (0, 0));
    // The token goes, the sender stays.
    assert_eq!(p.msgq[0].token, Term::pid(207));
    assert_eq!(p.inbox.lock().unwrap()[0].token, Term::pid(207));
    assert_eq!(p.msgq[1].token, am::UNDEFINED);
}

#[test]
fn token_items_and_tracer_arguments() {
    assert_eq!(flag_of(atom::intern("receive")), Some(RECEIVE));
    assert_eq!(
        flag_of(atom::intern("strict_monotonic_timestamp")),
        Some(STRICT_MON_TS)
    );
    assert_eq!(flag_of(atom::intern("label")), None);
    assert_eq!(flag_of(Term::small(1)), None);
    // Only `false` or a live pid.
    assert!(set_tracer(Term::small(1)).is_none());
    assert!(set_tracer(Term::pid(999_999)).is_none());
}
