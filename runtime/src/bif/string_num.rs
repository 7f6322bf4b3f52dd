//! `string:list_to_integer/1` and `string:list_to_float/1`: the BIFs under
//! `string:to_integer/1` and `string:to_float/1`. Each reads the longest
//! number at the front of a list and returns `{Number, Rest}` or
//! `{error, no_integer | no_float | not_a_list}` (BEAM's `bif.c` grammar).

use super::{bif, float_fmt, BifDef};
use crate::data::build::make_tuple;
use crate::heap::ctx::Ctx;
use crate::term::atom::{am, intern};
use crate::term::Term;

pub const BIFS: &[BifDef] = &[
    bif!("string", "list_to_integer", 1, list_to_integer_1),
    bif!("string", "list_to_float", 1, list_to_float_1),
];

fn error(ctx: &mut Ctx, why: &str) -> Term {
    let w = intern(why);
    make_tuple(ctx, &[am::ERROR, w])
}

/// The character of a list cell's head if it is a small non-negative
/// integer.
fn char_of(cell: Term) -> Option<u64> {
    // SAFETY: callers pass a cons.
    let h = unsafe { cell.head() };
    (h.is_small() && h.small_value() >= 0).then(|| h.small_value() as u64)
}

/// `[+-]digits`, the rest starting at the first non-digit (or at an
/// improper tail).
fn list_to_integer_1(ctx: &mut Ctx, args: &[Term; 1]) -> Term {
    let l = args[0];
    if l.is_nil() {
        return error(ctx, "no_integer");
    }
    if !l.is_list() {
        return error(ctx, "not_a_list");
    }
    let mut text = Vec::new();
    let mut cur = l;
    if let Some(c @ (0x2B | 0x2D)) = char_of(cur) {
        if c == u64::from(b'-') {
            text.push(b'-');
        }
        // SAFETY: `cur` is a cons.
        cur = unsafe { cur.tail() };
        if !cur.is_list() {
            return error(ctx, "no_integer");
        }
    }
    let start = text.len();
    while cur.is_list() {
        match char_of(cur) {
            Some(c) if (u64::from(b'0')..=u64::from(b'9')).contains(&c) => text.push(c as u8),
            _ => break,
        }
        // SAFETY: `cur` is a cons.
        cur = unsafe { cur.tail() };
    }
    if text.len() == start {
        return error(ctx, "no_integer");
    }
    let Some(v) = crate::data::big::parse_integer(&text, 10) else {
        return error(ctx, "no_integer");
    };
    let n = crate::data::big::make_integer(ctx, &v);
    make_tuple(ctx, &[n, cur])
}

#[derive(Clone, Copy, PartialEq)]
enum Part {
    Sign,
    Int,
    Frac,
    ExpSign,
    Exp0,
    Exp1,
    End,
}

/// `[+-]digits[.,]digits[(e|E)[+-]digits]`; an `e` not followed by an
/// exponent belongs to the rest.
fn list_to_float_1(ctx: &mut Ctx, args: &[Term; 1]) -> Term {
    let l = args[0];
    if l.is_nil() {
        return error(ctx, "no_float");
    }
    if !l.is_list() {
        return error(ctx, "not_a_list");
    }
    let mut buf: Vec<u8> = Vec::new();
    let mut part = Part::Sign;
    let mut list = l;
    // The position of an `e` that may turn out to start the rest.
    let mut saved = (0usize, l);
    while let Some(c) = char_of(list) {
        let mut skip = false;
        let restore = |part: Part| matches!(part, Part::ExpSign | Part::Exp0);
        match c {
            0x2D | 0x2B => {
                part = match part {
                    Part::Sign => {
                        skip = c == 0x2B;
                        Part::Int
                    }
                    Part::ExpSign => Part::Exp0,
                    p => {
                        if p == Part::Exp0 {
                            buf.truncate(saved.0);
                            list = saved.1;
                        }
                        Part::End
                    }
                }
            }
            0x2E | 0x2C => {
                part = match part {
                    Part::Int => Part::Frac,
                    p => {
                        if restore(p) {
                            buf.truncate(saved.0);
                            list = saved.1;
                        }
                        Part::End
                    }
                }
            }
            0x45 | 0x65 => {
                part = match part {
                    Part::Frac => {
                        saved = (buf.len(), list);
                        Part::ExpSign
                    }
                    p => {
                        if restore(p) {
                            buf.truncate(saved.0);
                            list = saved.1;
                        }
                        Part::End
                    }
                }
            }
            0x30..=0x39 => {
                part = match part {
                    Part::Sign => Part::Int,
                    Part::ExpSign | Part::Exp0 => Part::Exp1,
                    p => p,
                }
            }
            _ => break,
        }
        if part == Part::End {
            if buf.len() < 3 {
                return error(ctx, "no_float");
            }
            break;
        }
        if !skip {
            buf.push(c as u8);
        }
        // SAFETY: `list` is a cons.
        list = unsafe { list.tail() };
        if !list.is_list() {
            break;
        }
    }
    // Ran out (or hit a non-float character) right after an `e` or its
    // sign: the `e` is part of the rest.
    if matches!(part, Part::ExpSign | Part::Exp0) {
        buf.truncate(saved.0);
        list = saved.1;
    }
    if buf.is_empty() {
        return error(ctx, "no_float");
    }
    let Some(v) = float_fmt::parse(&buf) else {
        return error(ctx, "no_float");
    };
    let f = crate::data::build::make_float(ctx, v);
    make_tuple(ctx, &[f, list])
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::bif::native;
    use crate::bif::test_terms::t;
    use crate::data::display::show_result;
    use crate::testutil::TestProc;

    fn call(tp: &mut TestProc, f: crate::code::export::BifFn, a: &str) -> String {
        let x = t(tp.ctx(), a);
        let r = tp.call(f, &[x]);
        show_result(tp.ctx(), r)
    }

    /// Expected results from `erl` (OTP 25), shown as `{ok, Result}` in
    /// `erlang:display` notation.
    #[test]
    fn integers() {
        let mut tp = TestProc::new();
        for (input, want) in [
            ("\"123abc\"", "{ok,{123,\"abc\"}}"),
            ("\"-45\"", "{ok,{-45,[]}}"),
            ("\"+7 x\"", "{ok,{7,\" x\"}}"),
            ("\"abc\"", "{ok,{error,no_integer}}"),
            ("[]", "{ok,{error,no_integer}}"),
            ("foo", "{ok,{error,not_a_list}}"),
            ("\"-\"", "{ok,{error,no_integer}}"),
            ("\"+-5\"", "{ok,{error,no_integer}}"),
            ("[49,50|foo]", "{ok,{12,foo}}"),
            (
                "\"123456789012345678901234567890\"",
                "{ok,{123456789012345678901234567890,[]}}",
            ),
        ] {
            assert_eq!(
                call(&mut tp, native!(list_to_integer_1, 1), input),
                want,
                "{input}"
            );
        }
    }

    #[test]
    fn floats() {
        let mut tp = TestProc::new();
        for (input, want) in [
            ("\"3.14rest\"", "{ok,{3.140000e+00,\"rest\"}}"),
            ("\"-1.5e3\"", "{ok,{-1.500000e+03,[]}}"),
            ("\"10\"", "{ok,{error,no_float}}"),
            ("\"2.\"", "{ok,{error,no_float}}"),
            ("\"1.5e\"", "{ok,{1.500000e+00,\"e\"}}"),
            ("\"1.5e+\"", "{ok,{1.500000e+00,\"e+\"}}"),
            ("\"1.5e+x\"", "{ok,{1.500000e+00,\"e+x\"}}"),
            ("\"1.5ee\"", "{ok,{1.500000e+00,\"ee\"}}"),
            ("\"1,5\"", "{ok,{1.500000e+00,[]}}"),
            ("\"+2.5-\"", "{ok,{2.500000e+00,\"-\"}}"),
            ("\"1.5e2.0\"", "{ok,{1.500000e+02,\".0\"}}"),
            ("\"x\"", "{ok,{error,no_float}}"),
            ("[]", "{ok,{error,no_float}}"),
            ("bar", "{ok,{error,not_a_list}}"),
        ] {
            assert_eq!(
                call(&mut tp, native!(list_to_float_1, 1), input),
                want,
                "{input}"
            );
        }
    }
}
