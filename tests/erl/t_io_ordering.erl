%% Output order of io:format and erlang:display when the program waits
%% between them (erl's own order is only deterministic then).
-module(t_io_ordering).
-export([main/0]).
main() ->
    io:format("first (io)~n"),
    timer:sleep(20),
    erlang:display(second_display),
    timer:sleep(20),
    io:format("third (io)~n"),
    timer:sleep(20),
    erlang:display(fourth_display),
    timer:sleep(20),
    io:put_chars("fifth "),
    io:put_chars("same line\n"),
    ok.
