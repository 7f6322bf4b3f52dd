//! Table ownership: an owner's exit deletes its tables or hands them to
//! their heirs; `give_away/3` hands one over. Both send the new owner
//! `{'ETS-TRANSFER', Tab, FromPid, Data}`.

use super::{all_tables, remove, Table};
use crate::data::build::make_tuple;
use crate::heap::ctx::Ctx;
use crate::proc::ptable;
use crate::term::Term;
use std::sync::atomic::Ordering;
use std::sync::Arc;

/// Makes `to` the owner of `tab` and sends it the transfer message, with
/// `data` (on the heap of the process bound to `ctx`).
pub fn transfer(ctx: &mut Ctx, tab: &Arc<Table>, from: Term, to: Term, data: Term) {
    tab.owner.store(to.raw(), Ordering::Release);
    let id = tab.tid_term(ctx);
    let msg = make_tuple(
        ctx,
        &[crate::term::atom::intern("ETS-TRANSFER"), id, from, data],
    );
    crate::proc::signal::send_copied(to, crate::gc::copy::copy_to_message(msg));
}

/// Runs [`on_exit`] for every process that ends (registered once by
/// `bif::install`; the process layer cannot call ETS directly).
pub fn install() {
    struct Hook;
    impl crate::proc::entity::ExitHook for Hook {
        fn on_unpublished(&self, ctx: &mut Ctx, pid: Term) {
            on_exit(ctx, pid);
        }
    }
    static ONCE: std::sync::Once = std::sync::Once::new();
    ONCE.call_once(|| crate::proc::entity::add_exit_hook(&Hook));
}

/// The process `pid` (bound to `ctx`) exits: give its tables to their
/// live heirs or delete them, and drop its fixations.
pub fn on_exit(ctx: &mut Ctx, pid: Term) {
    if super::table_count() == 0 {
        return;
    }
    for tab in all_tables() {
        if tab.owner() == pid {
            let heir = {
                let mut m = tab.meta();
                match m.heir.take() {
                    Some((h, d)) if h != pid && ptable::lookup(h).is_some_and(|r| r.is_alive()) => {
                        let data = d.to_heap(ctx);
                        // The heir option stays with the table.
                        m.heir = Some((h, d));
                        Some((h, data))
                    }
                    other => {
                        m.heir = other;
                        None
                    }
                }
            };
            match heir {
                Some((h, data)) => {
                    unfix_all(&tab, pid);
                    transfer(ctx, &tab, pid, h, data)
                }
                None => remove(&tab),
            }
        } else {
            unfix_all(&tab, pid);
        }
    }
}

/// Removes every fixation `pid` holds on `tab`.
pub fn unfix_all(tab: &Table, pid: Term) {
    let unfixed = {
        let mut m = tab.meta();
        let before = m.fixers.len();
        m.fixers.retain(|(p, _)| *p != pid);
        let now_free = before != m.fixers.len() && m.fixers.is_empty();
        if now_free {
            m.fixed_at = None;
        }
        now_free
    };
    if unfixed {
        tab.write().set_fixed(false);
    }
}
