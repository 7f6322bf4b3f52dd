//! More `erts_debug:get_internal_state/1` items (after `internal_state.rs`
//! has checked that the caller enabled them):
//! - `{internal_hash, Term}`: BEAM's `make_internal_hash(Term, 0)`, the
//!   hash maps and persistent_term place keys by;
//! - `persistent_term`: `#{table => Slots}`, the size of the store's table;
//! - `process_info_args`: the items `process_info/2` takes, in BEAM's
//!   order (`proc_info_more.rs`);
//! - `{link_list, P}`, `{monitor_list, P}`: BEAM's link and monitor
//!   records (`link_list.rs`).
//!
//! And `erts_debug:set_internal_state/2` items:
//! - `{wait, deallocations | timer_cancellations | aux_work |
//!   thread_progress}`: BEAM blocks until every scheduler has done that
//!   deferred work. Girder frees table memory, binaries and timers at once
//!   on the thread that drops them, so nothing is pending: `ok` at once;
//! - `ets_force_trap`: `notsup`, as BEAM built without its debug option
//!   (`ETS_DBG_FORCE_TRAP`) answers.

use crate::heap::ctx::Ctx;
use crate::term::atom;
use crate::term::Term;

/// The value of the item, or `badarg`.
pub fn get(ctx: &mut Ctx, item: Term) -> Term {
    if let Some(t) = super::internal_state_probe::get(ctx, item) {
        return t;
    }
    if let Some(t) = super::internal_state_nc::get(ctx, item) {
        return t;
    }
    if let Some(t) = super::system_monitor::internal_get(item) {
        return t;
    }
    if item.is_atom() && atom::name(item) == "process_info_args" {
        return super::proc_info_more::process_info_args(ctx);
    }
    if item.is_atom() && atom::name(item) == "persistent_term" {
        let (_, _, table) = super::pterm::info_counts();
        let kvs = vec![(atom::intern("table"), Term::small(table as i64))];
        return crate::data::map::from_pairs(ctx, kvs);
    }
    if item.is_atom() && atom::name(item) == "DbTable_words" {
        // The table record and extended segment table sizes the ETS
        // memory accounting uses (BEAM's struct sizes, in words).
        let (tab, est) = (crate::ets::TABLE_WORDS, crate::ets::hash::EXT_SEGTAB_HEAD);
        return crate::data::build::make_tuple(
            ctx,
            &[Term::small(tab as i64), Term::small(est as i64)],
        );
    }
    if item.is_tuple() {
        // SAFETY: `item` is a tuple; elements are read below its arity.
        let (n, tag) = unsafe { (item.tuple_arity(), item.tuple_elem(0)) };
        if n == 2 && tag.is_atom() && atom::name(tag) == "internal_hash" {
            // SAFETY: arity 2.
            let t = unsafe { item.tuple_elem(1) };
            return Term::small(crate::data::map::hash::internal_hash(t) as i64);
        }
        if n == 2 && tag.is_atom() {
            // SAFETY: arity 2.
            let obj = unsafe { item.tuple_elem(1) };
            if let Some(t) = super::link_list::get(ctx, atom::name(tag), obj) {
                return t;
            }
        }
    }
    ctx.badarg()
}

/// `erts_debug:set_internal_state(Item, Value)` items not in
/// `internal_state.rs`, or `badarg`.
pub fn set(ctx: &mut Ctx, item: Term, value: Term) -> Term {
    if let Some(t) = super::internal_state_probe::set(ctx, item, value) {
        return t;
    }
    if let Some(t) = super::internal_state_nc::set(ctx, item, value) {
        return t;
    }
    if let Some(t) = super::system_monitor::internal_set(ctx, item, value) {
        return t;
    }
    if item.is_atom() && atom::name(item) == "wait" && value.is_atom() {
        let what = atom::name(value);
        if matches!(
            what,
            "deallocations" | "timer_cancellations" | "aux_work" | "thread_progress"
        ) {
            return atom::intern("ok");
        }
    }
    if item.is_atom() && atom::name(item) == "ets_force_trap" {
        return atom::intern("notsup");
    }
    ctx.badarg()
}
