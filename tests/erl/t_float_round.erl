%% trunc/round/floor/ceil/float/abs and unary minus on floats, integers and
%% bignums, in guards and bodies.
-module(t_float_round).
-export([main/0, id/1]).

id(X) -> X.

r(F) ->
    try F() catch C:R -> {C, R} end.

kind(X) when is_float(X), X > 0, trunc(X) =:= X -> pos_whole_float;
kind(X) when is_float(X), floor(X) < X -> fractional;
kind(X) when is_integer(X), round(X) == X -> integer;
kind(_) -> other.

main() ->
    Vs = [0.0, -0.0, 0.5, -0.5, 1.5, -1.5, 2.5, -2.5, 0.49999999999999994,
          -0.49999999999999994, 2.7, -2.7, 1.0e15 + 0.5, 4503599627370495.5,
          1.0e20, -1.0e20, 1.7976931348623157e308, 5.0e-324, -5.0e-324, 7, -7,
          1 bsl 70, -(1 bsl 70)],
    [erlang:display({V, trunc(id(V)), round(id(V)), floor(id(V)), ceil(id(V)),
                     float(id(V)) == V, abs(id(V)), -id(V)})
     || V <- Vs, V =/= 1.7976931348623157e308],
    erlang:display(trunc(1.7976931348623157e308) rem 1000000007),
    erlang:display(round(-1.7976931348623157e308) rem 1000000007),
    erlang:display([kind(id(X)) || X <- [3.0, 3.5, 3, a, -2.0]]),
    erlang:display([r(fun() -> F(id(a)) end)
                    || F <- [fun erlang:trunc/1, fun erlang:round/1, fun erlang:floor/1,
                             fun erlang:ceil/1, fun erlang:float/1, fun erlang:abs/1,
                             fun erlang:'-'/1]]),
    erlang:display(r(fun() -> float(id(1 bsl 1024)) end)),
    erlang:display(float(id(1 bsl 1023))),
    erlang:display({float(id(9007199254740993)), float(id(-9007199254740993)),
                    float(id((1 bsl 80) + 1))}),
    erlang:display([float_to_list(float(X), [short]) ||
                       X <- [(1 bsl 64) - 1, (1 bsl 100) + (1 bsl 47) - 1,
                             (1 bsl 100) + (1 bsl 47), (1 bsl 100) + (1 bsl 47) + 1,
                             -((1 bsl 64) + 1)]]),
    ok.
