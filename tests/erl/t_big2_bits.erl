%% Bitwise operators on bignums with BEAM's infinite two's complement
%% semantics for negatives; bnot; bsl/bsr by every limb boundary and huge
%% counts, of both signs; results that are smalls; system_limit.
-module(t_big2_bits).
-export([main/0, id/1]).

id(X) -> X.

vals() ->
    Pow = lists:append([[(1 bsl K) - 1, 1 bsl K, -(1 bsl K), -(1 bsl K) + 1, -(1 bsl K) - 1]
                        || K <- [59, 60, 63, 64, 65, 127, 128, 129, 200]]),
    [id(V) || V <- [0, 1, -1, 5, -5, 16#FFFF, -16#10000, (1 bsl 59) - 1, -(1 bsl 59)]
                  ++ Pow ++
                  [16#123456789ABCDEF0123456789ABCDEF0123456789ABCDEF,
                   -16#123456789ABCDEF0123456789ABCDEF0123456789ABCDEF,
                   -16#FFFFFFFFFFFFFFFF0000000000000000]].

%% Error reason only.
err(F) ->
    try F() catch error:R -> {error, R} end.

main() ->
    Vs = vals(),
    lists:foreach(fun(A) ->
                          erlang:display([{A band B, A bor B, A bxor B} || B <- Vs])
                  end, Vs),
    erlang:display([bnot V || V <- Vs]),
    Counts = [0, 1, 3, 59, 60, 63, 64, 65, 127, 128, 129, 200, 1000],
    lists:foreach(fun(A) ->
                          erlang:display({A, [{A bsl C, A bsr C, A bsl -C, A bsr -C} || C <- Counts]})
                  end, Vs),
    %% huge counts: 0/-1, or system_limit; 0 stays 0
    BigC = id(1 bsl 70),
    erlang:display({id(1 bsl 100) bsr BigC, id(-(1 bsl 100)) bsr BigC,
                    id(1 bsl 100) bsl -BigC, id(-(1 bsl 100)) bsl -BigC,
                    id(0) bsl BigC, id(-1) bsr id(100000)}),
    erlang:display({err(fun() -> id(1 bsl 100) bsl BigC end),
                    err(fun() -> id(1) bsl id(33554432) end),
                    err(fun() -> id(-1) bsl id(33554432) end),
                    err(fun() -> id(1 bsl 100) band id(foo) end),
                    err(fun() -> bnot id(1.0) end),
                    err(fun() -> id(1 bsl 100) bsl id(1.0) end)}),
    %% largest shift that fits, then one more bit through arithmetic
    Top = id(1) bsl id(33554366),
    erlang:display({Top bsr 33554360, (Top - 1) bsr 33554360, err(fun() -> Top * 4 end)}),
    %% mask and extract fields of a big negative number
    N = id(-16#DEADBEEFCAFEBABE0123456789ABCDEF),
    erlang:display([(N bsr S) band 16#FFFF || S <- lists:seq(0, 160, 16)]),
    ok.
