//! Expected terms come from `erl` (OTP 25).

use super::*;
use crate::bif::test_terms::t;
use crate::data::display::display_string;
use crate::testutil::TestProc;

#[test]
fn bif_tails() {
    let s = |m: &str| display_string(bif_error_tail(atom::intern(m)));
    assert_eq!(s("erlang"), "[{error_info,#{module=>erl_erts_errors}}]");
    assert_eq!(s("os"), "[{error_info,#{module=>erl_kernel_errors}}]");
    assert_eq!(s("lists"), "[{error_info,#{module=>erl_stdlib_errors}}]");
    assert_eq!(s("maps"), "[{error_info,#{module=>erl_stdlib_errors}}]");
    assert_eq!(s("init"), "[]");
    // cached: the same literal every time
    let e = atom::intern("erlang");
    assert_eq!(bif_error_tail(e), bif_error_tail(e));
}

/// `{error_info, #{K => 1}}` (the test term parser has no maps).
fn info_opt(ctx: &mut Ctx, k: &str) -> Term {
    let m = new_flat(ctx, &[atom::intern(k)], &[Term::small(1)]);
    make_tuple(ctx, &[atom::intern("error_info"), m])
}

#[test]
fn error3_options() {
    let mut tp = TestProc::new();
    let ctx = tp.ctx();
    let a = info_opt(ctx, "a");
    let b = info_opt(ctx, "b");
    let show = |o: Term| error3_info(o).map(display_string);
    let l = list_from_slice(ctx, &[a]);
    assert_eq!(show(l).as_deref(), Some("#{a=>1}"));
    let l = list_from_slice(ctx, &[a, b]);
    assert_eq!(show(l).as_deref(), Some("#{b=>1}"));
    assert_eq!(show(NIL), None);
    let foo = atom::intern("foo");
    let l = list_from_slice(ctx, &[a, foo]);
    assert_eq!(show(l), None);
    let l = crate::data::build::list_from_slice_tail(ctx, &[a], foo);
    assert_eq!(show(l), None);
    let not_map = t(ctx, "[{error_info,notmap}]");
    assert_eq!(show(not_map), None);
    let three = t(ctx, "[{error_info,x,y}]");
    assert_eq!(show(three), None);
    assert_eq!(show(foo), None);
}

#[test]
fn raise_traces() {
    let mut tp = TestProc::new();
    let mut check = |s: &str| {
        let st = t(tp.ctx(), s);
        check_raise_trace(tp.ctx(), st).map(display_string)
    };
    assert_eq!(check("[]").as_deref(), Some("[]"));
    assert_eq!(
        check("[{m,f,1},{m,g,[a],[{line,3}]}]").as_deref(),
        Some("[{m,f,1,[]},{m,g,[a],[{line,3}]}]")
    );
    assert_eq!(
        check("[{m,f,1,[foo|bar]}]").as_deref(),
        Some("[{m,f,1,[foo|bar]}]")
    );
    assert_eq!(check("[{m,f}]"), None);
    assert_eq!(check("[{m,f,1,foo}]"), None);
    assert_eq!(check("[{\"m\",f,1,[]}]"), None);
    assert_eq!(check("[{m,f,1,[]}|x]"), None);
    assert_eq!(check("[x]"), None);
    assert_eq!(check("x"), None);
    let long: Vec<String> = (1..=12).map(|i| format!("{{m,f,{i},[]}}")).collect();
    let cut: Vec<String> = (1..=8).map(|i| format!("{{m,f,{i},[]}}")).collect();
    assert_eq!(
        check(&format!("[{}]", long.join(","))),
        Some(format!("[{}]", cut.join(",")))
    );
}
