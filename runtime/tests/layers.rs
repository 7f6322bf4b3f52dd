//! The runtime is laid out in layers (`runtime/layers.txt`, drawn in
//! `docs/ARCHITECTURE.md`): each top-level folder of `runtime/src` is one
//! layer, and a file may only use (`crate::` paths, `super::` paths that
//! leave its folder) its own layer and the layers below it. This test reads
//! every file and fails naming the file and the offending path; it also
//! checks that the top-level modules form no import cycle.
//!
//! Test code is not checked, as in `modcycles.py`: files whose name
//! contains `test`, and everything from a file's first `#[cfg(test)]` on.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// Files at the top of `src` that are not layers.
const NOT_LAYERS: &[&str] = &["lib.rs"];

/// The layers, bottom first; each entry lists peers.
fn parse_layers(text: &str) -> Vec<Vec<String>> {
    text.lines()
        .map(|l| l.split('#').next().unwrap_or("").trim())
        .filter(|l| !l.is_empty())
        .map(|l| l.split_whitespace().map(str::to_string).collect())
        .collect()
}

fn rank_of(layers: &[Vec<String>]) -> BTreeMap<String, usize> {
    let mut m = BTreeMap::new();
    for (i, peers) in layers.iter().enumerate() {
        for p in peers {
            m.insert(p.clone(), i);
        }
    }
    m
}

/// Whether the checker skips this file (test code).
fn is_test_file(rel: &str) -> bool {
    let name = rel.rsplit('/').next().unwrap_or(rel);
    name.contains("test")
}

/// The module path of a file relative to `src` (`a/b.rs` -> [a, b],
/// `a/mod.rs` -> [a]).
fn module_path(rel: &str) -> Vec<String> {
    let mut parts: Vec<String> = rel.split('/').map(str::to_string).collect();
    let last = parts.pop().unwrap_or_default();
    let stem = last.trim_end_matches(".rs");
    if stem != "mod" {
        parts.push(stem.to_string());
    }
    parts
}

fn is_ident_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == '_'
}

/// The identifier starting at `s` (possibly empty).
fn ident(s: &str) -> &str {
    let end = s.find(|c: char| !is_ident_char(c)).unwrap_or(s.len());
    &s[..end]
}

/// The first segment of every path in a use group, `s` starting just after
/// its `{`: `{a::b, c::{d, e}, self}` -> [a, c, self].
fn group_heads(s: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut depth = 0usize;
    let mut expect_head = true;
    let mut i = 0;
    let b = s.as_bytes();
    while i < b.len() {
        let c = b[i] as char;
        match c {
            '{' => depth += 1,
            '}' => {
                if depth == 0 {
                    break;
                }
                depth -= 1;
            }
            ',' if depth == 0 => expect_head = true,
            _ if expect_head && depth == 0 && is_ident_char(c) => {
                let id = ident(&s[i..]);
                out.push(id.to_string());
                expect_head = false;
                i += id.len();
                continue;
            }
            _ => {}
        }
        i += 1;
    }
    out
}

/// The top-level modules a file's code names: `crate::X...`,
/// `crate::{X, ...}`, and `super::` chains that climb to the crate root.
fn targets(rel: &str, text: &str) -> Vec<(String, String)> {
    let code = text.split("#[cfg(test)]").next().unwrap_or("");
    let mut out = Vec::new();
    let mut rest = code;
    while let Some(pos) = rest.find("crate::") {
        // `crate::` must start a path (not `girder_crate::`).
        let before = rest[..pos].chars().last();
        let after = &rest[pos + "crate::".len()..];
        rest = after;
        if before.is_some_and(is_ident_char) {
            continue;
        }
        let shown: String = after.chars().take(60).take_while(|&c| c != '\n').collect();
        if let Some(group) = after.strip_prefix('{') {
            for h in group_heads(group) {
                out.push((h, format!("crate::{shown}")));
            }
        } else {
            let id = ident(after);
            if !id.is_empty() {
                out.push((id.to_string(), format!("crate::{shown}")));
            }
        }
    }
    // `super::super::x` from `a/b.rs` (module a::b) names the root's `x`.
    let depth = module_path(rel).len();
    let mut rest = code;
    while let Some(pos) = rest.find("super::") {
        let before = rest[..pos].chars().last();
        let mut after = &rest[pos..];
        rest = &rest[pos + "super::".len()..];
        if before.is_some_and(|c| is_ident_char(c) || c == ':') {
            continue; // the tail of a chain already counted
        }
        let mut n = 0;
        while let Some(a) = after.strip_prefix("super::") {
            n += 1;
            after = a;
        }
        if n >= depth {
            let shown: String = after.chars().take(60).take_while(|&c| c != '\n').collect();
            let shown = format!("{}{shown}", "super::".repeat(n));
            if let Some(group) = after.strip_prefix('{') {
                for h in group_heads(group) {
                    out.push((h, shown.clone()));
                }
            } else {
                out.push((ident(after).to_string(), shown));
            }
        }
    }
    out.retain(|(t, _)| !t.is_empty() && t != "self" && t != "super" && t != "crate");
    out
}

/// One file's violations of the layer rule, and the top-level edges.
#[derive(Default)]
struct Report {
    errors: Vec<String>,
    edges: BTreeMap<String, BTreeSet<String>>,
}

fn check(files: &[(String, String)], layers: &[Vec<String>]) -> Report {
    let rank = rank_of(layers);
    let mut r = Report::default();
    for (rel, text) in files {
        if NOT_LAYERS.contains(&rel.as_str()) || is_test_file(rel) {
            continue;
        }
        let top = module_path(rel).first().cloned().unwrap_or_default();
        let Some(&own) = rank.get(&top) else {
            r.errors.push(format!(
                "{rel}: top-level module `{top}` is in no layer (runtime/layers.txt)"
            ));
            continue;
        };
        for (t, shown) in targets(rel, text) {
            if t == top {
                continue;
            }
            if rank.contains_key(&t) {
                r.edges.entry(top.clone()).or_default().insert(t.clone());
            }
            match rank.get(&t) {
                Some(&theirs) if theirs < own => {}
                Some(&theirs) if theirs == own => r.errors.push(format!(
                    "{rel}: `{shown}` uses `{t}`, a peer of its layer `{top}`"
                )),
                Some(_) => r.errors.push(format!(
                    "{rel}: `{shown}` uses layer `{t}`, which is above its layer `{top}`"
                )),
                // An inline module's `super::` may climb one level less
                // than the file's depth suggests: only module names count.
                None if shown.starts_with("super::") => {}
                None => r
                    .errors
                    .push(format!("{rel}: `{shown}` uses `{t}`, which is in no layer")),
            }
        }
    }
    r
}

/// Strongly connected components with more than one module.
fn cycles(edges: &BTreeMap<String, BTreeSet<String>>) -> Vec<Vec<String>> {
    // Kosaraju: order by finish time, then walk the reversed graph.
    let nodes: BTreeSet<&String> = edges
        .keys()
        .chain(edges.values().flat_map(|v| v.iter()))
        .collect();
    let empty = BTreeSet::new();
    let succ = |n: &String| edges.get(n).unwrap_or(&empty);
    let mut seen = BTreeSet::new();
    let mut order = Vec::new();
    for &n in &nodes {
        if seen.contains(n) {
            continue;
        }
        let mut stack = vec![(n, false)];
        while let Some((v, done)) = stack.pop() {
            if done {
                order.push(v);
                continue;
            }
            if !seen.insert(v) {
                continue;
            }
            stack.push((v, true));
            for w in succ(v) {
                if !seen.contains(w) {
                    stack.push((w, false));
                }
            }
        }
    }
    let mut rev: BTreeMap<&String, Vec<&String>> = BTreeMap::new();
    for (a, bs) in edges {
        for b in bs {
            rev.entry(b).or_default().push(a);
        }
    }
    let mut assigned = BTreeSet::new();
    let mut out = Vec::new();
    for &n in order.iter().rev() {
        if assigned.contains(n) {
            continue;
        }
        let mut comp = Vec::new();
        let mut stack = vec![n];
        assigned.insert(n);
        while let Some(v) = stack.pop() {
            comp.push(v.clone());
            for &w in rev.get(v).into_iter().flatten() {
                if assigned.insert(w) {
                    stack.push(w);
                }
            }
        }
        if comp.len() > 1 {
            comp.sort();
            out.push(comp);
        }
    }
    out
}

fn read_tree(dir: &Path, base: &Path, out: &mut Vec<(String, String)>) {
    let mut entries: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| e.expect("dir entry").path())
        .collect();
    entries.sort();
    for p in entries {
        if p.is_dir() {
            read_tree(&p, base, out);
        } else if p.extension().is_some_and(|e| e == "rs") {
            let rel = p.strip_prefix(base).expect("under src");
            let rel = rel.to_string_lossy().replace('\\', "/");
            let text = std::fs::read_to_string(&p).expect("read source");
            out.push((rel, text));
        }
    }
}

#[test]
fn runtime_files_use_only_lower_layers() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let layers = parse_layers(&std::fs::read_to_string(root.join("layers.txt")).unwrap());
    let mut files = Vec::new();
    read_tree(&root.join("src"), &root.join("src"), &mut files);
    assert!(files.len() > 100, "read {} files", files.len());
    let r = check(&files, &layers);
    assert!(
        r.errors.is_empty(),
        "{} layer violations:\n{}",
        r.errors.len(),
        r.errors.join("\n")
    );
    let c = cycles(&r.edges);
    assert!(
        c.is_empty(),
        "import cycles between top-level modules: {c:?}"
    );
}

#[cfg(test)]
mod checker {
    use super::*;

    fn layers() -> Vec<Vec<String>> {
        parse_layers("# comment\nterm\nheap\nio ets # peers\nbif\n")
    }

    fn run(files: &[(&str, &str)]) -> Report {
        let files: Vec<(String, String)> = files
            .iter()
            .map(|(a, b)| (a.to_string(), b.to_string()))
            .collect();
        check(&files, &layers())
    }

    #[test]
    fn parses_the_layer_list() {
        let l = layers();
        assert_eq!(l.len(), 4);
        assert_eq!(l[2], vec!["io".to_string(), "ets".to_string()]);
    }

    #[test]
    fn downward_uses_pass() {
        let r = run(&[
            (
                "heap/ctx.rs",
                "use crate::term::Term;\nuse crate::heap::x;\n",
            ),
            (
                "bif/a.rs",
                "use crate::{heap::ctx::Ctx, io::{stdio, x::y}};\nfn f() { crate::term::NIL; }\n",
            ),
            ("term/mod.rs", "pub mod atom;\n"),
            ("lib.rs", "pub mod bif;\n"),
        ]);
        assert!(r.errors.is_empty(), "{:?}", r.errors);
        assert!(cycles(&r.edges).is_empty());
    }

    #[test]
    fn an_upward_use_fails_naming_file_and_path() {
        let r = run(&[(
            "heap/gc.rs",
            "use crate::term::Term;\nuse crate::bif::misc;\n",
        )]);
        assert_eq!(r.errors.len(), 1, "{:?}", r.errors);
        assert!(
            r.errors[0].starts_with("heap/gc.rs: `crate::bif::misc;`"),
            "{}",
            r.errors[0]
        );
        assert!(r.errors[0].contains("above its layer `heap`"));
    }

    #[test]
    fn groups_and_inline_paths_are_read() {
        let r = run(&[
            (
                "term/a.rs",
                "use crate::{\n    heap::{self, ctx},\n    term::x,\n};\n",
            ),
            ("term/b.rs", "fn f() { let _ = crate::io::stdio::pid(); }\n"),
            ("term/c.rs", "fn g() { girder_crate::bif::x(); }\n"),
        ]);
        assert_eq!(r.errors.len(), 2, "{:?}", r.errors);
        assert!(r.errors[0].contains("term/a.rs") && r.errors[0].contains("layer `heap`"));
        assert!(r.errors[1].contains("term/b.rs") && r.errors[1].contains("layer `io`"));
    }

    #[test]
    fn peers_and_unknown_modules_fail() {
        let r = run(&[
            ("io/a.rs", "use crate::ets::Table;\n"),
            ("oops.rs", "use crate::term::Term;\n"),
            ("heap/b.rs", "use crate::nowhere::X;\n"),
        ]);
        assert_eq!(r.errors.len(), 3, "{:?}", r.errors);
        assert!(r.errors[0].contains("peer"));
        assert!(r.errors[1].contains("`oops` is in no layer"));
        assert!(r.errors[2].contains("`nowhere`, which is in no layer"));
    }

    #[test]
    fn super_paths_that_leave_the_folder_count() {
        let r = run(&[
            ("heap/a.rs", "use super::b;\nuse super::super::bif::x;\n"),
            ("heap/gc/c.rs", "use super::super::d;\n"),
        ]);
        assert_eq!(r.errors.len(), 1, "{:?}", r.errors);
        assert!(r.errors[0].contains("super::super::bif::x"));
    }

    #[test]
    fn test_code_is_skipped() {
        let r = run(&[
            (
                "term/a.rs",
                "use crate::term::x;\n#[cfg(test)]\nmod tests { use crate::bif::y; }\n",
            ),
            ("term/a_tests.rs", "use crate::bif::z;\n"),
        ]);
        assert!(r.errors.is_empty(), "{:?}", r.errors);
    }

    #[test]
    fn cycles_are_found() {
        let mut e: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
        let mut add = |a: &str, b: &str| {
            e.entry(a.into()).or_default().insert(b.into());
        };
        add("a", "b");
        add("b", "c");
        add("c", "a");
        add("c", "d");
        assert_eq!(
            cycles(&e),
            vec![vec!["a".to_string(), "b".into(), "c".into()]]
        );
    }
}
