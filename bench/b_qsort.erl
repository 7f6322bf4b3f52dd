%% Benchmark: quicksort with list comprehensions on pseudo-random data.
-module(b_qsort).
-export([main/0, id/1]).

id(X) -> X.

qsort([]) -> [];
qsort([P | Xs]) ->
    qsort([X || X <- Xs, X < P]) ++ [P | qsort([X || X <- Xs, X >= P])].

rand_list(_, 0, Acc) -> Acc;
rand_list(S, N, Acc) ->
    S1 = (S * 1103515245 + 12345) band 16#7FFFFFFF,
    rand_list(S1, N - 1, [S1 rem 1000000 | Acc]).

loop(0, _, Acc) -> Acc;
loop(K, L, Acc) ->
    S = qsort(L),
    loop(K - 1, L, (Acc + hd(S) + lists:nth(1000, S)) rem 1000000007).

main() ->
    L = rand_list(id(42), 20000, []),
    Reps = id(250),
    T0 = erlang:monotonic_time(microsecond),
    R = loop(Reps, L, 0),
    T1 = erlang:monotonic_time(microsecond),
    erlang:display({bench, qsort, T1 - T0, R}),
    halt().
