#!/usr/bin/env bash
# rebar3 differential case: Debian's rebar3 (an escript, built by OTP 24's
# compiler) creates, compiles and eunit-tests a new OTP library, once with
# erl as its emulator and once with girder (ESCRIPT_EMULATOR). What each
# step prints, its exit status, and the files the project ends up with
# (names and contents) must be the same.
#
# Both runs happen in the same directory (the erl run is moved away
# first), so absolute paths in output and in compiled files agree; source
# files get one fixed modification time, so rebar3's dependency graph
# file agrees too. Only eunit's "Finished in N seconds" is normalised.
# Offline: HOME is a fresh directory (no rebar3 cache or config).
#
# Usage: tests/rebar3_cases.sh   (after cargo build --release)
# Environment: GIRDER (default target/release/girder), REBAR3_TIMEOUT
# (120 s per step).
set -uo pipefail

ROOT="$(cd "$(dirname "$0")/.." && pwd)"
GIRDER="${GIRDER:-$ROOT/target/release/girder}"
TIMEOUT="${REBAR3_TIMEOUT:-120}"
if ! command -v rebar3 >/dev/null 2>&1; then
    echo "rebar3_cases: rebar3 not found (scripts/install-otp installs it)" >&2
    exit 2
fi
WORK="$(mktemp -d "${TMPDIR:-/tmp}/girder-rebar3.XXXXXX")"
[ -n "${REBAR3_KEEP:-}" ] || trap 'rm -rf "$WORK"' EXIT
export GIRDER_CACHE_DIR="${GIRDER_CACHE_DIR-$WORK/cache}"
# Refining the cache (jit refine.rs) in the exiting VM: a detached child
# could still be writing when the directory is removed, and would compete
# for the CPU with the next run.
export GIRDER_CACHE_REFINE="${GIRDER_CACHE_REFINE-sync}"
export ERL_CRASH_DUMP_SECONDS=0
# No colours (rebar3 decides from the terminal; make it certain).
export REBAR_COLOR=none


# An eunit suite for the new library: plain tests, a generator, a fixture
# with a spawned gen_server-like process, and one that checks an error.
write_tests() {
    mkdir -p mylib/test
    cat >mylib/test/mylib_tests.erl <<'EOF'
-module(mylib_tests).
-include_lib("eunit/include/eunit.hrl").

add_test() -> ?assertEqual(4, 2 + 2).
lists_test() -> ?assertMatch([_, _ | _], lists:seq(1, 3)).
error_test() -> ?assertError(badarith, 1 / zero()).
binary_test() -> ?assertEqual(<<"abcabc">>, binary:copy(<<"abc">>, 2)).

gen_test_() ->
    [?_assertEqual(N * N, sq(N)) || N <- [1, 2, 3]].

fixture_test_() ->
    {setup,
     fun() -> spawn(fun loop/0) end,
     fun(P) -> exit(P, kill) end,
     fun(P) -> [?_assertEqual(pong, ping(P))] end}.

zero() -> 0.
sq(N) -> N * N.
loop() -> receive {ping, From} -> From ! pong, loop() end.
ping(P) -> P ! {ping, self()}, receive R -> R after 5000 -> timeout end.
EOF
}

# run LOG STEP ARGS...: one rebar3 step, its output and status in LOG.
step() {
    local log="$1" dir="$2"
    shift 2
    local rc
    (cd "$dir" && timeout -k 5 "$TIMEOUT" rebar3 "$@" >"$log.out" 2>&1 </dev/null)
    rc=$?
    # eunit's wall time differs from run to run.
    sed -i -E 's/^(Finished in )[0-9.]+ seconds?$/\1N seconds/' "$log.out"
    echo "rc=$rc" >>"$log.out"
}

# one VARIANT [EMULATOR]: the whole session in $WORK/p, then moved to
# $WORK/VARIANT.
one() {
    local v="$1"
    rm -rf "$WORK/p" "$WORK/home"
    mkdir -p "$WORK/p" "$WORK/home" "$WORK/$v.log"
    (
        export HOME="$WORK/home"
        if [ -n "${2:-}" ]; then export ESCRIPT_EMULATOR="$2"; fi
        step "$WORK/$v.log/new" "$WORK/p" new lib mylib
        (cd "$WORK/p" && write_tests)
        find "$WORK/p/mylib" -type f -exec touch -d '2020-01-01 00:00:00' {} +
        step "$WORK/$v.log/compile" "$WORK/p/mylib" compile
        step "$WORK/$v.log/eunit" "$WORK/p/mylib" eunit
    )
    # The files the project holds: name and checksum. rebar3's dependency
    # graph (.dag) is a term holding digraph's ETS tables as
    # ets:tab2list/1 returned them: hash-table order, which is the VM's
    # own (girder's ETS hashes differ from erts'), so its lists are
    # compared sorted.
    (cd "$WORK/p" && find . -type f ! -name '*.dag' | LC_ALL=C sort | xargs sha256sum) >"$WORK/$v.log/files"
    find "$WORK/p" -name '*.dag' | LC_ALL=C sort | while read -r d; do
        echo "${d#"$WORK/p/"}:"
        erl -noshell -eval '{ok, B} = file:read_file(hd(init:get_plain_arguments())),
            S = fun(L) when is_list(L) -> lists:sort(L); (X) -> X end,
            T = binary_to_term(B),
            io:format("~p~n", [list_to_tuple([S(E) || E <- tuple_to_list(T)])]),
            halt().' -extra "$d"
    done >>"$WORK/$v.log/files"
    mv "$WORK/p" "$WORK/$v"
}

start=$(date +%s)
one erl
one girder "$GIRDER"

pass=0
fail=0
for what in new compile eunit files; do
    e="$WORK/erl.log/$what"
    g="$WORK/girder.log/$what"
    [ "$what" = files ] || { e+=.out; g+=.out; }
    if cmp -s "$e" "$g"; then
        echo "PASS rebar3 $what"
        pass=$((pass + 1))
    else
        echo "FAIL rebar3 $what"
        diff -U1 --label erl --label girder "$e" "$g" | sed -n '3,20p' | cut -c1-200 | sed 's/^/    /'
        fail=$((fail + 1))
    fi
done
# The eunit run must have run the suite (and erl's must have passed it),
# so the comparison above says something.
if grep -q '8 tests, 0 failures' "$WORK/erl.log/eunit.out"; then
    echo "PASS rebar3 eunit ran 8 tests on erl"
    pass=$((pass + 1))
else
    echo "FAIL rebar3 eunit on erl did not report 8 passing tests:"
    sed 's/^/    /' "$WORK/erl.log/eunit.out" | head -20
    fail=$((fail + 1))
fi
echo "rebar3_cases: $(($(date +%s) - start)) s"
echo "$pass passed, $fail failed"
[ "$fail" = 0 ]
