//! The `re` module's BIFs: `run/2,3`, `compile/1,2`, `version/0`,
//! `inspect/2` (re.beam's `replace`/`split` are Erlang code over these).
//! Matching is PCRE2 (see re_engine.rs). A compiled pattern is
//! `{re_pattern, NumGroups, Unicode, UseCRLF, Bin}` as in BEAM, but `Bin`
//! holds our own encoding (the source and options, recompiled through a
//! cache on use), not PCRE's serialized bytecode.

use super::binary::collect_iolist;
use super::re_engine::{self as eng, Code, Source, NL_DEFAULT};
use super::unicode::{decode_chardata, utf8_encode, InEnc};
use super::{bif, BifDef};
use crate::data::binary::bits::BitWriter;
use crate::data::binary::build::make_binary;
use crate::data::build::{list_from_slice, list_to_vec, make_byte_list, make_string, make_tuple};
use crate::heap::ctx::Ctx;
use crate::term::atom;
use crate::term::{Term, NIL};
use pcre2_sys::*;

pub const BIFS: &[BifDef] = &[
    bif!("re", "run", 2, run_2),
    bif!("re", "run", 3, run_3),
    bif!("re", "compile", 1, compile_1),
    bif!("re", "compile", 2, compile_2),
    bif!("re", "version", 0, version_0),
    bif!("re", "inspect", 2, inspect_2),
];

fn a(s: &str) -> Term {
    atom::intern(s)
}

/// Reads a tuple's elements, if `t` is a tuple.
fn tuple(t: Term) -> Option<Vec<Term>> {
    if !t.is_tuple() {
        return None;
    }
    // SAFETY: reads within the arity of a tuple.
    unsafe { Some((0..t.tuple_arity()).map(|i| t.tuple_elem(i)).collect()) }
}

/// iodata (or, with `unicode`, chardata) to bytes (UTF-8 for chardata).
fn to_bytes(t: Term, unicode: bool) -> Option<Vec<u8>> {
    if let Some(v) = crate::data::binary::view(t) {
        if !v.bits.is_multiple_of(8) {
            return None;
        }
        return Some(crate::data::binary::bits::read_be_bits(&v, 0, v.bits));
    }
    if !t.is_list() && !t.is_nil() {
        return None;
    }
    if unicode {
        return decode_chardata(t, InEnc::Utf8)
            .ok()
            .map(|cps| utf8_encode(&cps));
    }
    let mut w = BitWriter::default();
    (collect_iolist(t, &mut w, false) && w.bits.is_multiple_of(8)).then_some(w.buf)
}

/// A compiled-pattern term's source and unicode flag.
fn from_mp(t: Term) -> Option<Source> {
    let e = tuple(t)?;
    if e.len() != 5 || e[0] != a("re_pattern") {
        return None;
    }
    let b = crate::data::binary::view(e[4])?;
    if !b.bits.is_multiple_of(8) {
        return None;
    }
    Source::decode(&crate::data::binary::bits::read_be_bits(&b, 0, b.bits))
}

fn make_mp(ctx: &mut Ctx, src: &Source, code: &Code) -> Term {
    let bin = make_binary(ctx, &src.encode());
    let tag = a("re_pattern");
    make_tuple(
        ctx,
        &[
            tag,
            Term::small(code.ncap as i64),
            Term::small(src.utf() as i64),
            Term::small(src.crlf_newline() as i64),
            bin,
        ],
    )
}

#[derive(Clone)]
enum Spec {
    All,
    AllButFirst,
    First,
    None,
    AllNames,
    List(Vec<Term>),
}

#[derive(Clone, Copy, PartialEq)]
enum Kind {
    Index,
    List,
    Binary,
}

/// Parsed options of `run/3` / `compile/2`.
struct Opts {
    compile: u32,
    newline: u32,
    bsr: u32,
    /// A compile-only option was given (illegal with a compiled pattern).
    compile_only: bool,
    /// A run-only option was given (illegal in `compile/2`).
    run_only: bool,
    exec: u32,
    global: bool,
    offset: usize,
    report_errors: bool,
    spec: Spec,
    kind: Kind,
}

fn newline_of(t: Term) -> Option<u32> {
    Some(match atom::name(t) {
        "cr" => PCRE2_NEWLINE_CR,
        "lf" => PCRE2_NEWLINE_LF,
        "crlf" => PCRE2_NEWLINE_CRLF,
        "anycrlf" => PCRE2_NEWLINE_ANYCRLF,
        "any" => PCRE2_NEWLINE_ANY,
        _ => return None,
    })
}

fn parse_opts(list: Term) -> Option<Opts> {
    let mut o = Opts {
        compile: 0,
        newline: NL_DEFAULT,
        bsr: 0,
        compile_only: false,
        run_only: false,
        exec: 0,
        global: false,
        offset: 0,
        report_errors: false,
        spec: Spec::All,
        kind: Kind::Index,
    };
    for t in list_to_vec(list)? {
        if t.is_atom() {
            let (c, co) = match atom::name(t) {
                "unicode" => (PCRE2_UTF, false),
                "anchored" => {
                    o.exec |= PCRE2_ANCHORED;
                    continue;
                }
                "caseless" => (PCRE2_CASELESS, true),
                "dollar_endonly" => (PCRE2_DOLLAR_ENDONLY, true),
                "dotall" => (PCRE2_DOTALL, true),
                "extended" => (PCRE2_EXTENDED, true),
                "firstline" => (PCRE2_FIRSTLINE, true),
                "multiline" => (PCRE2_MULTILINE, true),
                "no_auto_capture" => (PCRE2_NO_AUTO_CAPTURE, true),
                "dupnames" => (PCRE2_DUPNAMES, true),
                "ungreedy" => (PCRE2_UNGREEDY, true),
                "no_start_optimize" => (PCRE2_NO_START_OPTIMIZE, true),
                "ucp" => (PCRE2_UCP, true),
                "never_utf" => (PCRE2_NEVER_UTF, true),
                "bsr_anycrlf" => {
                    o.bsr = PCRE2_BSR_ANYCRLF;
                    continue;
                }
                "bsr_unicode" => {
                    o.bsr = PCRE2_BSR_UNICODE;
                    continue;
                }
                name => {
                    o.run_only = true;
                    match name {
                        "global" => o.global = true,
                        "notbol" => o.exec |= PCRE2_NOTBOL,
                        "noteol" => o.exec |= PCRE2_NOTEOL,
                        "notempty" => o.exec |= PCRE2_NOTEMPTY,
                        "notempty_atstart" => o.exec |= PCRE2_NOTEMPTY_ATSTART,
                        "report_errors" => o.report_errors = true,
                        _ => return None,
                    }
                    continue;
                }
            };
            o.compile |= c;
            o.compile_only |= co;
            continue;
        }
        let e = tuple(t)?;
        if e.is_empty() || !e[0].is_atom() {
            return None;
        }
        match (atom::name(e[0]), e.len()) {
            ("newline", 2) if e[1].is_atom() => o.newline = newline_of(e[1])?,
            ("offset", 2) if e[1].is_small() && e[1].small_value() >= 0 => {
                o.run_only = true;
                o.offset = e[1].small_value() as usize;
            }
            ("match_limit" | "match_limit_recursion", 2) if e[1].is_small() => o.run_only = true,
            ("capture", 2 | 3) => {
                o.run_only = true;
                o.spec = if e[1].is_atom() {
                    match atom::name(e[1]) {
                        "all" => Spec::All,
                        "all_but_first" => Spec::AllButFirst,
                        "first" => Spec::First,
                        "none" => Spec::None,
                        "all_names" => Spec::AllNames,
                        _ => return None,
                    }
                } else {
                    Spec::List(list_to_vec(e[1])?)
                };
                if e.len() == 3 {
                    if !e[2].is_atom() {
                        return None;
                    }
                    o.kind = match atom::name(e[2]) {
                        "index" => Kind::Index,
                        "list" => Kind::List,
                        "binary" => Kind::Binary,
                        _ => return None,
                    };
                }
            }
            _ => return None,
        }
    }
    Some(o)
}

/// The compile result term `{error, {Msg, Pos}}` part: `{Msg, Pos}`.
fn err_term(ctx: &mut Ctx, e: &eng::CompileError) -> Term {
    let m = make_string(ctx, &e.0);
    make_tuple(ctx, &[m, Term::small(e.1 as i64)])
}

fn compile_impl(ctx: &mut Ctx, re: Term, opts: Term) -> Term {
    let Some(o) = parse_opts(opts) else {
        return ctx.badarg();
    };
    if o.run_only {
        return ctx.badarg();
    }
    let compile = o.compile
        | if o.exec & PCRE2_ANCHORED != 0 {
            PCRE2_ANCHORED
        } else {
            0
        };
    let Some(pattern) = to_bytes(re, compile & PCRE2_UTF != 0) else {
        return ctx.badarg();
    };
    let src = Source {
        pattern,
        opts: compile,
        newline: o.newline,
        bsr: o.bsr,
    };
    match eng::compile(&src) {
        Ok(code) => {
            let mp = make_mp(ctx, &src, &code);
            make_tuple(ctx, &[a("ok"), mp])
        }
        Err(e) => {
            let et = err_term(ctx, &e);
            make_tuple(ctx, &[a("error"), et])
        }
    }
}

fn compile_1(ctx: &mut Ctx, args: &[Term; 1]) -> Term {
    compile_impl(ctx, args[0], NIL)
}

fn compile_2(ctx: &mut Ctx, args: &[Term; 2]) -> Term {
    compile_impl(ctx, args[0], args[1])
}

fn version_0(ctx: &mut Ctx, _args: &[Term; 0]) -> Term {
    make_binary(ctx, eng::version().as_bytes())
}

fn inspect_2(ctx: &mut Ctx, args: &[Term; 2]) -> Term {
    let (mp, item) = (args[0], args[1]);
    let Some(src) = from_mp(mp) else {
        return ctx.badarg();
    };
    if item != a("namelist") {
        return ctx.badarg();
    }
    let Ok(code) = eng::compile(&src) else {
        return ctx.badarg();
    };
    let mut names: Vec<&[u8]> = code.names.iter().map(|(n, _)| n.as_slice()).collect();
    names.dedup();
    let bins: Vec<Term> = names.iter().map(|n| make_binary(ctx, n)).collect();
    let l = list_from_slice(ctx, &bins);
    make_tuple(ctx, &[a("namelist"), l])
}

fn run_2(ctx: &mut Ctx, args: &[Term; 2]) -> Term {
    run_impl(ctx, args[0], args[1], NIL)
}

fn run_3(ctx: &mut Ctx, args: &[Term; 3]) -> Term {
    run_impl(ctx, args[0], args[1], args[2])
}

fn run_impl(ctx: &mut Ctx, subject: Term, re: Term, opts: Term) -> Term {
    let Some(o) = parse_opts(opts) else {
        return ctx.badarg();
    };
    let src = match from_mp(re) {
        Some(s) => {
            if o.compile_only || o.compile & !PCRE2_UTF != 0 {
                return ctx.badarg();
            }
            s
        }
        None => {
            let Some(pattern) = to_bytes(re, o.compile & PCRE2_UTF != 0) else {
                return ctx.badarg();
            };
            Source {
                pattern,
                opts: o.compile,
                newline: o.newline,
                bsr: o.bsr,
            }
        }
    };
    let code = match eng::compile(&src) {
        Ok(c) => c,
        Err(e) if o.report_errors => {
            let et = err_term(ctx, &e);
            let inner = make_tuple(ctx, &[a("compile"), et]);
            return make_tuple(ctx, &[a("error"), inner]);
        }
        Err(_) => return ctx.badarg(),
    };
    let utf = src.utf();
    let Some(subj) = to_bytes(subject, utf) else {
        return ctx.badarg();
    };
    if o.offset > subj.len() {
        return ctx.badarg();
    }
    let mut matches = Vec::new();
    let mut start = o.offset;
    let mut extra = 0;
    let mut nocheck = 0;
    loop {
        let m = match code.exec(&subj, start, o.exec | extra | nocheck) {
            Ok(m) => m,
            Err(_) => return ctx.badarg(),
        };
        // The subject's UTF-8 was validated by the first call (an O(n)
        // check that would make global matching quadratic).
        nocheck = PCRE2_NO_UTF_CHECK;
        let Some(ov) = m else {
            if extra == 0 || start >= subj.len() {
                break;
            }
            // The retry after an empty match failed: step one character.
            extra = 0;
            start += if src.crlf_newline() && subj[start..].starts_with(b"\r\n") {
                2
            } else if utf {
                1 + subj[start + 1..]
                    .iter()
                    .take_while(|&&b| b & 0xC0 == 0x80)
                    .count()
            } else {
                1
            };
            continue;
        };
        let (s, e) = ov[0].unwrap_or((start, start));
        matches.push(ov);
        if !o.global {
            break;
        }
        extra = if s == e {
            PCRE2_NOTEMPTY_ATSTART | PCRE2_ANCHORED
        } else {
            0
        };
        start = e.max(start);
    }
    if matches.is_empty() {
        return a("nomatch");
    }
    if matches!(o.spec, Spec::None) {
        return a("match");
    }
    let mut per = Vec::with_capacity(matches.len());
    for ov in &matches {
        let Some(l) = captured(ctx, &o, &code, ov, &subj, utf) else {
            return ctx.badarg();
        };
        per.push(l);
    }
    let res = if o.global {
        list_from_slice(ctx, &per)
    } else {
        per[0]
    };
    make_tuple(ctx, &[a("match"), res])
}

/// The group number a capture-list element names (`None`: bad element;
/// `Some(None)`: a well-formed name or number that is not a group).
fn group_of(t: Term, code: &Code) -> Option<Option<usize>> {
    if t.is_small() {
        let n = t.small_value();
        if n < 0 {
            return None;
        }
        return Some((n as usize <= code.ncap).then_some(n as usize));
    }
    let name: Vec<u8> = if t.is_atom() {
        atom::name(t).as_bytes().to_vec()
    } else {
        to_bytes(t, true)?
    };
    Some(code.names.iter().find(|(n, _)| *n == name).map(|&(_, g)| g))
}

#[allow(clippy::type_complexity)]
fn captured(
    ctx: &mut Ctx,
    o: &Opts,
    code: &Code,
    ov: &[Option<(usize, usize)>],
    subj: &[u8],
    utf: bool,
) -> Option<Term> {
    let groups: Vec<Option<usize>> = match &o.spec {
        Spec::All => (0..ov.len()).map(Some).collect(),
        Spec::AllButFirst => (1..ov.len()).map(Some).collect(),
        Spec::First => vec![Some(0)],
        Spec::None => vec![],
        Spec::AllNames => code.names.iter().map(|&(_, g)| Some(g)).collect(),
        Spec::List(l) => l
            .iter()
            .map(|&t| group_of(t, code))
            .collect::<Option<Vec<_>>>()?,
    };
    let mut out = Vec::with_capacity(groups.len());
    for g in groups {
        let span = g.and_then(|g| ov.get(g).copied().flatten());
        out.push(value(ctx, o.kind, span, subj, utf));
    }
    Some(list_from_slice(ctx, &out))
}

fn value(ctx: &mut Ctx, kind: Kind, span: Option<(usize, usize)>, subj: &[u8], utf: bool) -> Term {
    match (kind, span) {
        (Kind::Index, None) => make_tuple(ctx, &[Term::small(-1), Term::small(0)]),
        (Kind::Index, Some((s, e))) => make_tuple(
            ctx,
            &[
                Term::small(s as i64),
                Term::small(e.saturating_sub(s) as i64),
            ],
        ),
        (Kind::Binary, None) => make_binary(ctx, &[]),
        (Kind::Binary, Some((s, e))) => make_binary(ctx, subj.get(s..e).unwrap_or(&[])),
        (Kind::List, None) => NIL,
        (Kind::List, Some((s, e))) => {
            let b = subj.get(s..e).unwrap_or(&[]);
            if utf {
                let cps: Vec<Term> = String::from_utf8_lossy(b)
                    .chars()
                    .map(|c| Term::small(c as i64))
                    .collect();
                list_from_slice(ctx, &cps)
            } else {
                make_byte_list(ctx, b)
            }
        }
    }
}
