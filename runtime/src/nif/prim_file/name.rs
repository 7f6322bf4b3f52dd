//! File names between Erlang and the system: `prim_file`'s BIFs
//! `internal_name2native/1`, `internal_native2name/1` and
//! `is_translatable/1`, and the check every path NIF makes on the encoded
//! name (`efile_marshal_path`).
//!
//! With `utf8` file names (the usual locale), a name given as a list of
//! code points is encoded as UTF-8; with `latin1` names every code point
//! must fit a byte. A binary is taken as it is (its whole bytes: a
//! trailing partial byte is dropped, as erl does). Either way the result
//! ends in one NUL and may not contain another; lists may be deep but
//! hold only characters (atoms, binaries and improper lists are erl's
//! `badarg`).

use crate::data::binary::view;
use crate::term::Term;
use std::ffi::CString;

/// The native form of name `t` (NUL-terminated), or `None` (badarg).
pub fn name2native(t: Term, utf8: bool) -> Option<Vec<u8>> {
    let mut out = Vec::new();
    if let Some(v) = view(t) {
        let whole = v.slice(0, v.bits - v.bits % 8);
        out.extend_from_slice(&whole.to_vec());
    } else {
        push_chars(t, utf8, &mut out)?;
    }
    if out.contains(&0) {
        return None;
    }
    out.push(0);
    Some(out)
}

/// Appends the characters of the (possibly deep) list `t`, encoded. The
/// tails still to walk are kept on a heap stack, not the Rust stack, so
/// any nesting depth is fine.
fn push_chars(t: Term, utf8: bool, out: &mut Vec<u8>) -> Option<()> {
    let mut pending = vec![t];
    while let Some(mut l) = pending.pop() {
        while l.is_list() {
            // SAFETY: `l` is a cons cell.
            let (h, tl) = unsafe { (l.head(), l.tail()) };
            if h.is_list() || h.is_nil() {
                pending.push(tl);
                l = h;
                continue;
            }
            if !h.is_small() {
                return None;
            }
            let c = h.small_value();
            let ok = if utf8 {
                (1..=0x10FFFF).contains(&c) && !(0xD800..=0xDFFF).contains(&c)
            } else {
                (1..=255).contains(&c)
            };
            if !ok {
                return None;
            }
            if utf8 {
                let ch = char::from_u32(c as u32)?;
                let mut buf = [0u8; 4];
                out.extend_from_slice(ch.encode_utf8(&mut buf).as_bytes());
            } else {
                out.push(c as u8);
            }
            l = tl;
        }
        if !l.is_nil() {
            return None;
        }
    }
    Some(())
}

/// How a native name reads back: the code points, or `None` when the
/// bytes are not valid in the name encoding (erl: `{error, warning}`).
pub fn native2name(bytes: &[u8], utf8: bool) -> Option<Vec<u32>> {
    if !utf8 {
        return Some(bytes.iter().map(|&b| b as u32).collect());
    }
    std::str::from_utf8(bytes)
        .ok()
        .map(|s| s.chars().map(|c| c as u32).collect())
}

/// `is_translatable/1` on the bytes of a binary.
pub fn is_translatable(bytes: &[u8], utf8: bool) -> bool {
    !utf8 || std::str::from_utf8(bytes).is_ok()
}

/// The C path behind an encoded name (a binary ending in NUL, possibly
/// several, and no NUL before them), or `EINVAL` as the NIFs answer.
pub fn marshal(t: Term) -> super::Res<CString> {
    let v = view(t).filter(|v| v.bits % 8 == 0).ok_or(libc::EINVAL)?;
    let bytes = v.to_vec();
    let first_nul = bytes.iter().position(|&b| b == 0).ok_or(libc::EINVAL)?;
    if bytes[first_nul..].iter().any(|&b| b != 0) {
        return Err(libc::EINVAL);
    }
    CString::new(&bytes[..first_nul]).map_err(|_| libc::EINVAL)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn native_back_to_names() {
        assert_eq!(native2name(b"ab", true), Some(vec![97, 98]));
        assert_eq!(native2name(&[255], true), None);
        assert_eq!(native2name(&[255], false), Some(vec![255]));
        assert_eq!(native2name("é".as_bytes(), true), Some(vec![0xE9]));
        assert!(is_translatable(b"abc", true));
        assert!(!is_translatable(&[0xC3], true));
        assert!(is_translatable(&[0xC3], false));
    }
}
