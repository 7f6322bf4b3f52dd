%% Benchmark: throwing and catching exceptions at moderate depth, and
%% try/catch in tight loops.
-module(b_exceptions).
-export([main/0, id/1]).

id(X) -> X.

deep(0, V) -> throw({found, V});
deep(N, V) -> 1 + deep(N - 1, V).

loop(0, Acc) -> Acc;
loop(K, Acc) ->
    V = try deep(K rem 20, K) catch throw:{found, X} -> X end,
    E = try id(K) div (K rem 3) catch error:badarith -> 1 end,
    loop(K - 1, (Acc + V + E) rem 1000000007).

main() ->
    T0 = erlang:monotonic_time(microsecond),
    R = loop(id(20000000), 0),
    T1 = erlang:monotonic_time(microsecond),
    erlang:display({bench, exceptions, T1 - T0, R}),
    halt().
