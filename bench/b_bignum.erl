%% Benchmark: bignum arithmetic: factorials, big fibonacci, and digit sums
%% (multiplication, addition, division of large integers).
-module(b_bignum).
-export([main/0, id/1]).

id(X) -> X.

fact(N) -> fact(N, 1).
fact(0, Acc) -> Acc;
fact(N, Acc) -> fact(N - 1, Acc * N).

fib(N) -> fib(N, 0, 1).
fib(0, A, _) -> A;
fib(N, A, B) -> fib(N - 1, B, A + B).

digitsum(0, Acc) -> Acc;
digitsum(N, Acc) -> digitsum(N div 1000000000000, Acc + digitsum_small(N rem 1000000000000, 0)).

digitsum_small(0, Acc) -> Acc;
digitsum_small(N, Acc) -> digitsum_small(N div 10, Acc + N rem 10).

work() ->
    F = fact(id(5000)),
    Fb = fib(id(100000)),
    {digitsum(F, 0), digitsum(Fb, 0), F rem 1000000007, Fb rem 1000000007}.

main() ->
    T0 = erlang:monotonic_time(microsecond),
    R = lists:last([work() || _ <- lists:seq(1, id(10))]),
    T1 = erlang:monotonic_time(microsecond),
    erlang:display({bench, bignum, T1 - T0, R}),
    halt().
