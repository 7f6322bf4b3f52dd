//! `erts_internal:term_type/1` (the kind of object a term is, in BEAM's
//! names) and `erts_internal:cmp_term/2` (exact term order, the order of
//! map keys, as -1, 0 or 1).

use super::{bif, BifDef};
use crate::data::map::layout::{kind, Kind};
use crate::heap::ctx::Ctx;
use crate::term::atom;
use crate::term::*;
use std::cmp::Ordering;

pub const BIFS: &[BifDef] = &[
    bif!("erts_internal", "term_type", 1, term_type_1),
    bif!("erts_internal", "cmp_term", 2, cmp_term_2),
];

/// BEAM's name for the kind of `t`.
pub fn type_name(t: Term) -> &'static str {
    if t.is_list() {
        return "list";
    }
    if t.is_boxed() {
        // SAFETY: boxed terms point at valid objects.
        let hdr = unsafe { t.header() };
        return match header_subtag(hdr) {
            HDR_TUPLE => "tuple",
            HDR_FUN => "fun",
            HDR_EXPORT => "export",
            // SAFETY: every map object has its info word after the header.
            HDR_MAP => match kind(unsafe { *t.boxed_ptr().add(1) }) {
                Kind::Flat => "flatmap",
                Kind::HeadArray | Kind::HeadBitmap => "hashmap",
                Kind::Node => "hashmap_node",
            },
            HDR_REFC_BIN => "refc_binary",
            HDR_HEAP_BIN => "heap_binary",
            HDR_SUB_BIN => "sub_binary",
            HDR_MATCHSTATE => "matchstate",
            HDR_POS_BIG | HDR_NEG_BIG => "bignum",
            HDR_REF => "reference",
            HDR_EXT_REF => "external_reference",
            HDR_EXT_PID => "external_pid",
            HDR_EXT_PORT => "external_port",
            HDR_FLOAT => "hfloat",
            _ => "unknown",
        };
    }
    if t.is_small() {
        "fixnum"
    } else if t.is_pid() {
        "pid"
    } else if t.is_port() {
        "port"
    } else if t.is_atom() {
        "atom"
    } else if t.is_catch() {
        "catch"
    } else if t.is_nil() {
        "nil"
    } else {
        "unknown"
    }
}

fn term_type_1(_ctx: &mut Ctx, args: &[Term; 1]) -> Term {
    atom::intern(type_name(args[0]))
}

fn cmp_term_2(_ctx: &mut Ctx, args: &[Term; 2]) -> Term {
    let (a, b) = (args[0], args[1]);
    Term::small(match crate::data::compare::cmp_terms_exact(a, b) {
        Ordering::Less => -1,
        Ordering::Equal => 0,
        Ordering::Greater => 1,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testutil::TestProc;

    #[test]
    fn names() {
        let mut tp = TestProc::new();
        let ctx = tp.ctx();
        assert_eq!(type_name(Term::small(1)), "fixnum");
        assert_eq!(type_name(NIL), "nil");
        assert_eq!(type_name(atom::am::OK), "atom");
        assert_eq!(type_name(Term::pid(3)), "pid");
        let f = crate::data::build::make_float(ctx, 1.5);
        assert_eq!(type_name(f), "hfloat");
        let t = crate::data::build::make_tuple(ctx, &[f]);
        assert_eq!(type_name(t), "tuple");
        let l = crate::data::build::cons(ctx, f, NIL);
        assert_eq!(type_name(l), "list");
        let b = crate::data::binary::build::make_binary(ctx, b"abc");
        assert_eq!(type_name(b), "heap_binary");
        let big = crate::data::big::make_i128(ctx, 1 << 70);
        assert_eq!(type_name(big), "bignum");
    }

    #[test]
    fn exact_order() {
        let mut tp = TestProc::new();
        let ctx = tp.ctx();
        let one_f = crate::data::build::make_float(ctx, 1.0);
        let c = |ctx: &mut Ctx, a: Term, b: Term| cmp_term_2(ctx, &[a, b]);
        assert_eq!(c(ctx, Term::small(1), Term::small(2)), Term::small(-1));
        assert_eq!(c(ctx, Term::small(2), Term::small(2)), Term::small(0));
        assert_eq!(c(ctx, Term::small(1), one_f), Term::small(-1));
        assert_eq!(c(ctx, one_f, Term::small(1)), Term::small(1));
    }
}
