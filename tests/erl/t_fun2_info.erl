%% erlang:fun_info/1,2 items for local and external funs (pid, uniq,
%% index and new_uniq are left out: not comparable).
-module(t_fun2_info).
-export([main/0, id/1, ext/2]).

id(X) -> X.
ext(A, B) -> A + B.

items(F) ->
    [erlang:fun_info(F, I) || I <- [arity, module, name, env, type]].

main() ->
    K = id(5), S = id("captured"),
    Fs = [fun() -> ok end,
          fun(X) -> X + K end,
          fun(X, Y) -> {X, Y, K, S} end,
          fun ?MODULE:ext/2,
          fun lists:map/2,
          fun erlang:length/1,
          fun id/1],
    [io:format("~p~n", [items(F)]) || F <- Fs],
    Info = erlang:fun_info(fun lists:seq/2),
    io:format("~p~n", [Info]),
    Local = erlang:fun_info(fun(A) -> A * K end),
    io:format("~p~n", [[{Key, V} || {Key, V} <- Local,
                                    lists:member(Key, [module, name, arity, env, type])]]),
    io:format("~p~n", [[Key || {Key, _} <- Local]]),
    io:format("~p~n", [erlang:fun_info(fun ?MODULE:ext/2, pid)]),
    R = try erlang:fun_info(id(notfun), arity) catch error:E -> E end,
    io:format("~p~n", [R]),
    R2 = try erlang:fun_info(fun id/1, bogus) catch error:E2 -> E2 end,
    io:format("~p~n", [R2]),
    io:format("~p~n", [erlang:fun_info_mfa(fun lists:map/2)]),
    io:format("~p~n", [[is_function(F, A) || F <- Fs, A <- [0, 1, 2]]]),
    ok.
