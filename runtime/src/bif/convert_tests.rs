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

fn repeat(item: &str, n: usize) -> String {
    format!("[{}]", vec![item; n].join(","))
}

#[test]
fn atoms() {
    let mut tp = TestProc::new();
    let a255 = repeat("97", 255);
    let a256 = repeat("97", 256);
    let u255 = repeat("256", 255);
    let u256 = repeat("256", 256);
    let a255x = format!("[{}|x]", vec!["97"; 255].join(","));
    let a255_atom = format!("[{},x]", vec!["97"; 255].join(","));
    let cases: Vec<(crate::code::export::BifFn, Vec<&str>, &str)> = vec![
        (
            native!(atom_to_list_1, 1),
            vec!["'héllo'"],
            "{ok,\"héllo\"}",
        ),
        (native!(atom_to_list_1, 1), vec!["'\u{100}'"], "{ok,[256]}"),
        (native!(atom_to_list_1, 1), vec!["1"], "{error,badarg}"),
        (
            native!(list_to_atom_1, 1),
            vec!["[104,256]"],
            "{ok,'h\u{100}'}",
        ),
        (
            native!(list_to_atom_1, 1),
            vec!["[104,-1]"],
            "{error,badarg}",
        ),
        (
            native!(list_to_atom_1, 1),
            vec!["[104|x]"],
            "{error,badarg}",
        ),
        (
            native!(list_to_atom_1, 1),
            vec![&a256],
            "{error,system_limit}",
        ),
        (
            native!(list_to_atom_1, 1),
            vec![&u256],
            "{error,system_limit}",
        ),
        (
            native!(list_to_atom_1, 1),
            vec![&a255_atom],
            "{error,system_limit}",
        ),
        (native!(list_to_atom_1, 1), vec![&a255x], "{error,badarg}"),
        (
            native!(list_to_atom_1, 1),
            vec!["[1114112]"],
            "{error,badarg}",
        ),
        (
            native!(list_to_atom_1, 1),
            vec!["[55296]"],
            "{error,badarg}",
        ),
        (native!(list_to_atom_1, 1), vec!["x"], "{error,badarg}"),
        (native!(list_to_atom_1, 1), vec!["[]"], "{ok,''}"),
        (
            native!(list_to_atom_1, 1),
            vec!["\"Hello World\""],
            "{ok,'Hello World'}",
        ),
        (
            native!(list_to_existing_atom_1, 1),
            vec!["\"no_such_atom_xyzzy\""],
            "{error,badarg}",
        ),
        (
            native!(list_to_existing_atom_1, 1),
            vec!["\"ok\""],
            "{ok,ok}",
        ),
        (
            native!(list_to_existing_atom_1, 1),
            vec!["[1.0]"],
            "{error,badarg}",
        ),
    ];
    for (f, args, want) in &cases {
        assert_eq!(&call(&mut tp, *f, args), want, "{args:?}");
    }
    let r = call(&mut tp, native!(list_to_atom_1, 1), &[&a255]);
    assert_eq!(r.len(), 255 + 5);
    let r = call(&mut tp, native!(list_to_atom_1, 1), &[&u255]);
    assert!(r.starts_with("{ok,'"), "{r}");
}

#[test]
fn integers() {
    let mut tp = TestProc::new();
    let cases: &[(crate::code::export::BifFn, &[&str], &str)] = &[
        (
            native!(integer_to_list_2, 2),
            &["-255", "16"],
            "{ok,\"-FF\"}",
        ),
        (native!(integer_to_list_2, 2), &["255", "36"], "{ok,\"73\"}"),
        (
            native!(integer_to_list_2, 2),
            &["255", "37"],
            "{error,badarg}",
        ),
        (
            native!(integer_to_list_2, 2),
            &["255", "1"],
            "{error,badarg}",
        ),
        (
            native!(integer_to_list_2, 2),
            &["10", "1180591620717411303424"],
            "{error,badarg}",
        ),
        (native!(integer_to_list_1, 1), &["1.0"], "{error,badarg}"),
        (native!(integer_to_list_1, 1), &["0"], "{ok,\"0\"}"),
        (
            native!(integer_to_list_1, 1),
            &["-123456789012345678901234567890"],
            "{ok,\"-123456789012345678901234567890\"}",
        ),
        (
            native!(list_to_integer_2, 2),
            &["\"-ff\"", "16"],
            "{ok,-255}",
        ),
        (native!(list_to_integer_1, 1), &["\"+12\""], "{ok,12}"),
        (native!(list_to_integer_1, 1), &["\"\""], "{error,badarg}"),
        (native!(list_to_integer_1, 1), &["\"-\""], "{error,badarg}"),
        (
            native!(list_to_integer_1, 1),
            &["\"12 \""],
            "{error,badarg}",
        ),
        (
            native!(list_to_integer_1, 1),
            &["\" 12\""],
            "{error,badarg}",
        ),
        (
            native!(list_to_integer_1, 1),
            &["\"1_000\""],
            "{error,badarg}",
        ),
        (
            native!(list_to_integer_2, 2),
            &["\"zZ\"", "36"],
            "{ok,1295}",
        ),
        (
            native!(list_to_integer_2, 2),
            &["\"12\"", "37"],
            "{error,badarg}",
        ),
        (native!(list_to_integer_1, 1), &["\"00012\""], "{ok,12}"),
        (
            native!(list_to_integer_1, 1),
            &["\"123456789012345678901234567890\""],
            "{ok,123456789012345678901234567890}",
        ),
        (native!(list_to_integer_1, 1), &["x"], "{error,badarg}"),
        (native!(list_to_integer_1, 1), &["[$1|x]"], "{error,badarg}"),
        (
            native!(list_to_integer_1, 1),
            &["[$1, 1180591620717411303424]"],
            "{error,badarg}",
        ),
    ];
    for (f, args, want) in cases {
        assert_eq!(&call(&mut tp, *f, args), want, "{args:?}");
    }
}
