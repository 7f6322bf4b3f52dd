%% list_to_float/1: accepted syntax, round trips with float_to_list, and
%% every kind of badarg.
-module(t_float_list_to_float).
-export([main/0]).

r(F) ->
    try F() catch error:R -> {error, R} end.

main() ->
    Good = ["1.5", "-1.5", "+1.5", "1,5", "0.0", "-0.0", "00001.5000", "1.0e5",
            "1.0E+5", "1.0e-5", "1.0e-400", "4.9e-324", "2.4e-324",
            "1.7976931348623157e308", "1.0e0000000000000005",
            "123456789012345678901234567890.5", "0.1", "0.30000000000000004",
            "3.14159265358979323846264338327950288", "1.0e-2147483649",
            [$1, $., $5, 0, $a], "2.2250738585072011e-308"],
    [erlang:display({S, r(fun() -> list_to_float(S) end)}) || S <- Good],
    Bad = ["1.", ".5", "1e5", "1.0e", "1.0e+", " 1.0", "1.0 ", "1.0e400",
           "-1.0e400", "1.7976931348623159e308", "", "1.5x", "x1.5", "1..5",
           "1.5.", "--1.5", "1.0e5.0", "1.0ee5", [$1, $., 256 + $5], [$1, $. | $5],
           abc, 1.5, [1.5], "inf", "nan", "1_000.0"],
    [erlang:display({S, r(fun() -> list_to_float(S) end)}) || S <- Bad],
    Fs = [0.1, 1/3, 1.0e-300, 5.0e-324, 1.7976931348623157e308, -123.456,
          6.02214076e23, 1.0e15, 1.0e16],
    erlang:display([list_to_float(float_to_list(F)) =:= F || F <- Fs]),
    erlang:display([list_to_float(float_to_list(F, [short])) =:= F || F <- Fs]),
    erlang:display([list_to_float(float_to_list(F, [{scientific, 16}])) =:= F || F <- Fs]),
    ok.
