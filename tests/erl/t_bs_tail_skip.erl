%% bs_get_tail, bs_skip_bits2 (literal and dynamic sizes with units),
%% bs_test_unit (binary vs bitstring tails), bs_test_tail2.
-module(t_bs_tail_skip).
-export([main/0]).

id(X) -> X.

%% skip N bytes given by the first byte, return the rest
skip_n(<<N:8, _:N/binary, Rest/binary>>) -> {ok, Rest};
skip_n(_) -> error.

%% skip with unit
skip_u(<<N:4, _:N/unit:3, Rest/bits>>) -> Rest;
skip_u(_) -> error.

%% tail must be a whole number of bytes
tail_bin(<<_:3, R/binary>>) -> {bin, R};
tail_bin(<<_:3, R/bits>>) -> {bits, R};
tail_bin(_) -> short.

%% tail must be a multiple of 16 bits
tail16(<<X:8, R/binary-unit:16>>) -> {X, R};
tail16(_) -> no.

%% tail must be exactly empty
exact(<<A:16, B:8>>) -> {A, B};
exact(<<A:16>>) -> {A};
exact(_) -> other.

%% nested matches on the tail
tlv(<<T:8, L:8, V:L/binary, Rest/binary>>, Acc) -> tlv(Rest, [{T, V} | Acc]);
tlv(<<>>, Acc) -> {ok, lists:reverse(Acc)};
tlv(Bad, Acc) -> {trailing, Bad, lists:reverse(Acc)}.

main() ->
    io:format("~p~n", [[skip_n(id(B)) || B <- [<<0, 1, 2>>, <<2, 1, 2, 3>>, <<3, 1, 2>>, <<>>,
                                                <<5, "hello">>, <<5, "hello", 1:1>>]]]),
    io:format("~p~n", [[skip_u(id(B)) || B <- [<<1:4, 7:3, 1:1>>, <<0:4, 5:4>>, <<5:4, 0:15, 3:2>>,
                                                <<15:4, 0:44>>, <<15:4, 0:46>>]]]),
    io:format("~p~n", [[tail_bin(id(B)) || B <- [<<1:3>>, <<1:3, 1, 2>>, <<1:3, 1:5>>, <<1:2>>,
                                                  <<255, 255>>, <<1:3, 1:16>>]]]),
    io:format("~p~n", [[tail16(id(B)) || B <- [<<1>>, <<1, 2>>, <<1, 2, 3>>, <<1, 2, 3, 4, 5>>,
                                                <<1, 2, 3:4>>]]]),
    io:format("~p~n", [[exact(id(B)) || B <- [<<1, 2>>, <<1, 2, 3>>, <<1, 2, 3, 4>>, <<1>>]]]),
    io:format("~p~n", [tlv(id(<<1, 2, "ab", 2, 0, 3, 3, "xyz">>), [])]),
    io:format("~p~n", [tlv(id(<<1, 2, "ab", 2, 5, "x">>), [])]),
    %% skip a huge number of bits (larger than the binary) fails cleanly
    Big = id(1 bsl 62),
    io:format("~p~n", [case id(<<1, 2, 3>>) of <<_:Big, R/bits>> -> R; _ -> nomatch end]),
    Huge = id(1 bsl 80),
    io:format("~p~n", [case id(<<1, 2, 3>>) of <<_:Huge, R2/bits>> -> R2; _ -> nomatch end]),
    Neg = id(-8),
    io:format("~p~n", [case id(<<1, 2, 3>>) of <<_:Neg, R3/bits>> -> R3; _ -> nomatch end]),
    %% tails of sub-binaries of sub-binaries
    Base = id(list_to_binary(lists:seq(1, 100))),
    <<_:10/binary, T1/binary>> = Base,
    <<_:3, T2/bits>> = T1,
    <<_:5, T3/binary>> = T2,
    io:format("~p ~p ~p~n", [byte_size(T1), bit_size(T2), binary:part(T3, 0, 5)]),
    io:format("~p~n", [T3 =:= binary:part(Base, 11, 89)]),
    %% repeated skip in a loop
    io:format("~p~n", [every_third(id(list_to_binary(lists:seq(0, 30))), [])]),
    %% bit-level walk
    io:format("~p~n", [ones(id(<<16#F0F0F0F0:32, 5:3>>), 0)]),
    ok.

every_third(<<X:8, _:2/binary, R/binary>>, Acc) -> every_third(R, [X | Acc]);
every_third(<<X:8, _/binary>>, Acc) -> lists:reverse([X | Acc]);
every_third(<<>>, Acc) -> lists:reverse(Acc).

ones(<<1:1, R/bits>>, N) -> ones(R, N + 1);
ones(<<0:1, R/bits>>, N) -> ones(R, N);
ones(<<>>, N) -> N.
