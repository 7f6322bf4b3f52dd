%% An analytics pipeline over 60k generated sales events: large maps
%% (HAMT, mixed key types) built with maps:update_with and folds, printed
%% in their native iteration order (keys without atoms: BEAM orders
%% atom-containing keys of large maps by atom-table index), maps:iterator paging, percentiles via
%% sorting, group-by with tuple/binary keys, and histogram rendering.
-module(t_app_analytics).
-export([main/0]).

-record(ev, {id, user, sku, region, qty, price, day}).

main() ->
    rand:seed(exsss, {1, 2, 3}),
    Regions = {<<"emea">>, <<"apac">>, <<"amer">>, <<"latam">>},
    Evs = [#ev{id = I, user = rand:uniform(700), sku = 1000 + rand:uniform(40),
               region = element(rand:uniform(4), Regions), qty = rand:uniform(5),
               price = rand:uniform(9999) / 100, day = rand:uniform(90)}
           || I <- lists:seq(1, 60000)],
    io:format("events: ~b~n", [length(Evs)]),
    %% revenue per user (integer keys, > 32 entries: HAMT)
    PerUser = lists:foldl(fun(#ev{user = U, qty = Q, price = P}, M) ->
                                  maps:update_with(U, fun(X) -> X + Q * P end, Q * P, M)
                          end, #{}, Evs),
    io:format("users: ~b~n", [map_size(PerUser)]),
    First = take_iter(maps:iterator(PerUser), 10),
    io:format("first 10 in map order: ~w~n", [[U || {U, _} <- First]]),
    io:format("first 10 keys of maps:keys: ~w~n", [lists:sublist(maps:keys(PerUser), 10)]),
    Sorted = lists:sort([V || V <- maps:values(PerUser)]),
    [io:format("p~-3b revenue/user ~10.2f~n", [P, percentile(Sorted, P)]) || P <- [10, 25, 50, 75, 90, 99]],
    %% per sku per region (tuple keys)
    Cube = lists:foldl(fun(#ev{sku = S, region = R, qty = Q}, M) ->
                               maps:update_with({S, R}, fun(X) -> X + Q end, Q, M)
                       end, #{}, Evs),
    io:format("cube cells: ~b, first 6: ~p~n", [map_size(Cube), lists:sublist(maps:to_list(Cube), 6)]),
    TopSku = lists:sublist(lists:reverse(lists:keysort(2, lists:sort(
                 maps:to_list(maps:fold(fun({S, _}, Q, A) -> maps:update_with(S, fun(X) -> X + Q end, Q, A) end,
                                        #{}, Cube))))), 5),
    io:format("top skus: ~p~n", [TopSku]),
    %% binary keys, region totals
    ByRegion = maps:groups_from_list(fun(#ev{region = R}) -> R end, fun(#ev{qty = Q}) -> Q end, Evs),
    [io:format("~-6s orders ~6b units ~6b~n", [R, length(Qs), lists:sum(Qs)]) || {R, Qs} <- lists:sort(maps:to_list(ByRegion))],
    %% weekly histogram
    Weekly = lists:foldl(fun(#ev{day = D, qty = Q, price = P}, M) ->
                                 maps:update_with((D - 1) div 7, fun(X) -> X + Q * P end, Q * P, M)
                         end, #{}, Evs),
    Max = lists:max(maps:values(Weekly)),
    [io:format("week ~2b ~12.2f ~s~n", [W + 1, V, lists:duplicate(round(40 * V / Max), $#)])
     || {W, V} <- lists:sort(maps:to_list(Weekly))],
    %% mixed key map, printed whole
    Mixed = maps:from_list([{K, erlang:phash2(K, 1000)} || K <- mixed_keys()]),
    io:format("mixed map (~b keys):~n~p~n", [map_size(Mixed), Mixed]),
    io:format("mixed keys order: ~w~n", [maps:keys(Mixed)]),
    %% remove half and check
    Half = maps:without([K || K <- maps:keys(PerUser), K rem 2 =:= 0], PerUser),
    io:format("after removing evens: ~b keys, first: ~w~n", [map_size(Half), lists:sublist(maps:keys(Half), 8)]),
    io:format("filtered by maps:filter: ~b~n", [map_size(maps:filter(fun(_, V) -> V > 2000 end, PerUser))]),
    ok.

mixed_keys() ->
    [I || I <- lists:seq(-20, 20)] ++ [1 bsl 70, -(1 bsl 65), 3.5, -0.25, 1.0e100] ++
    [<<"k", (integer_to_binary(I))/binary>> || I <- lists:seq(1, 8)] ++
    [{I, "t"} || I <- lists:seq(1, 5)] ++ [[I, I] || I <- lists:seq(1, 4)] ++ [[], {}, <<>>].

take_iter(_, 0) -> [];
take_iter(It, N) ->
    case maps:next(It) of
        none -> [];
        {K, V, It1} -> [{K, V} | take_iter(It1, N - 1)]
    end.

percentile(Sorted, P) ->
    N = length(Sorted),
    lists:nth(max(1, min(N, round(P / 100 * N))), Sorted).
