%% Funs used with lists:foldl/foldr/mapfoldl/filtermap/any/all and maps:fold,
%% building results that themselves contain funs.
-module(t_fun2_fold).
-export([main/0]).

main() ->
    L = lists:seq(1, 10),
    io:format("~p~n", [lists:foldl(fun(X, {S, P}) -> {S + X, P * X} end, {0, 1}, L)]),
    io:format("~p~n", [lists:foldr(fun(X, Acc) -> [X * X | Acc] end, [], L)]),
    io:format("~p~n", [lists:foldl(fun(X, Acc) -> [X | Acc] end, [], "abc")]),
    io:format("~p~n", [lists:mapfoldl(fun(X, Acc) -> {X * 2, Acc + X} end, 0, L)]),
    io:format("~p~n", [lists:mapfoldr(fun(X, Acc) -> {{X, Acc}, Acc + 1} end, 0, [a, b, c])]),
    io:format("~p~n", [lists:filtermap(fun(X) when X rem 3 =:= 0 -> {true, X div 3};
                                          (X) -> X rem 2 =:= 0 end, L)]),
    io:format("~p~n", [{lists:any(fun(X) -> X > 9 end, L), lists:all(fun(X) -> X > 1 end, L)}]),
    %% fold building a fun pipeline
    Pipe = lists:foldl(fun(N, F) -> fun(X) -> F(X) + N end end, fun(X) -> X end, L),
    io:format("~p~n", [Pipe(0)]),
    %% foldl over maps
    M = maps:from_list([{K, K * K} || K <- L]),
    io:format("~p~n", [maps:fold(fun(K, V, Acc) -> K + V + Acc end, 0, M)]),
    io:format("~p~n", [lists:sort(maps:to_list(maps:map(fun(_, V) -> V rem 7 end, M)))]),
    io:format("~p~n", [maps:filter(fun(K, _) -> K < 4 end, M)]),
    %% word frequencies
    Words = string:lexemes("the cat and the dog and the bird", " "),
    Freq = lists:foldl(fun(W, Acc) -> maps:update_with(W, fun(C) -> C + 1 end, 1, Acc) end, #{}, Words),
    io:format("~p~n", [lists:sort(maps:to_list(Freq))]),
    %% foreach with side effect via process dictionary
    put(acc, []),
    lists:foreach(fun(X) -> put(acc, [X | get(acc)]) end, [3, 2, 1]),
    io:format("~p~n", [get(acc)]),
    %% dropwhile/takewhile/splitwith
    io:format("~p~n", [{lists:takewhile(fun(X) -> X < 4 end, L),
                        lists:dropwhile(fun(X) -> X < 8 end, L),
                        lists:splitwith(fun(X) -> X =/= 5 end, L)}]),
    ok.
