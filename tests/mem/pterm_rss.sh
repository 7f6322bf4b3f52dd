#!/usr/bin/env bash
# Resident memory of a VM that puts, replaces and erases persistent terms N times
# (tests/mem/pterm_rss.erl): prints VmRSS after 1000 and after N cycles.
# Usage: tests/mem/pterm_rss.sh [N]   (GIRDER=binary, default the
# worktree's target/release/girder; ERL=1 measures erl instead)
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
N="${1:-10000}"
OUT="$(mktemp -d)"
trap 'rm -rf "$OUT"' EXIT
erlc -o "$OUT" "$ROOT/tests/mem/pterm_rss.erl"
if [ "${ERL:-0}" = 1 ]; then
    CMD=(erl -noshell -pa "$OUT" -run pterm_rss main "$N" -s init stop)
else
    CMD=("${GIRDER:-$ROOT/target/release/girder}" -noshell -pa "$OUT" -run pterm_rss main "$N" -s init stop)
fi
"${CMD[@]}" > "$OUT/log" 2>&1 &
PID=$!
seen=0
start=$(date +%s)
while kill -0 "$PID" 2>/dev/null; do
    n=$(grep -c '^at ' "$OUT/log" || true)
    if [ "$n" -gt "$seen" ]; then
        seen=$n
        at=$(grep '^at ' "$OUT/log" | tail -1)
        # erl runs beam.smp under a wrapper: measure the emulator.
        P=$PID
        if [ "${ERL:-0}" = 1 ]; then P=$(pgrep -P "$PID" beam || echo "$PID"); fi
        rss=$(awk '/VmRSS/ {print $2}' "/proc/$P/status")
        echo "$at cycles: VmRSS ${rss} kB ($(( $(date +%s) - start )) s)"
    fi
    sleep 0.2
done
wait "$PID" || { echo "VM failed:"; cat "$OUT/log"; exit 1; }
grep -v '^at ' "$OUT/log" | head -3
