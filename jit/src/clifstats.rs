//! Developer aids for compile cost (the cold-start budget is mostly
//! Cranelift's time, proportional to the CLIF it is given):
//! `GIRDER_CLIF_STATS=1` prints at exit, per BEAM instruction, how many
//! were lowered and the CLIF instructions they made (the 40 costliest);
//! `GIRDER_CLIF_FN=name` prints the CLIF of every function of that name
//! as it is compiled. Off, each costs one relaxed load per instruction.

use cranelift_codegen::ir::Function;
use girder_loader::Opcode;
use std::collections::HashMap;
use std::sync::atomic::{AtomicU8, Ordering::Relaxed};
use std::sync::{Mutex, OnceLock};

/// 0: not read yet, 1: off, 2: on.
static ENABLED: AtomicU8 = AtomicU8::new(0);

/// Per opcode name: (instructions lowered, CLIF instructions made).
static COUNTS: Mutex<Option<HashMap<Opcode, (u64, u64)>>> = Mutex::new(None);

fn enabled() -> bool {
    match ENABLED.load(Relaxed) {
        0 => {
            let on = std::env::var_os("GIRDER_CLIF_STATS").is_some();
            ENABLED.store(if on { 2 } else { 1 }, Relaxed);
            on
        }
        v => v == 2,
    }
}

/// Records that lowering one `op` made `clif` CLIF instructions.
pub fn count(op: Opcode, clif: usize) {
    if !enabled() {
        return;
    }
    let mut g = COUNTS.lock().unwrap_or_else(|e| e.into_inner());
    let e = g.get_or_insert_with(HashMap::new).entry(op).or_default();
    e.0 += 1;
    e.1 += clif as u64;
}

/// Prints the table (at exit), if enabled.
pub fn print() {
    if !enabled() {
        return;
    }
    let g = COUNTS.lock().unwrap_or_else(|e| e.into_inner());
    let Some(m) = g.as_ref() else { return };
    let mut v: Vec<_> = m.iter().collect();
    v.sort_by_key(|(_, (_, n))| std::cmp::Reverse(*n));
    let total: u64 = v.iter().map(|(_, (_, n))| n).sum();
    eprintln!("girder clif: {total} CLIF instructions for BEAM instructions");
    for (op, (c, n)) in v.iter().take(40) {
        let per = *n as f64 / *c as f64;
        eprintln!(
            "girder clif: {:<22} {c:>7} lowered {n:>8} CLIF {per:>6.1} each",
            format!("{op:?}")
        );
    }
}

/// Prints `f`'s CLIF if `GIRDER_CLIF_FN` names its BEAM function.
pub fn dump_function(name: &str, f: &Function) {
    static WANT: OnceLock<Option<String>> = OnceLock::new();
    if WANT
        .get_or_init(|| std::env::var("GIRDER_CLIF_FN").ok())
        .as_deref()
        == Some(name)
    {
        eprintln!("{}", f.display());
    }
}
