//! Runtime entry points for the map instructions (`put_map_assoc`,
//! `put_map_exact`, `get_map_elements`, `has_map_fields`).

use crate::data::map;
use crate::data::map::{badkey, badmap};
use crate::heap::ctx::Ctx;
use crate::term::{Term, NON_VALUE};

/// `put_map_assoc` (`exact == 0`) or `put_map_exact`: `src` updated with
/// the `n` key/value pairs in `ctx.scratch[0..2n]`, applied in order (a
/// later equal key wins). Raises `{badmap, Src}` for a non-map and, for
/// `put_map_exact`, `{badkey, K}` for the least key (map-key order) not in
/// `src`, as BEAM reports after its loader sorted them; returns
/// NON_VALUE then.
///
/// # Safety
/// `ctx` must be the scheduler's context with a process scheduled and
/// `ctx.hp`/`ctx.sp` current; `2n <= MAX_SCRATCH`.
pub unsafe extern "C" fn rt_put_map(ctx: *mut Ctx, src: Term, n: u64, exact: u64) -> Term {
    let ctx = &mut *ctx;
    if !map::is_map(src) {
        return badmap(ctx, src);
    }
    let n = (n as usize).min(crate::heap::ctx::MAX_SCRATCH / 2);
    // The pairs are read from the scratch slots as they are used (map
    // updates allocate but never touch the scratch area).
    let pair = |ctx: &Ctx, i: usize| (ctx.scratch[2 * i], ctx.scratch[2 * i + 1]);
    if exact != 0 {
        let mut m = src;
        for i in 0..n {
            let (k, v) = pair(ctx, i);
            match map::update(ctx, m, k, v) {
                Some(r) => m = r,
                None => {
                    // BEAM's loader sorts the keys, so the key reported is
                    // the least missing one in map-key order (43 before
                    // 42.0), whatever the source order.
                    let mut worst = k;
                    for j in i + 1..n {
                        let (kj, _) = pair(ctx, j);
                        if crate::data::compare::cmp_terms_exact(kj, worst).is_lt()
                            && map::get(src, kj).is_none()
                        {
                            worst = kj;
                        }
                    }
                    return badkey(ctx, worst);
                }
            }
        }
        return m;
    }
    if map::is_flat(src) {
        // On the stack for a few pairs: this runs for every map update of
        // io_lib_format (a small array: clearing a big one costs more).
        let mut small = [(Term(0), Term(0)); 8];
        let big: Vec<(Term, Term)>;
        let kv: &[(Term, Term)] = if n <= small.len() {
            for (i, p) in small[..n].iter_mut().enumerate() {
                *p = pair(ctx, i);
            }
            &small[..n]
        } else {
            big = (0..n).map(|i| pair(ctx, i)).collect();
            &big
        };
        if let Some(m) = map::flat::put_many(ctx, src, kv) {
            return m;
        }
        // Past the flatmap limit: one allocation for the whole update.
        let mut ps = map::pairs(src);
        ps.extend_from_slice(kv);
        return map::from_pairs(ctx, ps);
    }
    let mut m = src;
    for i in 0..n {
        let (k, v) = pair(ctx, i);
        m = map::put(ctx, m, k, v);
    }
    m
}

/// The value under `key` in map `m`, or NON_VALUE (also for a non-map).
/// Neither allocates nor raises.
pub extern "C" fn rt_map_get(m: Term, key: Term) -> Term {
    if !map::is_map(m) {
        return NON_VALUE;
    }
    map::get(m, key).unwrap_or(NON_VALUE)
}
