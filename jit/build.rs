//! Computes `GIRDER_BUILD_ID`, part of the compiled-code cache key
//! (`src/cache/mod.rs`): a hash of every source file of the crates whose
//! layout generated code depends on (jit, runtime, loader), the lock file
//! (Cranelift's version) and the build settings. The same sources and
//! settings give the same id (a clean clone can use a cache another
//! checkout filled); any change gives another, so stale code is never
//! reused.

use std::hash::{Hash, Hasher};
use std::path::{Path, PathBuf};

fn files(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(rd) = std::fs::read_dir(dir) else {
        return;
    };
    for e in rd.flatten() {
        let p = e.path();
        if p.is_dir() {
            files(&p, out);
        } else if p
            .extension()
            .is_some_and(|x| x == "rs" || x == "txt" || x == "toml")
        {
            out.push(p);
        }
    }
}

fn main() {
    let root = PathBuf::from(std::env::var("CARGO_MANIFEST_DIR").unwrap_or_default());
    let ws = root.parent().map(Path::to_path_buf).unwrap_or_default();
    let mut all = Vec::new();
    for d in ["jit/src", "runtime/src", "loader/src"] {
        let d = ws.join(d);
        println!("cargo:rerun-if-changed={}", d.display());
        files(&d, &mut all);
    }
    for f in [
        "Cargo.lock",
        "jit/Cargo.toml",
        "runtime/Cargo.toml",
        "loader/Cargo.toml",
    ] {
        let f = ws.join(f);
        println!("cargo:rerun-if-changed={}", f.display());
        all.push(f);
    }
    all.sort();
    let mut h = std::collections::hash_map::DefaultHasher::new();
    for f in &all {
        f.strip_prefix(&ws).unwrap_or(f).hash(&mut h);
        std::fs::read(f).unwrap_or_default().hash(&mut h);
    }
    for v in ["PROFILE", "OPT_LEVEL", "TARGET", "DEBUG", "RUSTC"] {
        std::env::var(v).unwrap_or_default().hash(&mut h);
    }
    let rustc = std::env::var("RUSTC").unwrap_or_else(|_| "rustc".into());
    if let Ok(o) = std::process::Command::new(rustc).arg("-V").output() {
        o.stdout.hash(&mut h);
    }
    println!("cargo:rustc-env=GIRDER_BUILD_ID={:016x}", h.finish());
}
