//! `binary_to_term`: BEAM's external format decoded straight onto the
//! process heap. Containers are allocated when their tag is read, with
//! placeholder words (holes) that the following terms fill in order, so the
//! decoder is iterative and never recurses. Every count is checked against
//! the bytes left before anything is allocated, so hostile input costs at
//! most a constant times its own size. Any malformed input gives `None`
//! (the BIF raises `badarg`).
//!
//! The decoder can stop between two terms and go on later (`Partial`,
//! for `binary_to_term` on big inputs, which yields as BEAM's does): its
//! whole state is the read position and the holes still to fill, raw
//! pointers that stay valid as long as the objects being built do not
//! move (the caller builds them in a heap the collector does not see
//! until the term is complete: `bif/b2t_yield.rs`).

use super::*;
use crate::data::big::BigInt;
use crate::data::build::make_float;
use crate::data::ext_ident;
use crate::heap::ctx::Ctx;
use crate::term::atom;
use crate::term::*;

/// Where the next decoded terms go.
enum Frame {
    /// `left` holes at `ptr`, `ptr + stride`, ...
    Seq {
        ptr: *mut u64,
        stride: usize,
        left: usize,
    },
    /// The keys and values of a map being read, built when complete.
    Map {
        items: Vec<u64>,
        next: usize,
        dest: *mut u64,
    },
}

/// Decodes a complete external term (version byte first). Returns the
/// term and the number of bytes used (`binary_to_term(B, [used])`).
pub fn decode(ctx: &mut Ctx, bytes: &[u8], safe: bool) -> Option<(Term, usize)> {
    if bytes.first() != Some(&VERSION_MAGIC) {
        return None;
    }
    if bytes.get(1) == Some(&COMPRESSED) {
        let size = u32::from_be_bytes(bytes.get(2..6)?.try_into().ok()?) as usize;
        let (data, zused) = inflate_exact(&bytes[6..], size)?;
        let mut d = Dec {
            b: &data,
            pos: 0,
            safe,
        };
        let t = d.term(ctx)?;
        return Some((t, 6 + zused));
    }
    let mut d = Dec {
        b: bytes,
        pos: 1,
        safe,
    };
    let t = d.term(ctx)?;
    Some((t, d.pos))
}

/// The size of the term bytes of an external term once uncompressed (the
/// work `decode` will do), or `None` if it is not one.
pub fn plain_size(bytes: &[u8]) -> Option<usize> {
    if bytes.first() != Some(&VERSION_MAGIC) {
        return None;
    }
    if bytes.get(1) == Some(&COMPRESSED) {
        Some(u32::from_be_bytes(bytes.get(2..6)?.try_into().ok()?) as usize)
    } else {
        Some(bytes.len() - 1)
    }
}

/// Where a decode stands: the holes still to fill and the next one.
/// `dest` points at `root` (boxed, so it does not move with the cursor),
/// at an element of a term under construction, or into a `Frame::Map`'s
/// items (a `Vec` that never grows, so its buffer does not move either).
struct Cursor {
    root: Box<u64>,
    frames: Vec<Frame>,
    dest: *mut u64,
}

impl Cursor {
    fn new() -> Cursor {
        let mut root = Box::new(NIL.raw());
        let dest: *mut u64 = &mut *root;
        Cursor {
            root,
            frames: Vec::new(),
            dest,
        }
    }
}

/// A decode that may stop between terms and go on later.
pub struct Partial {
    data: Vec<u8>,
    pos: usize,
    safe: bool,
    /// Bytes of the original binary a finished decode used (known up
    /// front for compressed input).
    zused: Option<usize>,
    cur: Cursor,
}

// SAFETY: the raw pointers of a `Partial` point into its own `Cursor` and
// into objects its owner keeps alive and unmoved (a detached heap that
// travels with it, `bif/b2t_yield.rs`); only the process that owns the
// job ever resumes it, one thread at a time (behind a mutex).
unsafe impl Send for Partial {}

/// How far a `Partial::run` got.
pub enum Progress {
    /// The term, and the bytes of the input it used.
    Done(Term, usize),
    /// The budget ran out first.
    More,
    /// Malformed input.
    Bad,
}

/// Work units a term costs beyond its first: one per 8 bytes copied, for
/// terms that carry many (BEAM's `B2T_MEMCPY_FACTOR`).
const BYTES_PER_UNIT: usize = 8;

impl Partial {
    /// Starts decoding an external term (inflating it first if it is
    /// compressed); `None` if its header is bad.
    pub fn start(bytes: &[u8], safe: bool) -> Option<Partial> {
        if bytes.first() != Some(&VERSION_MAGIC) {
            return None;
        }
        let (data, pos, zused) = if bytes.get(1) == Some(&COMPRESSED) {
            let size = u32::from_be_bytes(bytes.get(2..6)?.try_into().ok()?) as usize;
            let (data, zused) = inflate_exact(&bytes[6..], size)?;
            (data, 0, Some(6 + zused))
        } else {
            (bytes.to_vec(), 1, None)
        };
        Some(Partial {
            data,
            pos,
            safe,
            zused,
            cur: Cursor::new(),
        })
    }

    /// Decodes terms until the whole term is done, the input proves bad
    /// or `*budget` units are spent (a term is one unit, plus one per 8
    /// bytes of a long binary, string or atom); `*budget` is left with
    /// what remains. Everything is allocated with `ctx.alloc`.
    pub fn run(&mut self, ctx: &mut Ctx, budget: &mut usize) -> Progress {
        let mut d = Dec {
            b: &self.data,
            pos: self.pos,
            safe: self.safe,
        };
        let r = d.run(ctx, &mut self.cur, budget);
        self.pos = d.pos;
        match r {
            None => Progress::Bad,
            Some(None) => Progress::More,
            Some(Some(t)) => Progress::Done(t, self.zused.unwrap_or(self.pos)),
        }
    }
}

struct Dec<'a> {
    b: &'a [u8],
    pos: usize,
    safe: bool,
}

impl<'a> Dec<'a> {
    fn left(&self) -> usize {
        self.b.len() - self.pos
    }
    fn take(&mut self, n: usize) -> Option<&'a [u8]> {
        let s = self.b.get(self.pos..self.pos.checked_add(n)?)?;
        self.pos += n;
        Some(s)
    }
    fn u8(&mut self) -> Option<u8> {
        Some(self.take(1)?[0])
    }
    fn u16(&mut self) -> Option<usize> {
        Some(u16::from_be_bytes(self.take(2)?.try_into().ok()?) as usize)
    }
    fn u32(&mut self) -> Option<u32> {
        Some(u32::from_be_bytes(self.take(4)?.try_into().ok()?))
    }
    /// Fails unless at least `n` more bytes remain (each pending term
    /// needs one).
    fn need(&self, n: usize) -> Option<()> {
        (self.left() >= n).then_some(())
    }

    /// Decodes one whole term.
    fn term(&mut self, ctx: &mut Ctx) -> Option<Term> {
        let mut cur = Cursor::new();
        let mut unlimited = usize::MAX;
        self.run(ctx, &mut cur, &mut unlimited)?
    }

    /// Decodes terms into `cur`'s holes within `*budget` units: the
    /// whole term, `Some(None)` when the budget ran out, `None` on bad
    /// input.
    fn run(&mut self, ctx: &mut Ctx, cur: &mut Cursor, budget: &mut usize) -> Option<Option<Term>> {
        let Cursor { root, frames, dest } = cur;
        loop {
            if *budget == 0 {
                return Some(None);
            }
            let at = self.pos;
            self.step(ctx, *dest, frames)?;
            let extra = (self.pos - at) / BYTES_PER_UNIT;
            *budget = budget.saturating_sub(1 + extra);
            // The next hole to fill, completing finished maps.
            loop {
                match frames.last_mut() {
                    None => return Some(Some(Term(**root))),
                    Some(Frame::Seq { ptr, stride, left }) => {
                        if *left == 0 {
                            frames.pop();
                            continue;
                        }
                        *dest = *ptr;
                        // SAFETY: stays within (or one past) the object.
                        *ptr = unsafe { ptr.add(*stride) };
                        *left -= 1;
                        break;
                    }
                    Some(Frame::Map {
                        items,
                        next,
                        dest: d,
                    }) => {
                        if *next < items.len() {
                            // SAFETY: `items` never reallocates; `next` is in range.
                            *dest = unsafe { items.as_mut_ptr().add(*next) };
                            *next += 1;
                            break;
                        }
                        let d = *d;
                        let m = build_map(ctx, items)?;
                        // SAFETY: `d` is a hole of an enclosing frame or the root.
                        unsafe { *d = m.raw() };
                        frames.pop();
                    }
                }
            }
        }
    }

    /// Reads one tag at `pos` and writes its term (a container with holes,
    /// pushing the frame that fills them) to `dest`.
    fn step(&mut self, ctx: &mut Ctx, dest: *mut u64, frames: &mut Vec<Frame>) -> Option<()> {
        let mut tag = self.u8()?;
        // An empty LIST_EXT is just its tail (a loop: they may repeat).
        while tag == LIST_EXT && self.b.get(self.pos..self.pos + 4) == Some(&[0, 0, 0, 0]) {
            self.pos += 4;
            tag = self.u8()?;
        }
        let t = match tag {
            SMALL_INTEGER_EXT => Term::small(self.u8()? as i64),
            INTEGER_EXT => Term::small(self.u32()? as i32 as i64),
            SMALL_BIG_EXT => {
                let n = self.u8()? as usize;
                self.big(ctx, n)?
            }
            LARGE_BIG_EXT => {
                let n = self.u32()? as usize;
                self.big(ctx, n)?
            }
            NEW_FLOAT_EXT => {
                let f = f64::from_bits(u64::from_be_bytes(self.take(8)?.try_into().ok()?));
                if !f.is_finite() {
                    return None;
                }
                make_float(ctx, f)
            }
            FLOAT_EXT => {
                let f = parse_float_ext(self.take(31)?)?;
                make_float(ctx, f)
            }
            ATOM_EXT | SMALL_ATOM_EXT | ATOM_UTF8_EXT | SMALL_ATOM_UTF8_EXT => {
                self.atom_body(tag)?
            }
            ATOM_INTERNAL_REF2 | ATOM_INTERNAL_REF3 => self.atom_ref(tag)?,
            NIL_EXT => NIL,
            SMALL_TUPLE_EXT | LARGE_TUPLE_EXT => {
                let n = if tag == SMALL_TUPLE_EXT {
                    self.u8()? as usize
                } else {
                    self.u32()? as usize
                };
                self.need(n)?;
                let p = ctx.alloc(1 + n);
                // SAFETY: `p` holds 1 + n words.
                unsafe {
                    *p = make_header(n, HDR_TUPLE);
                    for i in 1..=n {
                        *p.add(i) = NIL.raw();
                    }
                }
                push_seq(frames, unsafe { p.add(1) }, 1, n);
                Term::boxed_from_ptr(p)
            }
            STRING_EXT => {
                let n = self.u16()?;
                let s = self.take(n)?;
                let elems: Vec<Term> = s.iter().map(|&c| Term::small(c as i64)).collect();
                crate::data::build::list_from_slice(ctx, &elems)
            }
            LIST_EXT => {
                let n = self.u32()? as usize;
                self.need(n.checked_add(1)?)?;
                let p = ctx.alloc(2 * n);
                // SAFETY: `p` holds n cons cells, linked in order; heads and
                // the last tail are holes.
                unsafe {
                    for i in 0..n {
                        *p.add(2 * i) = NIL.raw();
                        *p.add(2 * i + 1) = if i + 1 < n {
                            Term::list_from_ptr(p.add(2 * i + 2)).raw()
                        } else {
                            NIL.raw()
                        };
                    }
                    push_seq(frames, p.add(2 * n - 1), 1, 1);
                }
                push_seq(frames, p, 2, n);
                Term::list_from_ptr(p)
            }
            BINARY_EXT => {
                let n = self.u32()? as usize;
                let b = self.take(n)?;
                crate::data::binary::build::make_binary(ctx, b)
            }
            BIT_BINARY_EXT => {
                let n = self.u32()? as usize;
                let bits = self.u8()? as usize;
                if (bits == 0) != (n == 0) || bits > 8 {
                    return None;
                }
                let b = self.take(n)?;
                if n == 0 {
                    crate::data::binary::build::make_binary(ctx, b)
                } else {
                    crate::data::binary::build::make_bitstring(ctx, b, (n - 1) * 8 + bits)
                }
            }
            MAP_EXT => {
                let n = self.u32()? as usize;
                self.need(n.checked_mul(2)?)?;
                if n == 0 {
                    crate::data::map::empty(ctx)
                } else {
                    frames.push(Frame::Map {
                        items: vec![NIL.raw(); 2 * n],
                        next: 0,
                        dest,
                    });
                    // Written when the map is complete.
                    return Some(());
                }
            }
            NEW_PID_EXT | PID_EXT => self.pid_body(ctx, tag)?,
            NEW_PORT_EXT | PORT_EXT | V4_PORT_EXT => {
                let name = self.atom()?;
                let id = if tag == V4_PORT_EXT {
                    u64::from_be_bytes(self.take(8)?.try_into().ok()?)
                } else {
                    self.u32()? as u64
                };
                let node = self.creation(name, tag == PORT_EXT)?;
                if !node.is_this() {
                    ext_ident::make_port(ctx, node, id)
                } else if id >= 1 << 59 {
                    return None;
                } else {
                    Term::port(id)
                }
            }
            NEWER_REFERENCE_EXT | NEW_REFERENCE_EXT | REFERENCE_EXT => {
                let len = if tag == REFERENCE_EXT { 1 } else { self.u16()? };
                let name = self.atom()?;
                // The old format has its one number before the creation.
                let old_id = if tag == REFERENCE_EXT {
                    Some(self.u32()?)
                } else {
                    None
                };
                let node = self.creation(name, tag != NEWER_REFERENCE_EXT)?;
                if len > ext_ident::MAX_REF_NUMBERS {
                    return None;
                }
                let mut nums = [0u32; ext_ident::MAX_REF_NUMBERS];
                for n in nums.iter_mut().take(len) {
                    *n = match old_id {
                        Some(id) => id,
                        None => self.u32()?,
                    };
                }
                let nums = &nums[..len];
                if !node.is_this() {
                    let t = ext_ident::make_ref(ctx, node, nums);
                    // SAFETY: `dest` is a hole of the current frame or the root.
                    unsafe { *dest = t.raw() };
                    return Some(());
                }
                if !(1..=3).contains(&len) {
                    return None;
                }
                let mut ids = [0u64; 4];
                for (id, &n) in ids.iter_mut().zip(nums) {
                    *id = n as u64;
                }
                // BEAM: a local reference's first number has 18 bits.
                if ids[0] >= 1 << 18 {
                    return None;
                }
                // A live magic reference decodes back to itself, as on erl.
                crate::data::resource::ref_from_ids(
                    ctx,
                    ids[2] | ids[3] << 32,
                    ids[0] | ids[1] << 32,
                )
            }
            EXPORT_EXT => {
                let m = self.atom()?;
                let f = self.atom()?;
                // BEAM accepts any non-negative small arity here.
                let a = self.small_int()?;
                if a < 0 {
                    return None;
                }
                let e = if self.safe {
                    crate::code::export::lookup(m, f, a as u32)?
                } else {
                    crate::code::export::get_or_create(m, f, a as u32)
                };
                let p = ctx.alloc(crate::code::module::EXPORT_FUN_WORDS);
                // SAFETY: `p` holds 2 words; export entries are never freed.
                unsafe {
                    *p = make_header(1, HDR_EXPORT);
                    *p.add(1) = e as *const crate::code::export::Export as u64;
                }
                Term::boxed_from_ptr(p)
            }
            NEW_FUN_EXT => return self.fun(ctx, dest, frames),
            _ => return None,
        };
        // SAFETY: `dest` is a hole of the current frame or the root.
        unsafe { *dest = t.raw() };
        Some(())
    }

    fn big(&mut self, ctx: &mut Ctx, n: usize) -> Option<Term> {
        let neg = self.u8()?;
        let mag = self.take(n)?;
        let v = BigInt::from_bytes_le(num_bigint::Sign::Plus, mag);
        let v = if neg != 0 { -v } else { v };
        Some(crate::data::big::make_integer(ctx, &v))
    }

    /// An atom's text after its tag; `safe` refuses atoms that do not exist.
    fn atom_body(&mut self, tag: u8) -> Option<Term> {
        let n = match tag {
            ATOM_EXT | ATOM_UTF8_EXT => self.u16()?,
            _ => self.u8()? as usize,
        };
        let bytes = self.take(n)?;
        // Latin-1 text is its UTF-8 when ASCII (nearly always): no copy.
        let latin1 = tag == ATOM_EXT || tag == SMALL_ATOM_EXT;
        let name: std::borrow::Cow<str> = if latin1 && !bytes.is_ascii() {
            bytes.iter().map(|&c| c as char).collect::<String>().into()
        } else {
            std::str::from_utf8(bytes).ok()?.into()
        };
        // No more characters than bytes.
        if name.len() > atom::MAX_ATOM_CHARS && name.chars().count() > atom::MAX_ATOM_CHARS {
            return None;
        }
        cached_atom(&name, self.safe)
    }

    /// An atom by its index in the atom table (the local formats).
    fn atom_ref(&mut self, tag: u8) -> Option<Term> {
        let b = self.take(if tag == ATOM_INTERNAL_REF2 { 2 } else { 3 })?;
        let n = b.iter().fold(0usize, |n, &x| n << 8 | x as usize);
        // Any index the table has (girder's atoms below 1073 are
        // BEAM's own, at BEAM's indexes: atom_beam.rs).
        (n < atom::count()).then(|| Term::atom(n as u32))
    }

    /// A complete atom term (tag included), in any atom format.
    fn atom(&mut self) -> Option<Term> {
        let tag = self.u8()?;
        match tag {
            ATOM_EXT | SMALL_ATOM_EXT | ATOM_UTF8_EXT | SMALL_ATOM_UTF8_EXT => self.atom_body(tag),
            ATOM_INTERNAL_REF2 | ATOM_INTERNAL_REF3 => self.atom_ref(tag),
            _ => None,
        }
    }

    /// A small integer term (tag included).
    fn small_int(&mut self) -> Option<i64> {
        match self.u8()? {
            SMALL_INTEGER_EXT => Some(self.u8()? as i64),
            INTEGER_EXT => Some(self.u32()? as i32 as i64),
            _ => None,
        }
    }

    /// A pid after its tag: local if its node is this node (BEAM's
    /// number and serial limits apply then), else external.
    fn pid_body(&mut self, ctx: &mut Ctx, tag: u8) -> Option<Term> {
        let name = self.atom()?;
        let id = self.u32()?;
        let serial = self.u32()?;
        let node = self.creation(name, tag == PID_EXT)?;
        if !node.is_this() {
            return Some(ext_ident::make_pid(ctx, node, id, serial));
        }
        if id >= 1 << 15 || serial >= 1 << 13 {
            return None;
        }
        Some(Term::pid((serial as u64) << 15 | id as u64))
    }

    /// The node of an identifier: `name` and the creation that follows
    /// (one byte, at most 3, in the old formats; else four bytes).
    fn creation(&mut self, name: Term, tiny: bool) -> Option<ext_ident::Node> {
        let creation = if tiny {
            let c = self.u8()? as u32;
            if c > 3 {
                return None;
            }
            c
        } else {
            self.u32()?
        };
        Some(ext_ident::Node { name, creation })
    }

    /// `NEW_FUN_EXT`: the closure of a loaded module's lambda.
    fn fun(&mut self, ctx: &mut Ctx, dest: *mut u64, frames: &mut Vec<Frame>) -> Option<()> {
        let _size = self.u32()?;
        let arity = self.u8()? as u32;
        let _uniq = self.take(16)?;
        let index = self.u32()?;
        let nfree = self.u32()? as usize;
        // BEAM's decoder refuses more free variables than a function
        // may have arguments (MAX_ARG, 255).
        if nfree > 255 {
            return None;
        }
        let module = self.atom()?;
        let _old_index = self.small_int()?;
        let old_uniq = self.small_int()?;
        match self.u8()? {
            t @ (NEW_PID_EXT | PID_EXT) => self.pid_body(ctx, t)?,
            _ => return None,
        };
        self.need(nfree)?;
        // The entry exists if any version of the module was loaded; else
        // it is made unbound, and loading the module binds it (BEAM too
        // decodes funs of modules it has not loaded).
        let fe = crate::code::module::fun_entry_by_key(
            module,
            arity,
            nfree as u32,
            index,
            old_uniq as u32,
        );
        let p = ctx.alloc(2 + nfree);
        // SAFETY: `p` holds the closure; free variables are holes.
        unsafe {
            *p = make_header(1 + nfree, HDR_FUN);
            *p.add(1) = fe as *const crate::code::module::FunEntry as u64;
            for i in 0..nfree {
                *p.add(2 + i) = NIL.raw();
            }
            *dest = Term::boxed_from_ptr(p).raw();
            push_seq(frames, p.add(2), 1, nfree);
        }
        Some(())
    }
}

/// Slots of the per-thread cache of decoded atoms.
const ATOM_CACHE_SLOTS: usize = 1024;

thread_local! {
    /// Atom indexes by a hash of their names (0: empty; atom 0 is
    /// `false`, checked like any other). Decoding the same atoms again
    /// and again (a map's keys, a record's tag) then costs a hash and a
    /// compare with the atom's name, not a lock and a table probe.
    static ATOM_CACHE: std::cell::RefCell<[u32; ATOM_CACHE_SLOTS]> =
        const { std::cell::RefCell::new([0; ATOM_CACHE_SLOTS]) };
}

/// The atom named `name`, created unless `safe` (then only if it exists).
fn cached_atom(name: &str, safe: bool) -> Option<Term> {
    let h = name.bytes().fold(0x811c_9dc5u32, |h, b| {
        (h ^ b as u32).wrapping_mul(0x0100_0193)
    });
    let slot = (h ^ (h >> 16)) as usize % ATOM_CACHE_SLOTS;
    let hit = ATOM_CACHE.with(|c| c.borrow()[slot]);
    // Atoms are never freed or renamed: a cached index stays right.
    if atom::name(Term::atom(hit)) == name {
        return Some(Term::atom(hit));
    }
    let t = if safe {
        atom::lookup(name)?
    } else {
        atom::intern(name)
    };
    ATOM_CACHE.with(|c| c.borrow_mut()[slot] = t.atom_index());
    Some(t)
}

fn push_seq(frames: &mut Vec<Frame>, ptr: *mut u64, stride: usize, left: usize) {
    if left > 0 {
        frames.push(Frame::Seq { ptr, stride, left });
    }
}

/// A map from decoded keys and values; duplicate keys are an error.
/// `from_pairs` keeps one of equal keys, so a map smaller than the pairs
/// had duplicates (no sort of its own: keys are compared once, there).
fn build_map(ctx: &mut Ctx, items: &[u64]) -> Option<Term> {
    let pairs: Vec<(Term, Term)> = items
        .chunks(2)
        .map(|kv| (Term(kv[0]), Term(kv[1])))
        .collect();
    let n = pairs.len();
    let m = crate::data::map::from_pairs(ctx, pairs);
    (crate::data::map::size(m) == n).then_some(m)
}

/// `FLOAT_EXT`: a C-formatted float in 31 bytes, NUL padded. BEAM accepts
/// `[+-]digits[.,]digits[(e|E)[+-]digits]` and nothing else; overflow is an
/// error, underflow gives zero.
fn parse_float_ext(raw: &[u8]) -> Option<f64> {
    let end = raw.iter().position(|&c| c == 0).unwrap_or(raw.len());
    let s = &raw[..end];
    let mut i = 0;
    let digits = |i: &mut usize| {
        let st = *i;
        while *i < s.len() && s[*i].is_ascii_digit() {
            *i += 1;
        }
        *i > st
    };
    if i < s.len() && (s[i] == b'+' || s[i] == b'-') {
        i += 1;
    }
    if !digits(&mut i) || i >= s.len() || (s[i] != b'.' && s[i] != b',') {
        return None;
    }
    i += 1;
    if !digits(&mut i) {
        return None;
    }
    if i < s.len() && (s[i] == b'e' || s[i] == b'E') {
        i += 1;
        if i < s.len() && (s[i] == b'+' || s[i] == b'-') {
            i += 1;
        }
        if !digits(&mut i) {
            return None;
        }
    }
    if i != s.len() {
        return None;
    }
    let text: String = s
        .iter()
        .map(|&c| if c == b',' { '.' } else { c as char })
        .collect();
    let f: f64 = text.parse().ok()?;
    f.is_finite().then_some(f)
}
