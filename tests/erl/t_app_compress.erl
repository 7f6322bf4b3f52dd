%% Compression algorithms over binaries: run-length encoding, Huffman
%% coding (tree built with a sorted list, bit-level output), and LZ77
%% with a sliding window; each round-trips and reports sizes.
-module(t_app_compress).
-export([main/0]).

main() ->
    rand:seed(exsss, {1, 2, 3}),
    Texts = [
        {short, <<"aaaabbbcccd">>},
        {empty, <<>>},
        {single, <<"zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzz">>},
        {prose, <<"it was the best of times, it was the worst of times, it was the age of wisdom, "
                  "it was the age of foolishness, it was the epoch of belief, it was the epoch of incredulity">>},
        {random, << <<(rand:uniform(4) + $a)>> || _ <- lists:seq(1, 600) >>},
        {bytes, << <<(X * X rem 256)>> || X <- lists:seq(0, 511) >>}
    ],
    lists:foreach(fun({Name, T}) -> test(Name, T) end, Texts),
    {Codes, _} = huffman_codes(<<"abracadabra">>),
    io:format("abracadabra codes: ~p~n", [lists:sort([{[C], bits_str(B)} || {C, B} <- maps:to_list(Codes)])]),
    io:format("lz77 tokens: ~p~n", [lz77_tokens(<<"abcabcabcabcxyzxyzabc">>, 16)]),
    io:format("rle bits: ~p~n", [rle(<<1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,
                                      1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,
                                      1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,
                                      1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,
                                      1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,
                                      1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,
                                      1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,
                                      1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,2>>)]),
    ok.

test(Name, T) ->
    R = rle(T),
    T = unrle(R),
    {Codes, Tree} = huffman_codes(T),
    H = huffman_encode(T, Codes),
    T = huffman_decode(H, Tree, byte_size(T)),
    L = lz77(T, 64),
    T = unlz77(L),
    io:format("~-7s ~4b bytes | rle ~4b | huffman ~4b bits (~6.3f bits/sym) | lz77 ~4b | crc ~8.16.0b~n",
              [Name, byte_size(T), byte_size(R), bit_size(H),
               case byte_size(T) of 0 -> 0.0; N -> bit_size(H) / N end,
               byte_size(L), erlang:crc32(T)]).

%% ---------------------------------------------------------------- RLE
rle(<<>>) -> <<>>;
rle(<<C, R/binary>>) -> rle(R, C, 1, <<>>).
rle(<<C, R/binary>>, C, N, Acc) when N < 255 -> rle(R, C, N + 1, Acc);
rle(<<D, R/binary>>, C, N, Acc) -> rle(R, D, 1, <<Acc/binary, N, C>>);
rle(<<>>, C, N, Acc) -> <<Acc/binary, N, C>>.

unrle(B) -> << <<(binary:copy(<<C>>, N))/binary>> || <<N, C>> <= B >>.

%% ---------------------------------------------------------------- Huffman
huffman_codes(<<>>) -> {#{}, empty};
huffman_codes(T) ->
    Freq = lists:foldl(fun(C, M) -> maps:update_with(C, fun(X) -> X + 1 end, 1, M) end,
                       #{}, binary_to_list(T)),
    Leaves = lists:sort([{N, C, {leaf, C}} || {C, N} <- maps:to_list(Freq)]),
    Tree = build(Leaves),
    {codes(Tree, <<>>, #{}), Tree}.

build([{_, _, T}]) -> T;
build([{N1, K1, T1}, {N2, K2, T2} | Rest]) ->
    build(lists:sort([{N1 + N2, min(K1, K2), {node, T1, T2}} | Rest])).

codes({leaf, C}, <<>>, M) -> M#{C => <<0:1>>};
codes({leaf, C}, Bits, M) -> M#{C => Bits};
codes({node, L, R}, Bits, M) -> codes(R, <<Bits/bitstring, 1:1>>, codes(L, <<Bits/bitstring, 0:1>>, M)).

huffman_encode(T, Codes) -> << <<(maps:get(C, Codes))/bitstring>> || <<C>> <= T >>.

huffman_decode(_, empty, 0) -> <<>>;
huffman_decode(Bits, Tree, N) -> hdec(Bits, Tree, Tree, N, <<>>).

hdec(_, _, _, 0, Acc) -> Acc;
hdec(Bits, {leaf, C}, Tree, N, Acc) when Tree =:= {leaf, C} ->
    <<_:1, R/bitstring>> = Bits,
    hdec(R, Tree, Tree, N - 1, <<Acc/binary, C>>);
hdec(Bits, {leaf, C}, Tree, N, Acc) -> hdec(Bits, Tree, Tree, N - 1, <<Acc/binary, C>>);
hdec(<<0:1, R/bitstring>>, {node, L, _}, Tree, N, Acc) -> step(R, L, Tree, N, Acc);
hdec(<<1:1, R/bitstring>>, {node, _, Rt}, Tree, N, Acc) -> step(R, Rt, Tree, N, Acc).

step(R, {leaf, C}, Tree, N, Acc) -> hdec(R, Tree, Tree, N - 1, <<Acc/binary, C>>);
step(R, Sub, Tree, N, Acc) -> hdec(R, Sub, Tree, N, Acc).

bits_str(B) -> [$0 + X || <<X:1>> <= B].

%% ---------------------------------------------------------------- LZ77
lz77_tokens(T, Win) -> lz77_tok(T, 0, Win, []).

lz77_tok(T, Pos, _Win, Acc) when Pos >= byte_size(T) -> lists:reverse(Acc);
lz77_tok(T, Pos, Win, Acc) ->
    case longest(T, Pos, max(0, Pos - Win), {0, 0}) of
        {Len, Dist} when Len >= 3 -> lz77_tok(T, Pos + Len, Win, [{copy, Dist, Len} | Acc]);
        _ -> lz77_tok(T, Pos + 1, Win, [{lit, binary:at(T, Pos)} | Acc])
    end.

longest(_T, Pos, Start, Best) when Start >= Pos -> Best;
longest(T, Pos, Start, {BL, _} = Best) ->
    L = match_len(T, Start, Pos, 0),
    longest(T, Pos, Start + 1, if L > BL -> {L, Pos - Start}; true -> Best end).

match_len(T, A, B, N) when B + N < byte_size(T), N < 255 ->
    case binary:at(T, A + N) =:= binary:at(T, B + N) of
        true -> match_len(T, A, B, N + 1);
        false -> N
    end;
match_len(_, _, _, N) -> N.

lz77(T, Win) ->
    pad(<< <<(case Tok of {lit, C} -> <<0:1, C:8>>; {copy, D, L} -> <<1:1, D:7, L:8>> end)/bitstring>>
       || Tok <- lz77_tokens(T, Win) >>).

pad(B) ->
    P = (8 - bit_size(B) rem 8) rem 8,
    <<B/bitstring, 0:P>>.

unlz77(B) -> unlz(B, <<>>).
unlz(<<0:1, C:8, R/bitstring>>, Acc) -> unlz(R, <<Acc/binary, C>>);
unlz(<<1:1, D:7, L:8, R/bitstring>>, Acc) when L > 0 -> unlz(R, copy(Acc, D, L));
unlz(_Pad, Acc) -> Acc.

copy(Acc, _D, 0) -> Acc;
copy(Acc, D, L) -> copy(<<Acc/binary, (binary:at(Acc, byte_size(Acc) - D))>>, D, L - 1).
