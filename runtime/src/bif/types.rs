//! Type-test BIFs (`is_atom/1` and friends). Generated code tests types
//! inline; these exist for `apply`, funs and guard BIF calls.

use super::{guard_bif, BifDef};
use crate::code::module::FunEntry;
use crate::heap::ctx::Ctx;
use crate::term::atom::am;
use crate::term::{header_arity, Term, HDR_EXPORT, HDR_FUN};

fn is_binary(t: Term) -> bool {
    crate::data::binary::is_binary(t)
}

/// The arity of a fun term (what callers pass), or `None` if not a fun.
pub fn fun_arity(t: Term) -> Option<u32> {
    if t.is_boxed_of(HDR_FUN) {
        // SAFETY: a closure's word 1 is its `&'static FunEntry`.
        let fe = unsafe { &*(*t.boxed_ptr().add(1) as *const FunEntry) };
        Some(fe.arity)
    } else if t.is_boxed_of(HDR_EXPORT) {
        // SAFETY: an external fun's word 1 is its `&'static Export`.
        let e = unsafe { &*(*t.boxed_ptr().add(1) as *const crate::code::export::Export) };
        Some(e.arity)
    } else {
        None
    }
}

/// `is_record(Term, Tag)`: a tuple of at least one element whose first
/// element is the atom `Tag`; `badarg` if `Tag` is not an atom.
fn is_record(ctx: &mut Ctx, t: Term, tag: Term, size: Option<Term>) -> Term {
    if !tag.is_atom() {
        return ctx.badarg();
    }
    let want = match size {
        None => None,
        Some(s) if s.is_small() => Some(s.small_value()),
        Some(_) => return ctx.badarg(),
    };
    if !t.is_tuple() {
        return am::FALSE;
    }
    // SAFETY: t is a tuple.
    let n = unsafe { header_arity(t.header()) };
    // SAFETY: index 0 < n when n > 0.
    let ok = n > 0 && unsafe { t.tuple_elem(0) } == tag && want.is_none_or(|w| w == n as i64);
    Term::boolean(ok)
}

macro_rules! type_bif {
    ($name:ident, |$t:ident| $e:expr) => {
        fn $name(_ctx: &mut Ctx, args: &[Term; 1]) -> Term {
            let $t = args[0];
            Term::boolean($e)
        }
    };
}

type_bif!(bif_is_atom, |t| t.is_atom());
type_bif!(bif_is_integer, |t| t.is_integer());
type_bif!(bif_is_float, |t| t.is_float());
type_bif!(bif_is_number, |t| t.is_number());
type_bif!(bif_is_list, |t| t.is_list() || t.is_nil());
type_bif!(bif_is_tuple, |t| t.is_tuple());
type_bif!(bif_is_pid, |t| t.is_pid()
    || t.is_boxed_of(crate::term::HDR_EXT_PID));
type_bif!(bif_is_port, |t| t.is_port()
    || t.is_boxed_of(crate::term::HDR_EXT_PORT));
type_bif!(bif_is_reference, |t| t.is_reference());
type_bif!(bif_is_function, |t| t.is_fun());
type_bif!(bif_is_binary, |t| is_binary(t));
type_bif!(bif_is_bitstring, |t| crate::data::binary::is_bitstring(t));
type_bif!(bif_is_boolean, |t| t == am::TRUE || t == am::FALSE);
type_bif!(bif_is_map, |t| t.is_boxed_of(crate::term::HDR_MAP));

fn bif_is_function2(ctx: &mut Ctx, args: &[Term; 2]) -> Term {
    let (f, a) = (args[0], args[1]);
    if !a.is_small() || a.small_value() < 0 {
        // BEAM: a negative or non-integer arity is badarg (a bignum is
        // simply never equal).
        if a.is_bignum() && !num_traits::Signed::is_negative(&crate::data::big::to_big(a)) {
            return am::FALSE;
        }
        return ctx.badarg();
    }
    Term::boolean(fun_arity(f).is_some_and(|n| n as i64 == a.small_value()))
}

fn bif_is_record2(ctx: &mut Ctx, args: &[Term; 2]) -> Term {
    let (t, tag) = (args[0], args[1]);
    is_record(ctx, t, tag, None)
}

fn bif_is_record3(ctx: &mut Ctx, args: &[Term; 3]) -> Term {
    let (t, tag, size) = (args[0], args[1], args[2]);
    is_record(ctx, t, tag, Some(size))
}

pub const BIFS: &[BifDef] = &[
    guard_bif!("erlang", "is_atom", 1, bif_is_atom),
    guard_bif!("erlang", "is_integer", 1, bif_is_integer),
    guard_bif!("erlang", "is_float", 1, bif_is_float),
    guard_bif!("erlang", "is_number", 1, bif_is_number),
    guard_bif!("erlang", "is_list", 1, bif_is_list),
    guard_bif!("erlang", "is_tuple", 1, bif_is_tuple),
    guard_bif!("erlang", "is_pid", 1, bif_is_pid),
    guard_bif!("erlang", "is_port", 1, bif_is_port),
    guard_bif!("erlang", "is_reference", 1, bif_is_reference),
    guard_bif!("erlang", "is_function", 1, bif_is_function),
    guard_bif!("erlang", "is_function", 2, bif_is_function2),
    guard_bif!("erlang", "is_binary", 1, bif_is_binary),
    guard_bif!("erlang", "is_bitstring", 1, bif_is_bitstring),
    guard_bif!("erlang", "is_boolean", 1, bif_is_boolean),
    guard_bif!("erlang", "is_map", 1, bif_is_map),
    guard_bif!("erlang", "is_record", 2, bif_is_record2),
    guard_bif!("erlang", "is_record", 3, bif_is_record3),
];

#[cfg(test)]
mod tests {
    use super::*;
    use crate::bif::native;
    use crate::data::build::{cons, make_float, make_ref, make_tuple};
    use crate::term::atom::intern;
    use crate::term::NIL;
    use crate::testutil::TestProc;

    fn ext_fun(ctx: &mut Ctx) -> Term {
        let e = crate::code::export::get_or_create(intern("lists"), intern("map"), 2);
        let p = ctx.alloc(2);
        // SAFETY: p holds 2 words: an external fun.
        unsafe {
            *p = crate::term::make_header(1, HDR_EXPORT);
            *p.add(1) = e as *const crate::code::export::Export as u64;
        }
        Term::boxed_from_ptr(p)
    }

    #[test]
    fn type_tests() {
        let mut tp = TestProc::new();
        let ctx = tp.ctx();
        let f = make_float(ctx, 1.0);
        let big = crate::data::big::make_i128(ctx, 1 << 70);
        let r = make_ref(ctx);
        let tup = make_tuple(ctx, &[am::OK]);
        let l = cons(ctx, am::OK, NIL);
        let fun = ext_fun(ctx);
        let yes = |tp: &mut TestProc, b: crate::code::export::BifFn, t: Term| {
            tp.call(b, &[t]) == am::TRUE
        };
        assert!(
            yes(&mut tp, native!(bif_is_atom, 1), am::OK)
                && !yes(&mut tp, native!(bif_is_atom, 1), NIL)
        );
        assert!(
            yes(&mut tp, native!(bif_is_integer, 1), big)
                && !yes(&mut tp, native!(bif_is_integer, 1), f)
        );
        assert!(
            yes(&mut tp, native!(bif_is_float, 1), f)
                && yes(&mut tp, native!(bif_is_number, 1), big)
        );
        assert!(
            yes(&mut tp, native!(bif_is_list, 1), NIL) && yes(&mut tp, native!(bif_is_list, 1), l)
        );
        assert!(
            !yes(&mut tp, native!(bif_is_list, 1), tup)
                && yes(&mut tp, native!(bif_is_tuple, 1), tup)
        );
        assert!(
            yes(&mut tp, native!(bif_is_pid, 1), Term::pid(3))
                && yes(&mut tp, native!(bif_is_port, 1), Term::port(3))
        );
        assert!(
            yes(&mut tp, native!(bif_is_reference, 1), r)
                && !yes(&mut tp, native!(bif_is_reference, 1), tup)
        );
        assert!(
            yes(&mut tp, native!(bif_is_function, 1), fun)
                && !yes(&mut tp, native!(bif_is_function, 1), tup)
        );
        assert!(
            yes(&mut tp, native!(bif_is_boolean, 1), am::TRUE)
                && !yes(&mut tp, native!(bif_is_boolean, 1), am::OK)
        );
        assert!(!yes(&mut tp, native!(bif_is_binary, 1), l));
    }

    // Expected results from `erl` (OTP 25).
    #[test]
    fn function_arity_and_records() {
        let mut tp = TestProc::new();
        let ctx = tp.ctx();
        let fun = ext_fun(ctx);
        let big = crate::data::big::make_i128(ctx, 1 << 70);
        let nbig = crate::data::big::make_i128(ctx, -(1 << 70));
        let rec = make_tuple(ctx, &[intern("a"), Term::small(1)]);
        let empty = make_tuple(ctx, &[]);
        let a = intern("a");
        assert_eq!(
            tp.call(native!(bif_is_function2, 2), &[fun, Term::small(2)]),
            am::TRUE
        );
        assert_eq!(
            tp.call(native!(bif_is_function2, 2), &[fun, Term::small(1)]),
            am::FALSE
        );
        assert_eq!(
            tp.call(native!(bif_is_function2, 2), &[am::OK, Term::small(1)]),
            am::FALSE
        );
        assert_eq!(
            tp.call(native!(bif_is_function2, 2), &[fun, big]),
            am::FALSE
        );
        assert!(tp
            .call(native!(bif_is_function2, 2), &[fun, Term::small(-1)])
            .is_non_value());
        assert!(tp
            .call(native!(bif_is_function2, 2), &[fun, nbig])
            .is_non_value());
        assert!(tp
            .call(native!(bif_is_function2, 2), &[am::OK, a])
            .is_non_value());
        assert_eq!(tp.call(native!(bif_is_record2, 2), &[rec, a]), am::TRUE);
        assert_eq!(
            tp.call(native!(bif_is_record2, 2), &[rec, intern("b")]),
            am::FALSE
        );
        assert_eq!(tp.call(native!(bif_is_record2, 2), &[empty, a]), am::FALSE);
        assert!(tp
            .call(native!(bif_is_record2, 2), &[rec, Term::small(1)])
            .is_non_value());
        assert!(tp
            .call(native!(bif_is_record2, 2), &[am::OK, Term::small(1)])
            .is_non_value());
        assert_eq!(
            tp.call(native!(bif_is_record3, 3), &[rec, a, Term::small(2)]),
            am::TRUE
        );
        assert_eq!(
            tp.call(native!(bif_is_record3, 3), &[rec, a, Term::small(3)]),
            am::FALSE
        );
        assert_eq!(
            tp.call(native!(bif_is_record3, 3), &[rec, a, Term::small(-1)]),
            am::FALSE
        );
        assert!(tp
            .call(native!(bif_is_record3, 3), &[rec, a, intern("b")])
            .is_non_value());
        assert!(tp
            .call(native!(bif_is_record3, 3), &[am::OK, a, intern("b")])
            .is_non_value());
        assert_eq!(tp.ctx.exc_reason, am::BADARG);
    }
}
