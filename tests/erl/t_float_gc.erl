%% Boxed floats under garbage collection: long lists of computed floats,
%% float tuples rebuilt in loops, and sums checked exactly.
-module(t_float_gc).
-export([main/0]).

build(0, Acc) -> Acc;
build(N, Acc) -> build(N - 1, [N * 0.5 + 0.25 | Acc]).

sum([], S) -> S;
sum([H | T], S) -> sum(T, S + H).

scale(L, K) when is_float(K) -> [X * K || X <- L].

points(0, P) -> P;
points(N, {X, Y, Vx, Vy}) ->
    points(N - 1, {X + Vx * 0.01, Y + Vy * 0.01, Vx * 0.999, Vy - 0.0981}).

main() ->
    L = build(200000, []),
    erlang:display(float_to_list(sum(L, 0.0), [short])),
    L2 = scale(L, 1.0e-3),
    erlang:display(float_to_list(sum(L2, 0.0), [short])),
    erlang:display(float_to_list(lists:max(L2), [short])),
    {X, Y, Vx, Vy} = points(300000, {0.0, 100.0, 3.0, 0.0}),
    erlang:display([float_to_list(V, [{decimals, 6}]) || V <- [X, Y, Vx, Vy]]),
    erlang:display(length([F || F <- L, F > 50000.0])),
    ok.
