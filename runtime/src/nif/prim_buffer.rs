//! The `prim_buffer` NIF of OTP 25 (erts' prim_buffer_nif.c): a mutable
//! byte queue behind a magic reference, which `prim_file`'s read-ahead
//! and `file` I/O servers use. Any process holding the reference may use
//! it (erl does no owner check either).
//!
//! Small writes are gathered as erl gathers them, because the segment
//! structure shows in `peek_head/1` (and so in `prim_buffer:read_iovec/2`):
//! a write whose bytes, added to the pending accumulator, stay under
//! 2048 bytes is copied into it; one that would reach 2048 flushes the
//! accumulator first and starts a new one, unless it is itself 1024 bytes
//! or more, in which case the accumulator is queued and each of its
//! binaries becomes a segment of its own. Every read-side call queues the
//! accumulator first.

use crate::data::binary::build::make_binary;
use crate::data::build::make_tuple;
use crate::data::resource::{self, Resource};
use crate::heap::ctx::Ctx;
use crate::nif::ioq::{inspect_iovec, IoQueue};
use crate::term::atom::{self, am};
use crate::term::Term;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, MutexGuard};

const ACCUMULATOR_SIZE: usize = 2 << 10;
/// Binaries examined per write step (erl then reschedules the NIF with
/// the rest of the list; girder goes on in the same call).
const WRITE_STEP: usize = 64;

#[derive(Default)]
struct Buf {
    queue: IoQueue,
    /// Small writes not yet queued (`None`: no accumulator allocated).
    acc: Option<Vec<u8>>,
}

impl Buf {
    /// erl's `enqueue_write_accumulator`: queues pending small writes.
    fn flush_acc(&mut self) {
        if self.acc.as_ref().is_some_and(|a| !a.is_empty()) {
            if let Some(a) = self.acc.take() {
                self.queue.push(a);
            }
        }
    }

    /// erl's `combine_small_writes`: false when the write is too large
    /// to combine.
    fn combine(&mut self, bins: &[Vec<u8>], size: usize) -> bool {
        let pending = self.acc.as_ref().map_or(0, Vec::len);
        if pending + size >= ACCUMULATOR_SIZE {
            if size >= ACCUMULATOR_SIZE / 2 {
                return false;
            }
            self.flush_acc();
        }
        let acc = self
            .acc
            .get_or_insert_with(|| Vec::with_capacity(ACCUMULATOR_SIZE));
        for b in bins {
            acc.extend_from_slice(b);
        }
        true
    }

    fn size(&self) -> usize {
        self.queue.size() + self.acc.as_ref().map_or(0, Vec::len)
    }
}

/// The object behind a `prim_buffer` reference.
pub struct PrimBuffer {
    buf: Mutex<Buf>,
    /// `try_lock/1`'s flag.
    locked: AtomicBool,
}

fn buffer<'a>(t: Term) -> Option<MutexGuard<'a, Buf>> {
    let b = resource::get_as::<PrimBuffer>(t)?;
    Some(b.buf.lock().unwrap_or_else(|e| e.into_inner()))
}

/// `enif_get_uint64`: a non-negative integer below 2^64 (a bignum in that
/// range is larger than any buffer, so `u64::MAX` stands for it).
fn get_u64(t: Term) -> Option<u64> {
    if t.is_small() {
        return u64::try_from(t.small_value()).ok();
    }
    let v = crate::data::big::to_i128(t)?;
    if (0..=u64::MAX as i128).contains(&v) {
        Some(v as u64)
    } else {
        None
    }
}

pub fn new(ctx: &mut Ctx, _args: &[Term; 0]) -> Term {
    let b = PrimBuffer {
        buf: Mutex::new(Buf::default()),
        locked: AtomicBool::new(false),
    };
    resource::make(ctx, Arc::new(Resource { value: Box::new(b) }))
}

pub fn size(ctx: &mut Ctx, args: &[Term; 1]) -> Term {
    let Some(b) = buffer(args[0]) else {
        return ctx.badarg();
    };
    let n = b.size();
    Term::small(n as i64)
}

pub fn copying_read(ctx: &mut Ctx, args: &[Term; 2]) -> Term {
    let (Some(mut b), Some(n)) = (buffer(args[0]), get_u64(args[1])) else {
        return ctx.badarg();
    };
    b.flush_acc();
    if (b.queue.size() as u64) < n {
        drop(b);
        return ctx.badarg();
    }
    let mut out = vec![0u8; n as usize];
    b.queue.copy_front(&mut out);
    b.queue.deq(out.len());
    drop(b);
    make_binary(ctx, &out)
}

pub fn write(ctx: &mut Ctx, args: &[Term; 2]) -> Term {
    let Some(mut b) = buffer(args[0]) else {
        return ctx.badarg();
    };
    let mut rest = args[1];
    loop {
        let Some(slice) = inspect_iovec(rest, WRITE_STEP) else {
            drop(b);
            return ctx.badarg();
        };
        if !b.combine(&slice.bins, slice.size) {
            b.flush_acc();
            for bin in slice.bins {
                b.queue.push(bin);
            }
        }
        if slice.tail.is_nil() {
            return am::OK;
        }
        rest = slice.tail;
    }
}

pub fn peek_head(ctx: &mut Ctx, args: &[Term; 1]) -> Term {
    let Some(mut b) = buffer(args[0]) else {
        return ctx.badarg();
    };
    b.flush_acc();
    let Some(head) = b.queue.head() else {
        drop(b);
        return ctx.badarg();
    };
    let head = head.to_vec();
    drop(b);
    make_binary(ctx, &head)
}

pub fn skip(ctx: &mut Ctx, args: &[Term; 2]) -> Term {
    let (Some(mut b), Some(n)) = (buffer(args[0]), get_u64(args[1])) else {
        return ctx.badarg();
    };
    b.flush_acc();
    if (b.queue.size() as u64) < n {
        drop(b);
        return ctx.badarg();
    }
    b.queue.deq(n as usize);
    am::OK
}

pub fn find_byte_index(ctx: &mut Ctx, args: &[Term; 2]) -> Term {
    let needle = args[1];
    let Some(mut b) = buffer(args[0]) else {
        return ctx.badarg();
    };
    if !needle.is_small() || i32::try_from(needle.small_value()).is_err() {
        drop(b);
        return ctx.badarg();
    }
    b.flush_acc();
    let Ok(needle) = u8::try_from(needle.small_value()) else {
        drop(b);
        return ctx.badarg();
    };
    // erl charges up to a time slice for a search over up to 1 MB (and
    // moves longer ones to a dirty scheduler).
    let size = b.queue.size();
    if size > (1 << 20) / 100 {
        let pct = (size * 100 / (1 << 20)).clamp(1, 100) as i64;
        ctx.reds = (ctx.reds - pct * 40).max(0);
    }
    let mut offset = 0usize;
    let mut found = None;
    for seg in b.queue.segments() {
        if let Some(i) = seg.iter().position(|&c| c == needle) {
            found = Some(offset + i);
            break;
        }
        offset += seg.len();
    }
    drop(b);
    match found {
        Some(i) => make_tuple(ctx, &[am::OK, Term::small(i as i64)]),
        None => atom::intern("not_found"),
    }
}

pub fn try_lock(ctx: &mut Ctx, args: &[Term; 1]) -> Term {
    let Some(b) = resource::get_as::<PrimBuffer>(args[0]) else {
        return ctx.badarg();
    };
    match b
        .locked
        .compare_exchange(false, true, Ordering::Acquire, Ordering::Relaxed)
    {
        Ok(_) => atom::intern("acquired"),
        Err(_) => atom::intern("busy"),
    }
}

pub fn unlock(ctx: &mut Ctx, args: &[Term; 1]) -> Term {
    let Some(b) = resource::get_as::<PrimBuffer>(args[0]) else {
        return ctx.badarg();
    };
    match b
        .locked
        .compare_exchange(true, false, Ordering::Release, Ordering::Relaxed)
    {
        Ok(_) => am::OK,
        Err(_) => ctx.error(atom::intern("lock_order_violation")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::data::binary::view;
    use crate::data::build::list_from_slice;
    use crate::testutil::TestProc;

    fn write_bins(ctx: &mut Ctx, buf: Term, parts: &[&[u8]]) {
        let bins: Vec<Term> = parts.iter().map(|p| make_binary(ctx, p)).collect();
        let l = list_from_slice(ctx, &bins);
        assert_eq!(write(ctx, &[buf, l]), am::OK);
    }

    fn bytes(t: Term) -> Vec<u8> {
        view(t).expect("a binary").to_vec()
    }

    #[test]
    fn small_writes_gather_big_ones_stay_apart() {
        let mut tp = TestProc::new();
        let ctx = tp.ctx();
        let buf = new(ctx, &[]);
        write_bins(ctx, buf, &[b"ab", b"cd"]);
        write_bins(ctx, buf, &[b"e"]);
        assert_eq!(size(ctx, &[buf]), Term::small(5));
        assert_eq!(bytes(peek_head(ctx, &[buf])), b"abcde");
        let big = vec![7u8; 2100];
        write_bins(ctx, buf, &[b"x", &big]);
        // Too big to gather: two segments of its own.
        assert_eq!(size(ctx, &[buf]), Term::small(2106));
        assert_eq!(skip(ctx, &[buf, Term::small(5)]), am::OK);
        assert_eq!(bytes(peek_head(ctx, &[buf])), b"x");
        let found = find_byte_index(ctx, &[buf, Term::small(7)]);
        let want = make_tuple(ctx, &[am::OK, Term::small(1)]);
        assert!(crate::data::compare::eq_exact(found, want));
        assert_eq!(
            bytes(copying_read(ctx, &[buf, Term::small(3)])),
            [b'x', 7, 7]
        );
        assert!(copying_read(ctx, &[buf, Term::small(5000)]).is_non_value());
        assert!(skip(ctx, &[buf, Term::small(-1)]).is_non_value());
        assert!(find_byte_index(ctx, &[buf, Term::small(256)]).is_non_value());
        assert_eq!(
            find_byte_index(ctx, &[buf, Term::small(1)]),
            atom::intern("not_found")
        );
    }

    #[test]
    fn lock_and_errors() {
        let mut tp = TestProc::new();
        let ctx = tp.ctx();
        let buf = new(ctx, &[]);
        assert_eq!(try_lock(ctx, &[buf]), atom::intern("acquired"));
        assert_eq!(try_lock(ctx, &[buf]), atom::intern("busy"));
        assert_eq!(unlock(ctx, &[buf]), am::OK);
        assert!(unlock(ctx, &[buf]).is_non_value());
        assert_eq!(ctx.exc_reason, atom::intern("lock_order_violation"));
        assert!(peek_head(ctx, &[buf]).is_non_value());
        assert!(size(ctx, &[Term::small(1)]).is_non_value());
        let bad = list_from_slice(ctx, &[Term::small(1)]);
        assert!(write(ctx, &[buf, bad]).is_non_value());
    }
}
