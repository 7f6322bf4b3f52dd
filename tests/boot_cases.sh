#!/usr/bin/env bash
# The boot (OTP's own init, kernel and logger) against erl: each command
# line runs as
#   erl    <args...>
#   girder <args...>
# with stdin from /dev/null; stdout, stderr and the exit status must be
# identical after normalising what differs between any two runs of erl
# itself: timestamps, pids, references, and the heap/stack/reduction counts
# of crash reports.
# Usage: tests/boot_cases.sh   (after cargo build --release)
# Environment: GIRDER (default target/release/girder), BOOT_TIMEOUT (30 s).
set -uo pipefail

ROOT="$(cd "$(dirname "$0")/.." && pwd)"
GIRDER="${GIRDER:-$ROOT/target/release/girder}"
TIMEOUT="${BOOT_TIMEOUT:-30}"
WORK="$(mktemp -d "${TMPDIR:-/tmp}/girder-boot.XXXXXX")"
trap 'rm -rf "$WORK"' EXIT
export ERL_CRASH_DUMP_SECONDS=0

pass=0
fail=0

norm() {
    sed -E 's/[0-9]+-[A-Z][a-z]{2}-[0-9]{4}::[0-9]{2}:[0-9]{2}:[0-9]{2}\.[0-9]{6}/TIMESTAMP/g;
            s/<[0-9]+\.[0-9]+\.[0-9]+>/<PID>/g;
            s/#Ref<[0-9.]+>/#Ref<REF>/g;
            s/(heap_size|stack_size|reductions|total_heap_size): [0-9]+/\1: N/g' "$1"
}

# run NAME ARGS...: compare erl and girder's real boot on the same arguments
run() {
    local name="$1"
    shift
    local erc grc
    (cd "$WORK" && timeout -k 5 "$TIMEOUT" erl "$@" >"$WORK/erl.out" 2>"$WORK/erl.err" </dev/null)
    erc=$?
    (cd "$WORK" && timeout -k 5 "$TIMEOUT" "$GIRDER" "$@" >"$WORK/girder.out" 2>"$WORK/girder.err" </dev/null)
    grc=$?
    local ok=1
    [ "$erc" = "$grc" ] || ok=0
    for f in out err; do
        norm "$WORK/erl.$f" >"$WORK/erl.$f.n"
        norm "$WORK/girder.$f" >"$WORK/girder.$f.n"
        cmp -s "$WORK/erl.$f.n" "$WORK/girder.$f.n" || ok=0
    done
    if [ "$ok" = 1 ]; then
        echo "PASS boot $name"
        pass=$((pass + 1))
    else
        echo "FAIL boot $name (exit status: erl $erc, girder $grc)"
        for f in out err; do
            diff -U1 --label "erl std$f" --label "girder std$f" "$WORK/erl.$f.n" "$WORK/girder.$f.n" |
                sed -n '1,14p' | cut -c1-200 | sed 's/^/    /'
        done
        fail=$((fail + 1))
    fi
}

N=-noshell
# Wait for the default logger handler to have written what it was given.
SYNC='logger_std_h:filesync(default)'

run applications $N -eval 'io:format("~p~n", [application:which_applications()]), halt().'
run loaded_apps $N -eval 'io:format("~p~n", [lists:sort([A || {A, _, _} <- application:loaded_applications()])]), halt().'
run arguments $N -foo a b -bar -eval 'io:format("~p~n", [[init:get_argument(foo), init:get_argument(bar), init:get_argument(nope), [A || {A, _} <- init:get_arguments()]]]), halt().'
run root_progname $N -eval 'io:format("~p~n", [[init:get_argument(root), init:get_argument(progname), init:get_argument(home) =:= {ok, [[os:getenv("HOME")]]}]]), halt().'
run plain_extra $N -eval 'io:format("~p~n", [init:get_plain_arguments()]), halt().' -extra x -y "z w"
run plain_none $N -eval 'io:format("~p~n", [init:get_plain_arguments()]), halt().'
run script $N -eval 'io:format("~p~n", [[init:script_id(), init:script_name(), init:get_status()]]), halt().'
run s_run_eval_order $N -s erlang display a -run io format "b~n" -eval 'erlang:display(c)' -s erlang display d -s init stop
run s_args $N -s io format "x~p~n" -s init stop
run run_args $N -run io format "~s~s~n" -run init stop
run init_stop_status $N -eval 'init:stop(5).'
run halt_status $N -eval 'io:format("bye~n"), halt(3).'
run crash_eval $N -eval 'erlang:display(hi), 1/0.'
run crash_s $N -s lists no_such_function
run syntax_error $N -eval 'foo('
run exit_eval $N -eval 'exit(kaboom).'
run standard_error $N -eval 'io:put_chars(standard_error, "to stderr\n"), io:format("~ts~n", [[8364, 97]]), halt().'
run io_columns $N -eval 'io:format("~p~n", [io:columns()]), halt().'
run user_gl $N -eval 'io:format("~p~n", [[group_leader() =:= whereis(user), is_pid(whereis(standard_error)), is_pid(whereis(code_server)), is_pid(whereis(logger))]]), halt().'
run error_in_process $N -eval "P = spawn(fun() -> error(boom) end), R = monitor(process, P), receive {'DOWN', R, _, _, _} -> ok end, $SYNC, halt(2)."
run proc_lib_crash $N -eval "P = proc_lib:spawn(fun() -> exit(whoops) end), R = monitor(process, P), receive {'DOWN', R, _, _, _} -> ok end, $SYNC, halt()."
run logger_levels $N -eval "logger:error(\"e ~p\", [1]), logger:warning(\"w\"), logger:notice(\"n\"), logger:info(\"i\"), $SYNC, halt()."
run error_logger $N -eval "error_logger:error_msg(\"old ~p~n\", [api]), error_logger:info_msg(\"hidden~n\"), $SYNC, halt()."
run files $N -eval 'F = "boot_cases.tmp", ok = file:write_file(F, <<"abc">>), {ok, B} = file:read_file(F), ok = file:delete(F), io:format("~p~n", [B]), halt().'
run os_cmd $N -eval 'io:format("~p~n", [os:cmd("echo hi")]), halt().'
run code_which $N -eval 'io:format("~p~n", [[code:which(lists), code:is_loaded(nosuch), code:ensure_loaded(nosuch)]]), halt().'
run app_env $N -kernel foo bar -eval 'io:format("~p~n", [[application:get_env(kernel, foo), application:get_env(kernel, logger_level)]]), halt().'
erlc -o "$WORK" "$ROOT/tests/boot/boot_sup.erl"
run supervisor_restart $N -pa "$WORK" -s boot_sup main

echo "boot cases: $pass passed, $fail failed"
[ "$fail" = 0 ]
