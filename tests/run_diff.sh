#!/usr/bin/env bash
# Differential test runner: every tests/erl/t_*.erl program is run on the
# reference `erl` and on girder; stdout, stderr and the exit status must be
# identical. Standard error is compared after normalising what differs
# between two runs of erl itself (timestamps, pids, references, ports,
# crash-dump file names, the heap/stack/reduction counts of crash
# reports), so logger, crash and supervisor reports are checked; a test
# whose stderr cannot match for a reason outside the VM is listed with
# that reason in tests/erl/stderr-allow.txt (its stderr is then shown,
# not compared).
#
# Usage: tests/run_diff.sh [PATTERN...]
#   PATTERN   only run tests whose name contains PATTERN (e.g. "exc", "t_ring");
#             with several, tests whose name contains any of them
#
# Environment:
#   GIRDER          girder binary (default: target/release/girder)
#   DIFF_TIMEOUT    seconds per program run (default 60)
#   DIFF_JOBS       programs run in parallel (default 2)
#   DIFF_NO_CACHE=1 ignore target/diff-cache (always run erl)
#   DIFF_NO_NEG=1   skip the negative cases in tests/erl/neg
#   DIFF_STDERR=0   do not compare standard error
#
# Builds nothing (scripts/test builds). Ends with "N passed, M failed" and
# exits non-zero when M > 0.
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/.." && pwd)"
cd "$ROOT"

PATTERN="${*:-}"
PATTERNS=("$@")
# selected NAME: no pattern given, or NAME contains one of them
selected() {
    [ "${#PATTERNS[@]}" -eq 0 ] && return 0
    local p
    for p in "${PATTERNS[@]}"; do
        [[ "$1" == *"$p"* ]] && return 0
    done
    return 1
}
GIRDER="${GIRDER:-$ROOT/target/release/girder}"
case "$GIRDER" in /*) ;; *) GIRDER="$ROOT/$GIRDER" ;; esac
TIMEOUT="${DIFF_TIMEOUT:-60}"
JOBS="${DIFF_JOBS:-2}"
TESTDIR="$ROOT/tests/erl"
CACHE="$ROOT/target/diff-cache"
COMPARE_ERR="${DIFF_STDERR:-1}"
# NAME REASON lines: tests whose stderr is not compared, and why.
ALLOW="$TESTDIR/stderr-allow.txt"

for tool in erl erlc sha256sum timeout; do
    if ! command -v "$tool" >/dev/null 2>&1; then
        echo "run_diff: '$tool' not found (run scripts/install-otp)" >&2
        exit 2
    fi
done

WORK="$(mktemp -d "${TMPDIR:-/tmp}/girder-diff.XXXXXX")"
trap 'rm -rf "$WORK"' EXIT
# The compiled-code cache: the caller's (GIRDER_CACHE_DIR, even empty =
# off), else a private one removed at exit, never the user's home.
export GIRDER_CACHE_DIR="${GIRDER_CACHE_DIR-$WORK/cache}"
# Refining the cache (jit refine.rs) in the exiting VM: a detached child
# could still be writing when the directory is removed, and would compete
# for the CPU with the next run.
export GIRDER_CACHE_REFINE="${GIRDER_CACHE_REFINE-sync}"
BEAMS="$WORK/beam"
RES="$WORK/res"
mkdir -p "$BEAMS" "$RES" "$CACHE"

# Both VMs send logger reports (e.g. "Error in process ...") to stderr so
# that stdout holds only what the programs print; no crash dump files.
ERL_LOGGER=(-kernel logger '[{handler,default,logger_std_h,#{config => #{type => standard_error}}}]')
export ERL_CRASH_DUMP_SECONDS=0

OTP_REL="$(erl -noshell -eval 'io:put_chars(erlang:system_info(otp_release)), halt().' 2>/dev/null || echo unknown)"

have_girder=1
if [ ! -x "$GIRDER" ]; then
    have_girder=0
    echo "run_diff: girder binary not found at $GIRDER: every test will FAIL" >&2
fi

# ---------------------------------------------------------------- selection
TESTS=()
for f in "$TESTDIR"/t_*.erl; do
    [ -e "$f" ] || continue
    name="$(basename "$f" .erl)"
    selected "$name" || continue
    TESTS+=("$name")
done

# ---------------------------------------------------------------- helpers
# The reason NAME is on the stderr allow-list, or nothing.
allowed_reason() {
    [ -f "$ALLOW" ] || return 0
    awk -v n="$1" '$1 == n { $1 = ""; sub(/^ +/, ""); print; exit }' "$ALLOW"
}

# Standard error with what differs between two runs of erl normalised (the
# work directory too: erl's output may come from an earlier run's cache).
norm_err() {
    sed -E 's/[0-9]+-[A-Z][a-z]{2}-[0-9]{4}::[0-9]{2}:[0-9]{2}:[0-9]{2}\.[0-9]{6}/TIMESTAMP/g;
            s/[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}\.[0-9]+([+-][0-9]{2}:[0-9]{2}|Z)?/TIMESTAMP/g;
            s/<[0-9]+\.[0-9]+\.[0-9]+>/<PID>/g;
            s/#Ref<[0-9.]+>/#Ref<REF>/g;
            s/#Port<[0-9.]+>/#Port<PORT>/g;
            s/erl_crash[A-Za-z0-9_.-]*\.dump/DUMP/g;
            s#[^ "'\'']*girder-diff\.[A-Za-z0-9]{6}#WORKDIR#g;
            s/(heap_size|stack_size|reductions|total_heap_size): [0-9]+/\1: N/g' "$1"
}

# Print a block of text in one write so parallel jobs do not interleave.
emit() { printf '%s\n' "$1"; }

# Show up to 12 lines of unified diff between expected and actual stdout
# (compared without \r; a note says when line endings differ as well).
short_diff() {
    local exp="$1" act="$2"
    tr -d '\r' <"$exp" >"$exp.nocr"
    tr -d '\r' <"$act" >"$act.nocr"
    if cmp -s "$exp.nocr" "$act.nocr"; then
        echo "    stdout differs only in carriage returns (erl's erlang:display ends lines with \\r\\n)"
        return
    fi
    if [ "$(grep -c $'\r' "$exp" || true)" != "$(grep -c $'\r' "$act" || true)" ]; then
        echo "    (line endings differ too: erl's erlang:display ends lines with \\r\\n; diff below ignores \\r)"
    fi
    diff -U1 --label 'expected (erl)' --label 'actual (girder)' "$exp.nocr" "$act.nocr" 2>/dev/null \
        | sed -n '3,14p' | cut -c1-200 | sed 's/^/    /' || true
}

run_erl() {   # name outdir
    local name="$1" out="$2" rc
    mkdir -p "$out/cwd"
    (cd "$out/cwd" && timeout -k 5 "$TIMEOUT" erl -noshell "${ERL_LOGGER[@]}" -pa "$BEAMS" \
        -s "$name" main -s init stop >"$out/erl.out" 2>"$out/erl.err" </dev/null) && rc=0 || rc=$?
    echo "$rc" >"$out/erl.rc"
}

run_girder() {   # name outdir
    local name="$1" out="$2" rc
    mkdir -p "$out/cwd"
    (cd "$out/cwd" && timeout -k 5 "$TIMEOUT" "$GIRDER" -noshell "${ERL_LOGGER[@]}" -pa "$BEAMS" \
        -s "$name" main -s init stop >"$out/girder.out" 2>"$out/girder.err" </dev/null) && rc=0 || rc=$?
    echo "$rc" >"$out/girder.rc"
}

# Compares erl's and girder's results in $out: sets erc, grc, err_ok, allow
# and same (1 when stdout, exit status and normalised stderr agree).
compare_runs() {   # name outdir
    local name="$1" out="$2"
    erc="$(cat "$out/erl.rc")"; grc="$(cat "$out/girder.rc")"
    norm_err "$out/erl.err" >"$out/erl.err.n"
    norm_err "$out/girder.err" >"$out/girder.err.n"
    err_ok=1 allow="" same=0
    if [ "$COMPARE_ERR" != 0 ] && ! cmp -s "$out/erl.err.n" "$out/girder.err.n"; then
        allow="$(allowed_reason "$name")"
        [ -n "$allow" ] || err_ok=0
    fi
    if [ "$erc" = "$grc" ] && cmp -s "$out/erl.out" "$out/girder.out" && [ "$err_ok" = 1 ]; then
        same=1
    fi
}

one_test() {
    local name="$1"
    local src="$TESTDIR/$name.erl"
    local out="$WORK/run/$name"
    mkdir -p "$out"
    if [ ! -f "$BEAMS/$name.beam" ]; then
        emit "FAIL $name (does not compile with erlc)"
        : >"$RES/$name.fail"
        return
    fi
    local key
    key="$( (cat "$src"; echo "otp=$OTP_REL timeout=$TIMEOUT v1") | sha256sum | cut -c1-32)"
    if [ -z "${DIFF_NO_CACHE:-}" ] && [ -f "$CACHE/$key.out" ] && [ -f "$CACHE/$key.rc" ] \
        && [ -f "$CACHE/$key.err" ]; then
        cp "$CACHE/$key.out" "$out/erl.out"
        cp "$CACHE/$key.err" "$out/erl.err"
        cp "$CACHE/$key.rc" "$out/erl.rc"
    else
        run_erl "$name" "$out"
        if [ "$(cat "$out/erl.rc")" = 124 ] || [ "$(cat "$out/erl.rc")" = 137 ]; then
            emit "FAIL $name (erl itself timed out after ${TIMEOUT}s: broken test)"
            : >"$RES/$name.fail"
            return
        fi
        cp "$out/erl.out" "$CACHE/$key.out.tmp.$$" && mv "$CACHE/$key.out.tmp.$$" "$CACHE/$key.out"
        cp "$out/erl.err" "$CACHE/$key.err.tmp.$$" && mv "$CACHE/$key.err.tmp.$$" "$CACHE/$key.err"
        cp "$out/erl.rc" "$CACHE/$key.rc"
    fi
    if [ "$have_girder" = 0 ]; then
        emit "FAIL $name (no girder binary)"
        : >"$RES/$name.fail"
        return
    fi
    local t0 t1
    t0=$(date +%s%N)
    run_girder "$name" "$out"
    t1=$(date +%s%N)
    local ms=$(( (t1 - t0) / 1000000 ))
    local erc grc err_ok allow same
    compare_runs "$name" "$out"
    if [ "$same" != 1 ] && [ "$erc" != 124 ] && [ "$erc" != 137 ]; then
        # erl is the oracle, but not every run of erl prints the same: under
        # load its logger handler can die at shutdown (removed_failing_handler
        # on a program that logs nothing). A mismatch is checked against one
        # fresh erl run before it counts; girder must match one of erl's runs.
        for f in out err rc; do cp "$out/erl.$f" "$out/erl1.$f"; done
        run_erl "$name" "$out"
        compare_runs "$name" "$out"
        if [ "$same" = 1 ]; then
            emit "PASS $name (${ms} ms; matched a second run of erl, whose first run printed otherwise)"
            : >"$RES/$name.pass"
            return
        fi
        for f in out err rc; do cp "$out/erl1.$f" "$out/erl.$f"; done
        compare_runs "$name" "$out"
    fi
    if [ "$same" = 1 ]; then
        if [ -n "$allow" ]; then
            emit "PASS $name (${ms} ms; stderr differs, allowed: $allow)"
        else
            emit "PASS $name (${ms} ms)"
        fi
        : >"$RES/$name.pass"
        return
    fi
    local msg="FAIL $name"
    if [ "$grc" = 124 ] || [ "$grc" = 137 ]; then
        msg+=" (girder timed out after ${TIMEOUT}s)"
    elif [ "$erc" != "$grc" ]; then
        msg+=" (exit status: erl $erc, girder $grc)"
    fi
    if ! cmp -s "$out/erl.out" "$out/girder.out"; then
        msg+=$'\n'"$(short_diff "$out/erl.out" "$out/girder.out")"
    fi
    if [ "$err_ok" = 0 ]; then
        msg+=$'\n'"    stderr differs (normalised; erl's is expected):"
        msg+=$'\n'"$(diff -U1 --label 'expected (erl)' --label 'actual (girder)' "$out/erl.err.n" "$out/girder.err.n" \
            | sed -n '3,14p' | cut -c1-200 | sed 's/^/    /' || true)"
    elif [ -s "$out/girder.err" ]; then
        msg+=$'\n'"    girder stderr: $(head -c 600 "$out/girder.err" | head -n 4 | tr '\n' ' ' | cut -c1-300)"
    fi
    emit "$msg"
    : >"$RES/$name.fail"
}

# ---------------------------------------------------------------- compile
if [ "${#TESTS[@]}" -gt 0 ]; then
    # compile from inside tests/erl so {file,"t_x.erl"} in stack traces is
    # independent of where the repository lives; one erlc (one VM start)
    # per batch of 50 files, JOBS batches at a time. A file that does not
    # compile leaves no .beam: its test fails below.
    batch=()
    running=0
    compile_batch() {
        (cd "$TESTDIR" && erlc -o "$BEAMS" "${@/%/.erl}" >"$WORK/erlc.$1.log" 2>&1) ||
            { echo "run_diff: erlc failed in a batch:" >&2; sed 's/^/    /' "$WORK/erlc.$1.log" >&2; }
    }
    for name in "${TESTS[@]}"; do
        batch+=("$name")
        if [ "${#batch[@]}" -ge 50 ]; then
            if [ "$running" -ge "$JOBS" ]; then wait -n || true; running=$((running - 1)); fi
            compile_batch "${batch[@]}" &
            running=$((running + 1))
            batch=()
        fi
    done
    [ "${#batch[@]}" -eq 0 ] || compile_batch "${batch[@]}" &
    wait || true
fi

# ---------------------------------------------------------------- run
running=0
for name in "${TESTS[@]}"; do
    if [ "$running" -ge "$JOBS" ]; then
        wait -n || true
        running=$((running - 1))
    fi
    one_test "$name" &
    running=$((running + 1))
done
wait || true

# a job that died without recording a result counts as a failure
for name in "${TESTS[@]}"; do
    if [ ! -e "$RES/$name.pass" ] && [ ! -e "$RES/$name.fail" ]; then
        emit "FAIL $name (runner error: no result recorded)"
        : >"$RES/$name.fail"
    fi
done

# ---------------------------------------------------------------- negative cases
neg_case() {   # name argsfile
    local name="$1" argsfile="$2"
    local out="$WORK/neg/$name"
    mkdir -p "$out/cwd"
    local line
    line="$(head -n 1 "$argsfile")"
    line="${line//@TRUNC@/$WORK/neg_beams/trunc}"
    line="${line//@GARBAGE@/$WORK/neg_beams/garbage}"
    line="${line//@EMPTY@/$WORK/neg_beams/empty}"
    line="${line//@GOOD@/$WORK/neg_beams/good}"
    line="${line//@NOSUCHDIR@/$WORK/neg_beams/does/not/exist}"
    local -a args
    read -r -a args <<<"$line"
    if [ "$have_girder" = 0 ]; then
        emit "FAIL neg_$name (no girder binary)"
        : >"$RES/neg_$name.fail"
        return
    fi
    local rc
    (cd "$out/cwd" && timeout -k 5 "$TIMEOUT" "$GIRDER" "${args[@]}" \
        >"$out/out" 2>"$out/err" </dev/null) && rc=0 || rc=$?
    local problems=()
    if [ "$rc" = 0 ]; then problems+=("exit status 0"); fi
    if [ "$rc" = 101 ]; then problems+=("exit status 101 (Rust panic)"); fi
    if [ "$rc" = 124 ] || [ "$rc" -ge 128 ]; then problems+=("exit status $rc (timeout or signal)"); fi
    if grep -qE 'panicked|RUST_BACKTRACE' "$out/out" "$out/err"; then problems+=("panic text in output"); fi
    local nlines
    # The loader's report of a module it rejects (erl's "beam/beam_load.c(N):
    # Error loading module M:" and its indented reason, or girder's "Error
    # loading ...") comes on top of the error message.
    nlines="$(grep -v -e 'Error loading ' -e '^  ' "$out/err" | grep -c . || true)"
    if [ "$nlines" != 1 ]; then problems+=("stderr has $nlines non-empty lines, expected 1"); fi
    if [ "${#problems[@]}" -eq 0 ]; then
        emit "PASS neg_$name (exit $rc: $(grep . "$out/err" | head -n 1 | cut -c1-120))"
        : >"$RES/neg_$name.pass"
    else
        local msg joined
        joined="$(printf '%s; ' "${problems[@]}")"
        msg="FAIL neg_$name (${joined%; })"
        msg+=$'\n'"    args: ${args[*]}"
        msg+=$'\n'"$(head -n 4 "$out/err" | cut -c1-200 | sed 's/^/    stderr: /')"
        emit "$msg"
        : >"$RES/neg_$name.fail"
    fi
}

if [ -z "${DIFF_NO_NEG:-}" ] && [ -d "$TESTDIR/neg" ]; then
    NEG=()
    for f in "$TESTDIR"/neg/*.args; do
        [ -e "$f" ] || continue
        n="$(basename "$f" .args)"
        selected "neg_$n" || continue
        NEG+=("$n")
    done
    if [ "${#NEG[@]}" -gt 0 ]; then
        nb="$WORK/neg_beams"
        mkdir -p "$nb/good" "$nb/trunc" "$nb/garbage" "$nb/empty"
        (cd "$TESTDIR/neg" && erlc -o "$nb/good" n_victim.erl)
        size="$(stat -c %s "$nb/good/n_victim.beam")"
        head -c $((size / 2)) "$nb/good/n_victim.beam" >"$nb/trunc/n_victim.beam"
        printf 'this is not a BEAM file\n' >"$nb/garbage/n_victim.beam"
        : >"$nb/empty/n_victim.beam"
        for n in "${NEG[@]}"; do
            neg_case "$n" "$TESTDIR/neg/$n.args"
        done
    fi
fi

# ---------------------------------------------------------------- summary
passed=$(find "$RES" -name '*.pass' | wc -l)
failed=$(find "$RES" -name '*.fail' | wc -l)
total=$((passed + failed))
if [ "$total" -eq 0 ]; then
    echo "run_diff: no tests matched '${PATTERN}'" >&2
fi
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ] && [ "$total" -gt 0 ]
