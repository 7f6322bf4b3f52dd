%% sets (v1 and v2 via [{version, 2}]), gb_sets and ordsets: building,
%% set algebra, folds, filters, conversions, and is_set/is_subset.
-module(t_std_sets).
-export([main/0]).

p(X) -> io:format("~p~n", [X]).

sorted(S) -> lists:sort(sets:to_list(S)).

main() ->
    A = sets:from_list([1, 2, 3, 4, 5, 3]),
    B = sets:from_list([4, 5, 6, 7]),
    p({sets:size(A), sorted(A)}),
    p(sorted(sets:union(A, B))),
    p(sorted(sets:intersection(A, B))),
    p(sorted(sets:subtract(A, B))),
    p(sorted(sets:union([A, B, sets:from_list([100])]))),
    p(sorted(sets:intersection([A, B, sets:from_list([5])]))),
    p({sets:is_element(3, A), sets:is_element(9, A), sets:is_set(A), sets:is_set(foo)}),
    p({sets:is_subset(sets:from_list([1, 2]), A), sets:is_disjoint(A, sets:from_list([9]))}),
    p(sorted(sets:add_element(10, A))),
    p(sorted(sets:del_element(1, A))),
    p(sorted(sets:filter(fun(X) -> X rem 2 =:= 0 end, A))),
    p(lists:sort(sets:fold(fun(X, Acc) -> [X * X | Acc] end, [], A))),
    p({sets:is_empty(sets:new()), sets:is_empty(A)}),
    %% version 2 (map based)
    A2 = sets:from_list([1, 2, 3, 4, 5, 3], [{version, 2}]),
    B2 = sets:from_list([4, 5, 6, 7], [{version, 2}]),
    p(A2),
    p(sets:new([{version, 2}])),
    p({sets:size(A2), sorted(sets:union(A2, B2)), sorted(sets:intersection(A2, B2))}),
    p(sorted(sets:subtract(A2, B2))),
    p(sets:is_subset(sets:from_list([2, 3], [{version, 2}]), A2)),
    p(sets:add_element(0, sets:from_list([1], [{version, 2}]))),
    p(sets:del_element(1, sets:from_list([1, 2], [{version, 2}]))),
    p(sets:filter(fun(X) -> X > 3 end, A2)),
    p(sets:fold(fun(X, Acc) -> [X div 2 | Acc] end, [], A2)),
    p(sets:is_set(A2)),
    %% gb_sets
    G = gb_sets:from_list([5, 3, 9, 1, 7]),
    p({gb_sets:to_list(G), gb_sets:size(G), gb_sets:smallest(G), gb_sets:largest(G)}),
    p(gb_sets:to_list(gb_sets:union(G, gb_sets:from_list([2, 4])))),
    p(gb_sets:to_list(gb_sets:intersection(G, gb_sets:from_list([1, 2, 3])))),
    p(gb_sets:to_list(gb_sets:difference(G, gb_sets:from_list([1, 9])))),
    {Min, G1} = gb_sets:take_smallest(G),
    {Max, G2} = gb_sets:take_largest(G1),
    p({Min, Max, gb_sets:to_list(G2)}),
    p({gb_sets:is_member(7, G), gb_sets:is_member(8, G)}),
    p(gb_sets:to_list(gb_sets:add(4, G))),
    p(gb_sets:to_list(gb_sets:delete_any(100, G))),
    p(gb_sets:next(gb_sets:iterator(G))),
    p(iter(gb_sets:iterator_from(4, G))),
    p(gb_sets:to_list(gb_sets:filter(fun(X) -> X > 4 end, G))),
    p(gb_sets:fold(fun(X, Acc) -> X + Acc end, 0, G)),
    p({gb_sets:is_subset(gb_sets:from_list([3, 5]), G), gb_sets:is_empty(gb_sets:empty())}),
    p(gb_sets:to_list(gb_sets:balance(gb_sets:insert(11, G)))),
    p(gb_sets:from_list([c, a, b])),
    p(catch gb_sets:insert(5, G)),
    %% ordsets
    O = ordsets:from_list([c, a, b, a]),
    p(O),
    p(ordsets:union(O, [d, a])),
    p(ordsets:intersection(O, [b, c, z])),
    p(ordsets:subtract(O, [a])),
    p(ordsets:union([[a], [c, z], [b]])),
    p(ordsets:intersection([[a, b, c], [b, c], [c]])),
    p({ordsets:is_element(b, O), ordsets:is_subset([a, b], O), ordsets:is_disjoint(O, [x])}),
    p(ordsets:add_element(aa, O)),
    p(ordsets:del_element(b, O)),
    p(ordsets:filter(fun(X) -> X =/= a end, O)),
    p(ordsets:fold(fun(X, Acc) -> [X | Acc] end, [], O)),
    p({ordsets:is_set([a, b]), ordsets:is_set([b, a]), ordsets:size(O)}),
    ok.

iter(I) ->
    case gb_sets:next(I) of
        none -> [];
        {X, I2} -> [X | iter(I2)]
    end.
