//! Copying terms between heaps: messages and spawn arguments.
//!
//! The copy is flat (like BEAM's `copy_struct`): every non-immediate
//! subterm is copied, and a subterm shared inside the source is copied
//! once per reference. Both the size computation and the copy are
//! iterative, so long lists and deep nesting cannot overflow the Rust
//! stack.
//!
//! Literals (module constants, persistent terms) are copied too, except by
//! the `_sharing` variants, which messages and spawn arguments use: as in
//! BEAM, those leave a subterm in the literal range in place, and the
//! receiving process is marked as holding literal pointers
//! (`Process::reads_areas`), so that a literal area is not freed before
//! its terms were copied out of it (`proc::purge`, which also copies them
//! out of queued messages). Tables, timers and the like keep flat copies:
//! nothing scans them.

use crate::gc::term_fields;
use crate::heap::process::Message;
use crate::term::{
    header_arity, Term, TAG_PRIMARY_BOXED, TAG_PRIMARY_HEADER, TAG_PRIMARY_LIST, TAG_PRIMARY_MASK,
};

/// The address range whose objects a copy leaves in place: none, or the
/// literal range. One subtraction and one comparison per pointer.
#[derive(Clone, Copy)]
pub struct Keep {
    lo: usize,
    len: usize,
}

impl Keep {
    /// Copy everything.
    pub const NONE: Keep = Keep { lo: 0, len: 0 };

    /// Leave literals in place.
    pub fn literals() -> Keep {
        let (lo, hi) = crate::term::literal::range();
        Keep {
            lo,
            len: hi.saturating_sub(lo),
        }
    }

    #[inline(always)]
    fn holds(self, w: u64) -> bool {
        (w as usize).wrapping_sub(self.lo) < self.len
    }
}

/// Words needed for a flat copy of `t` (0 for immediates).
#[inline]
pub fn size_of(t: Term) -> usize {
    size_keeping(t, Keep::NONE).0
}

/// Words needed for a copy of `t` that leaves the objects in `keep` in
/// place, and whether it leaves any.
pub fn size_keeping(t: Term, keep: Keep) -> (usize, bool) {
    let mut kept = false;
    let mut n = 0usize;
    // Pending subterms that are lists or boxed.
    let mut todo: Vec<u64> = Vec::new();
    let mut next = Some(t.raw());
    while let Some(mut w) = next.take().or_else(|| todo.pop()) {
        loop {
            if keep.holds(w) && is_pointer(w) {
                kept = true;
                break;
            }
            match w & TAG_PRIMARY_MASK {
                TAG_PRIMARY_LIST => {
                    let p = (w - TAG_PRIMARY_LIST) as *const u64;
                    // SAFETY: a list term points at a valid cons cell.
                    let (h, tl) = unsafe { (*p, *p.add(1)) };
                    n += 2;
                    if is_pointer(h) {
                        todo.push(h);
                    }
                    w = tl; // walk the spine without growing `todo`
                }
                TAG_PRIMARY_BOXED => {
                    let p = (w - TAG_PRIMARY_BOXED) as *const u64;
                    // SAFETY: a boxed term points at a valid object whose
                    // header gives its size and term fields.
                    unsafe {
                        let h = *p;
                        n += 1 + header_arity(h);
                        let (first, count) = term_fields(h);
                        for i in 0..count {
                            let e = *p.add(1 + first + i);
                            if is_pointer(e) {
                                todo.push(e);
                            }
                        }
                    }
                    break;
                }
                _ => break,
            }
        }
    }
    (n, kept)
}

#[inline]
fn is_pointer(w: u64) -> bool {
    let t = w & TAG_PRIMARY_MASK;
    t == TAG_PRIMARY_LIST || t == TAG_PRIMARY_BOXED
}

/// Copies the object `w` points at (shallowly) to `*dst`, advancing it, and
/// returns the term for the copy; immediates come back unchanged.
/// # Safety
/// `w` must be a valid term and `*dst` must have room for the object.
#[inline]
unsafe fn shallow(w: u64, dst: &mut *mut u64, keep: Keep) -> u64 {
    if keep.holds(w) {
        return w;
    }
    match w & TAG_PRIMARY_MASK {
        TAG_PRIMARY_LIST => {
            let p = (w - TAG_PRIMARY_LIST) as *const u64;
            let n = *dst;
            std::ptr::copy_nonoverlapping(p, n, 2);
            *dst = n.add(2);
            n as u64 | TAG_PRIMARY_LIST
        }
        TAG_PRIMARY_BOXED => {
            let p = (w - TAG_PRIMARY_BOXED) as *const u64;
            let size = 1 + header_arity(*p);
            let n = *dst;
            std::ptr::copy_nonoverlapping(p, n, size);
            *dst = n.add(size);
            n as u64 | TAG_PRIMARY_BOXED
        }
        _ => w,
    }
}

/// Copies `t` into the memory at `*dst`, advancing `*dst` by exactly
/// `size_of(t)` words, and returns the copy.
///
/// Works like a Cheney scan without forwarding: the root object is copied
/// shallowly, then the copied region is scanned front to back and every
/// term field (still pointing at the source) is replaced by a shallow copy
/// appended at the end. Each field is visited once, so the copy is flat.
///
/// # Safety
/// `t` must be a valid term and `*dst` must point at `size_of(t)` writable
/// words that do not overlap any part of `t`.
#[inline]
pub unsafe fn copy_term(t: Term, dst: &mut *mut u64) -> Term {
    copy_keeping(t, dst, Keep::NONE)
}

/// `copy_term`, leaving the objects in `keep` in place (`*dst` advances by
/// `size_keeping(t, keep).0` words).
/// # Safety
/// As `copy_term`.
pub unsafe fn copy_keeping(t: Term, dst: &mut *mut u64, keep: Keep) -> Term {
    if !is_pointer(t.raw()) {
        return t;
    }
    let start = *dst;
    let root = shallow(t.raw(), dst, keep);
    let mut s = start;
    while s < *dst {
        let w = *s;
        if w & TAG_PRIMARY_MASK == TAG_PRIMARY_HEADER {
            // Refc binaries are shared, not copied: the copy takes a
            // buffer reference (and a copied sub-binary is not writable).
            crate::data::binary::layout::on_copied(s, w);
            let (first, count) = term_fields(w);
            for i in 0..count {
                let f = s.add(1 + first + i);
                *f = shallow(*f, dst, keep);
            }
            s = s.add(1 + header_arity(w));
        } else {
            // A cons cell (its head is a term, never a header word).
            *s = shallow(*s, dst, keep);
            *s.add(1) = shallow(*s.add(1), dst, keep);
            s = s.add(2);
        }
    }
    Term(root)
}

/// Copies `t` into a fresh fragment of exactly `size_of(t)` words and
/// returns it as a message; immediates need no fragment.
#[inline]
pub fn copy_to_message(t: Term) -> Message {
    copy_to_message_keeping(t, Keep::NONE).0
}

/// A message sent by a process: literals stay shared (see the module
/// doc); true if it holds some, so the receiver must be marked.
#[inline]
pub fn copy_to_message_sharing(t: Term) -> (Message, bool) {
    copy_to_message_keeping(t, Keep::literals())
}

fn copy_to_message_keeping(t: Term, keep: Keep) -> (Message, bool) {
    let (size, kept) = size_keeping(t, keep);
    if size == 0 {
        return (
            Message {
                term: t,
                frag: None,
                token: crate::term::atom::am::UNDEFINED,
            },
            kept,
        );
    }
    (fill_message(t, size, keep), kept)
}

/// The message holding a copy of `t` (`size` words, at least one).
fn fill_message(t: Term, size: usize, keep: Keep) -> Message {
    // Not zeroed: the copy writes every word (one per message sent).
    let mut frag: Vec<u64> = Vec::with_capacity(size);
    let mut dst = frag.as_mut_ptr();
    // SAFETY: the fragment has room for exactly `size` words and is a
    // fresh allocation, so it cannot overlap `t`; the copy writes all
    // `size` words (checked below), so they are initialised.
    let term = unsafe { copy_keeping(t, &mut dst, keep) };
    assert_eq!(dst as usize, frag.as_ptr() as usize + size * 8);
    // SAFETY: as above, the first `size` words were written.
    unsafe { frag.set_len(size) };
    Message {
        term,
        frag: Some(frag),
        token: crate::term::atom::am::UNDEFINED,
    }
}

/// A flat copy of the queued message `m` (its term and its token, in one
/// fragment): what a message becomes when a literal area it shares is to
/// be freed (`proc::purge`). `m` itself is left as it was.
pub fn flat_message(m: &Message) -> Message {
    let (n_term, n_tok) = (size_of(m.term), size_of(m.token));
    if n_term + n_tok == 0 {
        return Message {
            term: m.term,
            frag: None,
            token: m.token,
        };
    }
    let mut frag: Vec<u64> = Vec::with_capacity(n_term + n_tok);
    let mut dst = frag.as_mut_ptr();
    // SAFETY: the fragment has room for both copies and is a fresh
    // allocation; each copy writes exactly its size (checked below).
    let (term, token) = unsafe { (copy_term(m.term, &mut dst), copy_term(m.token, &mut dst)) };
    assert_eq!(dst as usize, frag.as_ptr() as usize + (n_term + n_tok) * 8);
    // SAFETY: as above, every word was written.
    unsafe { frag.set_len(n_term + n_tok) };
    Message {
        term,
        frag: Some(frag),
        token,
    }
}

/// Frees a message nobody will receive (a copy a table kept), giving back
/// the binary references its copy took.
pub fn release_message(mut m: Message) {
    if let Some(f) = m.frag.as_mut() {
        // SAFETY: a message fragment is exactly one `copy_term` region, and
        // it is dropped right after.
        unsafe { crate::data::binary::layout::release_region(f.as_mut_ptr(), f.len()) };
    }
}

/// A copy of `t` (a message's or another heap's term) on the heap of the
/// process bound to `ctx`.
pub fn copy_into(ctx: &mut crate::heap::ctx::Ctx, t: Term) -> Term {
    let n = size_of(t);
    if n == 0 {
        return t;
    }
    let start = ctx.alloc(n);
    let mut dst = start;
    // SAFETY: `start` is `n` fresh words that cannot overlap `t`; the
    // copy's refc binaries are registered with the process.
    unsafe {
        let r = copy_term(t, &mut dst);
        crate::data::binary::layout::register_region(ctx.process(), start, n);
        r
    }
}

/// Makes message `m`, taken out of a queue of `p`, part of `p`'s heap: its
/// fragment joins the heap fragments (and its refc binaries the off-heap
/// list), so the next GC copies it if it is live and releases it if not.
#[inline]
pub fn adopt(p: &mut crate::heap::process::Process, m: Message) -> Term {
    if let Some(mut words) = m.frag {
        let used = words.len();
        // SAFETY: a message fragment holds exactly one copied term
        // (`copy_to_message`), and it now belongs to `p`.
        unsafe { crate::data::binary::layout::register_region(p, words.as_mut_ptr(), used) };
        p.msg_frag_words += used;
        p.frags.push(crate::heap::process::Fragment { words, used });
    }
    m.term
}

#[cfg(test)]
#[path = "copy_tests.rs"]
mod tests;
