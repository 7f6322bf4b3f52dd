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

/// CLIF instructions of every function (and unit) lowered, in all:
/// besides the BEAM instructions' own, entries, counters, dispatch and
/// shared raise blocks.
static FUNCTION_CLIF: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);

/// Records that a function (or unit) was lowered to `clif` CLIF
/// instructions in all.
pub fn count_function(clif: usize) {
    if enabled() {
        FUNCTION_CLIF.fetch_add(clif as u64, Relaxed);
    }
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
    let all = FUNCTION_CLIF.load(Relaxed);
    eprintln!(
        "girder clif: {all} CLIF instructions in all, {total} for BEAM instructions, {} around them",
        all.saturating_sub(total)
    );
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

/// `GIRDER_CLIF_COVER=1`: which lowered code regions (a run of BEAM
/// instructions from a label or entry to the next jump) ran at all. Each
/// region's code stores a byte when it starts (absolute address: use with
/// `GIRDER_CACHE=0`); at exit the totals say how much of the CLIF compiled
/// was for code that never ran.
static COVER_ON: AtomicU8 = AtomicU8::new(0);
const MAX_REGIONS: usize = 1 << 21;
static HITS: [AtomicU8; MAX_REGIONS] = [const { AtomicU8::new(0) }; MAX_REGIONS];
/// Per region: (BEAM instructions, CLIF instructions, kind).
static REGIONS: Mutex<Vec<(u32, u32, u8)>> = Mutex::new(Vec::new());
/// Per region: its function, what starts it, and its edges (as text).
static REGION_INFO: Mutex<Vec<String>> = Mutex::new(Vec::new());

/// Describes region `id` for the dump (`GIRDER_CLIF_COVER=FILE`).
pub fn cover_info(id: usize, text: String) {
    let mut g = REGION_INFO.lock().unwrap_or_else(|e| e.into_inner());
    if g.len() <= id {
        g.resize(id + 1, String::new());
    }
    g[id] = text;
}

/// How an instruction refers to the labels it names, for the dump: `S`
/// select, `J` jump, `T` test (its fail label), `O` other (calls' and
/// receive's labels, try/catch handlers); `F` (fall-through into the next
/// label) and `C` (a call's continuation) are added by the lowering.
pub fn cover_class(op: Opcode) -> u8 {
    match op {
        Opcode::SelectVal | Opcode::SelectTupleArity => b'S',
        Opcode::Jump => b'J',
        _ if op.family() == girder_loader::Family::Test => b'T',
        _ => b'O',
    }
}

pub fn cover_enabled() -> bool {
    match COVER_ON.load(Relaxed) {
        0 => {
            let on = std::env::var_os("GIRDER_CLIF_COVER").is_some();
            COVER_ON.store(if on { 2 } else { 1 }, Relaxed);
            on
        }
        v => v == 2,
    }
}

/// A new region: its id and the address of its hit byte.
pub fn cover_region() -> Option<(usize, u64)> {
    let mut g = REGIONS.lock().unwrap_or_else(|e| e.into_inner());
    let id = g.len();
    if id >= MAX_REGIONS {
        return None;
    }
    g.push((0, 0, 0));
    Some((id, &HITS[id] as *const AtomicU8 as u64))
}

pub fn cover_done(id: usize, beam: usize, clif: usize, kind: u8) {
    let mut g = REGIONS.lock().unwrap_or_else(|e| e.into_inner());
    g[id] = (beam as u32, clif as u32, kind);
}

pub fn cover_print() {
    if !cover_enabled() {
        return;
    }
    let g = REGIONS.lock().unwrap_or_else(|e| e.into_inner());
    let mut tot = [[0u64; 3]; 4];
    let mut hit = [[0u64; 3]; 4];
    for (id, &(b, c, k)) in g.iter().enumerate() {
        let t = &mut tot[k as usize & 3];
        t[0] += 1;
        t[1] += b as u64;
        t[2] += c as u64;
        if HITS[id].load(Relaxed) != 0 {
            let h = &mut hit[k as usize & 3];
            h[0] += 1;
            h[1] += b as u64;
            h[2] += c as u64;
        }
    }
    if let Some(path) = std::env::var_os("GIRDER_CLIF_COVER") {
        let info = REGION_INFO.lock().unwrap_or_else(|e| e.into_inner());
        let mut out = String::new();
        for (id, &(b, c, k)) in g.iter().enumerate() {
            let h = HITS[id].load(Relaxed);
            let i = info.get(id).map(String::as_str).unwrap_or("");
            out.push_str(&format!("{id} {k} {b} {c} {h} {i}\n"));
        }
        if path.len() > 1 {
            let _ = std::fs::write(path, out);
        }
    }
    for k in 0..4 {
        eprintln!(
            "girder cover: kind {k}: regions {}/{} beam {}/{} clif {}/{}",
            hit[k][0], tot[k][0], hit[k][1], tot[k][1], hit[k][2], tot[k][2]
        );
    }
}
