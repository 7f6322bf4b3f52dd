%% io:put_chars/1,2, io:nl/0,1, io:write/1,2, io:fwrite/3 on standard_io.
-module(t_io_put_chars).
-export([main/0]).
main() ->
    io:put_chars("chars\n"),
    io:put_chars(["deep", [$ , "io", ["list"]], <<" and binary">>, $\n]),
    io:put_chars(standard_io, "explicit device\n"),
    io:put_chars(<<>>),
    io:nl(),
    io:nl(standard_io),
    io:write({tuple, [1, "two"], three}),
    io:nl(),
    io:write(standard_io, #{k => v}),
    io:nl(),
    io:fwrite(standard_io, "~p~n", [fwrite3]),
    io:format(standard_io, "~s~n", ["format3"]),
    io:format(group_leader(), "via group_leader ~w~n", [pid_ok]),
    io:format(user, "via user~n", []),
    io:put_chars(io_lib:format("io_lib ~p~n", [[1, 2]])),
    ok.
