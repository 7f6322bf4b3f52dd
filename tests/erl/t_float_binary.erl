%% float_to_binary/1,2 and binary_to_float/1 (same formats and errors as
%% the list variants), including sub-binaries and bitstrings.
-module(t_float_binary).
-export([main/0, id/1]).

id(X) -> X.

r(F) -> try F() catch error:R -> {error, R} end.

main() ->
    Opts = [[], [short], [{decimals, 3}, compact], [{decimals, 0}], [{scientific, 2}],
            [compact], [bad], [{decimals, 300}]],
    erlang:display([r(fun() -> float_to_binary(F, O) end)
                    || F <- [1.5, -0.0, 1/3, 1.0e20, 5.0e-324], O <- Opts]),
    erlang:display([r(fun() -> float_to_binary(X) end) || X <- [1.5, 1, a, <<"1.5">>]]),
    Bins = [<<"1.5">>, <<"1,5">>, <<"-2.5e3">>, <<"+0.0">>, <<"1">>, <<>>,
            <<"1.5", 0, "x">>, <<1:1>>, <<"1.5", 1:1>>, "1.5", <<"1.0e400">>,
            <<"1.0e-400">>, <<"xx1.5">>, <<"1.5 ">>],
    erlang:display([r(fun() -> binary_to_float(B) end) || B <- Bins]),
    <<_:16, Sub/binary>> = id(<<"xx3.25">>),
    erlang:display(binary_to_float(Sub)),
    Fs = [0.1, 1/3, 1.0e-300, 6.02214076e23],
    erlang:display([binary_to_float(float_to_binary(F, [short])) =:= F || F <- Fs]),
    erlang:display([binary_to_float(float_to_binary(F)) =:= F || F <- Fs]),
    ok.
