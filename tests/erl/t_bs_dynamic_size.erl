%% Dynamic sizes in matching and construction: sizes bound by earlier
%% segments, size expressions (OTP 23+), sizes from function arguments.
-module(t_bs_dynamic_size).
-export([main/0]).

id(X) -> X.

%% length-prefixed string with the length in bits
lp(<<N:8, S:N/bits, R/bits>>) -> {S, R}.

%% a size expression in the pattern
pair(<<N:4, A:(N * 2), B:(N + 1)/binary, _/binary>>) -> {N, A, B};
pair(_) -> nomatch.

%% size from a function argument, with units
take(N, U, Bin) ->
    case Bin of
        <<X:N/unit:8-binary, R/binary>> when U =:= 8 -> {X, R};
        <<X:N/bits, R/bits>> -> {X, R}
    end.

%% two-level length prefixes
nested(<<L1:8, Body:L1/binary, Rest/binary>>) ->
    <<L2:8, Inner:L2/binary, Pad/binary>> = Body,
    {Inner, Pad, Rest}.

%% the size comes from a bound variable in a guarded clause
fixed(Sz, Bin) ->
    case Bin of
        <<V:Sz/signed-little, _/binary>> when Sz > 0 -> {ok, V};
        _ -> no
    end.

main() ->
    io:format("~p~n", [[lp(id(B)) || B <- [<<0>>, <<3, 2#101:3, 7:5>>, <<8, "ab">>, <<12, 255, 255>>]]]),
    io:format("~p~n", [[pair(id(B)) || B <- [<<2:4, 9:4, "abcdef">>, <<0:4, 0:4, "x">>,
                                               <<3:4, 255, "ab">>, <<1:4>>, <<15:4, 0:30, "0123456789abcdef">>]]]),
    io:format("~p~n", [[take(N, U, id(<<"0123456789">>)) || {N, U} <- [{2, 8}, {0, 8}, {10, 8}, {3, 1}, {12, 1}]]]),
    io:format("~p~n", [nested(id(<<6, 3, "abc", "xy", "rest">>))]),
    io:format("~p~n", [[fixed(S, id(<<255, 255, 255, 127, 0>>)) || S <- [8, 16, 24, 32, 40, 0, 48]]]),
    %% construction with expression sizes
    N = id(5),
    io:format("~p~n", [<<(id(31)):N, (id(1)):(N * 2), (id(-1)):(N - 2)/signed, (id(<<"abcdef">>)):(N - 2)/binary>>]),
    %% sizes from tuple elements and list lengths
    T = id({3, 13}),
    io:format("~p~n", [<<(id(5)):(element(1, T)), (id(4000)):(element(2, T))>>]),
    L = id([a, b, c, d]),
    io:format("~p~n", [<<(id(1)):(length(L))/unit:4>>]),
    %% invalid sizes in construction
    io:format("~p~n", [[try <<(id(1)):S>> catch error:E -> E end || S <- [id(-1), id(a), id(1.0), id(1 bsl 70)]]]),
    %% invalid size in matching = no match
    io:format("~p~n", [[case id(<<1, 2, 3>>) of <<X:S, _/bits>> -> X; _ -> nomatch end || S <- [id(-1), id(a), id(25)]]]),
    %% a size bound in one clause and reused in a guard
    io:format("~p~n", [[check(id(B)) || B <- [<<2, 1, 2, 3>>, <<2, 1>>, <<0>>, <<4, 0, 0, 0, 9>>]]]),
    ok.

check(<<N:8, Data:N/binary, Rest/binary>>) when byte_size(Rest) =:= 1 -> {exact_plus_one, Data, Rest};
check(<<N:8, Data:N/binary, _/binary>>) -> {ok, N, Data};
check(_) -> short.
