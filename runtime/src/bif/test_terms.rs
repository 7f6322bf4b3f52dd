//! Test helper: builds terms from Erlang syntax (`{a,[1,2|x],"s",1.5}`)
//! so BIF tests can be written with the same text given to `erl`.
//! Supports integers (any size), floats, atoms (bare or quoted), strings,
//! `$c` characters, lists (with `|` tails) and tuples.

use crate::data::build::{list_from_slice_tail, make_float, make_string, make_tuple};
use crate::heap::ctx::Ctx;
use crate::term::{Term, NIL};

/// Parses `src` into a term on `ctx`'s heap. Panics on bad syntax (tests only).
pub fn t(ctx: &mut Ctx, src: &str) -> Term {
    let mut p = Parser {
        s: src.as_bytes(),
        i: 0,
    };
    let v = p.term(ctx);
    p.ws();
    assert_eq!(p.i, p.s.len(), "trailing input in {src:?}");
    v
}

struct Parser<'a> {
    s: &'a [u8],
    i: usize,
}

impl Parser<'_> {
    fn ws(&mut self) {
        while self.i < self.s.len() && self.s[self.i].is_ascii_whitespace() {
            self.i += 1;
        }
    }

    fn peek(&mut self) -> u8 {
        self.ws();
        *self.s.get(self.i).unwrap_or(&0)
    }

    fn eat(&mut self, c: u8) {
        assert_eq!(self.peek(), c, "expected {:?} at {}", c as char, self.i);
        self.i += 1;
    }

    fn escaped(&mut self) -> char {
        let c = self.s[self.i];
        self.i += 1;
        if c != b'\\' {
            // Re-decode a UTF-8 sequence starting at c.
            let start = self.i - 1;
            let len = match c {
                0..=0x7f => 1,
                0xc0..=0xdf => 2,
                0xe0..=0xef => 3,
                _ => 4,
            };
            self.i = start + len;
            return std::str::from_utf8(&self.s[start..start + len])
                .unwrap()
                .chars()
                .next()
                .unwrap();
        }
        let e = self.s[self.i];
        self.i += 1;
        match e {
            b'n' => '\n',
            b't' => '\t',
            b'r' => '\r',
            b'e' => '\x1b',
            b's' => ' ',
            other => other as char,
        }
    }

    fn quoted(&mut self, q: u8) -> String {
        self.eat(q);
        let mut out = String::new();
        while self.s[self.i] != q {
            out.push(self.escaped());
        }
        self.i += 1;
        out
    }

    fn term(&mut self, ctx: &mut Ctx) -> Term {
        match self.peek() {
            b'{' => {
                self.eat(b'{');
                let mut v = Vec::new();
                if self.peek() != b'}' {
                    loop {
                        v.push(self.term(ctx));
                        if self.peek() == b',' {
                            self.i += 1;
                        } else {
                            break;
                        }
                    }
                }
                self.eat(b'}');
                make_tuple(ctx, &v)
            }
            b'[' => {
                self.eat(b'[');
                let mut v = Vec::new();
                let mut tail = NIL;
                if self.peek() != b']' {
                    loop {
                        v.push(self.term(ctx));
                        match self.peek() {
                            b',' => self.i += 1,
                            b'|' => {
                                self.i += 1;
                                tail = self.term(ctx);
                                break;
                            }
                            _ => break,
                        }
                    }
                }
                self.eat(b']');
                list_from_slice_tail(ctx, &v, tail)
            }
            b'"' => {
                let s = self.quoted(b'"');
                make_string(ctx, &s)
            }
            b'\'' => {
                let s = self.quoted(b'\'');
                crate::term::atom::intern(&s)
            }
            b'$' => {
                self.i += 1;
                Term::small(self.escaped() as i64)
            }
            b'-' | b'0'..=b'9' => self.number(ctx),
            _ => {
                let start = self.i;
                while self.i < self.s.len()
                    && (self.s[self.i].is_ascii_alphanumeric() || b"_@".contains(&self.s[self.i]))
                {
                    self.i += 1;
                }
                assert!(self.i > start, "unexpected input at {start}");
                crate::term::atom::intern(std::str::from_utf8(&self.s[start..self.i]).unwrap())
            }
        }
    }

    fn number(&mut self, ctx: &mut Ctx) -> Term {
        let start = self.i;
        if self.s[self.i] == b'-' {
            self.i += 1;
        }
        let digits = |p: &mut Self| {
            while p.i < p.s.len() && p.s[p.i].is_ascii_digit() {
                p.i += 1;
            }
        };
        digits(self);
        let mut float = false;
        if self.i + 1 < self.s.len()
            && self.s[self.i] == b'.'
            && self.s[self.i + 1].is_ascii_digit()
        {
            float = true;
            self.i += 1;
            digits(self);
            if self.i < self.s.len() && (self.s[self.i] == b'e' || self.s[self.i] == b'E') {
                self.i += 1;
                if self.s[self.i] == b'-' || self.s[self.i] == b'+' {
                    self.i += 1;
                }
                digits(self);
            }
        }
        let text = std::str::from_utf8(&self.s[start..self.i]).unwrap();
        if float {
            make_float(ctx, text.parse().unwrap())
        } else {
            let v: crate::data::big::BigInt = text.parse().unwrap();
            crate::data::big::make_integer(ctx, &v)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::t;
    use crate::data::display::display_string;
    use crate::testutil::TestProc;

    #[test]
    fn round_trips_through_display() {
        let mut tp = TestProc::new();
        let ctx = tp.ctx();
        for s in [
            "{a,\"b\",[c]}",
            "[1,2|x]",
            "{}",
            "[]",
            "-123456789012345678901234567890",
            "{1.500000e+00,'A b',[[]]}",
            "[97|98]",
        ] {
            let v = t(ctx, s);
            assert_eq!(display_string(v), s);
        }
        let v = t(ctx, "[$a, 1.5, 'it\\'s']");
        assert_eq!(display_string(v), "[97,1.500000e+00,'it\\'s']");
    }
}
