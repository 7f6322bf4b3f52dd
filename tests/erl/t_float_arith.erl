%% Float arithmetic in function bodies: the compiler emits fmove/fconv/
%% fadd/fsub/fmul/fdiv/fnegate for these (checked with erlc -S), plus mixed
%% integer/float arithmetic through the generic BIFs.
-module(t_float_arith).
-export([main/0, id/1]).

id(X) -> X.

show(F) -> erlang:display(float_to_list(F, [short])).

poly(X) when is_float(X) -> 3.0 * X * X - 2.5 * X + 0.125.
lerp(A, B, T) when is_float(A), is_float(B), is_float(T) -> A + (B - A) * T.
neg(X) when is_float(X) -> -X.
mixed(X, Y, Z) -> X + 1.5 * Y - Z / 4.
hyp(X, Y) -> math:sqrt(X * X + Y * Y) * 1.0.
avg(L) -> avg(L, 0.0, 0).
avg([], S, N) -> S / N;
avg([H | T], S, N) -> avg(T, S + H, N + 1).

sum_floats(0, Acc) -> Acc;
sum_floats(N, Acc) -> sum_floats(N - 1, Acc + 1.0 / N).

main() ->
    A = id(1.5), B = id(-2.25), I = id(7), Big = id(1 bsl 70),
    show(poly(A)), show(poly(B)), show(poly(0.0)),
    show(lerp(A, B, 0.25)), show(lerp(0.0, 1.0, 0.1)),
    show(neg(A)), show(neg(B)), show(neg(0.0)), show(neg(-0.0)),
    show(mixed(I, A, B)), show(mixed(A, I, I)), show(mixed(Big, 2, 3)),
    show(mixed(1, 2, Big)),
    show(hyp(3, 4)), show(hyp(A, B)),
    show(avg([1, 2.5, 3, 4.25])),
    show(sum_floats(1000, 0.0)),
    erlang:display({A + I, I - A, A * I, I / 2, A / B, B - A, -A}),
    erlang:display({A + Big, Big / I, Big * 1.0, I * 1.0}),
    erlang:display({0.1 + 0.2, id(0.1) + id(0.2), 1.0e308 + id(1.0e292)}),
    erlang:display([X * 0.5 || X <- lists:seq(1, 10)]),
    erlang:display([float(X) / 3 || X <- [1, -1, 10, 100]]),
    erlang:display(float_to_list(id(1.0) / id(3.0))),
    erlang:display(float_to_list(2.0 / 3.0)),
    erlang:display(float_to_list(-id(0.0))),
    erlang:display({is_float(A * 2), is_float(I * 2), A * 2 == 3, A * 2 =:= 3}),
    ok.
