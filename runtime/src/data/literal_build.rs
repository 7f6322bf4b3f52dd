//! Builds module literals (decoded `ETerm`s) in the literal area, where the
//! GC never moves or frees them. Layouts are the heap layouts of
//! `term.rs`; binaries, bitstrings and closures have no runtime
//! layout yet and are reported as errors naming the type.

use crate::term::atom;
use crate::term::literal;
use crate::term::{
    make_header, Term, HDR_EXPORT, HDR_FLOAT, HDR_NEG_BIG, HDR_POS_BIG, HDR_REF, HDR_TUPLE, NIL,
};
use girder_loader::ETerm;

/// Builds `t` in the literal area. `Err` names a term type the runtime
/// cannot represent yet.
pub fn from_eterm(t: &ETerm) -> Result<Term, String> {
    Ok(match t {
        ETerm::Int(v) => int_i64(*v),
        ETerm::BigInt(r) => {
            let mut limbs: Vec<u64> = r
                .magnitude_le
                .chunks(8)
                .map(|c| c.iter().rev().fold(0u64, |acc, &b| (acc << 8) | b as u64))
                .collect();
            while limbs.last() == Some(&0) {
                limbs.pop();
            }
            if limbs.len() == 1 && limbs[0] <= crate::term::MAX_SMALL as u64 {
                // Not produced by the loader (values fitting i64 are Int),
                // but keep the invariant anyway.
                let v = limbs[0] as i64;
                return Ok(Term::small(if r.negative { -v } else { v }));
            }
            if limbs.is_empty() {
                return Ok(Term::small(0));
            }
            bignum(r.negative, &limbs)
        }
        ETerm::Float(f) => {
            let p = literal::alloc(2);
            // SAFETY: `p` holds 2 fresh words.
            unsafe {
                *p = make_header(1, HDR_FLOAT);
                *p.add(1) = f.to_bits();
            }
            Term::boxed_from_ptr(p)
        }
        ETerm::Atom(name) => atom_term(name)?,
        ETerm::Nil => NIL,
        ETerm::Tuple(items) => {
            let elems = items
                .iter()
                .map(from_eterm)
                .collect::<Result<Vec<_>, _>>()?;
            let p = literal::alloc(1 + elems.len());
            // SAFETY: `p` holds 1 + len fresh words.
            unsafe {
                *p = make_header(elems.len(), HDR_TUPLE);
                for (i, e) in elems.iter().enumerate() {
                    *p.add(1 + i) = e.raw();
                }
            }
            Term::boxed_from_ptr(p)
        }
        ETerm::List(items, tail) => {
            let tail = from_eterm(tail)?;
            let elems = items
                .iter()
                .map(from_eterm)
                .collect::<Result<Vec<_>, _>>()?;
            list(&elems, tail)
        }
        ETerm::String(bytes) => {
            let elems: Vec<Term> = bytes.iter().map(|&b| Term::small(b as i64)).collect();
            list(&elems, NIL)
        }
        ETerm::Pid { id, .. } => Term::pid(*id as u64),
        ETerm::Port { id, .. } => Term::port(*id),
        ETerm::Ref { ids, .. } => {
            // ids[0] is the least significant 32-bit word.
            let w = |i: usize| ids.get(i).copied().unwrap_or(0) as u64;
            let (lo, hi) = (w(0) | w(1) << 32, w(2) | w(3) << 32);
            let p = literal::alloc(3);
            // SAFETY: `p` holds 3 fresh words.
            unsafe {
                *p = make_header(2, HDR_REF);
                *p.add(1) = hi;
                *p.add(2) = lo;
            }
            Term::boxed_from_ptr(p)
        }
        ETerm::Export {
            module,
            function,
            arity,
        } => {
            let (Some(m), Some(f)) = (module.as_atom(), function.as_atom()) else {
                return Err("external fun literal with a non-atom module or function".into());
            };
            let e = crate::code::export::get_or_create(atom_term(m)?, atom_term(f)?, *arity as u32);
            let p = literal::alloc(crate::code::module::EXPORT_FUN_WORDS);
            // SAFETY: `p` holds 2 fresh words; export entries are never freed.
            unsafe {
                *p = make_header(1, HDR_EXPORT);
                *p.add(1) = e as *const crate::code::export::Export as u64;
            }
            Term::boxed_from_ptr(p)
        }
        ETerm::Binary(bytes) => binary_literal(bytes, bytes.len() * 8),
        ETerm::BitBinary { bytes, last_bits } => {
            let bits = (bytes.len() * 8).saturating_sub(8 - (*last_bits).clamp(1, 8) as usize);
            binary_literal(bytes, bits)
        }
        ETerm::Map(pairs) => {
            let mut ps = Vec::with_capacity(pairs.len());
            for (k, v) in pairs {
                ps.push((from_eterm(k)?, from_eterm(v)?));
            }
            crate::data::map::from_pairs(&mut crate::data::map::layout::LiteralHeap, ps)
        }
        ETerm::Fun { .. } => return Err("fun (closure) literals are not supported yet".into()),
    })
}

/// A binary (or bitstring of `bits` bits) in the literal area: a heap
/// binary up to 64 bytes, else a ProcBin whose buffer reference belongs to
/// the literal chunk (released when its module version is purged).
fn binary_literal(bytes: &[u8], bits: usize) -> Term {
    use crate::data::binary::layout::*;
    let n = bytes.len();
    // SAFETY: each object is written into fresh literal words sized for it.
    unsafe {
        let bin = if n <= HEAP_BIN_LIMIT {
            let p = literal::alloc(heap_bin_words(n));
            let t = write_heap_bin(p, n);
            std::ptr::copy_nonoverlapping(bytes.as_ptr(), p.add(2) as *mut u8, n);
            t
        } else {
            let buf = BinBuf::new(n);
            std::ptr::copy_nonoverlapping(bytes.as_ptr(), (*buf).data, n);
            let p = literal::alloc(PROC_BIN_WORDS);
            // The module version's chunk drops the buffer reference when
            // it is purged.
            literal::note_proc_bin(p);
            write_proc_bin(p, n, buf)
        };
        if bits == n * 8 {
            bin
        } else {
            write_sub_bin(literal::alloc(SUB_BIN_WORDS), bin, 0, bits, 0)
        }
    }
}

fn atom_term(name: &str) -> Result<Term, String> {
    if name.chars().count() > atom::MAX_ATOM_CHARS {
        return Err(format!(
            "atom too long in literal: {} characters",
            name.chars().count()
        ));
    }
    Ok(atom::intern(name))
}

fn int_i64(v: i64) -> Term {
    if Term::fits_small(v) {
        Term::small(v)
    } else {
        bignum(v < 0, &[v.unsigned_abs()])
    }
}

/// A bignum in the literal area. `limbs` is normalized (non-empty, no
/// leading zero limb, too large for a small).
fn bignum(negative: bool, limbs: &[u64]) -> Term {
    let p = literal::alloc(1 + limbs.len());
    // SAFETY: `p` holds 1 + len fresh words.
    unsafe {
        *p = make_header(
            limbs.len(),
            if negative { HDR_NEG_BIG } else { HDR_POS_BIG },
        );
        for (i, l) in limbs.iter().enumerate() {
            *p.add(1 + i) = *l;
        }
    }
    Term::boxed_from_ptr(p)
}

/// `[elems... | tail]` in one literal allocation.
fn list(elems: &[Term], tail: Term) -> Term {
    if elems.is_empty() {
        return tail;
    }
    let n = elems.len();
    let p = literal::alloc(2 * n);
    // SAFETY: `p` holds 2n fresh words; cell i's tail points at cell i+1.
    unsafe {
        for (i, e) in elems.iter().enumerate() {
            *p.add(2 * i) = e.raw();
            *p.add(2 * i + 1) = if i + 1 < n {
                Term::list_from_ptr(p.add(2 * i + 2)).raw()
            } else {
                tail.raw()
            };
        }
    }
    Term::list_from_ptr(p)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::data::big;
    use crate::data::build::list_to_vec;
    use crate::data::compare::eq_exact;
    use girder_loader::BigIntRepr;

    #[test]
    fn builds_terms() {
        let e = ETerm::Tuple(vec![
            ETerm::Atom("hello".into()),
            ETerm::Int(-5),
            ETerm::Int(i64::MAX),
            ETerm::Float(2.5),
            ETerm::String(b"ab".to_vec()),
            ETerm::List(vec![ETerm::Int(1)], Box::new(ETerm::Int(2))),
            ETerm::BigInt(BigIntRepr {
                negative: true,
                magnitude_le: vec![0, 0, 0, 0, 0, 0, 0, 0, 1],
            }),
        ]);
        let t = from_eterm(&e).unwrap();
        assert!(literal::contains(t.boxed_ptr()));
        // SAFETY: t is a 7-tuple.
        unsafe {
            assert_eq!(t.tuple_arity(), 7);
            assert_eq!(t.tuple_elem(0), atom::intern("hello"));
            assert_eq!(t.tuple_elem(1), Term::small(-5));
            assert_eq!(big::to_big(t.tuple_elem(2)), big::BigInt::from(i64::MAX));
            assert_eq!(t.tuple_elem(3).float_value(), 2.5);
            assert_eq!(
                list_to_vec(t.tuple_elem(4)).unwrap(),
                vec![Term::small(97), Term::small(98)]
            );
            let l = t.tuple_elem(5);
            assert_eq!(l.head(), Term::small(1));
            assert_eq!(l.tail(), Term::small(2));
            assert_eq!(
                big::to_big(t.tuple_elem(6)),
                -(big::BigInt::from(1u32) << 64u32)
            );
        }
        // Building twice gives equal (not identical) terms.
        let t2 = from_eterm(&e).unwrap();
        assert!(t != t2 && eq_exact(t, t2));
    }

    #[test]
    fn export_and_errors() {
        let e = ETerm::Export {
            module: Box::new(ETerm::Atom("lists".into())),
            function: Box::new(ETerm::Atom("map".into())),
            arity: 2,
        };
        let t = from_eterm(&e).unwrap();
        assert!(t.is_fun());
        let m = from_eterm(&ETerm::Map(vec![(ETerm::Atom("a".into()), ETerm::Int(1))])).unwrap();
        assert!(crate::data::map::is_map(m) && literal::contains(m.boxed_ptr()));
        assert_eq!(
            crate::data::map::get(m, atom::intern("a")),
            Some(Term::small(1))
        );
    }
}
