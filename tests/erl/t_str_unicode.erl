%% unicode module: characters_to_list/binary between encodings, error and
%% incomplete results, BOM handling, normalization forms.
-module(t_str_unicode).
-export([main/0]).

p(X) -> io:format("~w~n", [X]).

main() ->
    S = "añ€😀",
    U8 = unicode:characters_to_binary(S),
    p(U8),
    p(unicode:characters_to_list(U8)),
    p(unicode:characters_to_binary(S, unicode, utf16)),
    p(unicode:characters_to_binary(S, unicode, {utf16, little})),
    p(unicode:characters_to_binary(S, unicode, utf32)),
    p(unicode:characters_to_binary(S, unicode, {utf32, little})),
    p(unicode:characters_to_list(unicode:characters_to_binary(S, unicode, utf16), utf16)),
    p(unicode:characters_to_list(<<0, 0, 0, 97, 0, 1, 246, 0>>, utf32)),
    p(unicode:characters_to_binary("åäö", latin1)),
    p(unicode:characters_to_binary(<<"åäö"/utf8>>, utf8, latin1)),
    p(unicode:characters_to_binary("a€", unicode, latin1)),
    p(unicode:characters_to_list(<<229, 228>>, latin1)),
    p(unicode:characters_to_binary([$a, [<<"bc">>, [$d]], <<"e">>])),
    p(unicode:characters_to_list([<<"x">>, 16#20AC, "y"])),
    %% errors and incomplete
    p(unicode:characters_to_list(<<"ab", 16#FF, "cd">>)),
    p(unicode:characters_to_list(<<"ab", 16#E2, 16#82>>)),
    p(unicode:characters_to_binary([$a, -1, $b])),
    p(unicode:characters_to_binary(<<"ok", 16#C3>>, utf8, utf16)),
    p(unicode:characters_to_list(<<0, 97, 0>>, utf16)),
    p(catch unicode:characters_to_list(foo)),
    p(catch unicode:characters_to_binary([1 | 2])),
    p(unicode:characters_to_list([16#D800])),
    p(unicode:characters_to_list([16#110000])),
    %% BOMs
    p(unicode:encoding_to_bom(utf8)),
    p(unicode:encoding_to_bom({utf16, little})),
    p(unicode:encoding_to_bom(utf32)),
    p(unicode:bom_to_encoding(<<16#EF, 16#BB, 16#BF, "x">>)),
    p(unicode:bom_to_encoding(<<16#FF, 16#FE, 0, 0>>)),
    p(unicode:bom_to_encoding(<<16#FE, 16#FF>>)),
    p(unicode:bom_to_encoding(<<"plain">>)),
    %% normalization
    p(unicode:characters_to_nfd_list("é")),
    p(unicode:characters_to_nfc_list([$e, 16#301])),
    p(unicode:characters_to_nfd_binary(<<"Å"/utf8>>)),
    p(unicode:characters_to_nfkc_list("ﬁ①")),
    p(unicode:characters_to_nfkd_binary("²")),
    p(unicode:characters_to_nfc_binary([$a, 16#30A, $o, 16#308])),
    %% utf8 binary syntax agrees
    p(<< <<C/utf8>> || C <- S >> =:= U8),
    p([C || <<C/utf8>> <= U8]),
    p(byte_size(U8)),
    ok.
