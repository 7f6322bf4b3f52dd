//! Why a `bs_create_bin` failed, in BEAM's terms. BEAM ends the failing
//! frame's location list with `{error_info, #{cause => {SegNo, Type, What,
//! Value}, function => format_bs_fail, module => erl_erts_errors}}` (the
//! segment as the compiler numbered it, from 1; `What` one of `type`,
//! `size`, `unit`, `short`, `invalid`, `no_float`), which
//! `erl_error:format_exception` turns into "segment N of type T: ...".
//!
//! Which error wins when several segments are bad follows BEAM's order of
//! work: first it computes the size of the result, reading every
//! segment's size (and the source of `binary`-`all` and `utf32` segments,
//! whose size depends on it) — `precheck` — then it checks the
//! appended-to binary, then it writes the segments in order; the writer
//! in `build` reports those.

use super::build::{Seg, SegKind, MAX_BITS};
use super::view;
use crate::data::build::{cons, make_tuple};
use crate::data::map::layout::new_flat;
use crate::heap::ctx::Ctx;
use crate::term::atom::{self, am};
use crate::term::{Term, NIL, NON_VALUE};
use std::sync::OnceLock;

/// What was wrong with a segment (the third element of the cause).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum What {
    Type,
    Size,
    Unit,
    Short,
    Invalid,
    NoFloat,
}

/// A failed construction: segment index `seg` in the instruction, and
/// `limit` for `system_limit` rather than `badarg`.
#[derive(Clone, Copy, Debug)]
pub struct Fail {
    pub seg: usize,
    pub limit: bool,
    pub what: What,
    pub value: Term,
}

impl Fail {
    pub fn badarg(seg: usize, what: What, value: Term) -> Fail {
        Fail {
            seg,
            limit: false,
            what,
            value,
        }
    }
}

/// Bits of a segment of size term `size` and unit `unit`. A negative or
/// non-integer size is a badarg (`Err(false)`); a size too large to build
/// is a `system_limit` (`Err(true)`): a positive bignum, as in BEAM, or a
/// product over `MAX_BITS` (where BEAM would try to allocate it).
pub fn size_bits(size: Term, unit: u32) -> Result<usize, bool> {
    if size.is_small() {
        let s = size.small_value();
        if s < 0 {
            return Err(false);
        }
        let b = (s as u64).saturating_mul(unit as u64);
        if b > MAX_BITS {
            return Err(true);
        }
        return Ok(b as usize);
    }
    Err(size.is_bignum() && crate::data::big::to_big(size).sign() != num_bigint::Sign::Minus)
}

/// BEAM's size pass over the segments (`vals` holds each one's source and
/// size): every size must be a non-negative integer that fits, a
/// `binary`-`all` source a bitstring, a `utf32` source a code point.
/// UTF-8 and UTF-16 sources are checked only when written.
pub fn precheck(segs: &[Seg], vals: &[Term]) -> Result<(), Fail> {
    for (i, seg) in segs.iter().enumerate() {
        let (src, size) = (vals[2 * i], vals[2 * i + 1]);
        match seg.kind {
            SegKind::Append | SegKind::PrivateAppend | SegKind::String => {}
            SegKind::Utf8 | SegKind::Utf16 => {}
            SegKind::Utf32 => {
                if !is_code_point(src) {
                    return Err(Fail::badarg(i, What::Type, src));
                }
            }
            SegKind::Binary if size == am::ALL => {
                if view(src).is_none() {
                    return Err(Fail::badarg(i, What::Type, src));
                }
            }
            SegKind::Integer | SegKind::Float | SegKind::Binary => {
                if let Err(limit) = size_bits(size, seg.unit) {
                    return Err(Fail {
                        seg: i,
                        limit,
                        what: What::Size,
                        value: size,
                    });
                }
            }
        }
    }
    Ok(())
}

/// A Unicode scalar value: 0..=0x10FFFF without the surrogates.
fn is_code_point(t: Term) -> bool {
    t.is_small() && u32::try_from(t.small_value()).is_ok_and(|c| char::from_u32(c).is_some())
}

/// The atoms of the error_info: kept so a failure costs no atom lookups.
struct Atoms {
    error_info: Term,
    cause: Term,
    function: Term,
    format_bs_fail: Term,
    erl_erts_errors: Term,
    /// Indexed by `What as usize` (declaration order).
    what: [Term; 6],
    /// binary, utf8, utf16, utf32 (integer and float are predefined).
    binary: Term,
    utf: [Term; 3],
}

fn atoms() -> &'static Atoms {
    static A: OnceLock<Atoms> = OnceLock::new();
    A.get_or_init(|| Atoms {
        error_info: atom::intern("error_info"),
        cause: atom::intern("cause"),
        function: atom::intern("function"),
        format_bs_fail: atom::intern("format_bs_fail"),
        erl_erts_errors: atom::intern("erl_erts_errors"),
        what: ["type", "size", "unit", "short", "invalid", "no_float"].map(atom::intern),
        binary: atom::intern("binary"),
        utf: ["utf8", "utf16", "utf32"].map(atom::intern),
    })
}

/// Records the exception of `f` in `ctx`: `badarg` or `system_limit`, and
/// the error_info ending the failing frame (`exc_top`, as for
/// `erlang:error/3`). Returns NON_VALUE.
pub fn raise(ctx: &mut Ctx, segs: &[Seg], f: Fail) -> Term {
    let reason = if f.limit {
        am::SYSTEM_LIMIT
    } else {
        am::BADARG
    };
    ctx.error(reason);
    let seg = &segs[f.seg];
    if seg.no == 0 {
        // Segment 0: made by the loader from OTP 24 code's bs_put_*
        // instructions, which fail with the bare reason.
        return NON_VALUE;
    }
    let a = atoms();
    // Append segments are binaries; strings never fail.
    let ty = match seg.kind {
        SegKind::Integer => am::INTEGER,
        SegKind::Float => am::FLOAT,
        SegKind::Utf8 => a.utf[0],
        SegKind::Utf16 => a.utf[1],
        SegKind::Utf32 => a.utf[2],
        _ => a.binary,
    };
    let cause = make_tuple(
        ctx,
        &[
            Term::small(seg.no as i64),
            ty,
            a.what[f.what as usize],
            f.value,
        ],
    );
    // Keys in term order (atoms by name): cause < function < module.
    let map = new_flat(
        ctx,
        &[a.cause, a.function, am::MODULE],
        &[cause, a.format_bs_fail, a.erl_erts_errors],
    );
    let item = make_tuple(ctx, &[a.error_info, map]);
    ctx.exc_top = cons(ctx, item, NIL);
    NON_VALUE
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::data::binary::build::{create_bin, make_binary};
    use crate::data::display::display_string;
    use crate::testutil::TestProc;

    fn seg(kind: SegKind, no: u32, unit: u32) -> Seg {
        Seg {
            kind,
            no,
            unit,
            flags: 0,
            bytes: Vec::new(),
        }
    }

    /// Builds and returns (reason, cause) of the failure, or None.
    fn fail(tp: &mut TestProc, segs: &[Seg], vals: &[Term]) -> Option<(String, String)> {
        let ctx = tp.ctx();
        if !create_bin(ctx, segs, vals).is_non_value() {
            return None;
        }
        // SAFETY: exc_top is [{error_info, Map}] built by `raise`.
        let map = unsafe { ctx.exc_top.head().tuple_elem(1) };
        let cause = crate::data::map::get(map, atoms().cause)?;
        Some((display_string(ctx.exc_reason), display_string(cause)))
    }

    fn ok(r: &str, c: &str) -> Option<(String, String)> {
        Some((r.to_string(), c.to_string()))
    }

    /// Sizes are checked before any value, so a later segment's bad size
    /// wins over an earlier segment's bad value; the number is the
    /// compiler's, not the index.
    #[test]
    fn sizes_first_then_values_in_order() {
        let mut tp = TestProc::new();
        let segs = [seg(SegKind::Integer, 1, 1), seg(SegKind::Integer, 3, 1)];
        let a = atom::intern("a");
        let v = [a, Term::small(8), Term::small(1), Term::small(-1)];
        assert_eq!(
            fail(&mut tp, &segs, &v),
            ok("badarg", "{3,integer,size,-1}")
        );
        let v = [a, Term::small(8), a, Term::small(8)];
        assert_eq!(fail(&mut tp, &segs, &v), ok("badarg", "{1,integer,type,a}"));
        let v = [
            Term::small(1),
            Term::small(8),
            Term::small(1),
            Term::small(8),
        ];
        assert_eq!(fail(&mut tp, &segs, &v), None);
    }

    /// Float sizes other than 16/32/64 are reported in bits, before the
    /// value is looked at; utf32 sources are checked with the sizes.
    #[test]
    fn float_and_utf() {
        let mut tp = TestProc::new();
        let a = atom::intern("a");
        let segs = [seg(SegKind::Float, 1, 8)];
        let v = [a, Term::small(3)];
        assert_eq!(
            fail(&mut tp, &segs, &v),
            ok("badarg", "{1,float,invalid,24}")
        );
        let segs = [seg(SegKind::Integer, 1, 1), seg(SegKind::Utf32, 2, 0)];
        let v = [a, Term::small(8), Term::small(0xD800), NIL];
        assert_eq!(
            fail(&mut tp, &segs, &v),
            ok("badarg", "{2,utf32,type,55296}")
        );
        let segs = [seg(SegKind::Utf8, 4, 0)];
        let v = [Term::small(-1), NIL];
        assert_eq!(fail(&mut tp, &segs, &v), ok("badarg", "{4,utf8,type,-1}"));
    }

    /// Binary segments: short, unit, and a too-large size.
    #[test]
    fn binary_segments() {
        let mut tp = TestProc::new();
        let b = make_binary(tp.ctx(), b"ab");
        let segs = [seg(SegKind::Binary, 1, 8)];
        assert_eq!(
            fail(&mut tp, &segs, &[b, Term::small(3)]),
            ok("badarg", "{1,binary,short,<<\"ab\">>}")
        );
        let segs = [seg(SegKind::Binary, 2, 3)];
        assert_eq!(
            fail(&mut tp, &segs, &[b, am::ALL]),
            ok("badarg", "{2,binary,unit,<<\"ab\">>}")
        );
        let segs = [seg(SegKind::Integer, 1, 64)];
        let big = Term::small(1 << 58);
        assert_eq!(
            fail(&mut tp, &segs, &[Term::small(1), big]),
            ok("system_limit", "{1,integer,size,288230376151711744}")
        );
    }
}
