//! Tiered compilation end to end (jit `tier.rs`): runs the `girder`
//! binary on tests/erl/t_tier_up.erl, whose functions are called past the
//! fast tier's threshold, and checks from `+Jstats` that functions were
//! switched to optimised code while the program's output stayed the
//! same; that with the fast tier off nothing is switched; and that the
//! compiled-code cache stores the optimised code, so a second run places
//! it and switches nothing (partially compiled functions included).

use std::path::{Path, PathBuf};
use std::process::Command;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("..")
}

/// A private directory with t_tier_up.beam, or None without `erlc`.
fn compiled(tag: &str) -> Option<PathBuf> {
    let dir = std::env::temp_dir().join(format!("girder-tier-{tag}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).ok()?;
    let src = root().join("tests/erl/t_tier_up.erl");
    let ok = Command::new("erlc")
        .arg("-o")
        .arg(&dir)
        .arg(&src)
        .status()
        .ok()?
        .success();
    ok.then_some(dir)
}

struct Run {
    stdout: String,
    stats: String,
}

fn run(dir: &Path, env: &[(&str, &str)]) -> Run {
    let mut c = Command::new(env!("CARGO_BIN_EXE_girder"));
    // The default threshold unless the test sets one.
    c.env_remove("GIRDER_TIER_UP");
    // Refining at exit in the VM itself: no detached child writing into a
    // cache directory the test then removes.
    c.env("GIRDER_CACHE_REFINE", "sync");
    c.args(["+Jstats", "true", "-noshell", "-pa"])
        .arg(dir)
        .args(["-s", "t_tier_up", "main", "-s", "init", "stop"]);
    for (k, v) in env {
        c.env(k, v);
    }
    let out = c.output().expect("run girder");
    assert!(out.status.success(), "girder failed: {out:?}");
    Run {
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stats: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

fn stat(r: &Run, name: &str) -> u64 {
    let key = format!("girder stats: {name}: ");
    r.stats
        .lines()
        .find_map(|l| l.strip_prefix(&key))
        .and_then(|v| v.trim().parse().ok())
        .unwrap_or_else(|| panic!("no stat {name} in {}", r.stats))
}

#[test]
fn hot_functions_switch_tier_with_the_same_behaviour() {
    let Some(dir) = compiled("switch") else {
        eprintln!("erlc not installed; skipping");
        return;
    };
    let off = run(&dir, &[("GIRDER_CACHE", "0"), ("GIRDER_TIER_UP", "0")]);
    assert_eq!(stat(&off, "functions tiered up"), 0);
    assert!(off.stdout.contains("{recv,12502500}"), "{}", off.stdout);
    // The default threshold, and ones that switch at the second entry
    // and in the middle of the program's loops.
    for n in ["", "1", "3", "500"] {
        let mut env = vec![("GIRDER_CACHE", "0")];
        if !n.is_empty() {
            env.push(("GIRDER_TIER_UP", n));
        }
        let on = run(&dir, &env);
        assert!(
            stat(&on, "functions tiered up") >= 5,
            "threshold {n:?}: {}",
            on.stats
        );
        assert_eq!(on.stdout, off.stdout, "threshold {n:?}");
    }
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn the_cache_keeps_optimised_code() {
    let Some(dir) = compiled("cache") else {
        eprintln!("erlc not installed; skipping");
        return;
    };
    let cache = dir.join("cache");
    let env = [("GIRDER_CACHE_DIR", cache.to_str().unwrap())];
    let first = run(&dir, &env);
    assert!(stat(&first, "functions tiered up") >= 5, "{}", first.stats);
    // Functions compiled partially (lazy region units) in modules that
    // `init:stop/0` purges before exit reach the cache too: the second
    // run compiles nothing (jit `units::keep_until_exit`).
    assert!(
        stat(&first, "functions compiled partially") > 0,
        "{}",
        first.stats
    );
    let second = run(&dir, &env);
    assert_eq!(second.stdout, first.stdout);
    assert_eq!(stat(&second, "functions compiled"), 0, "{}", second.stats);
    assert_eq!(stat(&second, "functions tiered up"), 0, "{}", second.stats);
    let _ = std::fs::remove_dir_all(&dir);
}

/// Compiling ahead on a spare core (jit `background.rs`), forced on: the
/// program (and the boot before it) prints what it prints with it off,
/// the thread compiled functions, and first calls still compiled others.
/// With tier-up at the third entry, functions compiled ahead also switch
/// tiers while others are being compiled ahead.
#[test]
fn compiling_ahead_keeps_behaviour() {
    let Some(dir) = compiled("ahead") else {
        eprintln!("erlc not installed; skipping");
        return;
    };
    let off = run(&dir, &[("GIRDER_CACHE", "0"), ("GIRDER_BG_COMPILE", "0")]);
    assert_eq!(stat(&off, "functions compiled ahead"), 0);
    for n in ["", "3"] {
        let mut env = vec![("GIRDER_CACHE", "0"), ("GIRDER_BG_COMPILE", "1")];
        if !n.is_empty() {
            env.push(("GIRDER_TIER_UP", n));
        }
        let on = run(&dir, &env);
        assert_eq!(on.stdout, off.stdout, "threshold {n:?}");
        assert!(stat(&on, "functions compiled ahead") > 0, "{}", on.stats);
        assert!(stat(&on, "functions compiled") > 0, "{}", on.stats);
    }
    let _ = std::fs::remove_dir_all(&dir);
}
