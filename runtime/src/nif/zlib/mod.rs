//! The `zlib` NIF of OTP 25 (erts' zlib_nif.c): the functions
//! `zlib.erl` calls as `*_nif`, over the system zlib. A stream is a
//! resource behind a magic reference; only its controlling process (the
//! opener, or whoever `set_controller_nif/2` names) may use it, and it is
//! freed when the last reference to it goes away. zlib.erl drives long
//! work in bounded chunks: each `deflate_nif/4`/`inflate_nif/4` call takes
//! at most about one input chunk and fills at most one output chunk, then
//! answers `{continue, Out}` or `{finished, Out}` (`codec.rs`), and the
//! Erlang loop around it gives the scheduler its chance to switch.
//!
//! Errors are erl's: a bad argument is `badarg`; the wrong process
//! `not_on_controlling_process`; a stream in the wrong state
//! `not_initialized`/`already_initialized`; zlib's failures raise
//! `stream_error`/`data_error` or return `buf_error`, `mem_error`, ... as
//! atoms, as `zlib_return` in erl does.

mod codec;
pub mod stream;

use crate::data::binary::build::make_binary;
use crate::data::build::make_tuple;
use crate::data::resource::{self, Resource};
use crate::heap::ctx::Ctx;
use crate::nif::ioq::{inspect_iovec, iolist_bytes, IoQueue};
use crate::nif::owned::OwnedTerm;
use crate::term::atom::{self, am};
use crate::term::Term;
use std::sync::{Arc, Mutex, MutexGuard, OnceLock};
use stream::{ZStream, Z_BUF_ERROR, Z_DATA_ERROR, Z_OK, Z_STREAM_END, Z_STREAM_ERROR};

/// The stream's state as erl names it.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum St {
    None,
    Deflate,
    Inflate,
    Closed,
}

/// What `inflate_nif` does with input after the end of the stream
/// (`inflateInit/3`'s `error` 0, `reset` 1, `cut` 2).
const EOS_ERROR: i32 = 0;
const EOS_RESET: i32 = 1;
const EOS_CUT: i32 = 2;

struct ZState {
    z: ZStream,
    st: St,
    eos_behavior: i32,
    eos_seen: bool,
    /// Checksums of the plain data, kept for raw streams only
    /// (`zlib:crc32/1`, deprecated).
    input_crc: u64,
    output_crc: u64,
    want_input_crc: bool,
    want_output_crc: bool,
    is_raw: bool,
    /// `inflateChunk`'s output size (deprecated `getBufSize/setBufSize`).
    buf_size: i32,
    /// The controlling process's pid (raw term word).
    controller: u64,
    input: IoQueue,
    /// One term kept across calls (zlib.erl's progress stash).
    stash: Option<OwnedTerm>,
}

impl ZState {
    /// erl's `zlib_reset_input`: drops queued input and the stash.
    fn reset_input(&mut self) {
        self.input.clear();
        self.stash = None;
    }
}

/// The object behind a zlib stream reference.
pub struct ZlibHandle {
    inner: Mutex<ZState>,
}

struct Atoms {
    continue_: Term,
    finished: Term,
    need_dictionary: Term,
    not_on_controlling_process: Term,
    not_initialized: Term,
    already_initialized: Term,
    empty: Term,
    stream_end: Term,
    stream_error: Term,
    data_error: Term,
    mem_error: Term,
    buf_error: Term,
    version_error: Term,
    unknown_error: Term,
}

fn atoms() -> &'static Atoms {
    static A: OnceLock<Atoms> = OnceLock::new();
    A.get_or_init(|| Atoms {
        continue_: atom::intern("continue"),
        finished: atom::intern("finished"),
        need_dictionary: atom::intern("need_dictionary"),
        not_on_controlling_process: atom::intern("not_on_controlling_process"),
        not_initialized: atom::intern("not_initialized"),
        already_initialized: atom::intern("already_initialized"),
        empty: atom::intern("empty"),
        stream_end: atom::intern("stream_end"),
        stream_error: atom::intern("stream_error"),
        data_error: atom::intern("data_error"),
        mem_error: atom::intern("mem_error"),
        buf_error: atom::intern("buf_error"),
        version_error: atom::intern("version_error"),
        unknown_error: atom::intern("unknown_error"),
    })
}

/// erl's `zlib_return`: a zlib code as the NIF's answer (an atom, or an
/// exception for stream and data errors).
fn zlib_return(ctx: &mut Ctx, code: i32) -> Term {
    let a = atoms();
    match code {
        Z_OK => am::OK,
        Z_STREAM_END => a.stream_end,
        Z_STREAM_ERROR => ctx.error(a.stream_error),
        Z_DATA_ERROR => ctx.error(a.data_error),
        Z_BUF_ERROR => a.buf_error,
        libz_sys::Z_MEM_ERROR => a.mem_error,
        libz_sys::Z_VERSION_ERROR => a.version_error,
        _ => a.unknown_error,
    }
}

/// A C `int` argument (`enif_get_int`).
fn get_int(t: Term) -> Option<i32> {
    if t.is_small() {
        i32::try_from(t.small_value()).ok()
    } else {
        None
    }
}

/// `enif_make_int` of a zlib checksum: C's conversion to `int` wraps.
fn make_c_int(v: u64) -> Term {
    Term::small(v as u32 as i32 as i64)
}

fn self_pid(ctx: &mut Ctx) -> Term {
    // SAFETY: a process is scheduled while NIFs run.
    unsafe { ctx.process().pid }
}

/// The stream behind `z` when the caller controls it: `Err` holds the
/// exception already raised (`badarg` or `not_on_controlling_process`).
fn stream<'a>(ctx: &mut Ctx, z: Term) -> Result<MutexGuard<'a, ZState>, Term> {
    let Some(h) = resource::get_as::<ZlibHandle>(z) else {
        return Err(ctx.badarg());
    };
    let g = h.inner.lock().unwrap_or_else(|e| e.into_inner());
    if g.controller != self_pid(ctx).raw() {
        drop(g);
        return Err(ctx.error(atoms().not_on_controlling_process));
    }
    Ok(g)
}

/// As `stream`, also requiring state `want` (else `not_initialized`).
fn stream_in<'a>(ctx: &mut Ctx, z: Term, want: St) -> Result<MutexGuard<'a, ZState>, Term> {
    let g = stream(ctx, z)?;
    if g.st != want {
        drop(g);
        return Err(ctx.error(atoms().not_initialized));
    }
    Ok(g)
}

macro_rules! try_stream {
    ($e:expr) => {
        match $e {
            Ok(g) => g,
            Err(t) => return t,
        }
    };
}

pub fn open_nif(ctx: &mut Ctx, _args: &[Term; 0]) -> Term {
    let st = ZState {
        z: ZStream::new(),
        st: St::None,
        eos_behavior: EOS_CUT,
        eos_seen: false,
        input_crc: 0,
        output_crc: 0,
        want_input_crc: false,
        want_output_crc: false,
        is_raw: false,
        buf_size: 4000,
        controller: self_pid(ctx).raw(),
        input: IoQueue::default(),
        stash: None,
    };
    let h = ZlibHandle {
        inner: Mutex::new(st),
    };
    resource::make(ctx, Arc::new(Resource { value: Box::new(h) }))
}

pub fn close_nif(ctx: &mut Ctx, args: &[Term; 1]) -> Term {
    let mut d = try_stream!(stream(ctx, args[0]));
    if d.st == St::Closed {
        drop(d);
        return ctx.error(atoms().not_initialized);
    }
    d.z.end();
    d.stash = None;
    d.st = St::Closed;
    am::OK
}

pub fn set_controller_nif(ctx: &mut Ctx, args: &[Term; 2]) -> Term {
    if !args[1].is_pid() {
        return ctx.badarg();
    }
    let mut d = try_stream!(stream(ctx, args[0]));
    d.controller = args[1].raw();
    am::OK
}

pub fn deflate_init_nif(ctx: &mut Ctx, args: &[Term; 6]) -> Term {
    let p: Option<Vec<i32>> = args[1..].iter().map(|&t| get_int(t)).collect();
    let Some(p) = p else {
        return ctx.badarg();
    };
    let (level, method, wbits, mem, strategy) = (p[0], p[1], p[2], p[3], p[4]);
    let mut d = try_stream!(stream(ctx, args[0]));
    if d.st != St::None {
        drop(d);
        return ctx.error(atoms().already_initialized);
    }
    let res = d.z.deflate_init(level, method, wbits, mem, strategy);
    if res == Z_OK {
        d.st = St::Deflate;
        d.eos_seen = false;
        d.is_raw = wbits < 0;
        d.want_output_crc = false;
        d.want_input_crc = d.is_raw;
        d.output_crc = 0;
        d.input_crc = 0;
    }
    drop(d);
    zlib_return(ctx, res)
}

pub fn deflate_set_dictionary_nif(ctx: &mut Ctx, args: &[Term; 2]) -> Term {
    let Some(dict) = iolist_bytes(args[1]) else {
        return ctx.badarg();
    };
    let mut d = try_stream!(stream_in(ctx, args[0], St::Deflate));
    let res = d.z.set_dictionary(&dict);
    if res == Z_OK {
        // zlib does not keep a checksum for raw streams: erl computes it
        // (from 0, not adler32's usual 1).
        let sum = if d.is_raw {
            stream::adler32(0, &dict)
        } else {
            d.z.adler()
        };
        return make_c_int(sum);
    }
    drop(d);
    zlib_return(ctx, res)
}

pub fn deflate_reset_nif(ctx: &mut Ctx, args: &[Term; 1]) -> Term {
    let mut d = try_stream!(stream_in(ctx, args[0], St::Deflate));
    let res = d.z.reset();
    d.input_crc = 0;
    d.eos_seen = false;
    d.reset_input();
    drop(d);
    zlib_return(ctx, res)
}

pub fn deflate_end_nif(ctx: &mut Ctx, args: &[Term; 1]) -> Term {
    let mut d = try_stream!(stream_in(ctx, args[0], St::Deflate));
    let mut res = d.z.end();
    if res == Z_OK && d.input.size() > 0 {
        res = Z_DATA_ERROR;
    }
    d.reset_input();
    d.st = St::None;
    drop(d);
    zlib_return(ctx, res)
}

pub fn deflate_params_nif(ctx: &mut Ctx, args: &[Term; 3]) -> Term {
    let (Some(level), Some(strategy)) = (get_int(args[1]), get_int(args[2])) else {
        return ctx.badarg();
    };
    let mut d = try_stream!(stream_in(ctx, args[0], St::Deflate));
    let (res, used_output) = d.z.params(level, strategy);
    drop(d);
    // zlib.erl flushed the stream first, so deflateParams has nothing to
    // write; output means that assumption broke.
    zlib_return(ctx, if used_output { Z_STREAM_ERROR } else { res })
}

/// The three int arguments of `deflate_nif/4` and `inflate_nif/4`.
fn codec_args(args: &[Term; 4]) -> Option<(i32, i32, i32)> {
    Some((get_int(args[1])?, get_int(args[2])?, get_int(args[3])?))
}

pub fn deflate_nif(ctx: &mut Ctx, args: &[Term; 4]) -> Term {
    let Some((ichunk, ochunk, flush)) = codec_args(args) else {
        return ctx.badarg();
    };
    let mut d = try_stream!(stream_in(ctx, args[0], St::Deflate));
    codec::run(ctx, &mut d, ichunk, ochunk, flush)
}

pub fn inflate_init_nif(ctx: &mut Ctx, args: &[Term; 3]) -> Term {
    let (Some(wbits), Some(eos)) = (get_int(args[1]), get_int(args[2])) else {
        return ctx.badarg();
    };
    let mut d = try_stream!(stream(ctx, args[0]));
    if d.st != St::None {
        drop(d);
        return ctx.error(atoms().already_initialized);
    }
    let res = d.z.inflate_init(wbits);
    if res == Z_OK {
        d.st = St::Inflate;
        d.eos_behavior = eos;
        d.eos_seen = false;
        d.is_raw = wbits < 0;
        d.want_output_crc = d.is_raw;
        d.want_input_crc = false;
        d.output_crc = 0;
        d.input_crc = 0;
    }
    drop(d);
    zlib_return(ctx, res)
}

pub fn inflate_set_dictionary_nif(ctx: &mut Ctx, args: &[Term; 2]) -> Term {
    let Some(dict) = iolist_bytes(args[1]) else {
        return ctx.badarg();
    };
    let mut d = try_stream!(stream_in(ctx, args[0], St::Inflate));
    let res = d.z.set_dictionary(&dict);
    drop(d);
    zlib_return(ctx, res)
}

pub fn inflate_get_dictionary_nif(ctx: &mut Ctx, args: &[Term; 1]) -> Term {
    let mut d = try_stream!(stream_in(ctx, args[0], St::Inflate));
    let r = d.z.get_dictionary();
    drop(d);
    match r {
        Ok(bytes) => make_binary(ctx, &bytes),
        Err(code) => zlib_return(ctx, code),
    }
}

pub fn inflate_reset_nif(ctx: &mut Ctx, args: &[Term; 1]) -> Term {
    let mut d = try_stream!(stream_in(ctx, args[0], St::Inflate));
    let res = d.z.reset();
    d.output_crc = 0;
    d.eos_seen = false;
    d.reset_input();
    drop(d);
    zlib_return(ctx, res)
}

pub fn inflate_end_nif(ctx: &mut Ctx, args: &[Term; 1]) -> Term {
    let mut d = try_stream!(stream_in(ctx, args[0], St::Inflate));
    let mut res = d.z.end();
    if res == Z_OK && (!d.eos_seen || d.input.size() > 0) {
        res = Z_DATA_ERROR;
    }
    d.reset_input();
    d.st = St::None;
    drop(d);
    zlib_return(ctx, res)
}

pub fn inflate_nif(ctx: &mut Ctx, args: &[Term; 4]) -> Term {
    let Some((ichunk, ochunk, flush)) = codec_args(args) else {
        return ctx.badarg();
    };
    let mut d = try_stream!(stream_in(ctx, args[0], St::Inflate));
    if d.eos_seen && d.input.size() > 0 {
        match d.eos_behavior {
            EOS_ERROR => {
                drop(d);
                return zlib_return(ctx, Z_DATA_ERROR);
            }
            EOS_RESET => {
                let res = d.z.reset();
                if res != Z_OK {
                    drop(d);
                    return zlib_return(ctx, res);
                }
                d.eos_seen = false;
            }
            EOS_CUT => d.reset_input(),
            _ => {}
        }
    }
    codec::run(ctx, &mut d, ichunk, ochunk, flush)
}

pub fn crc32_nif(ctx: &mut Ctx, args: &[Term; 1]) -> Term {
    let d = try_stream!(stream(ctx, args[0]));
    let crc = match d.st {
        St::Deflate => d.input_crc,
        St::Inflate => d.output_crc,
        _ => {
            drop(d);
            return ctx.error(atoms().not_initialized);
        }
    };
    Term::small((crc & 0xffff_ffff) as i64)
}

pub fn get_stash_nif(ctx: &mut Ctx, args: &[Term; 1]) -> Term {
    let d = try_stream!(stream(ctx, args[0]));
    match &d.stash {
        None => atoms().empty,
        Some(s) => {
            let t = s.to_heap(ctx);
            make_tuple(ctx, &[am::OK, t])
        }
    }
}

pub fn clear_stash_nif(ctx: &mut Ctx, args: &[Term; 1]) -> Term {
    let mut d = try_stream!(stream(ctx, args[0]));
    if d.stash.take().is_none() {
        drop(d);
        return ctx.error(am::ERROR);
    }
    am::OK
}

pub fn set_stash_nif(ctx: &mut Ctx, args: &[Term; 2]) -> Term {
    let mut d = try_stream!(stream(ctx, args[0]));
    if d.stash.is_some() {
        drop(d);
        return ctx.error(am::ERROR);
    }
    d.stash = Some(OwnedTerm::new(args[1]));
    am::OK
}

pub fn get_buf_size_nif(ctx: &mut Ctx, args: &[Term; 1]) -> Term {
    let d = try_stream!(stream(ctx, args[0]));
    Term::small(d.buf_size as i64)
}

pub fn set_buf_size_nif(ctx: &mut Ctx, args: &[Term; 2]) -> Term {
    let mut d = try_stream!(stream(ctx, args[0]));
    let Some(n) = get_int(args[1]) else {
        drop(d);
        return ctx.badarg();
    };
    d.buf_size = n;
    am::OK
}

/// Queues at most 256 binaries of an iovec as input; answers
/// `{continue, Rest}` when more are left (zlib.erl calls again).
pub fn enqueue_nif(ctx: &mut Ctx, args: &[Term; 2]) -> Term {
    let mut d = try_stream!(stream(ctx, args[0]));
    if d.st != St::Deflate && d.st != St::Inflate {
        drop(d);
        return ctx.error(atoms().not_initialized);
    }
    let Some(slice) = inspect_iovec(args[1], 256) else {
        drop(d);
        return ctx.badarg();
    };
    for b in slice.bins {
        d.input.push(b);
    }
    drop(d);
    if !slice.tail.is_nil() {
        return make_tuple(ctx, &[atoms().continue_, slice.tail]);
    }
    am::OK
}

#[cfg(test)]
mod tests;
