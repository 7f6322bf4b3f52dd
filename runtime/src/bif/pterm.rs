//! `persistent_term`: a global key-value store. Keys and values are copied
//! out of the caller's heap when stored (each entry owns its fragments);
//! `get` copies the value onto the caller's heap, so no process term ever
//! points into the store and overwriting or erasing can free it.

use super::{bif, BifDef};
use crate::data::build::{list_from_slice, make_tuple};
use crate::data::compare::eq_exact;
use crate::data::term_hash::exact_hash;
use crate::gc::copy::{copy_term, copy_to_message, size_of};
use crate::heap::ctx::Ctx;
use crate::heap::process::Message;
use crate::term::atom::am;
use crate::term::Term;
use std::collections::HashMap;
use std::sync::{Mutex, OnceLock};

pub const BIFS: &[BifDef] = &[
    bif!("persistent_term", "get", 0, get_0),
    bif!("persistent_term", "get", 1, get_1),
    bif!("persistent_term", "get", 2, get_2),
    bif!("persistent_term", "put", 2, put_2),
    bif!("persistent_term", "erase", 1, erase_1),
    bif!("persistent_term", "info", 0, info_0),
];

type Store = HashMap<u64, Vec<(Message, Message)>>;

fn store() -> &'static Mutex<Store> {
    static S: OnceLock<Mutex<Store>> = OnceLock::new();
    S.get_or_init(|| Mutex::new(HashMap::new()))
}

/// Copies `t` (owned by the store) onto the heap of the process bound to
/// `ctx`.
fn copy_out(ctx: &mut Ctx, t: Term) -> Term {
    let n = size_of(t);
    if n == 0 {
        return t;
    }
    let mut dst = ctx.alloc(n);
    let start = dst;
    // SAFETY: `dst` holds exactly `n` fresh words; the copy fills them.
    unsafe {
        let r = copy_term(t, &mut dst);
        crate::data::binary::layout::register_region(ctx.process(), start, n);
        r
    }
}

fn lookup(ctx: &mut Ctx, key: Term) -> Option<Term> {
    let s = store().lock().unwrap();
    let v = s.get(&exact_hash(key))?;
    let (_, val) = v.iter().find(|(k, _)| eq_exact(k.term, key))?;
    let t = val.term;
    Some(copy_out(ctx, t))
}

fn get_1(ctx: &mut Ctx, args: &[Term; 1]) -> Term {
    let key = args[0];
    match lookup(ctx, key) {
        Some(v) => v,
        None => ctx.badarg(),
    }
}

fn get_2(ctx: &mut Ctx, args: &[Term; 2]) -> Term {
    let (key, default) = (args[0], args[1]);
    lookup(ctx, key).unwrap_or(default)
}

fn get_0(ctx: &mut Ctx, _args: &[Term; 0]) -> Term {
    let pairs: Vec<(Term, Term)> = {
        let s = store().lock().unwrap();
        s.values()
            .flatten()
            .map(|(k, v)| (k.term, v.term))
            .collect()
    };
    // The store's lock is released: entries may only change under a
    // running process, and this one is running here (one scheduler).
    let items: Vec<Term> = pairs
        .into_iter()
        .map(|(k, v)| {
            let k = copy_out(ctx, k);
            let v = copy_out(ctx, v);
            make_tuple(ctx, &[k, v])
        })
        .collect();
    list_from_slice(ctx, &items)
}

fn put_2(_ctx: &mut Ctx, args: &[Term; 2]) -> Term {
    let (key, val) = (args[0], args[1]);
    let mut s = store().lock().unwrap();
    let v = s.entry(exact_hash(key)).or_default();
    let new = (copy_to_message(key), copy_to_message(val));
    match v.iter().position(|(k, _)| eq_exact(k.term, key)) {
        Some(i) => v[i] = new,
        None => v.push(new),
    }
    am::OK
}

fn erase_1(_ctx: &mut Ctx, args: &[Term; 1]) -> Term {
    let key = args[0];
    let mut s = store().lock().unwrap();
    let h = exact_hash(key);
    let Some(v) = s.get_mut(&h) else {
        return am::FALSE;
    };
    match v.iter().position(|(k, _)| eq_exact(k.term, key)) {
        Some(i) => {
            v.remove(i);
            if v.is_empty() {
                s.remove(&h);
                // As BEAM's table, shrink when a quarter full at most.
                if s.len() * 4 < s.capacity() {
                    s.shrink_to_fit();
                }
            }
            am::TRUE
        }
        None => am::FALSE,
    }
}

/// `(entries, bytes, table slots)` of the store: the bytes are the
/// entries' keys and values (heap words) plus one word per table slot.
pub fn info_counts() -> (usize, usize, usize) {
    let s = store().lock().unwrap();
    let count = s.values().map(|v| v.len()).sum();
    let words: usize = s
        .values()
        .flatten()
        .map(|(k, v)| size_of(k.term) + size_of(v.term))
        .sum();
    let table = s.capacity();
    (count, (words + table) * 8, table)
}

/// `persistent_term:info()`: `#{count => Entries, memory => Bytes}`.
fn info_0(ctx: &mut Ctx, _args: &[Term; 0]) -> Term {
    let (count, memory, _) = info_counts();
    let kvs = vec![
        (
            crate::term::atom::intern("count"),
            Term::small(count as i64),
        ),
        (
            crate::term::atom::intern("memory"),
            Term::small(memory as i64),
        ),
    ];
    crate::data::map::from_pairs(ctx, kvs)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::bif::native;
    use crate::testutil::TestProc;

    #[test]
    fn put_get_erase() {
        let mut tp = TestProc::new();
        let key = make_tuple(tp.ctx(), &[am::OK, Term::small(77_123)]);
        let val = list_from_slice(tp.ctx(), &[Term::small(1), Term::small(2)]);
        assert_eq!(tp.call(native!(get_2, 2), &[key, am::NONODE]), am::NONODE);
        assert_eq!(tp.call(native!(put_2, 2), &[key, val]), am::OK);
        let got = tp.call(native!(get_1, 1), &[key]);
        assert!(eq_exact(got, val));
        assert_eq!(tp.call(native!(erase_1, 1), &[key]), am::TRUE);
        assert_eq!(tp.call(native!(erase_1, 1), &[key]), am::FALSE);
        assert!(tp.call(native!(get_1, 1), &[key]).is_non_value());
    }
}
