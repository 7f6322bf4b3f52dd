%% atom_to_list / list_to_atom / integer_to_list / list_to_integer,
%% including atoms that need quoting when displayed.
-module(t_atom_conv).
-export([main/0, id/1]).

id(X) -> X.

main() ->
    erlang:display([atom_to_list(A) || A <- [id(hello), id('Hello World'), id(''), id('a\'b'), id(true)]]),
    Made = [list_to_atom(S) || S <- [id("plain"), id("With Space"), id("UPPER"), id("9lives"),
                                     id("with-dash"), id("ok_1@host"), id("[]"), id(""), id("é")]],
    erlang:display(Made),
    erlang:display(list_to_atom(id("plain")) =:= plain),
    erlang:display(list_to_atom(atom_to_list(id(roundtrip)))),
    erlang:display([integer_to_list(I) || I <- [id(0), id(-1), id(123456789), id(-(1 bsl 64))]]),
    erlang:display([list_to_integer(S) || S <- [id("0"), id("-0"), id("007"), id("-42"), id("+5"),
                                                 id("18446744073709551616")]]),
    erlang:display([catch_badarg(S) || S <- [id(""), id("-"), id("1.0"), id("abc"), id(" 1"), id([1, 2])]]),
    Gen = [list_to_atom("gen_atom_" ++ integer_to_list(I)) || I <- lists:seq(1, 1000)],
    erlang:display({length(Gen), lists:nth(500, Gen), length(lists:usort(Gen))}),
    erlang:display(lists:sort([id('b'), id('B'), id('_x'), id('a b'), id(zz)])),
    erlang:display(['+', '-', '*', '/', '==', '=:=', 'and', 'receive', 'end', 'of', 'fun']),
    erlang:display([a@b, 'A@b', 'a.b', a_B9, 'ñ']),
    ok.

catch_badarg(S) ->
    try list_to_integer(S) catch error:badarg -> {badarg, S} end.
