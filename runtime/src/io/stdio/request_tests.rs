use super::*;
use crate::data::build::{list_from_slice, make_string, make_tuple};
use crate::testutil::TestProc;

fn a(s: &str) -> Term {
    atom::intern(s)
}

#[test]
fn decodes_io_request_envelope() {
    let mut tp = TestProc::new();
    let ctx = tp.ctx();
    let req = make_tuple(ctx, &[a("put_chars"), a("unicode"), NIL_STR]);
    let msg = make_tuple(ctx, &[a("io_request"), Term::pid(5), Term::small(7), req]);
    assert_eq!(decode_msg(msg), Some((Term::pid(5), Term::small(7), req)));
    let bad = make_tuple(ctx, &[a("io_reply"), Term::pid(5), Term::small(7), req]);
    assert_eq!(decode_msg(bad), None);
    assert_eq!(decode_msg(Term::small(1)), None);
}

const NIL_STR: Term = crate::term::NIL;

#[test]
fn decodes_requests_with_and_without_encoding() {
    let mut tp = TestProc::new();
    let ctx = tp.ctx();
    let s = make_string(ctx, "hi");
    let t = make_tuple(ctx, &[a("put_chars"), a("unicode"), s]);
    assert_eq!(decode(t), Req::PutChars(Enc::Unicode, s));
    let t = make_tuple(ctx, &[a("put_chars"), s]);
    assert_eq!(decode(t), Req::PutChars(Enc::Latin1, s));
    let t = make_tuple(
        ctx,
        &[
            a("put_chars"),
            a("latin1"),
            a("io_lib"),
            a("format"),
            NIL_STR,
        ],
    );
    assert_eq!(
        decode(t),
        Req::PutCharsMfa(Enc::Latin1, a("io_lib"), a("format"), NIL_STR)
    );
    let t = make_tuple(ctx, &[a("put_chars"), a("m"), a("f"), NIL_STR]);
    assert_eq!(
        decode(t),
        Req::PutCharsMfa(Enc::Latin1, a("m"), a("f"), NIL_STR)
    );
    let t = make_tuple(ctx, &[a("get_line"), a("unicode"), s]);
    assert_eq!(decode(t), Req::GetLine(Enc::Unicode, s));
    let t = make_tuple(ctx, &[a("get_chars"), s, Term::small(3)]);
    assert_eq!(decode(t), Req::GetChars(Enc::Latin1, s, Term::small(3)));
    let t = make_tuple(
        ctx,
        &[a("get_until"), a("unicode"), s, a("m"), a("f"), NIL_STR],
    );
    assert_eq!(
        decode(t),
        Req::GetUntil(Enc::Unicode, s, a("m"), a("f"), NIL_STR)
    );
    assert_eq!(decode(a("getopts")), Req::GetOpts);
    let t = make_tuple(ctx, &[a("setopts"), NIL_STR]);
    assert_eq!(decode(t), Req::SetOpts(NIL_STR));
    let t = make_tuple(ctx, &[a("get_geometry"), a("columns")]);
    assert_eq!(decode(t), Req::GetGeometry(a("columns")));
    let t = make_tuple(ctx, &[a("requests"), NIL_STR]);
    assert_eq!(decode(t), Req::Requests(NIL_STR));
    // unknown encodings and shapes
    let t = make_tuple(ctx, &[a("put_chars"), a("utf16"), s]);
    assert_eq!(decode(t), Req::Unknown(t));
    assert_eq!(decode(a("nope")), Req::Unknown(a("nope")));
}

#[test]
fn output_bytes_follow_user_erl() {
    let mut tp = TestProc::new();
    let ctx = tp.ctx();
    let l = list_from_slice(ctx, &[Term::small(955), Term::small(b'a' as i64)]);
    // latin1 device: \x{HEX} for code points above 255
    assert_eq!(
        output_bytes(l, Enc::Unicode, Enc::Latin1),
        Some(b"\\x{3BB}a".to_vec())
    );
    assert_eq!(
        output_bytes(l, Enc::Unicode, Enc::Unicode),
        Some("λa".as_bytes().to_vec())
    );
    // latin1 requests cannot carry 955
    assert_eq!(output_bytes(l, Enc::Latin1, Enc::Latin1), None);
    let e = list_from_slice(ctx, &[Term::small(233)]);
    assert_eq!(output_bytes(e, Enc::Latin1, Enc::Latin1), Some(vec![233]));
    assert_eq!(
        output_bytes(e, Enc::Latin1, Enc::Unicode),
        Some("é".as_bytes().to_vec())
    );
    let bin = crate::data::binary::build::make_binary(ctx, "λ\n".as_bytes());
    assert_eq!(
        output_bytes(bin, Enc::Unicode, Enc::Latin1),
        Some(b"\\x{3BB}\n".to_vec())
    );
    assert_eq!(output_bytes(a("x"), Enc::Unicode, Enc::Latin1), None);
}

#[test]
fn setopts_rules() {
    let mut tp = TestProc::new();
    let ctx = tp.ctx();
    let o = Opts {
        binary: false,
        enc: Enc::Latin1,
    };
    let enc = make_tuple(ctx, &[a("encoding"), a("utf8")]);
    let l = list_from_slice(ctx, &[a("binary"), enc]);
    assert_eq!(
        apply_opts(o, l),
        Some(Opts {
            binary: true,
            enc: Enc::Unicode
        })
    );
    let l = list_from_slice(ctx, &[a("list"), a("latin1")]);
    assert_eq!(apply_opts(o, l), Some(o));
    let bad = list_from_slice(ctx, &[a("echo")]);
    assert_eq!(apply_opts(o, bad), None);
}
