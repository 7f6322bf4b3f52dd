%% Benchmark: update-heavy maps: counters keyed by small integers and by
%% tuples, with maps:update_with/4, #{K := V} updates and maps:put; key
%% counts from 20 (flat map) up past 32 (hash map).
-module(b_map_update).
-export([main/0, id/1]).

id(X) -> X.

%% counters keyed by small integers via maps:update_with
count_ints(0, _, _, M) -> M;
count_ints(N, S, Range, M) ->
    S1 = (S * 1103515245 + 12345) band 16#7FFFFFFF,
    K = S1 rem Range,
    count_ints(N - 1, S1, Range, maps:update_with(K, fun(V) -> V + 1 end, 1, M)).

%% counters keyed by tuples via #{K := V} when present, M#{K => 1} otherwise
count_tuples(0, _, _, M) -> M;
count_tuples(N, S, Range, M) ->
    S1 = (S * 1103515245 + 12345) band 16#7FFFFFFF,
    K = {S1 rem Range, (S1 bsr 8) rem 3},
    M1 = case M of
             #{K := V} -> M#{K := V + 1};
             _ -> M#{K => 1}
         end,
    count_tuples(N - 1, S1, Range, M1).

%% a record-like map with fixed atom keys updated with :=
state_loop(0, St) -> St;
state_loop(N, #{count := C, sum := S, max := Mx, last := _} = St) ->
    X = (N * 7919) rem 10007,
    state_loop(N - 1, St#{count := C + 1, sum := S + X, max := max(Mx, X), last := X}).

%% maps:put of fresh keys followed by maps:remove
churn(0, _, M) -> M;
churn(N, Range, M) ->
    K = N rem Range,
    M1 = maps:put(K + Range, N, M),
    churn(N - 1, Range, maps:remove(K, maps:put(K, N, M1))).

key_num(K) when is_integer(K) -> K + 1;
key_num({A, B}) -> A * 3 + B + 1.

%% order-independent, so it does not depend on the map's iteration order
digest(M) ->
    maps:fold(fun(K, V, A) -> (A + key_num(K) * 1000003 * V) rem 1000000007 end, 0, M).

one_round(K) ->
    D = lists:sum([digest(count_ints(id(20000), K, R, #{}))
                   || R <- [20, 31, 32, 33, 40, 64, 200]]),
    T = lists:sum([digest(count_tuples(id(20000), K, R, #{}))
                   || R <- [10, 11, 12, 30, 100]]),
    St = state_loop(id(100000), #{count => 0, sum => 0, max => 0, last => none}),
    C = churn(id(50000), id(48), #{}),
    {D, T, maps:get(sum, St), maps:get(max, St), map_size(C), digest(C)}.

loop(0, Acc) -> Acc;
loop(K, Acc) ->
    {D, T, S, Mx, Sz, Cd} = one_round(K),
    loop(K - 1, (Acc * 31 + D + T + S + Mx + Sz + Cd) rem 1000000007).

main() ->
    T0 = erlang:monotonic_time(microsecond),
    R = loop(id(32), 0),
    T1 = erlang:monotonic_time(microsecond),
    erlang:display({bench, map_update, T1 - T0, R}),
    halt().
