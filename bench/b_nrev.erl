%% Benchmark: naive reverse of a 30-element list, repeated many times
%% (list allocation, append, GC of short-lived data).
-module(b_nrev).
-export([main/0, id/1]).

id(X) -> X.

app([], L) -> L;
app([H | T], L) -> [H | app(T, L)].

nrev([]) -> [];
nrev([H | T]) -> app(nrev(T), [H]).

loop(0, _, Acc) -> Acc;
loop(K, L, Acc) ->
    [X | _] = nrev(L),
    loop(K - 1, L, Acc + X).

main() ->
    L = lists:seq(1, 30),
    Reps = id(1200000),
    T0 = erlang:monotonic_time(microsecond),
    R = loop(Reps, L, 0),
    T1 = erlang:monotonic_time(microsecond),
    erlang:display({bench, nrev, T1 - T0, R}),
    halt().
