#!/usr/bin/env bash
# Lazy compilation, counted: `girder +Jstats true` runs of
# tests/lazy/lazy_many.erl, whose main(N) calls N of its 20 small
# functions (each through a fun). With lazy compilation, running with
# N = 12 compiles exactly 9 more functions than N = 3; whole-module
# compilation (GIRDER_LAZY=0) compiles every function of every loaded
# module; both runs print what erl prints.
# Usage: tests/lazy/stats.sh   (GIRDER: default target/release/girder)
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
GIRDER="${GIRDER:-$ROOT/target/release/girder}"
OUT="$(mktemp -d)"
# Counts compiled functions: no compiled-code cache (it would place
# functions instead; tests/cache/cache.sh tests it).
export GIRDER_CACHE=0
# Counts what first calls compile: no compiling ahead on a spare core
# (off by default; made sure).
export GIRDER_BG_COMPILE=0
trap 'rm -rf "$OUT"' EXIT
erlc -o "$OUT" "$ROOT/tests/lazy/lazy_many.erl"
fail=0
stat() { grep "^girder stats: $1: " "$2" | sed 's/.*: //'; }
run() { # N LAZY -> stderr file; checks stdout against erl
    local n="$1" lazy="$2" f="$OUT/stats.$1.$2"
    want="$(erl -noshell -pa "$OUT" -run lazy_many main "$n" -s erlang halt)"
    got="$(GIRDER_LAZY="$lazy" "$GIRDER" +Jstats true -noshell -pa "$OUT" \
        -run lazy_many main "$n" -s erlang halt 2>"$f")"
    if [ "$got" != "$want" ]; then
        echo "FAIL output N=$n lazy=$lazy: got '$got', erl '$want'"; fail=1
    fi
    echo "$f"
}
a="$(run 3 1)"; b="$(run 12 1)"; c="$(run 3 0)"
ca="$(stat 'functions compiled' "$a")"; cb="$(stat 'functions compiled' "$b")"
da="$(stat 'functions in loaded modules' "$a")"; db="$(stat 'functions in loaded modules' "$b")"
if [ -z "$ca" ] || [ -z "$cb" ]; then
    echo "FAIL: no +Jstats output"; exit 1
fi
if [ "$da" != "$db" ]; then
    echo "FAIL: the two lazy runs loaded different code ($da vs $db functions)"; fail=1
fi
if [ $((cb - ca)) -ne 9 ]; then
    echo "FAIL: N=12 compiled $cb functions, N=3 $ca: expected 9 more"; fail=1
fi
if [ "$ca" -ge "$da" ]; then
    echo "FAIL: lazy run compiled $ca of $da functions"; fail=1
fi
cc="$(stat 'functions compiled' "$c")"; dc="$(stat 'functions in loaded modules' "$c")"
if [ "$cc" != "$dc" ]; then
    echo "FAIL: GIRDER_LAZY=0 compiled $cc of $dc functions"; fail=1
fi
echo "lazy: N=3 compiled $ca of $da functions, N=12 $cb; whole modules: $cc of $dc"
[ "$fail" = 0 ] && echo "PASS tests/lazy/stats.sh"
exit "$fail"
