//! Expected strings come from `erl` (OTP 25): `try F() of V -> {ok, V}
//! catch C:R -> {C, R} end` printed with `erlang:display/1`.

use super::*;
use crate::bif::list_yield::{
    length_full_1 as length_1, member_full_2 as member_2, reverse_full_2 as reverse_2,
};
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
fn member_and_keys() {
    let mut tp = TestProc::new();
    let cases: &[(crate::code::export::BifFn, &[&str], &str)] = &[
        (native!(member_2, 2), &["1.0", "[1]"], "{ok,false}"),
        (native!(member_2, 2), &["1", "[1.0]"], "{ok,false}"),
        (native!(member_2, 2), &["1", "[1|x]"], "{ok,true}"),
        (native!(member_2, 2), &["2", "[1|x]"], "{error,badarg}"),
        (native!(member_2, 2), &["1", "x"], "{error,badarg}"),
        (
            native!(member_2, 2),
            &["{a,\"b\"}", "[x,{a,\"b\"}]"],
            "{ok,true}",
        ),
        (native!(member_2, 2), &["[]", "[x,[]]"], "{ok,true}"),
        (
            native!(keyfind_3, 3),
            &["1.0", "1", "[{1,a}]"],
            "{ok,{1,a}}",
        ),
        (
            native!(keyfind_3, 3),
            &["1", "1", "[{1.0,a}]"],
            "{ok,{1.000000e+00,a}}",
        ),
        (
            native!(keymember_3, 3),
            &["1", "1", "[{1.0,a}]"],
            "{ok,true}",
        ),
        (
            native!(keysearch_3, 3),
            &["1", "1", "[{1,a}]"],
            "{ok,{value,{1,a}}}",
        ),
        (
            native!(keysearch_3, 3),
            &["2", "1", "[{1,a}]"],
            "{ok,false}",
        ),
        (
            native!(keyfind_3, 3),
            &["1", "0", "[{1,a}]"],
            "{error,badarg}",
        ),
        (
            native!(keyfind_3, 3),
            &["1", "1", "[x, {1,a}]"],
            "{ok,{1,a}}",
        ),
        (
            native!(keyfind_3, 3),
            &["1", "1", "[x | y]"],
            "{error,badarg}",
        ),
        (
            native!(keyfind_3, 3),
            &["2", "1", "[x | y]"],
            "{error,badarg}",
        ),
        (
            native!(keyfind_3, 3),
            &["1", "1", "[{1,a} | y]"],
            "{ok,{1,a}}",
        ),
        (
            native!(keyfind_3, 3),
            &["a", "1.0", "[{a}]"],
            "{error,badarg}",
        ),
        (native!(keyfind_3, 3), &["1", "1", "[]"], "{ok,false}"),
        (
            native!(keyfind_3, 3),
            &["1", "1180591620717411303424", "[{1}]"],
            "{error,badarg}",
        ),
        (
            native!(keyfind_3, 3),
            &[
                "1180591620717411303424",
                "1",
                "[{1.180591620717411303424e21}]",
            ],
            "{ok,{1.180592e+21}}",
        ),
        // A small key matches a float when it converts to the same double.
        (
            native!(keyfind_3, 3),
            &["9007199254740993", "1", "[{9.007199254740992e15}]"],
            "{ok,{9.007199e+15}}",
        ),
        (
            native!(keyfind_3, 3),
            &["9.007199254740992e15", "1", "[{9007199254740993}]"],
            "{ok,false}",
        ),
        (
            native!(keyfind_3, 3),
            &["b", "2", "[{a},{x,b,c}]"],
            "{ok,{x,b,c}}",
        ),
        (
            native!(keyfind_3, 3),
            &["\"k\"", "1", "[{\"k\",v}]"],
            "{ok,{\"k\",v}}",
        ),
    ];
    for (f, args, want) in cases {
        assert_eq!(&call(&mut tp, *f, args), want, "{args:?}");
    }
}

#[test]
fn append_subtract_reverse() {
    let mut tp = TestProc::new();
    let cases: &[(crate::code::export::BifFn, &[&str], &str)] = &[
        (
            native!(subtract_2, 2),
            &["[1,2.0,1,3,1]", "[1,1.0,2]"],
            "{ok,[2.000000e+00,1,3,1]}",
        ),
        (
            native!(subtract_2, 2),
            &["[1,2]", "[a|b]"],
            "{error,badarg}",
        ),
        (
            native!(subtract_2, 2),
            &["[1,2|c]", "[a]"],
            "{error,badarg}",
        ),
        (native!(subtract_2, 2), &["[1,2|c]", "[]"], "{error,badarg}"),
        (native!(subtract_2, 2), &["x", "[]"], "{error,badarg}"),
        (native!(subtract_2, 2), &["[]", "x"], "{error,badarg}"),
        (native!(subtract_2, 2), &["[]", "[1|x]"], "{error,badarg}"),
        (
            native!(subtract_2, 2),
            &["[a,b,c,a,b,c]", "[c,a,a,a]"],
            "{ok,[b,b,c]}",
        ),
        (
            native!(subtract_2, 2),
            &["\"hello world\"", "\"lol\""],
            "{ok,\"he world\"}",
        ),
        (
            native!(subtract_2, 2),
            &[
                "[1,2,3,4,5,6,7,8,9,10,11,12,1,2,3]",
                "[3,1,4,1,5,9,2,6,5,3,5,8,9,7,9]",
            ],
            "{ok,[10,11,12,2]}",
        ),
        (
            native!(subtract_2, 2),
            &["[{a,1},{b,2}]", "[{b,2}]"],
            "{ok,[{a,1}]}",
        ),
        (native!(append_2, 2), &["[1,2]", "x"], "{ok,[1,2|x]}"),
        (native!(append_2, 2), &["[1|x]", "[2]"], "{error,badarg}"),
        (native!(append_2, 2), &["x", "[2]"], "{error,badarg}"),
        (native!(append_2, 2), &["[]", "x"], "{ok,x}"),
        (native!(append_2, 2), &["\"ab\"", "\"cd\""], "{ok,\"abcd\"}"),
        (native!(reverse_2, 2), &["[1,2|x]", "[]"], "{error,badarg}"),
        (native!(reverse_2, 2), &["[1,2]", "x"], "{ok,[2,1|x]}"),
        (native!(reverse_2, 2), &["x", "[]"], "{error,badarg}"),
        (native!(reverse_2, 2), &["[]", "x"], "{ok,x}"),
        (native!(reverse_2, 2), &["[1,2,3]", "[4]"], "{ok,[3,2,1,4]}"),
        (native!(length_1, 1), &["[1|x]"], "{error,badarg}"),
        (native!(length_1, 1), &["[1,2,3]"], "{ok,3}"),
        (native!(length_1, 1), &["[]"], "{ok,0}"),
        (native!(hd_1, 1), &["[]"], "{error,badarg}"),
        (native!(hd_1, 1), &["[a|b]"], "{ok,a}"),
        (native!(tl_1, 1), &["x"], "{error,badarg}"),
        (native!(tl_1, 1), &["[a|b]"], "{ok,b}"),
        (native!(list_to_tuple_1, 1), &["[1|x]"], "{error,badarg}"),
        (
            native!(list_to_tuple_1, 1),
            &["[1,[2],{3}]"],
            "{ok,{1,[2],{3}}}",
        ),
        (native!(list_to_tuple_1, 1), &["[]"], "{ok,{}}"),
        (native!(tuple_to_list_1, 1), &["x"], "{error,badarg}"),
        (
            native!(tuple_to_list_1, 1),
            &["{a,{b},[]}"],
            "{ok,[a,{b},[]]}",
        ),
        (native!(tuple_to_list_1, 1), &["{}"], "{ok,[]}"),
    ];
    for (f, args, want) in cases {
        assert_eq!(&call(&mut tp, *f, args), want, "{args:?}");
    }
}

/// Builds [0, 1, ..., n-1] with one allocation.
fn seq(ctx: &mut Ctx, n: i64) -> Term {
    let v: Vec<Term> = (0..n).map(Term::small).collect();
    crate::data::build::list_from_slice(ctx, &v)
}

#[test]
fn ten_million_elements() {
    let mut tp = TestProc::new();
    let n = 10_000_000;
    let l = seq(tp.ctx(), n);
    assert_eq!(tp.call(native!(length_1, 1), &[l]), Term::small(n));
    let r = tp.call(native!(reverse_2, 2), &[l, NIL]);
    // SAFETY: r is a non-empty list.
    assert_eq!(unsafe { r.head() }, Term::small(n - 1));
    let a = tp.call(native!(append_2, 2), &[l, r]);
    assert_eq!(tp.call(native!(length_1, 1), &[a]), Term::small(2 * n));
    assert_eq!(
        tp.call(native!(member_2, 2), &[Term::small(n - 1), l]),
        crate::term::atom::am::TRUE
    );
    let tup = tp.call(native!(list_to_tuple_1, 1), &[l]);
    let back = tp.call(native!(tuple_to_list_1, 1), &[tup]);
    assert_eq!(tp.call(native!(length_1, 1), &[back]), Term::small(n));
    // l -- reverse(l) is empty; l -- [small list] removes a few.
    let d = tp.call(native!(subtract_2, 2), &[l, r]);
    assert!(d.is_nil());
    let few = crate::data::build::list_from_slice(tp.ctx(), &[Term::small(5), Term::small(n - 1)]);
    let d = tp.call(native!(subtract_2, 2), &[l, few]);
    assert_eq!(tp.call(native!(length_1, 1), &[d]), Term::small(n - 2));
    // keyfind over a long list of tuples.
    let pairs: Vec<Term> = (0..1_000_000)
        .map(|i| crate::data::build::make_tuple(tp.ctx(), &[Term::small(i), Term::small(i)]))
        .collect();
    let pl = crate::data::build::list_from_slice(tp.ctx(), &pairs);
    let r = tp.call(
        native!(keyfind_3, 3),
        &[Term::small(999_999), Term::small(1), pl],
    );
    assert!(r.is_tuple());
    // (No time limit here: performance is measured by scripts/bench, and
    // a loaded machine made a limit flaky. A quadratic algorithm still
    // shows as a test that takes minutes.)
}
