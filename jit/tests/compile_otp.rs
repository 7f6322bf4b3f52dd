//! Compiles OTP's own stdlib, kernel and compiler with the JIT and checks the
//! invariants generated code relies on.

use girder_runtime::{
    code::{export, loc},
    term::atom,
};
use std::path::PathBuf;

fn otp_ebins() -> Vec<PathBuf> {
    let lib = PathBuf::from("/usr/lib/erlang/lib");
    let Ok(rd) = std::fs::read_dir(&lib) else {
        return Vec::new();
    };
    let mut out: Vec<PathBuf> = rd
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| {
            let n = p
                .file_name()
                .unwrap_or_default()
                .to_string_lossy()
                .to_string();
            n.starts_with("stdlib-") || n.starts_with("kernel-") || n.starts_with("compiler-")
        })
        .map(|p| p.join("ebin"))
        .collect();
    out.sort();
    out
}

fn compile(path: &std::path::Path) -> girder_jit::CompileStats {
    girder_runtime::bif::install();
    let bytes = std::fs::read(path).expect("read beam");
    let m = girder_loader::parse_module(&bytes).expect("parse beam");
    let opts = girder_jit::Options {
        opt_speed: false,
        dump_dir: None,
        perf_map: false,
        lazy: false,
    };
    girder_jit::compile_module(&m, &opts).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// Every module of stdlib, kernel and compiler compiles, and no function needs the
/// raising stub any more.
#[test]
fn stdlib_and_kernel_compile() {
    let dirs = otp_ebins();
    if dirs.is_empty() {
        eprintln!("OTP not installed; skipping");
        return;
    }
    let mut files = 0;
    let mut unsupported = Vec::new();
    for d in dirs {
        for e in std::fs::read_dir(d).unwrap().flatten() {
            let p = e.path();
            if p.extension().is_some_and(|x| x == "beam") {
                let s = compile(&p);
                files += 1;
                for (f, a, op) in s.unsupported {
                    unsupported.push(format!("{}: {f}/{a} ({op})", p.display()));
                }
            }
        }
    }
    assert!(files > 100, "only {files} modules found");
    assert!(unsupported.is_empty(), "unsupported: {unsupported:?}");
}

/// The GC and the unwinder tell continuation addresses on the Erlang stack
/// from terms by their low bits: every entry point must be 16-byte aligned
/// (a term never has the header tag 00 on the stack).
#[test]
fn entry_points_are_16_byte_aligned() {
    let lists = otp_ebins()
        .into_iter()
        .map(|d| d.join("lists.beam"))
        .find(|p| p.is_file());
    let Some(lists) = lists else {
        eprintln!("OTP not installed; skipping");
        return;
    };
    compile(&lists);
    let m = atom::intern("lists");
    for (f, a) in [("map", 2), ("foldl", 3), ("seq", 2), ("sort", 1)] {
        let e = export::lookup(m, atom::intern(f), a).expect("export exists");
        let addr = e.address();
        assert_ne!(addr, 0, "lists:{f}/{a} resolved");
        assert_eq!(addr & 0xF, 0, "lists:{f}/{a} at {addr:#x}");
    }
    let cps = loc::cp_addresses();
    assert!(cps.len() > 50);
    for cp in cps {
        assert_eq!(cp & 0xF, 0, "continuation at {cp:#x}");
    }
}
