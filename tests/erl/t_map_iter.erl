%% Iterators over flatmaps and big maps, and the Erlang functions built on
%% them (fold, map, filter, foreach) whose visiting order is erl's.
-module(t_map_iter).
-export([main/0]).

main() ->
    Small = #{c => 3, a => 1, b => 2},
    erlang:display(walk(maps:iterator(Small))),
    Big = maps:from_list([{I * 3, I} || I <- lists:seq(1, 90)]),
    erlang:display(walk(maps:iterator(Big))),
    erlang:display(walk(maps:iterator(Big)) =:= lists:reverse(maps:keys(Big))),
    erlang:display(maps:fold(fun(K, V, A) -> [{K, V} | A] end, [], Big) =:= maps:to_list(Big)),
    erlang:display(maps:fold(fun(K, _, A) -> [K | A] end, [], Small)),
    maps:foreach(fun(K, V) when K rem 10 =:= 0 -> erlang:display({K, V}); (_, _) -> ok end, Big),
    erlang:display(maps:to_list(maps:filter(fun(K, _) -> K rem 9 =:= 0 end, Big))),
    erlang:display(maps:keys(maps:map(fun(_, V) -> V * 2 end, Big))),
    I1 = maps:iterator(Big),
    {K1, V1, I2} = maps:next(I1),
    {K2, V2, _} = maps:next(I2),
    erlang:display({K1, V1, K2, V2}),
    erlang:display(maps:fold(fun(K, V, A) -> A + K * V end, 0, maps:iterator(Big))),
    Huge = maps:from_list([{I, I} || I <- lists:seq(1, 5000)]),
    erlang:display(length(walk(maps:iterator(Huge)))),
    erlang:display(walk(maps:iterator(Huge)) =:= lists:reverse(maps:keys(Huge))),
    erlang:display(lists:sublist(maps:to_list(Huge), 20)),
    erlang:display(maps:fold(fun(K, _, A) -> max(K, A) end, 0, Huge)),
    ok.

walk(I) ->
    case maps:next(I) of
        none -> [];
        {K, _, Next} -> [K | walk(Next)]
    end.
