//! `term_to_binary/1,2` and `term_to_iovec/1,2`, which give the scheduler
//! back on big terms as BEAM's do (`erts_term_to_binary_int`'s states):
//! the walk (`etf::walk`) encodes within the reductions left (32 terms, or
//! 256 bytes of binary data, per reduction), then the compression stage
//! (when asked for) deflates 2^18 output bytes per time slice. When the
//! budget runs out, the off-heap part of the state (output bytes, zlib
//! stream, options) moves into a magic reference and the terms still to
//! visit into an Erlang list (`Walk::spill_all`); both go to the
//! continuation `'$girder_trap':term_to_binary(Spill, Refs, State, Term, Opts)`
//! as arguments, so the GC traces and moves the pending terms while the
//! process is suspended. Terms that fit the budget never allocate that
//! state. A failure after yields still reports the BIF that was called,
//! with its original arguments (BEAM's `ERTS_BIF_ERROR_TRAPPED`).
//!
//! `term_to_iovec/1,2` refer to the term's large off-heap binaries instead
//! of copying them, as BEAM does: the result is the encoding cut at each
//! such binary, which appears itself in the list (`Refs`, the references
//! found so far, travels with the continuation). With compression
//! (`compressed` or `{compressed, N > 0}`, the last one counting) BEAM
//! returns the binary itself, not in a list; so does girder.

use super::ext::{self_pid, t2b_opts};
use super::trap::{self, yield_to};
use super::{bif, native, BifDef};
use crate::code::export::Export;
use crate::data::build::cons;
use crate::data::etf::encode::Opts;
use crate::data::etf::walk::{reds_for, Stop, Walk, UNITS_PER_RED};
use crate::data::etf::{COMPRESSED, VERSION_MAGIC};
use crate::data::resource::{self, Resource};
use crate::heap::ctx::Ctx;
use crate::term::{Term, NIL, NON_VALUE};
use flate2::{Compress, Compression, FlushCompress, Status};
use std::sync::{Arc, Mutex, OnceLock};

pub const BIFS: &[BifDef] = &[
    bif!("erlang", "term_to_binary", 1, t2b_1).with_full(native!(t2b_full_1, 1)),
    bif!("erlang", "term_to_binary", 2, t2b_2).with_full(native!(t2b_full_2, 2)),
    bif!("erlang", "term_to_iovec", 1, t2iov_1).with_full(native!(t2iov_full_1, 1)),
    bif!("erlang", "term_to_iovec", 2, t2iov_2).with_full(native!(t2iov_full_2, 2)),
    bif!("$girder_trap", "term_to_binary", 5, t2b_trap_5).with_full(native!(t2b_trap_5, 5)),
];

/// Compressed bytes produced per time slice (BEAM's
/// `TERM_TO_BINARY_COMPRESS_CHUNK`, charged `CONTEXT_REDS` per chunk).
const COMPRESS_CHUNK: usize = 1 << 18;
const CONTEXT_REDS: usize = 4000;

/// Which BIF is running: what it returns and whom a failure names.
#[derive(Clone, Copy)]
struct Kind {
    iovec: bool,
    /// Called with an option list (arity 2).
    with_opts: bool,
}

/// Where a conversion is.
enum Stage {
    /// Walking the term; the pending work is in the continuation's spill.
    Encode(Vec<u8>),
    /// Deflating the finished encoding.
    Compress(Deflate),
}

/// A compression in progress: BEAM's `TTBCompress` state. The whole
/// plain encoding is the input; output is produced a chunk at a time and
/// is given up (the plain form returned) once it is no smaller.
struct Deflate {
    plain: Vec<u8>,
    z: Vec<u8>,
    used: usize,
    stream: Compress,
}

/// A suspended conversion (behind the magic reference).
struct Suspended {
    stage: Stage,
    opts: Opts,
    level: u32,
    kind: Kind,
}

struct T2bState(Mutex<Option<Suspended>>);

fn cont() -> &'static Export {
    static C: OnceLock<&'static Export> = OnceLock::new();
    C.get_or_init(|| trap::target(trap::MODULE, "term_to_binary", 5))
}

/// `badarg` reported as the BIF that was called, with its arguments.
fn badarg(ctx: &mut Ctx, kind: Kind, orig: [Term; 2]) -> Term {
    static E: [OnceLock<&'static Export>; 4] = [const { OnceLock::new() }; 4];
    let name = if kind.iovec {
        "term_to_iovec"
    } else {
        "term_to_binary"
    };
    let arity = 1 + kind.with_opts as u32;
    let slot = kind.iovec as usize * 2 + kind.with_opts as usize;
    let e = *E[slot].get_or_init(|| trap::target("erlang", name, arity));
    ctx.badarg();
    // SAFETY: `e` is an export of arity 1 or 2 and `orig` holds 2 terms.
    unsafe { crate::abi::error::rt_bif_frame(ctx, e, orig.as_ptr()) };
    NON_VALUE
}

/// The result: the binary, in a list for an uncompressed iovec.
fn result(ctx: &mut Ctx, bytes: &[u8], kind: Kind, level: u32) -> Term {
    let b = crate::data::binary::build::make_binary(ctx, bytes);
    if kind.iovec && level == 0 {
        cons(ctx, b, NIL)
    } else {
        b
    }
}

/// What one slice of work came to.
enum Slice {
    Value(Term),
    /// To continue: the stage, the pending work and the iovec's binary
    /// references so far (Erlang lists).
    Suspend(Stage, Term, Term),
}

/// An uncompressed `term_to_iovec` result: the encoding cut at the large
/// binaries it refers to, which appear themselves (as BEAM builds it).
fn iovec_result(ctx: &mut Ctx, out: &[u8], refs: Vec<(usize, Term, usize)>) -> Term {
    let mut items = Vec::with_capacity(2 * refs.len() + 1);
    let mut prev = 0;
    for (at, bin, n) in refs {
        if at > prev {
            items.push(crate::data::binary::build::make_binary(ctx, &out[prev..at]));
        }
        items.push(crate::data::binary::build::sub_bitstring(
            ctx,
            bin,
            0,
            n * 8,
        ));
        prev = at;
    }
    if out.len() > prev {
        items.push(crate::data::binary::build::make_binary(ctx, &out[prev..]));
    }
    crate::data::build::list_from_slice(ctx, &items)
}

/// Encodes from `w` within the reductions left (`limit`: no budget for
/// the run-to-completion variants), then compresses or builds the result.
fn encode_slice(
    ctx: &mut Ctx,
    mut w: Walk,
    refs: Term,
    level: u32,
    kind: Kind,
    limit: bool,
) -> Slice {
    w.iov = kind.iovec && level == 0;
    let total = if limit {
        (ctx.reds.max(1) as usize).saturating_mul(UNITS_PER_RED)
    } else {
        usize::MAX
    };
    let mut left = total;
    let stop = w.run(&mut left);
    charge(ctx, reds_for(total - left));
    match stop {
        Stop::Done if w.iov => match w.all_refs(refs) {
            Some(r) if r.is_empty() => Slice::Value(result(ctx, &w.out, kind, 0)),
            Some(r) => Slice::Value(iovec_result(ctx, &w.out, r)),
            None => Slice::Value(NON_VALUE),
        },
        Stop::Done if level == 0 => Slice::Value(result(ctx, &w.out, kind, 0)),
        Stop::Done => start_deflate(ctx, w.out, level, kind, limit),
        Stop::Bad => Slice::Value(NON_VALUE),
        Stop::Paused => {
            let spill = w.spill_all(ctx);
            let refs = w.spill_refs(ctx, refs);
            Slice::Suspend(Stage::Encode(w.out), spill, refs)
        }
    }
}

/// Sets up compression of `plain` (BEAM compresses everything after the
/// version byte and keeps the result only when it is not larger).
fn start_deflate(ctx: &mut Ctx, plain: Vec<u8>, level: u32, kind: Kind, limit: bool) -> Slice {
    if plain.len() <= 6 || plain.len() - 1 > u32::MAX as usize {
        return Slice::Value(result(ctx, &plain, kind, level));
    }
    let room = plain.len() - 6;
    let d = Deflate {
        z: vec![0; room],
        plain,
        used: 0,
        stream: Compress::new(Compression::new(level), true),
    };
    deflate_slice(ctx, d, level, kind, limit)
}

/// Deflates up to a slice's worth of output (all of it without `limit`).
fn deflate_slice(ctx: &mut Ctx, mut d: Deflate, level: u32, kind: Kind, limit: bool) -> Slice {
    let room = d.z.len();
    let mut this = room - d.used;
    if limit {
        let max = (ctx.reds.max(0) as usize).saturating_mul(COMPRESS_CHUNK) / CONTEXT_REDS;
        this = this.min(COMPRESS_CHUNK).min(max + 1);
    }
    let input = &d.plain[1 + d.stream.total_in() as usize..];
    let before = d.stream.total_out();
    let status = d.stream.compress(
        input,
        &mut d.z[d.used..d.used + this],
        FlushCompress::Finish,
    );
    let made = (d.stream.total_out() - before) as usize;
    d.used += made;
    charge(
        ctx,
        (made.saturating_mul(CONTEXT_REDS) / COMPRESS_CHUNK) as i64,
    );
    match status {
        Ok(Status::StreamEnd) => {
            let mut out = Vec::with_capacity(d.used + 6);
            out.extend_from_slice(&[VERSION_MAGIC, COMPRESSED]);
            out.extend_from_slice(&((d.plain.len() - 1) as u32).to_be_bytes());
            out.extend_from_slice(&d.z[..d.used]);
            Slice::Value(result(ctx, &out, kind, level))
        }
        Ok(_) if d.used < room && made > 0 => Slice::Suspend(Stage::Compress(d), NIL, NIL),
        // No smaller than the plain form (or a zlib error): plain.
        _ => Slice::Value(result(ctx, &d.plain, kind, level)),
    }
}

fn charge(ctx: &mut Ctx, reds: i64) {
    ctx.reds = ctx.reds.saturating_sub(reds).max(0);
}

/// Finishes a slice: the value (yielding first when the slice used up
/// the reductions), the failure, or a yield to the continuation.
#[allow(clippy::too_many_arguments)]
fn settle(
    ctx: &mut Ctx,
    slice: Slice,
    opts: Opts,
    level: u32,
    kind: Kind,
    orig: [Term; 2],
    state: Option<Term>,
) -> Term {
    match slice {
        Slice::Value(v) if v.is_non_value() => badarg(ctx, kind, orig),
        Slice::Value(v) if ctx.reds > 0 => v,
        Slice::Value(v) => trap::yield_return(ctx, v),
        Slice::Suspend(stage, spill, refs) => {
            let s = Suspended {
                stage,
                opts,
                level,
                kind,
            };
            let st = match state.and_then(|st| Some((st, resource::get_as::<T2bState>(st)?))) {
                Some((st, cell)) => {
                    *cell.0.lock().unwrap_or_else(|e| e.into_inner()) = Some(s);
                    st
                }
                None => {
                    let r = T2bState(Mutex::new(Some(s)));
                    resource::make(ctx, Arc::new(Resource { value: Box::new(r) }))
                }
            };
            yield_to(ctx, cont(), &[spill, refs, st, orig[0], orig[1]])
        }
    }
}

/// Entry of the four BIFs: options, then the first slice.
fn entry(ctx: &mut Ctx, t: Term, opts: Option<Term>, iovec: bool, limit: bool) -> Term {
    let kind = Kind {
        iovec,
        with_opts: opts.is_some(),
    };
    let (o, level) = match opts {
        Some(list) => match t2b_opts(ctx, list) {
            Some(ol) => ol,
            None => return ctx.badarg(),
        },
        None => (
            Opts {
                self_pid: self_pid(ctx),
                ..Opts::default()
            },
            0,
        ),
    };
    let orig = [t, opts.unwrap_or(NIL)];
    let mut slice = encode_slice(ctx, Walk::new(t, o), NIL, level, kind, limit);
    if limit {
        return settle(ctx, slice, o, level, kind, orig, None);
    }
    // Run to completion (no budget: nothing suspends, but be total).
    loop {
        slice = match slice {
            Slice::Value(v) if v.is_non_value() => return ctx.badarg(),
            Slice::Value(v) => return v,
            Slice::Suspend(Stage::Encode(out), spill, refs) => {
                encode_slice(ctx, Walk::resume(out, o, spill), refs, level, kind, false)
            }
            Slice::Suspend(Stage::Compress(d), ..) => deflate_slice(ctx, d, level, kind, false),
        };
    }
}

fn t2b_1(ctx: &mut Ctx, args: &[Term; 1]) -> Term {
    entry(ctx, args[0], None, false, true)
}

fn t2b_2(ctx: &mut Ctx, args: &[Term; 2]) -> Term {
    entry(ctx, args[0], Some(args[1]), false, true)
}

fn t2iov_1(ctx: &mut Ctx, args: &[Term; 1]) -> Term {
    entry(ctx, args[0], None, true, true)
}

fn t2iov_2(ctx: &mut Ctx, args: &[Term; 2]) -> Term {
    entry(ctx, args[0], Some(args[1]), true, true)
}

pub(crate) fn t2b_full_1(ctx: &mut Ctx, args: &[Term; 1]) -> Term {
    entry(ctx, args[0], None, false, false)
}

pub(crate) fn t2b_full_2(ctx: &mut Ctx, args: &[Term; 2]) -> Term {
    entry(ctx, args[0], Some(args[1]), false, false)
}

fn t2iov_full_1(ctx: &mut Ctx, args: &[Term; 1]) -> Term {
    entry(ctx, args[0], None, true, false)
}

fn t2iov_full_2(ctx: &mut Ctx, args: &[Term; 2]) -> Term {
    entry(ctx, args[0], Some(args[1]), true, false)
}

/// `'$girder_trap':term_to_binary(Spill, Refs, State, Term, Opts)`.
fn t2b_trap_5(ctx: &mut Ctx, args: &[Term; 5]) -> Term {
    let [spill, refs, st, t, opts] = *args;
    let Some(cell) = resource::get_as::<T2bState>(st) else {
        return ctx.badarg();
    };
    let taken = cell.0.lock().unwrap_or_else(|e| e.into_inner()).take();
    let Some(s) = taken else {
        // Resumed twice: the state was consumed.
        return ctx.badarg();
    };
    let slice = match s.stage {
        Stage::Encode(out) => {
            let w = Walk::resume(out, s.opts, spill);
            encode_slice(ctx, w, refs, s.level, s.kind, true)
        }
        Stage::Compress(d) => deflate_slice(ctx, d, s.level, s.kind, true),
    };
    settle(ctx, slice, s.opts, s.level, s.kind, [t, opts], Some(st))
}

#[cfg(test)]
#[path = "t2b_yield_tests.rs"]
mod tests;
