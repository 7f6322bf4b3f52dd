//! The term word: one 64-bit value tagged the way BEAM tags it, so generated
//! code can test types with a mask and a compare. See docs/ARCHITECTURE.md.

pub mod atom;
pub mod atom_beam;
pub mod literal;
pub mod literal_pool;

/// Primary tags (low 2 bits).
pub const TAG_PRIMARY_MASK: u64 = 0b11;
pub const TAG_PRIMARY_HEADER: u64 = 0b00;
pub const TAG_PRIMARY_LIST: u64 = 0b01;
pub const TAG_PRIMARY_BOXED: u64 = 0b10;
pub const TAG_PRIMARY_IMMED1: u64 = 0b11;

/// Immediate-1 tags (low 4 bits).
pub const TAG_IMMED1_MASK: u64 = 0b1111;
pub const TAG_IMMED1_PID: u64 = 0b0011;
pub const TAG_IMMED1_PORT: u64 = 0b0111;
pub const TAG_IMMED1_IMMED2: u64 = 0b1011;
pub const TAG_IMMED1_SMALL: u64 = 0b1111;
pub const SMALL_BITS: u32 = 60;
pub const MAX_SMALL: i64 = (1 << (SMALL_BITS - 1)) - 1;
pub const MIN_SMALL: i64 = -(1 << (SMALL_BITS - 1));

/// Immediate-2 tags (low 6 bits).
pub const TAG_IMMED2_MASK: u64 = 0b11_1111;
pub const TAG_IMMED2_ATOM: u64 = 0b00_1011;
pub const TAG_IMMED2_CATCH: u64 = 0b01_1011;
pub const TAG_IMMED2_NIL: u64 = 0b11_1011;

/// Header subtags: bits 2..6 of a header word; the arity (payload words) is
/// the header shifted right by 6.
pub const HEADER_SUBTAG_MASK: u64 = 0b11_1111;
pub const HDR_TUPLE: u64 = 0b0000 << 2;
pub const HDR_MATCHSTATE: u64 = 0b0001 << 2;
pub const HDR_POS_BIG: u64 = 0b0010 << 2;
pub const HDR_NEG_BIG: u64 = 0b0011 << 2;
pub const HDR_REF: u64 = 0b0100 << 2;
pub const HDR_FUN: u64 = 0b0101 << 2;
pub const HDR_FLOAT: u64 = 0b0110 << 2;
pub const HDR_EXPORT: u64 = 0b0111 << 2;
pub const HDR_REFC_BIN: u64 = 0b1000 << 2;
pub const HDR_HEAP_BIN: u64 = 0b1001 << 2;
pub const HDR_SUB_BIN: u64 = 0b1010 << 2;
pub const HDR_EXT_PID: u64 = 0b1100 << 2;
pub const HDR_EXT_PORT: u64 = 0b1101 << 2;
pub const HDR_EXT_REF: u64 = 0b1110 << 2;
pub const HDR_MAP: u64 = 0b1111 << 2;
pub const HEADER_ARITY_OFFS: u32 = 6;

/// A term. `NON_VALUE` (0) is never a valid term: BIFs return it to say
/// "an exception was raised, its reason is in the context".
#[repr(transparent)]
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub struct Term(pub u64);

pub const NON_VALUE: Term = Term(0);
pub const NIL: Term = Term(TAG_IMMED2_NIL);

#[inline]
pub const fn make_header(arity: usize, subtag: u64) -> u64 {
    ((arity as u64) << HEADER_ARITY_OFFS) | subtag
}
#[inline]
pub const fn header_arity(h: u64) -> usize {
    (h >> HEADER_ARITY_OFFS) as usize
}
#[inline]
pub const fn header_subtag(h: u64) -> u64 {
    h & HEADER_SUBTAG_MASK
}

impl Term {
    #[inline]
    pub const fn raw(self) -> u64 {
        self.0
    }
    #[inline]
    pub const fn is_non_value(self) -> bool {
        self.0 == 0
    }
    #[inline]
    pub const fn primary_tag(self) -> u64 {
        self.0 & TAG_PRIMARY_MASK
    }

    // ---- small integers ----
    #[inline]
    pub const fn small(v: i64) -> Term {
        Term(((v as u64) << 4) | TAG_IMMED1_SMALL)
    }
    #[inline]
    pub const fn fits_small(v: i64) -> bool {
        v >= MIN_SMALL && v <= MAX_SMALL
    }
    #[inline]
    pub const fn is_small(self) -> bool {
        self.0 & TAG_IMMED1_MASK == TAG_IMMED1_SMALL
    }
    #[inline]
    pub const fn small_value(self) -> i64 {
        (self.0 as i64) >> 4
    }

    // ---- atoms ----
    #[inline]
    pub const fn atom(index: u32) -> Term {
        Term(((index as u64) << 6) | TAG_IMMED2_ATOM)
    }
    #[inline]
    pub const fn is_atom(self) -> bool {
        self.0 & TAG_IMMED2_MASK == TAG_IMMED2_ATOM
    }
    #[inline]
    pub const fn atom_index(self) -> u32 {
        (self.0 >> 6) as u32
    }
    #[inline]
    pub const fn boolean(b: bool) -> Term {
        if b {
            crate::term::atom::am::TRUE
        } else {
            crate::term::atom::am::FALSE
        }
    }

    // ---- nil / catch ----
    #[inline]
    pub const fn is_nil(self) -> bool {
        self.0 == TAG_IMMED2_NIL
    }
    /// A catch tag names the handler's entry value: a 16-byte-aligned
    /// function address (below 2^48) with an entry index in bits 48 and up.
    /// The 58-bit payload holds the address shifted right by 4 (44 bits)
    /// and the index above it (14 bits), so
    /// `payload = (addr >> 4) | (index << 44)`.
    #[inline]
    pub const fn catch_tag(entry: usize) -> Term {
        let e = entry as u64;
        let payload = ((e & ((1 << 48) - 1)) >> 4) | ((e >> 48) << 44);
        Term((payload << 6) | TAG_IMMED2_CATCH)
    }
    #[inline]
    pub const fn is_catch(self) -> bool {
        self.0 & TAG_IMMED2_MASK == TAG_IMMED2_CATCH
    }
    /// The handler's entry value (see `catch_tag`).
    #[inline]
    pub const fn catch_addr(self) -> usize {
        let payload = self.0 >> 6;
        let addr = (payload & ((1 << 44) - 1)) << 4;
        let index = payload >> 44;
        (addr | (index << 48)) as usize
    }

    // ---- pids / ports (local) ----
    #[inline]
    pub const fn pid(number: u64) -> Term {
        Term((number << 4) | TAG_IMMED1_PID)
    }
    #[inline]
    pub const fn is_pid(self) -> bool {
        self.0 & TAG_IMMED1_MASK == TAG_IMMED1_PID
    }
    #[inline]
    pub const fn pid_number(self) -> u64 {
        self.0 >> 4
    }
    #[inline]
    pub const fn port(number: u64) -> Term {
        Term((number << 4) | TAG_IMMED1_PORT)
    }
    #[inline]
    pub const fn is_port(self) -> bool {
        self.0 & TAG_IMMED1_MASK == TAG_IMMED1_PORT
    }
    #[inline]
    pub const fn port_number(self) -> u64 {
        self.0 >> 4
    }
    #[inline]
    pub const fn is_immed(self) -> bool {
        self.0 & TAG_PRIMARY_MASK == TAG_PRIMARY_IMMED1
    }

    // ---- lists ----
    #[inline]
    pub fn list_from_ptr(p: *const u64) -> Term {
        Term(p as u64 | TAG_PRIMARY_LIST)
    }
    #[inline]
    pub const fn is_list(self) -> bool {
        self.0 & TAG_PRIMARY_MASK == TAG_PRIMARY_LIST
    }
    #[inline]
    pub const fn list_ptr(self) -> *mut u64 {
        (self.0 - TAG_PRIMARY_LIST) as *mut u64
    }
    /// Head of a cons cell.
    /// # Safety
    /// `self` must be a list term pointing at a valid cons cell.
    #[inline]
    pub unsafe fn head(self) -> Term {
        Term(*self.list_ptr())
    }
    /// Tail of a cons cell.
    /// # Safety
    /// `self` must be a list term pointing at a valid cons cell.
    #[inline]
    pub unsafe fn tail(self) -> Term {
        Term(*self.list_ptr().add(1))
    }

    // ---- boxed ----
    #[inline]
    pub fn boxed_from_ptr(p: *const u64) -> Term {
        Term(p as u64 | TAG_PRIMARY_BOXED)
    }
    #[inline]
    pub const fn is_boxed(self) -> bool {
        self.0 & TAG_PRIMARY_MASK == TAG_PRIMARY_BOXED
    }
    #[inline]
    pub const fn boxed_ptr(self) -> *mut u64 {
        (self.0 - TAG_PRIMARY_BOXED) as *mut u64
    }
    /// Header word of a boxed term.
    /// # Safety
    /// `self` must be a boxed term pointing at a valid object.
    #[inline]
    pub unsafe fn header(self) -> u64 {
        *self.boxed_ptr()
    }
    /// # Safety
    /// `self` must be a boxed term pointing at a valid object.
    #[inline]
    pub unsafe fn boxed_subtag(self) -> u64 {
        header_subtag(self.header())
    }
    #[inline]
    pub fn is_tuple(self) -> bool {
        // SAFETY: boxed terms always point at a valid header.
        self.is_boxed() && unsafe { self.boxed_subtag() } == HDR_TUPLE
    }
    #[inline]
    pub fn is_boxed_of(self, subtag: u64) -> bool {
        // SAFETY: boxed terms always point at a valid header.
        self.is_boxed() && unsafe { self.boxed_subtag() } == subtag
    }
    #[inline]
    pub fn is_bignum(self) -> bool {
        self.is_boxed() && {
            // SAFETY: boxed terms always point at a valid header.
            let s = unsafe { self.boxed_subtag() };
            s == HDR_POS_BIG || s == HDR_NEG_BIG
        }
    }
    #[inline]
    pub fn is_integer(self) -> bool {
        self.is_small() || self.is_bignum()
    }
    #[inline]
    pub fn is_float(self) -> bool {
        self.is_boxed_of(HDR_FLOAT)
    }
    #[inline]
    pub fn is_number(self) -> bool {
        self.is_integer() || self.is_float()
    }
    #[inline]
    pub fn is_fun(self) -> bool {
        self.is_boxed_of(HDR_FUN) || self.is_boxed_of(HDR_EXPORT)
    }
    #[inline]
    pub fn is_reference(self) -> bool {
        self.is_boxed_of(HDR_REF) || self.is_boxed_of(HDR_EXT_REF)
    }
    /// Tuple arity.
    /// # Safety
    /// `self` must be a tuple.
    #[inline]
    pub unsafe fn tuple_arity(self) -> usize {
        header_arity(self.header())
    }
    /// Tuple element, 0-based.
    /// # Safety
    /// `self` must be a tuple with `i < arity`.
    #[inline]
    pub unsafe fn tuple_elem(self, i: usize) -> Term {
        Term(*self.boxed_ptr().add(1 + i))
    }
    /// Float value.
    /// # Safety
    /// `self` must be a float.
    #[inline]
    pub unsafe fn float_value(self) -> f64 {
        f64::from_bits(*self.boxed_ptr().add(1))
    }
}

impl std::fmt::Debug for Term {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Term({:#x})", self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    #[test]
    fn small_roundtrip() {
        for v in [0i64, 1, -1, 42, MAX_SMALL, MIN_SMALL, -12345678901] {
            let t = Term::small(v);
            assert!(t.is_small());
            assert!(!t.is_atom() && !t.is_list() && !t.is_boxed());
            assert_eq!(t.small_value(), v);
        }
        assert!(Term::fits_small(MAX_SMALL) && !Term::fits_small(MAX_SMALL + 1));
    }
    #[test]
    fn tags_are_disjoint() {
        let a = Term::atom(7);
        assert!(a.is_atom() && !a.is_small() && !a.is_nil() && !a.is_catch());
        assert!(NIL.is_nil() && !NIL.is_atom());
        let p = Term::pid(5);
        assert!(p.is_pid() && !p.is_port() && p.pid_number() == 5);
        let c = Term::catch_tag(0x7fff_1234_5670);
        assert!(c.is_catch() && c.catch_addr() == 0x7fff_1234_5670);
        let e = 0x7fff_1234_5670 | (37 << 48);
        assert_eq!(Term::catch_tag(e).catch_addr(), e);
        assert_eq!(NON_VALUE.primary_tag(), TAG_PRIMARY_HEADER);
    }
}
