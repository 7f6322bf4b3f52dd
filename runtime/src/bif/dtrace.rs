//! The DTrace tag BIFs (`erlang:dt_*`) as BEAM built without VM probes
//! (the usual build, and the installed erl's) has them: there is no tag,
//! `dt_spread_tag/1` takes a boolean and returns `true`, `dt_restore_tag/1`
//! takes only that `true`, `dt_put_tag/1` and the getters return
//! `undefined`, and the `*_vm_tag_data/1` functions return their argument.
//! OTP's file module wraps every file server call in
//! `dt_spread_tag(true)` ... `dt_restore_tag(Tag)`.

use super::{bif, BifDef};
use crate::heap::ctx::Ctx;
use crate::term::atom::am;
use crate::term::Term;

pub const BIFS: &[BifDef] = &[
    bif!("erlang", "dt_put_tag", 1, dt_put_tag_1),
    bif!("erlang", "dt_get_tag", 0, dt_get_tag_0),
    bif!("erlang", "dt_get_tag_data", 0, dt_get_tag_0),
    bif!("erlang", "dt_spread_tag", 1, dt_spread_tag_1),
    bif!("erlang", "dt_restore_tag", 1, dt_restore_tag_1),
    bif!("erlang", "dt_prepend_vm_tag_data", 1, identity_1),
    bif!("erlang", "dt_append_vm_tag_data", 1, identity_1),
];

fn dt_put_tag_1(_ctx: &mut Ctx, _args: &[Term; 1]) -> Term {
    am::UNDEFINED
}

fn dt_get_tag_0(_ctx: &mut Ctx, _args: &[Term; 0]) -> Term {
    am::UNDEFINED
}

fn dt_spread_tag_1(ctx: &mut Ctx, args: &[Term; 1]) -> Term {
    let b = args[0];
    if b != am::TRUE && b != am::FALSE {
        return ctx.badarg();
    }
    am::TRUE
}

fn dt_restore_tag_1(ctx: &mut Ctx, args: &[Term; 1]) -> Term {
    if args[0] != am::TRUE {
        return ctx.badarg();
    }
    am::TRUE
}

fn identity_1(_ctx: &mut Ctx, args: &[Term; 1]) -> Term {
    args[0]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testutil::TestProc;

    #[test]
    fn without_probes() {
        let mut tp = TestProc::new();
        let ctx = tp.ctx();
        assert_eq!(dt_spread_tag_1(ctx, &[am::FALSE]), am::TRUE);
        assert!(dt_spread_tag_1(ctx, &[am::OK]).is_non_value());
        assert_eq!(dt_restore_tag_1(ctx, &[am::TRUE]), am::TRUE);
        assert!(dt_restore_tag_1(ctx, &[am::FALSE]).is_non_value());
        assert_eq!(dt_put_tag_1(ctx, &[am::OK]), am::UNDEFINED);
        assert_eq!(identity_1(ctx, &[am::OK]), am::OK);
    }
}
