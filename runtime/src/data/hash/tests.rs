use super::*;
use crate::term::{Term, NIL};

#[test]
fn atom_hash_values() {
    // hashpjw of "a" is its byte.
    assert_eq!(name_hvalue(b"a"), 97);
    assert_eq!(name_hvalue(b"ab"), 97 * 16 + 98);
}

#[test]
fn phash2_known_values() {
    use crate::data::build::*;
    let mut tp = crate::testutil::TestProc::new();
    let ctx = tp.ctx();
    // Values from erl (OTP 25): erlang:phash2(T, 1 bsl 32).
    let abc = make_string(ctx, "abc");
    let t = make_tuple(ctx, &[NIL]);
    let a = crate::term::atom::intern("a");
    let b = crate::term::atom::intern("b");
    let ab = list_from_slice(ctx, &[a, b]);
    let bin = crate::data::binary::build::make_binary(ctx, &[1, 2, 3]);
    let f = make_float(ctx, 1.5);
    let big = crate::data::big::make_integer(ctx, &(crate::data::big::BigInt::from(1) << 70));
    let cases = [
        (Term::small(1), 539_485_162u32),
        (abc, 519_996_486),
        (t, 1_775_079_505),
        (ab, 3_632_954_310),
        (bin, 4_167_228_639),
        (f, 2_023_646_235),
        (big, 1_070_946_125),
        (NIL, 3_468_870_702),
        (a, 97),
    ];
    for (term, want) in cases {
        assert_eq!(hash2::make_hash2(term), want, "{term:?}");
    }
}
