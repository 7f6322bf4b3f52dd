%% Atoms that need quotes, escapes in strings and quoted atoms.
-module(t_io_atoms).
-export([main/0]).
main() ->
    As = [ok, 'Hello', 'with space', 'a-b', '', 'if', 'case', 'end', 'ok@host',
          'quote\'s', 'tab\there', 'new\nline', '123', aB_9, 'é'],
    [io:format("~p ~w~n", [A, A]) || A <- As],
    io:format("~p~n", [As]),
    io:format("~p~n", [["tab\t", "nl\n", "quote\"", "back\\slash", "bell\007", [0, 1, 127]]]),
    io:format("~w~n", ["esc\e"]),
    ok.
