%% Float directives: ~f ~e ~g with precision and width, and ~p/~w floats.
-module(t_io_floats).
-export([main/0]).
main() ->
    Fs = [0.0, 1.0, -1.5, 3.14159265, 1.0e10, 1.0e-10, 123456.789, 2.0e-308, 0.1],
    [io:format("~f ~e ~g ~p ~w~n", [F, F, F, F, F]) || F <- Fs],
    io:format("~.2f ~.0f ~10.3f| ~-10.3f| ~.10e~n", [2.345, 2.5, 3.14159, 3.14159, 1/3]),
    io:format("~.3g ~.10g ~12.4e~n", [12345.678, 1/7, 6.02e23]),
    io:format("~p~n", [[1/3, 2/3, 1.0e100, -0.0]]),
    ok.
