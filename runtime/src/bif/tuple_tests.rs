//! Expected strings come from `erl` (OTP 25), as in `list_tests.rs`.

use super::*;
use crate::bif::native;
use crate::bif::test_terms::t;
use crate::data::display::show_result;
use crate::testutil::TestProc;

fn call(tp: &mut TestProc, f: crate::code::export::BifFn, args: &[&str]) -> String {
    let a: Vec<Term> = args.iter().map(|s| t(tp.ctx(), s)).collect();
    let r = tp.call(f, &a);
    show_result(tp.ctx(), r)
}

#[test]
fn tuple_bifs() {
    let mut tp = TestProc::new();
    let cases: &[(crate::code::export::BifFn, &[&str], &str)] = &[
        (native!(element_2, 2), &["0", "{a}"], "{error,badarg}"),
        (native!(element_2, 2), &["2", "{a}"], "{error,badarg}"),
        (native!(element_2, 2), &["1.0", "{a}"], "{error,badarg}"),
        (
            native!(element_2, 2),
            &["1180591620717411303424", "{a}"],
            "{error,badarg}",
        ),
        (native!(element_2, 2), &["2", "{a,b,c}"], "{ok,b}"),
        (native!(element_2, 2), &["1", "[a]"], "{error,badarg}"),
        (
            native!(setelement_3, 3),
            &["2", "{a}", "b"],
            "{error,badarg}",
        ),
        (
            native!(setelement_3, 3),
            &["2", "{a,b,c}", "x"],
            "{ok,{a,x,c}}",
        ),
        (native!(tuple_size_1, 1), &["x"], "{error,badarg}"),
        (native!(tuple_size_1, 1), &["{a,b}"], "{ok,2}"),
        (native!(size_1, 1), &["[a]"], "{error,badarg}"),
        (native!(size_1, 1), &["{}"], "{ok,0}"),
        (native!(make_tuple_2, 2), &["3", "x"], "{ok,{x,x,x}}"),
        (native!(make_tuple_2, 2), &["-1", "x"], "{error,badarg}"),
        (
            native!(make_tuple_2, 2),
            &["16777216", "x"],
            "{error,badarg}",
        ),
        (
            native!(make_tuple_2, 2),
            &["1180591620717411303424", "a"],
            "{error,badarg}",
        ),
        (
            native!(make_tuple_3, 3),
            &["3", "x", "[{1,a},{3,c},{1,z}]"],
            "{ok,{z,x,c}}",
        ),
        (
            native!(make_tuple_3, 3),
            &["3", "x", "[{4,a}]"],
            "{error,badarg}",
        ),
        (
            native!(make_tuple_3, 3),
            &["3", "x", "[{0,a}]"],
            "{error,badarg}",
        ),
        (
            native!(make_tuple_3, 3),
            &["3", "x", "[a]"],
            "{error,badarg}",
        ),
        (
            native!(make_tuple_3, 3),
            &["3", "x", "[{1,a,b}]"],
            "{error,badarg}",
        ),
        (
            native!(make_tuple_3, 3),
            &["0", "x", "[{1,a}]"],
            "{error,badarg}",
        ),
        (
            native!(make_tuple_3, 3),
            &["2", "a", "[{1,b}|x]"],
            "{error,badarg}",
        ),
        (native!(make_tuple_3, 3), &["0", "a", "[]"], "{ok,{}}"),
        (native!(append_element_2, 2), &["{a}", "b"], "{ok,{a,b}}"),
        (native!(append_element_2, 2), &["x", "b"], "{error,badarg}"),
        (native!(delete_element_2, 2), &["1", "{a,b}"], "{ok,{b}}"),
        (
            native!(delete_element_2, 2),
            &["2", "{a,b,c}"],
            "{ok,{a,c}}",
        ),
        (
            native!(delete_element_2, 2),
            &["3", "{a,b}"],
            "{error,badarg}",
        ),
        (native!(delete_element_2, 2), &["1", "{}"], "{error,badarg}"),
        (
            native!(insert_element_3, 3),
            &["3", "{a,b}", "c"],
            "{ok,{a,b,c}}",
        ),
        (
            native!(insert_element_3, 3),
            &["1", "{a,b}", "c"],
            "{ok,{c,a,b}}",
        ),
        (
            native!(insert_element_3, 3),
            &["2", "{a,b}", "c"],
            "{ok,{a,c,b}}",
        ),
        (
            native!(insert_element_3, 3),
            &["4", "{a,b}", "c"],
            "{error,badarg}",
        ),
        (native!(insert_element_3, 3), &["1", "{}", "c"], "{ok,{c}}"),
        (
            native!(insert_element_3, 3),
            &["0", "{a}", "c"],
            "{error,badarg}",
        ),
    ];
    for (f, args, want) in cases {
        assert_eq!(&call(&mut tp, *f, args), want, "{args:?}");
    }
}

#[test]
fn largest_tuple() {
    let mut tp = TestProc::new();
    let big = tp.call(
        native!(make_tuple_2, 2),
        &[Term::small(MAX_TUPLE_ARITY as i64), NIL],
    );
    assert_eq!(
        tp.call(native!(tuple_size_1, 1), &[big]),
        Term::small(MAX_TUPLE_ARITY as i64)
    );
    assert!(tp
        .call(native!(append_element_2, 2), &[big, NIL])
        .is_non_value());
}
