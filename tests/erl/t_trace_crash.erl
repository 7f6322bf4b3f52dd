%% main/0 crashes six calls down: erl prints
%% {"init terminating in do_boot",{Reason,Trace}} with the whole trace
%% (down to init's own frames) and exits with status 1.
-module(t_trace_crash).
-export([main/0, id/1]).

id(X) -> X.

a(X) -> {a, b(X)}.
b(X) -> [c(X)].
c(X) -> {c, d(X)}.
d(X) -> e(X) * 2.
e(X) -> 1 + f(X).
f(X) -> element(X, id({1})).

main() ->
    erlang:display(before),
    R = a(id(4)),
    erlang:display({not_reached, R}).
