//! A byte queue made of segments (erl's `ErlNifIOQueue`), shared by the
//! `zlib` stream input and `prim_buffer`, and the reading of an Erlang
//! iovec (a list of binaries, `enif_inspect_iovec`).
//!
//! The segment structure is observable (`prim_buffer:peek_head/1` returns
//! the head segment, zlib feeds its codec one segment at a time), so it
//! follows erl's: every non-empty binary of an enqueued iovec is one
//! segment, in order; nothing is merged or split.

use crate::data::binary::view;
use crate::term::Term;
use std::collections::VecDeque;

#[derive(Default)]
pub struct IoQueue {
    segs: VecDeque<Vec<u8>>,
    /// Bytes of the first segment already dequeued.
    head_off: usize,
    size: usize,
}

impl IoQueue {
    /// Bytes queued.
    pub fn size(&self) -> usize {
        self.size
    }

    /// Appends one segment (empty ones are dropped, as erl does).
    pub fn push(&mut self, seg: Vec<u8>) {
        if !seg.is_empty() {
            self.size += seg.len();
            self.segs.push_back(seg);
        }
    }

    /// The queued segments in order, the first one without its dequeued
    /// prefix.
    pub fn segments(&self) -> impl Iterator<Item = &[u8]> {
        let off = self.head_off;
        self.segs
            .iter()
            .enumerate()
            .map(move |(i, s)| if i == 0 { &s[off..] } else { &s[..] })
    }

    /// The first segment (what is left of it), if any.
    pub fn head(&self) -> Option<&[u8]> {
        self.segments().next()
    }

    /// Removes `n` bytes from the front; false (and nothing removed) if
    /// fewer are queued.
    pub fn deq(&mut self, mut n: usize) -> bool {
        if n > self.size {
            return false;
        }
        self.size -= n;
        while n > 0 {
            let Some(first) = self.segs.front() else {
                break;
            };
            let left = first.len() - self.head_off;
            if n < left {
                self.head_off += n;
                return true;
            }
            n -= left;
            self.segs.pop_front();
            self.head_off = 0;
        }
        true
    }

    /// Copies the first `out.len()` bytes into `out` without dequeuing
    /// them; false if fewer are queued.
    pub fn copy_front(&self, out: &mut [u8]) -> bool {
        if out.len() > self.size {
            return false;
        }
        let mut done = 0;
        for s in self.segments() {
            if done == out.len() {
                break;
            }
            let k = s.len().min(out.len() - done);
            out[done..done + k].copy_from_slice(&s[..k]);
            done += k;
        }
        true
    }

    /// Drops everything.
    pub fn clear(&mut self) {
        self.segs.clear();
        self.head_off = 0;
        self.size = 0;
    }
}

/// The first `max` elements of an iovec: the bytes of each binary (empty
/// ones included, as the queue drops them) and the rest of the list.
/// `None` (erl's badarg) if an examined element is not a binary or the
/// list is improper where examination stops.
pub struct IoVecSlice {
    pub bins: Vec<Vec<u8>>,
    pub size: usize,
    pub tail: Term,
}

pub fn inspect_iovec(list: Term, max: usize) -> Option<IoVecSlice> {
    let mut bins = Vec::new();
    let mut size = 0;
    let mut cur = list;
    while cur.is_list() {
        // SAFETY: `cur` is a cons cell.
        let (h, t) = unsafe { (cur.head(), cur.tail()) };
        let v = view(h)?;
        // erl looks at whole bytes first: a bitstring of fewer than 8
        // bits counts as empty; a longer one must be whole bytes.
        if v.bits >= 8 {
            let bytes = v.whole_bytes()?;
            size += bytes.len();
            bins.push(bytes.into_owned());
        } else {
            bins.push(Vec::new());
        }
        cur = t;
        if bins.len() >= max {
            break;
        }
    }
    if !cur.is_list() && !cur.is_nil() {
        return None;
    }
    Some(IoVecSlice {
        bins,
        size,
        tail: cur,
    })
}

/// The bytes of iodata `t` (a binary or an iolist; erl's
/// `enif_inspect_iolist_as_binary`), or `None` if it is not iodata.
/// Iterative: any depth or length.
pub fn iolist_bytes(t: Term) -> Option<Vec<u8>> {
    let mut out = Vec::new();
    let mut stack = vec![t];
    while let Some(mut cur) = stack.pop() {
        loop {
            if cur.is_nil() {
                break;
            }
            if let Some(v) = view(cur) {
                out.extend_from_slice(&v.whole_bytes()?);
                break;
            }
            if !cur.is_list() {
                return None;
            }
            // SAFETY: `cur` is a cons cell.
            let (h, tl) = unsafe { (cur.head(), cur.tail()) };
            if h.is_small() {
                out.push(u8::try_from(h.small_value()).ok()?);
            } else if h.is_list() || h.is_nil() || view(h).is_some() {
                stack.push(tl);
                cur = h;
                continue;
            } else {
                return None;
            }
            cur = tl;
        }
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn q(parts: &[&[u8]]) -> IoQueue {
        let mut q = IoQueue::default();
        for p in parts {
            q.push(p.to_vec());
        }
        q
    }

    #[test]
    fn segments_and_deq() {
        let mut q = q(&[b"abc", b"", b"defg"]);
        assert_eq!(q.size(), 7);
        assert_eq!(q.segments().count(), 2);
        assert!(q.deq(2));
        assert_eq!(q.head(), Some(&b"c"[..]));
        let mut out = [0u8; 3];
        assert!(q.copy_front(&mut out));
        assert_eq!(&out, b"cde");
        assert!(q.deq(1));
        assert_eq!(q.head(), Some(&b"defg"[..]));
        assert!(!q.deq(5));
        assert_eq!(q.size(), 4);
        assert!(q.deq(4));
        assert_eq!(q.head(), None);
        assert!(q.deq(0));
        assert!(!q.copy_front(&mut [0u8; 1]));
    }
}
