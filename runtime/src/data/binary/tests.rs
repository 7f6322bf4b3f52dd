//! Unit tests for binary layouts, construction, matching and ordering.

use super::build::*;
use super::layout::*;
use super::*;
use crate::testutil::TestProc;

fn show(t: Term) -> String {
    crate::data::display::display_string(t)
}

#[test]
fn heap_and_refc_layouts() {
    let mut tp = TestProc::new();
    let ctx = tp.ctx();
    let small = make_binary(ctx, b"abc");
    assert!(small.is_boxed_of(crate::term::HDR_HEAP_BIN));
    assert_eq!(unsafe { crate::term::header_arity(small.header()) }, 2);
    assert_eq!(view(small).unwrap().bytes().unwrap(), b"abc");
    let big = make_binary(ctx, &[7u8; 100]);
    assert!(big.is_boxed_of(crate::term::HDR_REFC_BIN));
    assert_eq!(bit_size(big), Some(800));
    assert_eq!(unsafe { (*ctx.proc_).off_heap.len() }, 1);
    assert!(is_binary(big) && is_bitstring(big));
    assert_eq!(show(small), "<<\"abc\">>");
}

#[test]
fn bitstrings_are_sub_binaries() {
    let mut tp = TestProc::new();
    let ctx = tp.ctx();
    let t = make_bitstring(ctx, &[0b1010_0000], 3);
    assert!(t.is_boxed_of(crate::term::HDR_SUB_BIN));
    assert!(!is_binary(t) && is_bitstring(t));
    assert_eq!(show(t), "<<5:3>>");
    let e = make_binary(ctx, b"");
    assert_eq!(show(e), "<<>>");
    let m = make_binary(ctx, &[1, 2, 3]);
    let s = sub_bitstring(ctx, m, 8, 16);
    assert_eq!(show(s), "<<2,3>>");
}

#[test]
fn ordering_and_equality() {
    let mut tp = TestProc::new();
    let ctx = tp.ctx();
    let a = make_binary(ctx, &[1, 2]);
    let m = make_binary(ctx, &[0, 1, 2]);
    let b = sub_bitstring(ctx, m, 8, 16);
    assert!(crate::data::compare::eq_exact(a, b));
    assert_eq!(
        crate::data::term_hash::exact_hash(a),
        crate::data::term_hash::exact_hash(b)
    );
    let c = make_bitstring(ctx, &[0x80], 1);
    let d = make_binary(ctx, &[1]);
    assert_eq!(
        crate::data::compare::cmp_terms(c, d),
        std::cmp::Ordering::Greater
    );
    let e = make_binary(ctx, &[1, 2, 0]);
    assert_eq!(
        crate::data::compare::cmp_terms(a, e),
        std::cmp::Ordering::Less
    );
}

#[test]
fn append_is_in_place() {
    let mut tp = TestProc::new();
    let ctx = tp.ctx();
    let mut acc = init_writable(ctx, Term::small(0));
    for i in 0..100u8 {
        let mut w = bits::BitWriter::default();
        w.put_bytes(&[i]);
        let next = append_bits(ctx, acc, &w);
        if i > 0 && i < 100 {
            // Same buffer as before: no copy while there is room.
            unsafe {
                assert_eq!(word(next, 4), word(acc, 4));
            }
        }
        acc = next;
    }
    let v = view(acc).unwrap();
    assert_eq!(v.bits, 800);
    assert_eq!(v.to_vec(), (0..100u8).collect::<Vec<_>>());
}

#[test]
fn integer_segments_roundtrip() {
    let mut tp = TestProc::new();
    let ctx = tp.ctx();
    let mut w = bits::BitWriter::default();
    assert!(w.put_integer(Term::small(0xABC), 12, bits::F_LITTLE));
    assert_eq!(w.buf, vec![0xBC, 0xA0]);
    let v = w.as_view();
    let r = bits::get_integer(ctx, &v, 0, 12, bits::F_LITTLE);
    assert_eq!(r, Term::small(0xABC));
    let mut w = bits::BitWriter::default();
    assert!(w.put_integer(Term::small(-2), 5, 0));
    let r = bits::get_integer(ctx, &w.as_view(), 0, 5, bits::F_SIGNED);
    assert_eq!(r, Term::small(-2));
}

#[test]
fn gc_releases_dead_refc_binaries() {
    let mut tp = TestProc::new();
    let buf;
    {
        let ctx = tp.ctx();
        let t = make_binary(ctx, &[1u8; 200]);
        buf = unsafe { proc_bin_buf(t) };
        unsafe { BinBuf::retain(buf) };
        assert_eq!(unsafe { BinBuf::refs(buf) }, 2);
        crate::gc::collect(ctx, 0, 0);
        assert_eq!(unsafe { BinBuf::refs(buf) }, 1);
        assert!(unsafe { (*ctx.proc_).off_heap.is_empty() });
    }
    // Live across a GC: stays.
    let ctx = tp.ctx();
    let t = make_binary(ctx, &[2u8; 200]);
    let b2 = unsafe { proc_bin_buf(t) };
    ctx.x[0] = t;
    crate::gc::collect(ctx, 0, 1);
    assert_eq!(unsafe { BinBuf::refs(b2) }, 1);
    assert_eq!(view(ctx.x[0]).unwrap().to_vec(), vec![2u8; 200]);
    assert_eq!(unsafe { (*ctx.proc_).off_heap.len() }, 1);
    unsafe { BinBuf::release(buf) };
}
