//! Relocatable code placed again: compiles OTP's `lists` with the
//! compiled-code cache on, writes the cache, loads the module again (a new
//! version, as a hot reload does) and checks that every function was placed
//! from the cache, then that a damaged file is rejected and the module
//! compiled again. (tests/cache/cache.sh runs cached code end to end.)

mod common;

use common::{lists_beam, stat};
use girder_jit::cache;

#[test]
fn lists_is_placed_from_the_cache() {
    let Some(path) = lists_beam() else {
        eprintln!("OTP not installed; skipping");
        return;
    };
    girder_runtime::bif::install();
    let dir = std::env::temp_dir().join(format!("girder-cache-test-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    cache::set_dir(Some(dir.clone()));
    let m = girder_loader::parse_module(&std::fs::read(&path).unwrap()).unwrap();
    let opts = girder_jit::Options {
        opt_speed: false,
        dump_dir: None,
        perf_map: false,
        lazy: false,
    };
    let s1 = girder_jit::compile_module(&m, &opts).unwrap();
    assert_eq!(stat("cache: functions placed from cache"), 0);
    cache::flush();
    assert_eq!(stat("cache: files written"), 1);
    let s2 = girder_jit::compile_module(&m, &opts).unwrap();
    assert_eq!(s2.native_bytes, s1.native_bytes);
    assert_eq!(
        stat("cache: functions placed from cache"),
        m.functions.len() as u64
    );
    // Damage the file: the next load rejects it and compiles.
    let f = std::fs::read_dir(&dir)
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .find(|p| p.extension().is_some_and(|x| x == "gjc"))
        .unwrap();
    let mut b = std::fs::read(&f).unwrap();
    let mid = b.len() / 2;
    b[mid] ^= 0x55;
    std::fs::write(&f, &b).unwrap();
    let placed = stat("cache: functions placed from cache");
    girder_jit::compile_module(&m, &opts).unwrap();
    assert_eq!(stat("cache: files rejected"), 1);
    assert_eq!(stat("cache: functions placed from cache"), placed);
    let _ = std::fs::remove_dir_all(&dir);
}
