//! Code locations for stack traces: which function (and source line) a
//! failing instruction or a continuation address belongs to.

use crate::term::Term;
use std::sync::{OnceLock, RwLock};

#[derive(Clone, Copy, Debug)]
pub struct Loc {
    pub module: Term,
    pub function: Term,
    pub arity: u32,
    /// Source file name as an atom-free index into `files`, or u32::MAX.
    pub file: u32,
    /// Source line, 0 if unknown.
    pub line: u32,
}

type AddrMap<V> = std::collections::HashMap<usize, V, std::hash::BuildHasherDefault<AddrHasher>>;

#[derive(Default)]
struct Tables {
    /// Location id -> location. Ids are never reused (a raw stack trace
    /// may outlive its module version: its ids then name nothing, rather
    /// than the wrong place); a purged version's entries are removed.
    locs: std::collections::HashMap<u32, Loc, std::hash::BuildHasherDefault<AddrHasher>>,
    next_id: u32,
    files: Vec<String>,
    file_index: std::collections::HashMap<String, u32>,
    /// Continuation address -> location id of its call site. Looked up
    /// for every frame of every stack trace, so hashed cheaply.
    cps: AddrMap<u32>,
}

/// A multiplicative hash for code addresses (distinct, 16-byte aligned
/// words) and other VM-made keys (pids): SipHash's DoS resistance buys
/// nothing for keys the VM itself hands out, and cost 20% of an
/// exception-heavy benchmark and 11% of a message ring.
#[derive(Default)]
pub struct AddrHasher(u64);

impl std::hash::Hasher for AddrHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0.rotate_left(8) ^ b as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15);
        }
    }
    fn write_usize(&mut self, n: usize) {
        // The product's high half mixed down: hashbrown indexes buckets by
        // the low bits, which the product alone leaves poor.
        let x = (n as u64 >> 4).wrapping_mul(0x9E37_79B9_7F4A_7C15);
        self.0 = x ^ (x >> 32);
    }
    fn write_u32(&mut self, n: u32) {
        let x = (n as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15);
        self.0 = x ^ (x >> 32);
    }
    fn write_u64(&mut self, n: u64) {
        let x = n.wrapping_mul(0x9E37_79B9_7F4A_7C15);
        self.0 = x ^ (x >> 32);
    }
}

fn tables() -> &'static RwLock<Tables> {
    static T: OnceLock<RwLock<Tables>> = OnceLock::new();
    T.get_or_init(|| RwLock::new(Tables::default()))
}

/// Registers a source file name and returns its index.
pub fn file_id(name: &str) -> u32 {
    let mut t = tables().write().unwrap();
    if let Some(&i) = t.file_index.get(name) {
        return i;
    }
    let i = t.files.len() as u32;
    t.files.push(name.to_owned());
    t.file_index.insert(name.to_owned(), i);
    i
}

pub fn file_name(id: u32) -> Option<String> {
    tables().read().unwrap().files.get(id as usize).cloned()
}

/// Registers a location and returns its id (ids start at 1; 0 = unknown).
pub fn register(loc: Loc) -> u32 {
    let mut t = tables().write().unwrap();
    // Wraps only after 4 billion registrations; 0 stays "unknown".
    t.next_id = t.next_id.wrapping_add(1).max(1);
    let id = t.next_id;
    t.locs.insert(id, loc);
    id
}

/// Forgets the locations `ids` and the continuation addresses `cps` of a
/// purged module version.
pub fn unregister(ids: &[u32], cps: &[usize]) {
    let mut t = tables().write().unwrap();
    for id in ids {
        t.locs.remove(id);
    }
    for a in cps {
        t.cps.remove(a);
    }
}

pub fn get(id: u32) -> Option<Loc> {
    if id == 0 {
        return None;
    }
    tables().read().unwrap().locs.get(&id).copied()
}

/// Records that continuation address `addr` returns into location `id`.
pub fn register_cp(addr: usize, id: u32) {
    tables().write().unwrap().cps.insert(addr, id);
}

/// Every registered continuation address (for tests of the stack-word
/// invariant).
pub fn cp_addresses() -> Vec<usize> {
    tables().read().unwrap().cps.keys().copied().collect()
}

/// The location id a continuation address returns into.
pub fn cp_id(addr: usize) -> Option<u32> {
    tables().read().unwrap().cps.get(&addr).copied()
}

/// `cp_id` for several addresses under one lock (a stack trace's frames):
/// `f(addr, id)` for each registered one, until it returns false.
pub fn cp_ids(addrs: impl IntoIterator<Item = usize>, mut f: impl FnMut(usize, u32) -> bool) {
    let t = tables().read().unwrap();
    for a in addrs {
        if let Some(&id) = t.cps.get(&a) {
            if !f(a, id) {
                return;
            }
        }
    }
}

pub fn of_cp(addr: usize) -> Option<Loc> {
    let id = *tables().read().unwrap().cps.get(&addr)?;
    get(id)
}
