%% erlang:display/1 formatting of the term kinds available in this batch:
%% nested containers, improper lists, strings vs. lists, negative numbers,
%% quoted atoms, big integers, empty containers.
-module(t_display_format).
-export([main/0, id/1]).

id(X) -> X.

main() ->
    erlang:display(id([])),
    erlang:display(id({})),
    erlang:display(id([[]])),
    erlang:display(id({{}, [], {[]}})),
    erlang:display(id([1 | 2])),
    erlang:display(id([1, 2 | [3 | four]])),
    erlang:display(id([-1, -2, {-3}])),
    erlang:display(id("abc")),
    erlang:display(id([$a, $b, 300])),
    erlang:display(id([$a, $b | $c])),
    erlang:display(id(["nested", ["deeper", "x"]])),
    erlang:display(id([32, 126, 31])),
    erlang:display(id([10, 13, 9, 8, 11, 12, 27])),
    erlang:display(id([255, 160, 161])),
    erlang:display(id({'quoted atom', 'UpperCase', lower, 'it\'s', '', '\n'})),
    erlang:display(id(-(1 bsl 100))),
    erlang:display(id({1 bsl 64, -(1 bsl 63), 1 bsl 63 - 1, -(1 bsl 59)})),
    erlang:display(id([{a, [b, {c, [d]}]}])),
    erlang:display(id(true)),
    erlang:display(id(["tab\there", "nl\nhere", "quote\"q", "back\\slash", [7, 8, 27, 127], [0]])),
    erlang:display(id([[1000, 2000], "caf" ++ [233], [16#1F600]])),
    erlang:display(id(-0)),
    erlang:display(lists:seq(1, 30)),
    erlang:display(lists:seq(65, 90)),
    ok.
