%% Benchmark: ets:update_counter/3,4 on a set of 1,000 counters: plain
%% increments, {Pos, Incr} on two positions, thresholds, the default
%% object for missing keys.
-module(b_ets_counter).
-export([main/0, id/1]).

id(X) -> X.

next(S) -> (S * 1103515245 + 12345) band 16#7FFFFFFF.

bump(0, _, _, Acc) -> Acc;
bump(N, S, T, Acc) ->
    S1 = next(S),
    K = S1 rem 1000,
    A = ets:update_counter(T, K, 1),
    [B, C] = ets:update_counter(T, K, [{3, 2}, {4, 1, 100, 0}]),
    D = ets:update_counter(T, {miss, S1 rem 50}, {2, 1}, {x, 0}),
    bump(N - 1, S1, T, (Acc + A + B + C + D) rem 1000000007).

main() ->
    T = ets:new(c, [set, public]),
    ets:insert(T, [{K, 0, 0, 0} || K <- lists:seq(0, 999)]),
    T0 = erlang:monotonic_time(microsecond),
    R = bump(id(1500000), 42, T, 0),
    T1 = erlang:monotonic_time(microsecond),
    erlang:display({bench, ets_counter, T1 - T0, R}),
    halt().
