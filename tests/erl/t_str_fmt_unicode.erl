%% Unicode in io_lib:format: ~ts/~tp/~tw/~tc with widths and precision,
%% atoms with unicode, binaries with utf8, latin1 vs unicode printable
%% detection, and io:put_chars of unicode binaries.
-module(t_str_fmt_unicode).
-export([main/0]).

f(Fmt, Args) ->
    io:format("~ts|~n", [io_lib:format(Fmt, Args)]).

main() ->
    S = "ĥéllö wörld €",
    B = unicode:characters_to_binary(S),
    f("~ts", [S]),
    f("~ts", [B]),
    f("~20ts", [S]),
    f("~-20ts", [S]),
    f("~5ts", [S]),
    f("~.3ts", [S]),
    f("~20.5.*ts", [$~, S]),
    f("~tp", [S]),
    f("~p", [S]),
    f("~tp", [B]),
    f("~p", [B]),
    f("~tw", [B]),
    f("~w", [S]),
    f("~tp", [[S, B, 'åtom', 'ĥ']]),
    f("~p", ['åtom']),
    f("~tp", ['ĥello']),
    f("~w", ['ĥello']),
    f("~tc~tc~tc", [$€, 16#1F600, $a]),
    f("~3tc", [$€]),
    f("~ts", [[16#1F600, " emoji"]]),
    f("~tp", [{"€", <<"€"/utf8>>}]),
    f("~tp", [[960, 961, 962]]),
    f("~p", [[960, 961, 962]]),
    f("~tp", [[16#D7FF, 16#E000, 16#10FFFF]]),
    f("~tp", [[127, 128, 159, 160, 255]]),
    f("~p", [[127, 128, 159, 160, 255]]),
    f("~tp", [<<"€", 255>>]),
    f("~tP", [lists:duplicate(10, "åäö"), 4]),
    io:put_chars(unicode:characters_to_binary(["put_chars: ", S, $\n])),
    io:put_chars([<<"deep ">>, ["io", $l], "ist\n"]),
    io:format("~ts~n", [[<<"ü"/utf8>>, "ü"]]),
    L = io_lib:format("~ts", [S]),
    io:format("~w~n", [lists:flatten(L)]),
    io:format("~p~n", [catch io_lib:format("~s", [S])]),
    ok.
