#!/usr/bin/env escript
%% An exception out of main/1: escript's report on stderr, status 127.
main(_) ->
    io:format("before~n"),
    lists:nth(5, [a]).
