#!/usr/bin/env bash
# The interactive shell against erl's.
#
# 1. Terminal: `erl` and `girder` (real boot) each run in a tmux pane of
#    a fixed size; the same keys are typed into both (an expression, a
#    multi-line one, a history recall with the up arrow, tab completion of
#    a module and of a function, an exception, c/1 and l/1 of a module in
#    a temporary directory, h(), Ctrl-G job control, the Ctrl-C BREAK
#    menu ((v)ersion, an invalid answer, (a)bort), UTF-8 text edited,
#    a line longer than the terminal edited, q()). The screens
#    (with scroll-back) are compared from the first prompt on, pids
#    normalised; after the VM exits the pane prints the exit status and
#    the terminal's modes, which must be the ones it had before (the
#    raw mode undone).
# 2. Pipe: the same input from a pipe (no terminal, so both fall back to
#    the dumb `user`): stdout and exit status compared.
#
# Usage: tests/shell_cases.sh   (after cargo build --release; needs tmux)
# Environment: GIRDER (default target/release/girder).
set -uo pipefail

ROOT="$(cd "$(dirname "$0")/.." && pwd)"
GIRDER="${GIRDER:-$ROOT/target/release/girder}"
WORK="$(mktemp -d "${TMPDIR:-/tmp}/girder-shell.XXXXXX")"
SOCK="girder-shell-$$"
TMUX_CMD=(tmux -L "$SOCK" -f /dev/null)
cleanup() {
    "${TMUX_CMD[@]}" kill-server 2>/dev/null
    [ -n "${KEEP:-}" ] || rm -rf "$WORK"; [ -n "${KEEP:-}" ] && echo "kept $WORK" >&2
}
trap cleanup EXIT

pass=0
fail=0

if ! command -v tmux >/dev/null 2>&1; then
    echo "shell_cases: tmux is missing (scripts/install-otp installs it)" >&2
    exit 1
fi

cp "$ROOT/tests/shell/shm.erl" "$WORK/"

# What differs between two runs of erl itself.
norm() {
    # (The shell's report of an aborted VM names its process and command.)
    sed -E -e 's/<[0-9]+\.[0-9]+\.[0-9]+>/<PID>/g' \
        -e 's/^(bash: line [0-9]+:) +[0-9]+ Aborted .*/\1 Aborted VM/' "$1"
}

# screen SESSION: the pane with its scroll-back, trailing blanks removed.
screen() {
    "${TMUX_CMD[@]}" capture-pane -p -J -S -1000 -t "$1" 2>/dev/null |
        sed -e 's/[[:space:]]*$//' | sed -e :a -e '/^\n*$/{$d;N;ba' -e '}'
}

# wait_for SESSION ERE [SECONDS]: until the last non-empty line of the
# screen matches ERE. Returns 1 on timeout.
wait_for() {
    local s="$1" re="$2" limit="${3:-20}" i=0
    while [ "$i" -lt $((limit * 10)) ]; do
        if screen "$s" | grep -v '^$' | tail -n 1 | grep -Eq -- "$re"; then
            return 0
        fi
        sleep 0.1
        i=$((i + 1))
    done
    echo "    (timed out in $s waiting for /$re/)" >&2
    return 1
}

keys() {
    "${TMUX_CMD[@]}" send-keys -t "$1" "${@:2}"
}

# type SESSION TEXT NEXT_PROMPT: types TEXT, Enter, waits for prompt N.
line() {
    keys "$1" -l "$2"
    keys "$1" Enter
    wait_for "$1" "^$3>\$" "${4:-20}"
}

# session NAME SCENARIO COMMAND...: runs COMMAND in a fresh pane and
# types SCENARIO's keys; the screen is left in $WORK/NAME.screen.
session() {
    local s="$1" scenario="$2"
    shift 2
    local modes="stty -a | tr ' ;' '\\n\\n' | grep -E '^-?(icanon|echo|isig|icrnl|opost|ixon)\$' | tr '\\n' ' '"
    "${TMUX_CMD[@]}" new-session -d -s "$s" -x 100 -y 50 -c "$WORK" \
        "export LANG=C.UTF-8 LC_ALL=C.UTF-8; echo \"before: \$($modes)\"; $*; echo \"[exit \$?]\"; echo \"after: \$($modes)\"; sleep 600"
    local ok=0
    "$scenario" "$s" && ok=1
    screen "$s" >"$WORK/$s.screen"
    "${TMUX_CMD[@]}" kill-session -t "$s" 2>/dev/null
    [ "$ok" = 1 ]
}

# The main scenario, ending with the BREAK menu's (v)ersion and q().
main_keys() {
    local s="$1"
    wait_for "$s" '^1>$' 30 &&
        line "$s" 'X = 1 + 2.' 2 &&
        keys "$s" -l 'lists:seq(X,' && keys "$s" Enter && wait_for "$s" '^2>$' &&
        line "$s" '7).' 3 &&
        keys "$s" Up && wait_for "$s" '^3> 7\)\.$' &&
        keys "$s" Up && wait_for "$s" '^3> lists:seq\(X,$' &&
        keys "$s" Up && wait_for "$s" '^3> X = 1 \+ 2\.$' &&
        keys "$s" Enter && wait_for "$s" '^4>$' &&
        keys "$s" -l 'lists:rev' && keys "$s" Tab && wait_for "$s" 'reverse\($' &&
        line "$s" '[a,b]).' 5 &&
        keys "$s" -l 'ordse' && keys "$s" Tab && wait_for "$s" 'ordsets:$' &&
        line "$s" 'from_list([c,a,b]).' 6 &&
        keys "$s" -l 'string:to_' && keys "$s" Tab && wait_for "$s" '^6> string:to_$' &&
        keys "$s" Tab && sleep 0.3 && wait_for "$s" '^6> string:to_$' &&
        keys "$s" C-u && keys "$s" -l 'erlang:' && keys "$s" C-a &&
        keys "$s" -l 'Y = ' && keys "$s" C-e && wait_for "$s" '^6> Y = erlang:$' &&
        line "$s" 'atom_to_list(abc).' 7 &&
        line "$s" '1/0.' 8 &&
        line "$s" 'lists:nth(5, [a]).' 9 &&
        line "$s" 'c(shm).' 10 60 &&
        line "$s" 'shm:f().' 11 &&
        line "$s" 'l(shm).' 12 &&
        line "$s" 'shm:g(x).' 13 &&
        line "$s" 'h().' 14 &&
        keys "$s" C-g && wait_for "$s" '^ -->$' &&
        keys "$s" -l 'j' && keys "$s" Enter && wait_for "$s" '^ -->$' &&
        keys "$s" -l 'c' && keys "$s" Enter && wait_for "$s" '^ --> c$' && sleep 0.3 &&
        line "$s" 'b().' 15 &&
        keys "$s" C-c && wait_for "$s" '\(l\)oaded' &&
        keys "$s" -l 'v' && keys "$s" Enter && wait_for "$s" 'emulator version' &&
        line "$s" 'Z = 5.' 16 &&
        keys "$s" -l 'A = "héllo€ wörld", {A, length(A)}.' && keys "$s" Left Left Left &&
        keys "$s" BSpace && wait_for "$s" 'length\(\)\}\.$' && keys "$s" Enter &&
        wait_for "$s" '^17>$' &&
        keys "$s" -l "B = \"$(printf 'a%.0s' $(seq 110))\"." && keys "$s" C-a &&
        keys "$s" C-f C-f C-f C-f C-f C-f && keys "$s" C-d && sleep 0.3 && keys "$s" Enter &&
        wait_for "$s" '^18>$' &&
        keys "$s" -l 'q().' && keys "$s" Enter &&
        wait_for "$s" '^after:' 20
}

# Ctrl-C, an invalid answer, then (a)bort: exit status 0, terminal reset.
abort_keys() {
    local s="$1"
    wait_for "$s" '^1>$' 30 &&
        line "$s" 'lists:sum([1,2]).' 2 &&
        keys "$s" C-c && wait_for "$s" '\(l\)oaded' &&
        keys "$s" -l 'x' && keys "$s" Enter && wait_for "$s" '\(l\)oaded' &&
        keys "$s" -l 'a' && keys "$s" Enter &&
        wait_for "$s" '^after:' 20
}

# Ctrl-C, then (A)bort with dump: the slogan, the dump written, abort()
# (exit status 134) with the terminal reset. (The listings of p, i, l, k,
# D, d show each VM's own processes and sizes: not compared here.)
dump_keys() {
    local s="$1"
    wait_for "$s" '^1>$' 30 &&
        line "$s" 'lists:sum([1,2]).' 2 &&
        keys "$s" C-c && wait_for "$s" '\(l\)oaded' &&
        keys "$s" -l 'A' && keys "$s" Enter &&
        wait_for "$s" '^after:' 30
}

# From the first prompt on (the system version line above it names the
# emulator), plus the modes before and after.
transcript() {
    { grep -E '^before:' "$1"; sed -n '/^Eshell V/,$p' "$1"; } | norm /dev/stdin
}

report() {
    local name="$1" ok="$2" a="$3" b="$4"
    if [ "$ok" = 1 ] && cmp -s "$a" "$b"; then
        echo "PASS shell $name"
        pass=$((pass + 1))
    else
        echo "FAIL shell $name"
        diff -U2 --label erl --label girder "$a" "$b" | sed -n '1,40p' | cut -c1-160 | sed 's/^/    /'
        fail=$((fail + 1))
    fi
}

# 1. A terminal.
terminal_case() {
    local name="$1" keys="$2" eok=1 gok=1
    session "erl-$name" "$keys" erl || eok=0
    rm -f "$WORK"/shm.beam
    session "girder-$name" "$keys" "$GIRDER" || gok=0
    transcript "$WORK/erl-$name.screen" >"$WORK/erl-$name.t"
    transcript "$WORK/girder-$name.screen" >"$WORK/girder-$name.t"
    if [ "$eok" != 1 ]; then
        echo "shell_cases: the $name scenario did not complete on erl" >&2
        sed 's/^/    erl| /' "$WORK/erl-$name.screen" | tail -n 20 >&2
    fi
    # It must have reached the end, with the terminal as it was before.
    grep -q "\\[exit ${3:-0}\\]\$" "$WORK/girder-$name.t" || gok=0
    [ "$(sed -n 's/^before: //p' "$WORK/girder-$name.t")" = \
        "$(sed -n 's/^after: //p' "$WORK/girder-$name.t")" ] || gok=0
    report "terminal $name" "$gok" "$WORK/erl-$name.t" "$WORK/girder-$name.t"
}
terminal_case main main_keys
terminal_case abort abort_keys
terminal_case dump dump_keys 134

# 2. Standard input from a pipe.
run_pipe() {
    (cd "$WORK" && timeout -k 5 30 "$@" <"$ROOT/tests/shell/pipe_input.txt" 2>&1
    echo "[exit $?]")
}
run_pipe erl | norm /dev/stdin >"$WORK/erl.p"
run_pipe "$GIRDER" | norm /dev/stdin >"$WORK/girder.p"
report pipe 1 "$WORK/erl.p" "$WORK/girder.p"

echo "shell_cases: $pass passed, $fail failed"
[ "$fail" = 0 ]
