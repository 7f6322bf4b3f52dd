//! Expected strings come from `erl` (OTP 25): `try F() of V -> {ok, V}
//! catch C:R -> {C, R} end` printed with `erlang:display/1`.

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
fn member_and_keys() {
    let mut tp = TestProc::new();
    let cases: &[(crate::bif::BifFn, &[&str], &str)] = &[
        (member_2, &["1.0", "[1]"], "{ok,false}"),
        (member_2, &["1", "[1.0]"], "{ok,false}"),
        (member_2, &["1", "[1|x]"], "{ok,true}"),
        (member_2, &["2", "[1|x]"], "{error,badarg}"),
        (member_2, &["1", "x"], "{error,badarg}"),
        (member_2, &["{a,\"b\"}", "[x,{a,\"b\"}]"], "{ok,true}"),
        (member_2, &["[]", "[x,[]]"], "{ok,true}"),
        (keyfind_3, &["1.0", "1", "[{1,a}]"], "{ok,{1,a}}"),
        (keyfind_3, &["1", "1", "[{1.0,a}]"], "{ok,{1.000000e+00,a}}"),
        (keymember_3, &["1", "1", "[{1.0,a}]"], "{ok,true}"),
        (keysearch_3, &["1", "1", "[{1,a}]"], "{ok,{value,{1,a}}}"),
        (keysearch_3, &["2", "1", "[{1,a}]"], "{ok,false}"),
        (keyfind_3, &["1", "0", "[{1,a}]"], "{error,badarg}"),
        (keyfind_3, &["1", "1", "[x, {1,a}]"], "{ok,{1,a}}"),
        (keyfind_3, &["1", "1", "[x | y]"], "{error,badarg}"),
        (keyfind_3, &["2", "1", "[x | y]"], "{error,badarg}"),
        (keyfind_3, &["1", "1", "[{1,a} | y]"], "{ok,{1,a}}"),
        (keyfind_3, &["a", "1.0", "[{a}]"], "{error,badarg}"),
        (keyfind_3, &["1", "1", "[]"], "{ok,false}"),
        (
            keyfind_3,
            &["1", "1180591620717411303424", "[{1}]"],
            "{error,badarg}",
        ),
        (
            keyfind_3,
            &[
                "1180591620717411303424",
                "1",
                "[{1.180591620717411303424e21}]",
            ],
            "{ok,{1.180592e+21}}",
        ),
        // A small key matches a float when it converts to the same double.
        (
            keyfind_3,
            &["9007199254740993", "1", "[{9.007199254740992e15}]"],
            "{ok,{9.007199e+15}}",
        ),
        (
            keyfind_3,
            &["9.007199254740992e15", "1", "[{9007199254740993}]"],
            "{ok,false}",
        ),
        (keyfind_3, &["b", "2", "[{a},{x,b,c}]"], "{ok,{x,b,c}}"),
        (keyfind_3, &["\"k\"", "1", "[{\"k\",v}]"], "{ok,{\"k\",v}}"),
    ];
    for (f, args, want) in cases {
        assert_eq!(&call(&mut tp, *f, args), want, "{args:?}");
    }
}

#[test]
fn append_subtract_reverse() {
    let mut tp = TestProc::new();
    let cases: &[(crate::bif::BifFn, &[&str], &str)] = &[
        (
            subtract_2,
            &["[1,2.0,1,3,1]", "[1,1.0,2]"],
            "{ok,[2.000000e+00,1,3,1]}",
        ),
        (subtract_2, &["[1,2]", "[a|b]"], "{error,badarg}"),
        (subtract_2, &["[1,2|c]", "[a]"], "{error,badarg}"),
        (subtract_2, &["[1,2|c]", "[]"], "{error,badarg}"),
        (subtract_2, &["x", "[]"], "{error,badarg}"),
        (subtract_2, &["[]", "x"], "{error,badarg}"),
        (subtract_2, &["[]", "[1|x]"], "{error,badarg}"),
        (subtract_2, &["[a,b,c,a,b,c]", "[c,a,a,a]"], "{ok,[b,b,c]}"),
        (
            subtract_2,
            &["\"hello world\"", "\"lol\""],
            "{ok,\"he world\"}",
        ),
        (
            subtract_2,
            &[
                "[1,2,3,4,5,6,7,8,9,10,11,12,1,2,3]",
                "[3,1,4,1,5,9,2,6,5,3,5,8,9,7,9]",
            ],
            "{ok,[10,11,12,2]}",
        ),
        (subtract_2, &["[{a,1},{b,2}]", "[{b,2}]"], "{ok,[{a,1}]}"),
        (append_2, &["[1,2]", "x"], "{ok,[1,2|x]}"),
        (append_2, &["[1|x]", "[2]"], "{error,badarg}"),
        (append_2, &["x", "[2]"], "{error,badarg}"),
        (append_2, &["[]", "x"], "{ok,x}"),
        (append_2, &["\"ab\"", "\"cd\""], "{ok,\"abcd\"}"),
        (reverse_2, &["[1,2|x]", "[]"], "{error,badarg}"),
        (reverse_2, &["[1,2]", "x"], "{ok,[2,1|x]}"),
        (reverse_2, &["x", "[]"], "{error,badarg}"),
        (reverse_2, &["[]", "x"], "{ok,x}"),
        (reverse_2, &["[1,2,3]", "[4]"], "{ok,[3,2,1,4]}"),
        (length_1, &["[1|x]"], "{error,badarg}"),
        (length_1, &["[1,2,3]"], "{ok,3}"),
        (length_1, &["[]"], "{ok,0}"),
        (hd_1, &["[]"], "{error,badarg}"),
        (hd_1, &["[a|b]"], "{ok,a}"),
        (tl_1, &["x"], "{error,badarg}"),
        (tl_1, &["[a|b]"], "{ok,b}"),
        (list_to_tuple_1, &["[1|x]"], "{error,badarg}"),
        (list_to_tuple_1, &["[1,[2],{3}]"], "{ok,{1,[2],{3}}}"),
        (list_to_tuple_1, &["[]"], "{ok,{}}"),
        (tuple_to_list_1, &["x"], "{error,badarg}"),
        (tuple_to_list_1, &["{a,{b},[]}"], "{ok,[a,{b},[]]}"),
        (tuple_to_list_1, &["{}"], "{ok,[]}"),
    ];
    for (f, args, want) in cases {
        assert_eq!(&call(&mut tp, *f, args), want, "{args:?}");
    }
}

/// Builds [0, 1, ..., n-1] with one allocation.
fn seq(ctx: &mut Ctx, n: i64) -> Term {
    let v: Vec<Term> = (0..n).map(Term::small).collect();
    crate::build::list_from_slice(ctx, &v)
}

#[test]
fn ten_million_elements() {
    let mut tp = TestProc::new();
    let n = 10_000_000;
    let l = seq(tp.ctx(), n);
    let start = std::time::Instant::now();
    assert_eq!(tp.call(length_1, &[l]), Term::small(n));
    let r = tp.call(reverse_2, &[l, NIL]);
    // SAFETY: r is a non-empty list.
    assert_eq!(unsafe { r.head() }, Term::small(n - 1));
    let a = tp.call(append_2, &[l, r]);
    assert_eq!(tp.call(length_1, &[a]), Term::small(2 * n));
    assert_eq!(
        tp.call(member_2, &[Term::small(n - 1), l]),
        crate::atom::am::TRUE
    );
    let tup = tp.call(list_to_tuple_1, &[l]);
    let back = tp.call(tuple_to_list_1, &[tup]);
    assert_eq!(tp.call(length_1, &[back]), Term::small(n));
    // l -- reverse(l) is empty; l -- [small list] removes a few.
    let d = tp.call(subtract_2, &[l, r]);
    assert!(d.is_nil());
    let few = crate::build::list_from_slice(tp.ctx(), &[Term::small(5), Term::small(n - 1)]);
    let d = tp.call(subtract_2, &[l, few]);
    assert_eq!(tp.call(length_1, &[d]), Term::small(n - 2));
    // keyfind over a long list of tuples.
    let pairs: Vec<Term> = (0..1_000_000)
        .map(|i| crate::build::make_tuple(tp.ctx(), &[Term::small(i), Term::small(i)]))
        .collect();
    let pl = crate::build::list_from_slice(tp.ctx(), &pairs);
    let r = tp.call(keyfind_3, &[Term::small(999_999), Term::small(1), pl]);
    assert!(r.is_tuple());
    assert!(
        start.elapsed().as_secs() < 20,
        "too slow: {:?}",
        start.elapsed()
    );
}
