%% integer_to_list/2, integer_to_binary/2, list_to_integer/2 and
%% binary_to_integer/2 in every base 2..36 on small, big and negative
%% values; parsing details (signs, case, leading zeros) and errors.
-module(t_num_bases).
-export([main/0]).

id(X) -> X.

e(F) -> try F() catch C:R -> {C, R} end.

main() ->
    Vals = [0, 1, -1, 35, 36, -36, 255, 1295, 1296, (1 bsl 59) - 1, -(1 bsl 59), 1 bsl 60,
            (1 bsl 64) - 1, -(1 bsl 64), 1 bsl 127, 12345678901234567890123456789012345678901234567890],
    lists:foreach(
      fun(B) ->
              Ss = [integer_to_list(id(V), B) || V <- Vals],
              Back = [list_to_integer(S, B) || S <- Ss],
              BinBack = [binary_to_integer(integer_to_binary(id(V), B), B) || V <- Vals],
              io:format("~p ~p ~p~n", [B, Back =:= Vals andalso BinBack =:= Vals, erlang:phash2(Ss)])
      end, lists:seq(2, 36)),
    io:format("~p~n", [[integer_to_list(id(1295), B) || B <- lists:seq(2, 36)]]),
    io:format("~p~n", [[integer_to_binary(id(-(1 bsl 64)), B) || B <- [2, 7, 16, 35, 36]]]),
    %% lower case input is accepted, output is upper case
    io:format("~p~n", [[list_to_integer(S, 16) || S <- ["ff", "FF", "fF", "-ff", "+ff", "00ff", "0"]]]),
    io:format("~p~n", [[list_to_integer(S, 36) || S <- ["z", "Z", "zz", "10", "-zzzzzzzzzzzzzzzzzzzzzz"]]]),
    io:format("~p~n", [[binary_to_integer(S, 2) || S <- [<<"1010">>, <<"-1">>, <<"0000">>, <<"+1111111111111111111111111111111111111111111111111111111111111111111">>]]]),
    %% invalid digits and inputs
    Bad = [{"2", 2}, {"8", 8}, {"g", 16}, {"", 10}, {"-", 10}, {"+", 16}, {"1_000", 10},
           {" 1", 10}, {"1 ", 10}, {"--1", 10}, {"1.0", 10}, {"z", 35}],
    io:format("~p~n", [[e(fun() -> list_to_integer(S, B) end) || {S, B} <- Bad]]),
    io:format("~p~n", [[e(fun() -> binary_to_integer(list_to_binary(S), B) end) || {S, B} <- Bad]]),
    io:format("~p~n", [[e(fun() -> integer_to_list(id(10), B) end) || B <- [1, 37, 0, -2, a, 10.0]]]),
    io:format("~p~n", [[e(fun() -> list_to_integer("10", B) end) || B <- [1, 37, x]]]),
    io:format("~p~n", [[e(fun() -> integer_to_list(id(X), 10) end) || X <- [1.0, a]]]),
    %% base 10 default forms
    io:format("~p~n", [{list_to_integer("-0"), list_to_integer("+007"), binary_to_integer(<<"-00000000000000000000000000000000000001">>)}]),
    %% a very long number string
    Long = lists:duplicate(500, $7),
    N = list_to_integer(Long),
    io:format("~p ~p~n", [N rem 1000000007, length(integer_to_list(N, 2))]),
    io:format("~p~n", [integer_to_list(N, 36) =:= integer_to_list(list_to_integer(integer_to_list(N, 36), 36), 36)]),
    %% io_lib ~.Bb / ~.B# formats agree
    io:format("~.16B ~.2B ~.36B ~.16b ~.8#~n", [id(255), id(-5), id(1 bsl 70), id(48879), id(64)]),
    ok.
