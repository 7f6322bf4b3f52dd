//! The hash BEAM uses to place keys in a hash-array-mapped trie
//! (`make_internal_hash(Key, 0)` of OTP 25, `utils.c`): Bob Jenkins' 96-bit
//! mix over 32-bit pieces of the term, with a constant per term kind.
//!
//! Immediates are hashed by their raw word, so small integers, `[]` and
//! local pids hash exactly as in BEAM (same tagging); atoms hash by their
//! atom-table index, which differs between VMs, so the trie shape of a big
//! map with atom keys is not BEAM's. Compound terms are hashed
//! structurally: tuples, lists (bytes four at a time), bignums, floats,
//! binaries and maps as BEAM does.
//!
//! `nibble(key, lvl)` is the 4-bit slot of `key` at trie level `lvl`: levels
//! 0..7 use the key's hash, levels 8..15 the hash of `[1 | Key]`, 16..23 of
//! `[2 | Key]` and so on (BEAM's `hashmap_restore_hash`).

use super::layout::{self, Kind};
use crate::data::hash::hconst::*;
use crate::term::*;

/// Start value (BEAM's INTERNAL_HASH_SALT; the map hash uses salt 0).
const INTERNAL_HASH_SALT: u32 = 3_432_918_353;

/// Jenkins' mix of three 32-bit words; `c` carries the hash.
#[inline]
fn mix(mut a: u32, mut b: u32, mut c: u32) -> u32 {
    crate::data::hash::hash2::mix(&mut a, &mut b, &mut c);
    c
}

/// BEAM's UINT32_HASH_2.
#[inline]
fn h2(hash: u32, x: u32, y: u32, k: u32) -> u32 {
    mix(k.wrapping_add(x), k.wrapping_add(y), hash)
}

/// BEAM's CONST_HASH: light mixing of a type constant.
#[inline]
fn const_hash(hash: u32, k: u32) -> u32 {
    (hash ^ k).rotate_left(17)
}

#[inline]
fn hash_word(hash: u32, w: u64, k: u32) -> u32 {
    h2(hash, w as u32, (w >> 32) as u32, k)
}

/// Pending work of the hash walk.
enum Item {
    Term(Term),
    /// The end of a list whose tail is not a list (BEAM's HASH_CDR).
    Cdr,
}

/// `make_internal_hash(t, 0)`. Iterative: deep and long terms are fine.
pub fn internal_hash(t: Term) -> u32 {
    let hash = INTERNAL_HASH_SALT;
    if !matches!(t.primary_tag(), TAG_PRIMARY_LIST | TAG_PRIMARY_BOXED) {
        // An immediate: one word, no stack (every lookup in a big map
        // with integer or atom keys).
        return hash_word(hash, t.raw(), HCONST);
    }
    // The work stack is reused between calls: a tuple key would otherwise
    // cost an allocation per map lookup.
    let mut stack = STACK.take();
    stack.clear();
    let hash_of = internal_hash_with(t, hash, &mut stack);
    // A stack grown by a huge term is not kept.
    if stack.capacity() <= 1024 {
        STACK.set(stack);
    }
    hash_of
}

thread_local! {
    static STACK: std::cell::Cell<Vec<Item>> = const { std::cell::Cell::new(Vec::new()) };
}

/// `internal_hash` of a compound term with `stack` (empty) for the
/// subterms still to hash.
fn internal_hash_with(t: Term, mut hash: u32, stack: &mut Vec<Item>) -> u32 {
    let mut term = t;
    loop {
        // Hash `term`; `Some(next)` continues with a subterm directly.
        let next = match term.primary_tag() {
            TAG_PRIMARY_LIST => hash_list(&mut hash, term, stack),
            TAG_PRIMARY_BOXED => hash_boxed(&mut hash, term, stack),
            _ => {
                hash = hash_word(hash, term.raw(), HCONST);
                None
            }
        };
        if let Some(n) = next {
            term = n;
            continue;
        }
        // pop_next
        loop {
            match stack.pop() {
                None => return hash,
                Some(Item::Cdr) => hash = const_hash(hash, HCONST_18),
                Some(Item::Term(t)) => {
                    term = t;
                    break;
                }
            }
        }
    }
}

#[inline]
fn is_byte(t: Term) -> bool {
    t.is_small() && (0..=255).contains(&t.small_value())
}

/// A list: leading byte elements four at a time, then the first non-byte
/// head with its tail deferred.
fn hash_list(hash: &mut u32, mut term: Term, stack: &mut Vec<Item>) -> Option<Term> {
    let (mut c, mut sh) = (0u32, 0u32);
    // SAFETY: `term` is a list term; each tail followed is checked.
    unsafe {
        while term.is_list() && is_byte(term.head()) {
            sh = (sh << 8).wrapping_add(term.head().small_value() as u32);
            if c == 3 {
                *hash = h2(*hash, sh, 0, HCONST_4);
                c = 0;
                sh = 0;
            } else {
                c += 1;
            }
            term = term.tail();
        }
        if c > 0 {
            *hash = h2(*hash, sh, c, HCONST_22);
        }
        if term.is_list() {
            let tl = term.tail();
            *hash = const_hash(*hash, HCONST_17);
            stack.push(Item::Term(tl));
            if !tl.is_list() {
                stack.push(Item::Cdr);
            }
            return Some(term.head());
        }
    }
    // The tail that ended the byte run (`[]` or an improper tail).
    Some(term)
}

fn hash_boxed(hash: &mut u32, term: Term, stack: &mut Vec<Item>) -> Option<Term> {
    let p = term.boxed_ptr();
    // SAFETY: a boxed term points at a valid header and its payload.
    unsafe {
        let hdr = *p;
        let arity = header_arity(hdr);
        match header_subtag(hdr) {
            HDR_TUPLE => {
                *hash = h2(*hash, arity as u32, 0, HCONST_9);
                if arity == 0 {
                    return None;
                }
                for i in (1..arity).rev() {
                    stack.push(Item::Term(Term(*p.add(1 + i))));
                }
                Some(Term(*p.add(1)))
            }
            HDR_MAP => {
                let info = *p.add(1);
                match layout::kind(info) {
                    Kind::Flat => {
                        let n = layout::size(info);
                        *hash = h2(*hash, n as u32, 0, HCONST_16);
                        let ks = layout::flat_keys(term);
                        let vs = layout::flat_values(term);
                        for i in (0..n).rev() {
                            stack.push(Item::Term(vs[i]));
                            stack.push(Item::Term(ks[i]));
                        }
                    }
                    k => {
                        if k != Kind::Node {
                            let n = layout::size(info);
                            *hash = h2(*hash, n as u32, 0, HCONST_16);
                            if n == 0 {
                                return None;
                            }
                        }
                        for &c in layout::children(term) {
                            if c.is_list() {
                                stack.push(Item::Term(c.tail()));
                                stack.push(Item::Term(c.head()));
                            } else {
                                stack.push(Item::Term(c));
                            }
                        }
                    }
                }
                None
            }
            HDR_POS_BIG | HDR_NEG_BIG => {
                let con = if header_subtag(hdr) == HDR_NEG_BIG {
                    HCONST_10
                } else {
                    HCONST_11
                };
                for i in 0..arity {
                    *hash = hash_word(*hash, *p.add(1 + i), con);
                }
                None
            }
            HDR_FLOAT => {
                let mut f = f64::from_bits(*p.add(1));
                if f == 0.0 {
                    f = 0.0; // -0.0 hashes as +0.0
                }
                *hash = hash_word(*hash, f.to_bits(), HCONST_12);
                None
            }
            HDR_FUN => {
                let fe = &*(*p.add(1) as *const crate::code::module::FunEntry);
                let nfree = arity - 1;
                *hash = h2(*hash, nfree as u32, fe.module.raw() as u32, HCONST_20);
                *hash = h2(*hash, fe.index, fe.old_uniq, HCONST_21);
                if nfree == 0 {
                    return None;
                }
                for i in (1..nfree).rev() {
                    stack.push(Item::Term(Term(*p.add(2 + i))));
                }
                Some(Term(*p.add(2)))
            }
            HDR_EXPORT => {
                *hash = hash_word(*hash, *p.add(1), HCONST_14);
                None
            }
            sub if crate::data::binary::layout::is_bin_subtag(sub) => {
                // Bytes in blocks of 12 (as phash2 does), then the bits of a
                // last partial byte.
                if let Some((bytes, rest, last)) = crate::data::hash::bin_parts(term) {
                    let con = HCONST_13.wrapping_add(*hash);
                    if bytes.is_empty() && rest == 0 {
                        *hash = con;
                    } else {
                        *hash = crate::data::hash::hash2::block_hash(&bytes, con);
                        if rest > 0 {
                            *hash = h2(*hash, rest as u32, last as u32, HCONST_15);
                        }
                    }
                }
                None
            }
            sub => {
                // References and anything else: every payload word (refs and
                // export addresses are VM-specific in BEAM too).
                *hash = h2(*hash, sub as u32, arity as u32, HCONST_9);
                for i in 0..arity {
                    *hash = hash_word(*hash, *p.add(1 + i), HCONST_9);
                }
                None
            }
        }
    }
}

/// Hash of `[n | key]` without building the cons on a heap.
fn rehash(key: Term, n: u64) -> u32 {
    let cell = [Term::small(n as i64).raw(), key.raw()];
    internal_hash(Term::list_from_ptr(cell.as_ptr()))
}

/// The 32-bit hash that supplies levels `lvl & !7 .. lvl | 7`.
#[inline]
pub fn level_hash(key: Term, h0: u32, lvl: u32) -> u32 {
    if lvl < 8 {
        h0
    } else {
        rehash(key, (lvl >> 3) as u64)
    }
}

/// Slot of `key` (with level-0 hash `h0`) at trie level `lvl`.
#[inline]
pub fn nibble(key: Term, h0: u32, lvl: u32) -> usize {
    ((level_hash(key, h0, lvl) >> (4 * (lvl & 7))) & 0xf) as usize
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn small_int_slots_match_beam() {
        // erl: maps:from_list([{I,I} || I <- lists:seq(1,40)]) has root
        // bitmap fffb; 16, 18 and 5 share slot 0, 19 and 27 slot 1.
        let mut bm = 0u32;
        for i in 1..=40 {
            bm |= 1 << nibble(Term::small(i), internal_hash(Term::small(i)), 0);
        }
        assert_eq!(bm, 0xfffb);
        let slot = |i: i64| nibble(Term::small(i), internal_hash(Term::small(i)), 0);
        assert_eq!(slot(16), 0);
        assert_eq!(slot(18), 0);
        assert_eq!(slot(5), 0);
        assert_eq!(slot(19), 1);
        assert_eq!(slot(12), 15);
        assert_eq!(slot(33), 15);
    }
}
