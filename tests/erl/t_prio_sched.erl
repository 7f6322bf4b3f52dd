-module(t_prio_sched).
-export([main/0]).

%% Process priorities in the run queue: a low-priority process runs about
%% one slice for every eight of a normal one; max and high ones run before
%% normal ones.
main() ->
    erlang:system_flag(multi_scheduling, block_normal),
    Me = self(),
    S = spawn_opt(fun() -> server(0, 0) end, [{priority, high}]),
    N = spawn_opt(fun() -> client(S, normal) end, [{priority, normal}]),
    L = spawn_opt(fun() -> client(S, low) end, [{priority, low}]),
    receive after 1000 -> ok end,
    exit(N, kill),
    exit(L, kill),
    S ! {stop, Me},
    receive
        {counts, Low, Normal} ->
            Prop = Low / Normal,
            erlang:display({low_share_ok, Prop < 1/4, Prop > 1/16})
    end,
    %% A max-priority process runs before normal ones already queued.
    Order = spawn(fun() -> collect([]) end),
    erlang:process_flag(priority, high),
    [spawn_opt(fun() -> Order ! I end, [{priority, P}])
     || {I, P} <- [{1, normal}, {2, low}, {3, max}, {4, high}, {5, normal}]],
    erlang:process_flag(priority, normal),
    receive after 100 -> ok end,
    Order ! {done, self()},
    receive {order, O} -> erlang:display(O) end,
    erlang:system_flag(multi_scheduling, unblock_normal),
    ok.

server(A, B) ->
    receive
        low -> server(A + 1, B);
        normal -> server(A, B + 1);
        {stop, P} -> P ! {counts, A, B}
    end.

client(S, Prio) ->
    S ! Prio,
    client(S, Prio).

collect(Acc) ->
    receive
        {done, P} -> P ! {order, lists:reverse(Acc)};
        I -> collect([I | Acc])
    end.
