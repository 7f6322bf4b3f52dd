%% Floating point arithmetic, conversion and comparison with integers.
-module(t_floats).
-export([main/0, id/1]).

id(X) -> X.

main() ->
    F = id(1.5),
    erlang:display({F * 2, F / 3, F + 1, -F, abs(-F)}),
    erlang:display({trunc(id(2.7)), round(id(2.5)), round(id(-2.5)), floor(id(-1.1)), ceil(id(1.1))}),
    erlang:display({float(id(7)), 7 / 2, id(1) == id(1.0), id(1) =:= id(1.0), id(1) < id(1.5)}),
    erlang:display(lists:sort([2, 1.0, 1, 0.5, 3.0e10, -1.0e-3])),
    erlang:display(float_to_list(id(0.1), [{decimals, 4}])),
    erlang:display(list_to_float(id("3.25"))),
    erlang:display(try id(1.0) / id(0) catch error:R -> R end),
    erlang:display(math:sqrt(id(2.0))),
    erlang:display(1.0e300 * 10),
    ok.
