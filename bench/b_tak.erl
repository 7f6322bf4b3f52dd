%% Benchmark: Takeuchi function (deep non-tail recursion, comparisons).
-module(b_tak).
-export([main/0, id/1]).

id(X) -> X.

tak(X, Y, Z) when Y < X ->
    tak(tak(X - 1, Y, Z), tak(Y - 1, Z, X), tak(Z - 1, X, Y));
tak(_, _, Z) -> Z.

loop(0, Acc) -> Acc;
loop(K, Acc) -> loop(K - 1, Acc + tak(id(24), id(16), id(8))).

main() ->
    Reps = id(260),
    T0 = erlang:monotonic_time(microsecond),
    R = loop(Reps, 0),
    T1 = erlang:monotonic_time(microsecond),
    erlang:display({bench, tak, T1 - T0, R}),
    halt().
