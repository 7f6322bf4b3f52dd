//! `erts_debug` internal-state items about node containers (pids, ports,
//! references), which OTP's `node_container_SUITE` uses:
//! - get `next_port`: the number the next port gets; set `next_port`, N:
//!   numbering continues with the first number after N that no live port
//!   has, which is returned (`io::port`; numbers wrap at 28 bits as
//!   BEAM's);
//! - set `make`, `magic_ref`: `{MRef, Address}`, a magic reference to a new
//!   empty resource and the resource's address (BEAM makes a magic binary
//!   with an empty destructor);
//! - get `{magic_ref, R}`: for a magic reference `{Address, Holders,
//!   IsTestResource}` (how many magic reference objects hold the resource,
//!   and whether `make` made it); for a plain reference whether its
//!   numbers carry the magic marker (the external form of a magic
//!   reference whose resource is gone); `false` for anything else.

use crate::data::build::make_tuple;
use crate::data::resource::{self, Resource, MAGIC_MARKER};
use crate::heap::ctx::Ctx;
use crate::term::atom::{self, am};
use crate::term::{Term, HDR_REF};
use std::sync::Arc;

/// The resource of `set_internal_state(make, magic_ref)`.
struct TestResource;

fn is(t: Term, name: &str) -> bool {
    t.is_atom() && atom::name(t) == name
}

/// The value of the item, or None when it is not one of these.
pub fn get(ctx: &mut Ctx, item: Term) -> Option<Term> {
    if is(item, "next_port") {
        return Some(Term::small(crate::io::port::next_port_number() as i64));
    }
    if !item.is_tuple() {
        return None;
    }
    // SAFETY: `item` is a tuple; elements are read below its arity.
    let (n, tag) = unsafe { (item.tuple_arity(), item.tuple_elem(0)) };
    if n == 2 && is(tag, "magic_ref") {
        // SAFETY: arity 2.
        return Some(magic_ref_info(ctx, unsafe { item.tuple_elem(1) }));
    }
    None
}

/// `erts_debug:set_internal_state(Item, Value)` items here, or None.
pub fn set(ctx: &mut Ctx, item: Term, value: Term) -> Option<Term> {
    if is(item, "next_port") {
        let n = crate::data::big::to_i64(value).filter(|&n| n >= 0)?;
        let next = crate::io::port::set_next_port_number(n as u64);
        return Some(Term::small(next as i64));
    }
    if is(item, "make") && is(value, "magic_ref") {
        let r = Arc::new(Resource {
            value: Box::new(TestResource),
        });
        let mref = resource::make(ctx, r);
        // SAFETY: `make` built a magic reference object.
        let (addr, _, _) = unsafe { resource::describe(mref.boxed_ptr()) };
        let addr = crate::data::big::make_u64(ctx, addr);
        return Some(make_tuple(ctx, &[mref, addr]));
    }
    None
}

fn magic_ref_info(ctx: &mut Ctx, r: Term) -> Term {
    if !r.is_boxed_of(HDR_REF) {
        return am::FALSE;
    }
    let Some(res) = resource::get(r) else {
        // SAFETY: a local reference: [header, hi, lo].
        let lo = unsafe { *r.boxed_ptr().add(2) };
        return Term::boolean(lo & MAGIC_MARKER != 0);
    };
    // SAFETY: `r` is a live magic reference (`get` checked).
    let (addr, _, holders) = unsafe { resource::describe(r.boxed_ptr()) };
    let test = res.value.is::<TestResource>();
    let addr = crate::data::big::make_u64(ctx, addr);
    let holders = crate::data::big::make_u64(ctx, holders as u64);
    make_tuple(ctx, &[addr, holders, Term::boolean(test)])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn made_magic_ref_is_counted() {
        let mut tp = crate::testutil::TestProc::new();
        let ctx = tp.ctx();
        let made = set(ctx, atom::intern("make"), atom::intern("magic_ref")).unwrap();
        // SAFETY: a 2-tuple.
        let (mref, addr) = unsafe { (made.tuple_elem(0), made.tuple_elem(1)) };
        let info = magic_ref_info(ctx, mref);
        // SAFETY: a 3-tuple.
        unsafe {
            assert_eq!(info.tuple_elem(0), addr);
            assert_eq!(info.tuple_elem(1), Term::small(1));
            assert_eq!(info.tuple_elem(2), am::TRUE);
        }
        let plain = crate::data::build::make_ref(ctx);
        assert_eq!(magic_ref_info(ctx, plain), am::FALSE);
        // SAFETY: a local reference: [header, hi, lo].
        let (hi, lo) = unsafe { (*mref.boxed_ptr().add(1), *mref.boxed_ptr().add(2)) };
        let dead = crate::data::build::make_ref_with(ctx, hi, lo);
        assert_eq!(magic_ref_info(ctx, dead), am::TRUE);
        assert_eq!(magic_ref_info(ctx, Term::small(1)), am::FALSE);
    }
}
