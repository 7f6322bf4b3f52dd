-module(t_sys_task_prio).
-export([main/0]).

%% System tasks run at the priority they are requested with: a low-priority
%% process's collection waits while max-priority work keeps the scheduler
%% busy, unless the request itself has priority max; queued tasks run in
%% priority order, a low one after every eight normal ones.
main() ->
    erlang:system_flag(multi_scheduling, block_normal),
    Prio = process_flag(priority, max),
    Me = self(),
    Busy = spawn_opt(fun() -> Me ! running, spin() end, [{priority, max}]),
    receive running -> ok end,
    Low = spawn_opt(fun() -> receive after infinity -> ok end end, [{priority, low}]),
    R1 = request(Low, normal),
    receive {system_task_test, R1, _} = M1 -> erlang:display({early, M1})
    after 300 -> erlang:display(normal_task_waits)
    end,
    R2 = request(Low, max),
    receive {system_task_test, R2, true} -> erlang:display(max_task_done) end,
    receive {system_task_test, R1, true} -> erlang:display(normal_task_done) end,
    exit(Busy, kill),
    process_flag(priority, Prio),
    erlang:system_flag(multi_scheduling, unblock_normal),
    process_flag(priority, high),
    T = spawn(fun() -> receive after infinity -> ok end end),
    [erts_internal:request_system_task(T, low, {system_task_test, {low, N}}) || N <- [0, 1]],
    [erts_internal:request_system_task(T, normal, {system_task_test, {normal, N}})
     || N <- lists:seq(0, 9)],
    erlang:display([Id || {system_task_test, Id, true} <- recv(12)]),
    exit(T, kill),
    ok.

request(Pid, Prio) ->
    Ref = make_ref(),
    erts_internal:request_system_task(Pid, Prio, {system_task_test, Ref}),
    Ref.

recv(0) -> [];
recv(N) -> receive M -> [M | recv(N - 1)] end.

spin() -> spin().
