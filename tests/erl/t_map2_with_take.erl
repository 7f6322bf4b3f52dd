%% maps:with/without/take/update_with/merge_with/put/remove/get/3 with
%% non-atom keys across the small/large boundary, and their errors.
-module(t_map2_with_take).
-export([main/0]).

id(X) -> X.

e(F) -> try F() catch C:R -> {C, R} end.

main() ->
    Big = maps:from_list([{{k, X}, X} || X <- lists:seq(1, 50)]),
    Small = id(#{1 => a, 2 => b, 3 => c}),
    W = maps:with([{k, X} || X <- lists:seq(1, 50, 5)] ++ [{k, 999}, nokey], Big),
    io:format("~p~n", [W]),
    Wo = maps:without([{k, X} || X <- lists:seq(1, 45)], Big),
    io:format("~p~n", [Wo]),
    io:format("~p~n", [{maps:with([], Big), map_size(maps:without([], Big))}]),
    io:format("~p~n", [maps:with([3, 1, 3], Small)]),
    %% take
    {V7, Rest} = maps:take({k, 7}, Big),
    io:format("~p ~p ~p~n", [V7, map_size(Rest), maps:is_key({k, 7}, Rest)]),
    io:format("~p~n", [{maps:take(nokey, Big), maps:take(2, Small)}]),
    %% take everything one by one
    Drained = lists:foldl(fun(X, M) -> {X, M2} = maps:take({k, X}, M), M2 end, Big, lists:seq(50, 1, -1)),
    io:format("~p~n", [Drained]),
    %% update_with / 3 and / 4
    U1 = maps:update_with({k, 10}, fun(V) -> V * 100 end, Big),
    io:format("~p~n", [maps:get({k, 10}, U1)]),
    U2 = maps:update_with({k, 0}, fun(V) -> V * 100 end, init, Big),
    io:format("~p ~p~n", [maps:get({k, 0}, U2), map_size(U2)]),
    io:format("~p~n", [e(fun() -> maps:update_with({k, 0}, fun(V) -> V end, Big) end)]),
    %% counting with update_with
    Words = [<<"a">>, <<"b">>, <<"a">>, <<"c">>, <<"b">>, <<"a">>],
    io:format("~p~n", [lists:foldl(fun(Wd, M) -> maps:update_with(Wd, fun(N) -> N + 1 end, 1, M) end, #{}, Words)]),
    %% merge_with on overlapping big maps
    A = maps:from_list([{X, X} || X <- lists:seq(1, 40)]),
    B = maps:from_list([{X, -X} || X <- lists:seq(30, 70)]),
    MW = maps:merge_with(fun(K, V1, V2) -> {K, V1, V2} end, A, B),
    io:format("~p ~p ~p ~p~n", [map_size(MW), maps:get(35, MW), maps:get(5, MW), maps:get(65, MW)]),
    io:format("~p~n", [maps:merge(A, B) =:= maps:merge_with(fun(_, _, V2) -> V2 end, A, B)]),
    io:format("~p~n", [maps:merge_with(fun(_, X, Y) -> X + Y end, Small#{1 => 10}, #{1 => 5, 4 => 4})]),
    %% get/3, find
    io:format("~p~n", [{maps:get({k, 3}, Big, def), maps:get({k, 300}, Big, def), maps:find({k, 3}, Big)}]),
    %% put that does not change the value returns an equal map
    io:format("~p~n", [maps:put({k, 3}, 3, Big) =:= Big]),
    %% errors
    io:format("~p~n", [[e(F) || F <- [fun() -> maps:with(id(notalist), Big) end,
                                      fun() -> maps:without([a], id(notamap)) end,
                                      fun() -> maps:take(a, id([])) end,
                                      fun() -> maps:update_with(1, id(notfun), Small) end,
                                      fun() -> maps:merge_with(fun(_, _, _) -> x end, Small, id(x)) end,
                                      fun() -> maps:get(99, Small) end,
                                      fun() -> maps:update(99, x, Small) end,
                                      fun() -> maps:remove(1, id(<<>>)) end,
                                      fun() -> maps:put(1, 2, id(nil)) end]]]),
    ok.
