#!/usr/bin/env bash
# escript differential cases: each script in tests/escript/ is run by the
# installed `escript` twice, once on erl and once on girder
# (ESCRIPT_EMULATOR, which escript honours); stdout, stderr and the exit
# status must be identical.
# Usage: tests/escript_cases.sh   (after cargo build --release)
# Environment: GIRDER (default target/release/girder), ESCRIPT_TIMEOUT (30 s).
set -uo pipefail

ROOT="$(cd "$(dirname "$0")/.." && pwd)"
GIRDER="${GIRDER:-$ROOT/target/release/girder}"
TIMEOUT="${ESCRIPT_TIMEOUT:-30}"
WORK="$(mktemp -d "${TMPDIR:-/tmp}/girder-escript.XXXXXX")"
trap 'rm -rf "$WORK"' EXIT
# The compiled-code cache: the caller's (GIRDER_CACHE_DIR, even empty =
# off), else a private one removed at exit, never the user's home.
export GIRDER_CACHE_DIR="${GIRDER_CACHE_DIR-$WORK/cache}"
# Refining the cache (jit refine.rs) in the exiting VM: a detached child
# could still be writing when the directory is removed, and would compete
# for the CPU with the next run.
export GIRDER_CACHE_REFINE="${GIRDER_CACHE_REFINE-sync}"
export ERL_CRASH_DUMP_SECONDS=0

pass=0
fail=0

# run NAME SCRIPT ARGS... (SCRIPT: a path, or a name in tests/escript)
run() {
    local name="$1" script="$2"
    [[ "$script" == /* ]] || script="$ROOT/tests/escript/$script"
    shift 2
    local erc grc
    (cd "$WORK" && timeout -k 5 "$TIMEOUT" escript "$script" "$@" >"$WORK/erl.out" 2>"$WORK/erl.err" </dev/null)
    erc=$?
    (cd "$WORK" && ESCRIPT_EMULATOR="$GIRDER" timeout -k 5 "$TIMEOUT" escript "$script" "$@" \
        >"$WORK/girder.out" 2>"$WORK/girder.err" </dev/null)
    grc=$?
    if [ "$erc" = "$grc" ] && cmp -s "$WORK/erl.out" "$WORK/girder.out" \
        && cmp -s "$WORK/erl.err" "$WORK/girder.err"; then
        echo "PASS escript $name"
        pass=$((pass + 1))
    else
        echo "FAIL escript $name (exit status: erl $erc, girder $grc)"
        diff -U1 --label erl --label girder "$WORK/erl.out" "$WORK/girder.out" | sed -n '3,12p' | cut -c1-200 | sed 's/^/    /'
        diff -U1 --label erl.err --label girder.err "$WORK/erl.err" "$WORK/girder.err" | sed -n '3,12p' | cut -c1-200 | sed 's/^/    /'
        fail=$((fail + 1))
    fi
}

mkdir -p "$WORK/d"

# The compiled-beam and archive forms, built by erl's escript:create/2
# from tests/escript/arc_*.erl (the source form is the .escript files).
B="$WORK/build"
mkdir -p "$B"
erlc -o "$B" "$ROOT/tests/escript/arc_main.erl" "$ROOT/tests/escript/arc_helper.erl"
(cd "$B" && erl -noshell -eval '
    {ok, M} = file:read_file("arc_main.beam"),
    {ok, H} = file:read_file("arc_helper.beam"),
    ok = escript:create("archive.escript", [shebang, {comment, "archive form"},
        {emu_args, "+A 1 -escript main arc_main"},
        {archive, [{"arc_main.beam", M}, {"arc_helper.beam", H}], []}]),
    ok = escript:create("beam.escript", [shebang, {beam, M}]),
    halt().') || echo "escript_cases: could not build the archive escripts" >&2
run hello hello.escript a "b c"
run no_args hello.escript
run status status.escript 3
run status0 status.escript 0
run crash crash.escript
run compiled compiled.escript 1 2 3
run files files.escript "$WORK/d"
run archive "$B/archive.escript" x "y z"
run archive_crash "$B/archive.escript" crash
run beam "$B/beam.escript" 1 2

echo "$pass passed, $fail failed"
[ "$fail" = 0 ]
