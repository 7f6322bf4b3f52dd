#!/usr/bin/env escript
-mode(compile).
%% Compiled mode: local functions, records, a fun, recursion.
-record(acc, {n = 0, sum = 0}).
main(Args) ->
    A = lists:foldl(fun add/2, #acc{}, [list_to_integer(X) || X <- Args]),
    io:format("n=~p sum=~p fib=~p~n", [A#acc.n, A#acc.sum, fib(20)]).
add(X, #acc{n = N, sum = S}) -> #acc{n = N + 1, sum = S + X}.
fib(N) when N < 2 -> N;
fib(N) -> fib(N - 1) + fib(N - 2).
