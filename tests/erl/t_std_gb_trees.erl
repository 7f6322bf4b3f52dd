%% gb_trees: insert/enter/update/delete, lookups, iterators, folds via
%% to_list, take_smallest/largest, map, balance, and printing of the tree.
-module(t_std_gb_trees).
-export([main/0]).

p(X) -> io:format("~p~n", [X]).

main() ->
    T0 = gb_trees:empty(),
    T1 = lists:foldl(fun(K, T) -> gb_trees:insert(K, K * K, T) end, T0, [5, 2, 8, 1, 9, 3, 7]),
    p(T1),
    p({gb_trees:size(T1), gb_trees:to_list(T1)}),
    p({gb_trees:keys(T1), gb_trees:values(T1)}),
    p({gb_trees:lookup(8, T1), gb_trees:lookup(4, T1), gb_trees:get(3, T1)}),
    p({gb_trees:is_defined(1, T1), gb_trees:is_defined(6, T1)}),
    T2 = gb_trees:update(8, eight, T1),
    p(gb_trees:get(8, T2)),
    T3 = gb_trees:enter(4, four, gb_trees:enter(5, five, T2)),
    p(gb_trees:to_list(T3)),
    T4 = gb_trees:delete(5, T3),
    p(gb_trees:to_list(gb_trees:delete_any(100, T4))),
    p({gb_trees:smallest(T4), gb_trees:largest(T4)}),
    {K1, V1, T5} = gb_trees:take_smallest(T4),
    {K2, V2, T6} = gb_trees:take_largest(T5),
    p({K1, V1, K2, V2, gb_trees:keys(T6)}),
    p(gb_trees:take(3, T6)),
    p(gb_trees:take_any(42, T6)),
    p(gb_trees:to_list(gb_trees:map(fun(K, V) -> {K, V} end, T1))),
    p(iter(gb_trees:iterator(T1))),
    p(iter(gb_trees:iterator_from(6, T1))),
    p(gb_trees:balance(T1) =:= T1),
    p(gb_trees:from_orddict([{a, 1}, {b, 2}, {c, 3}])),
    p(catch gb_trees:insert(5, x, T1)),
    p(catch gb_trees:get(100, T1)),
    p(catch gb_trees:update(100, x, T1)),
    Big = lists:foldl(fun(K, T) -> gb_trees:enter(K rem 97, K, T) end, T0, lists:seq(1, 1000)),
    p({gb_trees:size(Big), lists:sublist(gb_trees:to_list(Big), 5)}),
    p(gb_trees:is_empty(T0)),
    ok.

iter(I) ->
    case gb_trees:next(I) of
        none -> [];
        {K, V, I2} -> [{K, V} | iter(I2)]
    end.
