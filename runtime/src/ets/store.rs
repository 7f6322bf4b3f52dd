//! The operations every table kind implements (BEAM's DbTableMethod).
//! Keys passed in may live anywhere (a process heap, a literal); objects
//! handed out by reference live in table memory and must be copied out
//! (`Stored::to_heap`) before the table lock is released.

use super::object::Stored;
use crate::term::Term;

/// `next`/`prev` from a key a hash table does not hold (badarg).
#[derive(Debug, PartialEq, Eq)]
pub struct NoSuchKey;

/// An interval of keys in term order, given by where it starts and ends:
/// `below(k)` must be downward closed and `above(k)` upward closed.
pub trait KeyBounds {
    /// `k` lies before the interval.
    fn below(&self, k: Term) -> bool;
    /// `k` lies after the interval.
    fn above(&self, k: Term) -> bool;
}

/// Chain lengths of a hash table, for `ets:info(T, stats)`: one call per
/// bucket with the number of entries in it and how many of those are
/// deleted objects kept while the table is fixed.
pub type ChainVisitor<'a> = &'a mut dyn FnMut(usize, usize);

#[allow(clippy::len_without_is_empty)]
pub trait Storage {
    /// Number of objects.
    fn len(&self) -> usize;
    /// Words of the objects (for `memory`).
    fn words(&self) -> usize;
    /// Inserts `obj`: replaces the object with the same key (set kinds),
    /// adds it unless an identical one exists (bag) or always
    /// (duplicate_bag).
    fn insert(&mut self, obj: Stored);
    fn contains_key(&self, key: Term) -> bool;
    /// Calls `f` on each object with `key`, in insertion order.
    fn lookup(&self, key: Term, f: &mut dyn FnMut(&Stored));
    /// Removes and returns the objects with `key`.
    fn take(&mut self, key: Term) -> Vec<Stored>;
    /// Removes the objects exactly equal (`=:=`) to `obj`.
    fn delete_object(&mut self, obj: Term);
    /// Removes everything; returns how many objects there were.
    fn clear(&mut self) -> usize;
    /// Replaces the one object with `key` (set kinds) by what `f` returns
    /// for it; `f` is not called if there is none. Returns whether an
    /// object was found.
    fn update(&mut self, key: Term, f: &mut dyn FnMut(&mut Stored) -> Option<Stored>) -> bool;
    /// Removes the objects for which `f` says true; returns how many.
    fn remove_if(&mut self, f: &mut dyn FnMut(&Stored) -> bool) -> usize;

    /// The first/last key in traversal order.
    fn first(&self) -> Option<Term>;
    fn last(&self) -> Option<Term>;
    /// The key after/before `key`: `Err(NoSuchKey)` when the table kind needs
    /// `key` to be present and it is not (hash tables: badarg).
    fn next(&self, key: Term) -> Result<Option<Term>, NoSuchKey>;
    fn prev(&self, key: Term) -> Result<Option<Term>, NoSuchKey>;

    /// Visits every object in traversal order (reversed if asked) until
    /// `f` returns false.
    fn for_each(&self, reverse: bool, f: &mut dyn FnMut(&Stored) -> bool);
    /// Visits the objects whose keys lie inside `span`, in order (reversed
    /// if asked), starting after (before, reversed) `after` when given,
    /// until `f` returns false. Hash tables have no order: they visit all.
    fn span(
        &self,
        _span: &dyn KeyBounds,
        _after: Option<Term>,
        reverse: bool,
        f: &mut dyn FnMut(&Stored) -> bool,
    ) {
        self.for_each(reverse, f)
    }
    /// Number of slots `slot/2` and chunked `select` walk.
    fn slots(&self) -> usize;
    /// The slot chunked `select` visits after slot `i`, if any.
    fn next_slot(&self, i: usize) -> Option<usize> {
        (i + 1 < self.slots()).then_some(i + 1)
    }
    /// Visits the objects of slot `i` (a bucket of a hash table, the
    /// `i`-th object of an ordered_set).
    fn for_slot(&self, i: usize, f: &mut dyn FnMut(&Stored));
    /// A table is fixed (`safe_fixtable`): hash tables keep deleted
    /// objects' places so traversals see each object once, and do not
    /// rehash. Unfixing purges them.
    fn set_fixed(&mut self, _fixed: bool) {}
    /// Hash tables: visits every bucket's chain (see `ChainVisitor`) and
    /// returns true; other kinds return false.
    fn chains(&self, _f: ChainVisitor<'_>) -> bool {
        false
    }
    /// Visits the deleted objects a fixed hash table still keeps (they
    /// hold their binaries until the table is unfixed).
    fn for_each_kept(&self, _f: &mut dyn FnMut(&Stored)) {}
}
