//! The OS environment as erl keeps it: one table, read from the process
//! environment at start and changed only through `os:putenv/2` and
//! `os:unsetenv/1`. Ports' children get it (`port/child.rs`), as erl's
//! spawn driver passes its own copy. Keeping our own copy instead of
//! `setenv(3)` avoids mutating `environ` while other threads may read it,
//! and answers as erl does for keys libc refuses (erl accepts an empty
//! name). Keys are ordered bytewise, which is also the order in which erl's
//! tree lists them (`os:env/0`).

use std::collections::BTreeMap;
use std::sync::{OnceLock, RwLock};

type Env = BTreeMap<Vec<u8>, Vec<u8>>;

fn env() -> &'static RwLock<Env> {
    static E: OnceLock<RwLock<Env>> = OnceLock::new();
    E.get_or_init(|| {
        use std::os::unix::ffi::OsStrExt;
        let vars = std::env::vars_os()
            .map(|(k, v)| (k.as_bytes().to_vec(), v.as_bytes().to_vec()))
            .collect();
        RwLock::new(vars)
    })
}

/// A name erl accepts: no `=` and no NUL (empty is allowed).
pub fn valid_key(k: &[u8]) -> bool {
    !k.contains(&b'=') && !k.contains(&0)
}

/// A value erl accepts: no NUL.
pub fn valid_value(v: &[u8]) -> bool {
    !v.contains(&0)
}

pub fn get(key: &[u8]) -> Option<Vec<u8>> {
    env()
        .read()
        .unwrap_or_else(|e| e.into_inner())
        .get(key)
        .cloned()
}

pub fn put(key: &[u8], value: &[u8]) {
    env()
        .write()
        .unwrap_or_else(|e| e.into_inner())
        .insert(key.to_vec(), value.to_vec());
}

pub fn unset(key: &[u8]) {
    env().write().unwrap_or_else(|e| e.into_inner()).remove(key);
}

/// Every variable, ordered by name.
pub fn all() -> Vec<(Vec<u8>, Vec<u8>)> {
    let e = env().read().unwrap_or_else(|e| e.into_inner());
    e.iter().map(|(k, v)| (k.clone(), v.clone())).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn put_get_unset_and_order() {
        put(b"GIRDER_OSENV_B", b"2");
        put(b"GIRDER_OSENV_A", b"1");
        put(b"", b"empty name");
        assert_eq!(get(b"GIRDER_OSENV_A").as_deref(), Some(&b"1"[..]));
        assert_eq!(get(b"").as_deref(), Some(&b"empty name"[..]));
        let names: Vec<Vec<u8>> = all().into_iter().map(|(k, _)| k).collect();
        let mut sorted = names.clone();
        sorted.sort();
        assert_eq!(names, sorted);
        unset(b"GIRDER_OSENV_A");
        assert_eq!(get(b"GIRDER_OSENV_A"), None);
        assert!(!valid_key(b"A=B") && !valid_key(b"A\0") && valid_key(b""));
        assert!(!valid_value(b"x\0") && valid_value(b""));
    }
}
