-module(t_phash_numbers).
-export([main/0]).
-compile(nowarn_deprecated_function).
%% phash2/phash of integers around every representation boundary, floats.
main() ->
    Ps = [0, 8, 16, 24, 27, 28, 31, 32, 33, 48, 59, 60, 63, 64, 65, 96, 127, 128, 129, 200],
    Is = lists:append([[1 bsl P - 1, 1 bsl P, 1 bsl P + 1, -(1 bsl P) + 1, -(1 bsl P), -(1 bsl P) - 1] || P <- Ps]),
    erlang:display([erlang:phash2(I) || I <- Is]),
    erlang:display([erlang:phash(I, 1 bsl 32) || I <- Is]),
    Fs = [0.0, 1.0, -1.0, 0.5, 3.141592653589793, 1.0e-300, 1.7976931348623157e308, -2.2250738585072014e-308, 123456.789],
    erlang:display([erlang:phash2(F) || F <- Fs]),
    erlang:display([erlang:phash(F, 1 bsl 32) || F <- Fs]),
    erlang:display([erlang:phash2({I, float(I)}) || I <- lists:seq(-5, 5)]),
    ok.
