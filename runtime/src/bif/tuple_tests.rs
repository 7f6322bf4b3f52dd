//! Expected strings come from `erl` (OTP 25), as in `list_tests.rs`.

use super::*;
use crate::bif::test_terms::t;
use crate::display::show_result;
use crate::testutil::TestProc;

fn call(tp: &mut TestProc, f: crate::bif::BifFn, args: &[&str]) -> String {
    let a: Vec<Term> = args.iter().map(|s| t(tp.ctx(), s)).collect();
    let r = tp.call(f, &a);
    show_result(tp.ctx(), r)
}

#[test]
fn tuple_bifs() {
    let mut tp = TestProc::new();
    let cases: &[(crate::bif::BifFn, &[&str], &str)] = &[
        (element_2, &["0", "{a}"], "{error,badarg}"),
        (element_2, &["2", "{a}"], "{error,badarg}"),
        (element_2, &["1.0", "{a}"], "{error,badarg}"),
        (
            element_2,
            &["1180591620717411303424", "{a}"],
            "{error,badarg}",
        ),
        (element_2, &["2", "{a,b,c}"], "{ok,b}"),
        (element_2, &["1", "[a]"], "{error,badarg}"),
        (setelement_3, &["2", "{a}", "b"], "{error,badarg}"),
        (setelement_3, &["2", "{a,b,c}", "x"], "{ok,{a,x,c}}"),
        (tuple_size_1, &["x"], "{error,badarg}"),
        (tuple_size_1, &["{a,b}"], "{ok,2}"),
        (size_1, &["[a]"], "{error,badarg}"),
        (size_1, &["{}"], "{ok,0}"),
        (make_tuple_2, &["3", "x"], "{ok,{x,x,x}}"),
        (make_tuple_2, &["-1", "x"], "{error,badarg}"),
        (make_tuple_2, &["16777216", "x"], "{error,badarg}"),
        (
            make_tuple_2,
            &["1180591620717411303424", "a"],
            "{error,badarg}",
        ),
        (
            make_tuple_3,
            &["3", "x", "[{1,a},{3,c},{1,z}]"],
            "{ok,{z,x,c}}",
        ),
        (make_tuple_3, &["3", "x", "[{4,a}]"], "{error,badarg}"),
        (make_tuple_3, &["3", "x", "[{0,a}]"], "{error,badarg}"),
        (make_tuple_3, &["3", "x", "[a]"], "{error,badarg}"),
        (make_tuple_3, &["3", "x", "[{1,a,b}]"], "{error,badarg}"),
        (make_tuple_3, &["0", "x", "[{1,a}]"], "{error,badarg}"),
        (make_tuple_3, &["2", "a", "[{1,b}|x]"], "{error,badarg}"),
        (make_tuple_3, &["0", "a", "[]"], "{ok,{}}"),
        (append_element_2, &["{a}", "b"], "{ok,{a,b}}"),
        (append_element_2, &["x", "b"], "{error,badarg}"),
        (delete_element_2, &["1", "{a,b}"], "{ok,{b}}"),
        (delete_element_2, &["2", "{a,b,c}"], "{ok,{a,c}}"),
        (delete_element_2, &["3", "{a,b}"], "{error,badarg}"),
        (delete_element_2, &["1", "{}"], "{error,badarg}"),
        (insert_element_3, &["3", "{a,b}", "c"], "{ok,{a,b,c}}"),
        (insert_element_3, &["1", "{a,b}", "c"], "{ok,{c,a,b}}"),
        (insert_element_3, &["2", "{a,b}", "c"], "{ok,{a,c,b}}"),
        (insert_element_3, &["4", "{a,b}", "c"], "{error,badarg}"),
        (insert_element_3, &["1", "{}", "c"], "{ok,{c}}"),
        (insert_element_3, &["0", "{a}", "c"], "{error,badarg}"),
    ];
    for (f, args, want) in cases {
        assert_eq!(&call(&mut tp, *f, args), want, "{args:?}");
    }
}

#[test]
fn largest_tuple() {
    let mut tp = TestProc::new();
    let big = tp.call(make_tuple_2, &[Term::small(MAX_TUPLE_ARITY as i64), NIL]);
    assert_eq!(
        tp.call(tuple_size_1, &[big]),
        Term::small(MAX_TUPLE_ARITY as i64)
    );
    assert!(tp.call(append_element_2, &[big, NIL]).is_non_value());
}
