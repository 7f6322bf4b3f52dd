%% band/bor/bxor/bnot on negative numbers and bignums (two's complement
%% semantics of infinite width), compared with identities.
-module(t_num_bitops).
-export([main/0]).

id(X) -> X.

e(F) -> try F() catch C:R -> {C, R} end.

main() ->
    Vals = [0, 1, -1, 2, -2, 255, -255, 16#F0F0, -16#F0F0, (1 bsl 59) - 1, -(1 bsl 59),
            1 bsl 60, -(1 bsl 60) - 1, (1 bsl 64) - 1, -(1 bsl 64), (1 bsl 127) + 16#FFFF,
            -(1 bsl 127) + 3, 16#DEADBEEFCAFEBABE0123456789, -16#DEADBEEFCAFEBABE0123456789],
    Res = [{id(A) band id(B), id(A) bor id(B), id(A) bxor id(B)} || A <- Vals, B <- Vals],
    io:format("~p ~p~n", [length(Res), erlang:phash2(Res)]),
    %% identities that must hold for every pair
    Ids = [(A band B) + (A bor B) =:= A + B andalso
           (A bxor B) =:= (A bor B) - (A band B) andalso
           bnot (A band B) =:= (bnot A) bor (bnot B) andalso
           (A bxor B) bxor B =:= A
           || A <- Vals, B <- Vals],
    io:format("~p~n", [lists:all(fun(X) -> X end, Ids)]),
    io:format("~p~n", [[bnot id(V) || V <- Vals]]),
    io:format("~p~n", [[bnot bnot id(V) =:= V || V <- Vals]]),
    %% selected explicit results
    io:format("~p~n", [[-1 band id(V) =:= V || V <- Vals]]),
    io:format("~p~n", [[{id(-256) band 16#FFF, id(-1) bxor 16#FF, id(-(1 bsl 64)) bor 1,
                         id(-(1 bsl 64)) band ((1 bsl 65) - 1), id(1 bsl 64) bxor -1}]]),
    io:format("~p~n", [{id(-16#DEADBEEFCAFEBABE0123456789) band 16#FFFFFFFFFFFFFFFF,
                        id(16#DEADBEEFCAFEBABE0123456789) bxor id(-16#DEADBEEFCAFEBABE0123456789),
                        id(-(1 bsl 127) + 3) bor id(1 bsl 127)}]),
    %% masks: extracting fields from a bignum
    Big = id(16#0123456789ABCDEF_FEDCBA9876543210_0F1E2D3C4B5A6978),
    io:format("~p~n", [[(Big bsr (S * 16)) band 16#FFFF || S <- lists:seq(0, 11)]]),
    %% errors
    io:format("~p~n", [[e(fun() -> id(A) band id(B) end) || {A, B} <- [{1.0, 1}, {1, a}, {[], 1}]]]),
    io:format("~p~n", [[e(fun() -> bnot id(X) end) || X <- [1.0, a, "1"]]]),
    %% popcount via band over many numbers
    io:format("~p~n", [[popcount(id(X)) || X <- [0, 1, 255, (1 bsl 64) - 1, (1 bsl 100) - 1, 16#DEADBEEF]]]),
    ok.

popcount(0) -> 0;
popcount(X) -> 1 + popcount(X band (X - 1)).
