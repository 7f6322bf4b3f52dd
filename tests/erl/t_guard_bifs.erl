%% BIFs in guards: a failing guard BIF (badarg inside a guard) just makes
%% the clause not match.  Includes binary_part/3 and byte_size/1 applied to
%% non-binaries (always failing here), abs, length, hd, tl, element, size.
-module(t_guard_bifs).
-export([main/0, id/1]).

id(X) -> X.

main() ->
    Vals = [id(-5), id(7), id([1, 2, 3]), id([]), id({a, b, c}), id(foo), id([x | y])],
    erlang:display([g_abs(V) || V <- Vals]),
    erlang:display([g_len(V) || V <- Vals]),
    erlang:display([g_hd(V) || V <- Vals]),
    erlang:display([g_elem(V) || V <- Vals]),
    erlang:display([g_size(V) || V <- Vals]),
    erlang:display([g_binpart(V, 0, 1) || V <- Vals]),
    erlang:display([g_binpart(V, id(1), id(2)) || V <- Vals]),
    erlang:display([g_bytes(V) || V <- Vals]),
    erlang:display([g_bin(V) || V <- Vals]),
    erlang:display(catch_badarg(fun() -> binary_part(id(foo), id(0), id(1)) end)),
    erlang:display(catch_badarg(fun() -> byte_size(id([1])) end)),
    erlang:display([g_or(V) || V <- Vals]),
    erlang:display([g_mixed(V) || V <- Vals]),
    ok.

g_abs(X) when abs(X) > 6 -> {big, abs(X)};
g_abs(X) when abs(X) >= 0 -> {small, abs(X)};
g_abs(_) -> not_number.

g_len(X) when length(X) > 2 -> long;
g_len(X) when length(X) >= 0 -> short;
g_len(_) -> not_proper_list.

g_hd(X) when hd(X) =:= 1, hd(tl(X)) =:= 2 -> starts_12;
g_hd(X) when is_atom(tl(X)) -> improper_tail;
g_hd(_) -> no.

g_elem(X) when element(2, X) =:= b -> second_is_b;
g_elem(X) when tuple_size(X) > 0 -> other_tuple;
g_elem(_) -> no.

g_size(X) when size(X) =:= 3 -> three;
g_size(_) -> no.

g_binpart(X, S, L) when binary_part(X, S, L) =:= X -> same;
g_binpart(X, S, L) when is_integer(S), is_integer(L), binary_part(X, S, L) =/= X -> different;
g_binpart(_, _, _) -> not_binary.

g_bytes(X) when byte_size(X) > 0 -> nonempty_binary;
g_bytes(_) -> no.

g_bin(X) when is_binary(X) -> binary;
g_bin(X) when is_bitstring(X) -> bitstring;
g_bin(_) -> no.

catch_badarg(F) -> try F() catch error:badarg -> badarg end.

%% guard exceptions only fail their own alternative in a ';' guard
g_or(X) when length(X) > 1; abs(X) > 1; element(1, X) =:= a -> yes;
g_or(_) -> no.

g_mixed(X) when is_list(X) andalso length(X) > 2 orelse is_integer(X) andalso X > 0 -> matched;
g_mixed(X) when not is_atom(X) -> not_atom;
g_mixed(_) -> atom.
