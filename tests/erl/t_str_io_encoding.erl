%% Output encoding of standard_io: unicode text printed before and after
%% io:setopts([{encoding, unicode}]) and back to latin1, with ~s/~ts,
%% io:put_chars of binaries and lists, and io:write/io:fwrite/io:nl.
-module(t_str_io_encoding).
-export([main/0]).

show() ->
    S = "åäö€",
    io:format("~ts|~n", [S]),
    io:format("~ts|~n", [<<"åäö€"/utf8>>]),
    io:format("~s|~n", ["åäö"]),
    io:format("~tp|~p|~n", [S, S]),
    io:put_chars(<<"binary: ", "åäö"/utf8, "\n">>),
    R0 = (catch io:put_chars(standard_io, ["list: ", S, "\n"])),
    io:format("~p~n", [R0]),
    io:put_chars(standard_io, ["latin list: ", "åäö", "\n"]),
    io:fwrite("fwrite ~w~n", [S]),
    io:write({written, S}),
    io:nl(),
    R = (catch io:put_chars(standard_io, [<<"åäö"/utf8>>, "\n"])),
    io:format("~p~n", [R]),
    io:format("~p~n", [catch io:format("~ts~n", [[16#1F600]])]).

main() ->
    Enc = proplists:get_value(encoding, io:getopts()),
    io:format("~p~n", [Enc]),
    show(),
    ok = io:setopts([{encoding, unicode}]),
    io:format("~p~n", [proplists:get_value(encoding, io:getopts())]),
    show(),
    ok = io:setopts([{encoding, latin1}]),
    io:format("~p~n", [proplists:get_value(encoding, io:getopts())]),
    show(),
    ok = io:setopts([{encoding, Enc}]),
    ok.
