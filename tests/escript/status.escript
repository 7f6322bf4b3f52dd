#!/usr/bin/env escript
%%! +A 2
%% The emulator-arguments line, halt/1 with a status.
main([N]) ->
    io:format("halting with ~s~n", [N]),
    halt(list_to_integer(N)).
