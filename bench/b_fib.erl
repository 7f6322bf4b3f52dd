%% Benchmark: naive doubly-recursive fibonacci (calls, small-int arithmetic).
-module(b_fib).
-export([main/0, id/1]).

id(X) -> X.

fib(N) when N < 2 -> N;
fib(N) -> fib(N - 1) + fib(N - 2).

%% fib(32) is only ~12 ms on erl's JIT, so it is repeated
reps(0, _, Acc) -> Acc;
reps(K, N, Acc) -> reps(K - 1, N, Acc + fib(N)).

main() ->
    N = id(32),
    T0 = erlang:monotonic_time(microsecond),
    R = reps(id(100), N, 0),
    T1 = erlang:monotonic_time(microsecond),
    erlang:display({bench, fib, T1 - T0, R}),
    halt().
