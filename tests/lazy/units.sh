#!/usr/bin/env bash
# Lazy region units (jit/src/units.rs, on by default): differential
# programs run with GIRDER_LAZY_UNITS=1 and no cache (every function that
# runs is compiled partially where it can be, its left-out regions as
# units when taken) print what erl prints, and units were compiled.
# Covers catch/try handlers, receive loops, selects, tests, tier-up in the
# middle of partial code, and exceptions raised inside units.
# Usage: tests/lazy/units.sh   (GIRDER: default target/release/girder)
set -uo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
GIRDER="${GIRDER:-$ROOT/target/release/girder}"
OUT="$(mktemp -d)"
trap 'rm -rf "$OUT"' EXIT
export GIRDER_CACHE=0
fail=0
n=0
for t in t_try t_tier_up t_catch_expr t_exc2_catch t_exc2_traces_p t_exc2_lines t_bs_protocol t_bs_backtrack t_maps t_recv_marker t_recvmark_nested t_codeload_purge; do
    src="$ROOT/tests/erl/$t.erl"
    [ -f "$src" ] || continue
    erlc -o "$OUT" "$src" || { echo "FAIL $t: erlc"; fail=1; continue; }
    want="$(erl -noshell -pa "$OUT" -s "$t" main -s erlang halt 2>&1)"
    got="$(GIRDER_LAZY_UNITS=1 "$GIRDER" +Jstats true -noshell -pa "$OUT" \
        -s "$t" main -s erlang halt 2>"$OUT/$t.err")"
    if [ "$got" != "$(echo "$want" | grep -a -v "^girder stats")" ]; then
        echo "FAIL $t: output differs from erl"
        diff <(echo "$want") <(echo "$got") | head -5
        fail=1
    fi
    u="$(grep '^girder stats: region units compiled: ' "$OUT/$t.err" | sed 's/.*: //')"
    p="$(grep '^girder stats: functions compiled partially: ' "$OUT/$t.err" | sed 's/.*: //')"
    if [ "${u:-0}" -eq 0 ] || [ "${p:-0}" -eq 0 ]; then
        echo "FAIL $t: no partial functions or units (partial ${p:-?}, units ${u:-?})"
        fail=1
    fi
    n=$((n + 1))
done
[ "$n" -ge 5 ] || { echo "FAIL units: only $n programs found"; fail=1; }
[ "$fail" = 0 ] && echo "PASS tests/lazy/units.sh ($n programs, last: ${p:-?} partial, ${u:-?} units)"
exit "$fail"
