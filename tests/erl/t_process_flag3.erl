-module(t_process_flag3).
-export([main/0]).

%% erlang:process_flag/3: save_calls of this or another process, and the
%% badarg cases (bad flag, bad value, bad pid, dead or exiting process).

err(F) ->
    try F() of V -> {value, V} catch error:E:S -> {E, element(4, hd(S))} end.

main() ->
    {P, M} = spawn_monitor(fun() -> receive "in vain" -> no end end),
    [io:format("~p~n", [err(F)])
     || F <- [fun() -> process_flag(self(), save_calls, 0) end,
              fun() -> process_flag(self(), save_calls, 10000) end,
              fun() -> process_flag(self(), save_calls, 0) end,
              fun() -> process_flag(self(), save_calls, 10001) end,
              fun() -> process_flag(self(), save_calls, -1) end,
              fun() -> process_flag(self(), trap_exit, true) end,
              fun() -> process_flag(P, save_calls, 0) end,
              fun() -> process_flag(P, save_calls, hmmm) end,
              fun() -> process_flag(P, trap_exit, true) end,
              fun() -> process_flag(P, priority, high) end,
              fun() -> process_flag(gurka, save_calls, 0) end,
              fun() -> process_flag(make_ref(), save_calls, 0) end]],
    exit(P, die),
    io:format("~p~n", [err(fun() -> process_flag(P, save_calls, 0) end)]),
    receive {'DOWN', M, process, P, die} -> ok end,
    io:format("~p~n", [err(fun() -> process_flag(P, save_calls, 0) end)]),
    io:format("~p~n", [process_flag(trap_exit, false)]).
