use super::*;
use crate::data::build::make_tuple;
use crate::data::compare::{cmp_terms, eq, eq_exact};
use crate::data::display::display_string;
use crate::term::atom::intern;
use crate::testutil::TestProc;
use std::cmp::Ordering;

fn ints(ctx: &mut crate::heap::ctx::Ctx, r: std::ops::RangeInclusive<i64>) -> Term {
    let ps = r.map(|i| (Term::small(i), Term::small(i))).collect();
    from_pairs(ctx, ps)
}

#[test]
fn flatmap_layout_and_order() {
    let mut tp = TestProc::new();
    let ctx = tp.ctx();
    let f = crate::data::build::make_float(ctx, 1.0);
    let ps = vec![
        (intern("a"), Term::small(1)),
        (f, intern("x")),
        (Term::small(2), intern("y")),
        (Term::small(1), intern("z")),
        (intern("a"), Term::small(9)), // later wins
    ];
    let m = from_pairs(ctx, ps);
    assert!(is_map(m) && is_flat(m));
    assert_eq!(size(m), 4);
    // Map-key order: integers, then floats, then atoms.
    assert_eq!(display_string(m), "#{1=>z,2=>y,1.000000e+00=>x,a=>9}");
    assert_eq!(get(m, intern("a")), Some(Term::small(9)));
    assert_eq!(get(m, Term::small(3)), None);
    // GC view: one raw word then terms.
    // SAFETY: `m` is a map object.
    let hdr = unsafe { m.header() };
    assert_eq!(crate::gc::term_fields(hdr), (1, 1 + 4));
}

#[test]
fn trie_shape_matches_beam() {
    let mut tp = TestProc::new();
    let ctx = tp.ctx();
    // erl: erlang:display(maps:from_list([{I,I} || I <- lists:seq(1,33)])).
    let m = ints(ctx, 1..=33);
    assert!(!is_flat(m));
    assert_eq!(
        display_string(m),
        "#<fffb>{<1201>{[16|16],[18|18],[5|5]},<4400>{[19|19],[27|27]},\
         <80>{<4080>{[10|10],[24|24]}},<14>{[4|4],[21|21]},<240>{[22|22],[17|17]},\
         <2a>{[3|3],[8|8],[1|1]},<8512>{[7|7],[2|2],[14|14],[15|15],[20|20]},\
         [13|13],[6|6],<1400>{[28|28],[25|25]},<212>{[32|32],[9|9],[11|11]},\
         [31|31],[26|26],<2040>{[30|30],<8020>{[29|29],[23|23]}},<8200>{[12|12],[33|33]}}"
    );
    // A full head is an array head.
    let m60 = ints(ctx, 1..=60);
    assert!(display_string(m60).starts_with("#<ffff>{<1201>{[16|16],<4001>{[18|18],[54|54]}"));
}

#[test]
fn insert_and_delete_keep_the_canonical_shape() {
    let mut tp = TestProc::new();
    let ctx = tp.ctx();
    // Built one put at a time vs in bulk: same structure.
    let mut m = empty(ctx);
    for i in (1..=300).rev() {
        m = put(ctx, m, Term::small(i), Term::small(i));
    }
    let bulk = ints(ctx, 1..=300);
    assert_eq!(display_string(m), display_string(bulk));
    // Deleting down to 100 keys gives the bulk-built 100-key trie.
    for i in 101..=300 {
        let (m2, v) = remove(ctx, m, Term::small(i)).unwrap();
        assert_eq!(v, Term::small(i));
        m = m2;
    }
    assert_eq!(display_string(m), display_string(ints(ctx, 1..=100)));
    assert!(remove(ctx, m, Term::small(5000)).is_none());
    // Down to 32 keys: a flatmap again.
    for i in 33..=100 {
        m = remove(ctx, m, Term::small(i)).unwrap().0;
    }
    assert!(is_flat(m) && size(m) == 32);
    assert_eq!(display_string(m), display_string(ints(ctx, 1..=32)));
    // And growing past 32 makes a trie.
    let m33 = put(ctx, m, Term::small(33), Term::small(33));
    assert!(!is_flat(m33));
    assert_eq!(display_string(m33), display_string(ints(ctx, 1..=33)));
}

#[test]
fn update_merge_and_lookup() {
    let mut tp = TestProc::new();
    let ctx = tp.ctx();
    let big = ints(ctx, 1..=1000);
    for i in 1..=1000 {
        assert_eq!(get(big, Term::small(i)), Some(Term::small(i)));
    }
    assert_eq!(get(big, Term::small(0)), None);
    assert!(update(ctx, big, Term::small(0), NIL_T).is_none());
    let u = update(ctx, big, Term::small(7), intern("seven")).unwrap();
    assert_eq!(get(u, Term::small(7)), Some(intern("seven")));
    assert_eq!(size(u), 1000);
    // merge: right-hand values win; result independent of representation.
    let a = ints(ctx, 1..=20);
    let ps = (15..=40).map(|i| (Term::small(i), intern("b"))).collect();
    let b = from_pairs(ctx, ps);
    let ab = merge(ctx, a, b);
    assert_eq!(size(ab), 40);
    assert_eq!(get(ab, Term::small(15)), Some(intern("b")));
    assert_eq!(get(ab, Term::small(14)), Some(Term::small(14)));
    let mut ps: Vec<(Term, Term)> = (1..=14).map(|i| (Term::small(i), Term::small(i))).collect();
    ps.extend((15..=40).map(|i| (Term::small(i), intern("b"))));
    let direct = from_pairs(ctx, ps);
    assert_eq!(display_string(ab), display_string(direct));
    let ba = merge(ctx, big, a);
    assert_eq!(display_string(ba), display_string(big));
}

const NIL_T: Term = crate::term::NIL;

#[test]
fn comparison() {
    let mut tp = TestProc::new();
    let ctx = tp.ctx();
    let one_f = crate::data::build::make_float(ctx, 1.0);
    let m1 = from_pairs(ctx, vec![(Term::small(1), intern("a"))]);
    let m1f = from_pairs(ctx, vec![(one_f, intern("a"))]);
    let m2 = from_pairs(ctx, vec![(Term::small(2), intern("a"))]);
    // Keys compare exactly: #{1=>a} < #{2=>a} < #{1.0=>a}.
    assert_eq!(cmp_terms(m1, m2), Ordering::Less);
    assert_eq!(cmp_terms(m2, m1f), Ordering::Less);
    assert!(!eq(m1, m1f));
    // Values compare with the caller's mode.
    let va = from_pairs(ctx, vec![(intern("a"), Term::small(1))]);
    let vf = from_pairs(ctx, vec![(intern("a"), one_f)]);
    assert!(eq(va, vf) && !eq_exact(va, vf));
    // Size first; tries compare like flatmaps would.
    let big1 = ints(ctx, 1..=50);
    let big2 = ints(ctx, 1..=50);
    assert!(eq_exact(big1, big2));
    let big3 = put(ctx, big2, Term::small(50), Term::small(51));
    assert_eq!(cmp_terms(big1, big3), Ordering::Less);
    assert_eq!(cmp_terms(m1, big1), Ordering::Less);
    let t = make_tuple(ctx, &[]);
    assert_eq!(cmp_terms(t, m1), Ordering::Less);
    assert_eq!(cmp_terms(m1, crate::term::NIL), Ordering::Less);
}

#[test]
fn gc_and_copy_keep_maps_intact() {
    let mut tp = TestProc::new();
    let ctx = tp.ctx();
    let big = ints(ctx, 1..=500);
    let small = from_pairs(ctx, vec![(intern("k"), big)]);
    let before = display_string(small);
    ctx.x[0] = small;
    crate::gc::collect(ctx, 0, 1);
    let after = ctx.x[0];
    assert_ne!(after, small);
    assert_eq!(display_string(after), before);
    let msg = crate::gc::copy::copy_to_message(after);
    assert_eq!(display_string(msg.term), before);
    assert!(eq_exact(msg.term, after));
}

#[test]
fn from_pairs_dedups_large_inputs() {
    let mut tp = TestProc::new();
    let ctx = tp.ctx();
    let mut ps: Vec<(Term, Term)> = (1..=100)
        .map(|i| (Term::small(i % 40), Term::small(i)))
        .collect();
    ps.push((Term::small(3), intern("last")));
    let m = from_pairs(ctx, ps);
    assert_eq!(size(m), 40);
    assert_eq!(get(m, Term::small(3)), Some(intern("last")));
    assert_eq!(get(m, Term::small(4)), Some(Term::small(84)));
    // 34 distinct keys out of 70 pairs collapse to a trie; 20 to a flatmap.
    let ps: Vec<(Term, Term)> = (0..70).map(|i| (Term::small(i % 20), NIL_T)).collect();
    assert!(is_flat(from_pairs(ctx, ps)));
}

#[test]
fn binary_keys_trie_shape_matches_beam() {
    use crate::data::binary::build::{make_binary, make_bitstring};
    let mut tp = TestProc::new();
    let ctx = tp.ctx();
    // erl: erlang:display(maps:from_list([{integer_to_binary(I), I} || I <- lists:seq(1,33)])).
    let ps = (1..=33)
        .map(|i: i64| (make_binary(ctx, i.to_string().as_bytes()), Term::small(i)))
        .collect();
    let m = from_pairs(ctx, ps);
    assert!(display_string(m).starts_with(
        "#<f7df>{<1460>{[<<\"19\">>|19],[<<\"1\">>|1],<2001>{[<<\"9\">>|9],[<<\"16\">>|16]},"
    ));
    // erl: erlang:display(maps:from_list([{<<I:12>>, I} || I <- lists:seq(1,33)])).
    let ps = (1..=33)
        .map(|i: i64| {
            let b = [(i >> 4) as u8, ((i & 15) << 4) as u8];
            (make_bitstring(ctx, &b, 12), Term::small(i))
        })
        .collect();
    let m = from_pairs(ctx, ps);
    assert!(display_string(m)
        .starts_with("#<fbfb>{<22>{[<<1,15:4>>|31],[<<1,5:4>>|21]},[<<0,7:4>>|7],"));
}

/// `flat::put_many` (put_map_assoc on a flatmap) gives the same map as
/// building from all pairs in order, shares the keys tuple when no key is
/// new, and returns the map itself when nothing changes.
#[test]
fn flat_put_many_agrees_with_from_pairs() {
    let mut tp = TestProc::new();
    let ctx = tp.ctx();
    let mut seed = 12345u64;
    let mut next = |m: u64| {
        seed = seed
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (seed >> 33) % m
    };
    for round in 0..600 {
        // Half the rounds near the flatmap limit, with more new pairs
        // than the limit (the path that sorts them in a vector).
        let (nb, na, names) = if round % 2 == 0 {
            (20, 8, 30)
        } else {
            (45, 40, 44)
        };
        let base: Vec<(Term, Term)> = (0..next(nb))
            .map(|_| {
                (
                    intern(&format!("k{}", next(names))),
                    Term::small(next(5) as i64),
                )
            })
            .collect();
        let add: Vec<(Term, Term)> = (0..next(na))
            .map(|_| {
                (
                    intern(&format!("k{}", next(names))),
                    Term::small(next(5) as i64),
                )
            })
            .collect();
        let m = from_pairs(ctx, base.clone());
        if !is_flat(m) {
            continue;
        }
        let mut all = base.clone();
        all.extend(add.iter().copied());
        let want = from_pairs(ctx, all);
        match flat::put_many(ctx, m, &add) {
            Some(got) => assert!(eq_exact(got, want), "{}", display_string(got)),
            None => assert!(size(want) > layout::SMALL_MAP_LIMIT),
        }
    }
    let m = from_pairs(
        ctx,
        vec![(intern("a"), Term::small(1)), (intern("b"), Term::small(2))],
    );
    let same = flat::put_many(ctx, m, &[(intern("b"), Term::small(2))]).unwrap();
    assert_eq!(same, m);
    let upd = flat::put_many(ctx, m, &[(intern("b"), Term::small(3))]).unwrap();
    // SAFETY: both are flatmaps; word 2 is the keys tuple.
    unsafe { assert_eq!(*upd.boxed_ptr().add(2), *m.boxed_ptr().add(2)) };
}

#[test]
fn trie_order_puts_the_first_level_slot_first() {
    assert_eq!(super::hamt::trie_order(0x7654_3210), 0x0123_4567);
    assert_eq!(super::hamt::trie_order(0x0000_000f), 0xf000_0000);
}
