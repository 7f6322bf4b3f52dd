%% An event-sourced shopping-cart/order state machine: commands are
%% validated (throw on rejection), produce events, events are folded
%% into state; snapshots, replay, and a projection are compared.
-module(t_app_events).
-export([main/0]).

-record(order, {id, status = new, lines = #{}, total = 0, paid = 0, history = [], version = 0}).

main() ->
    Cmds = [{create, o1}, {add, o1, apple, 3, 50}, {add, o1, pear, 2, 75}, {add, o1, apple, 2, 50},
            {remove, o1, pear, 5}, {remove, o1, kiwi, 1}, {checkout, o1}, {add, o1, fig, 1, 10},
            {pay, o1, 100}, {pay, o1, 500}, {ship, o1}, {create, o2}, {checkout, o2}, {add, o2, melon, 1, 399},
            {cancel, o2}, {pay, o2, 1}, {create, o1}, {ship, o3}, {pay, o1, 150}, {ship, o1}, {deliver, o1}],
    {Store, Events, Rejected} = lists:foldl(fun run/2, {#{}, [], []}, Cmds),
    io:format("events (~b):~n", [length(Events)]),
    [io:format("  ~3b ~p~n", [I, E]) || {I, E} <- lists:zip(lists:seq(1, length(Events)), lists:reverse(Events))],
    io:format("rejected (~b):~n", [length(Rejected)]),
    [io:format("  ~p: ~p~n", [C, R]) || {C, R} <- lists:reverse(Rejected)],
    maps:foreach(fun(Id, O) -> print_order(Id, O) end, Store),
    %% replay from the event log must reproduce the same state
    Replayed = lists:foldl(fun(E, S) -> apply_event(E, S) end, #{}, lists:reverse(Events)),
    io:format("replay equal: ~p~n", [Replayed =:= Store]),
    %% snapshot at event 8 + rest
    {First, Rest} = lists:split(8, lists:reverse(Events)),
    Snap = lists:foldl(fun apply_event/2, #{}, First),
    io:format("snapshot orders: ~p~n",
              [[{Id, O#order.status, O#order.version} || {Id, O} <- lists:sort(maps:to_list(Snap))]]),
    io:format("snapshot+rest equal: ~p~n", [lists:foldl(fun apply_event/2, Snap, Rest) =:= Store]),
    %% projection: revenue per item from paid orders
    Rev = lists:foldl(fun({_, {line_added, Item, Q, P}}, M) -> maps:update_with(Item, fun(X) -> X + Q * P end, Q * P, M);
                         ({_, {line_removed, Item, Q, P}}, M) -> maps:update_with(Item, fun(X) -> X - Q * P end, M);
                         (_, M) -> M
                      end, #{}, lists:reverse(Events)),
    io:format("item projection: ~p~n", [lists:sort(maps:to_list(Rev))]),
    io:format("status counts: ~p~n",
              [lists:sort(maps:to_list(maps:groups_from_list(fun(#order{status = S}) -> S end,
                                                             fun(#order{id = I}) -> I end, maps:values(Store))))]),
    ok.

run(Cmd, {Store, Events, Rejected}) ->
    try decide(Cmd, Store) of
        New ->
            Store1 = lists:foldl(fun apply_event/2, Store, New),
            {Store1, lists:reverse(New) ++ Events, Rejected}
    catch
        throw:Reason -> {Store, Events, [{Cmd, Reason} | Rejected]};
        error:{badkey, K} -> {Store, Events, [{Cmd, {no_such_order, K}} | Rejected]}
    end.

get_order(Id, Store) -> maps:get(Id, Store).

decide({create, Id}, Store) ->
    case maps:is_key(Id, Store) of
        true -> throw({already_exists, Id});
        false -> [{Id, created}]
    end;
decide({add, Id, Item, Q, P}, Store) ->
    #order{status = S} = get_order(Id, Store),
    S =:= new orelse throw({not_editable, S}),
    [{Id, {line_added, Item, Q, P}}];
decide({remove, Id, Item, Q}, Store) ->
    #order{status = new, lines = L} = get_order(Id, Store),
    case maps:find(Item, L) of
        {ok, {Have, P}} -> [{Id, {line_removed, Item, min(Q, Have), P}}];
        error -> throw({no_line, Item})
    end;
decide({checkout, Id}, Store) ->
    case get_order(Id, Store) of
        #order{status = new, lines = L} when map_size(L) =:= 0 -> throw(empty_cart);
        #order{status = new, total = T} -> [{Id, {checked_out, T}}];
        #order{status = S} -> throw({bad_transition, S, checkout})
    end;
decide({pay, Id, Amount}, Store) ->
    case get_order(Id, Store) of
        #order{status = awaiting_payment, total = T, paid = P} ->
            Due = T - P,
            if Amount > Due -> throw({overpayment, Amount, Due});
               Amount =:= Due -> [{Id, {paid, Amount}}, {Id, fully_paid}];
               true -> [{Id, {paid, Amount}}]
            end;
        #order{status = S} -> throw({bad_transition, S, pay})
    end;
decide({cancel, Id}, Store) ->
    case get_order(Id, Store) of
        #order{status = S} when S =:= new; S =:= awaiting_payment -> [{Id, cancelled}];
        #order{status = S} -> throw({bad_transition, S, cancel})
    end;
decide({ship, Id}, Store) ->
    case get_order(Id, Store) of
        #order{status = paid} -> [{Id, shipped}];
        #order{status = S} -> throw({bad_transition, S, ship})
    end;
decide({deliver, Id}, Store) ->
    #order{status = shipped} = get_order(Id, Store),
    [{Id, delivered}].

apply_event({Id, created}, Store) -> Store#{Id => #order{id = Id, history = [created], version = 1}};
apply_event({Id, Ev}, Store) ->
    O = maps:get(Id, Store),
    O1 = evolve(Ev, O),
    Store#{Id := O1#order{history = [event_name(Ev) | O#order.history], version = O#order.version + 1}}.

event_name(E) when is_atom(E) -> E;
event_name(E) -> element(1, E).

evolve({line_added, Item, Q, P}, #order{lines = L, total = T} = O) ->
    L1 = maps:update_with(Item, fun({Q0, P0}) -> {Q0 + Q, P0} end, {Q, P}, L),
    O#order{lines = L1, total = T + Q * P};
evolve({line_removed, Item, Q, P}, #order{lines = L, total = T} = O) ->
    L1 = case maps:get(Item, L) of
             {Q, _} -> maps:remove(Item, L);
             {Q0, P0} -> L#{Item := {Q0 - Q, P0}}
         end,
    O#order{lines = L1, total = T - Q * P};
evolve({checked_out, _}, O) -> O#order{status = awaiting_payment};
evolve({paid, A}, #order{paid = P} = O) -> O#order{paid = P + A};
evolve(fully_paid, O) -> O#order{status = paid};
evolve(cancelled, O) -> O#order{status = cancelled};
evolve(shipped, O) -> O#order{status = shipped};
evolve(delivered, O) -> O#order{status = delivered}.

print_order(Id, #order{status = S, lines = L, total = T, paid = P, history = H, version = V}) ->
    io:format("order ~p: ~p v~b total ~s paid ~s~n", [Id, S, V, money(T), money(P)]),
    [io:format("    ~-8s x~b @ ~s~n", [Item, Q, money(Pr)]) || {Item, {Q, Pr}} <- lists:sort(maps:to_list(L))],
    io:format("    history: ~w~n", [lists:reverse(H)]).

money(C) -> io_lib:format("$~b.~2..0b", [C div 100, C rem 100]).
