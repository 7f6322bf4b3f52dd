%% binary:split/3 and binary:replace/4 with every option combination,
%% overlapping and multiple patterns, scopes, large inputs.
-module(t_bin2_split_replace).
-export([main/0]).

id(X) -> X.

e(F) -> try F() catch C:R -> {C, R} end.

main() ->
    Subjects = [<<"a--b---c----">>, <<"--x--">>, <<"----">>, <<"no sep">>, <<>>, <<"-">>],
    Opts = [[], [global], [trim], [global, trim], [trim_all], [global, trim_all],
            [{scope, {1, 6}}], [global, {scope, {2, 5}}], [global, {scope, {12, -8}}]],
    lists:foreach(
      fun(S) ->
              lists:foreach(
                fun(O) ->
                        io:format("~p ~p ~p~n", [S, O, e(fun() -> binary:split(id(S), id(<<"--">>), O) end)])
                end, Opts)
      end, Subjects),
    %% multiple patterns; at a position the longest one wins
    io:format("~p~n", [binary:split(id(<<"a,b;c;;d,;e">>), [<<",">>, <<";">>, <<",;">>, <<";;">>], [global])]),
    %% replace
    S2 = id(<<"the cat sat on the mat with the hat">>),
    io:format("~p~n", [binary:replace(S2, <<"the">>, <<"THE">>)]),
    io:format("~p~n", [binary:replace(S2, <<"the">>, <<"THE">>, [global])]),
    io:format("~p~n", [binary:replace(S2, [<<"cat">>, <<"at">>], <<"[]">>, [global, {insert_replaced, 1}])]),
    io:format("~p~n", [binary:replace(S2, <<"at">>, <<"<>">>, [global, {insert_replaced, [0, 1, 2]}])]),
    io:format("~p~n", [binary:replace(S2, <<"at">>, <<"">>, [global])]),
    io:format("~p~n", [binary:replace(S2, <<" ">>, <<"_">>, [global, {scope, {4, 10}}])]),
    io:format("~p~n", [binary:replace(S2, <<"zzz">>, <<"y">>, [global])]),
    io:format("~p~n", [binary:replace(<<"aaaa">>, <<"aa">>, <<"b">>, [global])]),
    io:format("~p~n", [binary:replace(<<"aaaaa">>, <<"aa">>, <<"aaa">>, [global])]),
    io:format("~p~n", [e(fun() -> binary:replace(S2, <<"a">>, <<"x">>, [{insert_replaced, 5}]) end)]),
    io:format("~p~n", [e(fun() -> binary:replace(S2, <<>>, <<"x">>) end)]),
    io:format("~p~n", [e(fun() -> binary:split(S2, <<"a">>, [bogus]) end)]),
    io:format("~p~n", [e(fun() -> binary:split(S2, <<"a">>, [{scope, {30, 10}}]) end)]),
    %% compiled patterns for split/replace
    CP = binary:compile_pattern([<<"\r\n">>, <<"\n">>]),
    Lines = id(<<"line1\r\nline2\nline3\r\n\r\nline5\n">>),
    io:format("~p~n", [binary:split(Lines, CP, [global])]),
    io:format("~p~n", [binary:split(Lines, CP, [global, trim_all])]),
    io:format("~p~n", [binary:replace(Lines, CP, <<" | ">>, [global])]),
    %% large subject (refc) with many separators
    Big = iolist_to_binary(lists:join(<<", ">>, [integer_to_binary(X) || X <- lists:seq(1, 2000)])),
    Parts = binary:split(Big, <<", ">>, [global]),
    io:format("~p ~p ~p~n", [length(Parts), hd(Parts), lists:last(Parts)]),
    io:format("~p~n", [lists:sum([binary_to_integer(P) || P <- Parts])]),
    R = binary:replace(Big, <<", ">>, <<"+">>, [global]),
    io:format("~p ~p~n", [byte_size(R), binary:part(R, 0, 20)]),
    %% split results are sub-binaries; they compare equal to fresh binaries
    [P1, P2] = binary:split(Big, <<"1000, ">>),
    io:format("~p ~p~n", [byte_size(P1), binary:part(P2, 0, 10)]),
    %% string:split and string:replace use binary split for binaries
    io:format("~p~n", [string:split(id(<<"k=v=w">>), "=")]),
    io:format("~p~n", [string:split(id(<<"k=v=w">>), "=", trailing)]),
    io:format("~p~n", [string:replace(id(<<"a.b.c">>), ".", "::", all)]),
    ok.
