//! `file:native_name_encoding/0`: how file names are encoded, `utf8` or
//! `latin1`.
//!
//! BEAM on Unix decides once at start-up, without a `+fnu`/`+fnl` flag,
//! from the locale's character set (`setlocale(LC_CTYPE, "")`, then
//! `nl_langinfo(CODESET)`): UTF-8 gives `utf8`, anything else `latin1`
//! (so does a locale the environment names but the system does not have:
//! it stays "C"). Girder asks the C library the same question through
//! `newlocale`, which leaves the process's own locale alone.

use super::{bif, BifDef};
use crate::heap::ctx::Ctx;
use crate::term::atom;
use crate::term::Term;
use std::sync::OnceLock;

pub const BIFS: &[BifDef] = &[bif!(
    "file",
    "native_name_encoding",
    0,
    native_name_encoding_0
)];

/// Whether a character set name is UTF-8 (`UTF-8`, `utf8`).
fn is_utf8_codeset(name: &str) -> bool {
    let c: String = name.chars().filter(|c| *c != '-').collect();
    c.eq_ignore_ascii_case("utf8")
}

/// The character set of the environment's LC_CTYPE locale, if the C
/// library has that locale.
fn env_codeset() -> Option<String> {
    // SAFETY: newlocale with an empty name reads the environment and
    // returns a fresh locale object (or null); nl_langinfo_l returns a
    // NUL-terminated string owned by that object, copied before it is
    // freed.
    unsafe {
        let loc = libc::newlocale(libc::LC_CTYPE_MASK, c"".as_ptr(), std::ptr::null_mut());
        if loc.is_null() {
            return None;
        }
        let p = libc::nl_langinfo_l(libc::CODESET, loc);
        let s = (!p.is_null()).then(|| std::ffi::CStr::from_ptr(p).to_string_lossy().into_owned());
        libc::freelocale(loc);
        s
    }
}

/// True if file names are UTF-8 (decided once, like BEAM).
pub fn utf8_names() -> bool {
    static UTF8: OnceLock<bool> = OnceLock::new();
    *UTF8.get_or_init(|| env_codeset().is_some_and(|c| is_utf8_codeset(&c)))
}

fn native_name_encoding_0(_ctx: &mut Ctx, _args: &[Term; 0]) -> Term {
    atom::intern(if utf8_names() { "utf8" } else { "latin1" })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codesets() {
        assert!(is_utf8_codeset("UTF-8"));
        assert!(is_utf8_codeset("utf8"));
        assert!(!is_utf8_codeset("ANSI_X3.4-1968"));
        assert!(!is_utf8_codeset("ISO-8859-1"));
        assert!(!is_utf8_codeset(""));
        // Whatever the environment says, asking does not fail.
        let _ = env_codeset();
    }
}
