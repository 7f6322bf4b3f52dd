%% ~p line breaking of nested terms, records as tuples, strings, ~P depth.
-module(t_io_pretty).
-export([main/0]).
main() ->
    Deep = [{key, [{nested, lists:seq(1, 15)}, {more, "a string here"}]} || _ <- lists:seq(1, 4)],
    io:format("~p~n", [Deep]),
    io:format("~p~n", [{a, {b, {c, {d, {e, [f, g, h, "long string value that will not fit on one line at all"]}}}}}]),
    io:format("~P~n", [Deep, 6]),
    io:format("~W~n", [Deep, 4]),
    io:format("~40p~n", [lists:seq(1, 30)]),
    io:format("~p~n", [["abc", "def", [1, 2, 3], [$a | $b]]]),
    io:format("start: ~p~n", [{list_to_tuple(lists:seq(1, 25)), x}]),
    ok.
