-module(t_bin_convert).
-export([main/0]).
id(X) -> X.
e(F) -> try F() catch C:R -> {C, R} end.
main() ->
    erlang:display(atom_to_binary(id(hello))),
    erlang:display(atom_to_binary(id('with space'), utf8)),
    erlang:display(atom_to_binary(id('héllo'), latin1)),
    erlang:display(atom_to_binary(id('héllo'), unicode)),
    erlang:display(e(fun() -> atom_to_binary(id("str")) end)),
    erlang:display(e(fun() -> atom_to_binary(id(a), bad) end)),
    erlang:display(binary_to_atom(id(<<"abc">>))),
    erlang:display(binary_to_atom(id(<<"h", 233>>), latin1)),
    erlang:display(binary_to_atom(id(<<"hé"/utf8>>), utf8)),
    erlang:display(e(fun() -> binary_to_atom(id(<<255>>), utf8) end)),
    erlang:display(e(fun() -> binary_to_atom(binary:copy(<<"a">>, 256)) end)),
    erlang:display(binary_to_existing_atom(id(<<"ok">>))),
    erlang:display(binary_to_existing_atom(id(<<"error">>), utf8)),
    erlang:display(e(fun() -> binary_to_existing_atom(id(<<"no_such_atom_xyzzy_42">>)) end)),
    erlang:display(integer_to_binary(id(12345))),
    erlang:display(integer_to_binary(id(-255), 16)),
    erlang:display(integer_to_binary(id(1 bsl 100))),
    erlang:display(integer_to_binary(id(35), 36)),
    erlang:display(e(fun() -> integer_to_binary(id(1.0)) end)),
    erlang:display(e(fun() -> integer_to_binary(id(1), 37) end)),
    erlang:display(binary_to_integer(id(<<"-123">>))),
    erlang:display(binary_to_integer(id(<<"+77">>))),
    erlang:display(binary_to_integer(id(<<"ff">>), 16)),
    erlang:display(binary_to_integer(id(<<"123456789012345678901234567890">>))),
    erlang:display(e(fun() -> binary_to_integer(id(<<"12a">>)) end)),
    erlang:display(e(fun() -> binary_to_integer(id(<<>>)) end)),
    erlang:display(e(fun() -> binary_to_integer(id(<<" 1">>)) end)),
    erlang:display(e(fun() -> binary_to_integer(id("12")) end)),
    ok.
