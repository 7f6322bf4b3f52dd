//! PCRE character tables for ISO-8859-1, as OTP's embedded PCRE uses
//! (its pcre_chartables.c was generated in a Latin-1 locale): `é` is a
//! word character and `É`/`é` match caselessly even without `unicode`.
//! Built the way `pcre2_maketables` builds them from <ctype.h>, with
//! glibc's Latin-1 classification in place of the C locale's.

use std::sync::OnceLock;

const CBIT_SPACE: usize = 0;
const CBIT_XDIGIT: usize = 32;
const CBIT_DIGIT: usize = 64;
const CBIT_UPPER: usize = 96;
const CBIT_LOWER: usize = 128;
const CBIT_WORD: usize = 160;
const CBIT_GRAPH: usize = 192;
const CBIT_PRINT: usize = 224;
const CBIT_PUNCT: usize = 256;
const CBIT_CNTRL: usize = 288;
const CBIT_LENGTH: usize = 320;
const TABLES_LENGTH: usize = 256 + 256 + CBIT_LENGTH + 256;

/// A `<ctype.h>` classification of the 256 byte values.
struct Ctype {
    latin1: bool,
}

impl Ctype {
    fn upper(&self, c: u8) -> bool {
        c.is_ascii_uppercase() || self.latin1 && matches!(c, 0xC0..=0xDE) && c != 0xD7
    }
    fn lower(&self, c: u8) -> bool {
        c.is_ascii_lowercase()
            || self.latin1 && (matches!(c, 0xAA | 0xB5 | 0xBA | 0xDF..=0xFF) && c != 0xF7)
    }
    fn alpha(&self, c: u8) -> bool {
        self.upper(c) || self.lower(c)
    }
    fn digit(&self, c: u8) -> bool {
        c.is_ascii_digit()
    }
    fn alnum(&self, c: u8) -> bool {
        self.alpha(c) || self.digit(c)
    }
    fn space(&self, c: u8) -> bool {
        matches!(c, b' ' | b'\t'..=b'\r')
    }
    fn xdigit(&self, c: u8) -> bool {
        c.is_ascii_hexdigit()
    }
    fn print(&self, c: u8) -> bool {
        matches!(c, 0x20..=0x7E) || self.latin1 && c >= 0xA0
    }
    fn graph(&self, c: u8) -> bool {
        matches!(c, 0x21..=0x7E) || self.latin1 && c >= 0xA0
    }
    fn punct(&self, c: u8) -> bool {
        self.graph(c) && !self.alnum(c)
    }
    fn cntrl(&self, c: u8) -> bool {
        c < 0x20 || c == 0x7F || self.latin1 && matches!(c, 0x80..=0x9F)
    }
    fn to_lower(&self, c: u8) -> u8 {
        if self.upper(c) {
            c + 0x20
        } else {
            c
        }
    }
    fn to_upper(&self, c: u8) -> u8 {
        if self.lower(c) && (c.is_ascii_lowercase() || matches!(c, 0xE0..=0xFE)) {
            c - 0x20
        } else {
            c
        }
    }
}

fn make(ct: &Ctype) -> Vec<u8> {
    let mut t = Vec::with_capacity(TABLES_LENGTH);
    t.extend((0..=255u8).map(|c| ct.to_lower(c)));
    t.extend((0..=255u8).map(|c| {
        if ct.lower(c) {
            ct.to_upper(c)
        } else {
            ct.to_lower(c)
        }
    }));
    let mut cb = [0u8; CBIT_LENGTH];
    for c in 0..=255u8 {
        let bit = 1u8 << (c & 7);
        let i = c as usize / 8;
        let classes = [
            (ct.digit(c), CBIT_DIGIT),
            (ct.upper(c), CBIT_UPPER),
            (ct.lower(c), CBIT_LOWER),
            (ct.alnum(c) || c == b'_', CBIT_WORD),
            (ct.space(c), CBIT_SPACE),
            (ct.xdigit(c), CBIT_XDIGIT),
            (ct.graph(c), CBIT_GRAPH),
            (ct.print(c), CBIT_PRINT),
            (ct.punct(c), CBIT_PUNCT),
            (ct.cntrl(c), CBIT_CNTRL),
        ];
        for (yes, base) in classes {
            if yes {
                cb[base + i] |= bit;
            }
        }
    }
    t.extend_from_slice(&cb);
    t.extend((0..=255u8).map(|c| {
        (ct.space(c) as u8)
            | (ct.alpha(c) as u8) << 1
            | (ct.lower(c) as u8) << 2
            | (ct.digit(c) as u8) << 3
            | ((ct.alnum(c) || c == b'_') as u8) << 4
    }));
    t
}

/// The Latin-1 tables (static for the program's lifetime, as PCRE2
/// requires of tables passed to a compile context).
pub fn latin1() -> &'static [u8] {
    static T: OnceLock<Vec<u8>> = OnceLock::new();
    T.get_or_init(|| make(&Ctype { latin1: true }))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// With the C locale's classification the builder must reproduce
    /// PCRE2's own `pcre2_maketables` output (the process never calls
    /// setlocale, so that is the C locale).
    #[test]
    fn c_locale_matches_pcre2() {
        let ours = make(&Ctype { latin1: false });
        // SAFETY: maketables returns TABLES_LENGTH bytes, freed below.
        let theirs = unsafe {
            let p = pcre2_sys::pcre2_maketables_8(std::ptr::null_mut());
            let v = std::slice::from_raw_parts(p, TABLES_LENGTH).to_vec();
            pcre2_sys::pcre2_maketables_free_8(std::ptr::null_mut(), p);
            v
        };
        assert_eq!(ours, theirs);
    }

    #[test]
    fn latin1_cases() {
        let t = latin1();
        assert_eq!(t[0xC9], 0xE9);
        assert_eq!(t[256 + 0xE9], 0xC9);
        assert_eq!(t[256 + 0xFF], 0xFF);
        assert_eq!(t.len(), TABLES_LENGTH);
    }
}
