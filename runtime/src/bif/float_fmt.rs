//! Float to text, exactly as BEAM writes it (`float_to_list/1,2`,
//! `float_to_binary/1,2`, `list_to_float/1`). BEAM formats into a 256-byte
//! buffer and fails with `badarg` when the text does not fit (255
//! characters at most); these functions return `None` then.
//!
//! - legacy (`float_to_list/1`) and `{scientific, N}`: C's `"%.*e"`
//!   (exact decimal expansion, ties to even; a negative N means C's
//!   default of 6);
//! - `{decimals, N}`: BEAM's `sys_double_to_chars_fast`: below 2^53 and
//!   with N < 19 the fraction is `round(frac * 10^N)` in doubles (ties away
//!   from zero, so `0.125` with 2 decimals is `"0.13"`), otherwise `"%.*f"`;
//!   `compact` drops trailing zeros but keeps one after the point;
//! - `short`: the shortest text that reads back as the same double, laid
//!   out as OTP's Ryu-based `d2s_buffered_n` does (`"1.0e15"`, `"0.001"`).

use std::fmt::Write as _;

/// BEAM's buffer size: texts of `BUF` characters or more do not fit.
const BUF: usize = 256;

/// C's `"%.*e"`: exponent with a sign and at least two digits. For the
/// 20 digits of `float_to_list/1` Rust's exact formatter falls back to its
/// slow bignum algorithm, so this asks the C library, as BEAM does (the
/// process never calls `setlocale`, so the decimal point is `.`).
fn c_exp(f: f64, prec: usize) -> String {
    if f.is_finite() && prec <= 64 {
        let mut buf = [0u8; 128];
        // SAFETY: the format takes one int and one double; the buffer's
        // length bounds the write (at most 1 + 1 + 64 + 6 digits of
        // exponent and sign fit in 128).
        let n = unsafe {
            libc::snprintf(
                buf.as_mut_ptr() as *mut libc::c_char,
                buf.len(),
                c"%.*e".as_ptr(),
                prec as libc::c_int,
                f,
            )
        };
        if n > 0 && (n as usize) < buf.len() {
            // The C library writes ASCII (digits, sign, point, `e`).
            if let Ok(text) = std::str::from_utf8(&buf[..n as usize]) {
                return text.to_owned();
            }
        }
    }
    rust_exp(f, prec)
}

/// `c_exp` by Rust's exact formatter.
fn rust_exp(f: f64, prec: usize) -> String {
    let s = format!("{:.*e}", prec, f);
    let (mant, exp) = s.split_once('e').unwrap_or((&s, "0"));
    let (sign, digits) = match exp.strip_prefix('-') {
        Some(d) => ('-', d),
        None => ('+', exp),
    };
    format!("{mant}e{sign}{digits:0>2}")
}

/// `"%.*e"` with C's rule for a negative precision (use 6).
pub fn scientific(f: f64, prec: i64) -> Option<String> {
    let prec = if prec < 0 { 6 } else { prec as usize };
    if prec >= BUF {
        return None;
    }
    let s = c_exp(f, prec);
    (s.len() < BUF).then_some(s)
}

/// `float_to_list/1`: `"%.20e"`.
pub fn legacy(f: f64) -> String {
    c_exp(f, 20)
}

/// Drops trailing zeros, keeping one digit after a decimal point (BEAM's
/// `find_first_trailing_zero`; on a text without a point it strips the
/// zeros of the integer, as BEAM does).
fn strip_zeros(s: &mut String) {
    let b = s.as_bytes();
    let mut end = b.len();
    while end > 1 && b[end - 1] == b'0' {
        end -= 1;
    }
    if end > 0 && b[end - 1] == b'.' {
        end += 1;
    }
    s.truncate(end);
}

/// `{decimals, N}` with or without `compact` (`sys_double_to_chars_fast`).
pub fn fixed(f: f64, decimals: i64, compact: bool) -> Option<String> {
    const MAX_FLOAT: f64 = (1u64 << 53) as f64;
    const MAX_DECIMALS: i64 = 19;
    if decimals < 0 {
        return None;
    }
    let neg = f.is_sign_negative();
    let af = f.abs();
    if af > MAX_FLOAT || decimals >= MAX_DECIMALS {
        if decimals as usize >= BUF {
            return None;
        }
        let mut s = format!("{:.*}", decimals as usize, f);
        if s.len() >= BUF {
            return None;
        }
        if compact {
            strip_zeros(&mut s);
        }
        return Some(s);
    }
    let mut s = String::with_capacity(40);
    if neg {
        s.push('-');
    }
    if decimals > 0 {
        let p = 10u64.pow(decimals as u32);
        let int_f = af.floor();
        let frac_f = ((af - int_f) * p as f64).round();
        let (mut int_part, mut frac_part) = (int_f as u64, frac_f as u64);
        if frac_f >= p as f64 {
            int_part += 1;
            frac_part = 0;
        }
        // Written in place: no temporary strings.
        let _ = write!(s, "{int_part}.{frac_part:0>w$}", w = decimals as usize);
        if compact {
            strip_zeros(&mut s);
        }
    } else {
        let _ = write!(s, "{}", af.round() as u64);
    }
    Some(s)
}

/// When `f` lies exactly halfway between `output - 1` and `output` (times
/// 10^e), both shortest candidates are equally close; OTP (Ryu) takes the
/// even one, Rust's formatter may take the other. Returns the digits to
/// use. A tie needs `f`'s exact decimal expansion to be `output`'s length
/// plus a final 5, so only `f = m * 2^-k` with a short `m * 5^k` qualify.
fn tie_to_even(f: f64, output: u64, e: i32) -> u64 {
    if output.is_multiple_of(2) || !f.is_finite() || f == 0.0 {
        return output;
    }
    let bits = f.to_bits();
    let (mut m, mut be) = if (bits >> 52) & 0x7ff == 0 {
        (bits & ((1 << 52) - 1), -1074i32)
    } else {
        (
            (bits & ((1 << 52) - 1)) | 1 << 52,
            ((bits >> 52) & 0x7ff) as i32 - 1075,
        )
    };
    while m & 1 == 0 && be < 0 {
        m >>= 1;
        be += 1;
    }
    // f = m * 10^-k * 5^k with k = -be; m * 5^k must fit 19 digits.
    if be >= 0 || -be > 27 {
        return output;
    }
    let k = -be;
    let v = m as u128 * 5u128.pow(k as u32);
    // The exact value is v * 10^-k; a tie is v = (output - 1) * 10 + 5
    // at the same scale: v * 10^-k = (output - 0.5) * 10^e.
    if v % 10 != 5 || e != 1 - k {
        return output;
    }
    let lo = (v / 10) as u64;
    let even = if output == lo + 1 {
        lo
    } else if output == lo {
        lo + 1
    } else {
        return output;
    };
    // The even candidate must still read back as `f`.
    match format!("{even}e{e}").parse::<f64>() {
        Ok(x) if x == f && even != 0 => even,
        _ => output,
    }
}

/// A fixed buffer `core::fmt` writes into: the texts formatted here are
/// short, and `short` runs once per `float_to_list(F, [short])` (no heap
/// allocation but the result).
struct StackText {
    buf: [u8; 64],
    len: usize,
}

impl StackText {
    fn new() -> StackText {
        StackText {
            buf: [0; 64],
            len: 0,
        }
    }
    fn bytes(&self) -> &[u8] {
        &self.buf[..self.len]
    }
}

impl std::fmt::Write for StackText {
    fn write_str(&mut self, s: &str) -> std::fmt::Result {
        let end = self.len + s.len();
        if end > self.buf.len() {
            return Err(std::fmt::Error);
        }
        self.buf[self.len..end].copy_from_slice(s.as_bytes());
        self.len = end;
        Ok(())
    }
}

/// Appends ASCII bytes to `out`.
fn push_ascii(out: &mut String, b: &[u8]) {
    out.extend(b.iter().map(|&c| c as char));
}

/// `short`: shortest round-trip digits in OTP's layout.
pub fn short(f: f64) -> String {
    let mut out = String::with_capacity(32);
    if f.is_sign_negative() {
        out.push('-');
    }
    if f == 0.0 {
        out.push_str("0.0");
        return out;
    }
    // Rust's `{:e}` gives the shortest digits that read back as `f`
    // (closest to the exact value when several are shortest, as Ryu):
    // "1.2345e-7", "1e3".
    let mut text = StackText::new();
    let _ = write!(text, "{:e}", f.abs());
    let s = text.bytes();
    let epos = s.iter().position(|&c| c == b'e').unwrap_or(s.len());
    let mut digits = [0u8; 40];
    let mut nd = 0;
    for &c in s[..epos].iter().filter(|c| c.is_ascii_digit()) {
        if nd < digits.len() {
            digits[nd] = c;
            nd += 1;
        }
    }
    while nd > 0 && digits[nd - 1] == b'0' {
        nd -= 1;
    }
    if nd == 0 {
        digits[0] = b'0';
        nd = 1;
    }
    let sci_exp: i32 = s
        .get(epos + 1..)
        .and_then(|e| std::str::from_utf8(e).ok())
        .and_then(|e| e.parse().ok())
        .unwrap_or(0);
    let olength = nd as i32;
    // Value = digits * 10^e.
    let e = sci_exp - (olength - 1);
    let output: u64 = digits[..nd].iter().fold(0u64, |a, &c| {
        a.wrapping_mul(10).wrapping_add((c - b'0') as u64)
    });
    let even = tie_to_even(f.abs(), output, e);
    if even != output {
        let mut t = StackText::new();
        let _ = write!(t, "{even}");
        if t.len == nd {
            digits[..nd].copy_from_slice(t.bytes());
        }
    }
    let digits = &digits[..nd];
    let output = even;
    let (lower, upper) = if olength == 1 {
        (-4, 2)
    } else if sci_exp >= 10 {
        (-(olength + 2), 2)
    } else {
        (-(olength + 2), 1)
    };
    let fixed = lower <= e
        && e <= upper
        && !((output >= 1 << 53 && e == 0)
            || (output > (1 << 52) / 5 && e == 1)
            || (output > (1 << 51) / 25 && e == 2));
    if fixed {
        let whole = olength + e;
        if e >= 0 {
            push_ascii(&mut out, digits);
            out.extend(std::iter::repeat_n('0', e as usize));
            out.push_str(".0");
        } else if whole > 0 {
            let (a, b) = digits.split_at(whole as usize);
            push_ascii(&mut out, a);
            out.push('.');
            push_ascii(&mut out, b);
        } else {
            out.push_str("0.");
            out.extend(std::iter::repeat_n('0', (-whole) as usize));
            push_ascii(&mut out, digits);
        }
    } else {
        let (first, rest) = digits.split_at(1);
        push_ascii(&mut out, first);
        out.push('.');
        if rest.is_empty() {
            out.push('0');
        } else {
            push_ascii(&mut out, rest);
        }
        let _ = write!(out, "e{sci_exp}");
    }
    out
}

/// `list_to_float`/`binary_to_float` text to double (BEAM's
/// `sys_chars_to_double`): `[+-]digits[.,]digits[(e|E)[+-]digits]`, the
/// whole text; text after a NUL byte is ignored (BEAM's buffer is a C
/// string). Underflow gives 0.0; overflow fails.
pub fn parse(bytes: &[u8]) -> Option<f64> {
    let end = bytes.iter().position(|&b| b == 0).unwrap_or(bytes.len());
    let b = &bytes[..end];
    let mut i = 0;
    let digits = |i: &mut usize| {
        let start = *i;
        while *i < b.len() && b[*i].is_ascii_digit() {
            *i += 1;
        }
        *i > start
    };
    if i < b.len() && (b[i] == b'+' || b[i] == b'-') {
        i += 1;
    }
    if !digits(&mut i) {
        return None;
    }
    if i >= b.len() || (b[i] != b'.' && b[i] != b',') {
        return None;
    }
    i += 1;
    if !digits(&mut i) {
        return None;
    }
    if i < b.len() && (b[i] == b'e' || b[i] == b'E') {
        i += 1;
        if i < b.len() && (b[i] == b'+' || b[i] == b'-') {
            i += 1;
        }
        if !digits(&mut i) {
            return None;
        }
    }
    if i != b.len() {
        return None;
    }
    let text: String = b
        .iter()
        .map(|&c| if c == b',' { '.' } else { c as char })
        .collect();
    let v: f64 = text.parse().ok()?;
    v.is_finite().then_some(v)
}

#[cfg(test)]
mod tests {
    use super::*;

    // Expected values from `erl` (OTP 25).
    #[test]
    fn legacy_and_scientific() {
        assert_eq!(legacy(0.1), "1.00000000000000005551e-01");
        assert_eq!(legacy(-0.0), "-0.00000000000000000000e+00");
        assert_eq!(legacy(1.0e23), "9.99999999999999916114e+22");
        assert_eq!(legacy(5.0e-324), "4.94065645841246544177e-324");
        assert_eq!(
            legacy(1.7976931348623157e308),
            "1.79769313486231570815e+308"
        );
        assert_eq!(scientific(2.5, 0).unwrap(), "2e+00");
        assert_eq!(scientific(1.5, 0).unwrap(), "2e+00");
        assert_eq!(scientific(0.125, 0).unwrap(), "1e-01");
        assert_eq!(scientific(1.0, -1).unwrap(), "1.000000e+00");
        assert_eq!(scientific(123.456, 3).unwrap(), "1.235e+02");
        assert_eq!(scientific(1.5, 249).unwrap().len(), 255);
        assert_eq!(scientific(-1.5, 249), None);
        assert_eq!(scientific(1.5, 1 << 40), None);
    }

    #[test]
    fn fixed_decimals() {
        let cases: &[(f64, i64, bool, &str)] = &[
            (0.125, 2, false, "0.13"),
            (1.005, 2, false, "1.00"),
            (1.005, 2, true, "1.0"),
            (2.675, 2, false, "2.67"),
            (2.5, 0, false, "3"),
            (-2.5, 0, false, "-3"),
            (0.999, 2, true, "1.0"),
            (-9.96, 1, false, "-10.0"),
            (-0.0049, 2, false, "-0.00"),
            (-0.0, 0, false, "-0"),
            (1.0e-10, 4, true, "0.0"),
            (1.23e-4, 4, true, "0.0001"),
            (123.456, 18, false, "123.456000000000003072"),
            (123.456, 19, false, "123.4560000000000030695"),
            (0.1, 18, false, "0.100000000000000000"),
            (1.0e20, 2, false, "100000000000000000000.00"),
            (1.0e20, 0, true, "1"),
            (10.0, 0, true, "10"),
            (100.0, 20, true, "100.0"),
            (9.5367431640625e-07, 19, false, "0.0000009536743164062"),
            (1000000000000000.2, 1, false, "1000000000000000.3"),
        ];
        for &(f, d, c, want) in cases {
            assert_eq!(fixed(f, d, c).as_deref(), Some(want), "{f} {d} {c}");
        }
        assert_eq!(fixed(1.5, 253, false).unwrap().len(), 255);
        assert_eq!(fixed(-1.5, 253, false), None);
        assert_eq!(fixed(1.0e255, 0, false).unwrap().len(), 255);
        assert_eq!(fixed(1.0e300, 0, false), None);
        assert_eq!(fixed(1.0, -1, false), None);
    }

    #[test]
    fn shortest() {
        let cases: &[(f64, &str)] = &[
            (0.0, "0.0"),
            (-0.0, "-0.0"),
            (1.0, "1.0"),
            (0.1, "0.1"),
            (100.0, "100.0"),
            (1000.0, "1.0e3"),
            (1.0e15, "1.0e15"),
            (123456789012345680.0, "1.2345678901234568e17"),
            (1.0e23, "1.0e23"),
            (0.001, "0.001"),
            (0.0001, "0.0001"),
            (1.0e-5, "1.0e-5"),
            (1.234e-10, "1.234e-10"),
            (5.0e-324, "5.0e-324"),
            (1.7976931348623157e308, "1.7976931348623157e308"),
            (12345.678, "12345.678"),
            (9007199254740992.0, "9.007199254740992e15"),
            (1.23e7, "1.23e7"),
            (-2.5, "-2.5"),
            (3.25159, "3.25159"),
            // Exact ties between two shortest candidates: the even one (Ryu).
            // 2^-25 = 2.98023223876953125e-8 exactly, written as a power of two.
            (1.0 / 33554432.0, "2.9802322387695312e-8"),
        ];
        for &(f, want) in cases {
            assert_eq!(short(f), want, "{f:?}");
        }
    }

    /// `short` reads back as the same double and is no longer than
    /// Rust's shortest digits allow (random bit patterns, both layouts).
    #[test]
    fn shortest_round_trips() {
        let mut seed = 0x2545_f491_4f6c_dd1du64;
        for _ in 0..20000 {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            let f = f64::from_bits(seed);
            if !f.is_finite() {
                continue;
            }
            let s = short(f);
            assert_eq!(s.parse::<f64>().ok(), Some(f), "{s}");
            assert!(s.contains('.'), "{s}");
        }
    }

    #[test]
    fn parsing() {
        assert_eq!(parse(b"1.5"), Some(1.5));
        assert_eq!(parse(b"1,5"), Some(1.5));
        assert_eq!(parse(b"+1.5"), Some(1.5));
        assert_eq!(parse(b"1.0E+5"), Some(1.0e5));
        assert_eq!(parse(b"1.0e-400"), Some(0.0));
        assert_eq!(parse(b"1.5\0abc"), Some(1.5));
        assert!(parse(b"-0.0").unwrap().is_sign_negative());
        for bad in [
            &b"1."[..],
            b".5",
            b"1e5",
            b"1.0e",
            b"1.0e+",
            b" 1.0",
            b"1.0 ",
            b"1.0e400",
            b"",
            b"1.5x",
        ] {
            assert_eq!(parse(bad), None, "{:?}", std::str::from_utf8(bad));
        }
    }
}

#[cfg(test)]
mod c_exp_tests {
    /// The C library and Rust's exact formatter agree digit for digit.
    #[test]
    fn libc_and_rust_agree() {
        let mut x: u64 = 0x9E37_79B9_7F4A_7C15;
        for _ in 0..20000 {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            let f = f64::from_bits(x);
            if !f.is_finite() {
                continue;
            }
            for prec in [0, 1, 6, 17, 20, 30] {
                assert_eq!(
                    super::c_exp(f, prec),
                    super::rust_exp(f, prec),
                    "{f:e} {prec}"
                );
            }
        }
        for f in [
            0.0,
            -0.0,
            1.0,
            0.1,
            5e-324,
            1.7976931348623157e308,
            0.125,
            2.5,
        ] {
            assert_eq!(super::c_exp(f, 20), super::rust_exp(f, 20));
        }
    }
}
