//! The text `erlang:display/1` prints for a term, following BEAM's
//! `erl_printf_term.c`:
//!
//! - integers (small and bignum) in decimal;
//! - floats as C's `printf("%.6e")`: `2.500000e+00`;
//! - atoms quoted unless they start with a latin-1 lowercase letter and
//!   continue with latin-1 alphanumerics or `_` (reserved words such as
//!   `end` are *not* quoted, `a@b` is); inside quotes `'` `\` and control
//!   characters are escaped (`\n \f \t \r \b \v`, others as `\ooo` octal,
//!   and U+0080..U+009F as `\ooo` of their second UTF-8 byte);
//! - a non-empty proper list whose elements are all integers 0..=255 that
//!   are printable latin-1 or one of `\s \n \t \r` prints as `"..."`, with
//!   only `\n` and `"` escaped (a tab prints as a raw tab, `\` unescaped);
//!   characters 160..=255 are written as single latin-1 bytes;
//! - other lists element by element, improper tails as `[1|2]`;
//! - pids `<0.N.S>` (N: low 15 bits of the number, S: the rest), ports `#Port<0.N>`, refs `#Ref<0.A.B.C>`;
//! - local funs `#Fun<Module.Index.Uniq>` (module name unquoted), external
//!   funs `fun M:F/A` (atoms quoted as needed).
//!
//! Printing is iterative (an explicit work stack), so long or deep terms
//! cannot overflow the native stack.

use crate::code::export::Export;
use crate::code::module::FunEntry;
use crate::term::*;

/// The bytes BEAM writes for `erlang:display(T)` (without the newline).
/// String characters 128..=255 are single latin-1 bytes, exactly as BEAM
/// writes them; atom text is UTF-8.
pub fn display_bytes(t: Term) -> Vec<u8> {
    let mut out = Vec::new();
    render(t, &mut out, true);
    out
}

/// The display text as a Rust string: identical to `display_bytes` except
/// that string characters 128..=255 are encoded as UTF-8 (U+0080..U+00FF)
/// instead of raw latin-1 bytes.
pub fn display_string(t: Term) -> String {
    let mut out = Vec::new();
    render(t, &mut out, false);
    // Atom names are `&str` and everything else we emit is ASCII or
    // encoded with `push_char`, so the buffer is valid UTF-8.
    String::from_utf8(out).unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned())
}

/// Pending work while printing.
enum Work {
    Term(Term),
    Byte(u8),
    /// Remaining elements of a tuple: pointer to the next element, count.
    Elems(*const u64, usize),
    /// The tail of a list whose head has just been scheduled.
    Tail(Term),
}

fn render(t: Term, out: &mut Vec<u8>, raw_latin1: bool) {
    let mut stack: Vec<Work> = vec![Work::Term(t)];
    while let Some(w) = stack.pop() {
        match w {
            Work::Byte(b) => out.push(b),
            Work::Elems(p, n) => {
                // SAFETY: `p` points at `n` remaining elements of a live tuple.
                let e = Term(unsafe { *p });
                if n > 1 {
                    // SAFETY: n > 1, so the next element is inside the tuple.
                    stack.push(Work::Elems(unsafe { p.add(1) }, n - 1));
                    stack.push(Work::Byte(b','));
                }
                stack.push(Work::Term(e));
            }
            Work::Tail(tl) => {
                if tl.is_nil() {
                    out.push(b']');
                } else if tl.is_list() {
                    out.push(b',');
                    push_cons(&mut stack, tl);
                } else {
                    out.push(b'|');
                    stack.push(Work::Byte(b']'));
                    stack.push(Work::Term(tl));
                }
            }
            Work::Term(t) => render_one(t, out, &mut stack, raw_latin1),
        }
    }
}

/// Schedules the head of cons `l` followed by its tail.
fn push_cons(stack: &mut Vec<Work>, l: Term) {
    // SAFETY: `l` is a list term pointing at a valid cons cell.
    let (h, tl) = unsafe { (l.head(), l.tail()) };
    stack.push(Work::Tail(tl));
    stack.push(Work::Term(h));
}

fn render_one(t: Term, out: &mut Vec<u8>, stack: &mut Vec<Work>, raw_latin1: bool) {
    if t.is_non_value() {
        out.extend_from_slice(b"<TNV>");
    } else if t.is_small() {
        out.extend_from_slice(t.small_value().to_string().as_bytes());
    } else if t.is_atom() {
        push_atom(out, crate::term::atom::name(t));
    } else if t.is_nil() {
        out.extend_from_slice(b"[]");
    } else if t.is_pid() {
        // BEAM's pid data: 15 bits of number, then the serial.
        let n = t.pid_number();
        out.extend_from_slice(format!("<0.{}.{}>", n & 0x7fff, n >> 15).as_bytes());
    } else if t.is_port() {
        out.extend_from_slice(format!("#Port<0.{}>", t.port_number()).as_bytes());
    } else if t.is_catch() {
        out.extend_from_slice(b"<catch>");
    } else if t.is_list() {
        if is_printable_string(t) {
            push_string(out, t, raw_latin1);
        } else {
            out.push(b'[');
            push_cons(stack, t);
        }
    } else if t.is_boxed() {
        render_boxed(t, out, stack);
    } else {
        out.extend_from_slice(format!("<unknown:{:#x}>", t.raw()).as_bytes());
    }
}

fn render_boxed(t: Term, out: &mut Vec<u8>, stack: &mut Vec<Work>) {
    // SAFETY: `t` is boxed, so it points at a valid header.
    let h = unsafe { t.header() };
    let p = t.boxed_ptr();
    match header_subtag(h) {
        HDR_TUPLE => {
            let n = header_arity(h);
            out.push(b'{');
            stack.push(Work::Byte(b'}'));
            if n > 0 {
                // SAFETY: the tuple's elements follow its header.
                stack.push(Work::Elems(unsafe { p.add(1) }, n));
            }
        }
        HDR_POS_BIG | HDR_NEG_BIG => {
            out.extend_from_slice(crate::data::big::integer_to_string(t, 10).as_bytes());
        }
        HDR_FLOAT => {
            // SAFETY: `t` is a float.
            out.extend_from_slice(format_float(unsafe { t.float_value() }).as_bytes());
        }
        HDR_EXT_PID | HDR_EXT_PORT | HDR_EXT_REF => {
            crate::data::ext_ident::render(t, out);
        }
        HDR_REF => {
            // SAFETY: a local ref holds two id words after its header.
            let (hi, lo) = unsafe { (*p.add(1), *p.add(2)) };
            let s = format!("#Ref<0.{}.{}.{}>", hi as u32, (lo >> 32) as u32, lo as u32);
            out.extend_from_slice(s.as_bytes());
        }
        HDR_FUN => {
            // SAFETY: word 1 of a closure is its `*const FunEntry`, and fun
            // entries are never freed.
            let fe = unsafe { &*(*p.add(1) as *const FunEntry) };
            out.extend_from_slice(b"#Fun<");
            if fe.module.is_atom() {
                out.extend_from_slice(crate::term::atom::name(fe.module).as_bytes());
            }
            out.extend_from_slice(format!(".{}.{}>", fe.index, fe.old_uniq).as_bytes());
        }
        HDR_EXPORT => {
            // SAFETY: word 1 of an external fun is its `*const Export`, and
            // export entries are never freed.
            let e = unsafe { &*(*p.add(1) as *const Export) };
            out.extend_from_slice(b"fun ");
            push_atom(out, crate::term::atom::name(e.module));
            out.push(b':');
            push_atom(out, crate::term::atom::name(e.function));
            out.extend_from_slice(format!("/{}", e.arity).as_bytes());
        }
        HDR_MAP => render_map(t, out, stack),
        HDR_MATCHSTATE => out.extend_from_slice(b"#MatchState"),
        HDR_HEAP_BIN | HDR_REFC_BIN | HDR_SUB_BIN => crate::data::binary::display::render(t, out),
        _ => out.extend_from_slice(format!("<unknown:{:#x}>", t.raw()).as_bytes()),
    }
}

/// A map as erl's `erlang:display` prints it: a flatmap as `#{K=>V,...}`,
/// a trie as its nodes, `#<bitmap>{...}` for the head and `<bitmap>{...}`
/// below it (bitmaps in lowercase hex), with leaves printed as the cons
/// cells `[K|V]` they are.
fn render_map(t: Term, out: &mut Vec<u8>, stack: &mut Vec<Work>) {
    use crate::data::map::layout::{self, Kind};
    // SAFETY: `t` is a map object (flatmap, trie head or trie node).
    let info = unsafe { layout::info_of(t) };
    match layout::kind(info) {
        Kind::Flat => {
            out.extend_from_slice(b"#{");
            stack.push(Work::Byte(b'}'));
            // SAFETY: `t` is a flatmap.
            let (ks, vs) = unsafe { (layout::flat_keys(t), layout::flat_values(t)) };
            for i in (0..ks.len()).rev() {
                stack.push(Work::Term(vs[i]));
                stack.push(Work::Byte(b'>'));
                stack.push(Work::Byte(b'='));
                stack.push(Work::Term(ks[i]));
                if i > 0 {
                    stack.push(Work::Byte(b','));
                }
            }
        }
        kind => {
            let bm = if kind == Kind::HeadArray {
                0xffff
            } else {
                layout::bitmap(info)
            };
            let head = if kind == Kind::Node { "" } else { "#" };
            out.extend_from_slice(format!("{head}<{bm:x}>{{").as_bytes());
            stack.push(Work::Byte(b'}'));
            // SAFETY: `t` is a trie node or head.
            let ch = unsafe { layout::children(t) };
            if !ch.is_empty() {
                stack.push(Work::Elems(ch.as_ptr() as *const u64, ch.len()));
            }
        }
    }
}

/// C's `%.6e`: six fraction digits and an exponent of at least two digits
/// with an explicit sign (`1.000000e-10`, `-1.000000e+300`).
pub fn format_float(f: f64) -> String {
    if f.is_nan() {
        return "nan".into();
    }
    if f.is_infinite() {
        return if f < 0.0 { "-inf".into() } else { "inf".into() };
    }
    let s = format!("{:.6e}", f);
    let (mant, exp) = s.split_once('e').unwrap_or((&s, "0"));
    let (sign, digits) = match exp.strip_prefix('-') {
        Some(d) => ('-', d),
        None => ('+', exp),
    };
    let pad = if digits.len() < 2 { "0" } else { "" };
    format!("{mant}e{sign}{pad}{digits}")
}

/// BEAM's `IS_CNTRL` for latin-1 codes.
fn is_cntrl(c: i64) -> bool {
    c < 32 || c == 127 || (128..160).contains(&c)
}

/// BEAM's `IS_SPACE` (no 160).
fn is_space(c: i64) -> bool {
    c == 32 || c == 10 || c == 9 || c == 13
}

/// A non-empty proper list of latin-1 codes each printable or a space.
fn is_printable_string(mut l: Term) -> bool {
    while l.is_list() {
        // SAFETY: `l` is a list term.
        let (h, tl) = unsafe { (l.head(), l.tail()) };
        if !h.is_small() {
            return false;
        }
        let c = h.small_value();
        if !(0..=255).contains(&c) || (is_cntrl(c) && !is_space(c)) {
            return false;
        }
        l = tl;
    }
    l.is_nil()
}

fn push_string(out: &mut Vec<u8>, mut l: Term, raw_latin1: bool) {
    out.push(b'"');
    while l.is_list() {
        // SAFETY: `l` is a list term (checked printable, so heads are smalls).
        let (h, tl) = unsafe { (l.head(), l.tail()) };
        let c = h.small_value() as u8;
        match c {
            b'\n' => out.extend_from_slice(b"\\n"),
            b'"' => out.extend_from_slice(b"\\\""),
            c if c >= 128 && !raw_latin1 => push_char(out, c as char),
            c => out.push(c),
        }
        l = tl;
    }
    out.push(b'"');
}

fn push_char(out: &mut Vec<u8>, c: char) {
    let mut buf = [0u8; 4];
    out.extend_from_slice(c.encode_utf8(&mut buf).as_bytes());
}

fn is_latin1_lower(c: u32) -> bool {
    (b'a' as u32..=b'z' as u32).contains(&c) || ((223..=255).contains(&c) && c != 247)
}

fn is_latin1_upper(c: u32) -> bool {
    (b'A' as u32..=b'Z' as u32).contains(&c) || ((192..=222).contains(&c) && c != 215)
}

fn is_latin1_alnum(c: u32) -> bool {
    (b'0' as u32..=b'9' as u32).contains(&c) || is_latin1_lower(c) || is_latin1_upper(c)
}

/// True if the atom text must be quoted.
pub fn atom_needs_quotes(name: &str) -> bool {
    let mut chars = name.chars().map(|c| c as u32);
    match chars.next() {
        None => true,
        Some(first) if !is_latin1_lower(first) => true,
        Some(_) => chars.any(|c| !is_latin1_alnum(c) && c != b'_' as u32),
    }
}

/// Appends an atom's text, quoted and escaped as BEAM prints it.
pub fn push_atom(out: &mut Vec<u8>, name: &str) {
    if name.is_empty() {
        out.extend_from_slice(b"''");
        return;
    }
    let quote = atom_needs_quotes(name);
    if quote {
        out.push(b'\'');
    }
    let bytes = name.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        let c = bytes[i];
        match c {
            b'\'' => out.extend_from_slice(b"\\'"),
            b'\\' => out.extend_from_slice(b"\\\\"),
            b'\n' => out.extend_from_slice(b"\\n"),
            0x0C => out.extend_from_slice(b"\\f"),
            b'\t' => out.extend_from_slice(b"\\t"),
            b'\r' => out.extend_from_slice(b"\\r"),
            0x08 => out.extend_from_slice(b"\\b"),
            0x0B => out.extend_from_slice(b"\\v"),
            c if c < b' ' => out.extend_from_slice(format!("\\{:03o}", c).as_bytes()),
            0xC2 if i + 1 < bytes.len() && bytes[i + 1] < 0xA0 => {
                // U+0080..U+009F: a latin-1 control character.
                out.extend_from_slice(format!("\\{:03o}", bytes[i + 1]).as_bytes());
                i += 1;
            }
            c => out.push(c),
        }
        i += 1;
    }
    if quote {
        out.push(b'\'');
    }
}

/// The atom's text as `display` prints it (quoted when needed).
pub fn atom_display(name: &str) -> String {
    let mut out = Vec::new();
    push_atom(&mut out, name);
    String::from_utf8(out).unwrap_or_default()
}

/// Test helper: a BIF result as erl's `try F() of V -> {ok, V} catch C:R
/// -> {C, R} end` would display it.
#[cfg(test)]
pub fn show_result(ctx: &crate::heap::ctx::Ctx, r: Term) -> String {
    if r.is_non_value() {
        format!(
            "{{{},{}}}",
            display_string(ctx.exc_class),
            display_string(ctx.exc_reason)
        )
    } else {
        format!("{{ok,{}}}", display_string(r))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::data::build::*;
    use crate::term::atom::intern;
    use crate::testutil::TestProc;

    fn d(t: Term) -> String {
        display_string(t)
    }

    #[test]
    fn numbers() {
        let mut tp = TestProc::new();
        let ctx = tp.ctx();
        assert_eq!(d(Term::small(1)), "1");
        assert_eq!(d(Term::small(-5)), "-5");
        assert_eq!(d(Term::small(MIN_SMALL)), "-576460752303423488");
        let v: crate::data::big::BigInt = "-123456789012345678901234567890".parse().unwrap();
        let b = crate::data::big::make_integer(ctx, &v);
        assert_eq!(d(b), "-123456789012345678901234567890");
        // Expected strings from `erl -noshell -eval 'erlang:display(F)'`.
        let cases: &[(f64, &str)] = &[
            (2.5, "2.500000e+00"),
            (0.1, "1.000000e-01"),
            (-1.0e300, "-1.000000e+300"),
            (1.0e-10, "1.000000e-10"),
            (0.0, "0.000000e+00"),
            (-0.0, "-0.000000e+00"),
            (123456.789, "1.234568e+05"),
            (1.0e15, "1.000000e+15"),
            (3.25159265358979, "3.251593e+00"),
            (100.0, "1.000000e+02"),
            (12345678.9, "1.234568e+07"),
            (1.0e100, "1.000000e+100"),
            (2.0e-300, "2.000000e-300"),
            (5.0e-324, "4.940656e-324"),
            (1.7976931348623157e308, "1.797693e+308"),
        ];
        for &(f, s) in cases {
            assert_eq!(d(make_float(ctx, f)), s, "{f}");
        }
    }

    /// Rust's `{:.6e}` rounding agrees with C's printf on many values.
    #[test]
    fn float_matches_libc_printf() {
        let mut x: u64 = 0x9E37_79B9_7F4A_7C15;
        for i in 0..20000 {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            let f = if i % 2 == 0 {
                f64::from_bits(x)
            } else {
                // Values with few significant digits stress tie rounding.
                ((x % 2_000_000) as f64 - 1_000_000.0) / [1.0, 8.0, 1024.0, 1e3][i % 4]
            };
            if !f.is_finite() {
                continue;
            }
            let mut buf = [0u8; 64];
            // SAFETY: buf is 64 bytes; "%.6e" of a finite double is shorter.
            let n = unsafe {
                libc::snprintf(
                    buf.as_mut_ptr() as *mut libc::c_char,
                    buf.len(),
                    c"%.6e".as_ptr(),
                    f,
                )
            };
            let c = std::str::from_utf8(&buf[..n as usize]).unwrap();
            assert_eq!(format_float(f), c, "{f:?}");
        }
    }

    #[test]
    fn atoms() {
        // erl: erlang:display/1 of each atom.
        let cases: &[(&str, &str)] = &[
            ("hello", "hello"),
            ("hello world", "'hello world'"),
            ("Abc", "'Abc'"),
            ("", "''"),
            ("a\nb", "'a\\nb'"),
            ("it's", "'it\\'s'"),
            ("a\\b", "'a\\\\b'"),
            ("_x", "'_x'"),
            ("aB9_@", "'aB9_@'"),
            ("a.b", "'a.b'"),
            ("é", "é"),
            ("ü", "ü"),
            ("end", "end"),
            ("receive", "receive"),
            ("a b", "'a b'"),
            ("a\tb", "'a\\tb'"),
            ("'", "'\\''"),
            ("a\x7fb", "'a\x7fb'"),
            ("a\x1bb", "'a\\033b'"),
            ("a\x01b", "'a\\001b'"),
            ("\u{100}", "'\u{100}'"),
            ("hello\\", "'hello\\\\'"),
            ("nonode@nohost", "'nonode@nohost'"),
            ("A@b", "'A@b'"),
            ("a@", "'a@'"),
            ("@", "'@'"),
            ("a\u{85}b", "'a\\205b'"),
            ("aBc9", "aBc9"),
            ("a\u{f7}", "'a\u{f7}'"),
            ("\u{df}x", "\u{df}x"),
        ];
        for &(name, want) in cases {
            assert_eq!(d(intern(name)), want, "{name:?}");
        }
    }

    #[test]
    fn lists_and_strings() {
        let mut tp = TestProc::new();
        let ctx = tp.ctx();
        let s = |ctx: &mut crate::heap::ctx::Ctx, s: &str| make_string(ctx, s);
        let sm = Term::small;
        assert_eq!(d(NIL), "[]");
        let t = s(ctx, "abc");
        assert_eq!(d(t), "\"abc\"");
        let t = s(ctx, "a\nb");
        assert_eq!(d(t), "\"a\\nb\"");
        let t = s(ctx, "a\"b");
        assert_eq!(d(t), "\"a\\\"b\"");
        let t = s(ctx, "a\\b");
        assert_eq!(d(t), "\"a\\b\"");
        let t = s(ctx, "\t\x1b");
        assert_eq!(d(t), "[9,27]");
        let t = s(ctx, "a\tb");
        assert_eq!(d(t), "\"a\tb\"");
        let t = list_from_slice(ctx, &[sm(1), sm(2)]);
        assert_eq!(d(t), "[1,2]");
        let t = cons(ctx, sm(1), sm(2));
        assert_eq!(d(t), "[1|2]");
        let t = cons(ctx, sm(97), sm(98));
        assert_eq!(d(t), "[97|98]");
        for (codes, want) in [
            (&[200i64, 300][..], "[200,300]"),
            (&[256], "[256]"),
            (&[127], "[127]"),
            (&[0], "[0]"),
            (&[97, 0], "[97,0]"),
            (&[159], "[159]"),
            (&[128], "[128]"),
            (&[-1], "[-1]"),
            (&[32], "\" \""),
            (&[7, 8, 9, 10, 11, 12, 13, 27], "[7,8,9,10,11,12,13,27]"),
        ] {
            let v: Vec<Term> = codes.iter().map(|&c| sm(c)).collect();
            let t = list_from_slice(ctx, &v);
            assert_eq!(d(t), want);
        }
        // Latin-1 strings: raw bytes in display_bytes, UTF-8 in display_string.
        let t = list_from_slice(ctx, &[sm(233)]);
        assert_eq!(display_bytes(t), b"\"\xe9\"");
        assert_eq!(d(t), "\"é\"");
        let t = list_from_slice(ctx, &[sm(160)]);
        assert_eq!(display_bytes(t), b"\"\xa0\"");
        // [[]], [[1,2]|3], [a|b], ["ab"|"c"], [{a,1}|{b,2}], "abc" ++ x
        let l12 = list_from_slice(ctx, &[sm(1), sm(2)]);
        let t = cons(ctx, l12, sm(3));
        assert_eq!(d(t), "[[1,2]|3]");
        let t = list_from_slice(ctx, &[NIL]);
        assert_eq!(d(t), "[[]]");
        let t = cons(ctx, intern("a"), intern("b"));
        assert_eq!(d(t), "[a|b]");
        let ab = s(ctx, "ab");
        let c = s(ctx, "c");
        let t = cons(ctx, ab, c);
        assert_eq!(d(t), "[\"ab\",99]");
        let abc = list_from_slice_tail(ctx, &[sm(97), sm(98), sm(99)], intern("x"));
        assert_eq!(d(abc), "[97,98,99|x]");
        let inner = s(ctx, "a");
        let t = list_from_slice(ctx, &[inner]);
        assert_eq!(d(t), "[\"a\"]");
        let f = make_float(ctx, 1.5);
        let t = list_from_slice(ctx, &[sm(97), f]);
        assert_eq!(d(t), "[97,1.500000e+00]");
        let t = list_from_slice(ctx, &[intern("true"), intern("false")]);
        assert_eq!(d(t), "[true,false]");
    }

    #[test]
    fn tuples_pids_refs() {
        let mut tp = TestProc::new();
        let ctx = tp.ctx();
        let empty = make_tuple(ctx, &[]);
        assert_eq!(d(empty), "{}");
        let b = make_string(ctx, "b");
        let c = list_from_slice(ctx, &[intern("c")]);
        let t = make_tuple(ctx, &[intern("a"), b, c]);
        assert_eq!(d(t), "{a,\"b\",[c]}");
        let t3 = make_tuple(ctx, &[Term::small(3)]);
        let t2 = make_tuple(ctx, &[Term::small(2), t3]);
        let t1 = make_tuple(ctx, &[Term::small(1), t2]);
        assert_eq!(d(t1), "{1,{2,{3}}}");
        let e = make_string(ctx, "");
        let t = make_tuple(ctx, &[e, NIL]);
        assert_eq!(d(t), "{[],[]}");
        assert_eq!(d(Term::pid(9)), "<0.9.0>");
        let r = make_ref_with(ctx, 0, (5u64 << 32) | 7);
        assert_eq!(d(r), "#Ref<0.0.5.7>");
    }

    #[test]
    fn funs() {
        let mut tp = TestProc::new();
        let ctx = tp.ctx();
        let e = crate::code::export::get_or_create(intern("lists"), intern("map"), 2);
        let p = ctx.alloc(2);
        // SAFETY: p holds 2 words: the external fun layout.
        unsafe {
            *p = make_header(1, HDR_EXPORT);
            *p.add(1) = e as *const Export as u64;
        }
        assert_eq!(d(Term::boxed_from_ptr(p)), "fun lists:map/2");
        let e = crate::code::export::get_or_create(intern("Foo"), intern("bar baz"), 1);
        let p = ctx.alloc(2);
        // SAFETY: as above.
        unsafe {
            *p = make_header(1, HDR_EXPORT);
            *p.add(1) = e as *const Export as u64;
        }
        assert_eq!(d(Term::boxed_from_ptr(p)), "fun 'Foo':'bar baz'/1");
        let fe: &'static FunEntry = Box::leak(Box::new(FunEntry {
            addr: Default::default(),
            module: intern("d"),
            function: intern("-main/0-fun-0-").raw().into(),
            arity: 0,
            num_free: 1,
            index: 1,
            old_uniq: 35235614,
        }));
        let p = ctx.alloc(3);
        // SAFETY: p holds 3 words: a closure with one free variable.
        unsafe {
            *p = make_header(2, HDR_FUN);
            *p.add(1) = fe as *const FunEntry as u64;
            *p.add(2) = Term::small(1).raw();
        }
        assert_eq!(d(Term::boxed_from_ptr(p)), "#Fun<d.1.35235614>");
    }

    #[test]
    fn long_and_deep_terms() {
        let mut tp = TestProc::new();
        let ctx = tp.ctx();
        let mut l = NIL;
        for _ in 0..1_000_000 {
            l = cons(ctx, Term::small(1), l);
        }
        let s = d(l);
        assert_eq!(s.len(), 2 * 1_000_000 + 1);
        // Deeply nested: [[[...]]] and {{{...}}}.
        let mut n = NIL;
        let mut t = NIL;
        for _ in 0..200_000 {
            n = cons(ctx, n, NIL);
            t = make_tuple(ctx, &[t]);
        }
        assert_eq!(d(n).len(), 2 * 200_000 + 2);
        assert_eq!(d(t).len(), 2 * 200_000 + 2);
    }
}
