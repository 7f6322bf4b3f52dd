%% Benchmark: OTP lists module workload: sort, map, foldl, filter, keysort,
%% reverse and zip on mid-sized lists (runs compiled OTP library code).
-module(b_lists).
-export([main/0, id/1]).

id(X) -> X.

rand_list(_, 0, Acc) -> Acc;
rand_list(S, N, Acc) ->
    S1 = (S * 1103515245 + 12345) band 16#7FFFFFFF,
    rand_list(S1, N - 1, [S1 rem 100000 | Acc]).

round(L, Acc) ->
    S = lists:sort(L),
    M = lists:map(fun(X) -> X * 3 + 1 end, S),
    F = lists:filter(fun(X) -> X rem 2 =:= 0 end, M),
    K = lists:keysort(2, lists:zip(lists:seq(1, length(F)), lists:reverse(F))),
    U = lists:usort(L),
    (Acc + lists:foldl(fun(X, A) -> (A + X) rem 1000003 end, 0, F)
         + element(1, hd(K)) + length(U)) rem 1000000007.

loop(0, _, Acc) -> Acc;
loop(K, L, Acc) -> loop(K - 1, L, round(L, Acc)).

main() ->
    L = rand_list(id(7), 50000, []),
    T0 = erlang:monotonic_time(microsecond),
    R = loop(id(100), L, 0),
    T1 = erlang:monotonic_time(microsecond),
    erlang:display({bench, lists, T1 - T0, R}),
    halt().
