%% Stand-in for common_test's `test_server` module (Debian's erlang package ships no
%% common_test beams): the few functions the erts emulator suites call, answering as
%% test_server does on a plain optimised, non-sanitizer, non-valgrind build.
-module(test_server).
-export([timetrap_scale_factor/0, is_asan/0, is_debug/0, is_valgrind/0, minutes/1,
         seconds/1, hours/1]).

timetrap_scale_factor() -> 1.
is_asan() -> false.
is_valgrind() -> false.
is_debug() ->
    case catch erlang:system_info(debug_compiled) of
        true -> true;
        _ -> false
    end.
minutes(M) -> trunc(M * 60 * 1000).
seconds(S) -> trunc(S * 1000).
hours(H) -> trunc(H * 60 * 60 * 1000).
