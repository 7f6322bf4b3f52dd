%% maps:fold/map/filter/filtermap/foreach/to_list on small and large maps
%% with non-atom keys, iterators as inputs, and the error cases.
-module(t_map2_fold_map).
-export([main/0]).

id(X) -> X.

e(F) -> try F() catch C:R -> {C, R} end.

main() ->
    Small = id(#{1 => one, 2 => two, 3 => three, {t} => tup, <<"b">> => bin, 2.5 => flt}),
    Big = maps:from_list([{X, X * X} || X <- lists:seq(-20, 60)]),
    io:format("~p~n", [maps:fold(fun(K, V, A) -> [{K, V} | A] end, [], Small)]),
    io:format("~p~n", [maps:fold(fun(K, V, {S1, S2}) -> {S1 + K, S2 + V} end, {0, 0}, Big)]),
    %% fold order == to_list order == iterator order
    io:format("~p~n", [lists:reverse(maps:fold(fun(K, _, A) -> [K | A] end, [], Big)) =:= maps:keys(Big)]),
    io:format("~p~n", [maps:map(fun(K, V) when is_integer(K) -> {K, V}; (_, V) -> V end, Small)]),
    BigM = maps:map(fun(K, V) -> V - K * K end, Big),
    io:format("~p~n", [lists:usort(maps:values(BigM))]),
    io:format("~p~n", [maps:filter(fun(K, _) -> is_integer(K) end, Small)]),
    Odd = maps:filter(fun(K, _) -> K rem 2 =/= 0 end, Big),
    io:format("~p ~p~n", [map_size(Odd), lists:sort(maps:keys(Odd)) =:= [X || X <- lists:seq(-20, 60), X rem 2 =/= 0]]),
    %% filtermap: drop, keep and replace
    FM = maps:filtermap(fun(K, _) when K < 0 -> false;
                           (K, _) when K rem 10 =:= 0 -> true;
                           (_, V) when V > 1000 -> {true, big};
                           (_, _) -> false
                        end, Big),
    io:format("~p~n", [lists:sort(maps:to_list(FM))]),
    %% using an iterator as the input
    It = maps:iterator(Big),
    io:format("~p~n", [maps:fold(fun(_, V, A) -> V + A end, 0, It)]),
    io:format("~p~n", [map_size(maps:map(fun(_, V) -> V end, It))]),
    io:format("~p~n", [map_size(maps:filter(fun(_, V) -> V < 100 end, It))]),
    %% foreach sees every pair once
    put(seen, 0),
    maps:foreach(fun(K, V) -> put(seen, get(seen) + K + V) end, Big),
    io:format("~p~n", [get(seen)]),
    %% folding over the empty map
    io:format("~p~n", [{maps:fold(fun(_, _, _) -> x end, init, #{}), maps:map(fun(_, _) -> x end, #{}),
                        maps:filter(fun(_, _) -> true end, #{})}]),
    %% errors
    io:format("~p~n", [e(fun() -> maps:fold(fun(_, _, A) -> A end, 0, id(not_a_map)) end)]),
    io:format("~p~n", [e(fun() -> maps:map(fun(_) -> x end, Small) end)]),
    io:format("~p~n", [e(fun() -> maps:filter(id(not_fun), Small) end)]),
    io:format("~p~n", [e(fun() -> maps:filtermap(fun(_, _) -> maybe end, Small) end)]),
    io:format("~p~n", [e(fun() -> maps:foreach(fun(_, _) -> ok end, [1, 2]) end)]),
    io:format("~p~n", [e(fun() -> maps:fold(fun(K, _, _) -> throw({stop, K}) end, 0, #{only => 1}) end)]),
    %% to_list/from_list round trip of a large map
    io:format("~p~n", [maps:from_list(maps:to_list(Big)) =:= Big]),
    io:format("~p~n", [lists:sublist(maps:to_list(Big), 8)]),
    ok.
