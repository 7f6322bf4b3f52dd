//! `girder-compile [--opt] [--cache DIR] FILE.beam...`: loads and compiles modules without
//! running them, and reports per file and in total: functions, BEAM
//! instructions, native bytes, compile time, and the functions that use
//! instructions the JIT does not lower yet. The verifier's time
//! (`girder_loader::verify`) is reported apart from the compile time.
//! With `--cache DIR` the compiled code is stored in (and taken from) the
//! compiled-code cache in DIR, which a `girder` run with
//! `GIRDER_CACHE_DIR=DIR` then uses; without it no cache is used.
//! Functions are compiled by the fast tier (`girder_jit::tier`; a run
//! recompiles the ones that prove hot and stores them back), or by the
//! optimising tier with `--opt`. `GIRDER_FN_TIMES=N` prints the N
//! functions that took Cranelift longest.

use std::collections::BTreeMap;
use std::process::ExitCode;

fn main() -> ExitCode {
    let mut files: Vec<String> = std::env::args().skip(1).collect();
    let mut cache = None;
    let opt = files.first().is_some_and(|a| a == "--opt");
    if opt {
        files.remove(0);
    }
    girder_jit::tier::set_whole_fast(!opt);
    if files.first().is_some_and(|a| a == "--cache") {
        if files.len() < 2 {
            eprintln!("usage: girder-compile [--opt] [--cache DIR] FILE.beam...");
            return ExitCode::from(2);
        }
        cache = Some(std::path::PathBuf::from(files[1].clone()));
        files.drain(..2);
    }
    if files.is_empty() {
        eprintln!("usage: girder-compile [--opt] [--cache DIR] FILE.beam...");
        return ExitCode::from(2);
    }
    let caching = cache.is_some();
    // The export table finds BIFs through the registry: install it before
    // any module makes its exports.
    girder_runtime::bif::install();
    // As the VM does: the atom seed right after the registry (cache/seed.rs).
    girder_jit::cache::set_dir(cache);
    let opts = girder_jit::Options {
        opt_speed: std::env::var_os("GIRDER_OPT_SPEED").is_some(),
        dump_dir: None,
        perf_map: false,
        lazy: false,
    };
    let (mut funs, mut instrs, mut bytes, mut micros, mut failed) =
        (0usize, 0usize, 0usize, 0u128, 0);
    let mut missing: BTreeMap<String, usize> = BTreeMap::new();
    let mut stub_funs = 0usize;
    let mut verify_micros = 0u128;
    for f in &files {
        let r = std::fs::read(f)
            .map_err(|e| e.to_string())
            .and_then(|b| girder_loader::parse_module_unverified(&b).map_err(|e| e.to_string()))
            .and_then(|m| {
                let t0 = std::time::Instant::now();
                let v = girder_loader::verify(&m);
                verify_micros += t0.elapsed().as_micros();
                v.map(|_| m).map_err(|e| format!("Error loading {e}"))
            })
            .and_then(|m| girder_jit::compile_module(&m, &opts));
        match r {
            Ok(s) => {
                println!(
                    "{f}: {} functions, {} instructions, {} native bytes, {:.1} ms{}",
                    s.functions,
                    s.instructions,
                    s.native_bytes,
                    s.micros as f64 / 1000.0,
                    if s.unsupported.is_empty() {
                        String::new()
                    } else {
                        format!(", {} unsupported", s.unsupported.len())
                    }
                );
                funs += s.functions;
                instrs += s.instructions;
                bytes += s.native_bytes;
                micros += s.micros;
                stub_funs += s.unsupported.len();
                for (_, _, op) in s.unsupported {
                    *missing.entry(op).or_default() += 1;
                }
            }
            Err(e) => {
                println!("{f}: ERROR {e}");
                failed += 1;
            }
        }
    }
    if caching {
        girder_jit::cache::flush();
        girder_jit::cache::write_seed();
        for (k, v) in girder_jit::cache::stats() {
            println!("{k}: {v}");
        }
    }
    if let Some(n) = std::env::var("GIRDER_FN_TIMES")
        .ok()
        .and_then(|v| v.parse::<usize>().ok())
    {
        for (name, instrs, fast, ns) in girder_jit::stats::function_times().into_iter().take(n) {
            let tier = if fast { "fast" } else { "opt" };
            println!(
                "  {:8.2} ms {tier:4} {instrs:6} instrs {name}",
                ns as f64 / 1e6
            );
        }
    }
    if !missing.is_empty() {
        let mut v: Vec<_> = missing.into_iter().collect();
        v.sort_by_key(|e| std::cmp::Reverse(e.1));
        println!("unsupported instructions (functions blocked):");
        for (op, n) in v {
            println!("  {op}: {n}");
        }
    }
    println!(
        "total: {} files ({} failed), {funs} functions ({stub_funs} unsupported), {instrs} instructions, {bytes} native bytes, {:.1} ms; verifier {:.1} ms",
        files.len(),
        failed,
        micros as f64 / 1000.0,
        verify_micros as f64 / 1000.0
    );
    if failed > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}
