%% maps:groups_from_list/2,3, iterator/next walking (small, large, with
%% early stop), intersect/intersect_with and from_keys on many key types.
-module(t_map2_groups_iter).
-export([main/0]).

id(X) -> X.

e(F) -> try F() catch C:R -> {C, R} end.

walk(I, N, Acc) when N =:= 0 -> {lists:reverse(Acc), I};
walk(I, N, Acc) ->
    case maps:next(I) of
        none -> {lists:reverse(Acc), none};
        {K, V, I2} -> walk(I2, N - 1, [{K, V} | Acc])
    end.

main() ->
    L = lists:seq(1, 30),
    io:format("~p~n", [maps:groups_from_list(fun(X) -> X rem 4 end, L)]),
    io:format("~p~n", [maps:groups_from_list(fun(X) -> X rem 3 =:= 0 end, fun(X) -> X * X end, L)]),
    io:format("~p~n", [maps:groups_from_list(fun byte_size/1, [<<"a">>, <<"bb">>, <<"c">>, <<>>, <<"dd">>])]),
    Many = maps:groups_from_list(fun(X) -> {X rem 37} end, lists:seq(1, 200)),
    io:format("~p ~p~n", [map_size(Many), maps:get({5}, Many)]),
    io:format("~p~n", [maps:groups_from_list(fun(X) -> X end, [])]),
    io:format("~p~n", [e(fun() -> maps:groups_from_list(fun(X) -> X end, id(notlist)) end)]),
    %% iterators: full walk of a small and a big map
    Small = id(#{c => 3, a => 1, b => 2, 10 => ten}),
    {SW, none} = walk(maps:iterator(Small), -1, []),
    io:format("~p~n", [SW]),
    Big = maps:from_list([{X * 3, X} || X <- lists:seq(1, 70)]),
    {BW, none} = walk(maps:iterator(Big), -1, []),
    io:format("~p ~p~n", [length(BW), lists:sort(BW) =:= lists:sort(maps:to_list(Big))]),
    io:format("~p~n", [BW]),
    io:format("~p~n", [maps:to_list(Big)]),
    %% partial walks, resumed
    {First5, I5} = walk(maps:iterator(Big), 5, []),
    {Next5, _} = walk(I5, 5, []),
    io:format("~p~n", [First5 ++ Next5 =:= lists:sublist(maps:to_list(Big), 10)]),
    io:format("~p~n", [First5]),
    %% the iterator is a value: reusing it gives the same result
    {Again, _} = walk(I5, 5, []),
    io:format("~p~n", [Again =:= Next5]),
    io:format("~p~n", [{maps:next(maps:iterator(#{})), e(fun() -> maps:next(id(bad)) end),
                        e(fun() -> maps:iterator(id([])) end)}]),
    %% intersect
    A = maps:from_list([{X, a} || X <- lists:seq(1, 50)]),
    B = maps:from_list([{X, b} || X <- lists:seq(40, 90)]),
    I = maps:intersect(A, B),
    io:format("~p~n", [lists:sort(maps:to_list(I))]),
    IW = maps:intersect_with(fun(K, Va, Vb) -> {K, Va, Vb} end, A, B),
    io:format("~p~n", [maps:get(45, IW)]),
    io:format("~p~n", [{maps:intersect(#{1 => x, 1.0 => y}, #{1 => z}), maps:intersect(#{}, A)}]),
    io:format("~p~n", [e(fun() -> maps:intersect(A, id(x)) end)]),
    io:format("~p~n", [e(fun() -> maps:intersect_with(id(x), A, B) end)]),
    %% from_keys with many key types and sizes
    io:format("~p~n", [maps:from_keys([<<"x">>, {1}, 2.0, 2, [], "s"], v)]),
    FK = maps:from_keys(lists:seq(1, 100), 0),
    io:format("~p ~p~n", [map_size(FK), lists:sum(maps:values(FK))]),
    io:format("~p~n", [maps:from_keys([], v)]),
    io:format("~p~n", [e(fun() -> maps:from_keys(id(x), v) end)]),
    %% iterator over a map built from from_keys gives keys in map order
    io:format("~p~n", [maps:keys(maps:from_keys([3, 1, 2], x))]),
    ok.
