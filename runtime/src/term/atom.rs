//! The global atom table. Atoms are interned once and never freed; the
//! table is safe to use from any scheduler thread.

use crate::term::Term;
use std::collections::HashMap;
use std::sync::atomic::{AtomicPtr, Ordering};
use std::sync::{OnceLock, RwLock};

/// BEAM's limit on atom length, in characters.
pub const MAX_ATOM_CHARS: usize = 255;

macro_rules! predefined_atoms {
    ($($id:ident = $name:literal),* $(,)?) => {
        /// Atoms with fixed indices, usable as constants from Rust and from
        /// generated code.
        pub mod am {
            use crate::term::Term;
            predefined_atoms!(@consts 0usize; $($id),*);
        }
        const PREDEFINED: &[&str] = &[$($name),*];
    };
    (@consts $n:expr; $id:ident $(, $rest:ident)*) => {
        pub const $id: Term = Term::atom(super::predefined_index($n));
        predefined_atoms!(@consts $n + 1usize; $($rest),*);
    };
    (@consts $n:expr;) => {};
}

use crate::term::atom_beam::{BEAM_ATOMS, SECRET_ATOM_INDEX};

const fn str_eq(a: &str, b: &str) -> bool {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    if a.len() != b.len() {
        return false;
    }
    let mut i = 0;
    while i < a.len() {
        if a[i] != b[i] {
            return false;
        }
        i += 1;
    }
    true
}

/// Index of `name` in BEAM's predefined atoms, or `BEAM_ATOMS.len()`.
const fn beam_index(name: &str) -> usize {
    let mut i = 0;
    while i < BEAM_ATOMS.len() {
        if str_eq(BEAM_ATOMS[i], name) {
            return i;
        }
        i += 1;
    }
    BEAM_ATOMS.len()
}

/// The atom index of `PREDEFINED[k]`: BEAM's index when BEAM predefines it,
/// else the next free slot after BEAM's atoms, in `PREDEFINED` order (the
/// table is seeded the same way).
const fn predefined_index(k: usize) -> u32 {
    let b = beam_index(PREDEFINED[k]);
    if b < BEAM_ATOMS.len() {
        return b as u32;
    }
    let mut extra = 0;
    let mut j = 0;
    while j < k {
        if beam_index(PREDEFINED[j]) == BEAM_ATOMS.len() {
            extra += 1;
        }
        j += 1;
    }
    (BEAM_ATOMS.len() + extra) as u32
}

predefined_atoms! {
    FALSE = "false", TRUE = "true", OK = "ok", ERROR = "error", EXIT = "exit",
    THROW = "throw", UNDEFINED = "undefined", BADARG = "badarg", BADARITH = "badarith",
    BADMATCH = "badmatch", CASE_CLAUSE = "case_clause", IF_CLAUSE = "if_clause",
    FUNCTION_CLAUSE = "function_clause", TRY_CLAUSE = "try_clause", UNDEF = "undef",
    BADFUN = "badfun", BADARITY = "badarity", BADRECORD = "badrecord", NOPROC = "noproc",
    NORMAL = "normal", KILLED = "killed", KILL = "kill", SYSTEM_LIMIT = "system_limit",
    TIMEOUT_VALUE = "timeout_value", NOCATCH = "nocatch", EXIT_UPPER = "EXIT",
    ERLANG = "erlang", INIT = "init", FILE = "file", LINE = "line", INFINITY = "infinity",
    NONODE = "nonode@nohost", GIRDER_UNSUPPORTED = "girder_unsupported",
    SECOND = "second", MILLISECOND = "millisecond", MICROSECOND = "microsecond",
    NANOSECOND = "nanosecond", NATIVE = "native", PERF_COUNTER = "perf_counter",
    SECONDS = "seconds", MILLI_SECONDS = "milli_seconds", MICRO_SECONDS = "micro_seconds",
    NANO_SECONDS = "nano_seconds", RUNTIME = "runtime", WALL_CLOCK = "wall_clock",
    REDUCTIONS = "reductions", START_EM = "start_em", DO_BOOT = "do_boot",
    ALL = "all", STOP = "stop", APPLY = "apply", MODULE = "module", NAME = "name",
    ARITY = "arity", ENV = "env", TYPE = "type", LOCAL = "local", EXTERNAL = "external",
    INDEX = "index", UNIQ = "uniq", NEW_INDEX = "new_index", NEW_UNIQ = "new_uniq", PID = "pid",
    LIST = "list", TUPLE = "tuple", ATOM = "atom", INTEGER = "integer", FLOAT = "float",
    ERROR_HANDLER = "error_handler", UNDEFINED_FUNCTION = "undefined_function",
    DOWN = "DOWN", PROCESS = "process", TRAP_EXIT = "trap_exit", LINKED = "linked",
    MONITOR = "monitor", BADKEY = "badkey", BADMAP = "badmap", NOMATCH = "nomatch",
}

struct Table {
    names: Vec<&'static str>,
    index: HashMap<&'static str, u32, std::hash::BuildHasherDefault<NameHasher>>,
}

/// The atom table's hasher: eight bytes per step, then a final mix, for
/// short names (SipHash was half the cost of interning a module's atoms
/// at load). Not keyed, like BEAM's own atom hash; the table is bounded.
#[derive(Default)]
struct NameHasher(u64);

const NAME_K: u64 = 0x9E37_79B9_7F4A_7C15;

impl std::hash::Hasher for NameHasher {
    fn finish(&self) -> u64 {
        let x = self.0.wrapping_mul(NAME_K);
        x ^ (x >> 32)
    }
    fn write(&mut self, bytes: &[u8]) {
        let mut h = self.0 ^ bytes.len() as u64;
        let mut words = bytes.chunks_exact(8);
        for w in &mut words {
            let mut a = [0u8; 8];
            a.copy_from_slice(w);
            h = (h.rotate_left(23) ^ u64::from_le_bytes(a)).wrapping_mul(NAME_K);
        }
        let rest = words.remainder();
        if !rest.is_empty() {
            let mut a = [0u8; 8];
            a[..rest.len()].copy_from_slice(rest);
            h = (h.rotate_left(23) ^ u64::from_le_bytes(a)).wrapping_mul(NAME_K);
        }
        self.0 = h;
    }
    fn write_u8(&mut self, i: u8) {
        self.0 = (self.0.rotate_left(23) ^ i as u64).wrapping_mul(NAME_K);
    }
}

/// BEAM's default atom table limit.
pub const MAX_ATOMS: usize = 1 << 20;

/// Lock-free name lookup: atoms are never freed or changed, so each slot is
/// written once (under the table's write lock) and then only read. Names are
/// read on hot paths (term comparison, printing), where a lock per read
/// showed up in profiles. The slots live in zero-initialised static memory,
/// committed by the OS only as atoms are created.
static NAMES: [AtomicPtr<&'static str>; MAX_ATOMS] =
    [const { AtomicPtr::new(std::ptr::null_mut()) }; MAX_ATOMS];

fn publish(i: u32, name: &'static str) {
    let slot: &'static &'static str = Box::leak(Box::new(name));
    NAMES[i as usize].store(slot as *const _ as *mut _, Ordering::Release);
}

fn table() -> &'static RwLock<Table> {
    static T: OnceLock<RwLock<Table>> = OnceLock::new();
    T.get_or_init(|| {
        let mut t = Table {
            names: Vec::with_capacity(8192),
            index: HashMap::with_capacity_and_hasher(8192, Default::default()),
        };
        // BEAM's own atoms first, at BEAM's indexes; its secret atom keeps
        // its slot but cannot be found by name. Then girder's extra
        // predefined atoms (see `predefined_index`).
        for name in BEAM_ATOMS.iter().chain(PREDEFINED) {
            if t.index.contains_key(name) {
                continue;
            }
            let n = t.names.len() as u32;
            t.names.push(name);
            if n as usize != SECRET_ATOM_INDEX {
                t.index.insert(name, n);
            }
            publish(n, name);
        }
        RwLock::new(t)
    })
}

/// Interns `name` and returns its atom term. Names are leaked on purpose:
/// atoms live as long as the VM.
pub fn intern(name: &str) -> Term {
    if let Some(&i) = table().read().unwrap().index.get(name) {
        return Term::atom(i);
    }
    let mut t = table().write().unwrap();
    if let Some(&i) = t.index.get(name) {
        return Term::atom(i);
    }
    let leaked: &'static str = Box::leak(name.to_owned().into_boxed_str());
    let i = t.names.len() as u32;
    if i as usize >= MAX_ATOMS {
        // BEAM stops the VM when the atom table is full.
        eprintln!("girder: no more index entries in atom_tab (max={MAX_ATOMS})");
        std::process::exit(1);
    }
    t.names.push(leaked);
    t.index.insert(leaked, i);
    publish(i, leaked);
    Term::atom(i)
}

/// Looks up an existing atom without creating it.
pub fn lookup(name: &str) -> Option<Term> {
    table()
        .read()
        .unwrap()
        .index
        .get(name)
        .map(|&i| Term::atom(i))
}

/// The text of an atom.
pub fn name(atom: Term) -> &'static str {
    debug_assert!(atom.is_atom());
    let i = atom.atom_index() as usize;
    if i < MAX_ATOMS {
        let p = NAMES[i].load(Ordering::Acquire);
        if !p.is_null() {
            // SAFETY: published slots point at leaked, never-freed names.
            return unsafe { *p };
        }
    }
    // Predefined atoms are published when the table is first built.
    table().read().unwrap().names.get(i).copied().unwrap_or("")
}

pub fn count() -> usize {
    table().read().unwrap().names.len()
}

#[cfg(test)]
mod tests {
    use super::*;
    #[test]
    fn predefined_are_stable() {
        assert_eq!(name(am::TRUE), "true");
        assert_eq!(intern("badarg"), am::BADARG);
        let a = intern("some_new_atom");
        assert_eq!(intern("some_new_atom"), a);
        assert_eq!(name(a), "some_new_atom");
    }

    #[test]
    fn seeded_in_beam_order() {
        // BEAM: false is atom 0, true 1, '' 5; '3RT$' (18) is hidden.
        assert_eq!(am::FALSE, Term::atom(0));
        assert_eq!(am::TRUE, Term::atom(1));
        assert_eq!(intern(""), Term::atom(5));
        assert_eq!(name(Term::atom(18)), "3RT$");
        assert_eq!(lookup("3RT$"), None);
        for (i, n) in BEAM_ATOMS.iter().enumerate() {
            if i != SECRET_ATOM_INDEX {
                assert_eq!(lookup(n), Some(Term::atom(i as u32)), "{n}");
            }
        }
        // Every `am::` constant names its own text.
        for (k, n) in PREDEFINED.iter().enumerate() {
            assert_eq!(name(Term::atom(predefined_index(k))), *n);
            assert_eq!(intern(n), Term::atom(predefined_index(k)));
        }
    }
}
