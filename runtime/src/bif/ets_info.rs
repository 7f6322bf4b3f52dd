//! The `ets:info/2` items that look inside a table's memory rather than
//! at its settings: `binary` (the refc binaries the objects share) and
//! `stats` (the shape of a hash table's chains). `ets.rs` dispatches here.

use crate::data::build::{list_from_slice, make_float, make_tuple};
use crate::ets::{Kind, Table};
use crate::heap::ctx::Ctx;
use crate::term::atom::am;
use crate::term::Term;

use std::sync::Arc;

/// `ets:info(T, binary)`: `[{BufferAddress, Size, RefCount}]`, one per
/// refc binary an object holds (a binary held twice is listed twice), as
/// BEAM's `erts_internal:ets_info_binary/1` lists them: objects in reverse
/// traversal order, with the deleted objects a fixed table keeps. Like
/// BEAM, any table may be asked, private ones too.
pub fn binary(ctx: &mut Ctx, tab: &Arc<Table>) -> Term {
    // (address, size, refs) per binary, with where each object's start.
    let mut found: Vec<(u64, u64, usize)> = Vec::new();
    let mut starts: Vec<usize> = Vec::new();
    {
        let data = tab.read();
        let mut visit = |obj: &crate::ets::object::Stored| {
            starts.push(found.len());
            obj.for_each_refc_bin(&mut |buf, size| {
                // SAFETY: the stored object holds a reference to `buf`,
                // and the table's read lock keeps the object alive.
                let refs = unsafe { crate::data::binary::layout::BinBuf::refs(buf) };
                found.push((buf as u64, size, refs));
            });
        };
        // Deleted objects a fixed table keeps still hold their binaries.
        data.for_each_kept(&mut visit);
        data.for_each(false, &mut |obj| {
            visit(obj);
            true
        });
    }
    // Objects last to first, each one's binaries in their own order.
    let mut ordered = Vec::with_capacity(found.len());
    let mut end = found.len();
    for &s in starts.iter().rev() {
        ordered.extend_from_slice(&found[s..end]);
        end = s;
    }
    let mut items = Vec::with_capacity(found.len());
    for (addr, size, refs) in ordered {
        let addr = crate::data::big::make_u64(ctx, addr);
        let size = crate::data::big::make_u64(ctx, size);
        items.push(make_tuple(ctx, &[addr, size, Term::small(refs as i64)]));
    }
    list_from_slice(ctx, &items)
}

/// Locks BEAM gives a hash table (`stats`' last element): one without
/// `write_concurrency`, 64 with it, or the debug option's number.
fn hash_locks(tab: &Table) -> i64 {
    if let Some(n) = tab.debug_locks {
        n
    } else if tab.write_concurrency == am::FALSE {
        1
    } else {
        64
    }
}

/// `ets:info(T, stats)`. Hash tables: `{Buckets, AvgChainLen, StdDev,
/// ExpectedStdDev, MinChainLen, MaxChainLen, KeptDeleted, Locks}`, the
/// statistics computed as BEAM does (in single precision). An ordered_set
/// with `write_concurrency` is a contention-adapting tree in BEAM, which
/// answers `{RouteNodes, BaseNodes, MaxDepth}`: Girder's is one tree that
/// never splits, `{0, 1, 0}`. A plain ordered_set answers `false`.
pub fn stats(ctx: &mut Ctx, tab: &Arc<Table>) -> Term {
    if tab.kind == Kind::OrderedSet {
        if tab.write_concurrency == am::FALSE {
            return am::FALSE;
        }
        let z = Term::small(0);
        return make_tuple(ctx, &[z, Term::small(1), z]);
    }
    let (mut n, mut sum, mut sq_sum, mut kept) = (0i64, 0i64, 0i64, 0i64);
    let (mut min, mut max) = (i64::MAX, 0i64);
    let is_hash = tab.read().chains(&mut |len, dead| {
        let len = len as i64;
        n += 1;
        sum += len;
        sq_sum += len * len;
        kept += dead as i64;
        min = min.min(len);
        max = max.max(len);
    });
    if !is_hash || n == 0 {
        return am::FALSE;
    }
    let nf = n as f32;
    let avg = sum as f32 / nf;
    let std_dev = ((sq_sum as f32 - avg * sum as f32) / nf).sqrt();
    // erl takes this one in double precision, then keeps a float.
    let expected = (avg as f64 * (1.0 - 1.0 / n as f64)).sqrt() as f32;
    let avg = make_float(ctx, avg as f64);
    let std_dev = make_float(ctx, std_dev as f64);
    let expected = make_float(ctx, expected as f64);
    make_tuple(
        ctx,
        &[
            Term::small(n),
            avg,
            std_dev,
            expected,
            Term::small(min),
            Term::small(max),
            Term::small(kept),
            Term::small(hash_locks(tab)),
        ],
    )
}
