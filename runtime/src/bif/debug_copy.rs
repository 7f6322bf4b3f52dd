//! `erts_debug:copy_shared(Term, CopyLiterals)`: a copy of `Term` on the
//! caller's heap that keeps its sharing (a subterm referenced twice is one
//! object in the copy), as BEAM's `copy_shared_calculate` /
//! `copy_shared_perform` make it; `CopyLiterals` must be a boolean.
//!
//! Girder's sharing-preserving copy (`gc::copy_shared`, also used by
//! `persistent_term`) copies literals too: with `false` BEAM would leave
//! them in the module's literal area. The copy is the same term either
//! way; only `erts_debug:same/2` against the literal can tell.

use super::{bif, BifDef};
use crate::heap::ctx::Ctx;
use crate::term::atom::am;
use crate::term::{header_subtag, Term, HDR_REFC_BIN};

pub const BIFS: &[BifDef] = &[bif!("erts_debug", "copy_shared", 2, copy_shared_2)];

fn copy_shared_2(ctx: &mut Ctx, args: &[Term; 2]) -> Term {
    let (t, lit) = (args[0], args[1]);
    if lit != am::TRUE && lit != am::FALSE {
        return ctx.badarg();
    }
    let n = crate::gc::copy_shared::shared_size(t);
    if n == 0 {
        return t;
    }
    let mut dst = ctx.alloc(n);
    let mut owned = Vec::new();
    // SAFETY: `dst` holds `n` fresh words, apart from `t`.
    let copy = unsafe { crate::gc::copy_shared::copy_shared(t, &mut dst, &mut owned) };
    // The copied ProcBins and magic references took counts of their own:
    // they join the caller's off-heap list, which the GC releases.
    // SAFETY: a process is scheduled on `ctx`; the objects are on its heap.
    unsafe {
        let p = ctx.process();
        for s in owned {
            p.off_heap.push(s);
            if header_subtag(*s) == HDR_REFC_BIN {
                p.note_binary(*s.add(1));
            }
        }
    }
    ctx.check_vheap();
    copy
}
