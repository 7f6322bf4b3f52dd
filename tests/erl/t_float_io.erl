%% Float text through io_lib (Erlang code in stdlib): io_lib:write,
%% io_lib_format:fwrite_g and ~p/~w use float_to_list(F, [short]); ~f, ~e
%% and ~g go through io_lib_format's own digit generation.
-module(t_float_io).
-export([main/0]).

main() ->
    Fs = [0.0, -0.0, 1.5, 0.1, 1/3, 1.0e20, -2.5e-7, 123456.789, 1.0e15, 1.0e16,
          5.0e-324, 1.7976931348623157e308, 100.0, 1000.0],
    erlang:display([lists:flatten(io_lib:write(F)) || F <- Fs]),
    erlang:display([io_lib_format:fwrite_g(F) || F <- Fs]),
    erlang:display(lists:flatten(io_lib:write({1.5, [2.0, -3.25], 7}))),
    Fmt = fun(F, A) -> lists:flatten(io_lib:format(F, A)) end,
    erlang:display([Fmt("~p ~w", [F, F]) || F <- Fs]),
    erlang:display([Fmt("~f|~e|~g", [F, F, F]) || F <- [1.5, -0.1, 1/3, 1.0e10, 2.5e-7, 0.0]]),
    erlang:display([Fmt("~.3f|~10.2f|~.2e|~.3g", [F, F, F, F])
                    || F <- [3.14159, -2.71828, 1234.5678, 0.000123]]),
    ok.
