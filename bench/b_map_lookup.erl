%% Benchmark: lookups in large maps (10,000 to 100,000 keys): maps:get/2,
%% maps:get/3, maps:find/2, is_map_key/2 and matching #{K := V} in
%% function heads and case clauses, with integer, tuple and binary keys.
-module(b_map_lookup).
-export([main/0, id/1]).

id(X) -> X.

next(S) -> (S * 1103515245 + 12345) band 16#7FFFFFFF.

%% built before timing
int_map(N) -> maps:from_list([{I * 3, I} || I <- lists:seq(1, N)]).
tuple_map(N) -> maps:from_list([{{I rem 97, I}, I * 2} || I <- lists:seq(1, N)]).
bin_map(N) -> maps:from_list([{<<"k", (integer_to_binary(I))/binary>>, I} || I <- lists:seq(1, N)]).

%% maps:get/3 with a default: about a third of the keys hit
get_loop(0, _, _, _, Acc) -> Acc;
get_loop(N, S, Range, M, Acc) ->
    S1 = next(S),
    get_loop(N - 1, S1, Range, M, Acc + maps:get(S1 rem Range, M, 0)).

%% maps:find/2 on tuple keys, all hitting
find_loop(0, _, _, _, Acc) -> Acc;
find_loop(N, S, Range, M, Acc) ->
    S1 = next(S),
    I = S1 rem Range + 1,
    {ok, V} = maps:find({I rem 97, I}, M),
    find_loop(N - 1, S1, Range, M, Acc + V).

%% #{K := V} in a function head, falling through to a miss clause
match_loop(0, _, _, _, Acc) -> Acc;
match_loop(N, S, Range, M, Acc) ->
    S1 = next(S),
    match_loop(N - 1, S1, Range, M, Acc + lookup(S1 rem Range, M)).

lookup(K, M) when is_map_key(K, M) -> hit(K, M);
lookup(_, _) -> -1.

hit(K, M) ->
    case M of
        #{K := V} when V band 1 =:= 0 -> V;
        #{K := V} -> V * 2
    end.

%% maps:get/2 on binary keys
bin_loop(0, _, _, _, Acc) -> Acc;
bin_loop(N, S, Keys, M, Acc) ->
    S1 = next(S),
    K = element(S1 rem tuple_size(Keys) + 1, Keys),
    bin_loop(N - 1, S1, Keys, M, (Acc + maps:get(K, M)) band 16#FFFFFFF).

one_round(K, {IM, TM, BM, BKeys}) ->
    A = get_loop(id(200000), K, 300000, IM, 0),
    B = find_loop(id(200000), K, 50000, TM, 0),
    C = match_loop(id(200000), K, 300000, IM, 0),
    D = bin_loop(id(100000), K, BKeys, BM, 0),
    (A + B + C + D) rem 1000000007.

loop(0, _, Acc) -> Acc;
loop(K, Maps, Acc) -> loop(K - 1, Maps, (Acc * 31 + one_round(K, Maps)) rem 1000000007).

main() ->
    IM = int_map(id(100000)),
    TM = tuple_map(id(50000)),
    BM = bin_map(id(10000)),
    BKeys = list_to_tuple(lists:sort(maps:keys(BM))),
    T0 = erlang:monotonic_time(microsecond),
    R = loop(id(18), {IM, TM, BM, BKeys}, 0),
    T1 = erlang:monotonic_time(microsecond),
    erlang:display({bench, map_lookup, T1 - T0, R}),
    halt().
