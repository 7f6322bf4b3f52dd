-module(t_copy_shared).
-export([main/0]).

%% erts_debug:copy_shared/2: an equal term whose shared subterms stay
%% shared (erts_debug:size/1 counts each object once).
main() ->
    F = length(atom_to_list(node())),
    Big = 666701523687345689643 * F,
    Bin = binary:copy(<<F:8>>, 200),
    Ref = make_ref(),
    Fun = fun() -> F end,
    Leaf = {Big, -Big, 42.5 * F, Bin, <<F:7>>, Ref, self(), Fun, fun lists:sort/1,
            #{a => F, Big => Bin}, "literal", [F | F]},
    Shared = lists:foldl(fun(_, A) -> [A | A] end, Leaf, lists:seq(1, 10)),
    Map = maps:from_list([{K, Leaf} || K <- lists:seq(1, 40)]),
    T = {Shared, Map, Leaf, list_to_tuple([Leaf || _ <- lists:seq(1, 10)])},
    [check(T, CL) || CL <- [false, true]],
    erlang:display(erts_debug:copy_shared(7, true)),
    erlang:display(try erts_debug:copy_shared(T, maybe) catch error:R -> R end),
    ok.

check(T, CL) ->
    C = erts_debug:copy_shared(T, CL),
    erlang:garbage_collect(),
    erlang:display({CL, C =:= T, C == T, erts_debug:size(C) =:= erts_debug:size(T),
                    binary_to_term(term_to_binary(C)) =:= T}),
    {Shared, _, _, _} = C,
    [A | B] = Shared,
    erlang:display(erts_debug:same(A, B)).
