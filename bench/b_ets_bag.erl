%% Benchmark: bag and duplicate_bag tables with 2,000 keys of 10 objects
%% each: lookups, lookup_element/3, and delete_object churn.
-module(b_ets_bag).
-export([main/0, id/1]).

id(X) -> X.

next(S) -> (S * 1103515245 + 12345) band 16#7FFFFFFF.

look(0, _, _, Acc) -> Acc;
look(N, S, T, Acc) ->
    S1 = next(S),
    L = ets:lookup(T, S1 rem 2000),
    E = ets:lookup_element(T, S1 rem 2000, 2),
    look(N - 1, S1, T, Acc + length(L) + length(E)).

churn(0, _, _) -> ok;
churn(N, S, T) ->
    S1 = next(S),
    K = S1 rem 2000,
    O = {K, S1 rem 10, x},
    ets:delete_object(T, O),
    ets:insert(T, O),
    churn(N - 1, S1, T).

main() ->
    B = ets:new(b, [bag, public]),
    D = ets:new(d, [duplicate_bag, public]),
    Objs = [{K, I, x} || K <- lists:seq(0, 1999), I <- lists:seq(0, 9)],
    T0 = erlang:monotonic_time(microsecond),
    ets:insert(B, Objs),
    ets:insert(D, Objs),
    A1 = look(id(300000), 5, B, 0),
    A2 = look(id(300000), 9, D, 0),
    churn(id(200000), 3, B),
    T1 = erlang:monotonic_time(microsecond),
    erlang:display({bench, ets_bag, T1 - T0, {A1, A2, ets:info(B, size), ets:info(D, size)}}),
    halt().
