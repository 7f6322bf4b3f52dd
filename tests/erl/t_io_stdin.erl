%% Reading standard input (the runner gives /dev/null: end of file).
-module(t_io_stdin).
-export([main/0]).
main() ->
    io:format("~p~n", [io:get_line("prompt> ")]),
    io:format("~p~n", [io:get_chars("", 3)]),
    io:format("~p~n", [io:read("term> ")]),
    io:format("~p~n", [io:fread("", "~d")]),
    ok.
