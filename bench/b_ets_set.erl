%% Benchmark: a set table with 100,000 integer keys and small tuple
%% values: inserts (overwriting), lookups (hits and misses), member/2.
-module(b_ets_set).
-export([main/0, id/1]).

id(X) -> X.

next(S) -> (S * 1103515245 + 12345) band 16#7FFFFFFF.

ins(0, _, _, _) -> ok;
ins(N, S, R, T) ->
    S1 = next(S),
    K = S1 rem R,
    ets:insert(T, {K, N, <<"v">>}),
    ins(N - 1, S1, R, T).

look(0, _, _, _, Acc) -> Acc;
look(N, S, R, T, Acc) ->
    S1 = next(S),
    case ets:lookup(T, S1 rem R) of
        [{_, V, _}] -> look(N - 1, S1, R, T, Acc + V);
        [] -> look(N - 1, S1, R, T, Acc + 1)
    end.

mem(0, _, _, _, Acc) -> Acc;
mem(N, S, R, T, Acc) ->
    S1 = next(S),
    case ets:member(T, S1 rem R) of
        true -> mem(N - 1, S1, R, T, Acc + 1);
        false -> mem(N - 1, S1, R, T, Acc)
    end.

round(K, T) ->
    ins(id(300000), K, 100000, T),
    A = look(id(500000), K + 7, 130000, T, 0),
    B = mem(id(300000), K + 11, 130000, T, 0),
    (A + B) rem 1000000007.

main() ->
    T = ets:new(b, [set, public]),
    T0 = erlang:monotonic_time(microsecond),
    R = lists:foldl(fun(K, Acc) -> (Acc * 31 + round(K, T)) rem 1000000007 end,
                    0, lists:seq(1, id(4))),
    T1 = erlang:monotonic_time(microsecond),
    erlang:display({bench, ets_set, T1 - T0, {R, ets:info(T, size)}}),
    halt().
