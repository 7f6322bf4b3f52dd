//! The slogan erl's `init` halts with when a boot step crashes:
//! `init terminating in do_boot (Reason)`, where Reason is written by
//! init's own small printer, which cuts terms at depth 4 (`{_}`, `[_]`),
//! writes atoms without quotes, printable lists as text and nothing at
//! all for binaries, references, funs, maps and ports.

use crate::term::{atom, Term, NIL};

/// init's printable test: 32..=126, `\n`, `\r`, `\t`.
fn printable(chars: &[Term]) -> bool {
    chars
        .iter()
        .all(|c| c.is_small() && matches!(c.small_value(), 32..=126 | 9 | 10 | 13))
}

/// The elements of a list, nested lists flattened into it (init's
/// `flatten/2`); an improper tail ends it.
fn flatten(t: Term, out: &mut Vec<Term>) {
    let mut cur = t;
    while cur.is_list() {
        // SAFETY: `cur` is a cons cell.
        let (h, tl) = unsafe { (cur.head(), cur.tail()) };
        if h.is_list() || h == NIL {
            flatten(h, out);
        } else {
            out.push(h);
        }
        cur = tl;
    }
}

fn elements(t: Term) -> Vec<Term> {
    let mut v = Vec::new();
    let mut cur = t;
    while cur.is_list() {
        // SAFETY: `cur` is a cons cell.
        let (h, tl) = unsafe { (cur.head(), cur.tail()) };
        v.push(h);
        cur = tl;
    }
    v
}

/// `float_to_list/1`: `%.20e` with a signed exponent of two digits or more.
fn float_text(f: f64) -> String {
    let s = format!("{f:.20e}");
    let (mant, exp) = s.split_once('e').unwrap_or((&s, "0"));
    let e: i32 = exp.parse().unwrap_or(0);
    let sign = if e < 0 { '-' } else { '+' };
    format!("{mant}e{sign}{:02}", e.abs())
}

fn joined(items: &[Term], d: u32, open: char, close: char, out: &mut String) {
    out.push(open);
    for (i, &e) in items.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        to_string(e, d + 1, out);
    }
    out.push(close);
}

/// init's `to_string/2`.
pub fn to_string(t: Term, d: u32, out: &mut String) {
    if t.is_list() || t == NIL {
        if d >= 4 {
            out.push_str("[_]");
            return;
        }
        let mut flat = Vec::new();
        flatten(t, &mut flat);
        if !flat.is_empty() && printable(&flat) {
            out.extend(flat.iter().map(|c| c.small_value() as u8 as char));
        } else {
            joined(&elements(t), d, '[', ']', out);
        }
    } else if t.is_atom() {
        out.push_str(atom::name(t));
    } else if t.is_pid() || t.is_small() || t.is_bignum() {
        out.push_str(&crate::data::display::display_string(t));
    } else if t.is_float() {
        // SAFETY: `t` is a float.
        out.push_str(&float_text(unsafe { t.float_value() }));
    } else if t.is_tuple() {
        if d >= 4 {
            out.push_str("{_}");
            return;
        }
        // SAFETY: element reads below the tuple's arity.
        let items: Vec<Term> = unsafe { (0..t.tuple_arity()).map(|i| t.tuple_elem(i)).collect() };
        joined(&items, d, '{', '}', out);
    }
}

/// `init terminating in do_boot (Reason)`.
pub fn do_boot(reason: Term) -> String {
    let mut s = String::from("init terminating in do_boot (");
    to_string(reason, 0, &mut s);
    s.push(')');
    s
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::data::build::{list_from_slice, make_string, make_tuple};

    #[test]
    fn cuts_at_depth_four_as_init() {
        let mut tp = crate::testutil::TestProc::new();
        let ctx = tp.ctx();
        let file = make_string(ctx, "erl_eval.erl");
        let f = make_tuple(ctx, &[atom::intern("file"), file]);
        let l = make_tuple(ctx, &[atom::intern("line"), Term::small(496)]);
        let loc = list_from_slice(ctx, &[f, l]);
        let fr = make_tuple(
            ctx,
            &[
                atom::intern("erl_eval"),
                atom::intern("expr"),
                Term::small(6),
                loc,
            ],
        );
        let trace = list_from_slice(ctx, &[fr]);
        let bm = make_tuple(ctx, &[atom::intern("badmatch"), atom::intern("y")]);
        let r = make_tuple(ctx, &[bm, trace]);
        assert_eq!(
            do_boot(r),
            "init terminating in do_boot ({{badmatch,y},[{erl_eval,expr,6,[{_},{_}]}]})"
        );
        assert_eq!(float_text(1.5), "1.50000000000000000000e+00");
        assert_eq!(float_text(-0.001), "-1.00000000000000002082e-03");
        let mut s = String::new();
        to_string(NIL, 0, &mut s);
        assert_eq!(s, "[]");
    }
}
