//! One bounded step of `deflate_nif/4`/`inflate_nif/4`, making the same
//! zlib calls erl's `zlib_codec`/`zlib_flush_queue` make, in the same
//! order and with the same buffer sizes, so the bytes (stored blocks of
//! level 0 depend on how input and output are handed over) and the
//! `continue`/`finished` answers are erl's:
//!
//! - each queued segment in turn (at most `min(segment, input limit)`
//!   bytes of it) goes through the codec with `Z_NO_FLUSH` while the
//!   codec says `Z_OK` and less than the input limit was consumed; each
//!   step charges its share of a time slice (erl's
//!   `enif_consume_timeslice`) and an exhausted slice stops the loop;
//! - the consumed bytes leave the queue; if it is then empty and output
//!   room is left, one more call with the caller's flush mode;
//! - no progress at all with input left is `data_error`; else the answer
//!   is `{finished, Out}` when the queue is empty and the output chunk was
//!   not filled, `{need_dictionary, Adler, Out}` when inflate asks for
//!   one, `{continue, Out}` otherwise. `Out` is `[Binary]` or `[]`.

use super::stream::{self, Z_BUF_ERROR, Z_NEED_DICT, Z_NO_FLUSH, Z_OK, Z_STREAM_END};
use super::{atoms, make_c_int, zlib_return, ZState};
use crate::data::binary::build::make_binary;
use crate::data::build::{cons, make_tuple};
use crate::heap::ctx::{Ctx, CONTEXT_REDS};
use crate::term::{Term, NIL};

/// Output chunks above this are refused as erl's allocation would be
/// (`mem_error`); zlib.erl asks for 16 KB at most (16 MB through the
/// deprecated `setBufSize/2`).
const MAX_OUTPUT_CHUNK: i32 = 1 << 30;

/// erl's `enif_consume_timeslice`: charges `percent` of a slice; true
/// when the slice is used up.
fn consume_timeslice(ctx: &mut Ctx, percent: usize) -> bool {
    let percent = percent.clamp(1, 100) as i64;
    let reds = (CONTEXT_REDS + 99) / 100 * percent;
    ctx.reds = (ctx.reds - reds).max(0);
    ctx.reds == 0
}

pub(super) fn run(
    ctx: &mut Ctx,
    d: &mut ZState,
    in_chunk: i32,
    out_chunk: i32,
    flush: i32,
) -> Term {
    if !(0..=MAX_OUTPUT_CHUNK).contains(&out_chunk) {
        return zlib_return(ctx, libz_sys::Z_MEM_ERROR);
    }
    // A C int turned into size_t: a negative limit is huge.
    let limit = usize::try_from(in_chunk).unwrap_or(usize::MAX);
    let mut out = vec![0u8; out_chunk as usize];
    let mut pos = 0usize;
    let mut res = Z_OK;
    let mut consumed = 0usize;

    for seg in d.input.segments() {
        if res != Z_OK || consumed >= limit {
            break;
        }
        let block = &seg[..seg.len().min(limit)];
        let (r, used) = d.z.step(block, &mut out, &mut pos, Z_NO_FLUSH);
        res = r;
        consumed += used;
        if d.want_input_crc {
            d.input_crc = stream::crc32(d.input_crc, &block[..used]);
        }
        if consume_timeslice(ctx, 100 * used / limit) {
            break;
        }
    }

    let remaining = if d.input.deq(consumed) {
        d.input.size()
    } else {
        res = Z_BUF_ERROR;
        0
    };
    if res == Z_OK && remaining == 0 && pos < out.len() {
        // End of input: let the codec flush (a no-op when nothing is
        // pending, needed when the last call filled the output).
        res = d.z.step(&[], &mut out, &mut pos, flush).0;
    }
    let produced = pos;

    if res < 0 && res != Z_BUF_ERROR {
        return zlib_return(ctx, res);
    }
    if res == Z_STREAM_END {
        d.eos_seen = true;
    }
    if d.want_output_crc {
        d.output_crc = stream::crc32(d.output_crc, &out[..produced]);
    }
    if consumed == 0 && produced == 0 && remaining != 0 {
        // No progress on input that is there: erl gives up likewise.
        return zlib_return(ctx, super::stream::Z_DATA_ERROR);
    }
    let output = if produced > 0 {
        let b = make_binary(ctx, &out[..produced]);
        cons(ctx, b, NIL)
    } else {
        NIL
    };
    let a = atoms();
    if remaining == 0 && produced < out.len() {
        make_tuple(ctx, &[a.finished, output])
    } else if res != Z_NEED_DICT {
        make_tuple(ctx, &[a.continue_, output])
    } else {
        let adler = make_c_int(d.z.adler());
        make_tuple(ctx, &[a.need_dictionary, adler, output])
    }
}
