%% Shortest round-trip float printing (~p, ~w, float_to_list/2 short,
%% io_lib_format:fwrite_g) on edge values: denormals, max/min,
%% powers of ten, negative zero, and values near integer boundaries.
-module(t_str_float_print).
-export([main/0]).

main() ->
    Fs = [0.0, -0.0, 1.0, -1.0, 0.1, 0.2, 0.3, 1 / 3, 2 / 3, 100.0, 1.0e15, 1.0e16, 1.0e17,
          123456789.0, 1234567890123456789.0, 1.0e-4, 1.0e-5, 0.00012345, 5.0e-324,
          2.2250738585072014e-308, 2.225073858507201e-308, 1.7976931348623157e308,
          4503599627370496.0, 9007199254740992.0, 9007199254740993.0, 0.5, 1.5, 2.5,
          3.141592653589793, 2.718281828459045, 1.0e22, 1.0e23, 299792458.0, 6.02214076e23,
          1.602176634e-19, 9.999999999999999e22, 123.456, -987.654321],
    [io:format("~p ~w ~s ~s~n", [F, F, float_to_list(F, [short]), io_lib_format:fwrite_g(F)])
     || F <- Fs],
    io:format("~p~n", [[float_to_list(F) || F <- [0.1, 1.0e100, -2.5]]]),
    io:format("~p~n", [[float_to_binary(F, [{decimals, 2}]) || F <- [0.005, 0.015, 0.025, 1.005, 2.675]]]),
    io:format("~p~n", [[float_to_list(F, [{scientific, 3}]) || F <- [0.0, 12345.678, -0.000123]]]),
    io:format("~p~n", [[list_to_float(S) || S <- ["0.1", "1.0e-323", "1.7976931348623157e308", "-0.0"]]]),
    io:format("~p~n", [[io_lib:format("~.3f", [F]) || F <- [0.0005, 0.0015, 1.0e10]]]),
    io:format("~p~n", [{1.0 == 1, 1.0 =:= 1, 0.0 == -0.0, 0.0 =:= -0.0}]),
    io:format("~p~n", [lists:sort([1, 1.0, 0.5, -0.0, 0, 2])]),
    ok.
