%% Stand-in for common_test's `test_server` module (Debian's erlang package ships no
%% common_test beams): the few functions the erts emulator suites call, answering as
%% test_server does on a plain optimised, non-sanitizer, non-valgrind build.
-module(test_server).
-export([timetrap_scale_factor/0, is_asan/0, is_debug/0, is_valgrind/0, minutes/1,
         seconds/1, hours/1, temp_name/1, m_out_of_n/3, is_cover/0,
         start_node/3, stop_node/1, do_times/2]).

timetrap_scale_factor() -> 1.
is_asan() -> false.
is_valgrind() -> false.
is_cover() -> false.
is_debug() ->
    case catch erlang:system_info(debug_compiled) of
        true -> true;
        _ -> false
    end.
minutes(M) -> trunc(M * 60 * 1000).
seconds(S) -> trunc(S * 1000).
hours(H) -> trunc(H * 60 * 60 * 1000).

%% A file name starting with Stem that does not exist yet.
temp_name(Stem) ->
    Name = Stem ++ integer_to_list(erlang:unique_integer([positive])),
    case filelib:is_file(Name) of
        true -> temp_name(Stem);
        false -> Name
    end.

%% Runs Fun up to N times; succeeds once it returned without an exception
%% M times, fails when that can no longer happen.
m_out_of_n(0, _, _) -> ok;
m_out_of_n(M, 0, _) -> exit({m_out_of_n_failed, {M, left_to_do}});
m_out_of_n(M, N, Fun) ->
    case catch Fun() of
        {'EXIT', _} -> m_out_of_n(M, N - 1, Fun);
        _ -> m_out_of_n(M - 1, N - 1, Fun)
    end.

%% No peer nodes here (as ?CT_PEER in our ct.hrl): a case that starts a slave node
%% skips itself; stopping a node that never started answers as test_server does.
start_node(Name, _Type, _Opts) ->
    exit({skip, {no_peer_nodes, Name}}).

stop_node(_Node) ->
    false.
%% Calls Fun N times.
do_times(0, _) -> ok;
do_times(N, Fun) when N > 0 ->
    Fun(),
    do_times(N - 1, Fun).
