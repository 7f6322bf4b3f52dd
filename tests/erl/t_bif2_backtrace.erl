%% erlang:system_flag(backtrace_depth, N): the old value, badarg cases, and
%% stack traces of every kind really following the depth.
-module(t_bif2_backtrace).
-export([main/0, deep/1]).

e(F) -> try F() catch C:R -> {C, R} end.

deep(0) -> error(reason);
deep(N) -> [deep(N - 1)].

depth_of(F) ->
    try F() catch error:_:St -> length(St) end.

main() ->
    Old = erlang:system_flag(backtrace_depth, 8),
    io:format("~p~n", [Old]),
    Exit = fun() -> deep(20) end,
    Bif = fun() -> [atom_to_list(list_to_tuple(X)) || X <- [[1]]] end,
    Crafted = fun() ->
                      {'EXIT', {_, Stk0}} = (catch deep(20)),
                      erlang:raise(error, reason, [hd(Stk0) | tl(Stk0)])
              end,
    PassedOn = fun() -> try deep(20) catch error:_:Stk -> erlang:raise(error, reason, Stk) end end,
    Short = fun() -> erlang:raise(error, reason, [{m, f, 1}, {m, g, [a]}, {m, h, 2, []}]) end,
    Res = [begin
               erlang:system_flag(backtrace_depth, D),
               {D, [depth_of(F) || F <- [Exit, Bif, Crafted, PassedOn, Short]]}
           end || D <- [0, 1, 2, 3, 5, 8, 12, 30, 64, 100]],
    io:format("~p~n", [Res]),
    io:format("~p~n", [erlang:system_flag(backtrace_depth, 1000)]),
    io:format("~p~n", [erlang:system_flag(backtrace_depth, 3)]),
    {current_stacktrace, CS} = process_info(self(), current_stacktrace),
    io:format("~p~n", [length(CS) =< 3]),
    io:format("~p~n", [[e(fun() -> erlang:system_flag(backtrace_depth, X) end) || X <- [-1, a, 1.0, 1 bsl 70]]]),
    io:format("~p~n", [[e(fun() -> erlang:system_flag(X, 1) end) || X <- [bad_flag, {bad, flag}, 1]]]),
    erlang:system_flag(backtrace_depth, Old),
    io:format("~p~n", [depth_of(Exit)]),
    ok.
