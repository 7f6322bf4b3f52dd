//! The text forms of pids, ports, references and funs: `pid_to_list/1`,
//! `list_to_pid/1`, `port_to_list/1`, `list_to_port/1`, `ref_to_list/1`,
//! `list_to_ref/1`, `fun_to_list/1`, and `erlang:ports/0`.
//!
//! `X_to_list` is the term as `erlang:display/1` prints it, as a list of
//! bytes (BEAM prints with the same printer). `list_to_X` parses exactly
//! what BEAM accepts: a list of bytes no longer than BEAM's buffer, decimal
//! numbers (leading zeros allowed, overflow wrapping as in BEAM's C, except
//! in pids: see below), node number 0 (this node; girder has no
//! distribution, so every other node number is `badarg`, as on a
//! non-distributed BEAM).
//!
//! Where girder's term representation differs from BEAM's:
//! - a pid is one number; its low 15 bits are BEAM's pid number and the
//!   rest its serial (`<0.N.S>`, N < 2^15, S < 2^13, maps to `S * 2^15 + N`
//!   and prints back the same way);
//! - references print their two id words as three numbers (see
//!   display.rs) and `list_to_ref` inverts that; BEAM's check that the last
//!   number is below 2^18 does not apply to girder's numbering.
//!
//! `erlang:ports/0` lists the port table (`io/port`); `list_to_port` builds
//! a port identifier whether or not that port exists, as BEAM does.

use super::{bif, BifDef};
use crate::data::build::{make_byte_list, make_ref_with};
use crate::heap::ctx::Ctx;
use crate::term::{Term, HDR_EXT_PID, HDR_EXT_PORT};

pub const BIFS: &[BifDef] = &[
    bif!("erlang", "pid_to_list", 1, pid_to_list_1),
    bif!("erlang", "list_to_pid", 1, list_to_pid_1),
    bif!("erlang", "port_to_list", 1, port_to_list_1),
    bif!("erlang", "list_to_port", 1, list_to_port_1),
    bif!("erlang", "ref_to_list", 1, ref_to_list_1),
    bif!("erlang", "list_to_ref", 1, list_to_ref_1),
    bif!("erlang", "fun_to_list", 1, fun_to_list_1),
    bif!("erlang", "ports", 0, ports_0),
];

/// BEAM's limits (64-bit): pid number and serial bits, port number bits.
const PID_NUM_BITS: u32 = 15;
const PID_SER_BITS: u32 = 13;
const MAX_PORT_NUMBER: u64 = (1 << 28) - 1;
/// Longest text each parser reads (BEAM's buffer sizes).
const PID_TEXT_MAX: usize = 64;
const PORT_TEXT_MAX: usize = 6 + 11 + 21;
const REF_TEXT_MAX: usize = 5 + 6 * 11;
/// Numbers in a reference's text (node included) BEAM reads at most.
const REF_MAX_INTS: usize = 6;

/// The printed form of `t` as a list of bytes.
fn printed(ctx: &mut Ctx, t: Term) -> Term {
    let b = crate::data::display::display_bytes(t);
    make_byte_list(ctx, &b)
}

fn pid_to_list_1(ctx: &mut Ctx, args: &[Term; 1]) -> Term {
    let t = args[0];
    if !t.is_pid() && !t.is_boxed_of(HDR_EXT_PID) {
        return ctx.badarg();
    }
    printed(ctx, t)
}

fn port_to_list_1(ctx: &mut Ctx, args: &[Term; 1]) -> Term {
    let t = args[0];
    if !t.is_port() && !t.is_boxed_of(HDR_EXT_PORT) {
        return ctx.badarg();
    }
    printed(ctx, t)
}

fn ref_to_list_1(ctx: &mut Ctx, args: &[Term; 1]) -> Term {
    let t = args[0];
    if !t.is_reference() {
        return ctx.badarg();
    }
    printed(ctx, t)
}

fn fun_to_list_1(ctx: &mut Ctx, args: &[Term; 1]) -> Term {
    let t = args[0];
    if !t.is_fun() {
        return ctx.badarg();
    }
    printed(ctx, t)
}

fn ports_0(ctx: &mut Ctx, _args: &[Term; 0]) -> Term {
    let v = crate::io::port::all();
    crate::data::build::list_from_slice(ctx, &v)
}

/// The bytes of `t`, a proper list of integers 0..=255 of at most `max`
/// elements (BEAM's `intlist_to_buf` into a buffer of that size).
fn text(t: Term, max: usize) -> Option<Vec<u8>> {
    let mut out = Vec::new();
    let mut cur = t;
    while cur.is_list() {
        // SAFETY: `cur` is a cons cell.
        let (h, tl) = unsafe { (cur.head(), cur.tail()) };
        if !h.is_small() || !(0..=255).contains(&h.small_value()) || out.len() == max {
            return None;
        }
        out.push(h.small_value() as u8);
        cur = tl;
    }
    cur.is_nil().then_some(out)
}

/// A cursor over the text being parsed.
struct Scan<'a> {
    s: &'a [u8],
    i: usize,
}

impl Scan<'_> {
    fn eat(&mut self, lit: &[u8]) -> Option<()> {
        if self.s[self.i..].starts_with(lit) {
            self.i += lit.len();
            Some(())
        } else {
            None
        }
    }

    /// At least one decimal digit; the value wraps like BEAM's C.
    fn number(&mut self) -> Option<u64> {
        let start = self.i;
        let mut v = 0u64;
        while let Some(&c) = self.s.get(self.i).filter(|c| c.is_ascii_digit()) {
            v = v.wrapping_mul(10).wrapping_add((c - b'0') as u64);
            self.i += 1;
        }
        (self.i > start).then_some(v)
    }

    /// At least one decimal digit; None if the value overflows 64 bits.
    fn number_checked(&mut self) -> Option<u64> {
        let start = self.i;
        let mut v = Some(0u64);
        while let Some(&c) = self.s.get(self.i).filter(|c| c.is_ascii_digit()) {
            v = v.and_then(|v| v.checked_mul(10)?.checked_add((c - b'0') as u64));
            self.i += 1;
        }
        if self.i == start {
            return None;
        }
        v
    }

    fn peek(&self) -> Option<u8> {
        self.s.get(self.i).copied()
    }

    fn at_end(&self) -> bool {
        self.i == self.s.len()
    }
}

/// `<A.B.C>` -> the pid it names, if any.
fn parse_pid(s: &[u8]) -> Option<Term> {
    let mut sc = Scan { s, i: 0 };
    sc.eat(b"<")?;
    let node = sc.number()?;
    sc.eat(b".")?;
    // Checked, not wrapping: a wrapped huge number must not become a
    // valid one.
    let num = sc.number_checked()?;
    sc.eat(b".")?;
    let ser = sc.number_checked()?;
    sc.eat(b">")?;
    if !sc.at_end() || node != 0 {
        return None;
    }
    if num >= 1 << PID_NUM_BITS || ser >= 1 << PID_SER_BITS {
        return None;
    }
    Some(Term::pid((ser << PID_NUM_BITS) | num))
}

/// `#Port<N.P>` -> the port it names, if any.
fn parse_port(s: &[u8]) -> Option<Term> {
    let mut sc = Scan { s, i: 0 };
    sc.eat(b"#Port<")?;
    let node = sc.number()? as u32;
    sc.eat(b".")?;
    let num = sc.number()?;
    sc.eat(b">")?;
    if !sc.at_end() || node != 0 || num > MAX_PORT_NUMBER {
        return None;
    }
    Some(Term::port(num))
}

/// `#Ref<0.A.B.C>` -> the id words `(A, B << 32 | C)` of a local ref.
fn parse_ref(s: &[u8]) -> Option<(u64, u64)> {
    let mut sc = Scan { s, i: 0 };
    sc.eat(b"#Ref<")?;
    let mut ints = Vec::with_capacity(REF_MAX_INTS);
    loop {
        if ints.len() == REF_MAX_INTS {
            break;
        }
        let v = sc.number()?;
        if v > u32::MAX as u64 {
            return None;
        }
        ints.push(v);
        if sc.peek() == Some(b'>') {
            break;
        }
        sc.eat(b".")?;
    }
    sc.eat(b">")?;
    if !sc.at_end() || ints.len() < 2 || ints[0] != 0 || ints.len() != 4 {
        return None;
    }
    Some((ints[1], (ints[2] << 32) | ints[3]))
}

fn list_to_pid_1(ctx: &mut Ctx, args: &[Term; 1]) -> Term {
    let t = args[0];
    match text(t, PID_TEXT_MAX).and_then(|s| parse_pid(&s)) {
        Some(p) => p,
        None => ctx.badarg(),
    }
}

fn list_to_port_1(ctx: &mut Ctx, args: &[Term; 1]) -> Term {
    let t = args[0];
    match text(t, PORT_TEXT_MAX).and_then(|s| parse_port(&s)) {
        Some(p) => p,
        None => ctx.badarg(),
    }
}

fn list_to_ref_1(ctx: &mut Ctx, args: &[Term; 1]) -> Term {
    let t = args[0];
    match text(t, REF_TEXT_MAX).and_then(|s| parse_ref(&s)) {
        Some((hi, lo)) => make_ref_with(ctx, hi, lo),
        None => ctx.badarg(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pids() {
        assert_eq!(parse_pid(b"<0.1.0>"), Some(Term::pid(1)));
        assert_eq!(parse_pid(b"<00.01.00>"), Some(Term::pid(1)));
        assert_eq!(parse_pid(b"<0.1696.3>"), Some(Term::pid(100000)));
        assert_eq!(parse_pid(b"<0.5.1>"), Some(Term::pid(32768 + 5)));
        for bad in [
            &b"<1.2.3>"[..],
            b"<0.1.8192>",
            b"<0.32768.1>",
            b"<0.32768.0>",
            b"<0.100000.0>",
            b"<0.1.0> ",
            b" <0.1.0>",
            b"<0.1>",
            b"<0..0>",
            b"<-1.0.0>",
            b"<0.99999999999999999999999.0>",
            b"",
        ] {
            assert_eq!(parse_pid(bad), None, "{}", String::from_utf8_lossy(bad));
        }
    }

    #[test]
    fn ports_and_refs() {
        assert_eq!(parse_port(b"#Port<0.5>"), Some(Term::port(5)));
        assert_eq!(
            parse_port(b"#Port<0.268435455>"),
            Some(Term::port(MAX_PORT_NUMBER))
        );
        for bad in [
            &b"#Port<0.268435456>"[..],
            b"#Port<1.1>",
            b"#Port<0.1.2>",
            b"#Port<0>",
        ] {
            assert_eq!(parse_port(bad), None);
        }
        assert_eq!(parse_ref(b"#Ref<0.1.2.3>"), Some((1, (2 << 32) | 3)));
        assert_eq!(
            parse_ref(b"#Ref<0.4294967295.2.3>"),
            Some((u32::MAX as u64, (2 << 32) | 3))
        );
        for bad in [
            &b"#Ref<0.1.2>"[..],
            b"#Ref<0.1.2.3.4>",
            b"#Ref<1.1.2.3>",
            b"#Ref<0.4294967296.2.3>",
            b"#Ref<0.1.2.3.4.5.6>",
            b"#Ref<0.1>",
        ] {
            assert_eq!(parse_ref(bad), None);
        }
    }

    #[test]
    fn text_limits() {
        let mut tp = crate::testutil::TestProc::new();
        let ctx = tp.ctx();
        let l = make_byte_list(ctx, b"<0.1.0>");
        assert_eq!(text(l, 64).as_deref(), Some(&b"<0.1.0>"[..]));
        assert_eq!(text(l, 6), None);
        let r = crate::data::build::make_ref_with(ctx, 7, (8 << 32) | 9);
        let s = ref_to_list_1(ctx, &[r]);
        let back = list_to_ref_1(ctx, &[s]);
        assert!(crate::data::compare::eq_exact(r, back));
        let p = Term::pid(12345);
        let s = pid_to_list_1(ctx, &[p]);
        assert_eq!(list_to_pid_1(ctx, &[s]), p);
        assert!(pid_to_list_1(ctx, &[Term::small(1)]).is_non_value());
    }
}
