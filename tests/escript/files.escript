#!/usr/bin/env escript
%% Files from an escript: write, read, list, delete.
main([Dir]) ->
    F = filename:join(Dir, "f.txt"),
    ok = file:write_file(F, <<"one\ntwo\n">>),
    {ok, B} = file:read_file(F),
    io:format("~p ~p~n", [B, file:list_dir(Dir)]),
    ok = file:delete(F),
    io:format("~p~n", [file:read_file(F)]).
