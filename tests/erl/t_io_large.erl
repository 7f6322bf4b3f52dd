%% Large outputs: many lines, a very long line and a big ~p term.
-module(t_io_large).
-export([main/0]).
main() ->
    [io:format("line ~5..0w: ~s~n", [N, lists:duplicate(N rem 50, $x)]) || N <- lists:seq(1, 2000)],
    io:put_chars([integer_to_list(N) || N <- lists:seq(1, 5000)]),
    io:nl(),
    io:format("~p~n", [[{N, integer_to_list(N), N * 1.5} || N <- lists:seq(1, 300)]]),
    io:format("~w~n", [lists:seq(1, 3000)]),
    ok.
