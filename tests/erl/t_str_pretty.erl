%% ~p line breaking (io_lib_pretty) on deep nested terms, long lists,
%% long strings, maps, records-as-tuples, with column offsets and widths.
-module(t_str_pretty).
-export([main/0]).

-record(person, {name, age, address, tags = []}).

main() ->
    Deep = lists:foldl(fun(I, Acc) -> {level, I, [Acc, {leaf, I * I}]} end, bottom, lists:seq(1, 12)),
    io:format("~p~n", [Deep]),
    io:format("~p~n", [lists:seq(1, 100)]),
    io:format("~p~n", [[{key, I, lists:duplicate(I, $x)} || I <- lists:seq(1, 15)]]),
    io:format("~p~n", [lists:duplicate(5, "a fairly long string that will need some room to print")]),
    io:format("~p~n", [maps:from_list([{I, {value, I, [I, I]}} || I <- lists:seq(1, 20)])]),
    io:format("~p~n", [#{nested => #{deeper => #{deepest => lists:seq(1, 30)}}}]),
    P = #person{name = "Alice Example", age = 42,
                address = {street, "Long Street Name 12345", city, "Somewhere Far Away"},
                tags = [friendly, helpful, verbose, annoying, [nested, list, with, atoms]]},
    io:format("~p~n", [P]),
    io:format("~p~n", [[P, P]]),
    io:format("prefix text ~p~n", [lists:seq(1, 40)]),
    io:format("~40p~n", [lists:seq(1, 40)]),
    io:format("~20p~n", [{a, [b, c], {d, e, f}, "string", <<"binary">>}]),
    io:format("~p~n", [list_to_tuple(lists:seq(1, 60))]),
    io:format("~p~n", [[list_to_binary(lists:duplicate(30, $b)), <<1, 2, 3>>, <<"x">>]]),
    io:format("~p~n", [{[{[{[{[{[{[{[{[x]}]}]}]}]}]}]}]}]),
    io:format("~P~n", [Deep, 8]),
    io:format("~P~n", [lists:seq(1, 100), 10]),
    io:format("~P~n", [maps:from_list([{I, I} || I <- lists:seq(1, 10)]), 4]),
    io:format("~p~n", [[["deep", ["nested", ["strings", ["in", ["lists"]]]]], "and", more]]),
    io:format("~p~n", [{'quoted atom', 'UPPER', 'with-dash', [], "", <<>>}]),
    io:format("~p~n", [lists:seq(1000000000, 1000000030)]),
    Str = lists:flatten(io_lib:format("~p", [lists:seq(1, 50)])),
    io:format("~p~n", [length(Str)]),
    ok.
