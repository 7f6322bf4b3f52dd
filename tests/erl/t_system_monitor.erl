-module(t_system_monitor).
-export([main/0]).

%% erlang:system_monitor/0,1,2: settings, their normalisation and order,
%% errors, the monitor's exit clearing them, and long_gc / large_heap
%% reports (their keys; the sizes are the VM's own).

show(X) -> io:format("~p~n", [X]).

err(F) ->
    try F() of V -> {value, V} catch error:E -> E end.

keys(L) -> [K || {K, _} <- L].

main() ->
    Self = self(),
    show(erlang:system_monitor()),
    show(erlang:system_monitor(Self, [{long_gc, 0}])),
    show(erlang:system_monitor()),
    show(erlang:system_monitor({Self, [{large_heap, 0}]}) =:= {Self, [{long_gc, 1}]}),
    show(erlang:system_monitor() =:= {Self, [{large_heap, 16384}]}),
    All = [busy_port, {long_gc, 5}, busy_dist_port, {large_heap, 100000},
           {long_schedule, 0}, busy_port, {long_gc, 3}],
    erlang:system_monitor(Self, All),
    {Self, L1} = erlang:system_monitor(),
    show(L1),
    {Self, L2} = erlang:system_monitor(Self, [{long_gc, 1 bsl 62}, {large_heap, 1 bsl 63}]),
    show(L2 =:= L1),
    {Self, L3} = erlang:system_monitor(undefined),
    show(L3),
    show(erlang:system_monitor()),
    %% Clearing forms.
    erlang:system_monitor(Self, [busy_port]),
    show(erlang:system_monitor(Self, []) =:= {Self, [busy_port]}),
    erlang:system_monitor(Self, [busy_port]),
    show(erlang:system_monitor(undefined, bad) =:= {Self, [busy_port]}),
    show(erlang:system_monitor(foo, [])),
    %% The monitor's exit clears it.
    P = spawn(fun() -> receive die -> ok end end),
    M = monitor(process, P),
    show(erlang:system_monitor(P, [busy_port])),
    show(erlang:system_monitor() =:= {P, [busy_port]}),
    P ! die,
    receive {'DOWN', M, _, _, _} -> ok end,
    show(erlang:system_monitor()),
    %% Errors.
    Dead = P,
    [show(err(F)) || F <- [fun() -> erlang:system_monitor(atom) end,
                           fun() -> erlang:system_monitor({}) end,
                           fun() -> erlang:system_monitor({1}) end,
                           fun() -> erlang:system_monitor({1, 2, 3}) end,
                           fun() -> erlang:system_monitor({Self, atom}) end,
                           fun() -> erlang:system_monitor(atom, atom) end,
                           fun() -> erlang:system_monitor(atom, [busy_port]) end,
                           fun() -> erlang:system_monitor(Dead, [busy_port]) end,
                           fun() -> erlang:system_monitor({Self, [busy_port | busy_dist_port]}) end,
                           fun() -> erlang:system_monitor(Self, [{long_gc, -1}]) end,
                           fun() -> erlang:system_monitor({Self, [{long_gc, atom}]}) end,
                           fun() -> erlang:system_monitor(Self, [{large_heap, -1}]) end,
                           fun() -> erlang:system_monitor(Self, [{large_heap, 1 bsl 64}]) end,
                           fun() -> erlang:system_monitor(Self, [{long_schedule, 1.0}]) end,
                           fun() -> erlang:system_monitor(Self, [{long_gc, 1, 2}]) end,
                           fun() -> erlang:system_monitor(Self, [other]) end,
                           fun() -> erlang:system_monitor(Self, [{other, 1}]) end,
                           fun() -> erlang:system_monitor(make_ref()) end]],
    show(erlang:system_monitor()),
    %% large_heap: a process with a big heap collects.
    erlang:system_monitor(Self, [{large_heap, 65535}]),
    Parent = self(),
    Big = spawn_opt(fun() -> garbage_collect(), Parent ! done end,
                    [{min_heap_size, 2 * 65535}]),
    receive done -> ok end,
    R1 = erlang:trace_delivered(Big),
    receive {trace_delivered, Big, R1} -> ok end,
    receive {monitor, Big, large_heap, Info1} -> show({large_heap, keys(Info1)})
    after 1000 -> show(no_large_heap) end,
    %% Nothing about the monitor itself.
    garbage_collect(),
    %% A small heap: nothing.
    Small = spawn(fun() -> garbage_collect(), Parent ! done end),
    receive done -> ok end,
    receive {monitor, Small, _, _} = X -> show({unexpected, X}) after 100 -> ok end,
    %% long_gc, with every collection made slow.
    erts_debug:set_internal_state(available_internal_state, true),
    show(erts_debug:get_internal_state(force_heap_frags)),
    show(erts_debug:set_internal_state(test_long_gc_sleep, 30)),
    erlang:system_monitor(Self, [{long_gc, 1}]),
    Slow = spawn(fun() -> garbage_collect(), Parent ! done end),
    receive done -> ok end,
    receive {monitor, Slow, long_gc, Info2} ->
            {timeout, T} = lists:keyfind(timeout, 1, Info2),
            show({long_gc, keys(Info2), T >= 30})
    after 1000 -> show(no_long_gc) end,
    erts_debug:set_internal_state(test_long_gc_sleep, 0),
    show(erlang:system_monitor(undefined)),
    %% Other processes' collections may have been reported meanwhile.
    show(lists:usort([K || {monitor, _, K, _} <- flush()])).

flush() -> receive M -> [M | flush()] after 100 -> [] end.
