%% binary_to_atom/1,2 and binary_to_existing_atom edge cases (bif_SUITE's
%% t_binary_to_atom): bad encodings, bad UTF-8, unaligned binaries, bitstrings,
%% the 255-character limit in characters (not bytes) for both encodings.
-module(t_fid_b2a).
-export([main/0]).

c(F) ->
    try F() of
        V -> {ok, V}
    catch
        C:R -> {C, R}
    end.

main() ->
    Long = lists:seq(0, 254),
    LongBin = list_to_binary(Long),
    ULongBin = << <<"é"/utf8>> || _ <- lists:seq(0, 254)>>,
    Cases =
        [fun() -> binary_to_atom(<<>>, latin1) end,
         fun() -> binary_to_atom(<<255>>, latin1) end,
         fun() -> binary_to_atom(LongBin, latin1) =:= list_to_atom(Long) end,
         fun() -> binary_to_atom(<<>>, utf8) end,
         fun() -> binary_to_atom(ULongBin, utf8) =:= list_to_atom([$é || _ <- Long]) end,
         fun() -> binary_to_atom(ULongBin, unicode) =:= list_to_atom([$é || _ <- Long]) end,
         fun() -> binary_to_atom(ULongBin) =:= list_to_atom([$é || _ <- Long]) end,
         fun() -> binary_to_existing_atom(ULongBin, utf8) =:= list_to_atom([$é || _ <- Long]) end,
         fun() -> [C || C <- lists:seq(128, 255),
                        list_to_atom([C]) =/= binary_to_atom(<<C/utf8>>, utf8)] end,
         fun() -> binary_to_atom(<<"こんにちは"/utf8>>, utf8) end,
         fun() -> atom_to_binary(binary_to_atom(<<"こんにちは"/utf8>>)) end,
         fun() -> <<_:3, U:5/binary, _:5>> = <<7:3, "hello", 32:5>>, binary_to_atom(U, latin1) end,
         fun() -> <<_:3, U:5/binary, _:5>> = <<7:3, "hello", 32:5>>, binary_to_atom(U, utf8) end,
         fun() -> <<_:3, U:5/binary, _:5>> = <<7:3, "hello", 32:5>>, binary_to_existing_atom(U, utf8) end,
         fun() -> binary_to_atom(atom, latin1) end,
         fun() -> binary_to_atom([1, 2, 3], utf8) end,
         fun() -> binary_to_atom(<<0:7>>, latin1) end,
         fun() -> binary_to_atom(<<42:13>>, utf8) end,
         fun() -> binary_to_atom(<<42:13>>) end,
         fun() -> binary_to_atom(<<>>, blurf) end,
         fun() -> binary_to_atom(<<>>, []) end,
         fun() -> binary_to_atom(<<255>>, utf8) end,
         fun() -> binary_to_atom(<<255>>) end,
         fun() -> binary_to_atom(<<255, 0>>, utf8) end,
         fun() -> binary_to_atom(<<16#C0, 16#80>>, utf8) end,
         fun() -> <<B:1/binary, _/binary>> = <<194, 163>>, binary_to_atom(B, utf8) end,
         fun() -> binary_to_atom(<<0:512/unit:8, 255>>, utf8) end,
         fun() -> binary_to_atom(<<0:512/unit:8, 255>>) end,
         fun() -> binary_to_atom(<<0:512/unit:8, 255, 0>>, utf8) end,
         fun() -> binary_to_atom(<<0:256/unit:8>>, latin1) end,
         fun() -> binary_to_atom(<<0:257/unit:8>>, latin1) end,
         fun() -> binary_to_atom(<<0:256/unit:8>>, utf8) end,
         fun() -> binary_to_atom(<<0:512/unit:8>>, utf8) end,
         fun() -> binary_to_existing_atom(<<0:256/unit:8>>, utf8) end,
         fun() -> binary_to_existing_atom(<<255>>, utf8) end,
         fun() -> binary_to_existing_atom(<<"t_fid_b2a_never_made">>, utf8) end,
         fun() -> binary_to_existing_atom(<<>>, blurf) end,
         fun() -> binary_to_existing_atom(<<"ok">>, latin1) end,
         fun() -> binary_to_existing_atom(<<"ok">>) end],
    [erlang:display(c(F)) || F <- Cases],
    ok.
