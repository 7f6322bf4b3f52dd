//! Erlang term order and equality, with BEAM's semantics:
//! number < atom < reference < fun < port < pid < tuple < map < [] < list
//! < bitstring. Integers and floats compare by exact mathematical value
//! (`1 == 1.0`, and `2^53 + 1 > 2^53 * 1.0`); in exact mode (`=:=`, map
//! key order) an integer never equals a float and integers sort first.
//! Atoms compare by their text, tuples by size then elements, lists
//! element by element, local funs before external funs.
//!
//! The walk is iterative (an explicit work stack), so neither very long
//! lists nor deeply nested terms can overflow the Rust stack.

use crate::code::module::FunEntry;
use crate::data::big;
use crate::data::ext_ident;
use crate::term::*;
use num_bigint::BigInt;
use num_traits::FromPrimitive;
use std::cmp::Ordering;

/// Rank of a term's type in the term order.
pub(crate) fn type_rank(t: Term) -> u8 {
    match t.primary_tag() {
        TAG_PRIMARY_LIST => 9,
        TAG_PRIMARY_IMMED1 => {
            if t.is_small() {
                0
            } else if t.is_atom() {
                1
            } else if t.is_port() {
                4
            } else if t.is_pid() {
                5
            } else if t.is_nil() {
                8
            } else {
                // Catch tags never reach comparisons; put them last.
                11
            }
        }
        TAG_PRIMARY_BOXED => {
            // SAFETY: a boxed term points at a valid header.
            match unsafe { t.boxed_subtag() } {
                HDR_POS_BIG | HDR_NEG_BIG | HDR_FLOAT => 0,
                HDR_REF | HDR_EXT_REF => 2,
                HDR_FUN | HDR_EXPORT => 3,
                HDR_EXT_PORT => 4,
                HDR_EXT_PID => 5,
                HDR_TUPLE => 6,
                HDR_MAP => 7,
                _ => 10, // binaries
            }
        }
        _ => 11,
    }
}

/// Compares an integer term with a float by exact value.
fn cmp_int_float(i: Term, f: f64) -> Ordering {
    let fl = f.floor();
    let frac_above = f > fl;
    let c = if i.is_small() {
        let v = i.small_value();
        // |small| < 2^59, so a float beyond ±2^62 decides by sign.
        if fl >= 4.0e18 {
            Ordering::Less
        } else if fl <= -4.0e18 {
            Ordering::Greater
        } else {
            v.cmp(&(fl as i64))
        }
    } else {
        match BigInt::from_f64(fl) {
            Some(b) => big::to_big(i).cmp(&b),
            // Not finite: cannot happen for Erlang floats.
            None => {
                if f > 0.0 {
                    Ordering::Less
                } else {
                    Ordering::Greater
                }
            }
        }
    };
    // i == floor(f): i < f exactly when f has a fractional part.
    if c == Ordering::Equal && frac_above {
        Ordering::Less
    } else {
        c
    }
}

/// Compares two integer terms.
fn cmp_ints(a: Term, b: Term) -> Ordering {
    if a.is_small() && b.is_small() {
        return a.small_value().cmp(&b.small_value());
    }
    // A normalized bignum is beyond every small, so a sign test decides
    // mixed cases; two bignums compare by sign then magnitude.
    // SAFETY: each term is a bignum where `is_small` is false.
    unsafe {
        match (a.is_small(), b.is_small()) {
            (true, false) => {
                if big::big_is_negative(b) {
                    Ordering::Greater
                } else {
                    Ordering::Less
                }
            }
            (false, true) => {
                if big::big_is_negative(a) {
                    Ordering::Less
                } else {
                    Ordering::Greater
                }
            }
            _ => {
                let (na, nb) = (big::big_is_negative(a), big::big_is_negative(b));
                if na != nb {
                    return if na {
                        Ordering::Less
                    } else {
                        Ordering::Greater
                    };
                }
                let (la, lb) = (big::big_limbs(a), big::big_limbs(b));
                let mag = la
                    .len()
                    .cmp(&lb.len())
                    .then_with(|| la.iter().rev().cmp(lb.iter().rev()));
                if na {
                    mag.reverse()
                } else {
                    mag
                }
            }
        }
    }
}

/// Compares two numbers. In exact mode an integer and a float are never
/// equal: integers sort first (BEAM's map key order).
fn cmp_numbers(a: Term, b: Term, exact: bool) -> Ordering {
    match (a.is_float(), b.is_float()) {
        (false, false) => cmp_ints(a, b),
        (true, true) => {
            // SAFETY: both are floats.
            let (x, y) = unsafe { (a.float_value(), b.float_value()) };
            // OTP 25: 0.0 and -0.0 are equal, even exactly.
            x.partial_cmp(&y).unwrap_or(Ordering::Equal)
        }
        (false, true) => {
            if exact {
                return Ordering::Less;
            }
            // SAFETY: b is a float.
            cmp_int_float(a, unsafe { b.float_value() })
        }
        (true, false) => {
            if exact {
                return Ordering::Greater;
            }
            // SAFETY: a is a float.
            cmp_int_float(b, unsafe { a.float_value() }).reverse()
        }
    }
}

/// Pending comparisons: a pair of terms, or `n` pairs of words at two
/// addresses (tuple elements, closure environments).
enum Work {
    Pair(Term, Term),
    Words(*const u64, *const u64, usize),
}

/// Pending comparisons: a few levels of nesting stay on the native stack.
type WorkStack = smallvec::SmallVec<[Work; 8]>;

/// Compares two boxed terms of the same rank that are not numbers; pushes
/// sub-comparisons onto `stack`. Returns a decided ordering or Equal.
/// # Safety
/// Both terms must be valid boxed terms of the same rank.
unsafe fn cmp_boxed_same_rank(a: Term, b: Term, stack: &mut WorkStack) -> Ordering {
    let (pa, pb) = (a.boxed_ptr() as *const u64, b.boxed_ptr() as *const u64);
    let (ha, hb) = (*pa, *pb);
    let (sa, sb) = (header_subtag(ha), header_subtag(hb));
    match (sa, sb) {
        (HDR_TUPLE, HDR_TUPLE) => {
            let (na, nb) = (header_arity(ha), header_arity(hb));
            if na != nb {
                return na.cmp(&nb);
            }
            if na > 0 {
                stack.push(Work::Words(pa.add(1), pb.add(1), na));
            }
            Ordering::Equal
        }
        (HDR_EXT_REF, _) | (_, HDR_EXT_REF) => ext_ident::cmp_refs(a, b).unwrap_or(Ordering::Equal),
        (HDR_REF, HDR_REF) => {
            // Most significant word first, like BEAM's ref_common.
            let n = header_arity(ha).max(header_arity(hb));
            let word = |p: *const u64, h: u64, i: usize| {
                if i < header_arity(h) {
                    *p.add(1 + i)
                } else {
                    0
                }
            };
            for i in 0..n {
                let c = word(pa, ha, i).cmp(&word(pb, hb, i));
                if c != Ordering::Equal {
                    return c;
                }
            }
            Ordering::Equal
        }
        (HDR_EXPORT, HDR_EXPORT) => {
            let ea = &*(*pa.add(1) as *const crate::code::export::Export);
            let eb = &*(*pb.add(1) as *const crate::code::export::Export);
            cmp_atoms(ea.module, eb.module)
                .then_with(|| cmp_atoms(ea.function, eb.function))
                .then_with(|| ea.arity.cmp(&eb.arity))
        }
        (HDR_FUN, HDR_FUN) => {
            let fa = &*(*pa.add(1) as *const FunEntry);
            let fb = &*(*pb.add(1) as *const FunEntry);
            let (nfa, nfb) = (header_arity(ha) - 1, header_arity(hb) - 1);
            let c = cmp_atoms(fa.module, fb.module)
                .then_with(|| fa.index.cmp(&fb.index))
                .then_with(|| fa.old_uniq.cmp(&fb.old_uniq))
                .then_with(|| nfa.cmp(&nfb));
            if c == Ordering::Equal && nfa > 0 {
                stack.push(Work::Words(pa.add(2), pb.add(2), nfa));
            }
            c
        }
        (HDR_MAP, HDR_MAP) => cmp_maps(a, b, stack),
        // Local funs sort before external funs.
        (HDR_FUN, HDR_EXPORT) => Ordering::Less,
        (HDR_EXPORT, HDR_FUN) => Ordering::Greater,
        _ if crate::data::binary::layout::is_bin_subtag(sa)
            && crate::data::binary::layout::is_bin_subtag(sb) =>
        {
            crate::data::binary::cmp_bitstrings(a, b)
        }
        // Layouts the runtime does not build yet (external pids/ports/refs,
        // maps, binaries): order by subtag, then by identity.
        _ => sa.cmp(&sb).then_with(|| pa.cmp(&pb)),
    }
}

/// Maps (BEAM's order): by size, then the keys in map-key order compared
/// exactly (`1 < 2 < 1.0`), then the values in that key order (deferred to
/// `stack`, so they use the caller's `==`/`=:=` mode).
fn cmp_maps(a: Term, b: Term, stack: &mut WorkStack) -> Ordering {
    use crate::data::map;
    let (na, nb) = (map::size(a), map::size(b));
    if na != nb {
        return na.cmp(&nb);
    }
    if map::is_flat(a) && map::is_flat(b) {
        // SAFETY: both are flatmaps of `na` pairs.
        let (ka, kb) = unsafe { (map::layout::flat_keys(a), map::layout::flat_keys(b)) };
        for (x, y) in ka.iter().zip(kb) {
            let c = cmp_terms_exact(*x, *y);
            if c != Ordering::Equal {
                return c;
            }
        }
        if na > 0 {
            // SAFETY: both value arrays hold `na` terms.
            let (va, vb) = unsafe { (map::layout::flat_values(a), map::layout::flat_values(b)) };
            stack.push(Work::Words(
                va.as_ptr() as *const u64,
                vb.as_ptr() as *const u64,
                na,
            ));
        }
        return Ordering::Equal;
    }
    // Equal tries are nearly always the same shape: one linear walk
    // instead of two sorts (`map::same`).
    if map::same::same(a, b) {
        return Ordering::Equal;
    }
    let (pa, pb) = (map::sorted_pairs(a), map::sorted_pairs(b));
    for (x, y) in pa.iter().zip(&pb) {
        let c = cmp_terms_exact(x.0, y.0);
        if c != Ordering::Equal {
            return c;
        }
    }
    for (x, y) in pa.iter().zip(&pb).rev() {
        stack.push(Work::Pair(x.1, y.1));
    }
    Ordering::Equal
}

/// Compares two atoms by their text.
pub fn cmp_atoms(a: Term, b: Term) -> Ordering {
    if a == b {
        return Ordering::Equal;
    }
    crate::term::atom::name(a)
        .as_bytes()
        .cmp(crate::term::atom::name(b).as_bytes())
}

/// The core walk. `exact` selects `=:=` number semantics.
fn compare(a: Term, b: Term, exact: bool) -> Ordering {
    let mut stack = WorkStack::new();
    let (mut a, mut b) = (a, b);
    loop {
        let c = compare_step(a, b, exact, &mut stack);
        if c != Ordering::Equal {
            return c;
        }
        // Next pending pair, if any.
        match stack.pop() {
            None => return Ordering::Equal,
            Some(Work::Pair(x, y)) => {
                a = x;
                b = y;
            }
            Some(Work::Words(pa, pb, n)) => {
                // SAFETY: `Words` ranges come from live tuples/closures with
                // at least `n` words left.
                unsafe {
                    a = Term(*pa);
                    b = Term(*pb);
                    if n > 1 {
                        stack.push(Work::Words(pa.add(1), pb.add(1), n - 1));
                    }
                }
            }
        }
    }
}

/// Compares the top level of `a` and `b`, deferring sub-terms to `stack`.
/// Walks down list spines in place so a long list costs one stack entry.
fn compare_step(mut a: Term, mut b: Term, exact: bool, stack: &mut WorkStack) -> Ordering {
    loop {
        if a == b {
            return Ordering::Equal;
        }
        if a.is_small() && b.is_small() {
            return a.small_value().cmp(&b.small_value());
        }
        if a.is_atom() && b.is_atom() {
            return cmp_atoms(a, b);
        }
        if a.is_list() && b.is_list() {
            // SAFETY: both are list terms pointing at cons cells.
            let (ha, ta, hb, tb) = unsafe { (a.head(), a.tail(), b.head(), b.tail()) };
            if ha == hb || (ha.is_small() && hb.is_small()) || (ha.is_atom() && hb.is_atom()) {
                // Cheap head: decide it here and keep walking the spine.
                let c = compare_step(ha, hb, exact, stack);
                if c != Ordering::Equal {
                    return c;
                }
            } else {
                // Compare the heads first (now), the tails after them.
                stack.push(Work::Pair(ta, tb));
                a = ha;
                b = hb;
                continue;
            }
            a = ta;
            b = tb;
            continue;
        }
        let (ra, rb) = (type_rank(a), type_rank(b));
        if ra != rb {
            return ra.cmp(&rb);
        }
        return match ra {
            0 => cmp_numbers(a, b, exact),
            // Immediates of the same rank other than smalls/atoms: local
            // pids and ports compare by number.
            4 | 5 if a.is_immed() && b.is_immed() => a.raw().cmp(&b.raw()),
            // Either is of another node (`ext_ident`).
            5 => ext_ident::cmp_pids(a, b).unwrap_or(Ordering::Equal),
            4 => ext_ident::cmp_ports(a, b).unwrap_or(Ordering::Equal),
            // SAFETY: same rank, both boxed (every other rank is boxed).
            _ if a.is_boxed() && b.is_boxed() => unsafe { cmp_boxed_same_rank(a, b, stack) },
            _ => a.raw().cmp(&b.raw()),
        };
    }
}

/// Erlang term order (`<`, `>`, sorting): 1 and 1.0 compare equal.
pub fn cmp_terms(a: Term, b: Term) -> Ordering {
    compare(a, b, false)
}

/// Exact term order (map key order): integers before equal floats.
pub fn cmp_terms_exact(a: Term, b: Term) -> Ordering {
    compare(a, b, true)
}

/// `=:=`. Map lookups call this for every candidate key, so the common
/// cases answer without the ordering walk: identical words, an immediate
/// on either side (equal immediates are identical words; an immediate
/// never equals a boxed term, bignums being normalised), and tuples whose
/// elements are immediates.
pub fn eq_exact(a: Term, b: Term) -> bool {
    if a == b {
        return true;
    }
    if a.is_immed() || b.is_immed() {
        return false;
    }
    if a.is_boxed() && b.is_boxed() {
        // SAFETY: boxed terms point at valid objects with a header.
        unsafe {
            let (pa, pb) = (a.boxed_ptr(), b.boxed_ptr());
            let h = *pa;
            if header_subtag(h) == HDR_TUPLE {
                if *pb != h {
                    return false;
                }
                let n = header_arity(h);
                let mut flat = true;
                for i in 1..=n {
                    let (x, y) = (*pa.add(i), *pb.add(i));
                    if x == y {
                        continue;
                    }
                    if Term(x).is_immed() || Term(y).is_immed() {
                        return false;
                    }
                    flat = false;
                }
                if flat {
                    return true;
                }
            }
        }
    }
    compare(a, b, true) == Ordering::Equal
}

/// `==`: numbers compare by value (`1 == 1.0`).
pub fn eq(a: Term, b: Term) -> bool {
    a == b || compare(a, b, false) == Ordering::Equal
}

fn ord_i64(o: Ordering) -> i64 {
    match o {
        Ordering::Less => -1,
        Ordering::Equal => 0,
        Ordering::Greater => 1,
    }
}

/// Slow path for generated code: term order as -1/0/1.
pub extern "C" fn rt_cmp(a: Term, b: Term) -> i64 {
    ord_i64(cmp_terms(a, b))
}

/// Slow path for generated code: `==` as 1/0.
pub extern "C" fn rt_eq(a: Term, b: Term) -> i64 {
    eq(a, b) as i64
}

/// Slow path for generated code: `=:=` as 1/0.
pub extern "C" fn rt_eq_exact(a: Term, b: Term) -> i64 {
    eq_exact(a, b) as i64
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::data::build::*;
    use crate::term::atom::{am, intern};
    use crate::testutil::TestProc;

    fn big(ctx: &mut crate::heap::ctx::Ctx, s: &str) -> Term {
        crate::data::big::make_integer(
            ctx,
            &crate::data::big::parse_integer(s.as_bytes(), 10).unwrap(),
        )
    }

    #[test]
    fn type_order() {
        let mut tp = TestProc::new();
        let ctx = tp.ctx();
        let f = make_float(ctx, 1.5);
        let r = make_ref(ctx);
        let e = crate::code::export::get_or_create(intern("lists"), intern("map"), 2);
        let p = ctx.alloc(2);
        // SAFETY: p holds 2 words: an external fun.
        let ext = unsafe {
            *p = make_header(1, HDR_EXPORT);
            *p.add(1) = e as *const crate::code::export::Export as u64;
            Term::boxed_from_ptr(p)
        };
        let tup = make_tuple(ctx, &[]);
        let lst = cons(ctx, Term::small(1), NIL);
        // number < atom < reference < fun < port < pid < tuple < nil < list
        let order = [
            Term::small(1),
            f,
            am::OK,
            r,
            ext,
            Term::port(1),
            Term::pid(1),
            tup,
            NIL,
            lst,
        ];
        for i in 0..order.len() {
            for j in 0..order.len() {
                assert_eq!(cmp_terms(order[i], order[j]), i.cmp(&j), "{i} vs {j}");
            }
        }
    }

    #[test]
    fn numbers() {
        let mut tp = TestProc::new();
        let ctx = tp.ctx();
        let one_f = make_float(ctx, 1.0);
        assert_eq!(cmp_terms(Term::small(1), one_f), Ordering::Equal);
        assert!(eq(Term::small(1), one_f));
        assert!(!eq_exact(Term::small(1), one_f));
        assert_eq!(cmp_terms_exact(Term::small(1), one_f), Ordering::Less);
        // erl: (1 bsl 53) + 1 > float(1 bsl 53) -> true;
        //      9007199254740993 == 9007199254740992.0 -> false
        let two53f = make_float(ctx, 9007199254740992.0);
        assert_eq!(
            cmp_terms(Term::small(9007199254740993), two53f),
            Ordering::Greater
        );
        assert_eq!(
            cmp_terms(Term::small(9007199254740992), two53f),
            Ordering::Equal
        );
        assert_eq!(
            cmp_terms(Term::small(9007199254740991), two53f),
            Ordering::Less
        );
        // Bignum vs float.
        let b = big(ctx, "100000000000000000000"); // 1e20, exactly representable
        let f20 = make_float(ctx, 1e20);
        assert!(eq(b, f20) && !eq_exact(b, f20));
        let b1 = big(ctx, "100000000000000000001");
        assert_eq!(cmp_terms(b1, f20), Ordering::Greater);
        assert_eq!(cmp_terms(f20, b1), Ordering::Less);
        let nb = big(ctx, "-100000000000000000001");
        let nf = make_float(ctx, -1e20);
        assert_eq!(cmp_terms(nb, nf), Ordering::Less);
        let small_f = make_float(ctx, 0.5);
        assert_eq!(cmp_terms(b, small_f), Ordering::Greater);
        assert_eq!(cmp_terms(nb, small_f), Ordering::Less);
        // Fractions: 2 vs 2.5, -3 vs -2.5.
        let f25 = make_float(ctx, 2.5);
        let fm25 = make_float(ctx, -2.5);
        assert_eq!(cmp_terms(Term::small(2), f25), Ordering::Less);
        assert_eq!(cmp_terms(Term::small(3), f25), Ordering::Greater);
        assert_eq!(cmp_terms(Term::small(-3), fm25), Ordering::Less);
        assert_eq!(cmp_terms(Term::small(-2), fm25), Ordering::Greater);
        // Huge float vs small.
        let huge = make_float(ctx, 1e300);
        assert_eq!(cmp_terms(Term::small(MAX_SMALL), huge), Ordering::Less);
        assert_eq!(cmp_terms(big(ctx, "-1"), huge), Ordering::Less);
        // Bignums: sign and magnitude.
        let p1 = big(ctx, "36893488147419103232"); // 2^65
        let p2 = big(ctx, "18446744073709551616"); // 2^64
        let n1 = big(ctx, "-36893488147419103232");
        assert_eq!(cmp_terms(p1, p2), Ordering::Greater);
        assert_eq!(cmp_terms(n1, p2), Ordering::Less);
        assert_eq!(cmp_terms(n1, Term::small(MIN_SMALL)), Ordering::Less);
        assert_eq!(cmp_terms(Term::small(MAX_SMALL), p2), Ordering::Less);
        let p1b = big(ctx, "36893488147419103232");
        assert!(eq_exact(p1, p1b));
        // 0.0 and -0.0 are equal in OTP 25, even exactly.
        let z = make_float(ctx, 0.0);
        let nz = make_float(ctx, -0.0);
        assert!(eq_exact(z, nz));
        assert!(eq(Term::small(0), nz));
    }

    #[test]
    fn atoms_tuples_lists() {
        let mut tp = TestProc::new();
        let ctx = tp.ctx();
        // Atom order is text order, not creation order.
        let zz = intern("zz_cmp_test");
        let aa = intern("aa_cmp_test");
        assert_eq!(cmp_terms(aa, zz), Ordering::Less);
        assert_eq!(cmp_terms(am::TRUE, am::FALSE), Ordering::Greater);
        // Tuples: size first.
        let t1 = make_tuple(ctx, &[Term::small(9), Term::small(9)]);
        let t2 = make_tuple(ctx, &[Term::small(1), Term::small(1), Term::small(1)]);
        assert_eq!(cmp_terms(t1, t2), Ordering::Less);
        let t3 = make_tuple(ctx, &[Term::small(9), Term::small(10)]);
        assert_eq!(cmp_terms(t1, t3), Ordering::Less);
        // Lists: elementwise; a prefix is smaller.
        let l1 = list_from_slice(ctx, &[Term::small(1), Term::small(2)]);
        let l2 = list_from_slice(ctx, &[Term::small(1), Term::small(2), Term::small(0)]);
        let l3 = list_from_slice(ctx, &[Term::small(1), Term::small(3)]);
        assert_eq!(cmp_terms(l1, l2), Ordering::Less);
        assert_eq!(cmp_terms(l3, l2), Ordering::Greater);
        // Improper tails compare by the general rules: [1|2] < [1|a] < [1,2].
        let i1 = cons(ctx, Term::small(1), Term::small(2));
        let i2 = cons(ctx, Term::small(1), am::OK);
        assert_eq!(cmp_terms(i1, i2), Ordering::Less);
        assert_eq!(cmp_terms(i2, l1), Ordering::Less);
        // Nested: [{1,[a]}] vs [{1,[b]}]: heads decide before tails.
        let ia = list_from_slice(ctx, &[intern("a")]);
        let ib = list_from_slice(ctx, &[intern("b")]);
        let ta = make_tuple(ctx, &[Term::small(1), ia]);
        let tb = make_tuple(ctx, &[Term::small(1), ib]);
        let la = list_from_slice(ctx, &[ta, Term::small(9)]);
        let lb = list_from_slice(ctx, &[tb, Term::small(0)]);
        assert_eq!(cmp_terms(la, lb), Ordering::Less);
        // Equal structure with a float inside: == but not =:=.
        let f = make_float(ctx, 1.0);
        let x = make_tuple(ctx, &[Term::small(1), l1]);
        let y = make_tuple(ctx, &[f, l1]);
        assert!(eq(x, y) && !eq_exact(x, y));
        assert_eq!(rt_cmp(x, y), 0);
        assert_eq!(rt_eq(x, y), 1);
        assert_eq!(rt_eq_exact(x, y), 0);
        assert_eq!(rt_cmp(l1, l2), -1);
        // Refs by value.
        let r1 = make_ref_with(ctx, 0, 5);
        let r2 = make_ref_with(ctx, 0, 5);
        let r3 = make_ref_with(ctx, 1, 0);
        assert!(eq_exact(r1, r2));
        assert_eq!(cmp_terms(r1, r3), Ordering::Less);
    }

    #[test]
    fn very_long_lists_and_deep_nesting() {
        let mut tp = TestProc::new();
        let ctx = tp.ctx();
        let n = 10_000_000;
        let elems: Vec<Term> = (0..n).map(Term::small).collect();
        let a = list_from_slice(ctx, &elems);
        let b = list_from_slice(ctx, &elems);
        assert!(eq_exact(a, b));
        let mut elems2 = elems;
        *elems2.last_mut().unwrap() = Term::small(n);
        let c = list_from_slice(ctx, &elems2);
        assert_eq!(cmp_terms(a, c), Ordering::Less);
        drop(elems2);
        // A long list of tuples (heads pushed, tails deferred).
        let tuples: Vec<Term> = (0..1_000_000)
            .map(|i| make_tuple(ctx, &[Term::small(i)]))
            .collect();
        let d = list_from_slice(ctx, &tuples);
        let e = list_from_slice(ctx, &tuples);
        assert!(eq(d, e));
        // Nesting a million deep: [[[...]]] and {{{...}}}.
        let (mut x, mut y) = (NIL, NIL);
        let (mut tx, mut ty) = (Term::small(0), Term::small(0));
        for _ in 0..1_000_000 {
            x = cons(ctx, x, NIL);
            y = cons(ctx, y, NIL);
            tx = make_tuple(ctx, &[tx]);
            ty = make_tuple(ctx, &[ty]);
        }
        assert!(eq_exact(x, y));
        assert!(eq_exact(tx, ty));
    }
}
