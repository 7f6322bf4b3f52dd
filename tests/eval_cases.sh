#!/usr/bin/env bash
# `-eval` differential cases: each expression (and command line) is run as
#   erl    -noshell <args...>
#   girder -noshell <args...>
# with stdin from /dev/null; stdout and the exit status must be identical.
# Usage: tests/eval_cases.sh   (after cargo build --release)
# Environment: GIRDER (default target/release/girder), EVAL_TIMEOUT (20 s).
set -uo pipefail

ROOT="$(cd "$(dirname "$0")/.." && pwd)"
GIRDER="${GIRDER:-$ROOT/target/release/girder}"
TIMEOUT="${EVAL_TIMEOUT:-20}"
WORK="$(mktemp -d "${TMPDIR:-/tmp}/girder-eval.XXXXXX")"
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

# run NAME ARGS...: compare erl and girder on the same arguments
run() {
    local name="$1"
    shift
    local erc grc
    (cd "$WORK" && timeout -k 5 "$TIMEOUT" erl -noshell "$@" >"$WORK/erl.out" 2>/dev/null </dev/null)
    erc=$?
    (cd "$WORK" && timeout -k 5 "$TIMEOUT" "$GIRDER" -noshell "$@" >"$WORK/girder.out" 2>"$WORK/girder.err" </dev/null)
    grc=$?
    if [ "$erc" = "$grc" ] && cmp -s "$WORK/erl.out" "$WORK/girder.out"; then
        echo "PASS eval $name"
        pass=$((pass + 1))
    else
        echo "FAIL eval $name (exit status: erl $erc, girder $grc)"
        diff -U1 --label erl --label girder "$WORK/erl.out" "$WORK/girder.out" | sed -n '3,12p' | cut -c1-200 | sed 's/^/    /'
        head -c 300 "$WORK/girder.err" | sed 's/^/    girder stderr: /'
        fail=$((fail + 1))
    fi
}

H='halt().'
run acceptance -eval 'io:format("~p~n", [lists:sort([{X rem 7, X} || X <- lists:seq(1,20)])]), halt().'
run arith -eval "io:format(\"~p~n\", [2 * 21 + 1 bsl 70]), $H"
run strings -eval "io:format(\"~s ~w ~p~n\", [\"abc\", \"abc\", \"abc\"]), $H"
run funs -eval "F = fun(X) -> X * 2 end, io:format(\"~p~n\", [lists:map(F, [1,2,3])]), $H"
run case_receive -eval "self() ! {msg, 1}, R = receive {msg, N} -> N + 1 end, case R of 2 -> io:format(\"two~n\") end, $H"
run try_catch -eval "io:format(\"~p~n\", [try 1/0 catch error:E -> E end]), $H"
run maps_bins -eval "io:format(\"~p~n\", [#{a => <<1,2>>, b => [1.5]}]), $H"
run no_dot -eval "io:format(\"x~n\")" -s init stop
run with_dot -eval "io:format(\"y~n\")." -s init stop
run several -eval 'io:format("1~n")' -eval 'io:format("2~n")' -s init stop
run order_with_s -s erlang display a -eval 'erlang:display(b)' -s erlang display c -eval 'erlang:display(d)' -s init stop
run halt_status -eval 'io:format("bye~n"), halt(3)' -eval 'io:format("never~n")'
run syntax_error -eval 'foo('
run scan_error -eval 'x = "unterminated'
run badarith -eval '1 + a'
run badmatch -eval 'X = 1, X = 2.'
run unbound -eval 'Y + 1'
run undef -eval 'lists:no_such_function(1)'
run throw -eval 'throw(x)'
run exit -eval 'exit(kaboom)'
run badarity -eval 'fun() -> ok end(1)'
run case_clause -eval 'case 3 of 4 -> ok end'
run io_badarg -eval 'io:format("~p", [])'
run catch_error -eval "io:format(\"~p~n\", [catch erlang:error({my, error})]), $H"
run spawn_io -eval "P = self(), spawn(fun() -> io:format(\"child~n\"), P ! done end), receive done -> ok end, $H"

# Emulator flags (vm/src/emu_flags.rs): accepted as erl accepts them, and
# refused (exit 1, nothing on stdout) where erl refuses them.
OK='io:format("ok~n"), halt().'
run flag_B +B -eval "$OK"
run flag_Bi +Bi -eval "$OK"
run flag_B_c +B c -eval "$OK"
run flag_P +P 2048 -eval "$OK"
run flag_P_attached +P2048 -eval "$OK"
run flag_P_bad +P abc -eval "$OK"
run flag_P_small +P 10 -eval "$OK"
run flag_Q +Q 4096 -eval "$OK"
run flag_S_pair +S 1:1 -eval "$OK"
run flag_S_default +S 0 -eval "$OK"
run flag_S_bad +S 2000 -eval "$OK"
run flag_S_online +S 1:2 -eval "$OK"
run flag_SDcpu +SDcpu 1:1 -eval "$OK"
run flag_SDio +SDio 2 -eval "$OK"
run flag_A +A 4 -eval "$OK"
run flag_K +K true -eval "$OK"
run flag_hms +hms 1000 -eval "$OK"
run flag_hmbs +hmbs 46422 -eval "$OK"
run flag_hms_bad +hms x -eval "$OK"
run flag_sbt +sbt db -eval "$OK"
run flag_stbt +stbt db -eval "$OK"
run flag_sbt_bad +sbt zz -eval "$OK"
run flag_sbwt +sbwt none -eval "$OK"
run flag_zdbbl +zdbbl 2048 -eval "$OK"
run flag_M +MBas aobf -eval "$OK"
run flag_c +c false -eval "$OK"
run flag_W +W w -eval "$OK"
run flag_fnu +fnu -eval "$OK"
run flag_unknown +Zq -eval "$OK"
run flag_sfwi +sfwi 100 -eval "$OK"
run flag_sfwi_bad +sfwi -5 -eval "$OK"
run flag_JMsingle +JMsingle true -eval "$OK"
run flag_escript +sbtu +A1 -eval "$OK"
run flag_missing_value -eval "$OK" +P

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
