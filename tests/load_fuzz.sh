#!/usr/bin/env bash
# Load fuzzing: writes N (default 3200) corrupted copies of small OTP .beam
# files (tests/load_fuzz/gen.py: mutations inside the Code chunk and the
# tables, container rebuilt with the right chunk sizes), then loads every
# one into ONE running girder through the code path and calls module_info/0
# of those that load (tests/load_fuzz/load_fuzz_driver.erl). Passes when the
# VM survives all of them: each is loaded or rejected with {error, badfile}.
# Usage: tests/load_fuzz.sh [N] [SEED]
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
GIRDER="${GIRDER:-$ROOT/target/release/girder}"
N="${1:-3200}"
SEED="${2:-1}"
OTP="$(dirname "$(dirname "$(readlink -f "$(command -v erl)")")")/lib"
DIR="$(mktemp -d)"
trap 'rm -rf "$DIR"' EXIT
# The compiled-code cache: the caller's (GIRDER_CACHE_DIR, even empty =
# off), else a private one removed at exit, never the user's home.
export GIRDER_CACHE_DIR="${GIRDER_CACHE_DIR-$DIR/cache}"
# Refining the cache (jit refine.rs) in the exiting VM: a detached child
# could still be writing when the directory is removed, and would compete
# for the CPU with the next run.
export GIRDER_CACHE_REFINE="${GIRDER_CACHE_REFINE-sync}"

src=()
for m in kernel/pg2 kernel/logger_sup kernel/erl_signal_handler kernel/application_starter \
         kernel/raw_file_io kernel/user_sup kernel/disk_log_sup kernel/kernel_refc \
         kernel/seq_trace kernel/inet_udp stdlib/dets_sup stdlib/erl_abstract_code \
         stdlib/erl_bits stdlib/orddict stdlib/ordsets erts/persistent_term erts/atomics \
         erts/counters; do
    f=$(ls "$OTP"/"${m%%/*}"-*/ebin/"${m#*/}".beam 2>/dev/null | head -1)
    [ -n "$f" ] && src+=("$f")
done
if [ "${#src[@]}" = 0 ]; then
    echo "load_fuzz: no OTP .beam files found under $OTP"
    exit 1
fi
python3 "$ROOT/tests/load_fuzz/gen.py" "$DIR/beams" "$N" "$SEED" "${src[@]}"
erlc -o "$DIR/beams" "$ROOT/tests/load_fuzz/load_fuzz_driver.erl"
start=$(date +%s)
set +e
"$GIRDER" -noshell -pa "$DIR/beams" -s load_fuzz_driver main "$N" 2>"$DIR/stderr"
rc=$?
set -e
echo "load_fuzz: $(grep -c 'Error loading' "$DIR/stderr") loader reports, $(( $(date +%s) - start )) s"
if [ "$rc" != 0 ]; then
    echo "load_fuzz: FAILED (girder exit status $rc); last lines of stderr:"
    tail -5 "$DIR/stderr"
    exit 1
fi
