%% Discrete-event simulation of a bank with several tellers: customer
%% arrivals (exponential inter-arrival times from rand:uniform_real),
%% service times (rand:normal, clamped), an event queue in gb_sets,
%% per-teller statistics, and a formatted summary with float output.
-module(t_app_bankqueue).
-export([main/0]).

-record(sim, {now = 0.0, events, queue, tellers, waits = [], served = 0, max_q = 0, log = []}).

main() ->
    lists:foreach(fun(Tellers) -> run(Tellers) end, [1, 2, 3, 5]),
    ok.

run(N) ->
    rand:seed(exsss, {1, 2, 3}),
    Arrivals = arrivals(0.0, 400, []),
    Events = gb_sets:from_list([{T, I, arrive} || {I, T} <- lists:zip(lists:seq(1, length(Arrivals)), Arrivals)]),
    S0 = #sim{events = Events, queue = queue:new(),
              tellers = maps:from_list([{T, {idle, 0.0, 0}} || T <- lists:seq(1, N)])},
    S = loop(S0),
    Waits = S#sim.waits,
    Sorted = lists:sort(Waits),
    Mean = lists:sum(Waits) / length(Waits),
    Sd = math:sqrt(lists:sum([(W - Mean) * (W - Mean) || W <- Waits]) / length(Waits)),
    io:format("== ~b teller(s): served ~b, sim time ~.2f min~n", [N, S#sim.served, S#sim.now]),
    io:format("   wait mean ~8.3f sd ~8.3f median ~8.3f p95 ~8.3f max ~8.3f, max queue ~b~n",
              [Mean, Sd, pct(Sorted, 50), pct(Sorted, 95), lists:last(Sorted), S#sim.max_q]),
    maps:foreach(fun(T, {_, Busy, Count}) ->
                         io:format("   teller ~b: ~3b customers, busy ~7.2f min (~5.1f%)~n",
                                   [T, Count, Busy, 100 * Busy / S#sim.now])
                 end, S#sim.tellers),
    Buckets = lists:foldl(fun(W, M) -> maps:update_with(min(6, trunc(W / 2)), fun(C) -> C + 1 end, 1, M) end,
                          #{}, Waits),
    [io:format("   wait ~s ~4b ~s~n", [label(B), C, lists:duplicate(C div 8, $*)])
     || {B, C} <- lists:sort(maps:to_list(Buckets))],
    io:format("   first events: ~p~n", [lists:sublist(lists:reverse(S#sim.log), 6)]).

label(6) -> ">=12 min ";
label(B) -> io_lib:format("~2b-~2b min", [B * 2, B * 2 + 2]).

pct(Sorted, P) -> lists:nth(max(1, round(P / 100 * length(Sorted))), Sorted).

arrivals(_, 0, Acc) -> lists:reverse(Acc);
arrivals(T, N, Acc) ->
    Gap = -math:log(1.0 - rand:uniform_real()) * 1.1,
    arrivals(T + Gap, N - 1, [T + Gap | Acc]).

service() -> max(0.5, 2.0 + rand:normal() * 0.8).

loop(S = #sim{events = E}) ->
    case gb_sets:is_empty(E) of
        true -> S;
        false ->
            {{T, Id, What}, E1} = gb_sets:take_smallest(E),
            S1 = S#sim{now = T, events = E1},
            S2 = case length(S1#sim.log) < 6 of
                     true -> S1#sim{log = [{round(T * 100) / 100, Id, What} | S1#sim.log]};
                     false -> S1
                 end,
            loop(handle(What, Id, S2))
    end.

handle(arrive, Id, S = #sim{queue = Q, now = Now}) ->
    case idle_teller(S#sim.tellers) of
        none ->
            Q1 = queue:in({Id, Now}, Q),
            S#sim{queue = Q1, max_q = max(S#sim.max_q, queue:len(Q1))};
        T -> start_service(T, Id, Now, S)
    end;
handle({done, T}, _Id, S = #sim{queue = Q, tellers = Ts, now = Now}) ->
    {busy, Busy, C, Since} = maps:get(T, Ts),
    Ts1 = Ts#{T := {idle, Busy + (Now - Since), C}},
    S1 = S#sim{tellers = Ts1, served = S#sim.served + 1},
    case queue:out(Q) of
        {empty, _} -> S1;
        {{value, {Next, Arrived}}, Q1} -> start_service(T, Next, Arrived, S1#sim{queue = Q1})
    end.

start_service(T, Id, Arrived, S = #sim{now = Now, tellers = Ts, events = E}) ->
    {idle, Busy, C} = maps:get(T, Ts),
    Dur = service(),
    S#sim{tellers = Ts#{T := {busy, Busy, C + 1, Now}},
          events = gb_sets:add({Now + Dur, Id, {done, T}}, E),
          waits = [Now - Arrived | S#sim.waits]}.

idle_teller(Ts) ->
    case lists:sort([T || {T, {idle, _, _}} <- maps:to_list(Ts)]) of
        [] -> none;
        [T | _] -> T
    end.
