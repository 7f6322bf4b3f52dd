//! A structural hash consistent with exact equality (`=:=`): terms that
//! compare exactly equal hash equal, wherever they live (heap, fragment,
//! literal area), so the hash survives garbage collection. Used by the
//! process dictionary and `--`. Not BEAM's `phash2` (that one is defined
//! by BEAM and must match it bit for bit; this one is internal).

use crate::code::export::Export;
use crate::code::module::FunEntry;
use crate::term::*;

const K: u64 = 0x9E37_79B9_7F4A_7C15;

#[inline]
fn mix(h: u64, x: u64) -> u64 {
    (h.rotate_left(5) ^ x).wrapping_mul(K)
}

/// Final avalanche so low bits depend on every input bit.
#[inline]
fn finish(mut h: u64) -> u64 {
    h ^= h >> 33;
    h = h.wrapping_mul(0xff51_afd7_ed55_8ccd);
    h ^= h >> 33;
    h = h.wrapping_mul(0xc4ce_b9fe_1a85_ec53);
    h ^ (h >> 33)
}

/// Hash of `t` such that `eq_exact(a, b)` implies `exact_hash(a) ==
/// exact_hash(b)`. Iterative: long lists and deep nesting are fine.
pub fn exact_hash(t: Term) -> u64 {
    if t.is_immed() {
        return finish(mix(0, t.raw()));
    }
    let mut h = 0u64;
    let mut stack: Vec<Term> = vec![t];
    while let Some(t) = stack.pop() {
        if t.is_list() {
            h = mix(h, TAG_PRIMARY_LIST);
            // SAFETY: `t` is a list term pointing at a cons cell.
            let (hd, tl) = unsafe { (t.head(), t.tail()) };
            stack.push(tl);
            stack.push(hd);
        } else if t.is_boxed() {
            h = hash_boxed(h, t, &mut stack);
        } else {
            h = mix(h, t.raw());
        }
    }
    finish(h)
}

fn hash_boxed(mut h: u64, t: Term, stack: &mut Vec<Term>) -> u64 {
    // SAFETY: `t` is boxed, so it points at a valid header.
    let hdr = unsafe { t.header() };
    let p = t.boxed_ptr();
    let sub = header_subtag(hdr);
    if crate::data::binary::layout::is_bin_subtag(sub) {
        // Heap, refc and sub-binaries with the same bits are equal.
        if let Some((bytes, bits)) = crate::data::binary::hash_parts(t) {
            h = mix(h, crate::term::HDR_HEAP_BIN);
            h = mix(h, bits as u64);
            for c in bytes.chunks(8) {
                let mut w = [0u8; 8];
                w[..c.len()].copy_from_slice(c);
                h = mix(h, u64::from_le_bytes(w));
            }
        }
        return h;
    }
    h = mix(h, sub);
    match sub {
        HDR_TUPLE => {
            let n = header_arity(hdr);
            h = mix(h, n as u64);
            for i in (0..n).rev() {
                // SAFETY: i < arity.
                stack.push(unsafe { t.tuple_elem(i) });
            }
        }
        HDR_FLOAT => {
            // SAFETY: `t` is a float. 0.0 =:= -0.0 in OTP 25, so hash both as +0.0.
            let f = unsafe { t.float_value() };
            let f = if f == 0.0 { 0.0 } else { f };
            h = mix(h, f.to_bits());
        }
        // (External pids and ports: node atom, creation and number, all raw
        // and canonical, so equal terms have equal words.)
        HDR_POS_BIG | HDR_NEG_BIG | HDR_REF | HDR_EXT_PID | HDR_EXT_PORT => {
            let n = header_arity(hdr);
            h = mix(h, n as u64);
            for i in 0..n {
                // SAFETY: the object has n raw payload words.
                h = mix(h, unsafe { *p.add(1 + i) });
            }
        }
        // References with more numbers equal shorter ones whose missing
        // high numbers are zeros (BEAM's order): hash without those.
        HDR_EXT_REF => {
            if let Some((node, mut nums)) = crate::data::ext_ident::ext_ref_parts(t) {
                while nums.last() == Some(&0) {
                    nums.pop();
                }
                h = mix(h, node.name.raw());
                h = mix(h, node.creation as u64);
                for n in nums {
                    h = mix(h, n as u64);
                }
            }
        }
        HDR_FUN => {
            // SAFETY: word 1 of a closure is its FunEntry; free variables follow.
            let fe = unsafe { &*(*p.add(1) as *const FunEntry) };
            h = mix(h, fe.module.raw());
            h = mix(h, fe.index as u64);
            h = mix(h, fe.old_uniq as u64);
            let n = header_arity(hdr);
            for i in 2..=n {
                // SAFETY: words 2..=arity are the free variables.
                stack.push(Term(unsafe { *p.add(i) }));
            }
        }
        HDR_EXPORT => {
            // SAFETY: word 1 of an external fun is its Export entry.
            let e = unsafe { &*(*p.add(1) as *const Export) };
            h = mix(h, e.module.raw());
            h = mix(h, e.function.raw());
            h = mix(h, e.arity as u64);
        }
        // Binaries, maps and external terms: only the type is hashed until
        // their layouts exist (consistent, just weak).
        _ => {}
    }
    h
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::data::build::*;
    use crate::testutil::TestProc;

    #[test]
    fn equal_terms_hash_equal() {
        let mut tp = TestProc::new();
        let ctx = tp.ctx();
        let a = make_string(ctx, "hello");
        let b = make_string(ctx, "hello");
        assert_ne!(a, b);
        assert_eq!(exact_hash(a), exact_hash(b));
        let t1 = make_tuple(ctx, &[a, Term::small(1)]);
        let t2 = make_tuple(ctx, &[b, Term::small(1)]);
        assert_eq!(exact_hash(t1), exact_hash(t2));
        let t3 = make_tuple(ctx, &[b, Term::small(2)]);
        assert_ne!(exact_hash(t1), exact_hash(t3));
        let z = make_float(ctx, 0.0);
        let nz = make_float(ctx, -0.0);
        assert_eq!(exact_hash(z), exact_hash(nz));
        let one = make_float(ctx, 1.0);
        assert_ne!(exact_hash(one), exact_hash(Term::small(1)));
        let v: crate::data::big::BigInt = "123456789012345678901234567890".parse().unwrap();
        let b1 = crate::data::big::make_integer(ctx, &v);
        let b2 = crate::data::big::make_integer(ctx, &v);
        assert_eq!(exact_hash(b1), exact_hash(b2));
        // [a|b] vs [a,b] differ.
        let l1 = cons(ctx, Term::small(1), Term::small(2));
        let l2 = list_from_slice(ctx, &[Term::small(1), Term::small(2)]);
        assert_ne!(exact_hash(l1), exact_hash(l2));
    }
}
