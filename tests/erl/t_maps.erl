%% Maps: construction, update, matching, iteration order, maps module.
-module(t_maps).
-export([main/0, id/1]).

id(X) -> X.

main() ->
    M = #{a => 1, b => 2, c => 3},
    erlang:display(M),
    erlang:display({maps:get(a, M), maps:get(z, M, none), map_size(M)}),
    M2 = M#{d => 4, a := 10},
    erlang:display(M2),
    #{b := B, d := D} = M2,
    erlang:display({B, D}),
    erlang:display(catch_err(fun() -> (id(M))#{zz := 1} end)),
    erlang:display(catch_err(fun() -> maps:get(zz, id(M)) end)),
    erlang:display(lists:sort(maps:to_list(maps:map(fun(_, V) -> V * V end, M2)))),
    erlang:display(maps:fold(fun(K, V, Acc) -> [{K, V} | Acc] end, [], #{1 => x})),
    Big = maps:from_list([{I, I * I} || I <- lists:seq(1, 100)]),
    erlang:display({map_size(Big), maps:get(77, Big), lists:sum(maps:values(Big))}),
    erlang:display(lists:sort([{1, a}, #{}, [], {}, 1, a])),
    erlang:display([is_map(X) || X <- [M, #{}, [], {}]]),
    erlang:display(#{{k, 1} => [v], "str" => 1 bsl 70}),
    ok.

catch_err(F) -> try F() catch error:R -> R end.
