//! `girder`: a drop-in `erl` whose only engine is a Cranelift JIT.

mod args;
mod codepath;
mod emu_flags;

use std::process::ExitCode;

fn main() -> ExitCode {
    let argv: Vec<String> = std::env::args().skip(1).collect();
    let cfg = match args::parse(argv) {
        Ok(c) => c,
        Err(e) => {
            eprintln!("girder: {e}");
            return ExitCode::from(1);
        }
    };
    if cfg.version {
        // erl's words, so that tools reading the version keep working.
        eprintln!("Erlang (SMP,ASYNC_THREADS) (BEAM) emulator version 13.1.5");
        return ExitCode::SUCCESS;
    }
    girder_runtime::heap::alloc_tune::init();
    girder_runtime::bif::install();
    // erts' default signal dispositions first: `+Bi` (brk) may then ignore SIGQUIT.
    girder_runtime::io::ossig::init();
    girder_runtime::io::brk::install(cfg.brk);
    // A panic nobody catches ends the VM, possibly without exit handlers
    // (a panic crossing `extern "C"` aborts): put the terminal back first
    // (the shell's raw mode). The loader's own `catch_unwind` is not such
    // an end (`codepath::CATCHING`).
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        if !codepath::CATCHING.with(|c| c.get()) {
            girder_runtime::io::brk::restore_terminal();
        }
        previous(info)
    }));
    // The compiled-code cache interns its atom seed here, before anything
    // that depends on the command line interns atoms (cache/seed.rs).
    girder_jit::cache::set_dir(girder_jit::cache::dir_from_env());
    // OTP's own init boots (see `otp_boot`); it is the only boot.
    // GIRDER_BOOT=otp (which test scripts of earlier versions set) is
    // accepted; any other value names a boot that no longer exists.
    if let Some(v) = std::env::var_os("GIRDER_BOOT") {
        if v != "otp" {
            eprintln!(
                "girder: GIRDER_BOOT={}: unknown boot (the only boot is OTP's own init, \"otp\")",
                v.to_string_lossy()
            );
            return ExitCode::from(1);
        }
    }
    girder_runtime::bif::time::init();
    let root = codepath::otp_root();
    let mut dirs = cfg.pa.clone();
    dirs.push(std::path::PathBuf::from("."));
    dirs.extend(codepath::otp_ebins(&root));
    dirs.extend(cfg.pz.iter().cloned());
    if cfg.jit_stats {
        girder_jit::stats::print_at_exit_enable();
    }
    // Registered after the stats: exit handlers run in reverse order, so
    // the cache is written before the counters are printed.
    girder_jit::cache::flush_at_exit_enable();
    let dump_dir = cfg.dump_asm.then(|| std::path::PathBuf::from("."));
    codepath::install(codepath::CodePath {
        dirs,
        opts: girder_jit::Options {
            opt_speed: std::env::var_os("GIRDER_OPT_SPEED").is_some(),
            dump_dir,
            perf_map: cfg.perf_map,
            // Functions compile at their first call; GIRDER_LAZY=0
            // compiles whole modules at load (for measurements).
            lazy: std::env::var("GIRDER_LAZY").map_or(true, |v| v != "0"),
        },
    });
    let stubs = match girder_jit::stubs::build(std::env::var_os("GIRDER_OPT_SPEED").is_some()) {
        Ok(s) => s,
        Err(e) => {
            eprintln!("girder: cannot build native stubs: {e}");
            return ExitCode::from(1);
        }
    };
    girder_runtime::code::hooks::install(girder_runtime::code::hooks::Hooks {
        enter: stubs.enter,
        load_module: codepath::load_module,
        done_addr: stubs.done,
        exit_addr: stubs.exit,
    });
    girder_runtime::code::prepared::install(codepath::prepare);
    ExitCode::from(otp_boot(&root, &cfg).clamp(0, 255) as u8)
}

/// The real boot: OTP's `init:boot/1` with the arguments erlexec builds
/// (`-root R -bindir B -progname erl -- -home H -- UserArgs...`).
fn otp_boot(root: &std::path::Path, cfg: &args::Config) -> i32 {
    let bindir = codepath::erts_bindir(root);
    let mut a: Vec<String> = vec![
        "-root".into(),
        root.display().to_string(),
        "-bindir".into(),
        bindir.display().to_string(),
        "-progname".into(),
        "erl".into(),
        "--".into(),
    ];
    if let Some(home) = std::env::var_os("HOME") {
        a.push("-home".into());
        a.push(home.to_string_lossy().into_owned());
    }
    a.push("--".into());
    a.extend(cfg.init_args.iter().cloned());
    girder_runtime::boot::otp::boot(&a, girder_runtime::bif::sysproc::mark_system)
}
