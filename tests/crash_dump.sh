#!/usr/bin/env bash
# Crash dumps: `erlang:halt(Slogan)` and a crashing `-eval` on erl and on
# girder, each in a directory of its own. The exit status and stderr must be
# identical; both must write the dump where erl does (or not at all, as erl),
# and girder's dump must have erl's structure: the header with the same
# slogan, the =memory keys, a =proc section per process, =atoms and =end.
# Usage: tests/crash_dump.sh   (after cargo build --release)
set -uo pipefail

ROOT="$(cd "$(dirname "$0")/.." && pwd)"
GIRDER="${GIRDER:-$ROOT/target/release/girder}"
WORK="$(mktemp -d "${TMPDIR:-/tmp}/girder-dump.XXXXXX")"
trap 'rm -rf "$WORK"' EXIT
unset ERL_CRASH_DUMP ERL_CRASH_DUMP_SECONDS ERL_CRASH_DUMP_BYTES
# The compiled-code cache: the caller's, else a private one (never ~/.cache).
export GIRDER_CACHE_DIR="${GIRDER_CACHE_DIR-$WORK/cache}"
# Refining the cache (jit refine.rs) in the exiting VM: a detached child
# could still be writing when the directory is removed, and would compete
# for the CPU with the next run.
export GIRDER_CACHE_REFINE="${GIRDER_CACHE_REFINE-sync}"

pass=0
fail=0
ok() { echo "PASS crash_dump $1"; pass=$((pass + 1)); }
bad() { echo "FAIL crash_dump $1: $2"; fail=$((fail + 1)); }

# run VM NAME ENV... -- ARGS...: runs in $WORK/VM.NAME, leaves rc/err/files there.
run() {
    local vm="$1" name="$2"
    shift 2
    local envs=()
    while [ "$1" != "--" ]; do envs+=("$1"); shift; done
    shift
    local dir="$WORK/$vm.$name" bin=erl
    [ "$vm" = girder ] && bin="$GIRDER"
    mkdir -p "$dir"
    (cd "$dir" && env "${envs[@]}" timeout -k 5 60 "$bin" -noshell "$@" >out 2>err </dev/null)
    echo $? >"$dir/rc"
}

# check NAME FILE: same exit status and stderr; the dump FILE (relative to
# each run's directory) exists for both or for neither, and has erl's shape.
check() {
    local name="$1" file="$2"
    local e="$WORK/erl.$name" g="$WORK/girder.$name"
    if ! cmp -s "$e/rc" "$g/rc"; then bad "$name" "exit status erl $(cat "$e/rc"), girder $(cat "$g/rc")"; return; fi
    # The dump's path is in the stderr line: compare with the VM names equalised.
    if ! cmp -s <(sed 's/erl\.'"$name"'/VM/g' "$e/err") <(sed 's/girder\.'"$name"'/VM/g' "$g/err"); then
        bad "$name" "stderr differs: $(diff <(cat -A "$e/err") <(cat -A "$g/err") | head -4 | tr '\n' ' ' | cut -c1-300)"
        return
    fi
    local ef="$e/$file" gf="$g/$file"
    local he=0 hg=0
    [ -f "$ef" ] && he=1
    [ -f "$gf" ] && hg=1
    if [ "$he" != "$hg" ]; then bad "$name" "dump written: erl $he, girder $hg"; return; fi
    if [ "$hg" = 1 ]; then
        local want
        for want in '^=erl_crash_dump:0.5$' '^Slogan: ' '^=memory$' '^total: [0-9]' '^processes: [0-9]' \
                    '^ets: [0-9]' '^=proc:<0\.[0-9]*\.0>$' '^State: ' '^Reductions: [0-9]' '^=atoms$' '^=end$'; do
            grep -q "$want" "$gf" || { bad "$name" "girder's dump lacks $want"; return; }
        done
        if [ "$(grep '^Slogan: ' "$ef" | cut -c1-40)" != "$(grep '^Slogan: ' "$gf" | cut -c1-40)" ]; then
            bad "$name" "slogans differ"
            return
        fi
        if [ "$(grep -c '^=atoms$' "$gf")" != 1 ] || [ "$(tail -n 1 "$gf")" != "=end" ]; then
            bad "$name" "girder's dump is not complete"
            return
        fi
    fi
    ok "$name"
}

for vm in erl girder; do
    run "$vm" halt_slogan -- -eval 'halt("boom: a slogan")'
    run "$vm" halt_empty -- -eval 'halt("")'
    run "$vm" eval_crash -- -eval 'x = y.'
    run "$vm" named_path ERL_CRASH_DUMP="$WORK/$vm.named_path/my.dump" -- -eval 'halt("named")'
    run "$vm" seconds_zero ERL_CRASH_DUMP_SECONDS=0 -- -eval 'halt("no dump")'
    run "$vm" bytes_zero ERL_CRASH_DUMP_BYTES=0 -- -eval 'halt("no dump")'
    run "$vm" unwritable ERL_CRASH_DUMP=/nonexistent/dir/x.dump -- -eval 'halt("nowhere")'
    run "$vm" with_tables -- -eval 'ets:new(t, [named_table, public]), ets:insert(t, {a, 1}), register(me, self()), halt("tables")'
done
check halt_slogan erl_crash.dump
check halt_empty erl_crash.dump
check eval_crash erl_crash.dump
check named_path my.dump
check seconds_zero erl_crash.dump
check bytes_zero erl_crash.dump
check unwritable erl_crash.dump
check with_tables erl_crash.dump
if grep -q '^Name: me$' "$WORK/girder.with_tables/erl_crash.dump" \
    && grep -q '^Table: t$' "$WORK/girder.with_tables/erl_crash.dump"; then
    ok registered_and_tables
else
    bad registered_and_tables "the registered process or the table is missing"
fi

echo "crash_dump: $pass passed, $fail failed"
[ "$fail" = 0 ]
