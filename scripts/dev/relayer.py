#!/usr/bin/env python3
"""Moves runtime/src into layer folders and rewrites the paths that cross them.

Run at the root of a Girder worktree: `python3 scripts/dev/relayer.py`
(options: `--dry-run` prints the plan, `--no-fmt` skips `cargo fmt`,
`--force` moves even when a top-level module is in no table).

What it does, in order:
1. Rewrites every `crate::old::path` in runtime/src and every
   `girder_runtime::old::path` in runtime/tests, jit, vm, bench, examples,
   using MODULES (old top-level module -> new module path) and ITEMS (single
   items that moved to another module than their old module's, e.g. the run
   queue functions that were re-exported by `sched`). The longest matching
   prefix wins. `use` groups are flattened and regrouped only when one of
   their paths changes. A `use` of a module whose name changes keeps the
   old local name (`use girder_runtime::abi as native;`).
2. `git mv`s each top-level file or folder of runtime/src to its layer folder
   (an `X_tests.rs` goes where `X.rs` goes, so `#[path]` attributes keep
   working). Sources that are gone (already moved) are skipped.
3. Writes the `pub mod` lines: each layer folder's `mod.rs` (created with a
   doc comment, or the moved `X.rs` that became the layer's `mod.rs`), and
   lib.rs's list (the moved modules' lines replaced by one per layer).
4. Rewrites `runtime/src/old.rs` file paths in docs/*.md and in comments.
5. Runs `cargo fmt --all`.

It is tolerant of a tree with extra files: new files inside a moved folder
move with it, paths in them are rewritten, folders named like a layer
(e.g. runtime/src/ets/) stay. A new top-level file whose module is in
neither table is reported ("UNASSIGNED") and nothing is changed: add it to
MODULES (or ITEMS) and rerun. Paths that still name a moved module after
the rewrite are listed as "LEFTOVER". Rerunning on a moved tree changes
nothing.
"""
# Redoing the move after merging other branches (what the layers branch
# was built for):
#   git reset --hard <the commit before "layers: move runtime/src into layer
#     folders (codemod)">   # or: git revert it
#   git merge main          # resolve conflicts in the in-place commits
#   python3 scripts/dev/relayer.py
#       UNASSIGNED -> add the module to MODULES, rerun
#       LEFTOVER   -> an old path the rewrite missed: fix by hand
#   cargo build --release --workspace
#   cargo test --release -p girder-runtime --test layers   # lists upward uses
#   python3 /work/shared/hooks/modcycles.py runtime/src    # "largest cycle: 1"
#   git add -A && git commit -m "layers: move runtime/src into layer folders (codemod)"

import os
import re
import subprocess
import sys

SRC = "runtime/src"

# Layers bottom first (runtime/layers.txt is the list the test reads) and
# the doc comment of each generated mod.rs.
LAYER_DOCS = {
    "term": None,  # term.rs becomes term/mod.rs
    "heap": "The execution context (`Ctx`, allocation) and the process\n"
    "//! structure: heap block, fragments, queues. Uses `term`.",
    "code": "Code as terms and the scheduler see it: the export table, fun\n"
    "//! entries and modules, code locations, and the JIT's hooks\n"
    "//! (`hooks`). Uses `term`, `heap`.",
    "data": "The data types built on the word: numbers, binaries, maps,\n"
    "//! tuple/list builders, term order, display, hashing, the external\n"
    "//! term format, character data. Uses `term`, `heap`, `code`.",
    "gc": None,  # gc.rs becomes gc/mod.rs
    "proc": "Processes: the process table, signals, links, monitors, aliases,\n"
    "//! the process dictionary, spawning, timers, the run queue, and the\n"
    "//! entity / exit-hook interface. Uses every layer below `sched`.",
    "sched": None,
    "io": "Native I/O: the standard I/O servers (entities, see\n"
    "//! `proc::entity`). Uses the layers below `io`.",
    "ets": None,  # peers of `io`, filled by later work
    "nif": None,
    "boot": None,
    "abi": None,  # native/ renamed, keeps its mod.rs
    "bif": None,
}

# Old top-level module -> new module path.
MODULES = {
    "term": "term",
    "atom": "term::atom",
    "literal": "term::literal",
    "ctx": "heap::ctx",
    "process": "heap::process",
    "alloc_tune": "heap::alloc_tune",
    "export": "code::export",
    "module": "code::module",
    "loc": "code::loc",
    "hooks": "code::hooks",
    "big": "data::big",
    "bigfast": "data::bigfast",
    "binary": "data::binary",
    "map": "data::map",
    "build": "data::build",
    "compare": "data::compare",
    "display": "data::display",
    "chardata": "data::chardata",
    "hash": "data::hash",
    "term_hash": "data::term_hash",
    "etf": "data::etf",
    "literal_build": "data::literal_build",
    "gc": "gc",
    "copy": "gc::copy",
    "ptable": "proc::ptable",
    "signal": "proc::signal",
    "monitor": "proc::monitor",
    "spawn": "proc::spawn",
    "pdict": "proc::pdict",
    "timer": "proc::timer",
    "runq": "proc::runq",
    "alias": "proc::alias",
    "entity": "proc::entity",
    "sched": "sched",
    "stdio": "io::stdio",
    "boot": "boot",
    "native": "abi",
    "bif": "bif",
    "testutil": "testutil",
    # top-level modules of the branches merged on 2026-12-06 (layer by
    # what they use and who uses them)
    "atom_beam": "term::atom_beam",
    "packet": "data::packet",
    "resource": "data::resource",
    "purge": "proc::purge",
    "max_heap": "proc::max_heap",
}

# Items whose home is not (any more) their old path's module. Old code
# that names them through a re-export would otherwise import upward.
ITEMS = {
    "sched::enqueue": "proc::runq::enqueue",
    "sched::wake": "proc::runq::wake",
    "sched::notify": "proc::runq::notify",
    "sched::request_halt": "proc::runq::request_halt",
    "sched::request_stop": "proc::runq::request_stop",
    "sched::halt_requested": "proc::runq::halt_requested",
    "sched::STOP_GRACE_NS": "proc::runq::STOP_GRACE_NS",
    "bif::time::TOTAL_REDUCTIONS": "sched::TOTAL_REDUCTIONS",
    "bif::arith::MAX_BIG_BITS": "data::big::MAX_BIG_BITS",
    "bif::sysflag::backtrace_depth": "abi::error::backtrace_depth",
    "bif::sysflag::set_backtrace_depth": "abi::error::set_backtrace_depth",
    "bif::maps::badkey": "data::map::badkey",
    "bif::maps::badmap": "data::map::badmap",
    "bif::unicode::decode_chardata": "data::chardata::decode_chardata",
    "bif::unicode::utf8_encode": "data::chardata::utf8_encode",
    "bif::unicode::InEnc": "data::chardata::InEnc",
    "bif::unicode::Stop": "data::chardata::Stop",
    "bif::unicode::At": "data::chardata::At",
    "bif::unicode::walk": "data::chardata::walk",
    "bif::unicode::binary_bytes": "data::chardata::binary_bytes",
    "bif::unicode::utf8_char": "data::chardata::utf8_char",
    "bif::alias::send_to_ref": "proc::alias::send_to_ref",
    "bif::alias::on_demonitor": "proc::alias::on_demonitor",
    "bif::BifFn": "code::export::BifFn",
    "native::recv::RecvMarker": "heap::process::RecvMarker",
    "pdict::DictIndex": "heap::process::DictIndex",
}

# Modules kept at the top of runtime/src (not layers).
TOP_KEEP = {"lib", "testutil"}

IDENT = r"[A-Za-z_][A-Za-z0-9_]*"


def table():
    t = {}
    for k, v in MODULES.items():
        t[tuple(k.split("::"))] = tuple(v.split("::"))
    for k, v in ITEMS.items():
        t[tuple(k.split("::"))] = tuple(v.split("::"))
    return t


TABLE = table()


def map_path(segs):
    """Longest-prefix mapping of a path (tuple of segments)."""
    for n in range(len(segs), 0, -1):
        new = TABLE.get(tuple(segs[:n]))
        if new is not None:
            return tuple(new) + tuple(segs[n:])
    return tuple(segs)


# ---------------------------------------------------------------- use trees

def matching_brace(text, i):
    """Index just past the `}` matching the `{` at text[i]."""
    depth = 0
    while i < len(text):
        c = text[i]
        if c == "{":
            depth += 1
        elif c == "}":
            depth -= 1
            if depth == 0:
                return i + 1
        i += 1
    raise ValueError("unbalanced braces")


def split_top(body):
    items, depth, cur = [], 0, ""
    for c in body:
        if c == "{":
            depth += 1
        elif c == "}":
            depth -= 1
        if c == "," and depth == 0:
            items.append(cur)
            cur = ""
        else:
            cur += c
    items.append(cur)
    return [re.sub(r"\s+", " ", re.sub(r"//[^\n]*", "", i)).strip() for i in items if i.strip()]


def leaves(prefix, body):
    """Flattens a use group into (segments, tail, old_last) leaves. tail is
    '' (the path itself), 'self', '*' or 'as X'."""
    out = []
    for it in split_top(body):
        it = it.replace(" ::", "::").replace(":: ", "::")
        m = re.match(r"^((?:%s::)*)\{(.*)\}$" % IDENT, it, re.S)
        if m:
            segs = tuple(s for s in m.group(1).split("::") if s)
            out += leaves(prefix + segs, m.group(2))
            continue
        m = re.match(r"^((?:%s::)*)\*$" % IDENT, it)
        if m:
            segs = tuple(s for s in m.group(1).split("::") if s)
            out.append((prefix + segs, "*", None))
            continue
        m = re.match(r"^(%s(?:::%s)*)(?:\s+as\s+(%s))?$" % (IDENT, IDENT, IDENT), it)
        if not m:
            raise ValueError("cannot parse use item %r" % it)
        segs = tuple(m.group(1).split("::"))
        if segs == ("self",):
            out.append((prefix, "self", prefix[-1] if prefix else None))
        else:
            tail = "as " + m.group(2) if m.group(2) else ""
            out.append((prefix + segs, tail, segs[-1]))
    return out


def render(lvs):
    """Renders leaves (relative to the crate root) as a use tree body."""
    root = {}

    def node(segs):
        n = root
        for s in segs:
            n = n.setdefault(s, {})
        return n

    for segs, tail, _ in lvs:
        if tail in ("self", "*"):
            node(segs).setdefault("\0inner", []).append(tail)
        else:
            parent = node(segs[:-1])
            parent.setdefault("\0own", []).append((segs[-1], tail))
            node(segs)  # make sure the child exists for ordering

    def items(n):
        out = []
        own = {}
        for nm, tail in n.get("\0own", []):
            own.setdefault(nm, []).append(tail)
        for name, child in n.items():
            if name.startswith("\0"):
                continue
            for tail in own.get(name, []):
                out.append(name + (" " + tail if tail else ""))
            inner = list(child.get("\0inner", [])) + items(child)
            if not inner:
                continue
            if len(inner) == 1 and inner[0] != "self":
                out.append(name + "::" + inner[0])
            else:
                out.append(name + "::{" + ", ".join(inner) + "}")
        return out

    return items(root)


def rewrite_group(prefix_segs, body):
    """New text for `<root>::<prefix>::{body}`, or None if unchanged."""
    lvs = leaves(tuple(prefix_segs), body)
    new, changed = [], False
    for segs, tail, old_last in lvs:
        m = map_path(segs)
        if m != segs:
            changed = True
            if tail == "" and old_last and m[-1] != old_last:
                tail = "as " + old_last
        new.append((m, tail, old_last))
    if not changed:
        return None
    its = render(new)
    return its[0] if len(its) == 1 else "{" + ", ".join(its) + "}"


def rewrite_paths(text, root):
    """Rewrites `root::path` and `root::{...}` occurrences (root is `crate`
    or `girder_runtime`)."""
    out, i = [], 0
    # `$crate::` (in macro_rules! bodies) is a `crate::` path too.
    pat = re.compile(r"(?<![A-Za-z0-9_:])%s::" % re.escape(root))
    while True:
        m = pat.search(text, i)
        if not m:
            out.append(text[i:])
            break
        out.append(text[i:m.end()])
        j = m.end()
        # path segments
        pm = re.match(r"(?:%s::)*" % IDENT, text[j:])
        segpart = pm.group(0)
        k = j + len(segpart)
        if k < len(text) and text[k] == "{":
            end = matching_brace(text, k)
            segs = [s for s in segpart.split("::") if s]
            try:
                new = rewrite_group(segs, text[k + 1:end - 1])
            except ValueError as e:
                print("WARNING: %s" % e, file=sys.stderr)
                new = None
            if new is None:
                out.append(text[j:end])
            else:
                out.append(new)
            i = end
            continue
        if k < len(text) and text[k] == "*":
            segs = tuple(s for s in segpart.split("::") if s)
            out.append("::".join(map_path(segs)) + "::" if segs else "")
            i = k
            continue
        # a plain path: segments then a final identifier
        pm2 = re.match(r"(%s(?:::%s)*)" % (IDENT, IDENT), text[j:])
        if not pm2:
            i = j
            continue
        segs = tuple(pm2.group(1).split("::"))
        new = map_path(segs)
        end = j + len(pm2.group(1))
        rep = "::".join(new)
        if new != segs and new[-1] != segs[-1]:
            # `use root::native;` keeps its local name
            before = text[:m.start()]
            after = text[end:]
            if re.search(r"\buse\s+$", before) and re.match(r"\s*;", after):
                rep += " as " + segs[-1]
        out.append(rep)
        i = end
    return "".join(out)


# -------------------------------------------------------------------- moves

def plan_moves(src):
    """(old relative path, new relative path) for each top-level entry."""
    moves, unassigned = [], []
    for name in sorted(os.listdir(src)):
        path = os.path.join(src, name)
        mod = name[:-3] if name.endswith(".rs") else name
        if not name.endswith(".rs") and not os.path.isdir(path):
            continue
        if mod in TOP_KEEP or mod in LAYER_DOCS:
            # a layer folder, or a file that becomes a layer's mod.rs
            if mod in LAYER_DOCS and name.endswith(".rs") and MODULES.get(mod) == mod:
                moves.append((name, os.path.join(mod, "mod.rs")))
            continue
        owner = mod
        if owner not in MODULES and owner.endswith("_tests") and owner[:-6] in MODULES:
            owner = owner[:-6]  # X_tests.rs goes where X.rs goes
        if owner not in MODULES:
            unassigned.append(name)
            continue
        new = MODULES[owner].split("::")
        if owner != mod:  # a tests file next to its module
            parent = new[:-1] if len(new) > 1 else new
            moves.append((name, os.path.join(*parent, name)))
        elif os.path.isdir(path):
            moves.append((name, os.path.join(*new)))
        else:
            moves.append((name, os.path.join(*new) + ".rs"))
    return moves, unassigned


def git_mv(a, b, dry):
    print("move %s -> %s" % (a, b))
    if dry:
        return
    os.makedirs(os.path.dirname(b), exist_ok=True)
    r = subprocess.run(["git", "mv", a, b], capture_output=True, text=True)
    if r.returncode != 0:
        os.rename(a, b)


def add_mod_lines(path, mods, doc):
    """Makes `path` (a mod.rs) declare `pub mod m;` for each of `mods`."""
    text = open(path).read() if os.path.exists(path) else "//! %s\n" % doc
    missing = [m for m in mods if not re.search(r"(?m)^\s*pub mod %s;" % m, text)]
    if not missing:
        if not os.path.exists(path):
            open(path, "w").write(text)
        return
    lines = text.split("\n")
    k = 0
    while k < len(lines) and lines[k].startswith("//!"):
        k += 1
    decl = ["", *("pub mod %s;" % m for m in missing)]
    lines[k:k] = decl
    open(path, "w").write("\n".join(lines))


def rewrite_lib(lib, layers_present):
    """Replaces lib.rs's `pub mod X;` lines of moved modules and of layers
    by one declaration per layer, in layer order, where the first of them
    was. Other lines (attributes, `testutil`, docs) stay."""
    out, attrs, at = [], [], None
    for line in open(lib).read().split("\n"):
        if re.match(r"^#\[", line):
            attrs.append(line)
            continue
        m = re.match(r"^pub(?:\(crate\))? mod (%s);$" % IDENT, line)
        if m and (MODULES.get(m.group(1), m.group(1)) != m.group(1)
                  or m.group(1) in layers_present):
            if at is None:
                at = len(out)
            attrs = []
            continue
        out += attrs + [line]
        attrs = []
    out += attrs
    if at is None:
        at = len(out)
    out[at:at] = ["pub mod %s;" % l for l in layers_present]
    # the crate doc: the leading `//!` block
    k = 0
    while k < len(out) and out[k].startswith("//!"):
        k += 1
    out[:k] = LIB_DOC.rstrip("\n").split("\n")
    open(lib, "w").write("\n".join(out))


LIB_DOC = """//! Girder's runtime: terms, heaps, GC, processes, schedulers and BIFs. It
//! knows nothing about Cranelift; generated code reaches it through the
//! context layout (`heap::ctx`) and the `extern "C"` entry points in `abi`.
//!
//! The modules are layers, bottom first: `term`, `heap`, `code`, `data`,
//! `gc`, `proc`, `sched`, `io` (with its peers `ets`, `nif`), `boot`,
//! `abi`, `bif`. A file uses only its own layer and the layers below it
//! (`runtime/layers.txt`, checked by `runtime/tests/layers.rs`; see
//! docs/ARCHITECTURE.md, "Runtime layers").
"""


# --------------------------------------------------------------------- main

def rs_files(roots):
    for r in roots:
        if not os.path.isdir(r):
            continue
        for d, dirs, files in os.walk(r):
            dirs[:] = [x for x in dirs if x != "target"]
            for f in files:
                if f.endswith(".rs"):
                    yield os.path.join(d, f)


def main():
    dry = "--dry-run" in sys.argv
    if not os.path.isdir(SRC):
        sys.exit("run at the root of a Girder worktree")
    moves, unassigned = plan_moves(SRC)
    for u in unassigned:
        print("UNASSIGNED: runtime/src/%s (add its module to MODULES and rerun)" % u)
    if unassigned and "--force" not in sys.argv:
        sys.exit("nothing changed: assign every top-level module first (or pass --force)")

    # 1. paths
    changed = 0
    for f in rs_files([SRC]):
        t = open(f).read()
        n = rewrite_paths(t, "crate")
        if n != t:
            changed += 1
            if not dry:
                open(f, "w").write(n)
    for f in rs_files(["runtime/tests", "runtime/benches", "jit", "vm", "bench", "examples"]):
        t = open(f).read()
        n = rewrite_paths(t, "girder_runtime")
        if n != t:
            changed += 1
            if not dry:
                open(f, "w").write(n)
    print("rewrote paths in %d files" % changed)

    # file-scope `super::` in a file that moves one level down changes meaning
    for a, b in moves:
        if a.endswith(".rs") and not b.endswith("mod.rs") and not a.endswith("_tests.rs"):
            t = open(os.path.join(SRC, a)).read()
            if re.search(r"(?m)^(pub )?use super::", t):
                print("CHECK: %s has a file-scope `use super::` and moves to %s" % (a, b))

    # 2. moves
    for a, b in moves:
        git_mv(os.path.join(SRC, a), os.path.join(SRC, b), dry)
    if dry:
        return

    # 3. mod.rs files and lib.rs
    per_layer = {}
    for old, new in MODULES.items():
        parts = new.split("::")
        if len(parts) == 2:
            per_layer.setdefault(parts[0], []).append(parts[1])
    present = [l for l in LAYER_DOCS if os.path.isdir(os.path.join(SRC, l))]
    for extra in ("ets", "nif"):
        if os.path.isdir(os.path.join(SRC, extra)) and extra not in present:
            present.append(extra)
    for layer in present:
        kids = sorted(k for k in per_layer.get(layer, [])
                      if os.path.exists(os.path.join(SRC, layer, k + ".rs"))
                      or os.path.isdir(os.path.join(SRC, layer, k)))
        if kids or not os.path.exists(os.path.join(SRC, layer, "mod.rs")):
            add_mod_lines(os.path.join(SRC, layer, "mod.rs"), kids,
                          LAYER_DOCS.get(layer) or "The `%s` layer." % layer)
    rewrite_lib(os.path.join(SRC, "lib.rs"), present)

    # 4. file paths in docs and comments
    file_moves = {}
    for a, b in moves:
        key = "runtime/src/" + (a if a.endswith(".rs") else a)
        file_moves[key] = "runtime/src/" + b
    if file_moves:
        alts = "|".join(
            re.escape(k) + (r"(?![A-Za-z0-9_])" if k.endswith(".rs") else r"(?![A-Za-z0-9_]|\.rs)")
            for k in sorted(file_moves, key=len, reverse=True))
        pat = re.compile(alts)
        docs = [os.path.join("docs", f) for f in os.listdir("docs") if f.endswith(".md")] \
            if os.path.isdir("docs") else []
        docs += [f for f in os.listdir(".") if f.endswith(".md")]
        for f in docs + list(rs_files([SRC, "jit", "vm"])):
            t = open(f).read()
            n = pat.sub(lambda m: file_moves[m.group(0)], t)
            if n != t:
                open(f, "w").write(n)

    # comments: `crate::X` naming a layer above the file's own is prose, not
    # a dependency; drop the `crate::` so the layer test and modcycles.py
    # do not count it
    rank = {}
    lt = "runtime/layers.txt"
    if os.path.exists(lt):
        for i, line in enumerate(l for l in open(lt).read().split("\n")
                                 if l.split("#")[0].strip()):
            for name in line.split("#")[0].split():
                rank[name] = i
    for f in rs_files([SRC]):
        rel = os.path.relpath(f, SRC)
        top = rel.split(os.sep)[0].removesuffix(".rs")
        if top not in rank:
            continue
        lines = open(f).read().split("\n")
        new_lines = []
        for line in lines:
            m = re.search(r"(?<![:/])//", line)
            if m:
                head, com = line[:m.start()], line[m.start():]
                com = re.sub(r"(?<![A-Za-z0-9_:$])crate::(%s)\b" % IDENT,
                             lambda k: k.group(0) if rank.get(k.group(1), -1) < rank[top]
                             else k.group(1), com)
                line = head + com
            new_lines.append(line)
        if new_lines != lines:
            open(f, "w").write("\n".join(new_lines))

    # leftovers: paths that still name an old top-level module
    gone = {k for k, v in MODULES.items() if v != k}
    pat_old = re.compile(r"(?<![A-Za-z0-9_:])(crate|girder_runtime)::(%s)\b(?!::\{)" % "|".join(sorted(gone)))
    for f in rs_files([SRC, "runtime/tests", "jit", "vm"]):
        for i, line in enumerate(open(f).read().split("\n")):
            m = pat_old.search(line)
            if m and (m.group(1) == "girder_runtime" or f.startswith(SRC)):
                print("LEFTOVER: %s:%d: %s" % (f, i + 1, line.strip()))

    # 5. format
    if "--no-fmt" not in sys.argv:
        subprocess.run(["cargo", "fmt", "--all"])
    print("done; now: cargo build --release --workspace && cargo test --release -p girder-runtime --test layers")


if __name__ == "__main__":
    main()
