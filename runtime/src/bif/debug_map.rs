//! `erts_debug:map_info/1`: the node statistics of a trie map, as BEAM's
//! `hashmap_info` (erl_map.c) reports them. Girder's trie has BEAM's shape
//! (`data/map/layout.rs`): array heads, bitmap heads and bitmap nodes, with
//! leaves `[K | V]`; so the counts are BEAM's for the same map.
//!
//! The answer is `[{depth, D}, {arrays, NA, []}, {bitmaps, NB, Usage},
//! {leafs, NL, PerLevel}]`: `Usage` a 16-tuple counting bitmap nodes (and
//! heads) by their number of slots in use, `PerLevel` a 16-tuple counting
//! leaves by level, `D` the deepest level reached. A flatmap is `badarg`,
//! anything else `{badmap, T}`.

use super::{bif, BifDef};
use crate::data::build::{list_from_slice, make_tuple};
use crate::data::map::layout::{bitmap, children, info_of, kind, Kind};
use crate::heap::ctx::Ctx;
use crate::term::{atom, Term, NIL};

pub const BIFS: &[BifDef] = &[bif!("erts_debug", "map_info", 1, map_info_1)];

/// Counts of one trie.
#[derive(Default, Debug, PartialEq)]
struct Stats {
    depth: usize,
    leafs: usize,
    bitmaps: usize,
    arrays: usize,
    /// Bitmap nodes by slots in use (index = slots - 1).
    bitmap_usage: [usize; 16],
    /// Leaves by level (deeper ones counted at 15).
    leaf_usage: [usize; 16],
}

/// Walks the trie at `m` (a trie head).
fn stats(m: Term) -> Stats {
    let mut s = Stats::default();
    let mut stack: Vec<(Term, usize)> = vec![(m, 0)];
    while let Some((node, lvl)) = stack.pop() {
        s.depth = s.depth.max(lvl);
        if node.is_list() {
            s.leafs += 1;
            s.leaf_usage[lvl.min(15)] += 1;
            continue;
        }
        // SAFETY: every non-leaf child of a trie is a trie node; `m` is a
        // trie head.
        let (info, ch) = unsafe { (info_of(node), children(node)) };
        if kind(info) == Kind::HeadArray {
            s.arrays += 1;
        } else {
            s.bitmaps += 1;
            let used = bitmap(info).count_ones() as usize;
            s.bitmap_usage[used.clamp(1, 16) - 1] += 1;
        }
        stack.extend(ch.iter().map(|&c| (c, lvl + 1)));
    }
    s
}

fn counts(ctx: &mut Ctx, v: &[usize; 16]) -> Term {
    let ts: Vec<Term> = v.iter().map(|&n| Term::small(n as i64)).collect();
    make_tuple(ctx, &ts)
}

fn map_info_1(ctx: &mut Ctx, args: &[Term; 1]) -> Term {
    let m = args[0];
    if !crate::data::map::is_map(m) {
        return crate::data::map::badmap(ctx, m);
    }
    if crate::data::map::is_flat(m) {
        return ctx.badarg();
    }
    let s = stats(m);
    let small = |n: usize| Term::small(n as i64);
    let depth = make_tuple(ctx, &[atom::intern("depth"), small(s.depth)]);
    let arrays = make_tuple(ctx, &[atom::intern("arrays"), small(s.arrays), NIL]);
    let bu = counts(ctx, &s.bitmap_usage);
    let bitmaps = make_tuple(ctx, &[atom::intern("bitmaps"), small(s.bitmaps), bu]);
    let lu = counts(ctx, &s.leaf_usage);
    let leafs = make_tuple(ctx, &[atom::intern("leafs"), small(s.leafs), lu]);
    list_from_slice(ctx, &[depth, arrays, bitmaps, leafs])
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testutil::TestProc;

    #[test]
    fn counts_every_leaf_and_node() {
        let mut tp = TestProc::new();
        let ctx = tp.ctx();
        let ps = (0..1000)
            .map(|i| (Term::small(i), Term::small(i)))
            .collect();
        let m = crate::data::map::from_pairs(ctx, ps);
        let s = stats(m);
        assert_eq!(s.leafs, 1000);
        assert_eq!(s.leaf_usage.iter().sum::<usize>(), 1000);
        assert_eq!(s.bitmap_usage.iter().sum::<usize>(), s.bitmaps);
        // 1000 keys fill the 16 slots of the head: an array head.
        assert_eq!(s.arrays, 1);
        assert!(s.depth >= 3);
    }
}
