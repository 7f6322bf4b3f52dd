%% bitstring_to_list, list_to_bitstring, binary_to_list/3, list_to_binary
%% with deep lists, bitstring tails, and error cases.
-module(t_bin2_bitlist).
-export([main/0]).

id(X) -> X.

e(F) -> try F() catch C:R -> {C, R} end.

main() ->
    io:format("~p~n", [[bitstring_to_list(id(X)) || X <- [<<>>, <<1, 2, 3>>, <<1:1>>, <<255, 7:3>>,
                                                          <<1, 2, 3, 4, 5, 6, 7, 8, 9, 1:7>>]]]),
    L1 = [1, [2, <<3, 4>>], [[<<5:3>>]]],
    io:format("~p~n", [e(fun() -> list_to_bitstring(id(L1)) end)]),
    io:format("~p~n", [[e(fun() -> list_to_bitstring(id(X)) end)
                        || X <- [[], [<<1:1>>, <<1:1>>, <<1:6>>], [<<1:4>>, 255, <<2:4>>],
                                 [[[[<<1:1>>]]], [<<>>]], [1 | <<2:2>>], [<<"ab">> | <<"c">>],
                                 [256], [-1], [a], [1.0], <<"notlist">>, [[1, 2] | 3]]]]),
    %% round trip
    Bits = id(<<16#DEADBEEF:32, 5:3>>),
    io:format("~p~n", [list_to_bitstring(bitstring_to_list(Bits)) =:= Bits]),
    %% list_to_binary rejects bitstrings
    io:format("~p~n", [[e(fun() -> list_to_binary(id(X)) end)
                        || X <- [[<<1:1>>], [1, <<2>>, [3]], [<<1, 2>> | <<3>>], [[] | <<>>], [[[[[[[[65]]]]]]]]]]]),
    %% binary_to_list/3 (1-based positions)
    B = id(<<"abcdef">>),
    io:format("~p~n", [[e(fun() -> binary_to_list(B, S, E) end)
                        || {S, E} <- [{1, 6}, {1, 1}, {3, 5}, {6, 6}, {0, 3}, {4, 3}, {2, 7}]]]),
    %% a deep list with 10000 elements
    Deep = lists:foldl(fun(X, Acc) -> [Acc, X rem 256] end, [], lists:seq(1, 10000)),
    DB = list_to_binary(Deep),
    io:format("~p ~p~n", [byte_size(DB), erlang:phash2(DB)]),
    %% a deeply nested bitstring list
    DeepBits = lists:foldl(fun(X, Acc) -> [Acc, <<(X rem 2):1>>] end, [], lists:seq(1, 999)),
    DBs = list_to_bitstring(DeepBits),
    io:format("~p ~p~n", [bit_size(DBs), erlang:phash2(DBs)]),
    %% the empty list and empty binaries everywhere
    io:format("~p~n", [list_to_bitstring(id([[], <<>>, [[], [<<>>]], <<>> | <<>>]))]),
    ok.
