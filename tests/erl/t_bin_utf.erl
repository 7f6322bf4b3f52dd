-module(t_bin_utf).
-export([main/0]).
id(X) -> X.
dec8(<<C/utf8, R/binary>>, Acc) -> dec8(R, [C | Acc]);
dec8(<<>>, Acc) -> lists:reverse(Acc);
dec8(Bad, Acc) -> {bad, lists:reverse(Acc), Bad}.
dec16(<<C/utf16, R/binary>>) -> [C | dec16(R)];
dec16(R) -> R.
dec16l(<<C/utf16-little, R/binary>>) -> [C | dec16l(R)];
dec16l(R) -> R.
dec32(<<C/utf32, R/binary>>) -> [C | dec32(R)];
dec32(R) -> R.
skip(<<_/utf8, R/binary>>) -> R.
main() ->
    Cps = [$a, 16#7F, 16#80, 16#7FF, 16#800, 16#FFFF, 16#10000, 16#10FFFF, 233, 8364],
    B8 = << <<C/utf8>> || C <- Cps >>,
    erlang:display(B8),
    erlang:display(dec8(B8, [])),
    B16 = << <<C/utf16>> || C <- Cps >>,
    erlang:display(B16),
    erlang:display(dec16(B16)),
    B16L = << <<C/utf16-little>> || C <- Cps >>,
    erlang:display(dec16l(B16L)),
    B32 = << <<C/utf32>> || C <- Cps >>,
    erlang:display(dec32(B32)),
    erlang:display(<< <<C/utf32-little>> || C <- [1, 16#10FFFF] >>),
    %% invalid encodings fail to match
    erlang:display(dec8(id(<<16#C0, 16#80>>), [])),
    erlang:display(dec8(id(<<16#ED, 16#A0, 16#80>>), [])),
    erlang:display(dec8(id(<<16#F4, 16#90, 16#80, 16#80>>), [])),
    erlang:display(dec8(id(<<16#E2, 16#82>>), [])),
    erlang:display(dec8(id(<<"ok", 255>>), [])),
    erlang:display(dec16(id(<<16#DC00:16, 1:16>>))),
    erlang:display(dec16(id(<<16#D800:16, 1:16>>))),
    erlang:display(dec32(id(<<16#110000:32>>))),
    erlang:display(dec32(id(<<16#D800:32>>))),
    erlang:display(skip(id(<<"é!"/utf8>>))),
    %% unaligned utf8
    <<_:3, U/utf8, _:5>> = id(<<0:3, "€"/utf8, 0:5>>),
    erlang:display(U),
    %% construction errors
    [erlang:display(try <<X/utf8>> catch C:R -> {C, R} end) || X <- [id(-1), id(16#D800), id(16#110000), id(a), id(1.0)]],
    erlang:display(try <<(id(16#DFFF))/utf16>> catch C1:R1 -> {C1, R1} end),
    erlang:display(try <<(id(16#D800))/utf32>> catch C2:R2 -> {C2, R2} end),
    erlang:display(unicode_ok),
    ok.
