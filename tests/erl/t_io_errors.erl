%% Errors from io: bad format arguments, bad characters, bad devices.
-module(t_io_errors).
-export([main/0]).
main() ->
    show(catch io:format("~p ~p~n", [one])),
    show(catch io:format("~d~n", [not_an_int])),
    show(catch io:format(bad_format, [])),
    show(catch io:put_chars([a, b])),
    show(catch io:format(no_such_device, "x", [])),
    show(catch io:put_chars(no_such_device, "x")),
    show(catch io_lib:format("~s", [{tuple}])),
    io:format("still alive~n"),
    ok.
show({'EXIT', {Reason, [{M, F, _, _} | _]}}) ->
    io:format("exit ~p in ~p:~p~n", [Reason, M, F]);
show(Other) ->
    io:format("result ~p~n", [Other]).
