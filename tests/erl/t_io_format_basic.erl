%% io:format/1,2 with the common directives (output through the standard_io
%% group leader, not erlang:display).
-module(t_io_format_basic).
-export([main/0]).
main() ->
    io:format("plain line~n"),
    io:format("~p~n", [lists:sort([{X rem 7, X} || X <- lists:seq(1, 20)])]),
    io:format("~w ~w ~w~n", [atom, "string", [1, 2.5, {x}]]),
    io:format("~s|~s|~s~n", ["abc", <<"bin">>, [$d, [$e, "f"]]]),
    io:format("~b ~.16b ~.2B ~8.16.0b~n", [255, 255, 5, 4095]),
    io:format("~x ~X ~.16x~n", [255, "0x", 255, "#", -255, "-"]),
    io:format("~c~c~5c|~n", [$a, $b, $z]),
    io:format("~~ ~i~n", [ignored]),
    io:format("~a ~a~n", [hello, 'World']),
    io:format("~n"),
    io:fwrite("fwrite ~p~n", [fwrite]),
    ok.
