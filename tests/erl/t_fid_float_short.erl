%% float_to_list/2 and float_to_binary/2 edge cases (num_bif_SUITE's t_float_to_string):
%% [short] when the value lies exactly halfway between two shortest candidates (powers of
%% two and other short dyadic fractions: the even candidate), negative zero, compact.
-module(t_fid_float_short).
-export([main/0]).

main() ->
    Pow2 = [math:pow(2, E) || E <- lists:seq(-80, 80)],
    Dyadic = [M / (1 bsl K) || K <- lists:seq(1, 60, 3), M <- [1, 3, 5, 7, 11, 13, 12345, 999999]],
    Fs = Pow2 ++ Dyadic ++ [-F || F <- Dyadic] ++
        [2.98023223876953125e-8, 5.0e-324, 2.2250738585072014e-308, 1.0e23, 9007199254740993.0],
    [erlang:display({F, float_to_list(F, [short]), float_to_binary(F, [short])}) || F <- Fs],
    <<NegZero/float>> = <<16#8000000000000000:64>>,
    erlang:display([float_to_list(NegZero, O) ||
                       O <- [[{decimals, 1}, compact], [{decimals, 1}], [short],
                             [{scientific, 1}], [{scientific, 1}, compact]]]),
    erlang:display([float_to_list(F, O) ||
                       F <- [0.0, 1.23e20, 7 / 3, 1.005, -0.999],
                       O <- [[compact], [{decimals, 10}, compact], [{scientific, 10}, compact], [],
                             [{decimals, 2}], [{decimals, 2}, compact]]]),
    %% Every exactly representable tie the sweep finds round-trips.
    erlang:display(lists:all(fun(F) -> list_to_float(float_to_list(F, [short])) == F end, Fs)),
    ok.
