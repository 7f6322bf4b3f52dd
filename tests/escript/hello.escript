#!/usr/bin/env escript
%% Arguments, io:format, the exit status of a normal return.
main(Args) ->
    io:format("hello ~p~n", [Args]),
    io:format("~s~n", [escript:script_name()]).
