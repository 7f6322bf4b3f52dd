%% io:format / io_lib:format directives.
-module(t_io_format).
-export([main/0]).

main() ->
    io:format("plain line~n"),
    io:format("~p ~w ~s ~w~n", [{a, "str", [1, 2]}, "str", "text", atom]),
    io:format("~5B|~-5B|~.16B|~c~n", [42, 42, 255, $x]),
    io:format("~10s|~-10s|~n", ["right", "left"]),
    io:format("~p~n", [lists:seq(1, 40)]),
    io:format("~tp~n", [[1000, 2000]]),
    S = lists:flatten(io_lib:format("~p-~p", [x, 1 bsl 70])),
    io:format("~s~n", [S]),
    io:format("~~ ~n"),
    ok.
