%% utf8/utf16/utf32 segments: construction of boundary code points in all
%% endiannesses, matching them back, invalid input, skip_utf*.
-module(t_bs_utf_codec).
-export([main/0]).

id(X) -> X.

cps() ->
    [0, 16#7F, 16#80, 16#7FF, 16#800, 16#FFFF, 16#10000, 16#10FFFF,
     16#D7FF, 16#E000, 16#FFFD, 16#1F600, $A, 16#E9, 16#20AC].

main() ->
    lists:foreach(
      fun(C0) ->
              C = id(C0),
              U8 = <<C/utf8>>,
              U16 = <<C/utf16>>,
              U16L = <<C/utf16-little>>,
              U32 = <<C/utf32>>,
              U32L = <<C/utf32-little>>,
              <<D8/utf8>> = U8,
              <<D16/utf16>> = U16,
              <<D16L/little-utf16>> = U16L,
              <<D32/utf32>> = U32,
              <<D32L/utf32-little>> = U32L,
              io:format("~.16B ~w ~w ~w ~w~n",
                        [C, binary_to_list(U8), binary_to_list(U16), binary_to_list(U16L),
                         [D8, D16, D16L, D32, D32L] =:= [C, C, C, C, C]])
      end, cps()),
    %% invalid code points in construction
    io:format("~p~n", [[{T, C, try build(T, id(C)) catch error:badarg -> badarg end}
                        || T <- [utf8, utf16, utf32],
                           C <- [-1, 16#D800, 16#DFFF, 16#110000, 1 bsl 40]]]),
    %% invalid sequences in matching
    Bad8 = [<<16#C0, 16#80>>, <<16#C1, 16#BF>>, <<16#E0, 16#80, 16#80>>, <<16#ED, 16#A0, 16#80>>,
            <<16#F4, 16#90, 16#80, 16#80>>, <<16#F8, 16#88, 16#80, 16#80, 16#80>>, <<16#80>>,
            <<16#E2, 16#82>>, <<16#FF>>, <<16#C3>>, <<16#F0, 16#9F, 16#98, 16#80>>],
    io:format("~p~n", [[case id(B) of <<X/utf8, R/binary>> -> {X, R}; _ -> bad end || B <- Bad8]]),
    Bad16 = [<<16#D8, 0, 16#DC, 0>>, <<16#D8, 0>>, <<16#DC, 0, 0, 0>>, <<16#DB, 16#FF, 16#DF, 16#FF>>,
             <<16#D8, 0, 0, 65>>, <<0>>],
    io:format("~p~n", [[case id(B) of <<X/utf16, R/binary>> -> {X, R}; _ -> bad end || B <- Bad16]]),
    io:format("~p~n", [[case id(B) of <<X/utf16-little, R/binary>> -> {X, R}; _ -> bad end
                        || B <- [<<0, 16#D8, 0, 16#DC>>, <<65, 0, 66>>, <<0, 16#DC>>]]]),
    Bad32 = [<<0, 0, 16#D8, 0>>, <<0, 16#11, 0, 0>>, <<0, 16#10, 16#FF, 16#FF>>, <<255, 255, 255, 255>>,
             <<0, 0, 0>>],
    io:format("~p~n", [[case id(B) of <<X/utf32, _/binary>> -> X; _ -> bad end || B <- Bad32]]),
    %% decode whole strings and count with skip (a match that ignores the value)
    S = id(<<"añ€😀z"/utf8>>),
    io:format("~p ~p~n", [dec8(S, []), count8(S, 0)]),
    S16 = id(<<"añ€😀z"/utf16>>),
    io:format("~p ~p~n", [dec16(S16, []), byte_size(S16)]),
    S32 = id(<<"añ€😀z"/utf32-little>>),
    io:format("~p~n", [[C || <<C/utf32-little>> <= S32]]),
    %% utf segments at unaligned positions
    U = <<(id(1)):3, (id(16#20AC))/utf8, (id(16#1F600))/utf16, (id(66))/utf32, (id(0)):5>>,
    io:format("~p ~p~n", [U, bit_size(U)]),
    <<_:3, A/utf8, B/utf16, C/utf32, _:5>> = U,
    io:format("~p~n", [{A, B, C}]),
    %% literal strings with utf types
    io:format("~p~n", [[<<"é€"/utf8>>, <<"é€"/utf16>>, <<"é€"/utf16-little>>, <<"é"/utf32>>]]),
    case id(<<"é€x"/utf16>>) of
        <<"é"/utf16, Rest/binary>> -> io:format("lit ~p~n", [Rest]);
        _ -> io:format("no~n")
    end,
    %% unicode module agrees with bit syntax
    io:format("~p~n", [unicode:characters_to_binary([Cp || Cp <- cps(), Cp < 16#D800 orelse Cp > 16#DFFF], unicode, utf16)
                       =:= << <<Cq/utf16>> || Cq <- cps() >>]),
    ok.

build(utf8, C) -> <<C/utf8>>;
build(utf16, C) -> <<C/utf16>>;
build(utf32, C) -> <<C/utf32>>.

dec8(<<C/utf8, R/binary>>, Acc) -> dec8(R, [C | Acc]);
dec8(<<>>, Acc) -> lists:reverse(Acc).

count8(<<_/utf8, R/binary>>, N) -> count8(R, N + 1);
count8(<<>>, N) -> N.

dec16(<<C/utf16, R/binary>>, Acc) -> dec16(R, [C | Acc]);
dec16(<<>>, Acc) -> lists:reverse(Acc).
