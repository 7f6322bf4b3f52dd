%% float_to_list/1,2 in every format: the legacy 20-digit form, short
%% (shortest round trip), {decimals, N} with and without compact,
%% {scientific, N}, option order, and the badarg cases.
-module(t_float_to_list).
-export([main/0, id/1]).

id(X) -> X.

r(F) ->
    try F() catch error:R -> {error, R} end.

values() ->
    [0.0, -0.0, 1.0, -1.0, 0.5, 1.5, 2.5, 0.1, 0.2, 0.3, 1/3, 2/3, 100.0, 1000.0,
     123.456, 12345.678, 0.001, 0.0001, 1.0e-5, 1.23e-4, 1.0e-10, 1.0e15, 1.0e16,
     1.0e17, 1.0e20, 1.0e21, 1.0e22, 1.0e23, 1.0e100, 1.0e300, 9007199254740992.0,
     9007199254740991.0, 4503599627370497.0, 123456789012345680.0, 5.0e-324,
     2.2250738585072014e-308, 1.7976931348623157e308, 3.141592653589793,
     2.718281828459045, 0.125, 1.005, 2.675, 0.145, -9.96, 0.999, 1.23e7,
     1.2e10, 6.02214076e23, -1.602176634e-19, 299792458.0, 0.30000000000000004].

opts() ->
    [[short], [{decimals, 0}], [{decimals, 1}], [{decimals, 2}], [{decimals, 5}],
     [{decimals, 10}], [{decimals, 18}], [{decimals, 19}], [{decimals, 30}],
     [{decimals, 2}, compact], [{decimals, 10}, compact], [compact, {decimals, 20}],
     [{decimals, 0}, compact], [{scientific, 0}], [{scientific, 3}],
     [{scientific, 10}], [{scientific, 25}], [compact], [short, {decimals, 3}],
     [{decimals, 3}, short], [{scientific, 2}, {decimals, 4}],
     [{decimals, 4}, {scientific, 2}], [{scientific, -1}]].

main() ->
    [erlang:display({F, float_to_list(F)}) || F <- values()],
    [erlang:display({F, O, r(fun() -> float_to_list(F, O) end)})
     || F <- values(), O <- opts()],
    Bad = [{1, []}, {a, []}, {1.0, [bad]}, {1.0, bad}, {1.0, [{decimals, -1}]},
           {1.0, [{decimals, 254}]}, {1.0, [{decimals, 1.0}]},
           {1.0, [{decimals, 1} | compact]}, {1.0, [{decimals, 1, 2}]},
           {1.0, [{scientific, 250}]}, {-1.5, [{scientific, 249}]},
           {-1.5, [{decimals, 253}]}, {1.0e300, [{decimals, 0}]},
           {1.0, [{foo, 1}]}, {1.0, [{decimals, 1 bsl 70}]},
           {1.0, [{decimals, 1000000}]}, {1.0, [{scientific, 1000000}]}],
    [erlang:display({F, O, r(fun() -> float_to_list(F, O) end)}) || {F, O} <- Bad],
    erlang:display(r(fun() -> float_to_list(id(1)) end)),
    erlang:display(length(float_to_list(1.5, [{decimals, 253}]))),
    erlang:display(length(float_to_list(1.5, [{scientific, 249}]))),
    erlang:display(length(float_to_list(1.0e254, [{decimals, 0}]))),
    ok.
