%% maps functions beyond the BIFs: groups_from_list, fold/map/filter
%% with ordering hidden by sorting, with/without, update_with, intersect,
%% merge_with, iterator walking, from_keys, take, and errors.
-module(t_std_maps_more).
-export([main/0]).

p(X) -> io:format("~p~n", [X]).

e(F) -> try F() catch C:R -> {C, R} end.

walk(I) ->
    case maps:next(I) of
        none -> [];
        {K, V, I2} -> [{K, V} | walk(I2)]
    end.

main() ->
    M = maps:from_list([{K, K * K} || K <- lists:seq(1, 10)]),
    p(maps:groups_from_list(fun(X) -> X rem 3 end, lists:seq(1, 10))),
    p(maps:groups_from_list(fun(X) -> X rem 2 end, fun(X) -> X * 10 end, lists:seq(1, 6))),
    p(maps:with([1, 3, 99], M)),
    p(maps:without(lists:seq(3, 10), M)),
    p(maps:update_with(2, fun(V) -> V + 1 end, M) =:= M#{2 := 5}),
    p(maps:update_with(99, fun(V) -> V end, init, #{})),
    p(e(fun() -> maps:update_with(99, fun(V) -> V end, #{}) end)),
    p(maps:intersect(#{a => 1, b => 2}, #{b => 3, c => 4})),
    p(maps:intersect_with(fun(_, A, B) -> A + B end, #{a => 1, b => 2}, #{b => 3, c => 4})),
    p(maps:merge_with(fun(_, A, B) -> {A, B} end, #{a => 1, b => 2}, #{b => 3, c => 4})),
    p(lists:sort(walk(maps:iterator(#{x => 1, y => 2, z => 3})))),
    p(maps:from_keys([a, b, c], 0)),
    p(maps:take(3, #{3 => three, 4 => four})),
    p(maps:take(5, #{3 => three})),
    p(maps:filtermap(fun(K, V) when K > 8 -> {true, -V}; (K, _) -> K =:= 1 end, M)),
    p(maps:foreach(fun(_, _) -> ok end, M)),
    p({maps:get(1, M), maps:get(0, M, dflt), maps:find(2, M), maps:find(0, M)}),
    p(e(fun() -> maps:get(0, M) end)),
    p(e(fun() -> maps:get(a, not_a_map) end)),
    p(maps:put(k, v, #{})),
    p(maps:remove(1, #{1 => a, 2 => b})),
    p(maps:update(1, z, #{1 => a})),
    p(e(fun() -> maps:update(3, z, #{1 => a}) end)),
    p({maps:is_key(1, M), maps:size(M), map_size(#{})}),
    p(lists:sort(maps:keys(M))),
    p(lists:sort(maps:values(M))),
    p(maps:fold(fun(K, V, A) -> A + K * V end, 0, M)),
    p(maps:to_list(maps:map(fun(K, V) -> V - K end, #{1 => 10, 2 => 20}))),
    Big = maps:from_list([{I, I} || I <- lists:seq(1, 100)]),
    p(lists:sum(maps:values(maps:filter(fun(K, _) -> K rem 10 =:= 0 end, Big)))),
    p(maps:merge(#{a => 1}, #{a => 2, b => 3})),
    ok.
