//! ETS: tables of tuples owned by processes, living off every process
//! heap (docs/ARCHITECTURE.md, "ETS").
//!
//! - `mod.rs`: the global table registry (ids, names, owners, heirs,
//!   fixations) and the `Table` record.
//! - `store.rs`: the `Storage` trait every table kind implements (BEAM's
//!   DbTableMethod); `hash.rs` (set, bag, duplicate_bag, in BEAM's
//!   layout and hash, `beam_hash.rs`) and `tree.rs` (ordered_set)
//!   implement it.
//! - `shard.rs`: the lock layouts; `catree.rs`: the contention-adapting
//!   tree of `write_concurrency` ordered_sets.
//! - `object.rs`: objects flattened into table-owned buffers (`flat.rs`).
//! - `owner.rs`: what happens when an owner exits (delete or heir),
//!   `give_away`.
//! - `ms/`: match specifications (another helper's).

mod beam_hash;
mod beam_hash_term;
mod bucket;
pub mod catree;
pub mod compress;
pub mod counter;
mod flat;
pub mod hash;
mod key_prefix;
pub mod ms;
pub mod object;
pub mod owner;
pub mod shard;
pub mod store;
mod stripes;
pub mod tree;

use crate::heap::ctx::Ctx;
use crate::term::{Term, HDR_REF};
use object::Stored;
use shard::{Data, ReadGuard, WriteGuard};
use std::collections::HashMap;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Mutex, RwLock};

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Kind {
    Set,
    OrderedSet,
    Bag,
    DuplicateBag,
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
#[repr(u8)]
pub enum Protection {
    Public = 0,
    Protected,
    Private,
}

/// Mutable bookkeeping that is not the data: owner, heir, fixations.
pub struct Meta {
    pub heir: Option<(Term, Stored)>,
    /// Processes that fixed the table with `safe_fixtable`, with counts,
    /// most recent first (as `info(T, safe_fixed)` lists them).
    pub fixers: Vec<(Term, u64)>,
    /// When the first fixation happened: (monotonic ns, system ns).
    pub fixed_at: Option<(i64, i64)>,
}

pub struct Table {
    /// The reference's two id words (`ets:new` returns this reference for
    /// unnamed tables; `info(T, id)` returns it for every table).
    pub id: (u64, u64),
    /// The name atom (changed by `rename`).
    pub name: AtomicU64,
    pub named: bool,
    pub kind: Kind,
    /// 1-based position of the key in every object.
    pub keypos: usize,
    /// A `Protection` as u8 (`setopts/2` changes it).
    protection: std::sync::atomic::AtomicU8,
    /// `true`, `false` or `auto` (an atom).
    pub write_concurrency: Term,
    /// `{write_concurrency, {debug_hash_fixed_number_of_locks, N}}`.
    pub debug_locks: Option<i64>,
    pub read_concurrency: bool,
    pub decentralized_counters: bool,
    pub compressed: bool,
    pub owner: AtomicU64,
    pub deleted: AtomicBool,
    pub meta: Mutex<Meta>,
    /// The objects, behind the lock layout of `shard.rs`.
    data: Data,
}

impl Table {
    pub fn protection(&self) -> Protection {
        match self.protection.load(Ordering::Acquire) {
            0 => Protection::Public,
            1 => Protection::Protected,
            _ => Protection::Private,
        }
    }
    pub fn set_protection(&self, p: Protection) {
        self.protection.store(p as u8, Ordering::Release);
    }
    pub fn name(&self) -> Term {
        Term(self.name.load(Ordering::Acquire))
    }
    pub fn owner(&self) -> Term {
        Term(self.owner.load(Ordering::Acquire))
    }
    /// Shared access to the whole table (every shard).
    pub fn read(&self) -> ReadGuard<'_> {
        self.data.read()
    }
    /// Exclusive access to the whole table (every shard).
    pub fn write(&self) -> WriteGuard<'_> {
        self.data.write()
    }
    /// Shared access for a call on `key` alone (its shard only).
    #[inline]
    pub fn read_key(&self, key: Term) -> ReadGuard<'_> {
        self.data.read_key(key)
    }
    /// Exclusive access for a call on `key` alone (its shard only).
    #[inline]
    pub fn write_key(&self, key: Term) -> WriteGuard<'_> {
        self.data.write_key(key)
    }
    /// Number of objects (summed over shards, one lock at a time).
    pub fn size(&self) -> usize {
        self.data.len()
    }
    /// Number of locks guarding the objects.
    pub fn locks(&self) -> usize {
        self.data.locks()
    }
    pub fn meta(&self) -> std::sync::MutexGuard<'_, Meta> {
        self.meta.lock().unwrap_or_else(|e| e.into_inner())
    }
    pub fn is_set_like(&self) -> bool {
        matches!(self.kind, Kind::Set | Kind::OrderedSet)
    }
    pub fn type_atom(&self) -> Term {
        crate::term::atom::intern(match self.kind {
            Kind::Set => "set",
            Kind::OrderedSet => "ordered_set",
            Kind::Bag => "bag",
            Kind::DuplicateBag => "duplicate_bag",
        })
    }
    /// The term that names the table to Erlang code: the name for named
    /// tables, the reference otherwise.
    pub fn tid_term(&self, ctx: &mut Ctx) -> Term {
        if self.named {
            self.name()
        } else {
            self.ref_term(ctx)
        }
    }
    pub fn ref_term(&self, ctx: &mut Ctx) -> Term {
        crate::data::build::make_ref_with(ctx, self.id.0, self.id.1)
    }
    /// The tuple `t` (storable: covering the key position) as this table
    /// stores its objects: compressed or a flat copy.
    #[inline]
    pub fn store(&self, t: Term) -> Stored {
        if self.compressed {
            Stored::new_compressed(t, self.keypos)
        } else {
            Stored::new(t)
        }
    }

    /// Words of table memory as `info(T, memory)` reports them.
    pub fn memory(&self) -> usize {
        const HASH_BASE: usize = TABLE_WORDS + hash::MIN_BUCKETS;
        // BEAM's table records and locks, as erl reports them: a
        // read-optimised lock takes 32 words more; a fine-locked hash
        // table adds its locks (16 words each, 48 read-optimised) and 32
        // words, 66 when the lock count may change or was asked for.
        let rc = if self.read_concurrency { 32 } else { 0 };
        let base = match (self.kind, &self.data) {
            // A CA tree's table record is smaller than an AVL tree's.
            (Kind::OrderedSet, Data::Ranged(_)) => 133 + rc,
            (Kind::OrderedSet, _) => 139 + rc,
            (_, Data::Sharded(s, _)) => {
                let per = if self.read_concurrency { 48 } else { 16 };
                let fixed = self.write_concurrency == crate::term::atom::am::TRUE
                    && self.debug_locks.is_none();
                HASH_BASE + s.len() * per + if fixed { 32 } else { 66 }
            }
            _ => HASH_BASE + rc,
        };
        base + self.data.words()
    }
}

/// Everything the registry knows.
struct Registry {
    by_id: HashMap<u64, Arc<Table>>,
    by_name: HashMap<u64, Arc<Table>>,
}

fn registry() -> &'static RwLock<Registry> {
    static R: std::sync::OnceLock<RwLock<Registry>> = std::sync::OnceLock::new();
    R.get_or_init(|| {
        RwLock::new(Registry {
            by_id: HashMap::new(),
            by_name: HashMap::new(),
        })
    })
}

/// Words of all tables, for `erlang:memory(ets)` (in bytes there).
pub fn total_words() -> usize {
    let r = registry().read().unwrap_or_else(|e| e.into_inner());
    r.by_id.values().map(|t| t.memory()).sum()
}

/// Raises `badarg` with `cause` in the BIF frame's `error_info` (when
/// `Some`; `Ctx::badarg_cause`).
pub fn fail(ctx: &mut Ctx, cause: Option<&str>) -> Term {
    match cause {
        Some(c) => ctx.badarg_cause(c),
        None => ctx.badarg(),
    }
}

/// Why a table term does not give a table.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Denied {
    /// No such table (cause `id`).
    Id,
    /// The caller may not read or write it (cause `access`).
    Access,
    /// Not an atom nor a table reference (cause `type`).
    Type,
}

impl Denied {
    pub fn raise(self, ctx: &mut Ctx) -> Term {
        fail(
            ctx,
            Some(match self {
                Denied::Id => "id",
                Denied::Access => "access",
                Denied::Type => "type",
            }),
        )
    }
}

/// The high id word of table references (`ets:new`'s references never
/// equal one `make_ref` hands out, whose high word is 0). It fits 32 bits,
/// so a table reference is three numbers in the external format, as
/// BEAM's are, and `binary_to_term(term_to_binary(Tid))` names the table.
const TID_MARK: u64 = 0x0E75_0000;

/// Words of BEAM's table record (`sizeof(DbTable)`), counted in every
/// table's memory (a hash table's empty memory is this and its first
/// bucket segment); `erts_debug:get_internal_state('DbTable_words')`
/// reports it with `hash::EXT_SEGTAB_HEAD`, as ets_SUITE's memory test
/// expects of the accounting.
pub const TABLE_WORDS: usize = 49;

/// The table a term names (an atom for named tables, the reference for
/// any table), without an access check.
pub fn lookup(t: Term) -> Result<Arc<Table>, Denied> {
    // The last table this thread looked up, valid while no table was
    // removed or renamed since (`GENERATION`): most programs hit one
    // table in a loop, and this skips the registry lock and hash.
    let gen = GENERATION.load(Ordering::Acquire);
    let hit = LAST.with(|c| {
        let c = c.borrow();
        match &*c {
            Some((g, w, tab)) if *g == gen && same_id(*w, t) => Some(tab.clone()),
            _ => None,
        }
    });
    if let Some(tab) = hit {
        return Ok(tab);
    }
    let r = lookup_registry(t)?;
    let w = if t.is_atom() { t.raw() } else { r.id.1 };
    LAST.with(|c| *c.borrow_mut() = Some((gen, w, r.clone())));
    Ok(r)
}

thread_local! {
    static LAST: std::cell::RefCell<Option<(u64, u64, Arc<Table>)>> =
        const { std::cell::RefCell::new(None) };
}

/// Bumped whenever a table leaves the registry or changes its name.
static GENERATION: AtomicU64 = AtomicU64::new(0);

/// Whether `t` names the cached table: `w` is the atom (named) or the
/// reference's low id word.
#[inline]
fn same_id(w: u64, t: Term) -> bool {
    if t.is_atom() {
        return t.raw() == w;
    }
    // SAFETY: a local reference has two id words after its header.
    t.is_boxed_of(HDR_REF)
        && unsafe { *t.boxed_ptr().add(1) == TID_MARK && *t.boxed_ptr().add(2) == w }
}

fn lookup_registry(t: Term) -> Result<Arc<Table>, Denied> {
    let r = registry().read().unwrap_or_else(|e| e.into_inner());
    if t.is_atom() {
        return r.by_name.get(&t.raw()).cloned().ok_or(Denied::Id);
    }
    if t.is_boxed_of(HDR_REF) {
        // SAFETY: a local reference has two id words after its header.
        let (hi, lo) = unsafe { (*t.boxed_ptr().add(1), *t.boxed_ptr().add(2)) };
        if hi != TID_MARK {
            return Err(Denied::Type);
        }
        return r.by_id.get(&lo).cloned().ok_or(Denied::Id);
    }
    Err(Denied::Type)
}

pub fn find(t: Term) -> Option<Arc<Table>> {
    lookup(t).ok()
}

/// The table `t` names if the running process may read it.
pub fn for_read(ctx: &mut Ctx, t: Term) -> Result<Arc<Table>, Denied> {
    let tab = lookup(t)?;
    if tab.protection() == Protection::Private && tab.owner() != self_pid(ctx) {
        return Err(Denied::Access);
    }
    Ok(tab)
}

/// The table `t` names if the running process may write it.
pub fn for_write(ctx: &mut Ctx, t: Term) -> Result<Arc<Table>, Denied> {
    let tab = lookup(t)?;
    if tab.protection() != Protection::Public && tab.owner() != self_pid(ctx) {
        return Err(Denied::Access);
    }
    Ok(tab)
}

pub fn self_pid(ctx: &mut Ctx) -> Term {
    // SAFETY: a process is scheduled while BIFs run.
    unsafe { ctx.process().pid }
}

static NEXT_ID: AtomicU64 = AtomicU64::new(1);

/// A named table already has that name (`already_exists`).
#[derive(Debug)]
pub struct NameTaken;

/// Options of `ets:new/2` after parsing.
pub struct NewOpts {
    pub kind: Kind,
    pub keypos: usize,
    pub protection: Protection,
    pub named: bool,
    pub heir: Option<(Term, Term)>,
    pub write_concurrency: Term,
    pub debug_locks: Option<i64>,
    pub read_concurrency: bool,
    pub decentralized_counters: bool,
    pub compressed: bool,
}

/// Creates a table owned by `owner`; `Err(NameTaken)` if `named` and the name
/// is taken.
pub fn create(name: Term, o: NewOpts, owner: Term) -> Result<Arc<Table>, NameTaken> {
    let data = match o.kind {
        // `write_concurrency` ordered_sets are contention-adapting trees.
        Kind::OrderedSet if o.write_concurrency != crate::term::atom::am::FALSE => {
            Data::Ranged(catree::CaTree::new(o.keypos))
        }
        Kind::OrderedSet => Data::one(Box::new(tree::TreeStore::new(o.keypos))),
        // Fine-grained locking (BEAM's lock groups): `write_concurrency`
        // (true or auto) hash tables are sharded.
        k if o.write_concurrency != crate::term::atom::am::FALSE => {
            let n = o
                .debug_locks
                .map_or(shard::DEFAULT_SHARDS, |n| n.clamp(1, 1 << 14) as usize);
            Data::sharded(k, o.keypos, n, o.decentralized_counters)
        }
        k => Data::one(Box::new(hash::HashStore::new(k, o.keypos))),
    };
    // Table ids come from the reference counter so that they never equal
    // a reference `make_ref` hands out; the high word marks them.
    let lo = NEXT_ID.fetch_add(1, Ordering::Relaxed);
    let tab = Arc::new(Table {
        id: (TID_MARK, lo),
        name: AtomicU64::new(name.raw()),
        named: o.named,
        kind: o.kind,
        keypos: o.keypos,
        protection: std::sync::atomic::AtomicU8::new(o.protection as u8),
        write_concurrency: o.write_concurrency,
        debug_locks: o.debug_locks,
        read_concurrency: o.read_concurrency,
        decentralized_counters: o.decentralized_counters,
        compressed: o.compressed,
        owner: AtomicU64::new(owner.raw()),
        deleted: AtomicBool::new(false),
        meta: Mutex::new(Meta {
            heir: o.heir.map(|(p, d)| (p, Stored::new(d))),
            fixers: Vec::new(),
            fixed_at: None,
        }),
        data,
    });
    let mut r = registry().write().unwrap_or_else(|e| e.into_inner());
    if o.named {
        if r.by_name.contains_key(&name.raw()) {
            return Err(NameTaken);
        }
        r.by_name.insert(name.raw(), tab.clone());
    }
    r.by_id.insert(lo, tab.clone());
    COUNT.store(r.by_id.len(), Ordering::Release);
    Ok(tab)
}

/// Removes a table from the registry and frees its objects.
pub fn remove(tab: &Arc<Table>) {
    tab.deleted.store(true, Ordering::Release);
    {
        let mut r = registry().write().unwrap_or_else(|e| e.into_inner());
        r.by_id.remove(&tab.id.1);
        GENERATION.fetch_add(1, Ordering::AcqRel);
        COUNT.store(r.by_id.len(), Ordering::Release);
        if tab.named {
            if let Some(t) = r.by_name.get(&tab.name().raw()) {
                if Arc::ptr_eq(t, tab) {
                    r.by_name.remove(&tab.name().raw());
                }
            }
        }
    }
    tab.write().clear();
    tab.meta().heir = None;
}

/// Renames a table; `Err(NameTaken)` if the table is named and a named table
/// already has the new name.
pub fn rename(tab: &Arc<Table>, name: Term) -> Result<(), NameTaken> {
    let mut r = registry().write().unwrap_or_else(|e| e.into_inner());
    if tab.named {
        if r.by_name.contains_key(&name.raw()) {
            return Err(NameTaken);
        }
        r.by_name.remove(&tab.name().raw());
        r.by_name.insert(name.raw(), tab.clone());
    }
    tab.name.store(name.raw(), Ordering::Release);
    GENERATION.fetch_add(1, Ordering::AcqRel);
    Ok(())
}

/// Number of tables; lets process exit skip ETS when there are none.
static COUNT: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);

pub fn table_count() -> usize {
    COUNT.load(Ordering::Acquire)
}

/// Every table, oldest first.
pub fn all_tables() -> Vec<Arc<Table>> {
    let r = registry().read().unwrap_or_else(|e| e.into_inner());
    let mut v: Vec<Arc<Table>> = r.by_id.values().cloned().collect();
    v.sort_by_key(|t| t.id.1);
    v
}

/// Tables owned by `pid`, or fixed by it.
pub fn tables_of(pid: Term) -> (Vec<Arc<Table>>, Vec<Arc<Table>>) {
    let all = all_tables();
    let owned = all.iter().filter(|t| t.owner() == pid).cloned().collect();
    let fixed = all
        .into_iter()
        .filter(|t| t.meta().fixers.iter().any(|(p, _)| *p == pid))
        .collect();
    (owned, fixed)
}
