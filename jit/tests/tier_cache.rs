//! The compiled-code cache and the two tiers (`tier.rs`): OTP's `lists`
//! compiled whole by the fast tier is stored with fast records; compiled
//! again optimised, the file's records become optimised ones (a run's
//! optimised code replaces fast code, never the other way round); a
//! third, fast-tier load then places the optimised code from the cache.

mod common;

use common::{lists_beam, stat};
use girder_jit::cache;
use std::path::Path;

/// (fast records, optimised records) of the one cache file in `dir`.
fn tiers(dir: &Path) -> (usize, usize) {
    let f = std::fs::read_dir(dir)
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .find(|p| p.extension().is_some_and(|x| x == "gjc"))
        .unwrap();
    let b = std::fs::read(&f).unwrap();
    // The key is checked by decode_file: take it from the file itself.
    let payload = &b[24..];
    let key = cache::format::Key {
        md5: payload[..16].try_into().unwrap(),
        build: u64::from_le_bytes(payload[16..24].try_into().unwrap()),
        config: u64::from_le_bytes(payload[24..32].try_into().unwrap()),
    };
    let file = cache::format::decode_file(&b, &key).expect("valid file");
    let fast = file
        .records
        .iter()
        .filter(|r| cache::format::is_fast(r.2))
        .count();
    (fast, file.records.len() - fast)
}

#[test]
fn optimised_records_replace_fast_ones() {
    let Some(path) = lists_beam() else {
        eprintln!("OTP not installed; skipping");
        return;
    };
    if !girder_jit::tier::enabled() {
        eprintln!("fast tier off (GIRDER_TIER_UP=0); skipping");
        return;
    }
    girder_runtime::bif::install();
    let dir = std::env::temp_dir().join(format!("girder-tier-cache-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    cache::set_dir(Some(dir.clone()));
    let m = girder_loader::parse_module(&std::fs::read(&path).unwrap()).unwrap();
    let opts = girder_jit::Options {
        opt_speed: false,
        dump_dir: None,
        perf_map: false,
        lazy: false,
    };
    let n = m.functions.len();
    girder_jit::tier::set_whole_fast(true);
    girder_jit::compile_module(&m, &opts).unwrap();
    cache::flush();
    assert_eq!(tiers(&dir), (n, 0));
    // Optimised: fast records are not used for it; its records win.
    girder_jit::tier::set_whole_fast(false);
    let placed = stat("cache: functions placed from cache");
    girder_jit::compile_module(&m, &opts).unwrap();
    assert_eq!(stat("cache: functions placed from cache"), placed);
    cache::flush();
    assert_eq!(tiers(&dir), (0, n));
    // Fast-tier loads take the optimised code the cache has.
    girder_jit::tier::set_whole_fast(true);
    girder_jit::compile_module(&m, &opts).unwrap();
    assert_eq!(
        stat("cache: functions placed from cache"),
        placed + n as u64
    );
    let _ = std::fs::remove_dir_all(&dir);
}
