//! `process_info/2` items about a process's heaps and stack that need more
//! than a field read: `garbage_collection_info` (BEAM's
//! `erts_process_gc_info`: the young and old generations' sizes) and
//! `backtrace` (a text dump of the stack).

use crate::data::build::{list_from_slice, make_tuple};
use crate::heap::ctx::Ctx;
use crate::heap::process::Process;
use crate::term::{atom, Term};
use std::fmt::Write;

/// `(hp, sp)` of `p`: the context's for the caller itself, which keeps
/// them there while it runs.
fn tops(ctx: &Ctx, p: &Process, is_self: bool) -> (*mut u64, *mut u64) {
    if is_self {
        (ctx.hp, ctx.sp)
    } else {
        (p.hp, p.sp)
    }
}

/// `garbage_collection_info`: BEAM's eleven `{Item, Words}` pairs.
pub fn gc_info(ctx: &mut Ctx, p: &Process, is_self: bool) -> Term {
    let (hp, sp) = tops(ctx, p, is_self);
    let lo = p.heap_start() as usize;
    let used = (hp as usize - lo) / 8;
    let recent = ((p.hwm as usize).clamp(lo, hp as usize) - lo) / 8;
    let stack = (p.stack_top() as usize - sp as usize) / 8;
    let items = [
        ("old_heap_block_size", p.old_size()),
        ("heap_block_size", p.block.len()),
        ("mbuf_size", p.frag_words()),
        ("recent_size", recent),
        ("stack_size", stack),
        ("old_heap_size", p.old_used()),
        ("heap_size", used),
        // The binary virtual heap (`heap/vheap.rs`), as BEAM reports it.
        ("bin_vheap_size", p.bin_vheap as usize),
        ("bin_vheap_block_size", p.bin_vheap_sz as usize),
        ("bin_old_vheap_size", p.bin_old_vheap as usize),
        ("bin_old_vheap_block_size", p.bin_old_vheap_sz as usize),
    ];
    let ts: Vec<Term> = items
        .iter()
        .map(|&(k, v)| make_tuple(ctx, &[atom::intern(k), Term::small(v as i64)]))
        .collect();
    list_from_slice(ctx, &ts)
}

/// `M:F/A` of the function holding code address `addr`, if known.
fn function_at(addr: usize) -> Option<String> {
    let loc = crate::code::loc::of_cp(addr)?;
    Some(format!(
        "{}:{}/{}",
        crate::data::display::display_string(loc.module),
        crate::data::display::display_string(loc.function),
        loc.arity
    ))
}

/// `backtrace`: the process's stack as text, as BEAM's `erts_stack_dump`
/// lays it out (a line per stack word: return addresses with their
/// function, catch tags, and `y(N)` terms), after the program counter.
pub fn backtrace(ctx: &Ctx, p: &Process, is_self: bool) -> Vec<u8> {
    let (_, sp) = tops(ctx, p, is_self);
    let mut out = String::new();
    let pc = p.resume;
    match function_at(pc) {
        Some(f) => {
            let _ = writeln!(out, "Program counter: {pc:#018x} ({f})");
        }
        None => {
            let _ = writeln!(out, "Program counter: {pc:#018x} (unknown function)");
        }
    }
    out.push('\n');
    let top = p.stack_top();
    let mut y = 0usize;
    let mut s = sp;
    while s < top {
        // SAFETY: `[sp, stack_top)` is the process's stack.
        let w = unsafe { *s };
        let t = Term(w);
        let at = s as usize;
        if w & 0b11 == 0 && w != 0 {
            // A continuation: a new frame starts above it.
            let f = function_at(w as usize).unwrap_or_else(|| "unknown function".into());
            let _ = writeln!(out, "{at:#018x} Return addr {w:#018x} ({f})");
            y = 0;
        } else if t.is_catch() {
            let _ = writeln!(out, "{at:#018x} Catch {:#018x}", t.catch_addr());
            y += 1;
        } else {
            let shown = crate::data::display::display_string(t);
            let _ = writeln!(out, "{at:#018x} y({y})     {shown}");
            y += 1;
        }
        // SAFETY: stays within or one past the stack.
        s = unsafe { s.add(1) };
    }
    out.into_bytes()
}
