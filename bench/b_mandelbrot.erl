%% Benchmark: Mandelbrot set membership on a grid (tight float loop with
%% comparisons, no allocation in the inner loop).
-module(b_mandelbrot).
-export([main/0, id/1]).

id(X) -> X.

-define(ITER, 50).

%% Iterations before escape (or ?ITER) for c = Cr + Ci*i.
escape(Cr, Ci) -> escape(0.0, 0.0, Cr, Ci, 0).
escape(_, _, _, _, ?ITER) -> ?ITER;
escape(Zr, Zi, Cr, Ci, K) ->
    Zr2 = Zr * Zr, Zi2 = Zi * Zi,
    if
        Zr2 + Zi2 > 4.0 -> K;
        true -> escape(Zr2 - Zi2 + Cr, 2.0 * Zr * Zi + Ci, Cr, Ci, K + 1)
    end.

row(_, X, W, _, Acc) when X =:= W -> Acc;
row(Ci, X, W, Step, Acc) ->
    Cr = X * Step - 1.5,
    row(Ci, X + 1, W, Step, Acc + escape(Cr, Ci)).

grid(Y, H, _, _, Acc) when Y =:= H -> Acc;
grid(Y, H, W, Step, Acc) ->
    Ci = Y * Step - 1.0,
    grid(Y + 1, H, W, Step, row(Ci, 0, W, Step, Acc)).

main() ->
    Size = id(1600),
    T0 = erlang:monotonic_time(microsecond),
    R = grid(0, Size, Size, 2.0 / Size, 0),
    T1 = erlang:monotonic_time(microsecond),
    erlang:display({bench, mandelbrot, T1 - T0, R}),
    halt().
