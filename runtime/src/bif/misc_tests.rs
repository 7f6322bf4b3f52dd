//! Expected strings come from `erl` (OTP 25), as in `list_tests.rs`.

use super::*;
use crate::bif::native;
use crate::bif::test_terms::t;
use crate::data::display::{display_string, show_result};
use crate::testutil::TestProc;

fn call(tp: &mut TestProc, f: crate::code::export::BifFn, args: &[&str]) -> String {
    let a: Vec<Term> = args.iter().map(|s| t(tp.ctx(), s)).collect();
    let r = tp.call(f, &a);
    show_result(tp.ctx(), r)
}

#[test]
fn exceptions() {
    let mut tp = TestProc::new();
    assert_eq!(call(&mut tp, native!(throw_1, 1), &["x"]), "{throw,x}");
    assert_eq!(
        call(&mut tp, native!(exit_1, 1), &["{a,b}"]),
        "{exit,{a,b}}"
    );
    assert_eq!(call(&mut tp, native!(error_1, 1), &["x"]), "{error,x}");
    assert!(tp.ctx.exc_trace.is_non_value());
    assert_eq!(
        call(&mut tp, native!(error_2, 2), &["x", "[1]"]),
        "{error,x}"
    );
    assert_eq!(display_string(tp.ctx.exc_trace), "[1]");
    assert_eq!(call(&mut tp, native!(error_2, 2), &["x", "y"]), "{error,x}");
    assert_eq!(
        call(&mut tp, native!(error_3, 3), &["x", "[1,2]", "[]"]),
        "{error,x}"
    );
    assert_eq!(display_string(tp.ctx.exc_trace), "[1,2]");
    assert!(tp.ctx.exc_top.is_non_value());
    let m = crate::data::map::layout::new_flat(tp.ctx(), &[am::MODULE], &[am::ERLANG]);
    let info =
        crate::data::build::make_tuple(tp.ctx(), &[crate::term::atom::intern("error_info"), m]);
    let opts = crate::data::build::list_from_slice(tp.ctx(), &[info]);
    let (r, a) = (t(tp.ctx(), "x"), t(tp.ctx(), "[1]"));
    let res = tp.call(native!(error_3, 3), &[r, a, opts]);
    assert_eq!(show_result(tp.ctx(), res), "{error,x}");
    assert_eq!(
        display_string(tp.ctx.exc_top),
        "[{error_info,#{module=>erlang}}]"
    );
    // raise/3 checks the trace: bad ones make it return badarg
    assert_eq!(
        call(&mut tp, native!(raise_3, 3), &["error", "r", "[{m,f}]"]),
        "{ok,badarg}"
    );
    assert_eq!(
        call(&mut tp, native!(raise_3, 3), &["oops", "r", "[]"]),
        "{ok,badarg}"
    );
    assert_eq!(
        call(&mut tp, native!(raise_3, 3), &["exit", "r", "[{m,f,1}]"]),
        "{exit,r}"
    );
    assert_eq!(display_string(tp.ctx.exc_prebuilt), "[{m,f,1,[]}]");
}

#[test]
fn node_and_refs() {
    let mut tp = TestProc::new();
    assert_eq!(
        call(&mut tp, native!(node_0, 0), &[]),
        "{ok,'nonode@nohost'}"
    );
    let r1 = tp.call(native!(make_ref_0, 0), &[]);
    let r2 = tp.call(native!(make_ref_0, 0), &[]);
    assert!(r1.is_reference() && r1 != r2 && !crate::data::compare::eq_exact(r1, r2));
    let n = tp.call(native!(node_1, 1), &[r1]);
    assert_eq!(show_result(tp.ctx(), n), "{ok,'nonode@nohost'}");
    let n = tp.call(native!(node_1, 1), &[Term::pid(3)]);
    assert_eq!(show_result(tp.ctx(), n), "{ok,'nonode@nohost'}");
    assert_eq!(call(&mut tp, native!(node_1, 1), &["x"]), "{error,badarg}");
}

#[test]
fn halt_arguments() {
    let mut tp = TestProc::new();
    let ctx = tp.ctx();
    // erl: halt(259) -> status 3; halt((1 bsl 70)+5) -> 5; halt(256) -> 0.
    assert_eq!(halt_action(t(ctx, "3")), Some(HaltAction::Exit(3)));
    assert_eq!(halt_action(t(ctx, "259")), Some(HaltAction::Exit(3)));
    assert_eq!(halt_action(t(ctx, "256")), Some(HaltAction::Exit(0)));
    assert_eq!(
        halt_action(t(ctx, "1180591620717411303429")),
        Some(HaltAction::Exit(5))
    );
    assert_eq!(halt_action(t(ctx, "abort")), Some(HaltAction::Abort));
    assert_eq!(
        halt_action(t(ctx, "\"my slogan\"")),
        Some(HaltAction::Slogan("my slogan".into()))
    );
    assert_eq!(
        halt_action(t(ctx, "[]")),
        Some(HaltAction::Slogan(String::new()))
    );
    assert_eq!(
        halt_action(t(ctx, "[1000]")),
        Some(HaltAction::Slogan("\u{3e8}".into()))
    );
    // erl: halt(x), halt(-1), halt(1.0), halt([a]), halt({}) -> badarg.
    for bad in ["x", "-1", "1.0", "[a]", "{}", "-1180591620717411303429"] {
        assert_eq!(halt_action(t(ctx, bad)), None, "{bad}");
    }
    assert_eq!(call(&mut tp, native!(halt_1, 1), &["x"]), "{error,badarg}");
    assert_eq!(
        call(&mut tp, native!(halt_2, 2), &["0", "x"]),
        "{error,badarg}"
    );
}

#[test]
fn process_dictionary() {
    let mut tp = TestProc::new();
    // erl: put(a, 1) -> undefined, put(a, 2) -> 1, get(a) -> 2, get(zz) ->
    // undefined, erase(a) -> 2, erase(a) -> undefined.
    assert_eq!(
        call(&mut tp, native!(put_2, 2), &["a", "1"]),
        "{ok,undefined}"
    );
    assert_eq!(call(&mut tp, native!(put_2, 2), &["a", "2"]), "{ok,1}");
    assert_eq!(call(&mut tp, native!(get_1, 1), &["a"]), "{ok,2}");
    assert_eq!(call(&mut tp, native!(get_1, 1), &["zz"]), "{ok,undefined}");
    assert_eq!(call(&mut tp, native!(erase_1, 1), &["a"]), "{ok,2}");
    assert_eq!(call(&mut tp, native!(erase_1, 1), &["a"]), "{ok,undefined}");
    assert_eq!(call(&mut tp, native!(get_0, 0), &[]), "{ok,[]}");
    // Keys compare exactly: 1 and 1.0 are different keys; structured keys
    // built separately are the same key.
    assert_eq!(
        call(&mut tp, native!(put_2, 2), &["1", "int"]),
        "{ok,undefined}"
    );
    assert_eq!(
        call(&mut tp, native!(put_2, 2), &["1.0", "float"]),
        "{ok,undefined}"
    );
    assert_eq!(call(&mut tp, native!(get_1, 1), &["1"]), "{ok,int}");
    assert_eq!(
        call(&mut tp, native!(put_2, 2), &["{k,\"s\"}", "v1"]),
        "{ok,undefined}"
    );
    assert_eq!(
        call(&mut tp, native!(put_2, 2), &["{k,\"s\"}", "v2"]),
        "{ok,v1}"
    );
    assert_eq!(call(&mut tp, native!(get_1, 1), &["{k,\"s\"}"]), "{ok,v2}");
    assert_eq!(call(&mut tp, native!(get_1, 1), &["0.0"]), "{ok,undefined}");
    // erl: put(0.0, a), get(-0.0) -> a (0.0 =:= -0.0 in OTP 25).
    assert_eq!(
        call(&mut tp, native!(put_2, 2), &["0.0", "a"]),
        "{ok,undefined}"
    );
    assert_eq!(call(&mut tp, native!(get_1, 1), &["-0.0"]), "{ok,a}");
    assert_eq!(
        call(&mut tp, native!(get_keys_1, 1), &["v2"]),
        "{ok,[{k,\"s\"}]}"
    );
    assert_eq!(
        call(&mut tp, native!(erase_0, 0), &[]).len(),
        "{ok,[{1,int},{1.000000e+00,float},{{k,\"s\"},v2},{0.000000e+00,a}]}".len()
    );
    assert_eq!(call(&mut tp, native!(get_keys_0, 0), &[]), "{ok,[]}");
    // Integer keys come back in BEAM's order.
    for k in 1..=20 {
        tp.call(native!(put_2, 2), &[Term::small(k), Term::small(k * k)]);
    }
    let keys = call(&mut tp, native!(get_keys_0, 0), &[]);
    let want: Vec<String> = (1..=20).rev().map(|k: i64| k.to_string()).collect();
    assert_eq!(keys, format!("{{ok,[{}]}}", want.join(",")));
    let all = call(&mut tp, native!(get_0, 0), &[]);
    assert!(all.starts_with("{ok,[{20,400},{19,361},"), "{all}");
    assert_eq!(call(&mut tp, native!(get_keys_1, 1), &["400"]), "{ok,[20]}");
}

#[test]
fn dictionary_survives_gc() {
    let mut tp = TestProc::new();
    for k in 0..100 {
        let key = t(tp.ctx(), &format!("{{key,\"{k}\"}}"));
        let val = t(tp.ctx(), &format!("{{{k},[{k},a]}}"));
        tp.call(native!(put_2, 2), &[key, val]);
    }
    crate::gc::collect(tp.ctx(), 0, 0);
    for k in 0..100 {
        let key = t(tp.ctx(), &format!("{{key,\"{k}\"}}"));
        let r = tp.call(native!(get_1, 1), &[key]);
        assert_eq!(display_string(r), format!("{{{k},[{k},a]}}"));
    }
}
