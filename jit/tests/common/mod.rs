//! Helpers shared by the cache tests.

use girder_jit::cache;
use std::path::PathBuf;

/// OTP's installed `lists.beam`, if OTP is installed.
pub fn lists_beam() -> Option<PathBuf> {
    let lib = PathBuf::from("/usr/lib/erlang/lib");
    let d = std::fs::read_dir(&lib)
        .ok()?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .find(|p| {
            p.file_name()
                .is_some_and(|n| n.to_string_lossy().starts_with("stdlib-"))
        })?;
    Some(d.join("ebin/lists.beam"))
}

/// The cache counter `name` (0 if absent).
pub fn stat(name: &str) -> u64 {
    cache::stats()
        .into_iter()
        .find(|(k, _)| *k == name)
        .map(|(_, v)| v)
        .unwrap_or(0)
}
