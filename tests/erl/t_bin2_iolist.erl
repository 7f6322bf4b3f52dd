%% iolist_to_binary / iolist_size / erlang:iolist_to_iovec on deep,
%% wide, improper iolists; errors for non-iolists.
-module(t_bin2_iolist).
-export([main/0]).

id(X) -> X.

e(F) -> try F() catch C:R -> {C, R} end.

main() ->
    Cases = [[], <<>>, "abc", [$a, <<"b">>, "c"], [[[[]]]], [<<"x">> | <<"y">>],
             [[1, 2] | <<3>>], [<<>>, [], <<>>], <<"bin">>, [255, 0, <<0, 255>>],
             [[<<"a">>, [<<"b">>, [<<"c">>, [<<"d">> | <<"e">>]]]]]],
    io:format("~p~n", [[{iolist_size(id(C)), iolist_to_binary(id(C))} || C <- Cases]]),
    Bad = [[256], [-1], [a], [<<1:1>>], <<1:7>>, [1 | 2], [[1] | a], [1.0], 5, {<<"t">>}, [[<<"a">>, 1 | 2]]],
    io:format("~p~n", [[{e(fun() -> iolist_size(id(B)) end), e(fun() -> iolist_to_binary(id(B)) end)} || B <- Bad]]),
    %% deep left-nested list
    Left = lists:foldl(fun(X, Acc) -> [Acc | <<X>>] end, [], lists:seq(1, 200)),
    io:format("~p ~p~n", [iolist_size(Left), iolist_to_binary(Left) =:= list_to_binary(lists:seq(1, 200))]),
    %% deep right-nested with a binary tail
    Right = lists:foldl(fun(X, Acc) -> [X rem 256 | Acc] end, <<"end">>, lists:seq(1, 5000)),
    RB = iolist_to_binary(Right),
    io:format("~p ~p ~p~n", [iolist_size(Right), byte_size(RB), binary:part(RB, byte_size(RB), -5)]),
    %% very deep nesting (depth 100000)
    Deep = lists:foldl(fun(_, Acc) -> [Acc] end, [<<"core">>], lists:seq(1, 100000)),
    io:format("~p ~p~n", [iolist_size(Deep), iolist_to_binary(Deep)]),
    %% large binaries inside (refc) and sub-binaries
    Big = binary:copy(<<"0123456789abcdef">>, 100),
    <<_:7/binary, Sub:50/binary, _/binary>> = Big,
    Mixed = [Big, "--", Sub, [Sub, [Big]]],
    MB = iolist_to_binary(Mixed),
    io:format("~p ~p ~p~n", [iolist_size(Mixed), byte_size(MB), erlang:phash2(MB)]),
    %% iolist_to_iovec returns a list of binaries with the same content
    V = erlang:iolist_to_iovec(Mixed),
    io:format("~p ~p~n", [is_list(V) andalso lists:all(fun is_binary/1, V), iolist_to_binary(V) =:= MB]),
    io:format("~p~n", [e(fun() -> erlang:iolist_to_iovec([1 | 2]) end)]),
    %% the chunking of iolist_to_iovec: small pieces are gathered
    B300 = binary:copy(<<"x">>, 300),
    S64 = binary:copy(<<"y">>, 64),
    Vecs = [[], <<>>, <<"a">>, [<<"a">>, "bc"], [[], [<<>>]], [B300], [B300, B300], ["ab", B300, "cd"],
            [S64, S64], [S64, S64, S64, S64, S64], [binary:part(B300, 1, 200)], [binary:copy(<<1>>, 256), "a"],
            [binary:copy(<<1>>, 255), "a"], [<<1>>, binary:copy(<<1>>, 10000)], [B300 | B300],
            lists:duplicate(100, B300), lists:duplicate(20000, $a), [lists:duplicate(9000, $a), B300],
            [lists:duplicate(300, S64)]],
    io:format("~p~n", [[[byte_size(X) || X <- erlang:iolist_to_iovec(id(L))] || L <- Vecs]]),
    io:format("~p~n", [[e(fun() -> erlang:iolist_to_iovec(id(L)) end) || L <- [<<1:3>>, [<<1:3>>], a, [256], [[a]]]]]),
    %% unicode lists are not iolists
    io:format("~p~n", [e(fun() -> iolist_to_binary("héllo€") end)]),
    io:format("~p~n", [unicode:characters_to_binary(["h", <<"é"/utf8>>, [8364]])]),
    %% io_lib output is an iolist/chardata
    S = io_lib:format("~p-~s-~w", [{a, <<"b">>}, "str", [1, 2]]),
    io:format("~p ~p~n", [iolist_size(S), iolist_to_binary(S)]),
    %% binaries built from iolists of iolists of binaries
    Nested = [[integer_to_binary(X), $,] || X <- lists:seq(1, 300)],
    NB = iolist_to_binary(Nested),
    io:format("~p ~p~n", [byte_size(NB), binary:part(NB, 0, 12)]),
    ok.
