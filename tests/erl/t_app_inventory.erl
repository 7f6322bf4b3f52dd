%% Warehouse inventory simulation with records, nested record updates,
%% try/catch with custom exceptions, a final report and an audit whose
%% failure is caught and reported with its stack trace.
-module(t_app_inventory).
-export([main/0]).

-record(item, {sku, name, qty = 0, price = 0.0, tags = []}).
-record(loc, {aisle, shelf}).
-record(stock, {item, loc = #loc{}, reserved = 0}).
-record(wh, {name, stock = #{}, log = [], errors = 0}).

main() ->
    W0 = #wh{name = "central"},
    Items = [#item{sku = 100 + I, name = "part-" ++ integer_to_list(I), qty = I * 3,
                   price = I * 1.25, tags = [T || T <- [heavy, fragile, cold], I rem length(atom_to_list(T)) =:= 0]}
             || I <- lists:seq(1, 12)],
    W1 = lists:foldl(fun(It, W) -> add(It, #loc{aisle = It#item.sku rem 4, shelf = It#item.sku rem 7}, W) end,
                     W0, Items),
    Ops = [{reserve, 103, 5}, {reserve, 103, 5}, {ship, 103, 4}, {ship, 103, 10},
           {restock, 105, 20}, {move, 105, #loc{aisle = 9, shelf = 1}}, {reserve, 999, 1},
           {price, 107, 1.1}, {price, 108, -1}, {ship, 112, 36}, {ship, 112, 1},
           {reserve, 101, 3}, {cancel, 101, 2}, {cancel, 101, 5}, {bogus, 1}],
    W2 = lists:foldl(fun apply_op/2, W1, Ops),
    io:format("log:~n"),
    [io:format("  ~3b ~p~n", [N, E]) || {N, E} <- lists:zip(lists:seq(1, length(W2#wh.log)), lists:reverse(W2#wh.log))],
    io:format("errors: ~b~n", [W2#wh.errors]),
    report(W2),
    ByAisle = lists:foldl(fun(#stock{loc = #loc{aisle = A}, item = #item{qty = Q}}, M) ->
                                  maps:update_with(A, fun(X) -> X + Q end, Q, M)
                          end, #{}, maps:values(W2#wh.stock)),
    io:format("qty by aisle: ~p~n", [lists:sort(maps:to_list(ByAisle))]),
    Tagged = [{T, [S || #stock{item = #item{sku = S, tags = Ts}} <- sorted(W2), lists:member(T, Ts)]}
              || T <- [heavy, fragile, cold]],
    io:format("tags: ~p~n", [Tagged]),
    S = maps:get(105, W2#wh.stock),
    io:format("105 is at ~p, record size ~b, fields ~p~n",
              [S#stock.loc, tuple_size(S), record_info(fields, stock)]),
    io:format("audit: ~p~n", [audit(W2#wh{stock = maps:remove(112, W2#wh.stock)})]),
    try audit(W2) of
        R -> io:format("audit: ~p~n", [R])
    catch
        error:Reason:Stk ->
            io:format("audit failed: ~p~n  at ~p~n", [Reason, hd(Stk)])
    end.

sorted(W) -> [S || {_, S} <- lists:keysort(1, maps:to_list(W#wh.stock))].

add(#item{sku = Sku} = It, Loc, #wh{stock = St} = W) ->
    W#wh{stock = St#{Sku => #stock{item = It, loc = Loc}}}.

apply_op(Op, W) ->
    try do(Op, W) of
        W1 -> W1#wh{log = [{ok, Op} | W1#wh.log]}
    catch
        throw:{inventory, Why} ->
            W#wh{log = [{failed, Op, Why} | W#wh.log], errors = W#wh.errors + 1};
        error:function_clause ->
            W#wh{log = [{invalid, Op} | W#wh.log], errors = W#wh.errors + 1}
    end.

fetch(Sku, #wh{stock = St}) ->
    case St of
        #{Sku := S} -> S;
        _ -> throw({inventory, {unknown_sku, Sku}})
    end.

store(#stock{item = #item{sku = Sku}} = S, W) -> W#wh{stock = (W#wh.stock)#{Sku := S}}.

do({reserve, Sku, N}, W) ->
    S = #stock{item = #item{qty = Q}, reserved = R} = fetch(Sku, W),
    if R + N > Q -> throw({inventory, {insufficient, Sku, Q - R, N}});
       true -> store(S#stock{reserved = R + N}, W)
    end;
do({cancel, Sku, N}, W) ->
    S = fetch(Sku, W),
    case S#stock.reserved - N of
        X when X < 0 -> throw({inventory, {over_cancel, Sku}});
        X -> store(S#stock{reserved = X}, W)
    end;
do({ship, Sku, N}, W) ->
    S = #stock{item = It} = fetch(Sku, W),
    Avail = It#item.qty,
    if N > Avail -> throw({inventory, {short, Sku, Avail}});
       true ->
            store(S#stock{item = It#item{qty = Avail - N},
                          reserved = max(0, S#stock.reserved - N)}, W)
    end;
do({restock, Sku, N}, W) ->
    S = fetch(Sku, W),
    store(S#stock{item = (S#stock.item)#item{qty = (S#stock.item)#item.qty + N}}, W);
do({move, Sku, #loc{} = L}, W) ->
    store((fetch(Sku, W))#stock{loc = L}, W);
do({price, Sku, F}, W) when F > 0 ->
    S = fetch(Sku, W),
    It = S#stock.item,
    store(S#stock{item = It#item{price = round(It#item.price * F * 100) / 100}}, W).

report(W) ->
    io:format("~-6s ~-8s ~5s ~5s ~8s ~9s~n", ["sku", "name", "qty", "rsv", "price", "value"]),
    io:format("~s~n", [lists:duplicate(46, $-)]),
    Total = lists:foldl(
              fun(#stock{item = #item{sku = Sku, name = N, qty = Q, price = P}, reserved = R}, Acc) ->
                      V = Q * P,
                      io:format("~-6b ~-8s ~5b ~5b ~8.2f ~9.2f~n", [Sku, N, Q, R, P, V]),
                      Acc + V
              end, 0.0, sorted(W)),
    io:format("~s~n~-33s ~12.2f~n", [lists:duplicate(46, $-), "total", Total]).

audit(W) ->
    Bad = [Sku || #stock{item = #item{sku = Sku, qty = Q}, reserved = R} <- sorted(W), R > Q orelse Q =:= 0],
    io:format("audit_bad: ~w~n", [Bad]),
    case Bad of
        [] -> ok;
        _ -> error({audit_failed, W#wh.name, Bad})
    end.
