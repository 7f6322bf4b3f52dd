use super::*;
use crate::data::build::{list_from_slice, make_tuple};
use crate::data::compare::eq_exact;
use crate::testutil::TestProc;

fn ints(ctx: &mut Ctx, v: &[i64]) -> Term {
    let t: Vec<Term> = v.iter().map(|&i| Term::small(i)).collect();
    list_from_slice(ctx, &t)
}

#[test]
fn utf8_chars() {
    assert_eq!(utf8_char(b"a"), Ok((97, 1)));
    assert_eq!(utf8_char("λ".as_bytes()), Ok((955, 2)));
    assert_eq!(utf8_char(&[0xE2, 0x82]), Err(true));
    assert_eq!(utf8_char(&[0xFF]), Err(false));
    assert_eq!(utf8_char(&[0xC0, 0x80]), Err(false)); // overlong
}

#[test]
fn error_rest_is_nested_like_erts() {
    let mut tp = TestProc::new();
    let ctx = tp.ctx();
    // [1,2,[3,16#110000,4],5] -> {error,<<1,2,3>>,[[1114112,4],5]}
    let inner = ints(ctx, &[3, 0x110000, 4]);
    let l = list_from_slice(
        ctx,
        &[Term::small(1), Term::small(2), inner, Term::small(5)],
    );
    let r = convert(ctx, l, atom::intern("unicode"), false);
    let want_bin = make_binary(ctx, &[1, 2, 3]);
    let rest_inner = ints(ctx, &[0x110000, 4]);
    let five = ints(ctx, &[5]);
    let rest = crate::data::build::cons(ctx, rest_inner, five);
    let want = make_tuple(ctx, &[am::ERROR, want_bin, rest]);
    assert!(eq_exact(r, want));
}

#[test]
fn incomplete_and_lists() {
    let mut tp = TestProc::new();
    let ctx = tp.ctx();
    let b = make_binary(ctx, &[2, 0xE2, 0x82]);
    let l = list_from_slice(ctx, &[Term::small(1), b]);
    let r = convert(ctx, l, atom::intern("unicode"), false);
    // SAFETY: a 3-tuple result.
    unsafe {
        assert_eq!(r.tuple_elem(0), atom::intern("incomplete"));
        assert_eq!(binary_bytes(r.tuple_elem(1)), Some(vec![1, 2]));
        assert_eq!(binary_bytes(r.tuple_elem(2)), Some(vec![0xE2, 0x82]));
    }
    let s = make_binary(ctx, "aλ".as_bytes());
    let r = convert(ctx, s, atom::intern("utf8"), true);
    let want = ints(ctx, &[97, 955]);
    assert!(eq_exact(r, want));
    // latin1 input: bytes are characters
    let b255 = make_binary(ctx, &[255]);
    let r = convert(ctx, b255, atom::intern("latin1"), true);
    let want = ints(ctx, &[255]);
    assert!(eq_exact(r, want));
    // not character data
    let bad = list_from_slice(ctx, &[atom::intern("a")]);
    assert!(convert(ctx, bad, atom::intern("unicode"), false).is_non_value());
    assert!(convert(ctx, s, atom::intern("bogus"), false).is_non_value());
}

#[test]
fn utf16_and_utf32_binaries() {
    let mut out = Vec::new();
    assert!(decode_bytes(&[0xD8, 0x3D, 0xDE, 0x00], InEnc::Utf16(false), &mut out).is_ok());
    assert_eq!(out, vec![0x1F600]);
    out.clear();
    assert!(decode_bytes(&[0x41, 0, 0, 0], InEnc::Utf32(true), &mut out).is_ok());
    assert_eq!(out, vec![0x41]);
    assert_eq!(
        decode_bytes(&[0x41], InEnc::Utf16(false), &mut out),
        Err((0, true))
    );
}
