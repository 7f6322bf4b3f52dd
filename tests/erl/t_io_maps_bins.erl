%% Maps and binaries through ~p and ~w.
-module(t_io_maps_bins).
-export([main/0]).
main() ->
    M = #{a => 1, "k" => [1, 2], {t} => #{inner => <<"bin">>}, 3 => 4.5},
    io:format("~p~n~w~n", [M, M]),
    Big = maps:from_list([{N, N * N} || N <- lists:seq(1, 40)]),
    io:format("~p~n", [Big]),
    io:format("~p ~w~n", [<<1, 2, 3>>, <<1, 2, 3>>]),
    io:format("~p~n", [<<"printable text">>]),
    io:format("~p~n", [<<1:3>>]),
    io:format("~p~n", [list_to_binary(lists:seq(1, 100))]),
    io:format("~p~n", [[<<"a">>, <<>>, <<"multi\nline">>]]),
    ok.
