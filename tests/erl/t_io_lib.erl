%% io_lib functions used by programs, printed with io:format.
-module(t_io_lib).
-export([main/0]).
main() ->
    io:format("~s~n", [io_lib:format("~p and ~w", [[1, 2], {a}])]),
    io:format("~p~n", [lists:flatten(io_lib:format("~8.3f", [2.0]))]),
    io:format("~p~n", [io_lib:write_atom('needs quote')]),
    io:format("~p~n", [io_lib:write_string("str\"q")]),
    io:format("~p~n", [io_lib:char_list("abc")]),
    io:format("~p~n", [io_lib:printable_list("abc\n")]),
    io:format("~p~n", [io_lib:printable_list([1000])]),
    io:format("~p~n", [io_lib:fread("~d ~s", "42 hello")]),
    io:format("~p~n", [lists:flatten(io_lib:print({a, "b", <<"c">>}))]),
    io:format("~p~n", [io_lib:indentation("ab\ncd", 4)]),
    io:format("~s~n", [string:pad("x", 5, both, $*)]),
    io:format("~p~n", [string:tokens("a,b,,c", ",")]),
    ok.
