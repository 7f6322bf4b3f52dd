//! A small safe wrapper over PCRE2 (via `pcre2-sys`) for the `re` BIFs:
//! compiling with a per-thread cache, matching at an offset with match
//! options, and the compile-error texts of PCRE 8.x (OTP embeds PCRE 8.44,
//! whose messages `re:compile/2` returns; PCRE2 words some differently).

use pcre2_sys::*;
use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;

/// Newline conventions (`{newline, NL}`); `Default` = PCRE's build default (LF).
pub const NL_DEFAULT: u32 = 0;

/// What a pattern was compiled from: the cache key and the content of
/// our compiled-pattern binary.
#[derive(Clone, PartialEq, Eq, Hash, Debug)]
pub struct Source {
    pub pattern: Vec<u8>,
    /// PCRE2 compile option bits.
    pub opts: u32,
    /// PCRE2_NEWLINE_* or NL_DEFAULT.
    pub newline: u32,
    /// PCRE2_BSR_* or 0 (default).
    pub bsr: u32,
}

impl Source {
    const MAGIC: &'static [u8; 4] = b"GRE1";

    /// Encodes as `MAGIC opts newline bsr pattern` (u32 little-endian).
    pub fn encode(&self) -> Vec<u8> {
        let mut v = Self::MAGIC.to_vec();
        for w in [self.opts, self.newline, self.bsr] {
            v.extend_from_slice(&w.to_le_bytes());
        }
        v.extend_from_slice(&self.pattern);
        v
    }

    pub fn decode(b: &[u8]) -> Option<Source> {
        if b.len() < 16 || &b[..4] != Self::MAGIC {
            return None;
        }
        let w = |i: usize| u32::from_le_bytes([b[i], b[i + 1], b[i + 2], b[i + 3]]);
        Some(Source {
            opts: w(4),
            newline: w(8),
            bsr: w(12),
            pattern: b[16..].to_vec(),
        })
    }

    /// Whether the empty-match advance must step over CRLF as one unit.
    pub fn crlf_newline(&self) -> bool {
        matches!(
            self.newline,
            PCRE2_NEWLINE_CRLF | PCRE2_NEWLINE_ANY | PCRE2_NEWLINE_ANYCRLF
        )
    }

    pub fn utf(&self) -> bool {
        self.opts & PCRE2_UTF != 0
    }
}

/// A compiled PCRE2 pattern (owned pointer, freed on drop).
pub struct Code {
    ptr: *mut pcre2_code_8,
    pub ncap: usize,
    /// (name, group number) in PCRE's name-table order (sorted by name).
    pub names: Vec<(Vec<u8>, usize)>,
}

impl Drop for Code {
    fn drop(&mut self) {
        // SAFETY: `ptr` came from pcre2_compile_8 and is freed once.
        unsafe { pcre2_code_free_8(self.ptr) }
    }
}

/// A compile error: PCRE 8.x's message and the offset.
pub type CompileError = (String, usize);

thread_local! {
    static CACHE: RefCell<HashMap<Source, Rc<Code>>> = RefCell::new(HashMap::new());
}

const CACHE_MAX: usize = 256;

/// Compiles `src`, reusing a cached compilation.
pub fn compile(src: &Source) -> Result<Rc<Code>, CompileError> {
    if let Some(c) = CACHE.with(|c| c.borrow().get(src).cloned()) {
        return Ok(c);
    }
    let code = Rc::new(compile_uncached(src)?);
    CACHE.with(|c| {
        let mut c = c.borrow_mut();
        if c.len() >= CACHE_MAX {
            c.clear();
        }
        c.insert(src.clone(), code.clone());
    });
    Ok(code)
}

fn compile_uncached(src: &Source) -> Result<Code, CompileError> {
    let mut err: i32 = 0;
    let mut off: usize = 0;
    let mut opts = src.opts;
    // PCRE2's start-bitmap study for a leading `\w` in UTF-8 mode reads the
    // wrong class table for code points 128..255 (`é` would never start a
    // match, unlike in OTP's PCRE); skip that optimization there.
    if opts & PCRE2_UTF != 0 && opts & PCRE2_UCP == 0 && src.pattern.windows(2).any(|w| w == b"\\w")
    {
        opts |= PCRE2_NO_START_OPTIMIZE;
    }
    // SAFETY: FFI calls with valid pointers; the context is freed before
    // return and the pattern slice outlives the compile call.
    let ptr = unsafe {
        let cctx = pcre2_compile_context_create_8(std::ptr::null_mut());
        if src.newline != NL_DEFAULT {
            pcre2_set_newline_8(cctx, src.newline);
        }
        // PCRE 8.x requires each lookbehind branch to be fixed-length.
        pcre2_set_max_varlookbehind_8(cctx, 0);
        // OTP's PCRE classifies bytes as Latin-1 (static tables).
        pcre2_set_character_tables_8(cctx, super::re_tables::latin1().as_ptr());
        if src.bsr != 0 {
            pcre2_set_bsr_8(cctx, src.bsr);
        }
        let p = pcre2_compile_8(
            src.pattern.as_ptr(),
            src.pattern.len(),
            opts,
            &mut err,
            &mut off,
            cctx,
        );
        pcre2_compile_context_free_8(cctx);
        p
    };
    if ptr.is_null() {
        let msg = pcre1_message(&error_message(err));
        let off = pcre1_offset(&msg, &src.pattern, off);
        return Err((msg, off));
    }
    let mut code = Code {
        ptr,
        ncap: 0,
        names: Vec::new(),
    };
    code.ncap = code.info_u32(PCRE2_INFO_CAPTURECOUNT) as usize;
    let count = code.info_u32(PCRE2_INFO_NAMECOUNT) as usize;
    let size = code.info_u32(PCRE2_INFO_NAMEENTRYSIZE) as usize;
    if count > 0 && size > 2 {
        let mut table: *const u8 = std::ptr::null();
        // SAFETY: NAMETABLE yields a pointer to count*size bytes owned by
        // the code, which lives as long as `code`.
        unsafe {
            pcre2_pattern_info_8(
                ptr,
                PCRE2_INFO_NAMETABLE,
                &mut table as *mut *const u8 as *mut _,
            );
            for i in 0..count {
                let e = std::slice::from_raw_parts(table.add(i * size), size);
                let n = ((e[0] as usize) << 8) | e[1] as usize;
                let name: Vec<u8> = e[2..].iter().take_while(|&&b| b != 0).copied().collect();
                code.names.push((name, n));
            }
        }
    }
    Ok(code)
}

impl Code {
    fn info_u32(&self, what: u32) -> u32 {
        let mut v: u32 = 0;
        // SAFETY: these info items write one uint32_t.
        unsafe { pcre2_pattern_info_8(self.ptr, what, &mut v as *mut u32 as *mut _) };
        v
    }

    /// Matches at `start`. `Ok(None)`: no match; `Ok(Some(ov))`: the
    /// ovector pairs up to the highest set group (PCRE's return count),
    /// unset groups as `None`; `Err(code)`: any other PCRE2 error.
    #[allow(clippy::type_complexity)]
    pub fn exec(
        &self,
        subject: &[u8],
        start: usize,
        opts: u32,
    ) -> Result<Option<Vec<Option<(usize, usize)>>>, i32> {
        // SAFETY: match data is created for this code and freed below; the
        // ovector has 2*(ncap+1) entries and rc <= ncap+1.
        unsafe {
            let md = pcre2_match_data_create_from_pattern_8(self.ptr, std::ptr::null_mut());
            if md.is_null() {
                return Err(PCRE2_ERROR_NOMEMORY);
            }
            let rc = pcre2_match_8(
                self.ptr,
                subject.as_ptr(),
                subject.len(),
                start,
                opts,
                md,
                std::ptr::null_mut(),
            );
            let res = if rc == PCRE2_ERROR_NOMATCH {
                Ok(None)
            } else if rc < 0 {
                Err(rc)
            } else {
                let ov = pcre2_get_ovector_pointer_8(md);
                let n = if rc == 0 { self.ncap + 1 } else { rc as usize };
                Ok(Some(
                    (0..n)
                        .map(|i| {
                            let (s, e) = (*ov.add(2 * i), *ov.add(2 * i + 1));
                            (s != PCRE2_UNSET && e != PCRE2_UNSET).then_some((s, e))
                        })
                        .collect(),
                ))
            };
            pcre2_match_data_free_8(md);
            res
        }
    }
}

fn error_message(code: i32) -> String {
    let mut buf = [0u8; 256];
    // SAFETY: buffer and length agree.
    let n = unsafe { pcre2_get_error_message_8(code, buf.as_mut_ptr(), buf.len()) };
    if n < 0 {
        return format!("error {}", code);
    }
    String::from_utf8_lossy(&buf[..n as usize]).into_owned()
}

/// PCRE2's compile messages that PCRE 8.x words differently.
fn pcre1_message(m: &str) -> String {
    let r = match m {
        "missing closing parenthesis" => "missing )",
        "unmatched closing parenthesis" => "unmatched parentheses",
        "quantifier does not follow a repeatable item" => "nothing to repeat",
        "escape sequence is invalid in character class" => {
            "invalid escape sequence in character class"
        }
        "missing ) after (?# comment" => "missing ) after comment",
        "subpattern name must start with a non-digit" => "group name must start with a non-digit",
        "parentheses are too deeply nested" => "parentheses nested too deeply",
        "two named subpatterns have the same name (PCRE2_DUPNAMES not set)" => {
            "two named subpatterns have the same name"
        }
        "PCRE2 does not support \\F, \\L, \\l, \\N{name}, \\U, or \\u" => {
            "PCRE does not support \\L, \\l, \\N{name}, \\U, or \\u"
        }
        "character code point value in \\x{} or \\o{} is too large" => {
            "character value in \\x{} or \\o{} is too large"
        }
        "(?R (recursive pattern call) must be followed by a closing parenthesis" => {
            "(?R or (?[+-]digits must be followed by )"
        }
        "length of lookbehind assertion is not limited"
        | "branch too long in variable-length lookbehind assertion" => {
            "lookbehind assertion is not fixed length"
        }
        "missing terminating ] for character class" => "missing terminating ] for character class",
        other => other,
    };
    r.to_string()
}

/// Where PCRE 8.x reports some errors that PCRE2 locates differently
/// (heuristic: the common spellings of these errors).
fn pcre1_offset(msg: &str, p: &[u8], off: usize) -> usize {
    let off = off.min(p.len());
    match msg {
        // PCRE2: the group's start; PCRE 8.x: its closing parenthesis.
        "lookbehind assertion is not fixed length" => {
            let mut depth = 0usize;
            let mut i = off;
            while i < p.len() {
                match p[i] {
                    b'\\' => i += 1,
                    b'(' => depth += 1,
                    b')' => {
                        depth = depth.saturating_sub(1);
                        if depth == 0 {
                            return i;
                        }
                    }
                    _ => {}
                }
                i += 1;
            }
            off
        }
        // PCRE2: after the escape or name; PCRE 8.x: one before.
        "invalid range in character class"
        | "two named subpatterns have the same name"
        | "PCRE does not support \\L, \\l, \\N{name}, \\U, or \\u" => off.saturating_sub(1),
        // PCRE2: after the class; PCRE 8.x: the name's start.
        "unknown POSIX class name" => p[..off]
            .windows(2)
            .rposition(|w| w == b"[:" || w == b"[." || w == b"[=")
            .map_or(off, |i| i + 2),
        // Numeric: PCRE 8.x checks `\N` at the end of the pattern and
        // `(?(N)` after its `)`. Named: PCRE2 the name's start, 8.x its end.
        "reference to non-existent subpattern" => {
            let digits = p[..off]
                .iter()
                .rev()
                .take_while(|b| b.is_ascii_digit())
                .count();
            let after_bs =
                off > 0 && p[off - 1] == b'\\' && p[off..].first().is_some_and(u8::is_ascii_digit);
            if after_bs || digits > 0 && off > digits && p[off - digits - 1] == b'\\' {
                return p.len();
            }
            if p[off..].starts_with(b"(") {
                let n = p[off + 1..]
                    .iter()
                    .take_while(|b| b.is_ascii_digit())
                    .count();
                if n > 0 && p.get(off + 1 + n) == Some(&b')') {
                    return off + n + 2;
                }
            }
            off + p[off..]
                .iter()
                .take_while(|b| b.is_ascii_alphanumeric() || **b == b'_')
                .count()
        }
        _ => off,
    }
}

/// "10.46 2025-08-27"-style version of the linked PCRE2.
pub fn version() -> String {
    let mut buf = [0u8; 64];
    // SAFETY: PCRE2_CONFIG_VERSION writes a NUL-terminated string of at
    // most the returned length into a buffer of sufficient size (64).
    let n = unsafe { pcre2_config_8(PCRE2_CONFIG_VERSION, buf.as_mut_ptr() as *mut _) };
    if n <= 0 {
        return String::new();
    }
    let s: Vec<u8> = buf.iter().take_while(|&&b| b != 0).copied().collect();
    String::from_utf8_lossy(&s).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn src(p: &str, opts: u32) -> Source {
        Source {
            pattern: p.as_bytes().to_vec(),
            opts,
            newline: NL_DEFAULT,
            bsr: 0,
        }
    }

    #[test]
    fn compiles_and_matches() {
        let c = compile(&src("a(b)?(c)", 0)).unwrap();
        assert_eq!(c.ncap, 2);
        let m = c.exec(b"xac", 0, 0).unwrap().unwrap();
        assert_eq!(m, vec![Some((1, 3)), None, Some((2, 3))]);
        assert_eq!(c.exec(b"zz", 0, 0).unwrap(), None);
    }

    #[test]
    fn errors_use_pcre1_text() {
        let e = compile(&src("(abc", 0)).err().unwrap();
        assert_eq!(e, ("missing )".to_string(), 4));
    }

    #[test]
    fn names_and_source_roundtrip() {
        let s = src("(?<b>x)(?<a>y)", PCRE2_CASELESS);
        let c = compile(&s).unwrap();
        assert_eq!(c.names, vec![(b"a".to_vec(), 2), (b"b".to_vec(), 1)]);
        assert_eq!(Source::decode(&s.encode()), Some(s));
    }
}
