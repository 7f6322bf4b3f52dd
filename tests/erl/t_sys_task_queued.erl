-module(t_sys_task_queued).
-export([main/0]).

%% A system task for a process already in the run queue at the task's
%% priority runs when that process comes up (before its slice), not after
%% the processes queued behind it: tasks asked of four busy processes in
%% reverse order are answered in the run queue's round-robin order. Also:
%% erts' code purger and literal area collector run at high priority.
main() ->
    erlang:system_flag(multi_scheduling, block_normal),
    process_flag(priority, high),
    Ps = [spawn_link(fun spin/0) || _ <- [1, 2, 3, 4]],
    receive after 50 -> ok end,
    [request(P) || P <- lists:reverse(Ps)],
    Order = [receive {system_task_test, P, true} -> P end || _ <- Ps],
    erlang:display(is_rotation(Order, Ps)),
    [begin unlink(P), exit(P, kill) end || P <- Ps],
    erlang:system_flag(multi_scheduling, unblock_normal),
    Purger = whereis(erts_code_purger),
    erlang:display(process_info(Purger, priority)),
    Collectors = [P || P <- processes(),
                       {current_function, {erts_literal_area_collector, _, _}}
                           <- [process_info(P, current_function)]],
    erlang:display([process_info(P, priority) || P <- Collectors]),
    ok.

request(P) ->
    erts_internal:request_system_task(P, normal, {system_task_test, P}).

%% Order is Ps started at some element.
is_rotation(Order, Ps) ->
    lists:any(fun(N) ->
                      {A, B} = lists:split(N, Ps),
                      Order =:= B ++ A
              end, lists:seq(0, length(Ps) - 1)).

spin() -> spin().
