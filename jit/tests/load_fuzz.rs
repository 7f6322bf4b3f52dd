//! Corrupted modules through load, verify and compile, in-process: none
//! may panic. (tests/load_fuzz.sh does the same through a running
//! `girder`'s code path, and also runs the modules that load.)

use std::panic::{catch_unwind, AssertUnwindSafe};

/// Small, varied OTP modules (receive loops, try/catch, binaries, maps).
const SOURCES: &[&str] = &[
    "kernel-8.5.3/ebin/pg2.beam",
    "kernel-8.5.3/ebin/erl_signal_handler.beam",
    "kernel-8.5.3/ebin/seq_trace.beam",
    "stdlib-4.2/ebin/erl_bits.beam",
    "stdlib-4.2/ebin/orddict.beam",
    "erts-13.1.5/ebin/counters.beam",
];

/// A small deterministic generator (xorshift).
struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

/// The byte range of chunk `id`'s data in `file`.
fn chunk_range(file: &[u8], id: &[u8; 4]) -> Option<std::ops::Range<usize>> {
    let mut i = 12;
    while i + 8 <= file.len() {
        let size = u32::from_be_bytes(file[i + 4..i + 8].try_into().ok()?) as usize;
        if &file[i..i + 4] == id {
            return Some(i + 8..i + 8 + size);
        }
        i += 8 + ((size + 3) & !3);
    }
    None
}

/// One mutation that keeps the container intact: a byte of the Code
/// chunk's instructions or of a table chunk changed (bit flip, random
/// value, or an operand value with its tag kept).
fn mutate(rng: &mut Rng, file: &mut [u8]) {
    let ids: [&[u8; 4]; 6] = [b"Code", b"Code", b"Code", b"ImpT", b"ExpT", b"FunT"];
    let Some(r) = chunk_range(file, ids[rng.below(ids.len())]) else {
        return;
    };
    // Skip the Code header (its first 4 bytes are the header size).
    let start = if &file[r.start - 8..r.start - 4] == b"Code" {
        r.start + 4 + u32::from_be_bytes(file[r.start..r.start + 4].try_into().unwrap()) as usize
    } else {
        r.start + 4
    };
    if start >= r.end {
        return;
    }
    let pos = start + rng.below(r.end - start);
    match rng.below(3) {
        0 => file[pos] ^= 1 << rng.below(8),
        1 => file[pos] = rng.next() as u8,
        _ => file[pos] = (file[pos] & 7) | ((rng.below(16) as u8) << 4),
    }
}

#[test]
fn corrupted_modules_never_panic() {
    let root = std::path::Path::new("/usr/lib/erlang/lib");
    let sources: Vec<Vec<u8>> = SOURCES
        .iter()
        .filter_map(|s| std::fs::read(root.join(s)).ok())
        .collect();
    if sources.is_empty() {
        eprintln!("OTP not installed; skipping");
        return;
    }
    // The export table finds BIFs through the registry (as at start-up).
    girder_runtime::bif::install();
    let opts = girder_jit::Options {
        opt_speed: false,
        dump_dir: None,
        perf_map: false,
        lazy: false,
    };
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
    let (mut loaded, mut rejected) = (0, 0);
    for i in 0..600 {
        let mut file = sources[i % sources.len()].clone();
        for _ in 0..1 + rng.below(2) {
            mutate(&mut rng, &mut file);
        }
        let r = catch_unwind(AssertUnwindSafe(|| {
            match girder_loader::parse_module(&file) {
                Ok(m) => girder_jit::compile_module(&m, &opts).map(|_| true),
                Err(_) => Ok(false),
            }
        }));
        match r {
            Ok(Ok(true)) => loaded += 1,
            Ok(Ok(false)) => rejected += 1,
            Ok(Err(e)) => panic!("mutant {i}: verified module failed to compile: {e}"),
            Err(_) => panic!("mutant {i}: panic in load, verify or compile"),
        }
    }
    eprintln!("{loaded} loaded, {rejected} rejected");
    assert!(rejected > 100, "mutations should be caught: {rejected}");
}
