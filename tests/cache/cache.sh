#!/usr/bin/env bash
# The compiled-code cache (jit/src/cache/): runs tests/cache/c_work.erl
# (and the OTP modules it uses) on girder with a cache directory of its own
# and checks, against erl's output each time:
#  - a cold run writes cache files, a warm run places functions from them
#    (+Jstats) and compiles none of those;
#  - four VMs filling one empty cache at once all print the right output
#    and leave files a later run accepts;
#  - a corrupted and a truncated file are rejected (counted), recompiled
#    and rewritten;
#  - after the module changes on disk, its new code runs (a file made for
#    the old version, even put under the new name, is rejected);
#  - girder-compile --cache fills a cache a VM run then uses (atom seed);
#  - an unwritable cache directory costs one warning line at most;
#  - refining (jit/src/refine.rs): fast-tier code a warm run places and
#    enters is compiled optimised for the cache, in the exiting VM
#    (GIRDER_CACHE_REFINE=sync) or in its detached child (the default);
#    later runs place the optimised code.
# Usage: tests/cache/cache.sh   (GIRDER: default target/release/girder)
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
GIRDER="${GIRDER:-$ROOT/target/release/girder}"
T="$(mktemp -d)"
trap 'rm -rf "$T"' EXIT
mkdir -p "$T/v1" "$T/v2"
erlc -o "$T/v1" "$ROOT/tests/cache/c_work.erl"
sed 's/-define(VERSION, 1)/-define(VERSION, 2)/' "$ROOT/tests/cache/c_work.erl" >"$T/v2/c_work.erl"
erlc -o "$T/v2" "$T/v2/c_work.erl"
want1="$(erl -noshell -pa "$T/v1" -s c_work main -s erlang halt)"
want2="$(erl -noshell -pa "$T/v2" -s c_work main -s erlang halt)"
fail=0
# Refining rewrites files after a run exits (a detached child): off for the
# checks that count files and rejections; its own checks at the end.
export GIRDER_CACHE_REFINE=off
jstat() { grep "^girder stats: $1: " "$2" | sed 's/.*: //'; }
# run DIR VERSION NAME: runs girder with cache DIR, checks stdout; stats in $T/NAME.err
run() {
    local want
    case "$2" in 1*) want="$want1" ;; *) want="$want2" ;; esac
    got="$(GIRDER_CACHE_DIR="$1" "$GIRDER" +Jstats true -noshell -pa "$T/v$2" \
        -s c_work main -s erlang halt 2>"$T/$3.err")" || true
    if [ "$got" != "$want" ]; then
        echo "FAIL $3: output differs from erl"; diff <(echo "$want") <(echo "$got") | head -5; fail=1
    fi
}
expect() { # NAME STAT OP VALUE
    local v; v="$(jstat "$2" "$T/$1.err")"
    if ! [ "${v:-x}" -"$3" "$4" ] 2>/dev/null; then
        echo "FAIL $1: '$2' is '${v}', expected -$3 $4"; fail=1
    fi
}
C="$T/c"
run "$C" 1 cold
expect cold "cache: functions placed from cache" eq 0
expect cold "cache: files written" gt 0
n="$(ls "$C"/*.gjc 2>/dev/null | wc -l)"
[ "$n" -gt 0 ] || { echo "FAIL cold: no cache files"; fail=1; }
run "$C" 1 warm
expect warm "cache: functions placed from cache" gt 0
expect warm "cache: files rejected" eq 0
expect warm "functions compiled" eq 0
placed="$(jstat 'cache: functions placed from cache' "$T/warm.err")"
# Module indexes (cache/index.rs): written cold, every module loads from
# its index warm.
ni="$(ls "$C"/*.gji 2>/dev/null | wc -l)"
[ "$ni" -gt 0 ] || { echo "FAIL cold: no index files"; fail=1; }
expect warm "cache: modules loaded from their index" eq "$(jstat 'modules loaded' "$T/warm.err")"
indexed="$(jstat 'cache: modules loaded from their index' "$T/warm.err")"

# A damaged and a truncated index: rejected, the modules parsed and
# verified as without one, the indexes rewritten.
ixs=("$C"/*.gji)
f="${ixs[0]}"
g="${ixs[1]}"
sz="$(stat -c %s "$f")"
printf '\xff\xfe' | dd of="$f" bs=1 seek=$((sz / 2)) conv=notrunc 2>/dev/null
truncate -s $(( $(stat -c %s "$g") / 2 )) "$g"
run "$C" 1 badindex
expect badindex "cache: files rejected" eq 2
expect badindex "cache: modules loaded from their index" eq $((indexed - 2))
run "$C" 1 reindexed
expect reindexed "cache: files rejected" eq 0
expect reindexed "cache: modules loaded from their index" eq "$indexed"

# The same code (same MD5) in another image (debug chunks stripped): the
# index, made for the other image, is not used; this image gets its own.
mkdir -p "$T/v1s"
cp "$T/v1/c_work.beam" "$T/v1s/"
erl -noshell -eval 'beam_lib:strip(hd(init:get_plain_arguments())), halt().' \
    -extra "$T/v1s/c_work.beam"
cmp -s "$T/v1/c_work.beam" "$T/v1s/c_work.beam" && { echo "FAIL strip: same image"; fail=1; }
# (Files rejected are not counted here: a module parsed instead of taken
# from its index interns its atoms in another order, and under the real
# boot modules loaded after it then embed other atom values, so their files
# are rejected and rewritten: correct, a cost in speed only.)
run "$C" 1s stripped
expect stripped "cache: modules loaded from their index" eq $((indexed - 1))
run "$C" 1s stripped2
expect stripped2 "cache: modules loaded from their index" eq "$indexed"

# Several VMs filling one empty cache at once.
P="$T/p"
for i in 1 2 3 4; do run "$P" 1 "par$i" & done
wait
run "$P" 1 afterpar
expect afterpar "cache: files rejected" eq 0
expect afterpar "cache: functions placed from cache" gt 0

# A corrupted and a truncated entry: rejected, recompiled, rewritten (after
# a run that leaves every file matching program 1's atom order, see above).
run "$C" 1 settle
expect settle "cache: functions placed from cache" gt 0
files=("$C"/*.gjc)
f="${files[0]}"
g="${files[1]}"
sz="$(stat -c %s "$f")"
printf '\xff\xfe' | dd of="$f" bs=1 seek=$((sz / 2)) conv=notrunc 2>/dev/null
truncate -s $(( $(stat -c %s "$g") / 2 )) "$g"
run "$C" 1 corrupt
expect corrupt "cache: files rejected" eq 2
run "$C" 1 repaired
expect repaired "cache: files rejected" eq 0

# The module changed on disk: its new version runs; the old version's
# file under the new version's name is rejected.
md5() { erl -noshell -eval '{ok, {_, M}} = beam_lib:md5(hd(init:get_plain_arguments())),
    io:format("~s", [[io_lib:format("~2.16.0b", [B]) || <<B>> <= M]]), halt().' -extra "$1"; }
m1="$(md5 "$T/v1/c_work.beam")"; m2="$(md5 "$T/v2/c_work.beam")"
run "$C" 2 changed
expect changed "cache: files rejected" eq 0
olds=("$C/$m1"-*.gjc); old="${olds[0]}"; [ -e "$old" ] || old=""
news=("$C/$m2"-*.gjc); new="${news[0]}"; [ -e "$new" ] || new=""
if [ -z "$old" ] || [ -z "$new" ]; then
    echo "FAIL changed: no cache file for c_work v1 ($m1) or v2 ($m2)"; fail=1
else
    cp "$old" "$new"
    run "$C" 2 stale
    expect stale "cache: files rejected" eq 1
fi

# Filled ahead of time by girder-compile --cache (with its atom seed):
# a VM run places c_work and lists from it, rejecting nothing.
GC="${GIRDER_COMPILE:-$ROOT/target/release/girder-compile}"
stdlib="$(erl -noshell -eval 'io:format("~s", [code:lib_dir(stdlib, ebin)]), halt().')"
"$GC" --cache "$T/g" "$T/v1/c_work.beam" "$stdlib/lists.beam" >/dev/null
ls "$T/g"/atoms-*.seed >/dev/null 2>&1 || { echo "FAIL aot: no atom seed"; fail=1; }
run "$T/g" 1 aot
expect aot "cache: files rejected" eq 0
expect aot "cache: modules found" ge 2
# (Its records are not HOT: the files' bytes are dropped at load and each
# record is read again from its file when placed.)
expect aot "cache: functions placed from cache" gt 0

# An unwritable cache directory (a path below a regular file).
touch "$T/file"
run "$T/file/cache" 1 unwritable
warn="$(grep -vc '^girder stats' "$T/unwritable.err" || true)"
if [ "$warn" -gt 1 ]; then
    echo "FAIL unwritable: $warn lines of warnings"; cat "$T/unwritable.err"; fail=1
fi
# Refining, in the exiting VM: the second run refines what it placed fast
# and entered; the third places (almost) no fast-tier code.
R="$T/r"
run "$R" 1 r_cold
GIRDER_CACHE_REFINE=sync run "$R" 1 r_sync
expect r_sync "functions refined for the cache" gt 0
fast="$(jstat 'cache: fast-tier functions placed from cache' "$T/r_sync.err")"
run "$R" 1 r_warm
expect r_warm "functions compiled" eq 0
expect r_warm "cache: files rejected" eq 0
expect r_warm "cache: fast-tier functions placed from cache" lt $(( fast / 4 + 1 ))
# Refining in a detached child (the default): the VM's output and exit are
# those of a run without it; the files converge once the child is done
# (its lock file is free; it takes the lock right after the fork, so
# wait until a run sees the change, within a minute).
D="$T/d"
run "$D" 1 d_cold
GIRDER_CACHE_REFINE=detach run "$D" 1 d_warm
dfast="$(jstat 'cache: fast-tier functions placed from cache' "$T/d_warm.err")"
for _ in $(seq 60); do
    flock -w 60 "$D/.refine.lock" true 2>/dev/null || true
    run "$D" 1 d_after
    now="$(jstat 'cache: fast-tier functions placed from cache' "$T/d_after.err")"
    [ "${now:-$dfast}" -lt $(( dfast / 4 + 1 )) ] && break
    sleep 1
done
expect d_after "cache: fast-tier functions placed from cache" lt $(( dfast / 4 + 1 ))
expect d_after "cache: files rejected" eq 0

[ "$fail" = 0 ] && echo "PASS tests/cache/cache.sh ($n files cold, $placed functions placed warm)"
exit "$fail"
