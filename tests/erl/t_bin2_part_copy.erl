%% binary:part/at/first/last/copy/bin_to_list/list_to_bin and the
%% erlang:binary_part guard BIF: every boundary, negative lengths,
%% errors, sub-binaries of sub-binaries, large copies.
-module(t_bin2_part_copy).
-export([main/0]).

id(X) -> X.

e(F) -> try F() catch C:R -> {C, R} end.

guarded(B, P, L) when binary_part(B, P, L) =:= <<"cd">> -> cd;
guarded(B, P, L) when byte_size(binary_part(B, {P, L})) > 2 -> long;
guarded(_, _, _) -> other.

main() ->
    B = id(<<"abcdefghij">>),
    Specs = [{0, 0}, {0, 10}, {10, 0}, {10, -10}, {5, -5}, {5, 5}, {3, -2}, {9, 1},
             {10, 1}, {11, 0}, {0, -1}, {-1, 1}, {5, 6}, {2, -3}],
    io:format("~p~n", [[{S, e(fun() -> binary:part(B, S) end)} || S <- Specs]]),
    io:format("~p~n", [[{P, L, e(fun() -> binary_part(B, P, L) end)} || {P, L} <- Specs]]),
    io:format("~p~n", [[guarded(B, P, L) || {P, L} <- [{2, 2}, {0, 5}, {9, 5}, {4, -2}, {1, 1}]]]),
    io:format("~p~n", [[e(fun() -> binary:at(B, I) end) || I <- [0, 9, 10, -1, a]]]),
    io:format("~p~n", [[e(fun() -> F(X) end) || F <- [fun binary:first/1, fun binary:last/1],
                                                X <- [<<"x">>, <<"xyz">>, <<>>, <<1:3>>, abc]]]),
    io:format("~p~n", [[e(fun() -> binary:copy(X, N) end) || {X, N} <- [{<<"ab">>, 0}, {<<"ab">>, 1}, {<<"ab">>, 4},
                                                                  {<<>>, 100}, {<<"x">>, -1}, {<<1:3>>, 2},
                                                                  {foo, 1}]]]),
    C = binary:copy(id(<<"0123456789">>), 1000),
    io:format("~p ~p ~p~n", [byte_size(C), binary:part(C, 9990, 10), binary:referenced_byte_size(C)]),
    %% copy of a part detaches it from the big binary
    Part = binary:part(C, 5000, 20),
    Detached = binary:copy(Part),
    io:format("~p ~p ~p~n", [Part =:= Detached, binary:referenced_byte_size(Part), binary:referenced_byte_size(Detached)]),
    %% parts of parts
    P1 = binary:part(C, 100, 500),
    P2 = binary:part(P1, 50, 100),
    P3 = binary:part(P2, {100, -7}),
    io:format("~p ~p~n", [P3, P3 =:= binary:part(C, 243, 7)]),
    %% bin_to_list
    io:format("~p~n", [[e(fun() -> binary:bin_to_list(B, P, L) end) || {P, L} <- [{0, 3}, {10, -3}, {3, 0}, {8, 3}, {-1, 2}]]]),
    io:format("~p~n", [[e(fun() -> binary:bin_to_list(X) end) || X <- [<<>>, <<1, 2>>, <<1:1>>, "str"]]]),
    %% list_to_bin takes iolists
    io:format("~p~n", [[e(fun() -> binary:list_to_bin(X) end) || X <- [[], [1, [2, <<3>>], "45"], [<<1:1>>], [256], <<"b">>, [-1]]]]),
    %% erlang:split_binary
    io:format("~p~n", [[e(fun() -> split_binary(B, N) end) || N <- [0, 3, 10, 11, -1]]]),
    %% binary_part on a unaligned bitstring is badarg
    io:format("~p~n", [e(fun() -> binary:part(<<1, 2, 3:3>>, 0, 1) end)]),
    %% byte_size / bit_size of parts
    io:format("~p~n", [[{byte_size(X), bit_size(X)} || X <- [binary:part(C, 0, 0), P1, P2, P3]]]),
    ok.
