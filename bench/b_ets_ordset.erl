%% Benchmark: an ordered_set of 200,000 integer and tuple keys: random
%% inserts, then range selects on partially bound tuple keys
%% ({g, Group, '_'}: the traversal starts at the bound), select_count
%% and next/2 walks.
-module(b_ets_ordset).
-export([main/0, id/1]).

id(X) -> X.

next(S) -> (S * 1103515245 + 12345) band 16#7FFFFFFF.

ins(0, _, _) -> ok;
ins(N, S, T) ->
    S1 = next(S),
    ets:insert(T, {S1 rem 1000000, N}),
    ets:insert(T, {{g, S1 rem 100, S1}, N}),
    ins(N - 1, S1, T).

ranges(0, _, _, Acc) -> Acc;
ranges(N, S, T, Acc) ->
    S1 = next(S),
    Lo = S1 rem 990000,
    G = ets:select(T, [{{{g, S1 rem 100, '_'}, '$1'}, [], ['$1']}]),
    C = ets:select_count(T, [{{{g, Lo rem 100, '$1'}, '_'}, [{'<', '$1', Lo}], [true]}]),
    ranges(N - 1, S1, T, (Acc + C + lists:sum(G)) rem 1000000007).

walk(_, '$end_of_table', _, Acc) -> Acc;
walk(_, _, 0, Acc) -> Acc;
walk(T, K, N, Acc) -> walk(T, ets:next(T, K), N - 1, Acc + 1).

main() ->
    T0 = erlang:monotonic_time(microsecond),
    T = ets:new(o, [ordered_set, public]),
    ins(id(100000), 7, T),
    R1 = ranges(id(3000), 99, T, 0),
    R2 = walk(T, ets:first(T), 300000, 0),
    T1 = erlang:monotonic_time(microsecond),
    erlang:display({bench, ets_ordset, T1 - T0, {R1, R2, ets:info(T, size)}}),
    halt().
