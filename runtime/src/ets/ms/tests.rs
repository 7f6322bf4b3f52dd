//! Unit tests of the match-spec compiler and runner.

use super::{compile_with_errors, guards, CompiledMs, MsKind};
use crate::data::build::{list_from_slice, make_tuple};
use crate::data::display::display_string;
use crate::heap::ctx::Ctx;
use crate::term::atom::{self, am};
use crate::term::{Term, NIL};
use crate::testutil::TestProc;

fn a(s: &str) -> Term {
    atom::intern(s)
}
fn i(v: i64) -> Term {
    Term::small(v)
}
/// `[{Head, Guards, Body}]`
fn spec(ctx: &mut Ctx, head: Term, guards: &[Term], body: &[Term]) -> Term {
    let g = list_from_slice(ctx, guards);
    let b = list_from_slice(ctx, body);
    let c = make_tuple(ctx, &[head, g, b]);
    list_from_slice(ctx, &[c])
}

#[test]
fn every_guard_function_has_a_bif() {
    for &(name, arity) in guards::all_bif_guards() {
        assert!(
            crate::bif::lookup(am::ERLANG, atom::intern(name), arity as u32).is_some(),
            "{name}/{arity}"
        );
    }
}

#[test]
fn binds_checks_and_builds() {
    let mut tp = TestProc::new();
    let ctx = tp.ctx();
    // [{{'$2', '$1', '$2'}, [{'>', '$1', 1}], [{{'$$', '$_'}}]}]
    let head = make_tuple(ctx, &[a("$2"), a("$1"), a("$2")]);
    let gt = make_tuple(ctx, &[a(">"), a("$1"), i(1)]);
    let inner = make_tuple(ctx, &[a("$$"), a("$_")]);
    let body = make_tuple(ctx, &[inner]);
    let s = spec(ctx, head, &[gt], &[body]);
    let ms = CompiledMs::compile(ctx, s, MsKind::Table).expect("valid");
    let o1 = make_tuple(ctx, &[a("x"), i(5), a("x")]);
    let r = ms.run(ctx, o1).expect("matches");
    assert_eq!(display_string(r), "{[5,x],{x,5,x}}");
    let o2 = make_tuple(ctx, &[a("x"), i(5), a("y")]); // '$2' differs
    assert!(ms.run(ctx, o2).is_none());
    let o3 = make_tuple(ctx, &[a("x"), i(0), a("x")]); // guard false
    assert!(ms.run(ctx, o3).is_none());
    let o4 = make_tuple(ctx, &[a("x"), a("atom"), a("x")]); // guard: no error, fails
    assert!(ms.run(ctx, o4).is_some()); // atoms > numbers in term order
    assert!(!ms.is_trivial_object_body());
}

#[test]
fn invalid_specs_and_error_lists() {
    let mut tp = TestProc::new();
    let ctx = tp.ctx();
    assert!(CompiledMs::compile(ctx, NIL, MsKind::Table).is_none());
    assert!(CompiledMs::compile(ctx, a("x"), MsKind::Table).is_none());
    // [{'_', [], [{foo, '$1'}, '$9']}]: two errors, in erl's order (the
    // arguments of an unknown function are not looked at).
    let call = make_tuple(ctx, &[a("foo"), a("$1")]);
    let s = spec(ctx, a("_"), &[], &[call, a("$9")]);
    let errs = compile_with_errors(ctx, s, MsKind::Table)
        .err()
        .expect("invalid");
    let msgs: Vec<&str> = errs.iter().map(|e| e.0.as_str()).collect();
    assert_eq!(
        msgs,
        ["Function foo/1 does_not_exist.", "Variable $9 is unbound."]
    );
    // message/1 is trace-only.
    let m = make_tuple(ctx, &[a("message"), i(1)]);
    let s = spec(ctx, a("_"), &[], &[m]);
    assert!(CompiledMs::compile(ctx, s, MsKind::Table).is_none());
    assert!(CompiledMs::compile(ctx, s, MsKind::Trace).is_some());
}

#[test]
fn body_failures_give_exit_guard_failures_fail() {
    let mut tp = TestProc::new();
    let ctx = tp.ctx();
    let hd = make_tuple(ctx, &[a("hd"), a("$1")]);
    let t = make_tuple(ctx, &[hd, a("$1")]);
    let body = make_tuple(ctx, &[t]);
    let s = spec(ctx, a("$1"), &[], &[body]);
    let ms = CompiledMs::compile(ctx, s, MsKind::Table).expect("valid");
    let r = ms.run(ctx, a("notalist")).expect("matches");
    assert_eq!(display_string(r), "{'EXIT',notalist}");
    let s = spec(ctx, a("$1"), &[hd], &[a("$1")]);
    let ms = CompiledMs::compile(ctx, s, MsKind::Table).expect("valid");
    assert!(ms.run(ctx, a("notalist")).is_none());
}

#[test]
fn bound_keys_and_ranges() {
    let mut tp = TestProc::new();
    let ctx = tp.ctx();
    let h1 = make_tuple(ctx, &[i(7), a("$1")]);
    let h2 = make_tuple(ctx, &[i(3), a("_")]);
    let b = list_from_slice(ctx, &[a("$_")]);
    let c1 = make_tuple(ctx, &[h1, NIL, b]);
    let c2 = make_tuple(ctx, &[h2, NIL, b]);
    let s = list_from_slice(ctx, &[c1, c2]);
    let ms = CompiledMs::compile(ctx, s, MsKind::Table).expect("valid");
    assert!(ms.is_trivial_object_body());
    assert_eq!(ms.bound_keys(1).map(|k| k.len()), Some(2));
    assert!(ms.bound_keys(2).is_none());
    assert_eq!(ms.single_key(1), None);
    let super::Span::Keys(span) = ms.key_span(1) else {
        panic!("a span");
    };
    use crate::ets::store::KeyBounds;
    // The keys are 3 and 7: the span is 3..=7 in term order.
    let t = make_tuple(ctx, &[i(1)]);
    assert!(span.below(i(2)) && !span.below(i(3)) && !span.below(i(5)));
    assert!(!span.above(i(7)) && span.above(i(8)) && span.above(a("x")) && span.above(t));
    assert!(matches!(ms.key_span(3), super::Span::Nothing));
    assert!(matches!(ms.key_span(2), super::Span::All));
}

#[test]
fn deep_specs_do_not_overflow() {
    // Specs are compiled on the scheduler thread (the main thread, 8 MiB
    // of stack); test threads get 2 MiB, so run where girder runs them.
    let t = std::thread::Builder::new()
        .stack_size(8 << 20)
        .spawn(|| {
            let mut tp = TestProc::new();
            let ctx = tp.ctx();
            let mut e = a("$1");
            for _ in 0..100_000 {
                e = make_tuple(ctx, &[a("abs"), e]);
            }
            let s = spec(ctx, a("$1"), &[], &[e]);
            assert!(CompiledMs::compile(ctx, s, MsKind::Table).is_none());
        })
        .expect("spawn");
    assert!(t.join().is_ok());
}
