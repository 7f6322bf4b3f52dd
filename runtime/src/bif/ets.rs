//! The `ets` BIFs that act on whole tables: `new/2`, `delete/1`,
//! `whereis/1`, `internal_request_all/0` (for `ets:all/0`), `rename/2`,
//! `give_away/3`, `setopts/2`, `info/1,2`, `safe_fixtable/2`. Objects:
//! `ets_data.rs`; match specifications: `ets_select.rs`. The tables
//! themselves: `runtime/src/ets/`.

use super::{bif, BifDef};
use crate::data::build::{list_from_slice, make_tuple};
use crate::ets::{self, Kind, NewOpts, Protection, Table};
use crate::heap::ctx::Ctx;
use crate::term::atom::{self, am};
use crate::term::{Term, NIL};

use std::sync::Arc;

pub const BIFS: &[BifDef] = &[
    bif!("ets", "new", 2, new),
    bif!("ets", "delete", 1, delete1),
    bif!("ets", "whereis", 1, whereis),
    bif!("ets", "internal_request_all", 0, request_all),
    bif!("ets", "rename", 2, rename),
    bif!("ets", "give_away", 3, give_away),
    bif!("ets", "setopts", 2, setopts),
    bif!("ets", "info", 1, info1),
    bif!("ets", "info", 2, info2),
    bif!("ets", "safe_fixtable", 2, safe_fixtable),
];

fn name_opt(t: Term) -> Option<&'static str> {
    t.is_atom().then(|| atom::name(t))
}

/// The elements of a proper list, or `None`.
fn items(t: Term) -> Option<Vec<Term>> {
    crate::data::build::list_to_vec(t)
}

/// `{A, B}` elements of a 2-tuple, `{A, B, C}` of a 3-tuple.
fn tuple(t: Term) -> Option<Vec<Term>> {
    if !t.is_tuple() {
        return None;
    }
    // SAFETY: `t` is a tuple.
    let n = unsafe { t.tuple_arity() };
    Some((0..n).map(|i| unsafe { t.tuple_elem(i) }).collect())
}

/// `{debug_hash_fixed_number_of_locks, N}` (a hidden debug option erl
/// accepts for hash tables): N, if in erl's range.
fn debug_locks(t: Term) -> Option<i64> {
    let e = tuple(t)?;
    if e.len() != 2 || name_opt(e[0]) != Some("debug_hash_fixed_number_of_locks") {
        return None;
    }
    let n = crate::data::big::to_i64(e[1])?;
    (1..=32768).contains(&n).then_some(n)
}

fn parse_new_opts(opts: Term) -> Option<NewOpts> {
    let mut o = NewOpts {
        kind: Kind::Set,
        keypos: 1,
        protection: Protection::Protected,
        named: false,
        heir: None,
        write_concurrency: am::FALSE,
        debug_locks: None,
        read_concurrency: false,
        decentralized_counters: false,
        compressed: false,
    };
    let mut dc_opt: Option<bool> = None;
    let boolean = |t: Term| -> Option<bool> {
        if t == am::TRUE {
            Some(true)
        } else if t == am::FALSE {
            Some(false)
        } else {
            None
        }
    };
    for v in items(opts)? {
        if v.is_atom() {
            match atom::name(v) {
                "set" => o.kind = Kind::Set,
                "bag" => o.kind = Kind::Bag,
                "duplicate_bag" => o.kind = Kind::DuplicateBag,
                "ordered_set" => {
                    o.kind = Kind::OrderedSet;
                    o.decentralized_counters = true;
                }
                "public" => o.protection = Protection::Public,
                "protected" => o.protection = Protection::Protected,
                "private" => o.protection = Protection::Private,
                "named_table" => o.named = true,
                "compressed" => o.compressed = true,
                _ => return None,
            }
            continue;
        }
        let t = tuple(v)?;
        match (t.len(), t.first().map(|a| name_opt(*a))) {
            (2, Some(Some("keypos"))) => {
                if !t[1].is_small() || t[1].small_value() <= 0 {
                    return None;
                }
                o.keypos = t[1].small_value() as usize;
            }
            (2, Some(Some("write_concurrency"))) => {
                if t[1] == atom::intern("auto") {
                    o.decentralized_counters = true;
                } else if t[1] == am::TRUE {
                    if o.kind != Kind::OrderedSet {
                        o.decentralized_counters = false;
                    }
                } else if t[1] == am::FALSE {
                    o.debug_locks = None;
                } else if let Some(n) = debug_locks(t[1]) {
                    o.decentralized_counters = true;
                    o.debug_locks = Some(n);
                    o.write_concurrency = am::TRUE;
                    continue;
                } else {
                    return None;
                }
                if t[1] != am::FALSE {
                    o.debug_locks = None;
                }
                o.write_concurrency = t[1];
            }
            (2, Some(Some("read_concurrency"))) => o.read_concurrency = boolean(t[1])?,
            (2, Some(Some("decentralized_counters"))) => dc_opt = Some(boolean(t[1])?),
            (2, Some(Some("heir"))) if t[1] == atom::intern("none") => o.heir = None,
            (3, Some(Some("heir"))) if t[1].is_pid() => o.heir = Some((t[1], t[2])),
            _ => return None,
        }
    }
    if let Some(dc) = dc_opt {
        o.decentralized_counters = dc;
    }
    // Fine locking, frequent-read locking and decentralized counters are
    // only for tables other processes may use.
    let fine = o.write_concurrency != am::FALSE && o.protection != Protection::Private;
    if o.debug_locks.is_some() && o.kind == Kind::OrderedSet {
        return None;
    }
    if !fine {
        o.write_concurrency = am::FALSE;
        o.debug_locks = None;
        o.decentralized_counters = false;
    } else if o.write_concurrency == atom::intern("auto") && o.kind != Kind::OrderedSet {
        // hash tables record `auto`; ordered_set does too.
    }
    if o.protection == Protection::Private {
        o.read_concurrency = false;
    }
    Some(o)
}

fn new(ctx: &mut Ctx, args: &[Term; 2]) -> Term {
    let (name, opts) = (args[0], args[1]);
    if !name.is_atom() {
        return ctx.badarg();
    }
    let Some(mut o) = parse_new_opts(opts) else {
        return ctx.badarg();
    };
    let me = ets::self_pid(ctx);
    if let Some((h, _)) = o.heir {
        if h != me && !crate::proc::ptable::lookup(h).is_some_and(|r| r.is_alive()) {
            o.heir = None;
        }
    }
    match ets::create(name, o, me) {
        Ok(tab) => tab.tid_term(ctx),
        Err(ets::NameTaken) => ets::fail(ctx, Some("already_exists")),
    }
}

fn delete1(ctx: &mut Ctx, args: &[Term; 1]) -> Term {
    let t = args[0];
    let tab = match ets::for_write(ctx, t) {
        Ok(tab) => tab,
        Err(e) => return e.raise(ctx),
    };
    ets::remove(&tab);
    am::TRUE
}

fn whereis(ctx: &mut Ctx, args: &[Term; 1]) -> Term {
    let t = args[0];
    if !t.is_atom() {
        return ctx.badarg();
    }
    match ets::find(t) {
        Some(tab) if tab.named => tab.ref_term(ctx),
        _ => atom::intern("undefined"),
    }
}

/// `ets:all/0` waits for one `{Ref, Tables}` message per scheduler: the
/// whole list comes in the first, the others are empty.
fn request_all(ctx: &mut Ctx, _args: &[Term; 0]) -> Term {
    let r = crate::data::build::make_ref(ctx);
    let tabs: Vec<Term> = ets::all_tables()
        .iter()
        .rev()
        .map(|t| t.tid_term(ctx))
        .collect();
    let mut tabs = tabs;
    tabs.reverse();
    let list = list_from_slice(ctx, &tabs);
    let me = ets::self_pid(ctx);
    let msg = make_tuple(ctx, &[r, list]);
    crate::proc::signal::send_copied(me, crate::gc::copy::copy_to_message(msg));
    // `erlang:system_info(schedulers)` is 1 (bif/sysinfo.rs): one reply.
    r
}

fn rename(ctx: &mut Ctx, args: &[Term; 2]) -> Term {
    let (t, name) = (args[0], args[1]);
    let tab = match ets::for_write(ctx, t) {
        Ok(tab) => tab,
        Err(e) => return e.raise(ctx),
    };
    if !name.is_atom() {
        return ctx.badarg();
    }
    match ets::rename(&tab, name) {
        Ok(()) => tab.tid_term(ctx),
        // erl gives no cause here (unlike `new/2`'s `already_exists`).
        Err(ets::NameTaken) => ctx.badarg(),
    }
}

fn give_away(ctx: &mut Ctx, args: &[Term; 3]) -> Term {
    let (t, to, data) = (args[0], args[1], args[2]);
    let tab = match ets::for_write(ctx, t) {
        Ok(tab) => tab,
        Err(e) => return e.raise(ctx),
    };
    let alive = to.is_pid() && crate::proc::ptable::lookup(to).is_some_and(|r| r.is_alive());
    if !alive {
        return ctx.badarg();
    }
    let me = ets::self_pid(ctx);
    if tab.owner() != me {
        return ets::fail(ctx, Some("not_owner"));
    }
    if to == me {
        return ets::fail(ctx, Some("owner"));
    }
    ets::owner::transfer(ctx, &tab, me, to, data);
    am::TRUE
}

fn setopts(ctx: &mut Ctx, args: &[Term; 2]) -> Term {
    let (t, opts) = (args[0], args[1]);
    let tab = match ets::for_write(ctx, t) {
        Ok(tab) => tab,
        Err(e) => return e.raise(ctx),
    };
    let list = if opts.is_tuple() {
        Some(vec![opts])
    } else {
        items(opts)
    };
    let Some(list) = list else {
        return ctx.badarg();
    };
    let mut heir: Option<Option<(Term, Term)>> = None;
    let mut prot: Option<Protection> = None;
    for o in list {
        let Some(t) = tuple(o).filter(|t| t.len() >= 2) else {
            return ctx.badarg();
        };
        match name_opt(t[0]) {
            Some("heir") if heir.is_none() => {
                if t.len() == 2 && t[1] == atom::intern("none") {
                    heir = Some(None);
                } else if t.len() == 3 && t[1].is_pid() {
                    heir = Some(Some((t[1], t[2])));
                } else {
                    return ctx.badarg();
                }
            }
            Some("protection") if t.len() == 2 && prot.is_none() => {
                prot = Some(match name_opt(t[1]) {
                    Some("private") => Protection::Private,
                    Some("protected") => Protection::Protected,
                    Some("public") => Protection::Public,
                    _ => return ctx.badarg(),
                });
            }
            _ => return ctx.badarg(),
        }
    }
    let me = ets::self_pid(ctx);
    if tab.owner() != me {
        return ctx.badarg();
    }
    if let Some(h) = heir {
        let h = h.filter(|(p, _)| {
            *p == me || crate::proc::ptable::lookup(*p).is_some_and(|r| r.is_alive())
        });
        tab.meta().heir = h.map(|(p, d)| (p, ets::object::Stored::new(d)));
    }
    if let Some(p) = prot {
        tab.set_protection(p);
    }
    am::TRUE
}

/// The items `info/1` lists, in erl's order.
const INFO_ITEMS: &[&str] = &[
    "id",
    "decentralized_counters",
    "read_concurrency",
    "write_concurrency",
    "compressed",
    "memory",
    "owner",
    "heir",
    "name",
    "size",
    "node",
    "named_table",
    "type",
    "keypos",
    "protection",
];

fn info_item(ctx: &mut Ctx, tab: &Arc<Table>, what: &str) -> Option<Term> {
    let b = Term::boolean;
    Some(match what {
        "id" => tab.ref_term(ctx),
        "decentralized_counters" => b(tab.decentralized_counters),
        "read_concurrency" => b(tab.read_concurrency),
        "write_concurrency" => match tab.debug_locks {
            Some(n) => make_tuple(
                ctx,
                &[
                    atom::intern("debug_hash_fixed_number_of_locks"),
                    Term::small(n),
                ],
            ),
            None => tab.write_concurrency,
        },
        "compressed" => b(tab.compressed),
        "memory" => Term::small(tab.memory() as i64),
        "owner" => tab.owner(),
        "heir" => tab
            .meta()
            .heir
            .as_ref()
            .map_or(atom::intern("none"), |(p, _)| *p),
        "name" => tab.name(),
        "size" => Term::small(tab.size() as i64),
        "node" => atom::intern("nonode@nohost"),
        "named_table" => b(tab.named),
        "type" => tab.type_atom(),
        "keypos" => Term::small(tab.keypos as i64),
        "protection" => atom::intern(match tab.protection() {
            Protection::Public => "public",
            Protection::Protected => "protected",
            Protection::Private => "private",
        }),
        "fixed" => b(!tab.meta().fixers.is_empty()),
        "safe_fixed" | "safe_fixed_monotonic_time" => {
            let (at, fixers) = {
                let m = tab.meta();
                (m.fixed_at, m.fixers.clone())
            };
            let Some((mono, sys)) = at else {
                return Some(am::FALSE);
            };
            let time = if what == "safe_fixed" {
                let us = sys / 1000;
                let (mega, s, micro) = (
                    us / 1_000_000_000_000,
                    (us / 1_000_000) % 1_000_000,
                    us % 1_000_000,
                );
                make_tuple(
                    ctx,
                    &[Term::small(mega), Term::small(s), Term::small(micro)],
                )
            } else {
                Term::small(mono)
            };
            let items: Vec<Term> = fixers
                .iter()
                .map(|&(p, n)| make_tuple(ctx, &[p, Term::small(n as i64)]))
                .collect();
            let list = list_from_slice(ctx, &items);
            make_tuple(ctx, &[time, list])
        }
        "stats" => super::ets_info::stats(ctx, tab),
        "binary" => super::ets_info::binary(ctx, tab),
        _ => return None,
    })
}

fn info1(ctx: &mut Ctx, args: &[Term; 1]) -> Term {
    let t = args[0];
    // `info` needs no read access (erl answers for private tables too).
    let tab = match ets::lookup(t) {
        Ok(tab) => tab,
        Err(ets::Denied::Id) => return atom::intern("undefined"),
        Err(e) => return e.raise(ctx),
    };
    let mut out = Vec::with_capacity(INFO_ITEMS.len());
    for what in INFO_ITEMS {
        let v = info_item(ctx, &tab, what).unwrap_or(NIL);
        out.push(make_tuple(ctx, &[atom::intern(what), v]));
    }
    list_from_slice(ctx, &out)
}

fn info2(ctx: &mut Ctx, args: &[Term; 2]) -> Term {
    let (t, what) = (args[0], args[1]);
    // `info` needs no read access (erl answers for private tables too).
    let tab = match ets::lookup(t) {
        Ok(tab) => tab,
        // `binary` is an Erlang function in BEAM (it fixes the table
        // first), which fails on a missing table instead.
        Err(ets::Denied::Id) if what != atom::intern("binary") => return atom::intern("undefined"),
        Err(e) => return e.raise(ctx),
    };
    let Some(name) = name_opt(what) else {
        return ctx.badarg();
    };
    match info_item(ctx, &tab, name) {
        Some(v) => v,
        None => ctx.badarg(),
    }
}

fn safe_fixtable(ctx: &mut Ctx, args: &[Term; 2]) -> Term {
    let (t, on) = (args[0], args[1]);
    let tab = match ets::for_read(ctx, t) {
        Ok(tab) => tab,
        Err(e) => return e.raise(ctx),
    };
    let me = ets::self_pid(ctx);
    if on == am::TRUE {
        let first = {
            let mut m = tab.meta();
            let first = m.fixers.is_empty();
            if first {
                m.fixed_at = Some((
                    crate::bif::time::monotonic_ns(),
                    crate::bif::time::system_ns(),
                ));
            }
            if let Some(f) = m.fixers.iter_mut().find(|(p, _)| *p == me) {
                f.1 += 1;
            } else {
                m.fixers.insert(0, (me, 1));
            }
            first
        };
        if first {
            tab.write().set_fixed(true);
        }
    } else if on == am::FALSE {
        let now_free = {
            let mut m = tab.meta();
            let mut free = false;
            if let Some(i) = m.fixers.iter().position(|(p, _)| *p == me) {
                m.fixers[i].1 -= 1;
                if m.fixers[i].1 == 0 {
                    m.fixers.remove(i);
                    free = m.fixers.is_empty();
                }
            }
            if free {
                m.fixed_at = None;
            }
            free
        };
        if now_free {
            tab.write().set_fixed(false);
        }
    } else {
        return ctx.badarg();
    }
    am::TRUE
}
