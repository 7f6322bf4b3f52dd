//! `erlang:memory/0,1`: memory use by category, in bytes.
//!
//! Girder does not account every allocation as BEAM's allocators do: the
//! figures are estimates with BEAM's shape (`total = processes + system`,
//! `system >= atom + binary + code + ets`): process memory is the sum of
//! the heap-and-stack blocks of live processes; atoms are counted per
//! entry; `binary` is the bytes of live off-heap binary buffers, `code`
//! the native code and literals of loaded module versions, `ets` the
//! tables' words.

use super::{bif, BifDef};
use crate::data::build::{list_from_slice, list_to_vec, make_tuple};
use crate::heap::ctx::Ctx;
use crate::term::atom;
use crate::term::Term;

pub const BIFS: &[BifDef] = &[
    bif!("erlang", "memory", 0, memory_0),
    bif!("erlang", "memory", 1, memory_1),
];

/// The categories `memory/0` lists, in BEAM's order.
pub const KINDS: &[&str] = &[
    "total",
    "processes",
    "processes_used",
    "system",
    "atom",
    "atom_used",
    "binary",
    "code",
    "ets",
];

/// Bytes attributed to the runtime itself (tables, schedulers, stdio).
const SYSTEM_BASE: u64 = 4 << 20;
const PROCESS_OVERHEAD: u64 = 1024;
const ATOM_BYTES: u64 = 48;

fn processes_bytes() -> u64 {
    crate::proc::ptable::all_pids()
        .into_iter()
        .filter_map(crate::proc::ptable::lookup)
        .filter(|r| r.is_alive())
        // SAFETY: reading the block length of a live process; the table
        // reference keeps it alive and the length is only read.
        .map(|r| unsafe {
            ((*r.ptr()).block.len() + (*r.ptr()).old_size()) as u64 * 8 + PROCESS_OVERHEAD
        })
        .sum()
}

fn code_bytes() -> u64 {
    let (current, old) = crate::code::module::code_sizes();
    (current.iter().map(|(_, b)| b).sum::<usize>() + old) as u64
}

/// The value of one category, or `None` for an unknown one.
pub fn value(kind: &str) -> Option<u64> {
    let atoms = atom::count() as u64 * ATOM_BYTES;
    let ets = crate::ets::total_words() as u64 * 8;
    let binary = crate::data::binary::layout::live_bytes() as u64;
    let code = code_bytes();
    let system = SYSTEM_BASE + atoms + ets + binary + code;
    Some(match kind {
        "total" => processes_bytes() + system,
        "processes" | "processes_used" => processes_bytes(),
        "system" => system,
        "atom" | "atom_used" => atoms,
        "ets" => ets,
        "binary" => binary,
        "code" => code,
        _ => return None,
    })
}

fn pair(ctx: &mut Ctx, kind: &str, v: u64) -> Term {
    let n = crate::data::big::make_u64(ctx, v);
    make_tuple(ctx, &[atom::intern(kind), n])
}

/// `erlang:memory/0`; also `erts_debug:get_internal_state(memory)`, BEAM's
/// reading with the other threads stopped (with one scheduler thread,
/// nothing else runs while a BIF does).
pub(super) fn memory_0(ctx: &mut Ctx, _args: &[Term; 0]) -> Term {
    let mut out = Vec::with_capacity(KINDS.len());
    for k in KINDS {
        let v = value(k).unwrap_or(0);
        out.push(pair(ctx, k, v));
    }
    list_from_slice(ctx, &out)
}

fn memory_1(ctx: &mut Ctx, args: &[Term; 1]) -> Term {
    let what = args[0];
    if what.is_atom() {
        return match value(atom::name(what)) {
            Some(v) => crate::data::big::make_u64(ctx, v),
            None => ctx.badarg(),
        };
    }
    let Some(kinds) = list_to_vec(what) else {
        return ctx.badarg();
    };
    let mut out = Vec::with_capacity(kinds.len());
    for k in kinds {
        let name = if k.is_atom() { atom::name(k) } else { "" };
        let Some(v) = value(name) else {
            return ctx.badarg();
        };
        out.push(pair(ctx, name, v));
    }
    list_from_slice(ctx, &out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn categories() {
        assert!(value("total").unwrap() >= value("system").unwrap());
        assert_eq!(value("ets"), Some(0));

        assert_eq!(value("maximum"), None);
    }
}
