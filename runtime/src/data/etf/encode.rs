//! `term_to_binary`: a term to BEAM's external format bytes. The walk
//! over containers is `walk::Walk` (iterative and resumable, so deep and
//! long terms are fine); this file encodes the atomic parts.

use super::*;
use crate::code::export::Export;
use crate::code::module::FunEntry;
use crate::term::atom;
use crate::term::*;

/// Encoding options (`term_to_binary/2`).
#[derive(Clone, Copy, Debug)]
pub struct Opts {
    /// 0: floats as `FLOAT_EXT`; 1 (default): `NEW_FLOAT_EXT`; 2: atoms
    /// always UTF-8.
    pub minor: u8,
    /// Maps in key order whatever their representation.
    pub deterministic: bool,
    /// The pid written as a fun's creator.
    pub self_pid: Term,
}

impl Default for Opts {
    fn default() -> Opts {
        Opts {
            minor: 1,
            deterministic: false,
            self_pid: Term::pid(0),
        }
    }
}

/// The encoding of `t` with the version byte, or `None` for a term that
/// has no external form (match states). In one go: no budget.
pub fn encode(t: Term, opts: &Opts) -> Option<Vec<u8>> {
    let mut w = super::walk::Walk::new(t, *opts);
    let mut budget = usize::MAX;
    match w.run(&mut budget) {
        super::walk::Stop::Done => Some(w.out),
        _ => None,
    }
}

/// `erlang:external_size/1,2`: BEAM's upper bound, which is the exact size
/// except for local funs (their old index is counted as 5 bytes).
pub fn external_size(t: Term, opts: &Opts) -> Option<usize> {
    let bytes = encode(t, opts)?;
    Some(bytes.len() + fun_slack(t))
}

/// Extra bytes BEAM's size estimate counts for the local funs in `t`.
fn fun_slack(t: Term) -> usize {
    let mut extra = 0;
    let mut stack = vec![t];
    while let Some(t) = stack.pop() {
        if t.is_list() {
            // SAFETY: list terms point at cons cells.
            unsafe { stack.extend([t.head(), t.tail()]) };
        } else if t.is_tuple() {
            // SAFETY: `t` is a tuple.
            unsafe { (0..t.tuple_arity()).for_each(|i| stack.push(t.tuple_elem(i))) };
        } else if crate::data::map::is_map(t) {
            for (k, v) in crate::data::map::pairs(t) {
                stack.extend([k, v]);
            }
        } else if t.is_boxed_of(HDR_FUN) {
            // SAFETY: a closure's word 1 is its FunEntry; free vars follow.
            unsafe {
                let p = t.boxed_ptr();
                let fe = &*(*p.add(1) as *const FunEntry);
                extra += 5 - int_size(fe.index as i64);
                for i in 2..=header_arity(*p) {
                    stack.push(Term(*p.add(i)));
                }
            }
        }
    }
    extra
}

/// Encoded size of a small integer.
fn int_size(v: i64) -> usize {
    if (0..=255).contains(&v) {
        2
    } else {
        5
    }
}

fn put_u16(out: &mut Vec<u8>, v: u16) {
    out.extend_from_slice(&v.to_be_bytes());
}
fn put_u32(out: &mut Vec<u8>, v: u32) {
    out.extend_from_slice(&v.to_be_bytes());
}

/// Encodes `t` when it is atomic and not boxed (integers that fit a
/// word, atoms, `[]`, pids, ports); false for anything else.
#[inline]
pub(super) fn enc_simple(out: &mut Vec<u8>, t: Term, o: &Opts) -> bool {
    if t.is_small() {
        enc_int(out, t.small_value());
    } else if t.is_atom() {
        enc_atom(out, t, o);
    } else if t.is_nil() {
        out.push(NIL_EXT);
    } else if t.is_pid() {
        enc_pid(out, t, o);
    } else if t.is_port() {
        let n = t.port_number();
        if n <= u32::MAX as u64 {
            out.push(NEW_PORT_EXT);
            enc_local_node(out, o);
            put_u32(out, n as u32);
        } else {
            out.push(V4_PORT_EXT);
            enc_local_node(out, o);
            out.extend_from_slice(&n.to_be_bytes());
        }
        put_u32(out, LOCAL_CREATION);
    } else {
        return false;
    }
    true
}

fn enc_int(out: &mut Vec<u8>, v: i64) {
    if (0..=255).contains(&v) {
        out.push(SMALL_INTEGER_EXT);
        out.push(v as u8);
    } else if v >= i32::MIN as i64 && v <= i32::MAX as i64 {
        out.push(INTEGER_EXT);
        put_u32(out, v as i32 as u32);
    } else {
        let mag = v.unsigned_abs().to_le_bytes();
        let n = 8 - mag.iter().rev().take_while(|&&b| b == 0).count();
        out.push(SMALL_BIG_EXT);
        out.push(n as u8);
        out.push((v < 0) as u8);
        out.extend_from_slice(&mag[..n]);
    }
}

/// Atoms: latin-1 names as `ATOM_EXT` below minor version 2, otherwise
/// (and for names outside latin-1) UTF-8, the small form when it fits.
fn enc_atom(out: &mut Vec<u8>, a: Term, o: &Opts) {
    enc_atom_name(out, atom::name(a), o);
}

fn enc_atom_name(out: &mut Vec<u8>, name: &str, o: &Opts) {
    if o.minor < 2 && name.chars().all(|c| (c as u32) < 256) {
        out.push(ATOM_EXT);
        put_u16(out, name.chars().count() as u16);
        out.extend(name.chars().map(|c| c as u8));
        return;
    }
    let b = name.as_bytes();
    if b.len() < 256 {
        out.push(SMALL_ATOM_UTF8_EXT);
        out.push(b.len() as u8);
    } else {
        out.push(ATOM_UTF8_EXT);
        put_u16(out, b.len() as u16);
    }
    out.extend_from_slice(b);
}

fn enc_local_node(out: &mut Vec<u8>, o: &Opts) {
    enc_atom_name(out, LOCAL_NODE, o);
}

fn enc_pid(out: &mut Vec<u8>, t: Term, o: &Opts) {
    let n = t.pid_number();
    out.push(NEW_PID_EXT);
    enc_local_node(out, o);
    put_u32(out, (n & 0x7fff) as u32);
    put_u32(out, (n >> 15) as u32);
    put_u32(out, LOCAL_CREATION);
}

/// A pid, port or reference of another node (`ext_ident`), in the
/// formats BEAM writes: `NEW_PID_EXT`, `NEW_PORT_EXT` (or `V4_PORT_EXT`
/// for numbers above 32 bits), `NEWER_REFERENCE_EXT`.
fn enc_ext_ident(out: &mut Vec<u8>, t: Term, o: &Opts) -> Option<()> {
    use crate::data::ext_ident;
    if let Some((node, num, ser)) = ext_ident::pid_parts(t) {
        out.push(NEW_PID_EXT);
        enc_atom(out, node.name, o);
        put_u32(out, num);
        put_u32(out, ser);
        put_u32(out, node.creation);
    } else if let Some((node, num)) = ext_ident::port_parts(t) {
        if num <= u32::MAX as u64 {
            out.push(NEW_PORT_EXT);
            enc_atom(out, node.name, o);
            put_u32(out, num as u32);
        } else {
            out.push(V4_PORT_EXT);
            enc_atom(out, node.name, o);
            out.extend_from_slice(&num.to_be_bytes());
        }
        put_u32(out, node.creation);
    } else {
        let (node, nums) = ext_ident::ext_ref_parts(t)?;
        out.push(NEWER_REFERENCE_EXT);
        put_u16(out, nums.len() as u16);
        enc_atom(out, node.name, o);
        put_u32(out, node.creation);
        for n in nums {
            put_u32(out, n);
        }
    }
    Some(())
}

/// Encodes a boxed term that holds no other terms (bignums, floats,
/// references, external funs); `None` for anything else.
pub(super) fn enc_boxed_head(out: &mut Vec<u8>, t: Term, o: &Opts) -> Option<()> {
    // SAFETY: boxed terms point at a valid header.
    let hdr = unsafe { t.header() };
    let p = t.boxed_ptr();
    match header_subtag(hdr) {
        HDR_POS_BIG | HDR_NEG_BIG => {
            // SAFETY: `t` is a bignum.
            let (neg, limbs) = unsafe {
                (
                    crate::data::big::big_is_negative(t),
                    crate::data::big::big_limbs(t),
                )
            };
            let mut bytes: Vec<u8> = limbs.iter().flat_map(|l| l.to_le_bytes()).collect();
            while bytes.last() == Some(&0) {
                bytes.pop();
            }
            if bytes.len() < 256 {
                out.push(SMALL_BIG_EXT);
                out.push(bytes.len() as u8);
            } else {
                out.push(LARGE_BIG_EXT);
                put_u32(out, bytes.len() as u32);
            }
            out.push(neg as u8);
            out.extend_from_slice(&bytes);
        }
        HDR_FLOAT => {
            // SAFETY: `t` is a float.
            let f = unsafe { t.float_value() };
            if o.minor == 0 {
                out.push(FLOAT_EXT);
                let s = c_exp20(f);
                let mut buf = [0u8; 31];
                let n = s.len().min(31);
                buf[..n].copy_from_slice(&s.as_bytes()[..n]);
                out.extend_from_slice(&buf);
            } else {
                out.push(NEW_FLOAT_EXT);
                out.extend_from_slice(&f.to_bits().to_be_bytes());
            }
        }
        HDR_REF => {
            // SAFETY: a local ref holds two raw id words.
            let (hi, lo) = unsafe { (*p.add(1), *p.add(2)) };
            let mut ids = vec![lo as u32, (lo >> 32) as u32, hi as u32];
            if hi >> 32 != 0 {
                ids.push((hi >> 32) as u32);
            }
            out.push(NEWER_REFERENCE_EXT);
            put_u16(out, ids.len() as u16);
            enc_local_node(out, o);
            put_u32(out, LOCAL_CREATION);
            for id in ids {
                put_u32(out, id);
            }
        }
        HDR_EXT_PID | HDR_EXT_PORT | HDR_EXT_REF => enc_ext_ident(out, t, o)?,
        HDR_EXPORT => {
            // SAFETY: word 1 of an external fun is its export entry.
            let e = unsafe { &*(*p.add(1) as *const Export) };
            out.push(EXPORT_EXT);
            enc_atom(out, e.module, o);
            enc_atom(out, e.function, o);
            out.push(SMALL_INTEGER_EXT);
            out.push(e.arity as u8);
        }
        _ => return None,
    }
    Some(())
}

/// `NEW_FUN_EXT` up to its free variables: size (0 here, patched once
/// the free variables are written), arity, module MD5, index, free count,
/// module, old index, old uniq, creator pid. Returns the free count (the
/// free variables are words 2.. of the closure).
pub(super) fn enc_fun_head(out: &mut Vec<u8>, t: Term, o: &Opts) -> usize {
    let p = t.boxed_ptr();
    // SAFETY: a closure's word 1 is its FunEntry, free variables follow.
    let (fe, nfree) = unsafe { (&*(*p.add(1) as *const FunEntry), header_arity(*p) - 1) };
    out.push(NEW_FUN_EXT);
    put_u32(out, 0);
    out.push(fe.arity as u8);
    out.extend_from_slice(&module_md5(fe.module));
    put_u32(out, fe.index);
    put_u32(out, nfree as u32);
    enc_atom(out, fe.module, o);
    enc_int(out, fe.index as i64);
    enc_int(out, fe.old_uniq as i32 as i64);
    enc_pid(out, o.self_pid, o);
    nfree
}

/// The module's MD5 as BEAM reports it: the compiler's default `vsn`
/// attribute is that digest as an integer. Zeros when unknown.
pub fn module_md5(m: Term) -> [u8; 16] {
    let mut md5 = [0u8; 16];
    let Some(info) = crate::code::module::get(m) else {
        return md5;
    };
    let Some(attrs) = crate::data::build::list_to_vec(info.attributes) else {
        return md5;
    };
    let vsn = atom::intern("vsn");
    for a in attrs {
        // SAFETY: tuples are checked before reading elements.
        unsafe {
            if !a.is_tuple() || a.tuple_arity() != 2 || a.tuple_elem(0) != vsn {
                continue;
            }
            let v = a.tuple_elem(1);
            if !v.is_list() || !v.tail().is_nil() || !v.head().is_integer() {
                continue;
            }
            let n = crate::data::big::to_big(v.head());
            let (_, bytes) = n.to_bytes_be();
            if bytes.len() <= 16 {
                md5[16 - bytes.len()..].copy_from_slice(&bytes);
            }
        }
        break;
    }
    md5
}

/// C's `printf("%.20e", f)`, which BEAM's `FLOAT_EXT` holds.
pub fn c_exp20(f: f64) -> String {
    let s = format!("{f:.20e}");
    let (mant, exp) = s.split_once('e').unwrap_or((&s, "0"));
    let e: i32 = exp.parse().unwrap_or(0);
    let sign = if e < 0 { '-' } else { '+' };
    format!("{mant}e{sign}{:02}", e.unsigned_abs())
}
