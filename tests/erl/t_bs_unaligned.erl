%% Unaligned bitstrings: construction from bit pieces, concatenation of
%% bitstrings, sizes, comparisons, conversions and printing.
-module(t_bs_unaligned).
-export([main/0]).

id(X) -> X.

main() ->
    Pieces = [<<1:1>>, <<2:2>>, <<5:3>>, <<9:4>>, <<17:5>>, <<33:6>>, <<65:7>>, <<255:8>>,
              <<300:9>>, <<(id(1)):1>>],
    Cat = << <<P/bits>> || P <- Pieces >>,
    io:format("~p ~p~n", [Cat, bit_size(Cat)]),
    Cat2 = lists:foldl(fun(P, Acc) -> <<Acc/bits, P/bits>> end, <<>>, [id(P) || P <- Pieces]),
    io:format("~p~n", [Cat =:= Cat2]),
    %% list_to_bitstring of the same pieces
    io:format("~p~n", [list_to_bitstring(Pieces) =:= Cat]),
    %% build 1..64 bits of alternating pattern and check size & bytes
    io:format("~p~n", [[{N, byte_size(B), B} || N <- lists:seq(1, 20),
                                                 B <- [<<(id(16#AAAAA)):N>>]]]),
    %% binaries inserted at odd offsets
    B3 = <<(id(1)):3, (id(<<"hello">>))/binary, (id(<<3:2>>))/bits, (id(<<"!">>))/binary>>,
    io:format("~p ~p ~p~n", [B3, bit_size(B3), byte_size(B3)]),
    <<H:3, Hello:5/binary, Two:2, Bang:1/binary>> = B3,
    io:format("~p~n", [{H, Hello, Two, Bang}]),
    %% is_binary / is_bitstring
    io:format("~p~n", [[{is_binary(X), is_bitstring(X)} || X <- [<<>>, <<1:1>>, <<1>>, <<1:9>>, B3]]]),
    %% comparison of bitstrings of different lengths
    L = [<<1:1>>, <<0:1>>, <<1:2>>, <<0:8>>, <<0:7>>, <<>>, <<1>>, <<1, 0:1>>, <<1, 1:1>>, <<2:7>>],
    io:format("~p~n", [lists:sort([id(X) || X <- L])]),
    io:format("~p~n", [[{A, B, A < B, A == B} || {A, B} <- [{<<1:1>>, <<128>>}, {<<128:8>>, <<1:1>>},
                                                            {<<0:1>>, <<0:2>>}, {<<1:3>>, <<1:3>>}]]]),
    %% bitstring_to_list on unaligned
    io:format("~p~n", [[bitstring_to_list(X) || X <- [<<1:1>>, <<1, 2:3>>, <<300:9>>, <<>>]]]),
    %% erlang:bit_size vs byte_size (ceil)
    io:format("~p~n", [[{bit_size(X), byte_size(X)} || X <- [<<1:1>>, <<1:7>>, <<1:8>>, <<1:9>>, <<1:17>>]]]),
    %% matching the tail of an unaligned bitstring as binary fails
    io:format("~p~n", [case id(<<1:9>>) of <<_:1, R/binary>> -> R; _ -> nomatch end]),
    io:format("~p~n", [case id(<<1:9>>) of <<_:1, R2/bitstring>> -> R2; _ -> nomatch end]),
    %% a long unaligned bitstring (bigger than 64 bytes)
    Long = << <<(X rem 2):1>> || X <- lists:seq(1, 1001) >>,
    io:format("~p ~p ~p~n", [bit_size(Long), byte_size(Long), erlang:phash2(Long)]),
    <<First:16, _/bits>> = Long,
    io:format("~p ~p~n", [First, binary:part(<<Long/bits, 0:7>>, 120, 5)]),
    %% reverse bits
    io:format("~p~n", [rev(id(<<2#10110:5>>), <<>>)]),
    io:format("~p~n", [rev(rev(Long, <<>>), <<>>) =:= Long]),
    %% bitstring in term_to_binary roundtrip
    io:format("~p~n", [binary_to_term(term_to_binary({Long, B3})) =:= {Long, B3}]),
    io:format("~p~n", [term_to_binary(<<5:3>>)]),
    ok.

rev(<<B:1, R/bits>>, Acc) -> rev(R, <<B:1, Acc/bits>>);
rev(<<>>, Acc) -> Acc.
