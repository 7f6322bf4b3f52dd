%% Comparison operators as guards and as values: == /= =:= =/= < > =< >=
-module(t_compare).
-export([main/0, id/1]).

id(X) -> X.

main() ->
    Vals = [id(0), id(1), id(-1), id(1 bsl 65), id(a), id(b), id({1}), id([1]), id([])],
    erlang:display([[rel(A, B) || B <- Vals] || A <- Vals]),
    erlang:display([[{A == B, A /= B, A =:= B, A =/= B} || B <- Vals] || A <- lists:sublist(Vals, 4)]),
    erlang:display([{A < B, A > B, A =< B, A >= B} || A <- Vals, B <- [id(1), id(a)]]),
    erlang:display([eqn(A, B) || {A, B} <- [{1, 1}, {1, 2}, {a, a}, {x, 1}]]),
    erlang:display([ge(A, B) || {A, B} <- [{1, 1}, {1, 2}, {3, 2}, {a, 1}]]),
    erlang:display([neq(A, B) || {A, B} <- [{1, 1}, {1, 2}, {a, a}, {x, 1}]]),
    erlang:display(between(id(5), id(1), id(10))),
    erlang:display(between(id(50), id(1), id(10))),
    erlang:display([clamp(X) || X <- lists:seq(-3, 13, 4)]),
    ok.

rel(A, B) when A < B -> '<';
rel(A, B) when A == B -> '==';
rel(_, _) -> '>'.

eqn(A, B) when A == B -> same;
eqn(A, B) when A /= B -> different.

neq(A, B) when A /= B, A > -1000000 -> ne;
neq(_, _) -> eq.

ge(A, B) when A >= B -> ge;
ge(_, _) -> lt.

between(X, Lo, Hi) when X >= Lo, X =< Hi -> in;
between(_, _, _) -> out.

clamp(X) when X < 0 -> 0;
clamp(X) when X > 10 -> 10;
clamp(X) -> X.
