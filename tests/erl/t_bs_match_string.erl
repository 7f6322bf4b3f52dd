%% bs_match_string: literal string prefixes of many lengths, at aligned
%% and unaligned positions, in function heads and case, with fallthrough.
-module(t_bs_match_string).
-export([main/0]).

id(X) -> X.

cmd(<<"GET ", P/binary>>) -> {get, P};
cmd(<<"GETX", P/binary>>) -> {getx, P};
cmd(<<"POST", " ", P/binary>>) -> {post, P};
cmd(<<"DELETE_THE_RESOURCE_NOW_PLEASE:", P/binary>>) -> {delete, P};
cmd(<<"H", _/binary>> = B) -> {h, byte_size(B)};
cmd(<<>>) -> empty;
cmd(B) -> {other, B}.

%% strings placed after a bit field, so the match is unaligned
tag(<<1:1, "abc", R/bits>>) -> {one_abc, R};
tag(<<0:1, "abc", R/bits>>) -> {zero_abc, R};
tag(<<_:3, "xy", R/bits>>) -> {xy3, R};
tag(<<_:7, "longer string here", R/bits>>) -> {long7, R};
tag(B) -> {none, bit_size(B)}.

%% string in the middle
mid(<<N:8, "--", M:8, "==", Rest/binary>>) -> {N, M, Rest};
mid(<<N:8, "--", _/binary>>) -> {half, N};
mid(_) -> no.

main() ->
    Inputs = [<<"GET /a">>, <<"GETX/b">>, <<"GET">>, <<"POST /c">>, <<"POST/d">>,
              <<"DELETE_THE_RESOURCE_NOW_PLEASE:zz">>, <<"DELETE_THE_RESOURCE_NOW_PLEASE">>,
              <<"HEAD">>, <<>>, <<"get /">>],
    [io:format("~p~n", [cmd(id(I))]) || I <- Inputs],
    Bits = [<<1:1, "abc", 5:3>>, <<0:1, "abc">>, <<5:3, "xy", 1:1>>, <<1:1, "abd">>,
            <<0:7, "longer string here", 9>>, <<1:7, "longer string herE">>, <<>>, <<1:1>>],
    [io:format("~p~n", [tag(id(B))]) || B <- Bits],
    [io:format("~p~n", [mid(id(B))]) || B <- [<<1, "--", 2, "==", "rest">>, <<1, "--", 2, "=">>,
                                               <<1, "-">>, <<7, "--">>]],
    %% a string literal in a binary comprehension generator pattern
    io:format("~p~n", [[X || <<"k", X:8>> <= id(<<"k1k2j3k4">>)]]),
    %% matching a long string byte by byte vs whole
    Long = id(list_to_binary(lists:duplicate(40, "ab"))),
    io:format("~p~n", [case Long of
                           <<"abababababababababababababababababababab", T/binary>> -> {ok, byte_size(T)};
                           _ -> no
                       end]),
    %% empty string segment
    io:format("~p~n", [case id(<<"q">>) of <<"", Q/binary>> -> Q end]),
    %% string literal with escapes and high bytes
    io:format("~p~n", [case id(<<0, 255, $\n, 128, 1>>) of
                           <<0, 255, "\n", 128, R/binary>> -> R;
                           _ -> no
                       end]),
    ok.
