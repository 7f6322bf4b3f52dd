use super::*;
use crate::data::binary::view;
use crate::data::build::list_from_slice;
use crate::testutil::TestProc;

fn a(name: &str) -> Term {
    atom::intern(name)
}

fn bin(ctx: &mut Ctx, b: &[u8]) -> Term {
    make_binary(ctx, b)
}

/// The bytes of `{Mark, [Bin]}`/`{Mark, []}` and the mark.
fn chunk(t: Term) -> (Term, Vec<u8>) {
    assert!(t.is_tuple(), "not a tuple");
    // SAFETY: a 2-tuple.
    let (mark, out) = unsafe { (Term(*t.boxed_ptr().add(1)), Term(*t.boxed_ptr().add(2))) };
    let bytes = if out.is_nil() {
        vec![]
    } else {
        // SAFETY: a one-element list.
        let b = unsafe { out.head() };
        view(b).unwrap().to_vec()
    };
    (mark, bytes)
}

fn enqueue(ctx: &mut Ctx, z: Term, data: &[u8]) {
    let b = bin(ctx, data);
    let l = list_from_slice(ctx, &[b]);
    assert_eq!(enqueue_nif(ctx, &[z, l]), am::OK);
}

#[test]
fn deflate_then_inflate_in_chunks() {
    let mut tp = TestProc::new();
    let ctx = tp.ctx();
    let z = open_nif(ctx, &[]);
    let i = |v: i64| Term::small(v);
    assert_eq!(
        deflate_init_nif(ctx, &[z, i(-1), i(8), i(15), i(8), i(0)]),
        am::OK
    );
    // A second init is refused.
    assert!(deflate_init_nif(ctx, &[z, i(-1), i(8), i(15), i(8), i(0)]).is_non_value());
    assert_eq!(ctx.exc_reason, a("already_initialized"));
    enqueue(ctx, z, b"abcde");
    let (mark, out) = chunk(deflate_nif(ctx, &[z, i(8192), i(8192), i(4)]));
    assert_eq!(mark, a("finished"));
    assert_eq!(out, [120, 156, 75, 76, 74, 78, 73, 5, 0, 5, 200, 1, 240]);
    assert_eq!(deflate_end_nif(ctx, &[z]), am::OK);

    // Inflate with a 2-byte output chunk: continue until the end.
    assert_eq!(inflate_init_nif(ctx, &[z, i(15), i(2)]), am::OK);
    enqueue(ctx, z, &out);
    let mut plain = vec![];
    loop {
        let (mark, o) = chunk(inflate_nif(ctx, &[z, i(8192), i(2), i(0)]));
        plain.extend(o);
        if mark == a("finished") {
            break;
        }
        assert_eq!(mark, a("continue"));
    }
    assert_eq!(plain, b"abcde");
    assert_eq!(inflate_end_nif(ctx, &[z]), am::OK);
    assert_eq!(close_nif(ctx, &[z]), am::OK);
    assert!(close_nif(ctx, &[z]).is_non_value());
    assert_eq!(ctx.exc_reason, a("not_initialized"));
}

#[test]
fn errors_and_ownership() {
    let mut tp = TestProc::new();
    let ctx = tp.ctx();
    let i = |v: i64| Term::small(v);
    let z = open_nif(ctx, &[]);
    // Not a stream.
    assert!(close_nif(ctx, &[i(1)]).is_non_value());
    assert_eq!(ctx.exc_reason, am::BADARG);
    // Wrong state.
    assert!(inflate_nif(ctx, &[z, i(1), i(1), i(0)]).is_non_value());
    assert_eq!(ctx.exc_reason, a("not_initialized"));
    // Garbage input: data_error, then inflateEnd complains too.
    assert_eq!(inflate_init_nif(ctx, &[z, i(15), i(2)]), am::OK);
    enqueue(ctx, z, &[1, 2, 3, 4, 5, 6, 7, 8, 9]);
    assert!(inflate_nif(ctx, &[z, i(8192), i(16384), i(0)]).is_non_value());
    assert_eq!(ctx.exc_reason, a("data_error"));
    // The stash keeps one term.
    assert_eq!(get_stash_nif(ctx, &[z]), a("empty"));
    let l = list_from_slice(ctx, &[i(1), i(2)]);
    assert_eq!(set_stash_nif(ctx, &[z, l]), am::OK);
    assert!(set_stash_nif(ctx, &[z, l]).is_non_value());
    assert!(get_stash_nif(ctx, &[z]).is_tuple());
    assert_eq!(clear_stash_nif(ctx, &[z]), am::OK);
    // Another controller: this process may no longer use it.
    assert_eq!(set_controller_nif(ctx, &[z, Term::pid(12345)]), am::OK);
    assert!(get_buf_size_nif(ctx, &[z]).is_non_value());
    assert_eq!(ctx.exc_reason, a("not_on_controlling_process"));
}

#[test]
fn raw_dictionary_checksum_wraps_like_a_c_int() {
    let mut tp = TestProc::new();
    let ctx = tp.ctx();
    let i = |v: i64| Term::small(v);
    let z = open_nif(ctx, &[]);
    assert_eq!(
        deflate_init_nif(ctx, &[z, i(-1), i(8), i(15), i(8), i(0)]),
        am::OK
    );
    let dict: Vec<u8> = (1..=200).collect();
    let d = bin(ctx, &dict);
    // erl: zlib:deflateSetDictionary/2 answers -1465102715 here.
    assert_eq!(deflate_set_dictionary_nif(ctx, &[z, d]), i(-1465102715));
}
